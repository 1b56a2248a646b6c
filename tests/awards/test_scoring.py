"""The jury's result: averages per criterion over the jurors who scored, the total as their
sum, ties sharing a rank, conflicts left out and unscored nominees last. No database."""

from __future__ import annotations

import random
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from klimanett.awards.scoring import JurorScore, leaders, results


def by_nominee(ranked):
    return {result.nominee: result for result in ranked}


def test_averages_and_total_are_worked_out_over_the_jurors_who_scored():
    # Nominee 10: juror 1 gives 4/3/5, juror 2 gives 5/4/2.
    # Averages: (4+5)/2 = 4.5, (3+4)/2 = 3.5, (5+2)/2 = 3.5; total 4.5 + 3.5 + 3.5 = 11.5.
    # Nominee 20: juror 1 alone gives 5/5/5: total 15.
    ranked = results(
        [10, 20],
        [JurorScore(1, 10, 4, 3, 5), JurorScore(2, 10, 5, 4, 2), JurorScore(1, 20, 5, 5, 5)],
    )
    first, second = ranked
    assert first.nominee == 20 and first.total == 15 and first.jurors == 1 and first.rank == 1
    assert second.nominee == 10 and second.jurors == 2 and second.rank == 2
    assert second.averages == {
        "direct_cuts": Fraction(9, 2),
        "long_term": Fraction(7, 2),
        "example": Fraction(7, 2),
    }
    assert second.total == Fraction(23, 2)
    assert second.average("direct_cuts") == 4.5 and second.total_float == 11.5
    assert leaders(ranked) == [20]


def test_averages_that_are_thirds_stay_exact_so_a_tie_is_a_tie():
    # Nominee 1: juror totals 10, 11, 11 -> 32/3 (10.666…).
    # Nominee 2: 4/4/3 and 3/3/4 -> averages 3.5 each, total 21/2 (10.5): no tie.
    # Nominee 3: juror totals 11, 10, 11 in another mix -> also 32/3: a tie with nominee 1.
    scores = [
        JurorScore(1, 1, 4, 3, 3), JurorScore(2, 1, 4, 4, 3), JurorScore(3, 1, 3, 4, 4),
        JurorScore(1, 2, 4, 4, 3), JurorScore(2, 2, 3, 3, 4),
        JurorScore(1, 3, 5, 3, 3), JurorScore(2, 3, 3, 3, 4), JurorScore(3, 3, 4, 4, 3),
    ]  # fmt: skip
    ranked = by_nominee(results([1, 2, 3], scores))
    assert ranked[1].total == ranked[3].total == Fraction(32, 3)
    assert ranked[1].rank == ranked[3].rank == 1
    assert ranked[2].total == Fraction(21, 2) and ranked[2].rank == 3
    assert leaders(results([1, 2, 3], scores)) == [1, 3]


def test_a_jurors_score_for_their_own_organisation_never_counts():
    # Juror 1 works at nominee 10 and (somehow) gave it 5/5/5; only juror 2's 2/2/2 counts.
    ranked = results(
        [10], [JurorScore(1, 10, 5, 5, 5), JurorScore(2, 10, 2, 2, 2)], conflicts={1: {10}}
    )
    assert ranked[0].jurors == 1 and ranked[0].total == 6


def test_a_nominee_nobody_scored_has_no_total_and_comes_last():
    ranked = results([7, 8], [JurorScore(1, 8, 1, 1, 1)])
    assert [r.nominee for r in ranked] == [8, 7]
    assert ranked[1].total is None and ranked[1].averages is None and ranked[1].rank is None
    assert ranked[1].jurors == 0 and ranked[1].average("example") is None


def test_no_scores_at_all_gives_no_leader():
    assert leaders(results([1, 2], [])) == []


def test_scores_for_organisations_not_nominated_are_ignored():
    assert results([1], [JurorScore(1, 99, 5, 5, 5)])[0].total is None


def test_the_same_juror_scoring_a_nominee_twice_is_an_error():
    import pytest

    with pytest.raises(ValueError):
        results([1], [JurorScore(1, 1, 1, 1, 1), JurorScore(1, 1, 2, 2, 2)])


points = st.integers(min_value=1, max_value=5)
score_lists = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 4), points, points, points),
    max_size=30,
    unique_by=lambda t: (t[0], t[1]),
).map(lambda rows: [JurorScore(*row) for row in rows])


@given(score_lists, st.randoms())
def test_the_result_does_not_depend_on_the_order_of_the_scores(scores, rnd):
    shuffled = list(scores)
    rnd.shuffle(shuffled)
    assert results(range(5), scores) == results(range(5), shuffled)


@given(score_lists)
def test_totals_lie_between_3_and_15_and_ranks_follow_the_totals(scores):
    ranked = results(range(5), scores)
    assert sorted(r.nominee for r in ranked) == list(range(5))
    scored = [r for r in ranked if r.total is not None]
    assert all(3 <= r.total <= 15 for r in scored)
    assert all(1 <= value <= 5 for r in scored for value in r.averages.values())
    assert [r.total for r in scored] == sorted((r.total for r in scored), reverse=True)
    assert ranked[len(scored) :] == [r for r in ranked if r.total is None]
    for earlier, later in zip(scored, scored[1:], strict=False):
        assert (earlier.rank == later.rank) == (earlier.total == later.total)


@given(score_lists, st.dictionaries(st.integers(0, 5), st.sets(st.integers(0, 4))))
def test_leaving_out_conflicts_is_the_same_as_never_having_those_scores(scores, conflicts):
    kept = [s for s in scores if s.nominee not in conflicts.get(s.juror, set())]
    assert results(range(5), scores, conflicts) == results(range(5), kept)


def test_a_lone_top_score_wins_however_many_others_score():
    rnd = random.Random(4)
    scores = [
        JurorScore(j, n, rnd.randint(1, 4), rnd.randint(1, 4), 4)
        for j in range(5)
        for n in range(1, 6)
    ]
    scores.append(JurorScore(0, 0, 5, 5, 5))
    assert leaders(results(range(6), scores)) == [0]
