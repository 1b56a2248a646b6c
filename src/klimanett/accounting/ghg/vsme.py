"""The energy and greenhouse gas disclosure B3 of the basic module of the EU's voluntary
sustainability reporting standard for SMEs (VSME: EFRAG, December 2024; Commission
Recommendation (EU) 2025/1710), worked out from an account's computed lines: "report once".

Energy is total consumption in MWh, split into renewable and non-renewable and by carrier
(electricity, fuels, district heating). Each energy line's quantity is converted to MWh with
`FactorSet.conversion_factor`, fuels in litres, kg or Sm3 through their energy content
(Miljødirektoratet's table in the factor set). A line whose energy content the set does not
hold (pump diesel or petrol with a bio blend, HVO in litres) is left out of the energy figures
and named in `VsmeB3.unconverted`, never guessed.

Renewable or not, decided per line from the factor set, the same way for every set:

- Fuels (categories ``fuel_mobile`` and ``fuel_stationary``) are renewable when the set gives
  biogenic CO2 for them (biofuels: HVO, bioethanol, wood pellets); all others are fossil.
- Electricity is renewable when it is bought with guarantees of origin, the activity whose
  market-based factor is 0 kg CO2e/kWh by the GHG Protocol Scope 2 convention. Electricity
  without them is non-renewable: NVE's declaration for customers without guarantees of origin
  (the residual mix, the market-based factor the set already uses) is what such a customer is
  supplied with, as the power bill states. The renewable share of physically delivered power in
  Norway (about 95 %, NVE) is not used, since its guarantees of origin are sold to others and
  would be counted twice.
- District heating is counted as non-renewable: the set's value is a national average without
  a renewable share, so no renewable share is claimed.

Greenhouse gases are gross scope 1, scope 2 location-based and market-based, and scope 3 as far
as the account covers it. The VSME total and intensity are scope 1 plus location-based scope 2;
the intensity is per million NOK of revenue (the standard's turnover, here in NOK).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from klimanett.accounting.ghg.calculate import ComputedLine, ScopeTotals, scope_totals
from klimanett.accounting.ghg.factors import FactorSet
from klimanett.accounting.ghg.units import UnitError, convert


class Carrier(StrEnum):
    ELECTRICITY = "electricity"
    FUELS = "fuels"
    DISTRICT_HEATING = "district_heating"


CARRIER_OF_CATEGORY = {
    "electricity": Carrier.ELECTRICITY,
    "fuel_mobile": Carrier.FUELS,
    "fuel_stationary": Carrier.FUELS,
    "district_heating": Carrier.DISTRICT_HEATING,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Energy:
    renewable_mwh: float = 0.0
    non_renewable_mwh: float = 0.0

    @property
    def total_mwh(self) -> float:
        return self.renewable_mwh + self.non_renewable_mwh

    def __add__(self, other: "Energy") -> "Energy":
        return Energy(
            renewable_mwh=self.renewable_mwh + other.renewable_mwh,
            non_renewable_mwh=self.non_renewable_mwh + other.non_renewable_mwh,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class VsmeB3:
    energy: dict[Carrier, Energy]  # every carrier, in the order of `Carrier`
    unconverted: tuple[str, ...]  # energy activities without energy content in the set
    totals: ScopeTotals
    revenue_mnok: float | None
    scope3_reported: bool  # the account has scope 3 lines (optional in the basic module)

    @property
    def total_energy(self) -> Energy:
        return sum(self.energy.values(), Energy())

    @property
    def ghg_total_kg(self) -> float:
        """Scope 1 and location-based scope 2, the total of the basic module."""
        return self.totals.scope1_kg + self.totals.scope2_location_kg

    @property
    def intensity_kg_per_mnok(self) -> float | None:
        """`ghg_total_kg` per million NOK of revenue; None without a revenue above zero."""
        if not self.revenue_mnok:
            return None
        return self.ghg_total_kg / self.revenue_mnok


def is_renewable(line: ComputedLine) -> bool:
    """Whether an energy line counts as renewable, by the rule in the module docstring."""
    if line.category == "electricity":
        return line.market_factor.value == 0.0
    if CARRIER_OF_CATEGORY.get(line.category) is Carrier.FUELS:
        return line.biogenic_kgco2 > 0.0
    return False


def vsme_b3(
    lines: Sequence[ComputedLine], *, factor_set: FactorSet, revenue_nok: float | None
) -> VsmeB3:
    """The B3 figures of an account's computed lines, with the set they were computed with."""
    energy = dict.fromkeys(Carrier, Energy())
    unconverted: list[str] = []
    for line in lines:
        carrier = CARRIER_OF_CATEGORY.get(line.category)
        if carrier is None:
            continue
        activity = line.line.activity
        try:
            mwh = line.line.quantity * factor_set.conversion_factor(
                activity, from_unit=line.line.unit, to_unit="MWh"
            )
        except UnitError:
            if activity not in unconverted:
                unconverted.append(activity)
            continue
        energy[carrier] += (
            Energy(renewable_mwh=mwh) if is_renewable(line) else Energy(non_renewable_mwh=mwh)
        )
    return VsmeB3(
        energy=energy,
        unconverted=tuple(unconverted),
        totals=scope_totals(lines),
        revenue_mnok=None
        if revenue_nok is None
        else convert(revenue_nok, from_unit="NOK", to_unit="MNOK"),
        scope3_reported=any(line.scope == 3 for line in lines),
    )
