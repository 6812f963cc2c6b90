"""The report's fields and tables, declared once: names, headings for people, kinds and meanings.

Summary tables take their column order from here, renderers their headings and
number formats, and ``docs/report-json.md`` (the JSON shape) is generated from
here by ``nox -s docs``; a test checks it is current. A field's ``name`` is
its JSON key and CSV header and never changes meaning; new fields may be added.

Imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal, get_args

from toolkit.frames.columns import column, one_of
from toolkit.problems import Severity

__all__ = [
    "DEFAULT_TOP",
    "DTYPES",
    "FIELDS",
    "GROUP_TABLES",
    "TABLES",
    "Field",
    "Kind",
    "Section",
    "TableSpec",
    "dtypes_of",
    "field",
]

#: How a value is written for people (JSON and CSV always carry the raw value).
Kind = Literal["text", "count", "ratio", "usd", "ticks", "seconds", "bytes"]
#: The pandas dtype of each kind of value.
DTYPES: dict[Kind, str] = {
    "text": "string",
    "count": "Int64",
    "ticks": "Int64",
    "bytes": "Int64",
    "ratio": "Float64",
    "usd": "Float64",
    "seconds": "Float64",
}


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a summary table (and one key of its JSON objects).

    A field computed from frame columns names them in ``columns`` (``frame.column``) and says in
    ``how`` only what the computation adds: its meaning is that, then each column's meaning as
    the data dictionary declares it (``toolkit.frames.columns``), never a restatement of it.
    """

    name: str
    heading: str
    kind: Kind
    how: str
    columns: tuple[str, ...] = ()
    #: What people see for a key that is missing (a missing key is a group of its own).
    missing: str = ""

    @property
    def description(self) -> str:
        """What the field means: ``how``, then the declared meaning of each column it is made of."""
        return " ".join((self.how, *(f"`{ref}`: {column(ref).description}" for ref in self.columns)))


#: What a key, a sum, and a count of known values add to the meaning of their column.
_KEY = "The row's key."
_SUM = "Summed over the row; null when no interaction in it has a value."
_KNOWN = "Interactions with a value."

_FIELDS = (
    # keys
    Field("provider", "provider", "text", _KEY, ("interactions.provider",), missing="(other traffic)"),
    Field(
        "model",
        "model",
        "text",
        "The row's key: the model requested, else the one the response names; null when neither says.",
        ("interactions.model", "interactions.response_model"),
        missing="(none)",
    ),
    Field("api", "API", "text", _KEY, ("interactions.api",), missing="(none)"),
    Field("cassette", "cassette", "text", _KEY, ("interactions.cassette",)),
    Field("format", "format", "text", "The cassette's dialect.", ("interactions.format",)),
    # traffic
    Field(
        "files",
        "files",
        "count",
        "Files: in totals every file read (cassettes and files that could not be read as one); in "
        "problems and lint, the files with that code.",
    ),
    Field("problem_files", "files with problems", "count", "Files with a problem.", ("problems.cassette",)),
    Field(
        "cassettes",
        "cassettes",
        "count",
        "Cassettes with an interaction in the row.",
        ("interactions.cassette",),
    ),
    Field("interactions", "interactions", "count", "Recorded HTTP interactions (rows of `interactions`)."),
    Field("streamed", "streamed", "count", "Interactions where it is true.", ("interactions.is_stream",)),
    Field("streamed_share", "streamed share", "ratio", "streamed / interactions."),
    Field(
        "errors",
        "errors",
        "count",
        "Interactions whose status is 400 or above.",
        ("interactions.status_code",),
    ),
    Field(
        "with_usage", "with usage", "count", "Interactions that report token usage.", ("usage.usage_source",)
    ),
    # tokens
    Field("input_tokens", "input", "count", _SUM, ("usage.input_tokens",)),
    Field("output_tokens", "output", "count", _SUM, ("usage.output_tokens",)),
    Field("reasoning_tokens", "reasoning", "count", _SUM, ("usage.reasoning_tokens",)),
    Field("cache_read_tokens", "cache read", "count", _SUM, ("usage.cache_read_tokens",)),
    Field("cache_write_tokens", "cache write", "count", _SUM, ("usage.cache_write_tokens",)),
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
    Field("cost_ticks", "reported ticks", "ticks", _SUM, ("usage.cost_ticks",)),
    Field("reported_cost_usd", "reported USD", "usd", _SUM, ("usage.reported_cost_usd",)),
    Field("with_reported_cost", "with reported", "count", _KNOWN, ("usage.reported_cost_usd",)),
    Field("estimated_cost_usd", "estimated USD", "usd", _SUM, ("usage.estimated_cost_usd",)),
    Field("with_estimate", "priced", "count", _KNOWN, ("usage.estimated_cost_usd",)),
    Field(
        "cost_difference_usd",
        "estimate - reported",
        "usd",
        "estimated - reported, summed over the interactions that have both: the price table's drift "
        "from what the provider billed.",
        ("usage.estimated_cost_usd", "usage.reported_cost_usd"),
    ),
    Field(
        "with_both_costs",
        "compared",
        "count",
        "Interactions with both.",
        ("usage.estimated_cost_usd", "usage.reported_cost_usd"),
    ),
    Field(
        "cost_usd",
        "cost USD",
        "usd",
        "The best known cost, summed over the row: the reported cost where the provider reported one, "
        "else the estimate.",
        ("usage.reported_cost_usd", "usage.estimated_cost_usd"),
    ),
    Field(
        "body_bytes",
        "body bytes",
        "bytes",
        "The two, summed over the row.",
        ("interactions.request_bytes", "interactions.stored_response_bytes"),
    ),
    # latency
    Field("duration_known", "duration known", "count", _KNOWN, ("interactions.duration_s",)),
    Field(
        "server_timing_known", "server timing known", "count", _KNOWN, ("interactions.server_processing_ms",)
    ),
    Field(
        "measure",
        "measure",
        "text",
        "`recorded duration` (measured by the recorder around the exchange) or `server processing` "
        "(reported by the server in a header); never mixed.",
    ),
    Field(
        "source",
        "source",
        "text",
        "Where the times come from: the recorder field or the header name.",
        missing="(no header)",
    ),
    Field("known", "known", "count", "Interactions with a time from this source."),
    Field("p50_s", "p50 (s)", "seconds", "Median, in seconds (linear interpolation)."),
    Field("p90_s", "p90 (s)", "seconds", "90th percentile, in seconds."),
    Field("p99_s", "p99 (s)", "seconds", "99th percentile, in seconds."),
    Field("max_s", "max (s)", "seconds", "Longest, in seconds."),
    # problems and lint findings
    Field("code", "code", "text", "Problem or rule code (CT0xx: file and parse)."),
    Field("name", "name", "text", "What the code means, in a few words."),
    Field("severity", "severity", "text", f"{one_of(get_args(Severity))}."),
    Field("count", "count", "count", "How many problems or findings."),
    Field("first", "first at", "text", "Where the first one is: path:line:column."),
)

FIELDS: dict[str, Field] = {f.name: f for f in _FIELDS}


def dtypes_of(table: str) -> dict[str, str]:
    """The pandas dtype of each column of the summary table ``table``, from its fields' kinds."""
    return {name: DTYPES[FIELDS[name].kind] for name in TABLES[table].columns}


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
    ``sections`` are the column groups the text, Markdown and HTML reports print. A
    ``one_row`` table is one JSON object rather than a list of them; a table ``only_with``
    an option is built only when that option is given (JSON null otherwise).
    """

    name: str
    title: str
    description: str
    columns: tuple[str, ...]
    keys: tuple[str, ...]
    sections: tuple[Section, ...]
    one_row: bool = False
    only_with: str | None = None


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
    one_row=True,
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
#: The columns of the problems and lint tables: codes with how many, where, and the first place.
_BY_CODE = ("code", "name", "severity", "count", "files", "first")
PROBLEMS = _listing(
    "problems",
    "Problems",
    "Files (or interactions) that could not be read, by code: they are not in the other tables.",
    _BY_CODE,
)
LINT = replace(_listing("lint", "Lint", "Lint findings by rule code.", _BY_CODE), only_with="--lint")

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
GROUP_TABLES = tuple(t.name for t in TABLES.values() if t.keys and set(METRICS) <= set(t.columns))
#: Rows in the largest / most expensive cassette lists unless ``--top`` says otherwise.
DEFAULT_TOP = 10
