"""Lint over the shared corpus: real lines, valid codes, valid SARIF, exit status by severity.

The sanitised fantasy cassettes must get no error-severity finding. Skipped without the corpus.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.lint.test_reporters import validate_sarif
from toolkit.cli import main
from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.reporters import REPORTER_BY_NAME, ReportOptions
from toolkit.lint.rules import RULE_BY_CODE
from toolkit.lint.settings import LintSettings

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def result(corpus: Path) -> LintResult:
    return lint_paths([str(corpus)], LintSettings(), jobs=4)


def _lines(path: str) -> list[str]:
    data = Path(path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8", "replace").lstrip("\ufeff").splitlines()


def test_every_finding_is_on_a_real_line_with_a_valid_code(result: LintResult) -> None:
    assert len(result.files) > 1000
    lines_of: dict[str, list[str]] = {}
    for finding in result.findings:
        assert finding.code in RULE_BY_CODE and finding.code != "CT099", finding
        assert RULE_BY_CODE[finding.code].name == finding.name
        lines = lines_of.setdefault(finding.path, _lines(finding.path))
        assert 1 <= finding.line <= max(len(lines), 1), finding
        text = lines[finding.line - 1] if lines else ""
        assert 1 <= finding.column <= len(text) + 1, finding
        assert len(finding.fingerprint) == 16


def test_fingerprints_are_unique_per_file(result: LintResult) -> None:
    counts = Counter((f.path, f.fingerprint) for f in result.findings)
    assert max(counts.values()) == 1


def test_no_error_on_the_sanitised_fantasy_cassettes(result: LintResult) -> None:
    fantasy = [f for f in result.findings if "/fantasy/" in f.path]
    assert not [f for f in fantasy if f.severity == "error"]
    # What they do get, and why: Vertex AI URLs name the Google Cloud project (CT203), shortened
    # thought signatures left the requests' go-vcr content_length behind (CT310), an alias served
    # another model (CT503), models newer than the price table (CT504).
    assert {f.code for f in fantasy} == {"CT203", "CT310", "CT503", "CT504"}


def test_sarif_over_the_corpus_is_valid(result: LintResult) -> None:
    text = REPORTER_BY_NAME["sarif"](result, ReportOptions(base=str(Path.cwd())))
    document = validate_sarif(text)
    assert len(document["runs"][0]["results"]) == len(result.findings)  # type: ignore[index]


@pytest.mark.parametrize(("fail_on", "levels"), [("error", {"error"}), ("warning", {"error", "warning"})])
def test_the_exit_status_follows_the_severities(corpus: Path, fail_on: str, levels: set[str]) -> None:
    outcome = CliRunner().invoke(
        main, ["lint", "--isolated", "--format", "json", "--fail-on", fail_on, "--jobs", "4", str(corpus)]
    )
    findings = json.loads(outcome.stdout)["findings"]
    assert outcome.exit_code == (1 if any(f["severity"] in levels for f in findings) else 0)


def test_fantasy_alone_passes(corpus: Path) -> None:
    outcome = CliRunner().invoke(main, ["lint", "--isolated", str(corpus / "fantasy")])
    assert outcome.exit_code == 0
