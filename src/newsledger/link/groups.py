"""Figure groups: claims about the same quantity within a story.

A claim's group key is read from its figure's neighbourhood (the clause around each
evidence mention, cut at the neighbouring figures) and from ``counted``:

* **what** is counted: the head noun after the figure ("10.000 nordkoreanische Soldaten"
  -> Soldaten), through the synonym classes of ``counted_classes.txt`` (Soldaten = Mann
  = Truppen); a figure used as a pronoun ("Hunderte wurden getötet") takes the nearest
  people noun before it;
* **outcome** for casualties (``casualty_words.txt``): killed, wounded, or lost (killed
  or wounded);
* **where**: a place after in/im/nach/an/bei ("in der Region Kursk", "nach Russland"), or
  a place named by a noun (``place_nouns.txt``: "an der Front", "im Kampfgebiet", "an
  Kämpfen"); a casualty toll keeps only a local place (a village: one incident), not a
  country, region or the front (the war's running count);
* **side**: whose people (``sides.txt``), named with them ("nordkoreanische Soldaten",
  "Nordkoreaner", "Soldaten aus Nordkorea") or by a possessive at the figure
  (``possessives.txt``: "Russland habe 50.000 eigene Soldaten", "unsere Soldaten": the
  speaker's). A claim never joins a group whose claims name another side;
* **kind**: ``forecast`` (certainty ``expected``; a plan word by the figure,
  ``forecast_words.txt``; or a deadline "bis Dezember" by the figure when ``refers_to`` is
  later than ``when``), ``per_unit`` ("jeweils 6.000 Mann"), else ``stock``; and the
  value's unit. Nouns that count nothing ("von 8.000 die Rede", ``uncounted_nouns.txt``)
  leave the class open. A figure written as a share ("ein Drittel", "jeder fünfte", "62
  Prozent der Befragten") counts Prozent whatever its unit and counted phrase say.

A claim that leaves the place open joins a group of the same story, what and kind: the
one that holds the same value (the figure reported without its place), else the largest.
A claim whose counted thing is unknown ("bezifferte die Zahl mit rund 10.000") joins the
group already holding the same figure, else the story's largest group of that kind (and
outcome) whose values are within a factor of ten. People first named by origin or
outcome ("200 Nordkoreaner in Kursk") and later by class ("Soldaten in Kursk") are one
group. A side enters a group key only where the key's group is another side's ("50.000
eigene Soldaten" of Russia beside "nordkoreanische Soldaten" with no place). Group keys
are indexed across story merges: after two stories merge, new claims join the existing
group of their key (where both stories had one, the kept story's; the two are not
merged, since claims already handed out carry their ids).
:class:`GroupIndex` adds claims one at a time; :func:`group_claims` is the batch form.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from statistics import median

from newsledger.lexicons import entries
from newsledger.model import Article, Claim, Evidence, Group, Story

_NUMBER = re.compile(
    r"\d[\d.,']*\d|\d|\b(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"zwanzig|dreißig|hundert|tausend|dutzende|hunderte|tausende|zehntausende|millionen)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[;:„“”\"»«()–]|,\s|\s-\s")
_TOKEN = re.compile(r"[\wäöüÄÖÜß%€$-]+")
_PLACE_PREPOSITIONS = frozenset({"in", "im", "nach", "an", "am", "bei", "vor"})
_ARTICLE_WORDS = frozenset({"der", "die", "das", "dem", "den", "des", "einer", "einem", "eines"})
_PREPOSITIONS = frozenset({
    "von", "vom", "aus", "nach", "in", "im", "an", "am", "auf", "bei", "mit", "für", "über",
    "unter", "gegen", "bis", "zur", "zum", "seit", "vor", "durch", "je", "pro",
    "by", "to", "of", "at", "on", "from", "with",  # English articles name the same figures
})
# After the figure only these make a per-unit figure ("50 Euro pro Kopf"): "jeweils" after
# a figure belongs to the next one ("zwei Brigaden mit jeweils 6.000 Mann").
_PER_AFTER = frozenset({"pro", "je"})
# How far (words) a per-unit word may stand from the figure: "jeweils 6.000", "6.000 pro Kopf".
PER_UNIT_REACH = 3
# A claim without a counted thing joins a group whose median value is within this factor.
VALUE_FACTOR = 10.0
# A claim that names nothing joins a group holding its very figure only from this size on:
# small figures (2, 3, 12) recur by chance; 2.000 or 10.000 twice in a story are one figure.
SAME_VALUE_MIN = 100
# Classes of shares ("62 Prozent der Befragten halten die Miete für zu hoch"): what a share
# measures is the rest of its clause, so the clause's nouns join the group key.
SHARE_CLASSES = frozenset({"Prozent"})
SHARE_UNITS = frozenset({"percent", "percentage_points"})
# Units that say no more than the counted noun does (a count of people): grouped as no unit.
_OPEN_UNITS = frozenset({"people", "percent"})
_SHARE_GENERIC = frozenset({"befragte", "befragten", "prozent", "prozentpunkte", "anteil"})
OUTCOME_LABELS = {
    "getötet": "getötete",
    "verwundet": "verwundete",
    "verloren": "getötete oder verwundete",
    "festgenommen": "festgenommene",
}


@dataclass(frozen=True, slots=True)
class Features:
    """What a claim counts, where, and how (the group key's parts)."""

    what: str | None  # counted class label ('Soldaten') or None when unknown
    outcome: str | None  # 'getötet', 'verwundet', 'verloren'
    where: str | None
    kind: str  # 'stock', 'forecast', 'per_unit'
    unit: str | None
    adjective: str | None = None  # 'nordkoreanische' (for the label only)
    topic: tuple[str, ...] | None = None  # for shares: the nouns of what is measured
    noun: str | None = None  # the head as written when it names no class ('Verwundeten')
    side: str | None = None  # whose people: 'Russland' for '50.000 eigene Soldaten' of Russia


def claim_features(claim: Claim, article: Article | None = None) -> Features:
    """The group-key features of ``claim`` (``article`` locates figures in sentences)."""
    contexts = [_context(e, article) for e in claim.evidence]
    what, adjective, noun = _what(claim.counted, contexts)
    side = _claim_side(claim, article, contexts, adjective, noun)
    if claim.value.unit in SHARE_UNITS or _written_as_share(claim, article, contexts):
        what, noun = "Prozent", None
    outcomes = {o for left, right in contexts for o in _outcomes(left, right)}
    outcomes |= _outcome_words_in(claim.counted or "")
    return Features(
        what=what,
        outcome=_combine_outcomes(outcomes),
        where=_claim_place(contexts, casualty=bool(outcomes)),
        kind=_kind(claim, contexts),
        unit=None if claim.value.unit in _OPEN_UNITS else claim.value.unit,
        adjective=adjective or (side and _side_adjectives().get(side)),
        topic=_share_topic(claim, article) if what in SHARE_CLASSES else None,
        noun=None if what else noun,
        side=side,
    )


# ---------------------------------------------------------------------------------------
# Contexts: the clause around a figure, cut at neighbouring figures


def _context(evidence: Evidence, article: Article | None, *, at_numbers: bool = True,
             clauses: bool = True) -> tuple[str, str]:
    """(left, right) text of the figure's clause in its sentence, cut at clause breaks
    (``clauses``) and (``at_numbers``) at the neighbouring figures."""
    sentence = evidence.sentence or ""
    start = _figure_offset(evidence, article)
    if start is None:
        return sentence, ""
    end = start + max(1, evidence.end - evidence.start)
    breaks = ((_CLAUSE_BREAK,) if clauses else ()) + ((_NUMBER,) if at_numbers else ())
    return _cut_left(sentence[:start], breaks), _cut_right(sentence[end:], breaks)


def _figure_offset(evidence: Evidence, article: Article | None) -> int | None:
    if evidence.sentence_start is not None:
        offset = evidence.start - evidence.sentence_start
        if 0 <= offset <= len(evidence.sentence):
            return offset
    if article is not None:
        figure = article.text[evidence.start : evidence.end]
        found = evidence.sentence.find(figure) if figure else -1
        return found if found >= 0 else None
    return None


def _cut_left(left: str, breaks) -> str:
    cut = 0
    for pattern in breaks:
        for match in pattern.finditer(left):
            cut = max(cut, match.end())
    return left[cut:]


def _cut_right(right: str, breaks) -> str:
    cut = len(right)
    for pattern in breaks:
        match = pattern.search(right)
        if match:
            cut = min(cut, match.start())
    return right[:cut]


# ---------------------------------------------------------------------------------------
# What is counted


def _what(counted: str | None, contexts: list[tuple[str, str]]
          ) -> tuple[str | None, str | None, str | None]:
    """(class, adjective, head as written) of what the figure counts: a head of a known
    class first (from ``counted``, then after the figure), else any head found."""
    heads = []
    if counted:
        heads.append(_head_of_phrase(counted))
    heads.extend(_head_after(right) for _, right in contexts)
    heads = [(h, a) for h, a in heads if h and h.lower() not in entries("uncounted_nouns")]
    for head, adjective in heads:
        if counted_class(head) != head:
            return (*_classify(head, adjective), head)
    for head, adjective in heads:
        return (*_classify(head, adjective), head)
    for left, _ in contexts:
        head, adjective = _people_noun_before(left)
        if head:
            return counted_class(head), adjective, head
    return None, None, None


def _classify(head: str, adjective: str | None) -> tuple[str | None, str | None]:
    """(class, adjective) of a head noun. A demonym ('Nordkoreaner') or an outcome noun
    ('Tote', 'Verwundete') leaves the class open: the claim joins its story's group of
    that people ('2.000 Nordkoreaner' among 'nordkoreanische Soldaten')."""
    demonym = _demonym_adjective(head) or _side_demonym(head)
    if demonym:
        return None, demonym
    if _outcome_words_in(head) and counted_class(head) == head:
        return None, adjective
    return counted_class(head), adjective


def _demonym_adjective(noun: str) -> str | None:
    """'Nordkoreaner' -> 'nordkoreanische' when 'Nordkorea' is a known place."""
    places = _place_names()
    for ending in ("nern", "ner", "ern", "er"):
        stem = noun[: -len(ending)] if noun.endswith(ending) else ""
        if stem and (stem in places or stem + "a" in places):
            return (noun[:-2] if noun.endswith("ner") else noun[: -len(ending)]).lower() + "ische"
    return None


def _side_demonym(noun: str) -> str | None:
    """'Ukrainer', 'Russen' -> their side's adjective (``sides.txt``); not a country's name."""
    side = _side_of(noun)
    if side and noun not in _place_names() and noun[:1].isupper():
        return _side_adjectives().get(side)
    return None


def _share_topic(claim: Claim, article: Article | None) -> tuple[str, ...] | None:
    """Content nouns of a share's clause: ('miete',) for '62 Prozent der Befragten halten
    ihre Miete für zu hoch' (after the figure; before it when nothing follows); None when
    the clause names none."""
    clauses = [_context(e, article, at_numbers=False) for e in claim.evidence]
    # 'Jeder fünfte Befragte gab an, mit der Miete in Rückstand zu sein': what the share
    # measures may follow the clause of the figure.
    clauses += [_context(e, article, at_numbers=False, clauses=False) for e in claim.evidence]
    for side in (1, 0):
        for clause in clauses:
            nouns = {t.lower() for t in _TOKEN.findall(clause[side]) if t[:1].isupper()}
            nouns = {n for n in nouns - _SHARE_GENERIC - entries("story_stopwords")
                     if counted_class(n) not in SHARE_CLASSES}
            if nouns:
                return tuple(sorted(nouns))
    return None


def _head_of_phrase(phrase: str) -> tuple[str | None, str | None]:
    """Head noun of a counted phrase, skipping prepositional phrases ('von Nordkorea nach
    Russland entsandte Soldaten' -> Soldaten)."""
    in_pp = False
    adjective = None
    for token in _TOKEN.findall(phrase):
        lower = token.lower()
        if lower in _PREPOSITIONS:
            in_pp = True
        elif token[:1].isupper() or token[:1] in "%€$":
            if not in_pp:
                return token, adjective
        elif lower not in _ARTICLE_WORDS:
            in_pp = False
            adjective = _nationality(lower) or adjective
    return None, None


def _head_after(right: str) -> tuple[str | None, str | None]:
    """First noun after the figure, over adjectives: '10.000 nordkoreanische Soldaten'.
    A known counted noun a few words on wins over capitalised words before it (English
    'North Korean troops')."""
    tokens = _TOKEN.findall(right)[:4]
    for i, token in enumerate(tokens):
        if token.lower() in _PREPOSITIONS or token.lower() in _ARTICLE_WORDS:
            break
        if counted_class(token) != token:
            return token, next((a for t in tokens[:i] if (a := _nationality(t.lower()))), None)
    adjective = None
    for token in tokens:
        if token[:1].isupper() or token[:1] in "%€$":
            return token, adjective
        lower = token.lower()
        if lower in _PREPOSITIONS or lower in _ARTICLE_WORDS:
            return None, None
        adjective = _nationality(lower) or adjective
    return None, None


def _people_noun_before(left: str) -> tuple[str | None, str | None]:
    tokens = _TOKEN.findall(left)
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i][:1].isupper() and _is_counted_noun(tokens[i]):
            before = tokens[i - 1].lower() if i else ""
            return tokens[i], _nationality(before)
    return None, None


def _nationality(word: str) -> str | None:
    """'nordkoreanischen' -> 'nordkoreanische' (the label's adjective)."""
    match = re.fullmatch(r"([a-zäöüß-]+isch)(e|en|er|es|em)?", word)
    return match.group(1) + "e" if match else None


@lru_cache(maxsize=1)
def _classes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    out = []
    for line in entries("counted_classes"):
        label, _, patterns = line.partition("=")
        out.append((label.strip(), tuple(p.strip() for p in patterns.split("|") if p.strip())))
    return tuple(out)


def _is_counted_noun(noun: str) -> bool:
    """A noun that names counted things: in a counted class or in ``people_nouns``."""
    return counted_class(noun) != noun or _matches(noun.lower(), entries("people_nouns"))


def _matches(word: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        if pattern.endswith("*") and word.startswith(pattern[:-1]) or word == pattern:
            return True
    return False


@lru_cache(maxsize=4096)  # heads recur: the same few nouns in every story
def counted_class(noun: str) -> str:
    """The class label of a counted noun: 'Truppen' -> 'Soldaten'; unknown nouns: themselves."""
    lower = noun.lower()
    for label, patterns in _classes():
        if _matches(lower, patterns) or _compound_matches(lower, patterns):
            return label
    return noun


def _compound_matches(word: str, patterns: Iterable[str]) -> bool:
    """'Militäreinheiten' ends in 'einheit*', 'US-Soldaten' in 'soldat*' (stems of 5+)."""
    for pattern in patterns:
        stem = pattern[:-1]
        if not pattern.endswith("*") or len(stem) < 5:
            continue
        position = word.rfind(stem)
        if position > 0 and len(word) - position - len(stem) <= 3:
            return True
    return False


def _written_as_share(claim: Claim, article: Article | None,
                      contexts: list[tuple[str, str]]) -> bool:
    """A figure whose own words make it a share, whatever its unit says: 'ein Drittel',
    'jeder fünfte', '62 Prozent der Befragten' (what follows says whose share)."""
    written = {(_figure_text(e, article) or "").lower() for e in claim.evidence}
    if any(w.split()[-1] in _fraction_words() for w in written if w.split()):
        return True
    return any(counted_class(first) in SHARE_CLASSES
               for _, right in contexts for first in _TOKEN.findall(right)[:1])


@lru_cache(maxsize=1)
def _fraction_words() -> frozenset[str]:
    """'drittel', 'hälfte' and the ordinals of 'jeder fünfte' (the figures' own lexicons)."""
    lines = entries("fractions") | entries("fraction_ordinals")
    return frozenset(line.partition("=")[0].strip() for line in lines)


def _figure_text(evidence: Evidence, article: Article | None) -> str | None:
    start = _figure_offset(evidence, article)
    if start is None:
        return None
    return evidence.sentence[start : start + max(1, evidence.end - evidence.start)]


# ---------------------------------------------------------------------------------------
# Whose people: the side


@lru_cache(maxsize=1)
def _sides() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(country, word patterns) of ``sides.txt`` (the label adjective left out)."""
    out = []
    for line in entries("sides"):
        country, _, words = line.partition("=")
        patterns = [w.strip() for w in words.split("|") if w.strip()]
        out.append((country.strip(), tuple(patterns[1:])))
    return tuple(out)


@lru_cache(maxsize=1)
def _side_adjectives() -> dict[str, str]:
    """Country -> the adjective labels use ('Russland' -> 'russische')."""
    out = {}
    for line in entries("sides"):
        country, _, words = line.partition("=")
        out[country.strip()] = words.split("|")[0].strip()
    return out


@lru_cache(maxsize=1)
def _possessives() -> dict[str, str]:
    """Possessive word -> whose people it names: 'owner' (the subject) or 'speaker'."""
    out = {}
    for line in entries("possessives"):
        kind, _, words = line.partition("=")
        out.update((w.strip(), kind.strip()) for w in words.split("|") if w.strip())
    return out


@lru_cache(maxsize=4096)
def _side_of(words: str | None) -> str | None:
    """The country ``words`` (one word, or two: 'North Korean') name, if any."""
    if not words or len(words) <= 3 and not words.isupper():  # 'US', not English 'us'
        return None
    lower = words.lower()
    return next((country for country, patterns in _sides() if _matches(lower, patterns)), None)


def _sides_in(tokens: Sequence[str]) -> list[str]:
    """The countries named in ``tokens``, in order."""
    out, i = [], 0
    while i < len(tokens):
        pair = _side_of(f"{tokens[i]} {tokens[i + 1]}") if i + 1 < len(tokens) else None
        side = pair or _side_of(tokens[i])
        if side:
            out.append(side)
        i += 2 if pair else 1
    return out


def _claim_side(claim: Claim, article: Article | None, contexts: list[tuple[str, str]],
                adjective: str | None, head: str | None) -> str | None:
    """Whose people the figure counts, where the text says: by the counted phrase
    ('nordkoreanische Soldaten', 'Nordkoreaner', 'US-Soldaten', 'North Korean troops',
    'Soldaten aus Nordkorea') or by a possessive at the figure ('50.000 eigene Soldaten',
    '10.000 ihrer Soldaten', 'unsere Soldaten'): then the owner's (:func:`_owner_side`)."""
    named = _side_of(adjective) or _side_of(head) or _compound_side(head)
    for _, right in contexts:
        named = named or next(iter(_sides_in(_before_head(right, head))), None)
        named = named or _origin_side(right, head)
    if named:
        return named
    for evidence, (left, right) in zip(claim.evidence, contexts):
        owner = _possessive_kind(left, right, head)
        if owner:
            wide_left, _ = _context(evidence, article, at_numbers=False, clauses=False)
            return _owner_side(owner, wide_left, claim)
    return None


def _before_head(right: str, head: str | None) -> list[str]:
    """The words between the figure and its head noun ('eigene' in '50.000 eigene Soldaten')."""
    tokens = _TOKEN.findall(right)[:4]
    return tokens[: tokens.index(head)] if head in tokens else []


def _compound_side(head: str | None) -> str | None:
    """'US-Soldaten', 'Russland-Truppen': a country before the hyphen of a compound."""
    if head and "-" in head.strip("-"):
        return _side_of(head.split("-")[0])
    return None


def _origin_side(right: str, head: str | None) -> str | None:
    """'11.000 Soldaten aus Nordkorea': the country after 'aus' right after the head."""
    tokens = _TOKEN.findall(right)[:6]
    if head not in tokens:
        return None
    after = tokens[tokens.index(head) + 1 :]
    if after and after[0].lower() in ("aus", "from"):
        return next(iter(_sides_in(after[1:3])), None)
    return None


def _possessive_kind(left: str, right: str, head: str | None) -> str | None:
    """'owner' or 'speaker' for a possessive between the figure and its head ('50.000
    eigene Soldaten', '10.000 ihrer Soldaten') or just before the figure, over qualifier
    words ('seine rund 3.000 Soldaten'), else None. A possessive before a noun of its
    own ('ihre Angaben auf 3.000') belongs to that noun."""
    left_tokens = []
    for token in reversed(_TOKEN.findall(left)[-3:]):
        if token[:1].isupper():
            break
        left_tokens.append(token)
    kinds = _possessives()
    words = [t.lower() for t in [*_before_head(right, head), *left_tokens]]
    return next((kinds[w] for w in words if w in kinds), None)


def _owner_side(owner: str, left: str, claim: Claim) -> str | None:
    """The owner's country: the speaker's for 'speaker' (else none); for 'owner' the
    nearest country named before the figure that is not part of the speaker's name,
    else the speaker's."""
    who = claim.speaker
    speaker = " ".join(filter(None, (who.text, who.name))) if who else ""
    speaker_side = next(iter(_sides_in(_TOKEN.findall(speaker))), None)
    if owner == "speaker":
        return speaker_side
    speaker_words = {w.lower() for w in _TOKEN.findall(speaker)}
    tokens = [t for t in _TOKEN.findall(left) if t.lower() not in speaker_words]
    named = _sides_in(tokens)
    return named[-1] if named else speaker_side


# ---------------------------------------------------------------------------------------
# Outcome, place, kind


@lru_cache(maxsize=1)
def _outcome_words() -> dict[str, tuple[str, ...]]:
    out = {}
    for line in entries("casualty_words"):
        label, _, patterns = line.partition("=")
        out[label.strip()] = tuple(p.strip() for p in patterns.split("|") if p.strip())
    return out


def _outcomes(left: str, right: str) -> set[str]:
    """Outcome words after the figure ('3000 Mann verloren'; German puts the participle
    last), else before it ('die Zahl der Getöteten ... 3000')."""
    return _outcome_words_in(right) or _outcome_words_in(left)


def _outcome_words_in(text: str) -> set[str]:
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return {
        label
        for label, patterns in _outcome_words().items()
        if any(_matches(t, patterns) for t in tokens)
    }


def _combine_outcomes(outcomes: set[str]) -> str | None:
    if "verloren" in outcomes or {"getötet", "verwundet"} <= outcomes:
        return "verloren"
    return next(iter(outcomes), None)


def _claim_place(contexts: list[tuple[str, str]], *, casualty: bool) -> str | None:
    """The place of the figure. A casualty toll keeps only a local place (a village or
    town named after its type: 'bei Angriffen nahe dem Dorf Plechowo'): a war's toll named
    with a country or region ('in Russland', 'in Kursk') is one running count."""
    place = next((w for left, right in contexts if (w := _where(left, right))), None)
    if casualty and (place in _place_names().values() or place in _place_nouns().values()):
        return None
    return place


def _where(left: str, right: str) -> str | None:
    """The place nearest the figure: right side first, then left (nearest last)."""
    right_places = _places(right)
    if right_places:
        return right_places[0]
    left_places = _places(left)
    return left_places[-1] if left_places else None


@lru_cache(maxsize=1)
def _place_names() -> dict[str, str]:
    """Every spelling in ``places.txt`` -> the place's (first, German) name."""
    out = {}
    for line in entries("places"):
        name, _, others = line.partition("=")
        for spelling in [name, *others.split("|")]:
            if spelling.strip():
                out[spelling.strip()] = name.strip()
    return out


@lru_cache(maxsize=1)
def _place_nouns() -> dict[str, str]:
    """Pattern of ``place_nouns.txt`` -> its label ('kampfgebiet*' -> 'an der Front')."""
    out = {}
    for line in entries("place_nouns"):
        label, _, patterns = line.partition("=")
        out.update((p.strip(), label.strip()) for p in patterns.split("|") if p.strip())
    return out


@lru_cache(maxsize=4096)
def _place_noun(word: str) -> str | None:
    """'an der Front' for 'Front', 'Kampfgebiet', 'Kämpfen' (a place named by a noun)."""
    return next((label for pattern, label in _place_nouns().items()
                 if _matches(word.lower(), (pattern,))), None)


def _places(text: str) -> list[str]:
    tokens = _TOKEN.findall(text)
    places = _place_names()
    types = entries("place_types")
    out = []
    for i, token in enumerate(tokens):
        if token.lower() not in _PLACE_PREPOSITIONS:
            continue
        place = _place_after(tokens[i + 1 : i + 6], places, types)
        if place:
            out.append(place)
    return out


def _place_after(tokens: list[str], places, types) -> str | None:
    after_type = False
    for token in tokens:
        lower = token.lower()
        if token in places:
            return places[token]
        if token[:1].isupper() and not after_type and (noun := _place_noun(token)):
            return noun
        if lower in types:  # 'in der Nähe des Dorfes Plechowo': types may follow types
            after_type = True
        elif after_type and token[:1].isupper():
            return token
        elif token[:1].isupper() or lower in _PREPOSITIONS:
            return None
    return None


_DEADLINE = re.compile(r"\b(?:bis|by)\s+(?!zu\b|auf\b|to\b|up\b)(?:zum\s+|the\s+)?(\w+)",
                       re.IGNORECASE)


def _forecast_words(left: str, right: str, *, deadline: bool) -> bool:
    """A plan word (``forecast_words.txt``) by the figure, or (``deadline``) 'bis'/'by'
    before a time word ('bis Jahresende', 'by December', 'bis 2030')."""
    # A plan word before the figure in its clause, or just after it ('10,000 expected');
    # further on it belongs to what follows ('3,000 had been deployed and predicted ...').
    words = [t.lower() for t in _TOKEN.findall(left) + _TOKEN.findall(right)[:PER_UNIT_REACH]]
    if any(_matches(w, entries("forecast_words")) for w in words):
        return True
    return deadline and any(_is_time_word(m.group(1))
                            for m in _DEADLINE.finditer(f"{left} {right}"))


def _is_time_word(word: str) -> bool:
    lower = word.lower()
    return lower.isdigit() and len(lower) == 4 or _matches(lower, entries("deadline_words"))


def _kind(claim: Claim, contexts: list[tuple[str, str]]) -> str:
    """forecast, per_unit or stock. A later ``refers_to`` makes a forecast only when a plan
    word or a deadline ('bis Dezember', 'by December') stands by this figure, with no other
    figure in between: in '3,000 troops had been deployed and ... 10,000 by December' the
    deadline is the second figure's. A figure without a ``when`` is placed by its words."""
    # Later, or a period still running on the claim's day ('bis Jahresende' -> 2024).
    later = bool(claim.refers_to and claim.when and (
        claim.refers_to[:10] > claim.when[:10] or claim.when.startswith(claim.refers_to)))
    if claim.certainty == "expected" or any(
        _forecast_words(left, right, deadline=later) for left, right in contexts
    ):
        return "forecast"
    before = entries("per_unit_words")
    for left, right in contexts:
        near_left = _TOKEN.findall(left)[-PER_UNIT_REACH:]
        near_right = _TOKEN.findall(right)[:PER_UNIT_REACH]
        if any(t.lower() in before for t in near_left) or any(
            t.lower() in _PER_AFTER for t in near_right
        ):
            return "per_unit"
    return "stock"


# ---------------------------------------------------------------------------------------
# Grouping


@dataclass
class _GroupState:
    group: Group
    features: Features
    values: list[float] = field(default_factory=list)
    adjectives: Counter[str] = field(default_factory=Counter)
    classes: Counter[str] = field(default_factory=Counter)  # counted classes of its claims
    sides: Counter[str] = field(default_factory=Counter)  # whose people its claims count

    @property
    def side(self) -> str | None:
        """The side most of its claims name (None while none names one)."""
        return self.sides.most_common(1)[0][0] if self.sides else None


# What a story's part of the index holds (GroupIndex.parts).
PART_KEYS = ("families", "groups", "by_value", "by_key")


class GroupIndex:
    """Incremental figure groups: :meth:`add` places one claim of a known story."""

    def __init__(self) -> None:
        self.groups: dict[str, _GroupState] = {}
        self.by_family: dict[tuple, list[str]] = defaultdict(list)  # (story, what, ...) -> ids
        self.families_of_story: dict[str, list[tuple]] = defaultdict(list)
        self.by_value: dict[tuple, str] = {}  # (story, what, kind, low, high, qualifier) -> id
        self.by_key: dict[tuple, str] = {}  # full group key -> id (survives story merges)
        self.assigned: dict[tuple, str] = {}

    def add(self, claim: Claim, story: str, article: Article | None = None,
            features: Features | None = None) -> str:
        """Group id of ``claim`` in ``story`` (creating the group when new)."""
        features = features or claim_features(claim, article)
        group_id = self._place(story, features, claim)
        state = self.groups[group_id]
        state.values.append(claim.value.low)
        if features.adjective:
            state.adjectives[features.adjective] += 1
        if features.what:
            state.classes[features.what] += 1
        if features.side:
            state.sides[features.side] += 1
        value_key = (story, features.what, features.kind, *_value_key(claim))
        self.by_value.setdefault(value_key, group_id)
        self.assigned[claim.key] = group_id
        return group_id

    def group_list(self) -> list[Group]:
        return [self._labelled(state) for state in self.groups.values()]

    def parts(self, stories: Collection[str]) -> dict[str, dict]:
        """The part of the index that belongs to each of ``stories`` (its groups,
        families and value and key entries: everything is keyed by story), as plain
        values for the store; :meth:`adopt` takes one back. One pass over the index."""
        wanted = set(stories)
        out = {story: {key: {} for key in PART_KEYS} for story in wanted}
        for story in wanted:
            for family in self.families_of_story.get(story, ()):
                ids = self.by_family[family]
                out[story]["families"][family] = list(ids)
                out[story]["groups"].update((g, self.groups[g]) for g in ids)
        for name in ("by_value", "by_key"):
            for key, group_id in getattr(self, name).items():
                if key[0] in wanted:
                    out[key[0]][name][key] = group_id
        return out

    def adopt(self, story: str, part: dict) -> None:
        """Take back the part of a story that :meth:`parts` gave (read from the store)."""
        self.families_of_story[story] = list(part["families"])
        self.by_family.update((family, list(ids)) for family, ids in part["families"].items())
        self.groups.update(part["groups"])
        self.by_value.update(part["by_value"])
        self.by_key.update(part["by_key"])

    def move_story(self, old: str, new: str) -> None:
        """Re-home the groups of story ``old`` after it merged into ``new`` (ids kept)."""
        for family in self.families_of_story.pop(old, []):
            moved = (new, *family[1:])
            if moved not in self.by_family:
                self.families_of_story[new].append(moved)
            self.by_family[moved].extend(self.by_family.pop(family))
        for state in self.groups.values():
            if state.group.story == old:
                state.group = replace(state.group, story=new)
        for key in [k for k in self.by_value if k[0] == old]:
            self.by_value.setdefault((new, *key[1:]), self.by_value.pop(key))
        # Where both stories had a group with one key, the kept story's group takes new claims.
        for key in [k for k in self.by_key if k[0] == old]:
            self.by_key.setdefault((new, *key[1:]), self.by_key.pop(key))

    def _place(self, story: str, f: Features, claim: Claim) -> str:
        if f.what is None:
            joined = (self._same_value(story, f, claim) or self._same_place(story, f)
                      or self._compatible(story, f, claim.value.low))
            if joined:
                return joined
        elif f.where is None or (f.what in SHARE_CLASSES and f.topic is None):
            joined = self._open_join(story, f, claim)
            if joined:
                return joined
        if f.what is not None and _key(story, f) not in self.by_key:
            adopted = self._open_what_group(story, f)
            if adopted:
                self.by_key[_key(story, f)] = adopted
                self.by_family[_family(story, f)].append(adopted)
                if _family(story, f) not in self.families_of_story[story]:
                    self.families_of_story[story].append(_family(story, f))
                return adopted
        return self._ensure(story, f)

    def _same_value(self, story: str, f: Features, claim: Claim) -> str | None:
        """For a claim that does not say what it counts: the group already holding the same
        figure, of the same kind and outcome (the figure repeated without its noun)."""
        if claim.value.low < SAME_VALUE_MIN:
            return None
        for family in self.families_of_story.get(story, ()):
            if family[2] != f.kind or family[3] != f.outcome or family[4] != f.unit:
                continue
            group_id = self.by_value.get((story, family[1], f.kind, *_value_key(claim)))
            if group_id and _agrees(self.groups[group_id], f):
                return group_id
        return None

    def _same_place(self, story: str, f: Features) -> str | None:
        """For a claim that names its place but not its class ('mehrere hundert Nordkoreaner
        in Kursk'): the largest group of the story counting a class at that place, of the
        same kind, outcome, unit and side, whatever its values (a count that grew)."""
        if f.where is None:
            return None
        candidates = [
            g for family in self.families_of_story.get(story, ())
            if family[1] is not None and family[2:] == (f.kind, f.outcome, f.unit)
            for g in self.by_family[family]
            if self.groups[g].features.where == f.where and _agrees(self.groups[g], f)
        ]
        return max(candidates, key=lambda g: len(self.groups[g].values), default=None)

    def _open_what_group(self, story: str, f: Features) -> str | None:
        """A group of claims that named no class ('200 Nordkoreaner in Kursk', '100 Tote')
        with the same place, outcome, kind and unit: the same people, now named."""
        family = (story, None, f.kind, f.outcome, f.unit)
        return next((g for g in self.by_family.get(family, ())
                     if self.groups[g].features.where == f.where
                     and self.groups[g].features.topic == f.topic
                     and _same_side(self.groups[g], f)), None)

    def _open_join(self, story: str, f: Features, claim: Claim) -> str | None:
        """A group for a claim that leaves place (or a share's topic) open: the one holding
        the same value, else the family's largest that agrees on what is given."""
        same_value = self.by_value.get((story, f.what, f.kind, *_value_key(claim)))
        if same_value and self.groups[same_value].features.outcome == f.outcome \
                and _same_side(self.groups[same_value], f):
            return same_value
        family = [
            g for g in self.by_family.get(_family(story, f), [])
            if _agrees(self.groups[g], f)
            # a toll without a place is the running count, not one incident's
            and not (f.outcome and self.groups[g].features.where)
        ]
        return max(family, key=lambda g: len(self.groups[g].values), default=None)

    def _compatible(self, story: str, f: Features, value: float) -> str | None:
        candidates = [
            gid for family in self.families_of_story.get(story, ())
            if family[2] == f.kind and family[4] == f.unit and family[3] == f.outcome
            and (family[1] is not None or f.outcome is not None)
            for gid in self.by_family[family]
            if _within_factor(median(self.groups[gid].values), value)
            and _agrees(self.groups[gid], f)
        ]
        return max(candidates, key=lambda g: len(self.groups[g].values), default=None)

    def _ensure(self, story: str, f: Features) -> str:
        key = _key(story, f)
        if key in self.by_key and not _same_side(self.groups[self.by_key[key]], f):
            key += (("side", f.side),)  # '50.000 eigene Soldaten' beside another side's
        if key in self.by_key:
            return self.by_key[key]
        group_id = "group-" + hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:10]
        self.by_key[key] = group_id
        if group_id not in self.groups:
            group = Group(id=group_id, story=story, label="", kind=_group_kind(f.kind))
            self.groups[group_id] = _GroupState(group=group, features=f)
            family = _family(story, f)
            if family not in self.by_family:
                self.families_of_story[story].append(family)
            self.by_family[family].append(group_id)
        return group_id

    def _labelled(self, state: _GroupState) -> Group:
        adjective = state.adjectives.most_common(1)[0][0] if state.adjectives else None
        features = state.features
        if features.what is None and state.classes:  # named later: '200 Nordkoreaner' + 'Soldaten'
            features = replace(features, what=state.classes.most_common(1)[0][0], noun=None)
        label = group_label(features, adjective)
        return Group(id=state.group.id, story=state.group.story, label=label,
                     kind=state.group.kind)


def _agrees(state: _GroupState, claim: Features) -> bool:
    """The claim's given place, topic and side match the group's."""
    group = state.features
    return (claim.where is None or claim.where == group.where) and (
        claim.topic is None or claim.topic == group.topic) and _same_side(state, claim)


def _same_side(state: _GroupState, claim: Features) -> bool:
    """No side named on either, or the same: the people of one country are not another's."""
    return claim.side is None or state.side is None or claim.side == state.side


def _key(story: str, f: Features) -> tuple:
    return (*_family(story, f), f.where) + ((f.topic,) if f.topic else ())


def _family(story: str, f: Features) -> tuple:
    return (story, f.what, f.kind, f.outcome, f.unit)


def _value_key(claim: Claim) -> tuple:
    return (claim.value.low, claim.value.high, claim.value.qualifier)


def _within_factor(a: float, b: float) -> bool:
    if a <= 0 or b <= 0:
        return a == b
    return max(a, b) / min(a, b) <= VALUE_FACTOR


def _group_kind(kind: str) -> str:
    return kind if kind in ("stock", "forecast", "per_unit") else "other"


def group_label(f: Features, adjective: str | None = None) -> str:
    """A readable German label: 'getötete nordkoreanische Soldaten in Kursk'."""
    words = []
    if f.outcome and not (f.noun and _outcome_words_in(f.noun)):
        words.append(OUTCOME_LABELS.get(f.outcome, f.outcome))
    if adjective and not (f.noun and f.noun.lower().startswith(adjective[:-6])):
        words.append(adjective)  # not 'nordkoreanische Nordkoreaner'
    words.append(f.what or f.noun or "Zahl")
    if f.topic:
        words.append(f"({', '.join(f.topic)})")
    if f.where:  # a place noun's label brings its preposition: 'an der Front'
        words.append(f.where if f.where[:1].islower() else f"in {f.where}")
    label = " ".join(words)
    if f.kind == "forecast":
        label += " (Prognose)"
    elif f.kind == "per_unit":
        label += " (je Einheit)"
    if f.unit and f.unit not in ("people",) and f.unit.lower() not in label.lower():
        label += f" [{f.unit}]"
    return label


def group_claims(
    claims: Sequence[Claim],
    stories: Sequence[Story],
    *,
    articles: Mapping[str, Article] | None = None,
) -> tuple[list[Group], dict[tuple, str]]:
    """Batch form: the groups of ``claims`` and ``Claim.key -> group id``.

    Claims of articles in no story are grouped in a story of their own article. Claims
    that name their place and thing go first, so open ones join the groups they belong to.
    """
    groups, grouped = assign_groups(claims, stories, articles=articles)
    return groups, {claim.key: claim.group for claim in grouped}


def assign_groups(
    claims: Sequence[Claim],
    stories: Sequence[Story],
    *,
    articles: Mapping[str, Article] | None = None,
) -> tuple[list[Group], list[Claim]]:
    """Like :func:`group_claims`, but returns the claims (input order) with ``group`` set.

    Prefer this where two claims may share a ``Claim.key`` (one speaker giving the same
    figure for two things: "zwei Einheiten", "zwei Brigaden").
    """
    story_of = {a: s.id for s in stories for a in s.articles}
    articles = articles or {}
    featured = [(i, c, claim_features(c, articles.get(c.article))) for i, c in enumerate(claims)]
    featured.sort(key=lambda icf: (icf[2].what is None, icf[2].where is None))
    index = GroupIndex()
    group_of: dict[int, str] = {}
    for i, claim, features in featured:
        story = story_of.get(claim.article, claim.article)
        group_of[i] = index.add(claim, story, features=features)
    grouped = [replace(c, group=group_of[i]) for i, c in enumerate(claims)]
    return index.group_list(), grouped
