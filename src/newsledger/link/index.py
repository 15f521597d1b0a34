"""What the linker and a persistent index exchange (the store implements the index).

The linker's incremental state is not one blob: it is kept as look-up tables — document
frequencies by term, story postings by term, each story's state by id, each recent
article's MinHash by LSH bucket — so that placing a new article reads only the rows its
own terms and buckets name (:class:`LinkIndex`), and writes back only what it changed
(:class:`IndexChanges`). Plain values only: the store knows nothing of the linker's
classes, the linker nothing of SQL.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsledger.model import Group, Relation


@dataclass(frozen=True)
class ArticleEntry:
    """One placed article as the index keeps it (for finding copies of it)."""

    article: str
    story: str
    published: str | None  # ISO date
    original: str | None  # the article it copies, if any
    hashvalues: bytes  # its MinHash
    bands: tuple[tuple[int, bytes], ...] = ()  # its LSH buckets (written, not read back)


@dataclass(frozen=True)
class StoryEntry:
    id: str
    last: str | None  # ISO date of its latest dated article
    state: bytes  # the linker's own encoding of the story's terms and counts
    groups: bytes  # ... and of its figure groups


@dataclass(frozen=True)
class Placement:
    """An article placed in a story at ``position`` (a copy names its original)."""

    story: str
    article: str
    position: int
    duplicate_of: str | None


@dataclass(frozen=True)
class Merge:
    """Story ``gone`` joined ``kept``; its articles follow kept's first ``offset``."""

    gone: str
    kept: str
    offset: int


@dataclass
class IndexChanges:
    """What to write to the index. ``whole``: replaces all of it (after a full relink).
    Rows of stories last active, and articles published, before ``horizon`` are closed:
    no article placed in date order can reach them, so the store drops them."""

    whole: bool = False
    stories: list[StoryEntry] = field(default_factory=list)
    postings_added: list[tuple[str, str]] = field(default_factory=list)  # (term, story)
    postings_removed: list[tuple[str, str]] = field(default_factory=list)
    frequencies: dict[str, int] = field(default_factory=dict)  # term -> documents, absolute
    articles: list[ArticleEntry] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # in order
    horizon: str | None = None

    @property
    def gone(self) -> list[str]:
        """Stories merged into another."""
        return [m.gone for m in self.merges]


@dataclass
class LinkChanges:
    """What adding articles changed, for the store to write (touching only those rows).

    ``events`` are the placements and story merges in the order they happened (a merge
    moves the stored positions of the articles placed before it); ``labels`` the new
    label of every story they touched; ``groups`` the new groups and those whose label
    or story changed."""

    events: list[Placement | Merge]
    labels: dict[str, str]
    groups: list[Group]
    claim_groups: dict[tuple, list[str]]  # Claim.key -> its claims' groups, in claim order
    relations: list[Relation]  # statuses involving the new claims
    index: IndexChanges


class LinkIndex(Protocol):
    """Look-ups a stored ledger answers for the linker (by key, never a pass over all)."""

    def frequencies(self, terms: Collection[str]) -> dict[str, int]:
        """Documents naming each term (terms never seen are left out)."""

    def stories_with(self, terms: Collection[str], since: str | None) -> set[str]:
        """Ids of the stories whose profile holds one of ``terms`` and whose latest
        article is from ``since`` on (or undated); all of them when ``since`` is None."""

    def story_states(self, ids: Collection[str]) -> dict[str, bytes]:
        """The stored state of each story (terms and counts)."""

    def group_states(self, ids: Collection[str]) -> dict[str, bytes]:
        """The stored figure groups of each story."""

    def copies(self, bands: Sequence[tuple[int, bytes]], since: str | None) -> list[ArticleEntry]:
        """Articles sharing an LSH bucket with ``bands``, published from ``since`` on (or
        undated)."""
