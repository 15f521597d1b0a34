"""Web archives (WARC, optionally gzipped): one Article per archived HTML page.

Read record by record with warcio, so memory stays constant whatever the archive's size.
Only successful (2xx) ``response`` records and ``resource`` records holding HTML are read;
their page goes through the HTML reader's extraction. ``WARC-Target-URI`` is the url,
``WARC-Date`` the publication date when the page names none. Origins name the record's
byte offset in the file: ``path@offset``.

warcio silently stops at a truncated record, so the reader compares where the last whole
record ended with the file size and reports the rest as a Failure; records before it are
kept.

An uncompressed WARC can also be read in byte ranges (:func:`read_range`), so that one big
archive is many tasks for the workers or Ray (:mod:`newsledger.engine.shards`).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsledger.config import Config
from newsledger.errors import ArticleTooLarge, InputError
from newsledger.ingest._common import byte_limit, failure, finish, lenient_date, unexpected
from newsledger.ingest.html import article_from_html, decode_html
from newsledger.model import Article, Failure

HTML_TYPES = ("text/html", "application/xhtml+xml")
# HTML markup is several times larger than its text; allow this many articles' bytes a page.
PAGE_ARTICLES = 4
# Trailing bytes after the last record that are only padding, not a lost record.
_PADDING = b" \t\r\n\x00"
# The blank line that ends a record, before the next record's "WARC/1." header line.
_GAP = b"\r\n\r\n"
# warcio raises these on a damaged record (AttributeError: a header block cut mid-way).
_DAMAGED = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, AttributeError)


class _QuietArchiveIterator(ArchiveIterator):
    """warcio's iterator without its warning on stderr about a record whose length looks
    wrong (the library never prints; the record still becomes an article or a failure)."""

    INC_RECORD = ""


def read(path: Path, config: Config) -> Iterator[Article | Failure]:
    """One Article (or Failure) per HTML page record; a damaged tail is one Failure."""
    if _is_blank(path):
        yield failure(path, "empty file: expected WARC records, found only blank bytes")
        return
    yield from _records(path, config, 0, None)


def read_range(path: Path, config: Config, start: int, end: int | None
               ) -> Iterator[Article | Failure]:
    """The records of an uncompressed WARC whose header starts in ``[start, end)``: the
    first is found by scanning from ``start`` to a record header; the last is read to its
    end, past ``end``. Shards that tile a file so give its records once, in order, except
    the whole-file check that some record is an HTML page (no shard sees them all) and a
    damaged record: the shards after it go on from the next header it finds."""
    first = record_start(path, start)
    if first is not None and (end is None or first < end):
        yield from _records(path, config, first, end)


def record_start(path: Path, start: int) -> int | None:
    """Where the first record header at or after ``start`` begins, or None. A header is
    ``WARC/1.`` at a line start after the blank line ending the record before (CRLF CRLF),
    which payloads rarely hold; an archived WARC inside a record would still fool it."""
    if start == 0:
        return 0
    at, tail = max(0, start - len(_GAP)), b""
    with path.open("rb") as stream:
        stream.seek(at)
        while block := stream.read(1 << 16):
            data = tail + block
            found = data.find(_GAP + b"WARC/1.")
            if found >= 0:
                return at - len(tail) + found + len(_GAP)
            tail = data[-(len(_GAP) + 6):]
            at += len(block)
    return None


def _records(path: Path, config: Config, first: int, stop: int | None
             ) -> Iterator[Article | Failure]:
    """The pages of the records from byte ``first`` to the one starting at ``stop``
    (None: the end of the file, whose tail is checked)."""
    limit = byte_limit(config) * PAGE_ARTICLES
    end = first  # where the last whole record ended
    records_read = pages = 0
    with path.open("rb") as stream:
        stream.seek(first)
        archive = _QuietArchiveIterator(stream)  # offsets count from the file's start
        records = iter(archive)
        while True:
            try:  # only warcio's reading here: extraction errors are not archive damage
                record = next(records, None)
                if record is None or (stop is not None and archive.offset >= stop):
                    break
                payload = _payload(record, limit)
                offset, length = archive.get_record_offset(), archive.get_record_length()
            except _DAMAGED as exc:
                yield failure(f"{path}@{end}", _damaged_message(end, exc))
                return
            if record.raw_stream.limit > 0:  # the file ended inside this record
                yield failure(f"{path}@{offset}", _damaged_message(offset, None))
                return
            end = offset + length
            records_read += 1
            if payload is not None:
                pages += 1
                yield _page(record, payload, f"{path}@{offset}", limit, config)
        if stop is None and _unread_tail(stream, end, path):
            yield failure(f"{path}@{end}", _damaged_message(end, None))
        elif first == 0 and stop is None and not pages:  # warcio reads any text as an ARC
            yield failure(path, f"no HTML page among its {records_read} records: expected "
                                "WARC response or resource records holding HTML")


def _is_blank(path: Path) -> bool:
    """A file of nothing but padding (an uncompressed WARC of whitespace: warcio fails on
    it without a record to name)."""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 16):
            if chunk.strip(_PADDING):
                return False
    return True


def _payload(record: Any, limit: int) -> bytes | None:
    """The page's bytes (at most limit + 1), or None for a record that holds no HTML page."""
    if not _is_html_page(record):
        return None
    return record.content_stream().read(limit + 1)


def _page(
    record: Any, payload: bytes, origin: str, limit: int, config: Config
) -> Article | Failure:
    try:
        if len(payload) > limit:
            raise ArticleTooLarge(
                origin, f"page is larger than {limit} bytes; raise ingest.max_chars to read it"
            )
        return finish(_article(record, payload, origin), config)
    except InputError as exc:
        return failure(origin, exc)
    except Exception as exc:  # one record's boundary: the next is read
        return unexpected(origin, exc)


def _is_html_page(record: Any) -> bool:
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        content_type = record.http_headers.get_header("Content-Type") or ""
        return status.startswith("2") and content_type.lower().startswith(HTML_TYPES)
    if record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        return content_type.lower().startswith(HTML_TYPES)
    return False


def _article(record: Any, payload: bytes, origin: str) -> Article:
    url = record.rec_headers.get_header("WARC-Target-URI")
    markup = decode_html(payload, origin, charset=_charset(record))
    return article_from_html(
        markup,
        origin=origin,
        url=url,
        fallback_published=lenient_date(record.rec_headers.get_header("WARC-Date")),
    )


def _charset(record: Any) -> str | None:
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    for part in (headers.get_header("Content-Type") or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset" and value:
            return value.strip("\"'")
    return None


def _unread_tail(stream: Any, end: int, path: Path) -> bool:
    """Whether bytes beyond the last whole record hold more than padding."""
    size = path.stat().st_size
    if size <= end:
        return False
    stream.seek(end)
    return bool(stream.read(4096).strip(_PADDING))


def _damaged_message(offset: int, exc: Exception | None) -> str:
    detail = str(exc).strip().splitlines()[0][:100] if exc and str(exc).strip() else ""
    cause = f" ({type(exc).__name__}: {detail!r})" if exc else ""
    return (
        f"WARC archive is truncated or damaged at byte {offset}{cause}; "
        "the records before it were read"
    )
