"""Walking a folder in object storage (an fsspec URL): one listing, then the walk's own filters.

The same rules as a folder on disk, where they make sense without a disk and without git:

* the cassette suffixes, hidden files and folders, the exclude globs (relative to the URL
  walked, or on names) and Python virtual environments (a folder holding ``pyvenv.cfg``) are
  skipped as on disk;
* ``.gitignore`` files found in the listing are applied (gitignore(5), as a walk without git
  reads them); git itself is never asked and ``.git/info/exclude`` is not read: object storage
  holds copies of files, not repositories;
* the first 16 KiB of each candidate are looked at (``toolkit.read.walk.sniff``), fetched in
  one batch (concurrently on the asynchronous filesystems: S3, GCS, Azure);
* ``force_exclude`` applies to named local paths only: a named URL is always read.

Files come back as URLs spelled from the URL walked (``s3://bucket/dir`` + ``/a/b.yaml``),
in sorted order, so that paths in findings and frames read as the user wrote them.
"""

from __future__ import annotations

import posixpath
import zlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from toolkit.read.remote import RemoteError, open_filesystem
from toolkit.read.walk.gitignore import IgnoreFile, is_ignored, parse_ignore_file
from toolkit.read.walk.globs import compile_globs
from toolkit.read.walk.options import CASSETTE_SUFFIXES, WalkOptions
from toolkit.read.walk.sniff import FOREIGN, HEAD_BYTES, read_verdict

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

__all__ = ["walk_url"]

_VENV_MARKER = "pyvenv.cfg"
_IGNORE_FILE = ".gitignore"
# The files listings found: a command that walks, then hands the files it found to the lint
# engine or the loader (``report``), does not ask the store about each of them again.
_LISTED: set[str] = set()
_LISTED_LIMIT = 1_000_000


def walk_url(url: str, options: WalkOptions) -> list[str]:
    """The cassette files at ``url``: itself when it is a file, else those under it, sorted."""
    if url in _LISTED:
        return [url]  # found by a listing of this process: a file, without asking the store again
    fs, root = open_filesystem(url)
    try:
        if not fs.isdir(root):
            return [url]
    except OSError:
        return [url]  # the reader reports why it cannot be read
    root = root.rstrip("/")
    try:
        listing = fs.find(root, withdirs=False)
    except OSError as e:
        raise RemoteError(f"{url}: cannot list the folder: {e}") from e
    found = sorted(posixpath.relpath(str(path), root) for path in listing if str(path) != root)
    candidates = _filtered(found, options)
    if options.respect_gitignore and any(name.rpartition("/")[2] == _IGNORE_FILE for name in found):
        ignore_files = _ignore_files(fs, root, [name for name in found if name.endswith(_IGNORE_FILE)])
        candidates = [name for name in candidates if not _ignored(name, ignore_files)]
    paths = [f"{root}/{name}" for name in candidates]
    heads = fs.cat_ranges(paths, [0] * len(paths), [HEAD_BYTES] * len(paths), on_error="return")
    base = url.rstrip("/")
    files = [
        f"{base}/{name}"
        for name, head in zip(candidates, heads, strict=True)
        if not _plainly_foreign(head, name)
    ]
    if len(_LISTED) > _LISTED_LIMIT:
        _LISTED.clear()
    _LISTED.update(files)
    return files


def _filtered(relative: Iterable[str], options: WalkOptions) -> list[str]:
    """The names with a cassette suffix that no hidden folder, virtual environment or glob excludes."""
    relative = list(relative)
    globs = compile_globs(options.globs)
    venvs = {name.rpartition("/")[0] for name in relative if name.rpartition("/")[2] == _VENV_MARKER}
    kept: list[str] = []
    for name in relative:
        parts = name.split("/")
        if not parts[-1].endswith(CASSETTE_SUFFIXES) or any(part.startswith(".") for part in parts):
            continue
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        if any(prefix in venvs for prefix in prefixes[:-1]):
            continue
        if globs is not None and any(
            globs.match(prefix) is not None or globs.match(part) is not None
            for prefix, part in zip(prefixes, parts, strict=True)
        ):
            continue
        kept.append(name)
    return kept


def _ignore_files(fs: AbstractFileSystem, root: str, names: list[str]) -> dict[str, IgnoreFile]:
    """The ``.gitignore`` files of the listing by folder (``""`` for the top), parsed."""
    paths = [f"{root}/{name}" for name in names]
    texts = fs.cat_ranges(paths, [0] * len(paths), [None] * len(paths), on_error="return")
    parsed: dict[str, IgnoreFile] = {}
    for name, text in zip(names, texts, strict=True):
        if isinstance(text, bytes):
            folder = name.rpartition("/")[0]
            parsed[folder] = parse_ignore_file(text.decode("utf-8", "replace"), f"/{folder}")
    return parsed


def _ignored(name: str, ignore_files: dict[str, IgnoreFile]) -> bool:
    """Whether a folder above ``name``, or ``name`` itself, is ignored by the files above it."""
    parts = name.split("/")
    applicable: list[IgnoreFile] = []
    for depth in range(len(parts)):
        folder = "/".join(parts[:depth])
        if folder in ignore_files:
            applicable.append(ignore_files[folder])
        if applicable and is_ignored(
            applicable, "/" + "/".join(parts[: depth + 1]), folder=depth < len(parts) - 1
        ):
            return True
    return False


def _plainly_foreign(head: object, name: str) -> bool:
    if not isinstance(head, bytes):
        return False  # unreadable: the reader reports it
    if name.endswith(".gz"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
        except zlib.error:
            return False
    return read_verdict(head) == FOREIGN
