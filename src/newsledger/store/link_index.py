"""The linker's look-up tables (``link_*``): reads by key, and writes of what changed.

:class:`StoredLinkIndex` answers the linker's look-ups (:class:`newsledger.link.index.
LinkIndex`) with indexed queries; :func:`write_index` stores an
:class:`~newsledger.link.index.IndexChanges` and :func:`apply_story_events` moves the
``story_articles`` rows as placements and merges say. Both run inside the caller's
transaction (the ledger's ``save_links`` / ``add_links``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, or_, select, update

from newsledger.link.index import ArticleEntry, IndexChanges, Merge, Placement, StoryEntry
from newsledger.store import schema as t
from newsledger.store.sql import chunks, insert_many, replace_rows



class StoredLinkIndex:
    """The linker's look-ups, answered from the ledger's ``link_*`` tables.

    Each look-up runs for every article placed, so its statement is built once, with an
    expanding IN parameter (building an IN of hundreds of values anew costs more than
    SQLite's answer)."""

    def __init__(self, reading: Callable[[], AbstractContextManager[Connection]]) -> None:
        self._reading = reading  # the ledger's read connection (errors become StoreError)

    def frequencies(self, terms: Collection[str]) -> dict[str, int]:
        with self._reading() as conn:
            return {term: documents for chunk in chunks(sorted(terms))
                    for term, documents in conn.execute(_FREQUENCIES, {"terms": list(chunk)})}

    def stories_with(self, terms: Collection[str], since: str | None) -> set[str]:
        query = _STORIES_WITH if since is None else _STORIES_WITH_SINCE
        found: set[str] = set()
        with self._reading() as conn:
            for chunk in chunks(sorted(terms)):
                found.update(conn.scalars(query, {"terms": list(chunk), "since": since}))
        return found

    def story_states(self, ids: Collection[str]) -> dict[str, bytes]:
        return self._story_column(_STORY_STATES, ids)

    def group_states(self, ids: Collection[str]) -> dict[str, bytes]:
        return self._story_column(_GROUP_STATES, ids)

    def _story_column(self, query, ids: Collection[str]) -> dict[str, bytes]:
        with self._reading() as conn:
            return {story_id: bytes(value) for chunk in chunks(sorted(ids))
                    for story_id, value in conn.execute(query, {"ids": list(chunk)})}

    def copies(self, bands: Sequence[tuple[int, bytes]], since: str | None) -> list[ArticleEntry]:
        if not bands:
            return []
        values = {f"band{i}": band for i, (band, _) in enumerate(bands)}
        values.update({f"bucket{i}": bucket for i, (_, bucket) in enumerate(bands)})
        with self._reading() as conn:
            return [ArticleEntry(article=row.article_id, story=row.story_id,
                                 published=row.published, original=row.original,
                                 hashvalues=bytes(row.hashvalues))
                    for row in conn.execute(_copies_query(len(bands), since is not None),
                                            {**values, "since": since})]


_p, _s = t.link_postings.c, t.link_stories.c
_FREQUENCIES = select(t.link_terms.c.term, t.link_terms.c.documents).where(
    t.link_terms.c.term.in_(bindparam("terms", expanding=True)))
_STORIES_WITH = (select(_p.story_id).distinct()
                 .join_from(t.link_postings, t.link_stories, _p.story_id == _s.story_id)
                 .where(_p.term.in_(bindparam("terms", expanding=True))))
_STORIES_WITH_SINCE = _STORIES_WITH.where(
    or_(_s.last_date.is_(None), _s.last_date >= bindparam("since")))
_STORY_STATES, _GROUP_STATES = (
    select(_s.story_id, column).where(_s.story_id.in_(bindparam("ids", expanding=True)))
    for column in (_s.state, _s.groups))


@functools.cache
def _copies_query(bands: int, dated: bool):
    """The articles sharing one of ``bands`` LSH buckets (parameters band<i>, bucket<i>,
    since): an OR of pairs, not a row-value IN, since SQLite searches its index for these."""
    b, a = t.link_bands.c, t.link_articles.c
    query = (select(a.article_id, a.story_id, a.published, a.original, a.hashvalues)
             .distinct()
             .join_from(t.link_bands, t.link_articles, b.article_id == a.article_id)
             .where(or_(*(and_(b.band == bindparam(f"band{i}"),
                               b.bucket == bindparam(f"bucket{i}")) for i in range(bands)))))
    if dated:
        query = query.where(or_(a.published.is_(None), a.published >= bindparam("since")))
    return query.order_by(a.article_id)


def write_index(conn: Connection, changes: IndexChanges) -> None:
    """Store what the linker changed (``whole``: replace the tables), then drop the
    rows closed by ``changes.horizon``."""
    if changes.whole:
        for table in t.LINK_INDEX_TABLES:
            conn.execute(delete(table))
    _write_frequencies(conn, changes.frequencies, whole=changes.whole)
    for merge in changes.merges:
        conn.execute(update(t.link_articles).where(t.link_articles.c.story_id == merge.gone)
                     .values(story_id=merge.kept))
    _delete_stories(conn, changes.gone)
    _write_stories(conn, changes.stories)
    _delete_postings(conn, changes.postings_removed)
    insert_many(conn, t.link_postings,
                 [{"term": term, "story_id": story} for term, story in changes.postings_added])
    insert_many(conn, t.link_articles, [
        {"article_id": e.article, "story_id": e.story, "published": e.published,
         "original": e.original, "hashvalues": e.hashvalues} for e in changes.articles])
    insert_many(conn, t.link_bands, [
        {"band": band, "bucket": bucket, "article_id": e.article}
        for e in changes.articles for band, bucket in e.bands])
    if changes.horizon is not None:
        _drop_closed(conn, changes.horizon)


def _write_stories(conn: Connection, entries: Sequence[StoryEntry]) -> None:
    replace_rows(conn, t.link_stories, t.link_stories.c.story_id, [e.id for e in entries],
                 [{"story_id": e.id, "last_date": e.last, "state": e.state, "groups": e.groups}
                  for e in entries])


def _write_frequencies(conn: Connection, frequencies: dict[str, int], *, whole: bool) -> None:
    terms = sorted(frequencies)
    replace_rows(conn, t.link_terms, t.link_terms.c.term, [] if whole else terms,
                 [{"term": term, "documents": frequencies[term]} for term in terms])


def _drop_closed(conn: Connection, horizon: str) -> None:
    """Stories last active, and articles published, before ``horizon`` can no longer take
    a new article (which comes in date order): drop them from the look-ups. An index
    on the date makes this cost what it drops."""
    s, a = t.link_stories.c, t.link_articles.c
    _delete_stories(conn, list(conn.scalars(select(s.story_id).where(s.last_date < horizon))))
    old = list(conn.scalars(select(a.article_id).where(a.published < horizon)))
    for chunk in chunks(old):
        conn.execute(delete(t.link_bands).where(t.link_bands.c.article_id.in_(chunk)))
        conn.execute(delete(t.link_articles).where(a.article_id.in_(chunk)))


def _delete_stories(conn: Connection, ids: Sequence[str]) -> None:
    for chunk in chunks(sorted(ids)):
        conn.execute(delete(t.link_postings).where(t.link_postings.c.story_id.in_(chunk)))
        conn.execute(delete(t.link_stories).where(t.link_stories.c.story_id.in_(chunk)))


def _delete_postings(conn: Connection, pairs: Sequence[tuple[str, str]]) -> None:
    # per story, not a row-value IN of pairs: SQLite would scan the table for that
    p = t.link_postings.c
    terms_of: dict[str, list[str]] = {}
    for term, story in pairs:
        terms_of.setdefault(story, []).append(term)
    for story, terms in sorted(terms_of.items()):
        for chunk in chunks(sorted(terms)):
            conn.execute(delete(t.link_postings).where(p.story_id == story, p.term.in_(chunk)))


def apply_story_events(conn: Connection, events: Sequence[Placement | Merge],
                       labels: Mapping[str, str]) -> None:
    """Add placed articles to ``story_articles`` and move a merged story's rows behind
    the kept story's, in the order they happened (a merge moves earlier placements);
    then delete the merged stories and give the others their ``labels``. Story rows are
    updated, not replaced: deleting one would take its articles with it (cascade)."""
    st, sa = t.stories.c, t.story_articles.c
    needed = sorted({e.story for e in events if isinstance(e, Placement)} | set(labels))
    stored = {story for chunk in chunks(needed)
              for story in conn.scalars(select(st.id).where(st.id.in_(chunk)))}
    insert_many(conn, t.stories, [{"id": story, "label": labels.get(story, "")}
                                   for story in needed if story not in stored])
    pending: list[dict[str, Any]] = []
    for event in events:
        if isinstance(event, Placement):
            pending.append({"story_id": event.story, "article_id": event.article,
                            "position": event.position, "duplicate_of": event.duplicate_of})
            continue
        insert_many(conn, t.story_articles, pending)
        pending = []
        conn.execute(update(t.story_articles).where(sa.story_id == event.gone)
                     .values(story_id=event.kept, position=sa.position + event.offset))
    insert_many(conn, t.story_articles, pending)
    gone = sorted({e.gone for e in events if isinstance(e, Merge)})
    for chunk in chunks(gone):
        conn.execute(delete(t.stories).where(st.id.in_(chunk)))
    if labels:
        conn.execute(update(t.stories).where(st.id == bindparam("story"))
                     .values(label=bindparam("new_label")),
                     [{"story": story, "new_label": label} for story, label in labels.items()])
