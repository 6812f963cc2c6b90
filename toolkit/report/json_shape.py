"""``docs/report-json.md``: the JSON (and CSV) shape of the report, generated from the declared fields."""

from __future__ import annotations

from toolkit.frames.tables import FIELDS, TABLES, Kind

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

_TOP = (
    ("report", "string", 'Always `"cassette-toolkit audit"`.'),
    ("version", "integer", "Version of this shape: raised only when a key is removed or changes meaning."),
    ("inputs", "array of strings", "The paths given on the command line, as given."),
    ("price_table", "string", "The price table behind the estimates (`genai-prices <version>`)."),
    ("top", "integer", "Rows in `largest_cassettes` and `most_expensive_cassettes` at most (`--top`)."),
    ("totals", "object", "The `totals` fields below."),
    *(
        (name, "array of objects", f"The `{name}` rows below.")
        for name in TABLES
        if name not in ("totals", "lint")
    ),
    ("lint", "array of objects or null", "The `lint` rows below; null unless `--lint` was given."),
)


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
        "`--format csv` writes one of the tables below (`--table NAME`, default `by_model`): the header",
        "row is the table's keys in this order, an empty cell is `null`, and `totals` is one row.",
        "",
        "| key | type | meaning |",
        "|---|---|---|",
        *(f"| `{key}` | {kind} | {meaning} |" for key, kind, meaning in _TOP),
    ]
    for spec in TABLES.values():
        lines += [
            "",
            f"## `{spec.name}`",
            "",
            spec.description,
            "",
            "| key | type | meaning |",
            "|---|---|---|",
        ]
        for name in spec.columns:
            field = FIELDS[name]
            lines.append(f"| `{name}` | {_TYPES[field.kind]} or null | {field.description} |")
    return "\n".join(lines) + "\n"
