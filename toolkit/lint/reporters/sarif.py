"""``--format sarif``: SARIF 2.1.0 (OASIS), one run, with rule metadata and partial fingerprints.

Shape per SARIF 2.1.0: ``runs[0].tool.driver.rules[]`` describe every rule
that ran or reported (id, name, short and full description, help, default
level); ``results[]`` carry ruleId/ruleIndex, level, message, one physical
location (artifact URI relative to the base folder, 1-based start line and
column) and ``partialFingerprints`` so code-scanning services keep an alert's
identity when the cassette is re-recorded. Baseline entries that matched
nothing are listed in the run's property bag (``staleBaselineEntries``), SARIF's
place for tool-specific data (3.8).
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from toolkit import __version__
from toolkit.lint.engine import LintResult
from toolkit.lint.finding import Finding, Severity
from toolkit.lint.reporters.counts import ReportOptions
from toolkit.lint.rule import Rule
from toolkit.lint.rules import RULE_BY_CODE
from toolkit.plumbing.paths import relative_path

__all__ = ["FINGERPRINT_KEY", "render"]

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "cassetteToolkit/v1"
_LEVELS: dict[Severity, str] = {"error": "error", "warning": "warning", "info": "note"}


def render(result: LintResult, options: ReportOptions) -> str:
    rules = _rules(result)
    index = {rule.code: number for number, rule in enumerate(rules)}
    run = {
        "tool": {
            "driver": {
                "name": "cassette-toolkit",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rule, result) for rule in rules],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(finding, index[finding.code], options.base) for finding in result.findings],
    }
    if result.stale_baseline:
        run["properties"] = {"staleBaselineEntries": [entry.as_json() for entry in result.stale_baseline]}
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, sort_keys=True) + "\n"


def _rules(result: LintResult) -> list[Rule]:
    codes = {rule.code for rule in result.rules} | {finding.code for finding in result.findings}
    return [RULE_BY_CODE[code] for code in sorted(codes) if code in RULE_BY_CODE]


def _descriptor(rule: Rule, result: LintResult) -> dict[str, Any]:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": f"{rule.docs.why} Seen: {rule.docs.seen}"},
        "defaultConfiguration": {"level": _LEVELS[result.severity_of(rule)]},
    }


def _result(finding: Finding, rule_index: int, base: str) -> dict[str, Any]:
    region = {"startLine": finding.line, "startColumn": finding.column}
    location = {"physicalLocation": {"artifactLocation": {"uri": _uri(finding.path, base)}, "region": region}}
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }


def _uri(path: str, base: str) -> str:
    relative = relative_path(path, base)
    if relative.startswith("/"):
        return "file://" + quote(os.fsencode(relative))
    return quote(os.fsencode(relative))  # a name that is not UTF-8 keeps its bytes (RFC 3986 2.1)
