"""A few SVG drawing primitives for the HTML report's charts: shapes, text, axes and tick steps.

Written by hand rather than through a plotting library so that the same data
always gives the same bytes, whatever is installed, and the report needs no
network, fonts or scripts. Coordinates are rounded to 0.1 px.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

__all__ = ["Canvas", "compact", "log_ticks", "nice_ticks"]

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(slots=True)
class Canvas:
    """An SVG picture built element by element; ``render`` gives the ``<svg>`` element."""

    width: float
    height: float
    label: str
    elements: list[str] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, *, fill: str, tip: str = "") -> None:
        title = f"<title>{escape(tip)}</title>" if tip else ""
        attributes = (
            f'x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0.0))}" height="{_n(max(h, 0.0))}" fill="{fill}"'
        )
        self.elements.append(f"<rect {attributes}>{title}</rect>" if title else f"<rect {attributes}/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = "#888") -> None:
        self.elements.append(
            f'<path d="M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}" stroke="{stroke}" stroke-width="1" fill="none"/>'
        )

    def text(
        self, x: float, y: float, content: str, *, anchor: str = "start", size: int = 11, bold: bool = False
    ) -> None:
        weight = ' font-weight="bold"' if bold else ""
        attributes = f'x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}"{weight}'
        self.elements.append(f"<text {attributes}>{escape(content)}</text>")

    def render(self) -> str:
        width, height = _n(self.width), _n(self.height)
        size = f'viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        label = escape(self.label)
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" {size} role="img" aria-label="{label}" style="{FONT}">'
        )
        return "\n".join([head, f"<title>{escape(self.label)}</title>", *self.elements, "</svg>"])


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2 or 5 times a power of ten) up to at least ``top``."""
    if top <= 0 or not math.isfinite(top):
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    steps = math.ceil(top / step - 1e-9)
    return [round(i * step, 12) for i in range(steps + 1)]


def log_ticks(low: float, high: float) -> list[float]:
    """Powers of ten (and 2 and 5 times them when the range is narrow) spanning ``low``..``high``."""
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    multiples = (1, 2, 5) if last - first <= 2 else (1,)
    ticks = [m * 10.0**e for e in range(first, last + 1) for m in multiples]
    return [round(t, 12) for t in ticks if low / 1.0001 <= t <= high * 1.0001] or [10.0**first]


def compact(value: float, unit: str = "") -> str:
    """A short tick label for a round value: 0, 950, 1.2k, 3M, $0.0015, 0.25 s."""
    if unit == "$":
        return f"${_decimal(value)}" if value < 1000 else f"${value:,.0f}"
    if unit == "s":
        return f"{_decimal(value)} s"
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{_decimal(round(value / size, 2))}{suffix}"
    return _decimal(value)


def _decimal(value: float) -> str:
    """Positional notation without trailing zeros (never ``1e-05``)."""
    text = f"{value:.12f}".rstrip("0").rstrip(".")
    return text or "0"
