"""Score claim extraction on the seed articles exactly as GUIDELINES.md "How accuracy is scored".

Runs the full extraction itself — ``nlp.parse`` → ``find_quotes`` → ``find_figures`` →
``find_times`` (when the temporal tagger is installed) → ``find_claims`` — over
``../shared/seeds/articles.jsonl`` and scores the claims against
``../shared/gold/seeds.claims.jsonl`` with ``newsledger.evaluate.score_claims``.

Usage::

    .venv/bin/python benchmarks/eval_claims.py            # summary
    .venv/bin/python benchmarks/eval_claims.py --details  # plus missed / spurious claims
    .venv/bin/python benchmarks/eval_claims.py --json     # the whole score as JSON

Prints figure and claim P/R/F1, polarity / qualifier / when accuracy, and the speed of the
whole extraction (words/s on this machine, one core).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsledger.evaluate import load_jsonl, score_claims
from newsledger.extractors.claims import find_claims
from newsledger.extractors.figures import find_figures
from newsledger.extractors.quotes import find_quotes
from newsledger.model import Article, to_dict
from newsledger.nlp import parse

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def time_tagger() -> Callable[[Any], Iterator[Any]] | None:
    """``find_times`` when the temporal tagger exists, else None (claims fall back to the
    publication date)."""
    try:
        from newsledger.extractors.times import find_times  # type: ignore[attr-defined]
    except ImportError:
        return None
    return find_times


def extract_claims(
    articles: list[Article],
) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """All claims of ``articles`` as contract dicts, and seconds spent per stage."""
    find_times = time_tagger()
    stages = {"parse": 0.0, "quotes": 0.0, "figures": 0.0, "times": 0.0, "claims": 0.0}
    out: list[dict[str, Any]] = []
    for article in articles:
        clock = time.perf_counter()
        doc = parse(article)
        clock = _tick(stages, "parse", clock)
        quotes = list(find_quotes(doc))
        clock = _tick(stages, "quotes", clock)
        figures = list(find_figures(doc))
        clock = _tick(stages, "figures", clock)
        times = list(find_times(doc)) if find_times else []
        clock = _tick(stages, "times", clock)
        out.extend(
            to_dict(c)
            for c in find_claims(doc, quotes=quotes, figures=figures, times=times)
        )
        _tick(stages, "claims", clock)
    return out, stages


def _tick(stages: dict[str, float], name: str, since: float) -> float:
    now = time.perf_counter()
    stages[name] += now - since
    return now


def read_seeds(shared: Path) -> tuple[list[Article], list[dict[str, Any]]]:
    articles = [
        Article(id=r["id"], text=r["text"], published=r.get("published"))
        for r in load_jsonl(shared / "seeds" / "articles.jsonl")
    ]
    return articles, load_jsonl(shared / "gold" / "seeds.claims.jsonl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--shared", type=Path, default=SHARED, help="the shared data folder"
    )
    parser.add_argument(
        "--details", action="store_true", help="list missed and spurious claims"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the whole score as JSON"
    )
    args = parser.parse_args(argv)
    if not (args.shared / "seeds" / "articles.jsonl").is_file():
        print(
            f"no seeds under {args.shared}: expected seeds/articles.jsonl; pass --shared",
            file=sys.stderr,
        )
        return 2
    articles, gold = read_seeds(args.shared)
    started = time.perf_counter()
    pred, stages = extract_claims(articles)
    elapsed = time.perf_counter() - started
    score = score_claims(gold, pred, articles=[a.id for a in articles])
    if args.json:
        print(json.dumps(score, ensure_ascii=False, indent=1))
        return 0
    print(_summary(score, articles, elapsed, stages, time_tagger() is not None))
    if args.details:
        print(json.dumps(score["articles"], ensure_ascii=False, indent=1))
    return 0


def _summary(
    score: dict[str, Any],
    articles: list[Article],
    elapsed: float,
    stages: dict[str, float],
    with_times: bool,
) -> str:
    words = sum(len(a.text.split()) for a in articles)
    lines = [
        f"seeds: {len(articles)} articles, {words} words; times: {'find_times' if with_times else 'publication date only'}"
    ]
    for name in ("figures", "claims"):
        s = score[name]
        lines.append(
            f"{name:8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
        )
    for name in ("polarity", "qualifier", "when"):
        s = score[name]
        value = "n/a" if s.get("accuracy") is None else f"{s['accuracy']:.3f}"
        lines.append(f"{name:9} accuracy {value} ({s.get('correct')}/{s.get('total')})")
    lines.append(
        f"speed    {words / elapsed:,.0f} words/s end to end ("
        + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in stages.items())
        + ")"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
