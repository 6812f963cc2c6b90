"""``docs/report-json.md``: the JSON (and CSV) shape of the report, generated from the declared fields."""

from __future__ import annotations

from toolkit.frames.tables import FIELDS, TABLES, Kind, TableSpec
from toolkit.report.options import DEFAULT_CSV_TABLE
from toolkit.report.render_json import REPORT

__all__ = ["render_json_shape"]

_TYPES: dict[Kind, str] = {
    "text": "string",
    "count": "integer",
    "ticks": "integer",
    "bytes": "integer",
    "ratio": "number",
    "usd": "number",
    "seconds": "number",
}

_HEAD = (
    ("report", "string", f'Always `"{REPORT}"`.'),
    ("version", "integer", "Version of this shape: raised only when a key is removed or changes meaning."),
    ("inputs", "array of strings", "The paths given on the command line, as given."),
    ("price_table", "string", "The price table behind the estimates (`genai-prices <version>`)."),
    ("top", "integer", "Rows in `largest_cassettes` and `most_expensive_cassettes` at most (`--top`)."),
)


def _table_key(spec: TableSpec) -> tuple[str, str, str]:
    """The top-level key of a table: its name, its JSON type, and what it holds."""
    kind, holds = ("object", "fields") if spec.one_row else ("array of objects", "rows")
    meaning = f"The `{spec.name}` {holds} below"
    if spec.only_with:
        return spec.name, f"{kind} or null", f"{meaning}; null unless `{spec.only_with}` was given."
    return spec.name, kind, f"{meaning}."


def _about(spec: TableSpec) -> str:
    return f"{spec.description} Only with `{spec.only_with}`." if spec.only_with else spec.description


def render_json_shape() -> str:
    """The Markdown of ``docs/report-json.md``."""
    lines = [
        "# Report JSON shape",
        "",
        "Generated from `toolkit/frames/tables.py` by `nox -s docs`; a test fails when it is stale.",
        "",
        "`cassette-toolkit report PATHS --format json` writes one UTF-8 JSON object. Keys appear in the",
        "order listed. Values are raw: counts are integers, USD amounts and ratios are numbers (rounded",
        "to 12 and 9 decimals, far below what they measure), and `null` means that nothing in the row",
        "reports the value (not zero). New keys may be added; a key is never removed or given another",
        "meaning without raising `version`. `reports/sample-audit.json` is an example.",
        "",
        f"`--format csv` writes one of the tables below (`--table NAME`, default `{DEFAULT_CSV_TABLE}`), or",
        "each of them as `NAME.csv` into a folder or a zip file (`--table all`): the header row is the",
        "table's keys in this order, an empty cell is `null`, and a table that is one object is one row.",
        "Meanings taken from the data dictionary (`frame.column`: ...) say NA or NaN where the JSON has",
        "null.",
        "",
        "| key | type | meaning |",
        "|---|---|---|",
        *(
            f"| `{key}` | {kind} | {meaning} |"
            for key, kind, meaning in (*_HEAD, *map(_table_key, TABLES.values()))
        ),
    ]
    for spec in TABLES.values():
        lines += [
            "",
            f"## `{spec.name}`",
            "",
            _about(spec),
            "",
            "| key | type | meaning |",
            "|---|---|---|",
        ]
        for name in spec.columns:
            field = FIELDS[name]
            lines.append(f"| `{name}` | {_TYPES[field.kind]} or null | {field.description} |")
    return "\n".join(lines) + "\n"
