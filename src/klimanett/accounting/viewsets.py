"""The secretariat's follow-up of climate accounts in the back office.

Read-only: partners start and fill in their accounts, and the secretariat approves them on the
account's own page in the partner area (``/min-side/klimaregnskap/<pk>/``). The back office lists
them with their totals, filters and exports them, shows which active partners are late (and
reminds them by e-mail), the flagged checks with the partners' explanations, and which
categories each partner's account covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import BaseButton, Button
from wagtail.permission_policies import ModelPermissionPolicy

from klimanett.accounting import factor_library
from klimanett.accounting.follow_up import (
    CompletenessRow,
    account_categories,
    completeness,
    flagged_accounts,
    late_partners,
)
from klimanett.accounting.ghg.calculate import ActivityLine, ScopeTotals
from klimanett.accounting.models import AccountLine, ClimateAccount
from klimanett.accounting.reminders import send_reminders
from klimanett.accounting.selectors import CATEGORY_NAMES, FindingMessage
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.core.roles import SecretariatOnlyMixin, is_secretariat
from klimanett.core.viewsets import ReadOnlyModelViewSet, SafeExportIndexView
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import Organisation

# --- Access ---------------------------------------------------------------------------------


class SecretariatReadOnlyPolicy(ModelPermissionPolicy):
    """The secretariat may view climate accounts in the back office; nobody changes them there.

    Accounts change only through the partner area and its services (submit, approve, return),
    which keep the workflow and the audit history.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action == "view" and is_secretariat(user)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> QuerySet[Any]:
        if any(self.user_has_permission(user, action) for action in actions):
            return self.model._default_manager.all()
        return self.model._default_manager.none()


# --- Totals without a query per account -----------------------------------------------------


def totals_of(account: ClimateAccount) -> ScopeTotals | None:
    """The account's scope totals from its prefetched lines (None if a line cannot be computed,
    say an activity the factor set no longer has)."""
    try:
        return factor_library.calculator(account.factor_set, account.year).totals(
            ActivityLine(activity=line.activity, quantity=float(line.quantity), unit=line.unit)
            for line in account.lines.all()
        )
    except (LookupError, ValueError):
        return None


def _tonnes(kg: float | None) -> float | None:
    return None if kg is None else round(kg / 1000, 3)


def total_location_t(account: ClimateAccount) -> float | None:
    totals = totals_of(account)
    return _tonnes(totals.total_location_kg if totals else None)


def total_market_t(account: ClimateAccount) -> float | None:
    totals = totals_of(account)
    return _tonnes(totals.total_market_kg if totals else None)


def _shown_tonnes(value: float | None) -> str:
    if value is None:
        return "–"
    # number_format cuts decimals off; round first.
    return number_format(round(value, 2), decimal_pos=2, force_grouping=True)


def _shown_date(account: ClimateAccount) -> str:
    if account.submitted_at is None:
        return ""
    return date_format(timezone.localtime(account.submitted_at), "SHORT_DATE_FORMAT")


def accounts_for_back_office() -> QuerySet[ClimateAccount]:
    """Accounts with their organisation, municipality and lines, in a fixed number of queries."""
    return ClimateAccount.objects.select_related(
        "organisation", "organisation__municipality"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=AccountLine.objects.only("account_id", "activity", "quantity", "unit"),
        )
    )


# --- The list of accounts --------------------------------------------------------------------


def _account_years() -> list[tuple[int, str]]:
    years = ClimateAccount.objects.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


def _municipalities_with_accounts(request: Any) -> QuerySet[Municipality]:
    return Municipality.objects.filter(
        pk__in=ClimateAccount.objects.values("organisation__municipality")
    )


class ClimateAccountFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("year"), choices=_account_years, widget=forms.RadioSelect, empty_label=_("All")
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("municipality"),
        field_name="organisation__municipality",
        queryset=_municipalities_with_accounts,
    )

    class Meta:
        model = ClimateAccount
        fields = ["year", "status", "municipality"]


class ClimateAccountIndexView(SafeExportIndexView):
    def get_base_queryset(self) -> QuerySet[ClimateAccount]:
        return accounts_for_back_office()

    def to_row_dict(self, item: ClimateAccount) -> dict[str, Any]:
        return {
            "organisation": item.organisation.name,
            "org_number": item.organisation.org_number,
            "municipality": item.organisation.municipality.name,
            "year": item.year,
            "status": item.get_status_display(),
            "submitted_at": timezone.localtime(item.submitted_at).date()
            if item.submitted_at
            else None,
            "factor_set": item.factor_set,
            "total_location_t": total_location_t(item),
            "total_market_t": total_market_t(item),
        }


class ClimateAccountInspectView(generic.InspectView):
    object: ClimateAccount

    def get_object(self, queryset: QuerySet[ClimateAccount] | None = None) -> ClimateAccount:
        return accounts_for_back_office().get(pk=self.pk)

    def get_submitted_at_display_value(self) -> str:
        return _shown_date(self.object)

    def get_approved_at_display_value(self) -> str:
        approved = self.object.approved_at
        return date_format(timezone.localtime(approved), "SHORT_DATE_FORMAT") if approved else ""

    def get_total_location_t_display_value(self) -> str:
        return _shown_tonnes(total_location_t(self.object))

    def get_total_market_t_display_value(self) -> str:
        return _shown_tonnes(total_market_t(self.object))

    def get_field_label(self, field_name: str, field: Any) -> str:
        labels = {
            "total_location_t": gettext("Total, location-based (t CO2e)"),
            "total_market_t": gettext("Total, market-based (t CO2e)"),
        }
        if field_name in labels:
            return labels[field_name]
        return str(super().get_field_label(field_name, field))

    @cached_property
    def header_more_buttons(self) -> list[Button]:
        return [
            Button(
                gettext("Open the account (approve or return)"),
                url=self.object.get_absolute_url(),
                icon_name="view",
                priority=10,
            ),
            *super().header_more_buttons,
        ]


_EXPORT_HEADINGS = {
    "organisation": _("Organisation"),
    "org_number": _("Organisation number"),
    "municipality": _("Municipality"),
    "year": _("Year"),
    "status": _("Status"),
    "submitted_at": _("Submitted"),
    "factor_set": _("Emission factor set"),
    "total_location_t": _("Total, location-based (t CO2e)"),
    "total_market_t": _("Total, market-based (t CO2e)"),
}


class ClimateAccountViewSet(ReadOnlyModelViewSet):
    """Climate accounts for the secretariat: list, search, filter, export and inspect."""

    model = ClimateAccount
    name = "climate_accounts"
    icon = "table"
    menu_label = _("Climate accounts")
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = ClimateAccountIndexView
    inspect_view_class = ClimateAccountInspectView
    filterset_class = ClimateAccountFilterSet
    search_fields = ["organisation__name"]
    ordering = ["organisation__name", "-year"]
    list_per_page = 50
    list_display = [
        "organisation",
        "year",
        "status",
        Column("submitted_at", label=_("Submitted"), accessor=_shown_date),
        Column(
            "total_location_t",
            label=_("Location-based (t CO2e)"),
            accessor=lambda account: _shown_tonnes(total_location_t(account)),
        ),
        Column(
            "total_market_t",
            label=_("Market-based (t CO2e)"),
            accessor=lambda account: _shown_tonnes(total_market_t(account)),
        ),
    ]
    list_export = list(_EXPORT_HEADINGS)
    export_headings = _EXPORT_HEADINGS
    export_filename = "klimaregnskap"
    inspect_view_fields = [
        "organisation",
        "year",
        "status",
        "factor_set",
        "employees",
        "revenue_nok",
        "heated_area_m2",
        "publish",
        "submitted_at",
        "submitted_by",
        "approved_at",
        "approved_by",
        "total_location_t",
        "total_market_t",
    ]


# --- Follow-up of a year: shared parts -------------------------------------------------------


def _default_year() -> int:
    """Accounts are reported for last year."""
    return timezone.localdate().year - 1


def _year_from(value: str | None) -> int:
    try:
        year = int(value or "")
    except ValueError:
        return _default_year()
    return year if 2000 <= year <= 2100 else _default_year()


def _late_years() -> list[tuple[int, str]]:
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - 8, -1)]


class YearFilterSet(WagtailFilterSet):
    year = django_filters.TypedChoiceFilter(
        label=_("year"),
        choices=_late_years,
        coerce=int,
        widget=forms.RadioSelect,
        method="filter_nothing",  # the view reads the year: it has a default
    )

    class Meta:
        model = Organisation
        fields = ["year"]

    def filter_nothing(
        self, queryset: QuerySet[Organisation], name: str, value: Any
    ) -> QuerySet[Organisation]:
        return queryset


LatePartnersFilterSet = YearFilterSet


class SecretariatYearMixin(SecretariatOnlyMixin, generic.BaseListingView):
    """For the secretariat only; for the year in the query string, last year by default."""

    request: Any
    breadcrumbs_items: list[dict[str, Any]]
    filterset_class = YearFilterSet
    paginate_by = 100

    @cached_property
    def year(self) -> int:
        return _year_from(self.request.GET.get("year"))

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("climate_accounts:index"), "label": gettext("Climate accounts")},
            {"url": "", "label": self.get_page_title()},
        ]


class PostButton(BaseButton):
    """A header button that posts a small form (with the CSRF token) instead of linking."""

    def __init__(self, label: str, url: str, *, data: dict[str, str], **kwargs: Any) -> None:
        super().__init__(label, url=url, **kwargs)
        self.data = data

    def render_html(self, parent_context: Any = None) -> SafeString:
        request = parent_context.get("request") if parent_context is not None else None
        hidden = format_html_join(
            "", '<input type="hidden" name="{}" value="{}">', self.data.items()
        )
        return format_html(
            '<form method="post" action="{}">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}'
            '<button type="submit" class="button button-secondary w-h-slim-header">{}</button>'
            "</form>",
            self.url,
            get_token(request) if request is not None else "",
            hidden,
            self.label,
        )


# --- Who is late -----------------------------------------------------------------------------


def _draft_status(organisation: Organisation) -> str:
    drafts = getattr(organisation, "draft_years", None)
    return gettext("Draft started") if drafts else gettext("Not started")


class LatePartnersView(SecretariatYearMixin, SafeExportIndexView):
    """Active partners that have not submitted their climate account for a chosen year."""

    model = Organisation
    permission_policy = None  # checked in dispatch: the secretariat only
    any_permission_required = None
    index_url_name = "climate_accounts_late"
    index_results_url_name = "climate_accounts_late_results"
    page_title = _("Late climate accounts")
    header_icon = "warning"
    default_ordering = "name"
    export_filename = "sene-klimaregnskap"
    list_export = ["name", "org_number", "municipality", "account"]
    export_headings = {
        "name": _("Organisation"),
        "org_number": _("Organisation number"),
        "municipality": _("Municipality"),
        "account": _("Climate account"),
    }

    @cached_property
    def columns(self) -> list[Column]:
        return [
            Column("name", label=_("Organisation"), sort_key="name"),
            Column("org_number", label=_("Organisation number")),
            Column("municipality", label=_("Municipality"), accessor="municipality.name"),
            Column("account", label=_("Climate account"), accessor=_draft_status),
        ]

    def get_base_queryset(self) -> QuerySet[Organisation]:
        drafts = ClimateAccount.objects.filter(
            organisation=OuterRef("pk"), year=self.year, status=ClimateAccount.Status.DRAFT
        )
        return late_partners(self.year).annotate(draft_years=Exists(drafts))

    @cached_property
    def late_count(self) -> int:
        return self.get_base_queryset().count()

    def get_page_subtitle(self) -> str:
        return ngettext(
            "%(count)s active partner has not submitted the account for %(year)s",
            "%(count)s active partners have not submitted the account for %(year)s",
            self.late_count,
        ) % {"count": self.late_count, "year": self.year}

    @cached_property
    def header_buttons(self) -> list[BaseButton]:
        if not self.late_count:
            return []
        return [
            PostButton(
                gettext("E-mail a reminder to the late partners"),
                url=reverse("climate_accounts_late_remind"),
                data={"year": str(self.year)},
            )
        ]

    def to_row_dict(self, item: Organisation) -> dict[str, Any]:
        return {
            "name": item.name,
            "org_number": item.org_number,
            "municipality": item.municipality.name,
            "account": _draft_status(item),
        }


@require_POST
def remind_late_partners(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Send the late partners of the posted year a reminder, and say how many got one."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    year = _year_from(request.POST.get("year"))
    count = send_reminders(year=year, by=request.user)
    messages.success(
        request,
        ngettext(
            "A reminder of the account for %(year)s was e-mailed to %(count)s partner.",
            "A reminder of the account for %(year)s was e-mailed to %(count)s partners.",
            count,
        )
        % {"count": count, "year": year},
    )
    return HttpResponseRedirect(f"{reverse('climate_accounts_late')}?year={year}")


# --- Flagged checks with the partners' explanations ------------------------------------------


@dataclass(frozen=True)
class FlaggedRow:
    account: ClimateAccount
    finding: FindingMessage


def _account_link(row: FlaggedRow) -> SafeString:
    return format_html(
        '<a href="{}">{}</a>', row.account.get_absolute_url(), row.account.organisation.name
    )


def _explanation(row: FlaggedRow) -> str:
    return row.finding.explanation or gettext("No explanation")


class FlaggedChecksView(SecretariatYearMixin, generic.BaseListingView):
    """Each finding of the checks on the year's submitted and approved accounts, with the
    partner's explanation."""

    index_url_name = "climate_accounts_flagged"
    index_results_url_name = "climate_accounts_flagged_results"
    page_title = _("Flagged checks")
    header_icon = "warning"
    paginate_by = 200

    @cached_property
    def columns(self) -> list[Column]:
        return [
            Column("organisation", label=_("Organisation"), accessor=_account_link),
            Column(
                "status", label=_("Status"), accessor=lambda row: row.account.get_status_display()
            ),
            Column("finding", label=_("Check"), accessor=lambda row: row.finding.message),
            Column("explanation", label=_("Explanation"), accessor=_explanation),
        ]

    @cached_property
    def rows(self) -> list[FlaggedRow]:
        return [
            FlaggedRow(account=flagged.account, finding=finding)
            for flagged in flagged_accounts(self.year)
            for finding in flagged.findings
        ]

    def get_queryset(self) -> list[FlaggedRow]:
        return self.rows

    def get_page_subtitle(self) -> str:
        accounts = len({row.account.pk for row in self.rows})
        return ngettext(
            "%(count)s account for %(year)s with points to explain",
            "%(count)s accounts for %(year)s with points to explain",
            accounts,
        ) % {"count": accounts, "year": self.year}


# --- Completeness: which categories each account covers ---------------------------------------


def _covered_cell(covered: bool) -> SafeString:
    if covered:
        return format_html(
            '<span aria-hidden="true">✓</span><span class="w-sr-only">{}</span>',
            gettext("covered"),
        )
    return format_html(
        '<span aria-hidden="true">–</span><span class="w-sr-only">{}</span>',
        gettext("not covered"),
    )


def _completeness_status(row: CompletenessRow) -> str:
    return row.account.get_status_display() if row.account else gettext("Not started")


def _completeness_organisation(row: CompletenessRow) -> SafeString | str:
    if row.account is None:
        return row.organisation.name
    return format_html('<a href="{}">{}</a>', row.account.get_absolute_url(), row.organisation.name)


class CompletenessView(SecretariatYearMixin, generic.BaseListingView):
    """Partners (rows) by scope and category (columns): which categories each account of the
    year covers, with at least one line."""

    index_url_name = "climate_accounts_completeness"
    index_results_url_name = "climate_accounts_completeness_results"
    page_title = _("Completeness of climate accounts")
    header_icon = "table"

    @cached_property
    def columns(self) -> list[Column]:
        categories = [
            Column(
                f"category_{category}",
                label=gettext("Scope %(scope)s: %(category)s")
                % {"scope": scope, "category": capfirst(CATEGORY_NAMES.get(category, category))},
                accessor=lambda row, category=category: _covered_cell(category in row.covered),
            )
            for scope, category in account_categories()
        ]
        return [
            Column("organisation", label=_("Organisation"), accessor=_completeness_organisation),
            Column("status", label=_("Status"), accessor=_completeness_status),
            *categories,
        ]

    @cached_property
    def rows(self) -> list[CompletenessRow]:
        return completeness(self.year)

    def get_queryset(self) -> list[CompletenessRow]:
        return self.rows

    def get_page_subtitle(self) -> str:
        return gettext("Which categories each account for %(year)s covers") % {"year": self.year}


def late_partners_urls() -> list[URLPattern]:
    """The follow-up views of a year: late partners and reminders, flagged checks, completeness."""
    return [
        path("klimaregnskap/sene/", LatePartnersView.as_view(), name="climate_accounts_late"),
        path(
            "klimaregnskap/sene/results/",
            LatePartnersView.as_view(results_only=True),
            name="climate_accounts_late_results",
        ),
        path(
            "klimaregnskap/sene/paaminnelse/",
            remind_late_partners,
            name="climate_accounts_late_remind",
        ),
        path("klimaregnskap/avvik/", FlaggedChecksView.as_view(), name="climate_accounts_flagged"),
        path(
            "klimaregnskap/avvik/results/",
            FlaggedChecksView.as_view(results_only=True),
            name="climate_accounts_flagged_results",
        ),
        path(
            "klimaregnskap/kompletthet/",
            CompletenessView.as_view(),
            name="climate_accounts_completeness",
        ),
        path(
            "klimaregnskap/kompletthet/results/",
            CompletenessView.as_view(results_only=True),
            name="climate_accounts_completeness_results",
        ),
    ]
