"""Fit the name tagger (``extractors/name_tagger.py``) on GermEval 2014 and write its weights.

    python3 tasks.py train-entities             # = .venv/bin/python benchmarks/train_entities.py
    .venv/bin/python benchmarks/train_entities.py --out /tmp/t.json.gz --hold-out 0/5

Fitted on GermEval 2014's *test* part (CC BY 4.0; here the development part, since ../shared
has no train part; dev measures, see docs/accuracy.md). Needs python-crfsuite (a training
dependency only: the package decodes with its own Viterbi). ``--hold-out k/K`` leaves out every
sentence n with n % K == k, for ``eval_entities.py --split test --part k/K --model …``
(cross-validation on the development part).
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

from eval_entities import DATA, SPLITS, read  # same directory

from newsledger.extractors import name_tagger
from newsledger.extractors.attribution_np import doc_sentences
from newsledger.model import Article
from newsledger.nlp import parse

KINDS = ("PER", "ORG", "LOC", "OTH")
OPTIONS = {"c1": 0.02, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def outer_spans(tokens, tags):
    """(start_char, end_char, kind) of the outer entities, OTH included (the tagger learns to
    tell them apart from persons and organisations; the scorer ignores them)."""
    spans, pos, current = [], 0, None
    for token, tag in zip(tokens, tags):
        start, end, kind = pos, pos + len(token), tag[2:]
        pos = end + 1
        if tag.startswith("B-") and kind in KINDS:
            current = [start, end, kind]
            spans.append(current)
        elif tag.startswith("I-") and current and kind == current[2]:
            current[1] = end
        else:
            current = None
    return spans


def sentences(split: str, hold_out: tuple[int, int] | None):
    """(forms, labels, lexicons) per parsed sentence, labels aligned to our tokenizer's words."""
    for n, (tokens, tags) in enumerate(read(DATA / SPLITS[split])):
        if hold_out and n % hold_out[1] == hold_out[0]:
            continue
        doc = parse(Article(id=str(n), text=" ".join(tokens)))
        labels = ["O"] * len(doc)
        for start, end, kind in outer_spans(tokens, tags):
            inside = [t.i for t in doc if start <= t.idx < end]
            for k, i in enumerate(inside):
                labels[i] = ("B-" if k == 0 else "I-") + kind
        lex = name_tagger.lexicons_of(doc)
        for sent in doc_sentences(doc):
            yield [t.text for t in sent], labels[sent.start:sent.end], lex


def fit(data, out: Path) -> dict:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for forms, labels, lex in data:
        trainer.append([name_tagger.position_features(forms, i, lex) for i in range(len(forms))], labels)
    trainer.set_params(OPTIONS)
    model_file = out.with_suffix(".crfsuite")
    trainer.train(str(model_file))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    info = tagger.info()
    model_file.unlink()
    labels = sorted(info.labels, key=lambda y: (y != "O", y[2:], y))
    index = {y: k for k, y in enumerate(labels)}
    attributes: dict[str, list] = {}
    for (attribute, label), weight in info.state_features.items():
        if abs(weight) >= 1e-4:
            attributes.setdefault(attribute, []).append([index[label], round(weight, 4)])
    transitions = [[0.0] * len(labels) for _ in labels]
    for (before, after), weight in info.transitions.items():
        transitions[index[before]][index[after]] = round(weight, 4)
    return {"labels": labels, "transitions": transitions, "attributes": attributes}


def lowercase_names_and_connectors(data) -> tuple[list[str], list[str]]:
    """Lower-case words that open names at least twice and more often than not ('dpa'), and
    function words found inside names at least twice ('von', 'für', 'of', '&')."""
    opens, seen, inside = Counter(), Counter(), Counter()
    for forms, labels, _ in data:
        for form, label in zip(forms, labels):
            if form[:1].isupper():
                continue
            seen[form] += 1
            if label.startswith("B-"):
                opens[form] += 1
            elif label.startswith("I-") and (form.isalpha() or form == "&"):
                inside[form] += 1
    names = sorted(f for f, n in opens.items() if n >= 2 and 2 * n > seen[f])
    connectors = sorted(f for f, n in inside.items() if n >= 2)
    return names, connectors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=name_tagger.WEIGHTS)
    parser.add_argument("--split", choices=sorted(SPLITS), default="test",
                        help="the part fitted on (never dev: it measures)")
    parser.add_argument("--hold-out", metavar="k/K", help="leave out sentences n %% K == k")
    args = parser.parse_args(argv)
    if args.split == "dev":
        parser.error("dev measures the tagger; fit on test (or train where present)")
    hold_out = tuple(int(x) for x in args.hold_out.split("/")) if args.hold_out else None
    data = list(sentences(args.split, hold_out))
    model = fit(data, args.out)
    model["lowercase_names"], model["connectors"] = lowercase_names_and_connectors(data)
    model["fitted_on"] = (f"GermEval 2014 {SPLITS[args.split]} (CC BY 4.0)"
                          + (f", sentences n % {hold_out[1]} != {hold_out[0]}" if hold_out else ""))
    model["options"] = OPTIONS
    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:  # the same bytes for the same fit
        f.write(text.encode("utf-8"))
    print(f"wrote {args.out}: {len(model['attributes'])} attributes, {len(data)} sentences, "
          f"{args.out.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
