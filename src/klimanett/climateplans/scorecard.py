"""The agreement follow-up of a partner's year: a scorecard of seven rows, for one organisation
(its own page in the partner area) or for the whole network at once (the secretariat's
overview), in a fixed number of queries however many organisations.

What each row says, for year Y ("as of" is 31 December of Y, or today while Y is running):

- **Climate account**: the account for Y is submitted or approved (a draft does not count).
- **Climate target**: the organisation has an active target. Targets keep no history of when
  they were active, so this is the targets as they stand now.
- **On track**: each active target is compared with the accounts up to Y (``evaluation``):
  behind if any target is behind, on track if at least one is on track and none is behind,
  "no data yet" when no target has an account after its base year to compare with.
- **Action plan up to date**: the plan had measures by "as of" (not counting dropped ones),
  and it was followed up within its cadence before "as of": a status report or a change of the
  plan in the last 12 months (yearly) or 4 months (three times a year), or a measure changed
  during Y. Only the latest change of a measure or the plan is kept, so an old year can lose a
  change that a later edit overwrote. (``follow_up`` tells each measure's report deadlines on
  the plan's own page; this row is the simpler yearly view of the same habit.)
- **Environmental certification**: a certificate valid on "as of"; a planned one counts as
  partly there.
- **Network meetings**: the events of the network that started in Y where at least one of the
  organisation's people was checked in (``events.attendance``); yes from one event.
- **Self-assessment**: how many of the agreement's active commitments have a status for Y.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, F, Func, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.actuals import figures_by_organisation
from klimanett.climateplans.evaluation import TargetEvaluation, evaluate_targets
from klimanett.climateplans.models import ActionPlan, Measure, Target
from klimanett.events.attendance import events_attended
from klimanett.partners.models import Certification, Commitment, CommitmentStatus, Organisation

# How far back a status report or a change of the plan counts as following the plan up.
FOLLOW_UP_WINDOW = {
    ActionPlan.Cadence.YEARLY: datetime.timedelta(days=365),
    ActionPlan.Cadence.THREE_TIMES: datetime.timedelta(days=122),
}
DELIVERED = (ClimateAccount.Status.SUBMITTED, ClimateAccount.Status.APPROVED)


class Mark(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NO_DATA = "no_data"
    NOT_RECORDED = "not_recorded"

    @property
    def label(self) -> str:
        return str(MARK_LABELS[self])


MARK_LABELS: dict[Mark, Promise] = {
    Mark.YES: _("Yes"),
    Mark.PARTLY: _("Partly"),
    Mark.NO: _("No"),
    Mark.NO_DATA: _("No data yet"),
    Mark.NOT_RECORDED: _("Not recorded yet"),
}


class Progress(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"
    NO_TARGET = "no_target"

    @property
    def label(self) -> str:
        return str(PROGRESS_LABELS[self])


PROGRESS_LABELS: dict[Progress, Promise] = {
    Progress.ON_TRACK: _("On track"),
    Progress.BEHIND: _("Behind"),
    Progress.NO_DATA: _("No data yet"),
    Progress.NO_TARGET: _("No target"),
}


@dataclass(frozen=True)
class PlanFacts:
    cadence: str
    measures: int  # not counting dropped ones
    last_follow_up: datetime.date | None  # the latest status report or change of the plan
    measure_changed: datetime.date | None  # the latest change of a measure


@dataclass(frozen=True)
class Item:
    """One row of the scorecard: what it is, how it stands, and a plain explanation."""

    key: str
    label: str
    mark: Mark
    explanation: str


ITEM_LABELS: dict[str, Promise] = {
    "account": _("Climate account delivered"),
    "target": _("Climate target set"),
    "on_track": _("On track towards the target"),
    "action_plan": _("Action plan up to date"),
    "certification": _("Environmental certification valid"),
    "meetings": _("Network meetings attended"),
    "self_assessment": _("Self-assessment of the commitments filled in"),
}


def _date(value: datetime.date) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class Scorecard:
    organisation: Organisation
    year: int
    as_of: datetime.date
    account_status: str | None  # the status of the year's account, None without one
    targets: tuple[TargetEvaluation, ...]  # the active targets, measured up
    plan: PlanFacts | None
    certifications: tuple[Certification, ...]
    commitments_reported: int
    commitments_total: int
    events_attended: int = 0  # the network's events of the year with someone checked in

    # --- The facts, for the overview's columns and filters --------------------------------

    @property
    def account_delivered(self) -> bool:
        return self.account_status in DELIVERED

    @property
    def has_target(self) -> bool:
        return bool(self.targets)

    @property
    def any_aligned(self) -> bool:
        return any(evaluation.aligned_1_5c for evaluation in self.targets)

    @property
    def progress(self) -> Progress:
        if not self.targets:
            return Progress.NO_TARGET
        found = [evaluation.on_track for evaluation in self.targets]
        if False in found:
            return Progress.BEHIND
        if True in found:
            return Progress.ON_TRACK
        return Progress.NO_DATA

    @property
    def plan_up_to_date(self) -> bool:
        plan = self.plan
        if plan is None or not plan.measures:
            return False
        window = FOLLOW_UP_WINDOW[ActionPlan.Cadence(plan.cadence)]
        followed_up = plan.last_follow_up is not None and plan.last_follow_up >= (
            self.as_of - window
        )
        measure_changed = plan.measure_changed is not None and plan.measure_changed.year == (
            self.year
        )
        return followed_up or measure_changed

    @property
    def valid_certification(self) -> Certification | None:
        valid = [
            c
            for c in self.certifications
            if c.status == Certification.Status.CERTIFIED
            and c.valid_until is not None
            and c.valid_until >= self.as_of
        ]
        return max(valid, key=lambda c: c.valid_until or self.as_of, default=None)

    @property
    def planned_certification(self) -> Certification | None:
        planned = [c for c in self.certifications if c.status == Certification.Status.PLANNED]
        return planned[0] if planned else None

    @property
    def expired_certification(self) -> Certification | None:
        expired = [
            c
            for c in self.certifications
            if c.status == Certification.Status.CERTIFIED
            and c.valid_until is not None
            and c.valid_until < self.as_of
        ]
        return max(expired, key=lambda c: c.valid_until or self.as_of, default=None)

    def mark(self, key: str) -> Mark:
        return {
            "account": self._account_mark,
            "target": lambda: Mark.YES if self.targets else Mark.NO,
            "on_track": self._on_track_mark,
            "action_plan": lambda: Mark.YES if self.plan_up_to_date else Mark.NO,
            "certification": self._certification_mark,
            "meetings": lambda: Mark.YES if self.events_attended else Mark.NO,
            "self_assessment": self._self_assessment_mark,
        }[key]()

    def _account_mark(self) -> Mark:
        return Mark.YES if self.account_delivered else Mark.NO

    def _on_track_mark(self) -> Mark:
        return {
            Progress.ON_TRACK: Mark.YES,
            Progress.BEHIND: Mark.NO,
            Progress.NO_DATA: Mark.NO_DATA,
            Progress.NO_TARGET: Mark.NO_DATA,
        }[self.progress]

    def _certification_mark(self) -> Mark:
        if self.valid_certification is not None:
            return Mark.YES
        return Mark.PARTLY if self.planned_certification is not None else Mark.NO

    def _self_assessment_mark(self) -> Mark:
        if not self.commitments_total:
            return Mark.NO_DATA
        if self.commitments_reported >= self.commitments_total:
            return Mark.YES
        return Mark.PARTLY if self.commitments_reported else Mark.NO

    # --- The rows as the partner reads them -----------------------------------------------

    def items(self) -> list[Item]:
        explanations = {
            "account": self._account_text,
            "target": self._target_text,
            "on_track": self._on_track_text,
            "action_plan": self._plan_text,
            "certification": self._certification_text,
            "meetings": self._meetings_text,
            "self_assessment": self._self_assessment_text,
        }
        return [
            Item(
                key=key,
                label=str(ITEM_LABELS[key]),
                mark=self.mark(key),
                explanation=explain(),
            )
            for key, explain in explanations.items()
        ]

    def _account_text(self) -> str:
        values = {"year": self.year}
        if self.account_status == ClimateAccount.Status.APPROVED:
            return gettext("The climate account for %(year)s is approved.") % values
        if self.account_status == ClimateAccount.Status.SUBMITTED:
            return (
                gettext("The climate account for %(year)s is submitted and awaits approval.")
                % values
            )
        if self.account_status == ClimateAccount.Status.DRAFT:
            return (
                gettext(
                    "The climate account for %(year)s is started but not submitted yet. "
                    "Finish it and submit it."
                )
                % values
            )
        return gettext("There is no climate account for %(year)s yet. Start one.") % values

    def _target_text(self) -> str:
        if not self.targets:
            return gettext(
                "There is no active target yet. Set a target for how much you will cut, and "
                "by when."
            )
        count = len(self.targets)
        return ngettext("%(count)s active target.", "%(count)s active targets.", count) % {
            "count": count
        }

    def _on_track_text(self) -> str:
        progress = self.progress
        if progress == Progress.NO_TARGET:
            return gettext("There is no target to measure against yet.")
        if progress == Progress.NO_DATA:
            return gettext(
                "No data yet: there is no submitted climate account after the base year to "
                "compare with."
            )
        behind = [e.target.title for e in self.targets if e.on_track is False]
        if behind:
            return gettext(
                "The latest climate account is above the path to the target: %(targets)s. "
                "Look at the action plan for measures that close the gap."
            ) % {"targets": "; ".join(behind)}
        return gettext(
            "The latest climate account is at or below the path to every target it can be "
            "compared with."
        )

    def _plan_text(self) -> str:
        plan = self.plan
        if plan is None:
            return gettext("There is no action plan yet. Make a plan of measures.")
        if not plan.measures:
            return gettext("The action plan has no measures yet. Add the measures you plan.")
        cadence = (
            gettext("once a year")
            if plan.cadence == ActionPlan.Cadence.YEARLY
            else gettext("three times a year")
        )
        latest = max(
            (d for d in (plan.last_follow_up, plan.measure_changed) if d is not None),
            default=None,
        )
        if self.plan_up_to_date and latest is not None:
            return gettext("Followed up on %(date)s; the plan is followed up %(cadence)s.") % {
                "date": _date(latest),
                "cadence": cadence,
            }
        if latest is None:
            return gettext(
                "The measures have not been followed up yet. The plan asks for a status report "
                "%(cadence)s."
            ) % {"cadence": cadence}
        return gettext(
            "The last follow-up was on %(date)s. The plan asks for a status report %(cadence)s."
        ) % {"date": _date(latest), "cadence": cadence}

    def _certification_text(self) -> str:
        valid = self.valid_certification
        if valid is not None and valid.valid_until is not None:
            return gettext("%(scheme)s, valid until %(date)s.") % {
                "scheme": valid.scheme_name,
                "date": _date(valid.valid_until),
            }
        planned = self.planned_certification
        if planned is not None:
            if planned.planned_by is not None:
                return gettext("%(scheme)s is planned by %(date)s.") % {
                    "scheme": planned.scheme_name,
                    "date": _date(planned.planned_by),
                }
            return gettext("%(scheme)s is planned.") % {"scheme": planned.scheme_name}
        expired = self.expired_certification
        if expired is not None and expired.valid_until is not None:
            return gettext("%(scheme)s expired on %(date)s. Renew the certificate.") % {
                "scheme": expired.scheme_name,
                "date": _date(expired.valid_until),
            }
        return gettext("No environmental certification is registered.")

    def _meetings_text(self) -> str:
        if not self.events_attended:
            return gettext(
                "Nobody from the organisation was checked in at the network's events in %(year)s."
            ) % {"year": self.year}
        return ngettext(
            "Attended %(count)s of the network's events in %(year)s.",
            "Attended %(count)s of the network's events in %(year)s.",
            self.events_attended,
        ) % {"count": self.events_attended, "year": self.year}

    def _self_assessment_text(self) -> str:
        values = {
            "reported": self.commitments_reported,
            "total": self.commitments_total,
            "year": self.year,
        }
        if not self.commitments_total:
            return gettext("The agreement has no commitments to assess.")
        if self.commitments_reported >= self.commitments_total:
            return gettext("Every commitment is assessed for %(year)s.") % values
        if self.commitments_reported:
            return (
                gettext("%(reported)s of %(total)s commitments are assessed for %(year)s.") % values
            )
        return gettext("The self-assessment for %(year)s is not filled in yet.") % values


def as_of_date(year: int, today: datetime.date | None = None) -> datetime.date:
    """The day a year's scorecard is read on: its last day, or today while it runs."""
    today = today or timezone.localdate()
    return min(datetime.date(year, 12, 31), today)


def scorecards(
    organisations: Sequence[Organisation], *, year: int, today: datetime.date | None = None
) -> dict[int, Scorecard]:
    """The scorecard of each organisation for the year, by organisation id.

    Eight queries however many organisations: the year's accounts, the active targets, the
    accounts to evaluate them with and their lines (``actuals``), the action plans with their
    follow-up dates, the certifications, the commitment statuses and the events attended in
    the year (one query, two subqueries), the number of active commitments.
    """
    ids = [organisation.pk for organisation in organisations]
    as_of = as_of_date(year, today)
    accounts = dict(
        ClimateAccount.objects.filter(organisation_id__in=ids, year=year).values_list(
            "organisation_id", "status"
        )
    )
    targets = _target_evaluations(ids, year)
    plans = _plan_facts(ids, as_of)
    certifications: dict[int, list[Certification]] = {}
    for certification in Certification.objects.filter(organisation_id__in=ids).order_by("pk"):
        certifications.setdefault(certification.organisation_id, []).append(certification)
    statuses = (
        CommitmentStatus.objects.filter(
            organisation=OuterRef("pk"), year=year, commitment__is_active=True
        )
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count")
    )
    reported, attended = {}, {}
    for organisation_id, reported_count, attended_count in (
        Organisation.objects.filter(pk__in=ids)
        .annotate(
            reported=Coalesce(Subquery(statuses, output_field=IntegerField()), 0),
            attended=events_attended(year),
        )
        .values_list("pk", "reported", "attended")
    ):
        reported[organisation_id] = reported_count
        attended[organisation_id] = attended_count
    total = Commitment.objects.filter(is_active=True).count()
    return {
        organisation.pk: Scorecard(
            organisation=organisation,
            year=year,
            as_of=as_of,
            account_status=accounts.get(organisation.pk),
            targets=tuple(targets.get(organisation.pk, ())),
            plan=plans.get(organisation.pk),
            certifications=tuple(certifications.get(organisation.pk, ())),
            commitments_reported=reported.get(organisation.pk, 0),
            commitments_total=total,
            events_attended=attended.get(organisation.pk, 0),
        )
        for organisation in organisations
    }


def scorecard(
    organisation: Organisation, *, year: int, today: datetime.date | None = None
) -> Scorecard:
    return scorecards([organisation], year=year, today=today)[organisation.pk]


def _target_evaluations(
    organisation_ids: list[int], year: int
) -> dict[int, list[TargetEvaluation]]:
    """Each active target measured against the submitted and approved accounts up to `year`
    (three queries: the targets, and the accounts and their lines from ``actuals``)."""
    targets = list(
        Target.objects.filter(
            organisation_id__in=organisation_ids, status=Target.Status.ACTIVE
        ).order_by("organisation_id", "target_year", "pk")
    )
    figures = figures_by_organisation({t.organisation_id for t in targets}) if targets else {}
    up_to_year = {
        organisation_id: {y: f for y, f in by_year.items() if y <= year}
        for organisation_id, by_year in figures.items()
    }
    evaluations: dict[int, list[TargetEvaluation]] = {}
    for evaluation in evaluate_targets(targets, up_to_year):
        evaluations.setdefault(evaluation.target.organisation_id, []).append(evaluation)
    return evaluations


def _plan_facts(organisation_ids: list[int], as_of: datetime.date) -> dict[int, PlanFacts]:
    """Each organisation's action plan with its measures and its latest follow-up up to
    `as_of`, in one query."""
    end = timezone.make_aware(
        datetime.datetime.combine(as_of + datetime.timedelta(days=1), datetime.time.min)
    )
    plans = (
        ActionPlan.objects.filter(organisation_id__in=organisation_ids)
        .annotate(
            live_measures=Count(
                "measures",
                filter=Q(measures__created_at__lt=end)
                & ~Q(measures__status=Measure.Status.DROPPED),
                distinct=True,
            ),
            last_report=Max(
                "measures__reports__reported_on",
                filter=Q(measures__reports__reported_on__lte=as_of),
            ),
            last_measure_change=Max("measures__updated_at", filter=Q(measures__updated_at__lt=end)),
        )
        .values_list(
            "organisation_id",
            "report_cadence",
            "updated_at",
            "live_measures",
            "last_report",
            "last_measure_change",
        )
    )
    facts = {}
    for organisation_id, cadence, updated_at, measures, last_report, measure_change in plans:
        plan_changed = timezone.localtime(updated_at).date() if updated_at < end else None
        follow_ups = [d for d in (last_report, plan_changed) if d is not None]
        facts[organisation_id] = PlanFacts(
            cadence=cadence,
            measures=measures,
            last_follow_up=max(follow_ups, default=None),
            measure_changed=timezone.localtime(measure_change).date() if measure_change else None,
        )
    return facts


# --- The network as a whole ------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkTotals:
    partners: int
    with_target: int
    aligned: int
    on_track: int
    behind: int
    no_data: int


def network_totals(cards: Iterable[Scorecard]) -> NetworkTotals:
    cards = list(cards)
    progress = [card.progress for card in cards]
    return NetworkTotals(
        partners=len(cards),
        with_target=sum(card.has_target for card in cards),
        aligned=sum(card.any_aligned for card in cards),
        on_track=progress.count(Progress.ON_TRACK),
        behind=progress.count(Progress.BEHIND),
        no_data=progress.count(Progress.NO_DATA),
    )
