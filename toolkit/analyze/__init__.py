"""Stage 2, analysis: what the model's interactions mean.

``streams`` decodes streamed bodies event by event; ``llm`` routes each interaction to a
provider, API and model and reads its usage; ``cost`` prices that usage; ``timing`` reads
server-reported durations; ``secrets`` finds the credentials an interaction records, with
the knowledge of ``toolkit.credentials``. ``cassette`` holds one file and what these have
read of it, each reading done once and shared by every consumer (lint, redact, frames,
show). Nothing here does I/O or raises for bad input.

May import: ``toolkit.read``, ``toolkit.model``, ``toolkit.credentials``, ``toolkit.plumbing``.
"""
