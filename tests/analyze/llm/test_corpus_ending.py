"""Stream ends on real recordings: every stream of a known API in the corpora ends as its API
defines (the exceptions listed with their reason), and the same streams stay complete without
``[DONE]`` and read as cut when their second half is dropped. Skipped without the corpora."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_CORPUS, BUNDLED_EXTRA, CORPUS, DATA, SHARED
from toolkit.analyze.llm import LlmCall, read_llm_call
from toolkit.analyze.llm.ending import stream_end
from toolkit.read.files import discover, read_file

EXTRA = SHARED / "corpus-extra"

#: Streams that end with an error event (CT308, a warning), by file (relative to its corpus) and
#: interaction, and why. None is cut short (CT303, an error).
FAILED: dict[tuple[str, int], str] = {
    ("pydantic-ai/tests/models/cassettes/test_groq/test_tool_use_failed_error_streaming_with_text.yaml", 0): (
        "Groq ends with `event: error` (tool choice required, no tool called): the test records it"
    ),
}

#: Recordings whose streams may end with an error event, by folder: Cody's tests record the
#: gateway's `event: error` (then `done`) for requests it refuses (18 streams in corpus-extra).
FAILED_FOLDERS = ("cody/",)


def _streams(root: Path) -> Iterator[tuple[str, int, LlmCall]]:
    for path in discover([root]):
        cassette = read_file(path).cassette
        for interaction in cassette.interactions if cassette is not None else ():
            llm_call = read_llm_call(interaction)
            if llm_call.stream is not None and llm_call.route.api is not None and llm_call.stream.events:
                yield str(Path(path).relative_to(root)), interaction.index, llm_call


#: Both corpora kept in the repository (a few files each), and both shared corpora when present.
CORPORA = {"bundled": (BUNDLED_CORPUS, BUNDLED_EXTRA), "shared": (CORPUS, EXTRA)}
#: The fewest streams, complete streams, and complete streams that can be cut, in each.
MINIMUM = {"bundled": (10, 10, 8), "shared": (700, 700, 600)}


@pytest.fixture(
    scope="module", params=[pytest.param("bundled"), pytest.param("shared", marks=pytest.mark.corpus)]
)
def corpora(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture(scope="module")
def streams(corpora: str) -> list[tuple[str, int, LlmCall]]:
    roots = [root for root in CORPORA[corpora] if root.is_dir()]
    if not roots:
        pytest.skip("the shared corpora are not present")
    found = [stream for root in roots for stream in _streams(root)]
    assert len(found) > MINIMUM[corpora][0]
    return found


def test_every_stream_ends_as_its_api_defines(streams: list[tuple[str, int, LlmCall]]) -> None:
    states = {(path, index): stream_end(a.stream, a.route.api).state for path, index, a in streams}
    assert {key: state for key, state in states.items() if state == "cut"} == {}
    failed = {key for key, state in states.items() if state == "failed"}
    assert {key for key in failed if key not in FAILED and not key[0].startswith(FAILED_FOLDERS)} == set()
    assert {key for key in FAILED if key in states} <= failed


def test_complete_streams_stay_complete_without_done(
    corpora: str, streams: list[tuple[str, int, LlmCall]]
) -> None:
    checked = 0
    for path, index, llm_call in streams:
        stream = llm_call.stream
        assert stream is not None
        if stream_end(stream, llm_call.route.api).state != "complete":
            continue
        events = tuple(event for event in stream.events if event.data.strip() != "[DONE]")
        assert stream_end(stream._replace(events=events), llm_call.route.api).state == "complete", (
            path,
            index,
        )
        checked += 1
    assert checked > MINIMUM[corpora][1]


def test_complete_streams_cut_in_half_are_cut(corpora: str, streams: list[tuple[str, int, LlmCall]]) -> None:
    checked = 0
    for path, index, llm_call in streams:
        stream = llm_call.stream
        assert stream is not None
        events = tuple(event for event in stream.events if event.data.strip() != "[DONE]")
        if stream_end(stream, llm_call.route.api).state != "complete" or len(events) < 2:
            continue
        half = stream._replace(events=events[: len(events) // 2])
        if _says_it_stopped(half.events[-1].data):
            continue  # a stream of two events whose first already carries the stop reason (Cody)
        assert stream_end(half, llm_call.route.api).state == "cut", (path, index)
        checked += 1
    assert checked > MINIMUM[corpora][2]


def _says_it_stopped(data: str) -> bool:
    """The event carries a stop reason itself, so dropping what follows leaves a whole answer."""
    return '"stopReason":"' in data.replace(" ", "")


def test_huggingface_router_stream_without_done_is_complete() -> None:
    (interaction,) = read_file(
        str(DATA / "streams" / "huggingface_router_no_done.yaml")
    ).cassette.interactions
    llm_call = read_llm_call(interaction)
    assert llm_call.route[:2] == ("huggingface", "chat.completions")
    assert llm_call.stream is not None and "[DONE]" not in {e.data for e in llm_call.stream.events}
    assert stream_end(llm_call.stream, "chat.completions").state == "complete"
