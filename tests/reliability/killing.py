"""SIGKILL a real `newsledger ingest` at random points, then run it again to the end.

A kill lands while reading/extracting/storing batches (at a random moment of a run's
duration) or while linking (after every article is stored, found by watching the ledger
from outside). After the re-run the ledger must equal an uninterrupted run's, table by
table (``ledger_digest``). Used by ``test_kill.py`` (a few kills) and
``benchmarks/kill.py`` (twenty and more).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ledger_digest import differing, ingest_command, run_ingest, table_digests, url_of
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError


@dataclass
class KillReport:
    kills: int = 0
    in_linking: int = 0
    mismatches: list[str] = field(default_factory=list)  # tables that differed, per trial


def kill_trials(paths: list[Path], reference_db: str, fresh_db, *, trials: int, seed: int,
                articles: int, duration: float) -> KillReport:
    """``trials`` ledgers, each killed once or twice, then completed; compared with
    ``reference_db`` (an uninterrupted run). ``fresh_db(i)`` gives an empty ledger target;
    ``articles`` is how many articles a complete run stores, ``duration`` its seconds."""
    rng = random.Random(seed)
    expected = table_digests(reference_db)
    report = KillReport()
    for trial in range(trials):
        db = fresh_db(trial)
        for _ in range(rng.choice((1, 1, 2))):
            in_linking = rng.random() < 0.5
            killed = _run_and_kill(paths, db, rng, articles, duration, in_linking)
            report.kills += killed
            report.in_linking += killed and in_linking
        run_ingest(paths, db)  # the re-run completes what the kills left
        if diff := differing(expected, table_digests(db)):
            report.mismatches.append(f"trial {trial}: {', '.join(diff)}")
    return report


def _run_and_kill(paths, db, rng, articles: int, duration: float, in_linking: bool) -> bool:
    """Start an ingest and SIGKILL it; False when it finished before the kill came."""
    process = subprocess.Popen(ingest_command(paths, db), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONHASHSEED": "0"})
    try:
        if in_linking:
            _wait_until_stored(db, articles, process, deadline=time.monotonic() + 4 * duration)
            time.sleep(rng.uniform(0, 0.3 * duration))
        else:
            time.sleep(rng.uniform(0.2, 1.0) * duration)
        if process.poll() is not None:
            return False
        os.kill(process.pid, signal.SIGKILL)
        return True
    finally:
        process.wait()


def _wait_until_stored(db, articles: int, process: subprocess.Popen, deadline: float) -> None:
    """Until every article is stored (the run is linking) or the process ended."""
    engine = create_engine(url_of(db))
    try:
        while process.poll() is None and time.monotonic() < deadline:
            try:
                with engine.connect() as conn:
                    stored = conn.execute(text("SELECT count(*) FROM articles")).scalar()
                if stored >= articles:
                    return
            except SQLAlchemyError:
                pass  # not created yet
            time.sleep(0.02)
    finally:
        engine.dispose()
