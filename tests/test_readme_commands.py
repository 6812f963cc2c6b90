"""The README's Commands section documents every option of every command, as `--help` lists it."""

from __future__ import annotations

import re

import click
import pytest

from tests.conftest import ROOT
from toolkit.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]


def section(title: str) -> str:
    """The README's ``### title...`` section, up to the next heading of that level."""
    match = re.search(rf"^### {re.escape(title)}.*?(?=^### |\Z)", COMMANDS, re.S | re.M)
    assert match is not None, title
    return match.group(0)


#: Options every command that walks folders takes, documented once in "Finding cassettes".
SHARED = section("Finding cassettes")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_option_is_documented_under_its_command(name: str) -> None:
    text = section(f"`cassette-toolkit {name}") + SHARED
    options = [
        option
        for parameter in main.commands[name].params
        if isinstance(parameter, click.Option) and parameter.name != "help"
        for option in (*parameter.opts, *parameter.secondary_opts)
        if option.startswith("--")
    ]
    assert options or name == "rules"
    missing = [
        option for option in options if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text)
    ]
    assert not missing, f"{name}: {missing}"
