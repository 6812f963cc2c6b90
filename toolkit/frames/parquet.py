"""Frames to Parquet datasets (pyarrow), partitioned by provider, written atomically.

Layout under the output folder: ``interactions/``, ``chunks/`` and ``usage/``
are hive-partitioned by ``provider`` (``provider=openai/part-0.parquet``; rows
without a provider go to ``provider=__HIVE_DEFAULT_PARTITION__``, which
readers such as DuckDB and pyarrow read back as null); ``problems.parquet``
is one file. Chunks carry their interaction's provider so they partition the
same way. The whole folder is written beside the target and renamed into
place, so readers never see a half-written export.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from toolkit.frames import Frames

__all__ = ["PARTITIONED", "ExportError", "export_parquet"]

#: Frames written as provider-partitioned datasets (problems is a single file).
PARTITIONED = ("interactions", "chunks", "usage")


def export_parquet(frames: Frames, output: str | os.PathLike[str]) -> Path:
    """Write ``frames`` under ``output`` (replacing what is there) and return it."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(output)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    if target.exists():
        _check_replaceable(target)
    try:
        for name in PARTITIONED:
            table = pa.Table.from_pandas(_with_provider(frames, name), preserve_index=False)
            pq.write_to_dataset(
                table, staging / name, partition_cols=["provider"], existing_data_behavior="delete_matching"
            )
        problems = pa.Table.from_pandas(frames.problems, preserve_index=False)
        pq.write_table(problems, staging / "problems.parquet")
        _replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _with_provider(frames: Frames, name: str) -> pd.DataFrame:
    frame: pd.DataFrame = getattr(frames, name)
    if "provider" in frame.columns:
        return frame
    providers = frames.interactions[["cassette", "interaction", "provider"]]
    return frame.merge(providers, on=["cassette", "interaction"], how="left", validate="many_to_one")


_LAYOUT = frozenset({*PARTITIONED, "problems.parquet"})


def _check_replaceable(target: Path) -> None:
    """Only an empty folder or an earlier export may be replaced: never a folder of other files."""
    if not target.is_dir():
        raise ExportError(f"{target} exists and is not a folder")
    foreign = sorted(p.name for p in target.iterdir() if p.name not in _LAYOUT)
    if foreign:
        raise ExportError(
            f"{target} holds files that are not an export ({', '.join(foreign[:3])}); "
            "choose an empty or new folder"
        )


class ExportError(Exception):
    """The output folder cannot be written."""


def _replace(staging: Path, target: Path) -> None:
    """Rename ``staging`` to ``target``; an existing export is moved aside first, then removed."""
    old: Path | None = None
    if target.exists():
        _check_replaceable(target)
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
