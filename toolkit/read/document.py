"""Bytes to a plain-data document that remembers where every node starts.

This is the only module that imports ``yaml``. It composes the file with
libyaml (``CSafeLoader``), then turns the node graph into plain Python values:
``YamlMap`` (a ``dict``) and ``YamlSeq`` (a ``list``) remember the 1-based
line and column of themselves and of each of their values, so any later stage
can say ``path:line:column`` without re-reading the file.

Safety: only plain YAML and the harmless tags that real cassettes carry are
built (see ``_TAG_HANDLERS``); any other tag is refused, never constructed.
vcrpy's own safe loader also reads two pickled request bodies, a ``BytesIO`` and an
iterator over chunks, by taking their data out of the node; so does this module (the
body's bytes, never the object), and every other ``python/object`` tag stays refused.
Aliases are shared rather than copied, and a document whose alias expansion
would exceed ``MAX_EXPANSION`` nodes or ``MAX_EXPANDED_CHARS`` characters is refused (the
"billion laughs", and one large scalar shared by many interactions), as is a recursive
alias and a document of more than ``MAX_NODES`` nodes (see ``toolkit.read.limits``).

``read_libyaml_document`` is the reference reader: ``toolkit.read.parse.read_document`` first
tries ``toolkit.read.subset``, a reader of the narrow YAML that recorders write that is faster
than composing with libyaml and gives the same document, and reads any other file here.

``read_source_map`` is for editing a file in place (``redact``): where each node is
written, as character offsets into the text, with its tag and scalar style.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from toolkit.model import START, Position
from toolkit.problems import ProblemCode
from toolkit.read.expansion import RecursiveAliasError, measure_expansion
from toolkit.read.limits import MAX_EXPANDED_CHARS, MAX_EXPANSION, MAX_INTEGER_DIGITS, MAX_NODES

__all__ = [
    "START",
    "Document",
    "DocumentError",
    "DuplicateKey",
    "NodeSpan",
    "Position",
    "ScalarStyle",
    "SourceMap",
    "YamlMap",
    "YamlSeq",
    "build_scalar",
    "implicit_first_characters",
    "position_of",
    "read_libyaml_document",
    "read_source_map",
    "resolve_plain",
    "without_cyclic_collection",
]


class YamlMap(dict[Any, Any]):
    """A mapping that remembers its own position and the position of each value."""

    __slots__ = ("position", "value_positions")

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        self.value_positions: dict[Any, Position] = {}

    def position_of(self, key: Any) -> Position:
        """Where the value of ``key`` starts, or the mapping itself when it is absent."""
        return self.value_positions.get(key, self.position)


class YamlSeq(list[Any]):
    """A sequence that remembers its own position and the position of each item."""

    __slots__ = ("item_positions", "position")

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        self.item_positions: list[Position] = []

    def position_of(self, index: int) -> Position:
        """Where item ``index`` starts, or the sequence itself when out of range."""
        if 0 <= index < len(self.item_positions):
            return self.item_positions[index]
        return self.position


def position_of(container: Any, key: Any = None) -> Position:
    """Position of ``container[key]`` (or of ``container`` when ``key`` is None)."""
    if isinstance(container, YamlMap | YamlSeq):
        return container.position if key is None else container.position_of(key)
    return START


class DuplicateKey(NamedTuple):
    """A mapping key written twice; the later value wins, as in every recorder."""

    key: str
    position: Position


class Document(NamedTuple):
    """A parsed cassette file: its root value, what the parser noticed, and the YAML (or JSON)
    text it was read from (None when its positions are not those of a text)."""

    root: Any
    duplicate_keys: tuple[DuplicateKey, ...] = ()
    text: bytes | None = None


class DocumentError(Exception):
    """The bytes could not become a document; carries a problem code and a position."""

    def __init__(self, code: ProblemCode, message: str, position: Position = START) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.position = position


class _TooManyNodesError(Exception):
    pass


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader with a faster tag resolver (the one part of composing done in Python).

    A quoted scalar is always a string, so its implicit resolvers need not run; a plain
    scalar tries only the resolvers registered for its first character, as ``Resolver``
    does (the safe loader registers no wildcard resolvers and no path resolvers).
    The resolver is asked once per node without an explicit tag: it counts them, and stops
    composing past ``MAX_NODES``.
    """

    resolved = 0

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        self.resolved += 1
        if self.resolved > MAX_NODES:
            raise _TooManyNodesError
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                if pattern.match(value):
                    return tag
            return _STR
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


_IMPLICIT: dict[str, list[tuple[str, Any]]] = _Loader.yaml_implicit_resolvers


def implicit_first_characters() -> frozenset[str]:
    """The first characters of the plain scalars an implicit tag may resolve; any other is a string."""
    return frozenset(first for first in _IMPLICIT if first)


def resolve_plain(text: str) -> str:
    """The tag the safe loader gives a plain (unquoted, untagged) scalar written ``text``."""
    for tag, pattern in _IMPLICIT.get(text[:1], ()):
        if pattern.match(text):
            return str(tag)
    return _STR


def build_scalar(tag: str, text: str) -> Any:
    """The value the readers build for a scalar ``text`` with the (full) ``tag``.

    Raises ``DocumentError`` for a tag it refuses and a value its tag does not allow, at
    the start of the file (the caller knows better where the scalar is).
    """
    if tag == _STR:
        return text
    handler = _TAG_HANDLERS.get(tag)
    if handler is None:
        raise DocumentError(ProblemCode.UNSAFE_TAG, f"refusing YAML tag {tag!r}")
    # Scalar handlers read only the node; a fresh builder keeps any state they might set apart.
    return handler(_Builder(), ScalarNode(tag, text, _NO_MARK, _NO_MARK))


def read_libyaml_document(data: bytes) -> Document:
    """Parse YAML (or JSON) bytes into a positioned plain-data document, with libyaml: the
    reference reader, which reads any YAML."""
    with without_cyclic_collection():
        node, resolved = _compose(data)
        if node is None:
            return Document(root=None)
        builder = _Builder()
        try:
            root = builder.build(node, resolved)
        except RecursionError as e:
            raise DocumentError(ProblemCode.SYNTAX, "YAML nesting is too deep to read") from e
    return Document(root=root, duplicate_keys=tuple(builder.duplicates), text=data)


@contextmanager
def without_cyclic_collection() -> Iterator[None]:
    """Pause Python's cycle collector while a file is parsed: a document is a tree of small
    objects without cycles (a recursive alias is refused), and collecting the youngest
    generation every 700 allocations made reading 20,000 interactions four times slower in
    every command. Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _compose(data: bytes) -> tuple[Node | None, int]:
    """The node graph, and how many of its nodes the resolver saw (those without a tag)."""
    loader = _Loader(data)
    try:
        return loader.get_single_node(), loader.resolved
    except _TooManyNodesError:
        raise DocumentError(
            ProblemCode.RESOURCE_LIMIT,
            f"the document holds more than {MAX_NODES:,} YAML nodes; refusing to read it",
        ) from None
    except yaml.MarkedYAMLError as e:
        raise _syntax_error(e) from e
    except yaml.YAMLError as e:  # ReaderError: invalid UTF-8, control characters
        raise DocumentError(ProblemCode.UNREADABLE, _reader_message(e), _reader_position(e, data)) from e
    finally:
        loader.dispose()


def _syntax_error(e: yaml.MarkedYAMLError) -> DocumentError:
    mark = e.problem_mark or e.context_mark
    position = Position(mark.line + 1, mark.column + 1) if mark else START
    text = " ".join(str(part) for part in (e.context, e.problem) if part)
    return DocumentError(ProblemCode.SYNTAX, f"YAML syntax error: {text}", position)


def _reader_message(e: yaml.YAMLError) -> str:
    reason = getattr(e, "reason", None) or str(e).splitlines()[0]
    return f"not a readable text file: {reason}"


def _reader_position(e: yaml.YAMLError, data: bytes) -> Position:
    offset = getattr(e, "position", None)
    if not isinstance(offset, int):
        return START
    head = data[:offset]
    line = head.count(b"\n") + 1
    return Position(line, offset - (head.rfind(b"\n") + 1) + 1)


def _mark(node: Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


_SCALARS = SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_NO_MARK = yaml.Mark("<scalar>", 0, 0, 0, "", 0)
_PY = "tag:yaml.org,2002:python/"
_ISTR = ("object/apply:multidict._multidict.istr", "object/new:multidict._multidict.istr")


class _Builder:
    """Turns a composed node graph into positioned plain data, once per node."""

    def __init__(self) -> None:
        self.built: dict[int, Any] = {}
        #: Child slots of the collections built, and nodes the resolver did not see (those
        #: with an explicit tag): more slots than nodes means that some node is shared.
        self.slots = 1
        self.tagged = 0
        self.duplicates: list[DuplicateKey] = []
        #: Where the value of a node really starts when it is not where the node starts (a
        #: pickled body's bytes), so that a finding, or an edit, lands on the right scalar.
        self.moved: dict[int, Position] = {}

    def build(self, node: Node, resolved: int) -> Any:
        """The plain data of the graph under ``node``, whose untagged nodes the resolver counted."""
        value = self._build(node)
        if self.slots > resolved + self.tagged:  # an alias (or an explicit tag that was not counted)
            _check_expansion(node)
        return value

    def _build(self, node: Node) -> Any:
        if isinstance(node, ScalarNode):
            if node.tag == _STR:
                return node.value
            return self._scalar(node)
        key = id(node)
        if key in self.built:  # an alias: share, do not copy
            return self.built[key]
        if node.tag not in _IMPLICIT_TAGS:
            self.tagged += 1
        handler = _TAG_HANDLERS.get(node.tag)
        if handler is not None:
            value = handler(self, node)
            self.built[key] = value
            return value
        if isinstance(node, MappingNode) and node.tag == "tag:yaml.org,2002:map":
            return self._mapping(node)
        if isinstance(node, SequenceNode) and node.tag in _SEQUENCE_TAGS:
            return self._sequence(node)
        raise _unsafe(node)

    def _scalar(self, node: ScalarNode) -> Any:
        key = id(node)
        if key in self.built:  # an alias of a tagged scalar (a !!binary body): decoded once
            return self.built[key]
        handler = _TAG_HANDLERS.get(node.tag)
        if handler is None:
            raise _unsafe(node)
        if node.tag not in _IMPLICIT_TAGS:
            self.tagged += 1
        value = self.built[key] = handler(self, node)
        return value

    # The two loops below run for every node of every file: plain string scalars (most
    # keys and values) are taken as they are, without a call to ``_build``.

    def _mapping(self, node: MappingNode) -> YamlMap:
        result = YamlMap(_mark(node))
        self.built[id(node)] = result
        self.slots += 2 * len(node.value)
        positions = result.value_positions
        for key_node, value_node in node.value:
            key = key_node.value if _is_str(key_node) else self._key(key_node)
            if key in result:
                self.duplicates.append(DuplicateKey(str(key), _mark(key_node)))
            if _is_str(value_node):
                result[key] = value_node.value
                mark = value_node.start_mark
                positions[key] = Position(mark.line + 1, mark.column + 1)
            else:
                result[key] = self._build(value_node)
                positions[key] = self._position(value_node)
        return result

    def _sequence(self, node: SequenceNode) -> YamlSeq:
        result = YamlSeq(_mark(node))
        self.built[id(node)] = result
        self.slots += len(node.value)
        positions = result.item_positions
        for item in node.value:
            if _is_str(item):
                result.append(item.value)
                mark = item.start_mark
                positions.append(Position(mark.line + 1, mark.column + 1))
            else:
                result.append(self._build(item))
                positions.append(self._position(item))
        return result

    def skip(self, node: Node) -> None:
        """Count the nodes under ``node``, which a tag handler reads without building them."""
        stack, seen = list(_children(node)), {id(node)}
        while stack:
            child = stack.pop()
            self.slots += 1
            if id(child) in seen:
                continue
            seen.add(id(child))
            if child.tag not in _IMPLICIT_TAGS:
                self.tagged += 1
            stack.extend(_children(child))

    def _position(self, node: Node) -> Position:
        return self.moved.get(id(node)) or _mark(node)

    def _key(self, node: Node) -> Any:
        key = self._build(node)
        if isinstance(key, list | dict):
            raise DocumentError(ProblemCode.SYNTAX, "a mapping key is itself a collection", _mark(node))
        return key


def _check_expansion(root: Node) -> None:
    """Refuse a graph whose aliases expand it past the budgets, or expand without end."""
    try:
        expansion = measure_expansion(root)
    except RecursiveAliasError as e:
        raise DocumentError(
            ProblemCode.RESOURCE_LIMIT,
            "a recursive alias: this node contains itself, so it would expand without end",
            _mark(e.node),
        ) from None
    nodes, chars, written_nodes, written_chars = expansion
    if nodes - written_nodes > MAX_EXPANSION:
        raise DocumentError(
            ProblemCode.RESOURCE_LIMIT,
            f"aliases would expand to {nodes:,} nodes (limit {MAX_EXPANSION:,} more "
            f"than the {written_nodes:,} written); refusing a possible alias bomb",
            _mark(root),
        )
    if chars - written_chars > MAX_EXPANDED_CHARS:
        raise DocumentError(
            ProblemCode.RESOURCE_LIMIT,
            f"aliases would expand the text to {chars:,} characters (limit {MAX_EXPANDED_CHARS:,} "
            f"more than the {written_chars:,} written); refusing a possible alias bomb",
            _mark(root),
        )


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [item for pair in node.value for item in pair]
    return list(node.value) if isinstance(node, SequenceNode) else []


def _is_str(node: Node) -> bool:
    """A plain string scalar (a collection tagged ``!!str`` is not one: it is refused)."""
    return node.tag == _STR and type(node) is ScalarNode


def _unsafe(node: Node) -> DocumentError:
    return DocumentError(
        ProblemCode.UNSAFE_TAG,
        f"refusing YAML tag {node.tag!r}: only plain data and the tags recorders write are read",
        _mark(node),
    )


def _standard(method: Callable[[SafeConstructor, Any], Any]) -> Callable[[_Builder, Node], Any]:
    def handle(_builder: _Builder, node: Node) -> Any:
        try:
            return method(_SCALARS, node)
        except (ConstructorError, ValueError, LookupError, TypeError, ArithmeticError) as e:
            # PyYAML raises a KeyError for ``!!bool maybe``, a ValueError for ``!!int 1:x``
            raise DocumentError(ProblemCode.SYNTAX, f"not a valid {_name(node)}", _mark(node)) from e

    return handle


def _name(node: Node) -> str:
    return f"!!{node.tag.removeprefix('tag:yaml.org,2002:')} value"


_YAML_INT = _standard(SafeConstructor.construct_yaml_int)


def _int(builder: _Builder, node: Node) -> Any:
    """An integer: plain decimals (status codes, lengths) directly, YAML 1.1's other forms
    (``0o17``, ``017`` octal, ``0x1F``, ``1_000``, ``1:30``) by PyYAML's constructor."""
    value = node.value
    if isinstance(value, str) and len(value) > MAX_INTEGER_DIGITS:
        raise DocumentError(
            ProblemCode.RESOURCE_LIMIT,
            f"an integer of {len(value):,} characters (the limit is {MAX_INTEGER_DIGITS:,} digits)",
            _mark(node),
        )
    if isinstance(value, str) and value.isascii() and value.isdigit() and (value[0] != "0" or value == "0"):
        return int(value)
    return _YAML_INT(builder, node)


def _plain_string(_builder: _Builder, node: Node) -> Any:
    if isinstance(node, ScalarNode):
        return str(node.value)
    raise _unsafe(node)


def _binary(_builder: _Builder, node: Node) -> bytes:
    if not isinstance(node, ScalarNode):
        raise _unsafe(node)
    text = "".join(str(node.value).split())
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as e:
        raise DocumentError(ProblemCode.SYNTAX, "a binary value is not valid base64", _mark(node)) from e


def _istr(builder: _Builder, node: Node) -> str:
    """multidict's case-insensitive header name: the one argument is the name."""
    builder.skip(node)
    args: Any = None
    if isinstance(node, SequenceNode):
        args = node.value
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "args" and isinstance(value, SequenceNode):
                args = value.value
    elif isinstance(node, ScalarNode):
        return str(node.value)
    if args and isinstance(args[0], ScalarNode):
        return str(args[0].value)
    raise _unsafe(node)


def _pickled_fields(builder: _Builder, node: Node) -> YamlMap:
    """The ``args`` / ``state`` mapping of a pickled object, built as plain data (nested tags
    go through the same handlers, so an unsafe one inside is refused too)."""
    if not isinstance(node, MappingNode):
        raise _unsafe(node)  # vcrpy's loader reads only the mapping form
    return builder._mapping(node)


def _body_value(value: Any, node: Node, what: str) -> bytes | str:
    if value is None:
        return b""
    if isinstance(value, bytes | str):
        return value
    raise DocumentError(ProblemCode.SYNTAX, f"{what} holds no bytes or text", _mark(node))


def _bytesio(builder: _Builder, node: Node) -> bytes | str:
    """A file-like request body as vcrpy pickled it (``!!python/object/new:_io.BytesIO``).

    The ``state`` tuple starts with the buffer's content, which vcrpy's safe loader turns
    back into the body (the stream position and the rest of the state are ignored, as
    there). The value is that content, bytes or text as written.
    """
    fields = _pickled_fields(builder, node)
    state = fields.get("state")
    if not state:
        return b""
    if not isinstance(state, YamlSeq):
        raise DocumentError(ProblemCode.SYNTAX, "a BytesIO body's state is not a tuple", _mark(node))
    builder.moved[id(node)] = state.position_of(0)
    return _body_value(state[0], node, "a BytesIO body")


def _iterator(builder: _Builder, node: Node) -> bytes | str:
    """An iterator request body as vcrpy pickled it (``!!python/object/apply:builtins.iter``).

    ``args`` holds the sequence the iterator ran over; vcrpy's safe loader iterates over it
    again and the request body is its chunks joined. One chunk keeps its place (and its
    text or bytes); several are joined into bytes written at the node itself.
    """
    fields = _pickled_fields(builder, node)
    args = fields.get("args")
    if not args:
        return b""
    if not isinstance(args, YamlSeq):
        raise DocumentError(ProblemCode.SYNTAX, "an iterator body's args are not a list", _mark(node))
    chunks = args[0]
    if not isinstance(chunks, YamlSeq):
        builder.moved[id(node)] = args.position_of(0)
        return _body_value(chunks, node, "an iterator body")
    parts = [_body_value(chunk, node, "an iterator body's chunk") for chunk in chunks]
    if len(parts) == 1:
        builder.moved[id(node)] = chunks.position_of(0)
        return parts[0]
    return b"".join(part.encode("utf-8") if isinstance(part, str) else part for part in parts)


def _sequence(builder: _Builder, node: Node) -> Any:
    if isinstance(node, SequenceNode):
        return builder._sequence(node)
    raise _unsafe(node)


#: The tags the resolver gives nodes written without one.
_IMPLICIT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "merge", "value", "map", "seq")
)

_SEQUENCE_TAGS = frozenset(
    {"tag:yaml.org,2002:seq", _PY + "tuple", "tag:yaml.org,2002:omap", "tag:yaml.org,2002:pairs"}
)

_TAG_HANDLERS: dict[str, Callable[[_Builder, Node], Any]] = {
    "tag:yaml.org,2002:null": _standard(SafeConstructor.construct_yaml_null),
    "tag:yaml.org,2002:bool": _standard(SafeConstructor.construct_yaml_bool),
    "tag:yaml.org,2002:int": _int,
    "tag:yaml.org,2002:float": _standard(SafeConstructor.construct_yaml_float),
    # Timestamps stay text: recorders write them as strings and JSON Schema wants strings.
    "tag:yaml.org,2002:timestamp": _plain_string,
    "tag:yaml.org,2002:binary": _binary,
    "tag:yaml.org,2002:merge": _plain_string,
    "tag:yaml.org,2002:value": _plain_string,
    _PY + "unicode": _plain_string,
    _PY + "str": _plain_string,
    _PY + "tuple": _sequence,
    _PY + _ISTR[0]: _istr,
    _PY + _ISTR[1]: _istr,
    _PY + "object/new:_io.BytesIO": _bytesio,
    _PY + "object/apply:builtins.iter": _iterator,
    "!binary": _binary,  # Ruby VCR's local tag for ASCII-8BIT strings
}


#: How a scalar is written: plain, 'single', "double" quoted, | literal or > folded block.
ScalarStyle = Literal["plain", "single", "double", "literal", "folded"]
_STYLES: dict[str | None, ScalarStyle] = {
    None: "plain",
    "": "plain",
    "'": "single",
    '"': "double",
    "|": "literal",
    ">": "folded",
}


@dataclass(frozen=True, slots=True)
class NodeSpan:
    """Where one node is written: ``text[start:end]`` of its ``SourceMap`` (tag and anchor included).

    ``value`` is a scalar's text once YAML's quoting, escapes and folding are undone (before
    its tag is applied: a ``!!binary`` value is still base64); empty for collections.
    """

    position: Position
    start: int
    end: int
    kind: Literal["scalar", "mapping", "sequence"]
    tag: str
    style: ScalarStyle | None
    value: str


@dataclass(frozen=True, slots=True)
class SourceMap:
    """A file's text (UTF-8, without a byte order mark) and its nodes in document order.

    Nodes are listed in pre-order, which is also the order of their start offsets.
    """

    text: str
    nodes: tuple[NodeSpan, ...]
    has_bom: bool = False
    _by_position: dict[Position, list[NodeSpan]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for node in self.nodes:
            self._by_position.setdefault(node.position, []).append(node)

    def scalar_at(self, position: Position) -> NodeSpan | None:
        """The scalar node starting at ``position`` (a model position), if any."""
        return next((n for n in self._by_position.get(position, ()) if n.kind == "scalar"), None)

    def collection_at(self, position: Position) -> NodeSpan | None:
        """The outermost mapping or sequence starting at ``position``, if any."""
        return next((n for n in self._by_position.get(position, ()) if n.kind != "scalar"), None)

    def scalars_within(self, node: NodeSpan) -> list[NodeSpan]:
        """Every scalar written inside ``node`` (itself, when it is one)."""
        first = bisect.bisect_left(self.nodes, node.start, key=lambda n: n.start)
        found: list[NodeSpan] = []
        for candidate in self.nodes[first:]:
            if candidate.start >= node.end:
                break
            if candidate.kind == "scalar" and candidate.end <= node.end:
                found.append(candidate)
        return found

    def index_of(self, node: NodeSpan) -> int:
        """Where ``node`` (one of this map's) is in ``nodes``: found by its start, not by a
        comparison with every node (a file of thousands of secrets would take quadratic time)."""
        at = bisect.bisect_left(self.nodes, node.start, key=lambda n: n.start)
        while at < len(self.nodes) and self.nodes[at].start == node.start:
            if self.nodes[at] is node:
                return at
            at += 1
        raise ValueError("the node is not one of this source map's")


def read_source_map(data: bytes) -> SourceMap:
    """Every node of a YAML (or JSON) file with its character span, tag and style.

    The offsets are libyaml's, which count characters of the text without its byte order
    mark. Raises ``DocumentError`` for text that is not UTF-8 or not well-formed YAML.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DocumentError(ProblemCode.UNREADABLE, f"not UTF-8 text: {e.reason}") from e
    has_bom = text.startswith("\ufeff")
    try:
        root = yaml.compose(data, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        raise _syntax_error(e) from e
    except yaml.YAMLError as e:
        raise DocumentError(ProblemCode.UNREADABLE, _reader_message(e)) from e
    nodes: list[NodeSpan] = []
    if root is not None:
        _collect(root, nodes, set())
    return SourceMap(text[1:] if has_bom else text, tuple(nodes), has_bom)


def _collect(root: Node, out: list[NodeSpan], seen: set[int]) -> None:
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue  # an alias: the node is written once, where its anchor is
        seen.add(id(node))
        out.append(_span(node))
        if isinstance(node, MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def _span(node: Node) -> NodeSpan:
    if isinstance(node, ScalarNode):
        kind: Literal["scalar", "mapping", "sequence"] = "scalar"
        style: ScalarStyle | None = _STYLES.get(node.style, "plain")
        value = str(node.value)
    else:
        kind = "mapping" if isinstance(node, MappingNode) else "sequence"
        style, value = None, ""
    return NodeSpan(_mark(node), node.start_mark.index, node.end_mark.index, kind, node.tag, style, value)
