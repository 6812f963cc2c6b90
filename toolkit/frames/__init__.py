"""pandas frames of interactions, stream chunks, token usage and problems."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from toolkit.frames.build import build_frame, empty_frame
from toolkit.frames.columns import CHUNKS, FRAMES, INTERACTIONS, PROBLEMS, USAGE, Column
from toolkit.frames.rows import FileRows

__all__ = ["FRAMES", "Column", "Frames", "frames_from_rows"]


@dataclass(frozen=True)
class Frames:
    """The four frames of a load. ``cassette`` + ``interaction`` joins them."""

    interactions: pd.DataFrame
    chunks: pd.DataFrame
    usage: pd.DataFrame
    problems: pd.DataFrame

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))}" for name in FRAMES)
        return f"Frames({sizes})"


def frames_from_rows(parts: list[FileRows]) -> Frames:
    """Concatenate per-file rows (in order) into typed frames."""
    return Frames(
        interactions=build_frame(INTERACTIONS, [r for p in parts for r in p.interactions]),
        chunks=build_frame(CHUNKS, [r for p in parts for r in p.chunks]),
        usage=build_frame(USAGE, [r for p in parts for r in p.usage]),
        problems=build_frame(PROBLEMS, [r for p in parts for r in p.problems]),
    )


def empty_frames() -> Frames:
    """Frames with every column and no rows."""
    return Frames(*(empty_frame(columns) for columns in (INTERACTIONS, CHUNKS, USAGE, PROBLEMS)))
