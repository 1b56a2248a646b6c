"""Climate accounts in the Wagtail admin: the secretariat's read-only list, the follow-up of a
year (late list with reminders, flagged checks, completeness) and the base years to
recalculate."""

from __future__ import annotations

from django.urls import URLPattern, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from klimanett.accounting.base_year_admin import base_year_urls
from klimanett.accounting.factor_set_admin import factor_set_urls
from klimanett.accounting.models import ClimateAccount
from klimanett.accounting.viewsets import (
    ClimateAccountViewSet,
    SecretariatReadOnlyPolicy,
    late_partners_urls,
)
from klimanett.core.viewsets import SecretariatMenuItem

# Before the viewset asks for a policy (the secretariat group has no accounting permissions).
register_permission_policy(ClimateAccount, SecretariatReadOnlyPolicy(ClimateAccount))


@hooks.register("register_admin_viewset")
def register_climate_accounts() -> ClimateAccountViewSet:
    return ClimateAccountViewSet()


@hooks.register("register_admin_urls")
def register_late_partners() -> list[URLPattern]:
    return late_partners_urls()


@hooks.register("register_admin_menu_item")
def register_late_partners_menu_item() -> MenuItem:
    return SecretariatMenuItem(
        _("Late climate accounts"),
        reverse("climate_accounts_late"),
        icon_name="warning",
        order=161,
    )


@hooks.register("register_admin_menu_item")
def register_flagged_checks_menu_item() -> MenuItem:
    return SecretariatMenuItem(
        _("Flagged checks"),
        reverse("climate_accounts_flagged"),
        icon_name="warning",
        order=162,
    )


@hooks.register("register_admin_menu_item")
def register_completeness_menu_item() -> MenuItem:
    return SecretariatMenuItem(
        _("Completeness of climate accounts"),
        reverse("climate_accounts_completeness"),
        icon_name="table",
        order=163,
    )


@hooks.register("register_admin_urls")
def register_base_years() -> list[URLPattern]:
    return base_year_urls()


@hooks.register("register_admin_menu_item")
def register_base_years_menu_item() -> MenuItem:
    return SecretariatMenuItem(
        _("Base years to recalculate"),
        reverse("climate_accounts_base_years"),
        icon_name="warning",
        order=164,
    )


@hooks.register("register_admin_urls")
def register_factor_sets() -> list[URLPattern]:
    return factor_set_urls()


@hooks.register("register_admin_menu_item")
def register_factor_sets_menu_item() -> MenuItem:
    return SecretariatMenuItem(
        _("Emission factor sets"), reverse("factor_sets"), icon_name="table", order=165
    )
