"""Which templates may be chosen together. Pure.

A template replaces a share of each activity it acts on (``Estimate.activities``: the
activities it found in the account, such as the heating oil a heat pump replaces; not the
electricity that replaces it). Each template's cut is worked out against the whole quantity, so
two templates that act on the same activity claim their shares of it side by side, and the
claims add up. The rule:

    A set of templates may be chosen together only if, for every activity, the shares of the
    chosen templates that act on it add up to at most 100 %.

So the three heating templates (heat pump, district heating, pellets), which each replace all
of the oil or gas (a default share of 100 %), are alternatives: choose one, or lower their
shares so that they add up to at most 100 % (half the oil to a heat pump, half to district
heating). Electric vans and HVO, half the diesel each by default, fit together. Templates that
share no activity never clash.

``best_set`` picks, from ranked estimates, the set that cuts the most without claiming more
than 100 % of any activity; ``over_claims`` says which activities a chosen set claims more than
all of.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from klimanett.climateplans.measure_templates.effects import Estimate
from klimanett.climateplans.measure_templates.library import ranked

ALL_OF_IT = 1.0  # a share of 100 %
TOLERANCE = 1e-9  # 0.3 + 0.7 is 1.0, whatever the floats say


@dataclass(frozen=True, slots=True)
class OverClaim:
    """An activity that the chosen templates claim more than all of, and how much of it."""

    activity: str
    template_keys: tuple[str, ...]  # in the order they were given
    share: float  # the shares added up: 2.0 is 200 %


def claimed_shares(estimates: Iterable[Estimate]) -> dict[str, float]:
    """The share of each activity that the estimates claim together, in the order the
    activities are first met."""
    claimed: dict[str, float] = {}
    for estimate in estimates:
        for activity in estimate.activities:
            claimed[activity] = claimed.get(activity, 0.0) + estimate.share
    return claimed


def over_claims(estimates: Iterable[Estimate]) -> list[OverClaim]:
    """The activities that the estimates, chosen together, claim more than 100 % of (none: they
    may be chosen together)."""
    chosen = list(estimates)
    return [
        OverClaim(
            activity=activity,
            template_keys=tuple(e.template_key for e in chosen if activity in e.activities),
            share=share,
        )
        for activity, share in claimed_shares(chosen).items()
        if share > ALL_OF_IT + TOLERANCE
    ]


def clash(first: Estimate, second: Estimate) -> bool:
    """Whether the two cannot both be chosen: they share an activity and their shares of it add
    up to more than 100 %."""
    return bool(over_claims((first, second)))


def best_set(estimates: Iterable[Estimate]) -> list[Estimate]:
    """The applicable estimates that cut the most a year together without claiming more than
    100 % of any activity, the largest cut first.

    Estimates that share no activity are chosen independently; within a group that does (the
    three heating templates on the oil, say) every combination is tried and the one with the
    largest total cut is kept, on a tie the one with the larger single cuts. That is what taking
    the largest cut first and leaving out what clashes with it gives for the library's shares,
    and it stays right where it would not (a 10 t template on all of the diesel against two
    6 t ones on half of it each: the two, 12 t). The groups are small: a handful of templates
    act on the same activities.
    """
    candidates = ranked(estimates)
    chosen: list[int] = []
    for group in _groups(candidates):
        chosen.extend(_best_of(group, candidates))
    return [candidates[index] for index in sorted(chosen)]


def _groups(candidates: Sequence[Estimate]) -> list[list[int]]:
    """The candidates' indexes in groups linked by a shared activity (a group in rank order)."""
    group_of: list[int] = list(range(len(candidates)))

    def root(index: int) -> int:
        while group_of[index] != index:
            group_of[index] = group_of[group_of[index]]
            index = group_of[index]
        return index

    first_with: dict[str, int] = {}
    for index, estimate in enumerate(candidates):
        for activity in estimate.activities:
            if activity in first_with:
                group_of[root(index)] = root(first_with[activity])
            else:
                first_with[activity] = index
    groups: dict[int, list[int]] = {}
    for index in range(len(candidates)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def _best_of(group: Sequence[int], candidates: Sequence[Estimate]) -> list[int]:
    """The combination of the group's candidates with the largest total cut that claims at most
    100 % of each activity; on a tie the first in rank order (lowest indexes first)."""
    best: list[int] = []
    best_total = 0.0
    for mask in range(1, 1 << len(group)):
        picked = [index for bit, index in enumerate(group) if mask >> bit & 1]
        if over_claims(candidates[index] for index in picked):
            continue
        total = sum(candidates[index].reduction_t for index in picked)
        if total > best_total + TOLERANCE or (
            abs(total - best_total) <= TOLERANCE and picked < best
        ):
            best, best_total = picked, total
    return best
