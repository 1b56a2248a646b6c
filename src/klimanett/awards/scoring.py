"""The jury's result, computed from the scores: PURE (standard library only, no Django).

For each nominee: the average of each criterion over the jurors who scored it, and the total,
the sum of the three averages (from 3 to 15). Scores from a juror with a conflict of interest
(the nominee is the juror's own organisation) never count, should any exist. A nominee that no
juror scored has no averages and no total, and comes last. Averages are exact fractions, so
ties are real ties: nominees with the same total share a rank (1, 1, 3 …).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

CRITERIA = ("direct_cuts", "long_term", "example")


@dataclass(frozen=True)
class JurorScore:
    juror: int
    nominee: int
    direct_cuts: int
    long_term: int
    example: int


@dataclass(frozen=True)
class NomineeResult:
    nominee: int
    jurors: int  # how many jurors' scores count
    averages: Mapping[str, Fraction] | None  # per criterion; None when nobody scored
    total: Fraction | None
    rank: int | None = None  # 1 for the highest total; shared by ties; None without scores

    def average(self, criterion: str) -> float | None:
        return None if self.averages is None else float(self.averages[criterion])

    @property
    def total_float(self) -> float | None:
        return None if self.total is None else float(self.total)


def results(
    nominees: Iterable[int],
    scores: Iterable[JurorScore],
    conflicts: Mapping[int, set[int]] | None = None,
) -> list[NomineeResult]:
    """Every nominee's result, best first (ties by nominee id, unscored last).

    ``conflicts`` maps a juror to the nominees that juror must not score; their scores are
    left out. Scores for organisations not among ``nominees`` are ignored.
    """
    conflicts = conflicts or {}
    wanted = list(dict.fromkeys(nominees))
    counted: dict[int, list[JurorScore]] = {nominee: [] for nominee in wanted}
    seen: set[tuple[int, int]] = set()
    for score in scores:
        if score.nominee not in counted or score.nominee in conflicts.get(score.juror, set()):
            continue
        if (score.juror, score.nominee) in seen:
            raise ValueError(f"juror {score.juror} scored nominee {score.nominee} twice")
        seen.add((score.juror, score.nominee))
        counted[score.nominee].append(score)

    unranked = [_result(nominee, counted[nominee]) for nominee in wanted]
    unranked.sort(key=lambda r: (r.total is None, -(r.total or 0), r.nominee))
    ranked: list[NomineeResult] = []
    for position, result in enumerate(unranked, start=1):
        rank: int | None = None
        if result.total is not None:
            previous = ranked[-1] if ranked else None
            same = previous is not None and previous.total == result.total
            rank = previous.rank if same and previous is not None else position
        ranked.append(
            NomineeResult(result.nominee, result.jurors, result.averages, result.total, rank)
        )
    return ranked


def leaders(ranked: Iterable[NomineeResult]) -> list[int]:
    """The nominees with the highest total (more than one on a tie; none without scores)."""
    return [result.nominee for result in ranked if result.rank == 1]


def _result(nominee: int, scores: list[JurorScore]) -> NomineeResult:
    if not scores:
        return NomineeResult(nominee, 0, None, None)
    averages = {
        criterion: Fraction(sum(getattr(score, criterion) for score in scores), len(scores))
        for criterion in CRITERIA
    }
    return NomineeResult(nominee, len(scores), averages, sum(averages.values(), Fraction(0)))
