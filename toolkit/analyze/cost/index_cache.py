"""The price index of the installed genai-prices, built once per version and cached on disk.

Lint must start fast and never import genai-prices (its data module alone is 1.6 MB and
takes a tenth of a second to import). So the index lint matches against is built from
the installed genai-prices the first time it is needed, in a child process
(``python -m toolkit.analyze.cost.index_build``), and written to the user's cache folder
as ``price-index-<version>-<environment>.json``. Later runs read that file (about a
millisecond).

The file records where the genai-prices data it was built from lives and that file's
size and modification time, so an upgrade, a downgrade or another environment's
genai-prices never reads a stale index. Its name carries a digest of that location, so
environments that share the cache folder (a project's virtual environments, nox and tox
sessions) each keep their own file instead of rebuilding over each other's.

When the cache folder cannot be written, a private folder of the user's in the temporary
folder is used, else the index is kept in memory for the process (and built again by the
next one); when a process has already imported genai-prices (frames, reports) the index is
built in that process, without a child.

Cache folder: ``$CASSETTE_TOOLKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/cassette-toolkit``,
else the platform's user cache folder (``~/.cache``, ``~/Library/Caches``,
``%LOCALAPPDATA%``).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import stat
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from toolkit.plumbing.atomic import write_atomically
from toolkit.read.jsonparse import loads

__all__ = ["PriceIndexError", "cache_folder", "cached_index", "data_stamp", "index_file_name"]

_PACKAGE = "genai_prices"


class PriceIndexError(RuntimeError):
    """The installed genai-prices could not be read into an index."""


@cache
def cached_index() -> dict[str, Any]:
    """The index of the installed genai-prices: from the cache, else built (and cached)."""
    stamp = data_stamp()
    name = index_file_name(stamp)
    folders = [cache_folder(), *_private_temp_folder()]
    for folder in folders:
        found = _read(folder / name, stamp)
        if found is not None:
            return found
    index = _build(stamp)
    data = json.dumps(index, separators=(",", ":")).encode()
    for folder in folders:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(folder / name, data)
            break
        except OSError:
            continue  # a read-only home: the next folder, else the index lives in memory
    return index


def data_stamp() -> dict[str, Any]:
    """Which genai-prices is installed, without importing it: version, data file, size, mtime."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or spec.origin is None:
        raise PriceIndexError("genai-prices is not installed: costs cannot be looked up")
    data = Path(spec.origin).with_name("data.py")
    stat = data.stat()
    return {
        "version": _version(Path(spec.origin).parent),
        "data": str(data),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
    }


def index_file_name(stamp: dict[str, Any]) -> str:
    """The cache file of one installed genai-prices: its version and a digest of where it lives."""
    where = hashlib.sha256(str(stamp["data"]).encode()).hexdigest()[:12]
    return f"price-index-{stamp['version']}-{where}.json"


def cache_folder() -> Path:
    """Where the index is cached (see the module docstring)."""
    explicit = os.environ.get("CASSETTE_TOOLKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "cassette-toolkit"
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "cassette-toolkit" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "cassette-toolkit"
    return Path.home() / ".cache" / "cassette-toolkit"


def _private_temp_folder() -> list[Path]:
    """A fallback folder of this user's in the temporary folder, when it is safe: owned by the
    user, not a link, writable by no one else (another user could plant an index there)."""
    if not hasattr(os, "getuid"):
        return []
    folder = Path(tempfile.gettempdir()) / f"cassette-toolkit-{os.getuid()}"
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return [folder]
    except OSError:
        return []
    private = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
    return [folder] if private else []


def _version(package: Path) -> str:
    """The version from the ``.dist-info`` folder beside the package (``importlib.metadata``
    costs 20 ms), else from the metadata."""
    names = [p.name for p in package.parent.glob("genai_prices-*.dist-info")]
    if len(names) == 1:
        return names[0][len("genai_prices-") : -len(".dist-info")]
    from importlib.metadata import version

    return version("genai-prices")


def _read(path: Path, stamp: dict[str, Any]) -> dict[str, Any] | None:
    try:
        index: dict[str, Any] = loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    return index if isinstance(index, dict) and index.get("stamp") == stamp else None


def _build(stamp: dict[str, Any]) -> dict[str, Any]:
    """Build in this process when genai-prices is already imported, else in a child process."""
    import subprocess  # only when the index is built: once per genai-prices version

    from toolkit.analyze.cost.index_build import build_index

    if _PACKAGE in sys.modules:
        return {**build_index(), "stamp": stamp}
    command = [sys.executable, "-m", "toolkit.analyze.cost.index_build"]
    # The child must import this toolkit, installed or not: its folder goes first on the path.
    here = str(Path(__file__).resolve().parents[3])
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH", "")) if p)
    try:
        done = subprocess.run(
            command, capture_output=True, check=True, timeout=120, env={**os.environ, "PYTHONPATH": path}
        )
        index: dict[str, Any] = loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        raise PriceIndexError(f"could not build the price index from genai-prices: {error}") from error
    return {**index, "stamp": stamp}
