"""Claim accuracy on the held-out test set (benchmarks/heldout2; the older, now seen,
benchmarks/heldout with --set heldout).

    .venv/bin/python benchmarks/eval_heldout.py [--set NAME] [--json FILE] [--errors]

The extractor runs exactly as `newsledger extract` does (see eval_all.py). The set must
never be used for tuning: see its README.md. The error list (--errors) is off by default:
whoever reads it has seen the set and must not write rules from it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from eval_all import claim_scores  # same directory: the one way this project scores claims

BENCHMARKS = Path(__file__).resolve().parent
CURRENT = "heldout2"  # the set nobody has tuned on (heldout: seen since claims-0.4)


def score(name: str = CURRENT) -> dict:
    """Claim and group scores of a fresh extraction of a set's articles against its gold."""
    folder = BENCHMARKS / name
    return claim_scores(folder / "articles.jsonl", folder / "gold.claims.jsonl")


def prf_line(name: str, s: dict) -> str:
    counts = f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']})" if "tp" in s else ""
    return f"  {name:<24} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  {counts}"


def print_scores(scores: dict, name: str = CURRENT) -> None:
    c, g = scores["claims"], scores["groups"]
    print(f"held-out set (benchmarks/{name}/articles.jsonl)")
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
    parser.add_argument("--set", default=CURRENT, choices=["heldout2", "heldout"],
                        help="which held-out set (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write all scores to this file")
    parser.add_argument("--errors", action="store_true",
                        help="also list the errors (then the set is seen by whoever reads them)")
    args = parser.parse_args()
    scores = score(args.set)
    print_scores(scores, args.set)
    if args.errors:
        print("errors (gold claims not matched as claims; predictions not matched as claims)")
        print_errors(scores["claims"]["articles"])
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
