"""The one-screen summary: at most 100 columns and a bounded number of lines, however long the
names and however many models, header sources and codes a project has."""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

import pandas as pd
import pytest

import toolkit
from tests.conftest import SAMPLES
from toolkit.frames.latency import SERVER
from toolkit.frames.summary import Summary, summarize
from toolkit.report import RENDERER_BY_NAME, RenderOptions
from toolkit.report.brief import MODELS_SHOWN, ROWS_SHOWN, WIDTH, fit_table
from toolkit.report.elements import Table
from toolkit.report.findings import lint_table


class Finding(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str


@pytest.fixture(scope="module")
def summary() -> Summary:
    return summarize(toolkit.load(SAMPLES), ["sample_cassettes/"])


def crowded(summary: Summary) -> Summary:
    """``summary`` as a large project would make it: 40 models with 90-character names, 12
    server-timing headers, 30 lint codes found in deeply nested files, counts in the millions."""
    tables = dict(summary.tables)
    models = pd.concat([tables["by_model"]] * 3, ignore_index=True).head(40)
    models["model"] = [f"vendor.family-{i:02d}-" + "x" * 70 for i in range(len(models))]
    models["interactions"] = 1_234_567
    tables["by_model"] = models
    latency = tables["latency"]
    server = latency[latency["provider"].isna() & (latency["measure"] == SERVER)].head(1)
    extra = pd.concat([server] * 12, ignore_index=True)
    extra["source"] = [f"x-a-very-long-vendor-specific-processing-time-header-{i}" for i in range(12)]
    tables["latency"] = pd.concat([latency, extra], ignore_index=True)
    deep = "tests/" + "/".join(["integration_suite_folder"] * 6)
    findings = [
        Finding(
            f"{deep}/cassette_{i}.yaml", 1234, 56, f"CT{100 + i // 50}", "a-rule-name-" + "y" * 40, "warning"
        )
        for i in range(1500)
    ]
    tables["lint"] = lint_table(findings)
    return dataclasses.replace(summary, tables=tables)


def test_the_text_summary_fits_one_screen_of_100_columns(summary: Summary) -> None:
    text = RENDERER_BY_NAME["text"](crowded(summary), RenderOptions())
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= WIDTH
    assert len(lines) <= 60
    assert "And 35 more models (the By model table)." in text
    assert "And 30 more codes (the Lint table)." not in text and "And 25 more codes (the Lint table)." in text
    assert "\nBy model\n" not in text and "--detail" in text
    model_rows = [
        line for line in lines if line.startswith("anthropic  vendor.family-") or "vendor.family-" in line
    ]
    assert len(model_rows) == MODELS_SHOWN and all("…" in line for line in model_rows)
    paths = [line for line in lines if ":1234:56" in line]
    assert len(paths) == ROWS_SHOWN and all(line.endswith(".yaml:1234:56") for line in paths)


def test_detail_goes_on_with_every_table_after_the_same_summary(summary: Summary) -> None:
    brief = RENDERER_BY_NAME["text"](summary, RenderOptions())
    detail = RENDERER_BY_NAME["text"](summary, RenderOptions(detail=True))
    assert detail.startswith(brief.split("\nEvery table: ")[0])
    for title in ("Totals", "By provider", "By model", "By API", "Latency", "Largest cassettes", "Notes"):
        assert f"\n{title}\n{'-' * len(title)}\n" in detail, title


def test_markdown_and_html_lead_with_the_summary_and_keep_every_table(summary: Summary) -> None:
    markdown = RENDERER_BY_NAME["markdown"](summary, RenderOptions())
    assert (
        markdown.index("## Summary")
        < markdown.index("### Models that cost most")
        < markdown.index("## Totals")
    )
    assert "## By model" in markdown and "## Notes" in markdown and "--detail" not in markdown


def test_models_are_ranked_by_cost(summary: Summary) -> None:
    markdown = RENDERER_BY_NAME["markdown"](summary, RenderOptions())
    brief = markdown.split("### Models that cost most")[1].split("###")[0]
    costs = [float(line.split("|")[-2].strip().lstrip("$")) for line in brief.splitlines() if "| $" in line]
    assert len(costs) == MODELS_SHOWN and costs == sorted(costs, reverse=True)


def test_fit_table_cuts_the_widest_cuttable_column_first() -> None:
    rows = (("a" * 80, "short", "b/" * 40 + "end.yaml:1:1"),)
    table = fit_table(
        Table(("name", "kind", "path"), rows, (False,) * 3, (False,) * 3), {0: "start", 2: "end"}
    )
    name, kind, path = table.rows[0]
    assert len(name) + len(kind) + len(path) + 2 * 2 <= WIDTH
    assert kind == "short" and name.endswith("…") and name.startswith("aaa")
    assert path.startswith("…") and path.endswith("end.yaml:1:1")
    assert abs(len(name) - len(path)) <= 1
    narrow = (("c" * 10, "d" * 200),)
    kept = fit_table(Table(("x", "y"), narrow, (False, False), (False, False)), {0: "start"})
    assert kept.rows == narrow  # only cuttable columns are cut, and never below 12 characters
