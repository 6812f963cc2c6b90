"""Configuration files: discovery, validation with file and line, and flags over the file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from toolkit.commands.lint import LintRequest, load_file_config, parse_codes, parse_severities
from toolkit.lint.config.file import FileConfig, find_config, read_config
from toolkit.lint.config.keys import KEYS
from toolkit.lint.errors import ConfigError
from toolkit.lint.settings import CommandLine, WalkFlags, build_settings, build_walk_options
from toolkit.read.walk import DEFAULT_EXCLUDE

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


def test_dedicated_files_come_before_pyproject_in_each_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", PYPROJECT)
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    _write(tmp_path / "cassette-toolkit.toml", 'fail-on = "info"\n')
    assert find_config(tmp_path) == tmp_path / "cassette-toolkit.toml"
    _write(tmp_path / ".cassette-toolkit.toml", '[tool.cassette-toolkit]\nfail-on = "error"\n')
    assert find_config(tmp_path) == tmp_path / ".cassette-toolkit.toml"
    assert load_file_config(LintRequest(paths=(), cwd=str(tmp_path))).fail_on == "error"


def test_the_nearest_folder_wins_whatever_the_file_name(tmp_path: Path) -> None:
    _write(tmp_path / "cassette-toolkit.toml", 'fail-on = "info"\n')
    _write(tmp_path / "go" / "pyproject.toml", '[tool.cassette-toolkit]\nfail-on = "warning"\n')
    _write(tmp_path / "ruby" / "spec" / "x.txt", "")
    assert load_file_config(LintRequest(paths=(), cwd=str(tmp_path / "go"))).fail_on == "warning"
    config = load_file_config(LintRequest(paths=(), cwd=str(tmp_path / "ruby" / "spec")))
    assert config.fail_on == "info" and config.root == str(tmp_path)


def test_a_dedicated_file_holds_the_keys_at_the_top_level(tmp_path: Path) -> None:
    text = PYPROJECT.split("[tool.cassette-toolkit]\n", 1)[1].replace("[tool.cassette-toolkit.", "[")
    config = read_config(_write(tmp_path / "cassette-toolkit.toml", text))
    assert config.ignore == ("CT4",) and config.options["CT403"] == {"max-bytes": 2_000_000}
    with pytest.raises(ConfigError) as caught:
        read_config(_write(tmp_path / ".cassette-toolkit.toml", 'select = ["CT3"]\n\ncolor = true\n'))
    assert caught.value.line == 3 and "unknown key 'color'" in str(caught.value)


def test_walk_and_allow_keys_are_read(tmp_path: Path) -> None:
    text = (
        "exclude = ['vendor']\nextend-exclude = ['tests/legacy/*']\nrespect-gitignore = false\n"
        "force-exclude = true\nallow-values = ['my-proxy-key', 're:^sk-local-']\n"
        "fail-on-stale-baseline = true\n[rules.CT202]\nallow-values = ['other']\n"
    )
    config = read_config(_write(tmp_path / "cassette-toolkit.toml", text))
    walk = build_walk_options(config, WalkFlags())
    assert walk.exclude == ("vendor",) and walk.extend_exclude == ("tests/legacy/*",)
    assert (walk.respect_gitignore, walk.force_exclude, walk.root) == (False, True, str(tmp_path))
    assert config.fail_on_stale_baseline is True
    settings = build_settings(config, CommandLine())
    assert settings.options["CT201"]["allow-values"] == ("my-proxy-key", "re:^sk-local-")
    assert settings.options["CT202"]["allow-values"] == ("my-proxy-key", "re:^sk-local-", "other")
    flags = WalkFlags(exclude=("x",), extend_exclude=("y",), respect_gitignore=True, force_exclude=False)
    walk = build_walk_options(config, flags)
    assert walk.exclude == ("x",) and walk.extend_exclude == ("tests/legacy/*", "y")
    assert (walk.respect_gitignore, walk.force_exclude) == (True, False)
    assert build_walk_options(FileConfig(), WalkFlags()).exclude == DEFAULT_EXCLUDE


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("exclude = 'vendor'\n", 1, "'exclude' must be a list of strings"),
        ("select = []\nrespect-gitignore = 'yes'\n", 2, "must be true or false"),
        ("allow-values = [\n  'ok',\n  're:(unclosed',\n]\n", 3, "not a valid regular expression"),
        ("[rules.CT201]\nallow-values = ['re:[z-a]']\n", 2, "not a valid regular expression"),
        ("baseline = 1\n", 1, "'baseline' must be a string"),
    ],
)
def test_new_keys_are_checked(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = _write(tmp_path / "cassette-toolkit.toml", text)
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert caught.value.line == line and fragment in str(caught.value)


def test_every_key_has_a_field() -> None:
    names = {f.name for f in dataclasses.fields(FileConfig)} - {"path", "root"}
    assert names == {key.field for key in KEYS}


def test_errors_name_the_column_too(tmp_path: Path) -> None:
    path = _write(tmp_path / "cassette-toolkit.toml", "allow-values = [\n  'ok',\n  're:(unclosed',\n]\n")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert (caught.value.line, caught.value.column) == (3, 4)
    assert str(caught.value).startswith(f"{path}:3:4: 'allow-values'")
    path = _write(tmp_path / "pyproject.toml", "[tool.cassette-toolkit]\n  select = [1]\n")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert (caught.value.line, caught.value.column) == (2, 3)
    path = _write(tmp_path / "broken.toml", "select = [\n")
    with pytest.raises(ConfigError) as caught:
        read_config(path)
    assert (caught.value.line, caught.value.column) == (2, 1)
