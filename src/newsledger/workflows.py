"""What the commands do, as library functions: read → extract → link → store, query, report.

Each CLI command is a few lines over one function here; this module never prints
(progress goes through a :class:`~newsledger.progress.Progress` the caller hands in).
"""

from __future__ import annotations

import getpass
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import accumulate, islice
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.fuzz import ratio
from rich.table import Table

from newsledger import __version__
from newsledger.config import Config
from newsledger.errors import EvalError, NewsledgerError, StoreError, UnknownRecord
from newsledger.link import LinkState, canonicalize, timeline_csv
from newsledger.link.canonical import (
    MIN_FUZZY_LENGTH,
    NAME_SIMILARITY,
    lookup_keys,
    speaker_surface,
)
from newsledger.link.ledger import StateError, groups_by_key, linker_version
from newsledger.link.names import fold_word, words
from newsledger.model import Article, Claim, Extraction, Failure, Group, Story, to_dict
from newsledger.progress import NULL_PROGRESS, Progress
from newsledger.report.view import GroupView, ReportView, build_view
from newsledger.store import BatchResult, Ledger, SavedLinkState, open_ledger


# -- ingest -----------------------------------------------------------------------------


@dataclass
class IngestResult:
    counts: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    extracted: set[str] = field(default_factory=set)  # article ids extracted in this run

    def summary(self) -> str:
        c = self.counts
        read = (f"{c['new']} new, {c['changed']} changed, {c['unchanged']} unchanged, "
                f"{c['reextracted']} re-extracted, {len(self.failures)} failed")
        if not c["stories"]:  # nothing was (re)linked in this run
            return read + "; the ledger's links are unchanged"
        return read + f"; {c['claims']} claims in {c['stories']} stories, {c['groups']} figure groups"


def ingest(paths: Iterable[str | Path], *, db: str, config: Config, reextract: bool = False,
           workers: int | None = 1, ray: str | None = None,
           progress: Progress = NULL_PROGRESS) -> IngestResult:
    """Read → extract → store in batches (one transaction each) → link each batch.

    Linking is incremental while the run only adds new articles to a new ledger or to one
    whose saved linker state is current: each stored batch is placed into that state
    (only the stories, groups, claims and relations it changes are written) while the
    workers extract the next, so the run's memory does not grow with its size. Otherwise
    (a changed article, ``reextract``, a review or entity edit since the state was saved,
    another linker version, new articles older than the linked ones, or articles an
    interrupted run stored but did not link) the whole ledger is relinked at the end,
    which also saves a fresh state. Runs into one ledger take turns
    (:meth:`Ledger.exclusive`): a second waits.

    Extraction runs in ``workers`` processes (None: every core, fewer for a small input;
    see :mod:`newsledger.engine`), or as Ray tasks over shards of the input on the
    cluster at ``ray`` (:mod:`newsledger.engine.ray`); this process stays the only writer.
    """
    result = IngestResult()
    progress, total = _announce(paths, progress)
    with (open_ledger(db) as ledger, ledger.exclusive(),
          _engine(paths, config, workers, ray, total) as engine):
        linker = _BatchLinker(ledger, _alias_files(config), incremental=not reextract)
        todo = _needing_extraction(ledger, _source(engine, paths, progress), result, progress)
        for batch in _batches(engine.map(todo), config.get("ingest", "batch_size")):
            linker.add(_store_batch(ledger, batch, result))
            progress.advance(len(batch), words=sum(map(_words, batch)))
        if reextract:
            _reextract(ledger, engine, result, progress)
        progress.stage("linking")
        linker.finish(result)
    return result


# Articles one linker state places before it is dropped and resumed from the store: what
# it read (stories, term frequencies, groups and their claims) is reused by the next
# batches, and the memory it holds stays that of this many articles, whatever the run.
STATE_ARTICLES = 1000


class _BatchLinker:
    """Links the batches of one ingest as they are stored, or the whole ledger at the end.

    Decided before the run writes anything: batches are linked incrementally when the
    ledger is new or its saved state is current and no earlier run left articles
    unlinked. The first batch that cannot be (a changed article, an article older than
    those linked: see :func:`link_new_articles`) turns that off, and :meth:`finish`
    relinks the whole ledger."""

    def __init__(self, ledger: Ledger, alias_files: tuple[str, ...], *, incremental: bool) -> None:
        self.ledger = ledger
        self.alias_files = alias_files
        pending = ledger.link_pending()
        self.new_ledger = not pending and _is_empty(ledger)
        self.incremental = incremental and not pending and (
            self.new_ledger or _state_is_current(ledger))
        self.relink = pending
        self.linked = False  # did a batch change the links?
        self.state: LinkState | None = None
        self.placed = 0  # articles placed with self.state


    def add(self, written: list[Extraction | None]) -> None:
        """A stored batch: the new articles' extractions, None for each changed one."""
        if not written:
            return
        self.relink = self.relink or None in written or not self.incremental
        if self.relink:
            self.incremental = False
            return
        if self.state is None or self.placed >= STATE_ARTICLES:
            self.state, self.placed = resumed_state(self.ledger, start_empty=self.new_ledger), 0
        if link_new_articles(self.ledger, written, alias_files=self.alias_files,
                             state=self.state):
            self.linked = True
            self.placed += len(written)
        else:
            self.incremental, self.relink, self.state = False, True, None

    def finish(self, result: IngestResult) -> None:
        if self.relink or result.counts["reextracted"]:
            link_ledger(self.ledger, result, alias_files=self.alias_files)
        elif self.linked:
            result.counts.update(self.ledger.link_counts())


def _is_empty(ledger: Ledger) -> bool:
    """A ledger nothing was ever written to (no article, claim, review or entity edit)."""
    return not any(ledger.link_fingerprint().values())


def _needing_extraction(ledger: Ledger, items: Iterable[Article | Extraction | Failure],
                        result: IngestResult, progress: Progress
                        ) -> Iterator[Article | Extraction | Failure]:
    """The items to extract and store: unchanged articles (same id, same text as stored)
    are counted and left out. Read lazily as the workers take articles, so extraction
    runs on while the batch before is stored and linked. (Ray's shards come extracted
    already: their Extractions pass through ``engine.map``.)"""
    for item in items:
        if not isinstance(item, Failure) and ledger.article_state(
                item.article if isinstance(item, Extraction) else item) == "unchanged":
            result.counts["unchanged"] += 1
            progress.advance(1, words=_words(item))
            continue
        yield item


def _store_batch(ledger: Ledger, batch: list[Extraction | Failure], result: IngestResult
                 ) -> list[Extraction | None]:
    """Store one batch; returns the extractions of the NEW articles stored, in the order
    stored, and None for each article stored as a new version of a changed one. Counts
    what was stored: an article that fails to extract or store is a failure, not new.
    (An article seen twice in one run may be extracted twice: the store skips the copy.)"""
    failures = [item for item in batch if isinstance(item, Failure)]
    extractions = [item for item in batch if not isinstance(item, Failure)]
    written, failures = _write(ledger, extractions, failures)
    for state in ("new", "changed", "unchanged"):
        result.counts[state] += len(getattr(written, state))
    result.failures.extend(failures)
    result.extracted.update(written.new + written.changed)
    by_id = {e.article.id: e for e in extractions}
    return [by_id[i] for i in written.new] + [None for _ in written.changed]


def _write(ledger: Ledger, extractions: list[Extraction], failures: list[Failure]
           ) -> tuple[BatchResult, list[Failure]]:
    """Write a batch in one transaction; when the store refuses it, write its articles
    one by one, so one article the database cannot take fails alone (nothing of a
    refused write is stored). Returns what was stored and every failure."""
    try:
        return ledger.write_batch(extractions, failures), failures
    except StoreError:
        pass  # retried one by one below
    done: dict[str, list[str]] = {"new": [], "changed": [], "unchanged": []}
    failed = list(failures)
    for extraction in extractions:
        try:
            one = ledger.write_batch([extraction])
        except StoreError as exc:
            failed.append(Failure(extraction.article.origin or extraction.article.id, "store",
                                  str(exc)))
            continue
        for state in done:
            done[state].extend(getattr(one, state))
    ledger.write_batch([], failed)
    return BatchResult(new=tuple(done["new"]), changed=tuple(done["changed"]),
                       unchanged=tuple(done["unchanged"]), failures=len(failed)), failed


def _reextract(ledger: Ledger, engine, result: IngestResult, progress: Progress) -> None:
    """Re-run extraction on stored articles, but not on those this run has just extracted."""
    todo = [a for a in ledger.articles() if a.id not in result.extracted]
    progress.stage("extracting", total=len(todo))
    for item in engine.map(todo):
        if isinstance(item, Failure):
            result.failures.append(item)
        else:
            ledger.replace_extraction(item)
            result.counts["reextracted"] += 1
        progress.advance(words=_words(item))


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# Reading and extraction load the NLP stack (spaCy, HanTa, trafilatura: seconds); the
# commands that only read the ledger (claims, story, timeline, report) start without it.
def _read_articles(paths, *, config: Config):
    from newsledger.ingest import read_articles

    return read_articles(paths, config=config)


def _announce(paths, progress: Progress) -> tuple[Progress, int | None]:
    """Tell the progress display what is coming: the articles where they can be counted,
    else the bytes of an all-WARC input. Returns the Progress the run advances (one that
    turns article advances into bytes read, for WARC) and the article total."""
    from newsledger.engine import shards

    total = shards.count_articles(paths)
    sizes = shards.warc_sizes(paths) if total is None else None
    if sizes is None:
        progress.stage("extracting", total=total)
        return progress, total
    progress = _BytesRead(progress, sizes)
    progress.stage("reading", total=sum(sizes.values()), unit="bytes")
    return progress, None


def _engine(paths, config: Config, workers: int | None, ray: str | None, total: int | None):
    """The extractor of a run (in this process, worker processes, or Ray)."""
    from newsledger import engine

    if ray:
        from newsledger.engine.ray import RaySource

        return RaySource(ray, config)
    return engine.extractor(config, workers, expected=total)


def _source(engine, paths, progress: Progress) -> Iterable:
    """The run's articles as read; a WARC run's progress follows where reading has got."""
    items = engine.source(paths)
    return progress.track(items) if isinstance(progress, _BytesRead) else items


class _BytesRead:
    """A WARC run's reading stage, counted in bytes: records cannot be counted up front,
    but the file sizes are known. Reading runs ahead of extraction, so the read position
    (the start of the last record read, from the item's ``path@offset`` origin) is what
    each article advance reports; the rest of a file counts once its reading ends. Later
    stages pass through unchanged."""

    def __init__(self, progress: Progress, sizes: dict[str, int]) -> None:
        self.progress, self.sizes = progress, sizes
        self.bases = dict(zip(sizes, accumulate([0, *sizes.values()])))
        self.read = self.reported = 0
        self.counting = True

    def track(self, items: Iterable) -> Iterator:
        for item in items:
            self.read = max(self.read, self._position(item))
            yield item
        self.read = sum(self.sizes.values())
        if self.counting:  # the last advance may have come before the source ran out
            self.advance(0)

    def _position(self, item) -> int:
        origin = item.origin if isinstance(item, Failure) else (
            item.article if isinstance(item, Extraction) else item).origin or ""
        path, _, offset = origin.rpartition("@")
        if path in self.bases and offset.isdigit():
            return self.bases[path] + int(offset)
        return self.read

    def stage(self, name: str, total: int | None = None, unit: str = "articles") -> None:
        self.counting = unit == "bytes"
        self.progress.stage(name, total, unit)

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        if self.counting:
            n, self.reported = self.read - self.reported, self.read
        self.progress.advance(n, words=words)

    def done(self, summary: str = "") -> None:
        self.progress.done(summary)


def _words(item: Article | Extraction | Failure) -> int:
    if isinstance(item, Failure):
        return 0
    from newsledger.engine import words

    return words(item.article if isinstance(item, Extraction) else item)


def _alias_files(config: Config) -> tuple[str, ...]:
    """The user's extra organisation alias lists (`[lexicons] extra.entity_aliases`)."""
    return tuple(config.lexicon_extras.get("entity_aliases", ()))


def link_ledger(ledger: Ledger, result: IngestResult | None = None, *,
                alias_files: tuple[str, ...] = ()) -> None:
    """Canonical speakers, stories, figure groups and statuses over the stored ledger,
    from scratch; saves the linker state with the links (for :func:`link_new_articles`)."""
    extractions = _stored_extractions(ledger)
    extractions, entities = canonicalize(extractions, edits=ledger.entity_edits(),
                                         alias_files=alias_files)
    ledger.save_entities({alias: name for name, aliases in entities.items() for alias in aliases},
                         keys=lookup_keys)
    previous = {article: story.id for story in ledger.stories() for article in story.articles}
    state, claim_groups = _link_state(extractions, ledger.article_order(), previous)
    relations = [r for rels in state.relations.values() for r in rels]
    ledger.save_links(state.stories(), state.groups(), claim_groups, relations,
                      state=_saved(state), index=state.index_changes())
    if result is not None:
        result.counts.update(ledger.link_counts())


def link_new_articles(ledger: Ledger, added: Sequence[Extraction],
                      result: IngestResult | None = None, *,
                      alias_files: tuple[str, ...] = (), state: LinkState | None = None) -> bool:
    """Place newly stored articles into the ledger's saved linker state and write only
    what changed. Returns False, writing nothing, when that cannot give what a full
    relink would (no usable state, an article older than those already linked, or an
    undated one once a story may have gone quiet: ``LinkState.may_follow``): then call
    :func:`link_ledger`. The state reads only the look-up rows the new articles name; a
    stored row it cannot read also returns False (after the new aliases were added, which
    the relink rewrites). ``state``: the ledger's state as :func:`resumed_state` gave it
    and earlier calls left it (what it read stays read; None: resume it here).

    The claims are read back from the store, so they are exactly what a relink reads.
    Call it only when the saved state was current before ``added`` were stored (as
    :func:`ingest` checks): articles stored in between would never be linked.
    """
    state = state or resumed_state(ledger)
    if state is None:
        return False
    ordered = sorted(enumerate(added), key=lambda ie: (_order_key(ie[1].article), ie[0]))
    if ordered and _order_key(ordered[0][1].article) < state.last_key:
        return False
    if not all(state.may_follow(e.article.published) for e in added):
        return False  # older than the state's stories, or undated after closed ones left out
    claims = _claims_by_article(ledger.claims_of_articles([e.article.id for e in added],
                                                          as_extracted=True))
    extractions = [Extraction(e.article, claims=tuple(claims.get(e.article.id, ())))
                   for _, e in ordered]
    extractions, entities = canonicalize(extractions, edits=ledger.entity_edits(),
                                         alias_files=alias_files,
                                         known=_candidate_entities(ledger, extractions),
                                         stored=ledger.aliases_of(_speaker_surfaces(extractions)))
    ledger.add_entities({alias: name for name, aliases in entities.items() for alias in aliases},
                        keys=lookup_keys)
    try:
        changes = state.add_articles((e.article, e.claims) for e in extractions)
    except StateError:  # a stored story state that cannot be read: the relink rewrites all
        return False
    state.last_key = max([state.last_key, *(_order_key(e.article) for e in extractions)])
    ledger.add_links(changes, state=_saved(state))
    if result is not None:
        result.counts.update(ledger.link_counts())
    return True


def _candidate_entities(ledger: Ledger, extractions: Sequence[Extraction]
                        ) -> dict[str, list[str]]:
    """The known entities a new speaker name could resolve to: those with a name word
    whose spelling key is close to one of the new names' words (the test canonicalize
    applies). Handing canonicalize all of them would cost a clustering of every person
    in the ledger per run; this costs index look-ups by spelling key
    (:func:`lookup_keys`) and one fuzzy comparison per entity found."""
    new_words = {w for e in extractions for c in e.claims if c.speaker is not None
                 for w in words(c.speaker.name or c.speaker.text or "")}
    found = ledger.entities_with_keys({k for w in new_words for k in lookup_keys(w)})
    entity_of_key: dict[str, set[str]] = {}
    for canonical, aliases in found.items():
        for name in (canonical, *aliases):
            for word in words(name):
                entity_of_key.setdefault(_word_key(word), set()).add(canonical)
    keys = list(entity_of_key)
    wanted: set[str] = set()
    for word in new_words:
        key = _word_key(word)
        wanted |= entity_of_key.get(key, set())
        if len(key) >= MIN_FUZZY_LENGTH:
            for match, _, _ in process.extract(key, keys, scorer=ratio, limit=None,
                                               score_cutoff=NAME_SIMILARITY):
                wanted |= entity_of_key[match]
    return {name: found[name] for name in sorted(wanted)}


def _speaker_surfaces(extractions: Sequence[Extraction]) -> set[str]:
    return {surface for e in extractions for c in e.claims
            if (surface := speaker_surface(c.speaker)) is not None}


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    return fold_word(word)


def _state_is_current(ledger: Ledger) -> bool:
    """Is the saved linker state built by this linker from what the ledger holds now?"""
    saved = ledger.link_state(include_state=False)
    return (saved is not None and saved.version == linker_version()
            and saved.fingerprint == ledger.link_fingerprint())


def resumed_state(ledger: Ledger, *, start_empty: bool = False) -> LinkState | None:
    """The ledger's saved linker state over its stored index, for :func:`link_new_articles`;
    None when there is none this linker can use. ``start_empty``: the ledger holds
    nothing yet, so a state that has placed nothing is its state."""
    if start_empty and ledger.link_state(include_state=False) is None:
        return LinkState(index=ledger.link_index(), members=ledger.claims_of_group)
    return _saved_state(ledger)


def _saved_state(ledger: Ledger) -> LinkState | None:
    saved = ledger.link_state()
    if saved is None or saved.version != linker_version():
        return None
    try:
        return LinkState.resume(saved.state, ledger.link_index(), members=ledger.claims_of_group)
    except StateError:
        return None


def _saved(state: LinkState) -> SavedLinkState:
    return SavedLinkState(version=linker_version(), state=state.dump_meta(),
                          articles=state.story_index.n_docs)


def _order_key(article: Article) -> tuple:
    """Articles are linked in publication order, undated ones last (then in ingestion
    order): stories and timelines grow as they did, and new articles usually come last."""
    return (article.published is None, article.published or "")


def _claims_by_article(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    return by_article


def _stored_extractions(ledger: Ledger) -> list[Extraction]:
    # Speaker names as extracted: each relink resolves them afresh (resolving the canonical
    # names of the last relink instead would drop the raw names' aliases).
    claims_by_article = _claims_by_article(ledger.claims(as_extracted=True))
    return [Extraction(article, claims=tuple(claims_by_article.get(article.id, ())))
            for article in ledger.articles()]


def _link_state(extractions: Sequence[Extraction], order: dict[str, int],
                previous: Mapping[str, str]) -> tuple[LinkState, dict[tuple, list[str]]]:
    """Place articles in publication order, then ``order`` (ingestion order), so stories
    and timelines grow as they did; a story keeps its ``previous`` id (article -> story
    of the last linking). Returns the state and the groups of each claim key in claim
    order (the store matches claims by key; two claims of an article can share one)."""
    state, linked = _place_all(extractions, order, previous)
    return state, groups_by_key(c for e in linked for c in e.claims)


def _place_all(extractions: Sequence[Extraction], order: dict[str, int],
               previous: Mapping[str, str] | None = None) -> tuple[LinkState, list[Extraction]]:
    """The state after placing every article, and the extractions (in the order given)
    with each claim's ``group`` set; stories reuse ``previous`` ids (see StoryIndex)."""
    state = LinkState()
    state.story_index.previous_story = previous or {}
    grouped: dict[str, list[Claim]] = {}
    ranked = sorted(extractions, key=lambda e: (_order_key(e.article),
                                               order.get(e.article.id, len(order)), e.article.id))
    for extraction in ranked:
        grouped[extraction.article.id] = state.add_article(extraction.article,
                                                           extraction.claims)[1]
    if ranked:
        state.last_key = _order_key(ranked[-1].article)
    state.story_index.previous_story = {}  # used up: the saved state need not carry it
    return state, [replace(e, claims=tuple(grouped[e.article.id])) for e in extractions]


# -- extract (no ledger) ----------------------------------------------------------------


@dataclass
class ExtractResult:
    extractions: list[Extraction]
    failures: list[Failure]

    def records(self, what: str) -> list:
        field_name = {"claims": "claims", "quotes": "quotes", "times": "times", "entities": "mentions"}[what]
        return [record for e in self.extractions for record in getattr(e, field_name)]


def extract_files(paths: Iterable[str | Path], *, config: Config, db: str | None = None,
                  workers: int | None = 1, progress: Progress = NULL_PROGRESS) -> ExtractResult:
    """Extract from files; names and groups are resolved across all articles of the run.
    ``workers`` as for :func:`ingest`: the result does not depend on it."""
    extractions, failures = [], []
    progress, total = _announce(paths, progress)
    with _engine(paths, config, workers, None, total) as engine:
        for item in engine.map(_source(engine, paths, progress)):
            (failures if isinstance(item, Failure) else extractions).append(item)
            progress.advance(words=_words(item))
    progress.stage("linking")
    edits, known = [], None
    if db:
        with open_ledger(db, create=False) as ledger:
            edits, known = ledger.entity_edits(), ledger.entities()
    extractions, _ = canonicalize(extractions, edits=edits, known=known,
                                  alias_files=_alias_files(config))
    _, linked = _place_all(extractions, {e.article.id: i for i, e in enumerate(extractions)})
    return ExtractResult(linked, failures)


# -- queries and reports ----------------------------------------------------------------


def query_claims(db: str, **filters) -> list[Claim]:
    with open_ledger(db, create=False) as ledger:
        return ledger.claims(**{k: v for k, v in filters.items() if v})


def _view(ledger: Ledger, *, title: str = "newsledger report"):
    claims = ledger.claims()
    groups = ledger.groups()
    return build_view(list(ledger.articles()), claims, ledger.stories(), groups,
                      relations=ledger.relations(), title=title)


def report(db: str, *, stories: Sequence[str] = (), since: str | None = None,
           top: int | None = None) -> ReportView:
    """What the report shows (the terminal summary and the HTML report render it): the
    whole ledger, or some ``stories``, claims stated from ``since`` on, the ``top``
    stories with the most claims. A filtered report reads only the rows it shows."""
    with open_ledger(db, create=False) as ledger:
        view = _view(ledger) if not (stories or since) else _filtered_view(ledger, stories, since)
    if top is not None:
        view = replace(view, stories=view.stories[:top])
    return view


def _filtered_view(ledger: Ledger, wanted: Sequence[str], since: str | None):
    stories = ledger.stories()
    if wanted:
        unknown = sorted(set(wanted) - {s.id for s in stories})
        if unknown:
            raise NewsledgerError(f"no story {unknown[0]!r} in the ledger; `newsledger story` "
                                  "lists them")
        stories = [s for s in stories if s.id in set(wanted)]
        claims = [c for s in stories for c in ledger.claims(story=s.id, since=since)]
    else:
        claims = ledger.claims(since=since)
    kept = {s.id for s in stories}
    groups = [g for g in ledger.groups() if g.story in kept]
    relations = [r for g in groups for r in ledger.relations(group=g.id)]
    return build_view(ledger.articles_by_id({c.article for c in claims}), claims, stories,
                      groups, relations=relations)


@dataclass(frozen=True)
class TimelineView:
    """One figure group over time, and the label of its story."""

    group: GroupView
    story_label: str

    def csv(self) -> str:
        return timeline_csv(self.group.entries)

    def jsonl(self) -> list[str]:
        """Each claim as its JSON record with the interval it allows."""
        return [json.dumps({**to_dict(e.claim), "low_bound": e.interval.low,
                            "high_bound": e.interval.high}, ensure_ascii=False)
                for e in self.group.entries]


def timeline(db: str, group: str) -> TimelineView:
    with open_ledger(db, create=False) as ledger:
        return group_timeline(ledger, group)


def group_timeline(ledger: Ledger, group: str) -> TimelineView:
    """One figure group over time: reads that group's claims and relations only."""
    found = ledger.groups(ids=[group])
    if not found:
        raise NewsledgerError(f"no figure group {group!r} in {ledger.where}; "
                              "`newsledger story` lists them")
    stories = ledger.stories_by_id([found[0].story])
    view = build_view({}, ledger.claims_of_group(group), stories, found,
                      relations=ledger.relations(group=group))
    story = view.stories[0] if view.stories else None
    if story is None:  # a group whose claims were all rejected
        return TimelineView(GroupView(found[0], ()), stories[0].label if stories else "")
    return TimelineView(story.groups[0], story.story.label)


@dataclass(frozen=True)
class StoryRow:
    """A story as `newsledger story` lists it."""

    id: str
    label: str
    articles: int
    copies: int
    groups: int


def stories(db: str) -> list[StoryRow]:
    with open_ledger(db, create=False) as ledger:
        return story_rows(ledger)


def story_rows(ledger: Ledger) -> list[StoryRow]:
    per_story = Counter(g.story for g in ledger.groups())
    return [StoryRow(s.id, s.label, len(s.articles), len(s.duplicates), per_story[s.id])
            for s in ledger.stories()]


def story_groups(db: str, story_id: str) -> tuple[Story, list[Group]]:
    """One story and its figure groups."""
    with open_ledger(db, create=False) as ledger:
        found = ledger.stories_by_id([story_id])
        if not found:
            raise NewsledgerError(f"no story {story_id!r} in {db}; `newsledger story` lists them")
        return found[0], ledger.groups(story=story_id)


def review(db: str, claim_id: str, status: str, *, by: str | None, corrections: dict) -> None:
    with open_ledger(db, create=False) as ledger:
        group = corrections.get("group")
        if group is not None and group not in {g.id for g in ledger.groups()}:
            raise UnknownRecord(f"{ledger.where}: no figure group {group!r}; "
                                "`newsledger story STORY` lists a story's groups")
        ledger.review(claim_id, status, by=by or _user(), corrections=_corrections(corrections))


def _corrections(raw: dict) -> dict:
    out = dict(raw)
    if "value" in out:
        low, _, high = out.pop("value").partition("-")
        try:
            out["value_low"], out["value_high"] = float(low), float(high or low)
        except ValueError:
            raise NewsledgerError(f"--value expects N or LOW-HIGH, got {raw['value']!r}") from None
    if "speaker" in out:
        out["speaker_name"] = out["speaker"]
    return out


def _user() -> str:
    try:
        return getpass.getuser()
    except OSError:
        return "unknown"


def entities(db: str) -> dict[str, list[str]]:
    """Canonical name -> its other aliases."""
    with open_ledger(db, create=False) as ledger:
        return ledger.entities()


def edit_entities(db: str, action: str, name: str, other: str, *, by: str | None) -> None:
    with open_ledger(db, create=False) as ledger, ledger.exclusive():  # it relinks
        # a rename's other name is new; merge and split name two known ones
        _check_entities_known(ledger, (name,) if action == "rename" else (name, other))
        if action == "merge":
            ledger.merge_entities(name, other, by=by or _user())
        elif action == "split":
            ledger.split_entity(name, other, by=by or _user())
        else:
            ledger.rename_entity(name, other, by=by or _user())
        link_ledger(ledger)


def _check_entities_known(ledger: Ledger, names: Sequence[str]) -> None:
    """Refuse an entity edit naming no entity or alias before recording it."""
    known = ledger.aliases()
    for name in names:
        if name not in known:
            raise UnknownRecord(f"{ledger.where}: no entity or alias is named {name!r}; "
                                "`newsledger entities list` shows them")



def info(db: str) -> list[tuple[str, str]]:
    """What `newsledger info` shows, as (what, value) rows."""
    rows = [("version", __version__), ("language layer", _language_resources())]
    if not (Path(db).exists() or "://" in db):
        return rows + [("ledger", f"{db} (not created yet)")]
    with open_ledger(db) as ledger:
        found = ledger.info()
    rows += [("ledger", str(found.get("url"))), ("schema", str(found.get("schema_version")))]
    return rows + [(f"  {name}", str(count)) for name, count in found.get("counts", {}).items()]


def _language_resources() -> str:
    import spacy

    lexicon_dir = resources.files("newsledger.resources").joinpath("lexicons")
    count = sum(1 for p in lexicon_dir.iterdir() if p.name.endswith(".txt"))
    return f"spaCy {spacy.__version__} blank German tokenizer + newsledger rules, {count} lexicons"


# -- demo and evaluation ----------------------------------------------------------------


def demo_files() -> list[Path]:
    root = resources.files("newsledger.demo")
    return [Path(str(root.joinpath("articles.jsonl"))), Path(str(root.joinpath("corrections.jsonl")))]


def demo(*, db: str, config: Config, progress: Progress = NULL_PROGRESS) -> IngestResult:
    """The demo corpus, then its corrections (a changed article becomes a new version).

    Run again on the same ledger, it changes nothing: re-reading the uncorrected originals
    would otherwise file them as yet another version of the corrected articles.
    """
    articles, corrections = demo_files()
    result = IngestResult()
    if _corrections_stored(db, corrections, config):
        result.counts["unchanged"] = sum(1 for _ in _read_articles([articles], config=config))
        return result
    for path in (articles, corrections):
        part = ingest([path], db=db, config=config, progress=progress)
        for key in ("new", "changed", "unchanged", "reextracted"):
            result.counts[key] += part.counts[key]
        for key in ("claims", "stories", "groups"):  # the state after the last linking
            result.counts[key] = part.counts[key] or result.counts[key]
        result.failures.extend(part.failures)
    return result


def _corrections_stored(db: str, corrections: Path, config: Config) -> bool:
    if "://" not in db and not Path(db).exists():
        return False
    with open_ledger(db) as ledger:
        return all(isinstance(a, Article) and ledger.article_state(a) == "unchanged"
                   for a in _read_articles([corrections], config=config))


def evaluation_table(what: str, gold_path: str, pred_path: str) -> Table:
    from newsledger import evaluate

    gold, pred = evaluate.load_jsonl(gold_path), evaluate.load_jsonl(pred_path)
    scorers = {"claims": evaluate.score_claims, "quotes": evaluate.score_quotes,
               "times": evaluate.score_times, "groups": evaluate.score_groups}
    scores = scorers[what](gold, pred)
    return score_table(f"{what}: {pred_path} against {gold_path}", scores)


def score_table(title: str, scores: dict) -> Table:
    """P/R/F1 rows for every {precision, recall, f1} entry in a score dict."""
    table = Table(title=title)
    for column in ("metric", "P", "R", "F1 / accuracy", "n"):
        table.add_column(column)
    for name, value in _score_rows(scores):
        if "f1" in value:
            table.add_row(name, f"{value['precision']:.3f}", f"{value['recall']:.3f}",
                          f"{value['f1']:.3f}", str(value.get("tp", "")))
        elif "accuracy" in value:
            table.add_row(name, "", "", f"{value['accuracy']:.3f}", str(value.get("total", "")))
    if not table.rows:
        raise EvalError(f"nothing to score in {title}")
    return table


def _score_rows(scores: dict, prefix: str = "") -> Iterator[tuple[str, dict]]:
    for name, value in scores.items():
        if not isinstance(value, dict) or name == "articles":
            continue
        label = f"{prefix}{name}"
        if "f1" in value or "accuracy" in value:
            yield label, value
        else:
            yield from _score_rows(value, prefix=f"{label}.")
