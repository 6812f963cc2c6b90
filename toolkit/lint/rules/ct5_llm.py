"""CT5xx: LLM semantics (``toolkit.analyze.llm``): usage in streams, the finish reason, the served model.

These are about what was recorded, not whether it replays: a stream whose
cost cannot be audited, an answer cut at the token limit, a model swapped by
the provider or a proxy. Severities are warning or info.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import Any

from toolkit.lint.finding import Hit
from toolkit.lint.locate import at_body
from toolkit.lint.rule import Example, LintContext, Rule, RuleDocs
from toolkit.lint.rules.ct3_streams import _STOP, _TEXT, _USAGE, _stream_cassette, stream_is_complete
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette

__all__ = ["RULES", "same_model"]

#: APIs that generate text and report usage (embeddings, images, audio and assistants are left out).
_GENERATIVE = frozenset(
    {"chat.completions", "completions", "responses", "messages", "generate_content", "converse", "invoke"}
    | {"cohere.chat", "ollama.chat"}
)


_STREAM_NO_USAGE = _stream_cassette(_TEXT, _STOP, "[DONE]")


def check_stream_usage(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        call = context.analyzed.llm_call(interaction)
        api = call.route.api
        if call.stream is None or api not in _GENERATIVE or not stream_is_complete(context, interaction):
            continue
        usage = call.usage
        if usage is None or not usage.has_tokens:
            hint = (
                " (request it with stream_options.include_usage)"
                if api in ("chat.completions", "completions")
                else ""
            )
            yield at_body(
                interaction,
                "response",
                f"the {api} stream reports no token usage{hint}: its cost cannot be audited",
                "response.usage",
            )


STREAM_WITHOUT_USAGE = Rule(
    "CT501",
    "stream-without-usage",
    "info",
    "A complete LLM response stream reports no token usage.",
    RuleDocs(
        what="A streamed response of a text-generating API (chat, completions, responses, "
        "messages, Gemini, Bedrock, Cohere, Ollama) that ends properly but never reports "
        "token counts. Truncated streams are left to CT303.",
        why="The cost of the recorded traffic cannot be audited; OpenAI-compatible APIs only "
        "send usage in streams when asked (`stream_options: {include_usage: true}`).",
        seen="dd-trace-py's older OpenAI stream cassettes (11 chat streams) and ruby-openai's "
        "chat streams were recorded without `include_usage`.",
        failing=Example(_STREAM_NO_USAGE),
        passing=Example(_stream_cassette(_TEXT, _STOP, _USAGE, "[DONE]")),
    ),
    check_stream_usage,
)


_LENGTH = frozenset({"length", "max_tokens", "max_output_tokens"})


_LENGTH_BODY = (
    """'{"id": "chatcmpl-1", "model": "gpt-4o-mini-2024-07-18", "choices": [{"index": 0, """
    """"message": {"role": "assistant", "content": "Once upon a"}, "finish_reason": "length"}], """
    """"usage": {"prompt_tokens": 9, "completion_tokens": 3, "total_tokens": 12}}'"""
)


def check_finish_length(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        reason = context.analyzed.llm_call(interaction).exchange.finish_reason
        if reason is not None and reason.lower() in _LENGTH:
            yield at_body(
                interaction,
                "response",
                f"the answer stopped at the token limit (finish reason {reason!r}): "
                "the recorded output is cut off",
                "response.finish",
            )


FINISH_REASON_LENGTH = Rule(
    "CT502",
    "finish-reason-length",
    "warning",
    "The response stopped at the token limit (finish reason length / max_tokens).",
    RuleDocs(
        what="The finish (stop) reason says the output hit the token limit: `length` (OpenAI-"
        "compatible), `max_tokens` (Anthropic, Bedrock), `MAX_TOKENS` (Gemini), "
        "`max_output_tokens` (Responses).",
        why="The recorded answer is cut off: a test asserting on it, or parsing it as JSON, "
        "tests a truncated output; usually `max_tokens` was set too low when recording.",
        seen="dd-trace-py records 21 `length`, 12 `max_tokens` and 5 `MAX_TOKENS` finishes; "
        "ai-gateway records 9 `length` finishes.",
        failing=Example(vcrpy_cassette(response_body=_LENGTH_BODY)),
        passing=Example(GOOD),
    ),
    check_finish_length,
)


_SWAPPED = """'{"id": "chatcmpl-1", "model": "moonshotai/kimi-k2", "choices": []}'"""


def check_model(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    for interaction in context.cassette.interactions:
        call = context.analyzed.llm_call(interaction)
        asked, served = call.route.model, call.exchange.response_model
        if not asked or not served or _names_a_deployment(interaction.request.url.path, asked):
            continue
        if _plausible(asked, served) and not same_model(asked, served):
            yield at_body(
                interaction,
                "response",
                f"requested model {asked[:80]!r} but the response says {served[:80]!r}",
                "response.model",
            )


MODEL_MISMATCH = Rule(
    "CT503",
    "model-mismatch",
    "warning",
    "The response names another model than the request asked for.",
    RuleDocs(
        what="The model in the response is not the requested one or one of its snapshots. "
        "Dated and versioned ids (`gpt-4o` -> `gpt-4o-2024-08-06`), region and vendor "
        "prefixes (`us.anthropic.`), gateway prefixes (`openai/`), `@` and `-v1:0` forms and "
        "reordered words (`claude-haiku-4.5` -> `claude-4.5-haiku-20251001`) count as the "
        "same model; a moving alias (`gemini-flash-latest`) matches any version of its family, "
        "and a deployment name (Azure's `/deployments/NAME/`) is not compared at all.",
        why="A proxy or the provider served a different model: tests pass against answers of "
        "another model, and costs computed from the request are wrong.",
        seen="simonw-llm's cassettes ask for `gpt-4.1-mini` and record `moonshotai/kimi-k2`; "
        "pydantic-ai asks OpenRouter for `google/gemini-2.0-flash-exp:free` and records "
        "`x-ai/grok-4`; fantasy asks for `gemini-3-pro-preview` and records "
        "`gemini-3.1-pro-preview`.",
        failing=Example(vcrpy_cassette(response_body=_SWAPPED)),
        passing=Example(GOOD),
    ),
    check_model,
)


_UNPRICED_MODEL = vcrpy_cassette(
    request_body="""'{"model": "gpt-4o-mini-internal-eval", "messages": []}'""",
    response_body="""'{"id": "chatcmpl-1", "model": "gpt-4o-mini-internal-eval", "choices": []}'""",
)


def check_price(context: LintContext, _options: Mapping[str, Any]) -> Iterator[Hit]:
    from toolkit.analyze.cost.priced_as import priced_as

    for interaction in context.cassette.interactions:
        call = context.analyzed.llm_call(interaction)
        route = call.route
        if route.api not in _PRICED_APIS or not route.model or not _plausible(route.model):
            continue
        priced = priced_as(route, call.exchange.response_model, interaction.request.url)
        if priced.unknown:
            yield at_body(
                interaction,
                "request",
                f"{priced.reason} ({route.provider or 'unknown provider'}): its cost cannot be estimated",
                "request.model",
            )


UNKNOWN_PRICE = Rule(
    "CT504",
    "unknown-price",
    "info",
    "The requested model has no price in the price table (genai-prices), so its cost is unknown.",
    RuleDocs(
        what="A text-generation or embeddings call whose model (from the request body or URL "
        "path) the price table does not know, nor the model the response names, looked up "
        "as the cost estimate does (`toolkit.analyze.cost.priced_as`): by a gateway's upstream "
        "provider, the request URL, the provider, then a gateway model id's upstream. Local "
        "servers (Ollama, localhost) are not reported. The lint path reads a compact index "
        "of the installed genai-prices, built once per version and cached in the user's "
        "cache folder, never genai-prices itself.",
        why="The recorded traffic's cost cannot be estimated: a typo in a model name, a "
        "fine-tune or a private deployment name, or a model newer than the price table.",
        seen="Fine-tuned model ids in the corpus (dd-trace-py, ai-gateway); gateway ids such as "
        "OpenRouter's `:free` variants. An Azure deployment name whose response names a "
        "known model is priced as that model, and not reported.",
        failing=Example(_UNPRICED_MODEL),
        passing=Example(GOOD),
    ),
    check_price,
)


def _plausible(*names: str) -> bool:
    """Model ids are short; a huge one is hostile input, not worth comparing or caching."""
    return all(len(name) <= _MAX_MODEL_ID for name in names)


_MAX_MODEL_ID = 256


#: Billed by token: text generation and embeddings.
_PRICED_APIS = _GENERATIVE | {"embeddings"}

_PREFIXES = re.compile(
    r"^(?:(?:us|eu|apac|global|jp|au|ca)\.)?(?:(?:anthropic|meta|amazon|mistral|cohere|ai21|deepseek|openai)\.)?"
)
_DATE_OR_VERSION = re.compile(r"^(?:\d+|v\d+|latest|preview|exp|\d{4}-\d{2}-\d{2})$")
_VARIANTS = frozenset({"reasoning", "non", "high", "low", "medium", "latest", "preview", "exp"})
_TOKENS = re.compile(r"[a-z]+|\d+")


def _names_a_deployment(path: str, asked: str) -> bool:
    """The requested "model" is a deployment the account named (Azure OpenAI's
    ``/deployments/NAME/``, Azure AI Foundry, SageMaker endpoints): any name at all, not a model id."""
    segments = path.split("/")
    return any(
        segment in ("deployments", "endpoints") and following == asked
        for segment, following in itertools.pairwise(segments)
    )


@functools.lru_cache(maxsize=1024)
def same_model(asked: str, served: str) -> bool:
    """Whether ``served`` is ``asked`` or one of its snapshots (a dated or versioned id, a variant),
    or what a moving alias (``gemini-flash-latest``) points to today."""
    a, s = _canonical(asked), _canonical(served)
    if a == s or _extends(a, s) or _extends(s, a):
        return True
    if "latest" in _TOKENS.findall(a):
        return set(_words(a)) <= set(_TOKENS.findall(s))
    return _words(a) == _words(s)


def _canonical(model: str) -> str:
    name = model.strip().lower().rsplit("/", 1)[-1].replace("_", "-").replace("@", "-")
    name = name.split(":", 1)[0] if not re.search(r"-v\d+:\d+$", name) else name
    name = _PREFIXES.sub("", name)
    name = re.sub(r"-v\d+(?::\d+)?$", "", name)
    return re.sub(r"-0$", "", name)  # Anthropic's "-0" aliases (claude-sonnet-4-0)


def _extends(shorter: str, longer: str) -> bool:
    """``longer`` is ``shorter`` plus dates, versions or variant words."""
    if not longer.startswith(shorter + "-"):
        return False
    rest = longer[len(shorter) + 1 :]
    return all(_DATE_OR_VERSION.match(part) or part in _VARIANTS for part in rest.split("-"))


def _words(name: str) -> tuple[str, ...]:
    """The name's words and numbers, without dates and snapshot numbers, in sorted order."""
    return tuple(
        sorted(t for t in _TOKENS.findall(name) if not (t.isdigit() and len(t) >= 4) and t not in _VARIANTS)
    )


RULES: tuple[Rule, ...] = (
    STREAM_WITHOUT_USAGE,
    FINISH_REASON_LENGTH,
    MODEL_MISMATCH,
    UNKNOWN_PRICE,
)
