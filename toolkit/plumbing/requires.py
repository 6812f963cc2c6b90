"""Optional dependencies: is a feature's package installed, and if not, what to install.

Each feature that needs a package the base installation may lack is declared once, with the
modules it imports and the ``pip install`` line that brings them. Commands check before they
read anything (``require``), so a missing package is one clear line and exit status 2, not a
traceback after minutes of work. Looking a module up (``importlib.util.find_spec``) does not
import it.
"""

from __future__ import annotations

import importlib.util
from typing import NamedTuple

__all__ = ["FEATURES", "Feature", "MissingDependencyError", "missing_modules", "require"]


class Feature(NamedTuple):
    """What a feature needs: its top-level modules (import name: the distribution that has it),
    and the ``pip install`` line that brings them."""

    modules: dict[str, str]
    install: str


#: Every optional feature, by name. ``frames`` (pandas, the price table) is in every
#: ``pip install cassette-toolkit``; only the pre-commit hook's installation leaves it out.
FEATURES: dict[str, Feature] = {
    "frames": Feature({"pandas": "pandas", "genai_prices": "genai-prices"}, "pip install cassette-toolkit"),
    "parquet": Feature({"pyarrow": "pyarrow"}, "pip install 'cassette-toolkit[parquet]'"),
    "plot": Feature({"matplotlib": "matplotlib"}, "pip install 'cassette-toolkit[plot]'"),
    "dask": Feature(
        {"dask": "dask", "distributed": "distributed", "pyarrow": "pyarrow"},
        "pip install 'cassette-toolkit[dask]'",
    ),
}


class MissingDependencyError(ImportError):
    """A feature's package is not installed; ``str()`` says which and the line that installs it."""

    def __init__(self, what: str, feature: str, missing: tuple[str, ...]) -> None:
        names = " and ".join(missing)
        install = FEATURES[feature].install
        super().__init__(f"{what} needs {names}, which {_is(missing)} not installed: {install}")
        self.feature = feature
        self.missing = missing


def missing_modules(feature: str) -> tuple[str, ...]:
    """The distributions ``feature`` needs whose modules cannot be imported here (none is imported)."""
    return tuple(dist for name, dist in FEATURES[feature].modules.items() if not _installed(name))


def require(feature: str, what: str) -> None:
    """Raise ``MissingDependencyError`` (naming ``what`` needs it) unless ``feature`` can run here."""
    missing = missing_modules(feature)
    if missing:
        raise MissingDependencyError(what, feature, missing)


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a broken package, or a module with no spec
        return False


def _is(missing: tuple[str, ...]) -> str:
    return "is" if len(missing) == 1 else "are"
