"""The loop every reader runs: one interaction per list item, problems kept, nothing raised."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from toolkit.model import Interaction
from toolkit.problems import Problem, ProblemCode
from toolkit.read.document import Position, YamlMap, YamlSeq, position_of

#: Reads list item ``index`` (written at ``position``) from the item and its ``request`` and
#: ``response`` mappings, which every dialect has.
InteractionReader = Callable[[int, Position, YamlMap, YamlMap, YamlMap], Interaction]


def read_interactions(
    items: Any, path: str, reader: InteractionReader, parent: Any
) -> tuple[tuple[Interaction, ...], tuple[Problem, ...]]:
    """Apply ``reader`` to each mapping in ``items`` with a request and a response mapping;
    other items become problems."""
    if items is None:
        return (), ()
    if not isinstance(items, YamlSeq):
        where = position_of(parent, "interactions")
        return (), (_problem(path, where, "the interactions are not a list"),)
    interactions: list[Interaction] = []
    problems: list[Problem] = []
    for index, item in enumerate(items):
        where = items.position_of(index)
        if not isinstance(item, YamlMap):
            problems.append(_problem(path, where, f"interaction {index} is not a mapping", index))
            continue
        request, response = item.get("request"), item.get("response")
        if not isinstance(request, YamlMap) or not isinstance(response, YamlMap):
            message = f"interaction {index}: interaction has no request or response mapping"
            problems.append(_problem(path, where, message, index))
            continue
        interactions.append(reader(index, where, item, request, response))
    return tuple(interactions), tuple(problems)


def _problem(path: str, where: Any, message: str, index: int | None = None) -> Problem:
    return Problem(path, where.line, where.column, ProblemCode.MALFORMED_INTERACTION, message, index)
