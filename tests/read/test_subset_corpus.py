"""The differential test: both readers over both shared corpora, file by file, finding by
finding and frame by frame. The subset reader must read each file as libyaml does or leave it
to libyaml; lint and ``toolkit.load`` must not see which reader ran.
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from tests.read.documents import compare
from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings
from toolkit.read import parse
from toolkit.read.files import discover

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def corpora(corpus: Path, corpus_extra: Path) -> list[str]:
    return [str(corpus), str(corpus_extra)]


def _bytes(path: str) -> bytes:
    data = Path(path).read_bytes()
    return gzip.decompress(data) if path.endswith(".gz") else data


def test_every_file_reads_the_same_with_both_readers(corpora: list[str]) -> None:
    files = [f for f in discover(corpora) if not f.removesuffix(".gz").endswith(".httprr")]
    verdicts = {path: compare(_bytes(path)) for path in files}
    different = {path: why for path, (verdict, why) in verdicts.items() if verdict == "different"}
    assert different == {}
    counts = Counter(verdict for verdict, _ in verdicts.values())
    # The files the subset leaves to libyaml: vcrpy's multidict keys (dd-trace-py), pydantic-ai's
    # indentation indicators and nested lists, one Cody file. More would mean a slower reader.
    assert counts["outside"] <= 60, sorted(p for p, (v, _) in verdicts.items() if v == "outside")
    assert counts["identical"] >= 1_700


def _lint(paths: list[str], fast: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    monkeypatch.setattr(parse, "FAST_READER", fast)
    return lint_paths(paths, LintSettings()).findings


def test_lint_finds_the_same_with_both_readers(corpora: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _lint(corpora, True, monkeypatch)
    reference = _lint(corpora, False, monkeypatch)
    assert len(fast) > 1_000
    assert fast == reference


def test_load_gives_the_same_frames_with_both_readers(
    corpora: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse, "FAST_READER", True)
    fast = toolkit.load(*corpora)
    monkeypatch.setattr(parse, "FAST_READER", False)
    reference = toolkit.load(*corpora)
    for name in ("interactions", "chunks", "usage", "problems"):
        pd.testing.assert_frame_equal(getattr(fast, name), getattr(reference, name), check_exact=True)
