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
from toolkit.frames.tables import FIELDS, TABLES, TableSpec
from toolkit.report.numbers import raw_value
from toolkit.report.options import RenderOptions

__all__ = ["SHAPE_VERSION", "render_json", "report_document", "table_records"]

SHAPE_VERSION = 1
REPORT = "cassette-toolkit audit"


def render_json(summary: Summary, options: RenderOptions) -> str:
    """The report as indented JSON, UTF-8, keys in declared order."""
    return json.dumps(report_document(summary), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def report_document(summary: Summary) -> dict[str, Any]:
    """The JSON document as Python values: every table in declared order, a ``one_row`` table as
    one object, a table that was not built (``lint`` without ``--lint``) as null."""
    document: dict[str, Any] = {
        "report": REPORT,
        "version": SHAPE_VERSION,
        "inputs": list(summary.inputs),
        "price_table": summary.price_table,
        "top": summary.top,
    }
    for spec in TABLES.values():
        document[spec.name] = _table_value(spec, summary.table(spec.name))
    return document


def _table_value(spec: TableSpec, table: pd.DataFrame | None) -> list[dict[str, Any]] | dict[str, Any] | None:
    if table is None:
        return None
    records = table_records(table, spec.name)
    if spec.one_row:
        return records[0] if records else {}
    return records


def table_records(frame: pd.DataFrame | None, name: str) -> list[dict[str, Any]]:
    """Rows of a summary table as objects with the table's declared keys, values raw (none for a
    table that was not built)."""
    if frame is None:
        return []
    columns = TABLES[name].columns
    kinds = [FIELDS[c].kind for c in columns]
    return [
        {column: raw_value(value, kind) for column, kind, value in zip(columns, kinds, row, strict=True)}
        for row in frame[list(columns)].itertuples(index=False, name=None)
    ]
