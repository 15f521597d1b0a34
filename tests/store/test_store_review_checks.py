"""A review is checked against the ledger and its corrections by type before it is stored:
a stored review every later read could not apply would break every later command."""

from __future__ import annotations

import pytest
from store_records import claim, extraction

from newsledger.errors import StoreError, UnknownRecord
from newsledger.store import open_ledger


@pytest.fixture
def ledger(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as opened:
        opened.write_batch([extraction("a1")])
        yield opened


@pytest.mark.parametrize("key", ["0123456789a", "[1, 2]", '["a1", "X", 1, 1, "exact"]',
                                 ("a9", "Wolodymyr Selenskyj", 1500, 1500, "about")])
def test_a_review_of_no_claim_is_refused(ledger, key):
    with pytest.raises(UnknownRecord, match="no claim has the id"):
        ledger.review(key, "accepted", by="anna")
    assert ledger.reviews() == []


@pytest.mark.parametrize("corrections", [{"value_low": "viel"}, {"value_high": float("nan")},
                                         {"unit": 3}, {"speaker_name": ["a"]}])
def test_corrections_of_the_wrong_type_are_refused(ledger, corrections):
    with pytest.raises(StoreError, match="must be"):
        ledger.review(claim("a1").key, "corrected", by="anna", corrections=corrections)
    assert ledger.reviews() == []
