"""The report's one-screen summary: totals, the models that cost most, latency, problems, lint.

It leads every report for people. The text report stops after it unless ``--detail`` is given
(a project of thousands of cassettes has thousands of lines of tables); Markdown and HTML go
on with the full tables. Every table it makes fits ``WIDTH`` columns as text: its widest
names (model, header, path) are cut with ``…`` until the table fits, and each table lists a
few rows with a count of the rest.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Literal, get_args

import pandas as pd

from toolkit.frames.latency import RECORDED
from toolkit.frames.summary import Summary
from toolkit.frames.tables import FIELDS
from toolkit.problems import Severity
from toolkit.report.elements import Block, Bullets, Heading, Paragraph, Table
from toolkit.report.numbers import plain, show_number

__all__ = ["MODELS_SHOWN", "ROWS_SHOWN", "WIDTH", "build_brief", "fit_table", "lint_totals"]

#: The widest line of the summary, in characters.
WIDTH = 100
#: Models listed (the most expensive first).
MODELS_SHOWN = 5
#: Latency sources, problem codes and lint codes listed (the most frequent first).
ROWS_SHOWN = 5
#: What a text table puts between two columns (``render_text``).
_GAP = 2
#: A cut column keeps at least this many characters.
_NARROWEST = 12

Keep = Literal["start", "end"]


def build_brief(summary: Summary, missing: str, *, pointers: bool = False) -> Iterator[Block]:
    """The blocks of the summary, in reading order; ``pointers``: end with where the full
    tables are (for a report that leaves them out)."""
    yield Heading(2, "Summary")
    yield Bullets(tuple(_overview(_row(summary.tables["totals"]))))
    yield from _models(summary, missing)
    yield from _latency(summary, missing)
    yield from _problems(summary)
    yield from _lint(summary)
    if pointers:
        yield Paragraph(_pointers(summary))


def _overview(totals: dict[str, object]) -> Iterator[str]:
    def n(name: str) -> str:
        return show_number(totals.get(name), FIELDS[name].kind, "0")

    yield (
        f"Traffic: {n('interactions')} interactions in {n('cassettes')} cassettes "
        f"({n('streamed')} streamed, {n('errors')} {'error' if n('errors') == '1' else 'errors'}), "
        f"{n('body_bytes')} of bodies."
    )
    yield (
        f"Tokens: {n('input_tokens')} input ({n('cache_read_tokens')} cache read, "
        f"{n('cache_write_tokens')} cache write), {n('output_tokens')} output "
        f"({n('reasoning_tokens')} reasoning)."
    )
    cost = show_number(totals.get("cost_usd"), "usd", "unknown")
    yield (
        f"Cost: {cost}, reported by the provider for {n('with_reported_cost')} interactions "
        f"and estimated for {n('with_estimate')}."
    )


def _models(summary: Summary, missing: str) -> Iterator[Block]:
    models = summary.tables["by_model"]
    costed = models[models["cost_usd"].notna()]
    ranked = costed.assign(_cost=costed["cost_usd"].astype("Float64")).sort_values(
        ["_cost", "interactions"], ascending=[False, False], kind="stable"
    )
    yield Heading(3, "Models that cost most")
    if ranked.empty:
        yield Paragraph("No interaction has a known cost.")
        return
    columns = ("provider", "model", "interactions", "input_tokens", "output_tokens", "cost_usd")
    rows = tuple(_cells(record, columns, missing) for record in ranked.head(MODELS_SHOWN).to_dict("records"))
    headings = tuple(FIELDS[name].heading for name in columns)
    numeric = tuple(FIELDS[name].kind != "text" for name in columns)
    yield fit_table(Table(headings, rows, numeric, (False,) * len(columns)), {1: "start"})
    yield from _rest(len(models) - len(rows), "model", "By model")


def _latency(summary: Summary, missing: str) -> Iterator[Block]:
    latency = summary.tables["latency"]
    overall = latency[latency["provider"].isna() & (latency["known"] > 0)]
    yield Heading(3, "Latency")
    if overall.empty:
        yield Paragraph("No recorded duration and no server-reported time.")
        return
    ranked = overall.assign(_recorded=overall["measure"] == RECORDED).sort_values(
        ["_recorded", "known"], ascending=[False, False], kind="stable"
    )
    rows = []
    for record in ranked.head(ROWS_SHOWN).to_dict("records"):
        measure = "recorded" if record["_recorded"] else "server"
        source = str(plain(record["source"]) or missing)
        known = f"{int(record['known']):,} of {int(record['interactions']):,}"
        times = (show_number(record[name], "seconds", missing) for name in ("p50_s", "p90_s", "max_s"))
        rows.append((measure, source, known, *times))
    headings = ("measure", "source", "known", "p50 (s)", "p90 (s)", "max (s)")
    numeric = (False, False, True, True, True, True)
    code = (False, True, False, False, False, False)
    yield fit_table(Table(headings, tuple(rows), numeric, code), {1: "start"})
    yield from _rest(len(overall) - len(rows), "source", "Latency")


def _problems(summary: Summary) -> Iterator[Block]:
    yield Heading(3, "Problems")
    problems = summary.tables["problems"]
    if problems.empty:
        yield Paragraph("Every file was read as a cassette.")
        return
    yield from _codes(problems, "Problems")


def _lint(summary: Summary) -> Iterator[Block]:
    lint = summary.table("lint")
    if lint is None:
        return
    yield Heading(3, "Lint")
    if lint.empty:
        yield Paragraph("No lint findings.")
        return
    yield Paragraph(lint_totals(lint))
    yield from _codes(lint, "Lint")


def lint_totals(lint: pd.DataFrame) -> str:
    """``12 findings: 1 error, 11 warning.``: the lint table's total and its count per severity."""
    counts = lint.groupby("severity")["count"].sum()
    found = ", ".join(f"{int(counts[s]):,} {s}" for s in get_args(Severity) if s in counts)
    return f"{int(lint['count'].sum()):,} findings: {found}."


def _codes(table: pd.DataFrame, title: str) -> Iterator[Block]:
    ranked = table.sort_values(["count", "code"], ascending=[False, True], kind="stable")
    rows = tuple(
        (
            str(record["code"]),
            str(record["name"]),
            str(record["severity"]),
            f"{int(record['count']):,}",
            f"{int(record['files']):,}",
            str(record["first"]),
        )
        for record in ranked.head(ROWS_SHOWN).to_dict("records")
    )
    headings = ("code", "name", "severity", "count", "files", "first at")
    numeric = (False, False, False, True, True, False)
    code = (False, False, False, False, False, True)
    yield fit_table(Table(headings, rows, numeric, code), {1: "start", 5: "end"})
    yield from _rest(len(table) - len(rows), "code", title)


def _rest(rest: int, word: str, table: str) -> Iterator[Block]:
    if rest > 0:
        yield Paragraph(f"And {rest:,} more {word if rest == 1 else word + 's'} (the {table} table).")


def _pointers(summary: Summary) -> str:
    text = "Every table: `--detail`, or `--format markdown`, `html`, `json` or `csv --table all`."
    return text if summary.table("lint") is not None else text + " Lint findings by code: `--lint`."


def fit_table(table: Table, cuttable: Mapping[int, Keep]) -> Table:
    """``table`` laid out as text in at most ``WIDTH`` columns: the widest of the ``cuttable``
    columns (index: which end of a cell to keep) loses a character at a time until the table
    fits, down to ``_NARROWEST`` (or its heading's width)."""
    widths = [max(len(cell) for cell in column) for column in zip(table.headings, *table.rows, strict=True)]
    floor = {i: max(_NARROWEST, len(table.headings[i])) for i in cuttable}
    while sum(widths) + _GAP * (len(widths) - 1) > WIDTH:
        shrinkable = [i for i in cuttable if widths[i] > floor[i]]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    rows = tuple(
        tuple(_cut(cell, widths[i], cuttable[i]) if i in cuttable else cell for i, cell in enumerate(row))
        for row in table.rows
    )
    return Table(table.headings, rows, table.numeric, table.code)


def _cut(text: str, width: int, keep: Keep) -> str:
    """``text`` in at most ``width`` characters, ``…`` where it was cut (keeping its end for paths)."""
    if len(text) <= width:
        return text
    if keep == "end":
        return "…" + text[-(width - 1) :]
    return text[: width - 1] + "…"


def _cells(record: Mapping[Hashable, object], columns: tuple[str, ...], missing: str) -> tuple[str, ...]:
    return tuple(
        show_number(record.get(name), FIELDS[name].kind, "") or FIELDS[name].missing or missing
        for name in columns
    )


def _row(frame: pd.DataFrame) -> dict[str, object]:
    return {str(k): v for k, v in frame.iloc[0].items()} if len(frame) else {}
