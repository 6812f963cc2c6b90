"""The positioned YAML reader: safe tags, positions, and hostile documents."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.problems import ProblemCode
from toolkit.read.document import DocumentError, Position, YamlMap, YamlSeq
from toolkit.read.parse import read_document


def test_positions_are_one_based_and_point_at_values() -> None:
    doc = read_document(b"a: 1\nb:\n  - x\n  - {c: d}\n")
    root = doc.root
    assert isinstance(root, YamlMap)
    assert root.position == Position(1, 1)
    assert root.position_of("a") == Position(1, 4)
    assert isinstance(root["b"], YamlSeq)
    assert root["b"].item_positions == [Position(3, 5), Position(4, 5)]
    assert root["b"][1].position_of("c") == Position(4, 9)


def test_recorder_tags_become_plain_data() -> None:
    text = b"""
headers:
  ? !!python/object/apply:multidict._multidict.istr
  - Accept
  : - !!python/unicode 'json'
  ? !!python/object/new:multidict._multidict.istr
  - Host
  : !!python/tuple [a, b]
body: !!binary aGk=
ruby: !binary |-
  aGk=
"""
    root = read_document(text).root
    assert root["headers"] == {"Accept": ["json"], "Host": ["a", "b"]}
    assert root["body"] == b"hi"
    assert root["ruby"] == b"hi"


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system ['echo pwned']",
        "!!python/name:os.system",
        "!!python/object:collections.OrderedDict {}",
        "!ruby/object:Foo {}",
        "!!set {a: null}",
    ],
)
def test_unsafe_tags_are_refused_not_built(tag: str) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(f"key: {tag}\n".encode())
    assert caught.value.code == ProblemCode.UNSAFE_TAG
    assert caught.value.position == Position(1, 6)


_BYTESIO = """\
body: !!python/object/new:_io.BytesIO
  state: !!python/tuple
  - !!binary |
    eyJhIjogMX0=
  - 0
  - null
"""


def test_pickled_bytesio_body_is_its_bytes_at_its_scalar() -> None:
    root = read_document(_BYTESIO.encode()).root
    assert root["body"] == b'{"a": 1}'
    assert root.position_of("body") == Position(3, 5)  # the !!binary scalar, not the BytesIO tag


@pytest.mark.parametrize(
    ("text", "body", "position"),
    [
        (
            "body: !!python/object/apply:builtins.iter\n  args:\n  - - !!binary YWI=\n    - cd\n  state: 0\n",
            b"abcd",
            Position(1, 7),
        ),
        (
            "body: !!python/object/apply:builtins.iter\n  args:\n  - - 'text'\n  state: 0\n",
            "text",
            Position(3, 7),
        ),
        ("body: !!python/object/apply:builtins.iter\n  args: [!!binary YWI=]\n", b"ab", Position(2, 10)),
        ("body: !!python/object/apply:builtins.iter {args: [[]]}\n", b"", Position(1, 7)),
        ("body: !!python/object/apply:builtins.iter {}\n", b"", Position(1, 7)),
        (
            "body: !!python/object/new:_io.BytesIO {state: !!python/tuple [hi, 2, null]}\n",
            "hi",
            Position(1, 63),
        ),
        ("body: !!python/object/new:_io.BytesIO {state: !!python/tuple [null]}\n", b"", Position(1, 63)),
        ("body: !!python/object/new:_io.BytesIO {}\n", b"", Position(1, 7)),
    ],
)
def test_pickled_iterator_and_bytesio_bodies(text: str, body: bytes | str, position: Position) -> None:
    # As vcrpy's safe loader rebuilds them: the iterator's chunks joined, BytesIO's content.
    root = read_document(text.encode()).root
    assert root["body"] == body
    assert root.position_of("body") == position


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # Only the two exact tags, only in their mapping form, and nothing unsafe inside them.
        ("body: !!python/object/new:io.BytesIO {state: [aGk=]}", Position(1, 7)),
        ("body: !!python/object/new:_io.StringIO {state: [hi]}", Position(1, 7)),
        ("body: !!python/object/apply:builtins.eval ['1+1']", Position(1, 7)),
        ("body: !!python/object/apply:builtins.iter [[a, b]]", Position(1, 7)),
        ("body: !!python/object/new:_io.BytesIO [aGk=]", Position(1, 7)),
        ("body: !!python/object/new:_io.BytesIO hi", Position(1, 7)),
        (
            "body: !!python/object/apply:builtins.iter {args: [!!python/object/apply:os.getcwd []]}",
            Position(1, 51),
        ),
        ("body: !!python/object/new:_io.BytesIO {state: [!!python/name:os.system ]}", Position(1, 48)),
    ],
)
def test_other_pickled_objects_stay_refused(text: str, position: Position) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(text.encode() + b"\n")
    assert (caught.value.code, caught.value.position) == (ProblemCode.UNSAFE_TAG, position)


@pytest.mark.parametrize(
    "text",
    [
        "body: !!python/object/new:_io.BytesIO {state: 5}",
        "body: !!python/object/new:_io.BytesIO {state: [5]}",
        "body: !!python/object/apply:builtins.iter {args: [[1, 2]]}",
        "body: !!python/object/apply:builtins.iter {args: x}",
    ],
)
def test_pickled_bodies_without_bytes_are_syntax_errors(text: str) -> None:
    # vcrpy's loader cannot build these either (BytesIO(5), b"".join([1, 2])).
    with pytest.raises(DocumentError) as caught:
        read_document(text.encode() + b"\n")
    assert (caught.value.code, caught.value.position) == (ProblemCode.SYNTAX, Position(1, 7))


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    with pytest.raises(DocumentError) as caught:
        read_document("\n".join(lines).encode())
    assert caught.value.code == ProblemCode.RESOURCE_LIMIT


def test_small_aliases_are_shared() -> None:
    root = read_document(b"a: &h [1, 2]\nb: *h\n").root
    assert root["a"] is root["b"]


def test_duplicate_keys_are_noted_and_the_last_wins() -> None:
    doc = read_document(b"a: 1\nb: 2\na: 3\n")
    assert doc.root["a"] == 3
    assert [(d.key, d.position) for d in doc.duplicate_keys] == [("a", Position(3, 1))]


@pytest.mark.parametrize(
    ("text", "code", "position"),
    [
        (b"a:\n\tb: 1\n", ProblemCode.SYNTAX, Position(2, 1)),
        (b"a: 'unterminated\n", ProblemCode.SYNTAX, Position(2, 1)),
        (b"a: 1\n---\nb: 2\n", ProblemCode.SYNTAX, Position(2, 1)),
        (b"a: \xff\xfe\xfa\n", ProblemCode.UNREADABLE, Position(1, 4)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", ProblemCode.UNREADABLE, Position(1, 1)),
    ],
)
def test_unreadable_documents_say_where(text: bytes, code: ProblemCode, position: Position) -> None:
    with pytest.raises(DocumentError) as caught:
        read_document(text)
    assert caught.value.code == code
    assert caught.value.position == position


def test_bom_and_crlf() -> None:
    root = read_document(b"\xef\xbb\xbfversion: 2\r\ninteractions:\r\n- id: 0\r\n").root
    assert root["version"] == 2
    assert root["interactions"].item_positions == [Position(3, 3)]


def test_empty_document() -> None:
    assert read_document(b"").root is None
    assert read_document(b"# only a comment\n").root is None


@given(st.binary(max_size=200))
def test_any_bytes_give_a_document_or_a_clean_error(data: bytes) -> None:
    try:
        read_document(data)
    except DocumentError as e:
        assert e.code in set(ProblemCode)
        assert e.position.line >= 1 and e.position.column >= 1


@given(st.text(alphabet="ab:-[]{}&*!\n '\"|>#?,", max_size=60))
def test_any_yamlish_text_gives_a_document_or_a_clean_error(text: str) -> None:
    try:
        read_document(text.encode())
    except DocumentError as e:
        assert e.position.line >= 1


def _tags(node: object) -> list[str]:
    from yaml.nodes import MappingNode, SequenceNode

    out, stack = [], [node]
    while stack:
        item = stack.pop()
        out.append(item.tag)  # type: ignore[attr-defined]
        if isinstance(item, MappingNode):
            stack.extend(n for pair in item.value for n in pair)
        elif isinstance(item, SequenceNode):
            stack.extend(item.value)
    return out


@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "~",
                "null",
                "yes",
                "No",
                "0x1F",
                "1_000",
                "0o17",
                "1.5e3",
                ".inf",
                "-.NaN",
                "2024-05-01",
                "12:30:00",
                "'1'",
                '"true"',
                "<<",
                "=",
                "abc",
            ]
        ),
        min_size=1,
        max_size=8,
    )
)
def test_fast_resolver_tags_every_scalar_as_libyaml_does(words: list[str]) -> None:
    import yaml

    from toolkit.read.document import _Loader

    text = "\n".join(f"k{i}: {w}" for i, w in enumerate(words)) + "\nl: [" + ", ".join(words) + "]\n"
    try:
        expected = _tags(yaml.compose(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        return
    assert _tags(yaml.compose(text, Loader=_Loader)) == expected


#: YAML 1.1 integers: decimal, octal (a leading 0), hexadecimal, binary, sexagesimal.
YAML_INTS = r"[-+]?(0|[0-9][0-9_]*|0x[0-9a-fA-F_]+|0b[01_]+|[1-9][0-9_]*(:[0-5]?[0-9])+)"


@given(st.from_regex(YAML_INTS, fullmatch=True))
def test_integers_are_read_as_pyyaml_reads_them(text: str) -> None:
    import yaml

    try:
        expected = yaml.load(f"a: {text}\n", Loader=yaml.CSafeLoader)["a"]
    except ValueError:  # PyYAML's own constructor fails on a few (``0b_``): ours says where
        with pytest.raises(DocumentError):
            read_document(f"a: {text}\n".encode())
        return
    assert read_document(f"a: {text}\n".encode()).root["a"] == expected
