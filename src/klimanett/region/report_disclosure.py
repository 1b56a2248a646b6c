"""What of the annual report may be shown publicly without revealing a partner that did not
consent to be named.

The partners that published their approved account are named with their figures; every other
reporting partner ("unnamed") must stay in the aggregates. An aggregate over one or two unnamed
partners would give them away, and so would the difference of two aggregates: the sector total
less the named partners in it, the total less a like-for-like set, a sector group less a kind
group that shares all but one of its partners.

The rule: the figures shown split the reporting partners into ATOMS, the partners that are in
exactly the same shown groups (sector group × kind group × in each like-for-like set shown).
Everything shown, and everything that can be worked out from it and the named partners'
figures, is a sum over whole atoms. So no unnamed partner can be read out when every atom has
no unnamed partner or at least `MIN_GROUP` of them. ``disclose`` gets there by:

1. showing nothing of the emissions when fewer than `MIN_GROUP` unnamed partners reported (but
   some did): the total less the named partners would be theirs;
2. pooling, in each breakdown, the groups with 1 to `MIN_GROUP`−1 unnamed partners into one
   group, `OTHER` (joined by the groups with the fewest unnamed partners while the pool is still
   too small);
3. leaving out a like-for-like change whose set, or the reporting partners outside it, has 1 to
   `MIN_GROUP`−1 unnamed partners;
4. then, while an atom breaks the rule: leaving out the changes, then merging the kind groups
   (the two with the fewest unnamed partners), then the sector groups — which ends, at the
   latest, with the total alone.

Targets and measures are counts of partners and are shown only with the emissions. Pure: no
Django.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from klimanett.region.report import Change, Emissions, Group, NetworkReport, ReportingPartner

MIN_GROUP = 3
OTHER = "other"


def allowed(unnamed: int, minimum: int = MIN_GROUP) -> bool:
    """No unnamed partner, or enough of them not to be told apart."""
    return unnamed == 0 or unnamed >= minimum


# A breakdown as shown: each partner's group key (its own, or OTHER when pooled).
Shown = list[str]


def _unnamed_by(keys: Shown, partners: Sequence[ReportingPartner]) -> Counter[str]:
    return Counter(key for key, partner in zip(keys, partners, strict=True) if not partner.named)


def _pool(keys: Shown, partners: Sequence[ReportingPartner], minimum: int) -> Shown:
    unnamed = _unnamed_by(keys, partners)
    pooled = {key for key, count in unnamed.items() if not allowed(count, minimum)}
    others = sorted(
        (count, key) for key, count in unnamed.items() if key not in pooled and count > 0
    )
    while pooled and not allowed(sum(unnamed[key] for key in pooled), minimum) and others:
        pooled.add(others.pop(0)[1])
    return [OTHER if key in pooled else key for key in keys]


def _merge_smallest(keys: Shown, partners: Sequence[ReportingPartner]) -> Shown | None:
    """The two groups with the fewest unnamed partners as one (None: one group left)."""
    unnamed = _unnamed_by(keys, partners)
    groups = sorted(set(keys), key=lambda key: (unnamed[key], key))
    if len(groups) < 2:
        return None
    merged = set(groups[:2])
    return [OTHER if key in merged else key for key in keys]


def atoms_allowed(
    partners: Sequence[ReportingPartner], splits: Sequence[Sequence[object]], minimum: int
) -> bool:
    """Whether every atom (the partners alike in every split) has 0 or `minimum`+ unnamed."""
    signatures = Counter(
        tuple(split[index] for split in splits)
        for index, partner in enumerate(partners)
        if not partner.named
    )
    return all(allowed(count, minimum) for count in signatures.values())


def _groups(keys: Shown, partners: Sequence[ReportingPartner]) -> tuple[Group, ...]:
    """The groups in key order, OTHER last."""
    members: dict[str, list[ReportingPartner]] = {}
    for key, partner in zip(keys, partners, strict=True):
        members.setdefault(key, []).append(partner)
    return tuple(
        Group(
            key=key,
            partners=len(group),
            emissions=Emissions.sum(partner.emissions for partner in group),
        )
        for key, group in sorted(members.items(), key=lambda item: (item[0] == OTHER, item[0]))
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class DisclosedReport:
    """The report as it may be shown: `emissions_shown` False when the emissions would reveal
    unnamed partners (then no breakdown, change, target or measure figures either); a change
    None when it is left out; `measures_shown` False when the measures done are those of one or
    two partners."""

    report: NetworkReport
    emissions_shown: bool
    by_sector: tuple[Group, ...]
    by_kind: tuple[Group, ...]
    against_previous_year: Change | None
    against_base_year: Change | None
    measures_shown: bool = False  # the measures of at least `MIN_GROUP` partners (or none)


def disclose(report: NetworkReport, minimum: int = MIN_GROUP) -> DisclosedReport:
    partners = report.reporting
    unnamed = sum(not partner.named for partner in partners)
    if not partners or not allowed(unnamed, minimum):
        return DisclosedReport(
            report=report,
            emissions_shown=False,
            by_sector=(),
            by_kind=(),
            against_previous_year=None,
            against_base_year=None,
        )

    def change_allowed(inside: Callable[[ReportingPartner], bool]) -> bool:
        within = sum(1 for partner in partners if inside(partner) and not partner.named)
        return allowed(within, minimum) and allowed(unnamed - within, minimum)

    sectors = _pool([partner.sector for partner in partners], partners, minimum)
    kinds = _pool([partner.kind for partner in partners], partners, minimum)
    previous = change_allowed(lambda partner: partner.in_previous_year)
    base = change_allowed(lambda partner: partner.in_base_year)

    def splits() -> list[Sequence[object]]:
        shown: list[Sequence[object]] = [sectors, kinds]
        if previous:
            shown.append([partner.in_previous_year for partner in partners])
        if base:
            shown.append([partner.in_base_year for partner in partners])
        return shown

    while not atoms_allowed(partners, splits(), minimum):
        if previous or base:
            previous = base = False
        elif (merged := _merge_smallest(kinds, partners)) is not None:
            kinds = merged
        elif (merged := _merge_smallest(sectors, partners)) is not None:
            sectors = merged
        else:  # one group each: the total, allowed above
            break
    measures = report.measures.partners
    return DisclosedReport(
        report=report,
        emissions_shown=True,
        by_sector=_groups(sectors, partners),
        by_kind=_groups(kinds, partners),
        against_previous_year=report.against_previous_year if previous else None,
        against_base_year=report.against_base_year if base else None,
        measures_shown=measures == 0 or measures >= minimum,
    )
