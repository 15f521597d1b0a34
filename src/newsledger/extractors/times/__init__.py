"""German temporal tagger: finds time expressions and normalises them to TIMEX3 values.

Rule-based and pure Python. Values follow the KRAUTS / It-TimeML conventions for German
news and are resolved against the publication date (the *anchor*), the tense of the
sentence and of the verb next to the expression (weekdays, months without a year) and the
last day named ("am Vortag"; for a clock time, "um 14 Uhr", the *reference time*: the day
last named in its paragraph, else the publication day). ``resolve.reference_time(doc, char)`` exposes that reference time, and
``resolve.statement_date(doc, sentence, cue, times)`` gives claims their ``when`` (the date of
the attribution) and ``refers_to``; claims take dates only from there.
Values:

- DATE ``2024-11-25``, ``2024-10``, ``2024-W47``, ``2024-W08-WE``, ``2024-Q4``, ``2024-SU``,
  ``199`` (the 1990s), ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF``;
- TIME ``2024-10-22TEV``, ``2024-10-22T14:30``; DURATION ``P2W``, ``PT30M``, ``PXY``;
- SET ``P1D``, ``XXXX-WXX-1``.

KRAUTS conventions worth knowing: "vor drei Tagen" and "seit zwei Jahren" are annotated as
the DURATION "drei Tagen" / "zwei Jahren" (P3D, P2Y), prepositions are outside the span,
determiners inside ("den vergangenen Tagen").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc

from newsledger.extractors.times.calendar import Anchor
from newsledger.extractors.times.lexicon import TimeLexicon, time_lexicon
from newsledger.extractors.times.resolve import Resolver
from newsledger.extractors.times.rules import Candidate, find_candidates
from newsledger.model import TimeExpr
from newsledger.nlp import text_of

__all__ = ["find_times", "tag_times"]


def tag_times(text: str, anchor: str | None, *, article: str = "",
              lexicon: TimeLexicon | None = None) -> list[TimeExpr]:
    """Time expressions in ``text``, normalised against ``anchor`` ('YYYY-MM-DD', 'YYYY-MM', 'YYYY')."""
    lex = lexicon or time_lexicon()
    chosen = _select(find_candidates(text, lex))
    resolver = Resolver(text, Anchor.parse(anchor))
    out = []
    for c in chosen:
        r = resolver.resolve(c)
        if r is not None:
            out.append(TimeExpr(article, r.start, r.end, text[r.start:r.end], r.type, r.value, r.rule))
    return out


def find_times(doc: Doc) -> Iterator[TimeExpr]:
    """Time expressions of a parsed article (anchor = the article's publication date)."""
    article = doc._.article
    extras = doc._.lexicon_extras or {}
    lex = time_lexicon(tuple(sorted((k, tuple(v)) for k, v in extras.items() if k.startswith("time_"))))
    text = text_of(doc)
    original = article.text if article is not None and len(article.text) == len(text) else text
    for t in tag_times(text, article.published if article else None,
                       article=article.id if article else "", lexicon=lex):
        # tagged on the cleaned text (same offsets); the record quotes the text as given
        yield replace(t, text=original[t.start:t.end])


def _select(candidates) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the most specific rule."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: list[Candidate] = []
    for c in ranked:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
