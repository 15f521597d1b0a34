"""Claim accuracy on the real-news gold (benchmarks/realnews): WikiNews and derStandard articles
annotated by people who never saw the extractor's output.

    .venv/bin/python benchmarks/eval_realnews.py [--split train|dev|test ...] [--by-corpus] [--json FILE] [--errors]
    .venv/bin/python benchmarks/eval_realnews.py --split train --speakers   # speaker errors by family

Prints, per split, figures and claims P/R/F1 and speaker, qualifier, polarity and ``when``
accuracy over found figures (GUIDELINES "How accuracy is scored"). The extractor runs exactly
as `newsledger extract` does. Only the annotated part of a split counts (gold files appear in
benchmarks/realnews/gold/ batch by batch).

The splits (benchmarks/realnews/README.md): **train** is read and fitted on, **dev** is measured
often, **test** is measured once per round by the lead. ``--errors`` lists missed and spurious
claims and ``--speakers`` the wrong speakers of found figures, grouped by family (no right
candidate, wrong pick among candidates, a speaker where the gold has none, none where the gold
has one), each with the candidates and their scores; both are for train only: whoever reads dev
or test errors has seen the set.
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
MEASURED = ("train", "dev")  # the default splits
READABLE = ("train",)  # splits whose errors may be read


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
    """Every claim the pipeline extracts from ``articles``, as contract dicts (with the
    debug-only ``rule``, which ``--speakers`` shows)."""
    return [{**to_dict(c), "rule": c.rule} for e in extract(articles) if isinstance(e, Extraction)
            for c in e.claims]


def score(split: str) -> tuple[dict, list[dict], list[dict]]:
    """Claim scores of a fresh extraction of one split against its gold; the gold rows and
    the predictions too."""
    articles, gold = articles_of(split)
    pred = predictions(articles)
    return score_of(articles, gold, pred), gold, pred


def score_of(articles: list[Article], gold: list[dict], pred: list[dict]) -> dict:
    scores = evaluate.score_claims(gold, pred, articles=[a.id for a in articles])
    scores["size"] = {"articles": len(articles), "gold_claims": len(gold)}
    return scores


def corpus_of(article_id: str) -> str:
    """Which corpus an article comes from: its id names it (benchmarks/realnews/README.md)."""
    if article_id.startswith("wikinews-"):
        return "WikiNews"
    if article_id.startswith("gnad-"):
        return "derStandard"
    return "own texts"


def scores_by_corpus(split: str, gold: list[dict], pred: list[dict]) -> dict[str, dict]:
    """The same scores for each corpus of a split on its own."""
    records = load_claims(split)[0]
    out = {}
    for corpus in sorted({corpus_of(r["id"]) for r in records}):
        articles = [Article(id=r["id"], text="") for r in records if corpus_of(r["id"]) == corpus]
        keep = {a.id for a in articles}
        out[corpus] = score_of(articles, [r for r in gold if r["doc"] in keep],
                               [c for c in pred if c["article"] in keep])
    return out


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


SPEAKER_FAMILIES = ("no right candidate", "wrong pick", "spurious speaker", "missing speaker")


def speaker_errors(gold: list[dict], pred: list[dict]) -> dict[str, list[tuple[dict, dict]]]:
    """Found figures whose speaker is wrong, by family: the gold has a speaker and no candidate
    matches it; a candidate matches but another was chosen; the gold has none and a named one
    was chosen; the gold has one and none was chosen (a right candidate exists)."""
    out: dict[str, list[tuple[dict, dict]]] = {name: [] for name in SPEAKER_FAMILIES}
    for g, p in evaluate.found_pairs(gold, pred):
        row, claim = gold[g], pred[p]
        if evaluate.speaker_matches(row, claim):
            continue
        right = [c for c in claim.get("candidates") or ()
                 if evaluate.speaker_matches(row, {"speaker": _candidate_speaker(c)})]
        gold_named = bool(row.get("speaker") or row.get("speaker_canonical"))
        chose_named = evaluate.speaker_matches({"speaker": None}, claim) is False
        if not gold_named:
            family = "spurious speaker"
        elif not right:
            family = "no right candidate"
        elif not chose_named:
            family = "missing speaker"
        else:
            family = "wrong pick"
        out[family].append((row, claim))
    return out


def _candidate_speaker(candidate: dict) -> dict | None:
    if candidate["kind"] == "none":
        return None
    return {"text": candidate["text"], "name": candidate["name"],
            "named": candidate["kind"] != "unnamed"}


def print_speaker_errors(families: dict[str, list[tuple[dict, dict]]]) -> None:
    for family, cases in families.items():
        print(f"== {family}: {len(cases)}")
        for row, claim in cases:
            speaker = claim.get("speaker") or {}
            named = speaker.get("named", True)
            chosen = (speaker.get("name") or speaker.get("text")) if named else None
            gold = row.get("speaker_canonical") or row.get("speaker")
            print(f"  {row['doc']} {row['figure_text']!r} gold {gold!r}"
                  f" chosen {chosen!r} ({claim.get('rule')})")
            print(f"      {row['sentence']}")
            for c in claim.get("candidates") or ():
                mark = "*" if c["chosen"] else " "
                label = c["name"] or c["text"]
                print(f"      {mark} {c['score']:.3f} {c['signal']:<14} {c['kind']:<12} {label!r}")


def _figure(entry: dict) -> str:
    low, high = entry["low"], entry["high"]
    value = f"{low:g}" if low == high else f"{low:g}-{high:g}"
    return f"{value} ({entry['qualifier']})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", action="append", choices=SPLITS,
                        help="split to measure (repeatable; default: train and dev)")
    parser.add_argument("--errors", action="store_true",
                        help="list missed and spurious claims (train only)")
    parser.add_argument("--speakers", action="store_true",
                        help="list wrong speakers of found figures by family (train only)")
    parser.add_argument("--by-corpus", action="store_true",
                        help="also score each corpus of a split (WikiNews, derStandard, own texts)")
    parser.add_argument("--json", type=Path, help="also write the scores to this file")
    args = parser.parse_args(argv)
    splits = args.split or list(MEASURED)
    if (args.errors or args.speakers) and any(s not in READABLE for s in splits):
        print("--errors and --speakers are for train only: dev and test errors are never read",
              file=sys.stderr)
        return 2
    results = {}
    for split in splits:
        results[split], gold, pred = score(split)
        print_scores(split, results[split])
        if args.by_corpus:
            for corpus, scores in scores_by_corpus(split, gold, pred).items():
                print_scores(f"{split} / {corpus}", scores)
        if args.errors:
            print_errors(results[split]["articles"])
        if args.speakers:
            print_speaker_errors(speaker_errors(gold, pred))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
