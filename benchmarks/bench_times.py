"""Speed of our temporal tagger against dateparser's ``search_dates`` on the same sentences.

Usage: .venv/bin/python benchmarks/bench_times.py [--articles N] [--repeat R]

Both taggers get the sentences of the first N KRAUTS dolomiten-100 articles (../shared),
one call per sentence, with the publication date as the relative base. Reported:
expressions found per second and articles per second (wall clock, one core). This is a
benchmark, not a test; figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
GOLD = SHARED / "data" / "krauts" / "dolomiten-100.jsonl"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])|\n+")


def load_sentences(path: Path, limit: int) -> list[tuple[str, list[str]]]:
    """(publication date, sentences) for the first ``limit`` articles."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in list(handle)[:limit]:
            doc = json.loads(line)
            sentences = [s.strip() for s in _SENTENCE_END.split(doc["text"]) if s.strip()]
            out.append((doc["published"], sentences))
    return out


def run_ours(articles) -> int:
    from newsledger.extractors.times import tag_times

    return sum(len(tag_times(s, published)) for published, sentences in articles for s in sentences)


def run_dateparser(articles) -> int:
    from dateparser.search import search_dates

    found = 0
    for published, sentences in articles:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(published)}
        for s in sentences:
            found += len(search_dates(s, languages=["de"], settings=settings) or [])
    return found


def measure(fn, articles, repeat: int) -> tuple[float, int]:
    fn(articles[:1])  # warm-up: lexicons, regex compilation, dateparser's language data
    best = float("inf")
    found = 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = fn(articles)
        best = min(best, time.perf_counter() - start)
    return best, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    if not GOLD.is_file():
        print(f"{GOLD}: not found; expected ../shared next to the repo", file=sys.stderr)
        return 2
    articles = load_sentences(GOLD, args.articles)
    n_sentences = sum(len(s) for _, s in articles)
    warnings.filterwarnings("ignore")
    rows = {"newsledger": measure(run_ours, articles, args.repeat),
            "dateparser search_dates": measure(run_dateparser, articles, args.repeat)}
    print(f"{len(articles)} articles, {n_sentences} sentences (KRAUTS dolomiten-100)")
    print("| tagger | seconds | expressions found | expressions/s | articles/s |")
    print("| --- | --- | --- | --- | --- |")
    for name, (seconds, found) in rows.items():
        print(f"| {name} | {seconds:.3f} | {found} | {found / seconds:,.0f} | {len(articles) / seconds:,.1f} |")
    ours, theirs = rows["newsledger"][0], rows["dateparser search_dates"][0]
    print(f"newsledger is {theirs / ours:,.0f}× faster (articles/s)")
    print("(expressions found: dateparser's count includes false hits such as 'die', 'so', 'mit')")
    return 0


if __name__ == "__main__":
    sys.exit(main())
