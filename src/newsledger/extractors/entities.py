"""Entity and role mentions, and the article-level resolution of later mentions to full names.

Mentions (``find_mentions``) come from two sources:

* **persons, organisations and places** from the name tagger (``name_tagger``: a CRF fitted on
  GermEval 2014, run over the capitalised words of every sentence); a person's mention is named
  by the resolver below, an organisation's or place's folds a genitive to the nominative
  ('Instituts Stadtpuls' → 'Institut Stadtpuls', 'Frankreichs' → 'Frankreich');
* **role phrases and outlets** from the rules: a *phrase* is a run of capitalised words with its
  determiner and adjectives (``attribution_np``); ROLE when its head is a role word
  (``role_words``: "US-Außenminister", "der Sprecher des Sicherheitsrats"), MEDIA when it is a
  known outlet (``media_outlets``). A name the tagger finds inside one of them is that mention's
  name, not a mention of its own.

``classify`` gives a speaker phrase its kind by the rules alone (quotes and attribution ask it
about the phrase a cue points to): ROLE, MEDIA as above; ORG when a word ends in an organisation
ending (``org_suffixes``, also in the genitive: 'des Mietervereins') or is an acronym, or by name
(``org_names``) or a club, company or institution word in a multiword phrase (``org_prefixes``:
'FC Bayern', 'Universität Tübingen'); LOC for a country or place (babel's German territory names,
``place_names``); PER for a name (a first name from ``first_names`` opening it, or capitalised
words HanTa *knows* as proper nouns); a plain common noun ('Barometer', 'Tagung') is OTHER.

Within an article (``NameResolver``) a surname ("Blinken", "Flixbus-Manager Stenger") resolves to
the full name seen before ("Antony Blinken"), and a role ("der Außenminister") to the name it was
written next to. Role words, other common nouns and place adjectives before a person's name are
the role, not the name: "der Hamburger Datenschützer Johannes Caspar" is Johannes Caspar, and a
later "der Datenschützer" is he; a body and its place ("des Mietervereins Leipzig") is no person.
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
from newsledger.extractors.name_tagger import name_spans, token_texts
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


def is_role_word(doc: Doc, word: str) -> bool:
    """'US-Außenminister', 'Regierungssprecherin', 'Präsident' (compounds and feminine forms)."""
    return _is_role(word.lower().split("-")[-1], doc_lexicon(doc, "role_words"))


@lru_cache(maxsize=100_000)
def _is_role(lower: str, roles: frozenset[str]) -> bool:
    """Cached by word form: the check tries every role with every ending."""
    return lower.endswith(_role_forms(roles))


@lru_cache(maxsize=16)
def _role_forms(roles: frozenset[str]) -> tuple[str, ...]:
    """Every role with every inflected ending, once per lexicon (str.endswith takes them all)."""
    return tuple(roles) + tuple(r + end for r in roles for end in ("in", "innen", "en", "s", "n"))


def is_place(doc: Doc, word: str) -> bool:
    """A listed place or a word with a German place-name ending ('Augsburg', 'Schwanitzstraße')."""
    places = doc_lexicon(doc, "place_names")
    return word in places or _has_place_ending(word, places)


@lru_cache(maxsize=100_000)
def _has_place_ending(word: str, places: frozenset[str]) -> bool:
    lower = word.lower()
    return any(lower.endswith(ending) and len(lower) > len(ending) + 3
               for ending in _place_endings(places))


@lru_cache(maxsize=16)
def _place_endings(places: frozenset[str]) -> tuple[str, ...]:
    """The entries '-burg', '-straße' … of the place lexicon without their dash, once per
    lexicon rather than a pass over every place name per new word."""
    return tuple(p[1:] for p in places if p.startswith("-"))


def is_acronym(doc: Doc, word: str) -> bool:
    """'NATO', 'SPD', 'NIS' — not a Roman numeral ('II', 'XIII') nor a unit or format ('EUR', 'ISBN')."""
    return (word.isupper() and len(word) >= 2 and word.isalpha() and not _ROMAN.fullmatch(word)
            and word not in doc_lexicon(doc, "non_org_acronyms"))


_ROMAN = re.compile(r"[IVXLC]+\.?")


def is_org_word(doc: Doc, word: str) -> bool:
    if is_acronym(doc, word):
        return True
    return _is_org(word.lower(), doc_lexicon(doc, "org_suffixes"))


def is_org_name(doc: Doc, words: list) -> bool:
    """A known organisation ('Siemens', 'Deutsche Bahn'), or a name with a club, company or
    institution word ('FC Bayern', 'Borussia Dortmund', 'Universität Tübingen', 'Relapse Records',
    'Siemens AG')."""
    if not words:
        return False
    text = words[0].text if len(words) == 1 else " ".join(t.text for t in words)
    if text in doc_lexicon(doc, "org_names"):
        return True
    if len(words) == 1:
        return False
    forms = doc_lexicon(doc, "org_prefixes")
    return len(words) > 1 and (any(t.text in forms for t in words) or words[-1].text.lower() in _COMPANY_FORMS)


_COMPANY_FORMS = frozenset("ag gmbh kg kgaa se e.v. ev ltd inc. inc corp. co. plc sa s.a. spa".split())


@lru_cache(maxsize=100_000)
def _is_org(lower: str, suffixes: frozenset[str]) -> bool:
    """Long endings match compounds ('Verteidigungsministerium'); short ones ('ag', 'un', 'rat')
    only the whole word, or they would catch 'Hause' and 'Beirat'-less nouns alike. A genitive
    ending is no obstacle ('des Instituts', 'des Mietervereins', 'des Bundesamtes')."""
    forms = [lower] + [lower[:-len(end)] for end in ("es", "s") if lower.endswith(end) and len(lower) > len(end) + 2]
    return any(form in suffixes or any(form.endswith(s) for s in suffixes if len(s) >= 4) for form in forms)


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
        phrases = _phrases(doc)
        nounish = doc_memo(doc)["entity_nounish"]
        for phrase in phrases:
            if sum(nounish[phrase[0]:phrase[1]]) == 1 and not is_role_word(doc, doc[phrase[1] - 1].text):
                continue  # one word, no role: neither a full name nor an organisation with its acronym
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
        names, titles = _without_titles(self.doc, names)
        if len(names) == 1 and not roles:
            return  # 'des Mietervereins Leipzig', 'der Versandhändler Otto': a body, not a person
        full = " ".join(t.text for t in names)
        if len(names) == 1:  # 'Flixbus-Manager Stenger' after 'Fabian Stenger': the full name
            full = self.by_surname.get(full, full)
        for token in names:
            self.by_surname.setdefault(token.text, full)
        if len(names) > 1:
            self.by_surname[names[-1].text] = full
        for role in roles + titles:
            self.by_role[_role_key(role.text)] = full
        self.persons.append((self.doc[phrase[0]].idx, full))

    def _learn_organisation(self, words) -> None:
        """'der südkoreanische Geheimdienst NIS': later 'der Geheimdienst' is 'Geheimdienst NIS'."""
        heads = [t for t in words if is_org_word(self.doc, t.text) and not t.text.isupper()]
        acronyms = [t for t in words if is_acronym(self.doc, t.text)]
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
        if kind == "OTHER" and len(words) == 1 and _role_key(head.text) in self.by_role:
            return self.by_role[_role_key(head.text)], "PER"  # 'der Datenschützer' after his name
        if kind in {"PER", "ROLE"}:
            for token in reversed(words):
                if token.text in self.by_surname and not is_role_word(self.doc, token.text):
                    return self.by_surname[token.text], "PER"
            key = _role_key(head.text)
            if key in self.by_role:
                return self.by_role[key], "PER"
        name = _strip(span)
        return (fold_name(name) if kind in ("ORG", "LOC") else name), kind

    def pronoun(self, char: int, last_speaker) -> str | None:
        """'er'/'sie' as a speaker: the last speaker, else the last person named before."""
        if last_speaker is not None and last_speaker.named and last_speaker.name:
            return last_speaker.name
        i = bisect_right([c for c, _ in self.persons], char)
        return self.persons[i - 1][1] if i else None


def _without_titles(doc: Doc, names: list) -> tuple[list, list]:
    """'Hamburger Datenschützer Johannes Caspar' → (Johannes Caspar, [Datenschützer]): common nouns
    and place adjectives before a person's name describe the person (the role), they are no part
    of the name. Returns the name's words and the dropped common nouns."""
    titles = []
    while len(names) > 1 and _is_title_word(doc, names[0].text):
        if _is_common_noun(names[0].text):
            titles.append(names[0])
        names = names[1:]
    return names, titles


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
    if _is_outlet(doc, span, text, words):
        return "MEDIA"
    if words and is_role_word(doc, words[0].text):
        return "ROLE"
    names = _without_numeral(words)
    if is_org_name(doc, names):
        return "ORG"
    if text in territories() or text in doc_lexicon(doc, "place_names") or (len(words) == 1 and (words[0].text in territories() or is_place(doc, words[0].text))):
        return "LOC"
    if any(is_acronym(doc, t.text) for t in words) or (
        any(is_org_word(doc, t.text) for t in words) and (len(words) > 1 or "-" in words[0].text)
    ):
        return "ORG"  # a bare 'Regierung' or 'Polizei' is a common noun, not a named organisation
    if 2 <= len(names) <= 4 and names[0].text in doc_lexicon(doc, "first_names"):
        return "PER"  # 'Karl Richter', 'Gudula Schreiber': a first name opens a person's name
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _PLACE_PREPOSITIONS and words and all(_is_proper_noun(t.text) for t in words):
        return "LOC"  # 'in Kupang', 'aus Seoul': a name after a place preposition
    if len(words) == 1 and words[0].text.endswith("s") and words[0].text[:-1] in territories():
        return "LOC"  # 'Indiens'
    determiner = span[0].lower_ in DETERMINERS or span[0].text in _FOREIGN_ARTICLES
    if not determiner and names and all(_is_proper_noun(t.text) and len(t.text) > 2 for t in names):
        if len(names) == 1 and not _is_known_proper_noun(names[0].text):
            return "OTHER"  # one unknown capitalised word: as often a noun ('Einfluss') as a name
        return "PER"
    return "OTHER"


def _is_outlet(doc: Doc, span: SpacySpan, text: str, words: list) -> bool:
    """A known outlet; one that is also a common noun ('Welt', 'Bild', 'Stern') only after a
    quotation mark or 'der'/'die'/'laut' ('laut Bild', not 'aus aller Welt', 'ein Bild')."""
    outlets = doc_lexicon(doc, "media_outlets")
    # HanTa is asked only when the answer can matter: about a listed word (or phrase)
    if len(words) != 1 or not (text in outlets or words[0].text in outlets) \
            or not _is_common_noun(words[0].text):
        return text in outlets or any(t.text in outlets for t in words)
    if words[0].text not in outlets:
        return False
    i = words[0].i
    before = doc[i - 1].lower_ if i > 0 else ""
    return before in _OUTLET_OPENERS


_OUTLET_OPENERS = frozenset({"„", '"', "»", "«", "“", "der", "die", "laut"})


def _without_numeral(words: list) -> list:
    """'Johannes Paul II.', 'Wolfgang II.': a regnal number is part of the name, not an acronym."""
    if len(words) > 1 and _ROMAN.fullmatch(words[-1].text):
        return words[:-1]
    return words


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
    head = word.rstrip("-").rsplit("-", 1)[-1]  # 'Handels-' (in 'Handels- und …') asks about 'Handels'
    if not head:
        return False
    tags = tagger.tag_word(head, cutoff=5)
    # a long word HanTa guesses as NN is a compound of common nouns ('Softwareprimus')
    return bool(tags) and tags[0][0] == "NN" and (tags[0][1] > _KNOWN_SCORE or len(word) >= 9)


@lru_cache(maxsize=100_000)
def is_known_common_noun(word: str) -> bool:
    """HanTa's lexicon knows the word as a common noun ('Polizei'); an unknown word it merely
    guesses as one ('Snapdragon') is not."""
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return True
    tags = tagger.tag_word(word, cutoff=5)
    return bool(tags) and tags[0][0] == "NN" and tags[0][1] > _KNOWN_SCORE


@lru_cache(maxsize=100_000)
def _is_proper_noun(word: str) -> bool:
    """HanTa's lexicon says NE (cached by word form); without HanTa, any capitalised word."""
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return True
    return tagger.analyze(word)[1].startswith("NE")


def _phrases(doc: Doc) -> list[tuple[int, int]]:
    """Runs of capitalised words (not a sentence's first function word), with a determiner
    before; found once per doc (the resolver and the mentions both walk them)."""
    memo = doc_memo(doc)
    if "entity_phrases" not in memo:
        memo["entity_nounish"] = _nounish_flags(doc)
        memo["entity_phrases"] = list(_find_phrases(doc, memo["entity_nounish"]))
    return memo["entity_phrases"]


def _find_phrases(doc: Doc, nounish: list[bool]) -> Iterator[tuple[int, int]]:
    for sent in doc_sentences(doc):
        i = sent.start
        while i < sent.end:
            if not nounish[i] or i == sent.start and not _could_be_name_start(doc, i, nounish):
                i += 1
                continue
            j = i
            while j < sent.end and nounish[j]:
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


def _nounish_flags(doc: Doc) -> list[bool]:
    """``is_nounish`` of every token. It depends on the word form alone, so it is asked once per
    form (a Token object per word costs more than the question)."""
    flags = []
    for i, form in enumerate(token_texts(doc)):
        flag = _NOUNISH.get(form)
        if flag is None:
            if len(_NOUNISH) > 200_000:
                _NOUNISH.clear()
            flag = _NOUNISH[form] = is_nounish(doc[i])
        flags.append(flag)
    return flags


_NOUNISH: dict[str, bool] = {}


def _attributive(token) -> bool:
    """An adjective before a name ('südkoreanische'), not a past-tense verb ('sagte', 'meldeten')."""
    return is_adjective_like(token) and not token.lower_.endswith(("te", "ten"))


def _could_be_name_start(doc: Doc, i: int, nounish: list[bool]) -> bool:
    """A sentence's first word starts a phrase when a capitalised word follows, or when it is a
    listed place or organisation or an acronym ('Deutschland trifft …', 'Siemens sponsert …')."""
    if i + 1 < len(doc) and nounish[i + 1]:
        return True
    word = doc[i].text
    return (word in territories() or word in doc_lexicon(doc, "place_names")
            or word in doc_lexicon(doc, "org_names") or is_acronym(doc, word))


def resolver_for(doc: Doc) -> NameResolver:
    """The article's name resolver, built once per doc (mentions and quotes share it)."""
    memo = doc_memo(doc)
    if "resolver" not in memo:
        memo["resolver"] = NameResolver(doc)
    return memo["resolver"]


def find_mentions(doc: Doc) -> Iterator[Mention]:
    """Persons, organisations, places, media and role phrases, with resolved names, in text order.

    Persons, organisations and places are the name tagger's (``name_tagger``); role phrases and
    outlets come from the rules, and a name inside one of them is that mention's name."""
    resolver = resolver_for(doc)
    article = doc._.article.id if doc._.article is not None else ""
    framed = list(_framing_mentions(doc, resolver, article))
    tagged = []
    for start, end, kind in name_spans(doc):
        if kind == "PER":
            end = _through_full_name(doc, resolver, start, end)
        elif kind == "ORG" and doc[end - 1].text.lower() in _COMPANY_FORMS:
            start = _capitalised_run_start(doc, start)
        span = doc[start:end]
        end_char = _end_before_period(doc, span)
        if kind == "OTH" or any(m.start <= span.start_char and end_char <= m.end for m in framed):
            continue
        text = span.text[:end_char - span.start_char]
        name = resolver.resolve(span)[0] if kind == "PER" else fold_name(text)
        tagged.append(Mention(article, span.start_char, end_char, text, kind, name))
    return iter(sorted(framed + tagged, key=lambda m: (m.start, m.end)))


def _through_full_name(doc: Doc, resolver: NameResolver, start: int, end: int) -> int:
    """'Antony' of 'Antony Blinken' where the tagger stopped early: a person's span goes on over
    the words the article's full name for it continues with. Returns the span's end."""
    text = doc[start:end].text
    full = resolver.by_surname.get(doc[end - 1].text, "")
    if not full.startswith(text + " "):
        return end
    rest = full[len(text) + 1:].split()
    if [t.text for t in doc[end:end + len(rest)]] == rest:
        return end + len(rest)
    return end


def _capitalised_run_start(doc: Doc, start: int) -> int:
    """'Wasserwerke Trier GmbH': a company's name is the whole capitalised run before its legal
    form, wherever the tagger began it."""
    nounish = doc_memo(doc)["entity_nounish"]
    while start > 0 and nounish[start - 1] and not doc[start].is_sent_start:
        start -= 1
    return start


def _framing_mentions(doc: Doc, resolver: NameResolver, article: str) -> Iterator[Mention]:
    """Role phrases ('der Außenminister', 'Flixbus-Manager Stenger') and outlets ('der Spiegel')
    by the rules: capitalised phrases classified by lexicons (see the module docstring)."""
    outlets = doc_lexicon(doc, "media_outlets")
    forms, nounish = token_texts(doc), doc_memo(doc)["entity_nounish"]
    for start, end in _phrases(doc):
        if not any(nounish[i] and (is_role_word(doc, forms[i]) or forms[i] in outlets) for i in range(start, end)) \
                and " ".join(f for i, f in enumerate(forms[start:end], start) if nounish[i]) not in outlets:
            continue  # only a role word or an outlet makes a framing phrase: skip the rest cheaply
        start, _title = _after_title(doc, start, end)
        span = doc[start:end]
        words = [t for t in span if is_nounish(t)]
        if not words or not (is_role_word(doc, words[0].text) or any(t.text in outlets for t in words)
                             or _strip(span) in outlets):
            continue
        name, kind = resolver.resolve(span)
        if kind in ("ROLE", "MEDIA"):
            end_char = _end_before_period(doc, span)
            yield Mention(article, span.start_char, end_char, span.text[:end_char - span.start_char], kind, name)


def fold_name(name: str) -> str:
    """An organisation's or place's name in the nominative: 'Instituts Stadtpuls' → 'Institut
    Stadtpuls', 'Frankreichs' → 'Frankreich' (a genitive -s or -es on the first word, where
    HanTa's lemma or the country list says so)."""
    first, space, rest = name.partition(" ")
    return _nominative(first) + space + rest


@lru_cache(maxsize=100_000)
def _nominative(word: str) -> str:
    if len(word) < 4 or not word[:1].isupper() or not word.endswith("s"):
        return word
    if word[:-1] in territories():
        return word[:-1]
    from newsledger.extractors.mood import _hanta_analyze

    found = _hanta_analyze(word)
    if found is not None and found[1] == "NN" and word.lower() != found[0].lower() \
            and word.lower().startswith(found[0].lower()) and len(word) - len(found[0]) <= 2:
        return word[:len(found[0])]
    return word


def _end_before_period(doc: Doc, span: SpacySpan) -> int:
    """'die Kranken des DTB.': a sentence's final period the tokenizer left on a name is no part of it."""
    last = span[-1]
    if last.text.endswith(".") and len(last.text) > 2 and last.text[-2].isalpha() and not _ROMAN.fullmatch(last.text) \
            and last.text[:-1].isupper() and (last.i + 1 == len(doc) or not doc[last.i + 1].text[:1].islower()):
        return span.end_char - 1
    return span.end_char


def _after_title(doc: Doc, start: int, end: int):
    """'Bischof Avitus', 'Franzose Eric Cantona', 'Stadt Teirm', 'Hamburger Pianisten Gudula
    Schreiber': common nouns and place adjectives (not a role word, which makes a ROLE phrase)
    before a name are not part of the name. An organisation's head stays ('Universität Tübingen',
    'FC Bayern'). Returns the name's start and the last dropped word (or None)."""
    k = start
    while k < end - 1 and doc[k].lower_ in DETERMINERS | {"-"}:
        k += 1
    j = k
    while j < end - 1 and is_nounish(doc[j]) and not is_role_word(doc, doc[j].text) and _is_title_word(doc, doc[j].text):
        j += 1
    if j == k or not is_nounish(doc[j]):
        return start, None
    prefixes = doc_lexicon(doc, "org_prefixes")
    if any(is_org_word(doc, t.text) or t.text in prefixes for t in doc[k:end]):
        return start, None
    if is_role_word(doc, doc[j].text) or not _is_common_noun(doc[j].text):
        return j, doc[j - 1]  # a name (or a role before a name) follows the titles
    return start, None


def _is_title_word(doc: Doc, word: str) -> bool:
    return _is_common_noun(word) or _is_place_adjective(doc, word)


def _is_place_adjective(doc: Doc, word: str) -> bool:
    """'Hamburger', 'Osnabrücker', 'Schweizer': a place name plus -er, capitalised as an adjective."""
    if not word.endswith("er") or len(word) < 6:
        return False
    stem = word[:-2]
    return stem in territories() or stem in doc_lexicon(doc, "place_names") or _is_adjective_word(word)


@lru_cache(maxsize=100_000)
def _is_adjective_word(word: str) -> bool:
    """HanTa's best tag for the capitalised word is an adjective ('Osnabrücker')."""
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return False
    tags = tagger.tag_word(word, cutoff=5)
    return bool(tags) and tags[0][0].startswith("ADJ")
