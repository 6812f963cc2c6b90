"""Every real cassette validates against its dialect's schema: the few kept in the repository
(``tests/data/real/corpus``), and those of the shared corpus beside the repository
(``../shared/corpus``; skipped when it is absent). ``index.csv`` names each file's dialect; the
websocket and gRPC recordings have no HTTP schema and are left out.
"""

from __future__ import annotations

import csv
import gzip
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BUNDLED_CORPUS, CORPUS, CORPUS_FORMATS
from toolkit.lint.schemas import build_validator, check_schema
from toolkit.lint.schemas.predicate import build_predicate
from toolkit.lint.schemas.registry import has_schema, load_schema
from toolkit.read.parse import read_document

#: index.csv's dialect names -> schema formats.
SCHEMA_OF = {name: format for name, format in CORPUS_FORMATS.items() if has_schema(format)}

#: Real files that really are defective: path -> (line, column, path, keyword). None is:
#: the one file once listed here, a request body written as a YAML mapping, replays in vcrpy
#: (Request keeps any body and the default matchers do not read it).
KNOWN_DEFECTS: dict[str, list[tuple[int, int, str, str]]] = {}


def _rows(root: Path) -> list[tuple[Path, str, str]]:
    if not (root / "index.csv").is_file():
        return []
    with (root / "index.csv").open(newline="", encoding="utf-8") as f:
        return [
            (root, r["path"], SCHEMA_OF[r["format"]]) for r in csv.DictReader(f) if r["format"] in SCHEMA_OF
        ]


ROWS = _rows(CORPUS)
BUNDLED_ROWS = _rows(BUNDLED_CORPUS)
needs_corpus = pytest.mark.skipif(not ROWS, reason="the shared corpus is absent")


def _root(root: Path, path: str) -> Any:
    data = (root / path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return read_document(data).root


@pytest.mark.parametrize(
    ("root", "path", "format"),
    [
        *(pytest.param(*row, id=f"bundled:{row[1]}") for row in BUNDLED_ROWS),
        *(pytest.param(*row, id=row[1], marks=pytest.mark.corpus) for row in ROWS),
    ],
)
def test_corpus_file_validates(root: Path, path: str, format: str) -> None:
    found = [(v.line, v.column, v.path, v.keyword) for v in check_schema(_root(root, path), format)]
    assert found == KNOWN_DEFECTS.get(path, [])


def test_bundled_files_are_of_every_dialect_with_a_schema() -> None:
    assert {format for _, _, format in BUNDLED_ROWS} == set(SCHEMA_OF.values())


@pytest.mark.corpus
@needs_corpus
def test_fast_predicate_agrees_with_jsonschema_on_corpus() -> None:
    for corpus, path, format in ROWS:
        root = _root(corpus, path)
        jsonschema_valid = next(iter(build_validator(format).iter_errors(root)), None) is None
        assert build_predicate(load_schema(format))(root) is jsonschema_valid, path


@pytest.mark.corpus
@needs_corpus
def test_known_defects_are_in_the_corpus() -> None:
    listed = {path for _, path, _ in ROWS}
    assert set(KNOWN_DEFECTS) <= listed
