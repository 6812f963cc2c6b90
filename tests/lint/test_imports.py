"""What a lint run imports: never pandas or genai-prices; jsonschema only for an invalid document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

PROBE = """
import json, sys
from toolkit.cli import main
try:
    main(sys.argv[1:])
except SystemExit as e:
    code = e.code
roots = sorted({name.split(".")[0] for name in sys.modules})
print(json.dumps({"code": code, "modules": roots}))
"""

HEAVY = {"pandas", "numpy", "genai_prices", "pyarrow"}


def imported_by(*args: str) -> tuple[int, set[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


@pytest.mark.parametrize("name", ["report/good.yaml", "report/bad.yaml"])
def test_lint_never_imports_pandas_or_prices(name: str) -> None:
    code, modules = imported_by("lint", "--isolated", "--format", "json", str(DATA / "lint" / name))
    assert code in (0, 1)
    assert not modules & HEAVY


def test_valid_cassettes_are_checked_without_jsonschema() -> None:
    _, modules = imported_by("lint", "--isolated", str(DATA / "lint" / "report" / "good.yaml"))
    assert "jsonschema" not in modules


def test_an_invalid_document_uses_jsonschema_for_positions() -> None:
    _, modules = imported_by("lint", "--isolated", str(DATA / "hostile" / "wrong_types.yaml"))
    assert "jsonschema" in modules and not modules & HEAVY


def test_every_format_and_the_rules_command_stay_light(tmp_path: Path) -> None:
    for fmt in ("sarif", "junit", "github"):
        _, modules = imported_by("lint", "--isolated", "--format", fmt, str(DATA / "hostile"))
        assert not modules & HEAVY
    _, modules = imported_by("rules", "CT301")
    assert not modules & HEAVY


@pytest.mark.parametrize("command", ["report", "lint", "redact", "export"])
def test_help_reads_the_registries_without_importing_them(command: str) -> None:
    """``--help`` lists formats and tables from their registries, which import no renderer."""
    code, modules = imported_by(command, "--help")
    assert code == 0 and not modules & HEAVY
