"""The rule registry: every family's rules, explicitly listed, in code order.

A family is a module with a ``RULES`` tuple; each of its rules is declared right
after its check, with the example cassettes of its documentation just before it. To
add a family, write the module and add it to ``_FAMILY_MODULES``; nothing is
discovered by import-time magic.
Rule modules import only what their checks need at module level; heavy
dependencies are imported inside the checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from toolkit.lint.rule import Rule
from toolkit.lint.rules import (
    ct0_file,
    ct1_schema,
    ct2_secrets,
    ct3_bodies,
    ct3_streams,
    ct4_hygiene,
    ct5_llm,
)

__all__ = ["FAMILIES", "INTERNAL_ERROR", "RULES", "RULE_BY_CODE", "Family"]


class Family(NamedTuple):
    """A numbered family of codes: ``prefix`` such as ``CT3`` and what it covers."""

    prefix: str
    title: str


#: The families, including those whose rules are still to come (selecting them is not an error).
FAMILIES: tuple[Family, ...] = (
    Family("CT0", "file and parse"),
    Family("CT1", "schema"),
    Family("CT2", "secrets"),
    Family("CT3", "bodies and streams"),
    Family("CT4", "hygiene"),
    Family("CT5", "LLM semantics"),
)

INTERNAL_ERROR = ct0_file.INTERNAL_ERROR

_FAMILY_MODULES = (ct0_file, ct1_schema, ct2_secrets, ct3_bodies, ct3_streams, ct4_hygiene, ct5_llm)

#: Every rule, sorted by code.
RULES: tuple[Rule, ...] = tuple(
    sorted(
        (*(rule for module in _FAMILY_MODULES for rule in module.RULES), INTERNAL_ERROR), key=lambda r: r.code
    )
)

RULE_BY_CODE: Mapping[str, Rule] = {rule.code: rule for rule in RULES}
