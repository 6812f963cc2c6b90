"""Notebook helpers: the report's tables from Frames, and plots that return their Axes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import toolkit
import toolkit.analysis as ta
from tests.conftest import SAMPLES
from toolkit.frames.tables import TABLES

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


@pytest.fixture(scope="module")
def frames() -> toolkit.Frames:
    return toolkit.load(SAMPLES)


def test_tables_are_the_report_tables(frames: toolkit.Frames) -> None:
    summary = frames.summary()
    for name in ("totals", "by_provider", "by_model", "by_api", "by_cassette", "latency"):
        table = getattr(ta, name)(frames)
        pd.testing.assert_frame_equal(table, summary.table(name), check_like=False)
        assert list(table.columns) == list(TABLES[name].columns)
    pd.testing.assert_frame_equal(ta.problem_table(frames), summary.tables["problems"])
    assert len(ta.largest_cassettes(frames, 3)) == 3
    assert ta.most_expensive_cassettes(frames)["cost_usd"].is_monotonic_decreasing
    assert set(ta.times(frames)["measure"]) == {"recorded duration", "server processing"}


def test_token_parts_add_up(frames: toolkit.Frames) -> None:
    table = ta.by_provider(frames)
    parts = ta.token_parts(table)
    total = table["input_tokens"].fillna(0) + table["output_tokens"].fillna(0)
    assert (parts.sum(axis=1) == total.astype(float)).all()


@pytest.mark.parametrize(
    ("plot", "bars"),
    [
        (ta.plot_cost_by_model, 2 * 15),
        (ta.plot_tokens_by_model, 5 * 15),
        (ta.plot_tokens_by_provider, 5 * 9),
    ],
)
def test_bar_plots(frames: toolkit.Frames, plot: object, bars: int) -> None:
    from matplotlib.axes import Axes

    ax = plot(frames)  # type: ignore[operator]
    assert isinstance(ax, Axes) and len(ax.patches) == bars and ax.get_title()
    assert ax.get_legend() is not None


def test_plots_draw_into_a_given_axes_and_take_a_summary(frames: toolkit.Frames) -> None:
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2)
    assert ta.plot_latency(frames.summary(), ax=left) is left
    assert ta.plot_tokens_by_provider(frames.for_provider("openai"), ax=right) is right
    assert left.get_xscale() == "log" and len(left.patches) == 60
    assert [t.get_text() for t in right.get_yticklabels()] == ["openai"]
    plt.close(figure)


def test_plots_of_nothing(tmp_path: Path) -> None:
    empty = toolkit.load(tmp_path)
    for plot in (ta.plot_cost_by_model, ta.plot_tokens_by_provider, ta.plot_latency):
        assert plot(empty).figure is not None
