"""``cassette-toolkit redact``: the command's work, once the click command has filled a request.

Modes: write (the default), ``check`` (say what would change, exit 1 if anything would) and
``diff`` (print a unified diff of what would change, exit 1 if anything would). Nothing is
written in the last two. Output names each secret by line, kind and ``display``; in a diff,
the removed lines show a mask where the secret was, never the secret. The configuration and
baseline are lint's: files are found as lint finds them, and a secret lint would not fail on
is left alone (``toolkit.redact.policy``).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.analyze.secrets import Leak
from toolkit.commands.outcome import EXIT_FAILED, EXIT_OK, Outcome
from toolkit.lint.config.file import FileConfig, configured_baseline, load_config
from toolkit.lint.config.walking import WalkFlags, build_walk_options
from toolkit.plumbing.paths import relative_path
from toolkit.plumbing.printable import printable
from toolkit.read.files import discover
from toolkit.redact.files import FileError, read_original, read_text, write_text
from toolkit.redact.plan import Redaction, redact_text
from toolkit.redact.substitute import replace_all, written_spellings

if TYPE_CHECKING:
    from toolkit.redact.policy import RedactPolicy

__all__ = ["RedactRequest", "execute"]


@dataclass(frozen=True, slots=True)
class RedactRequest:
    """What the command line asked for."""

    paths: tuple[str, ...]
    check: bool = False
    diff: bool = False
    cwd: str = "."
    config: str | None = None
    isolated: bool = False
    baseline: str | None = None
    walk: WalkFlags = field(default_factory=WalkFlags)


def execute(request: RedactRequest) -> Outcome:
    """Redact (or check, or diff) every cassette under ``request.paths``.

    A configuration or baseline that cannot be read raises ``LintUsageError``.
    """
    config = load_config(request.config, isolated=request.isolated, cwd=request.cwd)
    policy = _policy(config, request.baseline or configured_baseline(config))
    lines: list[str] = []
    changed = failed = replaced = left_alone = 0
    files = sorted(set(discover(request.paths, build_walk_options(config, request.walk))))
    for path in files:
        shown = printable(relative_path(path, request.cwd))
        try:
            original = read_original(path)
            data = read_text(path, original)
            result = redact_text(data, path, policy.chooser(path, len(data)) if policy else None)
            if result.changed and not (request.check or request.diff):
                write_text(path, result.after, original)
        except FileError as e:
            lines.append(f"{shown}: error: {e}")
            failed += 1
            continue
        except Exception as e:  # a bug: this file is left as it was, and said so; the run goes on
            lines.append(f"{shown}: error: redacting failed with {type(e).__name__}; please report it")
            failed += 1
            continue
        lines.extend(_report(shown, result, request))
        changed += result.changed
        replaced += len(result.redacted) if result.changed else 0
        failed += bool(result.problem or result.remaining or result.unscanned)
        left_alone += result.left_alone
    lines.append(_summary(request, changed, replaced, failed, len(files)) + _left_alone(left_alone))
    would_change = (request.check or request.diff) and changed > 0
    return Outcome(EXIT_FAILED if failed or would_change else EXIT_OK, "".join(f"{line}\n" for line in lines))


def _policy(config: FileConfig, baseline: str | None) -> RedactPolicy | None:
    """Lint's settings and baseline; None without a configuration file or baseline.

    Without them lint reports every blocking secret, which is what ``redact_text`` replaces by
    default: the rule registry and the engine are then not imported (a faster hook).
    """
    if config.path is None and baseline is None:
        return None
    from toolkit.lint.baseline import read_baseline
    from toolkit.lint.settings import CommandLine, build_settings
    from toolkit.redact.policy import RedactPolicy

    return RedactPolicy(build_settings(config, CommandLine()), read_baseline(baseline) if baseline else None)


def _report(shown: str, result: Redaction, request: RedactRequest) -> Iterator[str]:
    verb = "would replace" if request.check or request.diff else "replaced"
    if result.problem:
        yield f"{shown}: error: {result.problem}"
    elif result.changed:
        for leak in result.redacted:
            line, column = leak.position
            yield f"{shown}:{line}:{column}: {verb} {leak.match.kind} ({leak.match.display})"
        if result.lengths_updated:
            yield f"{shown}: updated {result.lengths_updated} recorded length(s) of re-compressed bodies"
        if request.diff:
            yield from _diff(shown, result)
    for leak in result.remaining:
        line, column = leak.position
        yield f"{shown}:{line}:{column}: error: could not replace {leak.match.kind} ({leak.match.display})"
    for problem in result.unscanned:
        yield f"{shown}:{problem.line}:{problem.column}: error: {problem.message}"


def _diff(shown: str, result: Redaction) -> Iterator[str]:
    before = _masked(result.before.decode("utf-8", "replace"), result.redacted)
    after = result.after.decode("utf-8", "replace")
    old, new = (shown, shown) if os.path.isabs(shown) else (f"a/{shown}", f"b/{shown}")
    yield from difflib.unified_diff(before.splitlines(), after.splitlines(), old, new, lineterm="")


def _masked(text: str, leaks: tuple[Leak, ...]) -> str:
    """The text with every spelling of each secret shown as ``[secret KIND DISPLAY]``."""
    pairs = [
        (spelling, f"[secret {leak.match.kind} {leak.match.display}]")
        for leak in leaks
        for spelling in written_spellings(text, leak.secret, ("json", "url"))
    ]
    return replace_all(text, pairs)


def _left_alone(count: int) -> str:
    if not count:
        return ""
    return f" Left {count} secret{'s' * (count != 1)} that the configuration or baseline accepts."


def _summary(request: RedactRequest, changed: int, replaced: int, failed: int, total: int) -> str:
    files = f"{changed} of {total} file{'s' * (total != 1)}"
    if request.check or request.diff:
        head = f"{replaced} secret{'s' * (replaced != 1)} would be replaced in {files}"
    else:
        head = f"Replaced {replaced} secret{'s' * (replaced != 1)} in {files}"
    return (
        head + (f"; {failed} file{'s' * (failed != 1)} could not be fully redacted" if failed else "") + "."
    )
