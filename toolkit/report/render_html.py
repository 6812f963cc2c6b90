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
from toolkit.report.blocks import Block, Bullets, Charts, Heading, Paragraph, Table, build_document
from toolkit.report.charts import render_chart
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
@media print { nav { display: none; } }
"""


def render_html(summary: Summary, options: RenderOptions) -> str:
    """The whole report as an HTML document (UTF-8)."""
    blocks = build_document(summary)
    body = "\n".join(part for block in blocks for part in _block(block, summary, blocks))
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


def _block(block: Block, summary: Summary, blocks: list[Block]) -> Iterator[str]:
    if isinstance(block, Heading):
        yield f'<h{block.level} id="{_anchor(block.text)}">{escape(block.text)}</h{block.level}>'
        if block.level == 1:
            yield _navigation(blocks)
    elif isinstance(block, Paragraph):
        yield f"<p>{_inline(block.text)}</p>"
    elif isinstance(block, Bullets):
        yield "<ul>" + "".join(f"<li>{_inline(item)}</li>" for item in block.items) + "</ul>"
    elif isinstance(block, Table):
        yield _table(block)
    elif isinstance(block, Charts):
        yield f'<h2 id="{_anchor(block.title)}">{escape(block.title)}</h2>'
        for chart in block.charts:
            svg = render_chart(chart, summary)
            yield f'<figure class="chart" id="chart-{chart}">{svg}</figure>'


def _navigation(blocks: list[Block]) -> str:
    titles = [
        b.text if isinstance(b, Heading) else b.title
        for b in blocks
        if (isinstance(b, Heading) and b.level == 2) or isinstance(b, Charts)
    ]
    links = "".join(f'<a href="#{_anchor(t)}">{escape(t)}</a>' for t in titles)
    return f"<nav>{links}</nav>"


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
