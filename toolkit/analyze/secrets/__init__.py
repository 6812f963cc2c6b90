"""Secrets in a cassette: every decoded value of every interaction, scanned where it sits.

``toolkit.credentials`` knows what a secret looks like and has no notion of a cassette; this
package walks the cassette model (``sites``: headers, URL, go-vcr form, bodies decoded from
gzip / base64 / event streams, JSON at any depth, SSE events, reassembled stream text,
``parsed_body``) and scans each value with its name (``scan``). Lint's CT2xx rules report
the leaks; ``toolkit.redact`` removes them. Neither lint nor redaction types appear here.

Public API: ``scan_interaction(interaction, call=None, policy=DEFAULT_POLICY)`` returns
``Leak`` records (site, match, and the secret for redaction only); ``walk_interaction`` gives
the values themselves. ``call`` is the LLM reading of a streamed response (``is_streamed``);
``toolkit.analyze.cassette`` reads it once per interaction and keeps the leaks of a file.
"""

from __future__ import annotations

from toolkit.analyze.secrets.leaks import Leak, Piece, scan_interaction, scan_values
from toolkit.analyze.secrets.sites import Fragment, Site, Value, is_streamed, walk_interaction

__all__ = [
    "Fragment",
    "Leak",
    "Piece",
    "Site",
    "Value",
    "is_streamed",
    "scan_interaction",
    "scan_values",
    "walk_interaction",
]
