"""Every accuracy figure newsledger reports, in one run (`python3 tasks.py eval`).

    .venv/bin/python benchmarks/eval_all.py [--json FILE]

1. claims, figures, groups on the seeds           ../shared/seeds + ../shared/gold
2. claims, figures, groups on the demo gold       src/newsledger/demo (always present)
3. quotes on German WikiNews dev                  ../shared/data/quotes-de-news/dev.jsonl
4. times on KRAUTS Dolomiten, beside HeidelTime   ../shared/data/krauts/dolomiten-100*.jsonl

The extractor runs exactly as `newsledger extract` does (names and groups resolved
across all articles of the run). Parts whose data is absent are skipped with a note.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsledger import evaluate
from newsledger.config import load_config
from newsledger.model import Article, to_dict
from newsledger.pipeline import extract
from newsledger.workflows import extract_files

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO = REPO / "src" / "newsledger" / "demo"


def claim_scores(articles: Path, gold: Path) -> dict:
    result = extract_files([articles], config=load_config())
    pred = [to_dict(c) for c in result.records("claims")]
    gold_rows = evaluate.load_jsonl(gold)
    ids = {r["doc"] for r in gold_rows}
    return {"claims": evaluate.score_claims(gold_rows, pred, articles=ids),
            "groups": evaluate.score_groups(gold_rows, pred, articles=ids)}


def quote_scores(path: Path) -> dict:
    gold = evaluate.load_jsonl(path)
    articles = [Article(id=g["id"], text=g["text"], published=g.get("published")) for g in gold]
    pred = [to_dict(q) for e in extract(articles) if hasattr(e, "quotes") for q in e.quotes]
    return evaluate.score_quotes(gold, pred)


def time_scores(path: Path, heideltime: Path) -> dict:
    gold = evaluate.load_jsonl(path)
    articles = [Article(id=g["id"], text=g["text"], published=g.get("published")) for g in gold]
    pred = [to_dict(t) for e in extract(articles) if hasattr(e, "times") for t in e.times]
    scores = {"newsledger": evaluate.score_times(gold, pred)}
    if heideltime.exists():
        scores["HeidelTime"] = evaluate.score_times(gold, evaluate.load_jsonl(heideltime))
    return scores


def prf_line(name: str, s: dict) -> str:
    return f"  {name:<28} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"


def print_claims(title: str, scores: dict) -> None:
    c, g = scores["claims"], scores["groups"]
    print(title)
    print(prf_line("figures", c["figures"]))
    print(prf_line("claims", c["claims"]))
    for name in ("qualifier", "polarity", "when"):
        print(f"  {name + ' accuracy':<28} {c[name]['accuracy']:.3f} of {c[name]['total']}")
    print(f"  {'groups B-cubed':<28} P {g['precision']:.3f}  R {g['recall']:.3f}  F1 {g['f1']:.3f}")
    print(f"  {'canonical consistency':<28} {g['canonical_consistency']['share']:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--json", type=Path, help="also write all scores to this file")
    args = parser.parse_args()
    everything: dict = {}
    everything["demo"] = claim_scores(DEMO / "articles.jsonl", DEMO / "gold.claims.jsonl")
    print_claims("demo corpus (src/newsledger/demo)", everything["demo"])
    seeds = SHARED / "seeds" / "articles.jsonl"
    if seeds.exists():
        everything["seeds"] = claim_scores(seeds, SHARED / "gold" / "seeds.claims.jsonl")
        print_claims("seeds (../shared/seeds)", everything["seeds"])
    else:
        print(f"seeds: skipped, {seeds} is absent")
    quotes = SHARED / "data" / "quotes-de-news" / "dev.jsonl"
    if quotes.exists():
        q = everything["quotes"] = quote_scores(quotes)
        print("quotes (German WikiNews dev)")
        print(prf_line("content", q["content"]))
        print(prf_line("attributed (content+speaker)", q["attributed"]))
        for kind, s in q["by_type"].items():
            f1 = f"{s['f1']:.3f}" if s.get("f1") is not None else "n/a (no predicted kind)"
            print(f"  {'content, ' + kind:<28} R {s['recall']:.3f}  F1 {f1}  (gold {s['gold']})")
    else:
        print(f"quotes: skipped, {quotes} is absent")
    krauts = SHARED / "data" / "krauts" / "dolomiten-100.jsonl"
    if krauts.exists():
        t = everything["times"] = time_scores(krauts, krauts.with_name("dolomiten-100.heideltime.jsonl"))
        print("times (KRAUTS Dolomiten 100)")
        for system, s in t.items():
            for level in ("strict", "relaxed", "value"):
                print(prf_line(f"{system} {level}", s[level]))
    else:
        print(f"times: skipped, {krauts} is absent")
    if args.json:
        args.json.write_text(json.dumps(_without_details(everything), indent=1, ensure_ascii=False))
    return 0


def _without_details(scores):
    if isinstance(scores, dict):
        return {k: _without_details(v) for k, v in scores.items() if k != "articles"}
    return scores


if __name__ == "__main__":
    sys.exit(main())
