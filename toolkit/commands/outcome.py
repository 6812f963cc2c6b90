"""How a command ends: the exit statuses every command shares, and the outcome it returns.

``execute(request)`` returns an ``Outcome``; the command line (``toolkit.cli``) prints it
and exits with its status. Library code never exits.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "Outcome"]

#: Done, and nothing found that fails the run.
EXIT_OK = 0
#: The run fails on what it found: a finding at ``--fail-on`` (lint), a file that would change
#: or could not be redacted (redact), a file that is not a cassette (show).
EXIT_FAILED = 1
#: A usage or configuration error: unknown option, key or code, unreadable configuration.
EXIT_USAGE = 2


class Outcome(NamedTuple):
    """What to print (``output`` to stdout or the output file, ``notes`` to stderr) and the exit status."""

    exit_code: int
    output: str = ""
    notes: tuple[str, ...] = ()
