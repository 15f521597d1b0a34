"""A killed ingest costs at most the batch in flight and the linking, and the next run
repairs both: after SIGKILL at random points (linking included) and a re-run, every
table equals an uninterrupted run's. SQLite always, PostgreSQL when
NEWSLEDGER_TEST_POSTGRES names a database (as in tests/store)."""

from __future__ import annotations

import os
import time

import pytest
from killing import kill_trials
from ledger_digest import DEMO, run_ingest, split_jsonl
from sqlalchemy import create_engine, text

ARTICLES = sum(1 for line in DEMO.read_text("utf-8").splitlines() if line.strip())


def _postgres_target() -> str:
    url = os.environ.get("NEWSLEDGER_TEST_POSTGRES")
    if not url:
        pytest.skip("set NEWSLEDGER_TEST_POSTGRES to a database URL to test on PostgreSQL")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_killed_ingest_is_completed_by_the_next_run(backend, tmp_path):
    # Small batches: a kill while storing lands between batches as well as inside one.
    parts = split_jsonl(DEMO, tmp_path, 2)
    reference = str(tmp_path / "reference.db")
    started = time.monotonic()
    run_ingest(parts, reference)
    duration = time.monotonic() - started
    if backend == "postgresql":
        # The reference is compared on the same database kind as the trials.
        reference = _postgres_target()
        run_ingest(parts, reference)

    def fresh(trial: int) -> str:
        return _postgres_target() if backend == "postgresql" else str(tmp_path / f"t{trial}.db")

    report = kill_trials(parts, reference, fresh, trials=3, seed=13, articles=ARTICLES,
                         duration=duration)
    assert report.kills >= 1  # some kill came before the run ended
    assert report.mismatches == []
