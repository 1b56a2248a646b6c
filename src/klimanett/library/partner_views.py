"""The library in the partner area: a contact person suggests resources for their
organisation and follows what became of the organisation's suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.library import contributions
from klimanett.library.contribution_forms import SuggestionForm
from klimanett.partners.access import get_organisation_for_user


@login_required
def suggestions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The organisation's suggestions and their status (its contacts and the secretariat)."""
    organisation = get_organisation_for_user(request, pk)
    return render(
        request,
        "library/partner/suggestions.html",
        {"organisation": organisation, "suggestions": contributions.suggestions_of(organisation)},
    )


@login_required
def suggest(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    form = SuggestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            themes = data.pop("themes")
            contributions.suggest(
                organisation=organisation,
                by=request.user,
                themes=themes,
                interface_language=request.LANGUAGE_CODE,
                **data,
            )
            messages.success(
                request,
                _("Thank you! The secretariat will look at the suggestion before it is published."),
            )
            return redirect(reverse("library_partner:suggestions", args=[organisation.pk]))
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    return render(
        request, "library/partner/suggest.html", {"organisation": organisation, "form": form}
    )
