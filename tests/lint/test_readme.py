"""The README's lint documentation stays true: every rule listed, the configuration example valid."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT
from toolkit.lint.config import read_config
from toolkit.lint.rules import RULES

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_rule_is_in_the_readme_table() -> None:
    for rule in RULES:
        assert f"| {rule.code} | `{rule.name}` | {rule.severity} |" in README, rule.code


def test_the_configuration_example_is_valid(tmp_path: Path) -> None:
    (block,) = re.findall(r"```toml\n(.*?)```", README, flags=re.S)
    path = tmp_path / "pyproject.toml"
    path.write_text(block, encoding="utf-8")
    config = read_config(path, explicit=False)
    assert config.ignore == ("CT405",) and config.options["CT403"] == {"max-bytes": 2_000_000}
