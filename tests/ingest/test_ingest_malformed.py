"""One failure boundary per input unit: each malformed file, line, entry or record becomes
a Failure naming where it was, the records before the damage are kept, and reading goes
on with the next input (regression cases of issue 13)."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from newsledger.config import load_config
from newsledger.ingest import read_articles
from newsledger.model import Article, Failure

GOOD = "Die Polizei sprach von rund 2.500 Teilnehmern am Streik in der Stadt."


def _lines(*records) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _good(i: int) -> dict:
    return {"id": f"good-{i}", "text": GOOD}


def read(tmp_path: Path, name: str | bytes, data: bytes, config=None):
    path = os.path.join(os.fsencode(tmp_path), name if isinstance(name, bytes) else name.encode())
    with open(path, "wb") as stream:
        stream.write(data)
    after = tmp_path / "zz-after.txt"
    after.write_text(GOOD, "utf-8")
    items = list(read_articles([os.fsdecode(path), after], config=config))
    assert isinstance(items[-1], Article) and items[-1].id == "zz-after.txt"  # reading went on
    return items[:-1]


def _failures(items):
    return [i for i in items if isinstance(i, Failure)]


def test_a_truncated_gzip_jsonl_keeps_the_lines_before_and_fails_once(tmp_path):
    data = gzip.compress(_lines(*(_good(i) for i in range(200))))
    items = read(tmp_path, "cut.jsonl.gz", data[: len(data) // 2])
    articles, failures = [i for i in items if isinstance(i, Article)], _failures(items)
    assert articles and [a.id for a in articles] == [f"good-{i}" for i in range(len(articles))]
    assert len(failures) == 1 and "damaged or ends early" in failures[0].error


@pytest.mark.parametrize("name", ["cut.txt.gz", "cut.html.gz", "cut.warc.gz"])
def test_damaged_gzip_in_every_reader_is_one_failure(tmp_path, name):
    data = gzip.compress((GOOD * 50).encode())
    (failure,) = read(tmp_path, name, data[:-12])
    assert isinstance(failure, Failure) and name in failure.origin


@pytest.mark.parametrize("line, message", [
    (b'{"id": "x", "text": "Die \\ud800 Zahl"}', "lone surrogate U+D800"),
    (b'{"id": "x\\udfff", "text": "' + GOOD.encode() + b'"}', "field 'id' holds a lone surrogate"),
    (b'{"id": "x", "text": "' + GOOD.encode() + b'", "n": ' + b"9" * 5000 + b"}",
     "unreadable JSON value"),
    (b'{"id": "x", "text": "a", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
     "nested too deeply"),
    (b'{"id": "x", "text": "' + GOOD.encode() + b'", "deep": ' + b"[" * 100 + b"]" * 100 + b"}",
     "nested deeper than"),
    (b'{"id": {"a": 1}, "text": "' + GOOD.encode() + b'"}', 'invalid "id": expected a string'),
    (b'{"id": "x", "title": ["a"], "text": "' + GOOD.encode() + b'"}', 'invalid "title"'),
    (b'{"id": "x", "text": "' + GOOD.encode() + b'", "v": NaN}', "NaN is not a number"),
    (b'{"id": "x", "text": "Die\\u0000Zahl"}', "NUL character"),
])
def test_a_bad_jsonl_line_is_refused_with_its_line_and_why(tmp_path, line, message):
    items = read(tmp_path, "bad.jsonl", _lines(_good(1)) + line + b"\n" + _lines(_good(3)))
    assert [i.id for i in items if isinstance(i, Article)] == ["good-1", "good-3"]
    (failure,) = _failures(items)
    assert failure.origin.endswith("bad.jsonl:2") and message in failure.error


def test_a_numeric_id_is_kept_as_its_digits(tmp_path):
    (article,) = read(tmp_path, "n.jsonl", _lines({"id": 12345, "text": GOOD}))
    assert article.id == "12345"


@pytest.mark.parametrize("data", [b"\xff\xfe" + GOOD.encode("utf-16-le") + b"A",
                                  b"\xff\xfe" + GOOD.encode("utf-16-le") + b"\x00\xd8"])
def test_broken_utf16_is_a_failure(tmp_path, data):
    (failure,) = read(tmp_path, "u16.txt", data)
    assert "invalid UTF-16" in failure.error


def test_a_warc_of_whitespace_is_reported(tmp_path):
    (failure,) = read(tmp_path, "blank.warc", b" \r\n" * 100)
    assert "found only blank bytes" in failure.error


def test_a_file_name_that_is_not_utf8_is_read_and_named_with_escapes(tmp_path):
    (article,) = read(tmp_path, b"bad\xffname.txt", GOOD.encode())
    assert article.id == "bad\\xffname.txt" and article.origin.endswith("bad\\xffname.txt")
    article.id.encode("utf-8")  # storable


def test_a_gzip_bomb_stops_with_a_failure(tmp_path):
    bomb = gzip.compress(b" \n" * (20 << 20), compresslevel=9)
    items = read(tmp_path, "bomb.jsonl.gz", bomb)
    assert any("decompression bomb" in f.error for f in _failures(items))


def test_a_file_of_bad_lines_stops_after_a_thousand_in_a_row(tmp_path):
    items = read(tmp_path, "junk.jsonl", b"{}\n" * 5000)
    assert len(items) == 1001 and "1000 lines in a row" in items[-1].error


def test_an_oversized_article_is_a_failure_at_the_configured_limit(tmp_path):
    config_file = tmp_path / "small.toml"
    config_file.write_text("[ingest]\nmax_chars = 1000\n", "utf-8")
    (failure,) = read(tmp_path, "big.txt", (GOOD * 100).encode(), config=load_config(str(config_file)))
    assert "more than ingest.max_chars = 1000" in failure.error
