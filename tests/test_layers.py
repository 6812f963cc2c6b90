"""The package's layering, as data: which parts of the toolkit each part may import.

Data flows one way: bytes are read into the model (``read``), the model is analysed
(``analyze``, with the knowledge of ``credentials``), and consumers (``lint``, ``redact``,
``frames``, ``report``) turn it into findings, rewrites, frames and reports; ``commands``
and the command line sit on top. Every ``import`` in the package, at module level or inside
a function, is checked against these rules; the README's package map says the same in words.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "toolkit"

#: The values every stage shares; ``toolkit`` itself (its version, the lazy public names).
BASE = frozenset({"toolkit", "toolkit.model", "toolkit.problems"})

#: Each part of the package and the parts it may import (besides itself and ``BASE``).
MAY_IMPORT: dict[str, frozenset[str]] = {
    "toolkit.plumbing": frozenset(),
    "toolkit.credentials": frozenset(),
    "toolkit.model": frozenset(),
    "toolkit.problems": frozenset(),
    "toolkit.read": frozenset({"toolkit.plumbing"}),
    "toolkit.analyze": frozenset({"toolkit.read", "toolkit.credentials", "toolkit.plumbing"}),
    "toolkit.lint": frozenset({"toolkit.analyze", "toolkit.read", "toolkit.credentials", "toolkit.plumbing"}),
    "toolkit.frames": frozenset({"toolkit.analyze", "toolkit.read", "toolkit.plumbing"}),
    "toolkit.redact": frozenset(
        {"toolkit.lint", "toolkit.analyze", "toolkit.read", "toolkit.credentials", "toolkit.plumbing"}
    ),
    "toolkit.history": frozenset({"toolkit.lint", "toolkit.read", "toolkit.plumbing"}),
    "toolkit.report": frozenset({"toolkit.frames", "toolkit.plumbing"}),
    "toolkit.commands": frozenset(
        {
            "toolkit.lint",
            "toolkit.history",
            "toolkit.redact",
            "toolkit.frames",
            "toolkit.report",
            "toolkit.analyze",
            "toolkit.read",
            "toolkit.credentials",
            "toolkit.plumbing",
        }
    ),
    # The public modules: the notebook tables and plots, and the Dask loader.
    "toolkit.analysis": frozenset({"toolkit.frames", "toolkit.report"}),
    "toolkit.dask": frozenset({"toolkit.frames", "toolkit.read"}),
    "toolkit.cli": frozenset(
        {
            "toolkit.commands",
            "toolkit.lint",
            "toolkit.report",
            "toolkit.frames",
            "toolkit.read",
            "toolkit.plumbing",
        }
    ),
    "toolkit.__main__": frozenset({"toolkit.cli"}),
    "toolkit.__init__": frozenset({"toolkit.frames"}),
}

#: Third-party packages with a home: only these parts may import them (so that, say, a lint
#: run never imports pandas and only reading parses YAML).
HOMES: dict[str, frozenset[str]] = {
    "yaml": frozenset({"toolkit.read"}),
    "pandas": frozenset({"toolkit.frames", "toolkit.report", "toolkit.analysis", "toolkit.dask"}),
    "pyarrow": frozenset({"toolkit.frames"}),
    "dask": frozenset({"toolkit.dask"}),
    "distributed": frozenset({"toolkit.dask"}),
    "matplotlib": frozenset({"toolkit.analysis"}),
    "genai_prices": frozenset({"toolkit.analyze"}),
    "jsonschema": frozenset({"toolkit.lint"}),
    "click": frozenset({"toolkit.cli"}),
}


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
