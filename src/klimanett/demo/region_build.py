"""The demo's municipal emission statistics: the county's municipalities by sector for 2009 and
2015–2023.

The MUNICIPAL SPLITS ARE INVENTED for the demo; the county totals and sector shares are the
published ones quoted in ``klimanett/region/data/region_emissions.csv`` (Miljødirektoratet's
statistics as quoted by the county) for the years they are given there, and straight lines
between those years (invented) for the others. Real statistics replace these rows when the
secretariat imports Miljødirektoratet's file (``klimanett import_emissions``), since an import
replaces the years it holds. Keyed on (municipality, year): a municipality's year that has rows
is left as it is, so a second run creates nothing.
"""

from __future__ import annotations

from decimal import Decimal

from klimanett.municipalities.models import Municipality
from klimanett.region.models import MunicipalEmission

YEARS = (2009, *range(2015, 2024))

# Totals in tonnes CO2e for the two parts of the county (2024 county numbers 39 Vestfold and
# 40 Telemark), from region_emissions.csv: Vestfold 2009 (derived), 2022 and 2023; Vestfold 2020
# as the county's 4.28 Mt less Telemark's 3.15 Mt; Telemark 2009 (derived) and 2020. Telemark
# 2023 is INVENTED (a small fall after 2020).
TOTALS: dict[str, dict[int, int]] = {
    "39": {2009: 1_460_000, 2020: 1_130_000, 2022: 945_000, 2023: 835_000},
    "40": {2009: 3_260_000, 2020: 3_150_000, 2023: 3_080_000},
}

# Sector shares in per cent. Published: Telemark 2020 (Industri 83, Veitrafikk 7, Jordbruk 3,
# Annen mobil forbrenning 3, Sjøfart 2, Avfall og avløp 2) and Industri 81 in the latest year;
# Vestfold 2022 (Veitrafikk 42, Sjøfart 18, Jordbruk 14, Annen mobil forbrenning 11) and 2023
# (Veitrafikk 44, Sjøfart 15, Jordbruk 14). The rest of each year's split, and Vestfold 2009 and
# 2020 (with the refinery, closed in 2021, in Industri), are INVENTED to fit the stated changes.
SHARES: dict[str, dict[int, dict[str, int]]] = {
    "39": {
        2009: {
            "Industri": 31,
            "Veitrafikk": 35,
            "Sjøfart": 11,
            "Jordbruk": 9,
            "Annen mobil forbrenning": 8,
            "Oppvarming": 3,
            "Avfall og avløp": 2,
            "Energiforsyning": 1,
        },
        2020: {
            "Industri": 25,
            "Veitrafikk": 36,
            "Sjøfart": 14,
            "Jordbruk": 11,
            "Annen mobil forbrenning": 9,
            "Oppvarming": 2,
            "Avfall og avløp": 2,
            "Energiforsyning": 1,
        },
        2022: {
            "Industri": 7,
            "Veitrafikk": 42,
            "Sjøfart": 18,
            "Jordbruk": 14,
            "Annen mobil forbrenning": 11,
            "Oppvarming": 3,
            "Avfall og avløp": 3,
            "Energiforsyning": 2,
        },
        2023: {
            "Industri": 8,
            "Veitrafikk": 44,
            "Sjøfart": 15,
            "Jordbruk": 14,
            "Annen mobil forbrenning": 9,
            "Oppvarming": 4,
            "Avfall og avløp": 3,
            "Energiforsyning": 3,
        },
    },
    "40": {
        2009: {
            "Industri": 83,
            "Veitrafikk": 7,
            "Sjøfart": 2,
            "Jordbruk": 3,
            "Annen mobil forbrenning": 3,
            "Oppvarming": 0,
            "Avfall og avløp": 2,
            "Energiforsyning": 0,
        },
        2020: {
            "Industri": 83,
            "Veitrafikk": 7,
            "Sjøfart": 2,
            "Jordbruk": 3,
            "Annen mobil forbrenning": 3,
            "Oppvarming": 0,
            "Avfall og avløp": 2,
            "Energiforsyning": 0,
        },
        2023: {
            "Industri": 81,
            "Veitrafikk": 8,
            "Sjøfart": 2,
            "Jordbruk": 3,
            "Annen mobil forbrenning": 3,
            "Oppvarming": 1,
            "Avfall og avløp": 2,
            "Energiforsyning": 0,
        },
    },
}

# INVENTED weights for splitting a part's sector among its municipalities (2024 numbers):
# people (road traffic, heating, waste, other mobile), farming, the sea, industry, energy.
_WEIGHTS: dict[str, tuple[float, float, float, float, float]] = {
    "3901": (28, 3, 12, 6, 2),  # Horten
    "3903": (25, 8, 6, 5, 1),  # Holmestrand
    "3905": (58, 10, 10, 8, 3),  # Tønsberg
    "3907": (65, 9, 14, 12, 3),  # Sandefjord
    "3909": (48, 12, 16, 14, 2),  # Larvik
    "3911": (27, 3, 16, 55, 1),  # Færder
    "4001": (37, 2, 14, 48, 2),  # Porsgrunn
    "4003": (56, 5, 4, 18, 3),  # Skien
    "4005": (13, 3, 0, 4, 1),  # Notodden
    "4010": (2.3, 1, 0, 0.2, 0),  # Siljan
    "4012": (14, 2, 12, 26, 1),  # Bamble
    "4014": (10, 2, 8, 1, 0.5),  # Kragerø
    "4016": (4, 2, 0.5, 0.3, 0),  # Drangedal
    "4018": (6.5, 4, 0.5, 1, 0),  # Nome
    "4020": (10.8, 7, 0.5, 0.8, 0.5),  # Midt-Telemark
    "4022": (3, 3, 0, 0.2, 0),  # Seljord
    "4024": (1.6, 2, 0, 0.1, 0),  # Hjartdal
    "4026": (5.6, 1.5, 0.3, 1, 1),  # Tinn
    "4028": (2.4, 2, 0.3, 0.1, 0),  # Kviteseid
    "4030": (1.5, 0.8, 0.2, 0.1, 0),  # Nissedal
    "4032": (1.3, 0.8, 0.1, 0.1, 0),  # Fyresdal
    "4034": (2.2, 1, 0.1, 0.2, 0.5),  # Tokke
    "4036": (3.7, 3, 0.1, 0.3, 0.5),  # Vinje
}
_WEIGHT_FOR_SECTOR = {
    "Veitrafikk": 0,
    "Oppvarming": 0,
    "Avfall og avløp": 0,
    "Annen mobil forbrenning": 0,
    "Jordbruk": 1,
    "Sjøfart": 2,
    "Industri": 3,
    "Energiforsyning": 4,
}


def _between(points: dict[int, float], year: int) -> float:
    """The value at `year` on straight lines through `points`, flat beyond the ends."""
    years = sorted(points)
    if year <= years[0]:
        return points[years[0]]
    if year >= years[-1]:
        return points[years[-1]]
    for low, high in zip(years, years[1:], strict=False):
        if low <= year <= high:
            return points[low] + (points[high] - points[low]) * (year - low) / (high - low)
    raise AssertionError(year)  # pragma: no cover


def _split(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Whole tonnes in proportion to `weights` that add up to exactly `total`."""
    weight_sum = sum(weights.values())
    if not weight_sum or not total:
        return dict.fromkeys(weights, 0)
    exact = {key: total * weight / weight_sum for key, weight in weights.items()}
    parts = {key: int(value) for key, value in exact.items()}
    left = total - sum(parts.values())
    for key in sorted(exact, key=lambda k: exact[k] - parts[k], reverse=True)[:left]:
        parts[key] += 1
    return parts


def planned_emissions() -> dict[tuple[str, int, str], int]:
    """(municipality number, year, sector) -> tonnes CO2e: a part's sectors add up to its total
    for the year, and its municipalities to the sector."""
    planned: dict[tuple[str, int, str], int] = {}
    for part, totals in TOTALS.items():
        numbers = [n for n in _WEIGHTS if n.startswith(part)]
        for year in YEARS:
            total = round(_between({y: float(t) for y, t in totals.items()}, year))
            shares = {
                sector: _between({y: float(s[sector]) for y, s in SHARES[part].items()}, year)
                for sector in _WEIGHT_FOR_SECTOR
            }
            for sector, sector_total in _split(total, shares).items():
                index = _WEIGHT_FOR_SECTOR[sector]
                weights = {n: _WEIGHTS[n][index] for n in numbers}
                for number, tonnes in _split(sector_total, weights).items():
                    if tonnes:
                        planned[(number, year, sector)] = tonnes
    return planned


def build_region_emissions() -> dict[str, int]:
    """Create the demo rows that are missing; how many were made."""
    municipalities = {m.number: m for m in Municipality.objects.filter(number__in=_WEIGHTS)}
    # A municipality's year that has rows (the demo's or imported statistics) is left alone.
    existing = set(
        MunicipalEmission.objects.filter(year__in=YEARS).values_list("municipality__number", "year")
    )
    new = [
        MunicipalEmission(
            municipality=municipalities[number],
            year=year,
            sector=sector,
            subsector="",
            t_co2e=Decimal(tonnes),
        )
        for (number, year, sector), tonnes in planned_emissions().items()
        if (number, year) not in existing and number in municipalities
    ]
    MunicipalEmission.objects.bulk_create(new, batch_size=1000)
    return {"municipal_emissions": len(new)}
