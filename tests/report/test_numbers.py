"""Numbers for people (text, Markdown, HTML) and raw values (JSON, CSV); SVG tick steps."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from toolkit.report.numbers import is_missing, plain, raw_value, show_number, show_usd
from toolkit.report.svg import compact, log_ticks, nice_ticks


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0.0, "$0"),
        (1234.5, "$1,234.50"),
        (2.0, "$2.00"),
        (0.5, "$0.500"),
        (0.019741, "$0.0197"),
        (0.00084024, "$0.000840"),
        (0.0000382, "$0.0000382"),
        (2e-7, "$0.000000200"),
        (-0.0547, "-$0.0547"),
        (1e-13, "<$0.00000000001"),
    ],
)
def test_usd_keeps_sub_cent_digits(amount: float, text: str) -> None:
    assert show_usd(amount) == text


def test_show_number_by_kind() -> None:
    assert show_number(7796400, "ticks") == "7,796,400"
    assert show_number(6048, "count") == "6,048"
    assert show_number(0.222772, "ratio") == "22.3%"
    assert show_number(1.629281625, "seconds") == "1.629"
    assert show_number(602, "bytes") == "602 B"
    assert show_number(60724, "bytes") == "60.7 kB"
    assert show_number(14_200_000, "bytes") == "14.2 MB"
    assert show_number(pd.NA, "count", "-") == "-"
    assert show_number(float("nan"), "usd", "—") == "—"
    assert show_number("gpt-5", "text") == "gpt-5"


def test_raw_values_are_plain_and_rounded() -> None:
    assert raw_value(pd.array([5], dtype="Int64")[0], "count") == 5
    assert type(raw_value(pd.array([5], dtype="Int64")[0], "count")) is int
    assert raw_value(0.1 + 0.2, "usd") == 0.3
    assert raw_value(-0.0, "usd") == 0.0 and math.copysign(1, raw_value(-0.0, "usd")) == 1  # type: ignore[arg-type]
    assert raw_value(pd.NA, "usd") is None and raw_value(None, "text") is None
    assert is_missing(pd.NaT) and not is_missing(0) and plain(pd.NA) is None


def test_nice_ticks() -> None:
    assert nice_ticks(2560) == [0, 1000, 2000, 3000]
    assert nice_ticks(0.00773) == [0, 0.002, 0.004, 0.006, 0.008]
    assert nice_ticks(3, 3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0.0, 1.0]


def test_log_ticks_and_labels() -> None:
    assert log_ticks(0.01, 10) == [0.01, 0.1, 1, 10]
    assert log_ticks(0.1, 10) == [0.1, 0.2, 0.5, 1, 2, 5, 10]
    assert [compact(v) for v in (0, 950, 1500, 3_000_000)] == ["0", "950", "1.5k", "3M"]
    assert [compact(v, "$") for v in (0, 0.0015, 0.25)] == ["$0", "$0.0015", "$0.25"]
    assert compact(0.001, "s") == "0.001 s"
