"""Two `newsledger ingest` processes into one ledger take turns instead of refusing
batches ("database is locked"), readers keep reading meanwhile, and the ledger ends as
running the two one after the other leaves it."""

from __future__ import annotations

import os
import subprocess

from ledger_digest import DEMO, differing, ingest_command, run_ingest, split_jsonl, table_digests

from newsledger.errors import StoreError
from newsledger.store import open_ledger


def test_two_ingests_into_one_ledger_wait_for_each_other(tmp_path):
    first, second = split_jsonl(DEMO, tmp_path, 2)
    orders = {}
    for name, order in {"first then second": (first, second),
                        "second then first": (second, first)}.items():
        db = tmp_path / f"{name.replace(' ', '-')}.db"
        for part in order:
            run_ingest([part], db)
        orders[name] = table_digests(db)

    db = tmp_path / "together.db"
    open_ledger(db).close()  # readers below need the file before the writers start
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    runs = [subprocess.Popen(ingest_command([part], db), env=env, stderr=subprocess.PIPE,
                             text=True) for part in (first, second)]
    reads = 0
    while any(run.poll() is None for run in runs):
        reads += _read(db)
    errors = [run.stderr.read() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], errors
    assert reads > 0
    together = table_digests(db)
    assert any(differing(together, digests) == [] for digests in orders.values())


def _read(db) -> int:
    """One read while the writers work: never refused."""
    try:
        with open_ledger(db, create=False) as ledger:
            ledger.claims()
            ledger.stories()
    except StoreError as error:
        raise AssertionError(f"a reader was refused while ingests ran: {error}") from error
    return 1
