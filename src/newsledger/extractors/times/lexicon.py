"""The temporal tagger's word lists (resources/lexicons/time_*.txt) as lookup tables and regexes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsledger.errors import ConfigError
from newsledger.lexicons import entries


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: patterns are cached per lexicon
class TimeLexicon:
    months: dict[str, int]  # full names (case as written)
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    holidays: dict[str, str]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    reference_words: dict[str, str]

    def alternation(self, names) -> str:
        """Regex alternation, longest names first so 'Heiligen Abend' beats 'Abend'."""
        return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))


def _pairs(name: str, extra_files: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for line in entries(name, extra_files):
        key, sep, value = line.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ConfigError(f"lexicon {name!r}: expected 'name = value', found {line!r}")
        out[key.strip()] = value.strip()
    return out


@lru_cache(maxsize=32)
def time_lexicon(extras: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> TimeLexicon:
    """All time lexicons, extended by ``extras`` ((lexicon name, extra files), ...)."""
    extra = dict(extras)

    def load(name: str) -> dict[str, str]:
        return _pairs(name, tuple(extra.get(name, ())))

    months = {k: int(v) for k, v in load("time_months").items()}
    return TimeLexicon(
        months={k: v for k, v in months.items() if not k.endswith(".")},
        month_abbreviations={k: v for k, v in months.items() if k.endswith(".")},
        weekdays={k: int(v) for k, v in load("time_weekdays").items()},
        holidays=load("time_holidays"),
        seasons=load("time_seasons"),
        day_parts=load("time_day_parts"),
        reference_words=load("time_reference_words"),
    )
