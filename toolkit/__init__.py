"""cassette-toolkit: load, lint, redact and audit recorded LLM API traffic.

``toolkit.load(*paths)`` returns ``Frames`` (pandas). Importing ``toolkit``
itself stays light: pandas is imported only when ``load`` or ``Frames`` is
first used, so the lint path never pays for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Frames", "__version__", "load"]

if TYPE_CHECKING:
    from toolkit.frames import Frames
    from toolkit.frames.load import load


def __getattr__(name: str) -> Any:
    if name == "load":
        from toolkit.plumbing.requires import require

        require("frames", "toolkit.load")
        from toolkit.frames.load import load

        return load
    if name == "Frames":
        from toolkit.frames import Frames

        return Frames
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
