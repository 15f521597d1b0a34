"""Plain-text articles: an optional header, then the article; its first line is the title.

Two header forms are understood at the very start of the file:

1. ``key: value`` lines (``title``, ``date``/``published``, ``url``/``link``,
   ``outlet``/``source``, ``author``, ``language``/``lang``, ``id``, or the German ``Titel``,
   ``Datum``, ``Quelle``, ``Autor``, ``Sprache``; other lower-case keys go to ``meta``),
   ending at the first line that is not one; blank lines after it are skipped.
   The block counts as a header only if it names at least one known key, so an article
   opening with "Berlin: Die Regierung ..." is not mistaken for one.
2. A ``date 2024-11`` marker (``date`` and a date), alone on its line or in front of the
   first line of text.

Choice: ``Article.text`` is the text *after* the header — the header is data about the
article, not part of it — so every offset is into that text. Without a header the text is
the whole file. The id is the header's ``id``, else the file name without its extension.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from newsledger.config import Config
from newsledger.errors import InputError
from newsledger.ingest._common import (
    clean_str,
    decode,
    failure,
    finish,
    normalize_date,
    read_all,
    storable,
)
from newsledger.model import Article, Failure

# Header key (English, or German as German exports write them) -> Article field.
KEYS = {
    "title": "title",
    "titel": "title",
    "date": "published",
    "datum": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "quelle": "outlet",
    "author": "author",
    "autor": "author",
    "language": "language",
    "lang": "language",
    "sprache": "language",
    "id": "id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30})[ \t]*:[ \t]*(.*?)[ \t]*$")
_DATE_MARKER = re.compile(r"^\s*date[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?=\s)[ \t]*(?:\r?\n)?")


def read(path: Path, config: Config) -> Iterator[Article | Failure]:
    """The file's one Article, or one Failure naming the file."""
    try:
        text = decode(read_all(path, config), str(path))
        yield finish(parse_text(text, origin=str(path), default_id=storable(path.name)), config)
    except InputError as exc:
        yield failure(exc.origin, exc)


def parse_text(text: str, *, origin: str, default_id: str) -> Article:
    """Split header and body; the body becomes ``Article.text``."""
    fields, meta, body = split_header(text, origin)
    if not body.strip():
        raise InputError(origin, "no article text after the header: expected text, found none")
    return Article(
        id=fields.get("id") or default_id,
        text=body,
        published=fields.get("published"),
        title=fields.get("title") or _first_line(body),
        url=fields.get("url"),
        outlet=fields.get("outlet"),
        language=fields.get("language"),
        author=fields.get("author"),
        origin=origin,
        meta=meta,
    )


def split_header(text: str, origin: str) -> tuple[dict[str, str], dict[str, str], str]:
    """(known fields, other header keys, body) of a text; no header gives the whole text."""
    if marker := _DATE_MARKER.match(text):
        return {"published": _date(marker.group(1), origin)}, {}, text[marker.end() :]
    lines = text.splitlines(keepends=True)
    header = _header_lines(lines)
    if not header:
        return {}, {}, text
    fields, meta = _header_fields(header, origin)
    rest = lines[len(header) :]
    while rest and not rest[0].strip():
        rest.pop(0)
    return fields, meta, "".join(rest)


def _header_lines(lines: list[str]) -> list[str]:
    header, keys = [], []
    for line in lines:
        match = _HEADER_LINE.match(line.rstrip("\r\n"))
        if not match or not (match.group(1).lower() in KEYS or match.group(1).islower()):
            break
        header.append(line)
        keys.append(match.group(1).lower())
    return header if any(key in KEYS for key in keys) else []


def _header_fields(header: list[str], origin: str) -> tuple[dict[str, str], dict[str, str]]:
    fields: dict[str, str] = {}
    meta: dict[str, str] = {}
    for line in header:
        key, value = _HEADER_LINE.match(line.rstrip("\r\n")).groups()  # type: ignore[union-attr]
        field = KEYS.get(key.lower())
        if field == "published":
            fields[field] = _date(value, origin) or ""
        elif field:
            fields[field] = clean_str(value) or ""
        else:
            meta[key] = value
    return {k: v for k, v in fields.items() if v}, meta


def _date(value: str, origin: str) -> str | None:
    try:
        return normalize_date(value)
    except ValueError as exc:
        raise InputError(origin, f"invalid date in the header: {exc}") from None


def _first_line(body: str) -> str | None:
    for line in body.splitlines():
        if line.strip():
            return line.strip()
    return None
