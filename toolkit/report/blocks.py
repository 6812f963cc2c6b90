"""The human report as a list of blocks (``toolkit.report.elements``), built once from a summary.

The text, Markdown and HTML renderers only lay these blocks out, so the three
say the same thing in the same order. Numbers are already written for people
here; paragraphs may hold `code` spans in backticks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pandas as pd

from toolkit.frames.latency import RECORDED, SERVER
from toolkit.frames.summary import Summary
from toolkit.frames.tables import FIELDS, TABLES, Section
from toolkit.report.brief import build_brief, lint_totals
from toolkit.report.charts import CHARTS
from toolkit.report.elements import Block, Bullets, Charts, Heading, Paragraph, Table
from toolkit.report.numbers import plain, show_number

__all__ = ["build_document"]


#: What an NA key means, per key column.
_NA_KEYS = {name: field.missing for name, field in FIELDS.items() if field.missing}
_CODE_COLUMNS = frozenset({"cassette", "first", "source"})

NOTES = (
    "Input tokens include cache reads and writes; output tokens include reasoning tokens.",
    "Cache hit = cache read / input, and reasoning share = reasoning / output, each over the "
    "interactions that report the part.",
    "Reported: the provider's own figure (xAI `cost_in_usd_ticks` / 1e10, OpenRouter and Vercel "
    "`usage.cost`). Estimated: the genai-prices table at the recording date when known. "
    "Estimate - reported is summed over the interactions that have both: the price table's drift.",
    "Cost USD is the best known figure: reported where the provider reported one, else estimated.",
    "Errors are responses with HTTP status 400 or above. Body bytes are request and response bodies "
    "as stored in the cassette.",
    "A missing value means nothing in the row reports it (not zero).",
)


def build_document(summary: Summary, missing: str = "—", *, detail: bool = True) -> list[Block]:
    """Every block of the report, in order; ``missing`` stands for values nothing reports.

    The one-screen summary (``toolkit.report.brief``) comes first; without ``detail`` the
    report ends there, with a pointer to the full tables.
    """
    brief = [*_introduction(summary), *build_brief(summary, missing, pointers=not detail)]
    if not detail:
        return brief
    return [
        *brief,
        *(block for name, layout in _SECTIONS.items() for block in layout(summary, name, missing)),
        Heading(2, "Notes"),
        Bullets(NOTES),
    ]


def _introduction(summary: Summary) -> Iterator[Block]:
    inputs = ", ".join(f"`{path}`" for path in summary.inputs) or "the frames given"
    yield Heading(1, "Cassette audit")
    totals = _first_row(summary.tables["totals"])
    files, problem_files, cassettes = (_count(totals, n) for n in ("files", "problem_files", "cassettes"))
    interactions, usage = _count(totals, "interactions"), _count(totals, "with_usage")
    text = (
        f"Read {inputs}: {files:,} {_plural(files, 'file')}, {cassettes:,} "
        f"{_plural(cassettes, 'cassette')} with {interactions:,} {_plural(interactions, 'interaction')}"
    )
    if problem_files:
        text += f"; {problem_files:,} {_plural(problem_files, 'file')} with problems (see Problems)"
    yield Paragraph(
        f"{text}. Token usage is reported by {usage:,} of {interactions:,} interactions. "
        f"Estimated costs use {summary.price_table}."
    )


def _totals(summary: Summary, name: str, missing: str) -> Iterator[Block]:
    spec = TABLES[name]
    yield Heading(2, spec.title)
    row = _first_row(summary.tables[name])
    rows = []
    for section in spec.sections:
        for i, column in enumerate(section.columns):
            field = FIELDS[column]
            value = show_number(row.get(column), field.kind, missing)
            rows.append((section.title if i == 0 else "", field.heading, value))
    yield Table(("group", "metric", "value"), tuple(rows), (False, False, True), (False, False, False))


def _charts(_summary: Summary, _name: str, _missing: str) -> Iterator[Block]:
    yield Charts("Charts", tuple(CHARTS))


def _grouped(summary: Summary, name: str, missing: str) -> Iterator[Block]:
    spec = TABLES[name]
    table = summary.tables[name]
    yield Heading(2, spec.title)
    yield Paragraph(spec.description)
    for section in spec.sections:
        yield Heading(3, f"{spec.title}: {section.title}")
        yield _table(table, section, missing)


def _latency(summary: Summary, name: str, missing: str) -> Iterator[Block]:
    spec = TABLES[name]
    yield Heading(2, spec.title)
    latency = summary.tables[name]
    overall = latency[latency["provider"].isna()]
    recorded = overall[overall["measure"] == RECORDED]
    server = overall[(overall["measure"] == SERVER) & overall["source"].notna()]
    of = _count(_first_row(summary.tables["totals"]), "interactions")
    known = int(recorded["known"].sum())
    yield Paragraph(
        f"Recorded duration (go-vcr `duration`, HAR `time`: measured by the recorder around the whole "
        f"exchange): "
        f"known for {known:,} of {of:,} interactions."
    )
    sources = ", ".join(
        f"`{source}` {known:,}" for source, known in zip(server["source"], server["known"], strict=True)
    )
    server_known = int(server["known"].sum())
    text = f"Server-reported processing time (response headers): known for {server_known:,} of {of:,}"
    text += " interactions"
    yield Paragraph(f"{text} ({sources})." if sources else f"{text}.")
    yield Paragraph(
        "The two are different clocks and are never mixed; each header is its own source. "
        "Percentiles interpolate linearly, so with few values p99 is close to the maximum."
    )
    yield _table(latency, spec.sections[0], missing, {"provider": "(all)"})


def _listing(summary: Summary, name: str, missing: str) -> Iterator[Block]:
    spec = TABLES[name]
    yield Heading(2, spec.title)
    yield Paragraph(spec.description.replace("`--top`", f"`--top`, here {summary.top}"))
    yield _table(summary.tables[name], spec.sections[0], missing)


def _problems(summary: Summary, name: str, missing: str) -> Iterator[Block]:
    spec, problems = TABLES[name], summary.tables[name]
    yield Heading(2, spec.title)
    if problems.empty:
        yield Paragraph("Every file was read.")
        return
    yield Paragraph(spec.description)
    yield _table(problems, spec.sections[0], missing)


def _lint(summary: Summary, name: str, missing: str) -> Iterator[Block]:
    spec, lint = TABLES[name], summary.table(name)
    if lint is None:
        return
    yield Heading(2, spec.title)
    if lint.empty:
        yield Paragraph("No lint findings.")
        return
    yield Paragraph(lint_totals(lint))
    yield _table(lint, spec.sections[0], missing)


def _table(
    frame: pd.DataFrame, section: Section, missing: str, na_keys: dict[str, str] | None = None
) -> Table:
    labels = {**_NA_KEYS, **(na_keys or {})}
    columns = section.columns
    rows: list[tuple[str, ...]] = []
    for record in frame.to_dict("records"):
        cells = []
        for name in columns:
            value = record.get(name)
            text = show_number(value, FIELDS[name].kind, "")
            cells.append(text or labels.get(name, missing))
        rows.append(tuple(cells))
    numeric = tuple(FIELDS[name].kind != "text" for name in columns)
    code = tuple(name in _CODE_COLUMNS for name in columns)
    return Table(tuple(FIELDS[name].heading for name in columns), tuple(rows), numeric, code)


def _first_row(frame: pd.DataFrame) -> dict[str, object]:
    return {str(k): v for k, v in frame.iloc[0].items()} if len(frame) else {}


def _count(row: dict[str, object], name: str) -> int:
    value = plain(row.get(name))
    return int(value) if isinstance(value, int | float) else 0


def _plural(n: int, word: str) -> str:
    return word if n == 1 else f"{word}s"


#: A section of the report for people: the blocks of the table ``name`` (or of the charts).
Layout = Callable[[Summary, str, str], Iterator[Block]]

#: The report for people, section by section in reading order (JSON keeps the tables' declared
#: order): every table of ``TABLES`` by its name, with its layout, and the charts.
_SECTIONS: dict[str, Layout] = {
    "totals": _totals,
    "charts": _charts,
    "by_provider": _grouped,
    "by_model": _grouped,
    "by_api": _grouped,
    "latency": _latency,
    "largest_cassettes": _listing,
    "most_expensive_cassettes": _listing,
    "by_cassette": _listing,
    "problems": _problems,
    "lint": _lint,
}
