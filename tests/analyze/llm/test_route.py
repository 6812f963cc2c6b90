"""The routing table, row by row: every host row and every path row has a case here.

``test_every_row_has_a_case`` fails when a row is added without one, so the
next provider comes with its test.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest

from toolkit.analyze.llm import routes
from toolkit.analyze.llm.route import host_rule_of, path_rule_of, route_of
from toolkit.analyze.llm.routes import GENERIC_PATHS, HOST_RULES, HostRule, PathRule
from toolkit.model import Body, Headers, Interaction, Position, Request, Response, Url

Case = tuple[str, Any, tuple[str | None, str | None, str | None]]

#: (URL, request body, (provider, API, model)).
CASES: list[Case] = [
    # OpenAI, and what only OpenAI (and Azure) serve.
    (
        "https://api.openai.com/v1/chat/completions",
        {"model": "gpt-4o"},
        ("openai", "chat.completions", "gpt-4o"),
    ),
    (
        "https://api.openai.com/v1/completions",
        {"model": "gpt-3.5-turbo-instruct"},
        ("openai", "completions", "gpt-3.5-turbo-instruct"),
    ),
    ("https://api.openai.com/v1/responses", {"model": "gpt-5"}, ("openai", "responses", "gpt-5")),
    ("https://api.openai.com/v1/responses/resp_123", None, ("openai", "responses", None)),
    (
        "https://api.openai.com/v1/embeddings",
        {"model": "text-embedding-3-small"},
        ("openai", "embeddings", "text-embedding-3-small"),
    ),
    ("https://api.openai.com/v1/images/generations", {"model": "dall-e-3"}, ("openai", "images", "dall-e-3")),
    ("https://api.openai.com/v1/audio/speech", {"model": "tts-1"}, ("openai", "audio", "tts-1")),
    (
        "https://api.openai.com/v1/threads/thread_1/runs",
        {"assistant_id": "a"},
        ("openai", "assistants.runs", None),
    ),
    ("https://api.openai.com/v1/responses/input_tokens", {"model": "gpt-5"}, ("openai", None, "gpt-5")),
    ("https://api.openai.com/v1/organization/usage/completions", None, ("openai", None, None)),
    ("https://api.openai.com/v1/files", None, ("openai", None, None)),
    # Batches: the output file holds the responses; the batch object is a status, not a call.
    ("https://api.openai.com/v1/files/file-1/content", None, ("openai", "files.content", None)),
    ("https://api.openai.com/v1/batches/batch_1", None, ("openai", None, None)),
    ("https://api.openai.com/v1/responses/compact", {"model": "gpt-5"}, ("openai", "responses", "gpt-5")),
    (
        "https://api.anthropic.com/v1/messages/batches/msgbatch_1/results",
        None,
        ("anthropic", "batch.results", None),
    ),
    ("https://api.x.ai/v1/batches/batch_1/results", None, ("xai", "batch.results", None)),
    (
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:batchGenerateContent",
        {"batch": {}},
        ("google", "batch.results", "gemini-2.5-flash"),
    ),
    ("https://generativelanguage.googleapis.com/v1beta/batches/b1", None, ("google", "batch.results", None)),
    (
        "https://generativelanguage.googleapis.com/download/v1beta/files/batch-1:download",
        None,
        ("google", "batch.results", None),
    ),
    (
        "https://generativelanguage.googleapis.com/v1beta/interactions",
        {"model": "gemini-2.5-flash", "input": "Hi"},
        ("google", "gemini.interactions", "gemini-2.5-flash"),
    ),
    # Anthropic, directly and on Vertex AI.
    (
        "https://api.anthropic.com/v1/messages",
        {"model": "claude-sonnet-4-5"},
        ("anthropic", "messages", "claude-sonnet-4-5"),
    ),
    (
        "https://api.anthropic.com/v1/messages/count_tokens",
        {"model": "claude"},
        ("anthropic", None, "claude"),
    ),
    (
        "https://us-east5-aiplatform.googleapis.com/v1/projects/p/locations/us-east5/publishers/anthropic/"
        "models/claude-sonnet-4@20250514:streamRawPredict",
        {},
        ("anthropic-vertex", "messages", "claude-sonnet-4@20250514"),
    ),
    # Google.
    (
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent",
        {},
        ("google", "generate_content", "gemini-2.5-flash"),
    ),
    (
        "https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:batchEmbedContents",
        {},
        ("google", "embeddings", "text-embedding-004"),
    ),
    (
        "https://aiplatform.googleapis.com/v1/projects/p/locations/global/publishers/google/models/gemini-2.5-pro:generateContent",
        {},
        ("vertex", "generate_content", "gemini-2.5-pro"),
    ),
    # Azure.
    (
        "https://x.openai.azure.com/openai/deployments/gpt-4o-mini/chat/completions?api-version=1",
        None,
        ("azure", "chat.completions", "gpt-4o-mini"),
    ),
    (
        "https://r.cognitiveservices.azure.com/openai/v1/responses",
        {"model": "gpt-5"},
        ("azure", "responses", "gpt-5"),
    ),
    (
        "https://r.services.ai.azure.com/anthropic/v1/messages",
        {"model": "claude"},
        ("azure", "messages", "claude"),
    ),
    ("https://apim.azure-api.net/openai/deployments/d/embeddings", None, ("azure", "embeddings", "d")),
    # AWS: Bedrock by host; SageMaker is not Bedrock; other AWS services are not providers.
    (
        "https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke",
        {},
        ("bedrock", "invoke", "anthropic.claude-3-haiku-20240307-v1:0"),
    ),
    (
        "https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com/model/m/converse-stream",
        {},
        ("bedrock", "converse", "m"),
    ),
    (
        "https://runtime.sagemaker.us-west-2.amazonaws.com/endpoints/my-llm/invocations-response-stream",
        {"inputs": "hi"},
        ("sagemaker", "sagemaker.invoke", "my-llm"),
    ),
    ("https://oidc.us-east-2.amazonaws.com/token", {"clientId": "c"}, (None, None, None)),
    # OpenAI-compatible providers.
    ("https://api.x.ai/v1/chat/completions", {"model": "grok-4"}, ("xai", "chat.completions", "grok-4")),
    (
        "https://api.groq.com/openai/v1/chat/completions",
        {"model": "llama"},
        ("groq", "chat.completions", "llama"),
    ),
    (
        "https://openrouter.ai/api/v1/chat/completions",
        {"model": "a/b"},
        ("openrouter", "chat.completions", "a/b"),
    ),
    ("https://api.openrouter.ai/api/v1/messages", {"model": "a/b"}, ("openrouter", "messages", "a/b")),
    (
        "https://ai-gateway.vercel.sh/v1/chat/completions",
        {"model": "a/b"},
        ("vercel", "chat.completions", "a/b"),
    ),
    (
        "https://api.z.ai/api/paas/v4/chat/completions",
        {"model": "glm-4.6"},
        ("zai", "chat.completions", "glm-4.6"),
    ),
    (
        "https://open.bigmodel.cn/api/paas/v4/chat/completions",
        {"model": "glm"},
        ("zhipuai", "chat.completions", "glm"),
    ),
    (
        "https://router.huggingface.co/v1/chat/completions",
        {"model": "m"},
        ("huggingface", "chat.completions", "m"),
    ),
    (
        "https://api-inference.huggingface.co/v1/chat/completions",
        {"model": "m"},
        ("huggingface", "chat.completions", "m"),
    ),
    (
        "https://e1.us-east-1.aws.endpoints.huggingface.cloud/v1/chat/completions",
        {"model": "tgi"},
        ("huggingface", "chat.completions", "tgi"),
    ),
    (
        "https://api.deepseek.com/anthropic/v1/messages",
        {"model": "deepseek-chat"},
        ("deepseek", "messages", "deepseek-chat"),
    ),
    (
        "https://api.mistral.ai/v1/fim/completions",
        {"model": "codestral"},
        ("mistral", "completions", "codestral"),
    ),
    (
        "https://api.cerebras.ai/v1/chat/completions",
        {"model": "llama3.1-8b"},
        ("cerebras", "chat.completions", "llama3.1-8b"),
    ),
    ("https://api.together.xyz/v1/chat/completions", {"model": "m"}, ("together", "chat.completions", "m")),
    ("https://api.together.ai/v1/embeddings", {"model": "m"}, ("together", "embeddings", "m")),
    (
        "https://api.perplexity.ai/chat/completions",
        {"model": "sonar"},
        ("perplexity", "chat.completions", "sonar"),
    ),
    (
        "https://api.fireworks.ai/inference/v1/chat/completions",
        {"model": "m"},
        ("fireworks", "chat.completions", "m"),
    ),
    ("https://api.voyageai.com/v1/embeddings", {"model": "voyage-3"}, ("voyage", "embeddings", "voyage-3")),
    ("https://api.avian.io/v1/chat/completions", {"model": "m"}, ("avian", "chat.completions", "m")),
    (
        "https://api.moonshot.ai/v1/chat/completions",
        {"model": "kimi"},
        ("moonshotai", "chat.completions", "kimi"),
    ),
    ("https://api.novita.ai/v3/openai/chat/completions", {"model": "m"}, ("novita", "chat.completions", "m")),
    (
        "https://api.inference.crusoecloud.com/v1/chat/completions",
        {"model": "m"},
        ("crusoe", "chat.completions", "m"),
    ),
    (
        "https://us.inference.heroku.com/v1/chat/completions",
        {"model": "m"},
        ("heroku", "chat.completions", "m"),
    ),
    ("https://api.sambanova.ai/v1/chat/completions", {"model": "m"}, ("sambanova", "chat.completions", "m")),
    (
        "https://api.hyperbolic.xyz/v1/chat/completions",
        {"model": "m"},
        ("hyperbolic", "chat.completions", "m"),
    ),
    ("https://api.nebius.ai/v1/chat/completions", {"model": "m"}, ("nebius", "chat.completions", "m")),
    (
        "https://api.minimax.io/anthropic/v1/messages",
        {"model": "MiniMax-M2"},
        ("minimax", "messages", "MiniMax-M2"),
    ),
    (
        "https://org-acct.snowflakecomputing.com/api/v2/cortex/v1/chat/completions",
        {"model": "m"},
        ("snowflake", "chat.completions", "m"),
    ),
    # Cohere: /v1/chat is Cohere's own chat on Cohere's hosts.
    (
        "https://api.cohere.com/v2/chat",
        {"model": "command-a-03-2025"},
        ("cohere", "cohere.chat", "command-a-03-2025"),
    ),
    ("https://api.cohere.ai/v1/generate", {"model": "command"}, ("cohere", "cohere.generate", "command")),
    ("https://api.cohere.com/v2/embed", {"model": "embed-v4.0"}, ("cohere", "embeddings", "embed-v4.0")),
    (
        "https://api.cohere.com/compatibility/v1/chat/completions",
        {"model": "c"},
        ("cohere", "chat.completions", "c"),
    ),
    # Writer: /v1/chat is OpenAI-shaped chat, not Cohere's.
    ("https://api.writer.com/v1/chat", {"model": "palmyra-x5"}, ("writer", "chat.completions", "palmyra-x5")),
    (
        "https://api.writer.com/v1/completions",
        {"model": "palmyra-x5"},
        ("writer", "writer.completions", "palmyra-x5"),
    ),
    # Ollama: on ollama.com, and a local server on its port.
    ("https://ollama.com/api/chat", {"model": "gpt-oss:120b"}, ("ollama", "ollama.chat", "gpt-oss:120b")),
    ("http://localhost:11434/api/generate", {"model": "llama3.2"}, ("ollama", "ollama.generate", "llama3.2")),
    ("http://127.0.0.1:11434/api/embed", {"model": "all-minilm"}, ("ollama", "embeddings", "all-minilm")),
    (
        "http://localhost:11434/v1/chat/completions",
        {"model": "llama3.2"},
        ("ollama", "chat.completions", "llama3.2"),
    ),
    ("http://localhost:8080/v1/chat/completions", {"model": "qwen"}, ("local", "chat.completions", "qwen")),
    # Cloudflare: Workers AI's own run path, its OpenAI-compatible paths, the rest of the API.
    (
        "https://api.cloudflare.com/client/v4/accounts/abc/ai/run/@cf/meta/llama-3.1-8b-instruct",
        {"prompt": "hi"},
        ("cloudflare", "workers-ai.run", "@cf/meta/llama-3.1-8b-instruct"),
    ),
    (
        "https://api.cloudflare.com/client/v4/accounts/abc/ai/v1/chat/completions",
        {"model": "@cf/m"},
        ("cloudflare", "chat.completions", "@cf/m"),
    ),
    ("https://api.cloudflare.com/client/v4/zones/z/dns_records", None, ("cloudflare", None, None)),
    (
        "https://gateway.ai.cloudflare.com/v1/acct/gw/workers-ai/@cf/meta/llama-3.1-8b-instruct",
        {"prompt": "hi"},
        ("cloudflare-ai-gateway", "workers-ai.run", "@cf/meta/llama-3.1-8b-instruct"),
    ),
    (
        "https://gateway.ai.cloudflare.com/v1/acct/gw/anthropic/v1/messages",
        {"model": "claude"},
        ("cloudflare-ai-gateway", "messages", "claude"),
    ),
    # Pollinations.
    (
        "https://text.pollinations.ai/openai",
        {"model": "openai"},
        ("pollinations", "chat.completions", "openai"),
    ),
    ("https://image.pollinations.ai/prompt/a%20cat", None, ("pollinations", "images", None)),
    (
        "https://gen.pollinations.ai/v1/chat/completions",
        {"model": "openai"},
        ("pollinations", "chat.completions", "openai"),
    ),
    # Aleph Alpha.
    (
        "https://api.aleph-alpha.com/complete",
        {"model": "luminous-base"},
        ("aleph-alpha", "aleph-alpha.complete", "luminous-base"),
    ),
    (
        "https://api.aleph-alpha.com/semantic_embed",
        {"model": "luminous-base"},
        ("aleph-alpha", "embeddings", "luminous-base"),
    ),
    # IBM watsonx.
    (
        "https://us-south.ml.cloud.ibm.com/ml/v1/text/chat_stream?version=2024-05-31",
        {"model_id": "ibm/granite-3-8b-instruct"},
        ("watsonx", "chat.completions", "ibm/granite-3-8b-instruct"),
    ),
    (
        "https://eu-de.ml.cloud.ibm.com/ml/v1/text/generation?version=2024-05-31",
        {"model_id": "ibm/granite"},
        ("watsonx", "watsonx.generation", "ibm/granite"),
    ),
    (
        "https://us-south.ml.cloud.ibm.com/ml/v1/text/embeddings?version=1",
        {"model_id": "ibm/slate"},
        ("watsonx", "embeddings", "ibm/slate"),
    ),
    # Replicate: predictions, and the stream URL a prediction hands out.
    (
        "https://api.replicate.com/v1/models/meta/meta-llama-3-8b-instruct/predictions",
        {"input": {}},
        ("replicate", "replicate.predictions", "meta/meta-llama-3-8b-instruct"),
    ),
    ("https://api.replicate.com/v1/predictions/abc", None, ("replicate", "replicate.predictions", None)),
    ("https://stream.replicate.com/v1/files/abc", None, ("replicate", "replicate.stream", None)),
    (
        "https://streaming-api.svc.rno2.c.replicate.net/v1/streams/abc",
        None,
        ("replicate", "replicate.stream", None),
    ),
    # Databricks serving endpoints: the request body says which OpenAI-shaped API.
    (
        "https://adb-1.1.azuredatabricks.net/serving-endpoints/chat/completions",
        {"model": "databricks-claude"},
        ("databricks", "chat.completions", "databricks-claude"),
    ),
    (
        "https://dbc-1.cloud.databricks.com/serving-endpoints/my-llm/invocations",
        {"messages": []},
        ("databricks", "chat.completions", "my-llm"),
    ),
    (
        "https://x.gcp.databricks.com/serving-endpoints/emb/invocations",
        {"input": ["a"]},
        ("databricks", "embeddings", "emb"),
    ),
    (
        "https://dbc-1.cloud.databricks.com/serving-endpoints/model/invocations",
        {"dataframe_records": []},
        ("databricks", None, "model"),
    ),
    # Black Forest Labs.
    (
        "https://api.bfl.ai/v1/flux-pro-1.1",
        {"prompt": "a cat"},
        ("black-forest-labs", "images", "flux-pro-1.1"),
    ),
    ("https://api.eu1.bfl.ai/v1/get_result?id=1", None, ("black-forest-labs", None, None)),
    ("https://api.bfl.ml/v1/flux-dev", {"prompt": "a cat"}, ("black-forest-labs", "images", "flux-dev")),
    # Pydantic AI Gateway passes each provider's own API through.
    (
        "https://gateway.pydantic.dev/proxy/openai/responses",
        {"model": "gpt-5"},
        ("pydantic-gateway", "responses", "gpt-5"),
    ),
    (
        "https://gateway-us.pydantic.dev/proxy/bedrock/model/m/converse",
        {},
        ("pydantic-gateway", "converse", "m"),
    ),
    # Sourcegraph's Cody: on sourcegraph.com, its subdomains and any self-hosted instance.
    (
        "https://sourcegraph.com/.api/completions/stream?api-version=1",
        {"model": "anthropic::c"},
        ("sourcegraph", "cody.completions", "anthropic::c"),
    ),
    ("https://demo.sourcegraph.com/.api/completions/code", {}, ("sourcegraph", "cody.completions", None)),
    (
        "https://sourcegraph.example.com/.api/completions/stream",
        {},
        ("sourcegraph", "cody.completions", None),
    ),
    # Hosts no provider claims: OpenAI-compatible paths and other unambiguous shapes.
    (
        "https://my-gateway.example/v1/chat/completions",
        {"model": "m"},
        ("openai-compatible", "chat.completions", "m"),
    ),
    (
        "https://proxy.example/v1beta/models/gemini-2.0-flash:generateContent",
        {},
        ("openai-compatible", "generate_content", "gemini-2.0-flash"),
    ),
    ("https://proxy.example/bedrock/model/m/invoke", {}, ("openai-compatible", "invoke", "m")),
    (
        "https://llm.internal:11434/api/chat",
        {"model": "llama3"},
        ("openai-compatible", "ollama.chat", "llama3"),
    ),
    ("https://proxy.example/v1/chat", {"model": "m"}, (None, None, "m")),
    ("https://pdfobject.com/pdf/sample.pdf", None, (None, None, None)),
]


def _interaction(url: str, body: Any) -> Interaction:
    raw = json.dumps(body).encode() if body is not None else b""
    return Interaction(
        index=0,
        position=Position(1, 1),
        request=Request("POST", Url.parse(url), Headers(), Body(raw, "string", Position(1, 1), raw)),
        response=Response(200, "OK", Headers(), Body(b"", "string", Position(1, 1), b"")),
    )


@pytest.mark.parametrize(("url", "body", "expected"), CASES, ids=[case[0][8:70] for case in CASES])
def test_route(url: str, body: Any, expected: tuple[str | None, str | None, str | None]) -> None:
    route = route_of(_interaction(url, body), body)
    assert (route.provider, route.api, route.model) == expected


def _rows_used(url: str) -> tuple[HostRule | None, PathRule | None]:
    parsed = Url.parse(url)
    host = host_rule_of(parsed.host, parsed.port)
    return host, path_rule_of(host.paths if host else GENERIC_PATHS, unquote(parsed.path))


def _path_rows() -> list[PathRule]:
    tables = [value for name, value in vars(routes).items() if name.endswith("_PATHS")]
    unique: dict[int, PathRule] = {}
    for table in tables:
        for row in table:
            unique.setdefault(id(row), row)
    return list(unique.values())


def test_every_row_has_a_case() -> None:
    used = [_rows_used(url) for url, _, _ in CASES]
    hosts = {id(host) for host, _ in used}
    paths = {id(path) for _, path in used}
    assert [rule.pattern for rule in HOST_RULES if id(rule) not in hosts] == []
    assert [row.pattern.pattern for row in _path_rows() if id(row) not in paths] == []
