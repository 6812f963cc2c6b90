"""The audit report: summary tables of frames, and their renderers (text, markdown, json, html, csv).

``RENDERER_BY_NAME`` is the registry ``--format`` chooses from. Each renderer is a function
``render_<format>(summary, options) -> str`` in its own module, imported when first called:
importing this package imports neither pandas nor a renderer, so the command line reads the
format names for ``--help`` at no cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.report.options import ALL_TABLES, DEFAULT_CSV_TABLE, Renderer, RenderOptions

if TYPE_CHECKING:
    from toolkit.frames.summary import Summary

__all__ = ["ALL_TABLES", "DEFAULT_CSV_TABLE", "FORMATS", "RENDERER_BY_NAME", "RenderOptions", "Renderer"]


def _text(summary: Summary, options: RenderOptions) -> str:
    from toolkit.report.render_text import render_text

    return render_text(summary, options)


def _markdown(summary: Summary, options: RenderOptions) -> str:
    from toolkit.report.render_markdown import render_markdown

    return render_markdown(summary, options)


def _json(summary: Summary, options: RenderOptions) -> str:
    from toolkit.report.render_json import render_json

    return render_json(summary, options)


def _html(summary: Summary, options: RenderOptions) -> str:
    from toolkit.report.render_html import render_html

    return render_html(summary, options)


def _csv(summary: Summary, options: RenderOptions) -> str:
    from toolkit.report.render_csv import render_csv

    return render_csv(summary, options)


#: Every report format, by its ``--format`` name.
RENDERER_BY_NAME: dict[str, Renderer] = {
    "text": _text,
    "markdown": _markdown,
    "json": _json,
    "html": _html,
    "csv": _csv,
}
#: Every ``--format`` name, in the order ``--help`` lists them.
FORMATS = tuple(RENDERER_BY_NAME)
