"""Cost of adding articles to the linker's incremental state (stories, copies, groups, statuses).

Builds a :class:`newsledger.link.LinkState` from N synthetic articles (default 1,000 and
20,000: ~10 articles a story, 10 % syndicated copies, two claims an article, topics
spread over two years), then times adding 100 more (continuing live stories, opening
new ones, and copies). The claim is that the per-article cost stays flat as N grows:
placement is index look-ups, not a pass over the ledger.

    .venv/bin/python benchmarks/bench_link.py            # 1000 and 20000
    .venv/bin/python benchmarks/bench_link.py 1000 5000  # other sizes
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta

from newsledger.link import LinkState
from newsledger.model import Article, Claim, Evidence, Speaker, Value

ARTICLES_PER_STORY = 10
COPY_SHARE = 0.10
ADDED = 100
START = date(2023, 1, 1)
DAYS = 730
SEED = 20241126

_COMMON = [f"Allgemein{w}" for w in range(3000)]
_ZIPF = [1 / (rank + 1) for rank in range(len(_COMMON))]  # common words: a few very common
_FILLER = ["und", "die", "der", "im", "mit", "von", "auf", "für", "ist", "sich", "nach", "bei", "wurde", "sagte", "auch"]
_PLACES = ["Russland", "Ukraine", "Kursk", "Berlin", "Polen", "Syrien"]
_NOUNS = ["Soldaten", "Menschen", "Euro", "Panzer", "Flüchtlinge"]


@dataclass
class _Topic:
    index: int
    start: date
    words: list[str]
    speakers: list[str]
    figures: list[int]


def _topic(rng: random.Random, index: int) -> _Topic:
    start = START + timedelta(days=rng.randrange(DAYS))
    words = [f"Thema{index}Wort{k}" for k in range(12)]
    speakers = [f"Sprecher{index}x{k} Name{index}x{k}" for k in range(3)]
    figures = [rng.randrange(100, 50_000) for _ in range(2)]
    return _Topic(index, start, words, speakers, figures)


def _sentence(rng: random.Random, topic: _Topic) -> str:
    words = rng.sample(topic.words, 4) + rng.choices(_COMMON, _ZIPF, k=4) + rng.sample(_FILLER, 6)
    rng.shuffle(words)
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, topic: _Topic, number: int) -> tuple[Article, list[Claim]]:
    article_id = f"t{topic.index}-a{number}-{rng.randrange(10**9)}"
    body = [_sentence(rng, topic) for _ in range(12)]
    claims = []
    for k in range(2):
        value = topic.figures[k] * rng.choice([1, 2, 3])  # a story's own figures, revised
        noun, place = _NOUNS[topic.index % len(_NOUNS)], _PLACES[(topic.index + k) % len(_PLACES)]
        speaker = rng.choice(topic.speakers)
        sentence = f"Laut {speaker} sind {value} {noun} in {place} betroffen."
        body.insert(3 + k * 4, sentence)
        claims.append((sentence, value, speaker))
    text = " ".join(body)
    published = (topic.start + timedelta(days=rng.randrange(25))).isoformat()
    article = Article(id=article_id, text=text, published=published, outlet=f"Medium{number % 40}")
    return article, [_claim(article, *c) for c in claims]


def _claim(article: Article, sentence: str, value: int, speaker: str) -> Claim:
    start = article.text.index(sentence)
    figure = start + sentence.index(str(value))
    return Claim(article=article.id, speaker=Speaker(speaker, 0, 1, speaker),
                 value=Value(value, value), when=article.published,
                 evidence=(Evidence(figure, figure + len(str(value)), sentence, start),))


def _copy(rng: random.Random, original: Article, claims: list[Claim]) -> tuple[Article, list[Claim]]:
    text = "Eilmeldung aus der Redaktion. " + original.text[: int(len(original.text) * 0.92)]
    copy = original.with_(id=original.id + "-copy" + str(rng.randrange(10**6)), text=text,
                          outlet="Kopie")
    moved = []
    for claim in claims:
        e = claim.evidence[0]
        shift = len("Eilmeldung aus der Redaktion. ")
        if e.end + shift <= len(text):
            moved.append(Claim(article=copy.id, speaker=claim.speaker, value=claim.value,
                               when=claim.when, evidence=(Evidence(e.start + shift, e.end + shift,
                                                                   e.sentence, e.sentence_start + shift),)))
    return copy, moved


def synthetic(rng: random.Random, count: int, topics: list[_Topic]):
    """``count`` articles over ``topics`` (which grow to ~count/10), with copies."""
    made: list[tuple[Article, list[Claim]]] = []
    while len(made) < count:
        if made and rng.random() < COPY_SHARE:
            made.append(_copy(rng, *rng.choice(made[-200:])))
            continue
        if not topics or rng.random() < 1 / ARTICLES_PER_STORY:
            topics.append(_topic(rng, len(topics)))
        topic = rng.choice(topics[-50:]) if len(topics) > 1 else topics[0]
        made.append(_article(rng, topic, len(made)))
    return made


def bench(size: int) -> dict[str, float]:
    rng = random.Random(SEED + size)
    topics: list[_Topic] = []
    base = synthetic(rng, size, topics)
    base.sort(key=lambda ac: ac[0].published)
    state = LinkState()
    started = time.perf_counter()
    for article, claims in base:
        state.add_article(article, claims)
    build = time.perf_counter() - started
    added = synthetic(rng, ADDED, topics)
    started = time.perf_counter()
    for article, claims in added:
        state.add_article(article, claims)
    elapsed = time.perf_counter() - started
    return {"size": size, "build_s": build, "add100_s": elapsed,
            "per_article_ms": 1000 * elapsed / ADDED, "stories": len(state.story_index.stories_by_id),
            "groups": len(state.group_index.groups), "copies": len(state.story_index.duplicates)}


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 20000]
    print("| ledger size | build (s) | add 100 articles (s) | per article (ms) | stories | groups | copies |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in sizes:
        r = bench(size)
        print(f"| {r['size']:,} | {r['build_s']:.1f} | {r['add100_s']:.3f} | "
              f"{r['per_article_ms']:.2f} | {r['stories']:,} | {r['groups']:,} | {r['copies']:,} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
