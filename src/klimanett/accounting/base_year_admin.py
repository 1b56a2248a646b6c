"""The secretariat's list of base years to recalculate, in the back office: each organisation
whose base year moved by more than 5 % since it was recorded, with a link to its restatement
page in the partner area (where the secretariat may restate it too)."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic

from klimanett.accounting.restatement import BaseYearStatus, flagged_base_years
from klimanett.accounting.templatetags.emissions import signed_percent, tonnes
from klimanett.core.roles import SecretariatOnlyMixin


def _organisation(status: BaseYearStatus) -> SafeString:
    organisation = status.base_year.organisation
    return format_html(
        '<a href="{}">{}</a>',
        reverse("accounting:organisation_restatement", args=[organisation.pk]),
        organisation.name,
    )


def _recorded(status: BaseYearStatus) -> str:
    base_year = status.base_year
    return gettext("%(tonnes)s t with %(factor_set)s (%(date)s)") % {
        "tonnes": tonnes(base_year.total_location_kg),
        "factor_set": base_year.factor_set,
        "date": date_format(timezone.localtime(base_year.recorded_at), "SHORT_DATE_FORMAT"),
    }


def _now(status: BaseYearStatus) -> str:
    if status.drift is None:
        return gettext("Cannot be calculated with %(version)s") % {"version": status.newest_version}
    location = status.drift.location
    return gettext("%(tonnes)s t with %(version)s (%(change)s)") % {
        "tonnes": tonnes(location.new_kg),
        "version": status.newest_version,
        "change": signed_percent(location.change.percent),
    }


def _cause(status: BaseYearStatus) -> str:
    causes = []
    if status.lines_changed:
        causes.append(gettext("activities changed"))
    if status.newer_set:
        causes.append(gettext("newer emission factor set"))
    return ", ".join(causes) or "–"


class BaseYearsToRecalculateView(SecretariatOnlyMixin, generic.BaseListingView):
    index_url_name = "climate_accounts_base_years"
    index_results_url_name = "climate_accounts_base_years_results"
    page_title = _("Base years to recalculate")
    header_icon = "warning"
    paginate_by = 100

    @cached_property
    def columns(self) -> list[Column]:
        return [
            Column("organisation", label=_("Organisation"), accessor=_organisation),
            Column("year", label=_("Base year"), accessor="year"),
            Column("recorded", label=_("Recorded, location-based"), accessor=_recorded),
            Column("now", label=_("Now, location-based"), accessor=_now),
            Column("cause", label=_("Why"), accessor=_cause),
        ]

    @cached_property
    def rows(self) -> list[BaseYearStatus]:
        return flagged_base_years()

    def get_queryset(self) -> list[BaseYearStatus]:
        return self.rows

    def get_page_subtitle(self) -> str:
        return ngettext(
            "%(count)s organisation's base year moved by more than 5 %%",
            "%(count)s organisations' base years moved by more than 5 %%",
            len(self.rows),
        ) % {"count": len(self.rows)}

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("climate_accounts:index"), "label": gettext("Climate accounts")},
            {"url": "", "label": self.get_page_title()},
        ]


def base_year_urls() -> list[URLPattern]:
    return [
        path(
            "klimaregnskap/basisaar/",
            BaseYearsToRecalculateView.as_view(),
            name="climate_accounts_base_years",
        ),
        path(
            "klimaregnskap/basisaar/results/",
            BaseYearsToRecalculateView.as_view(results_only=True),
            name="climate_accounts_base_years_results",
        ),
    ]
