"""Ignored files: git's own answer inside a work tree, and the same answer from the patterns without git."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.read.walk import WalkOptions, discover
from toolkit.read.walk.gitignore import is_ignored, parse_ignore_file

CASSETTE = "interactions: []\nversion: 1\n"

GITIGNORE = """\
# comment
*.tmp.yaml
!keep.tmp.yaml
/root_only.yaml
build/
docs/**/gen/
**/cache/*.yaml
a/**/b.yaml
[abc]x.yaml
[!d]y.yaml
q?.yaml
\\#hash.yaml
trailing.yaml   \n\
spaced\\ .yaml
deep/**
"""

SUB_GITIGNORE = "*.yaml\n!important.yaml\n/local/\n"

PATHS = [
    "root_only.yaml",
    "x/root_only.yaml",
    "a.tmp.yaml",
    "keep.tmp.yaml",
    "build/c.yaml",
    "x/build/c.yaml",
    "docs/a/gen/c.yaml",
    "docs/gen/c.yaml",
    "gen/c.yaml",
    "cache/c.yaml",
    "x/y/cache/c.yaml",
    "x/cache/sub/c.yaml",
    "a/b.yaml",
    "a/x/y/b.yaml",
    "x/a/b.yaml",
    "ax.yaml",
    "dx.yaml",
    "ay.yaml",
    "dy.yaml",
    "q1.yaml",
    "q12.yaml",
    "#hash.yaml",
    "trailing.yaml",
    "spaced .yaml",
    "deep/c.yaml",
    "deep/er/c.yaml",
    "sub/one.yaml",
    "sub/important.yaml",
    "sub/local/x.yml",
    "sub/x/local/y.yml",
    "kept/c.yaml",
]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def make_tree(root: Path) -> Path:
    for relative in PATHS:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(CASSETTE, encoding="utf-8")
    (root / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (root / "sub" / ".gitignore").write_text(SUB_GITIGNORE, encoding="utf-8")
    return root


def found(root: Path, options: WalkOptions | None = None) -> set[str]:
    return {Path(path).relative_to(root).as_posix() for path in discover([root], options)}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = make_tree(tmp_path / "repo")
    git(root, "init", "-q", ".")
    return root


def without_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "no-git-here"
    empty.mkdir(exist_ok=True)
    monkeypatch.setenv("PATH", str(empty))


EXPECTED = {
    "x/root_only.yaml",
    "keep.tmp.yaml",
    "gen/c.yaml",
    "x/cache/sub/c.yaml",
    "x/a/b.yaml",
    "dx.yaml",
    "dy.yaml",
    "q12.yaml",
    "sub/important.yaml",
    "sub/x/local/y.yml",
    "kept/c.yaml",
}


def test_git_decides_inside_a_work_tree(repo: Path) -> None:
    assert found(repo) == EXPECTED


def test_the_patterns_give_git_s_answer_without_git(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    without_git(monkeypatch, tmp_path)
    assert found(repo) == EXPECTED


def test_the_patterns_apply_outside_a_repository(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "plain")
    assert found(root) == EXPECTED


def test_respect_gitignore_off_walks_everything(repo: Path) -> None:
    assert len(found(repo, WalkOptions(respect_gitignore=False))) == len(PATHS)


def test_a_tracked_file_is_walked_although_a_pattern_matches_it(repo: Path) -> None:
    git(repo, "add", "-f", "build/c.yaml")
    assert "build/c.yaml" in found(repo)


def test_an_ignored_folder_named_on_the_command_line_is_walked(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert list(discover(["build"])) == [os.path.join("build", "c.yaml")]


def test_ignore_files_above_the_walked_folder_apply(
    repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert found(repo / "x") == {"root_only.yaml", "cache/sub/c.yaml", "a/b.yaml"}
    without_git(monkeypatch, tmp_path)
    assert found(repo / "x") == {"root_only.yaml", "cache/sub/c.yaml", "a/b.yaml"}


def test_a_repository_inside_follows_its_own_ignore_files(repo: Path) -> None:
    inner = repo / "kept" / "inner"
    inner.mkdir()
    git(inner, "init", "-q", ".")
    (inner / ".gitignore").write_text("secret.yaml\n", encoding="utf-8")
    (inner / "secret.yaml").write_text(CASSETTE, encoding="utf-8")
    (inner / "a.tmp.yaml").write_text(CASSETTE, encoding="utf-8")  # the outer *.tmp.yaml does not apply
    assert {p for p in found(repo) if p.startswith("kept/")} == {"kept/c.yaml", "kept/inner/a.tmp.yaml"}


def test_hook_variables_do_not_point_git_elsewhere(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_DIR", str(repo / "nowhere"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(repo / "nowhere" / "index"))
    assert found(repo) == EXPECTED


@pytest.mark.parametrize(
    ("pattern", "path", "folder", "ignored"),
    [
        ("*.log", "a/b/c.log", False, True),
        ("/top.log", "a/top.log", False, False),
        ("logs/", "a/logs", True, True),
        ("logs/", "a/logs", False, False),
        ("a/**/z", "a/z", False, True),
        ("a/**/z", "a/b/c/z", False, True),
        ("**/z", "z", False, True),
        ("a/**", "a", True, False),
        ("a/**", "a/b", False, True),
        ("a/*/z", "a/b/c/z", False, False),
        ("[[:digit:]]x", "7x", False, True),
        ("[a-c]x", "dx", False, False),
        ("***x", "abx", False, True),
    ],
)
def test_patterns(pattern: str, path: str, folder: bool, ignored: bool) -> None:
    rules = (parse_ignore_file(pattern, "/r"),)
    assert is_ignored(rules, f"/r/{path}", folder=folder) is ignored


DIFFERENTIAL_PATTERNS = [
    "*.log", "/top.log", "logs/", "a/**/z", "**/z", "a/**", "a/*/z", "[[:digit:]]x", "[a-c]x",
    "[!a-c]x", "***x", "?.log", "\\#x", "\\!x", "x\\ ", "a/b", "/a", "a/", "**/a/b", "*/z",
    "z/**/", "a*b", "[]x]y", "[^ab]", "foo/*", "foo/**/", "*", "!*.log", "a/**/b/**/z", "x?y*z",
]  # fmt: skip
DIFFERENTIAL_PATHS = [
    "top.log", "a/top.log", "logs/x", "a/logs/x", "a/z", "a/b/c/z", "z", "a/b", "b/a/b", "7x", "dx",
    "ax", "abx", "q.log", "qq.log", "#x", "!x", "x ", "a/b/z", "foo/bar", "foo/bar/baz", "y/a",
    "]y", "c", "a", "a/x/b/y/z", "xAyBz", "zz/a/b",
]  # fmt: skip


def test_patterns_agree_with_git_check_ignore(tmp_path: Path) -> None:
    """Each pattern in its own folder's .gitignore; git check-ignore is the oracle for every path."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q", ".")
    queries: list[str] = []
    for number, pattern in enumerate(DIFFERENTIAL_PATTERNS):
        folder = tmp_path / f"p{number}"
        folder.mkdir()
        (folder / ".gitignore").write_text(pattern + "\n", encoding="utf-8")
        queries.extend(f"p{number}/{relative}" for relative in DIFFERENTIAL_PATHS)  # not created: files
    answer = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin", "-z", "-v", "-n"],
        cwd=tmp_path,
        input="\0".join(queries) + "\0",
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\0")
    # -v -n -z: source, line number, pattern, path for each query; an empty source means no match
    fields = [answer[i : i + 4] for i in range(0, len(answer) - 1, 4)]
    by_git = {path: bool(source) and not pattern.startswith("!") for source, _, pattern, path in fields}
    assert len(by_git) == len(queries) and 100 < sum(by_git.values()) < len(queries) - 100
    root = tmp_path.as_posix()
    for number, pattern in enumerate(DIFFERENTIAL_PATTERNS):
        rules = (parse_ignore_file(pattern, f"{root}/p{number}"),)
        for relative in DIFFERENTIAL_PATHS:
            parts = relative.split("/")
            ancestors = ("/".join(parts[:depth]) for depth in range(1, len(parts)))
            ours = any(
                is_ignored(rules, f"{root}/p{number}/{a}", folder=True) for a in ancestors
            ) or is_ignored(rules, f"{root}/p{number}/{relative}", folder=False)
            assert ours == by_git[f"p{number}/{relative}"], (pattern, relative)


def test_a_submodule_is_walked_with_its_own_ignore_files(repo: Path) -> None:
    inner = repo / "kept" / "module"
    inner.mkdir()
    git(inner, "init", "-q", ".")
    (inner / ".gitignore").write_text("local.yaml\n", encoding="utf-8")
    (inner / "local.yaml").write_text(CASSETTE, encoding="utf-8")
    (inner / "shared.yaml").write_text(CASSETTE, encoding="utf-8")
    git(inner, "add", "-A")
    git(inner, "-c", "user.email=dev@example.com", "-c", "user.name=dev", "commit", "-qm", "inner")
    git(repo, "add", "kept/module")  # a gitlink: git lists the folder, not its files
    assert {p for p in found(repo) if p.startswith("kept/")} == {"kept/c.yaml", "kept/module/shared.yaml"}
