"""Speakers are entities: the name a speaker phrase stands for.

* role words and city or country adjectives before a person's name go (``Flixbus-Manager
  Stenger`` → ``Stenger``, ``Hamburger Johannes Caspar`` → ``Johannes Caspar``), and a bare
  surname takes the full name the article gave before (``Stenger`` → ``Fabian Stenger``);
* a genitive or dative head folds to its base form (``Instituts Stadtpuls`` → ``Institut
  Stadtpuls``, ``Mietervereins Leipzig`` → ``Mieterverein Leipzig``), by HanTa's lemma.

Organisation names that open with an adjective (``Deutsche Bank``) keep it: a word is only
dropped before a name that is no common noun and no organisation word.

A descriptor with a name in apposition names the person (GUIDELINES): ``der für die Region
zuständige Koordinator für Hilfseinsätze, Deftalgne Tessema,`` → Deftalgne Tessema
(:func:`apposed_person`, :func:`with_apposed_person`).

A generic noun points back to the body named before whose name it heads (:func:`antecedent`):
``der Verein`` → ``Mieterverein Leipzig``, ``die Bahn`` → ``Deutsche Bahn``, ``die Verwaltung``
→ ``Stadtverwaltung Hellstedt``.

A spokesperson without a name speaks for the body (GUIDELINES): ``eine Sprecherin des
Gesundheitsministeriums`` → Gesundheitsministerium, ``ein Polizeisprecher`` → Polizei
(:func:`spokesperson_body`); with a name in apposition the person speaks.

A speaker that is one plain common noun — no organisation, authority, role, place, publication,
person noun (``Veranstalter``) or generic back-reference word (``Auszählung``, ``Tagung``,
``Naturkatastrophe``), or a pronoun
(``Ihnen zufolge``) — names no entity (:func:`names_no_entity`): GUIDELINES wants a person,
organisation, authority, outlet or document.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from newsledger.extractors.attribution_np import DETERMINERS, doc_lexicon, doc_memo
from newsledger.extractors.entities import (
    _is_place_adjective,
    classify,
    is_acronym,
    is_known_common_noun,
    is_org_word,
    is_place,
    is_role_word,
    resolver_for,
)
from newsledger.extractors.figures import matches_stem
from newsledger.extractors.mood import _hanta_analyze
from newsledger.model import Speaker
from newsledger.nlp import text_of, token_at


# A quoted title names the outlet or work itself: 'Der „Nordkurier“ berichtet' is Nordkurier.
_QUOTATION_MARKS = "„“”\"»«‚‘’"


def entity_name(doc: Doc, speaker: Speaker | None) -> Speaker | None:
    """The speaker with ``name`` set to the entity it names (text and offsets unchanged)."""
    if speaker is None or not speaker.named:
        return speaker
    words = [w.strip(_QUOTATION_MARKS) for w in (speaker.name or speaker.text).split()]
    words = [w for w in words if w and w.lower() not in DETERMINERS]
    if not words:
        return speaker
    stripped = _without_descriptor(doc, words)
    if len(stripped) == 1 < len(words):  # 'Flixbus-Manager Stenger': the name given before
        stripped = resolver_for(doc).by_surname.get(stripped[0], stripped[0]).split()
    elif len(stripped) == 1 and _is_name_word(doc, stripped[0]):  # a later 'Stenger' alone
        stripped = full_name_before(doc, stripped[0], speaker.start).split()
    words = [fold_genitive(stripped[0]), *stripped[1:]]
    name = " ".join(words)
    return speaker if name == speaker.name else replace(speaker, name=name)


def full_name_before(doc: Doc, surname: str, before: int) -> str:
    """'Fabian Stenger' for 'Stenger' where the article wrote a first name before it earlier
    (lexicon ``first_names``), else the surname."""
    first_names = doc_lexicon(doc, "first_names")
    for token in doc[:_token_index(doc, before)]:
        if token.text == surname and token.i > 0 and doc[token.i - 1].text in first_names:
            return f"{doc[token.i - 1].text} {surname}"
    return surname


def _token_index(doc: Doc, char: int) -> int:
    """Index of the first token at or after ``char``."""
    return token_at(doc, char).i if char < len(text_of(doc)) else len(doc)


def _without_descriptor(doc: Doc, words: list[str]) -> list[str]:
    while len(words) >= 2 and _is_descriptor(doc, words[0]) and _is_name_word(doc, words[1]):
        words = words[1:]
    return words


def _is_descriptor(doc: Doc, word: str) -> bool:
    return word[:1].isupper() and (is_role_word(doc, word) or _is_place_adjective(doc, word))


def _is_name_word(doc: Doc, word: str) -> bool:
    return (word[:1].isupper() and word.isalpha() and not is_role_word(doc, word)
            and not is_org_word(doc, word) and not is_known_common_noun(word))


@lru_cache(maxsize=20_000)
def fold_genitive(word: str) -> str:
    """'Instituts' → 'Institut', 'Amtes' → 'Amt'; any other word unchanged."""
    if len(word) < 5 or not word[:1].isupper() or not word.endswith("s"):
        return word
    head, dash, tail = word.rpartition("-")
    if dash and tail:
        return f"{head}-{fold_genitive(tail)}"  # 'Ifo-Instituts': the compound's head
    found = _hanta_analyze(word)
    if found is None or found[1] != "NN":
        return word
    lemma = found[0]
    if len(lemma) < len(word) and word.lower().startswith(lemma.lower()):
        return word[:len(lemma)]
    return word


_AGENT_ENDINGS = ("er", "ern", "or", "oren", "eur", "euren", "ent", "enten", "ist", "isten")
_PRONOUNS = frozenset("ihnen ihm ihr er sie es wir uns ich mir mich man dies das".split())


def names_no_entity(doc: Doc, speaker: Speaker) -> bool:
    """The named speaker is one plain common noun or a pronoun (see the module docstring)."""
    words = [w for w in (speaker.name or speaker.text).split() if w.lower() not in DETERMINERS]
    if len(words) != 1:
        return False
    word = words[0].strip("„“\"»«,.")
    lower = word.lower()
    if lower in _PRONOUNS:
        return True
    if lower.endswith(_AGENT_ENDINGS) or _is_body_compound(doc, lower):
        return False  # person nouns: 'die Veranstalter', 'Experten' (collectives are unnamed elsewhere)
    if (matches_stem(lower, doc_lexicon(doc, "report_nouns")) or is_place(doc, word)
            or lower in _anaphor_heads(doc) or is_outlet_compound(lower)):
        return False
    return is_plain_noun(doc, word)


# Heads of a publication's name compound: 'Handelsblatt', 'Nordkurier', 'Morgenpost'.
_OUTLET_HEADS = ("blatt", "kurier", "anzeiger", "rundschau", "post", "presse", "zeitung",
                 "nachrichten", "echo", "bote", "tagblatt", "journal", "magazin")


def is_outlet_compound(lower: str) -> bool:
    """A compound whose head names a publication ('handelsblatt'), not the bare head
    ('zeitung') — a newspaper's name, not a common noun."""
    return any(lower.endswith(h) and len(lower) >= len(h) + 3 for h in _OUTLET_HEADS)


def _anaphor_heads(doc: Doc) -> frozenset[str]:
    """The generic nouns of lexicon ``anaphoric_sources`` ('behörde', 'konzern'), once per doc."""
    memo = doc_memo(doc)
    if "attribution:anaphor_heads" not in memo:
        memo["attribution:anaphor_heads"] = frozenset(
            e.partition(" ")[0] for e in doc_lexicon(doc, "anaphoric_sources"))
    return memo["attribution:anaphor_heads"]


def _is_body_compound(doc: Doc, lower: str) -> bool:
    """'Landesamt', 'Statistikamt', 'Stadtrat': a compound ending in an organisation word."""
    return any(lower.endswith(s) and len(lower) > len(s) + 2 for s in doc_lexicon(doc, "org_suffixes"))


def is_plain_noun(doc: Doc, word: str) -> bool:
    """A common noun that names no body ('Barometer', 'Tagung'), not an organisation word,
    acronym or role ('Polizei', 'NIS', 'Sprecher')."""
    if is_acronym(doc, word) or is_org_word(doc, word) or is_role_word(doc, word):
        return False
    return bool(is_known_common_noun(word))  # known to HanTa: an unknown 'Halvorsen' is a name


_SPOKES = ("sprecherinnen", "sprecherin", "sprechers", "sprecher")
_GENITIVE_OPENERS = frozenset("des der eines einer".split())


def spokesperson_body(doc: Doc, speaker: Speaker | None) -> Speaker | None:
    """The body an unnamed spokesperson speaks for, as a named speaker; None otherwise."""
    if speaker is None or "," in speaker.text or (speaker.named and speaker.name
                                                   and speaker.name != speaker.text):
        return None
    words = [w for w in speaker.text.split() if w.lower() not in DETERMINERS]
    if not words:
        return None
    head = words[0]
    ending = next((e for e in _SPOKES if head.lower().endswith(e)), None)
    if ending is None:
        return None
    rest = speaker.text.split()[speaker.text.split().index(head) + 1:]
    if len(head) == len(ending):  # 'Sprecherin des Ministeriums'
        if len(rest) < 2 or rest[0].lower() not in _GENITIVE_OPENERS:
            return None
        body = " ".join([fold_genitive(rest[1]), *rest[2:]])
    else:  # 'Polizeisprecher', 'Kreml-Sprecher', 'Regierungssprecherin'
        body = _compound_body(head[: len(head) - len(ending)])
        if body is None:
            return None
    return replace(speaker, name=body, named=True, kind="ORG")


def _compound_body(prefix: str) -> str | None:
    prefix = prefix.rstrip("-")
    if len(prefix) < 3:
        return None
    if prefix.endswith("s") and len(prefix) > 5 and not prefix.endswith("ss"):
        prefix = prefix[:-1]  # the linking s: 'Regierungs-'
    return prefix[:1].upper() + prefix[1:]


_APPOSITION_PUNCT = frozenset({",", ";", ":", "–", "—", "."})
_MAX_NAME_WORDS = 4
_MAX_COMPLEMENT = 4  # tokens of a genitive or 'für' complement between descriptor and comma


def apposed_person(doc: Doc, end: int) -> tuple[int, int] | None:
    """', John Kirby,' / ', Deftalgne Tessema sagte': two to four capitalised words naming a
    person, right after a comma that follows token ``end`` (a genitive or 'für' complement of
    up to four tokens may come between) — a person when ``classify`` says so, or when none of
    the words is a common noun HanTa knows."""
    i = end
    while i < len(doc) and i < end + _MAX_COMPLEMENT and doc[i].text not in _APPOSITION_PUNCT:
        i += 1
    if i >= len(doc) or doc[i].text != ",":
        return None
    j = i + 1
    while j < len(doc) and j - i - 1 < _MAX_NAME_WORDS and doc[j].text[:1].isupper() and doc[j].is_alpha:
        j += 1
    if j - i - 1 < 2 or (j < len(doc) and doc[j].text not in {",", "("} and not doc[j].is_lower):
        return None
    words = doc[i + 1:j]
    kind = classify(doc, words)
    if kind == "PER" or kind == "OTHER" and not any(
            is_known_common_noun(t.text) or is_role_word(doc, t.text) or is_org_word(doc, t.text)
            for t in words):
        return i + 1, j
    return None


def is_descriptor_phrase(doc: Doc, speaker: Speaker) -> bool:
    """A speaker phrase that names no one itself: its head, the last capitalised word, is a
    role word or a common noun ('der für die Nordregion zuständige Koordinator', 'Der Sprecher
    des Ministeriums'), and no word is in quotes (a quoted name: 'Die Zeitung „Bild“')."""
    if any(mark in speaker.text for mark in "„“\"»«"):
        return False
    caps = [w.strip(",.") for w in speaker.text.split() if w[:1].isupper()]
    caps = [w for w in caps if w.lower() not in DETERMINERS]
    return bool(caps) and (is_role_word(doc, caps[-1]) or is_known_common_noun(caps[-1]))


def with_apposed_person(doc: Doc, speaker: Speaker | None) -> Speaker | None:
    """The speaker named by the person in apposition to its descriptor, if there is one."""
    if speaker is None or not is_descriptor_phrase(doc, speaker):
        return None
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    found = apposed_person(doc, span.end) if span is not None else None
    if found is None:
        return None
    person = doc[found[0]:found[1]]
    return replace(speaker, name=person.text, named=True, kind="PER")


_MAX_ANTECEDENT_WORDS = 4


def antecedent(doc: Doc, noun: str, before: int) -> str | None:
    """The nearest name before char ``before`` that ``noun`` heads: a word equal to the noun or
    a compound ending in it ('Mieterverein' for 'Verein'), with a proper name after it
    ('Mieterverein Leipzig') or a capitalised adjective before it ('Deutsche Bahn'), or itself
    a longer compound ('Stadtverwaltung'). Genitive forms fold ('des Mietervereins')."""
    noun = noun.lower()
    if len(noun) < 4:
        return None
    for token in reversed(doc[:_token_index(doc, before)]):
        if noun not in token.lower_ or not token.text[:1].isupper() or not token.is_alpha:
            continue
        word = fold_genitive(token.text)
        lower = word.lower()
        if not lower.endswith(noun):
            continue
        words = [word]
        k = token.i + 1
        while k < len(doc) and len(words) < _MAX_ANTECEDENT_WORDS and _is_name_word(doc, doc[k].text):
            words.append(doc[k].text)
            k += 1
        if token.i > 0 and doc[token.i - 1].text[:1].isupper() and _is_capitalised_adjective(doc[token.i - 1].text):
            words.insert(0, doc[token.i - 1].text)
        if len(words) > 1 or len(lower) > len(noun):
            return " ".join(words)
    return None


def _is_capitalised_adjective(word: str) -> bool:
    """'Deutsche', 'Europäische': an adjective that opens a name."""
    found = _hanta_analyze(word.lower())
    return found is not None and found[1].startswith("ADJ")


def generic_noun(doc: Doc, speaker: Speaker) -> str | None:
    """The one common noun a speaker consists of ('der Verein', 'laut Stadt'), else None."""
    words = [w.strip("„“\",.") for w in (speaker.name or speaker.text).split()]
    words = [w for w in words if w and w.lower() not in DETERMINERS]
    if len(words) != 1 or not words[0][:1].isupper():
        return None
    word = fold_genitive(words[0])
    return word if is_known_common_noun(word) else None
