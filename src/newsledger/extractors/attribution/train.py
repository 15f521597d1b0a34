"""Fitting the ranker: candidates of annotated articles, labelled by the gold speaker, and an
L2-regularised logistic regression fitted by Newton's method (numpy only, deterministic).

Used by ``python3 tasks.py train`` (``benchmarks/train_ranker.py``), which passes the WikiNews
train split of the real-news gold; nothing else may be fitted into the shipped weights
(docs/licences.md).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from newsledger.config import Config, load_config
from newsledger.evaluate import speaker_matches
from newsledger.extractors.attribution.candidates import Proposal
from newsledger.extractors.claims import find_claims
from newsledger.extractors.figures import find_figures
from newsledger.extractors.quotes import find_quotes
from newsledger.extractors.times import find_times
from newsledger.model import Article, Figure
from newsledger.nlp import parse

MIN_FEATURE_COUNT = 3  # a feature seen fewer times in training gets no weight
L2 = 1.0
ITERATIONS = 25

Example = tuple[dict[str, float], int]


def traced_candidates(article: Article, config: Config) -> list[tuple[Figure, list[Proposal]]]:
    """Each figure of the article with its candidates, extracted as the pipeline does."""
    doc = parse(article, boilerplate_file=config.get("ingest", "boilerplate_file") or None)
    doc._.lexicon_extras = config.lexicon_extras
    trace: list[tuple[Figure, list[Proposal]]] = []
    for _ in find_claims(doc, quotes=tuple(find_quotes(doc)), figures=tuple(find_figures(doc)),
                         times=tuple(find_times(doc)), trace=trace):
        pass
    return trace


def examples(articles: Sequence[Article], gold: Sequence[Mapping[str, Any]]) -> list[list[Example]]:
    """Per figure found in a gold claim's span: its candidates' features and labels (1 when
    the candidate's speaker matches the gold speaker by the scoring rule). Figures no gold
    claim covers, and figures none of whose candidates is right, teach nothing and are left out."""
    config = load_config()
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for row in gold:
        by_doc.setdefault(row["doc"], []).append(row)
    out = []
    for article in articles:
        rows = by_doc.get(article.id, [])
        for figure, proposals in traced_candidates(article, config):
            row = _gold_for(figure, rows)
            if row is None:
                continue
            labels = [int(speaker_matches(row, {"speaker": _speaker_dict(p)})) for p in proposals]
            if any(labels):
                out.append([(p.features, y) for p, y in zip(proposals, labels)])
    return out


def _gold_for(figure: Figure, rows: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The gold claim whose figure (or a mention's figure) overlaps this one; gold in the seeds'
    format, without offsets, by value."""
    for row in rows:
        if "figure" not in row:
            if (row["value_low"], row["value_high"]) == (figure.value.low, figure.value.high):
                return row
            continue
        spans = [row["figure"], *[m[2:4] for m in row.get("mentions") or [] if isinstance(m, list)]]
        if any(s[0] < figure.end and figure.start < s[1] for s in spans):
            return row
    return None


def _speaker_dict(proposal: Proposal) -> dict[str, Any] | None:
    s = proposal.speaker
    if s is None:
        return None
    return {"text": s.text, "name": s.name, "named": s.named}


def fit(groups: Sequence[Sequence[Example]]) -> dict[str, float]:
    """Weights of a logistic regression over all candidates (bias included as a feature)."""
    counts = Counter(name for group in groups for feats, _ in group for name in feats)
    names = sorted(n for n, c in counts.items() if c >= MIN_FEATURE_COUNT)
    index = {n: k for k, n in enumerate(names)}
    rows = [feats for group in groups for feats, _ in group]
    x = np.zeros((len(rows), len(names)))
    for r, feats in enumerate(rows):
        for name, value in feats.items():
            if name in index:
                x[r, index[name]] = value
    y = np.array([label for group in groups for _, label in group], dtype=float)
    w = np.zeros(len(names))
    for _ in range(ITERATIONS):  # Newton's method: the loss is convex, 25 steps converge
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        gradient = x.T @ (p - y) + L2 * w
        hessian = (x.T * (p * (1 - p))) @ x + L2 * np.eye(len(names))
        w -= np.linalg.solve(hessian, gradient)
    return {n: round(float(v), 4) for n, v in zip(names, w) if abs(v) >= 1e-4}


def choice_accuracy(groups: Sequence[Sequence[Example]], weights: Mapping[str, float]) -> float:
    """Share of figures whose best-scoring candidate is a right one."""
    from newsledger.extractors.attribution.ranker import choose

    right = sum(group[choose([f for f, _ in group], weights)][1] for group in groups)
    return right / len(groups) if groups else 0.0


def write_weights(path: Path, weights: Mapping[str, float], fitted_on: str, stats: Mapping[str, Any]) -> None:
    data = {"fitted_on": fitted_on, "stats": dict(stats), "weights": dict(sorted(weights.items()))}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
