"""CT201-CT204: where each is reported, what a message holds, and what no report ever holds."""

from __future__ import annotations

import base64
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, LabelledSet
from tests.lint.helpers import lint_text, where
from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.credentials.templates import expand
from toolkit.lint.reporters import FORMATS
from toolkit.lint.rules.example_cassettes import vcrpy_cassette
from toolkit.read.files import read_file

PROJECT_KEY = expand("sk-proj-{b64url:74}T3BlbkFJ{b64url:74}", "rules test")
HEX_KEY = expand("{hex:32}", "rules test hex")
HEADERS = "      Content-Type:\n      - application/json\n"


def test_token_in_a_request_header_is_reported_at_the_value() -> None:
    text = vcrpy_cassette().replace(
        "      Content-Type:\n      - application/json\n  response:",
        f"      Content-Type:\n      - application/json\n      Authorization:\n      - Bearer {PROJECT_KEY}\n"
        "  response:",
    )
    assert where(lint_text(text), "CT2") == [("CT201", 10, 16)]  # the key's column, after "Bearer "


def test_prefixless_key_in_a_credential_header_is_ct202() -> None:
    text = vcrpy_cassette(response_headers=HEADERS + f"      x-api-key:\n      - {HEX_KEY}\n")
    assert where(lint_text(text), "CT2") == [("CT202", 17, 9)]


def test_token_in_a_json_body_is_reported_at_the_token() -> None:
    body = "'" + json.dumps({"id": "x", "echo": PROJECT_KEY}) + "'"
    assert where(lint_text(vcrpy_cassette(response_body=body)), "CT2") == [("CT201", 17, 37)]


def test_token_in_a_literal_block_body_is_reported_at_its_own_line() -> None:
    stream = "".join(f'        data: {{"n": {n}}}\n\n' for n in range(5))
    body = "|\n" + stream + f'        data: {{"echo": "{PROJECT_KEY}"}}\n'
    text = vcrpy_cassette(response_body=body)
    line = text.split("\n").index(f'        data: {{"echo": "{PROJECT_KEY}"}}') + 1
    assert where(lint_text(text), "CT2") == [("CT201", line, 25)]


def test_token_in_a_gzip_binary_body() -> None:
    raw = gzip.compress(json.dumps({"echo": PROJECT_KEY}).encode())
    lines = base64.encodebytes(raw).decode().strip().split("\n")
    body = "!!binary |\n" + "\n".join("        " + line for line in lines)
    headers = HEADERS + "      Content-Encoding:\n      - gzip\n"
    findings = lint_text(vcrpy_cassette(response_headers=headers, response_body=body))
    assert where(findings, "CT2") == [("CT201", 19, 15)]


def test_account_header_is_a_warning_and_can_be_ignored_by_name() -> None:
    org = expand("org-{b62:24}", "rules org")
    text = vcrpy_cassette(response_headers=HEADERS + f"      openai-organization:\n      - {org}\n")
    findings = lint_text(text)
    assert [(f.code, f.severity) for f in findings if f.code.startswith("CT2")] == [("CT203", "warning")]
    quiet = lint_text(text, options={"CT203": {"ignore-names": ("openai-organization",)}})
    assert where(quiet, "CT2") == []


def test_ct202_ignore_names() -> None:
    text = vcrpy_cassette(response_headers=HEADERS + f"      x-api-key:\n      - {HEX_KEY}\n")
    assert where(lint_text(text, options={"CT202": {"ignore-names": ("X-API-Key",)}}), "CT2") == []


def test_messages_name_kind_display_and_fingerprint_never_the_value() -> None:
    text = vcrpy_cassette(response_headers=HEADERS + f"      x-api-key:\n      - Bearer {PROJECT_KEY}\n")
    (finding,) = [f for f in lint_text(text) if f.code == "CT201"]
    assert "openai-project-key" in finding.message and "sk-p… (164 chars)" in finding.message
    assert PROJECT_KEY[:5] not in finding.message and "fingerprint" in finding.message


def test_fingerprints_are_stable_and_differ_by_secret() -> None:
    one = vcrpy_cassette(response_headers=HEADERS + f"      x-api-key:\n      - {HEX_KEY}\n")
    other = one.replace(HEX_KEY, expand("{hex:32}", "another"))
    first, second = lint_text(one), lint_text(one)
    assert [f.fingerprint for f in first] == [f.fingerprint for f in second]
    assert {f.fingerprint for f in first if f.code == "CT202"} != {
        f.fingerprint for f in lint_text(other) if f.code == "CT202"
    }


# Every report format, run the way users run it, never shows a planted secret.

PLANTED = (
    "planted-header-anthropic-api-key.yaml",
    "planted-query-google-api-key.yaml",
    "planted-userinfo-password.yaml",
    "planted-form-field-azure-style-hex32.yaml",
    "planted-json-in-json-github-fine-grained-pat.yaml",
    "planted-gzip-binary-aws-session-token.yaml",
    "planted-eventstream-chunk-openai-project-key.yaml",
    "planted-stream-text-xai-api-key.yaml",
    "planted-parsed-body-pem-private-key.yaml",
    "planted-ruby-base64-slack-bot-token.yml",
    "planted-form-body-azure-style-hex32.yaml",
)


def _secrets(paths: list[Path]) -> set[str]:
    found = set()
    for path in paths:
        found.update(leak.secret for leak in AnalyzedCassette.of(read_file(str(path))).leaks())
    return found


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_report_format_shows_a_secret(fmt: str, labelled_set: LabelledSet, tmp_path: Path) -> None:
    paths = [labelled_set.folder / name for name in PLANTED]
    secrets = _secrets(paths)
    assert len(secrets) >= len(PLANTED) - 1  # two files share the prefix-less key
    baseline = tmp_path / "baseline.json"
    command = [sys.executable, "-m", "toolkit", "lint", "--isolated", "--format", fmt]
    run = subprocess.run(
        [*command, "--write-baseline", str(baseline), *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    report = subprocess.run(
        [*command, *map(str, paths)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert report.returncode == 1 and "CT20" in report.stdout
    outputs = report.stdout + report.stderr + baseline.read_text(encoding="utf-8")
    for secret in secrets:
        # At most a 4-character prefix may show: no later part of the secret, nor its end.
        for piece in (secret, secret[4:12], secret[-8:]):
            assert piece not in outputs, (fmt, len(secret))


def test_a_key_after_a_keyword_in_a_prompt_is_a_ct205_warning_at_the_key() -> None:
    prompt = json.dumps({"messages": [{"role": "user", "content": f"use config: API_KEY={HEX_KEY} please"}]})
    findings = lint_text(vcrpy_cassette(request_body="'" + prompt + "'"))
    assert where(findings, "CT2") == [("CT205", 5, 12 + prompt.index(HEX_KEY))]  # after "    body: '"
    assert [finding.severity for finding in findings if finding.code == "CT205"] == ["warning"]


def test_a_key_after_a_keyword_under_a_credential_json_key_is_ct202_alone() -> None:
    body = "'" + json.dumps({"client_secret": HEX_KEY, "note": f"client_secret={HEX_KEY}"}) + "'"
    assert [code for code, _, _ in where(lint_text(vcrpy_cassette(request_body=body)), "CT2")] == ["CT202"]
