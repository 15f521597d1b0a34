"""Small hand-built records for the store tests (German-news-like, invented)."""

from __future__ import annotations

from newsledger.model import (
    Article,
    Claim,
    Evidence,
    Extraction,
    Mention,
    Quote,
    Source,
    Span,
    Speaker,
    TimeExpr,
    Value,
)

TEXT = (
    "Kiew. Der ukrainische Präsident Selenski sagte am Dienstag, rund 1500 Soldaten "
    "seien im Einsatz. Das Ministerium nannte 2000."
)


def article(id: str = "a1", text: str = TEXT, **fields) -> Article:
    defaults = {
        "published": "2024-11-05", "title": "Titel", "url": f"https://example.org/{id}",
        "outlet": "Beispielblatt", "language": "de", "author": "Eine Autorin",
        "origin": f"input.jsonl:{id}", "meta": {"section": "Ausland", "tags": ["krieg"]},
    }
    return Article(id=id, text=text, **{**defaults, **fields})


def speaker(text: str = "Selenski", name: str | None = "Wolodymyr Selenskyj") -> Speaker:
    start = TEXT.find(text)
    return Speaker(text=text, start=start, end=start + len(text), name=name, kind="PER")


def claim(article_id: str = "a1", low: float = 1500, *, who: Speaker | None = None,
          qualifier: str = "about", **fields) -> Claim:
    # Each figure stands at its own place, as in a real article (Claim.id names the
    # place): 1500 where TEXT has it, any other value at an offset derived from it.
    start = TEXT.find("1500") if low == 1500 else 1000 + int(low)
    defaults = {
        "source_chain": (Source(text="CNN", name="CNN"), Source(text="ein Kommandeur")),
        "cue": "sagte", "counted": "Soldaten", "polarity": "asserted", "certainty": "reported",
        "when": "2024-11-05", "refers_to": None, "confidence": 0.8, "extractor": "claims-1",
        "rule": "cue_verb",
    }
    return Claim(
        article=article_id,
        speaker=who if who is not None else speaker(),
        value=Value(low=low, high=low, qualifier=qualifier, unit="people"),
        evidence=(Evidence(start=start, end=start + 4, sentence=TEXT[6:97], sentence_start=6),
                  Evidence(start=start, end=start + 4, sentence="zweite Erwähnung")),
        **{**defaults, **fields},
    )


def quote(article_id: str = "a1") -> Quote:
    content = TEXT[60:97]
    return Quote(
        article=article_id,
        kind="indirect",
        speaker=speaker(),
        cue=Span(start=49, end=54, text="sagte"),
        content=Span(start=60, end=97, text=content),
        source_chain=(Source(text="CNN"),),
        confidence=0.9,
        rule="indirect_cue",
    )


def time(article_id: str = "a1") -> TimeExpr:
    return TimeExpr(article=article_id, start=58, end=66, text="Dienstag", type="DATE",
                    value="2024-11-05", rule="weekday")


def mention(article_id: str = "a1") -> Mention:
    return Mention(article=article_id, start=32, end=40, text="Selenski", kind="PER",
                   name="Wolodymyr Selenskyj")


def extraction(id: str = "a1", text: str = TEXT, claims: tuple[Claim, ...] | None = None,
               **fields) -> Extraction:
    return Extraction(
        article=article(id, text, **fields),
        quotes=(quote(id),),
        claims=claims if claims is not None else (claim(id),),
        times=(time(id),),
        mentions=(mention(id),),
    )


# --- ledgers to test on ---------------------------------------------------------------------
# SQLite always; PostgreSQL too when NEWSLEDGER_TEST_POSTGRES names an empty-able database,
# e.g. postgresql://postgres@/ledger_test?host=/tmp/pg&port=5432 (its tables are dropped).

BACKENDS = ["sqlite", "postgresql"]


def fresh_target(backend: str, tmp_path) -> str:
    from ledger_helpers import empty_postgres

    if backend == "sqlite":
        return str(tmp_path / "ledger.db")
    return empty_postgres()
