"""What the engine tests compare: a ledger's whole contents, as one string."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from newsledger.model import to_dict
from newsledger.store import open_ledger


@pytest.fixture
def ledger_contents():
    def contents(db: str) -> str:
        with open_ledger(db, create=False) as ledger:
            return json.dumps({
                "claims": [to_dict(c) for c in ledger.claims()],
                "stories": [asdict(s) for s in ledger.stories()],
                "groups": [asdict(g) for g in ledger.groups()],
                "relations": [asdict(r) for r in ledger.relations()],
            }, sort_keys=True, default=str)
    return contents
