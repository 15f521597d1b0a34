"""Gold claims of ../shared/gold/seeds.claims.jsonl as model records (test helper).

The gold gives sentences, not offsets: each sentence (and each extra mention) is found in
the article text, and the figure inside it by the ways German writes the gold value. The
gold speaker is used as written (speaker.text and .name: what one article says), never the
gold canonical name, so canonicalisation has work to do.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from newsledger.model import Article, Claim, Evidence, Extraction, Speaker, Value

_WORDS = {2: "zwei", 3: "drei", 1000: "tausend", 100: "hundert"}
_VAGUE = {(200, 999): ["Hunderte", "mehrere hundert"], (2000, 9999): ["Tausende", "mehrere tausend"],
          (24, 99): ["Dutzende"], (20000, 99999): ["Zehntausende"]}
_FRACTIONS = {33.33: "Drittel", 50: "Hälfte", 25: "Viertel", 20: "fünfte"}


DEMO = Path(__file__).resolve().parents[2] / "src" / "newsledger" / "demo"


def load_articles(shared: Path) -> dict[str, Article]:
    return read_articles(shared / "seeds" / "articles.jsonl")


def read_articles(path: Path) -> dict[str, Article]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["id"]] = Article(id=r["id"], text=r["text"], published=r.get("published"),
                                   title=r.get("title"), outlet=r.get("outlet"))
    return out


def load_gold(shared: Path) -> list[dict]:
    return read_gold(shared / "gold" / "seeds.claims.jsonl")


def read_gold(path: Path) -> list[dict]:
    lines = path.read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def gold_claims(shared: Path, *, with_counted: bool = False) -> tuple[list[Claim], dict[str, Article]]:
    articles = load_articles(shared)
    claims = [_claim(row, articles[row["doc"]], with_counted) for row in load_gold(shared)]
    return claims, articles


def demo_claims(*, with_counted: bool = False) -> tuple[list[Claim], dict[str, Article], list[dict]]:
    """The demo corpus's gold claims as records, its articles, and the gold rows."""
    articles = read_articles(DEMO / "articles.jsonl")
    gold = read_gold(DEMO / "gold.claims.jsonl")
    return [_claim(row, articles[row["doc"]], with_counted) for row in gold], articles, gold


def extractions(claims: list[Claim], articles: dict[str, Article]) -> list[Extraction]:
    by_article: dict[str, list[Claim]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    return [Extraction(article=a, claims=tuple(by_article.get(i, ()))) for i, a in articles.items()]


def _claim(row: dict, article: Article, with_counted: bool) -> Claim:
    speaker = None
    if row["speaker"]:
        speaker = Speaker(text=row["speaker"], start=0, end=0, name=row["speaker"])
    sentences = [row["sentence"], *row.get("mentions", [])]
    evidence = tuple(e for s in dict.fromkeys(sentences) if (e := _evidence(s, article, row)))
    return Claim(
        article=row["doc"], speaker=speaker,
        value=Value(row["value_low"], row["value_high"], row["qualifier"]),
        evidence=evidence, counted=row["counted"] if with_counted else None,
        polarity=row["polarity"], certainty=row["certainty"], when=row["when"],
        refers_to=row.get("refers_to"),
    )


def _evidence(sentence: str, article: Article, row: dict) -> Evidence | None:
    start = article.text.find(sentence)
    if start < 0:
        return None
    for form in _forms(row["value_low"], row["value_high"]):
        match = re.search(rf"(?<![\d.]){re.escape(form)}(?![\d])", sentence, re.IGNORECASE)
        if match:
            return Evidence(start + match.start(), start + match.end(), sentence, start)
    return Evidence(start, start + len(sentence), sentence, start)


def _forms(low: float, high: float) -> list[str]:
    """How a German or English text may write the gold value."""
    if (low, high) in _VAGUE:
        return _VAGUE[(low, high)]
    value = int(low)
    forms = [f"{value:,}".replace(",", "."), f"{value:,}", str(value), _WORDS.get(value, str(value))]
    if value >= 1_000_000:
        forms.append("Millionen")
    if low in _FRACTIONS:
        forms.append(_FRACTIONS[low])
    return forms
