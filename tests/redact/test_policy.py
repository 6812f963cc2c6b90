"""redact follows lint's configuration and baseline: the two hooks agree on the same files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_toolkit
from toolkit.credentials.templates import expand
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette

TOKEN = expand("sk-ant-api03-{b64url:93}AA", "redact policy token")
OTHER_TOKEN = expand("sk-ant-api03-{b64url:93}AA", "redact policy other token")
PROXY_KEY = expand("{hex:32}", "redact policy proxy key")
HEADERS = "      Content-Type:\n      - application/json\n"


def cassette(**headers: str) -> str:
    extra = "".join(f"      {name}:\n      - {value}\n" for name, value in headers.items())
    return vcrpy_cassette(response_headers=HEADERS + extra)


LEAKY = cassette(**{"x-api-key": TOKEN, "api-key": PROXY_KEY})


def toolkit(command: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_toolkit(command, *args, cwd=cwd)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cassettes").mkdir()
    (tmp_path / "cassettes" / "leaky.yaml").write_text(LEAKY, encoding="utf-8")
    (tmp_path / "cassettes" / "good.yaml").write_text(GOOD, encoding="utf-8")
    return tmp_path


def configure(project: Path, text: str) -> None:
    (project / "cassette-toolkit.toml").write_text(text, encoding="utf-8")


def agree(project: Path) -> int:
    """Run both hooks as shipped (``lint``, ``redact --check``) and return their common exit status."""
    lint = toolkit("lint", "cassettes", cwd=project)
    check = toolkit("redact", "--check", "cassettes", cwd=project)
    assert lint.returncode == check.returncode, (lint.stdout, check.stdout)
    return check.returncode


def test_allowed_values_are_left_in_place(project: Path) -> None:
    assert agree(project) == 1
    configure(project, f'allow-values = ["{PROXY_KEY}", "re:^sk-ant-api03-"]\n')
    assert agree(project) == 0
    run = toolkit("redact", "cassettes", cwd=project)
    assert run.returncode == 0 and "Left 2 secrets that the configuration or baseline accepts." in run.stdout
    assert (project / "cassettes" / "leaky.yaml").read_text(encoding="utf-8") == LEAKY


def test_only_what_is_not_allowed_is_replaced(project: Path) -> None:
    configure(project, f'allow-values = ["{PROXY_KEY}"]\n')
    assert agree(project) == 1
    run = toolkit("redact", "cassettes", cwd=project)
    assert run.returncode == 0 and "replaced anthropic-api-key" in run.stdout
    text = (project / "cassettes" / "leaky.yaml").read_text(encoding="utf-8")
    assert TOKEN not in text and PROXY_KEY in text
    assert agree(project) == 0


def test_a_baseline_is_honoured_by_value(project: Path) -> None:
    assert toolkit("lint", "cassettes", "--write-baseline", "baseline.json", cwd=project).returncode == 0
    configure(project, 'baseline = "baseline.json"\n')
    (project / "cassettes" / "new.yaml").write_text(cassette(**{"x-api-key": TOKEN}), encoding="utf-8")
    assert agree(project) == 0
    (project / "cassettes" / "other.yaml").write_text(
        cassette(**{"x-api-key": OTHER_TOKEN}), encoding="utf-8"
    )
    assert agree(project) == 1
    run = toolkit("redact", "cassettes", cwd=project)
    assert "cassettes/other.yaml" in run.stdout and "leaky.yaml" not in run.stdout
    assert (project / "cassettes" / "leaky.yaml").read_text(encoding="utf-8") == LEAKY
    assert OTHER_TOKEN not in (project / "cassettes" / "other.yaml").read_text(encoding="utf-8")


def test_a_baseline_given_on_the_command_line_and_a_version_1_baseline(project: Path) -> None:
    lint = toolkit("lint", "cassettes", "--isolated", "--format", "json", cwd=project)
    entries = [
        {"path": f["path"], "code": f["code"], "fingerprint": f["fingerprint"]}
        for f in json.loads(lint.stdout)["findings"]
    ]
    (project / "v1.json").write_text(json.dumps({"version": 1, "findings": entries}), encoding="utf-8")
    assert toolkit("redact", "--check", "cassettes", "--baseline", "v1.json", cwd=project).returncode == 0
    assert toolkit("redact", "--check", "cassettes", cwd=project).returncode == 1


def test_per_file_ignores_apply(project: Path) -> None:
    configure(project, '[per-file-ignores]\n"cassettes/leaky.yaml" = ["CT2"]\n')
    assert agree(project) == 0
    configure(project, '[per-file-ignores]\n"leaky.yaml" = ["CT201"]\n')  # by name: the token stays
    assert agree(project) == 1
    toolkit("redact", "cassettes", cwd=project)
    text = (project / "cassettes" / "leaky.yaml").read_text(encoding="utf-8")
    assert TOKEN in text and PROXY_KEY not in text


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ('ignore = ["CT202"]\n', 1),
        ('ignore = ["CT2"]\n', 0),
        ('select = ["CT3"]\n', 0),
        ('[severity]\nCT2 = "warning"\n', 0),
        ('fail-on = "warning"\n[severity]\nCT2 = "warning"\n', 1),
        ('[rules.CT202]\nignore-names = ["api-key"]\n[rules.CT201]\nallow-values = ["re:."]\n', 0),
    ],
)
def test_selection_and_severities_decide_alike(project: Path, text: str, status: int) -> None:
    configure(project, text)
    assert agree(project) == status


def test_a_bad_configuration_is_a_usage_error(project: Path) -> None:
    configure(project, "allow-values = ['re:(']\n")
    run = toolkit("redact", "cassettes", cwd=project)
    assert run.returncode == 2 and "cassette-toolkit.toml:1" in run.stderr and "Traceback" not in run.stderr
    assert toolkit("redact", "--isolated", "--check", "cassettes", cwd=project).returncode == 1


PROBE = """
import json, sys
from toolkit.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def test_without_a_configuration_the_hook_does_not_load_the_rules(project: Path) -> None:
    """The redact hook's start-up: the rule registry only when a configuration or baseline needs it."""

    def modules() -> list[str]:
        out = subprocess.run(
            [sys.executable, "-c", PROBE, "redact", "--check", "cassettes/good.yaml"],
            cwd=project,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        loaded: list[str] = json.loads(out.strip().splitlines()[-1])
        return loaded

    assert "toolkit.lint.rules" not in modules()
    configure(project, 'ignore = ["CT405"]\n')
    assert "toolkit.lint.rules" in modules()
