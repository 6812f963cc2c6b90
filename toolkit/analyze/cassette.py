"""One cassette file and what the analyze stage reads of it, each part read once, on first use.

Lint's rules, ``redact``, the frames' rows and ``show`` ask a file the same questions: the
LLM reading of an interaction (``toolkit.analyze.llm.read_llm_call``: route, usage, message
and the decoded response stream), how that stream ends (``toolkit.analyze.llm.ending``) and
the secrets the file records (``toolkit.analyze.secrets``). An ``AnalyzedCassette`` answers
each once and keeps the answer: whoever asks first pays, the others share. The analyzers are
imported on first use, so a lint run without stream, LLM or secret rules never loads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.model import Cassette, Interaction
from toolkit.read.document import Document

if TYPE_CHECKING:
    from toolkit.analyze.llm import LlmCall
    from toolkit.analyze.llm.ending import StreamEnd
    from toolkit.analyze.secrets import Leak
    from toolkit.analyze.streams import StreamDecoding
    from toolkit.credentials import ScanPolicy
    from toolkit.read.parse import Parsed

__all__ = ["AnalyzedCassette"]


@dataclass(slots=True, eq=False)
class AnalyzedCassette:
    """A parsed cassette (``document`` None when the file could not be read) and its readings.

    Interactions are known by their ``index``: ask only about this cassette's own.
    """

    cassette: Cassette
    document: Document | None = None
    _calls: dict[int, LlmCall] = field(default_factory=dict, init=False, repr=False)
    _ends: dict[int, StreamEnd] = field(default_factory=dict, init=False, repr=False)
    _leaks: dict[ScanPolicy, tuple[Leak, ...]] = field(default_factory=dict, init=False, repr=False)

    @classmethod
    def of(cls, parsed: Parsed) -> AnalyzedCassette:
        """The cassette and document a reader returned."""
        return cls(parsed.cassette, parsed.document)

    def llm_call(self, interaction: Interaction) -> LlmCall:
        """The interaction read as an LLM call (``toolkit.analyze.llm.read_llm_call``)."""
        found = self._calls.get(interaction.index)
        if found is None:
            from toolkit.analyze.llm import read_llm_call

            found = self._calls[interaction.index] = read_llm_call(interaction)
        return found

    def stream(self, interaction: Interaction) -> StreamDecoding | None:
        """The response decoded event by event; None when it is not a stream."""
        return self.llm_call(interaction).stream

    def stream_end(self, interaction: Interaction) -> StreamEnd:
        """How the response stream ends, against the end its API defines."""
        found = self._ends.get(interaction.index)
        if found is None:
            from toolkit.analyze.llm.ending import stream_end

            call = self.llm_call(interaction)
            found = self._ends[interaction.index] = stream_end(call.stream, call.route.api)
        return found

    def leaks(self, policy: ScanPolicy | None = None) -> tuple[Leak, ...]:
        """Every secret and account identifier of the file, interaction by interaction, in document
        order (``policy``: ``toolkit.credentials.DEFAULT_POLICY`` when None)."""
        from toolkit.credentials import DEFAULT_POLICY

        policy = policy if policy is not None else DEFAULT_POLICY
        found = self._leaks.get(policy)
        if found is None:
            found = self._leaks[policy] = tuple(self._scan(policy))
        return found

    def _scan(self, policy: ScanPolicy) -> list[Leak]:
        from toolkit.analyze.secrets import is_streamed, scan_interaction

        leaks = [
            leak
            for interaction in self.cassette.interactions
            for leak in scan_interaction(
                interaction, self.llm_call(interaction) if is_streamed(interaction) else None, policy
            )
        ]
        return self._placed(leaks) if leaks else leaks

    def _placed(self, leaks: list[Leak]) -> list[Leak]:
        """The leaks at their secrets' own lines and columns, where the file's text shows them."""
        from toolkit.analyze.secrets.places import FileText, place_leak

        text = self.document.text if self.document is not None else None
        if text is None or self.cassette.format == "httprr":
            return leaks
        source = FileText.of(text)
        interactions = {interaction.index: interaction for interaction in self.cassette.interactions}
        placed = []
        for leak in leaks:
            interaction = interactions[leak.interaction]
            stream = self.stream(interaction) if leak.pieces else None
            events = tuple(event.byte_offset for event in stream.events) if stream is not None else ()
            placed.append(place_leak(leak, interaction, source, events))
        return placed
