"""Write the pre-commit hook repository (``cassette-toolkit-pre-commit``) from this one.

pre-commit installs a ``language: python`` hook with ``pip install .`` at the root of the hook's
repository, so the hook gets whatever that root's distribution requires. This repository's root
is the whole toolkit, and a notebook needs pandas: a hook installed from here is 244 MB, of which
pandas and numpy are 157 MB, although ``lint`` and ``redact`` never import pandas.

So the hooks are published from a second repository, laid out as ruff's ``ruff-pre-commit``
is: the same ``.pre-commit-hooks.yaml``, and at its root a distribution
(``cassette-toolkit-pre-commit``) with the same ``toolkit`` package and console script but only
the dependencies lint and redact import: this repository's ``dependencies`` without
``LEFT_OUT``. Its commands that need pandas (``report``, ``export``) say what to install and
exit 2. The hook repository is written, never edited: run this at each release and tag the
result with the same version::

    python hook/build.py ../cassette-toolkit-pre-commit

The tests build it into a temporary git repository and run it with ``pre-commit try-repo``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent

#: The hook repository's distribution.
NAME = "cassette-toolkit-pre-commit"
#: Runtime dependencies of the toolkit that lint and redact never import. pandas (and numpy
#: through it) serve the frames and the report only; genai-prices stays, because lint's CT504
#: reads the installed price table's model names.
LEFT_OUT = frozenset({"pandas"})
#: What is copied as it is, besides the ``toolkit`` package.
COPIED = (".pre-commit-hooks.yaml", "LICENSE")


def requirement_name(requirement: str) -> str:
    """The distribution a requirement names, normalised (``PyYAML>=6`` -> ``pyyaml``)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    if match is None:
        raise ValueError(f"not a requirement: {requirement!r}")
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def hook_dependencies(project: dict[str, object]) -> list[str]:
    """The root distribution's dependencies without those the hook leaves out."""
    dependencies = project["dependencies"]
    assert isinstance(dependencies, list)
    return [str(d) for d in dependencies if requirement_name(str(d)) not in LEFT_OUT]


def render_pyproject(root: dict[str, object]) -> str:
    """The hook distribution's ``pyproject.toml``: the root's metadata, fewer dependencies."""
    project = root["project"]
    tool = root["tool"]
    assert isinstance(project, dict) and isinstance(tool, dict)
    setuptools = tool["setuptools"]
    data = setuptools["package-data"]["toolkit"]
    lines = [
        "# Written by hook/build.py in cassette-toolkit; do not edit.",
        "[build-system]",
        f"requires = {_list(root['build-system']['requires'])}",  # type: ignore[index]
        f'build-backend = "{root["build-system"]["build-backend"]}"',  # type: ignore[index]
        "",
        "[project]",
        f'name = "{NAME}"',
        f'version = "{project["version"]}"',
        'description = "The pre-commit hooks of cassette-toolkit (lint and redact), without pandas."',
        'readme = "README.md"',
        f'license = "{project["license"]}"',
        f'requires-python = "{project["requires-python"]}"',
        "dependencies = [",
        *(f'    "{requirement}",' for requirement in hook_dependencies(project)),
        "]",
        "",
        "[project.scripts]",
        *(f'{name} = "{target}"' for name, target in project["scripts"].items()),
        "",
        "[tool.setuptools.packages.find]",
        f"include = {_list(setuptools['packages']['find']['include'])}",
        "",
        "[tool.setuptools.package-data]",
        f"toolkit = {_list(data)}",
        "",
    ]
    return "\n".join(lines)


def _list(values: object) -> str:
    assert isinstance(values, list)
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def build(destination: Path) -> Path:
    """Write the hook repository's files into ``destination`` (its ``toolkit`` is replaced)."""
    root = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    destination.mkdir(parents=True, exist_ok=True)
    (destination / "pyproject.toml").write_text(render_pyproject(root), encoding="utf-8")
    shutil.copyfile(HERE / "README.md", destination / "README.md")
    for name in COPIED:
        shutil.copyfile(ROOT / name, destination / name)
    package = destination / "toolkit"
    if package.exists():
        shutil.rmtree(package)
    shutil.copytree(ROOT / "toolkit", package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return destination


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("destination", type=Path, help="the hook repository's work tree")
    build(parser.parse_args(argv).destination)
    return 0


if __name__ == "__main__":
    sys.exit(main())
