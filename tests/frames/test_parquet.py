"""Parquet export: DuckDB reads back the same counts and sums; writes are atomic and careful."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner

import toolkit
from tests.conftest import SAMPLES
from toolkit.cli import main
from toolkit.frames.columns import USAGE
from toolkit.frames.parquet import ExportError, export_parquet

#: The usage frame's integer columns, whose sums DuckDB must find in the export.
SUMS = [c.name for c in USAGE if c.dtype == "Int64" and c.name != "interaction"]


def check_round_trip(frames: toolkit.Frames, out: Path) -> None:
    db = duckdb.connect()

    def one(sql: str) -> tuple[object, ...]:
        (row,) = db.execute(sql).fetchall()
        return tuple(row)

    def dataset(name: str) -> str:
        return f"read_parquet('{out / name}/**/*.parquet', hive_partitioning = true)"

    for name in ("interactions", "chunks", "usage"):
        assert one(f"select count(*) from {dataset(name)}") == (len(getattr(frames, name)),)
    by_provider = (
        db.sql(
            f"select provider, count(*) as n, {', '.join(f'sum({c}) as {c}' for c in SUMS)}, "
            f"sum(estimated_cost_usd) as estimated from {dataset('usage')} group by provider"
        )
        .df()
        .set_index("provider")
    )
    ours = frames.usage.groupby("provider", dropna=False)
    for provider, group in ours:
        key = None if pd.isna(provider) else provider
        row = by_provider.loc[key] if key is not None else by_provider[by_provider.index.isna()].iloc[0]
        assert row["n"] == len(group)
        for column in SUMS:
            assert int(row[column] if pd.notna(row[column]) else 0) == int(group[column].sum())
        estimated = group["estimated_cost_usd"].sum(min_count=1)
        if pd.isna(estimated):
            assert pd.isna(row["estimated"])
        else:
            assert row["estimated"] == pytest.approx(float(estimated))
    nulls = one(f"select count(*) from {dataset('interactions')} where provider is null")
    assert nulls == (int(frames.interactions["provider"].isna().sum()),)
    problems = one(f"select count(*) from read_parquet('{out / 'problems.parquet'}')")
    assert problems == (len(frames.problems),)


def test_samples_round_trip_through_duckdb(tmp_path: Path) -> None:
    frames = toolkit.load(SAMPLES)
    check_round_trip(frames, export_parquet(frames, tmp_path / "out"))
    assert sorted(p.name for p in (tmp_path / "out" / "usage").iterdir())[:2] == [
        "provider=anthropic",
        "provider=bedrock",
    ]


def test_corpus_round_trip_through_duckdb(corpus: Path, tmp_path: Path) -> None:
    frames = toolkit.load(corpus)
    check_round_trip(frames, export_parquet(frames, tmp_path / "out"))


def test_an_earlier_export_is_replaced_but_other_folders_are_refused(tmp_path: Path) -> None:
    frames = toolkit.load(SAMPLES / "seed_xai_simple_object_streaming.yaml")
    out = export_parquet(frames, tmp_path / "out")
    export_parquet(frames, out)  # replacing an export is fine
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging folders left behind
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep me")
    with pytest.raises(ExportError, match="not an export"):
        export_parquet(frames, tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.txt").read_text() == "keep me"


def test_export_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", str(SAMPLES), "--output", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "22 interactions" in result.output
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.txt").write_text("x")
    result = CliRunner().invoke(main, ["export", str(SAMPLES), "-o", str(tmp_path / "other")])
    assert result.exit_code == 2 and "not an export" in result.output
