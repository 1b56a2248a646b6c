"""Personal API tokens: Wagtail's (``wagtail.models.APIToken``: shown once, kept as an HMAC
digest, revocable, last use recorded), made and revoked by contact persons in the partner area.

A token acts for its owner, but only on the organisations the owner is a contact person of
(``own_organisations``): not with the secretariat's wider reach, which the web site guards with
a second factor that a token would skip.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from klimanett.core import audit
from klimanett.core.models import User
from klimanett.partners.models import Organisation


def issue_token(*, user: User, name: str) -> tuple[APIToken, str]:
    """A new token for `user` and its plaintext, which is shown once and never kept."""
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


# Endpoints of an organisation's own data take a personal API token or, in the browser, the
# logged-in session (with its CSRF check on writes). Here rather than in ``api.urls`` so that
# the routers ``api.urls`` includes can use it.
OWN_DATA_AUTH = [BearerTokenAuth(), django_auth]
