"""Usage of whole API families: batches, audio, compaction, images, Ollama, Gemini Interactions,
Cohere v1, and the charges beside the tokens. Bodies are modelled on each API's documented
response shape (the corpus tests check the ones real cassettes record)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from tests.analyze.llm.test_llm_call import exchange, sse
from tests.analyze.llm.test_native_readers import ndjson
from toolkit.analyze.llm import LlmCall, read_llm_call
from toolkit.analyze.llm.exchange import Usage
from toolkit.analyze.llm.usage import openai_usage, responses_usage
from toolkit.model import Body, Position


def read(url: str, request: Any, body: Any, content_type: str = "application/json") -> LlmCall:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    return read_llm_call(exchange(url, request, raw, content_type))


def counts(analysis: LlmCall) -> tuple[int | None, int | None]:
    assert analysis.usage is not None
    return analysis.usage.input_tokens, analysis.usage.output_tokens


def _chat(model: str, prompt: int, completion: int) -> dict[str, Any]:
    return {
        "object": "chat.completion",
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": completion,
            "total_tokens": prompt + completion,
        },
    }


# -- batches -------------------------------------------------------------------------------------


def test_openai_batch_output_file_adds_up_its_responses() -> None:
    lines = ndjson(
        {
            "id": "b1",
            "custom_id": "r0",
            "response": {"status_code": 200, "body": _chat("gpt-4o-mini", 10, 3)},
        },
        {
            "id": "b2",
            "custom_id": "r1",
            "response": {"status_code": 200, "body": _chat("gpt-4o-mini", 12, 4)},
        },
        {"id": "b3", "custom_id": "r2", "response": None, "error": {"code": "server_error"}},
    )
    analysis = read(
        "https://api.openai.com/v1/files/file-abc/content", None, lines, "application/octet-stream"
    )
    assert analysis.route.api == "files.content"
    assert counts(analysis) == (22, 7)
    assert analysis.usage is not None and analysis.usage.source == "batch results"
    assert analysis.exchange.response_model == "gpt-4o-mini"


def test_a_batch_of_responses_api_calls() -> None:
    body = {
        "object": "response",
        "model": "gpt-5-mini",
        "output": [],
        "usage": {"input_tokens": 20, "output_tokens": 50, "output_tokens_details": {"reasoning_tokens": 40}},
    }
    line = {"custom_id": "r0", "response": {"status_code": 200, "body": body}}
    analysis = read(
        "https://api.openai.com/v1/files/file-abc/content", None, ndjson(line), "application/jsonl"
    )
    assert counts(analysis) == (20, 50)


def test_mistral_batch_output_has_the_openai_shape() -> None:
    lines = ndjson(
        {
            "id": "1",
            "custom_id": "a",
            "response": {"status_code": 200, "body": _chat("mistral-small-latest", 5, 2)},
        },
        {
            "id": "2",
            "custom_id": "b",
            "response": {"status_code": 200, "body": _chat("mistral-small-latest", 6, 3)},
        },
    )
    analysis = read("https://api.mistral.ai/v1/files/f/content", None, lines, "application/octet-stream")
    assert (analysis.route.provider, analysis.route.api, counts(analysis)) == (
        "mistral",
        "files.content",
        (11, 5),
    )


def test_anthropic_batch_results_add_cache_to_input() -> None:
    def result(custom_id: str, model: str, usage: dict[str, int]) -> dict[str, Any]:
        message = {"type": "message", "model": model, "content": [], "usage": usage}
        return {"custom_id": custom_id, "result": {"type": "succeeded", "message": message}}

    lines = ndjson(
        result(
            "a", "claude-sonnet-4-5", {"input_tokens": 10, "cache_read_input_tokens": 100, "output_tokens": 5}
        ),
        result("b", "claude-sonnet-4-5", {"input_tokens": 20, "output_tokens": 7}),
        {"custom_id": "c", "result": {"type": "errored", "error": {"type": "invalid_request"}}},
    )
    url = "https://api.anthropic.com/v1/messages/batches/msgbatch_1/results"
    analysis = read(url, None, lines, "application/binary")
    assert counts(analysis) == (130, 12)
    assert analysis.usage is not None and analysis.usage.cache_read_tokens == 100


def test_a_batch_of_several_models_names_none() -> None:
    lines = ndjson(
        {"custom_id": "a", "response": {"status_code": 200, "body": _chat("gpt-4o", 1, 1)}},
        {"custom_id": "b", "response": {"status_code": 200, "body": _chat("gpt-4o-mini", 1, 1)}},
    )
    analysis = read("https://api.openai.com/v1/files/f/content", None, lines, "application/octet-stream")
    assert counts(analysis) == (2, 2) and analysis.exchange.response_model is None


def _gemini(prompt: int, candidates: int) -> dict[str, Any]:
    return {
        "candidates": [{"content": {"parts": [{"text": "Paris"}]}, "finishReason": "STOP"}],
        "usageMetadata": {"promptTokenCount": prompt, "candidatesTokenCount": candidates},
        "modelVersion": "gemini-2.5-flash",
    }


def test_gemini_batch_operation_with_inlined_responses() -> None:
    operation = {
        "name": "batches/b1",
        "metadata": {"@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatch"},
        "done": True,
        "response": {
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1beta.GenerateContentBatchOutput",
            "inlinedResponses": {
                "inlinedResponses": [{"response": _gemini(8, 2)}, {"response": _gemini(9, 3)}]
            },
        },
    }
    analysis = read("https://generativelanguage.googleapis.com/v1beta/batches/b1", None, operation)
    assert (analysis.route.api, counts(analysis)) == ("batch.results", (17, 5))
    assert analysis.exchange.response_model == "gemini-2.5-flash"


def test_a_pending_gemini_batch_reports_nothing() -> None:
    operation = {
        "name": "batches/b1",
        "metadata": {"state": "BATCH_STATE_PENDING", "model": "models/gemini-2.5-flash"},
    }
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:batchGenerateContent"
    assert read(url, {"batch": {}}, operation).usage is None


def test_gemini_batch_responses_file() -> None:
    lines = ndjson({"key": "a", "response": _gemini(8, 2)}, {"key": "b", "response": _gemini(4, 1)})
    url = "https://generativelanguage.googleapis.com/download/v1beta/files/batch-1:download"
    assert counts(read(url, None, lines, "application/octet-stream")) == (12, 3)


def test_xai_batch_results_count_reasoning_and_ticks() -> None:
    completion = _chat("grok-4-fast-reasoning", 30, 5)
    completion["usage"]["completion_tokens_details"] = {"reasoning_tokens": 100}
    completion["usage"]["cost_in_usd_ticks"] = 1000
    results = {
        "results": [
            {"batch_request_id": "r1", "batch_result": {"response": {"chat_get_completion": completion}}},
            {"batch_request_id": "r2", "batch_result": {"response": {"chat_get_completion": completion}}},
        ],
        "pagination_token": None,
    }
    analysis = read("https://api.x.ai/v1/batches/batch_1/results", None, results)
    assert counts(analysis) == (60, 210)
    assert analysis.usage is not None and analysis.usage.cost_ticks == 2000


def test_the_batch_object_is_not_a_call() -> None:
    batch = {"id": "batch_1", "object": "batch", "usage": {"input_tokens": 100, "output_tokens": 10}}
    assert read("https://api.openai.com/v1/batches/batch_1", None, batch).usage is None


# -- audio ---------------------------------------------------------------------------------------


def test_transcription_usage_in_tokens() -> None:
    body = {
        "text": "あたし",
        "usage": {
            "type": "tokens",
            "total_tokens": 6,
            "input_tokens": 1,
            "input_token_details": {"text_tokens": 0, "audio_tokens": 1},
            "output_tokens": 5,
        },
    }
    analysis = read("https://api.openai.com/v1/audio/transcriptions", None, body)
    assert counts(analysis) == (1, 5) and analysis.exchange.message.text == "あたし"
    assert analysis.usage is not None and analysis.usage.priced_units == (("input_audio_tokens", 1),)


def test_whisper_transcription_usage_in_seconds() -> None:
    body = {"text": "A dog on a rocket to the moon.", "usage": {"type": "duration", "seconds": 2}}
    analysis = read("https://api.openai.com/v1/audio/transcriptions", None, body)
    assert analysis.usage is not None and analysis.usage.priced_units == (("audio_seconds", 2),)
    assert not analysis.usage.has_tokens


def test_streamed_transcription_and_speech() -> None:
    transcript = sse(
        {"type": "transcript.text.delta", "delta": "Hel"},
        {"type": "transcript.text.delta", "delta": "lo"},
        {"type": "transcript.text.done", "text": "Hello", "usage": {"input_tokens": 14, "output_tokens": 2}},
    )
    analysis = read("https://api.openai.com/v1/audio/transcriptions", None, transcript, "text/event-stream")
    assert counts(analysis) == (14, 2) and analysis.exchange.message.text == "Hello"
    speech = sse(
        {"type": "speech.audio.delta", "audio": "AAAA"},
        {
            "type": "speech.audio.done",
            "usage": {"input_tokens": 9, "output_tokens": 120, "total_tokens": 129},
        },
    )
    tts = read(
        "https://api.openai.com/v1/audio/speech", {"model": "gpt-4o-mini-tts"}, speech, "text/event-stream"
    )
    assert counts(tts) == (9, 120)


# -- responses compact, images -------------------------------------------------------------------


def test_responses_compact() -> None:
    body = {
        "id": "cmp_1",
        "object": "response.compaction",
        "output": [],
        "usage": {
            "input_tokens": 5000,
            "output_tokens": 300,
            "input_tokens_details": {"cached_tokens": 4000},
        },
    }
    analysis = read("https://api.openai.com/v1/responses/compact", {"model": "gpt-5"}, body)
    assert analysis.route.api == "responses" and counts(analysis) == (5000, 300)


def test_responses_web_search_calls_are_charges() -> None:
    body = {
        "object": "response",
        "model": "gpt-4o",
        "output": [{"type": "web_search_call", "status": "completed"}, {"type": "web_search_call"}],
        "usage": {"input_tokens": 10, "output_tokens": 5},
    }
    analysis = read("https://api.openai.com/v1/responses", {"model": "gpt-4o"}, body)
    assert analysis.usage is not None and analysis.usage.priced_units == (("web_searches", 2),)


def test_xai_image_generation_reports_its_cost() -> None:
    body = {"data": [{"url": "https://imgen.x.ai/1.jpeg"}], "usage": {"cost_in_usd_ticks": 200000000}}
    analysis = read("https://api.x.ai/v1/images/generations", {"model": "grok-imagine-image"}, body)
    assert analysis.usage is not None
    assert (analysis.usage.cost_ticks, analysis.usage.reported_cost_usd) == (200000000, 0.02)


def test_openai_image_tokens() -> None:
    usage = {
        "input_tokens": 50,
        "input_tokens_details": {"text_tokens": 10, "image_tokens": 40},
        "output_tokens": 4160,
        "output_tokens_details": {"image_tokens": 4160},
        "total_tokens": 4210,
    }
    analysis = read(
        "https://api.openai.com/v1/images/edits", {"model": "gpt-image-1"}, {"data": [], "usage": usage}
    )
    assert counts(analysis) == (50, 4160)
    assert analysis.usage is not None
    assert analysis.usage.priced_units == (("input_image_tokens", 40), ("output_image_tokens", 4160))
    stream = sse({"type": "image_generation.completed", "b64_json": "", "usage": usage})
    assert counts(
        read("https://api.openai.com/v1/images/generations", None, stream, "text/event-stream")
    ) == (
        50,
        4160,
    )


# -- Ollama, Gemini embeddings and Interactions, Cohere v1 -----------------------------------------


def test_ollama_embed() -> None:
    body = {
        "model": "nomic-embed-text",
        "embeddings": [[0.1, 0.2]],
        "total_duration": 1,
        "prompt_eval_count": 4,
    }
    analysis = read("http://localhost:11434/api/embed", {"model": "nomic-embed-text", "input": "Hi"}, body)
    assert (analysis.route.api, counts(analysis)) == ("embeddings", (4, None))


def test_ollama_chat_body() -> None:
    body = {
        "model": "llama3.2",
        "message": {"role": "assistant", "content": "Hi"},
        "done": True,
        "done_reason": "stop",
        "prompt_eval_count": 26,
        "eval_count": 3,
    }
    assert counts(read("http://localhost:11434/api/chat", {"model": "llama3.2"}, body)) == (26, 3)


def test_gemini_batch_embeddings_report_prompt_tokens() -> None:
    body = {
        "embeddings": [{"values": [0.1]}],
        "usageMetadata": {"promptTokenCount": 12, "totalTokenCount": 12},
    }
    url = "https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-2:batchEmbedContents"
    assert counts(read(url, {"requests": []}, body)) == (12, None)


def test_gemini_interactions_body_and_stream() -> None:
    usage = {
        "total_input_tokens": 40,
        "total_cached_tokens": 0,
        "total_output_tokens": 10,
        "total_thought_tokens": 25,
        "total_tokens": 75,
    }
    body = {
        "id": "int_1",
        "model": "gemini-2.5-flash",
        "status": "completed",
        "outputs": [{"type": "thought", "signature": "x"}, {"type": "text", "text": "Paris."}],
        "usage": usage,
    }
    url = "https://generativelanguage.googleapis.com/v1beta/interactions"
    analysis = read(url, {"model": "gemini-2.5-flash", "input": "Capital of France?"}, body)
    assert counts(analysis) == (40, 35) and analysis.exchange.message.text == "Paris."
    assert analysis.usage is not None and analysis.usage.reasoning_tokens == 25
    stream = sse(
        {"event_type": "interaction.start", "interaction": {"id": "int_1", "model": "gemini-2.5-flash"}},
        {"event_type": "content.delta", "index": 0, "delta": {"type": "text", "text": "Par"}},
        {"event_type": "content.delta", "index": 0, "delta": {"type": "text", "text": "is."}},
        {
            "event_type": "interaction.complete",
            "interaction": {"id": "int_1", "status": "completed", "usage": usage},
        },
    )
    streamed = read(url, {"model": "gemini-2.5-flash", "stream": True}, stream, "text/event-stream")
    assert counts(streamed) == (40, 35) and streamed.exchange.message.text == "Paris."
    assert streamed.exchange.finish_reason == "completed"


def test_cohere_v1_generate_bills_billed_units() -> None:
    body = {
        "id": "g1",
        "generations": [{"id": "x", "text": "Hello", "finish_reason": "COMPLETE"}],
        "meta": {"billed_units": {"input_tokens": 3, "output_tokens": 12}},
    }
    assert counts(read("https://api.cohere.ai/v1/generate", {"model": "command"}, body)) == (3, 12)
    both = {
        "message": {"content": [{"type": "text", "text": "Hi"}]},
        "finish_reason": "COMPLETE",
        "usage": {
            "billed_units": {"input_tokens": 5, "output_tokens": 2},
            "tokens": {"input_tokens": 71, "output_tokens": 2},
        },
    }
    analysis = read("https://api.cohere.com/v2/chat", {"model": "command-a-03-2025"}, both)
    assert counts(analysis) == (71, 2)
    assert analysis.usage is not None
    assert analysis.usage.priced_units == (("input_tokens", 5), ("output_tokens", 2))


# -- reported costs and charges beside the tokens ------------------------------------------------


def test_perplexity_reports_its_cost() -> None:
    usage = openai_usage(
        {
            "prompt_tokens": 10,
            "completion_tokens": 50,
            "total_tokens": 60,
            "search_context_size": "low",
            "cost": {
                "input_tokens_cost": 0.00001,
                "output_tokens_cost": 0.00005,
                "request_cost": 0.005,
                "total_cost": 0.00506,
            },
        }
    )
    assert usage is not None and usage.reported_cost_usd == 0.00506


def test_perplexity_reasoning_and_citations_are_output() -> None:
    usage = openai_usage(
        {
            "prompt_tokens": 10,
            "completion_tokens": 100,
            "citation_tokens": 300,
            "reasoning_tokens": 2000,
            "num_search_queries": 4,
            "total_tokens": 2410,
        },
        reasoning_apart=True,
    )
    assert usage is not None and usage.output_tokens == 2400
    assert dict(usage.priced_units) == {
        "output_reasoning_tokens": 2000,
        "output_citation_tokens": 300,
        "web_searches": 4,
    }


def test_xai_server_side_tools() -> None:
    usage = openai_usage(
        {
            "prompt_tokens": 100,
            "completion_tokens": 10,
            "num_sources_used": 3,
            "server_side_tool_usage": {"SERVER_SIDE_TOOL_WEB_SEARCH": 2, "SERVER_SIDE_TOOL_X_SEARCH": 1},
        },
        reasoning_apart=True,
    )
    assert usage is not None
    assert dict(usage.priced_units) == {"web_searches": 2, "social_searches": 1, "sources": 3}
    details = responses_usage(
        {"input_tokens": 1, "output_tokens": 1, "server_side_tool_usage_details": {"web_search_calls": 5}}
    )
    assert details is not None and details.priced_units == (("web_searches", 5),)


def test_anthropic_web_searches_and_one_hour_cache_writes() -> None:
    body = {
        "type": "message",
        "model": "claude-sonnet-4-5",
        "content": [],
        "usage": {
            "input_tokens": 100,
            "cache_creation_input_tokens": 3000,
            "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
            "output_tokens": 50,
            "server_tool_use": {"web_search_requests": 2, "web_fetch_requests": 1},
        },
    }
    analysis = read("https://api.anthropic.com/v1/messages", {"model": "claude-sonnet-4-5"}, body)
    assert analysis.usage is not None and analysis.usage.input_tokens == 3100
    assert dict(analysis.usage.priced_units) == {
        "cache_write_5m_tokens": 1000,
        "cache_write_1h_tokens": 2000,
        "web_searches": 2,
    }


def test_zero_counts_bill_nothing() -> None:
    usage = openai_usage({"prompt_tokens": 1, "completion_tokens": 1, "num_sources_used": 0})
    assert usage == Usage(1, 1)


def test_the_model_of_a_multipart_request() -> None:
    form = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.mp3"\r\n'
        b"Content-Type: audio/mpeg\r\n\r\n\xff\xf3\x00\r\n"
        b'--b\r\nContent-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n--b--\r\n'
    )
    interaction = exchange("https://api.openai.com/v1/audio/transcriptions", None, b'{"text": "Hi"}')
    request = replace(interaction.request, body=Body(form, "string", Position(1, 1), form))
    assert read_llm_call(replace(interaction, request=request)).route.model == "whisper-1"
