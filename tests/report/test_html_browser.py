"""The HTML report in a real browser: headless Chromium draws every chart.

Skipped when no Chromium is installed, unless CASSETTE_TOOLKIT_REQUIRE_CHROMIUM
is set (``.ci/run`` installs Chromium and sets it, so CI cannot skip silently).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.report.targets import SAMPLE_AUDIT
from toolkit.cli import main as cli
from toolkit.report.charts import COLOURS

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
REQUIRE = "CASSETTE_TOOLKIT_REQUIRE_CHROMIUM"
WINDOW = (1280, 3000)


def find_browser() -> str:
    for name in (os.environ.get("CHROMIUM", ""), *BROWSERS):
        path = shutil.which(name) if name else None
        if path:
            return path
    if os.environ.get(REQUIRE):
        pytest.fail(f"{REQUIRE} is set but no Chromium was found (looked for {', '.join(BROWSERS)})")
    pytest.skip("Chromium is not installed (CI installs it: see .ci/run)")


def run_browser(html: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    command = [
        find_browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        "--force-color-profile=srgb",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        *args,
        html.as_uri(),
    ]
    return subprocess.run(command, capture_output=True, timeout=180, check=True)


def render(paths: list[str], tmp_path: Path) -> Path:
    from click.testing import CliRunner

    output = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", *paths, "--format", "html", "--output", str(output)])
    assert result.exit_code == 0, result.output
    return output


def assert_charts_drawn(html: Path, tmp_path: Path) -> None:
    dom = run_browser(html, tmp_path, "--dump-dom").stdout.decode("utf-8")
    for chart in ("tokens_by_model", "cost_by_model", "latency"):
        figure = re.search(rf'<figure class="chart" id="chart-{chart}">(.*?)</figure>', dom, re.S)
        assert figure is not None, f"{chart} is not in the DOM"
        assert figure.group(1).startswith("<svg"), chart
        assert len(re.findall(r"<rect\b", figure.group(1))) >= 5, chart
    screenshot = tmp_path / "report.png"
    run_browser(html, tmp_path, f"--screenshot={screenshot}")
    colours = pixel_colours(screenshot)
    for series in ("uncached input", "output", "estimated", "recorded duration", "server processing"):
        rgb = tuple(int(COLOURS[series][i : i + 2], 16) for i in (1, 3, 5))
        assert colours[rgb] >= 40, f"the {series} bars ({COLOURS[series]}) are not drawn"


def pixel_colours(png: Path) -> Counter[tuple[int, ...]]:
    from PIL import Image

    with Image.open(png) as image:
        assert image.size == WINDOW
        data = image.convert("RGB").tobytes()
    return Counter(tuple(data[i : i + 3]) for i in range(0, len(data), 3))


def test_sample_audit_charts_are_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert_charts_drawn(render(list(SAMPLE_AUDIT[1:]), tmp_path), tmp_path)


@pytest.mark.corpus
def test_corpus_audit_charts_are_drawn(corpus: Path, tmp_path: Path) -> None:
    assert_charts_drawn(render([str(corpus)], tmp_path), tmp_path)
