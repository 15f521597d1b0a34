"""Stories and syndicated copies, built incrementally one article at a time.

:class:`StoryIndex` places each new article:

1. **Copy?** Its MinHash (word 3-gram shingles) is looked up in an LSH index; a hit whose
   estimated Jaccard similarity is at least ``duplicate_threshold`` makes the article a
   copy of that hit's original (syndicated agency text with small edits). A copy joins
   its original's story and counts once as a source, again as reach.
2. **Which story?** Otherwise the article's topic terms (capitalised words of the cleaned
   text — German nouns and names, boilerplate lines blanked —, places and known entities
   under one name in any language via ``places.txt`` / ``entity_aliases.txt``, canonical
   speaker names, claimed figures and counted classes, weighted by inverse document
   frequency) are compared with every story that shares a term (inverted index) and was
   active within ``window_days``: how much of the article's weight the story's articles
   typically carry (coverage); the best story above ``story_threshold`` takes it, else
   it opens a new story.

Each placement costs index look-ups, not a pass over the ledger. The state is plain
dicts and counters (the store may persist it); :func:`find_stories` is the batch form.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from typing import TYPE_CHECKING

import numpy as np

from newsledger.ingest.clean import clean
from newsledger.lexicons import entries
from newsledger.link.index import Merge, Placement
from newsledger.model import Article, Claim, Story

if TYPE_CHECKING:  # datasketch loads scipy (~1 s): imported where hashing happens
    from datasketch import LeanMinHash

# Jaccard of word 3-gram shingles above which two texts are one agency text: an agency
# copy with a new headline and a trimmed paragraph keeps ~0.6-0.9; two articles on one
# event written independently stay below 0.2.
DUPLICATE_THRESHOLD = 0.6
# Coverage (the share of an article's squared tf-idf weight that the story's articles
# carry, term by term: see _similarity) above which a story takes an article. 0.10 keeps
# the demo's and the seeds' stories whole (0.12 splits the demo's North Korea story). On
# the synthetic corpus of benchmarks/bench_ingest.py (20k articles, 1,793 topics, 300
# speakers recurring across topics) it gives story purity 0.69, inverse purity 0.95 and a
# largest story of 66 articles; the cosine to the story centroid used before gave 0.49 /
# 0.92 / 2,085: a big story's diffuse centroid matched any article sharing a few of its
# terms, and the story snowballed.
STORY_THRESHOLD = 0.10
# A story stays open this long after its latest article (developing stories pause).
WINDOW_DAYS = 60
# A story whose latest article is this many windows older than the newest article placed
# is closed: articles placed in date order can no longer join it, nor copy its articles
# (a copy is sought among articles at most this long before it: agencies syndicate within
# days). The stored look-up tables drop closed stories (newsledger.link.index).
CLOSED_AFTER_WINDOWS = 2
# Speakers and figures of an article's claims count as this many mentions of a topic term:
# they carry a story across languages and wordings ("Pentagon", 10,000).
SPEAKER_WEIGHT = 2
FIGURE_WEIGHT = 1
# What the claims count ('Soldaten' for 'troops' and 'Mann') ties articles across languages.
COUNTED_WEIGHT = 1
NUM_PERM = 64
TOP_TERMS = 40  # topic terms kept per article (the highest tf-idf)
PROFILE_TERMS = 200  # terms kept per story profile
# An article bridges (merges) two stories when it scores at least this times the threshold
# against both.
MERGE_FACTOR = 1.5
# ... and only when the smaller has at least this share of the larger's articles: parts of
# one story that began apart grow side by side, while a large story that absorbs every
# small one sharing a speaker or a place snowballs (see docs/performance.md).
MERGE_MIN_SHARE = 0.25
CANDIDATE_MAX_SHARE = 0.05
CANDIDATE_MIN_DOCS = 200
_CAPITALISED = re.compile(r"\b[A-ZÄÖÜ][\wäöüß]+(?:-[\wäöüß]+)*")
_WORD = re.compile(r"\w+")


@dataclass
class _StoryState:
    id: str
    # The articles placed in this process (all of them in a batch run; a state read back
    # from the store starts empty: the store keeps the list, ``size`` the count).
    articles: list[str] = field(default_factory=list)
    terms: Counter[str] = field(default_factory=Counter)
    surface: dict[str, str] = field(default_factory=dict)
    last: date | None = None
    order: int = 0  # creation order: a merge keeps the older story's id
    size: int = 0  # articles in the story


@dataclass
class Described:
    """What placing an article reads from it: topic terms, MinHash, date."""

    terms: Counter[str]
    surface: dict[str, str]
    minhash: LeanMinHash
    when: date | None


class StoryIndex:
    """Incremental story and duplicate state; :meth:`add_article` places one article.

    The dicts hold what placing needs. A batch run builds them whole; a run that adds
    articles to a stored ledger holds only what its articles' look-ups read
    (:class:`newsledger.link.ledger.LinkState` fills them in before each placement), so
    every method reads them through look-ups by key, never by a pass over all.
    """

    def __init__(
        self,
        *,
        window_days: int = WINDOW_DAYS,
        duplicate_threshold: float = DUPLICATE_THRESHOLD,
        story_threshold: float = STORY_THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> None:
        self.window_days = window_days
        self.duplicate_threshold = duplicate_threshold
        self.story_threshold = story_threshold
        self.num_perm = num_perm
        self.buckets: dict[tuple[int, bytes], list[str]] = defaultdict(list)  # LSH bands
        self.hashes: dict[str, LeanMinHash] = {}
        self.published: dict[str, date | None] = {}
        self.duplicates: dict[str, str] = {}  # copy -> original
        self.story_of: dict[str, str] = {}
        self.merged: dict[str, str] = {}  # id of a story merged away -> the id it joined
        self.stories_by_id: dict[str, _StoryState] = {}
        self.term_index: dict[str, set[str]] = defaultdict(set)
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.created = 0  # stories opened so far (their creation order)
        # A relink keeps ids: article id -> its story in the previous linking. A story
        # opened by such an article takes that id while no story of this run holds it.
        self.previous_story: Mapping[str, str] = {}
        self.stopwords = entries("story_stopwords")
        # Reads the document frequencies of terms not in ``df`` yet: a state over a stored
        # index sets it (a batch run has them all), so that a story merely compared with
        # an article costs no frequency look-ups for its ~400 terms.
        self.read_frequencies: Callable[[Iterable[str]], None] | None = None
        # What changed since the caller last collected it (:meth:`take_changes`).
        self.events: list[Placement | Merge] = []
        self.changed: set[str] = set()  # stories whose state changed
        self.df_changed: set[str] = set()

    # -- public -------------------------------------------------------------------------

    def add_article(self, article: Article, claims: Sequence[Claim] = ()) -> str:
        """Place ``article`` (with its claims) in a story; returns the story id."""
        if article.id in self.story_of:
            return self._final_story(self.story_of[article.id])
        return self.place(article, self.describe(article, claims))

    def describe(self, article: Article, claims: Sequence[Claim] = ()) -> Described:
        terms, surface = self._terms(article, claims)
        return Described(terms, surface, _minhash(article.text, self.num_perm),
                         _parse_date(article.published))

    def place(self, article: Article, described: Described) -> str:
        """Place a described article; what it reads must be in the dicts (see class)."""
        self.published[article.id] = described.when
        best = self._find_copied(article.id, described.minhash)
        self._count_terms(described.terms)
        if best is not None:
            self.duplicates[article.id] = self.duplicates.get(best, best)
            # a copy and its original are always in one story
            story = self.stories_by_id[self._final_story(self.story_of[best])]
        else:
            story = self._place(article, described)
        self._join(story, article, described)
        return story.id

    def stories(self) -> list[Story]:
        """The stories so far, as model records (oldest first)."""
        return [self._story(state) for state in self.stories_by_id.values()]

    def story(self, story_id: str) -> Story:
        return self._story(self.stories_by_id[story_id])

    def top_terms(self, terms: Counter[str]) -> dict[str, float]:
        """The article's TOP_TERMS highest tf-idf terms (those a story profile keeps)."""
        weighted = {t: (1 + math.log(c)) * self._idf(t) for t, c in terms.items()}
        top = sorted(weighted.items(), key=lambda kv: -kv[1])[:TOP_TERMS]
        return dict(top)

    def lookup_terms(self, top: dict[str, float]) -> list[str]:
        """The article's terms that look up candidate stories: not those in more than
        CANDIDATE_MAX_SHARE of all articles (once there are enough to tell), which would
        make every active story a candidate; they still count in the similarity."""
        if self.n_docs < CANDIDATE_MIN_DOCS:
            return list(top)
        limit = CANDIDATE_MAX_SHARE * self.n_docs
        return [t for t in top if self.df[t] <= limit]

    @property
    def horizon_days(self) -> int:
        """How far back from an article stories and originals can still take it."""
        return self.window_days * CLOSED_AFTER_WINDOWS

    def label(self, story_id: str) -> str:
        return self._label(self.stories_by_id[story_id])

    def take_changes(self) -> tuple[list[Placement | Merge], set[str], set[str]]:
        """The placements and merges (in order), changed stories and changed document
        frequencies since the last call; starts recording afresh."""
        taken = self.events, self.changed, self.df_changed
        self.events, self.changed, self.df_changed = [], set(), set()
        return taken

    def _final_story(self, story_id: str) -> str:
        while story_id in self.merged:
            story_id = self.merged[story_id]
        return story_id

    # -- duplicates ---------------------------------------------------------------------

    def _find_copied(self, article_id: str, minhash: LeanMinHash) -> str | None:
        """The article within the horizon whose text this one copies (estimated Jaccard
        of at least ``duplicate_threshold``, the best), looked up by LSH bands."""
        best, best_score = None, self.duplicate_threshold
        for candidate in sorted({c for band in band_keys(minhash, self.duplicate_threshold)
                                 for c in self.buckets.get(band, ())}):
            if not self._within_horizon(article_id, candidate):
                continue
            score = minhash.jaccard(self.hashes[candidate])
            if score >= best_score:
                best, best_score = candidate, score
        self.add_hash(article_id, minhash)
        return best

    def add_hash(self, article_id: str, minhash: LeanMinHash) -> None:
        self.hashes[article_id] = minhash
        for band in band_keys(minhash, self.duplicate_threshold):
            self.buckets[band].append(article_id)

    def _within_horizon(self, article_id: str, candidate: str) -> bool:
        when, then = self.published[article_id], self.published[candidate]
        return when is None or then is None or abs((when - then).days) <= self.horizon_days

    # -- stories ------------------------------------------------------------------------

    def _terms(self, article: Article, claims: Sequence[Claim]) -> tuple[Counter[str], dict]:
        """Topic terms of the article's cleaned text (boilerplate lines blanked): its
        capitalised words, with places and known entities under one name whatever the
        language ('North Korean' and 'nordkoreanische' -> Nordkorea), plus the speakers,
        figures and counted classes of its claims."""
        counts: Counter[str] = Counter()
        surface: dict[str, str] = {}
        text = f"{article.title or ''}\n{clean(article.text).text}"
        names = _entity_names()
        for word in _CAPITALISED.findall(text):
            key = _term_key(word)
            if key not in self.stopwords and key not in names.folded and len(key) > 2:
                counts[key] += 1
                surface.setdefault(key, word)
        for name in names.find(text):
            counts[_term_key(name)] += 1
            surface.setdefault(_term_key(name), name)
        for claim in claims:
            if claim.speaker is not None and claim.speaker.named:
                counts["@" + (claim.speaker.name or claim.speaker.text).lower()] += SPEAKER_WEIGHT
            counts[f"#{claim.value.low:g}"] += FIGURE_WEIGHT
            if claim.counted:
                counts["%" + _counted_class(claim.counted)] += COUNTED_WEIGHT
        return counts, surface

    def _count_terms(self, terms: Counter[str]) -> None:
        self.n_docs += 1
        self.df.update(terms.keys())
        self.df_changed.update(terms.keys())

    def _read_frequencies(self, terms: Iterable[str]) -> None:
        if self.read_frequencies is not None:
            self.read_frequencies(terms)

    def _idf(self, term: str) -> float:
        return math.log((self.n_docs + 1) / (self.df[term] + 1)) + 1.0

    def _place(self, article: Article, described: Described) -> _StoryState:
        """The best-matching story; an article that fits two stories well (both at least
        MERGE_FACTOR times the threshold, the smaller at least MERGE_MIN_SHARE of the
        larger) bridges them: single-pass clustering splits a story whose first articles
        share few words. A merge keeps the older story's id."""
        scored = self._matching_stories(described)
        if not scored:
            return self._new_story(article)
        bar = self.story_threshold * MERGE_FACTOR
        best, best_score = max(scored, key=lambda ss: ss[1])
        bridged = [story for story, score in scored
                   if story is not best and score >= bar and best_score >= bar
                   and min(story.size, best.size) >= MERGE_MIN_SHARE * max(story.size, best.size)]
        if not bridged:
            return best
        kept, *others = sorted([best, *bridged], key=lambda story: story.order)
        for other in others:
            self._merge(kept, other)
        return kept

    def _matching_stories(self, described: Described) -> list[tuple[_StoryState, float]]:
        """(story, score) of active stories covering the article's terms above the threshold."""
        top = self.top_terms(described.terms)
        candidates = {s for t in self.lookup_terms(top)
                      for s in self._active_stories(t, described.when)}
        scored = [
            (self.stories_by_id[story_id], self._similarity(self.stories_by_id[story_id], top))
            for story_id in sorted(candidates)
        ]
        return [(story, score) for story, score in scored if score > self.story_threshold]

    def _merge(self, kept: _StoryState, gone: _StoryState) -> None:
        self.events.append(Merge(gone.id, kept.id, kept.size))
        self.changed.add(kept.id)
        for article_id in gone.articles:
            self.story_of[article_id] = kept.id
        kept.articles.extend(gone.articles)
        kept.size += gone.size
        for term, count in gone.terms.items():
            kept.terms[term] += count
            self.term_index[term].discard(gone.id)
            self.term_index[term].add(kept.id)
        for term, word in gone.surface.items():
            kept.surface.setdefault(term, word)
        if gone.last is not None and (kept.last is None or gone.last > kept.last):
            kept.last = gone.last
        del self.stories_by_id[gone.id]
        self.merged[gone.id] = kept.id
        self._trim(kept)

    def _similarity(self, story: _StoryState, top: dict[str, float]) -> float:
        """How much of the article the story covers: the article's squared tf-idf
        weights, each times the share of the story's articles naming that term, over
        their sum. A big story with a diffuse vocabulary covers little of any one
        article (each of its terms is named by few of its articles), so it does not
        swallow every article that shares a speaker or a place with it."""
        total = sum(w * w for w in top.values())
        covered = sum(w * w * story.terms[t] / story.size for t, w in top.items()
                      if t in story.terms)
        return covered / total if total else 0.0

    def _active_stories(self, term: str, when: date | None) -> list[str]:
        """Stories with ``term`` active at ``when``; stories that went quiet before the
        window are dropped from the term's list for good (articles mostly arrive in date
        order), which keeps a look-up's cost independent of the ledger's age."""
        story_ids = self.term_index.get(term)
        if not story_ids:
            return []
        active, stale = [], []
        for story_id in story_ids:
            story = self.stories_by_id[story_id]
            if self._active(story, when):
                active.append(story_id)
            elif when is not None and story.last is not None and story.last < when:
                stale.append(story_id)
        story_ids.difference_update(stale)
        return active

    def _active(self, story: _StoryState, when: date | None) -> bool:
        if when is None or story.last is None:
            return True
        return abs((when - story.last).days) <= self.window_days

    def _new_story(self, article: Article) -> _StoryState:
        story_id = self._reused_id(article.id) or self._minted_id(article.id)
        state = _StoryState(id=story_id, order=self.created)
        self.created += 1
        self.stories_by_id[story_id] = state
        return state

    def _reused_id(self, article_id: str) -> str | None:
        previous = self.previous_story.get(article_id)
        return previous if previous is not None and not self._taken(previous) else None

    def _minted_id(self, article_id: str) -> str:
        """'story-' + a hash of the article that opened it; when a relink has given that
        id to another story already (reused), a numbered variant, still deterministic."""
        basis, n = article_id, 0
        while self._taken(story_id := "story-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:10]):
            n += 1
            basis = f"{article_id}/{n}"
        return story_id

    def _taken(self, story_id: str) -> bool:
        return story_id in self.stories_by_id or story_id in self.merged

    def _join(self, story: _StoryState, article: Article, described: Described) -> None:
        self.events.append(Placement(story.id, article.id, story.size,
                                  self.duplicates.get(article.id)))
        self.changed.add(story.id)
        story.articles.append(article.id)
        story.size += 1
        self.story_of[article.id] = story.id
        when = described.when
        if when is not None and (story.last is None or when > story.last):
            story.last = when
        for term in self.top_terms(described.terms):
            story.terms[term] += 1
            self.term_index[term].add(story.id)
            if term in described.surface:
                story.surface.setdefault(term, described.surface[term])
        self._trim(story)

    def _trim(self, story: _StoryState) -> None:
        if len(story.terms) <= PROFILE_TERMS * 2:
            return
        for term, _ in story.terms.most_common()[PROFILE_TERMS:]:
            del story.terms[term]
            self.term_index[term].discard(story.id)

    def _story(self, state: _StoryState) -> Story:
        duplicates = {a: self.duplicates[a] for a in state.articles if a in self.duplicates}
        return Story(
            id=state.id,
            label=self._label(state),
            articles=tuple(state.articles),
            duplicates=duplicates,
        )

    def _label(self, state: _StoryState) -> str:
        self._read_frequencies(state.terms)
        ranked = sorted(
            (t for t in state.terms if t in state.surface),
            key=lambda t: -state.terms[t] * self._idf(t) * (1 + math.log(len(t))),
        )
        return " · ".join(state.surface[t] for t in ranked[:3]) or state.id


def find_stories(
    articles: Iterable[Article], claims: Iterable[Claim] = (), **options
) -> list[Story]:
    """Batch form: stories of ``articles``, duplicates marked.

    Articles are placed oldest first (undated last; ties in input order), so the first
    published of a set of copies is the original.
    """
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_article[claim.article].append(claim)
    index = StoryIndex(**options)
    for article in sorted(articles, key=lambda a: (a.published is None, a.published or "")):
        index.add_article(article, by_article.get(article.id, ()))
    return index.stories()


def independent_sources(story: Story) -> list[str]:
    """Article ids of a story with syndicated copies left out (one per original)."""
    return [a for a in story.articles if a not in story.duplicates]


class _EntityNames:
    """Every spelling of a place (``places.txt``) or entity (``entity_aliases.txt``) -> its
    one name; a spelling also matches as the start of a word ('Nordkoreaner', 'North
    Korean') and, lower-cased, before -isch ('nordkoreanische')."""

    def __init__(self) -> None:
        self.name_of: dict[str, str] = {}
        for name in ("places", "entity_aliases"):
            for line in entries(name):
                canonical, _, others = line.partition("=")
                for spelling in [canonical, *others.split("|")]:
                    if len(spelling.strip()) > 2:
                        self.name_of[spelling.strip()] = canonical.strip()
        # Single words that are names stand for the name, not for themselves.
        self.folded = frozenset(_term_key(s) for s in self.name_of if " " not in s)
        spellings = sorted(self.name_of, key=len, reverse=True)
        lowered = {s.lower(): s for s in spellings if " " not in s}
        self.lower_of = lowered
        self.pattern = re.compile(
            r"\b(?:(" + "|".join(re.escape(s) for s in spellings) + r")"
            r"|(" + "|".join(re.escape(s) for s in lowered) + r")n?isch)",
        )

    def find(self, text: str) -> list[str]:
        out = []
        for match in self.pattern.finditer(text):
            spelling = match.group(1) or self.lower_of[match.group(2)]
            out.append(self.name_of[spelling])
        return out


_NAMES: list[_EntityNames] = []


def _entity_names() -> _EntityNames:
    if not _NAMES:
        _NAMES.append(_EntityNames())
    return _NAMES[0]


def _counted_class(counted: str) -> str:
    from newsledger.link.groups import counted_class  # groups imports nothing from here

    words = _WORD.findall(counted)  # the head is last: 'von Nordkorea entsandte Soldaten'
    return counted_class(words[-1]).lower() if words else counted.lower()


def _term_key(word: str) -> str:
    key = word.lower()
    for ending in ("en", "es", "e", "s"):
        if key.endswith(ending) and len(key) - len(ending) >= 4:
            return key[: -len(ending)]
    return key


def _shingles(text: str, size: int = 3) -> set[bytes]:
    tokens = _WORD.findall(text.lower())
    if len(tokens) < size:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


def _minhash(text: str, num_perm: int) -> LeanMinHash:
    from datasketch import LeanMinHash, MinHash

    minhash = MinHash(num_perm=num_perm, seed=_SEED)
    minhash.update_batch(list(_shingles(text)))
    return LeanMinHash(minhash)


def minhash_from_bytes(hashvalues: bytes) -> LeanMinHash:
    """A MinHash of :func:`_minhash` from its stored hash values."""
    from datasketch import LeanMinHash

    return LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(hashvalues, dtype="<u8"),
                       scheme=_scheme())


_SEED = 1  # datasketch's default, which _minhash uses


@functools.cache
def _scheme() -> str:
    from datasketch import MinHash

    return MinHash(num_perm=1, seed=_SEED).scheme


@functools.cache
def _band_ranges(threshold: float, num_perm: int) -> tuple[tuple[int, int], ...]:
    """The (start, end) of each LSH band: datasketch's choice of bands and rows that
    best separates Jaccard similarity around ``threshold``."""
    from datasketch import MinHashLSH

    return tuple(MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges)


def band_keys(minhash: LeanMinHash, threshold: float = DUPLICATE_THRESHOLD
              ) -> list[tuple[int, bytes]]:
    """The LSH bucket of each band: (band number, its hash values as bytes). Two texts
    share a bucket in some band with a probability that rises steeply around the
    threshold; the store indexes the same keys, so look-ups match in memory and there."""
    values = np.asarray(minhash.hashvalues, dtype="<u8")
    return [(band, values[start:end].tobytes())
            for band, (start, end) in enumerate(_band_ranges(threshold, len(values)))]


def _parse_date(value: str | None) -> date | None:
    """'2024-11-26', '2024-11' or '2024' -> a date (the first day of the period)."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1, 1]
        return date(numbers[0], numbers[1] or 1, numbers[2] or 1)
    except ValueError:
        return None
