"""The report as JSON: a stable, documented shape (``docs/report-json.md``).

Keys are the field names of ``toolkit.frames.tables``; values are raw (counts as
integers, USD as floats, null where nothing reports the value). ``version``
changes only when a key is removed or changes meaning; new keys may appear.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from toolkit.frames.summary import Summary
from toolkit.frames.tables import FIELDS, TABLES
from toolkit.report.numbers import raw_value
from toolkit.report.options import RenderOptions

__all__ = ["SHAPE_VERSION", "render_json", "report_document", "table_records"]

SHAPE_VERSION = 1
REPORT = "cassette-toolkit audit"
#: Tables written as lists of objects, in this order (``totals`` is one object, ``lint`` may be null).
LISTS = (
    "by_provider",
    "by_model",
    "by_api",
    "by_cassette",
    "largest_cassettes",
    "most_expensive_cassettes",
    "latency",
    "problems",
)


def render_json(summary: Summary, options: RenderOptions) -> str:
    """The report as indented JSON, UTF-8, keys in declared order."""
    return json.dumps(report_document(summary), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def report_document(summary: Summary) -> dict[str, Any]:
    """The JSON document as Python values."""
    totals = table_records(summary.totals, "totals")
    document: dict[str, Any] = {
        "report": REPORT,
        "version": SHAPE_VERSION,
        "inputs": list(summary.inputs),
        "price_table": summary.price_table,
        "top": summary.top,
        "totals": totals[0] if totals else {},
    }
    for name in LISTS:
        document[name] = table_records(summary.table(name), name)
    document["lint"] = None if summary.lint is None else table_records(summary.lint, "lint")
    return document


def table_records(frame: pd.DataFrame | None, name: str) -> list[dict[str, Any]]:
    """Rows of a summary table as objects with the table's declared keys, values raw."""
    if frame is None:
        return []
    columns = TABLES[name].columns
    kinds = [FIELDS[c].kind for c in columns]
    return [
        {column: raw_value(value, kind) for column, kind, value in zip(columns, kinds, row, strict=True)}
        for row in frame[list(columns)].itertuples(index=False, name=None)
    ]
