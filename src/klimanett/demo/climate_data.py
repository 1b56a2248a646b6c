"""The demo network's targets, action plans and follow-up (issue 4): fixed texts (bokmål) and
the invented costs the demo measures are priced with.

Nothing here is a figure of a real organisation. The emissions a target starts from and the
cuts the measures make are never typed here: they are read from the seeded climate accounts
(``climateplans.actuals``) and the measure templates (``climateplans.suggestions``) when the
demo is built. The costs are rough orders of magnitude for Norway in the mid-2020s, per tonne
cut or per kWh saved, so that the abatement costs come out believable.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a partner's targets and plan look (see ``climate_plan.plan_climate``).
ON_TRACK = "on_track"  # a target its accounts keep pace with; a plan that is followed up
BEHIND = "behind"  # a target ahead of what its accounts show; a plan that lags
TARGET_ONLY = "target_only"  # a target, and no action plan yet
PLAN_ONLY = "plan_only"  # an action plan of ideas and plans, and no target yet
NO_TARGET = "no_target"  # neither yet
# Partners with accounts take these in turn, in list order; a partner with a single account
# has a new target with nothing to compare with yet.
PATTERN = (
    ON_TRACK,
    BEHIND,
    ON_TRACK,
    NO_TARGET,
    BEHIND,
    ON_TRACK,
    TARGET_ONLY,
    PLAN_ONLY,
    BEHIND,
    ON_TRACK,
)
# The well-known logins: Elvetangen's contact can try the target guide from scratch;
# Brevikstrand has a target it is behind on, and a plan to show.
SCENARIOS = {"elvetangen": NO_TARGET, "brevikstrand": BEHIND}

# Targets: titles by (kind, scopes); {percent} and {year} are filled in.
TARGET_TITLES = {
    ("emissions", "1"): "Kutte de direkte utslippene med {percent} % innen {year}",
    ("emissions", "1+2"): "Kutte utslippene fra drift og energi med {percent} % innen {year}",
    ("emissions", "1+2+3"): "Kutte klimafotavtrykket med {percent} % innen {year}",
    ("energy", "1+2"): "Redusere energibruken med {percent} % innen {year}",
}
STANDARD_COMMITMENT_TITLE = "Fossilfri, med direkte utslipp kuttet, innen 2030"
TARGET_NOTES = (
    "Vedtatt av styret.",
    "Vedtatt i ledergruppen; følges opp i årsrapporten.",
    "Satt med målveiviseren i Klimanett og godkjent av daglig leder.",
    "",
)


@dataclass(frozen=True)
class Cost:
    """A measure's invented costs, per tonne CO2e cut a year (or per kWh saved a year)."""

    investment: float  # NOK, once
    lifetime_years: int
    yearly: float  # NOK a year; negative: a saving
    per_kwh: bool = False


# Measures made from the templates: a title and description in bokmål, and the costs.
TEMPLATE_MEASURES: dict[str, tuple[str, str, Cost]] = {
    "diesel_vans_to_electric": (
        "Elektriske varebiler i stedet for diesel",
        "Varebilene byttes til elektriske etter hvert som leasingavtalene går ut. "
        "Ladepunkter settes opp ved lageret.",
        Cost(investment=45_000, lifetime_years=8, yearly=-4_000),
    ),
    "petrol_cars_to_electric": (
        "Elbiler i stedet for bensinbiler",
        "Firmabilene byttes til elbiler når avtalene løper ut.",
        Cost(investment=35_000, lifetime_years=8, yearly=-5_000),
    ),
    "hvo_in_machinery": (
        "HVO100 i maskiner og lastebiler",
        "Maskiner og tunge kjøretøy som ikke kan bli elektriske ennå, fylles med HVO100 med "
        "bærekraftsdokumentasjon og uten palmeolje.",
        Cost(investment=0, lifetime_years=1, yearly=1_900),
    ),
    "business_car_trips_electric": (
        "Elbil på tjenestereiser",
        "Bilpool med elbiler, og elbil som standard ved leiebil.",
        Cost(investment=0, lifetime_years=1, yearly=-1_500),
    ),
    "video_meetings_for_domestic_flights": (
        "Færre innenlandsflyreiser, flere videomøter",
        "Ny reisepolicy: videomøte først, tog der det er et reelt alternativ.",
        Cost(investment=5_000, lifetime_years=5, yearly=-9_000),
    ),
    "oil_heating_to_heat_pump": (
        "Varmepumpe i stedet for oljefyr",
        "Oljekjelen erstattes med luft-til-vann-varmepumpe.",
        Cost(investment=28_000, lifetime_years=15, yearly=-1_500),
    ),
    "fossil_heating_to_district_heating": (
        "Fjernvarme i stedet for olje og gass",
        "Bygget kobles til fjernvarmenettet, og den gamle kjelen fjernes.",
        Cost(investment=18_000, lifetime_years=20, yearly=400),
    ),
    "fossil_heating_to_pellets": (
        "Pelletskjel i stedet for oljefyr",
        "Oljekjelen byttes til pelletskjel med automatisk innmating.",
        Cost(investment=22_000, lifetime_years=20, yearly=300),
    ),
    "energy_management_electricity": (
        "Energiledelse og LED-belysning",
        "Energioppfølging per bygg, ventilasjon og lys etter brukstid, og LED i alle lokaler.",
        Cost(investment=3.0, lifetime_years=10, yearly=-0.8, per_kwh=True),
    ),
    "no_waste_to_landfill": (
        "Ikke noe avfall til deponi",
        "Masser og blandet avfall sorteres slik at det kan gjenvinnes.",
        Cost(investment=0, lifetime_years=1, yearly=800),
    ),
    "less_residual_waste": (
        "Mindre restavfall",
        "Mindre emballasje fra leverandørene, ombruk av paller og reparasjon før nykjøp.",
        Cost(investment=10_000, lifetime_years=5, yearly=-1_000),
    ),
    "less_paper": (
        "Mindre papir",
        "Digitale skjemaer og fakturaer, og tosidig utskrift som standard.",
        Cost(investment=0, lifetime_years=1, yearly=-3_000),
    ),
}


# Templates a kind of partner would not choose, by account profile (``plan.account_profile``):
# an office's diesel is a company car, not machinery.
UNSUITED_TEMPLATES: dict[str, frozenset[str]] = {
    "office": frozenset({"hvo_in_machinery", "diesel_vans_to_electric"}),
    "hospitality": frozenset({"hvo_in_machinery"}),
}


@dataclass(frozen=True)
class OwnMeasure:
    """A measure of the partner's own (not from a template): its cut is a small share of the
    latest account's emissions, its costs are for the whole measure."""

    title: str
    description: str
    category: str
    share_of_total: float
    investment_nok: int
    yearly_cost_nok: int
    lifetime_years: int = 10
    activity_keys: tuple[str, ...] = ()  # the activities of the account it cuts


OWN_MEASURES: tuple[OwnMeasure, ...] = (
    OwnMeasure(
        "Miljøkrav i innkjøp",
        "Klima- og miljøkrav vektes i alle anskaffelser over 100 000 kroner.",
        "procurement",
        0.02,
        0,
        20_000,
        activity_keys=("paper",),
    ),
    OwnMeasure(
        "Kurs i økonomisk kjøring",
        "Alle som kjører firmabil eller maskin tar kurs i økonomisk kjøring.",
        "transport",
        0.01,
        40_000,
        -10_000,
        3,
        activity_keys=("diesel", "petrol"),
    ),
    OwnMeasure(
        "Energikartlegging av byggene",
        "Kartlegging av energibruken med forslag til tiltak, per bygg.",
        "building_electricity",
        0.005,
        60_000,
        0,
        5,
        activity_keys=("electricity", "district_heating"),
    ),
    OwnMeasure(
        "Ombruk av møbler og IT-utstyr",
        "Brukte møbler først; PC-er og telefoner brukes lenger og selges videre.",
        "waste",
        0.005,
        0,
        -15_000,
        5,
        activity_keys=("waste_residual_incineration",),
    ),
)

# Who is responsible for a measure, by category.
RESPONSIBLE: dict[str, tuple[str, ...]] = {
    "transport": ("Transportleder", "Driftsleder", "Verkstedleder"),
    "heating": ("Eiendomssjef", "Driftsleder", "Vaktmester"),
    "building_electricity": ("Energileder", "Eiendomssjef", "Driftsleder"),
    "procurement": ("Innkjøpsansvarlig", "Økonomisjef"),
    "waste": ("HMS-leder", "Driftsleder"),
    "business_travel": ("Daglig leder", "HR-leder", "Økonomisjef"),
    "other": ("Miljøleder",),
}

# Status reports: what has happened, by the status reported.
REPORT_TEXTS: dict[str, tuple[str, ...]] = {
    "planned": (
        "Budsjett er satt av; oppstart neste år.",
        "Forprosjekt er bestilt, og tilbud er hentet inn.",
    ),
    "in_progress": (
        "Arbeidet er i gang og følger planen.",
        "Første del er ferdig; resten gjøres neste år.",
        "Forsinket noen måneder på grunn av leveringstid, ny frist er satt.",
        "Avtale med leverandør er signert; levering i løpet av året.",
    ),
    "done": (
        "Ferdig og i drift; effekten følges opp i neste klimaregnskap.",
        "Gjennomført som planlagt.",
    ),
    "dropped": (
        "Lagt bort: for dyrt i forhold til effekten nå; vurderes igjen om to år.",
        "Lagt bort: leverandøren kunne ikke levere i tide.",
    ),
}
