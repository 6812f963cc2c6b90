"""Hostile files, one per class of issue 17's defects, written at test time (some are large).

Each writer takes a folder and returns the path it wrote. ``SHAPES`` lists them by name.
"""

from __future__ import annotations

import base64
import gzip
import os
from collections.abc import Callable
from pathlib import Path

from toolkit.lint.rules.example_cassettes import vcrpy_cassette

_HEAD = "interactions:\n"


def _interaction(body: str, *, status: str = "200", extra: str = "") -> str:
    return (
        "- request:\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n"
        "    body: null\n    headers: {}\n"
        f"  response:\n    status:\n      code: {status}\n      message: OK\n    headers: {{}}\n"
        f"    body:\n      string: {body}\n{extra}"
    )


def alias_amplification(folder: Path, copies: int = 2000, size: int = 1 << 20) -> Path:
    """One 1 MiB body under an anchor, shared by ``copies`` interactions (about 1.1 MB written,
    2 GB once expanded)."""
    first = _interaction(f"&big '{'x' * size}'")
    rest = _interaction("*big") * (copies - 1)
    return _write(folder / "aliases.yaml", _HEAD + first + rest + "version: 1\n")


def many_interactions(folder: Path, count: int = 20_000) -> Path:
    """``count`` small interactions (about 330 bytes each)."""
    one = _interaction('\'{"id": "c", "model": "gpt-4o-mini", "usage": {"prompt_tokens": 3}}\'')
    return _write(folder / "many.yaml", _HEAD + one * count + "version: 1\n")


def _one(folder: Path, name: str, body: str, status: str = "200") -> Path:
    return _write(folder / f"{name}.yaml", _HEAD + _interaction(body, status=status) + "version: 1\n")


def tag_value(folder: Path) -> Path:
    """A tag with a value it does not take."""
    return _one(folder, "tag_value", "'ok'", status="!!bool maybe")


def long_integer(folder: Path) -> Path:
    """An integer past Python's 4,300-digit conversion limit."""
    return _one(folder, "long_integer", "'ok'", status="9" * 5000)


def wide_status(folder: Path) -> Path:
    """A status code past 64 bits."""
    return _one(folder, "wide_status", "'ok'", status="18446744073709551617")


def long_cost(folder: Path) -> Path:
    """An xAI ``cost_in_usd_ticks`` of 400 digits."""
    body = '\'{"model": "grok-3", "usage": {"prompt_tokens": 3, "cost_in_usd_ticks": ' + "9" * 400 + "}}'"
    text = _HEAD + _interaction(body).replace("api.openai.com", "api.x.ai") + "version: 1\n"
    return _write(folder / "long_cost.yaml", text)


def endless_duration(folder: Path) -> Path:
    """go-vcr durations of 10^400 seconds and of infinity."""
    one = (
        "- id: {n}\n  request:\n    url: https://api.x.ai/v1/chat/completions\n    method: POST\n"
        "  response:\n    body: '{{}}'\n    code: 200\n    duration: {duration}\n"
    )
    items = one.format(n=0, duration="1e400s") + one.format(n=1, duration=".inf")
    return _write(folder / "endless_duration.yaml", f"---\nversion: 2\ninteractions:\n{items}")


def recursive_alias(folder: Path) -> Path:
    return _write(folder / "recursive.yaml", "interactions: &a\n- *a\nversion: 1\n")


def binary_key(folder: Path) -> Path:
    """A ``!!binary`` mapping key inside pydantic-ai's ``parsed_body``."""
    text = vcrpy_cassette().replace(
        "    body:\n      string:", "    parsed_body:\n      !!binary aGVsbG8=: 1\n    body:\n      string:"
    )
    return _write(folder / "binary_key.yaml", text)


def gzip_members(folder: Path, members: int = 100_000) -> Path:
    """A gzip body of ``members`` one-byte members (2.8 MB written)."""
    member = gzip.compress(b"x", mtime=0)
    data = base64.encodebytes(member * members).decode("ascii").replace("\n", "\n        ")
    text = vcrpy_cassette(response_headers="      Content-Encoding:\n      - gzip\n").replace(
        '    body:\n      string: \'{"id"',
        f'    body:\n      string: !!binary |\n        {data}\n    unused: \'{{"id"',
    )
    return _write(folder / "gzip_members.yaml", text)


def empty_gzip(folder: Path) -> Path:
    data = base64.b64encode(gzip.compress(b"")).decode("ascii")
    text = vcrpy_cassette(response_headers="      Content-Encoding:\n      - gzip\n").replace(
        '    body:\n      string: \'{"id"', f'    body:\n      string: !!binary {data}\n    unused: \'{{"id"'
    )
    return _write(folder / "empty_gzip.yaml", text)


def named_pipe(folder: Path) -> Path:
    path = folder / "pipe.yaml"
    os.mkfifo(path)
    return path


def device_link(folder: Path) -> Path:
    path = folder / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SHAPES: dict[str, Callable[[Path], Path]] = {
    "alias_amplification": alias_amplification,
    "many_interactions": many_interactions,
    "tag_value": tag_value,
    "long_integer": long_integer,
    "wide_status": wide_status,
    "long_cost": long_cost,
    "endless_duration": endless_duration,
    "recursive_alias": recursive_alias,
    "binary_key": binary_key,
    "gzip_members": gzip_members,
    "empty_gzip": empty_gzip,
    "named_pipe": named_pipe,
    "device_link": device_link,
}
