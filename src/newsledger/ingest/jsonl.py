"""JSON Lines: one article object per line (also ``.jsonl.gz``), read as a stream.

Known fields become :class:`Article` fields (``id``, ``text``, ``published``, ``title``,
``url``, ``outlet``, ``language``, ``author``); every other field is kept in ``meta``.
A bad line becomes a Failure naming ``file:line`` and the next line is read.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsledger.config import Config
from newsledger.errors import ArticleTooLarge, InputError
from newsledger.ingest._common import (
    UTF8_BOM,
    byte_limit,
    check_not_binary,
    clean_str,
    decode_western,
    failure,
    finish,
    normalize_date,
    open_binary,
)
from newsledger.model import Article, Failure

FIELDS = ("id", "text", "published", "title", "url", "outlet", "language", "author")
# A damaged gzip stream raises one of these part-way through.
_DAMAGED = (EOFError, zlib.error, gzip.BadGzipFile)


def read(path: Path, config: Config) -> Iterator[Article | Failure]:
    """One Article (or Failure) per non-blank line, streaming."""
    with open_binary(path) as stream:
        try:
            _check_head(stream, path)
        except InputError as exc:
            yield failure(path, exc)
            return
        yield from _read_lines(stream, path, config)


def _check_head(stream: IO[bytes], path: Path) -> None:
    """Refuse binary junk before parsing it line by line (an empty file is caught later)."""
    try:
        head = stream.peek(4096)  # type: ignore[attr-defined]
    except _DAMAGED:
        return  # reported with its line number while reading
    if head.strip():
        check_not_binary(head, str(path))


def _read_lines(stream: IO[bytes], path: Path, config: Config, *,
                first_line: int = 1) -> Iterator[Article | Failure]:
    """The lines of ``stream``, numbered from ``first_line`` (a shard of a file starts later)."""
    limit = byte_limit(config)
    number = first_line - 1
    seen_any = False
    while True:
        number += 1
        origin = f"{path}:{number}"
        try:
            raw = stream.readline(limit + 1)
        except _DAMAGED as exc:
            yield failure(
                origin,
                f"compressed file is damaged or ends early ({exc}); the lines before were read",
            )
            return
        if not raw:
            break
        if len(raw) > limit and not raw.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield failure(
                origin,
                ArticleTooLarge(
                    origin,
                    f"line is longer than {limit} bytes, "
                    "more than ingest.max_chars allows; split it or raise the limit",
                ),
            )
            continue
        if number == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM) :]
        if not raw.strip():
            continue
        seen_any = True
        try:
            yield finish(parse_line(raw, origin), config)
        except InputError as exc:
            yield failure(origin, exc)
    if not seen_any and first_line == 1:
        yield failure(path, "empty file: expected one JSON object per line, found no lines")


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while chunk := stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def parse_line(raw: bytes, origin: str) -> Article:
    """One JSON line to an Article (identity and language are filled in later)."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        line = decode_western(raw)  # JSON should be UTF-8, but cp1252 exports exist
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            origin,
            f"malformed JSON ({exc.msg} at column {exc.colno}); expected one JSON object per line",
        ) from None
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object per line, found {type(record).__name__}")
    return _article(record, origin)


def _article(record: dict[str, Any], origin: str) -> Article:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, 'missing text: expected a non-empty string field "text"')
    try:
        published = normalize_date(record.get("published"))
    except ValueError as exc:
        raise InputError(origin, f'invalid "published": {exc}') from None
    meta = {key: value for key, value in record.items() if key not in FIELDS}
    return Article(
        id=clean_str(record.get("id")) or "",  # empty: finish() falls back to url, then hash
        text=text,
        published=published,
        title=clean_str(record.get("title")),
        url=clean_str(record.get("url")),
        outlet=clean_str(record.get("outlet")),
        language=clean_str(record.get("language")),
        author=clean_str(record.get("author")),
        origin=origin,
        meta=meta,
    )
