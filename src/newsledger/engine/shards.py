"""Inputs cut into shards that workers read on their own, and what can be counted up front.

A :class:`Shard` is a whole file, a byte range of an uncompressed JSON Lines file cut at
line starts (with the number of its first line, so origins stay ``path:line``), or a byte
range of an uncompressed WARC (its reader takes the records whose header starts inside).
Cutting needs at most one pass over the file's bytes counting newlines (≈ 1 GB/s), never a
parse, so one big file becomes many tasks. Shards are listed in input order (files as
:func:`~newsledger.ingest.read_articles` orders them), and their results are used in that
order, so the articles come out as a single reader would give them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from newsledger.config import Config
from newsledger.model import Article, Failure

SHARD_BYTES = 256 * 1024  # ≈ 90 news articles of JSON Lines: seconds of work per task
_READ_BLOCK = 1 << 20
_ONE_ARTICLE = (".txt", ".text", ".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class Shard:
    path: str
    start: int = 0  # byte offset of a line start (JSON Lines), any (WARC), 0 for a whole file
    end: int | None = None  # None: to the end of the file
    first_line: int = 1


def input_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files :func:`read_articles` reads, in its order (missing paths are its to report)."""
    from newsledger.ingest import _folder_files

    out: list[Path] = []
    for given in paths:
        path = Path(given)
        out.extend(_folder_files(path) if path.is_dir() else [path])
    return out


def _is_plain_jsonl(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson") and path.is_file()


def shards(paths: Iterable[str | Path], size: int | None = None) -> list[Shard]:
    """Every input as shards of about ``size`` bytes (default ``SHARD_BYTES``; files other
    than plain JSON Lines and uncompressed WARC whole)."""
    size = size or SHARD_BYTES
    out: list[Shard] = []
    for path in input_files(paths):
        if _is_plain_warc(path):
            out.extend(_warc_shards(path, size))
            continue
        if not _is_plain_jsonl(path):
            out.append(Shard(str(path)))
            continue
        starts = _line_starts_every(path, size)
        bounds = zip(starts, [*starts[1:], (None, 0)])
        out.extend(Shard(str(path), start, end, line) for (start, line), (end, _) in bounds)
    return out


def _is_plain_warc(path: Path) -> bool:
    # A gzipped WARC stays whole: its records are gzip members whose offsets are unknown
    # without an index (CDX), and a reader cannot start inside a member.
    return path.suffix.lower() == ".warc" and path.is_file()


def _warc_shards(path: Path, size: int) -> list[Shard]:
    """Plain byte ranges: each shard's reader finds its first record header itself
    (:func:`newsledger.ingest.warc.read_range`), so cutting reads nothing."""
    length = path.stat().st_size
    if length <= size:
        return [Shard(str(path))]
    starts = range(0, length, size)
    return [Shard(str(path), start, start + size if start + size < length else None)
            for start in starts]


def _line_starts_every(path: Path, size: int) -> list[tuple[int, int]]:
    """(byte offset, line number) of the first line starting at or after every ``size`` bytes."""
    cuts = [(0, 1)]
    offset, line, at_line_start = 0, 1, True
    with path.open("rb") as stream:
        for piece in iter(lambda: stream.readline(_READ_BLOCK), b""):  # long lines in pieces
            if at_line_start and offset - cuts[-1][0] >= size:
                cuts.append((offset, line))
            offset += len(piece)
            at_line_start = piece.endswith(b"\n")
            line += at_line_start
    return cuts


def read_shard(shard: Shard, config: Config) -> Iterator[Article | Failure]:
    """The articles of one shard, exactly as reading the whole file gives them."""
    from newsledger.ingest import read_file
    from newsledger.ingest.jsonl import _read_lines

    path = Path(shard.path)
    if shard.start == 0 and shard.end is None:
        yield from read_file(path, config=config)
        return
    if _is_plain_warc(path):
        from newsledger.ingest.warc import read_range

        yield from read_range(path, config, shard.start, shard.end)
        return
    with path.open("rb") as stream:
        stream.seek(shard.start)
        data = stream.read() if shard.end is None else stream.read(shard.end - shard.start)
    yield from _read_lines(BytesIO(data), path, config, first_line=shard.first_line)


def count_articles(paths: Iterable[str | Path]) -> int | None:
    """How many articles the inputs hold, when that is knowable without parsing them (JSON
    Lines: non-blank lines; text and HTML files: one each); None for feeds, WARC, gzip."""
    total = 0
    for path in input_files(paths):
        if _is_plain_jsonl(path):
            total += _non_blank_lines(path)
        elif path.suffix.lower() in _ONE_ARTICLE:
            total += 1
        else:
            return None
    return total


_WARC = (".warc", ".warc.gz")


def warc_sizes(paths: Iterable[str | Path]) -> dict[str, int] | None:
    """Each input's size in bytes when every input is a WARC file (their records cannot be
    counted without reading them, but the bytes left to read can); None otherwise."""
    files = input_files(paths)
    if not files or not all(p.is_file() and p.name.lower().endswith(_WARC) for p in files):
        return None
    return {str(p): p.stat().st_size for p in files}


def _non_blank_lines(path: Path) -> int:
    count, tail = 0, b""
    with path.open("rb") as stream:
        while block := stream.read(_READ_BLOCK):
            lines = (tail + block).split(b"\n")
            tail = lines.pop()
            count += sum(1 for line in lines if line.strip())
    return count + (1 if tail.strip() else 0)
