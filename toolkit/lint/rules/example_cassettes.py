"""Small cassettes for rule documentation and tests: a vcrpy cassette with one interaction.

``vcrpy_cassette`` fills a template so each rule's examples show only what
matters to it; the text is a complete cassette that ``cassette-toolkit lint``
reads.
"""

from __future__ import annotations

__all__ = ["GOOD", "vcrpy_cassette"]

_TEMPLATE = """\
interactions:
- request:
    method: {method}
    uri: {uri}
    body: {request_body}
    headers:
      Content-Type:
      - application/json
  response:
    status:
      code: {status}
      message: {reason}
    headers:
{response_headers}
    body:
      string: {response_body}
version: 1
"""

_JSON_HEADERS = "      Content-Type:\n      - application/json\n"


def vcrpy_cassette(
    *,
    method: str = "POST",
    uri: str = "https://api.openai.com/v1/chat/completions",
    request_body: str = """'{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]}'""",
    status: int = 200,
    reason: str = "OK",
    response_headers: str = _JSON_HEADERS,
    response_body: str = """'{"id": "chatcmpl-1", "model": "gpt-4o-mini-2024-07-18", "choices": []}'""",
) -> str:
    """A one-interaction vcrpy cassette; body arguments are YAML scalars as written."""
    return _TEMPLATE.format(
        method=method,
        uri=uri,
        request_body=request_body,
        status=status,
        reason=reason,
        response_headers=response_headers.rstrip("\n"),
        response_body=response_body,
    )


#: A cassette no rule finds anything wrong with.
GOOD = vcrpy_cassette()
