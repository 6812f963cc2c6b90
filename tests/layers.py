"""The package's layering, as data: what each part holds and which parts it may import.

One source for two things: ``tests/test_layers.py`` checks every import of the package
against it, and the README's package map is generated from it (``tests/generated_docs.py``).
Data flows one way: bytes are read into the model (``read``), the model is analysed
(``analyze``, with the knowledge of ``credentials``), consumers (``lint``, ``redact``,
``frames``, ``report``) turn it into findings, rewrites, frames and reports, and
``commands`` and the command line sit on top.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["BASE", "HOMES", "PARTS", "Part", "may_import", "render_package_map"]


class Part(NamedTuple):
    """A part of the package (one or more modules or packages), what it holds, what it may import."""

    names: tuple[str, ...]
    holds: str
    may_import: frozenset[str] = frozenset()


#: The values every stage shares, and ``toolkit`` itself (its version, the lazy public names):
#: every part may import these.
BASE = frozenset({"toolkit", "toolkit.model", "toolkit.problems"})

_STAGES = frozenset({"toolkit.read", "toolkit.analyze", "toolkit.credentials", "toolkit.plumbing"})

PARTS: tuple[Part, ...] = (
    Part(
        ("toolkit.model", "toolkit.problems"),
        "the one `Cassette` model of every dialect, positions, the CT0xx problem codes",
    ),
    Part(
        ("toolkit.plumbing",),
        "worker processes (`parallel`, `forked`), atomic writes, printed paths, optional "
        "dependencies (`requires`)",
    ),
    Part(
        ("toolkit.credentials",),
        "what credentials look like: the token-format catalog, placeholders, credential positions, "
        "matching one value",
    ),
    Part(
        ("toolkit.read",),
        "stage 1: finding files (`walk`), reading bytes (`files`), the positioned YAML reader "
        "(`document`, with `subset`: the YAML recorders write, read faster), one reader per "
        "dialect (`dialects`), body content codings",
        frozenset({"toolkit.plumbing"}),
    ),
    Part(
        ("toolkit.analyze",),
        "stage 2: stream decoding (`streams`), provider routes, usage and LLM readers (`llm`), prices "
        "(`cost`), server timing, the secrets of an interaction (`secrets`), the per-file "
        "`AnalyzedCassette`",
        frozenset({"toolkit.read", "toolkit.credentials", "toolkit.plumbing"}),
    ),
    Part(
        ("toolkit.lint",),
        "rules, the engine, configuration, baseline, JSON Schemas per dialect, reporters",
        _STAGES,
    ),
    Part(("toolkit.redact",), "rewriting cassettes without their secrets", _STAGES | {"toolkit.lint"}),
    Part(
        ("toolkit.history",),
        "the cassette versions of a git history, read from git once each, linted with the CT2 rules",
        frozenset({"toolkit.lint", "toolkit.read", "toolkit.plumbing"}),
    ),
    Part(
        ("toolkit.frames",),
        "pandas frames: rows, the data dictionary, the summary tables, Parquet export, `toolkit.load`",
        frozenset({"toolkit.analyze", "toolkit.read", "toolkit.plumbing"}),
    ),
    Part(
        ("toolkit.report",),
        "rendering the summary: text, Markdown, HTML (with SVG charts), JSON, CSV",
        frozenset({"toolkit.frames", "toolkit.plumbing"}),
    ),
    Part(
        ("toolkit.commands",),
        "each command's request → `execute` → outcome",
        _STAGES | {"toolkit.lint", "toolkit.history", "toolkit.redact", "toolkit.frames", "toolkit.report"},
    ),
    Part(
        ("toolkit.cli", "toolkit.__main__"),
        "the click command line: options in, a request to a command, its outcome out",
        frozenset(
            {
                "toolkit.commands",
                "toolkit.cli",
                "toolkit.lint",
                "toolkit.report",
                "toolkit.frames",
                "toolkit.read",
                "toolkit.plumbing",
            }
        ),
    ),
    Part(
        ("toolkit.analysis", "toolkit.dask", "toolkit.__init__"),
        "the public modules: the notebook tables and plots, the frames as Dask DataFrames, "
        "`toolkit.load` and `Frames` (imported lazily)",
        frozenset({"toolkit.frames", "toolkit.report", "toolkit.read", "toolkit.plumbing"}),
    ),
)

#: Third-party packages with a home: only these parts may import them (a lint run never
#: imports pandas, and only reading parses YAML).
HOMES: dict[str, frozenset[str]] = {
    "yaml": frozenset({"toolkit.read"}),
    "fsspec": frozenset({"toolkit.read"}),
    "pandas": frozenset({"toolkit.frames", "toolkit.report", "toolkit.analysis", "toolkit.dask"}),
    "pyarrow": frozenset({"toolkit.frames"}),
    "dask": frozenset({"toolkit.dask"}),
    "distributed": frozenset({"toolkit.dask"}),
    "matplotlib": frozenset({"toolkit.analysis"}),
    "genai_prices": frozenset({"toolkit.analyze"}),
    "jsonschema": frozenset({"toolkit.lint"}),
    "click": frozenset({"toolkit.cli"}),
}


def may_import() -> dict[str, frozenset[str]]:
    """Each part's name and the parts it may import (besides itself and ``BASE``)."""
    return {name: part.may_import for part in PARTS for name in part.names}


def _short(name: str) -> str:
    return name.removeprefix("toolkit.")


def render_package_map() -> str:
    """The README's package map: one row a part, with what it may import."""
    lines = ["| package | holds | may import |", "|---|---|---|"]
    for part in PARTS:
        names = ", ".join(f"`{name}`" for name in part.names)
        allowed = ", ".join(sorted(_short(name) for name in part.may_import - set(part.names))) or "nothing"
        lines.append(f"| {names} | {part.holds} | {allowed} |")
    third = "; ".join(
        f"`{package}` only in {', '.join(sorted(_short(name) for name in homes))}"
        for package, homes in HOMES.items()
    )
    lines += ["", f"Third-party packages with a home: {third}."]
    return "\n".join(lines) + "\n"
