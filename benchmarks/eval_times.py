"""Score our temporal tagger and HeidelTime side by side with one harness.

Usage::

    .venv/bin/python benchmarks/eval_times.py [--set NAME ...] [--heideltime-venv VENV] [--errors N]
    .venv/bin/python benchmarks/eval_times.py --when train|dev      # claims' statement dates

Sets: ``dolomiten-100`` (KRAUTS, ../shared; seen: the rules were developed on it), ``train``,
``dev`` and ``test`` (the real-news TIMEX3 gold on WikiNews, benchmarks/realnews; train and dev are
seen; never read the test part's errors: ``--errors`` refuses it). HeidelTime's column comes from the shipped run
(``dolomiten-100.heideltime.jsonl``) for Dolomiten-100, and from the real HeidelTime when
``--heideltime-venv`` names the environment ``benchmarks/heideltime/setup.sh`` made (GPL; run by
subprocess, results cached in that environment).

Scoring is ``newsledger.evaluate.score_times`` (GUIDELINES.md "How accuracy is scored", Times:
strict = same span, relaxed = overlapping span, value = relaxed and the same TIMEX3 value;
pairs one-to-one, largest overlap first), applied to every system.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from newsledger.evaluate import score_times

BENCHMARKS = Path(__file__).resolve().parent
SHARED = BENCHMARKS.parent / ".." / "shared"
KRAUTS = SHARED / "data" / "krauts"
SETS = ("dolomiten-100", "train", "dev", "test")


def _by_article(records: Iterable[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        grouped[record["article"]].append(record)
    return grouped


def _overlap(g: dict, p: dict) -> bool:
    return g["start"] < p["end"] and p["start"] < g["end"]


def load_krauts(path: Path) -> list[dict]:
    """Articles with their ``timex`` lists from a KRAUTS-style JSONL file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_set(name: str) -> list[dict]:
    """KRAUTS-style articles (id, published, text, timex) of one evaluation set."""
    if name == "dolomiten-100":
        return load_krauts(KRAUTS / "dolomiten-100.jsonl")
    sys.path.insert(0, str(BENCHMARKS / "realnews"))
    from gold import load_times  # benchmarks/realnews/gold.py

    return load_times(name)


def gold_records(articles: list[dict]) -> list[dict]:
    return [{**t, "article": doc["id"]} for doc in articles for t in doc["timex"]]


def tag_articles(articles: list[dict]) -> list[dict]:
    from newsledger.extractors.times import tag_times

    out = []
    for doc in articles:
        for t in tag_times(doc["text"], doc.get("published"), article=doc["id"]):
            out.append({"article": t.article, "start": t.start, "end": t.end, "text": t.text,
                        "type": t.type, "value": t.value, "rule": t.rule})
    return out


def heideltime_articles(name: str, articles: list[dict], venv: Path | None) -> list[dict] | None:
    """HeidelTime's output for the set: the real tagger when ``venv`` is given (cached per
    text and date), else the shipped run for Dolomiten-100, else None."""
    if venv is None:
        shipped = KRAUTS / f"{name}.heideltime.jsonl"
        return load_krauts(shipped) if shipped.is_file() else None
    sys.path.insert(0, str(BENCHMARKS / "heideltime"))
    from run import tag  # benchmarks/heideltime/run.py

    cache = venv / "heideltime-batch" / "cache"
    cache.mkdir(exist_ok=True)

    def key(doc: dict) -> Path:
        digest = hashlib.sha256(f"{doc['published']}\n{doc['text']}".encode()).hexdigest()[:24]
        return cache / f"{digest}.json"

    todo = [doc for doc in articles if not key(doc).is_file()]
    for doc in tag(todo, venv) if todo else []:
        key(doc).write_text(json.dumps(doc["timex"], ensure_ascii=False), encoding="utf-8")
    return [{**doc, "timex": json.loads(key(doc).read_text(encoding="utf-8"))} for doc in articles]


def when_accuracy(split: str) -> dict:
    """Claims' ``when`` accuracy (GUIDELINES: over found figures, dated articles only) on the
    real-news claim gold of one split, with the full extraction as ``newsledger extract`` runs it."""
    from newsledger.evaluate import score_claims
    from newsledger.model import Article, to_dict
    from newsledger.pipeline import extract

    sys.path.insert(0, str(BENCHMARKS / "realnews"))
    from gold import load_claims  # benchmarks/realnews/gold.py

    docs, gold = load_claims(split)
    dated = [d for d in docs if d.get("published")]
    ids = {d["id"] for d in dated}
    articles = [Article(id=d["id"], text=d["text"], published=d["published"], title=d.get("title"))
                for d in dated]
    pred = [to_dict(c) for e in extract(articles) if hasattr(e, "claims") for c in e.claims]
    return score_claims([g for g in gold if g["doc"] in ids], pred, articles=ids)["when"]


def table(rows: dict[str, dict]) -> str:
    lines = ["| set | system | strict P/R/F1 | relaxed P/R/F1 | value P/R/F1 | gold | predicted |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for (set_name, system), s in rows.items():
        cells = [" / ".join(f"{s[k][m]:.3f}" for m in ("precision", "recall", "f1"))
                 for k in ("strict", "relaxed", "value")]
        n_gold = s["relaxed"]["tp"] + s["relaxed"]["fn"]
        n_pred = s["relaxed"]["tp"] + s["relaxed"]["fp"]
        lines.append(f"| {set_name} | {system} | {' | '.join(cells)} | {n_gold} | {n_pred} |")
    return "\n".join(lines)


def print_errors(articles: list[dict], pred: list[dict], limit: int) -> None:
    """Gold expressions without a value match, and predictions without one (for tuning)."""
    gold_by, pred_by = _by_article(gold_records(articles)), _by_article(pred)
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


def _corpus_rows(name: str, articles: list[dict], outputs: dict[str, list[dict] | None]) -> dict:
    """Rows for each corpus of a real-news set on its own (ids name the corpus: wikinews-…,
    own texts otherwise); KRAUTS is one corpus."""
    rows = {}
    corpora = {"WikiNews" if a["id"].startswith("wikinews-") else "own texts" for a in articles}
    for corpus in sorted(corpora) if len(corpora) > 1 else ():
        part = [a for a in articles if ("WikiNews" if a["id"].startswith("wikinews-") else "own texts") == corpus]
        label = f"{name} / {corpus} ({len(part)} articles)"
        for system, output in outputs.items():
            if output is not None:
                rows[(label, system)] = score_times(part, output)  # scores part's articles only
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="sets", action="append", choices=SETS,
                        help="evaluation set (repeatable); default: every set whose gold exists")
    parser.add_argument("--heideltime-venv", type=Path, default=None,
                        help="run the real HeidelTime from this environment (benchmarks/heideltime/setup.sh)")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of ours (not on test)")
    parser.add_argument("--by-corpus", action="store_true",
                        help="also score the WikiNews articles and the project's own texts of a set apart")
    parser.add_argument("--when", metavar="SPLIT", choices=("train", "dev"),
                        help="instead: claims' when accuracy on the real-news claim gold (dated articles)")
    args = parser.parse_args(argv)
    if args.when:
        w = when_accuracy(args.when)
        if not w["total"]:
            print(f"real-news {args.when}: no dated claim gold yet", file=sys.stderr)
            return 0
        print(f"claims' when, real-news {args.when} (dated articles): {w['accuracy']:.3f} "
              f"({w['correct']} of {w['total']} found figures)")
        return 0
    if not KRAUTS.is_dir():
        print(f"{KRAUTS}: not found; expected ../shared next to the repo", file=sys.stderr)
        return 2
    if args.errors and "test" in (args.sets or ["test"]):
        print("--errors is for dolomiten-100, train and dev only: the test part's errors are never read",
              file=sys.stderr)
        return 2
    rows: dict[tuple[str, str], dict] = {}
    for name in args.sets or SETS:
        articles = load_set(name)
        if not articles:
            print(f"{name}: no gold yet (benchmarks/realnews/gold/times-*.times.jsonl)", file=sys.stderr)
            continue
        label = f"{name} ({len(articles)} articles)"
        ours = tag_articles(articles)
        rows[(label, "newsledger")] = score_times(articles, ours)
        theirs = heideltime_articles(name, articles, args.heideltime_venv)
        if theirs is not None:
            rows[(label, "HeidelTime")] = score_times(articles, theirs)
        if args.by_corpus:
            rows.update(_corpus_rows(name, articles, {"newsledger": ours, "HeidelTime": theirs}))
        if args.errors:
            print_errors(articles, ours, args.errors)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
