"""The ledger: one SQL database holding articles, extractions, links and user decisions.

Writes are transactional per call: ``write_batch`` stores a whole batch or nothing
of it, so an interrupted run leaves the ledger as the last completed batch left it,
and re-running the batch completes it (articles already stored are skipped as
unchanged). Reads return model dataclasses, never SQLAlchemy rows.
"""

from __future__ import annotations

import fcntl
import json
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Self

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    and_,
    create_engine,
    delete,
    event,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from newsledger.errors import StoreError, UnknownRecord
from newsledger.model import (
    Article,
    Claim,
    EntityEdit,
    Evidence,
    Extraction,
    Failure,
    Group,
    Mention,
    Quote,
    Relation,
    Speaker,
    Story,
    TimeExpr,
    Value,
)
from newsledger.link.index import IndexChanges, LinkChanges, Merge
from newsledger.store import migrations, rows
from newsledger.store import schema as t
from newsledger.store.sql import chunks, insert_many, replace_rows
from newsledger.store.browse import ClaimBrowser
from newsledger.store.link_index import StoredLinkIndex, apply_story_events, write_index
from newsledger.store.edits import (
    Review,
    ReviewStatus,
    apply_corrections,
    check_review,
)

ArticleState = Literal["new", "unchanged", "changed"]
ClaimKey = tuple | str  # Claim.key, or its text form rows.key_text(key)
# A key's group, or the groups of the claims sharing that key in claim order.
ClaimGroups = Mapping[ClaimKey, str | Sequence[str]]

# Tables of extractor output, superseded together when an article changes.
EXTRACTED = (t.claims, t.quotes, t.times, t.mentions)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What ``write_batch`` did, by article id."""

    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failures: int = 0

    @property
    def stored(self) -> int:
        return len(self.new) + len(self.changed)


@dataclass(frozen=True, slots=True)
class SavedLinkState:
    """The linker's global state as the store keeps it (``LinkState.dump_meta``; the
    rest is the ``link_*`` look-up tables, written with the links).

    ``version`` names the linker it was built with; ``fingerprint`` is the ledger's
    :meth:`Ledger.link_fingerprint` when it was saved (filled in by the store).
    """

    version: str
    state: bytes
    articles: int
    fingerprint: Mapping[str, int] | None = None


def open_ledger(target: str | Path = "ledger.db", *, create: bool = True) -> Ledger:
    """Open (creating and migrating as needed) the ledger at a path or database URL.

    ``target`` is a file path (SQLite) or a URL such as ``sqlite:///ledger.db`` or
    ``postgresql://user@host/db``. Raises StoreError, naming the file, when it is
    not a ledger database, cannot be written, or has a newer schema. With
    ``create=False`` (what read-only commands use) a missing SQLite file is an error
    instead of a new empty ledger, so a mistyped path never answers "nothing found".
    """
    url, where = _resolve(target)
    if not create and url.startswith("sqlite") and where != ":memory:" and not Path(where).exists():
        raise StoreError(f"{where}: no ledger there; create one with `newsledger ingest FILES --db {where}`")
    try:
        engine = create_engine(url)
    except ArgumentError as error:
        raise StoreError(f"{where}: cannot open the ledger: {_reason(error)}") from error
    except ImportError as error:
        raise StoreError(
            f"{where}: cannot open the ledger: its database driver is not installed "
            f"({_reason(error)}); install it, e.g. psycopg for postgresql:// URLs"
        ) from error
    if engine.dialect.name == "sqlite":
        _transactional_sqlite(engine)
    try:
        migrations.migrate(engine, where=where)
    except SQLAlchemyError as error:
        engine.dispose()
        raise StoreError(
            f"{where}: cannot open the ledger ({_reason(error)}); expected a newsledger "
            "database that can be written, or a path where a new one can be created"
        ) from error
    except BaseException:  # StoreError from a check, or a failing migration: re-raised
        engine.dispose()
        raise
    return Ledger(engine, where=where)


def _resolve(target: str | Path) -> tuple[str, str]:
    """(SQLAlchemy URL, how to name it in messages: the path or the URL sans password)."""
    text = str(target)
    if "://" not in text:
        return f"sqlite:///{text}", text
    try:
        url = make_url(text)
    except ArgumentError as error:
        raise StoreError(f"{text}: not a database URL or path ({_reason(error)})") from error
    if url.drivername.startswith("sqlite") and url.database:
        return text, url.database
    return text, url.render_as_string(hide_password=True)


# How long a SQLite write waits for another process's write to finish before giving up
# with "database is locked" (SQLite retries within it; ingests take turns anyway).
BUSY_TIMEOUT_MS = 120_000
READING = migrations.READING


def _transactional_sqlite(engine: Engine) -> None:
    """Make pysqlite honour transactions for DDL too (migrations run inside them):
    we switch off the driver's own BEGIN handling and emit BEGIN ourselves, as the
    SQLAlchemy documentation recommends. Several processes share a ledger: WAL lets
    readers go on while one writes, and a write transaction takes the write lock when
    it begins (BEGIN IMMEDIATE), so it waits for another writer (busy timeout) instead
    of failing when it turns from reading to writing."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        reading = connection.get_execution_options().get(READING)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


RUN_LOCK_KEY = 0x6E736C64  # 'nsld': the PostgreSQL advisory lock of ingest runs


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    try:
        stream = path.open("a+b")
    except OSError as error:
        raise StoreError(f"{path}: cannot open the ledger's lock file ({error.strerror})") from error
    with stream:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX)  # released when the process ends
        try:
            yield
        finally:
            fcntl.flock(stream.fileno(), fcntl.LOCK_UN)


def _reason(error: BaseException) -> str:
    """The driver's own message, one line (SQLAlchemy appends SQL and a link)."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


class Ledger:
    """A ledger database. Use :func:`open_ledger`; close it, or use it as a context manager."""

    def __init__(self, engine: Engine, *, where: str) -> None:
        self._engine = engine
        self.where = where
        self._browser: ClaimBrowser | None = None

    @property
    def url(self) -> str:
        return self._engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, doing: str) -> Iterator[Connection]:
        try:
            with self._engine.begin() as conn:
                yield conn
        except SQLAlchemyError as error:
            raise StoreError(
                f"{self.where}: could not {doing} ({_reason(error)}); nothing of it was stored"
            ) from error

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the ledger's run lock for the ``with`` block (an ingest): another process's
        run waits until this one ends, so two runs give what running them one after the other
        gives. Readers are not held up. The lock goes with the process (a killed run never
        leaves it held): ``flock`` on ``LEDGER.lock`` for SQLite files, a session advisory
        lock on PostgreSQL."""
        if self._engine.dialect.name == "postgresql":
            with self._postgres_lock():
                yield
        elif self.where == ":memory:" or self._engine.dialect.name != "sqlite":
            yield
        else:
            with _file_lock(Path(f"{self.where}.lock")):
                yield

    @contextmanager
    def _postgres_lock(self) -> Iterator[None]:
        lock, unlock = (text(f"SELECT pg_advisory_{what}(:key)") for what in ("lock", "unlock"))
        try:
            with self._engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(lock, {"key": RUN_LOCK_KEY})
                try:
                    yield
                finally:
                    conn.execute(unlock, {"key": RUN_LOCK_KEY})
        except SQLAlchemyError as error:
            raise StoreError(f"{self.where}: could not take the run lock ({_reason(error)})") from error

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._engine.connect().execution_options(**{READING: True}) as conn:
                yield conn
        except SQLAlchemyError as error:
            raise StoreError(f"{self.where}: could not read the ledger ({_reason(error)})") from error

    # --- articles and extractions -------------------------------------------------

    def article_state(self, article: Article) -> ArticleState:
        """'new' (id never stored), 'unchanged' (same text) or 'changed' (new text)."""
        with self._reading() as conn:
            return _state(_current_version(conn, article.id), article)

    def write_batch(
        self, extractions: Sequence[Extraction], failures: Sequence[Failure] = ()
    ) -> BatchResult:
        """Store a batch in ONE transaction: all of it, or nothing of it.

        New articles are inserted as version 1; unchanged ones are skipped; an article
        whose text changed gets a new version, and the previous version's claims,
        quotes, times and mentions are marked superseded (kept as history).
        """
        done: dict[str, list[str]] = {"new": [], "changed": [], "unchanged": []}
        with self._transaction("write the batch") as conn:
            for extraction in extractions:
                done[_write_extraction(conn, extraction)].append(extraction.article.id)
            if done["new"] or done["changed"]:
                _mark_link_pending(conn)
            insert_many(conn, t.failures, [
                rows.failure_row(f, failed_at=migrations.now()) for f in failures
            ])
        return BatchResult(
            new=tuple(done["new"]),
            changed=tuple(done["changed"]),
            unchanged=tuple(done["unchanged"]),
            failures=len(failures),
        )

    def replace_extraction(self, extraction: Extraction) -> Literal["new", "changed", "replaced"]:
        """Store a re-extraction (``--reextract``) of an article.

        For the current version, the new results replace the stored ones: the old
        claims, quotes, times and mentions are marked superseded, and new claims keep
        the story group of an old claim with the same key. Reviews keep applying, since
        they are keyed by claim key. An article that is new or changed is simply written.
        """
        article = extraction.article
        with self._transaction(f"replace the extraction of {article.id}") as conn:
            current = _current_version(conn, article.id)
            if _state(current, article) != "unchanged":
                return _write_extraction(conn, extraction)
            carried = _groups_by_key(conn, article.id)
            _supersede_records(conn, article.id)
            _insert_records(conn, extraction, version=current[0], groups=carried)
            _mark_link_pending(conn)
        return "replaced"

    def articles(self, *, current: bool = True) -> Iterator[Article]:
        """Stored articles by id; ``current=False`` yields every version, oldest first."""
        query = select(t.articles).order_by(t.articles.c.article_id, t.articles.c.version)
        if current:
            query = query.where(t.articles.c.is_current)
        with self._reading() as conn:
            found = [rows.article_from(row) for row in conn.execute(query).mappings()]
        return iter(found)

    def articles_by_id(self, article_ids: Collection[str]) -> dict[str, Article]:
        """The current versions of these articles (reading only their rows)."""
        a = t.articles.c
        found: dict[str, Article] = {}
        with self._reading() as conn:
            for chunk in chunks(sorted(article_ids)):
                query = select(t.articles).where(a.is_current, a.article_id.in_(chunk))
                found.update((row["article_id"], rows.article_from(row))
                             for row in conn.execute(query).mappings())
        return found

    def article_versions(self, article_id: str) -> list[dict[str, Any]]:
        """History of one article: version, content_hash, is_current, ingested_at."""
        a = t.articles.c
        query = (
            select(a.version, a.content_hash, a.is_current, a.ingested_at)
            .where(a.article_id == article_id)
            .order_by(a.version)
        )
        with self._reading() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    # --- claims ---------------------------------------------------------------------

    def claims(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        story: str | None = None,
        group: str | None = None,
        article: str | None = None,
        include_superseded: bool = False,
        include_rejected: bool = False,
        as_extracted: bool = False,
    ) -> list[Claim]:
        """Claims as reviewed, in publication order (undated articles last).

        Reviews apply by claim key (the latest review of a key wins): 'rejected' claims
        are left out unless ``include_rejected``; 'corrected' ones come back with the
        corrections applied; 'accepted' ones unchanged. :meth:`reviewed_claims` gives
        each claim with its review. Speaker names come back canonical (through the
        saved entity aliases).

        ``speaker`` matches the speaker as written or its canonical name, or any alias
        of that entity, case-insensitively. ``since`` ('YYYY-MM-DD', 'YYYY-MM', 'YYYY')
        keeps claims whose ``when`` — or, without one, the article's publication date —
        is not earlier; a coarser date ('2024-11') counts when it contains ``since``.
        ``story``, ``group`` and ``article`` take ids. ``as_extracted`` leaves speaker
        names as the extractor gave them (reviews still apply): what re-linking needs.
        """
        reviewed = self.reviewed_claims(
            speaker=speaker, since=since, story=story, group=group, article=article,
            include_superseded=include_superseded, as_extracted=as_extracted,
        )
        return [
            claim for claim, review in reviewed
            if include_rejected or review is None or review.status != "rejected"
        ]

    def reviewed_claims(
        self,
        *,
        speaker: str | None = None,
        since: str | None = None,
        story: str | None = None,
        group: str | None = None,
        article: str | None = None,
        include_superseded: bool = False,
        as_extracted: bool = False,
    ) -> list[tuple[Claim, Review | None]]:
        """Every matching claim (rejected ones too) with its latest review or None;
        corrected claims come corrected. Filters as in :meth:`claims`. For reports
        that show review status."""
        _check_since(since)
        with self._reading() as conn:
            canonical = _alias_map(conn)
            query = _claims_query(
                speaker_names=_speaker_names(speaker, canonical) if speaker else None,
                since=since, story=story, group=group, article=article,
                include_superseded=include_superseded,
            )
            found = list(conn.execute(query).mappings())
            evidence = _evidence_for(conn, [row["id"] for row in found])
            latest = _latest_reviews(conn)
        reviewed = []
        for row in found:
            extracted = rows.claim_from(row, evidence.get(row["id"], ()))
            shown = rows.with_canonical_name(extracted, canonical)
            review = _review_for(latest, _uid_key(row["claim_uid"]), row["claim_key"],
                                 rows.claim_key(shown))
            claim = extracted if as_extracted else shown
            reviewed.append((_as_reviewed(claim, review), review))
        return reviewed

    def claim(self, claim_id: str) -> tuple[Claim, Review | None] | None:
        """The current claim with this ``Claim.id`` (as reviewed, with its latest review),
        None when no current claim has it."""
        c = t.claims.c
        with self._reading() as conn:
            article = conn.scalar(select(c.article_id).where(c.claim_uid == claim_id, ~c.superseded)
                                  .limit(1))
        if article is None:
            return None
        return next(((claim, review) for claim, review in self.reviewed_claims(article=article)
                     if claim.id == claim_id), None)

    def reviews_of(self, claim_id: str) -> list[Review]:
        """Every review recorded for the claim with this ``Claim.id``, oldest first."""
        r = t.reviews.c
        with self._reading() as conn:
            key = _key_of_uid(conn, claim_id)
            query = select(t.reviews).where(or_(r.claim_uid == claim_id, and_(
                r.claim_uid.is_(None), r.claim_key == key))).order_by(r.id)
            return [_review_from(row) for row in conn.execute(query).mappings()]

    def quotes(self, article: str | None = None, *, include_superseded: bool = False) -> list[Quote]:
        with self._reading() as conn:
            canonical = _alias_map(conn)
            found = _extracted_rows(conn, t.quotes, article, include_superseded)
        return [rows.quote_from(row, canonical=canonical) for row in found]

    def times(self, article: str | None = None, *, include_superseded: bool = False) -> list[TimeExpr]:
        with self._reading() as conn:
            found = _extracted_rows(conn, t.times, article, include_superseded)
        return [rows.time_from(row) for row in found]

    def mentions(
        self, article: str | None = None, *, include_superseded: bool = False
    ) -> list[Mention]:
        with self._reading() as conn:
            found = _extracted_rows(conn, t.mentions, article, include_superseded)
        return [rows.mention_from(row) for row in found]

    def failures(self) -> list[Failure]:
        with self._reading() as conn:
            found = conn.execute(select(t.failures).order_by(t.failures.c.id)).mappings()
            return [rows.failure_from(row) for row in found]

    # --- reviews ----------------------------------------------------------------------

    def review(
        self,
        claim_key: ClaimKey,
        status: ReviewStatus,
        *,
        by: str,
        corrections: Mapping[str, Any] | None = None,
    ) -> Review:
        """Record a reviewer's decision on the claim with this key (``Claim.key``, its
        text form, or the short ``Claim.id`` that reports and the CLI show).

        ``corrections`` (only with 'corrected') use the flat claim field names:
        speaker, speaker_name, value_low, value_high, qualifier, unit, counted,
        polarity, certainty, when, refers_to. The latest review of a key wins.
        """
        check_review(status, corrections)
        key, uid = self._resolve_key(claim_key)
        at = migrations.now()
        with self._transaction(f"record the review of {key}") as conn:
            conn.execute(insert(t.reviews).values(
                claim_key=key, claim_uid=uid, status=status, reviewed_by=by, reviewed_at=at,
                corrections=dict(corrections) if corrections else None,
            ))
        return Review(rows.key_tuple(key), status, by, at, corrections, claim_id=uid)

    def _resolve_key(self, claim_key: ClaimKey) -> tuple[str, str | None]:
        """(stored key, Claim.id) of the claim an id or key names; UnknownRecord, before
        anything is written, for one that names no claim (a stored review whose key is not
        a claim key would break every later read)."""
        with self._reading() as conn:
            if isinstance(claim_key, str) and re.fullmatch(r"[0-9a-f]{12}", claim_key):
                key, uid = _key_of_uid(conn, claim_key), claim_key
            else:
                key = _known_key(conn, claim_key)
                uid = _uid_of_key(conn, key) if key is not None else None
        if key is None:
            raise UnknownRecord(
                f"{self.where}: no claim has the id {_shown(claim_key)}; "
                "list claims with their ids with `newsledger claims`"
            )
        return key, uid

    def reviews(self) -> list[Review]:
        """Every review ever recorded, oldest first (history; claims() applies the latest)."""
        with self._reading() as conn:
            return _reviews(conn)

    def review_status(self, claim: Claim | ClaimKey) -> ReviewStatus | None:
        """The latest review status of a claim as extracted or as :meth:`claims` shows it
        (or of a claim key or short id), None when unreviewed. A corrected claim's new
        key has no review of its own: use :meth:`reviewed_claims` for those."""
        key, uid = ((rows.claim_key(claim), claim.id) if isinstance(claim, Claim)
                    else self._resolve_key(claim))
        with self._reading() as conn:
            review = _review_for(_latest_reviews(conn), _uid_key(uid), key)
        return review.status if review else None

    # --- entities -------------------------------------------------------------------------

    def save_entities(self, mapping: Mapping[str, str], *,
                      keys: Callable[[str], Iterable[str]] | None = None) -> dict[str, str]:
        """Replace the alias -> canonical mapping with the linker's (which has the user's
        entity edits applied: `link.canonicalize(edits=ledger.entity_edits())` is the one
        place edits take effect). Returns the saved alias -> canonical mapping (canonical
        names map to themselves). ``keys(alias)`` gives the look-up keys under which
        :meth:`entities_with_keys` finds each alias (none stored without it)."""
        with self._transaction("save the entities") as conn:
            _replace_entities(conn, dict(mapping))
            saved = _alias_map(conn)
            conn.execute(delete(t.alias_keys))
            if keys is not None:
                _insert_alias_keys(conn, saved, keys)
            return saved

    def merge_entities(self, keep: str, merge: str, *, by: str) -> EntityEdit:
        """Record that ``merge`` is the same entity as ``keep`` (all its aliases move).

        Edits are recorded here and take effect when the ledger is next linked (the
        linker replays every edit; `newsledger entities merge` relinks at once)."""
        if keep == merge:
            raise StoreError(f"cannot merge entity {keep!r} into itself; name two entities")
        return self._edit_entities(EntityEdit("merge", keep, merge, by, migrations.now()))

    def split_entity(self, name: str, alias: str, *, by: str) -> EntityEdit:
        """Record that ``alias`` is not ``name`` but an entity of its own."""
        with self._reading() as conn:
            owner = _alias_map(conn).get(alias)
        if owner != name:
            found = f"it belongs to {owner!r}" if owner else "it is not a known alias"
            raise StoreError(f"cannot split {alias!r} off {name!r}: {found}")
        return self._edit_entities(EntityEdit("split", name, alias, by, migrations.now()))

    def rename_entity(self, name: str, new: str, *, by: str) -> EntityEdit:
        """Record that entity ``name`` is shown as ``new`` (a spelling the user prefers)."""
        new = new.strip()
        if not new or new == name:
            raise StoreError(f"cannot rename {name!r} to {new!r}: give a different, non-empty name")
        return self._edit_entities(EntityEdit("rename", name, new, by, migrations.now()))

    def _edit_entities(self, edit: EntityEdit) -> EntityEdit:
        with self._transaction(f"record the entity edit {edit.action} {edit.name!r}") as conn:
            conn.execute(insert(t.entity_edits).values(
                action=edit.action, name=edit.name, other=edit.other,
                edited_by=edit.by, edited_at=edit.at,
            ))
        return edit

    def entity_edits(self) -> list[EntityEdit]:
        """The user's merges and splits, oldest first (the linker replays them)."""
        with self._reading() as conn:
            return _entity_edits(conn)

    def entities(self) -> dict[str, list[str]]:
        """Canonical name -> its other aliases (sorted)."""
        result: dict[str, list[str]] = {}
        for alias, name in sorted(self.aliases().items()):
            names = result.setdefault(name, [])
            if alias != name:
                names.append(alias)
        return result

    def aliases(self) -> dict[str, str]:
        """Alias -> canonical name, every alias (canonical names map to themselves)."""
        with self._reading() as conn:
            return _alias_map(conn)

    def aliases_of(self, names: Collection[str]) -> dict[str, str]:
        """Alias -> canonical name for those of ``names`` the ledger knows (look-ups)."""
        with self._reading() as conn:
            return _alias_map_for(conn, names)

    # --- linker output ----------------------------------------------------------------

    def save_links(
        self,
        stories: Sequence[Story],
        groups: Sequence[Group],
        claim_groups: ClaimGroups,
        relations: Sequence[Relation],
        *,
        state: SavedLinkState | None = None,
        index: IndexChanges | None = None,
    ) -> None:
        """Replace all stories, groups, claim group ids and relations at once.

        ``claim_groups`` maps claim keys to a group id, or to the groups of the claims
        sharing that key in claim order; a key matches a current claim by its stored key
        or by its key with the canonical speaker name. ``state`` and
        ``index`` (the linker state these links came from, its look-up tables) are
        saved in the same transaction.
        """
        with self._transaction("save the links") as conn:
            conn.execute(delete(t.link_pending))
            if state is not None:
                _write_link_state(conn, state)
            if index is not None:
                write_index(conn, index)
            before = {"story": _story_members(conn), "group": _group_members(conn)}
            for table in (t.relations, t.story_articles, t.stories, t.groups):
                conn.execute(delete(table))
            insert_many(conn, t.stories, [{"id": s.id, "label": s.label} for s in stories])
            insert_many(conn, t.story_articles, _story_article_rows(stories))
            insert_many(conn, t.groups, [_group_row(g) for g in groups])
            insert_many(conn, t.relations, [_relation_row(r) for r in relations])
            _set_claim_groups(conn, claim_groups)
            _redirect_vanished(conn, "story", before["story"], _story_members(conn))
            _redirect_vanished(conn, "group", before["group"], _group_members(conn))

    def stories(self) -> list[Story]:
        with self._reading() as conn:
            members = conn.execute(
                select(t.story_articles).order_by(t.story_articles.c.position)
            ).mappings().all()
            found = conn.execute(select(t.stories).order_by(t.stories.c.id)).mappings().all()
        by_story: dict[str, list[Mapping[str, Any]]] = {}
        for member in members:
            by_story.setdefault(member["story_id"], []).append(member)
        return [_story_from(row, by_story.get(row["id"], ())) for row in found]

    def stories_by_id(self, story_ids: Collection[str]) -> list[Story]:
        """These stories (by id, reading only their rows)."""
        sa = t.story_articles.c
        with self._reading() as conn:
            found = []
            for chunk in chunks(sorted(story_ids)):
                rows_ = conn.execute(select(t.stories).where(t.stories.c.id.in_(chunk))
                                     .order_by(t.stories.c.id)).mappings().all()
                for row in rows_:
                    members = conn.execute(select(t.story_articles).where(sa.story_id == row["id"])
                                           .order_by(sa.position)).mappings().all()
                    found.append(_story_from(row, members))
        return found

    def groups(self, story: str | None = None, *, ids: Collection[str] | None = None
               ) -> list[Group]:
        query = select(t.groups).order_by(t.groups.c.id)
        if story is not None:
            query = query.where(t.groups.c.story_id == story)
        if ids is not None:
            query = query.where(t.groups.c.id.in_(sorted(ids)))
        with self._reading() as conn:
            return [
                Group(id=row["id"], story=row["story_id"], label=row["label"], kind=row["kind"])
                for row in conn.execute(query).mappings()
            ]

    def relations(self, group: str | None = None, *,
                  statuses: Collection[str] | None = None) -> list[Relation]:
        query = select(t.relations).order_by(t.relations.c.id)
        if group is not None:
            query = query.where(t.relations.c.group_id == group)
        if statuses is not None:
            query = query.where(t.relations.c.status.in_(sorted(statuses)))
        with self._reading() as conn:
            return [
                Relation(
                    group=row["group_id"],
                    first=rows.key_tuple(row["first_key"]),
                    second=rows.key_tuple(row["second_key"]),
                    status=row["status"],
                    reason=row["reason"],
                )
                for row in conn.execute(query).mappings()
            ]

    # --- incremental linking --------------------------------------------------------------

    def add_links(self, changes: LinkChanges, *, state: SavedLinkState | None = None) -> None:
        """Write what adding articles changed, in ONE transaction, touching only those rows.

        Placed articles are added to their stories and merged stories' articles moved
        (``changes.events``, in order), the stories touched get their new label, merged
        stories are deleted; ``changes.groups`` replace theirs; ``claim_groups`` sets
        the group of the claims it names (others keep theirs); ``relations`` are added;
        the linker's look-up tables take ``changes.index``; ``state`` replaces the
        saved linker state.
        """
        with self._transaction("add the links") as conn:
            conn.execute(delete(t.link_pending))
            apply_story_events(conn, changes.events, changes.labels)
            _write_redirects(conn, "story", {e.gone: e.kept for e in changes.events
                                             if isinstance(e, Merge)})
            replace_rows(conn, t.groups, t.groups.c.id, {g.id for g in changes.groups},
                         [_group_row(g) for g in changes.groups])
            insert_many(conn, t.relations, [_relation_row(r) for r in changes.relations])
            _set_some_claim_groups(conn, changes.claim_groups)
            write_index(conn, changes.index)
            if state is not None:
                _write_link_state(conn, state)

    def redirect(self, kind: Literal["story", "group"], old_id: str) -> str | None:
        """Where a story or group id that a relink merged away or replaced lives on (the
        id holding most of its articles or claims now), following chains; None when the
        id was never redirected."""
        r = t.id_redirects.c
        found = None
        with self._reading() as conn:
            for _ in range(MAX_REDIRECTS):
                target = conn.scalar(select(r.new_id).where(r.old_id == old_id, r.kind == kind))
                if target is None or target == found:
                    break
                found = old_id = target
        return found

    def browse(self) -> ClaimBrowser:
        """Search, facets and pages over the current claims (``store.browse``); one
        browser per ledger, so its facet index serves every call."""
        if self._browser is None:
            self._browser = ClaimBrowser(self._reading)
        return self._browser

    def link_index(self) -> StoredLinkIndex:
        """The linker's look-ups over this ledger's ``link_*`` tables."""
        return StoredLinkIndex(self._reading)

    def link_counts(self) -> dict[str, int]:
        """Current claims in a figure group, stories and groups (what linking produced)."""
        c = t.claims.c
        with self._reading() as conn:
            return {
                "claims": conn.scalar(select(func.count()).select_from(t.claims).where(
                    and_(c.group_id.is_not(None), c.superseded.is_(False)))),
                "stories": conn.scalar(select(func.count()).select_from(t.stories)),
                "groups": conn.scalar(select(func.count()).select_from(t.groups)),
            }

    def link_state(self, *, include_state: bool = True) -> SavedLinkState | None:
        """The saved linker state (None when there is none); ``include_state=False``
        leaves the (large) state bytes unread, for checking version and fingerprint."""
        s = t.link_state.c
        columns = [s.version, s.articles, s.fingerprint] + ([s.state] if include_state else [])
        with self._reading() as conn:
            row = conn.execute(select(*columns)).mappings().first()
        if row is None:
            return None
        return SavedLinkState(version=row["version"], state=bytes(row.get("state") or b""),
                              articles=row["articles"], fingerprint=dict(row["fingerprint"]))

    def link_pending(self) -> bool:
        """Whether articles were stored that no finished linking has covered yet (a run
        killed or failing between storing and linking): the next ingest relinks."""
        with self._reading() as conn:
            return conn.scalar(select(t.link_pending.c.id)) is not None

    def link_fingerprint(self) -> dict[str, int]:
        """The ledger's contents as far as linking goes: the highest row id of articles,
        claims, reviews and entity edits. Any write that could change the links (a new
        article version, a re-extraction, a review, an entity edit) raises one of them."""
        with self._reading() as conn:
            return _fingerprint(conn)

    def article_order(self) -> dict[str, int]:
        """Article id -> its place in ingestion order (first version stored first)."""
        a = t.articles.c
        query = select(a.article_id, func.min(a.id)).group_by(a.article_id)
        with self._reading() as conn:
            return dict(conn.execute(query).all())

    def claims_of_articles(
        self, article_ids: Sequence[str], *, as_extracted: bool = False
    ) -> list[Claim]:
        """Current claims of these articles as :meth:`claims` gives them (reviewed, without
        rejected ones, canonical speaker names unless ``as_extracted``), reading only
        their rows."""
        with self._reading() as conn:
            found: list[Mapping[str, Any]] = []
            for chunk in chunks(sorted(set(article_ids))):
                query = _claims_query(speaker_names=None, since=None, story=None, group=None,
                                      article=None, include_superseded=False)
                found.extend(conn.execute(query.where(t.claims.c.article_id.in_(chunk))).mappings())
            return _reviewed_rows(conn, found, as_extracted=as_extracted)

    def claims_of_group(self, group_id: str) -> list[Claim]:
        """Current claims of one figure group as :meth:`claims` gives them (``group=``),
        reading only their rows (not the whole alias and review tables)."""
        with self._reading() as conn:
            query = _claims_query(speaker_names=None, since=None, story=None, group=group_id,
                                  article=None, include_superseded=False)
            return _reviewed_rows(conn, list(conn.execute(query).mappings()), as_extracted=False)

    def add_entities(self, mapping: Mapping[str, str], *,
                     keys: Callable[[str], Iterable[str]] | None = None) -> None:
        """Add aliases (alias -> canonical, from the linker, user edits applied) that the
        ledger lacks; aliases it has keep their entity. The incremental form of
        save_entities (``keys`` as there)."""
        with self._transaction("add the entities") as conn:
            wanted = dict(mapping)  # the linker's, user edits already applied
            wanted.update({name: name for name in set(wanted.values())})
            known = _alias_map_for(conn, set(wanted))
            missing = {alias: name for alias, name in wanted.items() if alias not in known}
            names = sorted(set(missing.values()))
            existing = _entity_ids(conn, names)
            insert_many(conn, t.entities, [{"name": n} for n in names if n not in existing])
            ids = _entity_ids(conn, names)
            insert_many(conn, t.aliases, [
                {"alias": alias, "entity_id": ids[name]} for alias, name in sorted(missing.items())
            ])
            if keys is not None:
                _insert_alias_keys(conn, missing, keys)

    def entities_with_keys(self, lookup_keys: Collection[str]) -> dict[str, list[str]]:
        """The entities (canonical name -> its other aliases, sorted) with an alias stored
        under one of ``lookup_keys``: index look-ups, not a read of every entity."""
        k, a, e = t.alias_keys.c, t.aliases.c, t.entities.c
        with self._reading() as conn:
            ids: set[int] = set()
            for chunk in chunks(sorted(lookup_keys)):
                ids.update(conn.scalars(
                    select(a.entity_id).join_from(t.alias_keys, t.aliases, k.alias == a.alias)
                    .where(k.lookup_key.in_(chunk))))
            found: dict[str, list[str]] = {}
            for chunk in chunks(sorted(ids)):
                rows = conn.execute(select(a.alias, e.name).join_from(
                    t.aliases, t.entities, e.id == a.entity_id).where(e.id.in_(chunk)))
                for alias, name in rows:
                    found.setdefault(name, [])
                    if alias != name:
                        found[name].append(alias)
        return {name: sorted(aliases) for name, aliases in sorted(found.items())}

    # --- summary --------------------------------------------------------------------------

    def info(self) -> dict[str, Any]:
        """For ``newsledger info``: url, schema version, applied migrations, row counts."""
        with self._reading() as conn:
            applied = migrations.applied_migrations(conn)
            counts = {
                table.name: conn.scalar(select(func.count()).select_from(table))
                for table in t.LEDGER_TABLES
            }
            current = conn.scalar(
                select(func.count()).select_from(t.articles).where(t.articles.c.is_current)
            )
            unreadable = counts["reviews"] - len(_reviews(conn))
            if unreadable:
                counts["reviews with an unreadable claim key (ignored)"] = unreadable
        return {
            "url": self.url,
            "schema_version": applied[-1] if applied else None,
            "migrations": applied,
            "counts": counts,
            "current_articles": current,
        }


# --- writing helpers (all take an open transaction) ----------------------------------------

def _current_version(conn: Connection, article_id: str) -> tuple[int, str] | None:
    a = t.articles.c
    row = conn.execute(
        select(a.version, a.content_hash).where(a.article_id == article_id, a.is_current)
    ).first()
    return (row.version, row.content_hash) if row else None


def _state(current: tuple[int, str] | None, article: Article) -> ArticleState:
    if current is None:
        return "new"
    return "unchanged" if current[1] == article.content_hash else "changed"


def _write_extraction(conn: Connection, extraction: Extraction) -> ArticleState:
    article = extraction.article
    current = _current_version(conn, article.id)
    state = _state(current, article)
    if state == "unchanged":
        return state
    _check_article(extraction)
    version = 1
    if current is not None:
        version = current[0] + 1
        conn.execute(
            update(t.articles).where(t.articles.c.article_id == article.id).values(is_current=False)
        )
        _supersede_records(conn, article.id)
    conn.execute(insert(t.articles).values(
        rows.article_row(article, version=version, ingested_at=migrations.now())
    ))
    _insert_records(conn, extraction, version=version)
    return state


def _supersede_records(conn: Connection, article_id: str) -> None:
    for table in EXTRACTED:
        conn.execute(
            update(table)
            .where(table.c.article_id == article_id, ~table.c.superseded)
            .values(superseded=True)
        )


def _insert_records(
    conn: Connection, extraction: Extraction, *, version: int,
    groups: Mapping[str, str | None] | None = None,
) -> None:
    """Insert an extraction's records for one article version. ``groups`` carries
    story group ids over from superseded claims with the same key (re-extraction)."""
    article_id = extraction.article.id
    _check_article(extraction)
    fixed = {"article_id": article_id, "article_version": version, "superseded": False}
    insert_many(conn, t.quotes, [{**rows.quote_row(q), **fixed} for q in extraction.quotes])
    insert_many(conn, t.times, [{**rows.time_row(x), **fixed} for x in extraction.times])
    insert_many(conn, t.mentions, [{**rows.mention_row(m), **fixed} for m in extraction.mentions])
    claim_rows = [{**rows.claim_row(claim), **fixed} for claim in extraction.claims]
    for row in claim_rows:
        if row["group_id"] is None and groups:
            row["group_id"] = groups.get(row["claim_key"])
    claim_ids = _insert_returning_ids(conn, t.claims, claim_rows)
    insert_many(conn, t.evidence, [
        evidence
        for claim, claim_id in zip(extraction.claims, claim_ids)
        for evidence in rows.evidence_rows(claim, claim_id)
    ])


def _check_article(extraction: Extraction) -> None:
    """Records must belong to the extraction's article (their keys name it), and its
    metadata must be JSON (checked here so every database driver fails alike)."""
    article_id = extraction.article.id
    try:
        json.dumps(dict(extraction.article.meta))
    except (TypeError, ValueError) as error:
        raise StoreError(
            f"{extraction.article.origin or article_id}: the metadata of article "
            f"{article_id!r} cannot be stored as JSON ({error}); give plain strings, "
            "numbers, lists and dicts"
        ) from error
    records = (*extraction.quotes, *extraction.claims, *extraction.times, *extraction.mentions)
    for record in records:
        if record.article != article_id:
            raise StoreError(
                f"{extraction.article.origin or article_id}: a {type(record).__name__} of "
                f"article {record.article!r} is in the extraction of {article_id!r}; "
                "records must carry their own article's id"
            )


def _insert_returning_ids(conn: Connection, table: Table, values: list[dict[str, Any]]) -> list[int]:
    """Insert rows in one statement batch; their new ids in the order given."""
    if not values:
        return []
    query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(conn.scalars(query, values))


def _groups_by_key(conn: Connection, article_id: str) -> dict[str, str | None]:
    c = t.claims.c
    query = select(c.claim_key, c.group_id).where(
        c.article_id == article_id, ~c.superseded, c.group_id.is_not(None)
    )
    return {row.claim_key: row.group_id for row in conn.execute(query)}


def _insert_alias_keys(conn: Connection, aliases: Iterable[str],
                       keys: Callable[[str], Iterable[str]]) -> None:
    insert_many(conn, t.alias_keys, [{"lookup_key": key, "alias": alias}
                                     for alias in sorted(set(aliases))
                                     for key in sorted(set(keys(alias)))])


def _replace_entities(conn: Connection, mapping: Mapping[str, str]) -> None:
    conn.execute(delete(t.aliases))
    conn.execute(delete(t.entities))
    names = sorted(set(mapping.values()))
    insert_many(conn, t.entities, [{"name": name} for name in names])
    ids = dict(conn.execute(select(t.entities.c.name, t.entities.c.id)).all())
    everyone = {**{name: name for name in names}, **mapping}
    insert_many(conn, t.aliases, [
        {"alias": alias, "entity_id": ids[name]} for alias, name in sorted(everyone.items())
    ])


def _story_article_rows(stories: Sequence[Story]) -> list[dict[str, Any]]:
    return [
        {
            "story_id": story.id,
            "article_id": article_id,
            "duplicate_of": story.duplicates.get(article_id),
            "position": position,
        }
        for story in stories
        for position, article_id in enumerate(story.articles)
    ]


def _relation_row(relation: Relation) -> dict[str, Any]:
    return {
        "group_id": relation.group,
        "first_key": rows.key_text(relation.first),
        "second_key": rows.key_text(relation.second),
        "status": relation.status,
        "reason": relation.reason,
    }


def _set_claim_groups(conn: Connection, claim_groups: ClaimGroups) -> None:
    c = t.claims.c
    conn.execute(update(t.claims).where(~c.superseded).values(group_id=None))
    ids_by_key = _current_claim_ids_by_key(conn)
    ids_by_group: dict[str, list[int]] = {}
    for key, groups in claim_groups.items():
        for row_id, group_id in _rows_and_groups(ids_by_key.get(rows.key_text(key), ()), groups):
            ids_by_group.setdefault(group_id, []).append(row_id)
    for group_id, ids in ids_by_group.items():
        for chunk in chunks(sorted(set(ids))):
            conn.execute(update(t.claims).where(c.id.in_(chunk)).values(group_id=group_id))


def _key_of_uid(conn: Connection, uid: str) -> str | None:
    """The stored key of the claim with this ``Claim.id`` (the current one first)."""
    c = t.claims.c
    query = select(c.claim_key).where(c.claim_uid == uid).order_by(c.superseded, c.id.desc())
    return conn.scalars(query.limit(1)).first()


def _uid_of_key(conn: Connection, key: str) -> str | None:
    c = t.claims.c
    query = (select(c.claim_uid).where(c.claim_key == key, c.claim_uid.is_not(None))
             .order_by(c.superseded, c.id.desc()))
    return conn.scalars(query.limit(1)).first()


def _known_key(conn: Connection, claim_key: ClaimKey) -> str | None:
    """The key text of ``claim_key`` when a claim has it (as stored, with its canonical
    speaker name, or as corrected); None for anything else, malformed keys included."""
    try:
        key = rows.key_text(rows.key_tuple(claim_key) if isinstance(claim_key, str) else claim_key)
    except (ValueError, TypeError):
        return None
    stored = conn.scalar(select(t.claims.c.id).where(t.claims.c.claim_key == key).limit(1))
    return key if stored is not None or key in _current_claim_ids_by_key(conn) else None


def _shown(claim_key: ClaimKey) -> str:
    """A claim id or key as an error message quotes it: short and on one line."""
    shown = repr(claim_key if isinstance(claim_key, str) else tuple(claim_key))
    return shown if len(shown) <= 120 else shown[:117] + "..."


def _uid_key(uid: str | None) -> str:
    """Where a review filed by claim id sits among the reviews filed by key (a key is
    a JSON array, so it never starts like this)."""
    return f"uid:{uid}" if uid else ""


def _current_claim_ids_by_key(conn: Connection, article_ids: Sequence[str] | None = None
                              ) -> dict[str, list[int]]:
    """Current claims' row ids by every key a caller may hold: the stored key, the key
    with the canonical speaker name, and the key after a reviewer's correction.
    ``article_ids`` limits it to those articles (their aliases and reviews read by lookup)."""
    c = t.claims.c
    columns = (c.id, c.claim_key, c.claim_uid, c.article_id, c.speaker_name, c.speaker_text,
               c.value_low, c.value_high, c.qualifier)
    if article_ids is None:
        found = conn.execute(select(*columns).where(~c.superseded)).all()
        canonical = _alias_map(conn)
    else:
        found = [row for chunk in chunks(article_ids) for row in conn.execute(
            select(*columns).where(~c.superseded, c.article_id.in_(chunk))).all()]
        canonical = _alias_map_for(conn, {row.speaker_name for row in found})
    shown = {row.id: _shown_key(row, canonical) for row in found}
    latest = (_latest_reviews(conn) if article_ids is None else
              _latest_reviews_for(conn, {row.claim_key for row in found} | set(shown.values())
                                  | {_uid_key(row.claim_uid) for row in found}))
    ids: dict[str, list[int]] = {}
    for row in found:
        review = _review_for(latest, _uid_key(row.claim_uid), row.claim_key, shown[row.id])
        corrected = _corrected_key(shown[row.id], review) if review else shown[row.id]
        for key in {row.claim_key, shown[row.id], corrected}:
            ids.setdefault(key, []).append(row.id)
    return ids


def _shown_key(row: Any, canonical: Mapping[str, str]) -> str:
    """A claim row's key as shown: with its speaker's canonical name."""
    speaker = canonical.get(row.speaker_name, row.speaker_name) or row.speaker_text
    return rows.key_text((row.article_id, speaker, row.value_low, row.value_high, row.qualifier))


def _corrected_key(key: str, review: Review) -> str:
    """The key of a claim as :func:`_as_reviewed` returns it (only key fields matter)."""
    article, speaker, low, high, qualifier = rows.key_tuple(key)
    who = Speaker(text=speaker, start=0, end=0, name=speaker) if speaker is not None else None
    bare = Claim(article, who, Value(low, high, qualifier), evidence=())
    return rows.claim_key(_as_reviewed(bare, review))


# --- reading helpers ------------------------------------------------------------------------

def _claims_query(
    *, speaker_names: tuple[str, set[str]] | None, since: str | None, story: str | None,
    group: str | None, article: str | None, include_superseded: bool,
):
    c, a = t.claims.c, t.articles.c
    query = (
        select(t.claims)
        .join(t.articles, and_(a.article_id == c.article_id, a.version == c.article_version))
        # Undated articles last on every database (NULL ordering differs between them).
        .order_by(a.published.is_(None), a.published, c.article_id, c.article_version, c.id)
    )
    if not include_superseded:
        query = query.where(~c.superseded)
    if speaker_names is not None:
        text, names = speaker_names
        query = query.where(or_(c.speaker_text_folded == text, c.speaker_name_folded.in_(names)))
    if since is not None:
        stated = func.coalesce(c.when_stated, a.published)
        # A coarser date counts when it contains `since` ('2024-11' for '2024-11-05').
        query = query.where(or_(stated >= since, literal(since).startswith(stated)))
    if story is not None:
        members = select(t.story_articles.c.article_id).where(t.story_articles.c.story_id == story)
        query = query.where(c.article_id.in_(members))
    if group is not None:
        query = query.where(c.group_id == group)
    if article is not None:
        query = query.where(c.article_id == article)
    return query


def _check_since(since: str | None) -> None:
    if since is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", since):
        raise StoreError(f"since must be a date YYYY-MM-DD, YYYY-MM or YYYY; got {since!r}")


def _speaker_names(speaker: str, canonical: Mapping[str, str]) -> tuple[str, set[str]]:
    """(the query folded, every folded name of the entities it names)."""
    wanted = rows.fold(speaker)
    entities = {name for alias, name in canonical.items()
                if _names(wanted, rows.fold(alias)) or _names(wanted, rows.fold(name))}
    names = {rows.fold(alias) for alias, name in canonical.items() if name in entities}
    return wanted, names | {rows.fold(name) for name in entities} | {wanted}


def _names(query: str, name: str) -> bool:
    """A query names an entity when it is the name or a run of its words ("Blinken")."""
    words, wanted = name.replace("-", " ").split(), query.replace("-", " ").split()
    return query == name or any(words[i : i + len(wanted)] == wanted for i in range(len(words)))


def _evidence_for(conn: Connection, claim_ids: list[int]) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = {}
    for chunk in chunks(claim_ids):
        query = select(t.evidence).where(t.evidence.c.claim_id.in_(chunk)).order_by(t.evidence.c.id)
        for row in conn.execute(query).mappings():
            found.setdefault(row["claim_id"], []).append(rows.evidence_from(row))
    return found


def _extracted_rows(
    conn: Connection, table: Table, article: str | None, include_superseded: bool
) -> list[Mapping[str, Any]]:
    query = select(table).order_by(table.c.article_id, table.c.article_version, table.c.id)
    if article is not None:
        query = query.where(table.c.article_id == article)
    if not include_superseded:
        query = query.where(~table.c.superseded)
    return list(conn.execute(query).mappings())


def _reviews(conn: Connection) -> list[Review]:
    query = select(t.reviews).order_by(t.reviews.c.id)
    found = (_review_from(row) for row in conn.execute(query).mappings())
    return [review for review in found if review is not None]


def _review_from(row: Mapping[str, Any]) -> Review | None:
    """The review of a row, or None for a row whose claim key cannot be read (written
    by hand or by an older newsledger that stored unchecked keys): it can apply to no
    claim, so it is left out, and :meth:`Ledger.info` counts it."""
    try:
        key = rows.key_tuple(row["claim_key"])
        rows.key_text(key)
    except (ValueError, TypeError, RecursionError):
        return None
    return Review(claim_key=key, status=row["status"], by=row["reviewed_by"],
                  at=row["reviewed_at"], corrections=row["corrections"],
                  claim_id=row["claim_uid"])


def _latest_reviews(conn: Connection) -> dict[str, tuple[int, Review]]:
    """Claim key, and ``uid:`` + claim id, -> (order recorded, its latest review)."""
    latest: dict[str, tuple[int, Review]] = {}
    for order, review in enumerate(_reviews(conn)):
        latest[rows.key_text(review.claim_key)] = (order, review)
        if review.claim_id:
            latest[_uid_key(review.claim_id)] = (order, review)
    return latest


def _as_reviewed(claim: Claim, review: Review | None) -> Claim:
    if review is not None and review.status == "corrected":
        return apply_corrections(claim, review.corrections or {})
    return claim


def _review_for(latest: Mapping[str, tuple[int, Review]], *keys: str) -> Review | None:
    """The latest review of a claim under any of its keys (stored, or with the
    canonical speaker name a report shows)."""
    found = [latest[key] for key in keys if key and key in latest]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def _entity_edits(conn: Connection) -> list[EntityEdit]:
    query = select(t.entity_edits).order_by(t.entity_edits.c.id)
    return [
        EntityEdit(row["action"], row["name"], row["other"], row["edited_by"], row["edited_at"])
        for row in conn.execute(query).mappings()
    ]


def _alias_map(conn: Connection) -> dict[str, str]:
    query = select(t.aliases.c.alias, t.entities.c.name).join(
        t.entities, t.entities.c.id == t.aliases.c.entity_id
    )
    return dict(conn.execute(query).all())


def _story_from(row: Mapping[str, Any], members: Iterable[Mapping[str, Any]]) -> Story:
    members = list(members)
    return Story(
        id=row["id"],
        label=row["label"],
        articles=tuple(m["article_id"] for m in members),
        duplicates={m["article_id"]: m["duplicate_of"] for m in members if m["duplicate_of"]},
    )


# --- incremental linking helpers ----------------------------------------------------------

def _reviewed_rows(conn: Connection, found: Sequence[Mapping[str, Any]], *,
                   as_extracted: bool) -> list[Claim]:
    """Claim rows as :meth:`Ledger.claims` returns them, looking up only their aliases,
    evidence and reviews."""
    canonical = _alias_map_for(conn, {row["speaker_name"] for row in found})
    evidence = _evidence_for(conn, [row["id"] for row in found])
    extracted = [rows.claim_from(row, evidence.get(row["id"], ())) for row in found]
    shown = [rows.with_canonical_name(claim, canonical) for claim in extracted]
    stored = [row["claim_key"] for row in found]
    uids = [_uid_key(row["claim_uid"]) for row in found]
    latest = _latest_reviews_for(conn, {*stored, *uids, *(rows.claim_key(c) for c in shown)})
    reviewed = []
    for raw, canonical_claim, key, uid in zip(extracted, shown, stored, uids):
        review = _review_for(latest, uid, key, rows.claim_key(canonical_claim))
        claim = raw if as_extracted else canonical_claim
        if review is None or review.status != "rejected":
            reviewed.append(_as_reviewed(claim, review))
    return reviewed


MAX_REDIRECTS = 20  # a chain longer than any series of relinks makes; guards a cycle


def _story_members(conn: Connection) -> dict[str, set[str]]:
    members: dict[str, set[str]] = {}
    for story_id, article_id in conn.execute(
            select(t.story_articles.c.story_id, t.story_articles.c.article_id)):
        members.setdefault(story_id, set()).add(article_id)
    return members


def _group_members(conn: Connection) -> dict[str, set[str]]:
    """Group id -> the ids (Claim.id) of its current claims."""
    c = t.claims.c
    members: dict[str, set[str]] = {}
    query = select(c.group_id, c.claim_uid).where(~c.superseded, c.group_id.is_not(None))
    for group_id, uid in conn.execute(query):
        members.setdefault(group_id, set()).add(uid)
    return members


def _redirect_vanished(conn: Connection, kind: str, before: Mapping[str, set[str]],
                       after: Mapping[str, set[str]]) -> None:
    """Each id of ``before`` missing from ``after`` redirects to the id that holds most
    of its members now (ties: the smallest id, for determinism)."""
    holder = {member: new_id for new_id, members in sorted(after.items()) for member in members}
    targets = {}
    for old_id in sorted(set(before) - set(after)):
        counts = Counter(holder[m] for m in before[old_id] if m in holder)
        if counts:
            targets[old_id] = min(counts, key=lambda new_id: (-counts[new_id], new_id))
    _write_redirects(conn, kind, targets)
    r = t.id_redirects.c  # an id that exists again leads to itself
    for chunk in chunks(sorted(after)):
        conn.execute(delete(t.id_redirects).where(r.kind == kind, r.old_id.in_(chunk)))


def _write_redirects(conn: Connection, kind: str, targets: Mapping[str, str]) -> None:
    at = migrations.now()
    replace_rows(conn, t.id_redirects, t.id_redirects.c.old_id, set(targets), [
        {"old_id": old, "new_id": new, "kind": kind, "redirected_at": at}
        for old, new in sorted(targets.items())])


FINGERPRINT_TABLES = (t.articles, t.claims, t.reviews, t.entity_edits)


def _fingerprint(conn: Connection) -> dict[str, int]:
    return {table.name: conn.scalar(select(func.max(table.c.id))) or 0
            for table in FINGERPRINT_TABLES}


def _mark_link_pending(conn: Connection) -> None:
    if conn.scalar(select(t.link_pending.c.id)) is None:
        conn.execute(insert(t.link_pending).values(id=1, since=migrations.now()))


def _write_link_state(conn: Connection, saved: SavedLinkState) -> None:
    conn.execute(delete(t.link_state))
    conn.execute(insert(t.link_state).values(
        id=1, version=saved.version, fingerprint=_fingerprint(conn), articles=saved.articles,
        state=saved.state, saved_at=migrations.now(),
    ))


def _group_row(group: Group) -> dict[str, Any]:
    return {"id": group.id, "story_id": group.story, "label": group.label, "kind": group.kind}


def _rows_and_groups(row_ids: Iterable[int], groups: str | Sequence[str]
                     ) -> list[tuple[int, str]]:
    """Which group each row of one claim key takes. Two claims of an article can share a
    key (speaker, figure, qualifier: 'zwei Einheiten' and 'zwei Brigaden'); the linker
    then gives their groups in claim order, which is row order."""
    ordered = sorted(set(row_ids))
    if isinstance(groups, str):
        return [(row_id, groups) for row_id in ordered]
    return [(row_id, groups[min(i, len(groups) - 1)]) for i, row_id in enumerate(ordered)]


def _set_some_claim_groups(conn: Connection, claim_groups: ClaimGroups) -> None:
    """Set the group of the current claims ``claim_groups`` names (matched as in
    _set_claim_groups), reading only the claims of the articles it names."""
    keys = {rows.key_text(key): groups for key, groups in claim_groups.items()}
    articles = sorted({rows.key_tuple(key)[0] for key in keys})
    ids_by_group: dict[str, set[int]] = {}
    for key, row_ids in _current_claim_ids_by_key(conn, articles).items():
        if key in keys:
            for row_id, group_id in _rows_and_groups(row_ids, keys[key]):
                ids_by_group.setdefault(group_id, set()).add(row_id)
    c = t.claims.c
    for group_id, ids in ids_by_group.items():
        for chunk in chunks(sorted(ids)):
            conn.execute(update(t.claims).where(c.id.in_(chunk)).values(group_id=group_id))


def _alias_map_for(conn: Connection, aliases: Iterable[str | None]) -> dict[str, str]:
    """Alias -> canonical name for these aliases only (an index look-up each)."""
    wanted = sorted({a for a in aliases if a is not None})
    found: dict[str, str] = {}
    query = select(t.aliases.c.alias, t.entities.c.name).join(
        t.entities, t.entities.c.id == t.aliases.c.entity_id)
    for chunk in chunks(wanted):
        found.update(conn.execute(query.where(t.aliases.c.alias.in_(chunk))).all())
    return found


def _latest_reviews_for(conn: Connection, keys: Iterable[str]) -> dict[str, tuple[int, Review]]:
    """Like _latest_reviews, for these claim keys and ``uid:`` ids only (by row id)."""
    wanted = sorted({k for k in keys if k})
    by_key = [k for k in wanted if not k.startswith("uid:")]
    by_uid = [k.removeprefix("uid:") for k in wanted if k.startswith("uid:")]
    r = t.reviews.c
    found: dict[int, Mapping[str, Any]] = {}
    for column, values in ((r.claim_key, by_key), (r.claim_uid, by_uid)):
        for chunk in chunks(values):
            found.update((row["id"], row) for row in conn.execute(
                select(t.reviews).where(column.in_(chunk))).mappings())
    latest: dict[str, tuple[int, Review]] = {}
    for row_id in sorted(found):
        review = _review_from(found[row_id])
        if review is None:
            continue
        latest[found[row_id]["claim_key"]] = (row_id, review)
        if review.claim_id:
            latest[_uid_key(review.claim_id)] = (row_id, review)
    return latest


def _entity_ids(conn: Connection, names: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in chunks(list(names)):
        query = select(t.entities.c.name, t.entities.c.id).where(t.entities.c.name.in_(chunk))
        found.update(conn.execute(query).all())
    return found
