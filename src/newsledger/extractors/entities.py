"""Entity and role mentions, and the article-level resolution of later mentions to full names.

No German NER model ships here, so mentions come from capitalisation and lexicons:

* a *phrase* is a run of capitalised words with its determiner, adjectives and genitive
  (``attribution_np``);
* its kind: ROLE when its head is a role word (``role_words``: "US-Außenminister",
  "der Sprecher des Sicherheitsrats"), MEDIA when it is a known outlet (``media_outlets``),
  ORG when a word ends in an organisation ending (``org_suffixes``) or is an acronym, LOC
  when it is a country or a place (babel's German territory names, plus ``place_names``), PER when
  it is a name (the words following a role word, or capitalised words that HanTa calls proper
  nouns, without a determiner or a foreign article — a single word only when HanTa's lexicon
  *knows* it as a name, since its guess for an unknown word is NE as often as NN); a common noun
  before a name is a title, not part of the name (``Bischof Avitus`` → ``Avitus``; after a place
  noun, ``Stadt Teirm``, the name is a LOC);
* within an article, a surname ("Blinken") resolves to the full name seen before ("Antony
  Blinken"), and a role ("der Außenminister", "der ukrainische Präsident") to the name it
  was written next to.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newsledger.extractors.attribution_np import (
    DETERMINERS,
    doc_lexicon,
    doc_memo,
    doc_sentences,
    is_adjective_like,
    is_nounish,
)
from newsledger.model import EntityKind, Mention

_PLACE_PREPOSITIONS = frozenset({"in", "aus", "nach"})
_WORD_END = re.compile(r"(?:in|innen|en|n|s|e)$")


@lru_cache(maxsize=1)
def territories() -> frozenset[str]:
    """German names of countries and regions (babel's CLDR data)."""
    from babel import Locale

    names = set()
    for name in Locale("de").territories.values():
        names.add(name)
        names.add(name.split(" ")[-1])
    return frozenset(n for n in names if n[:1].isupper())


def _ends_with_any(word: str, endings: frozenset[str]) -> bool:
    return any(word.endswith(e) for e in endings)


def is_role_word(doc: Doc, word: str) -> bool:
    """'US-Außenminister', 'Regierungssprecherin', 'Präsident' (compounds and feminine forms)."""
    return _is_role(word.lower().split("-")[-1], doc_lexicon(doc, "role_words"))


@lru_cache(maxsize=100_000)
def _is_role(lower: str, roles: frozenset[str]) -> bool:
    """Cached by word form: the check tries every role with every ending."""
    if _ends_with_any(lower, roles):
        return True
    return any(lower.endswith(r + end) for r in roles for end in ("in", "innen", "en", "s", "n"))


def is_place(doc: Doc, word: str) -> bool:
    """A listed place or a word with a German place-name ending ('Augsburg', 'Schwanitzstraße')."""
    places = doc_lexicon(doc, "place_names")
    return word in places or _has_place_ending(word, places)


@lru_cache(maxsize=100_000)
def _has_place_ending(word: str, places: frozenset[str]) -> bool:
    lower = word.lower()
    return any(p.startswith("-") and lower.endswith(p[1:]) and len(lower) > len(p) + 2 for p in places)


def is_org_word(doc: Doc, word: str) -> bool:
    if word.isupper() and len(word) >= 2 and word.isalpha():
        return True
    return _is_org(word.lower(), doc_lexicon(doc, "org_suffixes"))


@lru_cache(maxsize=100_000)
def _is_org(lower: str, suffixes: frozenset[str]) -> bool:
    """Long endings match compounds ('Verteidigungsministerium'); short ones ('ag', 'un', 'rat')
    only the whole word, or they would catch 'Hause' and 'Beirat'-less nouns alike."""
    return lower in suffixes or any(lower.endswith(s) for s in suffixes if len(s) >= 4)


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int  # token index
    end: int
    kind: EntityKind
    name: str


class NameResolver:
    """Full names of one article's persons (by surname and by role) and organisations (by head)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.by_surname: dict[str, str] = {}
        self.by_role: dict[str, str] = {}
        self.by_org_head: dict[str, str] = {}  # 'geheimdienst' → 'Geheimdienst NIS'
        self.persons: list[tuple[int, str]] = []  # (char offset, full name), in text order
        for phrase in _phrases(doc):
            self._learn(phrase)

    def _learn(self, phrase: tuple[int, int]) -> None:
        words = [t for t in self.doc[phrase[0]:phrase[1]] if is_nounish(t)]
        self._learn_organisation(words)
        roles = [t for t in words if is_role_word(self.doc, t.text)]
        names = [t for t in words if t not in roles and not is_org_word(self.doc, t.text)]
        if not names or len(names) < 2 and not roles:
            return
        if any(t.text in territories() for t in names) or names[0].text in _FOREIGN_ARTICLES:
            return  # 'Bundesrepublik Deutschland', 'The Mousetrap': not a person
        if not roles and not any(_is_proper_noun(t.text) for t in names):
            return  # 'Ende Oktober', 'Bundesrepublik Deutschland': not a person
        full = " ".join(t.text for t in names)
        for token in names:
            self.by_surname.setdefault(token.text, full)
        self.by_surname[names[-1].text] = full
        for role in roles:
            self.by_role[_role_key(role.text)] = full
        self.persons.append((self.doc[phrase[0]].idx, full))

    def _learn_organisation(self, words) -> None:
        """'der südkoreanische Geheimdienst NIS': later 'der Geheimdienst' is 'Geheimdienst NIS'."""
        heads = [t for t in words if is_org_word(self.doc, t.text) and not t.text.isupper()]
        acronyms = [t for t in words if t.text.isupper() and len(t.text) >= 2 and t.is_alpha]
        if heads and acronyms:
            self.by_org_head[heads[0].text.lower()] = " ".join(t.text for t in words)

    def resolve(self, span: SpacySpan) -> tuple[str | None, EntityKind | None]:
        """Canonical name and kind of a speaker phrase."""
        words = [t for t in span if is_nounish(t)]
        if not words:
            return None, None
        head = words[0]
        kind = classify(self.doc, span)
        if kind == "OTHER" and words[-1].text in self.by_surname:
            kind = "PER"  # 'Blinken' after 'Antony Blinken', whatever the lexicon says
        if len(words) == 1 and head.text.lower() in self.by_org_head:
            return self.by_org_head[head.text.lower()], "ORG"
        if kind in {"PER", "ROLE"}:
            for token in reversed(words):
                if token.text in self.by_surname and not is_role_word(self.doc, token.text):
                    return self.by_surname[token.text], "PER"
            key = _role_key(head.text)
            if key in self.by_role:
                return self.by_role[key], "PER"
        return _strip(span), kind

    def pronoun(self, char: int, last_speaker) -> str | None:
        """'er'/'sie' as a speaker: the last speaker, else the last person named before."""
        if last_speaker is not None and last_speaker.named and last_speaker.name:
            return last_speaker.name
        i = bisect_right([c for c, _ in self.persons], char)
        return self.persons[i - 1][1] if i else None


def _role_key(word: str) -> str:
    return _WORD_END.sub("", word.lower().split("-")[-1])


def _strip(span: SpacySpan) -> str:
    """The phrase without leading determiner and adjectives: 'der Geheimdienst NIS' → 'Geheimdienst NIS'."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in DETERMINERS or is_adjective_like(tokens[0])):
        tokens = tokens[1:]
    return span.doc[tokens[0].i:span.end].text if tokens else span.text


def classify(doc: Doc, span: SpacySpan) -> EntityKind:
    """The kind of a phrase from its words (see the module docstring)."""
    words = [t for t in span if is_nounish(t)]
    text = _strip(span)
    if text in doc_lexicon(doc, "media_outlets") or any(t.text in doc_lexicon(doc, "media_outlets") for t in words):
        return "MEDIA"
    if words and is_role_word(doc, words[0].text):
        return "ROLE"
    if text in territories() or text in doc_lexicon(doc, "place_names") or (len(words) == 1 and (words[0].text in territories() or is_place(doc, words[0].text))):
        return "LOC"
    if any(t.text.isupper() and len(t.text) >= 2 for t in words) or (
        any(is_org_word(doc, t.text) for t in words) and (len(words) > 1 or "-" in words[0].text)
    ):
        return "ORG"  # a bare 'Regierung' or 'Polizei' is a common noun, not a named organisation
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _PLACE_PREPOSITIONS and words and all(_is_proper_noun(t.text) for t in words):
        return "LOC"  # 'in Kupang', 'aus Seoul': a name after a place preposition
    if len(words) == 1 and words[0].text.endswith("s") and words[0].text[:-1] in territories():
        return "LOC"  # 'Indiens'
    determiner = span[0].lower_ in DETERMINERS or span[0].text in _FOREIGN_ARTICLES
    if not determiner and words and all(_is_proper_noun(t.text) and len(t.text) > 2 for t in words):
        if len(words) == 1 and not _is_known_proper_noun(words[0].text):
            return "OTHER"  # one unknown capitalised word: as often a noun ('Einfluss') as a name
        return "PER"
    return "OTHER"


# Foreign articles opening titles ('The Mousetrap', 'La Fiesta'): such a phrase is no person.
_FOREIGN_ARTICLES = frozenset("The A An My La Le Les El Los Las Il".split())


@lru_cache(maxsize=100_000)
def _is_known_proper_noun(word: str) -> bool:
    """HanTa's lexicon lists the word as a proper noun (its guesses for unknown words score far
    lower: about -30 against -10 for 'Merkel'), so one bare word is a name only when known."""
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return True
    tags = tagger.tag_word(word, cutoff=5)
    return bool(tags) and tags[0][0] == "NE" and tags[0][1] > _KNOWN_SCORE


_KNOWN_SCORE = -20.0


@lru_cache(maxsize=100_000)
def _is_common_noun(word: str) -> bool:
    """HanTa knows the word as a common noun ('Bischof', 'Stadt'), not a name."""
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return False
    tags = tagger.tag_word(word.rsplit("-", 1)[-1], cutoff=5)
    # a long word HanTa guesses as NN is a compound of common nouns ('Softwareprimus')
    return bool(tags) and tags[0][0] == "NN" and (tags[0][1] > _KNOWN_SCORE or len(word) >= 9)


@lru_cache(maxsize=100_000)
def _is_proper_noun(word: str) -> bool:
    """HanTa's lexicon says NE (cached by word form); without HanTa, any capitalised word."""
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return True
    return tagger.analyze(word)[1].startswith("NE")


def _phrases(doc: Doc) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words (not a sentence's first function word), with a determiner before."""
    for sent in doc_sentences(doc):
        i = sent.start
        while i < sent.end:
            if not is_nounish(doc[i]) or i == sent.start and not _could_be_name_start(doc, i):
                i += 1
                continue
            j = i
            while j < sent.end and is_nounish(doc[j]):
                j += 1
            start = i
            while start - 1 >= sent.start and _attributive(doc[start - 1]):
                start -= 1
            if start - 1 >= sent.start and doc[start - 1].lower_ in DETERMINERS:
                start -= 1
            else:
                start = i  # adjectives without a determiner: keep the capitalised run only
            yield (start, j)
            i = j


def _attributive(token) -> bool:
    """An adjective before a name ('südkoreanische'), not a past-tense verb ('sagte', 'meldeten')."""
    return is_adjective_like(token) and not token.lower_.endswith(("te", "ten"))


def _could_be_name_start(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and is_nounish(doc[i + 1])


def resolver_for(doc: Doc) -> NameResolver:
    """The article's name resolver, built once per doc (mentions and quotes share it)."""
    memo = doc_memo(doc)
    if "resolver" not in memo:
        memo["resolver"] = NameResolver(doc)
    return memo["resolver"]


def find_mentions(doc: Doc) -> Iterator[Mention]:
    """Persons, organisations, places, media and role phrases, with resolved names."""
    resolver = resolver_for(doc)
    article = doc._.article.id if doc._.article is not None else ""
    for start, end in _phrases(doc):
        start, title = _after_title(doc, start, end)
        span = doc[start:end]
        name, kind = resolver.resolve(span)
        kind = kind or classify(doc, span)
        if title is not None and title.lower_ in doc_lexicon(doc, "place_types") and kind in {"PER", "OTHER"}:
            kind, name = "LOC", span.text  # 'Stadt Teirm', 'Gemeinde Hérémence'
        if kind == "OTHER":
            continue
        yield Mention(article, span.start_char, span.end_char, span.text, kind, name)


def _after_title(doc: Doc, start: int, end: int):
    """'Bischof Avitus', 'Franzose Eric Cantona', 'Stadt Teirm': a common noun (not a role word,
    which makes a ROLE phrase) before a name is not part of the name. Returns the name's start and
    the dropped noun (or None)."""
    title = None
    k = start
    while k < end - 1 and doc[k].lower_ in DETERMINERS | {"-"}:
        k += 1
    while k < end - 1 and is_nounish(doc[k]) and not is_role_word(doc, doc[k].text) \
            and _is_common_noun(doc[k].text) and is_nounish(doc[k + 1]) and not _is_common_noun(doc[k + 1].text):
        title = doc[k]
        k += 1
    return (k, title) if title is not None else (start, None)
