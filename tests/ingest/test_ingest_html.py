"""HTML reader: main text and metadata via trafilatura, broken markup, failures."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.ingest import read_articles
from newsledger.ingest.html import html_to_text
from newsledger.model import Article, Failure

PARAGRAPHS = [
    "Die Regierung hat am Montag neue Zahlen vorgelegt. Demnach wurden im Oktober mehr als "
    "12.000 Anträge gestellt, deutlich mehr als im Vorjahr.",
    "„Wir rechnen mit einem weiteren Anstieg“, sagte die Ministerin bei einer Pressekonferenz "
    "in Berlin. Bis Jahresende könnten es 15.000 sein.",
    "Die Opposition kritisierte die Pläne als unzureichend und forderte eine Debatte im Bundestag.",
]


def page(*, charset_meta: str = '<meta charset="utf-8">') -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="de"><head>{charset_meta}
<title>Mehr Anträge als erwartet | Tagesblatt</title>
<meta property="og:title" content="Mehr Anträge als erwartet">
<meta property="og:site_name" content="Tagesblatt">
<meta name="author" content="Eva Beispiel">
<meta property="article:published_time" content="2024-11-04T08:15:00+01:00">
<link rel="canonical" href="https://tagesblatt.example/politik/antraege">
</head><body>
<nav><ul><li><a href="/">Startseite</a></li><li><a href="/politik">Politik</a></li></ul></nav>
<article><h1>Mehr Anträge als erwartet</h1>{body}</article>
<footer><p>Impressum · Datenschutz · Kontakt</p></footer>
</body></html>"""


def write(tmp_path: Path, content: str | bytes, name: str = "page.html") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, page())
    [article] = read_articles([path])
    assert isinstance(article, Article)
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    assert "Impressum" not in article.text and "Startseite" not in article.text
    assert article.title == "Mehr Anträge als erwartet"
    assert article.outlet == "Tagesblatt"
    assert article.author == "Eva Beispiel"
    assert article.published == "2024-11-04"
    assert article.url == "https://tagesblatt.example/politik/antraege"
    assert article.id == article.url
    assert article.origin == str(path)
    assert article.language == "de"


def test_declared_latin1_charset(tmp_path: Path) -> None:
    markup = page(
        charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    )
    [article] = read_articles(
        [write(tmp_path, markup.replace("„", '"').replace("“", '"').encode("latin-1"))]
    )
    assert "Anträge" in article.text


def test_undeclared_cp1252(tmp_path: Path) -> None:
    [article] = read_articles([write(tmp_path, page(charset_meta="").encode("cp1252"))])
    assert PARAGRAPHS[1] in article.text


def test_page_without_metadata_gets_file_name_id(tmp_path: Path) -> None:
    markup = "<html><body><div><p>" + PARAGRAPHS[0] + "</p></div></body></html>"
    [article] = read_articles([write(tmp_path, markup, name="meldung-17.htm")])
    assert article.text == PARAGRAPHS[0]
    assert article.id == "meldung-17.htm" and article.url is None and article.published is None


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>" + PARAGRAPHS[0] + "<div><b>" + PARAGRAPHS[1],  # never closed
        "<<<>>> <p>kaputt <b>fett <i>schief</p> " + PARAGRAPHS[2],  # garbage markup
    ],
)
def test_broken_html_best_effort(tmp_path: Path, markup: str) -> None:
    [article] = read_articles([write(tmp_path, markup)])
    assert isinstance(article, Article)
    assert "Anträge" in article.text or "Opposition" in article.text


@pytest.mark.parametrize(
    "markup, words",
    [
        (
            "<html><head><title>Leer</title><script>var x = 1;</script></head><body></body></html>",
            "no text",
        ),
        ("", "empty file"),
        ("\x00\x01\x02" * 100, "binary file"),
    ],
)
def test_failures(tmp_path: Path, markup: str, words: str) -> None:
    path = write(tmp_path, markup)
    [failure] = read_articles([path])
    assert isinstance(failure, Failure) and failure.origin == str(path)
    assert words in failure.error


@pytest.mark.parametrize(
    "fragment, text",
    [
        ("<p>Eins <b>zwei</b></p><p>drei</p>", "Eins zwei\ndrei"),
        ("vorher<div>innen<br>unten</div>nachher", "vorher\ninnen\nunten\nnachher"),
        ("<script>var a;</script><style>p{}</style>sichtbar<!-- weg -->", "sichtbar"),
        ("A &amp; B&nbsp;&nbsp;C", "A & B C"),
        ("", ""),
    ],
)
def test_html_to_text(fragment: str, text: str) -> None:
    assert html_to_text(fragment) == text
