"""Cleaning is length-preserving: offsets into the cleaned text are offsets into the input."""

import pytest

from newsledger.ingest.clean import clean

BOILERPLATE_CASES = [
    ("Anzeige", True),
    ("» Lesen Sie auch: Was wir über den Streik wissen", True),
    ("Im Video: Die Lage an der Front", True),
    ("Foto: dpa", True),
    ("Die Anzeige wurde am Montag erstattet.", False),
    ("Lesen Sie, was die Ministerin sagte, weiter unten.", False),
]


@pytest.mark.parametrize("line, removed", BOILERPLATE_CASES)
def test_boilerplate_lines(line, removed):
    text = f"Erster Absatz.\n\n{line}\n\nLetzter Absatz."
    cleaned = clean(text)
    assert len(cleaned.text) == len(text)
    assert (line not in cleaned.text) is removed


def test_offsets_survive_every_change():
    text = "Titel\nDie Polizei\nzählte 3.000 Menschen.\u00a0Anzeige\n\nAnzeige\n\nDer Veranstalter sprach von 10.000."
    cleaned = clean(text)
    assert len(cleaned.text) == len(text)
    for word in ("3.000", "10.000", "Polizei", "Veranstalter"):
        i = cleaned.text.index(word)
        assert text[i : i + len(word)] == word


def test_hard_wraps_are_joined_but_headlines_are_not():
    text = "Schlagzeile ohne Punkt\nDie Regierung teilte\nmit, dass alles gut sei.\nNeue Zeile."
    cleaned = clean(text).text
    assert "teilte mit," in cleaned
    assert "Punkt\nDie" in cleaned
    assert "sei.\nNeue" in cleaned


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Eins.\n\nZwei.\nDrei.", ["Eins.", "Zwei.\nDrei."]),
        ("Eins.\nZwei.\nDrei.", ["Eins.", "Zwei.", "Drei."]),
        ("", []),
        ("\n\n  \n", []),
    ],
)
def test_paragraphs(text, expected):
    cleaned = clean(text)
    assert [cleaned.text[s:e] for s, e in cleaned.paragraphs] == expected
