"""The report of the shared corpus: JSON totals equal the frames' sums, every table is there,
groups add up, and the Markdown renders as tables. Skipped when the corpus is absent."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt

import toolkit
from tests.report.test_render import assert_json_totals
from toolkit.cli import main
from toolkit.frames.tables import GROUP_TABLES, TABLES

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def frames(corpus: Path) -> toolkit.Frames:
    return toolkit.load(corpus)


@pytest.fixture(scope="module")
def document(corpus: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["report", str(corpus), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0
    loaded: dict[str, object] = json.loads(result.output)
    return loaded


def test_json_totals_equal_the_frames_sums(frames: toolkit.Frames, document: dict[str, object]) -> None:
    totals = document["totals"]
    assert isinstance(totals, dict)
    assert_json_totals(frames, totals)
    assert totals["files"] == len(set(frames.interactions["cassette"]) | set(frames.problems["cassette"]))
    assert totals["duration_known"] == int(frames.interactions["duration_s"].notna().sum())


def test_every_table_is_present(document: dict[str, object]) -> None:
    for name in (spec.name for spec in TABLES.values() if not spec.one_row and not spec.only_with):
        rows = document[name]
        assert isinstance(rows, list) and rows, name
        assert all(list(row) == list(TABLES[name].columns) for row in rows), name
    assert len(document["largest_cassettes"]) == len(document["most_expensive_cassettes"]) == 10  # type: ignore[arg-type]


@pytest.mark.parametrize("name", GROUP_TABLES)
def test_groups_add_up(document: dict[str, object], name: str) -> None:
    totals = document["totals"]
    rows = document[name]
    assert isinstance(totals, dict) and isinstance(rows, list)
    for column in ("interactions", "streamed", "errors", "with_usage", "input_tokens", "output_tokens"):
        assert sum(row[column] or 0 for row in rows) == totals[column], (name, column)
    for column in ("reported_cost_usd", "estimated_cost_usd", "cost_usd"):
        summed = sum(row[column] or 0 for row in rows)
        assert summed == pytest.approx(totals[column], rel=1e-9), (name, column)


def test_latency_coverage_is_stated(frames: toolkit.Frames, document: dict[str, object]) -> None:
    latency = document["latency"]
    assert isinstance(latency, list)
    overall = {row["source"]: row for row in latency if row["provider"] is None}
    recorded = overall["go-vcr duration"]
    assert recorded["known"] == int(frames.interactions["duration_s"].notna().sum())
    assert recorded["interactions"] == len(frames.interactions)
    headers = frames.interactions["server_timing_header"].value_counts()
    for header, count in headers.items():
        assert overall[header]["known"] == count
        assert overall[header]["measure"] == "server processing"


def test_markdown_renders_as_tables(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["report", str(corpus), "--format", "markdown"], catch_exceptions=False)
    html = MarkdownIt("commonmark").enable("table").render(result.output)
    expected_tables = result.output.count("\n| --- |")
    assert html.count("<table>") == expected_tables >= 15
    section = html.split("<h2>By cassette</h2>")[1]
    by_cassette = re.findall(r"<table>.*?</table>", section, re.S)[0]
    assert by_cassette.count("<tr>") == 1 + len({*toolkit.load(corpus, usage=False).interactions["cassette"]})
