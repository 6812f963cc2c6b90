"""``toolkit.dask.load``: the frames as Dask DataFrames, to run the audit on a cluster.

Files are grouped (``files_per_partition``) and each group is loaded by one
task, which builds that group's rows for every frame at once; each frame's
partition ``i`` comes from group ``i``. Computing the frames together loads
every file once. The results equal ``toolkit.load`` on the same paths, in the
same order (only the index differs: each partition starts at 0).

Paths may be fsspec URLs (``s3://bucket/cassettes``): a folder URL is listed by a task (on a
worker, when a distributed client is active) and every file is read by the task that loads
it, so no cassette's bytes pass through the client. The workers need the URL's backend
(``s3fs``, ``gcsfs``, ``adlfs``) and its credentials.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from toolkit.frames import Frames, empty_frames, frames_from_rows
from toolkit.frames.load import rows_of_file, walk_options
from toolkit.plumbing.requires import MissingDependencyError, missing_modules
from toolkit.read.files import WalkOptions, discover
from toolkit.read.remote import is_url

try:
    import dask.dataframe as dd
    from dask.base import compute
    from dask.delayed import delayed
except ImportError as e:  # one line that says what to install, not dask's traceback
    raise MissingDependencyError(
        "toolkit.dask", "dask", missing_modules("dask") or ("dask[dataframe]",)
    ) from e

__all__ = ["DaskFrames", "load"]


@dataclass(frozen=True)
class DaskFrames:
    """The four frames as Dask DataFrames (same columns and dtypes as ``toolkit.Frames``)."""

    interactions: dd.DataFrame
    chunks: dd.DataFrame
    usage: dd.DataFrame
    problems: dd.DataFrame

    def compute(self, **kwargs: Any) -> Frames:
        """All four frames computed together (each file is loaded once), as pandas ``Frames``."""
        parts = compute(  # type: ignore[no-untyped-call]
            self.interactions, self.chunks, self.usage, self.problems, **kwargs
        )
        return Frames(*(part.reset_index(drop=True) for part in parts))


def load(
    *paths: str | os.PathLike[str],
    files_per_partition: int = 64,
    usage: bool = True,
    exclude: Iterable[str] | None = None,
    extend_exclude: Iterable[str] = (),
    respect_gitignore: bool = True,
) -> DaskFrames:
    """Lazy frames of the cassettes under ``paths``: one partition per group of files.

    Folders are walked as ``toolkit.load`` walks them (same keyword arguments).
    """
    files = list(dict.fromkeys(_discover(paths, walk_options(exclude, extend_exclude, respect_gitignore))))
    groups = [files[i : i + files_per_partition] for i in range(0, len(files), files_per_partition)] or [[]]
    loaded = [delayed(_load_group, pure=True)(group, usage) for group in groups]
    meta = empty_frames()
    return DaskFrames(
        *(
            dd.from_delayed(
                [delayed(getattr)(part, name) for part in loaded],
                meta=getattr(meta, name),
                verify_meta=False,
            )
            for name in ("interactions", "chunks", "usage", "problems")
        )
    )


def _discover(paths: tuple[str | os.PathLike[str], ...], walk: WalkOptions) -> list[str]:
    """The files of ``paths`` in order: URLs listed by tasks (on the cluster), local paths here."""
    urls = list(dict.fromkeys(p for p in paths if isinstance(p, str) and is_url(p)))
    tasks = [delayed(_list_url, pure=False)(url, walk) for url in urls]
    listed = dict(zip(urls, compute(*tasks) if tasks else (), strict=True))  # type: ignore[no-untyped-call]
    files: list[str] = []
    for path in paths:
        files.extend(listed[path] if isinstance(path, str) and path in listed else discover([path], walk))
    return files


def _list_url(url: str, walk: WalkOptions) -> list[str]:
    return list(discover([url], walk))


def _load_group(files: list[str], usage: bool) -> Frames:
    return frames_from_rows([rows_of_file(path, usage=usage) for path in files])
