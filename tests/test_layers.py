"""Every ``import`` in the package, at module level or inside a function, against the layers
declared in ``tests/layers.py`` (the README's package map is generated from the same data)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.layers import BASE, HOMES, may_import

PACKAGE = ROOT / "toolkit"

MAY_IMPORT = may_import()


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts)


def _part(module: str) -> str:
    """The part of the package a module belongs to: its first two names (``toolkit.read``)."""
    return ".".join(module.split(".")[:2])


def _imports(path: Path) -> Iterator[tuple[str, int]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_part_of_the_package_has_rules() -> None:
    assert {_part(_module_name(path)) for path in MODULES} <= set(MAY_IMPORT)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_follow_the_layers(path: Path) -> None:
    module = _module_name(path)
    part = _part(module)
    allowed = MAY_IMPORT[part] | BASE | {part}
    wrong = []
    for name, line in _imports(path):
        if name.split(".")[0] == "toolkit":
            target = _part(name) if name != "toolkit" else "toolkit"
            if target not in allowed:
                wrong.append(f"line {line}: {name}")
        elif name.split(".")[0] in HOMES and part not in HOMES[name.split(".")[0]]:
            wrong.append(f"line {line}: {name} (only in {sorted(HOMES[name.split('.')[0]])})")
    assert wrong == [], f"{module} imports across the layers"
