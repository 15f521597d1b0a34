"""The extraction pipeline: an ordered list of named steps over one parsed article.

    1. parse      clean (length-preserving) and parse the article   (nlp.parse)
    2. times      temporal expressions, normalised to TIMEX3       (extractors.times)
    3. mentions   persons, organisations, places, role phrases     (extractors.entities)
    4. quotes     who said what: direct, indirect, reported        (extractors.quotes)
    5. figures    German numbers with qualifier, unit, counted     (extractors.figures)
    6. claims     figures × attribution, certainty, polarity, when (extractors.claims)

Batch mode is the same function mapped over a stream. A failing article becomes a
:class:`Failure` (article, stage, error) and the run goes on.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from newsledger.config import Config, load_config
from newsledger.extractors.claims import find_claims
from newsledger.extractors.entities import find_mentions
from newsledger.extractors.figures import find_figures
from newsledger.extractors.quotes import find_quotes
from newsledger.extractors.times import find_times
from newsledger.model import Article, Extraction, Failure
from newsledger.nlp import parse


def extract_article(article: Article, *, config: Config | None = None) -> Extraction:
    """Run every extraction step on one article."""
    config = config or load_config()
    doc = parse(article, boilerplate_file=config.get("ingest", "boilerplate_file") or None)
    doc._.lexicon_extras = config.lexicon_extras
    times = tuple(find_times(doc))
    mentions = tuple(find_mentions(doc))
    quotes = tuple(find_quotes(doc))
    figures = tuple(find_figures(doc))
    claims = find_claims(doc, quotes=quotes, figures=figures, times=times)
    floor = config.get("extract", "min_confidence")
    kept = tuple(c for c in claims if c.confidence >= floor)
    return Extraction(article, quotes=quotes, claims=kept, times=times, mentions=mentions)


def extract(
    articles: Iterable[Article | Failure], *, config: Config | None = None
) -> Iterator[Extraction | Failure]:
    """Extract from a stream of articles; failures (from reading or extracting) pass through."""
    config = config or load_config()
    for item in articles:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield extract_article(item, config=config)
        except Exception as exc:  # one bad article must not stop a batch run
            yield Failure(item.origin or item.id, "extract", f"{type(exc).__name__}: {exc}")
