from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from klimanett.core import privacy, two_factor
from klimanett.core.forms import DeleteAccountForm, LoginForm, TokenForm
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import requires_two_factor


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    form_class = LoginForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            if self.get_redirect_url():
                # Sent here by a page this account may not open: say so, don't loop back.
                return render(request, "403.html", status=403)
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def two_factor_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for the TOTP code; on the first login, set up the authenticator app first."""
    user = request.user
    if not requires_two_factor(user):
        raise Http404
    if two_factor.is_verified(user):
        return redirect(_safe_next(request))
    device = two_factor.confirmed_device(user)
    setting_up = device is None
    if device is None:
        device = two_factor.pending_device(user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if setting_up:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_safe_next(request))
    context = {"form": form, "setting_up": setting_up, "next": _safe_next(request, "")}
    if setting_up:
        context["qr_svg"] = two_factor.qr_code_svg(device)
        context["secret"] = two_factor.secret_for_manual_entry(device)
    return render(request, "core/two_factor.html", context)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are logged out."))
    return redirect("/")


@login_required
def privacy_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request, "core/privacy.html", {"delete_form": DeleteAccountForm(user=request.user)}
    )


@login_required
def export_personal_data_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    data = privacy.export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="klimanett-mine-data.json"'
    return response


@login_required
@require_POST
def delete_account_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "core/privacy.html", {"delete_form": form}, status=400)
    user = request.user
    logout(request)
    privacy.delete_user(user=user)
    messages.success(request, _("Your account and your personal data are deleted."))
    return redirect("/")
