"""Screenshots of the web app's main pages for docs/ (the demo ledger only: no third-party
text in the repository), taken in Debian's Chromium through Playwright.

    .venv/bin/python benchmarks/web_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import serve  # noqa: E402

from newsledger import workflows  # noqa: E402
from newsledger.config import load_config  # noqa: E402

DOCS = Path(__file__).resolve().parents[1] / "docs"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 860}


def pages(base: str) -> dict[str, str]:
    """Screenshot name -> path on the demo ledger."""
    rows = httpx.get(f"{base}/claims.json?limit=500").json()["claims"]
    sizes = Counter(r["group"] for r in rows if r["group"])
    claim = next(r for r in rows if r["group"] == sizes.most_common(1)[0][0] and r["speaker"])
    return {
        "web-claims": "/claims?q=Soldaten",
        "web-claim": f"/claim/{claim['id']}",
        "web-group": f"/group/{claim['group']}",
        "web-story": f"/story/{claim['story']}",
        "web-review": "/review",
        "web-changes": "/changes?since=2024-11",
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        workflows.demo(db=str(db), config=load_config())
        server, base = serve(db, read_only=False)  # the pages with their forms
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page(viewport=VIEWPORT)
                for name, path in pages(base).items():
                    page.goto(base + path)
                    page.screenshot(path=DOCS / f"{name}.png")
                    print(f"docs/{name}.png  {path}")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
