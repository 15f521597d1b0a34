"""Small real WARC files for the tests that read them whole or in shards."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


def small_warc(path: Path, pages: int, *, gzip: bool) -> Path:
    """One request, one HTML response and (every third page) one image per page."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        for i in range(pages):
            url = f"https://stadt.example/{i}"
            writer.write_record(writer.create_warc_record(
                url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            _response(writer, url, _page(i), "text/html; charset=utf-8")
            if i % 3 == 0:
                _response(writer, url + ".png", b"\x89PNG\r\n\x1a\n" + bytes(300), "image/png")
    return path


def _response(writer: WARCWriter, url: str, payload: bytes, content_type: str) -> None:
    http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        url, "response", payload=BytesIO(payload), http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-11-05T12:00:00Z"}))


def _page(i: int) -> bytes:
    return (f"<html><head><title>Meldung {i}</title></head><body><article><p>Meldung {i}: "
            f"Die Stadt meldet {i * 100 + 7} neue Wohnungen, sagte der Bürgermeister am "
            "Mittwoch.</p></article></body></html>").encode()
