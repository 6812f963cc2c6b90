"""pandas frames of interactions, stream chunks, token usage and problems.

Importing this package does not import pandas (it is imported where first needed), so the
declarations beside it (``columns``, the data dictionary; ``tables``, the report's fields and
tables) stay cheap to read for the command line and the lint path.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.frames.columns import CHUNKS, FRAMES, INTERACTIONS, PROBLEMS, USAGE, Column
from toolkit.frames.tables import DEFAULT_TOP

if TYPE_CHECKING:
    import pandas as pd

    from toolkit.frames.rows import FileRows
    from toolkit.frames.summary import Summary

__all__ = ["FRAMES", "KEY", "Column", "Frames", "frames_from_rows"]

#: The join key of every frame.
KEY = ["cassette", "interaction"]


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

    def subset(self, mask: pd.Series) -> Frames:
        """The frames of the interactions where ``mask`` (aligned with ``interactions``) is true.

        Chunks and usage follow their interactions; problems are kept when they concern a kept
        interaction, or the whole file of a cassette that still has one.
        """
        kept = self.interactions[mask.fillna(False).astype(bool)]
        import pandas as pd

        keys = pd.MultiIndex.from_frame(kept[KEY])
        cassettes = set(kept["cassette"])
        problems = self.problems
        whole_file = problems["interaction"].isna() & problems["cassette"].isin(cassettes)
        return Frames(
            interactions=kept.reset_index(drop=True),
            chunks=_rows_of(self.chunks, keys),
            usage=_rows_of(self.usage, keys),
            problems=problems[whole_file | _keyed(problems, keys)].reset_index(drop=True),
        )

    def for_provider(self, *providers: str) -> Frames:
        """Only the interactions of these providers (names or shell patterns: ``"anthropic*"``)."""
        return self.subset(_matches(self.interactions["provider"], providers))

    def for_model(self, *models: str) -> Frames:
        """Only the interactions of these models (names or shell patterns: ``"gpt-5*"``).

        The model is the one requested, else the one the response names (as in ``usage``).
        """
        model = self.interactions["model"].fillna(self.interactions["response_model"])
        return self.subset(_matches(model, models))

    def for_cassette(self, *patterns: str) -> Frames:
        """Only the interactions of cassettes whose path matches a shell pattern (``"*/anthropic/*"``)."""
        return self.subset(_matches(self.interactions["cassette"], patterns))

    def interactions_with_usage(self) -> pd.DataFrame:
        """Every interaction with its usage and cost columns (NA where it reports no usage)."""
        extra = [c for c in self.usage.columns if c not in self.interactions.columns]
        usage = self.usage[[*KEY, *extra]]
        return self.interactions.merge(usage, on=KEY, how="left", validate="one_to_one")

    def usage_with_interactions(self) -> pd.DataFrame:
        """Every usage row with its interaction's columns (host, status, is_stream, duration_s ...)."""
        extra = [c for c in self.interactions.columns if c not in self.usage.columns]
        interactions = self.interactions[[*KEY, *extra]]
        return self.usage.merge(interactions, on=KEY, how="left", validate="one_to_one")

    def summary(self, top: int = DEFAULT_TOP) -> Summary:
        """The audit report's tables (``toolkit.frames.summary.summarize``)."""
        from toolkit.frames.summary import summarize

        return summarize(self, top=top)


def _matches(values: pd.Series, patterns: tuple[str, ...]) -> pd.Series:
    def match(value: object) -> bool:
        return isinstance(value, str) and any(fnmatch.fnmatchcase(value, p) for p in patterns)

    return values.map(match, na_action="ignore").fillna(False).astype(bool)


def _keyed(frame: pd.DataFrame, keys: pd.MultiIndex) -> pd.Series:
    import pandas as pd

    if frame.empty:
        return pd.Series([], dtype=bool, index=frame.index)
    index = pd.MultiIndex.from_frame(frame[KEY])
    return pd.Series(index.isin(keys), index=frame.index)


def _rows_of(frame: pd.DataFrame, keys: pd.MultiIndex) -> pd.DataFrame:
    return frame[_keyed(frame, keys)].reset_index(drop=True)


def frames_from_rows(parts: list[FileRows]) -> Frames:
    """Concatenate per-file rows (in order) into typed frames."""
    from toolkit.frames.build import build_frame

    return Frames(
        interactions=build_frame(INTERACTIONS, [r for p in parts for r in p.interactions]),
        chunks=build_frame(CHUNKS, [r for p in parts for r in p.chunks]),
        usage=build_frame(USAGE, [r for p in parts for r in p.usage]),
        problems=build_frame(PROBLEMS, [r for p in parts for r in p.problems]),
    )


def empty_frames() -> Frames:
    """Frames with every column and no rows."""
    from toolkit.frames.build import empty_frame

    return Frames(*(empty_frame(columns) for columns in (INTERACTIONS, CHUNKS, USAGE, PROBLEMS)))
