"""Redact one cassette's text: find its blocking secrets, edit the scalars holding them, check.

No I/O (``toolkit.redact.files`` reads and writes). The steps:

1. read the cassette (``toolkit.read.parse``) and scan it (``toolkit.analyze.secrets``, through the
   file's ``toolkit.analyze.cassette.AnalyzedCassette``, which the chooser's lint and the checks
   share) for blocking secrets (CT201, CT202); account identifiers and test-mode keys are left
   alone, and so is whatever the caller's ``choose`` leaves out (the command's ``toolkit.redact.policy``: the
   project's allowed values, ignores and baseline);
2. find the scalar each secret sits in (``toolkit.read.document.read_source_map``) and compute
   its new value: a header gets ``<REDACTED:kind>``; a URL, a go-vcr form value or a
   ``parsed_body`` string gets a same-length ``REDACTEDXXX`` placeholder; a body is redacted
   in its decoded content and encoded again (``toolkit.redact.body``);
3. edit the text at those scalars only (``toolkit.redact.scalars``); a recorded length that a
   re-compressed body no longer matches (``Content-Length``, go-vcr ``content_length``) is
   updated with it. An httprr trace is not YAML: its raw messages are edited and its length
   prefixes written again (``toolkit.redact.trace``);
4. check the result: every node reads back with its old value except the edited ones, which
   read back with their new value (a scalar edited in place that does not is written again,
   double-quoted); no blocking secret is left; reading the cassette finds the same
   interactions and no schema or body problem (CT1xx, CT3xx) that was not there before.
   A file that fails a check is left as it was and the reason is reported.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.analyze.secrets import Leak
from toolkit.analyze.streams.detect import media_type
from toolkit.credentials.replacement import filler
from toolkit.model import Interaction
from toolkit.problems import Problem
from toolkit.read.document import DocumentError, NodeSpan, SourceMap, YamlMap, YamlSeq, read_source_map
from toolkit.read.parse import parse_cassette
from toolkit.redact.body import BodyEdit, PieceEdit, RedactionError, redact_body
from toolkit.redact.scalars import (
    render_double_quoted,
    rewrite_base64,
    rewrite_changed,
    rewrite_text,
    split_prefix,
)
from toolkit.redact.substitute import Layer, replace_all, written_spellings
from toolkit.redact.trace import redact_trace

__all__ = ["LeakChooser", "Redaction", "redact_text"]

#: Picks the leaks to replace from every leak of a file (``leaks()``; the default: every blocking one).
LeakChooser = Callable[[AnalyzedCassette], list[Leak]]

_BINARY_TAGS = frozenset({"tag:yaml.org,2002:binary", "!binary"})
_INTEGRITY_PREFIXES = ("CT1", "CT3")


@dataclass(frozen=True, slots=True)
class Redaction:
    """The outcome for one file: its text before and after, and what was replaced.

    ``after`` equals ``before`` when nothing was to be done, or when ``problem`` says why the
    file was left alone. ``remaining`` are secrets to replace still found after redaction;
    ``left_alone`` counts the blocking secrets the chooser kept (allowed or accepted);
    ``unscanned`` says where scanning for secrets failed (a bug, ``CT099``): what was found is
    replaced, but the file cannot be said to hold no other secret.
    """

    path: str
    before: bytes
    after: bytes
    redacted: tuple[Leak, ...] = ()
    remaining: tuple[Leak, ...] = ()
    problem: str | None = None
    lengths_updated: int = 0
    left_alone: int = 0
    unscanned: tuple[Problem, ...] = ()

    @property
    def changed(self) -> bool:
        return self.after != self.before


@dataclass(slots=True)
class _Plan:
    """Edits collected for one file: a new source text per node, the value it must read back."""

    source: SourceMap
    texts: dict[int, str] = field(default_factory=dict)
    values: dict[int, str] = field(default_factory=dict)
    lengths_updated: int = 0


def redact_text(data: bytes, path: str, choose: LeakChooser | None = None) -> Redaction:
    """Redact the (uncompressed) text of the cassette ``path``; ``path`` only names it.

    ``choose`` picks the secrets to replace (default: every blocking one).
    """
    choose = choose or _blocking
    name = path.removesuffix(".gz")
    analyzed = AnalyzedCassette.of(parse_cassette(data, name))
    if analyzed.document is None:
        return Redaction(path, data, data, problem=_unreadable(analyzed))
    redaction = _redact(data, path, analyzed, choose)
    return replace(redaction, unscanned=tuple(analyzed.failures)) if analyzed.failures else redaction


def _redact(data: bytes, path: str, analyzed: AnalyzedCassette, choose: LeakChooser) -> Redaction:
    leaks = choose(analyzed)
    left_alone = len(_blocking(analyzed)) - len(leaks)
    if not leaks:
        return Redaction(path, data, data, left_alone=left_alone)
    try:
        if analyzed.cassette.format == "httprr":
            after, lengths = _redacted_trace(data, analyzed, leaks)
        else:
            after, lengths = _redacted(data, analyzed, read_source_map(data), leaks)
    except (DocumentError, RedactionError, ValueError) as e:
        return Redaction(path, data, data, tuple(leaks), tuple(leaks), problem=str(e), left_alone=left_alone)
    checked = _checked(path, data, after, analyzed, tuple(leaks), choose=choose)
    return replace(checked, lengths_updated=lengths if checked.changed else 0, left_alone=left_alone)


def _blocking(analyzed: AnalyzedCassette) -> list[Leak]:
    return [leak for leak in analyzed.leaks() if leak.blocking]


def _unreadable(analyzed: AnalyzedCassette) -> str:
    problems = analyzed.cassette.problems
    return problems[0].message if problems else "the file cannot be read as a cassette"


def _redacted(
    data: bytes, analyzed: AnalyzedCassette, source: SourceMap, leaks: list[Leak]
) -> tuple[bytes, int]:
    plan = _Plan(source)
    interactions = {interaction.index: interaction for interaction in analyzed.cassette.interactions}
    bodies: dict[tuple[int, str], list[Leak]] = {}
    nodes: dict[int, list[Leak]] = {}
    for leak in leaks:
        site = leak.site
        if site.field == "body" and site.layer != "parsed_body":
            bodies.setdefault((leak.interaction, site.side), []).append(leak)
        else:
            nodes.setdefault(_node_index(source, leak), []).append(leak)
    for index, node_leaks in nodes.items():
        _plan_value(plan, index, node_leaks)
    for (number, side), body_leaks in bodies.items():
        _plan_body(plan, analyzed, interaction=interactions[number], side=side, leaks=body_leaks)
    return _assemble(data, plan), plan.lengths_updated


def _redacted_trace(data: bytes, analyzed: AnalyzedCassette, leaks: list[Leak]) -> tuple[bytes, int]:
    """An httprr trace: its raw messages edited, its length prefixes written again."""

    def edit_text(text: str, text_leaks: Sequence[Leak]) -> str:
        pairs = [
            (spelling, _placeholder(leak, spelling))
            for leak in text_leaks
            for spelling in written_spellings(text, leak.secret, _layers(leak))
        ]
        return replace_all(text, pairs)

    def edit_of(interaction: Interaction, side: str, body_leaks: Sequence[Leak]) -> BodyEdit:
        part = interaction.request if side == "request" else interaction.response
        content_type = media_type(part.headers.get("content-type"))
        return _body_edit(list(body_leaks), analyzed, interaction, content_type)

    return redact_trace(data, analyzed.cassette.interactions, leaks, edit_text, edit_of)


def _node_index(source: SourceMap, leak: Leak) -> int:
    node = source.scalar_at(leak.site.position)
    if node is None:
        line, column = leak.site.position
        raise RedactionError(f"no scalar at line {line} column {column} holds the secret")
    return source.index_of(node)


def _placeholder(leak: Leak, spelling: str) -> str:
    """``<REDACTED:kind>`` for a header value written as is; elsewhere letters, as long as the
    secret is (URL: decoded) or as its spelling (an encoded header value, a body)."""
    if leak.site.field == "header" and spelling == leak.secret:
        return f"<REDACTED:{leak.match.kind}>"
    return filler(len(leak.secret) if leak.site.field == "url" else len(spelling))


def _layers(leak: Leak) -> tuple[Layer, ...]:
    if leak.site.field == "url":
        return ("url",)
    if leak.site.layer == "parsed_body":
        return ("json",)
    return ()


def _pairs(text: str, leaks: list[Leak]) -> list[tuple[str, str]]:
    return [
        (spelling, _placeholder(leak, spelling))
        for leak in leaks
        for spelling in written_spellings(text, leak.secret, _layers(leak))
    ]


def _plan_value(plan: _Plan, index: int, leaks: list[Leak]) -> None:
    """A header value, the URL, a go-vcr form value or a parsed_body string."""
    node = plan.source.nodes[index]
    text = plan.source.text[node.start : node.end]
    if node.tag in _BINARY_TAGS:
        raw = _b64decode(node.value).decode("utf-8", "surrogateescape")
        new_raw = replace_all(raw, _pairs(raw, leaks)).encode("utf-8", "surrogateescape")
        new_value = _like(node.value, base64.b64encode(new_raw).decode("ascii"))
        plan.texts[index], plan.values[index] = rewrite_base64(text, node, new_value), new_value
        return
    pairs = _pairs(node.value, leaks)
    new_value = replace_all(node.value, pairs)
    plan.texts[index], plan.values[index] = rewrite_text(text, node, pairs, new_value), new_value


def _b64decode(value: str) -> bytes:
    try:
        return base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError) as e:
        raise RedactionError("a base64 value that holds a secret is not valid base64") from e


def _like(old: str, encoded: str) -> str:
    """``encoded`` laid out as ``old`` was: the same line width, a final line break if it had one."""
    lines = old.split("\n")
    width = len(lines[0]) if len(lines) > 1 else 0
    if width <= 0:
        return encoded + ("\n" if old.endswith("\n") else "")
    wrapped = "\n".join(encoded[i : i + width] for i in range(0, len(encoded), width))
    return wrapped + ("\n" if old.endswith("\n") else "")


def _plan_body(
    plan: _Plan, analyzed: AnalyzedCassette, *, interaction: Interaction, side: str, leaks: list[Leak]
) -> None:
    part = interaction.request if side == "request" else interaction.response
    body = part.body
    if body.storage == "parsed_body":
        raise RedactionError(
            f"a secret of the {side} parsed_body of interaction {interaction.index} has no scalar"
        )
    node = plan.source.scalar_at(body.position)
    if node is None:
        raise RedactionError(f"no scalar holds the {side} body of interaction {interaction.index}")
    index = plan.source.index_of(node)
    edit = _body_edit(leaks, analyzed, interaction, media_type(part.headers.get("content-type")))
    stored = redact_body(body.stored, body.content, body.encoding, edit)
    if stored == body.stored:
        raise RedactionError(f"a secret of the {side} body of interaction {interaction.index} was not found")
    text = plan.source.text[node.start : node.end]
    if analyzed.cassette.format == "har" and body.storage == "string" and body.encoding:
        raise RedactionError(f"the {side} body of interaction {interaction.index} is Polly 2-4 hex chunks")
    if body.storage == "base64" and node.value.lstrip().startswith("["):
        # Polly's chunks of a content-encoded body, a JSON array of base64: now one chunk.
        new_value = json.dumps([base64.b64encode(stored).decode("ascii")])
        plan.texts[index], plan.values[index] = rewrite_changed(text, node, new_value), new_value
    elif body.storage in ("binary", "base64") or node.tag in _BINARY_TAGS:
        new_value = _like(node.value, base64.b64encode(stored).decode("ascii"))
        plan.texts[index], plan.values[index] = rewrite_base64(text, node, new_value), new_value
    else:
        new_value = stored.decode("utf-8", "surrogatepass")
        plan.texts[index], plan.values[index] = rewrite_changed(text, node, new_value), new_value
    if len(stored) != len(body.stored):
        _update_lengths(plan, analyzed, interaction, side, size=len(stored))


def _body_edit(
    leaks: list[Leak], analyzed: AnalyzedCassette, interaction: Interaction, media: str
) -> BodyEdit:
    secrets = tuple(leak.secret for leak in leaks if not leak.pieces)
    pieces = tuple(
        PieceEdit(piece, filler(len(leak.secret))[piece.at : piece.at + piece.end - piece.start])
        for leak in leaks
        for piece in leak.pieces
    )
    offsets: tuple[int, ...] = ()
    stream = analyzed.stream(interaction) if pieces else None  # pieces come from its events
    if stream is not None:
        offsets = tuple(event.byte_offset for event in stream.events)
    layers: tuple[Layer, ...] = ("json", "url") if media == "application/x-www-form-urlencoded" else ("json",)
    if any(leak.site.layer == "form" for leak in leaks):
        layers = ("json", "url")
    return BodyEdit(secrets, pieces, offsets, layers)


def _update_lengths(
    plan: _Plan, analyzed: AnalyzedCassette, interaction: Interaction, side: str, *, size: int
) -> None:
    """A re-compressed body changed size: so do the lengths that recorded the old size."""
    part = interaction.request if side == "request" else interaction.response
    body = part.body
    old = str(len(body.stored))
    for header in part.headers:
        if header.name.lower() == "content-length" and header.value.strip() == old:
            _set_number(plan, plan.source.scalar_at(header.position), old, size)
    root = analyzed.document.root if analyzed.document is not None else None
    items = root.get("interactions") if isinstance(root, YamlMap) else None
    if (
        isinstance(items, YamlSeq)
        and interaction.index < len(items)
        and isinstance(items[interaction.index], YamlMap)
    ):
        mapping = items[interaction.index].get(side)
        if isinstance(mapping, YamlMap) and mapping.get("content_length") == len(body.stored):
            _set_number(plan, plan.source.scalar_at(mapping.position_of("content_length")), old, size)


def _set_number(plan: _Plan, node: NodeSpan | None, old: str, size: int) -> None:
    if node is None:
        return
    index = plan.source.index_of(node)
    text = plan.source.text[node.start : node.end]
    plan.texts[index] = text.replace(old, str(size), 1)
    plan.values[index] = node.value.replace(old, str(size), 1)
    plan.lengths_updated += 1


def _assemble(data: bytes, plan: _Plan) -> bytes:
    """The edited text, checked node by node; a scalar that reads back wrong is re-rendered once."""
    text = _apply(plan)
    wrong = _misread(plan, text)
    if wrong:
        for index in wrong:
            node = plan.source.nodes[index]
            prefix, _ = split_prefix(plan.source.text[node.start : node.end])
            plan.texts[index] = prefix + render_double_quoted(plan.values[index])
        text = _apply(plan)
        if _misread(plan, text):
            raise RedactionError("the edited file does not read back as intended; it is left unchanged")
    return (b"\xef\xbb\xbf" if plan.source.has_bom else b"") + text.encode("utf-8")


def _apply(plan: _Plan) -> str:
    """The text with each edited node's new text: built once from its pieces (cutting and
    joining the whole text per edit took time in secrets times file size)."""
    text, at = plan.source.text, 0
    pieces: list[str] = []
    for index in sorted(plan.texts, key=lambda i: plan.source.nodes[i].start):
        node = plan.source.nodes[index]
        pieces += [text[at : node.start], plan.texts[index]]
        at = node.end
    pieces.append(text[at:])
    return "".join(pieces)


def _misread(plan: _Plan, text: str) -> list[int]:
    """Nodes whose value in ``text`` is not what the plan says; every node when it fails to parse."""
    try:
        nodes = read_source_map(text.encode("utf-8")).nodes
    except DocumentError:
        return list(plan.texts)
    old = plan.source.nodes
    if len(nodes) != len(old):
        return list(plan.texts)
    wrong = [i for i in plan.texts if nodes[i].value != plan.values[i] or nodes[i].tag != old[i].tag]
    others = [
        i
        for i, node in enumerate(nodes)
        if i not in plan.texts and (node.value, node.tag) != (old[i].value, old[i].tag)
    ]
    return wrong + (list(plan.texts) if others else [])


def _checked(
    path: str,
    before: bytes,
    after: bytes,
    analyzed: AnalyzedCassette,
    leaks: tuple[Leak, ...],
    *,
    choose: LeakChooser,
) -> Redaction:
    name = path.removesuffix(".gz")
    reread = AnalyzedCassette.of(parse_cassette(after, name))
    if reread.document is None or len(reread.cassette.interactions) != len(analyzed.cassette.interactions):
        return Redaction(
            path, before, before, leaks, leaks, "the redacted file lost interactions; left unchanged"
        )
    new_problems = _integrity(reread, len(after)) - _integrity(analyzed, len(before))
    if new_problems:
        codes = ", ".join(sorted({code for code, _ in new_problems}))
        return Redaction(
            path, before, before, leaks, leaks, f"redacting would add {codes} findings; left unchanged"
        )
    remaining = tuple(choose(reread))
    return Redaction(path, before, after, leaks, remaining)


def _integrity(analyzed: AnalyzedCassette, size: int) -> Counter[tuple[str, int | None]]:
    """Schema and body findings (CT1xx, CT3xx) by code and interaction."""
    from toolkit.lint.engine import lint_analyzed
    from toolkit.lint.settings import LintSettings

    findings = lint_analyzed(analyzed, size, LintSettings(select=_INTEGRITY_PREFIXES))
    return Counter((finding.code, finding.interaction) for finding in findings)
