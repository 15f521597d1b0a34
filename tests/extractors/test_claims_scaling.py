"""Certainty and polarity cues are matched once per sentence scope, not once per figure:
a results list puts hundreds of figures in one sentence, and matching the whole sentence
for each figure made extraction quadratic (~3 minutes for 20 KB). Counted, not timed:
the words the cue lexicons scan stay proportional to the text."""

from __future__ import annotations

import pytest

from newsledger.extractors import claims as claims_module
from newsledger.model import Article
from newsledger.pipeline import extract_article


def _results_sentence(figures: int) -> str:
    parts = ", ".join(f"Kandidat {i} erhielt {1000 + i} Stimmen" for i in range(figures))
    return f"Die Wahlleitung meldete am Montag folgende Ergebnisse: {parts}."


@pytest.mark.parametrize("figures", [40, 160])
def test_cue_matching_scans_each_sentence_a_bounded_number_of_times(monkeypatch, figures):
    scanned = []
    find_all = claims_module._Phrases.find_all

    def counting(self, words):
        scanned.append(len(words))
        return find_all(self, words)

    monkeypatch.setattr(claims_module._Phrases, "find_all", counting)
    text = _results_sentence(figures)
    extraction = extract_article(Article(id="results", text=text, published="2024-03-04"))
    assert len(extraction.claims) >= figures  # every figure still becomes a claim
    words = len(text.split())
    assert sum(scanned) <= 2 * len(claims_module._CUE_LEXICONS) * words
