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

from sqlalchemy import Connection, String, bindparam, delete, insert, inspect, select, text, update
from sqlalchemy.schema import Column, CreateColumn

from newsledger.errors import StoreError
from newsledger.model import Evidence, claim_id
from newsledger.store import schema
from newsledger.store.sql import chunks

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


# Full-text search over evidence sentences. SQLite: an FTS5 index whose content is the
# evidence table itself (no second copy of the text), kept in step by triggers, so every
# writer (ours, or someone's sqlite3 session) keeps it right. remove_diacritics folds
# "Kiew"/"Kíew" alike; German umlauts stay letters of their own.
SQLITE_FTS = (
    """CREATE VIRTUAL TABLE IF NOT EXISTS evidence_fts USING fts5(
        sentence, content='evidence', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS evidence_fts_insert AFTER INSERT ON evidence BEGIN
        INSERT INTO evidence_fts(rowid, sentence) VALUES (new.id, new.sentence); END""",
    """CREATE TRIGGER IF NOT EXISTS evidence_fts_delete AFTER DELETE ON evidence BEGIN
        INSERT INTO evidence_fts(evidence_fts, rowid, sentence)
        VALUES ('delete', old.id, old.sentence); END""",
    """CREATE TRIGGER IF NOT EXISTS evidence_fts_update AFTER UPDATE ON evidence BEGIN
        INSERT INTO evidence_fts(evidence_fts, rowid, sentence)
        VALUES ('delete', old.id, old.sentence);
        INSERT INTO evidence_fts(rowid, sentence) VALUES (new.id, new.sentence); END""",
    "INSERT INTO evidence_fts(evidence_fts) VALUES ('rebuild')",
)
# PostgreSQL: the German text search configuration (stemming, stop words) over an
# expression index; queries must use the same expression to hit it.
POSTGRES_FTS = ("CREATE INDEX IF NOT EXISTS ix_evidence_fts ON evidence "
                "USING GIN (to_tsvector('german', sentence))")


def stable_ids_and_search(conn: Connection) -> None:
    """Claim ids by article and figure offsets (``Claim.id``), reviews keyed to them,
    the redirect table of story and group ids, and full-text search over evidence.
    Idempotent: a fresh file has the columns and table already; ids are filled only
    where missing."""
    for table in ("claims", "reviews"):
        add_column_if_missing(conn, table, Column("claim_uid", String(12)))
    for table in ("claims", "reviews"):
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS ix_{table}_uid ON {table} (claim_uid)"))
    schema.id_redirects.create(conn, checkfirst=True)
    _fill_claim_uids(conn)
    _fill_review_uids(conn)
    statements = SQLITE_FTS if conn.dialect.name == "sqlite" else (POSTGRES_FTS,)
    for statement in statements:
        conn.execute(text(statement))


def _fill_claim_uids(conn: Connection) -> None:
    c, e = schema.claims.c, schema.evidence.c
    missing = list(conn.execute(select(c.id, c.article_id).where(c.claim_uid.is_(None))))
    for chunk in chunks(missing):
        evidence: dict[int, list[Evidence]] = {}
        query = select(e.claim_id, e.start_char, e.end_char).where(
            e.claim_id.in_([row.id for row in chunk]))
        for row in conn.execute(query):
            evidence.setdefault(row.claim_id, []).append(Evidence(row.start_char, row.end_char, ""))
        values = [{"row_id": row.id, "uid": claim_id(row.article_id, evidence[row.id])}
                  for row in chunk if row.id in evidence]
        if values:
            conn.execute(update(schema.claims).where(c.id == bindparam("row_id"))
                         .values(claim_uid=bindparam("uid")), values)


def _fill_review_uids(conn: Connection) -> None:
    """A review made before 0005 names a claim key: it takes the id of the claim with
    that key (the current one, else the newest)."""
    c, r = schema.claims.c, schema.reviews.c
    keys = set(conn.scalars(select(r.claim_key).where(r.claim_uid.is_(None))))
    uid_of: dict[str, str] = {}
    for chunk in chunks(sorted(keys)):
        query = (select(c.claim_key, c.claim_uid).where(c.claim_key.in_(chunk),
                 c.claim_uid.is_not(None)).order_by(c.superseded.desc(), c.id))
        uid_of.update(conn.execute(query).all())  # the last row (current, newest) wins
    values = [{"key": key, "uid": uid} for key, uid in uid_of.items()]
    if values:
        conn.execute(update(schema.reviews).where(r.claim_key == bindparam("key"),
                                                  r.claim_uid.is_(None))
                     .values(claim_uid=bindparam("uid")), values)
def link_pending_table(conn: Connection) -> None:
    """The marker of stored but unlinked articles. A ledger that already holds articles
    gets it set: an older newsledger killed while linking left no trace, so the next
    ingest relinks once to be sure."""
    schema.link_pending.create(conn, checkfirst=True)
    has_articles = conn.scalar(select(schema.articles.c.id).limit(1)) is not None
    marked = conn.scalar(select(schema.link_pending.c.id)) is not None
    if has_articles and not marked:
        conn.execute(insert(schema.link_pending).values(id=1, since=now()))
def claim_candidates(conn: Connection) -> None:
    """The sources the attribution considered for each claim, with the ranker's scores
    (JSON; NULL on claims extracted before)."""
    add_column_if_missing(conn, "claims", Column("candidates", schema.JSON))


MIGRATIONS: list[tuple[str, Migration]] = [
    ("0001_initial_tables", initial_tables),
    ("0002_claims_view", claims_view),
    ("0003_link_state", link_state_table),
    ("0004_link_index", link_index_tables),
    ("0005_stable_ids_and_search", stable_ids_and_search),
    ("0006_link_pending", link_pending_table),
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


# Execution option of connections that only read: they begin a plain (deferred)
# transaction, not the write transaction a SQLite ledger's writers begin with.
READING = "newsledger_reading"


def migrate(engine, *, where: str) -> list[str]:
    """Bring the ledger at ``engine`` up to date; returns the names applied now. An
    up-to-date ledger is only read, so opening it never waits for another process's write."""
    with engine.connect().execution_options(**{READING: True}) as conn:
        _refuse_foreign(conn, where)
        tables = inspect(conn).get_table_names()
        done = applied_migrations(conn) if schema.schema_migrations.name in tables else []
    _refuse_newer(done, where)
    if set(done) >= {name for name, _ in MIGRATIONS}:
        return []
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
