"""The agreement follow-up in the partner area: the organisation's scorecard for a year."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klimanett.climateplans.evaluation import TargetEvaluation
from klimanett.climateplans.scorecard import Item, Mark, Progress, Scorecard, scorecard
from klimanett.core.http import AuthenticatedHttpRequest
from klimanett.partners import selectors
from klimanett.partners.access import get_organisation_for_user
from klimanett.partners.models import Organisation

# The colour of a mark's tag; the mark's word always says the same, so colour is never alone.
MARK_COLORS = {
    Mark.YES: "success",
    Mark.PARTLY: "warning",
    Mark.NO: "danger",
    Mark.NO_DATA: "neutral",
    Mark.NOT_RECORDED: "neutral",
}
FIX_LABELS: dict[str, Promise] = {
    "account": _("Climate accounts"),
    "target": _("Targets"),
    "on_track": _("Targets and climate budget"),
    "action_plan": _("Action plan"),
    "certification": _("Environmental certification"),
    "self_assessment": _("Fill in the self-assessment"),
}


@dataclass(frozen=True)
class ScorecardRow:
    item: Item
    fix_url: str  # where to act on the row; empty where there is nothing to do in Klimanett

    @property
    def color(self) -> str:
        return MARK_COLORS[self.item.mark]

    @property
    def fix_label(self) -> str:
        return str(FIX_LABELS.get(self.item.key, ""))


def default_year(years: list[int]) -> int:
    """Last year, whose account and self-assessment are due, if the organisation reports for
    it; else the newest year it reports for."""
    last_year = timezone.localdate().year - 1
    return last_year if last_year in years else years[0]


def chosen_year(raw: str | None, years: list[int]) -> int:
    try:
        year = int(raw or "")
    except ValueError:
        return default_year(years)
    return year if year in years else default_year(years)


def fix_urls(organisation: Organisation, year: int, years: list[int]) -> dict[str, str]:
    """Where each row of the scorecard is put right."""
    detail = organisation.get_absolute_url()
    targets = reverse("climateplans:target_list", args=[organisation.pk])
    return {
        "account": reverse("accounting:account_list", args=[organisation.pk]),
        "target": targets,
        "on_track": targets,
        "action_plan": reverse("climateplans:action_plan", args=[organisation.pk]),
        "certification": f"{detail}#certifications-heading",
        "meetings": "",
        "self_assessment": reverse("partners:commitments_edit", args=[organisation.pk, year])
        if year in years
        else "",
    }


def scorecard_rows(card: Scorecard, urls: dict[str, str]) -> list[ScorecardRow]:
    return [ScorecardRow(item=item, fix_url=urls.get(item.key, "")) for item in card.items()]


@dataclass(frozen=True)
class TargetRow:
    evaluation: TargetEvaluation

    @property
    def aligned(self) -> str:
        aligned = self.evaluation.aligned_1_5c
        if aligned is None:
            return gettext("Does not apply")
        return str(Mark.YES.label if aligned else Mark.NO.label)

    @property
    def progress(self) -> Progress:
        if self.evaluation.on_track is None:
            return Progress.NO_DATA
        return Progress.ON_TRACK if self.evaluation.on_track else Progress.BEHIND

    @property
    def color(self) -> str:
        return PROGRESS_COLORS[self.progress]


PROGRESS_COLORS = {
    Progress.ON_TRACK: "success",
    Progress.BEHIND: "danger",
    Progress.NO_DATA: "neutral",
    Progress.NO_TARGET: "neutral",
}


@login_required
def scorecard_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    organisation = get_organisation_for_user(request, pk)
    years = selectors.reporting_years(organisation)
    year = chosen_year(request.GET.get("year"), years)
    card = scorecard(organisation, year=year)
    context = {
        "organisation": organisation,
        "year": year,
        "years": years,
        "card": card,
        "rows": scorecard_rows(card, fix_urls(organisation, year, years)),
        "target_rows": [TargetRow(evaluation) for evaluation in card.targets],
    }
    return render(request, "climateplans/scorecard.html", context)
