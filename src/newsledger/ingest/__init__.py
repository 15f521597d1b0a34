"""Files and formats: turn input paths into a stream of Articles (and Failures).

``read_articles`` takes files and folders. A folder is read recursively in sorted path
order (so runs are deterministic), taking files with a known extension and skipping
hidden ones; a file named explicitly is read whatever its extension, its format sniffed
from its first bytes when the name does not tell.

Each format has one module exposing ``read(path, config) -> Iterator[Article | Failure]``:

======== ====================================== ==================================
module   extensions                             origin of a record
======== ====================================== ==================================
jsonl    .jsonl .ndjson (+ .gz)                 ``path:line``
text     .txt .text (.txt.gz)                   ``path``
html     .html .htm .xhtml (.html.gz)           ``path``
feed     .rss .atom .xml                        ``path#entry-number``
warc     .warc .arc (+ .gz)                     ``path@byte-offset``
======== ====================================== ==================================

A bad file or record never stops the run: it becomes a
:class:`~newsledger.model.Failure` (stage ``read``) naming where it was, and reading goes on.
"""

from __future__ import annotations

import gzip
import importlib
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from newsledger.config import Config, load_config
from newsledger.ingest import jsonl, text
from newsledger.ingest._common import GZIP_MAGIC, failure, unexpected
from newsledger.ingest.language import detect_language
from newsledger.model import Article, Failure

__all__ = ["read_articles", "read_file", "detect_language", "EXTENSIONS"]

Reader = Callable[[Path, Config], Iterator[Article | Failure]]



def _on_first_use(module: str) -> Reader:
    """The reader of ``module``, imported when first called: trafilatura, feedparser and
    warcio take a second to load, which commands that read no such file never pay."""
    def read(path: Path, config: Config) -> Iterator[Article | Failure]:
        return importlib.import_module(f"newsledger.ingest.{module}").read(path, config)
    return read


_HTML, _FEED, _WARC = (_on_first_use(m) for m in ("html", "feed", "warc"))

EXTENSIONS: dict[str, Reader] = {
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
    ".jsonl.gz": jsonl.read,
    ".ndjson.gz": jsonl.read,
    ".txt": text.read,
    ".txt.gz": text.read,
    ".text": text.read,
    ".html": _HTML,
    ".html.gz": _HTML,
    ".htm": _HTML,
    ".xhtml": _HTML,
    ".rss": _FEED,
    ".atom": _FEED,
    ".xml": _FEED,
    ".warc": _WARC,
    ".warc.gz": _WARC,
    ".arc": _WARC,
    ".arc.gz": _WARC,
}
SNIFF_BYTES = 2048


def read_articles(
    paths: Iterable[str | Path], *, config: Config | None = None
) -> Iterator[Article | Failure]:
    """Articles from files and folders, with a Failure for each unreadable file or record."""
    config = config or load_config()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for member in _folder_files(path):
                yield from read_file(member, config=config)
        elif path.is_file():
            yield from read_file(path, config=config)
        else:
            yield failure(
                path, "no such file or folder: expected a path to an article file or folder"
            )


def read_file(path: Path, *, config: Config | None = None) -> Iterator[Article | Failure]:
    """One file, its format chosen by extension, else by its first bytes."""
    config = config or load_config()
    try:
        reader = _reader_by_extension(path) or _reader_by_content(path)
    except OSError as exc:
        yield failure(path, f"cannot read the file: {exc.strerror or exc}")
        return
    try:
        yield from reader(path, config)
    except OSError as exc:
        yield failure(path, f"cannot read the file: {exc.strerror or exc}")
    except Exception as exc:  # the file's boundary: the next file is read
        yield unexpected(path, exc)


def _folder_files(folder: Path) -> list[Path]:
    """Known-format files under a folder, recursively, sorted; hidden files skipped."""
    files = (p for p in folder.rglob("*") if p.is_file())
    visible = (
        p for p in files if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
    return sorted((p for p in visible if _reader_by_extension(p)), key=lambda p: p.as_posix())


def _reader_by_extension(path: Path) -> Reader | None:
    name = path.name.lower()
    for extension in sorted(EXTENSIONS, key=len, reverse=True):  # '.jsonl.gz' before '.gz'
        if name.endswith(extension):
            return EXTENSIONS[extension]
    return None


def _reader_by_content(path: Path) -> Reader:
    """Guess the format from the first bytes; plain text when nothing else fits."""
    head = _head(path).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"warc/", b"filedesc://")):
        return _WARC
    if head.startswith(b"{"):
        return jsonl.read
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return _FEED
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return _HTML
    return text.read


def _head(path: Path) -> bytes:
    with path.open("rb") as stream:
        head = stream.read(SNIFF_BYTES)
    if not head.startswith(GZIP_MAGIC):
        return head
    try:
        with gzip.open(path, "rb") as stream:
            return stream.read(SNIFF_BYTES)
    except (EOFError, zlib.error, gzip.BadGzipFile):
        return b""
