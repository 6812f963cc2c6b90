"""``show``: a response stream is the one its LLM reading decoded, read once per interaction."""

from __future__ import annotations

import json
from typing import Any

import pytest

import toolkit.analyze.llm
from tests.analyze.llm.test_llm_call import exchange
from tests.conftest import SAMPLES
from toolkit.analyze.cassette import AnalyzedCassette
from toolkit.commands.show import ShowOptions, render_cassette
from toolkit.model import Cassette, Interaction
from toolkit.read.files import read_file

GEMINI = "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent"


def test_a_gemini_json_array_is_shown_chunk_by_chunk() -> None:
    chunks = [
        {"candidates": [{"content": {"parts": [{"text": "Bon"}]}}]},
        {"candidates": [{"content": {"parts": [{"text": "jour"}]}, "finishReason": "STOP"}]},
    ]
    interaction = exchange(GEMINI, {"contents": []}, json.dumps(chunks).encode())
    analyzed = AnalyzedCassette(Cassette("c.yaml", "vcrpy", (interaction,)))
    lines = list(render_cassette(analyzed, ShowOptions()))
    assert "  json-array stream, 2 events" in lines
    assert "   text: Bonjour" in lines


def test_each_interaction_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read = toolkit.analyze.llm.read_llm_call
    seen: list[Interaction] = []

    def counted(interaction: Interaction) -> Any:
        seen.append(interaction)
        return read(interaction)

    monkeypatch.setattr(toolkit.analyze.llm, "read_llm_call", counted)
    analyzed = AnalyzedCassette.of(read_file(str(SAMPLES / "vcrpy_bedrock_eventstream.yaml")))
    lines = list(render_cassette(analyzed, ShowOptions()))
    assert "  aws-eventstream stream, 9 events" in lines
    assert len(seen) == len({id(i) for i in seen}) == len(analyzed.cassette.interactions)
