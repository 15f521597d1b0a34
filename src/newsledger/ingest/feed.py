"""RSS and Atom feeds (via feedparser): one Article per entry.

An entry's text is its longest ``content`` (else its ``summary``) with the HTML stripped —
that stripped text is ``Article.text``. The entry's link is the url, the feed's title the
outlet. Entries are numbered from 1 in the order of the feed; a Failure for an entry
names ``path#N``.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser

from newsledger.config import Config
from newsledger.errors import InputError
from newsledger.ingest._common import (
    check_not_binary,
    clean_str,
    failure,
    finish,
    lenient_date,
    read_all,
    unexpected,
)
from newsledger.ingest.html import html_to_text
from newsledger.model import Article, Failure

# A feed holds many articles; allow it this many articles' worth of bytes.
FEED_ARTICLES = 50
# An entity declaration in a DOCTYPE, in ASCII or in UTF-16 (either byte order).
_DECLARES_ENTITIES = re.compile(rb"<!ENTITY|<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y|"
                                rb"\x00<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y", re.IGNORECASE)


def read(path: Path, config: Config) -> Iterator[Article | Failure]:
    """One Article (or Failure) per feed entry."""
    try:
        data = read_all(path, config, articles=FEED_ARTICLES)
        check_not_binary(data, str(path))
        parsed = _parse(data, str(path))
    except InputError as exc:
        yield failure(exc.origin, exc)
        return
    outlet = clean_str(parsed.feed.get("title"))
    language = _language(parsed.feed.get("language"))
    for number, entry in enumerate(parsed.entries, start=1):
        origin = f"{path}#{number}"
        try:
            yield finish(
                entry_article(entry, origin=origin, outlet=outlet, language=language), config
            )
        except InputError as exc:
            yield failure(origin, exc)
        except Exception as exc:  # one entry's boundary: the next is read
            yield unexpected(origin, exc)


def _parse(data: bytes, origin: str) -> feedparser.FeedParserDict:
    if _DECLARES_ENTITIES.search(data):
        raise InputError(origin, "the feed declares XML entities (<!ENTITY …>), which news "
                                 "feeds never need: refused, as expanding them can take "
                                 "unbounded time and memory (billion laughs) or read local "
                                 "files (XXE)")
    parsed = feedparser.parse(data)
    if not parsed.entries:
        found = f"a parse error ({parsed.bozo_exception})" if parsed.bozo else "no entries"
        raise InputError(origin, f"expected an RSS or Atom feed with entries, found {found}")
    return parsed


def entry_article(entry: Any, *, origin: str, outlet: str | None, language: str | None) -> Article:
    """One feed entry as an Article (identity and language are filled in later)."""
    text = _entry_text(entry)
    if not text:
        raise InputError(origin, "feed entry has no content or summary text")
    return Article(
        id=clean_str(entry.get("id")) or "",  # empty: finish() falls back to url, then hash
        text=text,
        published=_entry_date(entry),
        title=clean_str(entry.get("title")),
        url=clean_str(entry.get("link")),
        outlet=outlet,
        language=language,
        author=_author(entry),
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    candidates = [part for part in entry.get("content", []) if part.get("value")]
    if entry.get("summary_detail", {}).get("value"):
        candidates.append(entry["summary_detail"])
    if not candidates:
        return ""
    best = max(candidates, key=lambda part: len(part["value"]))
    if best.get("type") == "text/plain":
        return str(best["value"]).strip()
    return html_to_text(best["value"])


def _author(entry: Any) -> str | None:
    """The author's name; RSS often writes 'mail@example.org (Name)'."""
    raw = clean_str(entry.get("author"))
    if raw and "@" in raw:
        name, _address = email.utils.parseaddr(raw)
        return clean_str(name)
    return raw or clean_str(entry.get("author_detail", {}).get("name"))


def _entry_date(entry: Any) -> str | None:
    """The date as written in the feed (its own time zone), not converted to UTC."""
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if not raw:
            continue
        if date := lenient_date(raw):  # Atom: ISO 8601
            return date
        try:
            return email.utils.parsedate_to_datetime(raw).date().isoformat()  # RSS: RFC 822
        except (TypeError, ValueError):
            parsed = entry.get(f"{key}_parsed")
            if parsed:
                return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return None


def _language(code: Any) -> str | None:
    """'de-DE' -> 'de'."""
    text = clean_str(code)
    return text.split("-")[0].split("_")[0].lower() if text else None
