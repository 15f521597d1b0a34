"""The HTML report in a real headless Chromium: what is on the page, and a screenshot.

Skips, saying why, where no Chromium binary exists (install Debian's `chromium`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from report_fixtures import sample_view

from newsledger.report import render_html

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TIMEOUT = 90


def _chromium() -> str:
    for candidate in CANDIDATES:
        path = candidate if os.path.isabs(candidate) and os.access(candidate, os.X_OK) else \
            shutil.which(candidate)
        if path:
            return path
    pytest.skip("no Chromium binary (looked for /usr/bin/chromium, chromium, chromium-browser, "
                "google-chrome): install Debian's `chromium` package to run the browser test")


def _run(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    command = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    browser = _chromium()
    tmp_path = tmp_path_factory.mktemp("browser")
    report = tmp_path / "report.html"
    report.write_text(render_html(sample_view()), "utf-8")
    dom = _run(browser, tmp_path, "--dump-dom", report.as_uri())
    screenshot = tmp_path / "report.png"
    shot = _run(browser, tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2000",
                report.as_uri())
    return dom, shot, screenshot


@pytest.mark.browser
def test_dom_shows_groups_charts_and_escaped_text(page):
    dom, _, _ = page
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert "Soldaten in Russland" in html and "getötete Soldaten" in html
    assert html.count("<svg") == 2 and html.count('class="mark') == 6
    assert "<script" not in html.lower()  # the article's <script> stayed text
    assert "&lt;script&gt;alert" in html
    assert "<mark>3.000</mark>" in html


@pytest.mark.browser
def test_screenshot_is_a_png(page):
    _, shot, screenshot = page
    assert shot.returncode == 0, shot.stderr[-2000:]
    data = screenshot.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 10_000
