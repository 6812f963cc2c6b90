"""The source lines under findings (``lint --show-source``), made safe to print.

A finding's line is a line of the file's text: the decompressed text of a ``*.gz`` file, the
raw text of an httprr trace. A line that holds a secret is never printed whole: from the
column of the first secret finding on it (CT2xx), and wherever a token format matches, the
text is replaced by a marker. Lines are clipped around the column, and characters a terminal
would act on are replaced, so that the caret stays under its column.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from toolkit.lint.finding import Finding

__all__ = ["SECRET_MARK", "SourceLine", "build_sources", "clip_line"]

#: What stands for the text of a secret in a printed line.
SECRET_MARK = "[secret not shown]"
#: Characters of a line shown at most; longer lines are clipped around the column.
WIDTH = 100
#: The family of secret rules: their lines are masked from the finding's column on.
_SECRET_FAMILY = "CT2"
#: The most of a compressed file that is decompressed to show its lines.
_MAX_TEXT = 64 * 1024 * 1024

#: A line as printed, and the 1-based column of the caret in it.
SourceLine = tuple[str, int]
ReadBytes = Callable[[str], bytes | None]


def build_sources(findings: Iterable[Finding], read: ReadBytes) -> dict[tuple[str, int], SourceLine]:
    """The printable line under each finding, by ``(path, line)``; ``read`` gives a file's bytes
    (None when it cannot be read: its findings get no source)."""
    wanted: dict[str, dict[int, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in findings:
        wanted[finding.path][finding.line].append(finding)
    sources: dict[tuple[str, int], SourceLine] = {}
    for path, by_line in wanted.items():
        data = read(path)
        if data is None:
            continue
        lines = _text(data, path).splitlines()
        for number, on_line in by_line.items():
            if 1 <= number <= len(lines):
                sources[(path, number)] = _safe(lines[number - 1], on_line)
    return sources


def _text(data: bytes, path: str) -> str:
    if path.endswith(".gz"):
        try:
            data = zlib.decompressobj(wbits=31).decompress(data, _MAX_TEXT)
        except zlib.error:
            return ""
    return data.decode("utf-8", "replace")


def _safe(line: str, findings: list[Finding]) -> SourceLine:
    """The line with its secrets masked, clipped around the first finding's column."""
    column = min(finding.column for finding in findings)
    secret_columns = [f.column for f in findings if f.code.startswith(_SECRET_FAMILY)]
    line = _mask_tokens(line)
    if secret_columns:
        cut = max(min(secret_columns) - 1, 0)
        line = line[:cut] + SECRET_MARK
    return clip_line(_printable(line), column)


def _mask_tokens(line: str) -> str:
    from toolkit.credentials import scan_text

    matches = sorted(scan_text(line), key=lambda match: match.start, reverse=True)
    for match in matches:
        line = line[: match.start] + SECRET_MARK + line[match.end :]
    return line


def _printable(line: str) -> str:
    """One printable character for each character, so that columns stay where they were."""
    return "".join(ch if ch.isprintable() else (" " if ch == "\t" else "?") for ch in line)


def clip_line(line: str, column: int, width: int = WIDTH) -> SourceLine:
    """At most ``width`` characters of ``line`` around ``column`` (1-based), with ``…`` where cut."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 3, len(line) - width))
    end = start + width
    head = "…" if start else ""
    tail = "…" if end < len(line) else ""
    return head + line[start:end] + tail, column - start + len(head)
