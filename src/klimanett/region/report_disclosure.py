"""What of the annual report may be shown publicly without revealing a partner that did not
consent to be named.

A group of one or two partners (a sector with a single partner, a like-for-like change over
two) would show their own figures, or let either of them work out the other's. So:

- a breakdown shows a group only when it has at least `MIN_GROUP` partners; the smaller ones are
  pooled into one group, `OTHER`, and when that pool is still too small the smallest shown
  groups join it until it is large enough (the pooled figures cannot then be worked out as the
  total less the others);
- a change, and the totals themselves, are shown only over at least `MIN_GROUP` partners.

The partners that consented are named with their own figures regardless (`NetworkReport.named`).
Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from klimanett.region.report import Change, Emissions, Group, NetworkReport

MIN_GROUP = 3
OTHER = "other"


def pooled(groups: Sequence[Group], minimum: int = MIN_GROUP) -> tuple[Group, ...]:
    """`groups` in their order with the groups of fewer than `minimum` partners pooled last
    into one group keyed `OTHER` (joined by the smallest others while it is too small). Every
    group returned has at least `minimum` partners, unless all of them together have fewer."""
    small = [group for group in groups if group.partners < minimum]
    if not small:
        return tuple(groups)
    large = sorted(
        (group for group in groups if group.partners >= minimum),
        key=lambda group: (group.partners, group.key),
    )
    pool = small
    while sum(group.partners for group in pool) < minimum and large:
        pool = [*pool, large.pop(0)]
    pooled_keys = {group.key for group in pool}
    return (
        *(group for group in groups if group.key not in pooled_keys),
        Group(
            key=OTHER,
            partners=sum(group.partners for group in pool),
            emissions=Emissions.sum(group.emissions for group in pool),
        ),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class DisclosedReport:
    """The report as it may be shown: `emissions_shown` False when fewer than `MIN_GROUP`
    partners reported (then no breakdown or change either); a change None when its
    like-for-like set is too small."""

    report: NetworkReport
    emissions_shown: bool
    by_sector: tuple[Group, ...]
    by_kind: tuple[Group, ...]
    against_previous_year: Change | None
    against_base_year: Change | None


def disclose(report: NetworkReport, minimum: int = MIN_GROUP) -> DisclosedReport:
    shown = report.reporting_partners >= minimum

    def change(value: Change) -> Change | None:
        return value if shown and value.partners >= minimum else None

    return DisclosedReport(
        report=report,
        emissions_shown=shown,
        by_sector=pooled(report.by_sector, minimum) if shown else (),
        by_kind=pooled(report.by_kind, minimum) if shown else (),
        against_previous_year=change(report.against_previous_year),
        against_base_year=change(report.against_base_year),
    )
