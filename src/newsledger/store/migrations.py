"""Named schema migrations, applied in order, each inside its own transaction.

Like sqlite-utils' migrations: a migration is a plain function ``(Connection) -> None``
registered under a name that never changes. ``schema_migrations`` records the names
applied to a file, so opening a ledger runs only the ones it lacks. A file that
lists a name this version does not know was written by a newer newsledger and is
refused (we cannot know what it expects).

To change the schema: edit :mod:`newsledger.store.schema` *and* append a migration.
Because ``initial_tables`` creates the tables from the latest schema, later
migrations must be idempotent (``add_column_if_missing``) so that a fresh file,
which already has the new column, passes through them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, delete, insert, inspect, select, text
from sqlalchemy.schema import Column, CreateColumn

from newsledger.errors import StoreError
from newsledger.store import schema

Migration = Callable[[Connection], None]


def initial_tables(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_migrations]
    schema.metadata.create_all(conn, tables=tables)


# Readable ledger for Datasette / sqlite3 users: current claims with where and when
# they appeared, the latest review and the first evidence sentence. Portable SQL:
# NOT on booleans, correlated subqueries with LIMIT (SQLite and PostgreSQL).
CLAIMS_VIEW = """
CREATE VIEW claims_view AS
SELECT
    c.id AS claim_id,
    a.published,
    a.outlet,
    c.article_id,
    COALESCE(c.speaker_name, c.speaker_text) AS speaker,
    c.speaker_text,
    c.value_low,
    c.value_high,
    c.qualifier,
    c.unit,
    c.counted,
    c.polarity,
    c.certainty,
    c.when_stated,
    c.refers_to,
    c.group_id,
    (SELECT r.status FROM reviews r WHERE r.claim_key = c.claim_key
     ORDER BY r.id DESC LIMIT 1) AS review,
    (SELECT e.sentence FROM evidence e WHERE e.claim_id = c.id
     ORDER BY e.id LIMIT 1) AS sentence,
    a.title,
    a.url,
    c.claim_key
FROM claims c
JOIN articles a ON a.article_id = c.article_id AND a.version = c.article_version
WHERE NOT c.superseded
"""


def claims_view(conn: Connection) -> None:
    conn.execute(text(CLAIMS_VIEW))


def link_state_table(conn: Connection) -> None:
    """The linker's saved state, so ingest adds new articles without relinking all."""
    schema.link_state.create(conn, checkfirst=True)


def link_index_tables(conn: Connection) -> None:
    """The linker's state as look-up tables, and spelling keys of the aliases; the one-blob
    state of 0003 is dropped (its linker version is gone, so the next ingest relinks and
    fills the tables)."""
    for table in (*schema.LINK_INDEX_TABLES, schema.alias_keys):
        table.create(conn, checkfirst=True)
    conn.execute(delete(schema.link_state))


def claim_candidates(conn: Connection) -> None:
    """The sources the attribution considered for each claim, with the ranker's scores
    (JSON; NULL on claims extracted before)."""
    add_column_if_missing(conn, "claims", Column("candidates", schema.JSON))


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial_tables", initial_tables),
    ("0002_claims_view", claims_view),
    ("0003_link_state", link_state_table),
    ("0004_link_index", link_index_tables),
    ("0007_claim_candidates", claim_candidates),
]


def add_column_if_missing(conn: Connection, table: str, column: Column) -> None:
    """ALTER TABLE ... ADD COLUMN unless it is already there."""
    existing = {c["name"] for c in inspect(conn).get_columns(table)}
    if column.name not in existing:
        ddl = CreateColumn(column).compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {ddl}"))


def applied_migrations(conn: Connection) -> list[str]:
    table = schema.schema_migrations
    return list(conn.scalars(select(table.c.name).order_by(table.c.applied_at, table.c.name)))


def migrate(engine, *, where: str) -> list[str]:
    """Bring the ledger at ``engine`` up to date; returns the names applied now."""
    with engine.begin() as conn:
        _refuse_foreign(conn, where)
        schema.schema_migrations.create(conn, checkfirst=True)
        done = applied_migrations(conn)
    _refuse_newer(done, where)
    applied = []
    for name, migration in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            migration(conn)
            conn.execute(insert(schema.schema_migrations).values(name=name, applied_at=now()))
        applied.append(name)
    return applied


def _refuse_foreign(conn: Connection, where: str) -> None:
    """Never add our tables to somebody else's database."""
    tables = inspect(conn).get_table_names()
    if tables and schema.schema_migrations.name not in tables:
        raise StoreError(
            f"{where}: this database is not a newsledger ledger (it has tables "
            f"{', '.join(sorted(tables)[:5])} but no {schema.schema_migrations.name}); "
            "give a new file or an existing ledger"
        )


def _refuse_newer(done: list[str], where: str) -> None:
    known = {name for name, _ in MIGRATIONS}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(
            f"{where}: the ledger has schema migration {unknown[0]!r}, which this newsledger "
            "does not know (it was written by a newer version); upgrade newsledger or use "
            "another ledger file"
        )


def latest_version() -> str:
    return MIGRATIONS[-1][0]


def now() -> str:
    """UTC timestamp as ISO 8601 text: readable in sqlite3, sortable, portable."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
