"""``--format junit``: JUnit XML, one test case per finding and one per clean file.

Findings that reach ``--fail-on`` are ``<failure>`` elements (type = the
severity); the others are reported as passing cases with the finding in
``<system-out>``, so the XML agrees with the exit status.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from toolkit.lint.engine import LintResult
from toolkit.lint.finding import Finding, fails
from toolkit.lint.reporters.counts import ReportOptions
from toolkit.plumbing.paths import relative_path
from toolkit.plumbing.printable import printable

__all__ = ["render"]

#: Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """One line, its control characters as escapes (as in the text format: a CI log may show
    the report), less what XML cannot hold."""
    return _NOT_XML.sub("\ufffd", printable(text))


def render(result: LintResult, options: ReportOptions) -> str:
    suite = ET.Element("testsuite", name="cassette-toolkit lint")
    failures = 0
    with_findings = {finding.path for finding in result.findings}
    for finding in result.findings:
        failed = fails(finding.severity, result.fail_on)
        failures += failed
        suite.append(_case(finding, failed, options.base))
    for path in result.files:
        if path not in with_findings:
            ET.SubElement(suite, "testcase", classname=_xml(relative_path(path, options.base)), name="lint")
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    root = ET.Element("testsuites", name="cassette-toolkit", tests=str(len(suite)), failures=str(failures))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(finding: Finding, failed: bool, base: str) -> ET.Element:
    path = _xml(relative_path(finding.path, base))
    message = _xml(finding.message)
    case = ET.Element(
        "testcase",
        classname=path,
        name=f"{finding.code} {finding.name} {path}:{finding.line}:{finding.column}",
    )
    text = f"{path}:{finding.line}:{finding.column}: {finding.code} {message}"
    if failed:
        failure = ET.SubElement(case, "failure", type=finding.severity, message=message)
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case
