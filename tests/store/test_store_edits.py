"""User decisions: reviews by claim key and entity edits survive re-ingest and re-extraction."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from store_records import BACKENDS, TEXT, claim, extraction, fresh_target, speaker

from newsledger.errors import StoreError
from newsledger.store import (
    claim_key,
    key_text,
    open_ledger,
)

CHANGED = TEXT + " Nachtrag: weitere Angaben folgen."  # new version, same claims


@pytest.fixture(params=BACKENDS)
def ledger(request, tmp_path):
    with open_ledger(fresh_target(request.param, tmp_path)) as opened:
        opened.write_batch([extraction("a1"), extraction("a2", claims=(claim("a2", 900),))])
        yield opened


def lows(claims):
    return [c.value.low for c in claims]


@pytest.mark.parametrize("key", [
    claim("a1").key,
    ("a1", "Wolodymyr Selenskyj", 1500, 1500, "about"),  # ints give the same key
    key_text(claim("a1").key),
])
def test_a_rejected_claim_is_hidden_unless_asked_for(ledger, key):
    review = ledger.review(key, "rejected", by="anna")
    assert review.claim_key == claim("a1").key and review.by == "anna"
    assert lows(ledger.claims()) == [900]
    assert lows(ledger.claims(include_rejected=True)) == [1500, 900]
    assert ledger.review_status(claim("a1")) == "rejected"
    assert ledger.review_status(claim("a2", 900)) is None


def test_a_corrected_claim_comes_back_corrected(ledger):
    corrections = {"value_low": 1400, "value_high": 1600, "qualifier": "range",
                   "speaker_name": "Selenskyj", "polarity": "denied", "when": "2024-11-04"}
    ledger.review(claim("a1").key, "corrected", by="ben", corrections=corrections)
    fixed = ledger.claims(article="a1")[0]
    assert (fixed.value.low, fixed.value.high, fixed.value.qualifier) == (1400.0, 1600.0, "range")
    assert fixed.speaker.name == "Selenskyj" and fixed.speaker.text == "Selenski"
    assert (fixed.polarity, fixed.when) == ("denied", "2024-11-04")
    assert ledger.reviews()[0].corrections == corrections


def test_reviewed_claims_pair_each_claim_with_its_review(ledger):
    ledger.review(claim("a1").key, "rejected", by="anna")
    ledger.review(claim("a2", 900).key, "corrected", by="ben", corrections={"value_low": 800})
    pairs = ledger.reviewed_claims()
    assert [(c.value.low, r.status, r.by) for c, r in pairs] == [
        (1500, "rejected", "anna"), (800, "corrected", "ben")]
    assert ledger.reviewed_claims(article="a1")[0][0] == claim("a1")


def test_a_correction_can_remove_the_speaker(ledger):
    ledger.review(claim("a1").key, "corrected", by="ben", corrections={"speaker": None})
    assert ledger.claims(article="a1")[0].speaker is None


def test_a_review_can_name_the_claim_by_its_short_id(ledger):
    ledger.review(claim("a1").id, "rejected", by="anna")
    assert lows(ledger.claims()) == [900]
    assert ledger.reviews()[0].claim_key == claim("a1").key


def test_a_short_id_shown_with_canonical_names_works_too(ledger):
    raw = speaker("Selenski", name="Selenski")
    ledger.write_batch([extraction("a3", claims=(claim("a3", 5, who=raw),))])
    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj"})
    shown = ledger.claims(article="a3")[0]
    ledger.review(shown.id, "rejected", by="anna")
    assert ledger.claims(article="a3") == []
    assert ledger.reviews()[0].claim_key == claim("a3", 5, who=raw).key  # the stored key


def test_an_unknown_short_id_is_refused(ledger):
    with pytest.raises(StoreError, match="no claim has the id 'abcdef012345'"):
        ledger.review("abcdef012345", "accepted", by="anna")


def test_the_latest_review_wins_and_history_is_kept(ledger):
    ledger.review(claim("a1").key, "rejected", by="anna")
    ledger.review(claim("a1").key, "accepted", by="ben")
    assert lows(ledger.claims()) == [1500, 900]
    assert [(r.status, r.by) for r in ledger.reviews()] == [("rejected", "anna"), ("accepted", "ben")]


@pytest.mark.parametrize("status, corrections, message", [
    ("approved", None, "must be one of"),
    ("corrected", None, "needs corrections"),
    ("accepted", {"value_low": 1}, "only a 'corrected' review"),
    ("corrected", {"article": "x"}, "cannot correct field 'article'"),
])
def test_invalid_reviews_are_refused(ledger, status, corrections, message):
    with pytest.raises(StoreError, match=message):
        ledger.review(claim("a1").key, status, by="anna", corrections=corrections)
    assert ledger.reviews() == []


def test_reviews_survive_a_new_article_version(ledger):
    ledger.review(claim("a1").key, "rejected", by="anna")
    ledger.review(claim("a2", 900).key, "corrected", by="anna", corrections={"unit": "EUR"})
    ledger.write_batch([extraction("a1", CHANGED), extraction("a2", CHANGED,
                                                              claims=(claim("a2", 900),))])
    assert [a.text for a in ledger.articles()] == [CHANGED, CHANGED]
    assert [(c.value.low, c.value.unit) for c in ledger.claims()] == [(900, "EUR")]


def test_reviews_survive_replace_extraction(ledger):
    ledger.review(claim("a1").key, "rejected", by="anna")
    ledger.replace_extraction(extraction("a1", claims=(claim("a1"), claim("a1", 42))))
    assert sorted(lows(ledger.claims(article="a1"))) == [42]


def test_reviews_show_in_claims_view(ledger):
    ledger.review(claim("a1").key, "accepted", by="anna")
    engine = create_engine(ledger.url)
    with engine.connect() as db:
        rows = db.execute(text("SELECT article_id, review FROM claims_view ORDER BY 1")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("a1", "accepted"), ("a2", None)]


# --- entities -----------------------------------------------------------------------------

AUTOMATIC = {"Selenski": "Wolodymyr Selenskyj", "Selenskyj": "Wolodymyr Selenskyj",
             "Kim": "Kim Jong-un", "Kim Jong Un": "Kim Jong-un"}


def test_entities_round_trip(ledger):
    ledger.save_entities(AUTOMATIC)
    assert ledger.entities() == {"Kim Jong-un": ["Kim", "Kim Jong Un"],
                                 "Wolodymyr Selenskyj": ["Selenski", "Selenskyj"]}
    assert ledger.aliases()["Kim Jong-un"] == "Kim Jong-un"
    ledger.save_entities({"Kim": "Kim Jong-un"})  # replaces, not adds
    assert ledger.entities() == {"Kim Jong-un": ["Kim"]}


def test_merge_and_split_are_recorded_for_the_linker_and_survive_re_ingest(ledger):
    ledger.save_entities({**AUTOMATIC, "Selenskij": "Selenskij"})
    merge = ledger.merge_entities("Wolodymyr Selenskyj", "Selenskij", by="anna")
    split = ledger.split_entity("Kim Jong-un", "Kim", by="ben")
    assert ledger.entity_edits() == [merge, split]
    assert (merge.action, merge.name, merge.other, merge.by) == (
        "merge", "Wolodymyr Selenskyj", "Selenskij", "anna")
    # the aliases change when the linker (which replays the edits) saves its mapping
    assert ledger.entities()["Selenskij"] == []
    ledger.write_batch([extraction("a1", CHANGED)])
    ledger.replace_extraction(extraction("a2", claims=(claim("a2", 900),)))
    assert ledger.entity_edits() == [merge, split]  # re-ingest and re-extraction keep them


@pytest.mark.parametrize("name, alias, message", [
    ("Kim Jong-un", "Selenski", "belongs to 'Wolodymyr Selenskyj'"),
    ("Kim Jong-un", "Nobody", "not a known alias"),
])
def test_splitting_a_wrong_alias_is_refused(ledger, name, alias, message):
    ledger.save_entities(AUTOMATIC)
    with pytest.raises(StoreError, match=message):
        ledger.split_entity(name, alias, by="anna")
    assert ledger.entity_edits() == []


def test_merging_an_entity_into_itself_is_refused(ledger):
    with pytest.raises(StoreError, match="into itself"):
        ledger.merge_entities("Kim", "Kim", by="anna")


def test_speaker_filter_and_names_follow_the_saved_entities(ledger):
    ledger.save_entities({"Wolodymyr Selenskyj": "Wolodymyr Selenskyj"})
    assert lows(ledger.claims(speaker="Selenskij")) == []
    ledger.save_entities({"Wolodymyr Selenskyj": "Wolodymyr Selenskyj",
                          "Selenskij": "Wolodymyr Selenskyj"})
    assert lows(ledger.claims(speaker="selenskij")) == [1500, 900]


def test_claims_show_canonical_names_but_keep_reviews_by_stored_key(ledger):
    raw = speaker("Selenski", name="Selenski")
    ledger.write_batch([extraction("a3", claims=(claim("a3", 5, who=raw),))])
    ledger.review(claim("a3", 5, who=raw).key, "rejected", by="anna")
    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj"})
    assert lows(ledger.claims(article="a3")) == []
    shown = ledger.claims(article="a3", include_rejected=True)[0]
    assert shown.speaker.name == "Wolodymyr Selenskyj"
    ledger.review(shown.key, "accepted", by="ben")  # reviewing what the report shows works too
    assert lows(ledger.claims(article="a3")) == [5]


def test_claim_key_text_is_stable():
    assert claim_key(claim("a1")) == '["a1", "Wolodymyr Selenskyj", 1500.0, 1500.0, "about"]'
