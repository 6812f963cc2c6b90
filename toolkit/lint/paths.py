"""Paths as lint prints and stores them: ``toolkit.paths.relative_path``, kept here for lint's modules."""

from __future__ import annotations

from toolkit.paths import relative_path

__all__ = ["relative_path"]
