"""Optional packages that are not installed: one line naming the ``pip install``, exit status 2.

Each test runs a fresh process in which the packages are made unimportable (their entry in
``sys.modules`` is None, which both ``import`` and ``importlib.util.find_spec`` honour), as
on an installation without them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES
from toolkit.plumbing.requires import FEATURES, MissingDependencyError, missing_modules, require

_PRELUDE = "import sys\nfor name in {hidden!r}:\n    sys.modules[name] = None\n"


def run_without(hidden: tuple[str, ...], code: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    script = _PRELUDE.format(hidden=hidden) + code
    return subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, capture_output=True, text=True, check=False, timeout=300
    )


def command_without(
    hidden: tuple[str, ...], *args: str, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    code = f"sys.argv = ['cassette-toolkit', *{list(args)!r}]\nfrom toolkit.cli import run\nrun()\n"
    return run_without(hidden, code, cwd)


def test_export_without_pyarrow_says_what_to_install_before_reading(tmp_path: Path) -> None:
    out = tmp_path / "audit.parquet"
    done = command_without(("pyarrow",), "export", str(SAMPLES), "--output", str(out))
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "error: cassette-toolkit export needs pyarrow, which is not installed: "
        "pip install 'cassette-toolkit[parquet]'\n"
    )
    assert "Traceback" not in done.stderr and not out.exists()


def test_report_and_load_without_pandas_name_the_full_installation() -> None:
    done = command_without(("pandas",), "report", str(SAMPLES))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "needs pandas, which is not installed: pip install cassette-toolkit" in done.stderr
    loaded = run_without(("pandas", "numpy"), "import toolkit\ntoolkit.load('sample_cassettes')\n")
    assert loaded.returncode == 1
    assert loaded.stderr.strip().splitlines()[-1] == (
        "toolkit.plumbing.requires.MissingDependencyError: "
        "toolkit.load needs pandas, which is not installed: pip install cassette-toolkit"
    )


def test_lint_redact_and_show_need_neither_pandas_nor_the_extras(tmp_path: Path) -> None:
    hidden = ("pandas", "numpy", "pyarrow", "matplotlib", "dask")
    sample = SAMPLES / "vcrpy_openai_chat_completion.yaml"
    assert command_without(hidden, "lint", str(SAMPLES), "--exit-zero").returncode == 0
    assert command_without(hidden, "show", str(sample)).returncode == 0
    assert command_without(hidden, "redact", "--check", str(sample)).returncode == 0


def test_dask_without_dask_names_its_extra() -> None:
    done = run_without(("dask", "dask.dataframe"), "import toolkit.dask\n")
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .endswith("toolkit.dask needs dask, which is not installed: pip install 'cassette-toolkit[dask]'")
    )


def test_plots_without_matplotlib_name_their_extra() -> None:
    code = (
        "import toolkit, toolkit.analysis as ta\n"
        "from toolkit.frames import empty_frames\n"
        "ta.plot_latency(empty_frames())\n"
    )
    done = run_without(("matplotlib", "matplotlib.pyplot"), code)
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .endswith(
            "toolkit.analysis plots needs matplotlib, which is not installed: "
            "pip install 'cassette-toolkit[plot]'"
        )
    )


def test_every_feature_names_an_extra_of_the_distribution() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    for name, feature in FEATURES.items():
        install = feature.install
        if "[" in install:
            extra = install.split("[", 1)[1].split("]", 1)[0]
            assert extra in extras, name
            for distribution in feature.modules.values():
                assert any(distribution in req for req in extras[extra]), distribution
        else:  # in the base installation
            for distribution in feature.modules.values():
                assert any(req.startswith(distribution) for req in project["dependencies"]), distribution


def test_require_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert missing_modules("frames") == ()
    require("frames", "anything")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError) as raised:
        require("parquet", "the export")
    assert raised.value.missing == ("pyarrow",) and isinstance(raised.value, ImportError)
