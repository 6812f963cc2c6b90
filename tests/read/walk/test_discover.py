"""Walking folders: suffixes, folders never entered, exclude globs, and named files always read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit.read.walk import DEFAULT_EXCLUDE, WalkOptions, discover

CASSETTE = "interactions: []\nversion: 1\n"


def make(root: Path, *paths: str, text: str = CASSETTE) -> None:
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def found(root: Path, options: WalkOptions | None = None) -> list[str]:
    return [Path(path).relative_to(root).as_posix() for path in discover([root], options)]


def test_every_dialect_s_suffix_is_picked_up(tmp_path: Path) -> None:
    make(tmp_path, "a.yaml", "b.yml", "c.json", "d.yaml.gz", "e.yml.gz", "f.har", "g.har.yaml", "h.txt")
    (tmp_path / "i.httprr").write_text("httprr trace v1\n", encoding="utf-8")
    (tmp_path / "j.httprr.gz").write_bytes(b"\x1f\x8b")
    assert found(tmp_path) == [
        "a.yaml", "b.yml", "c.json", "d.yaml.gz", "e.yml.gz", "f.har", "g.har.yaml", "i.httprr", "j.httprr.gz"
    ]  # fmt: skip


def test_tool_and_dependency_folders_are_not_entered(tmp_path: Path) -> None:
    make(
        tmp_path,
        "tests/cassettes/chat.yaml",
        "node_modules/pkg/test/cassettes/x.yaml",
        "venv/lib/python3.12/site-packages/pkg/tests/c.yaml",
        "lib/site-packages/pkg/c.yaml",
        "src/__pycache__/c.yaml",
        ".tox/py/c.yaml",
        ".hidden.yaml",
    )
    make(tmp_path, "env-any-name/pyvenv.cfg", "env-any-name/lib/c.yaml")
    assert found(tmp_path, WalkOptions(respect_gitignore=False)) == ["tests/cassettes/chat.yaml"]


def test_exclude_globs_match_names_and_paths_from_the_root(tmp_path: Path) -> None:
    make(tmp_path, "tests/cassettes/a.yaml", "tests/legacy/b.yaml", "other/legacy/c.yaml", "tests/d_old.yaml")
    options = WalkOptions(extend_exclude=("tests/legacy", "*_old.yaml"), root=str(tmp_path))
    assert found(tmp_path, options) == ["other/legacy/c.yaml", "tests/cassettes/a.yaml"]
    by_name = WalkOptions(extend_exclude=("legacy/",), root=str(tmp_path))
    assert found(tmp_path, by_name) == ["tests/cassettes/a.yaml", "tests/d_old.yaml"]


def test_exclude_replaces_the_default_folders(tmp_path: Path) -> None:
    make(tmp_path, "node_modules/c.yaml", "skip/c.yaml")
    options = WalkOptions(exclude=("skip",), respect_gitignore=False)
    assert found(tmp_path, options) == ["node_modules/c.yaml"]
    assert "node_modules" in DEFAULT_EXCLUDE and "venv" in DEFAULT_EXCLUDE


def test_named_files_are_read_unless_exclusion_is_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(tmp_path, "node_modules/pkg/c.yaml", "legacy/c.yaml", "package.json", text='{"name": "x"}')
    monkeypatch.chdir(tmp_path)
    named = ["node_modules/pkg/c.yaml", "legacy/c.yaml", "package.json"]
    assert list(discover(named)) == [os.path.normpath(p) for p in named]
    forced = WalkOptions(extend_exclude=("legacy",), force_exclude=True)
    assert list(discover(named, forced)) == ["package.json"]
    assert list(discover(["legacy"], forced)) == []


def test_project_files_are_skipped_when_walked(tmp_path: Path) -> None:
    make(tmp_path, "package.json", text='{"name": "web", "dependencies": {}}')
    make(tmp_path, "ci/workflows/ci.yml", text="name: CI\non: [push]\njobs: {}\n")
    make(tmp_path, "cassettes/chat.json", text='{"interactions": [], "version": 1}')
    assert found(tmp_path) == ["cassettes/chat.json"]
