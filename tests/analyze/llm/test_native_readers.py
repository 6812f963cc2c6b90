"""Readers of the providers' own APIs: usage, text and finish reason from a body or a stream."""

from __future__ import annotations

import json
from typing import Any

from tests.analyze.llm.test_llm_call import exchange, sse
from toolkit.analyze.llm import read_llm_call


def ndjson(*documents: Any) -> bytes:
    return "".join(json.dumps(document) + "\n" for document in documents).encode()


def test_ollama_generate_stream() -> None:
    body = ndjson(
        {"model": "llama3.2", "response": "He", "done": False},
        {"model": "llama3.2", "response": "llo", "done": False},
        {
            "model": "llama3.2",
            "response": "",
            "done": True,
            "done_reason": "stop",
            "prompt_eval_count": 26,
            "eval_count": 2,
        },
    )
    llm_call = read_llm_call(
        exchange("http://localhost:11434/api/generate", {"model": "llama3.2"}, body, "application/x-ndjson")
    )
    assert llm_call.route.api == "ollama.generate"
    assert llm_call.exchange.message.text == "Hello" and llm_call.exchange.finish_reason == "stop"
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        26,
        2,
    )


def test_cohere_v1_chat_stream() -> None:
    body = ndjson(
        {"is_finished": False, "event_type": "stream-start", "generation_id": "g"},
        {"is_finished": False, "event_type": "text-generation", "text": "Hi"},
        {
            "is_finished": True,
            "event_type": "stream-end",
            "finish_reason": "COMPLETE",
            "response": {"text": "Hi", "meta": {"billed_units": {"input_tokens": 5, "output_tokens": 1}}},
        },
    )
    llm_call = read_llm_call(
        exchange("https://api.cohere.com/v1/chat", {"model": "command-r"}, body, "application/stream+json")
    )
    assert llm_call.stream is not None and llm_call.stream.kind == "ndjson"
    assert (llm_call.exchange.message.text, llm_call.exchange.finish_reason) == ("Hi", "COMPLETE")
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        5,
        1,
    )


def test_cohere_v1_generate_body() -> None:
    body = {
        "generations": [{"text": "Hi", "finish_reason": "COMPLETE"}],
        "meta": {"billed_units": {"input_tokens": 3, "output_tokens": 1}},
    }
    llm_call = read_llm_call(
        exchange("https://api.cohere.ai/v1/generate", {"model": "command"}, json.dumps(body).encode())
    )
    assert llm_call.exchange.message.text == "Hi"
    assert llm_call.usage is not None and llm_call.usage.output_tokens == 1


def test_workers_ai_run_stream_and_body() -> None:
    url = "https://api.cloudflare.com/client/v4/accounts/a/ai/run/@cf/meta/llama-3.1-8b-instruct"
    body = sse(
        {"response": "Hel"},
        {"response": "lo"},
        {"response": "", "usage": {"prompt_tokens": 12, "completion_tokens": 2}},
        done=True,
    )
    llm_call = read_llm_call(exchange(url, {"prompt": "hi", "stream": True}, body, "text/event-stream"))
    assert llm_call.route.model == "@cf/meta/llama-3.1-8b-instruct"
    assert llm_call.exchange.message.text == "Hello"
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        12,
        2,
    )
    whole = {
        "result": {"response": "Hello", "usage": {"prompt_tokens": 12, "completion_tokens": 2}},
        "success": True,
    }
    llm_call = read_llm_call(exchange(url, {"prompt": "hi"}, json.dumps(whole).encode()))
    assert llm_call.exchange.message.text == "Hello" and llm_call.usage is not None


def test_watsonx_generation_stream() -> None:
    def result(text: str, reason: str, generated: int, prompt: int = 0) -> dict[str, Any]:
        return {
            "model_id": "ibm/granite-13b-instruct-v2",
            "results": [
                {
                    "generated_text": text,
                    "generated_token_count": generated,
                    "input_token_count": prompt,
                    "stop_reason": reason,
                }
            ],
        }

    body = sse(result("Hel", "not_finished", 1), result("lo", "eos_token", 2, prompt=9))
    url = "https://us-south.ml.cloud.ibm.com/ml/v1/text/generation_stream?version=2023-05-29"
    llm_call = read_llm_call(
        exchange(url, {"model_id": "ibm/granite-13b-instruct-v2"}, body, "text/event-stream")
    )
    assert (llm_call.exchange.message.text, llm_call.exchange.finish_reason) == ("Hello", "eos_token")
    assert llm_call.usage is not None and (llm_call.usage.input_tokens, llm_call.usage.output_tokens) == (
        9,
        2,
    )


def test_cody_completion_stream() -> None:
    body = (
        b'event: completion\ndata: {"deltaText":"interface Fruit"}\n\n'
        b'event: completion\ndata: {"deltaText":" {}","stopReason":"stop_sequence"}\n\n'
        b"event: done\ndata: {}\n\n"
    )
    url = "https://sourcegraph.com/.api/completions/stream?api-version=1"
    llm_call = read_llm_call(
        exchange(url, {"model": "anthropic::2023-06-01::claude-3.5-sonnet"}, body, "text/event-stream")
    )
    assert llm_call.route[:2] == ("sourcegraph", "cody.completions")
    assert (llm_call.exchange.message.text, llm_call.exchange.finish_reason) == (
        "interface Fruit {}",
        "stop_sequence",
    )
