"""The report as terminal text: underlined headings, wrapped paragraphs, aligned tables."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from toolkit.frames.summary import Summary
from toolkit.plumbing.printable import printable
from toolkit.report.blocks import build_document
from toolkit.report.elements import Block, Bullets, Charts, Heading, Paragraph, Table
from toolkit.report.options import RenderOptions

__all__ = ["render_text"]

WIDTH = 100
_GAP = "  "


def render_text(summary: Summary, options: RenderOptions) -> str:
    """The report as plain text (ASCII apart from the paths and names it quotes, and ``…``): its
    one-screen summary, and with ``options.detail`` every table after it."""
    lines: list[str] = []
    for block in build_document(summary, missing="-", detail=options.detail):
        block_lines = list(_block(block))
        if block_lines:
            if lines:
                lines.append("")
            lines.extend(block_lines)
    return "\n".join(lines) + "\n"


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Heading):
        yield from _heading(Heading(block.level, printable(block.text)))
    elif isinstance(block, Paragraph):
        yield from textwrap.wrap(_plain(block.text), WIDTH, break_on_hyphens=False)
    elif isinstance(block, Bullets):
        for item in block.items:
            yield from textwrap.wrap(
                _plain(item), WIDTH, initial_indent="- ", subsequent_indent="  ", break_on_hyphens=False
            )
    elif isinstance(block, Table):
        yield from render_table(block)
    elif isinstance(block, Charts):
        return


def _heading(heading: Heading) -> Iterator[str]:
    yield heading.text
    if heading.level == 1:
        yield "=" * len(heading.text)
    elif heading.level == 2:
        yield "-" * len(heading.text)


def render_table(table: Table) -> Iterator[str]:
    """Columns padded to their widest cell; numbers right-aligned; a dashed rule under the headings.

    A cell shows its control characters as escapes: a newline would break the row, and an
    escape sequence from a model name or a file name would reach the terminal.
    """
    table = Table(
        table.headings,
        tuple(tuple(printable(cell) for cell in row) for row in table.rows),
        table.numeric,
        table.code,
    )
    widths = [len(h) for h in table.headings]
    for row in table.rows:
        widths = [max(w, len(cell)) for w, cell in zip(widths, row, strict=True)]
    yield _row(table.headings, widths, table.numeric)
    yield _GAP.join("-" * w for w in widths)
    for row in table.rows:
        yield _row(row, widths, table.numeric)


def _row(cells: tuple[str, ...], widths: list[int], numeric: tuple[bool, ...]) -> str:
    padded = (
        cell.rjust(w) if right else cell.ljust(w)
        for cell, w, right in zip(cells, widths, numeric, strict=True)
    )
    return _GAP.join(padded).rstrip()


def _plain(text: str) -> str:
    return printable(text.replace("`", ""))
