"""Ledgers for the web tests: the packaged demo corpus (real extraction and linking), and a
hand-made hostile one whose titles, texts, URLs, outlets and speaker names carry script
payloads (each sets ``window.pwned`` if it ever runs)."""

from __future__ import annotations

from pathlib import Path

from newsledger import workflows
from newsledger.config import load_config
from newsledger.model import Article, Claim, Evidence, Extraction, Speaker, Value
from newsledger.store import open_ledger

PAYLOADS = {
    "title": "<script>window.pwned='title'</script>Truppen",
    "text": "<img src=x onerror=\"window.pwned='text'\">",
    "url": "javascript:window.pwned='url'",
    "speaker": "Anna <svg onload=\"window.pwned='speaker'\"></svg> Alpha",
    "outlet": "<iframe srcdoc=\"<script>parent.pwned='outlet'</script>\"></iframe>Blatt",
}


def demo_ledger(folder: Path) -> Path:
    db = folder / "demo.db"
    workflows.demo(db=str(db), config=load_config())
    return db


def hostile_ledger(folder: Path) -> Path:
    db = folder / "hostile.db"
    extractions = [_hostile("h1", "2024-11-01", 1500), _hostile("h2", "2024-11-03", 3000)]
    with open_ledger(db) as ledger:
        ledger.write_batch(extractions)
        workflows.link_ledger(ledger)
    return db


def _hostile(article_id: str, published: str, figure: int) -> Extraction:
    who = PAYLOADS["speaker"]
    sentence = f"Laut {who} wurden {figure} Soldaten gezählt {PAYLOADS['text']}."
    topic = " ".join(f"Gammawort{i} meldet Gammawort{i}." for i in range(8))
    text = f"{topic} {sentence} {topic}"
    start = text.index(sentence)
    at = start + sentence.index(str(figure))
    speaker_at = start + sentence.index(who)
    claim = Claim(article=article_id, speaker=Speaker(who, speaker_at, speaker_at + len(who), who),
                  value=Value(figure, figure), counted="Soldaten", when=published,
                  evidence=(Evidence(at, at + len(str(figure)), sentence, start),))
    article = Article(id=article_id, text=text, published=published, title=PAYLOADS["title"],
                      url=PAYLOADS["url"], outlet=PAYLOADS["outlet"])
    return Extraction(article, claims=(claim,))
