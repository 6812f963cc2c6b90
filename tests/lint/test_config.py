"""Configuration files: discovery, validation with file and line, and flags over the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.lint.command import LintRequest, load_file_config, parse_codes, parse_severities
from toolkit.lint.config import find_config, read_config
from toolkit.lint.errors import ConfigError
from toolkit.lint.settings import CommandLine, build_settings

PYPROJECT = """\
[project]
name = "demo"

[tool.cassette-toolkit]
select = ["CT"]
ignore = ["CT4"]
extend-select = ["CT402"]
fail-on = "warning"
baseline = "lint-baseline.json"

[tool.cassette-toolkit.per-file-ignores]
"tests/cassettes/errors/*" = ["CT402", "CT406"]

[tool.cassette-toolkit.severity]
CT405 = "warning"

[tool.cassette-toolkit.rules.CT403]
max-bytes = 2_000_000

[tool.cassette-toolkit.rules.CT405]
extend-headers = ["x-trace-id"]
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nearest_pyproject_with_the_table_is_found(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", PYPROJECT)
    _write(tmp_path / "pkg" / "pyproject.toml", "[project]\nname = 'inner'\n")
    deep = tmp_path / "pkg" / "tests" / "x"
    deep.mkdir(parents=True)
    assert find_config(deep) == tmp_path / "pyproject.toml"


def test_every_key_is_read(tmp_path: Path) -> None:
    config = read_config(_write(tmp_path / "pyproject.toml", PYPROJECT), explicit=False)
    settings = build_settings(config, CommandLine())
    assert settings.select == ("CT", "CT402") and settings.ignore == ("CT4",)
    assert settings.fail_on == "warning"
    assert settings.per_file_ignores == (("tests/cassettes/errors/*", ("CT402", "CT406")),)
    assert settings.severity == (("CT405", "warning"),)
    assert settings.options["CT403"] == {"max-bytes": 2_000_000}
    assert settings.options["CT405"] == {"extend-headers": ("x-trace-id",)}
    assert config.baseline == "lint-baseline.json" and config.root == str(tmp_path)


def test_flags_override_the_file(tmp_path: Path) -> None:
    config = read_config(_write(tmp_path / "pyproject.toml", PYPROJECT), explicit=False)
    flags = CommandLine(select=("CT3",), ignore=(), severity=(("CT405", "info"),), fail_on="error")
    settings = build_settings(config, flags)
    assert settings.select == ("CT3", "CT402") and settings.ignore == ()
    assert settings.fail_on == "error"
    from toolkit.lint.rules import RULE_BY_CODE

    assert settings.severity_of(RULE_BY_CODE["CT405"]) == "info"


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[tool.cassette-toolkit]\nselect = ["CT"]\nfail_on = "error"\n', 3, "unknown key 'fail_on'"),
        ('[tool.cassette-toolkit]\nselect = [\n  "CT3",\n  "CT999",\n]\n', 4, "unknown rule code 'CT999'"),
        ('[tool.cassette-toolkit]\nignore = "CT9"\n', 2, "unknown rule code 'CT9'"),
        ("[tool.cassette-toolkit.severity]\nCT402 = 'fatal'\n", 2, "must be one of"),
        ("[tool.cassette-toolkit.severity]\nCT777 = 'error'\n", 2, "unknown rule code 'CT777'"),
        (
            "[tool.cassette-toolkit]\n\n[tool.cassette-toolkit.rules.CT403]\nmax-size = 1\n",
            4,
            "unknown option",
        ),
        ("[tool.cassette-toolkit.rules.CT403]\nmax-bytes = '1MB'\n", 2, "non-negative integer"),
        ("[tool.cassette-toolkit.rules.CT123]\nx = 1\n", 1, "unknown rule code 'CT123'"),
        ('[tool.cassette-toolkit]\nrules.CT405.headers = "date"\n', 2, "list of strings"),
        ('[tool.cassette-toolkit.per-file-ignores]\n"a/*" = ["CT402", "CT4x"]\n', 2, "'CT4x'"),
        ("[tool.cassette-toolkit]\nselect = [\n", None, "not valid TOML"),
    ],
)
def test_errors_name_the_file_and_line(tmp_path: Path, text: str, line: int | None, fragment: str) -> None:
    path = _write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        read_config(path, explicit=False)
    assert caught.value.path == str(path)
    if line is not None:
        assert caught.value.line == line
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"{path}:")


def test_a_config_file_may_use_top_level_keys(tmp_path: Path) -> None:
    path = _write(tmp_path / "lint.toml", 'select = ["CT3"]\n\n[rules.CT403]\nmax-bytes = 10\n')
    config = read_config(path, explicit=True)
    assert config.select == ("CT3",) and config.options == {"CT403": {"max-bytes": 10}}
    bad = _write(tmp_path / "bad.toml", 'select = ["CT3"]\ncolour = true\n')
    with pytest.raises(ConfigError) as caught:
        read_config(bad, explicit=True)
    assert caught.value.line == 2


def test_request_config_discovery(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", PYPROJECT)
    assert load_file_config(LintRequest(paths=(), cwd=str(tmp_path))).fail_on == "warning"
    assert load_file_config(LintRequest(paths=(), cwd=str(tmp_path), isolated=True)).fail_on is None


def test_command_line_codes_are_checked() -> None:
    assert parse_codes(("CT3,CT401", "CT5"), "--select") == ("CT3", "CT401", "CT5")
    with pytest.raises(ConfigError, match="CT999"):
        parse_codes(("CT999",), "--select")
    assert parse_severities(("CT402=error",)) == (("CT402", "error"),)
    with pytest.raises(ConfigError):
        parse_severities(("CT402=loud",))
