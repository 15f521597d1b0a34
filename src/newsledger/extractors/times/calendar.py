"""Calendar arithmetic for TIMEX3 values: the anchor date, shifts, ISO weeks, Easter."""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsledger.errors import InputError

_ANCHOR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date, as precise as it is known (month/day may be missing)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> Anchor:
        return _parse_anchor(text)

    @property
    def date(self) -> date | None:
        if self.year and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None


@lru_cache(maxsize=4096)
def _parse_anchor(text: str | None) -> Anchor:
    if not text:
        return Anchor()
    match = _ANCHOR.match(text.strip())
    if not match:
        raise InputError(
            f"publication date {text!r}",
            "expected 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; fix the article's 'published' field "
            "or leave it empty",
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    return Anchor(year, month, day)


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday, anonymous Gregorian algorithm."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _stdlib_calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_week(day: date, weeks: int) -> date:
    return day + timedelta(days=7 * weeks)


def weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """The date of ``weekday`` (1 = Monday) before/after/nearest to ``anchor``.

    ``direction``: 'past' (strictly before), 'future' (strictly after), 'this' (same ISO
    week) or 'nearest' (the closer of the two, the past one on a tie).
    """
    today = anchor.isoweekday()
    if direction == "this":
        return anchor + timedelta(days=weekday - today)
    back = (today - weekday) % 7 or 7
    ahead = (weekday - today) % 7 or 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    if weekday == today:
        return anchor
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def year_for(anchor: Anchor, month: int, day: int | None, tense: str) -> int | None:
    """Year of an underspecified month (and day) near the anchor.

    Past tense looks back, future tense ahead (once the date is more than a month on the
    wrong side: "am 3. Dezember" written on 30 November in a past-tense sentence is still
    this year); without a tense cue the nearest occurrence wins, the anchor's year on a tie.
    """
    if anchor.year is None:
        return None
    if anchor.month is None:
        return anchor.year
    here = anchor.month + ((anchor.day or 15) - 1) / 31
    there = month + ((day if day is not None else 15) - 1) / 31
    ahead = there - here  # months from the anchor to the date in the anchor's year
    if tense == "past":
        return anchor.year - 1 if ahead > 1 else anchor.year
    if tense == "future":
        return anchor.year + 1 if ahead < -1 else anchor.year
    if ahead > 6:
        return anchor.year - 1
    if ahead < -6:
        return anchor.year + 1
    return anchor.year
