"""The linker's incremental state: stories, duplicates, groups and statuses in one place.

:class:`LinkState` places one article (with its claims, already canonicalised) at a
time: its story via :class:`~newsledger.link.stories.StoryIndex`, each claim's group via
:class:`~newsledger.link.groups.GroupIndex`, and the statuses of the new claims against
the claims already in their groups. Nothing is recomputed for the rest of the ledger.

A batch run (a full relink) holds everything in memory. A run that adds articles to a
stored ledger starts from the stored index (:class:`~newsledger.link.index.LinkIndex`)
and, before placing each article, reads only what that placement looks at: the document
frequencies of its terms, the stories sharing its look-up terms, the articles sharing
its LSH buckets, and the state of those stories and of their groups. So adding an
article costs index look-ups, whatever the ledger's size.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields, replace
from datetime import date, timedelta
from importlib import resources

import numpy as np

from newsledger import __version__
from newsledger.link.groups import PART_KEYS, Features, GroupIndex, claim_features
from newsledger.link.index import (
    ArticleEntry,
    IndexChanges,
    LinkChanges,
    LinkIndex,
    Merge,
    Placement,
    StoryEntry,
)
from newsledger.link.stories import (
    Described,
    StoryIndex,
    _parse_date,
    _StoryState,
    band_keys,
    minhash_from_bytes,
)
from newsledger.link.timeline import relate, relations, timeline
from newsledger.model import (
    Article,
    Claim,
    Evidence,
    Group,
    Relation,
    Source,
    Speaker,
    Story,
    Value,
)

_UNSEEN = object()


class LinkState:
    """Stories, groups and statuses that grow one article at a time.

    ``index`` (a stored ledger's) makes the state read what each placement needs from
    there; ``members(group_id)`` gives the stored claims of a group (for statuses).
    """

    def __init__(self, index: LinkIndex | None = None,
                 members: Callable[[str], Iterable[Claim]] | None = None,
                 **story_options) -> None:
        self.story_index = StoryIndex(**story_options)
        self.group_index = GroupIndex()
        self.index = index
        self.members: dict[str, list[Claim]] = defaultdict(list)
        self.member_source = members
        self.relations: dict[str, list[Relation]] = defaultdict(list)
        # Where the latest placed article stands in the caller's order (the caller chooses
        # the order; kept here so that a saved state knows what may follow it in order).
        self.last_key: tuple = ()
        self.first: date | None = None  # the earliest and latest dated article placed
        self.newest: date | None = None
        # What was read from the index: terms whose frequency is known, terms whose
        # postings were read (-> from which date on), stories read (-> their terms then).
        self._known_df: set[str] = set()
        self._postings_since: dict[str, date | None] = {}
        self._stored_terms: dict[str, set[str]] = {}
        self._grouped: set[str] = set()  # stories whose groups were read (or are new)
        if index is not None:
            self.story_index.read_frequencies = self._read_frequencies

    # -- placing --------------------------------------------------------------------------

    def add_article(self, article: Article, claims: Sequence[Claim] = ()) -> tuple[str, list[Claim]]:
        """Place one article; returns its story id and its claims with ``group`` set."""
        stories = self.story_index
        described = stories.describe(article, claims)
        if self.index is not None and article.id not in stories.story_of:
            self._read_for(described)
        merged_before = len(stories.merged)
        story = (stories.place(article, described) if article.id not in stories.story_of
                 else stories.add_article(article))
        gone = list(stories.merged)[merged_before:]
        if self.index is not None:
            self._read_groups([story, *gone])
        for old in gone:
            self.group_index.move_story(old, stories.merged[old])
        self._note_date(described.when)
        featured = [(i, c, claim_features(c, article)) for i, c in enumerate(claims)]
        featured.sort(key=lambda icf: (icf[2].what is None, icf[2].where is None))
        grouped: dict[int, Claim] = {}
        for i, claim, features in featured:
            known_groups = len(self.group_index.groups)
            group_id = self.group_index.add(claim, story, features=features)
            if len(self.group_index.groups) > known_groups:
                # A group made here: the store holds no claim of it (the groups of the
                # stories this article joins were read above), so none is read back.
                self.members.setdefault(group_id, [])
            grouped[i] = replace(claim, group=group_id)
            self._relate_new(grouped[i])
        return story, [grouped[i] for i in range(len(claims))]

    def _note_date(self, when: date | None) -> None:
        if when is not None:
            self.first = min(self.first or when, when)
            self.newest = max(self.newest or when, when)

    def _relate_new(self, claim: Claim) -> None:
        duplicates = self.story_index.duplicates
        if claim.group not in self.members and self.member_source is not None:
            self.members[claim.group] = list(self.member_source(claim.group))
        for other in self.members[claim.group]:
            first, second = (other, claim) if _not_later(other, claim) else (claim, other)
            relation = relate(first, second, duplicates=duplicates, group=claim.group)
            if relation is not None:
                self.relations[claim.group].append(relation)
        self.members[claim.group].append(claim)

    def add_articles(self, placed: Iterable[tuple[Article, Sequence[Claim]]]) -> LinkChanges:
        """Place articles in the order given; returns only what changed, for the store."""
        relations_before = {g: len(found) for g, found in self.relations.items()}
        touched_groups: set[str] = set()
        new_claims: list[Claim] = []
        for article, claims in placed:
            _, grouped = self.add_article(article, claims)
            touched_groups.update(c.group for c in grouped)
            new_claims.extend(grouped)
        claim_groups = groups_by_key(new_claims)
        events, changed, df_changed = self.story_index.take_changes()
        index = self._index_changes(events, changed, df_changed)
        # A merge changes the story of every group of the merged story.
        for story in {m.kept for m in index.merges}:
            touched_groups.update(self._groups_of_story(story))
        new_relations = [r for g in sorted(touched_groups)
                         for r in self.relations.get(g, ())[relations_before.get(g, 0):]]
        labelled = {s.id for s in index.stories} | {e.story for e in events
                                                    if isinstance(e, Placement)}
        labelled &= set(self.story_index.stories_by_id)  # not those merged away
        # _labelled: the labels of single groups (group_list would label all of them).
        return LinkChanges(
            events=events,
            labels={s: self.story_index.label(s) for s in sorted(labelled)},
            groups=[self.group_index._labelled(self.group_index.groups[g])
                    for g in sorted(touched_groups)],
            claim_groups=claim_groups,
            relations=new_relations,
            index=index,
        )

    def _groups_of_story(self, story_id: str) -> list[str]:
        index = self.group_index
        return [g for family in index.families_of_story.get(story_id, ())
                for g in index.by_family.get(family, ())]

    def may_follow(self, published: str | None) -> bool:
        """Can an article published then be placed as a full relink would place it? Not
        when older than the newest placed (stories grow in date order), nor undated once
        any story could have gone quiet for a window (a full relink drops such stories
        from its look-ups as it goes; an undated article may join any story)."""
        when = _parse_date(published)
        if self.newest is None:
            return True
        if when is None:
            return self.first >= self.newest - timedelta(days=self.story_index.window_days)
        return when >= self.newest

    def stories(self) -> list[Story]:
        return self.story_index.stories()

    def groups(self) -> list[Group]:
        return self.group_index.group_list()

    # -- reading from the stored index ----------------------------------------------------

    def _read_for(self, described: Described) -> None:
        """Read what placing ``described`` looks at: frequencies of its terms, the
        articles sharing its LSH buckets, the stories sharing its look-up terms."""
        stories = self.story_index
        self._read_frequencies(described.terms)
        wanted = self._read_copies(described)
        top = stories.top_terms(described.terms)
        since = _days_before(described.when, stories.window_days)
        terms = [t for t in stories.lookup_terms(top) if self._needs_postings(t, since)]
        if terms:
            wanted |= self.index.stories_with(terms, _iso(since))
        self._read_stories(wanted)

    def _read_frequencies(self, terms: Iterable[str]) -> None:
        missing = [t for t in terms if t not in self._known_df]
        if not missing:
            return
        found = self.index.frequencies(missing)
        for term in missing:
            if found.get(term):
                self.story_index.df[term] = found[term]
        self._known_df.update(missing)

    def _read_copies(self, described: Described) -> set[str]:
        """Adds the stored articles that share a bucket with this one (within the
        horizon); returns the ids of their stories."""
        stories = self.story_index
        since = _days_before(described.when, stories.horizon_days)
        found = self.index.copies(band_keys(described.minhash, stories.duplicate_threshold),
                                  _iso(since))
        for entry in found:
            if entry.article in stories.hashes:
                continue
            stories.published[entry.article] = _parse_date(entry.published)
            stories.story_of[entry.article] = entry.story
            if entry.original:
                stories.duplicates[entry.article] = entry.original
            stories.add_hash(entry.article, minhash_from_bytes(entry.hashvalues))
        return {stories._final_story(stories.story_of[e.article]) for e in found}

    def _needs_postings(self, term: str, since: date | None) -> bool:
        """Were the stories with ``term`` active from ``since`` on not read yet? (A read
        from an earlier date on covers a later one; an undated article needs all.)"""
        before = self._postings_since.get(term, _UNSEEN)
        if before is not _UNSEEN and (before is None or (since is not None and before <= since)):
            return False
        self._postings_since[term] = since
        return True

    def _read_stories(self, ids: set[str]) -> None:
        stories = self.story_index
        missing = [s for s in ids if s not in stories.stories_by_id and s not in stories.merged]
        if not missing:
            return
        for story_id, blob in self.index.story_states(missing).items():
            state = decode_story(blob)
            stories.stories_by_id[story_id] = state
            for term in state.terms:
                stories.term_index[term].add(story_id)
            self._stored_terms[story_id] = set(state.terms)

    def _read_groups(self, ids: Sequence[str]) -> None:
        """The groups of stories an article joins or merges (a story merely compared
        with an article needs only its terms: its groups are read when it takes one)."""
        missing = [s for s in ids if s not in self._grouped]
        for story_id, blob in self.index.group_states(missing).items():
            self.group_index.adopt(story_id, decode_groups(blob))
        self._grouped.update(missing)

    # -- what to write back -----------------------------------------------------------------

    def index_changes(self) -> IndexChanges:
        """The index rows to store: of a batch-built state all of them (``whole``), of a
        state over a stored index what changed since the last call."""
        return self._index_changes(*self.story_index.take_changes())

    def _index_changes(self, events: list[Placement | Merge], changed: set[str],
                       df_changed: set[str]) -> IndexChanges:
        stories = self.story_index
        horizon = self._horizon()
        if self.index is None:
            changed = set(stories.stories_by_id)
            placed = list(stories.hashes)
        else:
            placed = [e.article for e in events if isinstance(e, Placement)]
        kept = sorted(s for s in changed if s in stories.stories_by_id
                      and _open(stories.stories_by_id[s].last, horizon))
        if self.index is not None:
            self._read_groups(kept)  # already read for every story that grew: a guard
        parts = self.group_index.parts(kept)
        out = IndexChanges(
            whole=self.index is None,
            stories=[StoryEntry(s, _iso(stories.stories_by_id[s].last),
                                encode_story(stories.stories_by_id[s]), encode_groups(parts[s]))
                     for s in kept],
            frequencies={t: stories.df[t] for t in (stories.df if self.index is None
                                                    else df_changed)},
            articles=[self._article_entry(a) for a in placed
                      if _open(stories.published.get(a), horizon)],
            merges=[e for e in events if isinstance(e, Merge)],
            horizon=_iso(horizon),
        )
        for story_id in kept:
            now = set(stories.stories_by_id[story_id].terms)
            before = self._stored_terms.get(story_id, set())
            out.postings_added += [(t, story_id) for t in sorted(now - before)]
            out.postings_removed += [(t, story_id) for t in sorted(before - now)]
            self._stored_terms[story_id] = now
        return out

    def _horizon(self) -> date | None:
        """Stories last active, and articles published, before this are closed."""
        return _days_before(self.newest, self.story_index.horizon_days)

    def _article_entry(self, article_id: str) -> ArticleEntry:
        stories = self.story_index
        minhash = stories.hashes[article_id]
        return ArticleEntry(
            article=article_id, story=stories._final_story(stories.story_of[article_id]),
            published=_iso(stories.published.get(article_id)),
            original=stories.duplicates.get(article_id),
            hashvalues=np.asarray(minhash.hashvalues, dtype="<u8").tobytes(),
            bands=tuple(band_keys(minhash, stories.duplicate_threshold)),
        )

    # -- the state's small global part (the store keeps it as the link state row) -----------

    def dump_meta(self) -> bytes:
        stories = self.story_index
        return json.dumps({
            "n_docs": stories.n_docs, "created": stories.created,
            "first": _iso(self.first), "newest": _iso(self.newest),
            "last_key": list(self.last_key),
        }).encode("utf-8")

    @classmethod
    def resume(cls, meta: bytes, index: LinkIndex,
               members: Callable[[str], Iterable[Claim]]) -> LinkState:
        """The state saved as ``meta`` (:meth:`dump_meta`) over the stored ``index``.
        StateError when ``meta`` is not a saved state."""
        try:
            values = json.loads(meta.decode("utf-8"))
            state = cls(index=index, members=members)
            state.story_index.n_docs = int(values["n_docs"])
            state.story_index.created = int(values["created"])
            state.first = _parse_date(values["first"])
            state.newest = _parse_date(values["newest"])
            state.last_key = tuple(values["last_key"])
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StateError(f"the stored link state cannot be read ({error}); relink") from error
        return state


def _days_before(day: date | None, days: int) -> date | None:
    return day - timedelta(days=days) if day else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _open(last: date | None, horizon: date | None) -> bool:
    return last is None or horizon is None or last >= horizon


def groups_by_key(claims: Iterable[Claim]) -> dict[tuple, list[str]]:
    """Each claim key's groups in claim order: the store matches claims by key, and two
    claims of one article can share a key (same speaker, figure and qualifier)."""
    out: dict[tuple, list[str]] = {}
    for claim in claims:
        out.setdefault(claim.key, []).append(claim.group)
    return out


def _not_later(a: Claim, b: Claim) -> bool:
    ordered = timeline([a, b])
    return ordered[0].claim is a


def group_relations(claims: Iterable[Claim], stories: Sequence[Story]) -> list[Relation]:
    """Statuses of every group of ``claims`` (claims carry ``group``; batch form)."""
    duplicates = {copy: original for s in stories for copy, original in s.duplicates.items()}
    by_group: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.group:
            by_group[claim.group].append(claim)
    out: list[Relation] = []
    for group_id, members in by_group.items():
        out.extend(relations(members, duplicates=duplicates, group=group_id))
    return out


# ---------------------------------------------------------------------------------------
# Encoding one story's state (the store keeps it as a row of the index)
#
# Pickle, because a story's state is plain dicts, counters and frozen records that would
# take a table each to normalise. Two safeguards:
# * versioned: ``linker_version()`` hashes the linker's code, its lexicons and
#   STATE_FORMAT; an index saved under another version is never read (the caller
#   relinks from the stored articles instead), so a code change cannot meet old rows.
# * restricted: a ledger file may come from someone else, and unpickling runs code, so
#   :func:`decode_story` resolves only the classes a story's state is made of (ALLOWED)
#   and refuses anything else.

# Bump when _StoryState, the GroupIndex parts or the index tables change shape.
STATE_FORMAT = 3  # 3: look-up tables instead of one blob
_PROTOCOL = 5
_LINK_MODULES = ("canonical.py", "groups.py", "index.py", "ledger.py", "names.py",
                 "stories.py", "timeline.py")
_LEXICON_NAME = re.compile(r"""(?:entries|lexicon)\([^"')]*["']([a-z_]+)["']""")


class StateError(ValueError):
    """A stored link state that cannot be used (another version, or foreign content)."""


@functools.cache  # hashes source files and lexicons: once per process is enough
def linker_version() -> str:
    """Identifies the code and word lists a saved state was built with: the link
    modules and the lexicons they name (extraction lexicons do not matter here)."""
    digest = hashlib.sha1(f"{__version__}/{STATE_FORMAT}/{_PROTOCOL}".encode())
    link_dir = resources.files("newsledger.link")
    names: set[str] = set()
    for module in _LINK_MODULES:
        code = link_dir.joinpath(module).read_bytes()
        digest.update(code)
        names.update(_LEXICON_NAME.findall(code.decode("utf-8")))
    lexicon_dir = resources.files("newsledger.resources").joinpath("lexicons")
    for name in sorted(names):
        entry = lexicon_dir.joinpath(f"{name}.txt")
        if entry.is_file():
            digest.update(name.encode() + entry.read_bytes())
    return f"linkstate-{STATE_FORMAT}-{digest.hexdigest()[:16]}"


def encode_story(state: _StoryState) -> bytes:
    """A story's state as bytes (without its article list: the store keeps that, the
    state its ``size``)."""
    return _dump(replace(state, articles=[]))


def encode_groups(part: dict) -> bytes:
    """A story's part of the group index (:meth:`GroupIndex.parts`) as bytes."""
    return _dump(part)


def decode_story(blob: bytes) -> _StoryState:
    """The story state :func:`encode_story` wrote; StateError for anything else."""
    return _load(blob, _StoryState)


def decode_groups(blob: bytes) -> dict:
    """The group index part :func:`encode_groups` wrote; StateError for anything else."""
    part = _load(blob, dict)
    if set(part) != set(PART_KEYS):
        raise StateError(f"stored story groups have keys {sorted(part)}, not a group part's")
    return part



def _dump(value: object) -> bytes:
    buffer = io.BytesIO()
    _StatePickler(buffer, protocol=_PROTOCOL).dump(value)
    return buffer.getvalue()


def _load(blob: bytes, kind: type):
    try:
        found = _StateUnpickler(io.BytesIO(blob)).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError,
            ValueError) as error:
        raise StateError(f"a stored story state cannot be read ({error}); relink") from error
    if not isinstance(found, kind):
        raise StateError(f"a stored story state is a {type(found).__name__}, not a "
                         f"{kind.__name__}")
    return found


def _rebuild_record(cls: type, values: tuple) -> object:
    """A frozen slots dataclass from its field values: pickle's default path for these
    calls dataclasses.fields() per object, most of a large state's load time."""
    if cls not in _RECORDS:
        raise pickle.UnpicklingError(f"{cls!r} is not a record of a link state")
    record = object.__new__(cls)
    for name, value in zip(_field_names(cls), values):
        object.__setattr__(record, name, value)
    return record


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return _FIELD_NAMES[cls]


class _StatePickler(pickle.Pickler):
    def reducer_override(self, obj):
        cls = type(obj)
        if cls in _RECORDS:
            return _rebuild_record, (cls, tuple(getattr(obj, n) for n in _field_names(cls)))
        return NotImplemented


ALLOWED = frozenset({
    ("builtins", "list"), ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "dict"),
    ("collections", "Counter"), ("collections", "defaultdict"), ("collections", "OrderedDict"),
    ("datetime", "date"),
    ("newsledger.link.ledger", "_rebuild_record"),
    ("newsledger.link.stories", "_StoryState"),
    ("newsledger.link.groups", "_GroupState"), ("newsledger.link.groups", "Features"),
    *(("newsledger.model", name) for name in (
        "Article", "Claim", "Evidence", "Group", "Relation", "Source", "Speaker", "Story",
        "Value")),
})


# Frozen slots dataclasses a state holds many of (each group's Group and Features).
_RECORDS = frozenset({Claim, Evidence, Speaker, Source, Value, Features, Group, Relation})


class _StateUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(
                f"{module}.{name} is not part of a link state; the stored state was not "
                "written by newsledger"
            )
        return super().find_class(module, name)
