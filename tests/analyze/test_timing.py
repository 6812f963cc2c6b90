"""Server-reported timing headers: which header wins, how values are read, and the corpus facts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import toolkit
from tests.conftest import BUNDLED_CORPUS, CORPUS, SAMPLES, corpora, read_csv
from toolkit.analyze.timing import ServerTiming, read_server_timing
from toolkit.model import Header, Headers


def headers(*pairs: tuple[str, str]) -> Headers:
    return Headers(Header(name, value) for name, value in pairs)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ((("Openai-Processing-Ms", "940"),), ServerTiming(940.0, "openai-processing-ms")),
        ((("x-envoy-upstream-service-time", "36"),), ServerTiming(36.0, "x-envoy-upstream-service-time")),
        (
            (("x-envoy-upstream-service-time", "36"), ("openai-processing-ms", "30")),
            ServerTiming(30.0, "openai-processing-ms"),
        ),
        (
            (("llm_provider-openai-processing-ms", "420"), ("x-envoy-upstream-service-time", "500")),
            ServerTiming(420.0, "llm_provider-openai-processing-ms"),
        ),
        (
            (("X-Amzn-Bedrock-Invocation-Latency", "319"),),
            ServerTiming(319.0, "x-amzn-bedrock-invocation-latency"),
        ),
        ((("server-timing", "gfet4t7; dur=10062"),), ServerTiming(10062.0, "server-timing")),
        (
            (("server-timing", 'cache;desc="hit", proxy;dur=23.5, app;dur=750'),),
            ServerTiming(750.0, "server-timing"),
        ),
        ((("server-timing", 'cfL4;desc="?proto=TCP&rtt=1"'),), None),
        ((("openai-processing-ms", "n/a"), ("server-timing", "x;dur=5")), ServerTiming(5.0, "server-timing")),
        ((("openai-processing-ms", "-3"),), None),
        ((("content-type", "application/json"),), None),
        ((), None),
    ],
)
def test_read_server_timing(pairs: tuple[tuple[str, str], ...], expected: ServerTiming | None) -> None:
    assert read_server_timing(headers(*pairs)) == expected


def test_samples_keep_server_timing_apart_from_recorded_duration() -> None:
    rows = toolkit.load(SAMPLES).interactions.set_index("cassette")
    openai = rows.loc[str(SAMPLES / "vcrpy_openai_chat_completion.yaml")]
    assert openai["server_timing_header"] == "openai-processing-ms"
    assert openai["server_processing_ms"] > 0 and pd.isna(openai["duration_s"])
    groq = rows.loc[str(SAMPLES / "govcr1_groq_chat_completion.yaml")]
    assert groq["server_timing_header"].isna().all() and groq["duration_s"].notna().all()


@pytest.mark.parametrize("corpus", corpora(CORPUS, BUNDLED_CORPUS))
def test_corpus_timing_headers_are_read(corpus: Path) -> None:
    """interactions.csv lists the timing headers each response carries (measured independently)."""
    got = toolkit.load(corpus).interactions.set_index(["cassette", "interaction"])["server_timing_header"]
    for row in read_csv(corpus / "interactions.csv"):
        if row["kind"] != "http":
            continue
        present = {h.split("=")[0] for h in row["timing_headers"].split("|") if h}
        mine = got.loc[(str(corpus / row["path"]), int(row["idx"]))]
        if present and present != {"server-timing"}:
            assert mine in present, row
        elif not present:
            assert pd.isna(mine), row
