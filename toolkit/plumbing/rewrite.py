"""Rewriting a file with new content, as itself: what ``redact`` does to a cassette.

The new content replaces the old only if the file is still what was read: a change made
meanwhile (an editor's save, a recorder's run) is never overwritten, the rewrite is refused.
The file keeps what it is: its permission bits, owner and group, and its other names.

- Usually the new content is written to a temporary file, flushed to disk and renamed over
  the file, so a reader sees the old file or the new one, never half of one; the temporary
  file gets the file's mode, owner and group first.
- A file with other hard links, whose owner or group cannot be given to a new file (it
  belongs to another user), or in a folder where no file can be created, is written in
  place, through the same inode: every name sees the new content and the owner stays, but a
  crash in the middle of that write leaves the file half written.

Temporary files are written in a hidden folder beside the file (``TEMPORARY_FOLDER``) whose
own ``.gitignore`` ignores everything in it, so ``git add -A`` cannot commit one that a killed
run left behind; each writer holds a lock on its temporary file, and the next rewrite in that
folder removes the ones no process holds. The folder is removed when it is left empty.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import dataclass

__all__ = ["TEMPORARY_FOLDER", "FileChangedError", "Snapshot", "rewrite_file"]

#: The hidden folder, beside the file, that holds the temporary files of rewrites under way.
TEMPORARY_FOLDER = ".cassette-toolkit-tmp"
_IGNORE_ALL = "# temporary files of cassette-toolkit; safe to delete when no run is under way\n*\n"
_SUFFIX = ".tmp"
#: Without file locks (Windows), a temporary file this old is taken to be left by a killed run.
_STALE_AFTER_S = 3600


class FileChangedError(OSError):
    """The file is not what was read any more: it was changed while the new content was made."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A file's bytes as read, and its status then."""

    data: bytes
    status: os.stat_result


def rewrite_file(path: str, data: bytes, original: Snapshot) -> None:
    """Replace the content of ``path`` (read as ``original``) with ``data``.

    Raises ``FileChangedError`` when the file changed since it was read (it is left as it
    is), and ``OSError`` when it cannot be written.
    """
    status = _unchanged(path, original)
    if status.st_nlink > 1 and not os.path.islink(path):
        _write_in_place(path, data, original)
        return
    if not _replace(path, data, original, status):
        _write_in_place(path, data, original)


def _unchanged(path: str, original: Snapshot) -> os.stat_result:
    """The file's status now; raises ``FileChangedError`` unless it is the file that was read,
    with the same bytes."""
    status = os.stat(path)
    before = original.status
    same = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns) == (
        before.st_dev,
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    if not same or _read(path, len(original.data) + 1) != original.data:
        raise FileChangedError("the file changed while it was redacted; it is left as it is (run again)")
    return status


def _read(path: str, limit: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limit)


def _replace(path: str, data: bytes, original: Snapshot, status: os.stat_result) -> bool:
    """Write a temporary file and rename it over ``path``; False (nothing done) when the file's
    owner or group cannot be given to the temporary file, or the folder takes no new file
    (a file one may write, in a folder one may not)."""
    try:
        folder = _temporary_folder(os.path.dirname(os.path.abspath(path)))
    except PermissionError:
        return False
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f"{os.path.basename(path)}.", suffix=_SUFFIX)
    try:
        _lock(handle)
        with os.fdopen(handle, "wb", closefd=False) as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if not _give_owner(temporary, status):
            return False
        os.chmod(temporary, status.st_mode & 0o7777)
        _unchanged(path, original)  # once more, just before the rename
        os.replace(temporary, path)
        _sync_folder(os.path.dirname(os.path.abspath(path)))
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        os.close(handle)
        _remove_if_empty(folder)


def _give_owner(temporary: str, status: os.stat_result) -> bool:
    """Give the temporary file the original's owner and group; False when that is not allowed."""
    if not hasattr(os, "chown"):
        return True
    mine = os.stat(temporary)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return True
    try:
        os.chown(temporary, status.st_uid, status.st_gid)
    except PermissionError:
        return False
    return True


def _write_in_place(path: str, data: bytes, original: Snapshot) -> None:
    """Overwrite the file through its own inode (every hard link sees it; owner and mode stay)."""
    handle = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))
    try:
        status = os.fstat(handle)
        if (status.st_dev, status.st_ino) != (original.status.st_dev, original.status.st_ino):
            raise FileChangedError("the file was replaced while it was redacted; it is left as it is")
        _unchanged(path, original)
        view, written = memoryview(data), 0
        while written < len(data):
            written += os.write(handle, view[written:])
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    finally:
        os.close(handle)


def _temporary_folder(folder: str) -> str:
    """The hidden folder of temporary files in ``folder``, created with its ``.gitignore``;
    temporary files left there by killed runs are removed."""
    path = os.path.join(folder, TEMPORARY_FOLDER)
    os.makedirs(path, exist_ok=True)
    ignore = os.path.join(path, ".gitignore")
    if not os.path.exists(ignore):
        with open(ignore, "w", encoding="utf-8") as stream:
            stream.write(_IGNORE_ALL)
    _remove_stale(path)
    return path


def _remove_stale(folder: str) -> None:
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(_SUFFIX) and entry.is_file(follow_symlinks=False) and _stale(entry.path):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _stale(path: str) -> bool:
    """Whether no process writes ``path`` any more: nobody holds its lock (without locks: old)."""
    try:
        import fcntl
    except ImportError:
        return time.time() - os.stat(path).st_mtime > _STALE_AFTER_S
    handle = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a running rewrite holds it
    finally:
        os.close(handle)
    return True


def _lock(handle: int) -> None:
    try:
        import fcntl
    except ImportError:
        return
    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_if_empty(folder: str) -> None:
    """Remove the folder once it holds only its ``.gitignore`` (another run may be writing)."""
    with contextlib.suppress(OSError):
        if os.listdir(folder) == [".gitignore"]:
            os.unlink(os.path.join(folder, ".gitignore"))
            try:
                os.rmdir(folder)
            except OSError:  # another run put a file there meanwhile: keep it ignored
                with open(os.path.join(folder, ".gitignore"), "w", encoding="utf-8") as stream:
                    stream.write(_IGNORE_ALL)


def _sync_folder(folder: str) -> None:
    """Flush the rename to disk (POSIX: a folder's entries are synced through the folder)."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
