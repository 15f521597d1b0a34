"""Name normalisation shared by the linker: spelling keys, role words, name parts.

A *fold key* makes spelling and transliteration variants of one name equal, or close
enough for a fuzzy ratio: "Selenskyj", "Selenski", "Zelensky" and "Selenskij" all fold to
``selenski``; "Kim Jong-un" and "Kim Jong Un" to ``kim iong un``; "Wolodymyr" and
"Wolodimir" to ``volodimir``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsledger.lexicons import entries

ARTICLES = frozenset(
    ["der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "einem", "einen", "the", "a", "an"]
)
_ROLE_ENDINGS = ("", "in", "innen", "en", "n", "s", "es", "e", "er", "em")
_WORD = re.compile(r"[\w.]+(?:[-'’][\w.]+)*")
# Transliteration folds, applied in order to a lower-case ASCII string. German and English
# render Cyrillic/Korean names differently: sch/sh, tsch/ch, w/v, j/y/i, z/s, ie/i.
_FOLDS = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("ck", "k"),
    ("ph", "f"),
    ("w", "v"),
    ("z", "s"),
    ("j", "i"),
    ("y", "i"),
    ("ie", "i"),
    ("ey", "i"),
    ("ei", "i"),
)
_GERMAN_LETTERS = {"ß": "ss", "ä": "a", "ö": "o", "ü": "u", "Ä": "a", "Ö": "o", "Ü": "u"}


def ascii_fold(text: str) -> str:
    """Lower case, German letters and diacritics removed: 'Kreß' -> 'kress'."""
    text = "".join(_GERMAN_LETTERS.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=65536)  # names recur: clustering folds each one many times
def fold_word(word: str) -> str:
    """The spelling key of one word (see module docstring)."""
    key = re.sub(r"[^a-z0-9]", "", ascii_fold(word))
    for old, new in _FOLDS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)  # double letters: Healey/Healy, Kreß/Kres


def words(text: str) -> list[str]:
    """Words of a name phrase; hyphens split ('Jong-un' -> Jong, un) except in 'US-…'."""
    out: list[str] = []
    for word in _WORD.findall(text):
        out.extend(part for part in re.split(r"[-'’]", word) if part)
    return out


@lru_cache(maxsize=65536)
def fold_name(text: str) -> str:
    """Spelling key of a whole name: folded words joined by spaces."""
    return " ".join(key for key in map(fold_word, words(text)) if key)


def plain_key(text: str) -> str:
    """Key for lexicon lookups: lower case ASCII, no articles, hyphens as spaces."""
    tokens = [w for w in words(ascii_fold(text)) if w not in ARTICLES]
    return " ".join(tokens)


@lru_cache(maxsize=8)
def role_stems(extra_files: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(sorted(entries("speaker_roles", extra_files), key=len, reverse=True))


def is_role_word(word: str, stems: tuple[str, ...] | None = None) -> bool:
    """True for a title or role word ('Außenminister', 'Präsidentin', 'Geheimdienst')."""
    forms = _role_forms(stems if stems is not None else role_stems())
    lower = word.lower()
    return any(lower[i:] in forms for i in range(len(lower) + 1))


@lru_cache(maxsize=8)
def _role_forms(stems: tuple[str, ...]) -> frozenset[str]:
    """Every role stem with every ending: a word is a role word when it ends in one."""
    return frozenset(root + ending for root in stems for ending in _ROLE_ENDINGS)


def split_role(phrase: str, stems: tuple[str, ...] | None = None) -> tuple[str, str]:
    """(role, name) of a speaker phrase.

    The name is the run of capitalised, non-role words after the last role word:
    'der ukrainische Präsident Wolodymyr Selenskyj' -> ('ukrainische Präsident',
    'Wolodymyr Selenskyj'); 'der ukrainische Präsident' -> ('ukrainische Präsident', '').
    Words before a role word are part of the role (adjectives, 'US-').
    """
    tokens = _after_genitive(phrase.split())
    last_role = -1
    for i, token in enumerate(tokens):
        if is_role_word(token.strip(",."), stems):
            last_role = i
    role = " ".join(tokens[: last_role + 1])
    rest = tokens[last_role + 1 :]
    name_tokens = []
    for token in rest:
        if not (token[:1].isupper() or token[:1].isdigit()):
            break
        name_tokens.append(token.strip(",;:"))
    return role, " ".join(name_tokens)


def _after_genitive(tokens: list[str]) -> list[str]:
    """Tokens of the genitive attribute when a common noun heads the phrase: 'Einschätzung
    der USA' -> ['USA'], 'Angaben des Militärgeheimdienstes HUR' -> [..., 'HUR']. A role
    word heading it keeps the whole ('Sprecher des Weißen Hauses')."""
    for i, token in enumerate(tokens[1:], start=1):
        if token.lower() in ("der", "des") and not any(is_role_word(t) for t in tokens[:i]):
            head = [t for t in tokens[:i] if t.lower() not in ARTICLES]
            if head and head[-1][:1].isupper() and len(head) == 1:
                return [t for t in tokens[i + 1 :] if t.lower() not in ARTICLES]
    return [t for t in tokens if t.lower() not in ARTICLES]


def role_pattern(role: str) -> re.Pattern[str] | None:
    """A regex for a role phrase in any inflection ('ukrainischen Präsidenten')."""
    tokens = [t for t in role.split() if t.lower() not in ARTICLES]
    if not tokens:
        return None
    parts = [re.escape(stem(t)) + r"\w*" for t in tokens]
    return re.compile(r"\b" + r"\s+".join(parts), re.IGNORECASE)


def stem(word: str) -> str:
    """A role word without its inflection ending ('Präsidenten' -> 'Präsident')."""
    lower = word.lower()
    for ending in ("en", "er", "es", "em", "e", "n"):
        if lower.endswith(ending) and len(lower) - len(ending) >= 4:
            return word[: -len(ending)]
    return word
