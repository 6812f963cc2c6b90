"""Baselines: written sorted, read back, and matching findings by fingerprint after re-recording."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.lint.test_engine import RECORDED, RERECORDED
from toolkit.lint.baseline import read_baseline, write_baseline
from toolkit.lint.engine import lint_file
from toolkit.lint.errors import BaselineError
from toolkit.lint.settings import LintSettings


def test_a_baseline_survives_re_recording(tmp_path: Path) -> None:
    cassette = tmp_path / "cassettes" / "chat.yaml"
    cassette.parent.mkdir()
    cassette.write_text(RECORDED)
    findings = lint_file(str(cassette), LintSettings())
    assert len(findings) == 3
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), findings)
    cassette.write_text(RERECORDED)
    kept, suppressed = read_baseline(str(baseline)).split(lint_file(str(cassette), LintSettings()))
    assert (kept, suppressed) == ([], 3)


def test_new_findings_are_not_hidden(tmp_path: Path) -> None:
    cassette = tmp_path / "chat.yaml"
    cassette.write_text(RECORDED)
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), [f for f in lint_file(str(cassette), LintSettings()) if f.code != "CT301"])
    kept, suppressed = read_baseline(str(baseline)).split(lint_file(str(cassette), LintSettings()))
    assert [f.code for f in kept] == ["CT301"] and suppressed == 2


def test_the_file_is_sorted_relative_and_stable(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(RECORDED)
    (tmp_path / "a.yaml").write_text(RECORDED)
    findings = [
        *lint_file(str(tmp_path / "b.yaml"), LintSettings()),
        *lint_file(str(tmp_path / "a.yaml"), LintSettings()),
    ]
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), findings)
    first = baseline.read_text()
    entries = json.loads(first)["findings"]
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    assert {e["path"] for e in entries} == {"a.yaml", "b.yaml"}
    write_baseline(str(baseline), reversed(findings))
    assert baseline.read_text() == first


@pytest.mark.parametrize("text", ["not json", "[]", '{"findings": [{"path": 1}]}'])
def test_malformed_baselines_are_usage_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text)
    with pytest.raises(BaselineError):
        read_baseline(str(path))
    with pytest.raises(BaselineError):
        read_baseline(str(tmp_path / "missing.json"))
