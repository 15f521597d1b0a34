"""JSON Lines reader: fields, dates, bad lines, gzip, size limit."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsledger.config import load_config
from newsledger.ingest import read_articles
from newsledger.model import Article, Failure

TEXT_DE = "Der Minister sagte am Dienstag, es seien mindestens 3.000 Soldaten entsandt worden."


def lines_file(tmp_path: Path, lines: list[str], name: str = "in.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(**fields: object) -> str:
    return json.dumps({"text": TEXT_DE, **fields}, ensure_ascii=False)


def test_fields_meta_and_origin(tmp_path: Path) -> None:
    path = lines_file(
        tmp_path,
        [
            record(
                id="a1",
                published="2024-11-26",
                title="T",
                url="https://x.de/1",
                outlet="Blatt",
                author="M. M.",
                language="de",
                section="Politik",
            )
        ],
    )
    [article] = read_articles([path])
    assert isinstance(article, Article)
    assert (article.id, article.published, article.title, article.url) == (
        "a1",
        "2024-11-26",
        "T",
        "https://x.de/1",
    )
    assert (article.outlet, article.author, article.language) == ("Blatt", "M. M.", "de")
    assert article.meta == {"section": "Politik"}
    assert article.origin == f"{path}:1"
    assert article.text == TEXT_DE


@pytest.mark.parametrize(
    "published, expected",
    [
        (None, None),
        ("", None),
        ("2024", "2024"),
        ("2024-11", "2024-11"),
        ("2024-11-26", "2024-11-26"),
        ("2024-11-26T23:10:00+01:00", "2024-11-26"),
        ("2024-11-26 08:00", "2024-11-26"),
        ("26.11.2024", "2024-11-26"),
        (2024, "2024"),
    ],
)
def test_published_forms(tmp_path: Path, published: object, expected: str | None) -> None:
    [article] = read_articles([lines_file(tmp_path, [record(id="x", published=published)])])
    assert isinstance(article, Article)
    assert article.published == expected


@pytest.mark.parametrize(
    "published", ["gestern", "2024-13", "2024-02-30", "11/26/2024", "24", True]
)
def test_invalid_published_fails_that_line_only(tmp_path: Path, published: object) -> None:
    path = lines_file(tmp_path, [record(id="bad", published=published), record(id="good")])
    failure, article = read_articles([path])
    assert (
        isinstance(failure, Failure) and failure.origin == f"{path}:1" and failure.stage == "read"
    )
    assert "YYYY-MM-DD" in failure.error and "published" in failure.error
    assert isinstance(article, Article) and article.id == "good"


@pytest.mark.parametrize(
    "bad_line, expected_words",
    [
        ("{not json", "malformed JSON"),
        ('["a list"]', "JSON object"),
        ('"just a string"', "JSON object"),
        ('{"id": "x"}', "missing text"),
        ('{"id": "x", "text": "   "}', "missing text"),
        ('{"id": "x", "text": 42}', "missing text"),
    ],
)
def test_bad_lines_name_file_and_line_and_run_goes_on(
    tmp_path: Path, bad_line: str, expected_words: str
) -> None:
    path = lines_file(tmp_path, [record(id="first"), bad_line, "", record(id="last")])
    results = list(read_articles([path]))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    assert results[1].origin == f"{path}:2"
    assert expected_words in results[1].error
    assert results[2].origin == f"{path}:4"  # blank line 3 skipped, numbering kept


def test_identity_falls_back_to_url_then_content_hash(tmp_path: Path) -> None:
    path = lines_file(tmp_path, [record(url="https://x.de/a"), record(), record(id=17)])
    by_url, by_hash, numeric = read_articles([path])
    assert by_url.id == "https://x.de/a"
    assert by_hash.id == by_hash.content_hash and len(by_hash.id) == 16
    assert numeric.id == "17"


def test_language_is_detected_when_not_given(tmp_path: Path) -> None:
    path = lines_file(tmp_path, [record(id="de"), record(id="given", language="fr")])
    detected, given = read_articles([path])
    assert detected.language == "de"
    assert given.language == "fr"


def test_gzip_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl.gz"
    path.write_bytes(
        gzip.compress(("\ufeff" + record(id="a") + "\n" + record(id="b") + "\n").encode())
    )
    assert [a.id for a in read_articles([path])] == ["a", "b"]


def test_truncated_gzip_keeps_earlier_lines(tmp_path: Path) -> None:
    body = "".join(record(id=f"n{i}", filler="x" * i) + "\n" for i in range(200)).encode()
    packed = gzip.compress(body)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    results = list(read_articles([path]))
    articles = [r for r in results if isinstance(r, Article)]
    assert articles and articles[0].id == "n0"
    assert isinstance(results[-1], Failure)
    assert results[-1].origin.startswith(f"{path}:")
    assert "ends early" in results[-1].error or "malformed" in results[-1].error


def test_oversized_article_fails_alone(tmp_path: Path) -> None:
    config = load_config(ingest={"max_chars": 200})
    path = lines_file(
        tmp_path, [record(id="small"), json.dumps({"id": "big", "text": "Wort " * 100})]
    )
    small, big = read_articles([path], config=config)
    assert isinstance(small, Article)
    assert isinstance(big, Failure) and big.origin == f"{path}:2"
    assert "max_chars" in big.error and "500" in big.error


def test_overlong_line_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    config = load_config(ingest={"max_chars": 1000})  # line limit: 1000 * 4 bytes + 64 KiB
    huge = json.dumps({"id": "huge", "text": "a" * 200_000})
    path = lines_file(tmp_path, [huge, record(id="after")])
    huge_failure, after = read_articles([path], config=config)
    assert isinstance(huge_failure, Failure) and huge_failure.origin == f"{path}:1"
    assert "longer than" in huge_failure.error
    assert after.id == "after"


def test_cp1252_line_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    path.write_bytes(record(id="w", title="„Größe“ – 5 €").encode("cp1252") + b"\n")
    [article] = read_articles([path])
    assert article.title == "„Größe“ – 5 €"


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    [failure] = read_articles([path])
    assert isinstance(failure, Failure) and failure.origin == str(path)
    assert "empty file" in failure.error


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "junk.jsonl"
    path.write_bytes(bytes(range(256)) * 20)
    [failure] = read_articles([path])
    assert isinstance(failure, Failure) and "binary file" in failure.error
