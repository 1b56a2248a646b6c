"""The templates: common measures for Norwegian companies and municipalities. Pure; see the
package docstring for the assumptions and for what is left out (guarantees of origin)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from klimanett.climateplans.measure_templates.effects import (
    DISTRICT_HEATING_EFFICIENCY,
    ELECTRICITY,
    HEAT_PUMP_SCOP,
    PELLET_BOILER_EFFICIENCY,
    Estimate,
    MeasureTemplate,
    cut_share,
    fuel_to_electric_vehicles,
    heating,
    replace_per_unit,
)
from klimanett.climateplans.measure_templates.lines import AccountLines
from klimanett.climateplans.measure_templates.steps import gettext_noop

DISTRICT_HEATING = "district_heating"
WOOD_PELLETS = "wood_pellets"
HVO = "hvo"
CAR_ELECTRIC = "car_electric"
SORTED_WASTE = "waste_sorted_recycling"

# The values of Measure.Category (this package does not import Django).
TRANSPORT = "transport"
HEATING = "heating"
BUILDING_ELECTRICITY = "building_electricity"
PROCUREMENT = "procurement"
WASTE = "waste"
BUSINESS_TRAVEL = "business_travel"

DIESEL_KEYS = ("diesel", "diesel_pump_blend")
PETROL_KEYS = ("petrol", "petrol_pump_blend")
HEATING_FUEL_KEYS = ("heating_oil", "kerosene", "natural_gas", "lpg")

_EV_ASSUMPTION = gettext_noop(
    "An electric vehicle uses about a third of the energy of a diesel or petrol vehicle for "
    "the same distance. The electricity is counted with the location-based factor of the "
    "account's year."
)
_BOILER_ASSUMPTION = gettext_noop(
    "The old boiler turns 85 % of the fuel's energy into heat over a season."
)

TEMPLATES: tuple[MeasureTemplate, ...] = (
    MeasureTemplate(
        key="diesel_vans_to_electric",
        title=gettext_noop("Replace diesel vans with electric vans"),
        description=gettext_noop(
            "Replace vans and light trucks that run on diesel with electric ones when they are "
            "due for renewal, and put up charging at the depot."
        ),
        category=TRANSPORT,
        activity_keys=DIESEL_KEYS,
        share_label=gettext_noop("Share of the diesel used by vans that are replaced (%)"),
        default_share=0.5,
        assumptions=_EV_ASSUMPTION,
        compute=fuel_to_electric_vehicles,
    ),
    MeasureTemplate(
        key="petrol_cars_to_electric",
        title=gettext_noop("Electric cars instead of petrol cars"),
        description=gettext_noop(
            "Replace the organisation's petrol cars with electric cars when the lease or "
            "the car runs out."
        ),
        category=TRANSPORT,
        activity_keys=PETROL_KEYS,
        share_label=gettext_noop("Share of the petrol used by cars that are replaced (%)"),
        default_share=0.5,
        assumptions=_EV_ASSUMPTION,
        compute=fuel_to_electric_vehicles,
    ),
    MeasureTemplate(
        key="hvo_in_machinery",
        title=gettext_noop("HVO instead of diesel in machinery and trucks"),
        description=gettext_noop(
            "Fill machinery and heavy vehicles that cannot yet be electric with HVO, a "
            "renewable diesel that works in the same engines."
        ),
        category=TRANSPORT,
        activity_keys=DIESEL_KEYS,
        share_label=gettext_noop("Share of the diesel replaced by HVO (%)"),
        default_share=0.5,
        assumptions=gettext_noop(
            "HVO replaces diesel litre for litre and counts 0 kg CO2e in the scopes, as the "
            "factor set says; its biogenic CO2 is reported outside the scopes. Buy HVO with "
            "sustainability documentation and without palm oil products."
        ),
        compute=replace_per_unit(HVO),
    ),
    MeasureTemplate(
        key="business_car_trips_electric",
        title=gettext_noop("Electric cars for business trips by car"),
        description=gettext_noop(
            "Make electric cars the rule for business trips by car: a car pool, electric "
            "rental cars, and mileage allowance that favours electric cars."
        ),
        category=BUSINESS_TRAVEL,
        activity_keys=("car_petrol", "car_diesel", "car_hybrid", "car_plugin_hybrid"),
        share_label=gettext_noop("Share of the kilometres driven by electric car instead (%)"),
        default_share=0.5,
        assumptions=gettext_noop(
            "Each kilometre is counted with the factor for a battery electric car instead."
        ),
        compute=replace_per_unit(CAR_ELECTRIC),
    ),
    MeasureTemplate(
        key="video_meetings_for_domestic_flights",
        title=gettext_noop("Fewer domestic flights, more video meetings"),
        description=gettext_noop(
            "Hold more meetings on video and choose the train where it is a real option: a "
            "travel policy that asks whether the trip is needed."
        ),
        category=BUSINESS_TRAVEL,
        activity_keys=("flight_domestic",),
        share_label=gettext_noop("Share of the domestic flights that are not taken (%)"),
        default_share=0.3,
        assumptions=gettext_noop(
            "A flight that is replaced by a video meeting is saved in full; the meeting's own "
            "emissions are too small to count."
        ),
        compute=cut_share(saves_energy=False),
    ),
    MeasureTemplate(
        key="oil_heating_to_heat_pump",
        title=gettext_noop("Replace oil or gas heating with a heat pump"),
        description=gettext_noop(
            "Replace the oil or gas boiler with an air-to-water or ground-source heat pump."
        ),
        category=HEATING,
        activity_keys=HEATING_FUEL_KEYS,
        share_label=gettext_noop("Share of the heating fuel that is replaced (%)"),
        default_share=1.0,
        assumptions=gettext_noop(
            "The old boiler turns 85 % of the fuel's energy into heat over a season; the heat "
            "pump gives 3 kWh of heat per kWh of electricity (seasonal COP 3)."
        ),
        compute=heating(
            ELECTRICITY,
            efficiency=HEAT_PUMP_SCOP,
            efficiency_text=gettext_noop(
                "A heat pump with seasonal COP %(efficiency)s: %(heat)s kWh / %(efficiency)s"
                " = %(kwh)s kWh %(activity)s"
            ),
        ),
    ),
    MeasureTemplate(
        key="fossil_heating_to_district_heating",
        title=gettext_noop("Switch from oil or gas heating to district heating"),
        description=gettext_noop(
            "Connect the building to the district heating network and remove the oil or gas boiler."
        ),
        category=HEATING,
        activity_keys=HEATING_FUEL_KEYS,
        share_label=gettext_noop("Share of the heating fuel that is replaced (%)"),
        default_share=1.0,
        assumptions=gettext_noop(
            "The old boiler turns 85 % of the fuel's energy into heat over a season; district "
            "heating delivers one kWh per kWh of heat used. The district heating factor is the "
            "Norwegian average: ask your supplier for its own."
        ),
        compute=heating(
            DISTRICT_HEATING,
            efficiency=DISTRICT_HEATING_EFFICIENCY,
            efficiency_text=gettext_noop(
                "The same heat bought as %(activity)s: %(heat)s kWh / %(efficiency)s = %(kwh)s kWh"
            ),
        ),
    ),
    MeasureTemplate(
        key="fossil_heating_to_pellets",
        title=gettext_noop("Switch from oil or gas heating to a pellet boiler"),
        description=gettext_noop(
            "Replace the oil or gas boiler with a boiler for wood pellets (bioenergy)."
        ),
        category=HEATING,
        activity_keys=HEATING_FUEL_KEYS,
        share_label=gettext_noop("Share of the heating fuel that is replaced (%)"),
        default_share=1.0,
        assumptions=gettext_noop(
            "Both the old boiler and the pellet boiler turn 85 % of the fuel's energy into "
            "heat, so the same kWh of pellets replace the fuel; the biogenic CO2 of the pellets "
            "is reported outside the scopes."
        ),
        compute=heating(
            WOOD_PELLETS,
            efficiency=PELLET_BOILER_EFFICIENCY,
            efficiency_text=gettext_noop(
                "The same heat from a pellet boiler: %(heat)s kWh / %(efficiency)s"
                " = %(kwh)s kWh %(activity)s"
            ),
        ),
    ),
    MeasureTemplate(
        key="energy_management_electricity",
        title=gettext_noop("Energy management: cut electricity use in buildings"),
        description=gettext_noop(
            "Follow the energy use of each building, tune ventilation, heating and lighting to "
            "when the building is in use, and change to LED lighting."
        ),
        category=BUILDING_ELECTRICITY,
        activity_keys=("electricity", "electricity_with_guarantees"),
        share_label=gettext_noop("Share of the electricity use that is cut (%)"),
        default_share=0.1,
        assumptions=gettext_noop(
            "Energy management commonly saves 5–15 % of a building's energy use. The "
            "electricity is counted with the location-based factor of the account's year."
        ),
        compute=cut_share(saves_energy=True),
    ),
    MeasureTemplate(
        key="no_waste_to_landfill",
        title=gettext_noop("Send no waste to landfill"),
        description=gettext_noop(
            "Sort the waste that goes to landfill today so that it can be recycled instead."
        ),
        category=WASTE,
        activity_keys=("waste_landfill",),
        share_label=gettext_noop("Share of the landfill waste that is sorted instead (%)"),
        default_share=1.0,
        assumptions=gettext_noop(
            "Each tonne is counted with the factor for sorted waste to recycling instead."
        ),
        compute=replace_per_unit(SORTED_WASTE),
    ),
    MeasureTemplate(
        key="less_residual_waste",
        title=gettext_noop("Less residual waste"),
        description=gettext_noop(
            "Buy less that becomes waste, use things longer and repair them, and cut food "
            "waste in the canteen."
        ),
        category=WASTE,
        activity_keys=("waste_residual_incineration",),
        share_label=gettext_noop("Share of the residual waste that is avoided (%)"),
        default_share=0.2,
        assumptions=gettext_noop(
            "Only waste that is avoided counts: the factor set counts a tonne of sorted waste "
            "the same as a tonne of residual waste, as both cover transport and treatment only. "
            "Sorting still pays off in the materials it saves, outside the climate account."
        ),
        compute=cut_share(saves_energy=False),
    ),
    MeasureTemplate(
        key="less_paper",
        title=gettext_noop("Less paper"),
        description=gettext_noop(
            "Go digital with forms, invoices and meeting papers, and print double-sided by default."
        ),
        category=PROCUREMENT,
        activity_keys=("paper",),
        share_label=gettext_noop("Share of the paper that is no longer bought (%)"),
        default_share=0.5,
        assumptions=gettext_noop("Each tonne of paper not bought is saved in full."),
        compute=cut_share(saves_energy=False),
    ),
)

BY_KEY: dict[str, MeasureTemplate] = {template.key: template for template in TEMPLATES}


def estimate_all(
    lines: AccountLines, *, shares: Mapping[str, float] | None = None
) -> list[Estimate]:
    """Every template's estimate for the account, in the library's order; `shares` by
    template key overrides the defaults."""
    shares = shares or {}
    return [template.estimate(lines, share=shares.get(template.key)) for template in TEMPLATES]


def ranked(estimates: Iterable[Estimate]) -> list[Estimate]:
    """The applicable estimates that cut something, the largest cut first (ties in the
    library's order)."""
    order = {template.key: index for index, template in enumerate(TEMPLATES)}
    found = [e for e in estimates if e.applicable and e.reduction_t > 0]
    return sorted(found, key=lambda e: (-e.reduction_t, order.get(e.template_key, len(order))))
