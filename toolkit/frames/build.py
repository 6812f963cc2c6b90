"""Row tuples to typed pandas frames, columns and dtypes as the data dictionary declares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.frames.columns import Column
from toolkit.plumbing.printable import encodable

__all__ = ["build_frame", "empty_frame"]


def build_frame(columns: Sequence[Column], rows: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """A frame of ``rows`` with the declared column names and nullable dtypes."""
    names = [c.name for c in columns]
    if not rows:
        return empty_frame(columns)
    values = list(zip(*rows, strict=True))
    data = {
        name: _series(column, values[i]) for i, (name, column) in enumerate(zip(names, columns, strict=True))
    }
    return pd.DataFrame(data, columns=names)


def empty_frame(columns: Sequence[Column]) -> pd.DataFrame:
    """A frame with no rows but every declared column, correctly typed."""
    return pd.DataFrame({c.name: pd.Series([], dtype=c.dtype) for c in columns})


def _series(column: Column, values: Sequence[Any]) -> pd.Series:
    if column.dtype.startswith("datetime64"):
        return pd.Series(pd.to_datetime(list(values), utc=True), dtype=column.dtype)
    try:
        return pd.Series(values, dtype=column.dtype)
    except UnicodeEncodeError:  # a name that is not UTF-8, a lone surrogate from a JSON escape
        return pd.Series([encodable(v) if isinstance(v, str) else v for v in values], dtype=column.dtype)
