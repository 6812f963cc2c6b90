"""The report as CSV: one table per output, chosen with ``--table`` (``by_model`` by default).

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

__all__ = ["render_csv"]


def render_csv(summary: Summary, options: RenderOptions) -> str:
    """The table ``options.table`` as CSV (RFC 4180 quoting, ``\\n`` line ends)."""
    name = options.table
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
