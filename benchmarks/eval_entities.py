"""Entity mention recognition on GermEval 2014 (outer level, PER/ORG/LOC span F1).

    .venv/bin/python benchmarks/eval_entities.py [--split dev|test|train] [--errors N] [PATH]

Rules are developed on a development split and measured on dev: develop on ``train`` when
``NER-de-train.tsv`` is present, else on ``test`` (../shared ships dev and test only); never
tune on dev errors. ``--errors N`` prints N missed and N spurious spans per type.

``--model FILE --part k/K`` scores a model that ``train_entities.py --hold-out k/K`` fitted
without the sentences scored (cross-validation on the development part).

Each sentence is parsed as one article; ``find_mentions`` spans are trimmed to their name
part (determiners, adjectives and role words dropped, as GermEval annotates "Blinken" in
"Außenminister Blinken", and "Xinhua" in "Nachrichtenagentur Xinhua": a common noun naming what
an organisation is, unless it opens the name as in "Universität Tübingen") and MEDIA counts as
ORG. Exact span and type match.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from newsledger.extractors import name_tagger
from newsledger.extractors.attribution_np import DETERMINERS
from newsledger.extractors.attribution_np import doc_lexicon
from newsledger.extractors.entities import _is_common_noun, find_mentions, is_role_word
from newsledger.model import Article
from newsledger.nlp import parse

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "germeval2014"
SPLITS = {"train": "NER-de-train.tsv", "dev": "NER-de-dev.tsv", "test": "NER-de-test.tsv"}
DEFAULT = DATA / SPLITS["dev"]
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
        while kind == "ORG" and len(words) > 1 and _is_descriptor(doc, words[0]) and not _is_common_noun(words[1]):
            start += len(words[0]) + 1
            words = words[1:]
        if words:
            out.add((start, m.end, kind))
    return out


def _is_descriptor(doc, word):
    """'Nachrichtenagentur', 'US-Sender', 'Firma' before an organisation's name."""
    return _is_common_noun(word) and word not in doc_lexicon(doc, "org_prefixes")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, help="a GermEval TSV file (overrides --split)")
    parser.add_argument("--split", choices=sorted(SPLITS), default="dev")
    parser.add_argument("--model", type=Path, help="name tagger weights to use (default: the package's)")
    parser.add_argument("--part", metavar="k/K", help="score only sentences n with n %% K == k "
                        "(the part a `train_entities.py --hold-out k/K` model left out)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N missed and N spurious spans per type")
    args = parser.parse_args(argv)
    path = args.path or DATA / SPLITS[args.split]
    if not path.exists():
        raise SystemExit(f"{path} is absent: GermEval 2014 {args.split} is not in ../shared "
                         f"(present: {', '.join(sorted(p.name for p in DATA.glob('*.tsv'))) or 'none'})")
    if args.model:
        name_tagger.use(name_tagger.load(args.model))
    part = tuple(int(x) for x in args.part.split("/")) if args.part else None
    counts = Counter()
    misses, spurious = {k: [] for k in ("PER", "ORG", "LOC")}, {k: [] for k in ("PER", "ORG", "LOC")}
    for n, (tokens, tags) in enumerate(read(path)):
        if part and n % part[1] != part[0]:
            continue
        text = " ".join(tokens)
        gold = gold_spans(tokens, tags)
        pred = predicted_spans(parse(Article(id=str(n), text=text)))
        for kind in ("PER", "ORG", "LOC"):
            g = {s for s in gold if s[2] == kind}
            p = {s for s in pred if s[2] == kind}
            counts[kind, "tp"] += len(g & p)
            counts[kind, "gold"] += len(g)
            counts[kind, "pred"] += len(p)
            misses[kind] += [_error(text, s, gold | pred) for s in sorted(g - p)]
            spurious[kind] += [_error(text, s, gold) for s in sorted(p - g)]
    print(f"{path.name}")
    for kind in ("PER", "ORG", "LOC", "ALL"):
        kinds = ("PER", "ORG", "LOC") if kind == "ALL" else (kind,)
        tp = sum(counts[k, "tp"] for k in kinds)
        p = tp / max(1, sum(counts[k, "pred"] for k in kinds))
        r = tp / max(1, sum(counts[k, "gold"] for k in kinds))
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind}: P={p:.3f} R={r:.3f} F1={f:.3f} (gold={sum(counts[k, 'gold'] for k in kinds)})")
    for kind in ("PER", "ORG", "LOC") if args.errors else ():
        print(f"\n## {kind} missed ({len(misses[kind])})")
        print("\n".join(misses[kind][: args.errors]))
        print(f"\n## {kind} spurious ({len(spurious[kind])})")
        print("\n".join(spurious[kind][: args.errors]))


def _error(text, span, others):
    """'span' [what overlaps it, with kinds] | context."""
    start, end, _ = span
    overlap = [f"{text[s:e]}/{k}" for s, e, k in sorted(others) if s < end and start < e and (s, e, k) != span]
    return f"{text[start:end]!r:40} {' '.join(overlap)!s:40} | {text[max(0, start - 50):end + 30]}"


if __name__ == "__main__":
    main()
