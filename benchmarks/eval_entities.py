"""Entity mention recognition on GermEval 2014 (outer level, PER/ORG/LOC span F1).

    .venv/bin/python benchmarks/eval_entities.py [../shared/data/germeval2014/NER-de-dev.tsv]

Each sentence is parsed as one article; ``find_mentions`` spans are trimmed to their name
part (determiners, adjectives and role words dropped, as GermEval annotates "Blinken" in
"Außenminister Blinken") and MEDIA counts as ORG. Exact span and type match.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from newsledger.extractors.attribution_np import DETERMINERS
from newsledger.extractors.entities import find_mentions, is_role_word
from newsledger.model import Article
from newsledger.nlp import parse

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "germeval2014" / "NER-de-dev.tsv"
KINDS = {"PER": "PER", "ORG": "ORG", "MEDIA": "ORG", "LOC": "LOC"}


def read(path):
    tokens, tags = [], []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 3:
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        tokens.append(cols[1])
        tags.append(cols[2])
    if tokens:
        yield tokens, tags


def gold_spans(tokens, tags):
    """(start_char, end_char, type) of the outer PER/ORG/LOC entities."""
    offsets, pos = [], 0
    for token in tokens:
        offsets.append((pos, pos + len(token)))
        pos += len(token) + 1
    spans, current = set(), None
    for (start, end), tag in zip(offsets, tags):
        kind = tag[2:]
        if tag.startswith("B-") and kind in {"PER", "ORG", "LOC"}:
            current = [start, end, kind]
            spans.add(tuple(current))
        elif tag.startswith("I-") and current and kind == current[2]:
            spans.discard(tuple(current))
            current[1] = end
            spans.add(tuple(current))
        else:
            current = None
    return spans


def predicted_spans(doc):
    out = set()
    for m in find_mentions(doc):
        kind = KINDS.get(m.kind) or ("PER" if m.kind == "ROLE" and m.name else None)
        if kind is None:
            continue
        words = m.text.split()
        start = m.start
        while words and (words[0][:1].islower() or words[0].lower() in DETERMINERS or is_role_word(doc, words[0])):
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            out.add((start, m.end, kind))
    return out


def main(argv):
    path = argv[0] if argv else DEFAULT
    counts = Counter()
    for n, (tokens, tags) in enumerate(read(path)):
        text = " ".join(tokens)
        gold = gold_spans(tokens, tags)
        pred = predicted_spans(parse(Article(id=str(n), text=text)))
        for kind in ("PER", "ORG", "LOC"):
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            counts[kind, "tp"] += len(g & p)
            counts[kind, "gold"] += len(g)
            counts[kind, "pred"] += len(p)
    for kind in ("PER", "ORG", "LOC", "ALL"):
        kinds = ("PER", "ORG", "LOC") if kind == "ALL" else (kind,)
        tp = sum(counts[k, "tp"] for k in kinds)
        p = tp / max(1, sum(counts[k, "pred"] for k in kinds))
        r = tp / max(1, sum(counts[k, "gold"] for k in kinds))
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind}: P={p:.3f} R={r:.3f} F1={f:.3f} (gold={sum(counts[k, 'gold'] for k in kinds)})")


if __name__ == "__main__":
    main(sys.argv[1:])
