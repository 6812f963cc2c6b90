"""The routing table, as data: host patterns name the provider, path patterns name the API.

A request is routed by its host first: the host's row names the provider and
the path table its API is read from. A provider's own paths come before the
shapes it shares with others, so ``/v1/chat`` is Cohere's chat on Cohere's
hosts and Writer's (OpenAI-shaped) chat on Writer's. Hosts that no row claims
(local servers, proxies, gateways of one's own) get ``GENERIC_PATHS``: the
OpenAI-compatible paths and the other shapes no two providers use differently.

A path row whose API is None claims the path as "not a model call" (token
counting, organisation reports) so that no later row reads it as one. A path
row may name a provider of its own: Sourcegraph instances serve Cody's
completions on any host. A ``model`` group in a path pattern gives the model
when the request body does not name one.

To add a provider: one ``HostRule`` line (and, if it has paths of its own, a
path table). Each row has its case in ``tests/llm/test_route.py``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = [
    "DOWNLOADS",
    "GENERIC_PATHS",
    "HOST_RULES",
    "LOCAL_HOSTS",
    "OLLAMA_PORT",
    "HostRule",
    "PathRule",
]


class PathRule(NamedTuple):
    """A path pattern (searched in the URL path), the API it names, and a provider it implies."""

    pattern: re.Pattern[str]
    api: str | None
    provider: str | None = None


class HostRule(NamedTuple):
    """A host pattern (exact, or ``*`` for any run of characters), its provider and its paths."""

    pattern: str
    provider: str
    paths: tuple[PathRule, ...]


def _paths(*rows: tuple[str, str | None] | tuple[str, str | None, str]) -> tuple[PathRule, ...]:
    return tuple(PathRule(re.compile(row[0]), *row[1:]) for row in rows)


#: Paths that are never a model call, whoever serves them: token counting and usage reports.
NOT_CALLS = _paths(
    (r"(/count_tokens|:countTokens|/count-tokens|/input_tokens)$", None),
    (r"/organization/(usage|costs)(/|$)", None),
)

#: The OpenAI API's shapes, served by OpenAI and by every OpenAI-compatible host.
OPENAI_PATHS = _paths(
    (r"/chat/completions$", "chat.completions"),
    (r"/completions$", "completions"),
    (r"/responses(/resp_[^/]+|/compact)?$", "responses"),
    (r"/embeddings$", "embeddings"),
    (r"/images/(generations|edits|variations)$", "images"),
    (r"/audio/(transcriptions|translations|speech)$", "audio"),
    # A file's content: a batch's output (or error) file is JSON Lines of responses.
    (r"/files/[^/]+/content$", "files.content"),
)

#: APIs whose response is a file the client downloads whole (batch results, a file's content):
#: read for their usage, but never read by the client event by event as a stream.
DOWNLOADS = frozenset({"files.content", "batch.results"})

#: Anthropic's Messages API, also served by Anthropic-compatible endpoints of other providers.
MESSAGES_PATHS = _paths((r"/v1/messages$", "messages"))

#: Batch results (``toolkit.analyze.llm.readers.batch``): Anthropic's and xAI's.
ANTHROPIC_BATCH_PATHS = _paths((r"/v1/messages/batches/[^/]+/results$", "batch.results"))
XAI_BATCH_PATHS = _paths((r"/v1/batches/[^/]+/results$", "batch.results"))

#: What most providers serve: OpenAI-compatible APIs and, often, an Anthropic-compatible one.
COMMON_PATHS = NOT_CALLS + OPENAI_PATHS + MESSAGES_PATHS

OPENAI_OWN_PATHS = _paths((r"/threads/[^/]+/runs(/[^/]+)?$|/threads/runs$", "assistants.runs"))

GEMINI_PATHS = _paths(
    (r":(stream)?[gG]enerateContent$", "generate_content"),
    (r":(batchEmbedContents|embedContent)$", "embeddings"),
)

#: The Gemini API's own: batches (the operation, its reply, a responses file) and Interactions.
GEMINI_API_PATHS = _paths(
    (r":batchGenerateContent$", "batch.results"),
    (r"^/v1(beta)?/batches/[^/]+$", "batch.results"),
    (r"^/download/v1(beta)?/files/[^/]+:download$", "batch.results"),
    (r"^/v1(beta)?/interactions(/[^/]+)?$", "gemini.interactions"),
)

#: Anthropic models on Vertex AI: the Messages API behind ``rawPredict``.
RAW_PREDICT_PATHS = _paths((r":(stream)?[rR]awPredict$", "messages"))

BEDROCK_PATHS = _paths(
    (r"/model/.+/converse(-stream)?$", "converse"),
    (r"/model/.+/invoke(-with-response-stream)?$", "invoke"),
)

#: SageMaker endpoints serve whatever the deployed container speaks: the API is the endpoint's.
SAGEMAKER_PATHS = _paths((r"/endpoints/(?P<model>[^/]+)/invocations(-response-stream)?$", "sagemaker.invoke"))

COHERE_PATHS = _paths(
    (r"/v\d/chat$", "cohere.chat"),
    (r"/v1/generate$", "cohere.generate"),
    (r"/v\d/embed$", "embeddings"),
)

OLLAMA_PATHS = _paths(
    (r"/api/chat$", "ollama.chat"),
    (r"/api/generate$", "ollama.generate"),
    (r"/api/embed(dings)?$", "embeddings"),
)

#: Writer: ``/v1/chat`` is OpenAI-shaped chat; ``/v1/completions`` streams ``{"value": ...}`` pieces.
WRITER_PATHS = _paths((r"/v1/chat$", "chat.completions"), (r"/v1/completions$", "writer.completions"))

#: Workers AI's own ``/ai/run/{model}``; its ``/ai/v1/...`` paths are OpenAI-compatible.
CLOUDFLARE_PATHS = _paths(
    (r"/ai/run/(?P<model>@[^/]+/.+)$", "workers-ai.run"),
    (r"^(?!/client/v4/accounts/[^/]+/ai/)", None),  # the rest of Cloudflare's API
)

POLLINATIONS_PATHS = _paths((r"^/openai$", "chat.completions"), (r"^/(image/)?prompt/", "images"))

ALEPH_ALPHA_PATHS = _paths(
    (r"/complete$", "aleph-alpha.complete"),
    (r"/(semantic_embed|batch_semantic_embed|embed)$", "embeddings"),
)

WATSONX_PATHS = _paths(
    (r"/ml/v1/text/chat(_stream)?$", "chat.completions"),
    (r"/ml/v1/text/generation(_stream)?$", "watsonx.generation"),
    (r"/ml/v1/text/embeddings$", "embeddings"),
)

REPLICATE_PATHS = _paths(
    (r"/v1/models/(?P<model>[^/]+/[^/]+)/predictions$", "replicate.predictions"),
    (r"/v1/(deployments/[^/]+/[^/]+/)?predictions(/[^/]+)?$", "replicate.predictions"),
    (r"/v1/(streams|files)/", "replicate.stream"),
)

#: Databricks serving endpoints: ``invocations`` speaks chat, completions or embeddings, as the
#: request body says (``databricks.invocations`` is resolved by ``toolkit.analyze.llm.route``).
DATABRICKS_PATHS = _paths((r"/serving-endpoints/(?P<model>[^/]+)/invocations$", "databricks.invocations"))

BFL_PATHS = _paths((r"/v1/get_result$", None), (r"/v1/(?P<model>flux[^/]*)$", "images"))

#: Cody's completions on a Sourcegraph instance, whatever its host.
CODY_PATHS = _paths((r"/\.api/completions/(stream|code)$", "cody.completions", "sourcegraph"))

WORKERS_AI_GATEWAY_PATHS = _paths((r"/workers-ai/(?P<model>@[^/]+/.+)$", "workers-ai.run"))

#: Hosts no row claims, and gateways that pass each provider's own API through.
GENERIC_PATHS = CODY_PATHS + COMMON_PATHS + GEMINI_PATHS + RAW_PREDICT_PATHS + BEDROCK_PATHS + OLLAMA_PATHS

GOOGLE_CLOUD_PATHS = NOT_CALLS + GEMINI_PATHS + RAW_PREDICT_PATHS + OPENAI_PATHS
AZURE_PATHS = NOT_CALLS + OPENAI_OWN_PATHS + OPENAI_PATHS + MESSAGES_PATHS

#: Host patterns in the order they are tried (exact hosts are looked up first, see ``route``).
HOST_RULES: tuple[HostRule, ...] = (
    HostRule("api.openai.com", "openai", NOT_CALLS + OPENAI_OWN_PATHS + OPENAI_PATHS),
    HostRule("api.anthropic.com", "anthropic", NOT_CALLS + MESSAGES_PATHS + ANTHROPIC_BATCH_PATHS),
    HostRule(
        "generativelanguage.googleapis.com",
        "google",
        NOT_CALLS + GEMINI_PATHS + GEMINI_API_PATHS + OPENAI_PATHS,
    ),
    HostRule("aiplatform.googleapis.com", "vertex", GOOGLE_CLOUD_PATHS),
    HostRule("*-aiplatform.googleapis.com", "vertex", GOOGLE_CLOUD_PATHS),
    HostRule("*.openai.azure.com", "azure", AZURE_PATHS),
    HostRule("*.cognitiveservices.azure.com", "azure", AZURE_PATHS),
    HostRule("*.services.ai.azure.com", "azure", AZURE_PATHS),
    HostRule("*.azure-api.net", "azure", AZURE_PATHS),
    HostRule("bedrock*.amazonaws.com", "bedrock", NOT_CALLS + BEDROCK_PATHS + OPENAI_PATHS),
    HostRule("*.bedrock-runtime.*.amazonaws.com", "bedrock", NOT_CALLS + BEDROCK_PATHS + OPENAI_PATHS),
    HostRule("runtime.sagemaker.*.amazonaws.com", "sagemaker", SAGEMAKER_PATHS),
    HostRule("api.x.ai", "xai", XAI_BATCH_PATHS + COMMON_PATHS),
    HostRule("api.groq.com", "groq", COMMON_PATHS),
    HostRule("openrouter.ai", "openrouter", COMMON_PATHS),
    HostRule("api.openrouter.ai", "openrouter", COMMON_PATHS),
    HostRule("ai-gateway.vercel.sh", "vercel", COMMON_PATHS),
    HostRule("api.z.ai", "zai", COMMON_PATHS),
    HostRule("open.bigmodel.cn", "zhipuai", COMMON_PATHS),
    HostRule("router.huggingface.co", "huggingface", COMMON_PATHS),
    HostRule("api-inference.huggingface.co", "huggingface", COMMON_PATHS),
    HostRule("*.endpoints.huggingface.cloud", "huggingface", COMMON_PATHS),
    HostRule("api.deepseek.com", "deepseek", COMMON_PATHS),
    HostRule("api.mistral.ai", "mistral", COMMON_PATHS),
    HostRule("api.cerebras.ai", "cerebras", COMMON_PATHS),
    HostRule("api.together.xyz", "together", COMMON_PATHS),
    HostRule("api.together.ai", "together", COMMON_PATHS),
    HostRule("api.perplexity.ai", "perplexity", COMMON_PATHS),
    HostRule("api.fireworks.ai", "fireworks", COMMON_PATHS),
    HostRule("api.cohere.com", "cohere", NOT_CALLS + COHERE_PATHS + COMMON_PATHS),
    HostRule("api.cohere.ai", "cohere", NOT_CALLS + COHERE_PATHS + COMMON_PATHS),
    HostRule("api.voyageai.com", "voyage", COMMON_PATHS),
    HostRule("api.avian.io", "avian", COMMON_PATHS),
    HostRule("ollama.com", "ollama", OLLAMA_PATHS + COMMON_PATHS),
    HostRule("api.moonshot.ai", "moonshotai", COMMON_PATHS),
    HostRule("api.novita.ai", "novita", COMMON_PATHS),
    HostRule("api.inference.crusoecloud.com", "crusoe", COMMON_PATHS),
    HostRule("us.inference.heroku.com", "heroku", COMMON_PATHS),
    HostRule("api.sambanova.ai", "sambanova", COMMON_PATHS),
    HostRule("api.hyperbolic.xyz", "hyperbolic", COMMON_PATHS),
    HostRule("api.nebius.ai", "nebius", COMMON_PATHS),
    HostRule("api.minimax.io", "minimax", COMMON_PATHS),
    HostRule("*.snowflakecomputing.com", "snowflake", COMMON_PATHS),
    HostRule("api.writer.com", "writer", WRITER_PATHS + COMMON_PATHS),
    HostRule("api.cloudflare.com", "cloudflare", CLOUDFLARE_PATHS + COMMON_PATHS),
    HostRule("gateway.ai.cloudflare.com", "cloudflare-ai-gateway", WORKERS_AI_GATEWAY_PATHS + GENERIC_PATHS),
    HostRule("text.pollinations.ai", "pollinations", POLLINATIONS_PATHS + COMMON_PATHS),
    HostRule("image.pollinations.ai", "pollinations", POLLINATIONS_PATHS),
    HostRule("gen.pollinations.ai", "pollinations", POLLINATIONS_PATHS + COMMON_PATHS),
    HostRule("api.aleph-alpha.com", "aleph-alpha", NOT_CALLS + ALEPH_ALPHA_PATHS + COMMON_PATHS),
    HostRule("*.ml.cloud.ibm.com", "watsonx", WATSONX_PATHS),
    HostRule("api.replicate.com", "replicate", REPLICATE_PATHS),
    HostRule("stream.replicate.com", "replicate", REPLICATE_PATHS),
    HostRule("streaming-api.*.replicate.net", "replicate", REPLICATE_PATHS),
    HostRule("*.cloud.databricks.com", "databricks", DATABRICKS_PATHS + COMMON_PATHS),
    HostRule("*.azuredatabricks.net", "databricks", DATABRICKS_PATHS + COMMON_PATHS),
    HostRule("*.gcp.databricks.com", "databricks", DATABRICKS_PATHS + COMMON_PATHS),
    HostRule("api.bfl.ai", "black-forest-labs", BFL_PATHS),
    HostRule("api.*.bfl.ai", "black-forest-labs", BFL_PATHS),
    HostRule("api.bfl.ml", "black-forest-labs", BFL_PATHS),
    HostRule("gateway.pydantic.dev", "pydantic-gateway", GENERIC_PATHS),
    HostRule("gateway-*.pydantic.dev", "pydantic-gateway", GENERIC_PATHS),
    HostRule("sourcegraph.com", "sourcegraph", CODY_PATHS),
    HostRule("*.sourcegraph.com", "sourcegraph", CODY_PATHS),
)

#: Hosts of a model server on this machine (or the container's host).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]", "host.docker.internal"})

#: Ollama's default port: a local server there is Ollama.
OLLAMA_PORT = 11434
