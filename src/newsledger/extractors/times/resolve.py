"""Turn candidates into TIMEX3 values: anchor date, tense of the sentence, last date talked about."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsledger.extractors.times.calendar import (
    Anchor,
    add_months,
    easter,
    iso_week,
    valid_day,
    weekday_date,
    year_for,
)
from newsledger.extractors.times.rules import Candidate, duration_value
from newsledger.nlp import CLAUSE_PUNCT, clause, paragraph_index, text_of
from newsledger.nlp import token_at as _token_at

# Verb forms that put a sentence in the past or the future; the cue nearest to the
# expression decides ("Am Montag wurde …" -> past, "Am Montag wird …" -> future).
_PAST = re.compile(
    r"\b(?:ver|er|be|emp|ent|zer|ab|an|auf|aus|bei|ein|fest|fort|her|hin|los|mit|nach|statt|vor|weg|zu|zurück|"
    r"zusammen|über|unter|um)?(?:[Nn]achdem|war|waren|warst|wurde|wurden|hatte|hatten|gab|kam|kamen|ging|gingen|fand|fanden|stand|standen|"
    r"lag|lagen|sagte|sagten|erklärte|erklärten|meinte|betonte|teilte|teilten|berichtete|meldete|"
    r"meldeten|zeigte|zeigten|starb|verlor|verloren|gewann|gewannen|begann|begannen|endete|fiel|traf|"
    r"trafen|sah|sahen|hielt|hielten|blieb|blieben|führte|führten|machte|machten|brachte|konnte|konnten|"
    r"musste|mussten|wollte|wollten|durfte|geschah|ereignete|verunglückte|passierte|stattfand|gewesen|"
    r"worden|geworden|vergangene[nmrs]?|zuletzt|kürzlich|gestern|sprach|sprachen|stieg|stiegen|sank|"
    r"rief|riefen|wies|bat|schrieb|trat|traten|zog|zogen|nahm|nahmen|lief|hieß|schloss|bot|erhielt|"
    r"erhielten|entschied|beschloss|beschlossen|verließ|brach|bekam|bekamen|feierte|feierten|eröffnete|"
    r"stellte|stellten|gelang|siegte|siegten|holte|holten|belegte|startete|fuhr|landete|übernahm|"
    r"griff|flog|floh|schoss|stieß|wuchs|schlug|trug|fing|hing|riss|schwieg|sprang|stahl|warf|wich|zwang|"
    r"litt|galt|las|vergaß|schien|stritt|verlieh|lud|maß|wog|aß|trank|sang|saß|log|fror|goss|ritt|biss|"
    r"schwand)"
    r"(?:en|n)?\b"  # plural preterites: 'kamen', 'fielen', 'sagten'
)
# A participle counts as past only with an auxiliary in the sentence ('hat … stattgefunden').
_PARTICIPLE = re.compile(
    r"\b(?:ab|an|auf|aus|bei|ein|fest|fort|her|hin|los|mit|nach|statt|vor|weg|zu|zurück|zusammen)?"
    r"ge(?!plant|nau|gen|rade|meinsam|samt|wiss|nug|ring|schichte|biet|halt|winn|spräch|setz|fahr|sund|"
    r"rne|mäß|nannt|eignet|trennt)[a-zäöüß]{3,}(?:t|en)\b"
)
# Weak participles of inseparable verbs have no ge- ('hat … verhaftet', 'hat sich … ereignet').
_INSEPARABLE_PARTICIPLE = re.compile(r"\b(?:ver|be|er|ent|zer)[a-zäöüß]{3,}t\b")
# A participle declined as an adjective is past without an auxiliary ('des am Donnerstag
# abgestürzten Flugzeugs', 'die am Montag gewählten Räte').
_ATTRIBUTIVE_PARTICIPLE = re.compile(_PARTICIPLE.pattern.replace(r"(?:t|en)\b", r"(?:te|ene)[nmrs]?\b"))
# A weak verb's preterite at the end of a subordinate clause ("…, die das Amt am Donnerstag
# vorlegte, …"): the finite verb stands last, right before the punctuation. Lower case rules
# out nouns; "heute", "bitte" and superlatives ("-sten") are the common non-verbs left.
_CLAUSE_FINAL_PRETERITE = re.compile(r"\b(?!heute\b|bitte\b)[a-zäöüß]{2,}(?<!s)te(?:n|st)?(?=\s*[,.;:!?])")
# A time opening the sentence (after a preposition and article) is followed by the finite verb
# (verb second); a lower-case word in -te / -ten there is a weak or mixed preterite.
_FRONTED = re.compile(r"[\s„\"»(]*(?:[A-ZÄÖÜ][a-zäöüß]*\s+)?(?:(?:der|dem|den|des)\s+)?")
_WEAK_PRETERITE = re.compile(r"\s+[a-zäöüß]{2,}te[nt]?\b")
# A lower-case '-te(n)' word followed by an article, pronoun or adverb is a finite verb, a
# preterite ('So fassten die Grünen am Donnerstag …', 'explodierten bereits am Abend'); an
# adjective in '-ten' is followed by its noun ('die alten Häuser').
# Present tense verbs whose stem ends in -t ('bieten', 'gelten', 'arbeiten', 'berichten') are no preterites.
_T_STEM_PRESENT = (r"(?:bieten|gelten|halten|raten|treten|bitten|streiten|reiten|gleiten|leiten|breiten|arbeiten|"
                   r"warten|achten|richten|fürchten|leisten|kosten|starten|testen|retten|deuten|trachten|walten|"
                   r"stalten|schalten|spalten|fechten|zichten|pflichten|mieten|fasten|lasten|listen|rüsten|posten)")
_PRETERITE_BEFORE_ARTICLE = re.compile(
    r"\b(?<![-])(?!letzte|erste|beste|meiste|nächste|heute|bitte)(?![a-zäöüß]*" + _T_STEM_PRESENT + r"\b)"
    r"[a-zäöüß]{2,}te[nt]?\s+"
    r"(?=(?:die|der|das|den|dem|des|ein|eine|einen|einem|er|sie|es|wir|ihr|man|am|im|bereits|erst|noch|"
    r"nur|auch|sich|zuletzt|damals)\b)")
_MODAL = re.compile(r"\b(?:kann|können|könne|soll|sollen|solle|will|wollen|muss|müssen|müsse|darf|dürfen|"
                    r"möchte|möchten|wird|werden|werde)\b")
_PRESENT_MODAL = re.compile(r"\b(?:kann|können|muss|müssen|darf|dürfen)\b")
_AUXILIARY = re.compile(r"\b(?:hat|haben|habe|hatte|hatten|ist|sind|sei|seien|war|waren)\b")
_TARGET_BEFORE = re.compile(r"\b(?:[Aa]b|[Ff]ür|[Zz]um|[Aa]uf\s+den)\s+$")
_PERFECT_INFINITIVE = re.compile(r"\b[a-zäöüß]{3,}(?:t|en)\s+(?:haben|sein)\b")
_FUTURE = re.compile(
    r"\b(?:wird|werden|werde|soll|sollen|will|wollen|plant|planen|geplant|vorgesehen|angesetzt|"
    r"voraussichtlich|künftig|bevorstehende[nmrs]?|anstehende[nmrs]?|kommende[nmrs]?|nächste[nmrs]?|stattfinden|"
    r"morgen|demnächst|bald|erwartet|stattfinden)\b"
)
_SET_CUES = re.compile(r"\b(?:jeweils|täglich|wochentags|werktags|beispielsweise|jede[nmrs]?|immer|"
                       r"montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags|meist)\b",
                       re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<![0-9])(?<!\b[A-Z])[.!?]+[\"“”»]?\s+(?=[A-ZÄÖÜ„\"»0-9])|\n+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


@dataclass(slots=True)
class Resolved:
    start: int
    end: int
    type: str
    value: str
    rule: str


class Resolver:
    """Resolves candidates in text order, remembering the last day and year mentioned."""

    def __init__(self, text: str, anchor: Anchor):
        self.text = text
        self.anchor = anchor
        self._sentence_starts: list[int] | None = None
        self.last_day: date | None = None
        self.last_day_paragraph = -1
        self.named_days: list[date] = []
        self._paragraph_starts: list[int] | None = None
        self.last_day_multi = False
        self.last_point: tuple[str, int] | None = None  # (date or time value, paragraph) last resolved
        self.sentence_year: tuple[int, int] | None = None  # (sentence index, year)
        self.sentence_month: tuple[int, int, int] | None = None  # (sentence index, year, month)

    # --- context --------------------------------------------------------------------------------

    @property
    def sentence_starts(self) -> list[int]:
        if self._sentence_starts is None:
            self._sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(self.text)]
        return self._sentence_starts

    def paragraph_index(self, pos: int) -> int:
        """Paragraphs are separated by blank lines; in a text without any, by line breaks."""
        if self._paragraph_starts is None:
            breaks = _BLANK_LINE if _BLANK_LINE.search(self.text) else _LINE_BREAK
            self._paragraph_starts = [0] + [m.end() for m in breaks.finditer(self.text)]
        return bisect.bisect_right(self._paragraph_starts, pos) - 1

    def sentence_index(self, pos: int) -> int:
        return bisect.bisect_right(self.sentence_starts, pos) - 1

    def sentence(self, pos: int) -> tuple[int, int]:
        i = self.sentence_index(pos)
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i], end

    def tense(self, c: Candidate) -> str | None:
        """'past' / 'future' from the verb cue nearest to the expression, None if none."""
        start, end = self.sentence(c.start)
        if _TARGET_BEFORE.search(self.text, max(start, c.start - 10), c.start):
            return None  # 'die Preise ab 1. Oktober zu erhöhen' in a past report: a target, nearest
        clause_start = max(start, self.text.rfind(",", start, c.start) + 1)
        if _FRONTED.fullmatch(self.text, clause_start, c.start) \
                and (_WEAK_PRETERITE.match(self.text, c.end) or _PAST.match(self.text, c.end + 1)):
            return "past"  # 'In der Nacht zum Samstag brannte …': the verb right after a fronted time
        clause_end = min(x for x in (self.text.find(",", c.end, end), end) if x >= 0)
        # the expression's own clause first ('Sie werden beschuldigt, im Februar beteiligt gewesen
        # zu sein'), then the whole sentence
        own = self._nearest_cue(c, clause_start, clause_end)
        if own is None and _PRESENT_MODAL.search(self.text, clause_start, clause_end) \
                and not _PERFECT_INFINITIVE.search(self.text, clause_start, clause_end) \
                and not self.text[max(start, c.start - 4):c.start].endswith("vom "):  # 'die Zahlen vom Montag'
            return "future"  # 'können die Retter frühestens am Sonntag eintreffen': what may yet happen
        return own or self._nearest_cue(c, start, end)

    def _nearest_cue(self, c: Candidate, start: int, end: int) -> str | None:
        best: tuple[int, str] | None = None
        cues = [(_PAST, "past"), (_ATTRIBUTIVE_PARTICIPLE, "past"), (_PRETERITE_BEFORE_ARTICLE, "past"),
                (_FUTURE, "future")]
        if not _MODAL.search(self.text, start, end):
            cues.append((_CLAUSE_FINAL_PRETERITE, "past"))  # after a modal, '-ten' ends an infinitive
        if _AUXILIARY.search(self.text, start, end):
            cues += [(_PARTICIPLE, "past"), (_INSEPARABLE_PARTICIPLE, "past")]
        alleged_past = bool(_PERFECT_INFINITIVE.search(self.text, start, end))
        for pattern, name in cues:
            for m in pattern.finditer(self.text, start, end):
                if c.start <= m.start() < c.end:
                    continue
                found = "past" if name == "future" and alleged_past and m.group() in {"soll", "sollen"} \
                    else name  # 'soll … gestohlen haben': an alleged past
                distance = m.start() - c.end if m.start() >= c.end else c.start - m.end()
                if best is None or distance < best[0]:
                    best = (distance, found)
        return best[1] if best else None

    def year_in_sentence(self, pos: int) -> int | None:
        if self.sentence_year and self.sentence_year[0] == self.sentence_index(pos):
            return self.sentence_year[1]
        return None

    def year_nearby(self, c: Candidate, anaphoric: bool = False) -> int | None:
        """A year named in this sentence, or in the previous one if no tense cue decides
        (or the expression points back to it: 'Ende des Jahres')."""
        same = self.year_in_sentence(c.start)
        if same:
            return same
        if self.sentence_year and self.sentence_year[0] == self.sentence_index(c.start) - 1 \
                and (anaphoric or self.tense(c) is None):
            return self.sentence_year[1]
        return None

    def context_year(self, c: Candidate, month: int, day: int | None) -> int | None:
        """The year named nearby for a month (and day) without one, unless the tense puts it on the
        other side of publication ('Der Abschluss für 2004 wird im April veröffentlicht' in March
        2005 is April 2005)."""
        year, anchor = self.year_nearby(c), self.anchor.date
        if year is None or anchor is None:
            return year
        gap = (date(year, month, day or 15) - anchor).days
        tense = self.tense(c)
        if (tense == "future" and gap < -31) or (tense == "past" and gap > 31):
            return None
        return year

    def remember_day(self, day: date | None, c: Candidate, multi: bool = False) -> None:
        if day is not None:
            if c.kind == "date":
                self.named_days.append(day)  # a day the text spelled out (not one we inferred)
            self.last_day = day
            self.last_day_paragraph = self.paragraph_index(c.start)
            self.last_point = (day.isoformat(), self.last_day_paragraph)
            self.last_day_multi = multi

    def reference_day(self) -> date | None:
        return self.last_day or self.anchor.date

    def paragraph_day(self, c: Candidate) -> date | None:
        """The day last named in the expression's paragraph, else the publication day."""
        if self.last_day and self.paragraph_index(c.start) == self.last_day_paragraph:
            return self.last_day
        return self.anchor.date

    # --- dispatch ---------------------------------------------------------------------------------

    def resolve(self, c: Candidate) -> Resolved | None:
        method = getattr(self, "_" + c.kind)
        out = method(c)
        if out is None:
            return None
        kind, value = out
        return Resolved(c.start, c.end, kind, value, c.rule)

    def _fixed(self, c: Candidate):
        return c.data["type"], c.data["value"]

    def _date(self, c: Candidate):
        d = c.data
        year = d["year"]
        if year is None and d.get("year_offset") is not None and self.anchor.year:
            year = self.anchor.year + d["year_offset"]
        year = year or self._year_of_weekday(d) or self.context_year(c, d["month"], d["day"]) or year_for(
            self.anchor, d["month"], d["day"], self.tense(c) or "")
        if year is None:
            self.remember_day(None, c)
            return "DATE", f"XXXX-{d['month']:02d}-{d['day']:02d}"
        if not valid_day(year, d["month"], d["day"]):
            return None
        if d["year"]:
            self.sentence_year = (self.sentence_index(c.start), d["year"])
        day = date(year, d["month"], d["day"])
        self.remember_day(day, c, d.get("multi", False))
        if d.get("night"):
            day -= timedelta(days=1)  # 'in der Nacht zum 1. Januar': New Year's Eve
        return _with_part("DATE", day.isoformat(), d.get("part"))

    def _year_of_weekday(self, d: dict) -> int | None:
        """'Sonntag, 8. Januar' without a year: the year around publication in which 8 January is
        a Sunday (a year named nearby — '1989 bis 1997 Präsident' — may not fit the weekday)."""
        if not d.get("weekday") or not self.anchor.year:
            return None
        for year in (self.anchor.year, self.anchor.year - 1, self.anchor.year + 1):
            if valid_day(year, d["month"], d["day"]) \
                    and date(year, d["month"], d["day"]).isoweekday() == d["weekday"]:
                return year
        return None

    def _month(self, c: Candidate):
        d = c.data
        year = d["year"]
        if year is None and d["year_offset"] is not None and self.anchor.year:
            year = self.anchor.year + d["year_offset"]
        if year is None and d["same_year_ref"]:
            year = self.year_nearby(c, anaphoric=True) or self.anchor.year
        if year is None:
            year = self.context_year(c, d["month"], None) or year_for(self.anchor, d["month"], None, self.tense(c) or "")
        if d["year"]:
            self.sentence_year = (self.sentence_index(c.start), d["year"])
        prefix = f"{year}" if year else "XXXX"
        if year:
            self.sentence_month = (self.sentence_index(c.start), year, d["month"])
        if d["mod"] in {"mitte", "mid"}:
            return "DATE", f"{prefix}-{d['month']:02d}-15"
        return "DATE", f"{prefix}-{d['month']:02d}"

    def _year(self, c: Candidate):
        self.sentence_year = (self.sentence_index(c.start), c.data["year"])
        return "DATE", str(c.data["year"])

    def _decade(self, c: Candidate):
        value = c.data["value"]
        if value.startswith("X"):
            decade = int(value[1])
            century = "20" if self.anchor.year and 2000 + decade * 10 <= self.anchor.year else "19"
            value = f"{century}{decade}"
        return "DATE", value

    def _weekday(self, c: Candidate):
        d = c.data
        anchor = self.anchor.date
        if anchor is None:
            return _with_part("DATE", f"XXXX-WXX-{d['weekday']}", d["part"])
        day = self._named_weekday(c) if not d["direction"] else None
        if d.get("week") is not None:  # 'am Donnerstag vergangener Woche': that week's Thursday
            monday = anchor - timedelta(days=anchor.isoweekday() - 1) + timedelta(days=7 * d["week"])
            day = monday + timedelta(days=d["weekday"] - 1)
        if day is None:
            direction = d["direction"] or {"past": "past", "future": "future"}.get(self.tense(c) or "", "nearest")
            if not d["direction"] and d["weekday"] == anchor.isoweekday():
                # News usage: a bare "am Freitag" in Friday's paper is that Friday, whatever the tense.
                direction = "nearest"
            day = weekday_date(anchor, d["weekday"], direction)
            if direction == "this":  # 'hat diesen Samstag angekündigt' on a Wednesday: the one before
                tense = self.tense(c)
                day += timedelta(days=-7 if tense == "past" and day > anchor else
                                 7 if tense == "future" and day < anchor else 0)
        self.remember_day(day + timedelta(days=1) if d.get("morning_after") else day, c)
        if d.get("night"):
            day -= timedelta(days=1)  # 'in der Nacht zum Samstag': Friday night
        return _with_part("DATE", day.isoformat(), d["part"])

    def _named_weekday(self, c: Candidate) -> date | None:
        """The day a bare weekday names when the text already did: its date in apposition
        ('am Montag, dem 18. Juni'), or a day of that weekday named earlier within the week
        around publication ('am Montag, 18. Juni, … . Die Autobahn war am Montag gesperrt')."""
        d, anchor = c.data, self.anchor.date
        if d.get("appos"):
            day_number, month = d["appos"]
            year = year_for(self.anchor, month, day_number, "past")
            if year and valid_day(year, month, day_number) \
                    and date(year, month, day_number).isoweekday() == d["weekday"]:
                return date(year, month, day_number)
        tense = self.tense(c)
        for day in reversed(self.named_days):
            if day.isoweekday() == d["weekday"] and abs((anchor - day).days) <= 7 \
                    and not (tense == "future" and day < anchor) and not (tense == "past" and day > anchor):
                return day
        return None

    def _heute(self, c: Candidate):
        sentence = self.sentence(c.start)
        if _generic_today(self.text, c.start, c.end, sentence) or self._today_against_then(c, sentence):
            return "DATE", "PRESENT_REF"
        return self._relative_day(c)

    def _today_against_then(self, c: Candidate, sentence: tuple[int, int]) -> bool:
        """'Als er den Hof 1991 übernahm, gab es 14 Betriebe. Heute sind es drei.': a 'Heute'
        opening its sentence right after one about the past ('damals', 'früher', a year long
        gone) sets the present against it."""
        if c.start != sentence[0] or sentence[0] == 0:
            return False
        previous = self.sentence(sentence[0] - 1)
        if _THEN.search(self.text, *previous):
            return True
        years = [int(y) for y in _YEAR_IN_TEXT.findall(self.text, *previous)]
        return bool(self.anchor.year and years and min(years) < self.anchor.year - 5)

    def _relative_day(self, c: Candidate):
        anchor = self.anchor.date
        if anchor is None:
            return _with_part("DATE", "XXXX-XX-XX", c.data["part"])
        day = anchor + timedelta(days=c.data["offset"])
        self.remember_day(day, c)
        return _with_part("DATE", day.isoformat(), c.data["part"])

    def _ref_day(self, c: Candidate):
        base = self.reference_day()
        if base is None:
            return "DATE", "XXXX-XX-XX"
        day = base + timedelta(days=c.data["offset"])
        return _with_part("DATE", day.isoformat(), c.data.get("part"))

    def _day_part(self, c: Candidate):
        if c.data.get("past_only") and self.tense(c) != "past":
            return None
        base = self.paragraph_day(c)
        if base is None:
            return "TIME", f"XXXX-XX-XXT{c.data['part']}"
        if c.data.get("next"):
            base += timedelta(days=1)
        return "TIME", f"{base.isoformat()}T{c.data['part']}"

    def _unit_rel(self, c: Candidate):
        d = c.data
        unit, offset = d["unit"], d["offset"]
        base = self.anchor.date
        if d.get("base") == "ref" and self.last_day:
            base = self.last_day
        if d.get("base") == "ref_month" and self.sentence_month \
                and self.sentence_month[0] == self.sentence_index(c.start):
            _, year, month = self.sentence_month
            return "DATE", f"{year - 1}-{month:02d}"
        if unit == "Y":
            year = self.anchor.year
            if d.get("base") in {"ref_year", "ref_month"}:
                year = self.year_nearby(c, anaphoric=True) or year
            elif d.get("base") == "ref" and self.last_day:
                year = self.last_day.year
            return "DATE", f"{year + offset}" if year else "XXXX"
        if unit == "DE":
            return "DATE", f"{(self.anchor.year or 0) // 10 + offset}" if self.anchor.year else "XXX"
        if unit == "CE":  # 'im vorigen Jahrhundert'
            return "DATE", f"{self.anchor.year // 100 + offset:02d}" if self.anchor.year else "XX"
        if unit in {"M", "Q", "H"}:
            if not (self.anchor.year and self.anchor.month):
                return "DATE", "XXXX-XX"
            if unit == "M":
                y, m = add_months(self.anchor.year, self.anchor.month, offset)
                return "DATE", f"{y}-{m:02d}"
            size = 3 if unit == "Q" else 6
            index = (self.anchor.year * 12 + self.anchor.month - 1) // size + offset
            per_year = 12 // size
            return "DATE", f"{index // per_year}-{unit}{index % per_year + 1}"
        if base is None:
            return "DATE", "XXXX-WXX"
        if unit == "WE" and d.get("tense_week"):
            offset = self._weekend_offset(c, base)
        week = iso_week(base + timedelta(days=7 * offset))
        return "DATE", week + ("-WE" if unit == "WE" else "")

    def _weekend_offset(self, c: Candidate, base: date) -> int:
        """'am Wochenende' in a past-tense sentence written on a weekday: the one before."""
        if base.isoweekday() >= 6:
            return 0
        return -1 if self.tense(c) == "past" else 0

    def _season(self, c: Candidate):
        d = c.data
        year = d["year"]
        if year is None and self.anchor.year:
            if d["relative"] and d["offset"] and self.anchor.month:
                year = _next_or_last_season(self.anchor, _SEASON_START[d["season"]], d["offset"])
            elif d["relative"]:
                year = self.anchor.year + d["offset"]
            else:
                year = self.year_nearby(c) or _period_year(self.anchor, _SEASON_START[d["season"]], 3, self.tense(c))
        return "DATE", f"{year or 'XXXX'}-{d['season']}"

    def _quarter(self, c: Candidate):
        d = c.data
        year = d["year"]
        first_month = (d["n"] - 1) * (6 if d["half"] else 3) + 1
        if year is None and self.anchor.year:
            if d["offset"] or d.get("relative"):
                year = self.anchor.year + d["offset"]
            else:
                year = self.year_nearby(c) or _period_year(self.anchor, first_month, 6 if d["half"] else 3,
                                                           self.tense(c))
        return "DATE", f"{year or 'XXXX'}-{'H' if d['half'] else 'Q'}{d['n']}"

    def _holiday(self, c: Candidate):
        """A holiday's day, kept as the reference for what follows; its value is XXXX-XX-XX as
        the KRAUTS annotation has it ('Heiligen Abend', 'Fronleichnam')."""
        rule = c.data["rule"]
        year = c.data["year"] or self.year_in_sentence(c.start) or self.anchor.year
        if year is None:
            return "DATE", "XXXX-XX-XX"
        day = _holiday_date(rule, year)
        if not c.data["year"] and self.anchor.date:
            tense = self.tense(c)
            if tense == "past" and day > self.anchor.date:
                day = _holiday_date(rule, year - 1)
            elif tense == "future" and day < self.anchor.date:
                day = _holiday_date(rule, year + 1)
        self.remember_day(day, c)  # 'Zu Weihnachten um 20 Uhr': the clock time still gets the day
        # KRAUTS (Dolomiten) and the real-news gold leave a holiday's value unresolved
        return "DATE", "XXXX-XX-XX"

    def _shift(self, c: Candidate):
        d = c.data
        unit, amount, sign = d["unit"], d["amount"], d["direction"]
        if unit in {"S", "MIN", "H"}:
            return "TIME", "XXXX-XX-XXTXX:XX"
        base = self.reference_day()
        if base is None or amount is None or amount != int(amount):
            return "DURATION", duration_value(amount, unit)
        n = int(amount) * sign
        if unit == "D":
            day = base + timedelta(days=n)
            self.remember_day(day, c)
            return "DATE", day.isoformat()
        if unit == "W":
            return "DATE", iso_week(base + timedelta(days=7 * n))
        if unit == "M":
            y, m = add_months(base.year, base.month, n)
            return "DATE", f"{y}-{m:02d}"
        if unit == "Y":
            return "DATE", str(base.year + n)
        return "DURATION", duration_value(amount, unit)

    def _time(self, c: Candidate):
        d = c.data
        clock = f"T{d['hour']:02d}:{d['minute']:02d}"
        day = self._day_for_time(c)
        if day is None:
            return "TIME", clock
        self.last_point = (day.isoformat() + clock, self.paragraph_index(c.start))
        return "TIME", day.isoformat() + clock

    def _time_point(self, c: Candidate):
        """'zu diesem Zeitpunkt': the day or clock time last named in the paragraph, else the day
        the text is talking about."""
        if self.last_point and self.last_point[1] == self.paragraph_index(c.start):
            value = self.last_point[0]
            return ("TIME" if "T" in value else "DATE"), value
        day = self.reference_day()
        return "DATE", day.isoformat() if day else "XXXX-XX-XX"

    def _day_for_time(self, c: Candidate) -> date | None:
        """The day a clock time belongs to: the reference time of its sentence — the day last
        named in its paragraph ('Am Samstag startete … . Die Suche begann um 10:05 Uhr'), else
        the publication day. None for a schedule ('jeweils 20 Uhr', 'wochentags von 14 bis
        18 Uhr') or a day list ('25. und 26. August von 10-18 Uhr')."""
        start, _ = self.sentence(c.start)
        if _SET_CUES.search(self.text, max(start, c.start - 30), c.start):
            return None
        if self.last_day and self.paragraph_index(c.start) == self.last_day_paragraph:
            return None if self.last_day_multi else self.last_day
        return self.anchor.date


def _period_year(anchor: Anchor, start_month: int, months: int, tense: str | None) -> int:
    """The year of a season or quarter named without one: the publication year's ('im Herbst'
    in June, 'das erste Halbjahr' in September, whatever the tense: reports look back at the
    period just gone and ahead at the one to come), unless the tense puts it wholly on the other
    side of publication ('im Frühjahr wird gebaut' in November: next year's)."""
    if anchor.month is None:
        return anchor.year
    if tense == "future" and start_month + months <= anchor.month:
        return anchor.year + 1
    if tense == "past" and start_month > anchor.month + months:
        return anchor.year - 1
    return anchor.year


def _next_or_last_season(anchor: Anchor, start_month: int, offset: int) -> int:
    """'nächsten Winter' in March 2025 is the winter starting in December 2025; 'letzten Sommer'
    in October is the summer just gone, in March the one of the year before."""
    if offset > 0:
        return anchor.year if start_month > anchor.month else anchor.year + 1
    return anchor.year if start_month + 3 <= anchor.month else anchor.year - 1


def _with_part(kind: str, value: str, part: str | None) -> tuple[str, str]:
    return ("TIME", f"{value}T{part}") if part else (kind, value)


def _holiday_date(rule: str, year: int) -> date:
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[len("easter"):]))
    month, day = (int(x) for x in rule.split("-"))
    return date(year, month, day)


_GENERIC_TODAY_BEFORE = re.compile(r"(?:bis|noch|auch|von|wie\s+wir|schon|erst|selbst|gerade)\s+$", re.IGNORECASE)
_GENERIC_TODAY_AFTER = re.compile(r"^\s+(?:noch|würde|wäre|hätte|mehr|gilt|wissen|weiß)\b")
# 'Heute lebt sie in Berlin', 'Heute gehört das Lokal …': a state, not what happened that day
_STATE_AFTER_TODAY = re.compile(r"^\s+(?:lebt|leben|wohnt|wohnen|gehört|gehören|gelten|besteht|bestehen|"
                                r"befindet|befinden|zählt|zählen|heißt|heißen)\b")
_THEN = re.compile(r"\b(?:damals|[Ff]rüher|einst|seinerzeit|[Dd]amals)\b")
_YEAR_IN_TEXT = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
_SUBJUNCTIVE = re.compile(r"\b(?:würde|würden|wäre|wären|hätte|hätten|könnte|könnten)\b")


def _generic_today(text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """'bis heute', 'heute noch', 'wie wir heute wissen', 'Heute lebt sie in Berlin': the present,
    not the publication day."""
    before = text[max(sentence[0], start - 15):start]
    after = text[end:end + 15]
    if _GENERIC_TODAY_BEFORE.search(before) or _GENERIC_TODAY_AFTER.match(after) \
            or _STATE_AFTER_TODAY.match(after):
        return True
    return bool(_SUBJUNCTIVE.search(text, sentence[0], sentence[1]))


# --- the sentence reference time and statement dates (claims take `when` only from here) --------

# Calendar values a statement can be dated by (days, months, weeks, years; a time of day keeps
# its date): not durations, sets or PRESENT_REF.
_DATED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CALENDAR_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_TARGET_PREPOSITIONS = frozenset({"für", "bis", "ab", "seit"})
_PERFECT_AUXILIARIES = frozenset({"hatte", "hatten", "hat", "haben", "war", "waren"})
_RELATIVE_PRONOUNS = frozenset({"die", "der", "das", "den", "welche", "welcher"})
_AFTER_CUE = frozenset({"am", "im", "an", "zum"})
# First words of source markers ('laut X', 'X zufolge', 'nach Angaben', 'wie X mitteilte'): a
# marker is no verb, its content is the whole sentence, and a date after it is the content's.
_MARKER_WORDS = frozenset({"laut", "zufolge", "gemäß", "nach", "angaben", "so", "wie", "demnach",
                           "wonach", "in", "im", "unter", "aus", "seiner", "ihrer", "dem", "den"})

Chars = tuple[int, int]


def _published(doc) -> str | None:
    article = doc._.article
    return (article.published if article is not None else None) or None


def _doc_times(doc) -> list:
    """The article's time expressions, tagged once per doc (cached on it)."""
    cached = doc.user_data.get("newsledger.times")
    if cached is None:
        from newsledger.extractors.times import find_times  # the package imports this module

        cached = doc.user_data["newsledger.times"] = list(find_times(doc))
    return cached


def reference_time(doc, char: int) -> str | None:
    """The date the text is talking about at ``char``: the last day it named before ``char``
    in the same paragraph (a report continues its event: 'Am Dienstag … . Um 20 Uhr …'),
    never one after publication; else the publication date; None when there is neither."""
    paragraph = paragraph_index(doc, char)
    published = (_published(doc) or "")[:10]
    last = None
    for t in _doc_times(doc):
        if t.start >= char:
            break
        day = (t.value or "")[:10]
        if _DAY_VALUE.match(day) and paragraph_index(doc, t.start) == paragraph \
                and not (published and day > published):
            last = day
    return last or published or None


def statement_date(doc, sentence: Chars, cue: Chars | None, times: Sequence, *,
                   content: Chars | None = None, figure: int | None = None) -> tuple[str | None, str | None]:
    """(when, refers_to) of a statement made with ``cue`` about a figure in ``sentence``.

    ``when`` is a date of the attribution, in the cue's sentence: outside the stated
    ``content`` (default: a source marker's content is its sentence, a cue verb's the sentence
    less the verb's clause); in the cue's clause when that is a ``wie X berichtete`` clause or a
    cue verb in the perfect ('Am Donnerstag hatte die Behörde … mitgeteilt'); right after the cue
    verb ('meldete am Montag'); in a relative clause on the source ('laut Zahlen, die am Dienstag
    veröffentlicht wurden'). Never a date after publication nor a 'für' / 'bis' / 'ab' target.
    Without one: the publication date. ``refers_to`` is another date of the stated content in
    ``sentence`` (in the ``figure``'s clause when given): a forecast's target, the counted
    event's time.
    """
    dated = sorted((t for t in times if _DATED.match(t.value or "")), key=lambda t: t.start)
    stated, in_content = None, (lambda char: True)
    if cue is not None:
        in_content = _content_test(doc, cue, content)
        stated = _stated_date(doc, cue, in_content, dated)
    else:
        stated = _presented_in(doc, sentence, dated)
    refers = [t for t in dated
              if sentence[0] <= t.start < sentence[1] and t.value != stated and in_content(t.start)
              and (figure is None or _same_clause(doc, t.start, figure))]
    return stated or report_date(doc, dated, sentence[0]) or _published(doc), refers[0].value if refers else None


def _presented_in(doc, sentence: Chars, dated: Sequence) -> str | None:
    """A figure without a source, in a sentence that presents it on a named day ('Am 9. Juni
    stellte der Bürgermeister seine Pläne vor: 300 Wohnungen …'): that day."""
    published = (_published(doc) or "")[:10]
    if not _REPORT_EVENT.search(text_of(doc), *sentence):
        return None
    for t in dated:
        day = (t.value or "")[:10]
        if sentence[0] <= t.start < sentence[1] and _DAY_VALUE.match(day) and not (published and day > published) \
                and not _is_target(doc, t) and not _in_range(doc, t):
            return t.value
    return None


# A report being published or presented: 'veröffentlichte am Donnerstag', 'in einem gestern
# veröffentlichten Bericht', 'stellte … die Statistik vor', 'zur Vorstellung des Berichts am Montag'.
_REPORT_EVENT = re.compile(
    r"\b(?:veröffentlich\w*|erschien(?:en)?|vorgestellt\w*|vorgelegt\w*|vorstellte[n]?|vorlegte[n]?|bekanntgaben?|"
    r"bekanntgegeben\w*|bekannt\s+gegeben\w*|präsentiert\w*|"
    r"Pressekonferenz|Vorstellung|Veröffentlichung|(?:stellte|stellten|legte|legten)\b[^.;:]*\bvor|"
    r"(?:gab|gaben)\b[^.;:]*\bbekannt)\b")
# What was published has figures: a report, a study, statistics ('Verfassungsschutzberichts',
# 'Forschungsergebnisse'); a programme or a product presented has none of its own.
_REPORT_NOUN = re.compile(r"(?:[Bb]ericht|[Ss]tudie|[Ss]tatistik|Zahlen|[Ee]rgebniss?e?|[Uu]mfrage|Daten|[Bb]ilanz|"
                          r"[Pp]rognose|[Ss]chätzung|[Aa]nalyse|[Ee]rhebung|[Uu]ntersuchung|[Rr]eport|[Aa]uswertung)")
# after the lead, a source marker makes the publication one sentence's source ('laut einer am
# Dienstag veröffentlichten Pressemitteilung'), not the article's
_LEAD_PARAGRAPHS = 1  # the lead: the first two paragraphs (a headline or teaser line may be one)
_MARKER = re.compile(r"\b(?:[Ll]aut|zufolge|[Gg]emäß)\b")


def report_date(doc, dated: Sequence, char: int) -> str | None:
    """The day the report an article is about was published or presented, when the text names
    it ('Diese Zahlen veröffentlichte am Donnerstag die Regierung'): the statement date of the
    figures at ``char`` that carry no date of their own — in the paragraphs up to the report's,
    and in the later ones that go on with it: a paragraph that refers back to it ('heißt es in
    dem Bericht') or, right after such a one, names no other source. Past those the text has
    moved on to other sources. A broadcast or interview the text reproduces ('Auszug aus der
    Sendung vom Mittwochabend') dates all of it. The first such day, never one after publication."""
    key = "newsledger.report_date"
    if key not in doc.user_data:
        doc.user_data[key] = _first_report(doc, dated)
    report = doc.user_data[key]
    if report is None:
        return None
    day, paragraph, noun = report
    here = paragraph_index(doc, char)
    if noun is None:
        return day
    back_reference = re.compile(rf"\b(?:der|des|dem|die|den|diese[mnrs]?)\s+(?:\w+)?{noun}", re.IGNORECASE)
    going_on = True
    for index in range(paragraph + 1, here + 1):
        start, end = doc._.paragraphs[index] if index < len(doc._.paragraphs) else (char, len(text_of(doc)))
        going_on = bool(back_reference.search(text_of(doc), start, end)) or (
            going_on and not _OTHER_SOURCE.search(text_of(doc), start, end))
    return day if going_on else None


# A paragraph naming a source of its own ('laut Kötter', 'sagte der Sprecher', 'teilte … mit')
_OTHER_SOURCE = re.compile(r"\b(?:[Ll]aut|zufolge|[Gg]emäß|[Gg]emäss|[Nn]ach\s+(?:\w+\s+)?Angaben|sagte[n]?|sagt|"
                           r"erklärte[n]?|"
                           r"teilte[n]?|berichtete[n]?|meldete[n]?|betonte[n]?|kritisierte[n]?|forderte[n]?|"
                           r"warnte[n]?|bezifferte[n]?|zählte[n]?|sprach(?:en)?|fordert|fordern|rechnet|rechnen|"
                           r"schätzte?[n]?|kündigte[n]?|verwies(?:en)?|nannte[n]?|"
                           r"[Nn]ach\s+(?:seiner|ihrer|deren)\s+\w+|"
                           r"so\s+(?:der|die)|hieß\s+es)\b")


_TALK_OF = re.compile(r"\b(?:Sendung|Interview|Gespräch|Talkshow|Podcast|Diskussion|Gesprächsrunde)\s+vom\s+$")


def _first_report(doc, dated: Sequence) -> tuple[str, int, str | None] | None:
    """(day, paragraph, report noun) of the first report event (no noun for a broadcast or an
    interview the text reproduces), None without one."""
    published = (_published(doc) or "")[:10]
    for t in dated:
        day = (t.value or "")[:10]
        if not _DAY_VALUE.match(day) or (published and day > published) or _is_target(doc, t):
            continue
        start, end = _sentence_chars(doc, t.start)
        paragraph = paragraph_index(doc, start)
        if paragraph <= _LEAD_PARAGRAPHS and _TALK_OF.search(text_of(doc), max(start, t.start - 30), t.start):
            return day, paragraph, None  # 'Auszug aus der Sendung vom Mittwochabend': all that follows was said then
        if _in_range(doc, t) or (paragraph > _LEAD_PARAGRAPHS and _MARKER.search(text_of(doc), start, end)):
            continue
        noun = _REPORT_NOUN.search(text_of(doc), start, end)
        if noun and _REPORT_EVENT.search(text_of(doc), start, end):
            return day, paragraph, re.escape(noun.group().lower())
    return None


def _is_marker(doc, cue: Chars) -> bool:
    return _token_at(doc, cue[0]).lower_ in _MARKER_WORDS


def _content_test(doc, cue: Chars, content: Chars | None):
    """Whether a char is inside the statement's content (see :func:`statement_date`)."""
    if content is not None:
        return lambda char: content[0] <= char < content[1]
    if _is_marker(doc, cue):
        return lambda char: True
    clause = _clause(doc, cue[0])
    sentence = _sentence_chars(doc, cue[0])
    if clause == sentence:
        return lambda char: True  # 'Die Kammer meldete 500 Insolvenzen': a reported statement
    return lambda char: not clause[0] <= char < clause[1]


def _stated_date(doc, cue: Chars, in_content, dated: Sequence) -> str | None:
    sentence = _sentence_chars(doc, cue[0])
    clause = _clause(doc, cue[0])
    verb = not _is_marker(doc, cue)
    relative = None if verb else _relative_clause_after(doc, cue)
    words = {t.lower_ for t in doc.char_span(*clause, alignment_mode="expand")}
    perfect = verb and bool(words & _PERFECT_AUXILIARIES) \
        and text_of(doc)[cue[0]:cue[1]].lower() not in _PERFECT_AUXILIARIES
    for t in dated:
        if not sentence[0] <= t.start < sentence[1] or _is_target(doc, t):
            continue
        if not in_content(t.start):
            return t.value
        if relative is not None and relative[0] <= t.start < relative[1]:
            return t.value  # 'laut Zahlen, die am Dienstag veröffentlicht wurden'
        in_clause = clause[0] <= t.start < clause[1]
        if in_clause and (_token_at(doc, clause[0]).lower_ == "wie" or perfect):
            return t.value
        if verb and _right_after(doc, cue, t.start):
            return t.value  # 'Die Behörde meldete am Montag 300 Fälle'
        if not verb and _dates_the_source(doc, cue, t):
            return t.value  # 'nach Angaben der Polizei vom Dienstag'
    return None


def _is_target(doc, time) -> bool:
    """A date no statement was made on: after the publication date ('2025' in an article of
    2024), the period publication falls in ('heuer', 'in diesem Monat': what the figure is
    about; the publication day says more), or the target or start of 'für' / 'bis' / 'ab' /
    'seit' ('für das laufende Jahr', 'bis Dezember', 'seit 2015 dabei')."""
    value, published = time.value or "", _published(doc) or ""
    if published and _CALENDAR_VALUE.match(value) and value >= published[:len(value)] and value != published[:10]:
        return True
    first = _token_at(doc, time.start)
    before = doc[first.i - 1].lower_ if first.i > 0 else ""
    return first.lower_ in _TARGET_PREPOSITIONS or before in _TARGET_PREPOSITIONS


def _in_range(doc, time) -> bool:
    """'in der Woche vom 20. bis zum 26. September': one end of a period, not a day."""
    before = text_of(doc)[max(0, time.start - 5):time.start].split()
    return before[-1:] in (["vom"], ["von"], ["zum"], ["bis"]) or text_of(doc)[time.end:time.end + 5].split()[:1] == ["bis"]


def _right_after(doc, cue: Chars, char: int) -> bool:
    between = text_of(doc)[cue[1]:char].split()
    return char >= cue[1] and len(between) <= 1 and all(w.lower() in _AFTER_CUE for w in between)


# Any verb's participle declined as an adjective, inseparable prefixes included
# ('veröffentlichten', 'vorgelegten', 'publizierten'): inside a source phrase nothing else fits.
_DECLINED_PARTICIPLE = re.compile(r"[a-zäöüß]{4,}(?:te|ene)[nmrs]?")


def _dates_the_source(doc, cue: Chars, time) -> bool:
    """A date inside the marker's phrase, a few words after the cue with no clause break:
    'nach Angaben der Polizei vom Dienstag', 'laut einer am Dienstag veröffentlichten Studie'."""
    first, last = _token_at(doc, time.start), _token_at(doc, time.end - 1)
    if time.start < cue[1] or first.i == 0:
        return False
    between = doc.char_span(cue[0], first.idx, alignment_mode="expand")
    if between is None or len(between) > 8 or any(t.text in _CLAUSE_BREAKS for t in between):
        return False
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return doc[first.i - 1].lower_ == "vom" or (
        after is not None and _DECLINED_PARTICIPLE.fullmatch(after.text) is not None)


def _relative_clause_after(doc, cue: Chars) -> Chars | None:
    """The relative clause right after a source marker's phrase ('Nach ersten Schätzungen, die
    das Ministerium am Donnerstag vorlegte, …'), within a few words of the marker."""
    i = _token_at(doc, cue[0]).i
    sent_end = _token_at(doc, cue[0]).sent.end
    limit = min(i + 8, sent_end - 1)
    while i < limit and doc[i].text != ",":
        i += 1
    if doc[i].text != "," or i + 1 >= sent_end or doc[i + 1].lower_ not in _RELATIVE_PRONOUNS:
        return None
    end = i + 1
    while end < sent_end and doc[end].text not in {",", ".", ";", ":"}:
        end += 1
    return doc[i].idx, doc[min(end, len(doc) - 1)].idx


def _sentence_chars(doc, char: int) -> Chars:
    sent = _token_at(doc, char).sent
    return sent.start_char, sent.end_char


def _clause(doc, char: int) -> Chars:
    span = clause(doc, char)
    return span.start_char, span.end_char


_CLAUSE_BREAKS = CLAUSE_PUNCT | {"(", ")", "„", "“", '"', "»", "«"}


def _same_clause(doc, a: int, b: int) -> bool:
    low, high = sorted((a, b))
    span = doc.char_span(low, high, alignment_mode="expand")
    return span is not None and not any(t.text in _CLAUSE_BREAKS for t in span)
