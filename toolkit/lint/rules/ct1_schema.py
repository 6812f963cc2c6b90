"""CT1xx: the cassette against its dialect's JSON Schema (``toolkit.lint.schemas``), by YAML line.

``toolkit.lint.schemas`` is imported inside the check, and jsonschema only for a
document its compiled predicate finds invalid: valid cassettes (nearly all of
them) are checked without importing jsonschema.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from toolkit.lint.finding import Hit
from toolkit.lint.rule import Example, LintContext, Rule, RuleDocs
from toolkit.lint.rules.example_cassettes import GOOD
from toolkit.problems import ProblemCode
from toolkit.read.document import Position, YamlMap, YamlSeq

__all__ = ["RULES"]

#: ``interactions[3].response.status`` -> the interaction index and the path inside it.
_ITEM = re.compile(r"^(interactions|http_interactions|requests|responses|records|log\.entries)\[(\d+)\]\.?")


_WRONG_TYPES = GOOD.replace("      code: 200\n", "      code: [200]\n").replace(
    "    headers:\n      Content-Type:\n      - application/json\n  response:",
    "    headers: application/json\n  response:",
)


def check_schema_rule(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    if context.document is None:
        return
    from toolkit.lint.schemas import has_schema

    if not has_schema(context.cassette.format):
        return
    is_valid = _predicate(context.cassette.format)
    if is_valid is not None and is_valid(context.document.root):
        return  # the common case, answered without importing jsonschema
    from toolkit.lint.schemas import check_schema

    malformed = {
        p.interaction if p.interaction is not None else (p.line, p.column)
        for p in context.cassette.problems
        if p.code == ProblemCode.MALFORMED_INTERACTION
    }
    for violation in check_schema(context.document.root, context.cassette.format):
        match = _ITEM.match(violation.path)
        index = _interaction_of(context, match)
        if index is not None and index in malformed:
            continue  # CT009 already reports this interaction
        inner = violation.path[match.end() :] if match else violation.path
        yield Hit(
            violation.position,
            f"{violation.message} (at {violation.path})",
            index if isinstance(index, int) else None,
            f"schema:{inner}:{violation.keyword}",
        )


SCHEMA_VIOLATION = Rule(
    "CT101",
    "schema-violation",
    # error: each schema refuses only what the recorder cannot load or replay (see each
    # schema's $comment); everything it ignores or reads as empty is accepted.
    "error",
    "A field is missing, misplaced or of the wrong type for the cassette's dialect.",
    RuleDocs(
        what="The document breaks the JSON Schema of its dialect (go-vcr v1/v2, vcrpy, Ruby "
        "VCR, langchain split, R vcr, httprr, HAR), shipped in the package. Each schema "
        "constrains only what the recorder itself reads back (its loader, its default matcher, "
        "its replay stubs), so a violation is a cassette the recorder cannot load or replay; "
        "keys it ignores, fields it reads as empty and values it accepts (a request body "
        "written as YAML data, go-vcr's empty `proto` after a redirect) are not violations. "
        "Each violation is reported at the line and column of the offending node (a missing "
        "key at the mapping lacking it; in an httprr trace, the line as written); the message "
        "names the field and the kind of value, never the value. `!!binary` bodies count as "
        "strings.",
        why="The recorder's loader expects these shapes: a status code written as a list, "
        "a vcrpy request key Request() does not take, a Ruby body with an encoding and no "
        "text make loading fail; a go-vcr request without its URL or host never matches.",
        seen="Hand-edited cassettes with headers collapsed into one string, or a status code "
        "quoted; merge conflicts resolved by keeping a key of each side.",
        failing=Example(_WRONG_TYPES),
        passing=Example(GOOD),
    ),
    check_schema_rule,
)


def _interaction_of(context: LintContext, match: re.Match[str] | None) -> int | Position | None:
    """The interaction a violation is in: the item's number, or for a HAR (whose interactions
    are in call order, not in the file's) the interaction read from that entry, else the
    entry's position when no interaction was read from it."""
    if match is None:
        return None
    if context.cassette.format != "har" or context.document is None:
        return int(match.group(2))
    item = _item_position(context.document.root, match.group(1), int(match.group(2)))
    if item is None:
        return None
    return next((i.index for i in context.cassette.interactions if i.position == item), item)


def _item_position(root: Any, name: str, number: int) -> Position | None:
    """Where item ``number`` of the list at ``name`` (``log.entries``, ``interactions``...) starts."""
    node = root
    for key in name.split("."):
        node = node.get(key) if isinstance(node, YamlMap) else None
    if isinstance(node, YamlSeq) and number < len(node):
        return node.position_of(number)
    return None


@functools.cache
def _predicate(format: str) -> Callable[[Any], bool] | None:
    """The schema compiled into a plain validity test, or None when it needs jsonschema."""
    from toolkit.lint.schemas.predicate import UnsupportedSchemaError, build_predicate
    from toolkit.lint.schemas.registry import load_schema

    try:
        return build_predicate(load_schema(format))
    except UnsupportedSchemaError:
        return None


RULES: tuple[Rule, ...] = (SCHEMA_VIOLATION,)
