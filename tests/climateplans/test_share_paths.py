"""The path of a target that raises a share (the renewable share of energy use): pure
arithmetic, hand-worked."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimanett.climateplans.paths import (
    PathError,
    ShareTargetSpec,
    share_on_track,
    share_path_value,
    share_yearly_increase,
)

# 40 % renewable in 2020, 90 % in 2030: 50 points over 10 years.
SPEC = ShareTargetSpec(base_year=2020, base_share=40.0, target_year=2030, target_share=90.0)


def test_the_share_rises_by_the_same_number_of_points_each_year():
    # (90 − 40) / (2030 − 2020) = 5 percentage points a year
    assert share_yearly_increase(SPEC) == pytest.approx(5.0)


def test_the_path_is_linear_from_the_base_share_to_the_target_share():
    # 2024: 40 + 50 × 4/10 = 60
    assert share_path_value(SPEC, 2024) == pytest.approx(60.0)
    # 2027: 40 + 50 × 7/10 = 75
    assert share_path_value(SPEC, 2027) == pytest.approx(75.0)
    assert share_path_value(SPEC, 2020) == 40.0
    assert share_path_value(SPEC, 2030) == 90.0


def test_the_path_is_the_base_share_before_and_the_target_share_after():
    assert share_path_value(SPEC, 2015) == 40.0
    assert share_path_value(SPEC, 2035) == 90.0


def test_a_share_at_or_above_the_path_is_on_track():
    # 2023: the path asks for 40 + 50 × 3/10 = 55; 56 is above it, 55 is on it
    assert share_on_track(SPEC, {2020: 40.0, 2023: 56.0}) is True
    assert share_on_track(SPEC, {2023: 55.0}) is True


def test_a_share_below_the_path_is_behind():
    # 2024: the path asks for 60; 59.5 is behind
    assert share_on_track(SPEC, {2020: 40.0, 2024: 59.5}) is False


def test_only_the_latest_year_counts():
    # 2022 was ahead (70 ≥ 50), but 2024 is behind (58 < 60)
    assert share_on_track(SPEC, {2022: 70.0, 2024: 58.0}) is False
    # and the other way round: behind in 2022 (45 < 50), on track in 2024 (61 ≥ 60)
    assert share_on_track(SPEC, {2022: 45.0, 2024: 61.0}) is True


def test_without_a_year_after_the_base_year_on_track_is_unknown():
    assert share_on_track(SPEC, {}) is None
    assert share_on_track(SPEC, {2020: 40.0, 2019: 35.0}) is None


@pytest.mark.parametrize(
    ("base_year", "base_share", "target_year", "target_share"),
    [
        (2030, 40.0, 2030, 90.0),  # the target year is not after the base year
        (2030, 40.0, 2025, 90.0),
        (2020, -1.0, 2030, 90.0),  # a share below 0 %
        (2020, 40.0, 2030, 100.5),  # a share above 100 %
        (2020, 60.0, 2030, 50.0),  # a share target that lowers the share
    ],
)
def test_terms_that_make_no_share_path_are_refused(
    base_year, base_share, target_year, target_share
):
    with pytest.raises(PathError):
        ShareTargetSpec(
            base_year=base_year,
            base_share=base_share,
            target_year=target_year,
            target_share=target_share,
        )


@given(
    base_year=st.integers(2000, 2040),
    years=st.integers(1, 40),
    base_share=st.floats(0, 100),
    rise=st.floats(0, 1),
    year=st.integers(1990, 2100),
)
def test_the_path_never_falls_and_stays_between_the_base_and_target_share(
    base_year, years, base_share, rise, year
):
    spec = ShareTargetSpec(
        base_year=base_year,
        base_share=base_share,
        target_year=base_year + years,
        target_share=base_share + (100.0 - base_share) * rise,
    )
    value = share_path_value(spec, year)
    assert spec.base_share - 1e-9 <= value <= spec.target_share + 1e-9
    assert share_path_value(spec, year + 1) >= value - 1e-9
