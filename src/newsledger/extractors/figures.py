"""German figures: numbers in any written form → :class:`~newsledger.model.Figure` values.

``find_figures(doc)`` scans each sentence token by token. At each token it tries, in order:

1. ``jeder fünfte`` (a fraction written as an ordinal) → 20 percent;
2. vague words (``Hunderte``, ``mehrere tausend``) → a range with qualifier ``about``;
3. a lone fraction noun (``die Hälfte``) → 50 percent;
4. a number — digits (``10.000``, ``10'000``, ``84 866``, ``1,3``; a decimal point before a
   unit or scale, ``228.5 Kilometer``) or a numeral word (``zehntausend``, ``viereinhalb``) —
   then, after it, a fraction noun (``zwei Drittel``), a share of ten, a hundred or a thousand
   (``neun von zehn``; ``27 von 35 Stimmen`` is two counts), a scale (``Millionen``, ``Mio.``,
   ``Dutzend``), a range (``X bis Y``, ``X bis zu Y``, ``zwischen X und Y``, ``X–Y``) and a
   unit (``Prozent``, ``Euro``, ``Mal``); the start of a change takes its target's scale and
   unit (``von 11,4 auf 15,2 Millionen Euro``);
5. a numeral inside a word (lexicon ``numeral_compounds``: ``zwölfköpfig``, ``siebenstöckig``,
   ``37-seitig``, ``dreimal``, ``fünffach``, ``sechsstellig`` — a range, also ``im
   zweistelligen Millionenbereich``), a number glued to a scale, a people noun or a unit of
   measure (``60-Millionen-Euro``, ``390.000-Einwohner-Stadt``, ``12,3-Zoll-Display``; not a
   threshold, a race or a banknote), or a multiple (lexicon ``multiplier_words``:
   ``verdoppelt``, ``halbiert``, ``doppelt so``, ``das Doppelte``, ``halb so``).

Whether a word can open a figure at all is decided once per word form and cached: most words
of a text are no number, so the scan costs one dictionary lookup for them.

A number with its period glued on (the tokenizer keeps ``500.``) is read without it where it
closes a sentence: the sentence's last word, or where the sentence splitter went on — before a
line break, or a three-digit or separated number before another number (``… waren es 300. 12
Menschen …``; ``3. 4. 2024`` stays a date).

A number is then dropped when it is not a quantity (``_is_quantity``): ordinals
(``25. November``), years (``2024``, ``im Jahr 1990``, ``für 2025 Ausgaben``; a round
``2000 Menschen`` counts), durations, ages and clock times (followed by a word of
``figure_time_nouns``, also over lists: ``von 62, 64 und 66 Jahren``; ``im Alter von 67``;
``Müller (46)``), labels (``Artikel 5``, ``A 52``, ``ATR 72``, ``Landesstraße 502``), codes
(a leading zero: phone numbers; ``2024-11``, ``Anleihe 6/2015``), and small numeral words that
count nothing (``einer der``, ``die zwei``, ``die ersten drei``; ``zwei weitere``, ``drei
verletzt``, ``vier der 18``, ``elf statt 13``, ``Heute sind es drei``, ``etwa zwölf`` count),
numbers inside product or model names (``Rossija 24``, ``Snapdragon 810``, ``Nova 8 Pro``: a
bare number after a capitalised word that is no common noun, counting nothing), figures of
speech (``um 180 Grad``, ``zu 100 Prozent``, ``hundertmal``), results of one match (``die
Führung auf sechs Tore``, ``Lions 4 - Eagles 2``; lexicon ``sports_results``; season totals
count), a denominator after ``pro`` (``pro 100 Kilometer``) and an article before a unit after
für/pro/je (``für eine Tonne``). Ages are also ``Huber, 61,`` (a whole number after a name,
not after a country: ``Iran (27)`` counts). Two neighbouring values listed together are one
range (``um 30, 40 Prozent``, ``drei, vier Prozent``, ``eine oder zwei``). Other numbers glued
to letters (``G7``, ``Covid-19``, ``45-Jährige``) never are candidates.

The qualifier comes from the words before the number (``qualifiers`` lexicon, longest
phrase wins, adverbs like ``bereits`` skipped), from a comparison verb earlier in the clause
(``übersteigt``) or after a threshold (``die Marke von 90 Dollar übersprungen``), or from the
words after it (``zwölf Euro und mehr``, ``50 oder weniger``); a conversion in brackets keeps
the bound of the figure it restates (``mehr als 1,5 Milliarden Dollar (1,24 Milliarden
Euro)``). ``über``/``unter`` count as bounds only when no noun or verb governing the
preposition precedes them (``Erkenntnisse über 3.000 Soldaten`` stays exact); ``unter`` before
a counted noun means "among" (``unter sechs Geschwistern``). ``minus`` negates. ``jeweils``/
``je`` before the number make it a per-unit figure. The counted noun phrase is what follows the
number (up to three inflected words and a capitalised noun); its head gives the unit
``people`` (``people_nouns``) when no unit word does.

The counted head gives the unit ``people`` also when it is a demonym: a country name (babel's
German territory names) with an ``-er`` ending (``Nordkoreaner``, ``Ukrainerinnen``).

Articles in English (``doc._.article.language`` 'en') are read with English digits (``10,000``,
``3.5``: ',' groups thousands, '.' marks decimals), the ``NAME_en`` variants of the word-list
lexicons (``about``, ``more than``, ``nearly``; ``million``; ``thousands``; ``percent``;
``exceed``), an English counted phrase (up to three words, ending at a plural or people noun)
and dates next to a month name (``October 25``, ``25 October``) left out.

All word lists are lexicons (``resources/lexicons``): qualifiers, number_words, number_scales,
vague_numbers, vague_quantifiers, fractions, fraction_ordinals, units, people_nouns,
figure_time_nouns, number_labels, over_governors, comparison_verbs, per_unit_words, year_context,
filler_adverbs, sports_results, numeral_compounds, multiplier_words (and casualty_words for
the outcome after an elliptic count).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from newsledger.lexicons import entries
from newsledger.model import Figure, Value
from newsledger.nlp import sentences, text_of

_NUMBER = r"(?:\d{1,3}(?:[.'’]\d{3})+|\d+)(?:,\d+)?"
_DIGITS = re.compile(rf"^{_NUMBER}$")
_GLUED_RANGE = re.compile(rf"^({_NUMBER})[-–]({_NUMBER})$")
# English writes the thousands with ',' and the decimals with '.': '10,000', '3.5'
_NUMBER_EN = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DIGITS_EN = re.compile(rf"^{_NUMBER_EN}$")
_GLUED_RANGE_EN = re.compile(rf"^({_NUMBER_EN})[-–]({_NUMBER_EN})$")
_THREE_DIGITS = re.compile(r"^\d{3}$")
_POINT_DECIMAL = re.compile(r"^\d+\.\d{1,2}$")
_SHORT_GROUP = re.compile(r"^\d{1,3}$")
_RANGE_WORDS = {"bis", "-", "–"}
_SMALL_WORD_LIMIT = 100  # numeral words below this count only when a noun follows


# --------------------------------------------------------------------------- lexicons


_Extras = tuple[tuple[str, tuple[str, ...]], ...]


def _words_of(extras: _Extras, name: str) -> frozenset[str]:
    """Lexicon ``name`` with the extra files a run's configuration names for it."""
    return entries(name, dict(extras).get(name, ()))


def _pairs(extras: _Extras, name: str) -> dict[str, str]:
    """A 'key = value' lexicon as a dict."""
    out = {}
    for entry in _words_of(extras, name):
        key, _, value = entry.partition("=")
        out[key.strip()] = value.strip()
    return out


@dataclass(frozen=True)
class _Lexicons:
    """Every word list the figure scanner uses, loaded once per configuration."""

    qualifiers: dict[str, str]
    words: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, tuple[float, float]]
    vague_quantifiers: frozenset[str]
    fractions: dict[str, int]
    fraction_ordinals: dict[str, int]
    units: dict[str, str]
    people: frozenset[str]
    time_units: frozenset[str]
    labels: frozenset[str]
    governors: frozenset[str]
    comparison_verbs: dict[str, str]
    per_unit: frozenset[str]
    year_context: frozenset[str]
    fillers: frozenset[str]
    sports_results: frozenset[str]
    compounds: dict[str, tuple[str | None, bool]]  # part -> (unit, counts after 'ein')
    compound_endings: tuple[str, ...]  # every part with every inflected ending
    multipliers: dict[str, tuple[float, str]]  # stem -> (value, unit)
    multiplier_stems: tuple[str, ...]
    english: bool = False
    compound_cache: dict[str, float | None] = field(
        default_factory=dict, compare=False, hash=False
    )
    start_cache: dict[str, bool] = field(default_factory=dict, compare=False, hash=False)


def _lexicons(doc: Doc | None) -> _Lexicons:
    """The word lists for ``doc``'s configuration (``doc._.lexicon_extras``) and language
    (``doc._.article.language``: 'en' reads English numbers and words), loaded once."""
    extras = (doc._.lexicon_extras if doc is not None else None) or {}
    article = doc._.article if doc is not None else None
    english = bool(
        article is not None and (article.language or "").lower().startswith("en")
    )
    return _load_lexicons(
        tuple(sorted((k, tuple(v)) for k, v in extras.items())), english
    )


# Lexicons with an English variant (NAME_en.txt) used for articles in English.
_ENGLISH_VARIANTS = frozenset(
    {
        "qualifiers",
        "number_words",
        "number_scales",
        "vague_numbers",
        "units",
        "people_nouns",
        "figure_time_nouns",
        "comparison_verbs",
        "per_unit_words",
        "year_context",
        "filler_adverbs",
    }
)


@lru_cache(maxsize=16)
def _load_lexicons(extras: _Extras, english: bool = False) -> _Lexicons:
    def name_of(name: str) -> str:
        return f"{name}_en" if english and name in _ENGLISH_VARIANTS else name

    def numbers(name: str, kind: type) -> dict:
        return {k: kind(v) for k, v in _pairs(extras, name_of(name)).items()}

    vague = {
        k: tuple(float(x) for x in v.split())
        for k, v in _pairs(extras, name_of("vague_numbers")).items()
    }
    compounds = _numeral_compounds(extras)
    multipliers = _multipliers(extras)
    return _Lexicons(
        qualifiers=_pairs(extras, name_of("qualifiers")),
        words=numbers("number_words", float),
        scales=numbers("number_scales", float),
        vague=vague,  # type: ignore[arg-type]
        vague_quantifiers=_words_of(extras, "vague_quantifiers"),
        fractions=numbers("fractions", int),
        fraction_ordinals=numbers("fraction_ordinals", int),
        units=_pairs(extras, name_of("units")),
        people=_words_of(extras, name_of("people_nouns")),
        time_units=_words_of(extras, name_of("figure_time_nouns")),
        labels=_words_of(extras, "number_labels"),
        governors=_words_of(extras, "over_governors"),
        comparison_verbs=_pairs(extras, name_of("comparison_verbs")),
        per_unit=_words_of(extras, name_of("per_unit_words")),
        year_context=_words_of(extras, name_of("year_context")),
        fillers=_words_of(extras, name_of("filler_adverbs")),
        sports_results=_words_of(extras, "sports_results"),
        compounds=compounds,
        compound_endings=tuple(p + e for p in compounds for e in _INFLECTIONS),
        multipliers=multipliers,
        multiplier_stems=tuple(multipliers),
        english=english,
    )


_INFLECTIONS = ("", "e", "en", "er", "es", "em")


def _numeral_compounds(extras: _Extras) -> dict[str, tuple[str | None, bool]]:
    """'köpfig = people', 'fach = times !ein' → {'köpfig': ('people', True), 'fach': ('times', False)}."""
    out = {}
    for part, spec in sorted(_pairs(extras, "numeral_compounds").items(), key=lambda p: -len(p[0])):
        unit, *flags = spec.split()
        out[part] = (None if unit == "-" else unit, "!ein" not in flags)
    return out


def _multipliers(extras: _Extras) -> dict[str, tuple[float, str]]:
    """Longest stem first, so that 'halbiert' meets 'halbier' before 'halb'."""
    out = {}
    for stem, spec in sorted(_pairs(extras, "multiplier_words").items(), key=lambda p: -len(p[0])):
        value, unit = spec.split()
        out[stem] = (float(value), unit)
    return out


def matches_stem(word: str, entries: frozenset[str]) -> bool:
    """``word`` (lower case) equals an entry, or starts with an entry written ``stem*``."""
    return word in entries or word.startswith(_stems(entries))


@lru_cache(maxsize=64)
def _stems(entries: frozenset[str]) -> tuple[str, ...]:
    """The ``stem*`` entries without their star, once per lexicon (str.startswith takes them all)."""
    return tuple(e[:-1] for e in entries if e.endswith("*"))


# --------------------------------------------------------------------------- parse_number


def parse_digits(text: str, *, english: bool = False) -> float | None:
    """'10.000', "10'000", '1,3', '12.500,50' → float; None for dates and clock times.
    With ``english``: '10,000', '3.5'."""
    if english:
        return float(text.replace(",", "")) if _DIGITS_EN.match(text) else None
    if not _DIGITS.match(text):
        return None
    text = text.replace("'", "").replace("’", "").replace(".", "").replace(",", ".")
    return float(text)


def word_value(word: str) -> float | None:
    """A German numeral word ('zweihundertfünfzig', 'zehntausend') → its value, else None."""
    return _word_value(word.lower(), _lexicons(None))


def _word_value(word: str, lex: _Lexicons) -> float | None:
    if word in lex.words:
        return lex.words[word]
    if len(word) < 6 or not word.isalpha():
        return None
    if word not in lex.compound_cache:  # numerals repeat; most words are looked at once
        if len(lex.compound_cache) > 50000:
            lex.compound_cache.clear()
        lex.compound_cache[word] = _compound_value(word, lex.words)
    return lex.compound_cache[word]


def _compound_value(word: str, words: dict[str, float]) -> float | None:
    """'zwei|hundert|fünf|und|zwanzig' read as German numerals are spoken: big parts first."""
    for big, factor in (("tausend", 1000), ("hundert", 100)):
        left, found, right = word.partition(big)
        if found:
            low = _part(left, words, default=1, limit=factor)
            rest = _part(right, words, default=0, limit=factor)
            return None if low is None or rest is None else low * factor + rest
    whole, found, rest = word.partition("einhalb")
    if found and not rest and whole in words:
        return words[whole] + 0.5  # 'viereinhalb'
    unit, found, tens = word.partition("und")
    if found and unit in words and words[unit] < 10 and words.get(tens, 0) >= 20:
        return words[unit] + words[tens]
    return None


def _part(
    text: str, words: dict[str, float], *, default: float, limit: float
) -> float | None:
    if not text:
        return default
    if text in ("ein", "eins"):
        return 1
    value = words[text] if text in words else _compound_value(text, words)
    return value if value is not None and value < limit else None


def parse_number(text: str) -> float | None:
    """The value of a German number written alone: '10.000', '84 866', '1,3 Millionen',
    '2 Mrd.', 'zehntausend', 'tausend', 'zwei Dutzend'. None when ``text`` is no number
    (or a vague word such as 'Hunderte', which is a range: see :func:`find_figures`)."""
    lex = _lexicons(None)
    parts = text.split()
    if not parts:
        return None
    scale = 1.0
    if len(parts) > 1 and parts[-1].lower() in lex.scales:
        scale = lex.scales[parts[-1].lower()]
        parts = parts[:-1]
    if (
        len(parts) > 1
        and all(_SHORT_GROUP.match(p) for p in parts[:1])
        and all(_THREE_DIGITS.match(p) for p in parts[1:])
    ):
        parts = ["".join(parts)]
    if len(parts) != 1:
        return None
    value = _single_value(parts[0], lex)
    return None if value is None else value * scale


def _single_value(text: str, lex: _Lexicons) -> float | None:
    if text[:1].isdigit():
        return parse_digits(text)
    lower = text.lower()
    if lower in lex.scales and lower not in lex.words:
        return lex.scales[lower]
    value = _word_value(lower, lex)
    return None if value is None else float(value)


# --------------------------------------------------------------------------- scanning


@dataclass
class _Match:
    """A number found at tokens [first, last] (before qualifier and exclusion checks)."""

    first: int
    last: int
    low: float
    high: float
    qualifier: str = "exact"
    unit: str | None = None
    word: bool = False  # written as a numeral word
    vague: bool = False
    exact_number: float | None = None  # the plain number (for the year check)
    rule: str = "digits"


def find_figures(doc: Doc) -> Iterator[Figure]:
    """Every figure in ``doc``, in text order (see the module docstring for the rules)."""
    lex = _lexicons(doc)
    for sent in sentences(doc):
        yield from _sentence_figures(list(sent), lex)


def _sentence_figures(toks: Sequence[Token], lex: _Lexicons) -> Iterator[Figure]:
    i, previous = 0, None
    while i < len(toks):
        match = _match_at(toks, i, lex)
        if match is None:
            i += 1
            continue
        i = match.last + 1
        if _is_quantity(toks, match, lex):
            figure = _figure(toks, match, lex)
            if previous is not None and _converts(toks, previous, match):
                figure = _with_qualifier(figure, previous[1].value.qualifier)
            previous = (match, figure)
            yield figure


def _converts(toks: Sequence[Token], previous: tuple[_Match, Figure], match: _Match) -> bool:
    """The figure restates the one before it and shares its bound: a conversion into another
    unit in brackets ('mehr als 1,5 Milliarden Dollar (1,24 Milliarden Euro)'; '(21 Prozent)'
    after 'rund ein Fünftel' is the exact figure), or the second side of a size ('rund 200
    mal 20 Meter')."""
    before, figure = previous
    if match.qualifier != "exact" or figure.value.qualifier in ("exact", "range"):
        return False
    between = toks[before.last + 1].lower_ if before.last + 2 == match.first else None
    if between == "(":
        return bool(before.unit) and bool(match.unit) and before.unit != match.unit
    return between == "mal"


def _with_qualifier(figure: Figure, qualifier: str) -> Figure:
    if figure.value.qualifier != "exact":
        return figure  # the bracket states its own ('rund 29.000 Euro')
    return replace(figure, value=replace(figure.value, qualifier=qualifier))


def _match_at(toks: Sequence[Token], i: int, lex: _Lexicons) -> _Match | None:
    tok = toks[i]
    if tok.text[:1].isdigit():
        match = _number_at(toks, i, lex)
        if match is None and not lex.english:  # '37-seitige', '60-Millionen-Euro'
            match = _glued_count_at(toks, i, lex) or _compound_at(toks, i, tok.text.lower(), lex)
        return match
    if not tok.is_alpha:
        return None  # punctuation and symbols start no figure (a '€' before one is a unit)
    lower = tok.lower_
    if not _may_start(lower, lex):
        return None
    if lower in _EVERY and i + 1 < len(toks):
        denominator = lex.fraction_ordinals.get(toks[i + 1].lower_)
        if denominator:
            return _percent(i, i + 1, 100 / denominator, "fraction_ordinal")
    if lower in lex.vague_quantifiers:
        return _vague_scale(toks, i, lex)
    if lower in lex.vague:
        low, high = lex.vague[lower]
        return _with_unit(
            toks, _Match(i, i, low, high, "about", vague=True, rule="vague"), lex
        )
    if (
        lower in lex.fractions
        and i > 0
        and toks[i - 1].lower_ in ("die", "der", "zur", "eine")
    ):
        return _percent(i - 1, i, 100 / lex.fractions[lower], "fraction")
    match = _number_at(toks, i, lex)
    if match is None and not lex.english:
        match = _compound_at(toks, i, lower, lex) or _multiplier_at(toks, i, lower, lex)
    if match is None and not lex.english:
        share = _fraction_compound(lower, lex)
        match = None if share is None else _percent(i, i, share, "fraction_compound")
    return match


def _fraction_compound(lower: str, lex: _Lexicons) -> float | None:
    """'Zweidrittelmehrheit', 'dreiviertel': a numeral and a fraction in one word → percent
    ('Dreiviertelstunde' is a duration)."""
    for fraction, denominator in lex.fractions.items():
        numerator, found, rest = lower.partition(fraction)
        if (found and numerator in lex.words and lex.words[numerator] < denominator
                and (not rest or rest.startswith("mehrheit"))):
            return 100 * lex.words[numerator] / denominator
    return None


def _may_start(lower: str, lex: _Lexicons) -> bool:
    """Whether the word can open a figure at all, decided once per word form: most words of a
    text are no number, and this keeps their cost to one dictionary lookup."""
    known = lex.start_cache.get(lower)
    if known is None:
        if len(lex.start_cache) > 50000:
            lex.start_cache.clear()
        known = lex.start_cache[lower] = (
            lower in _EVERY
            or lower in lex.vague_quantifiers
            or lower in lex.vague
            or lower in lex.fractions
            or _word_value(lower, lex) is not None
            or lower.endswith(lex.compound_endings)
            or lower.startswith(lex.multiplier_stems)
            or _fraction_compound(lower, lex) is not None
        )
    return known


_EVERY = ("jeder", "jede", "jedes")


def _compound_at(toks: Sequence[Token], i: int, lower: str, lex: _Lexicons) -> _Match | None:
    """'siebenstöckigen', 'zwölfköpfige', '37-seitige', 'dreimal', 'sechsstellige' (token ``i``,
    lower case): a numeral glued to a measuring part (lexicon ``numeral_compounds``).
    'hundertmal' and an uninflected 'hundertprozentig' are figures of speech (GUIDELINES)."""
    if not lower.endswith(lex.compound_endings):
        return None
    for part, (unit, counts_one) in lex.compounds.items():
        stem, found, ending = lower.rpartition(part)
        if not found or ending not in _INFLECTIONS or not stem:
            continue
        value = _compound_prefix_value(stem.removesuffix("-"), lex)
        if value is None or (value == 1 and not counts_one):
            return None
        if value >= 100 and stem.isalpha() and (part in ("mal", "malig")
                                                or (part == "prozentig" and not ending)):
            return None  # 'hundertmal', 'hundertprozentig sicher'
        if unit == "times" and _is_multiplication(toks, i, lex):
            return None  # 'zweimal zehn Minuten'
        if unit == "digits":
            return _digit_count(toks, i, value)
        return _Match(i, i, value, value, unit=unit, word=True, rule="compound")
    return None


def _digit_count(toks: Sequence[Token], i: int, digits: float) -> _Match:
    """'sechsstellig' → 100,000–999,999; 'im zweistelligen Millionenbereich' → 10–99 million."""
    low, high, last = 10 ** (digits - 1), 10**digits - 1, i
    following = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    for stem, factor in _SCALE_STEMS:
        if following.startswith(stem):
            low, high, last = low * factor, high * factor, i + 1
            break
    return _Match(i, last, low, high, "about", vague=True, rule="compound")


_SCALE_STEMS = (("million", 1e6), ("milliard", 1e9))


def _is_multiplication(toks: Sequence[Token], times: int, lex: _Lexicons) -> bool:
    """'mal' / 'zweimal' right before another number multiplies it ('2 mal 45 Minuten')."""
    return times + 1 < len(toks) and _plain_number(toks, times + 1, lex) is not None


def _compound_prefix_value(prefix: str, lex: _Lexicons) -> float | None:
    if prefix[:1].isdigit():
        return parse_digits(prefix)  # '37-seitig', '1.476-mal'
    return _word_value(prefix, lex) if prefix.isalpha() else None


def _glued_count_at(toks: Sequence[Token], i: int, lex: _Lexicons) -> _Match | None:
    """'60-Millionen-Euro-Projekt', 'die 390.000-Einwohner-Stadt', 'ein 12,3-Zoll-Display': a
    number glued to a scale word, a people noun or a unit of measure measures something;
    '45-Jährige', '5-Minuten-Takt', '50-Euro-Schein' and '2:0-Sieg' do not."""
    text = toks[i].text
    if not text[:1].isdigit() or "-" not in text:
        return None
    number, *parts = text.split("-")
    value = parse_digits(number)
    if value is None or not parts[0]:
        return None
    head = parts[0].lower()
    if parts[-1].lower().endswith(_THRESHOLD_NOUNS + ("hürde", "klausel")):
        return None  # 'die 5-Milliarden-Marke', 'die Fünf-Prozent-Hürde' name a threshold
    if head in lex.scales and lex.scales[head] >= 1e6:
        unit = lex.units.get(parts[1]) if len(parts) > 1 else None
        value *= lex.scales[head]
    elif _counts_people(head, lex.people):
        unit = "people"
    elif lex.units.get(parts[0]) not in (None, *_NAMING_UNITS) and not _is_race(parts[-1]):
        unit = lex.units[parts[0]]  # 'ein 12,3-Zoll-Display', 'die 1,5-Liter-Flasche'
    else:
        return None
    return _Match(i, i, value, value, unit=unit, rule="glued")


# units that name a thing when glued ('der 50-Euro-Schein', 'das 2-Prozent-Ziel', 'das
# 3-Punkte-Programm')
_NAMING_UNITS = ("EUR", "USD", "CHF", "GBP", "EUR_cent", "percent", "percentage_points", "points")


def _is_race(word: str) -> bool:
    """'der 10-km-Lauf', 'das 100-Meter-Rennen': a distance that names a race."""
    return word.lower().endswith(("lauf", "läufe", "rennen", "sprint", "staffel", "gehen"))


def _multiplier_at(toks: Sequence[Token], i: int, lower: str, lex: _Lexicons) -> _Match | None:
    """'verdoppelt' (2 times), 'verdreifachen' (3), 'halbiert' (50 percent), 'doppelt so' (2)."""
    if not lower.startswith(lex.multiplier_stems):
        return None
    for stem, (value, unit) in lex.multipliers.items():
        if not lower.startswith(stem):
            continue
        if stem in _SO_COMPARISONS and not _compares(toks, i, stem):
            return None  # 'doppelt besetzt', 'die doppelte Staatsbürgerschaft', 'halb voll'
        first = i - 1 if stem in _SO_COMPARISONS and lower != stem else i
        return _Match(first, i, value, value, unit=unit, rule="multiplier")  # 'fast [das] Doppelte'
    return None


_SO_COMPARISONS = frozenset({"doppelt", "halb"})


def _compares(toks: Sequence[Token], i: int, stem: str) -> bool:
    """'doppelt so viele', 'halb so teuer', 'das Doppelte des Betrags'."""
    tok = toks[i]
    if tok.lower_ == stem:
        return i + 1 < len(toks) and toks[i + 1].lower_ == "so"
    return (tok.text[:1].isupper() and tok.lower_ in (stem + "e", stem + "en") and i > 0
            and toks[i - 1].lower_ in ("das", "dem", "des"))


def _percent(first: int, last: int, value: float, rule: str) -> _Match:
    value = round(value, 2)
    return _Match(first, last, value, value, unit="percent", rule=rule)


def _vague_scale(toks: Sequence[Token], i: int, lex: _Lexicons) -> _Match | None:
    """'mehrere hundert' / 'einige Tausend' → the range of 'Hunderte' / 'Tausende'."""
    if i + 1 >= len(toks):
        return None
    scale = toks[i + 1].lower_
    plural = scale if scale in lex.vague else scale + "e"
    if plural not in lex.vague:
        return None
    low, high = lex.vague[plural]
    return _with_unit(
        toks, _Match(i, i + 1, low, high, "about", vague=True, rule="vague"), lex
    )


def _number_at(toks: Sequence[Token], i: int, lex: _Lexicons) -> _Match | None:
    parsed = _plain_number(toks, i, lex)
    if parsed is None:
        return None
    match = parsed
    fraction = _fraction_after(toks, match, lex) or _of_fraction(toks, match, lex)
    if fraction is not None:
        return fraction
    match = _range_after(toks, _with_scale(toks, match, lex), lex)
    match = _with_unit(toks, _list_range(toks, match, lex), lex)
    return _scale_of_target(toks, match, lex)


def _scale_of_target(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> _Match:
    """'von 11,4 auf 15,2 Millionen Euro', 'von derzeit 31 auf etwa 42 Millionen Euro': the
    starting value of a change shares the scale and unit written after its target."""
    if match.unit or "scale" in match.rule or match.word or match.qualifier != "exact":
        return match
    j = match.last + 1
    before = match.first - 1
    while before > 0 and toks[before].lower_ in lex.fillers:
        before -= 1
    if before < 0 or toks[before].lower_ != "von" or j + 1 >= len(toks) or toks[j].lower_ != "auf":
        return match
    k = j + 1
    while k < len(toks) - 1 and (toks[k].lower_ in lex.qualifiers or toks[k].lower_ in lex.fillers):
        k += 1
    target = _plain_number(toks, k, lex)
    if target is None or not target.low:
        return match
    plain = target.low
    target = _with_unit(toks, _with_scale(toks, target, lex), lex)
    if "scale" not in target.rule:
        return match
    factor = target.low / plain
    match.low *= factor
    match.high *= factor
    match.unit = target.unit
    match.exact_number = None
    match.rule += "+target_scale"
    return match


def _list_range(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> _Match:
    """'um 30, 40 Prozent', 'drei, vier Tage', 'eine oder zwei Bomben': two neighbouring values
    in a list of two are one range (GUIDELINES); a longer list ('30, 40 und 50') stays separate
    figures."""
    j = match.last + 1
    if match.qualifier == "range" or j + 1 >= len(toks) or toks[j].lower_ not in (",", "oder"):
        return match
    if match.first >= 2 and toks[match.first - 1].text == "," and toks[match.first - 2].like_num:
        return match  # the second or later item of a list
    second = _plain_number(toks, j + 1, lex)
    if second is None or second.rule == "code" or _both_years(match, second):
        return match
    second = _with_scale(toks, second, lex)
    if not match.low < second.low <= 2 * match.low or _list_goes_on(toks, second.last + 1):
        return match
    return _Match(match.first, second.last, match.low, second.high, "range", rule="list_range")


def _list_goes_on(toks: Sequence[Token], k: int) -> bool:
    return k + 1 < len(toks) and toks[k].lower_ in (",", "und", "oder") and toks[k + 1].like_num


def _plain_number(toks: Sequence[Token], i: int, lex: _Lexicons) -> _Match | None:
    """Digits (with '84 866' groups and glued ranges) or a numeral word at token ``i``."""
    text = toks[i].text
    if text[:1].isdigit():
        return _digits_at(toks, i, lex)
    if not toks[i].is_alpha:
        return None
    value = _word_value(toks[i].lower_, lex)
    if value is None:
        return None
    return _Match(
        i,
        i,
        float(value),
        float(value),
        word=True,
        exact_number=float(value),
        rule="word",
    )


def _digits_at(toks: Sequence[Token], i: int, lex: _Lexicons) -> _Match | None:
    text = toks[i].text
    if text.endswith(".") and _closes_sentence(toks, i):
        text = text[:-1]  # '3000.' closing the sentence
    if lex.english:
        return _english_digits_at(toks, i, text)
    glued = _GLUED_RANGE.match(text)
    if glued:
        low, high = parse_digits(glued.group(1)), parse_digits(glued.group(2))
        if (
            low is not None
            and high is not None
            and 1800 <= low <= 2100
            and 1800 <= high <= 2100
        ):
            return None  # '2020–2024'
        return (
            _Match(i, i, low, high, "range", rule="range") if low is not None else None
        )
    if text[0] == "0" and len(text) > 1 and text[1].isdigit():
        return _code_at(toks, i)
    value = parse_digits(text)
    if value is None:
        value = _point_decimal(toks, i, text, lex)
    if value is None:
        return None
    last = i
    if _SHORT_GROUP.match(text):
        while (
            last + 1 < len(toks)
            and _THREE_DIGITS.match(toks[last + 1].text)
            and toks[last].whitespace_ == " "
        ):
            last += 1
            text += toks[last].text
        value = float(text)
    return _Match(i, last, value, value, exact_number=value)


def _point_decimal(toks: Sequence[Token], i: int, text: str, lex: _Lexicons) -> float | None:
    """'228.5 Kilometer', '39.89 %', '4.9 Milliarden': a decimal point (Swiss and agency
    style) where a unit or scale word follows; one or two digits after the point, so '1.500' stays thousands and '3.4.' a date."""
    if not _POINT_DECIMAL.match(text) or i + 1 >= len(toks):
        return None
    following = toks[i + 1]
    measured = (following.text in lex.units or following.lower_ in lex.units
                or following.lower_ in lex.scales)  # '4.9 Milliarden'
    return float(text) if measured else None


def _english_digits_at(toks: Sequence[Token], i: int, text: str) -> _Match | None:
    """'10,000', '3.5', '300-400' in an English article (no '84 866' digit groups)."""
    glued = _GLUED_RANGE_EN.match(text)
    if glued:
        low = parse_digits(glued.group(1), english=True)
        high = parse_digits(glued.group(2), english=True)
        if (
            low is None
            or high is None
            or (1800 <= low <= 2100 and 1800 <= high <= 2100)
        ):
            return None
        return _Match(i, i, low, high, "range", rule="range")
    if text[0] == "0" and len(text) > 1 and text[1].isdigit():
        return _code_at(toks, i)
    value = parse_digits(text, english=True)
    if value is None:
        return None
    next_word = toks[i + 1].lower_ if i + 1 < len(toks) else ""
    if (
        i > 0 and toks[i - 1].lower_ in _ENGLISH_MONTHS
    ) or next_word in _ENGLISH_MONTHS:
        return None  # 'October 25', '25 October'
    return _Match(i, i, value, value, exact_number=value)


_ENGLISH_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


def _code_at(toks: Sequence[Token], i: int) -> _Match:
    """'0211 123456', '0171/1234567': a phone number or code, with the digit groups after it."""
    last = i
    while last + 1 < len(toks) and (
        toks[last + 1].text[:1].isdigit() or toks[last + 1].text in "/-"
    ):
        last += 1
    return _Match(i, last, 0, 0, rule="code")


def _with_scale(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> _Match:
    """'1,3 Millionen', '2 Mrd.', 'zwei Dutzend' (also 'Mill' + '.' split by the tokenizer)."""
    j = match.last + 1
    if j >= len(toks):
        return match
    word, last = toks[j].lower_, j
    split_period = (
        j + 1 < len(toks) and toks[j + 1].text == "." and not toks[j].whitespace_
    )
    if word not in lex.scales and split_period and word + "." in lex.scales:
        word, last = word + ".", j + 1
    if word not in lex.scales:
        return match
    factor = lex.scales[word]
    if match.word and factor < 1000 and word != "dutzend":
        return match  # 'zwei hundert' is rare; 'ein Hundert' is a noun
    match.low *= factor
    match.high *= factor
    match.last = last
    match.exact_number = None
    match.rule += "+scale"
    return match


def _range_after(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> _Match:
    """'300 bis 400', 'zwischen 20 und 30 Prozent', '2 - 3 Millionen'."""
    j = match.last + 1
    if j + 1 >= len(toks) or match.qualifier == "range":
        return match
    between = match.first > 0 and toks[match.first - 1].lower_ == "zwischen"
    if not (toks[j].lower_ in _RANGE_WORDS or (between and toks[j].lower_ == "und")):
        return match
    k = j + 1
    if toks[k].lower_ == "zu":  # '600 Millionen bis zu zwei Milliarden'
        k += 1
        if toks[j].lower_ != "bis" or k >= len(toks) or _is_year_like(match):
            return match  # 'will 2009 bis zu 110.000 Autos bauen'
    second = _plain_number(toks, k, lex)
    if second is None:
        return match
    second = _with_scale(toks, second, lex)
    if _both_years(match, second):
        return match  # 'von 2020 bis 2024'
    if "scale" in second.rule and "scale" not in match.rule:
        match.low *= lex.scales[toks[second.last].lower_]  # 'zwei bis drei Millionen'
    if second.high <= match.low:
        return match
    first = match.first - 1 if between else match.first
    return _Match(first, second.last, match.low, second.high, "range", rule="range")


def _both_years(first: _Match, second: _Match) -> bool:
    return _is_year_like(first) and _is_year_like(second)


def _is_year_like(match: _Match) -> bool:
    return match.exact_number is not None and 1800 <= match.exact_number <= 2100


def _fraction_after(
    toks: Sequence[Token], match: _Match, lex: _Lexicons
) -> _Match | None:
    """'ein Drittel', 'zwei Drittel', '3 Viertel' → percent."""
    j = match.last + 1
    if j < len(toks) and toks[j].lower_ in lex.fractions:
        return _percent(
            match.first, j, 100 * match.low / lex.fractions[toks[j].lower_], "fraction"
        )
    return None


def _of_fraction(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> _Match | None:
    """'neun von zehn Befragten', 'drei von 100' → percent: a share of ten, a hundred or a
    thousand. Any other whole is a count of its own ('27 von 35 Stimmen', 'vier der 18
    Bezirke': both numbers are figures, as the real-news gold reads them)."""
    j = match.last + 1
    if j + 1 >= len(toks) or toks[j].lower_ != "von" or match.low >= 100:
        return None
    whole = _plain_number(toks, j + 1, lex)
    if whole is None or whole.low <= match.low or whole.low not in _SHARE_WHOLES:
        return None
    return _percent(match.first, j + 1, 100 * match.low / whole.low, "fraction_of")


_SHARE_WHOLES = frozenset({10.0, 100.0, 1000.0})


def _with_unit(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> _Match:
    j = match.last + 1
    if j < len(toks):
        text = toks[j].text
        unit = lex.units.get(text) or lex.units.get(toks[j].lower_)
        if unit is None and text.endswith("n") and len(text) > 4:
            unit = lex.units.get(text[:-1])  # dative plural: 'Kilometern', 'Metern'
        if unit == "times" and _is_multiplication(toks, j, lex):
            return match  # '200 mal 20 Meter': a size, the first number is a length
        if unit and (text in lex.units or not toks[j].is_lower):
            match.unit, match.last = unit, j
            return _below_zero(toks, match)
    if match.first > 0:
        unit = lex.units.get(toks[match.first - 1].text)
        if unit and not toks[match.first - 1].is_alpha:  # '€ 5 Mio.', '$3,5 Mrd'
            match.unit, match.first = unit, match.first - 1
    return match


def _below_zero(toks: Sequence[Token], match: _Match) -> _Match:
    """'196 Grad unter Null' is minus 196 degrees."""
    j = match.last + 1
    if (match.unit in ("degrees", "degrees_celsius") and j + 1 < len(toks)
            and toks[j].lower_ == "unter" and toks[j + 1].lower_ == "null"):
        match.low, match.high, match.last = -match.high, -match.low, j + 1
    return match


# --------------------------------------------------------------------------- exclusions


def _is_quantity(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> bool:
    """False for ordinals, years, durations, ages, clock times, labels and idle numeral words."""
    if match.rule == "code" or _is_glued_to_code(toks, match.first) or _opens_code(toks, match):
        return False
    if _is_reading(toks, match.first):
        return True  # 'ein Beben der Stärke 6', 'Hurrikan-Stärke zwei', 'Windstärkestufe 12'
    if _is_in_name(toks, match, lex) or _is_figure_of_speech(toks, match):
        return False
    if _is_article_before_unit(toks, match) or _is_sports_result(toks, match, lex):
        return False
    if _is_score_pair(toks, match) or _is_nth_time(toks, match):
        return False
    if match.first > 0 and toks[match.first - 1].lower_ == "pro":
        return False  # '17,9 kWh pro 100 Kilometer', 'fünf pro 1.000': the denominator
    if match.vague or match.unit or match.rule.startswith(("fraction", "compound")):
        return not _followed_by_time_unit(toks, match.last, lex) or bool(match.unit)
    first = toks[match.first]
    if (
        first.text.endswith(".")
        and match.first == match.last
        and not _closes_sentence(toks, match.last)
    ):
        return False  # '25. November', '3. Liga'
    if _followed_by_time_unit(toks, match.last, lex) or _is_label(
        toks, match.first, lex
    ):
        return False
    if _is_age(toks, match.first, lex):
        return False
    if _is_year(toks, match, lex):
        return False
    if match.word and match.low < 1 and "scale" not in match.rule:
        return False  # 'die halbe Stadt'
    if match.word and match.low < _SMALL_WORD_LIMIT and "scale" not in match.rule:
        counts = (_counted_tokens(toks, match.last + 1, lex) is not None
                  or _is_elliptic(toks, match.last + 1)
                  or _has_qualifier(toks, match.first, lex)  # 'etwa zwölf.'
                  or _follows_copula(toks, match.first)
                  or _is_subject(toks, match)
                  or _is_target(toks, match))
        return (counts and (first.lower_ not in _ARTICLE_FORMS or match.rule == "list_range")
                and not _is_rank(toks, match))
    return True


def _is_in_name(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> bool:
    """'der Sender Rossija 24', 'das Nexus 6', 'der Snapdragon 810': a bare number right after a
    capitalised word that is not a common noun (inside the sentence), counting nothing, is part
    of a product or model name (GUIDELINES "not claims"). 'laut Polizei 300' stays: 'Polizei'
    is a common noun."""
    first = match.first
    if (first < 2 or match.word or match.unit or match.qualifier != "exact"
            or not toks[first].text.rstrip(".").isdigit()):
        return False  # 'SPD 28 Prozent' has a unit: a figure
    if match.last + 1 < len(toks) and toks[match.last + 1].lower_ in _PARTITIVES:
        return False  # 'Kanadas 125 der 308 Sitze'
    before = toks[first - 1]
    if not (before.is_alpha and before.text[:1].isupper()) or before.lower_ in lex.time_units:
        return False
    if before.lower_ in lex.qualifiers or before.lower_ in lex.fillers:
        return False  # 'Etwa 140.', 'Knapp 800' opening a sentence
    from newsledger.extractors.entities import is_known_common_noun

    counted = _counted_tokens(toks, match.last + 1, lex)
    if counted is not None and not _is_model_suffix(counted):
        return False  # 'Kanadas 125 Sitze'; 'das Nova 8 Pro' goes on naming the model
    return not is_known_common_noun(before.text)


def _is_model_suffix(counted: Sequence[Token]) -> bool:
    """'Pro', 'XL', 'Plus' after a model number: one short word no dictionary knows."""
    from newsledger.extractors.entities import is_known_common_noun

    word = counted[0].text
    return len(counted) == 1 and len(word) <= 5 and not is_known_common_noun(word)


def _is_article_before_unit(toks: Sequence[Token], match: _Match) -> bool:
    """'der Preis für eine Tonne CO2', 'zahlt man für einen Euro': an article before a unit
    after 'für' / 'pro' / 'je' is the unit's denominator, not a figure ('eine Sprengkraft von
    einem Kilogramm' and 'um ein Prozent' are figures)."""
    first = match.first
    return (match.word and match.low == match.high == 1 and match.unit is not None
            and match.unit not in _SHARE_UNITS and toks[first].lower_ in _ARTICLE_FORMS
            and first > 0 and toks[first - 1].lower_ in ("für", "pro", "je"))


_SHARE_UNITS = frozenset({"percent", "percentage_points", "points"})
_TALLY_WORDS = frozenset({"jeweils", "je", "insgesamt"})
_PARTITIVES = frozenset({"der", "von"})


def _is_sports_result(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> bool:
    """Goals, match days and places of one match are sports results, not claims (GUIDELINES):
    'die Führung auf sechs Tore', 'drei Spieltage vor dem Ende', a player's goals in one match
    ('mit jeweils fünf Toren bester Werfer'). Season and career totals are claims, as the
    real-news gold annotates them: table points ('zwei Punkte hinter den Schwaben'), a tally
    ('mit insgesamt 55 Toren Torschützenkönig', '19 Tore in 22 Spielen', 'in der Saison')."""
    before = match.first - 1
    while before > 0 and toks[before].lower_ in lex.fillers | _TALLY_WORDS:
        if toks[before].lower_ == "insgesamt":
            return False
        before -= 1
    if match.unit:  # 'aus 25 Metern', and table points: season totals are claims
        return False
    counted = _counted_tokens(toks, match.last + 1, lex)
    if not counted or counted[-1].lower_ not in lex.sports_results:
        return False
    if counted[-1].lower_ in _PLACES:  # 'zwei Plätze vor', not '800 Plätze' in a nursery
        after = counted[-1].i - toks[0].i + 1
        if after >= len(toks) or toks[after].lower_ not in _RANKING_WORDS:
            return False
    return not _speaks_of_a_season(toks)


_PLACES = frozenset({"plätze", "plätzen"})
_RANKING_WORDS = frozenset({"vor", "hinter", "zurück", "nach", "gutgemacht", "verbessert"})


def _speaks_of_a_season(toks: Sequence[Token]) -> bool:
    """The sentence sums up a season or several matches ('in der Saison', 'in 22 Spielen')."""
    for j, tok in enumerate(toks):
        word = tok.lower_
        if word.startswith("saison") or (
            word in ("spielen", "partien") and j > 0 and toks[j - 1].like_num
        ):
            return True
    return False


def _is_nth_time(toks: Sequence[Token], match: _Match) -> bool:
    """'zum 10.000 Mal' (the ordinal's period left out) counts an occasion, no multiple."""
    return match.unit == "times" and match.first > 0 and toks[match.first - 1].lower_ == "zum"


def _is_reading(toks: Sequence[Token], first: int) -> bool:
    """A number after a strength or magnitude is a measured reading (GUIDELINES: an
    earthquake's magnitude); alarm and warning levels ('Warnstufe 3') are labels."""
    return first > 0 and toks[first - 1].lower_.endswith(_READINGS)


_READINGS = ("stärke", "stärkestufe", "magnitude", "magnituden")


def _is_score_pair(toks: Sequence[Token], match: _Match) -> bool:
    """'Bayern 2 – Dortmund 1', 'Rangers 5 - Flyers 3': two bare numbers after two team
    names, joined by a dash, are the result of one match."""
    if match.unit or match.first != match.last or not toks[match.first].text.isdigit():
        return False
    return (_number_across_dash(toks, match.last + 1, 1)
            or _number_across_dash(toks, match.first - 1, -1))


_DASHES = frozenset({"-", "–", "—"})


def _number_across_dash(toks: Sequence[Token], j: int, step: int) -> bool:
    """From the token next to a number, walking by ``step`` (1: forward, -1: backward): a dash
    and one to three capitalised words in the order the direction meets them, then a bare
    number ('5 - Flyers 3' forward, 'Rangers 5 - 3' is no pair)."""
    j = _skip_spaces(toks, j, step)
    if step == 1:
        if not (j < len(toks) and toks[j].text in _DASHES):
            return False
        j = _skip_spaces(toks, j + 1, step)
    names = 0
    while 0 <= j < len(toks) and toks[j].is_alpha and toks[j].text[:1].isupper() and names < 3:
        j, names = j + step, names + 1
    j = _skip_spaces(toks, j, step)
    if step == -1:
        if not (names and j >= 0 and toks[j].text in _DASHES):
            return False
        j = _skip_spaces(toks, j - 1, step)
    return bool(names) and 0 <= j < len(toks) and toks[j].text.isdigit()


def _skip_spaces(toks: Sequence[Token], j: int, step: int) -> int:
    while 0 <= j < len(toks) and toks[j].is_space:
        j += step
    return j


def _is_figure_of_speech(toks: Sequence[Token], match: _Match) -> bool:
    """'um 180 Grad' (a turn), 'zu 100 Prozent' (entirely): GUIDELINES "not claims"."""
    if match.first < 1 or match.low != match.high:
        return False
    before = toks[match.first - 1].lower_
    return (before, match.low, match.unit) in _SPEECH_FIGURES


_SPEECH_FIGURES = frozenset({("um", 180.0, "degrees"), ("zu", 100.0, "percent")})


def _is_subject(toks: Sequence[Token], match: _Match) -> bool:
    """'Zwei seien schon weitergezogen.', 'Drei starben.': a numeral opening the sentence,
    followed by its verb, counts the people or things the text spoke of."""
    first = match.first
    while first > 0 and toks[first - 1].is_punct:  # an opening quote
        first -= 1
    after = match.last + 1
    return (first == 0 and after < len(toks) and toks[after].is_lower
            and toks[after].is_alpha)


def _is_target(toks: Sequence[Token], match: _Match) -> bool:
    """'Die Zahl der Toten ist auf drei gestiegen.': the value a change reaches."""
    after = match.last + 1
    return (match.first > 0 and toks[match.first - 1].lower_ == "auf" and after < len(toks)
            and (toks[after].is_punct or toks[after].lower_.startswith(_CHANGE_STEMS)))


_CHANGE_STEMS = ("gestiegen", "gesunken", "gefallen", "erhöht", "gesenkt", "angestiegen",
                 "geklettert", "gewachsen", "zurückgegangen", "geschrumpft", "reduziert")


def _follows_copula(toks: Sequence[Token], first: int) -> bool:
    """'Heute sind es drei.', 'waren es nur noch zwei': the number is the predicate."""
    j = first - 1
    while j > 0 and toks[j].lower_ in _COPULA_FILLERS:
        j -= 1
    pair = (toks[j - 1].lower_, toks[j].lower_) if j >= 1 else ("", "")
    return (pair[1] == "es" and pair[0] in _COPULAS) or (pair[0] == "es" and pair[1] in _COPULAS)


_COPULAS = frozenset({"sind", "waren", "seien", "wären", "ist", "war", "sei", "wäre", "werden", "würden"})
_COPULA_FILLERS = frozenset({"nur", "noch", "gerade", "bereits", "schon", "mehr", "inzwischen"})


def _is_rank(toks: Sequence[Token], match: _Match) -> bool:
    """'die ersten drei Opfer', 'die drei ersten': a place in an order, not a count ('die
    letzten sieben Spiele' and 'die vier besten Teams' do count, as the real-news gold reads
    them)."""
    before = toks[match.first - 1].lower_ if match.first > 0 else ""
    after = toks[match.last + 1].lower_ if match.last + 1 < len(toks) else ""
    return before in _RANK_WORDS or after in _RANK_WORDS


_RANK_WORDS = frozenset({"ersten"})


def _is_elliptic(toks: Sequence[Token], j: int) -> bool:
    """'drei Soldaten getötet, zwei weitere verletzt', 'zwei getötet und drei verletzt',
    'mindestens fünfzig schwer verletzt', 'von zwölf auf 20 Mitglieder', 'zwei der drei
    Manager', 'fünf pro 1.000', 'vier davon schwer': the counted noun is left out."""
    if j < len(toks) and toks[j].lower_ in _MANNER_ADVERBS:
        j += 1
    if j >= len(toks):
        return False
    word = toks[j].lower_
    k = j + 1
    while k < len(toks) - 1 and toks[k].lower_ in _COPULA_FILLERS | {"bisher", "bislang"}:
        k += 1  # 'elf statt bisher 13 Sitze'
    if word in _BEFORE_SECOND_NUMBER and k < len(toks) and _is_number_word(toks[k]):
        return True  # 'von zwölf auf 20 Mitglieder', 'vier der 18 Bezirke', 'elf statt 13 Sitze'
    if word == "davon":
        return True  # 'drei davon schwer
    return word in _ELLIPTIC_WORDS or (toks[j].is_lower and _is_casualty_participle(word))


def _is_number_word(tok: Token) -> bool:
    return tok.text[:1].isdigit() or word_value(tok.text) is not None


_BEFORE_SECOND_NUMBER = frozenset({"auf", "von", "der", "statt", "anstatt", "pro"})
_ELLIPTIC_WORDS = frozenset({"weitere", "weiterer", "weiteren", "andere", "anderen"})
_MANNER_ADVERBS = frozenset({"schwer", "leicht", "lebensgefährlich", "tödlich"})


@lru_cache(maxsize=4096)
def _is_casualty_participle(word: str) -> bool:
    """An outcome word of the ``casualty_words`` lexicon ('verletzt', 'getötet', 'starben')."""
    return any(
        word.startswith(p[:-1]) if p.endswith("*") else word == p
        for p in _casualty_patterns()
    )


@lru_cache(maxsize=1)
def _casualty_patterns() -> tuple[str, ...]:
    return tuple(
        p.strip()
        for line in entries("casualty_words")
        for p in line.partition("=")[2].split("|")
        if p.strip()
    )


_ARTICLE_FORMS = {"ein", "eine", "einen", "einem", "einer", "eines", "eins"}


def _is_glued_to_code(toks: Sequence[Token], first: int) -> bool:
    """'2024-11', '12/2024': a number glued by '-' or '/' to digits before it is part of a code."""
    if first < 2:
        return False
    joint, before = toks[first - 1], toks[first - 2]
    return (
        joint.text in ("-", "/", "–")
        and not before.whitespace_
        and not joint.whitespace_
        and before.text[-1:].isdigit()
    )


def _opens_code(toks: Sequence[Token], match: _Match) -> bool:
    """'Anleihe 6/2015', 'FEC 3/4': a bare number glued to '/' and digits is an issue or a code."""
    j = match.last
    return (j + 2 < len(toks) and match.first == j and not toks[j].whitespace_
            and toks[j + 1].text == "/" and not toks[j + 1].whitespace_
            and toks[j + 2].text[:1].isdigit())


def _is_sentence_end(toks: Sequence[Token], i: int) -> bool:
    return all(t.is_punct for t in toks[i + 1 :])


def _closes_sentence(toks: Sequence[Token], i: int) -> bool:
    """'… auf bis zu 500.' — a number with its period that ends a sentence: the last word,
    or where the sentence splitter kept going: before a line break, or before a number
    ('… waren es 300. 12 Menschen starben'; a three-digit or separated number, so that the
    day of '3. 4. 2024' stays a date)."""
    if _is_sentence_end(toks, i):
        return True
    following = toks[i + 1]
    if following.is_space:
        return True
    number = toks[i].text[:-1]
    long_number = len(number) >= 3 or "." in number or "," in number
    return long_number and following.text[:1].isdigit()


def _followed_by_time_unit(toks: Sequence[Token], last: int, lex: _Lexicons) -> bool:
    """'zwei Wochen', 'drei langen Jahren', '14 Uhr', '67 Jahre alt', 'von 62, 64 und 66 Jahren';
    not a rate or a point in time ('40.000 im Jahr 2004', '300 pro Tag')."""
    j, words = last + 1, 0
    while j < len(toks) and words < 2:
        tok = toks[j]
        if tok.lower_ in lex.time_units:
            return toks[j - 1].lower_ not in _RATE_WORDS  # '40.000 im Jahr', '300 pro Tag'
        if tok.text in (",", "und", "oder", "bis", "-", "–") or tok.text[:1].isdigit():
            j += 1  # a list of numbers sharing one time unit
            continue
        if not (tok.is_lower and tok.is_alpha):
            return False
        words += 1
        j += 1
    return False


_RATE_WORDS = frozenset({"im", "pro", "je", "am"})


def _is_label(toks: Sequence[Token], first: int, lex: _Lexicons) -> bool:
    """'Artikel 5', 'Platz 3', 'A 52', 'ICE 123', 'die Linien 410 und 412'."""
    if first == 0:
        return False
    before = toks[first - 1]
    if before.text in (",", "und", "oder") and first >= 3 and toks[first - 2].text.isdigit():
        return _is_label(toks, first - 2, lex)  # the next item of a list of labels
    if before.is_upper and before.is_alpha and len(before.text) <= 4:
        # 'A 52' always; 'ATR 72' unless the number counts a noun ('die USA 3.000 Soldaten');
        # a decimal is no model number ('die FDP 4,2 und die Linke 3,1 Prozent')
        if not toks[first].text.isdigit():
            return False
        return len(before.text) <= 2 or _counted_tokens(toks, first + 1, lex) is None
    word = before.lower_
    if matches_stem(word, lex.labels):
        return True
    # compounds and inflected forms: 'Landesstraße', 'Tabellenplatz', 'Modells'
    long_labels = _long_entries(lex.labels)
    return before.text[:1].isupper() and (
        word.endswith(long_labels) or word.startswith(long_labels)
    )


@lru_cache(maxsize=16)
def _long_entries(entries: frozenset[str]) -> tuple[str, ...]:
    return tuple(e for e in entries if len(e) >= 5)


def _is_age(toks: Sequence[Token], first: int, lex: _Lexicons) -> bool:
    """'im Alter von 67'; 'Peter Müller (46)'; 'Brandstetter, 58, sagt': a whole number in
    brackets or between commas right after a name ('(24,6)' after '21,1 Prozent' is last
    time's share, 'Iran (27)' a count in a country)."""
    if first < 2:
        return False
    if toks[first - 1].lower_ == "von" and toks[first - 2].lower_ == "alter":
        return True
    if not toks[first].text.isdigit() or int(toks[first].text) > 120 or first + 1 >= len(toks):
        return False
    opener, name, closer = toks[first - 1].text, toks[first - 2], toks[first + 1].text
    if (opener, closer) not in (("(", ")"), (",", ",")) or not name.is_alpha:
        return False
    return (name.text[:1].isupper() and name.text not in lex.units
            and not _is_place_name(name))


def _is_place_name(tok: Token) -> bool:
    """'Brandenburg (97)', 'Iran (27)': a number in brackets after a country or region counts
    something there, it is no age."""
    from newsledger.extractors.entities import territories

    word = tok.text.split("-")[0]
    if tok.i > 0 and tok.doc[tok.i - 1].text in entries("first_names"):
        return False  # 'Nina Hagen (56)': a person named like a town
    return word in territories() or word in entries("place_names")


def _is_year(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> bool:
    """A bare four-digit number 1000–2100 is a year unless a qualifier stands before it or it
    counts a following noun ('war 1516 König geworden' is a year, '1523 Delikte' a count); from
    1900 on only round hundreds may count a noun ('2000 Menschen'), since 'für 2025 Ausgaben' is
    far more often a year than a count."""
    number = match.exact_number
    text = toks[match.first].text.rstrip(".")
    if (
        number is None
        or not (1000 <= number <= 2100)
        or not text.isdigit()
        or match.qualifier != "exact"
    ):
        return False
    nxt = toks[match.last + 1] if match.last + 1 < len(toks) else None
    counts_noun = (
        nxt is not None and nxt.text[:1].isupper() and nxt.lower_ not in lex.time_units
    )
    if number < 1800 and counts_noun:
        return False  # 'von 1500 Soldaten': a count even after a year preposition
    if match.first > 0 and toks[match.first - 1].lower_ in lex.year_context:
        return True
    if (number >= 1900 and number % 100 and not counts_noun
            and match.first > 0 and toks[match.first - 1].lower_ in ("als", "wie")):
        return True  # 'neun Prozent mehr als 2021': a comparison with a year
    if _has_qualifier(toks, match.first, lex):
        return False
    if number >= 1900 and number % 100:
        return True
    return not counts_noun


def _has_qualifier(toks: Sequence[Token], first: int, lex: _Lexicons) -> bool:
    return _qualifier_before(toks, first, lex)[0] != "exact"


# --------------------------------------------------------------------------- qualifiers


def _qualifier_before(
    toks: Sequence[Token], first: int, lex: _Lexicons
) -> tuple[str, int]:
    """(qualifier, index of its first token) from the words before token ``first``."""
    j = first - 1
    while j >= 0 and toks[j].lower_ in lex.fillers:
        j -= 1
    for size in (3, 2, 1):
        start = j - size + 1
        if start < 0:
            continue
        phrase = " ".join(t.lower_ for t in toks[start : j + 1])
        qualifier = lex.qualifiers.get(phrase)
        if qualifier and not _is_governed_preposition(toks, start, lex):
            return qualifier, start
    return "exact", first


def _is_governed_preposition(toks: Sequence[Token], start: int, lex: _Lexicons) -> bool:
    """'Erkenntnisse über 3.000', 'Umfrage unter 1.000': the preposition belongs to a noun/verb."""
    if toks[start].lower_ not in ("über", "unter"):
        return False
    j = start - 1
    while j >= 0 and toks[j].lower_ in lex.fillers:
        j -= 1
    if j < 0:
        return False
    return matches_stem(toks[j].lower_, lex.governors)


def _comparison_verb(toks: Sequence[Token], first: int, lex: _Lexicons) -> str | None:
    """'Die Zahl der Toten übersteigt 3000' → more_than (verb earlier in the same clause)."""
    return _comparison_in(toks, range(first - 1, max(-1, first - 16), -1), lex)


def _comparison_in(toks: Sequence[Token], indices: range, lex: _Lexicons) -> str | None:
    """The qualifier of the first comparison verb at ``indices``, up to the clause's end."""
    for j in indices:
        if toks[j].is_punct:
            return None
        qualifier = _comparison_of(toks[j].lower_, lex)
        if qualifier:
            return qualifier
    return None


def _bound_after(toks: Sequence[Token], last: int) -> str | None:
    """'zwölf Euro und mehr' → at_least, '50 oder weniger' → up_to (GUIDELINES)."""
    if last + 2 >= len(toks) or toks[last + 1].lower_ not in ("und", "oder"):
        return None
    return _BOUNDS_AFTER.get(toks[last + 2].lower_)


_BOUNDS_AFTER = {"mehr": "at_least", "darüber": "at_least", "weniger": "up_to", "darunter": "up_to"}


def _threshold_verb(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> str | None:
    """'hat die Marke von 72 Dollar unterschritten' → less_than: a threshold noun before the
    number and a comparison verb after it, in the same clause."""
    first = match.first
    if first < 2 or toks[first - 1].lower_ != "von" or not toks[first - 2].lower_.endswith(
        _THRESHOLD_NOUNS
    ):
        return None
    return _comparison_in(toks, range(match.last + 1, min(len(toks), match.last + 12)), lex)


_THRESHOLD_NOUNS = ("marke", "grenze", "schwelle")


def _comparison_of(word: str, lex: _Lexicons) -> str | None:
    for stem, qualifier in lex.comparison_verbs.items():
        if word == stem or (stem.endswith("*") and word.startswith(stem[:-1])):
            return qualifier
    return None


def _is_per_unit(toks: Sequence[Token], first: int, lex: _Lexicons) -> bool:
    return any(toks[j].lower_ in lex.per_unit for j in range(max(0, first - 3), first))


# --------------------------------------------------------------------------- output


def _figure(toks: Sequence[Token], match: _Match, lex: _Lexicons) -> Figure:
    qualifier, start_index = match.qualifier, match.first
    if qualifier == "exact":
        qualifier, start_index = _qualifier_before(toks, match.first, lex)
        if (
            toks[start_index].lower_ == "unter"
            and not match.unit
            and _counted_tokens(toks, match.last + 1, lex)
        ):
            qualifier, start_index = (
                "exact",
                match.first,
            )  # 'unter sechs Geschwistern' = among
        if qualifier == "exact":
            qualifier = (_comparison_verb(toks, match.first, lex)
                         or _threshold_verb(toks, match, lex)
                         or _bound_after(toks, match.last) or "exact")
    counted_span = _counted_tokens(toks, match.last + 1, lex)
    counted = " ".join(t.text for t in counted_span) if counted_span else None
    unit = match.unit or (_people_unit(counted_span, lex) if counted_span else None)
    doc = toks[0].doc
    last = toks[match.last]
    start, end = toks[start_index].idx, last.idx + len(last.text)
    if last.text[:1].isdigit() and last.text.endswith("."):
        end -= 1  # '3000.' closing the sentence
    low, high = match.low, match.high
    if (
        start_index > 0
        and toks[start_index - 1].lower_ == "minus"
        and not (start_index > 1 and toks[start_index - 2].text in ("/", "plus"))
    ):  # 'plus/minus 13,5 Meter' is a margin, not a negative figure
        low, high = -high, -low  # 'minus 25 Grad'
    value = Value(low=low, high=high, qualifier=qualifier, unit=unit)  # type: ignore[arg-type]
    per_unit = _is_per_unit(toks, start_index, lex)
    return Figure(
        start=start,
        end=end,
        text=text_of(doc)[start:end],
        value=value,
        counted=counted,
        per_unit=per_unit,
    )


def _is_inflected(word: str) -> bool:
    """An adjective, determiner or pronoun inside a counted phrase ('drei langen', 'seiner'):
    an inflected ending, not a preposition or adverb ('als', 'im', 'über', 'wieder')."""
    return word in _PHRASE_ADVERBS or (
        word.endswith(_INFLECTED_ENDINGS) and word not in _UNINFLECTED
    )


_INFLECTED_ENDINGS = ("e", "en", "er", "es", "em")
_UNINFLECTED = frozenset(
    {"oder", "aber", "über", "unter", "hinter", "wieder", "immer", "weiter", "später",
     "daher", "seither", "neben", "gegen", "wegen", "oben", "unten", "eben", "ohne", "heute",
     "gerne", "seitdem", "trotzdem", "zudem", "außerdem", "indem", "des"}
)
# adverbs and prepositions inside a counted phrase ('drei sehr junge', 'vier in Betrieb
# befindliche', '30 davon waren Kinder')
_PHRASE_ADVERBS = frozenset({"sehr", "schwer", "leicht", "im", "in", "davon"})


_COUNTED_SKIP = {"von", "der", "die", "den", "des", "dem"}


def _counted_tokens(
    toks: Sequence[Token], j: int, lex: _Lexicons
) -> Sequence[Token] | None:
    """The counted noun phrase after a number: up to two inflected lower-case words
    (adjectives, 'seiner', 'dieser', 'weitere') and a capitalised noun."""
    if lex.english:
        return _counted_tokens_en(toks, j, lex)
    start = j
    if j < len(toks) and toks[j].lower_ == "von":
        j += 1
    for _ in range(3):
        if j >= len(toks):
            return None
        tok = toks[j]
        if (
            tok.text[:1].isupper()
            and tok.is_alpha
            or (tok.text[:1].isupper() and "-" in tok.text)
        ):
            if tok.lower_ in lex.time_units:
                return None
            return (
                toks[start : j + 1]
                if toks[start].lower_ not in _COUNTED_SKIP
                else toks[start + 1 : j + 1]
            )
        if not (tok.is_lower and tok.is_alpha and _is_inflected(tok.lower_)):
            return None
        j += 1
    return None


def _counted_tokens_en(
    toks: Sequence[Token], j: int, lex: _Lexicons
) -> Sequence[Token] | None:
    """English: up to three words after the number ('North Korean troops', 'soldiers'),
    ending before a function word or punctuation; the last one is the head."""
    if j < len(toks) and toks[j].lower_ == "of":
        j += 1
    end = j
    while end < len(toks) and end - j < 3 and toks[end].is_alpha:
        word = toks[end].lower_
        if word in _ENGLISH_FUNCTION_WORDS or (end > j and word.endswith("ed")):
            break  # 'refugees crossed': a verb after the noun ends the phrase
        end += 1
        if word.endswith("s") or _counts_people(word, lex.people):
            break  # a plural noun or a people noun heads the phrase: 'workers went'
    return toks[j:end] if end > j else None


_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "from",
        "by",
        "for",
        "with",
        "and",
        "or",
        "but",
        "had",
        "have",
        "has",
        "were",
        "was",
        "are",
        "is",
        "be",
        "been",
        "would",
        "will",
        "could",
        "should",
        "may",
        "might",
        "that",
        "which",
        "who",
        "in",
        "total",
        "more",
        "than",
    ]
)


def _people_unit(counted: Sequence[Token], lex: _Lexicons) -> str | None:
    head = counted[-1].lower_
    if _counts_people(head, lex.people) or _is_demonym(head):
        return "people"
    return None


_DEMONYM_ENDINGS = ("erinnen", "erin", "ern", "er")


@lru_cache(maxsize=20000)
def _is_demonym(head: str) -> bool:
    """'Nordkoreaner', 'Ukrainerinnen', 'Amerikanern': a country name with an -er ending."""
    from newsledger.extractors.entities import territories  # babel's German country names

    ending = next((e for e in _DEMONYM_ENDINGS if head.endswith(e)), None)
    if ending is None or len(head) < 6:
        return False
    stem = head[: -len(ending)]
    names = _territory_names(territories())
    return any(
        candidate in names for candidate in (stem, stem.removesuffix("n"), stem + "e")
    )


@lru_cache(maxsize=4)
def _territory_names(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n.lower() for n in names)


@lru_cache(maxsize=20000)
def _counts_people_cached(head: str, people: frozenset[str]) -> bool:
    for entry in people:
        stem = entry.rstrip("*")
        pos = head.rfind(stem)
        if pos < 0:
            continue
        rest = len(head) - pos - len(stem)
        if rest == 0 or (entry.endswith("*") and rest <= 3):
            return True
    return False


def _counts_people(head: str, people: frozenset[str]) -> bool:
    return _counts_people_cached(head, people)
