"""Comparing two readings of one file: the subset reader against libyaml, the reference."""

from __future__ import annotations

import math
from typing import Any, Literal

from toolkit.read.document import Document, DocumentError, YamlMap, YamlSeq, read_libyaml_document
from toolkit.read.subset import read_subset

Verdict = Literal["identical", "outside", "different"]


def difference(a: Any, b: Any, where: str = "$") -> str | None:
    """Where two positioned values differ (types, values, key order, every position), or None."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, YamlMap):
        if (a.position, list(a), a.value_positions) != (b.position, list(b), b.value_positions):
            return f"{where}: mapping {a.position} {list(a)[:5]} != {b.position} {list(b)[:5]} (or positions)"
        pairs: list[tuple[Any, Any, str]] = [(a[k], b[k], f"{where}.{k}") for k in a]
    elif isinstance(a, YamlSeq):
        if (a.position, len(a), a.item_positions) != (b.position, len(b), b.item_positions):
            return f"{where}: sequence {a.position} {len(a)} != {b.position} {len(b)} (or positions)"
        pairs = [(x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True))]
    elif isinstance(a, float) and math.isnan(a):
        return None if math.isnan(b) else f"{where}: nan != {b!r}"
    else:
        return None if a == b else f"{where}: {a!r:.80} != {b!r:.80}"
    return next((d for x, y, w in pairs if (d := difference(x, y, w)) is not None), None)


def compare(data: bytes) -> tuple[Verdict, str]:
    """Read ``data`` both ways: identical, outside the subset (libyaml reads it), or different (why)."""
    fast = read_subset(data)
    try:
        reference: Document | DocumentError = read_libyaml_document(data)
    except DocumentError as e:
        reference = e
    if fast is None:
        return "outside", ""
    if isinstance(reference, DocumentError):
        return "different", f"libyaml refuses it ({reference.code}: {reference.message})"
    found = difference(reference.root, fast.root)
    if found is None and reference.duplicate_keys != fast.duplicate_keys:
        found = f"duplicate keys {reference.duplicate_keys} != {fast.duplicate_keys}"
    return ("different", found) if found else ("identical", "")
