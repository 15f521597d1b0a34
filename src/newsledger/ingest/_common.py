"""What every reader shares: bytes to text, dates, size limit, identity, failures.

Readers raise :class:`~newsledger.errors.InputError` for a bad file or record and turn it
into a :class:`~newsledger.model.Failure` with :func:`failure`, so one bad record never
stops a run.
"""

from __future__ import annotations

import datetime as dt
import gzip
import math
import re
import zlib
from pathlib import Path
from typing import IO, Any

import charset_normalizer

from newsledger.config import Config
from newsledger.errors import ArticleTooLarge, InputError
from newsledger.ingest.language import detect_language
from newsledger.model import Article, Failure

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Single-byte encodings German news arrives in when it is not UTF-8. Detection is restricted
# to these because unrestricted detection guesses cp1250, mac_iceland or EBCDIC on short
# German texts (measured on one-line samples with charset-normalizer 3.5).
WESTERN_ENCODINGS = ["cp1252", "latin_1", "iso8859_15"]
# A text file has almost no control characters besides tab, newline, carriage return and
# form feed; more than this share in the first block means binary data.
MAX_CONTROL_SHARE = 0.10
SNIFF_BYTES = 8192
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY, an ISO date-time, DD.MM.YYYY or null"
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}.*)?$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


# A damaged gzip stream raises one of these part-way through.
GZIP_DAMAGE = (EOFError, zlib.error, gzip.BadGzipFile)
# Nesting of JSON values in a record (meta fields) beyond which it is refused, well below
# Python's recursion limit, which storing it as JSON would otherwise hit.
MAX_JSON_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


def failure(origin: str | Path, error: InputError | str) -> Failure:
    """A read failure; the message is the error's own line (the origin is kept apart).
    Both are made storable: a file name with bytes that are not UTF-8 is written with
    escapes ('bad\\xff.txt') rather than lone surrogates no database takes."""
    message = error.message if isinstance(error, InputError) else error
    return Failure(origin=storable(str(origin)), stage="read", error=storable(message))


def unexpected(origin: str | Path, error: Exception) -> Failure:
    """The Failure of an error no reader check foresaw, at a record's or file's boundary."""
    detail = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
    return failure(origin, f"cannot read it ({type(error).__name__}{': ' if detail else ''}"
                           f"{detail}); the rest of the input is read")


def storable(text: str) -> str:
    """``text`` with lone surrogates (from undecodable file names) written as escapes."""
    if not _SURROGATE.search(text):
        return text
    try:  # bytes os.fsdecode escaped: shown as the bytes they were
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def open_binary(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, gunzipping it transparently when it is gzip."""
    with path.open("rb") as probe:
        magic = probe.read(2)
    if magic == GZIP_MAGIC:
        return gzip.open(path, "rb")
    return path.open("rb")


def read_all(path: Path, config: Config, *, articles: int = 1) -> bytes:
    """Whole file (decompressed), refusing files far larger than ``articles`` articles could be."""
    limit = byte_limit(config) * articles
    with open_binary(path) as stream:
        try:
            data = stream.read(limit + 1)
        except GZIP_DAMAGE as exc:
            raise InputError(storable(str(path)), f"compressed file is damaged or ends early "
                                                  f"({type(exc).__name__}: {exc})") from None
    if len(data) > limit:
        raise ArticleTooLarge(
            str(path),
            f"file is larger than {limit} bytes, far more than ingest.max_chars "
            f"= {max_chars(config)} characters; split it or raise the limit in the config",
        )
    return data


def max_chars(config: Config) -> int:
    return int(config.get("ingest", "max_chars"))


def byte_limit(config: Config) -> int:
    """Bytes a single article's source may take: 4 bytes per character plus markup room."""
    return max_chars(config) * 4 + 65536


def check_not_binary(data: bytes, origin: str) -> None:
    """Refuse empty input and binary junk (NUL bytes or many control characters)."""
    if not data.strip():
        raise InputError(origin, "empty file: expected article text, found no characters")
    head = data[:SNIFF_BYTES]
    if head.startswith(UTF16_BOMS):
        return
    controls = len(_CONTROL.findall(head))
    if b"\x00" in head or controls > MAX_CONTROL_SHARE * len(head):
        raise InputError(
            origin,
            "binary file: expected text, found NUL bytes or control characters; "
            "pass only text, HTML, JSONL, feed or WARC files",
        )


def decode(data: bytes, origin: str) -> str:
    """Bytes to text: UTF-8 (BOM or not), UTF-16 with BOM, else a Western single-byte encoding."""
    check_not_binary(data, origin)
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM) :]
    elif data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(origin, f"invalid UTF-16 text ({exc.reason} at byte {exc.start}); "
                                     "expected UTF-16 after its byte order mark") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_western(data)


def decode_western(data: bytes) -> str:
    """Decode text that is not UTF-8, choosing among cp1252 / latin-1 / iso8859-15."""
    best = charset_normalizer.from_bytes(data, cp_isolation=WESTERN_ENCODINGS).best()
    if best is not None:
        return str(best)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin_1")  # never fails: every byte is a character


def normalize_date(value: Any) -> str | None:
    """'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or None from the date forms we accept.

    Raises ValueError naming the accepted forms for anything else.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        raise ValueError(f"expected a date ({DATE_FORMS}), found {value!r}")
    text = value.strip()
    if match := _GERMAN_DATE.match(text):
        day, month, year = match.groups()
        return _checked(year, month.zfill(2), day.zfill(2), value)
    if match := _ISO_DATE.match(text):
        return _checked(*match.groups(), value)
    raise ValueError(f"expected a date ({DATE_FORMS}), found {value!r}")


def _checked(year: str, month: str | None, day: str | None, original: Any) -> str:
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"expected a date ({DATE_FORMS}), found {original!r}") from None
    return "-".join(part for part in (year, month, day) if part)


def lenient_date(value: Any) -> str | None:
    """A date from metadata a library found: normalised, or None when it is not a date."""
    try:
        return normalize_date(value)
    except ValueError:
        return None


def finish(article: Article, config: Config) -> Article:
    """Enforce the size limit, then fill identity and language the source did not give.

    Identity: the given id, else the url, else the content hash.
    """
    if article.origin and (origin := storable(article.origin)) != article.origin:
        article = article.with_(origin=origin)  # a file name that is not UTF-8
    check_storable(article, article.origin or storable(article.id))
    limit = max_chars(config)
    if len(article.text) > limit:
        raise ArticleTooLarge(
            article.origin or article.id,
            f"article has {len(article.text)} characters, more than ingest.max_chars = "
            f"{limit}; split it or raise the limit in the config",
        )
    if not article.text.strip():
        raise InputError(
            article.origin or article.id, "no article text: expected some text, found none"
        )
    changes: dict[str, Any] = {}
    if not article.id:
        changes["id"] = article.url or article.content_hash
    if not article.language:
        changes["language"] = detect_language(article.text)
    return article.with_(**changes) if changes else article


def check_storable(article: Article, origin: str) -> None:
    """Refuse what the ledger cannot store faithfully: lone surrogates (no database
    encodes them), NUL characters (PostgreSQL text cannot hold them), non-finite numbers
    and JSON nested deeper than MAX_JSON_DEPTH in ``meta``."""
    fields = {"id": article.id, "text": article.text, "published": article.published,
              "title": article.title, "url": article.url, "outlet": article.outlet,
              "language": article.language, "author": article.author}
    for name, value in fields.items():
        if value is not None and (problem := _unstorable_text(value)):
            raise InputError(origin, f"field {name!r} {problem}; fix or remove it")
    if problem := _unstorable_json(article.meta):
        raise InputError(origin, f"the extra fields {problem}; fix or remove them")


def _unstorable_text(text: str) -> str | None:
    if "\x00" in text:
        return f"holds a NUL character (U+0000) at {text.index(chr(0))}"
    if found := _SURROGATE.search(text):
        return (f"holds a lone surrogate U+{ord(found.group()):04X} at {found.start()}, "
                "which is no character")
    return None


def _unstorable_json(value: Any) -> str | None:
    """What in a JSON value cannot be stored, else None (walked without recursion)."""
    todo = [(value, 1)]
    while todo:
        item, depth = todo.pop()
        if depth > MAX_JSON_DEPTH:
            return f"are nested deeper than {MAX_JSON_DEPTH} levels"
        if isinstance(item, dict):
            todo.extend((k, depth + 1) for k in item)
            todo.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, (list, tuple)):
            todo.extend((v, depth + 1) for v in item)
        elif isinstance(item, str) and (problem := _unstorable_text(item)):
            return problem.replace("holds", "hold", 1)
        elif isinstance(item, float) and not math.isfinite(item):
            return f"hold the number {item}, which JSON cannot store"
    return None


def clean_str(value: Any) -> str | None:
    """A metadata value as a stripped string, or None when absent or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None
