"""Konjunktiv I detection: the main signal of reported speech in German.

A word form is Konjunktiv I when it is listed in the ``subjunctive_forms`` lexicon
(``sei``, ``habe``, ``könne`` …) or when it is a regular 3rd-person-singular form in
``-e`` whose infinitive is the form plus ``n`` (``liege`` ← ``liegen``; ``verändere`` ←
``verändern``). Deciding that a word is a verb needs a morphological lexicon; HanTa's
(``analyze``, cached by word form in memory and in the user's cache directory:
:mod:`.wordforms`)
is used when HanTa is installed, otherwise a conservative suffix rule.

Konjunktiv II forms that replace an indicative-looking Konjunktiv I in reported speech
(``hätten``, ``würde``, ``wäre``) are accepted with ``include_ii=True``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from newsledger.extractors.wordforms import WordForms, hanta_installed, table_path
from newsledger.lexicons import entries

# Lower-case words ending in -e that are never finite verbs (articles, pronouns, adverbs, …):
# the suffix rule would otherwise take them for Konjunktiv I.
_NOT_VERBS = frozenset(
    "alle andere beide bitte diese eine einige gerne heute jede jene keine meine ohne seine "
    "ihre unsere eure deine welche manche viele wenige solche erste letzte nahe ferne weise "
    "gerade lange ebenfalls bereits ende mitte ganze gleiche große kleine neue alte hohe".split()
)


@lru_cache(maxsize=1)
def _forms() -> dict[str, bool]:
    """Listed forms → True when the form is a Konjunktiv II stand-in."""
    out = {}
    for line in entries("subjunctive_forms"):
        word, *mark = line.split()
        out[word.lower()] = mark == ["ii"]
    return out


def is_subjunctive_i(word: str, *, include_ii: bool = False) -> bool:
    """True when ``word`` is a Konjunktiv I form (or a Konjunktiv II stand-in, if asked)."""
    lower = word.lower()
    listed = _forms().get(lower)
    if listed is not None:
        return include_ii or not listed
    if not word[:1].islower() or not lower.endswith("e") or len(lower) < 4:
        return False
    if lower in _NOT_VERBS:
        return False
    return _is_present_stem_plus_e(lower)


def is_subjunctive_in_context(words: Sequence[str], i: int, *, include_ii: bool = False) -> bool:
    """``is_subjunctive_i`` for ``words[i]``, rejecting 1st-person indicative (``ich habe``, ``habe ich``).

    The 1st person singular present indicative has the same -e form as the 3rd person
    Konjunktiv I; an adjacent ``ich`` tells them apart.
    """
    if not is_subjunctive_i(words[i], include_ii=include_ii):
        return False
    before = words[i - 1].lower() if i > 0 else ""
    after = words[i + 1].lower() if i + 1 < len(words) else ""
    return "ich" not in (before, after)


@lru_cache(maxsize=50_000)
def _is_present_stem_plus_e(word: str) -> bool:
    analysis = _hanta_analyze(word)
    if analysis is None:
        # No morphology available: only the unambiguous -ere/-ele verb forms.
        return word.endswith(("iere", "ere", "ele")) and len(word) > 6
    lemma, pos = analysis
    infinitives = {word + "n", word[:-1] + "n"} if word.endswith(("ere", "ele")) else {word + "n"}
    return pos.startswith(("VV", "VA", "VM")) and lemma in infinitives


@lru_cache(maxsize=1)
def _hanta() -> WordForms | None:
    """HanTa's tagger behind the word-form cache (:mod:`.wordforms`), or None without HanTa."""
    if not hanta_installed():  # optional dependency: fall back to the suffix rule
        return None
    return WordForms(table_path())


def _hanta_analyze(word: str) -> tuple[str, str] | None:
    tagger = _hanta()
    if tagger is None:
        return None
    lemma, pos = tagger.analyze(word)
    return lemma, pos
