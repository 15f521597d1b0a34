"""Opening a ledger: migrations, idempotent re-open, errors naming the file, plain sqlite3."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect
from store_records import BACKENDS, claim, extraction, fresh_target

from newsledger.errors import StoreError
from newsledger.store import open_ledger
from newsledger.store.migrations import (
    MIGRATIONS,
    add_column_if_missing,
    latest_version,
)

TABLES = {
    "schema_migrations", "articles", "claims", "evidence", "quotes", "times", "mentions",
    "entities", "aliases", "entity_edits", "reviews", "stories", "story_articles", "groups",
    "relations", "failures",
}


def applied(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT name, applied_at FROM schema_migrations ORDER BY name").fetchall()


def test_open_creates_every_table_and_the_view(tmp_path):
    path = tmp_path / "ledger.db"
    open_ledger(path).close()
    inspector = inspect(create_engine(f"sqlite:///{path}"))
    assert TABLES <= set(inspector.get_table_names())
    assert "claims_view" in inspector.get_view_names()
    assert [name for name, _ in applied(path)] == [name for name, _ in MIGRATIONS]


def test_reopening_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "ledger.db"
    with open_ledger(path) as ledger:
        ledger.write_batch([extraction()])
    before = applied(path)
    with open_ledger(path) as ledger:
        assert ledger.info()["counts"]["claims"] == 1
        assert ledger.info()["schema_version"] == latest_version()
    assert applied(path) == before


def test_sqlite_url_and_path_open_the_same_file(tmp_path):
    path = tmp_path / "ledger.db"
    with open_ledger(f"sqlite:///{path}") as ledger:
        ledger.write_batch([extraction()])
    with open_ledger(str(path)) as ledger:
        assert [a.id for a in ledger.articles()] == ["a1"]
        assert ledger.info()["url"] == f"sqlite:///{path}"


@pytest.mark.parametrize("content", [b"this is a text file, not a database\n" * 20, b"\x00" * 4096])
def test_a_non_database_file_is_refused_naming_the_file(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(StoreError) as error:
        open_ledger(path)
    message = str(error.value)
    assert str(path) in message and "\n" not in message


def test_another_applications_database_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE articles (title TEXT)")
    with pytest.raises(StoreError, match=r"other.db: .*not a newsledger ledger.*articles"):
        open_ledger(path)
    with sqlite3.connect(path) as db:
        tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("articles",)]


def test_a_directory_is_refused_naming_it(tmp_path):
    with pytest.raises(StoreError, match=str(tmp_path)):
        open_ledger(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_an_unwritable_place_is_refused_naming_it(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="locked"):
            open_ledger(folder / "ledger.db")
    finally:
        folder.chmod(0o700)


def test_a_ledger_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "ledger.db"
    open_ledger(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO schema_migrations VALUES ('9999_from_the_future', 'x')")
    with pytest.raises(StoreError, match=r"9999_from_the_future.*newer"):
        open_ledger(path)


def test_an_unknown_database_url_is_refused():
    with pytest.raises(StoreError, match="nosuchdb"):
        open_ledger("nosuchdb://somewhere/ledger")


def test_a_failing_migration_leaves_no_trace(tmp_path, monkeypatch):
    """Migrations run in transactions: DDL of a failed one is rolled back (SQLite too)."""
    path = tmp_path / "ledger.db"
    open_ledger(path).close()

    def half_done(conn):
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("migration failed midway")

    monkeypatch.setattr("newsledger.store.migrations.MIGRATIONS", [*MIGRATIONS, ("0003_x", half_done)])
    with pytest.raises(RuntimeError):
        open_ledger(path)
    assert "half_done" not in inspect(create_engine(f"sqlite:///{path}")).get_table_names()
    assert "0003_x" not in [name for name, _ in applied(path)]


def test_add_column_if_missing_is_idempotent(tmp_path):
    from sqlalchemy import Column, Text

    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (id INTEGER)")
        add_column_if_missing(conn, "t", Column("note", Text))
        add_column_if_missing(conn, "t", Column("note", Text))
    assert [c["name"] for c in inspect(engine).get_columns("t")] == ["id", "note"]


def test_plain_sqlite3_reads_the_ledger_and_claims_view(tmp_path):
    path = tmp_path / "ledger.db"
    with open_ledger(path) as ledger:
        ledger.write_batch([extraction("a1"), extraction("a2", outlet="Andere Zeitung")])
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        view = db.execute("SELECT * FROM claims_view ORDER BY article_id").fetchall()
        groups = db.execute("SELECT count(*) FROM groups").fetchone()[0]
    assert groups == 0
    assert [row["outlet"] for row in view] == ["Beispielblatt", "Andere Zeitung"]
    first = dict(view[0])
    assert first["speaker"] == "Wolodymyr Selenskyj"
    assert first["value_low"] == 1500 and first["qualifier"] == "about"
    assert first["published"] == "2024-11-05"
    assert first["sentence"].startswith("Der ukrainische Präsident")
    assert first["review"] is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_reopening_is_idempotent_on_every_backend(backend, tmp_path):
    target = fresh_target(backend, tmp_path)
    with open_ledger(target) as ledger:
        ledger.write_batch([extraction("a1")])
        first = ledger.info()
    with open_ledger(target) as ledger:
        assert ledger.info() == first
        assert ledger.claims() == [claim("a1")]
    assert first["migrations"] == [name for name, _ in MIGRATIONS]


def test_a_ledger_from_before_stable_ids_gets_them_and_search(tmp_path):
    """0005 on a ledger written before it: claim ids and the ids of earlier reviews are
    filled in, and the full-text index covers the evidence already there."""
    path = tmp_path / "old.db"
    with open_ledger(path) as ledger:
        ledger.write_batch([extraction("a1")])
        ledger.review(claim("a1").key, "rejected", by="anna")
    with sqlite3.connect(path) as conn:  # as 0004 left it: no ids, no search index
        conn.execute("UPDATE claims SET claim_uid = NULL")
        conn.execute("UPDATE reviews SET claim_uid = NULL")
        for trigger in ("insert", "delete", "update"):
            conn.execute(f"DROP TRIGGER evidence_fts_{trigger}")
        conn.execute("DROP TABLE evidence_fts")
        conn.execute("DELETE FROM schema_migrations WHERE name = '0005_stable_ids_and_search'")
    with open_ledger(path) as ledger:
        assert ledger.reviews()[0].claim_id == claim("a1").id
        assert ledger.review_status(claim("a1").id) == "rejected"
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH 'Erwähnung'")
        assert len(found.fetchall()) == 1
