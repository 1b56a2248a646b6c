"""Plan the demo partners' targets, action plans and status reports, and the gaps in their
self-assessments (issue 4), from the planned network alone: no database.

Like ``plan``, the result depends only on the fixed data and the current year; each partner
draws from its own seeded source, so the plans change nothing planned before them. What a plan
cannot know without the accounts is left to the build: the base value of a target and the cut
it aims for (``choose_reduction`` picks a round percent that puts it on track, or behind, with
the accounts), and the measures' effects and costs (from the measure templates).

Partners with a submitted or approved account take a scenario in turn (``climate_data.PATTERN``):
on track, behind, a target without a plan, a plan without a target, or neither. A partner with a
single account has a new target with nothing to compare with yet ("no data yet").
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from klimanett.accounting.models import ClimateAccount
from klimanett.climateplans.models import ActionPlan, Measure, Target
from klimanett.demo import climate_data as cd
from klimanett.demo.plan import SEED, PlannedOrganisation, account_profile

NEW = "new"  # a single account: a new target from the target guide and a draft plan
EMISSION_STEPS = (20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 90)
ENERGY_STEPS = (10, 15, 20, 25, 30)
PUBLISH_SHARE = 0.7  # of the partners with a public profile
PUBLIC_KINDS = {"municipality", "county_authority", "state_agency"}
STANDARD_PROFILES = {"transport", "construction", "industry", "farm", "utility"}
# Which measures a plan holds, in order of the template suggestions' cuts (largest first).
_STATUSES = {
    cd.ON_TRACK: (
        Measure.Status.DONE,
        Measure.Status.IN_PROGRESS,
        Measure.Status.IN_PROGRESS,
        Measure.Status.PLANNED,
        Measure.Status.IDEA,
    ),
    cd.BEHIND: (
        Measure.Status.IN_PROGRESS,
        Measure.Status.PLANNED,
        Measure.Status.DROPPED,
        Measure.Status.PLANNED,
        Measure.Status.IDEA,
    ),
    cd.PLAN_ONLY: (Measure.Status.IDEA, Measure.Status.PLANNED, Measure.Status.IDEA),
    NEW: (Measure.Status.PLANNED, Measure.Status.PLANNED, Measure.Status.IDEA),
}
_DEADLINES = {
    ActionPlan.Cadence.YEARLY: (12,),
    ActionPlan.Cadence.THREE_TIMES: (4, 8, 12),
}


@dataclass(frozen=True)
class PlannedTarget:
    kind: str
    scopes: str
    base_year: int
    target_year: int
    outcome: str  # ON_TRACK or BEHIND: what ``choose_reduction`` aims for; "" for 100 %
    standard: bool = False
    notes: str = ""


@dataclass(frozen=True)
class PlannedReport:
    reported_on: datetime.date
    status: str
    progress: str


@dataclass(frozen=True)
class PlannedMeasure:
    """A measure from the template suggestion of rank `template_rank` (0: the largest cut), or
    one of the partner's own (`own`)."""

    template_rank: int | None
    own: cd.OwnMeasure | None
    status: str
    start_year: int
    added_on: datetime.date
    responsible_pick: int  # which of ``climate_data.RESPONSIBLE[category]``
    reports: tuple[PlannedReport, ...]

    @property
    def last_change(self) -> datetime.date:
        return max([self.added_on, *(r.reported_on for r in self.reports)])


@dataclass(frozen=True)
class PlannedClimatePlan:
    scenario: str
    targets: tuple[PlannedTarget, ...]
    cadence: str  # "" when the partner has no action plan
    reference_growth_percent: Decimal
    measures: tuple[PlannedMeasure, ...]
    # Shown on the public profile: the targets, and the plan's done measures.
    publish: bool = False


def reported_years(organisation: PlannedOrganisation) -> list[int]:
    """The years of the partner's submitted and approved accounts."""
    return [a.year for a in organisation.accounts if a.status != ClimateAccount.Status.DRAFT]


def plan_climate(
    planned: list[PlannedOrganisation], *, this_year: int
) -> dict[str, PlannedClimatePlan]:
    """The climate plan of every partner with a submitted or approved account, by organisation
    number."""
    plans = {}
    turn = 0
    for organisation in planned:
        years = reported_years(organisation)
        if not years:
            continue
        domain = organisation.spec.domain
        if domain in cd.SCENARIOS:
            scenario = cd.SCENARIOS[domain]
        elif len(years) == 1:
            scenario = NEW
        else:
            scenario = cd.PATTERN[turn % len(cd.PATTERN)]
            turn += 1
        rng = random.Random(f"{SEED}-climate-{domain}")
        plan = _climate_plan(organisation, scenario, years, rng, this_year)
        # Drawn from a source of its own, so that the plans themselves stay as they were.
        publish = organisation.spec.public and (
            random.Random(f"{SEED}-publish-{domain}").random() < PUBLISH_SHARE
        )
        plans[organisation.org_number] = replace(plan, publish=publish)
    return plans


def leave_self_assessments_unfinished(
    planned: list[PlannedOrganisation], *, this_year: int
) -> None:
    """Leave some of last year's self-assessments unfinished (see ``_leave_unfinished``); the
    well-known logins keep theirs."""
    for organisation in planned[2:]:
        _leave_unfinished(organisation, this_year)


def _climate_plan(
    organisation: PlannedOrganisation,
    scenario: str,
    years: list[int],
    rng: random.Random,
    this_year: int,
) -> PlannedClimatePlan:
    spec = organisation.spec
    profile = account_profile(spec)
    base_year = min(years)
    target_year = 2035 if rng.random() < 0.2 else 2030
    notes = rng.choice(cd.TARGET_NOTES)
    scopes = Target.Scopes.SCOPES_1_2_3 if profile == "office" else Target.Scopes.SCOPES_1_2
    targets: list[PlannedTarget] = []
    outcome = {cd.ON_TRACK: cd.ON_TRACK, cd.BEHIND: cd.BEHIND, NEW: cd.ON_TRACK}.get(
        scenario, rng.choice((cd.ON_TRACK, cd.BEHIND))
    )
    if scenario in (cd.ON_TRACK, cd.BEHIND, cd.TARGET_ONLY, NEW):
        emissions = Target.Kind.EMISSIONS
        targets.append(
            PlannedTarget(emissions, scopes, base_year, target_year, outcome, notes=notes)
        )
        if scenario != NEW and rng.random() < 0.4:
            targets.append(
                PlannedTarget(
                    Target.Kind.ENERGY, Target.Scopes.SCOPES_1_2, base_year, 2030, outcome
                )
            )
        if scenario == cd.BEHIND and profile in STANDARD_PROFILES and base_year < 2030:
            targets.append(
                PlannedTarget(emissions, Target.Scopes.SCOPE_1, base_year, 2030, "", standard=True)
            )
    if scenario not in _STATUSES:
        return PlannedClimatePlan(scenario, tuple(targets), "", Decimal(0), ())

    cadence = (
        ActionPlan.Cadence.THREE_TIMES if spec.kind in PUBLIC_KINDS else ActionPlan.Cadence.YEARLY
    )
    last_year = this_year - 1
    if scenario == NEW:
        plan_year, reported_to = this_year, this_year
    elif scenario == cd.PLAN_ONLY:
        plan_year, reported_to = last_year, this_year
    elif scenario == cd.BEHIND:
        # Followed up at first, then not: nothing reported last year.
        plan_year, reported_to = max(base_year + 1, this_year - 3), this_year - 2
        plan_year = min(plan_year, this_year - 2)
    else:
        plan_year, reported_to = min(max(base_year + 1, this_year - 3), last_year), this_year
    added_on = datetime.date(plan_year, rng.randint(1, 5), rng.randint(1, 28))
    statuses = _STATUSES[scenario][: rng.randint(3, len(_STATUSES[scenario]))]
    measures = [
        _measure(rank, None, status, added_on, plan_year, reported_to, cadence, rng, this_year)
        for rank, status in enumerate(statuses)
    ]
    if scenario in (cd.ON_TRACK, cd.BEHIND):
        own = rng.choice(cd.OWN_MEASURES)
        status = Measure.Status.IN_PROGRESS if scenario == cd.ON_TRACK else Measure.Status.PLANNED
        measures.append(
            _measure(None, own, status, added_on, plan_year, reported_to, cadence, rng, this_year)
        )
    growth = Decimal(rng.choice((0, 0, 0, 1, 2, -1)))
    return PlannedClimatePlan(scenario, tuple(targets), cadence, growth, tuple(measures))


def _measure(
    rank: int | None,
    own: cd.OwnMeasure | None,
    status: str,
    added_on: datetime.date,
    plan_year: int,
    reported_to: int,
    cadence: str,
    rng: random.Random,
    this_year: int,
) -> PlannedMeasure:
    start_year = {
        Measure.Status.DONE: plan_year,
        Measure.Status.IN_PROGRESS: plan_year + rng.randint(0, 1),
        Measure.Status.DROPPED: plan_year,
        Measure.Status.PLANNED: max(plan_year + 1, this_year),
        Measure.Status.IDEA: this_year + rng.randint(1, 2),
    }[Measure.Status(status)]
    start_year = min(start_year, this_year + 2)
    if status == Measure.Status.IN_PROGRESS:
        start_year = min(start_year, this_year)
    return PlannedMeasure(
        template_rank=rank,
        own=own,
        status=status,
        start_year=start_year,
        added_on=added_on,
        responsible_pick=rng.randrange(6),
        reports=_reports(status, added_on, start_year, reported_to, cadence, rng, this_year),
    )


def _reports(
    status: str,
    added_on: datetime.date,
    start_year: int,
    reported_to: int,
    cadence: str,
    rng: random.Random,
    this_year: int,
) -> tuple[PlannedReport, ...]:
    """A report at each deadline of the plan's cadence from when the measure was added to the
    end of `reported_to` (the build leaves out those after today); a done measure reports
    "done" last, by the end of last year, a dropped one reports once, an idea never."""
    if status == Measure.Status.IDEA:
        return ()
    dates = [
        datetime.date(year, month, rng.randint(1, 20))
        for year in range(added_on.year, reported_to + 1)
        for month in _DEADLINES[ActionPlan.Cadence(cadence)]
        if datetime.date(year, month, 1) > added_on
    ]
    if status in (Measure.Status.DONE, Measure.Status.DROPPED):
        # Closed in a year that is over, so that the closing report is never left out.
        dates = [d for d in dates if d.year <= min(start_year + 1, this_year - 1)]
    if status == Measure.Status.DROPPED:
        dates = dates[:1]
    reports = []
    for index, day in enumerate(dates):
        last = index == len(dates) - 1
        if status in (Measure.Status.DONE, Measure.Status.DROPPED) and last:
            reported = status
        elif status == Measure.Status.PLANNED or day.year < start_year:
            reported = Measure.Status.PLANNED
        else:
            reported = Measure.Status.IN_PROGRESS
        reports.append(PlannedReport(day, reported, rng.choice(cd.REPORT_TEXTS[reported])))
    return tuple(reports)


def _leave_unfinished(organisation: PlannedOrganisation, this_year: int) -> None:
    """About one partner in eight has not filled in last year's self-assessment, and one in
    eight has left two or three commitments out."""
    last_year = this_year - 1
    codes = sorted({s.code for s in organisation.statuses if s.year == last_year})
    if not codes:
        return
    rng = random.Random(f"{SEED}-self-assessment-{organisation.spec.domain}")
    draw = rng.random()
    if draw < 0.125:
        left_out = set(codes)
    elif draw < 0.25:
        optional = [code for code in codes if code != "top_management"]
        left_out = set(rng.sample(optional, min(len(optional), rng.randint(2, 3))))
    else:
        return
    organisation.statuses = [
        s for s in organisation.statuses if not (s.year == last_year and s.code in left_out)
    ]


def choose_reduction(
    *,
    outcome: str,
    values: Mapping[int, float],
    base_year: int,
    target_year: int,
    steps: tuple[int, ...] = EMISSION_STEPS,
) -> int | None:
    """A round reduction in percent that leaves the latest value after the base year under the
    target's linear path with a margin (on track), or over it (behind); None when no step of
    `steps` does. Without a value after the base year, the middle step (nothing to compare
    with yet).

    The latest value is exactly on the path of the reduction ``achieved`` =
    (1 − latest / base) / ((latest year − base year) / (target year − base year)); on track
    takes the largest step at most 90 % of it, behind the smallest step at least 115 % of it.
    """
    base = values.get(base_year)
    later = [year for year in values if year > base_year]
    if not base or not later:
        return steps[len(steps) // 2]
    latest = max(later)
    elapsed = (latest - base_year) / (target_year - base_year)
    achieved = 100.0 * (1.0 - values[latest] / base) / elapsed
    if outcome == cd.ON_TRACK:
        fitting = [step for step in steps if step <= 0.9 * achieved + 1e-9]
        return max(fitting) if fitting else None
    fitting = [step for step in steps if step >= 1.15 * achieved - 1e-9]
    return min(fitting) if fitting else None
