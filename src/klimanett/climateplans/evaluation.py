"""How a target measures up: its implied yearly cut, the 1.5 °C pace (SBTi's absolute
contraction), the county's path between the same years, and whether the accounts so far are
on track. The arithmetic is in ``paths.py``; this module reads targets and the figures of
``actuals`` into it.

- The base value is read live from the base year's account (``actuals.base_value``), so a
  target follows its account when that is changed, recalculated or restated after the target
  was set; the value recorded then is kept beside it.
- 1.5 °C alignment is judged only for absolute emission targets covering at least scopes 1
  and 2 with emissions above 0 in the base year; otherwise it is "not applicable", with why.
- The county's path is for total emissions: an intensity target is not compared with it.
- On track is told from the latest account after the base year; when that account lacks what
  the target's value needs (an intensity's denominator), it is not known, and the page says
  why, rather than telling it from an older year.

Batchable: ``evaluate_targets`` takes the figures of ``actuals.figures_by_organisation``
(two queries however many organisations) and makes no query of its own, so a list of every
organisation's targets costs the same few queries as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from klimanett.climateplans import actuals, paths
from klimanett.climateplans.baselines import DENOMINATORS
from klimanett.climateplans.models import Target
from klimanett.climateplans.reference_targets import county_path

KG_PER_TONNE = 1000.0


@dataclass(frozen=True, slots=True)
class ValueUnit:
    """How a target's values are shown: raw values (kg CO2e, kWh, percent) are divided by
    `divisor` and followed by `label`."""

    label: str | Promise
    divisor: float = 1.0

    def shown(self, value: float | None) -> float | None:
        return None if value is None else value / self.divisor


_UNITS: dict[tuple[str, str], ValueUnit] = {
    (Target.Kind.EMISSIONS, Target.Metric.ABSOLUTE): ValueUnit(
        gettext_lazy("t CO2e"), KG_PER_TONNE
    ),
    (Target.Kind.EMISSIONS, Target.Metric.PER_EMPLOYEE): ValueUnit(
        gettext_lazy("kg CO2e per employee")
    ),
    (Target.Kind.EMISSIONS, Target.Metric.PER_MILLION_NOK): ValueUnit(
        gettext_lazy("kg CO2e per million NOK")
    ),
    (Target.Kind.EMISSIONS, Target.Metric.PER_M2): ValueUnit(gettext_lazy("kg CO2e per m²")),
    (Target.Kind.ENERGY, Target.Metric.ABSOLUTE): ValueUnit(gettext_lazy("kWh")),
    (Target.Kind.ENERGY, Target.Metric.PER_EMPLOYEE): ValueUnit(gettext_lazy("kWh per employee")),
    (Target.Kind.ENERGY, Target.Metric.PER_MILLION_NOK): ValueUnit(
        gettext_lazy("kWh per million NOK")
    ),
    (Target.Kind.ENERGY, Target.Metric.PER_M2): ValueUnit(gettext_lazy("kWh per m²")),
}
# xgettext:no-python-format
SHARE_UNIT = ValueUnit(gettext_lazy("% renewable"))


def unit_of(kind: str, metric: str) -> ValueUnit:
    """The unit a target of this kind and metric is shown in."""
    if kind == Target.Kind.RENEWABLE_SHARE:
        return SHARE_UNIT
    return _UNITS[(kind, metric)]


@dataclass(frozen=True, slots=True, kw_only=True)
class YearRow:
    """One year with an account: the actual value beside what the target's path allows (for a
    share: asks for). `on_path` is None in the base year."""

    year: int
    actual: float
    path: float
    on_path: bool | None
    unit: ValueUnit

    @property
    def shown_actual(self) -> float | None:
        return self.unit.shown(self.actual)

    @property
    def shown_path(self) -> float | None:
        return self.unit.shown(self.path)


@dataclass(frozen=True, kw_only=True)
class TargetEvaluation:
    target: Target
    unit: ValueUnit
    is_increase: bool  # a renewable share rises; emissions and energy use fall
    base: actuals.BaseValue  # read live from the base year's account where it can be
    target_value: float
    # Percent of the base-year value a year (a share: percentage points a year); compound: the
    # same cut as a steady percentage of the year before (None for a share and a 100 % cut).
    linear_rate_percent: float | None
    compound_rate_percent: float | None
    # 1.5 °C (SBTi's 4.2 % a year, linear): None where it does not apply, with the reason.
    aligned_1_5c: bool | None
    alignment_note: str
    # The county's path between the target's base and target years; `county_comparable` is
    # False for an intensity target (the path is for total emissions).
    county_cut_percent: float | None
    keeps_county_pace: bool | None
    county_note: str
    # The latest account after the base year against the path: None without one yet, or when
    # that account lacks what the target's value needs (`unmeasured_year`, `on_track_note`).
    on_track: bool | None
    latest: YearRow | None
    years: tuple[YearRow, ...] = field(default=())
    county_comparable: bool = True
    unmeasured_year: int | None = None
    on_track_note: str = ""
    problem: str = ""  # terms that make no path (only possible for data typed outside the form)

    @property
    def base_value(self) -> float:
        return self.base.value

    @property
    def shown_base(self) -> float | None:
        return self.unit.shown(self.base.value)

    @property
    def shown_recorded_base(self) -> float | None:
        """The base value recorded when the target was set (see `base.changed`)."""
        return self.unit.shown(self.base.recorded)

    @property
    def shown_target(self) -> float | None:
        return self.unit.shown(self.target_value)


def _percent(fraction: float) -> str:
    return formats.number_format(100.0 * fraction, decimal_pos=1)


def _alignment(target: Target, spec: paths.TargetSpec | None) -> tuple[bool | None, str]:
    """1.5 °C alignment is judged only where SBTi's absolute contraction applies: an absolute
    emission target that covers at least scopes 1 and 2 and has emissions to cut in its base
    year. Otherwise None, with the reason."""
    rate = _percent(paths.SBTI_1_5C_LINEAR_RATE)
    if target.kind == Target.Kind.EMISSIONS and spec is not None:
        if target.metric != Target.Metric.ABSOLUTE:
            return None, _(
                "The 1.5 °C pace (%(rate)s %% of the base year a year) is for absolute "
                "emissions: an intensity target can be met while total emissions grow."
            ) % {"rate": rate}
        if target.scopes == Target.Scopes.SCOPE_1:
            return None, _(
                "The 1.5 °C pace is judged for targets that cover at least scopes 1 and 2, as "
                "the Science Based Targets initiative asks; this target covers scope 1 only."
            )
        if spec.base_value <= 0:
            return None, _(
                "The emissions of the base year are 0, so there is no cut to hold up against "
                "the 1.5 °C pace."
            )
        return paths.is_1_5c_aligned(spec), ""
    if target.kind == Target.Kind.ENERGY:
        return None, _("The 1.5 °C pace is for greenhouse gas emissions, not energy use.")
    return None, _(
        "The 1.5 °C pace is for greenhouse gas emissions, not the share of renewable energy."
    )


def _county(target: Target, spec: paths.TargetSpec | None) -> tuple[float | None, bool | None, str]:
    """The county's cut between the target's years and whether the target keeps pace: only for
    absolute emission targets (see `_county_comparable`)."""
    if target.kind != Target.Kind.EMISSIONS or spec is None:
        return None, None, _("The county's path is for greenhouse gas emissions.")
    if not _county_comparable(target):
        return (
            None,
            None,
            _(
                "The county's path is for total emissions, so it cannot be compared with a "
                "target for emissions per unit (an intensity)."
            ),
        )
    path = county_path()
    cut = 100.0 * path.reduction_between(spec.base_year, spec.target_year)
    return cut, paths.keeps_pace_with(spec, path), ""


def _county_comparable(target: Target) -> bool:
    """An intensity target is not comparable with the county's absolute path."""
    return target.kind != Target.Kind.EMISSIONS or target.metric == Target.Metric.ABSOLUTE


def _unmeasured(
    target: Target, figures: Mapping[int, actuals.YearFigures], actual: Mapping[int, float]
) -> tuple[int | None, str]:
    """The latest account after the base year when it does not give the target's value (an
    intensity's denominator, a renewable share's energy use), with what it lacks; on track is
    then not known, rather than told from an older year."""
    latest = max((year for year in figures if year > target.base_year), default=None)
    if latest is None or latest in actual:
        return None, ""
    if target.kind == Target.Kind.RENEWABLE_SHARE:
        note = _(
            "The climate account for %(year)s has no energy use, so it cannot tell whether the "
            "target is on track."
        ) % {"year": latest}
    else:
        note = _(
            "The climate account for %(year)s does not give %(denominator)s, so it cannot tell "
            "whether the target is on track. Add it to that account."
        ) % {"year": latest, "denominator": DENOMINATORS.get(Target.Metric(target.metric), "")}
    return latest, note


def evaluate_target(target: Target, figures: Mapping[int, actuals.YearFigures]) -> TargetEvaluation:
    """The target measured against its paths and the organisation's accounts (`figures`: the
    organisation's, from ``actuals.figures_of`` or ``figures_by_organisation``). No query."""
    unit = unit_of(target.kind, target.metric)
    base = actuals.base_value(target, figures)
    actual = {
        year: value
        for year, value in actuals.actual_values(target, figures).items()
        if year >= target.base_year
    }
    is_increase = target.kind == Target.Kind.RENEWABLE_SHARE
    try:
        result = (
            _evaluate_share(target, base, actual, unit)
            if is_increase
            else _evaluate_reduction(target, base, actual, unit)
        )
    except (paths.PathError, TypeError) as error:
        return TargetEvaluation(
            target=target,
            unit=unit,
            is_increase=is_increase,
            base=base,
            target_value=base.value,
            linear_rate_percent=None,
            compound_rate_percent=None,
            aligned_1_5c=None,
            alignment_note="",
            county_cut_percent=None,
            keeps_county_pace=None,
            county_note="",
            on_track=None,
            latest=None,
            problem=_("The target's figures do not make a path: %(error)s.") % {"error": error},
        )
    unmeasured_year, on_track_note = _unmeasured(target, figures, actual)
    if unmeasured_year is None:
        return result
    return replace(
        result,
        on_track=None,
        latest=None,
        unmeasured_year=unmeasured_year,
        on_track_note=on_track_note,
    )


def _evaluate_reduction(
    target: Target, base: actuals.BaseValue, actual: Mapping[int, float], unit: ValueUnit
) -> TargetEvaluation:
    if target.reduction_percent is None:
        raise TypeError("no reduction given")
    spec = paths.TargetSpec(
        base_year=target.base_year,
        base_value=base.value,
        target_year=target.target_year,
        reduction=float(target.reduction_percent) / 100.0,
    )
    rows = tuple(
        YearRow(
            year=year,
            actual=value,
            path=paths.target_path_value(spec, year),
            on_path=None
            if year == spec.base_year
            else value <= paths.target_path_value(spec, year) + 1e-9,
            unit=unit,
        )
        for year, value in sorted(actual.items())
    )
    aligned, alignment_note = _alignment(target, spec)
    county_cut, keeps_pace, county_note = _county(target, spec)
    return TargetEvaluation(
        target=target,
        unit=unit,
        is_increase=False,
        base=base,
        target_value=spec.target_value,
        linear_rate_percent=100.0 * paths.linear_yearly_rate(spec),
        # A cut to zero is no steady percentage of the year before.
        compound_rate_percent=None
        if spec.reduction >= 1.0
        else 100.0 * paths.compound_yearly_rate(spec),
        aligned_1_5c=aligned,
        alignment_note=alignment_note,
        county_cut_percent=county_cut,
        keeps_county_pace=keeps_pace,
        county_note=county_note,
        county_comparable=_county_comparable(target),
        on_track=paths.on_track(spec, actual),
        latest=_latest(rows, spec.base_year),
        years=rows,
    )


def _evaluate_share(
    target: Target, base: actuals.BaseValue, actual: Mapping[int, float], unit: ValueUnit
) -> TargetEvaluation:
    if target.target_share_percent is None:
        raise TypeError("no target share given")
    spec = paths.ShareTargetSpec(
        base_year=target.base_year,
        base_share=base.value,
        target_year=target.target_year,
        target_share=float(target.target_share_percent),
    )
    rows = tuple(
        YearRow(
            year=year,
            actual=value,
            path=paths.share_path_value(spec, year),
            on_path=None
            if year == spec.base_year
            else value >= paths.share_path_value(spec, year) - 1e-9,
            unit=unit,
        )
        for year, value in sorted(actual.items())
    )
    aligned, alignment_note = _alignment(target, None)
    county_cut, keeps_pace, county_note = _county(target, None)
    return TargetEvaluation(
        target=target,
        unit=unit,
        is_increase=True,
        base=base,
        target_value=spec.target_share,
        linear_rate_percent=paths.share_yearly_increase(spec),
        compound_rate_percent=None,
        aligned_1_5c=aligned,
        alignment_note=alignment_note,
        county_cut_percent=county_cut,
        keeps_county_pace=keeps_pace,
        county_note=county_note,
        on_track=paths.share_on_track(spec, actual),
        latest=_latest(rows, spec.base_year),
        years=rows,
    )


def _latest(rows: tuple[YearRow, ...], base_year: int) -> YearRow | None:
    later = [row for row in rows if row.year > base_year]
    return later[-1] if later else None


def evaluate_targets(
    targets: Iterable[Target],
    figures_by_organisation: Mapping[int, Mapping[int, actuals.YearFigures]],
) -> list[TargetEvaluation]:
    """Each target measured up, in the order given, with the figures of its organisation from
    ``actuals.figures_by_organisation`` (an organisation missing from it has no accounts). No
    query."""
    return [
        evaluate_target(target, figures_by_organisation.get(target.organisation_id, {}))
        for target in targets
    ]
