"""Shell completion, as the README tells users to turn it on (bash, zsh, fish)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

VARIABLE = "_CASSETTE_TOOLKIT_COMPLETE"


def toolkit_with(env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "toolkit"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def complete(*words: str) -> list[str]:
    """What bash completion offers after ``cassette-toolkit WORDS`` (the last word being typed)."""
    line = " ".join(["cassette-toolkit", *words])
    output = toolkit_with({VARIABLE: "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words))})
    return [item.split(",", 1)[1] for item in output.splitlines()]


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o nosort -F _cassette_toolkit_completion cassette-toolkit"),
        ("zsh", "#compdef cassette-toolkit"),
        ("fish", "complete --no-files --command cassette-toolkit"),
    ],
)
def test_each_shell_gets_its_script(shell: str, marker: str) -> None:
    assert marker in toolkit_with({VARIABLE: f"{shell}_source"})


def test_commands_options_and_values_complete() -> None:
    assert complete("li") == ["lint"]
    assert complete("lint", "--fail-on", "") == ["error", "warning", "info", "never"]
    assert "--stdin-filename" in complete("lint", "--std")
    assert sorted(complete("report", "--format", "")) == ["csv", "html", "json", "markdown", "text"]
    assert complete("rules", "CT40") == ["CT401", "CT402", "CT403", "CT404", "CT405", "CT406"]
    assert complete("rules", "unknown-p") == ["CT504"]


def test_bash_completes_through_the_installed_script(tmp_path: Path) -> None:
    """The README's bash line, run by bash: the registered function fills COMPREPLY."""
    bash = shutil.which("bash")
    script = Path(sys.executable).with_name("cassette-toolkit")
    if bash is None or not script.exists():
        pytest.skip("needs bash and the installed cassette-toolkit script")
    program = (
        f'eval "$({VARIABLE}=bash_source cassette-toolkit)"\n'
        "COMP_WORDS=(cassette-toolkit lint --format s); COMP_CWORD=3\n"
        "_cassette_toolkit_completion cassette-toolkit\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([bash, "-c", program], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["sarif"]
