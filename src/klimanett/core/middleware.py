"""Two-factor login is required for secretariat accounts before they reach anything else."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from klimanett.core.roles import requires_two_factor

_ALWAYS_ALLOWED = ("/logg-inn/", "/logg-ut/", "/i18n/")


class SecretariatTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and requires_two_factor(user)
            and not request.path.startswith(_ALWAYS_ALLOWED + (settings.STATIC_URL,))
        ):
            target = reverse("core:two_factor") + "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)
