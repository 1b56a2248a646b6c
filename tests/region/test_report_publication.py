"""What of the annual report may be shown without giving away a partner that did not consent to
be named, and how its figures are kept when published (a JSON round trip)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.region.report import (
    Change,
    Emissions,
    MeasureFigures,
    NetworkReport,
    ReportingPartner,
    TargetFigures,
    compute_report,
)
from klimanett.region.report_disclosure import MIN_GROUP, OTHER, atoms_allowed, disclose
from klimanett.region.report_snapshot import from_json, to_json
from tests.region.test_report import YEAR, partner_inputs


def partner(sector="C", kind="company", *, named=False, previous=True, base=True, t=1.0):
    return ReportingPartner(
        sector=sector,
        kind=kind,
        named=named,
        in_previous_year=previous,
        in_base_year=base,
        emissions=Emissions(scope1_t=t),
    )


def report_of(partners, *, measured: int = 0) -> NetworkReport:
    total = Emissions.sum(p.emissions for p in partners)
    return NetworkReport(
        year=YEAR,
        active_partners=len(partners),
        reporting_partners=len(partners),
        emissions=total,
        against_previous_year=Change(partners=sum(p.in_previous_year for p in partners)),
        against_base_year=Change(partners=sum(p.in_base_year for p in partners)),
        by_sector=(),
        by_kind=(),
        targets=TargetFigures(reporting=len(partners)),
        measures=MeasureFigures(partners=measured),
        named=(),
        reporting=tuple(partners),
    )


def shown(groups):
    return [(g.key, g.partners) for g in groups]


def test_groups_with_enough_unnamed_partners_or_none_are_shown_as_they_are():
    partners = [partner("C") for _ in range(3)] + [partner("H", named=True)]

    disclosed = disclose(report_of(partners))

    assert shown(disclosed.by_sector) == [("C", 3), ("H", 1)]  # H's one partner is named


def test_a_group_with_one_unnamed_partner_is_pooled_even_when_the_rest_are_named():
    # The reviewer's case: sector A with 6 named and 1 unnamed partner gave the unnamed away
    # as the group total less the named partners' published figures.
    partners = (
        [partner("A", "farm", named=True) for _ in range(6)]
        + [partner("A", "farm")]
        + [partner("C") for _ in range(4)]
    )

    disclosed = disclose(report_of(partners))

    assert dict(shown(disclosed.by_sector)) == {OTHER: 11}  # A (1 unnamed) needs C to pool
    assert dict(shown(disclosed.by_kind)) == {OTHER: 11}


def test_the_pool_is_joined_by_the_group_with_fewest_unnamed_until_large_enough():
    partners = (
        [partner("A")]  # 1 unnamed
        + [partner("B")]  # 1 unnamed
        + [partner("C") for _ in range(3)]  # 3 unnamed
        + [partner("F") for _ in range(5)]  # 5 unnamed
    )

    disclosed = disclose(report_of(partners))

    assert shown(disclosed.by_sector) == [("F", 5), (OTHER, 5)]


def test_nothing_of_the_emissions_is_shown_when_one_or_two_unnamed_partners_reported():
    partners = [partner(named=True) for _ in range(5)] + [partner(), partner()]

    disclosed = disclose(report_of(partners, measured=5))

    assert not disclosed.emissions_shown
    assert disclosed.by_sector == disclosed.by_kind == ()
    assert disclosed.against_previous_year is None and disclosed.against_base_year is None


def test_everything_is_shown_when_every_partner_is_named():
    partners = [partner(named=True), partner("H", "ngo", named=True, previous=False)]

    disclosed = disclose(report_of(partners))

    assert disclosed.emissions_shown
    assert shown(disclosed.by_sector) == [("C", 1), ("H", 1)]
    assert disclosed.against_previous_year is not None


def test_a_change_is_left_out_when_the_partners_outside_its_set_are_one_or_two_unnamed():
    # The total less the like-for-like "current" figure would be the one partner left out.
    partners = [partner() for _ in range(4)] + [partner(previous=False)]

    disclosed = disclose(report_of(partners))

    assert disclosed.against_previous_year is None
    assert disclosed.against_base_year is not None


def test_breakdowns_crossed_are_coarsened_until_no_difference_gives_a_partner_away():
    # Sector C = {a, b, c}, sector F = {d, e, f, g}; kind company = {a, b, c, d}, kind ngo =
    # {e, f, g}: company less C would be d alone.
    partners = [partner("C", "company") for _ in range(3)]
    partners += [partner("F", "company")] + [partner("F", "ngo") for _ in range(3)]

    disclosed = disclose(report_of(partners))

    splits = [
        [group_of(disclosed.by_sector, p.sector) for p in partners],
        [group_of(disclosed.by_kind, p.kind) for p in partners],
    ]
    assert atoms_allowed(partners, splits, MIN_GROUP)
    assert len(disclosed.by_kind) == 1  # the kinds merged; the sectors kept
    assert shown(disclosed.by_sector) == [("C", 3), ("F", 4)]


def test_measures_of_one_or_two_partners_are_not_shown():
    partners = [partner() for _ in range(3)]

    assert not disclose(report_of(partners, measured=2)).measures_shown
    assert disclose(report_of(partners, measured=3)).measures_shown
    assert disclose(report_of(partners, measured=0)).measures_shown


def group_of(groups, key):
    keys = {g.key for g in groups}
    return key if key in keys else OTHER


facts = st.builds(
    partner,
    sector=st.sampled_from("ACFH"),
    kind=st.sampled_from(["company", "farm", "ngo"]),
    named=st.booleans(),
    previous=st.booleans(),
    base=st.booleans(),
    t=st.floats(min_value=0, max_value=1e6, allow_nan=False),
)


@given(st.lists(facts, max_size=25))
def test_no_unnamed_partner_can_be_read_out_of_what_is_shown(partners):
    report = report_of(partners)

    disclosed = disclose(report)

    if not disclosed.emissions_shown:
        assert disclosed.by_sector == disclosed.by_kind == ()
        return
    splits = [
        [group_of(disclosed.by_sector, p.sector) for p in partners],
        [group_of(disclosed.by_kind, p.kind) for p in partners],
    ]
    if disclosed.against_previous_year is not None:
        splits.append([p.in_previous_year for p in partners])
    if disclosed.against_base_year is not None:
        splits.append([p.in_base_year for p in partners])
    assert atoms_allowed(partners, splits, MIN_GROUP)
    for groups in (disclosed.by_sector, disclosed.by_kind):
        assert sum(g.partners for g in groups) == len(partners)
        assert math.isclose(
            sum(g.emissions.scope1_t for g in groups),
            report.emissions.scope1_t,
            rel_tol=1e-9,
            abs_tol=1e-6,
        )


@given(partner_inputs())
def test_the_stored_figures_read_back_as_the_same_report(partners):
    report = compute_report(YEAR, partners)

    assert from_json(json.loads(json.dumps(to_json(report)))) == report


def test_figures_stored_in_another_layout_are_refused():
    data = to_json(compute_report(YEAR, []))

    with pytest.raises(ValueError, match="layout"):
        from_json(data | {"version": 0})
