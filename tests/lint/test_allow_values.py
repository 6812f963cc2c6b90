"""allow-values: a project's own placeholders are not secret findings, exact or by regular expression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_toolkit
from toolkit.commands.lint import LintRequest, execute
from toolkit.credentials.templates import expand
from toolkit.lint.allow import compile_allow_list
from toolkit.lint.config.file import FileConfig
from toolkit.lint.engine import lint_data
from toolkit.lint.rules.example_cassettes import vcrpy_cassette
from toolkit.lint.settings import CommandLine, build_settings

PROXY_KEY = expand("{hex:32}", "allow-values proxy key")
LOCAL_KEY = "sk-local-" + expand("{b62:32}", "allow-values local key")
TOKEN = expand("sk-ant-api03-{b64url:93}AA", "allow-values token")
HEADERS = "      Content-Type:\n      - application/json\n"


def cassette(**headers: str) -> str:
    extra = "".join(f"      {name}:\n      - {value}\n" for name, value in headers.items())
    return vcrpy_cassette(response_headers=HEADERS + extra)


def secret_codes(text: str, allow: tuple[str, ...] = (), **rule_allow: tuple[str, ...]) -> list[str]:
    options = {code: {"allow-values": values} for code, values in rule_allow.items()}
    settings = build_settings(FileConfig(allow_values=allow, options=options), CommandLine())
    return [f.code for f in lint_data(text.encode(), "c.yaml", settings) if f.code.startswith("CT2")]


def test_an_exact_value_is_allowed() -> None:
    text = cassette(**{"api-key": PROXY_KEY})
    assert secret_codes(text) == ["CT202"]
    assert secret_codes(text, (PROXY_KEY,)) == []
    assert secret_codes(text, (PROXY_KEY[:-1],)) == ["CT202"]  # exact means the whole value


def test_a_regular_expression_is_searched_in_the_value() -> None:
    text = cassette(**{"api-key": LOCAL_KEY, "x-api-key": TOKEN})
    assert sorted(secret_codes(text)) == ["CT201", "CT202"]
    assert secret_codes(text, ("re:^sk-local-[A-Za-z0-9]+$",)) == ["CT201"]
    assert secret_codes(text, ("re:local",)) == ["CT201"]


def test_the_value_after_the_scheme_is_what_is_compared() -> None:
    text = cassette(Authorization=f"Bearer {PROXY_KEY}")
    assert secret_codes(text) == ["CT202"]
    assert secret_codes(text, (PROXY_KEY,)) == []


def test_a_rule_s_own_list_adds_to_the_top_level_one() -> None:
    text = cassette(**{"api-key": PROXY_KEY, "x-api-key": TOKEN})
    assert secret_codes(text, (PROXY_KEY,), CT201=(TOKEN,)) == []
    assert secret_codes(text, CT201=(TOKEN,)) == ["CT202"]


def test_the_allow_list() -> None:
    allowed = compile_allow_list(("a", "re:^b+$"))
    assert allowed.allows("a") and allowed.allows("bbb") and not allowed.allows("ab")
    with pytest.raises(ValueError, match="not a valid regular expression"):
        compile_allow_list(("re:(",))


def test_lint_reads_allow_values_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(cassette(**{"api-key": PROXY_KEY}))
    assert execute(LintRequest(paths=(str(tmp_path),), cwd=str(tmp_path))).exit_code == 1
    (tmp_path / "cassette-toolkit.toml").write_text(f'allow-values = ["re:^{PROXY_KEY[:8]}"]\n')
    outcome = execute(LintRequest(paths=(str(tmp_path),), cwd=str(tmp_path), format="json"))
    assert outcome.exit_code == 0 and json.loads(outcome.output)["findings"] == []
    run = run_toolkit("lint", "c.yaml", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, "")
