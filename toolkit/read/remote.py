"""Cassettes in object storage: fsspec URLs (``s3://``, ``gs://``, ``abfs://``, ``file://``, ``memory://``).

A path with a scheme (``scheme://...``) is read through fsspec, by whichever process reads
the file (a worker process, a Dask worker): the client only lists. fsspec is imported only
when a URL is met, so local paths cost what they did. A protocol whose backend is not
installed (``s3fs`` for ``s3://``) raises ``MissingBackendError`` naming the package; the
filesystems' options (credentials, endpoints) come from fsspec's own configuration
(``FSSPEC_<PROTOCOL>_<OPTION>`` environment variables or its configuration files).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

__all__ = ["BACKEND_PACKAGES", "MissingBackendError", "RemoteError", "is_url", "open_filesystem", "read_url"]

#: The package that brings each common protocol's fsspec backend.
BACKEND_PACKAGES = {
    "s3": "s3fs",
    "s3a": "s3fs",
    "gs": "gcsfs",
    "gcs": "gcsfs",
    "abfs": "adlfs",
    "abfss": "adlfs",
    "az": "adlfs",
    "adl": "adlfs",
    "hf": "huggingface_hub",
    "sftp": "paramiko",
    "ssh": "paramiko",
    "http": "aiohttp",
    "https": "aiohttp",
}

# Two letters at least: ``C:\\`` and ``C:/`` are Windows paths, not URLs.
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+://")


class RemoteError(Exception):
    """A URL that cannot be read at all: an unknown protocol, or fsspec itself missing."""


class MissingBackendError(RemoteError):
    """The fsspec backend of a URL's protocol is not installed; ``package`` installs it."""

    def __init__(self, url: str, package: str, reason: str = "") -> None:
        protocol = url.split("://", 1)[0]
        detail = f" ({reason})" if reason else ""
        super().__init__(
            f"reading {protocol}:// URLs needs the {package} package, which is not installed: "
            f"pip install {package}{detail}"
        )
        self.url = url
        self.package = package


def is_url(path: str) -> bool:
    """Whether ``path`` names a file through fsspec (``scheme://...``) rather than on this disk."""
    return _URL.match(path) is not None


def open_filesystem(url: str) -> tuple[AbstractFileSystem, str]:
    """The fsspec filesystem of ``url`` and the path inside it (fsspec caches the instances)."""
    try:
        from fsspec.core import url_to_fs
    except ImportError as e:
        raise MissingBackendError(url, "fsspec", str(e)) from e
    protocol = url.split("://", 1)[0].lower()
    try:
        fs, path = url_to_fs(url)
    except ImportError as e:
        raise MissingBackendError(url, BACKEND_PACKAGES.get(protocol, _package_of(e)), str(e)) from e
    except ValueError as e:
        raise RemoteError(f"{url}: {e}") from e
    return fs, str(path)


def read_url(url: str, limit: int) -> bytes:
    """The bytes of the file at ``url``; at most ``limit`` + 1 of them (the caller refuses more).

    Raises ``OSError`` when the file cannot be read, ``RemoteError`` when the URL cannot be.
    """
    fs, path = open_filesystem(url)
    try:
        with fs.open(path, "rb") as handle:
            data: Any = handle.read(limit + 1)
    except (OSError, ValueError) as e:
        raise OSError(str(e) or type(e).__name__) from e
    return bytes(data)


def _package_of(error: ImportError) -> str:
    """The missing module an ImportError names (fsspec's messages say "Install X to ...")."""
    if error.name:
        return error.name.split(".")[0]
    words = str(error).lower().split()
    return words[words.index("install") + 1] if "install" in words[:-1] else "the protocol's fsspec backend"
