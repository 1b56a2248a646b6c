"""Units by dimension, and conversions within a dimension.

Converting between dimensions (litres of diesel to kWh) needs the energy content of a fuel: that is
`factors.FactorSet.convert`, which uses this module for the steps within a dimension.
"""

from dataclasses import dataclass
from enum import StrEnum


class Dimension(StrEnum):
    VOLUME = "volume"
    GAS_VOLUME = "gas_volume"  # standard cubic metres (15 °C, 1 atm): not plain m3 of gas
    ENERGY = "energy"
    MASS = "mass"
    DISTANCE = "distance"  # vehicle-km
    PASSENGER_DISTANCE = "passenger_distance"  # passenger-km
    MONEY = "money"
    AREA = "area"


@dataclass(frozen=True, slots=True)
class Unit:
    symbol: str
    dimension: Dimension
    per_base: float  # how many of the dimension's base unit one of this unit is


class UnitError(ValueError):
    """A unit we cannot use."""


class UnknownUnit(UnitError):
    """A unit symbol we do not know."""


class IncompatibleUnit(UnitError):
    """Two units that do not measure the same thing (and no energy content links them)."""


_UNITS = (
    Unit("l", Dimension.VOLUME, 1.0),
    Unit("m3", Dimension.VOLUME, 1000.0),
    Unit("Sm3", Dimension.GAS_VOLUME, 1.0),
    Unit("kWh", Dimension.ENERGY, 1.0),
    Unit("MWh", Dimension.ENERGY, 1000.0),
    Unit("GWh", Dimension.ENERGY, 1_000_000.0),
    Unit("GJ", Dimension.ENERGY, 1000.0 / 3.6),  # 277.78 kWh
    Unit("kg", Dimension.MASS, 1.0),
    Unit("t", Dimension.MASS, 1000.0),
    Unit("km", Dimension.DISTANCE, 1.0),
    Unit("mil", Dimension.DISTANCE, 10.0),  # the Norwegian mil
    Unit("pkm", Dimension.PASSENGER_DISTANCE, 1.0),
    Unit("NOK", Dimension.MONEY, 1.0),
    Unit("kNOK", Dimension.MONEY, 1000.0),
    Unit("MNOK", Dimension.MONEY, 1_000_000.0),
    Unit("m2", Dimension.AREA, 1.0),
)
_ALIASES = {
    "liter": "l",
    "litre": "l",
    "m³": "m3",
    "sm³": "Sm3",
    "tonn": "t",
    "tonne": "t",
    "m²": "m2",
    "personkm": "pkm",
    "passenger-km": "pkm",
}
_BY_SYMBOL = {unit.symbol: unit for unit in _UNITS}
_BY_NAME = {unit.symbol.casefold(): unit for unit in _UNITS} | {
    alias: _BY_SYMBOL[symbol] for alias, symbol in _ALIASES.items()
}


def unit(name: str) -> Unit:
    """The unit called `name` ("MWh", "mwh", "liter"); `UnknownUnit` if there is none."""
    try:
        return _BY_NAME[name.strip().casefold()]
    except KeyError:
        raise UnknownUnit(f"unknown unit {name!r}") from None


def conversion_factor(*, from_unit: str, to_unit: str) -> float:
    """What one `from_unit` is in `to_unit`; `IncompatibleUnit` across dimensions."""
    source, target = unit(from_unit), unit(to_unit)
    if source.dimension is not target.dimension:
        raise IncompatibleUnit(
            f"{source.symbol} ({source.dimension}) cannot be converted to "
            f"{target.symbol} ({target.dimension})"
        )
    return 1.0 if source is target else source.per_base / target.per_base


def convert(quantity: float, *, from_unit: str, to_unit: str) -> float:
    """`quantity` in `from_unit` expressed in `to_unit`; `IncompatibleUnit` across dimensions."""
    return quantity * conversion_factor(from_unit=from_unit, to_unit=to_unit)


def base_unit(dimension: Dimension) -> str:
    """The symbol of the dimension's base unit (kWh, l, kg, …)."""
    return next(u.symbol for u in _UNITS if u.dimension is dimension and u.per_base == 1.0)


def unit_symbols() -> list[str]:
    """Every unit's symbol, in the order of the table above."""
    return [u.symbol for u in _UNITS]
