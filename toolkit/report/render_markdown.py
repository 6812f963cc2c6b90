"""The report as GitHub-flavoured Markdown: headings, paragraphs and pipe tables."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.frames.summary import Summary
from toolkit.plumbing.printable import printable
from toolkit.report.blocks import build_document
from toolkit.report.elements import Block, Bullets, Charts, Heading, Paragraph, Table
from toolkit.report.options import RenderOptions

__all__ = ["render_markdown"]


def render_markdown(summary: Summary, options: RenderOptions) -> str:
    """The whole report as Markdown; every table is a GFM pipe table."""
    parts = ["\n".join(lines) for lines in map(list, map(_block, build_document(summary))) if lines]
    return "\n\n".join(parts) + "\n"


def _block(block: Block) -> Iterator[str]:
    if isinstance(block, Heading):
        yield f"{'#' * block.level} {block.text}"
    elif isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, Bullets):
        yield from (f"- {item}" for item in block.items)
    elif isinstance(block, Table):
        yield from render_table(block)
    elif isinstance(block, Charts):
        return


def render_table(table: Table) -> Iterator[str]:
    """A GFM table: numeric columns right-aligned, paths and header names as code spans."""
    yield _row(tuple(_cell(h, False) for h in table.headings))
    yield _row(tuple("---:" if right else "---" for right in table.numeric))
    for row in table.rows:
        yield _row(tuple(_cell(cell, code) for cell, code in zip(row, table.code, strict=True)))


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def _cell(text: str, code: bool) -> str:
    """Escape what would end a cell or start markup. In code spans only ``|`` is escaped (GFM
    unescapes ``\\|`` inside table cells before it reads the span). A newline would end the
    row and is shown as an escape, like every control character."""
    text = printable(text)
    if code and text and "`" not in text and not text.startswith("("):
        return "`" + text.replace("|", "\\|") + "`"
    for special in ("\\", "|", "*", "_", "<", "`"):
        text = text.replace(special, "\\" + special)
    return text
