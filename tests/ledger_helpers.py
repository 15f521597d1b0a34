"""Helpers the store, link and web tests share: hand-made extractions (no NLP) and an
emptied PostgreSQL database. Importable from every test folder (pytest puts tests/ on the
path for its conftest.py)."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

from newsledger.model import Article, Claim, Evidence, Extraction, Speaker, Value


# Two topics whose articles share no word: the stories they make never meet by chance.
ALPHA = [f"Alphawort{i}" for i in range(8)]
BETA = [f"Betawort{i}" for i in range(8)]


def handmade(article_id: str, published: str, topic: list[str], figure: int, who: str, *,
             tail: str = "", **article_fields) -> Extraction:
    """An article on ``topic`` (its words repeated around one sentence) with one claim of
    ``figure`` by ``who``, offsets exact; ``tail`` ends the sentence."""
    sentence = f"Nach Angaben von {who} wurden {figure} Soldaten gezählt{tail}."
    body = " ".join(f"{w} meldet {w}." for w in topic)
    text_ = f"{body} {sentence} {body}"
    start = text_.index(sentence)
    at = start + sentence.index(str(figure))
    speaker_at = start + sentence.index(who)
    claim = Claim(article=article_id, speaker=Speaker(who, speaker_at, speaker_at + len(who), who),
                  value=Value(figure, figure), counted="Soldaten", when=published,
                  evidence=(Evidence(at, at + len(str(figure)), sentence, start),))
    article = Article(id=article_id, text=text_, published=published,
                      **{"outlet": "Blatt", **article_fields})
    return Extraction(article, claims=(claim,))


def empty_postgres() -> str:
    """The database NEWSLEDGER_TEST_POSTGRES names, its tables dropped; skips the test
    when the variable is not set."""
    url = os.environ.get("NEWSLEDGER_TEST_POSTGRES")
    if not url:
        pytest.skip("set NEWSLEDGER_TEST_POSTGRES to a database URL to test on PostgreSQL")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url
