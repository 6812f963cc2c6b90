"""The look at a file's start: cassettes of every dialect kept, plain project files skipped."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import BUNDLED_CORPUS, CORPUS, DATA, SAMPLES, corpora
from toolkit.read.walk.sniff import CASSETTE, FOREIGN, UNDECIDED, is_plainly_not_a_cassette, read_verdict

PACKAGE_JSON = b'{\n  "name": "web",\n  "version": "1.0.0",\n  "scripts": {"test": "jest"}\n}\n'
TSCONFIG = b'// generated\n/* options */\n{\n  "compilerOptions": {"strict": true}\n}\n'
WORKFLOW = b"name: CI\non:\n  push:\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
PRE_COMMIT = b"repos:\n- repo: https://github.com/x/y\n  rev: v1\n  hooks:\n  - id: z\n"
COMPOSE = b"version: '3.8'\nservices:\n  web:\n    image: nginx\n"
OPENAPI = b"openapi: 3.1.0\ninfo:\n  title: API\n  version: 1.0.0\npaths: {}\n"
OPENAPI_JSON = b'{"openapi": "3.0.0", "info": {"title": "x"}, "paths": {"/interactions": {}}}'
K8S = b"apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: Service\n"
LIST = b"- one\n- two\n"


@pytest.mark.parametrize(
    "head",
    [PACKAGE_JSON, TSCONFIG, WORKFLOW, PRE_COMMIT, COMPOSE, OPENAPI, OPENAPI_JSON, K8S, LIST, b"[1, 2]"],
)
def test_plain_project_files_are_foreign(head: bytes) -> None:
    assert read_verdict(head) == FOREIGN


@pytest.mark.parametrize(
    "head",
    [
        b"interactions:\n- request:\n    body: ''\n",
        b"---\nversion: 2\ninteractions:\n- id: 0\n",
        b"%YAML 1.1\n---\n# recorded\nhttp_interactions:\n- request:\n",
        b"\xef\xbb\xbfversion: 1\r\ninteractions: []\r\n",
        b'{"interactions": [], "version": 1}',
        b'{\n    "version": 1,\n    "interactions": [\n',
        b"requests:\n- ''\nresponses:\n- ''\n",
        b"log:\n  _recordingName: x\n  creator:\n    name: Polly.JS\n  entries: []\n",
        b'{"log": {"version": "1.2", "creator": {"name": "Polly.JS"}, "entries": []}}',
        b"httprr trace v1\n123 456\n",
        # a hand-made cassette with an extra key first: the structure key later in the window wins
        b"meta: {recorded_by: hand}\ninteractions: []\n",
    ],
)
def test_cassettes_of_every_dialect_are_kept(head: bytes) -> None:
    assert read_verdict(head) == CASSETTE


@pytest.mark.parametrize(
    "head",
    [b"", b"   \n# only a comment\n", b"\x89PNG\r\n\x1a\n", b"{}", b"version: 1\n", b"{interactions: []}"],
)
def test_what_cannot_be_told_is_kept(head: bytes) -> None:
    assert read_verdict(head) == UNDECIDED


def test_a_logging_section_is_not_a_har_recording() -> None:
    assert read_verdict(b"log:\n  level: debug\nserver:\n  port: 8080\n") == FOREIGN


def test_gzip_files_are_looked_at_decompressed(tmp_path: Path) -> None:
    cassette, other = tmp_path / "c.yaml.gz", tmp_path / "o.yaml.gz"
    cassette.write_bytes(gzip.compress(b"requests:\n- x\nresponses:\n- y\n"))
    other.write_bytes(gzip.compress(WORKFLOW))
    assert not is_plainly_not_a_cassette(str(cassette))
    assert is_plainly_not_a_cassette(str(other))
    (tmp_path / "bad.yaml.gz").write_bytes(b"not gzip")
    assert not is_plainly_not_a_cassette(str(tmp_path / "bad.yaml.gz"))


def test_no_sample_or_test_cassette_is_taken_for_a_project_file() -> None:
    for folder in (SAMPLES, DATA / "formats", DATA / "hostile", DATA / "lint"):
        for path in folder.rglob("*"):
            if "recordings" in path.parts:
                continue  # non-HTTP recordings in layouts no recorder writes: passed over when walked
            skipped = ("not_a_cassette.json", "github_workflow.yaml", "report.json")
            if path.suffix in (".yaml", ".yml", ".json", ".gz") and path.name not in skipped:
                assert not is_plainly_not_a_cassette(str(path)), path


@pytest.mark.parametrize("corpus", corpora(CORPUS, BUNDLED_CORPUS))
def test_no_corpus_cassette_is_taken_for_a_project_file(corpus: Path) -> None:
    for folder in (corpus, corpus.parent / "corpus-extra"):
        assert folder.is_dir(), folder
        for path in folder.rglob("*"):
            suffixes = (".yaml", ".yml", ".json", ".gz", ".httprr", ".har")
            if not path.is_file() or not path.name.endswith(suffixes):
                continue
            transcript = path.suffix == ".json" and "otel_integrations" in path.parts
            assert is_plainly_not_a_cassette(str(path)) == transcript, path


@given(st.binary(max_size=4096))
def test_any_start_of_a_file_gets_a_verdict(head: bytes) -> None:
    assert read_verdict(head) in (CASSETTE, FOREIGN, UNDECIDED)


LINES = ["interactions: []", "name: x", "version: 1", "- x", "  nested: 1", "'q': 2", "# c", "---"]


@given(st.lists(st.sampled_from(LINES)))
def test_a_structure_key_at_the_top_keeps_the_file(lines: list[str]) -> None:
    """Whatever surrounds it, an ``interactions`` key at the top keeps the file, unless it is a list."""
    verdict = read_verdict("\n".join(lines).encode())
    content = [line for line in lines if line not in ("# c", "---")]
    if content and content[0] == "- x":
        assert verdict == FOREIGN
    elif "interactions: []" in lines:
        assert verdict == CASSETTE
    elif any(line in ("name: x", "'q': 2") for line in lines) or lines[:1] == ["  nested: 1"]:
        assert verdict == FOREIGN  # an indented first line is the top level once the text is stripped
    else:
        assert verdict == UNDECIDED
