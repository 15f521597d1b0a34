"""Writing and reading the ledger: round-trips, versions, atomic batches, re-extraction."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from store_records import (
    BACKENDS,
    TEXT,
    article,
    claim,
    extraction,
    fresh_target,
    mention,
    quote,
    speaker,
    time,
)

from newsledger.errors import StoreError
from newsledger.model import Failure, Group, Relation, Span, Story, Value
from newsledger.store import BatchResult, open_ledger

CHANGED = TEXT.replace("1500", "1800")


@pytest.fixture(params=BACKENDS)
def ledger(request, tmp_path):
    with open_ledger(fresh_target(request.param, tmp_path)) as opened:
        yield opened


def test_every_record_type_round_trips(ledger):
    stored = extraction("a1")
    failure = Failure(origin="input.jsonl:7", stage="read", error="not JSON: line 7")
    ledger.write_batch([stored], [failure])
    assert list(ledger.articles()) == [stored.article]
    assert ledger.claims() == [claim("a1")]
    assert ledger.quotes() == [quote("a1")] == ledger.quotes("a1")
    assert ledger.times() == [time("a1")]
    assert ledger.mentions("a1") == [mention("a1")]
    assert ledger.failures() == [failure]


def test_records_without_optional_parts_round_trip(ledger):
    bare_claim = replace(claim("a1"), speaker=None, source_chain=(), cue=None, when=None,
                         counted=None, extractor="", rule=None)
    bare_quote = replace(quote("a1"), speaker=None, cue=None, source_chain=(), rule=None)
    bare = article("a1", published=None, title=None, url=None, outlet=None, language=None,
                   author=None, origin=None, meta={})
    ledger.write_batch([replace(extraction("a1"), article=bare, claims=(bare_claim,),
                                quotes=(bare_quote,))])
    assert list(ledger.articles()) == [bare]
    assert ledger.claims() == [bare_claim]
    assert ledger.quotes() == [bare_quote]


def test_unnamed_speaker_keeps_its_flag(ledger):
    unnamed = replace(speaker("Kiew", name=None), named=False, kind=None)
    ledger.write_batch([extraction(claims=(claim(who=unnamed),))])
    assert ledger.claims()[0].speaker == unnamed


@pytest.mark.parametrize("text, expected", [
    (TEXT, "unchanged"),
    (CHANGED, "changed"),
])
def test_article_state(ledger, text, expected):
    assert ledger.article_state(article("a1")) == "new"
    ledger.write_batch([extraction("a1")])
    assert ledger.article_state(article("a1", text)) == expected
    assert ledger.article_state(article("other", text)) == "new"


def test_reingesting_unchanged_articles_is_a_no_op(ledger):
    first = ledger.write_batch([extraction("a1"), extraction("a2")])
    counts = ledger.info()["counts"]
    again = ledger.write_batch([extraction("a1"), extraction("a2")])
    assert first == BatchResult(new=("a1", "a2"))
    assert again == BatchResult(unchanged=("a1", "a2"))
    assert again.stored == 0
    assert ledger.info()["counts"] == counts


def test_changed_text_makes_a_new_version_and_supersedes_old_records(ledger):
    ledger.write_batch([extraction("a1")])
    new_claim = claim("a1", 1800)
    result = ledger.write_batch([extraction("a1", CHANGED, claims=(new_claim,))])
    assert result == BatchResult(changed=("a1",))
    assert [a.text for a in ledger.articles()] == [CHANGED]
    assert [a.text for a in ledger.articles(current=False)] == [TEXT, CHANGED]
    assert [v["version"] for v in ledger.article_versions("a1")] == [1, 2]
    assert ledger.claims() == [new_claim]
    assert ledger.claims(include_superseded=True) == [claim("a1"), new_claim]
    assert len(ledger.quotes()) == 1 and len(ledger.quotes(include_superseded=True)) == 2
    assert len(ledger.times()) == 1 and len(ledger.mentions()) == 1


def test_a_batch_with_the_same_article_twice_stores_it_once(ledger):
    result = ledger.write_batch([extraction("a1"), extraction("a1")])
    assert result == BatchResult(new=("a1",), unchanged=("a1",))
    assert len(ledger.claims()) == 1


def failing_extraction(id: str):
    """A record the database cannot store: article metadata that is not JSON."""
    return extraction(id, meta={"parsed": object()})


def test_an_interrupted_batch_leaves_nothing_and_a_rerun_completes_it(ledger):
    ledger.write_batch([extraction("a1")], [Failure("x.jsonl:1", "read", "bad")])
    before = ledger.info()["counts"]
    batch = [extraction("a2"), failing_extraction("a3"), extraction("a4")]
    with pytest.raises(StoreError, match="input.jsonl:a3.*cannot be stored as JSON"):
        ledger.write_batch(batch, [Failure("x.jsonl:2", "read", "bad")])
    assert ledger.info()["counts"] == before
    assert [a.id for a in ledger.articles()] == ["a1"]
    assert ledger.claims() == [claim("a1")]

    rerun = ledger.write_batch([extraction("a1"), extraction("a2"), extraction("a3"),
                                extraction("a4")])
    assert rerun == BatchResult(new=("a2", "a3", "a4"), unchanged=("a1",))
    assert [a.id for a in ledger.articles()] == ["a1", "a2", "a3", "a4"]


def broken_quote(id: str):
    """A record the database refuses (NOT NULL): fails inside SQL, mid-batch."""
    return replace(extraction(id), quotes=(replace(quote(id), content=Span(1, 2, None)),))


def broken_value(id: str):
    """A record that fails while being converted, mid-batch."""
    return replace(extraction(id), claims=(replace(claim(id), value=Value("viele", 1)),))


@pytest.mark.parametrize("broken, error", [
    (broken_quote, StoreError),
    (broken_value, ValueError),
])
def test_a_batch_failing_inside_leaves_nothing(ledger, broken, error):
    ledger.write_batch([extraction("a1")])
    before = ledger.info()["counts"]
    with pytest.raises(error):
        ledger.write_batch([extraction("a2"), extraction("a3", CHANGED), broken("a4")])
    assert ledger.info()["counts"] == before
    assert ledger.write_batch([extraction("a2"), extraction("a4")]) == BatchResult(new=("a2", "a4"))


def test_an_interrupted_new_version_keeps_the_old_one_current(ledger):
    ledger.write_batch([extraction("a1")])
    with pytest.raises(StoreError):
        ledger.write_batch([extraction("a1", CHANGED), failing_extraction("a2")])
    assert [a.text for a in ledger.articles(current=False)] == [TEXT]
    assert ledger.claims() == [claim("a1")]


def test_records_of_another_article_are_refused(ledger):
    wrong = replace(extraction("a1"), claims=(claim("elsewhere"),))
    with pytest.raises(StoreError, match="records must carry their own article's id"):
        ledger.write_batch([extraction("a0"), wrong])
    assert list(ledger.articles()) == []


def test_replace_extraction_supersedes_the_current_results(ledger):
    ledger.write_batch([extraction("a1")])
    rerun = extraction("a1", claims=(claim("a1"), claim("a1", 2000, who=speaker("Das Ministerium",
                                                                                  name=None))))
    assert ledger.replace_extraction(rerun) == "replaced"
    assert [c.value.low for c in ledger.claims()] == [1500, 2000]
    assert len(ledger.claims(include_superseded=True)) == 3
    assert [v["version"] for v in ledger.article_versions("a1")] == [1]


@pytest.mark.parametrize("text, expected", [(CHANGED, "changed")])
def test_replace_extraction_of_new_or_changed_text_writes_it(ledger, text, expected):
    assert ledger.replace_extraction(extraction("a9")) == "new"
    ledger.write_batch([extraction("a1")])
    assert ledger.replace_extraction(extraction("a1", text)) == expected


def test_replace_extraction_keeps_story_groups_by_key(ledger):
    ledger.write_batch([extraction("a1")])
    ledger.save_links([Story("s1", "Soldaten", ("a1",))], [Group("g1", "s1", "Soldaten")],
                      {claim("a1").key: "g1"}, [])
    ledger.replace_extraction(extraction("a1", claims=(claim("a1"), claim("a1", 7))))
    assert {c.value.low: c.group for c in ledger.claims()} == {1500: "g1", 7: None}


@pytest.mark.parametrize("filters, expected", [
    ({}, ["a1", "a2", "a3", "a4"]),
    ({"speaker": "selenski"}, ["a1", "a2"]),  # as written, any case
    ({"speaker": "WOLODYMYR SELENSKYJ"}, ["a1", "a2"]),  # canonical name
    ({"speaker": "Selenskyj"}, []),  # not a full name nor alias
    ({"speaker": "das ministerium"}, ["a3", "a4"]),
    ({"since": "2024-11-06"}, ["a2", "a3", "a4"]),  # when, else published
    ({"since": "2024-12"}, []),
    ({"since": "2024-11-09"}, ["a4"]),  # a coarser date containing it
    ({"since": "2024"}, ["a1", "a2", "a3", "a4"]),
    ({"group": "g1"}, ["a2"]),
    ({"story": "s1"}, ["a1", "a2"]),
    ({"story": "nope"}, []),
    ({"article": "a3"}, ["a3"]),
])
def test_claim_filters(ledger, filters, expected):
    ministry = speaker("Das Ministerium", name=None)
    ledger.write_batch([
        extraction("a1"),
        extraction("a2", claims=(claim("a2", when="2024-11-07"),)),
        extraction("a3", claims=(claim("a3", 2000, who=ministry, when=None),),
                   published="2024-11-06"),
        extraction("a4", claims=(claim("a4", 3, who=ministry, when="2024-11"),),
                   published="2024-11-30"),
    ])
    ledger.save_links([Story("s1", "Soldaten", ("a1", "a2"))], [Group("g1", "s1", "Soldaten")],
                      {claim("a2", when="2024-11-07").key: "g1"}, [])
    assert [c.article for c in ledger.claims(**filters)] == expected


@pytest.mark.parametrize("since", ["gestern", "2024-1-5", "05.11.2024"])
def test_a_malformed_since_is_refused(ledger, since):
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        ledger.claims(since=since)


def test_undated_articles_come_last(ledger):
    ledger.write_batch([extraction("a1", published=None, claims=(claim("a1", when=None),)),
                        extraction("a2")])
    assert [c.article for c in ledger.claims()] == ["a2", "a1"]


def test_links_round_trip_and_replace_the_previous_ones(ledger):
    ledger.write_batch([extraction("a1"), extraction("a2")])
    story = Story("s1", "Nordkoreanische Soldaten", ("a2", "a1"), duplicates={"a2": "a1"})
    group = Group("g1", "s1", "Soldaten in Kursk", kind="stock")
    relation = Relation("g1", claim("a1").key, claim("a2").key, "consistent", "same figure")
    ledger.save_links([story], [group], {claim("a1").key: "g1", claim("a2").key: "g1"},
                      [relation])
    assert ledger.stories() == [story]
    assert ledger.groups() == [group] == ledger.groups(story="s1")
    assert ledger.groups(story="s2") == []
    assert ledger.relations() == [relation] == ledger.relations(group="g1")
    assert [c.group for c in ledger.claims()] == ["g1", "g1"]

    ledger.save_links([], [], {}, [])
    assert (ledger.stories(), ledger.groups(), ledger.relations()) == ([], [], [])
    assert [c.group for c in ledger.claims()] == [None, None]


def test_claim_groups_match_keys_with_canonical_speaker_names(ledger):
    raw = speaker("Selenski", name="Selenski")
    ledger.write_batch([extraction("a1", claims=(claim(who=raw),))])
    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj"})
    shown = ledger.claims()[0]
    assert shown.speaker.name == "Wolodymyr Selenskyj"
    ledger.save_links([], [Group("g1", "s1", "x")], {shown.key: "g1"}, [])
    assert ledger.claims()[0].group == "g1"


def test_claim_groups_match_keys_of_corrected_claims(ledger):
    ledger.write_batch([extraction("a1")])
    ledger.review(claim("a1").key, "corrected", by="anna", corrections={"value_low": 1400,
                                                                         "qualifier": "range"})
    shown = ledger.claims()[0]
    ledger.save_links([], [Group("g1", "s1", "x")], {shown.key: "g1"}, [])
    assert ledger.claims()[0].group == "g1"


def test_info_counts_rows(ledger, tmp_path):
    ledger.write_batch([extraction("a1"), extraction("a2")], [Failure("f", "read", "e")])
    info = ledger.info()
    assert info["counts"]["articles"] == 2 and info["counts"]["evidence"] == 4
    assert info["counts"]["failures"] == 1
    assert info["current_articles"] == 2
    assert info["url"] == ledger.url


def test_a_read_only_ledger_refuses_writes_naming_the_file(tmp_path):
    path = tmp_path / "ledger.db"
    open_ledger(path).close()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    with open_ledger(read_only) as ledger, pytest.raises(StoreError, match="readonly") as error:
        ledger.write_batch([extraction("a1")])
    assert str(path) in str(error.value)
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
