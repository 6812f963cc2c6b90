"""Every real cassette of the shared corpus validates against its dialect's schema.

The corpus lives beside the repository (``../shared/corpus``) and these tests
skip when it is absent. ``index.csv`` names each file's dialect; the websocket
and gRPC recordings have no HTTP schema and are left out.
"""

from __future__ import annotations

import csv
import gzip
from typing import Any

import pytest

from tests.conftest import CORPUS, CORPUS_FORMATS
from toolkit.lint.schemas import build_validator, check_schema
from toolkit.lint.schemas.predicate import build_predicate
from toolkit.lint.schemas.registry import has_schema, load_schema
from toolkit.read.document import read_document

#: index.csv's dialect names -> schema formats.
SCHEMA_OF = {name: format for name, format in CORPUS_FORMATS.items() if has_schema(format)}

#: Real files that really are defective: path -> (line, column, path, keyword). None is:
#: the one file once listed here, a request body written as a YAML mapping, replays in vcrpy
#: (Request keeps any body and the default matchers do not read it).
KNOWN_DEFECTS: dict[str, list[tuple[int, int, str, str]]] = {}


def _rows() -> list[tuple[str, str]]:
    if not (CORPUS / "index.csv").is_file():
        return []
    with (CORPUS / "index.csv").open(newline="", encoding="utf-8") as f:
        return [(r["path"], SCHEMA_OF[r["format"]]) for r in csv.DictReader(f) if r["format"] in SCHEMA_OF]


ROWS = _rows()
needs_corpus = pytest.mark.skipif(not ROWS, reason="the shared corpus is absent")


def _root(path: str) -> Any:
    data = (CORPUS / path).read_bytes()
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return read_document(data).root


@pytest.mark.corpus
@needs_corpus
@pytest.mark.parametrize(("path", "format"), ROWS, ids=[path for path, _ in ROWS])
def test_corpus_file_validates(path: str, format: str) -> None:
    found = [(v.line, v.column, v.path, v.keyword) for v in check_schema(_root(path), format)]
    assert found == KNOWN_DEFECTS.get(path, [])


@pytest.mark.corpus
@needs_corpus
def test_fast_predicate_agrees_with_jsonschema_on_corpus() -> None:
    for path, format in ROWS:
        root = _root(path)
        jsonschema_valid = next(iter(build_validator(format).iter_errors(root)), None) is None
        assert build_predicate(load_schema(format))(root) is jsonschema_valid, path


@pytest.mark.corpus
@needs_corpus
def test_known_defects_are_in_the_corpus() -> None:
    listed = {path for path, _ in ROWS}
    assert set(KNOWN_DEFECTS) <= listed
