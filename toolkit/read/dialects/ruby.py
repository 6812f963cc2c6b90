"""Ruby VCR cassettes: ``http_interactions`` and ``recorded_with``.

Each interaction has ``request`` {method, uri, body {encoding, string |
base64_string}, headers}, ``response`` {status {code, message}, headers, body,
http_version} and ``recorded_at`` in RFC 2822 form. ASCII-8BIT strings that are
not valid UTF-8 are written with Ruby's local ``!binary`` tag (base64). The
request and response have vcrpy's shapes, so vcrpy's readers read them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from toolkit.model import Cassette, Interaction
from toolkit.read.dialects.interactions import read_interactions
from toolkit.read.dialects.parts import as_text
from toolkit.read.dialects.vcrpy import read_request, read_response
from toolkit.read.document import Position, YamlMap


def read_ruby(root: YamlMap, path: str) -> Cassette:
    """Read a Ruby VCR cassette."""
    interactions, problems = read_interactions(root.get("http_interactions"), path, _read_interaction, root)
    return Cassette(path, "ruby-vcr", interactions, problems, as_text(root.get("recorded_with")) or None)


def _read_interaction(
    index: int, position: Position, item: YamlMap, request: YamlMap, response: YamlMap
) -> Interaction:
    recorded_at = parse_recorded_at(item.get("recorded_at"))
    return Interaction(index, position, read_request(request), read_response(response), recorded_at)


def parse_recorded_at(value: Any) -> datetime | None:
    """``recorded_at`` (RFC 2822, or ISO 8601 as some writers use) as an aware UTC datetime."""
    text = as_text(value).strip()
    if not text:
        return None
    from email.utils import parsedate_to_datetime  # only Ruby VCR needs it (costly to import)

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    return when.astimezone(UTC) if when.tzinfo else when.replace(tzinfo=UTC)
