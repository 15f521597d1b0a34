"""read_articles: files and folders, dispatch by extension and content, shared seeds."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsledger.ingest import read_articles
from newsledger.model import Article, Failure

TEXT = "Die Gemeinde meldet 42 neue Kita-Plätze, teilte die Bürgermeisterin mit."


def make_tree(root: Path) -> None:
    (root / "b" / "tief").mkdir(parents=True)
    (root / "a.txt").write_text("Erster Titel\n" + TEXT, encoding="utf-8")
    (root / "b" / "c.jsonl").write_text(
        json.dumps({"id": "c1", "text": TEXT}) + "\n", encoding="utf-8"
    )
    (root / "b" / "tief" / "d.html").write_text(
        f"<html><body><p>{TEXT}</p></body></html>", encoding="utf-8"
    )
    (root / "b" / "notiz.pdf").write_bytes(b"%PDF-1.4\x00\x01")  # unknown extension: skipped
    (root / ".hidden.txt").write_text(TEXT, encoding="utf-8")  # hidden: skipped
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text(TEXT, encoding="utf-8")


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    articles = list(read_articles([tmp_path]))
    assert all(isinstance(a, Article) for a in articles)
    assert [a.origin for a in articles] == [
        str(tmp_path / "a.txt"),
        f"{tmp_path / 'b' / 'c.jsonl'}:1",
        str(tmp_path / "b" / "tief" / "d.html"),
    ]


def test_files_and_folders_mixed_and_missing_path(tmp_path: Path) -> None:
    make_tree(tmp_path)
    missing = tmp_path / "fehlt.jsonl"
    results = list(read_articles([str(tmp_path / "a.txt"), missing, tmp_path / "b"]))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article", "Article"]
    assert results[1].origin == str(missing) and "no such file" in results[1].error


@pytest.mark.parametrize(
    "content, expected_origin_suffix",
    [
        (json.dumps({"id": "j", "text": TEXT}).encode() + b"\n", ":1"),  # sniffed as JSONL
        (f"<!DOCTYPE html><html><body><p>{TEXT}</p></body></html>".encode(), ""),  # HTML
        (TEXT.encode(), ""),  # plain text
        (gzip.compress(TEXT.encode()), ""),  # gzipped plain text
    ],
)
def test_explicit_file_with_unknown_extension_is_sniffed(
    tmp_path: Path, content: bytes, expected_origin_suffix: str
) -> None:
    path = tmp_path / "eingang.dat"
    path.write_bytes(content)
    [article] = read_articles([path])
    assert isinstance(article, Article)
    assert TEXT in article.text
    assert article.origin == f"{path}{expected_origin_suffix}"


def test_explicit_binary_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "bild.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    [failure] = read_articles([path])
    assert (
        isinstance(failure, Failure)
        and failure.origin == str(path)
        and "binary file" in failure.error
    )


def test_failures_are_read_stage_and_one_line(tmp_path: Path) -> None:
    (tmp_path / "leer.txt").write_bytes(b"")
    (tmp_path / "kaputt.jsonl").write_text("{\n", encoding="utf-8")
    failures = list(read_articles([tmp_path]))
    assert len(failures) == 2
    assert all(
        isinstance(f, Failure) and f.stage == "read" and "\n" not in f.error for f in failures
    )


@pytest.mark.shared
def test_shared_seed_folder(shared: Path) -> None:
    """The seed folder holds five .txt articles and the same five in articles.jsonl."""
    seeds = shared / "seeds"
    results = list(read_articles([seeds]))
    assert all(isinstance(r, Article) for r in results)
    texts = {r.id: r for r in results if r.origin.endswith(".txt")}
    lines = {r.id: r for r in results if ".jsonl:" in r.origin}
    assert len(texts) == len(lines) == 5
    assert all(r.language == "de" for r in results)
    for name, from_jsonl in lines.items():
        assert from_jsonl.published and len(from_jsonl.published) == 10
        from_text = texts[name]
        if from_text.published is None:  # no header: the file is the article as is
            assert from_text.text == from_jsonl.text
        else:  # a leading date marker is data, not text
            assert from_jsonl.text.endswith(from_text.text)
            assert from_jsonl.published.startswith(from_text.published)
        assert from_text.title and from_text.title in from_text.text.splitlines()[0]


@pytest.mark.shared
def test_shared_seed_jsonl(shared: Path) -> None:
    path = shared / "seeds" / "articles.jsonl"
    articles = list(read_articles([path]))
    assert [a.origin for a in articles] == [f"{path}:{n}" for n in range(1, 6)]
    assert all(isinstance(a, Article) and a.text and a.id.endswith(".txt") for a in articles)
