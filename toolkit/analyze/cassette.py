"""One cassette file and what the analyze stage reads of it, each part read once, on first use.

Lint's rules, ``redact``, the frames' rows and ``show`` ask a file the same questions: the
LLM reading of an interaction (``toolkit.analyze.llm.read_llm_call``: route, usage, message
and the decoded response stream), how that stream ends (``toolkit.analyze.llm.ending``) and
the secrets the file records (``toolkit.analyze.secrets``). An ``AnalyzedCassette`` answers
each once and keeps the answer: whoever asks first pays, the others share. The analyzers are
imported on first use, so a lint run without stream, LLM or secret rules never loads them.

Reading never raises: an interaction whose reading raises (a bug) is read as an unknown call,
its secrets are scanned without its stream (and, if that raises too, not at all), and each
failure is a ``CT099`` problem in ``failures``, which lint, the frames and ``show`` report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from toolkit.model import Cassette, Interaction
from toolkit.problems import Problem, ProblemCode
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
    #: What raised while reading an interaction (``CT099``), once per interaction and reading.
    failures: list[Problem] = field(default_factory=list, init=False, repr=False)

    @classmethod
    def of(cls, parsed: Parsed) -> AnalyzedCassette:
        """The cassette and document a reader returned."""
        return cls(parsed.cassette, parsed.document)

    def llm_call(self, interaction: Interaction) -> LlmCall:
        """The interaction read as an LLM call (``toolkit.analyze.llm.read_llm_call``)."""
        found = self._calls.get(interaction.index)
        if found is None:
            from toolkit.analyze.llm import LlmCall, read_llm_call

            try:
                found = read_llm_call(interaction)
            except Exception as e:  # a reader's bug: this interaction is an unknown call, reported
                from toolkit.analyze.llm import Exchange, Route

                self.fail(interaction, "reading it as a model call", e)
                found = LlmCall(Route(None, None, None), Exchange())
            self._calls[interaction.index] = found
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
            try:
                found = stream_end(call.stream, call.route.api)
            except Exception as e:
                from toolkit.analyze.llm.ending import StreamEnd

                self.fail(interaction, "reading how its stream ends", e)
                found = StreamEnd("unchecked")
            self._ends[interaction.index] = found
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
        leaks = [
            leak for interaction in self.cassette.interactions for leak in self._scan_one(interaction, policy)
        ]
        return self._placed(leaks) if leaks else leaks

    def _scan_one(self, interaction: Interaction, policy: ScanPolicy) -> list[Leak]:
        """The interaction's secrets; without its stream when reading that failed or scanning it raises."""
        from toolkit.analyze.secrets import is_streamed, scan_interaction

        known = len(self.failures)
        call = self.llm_call(interaction) if is_streamed(interaction) else None
        if len(self.failures) > known:
            call = None
        try:
            return list(scan_interaction(interaction, call, policy))
        except Exception as e:
            self.fail(
                interaction,
                "scanning it for secrets" if call is None else "scanning its stream for secrets",
                e,
            )
            if call is None:
                return []
        try:
            return list(scan_interaction(interaction, None, policy))
        except Exception as e:
            self.fail(interaction, "scanning it for secrets", e)
            return []

    def fail(self, interaction: Interaction, doing: str, error: BaseException) -> None:
        """Record that ``doing`` something with ``interaction`` raised ``error`` (a ``CT099``)."""
        line, column = interaction.position
        name = type(error).__name__
        message = f"interaction {interaction.index}: {doing} failed with {name}; please report it"
        problem = Problem(
            self.cassette.path, line, column, ProblemCode.INTERNAL_ERROR, message, interaction.index
        )
        if problem not in self.failures:
            self.failures.append(problem)

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
            try:
                stream = self.stream(interaction) if leak.pieces else None
                events = tuple(event.byte_offset for event in stream.events) if stream is not None else ()
                placed.append(place_leak(leak, interaction, source, events))
            except Exception as e:  # the leak stays, at its node's position
                self.fail(interaction, "placing a secret in the file's text", e)
                placed.append(leak)
        return placed
