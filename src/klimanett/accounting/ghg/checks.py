"""Checks run before an account is submitted: figures that usually mean an error, each of which
the partner must explain.

Pure: computed lines in, findings out. The rules (issue 3, item 6):

- ``category_change``: a category's location-based emissions changed by more than 30 % against
  last year, up or down (a category that appears or disappears counts too), unless the category
  is below 100 kg CO2e in both years.
- ``quantity_scale``: an activity's quantity, in its factor's unit and summed over its lines, is
  500 times or more, or a 500th or less, of last year's (kWh entered as MWh, kg as tonnes).
- ``peer_scale``: an activity's quantity per employee, in its factor's unit and summed over its
  lines, is 500 times or more, or a 500th or less, of the median per employee of other
  partners (`PeerMedian`), once there are at least 5 of them (so the median describes a group;
  the message shows only the ratio to it). Only when the account gives its employees: plain
  quantities of a municipality and a small firm differ by more than 500 times for real.
  Per employee, an office and a workshop differ by tens of times, not hundreds; the rare
  partner that really is that far off explains it once a year. A kWh/MWh or kg/tonne mix-up is
  1 000 times, so it is caught as long as the true figure is at least half the median (or at
  most twice it, for a mix-up the other way). Not repeated for an activity that
  ``quantity_scale`` already flags: one mix-up, one explanation.
- ``no_electricity``: no line whose activity starts with ``electricity``.
- ``market_below_location``: scope 2 market-based below location-based without a line of
  electricity with guarantees of origin.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from klimanett.accounting.ghg.calculate import ComputedLine, scope_totals

CATEGORY_CHANGE = "category_change"
QUANTITY_SCALE = "quantity_scale"
PEER_SCALE = "peer_scale"
NO_ELECTRICITY = "no_electricity"
MARKET_BELOW_LOCATION = "market_below_location"

CATEGORY_CHANGE_LIMIT_PERCENT = 30.0
CATEGORY_FLOOR_KG = 100.0
QUANTITY_SCALE_LIMIT = 500.0
PEER_SCALE_LIMIT = 500.0
MIN_PEERS = 5
ELECTRICITY_PREFIX = "electricity"
GUARANTEES_OF_ORIGIN = "electricity_with_guarantees"
_RELATIVE_TOLERANCE = 1e-9  # float noise, not a difference


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One point to explain. `value` is this year's figure and `reference` what it is compared
    with: last year's kg CO2e (category_change), last year's quantity in the factor's unit
    (quantity_scale), the peers' median quantity in the factor's unit, per employee where
    `unit` says so (peer_scale), the location-based kg CO2e of scope 2 against the
    market-based `value` (market_below_location); both None where the check compares
    nothing."""

    code: str
    subject: str  # the category or activity key; the scope for market_below_location
    value: float | None = None
    reference: float | None = None
    unit: str = ""  # of `value` and `reference`

    @property
    def key(self) -> str:
        """Stable key of the point, as explanations are stored: ``code:subject``."""
        return f"{self.code}:{self.subject}"

    @property
    def change_percent(self) -> float | None:
        """The change from `reference` to `value` in per cent; None when `reference` is zero."""
        if self.value is None or not self.reference:
            return None
        return (self.value - self.reference) / self.reference * 100

    @property
    def ratio(self) -> float | None:
        """`value` divided by `reference`; None when `reference` is zero."""
        if self.value is None or not self.reference:
            return None
        return self.value / self.reference


@dataclass(frozen=True, slots=True, kw_only=True)
class PeerMedian:
    """The median quantity of an activity among other partners, in the factor's unit, and how
    many partners it is the median of."""

    median: float
    peers: int


def run_checks(
    *,
    current: list[ComputedLine],
    previous: list[ComputedLine] | None,
    peers: Mapping[tuple[str, str], PeerMedian] | None = None,
    employees: float | None = None,
) -> list[Finding]:
    """The findings for an account's computed lines, against last year's where given, and
    against the peers' medians where given (see `peer_scales`)."""
    findings: list[Finding] = []
    if previous is not None:
        findings += _category_changes(current, previous)
        findings += _quantity_scales(current, previous)
    if peers is not None:
        flagged = {f.subject for f in findings if f.code == QUANTITY_SCALE}
        findings += [
            finding
            for finding in peer_scales(current, peers=peers, employees=employees)
            if finding.subject not in flagged
        ]
    if not any(line.line.activity.startswith(ELECTRICITY_PREFIX) for line in current):
        findings.append(Finding(code=NO_ELECTRICITY, subject=ELECTRICITY_PREFIX))
    findings += _market_below_location(current)
    return findings


def _category_changes(current: list[ComputedLine], previous: list[ComputedLine]) -> list[Finding]:
    now, before = _sum_by(current, _category_kg), _sum_by(previous, _category_kg)
    findings = []
    for category in sorted(now.keys() | before.keys()):
        current_kg, previous_kg = now.get(category, 0.0), before.get(category, 0.0)
        if current_kg < CATEGORY_FLOOR_KG and previous_kg < CATEGORY_FLOOR_KG:
            continue
        if previous_kg and (
            abs(current_kg - previous_kg) / previous_kg * 100 <= CATEGORY_CHANGE_LIMIT_PERCENT
        ):
            continue
        findings.append(
            Finding(
                code=CATEGORY_CHANGE,
                subject=category,
                value=current_kg,
                reference=previous_kg,
                unit="kg CO2e",
            )
        )
    return findings


def _quantity_scales(current: list[ComputedLine], previous: list[ComputedLine]) -> list[Finding]:
    now, before = _sum_by(current, _activity_quantity), _sum_by(previous, _activity_quantity)
    units = {line.line.activity: line.location_factor.unit for line in current}
    findings = []
    for activity in sorted(now.keys() & before.keys()):
        current_quantity, previous_quantity = now[activity], before[activity]
        if current_quantity <= 0 or previous_quantity <= 0:
            continue
        ratio = current_quantity / previous_quantity
        if ratio >= QUANTITY_SCALE_LIMIT or ratio <= 1 / QUANTITY_SCALE_LIMIT:
            findings.append(
                Finding(
                    code=QUANTITY_SCALE,
                    subject=activity,
                    value=current_quantity,
                    reference=previous_quantity,
                    unit=units[activity],
                )
            )
    return findings


def peer_scales(
    current: list[ComputedLine],
    *,
    peers: Mapping[tuple[str, str], PeerMedian],
    employees: float | None,
) -> list[Finding]:
    """Activities whose quantity is `PEER_SCALE_LIMIT` times or more, or that fraction or less,
    of the median of at least `MIN_PEERS` other partners, per employee. `peers` is by
    (activity, factor unit), with medians per employee; nothing is compared without
    `employees`."""
    if not employees:
        return []
    quantities = _sum_by(current, _activity_quantity)
    units = {line.line.activity: line.location_factor.unit for line in current}
    findings = []
    for activity in sorted(quantities):
        unit = units[activity]
        peer = peers.get((activity, unit))
        if peer is None or peer.peers < MIN_PEERS or peer.median <= 0:
            continue
        value = quantities[activity] / employees
        if value <= 0:
            continue
        ratio = value / peer.median
        if ratio >= PEER_SCALE_LIMIT or ratio <= 1 / PEER_SCALE_LIMIT:
            findings.append(
                Finding(
                    code=PEER_SCALE,
                    subject=activity,
                    value=value,
                    reference=peer.median,
                    unit=f"{unit} per employee",
                )
            )
    return findings


def _market_below_location(current: list[ComputedLine]) -> list[Finding]:
    if any(line.line.activity == GUARANTEES_OF_ORIGIN for line in current):
        return []
    totals = scope_totals(current)
    location, market = totals.scope2_location_kg, totals.scope2_market_kg
    if market >= location * (1 - _RELATIVE_TOLERANCE):
        return []
    return [
        Finding(
            code=MARKET_BELOW_LOCATION,
            subject="scope2",
            value=market,
            reference=location,
            unit="kg CO2e",
        )
    ]


def _category_kg(line: ComputedLine) -> tuple[str, float]:
    return line.category, line.kgco2e_location


def _activity_quantity(line: ComputedLine) -> tuple[str, float]:
    return line.line.activity, line.quantity_in_factor_unit


def _sum_by(
    lines: Iterable[ComputedLine], key_value: Callable[[ComputedLine], tuple[str, float]]
) -> dict[str, float]:
    sums: dict[str, float] = {}
    for line in lines:
        key, value = key_value(line)
        sums[key] = sums.get(key, 0.0) + value
    return sums
