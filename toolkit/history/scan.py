"""The secrets of every cassette version in a range of git history, each at the commit that added it.

A key committed last year and removed since is still in the repository, and still leaked:
that is what a security review asks about. Each cassette version (blob) that the commits of
the range wrote is read from git once (``toolkit.history.git_objects``) and linted with the
CT2 rules (the run's selection and options apply). A secret is reported once per file path,
at the oldest commit whose version of that file holds it, as ``COMMIT:PATH`` (what ``git show``
takes) with the line and column in that version, and says whether the range's last commit
still holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.history.git_objects import BlobReader, Change, list_changes, list_tree
from toolkit.lint.engine import lint_data
from toolkit.lint.finding import Finding
from toolkit.lint.rule import Rule
from toolkit.lint.settings import LintSettings
from toolkit.read.walk.sniff import FOREIGN, HEAD_BYTES, read_verdict

__all__ = ["HistoryScan", "scan_history"]

#: Commit ids are shown this long (as ``git log --abbrev=12`` would).
SHORT_ID = 12

_Key = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class HistoryScan:
    """The findings of a history scan, oldest commit first, and what was read to find them."""

    findings: tuple[Finding, ...]
    #: Each cassette version scanned, as ``COMMIT:PATH`` of the first commit that wrote it.
    files: tuple[str, ...]
    commits: int
    versions: int
    blobs_read: int
    rules: tuple[Rule, ...]


def _key(path: str, finding: Finding) -> _Key:
    return (path, finding.code, finding.value_fingerprint or finding.fingerprint)


def _tip(revisions: str) -> str | None:
    """The last commit of a range (``A..B`` is B, a single revision itself); None when the
    range names several tips (``A...B``, options such as ``--all``)."""
    words = revisions.split()
    if len(words) != 1 or "..." in words[0] or words[0].startswith(("-", "^")):
        return None
    return words[0].rpartition("..")[2] or "HEAD"


def _scan_blob(
    data: bytes, change: Change, settings: LintSettings, rules: tuple[Rule, ...]
) -> tuple[Finding, ...]:
    if read_verdict(data[:HEAD_BYTES]) == FOREIGN and not change.path.endswith(".gz"):
        return ()  # a package manifest, a CI workflow: no recorder wrote it
    return lint_data(data, change.path, settings, rules)


def scan_history(
    cwd: str, revisions: str, settings: LintSettings, pathspecs: tuple[str, ...] = ()
) -> HistoryScan:
    """Lint with the CT2 rules every cassette version the commits of ``revisions`` wrote."""
    changes = list_changes(cwd, revisions, pathspecs)
    first: dict[str, dict[str, Change]] = {}
    for change in changes:  # oldest commit first: the first to write a blob at a path added it
        first.setdefault(change.blob, {}).setdefault(change.path, change)
    rules = tuple(rule for rule in settings.enabled() if rule.code.startswith("CT2"))
    found: list[tuple[Change, Finding]] = []
    keys_by_blob: dict[str, set[_Key]] = {}
    seen: set[_Key] = set()
    with BlobReader(cwd) as reader:
        for blob, writes in first.items():
            findings = _scan_blob(reader.read(blob), next(iter(writes.values())), settings, rules)
            keys_by_blob[blob] = {_key(path, finding) for path in writes for finding in findings}
            for change in writes.values():  # the same version written at several paths (copies)
                for finding in findings:
                    if _key(change.path, finding) not in seen:
                        seen.add(_key(change.path, finding))
                        found.append((change, finding))
        reads = reader.reads
    still = _still_held(cwd, revisions, keys_by_blob)
    commits = len({change.commit for change in changes})
    order: dict[Change, int] = {}
    for index, change in enumerate(changes):
        order.setdefault(change, index)
    found.sort(key=lambda pair: order[pair[0]])
    reported = tuple(_placed(change, finding, still) for change, finding in found)
    files = tuple(
        f"{change.commit[:SHORT_ID]}:{change.path}" for writes in first.values() for change in writes.values()
    )
    return HistoryScan(reported, files, commits, len(changes), reads, rules)


def _still_held(cwd: str, revisions: str, keys_by_blob: dict[str, set[_Key]]) -> set[_Key] | None:
    """The findings the range's last commit still holds; None when that is not known."""
    tip = _tip(revisions)
    if tip is None:
        return None
    held: set[_Key] = set()
    for blob in list_tree(cwd, tip).values():
        held |= keys_by_blob.get(blob, set())
    return held


def _placed(change: Change, finding: Finding, still: set[_Key] | None) -> Finding:
    if still is None:
        note = ""
    elif _key(change.path, finding) in still:
        note = "; still in the last commit"
    else:
        note = "; removed by a later commit, still in the history"
    return finding._replace(
        path=f"{change.commit[:SHORT_ID]}:{change.path}",
        message=f"{finding.message} (added in commit {change.commit[:SHORT_ID]}{note})",
    )
