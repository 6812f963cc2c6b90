"""Which provider, API and model an interaction is: from its host, URL path and request body.

The host names the provider (a table, plus suffix rules for cloud hosts);
the path names the API; the model comes from the request body, else from the
URL path (Gemini and Vertex ``models/{model}:``, Bedrock ``/model/{id}/``,
Azure ``/deployments/{name}/``).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple
from urllib.parse import unquote

from toolkit.jsonparse import parse_body
from toolkit.model import Interaction

__all__ = ["Route", "route_of"]


class Route(NamedTuple):
    """Where a request went. ``api`` is None for traffic that is not a model call."""

    provider: str | None
    api: str | None
    model: str | None


#: Exact hosts of providers (lower-case, without port).
_HOSTS: dict[str, str] = {
    "api.openai.com": "openai",
    "api.anthropic.com": "anthropic",
    "generativelanguage.googleapis.com": "google",
    "api.x.ai": "xai",
    "api.groq.com": "groq",
    "openrouter.ai": "openrouter",
    "api.openrouter.ai": "openrouter",
    "ai-gateway.vercel.sh": "vercel",
    "api.z.ai": "zai",
    "open.bigmodel.cn": "zhipuai",
    "router.huggingface.co": "huggingface",
    "api-inference.huggingface.co": "huggingface",
    "api.deepseek.com": "deepseek",
    "api.mistral.ai": "mistral",
    "api.cerebras.ai": "cerebras",
    "api.together.xyz": "together",
    "api.together.ai": "together",
    "api.perplexity.ai": "perplexity",
    "api.fireworks.ai": "fireworks",
    "api.cohere.com": "cohere",
    "api.cohere.ai": "cohere",
    "api.voyageai.com": "voyage",
    "api.avian.io": "avian",
    "ollama.com": "ollama",
    "api.moonshot.ai": "moonshotai",
    "api.novita.ai": "novita",
    "api.inference.crusoecloud.com": "crusoe",
    "us.inference.heroku.com": "heroku",
    "api.sambanova.ai": "sambanova",
    "api.hyperbolic.xyz": "hyperbolic",
    "api.nebius.ai": "nebius",
    "api.minimax.io": "minimax",
}

#: Host suffixes of cloud providers, checked in order.
_SUFFIXES: tuple[tuple[str, str], ...] = (
    (".openai.azure.com", "azure"),
    (".cognitiveservices.azure.com", "azure"),
    (".services.ai.azure.com", "azure"),
    (".azure-api.net", "azure"),
    ("aiplatform.googleapis.com", "vertex"),
    (".amazonaws.com", "bedrock"),
    (".snowflakecomputing.com", "snowflake"),
)

_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "host.docker.internal"})

#: API by the end of the URL path (OpenAI-compatible paths work on any host).
_PATH_APIS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/chat/completions$"), "chat.completions"),
    (re.compile(r"(^|/)completions$"), "completions"),
    (re.compile(r"/responses(/resp_[^/]+)?$"), "responses"),
    (re.compile(r"/embeddings$"), "embeddings"),
    (re.compile(r"/v1/messages$"), "messages"),
    (re.compile(r":(stream)?[gG]enerateContent$"), "generate_content"),
    (re.compile(r":(batchEmbedContents|embedContent)$"), "embeddings"),
    (re.compile(r":(stream)?[rR]awPredict$"), "messages"),
    (re.compile(r"/model/.+/converse(-stream)?$"), "converse"),
    (re.compile(r"/model/.+/invoke(-with-response-stream)?$"), "invoke"),
    (re.compile(r"/v\d/chat$"), "cohere.chat"),
    (re.compile(r"/v\d/embed$"), "embeddings"),
    (re.compile(r"/threads/[^/]+/runs(/[^/]+)?$|/threads/runs$"), "assistants.runs"),
    (re.compile(r"/images/(generations|edits|variations)$"), "images"),
    (re.compile(r"/audio/(transcriptions|translations|speech)$"), "audio"),
    (re.compile(r"/api/chat$"), "ollama.chat"),
)

_MODEL_IN_PATH = (
    re.compile(r"/models/([^/:]+):"),
    re.compile(r"/model/(.+)/(?:converse|invoke)"),
    re.compile(r"/deployments/([^/]+)/"),
)


def provider_of(host: str, port: int | None, path: str) -> str | None:
    """The provider serving ``host``, or None for traffic that is not an LLM provider's."""
    if host in _HOSTS:
        return _HOSTS[host]
    for suffix, provider in _SUFFIXES:
        if host.endswith(suffix):
            return provider
    if host in _LOCAL_HOSTS:
        return "ollama" if port == 11434 else "local"
    return None


def api_of(path: str) -> str | None:
    """The API family a URL path belongs to, or None."""
    if path.endswith(("/count_tokens", ":countTokens", "/count-tokens", "/input_tokens")):
        return None
    for pattern, api in _PATH_APIS:
        if pattern.search(path):
            return api
    return None


def route_of(interaction: Interaction, request_json: Any) -> Route:
    """Provider, API and model of the request."""
    url = interaction.request.url
    path = unquote(url.path)
    api = api_of(path)
    provider = provider_of(url.host, url.port, path)
    if provider == "vertex" and "/publishers/anthropic/" in path:
        provider = "anthropic-vertex"
    body = request_json if isinstance(request_json, dict) else {}
    model = _model_from_body(body) or _model_from_path(path)
    if api is not None and provider is None:
        provider = "openai-compatible"
    return Route(provider, api, model)


def _model_from_body(body: dict[str, Any]) -> str | None:
    model = body.get("model") or body.get("modelId")
    return model if isinstance(model, str) and model else None


def _model_from_path(path: str) -> str | None:
    for pattern in _MODEL_IN_PATH:
        match = pattern.search(path)
        if match:
            return match.group(1)
    return None


def parse_json(content: bytes) -> Any:
    """A body parsed as JSON (memoised, see ``toolkit.jsonparse``), or None when it is not JSON.

    Leading whitespace is allowed: OpenRouter writes keep-alive whitespace before the JSON.
    """
    return parse_body(content).value
