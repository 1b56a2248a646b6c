"""What of the annual report may be shown (small groups pooled, small comparisons hidden) and
how its figures are kept when published (a JSON round trip)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.region.report import (
    Change,
    Emissions,
    Group,
    MeasureFigures,
    NetworkReport,
    TargetFigures,
    compute_report,
)
from klimanett.region.report_disclosure import MIN_GROUP, OTHER, disclose, pooled
from klimanett.region.report_snapshot import from_json, to_json
from tests.region.test_report import YEAR, partner_inputs


def group(key: str, partners: int, scope1_t: float = 0.0) -> Group:
    return Group(key=key, partners=partners, emissions=Emissions(scope1_t=scope1_t))


def test_groups_large_enough_are_kept_in_their_order():
    groups = (group("C", 3, 10.0), group("H", 4, 20.0))

    assert pooled(groups) == groups


def test_small_groups_are_pooled_last_and_joined_by_the_smallest_large_one_when_too_few():
    # B (1) and D (1) pool to 2 partners, fewer than 3: the smallest large group, C (3), joins.
    groups = (
        group("A", 5, 50.0),
        group("B", 1, 1.0),
        group("C", 3, 30.0),
        group("D", 1, 2.0),
        group("E", 4, 40.0),
    )

    result = pooled(groups)

    assert [(g.key, g.partners) for g in result] == [("A", 5), ("E", 4), (OTHER, 5)]
    assert result[-1].emissions.scope1_t == pytest.approx(1.0 + 30.0 + 2.0)


def test_small_groups_that_reach_the_minimum_together_pool_alone():
    groups = (group("A", 5), group("B", 2), group("C", 1))

    assert [(g.key, g.partners) for g in pooled(groups)] == [("A", 5), (OTHER, 3)]


def test_when_all_together_are_too_few_they_are_one_group():
    assert [(g.key, g.partners) for g in pooled((group("A", 1), group("B", 1)))] == [(OTHER, 2)]


sizes = st.lists(st.integers(1, 12), max_size=10)


@given(sizes)
def test_pooling_keeps_every_partner_and_tonne_and_leaves_no_small_group(counts):
    groups = tuple(group(f"g{i}", count, float(count) * 1.5) for i, count in enumerate(counts))

    result = pooled(groups)

    assert sum(g.partners for g in result) == sum(counts)
    assert math.isclose(sum(g.emissions.scope1_t for g in result), sum(counts) * 1.5, rel_tol=1e-9)
    assert [g.key for g in result].count(OTHER) <= 1
    if sum(counts) >= MIN_GROUP:
        assert all(g.partners >= MIN_GROUP for g in result)
    else:
        assert len(result) <= 1


def _report(reporting: int, *, previous: int, base: int):
    return NetworkReport(
        year=YEAR,
        active_partners=reporting + 1,
        reporting_partners=reporting,
        emissions=Emissions(scope1_t=100.0),
        against_previous_year=Change(partners=previous, previous_location_t=1.0),
        against_base_year=Change(partners=base, previous_location_t=2.0),
        by_sector=(group("C", reporting),),
        by_kind=(group("company", reporting),),
        targets=TargetFigures(reporting=reporting),
        measures=MeasureFigures(),
        named=(),
    )


def test_changes_over_too_few_partners_are_hidden():
    disclosed = disclose(_report(5, previous=2, base=3))

    assert disclosed.emissions_shown
    assert disclosed.against_previous_year is None
    assert disclosed.against_base_year == Change(partners=3, previous_location_t=2.0)


def test_nothing_of_the_emissions_is_shown_when_too_few_reported():
    disclosed = disclose(_report(2, previous=2, base=2))

    assert not disclosed.emissions_shown
    assert disclosed.by_sector == disclosed.by_kind == ()
    assert disclosed.against_previous_year is None and disclosed.against_base_year is None


@given(partner_inputs())
def test_the_stored_figures_read_back_as_the_same_report(partners):
    report = compute_report(YEAR, partners)

    assert from_json(json.loads(json.dumps(to_json(report)))) == report


def test_figures_stored_in_another_layout_are_refused():
    data = to_json(compute_report(YEAR, []))

    with pytest.raises(ValueError, match="layout"):
        from_json(data | {"version": 0})
