"""The reading limits: what happens past each (the README's Limits section)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.shapes import many_interactions
from toolkit.read import parse
from toolkit.read.parse import parse_cassette


def test_interactions_past_the_limit_are_not_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(parse, "MAX_INTERACTIONS", 3)
    path = many_interactions(tmp_path, 5)
    cassette = parse_cassette(path.read_bytes(), str(path)).cassette
    assert len(cassette.interactions) == 3
    [problem] = [p for p in cassette.problems if str(p.code) == "CT007"]
    assert (problem.line, problem.column) == (cassette.interactions[2].position.line + 12, 3)
    assert "more than 3 interactions" in problem.message
