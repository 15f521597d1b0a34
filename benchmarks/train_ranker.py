"""Fit the attribution ranker on the real-news train split (WikiNews batches wn-a..wn-c, our
own annotations of CC BY 2.5 texts) and write the package's weights.json.

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
    fitted_on = ("real-news gold, train split: WikiNews batches wn-a, wn-b, wn-c "
                 "(own annotations of CC BY 2.5 texts)")
    train.write_weights(args.out, weights, fitted_on, stats)
    print(f"wrote {args.out}: {len(weights)} weights; {stats}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
