"""The HTML report's charts as inline SVG: tokens and cost by model, and the latency distribution.

Each chart reads only the summary. Every series has its own colour (Okabe-Ito
and Tol palettes, readable with colour-blindness), which also lets a test find
each chart's bars in a rendering.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

import pandas as pd

from toolkit.frames.latency import RECORDED, SERVER
from toolkit.frames.summary import TOKEN_PARTS, Summary, token_parts
from toolkit.frames.tables import FIELDS
from toolkit.report.numbers import plain, show_usd
from toolkit.report.svg import Canvas, compact, log_ticks, nice_ticks

__all__ = ["CHARTS", "COLOURS", "model_labels", "render_chart"]

#: Series colours; each appears in one chart only.
COLOURS = {
    "uncached input": "#0072b2",
    "cache read": "#56b4e9",
    "cache write": "#009e73",
    "output": "#e69f00",
    "reasoning": "#d55e00",
    "estimated": "#882255",
    "reported": "#44aa99",
    RECORDED: "#332288",
    SERVER: "#999933",
}
WIDTH = 900.0
LABEL_WIDTH = 260.0
VALUE_WIDTH = 90.0
MAX_ROWS = 15
_GRID = "#dddddd"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a row: stacked (value, series) segments."""

    segments: tuple[tuple[float, str], ...]
    label: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    bars: tuple[Bar, ...]


def render_chart(name: str, summary: Summary) -> str:
    """The chart ``name`` (a key of ``CHARTS``) as an ``<svg>`` element."""
    return CHARTS[name](summary)


def tokens_by_model(summary: Summary) -> str:
    """Stacked bars per model: uncached input, cache read, cache write, output, reasoning."""
    models = _with_label(summary.tables["by_model"])
    series = TOKEN_PARTS
    frame = token_parts(models).assign(label=models["label"])
    frame["total"] = frame[list(series)].sum(axis=1)
    frame = _top(frame[frame["total"] > 0], "total", list(series))
    rows = [
        Row(r["label"], (Bar(tuple((float(r[s]), s) for s in series), compact(float(r["total"]))),))
        for r in frame.to_dict("records")
    ]
    return _bar_chart("Tokens by model", rows, series, "", "No interaction reports token usage.")


def cost_by_model(summary: Summary) -> str:
    """Per model, the estimated cost beside the cost the provider reported (where it did)."""
    models = _with_label(summary.tables["by_model"])
    frame = pd.DataFrame(
        {
            "estimated": models["estimated_cost_usd"].astype("Float64"),
            "reported": models["reported_cost_usd"].astype("Float64"),
            "label": models["label"],
        }
    )
    frame["total"] = frame[["estimated", "reported"]].max(axis=1, skipna=True).fillna(0.0)
    frame = _top(frame[frame["total"] > 0], "total", ["estimated", "reported"], keep_na=True)
    rows = [Row(str(r["label"]), tuple(_cost_bars(r))) for r in frame.to_dict("records")]
    return _bar_chart(
        "Cost by model (USD)", rows, ("estimated", "reported"), "$", "No interaction has a known cost."
    )


def _cost_bars(record: dict[Hashable, object]) -> list[Bar]:
    bars = []
    for series in ("estimated", "reported"):
        value = plain(record[series])
        if isinstance(value, int | float):
            bars.append(Bar(((float(value), series),), f"{series} {show_usd(float(value))}"))
    return bars


def latency_distribution(summary: Summary) -> str:
    """A histogram (log-scaled seconds) per time source, on one axis: each recorder's duration,
    then each server-timing header apart (they are not the same clock). A source with no time
    has no panel."""
    times = summary.times
    totals = summary.tables["totals"]
    interactions = int(plain(totals["interactions"].iloc[0]) or 0) if len(totals) else 0
    panels = []
    for (measure, source), group in times.groupby(["measure", "source"], sort=False, dropna=False):
        seconds = [float(s) for s in group["seconds"] if s > 0]
        if seconds:
            name = plain(source) or "unknown source"
            where = f"{name}" if measure == RECORDED else f"header {name}"
            title = f"{str(measure).capitalize()} ({where}): known for {len(seconds):,} of {interactions:,}"
            panels.append((f"{title} interactions", str(measure), seconds))
    return _histograms("Latency distribution", panels, "No recorded duration and no server-reported time.")


def _with_label(models: pd.DataFrame) -> pd.DataFrame:
    return models.assign(label=model_labels(models))


def model_labels(models: pd.DataFrame) -> pd.Series:
    """``model · provider`` for each row of a table keyed by provider and model."""

    def label(row: pd.Series) -> str:
        model = plain(row["model"]) or FIELDS["model"].missing
        provider = plain(row["provider"]) or FIELDS["provider"].missing
        return f"{model} · {provider}"

    return models.apply(label, axis=1) if len(models) else pd.Series([], dtype="string")


def _top(frame: pd.DataFrame, by: str, series: list[str], keep_na: bool = False) -> pd.DataFrame:
    """The largest rows by ``by``; the rest summed into one "other" row."""
    frame = frame.sort_values([by, "label"], ascending=[False, True], kind="stable")
    if len(frame) <= MAX_ROWS:
        return frame
    head, rest = frame.iloc[: MAX_ROWS - 1], frame.iloc[MAX_ROWS - 1 :]
    other: dict[str, object] = {s: rest[s].sum(min_count=1 if keep_na else 0) for s in [*series, by]}
    other["label"] = f"{len(rest)} other models"
    return pd.concat([head, pd.DataFrame([other])], ignore_index=True)


def _bar_chart(title: str, rows: Sequence[Row], series: Sequence[str], unit: str, empty: str) -> str:
    bar_height, gap, top = 13.0, 9.0, 46.0
    heights = [len(row.bars) * bar_height + gap for row in rows]
    plot_height = sum(heights)
    canvas = Canvas(WIDTH, top + plot_height + 34, title)
    canvas.text(0, 16, title, size=14, bold=True)
    _legend(canvas, series, 0, 34)
    if not rows:
        canvas.text(0, top + 16, empty)
        return canvas.render()
    peak = max(sum(v for v, _ in bar.segments) for row in rows for bar in row.bars)
    ticks = nice_ticks(peak)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / ticks[-1]
    _x_grid(canvas, ticks, scale, (top, top + plot_height), unit)
    y = top
    for row, height in zip(rows, heights, strict=True):
        canvas.text(LABEL_WIDTH - 8, y + height / 2 + 2, _clip(row.label), anchor="end")
        for i, bar in enumerate(row.bars):
            _bar(canvas, bar, (y + gap / 2 + i * bar_height, bar_height - 2), scale, row.label)
        y += height
    return canvas.render()


def _bar(canvas: Canvas, bar: Bar, band: tuple[float, float], scale: float, row: str) -> None:
    """Draw ``bar`` in the horizontal band (top y, height)."""
    y, height = band
    x = LABEL_WIDTH
    for value, series in bar.segments:
        if value > 0:
            canvas.rect(
                x, y, value * scale, height, fill=COLOURS[series], tip=f"{row}: {series} {value:,.10g}"
            )
            x += value * scale
    canvas.text(x + 4, y + height - 2, bar.label, size=10)


def _x_grid(canvas: Canvas, ticks: list[float], scale: float, span: tuple[float, float], unit: str) -> None:
    top, bottom = span
    for tick in ticks:
        x = LABEL_WIDTH + tick * scale
        canvas.line(x, top, x, bottom, _GRID)
        canvas.text(x, bottom + 14, compact(tick, unit), anchor="middle", size=10)
    canvas.line(LABEL_WIDTH, bottom, LABEL_WIDTH + ticks[-1] * scale, bottom)


def _legend(canvas: Canvas, series: Sequence[str], x: float, y: float) -> None:
    for name in series:
        canvas.rect(x, y - 9, 10, 10, fill=COLOURS[name])
        canvas.text(x + 14, y, name)
        x += 24 + 6.5 * len(name)


def _histograms(title: str, panels: list[tuple[str, str, list[float]]], empty: str) -> str:
    """One panel per (heading, measure, seconds), stacked, every one on the same axis of seconds;
    no panels: one line saying so, and no empty plot."""
    panel_height, plot_height, head = 170.0, 104.0, 24.0
    if not panels:
        canvas = Canvas(WIDTH, head + 30, title)
        canvas.text(0, 16, title, size=14, bold=True)
        canvas.text(0, head + 18, empty)
        return canvas.render()
    every = [s for _, _, seconds in panels for s in seconds]
    low = 10 ** math.floor(math.log10(min(every)))
    high = 10 ** math.ceil(math.log10(max(every)) + 1e-9)
    canvas = Canvas(WIDTH, head + panel_height * len(panels), title)
    canvas.text(0, 16, title, size=14, bold=True)
    for i, (heading, measure, seconds) in enumerate(panels):
        top = head + i * panel_height
        canvas.text(0, top + 18, heading, size=12)
        _histogram(canvas, seconds, COLOURS[measure], (top + 30, plot_height), (low, high))
    return canvas.render()


def _histogram(
    canvas: Canvas, seconds: list[float], colour: str, band: tuple[float, float], span: tuple[float, float]
) -> None:
    """Bins a fifth of a decade wide, drawn in the band (top y, height) against a log-scaled axis
    of seconds from ``span`` (low, high: powers of ten)."""
    top, height = band
    low, high = span
    edges = [low * 10 ** (k / 5) for k in range(round(5 * math.log10(high / low)) + 1)]
    bins = list(itertools.pairwise(edges))
    counts = [sum(1 for s in seconds if a <= s < b) for a, b in bins]
    left, width = 60.0, WIDTH - 80.0
    x_of: Callable[[float], float] = lambda v: left + width * math.log10(v / low) / math.log10(high / low)  # noqa: E731
    y_ticks = nice_ticks(max(counts), min(4, max(counts)))
    y_scale = height / y_ticks[-1]
    for tick in y_ticks:
        y = top + height - tick * y_scale
        canvas.line(left, y, left + width, y, _GRID)
        canvas.text(left - 6, y + 4, f"{tick:g}", anchor="end", size=10)
    for (a, b), count in zip(bins, counts, strict=True):
        if count:
            tip = f"{count} between {a:.3g} s and {b:.3g} s"
            y = top + height - count * y_scale
            canvas.rect(x_of(a) + 1, y, x_of(b) - x_of(a) - 2, count * y_scale, fill=colour, tip=tip)
    canvas.line(left, top + height, left + width, top + height)
    for tick in log_ticks(low, high):
        canvas.text(x_of(tick), top + height + 14, compact(tick, "s"), anchor="middle", size=10)


def _clip(label: str, limit: int = 40) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


CHARTS: dict[str, Callable[[Summary], str]] = {
    "tokens_by_model": tokens_by_model,
    "cost_by_model": cost_by_model,
    "latency": latency_distribution,
}
