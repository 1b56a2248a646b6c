"""The municipal emission statistics in the Wagtail admin, for the secretariat."""

from __future__ import annotations

from django.urls import URLPattern, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from klimanett.core.viewsets import SecretariatMenuItem
from klimanett.region.emission_admin import emission_import_urls


@hooks.register("register_admin_urls")
def register_emission_import() -> list[URLPattern]:
    return emission_import_urls()


@hooks.register("register_admin_menu_item")
def register_emission_import_menu_item() -> MenuItem:
    return SecretariatMenuItem(
        _("Municipal emission statistics"),
        reverse("emission_import"),
        icon_name="upload",
        order=170,
    )
