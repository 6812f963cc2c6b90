"""Which provider, API and model an interaction is: from its host, URL path and request body.

The host names the provider and, with it, the path table the API is read from
(``toolkit.analyze.llm.routes``); a host that no provider claims gets the generic
table. The model comes from the request body, else from the URL path (a
``model`` group of the matching path row, Gemini and Vertex ``models/{model}:``,
Bedrock ``/model/{id}/``, Azure ``/deployments/{name}/``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple
from urllib.parse import unquote

from toolkit.analyze.llm.routes import GENERIC_PATHS, HOST_RULES, LOCAL_HOSTS, OLLAMA_PORT, HostRule, PathRule
from toolkit.model import Interaction
from toolkit.read.jsonparse import parse_body

__all__ = ["Route", "host_rule_of", "path_rule_of", "route_of"]


class Route(NamedTuple):
    """Where a request went. ``api`` is None for traffic that is not a model call."""

    provider: str | None
    api: str | None
    model: str | None


#: The label of a host no provider claims that speaks a known API.
UNCLAIMED = "openai-compatible"

_EXACT: dict[str, HostRule] = {}
_PATTERNS: list[tuple[re.Pattern[str], HostRule]] = []
for _rule in HOST_RULES:
    if "*" in _rule.pattern:
        _glob = ".+".join(re.escape(part) for part in _rule.pattern.split("*"))
        _PATTERNS.append((re.compile(_glob + r"\Z"), _rule))
    else:
        _EXACT.setdefault(_rule.pattern, _rule)

_LOCAL = HostRule("localhost", "local", GENERIC_PATHS)
_LOCAL_OLLAMA = HostRule("localhost", "ollama", GENERIC_PATHS)

#: Request body keys that say which OpenAI-shaped API a Databricks ``invocations`` call is.
_INVOCATION_APIS = (("messages", "chat.completions"), ("prompt", "completions"), ("input", "embeddings"))

_MODEL_IN_PATH = (
    re.compile(r"/models/([^/:]+):"),
    re.compile(r"/model/(.+)/(?:converse|invoke)"),
    re.compile(r"/deployments/([^/]+)/"),
)


@lru_cache(maxsize=1024)
def host_rule_of(host: str, port: int | None) -> HostRule | None:
    """The row of the provider serving ``host`` (local servers included), or None."""
    found = _EXACT.get(host)
    if found is not None:
        return found
    for pattern, rule in _PATTERNS:
        if pattern.match(host):
            return rule
    if host in LOCAL_HOSTS:
        return _LOCAL_OLLAMA if port == OLLAMA_PORT else _LOCAL
    return None


def path_rule_of(paths: tuple[PathRule, ...], path: str) -> PathRule | None:
    """The first row of ``paths`` whose pattern is found in ``path``."""
    for rule in paths:
        if rule.pattern.search(path):
            return rule
    return None


def route_of(interaction: Interaction, request_json: Any) -> Route:
    """Provider, API and model of the request."""
    url = interaction.request.url
    path = unquote(url.path)
    host = host_rule_of(url.host, url.port)
    row = path_rule_of(host.paths if host is not None else GENERIC_PATHS, path)
    api = row.api if row is not None else None
    provider = host.provider if host is not None else None
    if row is not None and row.provider is not None:
        provider = row.provider
    elif provider is None and api is not None:
        provider = UNCLAIMED
    if provider == "vertex" and "/publishers/anthropic/" in path:
        provider = "anthropic-vertex"
    body = request_json if isinstance(request_json, dict) else {}
    if api == "databricks.invocations":
        api = next((name for key, name in _INVOCATION_APIS if key in body), None)
    model = _model_from_body(body) or _model_from_path(row, path)
    if model is None and api in _FORM_APIS:
        model = _model_from_form(interaction.request.body.content)
    return Route(provider, api, model)


def _model_from_body(body: dict[str, Any]) -> str | None:
    model = body.get("model") or body.get("modelId") or body.get("model_id")
    return model if isinstance(model, str) and model else None


#: APIs whose requests are often ``multipart/form-data`` (an audio file, an image to edit).
_FORM_APIS = frozenset({"audio", "images"})

#: A form part named ``model``: its headers, a blank line, then the value (RFC 7578).
_FORM_MODEL = re.compile(rb'name="model"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([^\r\n]{1,256})\r?\n')


def _model_from_form(content: bytes) -> str | None:
    """The ``model`` field of a multipart form body."""
    start = content.find(b'name="model"')
    match = _FORM_MODEL.match(content, start) if start >= 0 else None
    return match.group(1).decode("utf-8", "replace").strip() or None if match else None


def _model_from_path(row: PathRule | None, path: str) -> str | None:
    if row is not None and "model" in row.pattern.groupindex:
        match = row.pattern.search(path)
        if match and match.group("model"):
            return match.group("model")
    for pattern in _MODEL_IN_PATH:
        match = pattern.search(path)
        if match:
            return match.group(1)
    return None


def parse_json(content: bytes) -> Any:
    """A body parsed as JSON (memoised, see ``toolkit.read.jsonparse``), or None when it is not JSON.

    Leading whitespace is allowed: OpenRouter writes keep-alive whitespace before the JSON.
    """
    return parse_body(content).value
