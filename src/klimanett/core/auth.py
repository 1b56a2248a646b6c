"""Log-in helpers: one spelling of an e-mail address for login and for throttling."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def normalise_email(address: str) -> str:
    """E-mail addresses are compared without regard to case or surrounding spaces."""
    return address.strip().lower()


def throttling_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The address django-axes counts failures against: ``ALICE@…`` is ``alice@…``."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return normalise_email(str(raw))
