"""The linker's incremental state: stories, duplicates, groups and statuses in one place.

:class:`LinkState` places one article (with its claims, already canonicalised) at a
time: its story via :class:`~newsledger.link.stories.StoryIndex`, each claim's group via
:class:`~newsledger.link.groups.GroupIndex`, and the statuses of the new claims against
the claims already in their groups. Nothing is recomputed for the rest of the ledger.
"""

from __future__ import annotations

import functools

import copy
import hashlib
import io
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from importlib import resources

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsledger import __version__
from newsledger.link.groups import Features, GroupIndex, claim_features
from newsledger.link.stories import StoryIndex, _parse_date
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


@dataclass
class LinkChanges:
    """What :meth:`LinkState.add_articles` changed: rows for the store to write."""

    stories: list[Story]  # new or changed stories, whole
    gone_stories: list[str]  # ids of stories merged into another
    groups: list[Group]  # new groups, and groups whose label or story changed
    claim_groups: dict[tuple, str]  # Claim.key of each new claim -> its group id
    relations: list[Relation]  # statuses involving the new claims


class LinkState:
    """Stories, groups and statuses that grow one article at a time."""

    def __init__(self, **story_options) -> None:
        self.story_index = StoryIndex(**story_options)
        self.group_index = GroupIndex()
        self.members: dict[str, list[Claim]] = defaultdict(list)
        # Where the claims of a group not in ``members`` come from: a state loaded from
        # the store reads them from there (load_state), so it need not carry every claim.
        self.member_source: Callable[[str], Iterable[Claim]] | None = None
        self.relations: dict[str, list[Relation]] = defaultdict(list)
        # Where the latest placed article stands in the caller's order (the caller chooses
        # the order; kept here so that a saved state knows what may follow it in order).
        self.last_key: tuple = ()
        # What saved states left out (dump_state: closed stories with their groups and
        # claims, and articles older than the horizon), so the totals stay whole.
        self.closed_articles = self.closed_stories = self.closed_groups = self.closed_claims = 0

    def add_article(self, article: Article, claims: Sequence[Claim] = ()) -> tuple[str, list[Claim]]:
        """Place one article; returns its story id and its claims with ``group`` set."""
        merged_before = len(self.story_index.merged)
        story = self.story_index.add_article(article, claims)
        for old in list(self.story_index.merged)[merged_before:]:
            self.group_index.move_story(old, self.story_index.merged[old])
        featured = [(i, c, claim_features(c, article)) for i, c in enumerate(claims)]
        featured.sort(key=lambda icf: (icf[2].what is None, icf[2].where is None))
        grouped: dict[int, Claim] = {}
        for i, claim, features in featured:
            group_id = self.group_index.add(claim, story, features=features)
            grouped[i] = replace(claim, group=group_id)
            self._relate_new(grouped[i], story)
        return story, [grouped[i] for i in range(len(claims))]

    def _relate_new(self, claim: Claim, story: str) -> None:
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
        """Place articles in the order given; returns only what changed, for the store.

        Changed stories come whole (a story merge moves articles and positions); a merge
        also changes the story of every group of the merged story.
        """
        merged_before = len(self.story_index.merged)
        relations_before = {g: len(found) for g, found in self.relations.items()}
        touched_stories: set[str] = set()
        touched_groups: set[str] = set()
        claim_groups: dict[tuple, str] = {}
        for article, claims in placed:
            story, grouped = self.add_article(article, claims)
            touched_stories.add(story)
            touched_groups.update(c.group for c in grouped)
            claim_groups.update({c.key: c.group for c in grouped})
        gone = list(self.story_index.merged)[merged_before:]
        kept = {self._current_story(s) for s in (*touched_stories, *gone)}
        for story in kept.intersection(self._current_story(s) for s in gone):
            touched_groups.update(self._groups_of_story(story))
        new_relations = [r for g in sorted(touched_groups)
                         for r in self.relations.get(g, ())[relations_before.get(g, 0):]]
        # _labelled/_label: the labels of single groups and stories (the public lists
        # would label all of them, which costs what the ledger holds).
        return LinkChanges(
            stories=[self._story_record(s) for s in sorted(kept)],
            gone_stories=[s for s in gone if s not in kept],
            groups=[self.group_index._labelled(self.group_index.groups[g])
                    for g in sorted(touched_groups)],
            claim_groups=claim_groups,
            relations=new_relations,
        )

    def _current_story(self, story_id: str) -> str:
        """The id a story goes by now (merges chain: a -> b -> c)."""
        merged = self.story_index.merged
        while story_id in merged:
            story_id = merged[story_id]
        return story_id

    def _groups_of_story(self, story_id: str) -> list[str]:
        index = self.group_index
        return [g for family in index.families_of_story.get(story_id, ())
                for g in index.by_family.get(family, ())]

    def _story_record(self, story_id: str) -> Story:
        """Like StoryIndex.story, but looks up only this story's copies (not all of them)."""
        index = self.story_index
        state = index.stories_by_id[story_id]
        duplicates = {a: index.duplicates[a] for a in state.articles if a in index.duplicates}
        return Story(id=state.id, label=index._label(state), articles=tuple(state.articles),
                     duplicates=duplicates)

    @property
    def article_count(self) -> int:
        return len(self.story_index.story_of) + self.closed_articles

    @property
    def story_count(self) -> int:
        return len(self.story_index.stories_by_id) + self.closed_stories

    @property
    def group_count(self) -> int:
        return len(self.group_index.groups) + self.closed_groups

    @property
    def claim_count(self) -> int:
        return len(self.group_index.assigned) + self.closed_claims

    def may_follow(self, published: str | None) -> bool:
        """Can an article published then be placed as a full relink would place it? Not
        when older than the newest placed (stories grow in date order), nor undated once
        a saved state left stories or articles out (an undated article may join any story
        and copy any article)."""
        when = _parse_date(published)
        if when is None:
            return self.closed_articles == 0
        newest = max((s.last for s in self.story_index.stories_by_id.values() if s.last),
                     default=None)
        return newest is None or when >= newest

    def without_closed(self) -> LinkState:
        """A copy without closed stories (:meth:`StoryIndex.without_closed`), their groups
        and the claims assigned of the articles left out: all that articles placed in date
        order from the newest on still need. Shares the rest with this state."""
        stories, closed = self.story_index.without_closed()
        groups = self.group_index.without_stories(closed, stories.story_of)
        kept = copy.copy(self)
        kept.story_index, kept.group_index = stories, groups
        kept.closed_articles += len(self.story_index.story_of) - len(stories.story_of)
        kept.closed_stories += len(closed)
        kept.closed_groups += len(self.group_index.groups) - len(groups.groups)
        kept.closed_claims += len(self.group_index.assigned) - len(groups.assigned)
        return kept

    def stories(self) -> list[Story]:
        return self.story_index.stories()

    def groups(self) -> list[Group]:
        return self.group_index.group_list()


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
# Persisting the state (the store keeps it, so `ingest` can add articles without relinking)
#
# Pickle, because LinkState is a web of plain dicts, counters and datasketch objects
# that would take a table per index to normalise. Two safeguards:
# * versioned: ``linker_version()`` hashes the linker's code, its lexicons and
#   STATE_FORMAT; a state saved under another version is never loaded (the caller
#   relinks from the stored articles instead), so a code change cannot meet an old state.
# * restricted: a ledger file may come from someone else, and unpickling runs code, so
#   :func:`load_state` resolves only the classes a LinkState is made of (ALLOWED) and
#   refuses anything else. MinHashLSH pickles a bound method through builtins.getattr,
#   which we must not allow; it is therefore reduced to its plain attributes here.

# Bump when LinkState, StoryIndex or GroupIndex change the shape of their attributes.
STATE_FORMAT = 2  # 2: closed stories left out
_PROTOCOL = 5
_LINK_MODULES = ("canonical.py", "groups.py", "ledger.py", "names.py", "stories.py",
                 "timeline.py")
_LEXICON_NAME = re.compile(r"""(?:entries|lexicon)\([^"')]*["']([a-z_]+)["']""")


class StateError(ValueError):
    """A stored LinkState that cannot be used (another version, or foreign content)."""


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


def dump_state(state: LinkState) -> bytes:
    """The state as bytes for the store, without what the store holds anyway: the
    relations (a caller adding articles needs only the new ones), the claims of each
    group (:func:`load_state` takes a function that reads a group's claims back) and
    the closed stories (:meth:`LinkState.without_closed`; their links stay stored). So
    loading costs the indexes of the stories still open, not the ledger's size.
    ``state`` itself is left unchanged."""
    saved = state.without_closed()  # a copy: what follows leaves ``state`` alone
    saved.relations, saved.members, saved.member_source = defaultdict(list), {}, None
    buffer = io.BytesIO()
    _StatePickler(buffer, protocol=_PROTOCOL).dump(saved)
    return buffer.getvalue()


def load_state(blob: bytes, members: Callable[[str], Iterable[Claim]]) -> LinkState:
    """A state saved by :func:`dump_state`; ``members(group_id)`` gives the claims of a
    stored group as the linker placed them (the store: current claims with that group,
    canonical speaker names). StateError when the bytes hold anything but a state."""
    try:
        state = _StateUnpickler(io.BytesIO(blob)).load()
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError) as error:
        raise StateError(f"the stored link state cannot be read ({error}); relink") from error
    if not isinstance(state, LinkState):
        raise StateError(f"the stored link state is a {type(state).__name__}, not a LinkState")
    state.members = {}
    state.member_source = members
    return state


def _rebuild_minhash(seed: int, scheme: str, dtype: str, hashvalues: bytes) -> LeanMinHash:
    values = np.frombuffer(hashvalues, dtype=np.dtype(dtype))
    return LeanMinHash(seed=seed, hashvalues=values, scheme=scheme)


def _rebuild_lsh(attributes: dict) -> MinHashLSH:
    lsh = MinHashLSH.__new__(MinHashLSH)
    lsh.__dict__.update(attributes)
    lsh._H = lsh._hashed_byteswap if lsh.hashfunc else lsh._byteswap
    return lsh


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
        if isinstance(obj, MinHash):  # LeanMinHash too: only seed and values matter here
            values = np.asarray(obj.hashvalues)
            return _rebuild_minhash, (int(obj.seed), str(obj.scheme), values.dtype.str,
                                      values.tobytes())
        if isinstance(obj, MinHashLSH):
            attributes = {k: v for k, v in obj.__dict__.items() if k != "_H"}
            return _rebuild_lsh, (attributes,)
        return NotImplemented


ALLOWED = frozenset({
    ("builtins", "list"), ("builtins", "set"), ("builtins", "frozenset"), ("builtins", "dict"),
    ("collections", "Counter"), ("collections", "defaultdict"), ("collections", "OrderedDict"),
    ("datetime", "date"),
    ("datasketch.storage", "DictListStorage"), ("datasketch.storage", "DictSetStorage"),
    ("newsledger.link.ledger", "LinkState"), ("newsledger.link.ledger", "_rebuild_minhash"),
    ("newsledger.link.ledger", "_rebuild_lsh"), ("newsledger.link.ledger", "_rebuild_record"),
    ("newsledger.link.stories", "StoryIndex"), ("newsledger.link.stories", "_StoryState"),
    ("newsledger.link.groups", "GroupIndex"), ("newsledger.link.groups", "_GroupState"),
    ("newsledger.link.groups", "Features"),
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
