"""Personal API tokens in the partner area (/min-side/api-nokler/): a contact person lists,
makes and revokes their own tokens (``api.tokens``).

A new token's plaintext is shown once, in the response to the form that made it: it is never
put in the session, a message or a log, and cannot be shown again (only its digest is kept).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.models import APIToken

from klimanett.api.tokens import MAX_ACTIVE_TOKENS, TokenLimitReached, issue_token, revoke_token
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.models import User
from klimanett.core.rendering import StyledFormMixin

NAME_MAX_LENGTH = 100


class TokenForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=gettext_lazy(
            "What the token is for, so that you know it again: for example “Upload from "
            "the accounting system”."
        ),
    )


def _has_tokens_or_contacts(user: User) -> None:
    """Tokens act on the organisations their owner is a contact person of, so only contact
    persons make them; someone who no longer is one still sees and revokes their own."""
    if not user.contacts.exists() and not APIToken.objects.filter(user=user).exists():
        raise Http404


def _tokens_of(user: User) -> list[APIToken]:
    return list(APIToken.objects.filter(user=user).order_by("-created"))


@never_cache
@login_required
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    _has_tokens_or_contacts(request.user)
    can_make = request.user.contacts.exists()
    if request.method == "POST" and not can_make:
        raise Http404  # no organisation a new token could act on
    form = TokenForm(request.POST or None)
    context: dict[str, object] = {"form": form, "can_make": can_make}
    if request.method == "POST":
        if form.is_valid():
            try:
                token, plaintext = issue_token(user=request.user, name=form.cleaned_data["name"])
            except TokenLimitReached:
                limit = _(
                    "You have %(count)s tokens in use, the most one can have. Revoke one "
                    "you no longer use first."
                ) % {"count": MAX_ACTIVE_TOKENS}
                form.add_error(None, limit)
                messages.error(request, limit)  # the reason at the top, not "correct the fields"
            else:
                # Shown in this response only, never stored (the page is not cached either).
                context |= {
                    "new_token": token,
                    "plaintext": plaintext,
                    "example_url": request.build_absolute_uri(reverse("api:api-root")),
                    "form": TokenForm(),
                }
        elif form.errors:
            messages.error(request, _("No token was made. Correct the fields marked below."))
    context["tokens"] = _tokens_of(request.user)
    return render(request, "api/tokens.html", context)


@never_cache
@login_required
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A confirmation page, and the revocation when it is confirmed (POST)."""
    _has_tokens_or_contacts(request.user)
    token = get_object_or_404(APIToken, pk=pk, user=request.user, revoked_at__isnull=True)
    if request.method == "POST":
        revoke_token(token=token, by=request.user)
        messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
        return redirect("api_tokens")
    return render(request, "api/token_revoke.html", {"token": token})


def personal_data_of(user: User) -> list[dict[str, object]]:
    """The provider for ``core.privacy``'s export: the user's API tokens, without their digest.
    The tokens go with the account when it is deleted (the foreign key cascades)."""
    return [
        {
            "name": token.name,
            "prefix": token.prefix,
            "created": token.created.isoformat(),
            "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
            "revoked": token.revoked_at.isoformat() if token.revoked_at else None,
        }
        for token in APIToken.objects.filter(user=user).order_by("created")
    ]
