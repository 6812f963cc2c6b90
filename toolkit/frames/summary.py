"""The audit's summary tables, as pandas frames: totals, by provider / model / API / cassette, latency.

Every table has the columns ``toolkit.frames.tables`` declares for it, in that
order. Counts and token sums are exact sums of the frames (NA where nothing in
the group reports the value); ratios are computed from the sums. Renderers only
read a ``Summary``; a notebook can call each table function on ``Frames``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from toolkit.analyze.cost.estimate import price_table
from toolkit.frames import KEY, Frames
from toolkit.frames.latency import latency_table, time_values
from toolkit.frames.tables import DEFAULT_TOP, TABLES, dtypes_of
from toolkit.problems import ProblemCode

__all__ = [
    "Summary",
    "build_calls",
    "build_table",
    "by_api",
    "by_cassette",
    "by_model",
    "by_provider",
    "largest_cassettes",
    "most_expensive_cassettes",
    "problem_table",
    "summarize",
    "token_parts",
    "totals",
]

#: The parts ``token_parts`` splits tokens into, in stacking order.
TOKEN_PARTS = ("uncached input", "cache read", "cache write", "output", "reasoning")

_SUMS = (
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "cache_read_input",
    "reasoning_output",
    "cost_ticks",
    "reported_cost_usd",
    "estimated_cost_usd",
    "cost_difference_usd",
    "cost_usd",
)
_COUNTS = {
    "with_reported_cost": "reported_cost_usd",
    "with_estimate": "estimated_cost_usd",
    "with_both_costs": "cost_difference_usd",
}
_FLAGS = {"streamed": "is_stream", "errors": "is_error", "with_usage": "has_usage"}
_ZERO_WHEN_EMPTY = ["cassettes", "interactions", *_FLAGS, *_COUNTS, "body_bytes"]


@dataclass(frozen=True)
class Summary:
    """Every table of an audit, and what it was made from. Renderers read nothing else."""

    inputs: tuple[str, ...]
    price_table: str
    top: int
    #: Every table built, by its name in ``toolkit.frames.tables.TABLES`` and in that order; a
    #: table ``only_with`` an option (``lint``) is here only when it was built.
    tables: Mapping[str, pd.DataFrame]
    #: Every known time: measure, source, provider, seconds (for distribution charts).
    times: pd.DataFrame

    def table(self, name: str) -> pd.DataFrame | None:
        """The table ``name`` (a key of ``toolkit.frames.tables.TABLES``); None if it was not built."""
        if name not in TABLES:
            raise KeyError(name)
        return self.tables.get(name)


class _Source:
    """What the tables are built from: the interactions with their usage, and the problems."""

    def __init__(self, frames: Frames, top: int) -> None:
        self.calls = build_calls(frames)
        self.problems = frames.problems
        self.top = top

    @cached_property
    def cassettes(self) -> pd.DataFrame:
        return _cassettes(self.calls)


#: How each table is built, by name; ``lint`` is the findings the caller hands in.
_BUILD: dict[str, Callable[[_Source], pd.DataFrame]] = {
    "totals": lambda source: _totals(source.calls, source.problems),
    "by_provider": lambda source: _grouped(source.calls, "by_provider"),
    "by_model": lambda source: _grouped(source.calls, "by_model"),
    "by_api": lambda source: _grouped(source.calls, "by_api"),
    "by_cassette": lambda source: source.cassettes,
    "largest_cassettes": lambda source: _largest(source.cassettes, source.top),
    "most_expensive_cassettes": lambda source: _most_expensive(source.cassettes, source.top),
    "latency": lambda source: latency_table(source.calls),
    "problems": lambda source: _problems(source.problems),
}


def summarize(
    frames: Frames, inputs: Sequence[str] = (), top: int = DEFAULT_TOP, lint: pd.DataFrame | None = None
) -> Summary:
    """Every table of the audit of ``frames``; ``top`` rows in the largest / most expensive lists.

    ``lint`` is the lint table (``toolkit.report.findings.lint_table``), when lint was run.
    """
    source = _Source(frames, top)
    built = {name: build(source) for name, build in _BUILD.items()}
    if lint is not None:
        built["lint"] = lint
    tables = {name: built[name] for name in TABLES if name in built}
    return Summary(tuple(inputs), price_table(), top, tables, time_values(source.calls))


def build_table(frames: Frames, name: str, top: int = DEFAULT_TOP) -> pd.DataFrame:
    """The report's table ``name`` of ``frames`` alone (any table but ``lint``)."""
    return _BUILD[name](_Source(frames, top))


def build_calls(frames: Frames) -> pd.DataFrame:
    """Interactions joined to their usage, with the derived per-interaction values the tables sum.

    ``model`` is the model priced (``toolkit.analyze.cost.priced_as``) where there is usage,
    else the one requested, else the one the response names.
    """
    calls = frames.interactions_with_usage()
    priced = calls[KEY].merge(frames.usage[[*KEY, "model"]], on=KEY, how="left")["model"]
    has_cache = calls["cache_read_tokens"].notna()
    has_reasoning = calls["reasoning_tokens"].notna()
    return calls.assign(
        model=priced.set_axis(calls.index).fillna(calls["model"]).fillna(calls["response_model"]),
        is_stream=calls["is_stream"].fillna(False),
        is_error=(calls["status_code"] >= 400).fillna(False),
        has_usage=calls["usage_source"].notna(),
        cache_read_input=calls["input_tokens"].where(has_cache),
        reasoning_output=calls["output_tokens"].where(has_reasoning),
        cost_difference_usd=calls["estimated_cost_usd"] - calls["reported_cost_usd"],
        cost_usd=calls["reported_cost_usd"].fillna(calls["estimated_cost_usd"]),
        body_bytes=calls["request_bytes"] + calls["stored_response_bytes"],
        server_s=calls["server_processing_ms"] / 1000,
    )


def token_parts(table: pd.DataFrame) -> pd.DataFrame:
    """A grouped table's tokens split into parts that add up to input + output (see ``TOKEN_PARTS``).

    Input = uncached input + cache read + cache write; output = visible output + reasoning.
    Unreported parts count as 0; one column per part, rows aligned with ``table``.
    """

    def tokens(name: str) -> pd.Series:
        return table[name].astype("Float64").fillna(0.0)

    cache_read, cache_write, reasoning = (
        tokens("cache_read_tokens"),
        tokens("cache_write_tokens"),
        tokens("reasoning_tokens"),
    )
    parts = {
        "uncached input": (tokens("input_tokens") - cache_read - cache_write).clip(lower=0),
        "cache read": cache_read,
        "cache write": cache_write,
        "output": (tokens("output_tokens") - reasoning).clip(lower=0),
        "reasoning": reasoning,
    }
    return pd.DataFrame(parts, index=table.index)[list(TOKEN_PARTS)]


def _metrics(calls: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Every metric of ``calls`` per group of ``keys`` (NA keys are a group); keys as columns."""
    grouped = calls.groupby(keys, dropna=False, sort=False)
    parts: list[pd.Series | pd.DataFrame] = [
        grouped["cassette"].nunique().rename("cassettes"),
        grouped.size().rename("interactions").astype("Int64"),
        grouped[list(_FLAGS.values())].sum().astype("Int64").set_axis(list(_FLAGS), axis=1),
        grouped[list(_SUMS)].sum(min_count=1),
        grouped[list(_COUNTS.values())].count().astype("Int64").set_axis(list(_COUNTS), axis=1),
        grouped["body_bytes"].sum().astype("Int64"),
    ]
    table = pd.concat(parts, axis=1)
    table["cassettes"] = table["cassettes"].astype("Int64")
    table["streamed_share"] = _ratio(table["streamed"], table["interactions"])
    table["cache_hit_ratio"] = _ratio(table["cache_read_tokens"], table["cache_read_input"])
    table["reasoning_share"] = _ratio(table["reasoning_tokens"], table["reasoning_output"])
    return table.reset_index()


def _ratio(part: pd.Series, whole: pd.Series) -> pd.Series:
    whole = whole.astype("Float64")
    return (part.astype("Float64") / whole.where(whole > 0)).astype("Float64")


def _grouped(calls: pd.DataFrame, name: str) -> pd.DataFrame:
    spec = TABLES[name]
    table = _metrics(calls, list(spec.keys))
    order = ["interactions", *spec.keys]
    table = table.sort_values(order, ascending=[False] + [True] * len(spec.keys), na_position="last")
    return table[list(spec.columns)].reset_index(drop=True)


def _cassettes(calls: pd.DataFrame) -> pd.DataFrame:
    """by_cassette, in the order the cassettes were read."""
    return _metrics(calls, ["cassette", "format"])[list(TABLES["by_cassette"].columns)]


def _largest(cassettes: pd.DataFrame, top: int) -> pd.DataFrame:
    ranked = cassettes.sort_values(["body_bytes", "cassette"], ascending=[False, True])
    return ranked[list(TABLES["largest_cassettes"].columns)].head(top).reset_index(drop=True)


def _most_expensive(cassettes: pd.DataFrame, top: int) -> pd.DataFrame:
    costed = cassettes[cassettes["cost_usd"].notna()]
    ranked = costed.sort_values(["cost_usd", "cassette"], ascending=[False, True])
    return ranked[list(TABLES["most_expensive_cassettes"].columns)].head(top).reset_index(drop=True)


def _totals(calls: pd.DataFrame, problems: pd.DataFrame) -> pd.DataFrame:
    """One row: every metric over all interactions, and the file counts."""
    table = _metrics(calls.assign(everything=True), ["everything"]).drop(columns="everything")
    table = table.reindex([0])  # one row even when nothing was read
    table[_ZERO_WHEN_EMPTY] = table[_ZERO_WHEN_EMPTY].fillna(0)
    files = set(calls["cassette"]) | set(problems["cassette"])
    table["files"] = len(files)
    table["problem_files"] = problems["cassette"].nunique()
    table["duration_known"] = int(calls["duration_s"].notna().sum())
    table["server_timing_known"] = int(calls["server_s"].notna().sum())
    return table[list(TABLES["totals"].columns)].astype(dtypes_of("totals"))


def _problems(problems: pd.DataFrame) -> pd.DataFrame:
    """Problems by code: name, severity, how many, in how many files, and where the first is."""
    rows = []
    for code, group in problems.groupby("code", sort=True):
        first = group.iloc[0]
        rows.append(
            {
                "code": code,
                "name": _problem_name(str(code)),
                "severity": first["severity"],
                "count": len(group),
                "files": group["cassette"].nunique(),
                "first": f"{first['cassette']}:{first['line']}:{first['column']}",
            }
        )
    return findings_frame(rows)


def findings_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """The problems / lint table from plain rows, with its declared columns and dtypes."""
    return pd.DataFrame(rows, columns=list(TABLES["problems"].columns)).astype(dtypes_of("problems"))


def _problem_name(code: str) -> str:
    try:
        return ProblemCode(code).name.lower().replace("_", " ")
    except ValueError:
        return ""


def totals(frames: Frames) -> pd.DataFrame:
    """One row: every metric over all interactions, and the file counts."""
    return build_table(frames, "totals")


def by_provider(frames: Frames) -> pd.DataFrame:
    """One row per provider, most interactions first."""
    return build_table(frames, "by_provider")


def by_model(frames: Frames) -> pd.DataFrame:
    """One row per provider and model, most interactions first."""
    return build_table(frames, "by_model")


def by_api(frames: Frames) -> pd.DataFrame:
    """One row per provider and API family, most interactions first."""
    return build_table(frames, "by_api")


def by_cassette(frames: Frames) -> pd.DataFrame:
    """One row per cassette with interactions, in the order read."""
    return build_table(frames, "by_cassette")


def largest_cassettes(frames: Frames, top: int = DEFAULT_TOP) -> pd.DataFrame:
    """The ``top`` cassettes with the most body bytes."""
    return build_table(frames, "largest_cassettes", top)


def most_expensive_cassettes(frames: Frames, top: int = DEFAULT_TOP) -> pd.DataFrame:
    """The ``top`` cassettes with the highest known cost."""
    return build_table(frames, "most_expensive_cassettes", top)


def problem_table(frames: Frames) -> pd.DataFrame:
    """Problems by code."""
    return build_table(frames, "problems")
