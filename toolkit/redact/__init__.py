"""Replace the blocking secrets of cassettes in place (``cassette-toolkit redact``).

``plan.redact_text(data, path, choose)`` is the pure core (bytes in, a ``Redaction`` out);
``policy`` chooses the secrets as lint's configuration and baseline say; ``files`` reads and
writes atomically (``.gz`` included); ``command.execute`` runs the command. What is
replaced, and how, is described in ``plan``; bodies in ``bodies``, the edits of the YAML text
in ``scalars``.
"""

from __future__ import annotations

from toolkit.redact.plan import Redaction, redact_text

__all__ = ["Redaction", "redact_text"]
