"""Hostile inputs: each gets findings or a clean error; never a traceback, a hang, unbounded memory
or executed code. The committed samples are in tests/data/hostile/ (see its README); the big ones are
generated in a temporary folder at test time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import DATA, ROOT
from tests.data.generate_samples import big_body_cassette, many_interactions_cassette
from tests.lint.helpers import lint_text, where
from toolkit.lint.rules import RULE_BY_CODE
from toolkit.lint.rules.example_cassettes import GOOD

HOSTILE = DATA / "hostile"

EXPECTED: dict[str, list[tuple[str, int, int]]] = {
    "bedrock_bad_crc.yaml": [("CT304", 15, 15)],
    "billion_laughs.yaml": [("CT007", 2, 1)],
    "bom_crlf_govcr2.yaml": [],
    "content_length_mismatch.yaml": [("CT306", 18, 9)],
    "corrupt_gzip_body.yaml": [("CT305", 13, 15)],
    "deeply_nested_json_body.yaml": [("CT301", 13, 15)],
    # The second `status` (500) is the one recorders use: CT402 is right to report it.
    "duplicate_keys.yaml": [("CT008", 9, 5), ("CT008", 19, 5), ("CT402", 20, 7)],
    "empty.yaml": [("CT006", 1, 1)],
    "github_workflow.yaml": [("CT004", 1, 1)],
    # The bomb is also a 1.4 MB file: CT403 is right too.
    "gzip_bomb.yaml": [("CT403", 1, 1), ("CT305", 13, 15)],
    "invalid_tool_call_arguments.yaml": [("CT307", 24, 11)],
    "invalid_utf8.yaml": [("CT001", 11, 84)],
    "json_body_unparseable.yaml": [("CT301", 11, 15)],
    "multi_document.yaml": [("CT002", 29, 1)],
    "png_named.yaml": [("CT001", 1, 1)],
    "python_object_apply_os_system.yaml": [("CT003", 5, 9)],
    "tab_indentation.yaml": [("CT002", 3, 1)],
    "truncated.yaml": [("CT002", 25, 355)],
    "truncated_sse_stream.yaml": [("CT302", 14, 15), ("CT303", 14, 15), ("CT303", 63, 15)],
    "wrong_types.yaml": [("CT101", 4, 14), ("CT101", 10, 14), ("CT101", 13, 7)],
}

#: Runs lint in a fresh process and reports its findings, exit status and peak memory.
PROBE = """
import json, resource, sys, time
from toolkit.cli import main
start = time.perf_counter()
try:
    main(["lint", "--isolated", "--format", "json", "-o", sys.argv[2], sys.argv[1]])
except SystemExit as e:
    code = e.code
try:  # this process's own peak: ru_maxrss would include the forking parent's memory
    status = open("/proc/self/status").read()
    peak_mb = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"code": code, "peak_mb": peak_mb, "seconds": time.perf_counter() - start}))
"""


def run_isolated(
    path: Path, tmp_path: Path
) -> tuple[dict[str, float], list[tuple[str, int, int, int | None]]]:
    report = tmp_path / "report.json"
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(path), str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    ).stdout
    stats = json.loads(out.strip().splitlines()[-1])
    findings = json.loads(report.read_text())["findings"]
    return stats, [(f["code"], f["line"], f["column"], f["interaction"]) for f in findings]


def test_every_sample_has_an_expectation() -> None:
    assert {p.name for p in HOSTILE.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_sample(name: str) -> None:
    findings = lint_text((HOSTILE / name).read_bytes(), name)
    assert where(findings) == EXPECTED[name]


def test_python_tags_are_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"interactions:\n- !!python/object/apply:os.system ['touch {marker}']\nversion: 1\n"
    assert where(lint_text(text)) == [("CT003", 2, 3)]
    text = f"interactions: !!python/object/new:subprocess.Popen [['touch', '{marker}']]\n"
    assert where(lint_text(text)) == [("CT003", 1, 15)]
    assert not marker.exists()


def test_bom_with_crlf_is_clean() -> None:
    data = (HOSTILE / "bom_crlf_govcr2.yaml").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert where(lint_text(data)) == []


@pytest.mark.slow
def test_gzip_bomb_stays_bounded(tmp_path: Path) -> None:
    stats, findings = run_isolated(HOSTILE / "gzip_bomb.yaml", tmp_path)
    assert [f[:3] for f in findings] == EXPECTED["gzip_bomb.yaml"]
    assert stats["peak_mb"] < 1024  # the decompression cap is 256 MiB; 1 GB would be expanded
    assert stats["seconds"] < 60


@pytest.mark.slow
def test_a_40_mb_body(tmp_path: Path) -> None:
    path = big_body_cassette(tmp_path / "big.yaml")
    stats, findings = run_isolated(path, tmp_path)
    assert findings == [("CT403", 1, 1, None)]
    assert stats["peak_mb"] < 12 * 40  # a small multiple of the file
    assert stats["seconds"] < 120


@pytest.mark.slow
def test_20000_interactions(tmp_path: Path) -> None:
    path = many_interactions_cassette(tmp_path / "many.yaml")
    text = path.read_text()
    last = text.rindex("    status: 200 OK\n    code: 200\n")
    path.write_text(text[:last] + "    status: 503 Service Unavailable\n    code: 503\n" + text[last + 33 :])
    stats, findings = run_isolated(path, tmp_path)
    assert findings[0] == ("CT403", 1, 1, None)
    assert [f[0] for f in findings[1:]] == ["CT402"] and findings[1][3] == 19_999
    assert stats["seconds"] < 300


def _valid(findings: tuple[object, ...], data: bytes) -> None:
    lines = data.count(b"\n") + 1
    for finding in findings:
        assert finding.code in RULE_BY_CODE and finding.code != "CT099"  # type: ignore[attr-defined]
        assert 1 <= finding.line <= lines + 1 and finding.column >= 1  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_findings_not_tracebacks(data: bytes) -> None:
    _valid(lint_text(data), data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(GOOD)), st.binary(max_size=8), st.integers(0, len(GOOD)))
def test_damaged_cassettes_give_findings_not_tracebacks(at: int, junk: bytes, cut: int) -> None:
    data = GOOD.encode()
    data = (data[:at] + junk + data[at:])[: max(cut, at)]
    _valid(lint_text(data), data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda c: (
            st.lists(c, max_size=4)
            | st.dictionaries(
                st.sampled_from(
                    [
                        "interactions",
                        "request",
                        "response",
                        "body",
                        "headers",
                        "status",
                        "uri",
                        "method",
                        "code",
                        "string",
                        "version",
                    ]
                ),
                c,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_wrong_shapes_give_findings_not_tracebacks(document: object) -> None:
    data = json.dumps(document).encode()
    _valid(lint_text(data, "cassette.json"), data)
