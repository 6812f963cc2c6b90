"""The elements a human report is made of: headings, paragraphs, bullets, tables and charts.

``toolkit.report.blocks`` (the whole report) and ``toolkit.report.brief`` (its one-screen
summary) build them; the text, Markdown and HTML renderers lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Block", "Bullets", "Charts", "Heading", "Paragraph", "Table"]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """Cells as text. ``numeric`` columns align right; ``code`` columns hold paths or header names."""

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    code: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class Charts:
    """A section of charts, by name (keys of ``toolkit.report.charts.CHARTS``): only the HTML
    report draws it."""

    title: str
    charts: tuple[str, ...]


Block = Heading | Paragraph | Bullets | Table | Charts
