"""Canonical speakers across articles: one entity, one name, many aliases.

:func:`canonicalize` resolves every named speaker (of claims and quotes) and every
PER/ORG/ROLE mention of a run to an entity, in this order:

1. **Organisations** through the equivalence lexicon ``entity_aliases.txt``
   ("Pentagon" = "US-Verteidigungsministerium"), also for the name after a role word
   ("der Geheimdienst NIS" -> NIS).
2. **Persons** by their name part (role words stripped: "US-Außenminister Blinken" ->
   "Blinken"): full names cluster when their spelling keys (:mod:`.names`) are close;
   a one-word name joins the one full-name entity it is the surname (or first word) of.
3. **Role phrases without a name** ("der ukrainische Präsident") join a named entity only
   where the run's own text writes the role next to the name ("Der ukrainische Präsident
   Wolodymyr Selenskyj"): first in the same article; elsewhere in the run only for a
   specific role (two or more words) that names exactly one entity. Never from world
   knowledge.
4. **User edits** (merge, split), replayed in order over the automatic result.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from rapidfuzz.fuzz import ratio

from newsledger.lexicons import entries
from newsledger.link.names import (
    ARTICLES,
    fold_name,
    fold_word,
    plain_key,
    role_pattern,
    role_stems,
    split_role,
    stem,
    words,
)
from newsledger.model import Article, Claim, EntityEdit, Extraction, Mention, Quote, Speaker

# Spelling-key similarity (rapidfuzz ratio, 0..100) above which two names are one person.
# 85 joins Healy/Healey and Selenskyj/Selenski after folding, and keeps Kim Jong-un apart
# from Kim Yo-jong (keys 'kim iong un' / 'kim io iong').
NAME_SIMILARITY = 85.0
# Names shorter than this (folded) must match exactly: 'Kim' must not join 'Kin'.
MIN_FUZZY_LENGTH = 4
# A known entity's canonical name counts as this many mentions when choosing the display.
KNOWN_WEIGHT = 1000
_NAME_AFTER_ROLE = re.compile(r"[ \t]+((?:[A-ZÄÖÜ][\w.'’-]*[ \t]*){1,4})")


def canonicalize(
    extractions: Sequence[Extraction],
    *,
    edits: Sequence[EntityEdit] = (),
    alias_files: tuple[str, ...] = (),
    known: Mapping[str, Iterable[str]] | None = None,
    stored: Mapping[str, str] | None = None,
) -> tuple[list[Extraction], dict[str, set[str]]]:
    """Extractions with each named speaker's ``name`` set to its entity's canonical name.

    Returns the rewritten extractions and the entities: canonical name -> the surface
    forms (as written) that resolve to it. Unnamed speakers (``named=False``) are left as
    they are. ``alias_files`` extend the organisation lexicon (``entity_aliases.txt``).
    ``known`` (canonical name -> aliases, e.g. the entities a ledger already holds) lets a
    new batch resolve into existing entities, whose canonical names win. ``stored``
    (surface -> canonical name, a ledger's aliases) fixes the entity of surfaces a ledger
    already holds: the ledger never moves an alias to another entity, so a new batch must
    not either (its claims are matched to the stored ones by speaker name).
    """
    surfaces = list(_surfaces(extractions))
    articles = {e.article.id: e.article for e in extractions}
    resolver = _Resolver(articles, _alias_map(alias_files))
    for canonical, aliases in (known or {}).items():
        resolver.know(canonical, aliases)
    mapping = resolver.resolve(surfaces)
    mapping, aliases = apply_edits(mapping, edits)
    if stored:
        mapping, aliases = _keep_stored(mapping, stored)
    return [_rewrite(e, mapping) for e in extractions], aliases


def _keep_stored(mapping: dict[tuple[str, str], str], stored: Mapping[str, str]
                 ) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """``mapping`` with each surface in ``stored`` resolved to its stored entity."""
    kept = {(article, surface): stored.get(surface, canonical)
            for (article, surface), canonical in mapping.items()}
    aliases: dict[str, set[str]] = defaultdict(set)
    for (_, surface), canonical in kept.items():
        aliases[canonical].add(surface)
    return kept, dict(aliases)


def apply_edits(
    mapping: dict[tuple[str, str], str], edits: Sequence[EntityEdit]
) -> tuple[dict[tuple[str, str], str], dict[str, set[str]]]:
    """Replay user edits over ``(article, surface) -> canonical``; also returns the entities."""
    for edit in edits:
        action = edit.action
        if action == "merge":
            mapping = _merge(mapping, keep=edit.name, gone=edit.other)
        elif action == "split":
            mapping = _split(mapping, entity=edit.name, alias=edit.other)
        elif action == "rename":
            mapping = _rename(mapping, entity=edit.name, new=edit.other)
        else:
            raise ValueError(f"unknown entity edit action {action!r} (merge, split, rename)")
    aliases: dict[str, set[str]] = defaultdict(set)
    for (_, surface), canonical in mapping.items():
        aliases[canonical].add(surface)
    return mapping, dict(aliases)


def _entity_of(mapping: dict[tuple[str, str], str], name: str) -> str | None:
    key = plain_key(name)
    for (_, surface), canonical in mapping.items():
        if plain_key(canonical) == key or plain_key(surface) == key:
            return canonical
    return None


def _merge(mapping, *, keep: str, gone: str):
    kept = _entity_of(mapping, keep) or keep
    removed = _entity_of(mapping, gone)
    if removed is None:
        return mapping
    return {k: (kept if v == removed else v) for k, v in mapping.items()}


def _rename(mapping, *, entity: str, new: str):
    owner = _entity_of(mapping, entity)
    if owner is None:
        return mapping
    return {k: (new if v == owner else v) for k, v in mapping.items()}


def _split(mapping, *, entity: str, alias: str):
    owner = _entity_of(mapping, entity)
    key = plain_key(alias)
    return {
        (article, surface): (alias if v == owner and plain_key(surface) == key else v)
        for (article, surface), v in mapping.items()
    }


# ---------------------------------------------------------------------------------------
# Surfaces in, rewritten records out


def speaker_surface(speaker: Speaker | None) -> str | None:
    if speaker is None or not speaker.named:
        return None
    return (speaker.name or speaker.text or "").strip() or None


def _surfaces(extractions: Iterable[Extraction]) -> Iterable[tuple[str, str]]:
    for extraction in extractions:
        article = extraction.article.id
        for record in (*extraction.claims, *extraction.quotes):
            surface = speaker_surface(record.speaker)
            if surface:
                yield article, surface
        for mention in extraction.mentions:
            if mention.kind in ("PER", "ORG", "ROLE"):
                yield article, mention.text


def _rewrite(extraction: Extraction, mapping: dict[tuple[str, str], str]) -> Extraction:
    article = extraction.article.id

    def speaker(record: Claim | Quote):
        surface = speaker_surface(record.speaker)
        if surface is None or (article, surface) not in mapping:
            return record
        return replace(record, speaker=replace(record.speaker, name=mapping[(article, surface)]))

    def mention(m: Mention) -> Mention:
        name = mapping.get((article, m.text))
        return replace(m, name=name) if name else m

    return replace(
        extraction,
        claims=tuple(speaker(c) for c in extraction.claims),
        quotes=tuple(speaker(q) for q in extraction.quotes),
        mentions=tuple(mention(m) for m in extraction.mentions),
    )


def _alias_map(extra_files: tuple[str, ...]) -> dict[str, str]:
    """plain key of every alias -> canonical organisation name."""
    out: dict[str, str] = {}
    for line in entries("entity_aliases", extra_files):
        if "=" not in line:
            continue
        canonical, aliases = (part.strip() for part in line.split("=", 1))
        for alias in [canonical, *aliases.split("|")]:
            if alias.strip():
                out[plain_key(alias.strip())] = canonical
    return out


# ---------------------------------------------------------------------------------------
# Resolution


class _Resolver:
    def __init__(self, articles: dict[str, Article], aliases: dict[str, str]) -> None:
        self.articles = articles
        self.aliases = aliases
        self.stems = role_stems()
        self.persons = _PersonIndex()
        self.role_links: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.role_names: dict[str, list[str]] = defaultdict(list)  # role key -> names, any article
        self._by_prefix: dict[str, list[Article]] | None = None

    def know(self, canonical: str, aliases: Iterable[str]) -> None:
        """An entity from earlier runs: its canonical name outweighs any new spelling."""
        if self._organisation(canonical):
            return
        _, name = split_role(canonical, self.stems)
        if name:
            self.persons.add(name, weight=KNOWN_WEIGHT)
        for alias in aliases:
            _, alias_name = split_role(alias, self.stems)
            if alias_name and not self._organisation(alias_name):
                self.persons.add(alias_name)

    def resolve(self, surfaces: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        # sorted: the order names are counted and clustered in never depends on set order
        parsed = {s: split_role(s[1], self.stems) for s in sorted(set(surfaces))}
        for (article, surface), (role, name) in parsed.items():
            if name and not self._organisation(name) and not self._organisation(surface):
                self.persons.add(name)
            if role and name:
                self._link_role(article, plain_key(role), name)
        self._scan_roles(parsed)
        self.persons.cluster()
        return {s: self._canonical(s, role, name) for s, (role, name) in parsed.items()}

    def _organisation(self, text: str) -> str | None:
        """The lexicon's organisation for a phrase or its tail ("South Korea's National
        Intelligence Service" -> the entry for "National Intelligence Service")."""
        key = plain_key(text).split()
        for start in range(len(key)):
            found = self.aliases.get(" ".join(key[start:]))
            if found and (start == 0 or len(key) - start >= 2):
                return found
        return None

    def _name_entity(self, name: str) -> str:
        return self._organisation(name) or self.persons.canonical(name)

    def _canonical(self, surface: tuple[str, str], role: str, name: str) -> str:
        article, text = surface
        organisation = self._organisation(text)
        if organisation:
            return organisation
        if name:
            return self._name_entity(name)
        linked = self._linked_role(article, role)
        return linked or _clean_phrase(text)

    def _scan_roles(self, parsed) -> None:
        """Record 'role Name' pairs the articles write, for each role phrase without a name."""
        roles = sorted({role for (_, _), (role, name) in parsed.items() if role and not name})
        for role in roles:
            pattern = role_pattern(role)
            if pattern is None:
                continue
            for article in self._articles_with_word_like(role):
                for name in _names_after(pattern, article.text, self.stems):
                    if not self._organisation(name):
                        self.persons.add(name)
                    self._link_role(article.id, plain_key(role), name)

    def _articles_with_word_like(self, role: str) -> list[Article]:
        """The articles that can hold ``role_pattern(role)``: those with a word opening
        like the role's first word (a look-up, not a regex pass over every article)."""
        first = re.match(r"\w+", _first_stem(role))
        if first is None or len(first.group()) < _PREFIX:
            return list(self.articles.values())
        if self._by_prefix is None:
            self._by_prefix = _articles_by_word_prefix(self.articles.values())
        return self._by_prefix.get(first.group()[:_PREFIX].lower(), [])

    def _link_role(self, article: str, key: str, name: str) -> None:
        self.role_links[(article, key)].append(name)
        self.role_names[key].append(name)

    def _linked_role(self, article: str, role: str) -> str | None:
        key = plain_key(role)
        local = {self._name_entity(n) for n in self.role_links.get((article, key), ())}
        if len(local) == 1:
            return local.pop()
        if local or len(key.split()) < 2:
            return None  # ambiguous here, or a bare 'Präsident' that needs its own article
        found = {self._name_entity(n) for n in self.role_names.get(key, ())}
        return found.pop() if len(found) == 1 else None


# Articles are indexed by the first letters of their words (role_pattern matches at a word start).
_PREFIX = 3


def _first_stem(role: str) -> str:
    """The first word of ``role_pattern(role)``, as that pattern spells it."""
    tokens = [t for t in role.split() if t.lower() not in ARTICLES]
    return stem(tokens[0]) if tokens else ""


def _articles_by_word_prefix(articles: Iterable[Article]) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for prefix in sorted({w[:_PREFIX].lower() for w in re.findall(r"\w+", article.text)}):
            out[prefix].append(article)
    return out


def _names_after(pattern: re.Pattern[str], text: str, stems) -> list[str]:
    out = []
    for match in pattern.finditer(text):
        after = _NAME_AFTER_ROLE.match(text, match.end())
        if after:
            _, name = split_role(after.group(1).strip(), stems)
            if name:
                out.append(name)
    return out


def _clean_phrase(text: str) -> str:
    tokens = text.split()
    while tokens and tokens[0].lower() in {"der", "die", "das", "den", "dem", "des"}:
        tokens = tokens[1:]
    return " ".join(tokens) or text


class _PersonIndex:
    """Clusters person names by spelling key; full names first, then one-word names.

    Names are placed one by one (most mentioned first, then alphabetically: never in set
    order), each into the first cluster it matches. The clusters a name could match are
    found by look-up in an index of spelling-key variants (:func:`key_variants`, the keys
    ``ingest`` finds known entities by), never by a pass over all clusters: the cost of
    placing a name does not grow with the run."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.cluster_of: dict[str, int] = {}
        self.display: dict[int, str] = {}

    def add(self, name: str, weight: int = 1) -> None:
        self.counts[name] += weight

    def canonical(self, name: str) -> str:
        cluster = self.cluster_of.get(name)
        return self.display[cluster] if cluster is not None else name

    def cluster(self) -> None:
        ranked = sorted(self.counts, key=lambda n: (-self.counts[n], n))
        clusters = _Clusters()
        for name in (n for n in ranked if len(words(n)) >= 2):
            clusters.place(name, clusters.full_name_target(name))
        for name in (n for n in ranked if len(words(n)) < 2):
            clusters.place(name, clusters.single_name_target(name))
        for i, members in enumerate(clusters.members):
            self.display[i] = self._display(members)
            for member in members:
                self.cluster_of[member] = i

    def _display(self, members: list[str]) -> str:
        full = [m for m in members if len(words(m)) >= 2] or members
        return max(full, key=lambda m: (self.counts[m], len(m), m))


class _Clusters:
    """Clusters of person names with look-up indexes by spelling key.

    A full name joins the first cluster whose first member it matches (:func:`_same_full_name`);
    a one-word name joins the one cluster with a member whose surname (else first word) is
    close to it. Both tests need close word keys (:func:`_close`), and close keys share a
    :func:`key_variants` key, so the indexes hand each test only the clusters it can pass."""

    def __init__(self) -> None:
        self.members: list[list[str]] = []
        self._heads_by_name: dict[str, int] = {}  # fold_name of a cluster's first name
        self._heads_by_surname: defaultdict[str, list[int]] = defaultdict(list)
        # word position (-1 surname, 0 first word) -> variant key -> word keys of members
        self._word_keys: dict[int, defaultdict[str, set[str]]] = {
            -1: defaultdict(set), 0: defaultdict(set)}
        self._clusters_of_word_key: dict[int, defaultdict[str, set[int]]] = {
            -1: defaultdict(set), 0: defaultdict(set)}

    def place(self, name: str, target: int | None) -> None:
        if target is None:
            target = len(self.members)
            self.members.append([])
            self._index_head(name, target)
        self.members[target].append(name)
        for position in (-1, 0):
            key = _word_key(name, position)
            if key:
                self._clusters_of_word_key[position][key].add(target)
                for variant in key_variants(key):
                    self._word_keys[position][variant].add(key)

    def _index_head(self, name: str, cluster: int) -> None:
        self._heads_by_name.setdefault(fold_name(name), cluster)
        for variant in key_variants(_word_key(name, -1)):
            self._heads_by_surname[variant].append(cluster)

    def full_name_target(self, name: str) -> int | None:
        candidates = {c for v in key_variants(_word_key(name, -1))
                      for c in self._heads_by_surname.get(v, ())}
        same_key = self._heads_by_name.get(fold_name(name))
        if same_key is not None:
            candidates.add(same_key)
        return next((c for c in sorted(candidates)
                     if _same_full_name(self.members[c][0], name)), None)

    def single_name_target(self, name: str) -> int | None:
        key = fold_word(name)
        for position in (-1, 0):  # surname first, then a first word ('Kim')
            hits = self._clusters_close_to(key, position)
            if len(hits) == 1:
                return hits.pop()
            if len(hits) > 1:
                return None
        return None

    def _clusters_close_to(self, key: str, position: int) -> set[int]:
        word_keys = {k for v in key_variants(key) for k in self._word_keys[position].get(v, ())}
        return {c for k in word_keys if _close(key, k)
                for c in self._clusters_of_word_key[position][k]}


def _word_key(name: str, position: int) -> str:
    parts = words(name)
    if len(parts) < 2 and position == 0:
        return ""
    return fold_word(parts[position]) if parts else ""


def lookup_keys(name: str) -> set[str]:
    """Keys under which a stored name is found again for a new spelling: the spelling key
    of each of its words, that key with one letter left out (words long enough to match
    fuzzily), and with two left out (from TWO_LETTERS_FROM letters). Two word keys that
    NAME_SIMILARITY joins share one of these up to an Indel distance of 3 (one letter
    swapped and one more, or two letters more): a look-up by key instead of a fuzzy
    pass over every known name. Only words of 13+ letters can be joined further apart."""
    out: set[str] = set()
    for word in words(name):
        out |= key_variants(fold_word(word))
    return out


@lru_cache(maxsize=65536)
def key_variants(key: str) -> frozenset[str]:
    """One word key and its variants with letters left out (see :func:`lookup_keys`)."""
    out = {key}
    if len(key) >= MIN_FUZZY_LENGTH:
        shorter = {key[:i] + key[i + 1:] for i in range(len(key))}
        out |= shorter
        if len(key) >= TWO_LETTERS_FROM:
            out.update(k[:i] + k[i + 1:] for k in shorter for i in range(len(k)))
    out.discard("")
    return frozenset(out)


# From this length a key may have two letters more than a key NAME_SIMILARITY joins it to
# (2 * 6 / (6 + 8) = 0.857).
TWO_LETTERS_FROM = 8


def _close(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH:
        return False
    return ratio(a, b) >= NAME_SIMILARITY


def _same_full_name(a: str, b: str) -> bool:
    """Same surname key and compatible first names (equal, close or an initial)."""
    if fold_name(a) == fold_name(b):
        return True
    first_a, first_b = _word_key(a, 0), _word_key(b, 0)
    if not _close(_word_key(a, -1), _word_key(b, -1)):
        return False
    return _close(first_a, first_b) or first_a[:1] == first_b[:1] and (
        len(words(a)[0]) <= 2 or len(words(b)[0]) <= 2
    )
