"""The demo corpus and its gold are well-formed (extraction accuracy is gated elsewhere)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from newsledger.evaluate import load_jsonl, score_claims, score_groups

DEMO = Path(str(resources.files("newsledger").joinpath("demo")))
ARTICLE_FIELDS = {"id", "published", "title", "url", "outlet", "language", "text"}
GOLD_FIELDS = {
    "doc", "sentence", "speaker", "speaker_canonical", "source_chain", "value_low", "value_high",
    "qualifier", "counted", "slot", "polarity", "certainty", "when", "refers_to", "note",
}
QUALIFIERS = {"exact", "about", "at_least", "more_than", "up_to", "less_than", "range"}
CERTAINTIES = {"confirmed", "reported", "alleged", "estimated", "expected"}
DATE_FORMS = ("%Y-%m-%d", "%Y-%m", "%Y")
BOILERPLATE = ("Anzeige", "» Lesen Sie auch:", "Im Video:")


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return load_jsonl(DEMO / "articles.jsonl")


@pytest.fixture(scope="module")
def corrections() -> list[dict]:
    return load_jsonl(DEMO / "corrections.jsonl")


@pytest.fixture(scope="module")
def gold() -> list[dict]:
    return load_jsonl(DEMO / "gold.claims.jsonl")


@pytest.fixture(scope="module")
def correction_gold() -> list[dict]:
    return load_jsonl(DEMO / "gold.corrections.claims.jsonl")


def is_date(value: str | None) -> bool:
    if value is None:
        return True
    for form in DATE_FORMS:
        try:
            dt.datetime.strptime(value, form)
        except ValueError:
            continue
        return len(value) == {"%Y-%m-%d": 10, "%Y-%m": 7, "%Y": 4}[form]
    return False


# --- articles --------------------------------------------------------------------------


def test_articles_have_the_interchange_fields(articles, corrections):
    for article in articles + corrections:
        assert set(article) == ARTICLE_FIELDS, article["id"]
        assert article["text"].strip() and article["title"] and article["outlet"]
        assert re.fullmatch(r"https://[a-z0-9.-]+\.example\.org/\S+", article["url"])
        assert is_date(article["published"]), article["published"]


def test_ids_are_unique_and_corrections_reuse_one(articles, corrections):
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids))
    by_id = {a["id"]: a for a in articles}
    for corrected in corrections:
        assert corrected["id"] in by_id
        assert corrected["text"] != by_id[corrected["id"]]["text"]


def test_corpus_size_and_languages(articles):
    languages = Counter(a["language"] for a in articles)
    stories = Counter(a["id"].split("-")[0] for a in articles if a["language"] == "de")
    assert stories["nk"] >= 8
    assert stories["demo"] >= 3
    assert languages["en"] >= 2


def test_publication_dates_mix_precisions(articles):
    precision = {10: "day", 7: "month", 4: "year"}
    forms = Counter(
        "null" if a["published"] is None else precision[len(a["published"])] for a in articles
    )
    assert forms["day"] and forms["month"] and forms["null"]


def test_paragraphs_and_boilerplate(articles):
    german = [a["text"] for a in articles if a["language"] == "de"]
    assert all("\n\n" in text for text in german)
    for marker in BOILERPLATE:
        assert any(marker in text for text in german), marker


def shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def resemblance(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def test_there_is_a_near_duplicate_on_another_outlet(articles):
    pairs = [
        (a, b) for i, a in enumerate(articles) for b in articles[i + 1:]
        if a["outlet"] != b["outlet"] and resemblance(a["text"], b["text"]) > 0.6
    ]
    assert len(pairs) == 1
    a, b = pairs[0]
    assert a["text"] != b["text"]


# --- gold ------------------------------------------------------------------------------


def test_gold_records_are_complete(gold, correction_gold):
    for record in gold + correction_gold:
        assert GOLD_FIELDS <= set(record), record["sentence"]
        assert record["qualifier"] in QUALIFIERS
        assert record["certainty"] in CERTAINTIES
        assert record["polarity"] in {"asserted", "denied"}
        assert record["slot"]
        assert record["value_low"] <= record["value_high"]
        assert is_date(record["when"]) and is_date(record["refers_to"])
        assert (record["speaker"] is None) == (record["speaker_canonical"] is None)


def test_point_figures_have_equal_bounds(gold):
    for record in gold:
        if record["value_low"] != record["value_high"]:
            assert record["qualifier"] in {"about", "range"}, record["sentence"]


def test_gold_sentences_occur_in_their_article(articles, corrections, gold, correction_gold):
    texts = {a["id"]: a["text"] for a in articles}
    corrected = {a["id"]: a["text"] for a in corrections}
    for record in gold:
        for sentence in [record["sentence"], *record.get("mentions", [])]:
            assert sentence in texts[record["doc"]], sentence
    for record in correction_gold:
        assert record["sentence"] in corrected[record["doc"]], record["sentence"]


def test_every_article_has_gold_claims(articles, gold):
    assert {a["id"] for a in articles} == {g["doc"] for g in gold}


def test_one_claim_per_article_speaker_figure_and_qualifier(gold):
    keys = Counter(
        (g["doc"], g["speaker_canonical"], g["value_low"], g["value_high"], g["qualifier"])
        for g in gold
    )
    assert [k for k, n in keys.items() if n > 1] == []


def test_gold_covers_the_guideline_cases(gold):
    assert any(g["polarity"] == "denied" for g in gold)
    assert any(g["speaker"] is None for g in gold)
    assert any(len(g["source_chain"]) >= 2 for g in gold)
    assert any(g["when"] is None for g in gold)
    assert {g["certainty"] for g in gold} == CERTAINTIES


def test_recurring_speakers_have_one_canonical_name(gold):
    canonical_by_speaker: dict[str, set[str]] = {}
    for g in gold:
        if g["speaker"]:
            canonical_by_speaker.setdefault(g["speaker"].lower(), set()).add(g["speaker_canonical"])
    assert {s: c for s, c in canonical_by_speaker.items() if len(c) > 1} == {}


def test_gold_scores_itself_perfectly(gold):
    assert score_claims(gold, gold)["claims"]["f1"] == 1.0
    assert score_groups(gold, gold)["f1"] == 1.0
