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
from dataclasses import dataclass

from toolkit.model import Headers

__all__ = ["SERVER_TIMING_HEADERS", "ServerTiming", "read_server_timing"]

#: Headers read, in order of preference (``llm_provider-*-processing-ms`` comes second).
SERVER_TIMING_HEADERS = (
    "openai-processing-ms",
    "llm_provider-*-processing-ms",
    "x-amzn-bedrock-invocation-latency",
    "x-envoy-upstream-service-time",
    "server-timing",
)

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
    return (
        _plain(headers, "openai-processing-ms")
        or _proxied(headers)
        or _plain(headers, "x-amzn-bedrock-invocation-latency")
        or _plain(headers, "x-envoy-upstream-service-time")
        or _server_timing(headers)
    )


def _plain(headers: Headers, name: str) -> ServerTiming | None:
    for value in headers.get_all(name):
        milliseconds = _number(value)
        if milliseconds is not None:
            return ServerTiming(milliseconds, name)
    return None


def _proxied(headers: Headers) -> ServerTiming | None:
    for header in headers:
        name = header.name.lower()
        if _PROXIED.match(name):
            milliseconds = _number(header.value)
            if milliseconds is not None:
                return ServerTiming(milliseconds, name)
    return None


def _server_timing(headers: Headers) -> ServerTiming | None:
    durations = [float(m) for value in headers.get_all("server-timing") for m in _DUR.findall(value)]
    durations = [d for d in durations if math.isfinite(d)]
    return ServerTiming(max(durations), "server-timing") if durations else None


def _number(value: str) -> float | None:
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) and number >= 0 else None
