"""The lint summary, from any runner that yields findings (path, line, column, code, name, severity)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import SAMPLES
from toolkit.commands.report import ReportRequest, build_report, lint_findings
from toolkit.report.findings import LintFinding, lint_table


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str


FINDINGS = (
    Finding("a.yaml", 3, 5, "CT301", "secret-header", "error"),
    Finding("b.yaml", 1, 1, "CT402", "truncated-stream", "warning"),
    Finding("a.yaml", 9, 7, "CT301", "secret-header", "error"),
)


def fake_runner(paths: object, jobs: int) -> tuple[LintFinding, ...]:
    assert jobs >= 1
    return FINDINGS


def test_lint_table_counts_by_code() -> None:
    table = lint_table(FINDINGS)
    assert table.to_dict("records") == [
        {
            "code": "CT301",
            "name": "secret-header",
            "severity": "error",
            "count": 2,
            "files": 1,
            "first": "a.yaml:3:5",
        },
        {
            "code": "CT402",
            "name": "truncated-stream",
            "severity": "warning",
            "count": 1,
            "files": 1,
            "first": "b.yaml:1:1",
        },
    ]
    assert lint_table([]).empty


def test_report_with_lint_findings() -> None:
    request = ReportRequest((str(SAMPLES),), format="json", lint=True)
    document = json.loads(build_report(request, lint_runner=fake_runner))
    assert [row["code"] for row in document["lint"]] == ["CT301", "CT402"]
    text = build_report(ReportRequest((str(SAMPLES),), lint=True), lint_runner=fake_runner)
    assert "Lint\n\n3 findings: 2 error, 1 warning." in text  # in the summary
    detail = build_report(ReportRequest((str(SAMPLES),), lint=True, detail=True), lint_runner=fake_runner)
    assert "Lint\n----\n\n3 findings: 2 error, 1 warning." in detail
    markdown = build_report(
        ReportRequest((str(SAMPLES),), format="markdown", lint=True), lint_runner=fake_runner
    )
    assert "| CT301 | secret-header | error | 2 | 1 | `a.yaml:3:5` |" in markdown
    clean = build_report(ReportRequest((str(SAMPLES),), lint=True), lint_runner=lambda paths, jobs: ())
    assert "No lint findings." in clean


def test_without_lint_there_is_no_lint_section() -> None:
    text = build_report(ReportRequest((str(SAMPLES),)))
    assert "\nLint\n" not in text


def test_the_lint_engine_feeds_the_report(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("interactions: !!python/object/apply:os.system ['true']\n")
    findings = list(lint_findings([str(bad)], 1))
    assert [(f.code, f.line, f.column) for f in findings][:1] == [("CT003", 1, 15)]
    document = json.loads(build_report(ReportRequest((str(bad),), format="json", lint=True)))
    assert document["lint"][0]["code"] == "CT003"
