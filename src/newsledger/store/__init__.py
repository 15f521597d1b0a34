"""The ledger store: the only place newsledger speaks SQL (SQLAlchemy Core).

    with open_ledger("ledger.db") as ledger:          # or "postgresql://user@host/db"
        result = ledger.write_batch(extractions, failures)   # one transaction per batch
        claims = ledger.claims(speaker="Selenskyj", since="2024-11-01")

One schema for SQLite (default) and PostgreSQL (``schema.py``), brought up to date
by named migrations (``migrations.py``) whenever a ledger is opened. Reviews are
keyed by claim key and entity edits are replayed over every re-linking, so both
survive re-ingest and re-extraction (``edits.py``).
"""

from newsledger.model import EntityEdit
from newsledger.store.edits import CORRECTABLE, Review
from newsledger.store.ledger import BatchResult, Ledger, SavedLinkState, open_ledger
from newsledger.store.rows import claim_key, key_text

__all__ = [
    "CORRECTABLE",
    "BatchResult",
    "EntityEdit",
    "Ledger",
    "Review",
    "SavedLinkState",
    "claim_key",
    "key_text",
    "open_ledger",
]
