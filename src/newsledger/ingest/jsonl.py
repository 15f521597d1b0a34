"""JSON Lines: one article object per line (also ``.jsonl.gz``), read as a stream.

Known fields become :class:`Article` fields (``id``, ``text``, ``published``, ``title``,
``url``, ``outlet``, ``language``, ``author``); every other field is kept in ``meta``.
A bad line becomes a Failure naming ``file:line`` and the next line is read.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from newsledger.config import Config
from newsledger.errors import ArticleTooLarge, InputError
from newsledger.ingest._common import (
    GZIP_DAMAGE,
    UTF8_BOM,
    byte_limit,
    check_not_binary,
    clean_str,
    decode_western,
    failure,
    finish,
    normalize_date,
    open_binary,
    unexpected,
)
from newsledger.model import Article, Failure

FIELDS = ("id", "text", "published", "title", "url", "outlet", "language", "author")
# Text fields: a string or null. An id may also be an integer (numeric ids are common).
_TEXT_FIELDS = ("title", "url", "outlet", "language", "author")
_DAMAGED = GZIP_DAMAGE
# A compressed file that inflates to more than this many times its size (plus one line's
# worth) is a decompression bomb, not articles: reading stops with a Failure.
MAX_INFLATION = 100
_SMALL_FILE_ALLOWANCE = 1 << 16  # a tiny archive may inflate more than that
# After this many failing lines in a row the file is not JSON Lines of articles (or is
# junk that inflated from a small archive): one Failure says so and reading stops.
MAX_FAILED_IN_A_ROW = 1000


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
    most = _most_bytes(stream, path, limit)
    number, read_bytes, failed_in_a_row = first_line - 1, 0, 0
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
        read_bytes += len(raw)
        if read_bytes > most:
            yield failure(origin, f"the compressed file inflates to more than {MAX_INFLATION} "
                                  "times its size (a decompression bomb); the lines before "
                                  "were read")
            return
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
        item = _line_article(raw, origin, config)
        failed_in_a_row = failed_in_a_row + 1 if isinstance(item, Failure) else 0
        yield item
        if failed_in_a_row == MAX_FAILED_IN_A_ROW:
            yield failure(path, f"{MAX_FAILED_IN_A_ROW} lines in a row are not articles; "
                                f"the rest of the file after line {number} is not read")
            return
    if not seen_any and first_line == 1:
        yield failure(path, "empty file: expected one JSON object per line, found no lines")


def _line_article(raw: bytes, origin: str, config: Config) -> Article | Failure:
    """The failure boundary of one line: whatever goes wrong, a Failure naming it."""
    try:
        return finish(parse_line(raw, origin), config)
    except InputError as exc:
        return failure(origin, exc)
    except Exception as exc:  # one line's boundary: the next line is read
        return unexpected(origin, exc)


def _most_bytes(stream: IO[bytes], path: Path, line_limit: int) -> float:
    """How many bytes the lines may add up to: unlimited for a plain file (its size),
    MAX_INFLATION times the file (and a little) for a compressed one."""
    if not isinstance(stream, gzip.GzipFile):
        return float("inf")
    return MAX_INFLATION * path.stat().st_size + min(line_limit, _SMALL_FILE_ALLOWANCE)


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
        record = json.loads(line, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            origin,
            f"malformed JSON ({exc.msg} at column {exc.colno}); expected one JSON object per line",
        ) from None
    except ValueError as exc:  # an integer of more digits than Python converts, NaN
        raise InputError(origin, f"unreadable JSON value ({exc})") from None
    except RecursionError:
        raise InputError(origin, "JSON nested too deeply to read; expected one flat "
                                 "article object per line") from None
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object per line, found {type(record).__name__}")
    return _article(record, origin)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _article(record: dict[str, Any], origin: str) -> Article:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(origin, 'missing text: expected a non-empty string field "text"')
    try:
        published = normalize_date(record.get("published"))
    except ValueError as exc:
        raise InputError(origin, f'invalid "published": {exc}') from None
    fields = {name: clean_str(_text_field(record, name, origin)) for name in _TEXT_FIELDS}
    meta = {key: value for key, value in record.items() if key not in FIELDS}
    return Article(
        id=clean_str(_id_field(record, origin)) or "",  # empty: finish() uses url, then hash
        text=text,
        published=published,
        origin=origin,
        meta=meta,
        **fields,
    )


def _text_field(record: dict[str, Any], name: str, origin: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise InputError(origin, f'invalid "{name}": expected a string or null, found '
                                 f"{_json_type(value)}")
    return value


def _id_field(record: dict[str, Any], origin: str) -> str | None:
    value = record.get("id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is not None and not isinstance(value, str):
        raise InputError(origin, 'invalid "id": expected a string, an integer or null, found '
                                 f"{_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", bool: "a boolean", float: "a number",
             int: "a number", str: "a string"}
    return names.get(type(value), type(value).__name__)
