"""``redact`` over the labelled set: every blocking secret goes, nothing else changes, and vcrpy
plays the redacted cassettes back.

For each planted file: no CT201/CT202 finding is left; a second run changes nothing; the
toolkit reads the same interactions (method, URL host and path, status, body lengths where
they are recorded) with no new schema or body finding; vcrpy's own deserializer loads the
vcrpy files; only lines of the nodes that held a secret change, and the line count stays
unless a re-compressed body changed length or a folded scalar was written again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import vcr.serialize
import vcr.serializers.yamlserializer

from tests.conftest import LabelledSet
from toolkit.lint.engine import lint_data
from toolkit.lint.settings import LintSettings
from toolkit.model import Body
from toolkit.read.document import read_source_map
from toolkit.read.parse import parse_cassette
from toolkit.redact import Redaction, redact_text

BLOCKING = ("CT201", "CT202")
Done = list[tuple[dict[str, Any], bytes, Redaction]]
INTEGRITY = LintSettings(select=("CT1", "CT3"))
#: Where a redacted body may take other lines than it had.
REWRITTEN_BLOCKS = ("deflate-binary", "br-binary", "zstd-binary", "vcrpy-dumped")


@pytest.fixture(scope="module")
def redactions(labelled_set: LabelledSet) -> Done:
    done = []
    for entry in labelled_set.entries_with_files():
        path = labelled_set.folder / entry["file"]
        data = path.read_bytes()
        done.append((entry, data, redact_text(data, str(path))))
    return done


def _codes(data: bytes, name: str, prefixes: tuple[str, ...]) -> Counter[tuple[str, int | None]]:
    findings = lint_data(data, name, LintSettings(select=prefixes))
    return Counter((finding.code, finding.interaction) for finding in findings)


def test_every_blocking_secret_is_replaced(redactions: Done) -> None:
    for entry, _data, result in redactions:
        blocking = any(code in BLOCKING for code, _ in entry["expected"])
        assert result.problem is None, (entry["file"], result.problem)
        assert result.changed == blocking, entry["file"]
        assert _codes(result.after, entry["file"], BLOCKING) == Counter(), entry["file"]


def test_a_second_run_changes_nothing(redactions: Done) -> None:
    for entry, _data, result in redactions:
        again = redact_text(result.after, entry["file"])
        assert not again.changed and not again.redacted, entry["file"]


def test_warnings_are_left_alone(redactions: Done) -> None:
    for entry, data, result in redactions:
        if entry["expected"] and all(code in ("CT203", "CT204", "CT205") for code, _ in entry["expected"]):
            assert result.after == data, entry["file"]


def _length(body: Body) -> int | None:
    """A body's length; None for parsed_body, whose JSON is re-serialized (never a wire length)."""
    return None if body.storage == "parsed_body" else len(body.content)


def _shape(data: bytes, name: str) -> list[tuple[object, ...]]:
    cassette = parse_cassette(data, name).cassette
    return [
        (
            i.request.method,
            i.request.url.host,
            i.response.status_code,
            _length(i.request.body),
            _length(i.response.body),
            [header.name for header in i.request.headers],
        )
        for i in cassette.interactions
    ]


def test_the_toolkit_reads_the_same_interactions(
    redactions: Done,
) -> None:
    for entry, data, result in redactions:
        if result.changed:
            assert _shape(result.after, entry["file"]) == _shape(data, entry["file"]), entry["file"]
            new = _codes(result.after, entry["file"], ("CT1", "CT3")) - _codes(
                data, entry["file"], ("CT1", "CT3")
            )
            assert new == Counter(), entry["file"]


def test_vcrpy_loads_the_redacted_vcrpy_cassettes(
    redactions: Done,
) -> None:
    loaded = 0
    for entry, data, result in redactions:
        if entry.get("vcrpy") and result.changed:
            before = vcr.serialize.deserialize(data.decode(), vcr.serializers.yamlserializer)
            requests, responses = vcr.serialize.deserialize(
                result.after.decode(), vcr.serializers.yamlserializer
            )
            assert len(requests) == len(before[0]) and len(responses) == len(before[1])
            assert [r.method for r in requests] == [r.method for r in before[0]]
            loaded += 1
    assert loaded > 500


def _node_lines(data: bytes, lines: set[int]) -> set[int]:
    """Every line of each scalar that starts on one of ``lines`` (a body spans several)."""
    source = read_source_map(data)
    covered: set[int] = set()
    for node in source.nodes:
        if node.kind == "scalar" and node.position.line in lines:
            last = node.position.line + source.text[node.start : node.end].rstrip("\n").count("\n")
            covered.update(range(node.position.line, last + 1))
    return covered


def test_only_the_nodes_that_held_a_secret_change(
    redactions: Done,
) -> None:
    for entry, data, result in redactions:
        if not result.changed:
            continue
        old, new = data.decode().splitlines(), result.after.decode().splitlines()
        allowed = _node_lines(data, {entry["node"]})
        if len(old) == len(new):
            changed = {number for number, (a, b) in enumerate(zip(old, new, strict=True), 1) if a != b}
            assert changed and changed <= allowed, (entry["file"], changed, allowed)
        else:  # a re-compressed body of another length, or a folded scalar whose secret crossed a
            # fold and was written again on one line: its block has other lines, nothing else
            assert entry["location"] in REWRITTEN_BLOCKS, entry["file"]
            head, tail = min(allowed) - 1, len(old) - max(allowed)
            assert old[:head] == new[:head] and old[len(old) - tail :] == new[len(new) - tail :]


def test_gzip_bodies_keep_their_length(redactions: Done) -> None:
    for entry, data, result in redactions:
        if entry["location"] == "gzip-binary" and result.changed:
            before = parse_cassette(data, entry["file"]).cassette.interactions[0].response.body
            after = parse_cassette(result.after, entry["file"]).cassette.interactions[0].response.body
            assert len(after.stored) == len(before.stored), entry["file"]
            assert after.stored[3] & 0x10  # padded with a gzip comment (RFC 1952 FCOMMENT)


def test_placeholders_by_location(redactions: Done) -> None:
    for entry, _data, result in redactions:
        if entry["location"] == "header" and result.changed:
            assert b"<REDACTED:" in result.after
        if entry["location"] in ("query", "json-top", "form-field") and result.changed:
            assert b"REDACTED" in result.after and b"<REDACTED:" not in result.after


def test_files_not_redacted_are_unchanged(labelled_set: LabelledSet) -> None:
    for entry in labelled_set.manifest:
        if entry["file"] and not entry["expected"]:
            path = Path(labelled_set.folder) / entry["file"]
            data = path.read_bytes()
            assert redact_text(data, str(path)).after == data


def _replay(path: Path) -> list[tuple[int, bytes]]:
    """Play every request of a vcrpy cassette back through vcrpy (nothing may reach the network):
    the status and body each response gives."""
    import http.client
    from urllib.parse import urlsplit

    import vcr

    requests, _ = vcr.serialize.deserialize(path.read_text(encoding="utf-8"), vcr.serializers.yamlserializer)
    played = []
    with vcr.VCR(
        record_mode="none", match_on=("method", "scheme", "host", "port", "path", "query")
    ).use_cassette(str(path), allow_playback_repeats=True):
        for request in requests:
            url = urlsplit(request.uri)
            kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
            connection = kind(url.hostname or "", url.port)  # userinfo is not sent
            target = url.path + (f"?{url.query}" if url.query else "")
            connection.request(
                request.method, target or "/", body=request.body, headers=dict(request.headers)
            )
            response = connection.getresponse()
            played.append((response.status, response.read()))
    return played


def _recorded(response: dict[str, Any]) -> bytes:
    body = response["body"]["string"]
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def test_vcrpy_replays_every_redacted_vcrpy_cassette(redactions: Done, tmp_path: Path) -> None:
    replayed = 0
    for entry, _data, result in redactions:
        if not (entry.get("vcrpy") and result.changed):
            continue
        path = tmp_path / entry["file"]
        path.write_bytes(result.after)
        played = _replay(path)
        _, responses = vcr.serialize.deserialize(result.after.decode(), vcr.serializers.yamlserializer)
        assert [status for status, _ in played] == [r["status"]["code"] for r in responses], entry["file"]
        assert [body for _, body in played] == [_recorded(r) for r in responses], entry["file"]
        replayed += 1
    assert replayed > 500
