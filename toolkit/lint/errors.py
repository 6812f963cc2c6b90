"""Errors of lint's configuration and inputs: each knows the file (and line) it is about.

These are usage errors (exit status 2), never findings: a bad configuration
must stop the run, because every finding after it would be wrong.
"""

from __future__ import annotations

__all__ = ["BaselineError", "ConfigError", "LintUsageError"]


class LintUsageError(Exception):
    """A configuration or input the user must fix; ``str()`` is the message to print."""

    def __init__(
        self, message: str, path: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column if line is not None else None

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.path, self.line, self.column) if part is not None)
        return f"{where}: {self.message}" if where else self.message


class ConfigError(LintUsageError):
    """An unknown key, an unknown code or a value of the wrong type in a configuration file."""


class BaselineError(LintUsageError):
    """A baseline file that cannot be read or written."""
