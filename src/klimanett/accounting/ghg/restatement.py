"""Why a total changed: the change split into an activity, a factor and a boundary effect.

Two versions of emissions are compared: the same year calculated with its own factor set and
with a newer one (a restatement), or a year and the year before. Each side is a set of
*positions*: the activity lines summed per activity and unit as entered, with the kg CO2e per
unit they are calculated with. For a position on both sides, with quantities q and factors f
(kg CO2e per unit, old ⁰ and new ¹):

    activity effect = (q¹ − q⁰) × f⁰     the change of quantity, at the old factor
    factor effect   = (f¹ − f⁰) × q¹     the change of factor, at the new quantity

which add up exactly to q¹f¹ − q⁰f⁰ (no residual term): the interaction (Δq × Δf) is counted
in the factor effect. A position on one side only is the boundary effect: a line added counts
its new emissions, a line removed minus its old ones. The total change is the sum of the three
effects over all positions. So the same factors on both sides give no factor effect, and the
same quantities (a restatement) no activity effect.

Positions are keyed by activity and the dimension of the unit as entered, with quantities in
the dimension's base unit (MWh and kWh of electricity are one position, in kWh): a conversion
within a dimension needs no factor set, so a restatement keeps an activity effect of zero, and
90 MWh one year against 100 000 kWh the year before is a quantity change, not a line removed
and added. Across dimensions (diesel in kWh one year, in litres the next) the conversion
depends on the set's energy contents, so such a line counts as removed and added. Everything
is computed twice, location-based and market-based; they differ by scope 2 only.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from klimanett.accounting.ghg import units
from klimanett.accounting.ghg.calculate import ActivityLine, Calculator, Change, change

#: The GHG Protocol's usual significance threshold for recalculating the base year.
SIGNIFICANCE_PERCENT = 5.0

PositionKey = tuple[str, str]  # (activity, base unit of the dimension of the unit as entered)


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """An activity of one side: its quantity in a unit and what one unit emits."""

    activity: str
    unit: str
    scope: int
    quantity: float
    kg_per_unit_location: float
    kg_per_unit_market: float

    @property
    def key(self) -> PositionKey:
        return (self.activity, self.unit)

    @property
    def kg_location(self) -> float:
        return self.quantity * self.kg_per_unit_location

    @property
    def kg_market(self) -> float:
        return self.quantity * self.kg_per_unit_market


@dataclass(frozen=True, slots=True, kw_only=True)
class Effects:
    """The change from `old_kg` to `new_kg` and its split; the three effects add up to it."""

    old_kg: float
    new_kg: float
    activity_kg: float
    factor_kg: float
    boundary_kg: float

    @property
    def change(self) -> Change:
        return change(current_kg=self.new_kg, earlier_kg=self.old_kg)


@dataclass(frozen=True, slots=True, kw_only=True)
class PositionChange:
    key: PositionKey
    old: Position | None  # None: added
    new: Position | None  # None: removed
    location: Effects
    market: Effects


@dataclass(frozen=True, slots=True, kw_only=True)
class Decomposition:
    location: Effects
    market: Effects
    positions: tuple[PositionChange, ...]  # the old side's order, then the added ones


def positions(lines: Iterable[ActivityLine], calculator: Calculator) -> dict[PositionKey, Position]:
    """The lines summed per activity and dimension in its base unit, with the calculator's
    factors (raises as `Calculator.resolve` does for an activity or unit the set cannot
    calculate)."""
    quantities: dict[PositionKey, float] = {}
    for line in lines:
        entered = units.unit(line.unit)
        key = (line.activity, units.base_unit(entered.dimension))
        quantities[key] = quantities.get(key, 0.0) + line.quantity * entered.per_base
    result = {}
    for (activity, unit), quantity in quantities.items():
        resolved = calculator.resolve(activity, unit=unit)
        result[(activity, unit)] = Position(
            activity=activity,
            unit=unit,
            scope=resolved.scope,
            quantity=quantity,
            kg_per_unit_location=resolved.kgco2e_location_per_unit,
            kg_per_unit_market=resolved.kgco2e_market_per_unit,
        )
    return result


def decompose(
    old: Mapping[PositionKey, Position], new: Mapping[PositionKey, Position]
) -> Decomposition:
    """The change from `old` to `new`, split as the module describes, in total and by position."""
    changes = tuple(
        PositionChange(
            key=key,
            old=old.get(key),
            new=new.get(key),
            location=_effects(old.get(key), new.get(key), market=False),
            market=_effects(old.get(key), new.get(key), market=True),
        )
        for key in [*old, *(key for key in new if key not in old)]
    )
    return Decomposition(
        location=_sum(change.location for change in changes),
        market=_sum(change.market for change in changes),
        positions=changes,
    )


def compare_sets(
    lines: Iterable[ActivityLine], *, old: Calculator, new: Calculator
) -> Decomposition:
    """A year's lines with its own set (`old`) against the same lines with a newer set."""
    listed = list(lines)
    return decompose(positions(listed, old), positions(listed, new))


def needs_recalculation(*, recorded_kg: float, current_kg: float) -> bool:
    """Whether the base year moved by more than `SIGNIFICANCE_PERCENT` from its recorded
    total (from a recorded zero, any emissions at all)."""
    moved = change(current_kg=current_kg, earlier_kg=recorded_kg)
    if moved.percent is None:
        return current_kg != 0
    return abs(moved.percent) > SIGNIFICANCE_PERCENT


def _effects(old: Position | None, new: Position | None, *, market: bool) -> Effects:
    old_kg = 0.0 if old is None else (old.kg_market if market else old.kg_location)
    new_kg = 0.0 if new is None else (new.kg_market if market else new.kg_location)
    if old is None or new is None:
        return Effects(
            old_kg=old_kg,
            new_kg=new_kg,
            activity_kg=0.0,
            factor_kg=0.0,
            boundary_kg=new_kg - old_kg,
        )
    old_factor = old.kg_per_unit_market if market else old.kg_per_unit_location
    new_factor = new.kg_per_unit_market if market else new.kg_per_unit_location
    return Effects(
        old_kg=old_kg,
        new_kg=new_kg,
        activity_kg=(new.quantity - old.quantity) * old_factor,
        factor_kg=(new_factor - old_factor) * new.quantity,
        boundary_kg=0.0,
    )


def _sum(effects: Iterable[Effects]) -> Effects:
    old_kg = new_kg = activity_kg = factor_kg = boundary_kg = 0.0
    for effect in effects:
        old_kg += effect.old_kg
        new_kg += effect.new_kg
        activity_kg += effect.activity_kg
        factor_kg += effect.factor_kg
        boundary_kg += effect.boundary_kg
    return Effects(
        old_kg=old_kg,
        new_kg=new_kg,
        activity_kg=activity_kg,
        factor_kg=factor_kg,
        boundary_kg=boundary_kg,
    )
