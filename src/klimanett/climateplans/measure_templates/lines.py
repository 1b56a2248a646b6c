"""An account's lines summed per activity, in the unit of each activity's factor. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from klimanett.accounting.ghg.calculate import ActivityLine, Calculator
from klimanett.accounting.ghg.factors import FactorSet, UnknownActivity
from klimanett.accounting.ghg.units import UnitError

# A pump blend has no energy content of its own in the factor sets: it takes that of the
# fossil fuel it mostly is.
ENERGY_CONTENT_OF = {"diesel_pump_blend": "diesel", "petrol_pump_blend": "petrol"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityAmount:
    """An activity's yearly quantity in the unit of its location-based factor."""

    key: str
    quantity: float
    unit: str
    kg_per_unit: float  # location-based

    @property
    def kg(self) -> float:
        return self.quantity * self.kg_per_unit


class AccountLines:
    """An account's lines summed per activity, with the factor set and year that price what
    replaces them. Lines the set cannot compute are left out."""

    def __init__(self, lines: Iterable[ActivityLine], *, factor_set: FactorSet, year: int) -> None:
        self.factor_set = factor_set
        self.year = year
        self._calculator = Calculator(factor_set, year=year)
        self._amounts: dict[str, ActivityAmount] = {}
        for line in lines:
            try:
                computed = self._calculator.compute(line)
            except (UnknownActivity, UnitError):
                continue
            if computed.quantity_in_factor_unit <= 0:
                continue
            factor = computed.location_factor
            known = self._amounts.get(line.activity)
            quantity = computed.quantity_in_factor_unit + (known.quantity if known else 0.0)
            self._amounts[line.activity] = ActivityAmount(
                key=line.activity, quantity=quantity, unit=factor.unit, kg_per_unit=factor.value
            )

    def amounts(self, keys: Iterable[str]) -> list[ActivityAmount]:
        """The amounts of `keys` the account has, in the order of `keys`."""
        return [self._amounts[key] for key in keys if key in self._amounts]

    def kwh_per_unit(self, amount: ActivityAmount) -> float | None:
        """The energy content of one unit of a fuel (10.056 kWh per litre of diesel)."""
        for key in (amount.key, ENERGY_CONTENT_OF.get(amount.key)):
            if key is None:
                continue
            try:
                return self.factor_set.conversion_factor(key, from_unit=amount.unit, to_unit="kWh")
            except UnitError:
                continue
        return None

    def kg_per_unit(self, activity: str, *, unit: str) -> float | None:
        """The location-based factor of `activity` per `unit` in the account's year."""
        try:
            return self._calculator.resolve(activity, unit=unit).kgco2e_location_per_unit
        except (UnknownActivity, UnitError):
            return None
