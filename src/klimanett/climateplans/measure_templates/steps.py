"""The arithmetic of an estimate as steps: a text with placeholders and the figures apart,
so that each page shows them in its reader's language and number format. Pure."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

KG_PER_TONNE = 1000.0


def gettext_noop(message: str) -> str:
    """Marks `message` for the catalogues; it is translated where it is shown."""
    return message


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in a step and the decimals it is shown with."""

    value: float
    decimals: int = 0


@dataclass(frozen=True, slots=True)
class ActivityName:
    """An activity in a step, shown by its name in the reader's language."""

    key: str


StepValue = Figure | ActivityName | str
NumberFormat = Callable[[float, int], str]


def plain_number(value: float, decimals: int) -> str:
    """1 234.57: a space between thousands, a point before the decimals."""
    return f"{value:,.{decimals}f}".replace(",", " ")


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One line of the arithmetic: `text` with ``%(name)s`` placeholders for `values`."""

    text: str
    values: Mapping[str, StepValue]

    def render(
        self,
        *,
        number: NumberFormat = plain_number,
        activity_name: Callable[[str], str] = str,
        translate: Callable[[str], str] = str,
    ) -> str:
        shown: dict[str, str] = {}
        for name, value in self.values.items():
            if isinstance(value, Figure):
                shown[name] = number(value.value, value.decimals)
            elif isinstance(value, ActivityName):
                shown[name] = activity_name(value.key)
            else:
                shown[name] = value
        return translate(self.text) % shown


def decimals_of(factor: float) -> int:
    """The decimals a factor is written with (0.0119 → 4, 2.66 → 2), at most 6."""
    text = repr(float(factor))
    if "e" in text or "." not in text:
        return 6 if "e-" in text else 0
    decimals = len(text.partition(".")[2].rstrip("0"))
    return min(decimals, 6)


def factor_figure(value: float) -> Figure:
    return Figure(value, decimals_of(value))


def quantity_figure(value: float, unit: str) -> Figure:
    """Tonnes of waste or paper with two decimals, litres, kWh and km whole."""
    return Figure(value, 2 if unit == "t" else 0)


def tonnes_figure(kg: float) -> Figure:
    return Figure(kg / KG_PER_TONNE, 2)
