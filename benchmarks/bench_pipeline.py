"""Speed of the full extraction, per stage, on the German WikiNews dev articles.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles PATH] [--repeat N]

Reports articles/s and words/s on one core for the whole pipeline and for each step,
next to spaCy's bare German tokenizer and SoMaJo on the same texts (the reference
points issue 3 names). Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "data" / "quotes-de-news" / "dev.jsonl"


def load(path: Path):
    from newsledger.model import Article

    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [Article(id=r["id"], text=r["text"], published=r.get("published")) for r in rows]


def timed(label, func, items, words, results):
    start = time.perf_counter()
    out = [func(item) for item in items]
    seconds = time.perf_counter() - start
    results.append((label, seconds, len(items) / seconds, words / seconds))
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.articles.exists():
        print(f"skipped: {args.articles} is absent")
        return 0
    from newsledger.config import load_config
    from newsledger.extractors.claims import find_claims
    from newsledger.extractors.entities import find_mentions
    from newsledger.extractors.figures import find_figures
    from newsledger.extractors.quotes import find_quotes
    from newsledger.extractors.times import find_times
    from newsledger.nlp import german, parse
    from newsledger.pipeline import extract_article

    articles = load(args.articles)
    words = sum(len(a.text.split()) for a in articles)
    config = load_config()
    extract_article(articles[0], config=config)  # warm caches (lexicons, spaCy)
    results: list = []
    tokenizer = german().tokenizer
    timed("spaCy German tokenizer (bare)", lambda a: tokenizer(a.text), articles, words, results)
    try:
        from somajo import SoMaJo

        somajo = SoMaJo("de_CMC", split_camel_case=False)
        timed("SoMaJo tokenize+split", lambda a: list(somajo.tokenize_text([a.text])), articles, words, results)
    except ImportError:
        pass
    docs = timed("parse (clean + tokens + sentences)", parse, articles, words, results)
    timed("times", lambda d: list(find_times(d)), docs, words, results)
    timed("mentions", lambda d: list(find_mentions(d)), docs, words, results)
    quotes = timed("quotes", lambda d: list(find_quotes(d)), docs, words, results)
    figures = timed("figures", lambda d: list(find_figures(d)), docs, words, results)
    timed("claims", lambda pair: list(find_claims(pair[0], quotes=pair[1], figures=pair[2])),
          list(zip(docs, quotes, figures)), words, results)
    timed("full pipeline (extract_article)", lambda a: extract_article(a, config=config),
          articles, words, results)
    print(f"{len(articles)} articles, {words} words, one core\n")
    print("| stage | seconds | articles/s | words/s |\n| --- | ---: | ---: | ---: |")
    for label, seconds, aps, wps in results:
        print(f"| {label} | {seconds:.2f} | {aps:,.0f} | {wps:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
