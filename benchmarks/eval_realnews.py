"""Claim accuracy on the real-news gold (benchmarks/realnews): WikiNews and derStandard articles
annotated by people who never saw the extractor's output.

    .venv/bin/python benchmarks/eval_realnews.py [--split train|dev|test ...] [--json FILE] [--errors]

Prints, per split, figures and claims P/R/F1 and speaker, qualifier, polarity and ``when``
accuracy over found figures (GUIDELINES "How accuracy is scored"). The extractor runs exactly
as `newsledger extract` does. Only the annotated part of a split counts (gold files appear in
benchmarks/realnews/gold/ batch by batch).

The splits (benchmarks/realnews/README.md): **train** is read and fitted on, **dev** is measured
often, **test** is measured once per round by the lead. ``--errors`` lists missed and spurious
claims and is refused for test: whoever reads test errors has seen the set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from realnews.gold import load_claims  # same directory: the one loader of the real-news gold

from newsledger import evaluate
from newsledger.model import Article, Extraction, to_dict
from newsledger.pipeline import extract

SPLITS = ("train", "dev", "test")
READABLE = ("train", "dev")  # splits whose errors may be read


def articles_of(split: str) -> tuple[list[Article], list[dict]]:
    """The annotated articles of a split as :class:`Article` records, and their gold rows."""
    records, gold = load_claims(split)
    articles = [
        Article(id=r["id"], text=r["text"], published=r.get("published"), title=r.get("title"),
                outlet=r.get("outlet"))
        for r in records
    ]
    return articles, gold


def predictions(articles: list[Article]) -> list[dict]:
    """Every claim the pipeline extracts from ``articles``, as contract dicts."""
    return [to_dict(c) for e in extract(articles) if isinstance(e, Extraction) for c in e.claims]


def score(split: str) -> dict:
    """Claim scores of a fresh extraction of one split against its gold."""
    articles, gold = articles_of(split)
    pred = predictions(articles)
    scores = evaluate.score_claims(gold, pred, articles=[a.id for a in articles])
    scores["size"] = {"articles": len(articles), "gold_claims": len(gold)}
    return scores


def _prf(name: str, s: dict) -> str:
    return (f"  {name:<20} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
            f"  (tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")


def print_scores(split: str, scores: dict) -> None:
    size = scores["size"]
    print(f"realnews {split}: {size['articles']} annotated articles, {size['gold_claims']} gold claims")
    if not size["articles"]:
        return
    print(_prf("figures", scores["figures"]))
    print(_prf("claims", scores["claims"]))
    for name in ("speaker", "qualifier", "polarity", "when"):
        acc = scores[name]
        value = "n/a" if acc["accuracy"] is None else f"{acc['accuracy']:.3f}"
        print(f"  {name + ' accuracy':<20} {value} ({acc['correct']} of {acc['total']} found figures)")


def print_errors(details: dict) -> None:
    for article in sorted(details):
        for miss in details[article]["missed"]:
            print(f"  {article} MISSED   {_figure(miss)} gold speaker {miss['speaker']!r}; {miss['reason']}")
            print(f"      {miss['sentence'] or ''}")
        for extra in details[article]["spurious"]:
            print(f"  {article} SPURIOUS {_figure(extra)} speaker {extra['speaker']!r}")
            print(f"      {extra['sentence'] or ''}")


def _figure(entry: dict) -> str:
    low, high = entry["low"], entry["high"]
    value = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    return f"{value} ({entry['qualifier']})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", choices=SPLITS,
                        help="split to measure (repeatable; default: train and dev)")
    parser.add_argument("--errors", action="store_true", help="list missed and spurious claims")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    args = parser.parse_args(argv)
    splits = args.split or list(READABLE)
    if args.errors and any(s not in READABLE for s in splits):
        print("--errors is refused for test: its errors must never be read", file=sys.stderr)
        return 2
    results = {}
    for split in splits:
        results[split] = score(split)
        print_scores(split, results[split])
        if args.errors:
            print_errors(results[split]["articles"])
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
