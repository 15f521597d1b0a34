"""The link-pending marker (migration 0006_link_pending): set in the transaction that stores
articles, cleared in the one that saves their links, so a run that stopped in between is
visible to the next. The migration is idempotent and marks ledgers that already hold
articles (an older newsledger killed while linking left no trace)."""

from __future__ import annotations

import sqlite3

import pytest
from store_records import BACKENDS, extraction, fresh_target

from newsledger.store import open_ledger
from newsledger.store.migrations import link_pending_table


@pytest.fixture(params=BACKENDS)
def ledger(request, tmp_path):
    with open_ledger(fresh_target(request.param, tmp_path)) as opened:
        yield opened


def test_storing_articles_marks_the_links_pending_until_they_are_saved(ledger):
    assert not ledger.link_pending()
    ledger.write_batch([], [])
    assert not ledger.link_pending()  # nothing stored, nothing to link
    ledger.write_batch([extraction("a1")])
    assert ledger.link_pending()
    ledger.save_links([], [], {}, [])
    assert not ledger.link_pending()


def test_a_reextraction_marks_the_links_pending(ledger):
    ledger.write_batch([extraction("a1")])
    ledger.save_links([], [], {}, [])
    ledger.replace_extraction(extraction("a1"))
    assert ledger.link_pending()


def test_the_migration_marks_a_ledger_with_articles_and_runs_twice_unchanged(tmp_path):
    path = tmp_path / "ledger.db"
    with open_ledger(path) as ledger:
        ledger.write_batch([extraction("a1")])
        ledger.save_links([], [], {}, [])
    with sqlite3.connect(path) as db:  # as a ledger of the version before 0006 looks
        db.execute("DROP TABLE link_pending")
        db.execute("DELETE FROM schema_migrations WHERE name = '0006_link_pending'")
    with open_ledger(path) as ledger:
        assert ledger.link_pending()
        with ledger._engine.begin() as conn:  # noqa: SLF001 - running the migration again
            link_pending_table(conn)
        assert ledger.link_pending()
        ledger.save_links([], [], {}, [])
        assert not ledger.link_pending()
