"""Cost of adding 100 articles to a ledger of N, through the real ingest path, store included.

Builds a SQLite ledger of N synthetic articles (the generator of ``bench_link.py``: ~10
articles a story, 10 % syndicated copies, two claims an article; stories start on days
spread over two years, 2023-01-01 to 2024-12-30, and run up to 25 days), then adds the
100 most recently published ones more — the way ``newsledger ingest`` does after extraction:
``Ledger.write_batch`` and ``workflows.link_new_articles`` (read the new claims back,
canonicalise them against the ledger's entities, place them in the saved linker state,
write the changed stories/groups/claims/relations and look-up rows). For comparison it
times the full relink (``workflows.link_ledger``) that ingest used to run every time.
The linker's state is look-up tables (``newsledger.link.index``): the run reads only the
rows its articles' terms and LSH buckets name. "stories read" counts the story states
the 100 placements read, of all stories in the ledger; "look-ups" the index queries.

To stay fast it feeds synthetic Extractions to those functions instead of running the
NLP extraction (which costs the same per article at any ledger size: bench_pipeline.py).

    .venv/bin/python benchmarks/bench_ingest.py            # 1000 and 20000 (a few minutes)
    .venv/bin/python benchmarks/bench_ingest.py 1000       # other sizes
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_link import SEED, synthetic

from newsledger import workflows
from newsledger.model import Claim, Extraction
from newsledger.store import open_ledger

ADDED = 100
BATCH = 500  # the default ingest batch size


SPEAKERS = 300  # people recur across stories, as in the news


def corpus(size: int) -> tuple[list[Extraction], list[Extraction]]:
    """``size`` articles and the ADDED published after them (so they come last, as news do).

    bench_link's speakers ('Sprecher12x1 Name12x1') are all one spelling apart, which
    the canonicaliser rightly joins; here each becomes one of SPEAKERS distinct names."""
    rng = random.Random(SEED + size)
    made = synthetic(rng, size + ADDED, [])
    made.sort(key=lambda ac: ac[0].published)
    people = _people(random.Random(SEED))
    extractions = [
        Extraction(article, claims=tuple(_renamed(c, people) for c in claims))
        for article, claims in made
    ]
    return extractions[:size], extractions[size:]


def _people(rng: random.Random) -> list[str]:
    def word() -> str:
        return "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
    return [f"{word().capitalize()} {word().capitalize()}" for _ in range(SPEAKERS)]


def _renamed(claim: Claim, people: list[str]) -> Claim:
    name = people[zlib.crc32(claim.speaker.text.encode()) % len(people)]
    return replace(claim, speaker=replace(claim.speaker, text=name, name=name))


def bench(size: int, folder: Path) -> dict[str, float]:
    base, added = corpus(size)
    with open_ledger(folder / f"ledger-{size}.db") as ledger:
        started = time.perf_counter()
        for start in range(0, len(base), BATCH):
            ledger.write_batch(base[start:start + BATCH])
        workflows.link_ledger(ledger)
        build = time.perf_counter() - started

        built = ledger.stories()
        stories_total, purity = len(built), story_purity(built)
        started = time.perf_counter()
        written = ledger.write_batch(added)
        stored = time.perf_counter() - started
        new = [e for e in added if e.article.id in set(written.new)]
        counter = _CountingIndex(ledger.link_index())
        ledger.link_index = lambda: counter  # what link_new_articles reads through
        started = time.perf_counter()
        incremental = workflows.link_new_articles(ledger, new)
        linked = time.perf_counter() - started
        del ledger.link_index
        assert incremental, "the added articles should take the incremental path"
        groups_after_add = {c.key: c.group for c in ledger.claims()}

        started = time.perf_counter()
        workflows.link_ledger(ledger)
        relink = time.perf_counter() - started
        same = groups_after_add == {c.key: c.group for c in ledger.claims()}
    return {"size": size, "build_s": build, "store_s": stored, "link_s": linked,
            "relink_s": relink, "same": same, "lookups": counter.calls, "purity": purity,
            "read": f"{counter.stories:,} / {stories_total:,}"}


def story_purity(stories) -> tuple[float, float, int]:
    """(purity, inverse purity, largest story) of the stories against the synthetic
    topics (an article id starts with its topic: 't12-a3-…'; copies keep it)."""
    by_story = [Counter(a.split("-")[0] for a in s.articles) for s in stories]
    by_topic: dict[str, Counter] = {}
    for number, topics in enumerate(by_story):
        for topic, count in topics.items():
            by_topic.setdefault(topic, Counter())[number] += count
    total = sum(sum(c.values()) for c in by_story)
    purity = sum(max(c.values()) for c in by_story) / total
    inverse = sum(max(c.values()) for c in by_topic.values()) / total
    return purity, inverse, max(sum(c.values()) for c in by_story)


class _CountingIndex:
    """Counts the look-ups and story states the linker reads through the index."""

    def __init__(self, index) -> None:
        self.index, self.calls, self.stories = index, 0, 0

    def __getattr__(self, name):
        method = getattr(self.index, name)

        def counted(*args):
            self.calls += 1
            found = method(*args)
            if name == "story_states":
                self.stories += len(found)
            return found
        return counted


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 20000]
    print("| ledger size | build (s) | add 100: store (s) | add 100: link (s) | per article (ms) "
          "| look-ups | stories read | full relink (s) | same groups as relink "
          "| story purity / inverse / largest |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            r = bench(size, Path(folder))
            per_article = 1000 * (r["store_s"] + r["link_s"]) / ADDED
            print(f"| {r['size']:,} | {r['build_s']:.1f} | {r['store_s']:.2f} | {r['link_s']:.2f} "
                  f"| {per_article:.1f} | {r['lookups']:,} | {r['read']} "
                  f"| {r['relink_s']:.1f} | {'yes' if r['same'] else 'NO'} "
                  f"| {r['purity'][0]:.2f} / {r['purity'][1]:.2f} / {r['purity'][2]:,} |",
                  flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
