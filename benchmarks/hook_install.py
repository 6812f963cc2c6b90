"""What a pre-commit hook costs to install and to run the first time, beside ruff's.

    python benchmarks/hook_install.py [--copies N] [--write reports/benchmarks.md]

For each hook repository, in a fresh ``PRE_COMMIT_HOME`` and with pip's cache off (a new
machine), ``pre-commit run HOOK --all-files`` (with a configuration that pins the repository's
HEAD) runs twice on a repository of
``N`` copies of ``sample_cassettes/``: the first run clones the repository, makes the
environment, installs it and runs the hook; the second only runs it. The environment's size
is measured on disk. Repositories:

* this repository's root, as ``.pre-commit-hooks.yaml`` here installs it (the whole toolkit);
* the hook repository ``hook/build.py`` writes (``cassette-toolkit-pre-commit``);
* a repository laid out as ruff's ``ruff-pre-commit`` (a ``pyproject.toml`` that depends on
  ``ruff`` from the package index, and a ``ruff-check`` hook), since the real one cannot be
  cloned without network access to its host.

Also lists the third-party packages a ``lint`` and a ``redact --check`` process import. With
``--write FILE`` the ``## hook install`` section of FILE is replaced (or added).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## hook install"
#: The ruff version of the ruff-pre-commit layout: the newest the index serves when unset.
RUFF = os.environ.get("BENCH_RUFF_VERSION", "")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def commit_all(repo: Path) -> None:
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "-c", "user.email=bench@example.com", "-c", "user.name=bench", "commit", "-qm", "hook")


def user_repository(folder: Path, copies: int) -> int:
    """A repository with ``copies`` of the sample cassettes (and one Python file for ruff)."""
    files = 0
    for copy in range(copies):
        target = folder / "tests" / f"suite{copy:03d}" / "cassettes"
        shutil.copytree(ROOT / "sample_cassettes", target, ignore=shutil.ignore_patterns("README.md"))
        files += sum(1 for _ in target.iterdir())
    (folder / "app.py").write_text("import os\n\nprint(os.getcwd())\n", encoding="utf-8")
    commit_all(folder)
    return files


def hook_repository(folder: Path) -> Path:
    import importlib.util

    spec = importlib.util.spec_from_file_location("hook_build", ROOT / "hook" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(folder)
    commit_all(folder)
    return folder


def ruff_layout(folder: Path) -> Path:
    """A hook repository as ruff's is laid out: the hook manifest, and a distribution whose only
    dependency is ruff from the package index."""
    folder.mkdir(parents=True)
    pin = f"ruff=={RUFF}" if RUFF else "ruff"
    (folder / "pyproject.toml").write_text(
        f'[project]\nname = "ruff-layout"\nversion = "0"\ndependencies = ["{pin}"]\n'
        "[tool.setuptools]\npy-modules = []\n",
        encoding="utf-8",
    )
    (folder / ".pre-commit-hooks.yaml").write_text(
        "- id: ruff-check\n  name: ruff check\n  entry: ruff check --force-exclude\n  language: python\n"
        "  types_or: [python, pyi]\n  require_serial: true\n",
        encoding="utf-8",
    )
    commit_all(folder)
    return folder


def run_hook(repo: Path, hook: str, user: Path, home: Path) -> tuple[float, int, str]:
    """``pre-commit run HOOK --all-files`` with a configuration that pins ``repo`` at its HEAD
    (``try-repo`` would install into a temporary store and again on every run)."""
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    config = home.with_suffix(".yaml")
    config.write_text(
        f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n      - id: {hook}\n", encoding="utf-8"
    )
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PIP_NO_CACHE_DIR": "1"}
    command = [sys.executable, "-m", "pre_commit", "run", hook, "--all-files", "--config", str(config)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=user, env=env, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done.returncode, done.stdout + done.stderr


def pip_install_alone(repo: Path, work: Path) -> float:
    """``pip install REPO`` into a new virtual environment, pip's cache off: the install's share."""
    venv = work / f"venv-{repo.name}-{len(list(work.iterdir()))}"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    env = {**os.environ, "PIP_NO_CACHE_DIR": "1"}
    start = time.perf_counter()
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(repo)],
        env=env,
        check=True,
        capture_output=True,
    )
    elapsed = time.perf_counter() - start
    shutil.rmtree(venv)
    return elapsed


def environment(home: Path) -> Path:
    found = sorted(home.glob("*/py_env-*"))
    if not found:
        raise RuntimeError(f"no environment under {home}")
    return found[0]


def size_mb(folder: Path) -> float:
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1e6


def largest(env: Path, count: int = 3) -> str:
    site = next(env.glob("lib/python*/site-packages"))
    sizes: dict[str, float] = {}
    for entry in site.iterdir():
        if entry.name.endswith((".dist-info", ".pth")) or entry.name.startswith("_"):
            continue
        name = re.split(r"[.-]", entry.name)[0]
        sizes[name] = sizes.get(name, 0.0) + (
            size_mb(entry) if entry.is_dir() else entry.stat().st_size / 1e6
        )
    top = sorted(sizes.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{name} {mb:.0f}" for name, mb in top)


def measure(name: str, repo: Path, hook: str, user: Path, work: Path) -> dict[str, object]:
    home = work / f"home-{hook}-{len(list(work.iterdir()))}"
    first, status, output = run_hook(repo, hook, user, home)
    second, again, _ = run_hook(repo, hook, user, home)
    try:
        env = environment(home)
    except RuntimeError:
        print(output, file=sys.stderr)
        raise
    return {
        "hook": name,
        "pip_s": pip_install_alone(repo, work),
        "size_mb": size_mb(env),
        "first_s": first,
        "second_s": second,
        "status": (status, again),
        "largest": largest(env),
    }


def imported_packages() -> dict[str, list[str]]:
    """The third-party top-level packages a lint and a redact --check process import."""
    probe = (
        "import sys, runpy\n"
        "sys.argv = ['cassette-toolkit', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('toolkit', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "names = {m.split('.')[0] for m in sys.modules} - set(sys.stdlib_module_names)\n"
        "print('IMPORTED', sorted(n for n in names if not n.startswith('_') and n != 'toolkit'))\n"
    )
    found: dict[str, list[str]] = {}
    for command in (["lint", "--exit-zero", "-q"], ["redact", "--check"]):
        done = subprocess.run(
            [sys.executable, "-c", probe, *command, "sample_cassettes"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        line = next(line for line in done.stdout.splitlines() if line.startswith("IMPORTED"))
        found[command[0]] = json.loads(line.removeprefix("IMPORTED ").replace("'", '"'))
    return found


def render(results: list[dict[str, object]], files: int, imports: dict[str, list[str]]) -> str:
    lines = [
        SECTION,
        "",
        "Written by `python benchmarks/hook_install.py --write reports/benchmarks.md`. Each hook",
        f"repository in a fresh `PRE_COMMIT_HOME`, pip's cache off, on a repository of {files:,} cassettes:",
        "`pre-commit run HOOK --all-files` pinned to the repository's HEAD, the first run (clone,",
        "environment, `pip install .`, the hook) and the second (the hook alone); the environment's",
        "size on disk. `pip install .` alone is the same install into a new virtual environment,",
        "timed apart. Times depend on the",
        "package index's latency (one request per distribution) more than on bytes, and this machine",
        "was shared with other work while measuring: read them as proportions.",
        "",
        "| hook | environment | first run | `pip install .` alone | second run | largest packages (MB) |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['hook']} | {r['size_mb']:.0f} MB | {r['first_s']:.1f} s | {r['pip_s']:.1f} s "
            f"| {r['second_s']:.1f} s "
            f"| {r['largest']} |"
        )
    lines += [
        "",
        "Third-party packages a process imports (besides the standard library): "
        + "; ".join(f"`{command}`: {', '.join(names)}" for command, names in imports.items())
        + ". The price index lint's CT504 reads is built once per genai-prices version in a child "
        "process that imports genai-prices (and pydantic), then read from the cache.",
        "",
        "gitleaks' hooks could not be installed here, so they have no row: `gitleaks` is "
        "`language: golang` (pre-commit clones the gitleaks repository and builds it with a Go "
        "toolchain; neither that host nor Go can be reached from this machine), `gitleaks-docker` "
        "pulls an image from a container registry (not reachable either), and `gitleaks-system` runs "
        "a `gitleaks` binary already installed, which this machine's Debian (12) does not package; "
        "the package index has only third-party wrappers of that binary, which were not installed. "
        "The ruff row is a repository laid out as `ruff-pre-commit` (whose own repository cannot be "
        "cloned here either), installing the same `ruff` distribution from the package index.",
    ]
    return "\n".join(lines) + "\n"


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find(SECTION)
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + len(SECTION))
        text = text[:start] + section + (text[end + 1 :] if end >= 0 else "")
        text = text.replace(section + "## ", section + "\n## ")
    path.write_text(text, encoding="utf-8")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of sample_cassettes/")
    parser.add_argument("--write", type=Path, help="replace the section in this Markdown file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="hook-bench-") as temp:
        work = Path(temp)
        user = work / "user"
        user.mkdir()
        files = user_repository(user, args.copies)
        homes = work / "homes"
        homes.mkdir()
        results = [
            measure("cassette-toolkit, this repository's root", ROOT, "cassette-lint", user, homes),
            measure(
                "cassette-toolkit-pre-commit (hook/build.py)",
                hook_repository(work / "hook"),
                "cassette-lint",
                user,
                homes,
            ),
            measure(
                "ruff-pre-commit layout: ruff check", ruff_layout(work / "ruff"), "ruff-check", user, homes
            ),
        ]
    for result in results:
        print(json.dumps(result), flush=True)
    section = render(results, files, imported_packages())
    print(section)
    if args.write:
        write_section(args.write, section)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
