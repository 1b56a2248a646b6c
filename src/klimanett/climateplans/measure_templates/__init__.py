"""The library of measure templates: common measures for Norwegian companies and
municipalities whose yearly effect is computed from the organisation's own account lines.

PURE: the standard library and ``klimanett.accounting.ghg`` only, no Django (a test enforces
it). Modules: ``steps`` (the arithmetic as steps to show), ``lines`` (an account's lines summed
per activity), ``effects`` (a template and the kinds of arithmetic behind it), ``library`` (the
templates), ``choice`` (which templates may be chosen together: at most 100 % of an activity).

Texts are in English, marked with ``gettext_noop`` for the catalogues and translated where they
are shown; each estimate carries its arithmetic as steps with the figures apart, so the page
can show them in the reader's number format.

Effects are location-based (as targets are, see ``actuals``), for one year, against the
account's own quantities and the factors of its factor set and year. A share says how much of
the activity the measure replaces (half of the diesel, say); the user can change it.

Assumptions, shown to the user with each template:

- An electric van or car uses about a third of the energy of a diesel or petrol one for the
  same distance (``EV_ENERGY_RATIO``): an electric drivetrain turns some 80–90 % of the energy
  into motion, charging losses included, a combustion engine 25–30 %. A diesel van at
  0.8 l/10 km uses about 0.8 kWh/km, an electric van 0.25–0.3 kWh/km.
- Oil, kerosene, gas and LPG boilers turn 85 % of the fuel's energy into heat over a season
  (``BOILER_EFFICIENCY``); a pellet boiler does as well (``PELLET_BOILER_EFFICIENCY``).
- A heat pump gives 3 kWh of heat per kWh of electricity over a season (``HEAT_PUMP_SCOP``;
  2.5–3.5 for air-to-water and ground-source pumps in a Norwegian climate).
- District heating delivers one kWh per kWh of heat used (losses are in the factor).
- HVO replaces diesel litre for litre (a drop-in fuel within a few per cent of diesel's energy)
  and counts 0 kg CO2e in the scopes, as the factor set says; its biogenic CO2 is reported
  outside the scopes. That holds only for HVO with sustainability documentation, free of palm
  oil products.
- Sorted waste counts the same per tonne as residual waste in the factor set (both factors
  cover transport and treatment only), so the account shows a cut for waste avoided and for
  waste kept out of landfill, not for sorting as such: the library has those two.

Not in the library: buying guarantees of origin. It lowers market-based scope 2 only; the
location-based emissions that targets follow do not change, so it would show a cut the
partner's climate account and target never see.
"""

from klimanett.climateplans.measure_templates.choice import (
    OverClaim,
    best_set,
    claimed_shares,
    clash,
    over_claims,
)
from klimanett.climateplans.measure_templates.effects import (
    BOILER_EFFICIENCY,
    DISTRICT_HEATING_EFFICIENCY,
    EV_ENERGY_RATIO,
    HEAT_PUMP_SCOP,
    PELLET_BOILER_EFFICIENCY,
    Estimate,
    MeasureTemplate,
    ShareError,
)
from klimanett.climateplans.measure_templates.library import (
    BY_KEY,
    TEMPLATES,
    estimate_all,
    ranked,
)
from klimanett.climateplans.measure_templates.lines import AccountLines, ActivityAmount
from klimanett.climateplans.measure_templates.steps import (
    ActivityName,
    Figure,
    Step,
    gettext_noop,
    plain_number,
)

__all__ = [
    "BOILER_EFFICIENCY",
    "BY_KEY",
    "DISTRICT_HEATING_EFFICIENCY",
    "EV_ENERGY_RATIO",
    "HEAT_PUMP_SCOP",
    "PELLET_BOILER_EFFICIENCY",
    "TEMPLATES",
    "AccountLines",
    "ActivityAmount",
    "ActivityName",
    "Estimate",
    "Figure",
    "MeasureTemplate",
    "OverClaim",
    "ShareError",
    "Step",
    "best_set",
    "clash",
    "claimed_shares",
    "estimate_all",
    "gettext_noop",
    "over_claims",
    "plain_number",
    "ranked",
]
