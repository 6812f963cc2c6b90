"""Secrets hidden from what people read: show's view and exported URLs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_toolkit
from toolkit.analyze.secrets.masking import mask_url
from toolkit.credentials.templates import expand
from toolkit.lint.rules.example_cassettes import vcrpy_cassette

KEY = expand("sk-ant-api03-{b64url:93}AA", "masking")
HEADERS = "      Content-Type:\n      - application/json\n"
URL = (
    "https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent?key=AIzaSyA1b2C3&alt=sse"
)
LEAKY = vcrpy_cassette(uri=URL, response_headers=HEADERS + f"      x-api-key:\n      - {KEY}\n")


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("https://h/p?key=abc&alt=sse", "https://h/p?key=MASKED&alt=sse"),
        ("https://h/p?api_key=abc#frag", "https://h/p?api_key=MASKED#frag"),
        ("https://h/p?X-Amz-Signature=ab&X-Amz-Date=1", "https://h/p?X-Amz-Signature=MASKED&X-Amz-Date=1"),
        ("https://h/p?sv=1&sig=abc%2B", "https://h/p?sv=1&sig=MASKED"),
        ("https://user:pw@h/p", "https://user:MASKED@h/p"),
        ("https://h/p?model=gpt&key=", "https://h/p?model=gpt&key="),
        ("https://h/p?page_token=abc", "https://h/p?page_token=abc"),
        ("https://h/p", "https://h/p"),
    ],
)
def test_credential_parameters_are_masked(url: str, masked: str) -> None:
    assert mask_url(url) == masked


@pytest.fixture
def leaky(tmp_path: Path) -> Path:
    path = tmp_path / "leaky.yaml"
    path.write_text(LEAKY, encoding="utf-8")
    return path


def test_show_masks_secrets_unless_asked(leaky: Path) -> None:
    masked = run_toolkit("show", "--isolated", str(leaky))
    assert KEY not in masked.stdout and "AIzaSyA1b2C3" not in masked.stdout
    assert "[secret anthropic-api-key sk-a" in masked.stdout and "key=MASKED" in masked.stdout
    shown = run_toolkit("show", "--isolated", "--show-secrets", str(leaky))
    assert KEY in shown.stdout and "key=AIzaSyA1b2C3" in shown.stdout


def test_export_masks_credential_parameters_unless_asked(leaky: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    for flags, expected in (((), "key=MASKED&alt=sse"), (("--show-secrets",), "key=AIzaSyA1b2C3&alt=sse")):
        out = tmp_path / f"out{len(flags)}"
        done = run_toolkit("export", "--isolated", *flags, "-o", str(out), str(leaky))
        assert done.returncode == 0, done.stderr
        frame = pd.read_parquet(out / "interactions")
        assert list(frame["query"]) == [expected]
        assert list(frame["url"]) == [URL.replace("key=AIzaSyA1b2C3&alt=sse", expected)]
