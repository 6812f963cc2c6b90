"""The subset reader against libyaml, the reference: the same document, or none at all.

Every case is read both ways (``tests.read.documents.compare``): the subset reader must give
the reference's document (values, types, key order, every position, duplicate keys) or
decline; a document where libyaml refuses the bytes is a difference too.
"""

from __future__ import annotations

import base64
import random
import time
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, SAMPLES
from tests.read.documents import compare
from toolkit.read import parse
from toolkit.read.document import Position
from toolkit.read.parse import read_document
from toolkit.read.subset import MAX_DEPTH, read_subset

# What recorders write, and the YAML around it that the subset must read exactly or decline.
EDGE_CASES = [
    b"a:\nb: 1\n", b"a:\n", b"- \n- x\n", b"-\n", b"a:\n- x\nb:\n", b"a: |\n  x\n", b"a: |\nb: 1\n",
    b"a: |-\n\n  x\n\n", b"a: |+\n  x\n\n\n", b"a: >\n  x\n  y\n\n  z\n   w\n", b"a: 'x\n  y'\n",
    b'a: "x\\\n  y"\n', b"a: 'x\n\n  y'\n", b"a: x\n  y\n", b"a: x\n\n  y\nb: 1\n", b"a: x\n  # c\n  y\n",
    b"a: 1 # c\n", b"a: b: c\n", b"a: 'x' # c\n", b"'a': 1\n", b'"a b": 1\n', b"? x\n: y\n",
    b"a: !!binary aGk=\n", b"a: !binary |\n  aGk=\n", b"a: !!python/unicode x\n",
    b"a: !!python/object:os.system x\n", b"a: &x 1\nb: *x\n", b"a: [1]\n", b"a: {}\nb: []\n",
    b"---\na: 1\n...\n", b"---\na: 1\n---\nb: 2\n", b"a: 1\n...\nb: 2\n", b"a: 1", b"a: |\n  x",
    b"a:\n\tb: 1\n", b"a: x\ty\n", b"a: -1\nb: -\nc: - x\n", b"a: 1\na: 2\n", b"1: a\n1: b\n",
    b"null: 1\n~: 2\n", b"a: 0o17\nb: 017\nc: 1:30\nd: 1_000\n", b"a: .nan\nb: .inf\nc: 1e3\nd: 1.5e3\n",
    b".nan: 1\n.nan: 2\n", b"a: 2023-01-01\n", b"- - a\n  - b\n- c\n", b"- a: 1\n  b: 2\n- c: 3\n",
    b"a:\n  - x\n  -\n  - y\n", b'a: "\\ud83d\\ude00"\n', b'a: "\\U0001F600"\n', b'a: "\\/"\n',
    b'a: "\\x41\\u00e9\\e\\0"\n', b"a: |2\n   x\n", b"a:\n  |\n   x\n", b"a: >-\n  x\n\n\n  y\n",
    b"a: |\n    x\n  y\n", b"a: |\n\n   \n  x\n", b"a:    \n  b: 1\n", b"a: x   \nb: y\n",
    b"key with spaces  : v\n", b"a: 'it''s'\n", b"a:\n - x\n - y\nb: 1\n", b"a:\n  b:\n  - x\n  c: 1\n",
    b"%YAML 1.1\n---\na: 1\n", b"\xef\xbb\xbfa: 1\n", b"a: 1\r\nb: 2\r\n", b"a: \x01\n", b"a: '\n---\n'\n",
    b"a: x\n---\n", b"a: [a, b]\n", b"a: {b: c}\n", b"- !!python/tuple\n  - 1\n",
    b"a: !!python/tuple\n- 1\n- 2\n",
    b"? !!python/object/apply:multidict._multidict.istr\n- Accept\n: - x\n", b"a: ! x\n",
    b"a: !<tag:yaml.org,2002:str> x\n", b"a: !!str 1\n", b"a: !!int '1'\n", b"a: !!binary 'aGk='\n",
    b"a: !!binary\n", b"a: !!binary a\n", b"a: %x\n", b"a: @x\n", b"a: `x\n", b"a: :x\nb: ?x\nc: -x\n",
    b"-x: 1\n", b"a: x#y\n", b"a#b: 1\n", b"a: 'x'y\n", b"a:b\n", b"a\n", b"", b"\n\n", b"# c\n",
    b"a: \xc2\x85\n", b"a: \xe2\x80\xa8\n", b"a: \xef\xbb\xbf\n", b"a: \xff\n", b"a: x\n\n\n",
    b"a: 'x'\nb: \"y\"\n", b'a: "x\n\n\n  y"\n', b'a: "x \\\n y"\n', b"a: 'x  \n  y'\n",
    b"a: >+\n  x\n\n", b"a: >\n  x\n\n   y\n  z\n", b"a: |\n  x\n b: 1\n", b"- a\n - b\n",
    b"a:\n- b:\n  - c\n  d: 1\n", b"a: !!null ''\n", b"a: !!bool yes\n", b"a: !!float 1\n",
    b"a: !!timestamp 2001-12-14\n", b"a: yes\nb: Off\nc: ~\nd: NULL\n", b"<<: 1\n=: 2\n",
]  # fmt: skip

# The shapes every recorder writes: the subset reads them, it does not decline.
RECORDER_SHAPES = [
    b"interactions:\n- request:\n    body: '{\"a\": 1}'\n    headers:\n      Accept:\n      - '*/*'\n"
    b"    method: POST\n  response:\n    status:\n      code: 200\n      message: OK\nversion: 1\n",
    b'---\nversion: 2\ninteractions:\n    - id: 0\n      request:\n        body: ""\n        form: {}\n'
    b"        headers: {}\n      response:\n        duration: 1.2s\n",
    b"---\nhttp_interactions:\n- request:\n    body:\n      encoding: UTF-8\n      string: |-\n"
    b'        {"x": 1}\n  recorded_at: Mon, 01 Jan 2024 00:00:00 GMT\nrecorded_with: VCR 6.2.0\n',
    b"interactions:\n- response:\n    body:\n      string: !!binary |\n        aGk=\n",
    b'a: >-\n  folded\n  text\nb: "esc\\u00e9\\n"\n',
]


@pytest.mark.parametrize("data", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_edge_cases_read_as_libyaml_reads_them_or_decline(data: bytes) -> None:
    verdict, why = compare(data)
    assert verdict != "different", why


@pytest.mark.parametrize("data", RECORDER_SHAPES, ids=range(len(RECORDER_SHAPES)))
def test_recorder_shapes_are_read_by_the_subset(data: bytes) -> None:
    assert compare(data) == ("identical", "")


def test_sample_cassettes_and_test_data_read_the_same() -> None:
    files = [p for folder in (SAMPLES, DATA) for p in sorted(folder.rglob("*.y*ml"))]
    verdicts = {path: compare(path.read_bytes()) for path in files}
    different = {path.name: why for path, (verdict, why) in verdicts.items() if verdict == "different"}
    assert not different
    assert sum(verdict == "identical" for verdict, _ in verdicts.values()) > len(files) // 2


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "hostile").glob("*.yaml")))
def test_hostile_files_are_read_the_same_or_left_to_libyaml(name: str) -> None:
    verdict, why = compare((DATA / "hostile" / name).read_bytes())
    assert verdict != "different", why


@pytest.mark.parametrize(
    "data",
    [
        b"a: !!python/object/apply:os.system ['echo pwned']\n",
        b"a: !!python/name:os.system x\n",
        b"a: !!python/object/new:_io.BytesIO x\n",
        b"a: !ruby/object:Foo x\n",
        b"a: &bomb x\nb: [*bomb, *bomb]\n",
    ],
)
def test_unsafe_tags_and_aliases_are_left_to_libyaml(data: bytes) -> None:
    assert read_subset(data) is None


def test_nesting_deeper_than_the_limit_is_left_to_libyaml() -> None:
    deep = "".join(f"{' ' * (2 * n)}k{n}:\n" for n in range(MAX_DEPTH + 5)).encode() + b" " * 400 + b"x: 1\n"
    assert read_subset(deep) is None
    shallow = "".join(f"{' ' * (2 * n)}k{n}:\n" for n in range(10)).encode() + b" " * 20 + b"x: 1\n"
    assert compare(shallow) == ("identical", "")


def test_libyaml_reads_every_file_when_the_fast_reader_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    monkeypatch.setattr(parse, "read_subset", calls.append)
    monkeypatch.setattr(parse, "FAST_READER", False)
    assert read_document(b"a: 1\n").root == {"a": 1}
    assert calls == []
    monkeypatch.setattr(parse, "FAST_READER", True)
    read_document(b"a: 1\n")  # the stand-in declines (None): libyaml reads it
    assert calls == [b"a: 1\n"]


def test_positions_are_libyamls() -> None:
    root = read_document(b"a:\n  b: 'x'\n  c:\n  - |\n    t\n  -\nd: ! x\n").root
    assert root.position_of("a") == Position(2, 3)
    assert root["a"].position_of("b") == Position(2, 6)
    assert root["a"]["c"].item_positions == [Position(4, 5), Position(6, 4)]


# -- property tests: documents as PyYAML writes them, and small edits of real cassettes ------------

_TEXT = st.lists(
    st.sampled_from([*"abcxyz019 -:#'\"\\|>!&*?[]{},%@`\t\n/.", "é", "\u00a0", "😀", ": ", " #", "  "]),
    max_size=30,
).map("".join)
_AWKWARD = st.sampled_from(
    ["yes", "no", "on", "~", "null", "1:30", "0o17", "017", "0x1F", "1_000", ".inf", ".nan", "2023-06-01",
     "2001-12-14t21:59:43.10-05:00", "<<", "=", "- x", "? x", "a: b", "x #y", "'q'", "", " ", "\\n"]
)  # fmt: skip
_SCALARS = (
    _TEXT
    | _AWKWARD
    | st.integers(-(10**9), 10**9)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.binary(max_size=40)
)
_KEYS = (
    st.sampled_from(["body", "headers", "Content-Type", "status", "a b", "x"]) | _AWKWARD | st.integers(0, 99)
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=25,
)


def _dumped(data: Any, options: dict[str, Any], safe: bool) -> bytes | None:
    try:
        text = yaml.dump(
            {"interactions": [data], "version": 1}, Dumper=yaml.SafeDumper if safe else yaml.Dumper, **options
        )
    except yaml.YAMLError:
        return None
    return text.encode("utf-8")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    _DATA,
    st.fixed_dictionaries(
        {
            "default_flow_style": st.sampled_from([False, False, None]),
            "width": st.sampled_from([80, 40, 20, 1000]),
            "indent": st.sampled_from([2, 4]),
            "allow_unicode": st.booleans(),
            "default_style": st.sampled_from([None, None, '"', "'", "|"]),
            "explicit_start": st.booleans(),
            "explicit_end": st.booleans(),
            "sort_keys": st.booleans(),
        }
    ),
    st.booleans(),
)
def test_dumped_documents_read_as_libyaml_reads_them(data: Any, options: dict[str, Any], safe: bool) -> None:
    text = _dumped(data, options, safe)
    if text is not None:
        verdict, why = compare(text)
        event(verdict)
        assert verdict != "different", why


_SMALL_CASSETTES = sorted(p for p in SAMPLES.rglob("*.yaml") if p.stat().st_size < 12_000)
_EDITS = st.lists(
    st.tuples(
        st.floats(0, 1, exclude_max=True),
        st.sampled_from(["insert", "delete", "indent", "dedent", "double", "drop"]),
        st.sampled_from([*"'\":#-\\|>! \t\n&*?[]{}", "é", "\x85", ": ", " #", "''", "- "]),
    ),
    min_size=1,
    max_size=3,
)


def _edited(text: str, edits: list[tuple[float, str, str]]) -> str:
    for where, what, piece in edits:
        p = int(where * len(text))
        start, end = text.rfind("\n", 0, p) + 1, text.find("\n", p)
        end = len(text) if end < 0 else end + 1
        if what == "insert":
            text = text[:p] + piece + text[p:]
        elif what == "delete":
            text = text[:p] + text[p + 1 :]
        elif what == "indent":
            text = text[:start] + " " + text[start:]
        elif what == "dedent":
            text = text[:start] + text[start:].removeprefix(" ")
        elif what == "double":
            text = text[:start] + text[start:end] * 2 + text[end:]
        else:
            text = text[:start] + text[end:]
    return text


@pytest.mark.skipif(not _SMALL_CASSETTES, reason="no small sample cassettes")
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SMALL_CASSETTES or [SAMPLES]), _EDITS)
def test_edited_cassettes_read_as_libyaml_reads_them(path: Any, edits: list[tuple[float, str, str]]) -> None:
    verdict, why = compare(_edited(path.read_text(encoding="utf-8"), edits).encode("utf-8"))
    event(verdict)
    assert verdict != "different", why


@given(st.binary(max_size=200))
def test_any_bytes_give_the_reference_document_or_none(data: bytes) -> None:
    verdict, why = compare(data)
    assert verdict != "different", why


# -- worst cases: every path is linear -------------------------------------------------------------

_SIZE = 200_000
WORST_CASES = {
    "a key line of spaces": "a" + " " * _SIZE + ": x\n",
    "a long key": "k" * _SIZE + ": x\n",
    "':x' repeated": "a: " + ":x" * (_SIZE // 2) + "\n",
    "unterminated quotes": "a: 'x\n" * (_SIZE // 6),
    "backslashed line ends": 'a: "' + "x\\\n " * (_SIZE // 4) + '"\n',
    "plain continuation lines": "a: x\n" + "  y\n" * (_SIZE // 4),
    "blank lines": "a: x\n" + "\n" * _SIZE,
    "an indented block": "a: |\n" + "  line\n" * (_SIZE // 7),
    "a long line of dashes": "- " * (_SIZE // 2) + "x\n",
}


@pytest.mark.parametrize("name", WORST_CASES)
def test_worst_cases_take_linear_time(name: str) -> None:
    data = WORST_CASES[name].encode()
    started = time.process_time()
    read_subset(data)
    # Linear cases take milliseconds here; a quadratic one would take minutes.
    assert time.process_time() - started < 2.0


def test_binary_bodies_decode_as_libyaml_decodes_them() -> None:
    blob = random.Random(7).randbytes(300)
    text = base64.encodebytes(blob).decode().replace("\n", "\n    ")
    data = f"body:\n  string: !!binary |\n    {text.rstrip()}\n".encode()
    assert compare(data) == ("identical", "")
    assert read_document(data).root["body"]["string"] == blob
