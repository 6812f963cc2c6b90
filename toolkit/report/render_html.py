"""The report as one self-contained HTML file: inline CSS and SVG charts, no scripts, no requests.

A Content-Security-Policy of ``default-src 'none'`` (inline styles allowed)
makes a browser refuse any network request the page might make, so the file
works offline and leaks nothing when opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import escape

from toolkit.frames.summary import Summary
from toolkit.report.blocks import build_document
from toolkit.report.charts import render_chart
from toolkit.report.elements import Block, Bullets, Charts, Heading, Paragraph, Table
from toolkit.report.options import RenderOptions

__all__ = ["render_html"]

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body { margin: 0; color: #1f2328; background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 24px 48px; }
h1 { font-size: 26px; margin: 8px 0 4px; }
h2 { font-size: 20px; margin: 32px 0 6px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
nav { font-size: 13px; margin: 8px 0 16px; }
nav a { margin-right: 12px; color: #0969da; text-decoration: none; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: 1px 4px; border-radius: 4px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; margin: 4px 0 8px; }
th, td { border: 1px solid #d0d7de; padding: 3px 8px; white-space: nowrap; }
th { background: #f6f8fa; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 16px 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
p code, li code { overflow-wrap: anywhere; }
@media print { nav { display: none; } }
"""


def render_html(summary: Summary, options: RenderOptions) -> str:
    """The whole report as an HTML document (UTF-8)."""
    blocks = build_document(summary)
    anchors = _anchors(blocks)
    navigation = _navigation(blocks, anchors)
    body = "\n".join(
        part
        for i, block in enumerate(blocks)
        for part in _block(block, summary, anchors.get(i, ""), navigation)
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>Cassette audit</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            "<main>",
            body,
            "</main>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _block(block: Block, summary: Summary, anchor: str, navigation: str) -> Iterator[str]:
    """``anchor``: the block's id (a heading's); ``navigation``: the links under the title."""
    if isinstance(block, Heading):
        yield f'<h{block.level} id="{anchor}">{escape(block.text)}</h{block.level}>'
        if block.level == 1:
            yield navigation
    elif isinstance(block, Paragraph):
        yield f"<p>{_inline(block.text)}</p>"
    elif isinstance(block, Bullets):
        yield "<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in block.items) + "</ul>"
    elif isinstance(block, Table):
        yield _table(block)
    elif isinstance(block, Charts):
        yield f'<h2 id="{anchor}">{escape(block.title)}</h2>'
        for chart in block.charts:
            svg = render_chart(chart, summary)
            yield f'<figure class="chart" id="chart-{chart}">{svg}</figure>'


def _navigation(blocks: list[Block], anchors: dict[int, str]) -> str:
    links = "".join(
        f'<a href="#{anchors[i]}">{escape(_title(block))}</a>'
        for i, block in enumerate(blocks)
        if _is_section(block) and not (isinstance(block, Heading) and block.level == 1)
    )
    return f"<nav>{links}</nav>"


def _anchors(blocks: list[Block]) -> dict[int, str]:
    """Each heading's id, by its index in ``blocks``, unique in the page: a section (a level 1
    or 2 heading, the charts) is its title's; a heading inside one whose title a section or an
    earlier heading already has (the summary's "Latency") puts its section's id before it."""
    anchors = {i: _anchor(_title(block)) for i, block in enumerate(blocks) if _is_section(block)}
    taken = set(anchors.values())
    section = ""
    for i, block in enumerate(blocks):
        if i in anchors:
            section = anchors[i]
        elif isinstance(block, Heading):
            anchor = _anchor(block.text)
            if anchor in taken:
                anchor = f"{section}-{anchor}"
            while anchor in taken:
                anchor += "-"
            taken.add(anchor)
            anchors[i] = anchor
    return anchors


def _is_section(block: Block) -> bool:
    return isinstance(block, Charts) or (isinstance(block, Heading) and block.level <= 2)


def _title(block: Block) -> str:
    return block.title if isinstance(block, Charts) else block.text if isinstance(block, Heading) else ""


def _table(table: Table) -> str:
    head = "".join(
        f"<th{_class(numeric)}>{escape(h)}</th>"
        for h, numeric in zip(table.headings, table.numeric, strict=True)
    )
    rows = []
    for row in table.rows:
        cells = (
            f"<td{_class(numeric)}>{_cell(cell, code)}</td>"
            for cell, numeric, code in zip(row, table.numeric, table.code, strict=True)
        )
        rows.append(f"<tr>{''.join(cells)}</tr>")
    table_html = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return f'<div class="scroll">{table_html}</div>'


def _class(numeric: bool) -> str:
    return ' class="n"' if numeric else ""


def _cell(text: str, code: bool) -> str:
    return f"<code>{escape(text)}</code>" if code and text and not text.startswith("(") else escape(text)


def _inline(text: str) -> str:
    """Escape, then turn `code` spans into ``<code>`` elements."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def _anchor(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
