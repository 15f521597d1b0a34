"""How numbers, figures and dates read, in the terminal, the HTML report and the web app
alike (one place, so 1234.5 prints one way: "1.234,5").

German conventions, as the articles write them: "." groups thousands, "," marks decimals.
Machine formats (CSV, JSON) keep plain numbers and are not formatted here.
"""

from __future__ import annotations

import math

from newsledger.model import Value

QUALIFIER_WORDS = {
    "exact": "", "about": "≈ ", "at_least": "≥ ", "more_than": "> ", "up_to": "≤ ",
    "less_than": "< ", "range": "",
}


def number(value: float) -> str:
    """1234.5 -> '1.234,5'; 8000.0 -> '8.000'; infinity -> '∞' (at most two decimals)."""
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, _, decimals = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + "," + decimals


def figure(value: Value) -> str:
    """The figure with its qualifier and unit: '≥ 3.000', '≈ 200–999', '≤ 8.000 km'."""
    if value.low != value.high:
        text = f"{number(value.low)}–{number(value.high)}"
        prefix = "≈ " if value.qualifier == "about" else ""
    else:
        text = number(value.low)
        prefix = QUALIFIER_WORDS.get(value.qualifier, "")
    unit = f" {value.unit}" if value.unit and value.unit != "people" else ""
    return f"{prefix}{text}{unit}"


def interval(low: float, high: float, *, low_open: bool = False, high_open: bool = False) -> str:
    """The values a claim allows: '[2.000.000, 9.990.000]', '(3.000, ∞)'."""
    left = "(" if low_open else "["
    right = ")" if high_open or math.isinf(high) else "]"
    return f"{left}{number(low)}, {number(high)}{right}"


def day(value: str | None) -> str:
    """An ISO date (or month, or year) as the ledger stores it; 'undated' for none."""
    return value or "undated"
