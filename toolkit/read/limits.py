"""What reading one file may cost: every limit of the reading stage, in one place.

A file past a limit is not a crash and not a hang: it is a ``CT007`` (resource limit) problem
at the place the limit was reached, and the run goes on. The README's "Limits" section says
what happens past each. The budgets are chosen so that reading any file stays within a few
gigabytes, whatever its content (the hostile-resources tests hold each command to them).
"""

from __future__ import annotations

__all__ = [
    "MAX_DECODED_BYTES",
    "MAX_EXPANDED_CHARS",
    "MAX_EXPANSION",
    "MAX_FILE_BYTES",
    "MAX_FILE_DECODED_BYTES",
    "MAX_GZIP_FILE_BYTES",
    "MAX_GZIP_MEMBERS",
    "MAX_INTEGER_DIGITS",
    "MAX_INTERACTIONS",
    "MAX_NODES",
    "peak_memory_budget_mb",
]

#: A file larger than this is refused before it is read (a cassette of hundreds of MB is a mistake).
MAX_FILE_BYTES = 512 * 1024 * 1024

#: A ``*.yaml.gz`` cassette may decompress to at most this many bytes.
MAX_GZIP_FILE_BYTES = 256 * 1024 * 1024

#: YAML nodes (scalars, mappings, sequences) one document may hold as written. Each costs
#: 300 to 700 bytes while the file is parsed, so this bounds the parser's memory (about
#: 1.5 GB) whatever the file's size; a small go-vcr interaction is about 50 nodes, a vcrpy
#: one with its headers 60 to 100.
MAX_NODES = 2_500_000

#: Alias expansion: the expanded tree may hold at most this many nodes more than are written.
MAX_EXPANSION = 1_000_000

#: Alias expansion: the expanded tree may hold at most this many characters of scalars more
#: than are written (one large body shared by thousands of interactions is copied into
#: each of them by every later stage).
MAX_EXPANDED_CHARS = 32 * 1024 * 1024

#: Interactions read from one file; those after it are not read (and a problem says so).
MAX_INTERACTIONS = 100_000

#: An integer written with more digits than this is refused (Python's own limit for
#: converting text to an integer, which guards against quadratic-time conversions).
MAX_INTEGER_DIGITS = 4300

#: A body's ``Content-Encoding`` may decompress to at most this many bytes.
MAX_DECODED_BYTES = 64 * 1024 * 1024

#: What all the bodies of one file may decompress to, together.
MAX_FILE_DECODED_BYTES = 128 * 1024 * 1024

#: A gzip body may hold at most this many members (concatenated gzip streams): recorders
#: store one; a body of many tiny members is a way to make decoding slow.
MAX_GZIP_MEMBERS = 1000


#: Peak memory (resident) of a command before it reads a file, in MiB: the interpreter and the
#: command's imports (report and export import pandas and pyarrow).
BASE_MEMORY_MB = {"lint": 200, "show": 200, "redact": 200, "report": 400, "export": 400}

#: Peak memory per byte of cassette, measured at about 55 (20,000 small interactions, 5.5 MB:
#: 320 MB in lint, show and redact, 430 MB in report): the parsed document, the model, and the
#: decoded bodies and streams of every interaction are held together. A file at the node
#: limit (``MAX_NODES``) is refused before it is built.
MEMORY_PER_FILE_BYTE = 80


def peak_memory_budget_mb(command: str, file_bytes: int) -> float:
    """The most memory (MiB, resident) ``command`` may use on one file of ``file_bytes`` whose
    content is under the limits above; the hostile-resources tests hold every command to it."""
    return BASE_MEMORY_MB[command] + MEMORY_PER_FILE_BYTE * file_bytes / (1024 * 1024)
