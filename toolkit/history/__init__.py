"""Secrets in the history of a git repository: every cassette version the commits wrote."""

from __future__ import annotations

from toolkit.history.git_objects import GitError
from toolkit.history.scan import HistoryScan, scan_history

__all__ = ["GitError", "HistoryScan", "scan_history"]
