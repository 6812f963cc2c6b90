"""Which secrets ``redact`` replaces: the CT201 and CT202 findings that would fail ``lint``.

So the two shipped hooks agree on the same files with the same configuration: a value that
``lint`` does not report, or reports below ``fail-on`` (``select`` / ``ignore``, per-file
ignores, ``allow-values``, the rules' ``ignore-names``, severity overrides) or that the
baseline accepts, is left in place; the recorder would write a project's own placeholder
back on the next recording anyway. Lint's own CT201 / CT202 findings decide, computed from
the secrets redact has already found (the same ``AnalyzedCassette``: no second scan).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.analyze.secrets import Leak
from toolkit.lint.baseline import Baseline
from toolkit.lint.engine import lint_analyzed
from toolkit.lint.finding import severity_rank
from toolkit.lint.settings import LintSettings
from toolkit.redact.plan import LeakChooser

__all__ = ["BLOCKING_CODES", "RedactPolicy"]

#: The rules whose findings redact replaces.
BLOCKING_CODES = frozenset({"CT201", "CT202"})


@dataclass(frozen=True, slots=True)
class RedactPolicy:
    """Lint's settings and baseline, as they apply to redaction."""

    settings: LintSettings = field(default_factory=LintSettings)
    baseline: Baseline | None = None

    def chooser(self, path: str, size: int) -> LeakChooser:
        """The chooser for the file ``path`` of ``size`` bytes."""

        def choose(analyzed: AnalyzedCassette) -> list[Leak]:
            wanted = self._wanted(analyzed, path, size)
            return [
                leak
                for leak in analyzed.leaks()
                if leak.blocking and (*leak.position, leak.match.fingerprint) in wanted
            ]

        return choose

    def _wanted(self, analyzed: AnalyzedCassette, path: str, size: int) -> set[tuple[int, int, str]]:
        rules = tuple(rule for rule in self.settings.enabled() if rule.code in BLOCKING_CODES)
        if not rules:
            return set()
        findings = lint_analyzed(analyzed, size, self.settings, rules, path=path)
        if self.baseline is not None:
            findings = self.baseline.split(findings).kept
        threshold = severity_rank(self.settings.fail_on)
        return {
            (finding.line, finding.column, finding.value_fingerprint or "")
            for finding in findings
            if severity_rank(finding.severity) >= threshold
        }
