"""Small variants every reader must take: Ruby ``!binary`` text, ``!!binary`` header values, method case."""

from __future__ import annotations

import base64
import json

import pytest

from toolkit.analyze.llm import read_llm_call
from toolkit.lint.engine import lint_data
from toolkit.lint.settings import LintSettings
from toolkit.read.parse import parse_cassette

USAGE = {
    "id": "chatcmpl-1",
    "object": "chat.completion",
    "model": "gpt-4o-mini",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": "é"}, "finish_reason": "stop"}],
    "usage": {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7},
}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def ruby(body: bytes, method: str = "post") -> str:
    return f"""\
http_interactions:
- request:
    method: {method}
    uri: https://api.openai.com/v1/chat/completions
    body:
      encoding: UTF-8
      string: '{{"model":"gpt-4o-mini"}}'
    headers:
      Content-Type:
      - application/json
  response:
    status:
      code: 200
      message: OK
    headers:
      Content-Type:
      - application/json
    body:
      encoding: ASCII-8BIT
      string: !binary |-
        {_b64(body)}
  recorded_at: Fri, 08 Aug 2025 14:03:59 GMT
recorded_with: VCR 6.3.1
"""


def test_ruby_binary_utf8_json_is_read_as_text() -> None:
    data = ruby(json.dumps(USAGE, ensure_ascii=False).encode()).encode()
    interaction = parse_cassette(data, "c.yml").cassette.interactions[0]
    body = interaction.response.body
    assert body.storage == "binary"  # how the file stores it
    assert json.loads(body.text)["choices"][0]["message"]["content"] == "é"
    usage = read_llm_call(interaction).usage
    assert usage is not None and (usage.input_tokens, usage.output_tokens) == (5, 2)
    assert lint_data(data, "c.yml", LintSettings(select=("CT1", "CT3"))) == ()


def test_ruby_binary_that_is_not_utf8_stays_bytes() -> None:
    data = ruby(b"\x89PNG\r\n\x1a\n\xff").replace("application/json", "image/png").encode()
    body = parse_cassette(data, "c.yml").cassette.interactions[0].response.body
    assert body.content == b"\x89PNG\r\n\x1a\n\xff"


def test_vcrpy_binary_header_values_are_text() -> None:
    text = f"""\
interactions:
- request:
    body: null
    headers:
      Content-Type:
      - !!binary |
        {_b64(b"application/json")}
      X-Amz-Date:
      - !!binary |
        {_b64(b"20260430T010149Z")}
    method: post
    uri: https://bedrock-runtime.us-east-1.amazonaws.com/model/x/invoke
  response:
    body:
      string: '{{}}'
    headers: {{}}
    status:
      code: 200
      message: OK
version: 1
"""
    interaction = parse_cassette(text.encode(), "c.yaml").cassette.interactions[0]
    headers = interaction.request.headers
    assert (headers.get("content-type"), headers.get("x-amz-date")) == (
        "application/json",
        "20260430T010149Z",
    )
    assert interaction.request.method == "POST"
    assert lint_data(text.encode(), "c.yaml", LintSettings(select=("CT1",))) == ()


@pytest.mark.parametrize("method", ["post", "Post", "POST"])
def test_method_case_is_normalised(method: str) -> None:
    interaction = parse_cassette(ruby(b"{}", method).encode(), "c.yml").cassette.interactions[0]
    assert interaction.request.method == "POST"
