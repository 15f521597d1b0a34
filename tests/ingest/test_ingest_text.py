"""Plain-text reader: headers, date marker, title, encodings, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.config import load_config
from newsledger.ingest import read_articles
from newsledger.model import Article, Failure

BODY = (
    "Gipfel in Brüssel\n\nDie Kommission rechnet mit rund 2,5 Milliarden Euro, sagte ein Sprecher."
)


def write(tmp_path: Path, content: str | bytes, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def only(path: Path, **config: object) -> Article | Failure:
    [result] = read_articles([path], config=load_config(**config) if config else None)
    return result


def test_plain_file_whole_text_first_line_title_file_name_id(tmp_path: Path) -> None:
    article = only(write(tmp_path, BODY))
    assert article.text == BODY
    assert article.title == "Gipfel in Brüssel"
    assert article.id == "story.txt"
    assert article.published is None
    assert article.origin == str(tmp_path / "story.txt")
    assert article.language == "de"


def test_key_value_header_is_data_not_text(tmp_path: Path) -> None:
    header = (
        "Title: Überschrift aus dem Kopf\nDate: 2024-11-26T09:00:00Z\nURL: https://x.de/a\n"
        "Outlet: Tagesblatt\nAuthor: Eva Beispiel\nid: art-7\nressort: Politik\n\n"
    )
    article = only(write(tmp_path, header + BODY))
    assert article.text == BODY  # offsets are into the text after the header
    assert (article.id, article.title, article.published) == (
        "art-7",
        "Überschrift aus dem Kopf",
        "2024-11-26",
    )
    assert (article.url, article.outlet, article.author) == (
        "https://x.de/a",
        "Tagesblatt",
        "Eva Beispiel",
    )
    assert article.meta == {"ressort": "Politik"}


@pytest.mark.parametrize(
    "first_line",
    [
        "Berlin: Die Regierung plant 300 neue Stellen.",  # place dateline, capitalised
        "Kommentar: Warum das nicht reicht",
        "ressort: Politik",  # only unknown keys: no header
    ],
)
def test_lines_that_look_like_headers_but_are_text(tmp_path: Path, first_line: str) -> None:
    content = first_line + "\n" + BODY
    article = only(write(tmp_path, content))
    assert article.text == content
    assert article.title == first_line


@pytest.mark.parametrize(
    "content, published, text",
    [
        (
            " date 2024-11 Steht alles bereit? Ja.\n\nZweiter Absatz.",
            "2024-11",
            "Steht alles bereit? Ja.\n\nZweiter Absatz.",
        ),
        ("date 2024-11-05\nTitelzeile\nText.", "2024-11-05", "Titelzeile\nText."),
        ("date 2023 Titel\nText.", "2023", "Titel\nText."),
        ("date 2024-11\r\nTitel\r\nText.", "2024-11", "Titel\r\nText."),
    ],
)
def test_date_marker(tmp_path: Path, content: str, published: str, text: str) -> None:
    article = only(write(tmp_path, content))
    assert (article.published, article.text) == (published, text)
    assert article.title == text.splitlines()[0]


def test_german_header_keys(tmp_path: Path) -> None:
    article = only(
        write(
            tmp_path,
            "Titel: Haushalt\nDatum: 03.11.2024\nQuelle: Wochenblick\nAutor: Jan Muster\n\n" + BODY,
        )
    )
    assert (article.title, article.published, article.outlet, article.author) == (
        "Haushalt",
        "2024-11-03",
        "Wochenblick",
        "Jan Muster",
    )
    assert article.text == BODY


def test_not_a_date_marker(tmp_path: Path) -> None:
    content = "date 12 Uhr war es, als der Zug kam."
    assert only(write(tmp_path, content)).text == content


def test_invalid_header_date_is_a_failure(tmp_path: Path) -> None:
    failure = only(write(tmp_path, "date: nächste Woche\n\n" + BODY))
    assert isinstance(failure, Failure) and failure.origin == str(tmp_path / "story.txt")
    assert "YYYY-MM-DD" in failure.error


def test_header_without_text_is_a_failure(tmp_path: Path) -> None:
    failure = only(write(tmp_path, "title: Nur ein Kopf\n\n"))
    assert isinstance(failure, Failure) and "no article text" in failure.error


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_single_byte_encodings(tmp_path: Path, encoding: str) -> None:
    text = "Größere Maßnahmen für Bürger\nDie Behörde prüft über 400 Anträge."
    if encoding == "cp1252":
        text += " „Das ist zu wenig“, sagte sie – 5 € mehr."
    assert only(write(tmp_path, text.encode(encoding))).text == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_marks(tmp_path: Path, encoding: str) -> None:
    assert only(write(tmp_path, BODY.encode(encoding))).text == BODY


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        (bytes(range(1, 32)) * 50, "binary file"),
    ],
)
def test_empty_and_binary(tmp_path: Path, content: bytes, words: str) -> None:
    failure = only(write(tmp_path, content))
    assert isinstance(failure, Failure) and failure.stage == "read"
    assert failure.origin == str(tmp_path / "story.txt")
    assert words in failure.error


def test_oversized_text_file(tmp_path: Path) -> None:
    failure = only(write(tmp_path, "Satz mit Inhalt. " * 100), ingest={"max_chars": 500})
    assert isinstance(failure, Failure) and "max_chars" in failure.error
