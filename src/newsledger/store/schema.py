"""The ledger's tables, as SQLAlchemy Core objects (the latest schema).

One schema for SQLite and PostgreSQL: portable column types only, JSON through
``sqlalchemy.JSON``, no SQLite-only SQL. Column names avoid SQL keywords
(``start_char`` not ``start``, ``when_stated`` not ``when``) so that people can
query the file by hand in ``sqlite3`` or Datasette without quoting.

Rows of extractor output (claims, quotes, times, mentions) carry the article
version they were extracted from and a ``superseded`` flag: a new article version
or a re-extraction marks the old rows superseded instead of deleting them, so the
history stays queryable.

This module describes the *latest* schema; :mod:`newsledger.store.migrations`
turns any older file into it. Changing a table here needs a new migration there.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


def _speaker_columns() -> list[Column]:
    """A Speaker flattened; the ``*_folded`` columns serve case-insensitive lookups
    (SQLite's lower() only folds ASCII, so we store ``str.casefold()`` ourselves)."""
    return [
        Column("speaker_text", Text),
        Column("speaker_start", Integer),
        Column("speaker_end", Integer),
        Column("speaker_name", Text),
        Column("speaker_named", Boolean),
        Column("speaker_kind", String(8)),
        Column("speaker_text_folded", Text),
        Column("speaker_name_folded", Text),
    ]


def _extracted_columns() -> list[Column]:
    """Columns every extractor-output row has: which article version, still valid?"""
    return [
        Column("article_id", Text, nullable=False),
        Column("article_version", Integer, nullable=False),
        Column("superseded", Boolean, nullable=False, default=False),
    ]


schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    _id(),
    Column("article_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("language", Text),
    Column("author", Text),
    Column("origin", Text),
    Column("meta", JSON),
    Column("ingested_at", String(32), nullable=False),
    Column("text", Text, nullable=False),
    UniqueConstraint("article_id", "version", name="uq_articles_version"),
    Index("ix_articles_current", "article_id", "is_current"),
    Index("ix_articles_hash", "content_hash"),
)

claims = Table(
    "claims",
    metadata,
    _id(),
    Column("claim_key", Text, nullable=False),
    Column("claim_uid", String(12)),  # Claim.id: article + first figure offsets (0005)
    *_extracted_columns(),
    *_speaker_columns(),
    Column("value_low", Float, nullable=False),
    Column("value_high", Float, nullable=False),
    Column("qualifier", String(16), nullable=False),
    Column("unit", Text),
    Column("counted", Text),
    Column("polarity", String(16), nullable=False),
    Column("certainty", String(16), nullable=False),
    Column("when_stated", Text),
    Column("refers_to", Text),
    Column("confidence", Float, nullable=False),
    Column("cue", Text),
    Column("source_chain", JSON),
    Column("candidates", JSON),  # the attribution's candidates and scores (migration 0007)
    Column("extractor", Text),
    Column("rule", Text),
    Column("group_id", Text),
    Index("ix_claims_article", "article_id", "article_version"),
    Index("ix_claims_key", "claim_key"),
    Index("ix_claims_group", "group_id"),
    Index("ix_claims_speaker_name", "speaker_name_folded"),
    Index("ix_claims_speaker_text", "speaker_text_folded"),
    Index("ix_claims_when", "when_stated"),
    Index("ix_claims_uid", "claim_uid"),
)

evidence = Table(
    "evidence",
    metadata,
    _id(),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("sentence_start", Integer),
    Index("ix_evidence_claim", "claim_id"),
)

quotes = Table(
    "quotes",
    metadata,
    _id(),
    *_extracted_columns(),
    Column("kind", String(16), nullable=False),
    *_speaker_columns(),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("cue_text", Text),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_text", Text, nullable=False),
    Column("source_chain", JSON),
    Column("confidence", Float, nullable=False),
    Column("rule", Text),
    Index("ix_quotes_article", "article_id", "article_version"),
)

times = Table(
    "times",
    metadata,
    _id(),
    *_extracted_columns(),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("value", Text, nullable=False),
    Column("rule", Text),
    Index("ix_times_article", "article_id", "article_version"),
)

mentions = Table(
    "mentions",
    metadata,
    _id(),
    *_extracted_columns(),
    Column("start_char", Integer, nullable=False),
    Column("end_char", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("name", Text),
    Index("ix_mentions_article", "article_id", "article_version"),
)

entities = Table(
    "entities",
    metadata,
    _id(),
    Column("name", Text, nullable=False, unique=True),
)

aliases = Table(
    "aliases",
    metadata,
    Column("alias", Text, primary_key=True),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    Index("ix_aliases_entity", "entity_id"),
)

entity_edits = Table(
    "entity_edits",
    metadata,
    _id(),
    Column("action", String(8), nullable=False),  # 'merge' | 'split' | 'rename'
    Column("name", Text, nullable=False),  # merge: the name kept; split: the entity split
    Column("other", Text, nullable=False),  # merge: the name merged in; split: the alias split off
    Column("edited_by", Text, nullable=False),
    Column("edited_at", String(32), nullable=False),
)

reviews = Table(
    "reviews",
    metadata,
    _id(),
    Column("claim_key", Text, nullable=False),
    Column("claim_uid", String(12)),  # the reviewed claim's Claim.id (0005; NULL before)
    Column("status", String(16), nullable=False),
    Column("corrections", JSON),
    Column("reviewed_by", Text, nullable=False),
    Column("reviewed_at", String(32), nullable=False),
    Index("ix_reviews_key", "claim_key"),
    Index("ix_reviews_uid", "claim_uid"),
)

# Story and figure-group ids that a relink merged away or replaced -> the id that holds
# their claims now, so a shared link to the old id still leads somewhere (0005).
id_redirects = Table(
    "id_redirects",
    metadata,
    Column("old_id", Text, primary_key=True),
    Column("new_id", Text, nullable=False),
    Column("kind", String(8), nullable=False),  # 'story' | 'group'
    Column("redirected_at", String(32), nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("label", Text, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", Text, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Text, primary_key=True),
    Column("duplicate_of", Text),  # the original's article id when this one is a copy
    Column("position", Integer, nullable=False),
    Index("ix_story_articles_article", "article_id"),
)

groups = Table(
    "groups",
    metadata,
    Column("id", Text, primary_key=True),
    Column("story_id", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Index("ix_groups_story", "story_id"),
)

relations = Table(
    "relations",
    metadata,
    _id(),
    Column("group_id", Text, nullable=False),
    Column("first_key", Text, nullable=False),
    Column("second_key", Text, nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Index("ix_relations_group", "group_id"),
)

# The linker's incremental state. ``link_state`` is one row: ``version`` names the linker
# code it was built with, ``fingerprint`` the ledger contents (the highest row ids of
# articles, claims, reviews and entity edits): when either differs from now, the state is
# stale and ``ingest`` relinks from the stored articles instead. ``state`` holds the
# linker's few global counters (JSON). The rest is look-up tables read by key
# (newsledger.link.index): placing an article reads only the rows its terms and LSH
# buckets name, so its cost does not grow with the ledger.
link_state = Table(
    "link_state",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("version", Text, nullable=False),
    Column("fingerprint", JSON, nullable=False),
    Column("articles", Integer, nullable=False),  # articles placed (for `info` readers)
    Column("state", LargeBinary, nullable=False),
    Column("saved_at", String(32), nullable=False),
)

# One row (id 1) while articles are stored that linking has not yet covered: set in the
# transaction that stores them, removed in the one that saves the links. A run killed
# between the two leaves it, and the next ingest relinks (migration 0006_link_pending).
link_pending = Table(
    "link_pending",
    metadata,
    Column("id", Integer, primary_key=True),  # always 1
    Column("since", String(32), nullable=False),  # when the first unlinked write happened
)

link_terms = Table(  # documents naming each topic term (its idf)
    "link_terms",
    metadata,
    Column("term", Text, primary_key=True),
    Column("documents", Integer, nullable=False),
)

link_stories = Table(  # open stories: the linker's state of each (terms, groups)
    "link_stories",
    metadata,
    Column("story_id", Text, primary_key=True),
    Column("last_date", String(10)),  # its latest article's date; NULL: none dated
    Column("state", LargeBinary, nullable=False),  # its terms and counts
    Column("groups", LargeBinary, nullable=False),  # its figure groups (read when it grows)
    Index("ix_link_stories_last", "last_date"),
)

link_postings = Table(  # term -> the open stories whose profile holds it
    "link_postings",
    metadata,
    Column("term", Text, primary_key=True),
    Column("story_id", Text, primary_key=True),
    Index("ix_link_postings_story", "story_id"),
)

link_articles = Table(  # recent articles: where they went and their MinHash (for copies)
    "link_articles",
    metadata,
    Column("article_id", Text, primary_key=True),
    Column("story_id", Text, nullable=False),
    Column("published", String(10)),
    Column("original", Text),
    Column("hashvalues", LargeBinary, nullable=False),
    Index("ix_link_articles_story", "story_id"),
    Index("ix_link_articles_published", "published"),
)

link_bands = Table(  # LSH bucket -> recent articles in it
    "link_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", LargeBinary, primary_key=True),
    Column("article_id", Text, primary_key=True),
    Index("ix_link_bands_article", "article_id"),
)

alias_keys = Table(  # spelling keys of each alias (link.canonical.lookup_keys) -> the alias
    "alias_keys",
    metadata,
    Column("lookup_key", Text, primary_key=True),
    Column("alias", Text, primary_key=True),
    Index("ix_alias_keys_alias", "alias"),
)

LINK_INDEX_TABLES = (link_terms, link_stories, link_postings, link_articles, link_bands)

failures = Table(
    "failures",
    metadata,
    _id(),
    Column("origin", Text, nullable=False),
    Column("stage", Text, nullable=False),
    Column("error", Text, nullable=False),
    Column("failed_at", String(32), nullable=False),
)

# Tables counted by Ledger.info(), in the order a reader meets them.
LEDGER_TABLES = (
    articles, claims, evidence, quotes, times, mentions, entities, aliases, entity_edits,
    reviews, stories, story_articles, groups, relations, id_redirects, failures,
)
