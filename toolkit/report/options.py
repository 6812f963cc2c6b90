"""What a renderer is given besides the summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.frames.summary import Summary

__all__ = ["ALL_TABLES", "DEFAULT_CSV_TABLE", "RenderOptions", "Renderer"]

#: The table ``--format csv`` writes unless ``--table`` names another.
DEFAULT_CSV_TABLE = "by_model"
#: ``--table all``: every table, one CSV file each.
ALL_TABLES = "all"


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """``table``: the one table the CSV renderer writes (a key of ``fields.TABLES``); ``detail``:
    the text report goes on past its one-screen summary with every table."""

    table: str = DEFAULT_CSV_TABLE
    detail: bool = False


#: A renderer turns a summary into the text of a report.
Renderer = Callable[["Summary", RenderOptions], str]
