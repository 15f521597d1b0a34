"""The word-form cache answers exactly as HanTa does, and from disk without loading HanTa."""

from __future__ import annotations

import pytest

from newsledger.extractors import wordforms
from newsledger.extractors.wordforms import WordForms

WORDS = ["Merkel", "liege", "verändere", "Softwareprimus", "Osnabrücker", "Einfluss", "Bild"]


@pytest.fixture
def table(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLEDGER_CACHE_DIR", str(tmp_path))
    return wordforms.table_path()


def test_answers_are_hantas_and_come_back_from_disk_without_the_model(table):
    hanta = wordforms._load_tagger()
    first = WordForms(table)
    asked = [(first.analyze(w), first.tag_word(w)) for w in WORDS]
    assert asked == [(hanta.analyze(w), hanta.tag_word(w, cutoff=5)) for w in WORDS]
    first.save()

    second = WordForms(table)
    assert [(second.analyze(w), second.tag_word(w)) for w in WORDS] == asked
    assert not second.model_loaded


def test_a_table_that_cannot_be_read_is_rebuilt(table):
    table.parent.mkdir(parents=True, exist_ok=True)
    table.write_text("{not json")
    forms = WordForms(table)
    assert forms.analyze("liege")[1].startswith("V")
    forms.save()
    assert WordForms(table).analyze("liege") == forms.analyze("liege")


def test_the_table_stops_growing_at_its_bound(table, monkeypatch):
    monkeypatch.setattr(wordforms, "MAX_FORMS", 3)
    forms = WordForms(table)
    for word in WORDS:
        forms.analyze(word)
    forms.save()
    assert len(wordforms._read(table)["analyze"]) == 3
