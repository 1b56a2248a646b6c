"""Personal API tokens: Wagtail's (``wagtail.models.APIToken``: shown once, kept as an HMAC
digest, revocable, last use recorded), made and revoked by contact persons in the partner area.

A token acts for its owner, but only on the organisations the owner is a contact person of
(``own_organisations``): not with the secretariat's wider reach, which the web site guards with
a second factor that a token would skip.
"""

from __future__ import annotations

from typing import TypeVar

from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.models import Organisation

MAX_ACTIVE_TOKENS = 10


class TokenLimitReached(Exception):
    """The user has `MAX_ACTIVE_TOKENS` tokens not revoked."""


@transaction.atomic
def issue_token(*, user: User, name: str) -> tuple[APIToken, str]:
    """A new token for `user` and its plaintext, which is shown once and never kept. At most
    `MAX_ACTIVE_TOKENS` in use at a time (counted with the user's row locked)."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    if APIToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise TokenLimitReached
    token, plaintext = APIToken.create_token(user=user, name=name)
    audit.record(token, "api.token_issued", by=user, data={"name": name})
    return token, plaintext


def revoke_token(*, token: APIToken, by: User) -> None:
    if token.revoked_at is None:
        token.revoke()
        audit.record(token, "api.token_revoked", by=by)


def by_token(request: HttpRequest) -> bool:
    """Whether the request was authenticated by a token (ninja keeps what authenticated it in
    ``request.auth``: the token, or the user of a session)."""
    return isinstance(getattr(request, "auth", None), APIToken)


def own_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    """The organisations whose own data this request may read and write: with a token, those
    its owner is a contact person of; in a logged-in session, as on the web site (the
    secretariat all)."""
    from klimanett.core.roles import is_secretariat

    if not by_token(request) and is_secretariat(request.user):
        return Organisation.objects.all()
    return Organisation.objects.for_contact(request.user)


M = TypeVar("M", bound=Model)


def get_own(request: HttpRequest, queryset: QuerySet[M], pk: int, *, via: str) -> M:
    """`queryset`'s object `pk` if it belongs to one of the request's own organisations
    (``own_organisations``), the organisation reached by the lookup path `via` ("pk" for an
    organisation itself); 404 otherwise, as if it did not exist."""
    own = own_organisations(request).values("pk")
    found = queryset.filter(pk=pk, **{f"{via}__in": own}).first()
    if found is None:
        raise Http404
    return found


# Endpoints of an organisation's own data take a personal API token or, in the browser, the
# logged-in session (with its CSRF check on writes). Here rather than in ``api.urls`` so that
# the routers ``api.urls`` includes can use it.
OWN_DATA_AUTH = [BearerTokenAuth(), django_auth]
