"""Rule families of the temporal tagger: regexes that find candidate expressions.

Each rule yields :class:`Candidate` records (span + what was recognised); the resolver
(``resolve.py``) turns them into TIMEX3 values against the anchor date. Span conventions
follow KRAUTS: prepositions ("am", "im", "seit", "vor") are left out, a determiner or
modifier before a relative expression ("den vergangenen Tagen", "dem 20. April") is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from newsledger.extractors.times.lexicon import TimeLexicon
from newsledger.extractors.times.numbers import NUMBER, NUMBER_WORD, VAGUE, number_value


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    kind: str
    rule: str
    data: dict = field(default_factory=dict)
    priority: int = 0


B = r"(?<![\w])"  # word start (a hyphen counts as a boundary: "Goldenen-Sonntag-Feier")
E = r"(?![\w])"  # word end
DET = r"(?:(?:der|die|das|den|dem|des|diese[mnrs]?|jene[mnrs]?)\s+)"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
UNIT_PATTERNS = {
    "S": r"Sekunden?",
    "MIN": r"Minuten?",
    "H": r"Stunden?",
    "D": r"(?:Arbeits|Werk|Kalender)(?:tage[ns]?|tag)|Tage[ns]?|Tag",
    "NI": r"Nächte[n]?",
    "WE": r"Wochenenden?",
    "W": r"Wochen?",
    "M": r"Monate[ns]?|Monat",
    "DE": r"Jahrzehnte[ns]?|Jahrzehnt",
    "CE": r"Jahrhunderte[ns]?|Jahrhundert",
    "Y": r"Jahre[ns]?|Jahr",
}
UNIT = "(?:" + "|".join(f"(?P<u_{k}>{v})" for k, v in UNIT_PATTERNS.items()) + ")"
UNIT_PLURAL = r"(?P<unit>Sekunden|Minuten|Stunden|Tagen?|Wochen|Monaten?|Jahren?|Jahrzehnten?)"
# Capitalised too: "Letzte Woche wurden …" opens a sentence.
FORWARD = r"(?:[Kk]ommende[nmrs]?|[Nn]ächste[nmrs]?|[Ff]olgende[nmrs]?|[Bb]evorstehende[nmrs]?)"
BACKWARD = r"(?:[Vv]ergangene[nmrs]?|[Ll]etzte[nmrs]?|[Vv]orige[nmrs]?|[Zz]urückliegende[nmrs]?|[Aa]bgelaufene[nmrs]?)"
CURRENT = r"(?:[Dd]iese[nmrs]?|[Ll]aufende[nmrs]?|[Hh]eurige[nmrs]?|[Aa]ktuelle[nmrs]?|[Gg]leiche[nmrs]?|[Ss]elbe[nmrs]?)"
PART_SUFFIX = r"(?P<part>morgen|vormittag|mittag|nachmittag|abend|nacht)"
MONTH_CUES = {
    "im", "in", "ab", "seit", "bis", "vom", "zum", "von", "anfang", "mitte", "ende", "beginn",
    "monat", "den", "dem", "des", "diesen", "diesem", "dieses", "kommenden", "nächsten",
    "vergangenen", "letzten", "vorigen", "heurigen", "laufenden", "frühen", "späten", "zwischen",
    "während", "noch", "erst", "schon", "bereits", "spätestens", "frühestens", "gegen", "für",
    "per", "nach", "vor", "über", "one", "since", "until", "by", "of",
}
UNIT_SUFFIXES = re.compile(
    r"\s*(?:%|€|\$|Prozent|Euro|Dollar|Franken|Pfund|Mark\b|DM\b|D-Mark|Schilling|Lire|Meter|Kilo|km|m\b|kg|Mio|Millionen|"
    r"Milliarden|Stück|Punkte|Tonnen|Liter)"
)
COUNT_CUES = {"rund", "etwa", "über", "knapp", "mehr", "fast", "zu", "insgesamt", "ca.", "circa",
              "nur", "gut", "weitere", "weiteren", "exakt", "genau", "alle", "die", "der", "den",
              "mit", "auf", "nr.", "nummer", "zirka", "etwas"}
STRONG_YEAR_CUES = {"im", "jahr", "jahre", "jahres", "seit", "bis", "ab", "von", "anfang", "mitte", "ende",
                    "jahrgang", "frühjahr", "sommer", "herbst", "winter", "frühling", "in", "vor",
                    "nach", "zwischen", "um", "saison", "spielzeit", "bereits", "schon", "erst",
                    "noch", "since", "jänner", "januar", "februar", "märz", "april", "mai",
                    "juni", "juli", "august", "september", "oktober", "november", "dezember",
                    "feber", "jahrgangs", "jahreswechsel", "gesamtjahr", "geschäftsjahr", "wm",
                    "em", "olympia", "ostern", "weihnachten", "für", "zum"}


@dataclass(frozen=True, slots=True)
class Patterns:
    explicit_date: re.Pattern
    numeric_date: re.Pattern
    month: re.Pattern
    weekday: re.Pattern
    weekday_adverb: re.Pattern
    holiday: re.Pattern
    season: re.Pattern
    day_part: re.Pattern
    reference: re.Pattern
    set_each: re.Pattern


@lru_cache(maxsize=8)
def patterns(lex: TimeLexicon) -> Patterns:
    months = lex.alternation(lex.months)
    all_months = lex.alternation({**lex.months, **lex.month_abbreviations})
    weekdays = lex.alternation(lex.weekdays)
    day = r"(?:0?[1-9]|[12][0-9]|3[01])\."
    day_sep = r"(?:\s*(?:,|/|-|–|und|bis|oder|sowie|u\.)\s*(?:und\s+|bis\s+|am\s+|zum\s+)?)"
    return Patterns(
        explicit_date=re.compile(
            rf"{B}(?:(?P<weekday>{weekdays}),?\s+(?:(?:den|dem)\s+)?)?"
            rf"(?P<days>(?:{day}{day_sep})*{day})\s*(?P<month>{all_months})(?![\w])"
            rf"(?:\s+(?P<year>{YEAR}|'\d\d)(?!\d)|\s+(?P<yrel>diese[ns]|des|vergangenen|letzten|vorigen|"
            r"kommenden|nächsten)\s+Jahres)?"
        ),
        numeric_date=re.compile(
            rf"{B}(?:(?P<weekday>{weekdays}),?\s+(?:(?:den|dem)\s+)?)?"
            r"(?<![\d.])(?P<day>0?[1-9]|[12][0-9]|3[01])\.(?P<month>0?[1-9]|1[0-2])\."
            r"(?P<year>(?:19|20)?\d\d)?(?![\d,])(?!\.\d)"
        ),
        month=re.compile(
            rf"{B}(?:(?P<mod>Anfang|Mitte|Ende|Beginn|Start|Early|Mid|Late)\s+)?(?P<month>{months}){E}"
            rf"(?:\s*(?:(?P<year>{YEAR})(?!\d|[.,]\d)|(?:des\s+)?(?P<rel>{CURRENT}|{BACKWARD}|{FORWARD}|des)\s+"
            r"(?:Jahres|Jahrs)|(?P<prev>des\s+Vorjahres|vorigen\s+Jahres)))?"
        ),
        weekday=re.compile(
            rf"{B}(?:(?P<mod>{BACKWARD}|{FORWARD}|diese[nmrs]?|jede[nmrs]?|heutige[nmrs]?|gestrige[nmrs]?|"
            r"morgige[nmrs]?)\s+)?"
            rf"(?P<weekday>{weekdays}){PART_SUFFIX}?{E}"
            # the old spelling ('Dienstag abend', before 1996) too
            r"(?:\s+(?P<part2>früh|Früh|(?i:vormittag|mittag|nachmittag|abend|nacht)|Morgen|"
            r"morgen(?=\s+[a-zäöü]|\s*[.,;!?]))(?![\w-]))?"
            r"(?:\s+(?P<week>(?:der\s+)?(?:vergangene[nr]|letzte[nr]|vorige[nr]|diese[nr]|kommende[nr]|nächste[nr]|"
            r"laufende[nr]))\s+Woche(?![\w-]))?"  # 'am Donnerstag vergangener Woche', 'Mittwoch dieser Woche'
        ),
        weekday_adverb=re.compile(
            rf"{B}(?P<weekday>(?i:{weekdays}))(?P<part>(?i:vormittag|nachmittag|abend|morgen)?)s{E}"
        ),
        holiday=re.compile(rf"{B}(?P<name>{lex.alternation(lex.holidays)}){E}(?:\s+(?P<year>{YEAR}))?"),
        season=re.compile(
            rf"{B}(?:(?P<mod>Anfang|Mitte|Ende|Beginn)\s+(?:(?:des|dieses)\s+)?)?"
            rf"(?:(?P<det>{DET})?(?:(?P<rel>{CURRENT}|{BACKWARD}|{FORWARD})\s+)?"
            r"(?:(?:strengen|heißen|milden|kalten|warmen|langen|nassen|trockenen|ganzen)\s+)?)?"
            rf"(?P<season>{lex.alternation(lex.seasons)})(?![\w-])"
            rf"(?:\s+(?P<year>{YEAR})(?:/\d\d)?(?!\d|[.,]\d)|\s+(?P<yrel>dieses|des|nächsten|kommenden|"
            r"vergangenen|letzten|vorigen)\s+Jahres)?"
        ),
        day_part=re.compile(
            rf"{B}(?:(?P<rel>heute|Heute|gestern|Gestern|vorgestern|Vorgestern|morgen|Morgen|übermorgen|"
            rf"Übermorgen)\s+(?P<part>früh|Früh|{lex.alternation(lex.day_parts)}|morgen|vormittag|mittag|nachmittag|"
            r"abend|nacht)|"  # 'heute morgen', 'gestern abend': the old spelling
            rf"(?P<prep>am|Am|in\s+der|In\s+der|des|gegen|Gegen)\s+(?P<adj>(?:frühen|späten|selben|"
            rf"gleichen|folgenden|nächsten)\s+)?(?P<part_only>{lex.alternation(lex.day_parts)})){E}"
        ),
        set_each=re.compile(
            rf"{B}(?:[Jj]ede[nmrs]?|[Aa]lle)\s+(?:(?P<ord>zweiten|dritten|vierten|ersten|letzten)\s+)?"
            rf"(?:(?P<num>{NUMBER})\s+)?(?:(?P<weekday>{weekdays}){PART_SUFFIX}?|(?P<unit>Tag|Tage|Woche|Wochen|"
            r"Monat|Monate|Jahr|Jahre|Stunde|Stunden|Minute|Minuten)|(?P<dpart>Morgen|Abend|Nacht|Nachmittag|"
            r"Vormittag))(?![\w])(?P<tail>\s+im\s+Monat)?"
        ),
        reference=re.compile(rf"{B}(?P<word>{lex.alternation(_with_capitals(lex.reference_words))}){E}"),
    )


def _with_capitals(words) -> set[str]:
    """Lower-case words also at the start of a sentence ('Derzeit', 'Jetzt')."""
    return set(words) | {w[0].upper() + w[1:] for w in words}


_DIGITS = tuple("0123456789")
_UNIT_STEMS = ("sekund", "minut", "stund", "tag", "woch", "monat", "jahr", "nächt")


@lru_cache(maxsize=8)
def _triggers(lex: TimeLexicon) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """For each rule family, substrings (lower case) without which it cannot match.

    Checking a few substrings is far cheaper than running the family's regexes, and
    most sentences contain no time expression at all.
    """
    def names(words):
        return tuple(sorted({w.lower().rstrip(".") for w in words}))

    return (
        ("explicit_date", _DIGITS), ("numeric_date", _DIGITS), ("year", _DIGITS),
        ("clock_time", ("uhr", "um ", "mitternacht")),
        ("month", names(lex.months) + names(lex.month_abbreviations)),
        ("weekday", names(lex.weekdays) + ("tag", "woch", "day")),
        ("holiday", names(lex.holidays)),
        ("season", names(lex.seasons)),
        ("day_part", names(lex.day_parts)),
        ("reference", names(lex.reference_words) + ("vergangenheit",)),
        ("time_point", ("zeitpunkt",)),
        ("relative_day", ("heut", "gest", "morg", "heuer", "tag")),
        ("relative_unit", ("woch", "monat", "jahr", "quartal", "halbjahr", "jährig")),
        ("decade", _DIGITS + ("zig",)),
        ("quarter", ("quartal", "trimester", "vierteljahr", "halbjahr", "hälfte")),
        ("duration", _UNIT_STEMS),
        ("vague_duration", _UNIT_STEMS + ("elang", "jährig", "langjähr", "mehrjähr", "vieljähr", "wöchig", "tägig",
                                          "monatig", "stündig")),
        ("set", ("lich", "jede", "alle ", "mal ", "pro ", "je ", "tags", "im monat", "im jahr", "am tag",
                 "in der woche")),
    )


@lru_cache(maxsize=8)
def _trigger_table(lex: TimeLexicon) -> tuple[tuple[str, frozenset[str]], ...]:
    """(substring, families it opens); digits are checked separately with one regex."""
    owners: dict[str, set[str]] = {}
    for family, needles in _triggers(lex):
        for needle in needles:
            if needle not in _DIGITS:
                owners.setdefault(needle, set()).add(family)
    # A needle containing a shorter one is redundant: the shorter one opens its families too
    # ('montag' -> 'tag'). Fewer needles, fewer substring scans per sentence.
    kept: dict[str, set[str]] = {}
    for needle in sorted(owners, key=len):
        inner = next((k for k in kept if k in needle), None)
        if inner is None:
            kept[needle] = set(owners[needle])
        else:
            kept[inner] |= owners[needle]
    return tuple((needle, frozenset(fams)) for needle, fams in kept.items())


_HAS_DIGIT = re.compile(r"\d")
_DIGIT_FAMILIES = ("explicit_date", "numeric_date", "year", "decade")


def find_candidates(text: str, lex: TimeLexicon) -> Iterator[Candidate]:
    pat = patterns(lex)
    families = {
        "explicit_date": lambda: _explicit_dates(text, pat, lex),
        "numeric_date": lambda: _numeric_dates(text, pat, lex),
        "month": lambda: _months(text, pat, lex),
        "weekday": lambda: _weekdays(text, pat, lex),
        "holiday": lambda: _holidays(text, pat, lex),
        "season": lambda: _seasons(text, pat, lex),
        "day_part": lambda: _day_parts(text, pat, lex),
        "reference": lambda: _references(text, pat, lex),
        "time_point": lambda: _time_points(text),
        "relative_day": lambda: _relative_days(text, lex),
        "relative_unit": lambda: _relative_units(text),
        "year": lambda: _years(text),
        "decade": lambda: _decades_centuries(text),
        "quarter": lambda: _quarters(text),
        "duration": lambda: _durations(text),
        "vague_duration": lambda: _vague_durations(text),
        "set": lambda: _sets(text, lex),
        "clock_time": lambda: _clock_times(text),
    }
    lower = text.lower()
    present: set[str] = set(_DIGIT_FAMILIES) if _HAS_DIGIT.search(text) else set()
    for needle, families_of_needle in _trigger_table(lex):
        if needle in lower:
            present |= families_of_needle
    for family, run in families.items():
        if family in present:
            yield from run()


# --- explicit calendar dates -------------------------------------------------------------------


def _explicit_dates(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'25. November 2024', 'Donnerstag, 18. Dezember', 'am 3., 4. und 7. Oktober'."""
    for m in pat.explicit_date.finditer(text):
        month = lex.months.get(m["month"]) or lex.month_abbreviations[m["month"]]
        year = _year_value(m["year"])
        days = list(re.finditer(r"\d{1,2}\.", m["days"]))
        base = m.start("days")
        multi = len(days) > 1
        for i, d in enumerate(days):
            last = i == len(days) - 1
            start = m.start() if (i == 0 and m["weekday"]) else base + d.start()  # 'Donnerstag, 18.'
            end = m.end() if last else base + d.end()
            yield Candidate(start, end, "date", "explicit_date", {
                "day": int(d.group()[:-1]), "month": month, "year": year, "multi": multi,
                "year_offset": _YEAR_OFFSETS.get(m["yrel"]) if m["yrel"] else None,
                "weekday": lex.weekdays[m["weekday"]] if m["weekday"] and i == 0 else None,
            }, priority=3)


# '5. Mai diesen Jahres', '3. März vergangenen Jahres' ('des Jahres': the year talked about)
_YEAR_OFFSETS = {"diesen": 0, "dieses": 0, "vergangenen": -1, "letzten": -1, "vorigen": -1, "kommenden": 1,
                 "nächsten": 1}


def _year_value(text: str | None) -> int | None:
    if not text:
        return None
    if text.startswith("'"):
        return 2000 + int(text[1:]) if int(text[1:]) < 50 else 1900 + int(text[1:])
    return int(text)


_AFTER_NAME = re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]+\s+$")


def _numeric_dates(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'25.11.2024', '25.11.24', '25.11.' (not versions or scores)."""
    for m in pat.numeric_date.finditer(text):
        year = m["year"]
        if not year and not m["weekday"] and _AFTER_NAME.search(text, max(0, m.start() - 30), m.start()) \
                and not _sentence_initial(text, m.start()):
            continue  # 'das Profil 1.1.': a version number after a noun, not a date
        if year and len(year) == 2:
            year = str(2000 + int(year) if int(year) < 50 else 1900 + int(year))
        yield Candidate(m.start(), m.end(), "date", "numeric_date", {
            "day": int(m["day"]), "month": int(m["month"]), "year": int(year) if year else None,
            "weekday": lex.weekdays[m["weekday"]] if m["weekday"] else None,
        }, priority=3)
    for m in re.finditer(r"(?<![\d.])((?:19|20)\d\d)-(0[1-9]|1[0-2])-([0-2]\d|3[01])(?![\d])", text):
        yield Candidate(m.start(), m.end(), "date", "iso_date", {
            "day": int(m[3]), "month": int(m[2]), "year": int(m[1]),
        }, priority=3)


# --- months, weekdays, holidays, seasons -----------------------------------------------------------


def _previous_words(text: str, pos: int, n: int = 2) -> list[str]:
    """The n words before ``pos`` (lower case, punctuation stripped), nearest last."""
    window = text[max(0, pos - 60):pos]
    words = re.findall(r"[\w.'-]+|[,;:()]", window)
    return [w.lower() for w in words[-n:]]


def _months(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'im Oktober', 'Mitte April 2015', 'August vorigen Jahres'; not 'Karl Mai'."""
    for m in pat.month.finditer(text):
        name = m["month"]
        anchored = m["mod"] or m["year"] or m["rel"] or m["prev"]
        if not anchored and not _month_cue(text, m.start(), lex):
            continue
        if not anchored and _looks_like_name(text, m, lex):
            continue
        year_offset = None
        if m["prev"] or (m["rel"] and re.match(BACKWARD, m["rel"])):
            year_offset = -1
        elif m["rel"] and re.match(FORWARD, m["rel"]):
            year_offset = 1
        elif m["rel"]:
            year_offset = 0 if m["rel"] != "des" else None
        yield Candidate(m.start(), m.end(), "month", "month", {
            "month": lex.months[name], "year": int(m["year"]) if m["year"] else None,
            "mod": (m["mod"] or "").lower(), "year_offset": year_offset,
            "same_year_ref": m["rel"] == "des",
        }, priority=2)


_WEAK_MONTH_CUES = {"von", "den", "dem", "des", "für", "nach", "vor", "über", "mit", "per", "gegen"}


def _looks_like_name(text: str, m: re.Match, lex: TimeLexicon) -> bool:
    """'von August Bebel', 'für Mai Thi': a weak cue and a capitalised word after it."""
    following = re.match(r"\s+([A-ZÄÖÜ][\w-]*)", text[m.end():m.end() + 30])
    if not following or following[1] in lex.months:
        return False
    previous = _previous_words(text, m.start(), 1)
    return bool(previous) and previous[-1] in _WEAK_MONTH_CUES


def _month_cue(text: str, start: int, lex: TimeLexicon) -> bool:
    words = _previous_words(text, start, 3)
    if not words:
        return False
    if words[-1] in MONTH_CUES:
        return True
    # 'im Juli und August': a month before a conjunction
    if words[-1] in {"und", "oder", "bis", "-", "–", "sowie", ","} and len(words) >= 2:
        return words[-2].capitalize() in lex.months or words[-2].rstrip(",") in {
            m.lower() for m in lex.months}
    return False


def _weekdays(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'am Montag', 'vergangenen Samstag', 'Dienstagabend', 'jeden Montag' (a set)."""
    for m in pat.weekday.finditer(text):
        if _NEWSPAPER.search(text, max(0, m.start() - 12), m.start()):
            continue  # 'Bild am Sonntag' is a newspaper
        mod = (m["mod"] or "").lower()
        part = _part_code(m["part"] or m["part2"], lex)
        weekday = lex.weekdays[m["weekday"]]
        if mod.startswith("jede"):
            continue  # sets are found by _sets
        direction = None
        if re.fullmatch(BACKWARD, mod):
            direction = "past"
        elif re.fullmatch(FORWARD, mod):
            direction = "future"
        elif mod.startswith(("diese", "heutig")):
            direction = "this"
        elif mod.startswith("gestrig"):
            direction = "past"
        elif mod.startswith("morgig"):
            direction = "future"
        appos = _APPOSITION.match(text, m.end())
        yield Candidate(m.start(), m.end(), "weekday", "weekday", {
            "weekday": weekday, "direction": direction, "part": part,
            "appos": _apposition_date(appos, lex), "week": _week_offset(m["week"]),
        }, priority=2)
    weekdays = lex.alternation(lex.weekdays)
    for m in re.finditer(rf"\b(?:Verlauf|Verlaufe|Laufe|Lauf|Ende|Beginn|Anfang)\s+"
                         rf"(?P<span>des\s+(?P<weekday>{weekdays})s){E}", text):  # 'im Verlauf des Montags'
        yield Candidate(m.start("span"), m.end(), "weekday", "weekday_genitive", {
            "weekday": lex.weekdays[m["weekday"]], "direction": None, "part": None, "appos": None, "week": None,
        }, priority=2)
    for m in pat.weekday_adverb.finditer(text):
        if m["weekday"][0].isupper() and not _sentence_initial(text, m.start()):
            continue  # 'des Sonntags' is a genitive, not 'sundays'
        weekday = lex.weekdays[m["weekday"].capitalize()]
        part = _part_code(m["part"], lex)
        value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        yield Candidate(m.start(), m.end(), "fixed", "weekday_set", {"value": value, "type": "SET"})


def _week_offset(word: str | None) -> int | None:
    """The week a weekday lies in, relative to publication: 'vergangener Woche' -1, 'dieser Woche' 0."""
    if not word:
        return None
    word = word.split()[-1]
    return -1 if re.fullmatch(BACKWARD, word) else 1 if re.fullmatch(FORWARD, word) else 0


_NEWSPAPER = re.compile(r"(?:Bild|BILD|Welt|WELT|Kurier|FAZ)\s+am\s+$")
# 'am Montagmorgen, dem 18. Juni': the date in apposition names the weekday's day.
_APPOSITION = re.compile(r",?\s+(?:den|dem)\s+(?P<day>0?[1-9]|[12][0-9]|3[01])\.\s*(?P<month>[A-ZÄÖÜ][a-zäöü]+|\d{1,2}\.)")


def _apposition_date(m: re.Match | None, lex: TimeLexicon) -> tuple[int, int] | None:
    """(day, month) of a date in apposition, None when there is none or the month is no month."""
    if m is None:
        return None
    name = m["month"]
    month = int(name[:-1]) if name.endswith(".") else lex.months.get(name)
    return (int(m["day"]), month) if month and 1 <= month <= 12 else None


def _part_code(part: str | None, lex: TimeLexicon) -> str | None:
    if not part:
        return None
    if part.lower() == "früh":
        return "MO"
    return lex.day_parts.get(part.capitalize())


def _sentence_initial(text: str, pos: int) -> bool:
    before = text[max(0, pos - 4):pos].rstrip(' „"“»(')
    return not before or before[-1] in ".!?:\n"


def _holidays(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    for m in pat.holiday.finditer(text):
        name = re.sub(r"\s+", " ", m["name"])
        yield Candidate(m.start(), m.end(), "holiday", "holiday", {
            "rule": lex.holidays[name], "year": int(m["year"]) if m["year"] else None,
        }, priority=2)


def _seasons(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'im Herbst', 'Frühjahr 2015', 'diesem strengen Winter', 'der Sommermonate'."""
    for m in pat.season.finditer(text):
        has_context = m["mod"] or m["det"] or m["rel"] or m["year"] or m["yrel"]
        if not has_context and _previous_words(text, m.start(), 1) not in (
                ["im"], ["in"], ["ab"], ["seit"], ["bis"], ["vom"], ["zum"], ["über"], ["den"]):
            continue
        if m["det"] and not (m["rel"] or m["year"]) and m["det"].strip().lower() in {"die", "das"}:
            continue  # 'die Sommer' / 'das Frühjahr' alone are generic
        rel = (m["rel"] or "").lower()
        if not rel and m["det"] and m["det"].lower().startswith("dies"):
            rel = "diese"
        offset = -1 if re.fullmatch(BACKWARD, rel) else 1 if re.fullmatch(FORWARD, rel) else 0
        yrel = (m["yrel"] or "").lower()
        if yrel in {"vergangenen", "letzten", "vorigen"}:
            offset = -1
        elif yrel in {"nächsten", "kommenden"}:
            offset = 1
        code = lex.seasons[m["season"]]
        start = m.start("det") if m["det"] else m.start()
        if m["mod"]:
            start = m.start()
        yield Candidate(start, m.end(), "season", "season", {
            "season": code, "year": int(m["year"]) if m["year"] else None, "offset": offset,
            "relative": bool(rel or yrel),
        }, priority=2)


def _day_parts(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'gestern Abend', 'heute Nacht', 'am Nachmittag' (of the day last talked about)."""
    yield from _nights_and_parts_of_dates(text, lex)
    yield from _part_adverbs(text)
    for m in pat.day_part.finditer(text):
        if m["rel"]:
            rel = m["rel"].lower()
            offset = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2}[rel]
            if rel == "morgen" and m["rel"][0] == "M" and not _sentence_initial(text, m.start()):
                continue
            yield Candidate(m.start(), m.end(), "relative_day", "day_part_relative", {
                "offset": offset, "part": _part_code(m["part"], lex),
            }, priority=3)
        else:
            if m["prep"].lower() == "des":
                continue
            start = m.start("adj") if m["adj"] else m.start("part_only")
            yield Candidate(start, m.end(), "day_part", "day_part", {
                "part": _part_code(m["part_only"], lex),
                "next": (m["adj"] or "").strip() in {"folgenden", "nächsten"},
            }, priority=1)


_ADVERB_PARTS = {"morgens": "MO", "vormittags": "MO", "mittags": "MI", "nachmittags": "AF", "abends": "EV",
                 "nachts": "NI"}
# a habit, not the evening of the day talked about ('meist abends', 'jeden Tag abends')
_HABIT = re.compile(r"\b(?:jede[nmrs]?|immer|meist|meistens|oft|häufig|gewöhnlich|normalerweise|regelmäßig|"
                    r"täglich|manchmal|selten|nie)\b", re.IGNORECASE)


def _part_adverbs(text: str) -> Iterator[Candidate]:
    """'musste die Feuerwehr abends ausrücken': the evening of the day talked about ('4 Uhr morgens'
    belongs to its clock time). Only in a report of the past (the resolver checks the tense):
    'abends fahren kaum Busse' is a habit."""
    for m in re.finditer(r"(?<![\w-])(?P<word>morgens|vormittags|mittags|nachmittags|abends|nachts)(?![\w-])", text):
        if re.search(r"(?:Uhr|\d)\s*$", text[max(0, m.start() - 6):m.start()]):
            continue
        sentence_start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        sentence_end = min(x for x in (text.find(". ", m.end()), len(text)) if x >= 0)
        if _HABIT.search(text, sentence_start, sentence_end):
            continue
        yield Candidate(m.start(), m.end(), "day_part", "day_part_adverb",
                        {"part": _ADVERB_PARTS[m["word"]], "next": False, "past_only": True})


def _nights_and_parts_of_dates(text: str, lex: TimeLexicon) -> Iterator[Candidate]:
    """'Nacht zum Samstag' (the night of Friday), 'Nacht zum 1. Januar', 'Nacht vom 10. zum 11. Januar 2006', 'frühen
    Morgenstunden des 13. Februar'."""
    weekdays = lex.alternation(lex.weekdays)
    for m in re.finditer(rf"{B}Nacht\s+(?:von|vom)\s+(?P<weekday>{weekdays})\s+(?:auf|zum|zu)\s+(?:{weekdays}){E}",
                         text):
        yield Candidate(m.start(), m.end(), "weekday", "night_between_weekdays", {  # 'Nacht von Freitag auf Samstag'
            "weekday": lex.weekdays[m["weekday"]], "direction": None, "part": "NI", "appos": None,
            "morning_after": True,  # '… um 2 Uhr' in that night is Wednesday
        }, priority=3)
    for m in re.finditer(rf"{B}Nacht\s+(?:zum|zu|auf(?:\s+den)?)\s+(?P<weekday>{weekdays}){E}", text):
        appos = _APPOSITION.match(text, m.end())  # 'Nacht zu Samstag, dem 24. November'
        yield Candidate(m.start(), appos.end() if appos else m.end(), "weekday", "night_before_weekday", {
            "weekday": lex.weekdays[m["weekday"]], "direction": None, "part": "NI", "night": True,
            "appos": _apposition_date(appos, lex),
        }, priority=3)
    months = lex.alternation(lex.months)
    parts = lex.alternation({p for p in lex.day_parts if p not in {"Früh", "Mittagszeit"}})
    for m in re.finditer(rf"{B}(?:(?:frühen|späten)\s+)?(?P<part>{parts})(?:stunden)?\s+des\s+(?P<day>(?:folgenden|"
                         r"nächsten|darauffolgenden|selben|gleichen)\s+Tages|Vortag(?:e)?s|Folgetag(?:e)?s)(?![\w-])",
                         text):
        day = m["day"]
        offset = -1 if day.startswith("Vortag") else 0 if day.startswith(("selben", "gleichen")) else 1
        yield Candidate(m.start(), m.end(), "ref_day", "part_of_day_before_after",  # 'Morgen des folgenden Tages'
                        {"offset": offset, "part": _part_code(m["part"], lex)}, priority=3)
    for m in re.finditer(rf"{B}(?:(?:frühen|späten)\s+)?(?P<part>{parts})(?:stunden)?\s+des\s+(?P<day>\d{{1,2}})\.\s*"
                         rf"(?P<month>{months}){E}(?:\s+(?P<year>{YEAR})(?!\d))?", text):
        yield Candidate(m.start(), m.end(), "date", "part_of_date", {  # 'Nacht des 14. August'
            "day": int(m["day"]), "month": lex.months[m["month"]], "year": int(m["year"]) if m["year"] else None,
            "part": _part_code(m["part"], lex),
        }, priority=3)
    for m in re.finditer(rf"{B}Nacht\s+(?:zum|auf(?:\s+den)?)\s+(?P<day>\d{{1,2}})\.\s*(?P<month>{months}){E}"
                         rf"(?:\s+(?P<year>{YEAR})(?!\d))?", text):
        yield Candidate(m.start(), m.end(), "date", "night_before_date", {  # 'Nacht zum 1. Januar 2011'
            "day": int(m["day"]), "month": lex.months[m["month"]], "year": int(m["year"]) if m["year"] else None,
            "part": "NI", "night": True,
        }, priority=3)
    for m in re.finditer(rf"{B}Nacht\s+(?:vom|von)\s+(?P<day>\d{{1,2}})\.\s*(?:zum|auf\s+den)\s+\d{{1,2}}\.\s*"
                         rf"(?P<month>{months}){E}(?:\s+(?P<year>{YEAR})(?!\d))?", text):
        yield Candidate(m.start(), m.end(), "date", "night_of_date", {
            "day": int(m["day"]), "month": lex.months[m["month"]], "year": int(m["year"]) if m["year"] else None,
            "part": "NI",
        }, priority=3)


def _references(text: str, pat: Patterns, lex: TimeLexicon) -> Iterator[Candidate]:
    """'jetzt', 'derzeit', 'kürzlich', 'in Zukunft' -> PRESENT_REF / PAST_REF / FUTURE_REF."""
    # 'in der Vergangenheit' as an adverbial; the noun ('die Kraft der Vergangenheit') is no time
    for m in re.finditer(r"(?<![\w-])[Ii]n\s+(?P<span>der\s+Vergangenheit)(?![\w-])", text):
        yield Candidate(m.start("span"), m.end(), "fixed", "reference", {"value": "PAST_REF", "type": "DATE"})
    for m in pat.reference.finditer(text):
        word = re.sub(r"\s+", " ", m["word"])
        if word[0].isupper() and word[0].lower() + word[1:] in lex.reference_words:
            if not _sentence_initial(text, m.start()):
                continue  # 'Russland Aktuell' is a name
            word = word[0].lower() + word[1:]
        start = m.start()
        if text[max(0, start - 1):start] == "-":
            continue  # "top-aktuell"
        if word == "zur Zeit" and re.match(r"\s+(?:der|des|von|vom)\b", text[m.end():m.end() + 6]):
            continue  # 'zur Zeit der Entstehung'
        if word == "Zukunft" and not re.search(r"(?:in|für|In|Für)\s+(?:der\s+|die\s+|naher\s+|nächster\s+|"
                                                r"absehbarer\s+)?$", text[max(0, start - 20):start]):
            continue  # 'die große Zukunft' is not a time
        det = re.search(r"(?:der|die|naher|nahen|ferner|fernen)\s+$", text[max(0, start - 8):start])
        if word == "Zukunft" and det:
            start -= len(det.group())
        yield Candidate(start, m.end(), "fixed", "reference", {
            "value": lex.reference_words[word], "type": "DATE",
        })


def _time_points(text: str) -> Iterator[Candidate]:
    """'zu diesem Zeitpunkt', 'bis zu jenem Zeitpunkt': the date or time just talked about."""
    for m in re.finditer(r"(?<![\w-])(?:[Zz]u|[Aa]b|[Ss]eit|[Vv]on)\s+(?P<span>(?:diesem|jenem)\s+Zeitpunkt)(?![\w-])",
                         text):
        yield Candidate(m.start("span"), m.end(), "time_point", "time_point", {}, priority=1)


# --- deictic and relative expressions -----------------------------------------------------------

_RELATIVE_DAYS = {"heute": 0, "gestern": -1, "vorgestern": -2, "morgen": 1, "übermorgen": 2}
_RELATIVE_ADJECTIVES = {"vorgestrig": -2, "gestrig": -1, "morgig": 1, "übermorgig": 2}



def _relative_days(text: str, lex: TimeLexicon) -> Iterator[Candidate]:
    """'heute', 'gestern', 'morgen' (not 'am Morgen'), 'heuer', 'Vortag', 'Tag zuvor'."""
    for m in re.finditer(r"(?<![\w-])(heute|gestern|vorgestern|morgen|übermorgen)(?![\w-])", text,
                         re.IGNORECASE):
        word = m[1]
        if word.lower() == "morgen" and word[0] == "M" and not _sentence_initial(text, m.start()):
            continue  # 'am Morgen', 'Guten Morgen'
        kind = "heute" if word.lower() == "heute" else "relative_day"
        yield Candidate(m.start(), m.end(), kind, "relative_day",
                        {"offset": _RELATIVE_DAYS[word.lower()], "part": None})
    for m in re.finditer(r"(?<![\w-])(?P<word>vorgestrig|gestrig|morgig|übermorgig)e[nmrs]?"
                         r"(?:\s+(?P<part>Vormittag|Nachmittag|Mittag|Abend|Morgen|Nacht))?(?![\w-])", text,
                         re.IGNORECASE):
        # 'das gestrige Unglück', 'am gestrigen Vormittag' ('heutige' is PRESENT_REF: a lexicon word)
        offset = _RELATIVE_ADJECTIVES[m["word"].lower()]
        part = _part_code(m["part"], lex)
        yield Candidate(m.start(), m.end(), "relative_day", "relative_day_adjective",
                        {"offset": offset, "part": part}, priority=2)
    for m in re.finditer(r"(?<![\w-])[Hh]euer(?![\w-])", text):
        yield Candidate(m.start(), m.end(), "unit_rel", "heuer", {"unit": "Y", "offset": 0})
    for m in re.finditer(
            r"(?<![\w-])(?:(?:am|vom|des)\s+)?(?P<word>Vortag(?:es|s)?|Tag\s+zuvor|Tag\s+davor|Folgetag(?:es|s)?|"
            r"(?:selben|gleichen|nächsten|folgenden)\s+Tag(?:es)?|Tag\s+danach|Tag\s+darauf|"
            r"tags\s+darauf|tags\s+zuvor|diesem\s+Tag)(?![\w-])", text):
        word = m["word"]
        offset = -1 if ("Vortag" in word or "zuvor" in word or "davor" in word) else \
            0 if ("selben" in word or "gleichen" in word or "diesem" in word) else 1
        yield Candidate(m.start("word"), m.end(), "ref_day", "reference_day", {"offset": offset},
                        priority=1)


_UNIT_WORDS = {
    "Woche": "W", "Wochenende": "WE", "Wochenendes": "WE", "Monat": "M", "Monats": "M",
    "Jahr": "Y", "Jahres": "Y", "Jahrs": "Y", "Quartal": "Q", "Quartals": "Q",
    "Jahrzehnt": "DE", "Jahrzehnts": "DE", "Halbjahr": "H", "Halbjahres": "H",
    "Saison": "Y", "Jahrhundert": "CE", "Jahrhunderts": "CE", "Geschäftsjahr": "Y", "Geschäftsjahres": "Y",
}


def _relative_units(text: str) -> Iterator[Candidate]:
    """'letzte Woche', 'im kommenden Jahr', 'diesem Jahr', 'Vorjahr', 'Ende des Jahres'."""
    units = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
    for m in re.finditer(
            rf"{B}(?P<det>{DET})?(?P<rel>{CURRENT}|{BACKWARD}|{FORWARD})\s+(?P<unit>{units}){E}", text):
        rel = m["rel"].lower()
        unit = _UNIT_WORDS[m["unit"]]
        if unit == "Y" and m["unit"] == "Saison":
            continue
        offset = -1 if re.fullmatch(BACKWARD, rel) else 1 if re.fullmatch(FORWARD, rel) else 0
        base = "ref" if rel.startswith(("folgend", "gleich", "selb")) else "anchor"
        if re.match(rf"\s+{YEAR}(?![\d.,])", text[m.end():m.end() + 7]) and unit == "Y":
            continue  # 'im Jahr 2014' is found by _years
        # 'John Edwards, der dieses Jahr …': an article never stands before 'dieses', a pronoun does
        start = m.start("rel") if rel.startswith("dies") else m.start()
        yield Candidate(start, m.end(), "unit_rel", "relative_unit",
                        {"unit": unit, "offset": offset, "base": base}, priority=2)
    for m in re.finditer(r"(?<![\w-])Jahr(?:es)?\s+(?:zuvor|davor)(?![\w-])", text):
        # 'mehr als im Jahr zuvor': the year before the one just named, as 'Vorjahr'
        yield Candidate(m.start(), m.end(), "unit_rel", "year_before",
                        {"unit": "Y", "offset": -1, "base": "ref_year"}, priority=2)
    for m in re.finditer(r"(?<![\w-])(?P<word>[Dd]iesjährig|[Ll]etztjährig|[Vv]orjährig)e[nmrs]?(?![\w-])", text):
        offset = 0 if m["word"].lower().startswith("dies") else -1  # 'der diesjährigen Demonstration'
        yield Candidate(m.start(), m.end(), "unit_rel", "year_adjective",
                        {"unit": "Y", "offset": offset, "base": "anchor"}, priority=1)
    for m in re.finditer(r"(?<![\w-])(?P<word>Vorjahr(?:es|s)?|Vormonat(?:s|es)?|Vorwoche|Folgejahr(?:es|s)?|"
                         r"Vorjahreszeitraum|Vorjahresmonat|Vorjahresquartal)(?![\w-])", text):
        word = m["word"]
        unit = "Y" if "jahr" in word.lower() else "M" if "monat" in word.lower() else "W"
        offset = 1 if word.startswith("Folge") else -1
        # 'im Jahr 2014 … mehr als im Vorjahr': the year before the one just named;
        # 'im Mai … mehr als im Vorjahresmonat': that month a year before
        base = "ref_month" if word == "Vorjahresmonat" else "ref_year" if unit == "Y" else "anchor"
        yield Candidate(m.start(), m.end(), "unit_rel", "relative_unit_compound",
                        {"unit": unit, "offset": offset, "base": base}, priority=1)
    for m in re.finditer(
            rf"{B}(?P<mod>Anfang|Mitte|Ende|Beginn)\s+(?:(?P<det>der|des|dieser|dieses|diesen|"
            rf"(?:nächste[nrs]|kommende[nrs]|vergangene[nrs]|letzte[nrs]|vorige[nrs]))\s+)"
            rf"(?P<unit>Woche|Monats|Jahres|Jahrs){E}", text):
        det = m["det"].lower()
        offset = 1 if det.startswith(("nächst", "kommend")) else \
            -1 if det.startswith(("vergangen", "letzt", "vorig")) else 0
        yield Candidate(m.start(), m.end(), "unit_rel", "relative_unit_mod", {
            "unit": _UNIT_WORDS[m["unit"]], "offset": offset,
            "base": "ref_year" if det == "des" else "anchor", "mod": m["mod"].lower(),
        }, priority=2)
    for m in re.finditer(r"(?<![\w-])(?P<word>Jahresende|Jahresbeginn|Jahresanfang|Jahresmitte|"
                         r"Jahreswechsel|Monatsende|Monatsbeginn|Monatsanfang|Wochenende)(?![\w-])", text):
        unit = "M" if m["word"].startswith("Monat") else "WE" if m["word"] == "Wochenende" else "Y"
        yield Candidate(m.start(), m.end(), "unit_rel", "relative_unit_compound",
                        {"unit": unit, "offset": 0, "base": "anchor", "tense_week": unit == "WE"})


# --- years, decades, centuries, quarters ---------------------------------------------------------------


def _years(text: str) -> Iterator[Candidate]:
    """'2014', 'im Jahr 1895', '2009-2011', '2005/2010'; not '3000 Soldaten' or '1400 Euro'."""
    for m in re.finditer(rf"{B}(?:{DET})?(?:{_SPLIT_YEAR_PERIODS})\s+{YEAR}/(?:\d\d){{1,2}}(?!\d)", text):
        # 'der Saison 2014/15', 'die Amtsperiode 2010/15': a period across two years, left
        # unresolved as KRAUTS annotates it
        yield Candidate(m.start(), m.end(), "fixed", "split_year_period", {"value": "XXXX-XX-XX", "type": "DATE"},
                        priority=3)
    for m in re.finditer(rf"{B}(?:(?P<mod>Anfang|Mitte|Ende|Beginn|Herbst|Frühjahr)\s+)?"
                         rf"(?:(?P<det>das\s+|dem\s+)?(?P<jahr>Jahre?)\s+)?(?P<year>{YEAR})"
                         r"(?P<short>/\d\d(?!\d))?(?!\d|[.,]\d)", text):
        year = int(m["year"])
        if not m["jahr"] and not m["mod"] and not _plausible_year(text, m, year):
            continue
        if m["mod"] in {"Herbst", "Frühjahr"}:
            continue  # seasons with a year are found by _seasons
        start = m.start("mod") if m["mod"] else m.start("det") if m["det"] else m.start("jahr") if m["jahr"] \
            else m.start("year")
        yield Candidate(start, m.end(), "year", "year", {"year": year}, priority=1 if not m["jahr"] else 2)


_SPLIT_YEAR_PERIODS = ("Saison|Spielzeit|Wintersaison|Sommersaison|Schuljahr|Studienjahr|Amtsperiode|"
                       "Legislaturperiode|Wirtschaftsjahr|Geschäftsjahr")
_PARTICIPLE_AFTER = re.compile(
    r"\s+(?:[a-zäöü]*(?:ge[a-zäöü]{2,}(?:te|ene)|ierte)|(?:ver|be|er|ent|zer)[a-zäöü]{3,}te)\b")  # singular only: 'die 2000 verletzten' counts


_RELATIVE_PRONOUNS = {"der", "die", "das", "den", "dem"}
# Strong year cues that also take counts ('von 1500 Soldaten', 'um 1200 Menschen').
_COUNT_PREPOSITIONS = {"von", "bis", "ab", "in", "vor", "nach", "zwischen", "um", "bereits", "schon", "erst",
                       "noch", "für", "zum"}


def _plausible_year(text: str, m: re.Match, year: int) -> bool:
    start, end = m.start("year"), m.end()
    before = _previous_words(text, start, 2)
    after = text[end:end + 25]
    prev = before[-1] if before else ""
    if start > 0 and text[start - 1] in ".,:-–/" and start > 1 and text[start - 2].isdigit():
        # '2009-2011', '2005/2010': the second part of a range of years
        return 1000 <= year <= 2099 and bool(re.search(r"(?:1\d|20)\d\d$", text[max(0, start - 5):start - 1]))
    if re.match(r"[-–/]\s?(?:1\d|20)\d\d(?!\d)", after) and 1000 <= year <= 2099:
        return True  # first part of '1898-1976'
    if UNIT_SUFFIXES.match(after) or re.match(r"\s*(?:er\b|\.\d|,\d)", after):
        return False
    if re.match(r"\s*(?:bis|-|–|und|oder)\s*\d+(?:[.,]\d+)?\s+(?:[A-ZÄÖÜ%€]|Prozent)", after) and \
            not re.match(r"\s*(?:bis|-|–|und|oder)\s*(?:1\d|20)\d\d\s+(?:[A-ZÄÖÜ])", after):
        return False  # '2000 bis 3000 Grad'
    if re.match(r"\s*(?:bis|-|–|und|oder)\s*\d+(?:[.,]\d+)?\s*(?:%|€|Grad|Euro|Prozent|Meter)", after):
        return False
    if _PARTICIPLE_AFTER.match(after) and prev in {"der", "die", "das", "den", "dem", "des"}:
        return True  # 'der 1949 gegründete Staat'
    if prev in _RELATIVE_PRONOUNS and before[:1] in ([","], ["und"]) and 1900 <= year <= 2049 \
            and re.match(r"\s+[a-zäöü]", after):
        return True  # a relative clause: 'Zyklon Larry, der 2006 in Innisfail …', 'und der 1938 vom Stapel lief'
    if prev in COUNT_CUES or prev in {"+", "x", "nr", "tel", "tel.", "§", "artikel", "art."}:
        return False
    strong = prev in STRONG_YEAR_CUES or prev == "("
    if prev in _COUNT_PREPOSITIONS and not 1900 <= year <= 2049 and re.match(r"\s+[A-ZÄÖÜ]", after):
        return False  # 'war von 1500 Soldaten die Rede': a far year before a noun is a count
    if not 1900 <= year <= 2049 and not strong:
        return False
    # '3000 Soldaten', 'laut Polizei 2000 Demonstranten': a capitalised noun after the
    # number makes it a count. Figures matter more than the odd 'Kohl 1982 Kanzler'.
    return strong or not re.match(r"\s+[A-ZÄÖÜ]", after)


_DECADE_WORDS = {"zwanzig": 2, "dreißig": 3, "vierzig": 4, "fünfzig": 5, "sechzig": 6,
                 "siebzig": 7, "achtzig": 8, "neunzig": 9}


def _decades_centuries(text: str) -> Iterator[Candidate]:
    """'den 1990er-Jahren', 'den 60er Jahren', 'der ersten Hälfte des 15. Jahrhunderts'."""
    words = "|".join(_DECADE_WORDS)
    for m in re.finditer(
            rf"{B}(?P<det>(?:den|die|der)\s+)?(?:(?P<full>1\d\d0|20\d0)|(?P<short>\d0)|(?P<word>(?i:{words})))"
            r"er(?:-|\s+)?(?:Jahren?|Jahre|jahren?)(?![\w])", text):
        if m["full"]:
            value = m["full"][:3]
        elif m["short"]:
            value = "X" + m["short"][0]  # the century is chosen by the resolver
        else:
            value = "X" + str(_DECADE_WORDS[m["word"].lower()])
        yield Candidate(m.start(), m.end(), "decade", "decade", {"value": value}, priority=2)
    for m in re.finditer(rf"{B}(?P<det>(?:den|die|der)\s+)(?P<word>(?:{words.title()})er)n?(?![\w-])", text):
        value = "X" + str(_DECADE_WORDS[m["word"][:-2].lower()])
        yield Candidate(m.start(), m.end(), "decade", "decade_noun", {"value": value}, priority=1)
    for m in re.finditer(
            rf"{B}(?P<pre>(?:der\s+(?:ersten|zweiten)\s+Hälfte\s+)?(?:des|dem|das|im)\s+)?"
            r"(?P<n>\d{1,2})\.\s+Jahrhunderts?(?![\w])", text):
        start = m.start() if m["pre"] and not m["pre"].startswith("im") else m.start("n")
        yield Candidate(start, m.end(), "fixed", "century",
                        {"value": f"{int(m['n']) - 1:02d}", "type": "DATE"}, priority=2)


_ORDINALS = {"ersten": 1, "zweiten": 2, "dritten": 3, "vierten": 4, "erste": 1, "zweite": 2, "dritte": 3, "vierte": 4,
             "1.": 1, "2.": 2, "3.": 3, "4.": 4}


def _quarters(text: str) -> Iterator[Candidate]:
    """'im dritten Quartal', 'dritten Trimester 2009', 'der zweiten Jahreshälfte'."""
    for m in re.finditer(
            rf"{B}(?P<det>(?:[Dd]er|[Dd]es|[Dd]em|[Dd]as|[Dd]ie)\s+)?(?P<n>ersten|zweiten|dritten|vierten|erste|zweite|dritte|vierte|letzten|[1-4]\.)\s*"
            r"(?P<unit>Quartal|Quartals|Trimester|Trimesters|Vierteljahr|Vierteljahres|Halbjahr|"
            rf"Halbjahres|Jahreshälfte|Hälfte)(?:\s+(?P<year>{YEAR})|\s+(?P<rel>dieses|diesen|des|vergangenen|letzten|"
            r"vorigen|nächsten|kommenden)\s+Jahres)?(?![\w])", text):
        half = m["unit"].startswith(("Halb", "Jahresh", "Hälfte"))
        if m["n"] == "letzten" and not (m["year"] or m["rel"]):
            continue  # 'im letzten Quartal' alone is the previous quarter (a relative unit)
        n = (2 if half else 4) if m["n"] == "letzten" else _ORDINALS[m["n"]]  # '… des Jahres': the last one
        if m["unit"] == "Hälfte" and not m["year"] and not m["rel"]:
            continue
        if half and n > 2:
            continue
        rel = (m["rel"] or "")
        offset = -1 if rel in {"vergangenen", "letzten", "vorigen"} else 1 if rel in {"nächsten", "kommenden"} else 0
        yield Candidate(m.start(), m.end(), "quarter", "quarter", {
            "n": n, "half": half, "year": int(m["year"]) if m["year"] else None, "offset": offset,
            "relative": rel not in {"", "des"},  # 'dieses Jahres' is this year whatever the tense
        }, priority=2)


# --- durations ---------------------------------------------------------------------------------------------

_AGE_AFTER = re.compile(r"\s*(?:alt|älter|jünger|junge|jährig)")
_APPROX = r"(?:(?:rund|etwa|gut|genau|ca\.|circa|fast|ungefähr|annähernd|über|Rund|Etwa|Gut|Genau|Fast|Über)\s+)"
_RELATIVE_AFTER = re.compile(r"\s*(?P<dir>später|danach|darauf|zuvor|früher|davor)\b")


_NOT_ADJECTIVES = {"über", "unter", "oder", "aber", "wieder", "weder", "immer", "jeder", "jede", "hinter",
                   "später", "früher", "eher", "vorher", "nachher", "danach", "seine", "ihre", "deren",
                   "dessen", "keine", "jene", "diese", "welche", "solche", "pro", "mehr", "weniger"}


def _unit_code(m: re.Match) -> str:
    for key in UNIT_PATTERNS:
        if m[f"u_{key}"]:
            return key
    raise AssertionError("unit group without a match")


_SMALLER_UNIT = {"Y": (12, "M"), "D": (24, "H"), "H": (60, "MIN")}


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (2, 'W') -> P2W, (None, 'Y') -> PXY, (1.5, 'H') -> PT1.5H."""
    if amount is not None and amount < 1 and unit in _SMALLER_UNIT:
        factor, unit = _SMALLER_UNIT[unit]
        amount *= factor  # a half year is P6M, a half hour PT30M (but 'viereinhalb Jahre' P4.5Y)

    if unit == "DE" and amount is not None:
        amount, unit = amount * 10, "Y"
    if unit == "CE" and amount is not None:
        amount, unit = amount * 100, "Y"
    number = "X" if amount is None else (str(int(amount)) if amount == int(amount) else str(amount))
    if unit in {"S", "H"}:
        return f"PT{number}{unit}"
    if unit == "MIN":
        return f"PT{number}M"
    if unit == "NI":
        return f"P{number}D"
    return f"P{number}{unit}"


def _durations(text: str) -> Iterator[Candidate]:
    """'zwei Wochen', 'seit 100 Jahren', 'rund 200 Stunden', 'den vergangenen fünf Jahren'."""
    yield from _compound_durations(text)
    adjective = r"(?:(?P<adj>[a-zäöü]+(?:e|en|er|es|em))\s+)?"  # 'ein weiteres Jahr'
    for m in re.finditer(
            rf"{B}(?P<pre>{DET}?(?:(?:{BACKWARD}|{FORWARD}|ersten|letzten)\s+))?{_APPROX}?"
            rf"(?P<num>{NUMBER}|\d+(?:[.,]\d+)?)(?:\s*(?P<sep>-|–|bis|und)\s*(?P<num2>{NUMBER}))?\s+"
            rf"{adjective}{UNIT}{E}", text):
        if m["adj"] and (m["adj"] in _NOT_ADJECTIVES or len(m["adj"]) < 4):
            continue
        if m["num"].lower() == "eines" and m["u_D"] and not m["adj"]:
            continue  # 'eines Tages': some day, no duration ('innerhalb eines Jahres' is one)
        if m["num"] == "einem" and m["u_D"] and _previous_words(text, m.start(), 1) == ["an"]:
            # 'an einem einzigen Tag': some day, as KRAUTS and the real-news gold annotate it
            yield Candidate(m.start(), m.end(), "fixed", "some_day", {"value": "XXXX-XX-XX", "type": "DATE"},
                            priority=2)
            continue
        amount = number_value(m["num"])
        if amount is None and m["num"].lower() not in VAGUE and m["num"].lower() != "paar":
            continue
        if amount is not None and (m["adj"] or "").startswith("halb"):
            amount /= 2  # 'einem halben Jahr'
        unit = _unit_code(m)
        after = text[m.end():m.end() + 30]
        before = _previous_words(text, m.start(), 5)
        if unit == "Y" and (before[-1:] in (["ab"], ["alter"], ["mit"], ["unter"]) or before[-2:] == ["alter", "von"]
                            or "alter" in before and "zwischen" in before):
            continue  # ages: 'ab 16 Jahren', 'mit 39 Jahren', 'Kinder unter 13 Jahren', 'im Alter von 80 /
            # zwischen 17 und 35 Jahren' (not 'Amtszeit von sechs Jahren')
        if unit == "Y" and before[-1:] and before[-1] in _PEOPLE and m.group().lower().startswith(("über", "unter")):
            continue  # 'Menschen über 75 Jahre': an age
        if _AGE_AFTER.match(after) and not _RELATIVE_AFTER.match(after):
            continue
        relative = _RELATIVE_AFTER.match(after)
        if relative:
            direction = -1 if relative["dir"] in {"zuvor", "früher", "davor"} else 1
            yield Candidate(m.start("num"), m.end() + relative.end(), "shift", "relative_shift", {
                "amount": amount, "unit": unit, "direction": direction,
            }, priority=2)
            continue
        if re.match(r"\d", m["num"]) and _precedes_year(text, m):
            continue
        if m["sep"] == "und" and (before[-1:] != ["zwischen"] or _PEOPLE.intersection(before)):
            continue  # only 'zwischen fünf und zwölf Jahren' is a range; 'Kinder zwischen sechs und elf Jahren' an age
        if m["num2"]:
            # 'sechs bis acht Monate': two durations in KRAUTS
            yield Candidate(m.start("num"), m.end("num"), "fixed", "duration",
                            {"value": duration_value(amount, unit), "type": "DURATION"}, priority=2)
            amount = number_value(m["num2"])
            yield Candidate(m.start("num2"), m.end(), "fixed", "duration",
                            {"value": duration_value(amount, unit), "type": "DURATION"}, priority=2)
            continue
        pre = (m["pre"] or "").lower()
        if amount is None and unit in {"Y", "M", "W", "D"} and re.search(FORWARD, pre):
            yield Candidate(m.start(), m.end(), "fixed", "future_plural",
                            {"value": "FUTURE_REF", "type": "DATE"}, priority=2)
            continue
        yield Candidate(m.start(), m.end(), "fixed", "duration",
                        {"value": duration_value(amount, unit), "type": "DURATION"}, priority=2)


_PEOPLE = {"kinder", "kindern", "jugendliche", "jugendlichen", "schüler", "schülerinnen", "mädchen", "buben",
           "jungen", "personen", "menschen", "frauen", "männer", "patienten", "teilnehmer", "teilnehmern",
           "altersgruppe", "altersgruppen", "alter"}


# A duration in two units is one TIMEX3 value: 'fünf Jahren und drei Monaten' P5Y3M.
_COMPOUND_UNITS = {("Y", "M"): ("P{}Y{}M"), ("W", "D"): ("P{}W{}D"), ("D", "H"): ("P{}DT{}H"),
                   ("H", "MIN"): ("PT{}H{}M"), ("MIN", "S"): ("PT{}M{}S")}


def _compound_durations(text: str) -> Iterator[Candidate]:
    unit = "|".join(f"(?P<{{0}}_{k}>{v})" for k, v in UNIT_PATTERNS.items())
    for m in re.finditer(rf"{B}(?P<n1>{NUMBER})\s+(?:{unit.format('a')})\s+und\s+(?P<n2>{NUMBER})\s+"
                         rf"(?:{unit.format('b')}){E}", text):
        first = next(k for k in UNIT_PATTERNS if m[f"a_{k}"])
        second = next(k for k in UNIT_PATTERNS if m[f"b_{k}"])
        amounts = number_value(m["n1"]), number_value(m["n2"])
        form = _COMPOUND_UNITS.get((first, second))
        if form is None or None in amounts:
            continue
        value = form.format(*(int(a) if a == int(a) else a for a in amounts))
        yield Candidate(m.start(), m.end(), "fixed", "compound_duration", {"value": value, "type": "DURATION"},
                        priority=3)


def _precedes_year(text: str, m: re.Match) -> bool:
    """'Jahr 2014' after a number is not 'N Jahre'."""
    return bool(re.match(r"\s*" + YEAR, text[m.end():m.end() + 6])) and m["u_Y"] is not None


def _vague_durations(text: str) -> Iterator[Candidate]:
    """'seit Jahren', 'über Jahre', 'den vergangenen Jahren', 'jahrelange', 'einwöchigen'."""
    for m in re.finditer(rf"{B}(?P<pre>seit|über|vor|Seit|Über|Vor)\s+(?P<det>den\s+|die\s+)?{UNIT_PLURAL}{E}",
                         text):
        unit = _PLURAL_UNITS.get(m["unit"])
        if not unit or m["unit"] in {"Tag", "Jahr", "Monat"}:
            continue
        if re.match(r"\s*" + YEAR, text[m.end():m.end() + 6]):
            continue
        start = m.start("det") if m["det"] else (m.start() if m["pre"].lower() == "über" else m.start("unit"))
        yield Candidate(start, m.end(), "fixed", "vague_duration",
                        {"value": duration_value(None, unit), "type": "DURATION"}, priority=1)
    for m in re.finditer(rf"{B}(?P<det>{DET})?(?P<rel>{BACKWARD}|{FORWARD}|diesen)\s+{UNIT_PLURAL}{E}", text):
        unit = _PLURAL_UNITS.get(m["unit"])
        if not unit or m["unit"] in {"Tag", "Jahr", "Monat"}:
            continue
        if (m["det"] or "die").strip().lower() == "die" and re.match(r"\s+(?:der|des)\b", text[m.end():m.end() + 5]):
            continue  # 'die letzten Tage der Menschheit' is a title, not a time
        if re.match(FORWARD, m["rel"]):
            value, kind = "FUTURE_REF", "DATE"
        else:
            value, kind = duration_value(None, unit), "DURATION"
        yield Candidate(m.start(), m.end(), "fixed", "vague_duration", {"value": value, "type": kind},
                        priority=1)
    for m in re.finditer(r"(?<![\w-])(?P<word>(?:[Jj]ahrzehnte|[Jj]ahrhunderte|[Jj]ahre|[Mm]onate|[Ww]ochen|[Tt]age|"
                         r"[Ss]tunden)lang(?:e[nmrs]?)?|"
                         r"(?:lang|mehr|viel)jährige?[nmrs]?|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|"
                         r"zehn|mehr)(?P<u>wöchig|tägig|monatig|stündig)(?:e[nmrs]?)?)(?![\w-])", text):
        word = m["word"].lower()
        value = _adjective_duration(word, m["u"])
        if value:
            yield Candidate(m.start(), m.end(), "fixed", "duration_adjective",
                            {"value": value, "type": "DURATION"})


    for m in re.finditer(rf"(?<![\w-])(?P<num>{NUMBER_WORD})jährige[nmrs]?(?=\s+(?:{_SPANS_OF_TIME})\b)", text):
        # 'zum zehnjährigen Bestehen', 'nach dreijähriger Haft' (not 'des neunjährigen Mädchens', an age)
        yield Candidate(m.start(), m.end(), "fixed", "duration_adjective",
                        {"value": duration_value(number_value(m["num"]), "Y"), "type": "DURATION"})


# Nouns a '-jährig' adjective gives a length to, not an age
_SPANS_OF_TIME = ("Bestehen|Jubiläums?|Geschichte|Amtszeit|Haft|Haftstrafe|Gefängnisstrafe|Pause|Unterbrechung|"
                  "Krieges|Krieg|Bürgerkrieg|Bürgerkrieges|Tätigkeit|Zusammenarbeit|Laufzeit|Dienstzeit|Verhandlungen|"
                  "Abwesenheit|Bauzeit|Ehe|Mitgliedschaft|Vertrag|Vertrages|Vertrags|Sperre|Forschung|"
                  "Planung|Planungen|Suche|Herrschaft|Regierungszeit|Besatzung|Partnerschaft|Beziehung")

_PLURAL_UNITS = {"Sekunden": "S", "Minuten": "MIN", "Stunden": "H", "Tage": "D", "Tagen": "D",
                 "Wochen": "W", "Monate": "M", "Monaten": "M", "Jahre": "Y", "Jahren": "Y",
                 "Jahrzehnte": "DE", "Jahrzehnten": "DE"}


def _adjective_duration(word: str, unit_suffix: str | None) -> str | None:
    if unit_suffix:
        unit = {"wöchig": "W", "tägig": "D", "monatig": "M", "stündig": "H"}[unit_suffix]
        amount = number_value(word[: word.index(unit_suffix)])
        return duration_value(amount, unit)
    for prefix, unit in (("jahrzehnte", "DE"), ("jahrhunderte", "CE"), ("jahre", "Y"), ("monate", "M"),
                         ("wochen", "W"), ("tage", "D"), ("stunden", "H")):
        if word.startswith(prefix):
            return duration_value(None, unit)
    return duration_value(None, "Y")


# --- sets ------------------------------------------------------------------------------------------------


_SET_UNITS = {"Tag": "D", "Woche": "W", "Monat": "M", "Jahr": "Y", "Stunde": "H", "Minute": "MIN"}
_SINGULAR = {"Tage": "Tag", "Wochen": "Woche", "Monate": "Monat", "Jahre": "Jahr", "Stunden": "Stunde",
             "Minuten": "Minute"}


def _sets(text: str, lex: TimeLexicon) -> Iterator[Candidate]:
    """'täglich', 'jeden Montag', 'einmal im Monat', 'je zwei Wochen', '200 Patienten am Tag'."""
    adverbs = {"täglich": "P1D", "wöchentlich": "P1W", "monatlich": "P1M", "jährlich": "P1Y",
               "stündlich": "PT1H", "halbjährlich": "P6M", "vierteljährlich": "P3M", "werktäglich": "P1D"}
    for m in re.finditer(r"(?<![\w-])(?P<pre>all|tag|all)?(?P<word>werktäglich|halbjährlich|vierteljährlich|"
                         r"täglich|wöchentlich|monatlich|jährlich|stündlich)(?:e[nmrs]?)?(?![\w-])", text,
                         re.IGNORECASE):
        yield Candidate(m.start(), m.end(), "fixed", "set_adverb",
                        {"value": adverbs[m["word"].lower()], "type": "SET"})
    for m in patterns(lex).set_each.finditer(text):
        if m["weekday"]:
            weekday = lex.weekdays[m["weekday"]]
            part = _part_code(m["part"], lex)
            value = f"XXXX-WXX-{weekday}" + (f"T{part}" if part else "")
        elif m["dpart"]:
            value = f"XXXX-XX-XXT{lex.day_parts[m['dpart']]}"
        else:
            unit = _SET_UNITS[_SINGULAR.get(m["unit"], m["unit"])]
            amount = number_value(m["num"]) if m["num"] else _EVERY_NTH.get(m["ord"] or "", 1)  # 'jeden zweiten Tag'
            value = duration_value(amount, unit)
        yield Candidate(m.start(), m.end(), "fixed", "set_each", {"value": value, "type": "SET"}, priority=3)
    for m in re.finditer(
            rf"{B}(?P<count>(?:[Ee]in|[Zz]wei|[Dd]rei|[Vv]ier|[Ff]ünf|\d+)mal\s+|(?:[Jj]e|[Pp]ro)\s+(?P<num>{NUMBER}\s+)?)?"
            r"(?P<prep>im|pro|je|in\s+der|am|Im)?\s*(?P<unit>Tage|Tag|Wochen|Woche|Monate|Monat|Jahre|Jahr|Stunden|"
            r"Stunde)(?![\w])", text):
        if not m["count"] and not m["prep"]:
            continue
        if _SPEED_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue  # '280 Kilometer pro Stunde' is a speed
        if re.match(r"\s*(?:\d|des\b|der\b|zuvor|danach|darauf|davor|X|der\s)", text[m.end():m.end() + 6]):
            continue
        if not m["count"]:
            if m["prep"] in {"je", "pro"}:
                pass
            elif not _after_quantity(text, m.start()):
                continue
        if m["count"] and m["count"].lower().startswith(("je", "pro")) and m["prep"]:
            continue
        amount = number_value(m["num"].strip()) if m["num"] else 1
        unit = _SINGULAR.get(m["unit"], m["unit"])
        if unit != m["unit"] and not m["num"]:
            continue  # a plural needs a number: 'je zwei Wochen'
        value = duration_value(amount, _SET_UNITS[unit])
        start = m.start() if m["count"] else m.start("prep") if m["prep"] in {"im", "Im", "am"} else m.start()
        yield Candidate(start, m.end(), "fixed", "set_per_unit", {"value": value, "type": "SET"}, priority=1)


_SPEED_BEFORE = re.compile(r"(?:Kilometer[n]?|km|Meilen|Knoten|Meter[n]?|Seemeilen)\s+$")


_EVERY_NTH = {"zweiten": 2, "dritten": 3, "vierten": 4}


def _after_quantity(text: str, start: int) -> bool:
    """'400 Euro im Monat', '200 Patienten am Tag': a number shortly before makes a rate."""
    window = text[max(0, start - 40):start]
    window = re.split(r"[.;:!?]\s", window)[-1]
    return bool(re.search(r"\d", window)) and not re.search(r"\d\.\s*$", window)


# --- clock times ------------------------------------------------------------------------------------------------


def _clock_times(text: str) -> Iterator[Candidate]:
    """'14.30 Uhr', '9.30/12.30 Uhr', 'von 10-18 Uhr', 'um 12.15'."""
    item = r"(?<!\d)(?:2[0-4]|[01]?\d)(?:[.:][0-5]\d)?(?!\d)"
    for m in re.finditer(
            rf"(?<![\d.,:])(?P<items>{item}(?:\s*(?:-|–|/|bis|und|,)\s*{item})*)\s*Uhr(?P<minutes>\s+[0-5]\d(?!\d))?",
            text):
        items = list(re.finditer(item, m["items"]))
        base = m.start("items")
        for i, it in enumerate(items):
            last = i == len(items) - 1
            hour, _, minute = it.group().replace(":", ".").partition(".")
            if last and m["minutes"]:
                minute = m["minutes"].strip()
            end = m.end() if last else base + it.end()
            yield Candidate(base + it.start(), end, "time", "clock_time", {
                "hour": int(hour), "minute": int(minute or 0), "multi": len(items) > 1,
            }, priority=3)
    for m in re.finditer(r"(?<![\w-])Mitternacht(?![\w-])", text):
        yield Candidate(m.start(), m.end(), "time", "midnight", {"hour": 0, "minute": 0, "multi": False},
                        priority=2)
    for m in re.finditer(r"(?<=[Uu]m\s)(?P<hour>[01]?\d|2[0-3])[.:](?P<minute>[0-5]\d)(?![\d.,:])", text):
        yield Candidate(m.start(), m.end(), "time", "clock_time_um", {
            "hour": int(m["hour"]), "minute": int(m["minute"]), "multi": False,
        }, priority=2)
