"""The audit report: summary tables of frames, and their renderers (text, markdown, json, html, csv)."""

from __future__ import annotations

from toolkit.report.options import DEFAULT_CSV_TABLE, Renderer, RenderOptions
from toolkit.report.render_csv import render_csv
from toolkit.report.render_html import render_html
from toolkit.report.render_json import render_json
from toolkit.report.render_markdown import render_markdown
from toolkit.report.render_text import render_text

__all__ = ["DEFAULT_CSV_TABLE", "FORMATS", "RENDERER_BY_NAME", "RenderOptions", "Renderer"]

#: Every report format, by its ``--format`` name.
RENDERER_BY_NAME: dict[str, Renderer] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
    "html": render_html,
    "csv": render_csv,
}
FORMATS = tuple(RENDERER_BY_NAME)
