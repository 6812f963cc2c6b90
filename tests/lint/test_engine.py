"""The engine: stamping, ordering, fingerprints, internal errors, selection, parallel runs."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from tests.lint.helpers import lint_text, where
from toolkit.lint.engine import lint_file, lint_paths
from toolkit.lint.finding import Hit
from toolkit.lint.rule import Example, LintContext, Rule, RuleDocs
from toolkit.lint.rules import RULE_BY_CODE
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette
from toolkit.lint.settings import LintSettings


def _explode(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    yield Hit(context.cassette.interactions[0].position, "before the crash")
    raise KeyError("sk-secret-value-that-must-not-leak")


BROKEN = Rule(
    "CT998",
    "broken-rule",
    "warning",
    "A rule that raises.",
    RuleDocs("-", "-", "-", Example(GOOD), Example(GOOD)),
    _explode,
)


def test_a_rule_that_raises_becomes_ct099_and_the_others_still_run() -> None:
    rules = (BROKEN, RULE_BY_CODE["CT402"])
    findings = lint_text(vcrpy_cassette(status=500, reason="Oops"), rules=rules)
    assert where(findings) == [("CT099", 1, 1), ("CT402", 11, 7)]
    assert "CT998" in findings[0].message and "KeyError" in findings[0].message
    assert "sk-secret" not in findings[0].message
    assert findings[0].severity == "warning"  # our bug, not the cassette's: shown, not blocking


def test_internal_errors_can_be_ignored() -> None:
    findings = lint_text(GOOD, rules=(BROKEN,), select=("CT9",))
    assert findings == ()


def test_findings_are_stamped_by_the_engine() -> None:
    (finding,) = lint_text(vcrpy_cassette(status=401, reason="Unauthorized"))
    assert (finding.code, finding.name, finding.severity, finding.interaction) == (
        "CT402",
        "failed-call-recorded",
        "warning",
        0,
    )
    assert finding.path == "cassette.yaml" and len(finding.fingerprint) == 16


RECORDED = """\
interactions:
- request:
    method: POST
    uri: https://api.openai.com/v1/chat/completions?trace=abc
    body: '{"model": "gpt-4o-mini"}'
    headers:
      Content-Type: [application/json]
  response:
    status: {code: 429, message: Too Many Requests}
    headers:
      Date: ['Tue, 04 Mar 2025 10:00:00 GMT']
      Content-Type: [application/json]
    body: {string: '{"error": "rate limited"'}
version: 1
"""

# The same traffic re-recorded: a new date and query, keys reordered, a comment and a new first
# interaction to another host: every line moved.
RERECORDED = """\
# re-recorded
version: 1
interactions:
- request:
    method: GET
    uri: https://example.com/health
    body: null
    headers: {}
  response:
    status: {code: 200, message: OK}
    headers: {}
    body: {string: ''}
- response:
    body: {string: '{"error": "rate limited again"'}
    headers:
      Content-Type: [application/json]
      Date: ['Wed, 05 Mar 2025 11:00:00 GMT']
    status: {code: 429, message: Too Many Requests}
  request:
    headers:
      Content-Type: [application/json]
    uri: https://api.openai.com/v1/chat/completions?trace=def
    method: POST
    body: '{"model": "gpt-4o-mini"}'
"""


def test_fingerprints_survive_re_recording() -> None:
    before = {f.code: f for f in lint_text(RECORDED)}
    after = {f.code: f for f in lint_text(RERECORDED)}
    assert set(before) == set(after) == {"CT301", "CT402", "CT405"}
    for code, old in before.items():
        assert (old.line, old.column) != (after[code].line, after[code].column)
        assert old.fingerprint == after[code].fingerprint


def test_repeated_hits_get_distinct_fingerprints() -> None:
    twice = GOOD.replace("version: 1\n", "") + GOOD.split("\n", 1)[1]
    text = twice.replace("code: 200", "code: 500")
    findings = [f for f in lint_text(text) if f.code == "CT402"]
    assert len(findings) == 2 and findings[0].fingerprint != findings[1].fingerprint


def test_select_ignore_longest_prefix_and_severity_overrides() -> None:
    text = vcrpy_cassette(status=401, reason="Unauthorized", response_body="'{oops'")
    assert {f.code for f in lint_text(text)} == {"CT301", "CT402"}
    assert {f.code for f in lint_text(text, select=("CT4",))} == {"CT402"}
    settings = LintSettings(ignore=("CT4",), select=("CT", "CT402"))
    assert {rule.code for rule in settings.enabled()} >= {"CT402", "CT301"}
    assert "CT401" not in {rule.code for rule in settings.enabled()}
    overridden = LintSettings(severity=(("CT4", "info"), ("CT402", "error")))
    assert overridden.severity_of(RULE_BY_CODE["CT402"]) == "error"
    assert overridden.severity_of(RULE_BY_CODE["CT406"]) == "info"


def test_per_file_ignores(tmp_path: Path) -> None:
    negative = tmp_path / "cassettes" / "errors" / "bad_request.yaml"
    negative.parent.mkdir(parents=True)
    negative.write_text(vcrpy_cassette(status=401, reason="Unauthorized"))
    settings = LintSettings(per_file_ignores=(("cassettes/errors/*", ("CT402",)),), root=str(tmp_path))
    assert lint_file(str(negative), settings) == ()
    assert [f.code for f in lint_file(str(negative), LintSettings())] == ["CT402"]
    by_name = LintSettings(per_file_ignores=(("bad_*.yaml", ("CT4",)),), root=str(tmp_path))
    assert lint_file(str(negative), by_name) == ()


def _tree(tmp_path: Path) -> Path:
    for number in range(6):
        status = 200 if number % 2 else 500
        (tmp_path / f"c{number}.yaml").write_text(vcrpy_cassette(status=status, reason="x"))
    (tmp_path / "broken.yaml").write_text("interactions: [\n")
    (tmp_path / "notes.txt").write_text("not a cassette, not walked")
    return tmp_path


def test_a_run_lints_every_file_in_order_and_goes_on_after_a_bad_one(tmp_path: Path) -> None:
    result = lint_paths([str(_tree(tmp_path))], LintSettings())
    assert len(result.files) == 7
    assert [(Path(f.path).name, f.code) for f in result.findings] == [
        ("broken.yaml", "CT002"),
        ("c0.yaml", "CT402"),
        ("c2.yaml", "CT402"),
        ("c4.yaml", "CT402"),
    ]
    assert result.failed


def test_jobs_give_the_same_result(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert lint_paths([str(root)], LintSettings(), jobs=3) == lint_paths([str(root)], LintSettings())


def test_fail_on_threshold(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(vcrpy_cassette(status=404, reason="Not Found"))
    assert not lint_paths([str(tmp_path)], LintSettings()).failed
    assert lint_paths([str(tmp_path)], LintSettings(fail_on="info")).failed
