"""Konjunktiv I detection (newsledger.extractors.mood)."""

from __future__ import annotations

import pytest

from newsledger.extractors.mood import is_subjunctive_i, is_subjunctive_in_context

CASES = [
    ("sei", False, True),
    ("seien", False, True),
    ("habe", False, True),
    ("könne", False, True),
    ("liege", False, True),
    ("verändere", False, True),
    ("hätten", True, True),
    ("hätten", False, False),  # Konjunktiv II only when asked for
    ("sagte", False, False),  # past indicative
    ("große", False, False),  # adjective
    ("Ende", False, False),  # noun
    ("ist", False, False),
    ("bleibt", False, False),
]


@pytest.mark.parametrize("word, include_ii, expected", CASES)
def test_is_subjunctive_i(word, include_ii, expected):
    assert is_subjunctive_i(word, include_ii=include_ii) is expected


@pytest.mark.parametrize(
    "words, i, expected",
    [
        (["Er", "habe", "nichts", "gewusst"], 1, True),
        (["Ich", "habe", "nichts", "gewusst"], 1, False),  # 1st person indicative
        (["Das", "habe", "ich", "gesagt"], 1, False),
    ],
)
def test_context_rejects_first_person(words, i, expected):
    assert is_subjunctive_in_context(words, i) is expected


@pytest.mark.shared
def test_ud_german_konjunktiv_i(shared):
    """Against UD German Mood=Sub|Tense=Pres: measured P 0.79 / R 0.99 (benchmarks/eval_mood.py)."""
    tp = fp = fn = 0
    for path in sorted((shared / "data" / "ud-german").glob("*.conllu")):
        words, feats = [], []
        for line in path.read_text("utf-8").splitlines() + [""]:
            cols = line.split("\t")
            if len(cols) == 10 and cols[0].isdigit():
                words.append(cols[1])
                feats.append(cols[5])
                continue
            for i, f in enumerate(feats):
                gold = "Mood=Sub" in f and "Tense=Pres" in f
                pred = is_subjunctive_in_context(words, i)
                tp, fp, fn = tp + (gold and pred), fp + (pred and not gold), fn + (gold and not pred)
            words, feats = [], []
    assert tp / (tp + fp) >= 0.75
    assert tp / (tp + fn) >= 0.95
