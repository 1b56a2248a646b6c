"""Request types for views: what the type checker may assume about ``request``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from klimanett.core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request from a logged-in user: the type of ``request`` in views behind ``login_required``.

    For the type checker only; Django still passes its own request objects.
    """

    user: User
