"""Server-reported timing: how long the server says it worked, read from response headers.

This is not the recorded duration (go-vcr's ``duration``, measured by the
client around the whole exchange); the two are kept apart everywhere. Every
header read here is in milliseconds:

* ``openai-processing-ms`` (OpenAI, Azure OpenAI): time spent in the API;
* ``llm_provider-<name>-processing-ms``: a proxy (LiteLLM) forwarding the
  upstream's own processing header under its ``llm_provider-`` prefix;
* ``x-amzn-bedrock-invocation-latency`` (Bedrock): model invocation time;
* ``x-envoy-upstream-service-time`` (Envoy proxies in front of many APIs):
  time the proxy waited for its upstream;
* ``server-timing`` (W3C Server Timing): the longest ``dur`` of its metrics.

When a response carries several, the first in that order is used: the
provider's own figure before a proxy's.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.model import Headers

__all__ = ["SERVER_TIMING_HEADERS", "ServerTiming", "read_server_timing"]

_PROXIED = re.compile(r"^llm_provider-[a-z0-9_.-]+-processing-ms$")
# W3C Server Timing: metric *( ";" param ), params "dur=<ms>" and "desc=...".
_DUR = re.compile(r";\s*dur\s*=\s*\"?([0-9]+(?:\.[0-9]*)?)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ServerTiming:
    """A server-reported processing time and the header it came from (lower-case)."""

    milliseconds: float
    header: str


def read_server_timing(headers: Headers) -> ServerTiming | None:
    """The server's own timing of a response, or None when no header reports one."""
    return next(filter(None, (read(headers, name) for name, read in _READERS.items())), None)


def _plain(headers: Headers, name: str) -> ServerTiming | None:
    for value in headers.get_all(name):
        milliseconds = _number(value)
        if milliseconds is not None:
            return ServerTiming(milliseconds, name)
    return None


def _proxied(headers: Headers, _pattern: str) -> ServerTiming | None:
    for header in headers:
        name = header.name.lower()
        if _PROXIED.match(name):
            milliseconds = _number(header.value)
            if milliseconds is not None:
                return ServerTiming(milliseconds, name)
    return None


def _server_timing(headers: Headers, name: str) -> ServerTiming | None:
    durations = [float(m) for value in headers.get_all(name) for m in _DUR.findall(value)]
    durations = [d for d in durations if math.isfinite(d)]
    return ServerTiming(max(durations), name) if durations else None


def _number(value: str) -> float | None:
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None


#: How each header is read, in order of preference: the provider's own figure before a proxy's.
_READERS: dict[str, Callable[[Headers, str], ServerTiming | None]] = {
    "openai-processing-ms": _plain,
    "llm_provider-*-processing-ms": _proxied,
    "x-amzn-bedrock-invocation-latency": _plain,
    "x-envoy-upstream-service-time": _plain,
    "server-timing": _server_timing,
}
#: The headers read, in order of preference (a ``*`` stands for a provider's name).
SERVER_TIMING_HEADERS = tuple(_READERS)
