"""Ledgers for the web tests: the packaged demo corpus (real extraction and linking), and a
hand-made hostile one whose titles, texts, URLs, outlets and speaker names carry script
payloads (each sets ``window.pwned`` if it ever runs)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from ledger_helpers import empty_postgres, handmade

from newsledger import workflows
from newsledger.config import load_config
from newsledger.store import open_ledger
from newsledger.web import create_app

PAYLOADS = {
    "title": "<script>window.pwned='title'</script>Truppen",
    "text": "<img src=x onerror=\"window.pwned='text'\">",
    "url": "javascript:window.pwned='url'",
    "speaker": "Anna <svg onload=\"window.pwned='speaker'\"></svg> Alpha",
    "outlet": "<iframe srcdoc=\"<script>parent.pwned='outlet'</script>\"></iframe>Blatt",
}


def demo_ledger(folder: Path) -> Path:
    db = folder / "demo.db"
    workflows.demo(db=str(db), config=load_config())
    return db


def demo_ledger_on_postgresql() -> str:
    """The demo corpus in the emptied NEWSLEDGER_TEST_POSTGRES database (or a skip)."""
    url = empty_postgres()
    workflows.demo(db=url, config=load_config())
    return url


def hostile_ledger(folder: Path) -> Path:
    db = folder / "hostile.db"
    topic = [f"Gammawort{i}" for i in range(8)]
    hostile = {"title": PAYLOADS["title"], "url": PAYLOADS["url"], "outlet": PAYLOADS["outlet"]}
    extractions = [handmade(article_id, day, topic, figure, PAYLOADS["speaker"],
                            tail=" " + PAYLOADS["text"], **hostile)
                   for article_id, day, figure in (("h1", "2024-11-01", 1500),
                                                   ("h2", "2024-11-03", 3000))]
    with open_ledger(db) as ledger:
        ledger.write_batch(extractions)
        workflows.link_ledger(ledger)
    return db


@contextmanager
def running_server(db: Path, **options) -> Iterator[str]:
    """``newsledger serve`` on 127.0.0.1 and a free port, in a thread; yields its base URL."""
    config = uvicorn.Config(create_app(str(db), **options), host="127.0.0.1", port=0,
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
