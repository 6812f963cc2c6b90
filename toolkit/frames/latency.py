"""Latency: percentiles of each time source, with its coverage, never mixing sources.

Two measures are kept apart. The *recorded duration* is what the recorder
measured around the whole exchange (go-vcr's ``duration``, a HAR entry's ``time``;
other recorders store none), each recorder its own source. *Server processing* is
what the server says it spent, from a response header (``toolkit.analyze.timing``); each
header is its own source, since a proxy's upstream time and an API's processing
time are not the same clock.
"""

from __future__ import annotations

import pandas as pd

from toolkit.frames.tables import TABLES, dtypes_of

__all__ = ["RECORDED", "SERVER", "latency_table", "time_values"]

RECORDED = "recorded duration"
SERVER = "server processing"
#: The source of the recorded duration by dialect (the recorders that store one).
RECORDED_SOURCES = {"go-vcr-v2": "go-vcr duration", "go-vcr-v1": "go-vcr duration", "har": "HAR time"}
#: The recorded duration's row when no recorder stored one.
RECORDED_SOURCE = "go-vcr duration"
_QUANTILES = {"p50_s": 0.5, "p90_s": 0.9, "p99_s": 0.99}


def time_values(calls: pd.DataFrame) -> pd.DataFrame:
    """Every known time: measure, source, provider, seconds (recorded first, then each header)."""
    recorded = calls.loc[calls["duration_s"].notna(), ["provider", "duration_s", "format"]]
    sources = recorded["format"].map(lambda name: RECORDED_SOURCES.get(str(name), f"{name} duration"))
    recorded = recorded.drop(columns="format").rename(columns={"duration_s": "seconds"})
    recorded = recorded.assign(measure=RECORDED, source=sources.astype("string"))
    recorded = recorded.sort_values("source", kind="stable")
    server = calls.loc[calls["server_s"].notna(), ["provider", "server_timing_header", "server_s"]]
    server = server.rename(columns={"server_timing_header": "source", "server_s": "seconds"}).assign(
        measure=SERVER
    )
    server = server.sort_values("source", kind="stable")
    frame = pd.concat([recorded, server], ignore_index=True)
    return frame[["measure", "source", "provider", "seconds"]].astype(
        {"measure": "string", "source": "string", "provider": "string", "seconds": "Float64"}
    )


def latency_table(calls: pd.DataFrame) -> pd.DataFrame:
    """Per measure and source: a row over every provider (provider NA), then one per provider with times.

    ``interactions`` is the number of interactions in scope (all of them, or the provider's),
    so each row says "known for N of M". The recorded duration always has a row, even when no
    recorder stored one; a server row exists for each header seen, or one saying none was.
    """
    times = time_values(calls)
    totals = calls.groupby("provider", dropna=False).size()
    rows: list[dict[str, object]] = []
    recorded_sources = times.loc[times["measure"] == RECORDED, "source"].drop_duplicates().tolist()
    sources: list[tuple[str, str | None]] = [(RECORDED, s) for s in recorded_sources or [RECORDED_SOURCE]]
    server_sources = times.loc[times["measure"] == SERVER, "source"].drop_duplicates().tolist()
    sources += [(SERVER, source) for source in server_sources] or [(SERVER, None)]
    for measure, source in sources:
        selected = times[(times["measure"] == measure) & (times["source"] == source)]
        rows.append(_row(measure, source, None, selected["seconds"], len(calls)))
        for provider, group in selected.groupby("provider", sort=True):
            rows.append(_row(measure, source, str(provider), group["seconds"], int(totals.get(provider, 0))))
    return _frame(rows)


def _row(
    measure: str, source: str | None, provider: str | None, seconds: pd.Series, interactions: int
) -> dict[str, object]:
    known = seconds.dropna().astype(float)
    row: dict[str, object] = {
        "measure": measure,
        "source": source,
        "provider": provider,
        "known": len(known),
        "interactions": interactions,
    }
    for name, q in _QUANTILES.items():
        row[name] = float(known.quantile(q)) if len(known) else None
    row["max_s"] = float(known.max()) if len(known) else None
    return row


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(TABLES["latency"].columns)).astype(dtypes_of("latency"))
