"""A seeded generator of malformed inputs, by family, and a harness that ingests them.

Each input is one file (name and bytes). ``ingest_round`` writes a set of them, each
beside a good article of its own, into a folder, ingests the folder into a fresh ledger
in this process and returns what happened: tracebacks (any exception out of ``ingest``),
good articles lost, malformed files that vanished without a Failure or article, and the
time each took. ``tests/fuzz/test_fuzz.py`` runs a few hundred in CI,
``benchmarks/fuzz.py`` ten thousand and more. The same seed gives the same inputs.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD_TEXT = ("Die Stadtverwaltung teilte am Montag mit, dass {n} Menschen an der Zählung "
             "teilgenommen hätten. Der Sprecher sagte, im Vorjahr seien es {m} gewesen.")


@dataclass(frozen=True)
class Input:
    family: str
    name: bytes  # a file name as bytes: some are not UTF-8
    data: bytes


def _good_record(rng: random.Random, i: int) -> dict:
    n = rng.randint(100, 90000)
    return {"id": f"fuzz-good-{i}", "text": GOOD_TEXT.format(n=n, m=n + 17),
            "published": "2024-03-0" + str(rng.randint(1, 9))}


def _jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def _warc_record(url: str, html: str) -> bytes:
    body = html.encode()
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Date: 2024-03-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _page(text: str) -> str:
    return f"<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>"


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randint(1, max(1, len(data) - 1))]


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def _articles(rng: random.Random, n: int = 3) -> list[dict]:
    return [_good_record(rng, rng.randint(10**6, 10**7)) for _ in range(n)]


# --- families: rng -> (file name, bytes) ----------------------------------------------

def gzip_truncated(rng):
    return b"t.jsonl.gz", _truncate(gzip.compress(_jsonl(_articles(rng, 5))), rng)


def gzip_bitflip(rng):
    return b"f.jsonl.gz", _flip(gzip.compress(_jsonl(_articles(rng, 5))), rng)


def gzip_text_damaged(rng):
    data = gzip.compress(GOOD_TEXT.format(n=1, m=2).encode() * 20)
    return rng.choice([b"d.txt.gz", b"d.html.gz"]), _truncate(data, rng)


def warc_truncated(rng):
    data = b"".join(_warc_record(f"http://example.org/{i}", _page(GOOD_TEXT.format(n=i, m=i)))
                    for i in range(3))
    if rng.random() < 0.5:
        return b"w.warc.gz", _truncate(gzip.compress(data), rng)
    return b"w.warc", _truncate(data, rng)


def warc_bitflip(rng):
    data = b"".join(_warc_record(f"http://example.org/{i}", _page(GOOD_TEXT.format(n=i, m=i)))
                    for i in range(3))
    return (b"b.warc.gz", _flip(gzip.compress(data), rng)) if rng.random() < 0.5 else \
        (b"b.warc", _flip(data, rng))


def warc_whitespace(rng):
    return b"blank.warc", rng.choice([b" ", b"\n", b"\r\n", b"\t \n"]) * rng.randint(1, 5000)


def binary_junk(rng):
    ext = rng.choice([b".txt", b".html", b".jsonl", b".xml", b".warc", b".rss", b".gz", b""])
    return b"junk" + ext, rng.randbytes(rng.randint(1, 4096))


def utf16_broken(rng):
    text = GOOD_TEXT.format(n=5, m=6).encode("utf-16-le")
    bom = rng.choice([b"\xff\xfe", b"\xfe\xff", b"\xff", b""])
    broken = rng.choice([text + b"\x00"[: rng.randint(0, 1)] + b"A",   # odd length
                         text + b"\x00\xd8" + text[:10],                # lone surrogate
                         text[1:]])                                     # shifted
    return rng.choice([b"u16.txt", b"u16.html", b"u16.jsonl"]), bom + broken


def lone_surrogates(rng):
    record = _good_record(rng, rng.randint(10**6, 10**7))
    field_name = rng.choice(["id", "text", "title", "author", "extra"])
    record[field_name] = (record.get(field_name) or "x") + "SURROGATE"
    line = json.dumps(record).replace("SURROGATE", rng.choice(["\\ud800", "\\udfff", "\\udc80x"]))
    return b"s.jsonl", line.encode() + b"\n"


def invalid_utf8(rng):
    text = GOOD_TEXT.format(n=7, m=8).encode()
    at = rng.randrange(len(text))
    bad = text[:at] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"]) + text[at:]
    return rng.choice([b"i.txt", b"i.html", b"i.jsonl"]), bad


def billion_laughs(rng):
    entities = "".join(f'<!ENTITY l{i} "' + f"&l{i - 1};" * 10 + '">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]>'
           '<rss version="2.0"><channel><title>T</title><item><title>&l9;</title>'
           f'<description>{GOOD_TEXT.format(n=1, m=2)} &l9;</description></item></channel></rss>')
    return rng.choice([b"laughs.rss", b"laughs.xml", b"laughs.html"]), xml.encode()


def xxe(rng):
    target = rng.choice(["file:///etc/passwd", "http://127.0.0.1:9/x", "file:///dev/zero"])
    xml = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{target}">]>'
           '<rss version="2.0"><channel><title>T</title><item><title>&x;</title>'
           f'<description>{GOOD_TEXT.format(n=3, m=4)} &x;</description></item></channel></rss>')
    return rng.choice([b"xxe.rss", b"xxe.atom"]), xml.encode()


def deep_html(rng):
    depth = rng.choice([1000, 10000])
    tag = rng.choice(["div", "span", "b", "table"])
    return b"deep.html", (f"<html><body>{f'<{tag}>' * depth}{GOOD_TEXT.format(n=1, m=2)}"
                          f"{f'</{tag}>' * rng.randint(0, depth)}</body></html>").encode()


def jsonl_wrong_types(rng):
    record = _good_record(rng, rng.randint(10**6, 10**7))
    field_name = rng.choice(["id", "text", "title", "url", "outlet", "language", "author",
                             "published"])
    record[field_name] = rng.choice([{"a": 1}, [1, 2], True, 3.5, None, -1, "", {}])
    return b"types.jsonl", json.dumps(record).encode() + b"\n"


def huge_integers(rng):
    digits = "9" * rng.choice([4301, 5000, 20000])
    record = json.dumps(_good_record(rng, 1)).rstrip("}")
    where = rng.choice(['"published": ', '"n": ', '"id": '])
    line = record.replace('"published": ', '"p": ') + f", {where}{digits}}}"
    return b"ints.jsonl", line.encode() + b"\n"


def deep_arrays(rng):
    depth = rng.choice([100, 1000, 100_000])
    opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
    record = json.dumps(_good_record(rng, 2)).rstrip("}")
    return b"deep.jsonl", (record + ', "x": ' + opener * depth + "1" + closer * depth + "}\n").encode()


def odd_file_names(rng):
    name = rng.choice([b"bad\xffname.txt", b"evil[/x].txt", b"[link=http://e.vil]x[/link].txt",
                       b"line\nbreak.txt", b"esc\x1b[31mred.txt", b"\xed\xa0\x80.txt",
                       b"rtl\xe2\x80\xaetxt.exe.txt", b"sp ace [b].jsonl"])
    if name.endswith(b".jsonl"):
        return name, _jsonl([_good_record(rng, rng.randint(10**6, 10**7))])
    return name, GOOD_TEXT.format(n=11, m=12).encode()


def markup_in_fields(rng):
    record = _good_record(rng, rng.randint(10**6, 10**7))
    payload = rng.choice(["evil[/x]", "[link=http://e.vil]click[/link]", "\x1b[2J\x1b[31m",
                          "[bold]b", "\u202eevil"])
    record[rng.choice(["id", "title", "outlet", "author"])] = payload + str(rng.random())
    return b"markup.jsonl", json.dumps(record).encode() + b"\n"


def gzip_bomb(rng):
    blank = rng.choice([b"\n", b" \n", b"{}\n"]) * (1 << 21)
    return b"bomb.jsonl.gz", gzip.compress(blank * rng.randint(4, 8), compresslevel=9)


def oversized(rng):
    # 1 MB of text without sentence breaks: over a lowered ingest.max_chars in the harness
    return b"big.txt", ((GOOD_TEXT.format(n=1, m=2) + " und") * 7000).encode()


FAMILIES: dict[str, Callable[[random.Random], tuple[bytes, bytes]]] = {
    f.__name__: f for f in (
        gzip_truncated, gzip_bitflip, gzip_text_damaged, warc_truncated, warc_bitflip,
        warc_whitespace, binary_junk, utf16_broken, lone_surrogates, invalid_utf8,
        billion_laughs, xxe, deep_html, jsonl_wrong_types, huge_integers, deep_arrays,
        odd_file_names, markup_in_fields, gzip_bomb, oversized,
    )
}


def generate(seed: int, count: int) -> list[Input]:
    """``count`` inputs, the families taken in turn, each from its own seeded stream."""
    rng = random.Random(seed)
    names = sorted(FAMILIES)
    inputs = []
    for i in range(count):
        family = names[i % len(names)]
        name, data = FAMILIES[family](random.Random(rng.getrandbits(64)))
        inputs.append(Input(family, name, data))
    return inputs


# --- harness ---------------------------------------------------------------------------

@dataclass
class Outcome:
    inputs: Counter = field(default_factory=Counter)  # by family
    failures: int = 0  # Failures reported (expected: malformed inputs are refused)
    tracebacks: list[str] = field(default_factory=list)
    lost_good: int = 0
    silent: list[str] = field(default_factory=list)  # malformed files with no trace at all
    seconds: float = 0.0

    def add(self, other: Outcome) -> None:
        self.inputs.update(other.inputs)
        self.failures += other.failures
        self.tracebacks += other.tracebacks
        self.lost_good += other.lost_good
        self.silent += other.silent
        self.seconds += other.seconds


def write_round(folder: Path, inputs: list[Input], first_good: int,
                good_every: int = 1) -> list[str]:
    """Each input in its own sub-folder, every ``good_every``-th beside a good article (the
    sub-folders are read in order, so good articles share batches with malformed inputs);
    returns the good ids."""
    good = []
    for i, item in enumerate(inputs):
        sub = folder / f"{i:05d}"
        sub.mkdir(parents=True)
        target = os.path.join(os.fsencode(sub), item.name)  # 'evil[/x]' is a folder 'evil['
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as stream:
            stream.write(item.data)
        if i % good_every:
            continue
        good_id = f"good-{first_good + i}"
        (sub / "zz-good.txt").write_text(
            f"id: {good_id}\ndate: 2024-03-01\n\n" + GOOD_TEXT.format(n=first_good + i, m=3),
            encoding="utf-8")
        good.append(good_id)
    return good


def ingest_round(folder: Path, inputs: list[Input], *, first_good: int = 0,
                 good_every: int = 1, db: str | None = None) -> Outcome:
    """Ingest ``inputs`` (every ``good_every``-th beside a good article) in one run; what
    happened."""
    from newsledger.ingest._common import storable
    from newsledger.store import open_ledger
    from newsledger.workflows import ingest

    outcome = Outcome(inputs=Counter(i.family for i in inputs))
    good = write_round(folder, inputs, first_good, good_every)
    db = db or str(folder / "ledger.db")
    config = _config(folder)
    started = time.perf_counter()
    try:
        result = ingest([folder], db=db, config=config)
    except Exception:  # the harness records what escaped
        outcome.tracebacks.append(traceback.format_exc())
        outcome.lost_good = len(good)
        return outcome
    outcome.seconds = time.perf_counter() - started
    outcome.failures = len(result.failures)
    with open_ledger(db, create=False) as ledger:
        articles = list(ledger.articles())
    outcome.lost_good = len(set(good) - {a.id for a in articles})
    named = [f.origin for f in result.failures] + [a.origin or "" for a in articles]
    for i, item in enumerate(inputs):
        path = folder / f"{i:05d}" / os.fsdecode(item.name)
        if not _named(named, storable(str(path))) and not _yields_anything(path, config):
            outcome.silent.append(item.family)
    return outcome


def _named(origins: list[str], path: str) -> bool:
    """Whether a failure or a stored article names the file (``path``, ``path:3``, …)."""
    return any(o == path or (o.startswith(path) and o[len(path)] in ":#@") for o in origins)


def _yields_anything(path: Path, config) -> bool:
    """An input no failure or stored article names (its article was already stored from
    an identical input) is read again alone: it must give an article or a Failure."""
    from newsledger.ingest import read_articles

    return any(True for _ in read_articles([path], config=config))


def _config(folder: Path):
    """The default configuration with a lowered article size limit (the oversized family
    tests it without megabytes of input) and small batches."""
    from newsledger.config import load_config

    path = folder / "fuzz.toml"
    path.write_text("[ingest]\nmax_chars = 200000\nbatch_size = 20\n", encoding="utf-8")
    return load_config(str(path))


def describe(outcome: Outcome) -> str:
    out = io.StringIO()
    print(f"inputs: {sum(outcome.inputs.values())}, failures reported: {outcome.failures}, "
          f"tracebacks: {len(outcome.tracebacks)}, lost good articles: {outcome.lost_good}, "
          f"silent inputs: {len(outcome.silent)}", file=out)
    for tb in outcome.tracebacks[:3]:
        print(tb, file=out)
    return out.getvalue()
