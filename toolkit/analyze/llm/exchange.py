"""What an API reader extracts from a response: usage, model, finish reason, the message.

``Reading`` is the mutable state a reader fills while it walks a body or a
stream's events; ``Exchange`` is the frozen result. Usage follows the
OpenTelemetry GenAI / genai-prices convention: ``input_tokens`` includes cache
reads and writes, ``output_tokens`` includes reasoning tokens. For streams the
final reported value wins: readers *replace* usage, never add chunks up.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

__all__ = [
    "ChunkInfo",
    "Exchange",
    "Message",
    "PricedUnits",
    "Reading",
    "ToolCall",
    "Usage",
    "add_counts",
    "add_units",
    "add_usage",
    "as_cost",
    "as_count",
    "dig",
    "units",
]

UsageSource = Literal["body", "final stream event", "headers", "batch results"]

#: Counts a provider bills beside, or instead of, the token counts: genai-prices usage units
#: (``web_searches``, ``audio_seconds``, ``input_audio_tokens``, ``cache_write_1h_tokens`` ...),
#: units only a provider's own price list knows (xAI ``sources``), or, where a provider bills
#: other token counts than it reports (Cohere's ``billed_units``), ``input_tokens`` and
#: ``output_tokens`` as billed. Pairs of (unit, count), in the order read.
PricedUnits = tuple[tuple[str, float], ...]
DeltaKind = Literal["text", "reasoning", "tool_call", "usage", "other"]


class Usage(NamedTuple):
    """Token usage of one call, normalised; None where the provider reports nothing."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    reasoning_tokens: int | None = None
    cache_read_tokens: int | None = None
    cache_write_tokens: int | None = None
    total_tokens: int | None = None
    cost_ticks: int | None = None
    reported_cost_usd: float | None = None
    source: UsageSource = "body"
    priced_units: PricedUnits = ()

    @property
    def has_tokens(self) -> bool:
        return self.input_tokens is not None or self.output_tokens is not None

    @property
    def is_reported(self) -> bool:
        """Whether anything billable is reported: tokens, a cost, or other priced units."""
        return self.has_tokens or self.reported_cost_usd is not None or bool(self.priced_units)

    def unit(self, name: str) -> float | None:
        """The count of priced unit ``name`` (see ``PricedUnits``), or None."""
        return next((count for unit, count in self.priced_units if unit == name), None)


class ToolCall(NamedTuple):
    """A tool call as the model made it; ``arguments`` is the JSON text, reassembled."""

    id: str | None
    name: str | None
    arguments: str


class Message(NamedTuple):
    """The assistant's output: text, reasoning (thinking / summaries) and tool calls."""

    text: str = ""
    reasoning: str = ""
    tool_calls: tuple[ToolCall, ...] = ()


class ChunkInfo(NamedTuple):
    """What one stream event is and what it adds to the message (a named tuple: one per event)."""

    type: str | None = None
    delta_kind: DeltaKind | None = None
    delta_text: str | None = None


class Exchange(NamedTuple):
    """Everything read from one response."""

    usage: Usage | None = None
    response_model: str | None = None
    finish_reason: str | None = None
    message: Message = Message()


@dataclass(slots=True)
class _PendingCall:
    id: str | None = None
    name: str | None = None
    parts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Reading:
    """Mutable state while reading a response, for ``provider`` (its quirks matter)."""

    provider: str | None = None
    usage: Usage | None = None
    response_model: str | None = None
    finish_reason: str | None = None
    text: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    calls: dict[Any, _PendingCall] = field(default_factory=dict)
    #: The provider's own usage fields merged across events (Anthropic streams).
    raw_usage: dict[str, Any] = field(default_factory=dict)
    #: Where the usage came from, when the reader knows better than "body" or "final stream
    #: event" (batch results add up the usage of many responses).
    source: UsageSource | None = None
    #: Set when the responses read name different models (batch results): no one model is served.
    mixed_models: bool = False

    def set_usage(self, usage: Usage | None) -> None:
        """Replace the usage with a newer report (final value wins)."""
        if usage is not None and usage.is_reported:
            self.usage = usage

    def set_model(self, model: Any) -> None:
        if isinstance(model, str) and model:
            self.response_model = model

    def add_model(self, model: Any) -> None:
        """One of many responses' model (batch results): kept while they all agree."""
        if not isinstance(model, str) or not model or self.mixed_models:
            return
        if self.response_model is None:
            self.response_model = model
        elif self.response_model != model:
            self.response_model, self.mixed_models = None, True

    def add_usage(self, usage: Usage | None) -> None:
        """Add the usage of one more response (batch results), unlike ``set_usage``."""
        if usage is None or not usage.is_reported:
            return
        self.usage = usage if self.usage is None else add_usage(self.usage, usage)

    def set_finish(self, reason: Any) -> None:
        if isinstance(reason, str) and reason:
            self.finish_reason = reason

    def add_text(self, text: Any) -> ChunkInfo | None:
        if isinstance(text, str) and text:
            self.text.append(text)
            return ChunkInfo(delta_kind="text", delta_text=text)
        return None

    def add_reasoning(self, text: Any) -> ChunkInfo | None:
        if isinstance(text, str) and text:
            self.reasoning.append(text)
            return ChunkInfo(delta_kind="reasoning", delta_text=text)
        return None

    def add_call(self, key: Any, call_id: Any = None, name: Any = None, arguments: Any = None) -> ChunkInfo:
        """Start or continue tool call ``key`` (index or id); argument pieces are concatenated."""
        call = self.calls.setdefault(key, _PendingCall())
        if isinstance(call_id, str) and call_id:
            call.id = call_id
        if isinstance(name, str) and name:
            call.name = name
        piece = arguments if isinstance(arguments, str) else None
        if piece is None and arguments is not None:
            piece = json.dumps(arguments, separators=(",", ":"))
        if piece:
            call.parts.append(piece)
        return ChunkInfo(delta_kind="tool_call", delta_text=piece or "")

    def result(self, source: UsageSource) -> Exchange:
        usage = self.usage._replace(source=self.source or source) if self.usage is not None else None
        calls = tuple(ToolCall(c.id, c.name, "".join(c.parts)) for c in self.calls.values())
        message = Message("".join(self.text), "".join(self.reasoning), calls)
        return Exchange(usage, self.response_model, self.finish_reason, message)


def dig(value: Any, *path: Any) -> Any:
    """``value[path[0]][path[1]]...`` through dicts and lists; None where a step is missing."""
    for step in path:
        if isinstance(value, dict):
            value = value.get(step)
        elif isinstance(value, list) and isinstance(step, int) and -len(value) <= step < len(value):
            value = value[step]
        else:
            return None
    return value


#: Counts and costs are 64-bit on every provider's side: a number past that is not one.
_LIMIT = 1 << 63


def as_count(value: Any) -> int | None:
    """A token count as an int (None for anything that is not a non-negative number of 64 bits)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if 0 <= value < _LIMIT else None
    if isinstance(value, float) and 0 <= value < _LIMIT and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.isdigit() and len(value) < 20:
        return as_count(int(value))
    return None


def add_counts(*values: int | None) -> int | None:
    """Sum of the counts that are reported; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def add_usage(first: Usage, second: Usage) -> Usage:
    """Two calls' usage added up, field by field (a count stays None when neither reports it)."""
    costs = [c for c in (first.reported_cost_usd, second.reported_cost_usd) if c is not None]
    return Usage(
        input_tokens=add_counts(first.input_tokens, second.input_tokens),
        output_tokens=add_counts(first.output_tokens, second.output_tokens),
        reasoning_tokens=add_counts(first.reasoning_tokens, second.reasoning_tokens),
        cache_read_tokens=add_counts(first.cache_read_tokens, second.cache_read_tokens),
        cache_write_tokens=add_counts(first.cache_write_tokens, second.cache_write_tokens),
        total_tokens=add_counts(first.total_tokens, second.total_tokens),
        cost_ticks=add_counts(first.cost_ticks, second.cost_ticks),
        reported_cost_usd=sum(costs) if costs else None,
        source=first.source,
        priced_units=add_units(first.priced_units, second.priced_units),
    )


def units(*pairs: tuple[str, Any]) -> PricedUnits:
    """The pairs whose count is a positive number (zero and missing counts bill nothing)."""
    out: list[tuple[str, float]] = []
    for name, value in pairs:
        count = as_cost(value)
        if count is not None and count > 0:
            out.append((name, int(count) if float(count).is_integer() else count))
    return tuple(out)


def add_units(*groups: PricedUnits) -> PricedUnits:
    """Units of several reports added up, unit by unit, in first-seen order."""
    totals: dict[str, float] = {}
    for group in groups:
        for name, count in group:
            totals[name] = totals.get(name, 0) + count
    return tuple(totals.items())


def as_cost(value: Any) -> float | None:
    """A cost or a billed quantity as a float (None for anything that is not a finite number)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not -_LIMIT < value < _LIMIT:
        return None
    return float(value)
