"""Speakers are entities: the name a speaker phrase stands for.

* role words and city or country adjectives before a person's name go (``Flixbus-Manager
  Stenger`` → ``Stenger``, ``Hamburger Johannes Caspar`` → ``Johannes Caspar``), and a bare
  surname takes the full name the article gave before (``Stenger`` → ``Fabian Stenger``);
* a genitive or dative head folds to its base form (``Instituts Stadtpuls`` → ``Institut
  Stadtpuls``, ``Mietervereins Leipzig`` → ``Mieterverein Leipzig``), by HanTa's lemma.

Organisation names that open with an adjective (``Deutsche Bank``) keep it: a word is only
dropped before a name that is no common noun and no organisation word.

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


def entity_name(doc: Doc, speaker: Speaker | None) -> Speaker | None:
    """The speaker with ``name`` set to the entity it names (text and offsets unchanged)."""
    if speaker is None or not speaker.named:
        return speaker
    words = [w for w in (speaker.name or speaker.text).split() if w.lower() not in DETERMINERS]
    if not words:
        return speaker
    stripped = _without_descriptor(doc, words)
    if len(stripped) == 1 < len(words):  # 'Flixbus-Manager Stenger': the name given before
        stripped = resolver_for(doc).by_surname.get(stripped[0], stripped[0]).split()
    words = [fold_genitive(stripped[0]), *stripped[1:]]
    name = " ".join(words)
    return speaker if name == speaker.name else replace(speaker, name=name)


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
_PRONOUNS = frozenset("ihnen ihm ihr ihm er sie es wir man dies das".split())


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
            or lower in _anaphor_heads(doc)):
        return False
    return is_plain_noun(doc, word)


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
