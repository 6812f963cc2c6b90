"""How far a composed YAML graph's aliases expand it, in nodes and in characters.

An alias shares a node rather than copying it, so the graph stays as small as the file; but
every stage after reading copies what it is given (a body is encoded, decoded, parsed once
per interaction that holds it), so a 1 MiB scalar shared by 2,000 interactions becomes
2 GB there. ``measure_expansion`` counts the tree as if every alias were written out, and
what is written, without building either; a node that contains itself (a recursive alias,
which would expand without end) is refused.
"""

from __future__ import annotations

from typing import NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode

__all__ = ["Expansion", "RecursiveAliasError", "measure_expansion"]


class Expansion(NamedTuple):
    """Nodes and scalar characters of the expanded tree, and of the graph as written."""

    nodes: int
    chars: int
    written_nodes: int
    written_chars: int


class RecursiveAliasError(Exception):
    """A node that contains itself through an alias."""

    def __init__(self, node: Node) -> None:
        super().__init__("a recursive alias")
        self.node = node


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [item for pair in node.value for item in pair]
    return list(node.value)


def measure_expansion(root: Node) -> Expansion:
    """The expansion of the graph under ``root`` (iterative: nesting depth costs no stack)."""
    sizes: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()  # the ancestors of the node being visited
    written_nodes = written_chars = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            nodes, chars = 1, 0
            for child in _children(node):
                child_nodes, child_chars = sizes[id(child)]
                nodes, chars = nodes + child_nodes, chars + child_chars
            sizes[key] = (nodes, chars)
            open_nodes.discard(key)
        elif key in open_nodes:
            raise RecursiveAliasError(node)
        elif key not in sizes:
            written_nodes += 1
            if isinstance(node, ScalarNode):
                length = len(node.value)
                sizes[key] = (1, length)
                written_chars += length
            else:
                open_nodes.add(key)
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(_children(node)))
    nodes, chars = sizes[id(root)]
    return Expansion(nodes, chars, written_nodes, written_chars)
