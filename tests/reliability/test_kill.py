"""A killed ingest costs at most the batch in flight and the linking, and the next run
repairs both: after SIGKILL at random points (linking included) and a re-run, every
table equals an uninterrupted run's. SQLite always, PostgreSQL when
NEWSLEDGER_TEST_POSTGRES names a database (as in tests/store)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from killing import kill_trials
from ledger_digest import DEMO, run_ingest, split_jsonl

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from store_records import fresh_target  # noqa: E402 - the store tests' PostgreSQL set-up

ARTICLES = sum(1 for line in DEMO.read_text("utf-8").splitlines() if line.strip())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_killed_ingest_is_completed_by_the_next_run(backend, tmp_path):
    reference = fresh_target(backend, tmp_path)  # skips PostgreSQL when none is named
    parts = split_jsonl(DEMO, tmp_path, 2)
    started = time.monotonic()
    run_ingest(parts, reference)
    duration = time.monotonic() - started

    def fresh(trial: int) -> str:
        folder = tmp_path / f"trial-{trial}"
        folder.mkdir(exist_ok=True)
        return fresh_target(backend, folder)

    report = kill_trials(parts, reference, fresh, trials=3, seed=13, articles=ARTICLES,
                         duration=duration)
    assert report.kills >= 1  # some kill came before the run ended
    assert report.mismatches == []
