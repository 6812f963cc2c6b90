"""The report as CSV: one table per output, chosen with ``--table`` (``by_model`` by default),
or every table at once (``--table all``: one file per table, ``render_csv_tables``).

A CSV file holds one table, so each table is its own output: the header row is
the table's field names (the JSON keys), values are raw, and an empty cell is a
value nothing reports. ``totals`` is one row. A text cell that a spreadsheet would read as
a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: a model name
is anyone's) is written with a leading ``'``, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io

from toolkit.frames.summary import Summary
from toolkit.frames.tables import TABLES
from toolkit.report.options import RenderOptions
from toolkit.report.render_json import table_records

__all__ = ["render_csv", "render_csv_tables"]


def render_csv(summary: Summary, options: RenderOptions) -> str:
    """The table ``options.table`` as CSV (RFC 4180 quoting, ``\\n`` line ends)."""
    return _table_csv(summary, options.table)


def render_csv_tables(summary: Summary) -> dict[str, str]:
    """Every table of ``summary`` as CSV, by file name (``by_model.csv``), in the tables' order."""
    return {f"{name}.csv": _table_csv(summary, name) for name in TABLES if summary.table(name) is not None}


def _table_csv(summary: Summary, name: str) -> str:
    columns = TABLES[name].columns
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in table_records(summary.table(name), name):
        writer.writerow({key: _cell(value) for key, value in record.items()})
    return buffer.getvalue()


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
