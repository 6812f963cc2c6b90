"""Renderers: golden files, Markdown that renders as tables, the JSON shape, CSV, offline HTML."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import toolkit
from tests.conftest import ROOT, SAMPLES
from tests.report.targets import TARGETS, write
from toolkit.frames.summary import Summary, summarize
from toolkit.frames.tables import TABLES
from toolkit.report import FORMATS, RENDERER_BY_NAME, RenderOptions
from toolkit.report.blocks import build_document
from toolkit.report.elements import Table
from toolkit.report.render_json import SHAPE_VERSION, report_document


@pytest.fixture(scope="module")
def summary() -> Summary:
    return summarize(toolkit.load(SAMPLES), ["sample_cassettes/"])


@pytest.mark.parametrize("target", list(TARGETS))
def test_committed_report_is_current(target: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """reports/ and the golden files are what the command writes now (run `nox -s reports`)."""
    monkeypatch.chdir(ROOT)
    fresh = tmp_path / Path(target).name
    write(target, fresh)
    committed = (ROOT / target).read_text(encoding="utf-8")
    made = fresh.read_text(encoding="utf-8")
    if made != committed:
        diff = difflib.unified_diff(
            committed.splitlines(), made.splitlines(), target, "now", lineterm="", n=1
        )
        pytest.fail(f"{target} is stale; run `nox -s reports`\n" + "\n".join(list(diff)[:40]))


def test_reports_name_no_absolute_path_and_no_date() -> None:
    for target in TARGETS:
        text = (ROOT / target).read_text(encoding="utf-8")
        assert str(ROOT) not in text, target
        assert not re.search(r"\b20\d\d-\d\d-\d\d[T ]\d\d:\d\d", text), target


def test_every_format_renders(summary: Summary) -> None:
    assert set(FORMATS) == {"text", "markdown", "json", "html", "csv"}
    for name, render in RENDERER_BY_NAME.items():
        assert render(summary, RenderOptions()).endswith("\n"), name


def test_empty_summary_renders_in_every_format(tmp_path: Path) -> None:
    empty = summarize(toolkit.load(tmp_path), [str(tmp_path)])
    for name, render in RENDERER_BY_NAME.items():
        for table in TABLES if name == "csv" else ["by_model"]:
            assert render(empty, RenderOptions(table=table)), (name, table)


def test_markdown_renders_as_tables(summary: Summary) -> None:
    markdown = RENDERER_BY_NAME["markdown"](summary, RenderOptions())
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    tables = [b for b in build_document(summary) if isinstance(b, Table)]
    assert html.count("<table>") == len(tables) > 10
    for table, rendered in zip(tables, re.findall(r"<table>.*?</table>", html, re.S), strict=True):
        rows = re.findall(r"<tr>(.*?)</tr>", rendered, re.S)
        assert len(rows) == len(table.rows) + 1
        for row in rows:
            assert len(re.findall(r"<t[hd][ >]", row)) == len(table.headings)
    assert "/seed_xai_simple_object_streaming.yaml</code></td>" in html


def test_markdown_cells_escape_pipes_and_markup() -> None:
    from toolkit.report.render_markdown import render_table

    table = Table(("path", "model"), (("a|b.yaml", "x|*y*_z"),), (False, False), (True, False))
    html = MarkdownIt("commonmark").enable("table").render("\n".join(render_table(table)))
    assert "<code>a|b.yaml</code>" in html and "<td>x|*y*_z</td>" in html


def test_text_numbers_are_for_people(summary: Summary) -> None:
    text = RENDERER_BY_NAME["text"](summary, RenderOptions(detail=True))
    words = " ".join(text.split())
    assert "7,796,400" in text and "$0.0000508" in text and "21.9%" in text
    assert "known for 9 of 22 interactions" in words
    assert "Server-reported processing time (response headers): known for 8 of 22 interactions" in words
    assert text.replace("·", "").replace("…", "").isascii()  # names cut to fit end with …


def test_json_shape(summary: Summary) -> None:
    document = json.loads(RENDERER_BY_NAME["json"](summary, RenderOptions()))
    assert list(document) == [
        "report",
        "version",
        "inputs",
        "price_table",
        "top",
        *TABLES,
    ]
    assert document["version"] == SHAPE_VERSION and document["inputs"] == ["sample_cassettes/"]
    assert list(document["totals"]) == list(TABLES["totals"].columns)
    lists = [spec.name for spec in TABLES.values() if not spec.one_row and not spec.only_with]
    assert lists and "totals" not in lists and "lint" not in lists
    for name in lists:
        for row in document[name]:
            assert list(row) == list(TABLES[name].columns), name
    assert document["lint"] is None
    assert {"totals", "by_provider", "by_model", "by_cassette", "latency"} <= set(document)


def test_json_totals_equal_the_frames_sums() -> None:
    frames = toolkit.load(SAMPLES)
    totals = json.loads(RENDERER_BY_NAME["json"](summarize(frames), RenderOptions()))["totals"]
    assert_json_totals(frames, totals)


def assert_json_totals(frames: toolkit.Frames, totals: dict[str, object]) -> None:
    usage = frames.usage
    assert totals["interactions"] == len(frames.interactions)
    assert totals["with_usage"] == len(usage)
    for column in ("input_tokens", "output_tokens", "reasoning_tokens", "cache_read_tokens"):
        assert totals[column] == int(usage[column].sum()), column
    assert totals["cost_ticks"] == int(usage["cost_ticks"].sum())
    for column in ("reported_cost_usd", "estimated_cost_usd"):
        assert totals[column] == pytest.approx(float(usage[column].sum()), rel=1e-9, abs=1e-12), column
    assert totals["errors"] == int((frames.interactions["status_code"] >= 400).sum())
    assert totals["streamed"] == int(frames.interactions["is_stream"].sum())


def test_json_document_has_no_nan(summary: Summary) -> None:
    json.dumps(report_document(summary), allow_nan=False)


@pytest.mark.parametrize("table", list(TABLES))
def test_csv_has_one_table_with_the_declared_header(summary: Summary, table: str) -> None:
    text = RENDERER_BY_NAME["csv"](summary, RenderOptions(table=table))
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == TABLES[table].columns
    frame = summary.table(table)
    assert len(rows) - 1 == (0 if frame is None else len(frame))


def test_csv_values_are_raw(summary: Summary) -> None:
    text = RENDERER_BY_NAME["csv"](summary, RenderOptions(table="totals"))
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["cost_ticks"] == "7796400" and row["input_tokens"] == "6048"
    assert float(row["reported_cost_usd"]) == pytest.approx(0.00077964 + 0.0000606)


def test_html_is_self_contained_and_offline(summary: Summary) -> None:
    html = RENDERER_BY_NAME["html"](summary, RenderOptions())
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html and "<link" not in html and "@import" not in html and "url(" not in html
    assert not re.search(r"\bsrc\s*=", html)
    assert all(link.startswith("#") for link in re.findall(r'href="([^"]*)"', html))
    assert not re.search(r"\bhref\s*=\s*[^\"\s]", html)
    # The only URL is the SVG namespace, which is a name, never fetched.
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == {"http://www.w3.org/2000/svg"}
    for chart in ("tokens_by_model", "cost_by_model", "latency"):
        figure = re.search(rf'<figure class="chart" id="chart-{chart}"><svg .*?</svg></figure>', html, re.S)
        assert figure is not None, chart
        assert figure.group(0).count("<rect") > 3, chart


def test_html_ids_are_unique_and_every_link_lands_on_its_section(summary: Summary) -> None:
    html = RENDERER_BY_NAME["html"](summary, RenderOptions())
    ids = re.findall(r'\sid="([^"]*)"', html)
    assert len(ids) == len(set(ids))
    links = re.findall(r'<a href="#([^"]*)">([^<]*)</a>', html)
    assert [text for _, text in links][:3] == ["Summary", "Totals", "Charts"]
    for anchor, text in links:
        assert re.search(rf'<h2 id="{anchor}">{re.escape(text)}</h2>', html), anchor
    assert '<h3 id="summary-latency">Latency</h3>' in html and '<h2 id="latency">Latency</h2>' in html


def latency_svg(html: str) -> str:
    figure = re.search(r'<figure class="chart" id="chart-latency">(<svg .*?</svg>)</figure>', html, re.S)
    assert figure is not None
    return figure.group(1)


def test_latency_chart_has_a_panel_per_source_on_one_axis(summary: Summary) -> None:
    svg = latency_svg(RENDERER_BY_NAME["html"](summary, RenderOptions()))
    headings = re.findall(r'font-size="12">([^<]*)</text>', svg)
    assert headings == [
        "Recorded duration (go-vcr duration): known for 9 of 22 interactions",
        "Server processing (header openai-processing-ms): known for 5 of 22 interactions",
        "Server processing (header server-timing): known for 1 of 22 interactions",
        "Server processing (header x-envoy-upstream-service-time): known for 2 of 22 interactions",
    ]
    axis = re.findall(r'font-size="10">([\d.]+ s)</text>', svg)
    assert axis == ["0.01 s", "0.1 s", "1 s", "10 s"] * 4  # the same axis under every panel
    assert sum(map(int, re.findall(r"<title>(\d+) between", svg))) == 9 + 5 + 1 + 2
    assert 'height="704"' in svg  # four panels, nothing more


def test_latency_chart_without_any_time_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_bytes((SAMPLES / "pydantic_ai_anthropic_cache_parsed_body.yaml").read_bytes())
    svg = latency_svg(RENDERER_BY_NAME["html"](summarize(toolkit.load(tmp_path)), RenderOptions()))
    assert ">No recorded duration and no server-reported time.</text>" in svg
    assert 'height="54"' in svg and "<rect" not in svg
