"""Quote attribution on German WikiNews (quotes-de-news), scored by ``evaluate.score_quotes``.

    .venv/bin/python benchmarks/eval_quotes.py [dev|train] [--limit N] [--json]

Scoring is GUIDELINES.md "How accuracy is scored": content spans overlap by at least half
of the shorter one (one-to-one, largest overlap first); attributed when the speaker spans
overlap (or neither has a speaker). Develop on train, report dev.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsledger.evaluate import load_jsonl, score_quotes
from newsledger.extractors.quotes import find_quotes
from newsledger.model import Article, to_dict
from newsledger.nlp import parse

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes-de-news"


def predict(records: list[dict]) -> list[dict]:
    out = []
    for record in records:
        article = Article(id=record["id"], text=record["text"], published=record.get("published"))
        out.extend(to_dict(q) for q in find_quotes(parse(article)))
    return out


def run(split: str = "dev", limit: int | None = None) -> dict:
    gold = load_jsonl(DATA / f"{split}.jsonl")[:limit]
    started = time.perf_counter()
    pred = predict(gold)
    scores = score_quotes(gold, pred)
    scores["seconds"] = round(time.perf_counter() - started, 2)
    return scores


def _table(scores: dict) -> str:
    lines = []
    for key in ("content", "attributed"):
        s = scores[key]
        lines.append(f"{key:11s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
    for name, s in scores["by_type"].items():
        f1 = "  -  " if s.get("f1") is None else f"{s['f1']:.3f}"
        p = "  -  " if s.get("precision") is None else f"{s['precision']:.3f}"
        lines.append(f"  {name:21s} gold={s.get('gold', 0):4d} R={s['recall'] or 0:.3f} P={p} F1={f1}")
    lines.append(f"kind accuracy over matches: {scores['kind']}; {scores['seconds']} s")
    return "\n".join(lines)


if __name__ == "__main__":
    args = sys.argv[1:]
    split = next((a for a in args if a in {"dev", "train"}), "dev")
    limit = int(args[args.index("--limit") + 1]) if "--limit" in args else None
    result = run(split, limit)
    print(json.dumps(result, indent=1) if "--json" in args else _table(result))
