"""The README's lint documentation stays true: the configuration examples valid, every key documented.

Its rules table is generated (``tests.generated_docs``).
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT
from toolkit.lint.config.file import read_config
from toolkit.lint.config.keys import KEYS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_configuration_examples_are_valid(tmp_path: Path) -> None:
    pyproject, dedicated = re.findall(r"```toml\n(.*?)```", README, flags=re.S)
    path = tmp_path / "pyproject.toml"
    path.write_text(pyproject, encoding="utf-8")
    config = read_config(path, explicit=False)
    assert config.ignore == ("CT405",) and config.options["CT403"] == {"max-bytes": 2_000_000}
    assert config.allow_values == ("my-proxy-key", "re:^sk-local-[a-z0-9]+$")
    path = tmp_path / "cassette-toolkit.toml"
    path.write_text(dedicated, encoding="utf-8")
    config = read_config(path)
    assert config.exclude == ("vendor", "node_modules") and config.baseline == "cassette-baseline.json"


def test_every_configuration_key_is_documented() -> None:
    section = README.split("### Configuration\n", 1)[1].split("\n### ", 1)[0]
    for key in KEYS:
        assert f"\n{key.name} = " in section or f"\n[tool.cassette-toolkit.{key.name}" in section, key.name
