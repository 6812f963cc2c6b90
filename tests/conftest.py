"""Shared fixtures: the seed cassette, our own test data, and the shared corpus when present."""

from __future__ import annotations

import atexit
import csv
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis profiles. "ci" (selected by .ci/run through HYPOTHESIS_PROFILE) draws the same
# examples on every run, so a run that passed once passes again, and allows each example the
# time a loaded 2-CPU machine may need; "dev" (the default) explores new examples each run.
settings.register_profile(
    "ci",
    derandomize=True,
    deadline=timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# The price index (toolkit.analyze.cost.index_cache) is built once per test session in a
# folder of its own, never in the user's cache; commands run as child processes inherit it.
if "CASSETTE_TOOLKIT_CACHE_DIR" not in os.environ:
    os.environ["CASSETTE_TOOLKIT_CACHE_DIR"] = _cache = tempfile.mkdtemp(prefix="cassette-toolkit-tests-")
    atexit.register(shutil.rmtree, _cache, ignore_errors=True)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "sample_cassettes"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_EXTRA = SHARED / "corpus-extra"
SEED = SHARED / "seed" / "simple_object_streaming.yaml"
#: Real cassettes kept in the repository (tests/data/real/README.md): a few files of each dialect
#: and provider from both shared corpora, in their layout, with the facts of the corpus's tables,
#: so the tests read every dialect without ../shared.
BUNDLED = DATA / "real"
BUNDLED_CORPUS = BUNDLED / "corpus"
BUNDLED_EXTRA = BUNDLED / "corpus-extra"
#: The corpus index names each file's dialect in its own words; these are the loader's names.
CORPUS_FORMATS = {
    "go-vcr-v2": "go-vcr-v2",
    "vcrpy": "vcrpy",
    "vcrpy-pydantic-ai(parsed_body)": "vcrpy",
    "empty-interactions(version=1)": "vcrpy",
    "ruby-vcr": "ruby-vcr",
    "vcrpy-langchain-split": "langchain-split",
    "pydantic-ai-xai-grpc": "grpc",
    "pydantic-ai-websocket": "websocket",
}


def run_toolkit(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``python -m toolkit ARGS`` in a fresh process from ``cwd``: its exit status and output."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed cassette: the shared copy, else the one in sample_cassettes/."""
    if SEED.is_file():
        return SEED
    return SAMPLES / "seed_xai_simple_object_streaming.yaml"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "index.csv").is_file():
        pytest.skip("the shared corpus is not present")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_extra() -> Path:
    """The second shared corpus: cassettes of seven other projects, read in place."""
    if not (CORPUS_EXTRA / "README.md").is_file():
        pytest.skip("the extra shared corpus is not present")
    return CORPUS_EXTRA


def corpora(shared: Path, bundled: Path) -> list[Any]:
    """Parameters for a test of real cassettes: the files kept in the repository, always; and the
    shared corpus, marked ``corpus`` and skipped when it is absent."""
    absent = pytest.mark.skipif(not shared.is_dir(), reason=f"the shared {shared.name} is not present")
    return [
        pytest.param(bundled, id=f"bundled-{shared.name}"),
        pytest.param(shared, id=f"shared-{shared.name}", marks=[pytest.mark.corpus, absent]),
    ]


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


LABELLED_GENERATOR = DATA / "secrets" / "generate.py"


def load_labelled_generator() -> Any:
    """The labelled secret set's generator script, as a module."""
    spec = importlib.util.spec_from_file_location("labelled_secrets", LABELLED_GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class LabelledSet:
    """The generated labelled secret set: its cassette folder and manifest entries."""

    folder: Path
    manifest: list[dict[str, Any]]

    def entries_with_files(self) -> list[dict[str, Any]]:
        return [entry for entry in self.manifest if entry["file"]]


@pytest.fixture(scope="session")
def labelled_set(tmp_path_factory: pytest.TempPathFactory) -> LabelledSet:
    """The labelled set, generated once per run (synthetic keys are never committed)."""
    root = tmp_path_factory.mktemp("labelled-secrets")
    manifest = load_labelled_generator().write_set(root)
    return LabelledSet(root / "cassettes", manifest)
