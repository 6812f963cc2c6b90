"""Notebook analysis: the audit report's tables as DataFrames, and plots that return their Axes.

    import toolkit, toolkit.analysis as ta
    frames = toolkit.load("tests/cassettes")
    ta.by_model(frames)                      # the report's "By model" table, every column
    ta.plot_cost_by_model(frames)            # a matplotlib Axes
    ta.plot_tokens_by_provider(frames.for_model("gpt-5*"))

Each plot takes ``Frames`` (or an already built ``Summary``) and an optional
``ax`` to draw into; it returns the Axes, so titles and scales can be changed
after. Plots need matplotlib (``pip install 'cassette-toolkit[plot]'``); the
tables do not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from toolkit.frames import Frames
from toolkit.frames.latency import RECORDED, SERVER, latency_table, time_values
from toolkit.frames.summary import (
    TOKEN_PARTS,
    Summary,
    build_calls,
    by_api,
    by_cassette,
    by_model,
    by_provider,
    largest_cassettes,
    most_expensive_cassettes,
    problem_table,
    summarize,
    token_parts,
    totals,
)
from toolkit.frames.tables import FIELDS
from toolkit.plumbing.requires import require
from toolkit.report.charts import COLOURS, model_labels

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "by_api",
    "by_cassette",
    "by_model",
    "by_provider",
    "largest_cassettes",
    "latency",
    "most_expensive_cassettes",
    "plot_cost_by_model",
    "plot_latency",
    "plot_tokens_by_model",
    "plot_tokens_by_provider",
    "problem_table",
    "summarize",
    "times",
    "token_parts",
    "totals",
]

Source = Frames | Summary


def latency(frames: Frames) -> pd.DataFrame:
    """The report's latency table: percentiles per time source, overall and per provider."""
    return latency_table(build_calls(frames))


def times(frames: Frames) -> pd.DataFrame:
    """Every known time, one row each: measure, source, provider, seconds."""
    return time_values(build_calls(frames))


def plot_cost_by_model(source: Source, *, top: int = 15, ax: Axes | None = None) -> Axes:
    """Horizontal bars per model: estimated cost beside the provider-reported cost (USD)."""
    require("plot", "toolkit.analysis plots")
    table = _summary(source).tables["by_model"]
    table = table.assign(label=model_labels(table), best=table["cost_usd"].astype("Float64").fillna(0.0))
    table = table[table["best"] > 0].sort_values(["best", "label"], ascending=[True, False]).tail(top)
    ax = _axes(ax, len(table))
    positions = range(len(table))
    estimated = table["estimated_cost_usd"].astype("Float64").fillna(0.0).to_numpy(float)
    reported = table["reported_cost_usd"].astype("Float64").fillna(0.0).to_numpy(float)
    ax.barh(
        [p + 0.2 for p in positions], estimated, height=0.4, color=COLOURS["estimated"], label="estimated"
    )
    ax.barh([p - 0.2 for p in positions], reported, height=0.4, color=COLOURS["reported"], label="reported")
    ax.set_yticks(list(positions), list(table["label"]))
    ax.set_xlabel("USD")
    ax.set_title("Cost by model")
    ax.legend(loc="lower right")
    return ax


def plot_tokens_by_model(source: Source, *, top: int = 15, ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars per model: uncached input, cache read, cache write, output, reasoning."""
    require("plot", "toolkit.analysis plots")
    table = _summary(source).tables["by_model"]
    return _stacked_tokens(table.assign(label=model_labels(table)), "Tokens by model", top, ax)


def plot_tokens_by_provider(source: Source, *, ax: Axes | None = None) -> Axes:
    """Stacked horizontal bars per provider: uncached input, cache read, cache write, output, reasoning."""
    require("plot", "toolkit.analysis plots")
    table = _summary(source).tables["by_provider"]
    labels = table["provider"].astype("string").fillna(FIELDS["provider"].missing)
    return _stacked_tokens(table.assign(label=labels), "Tokens by provider", len(table), ax)


def plot_latency(source: Source, *, bins: int = 30, ax: Axes | None = None) -> Axes:
    """Histograms (log-scaled seconds) of recorded durations and of server-reported times, apart."""
    require("plot", "toolkit.analysis plots")
    import numpy as np

    values = _summary(source).times
    ax = _axes(ax, 6)
    seconds = values.loc[values["seconds"] > 0, "seconds"].astype(float)
    if seconds.empty:
        ax.set_title("Latency: no recorded or server-reported times")
        return ax
    edges = [float(e) for e in np.logspace(np.log10(seconds.min()), np.log10(seconds.max()), bins + 1)]
    for measure in (RECORDED, SERVER):
        chosen = values.loc[(values["measure"] == measure) & (values["seconds"] > 0), "seconds"].astype(float)
        label = f"{measure} ({len(chosen):,})"
        ax.hist(chosen.to_numpy(), bins=edges, alpha=0.7, color=COLOURS[measure], label=label)
    ax.set_xscale("log")
    ax.set_xlabel("seconds")
    ax.set_ylabel("interactions")
    ax.set_title("Latency distribution")
    ax.legend()
    return ax


def _stacked_tokens(table: pd.DataFrame, title: str, top: int, ax: Axes | None) -> Axes:
    parts = token_parts(table).assign(label=table["label"])
    parts["total"] = parts[list(TOKEN_PARTS)].sum(axis=1)
    parts = parts[parts["total"] > 0].sort_values(["total", "label"], ascending=[True, False]).tail(top)
    ax = _axes(ax, len(parts))
    left = [0.0] * len(parts)
    for part in TOKEN_PARTS:
        widths = parts[part].to_numpy(float)
        ax.barh(list(parts["label"]), widths, left=left, color=COLOURS[part], label=part)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    ax.set_xlabel("tokens")
    ax.set_title(title)
    ax.legend(loc="lower right")
    return ax


def _summary(source: Source) -> Summary:
    return source if isinstance(source, Summary) else summarize(source)


def _axes(ax: Axes | None, rows: int) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _figure, axes = plt.subplots(figsize=(9, max(2.5, 0.35 * rows + 1.2)), layout="constrained")
    return axes
