"""Noun phrases for attribution: the speaker phrase around a cue, without a parser.

German speaker phrases are short and regular: an optional determiner, adjectives in
lower case, one or more capitalised words (role, name, organisation), then optionally a
genitive (``des nationalen Sicherheitsrats``) and an apposition with a name
(``, John Kirby``). These helpers find such phrases left or right of a token from
capitalisation and closed word classes alone, so they cost next to nothing per token.

All indices are token indices into the Doc; a phrase is a half-open ``(start, end)``.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from spacy.tokens import Doc, Token

from newsledger.lexicons import lexicon

DETERMINERS = frozenset(
    "der die das des dem den ein eine einer eines einem einen kein keine keiner keines keinem "
    "keinen dieser diese dieses diesem diesen sein seine seiner seines seinem seinen ihr ihre "
    "ihrer ihres ihrem ihren unser unsere jener jene beide beiden".split()
)
GENITIVE_DETERMINERS = frozenset("des der eines einer seines seiner ihres ihrer dieses dieser".split())
INDEFINITE = frozenset("ein eine einer eines einem einen".split())
PERSONAL_PRONOUNS = frozenset({"er", "sie"})
# Words a speaker phrase never contains, though capitalised at a sentence start.
_NOT_NOUNS = frozenset(
    "der die das des dem den ein eine er sie es wir ich ihr man in im am an auf aus bei mit nach "
    "von vor zu zur zum für über unter seit bis auch aber doch dann damit dabei daher deshalb so "
    "wie wenn als ob dass da zudem zuletzt laut nun jetzt heute bereits demnach dies diese dieser "
    "dieses jedoch außerdem ferner weiter zuvor später anfänglich womöglich dennoch und oder "
    "sondern denn weil nachdem obwohl während bislang bisher inzwischen mittlerweile gegenüber "
    "trotz wegen angesichts ohne gegen durch um ab seitens infolge aufgrund dank entgegen "
    "wenige viele einige mehrere manche etliche zahlreiche".split()
)
# Capitalised words that head time or place adverbials, not speakers ("am Montag").
TIME_NOUNS = frozenset(
    "montag dienstag mittwoch donnerstag freitag samstag sonntag wochenende januar februar märz "
    "april mai juni juli august september oktober november dezember jahr jahres jahren woche "
    "wochen monat monaten tag tagen abend morgen nachmittag mittag nacht ende anfang mitte "
    "beginn uhr stunde stunden minuten tage wochenende vormittag nachmittag".split()
)
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
# Adverbs that may stand between a cue verb and its inverted subject ("sagte zudem der Minister").
SKIPPABLE_ADVERBS = frozenset(
    "zudem auch außerdem dazu dabei weiter weiterhin ferner jedoch aber nun bereits ebenfalls erneut "
    "gleichzeitig zugleich ebenso hierzu darüber daneben zunächst dort hier trotzdem dennoch "
    "deshalb daher somit folglich indessen indes stattdessen "
    "später zuvor zuletzt gestern heute damals daraufhin allerdings schon noch bislang bisher "
    "inzwischen mittlerweile offenbar demnach nochmals kürzlich jüngst unlängst".split()
)


def is_capitalised(token: Token) -> bool:
    """A capitalised content word ('Blinken', 'US-Außenminister', 'NIS'), not a function word."""
    text = token.text
    if "-" in text and text[:1].isalpha():
        return text.rsplit("-", 1)[1][:1].isupper()  # 'al-Dschasira', 'US-Präsident'; not 'US-amerikanische'
    if not text[:1].isupper() or text.lower() in _NOT_NOUNS:
        return False
    return token.is_alpha or "-" in text or text.isupper()


def is_nounish(token: Token) -> bool:
    """A capitalised word that can be part of a speaker phrase (not a time noun)."""
    return is_capitalised(token) and token.lower_ not in TIME_NOUNS and not token.is_punct


def is_adjective_like(token: Token) -> bool:
    text = token.text
    if "-" in text and (text[:1].isupper() or text[:1].isdigit()):  # 'US-amerikanische', '85-jährige'
        last = text.rsplit("-", 1)[1]
        return last[:1].islower() and last.endswith(_ADJ_ENDINGS)
    return (text[:1].islower() and token.is_alpha and text.endswith(_ADJ_ENDINGS)
            and text not in DETERMINERS and text not in _NOT_NOUNS and len(text) > 2)


def phrase_after(doc: Doc, i: int, end: int, *, allow_pronoun: bool = True) -> tuple[int, int] | None:
    """The speaker phrase starting at token ``i`` (before ``end``), or None."""
    if i >= end:
        return None
    if allow_pronoun and doc[i].lower_ in PERSONAL_PRONOUNS:
        return (i, i + 1)
    stop = _core_after(doc, i, end)
    if stop is None:
        return None
    stop = _extend_genitive(doc, stop, end)
    stop = _extend_parenthesis(doc, stop, end)
    stop = _extend_apposition(doc, i, stop, end)
    return (i, stop)


def _core_after(doc: Doc, i: int, end: int) -> int | None:
    """Determiner? adjectives* nouns+ → end index of the core, or None."""
    j = i
    if doc[j].lower_ in DETERMINERS:
        j = _skip_attributive(doc, j + 1, end)
    while j < end and (is_adjective_like(doc[j]) or _adjective_conjunction(doc, j, end)):
        j += 1
    start_nouns = j
    while j < end and (is_nounish(doc[j]) or _name_particle(doc, j, end)
                       or j > start_nouns and _hyphenated_name_part(doc[j])):
        j += 1
    return j if j > start_nouns else None


def _hyphenated_name_part(token: Token) -> bool:
    """'Jong-un', 'Seong-kweun' after a family name: a Korean given name, not an adjective
    ('US-amerikanische', 'SPD-nahen' end in an adjective ending)."""
    head, _, tail = token.text.partition("-")
    return (head[:1].isupper() and head[1:].islower() and tail.isalpha() and tail.islower()
            and not tail.endswith(_ADJ_ENDINGS) and len(tail) <= 6)


def _adjective_conjunction(doc: Doc, j: int, end: int) -> bool:
    """'ukrainischen und westlichen Schätzungen': 'und'/'oder' between two adjectives."""
    return (doc[j].lower_ in {"und", "oder"} and j > 0 and is_adjective_like(doc[j - 1])
            and j + 1 < end and is_adjective_like(doc[j + 1]))


def _skip_attributive(doc: Doc, j: int, end: int) -> int:
    """'einer am Dienstag veröffentlichten Pressemitteilung', 'die in New York geborene Lopez':
    skip an attributive phrase to the adjective or participle before the head noun."""
    if j >= end or is_nounish(doc[j]):
        return j  # 'der Sender CNN …': the noun comes first, nothing to skip
    for k in range(j + 1, min(end, j + 8)):
        if doc[k].is_punct:
            return j
        if is_nounish(doc[k]) and is_adjective_like(doc[k - 1]) and k - 1 > j:
            return k - 1
    return j


_NAME_PARTICLES = frozenset({"von", "van", "de", "del", "da", "al", "bin", "ibn", "zu", "ter", "den"})


def _name_particle(doc: Doc, j: int, end: int) -> bool:
    """'von', 'van', 'de' inside a name: 'Ursula von der Leyen'."""
    if doc[j].lower_ not in {"von", "van", "de", "del", "da", "al", "bin", "ibn"}:
        return False
    if j == 0 or not is_nounish(doc[j - 1]):
        return False
    k = j + 1
    if k < end and doc[k].lower_ in {"der", "den"}:
        k += 1
    # 'Angaben von CNN' is a source phrase; only glue a particle between two name words
    return k < end and is_nounish(doc[k]) and doc[j - 1].text[:1].isupper() and not doc[j - 1].lower_.endswith("n")


def _extend_genitive(doc: Doc, stop: int, end: int) -> int:
    """'der Sprecher' + 'des nationalen Sicherheitsrats' (at most two links)."""
    for _ in range(2):
        if stop < end and doc[stop].lower_ in GENITIVE_DETERMINERS:
            more = _core_after(doc, stop, end)
            if more is None:
                break
            stop = more
    return stop


def _extend_parenthesis(doc: Doc, stop: int, end: int) -> int:
    """An acronym in brackets: 'Bundeskriminalamt (BKA)'."""
    if stop + 2 < end + 1 and stop + 2 < len(doc) and doc[stop].text == "(" and doc[stop + 2].text == ")":
        if doc[stop + 1].is_alpha:  # '(BKA)', '(dpa)'
            return min(stop + 3, end)
    return stop


def _extend_apposition(doc: Doc, start: int, stop: int, end: int) -> int:
    """', John Kirby' after a role phrase, when the name ends at a comma or the clause end."""
    if stop + 2 >= end or doc[stop].text != ",":
        return stop
    j = stop + 1
    while j < end and (is_nounish(doc[j]) and doc[j].text[:1].isupper() or _particle_inside_name(doc, j, end)):
        j += 1
    if j - (stop + 1) < 2:
        return stop
    closes = j >= end or doc[j].text in {",", ".", ":", ";", "("} or doc[j].lower_ in {"am", "im", "in", "bei", "auf", "gegenüber"}
    return j if closes else stop


def _particle_inside_name(doc: Doc, j: int, end: int) -> bool:
    return (doc[j].lower_ in _NAME_PARTICLES and j + 1 < end and is_nounish(doc[j + 1])
            and j > 0 and is_nounish(doc[j - 1]))


def phrase_before(doc: Doc, i: int, start: int) -> tuple[int, int] | None:
    """The speaker phrase ending just before token ``i`` (not before ``start``), or None."""
    j = i - 1
    saw_noun = False
    while j >= start:
        token = doc[j]
        if is_nounish(token):
            saw_noun = True
        elif token.lower_ in _NAME_PARTICLES and saw_noun and j - 1 >= start and is_nounish(doc[j - 1]):
            pass  # 'Heike van Laak'
        elif is_adjective_like(token) and saw_noun:
            pass
        elif token.lower_ in DETERMINERS and saw_noun:
            # a genitive determiner inside the phrase: keep going when a noun precedes it
            if token.lower_ in GENITIVE_DETERMINERS and j - 1 >= start and is_nounish(doc[j - 1]):
                j -= 1
                continue
            return (j, i)
        else:
            break
        j -= 1
    return (j + 1, i) if saw_noun else None


def head_word(doc: Doc, phrase: tuple[int, int]) -> Token:
    """The first noun of the phrase's core (the head before any genitive)."""
    start, end = phrase
    for k in range(start, end):
        if is_nounish(doc[k]):
            return doc[k]
    return doc[start]


# -- per-document memo ---------------------------------------------------------------------
# Attribution and mentions ask for the same lexicons, sentences and name resolver thousands of
# times per article; ``lexicon(doc, …)`` alone costs ~10 µs a call (extension lookup + cache
# key). The memo keeps the last few docs (a strong reference, so an id is never reused while
# its entry lives) and is only ever read for the very doc object it was filled for.
_MEMO: OrderedDict[int, tuple[Doc, dict[str, Any]]] = OrderedDict()
_MEMO_DOCS = 4


def doc_memo(doc: Doc) -> dict[str, Any]:
    """A scratch dict belonging to ``doc`` (for values derived from the doc alone)."""
    entry = _MEMO.get(id(doc))
    if entry is not None and entry[0] is doc:
        return entry[1]
    memo: dict[str, Any] = {}
    _MEMO[id(doc)] = (doc, memo)
    while len(_MEMO) > _MEMO_DOCS:
        _MEMO.popitem(last=False)
    return memo


def doc_lexicon(doc: Doc, name: str) -> frozenset[str]:
    """``lexicon(doc, name)``, looked up once per doc."""
    memo = doc_memo(doc)
    key = "lexicon:" + name
    found = memo.get(key)
    if found is None:
        found = memo[key] = lexicon(doc, name)
    return found


def doc_sentences(doc: Doc) -> list:
    """``nlp.sentences(doc)`` as a list, computed once per doc (``doc.sents`` is slow)."""
    from newsledger.nlp import sentences

    memo = doc_memo(doc)
    if "sentences" not in memo:
        memo["sentences"] = list(sentences(doc))
    return memo["sentences"]
