"""The parse layer: German sentences, paragraphs, and offsets into the text as given."""

import pytest

from newsledger.model import Article
from newsledger.nlp import paragraph_index, parse, sentences


def split(text: str) -> list[str]:
    return [s.text for s in sentences(parse(Article(id="t", text=text)))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Es waren rund 10.000. Zuletzt hieß es anders.", ["Es waren rund 10.000.", "Zuletzt hieß es anders."]),
        ("Am 25. November kam es. Dann nicht.", ["Am 25. November kam es.", "Dann nicht."]),
        ("Laut Dr. Müller u. a. sind es 1,3 Mio. Euro.", ["Laut Dr. Müller u. a. sind es 1,3 Mio. Euro."]),
        ("Es kostet 2 Mill. Euro. Dann nicht.", ["Es kostet 2 Mill. Euro.", "Dann nicht."]),
        ("Es geschah 2024. Die Zahl stieg.", ["Es geschah 2024.", "Die Zahl stieg."]),
        ("Er sagte: „Das ist so.“ Danach ging er.", ["Er sagte: „Das ist so.“", "Danach ging er."]),
        ("„Wir gehen davon aus“, sagte er. „Es sind viele.“", ["„Wir gehen davon aus“, sagte er.", "„Es sind viele.“"]),
        ("Schlagzeile ohne Punkt\nDer Text beginnt.", ["Schlagzeile ohne Punkt", "Der Text beginnt."]),
        ("Sie kam in die 3. Liga. Das war gut.", ["Sie kam in die 3. Liga.", "Das war gut."]),
    ],
)
def test_sentences(text, expected):
    assert split(text) == expected


def test_offsets_point_into_original_text():
    text = "Anzeige\n\nDie Polizei\nzählte 3.000 Menschen."
    doc = parse(Article(id="t", text=text))
    token = next(t for t in doc if t.text == "3.000")
    assert text[token.idx : token.idx + len(token)] == "3.000"


def test_paragraph_index():
    text = "Erster Absatz. Noch ein Satz.\n\nZweiter Absatz."
    doc = parse(Article(id="t", text=text))
    sents = list(sentences(doc))
    assert [s._.paragraph for s in sents] == [0, 0, 1]
    assert paragraph_index(doc, text.index("Zweiter")) == 1
