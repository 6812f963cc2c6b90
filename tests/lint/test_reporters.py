"""Report formats: golden files, SARIF schema validity, GitHub escaping, JUnit and the exit status.

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from tests.conftest import DATA, ROOT, SHARED
from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.finding import Finding
from toolkit.lint.reporters import REPORTER_BY_NAME, ReportOptions
from toolkit.lint.reporters.github import escape_data, escape_property
from toolkit.lint.settings import LintSettings

REPORT = DATA / "lint" / "report"
GOLDEN = DATA / "lint" / "golden"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
SUFFIXES = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github.txt", "junit": "junit.xml"}


@pytest.fixture(scope="module")
def result() -> LintResult:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        return lint_paths([str(REPORT.relative_to(ROOT))], LintSettings())
    finally:
        os.chdir(cwd)


def render(name: str, result: LintResult, color: bool = False) -> str:
    return REPORTER_BY_NAME[name](result, ReportOptions(color=color, base=str(ROOT)))


@pytest.mark.parametrize("name", sorted(SUFFIXES))
def test_golden(name: str, result: LintResult) -> None:
    golden = GOLDEN / f"report.{SUFFIXES[name]}"
    text = render(name, result)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_text_colour_only_when_asked(result: LintResult) -> None:
    assert "\x1b[" not in render("text", result)
    coloured = render("text", result, color=True)
    assert "\x1b[31mCT301\x1b[0m" in coloured


def test_json_shape(result: LintResult) -> None:
    document = json.loads(render("json", result))
    assert set(document) == {"version", "findings", "summary"}
    keys = {"path", "line", "column", "code", "name", "severity", "message", "interaction", "fingerprint"}
    keys.add("value_fingerprint")
    assert all(set(finding) == keys for finding in document["findings"])
    summary = document["summary"]
    assert summary["files"] == 3 and summary["findings"] == 5 and summary["failed"] is True
    assert summary["by_severity"] == {"error": 2, "warning": 2, "info": 1}


def _sarif_validator() -> object:
    if not SARIF_SCHEMA.is_file():
        pytest.skip("the shared SARIF schema is not present")
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def validate_sarif(text: str) -> dict[str, object]:
    validator = _sarif_validator()
    document = json.loads(text)
    errors = sorted(validator.iter_errors(document), key=str)  # type: ignore[attr-defined]
    assert errors == [], errors[:3]
    return document  # type: ignore[no-any-return]


def test_sarif_is_valid_and_complete(result: LintResult) -> None:
    document = validate_sarif(render("sarif", result))
    run = document["runs"][0]  # type: ignore[index]
    rules = run["tool"]["driver"]["rules"]
    assert {rule["id"] for rule in rules} >= {"CT002", "CT301", "CT306", "CT402", "CT405"}
    for rule in rules:
        assert {"id", "name", "shortDescription", "fullDescription", "defaultConfiguration"} <= set(rule)
    for item in run["results"]:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"]["startLine"] >= 1 and location["region"]["startColumn"] >= 1
        assert item["partialFingerprints"]["cassetteToolkit/v1"]


def test_sarif_with_no_findings_is_valid() -> None:
    empty = LintResult(files=("a.yaml",), findings=(), rules=())
    assert validate_sarif(render("sarif", empty))["runs"][0]["results"] == []  # type: ignore[index]


def test_sarif_uris_are_percent_encoded(result: LintResult) -> None:
    odd = result.findings[0]._replace(path=str(ROOT / "tests" / "cassettes" / "test [a b]%.yaml"))
    document = validate_sarif(render("sarif", replace(result, findings=(odd,))))
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]  # type: ignore[index]
    assert uri == "tests/cassettes/test%20%5Ba%20b%5D%25.yaml"


def test_github_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    finding = Finding("x, y:z.yaml", 3, 4, "CT301", "invalid-json-body", "warning", "bad\nbody: 100%")
    text = render("github", LintResult(("x, y:z.yaml",), (finding,), ()))
    assert text.startswith("::warning file=x%2C y%3Az.yaml,line=3,col=4,title=CT301 invalid-json-body::")
    assert text.endswith("::bad%0Abody: 100%25\n")


def test_junit_failures_follow_fail_on(result: LintResult) -> None:
    root = ET.fromstring(render("junit", result))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "6" and suite.get("failures") == "2"
    relaxed = ET.fromstring(render("junit", replace(result, fail_on="info")))
    assert relaxed.find("testsuite").get("failures") == "5"  # type: ignore[union-attr]


def test_junit_escapes_control_characters() -> None:
    finding = Finding("a.yaml", 1, 1, "CT002", "yaml-syntax-error", "error", "found '\x07' <&>")
    text = render("junit", LintResult(("a.yaml",), (finding,), ()))
    ET.fromstring(text)
    assert "\x07" not in text
