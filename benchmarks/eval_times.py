"""Score our temporal tagger and HeidelTime on KRAUTS (dolomiten-100) with one harness.

Usage: .venv/bin/python benchmarks/eval_times.py [--gold PATH] [--heideltime PATH] [--errors N]

Scoring is ``newsledger.evaluate.score_times`` (GUIDELINES.md "How accuracy is scored", Times:
strict = same span, relaxed = overlapping span, value = relaxed and the same TIMEX3 value;
pairs one-to-one, largest overlap first), applied to both systems.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from newsledger.evaluate import score_times

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
GOLD = SHARED / "data" / "krauts" / "dolomiten-100.jsonl"
HEIDELTIME = SHARED / "data" / "krauts" / "dolomiten-100.heideltime.jsonl"


def _by_article(records: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        grouped[record["article"]].append(record)
    return grouped


def _overlap(g: dict, p: dict) -> bool:
    return g["start"] < p["end"] and p["start"] < g["end"]


def load_krauts(path: Path) -> tuple[list[dict], list[dict]]:
    """(articles, timex records with an ``article`` key) from a KRAUTS-style JSONL file."""
    articles, timex = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            articles.append(doc)
            timex.extend({**t, "article": doc["id"]} for t in doc["timex"])
    return articles, timex


def tag_articles(articles: list[dict]) -> list[dict]:
    from newsledger.extractors.times import tag_times

    out = []
    for doc in articles:
        for t in tag_times(doc["text"], doc.get("published"), article=doc["id"]):
            out.append({"article": t.article, "start": t.start, "end": t.end, "text": t.text,
                        "type": t.type, "value": t.value, "rule": t.rule})
    return out


def table(rows: dict[str, dict]) -> str:
    lines = ["| system | strict P/R/F1 | relaxed P/R/F1 | value P/R/F1 | gold | predicted |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name, s in rows.items():
        cells = [" / ".join(f"{s[k][m]:.3f}" for m in ("precision", "recall", "f1"))
                 for k in ("strict", "relaxed", "value")]
        n_gold = s["relaxed"]["tp"] + s["relaxed"]["fn"]
        n_pred = s["relaxed"]["tp"] + s["relaxed"]["fp"]
        lines.append(f"| {name} | {' | '.join(cells)} | {n_gold} | {n_pred} |")
    return "\n".join(lines)


def print_errors(articles: list[dict], gold: list[dict], pred: list[dict], limit: int) -> None:
    """Gold expressions without a value match, and predictions without one (for tuning)."""
    gold_by, pred_by = _by_article(gold), _by_article(pred)
    shown = 0
    for doc in articles:
        a = doc["id"]
        for g in gold_by.get(a, []):
            hits = [p for p in pred_by.get(a, []) if _overlap(g, p)]
            if not any(p["value"] == g["value"] for p in hits):
                got = ", ".join(f"{p['text']!r}={p['value']}({p['rule']})" for p in hits) or "-"
                print(f"MISS {a} {doc['published']} {g['text']!r}={g['value']}  got {got}")
                shown += 1
        for p in pred_by.get(a, []):
            if not any(_overlap(g, p) for g in gold_by.get(a, [])):
                ctx = doc["text"][max(0, p["start"] - 30):p["end"] + 20].replace("\n", " ")
                print(f"FP   {a} {p['text']!r}={p['value']} ({p['rule']})  …{ctx}…")
                shown += 1
        if shown >= limit:
            break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--heideltime", type=Path, default=HEIDELTIME)
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of ours")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        print(f"{args.gold}: gold file not found; expected ../shared next to the repo", file=sys.stderr)
        return 2
    articles, gold = load_krauts(args.gold)
    ours = tag_articles(articles)
    rows = {"newsledger": score_times(articles, ours)}
    if args.heideltime.is_file():
        heideltime_articles, _ = load_krauts(args.heideltime)
        rows["HeidelTime"] = score_times(articles, heideltime_articles)
    print(f"{args.gold.name}: {len(articles)} articles")
    print(table(rows))
    if args.errors:
        print_errors(articles, gold, ours, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
