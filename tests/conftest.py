"""Shared fixtures: the seed cassette, our own test data, and the shared corpus when present."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "sample_cassettes"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "simple_object_streaming.yaml"


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


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)
