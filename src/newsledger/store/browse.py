"""Browsing the ledger's current claims: full-text search, facets with counts, sorting and
keyset pagination (what the web app's claims page and its exports read).

Facet values of a claim come from four tables (its article, canonical speaker, story and
latest review), so filtering and counting them in the ledger costs a join over every
claim per facet: seconds at 100k claims. :class:`ClaimBrowser` therefore keeps a **facet
index**: one row per current claim with its facet values and sort keys, in an in-memory
SQLite database with an index on each column, built with one read of the ledger and
rebuilt when the ledger's version (:func:`ledger_version`: the highest row ids of what a
write adds, and the time the links were saved) has moved. Filters, counts, facets and the
order of a page are answered there; full-text search (the ledger's FTS5 or PostgreSQL
index) gives the matching claims, and a page's shown columns are read from the ledger by
row id. Only bound parameters reach either database; facet and sort names are looked up
in fixed tables, never spliced into SQL.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Integer, and_, func, literal, select, text

from newsledger.errors import StoreError
from newsledger.store import schema as t

# Facets in the order a reader scans them; NONE stands for "no value" (no speaker, unit…).
FACETS = ("speaker", "outlet", "qualifier", "certainty", "polarity", "unit", "story", "review",
          "month")
NONE = "(none)"
SORTS = ("date", "-date", "confidence", "-confidence", "value", "-value")
SORT_COLUMNS = {"date": "sort_date", "confidence": "confidence", "value": "value"}
MAX_LIMIT = 500
EXPORT_BATCH = MAX_LIMIT
UNDATED = "9999"  # sorts undated claims after dated ones


@dataclass(frozen=True, slots=True)
class ClaimQuery:
    """What to show: ``q`` searches the evidence sentences (words, all must occur; a word
    matches as a prefix); ``filters`` maps facet names to a value (NONE: no value);
    ``since`` keeps claims stated (or published) from that date on; ``after`` is the
    cursor of the previous page."""

    q: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    since: str | None = None
    sort: str = "date"
    after: str | None = None
    limit: int = 50

    def check(self) -> None:
        unknown = sorted(set(self.filters) - set(FACETS))
        if unknown:
            raise StoreError(f"unknown filter {unknown[0]!r}; filters: {', '.join(FACETS)}")
        if self.sort not in SORTS:
            raise StoreError(f"sort must be one of {', '.join(SORTS)}; got {self.sort!r}")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise StoreError(f"limit must be between 1 and {MAX_LIMIT}; got {self.limit}")
        if self.since is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", self.since):
            raise StoreError(f"since must be a date YYYY-MM-DD, YYYY-MM or YYYY; got {self.since!r}")
        if self.after is not None:
            decode_cursor(self.after)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One current claim as the claims list shows it (plain values, JSON-ready)."""

    id: str
    article: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    speaker: str | None
    speaker_text: str | None
    value_low: float
    value_high: float
    qualifier: str
    unit: str | None
    counted: str | None
    polarity: str
    certainty: str
    when: str | None
    confidence: float
    group: str | None
    story: str | None
    review: str
    sentence: str | None


def encode_cursor(value: Any, row_id: int) -> str:
    raw = json.dumps([value, row_id]).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> tuple[Any, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        value, row_id = json.loads(raw)
        if not isinstance(row_id, int) or isinstance(value, (list, dict)):
            raise ValueError
    except (ValueError, TypeError, binascii.Error):
        raise StoreError(f"not a page cursor: {cursor[:40]!r}; follow the 'next' link") from None
    return value, row_id


def fts_query(q: str) -> str:
    """The user's words as an FTS5 query: each a quoted prefix term (no operators, so
    nothing the user types is FTS syntax)."""
    return " ".join(f'"{word}"*' for word in re.findall(r"\w+", q))


class ClaimBrowser:
    """Reads over the ledger's read connection (its errors become StoreError), through a
    facet index it keeps current. Safe to share between threads."""

    def __init__(self, reading: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._reading = reading
        self._lock = threading.Lock()
        self._index: sqlite3.Connection | None = None
        self._version: tuple | None = None
        self._last_search: tuple[tuple, list[int]] | None = None
        self._loaded_hits: list[int] | None = None  # the search hits in the index's table

    def page(self, query: ClaimQuery) -> tuple[list[ClaimRow], str | None]:
        """One page of claims and the cursor of the next page (None on the last)."""
        query.check()
        with self._matching(query) as (index, where, params):
            column, descending = _sort(query.sort)
            if query.after is not None:
                value, row_id = decode_cursor(query.after)
                compare = "<" if descending else ">"
                where += (f" AND ({column} {compare} :after_value OR ({column} = :after_value"
                          f" AND row {compare} :after_row))")
                params.update(after_value=value, after_row=row_id)
            order = f"{column} DESC, row DESC" if descending else f"{column}, row"
            found = index.execute(f"SELECT row, {column} FROM facet_index WHERE {where} "
                                  f"ORDER BY {order} LIMIT :limit",
                                  {**params, "limit": query.limit + 1}).fetchall()
        more = len(found) > query.limit
        found = found[:query.limit]
        cursor = encode_cursor(found[-1][1], found[-1][0]) if more else None
        return self._shown([row for row, _ in found]), cursor

    def rows(self, query: ClaimQuery) -> Iterator[ClaimRow]:
        """Every claim the query matches, read in pages (constant memory, for exports)."""
        after = query.after
        while True:
            rows, after = self.page(_with(query, after=after, limit=EXPORT_BATCH))
            yield from rows
            if after is None:
                return

    def count(self, query: ClaimQuery) -> int:
        query.check()
        with self._matching(query) as (index, where, params):
            return index.execute(f"SELECT count(*) FROM facet_index WHERE {where}",
                                 params).fetchone()[0]

    def facets(self, query: ClaimQuery, *, top: int = 12) -> dict[str, list[tuple[str, int]]]:
        """For each facet, its most frequent values among the matching claims (with counts)."""
        query.check()
        out: dict[str, list[tuple[str, int]]] = {}
        with self._matching(query) as (index, where, params):
            source = "facet_index"
            if query.q.strip():  # copied once, the hits' rows are counted without look-ups
                index.execute("DROP TABLE IF EXISTS matched")
                index.execute(f"CREATE TEMP TABLE matched AS SELECT {', '.join(FACETS)} "
                              f"FROM facet_index WHERE {where}", params)
                source, where, params = "matched", "1 = 1", {}
            for name in FACETS:  # a fixed name, never user input
                counted = index.execute(
                    f"SELECT {name}, count(*) AS n FROM {source} WHERE {where} "
                    f"GROUP BY {name} ORDER BY n DESC, {name} LIMIT :top", {**params, "top": top})
                out[name] = [(NONE if value is None else str(value), n) for value, n in counted]
        return out

    def review_queue(self, limit: int = 50) -> list[ClaimRow]:
        """Unreviewed claims, the least confident first."""
        query = ClaimQuery(filters={"review": "unreviewed"}, sort="confidence", limit=limit)
        return self.page(query)[0]

    # -- the facet index ------------------------------------------------------------------

    @contextmanager
    def _matching(self, query: ClaimQuery) -> Iterator[tuple[sqlite3.Connection, str, dict]]:
        """The current facet index (held under its lock) and the query as a WHERE clause
        over it with its parameters; search hits go to its ``hits`` table first."""
        hits = self._search_hits(query.q) if query.q.strip() else None
        with self._lock:
            index = self._current_index()
            if hits is not None and hits is not self._loaded_hits:  # not loaded already
                index.execute("DELETE FROM hits")
                index.executemany("INSERT OR IGNORE INTO hits VALUES (?)", [(h,) for h in hits])
                self._loaded_hits = hits
            yield (index, *_where(query, searched=hits is not None))

    def _current_index(self) -> sqlite3.Connection:
        """The facet index, brought up to date first (call under the lock): only the
        review column when nothing but reviews were added (a reviewer working through
        the queue), else rebuilt."""
        with self._reading() as conn:
            version = ledger_version(conn)
            if self._index is None or not _only_reviews_moved(self._version, version):
                self._index, self._loaded_hits = _build_index(conn), None
            elif version != self._version:
                _refresh_reviews(conn, self._index, since_review=self._version[REVIEWS] or 0)
            self._version = version
        return self._index

    def _search_hits(self, q: str) -> list[int]:
        """Claim rows whose evidence matches ``q``; the last search is kept while the
        ledger stays as it was (a page asks for its rows, count and facets)."""
        with self._reading() as conn:
            key = (q, ledger_version(conn))
            cached = self._last_search  # one read: other threads may replace it meanwhile
            if cached is None or cached[0] != key:
                found = conn.scalars(select(_search(conn, q).subquery().c.claim_id).distinct())
                cached = self._last_search = (key, list(found))
        return cached[1]

    def _shown(self, row_ids: Sequence[int]) -> list[ClaimRow]:
        """The shown columns of these claims, in this order."""
        if not row_ids:
            return []
        with self._reading() as conn:
            found = {r["_row"]: r for r in conn.execute(
                _shown_query().where(t.claims.c.id.in_(list(row_ids)))).mappings()}
        return [_row(found[row]) for row in row_ids if row in found]


def _where(query: ClaimQuery, *, searched: bool) -> tuple[str, dict[str, Any]]:
    clauses, params = ["1 = 1"], {}
    for i, (name, value) in enumerate(sorted(query.filters.items())):
        if name not in FACETS:
            raise StoreError(f"unknown filter {name!r}")
        if value == NONE:
            clauses.append(f"{name} IS NULL")
        else:
            clauses.append(f"{name} = :f{i}")
            params[f"f{i}"] = value
    if query.since:
        # A coarser date counts when it contains `since` ('2024-11' for '2024-11-05').
        clauses.append("(stated >= :since OR substr(:since, 1, length(stated)) = stated)")
        params["since"] = query.since
    if searched:
        clauses.append("row IN (SELECT row FROM hits)")
    return " AND ".join(clauses), params


def _sort(sort: str) -> tuple[str, bool]:
    return SORT_COLUMNS[sort.lstrip("-")], sort.startswith("-")


def ledger_version(conn: Connection) -> tuple:
    """What moves when a write changes what browsing shows: the highest row id of
    articles, claims, reviews and entity edits, and when the links were last saved."""
    tables = (t.articles, t.claims, t.reviews, t.entity_edits)
    ids = tuple(conn.scalar(select(func.max(table.c.id))) for table in tables)
    return (*ids, conn.scalar(select(t.link_state.c.saved_at)))


REVIEWS = 2  # where the reviews' highest row id stands in ledger_version()


def _only_reviews_moved(before: tuple | None, now: tuple) -> bool:
    return before is not None and all(a == b for i, (a, b) in enumerate(zip(before, now))
                                      if i != REVIEWS)


def _refresh_reviews(conn: Connection, index: sqlite3.Connection, *, since_review: int) -> None:
    """Set the review facet of the claims reviewed after row ``since_review``."""
    r = t.reviews.c
    latest: dict[str, str] = {}
    query = select(r.claim_uid, r.status).where(r.id > since_review, r.claim_uid.is_not(None))
    for uid, status in conn.execute(query.order_by(r.id)):
        latest[uid] = status
    index.executemany("UPDATE facet_index SET review = ? WHERE uid = ?",
                      [(status, uid) for uid, status in latest.items()])


INDEX_COLUMNS = (*FACETS, "stated", "sort_date", "confidence", "value", "uid")


def _build_index(conn: Connection) -> sqlite3.Connection:
    """One row per current claim: its facet values and sort keys, each column indexed."""
    index = sqlite3.connect(":memory:", check_same_thread=False)
    columns = ", ".join(INDEX_COLUMNS)
    index.execute(f"CREATE TABLE facet_index (row INTEGER PRIMARY KEY, {columns})")
    index.execute("CREATE TABLE hits (row INTEGER PRIMARY KEY)")
    rows = conn.execute(_index_query()).all()
    placeholders = ", ".join("?" for _ in range(len(INDEX_COLUMNS) + 1))
    index.executemany(f"INSERT INTO facet_index VALUES ({placeholders})", rows)
    for name in INDEX_COLUMNS:
        index.execute(f"CREATE INDEX ix_{name} ON facet_index ({name}, row)")
    index.execute("ANALYZE")
    return index


def _index_query():
    c, a, r = t.claims.c, t.articles.c, t.reviews.c
    latest = (select(r.claim_uid, func.max(r.id).label("last")).group_by(r.claim_uid)
              .subquery("latest"))
    status = t.reviews.alias("status")
    stated = func.coalesce(c.when_stated, a.published)
    return select(
        c.id, func.coalesce(_entities.c.name, c.speaker_name, c.speaker_text), a.outlet,
        c.qualifier, c.certainty, c.polarity, c.unit, _story_articles.c.story_id,
        func.coalesce(status.c.status, literal("unreviewed")), func.substr(stated, 1, 7),
        stated, func.coalesce(stated, literal(UNDATED)), c.confidence, c.value_low, c.claim_uid,
    ).select_from(
        _joined()
        .outerjoin(latest, latest.c.claim_uid == c.claim_uid)
        .outerjoin(status, status.c.id == latest.c.last)
    ).where(~c.superseded)


_aliases = t.aliases.alias("al")
_entities = t.entities.alias("en")
_story_articles = t.story_articles.alias("sa")


def _joined():
    c, a = t.claims.c, t.articles.c
    return (t.claims.join(t.articles, and_(a.article_id == c.article_id,
                                           a.version == c.article_version))
            .outerjoin(_aliases, _aliases.c.alias == c.speaker_name)
            .outerjoin(_entities, _entities.c.id == _aliases.c.entity_id)
            .outerjoin(_story_articles, _story_articles.c.article_id == c.article_id))


def _shown_query():
    c, a, e, r = t.claims.c, t.articles.c, t.evidence.c, t.reviews.c
    sentence = (select(e.sentence).where(e.claim_id == c.id).order_by(e.id).limit(1)
                .scalar_subquery())
    review = (select(r.status).where(r.claim_uid == c.claim_uid).order_by(r.id.desc()).limit(1)
              .scalar_subquery())
    return select(
        c.id.label("_row"), c.claim_uid, c.article_id, a.title, a.url, a.outlet, a.published,
        func.coalesce(_entities.c.name, c.speaker_name, c.speaker_text).label("speaker"),
        c.speaker_text, c.value_low, c.value_high, c.qualifier, c.unit, c.counted, c.polarity,
        c.certainty, c.when_stated, c.confidence, c.group_id,
        _story_articles.c.story_id, func.coalesce(review, literal("unreviewed")).label("review"),
        sentence.label("sentence"),
    ).select_from(_joined())


def _with(query: ClaimQuery, **changes: Any) -> ClaimQuery:
    values = {name: getattr(query, name) for name in ClaimQuery.__slots__}
    return ClaimQuery(**{**values, **changes})


def _search(conn: Connection, q: str):
    """Claim row ids whose evidence matches ``q`` (the database's full-text index)."""
    if conn.dialect.name == "sqlite":
        matching = text("SELECT e.claim_id FROM evidence e JOIN evidence_fts f ON f.rowid = e.id "
                        "WHERE evidence_fts MATCH :match").bindparams(match=fts_query(q) or '""')
    else:
        matching = text("SELECT claim_id FROM evidence WHERE to_tsvector('german', sentence) "
                        "@@ plainto_tsquery('german', :match)").bindparams(match=q)
    return matching.columns(claim_id=Integer)


def _row(row: Mapping[str, Any]) -> ClaimRow:
    return ClaimRow(
        id=row["claim_uid"], article=row["article_id"], title=row["title"], url=row["url"],
        outlet=row["outlet"], published=row["published"], speaker=row["speaker"],
        speaker_text=row["speaker_text"], value_low=row["value_low"],
        value_high=row["value_high"], qualifier=row["qualifier"], unit=row["unit"],
        counted=row["counted"], polarity=row["polarity"], certainty=row["certainty"],
        when=row["when_stated"], confidence=row["confidence"], group=row["group_id"],
        story=row["story_id"], review=row["review"], sentence=row["sentence"],
    )
