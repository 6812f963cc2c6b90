"""The pre-commit hook, tested the way users run it: ``pre-commit try-repo`` in a throwaway repository.

pre-commit installs this repository into a fresh virtualenv with pip, so the test needs the
package index (or a pip cache). It is slow (about 20 s a run) and runs in CI.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import DATA, ROOT
from toolkit.credentials.templates import expand
from toolkit.lint.rules.example_cassettes import GOOD

pytestmark = pytest.mark.slow

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def test_the_hook_manifest() -> None:
    hook, redact = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "cassette-lint"
    assert hook["entry"] == "cassette-toolkit lint --force-exclude" and hook["language"] == "python"
    assert redact["id"] == "cassette-redact" and redact["entry"] == "cassette-toolkit redact --force-exclude"
    assert redact["files"] == hook["files"] and redact["language"] == "python"
    # One run for every staged file: one summary, the command spreading files over its workers.
    assert hook["require_serial"] is True and redact["require_serial"] is True
    files = re.compile(hook["files"])
    for path in (
        "tests/cassettes/test_chat.yaml",
        "tests/cassettes/sub/test_chat.json",
        "spec/fixtures/vcr_cassettes/chat.yml",
        "providertests/testdata/TestX/case.yaml",
        "libs/aws/tests/cassettes/test.yaml.gz",
        "anywhere/recording.yml.gz",
        "tests/testthat/_vcr/chat.yml",
        "llms/openai/testdata/TestChat.httprr",
        "llms/openai/testdata/TestChat.httprr.gz",
        "agent/recordings/chat_123/recording.har.yaml",
        "test/__recordings__/api_1/recording.har",
    ):
        assert files.search(path), path
    for path in ("src/app/settings.yaml", "testdata/golden.json", ".github/workflows/ci.yml", "README.md"):
        assert not files.search(path), path


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("user-repo")
    cassettes = repo / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    (cassettes / "test_good.yaml").write_text(GOOD, encoding="utf-8")
    (cassettes / "test_broken.yaml").write_bytes((DATA / "lint" / "report" / "broken.yaml").read_bytes())
    (repo / "settings.yaml").write_text("not: a cassette\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "dev@example.com")
    _git(repo, "config", "user.name", "dev")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "cassettes")
    return repo


def try_repo(
    repo: Path, home: Path, *args: str, hook: str = "cassette-lint"
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, *args]
    return subprocess.run(
        command, check=False, cwd=repo, env=env, capture_output=True, text=True, timeout=900
    )


def test_try_repo(user_repo: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    good = try_repo(user_repo, tmp_path, "--files", "tests/cassettes/test_good.yaml", "settings.yaml")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
    everything = try_repo(user_repo, tmp_path, "--all-files")
    assert everything.returncode == 1, everything.stdout + everything.stderr
    assert "tests/cassettes/test_broken.yaml:4:1: CT002" in everything.stdout
    assert "settings.yaml" not in everything.stdout.replace("test_broken.yaml", "")


def test_try_repo_redact(user_repo: Path, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    key = expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "pre-commit redact")
    leaky = user_repo / "tests" / "cassettes" / "test_leaky.yaml"
    leaky.write_text(GOOD.replace("- application/json\n  response:", f"- Bearer {key}\n  response:", 1))
    _git(user_repo, "add", "-A")
    first = try_repo(
        user_repo, tmp_path, "--files", str(leaky.relative_to(user_repo)), hook="cassette-redact"
    )
    assert first.returncode == 1, first.stdout + first.stderr  # pre-commit: files were modified
    assert key not in leaky.read_text(encoding="utf-8") and "<REDACTED:" in leaky.read_text(encoding="utf-8")
    second = try_repo(
        user_repo, tmp_path, "--files", str(leaky.relative_to(user_repo)), hook="cassette-redact"
    )
    assert second.returncode == 0, second.stdout + second.stderr


def test_both_hooks_honour_allow_values(user_repo: Path, tmp_path: Path) -> None:
    """A placeholder the project allows passes cassette-lint and is left alone by cassette-redact."""
    pytest.importorskip("pre_commit")
    placeholder = expand("{hex:32}", "pre-commit allowed proxy key")
    allowed = user_repo / "tests" / "cassettes" / "test_allowed.yaml"
    text = GOOD.replace(
        "- application/json\n  response:",
        f"- application/json\n      api-key:\n      - {placeholder}\n  response:",
        1,
    )
    allowed.write_text(text, encoding="utf-8")
    (user_repo / "cassette-toolkit.toml").write_text(f'allow-values = ["{placeholder}"]\n', encoding="utf-8")
    _git(user_repo, "add", "-A")
    files = ("--files", str(allowed.relative_to(user_repo)))
    lint = try_repo(user_repo, tmp_path, *files)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    redact = try_repo(user_repo, tmp_path, *files, hook="cassette-redact")
    assert redact.returncode == 0, redact.stdout + redact.stderr
    assert allowed.read_text(encoding="utf-8") == text


def test_many_staged_cassettes_give_one_summary(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "many"
    cassettes = repo / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    broken = (DATA / "lint" / "report" / "broken.yaml").read_bytes()
    for index in range(120):
        (cassettes / f"test_{index:03d}.yaml").write_bytes(broken)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    run = try_repo(repo, tmp_path / "home", "--all-files")
    assert run.returncode == 1, run.stdout + run.stderr
    summaries = [line for line in run.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == ["Found 120 findings (120 errors) in 120 of 120 files."], run.stdout


def hook_builder() -> Any:
    """``hook/build.py``, which writes the hook repository, as a module."""
    spec = importlib.util.spec_from_file_location("hook_build", ROOT / "hook" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hook repository ``hook/build.py`` writes, committed, as users' pre-commit clones it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = hook_builder().build(tmp_path_factory.mktemp("cassette-toolkit-pre-commit"))
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.email=dev@example.com", "-c", "user.name=dev", "commit", "-qm", "hooks")
    return repo


def _many_cassettes(repo: Path, count: int) -> None:
    """``count`` cassettes, every tenth one broken (CT002), and a file that is no cassette."""
    cassettes = repo / "tests" / "cassettes"
    cassettes.mkdir(parents=True)
    broken = (DATA / "lint" / "report" / "broken.yaml").read_bytes()
    for index in range(count):
        target = cassettes / f"test_{index:03d}.yaml"
        if index % 10 == 0:
            target.write_bytes(broken)
        else:
            target.write_text(GOOD, encoding="utf-8")
    (repo / "settings.yaml").write_text("not: a cassette\n", encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")


def test_hook_repository_with_many_cassettes(hook_repo: Path, tmp_path: Path) -> None:
    """``pre-commit try-repo`` of the hook repository: one run, one summary, the right exit codes."""
    pytest.importorskip("pre_commit")
    repo = tmp_path / "many"
    _many_cassettes(repo, 150)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")}
    command = [sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "cassette-lint"]
    failing = subprocess.run(
        [*command, "--all-files"], cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=900
    )
    assert failing.returncode == 1, failing.stdout + failing.stderr
    summaries = [line for line in failing.stdout.splitlines() if line.startswith("Found ")]
    assert summaries == ["Found 15 findings (15 errors) in 15 of 150 files."], failing.stdout
    good = [f"tests/cassettes/test_{index:03d}.yaml" for index in range(1, 10)]
    passing = subprocess.run(
        [*command, "--files", *good],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert passing.returncode == 0 and "Passed" in passing.stdout, passing.stdout + passing.stderr


def test_hook_repository_installs_what_lint_needs_only(hook_repo: Path, tmp_path: Path) -> None:
    """The hook's environment: no pandas or numpy; its ``report`` says what to install instead."""
    pytest.importorskip("pre_commit")
    repo = tmp_path / "user"
    _many_cassettes(repo, 20)
    home = tmp_path / "home"
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hook_repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = repo / ".pre-commit-config.yaml"
    config.write_text(
        f"repos:\n  - repo: {hook_repo}\n    rev: {rev}\n    hooks:\n      - id: cassette-lint\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )
    assert run.returncode == 1 and "Found 2 findings (2 errors) in 2 of 20 files." in run.stdout, run.stdout
    (environment,) = home.glob("*/py_env-*")
    (site,) = environment.glob("lib/python*/site-packages")
    installed = {path.name.split("-")[0].lower() for path in site.glob("*.dist-info")}
    assert {"cassette_toolkit_pre_commit", "pyyaml", "click", "genai_prices"} <= installed
    assert not installed & {"pandas", "numpy", "pyarrow", "matplotlib", "dask"}, installed
    script = environment / "bin" / "cassette-toolkit"
    report = subprocess.run(
        [str(script), "report", "tests/cassettes"], cwd=repo, capture_output=True, text=True, check=False
    )
    assert report.returncode == 2
    assert report.stderr == (
        "error: cassette-toolkit report needs pandas, which is not installed: pip install cassette-toolkit\n"
    )


def test_the_hook_repository_follows_this_one() -> None:
    """Its manifest is this repository's, its dependencies this repository's without pandas."""
    import tomllib

    builder = hook_builder()
    hook_dependencies, render_pyproject, requirement_name = (
        builder.hook_dependencies,
        builder.render_pyproject,
        builder.requirement_name,
    )
    root = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = tomllib.loads(render_pyproject(root))
    assert hook["project"]["dependencies"] == hook_dependencies(root["project"])
    assert {requirement_name(r) for r in root["project"]["dependencies"]} - {
        requirement_name(r) for r in hook["project"]["dependencies"]
    } == builder.LEFT_OUT
    assert hook["project"]["scripts"] == root["project"]["scripts"]
    assert hook["project"]["version"] == root["project"]["version"]
