"""Fit the attribution ranker on the real-news train split (the annotated WikiNews train batches,
our own annotations of CC BY 2.5 texts, and the project's own texts, CC BY 4.0, once annotated)
and write the package's weights.json.

    python3 tasks.py train                      # = .venv/bin/python benchmarks/train_ranker.py
    .venv/bin/python benchmarks/train_ranker.py --out /tmp/weights.json   # elsewhere

Only the train split may be fitted on (benchmarks/realnews/README.md, docs/licences.md): dev and
test measure, derStandard and SpkAtt are non-commercial.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eval_realnews import articles_of  # same directory
from realnews.gold import annotated, splits

from newsledger.extractors.attribution import train

WEIGHTS = Path(train.__file__).resolve().parent / "weights.json"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=WEIGHTS, help="where to write the weights")
    args = parser.parse_args(argv)
    articles, gold = articles_of("train")
    if not gold:
        print("no annotated train articles yet (benchmarks/realnews/gold/)", file=sys.stderr)
        return 2
    groups = train.examples(articles, gold)
    weights = train.fit(groups)
    stats = {"articles": len(articles), "gold_claims": len(gold), "figures": len(groups),
             "candidates": sum(len(g) for g in groups),
             "train_choice_accuracy": round(train.choice_accuracy(groups, weights), 3)}
    fitted_on = f"real-news gold, train split: {_batches_fitted(articles)}"
    train.write_weights(args.out, weights, fitted_on, stats)
    print(f"wrote {args.out}: {len(weights)} weights; {stats}")
    return 0


def _batches_fitted(articles) -> str:
    """'WikiNews batches wn-a, wn-b (own annotations of CC BY 2.5 texts); own texts own-a
    (CC BY 4.0)': the annotated batches the articles came from."""
    ids = {a.id for a in articles} & annotated("claims")
    batches = [name for name, members in splits()["batches"].items() if ids & set(members)]
    wiki = [b for b in batches if b.startswith("wn-")]
    own = [b for b in batches if b.startswith("own-")]
    parts = []
    if wiki:
        parts.append(f"WikiNews batches {', '.join(wiki)} (own annotations of CC BY 2.5 texts)")
    if own:
        parts.append(f"the project's own texts {', '.join(own)} (CC BY 4.0)")
    return "; ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
