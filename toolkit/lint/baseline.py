"""A baseline of accepted findings: written once, then those findings are not reported again.

Two kinds of entries (file format version 2):

* ``secrets``: a secret finding (CT2xx) is accepted by its code and the fingerprint of its
  value, in any file: a cassette recorded again, or a new one, that carries an accepted
  placeholder or test key passes. ``paths`` records where the value was when it was
  accepted, for review and to tell when the entry has gone stale;
* ``findings``: any other finding is accepted by its path (relative to the baseline file's
  folder, with ``/``), code and fingerprint, never by line: recorders rewrite cassettes, and
  the fingerprint survives that.

An entry that matched nothing in a run is *stale* when the run covered it: the files it
names were linted (or are gone). Version 1 files (every entry by path, secrets included)
are read as they were meant; writing the accepted findings again gives version 2. The JSON
is sorted and indented so that a change to the baseline is a clean diff.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from toolkit.lint.errors import BaselineError
from toolkit.lint.finding import Finding
from toolkit.plumbing.paths import relative_path

__all__ = [
    "VERSION",
    "Baseline",
    "BaselineEntry",
    "BaselineSplit",
    "read_baseline",
    "render_baseline",
    "write_baseline",
]

VERSION = 2

PlaceKey = tuple[str, str, str]  # path, code, fingerprint
ValueKey = tuple[str, str]  # code, value fingerprint


class BaselineEntry(NamedTuple):
    """One accepted finding: by ``path`` and place ``fingerprint``, or (``path`` None) by value."""

    code: str
    fingerprint: str
    path: str | None = None

    def describe(self) -> str:
        if self.path is None:
            return f"{self.code} secret with value fingerprint {self.fingerprint} (in any file)"
        return f"{self.path}: {self.code} fingerprint {self.fingerprint}"

    def as_json(self) -> dict[str, str]:
        if self.path is None:
            return {"code": self.code, "value_fingerprint": self.fingerprint}
        return {"code": self.code, "fingerprint": self.fingerprint, "path": self.path}


class BaselineSplit(NamedTuple):
    """Findings the baseline does not accept, those it accepts, and its entries that matched nothing."""

    kept: tuple[Finding, ...]
    accepted: tuple[Finding, ...]
    stale: tuple[BaselineEntry, ...]


@dataclass(frozen=True, slots=True)
class Baseline:
    """Accepted findings by place (a multiset) and by value, and the folder paths are relative to."""

    places: Counter[PlaceKey]
    values: Mapping[ValueKey, tuple[str, ...]]
    base: str
    version: int = VERSION

    def split(self, findings: Iterable[Finding], linted: Iterable[str] = ()) -> BaselineSplit:
        """Sort ``findings`` into kept and accepted; ``linted`` files say which entries are stale."""
        remaining = Counter(self.places)
        matched: set[ValueKey] = set()
        kept: list[Finding] = []
        accepted: list[Finding] = []
        for finding in findings:
            value = (finding.code, finding.value_fingerprint or "")
            place = (relative_path(finding.path, self.base), finding.code, finding.fingerprint)
            if finding.value_fingerprint and value in self.values:
                matched.add(value)
                accepted.append(finding)
            elif remaining[place] > 0:
                remaining[place] -= 1
                accepted.append(finding)
            else:
                kept.append(finding)
        return BaselineSplit(tuple(kept), tuple(accepted), self._stale(remaining, matched, linted))

    def _stale(
        self, remaining: Counter[PlaceKey], matched: set[ValueKey], linted: Iterable[str]
    ) -> tuple[BaselineEntry, ...]:
        covered = {relative_path(path, self.base) for path in linted}

        def is_covered(path: str) -> bool:
            return path in covered or not os.path.lexists(os.path.join(self.base, path))

        stale = [
            BaselineEntry(code, fingerprint, path)
            for (path, code, fingerprint), count in sorted(remaining.items())
            if count > 0 and is_covered(path)
            for _ in range(count)
        ]
        stale.extend(
            BaselineEntry(code, value)
            for (code, value), paths in sorted(self.values.items())
            if (code, value) not in matched and paths and all(is_covered(path) for path in paths)
        )
        return tuple(stale)


def read_baseline(path: str) -> Baseline:
    """Read a baseline file (version 1 or 2); a missing or malformed file is a ``BaselineError``."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineError(f"cannot read the baseline: {e}", path) from e
    except json.JSONDecodeError as e:
        raise BaselineError(f"the baseline is not valid JSON: {e.msg}", path, e.lineno, e.colno) from e
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError("the baseline has no 'findings' list", path)
    version = data.get("version", 1)
    if version not in (1, VERSION):
        raise BaselineError(f"baseline version {version!r} is not one this version reads (1 or 2)", path)
    places: Counter[PlaceKey] = Counter(_place(entry, path) for entry in data["findings"])
    values = dict(_value(entry, path) for entry in data.get("secrets", []))
    return Baseline(places, values, str(Path(path).resolve().parent), version)


def _place(entry: Any, path: str) -> PlaceKey:
    if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in _PLACE_FIELDS):
        raise BaselineError("a baseline finding needs 'path', 'code' and 'fingerprint' strings", path)
    return entry["path"], entry["code"], entry["fingerprint"]


def _value(entry: Any, path: str) -> tuple[ValueKey, tuple[str, ...]]:
    fields_ok = isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in _VALUE_FIELDS)
    paths = entry.get("paths", []) if isinstance(entry, dict) else None
    if not fields_ok or not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise BaselineError(
            "a baseline secret needs 'code' and 'value_fingerprint' strings and a 'paths' list", path
        )
    return (entry["code"], entry["value_fingerprint"]), tuple(paths)


_PLACE_FIELDS = ("path", "code", "fingerprint")
_VALUE_FIELDS = ("code", "value_fingerprint")


def render_baseline(findings: Iterable[Finding], base: str) -> str:
    """The baseline file's text (version 2) for ``findings``, sorted for clean diffs."""
    places: list[PlaceKey] = []
    values: dict[ValueKey, set[str]] = {}
    for finding in findings:
        path = relative_path(finding.path, base)
        if finding.value_fingerprint:
            values.setdefault((finding.code, finding.value_fingerprint), set()).add(path)
        else:
            places.append((path, finding.code, finding.fingerprint))
    data = {
        "version": VERSION,
        "findings": [dict(zip(_PLACE_FIELDS, entry, strict=True)) for entry in sorted(places)],
        "secrets": [
            {"code": code, "value_fingerprint": value, "paths": sorted(paths)}
            for (code, value), paths in sorted(values.items())
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def write_baseline(path: str, findings: Iterable[Finding]) -> int:
    """Write the baseline for ``findings`` atomically; returns how many findings it accepts."""
    from toolkit.plumbing.atomic import write_atomically  # tempfile: only when writing

    findings = list(findings)
    base = str(Path(path).resolve().parent)
    try:
        write_atomically(path, render_baseline(findings, base).encode("utf-8"))
    except OSError as e:
        raise BaselineError(f"cannot write the baseline: {e.strerror or e}", path) from e
    return len(findings)
