"""docs/config.schema.json: current with the code, and in agreement with the reader on real examples."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT
from tests.lint.test_config import PYPROJECT
from toolkit.lint.config.file import read_config
from toolkit.lint.config.schema import build_config_schema, render_config_schema
from toolkit.lint.errors import ConfigError

SCHEMA_FILE = ROOT / "docs" / "config.schema.json"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def table(text: str) -> Any:
    data = tomllib.loads(text)
    return data.get("tool", {}).get("cassette-toolkit", data)


def examples() -> list[str]:
    """The README's TOML examples, and the configuration the tests read."""
    return [*re.findall(r"```toml\n(.*?)```", README, flags=re.S), PYPROJECT]


def test_the_schema_is_a_valid_draft_7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(build_config_schema())


@pytest.mark.parametrize("text", examples())
def test_documented_examples_are_valid(text: str, tmp_path: Path) -> None:
    jsonschema.validate(table(text), build_config_schema(), cls=jsonschema.Draft7Validator)
    name = "pyproject.toml" if "[tool.cassette-toolkit" in text else "cassette-toolkit.toml"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    read_config(path)


@pytest.mark.parametrize(
    "text",
    [
        "fail_on = 'error'\n",
        "select = ['CT999']\n",
        "select = 'CT3x'\n",
        "[severity]\nCT402 = 'fatal'\n",
        "[severity]\nCT777 = 'error'\n",
        "[rules.CT403]\nmax-size = 1\n",
        "[rules.CT403]\nmax-bytes = '1MB'\n",
        "[rules.CT405]\nextend-headers = 'date'\n",
        "[per-file-ignores]\n'a/*' = ['CT4x']\n",
        "exclude = 'vendor'\n",
        "respect-gitignore = 'yes'\n",
        "allow-values = [1]\n",
    ],
)
def test_what_the_reader_refuses_the_schema_refuses(text: str, tmp_path: Path) -> None:
    path = tmp_path / "cassette-toolkit.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        read_config(path)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(table(text), build_config_schema(), cls=jsonschema.Draft7Validator)


def test_every_rule_option_is_described() -> None:
    rules = json.loads(render_config_schema())["properties"]["rules"]["properties"]
    assert rules["CT403"]["properties"]["max-bytes"]["type"] == "integer"
    assert rules["CT201"]["properties"]["allow-values"]["type"] == "array"
