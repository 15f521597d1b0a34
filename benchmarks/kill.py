"""Kill benchmark: SIGKILL real `newsledger ingest` runs at random points (half of them
while linking), re-run, and compare every table with an uninterrupted run's.

Uses ``tests/reliability/killing.py`` (what the CI kill test runs, with more trials) over
the demo corpus in two files. SQLite always; PostgreSQL when NEWSLEDGER_TEST_POSTGRES
names a database whose schema may be dropped.

    .venv/bin/python benchmarks/kill.py            # 20 trials a backend, seed 1
    .venv/bin/python benchmarks/kill.py 40 --seed 3
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(TESTS / "reliability"), str(TESTS / "store")]

from killing import kill_trials  # noqa: E402
from ledger_digest import DEMO, run_ingest, split_jsonl  # noqa: E402
from store_records import fresh_target  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trials", type=int, nargs="?", default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], action="append",
                        help="only these (default: SQLite, and PostgreSQL when named)")
    args = parser.parse_args()
    articles = sum(1 for line in DEMO.read_text("utf-8").splitlines() if line.strip())
    backends = args.backend or (
        ["sqlite"] + (["postgresql"] if os.environ.get("NEWSLEDGER_TEST_POSTGRES") else []))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        parts = split_jsonl(DEMO, root, 2)
        for backend in backends:
            reference, fresh = _targets(backend, root)
            started = time.perf_counter()
            run_ingest(parts, reference)
            duration = time.perf_counter() - started
            report = kill_trials(parts, reference, fresh, trials=args.trials,
                                 seed=args.seed, articles=articles, duration=duration)
            print(f"{backend}: {args.trials} ledgers, {report.kills} kills "
                  f"({report.in_linking} while linking), uninterrupted run {duration:.1f} s, "
                  f"ledgers differing from it after the re-run: {len(report.mismatches)}",
                  *report.mismatches, sep="\n", flush=True)


def _targets(backend: str, root: Path):
    """(the reference ledger, a function giving each trial a fresh ledger). On PostgreSQL
    both are the one test database: the reference is digested before the first trial
    empties it."""
    if backend == "sqlite":
        return str(root / "reference.db"), lambda i: str(root / f"trial-{i}.db")
    return fresh_target(backend, root), lambda i: fresh_target(backend, root)


if __name__ == "__main__":
    main()
