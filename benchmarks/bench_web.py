"""Latency of the web app (``newsledger serve``) under bounded local load.

Two ledgers: a synthetic one of 100,000 claims (20,000 articles of 5 claims each, 500 stories
of 5 figure groups, 300 speakers, 40 outlets, 18 months, 1 % of the claims reviewed; stories
and groups written directly, not by the linker, which bench_ingest.py measures), and the real
``../shared/data/news-de`` (ingested once, through the normal ingest path, into a temporary
ledger; skipped when absent).

For each, ``newsledger serve --read-only`` runs as a subprocess on 127.0.0.1 and one client
sends requests one after the other (no concurrency; REQUESTS per page kind and round, after
WARMUP) for four page kinds: the claims list, a full-text search, a two-facet filter and a
figure group's timeline (HTML pages, as a browser gets them). It reports p50/p95 per kind,
the median over ROUNDS rounds, and writes them into docs/performance.md.

    .venv/bin/python benchmarks/bench_web.py              # both ledgers (~10 minutes)
    .venv/bin/python benchmarks/bench_web.py --no-write   # print only
    .venv/bin/python benchmarks/bench_web.py --ledgers DIR  # build the ledgers once, keep them
"""

from __future__ import annotations

import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from newsledger import workflows
from newsledger.config import load_config
from newsledger.model import Article, Claim, Evidence, Extraction, Group, Speaker, Story, Value
from newsledger.store import open_ledger
from newsledger.store.browse import ClaimQuery

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "data" / "news-de"
PERFORMANCE = ROOT / "docs" / "performance.md"
SEED = 12
ARTICLES, CLAIMS_PER_ARTICLE, STORIES, GROUPS_PER_STORY = 20_000, 5, 500, 5
SPEAKERS, OUTLETS = 300, 40
WARMUP, REQUESTS, ROUNDS = 3, 40, 3
SEARCH_WORDS = ("Soldaten", "Prozent", "Millionen", "Regierung", "Menschen", "Euro")
SYLLABLES = ("ka", "lo", "mi", "ber", "sto", "ran", "tel", "wu", "gen", "dor", "fe", "lin")


# --- the synthetic ledger ------------------------------------------------------------------

def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def _article(rng: random.Random, index: int, story: int, people: list[str],
             outlets: list[str], topics: list[list[str]]) -> Extraction:
    article_id = f"syn-{index:05d}"
    day = f"2024-{1 + story % 12:02d}-{1 + index % 28:02d}" if story % 3 else \
        f"2025-{1 + story % 6:02d}-{1 + index % 28:02d}"
    parts, claims = [], []
    for n in range(CLAIMS_PER_ARTICLE):
        who, figure = rng.choice(people), rng.randint(2, 90) * 100 * (1 + n)
        noun = rng.choice(SEARCH_WORDS)
        sentence = (f"{who} sagte, es seien {figure} {noun} in {rng.choice(topics[story])} "
                    f"und {_word(rng)} betroffen.")
        start = sum(len(p) + 1 for p in parts)
        parts.append(sentence)
        at = start + sentence.index(str(figure))
        claims.append(Claim(
            article=article_id, speaker=Speaker(who, start, start + len(who), who),
            value=Value(figure, figure, rng.choice(("exact", "about", "at_least", "up_to"))),
            evidence=(Evidence(at, at + len(str(figure)), sentence, start),), counted=noun,
            when=day, certainty=rng.choice(("reported", "hedged", "confirmed")),
            polarity=rng.choice(("asserted",) * 9 + ("denied",)), confidence=rng.random(),
            group=f"syn-group-{story}-{n % GROUPS_PER_STORY}"))
    article = Article(id=article_id, text=" ".join(parts), published=day,
                      title=f"{_word(rng)} {_word(rng)}", url=f"https://example.org/{article_id}",
                      outlet=rng.choice(outlets))
    return Extraction(article, claims=tuple(claims))


def synthetic_ledger(db: Path) -> None:
    rng = random.Random(SEED)
    people = [f"{_word(rng)} {_word(rng)}" for _ in range(SPEAKERS)]
    outlets = [f"{_word(rng)}-Zeitung" for _ in range(OUTLETS)]
    topics = [[_word(rng) for _ in range(6)] for _ in range(STORIES)]
    extractions = [_article(rng, i, i % STORIES, people, outlets, topics) for i in range(ARTICLES)]
    with open_ledger(db) as ledger:
        for start in range(0, ARTICLES, 1000):
            ledger.write_batch(extractions[start:start + 1000])
        stories = [Story(f"syn-story-{s}", " · ".join(topics[s][:3]),
                         tuple(e.article.id for e in extractions[s::STORIES]))
                   for s in range(STORIES)]
        groups = [Group(f"syn-group-{s}-{g}", f"syn-story-{s}", f"Gruppe {g}")
                  for s in range(STORIES) for g in range(GROUPS_PER_STORY)]
        claim_groups = {c.key: c.group for e in extractions for c in e.claims}
        ledger.save_links(stories, groups, claim_groups, [])
        ledger.save_entities({name: name for name in people})
        for extraction in extractions[::20]:
            ledger.review(extraction.claims[0].id, "accepted", by="bench")


def real_ledger(db: Path) -> None:
    workflows.ingest(sorted(REAL.glob("*.jsonl")), db=str(db), config=load_config())


# --- serving and measuring -----------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: Path, *, read_only: bool = True) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    command = [str(Path(sys.executable).parent / "newsledger"), "serve", "--db", str(db),
               "--port", str(port), *(["--read-only"] if read_only else [])]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(f"{base}/static/style.css", timeout=30).raise_for_status()
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("newsledger serve did not start")


def page_urls(client: httpx.Client) -> dict[str, Callable[[random.Random], str]]:
    """Page kind -> a maker of one URL of that kind (values drawn from the ledger)."""
    first = client.get("/claims.json?limit=500").json()
    facets = first["facets"]
    speakers = [f["value"] for f in facets["speaker"] if f["value"] != "(none)"]
    months = [f["value"] for f in facets["month"] if f["value"] != "(none)"]
    groups = sorted({r["group"] for r in first["claims"] if r["group"]})
    return {
        "list": lambda rng: "/claims",
        "search": lambda rng: f"/claims?q={rng.choice(SEARCH_WORDS)}",
        "facet": lambda rng: f"/claims?speaker={rng.choice(speakers)}&month={rng.choice(months)}",
        "group": lambda rng: f"/group/{rng.choice(groups)}",
    }


def measure(base: str) -> dict[str, tuple[float, float]]:
    """Page kind -> (p50, p95) in ms, the medians over ROUNDS rounds."""
    rng = random.Random(SEED)
    rounds: dict[str, list[tuple[float, float]]] = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        urls = page_urls(client)
        for _ in range(ROUNDS):
            for kind, make in urls.items():
                for _ in range(WARMUP):
                    client.get(make(rng)).raise_for_status()
                times = [_timed(client, make(rng)) for _ in range(REQUESTS)]
                cuts = statistics.quantiles(times, n=20)
                rounds.setdefault(kind, []).append((statistics.median(times), cuts[18]))
    return {kind: (statistics.median(p[0] for p in got), statistics.median(p[1] for p in got))
            for kind, got in rounds.items()}


def _timed(client: httpx.Client, url: str) -> float:
    start = time.perf_counter()
    client.get(url).raise_for_status()
    return (time.perf_counter() - start) * 1000


def bench(name: str, build: Callable[[Path], None], folder: Path) -> dict:
    db = folder / f"{name.split()[0]}.db"
    started = time.perf_counter()
    if not db.exists():  # --ledgers DIR keeps them for the next run
        build(db)
    built = time.perf_counter() - started
    with open_ledger(db) as ledger:
        claims = ledger.browse().count(ClaimQuery())
    server, base = serve(db)
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            first = _timed(client, "/claims")  # builds the facet index
        latencies = measure(base)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"name": name, "claims": claims, "built": built, "first": first,
            "latencies": latencies}


# --- report ----------------------------------------------------------------------------------

def table(results: list[dict]) -> str:
    lines = ["| ledger | claims | page | p50 ms | p95 ms |", "| --- | ---: | --- | ---: | ---: |"]
    for result in results:
        for kind, (p50, p95) in result["latencies"].items():
            lines.append(f"| {result['name']} | {result['claims']:,} | {kind} | {p50:.0f} | "
                         f"{p95:.0f} |")
    firsts = ", ".join(f"{r['name']} {r['first'] / 1000:.1f} s" for r in results)
    return "\n".join(lines) + f"\n\nFirst request after start (builds the facet index): {firsts}."


def write(block: str) -> None:
    text = PERFORMANCE.read_text("utf-8")
    start, end = "<!-- bench_web -->", "<!-- /bench_web -->"
    if start not in text:
        raise SystemExit(f"{PERFORMANCE} has no {start} block to fill")
    head, rest = text.split(start, 1)
    PERFORMANCE.write_text(f"{head}{start}\n{block}\n{end}{rest.split(end, 1)[1]}", "utf-8")


def main() -> None:
    results = []
    keep = sys.argv[sys.argv.index("--ledgers") + 1] if "--ledgers" in sys.argv else None
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results.append(bench("synthetic", synthetic_ledger, folder))
        print(f"synthetic ledger ready in {results[-1]['built']:.0f} s", file=sys.stderr)
        if REAL.is_dir():
            results.append(bench("news-de (real)", real_ledger, folder))
            print(f"news-de ledger ready in {results[-1]['built']:.0f} s", file=sys.stderr)
    block = table(results)
    print(block)
    if "--no-write" not in sys.argv:
        write(block)


if __name__ == "__main__":
    main()
