"""Quote attribution on German WikiNews (quotes-de-news), scored by ``evaluate.score_quotes``.

    .venv/bin/python benchmarks/eval_quotes.py [dev|train] [--limit N] [--json] [--errors]

Scoring is GUIDELINES.md "How accuracy is scored": content spans overlap by at least half
of the shorter one (one-to-one, largest overlap first); attributed when the speaker spans
overlap (or neither has a speaker). Develop on train, report dev. ``--errors`` lists, per
article, the gold quotes missed, those found with the wrong speaker and the spurious predictions;
it is refused for dev, whose errors must never be read.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsledger.evaluate import load_jsonl, score_quotes
from newsledger.evaluate import _gold_spans, _greedy_pairs, _half_overlap, _pred_spans, _speakers_agree
from newsledger.extractors.quotes import find_quotes
from newsledger.model import Article, to_dict
from newsledger.nlp import parse

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "quotes-de-news"


def predict(records: list[dict]) -> list[dict]:
    out = []
    for record in records:
        article = Article(id=record["id"], text=record["text"], published=record.get("published"))
        out.extend({**to_dict(q), "rule": q.rule} for q in find_quotes(parse(article)))
    return out


READABLE = ("train",)  # the split whose errors may be read


def run(split: str = "dev", limit: int | None = None, errors: bool = False) -> dict:
    gold = load_jsonl(DATA / f"{split}.jsonl")[:limit]
    started = time.perf_counter()
    pred = predict(gold)
    scores = score_quotes(gold, pred)
    scores["seconds"] = round(time.perf_counter() - started, 2)
    if errors:
        print_errors(gold, pred)
    return scores


def print_errors(gold: list[dict], pred: list[dict]) -> None:
    """Missed (``-``), wrongly attributed (``~``) and spurious (``+``) quotes, article by article."""
    by_article: dict[str, list[dict]] = {}
    for quote in pred:
        by_article.setdefault(quote["article"], []).append(quote)
    for article in gold:
        text, found = article["text"], by_article.get(article["id"], [])
        pairs = _pairs(article["quotes"], found, article["id"])
        lines = []
        for gi, g in enumerate(article["quotes"]):
            pi = pairs.get(gi)
            if pi is None:
                lines.append(f"  - {g['type']:13s} {_said(g.get('speaker'))} | {_short(g['content']['text'])}")
            elif not _speakers_agree(g, found[pi], article["id"]):
                p = found[pi]
                lines.append(f"  ~ {g['type']:13s} gold {_said(g.get('speaker'))} / got "
                             f"{_said(p.get('speaker'))} [{p['rule']}] | {_short(g['content']['text'])}")
        for pi in sorted(set(range(len(found))) - set(pairs.values())):
            p = found[pi]
            lines.append(f"  + {p['kind']:13s} {_said(p.get('speaker'))} [{p['rule']}] | "
                         f"{_short(text[p['content']['start']:p['content']['end']])}")
        if lines:
            print(f"# {article['id']}")
            print("\n".join(lines))


def _pairs(gold: list[dict], pred: list[dict], article: str) -> dict[int, int]:
    """Gold index → predicted index, matched as ``score_quotes`` matches them."""
    gold_spans = [_gold_spans(q["content"], article) for q in gold]
    pred_spans = [_pred_spans(q["content"], article) for q in pred]
    return dict(_greedy_pairs(gold_spans, pred_spans, _half_overlap))


def _said(speaker: dict | None) -> str:
    return f"<{speaker['text']}>" if speaker else "<none>"


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


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
    if "--errors" in args and split not in READABLE:
        sys.exit("--errors is refused for dev: its errors must never be read")
    result = run(split, limit, errors="--errors" in args)
    print(json.dumps(result, indent=1) if "--json" in args else _table(result))
