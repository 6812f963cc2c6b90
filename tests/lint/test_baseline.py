"""Baselines: secrets accepted by value in any file, other findings by place; stale entries; version 1."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_toolkit
from tests.lint.test_engine import RECORDED, RERECORDED
from toolkit.credentials.templates import expand
from toolkit.lint.baseline import BaselineEntry, read_baseline, write_baseline
from toolkit.lint.engine import lint_file
from toolkit.lint.errors import BaselineError
from toolkit.lint.rules.example_cassettes import GOOD, vcrpy_cassette
from toolkit.lint.settings import LintSettings

KEY = expand("sk-ant-api03-{b64url:93}AA", "baseline tests")
OTHER_KEY = expand("sk-ant-api03-{b64url:93}AA", "baseline tests, another key")
HEADERS = "      Content-Type:\n      - application/json\n"


def leaky(key: str = KEY, header: str = "x-api-key") -> str:
    return vcrpy_cassette(response_headers=HEADERS + f"      {header}:\n      - {key}\n")


def split(baseline: Path, *cassettes: Path) -> tuple[list[str], int, tuple[BaselineEntry, ...]]:
    findings = [f for cassette in cassettes for f in lint_file(str(cassette), LintSettings())]
    result = read_baseline(str(baseline)).split(findings, [str(c) for c in cassettes])
    return [f.code for f in result.kept], len(result.accepted), result.stale


def test_a_baseline_survives_re_recording(tmp_path: Path) -> None:
    cassette = tmp_path / "cassettes" / "chat.yaml"
    cassette.parent.mkdir()
    cassette.write_text(RECORDED)
    findings = lint_file(str(cassette), LintSettings())
    assert len(findings) == 3
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), findings)
    cassette.write_text(RERECORDED)
    assert split(baseline, cassette) == ([], 3, ())


def test_new_findings_are_not_hidden(tmp_path: Path) -> None:
    cassette = tmp_path / "chat.yaml"
    cassette.write_text(RECORDED)
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), [f for f in lint_file(str(cassette), LintSettings()) if f.code != "CT301"])
    assert split(baseline, cassette)[:2] == (["CT301"], 2)


def test_an_accepted_secret_passes_in_any_file(tmp_path: Path) -> None:
    first = tmp_path / "cassettes" / "first.yaml"
    first.parent.mkdir()
    first.write_text(leaky())
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), lint_file(str(first), LintSettings()))
    entry = json.loads(baseline.read_text())["secrets"][0]
    assert entry["code"] == "CT201" and entry["paths"] == ["cassettes/first.yaml"]
    assert KEY not in baseline.read_text() and KEY[:12] not in baseline.read_text()
    # re-recorded with the key in another place, and a new cassette carrying the same value
    first.write_text(leaky(header="x-proxy-key"))
    second = tmp_path / "cassettes" / "sub" / "second.yaml"
    second.parent.mkdir()
    second.write_text(leaky())
    assert split(baseline, first, second) == ([], 2, ())


def test_another_secret_in_the_same_place_is_reported(tmp_path: Path) -> None:
    cassette = tmp_path / "chat.yaml"
    cassette.write_text(leaky())
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), lint_file(str(cassette), LintSettings()))
    cassette.write_text(leaky(OTHER_KEY))
    kept, accepted, stale = split(baseline, cassette)
    assert (kept, accepted) == (["CT201"], 0)
    assert [entry.path for entry in stale] == [None]  # the accepted value is gone from its only file


def test_other_findings_stay_tied_to_their_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(RECORDED)
    (tmp_path / "b.yaml").write_text(RECORDED)
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), lint_file(str(tmp_path / "a.yaml"), LintSettings()))
    kept, accepted, _ = split(baseline, tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert accepted == 3 and sorted(kept) == ["CT301", "CT402", "CT405"]


def test_stale_entries_are_those_the_run_covered(tmp_path: Path) -> None:
    for name in ("a.yaml", "b.yaml", "gone.yaml"):
        (tmp_path / name).write_text(RECORDED)
    baseline = tmp_path / "baseline.json"
    write_baseline(
        str(baseline),
        [
            f
            for name in ("a.yaml", "b.yaml", "gone.yaml")
            for f in lint_file(str(tmp_path / name), LintSettings())
        ],
    )
    (tmp_path / "a.yaml").write_text(GOOD)  # fixed: its three entries are stale
    (tmp_path / "gone.yaml").unlink()  # deleted: so are its entries
    kept, accepted, stale = split(baseline, tmp_path / "a.yaml")  # b.yaml not linted: not stale
    assert (kept, accepted) == ([], 0)
    assert sorted({(entry.path, entry.code) for entry in stale}) == [
        ("a.yaml", "CT301"), ("a.yaml", "CT402"), ("a.yaml", "CT405"),
        ("gone.yaml", "CT301"), ("gone.yaml", "CT402"), ("gone.yaml", "CT405"),
    ]  # fmt: skip


def test_the_file_is_sorted_relative_and_stable(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text(RECORDED)
    (tmp_path / "a.yaml").write_text(leaky())
    findings = [
        *lint_file(str(tmp_path / "b.yaml"), LintSettings()),
        *lint_file(str(tmp_path / "a.yaml"), LintSettings()),
    ]
    baseline = tmp_path / "baseline.json"
    write_baseline(str(baseline), findings)
    first = baseline.read_text()
    document = json.loads(first)
    assert document["version"] == 2
    entries = document["findings"]
    assert entries == sorted(entries, key=lambda e: (e["path"], e["code"], e["fingerprint"]))
    assert {e["path"] for e in entries} == {"b.yaml"}
    assert [(e["code"], e["paths"]) for e in document["secrets"]] == [("CT201", ["a.yaml"])]
    write_baseline(str(baseline), reversed(findings))
    assert baseline.read_text() == first


def version_1(path: Path, cassettes: dict[str, Path]) -> None:
    """A baseline as version 1 wrote it: every finding by path, code and place fingerprint."""
    entries = [
        {"path": name, "code": f.code, "fingerprint": f.fingerprint}
        for name, cassette in cassettes.items()
        for f in lint_file(str(cassette), LintSettings())
    ]
    path.write_text(json.dumps({"version": 1, "findings": entries}))


def test_version_1_baselines_are_read(tmp_path: Path) -> None:
    (tmp_path / "leaky.yaml").write_text(leaky())
    (tmp_path / "chat.yaml").write_text(RECORDED)
    baseline = tmp_path / "baseline.json"
    version_1(baseline, {"leaky.yaml": tmp_path / "leaky.yaml", "chat.yaml": tmp_path / "chat.yaml"})
    assert read_baseline(str(baseline)).version == 1
    assert split(baseline, tmp_path / "leaky.yaml", tmp_path / "chat.yaml") == ([], 4, ())


def lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_toolkit("lint", "--isolated", *args, cwd=cwd)


def test_a_version_1_baseline_is_rewritten_as_version_2(tmp_path: Path) -> None:
    (tmp_path / "leaky.yaml").write_text(leaky())
    (tmp_path / "chat.yaml").write_text(RECORDED)
    (tmp_path / "new.yaml").write_text(vcrpy_cassette(status=500, reason="Server Error"))
    version_1(
        tmp_path / "b.json", {"leaky.yaml": tmp_path / "leaky.yaml", "chat.yaml": tmp_path / "chat.yaml"}
    )
    run = lint(".", "--baseline", "b.json", cwd=tmp_path)
    assert run.returncode == 0 and "CT402" in run.stdout and "version 1" in run.stderr
    rewrite = lint(".", "--baseline", "b.json", "--write-baseline", "b.json", cwd=tmp_path)
    assert rewrite.returncode == 0 and "wrote the 4 findings b.json accepts" in rewrite.stderr
    document = json.loads((tmp_path / "b.json").read_text())
    assert document["version"] == 2 and len(document["findings"]) == 3  # new.yaml's CT402 not accepted
    assert [(e["code"], e["paths"]) for e in document["secrets"]] == [("CT201", ["leaky.yaml"])]
    (tmp_path / "copy.yaml").write_text(leaky())  # accepted by value now
    after = lint(".", "--baseline", "b.json", "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(after.stdout)["findings"]] == ["new.yaml"]
    assert after.stderr == ""


def test_stale_entries_are_a_note_unless_they_fail_the_run(tmp_path: Path) -> None:
    (tmp_path / "chat.yaml").write_text(RECORDED)
    assert lint(".", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    (tmp_path / "chat.yaml").write_text(GOOD)
    run = lint(".", "--baseline", "b.json", cwd=tmp_path)
    assert (run.returncode, run.stdout) == (0, "")
    assert "b.json: 3 accepted findings are no longer found" in run.stderr
    assert "chat.yaml: CT402 fingerprint" in run.stderr
    assert lint(".", "--baseline", "b.json", "--fail-on-stale-baseline", cwd=tmp_path).returncode == 1
    summary = json.loads(lint(".", "--baseline", "b.json", "--format", "json", cwd=tmp_path).stdout)[
        "summary"
    ]
    assert [entry["code"] for entry in summary["stale_baseline"]] == ["CT301", "CT402", "CT405"]
    assert set(summary["stale_baseline"][0]) == {"code", "fingerprint", "path"}
    sarif = json.loads(lint(".", "--baseline", "b.json", "--format", "sarif", cwd=tmp_path).stdout)
    assert len(sarif["runs"][0]["properties"]["staleBaselineEntries"]) == 3
    pruned = lint(".", "--baseline", "b.json", "--write-baseline", "b.json", cwd=tmp_path)
    assert "dropped 3 stale entries" in pruned.stderr
    assert json.loads((tmp_path / "b.json").read_text())["findings"] == []


def test_stale_baselines_fail_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "chat.yaml").write_text(RECORDED)
    assert lint(".", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    (tmp_path / "chat.yaml").write_text(GOOD)
    (tmp_path / "cassette-toolkit.toml").write_text('baseline = "b.json"\nfail-on-stale-baseline = true\n')
    configured = run_toolkit("lint", ".", cwd=tmp_path)
    assert configured.returncode == 1 and "no longer found" in configured.stderr


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"findings": [{"path": 1}]}',
        '{"version": 3, "findings": []}',
        '{"version": 2, "findings": [], "secrets": [{"code": "CT201"}]}',
    ],
)
def test_malformed_baselines_are_usage_errors(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text)
    with pytest.raises(BaselineError):
        read_baseline(str(path))
    with pytest.raises(BaselineError):
        read_baseline(str(tmp_path / "missing.json"))
