"""Browsing the ledger's current claims: full-text search, facets with counts, sorting and
keyset pagination (what the web app's claims page and its exports read).

One query shape serves a page, the facet counts and a streamed export: the current
claims joined to their article, canonical speaker, story and latest review, filtered by
a :class:`ClaimQuery`. Only bound parameters reach the database; facet and sort names are
looked up in fixed tables, never spliced into SQL.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Integer, and_, func, literal, or_, select, text
from sqlalchemy.sql import ColumnElement, Select

from newsledger.errors import StoreError
from newsledger.store import schema as t

# Facets in the order a reader scans them; NONE stands for "no value" (no speaker, unit…).
FACETS = ("speaker", "outlet", "qualifier", "certainty", "polarity", "unit", "story", "review",
          "month")
NONE = "(none)"
SORTS = ("date", "-date", "confidence", "-confidence", "value", "-value")
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
    """Reads over the ledger's read connection (its errors become StoreError)."""

    def __init__(self, reading: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._reading = reading

    def page(self, query: ClaimQuery) -> tuple[list[ClaimRow], str | None]:
        """One page of claims and the cursor of the next page (None on the last)."""
        query.check()
        with self._reading() as conn:
            found = list(conn.execute(_paged(conn, query, query.limit + 1)).mappings())
        more = len(found) > query.limit
        found = found[:query.limit]
        cursor = encode_cursor(found[-1]["_sort"], found[-1]["_row"]) if more else None
        return [_row(r) for r in found], cursor

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
        with self._reading() as conn:
            inner = _filtered(conn, query, shown_columns=False).subquery()
            return conn.scalar(select(func.count()).select_from(inner))

    def facets(self, query: ClaimQuery, *, top: int = 12) -> dict[str, list[tuple[str, int]]]:
        """For each facet, its most frequent values among the matching claims (with counts)."""
        query.check()
        out: dict[str, list[tuple[str, int]]] = {}
        with self._reading() as conn:
            inner = _filtered(conn, query, shown_columns=False).subquery()
            for name in FACETS:
                column = inner.c[f"f_{name}"]
                counted = (select(column, func.count().label("n")).group_by(column)
                           .order_by(func.count().desc(), column).limit(top))
                out[name] = [(NONE if value is None else str(value), n)
                             for value, n in conn.execute(counted)]
        return out

    def review_queue(self, limit: int = 50) -> list[ClaimRow]:
        """Unreviewed claims, the least confident first."""
        query = ClaimQuery(filters={"review": "unreviewed"}, sort="confidence", limit=limit)
        return self.page(query)[0]


def _with(query: ClaimQuery, **changes: Any) -> ClaimQuery:
    values = {name: getattr(query, name) for name in ClaimQuery.__slots__}
    return ClaimQuery(**{**values, **changes})


def _columns() -> dict[str, ColumnElement]:
    """Facet name -> its expression over claims c, articles a, entities en, story_articles sa."""
    c, a, r = t.claims.c, t.articles.c, t.reviews.c
    latest_review = (select(r.status).where(r.claim_uid == t.claims.c.claim_uid)
                     .order_by(r.id.desc()).limit(1).scalar_subquery())
    stated = func.coalesce(c.when_stated, a.published)
    return {
        "speaker": func.coalesce(_entities.c.name, c.speaker_name, c.speaker_text),
        "outlet": a.outlet,
        "qualifier": c.qualifier,
        "certainty": c.certainty,
        "polarity": c.polarity,
        "unit": c.unit,
        "story": _story_articles.c.story_id,
        "review": func.coalesce(latest_review, literal("unreviewed")),
        "month": func.substr(stated, 1, 7),
    }


_aliases = t.aliases.alias("al")
_entities = t.entities.alias("en")
_story_articles = t.story_articles.alias("sa")


def _sort_expression(sort: str) -> tuple[ColumnElement, bool]:
    c, a = t.claims.c, t.articles.c
    name, descending = sort.lstrip("-"), sort.startswith("-")
    expressions = {
        "date": func.coalesce(c.when_stated, a.published, literal(UNDATED)),
        "confidence": c.confidence,
        "value": c.value_low,
    }
    return expressions[name], descending


def _shown_columns(sort: ColumnElement) -> list[ColumnElement]:
    c, a, e = t.claims.c, t.articles.c, t.evidence.c
    sentence = (select(e.sentence).where(e.claim_id == c.id).order_by(e.id).limit(1)
                .scalar_subquery())
    return [
        c.id.label("_row"), sort.label("_sort"), c.claim_uid, c.article_id, a.title, a.url,
        a.outlet.label("a_outlet"), a.published, c.speaker_text, c.value_low, c.value_high,
        c.qualifier.label("c_qualifier"), c.unit.label("c_unit"), c.counted,
        c.polarity.label("c_polarity"), c.certainty.label("c_certainty"), c.when_stated,
        c.confidence, c.group_id, sentence.label("sentence"),
    ]


def _filtered(conn: Connection, query: ClaimQuery, *, shown_columns: bool = True) -> Select:
    """The matching current claims with their facet columns (``f_<facet>``) and, unless
    only counted, the columns a page shows."""
    c, a = t.claims.c, t.articles.c
    columns = _columns()
    sort, _ = _sort_expression(query.sort)
    shown = select(
        *(_shown_columns(sort) if shown_columns else [c.id]),
        *(expression.label(f"f_{name}") for name, expression in columns.items()),
    ).select_from(
        t.claims.join(t.articles, and_(a.article_id == c.article_id,
                                       a.version == c.article_version))
        .outerjoin(_aliases, _aliases.c.alias == c.speaker_name)
        .outerjoin(_entities, _entities.c.id == _aliases.c.entity_id)
        .outerjoin(_story_articles, _story_articles.c.article_id == c.article_id)
    ).where(~c.superseded)
    for name, value in sorted(query.filters.items()):
        column = columns[name]
        shown = shown.where(column.is_(None) if value == NONE else column == value)
    if query.since:
        stated = func.coalesce(c.when_stated, a.published)
        shown = shown.where(or_(stated >= query.since, literal(query.since).startswith(stated)))
    if query.q.strip():
        shown = shown.where(c.id.in_(_search(conn, query.q)))
    return shown


def _search(conn: Connection, q: str):
    """Claim row ids whose evidence matches ``q`` (the database's full-text index)."""
    if conn.dialect.name == "sqlite":
        matching = text("SELECT e.claim_id FROM evidence e JOIN evidence_fts f ON f.rowid = e.id "
                        "WHERE evidence_fts MATCH :match").bindparams(match=fts_query(q) or '""')
    else:
        matching = text("SELECT claim_id FROM evidence WHERE to_tsvector('german', sentence) "
                        "@@ plainto_tsquery('german', :match)").bindparams(match=q)
    return matching.columns(claim_id=Integer)


def _paged(conn: Connection, query: ClaimQuery, limit: int) -> Select:
    sort, descending = _sort_expression(query.sort)
    c = t.claims.c
    shown = _filtered(conn, query)
    if query.after is not None:
        value, row_id = decode_cursor(query.after)
        later = (or_(sort < value, and_(sort == value, c.id < row_id)) if descending
                 else or_(sort > value, and_(sort == value, c.id > row_id)))
        shown = shown.where(later)
    order = (sort.desc(), c.id.desc()) if descending else (sort, c.id)
    return shown.order_by(*order).limit(limit)


def _row(row: Mapping[str, Any]) -> ClaimRow:
    return ClaimRow(
        id=row["claim_uid"], article=row["article_id"], title=row["title"], url=row["url"],
        outlet=row["a_outlet"], published=row["published"], speaker=row["f_speaker"],
        speaker_text=row["speaker_text"], value_low=row["value_low"],
        value_high=row["value_high"], qualifier=row["c_qualifier"], unit=row["c_unit"],
        counted=row["counted"], polarity=row["c_polarity"], certainty=row["c_certainty"],
        when=row["when_stated"], confidence=row["confidence"], group=row["group_id"],
        story=row["f_story"], review=row["f_review"], sentence=row["sentence"],
    )
