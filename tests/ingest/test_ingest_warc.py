"""WARC reader: HTML responses to articles, damaged archives, constant memory."""

from __future__ import annotations

import tracemalloc
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger.ingest import read_articles
from newsledger.model import Article, Failure


def page_html(number: int, *, filler: int = 0, dated: bool = False) -> bytes:
    date = '<meta property="article:published_time" content="2024-10-23">' if dated else ""
    extra = "".join(
        f"<p>Hintergrund {number}.{i}: Weitere Einzelheiten folgen im Lauf des Tages.</p>"
        for i in range(filler)
    )
    return (
        f"<html><head><title>Meldung {number}</title>{date}</head><body><article>"
        f"<p>Meldung {number}: Die Stadt meldet {number * 100 + 7} neue Wohnungen, sagte der "
        f"Bürgermeister am Mittwoch vor Journalisten.</p>{extra}</article></body></html>"
    ).encode()


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, gzip: bool = True) -> Path:
    """pages: (url, payload, content type); adds a request and a non-HTML record around them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for url, payload, content_type in pages:
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")
                )
            )
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            headers = {"WARC-Date": "2024-11-05T12:00:00Z"}
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=BytesIO(payload),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            )
    return path


def five_pages() -> list[tuple[str, bytes, str]]:
    pages = [
        (f"https://stadt.example/{i}", page_html(i, dated=i == 0), "text/html; charset=utf-8")
        for i in range(5)
    ]
    pages.insert(
        2, ("https://stadt.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
    )
    return pages


@pytest.mark.parametrize("gzip, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_html_responses_become_articles(tmp_path: Path, gzip: bool, name: str) -> None:
    path = write_warc(tmp_path / name, five_pages(), gzip=gzip)
    articles = list(read_articles([path]))
    assert all(isinstance(a, Article) for a in articles)
    assert [a.url for a in articles] == [f"https://stadt.example/{i}" for i in range(5)]
    assert [a.id for a in articles] == [a.url for a in articles]
    assert "407 neue Wohnungen" in articles[4].text
    assert articles[0].published == "2024-10-23"  # the page's own date
    assert articles[1].published == "2024-11-05"  # else WARC-Date
    assert all(a.origin.startswith(f"{path}@") for a in articles)
    assert len({a.origin for a in articles}) == 5
    assert articles[0].language == "de"


def test_latin1_page_with_http_charset(tmp_path: Path) -> None:
    payload = page_html(3).decode().encode("latin-1")
    path = write_warc(
        tmp_path / "l1.warc.gz",
        [("https://stadt.example/l1", payload, "text/html; charset=ISO-8859-1")],
    )
    [article] = read_articles([path])
    assert "Bürgermeister" in article.text


def test_page_without_text_fails_alone(tmp_path: Path) -> None:
    pages = [
        (
            "https://stadt.example/leer",
            b"<html><body><script>x()</script></body></html>",
            "text/html",
        ),
        ("https://stadt.example/voll", page_html(1), "text/html"),
    ]
    failure, article = read_articles([write_warc(tmp_path / "mixed.warc.gz", pages)])
    assert isinstance(failure, Failure) and "@" in failure.origin and "no text" in failure.error
    assert isinstance(article, Article)


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("keep", [0.6, 0.8])
def test_truncated_archive_keeps_earlier_records(tmp_path: Path, gzip: bool, keep: float) -> None:
    whole = write_warc(tmp_path / "whole.warc", five_pages(), gzip=gzip).read_bytes()
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    path.write_bytes(whole[: int(len(whole) * keep)])
    results = list(read_articles([path]))
    articles = [r for r in results if isinstance(r, Article)]
    assert articles and articles[0].url == "https://stadt.example/0"
    assert len(articles) < 5
    failure = results[-1]
    assert isinstance(failure, Failure) and failure.origin.startswith(f"{path}@")
    offset = int(failure.origin.rsplit("@", 1)[1])
    assert 0 < offset < len(whole) and f"byte {offset}" in failure.error
    assert "truncated or damaged" in failure.error


def test_corrupt_bytes_in_the_middle(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "bad.warc.gz", five_pages())
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    results = list(read_articles([path]))
    assert isinstance(results[0], Article)
    assert any(isinstance(r, Failure) and "damaged" in r.error for r in results)


@pytest.mark.parametrize(
    "content, words", [(b"", "empty file"), (b"Dies ist kein Archiv.\n" * 5, "damaged")]
)
def test_not_an_archive(tmp_path: Path, content: bytes, words: str) -> None:
    path = tmp_path / "x.warc"
    path.write_bytes(content)
    [failure] = read_articles([path])
    assert isinstance(failure, Failure) and failure.origin.startswith(str(path))
    assert words in failure.error


def test_streaming_uses_bounded_memory(tmp_path: Path) -> None:
    """Pages and large non-HTML records alternate: neither may pile up in memory.

    trafilatura keeps bounded caches (about 0.8 MB once full), so the bound is a share of
    a multi-megabyte archive rather than of one record.
    """
    image = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 256  # 64 KiB, skipped unread
    pages: list[tuple[str, bytes, str]] = []
    for i in range(80):
        pages.append((f"https://stadt.example/{i}", page_html(i, filler=20), "text/html"))
        pages.append((f"https://stadt.example/{i}.png", image, "image/png"))
    path = write_warc(tmp_path / "big.warc", pages, gzip=False)
    size = path.stat().st_size
    assert size > 5_000_000
    stream = read_articles([path])
    next(stream)  # warm up: trafilatura and the language model load once
    tracemalloc.start()
    count = 1 + sum(1 for _ in stream)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 80
    assert peak < size / 4, f"peak {peak} bytes for a {size}-byte archive"
