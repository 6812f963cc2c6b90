"""Cassettes named by fsspec URLs: listed with the walk's rules, read where they are read, and a
clear error (exit 2 on the command line) when the URL's backend is not installed."""

from __future__ import annotations

import importlib.util
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import toolkit
from tests.conftest import SAMPLES
from toolkit.cli import main
from toolkit.lint.engine import lint_paths
from toolkit.lint.settings import LintSettings
from toolkit.problems import ProblemCode
from toolkit.read.files import read_file
from toolkit.read.remote import MissingBackendError, is_url, open_filesystem
from toolkit.read.walk import WalkOptions, discover

CASSETTE = b"interactions: []\nversion: 1\n"


@pytest.fixture
def bucket() -> Iterator[str]:
    """A fresh folder of fsspec's in-memory filesystem, removed afterwards."""
    url = f"memory://cassettes-{uuid.uuid4().hex[:8]}"
    yield url
    fs, path = open_filesystem(url)
    if fs.exists(path):
        fs.rm(path, recursive=True)


def put(url: str, files: dict[str, bytes]) -> None:
    fs, root = open_filesystem(url)
    for name, data in files.items():
        fs.pipe(f"{root}/{name}", data)


def copy_samples(url: str) -> None:
    put(url, {p.name: p.read_bytes() for p in sorted(SAMPLES.iterdir()) if p.is_file()})


def test_urls_are_told_from_paths() -> None:
    assert is_url("s3://bucket/a.yaml") and is_url("memory://x") and is_url("file:///tmp/x")
    assert not is_url("C:\\cassettes") and not is_url("C:/cassettes") and not is_url("cassettes/a.yaml")


def test_a_folder_url_is_walked_with_the_walk_s_rules(bucket: str) -> None:
    put(
        bucket,
        {
            "a.yaml": CASSETTE,
            "sub/b.yml": CASSETTE,
            "sub/c.json": b'{"interactions": []}',
            "notes.txt": CASSETTE,
            ".hidden/d.yaml": CASSETTE,
            "node_modules/e.yaml": CASSETTE,
            "env/pyvenv.cfg": b"home = /usr\n",
            "env/f.yaml": CASSETTE,
            "skip/g.yaml": CASSETTE,
            "ignored/h.yaml": CASSETTE,
            "sub/kept.log.yaml": CASSETTE,
            "sub/dropped.yaml": CASSETTE,
            ".gitignore": b"ignored/\n",
            "sub/.gitignore": b"dropped.yaml\n",
            "workflow.yaml": b"on: push\njobs: {}\n",  # plainly not a cassette
            "z.yaml.gz": b"\x1f\x8b broken",  # kept: the reader reports it
        },
    )
    options = WalkOptions(extend_exclude=("skip",))
    assert list(discover([bucket], options)) == [
        f"{bucket}/a.yaml",
        f"{bucket}/sub/b.yml",
        f"{bucket}/sub/c.json",
        f"{bucket}/sub/kept.log.yaml",
        f"{bucket}/z.yaml.gz",
    ]
    everything = list(discover([bucket], WalkOptions(extend_exclude=("skip",), respect_gitignore=False)))
    assert f"{bucket}/ignored/h.yaml" in everything and f"{bucket}/sub/dropped.yaml" in everything
    assert list(discover([f"{bucket}/notes.txt"])) == [f"{bucket}/notes.txt"]  # named: always read


def test_load_and_lint_of_a_url_equal_those_of_a_folder(bucket: str, tmp_path: Path) -> None:
    copy_samples(bucket)
    local = tmp_path / "samples"
    shutil.copytree(SAMPLES, local)
    remote_frames, local_frames = toolkit.load(bucket), toolkit.load(local)
    for name in ("interactions", "chunks", "usage", "problems"):
        mine = getattr(remote_frames, name)
        theirs = getattr(local_frames, name).copy()
        theirs["cassette"] = theirs["cassette"].str.replace(str(local), bucket, regex=False)
        pd.testing.assert_frame_equal(mine, theirs)
    assert len(remote_frames.interactions) > 10
    settings = LintSettings()
    remote = lint_paths([bucket], settings, jobs=1).findings
    here = lint_paths([str(local)], settings, jobs=1).findings
    assert [f._replace(path=f.path.replace(bucket, "")) for f in remote] == [
        f._replace(path=f.path.replace(str(local), "")) for f in here
    ]


def test_a_missing_remote_file_is_unreadable(bucket: str) -> None:
    problems = read_file(f"{bucket}/nothing.yaml").cassette.problems
    assert [p.code for p in problems] == [ProblemCode.UNREADABLE]


def test_file_urls_read_the_disk(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes((SAMPLES / "vcrpy_openai_chat_completion.yaml").read_bytes())
    url = tmp_path.as_uri()
    frames = toolkit.load(url)
    assert list(frames.interactions["cassette"].unique()) == [f"{url}/a.yaml"]
    assert frames.usage["input_tokens"].notna().all()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_lint_and_report_take_urls(bucket: str) -> None:
    copy_samples(bucket)
    code, out, _ = run("lint", "--isolated", "--format", "json", bucket)
    local_code, local_out, _ = run("lint", "--isolated", "--format", "json", str(SAMPLES))
    assert code == local_code
    assert out.replace(bucket, "") == local_out.replace(str(SAMPLES), "")
    code, out, _ = run("report", "--isolated", "--format", "json", bucket)
    assert code == 0 and '"interactions"' in out


def _without(package: str) -> bool:
    return importlib.util.find_spec(package) is None


@pytest.mark.skipif(not _without("s3fs"), reason="s3fs is installed")
@pytest.mark.parametrize("command", ["lint", "report"])
def test_a_missing_backend_names_the_package_and_exits_2(command: str) -> None:
    code, out, err = run(command, "s3://some-bucket/cassettes")
    assert code == 2
    assert "needs the s3fs package" in err and "pip install s3fs" in err
    assert "Traceback" not in out + err


def test_a_missing_backend_raises_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    from fsspec.registry import known_implementations

    fake = {"class": "cassette_toolkit_no_such_backend.FS", "err": "Install cassette_toolkit_no_such_backend"}
    monkeypatch.setitem(known_implementations, "nosuchfs", fake)
    with pytest.raises(MissingBackendError, match="cassette_toolkit_no_such_backend"):
        list(discover(["nosuchfs://bucket/x"]))
    with pytest.raises(MissingBackendError, match="cassette_toolkit_no_such_backend"):
        toolkit.load("nosuchfs://bucket/x")


def test_fsspec_stays_unimported_for_local_paths() -> None:
    import subprocess
    import sys

    code = (
        "import sys, toolkit; from toolkit.lint.engine import lint_paths; from toolkit.lint.settings import "
        f"LintSettings; lint_paths([{str(SAMPLES)!r}], LintSettings(), jobs=1); "
        "print('fsspec' in sys.modules)"
    )
    assert (
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.strip()
        == "False"
    )
