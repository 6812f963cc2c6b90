"""The HTML report in a real browser: headless Chromium draws every chart, at 1280 pixels wide
and at 600, where the charts shrink to the window instead of running off its right edge; the
latency chart has a panel per time source and no empty band.

Skipped when no Chromium is installed, unless CASSETTE_TOOLKIT_REQUIRE_CHROMIUM
is set (``.ci/run`` installs Chromium and sets it, so CI cannot skip silently).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, SAMPLES
from tests.report.targets import SAMPLE_AUDIT
from toolkit.cli import main as cli
from toolkit.report.charts import COLOURS

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
REQUIRE = "CASSETTE_TOOLKIT_REQUIRE_CHROMIUM"
HEIGHT = 3400
#: Pixels at the window's right edge that only the page's white margin may cover.
MARGIN = 16


def find_browser() -> str:
    for name in (os.environ.get("CHROMIUM", ""), *BROWSERS):
        path = shutil.which(name) if name else None
        if path:
            return path
    if os.environ.get(REQUIRE):
        pytest.fail(f"{REQUIRE} is set but no Chromium was found (looked for {', '.join(BROWSERS)})")
    pytest.skip("Chromium is not installed (CI installs it: see .ci/run)")


def run_browser(
    html: Path, tmp_path: Path, *args: str, window: tuple[int, int] = (1280, HEIGHT)
) -> subprocess.CompletedProcess[bytes]:
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
        f"--window-size={window[0]},{window[1]}",
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


def assert_charts_drawn(html: Path, tmp_path: Path, width: int) -> None:
    dom = run_browser(html, tmp_path, "--dump-dom").stdout.decode("utf-8")
    for chart in ("tokens_by_model", "cost_by_model", "latency"):
        figure = re.search(rf'<figure class="chart" id="chart-{chart}">(.*?)</figure>', dom, re.S)
        assert figure is not None, f"{chart} is not in the DOM"
        assert figure.group(1).startswith("<svg"), chart
        assert len(re.findall(r"<rect\b", figure.group(1))) >= 5, chart
    screenshot = tmp_path / f"report-{width}.png"
    run_browser(html, tmp_path, f"--screenshot={screenshot}", window=(width, HEIGHT))
    image = load_image(screenshot, (width, HEIGHT))
    data = image.tobytes()
    colours = Counter(data[i : i + 3] for i in range(0, len(data), 3))
    for series in ("uncached input", "output", "estimated", "recorded duration", "server processing"):
        rgb = bytes.fromhex(COLOURS[series][1:])
        assert colours[rgb] >= 40, f"the {series} bars ({COLOURS[series]}) are not drawn"
    margin = image.crop((width - MARGIN, 0, width, HEIGHT))
    assert margin.getextrema() == ((255, 255),) * 3, f"at {width} px something runs into the right margin"


def load_image(png: Path, size: tuple[int, int]) -> Image.Image:
    with Image.open(png) as image:
        assert image.size == size
        return image.convert("RGB")


def inked_rows(image: Image.Image) -> list[int]:
    """The rows with a pixel that is not white."""
    grey = image.convert("L")
    width = grey.size[0]
    data = grey.tobytes()
    return [y for y in range(grey.size[1]) if min(data[y * width : (y + 1) * width]) < 255]


@pytest.mark.parametrize("width", [1280, 600])
def test_sample_audit_charts_are_drawn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.chdir(ROOT)
    assert_charts_drawn(render(list(SAMPLE_AUDIT[1:]), tmp_path), tmp_path, width)


def test_latency_has_a_panel_per_header_and_no_empty_band(tmp_path: Path) -> None:
    """vcrpy stores no duration: no panel for it, and each server-timing header its own panel."""
    cassettes = tmp_path / "cassettes"
    cassettes.mkdir()
    for sample in SAMPLES.glob("vcrpy_*.yaml"):
        (cassettes / sample.name).write_bytes(sample.read_bytes())
    html = render([str(cassettes)], tmp_path)
    svg = re.search(
        r'<figure class="chart" id="chart-latency">(<svg .*?</svg>)</figure>', html.read_text(), re.S
    )
    assert svg is not None
    headers = re.findall(r">Server processing \(header ([^)]+)\): known for", svg.group(1))
    assert headers == ["openai-processing-ms", "server-timing", "x-envoy-upstream-service-time"]
    assert "Recorded duration" not in svg.group(1) and "No times" not in svg.group(1)
    page = tmp_path / "latency.html"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0">{svg.group(1)}</body></html>')
    size = re.search(r'<svg [^>]*\bheight="([\d.]+)"', svg.group(1))
    assert size is not None
    height = int(float(size.group(1)))
    screenshot = tmp_path / "latency.png"
    run_browser(page, tmp_path, f"--screenshot={screenshot}", window=(1280, height + 200))
    inked = inked_rows(load_image(screenshot, (1280, height + 200)))
    assert inked[0] < 20 and height - 40 < inked[-1] < height
    gaps = [b - a for a, b in itertools.pairwise([*inked, height])]
    assert max(gaps) <= 40, f"a blank band of {max(gaps)} px in the latency chart"


@pytest.mark.corpus
def test_corpus_audit_charts_are_drawn(corpus: Path, tmp_path: Path) -> None:
    assert_charts_drawn(render([str(corpus)], tmp_path), tmp_path, 1280)
