"""Claim accuracy on the held-out test set (benchmarks/heldout), with an error list.

    .venv/bin/python benchmarks/eval_heldout.py [--json FILE] [--quiet]

The extractor runs exactly as `newsledger extract` does (see eval_all.py). The set must
never be used for tuning: see benchmarks/heldout/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval_all import claim_scores  # same directory: the one way this project scores claims

HELDOUT = Path(__file__).resolve().parent / "heldout"
ARTICLES = HELDOUT / "articles.jsonl"
GOLD = HELDOUT / "gold.claims.jsonl"


def score(articles: Path = ARTICLES, gold: Path = GOLD) -> dict:
    """Claim and group scores of a fresh extraction of `articles` against `gold`."""
    return claim_scores(articles, gold)


def prf_line(name: str, s: dict) -> str:
    counts = f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})" if "tp" in s else ""
    return f"  {name:<24} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  {counts}"


def print_scores(scores: dict) -> None:
    c, g = scores["claims"], scores["groups"]
    print(f"held-out set ({ARTICLES.relative_to(HELDOUT.parents[1])})")
    print(prf_line("figures", c["figures"]))
    print(prf_line("claims", c["claims"]))
    for name in ("qualifier", "polarity", "when"):
        acc = c[name]
        value = f"{acc['accuracy']:.3f}" if acc["accuracy"] is not None else "n/a"
        print(f"  {name + ' accuracy':<24} {value} ({acc['correct']} of {acc['total']} found figures)")
    print(f"  {'groups B-cubed':<24} P {g['precision']:.3f}  R {g['recall']:.3f}  F1 {g['f1']:.3f}")
    share = g["canonical_consistency"]["share"]
    print(f"  {'canonical consistency':<24} {'n/a (no recurring speaker)' if share is None else f'{share:.3f}'}")


def print_errors(details: dict) -> None:
    for article in sorted(details):
        entries = details[article]
        for miss in entries["missed"]:
            print(f"  {article} MISSED   {_figure(miss)}  reason: {miss['reason']}")
            print(f"      {miss['sentence'] or ''}")
        for extra in entries["spurious"]:
            print(f"  {article} SPURIOUS {_figure(extra)}  speaker {extra['speaker']!r}")
            print(f"      {extra['sentence'] or ''}")


def _figure(entry: dict) -> str:
    value = f"{entry['low']:g}" if entry["low"] == entry["high"] else f"{entry['low']:g}-{entry['high']:g}"
    return f"{value} {entry['qualifier']}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write all scores to this file")
    parser.add_argument("--quiet", action="store_true", help="scores only, no error list")
    args = parser.parse_args()
    scores = score()
    print_scores(scores)
    if not args.quiet:
        print("errors (gold claims not matched as claims; predictions not matched as claims)")
        print_errors(scores["claims"]["articles"])
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
