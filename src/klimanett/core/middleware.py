"""Request handling shared by the whole site: two-factor enforcement and the interface language."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from klimanett.core.roles import requires_two_factor
from klimanett.core.two_factor import is_verified

_ALWAYS_ALLOWED = ("/logg-inn/", "/logg-ut/", "/i18n/")


class SecretariatTwoFactorMiddleware:
    """Secretariat accounts must give the TOTP code before they reach anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not is_verified(user)
            and requires_two_factor(user)
            and not request.path.startswith(_ALWAYS_ALLOWED + (settings.STATIC_URL,))
        ):
            target = reverse("core:two_factor") + "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        return self.get_response(request)


class LanguageMiddleware:
    """Bokmål for everyone, unless the visitor chose nynorsk or English with the language switch.

    The browser's Accept-Language is not used: a Norwegian public site opens in bokmål, and the
    choice made with the switch is kept in Django's language cookie.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.languages else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response
