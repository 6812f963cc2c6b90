"""Stream decoders against the real-world cassette corpus.

Temporary scaffolding until the real loader lands: response bodies are pulled
out of each cassette with a small permissive YAML loader, and the event count
of every stream is compared with ``n_events`` in the corpus's
``interactions.csv`` (measured independently: SSE events dispatched per the
WHATWG rules, ``[DONE]`` included, or event-stream frames). The content type
is taken from the same table. Skipped when the corpus is absent.
"""

from __future__ import annotations

import base64
import csv
import gzip
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import BUNDLED_CORPUS, CORPUS, corpora
from toolkit.analyze.streams import decode_stream
from toolkit.analyze.streams.eventstream import decode_eventstream, encode_message

STREAM_KINDS = {"sse", "aws-eventstream", "ndjson"}
NOT_STREAMS = {"json", "text", "binary", "empty"}  # parsed_body rows hold JSON, not bytes

#: The fewest streams, AWS event streams and other bodies each corpus holds: the repository's few
#: files, or the whole shared corpus.
MINIMUM = {BUNDLED_CORPUS: (8, 3, 10), CORPUS: (400, 30, 800)}


class _PermissiveLoader(yaml.CSafeLoader):
    """Safe YAML plus the harmless tags cassettes carry (test use only)."""


def _python_tag(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Any:
    # !!python/unicode, !!python/tuple and multidict istr header keys
    # (!!python/object/apply:... or /new:... with the name as the first argument).
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node, deep=True)
        return items[0] if suffix.startswith("object") and items else items
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _ruby_binary(loader: yaml.Loader, node: yaml.Node) -> bytes:
    return base64.b64decode(loader.construct_scalar(node))  # type: ignore[arg-type]


_PermissiveLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)
_PermissiveLoader.add_constructor("!binary", _ruby_binary)


def _responses(path: Path) -> list[Any]:
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    document = yaml.load(raw, Loader=_PermissiveLoader)  # a safe loader, see above
    for key in ("interactions", "http_interactions"):  # go-vcr, vcrpy / Ruby VCR
        if key in document:
            return [interaction["response"] for interaction in document[key]]
    return list(document.get("responses", []))  # langchain-aws: parallel lists


def _body(response: dict[str, Any]) -> bytes:
    body = response.get("body", response.get("content"))  # "content": legacy vcrpy httpx
    if isinstance(body, dict):
        encoded = body.get("base64_string")
        body = base64.b64decode(encoded) if encoded else body.get("string")
    data = (body or "").encode("utf-8") if not isinstance(body, bytes) else body
    # Trust the gzip magic, not Content-Encoding: some "gzip" bodies are plain already.
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


@pytest.fixture(scope="module", params=corpora(CORPUS, BUNDLED_CORPUS))
def root(request: pytest.FixtureRequest) -> Path:
    corpus: Path = request.param
    return corpus


@pytest.fixture(scope="module")
def rows(root: Path) -> list[dict[str, str]]:
    with (root / "interactions.csv").open(encoding="utf-8", newline="") as table:
        return [row | {"root": str(root)} for row in csv.DictReader(table) if row["kind"] == "http"]


@pytest.fixture(scope="module")
def responses() -> dict[str, list[Any]]:
    cache: dict[str, list[Any]] = {}
    return cache


def _body_of(row: dict[str, str], responses: dict[str, list[Any]]) -> bytes:
    path = Path(row["root"]) / row["path"]
    if str(path) not in responses:
        responses[str(path)] = _responses(path)
    return _body(responses[str(path)][int(row["idx"])])


def test_every_stream_has_the_recorded_number_of_events(
    root: Path, rows: list[dict[str, str]], responses: dict[str, list[Any]]
) -> None:
    streams = [row for row in rows if row["resp_kind"] in STREAM_KINDS]
    mismatches = []
    for row in streams:
        decoding = decode_stream(_body_of(row, responses), row["resp_content_type"])
        got = (decoding.kind, len(decoding.events), decoding.problems)
        if got != (row["resp_kind"], int(row["n_events"]), ()):
            mismatches.append((row["path"], row["idx"], row["n_events"], got))
    # Every stream matches today (403 of 403); the 98% floor leaves room for
    # corpus additions, which should then be explained here.
    assert len(streams) >= MINIMUM[root][0]
    assert len(mismatches) <= 0.02 * len(streams), mismatches


def test_event_streams_re_encode_to_the_recorded_bytes(
    root: Path, rows: list[dict[str, str]], responses: dict[str, list[Any]]
) -> None:
    bodies = [_body_of(row, responses) for row in rows if row["resp_kind"] == "aws-eventstream"]
    for body in bodies:
        messages = decode_eventstream(body).messages
        assert b"".join(encode_message(m.header_list, m.payload) for m in messages) == body
    assert len(bodies) >= MINIMUM[root][1]


def test_no_other_body_is_taken_for_a_stream(
    root: Path, rows: list[dict[str, str]], responses: dict[str, list[Any]]
) -> None:
    others = [row for row in rows if row["resp_kind"] in NOT_STREAMS]
    taken = [
        (row["path"], row["idx"])
        for row in others
        if decode_stream(_body_of(row, responses), row["resp_content_type"]).kind is not None
    ]
    assert len(others) >= MINIMUM[root][2]
    assert taken == []
