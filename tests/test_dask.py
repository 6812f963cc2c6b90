"""toolkit.dask.load on a local distributed cluster gives the same frames as toolkit.load."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from distributed import Client, LocalCluster

import toolkit
import toolkit.dask
from tests.conftest import DATA, SAMPLES
from toolkit.read.files import discover


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        yield client


def assert_same(lazy: toolkit.dask.DaskFrames, eager: toolkit.Frames) -> None:
    computed = lazy.compute()
    for name in ("interactions", "chunks", "usage", "problems"):
        pd.testing.assert_frame_equal(getattr(computed, name), getattr(eager, name))


def test_samples_on_a_cluster(client: Client) -> None:
    lazy = toolkit.dask.load(SAMPLES, DATA / "formats", files_per_partition=4)
    files = len(list(discover([SAMPLES, DATA / "formats"])))
    assert lazy.interactions.npartitions == -(-files // 4) > 1
    assert_same(lazy, toolkit.load(SAMPLES, DATA / "formats"))


def test_corpus_on_a_cluster(client: Client, corpus: Path) -> None:
    assert_same(toolkit.dask.load(corpus, files_per_partition=128), toolkit.load(corpus))


def test_an_empty_folder(tmp_path: Path) -> None:
    computed = toolkit.dask.load(tmp_path).compute(scheduler="sync")
    assert len(computed.interactions) == 0 and list(computed.usage.columns) == list(
        toolkit.load(tmp_path).usage.columns
    )


def _put_samples(url: str) -> int:
    """Copy the sample cassettes into this process's in-memory filesystem (run on each worker)."""
    from toolkit.read.remote import open_filesystem

    fs, root = open_filesystem(url)
    files = [p for p in sorted(SAMPLES.iterdir()) if p.is_file()]
    for path in files:
        fs.pipe(f"{root}/{path.name}", path.read_bytes())
    return len(files)


def test_urls_are_listed_and_read_on_the_workers(client: Client, tmp_path: Path) -> None:
    # The cassettes exist only in the workers' memory: were a byte read by the client (this
    # process), it would find nothing and the frames would differ.
    url = "memory://dask-cassettes"
    client.run(_put_samples, url)
    from toolkit.read.remote import open_filesystem

    fs, root = open_filesystem(url)
    assert not fs.exists(root)  # not in this process
    lazy = toolkit.dask.load(url, files_per_partition=4)
    local = tmp_path / "samples"
    local.mkdir()
    for path in SAMPLES.iterdir():
        if path.is_file():
            (local / path.name).write_bytes(path.read_bytes())
    eager = toolkit.load(local)
    computed = lazy.compute()
    assert len(computed.interactions) == len(eager.interactions) > 10
    for name in ("interactions", "chunks", "usage", "problems"):
        theirs = getattr(eager, name).copy()
        theirs["cassette"] = theirs["cassette"].str.replace(str(local), url, regex=False)
        pd.testing.assert_frame_equal(getattr(computed, name), theirs)
