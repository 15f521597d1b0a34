"""Konjunktiv I detection against UD German (Mood=Sub) — precision / recall per token.

    .venv/bin/python benchmarks/eval_mood.py [../shared/data/ud-german/*.conllu]

Two gold sets: Konjunktiv I proper (``Mood=Sub`` with ``Tense=Pres``) scored against
``is_subjunctive_i(w)``, and all subjunctive (``Mood=Sub``) scored against
``is_subjunctive_i(w, include_ii=True)``.
"""

from __future__ import annotations

import glob
import sys
from pathlib import Path

from newsledger.extractors.mood import is_subjunctive_in_context

DEFAULT = str(Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ud-german" / "*.conllu")


def sentences(paths):
    """Each sentence as (words, feats) lists."""
    for path in paths:
        words, feats = [], []
        for line in open(path, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                words.append(cols[1])
                feats.append(cols[5])
            elif not line.strip() and words:
                yield words, feats
                words, feats = [], []
        if words:
            yield words, feats


def score(sents, gold_test, include_ii):
    tp = fp = fn = 0
    for words, feats, i in ((w, f, i) for w, f in sents for i in range(len(w))):
        gold = gold_test(feats[i])
        pred = is_subjunctive_in_context(words, i, include_ii=include_ii)
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, tp, fp, fn


def main(argv):
    paths = sorted(glob.glob(argv[0] if argv else DEFAULT))
    pairs = list(sentences(paths))
    n_tokens = sum(len(w) for w, _ in pairs)
    konj1 = lambda f: "Mood=Sub" in f and "Tense=Pres" in f  # noqa: E731
    anysub = lambda f: "Mood=Sub" in f  # noqa: E731
    for label, test, ii in (("Konjunktiv I (Mood=Sub|Tense=Pres)", konj1, False), ("any Mood=Sub (incl. II)", anysub, True)):
        p, r, tp, fp, fn = score(pairs, test, ii)
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label}: P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn}) over {n_tokens} tokens")


if __name__ == "__main__":
    main(sys.argv[1:])
