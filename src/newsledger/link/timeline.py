"""Timelines and statuses of one figure group.

Each claim allows an **interval** of true values, read from its qualifier:

=========  =====================  ==========================================
qualifier  interval               note
=========  =====================  ==========================================
exact      [v, v]
about      [v·(1-t), v·(1+t)]     t = ABOUT_TOLERANCE = 10 % ("rund 10.000")
at_least   [v, ∞)                 "mindestens"
more_than  (v, ∞)                 "mehr als", "über"
up_to      [0, v]                 "bis zu", "höchstens"
less_than  [0, v)                 "weniger als", "knapp", "fast"
range      [low, high]            "zwischen 8.000 und 10.000"; vague words
=========  =====================  ==========================================

A vague word ("Tausende" = 2,000–9,999, qualifier ``about`` with low < high) keeps its
range as given. :func:`relations` gives each pair of claims of a group a status, by the
first rule that applies:

1. **denied** — exactly one of the two is a denial (``polarity == "denied"``) of a figure
   the other's interval holds (a claim always carries its figure: what is denied is that
   figure, or the fact it counts); a denial of a disjoint figure relates to nothing; two
   denials are **consistent**;
2. same speaker: **consistent** when the intervals overlap, else **revised** (the later
   one revises the earlier);
3. different speakers, overlapping intervals: **confirmed** when the sources are
   independent (different speakers, and not syndicated copies of one text) and their
   central values agree within ``ABOUT_TOLERANCE``, else **consistent**;
4. different speakers, disjoint intervals: **consistent** when the gap between them is
   within ``ABOUT_TOLERANCE`` ("3.000" and "mehr als 3.000"); else **contradicted** when
   both ``when`` are known to the day or week and lie within ``TIME_TOLERANCE_DAYS``.

A later, different figure from another source at another time is an update, not a
conflict: the pair gets no relation (the timeline shows it).
"""

from __future__ import annotations

import csv
import io
import math
from calendar import monthrange
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations

from newsledger.model import Claim, Relation

ABOUT_TOLERANCE = 0.10
# Two statements count as "at the same time" when their `when` periods come this close:
# reports of one statement are often dated a day or two apart.
TIME_TOLERANCE_DAYS = 3
# `when` values coarser than this (a month, a year) never make two claims simultaneous.
MAX_PRECISE_DAYS = 7
INF = math.inf


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a claim allows; ``low_open``/``high_open`` exclude the bound."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        low, low_open = _tighter(self.low, self.low_open, other.low, other.low_open, max)
        high, high_open = _tighter(self.high, self.high_open, other.high, other.high_open, min)
        if low < high:
            return True
        return low == high and not low_open and not high_open

    def __str__(self) -> str:
        left = "(" if self.low_open else "["
        right = ")" if self.high_open or self.high == INF else "]"
        high = "∞" if self.high == INF else f"{self.high:g}"
        return f"{left}{self.low:g}, {high}{right}"


def _tighter(a: float, a_open: bool, b: float, b_open: bool, pick) -> tuple[float, bool]:
    """The tighter of two bounds (pick = max for lower, min for upper bounds)."""
    if a == b:
        return a, a_open or b_open
    return (a, a_open) if pick(a, b) == a else (b, b_open)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One claim on its group's timeline."""

    claim: Claim
    when: str | None
    interval: Interval
    speaker: str | None  # canonical name; None for the outlet itself / unnamed sources
    group: str | None


def interval(claim: Claim) -> Interval:
    """The interval of values ``claim`` allows (see the module table)."""
    value = claim.value
    low, high, qualifier = value.low, value.high, value.qualifier
    if qualifier == "about" and low == high:
        return Interval(low * (1 - ABOUT_TOLERANCE), high * (1 + ABOUT_TOLERANCE))
    if qualifier == "at_least":
        return Interval(low, INF, high_open=True)
    if qualifier == "more_than":
        return Interval(low, INF, low_open=True, high_open=True)
    if qualifier == "up_to":
        return Interval(0.0, high)
    if qualifier == "less_than":
        return Interval(0.0, high, high_open=True)
    return Interval(min(low, high), max(low, high))


def speaker_name(claim: Claim) -> str | None:
    """The claim's source as a name; None for the outlet's own or an unnamed source."""
    speaker = claim.speaker
    if speaker is None or not speaker.named:
        return None
    return speaker.name or speaker.text


def timeline(claims: Iterable[Claim]) -> list[TimelineEntry]:
    """The claims as entries ordered by ``when`` (undated last), then article and value."""
    entries = [
        TimelineEntry(claim=c, when=c.when, interval=interval(c), speaker=speaker_name(c),
                      group=c.group)
        for c in claims
    ]
    return sorted(entries, key=_order)


def _order(entry: TimelineEntry) -> tuple:
    start = _period(entry.when)
    return (start is None, start[0] if start else date.max, entry.claim.article,
            entry.claim.value.low)


def timeline_csv(entries: Sequence[TimelineEntry]) -> str:
    """The timeline as CSV (header + one row an entry), for spreadsheets; ``id`` is the
    claim's :attr:`Claim.id` (what ``newsledger review ID`` takes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "when", "group", "speaker", "value_low", "value_high", "qualifier",
                     "interval", "polarity", "certainty", "article", "sentence"])
    for e in entries:
        c = e.claim
        sentence = c.evidence[0].sentence if c.evidence else ""
        writer.writerow([c.id, e.when or "", e.group or "", e.speaker or "", f"{c.value.low:g}",
                         f"{c.value.high:g}", c.value.qualifier, str(e.interval), c.polarity,
                         c.certainty, c.article, sentence])
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# Statuses


def relations(
    claims: Sequence[Claim],
    *,
    duplicates: Mapping[str, str] | None = None,
    group: str | None = None,
) -> list[Relation]:
    """A status for each pair of ``claims`` (one group) the rules cover, earlier first.

    ``duplicates`` (copy article -> original, as in ``Story.duplicates``) marks
    syndicated copies, which never confirm their original.
    """
    ordered = [e.claim for e in timeline(claims)]
    out = []
    for first, second in combinations(ordered, 2):
        relation = relate(first, second, duplicates=duplicates or {},
                          group=group or first.group or "")
        if relation is not None:
            out.append(relation)
    return out


def relate(first: Claim, second: Claim, *, duplicates: Mapping[str, str] | None = None,
           group: str = "") -> Relation | None:
    """The status of one pair (``first`` no later than ``second``), or None."""
    status, reason = _status(first, second, duplicates or {})
    if status is None:
        return None
    return Relation(group=group, first=first.key, second=second.key, status=status,
                    reason=reason)


def _status(a: Claim, b: Claim, duplicates: Mapping[str, str]) -> tuple[str | None, str]:
    overlap = interval(a).overlaps(interval(b))
    if (a.polarity == "denied") != (b.polarity == "denied"):
        if overlap or _near(interval(a), interval(b)):
            return "denied", "one source denies the figure the other gives"
        return None, ""  # a denial of another figure says nothing about this one
    if a.polarity == "denied":
        return "consistent", "both sources deny"
    if _same_source(a, b):
        if overlap:
            return "consistent", "the same source repeats a compatible figure"
        return "revised", "the same source gives a different figure later"
    if overlap:
        if _independent(a, b, duplicates) and _agree(a, b):
            return "confirmed", "an independent source gives the same figure"
        return "consistent", "the figures' intervals overlap"
    if _near(interval(a), interval(b)):
        return "consistent", "the figures' bounds nearly touch (within the 'about' tolerance)"
    if same_time(a.when, b.when):
        return "contradicted", "different sources, same time, incompatible figures"
    return None, ""


def _near(a: Interval, b: Interval) -> bool:
    """Disjoint intervals whose gap is within ABOUT_TOLERANCE of the larger bound: '3.000'
    and 'mehr als 3.000' differ in wording, not in what they claim."""
    lower, upper = (a, b) if a.high <= b.low else (b, a)
    gap = upper.low - lower.high
    return gap <= ABOUT_TOLERANCE * max(abs(upper.low), abs(lower.high)) if gap >= 0 else True


def _source(claim: Claim) -> str:
    """Who stands behind a claim: its speaker, else the outlet (or article) itself."""
    name = speaker_name(claim)
    return f"speaker:{name}" if name else f"article:{claim.article}"


def _same_source(a: Claim, b: Claim) -> bool:
    return _source(a) == _source(b) and speaker_name(a) is not None


def _independent(a: Claim, b: Claim, duplicates: Mapping[str, str]) -> bool:
    """Different sources, and not one agency text run by two outlets."""
    if _source(a) == _source(b):
        return False
    if a.article == b.article:
        return True  # two named speakers quoted in one article
    return duplicates.get(a.article, a.article) != duplicates.get(b.article, b.article)


def _agree(a: Claim, b: Claim) -> bool:
    """Central values within the 'about' tolerance ('mindestens 3.000' agrees with 3.000)."""
    x, y = _centre(a), _centre(b)
    if x == y:
        return True
    return abs(x - y) <= ABOUT_TOLERANCE * max(abs(x), abs(y))


def _centre(claim: Claim) -> float:
    return (claim.value.low + claim.value.high) / 2


def same_time(a: str | None, b: str | None, *, tolerance_days: int = TIME_TOLERANCE_DAYS) -> bool:
    """True when both ``when`` are known to the day or week and come within the tolerance.

    A month or a year is too coarse to call two statements simultaneous: "Mitte Oktober
    1.500" and "23. Oktober 3.000" are successive reports, not a conflict.
    """
    pa, pb = _period(a), _period(b)
    if pa is None or pb is None or _days(pa) > MAX_PRECISE_DAYS or _days(pb) > MAX_PRECISE_DAYS:
        return False
    slack = timedelta(days=tolerance_days)
    return pa[0] - slack <= pb[1] and pb[0] - slack <= pa[1]


def _days(period: tuple[date, date]) -> int:
    return (period[1] - period[0]).days + 1


def period(value: str | None) -> tuple[date, date] | None:
    """The first and last day a ``when`` value covers, or None when it is not a date."""
    return _period(value)


def _period(value: str | None) -> tuple[date, date] | None:
    """'2024-11-01' -> that day; '2024-11' -> the month; '2024' -> the year; 'W47' weeks."""
    if not value:
        return None
    try:
        if len(value) >= 8 and "-W" in value:
            year, week = int(value[:4]), int(value[6:8])
            start = date.fromisocalendar(year, week, 1)
            return start, start + timedelta(days=6)
        parts = [int(p) for p in value[:10].split("-")]
    except ValueError:
        return None
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(*parts)[1])
    return date(*parts[:3]), date(*parts[:3])
