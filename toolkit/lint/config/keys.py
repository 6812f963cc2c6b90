"""The configuration's keys, defined once: name, kind of value, and meaning.

The reader validates each key by its kind (``toolkit.lint.config.file``), the JSON Schema in
``docs/config.schema.json`` is generated from this table (``toolkit.lint.config.schema``),
and ``FileConfig`` has a field for each key (the name in snake case; ``rules`` is
``options``). A test keeps the three in step.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

__all__ = ["KEYS", "KEY_BY_NAME", "Key", "Kind"]

#: What a key's value is: ``codes`` a list of rule codes or prefixes (or one); ``code-table``
#: codes to severity levels; ``glob-codes`` globs to codes; ``rule-options`` each rule's
#: options; ``level`` a severity; ``path`` a path relative to the configuration's folder;
#: ``globs`` a list of globs; ``values`` an allow list; ``bool`` true or false.
Kind = Literal[
    "codes", "code-table", "glob-codes", "rule-options", "level", "path", "globs", "values", "bool"
]


class Key(NamedTuple):
    """One configuration key."""

    name: str
    kind: Kind
    help: str

    @property
    def field(self) -> str:
        """The ``FileConfig`` field that holds the key's value."""
        return "options" if self.name == "rules" else self.name.replace("-", "_")


KEYS: tuple[Key, ...] = (
    Key("select", "codes", "Rule codes or prefixes to run (default: every rule); the longest prefix wins."),
    Key("ignore", "codes", "Rule codes or prefixes not to run; on a tie with select, ignore wins."),
    Key("extend-select", "codes", "Codes or prefixes added to select (also to the --select flag)."),
    Key("extend-ignore", "codes", "Codes or prefixes added to ignore (also to the --ignore flag)."),
    Key(
        "per-file-ignores",
        "glob-codes",
        "Codes switched off for some files: a glob on the path relative to the configuration's "
        "folder, or on the file name, to a list of codes or prefixes.",
    ),
    Key("severity", "code-table", "A severity (error, warning or info) for a code or prefix."),
    Key("rules", "rule-options", "Each rule's options, by code (see `cassette-toolkit rules CODE`)."),
    Key("fail-on", "level", "Exit 1 when a finding is at least this serious (default: error)."),
    Key(
        "baseline",
        "path",
        "A baseline file of accepted findings, relative to the configuration's folder; lint and "
        "redact leave what it accepts alone.",
    ),
    Key(
        "fail-on-stale-baseline",
        "bool",
        "Exit 1 when the baseline accepts findings that are no longer there (default: false, a note).",
    ),
    Key(
        "allow-values",
        "values",
        "Values that are not secrets in this project (placeholders a recorder writes): an exact "
        "value, or 're:' and a regular expression searched in the value. A secret finding (CT2xx) "
        "of an allowed value is not reported, and redact leaves the value in place.",
    ),
    Key(
        "exclude",
        "globs",
        "Files and folders a walk skips, replacing the default list (node_modules, venv, "
        "__pycache__, site-packages ...): globs on the path relative to the configuration's "
        "folder, or on the name.",
    ),
    Key("extend-exclude", "globs", "Globs a walk skips, in addition to exclude."),
    Key("respect-gitignore", "bool", "Skip the files git ignores when walking folders (default: true)."),
    Key(
        "force-exclude",
        "bool",
        "Apply exclude and extend-exclude to files named on the command line too, as the "
        "pre-commit hooks name them (default: false).",
    ),
)

KEY_BY_NAME = {key.name: key for key in KEYS}
