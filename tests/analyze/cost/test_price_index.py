"""The price index lint uses: built from the installed genai-prices, cached per version, and
agreeing with genai-prices' own lookup; and the one model choice every caller makes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import genai_prices
import pytest
from genai_prices import Usage as PriceUsage
from genai_prices import calc_price

import toolkit
from tests.conftest import ROOT, SAMPLES
from toolkit.analyze.cost import index_cache
from toolkit.analyze.cost.index_build import build_index
from toolkit.analyze.cost.lookup import Lookup, lookups, price_url
from toolkit.analyze.cost.price_index import PricedModel, find_priced_model
from toolkit.analyze.cost.priced_as import priced_as
from toolkit.analyze.llm.route import Route
from toolkit.model import Url


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder (and temporary folder); the memoised index is forgotten before and after."""
    monkeypatch.setenv("CASSETTE_TOOLKIT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(index_cache.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    index_cache.cached_index.cache_clear()
    find_priced_model.cache_clear()
    yield tmp_path
    index_cache.cached_index.cache_clear()
    find_priced_model.cache_clear()


def test_the_index_is_the_installed_genai_prices(cache: Path) -> None:
    index = index_cache.cached_index()
    assert index["genai_prices"] == genai_prices.__version__
    assert {k: v for k, v in index.items() if k != "stamp"} == build_index()
    written = cache / index_cache.index_file_name(index_cache.data_stamp())
    assert json.loads(written.read_bytes()) == index


def test_a_cached_index_is_read_not_rebuilt(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = index_cache.cached_index()
    index_cache.cached_index.cache_clear()
    monkeypatch.setattr(index_cache, "_build", lambda stamp: pytest.fail("rebuilt"))
    assert index_cache.cached_index() == first


def test_an_index_of_another_genai_prices_is_rebuilt(cache: Path) -> None:
    index = index_cache.cached_index()
    path = cache / index_cache.index_file_name(index_cache.data_stamp())
    stale = {**index, "stamp": {**index["stamp"], "mtime_ns": 1}, "providers": []}
    path.write_text(json.dumps(stale), encoding="utf-8")
    index_cache.cached_index.cache_clear()
    assert index_cache.cached_index()["providers"] == index["providers"]
    assert json.loads(path.read_bytes())["stamp"] == index["stamp"]


def test_environments_sharing_the_cache_keep_their_own_index(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two virtual environments with the same genai-prices version at different places: each
    # reads its own file, and neither rebuilds over the other's.
    here = index_cache.data_stamp()
    there = {**here, "data": "/elsewhere/site-packages/genai_prices/data.py"}
    assert index_cache.index_file_name(here) != index_cache.index_file_name(there)
    assert index_cache.index_file_name(here).startswith(f"price-index-{here['version']}-")
    first = index_cache.cached_index()
    monkeypatch.setattr(index_cache, "data_stamp", lambda: there)
    index_cache.cached_index.cache_clear()
    monkeypatch.setattr(index_cache, "_build", lambda stamp: {**first, "stamp": stamp})
    index_cache.cached_index()
    monkeypatch.setattr(index_cache, "data_stamp", lambda: here)
    monkeypatch.setattr(index_cache, "_build", lambda stamp: pytest.fail("rebuilt"))
    index_cache.cached_index.cache_clear()
    assert index_cache.cached_index() == first
    assert len(list(cache.iterdir())) == 2


def test_an_unwritable_cache_falls_back_to_a_private_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CASSETTE_TOOLKIT_CACHE_DIR", str(blocked / "cache"))
    monkeypatch.setattr(index_cache.tempfile, "gettempdir", lambda: str(tmp_path))
    index_cache.cached_index.cache_clear()
    try:
        assert index_cache.cached_index()["genai_prices"] == genai_prices.__version__
        private = tmp_path / f"cassette-toolkit-{os.getuid()}"
        assert (private / index_cache.index_file_name(index_cache.data_stamp())).is_file()
        assert private.stat().st_mode & 0o077 == 0
        # A folder others may write to is not used: the index then lives in memory.
        private.chmod(0o777)
        index_cache.cached_index.cache_clear()
        monkeypatch.setattr(index_cache, "_build", lambda stamp: {"genai_prices": "built", "stamp": stamp})
        assert index_cache.cached_index()["genai_prices"] == "built"
    finally:
        index_cache.cached_index.cache_clear()


def test_the_cache_folder_follows_the_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASSETTE_TOOLKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert index_cache.cache_folder() == Path("/somewhere/cassette-toolkit")


def test_a_lint_run_builds_the_index_without_importing_genai_prices(tmp_path: Path) -> None:
    probe = (
        "import json, sys; from toolkit.analyze.cost.price_index import find_priced_model; "
        "found = find_priced_model('gpt-4o', 'openai', 'https://api.openai.com/v1/chat/completions'); "
        "print(json.dumps([found, 'genai_prices' in sys.modules]))"
    )
    (tmp_path / "tmp").mkdir()
    env = {
        **os.environ,
        "CASSETTE_TOOLKIT_CACHE_DIR": str(tmp_path / "cache"),
        "TMPDIR": str(tmp_path / "tmp"),
    }
    for _ in range(2):  # the first run builds (in a child process), the second reads the cache
        out = subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, check=True
        )
        assert json.loads(out.stdout) == [["openai", "gpt-4o", "gpt-4o"], False]
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [
        index_cache.index_file_name(index_cache.data_stamp())
    ]


def test_lookups_in_order() -> None:
    assert lookups(
        "gpt-4o", "pydantic-gateway", "https://gateway.pydantic.dev/proxy/openai/chat/completions"
    ) == [
        Lookup("gpt-4o", provider_id="openai"),
        Lookup("gpt-4o", url="https://gateway.pydantic.dev/proxy/openai/chat/completions"),
        Lookup("gpt-4o", provider_id="pydantic-gateway"),
    ]
    assert lookups("anthropic/claude-sonnet-4", "vercel", "https://ai-gateway.vercel.sh/v1/chat/completions")[
        -1
    ] == (Lookup("claude-sonnet-4", provider_id="anthropic"))


def test_one_url_form_without_query_or_port() -> None:
    url = Url.parse(
        "https://generativelanguage.googleapis.com:443/v1beta/models/gemini-2.5-flash:generateContent?key=K"
    )
    assert (
        price_url(url)
        == "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"
    )


def test_the_model_priced() -> None:
    url = Url.parse("https://api.openai.com/v1/chat/completions")
    requested = priced_as(Route("openai", "chat.completions", "gpt-4o"), "gpt-4o-2024-08-06", url)
    assert requested == ("gpt-4o", PricedModel("openai", "gpt-4o", "gpt-4o"), "", False)
    served = priced_as(Route("openai", "chat.completions", None), "gpt-4o-mini-2024-07-18", url)
    assert (
        served.model == "gpt-4o-mini-2024-07-18"
        and served.reason == "the model the response names (none requested)"
    )
    alias = priced_as(
        Route("azure", "chat.completions", "prod"), "gpt-4o", Url.parse("https://x.openai.azure.com/o")
    )
    assert (alias.model, alias.entry) == ("gpt-4o", PricedModel("azure", "gpt-4o", "gpt-4o"))
    unknown = priced_as(Route("openai", "chat.completions", "nope-1"), "nope-2", url)
    assert (
        unknown.entry is None
        and unknown.unknown
        and unknown.reason.startswith("neither 'nope-1' nor 'nope-2'")
    )
    local = priced_as(
        Route("ollama", "ollama.chat", "llama3"), None, Url.parse("http://localhost:11434/api/chat")
    )
    assert local.entry is None and not local.unknown


def test_price_index_on_unseen_model_names() -> None:
    openai = "https://api.openai.com/v1/chat/completions"
    assert find_priced_model("gpt-4o-mini", "openai", openai) == PricedModel(
        "openai", "gpt-4o-mini", "gpt-4o-mini"
    )
    assert find_priced_model(
        "claude-sonnet-4-5-20250929", "anthropic", "https://api.anthropic.com/v1/messages"
    )
    assert find_priced_model("not-a-model", "openai", openai) is None
    assert find_priced_model("gpt-4o", "local", "http://localhost:8080/v1") is None


@pytest.mark.corpus
def test_the_index_agrees_with_genai_prices_on_every_lookup(corpus: Path) -> None:
    frames = toolkit.load(corpus, SAMPLES)
    calls = frames.interactions.dropna(subset=["api"])
    assert len(calls) > 1000
    asked = {
        (model, provider, price_url(Url.parse(url)))
        for models, provider, url in zip(
            zip(calls["model"], calls["response_model"], strict=True),
            calls["provider"],
            calls["url"],
            strict=True,
        )
        for model in models
        if isinstance(model, str) and isinstance(provider, str)
    }
    for model, provider, url in sorted(asked):
        assert find_priced_model(model, provider, url) == _genai_prices_lookup(model, provider, url), model


def _genai_prices_lookup(model: str, provider: str, url: str) -> PricedModel | None:
    """genai-prices' own lookup, tried in the same order."""
    if provider in ("local", "ollama"):
        return None
    for lookup in lookups(model, provider, url):
        where = (
            {"provider_id": lookup.provider_id} if lookup.provider_id else {"provider_api_url": lookup.url}
        )
        try:
            found = calc_price(PriceUsage(input_tokens=1), lookup.model, **where)  # type: ignore[call-overload]
        except LookupError:
            continue
        return PricedModel(found.provider.id, found.model.id, lookup.model)
    return None
