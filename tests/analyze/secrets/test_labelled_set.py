"""The labelled set: every kind in every location found at the right line, nothing else found.

The set is generated (``tests/data/secrets/generate.py``); its committed manifest holds the
labels. Findings are compared as ``(code, line)`` per file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from tests.conftest import DATA, LabelledSet, load_labelled_generator
from toolkit.credentials.catalog import CATALOG
from toolkit.lint.engine import LintResult, lint_paths
from toolkit.lint.settings import LintSettings

MANIFEST = DATA / "secrets" / "manifest.json"
MIN_RECALL = 0.99
#: Keyword-in-context keys (CT205) have no format: only the words before them tell.
MIN_KEYWORD_RECALL = 0.90


@pytest.fixture(scope="module")
def result(labelled_set: LabelledSet) -> LintResult:
    return lint_paths([str(labelled_set.folder)], LintSettings(select=("CT2",)))


def _found(result: LintResult) -> dict[str, set[tuple[str, int]]]:
    found: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for finding in result.findings:
        found[Path(finding.path).name].add((finding.code, finding.line))
    return found


def test_the_generator_reproduces_the_committed_manifest(labelled_set: LabelledSet) -> None:
    rendered = load_labelled_generator().render_manifest(labelled_set.manifest)
    assert rendered == MANIFEST.read_text(encoding="utf-8")
    assert len(json.loads(rendered)) == len(labelled_set.manifest)


def test_every_kind_is_planted_in_every_location(labelled_set: LabelledSet) -> None:
    generator = load_labelled_generator()
    kinds = {planted.kind for planted in generator.planted_kinds()}
    assert {pattern.id for pattern in CATALOG if pattern.layer == "token"} <= kinds
    pairs = {(entry["kind"], entry["location"]) for entry in labelled_set.manifest}
    for location in generator.LOCATIONS:
        for kind in kinds:
            assert (kind, location) in pairs, (kind, location)
    skipped = [entry for entry in labelled_set.manifest if entry.get("not_applicable")]
    free_text = {location for location, (_, name, _) in generator.LOCATIONS.items() if name is None}
    for entry in skipped:  # only what a location cannot hold, or a name free text does not have
        assert entry["family"] != "token" or entry["location"] in (*generator.HEADER_LOCATIONS, "query-raw")
        assert entry["family"] != "position" or entry["location"] in free_text
        assert entry["family"] != "keyword" or entry["location"] == "userinfo"
    tokens = [entry for entry in labelled_set.entries_with_files() if entry["family"] == "token"]
    assert len(tokens) >= 0.98 * len(generator.LOCATIONS) * len(generator.token_kinds())


def test_account_identifiers_lookalikes_and_clean_carriers_are_in_the_set(labelled_set: LabelledSet) -> None:
    families = defaultdict(int)
    for entry in labelled_set.entries_with_files():
        families[entry["family"]] += 1
    assert families["account"] >= 7 and families["lookalike"] >= 8
    assert families["clean"] == len(load_labelled_generator().LOCATIONS)


def test_recall_precision_and_lines(labelled_set: LabelledSet, result: LintResult) -> None:
    found = _found(result)
    expected: dict[tuple[str, str], int] = defaultdict(int)
    hits: dict[tuple[str, str], int] = defaultdict(int)
    missed, extra = [], []
    for entry in labelled_set.entries_with_files():
        wanted = {(code, line) for code, line in entry["expected"]}
        got = found.get(entry["file"], set())
        key = (entry["location"], entry["family"])
        expected[key] += len(wanted)
        hits[key] += len(wanted & got)
        missed += [(entry["file"], item) for item in wanted - got]
        extra += [(entry["file"], item) for item in got - wanted]
    assert extra == []  # zero false positives, and every finding on the secret's own line
    for (location, family), count in expected.items():
        wanted = MIN_KEYWORD_RECALL if family == "keyword" else MIN_RECALL
        assert not count or hits[(location, family)] / count >= wanted, (location, family, missed)
    keywords = [key for key in expected if key[1] == "keyword"]
    assert sum(hits[key] for key in keywords) >= MIN_KEYWORD_RECALL * sum(expected[key] for key in keywords)
    assert missed == []  # what this set measures today: every planted value


def test_findings_of_unknown_files_do_not_exist(labelled_set: LabelledSet, result: LintResult) -> None:
    names = {entry["file"] for entry in labelled_set.entries_with_files()}
    assert {Path(finding.path).name for finding in result.findings} <= names
