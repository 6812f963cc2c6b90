"""The lint engine: one file in, findings out; many files, in order, optionally in parallel.

``lint_file`` never raises for a bad file: the reader turns unreadable input
into CT0xx problems, and a rule that raises becomes a ``CT099`` finding. The
engine, not the rules, stamps each finding with its code, name, severity,
path and fingerprint. Files are independent, so they can be linted in worker
processes; results come back in a fixed order whatever ``jobs`` is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.lint.finding import FailOn, Finding, Hit, Severity, fails
from toolkit.lint.locate import fingerprint, interaction_anchors
from toolkit.lint.rule import LintContext, Rule
from toolkit.lint.rules import INTERNAL_ERROR
from toolkit.lint.selection import is_selected
from toolkit.lint.settings import LintSettings
from toolkit.model import Cassette
from toolkit.plumbing.parallel import ordered_map
from toolkit.read.document import START, Position
from toolkit.read.files import discover, read_sized_file
from toolkit.read.parse import Parsed, parse_cassette
from toolkit.read.walk import WalkOptions

if TYPE_CHECKING:
    from toolkit.lint.baseline import BaselineEntry

__all__ = ["LintResult", "lint_analyzed", "lint_data", "lint_file", "lint_input", "lint_parsed", "lint_paths"]


@dataclass(frozen=True, slots=True)
class LintResult:
    """The findings of a run, sorted by path, line, column and code, and what produced them."""

    files: tuple[str, ...]
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]
    fail_on: FailOn = "error"
    suppressed: int = 0
    severities: Mapping[str, Severity] = field(default_factory=dict)
    #: Baseline entries that matched nothing in files this run covered.
    stale_baseline: tuple[BaselineEntry, ...] = ()
    #: Whether stale baseline entries fail the run.
    fail_on_stale: bool = False

    def severity_of(self, rule: Rule) -> Severity:
        """The severity ``rule``'s findings had in this run (overrides applied)."""
        return self.severities.get(rule.code, rule.severity)

    @property
    def failed(self) -> bool:
        """Whether a finding reaches the ``fail_on`` severity (exit status 1); never with ``never``."""
        if self.fail_on == "never":
            return False
        if self.fail_on_stale and self.stale_baseline:
            return True
        return any(fails(f.severity, self.fail_on) for f in self.findings)


def lint_file(
    path: str, settings: LintSettings, rules: tuple[Rule, ...] | None = None
) -> tuple[Finding, ...]:
    """Read and lint one file."""
    try:
        parsed, size = read_sized_file(path)
    except Exception as e:  # the reader never raises for bad input; this is a bug, not a crash
        context = LintContext(path, AnalyzedCassette(Cassette(path, "unknown")), 0)
        hit = Hit(START, f"reading the file failed with {type(e).__name__}; please report it", None, "read")
        return _findings(path, [(INTERNAL_ERROR, hit)], context, settings)
    return lint_parsed(parsed, size, settings, rules)


def lint_data(
    data: bytes, path: str, settings: LintSettings, rules: tuple[Rule, ...] | None = None
) -> tuple[Finding, ...]:
    """Lint the bytes of a file named ``path`` (no I/O: for tests, docs examples and editors)."""
    return lint_parsed(parse_cassette(data, path), len(data), settings, rules)


def lint_parsed(
    parsed: Parsed, size: int, settings: LintSettings, rules: tuple[Rule, ...] | None = None
) -> tuple[Finding, ...]:
    """Run the enabled rules on a parsed file and stamp their hits."""
    return lint_analyzed(AnalyzedCassette.of(parsed), size, settings, rules)


def lint_analyzed(
    analyzed: AnalyzedCassette,
    size: int,
    settings: LintSettings,
    rules: tuple[Rule, ...] | None = None,
    *,
    path: str | None = None,
) -> tuple[Finding, ...]:
    """``lint_parsed`` on a file whose readings are shared with the caller (``redact``'s), so that
    the rules reuse what was already read.

    ``path`` names the file when the cassette was read under another name (the text of a
    ``*.gz`` file).
    """
    path = path or analyzed.cassette.path
    chosen = settings.rules_for(path, rules if rules is not None else settings.enabled())
    context = LintContext(path, analyzed, size)
    hits: list[tuple[Rule, Hit]] = []
    for rule in chosen:
        hits.extend(_run(rule, context, settings))
    hits.extend(
        (INTERNAL_ERROR, Hit(Position(p.line, p.column), p.message, p.interaction, "read"))
        for p in analyzed.failures
    )
    if not is_selected(INTERNAL_ERROR.code, settings.select, settings.ignore):
        hits = [pair for pair in hits if pair[0] is not INTERNAL_ERROR]
    return _findings(path, hits, context, settings)


def _run(rule: Rule, context: LintContext, settings: LintSettings) -> list[tuple[Rule, Hit]]:
    try:
        return [(rule, hit) for hit in rule.check(context, settings.options_of(rule))]
    except Exception as e:  # a rule's bug must be a finding, never a crash of the whole run
        message = (
            f"rule {rule.code} ({rule.name}) failed on this file with {type(e).__name__}; please report it"
        )
        return [(INTERNAL_ERROR, Hit(START, message, None, f"rule {rule.code}"))]


def _findings(
    path: str, hits: list[tuple[Rule, Hit]], context: LintContext, settings: LintSettings
) -> tuple[Finding, ...]:
    if not hits:
        return ()
    hits.sort(key=lambda pair: (pair[1].position, pair[0].code, pair[1].message))
    anchors = interaction_anchors(context.cassette.interactions)
    seen: Counter[tuple[str, str, str]] = Counter()
    findings: list[Finding] = []
    for rule, hit in hits:
        anchor = _anchor(hit.interaction, anchors)
        identity = (rule.code, anchor, hit.key)
        seen[identity] += 1
        findings.append(
            Finding(
                path=path,
                line=hit.position.line,
                column=hit.position.column,
                code=rule.code,
                name=rule.name,
                severity=settings.severity_of(rule),
                message=hit.message,
                interaction=hit.interaction,
                fingerprint=fingerprint(rule.code, anchor, hit.key, seen[identity]),
                value_fingerprint=hit.value_fingerprint,
            )
        )
    return tuple(findings)


def _anchor(index: int | None, anchors: dict[int, str]) -> str:
    if index is None:
        return "file"
    return anchors.get(index, f"item {index}")


def lint_paths(
    paths: Iterable[str], settings: LintSettings, *, jobs: int | None = None, walk: WalkOptions | None = None
) -> LintResult:
    """Lint files and folders (walked recursively for cassette files, as ``walk`` says).

    ``jobs``: worker processes; None uses one per CPU for large inputs. The findings are
    the same, in the same order, whatever it is.
    """
    files = sorted(set(discover(paths, walk)))
    work = partial(lint_file, settings=settings)
    per_file = ordered_map(work, files, jobs, preload=["toolkit.lint.engine"])
    findings = [f for file_findings in per_file for f in file_findings]
    rules = settings.enabled()
    severities = {rule.code: settings.severity_of(rule) for rule in rules}
    return LintResult(tuple(files), tuple(findings), rules, settings.fail_on, 0, severities)


def lint_input(
    data: bytes, path: str, settings: LintSettings, *, walk: WalkOptions | None = None
) -> LintResult:
    """Lint the bytes of one file read from elsewhere (standard input), reported as ``path``.

    ``path`` is matched as a file named on the command line would be: per-file ignores apply
    to it, and with ``force_exclude`` an excluded path is not linted at all.
    """
    files = tuple(discover((path,), walk))
    findings = lint_data(data, files[0], settings) if files else ()
    rules = settings.enabled()
    severities = {rule.code: settings.severity_of(rule) for rule in rules}
    return LintResult(files, findings, rules, settings.fail_on, 0, severities)
