"""Numbers written for people: thousands separators, percentages, USD down to sub-cent costs.

JSON and CSV carry raw values; only the text, Markdown and HTML reports use these.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from toolkit.frames.tables import Kind

__all__ = ["is_missing", "plain", "raw_value", "show_number", "show_usd"]

#: Decimals never go past a tenth of a tick (1 tick = 1e-10 USD).
_MAX_USD_DECIMALS = 11
#: Decimals kept in JSON and CSV: far below anything measured, and the same on every platform.
_RAW_DECIMALS = {"usd": 12, "seconds": 9, "ratio": 9}


def is_missing(value: Any) -> bool:
    """None, pandas NA / NaT, or a float NaN."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array is not one missing value
        return False


def plain(value: Any) -> bool | int | float | str | None:
    """A cell as a plain Python value (numpy and pandas scalars unwrapped, NA as None)."""
    if is_missing(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)  # timestamps and other scalars, as text


def raw_value(value: Any, kind: Kind) -> bool | int | float | str | None:
    """A cell for JSON and CSV: counts as integers, floats rounded far below their precision; a
    float that is not finite (a sum past the float range) as None, which JSON can write."""
    value = plain(value)
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if kind == "text":
        return str(value)
    if kind in _RAW_DECIMALS:
        return round(float(value), _RAW_DECIMALS[kind]) + 0.0  # + 0.0 turns -0.0 into 0.0
    return int(value)


def show_number(value: Any, kind: Kind, missing: str = "") -> str:
    """``value`` written for people according to its kind; ``missing`` for NA."""
    value = plain(value)
    if value is None:
        return missing
    if kind == "text" or isinstance(value, str):
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        return str(number)
    if kind == "ratio":
        return f"{number * 100:.1f}%"
    if kind == "usd":
        return show_usd(number)
    if kind == "seconds":
        return f"{number:,.3f}"
    if kind == "bytes":
        return _bytes(number)
    return f"{round(number):,}"


def show_usd(amount: float) -> str:
    """Dollars with at least two decimals and three significant digits for sub-cent amounts."""
    if amount == 0:
        return "$0"
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    decimals = 2 if amount >= 1 else min(_MAX_USD_DECIMALS, 2 - math.floor(math.log10(amount)))
    decimals = max(decimals, 2)
    text = f"{amount:,.{decimals}f}"
    if float(text.replace(",", "")) == 0:
        return f"{sign}<$0.{'0' * (_MAX_USD_DECIMALS - 1)}1"
    return f"{sign}${text}"


def _bytes(number: float) -> str:
    if number < 1000:
        return f"{round(number):,} B"
    for unit in ("kB", "MB", "GB"):
        number /= 1000
        if number < 1000:
            return f"{number:,.1f} {unit}"
    return f"{number:,.1f} TB"
