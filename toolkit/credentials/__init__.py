"""Secret detection for recorded HTTP traffic: the knowledge base and the matcher.

Three layers, all on decoded values the caller hands in with their location:

1. provider token formats (``CATALOG``): prefix, length, alphabet, boundaries and, where a
   format has one, a structural check (GitHub's CRC32, a JWT's ``alg`` header ...);
2. credential positions: any non-placeholder value under a name such as ``Authorization``,
   ``x-api-key`` or ``client_secret``;
3. account identifiers (organization and project headers, ARNs, Vertex project paths),
   reported as warnings.

The package has no I/O and no dependency on the rest of the toolkit.
"""

from __future__ import annotations

from toolkit.credentials.catalog import CATALOG, pattern_by_id
from toolkit.credentials.identity import display_secret, fingerprint
from toolkit.credentials.pattern import TokenPattern
from toolkit.credentials.records import Layer, Location, LocationKind, ScanPolicy, SecretMatch, Severity
from toolkit.credentials.replacement import apply_redactions, placeholder_for
from toolkit.credentials.scan import DEFAULT_POLICY, scan_text, scan_value

__all__ = [
    "CATALOG",
    "DEFAULT_POLICY",
    "Layer",
    "Location",
    "LocationKind",
    "ScanPolicy",
    "SecretMatch",
    "Severity",
    "TokenPattern",
    "apply_redactions",
    "display_secret",
    "fingerprint",
    "pattern_by_id",
    "placeholder_for",
    "scan_text",
    "scan_value",
]
