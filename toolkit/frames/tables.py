"""The report's fields and tables, declared once: names, headings for people, kinds and meanings.

Summary tables take their column order from here, renderers their headings and
number formats, and ``docs/report-json.md`` (the JSON shape) is generated from
here by ``nox -s docs``; a test checks it is current. A field's ``name`` is
its JSON key and CSV header and never changes meaning; new fields may be added.

Imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["FIELDS", "GROUP_TABLES", "TABLES", "Field", "Kind", "Section", "TableSpec", "field"]

#: How a value is written for people (JSON and CSV always carry the raw value).
Kind = Literal["text", "count", "ratio", "usd", "ticks", "seconds", "bytes"]


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a summary table (and one key of its JSON objects)."""

    name: str
    heading: str
    kind: Kind
    description: str


_FIELDS = (
    # keys
    Field(
        "provider",
        "provider",
        "text",
        "Provider (from the host); null for traffic that is no LLM provider's.",
    ),
    Field(
        "model",
        "model",
        "text",
        "Model: the one requested (request body, else URL path), else the one the response names; "
        "null when neither says.",
    ),
    Field(
        "api", "API", "text", "API family from the URL path (chat.completions, messages ...); null if none."
    ),
    Field("cassette", "cassette", "text", "Path of the cassette file, as given on the command line."),
    Field("format", "format", "text", "Cassette dialect (go-vcr-v2, vcrpy, ruby-vcr ...)."),
    # traffic
    Field(
        "files",
        "files",
        "count",
        "Files: in totals every file read (cassettes and files that could not be read as one); in "
        "problems and lint, the files with that code.",
    ),
    Field("problem_files", "files with problems", "count", "Files with a CT0xx problem (see `problems`)."),
    Field("cassettes", "cassettes", "count", "Cassette files with at least one interaction in the row."),
    Field("interactions", "interactions", "count", "Recorded HTTP interactions."),
    Field("streamed", "streamed", "count", "Interactions whose response is an event stream (SSE, AWS)."),
    Field("streamed_share", "streamed share", "ratio", "streamed / interactions."),
    Field("errors", "errors", "count", "Responses with HTTP status 400 or above."),
    Field("with_usage", "with usage", "count", "Interactions that report token usage."),
    # tokens
    Field("input_tokens", "input", "count", "Input tokens, cache reads and writes included."),
    Field("output_tokens", "output", "count", "Output tokens, reasoning included."),
    Field("reasoning_tokens", "reasoning", "count", "Reasoning (thinking) tokens, part of output."),
    Field("cache_read_tokens", "cache read", "count", "Input tokens read from the prompt cache."),
    Field("cache_write_tokens", "cache write", "count", "Input tokens written to the prompt cache."),
    Field(
        "cache_hit_ratio",
        "cache hit",
        "ratio",
        "cache_read_tokens / input_tokens, over the interactions that report cache reads.",
    ),
    Field(
        "reasoning_share",
        "reasoning share",
        "ratio",
        "reasoning_tokens / output_tokens, over the interactions that report reasoning tokens.",
    ),
    # cost
    Field("cost_ticks", "reported ticks", "ticks", "Cost reported in ticks (xAI; 1 tick = 1e-10 USD)."),
    Field(
        "reported_cost_usd",
        "reported USD",
        "usd",
        "Cost the provider reported, in USD (ticks / 1e10, OpenRouter and Vercel `usage.cost`).",
    ),
    Field("with_reported_cost", "with reported", "count", "Interactions with a provider-reported cost."),
    Field("estimated_cost_usd", "estimated USD", "usd", "Cost estimated from the genai-prices table."),
    Field("with_estimate", "priced", "count", "Interactions the price table prices."),
    Field(
        "cost_difference_usd",
        "estimate - reported",
        "usd",
        "estimated - reported USD, summed over the interactions that have both: the price table's "
        "drift from what the provider billed.",
    ),
    Field("with_both_costs", "compared", "count", "Interactions with both a reported and an estimated cost."),
    Field(
        "cost_usd",
        "cost USD",
        "usd",
        "Best known cost: the provider's own figure where it reported one, else the estimate.",
    ),
    Field("body_bytes", "body bytes", "bytes", "Request and response bodies as stored, in bytes."),
    # latency
    Field(
        "duration_known",
        "duration known",
        "count",
        "Interactions with a recorded duration (go-vcr `duration`, HAR `time`).",
    ),
    Field(
        "server_timing_known",
        "server timing known",
        "count",
        "Interactions with a server-reported processing time (response headers).",
    ),
    Field(
        "measure",
        "measure",
        "text",
        "`recorded duration` (measured by the recorder around the exchange) or `server processing` "
        "(reported by the server in a header); never mixed.",
    ),
    Field("source", "source", "text", "Where the times come from: the recorder field or the header name."),
    Field("known", "known", "count", "Interactions with a time from this source."),
    Field("p50_s", "p50 (s)", "seconds", "Median, in seconds (linear interpolation)."),
    Field("p90_s", "p90 (s)", "seconds", "90th percentile, in seconds."),
    Field("p99_s", "p99 (s)", "seconds", "99th percentile, in seconds."),
    Field("max_s", "max (s)", "seconds", "Longest, in seconds."),
    # problems and lint findings
    Field("code", "code", "text", "Problem or rule code (CT0xx: file and parse)."),
    Field("name", "name", "text", "What the code means, in a few words."),
    Field("severity", "severity", "text", "error, warning or info."),
    Field("count", "count", "count", "How many problems or findings."),
    Field("first", "first at", "text", "Where the first one is: path:line:column."),
)

FIELDS: dict[str, Field] = {f.name: f for f in _FIELDS}


def field(name: str) -> Field:
    """The declared field ``name``."""
    return FIELDS[name]


@dataclass(frozen=True, slots=True)
class Section:
    """A group of columns printed together for people (JSON and CSV carry every column)."""

    title: str
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One summary table: JSON key, title, meaning, every column, its keys, and what people see.

    ``columns`` is the table's (and each JSON object's, and the CSV header's) column order;
    ``sections`` are the column groups the text, Markdown and HTML reports print.
    """

    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]
    sections: tuple[Section, ...]


TRAFFIC = ("cassettes", "interactions", "streamed", "streamed_share", "errors", "with_usage")
TOKENS = (
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_hit_ratio",
    "reasoning_share",
)
COST = (
    "cost_ticks",
    "reported_cost_usd",
    "with_reported_cost",
    "estimated_cost_usd",
    "with_estimate",
    "cost_difference_usd",
    "with_both_costs",
    "cost_usd",
)
#: The metrics every grouped table has.
METRICS = (*TRAFFIC, *TOKENS, *COST, "body_bytes")
_GROUPED = (Section("traffic", (*TRAFFIC, "body_bytes")), Section("tokens", TOKENS), Section("cost", COST))
_CASSETTE_BRIEF = (
    "cassette",
    "format",
    "interactions",
    "streamed",
    "errors",
    "input_tokens",
    "output_tokens",
    "cost_usd",
    "body_bytes",
)


def _grouped(name: str, title: str, description: str, keys: tuple[str, ...]) -> TableSpec:
    sections = tuple(Section(s.title, (*keys, *s.columns)) for s in _GROUPED)
    return TableSpec(name, title, description, (*keys, *METRICS), keys, sections)


def _cassette_list(name: str, title: str, description: str) -> TableSpec:
    return TableSpec(
        name, title, description, _CASSETTE_BRIEF, ("cassette",), (Section(title, _CASSETTE_BRIEF),)
    )


def _listing(name: str, title: str, description: str, columns: tuple[str, ...]) -> TableSpec:
    return TableSpec(name, title, description, columns, columns[:1], (Section(title, columns),))


TOTALS = TableSpec(
    "totals",
    "Totals",
    "One object: every metric over all interactions read, and the coverage counts.",
    ("files", "problem_files", *METRICS, "duration_known", "server_timing_known"),
    (),
    (
        Section("files", ("files", "problem_files", "cassettes")),
        Section("traffic", (*TRAFFIC[1:], "body_bytes", "duration_known", "server_timing_known")),
        Section("tokens", TOKENS),
        Section("cost", COST),
    ),
)
BY_PROVIDER = _grouped(
    "by_provider",
    "By provider",
    "One row per provider, most interactions first; traffic that is no LLM provider's has no provider.",
    ("provider",),
)
BY_MODEL = _grouped(
    "by_model",
    "By model",
    "One row per provider and model, most interactions first (the same model behind two providers is "
    "two rows).",
    ("provider", "model"),
)
BY_API = _grouped(
    "by_api", "By API", "One row per provider and API family, most interactions first.", ("provider", "api")
)
BY_CASSETTE = TableSpec(
    "by_cassette",
    "By cassette",
    "One row per cassette with interactions, in the order read; every metric (people see the main ones).",
    ("cassette", "format", *METRICS),
    ("cassette",),
    (Section("By cassette", _CASSETTE_BRIEF),),
)
LARGEST = _cassette_list(
    "largest_cassettes",
    "Largest cassettes",
    "The cassettes with the most body bytes, largest first (as many as `--top`).",
)
MOST_EXPENSIVE = _cassette_list(
    "most_expensive_cassettes",
    "Most expensive cassettes",
    "The cassettes with the highest cost_usd, most expensive first (as many as `--top`, only those with "
    "a known cost).",
)
LATENCY = _listing(
    "latency",
    "Latency",
    "Percentiles of each time source over all providers (provider null), then per provider. Recorded "
    "durations and server-reported times are separate rows, each with its coverage (`known` of "
    "`interactions`).",
    ("measure", "source", "provider", "known", "interactions", "p50_s", "p90_s", "p99_s", "max_s"),
)
PROBLEMS = _listing(
    "problems",
    "Problems",
    "Files (or interactions) that could not be read, by code: they are not in the other tables.",
    ("code", "name", "severity", "count", "files", "first"),
)
LINT = _listing(
    "lint",
    "Lint",
    "Lint findings by rule code (only with `--lint`).",
    ("code", "name", "severity", "count", "files", "first"),
)

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TOTALS,
        BY_PROVIDER,
        BY_MODEL,
        BY_API,
        BY_CASSETTE,
        LARGEST,
        MOST_EXPENSIVE,
        LATENCY,
        PROBLEMS,
        LINT,
    )
}
#: Tables grouped by a key, with every metric.
GROUP_TABLES = ("by_provider", "by_model", "by_api", "by_cassette")
