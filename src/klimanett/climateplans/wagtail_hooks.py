"""Targets and action plans in the Wagtail admin: the secretariat's overview of the network."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from klimanett.climateplans.network_admin import network_urls
from klimanett.core.roles import is_secretariat


class SecretariatOnlyMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return is_secretariat(request.user)


@hooks.register("register_admin_urls")
def register_network_overview() -> list[URLPattern]:
    return network_urls()


@hooks.register("register_admin_menu_item")
def register_network_overview_menu_item() -> MenuItem:
    return SecretariatOnlyMenuItem(
        _("Network overview"), reverse("climateplans_network"), icon_name="list-ul", order=170
    )
