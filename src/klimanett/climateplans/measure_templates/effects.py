"""A measure template and the kinds of arithmetic behind the templates: less of an activity,
the same quantity of another activity, fuel to electric vehicles, a boiler's fuel to another
source of heat. Pure; the assumptions are explained in the package docstring."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from klimanett.climateplans.measure_templates.lines import AccountLines, ActivityAmount
from klimanett.climateplans.measure_templates.steps import (
    KG_PER_TONNE,
    ActivityName,
    Figure,
    Step,
    factor_figure,
    gettext_noop,
    quantity_figure,
    tonnes_figure,
)

EV_ENERGY_RATIO = 1 / 3
BOILER_EFFICIENCY = 0.85
PELLET_BOILER_EFFICIENCY = 0.85
HEAT_PUMP_SCOP = 3.0
DISTRICT_HEATING_EFFICIENCY = 1.0

ELECTRICITY = "electricity"


class ShareError(ValueError):
    """A share outside (0, 1]."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimate:
    """A template's expected yearly effect on an account: `activities` are the keys it found
    (none: not applicable)."""

    template_key: str
    share: float
    activities: tuple[str, ...]
    reduction_t: float
    energy_kwh: float | None  # purchased energy saved a year, where the measure saves energy
    steps: tuple[Step, ...]

    @property
    def applicable(self) -> bool:
        return bool(self.activities)


@dataclass(frozen=True, slots=True)
class _Effect:
    cut_kg: float
    energy_kwh: float | None
    steps: list[Step]


_Compute = Callable[[Sequence[ActivityAmount], AccountLines, float], _Effect | None]


@dataclass(frozen=True, slots=True, kw_only=True)
class MeasureTemplate:
    key: str
    title: str
    description: str
    category: str
    activity_keys: tuple[str, ...]
    share_label: str
    default_share: float  # 0–1
    assumptions: str
    compute: _Compute

    def estimate(self, lines: AccountLines, *, share: float | None = None) -> Estimate:
        """The expected yearly effect when `share` (default: the template's) of the activities
        is replaced; not applicable when the account has none of them."""
        share = self.default_share if share is None else share
        if not 0.0 < share <= 1.0:
            raise ShareError("a share is more than 0 and at most 100 %")
        amounts = lines.amounts(self.activity_keys)
        effect = self.compute(amounts, lines, share) if amounts else None
        if effect is None:
            return Estimate(
                template_key=self.key,
                share=share,
                activities=(),
                reduction_t=0.0,
                energy_kwh=None,
                steps=(),
            )
        return Estimate(
            template_key=self.key,
            share=share,
            activities=tuple(amount.key for amount in amounts),
            reduction_t=effect.cut_kg / KG_PER_TONNE,
            energy_kwh=effect.energy_kwh,
            steps=tuple(effect.steps),
        )


def _share_step(amount: ActivityAmount, share: float) -> Step:
    return Step(
        text=gettext_noop("%(share)s %% of %(quantity)s %(unit)s %(activity)s = %(used)s %(unit)s"),
        values={
            "share": Figure(share * 100, 0),
            "quantity": quantity_figure(amount.quantity, amount.unit),
            "unit": amount.unit,
            "activity": ActivityName(amount.key),
            "used": quantity_figure(amount.quantity * share, amount.unit),
        },
    )


def _emission_step(text: str, *, key: str, used: float, unit: str, factor: float) -> Step:
    return Step(
        text=text,
        values={
            "used": quantity_figure(used, unit),
            "unit": unit,
            "activity": ActivityName(key),
            "factor": factor_figure(factor),
            "tonnes": tonnes_figure(used * factor),
        },
    )


def _cut_step(before_kg: float, after_kg: float) -> Step:
    return Step(
        text=gettext_noop("Cut: %(before)s t − %(after)s t = %(cut)s t CO2e a year"),
        values={
            "before": tonnes_figure(before_kg),
            "after": tonnes_figure(after_kg),
            "cut": tonnes_figure(before_kg - after_kg),
        },
    )


def _total_step(cut_kg: float, energy_kwh: float | None) -> Step:
    if energy_kwh is None:
        return Step(
            text=gettext_noop("In all: %(cut)s t CO2e less a year"),
            values={"cut": tonnes_figure(cut_kg)},
        )
    return Step(
        text=gettext_noop("In all: %(cut)s t CO2e and %(kwh)s kWh less a year"),
        values={"cut": tonnes_figure(cut_kg), "kwh": Figure(energy_kwh, 0)},
    )


_TODAY = gettext_noop(
    "Today: %(used)s %(unit)s %(activity)s × %(factor)s kg/%(unit)s = %(tonnes)s t CO2e"
)


def cut_share(*, saves_energy: bool) -> _Compute:
    """Less of the activity: the share's emissions go (and its kWh, for energy)."""

    def compute(
        amounts: Sequence[ActivityAmount], lines: AccountLines, share: float
    ) -> _Effect | None:
        steps, cut_kg, kwh = [], 0.0, 0.0
        for amount in amounts:
            used = amount.quantity * share
            steps.append(_share_step(amount, share))
            steps.append(
                _emission_step(
                    gettext_noop(
                        "%(used)s %(unit)s %(activity)s × %(factor)s kg/%(unit)s"
                        " = %(tonnes)s t CO2e less"
                    ),
                    key=amount.key,
                    used=used,
                    unit=amount.unit,
                    factor=amount.kg_per_unit,
                )
            )
            cut_kg += used * amount.kg_per_unit
            kwh += used if amount.unit == "kWh" else 0.0
        energy = kwh if saves_energy else None
        steps.append(_total_step(cut_kg, energy))
        return _Effect(cut_kg=cut_kg, energy_kwh=energy, steps=steps)

    return compute


def replace_per_unit(replacement: str) -> _Compute:
    """The same quantity of another activity (km by electric car, tonnes to recycling, litres
    of HVO): the difference of the two factors."""

    def compute(
        amounts: Sequence[ActivityAmount], lines: AccountLines, share: float
    ) -> _Effect | None:
        steps, before_all, after_all, found = [], 0.0, 0.0, False
        for amount in amounts:
            new_factor = lines.kg_per_unit(replacement, unit=amount.unit)
            if new_factor is None:
                continue
            found = True
            used = amount.quantity * share
            steps.append(_share_step(amount, share))
            steps.append(
                _emission_step(
                    _TODAY, key=amount.key, used=used, unit=amount.unit, factor=amount.kg_per_unit
                )
            )
            steps.append(
                _emission_step(
                    gettext_noop(
                        "Instead: %(used)s %(unit)s %(activity)s × %(factor)s kg/%(unit)s"
                        " = %(tonnes)s t CO2e"
                    ),
                    key=replacement,
                    used=used,
                    unit=amount.unit,
                    factor=new_factor,
                )
            )
            before, after = used * amount.kg_per_unit, used * new_factor
            steps.append(_cut_step(before, after))
            before_all += before
            after_all += after
        if not found:
            return None
        if len(amounts) > 1:
            steps.append(_total_step(before_all - after_all, None))
        return _Effect(cut_kg=before_all - after_all, energy_kwh=None, steps=steps)

    return compute


def fuel_to_electric_vehicles(
    amounts: Sequence[ActivityAmount], lines: AccountLines, share: float
) -> _Effect | None:
    """Litres of fuel replaced by a third of their energy as electricity."""
    electricity = lines.kg_per_unit(ELECTRICITY, unit="kWh")
    if electricity is None:
        return None
    steps, before_all, after_all, saved = [], 0.0, 0.0, 0.0
    for amount in amounts:
        kwh_per_unit = lines.kwh_per_unit(amount)
        if kwh_per_unit is None:
            continue
        used = amount.quantity * share
        fuel_kwh = used * kwh_per_unit
        electric_kwh = fuel_kwh * EV_ENERGY_RATIO
        steps.append(_share_step(amount, share))
        steps.append(
            _emission_step(
                _TODAY, key=amount.key, used=used, unit=amount.unit, factor=amount.kg_per_unit
            )
        )
        steps.append(
            Step(
                text=gettext_noop(
                    "An electric vehicle uses about a third of the energy: %(used)s %(unit)s"
                    " × %(kwh_per_unit)s kWh/%(unit)s × 1/3 = %(kwh)s kWh electricity"
                ),
                values={
                    "used": quantity_figure(used, amount.unit),
                    "unit": amount.unit,
                    "kwh_per_unit": factor_figure(kwh_per_unit),
                    "kwh": Figure(electric_kwh, 0),
                },
            )
        )
        steps.append(
            _emission_step(
                gettext_noop(
                    "Instead: %(used)s %(unit)s %(activity)s × %(factor)s kg/%(unit)s"
                    " = %(tonnes)s t CO2e"
                ),
                key=ELECTRICITY,
                used=electric_kwh,
                unit="kWh",
                factor=electricity,
            )
        )
        before, after = used * amount.kg_per_unit, electric_kwh * electricity
        steps.append(_cut_step(before, after))
        before_all += before
        after_all += after
        saved += fuel_kwh - electric_kwh
    if not steps:
        return None
    steps.append(_total_step(before_all - after_all, saved))
    return _Effect(cut_kg=before_all - after_all, energy_kwh=saved, steps=steps)


def heating(replacement: str, *, efficiency: float, efficiency_text: str) -> _Compute:
    """A boiler's fuel replaced by the heat it gives, from `replacement` at `efficiency`
    (kWh of heat per kWh bought)."""

    def compute(
        amounts: Sequence[ActivityAmount], lines: AccountLines, share: float
    ) -> _Effect | None:
        new_factor = lines.kg_per_unit(replacement, unit="kWh")
        if new_factor is None:
            return None
        steps, before_all, after_all, saved = [], 0.0, 0.0, 0.0
        for amount in amounts:
            kwh_per_unit = lines.kwh_per_unit(amount)
            if kwh_per_unit is None:
                continue
            used = amount.quantity * share
            fuel_kwh = used * kwh_per_unit
            heat_kwh = fuel_kwh * BOILER_EFFICIENCY
            new_kwh = heat_kwh / efficiency
            steps.append(_share_step(amount, share))
            steps.append(
                _emission_step(
                    _TODAY, key=amount.key, used=used, unit=amount.unit, factor=amount.kg_per_unit
                )
            )
            steps.append(
                Step(
                    text=gettext_noop(
                        "Heat from it: %(used)s %(unit)s × %(kwh_per_unit)s kWh/%(unit)s"
                        " × %(efficiency)s %% boiler efficiency = %(heat)s kWh"
                    ),
                    values={
                        "used": quantity_figure(used, amount.unit),
                        "unit": amount.unit,
                        "kwh_per_unit": factor_figure(kwh_per_unit),
                        "efficiency": Figure(BOILER_EFFICIENCY * 100, 0),
                        "heat": Figure(heat_kwh, 0),
                    },
                )
            )
            steps.append(
                Step(
                    text=efficiency_text,
                    values={
                        "heat": Figure(heat_kwh, 0),
                        "efficiency": factor_figure(efficiency),
                        "kwh": Figure(new_kwh, 0),
                        "activity": ActivityName(replacement),
                    },
                )
            )
            steps.append(
                _emission_step(
                    gettext_noop(
                        "Instead: %(used)s %(unit)s %(activity)s × %(factor)s kg/%(unit)s"
                        " = %(tonnes)s t CO2e"
                    ),
                    key=replacement,
                    used=new_kwh,
                    unit="kWh",
                    factor=new_factor,
                )
            )
            before, after = used * amount.kg_per_unit, new_kwh * new_factor
            steps.append(_cut_step(before, after))
            before_all += before
            after_all += after
            saved += fuel_kwh - new_kwh
        if not steps:
            return None
        energy = saved if abs(saved) > 1e-9 else None
        steps.append(_total_step(before_all - after_all, energy))
        return _Effect(cut_kg=before_all - after_all, energy_kwh=energy, steps=steps)

    return compute
