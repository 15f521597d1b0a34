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

import signal
import threading
from contextlib import contextmanager
from typing import Iterable, Iterator

from newsledger.config import Config, load_config
from newsledger.errors import ArticleTimeout
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
            with time_budget(config.get("extract", "max_seconds_per_article")):
                extraction = extract_article(item, config=config)
        except Exception as exc:  # one bad article must not stop a batch run
            yield Failure(item.origin or item.id, "extract", f"{type(exc).__name__}: {exc}")
        else:
            yield extraction


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block after ``seconds``. A timer signal is the one
    way to stop pure-Python work without a second process; it needs the main thread of a
    POSIX process (the CLI, each worker process, a Ray worker), elsewhere there is no budget."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expired(_signum, _frame):
        raise ArticleTimeout(f"extraction took longer than {seconds:g} s "
                             "(extract.max_seconds_per_article)")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
