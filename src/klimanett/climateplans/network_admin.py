"""The secretariat's overview of the network in the back office: for a chosen year every active
partner with its scorecard (``scorecard.py``), its targets, whether any target is
1.5 °C-aligned and whether it is on track; totals at the top; filters and CSV/XLSX export.

The list is computed in a fixed number of queries however many partners: the partners (with
their municipality), their scorecards (``scorecard.scorecards``) and the filter choices. The
totals count the partners the municipality and kind filters leave, before the progress filter,
so that "behind" still shows how many of them are on track.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import URLPattern, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from klimanett.accounting.viewsets import SecretariatYearMixin, YearFilterSet
from klimanett.climateplans.scorecard import (
    Mark,
    NetworkTotals,
    Progress,
    Scorecard,
    network_totals,
    scorecards,
)
from klimanett.core.viewsets import SafeExportIndexView
from klimanett.municipalities.models import Municipality
from klimanett.partners.models import Membership, Organisation, OrganisationKind

ON_TRACK, BEHIND, NO_TARGET, NOT_ALIGNED, NO_DATA = (
    "on_track",
    "behind",
    "no_target",
    "not_aligned",
    "no_data",
)
PROGRESS_FILTERS = [
    (ON_TRACK, _("On track")),
    (BEHIND, _("Behind")),
    (NO_DATA, _("Target, but no data yet")),
    (NO_TARGET, _("No target")),
    (NOT_ALIGNED, _("No 1.5 °C-aligned target")),
]


def active_partners() -> QuerySet[Organisation]:
    """Organisations with an active partner membership."""
    active = Membership.objects.filter(
        organisation=OuterRef("pk"),
        status=Membership.Status.ACTIVE,
        type=Membership.Type.PARTNER,
    )
    return Organisation.objects.filter(Exists(active)).select_related("municipality")


def matches(card: Scorecard, wanted: str) -> bool:
    """Whether a partner's scorecard belongs under a progress filter ("" lets all through)."""
    if wanted == NOT_ALIGNED:
        return not card.any_aligned
    if wanted in (ON_TRACK, BEHIND, NO_DATA, NO_TARGET):
        return card.progress == Progress(wanted)
    return True


def _municipalities_of_partners(request: Any) -> QuerySet[Municipality]:
    return Municipality.objects.filter(pk__in=active_partners().values("municipality"))


class NetworkFilterSet(YearFilterSet):
    progress = django_filters.ChoiceFilter(
        label=_("progress"),
        choices=PROGRESS_FILTERS,
        widget=forms.RadioSelect,
        empty_label=_("All"),
        method="filter_nothing",  # the view filters on the computed scorecards
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("municipality"), queryset=_municipalities_of_partners
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=OrganisationKind.choices)

    class Meta:
        model = Organisation
        fields = ["year", "progress", "municipality", "kind"]


# --- Cells -----------------------------------------------------------------------------------


def _yes_no(value: bool) -> str:
    return Mark.YES.label if value else Mark.NO.label


def _organisation(card: Scorecard) -> SafeString:
    url = reverse("climateplans:scorecard", args=[card.organisation.pk])
    return format_html('<a href="{}?year={}">{}</a>', url, card.year, card.organisation.name)


def _aligned(card: Scorecard) -> str:
    return _yes_no(card.any_aligned) if card.has_target else "–"


def _self_assessment(card: Scorecard) -> str:
    return gettext("%(reported)s of %(total)s") % {
        "reported": card.commitments_reported,
        "total": card.commitments_total,
    }


def _certification(card: Scorecard) -> str:
    return card.mark("certification").label


class NetworkOverviewView(SecretariatYearMixin, SafeExportIndexView):
    """Every active partner's scorecard for a year, for the secretariat."""

    model = Organisation
    permission_policy = None  # checked in dispatch: the secretariat only
    any_permission_required = None
    filterset_class = NetworkFilterSet
    index_url_name = "climateplans_network"
    index_results_url_name = "climateplans_network_results"
    results_template_name = "climateplans/admin/network_results.html"
    page_title = _("Network overview")
    header_icon = "list-ul"
    default_ordering = "name"
    paginate_by = 200
    export_filename = "nettverksoversikt"
    list_export = [
        "name",
        "org_number",
        "municipality",
        "kind",
        "year",
        "account",
        "targets",
        "aligned",
        "progress",
        "action_plan",
        "certification",
        "meetings",
        "self_assessment_reported",
        "self_assessment_total",
    ]
    export_headings = {
        "name": _("Organisation"),
        "org_number": _("Organisation number"),
        "municipality": _("Municipality"),
        "kind": _("Kind"),
        "year": _("Year"),
        "account": _("Climate account delivered"),
        "targets": _("Active targets"),
        "aligned": _("1.5 °C-aligned target"),
        "progress": _("Progress"),
        "action_plan": _("Action plan up to date"),
        "certification": _("Environmental certification valid"),
        "meetings": _("Network meetings attended"),
        "self_assessment_reported": _("Commitments assessed"),
        "self_assessment_total": _("Commitments in the agreement"),
    }

    @cached_property
    def columns(self) -> list[Column]:
        return [
            Column("name", label=_("Organisation"), accessor=_organisation, sort_key="name"),
            Column(
                "municipality",
                label=_("Municipality"),
                accessor=lambda card: card.organisation.municipality.name,
            ),
            Column(
                "kind",
                label=_("Kind"),
                accessor=lambda card: card.organisation.get_kind_display(),
            ),
            Column(
                "account",
                label=_("Account delivered"),
                accessor=lambda card: _yes_no(card.account_delivered),
            ),
            Column("targets", label=_("Targets"), accessor=lambda card: len(card.targets)),
            Column("aligned", label=_("1.5 °C-aligned"), accessor=_aligned),
            Column("progress", label=_("Progress"), accessor=lambda card: card.progress.label),
            Column(
                "action_plan",
                label=_("Action plan up to date"),
                accessor=lambda card: _yes_no(card.plan_up_to_date),
            ),
            Column("certification", label=_("Certification valid"), accessor=_certification),
            Column("self_assessment", label=_("Self-assessment"), accessor=_self_assessment),
        ]

    def get_base_queryset(self) -> QuerySet[Organisation]:
        return active_partners()

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def progress_filter(self) -> str:
        filters = self.filters
        if filters is None or not filters.is_valid():
            return ""
        return filters.form.cleaned_data.get("progress") or ""

    @cached_property
    def cards(self) -> list[Scorecard]:
        """The scorecards of the partners the municipality and kind filters leave, in the
        listing's order."""
        organisations = list(super().get_queryset())
        by_id = scorecards(organisations, year=self.year)
        return [by_id[organisation.pk] for organisation in organisations]

    @cached_property
    def totals(self) -> NetworkTotals:
        return network_totals(self.cards)

    def get_queryset(self) -> list[Scorecard]:
        return [card for card in self.cards if matches(card, self.progress_filter)]

    def get_page_subtitle(self) -> str:
        return gettext("Targets and agreement follow-up in %(year)s") % {"year": self.year}

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["totals"] = self.totals
        context["year"] = self.year
        return context

    def to_row_dict(self, item: Scorecard) -> dict[str, Any]:
        organisation = item.organisation
        return {
            "name": organisation.name,
            "org_number": organisation.org_number,
            "municipality": organisation.municipality.name,
            "kind": organisation.get_kind_display(),
            "year": item.year,
            "account": _yes_no(item.account_delivered),
            "targets": len(item.targets),
            "aligned": _aligned(item),
            "progress": item.progress.label,
            "action_plan": _yes_no(item.plan_up_to_date),
            "certification": _certification(item),
            "meetings": item.events_attended,
            "self_assessment_reported": item.commitments_reported,
            "self_assessment_total": item.commitments_total,
        }


def network_urls() -> list[URLPattern]:
    return [
        path("nettverk/", NetworkOverviewView.as_view(), name="climateplans_network"),
        path(
            "nettverk/results/",
            NetworkOverviewView.as_view(results_only=True),
            name="climateplans_network_results",
        ),
    ]
