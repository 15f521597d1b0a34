"""The attribution's candidates survive the ledger, and migration 0007 adds their column once."""

from __future__ import annotations

import sqlite3

from store_records import claim, extraction

from newsledger.model import Candidate
from newsledger.store import open_ledger
from newsledger.store.migrations import MIGRATIONS

CANDIDATES = (
    Candidate("Blinken", 10, 17, "Antony Blinken", "person", "rules:sentence", 0.91, True),
    Candidate("", -1, -1, None, "none", "none", 0.12, False),
)


def test_candidates_round_trip_through_the_ledger(tmp_path):
    with open_ledger(tmp_path / "l.db") as ledger:
        ledger.write_batch([extraction(claims=(claim(candidates=CANDIDATES),))])
        (stored,) = ledger.claims()
    assert stored.candidates == CANDIDATES


def test_a_ledger_from_before_0007_gets_the_column_and_keeps_its_claims(tmp_path):
    path = tmp_path / "old.db"
    with open_ledger(path) as ledger:
        ledger.write_batch([extraction()])
    with sqlite3.connect(path) as db:  # as written by a version without candidates
        db.execute("DROP VIEW claims_view")
        db.execute("ALTER TABLE claims DROP COLUMN candidates")
        db.execute("DELETE FROM schema_migrations WHERE name = '0007_claim_candidates'")
        db.execute(_view_sql())
    with open_ledger(path) as ledger:
        (stored,) = ledger.claims()
        assert "0007_claim_candidates" in ledger.info()["migrations"]
    assert stored.candidates == ()
    with open_ledger(path) as ledger:  # idempotent: a second open applies nothing
        assert len(ledger.claims()) == 1
    assert "0007_claim_candidates" in [name for name, _ in MIGRATIONS]


def _view_sql() -> str:
    from newsledger.store.migrations import CLAIMS_VIEW

    return CLAIMS_VIEW
