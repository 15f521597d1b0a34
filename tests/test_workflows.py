"""workflows.ingest links incrementally: new articles are placed into the ledger's saved
linker state, and the links equal those of a full relink over the same articles.

The demo corpus (packaged, not ../shared) is ingested in two chronological halves and at
once; every case ends with the invariant "the stored links are what a relink gives"."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from ledger_helpers import ALPHA, BETA, handmade

from newsledger import workflows
from newsledger.config import load_config
from newsledger.model import Extraction
from newsledger.store import open_ledger

CONFIG = load_config()


def _chronological(lines: list[str]) -> list[str]:
    def key(line: str) -> tuple:
        published = json.loads(line)["published"]
        return (published is None, published or "")
    return sorted(lines, key=key)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    """first/second half and all of the demo articles; ledgers of the first half and of all."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = _chronological(workflows.demo_files()[0].read_text("utf-8").splitlines())
    half = len(lines) // 2
    files = {"first": lines[:half], "second": lines[half:], "all": lines}
    paths = {name: folder / f"{name}.jsonl" for name in files}
    for name, chosen in files.items():
        paths[name].write_text("\n".join(chosen) + "\n", "utf-8")
    for name in ("first", "all"):
        paths[f"{name}.db"] = folder / f"{name}.db"
        workflows.ingest([paths[name]], db=str(paths[f"{name}.db"]), config=CONFIG)
    return paths


@pytest.fixture
def relinks(monkeypatch) -> list[int]:
    """Counts full relinks (the real one runs)."""
    calls: list[int] = []
    relink = workflows.link_ledger

    def counting(*args, **kwargs):
        calls.append(1)
        return relink(*args, **kwargs)

    monkeypatch.setattr(workflows, "link_ledger", counting)
    return calls


def snapshot(db: Path | str) -> dict:
    with open_ledger(db) as ledger:
        return {
            "claim groups": {c.key: c.group for c in ledger.claims()},
            "stories": {(s.id, s.label, s.articles, tuple(sorted(s.duplicates.items())))
                        for s in ledger.stories()},
            "groups": set(ledger.groups()),
            "relations": {(r.group, r.first, r.second, r.status, r.reason)
                          for r in ledger.relations()},
            "aliases": ledger.aliases(),
        }


def assert_links_are_a_relink(db: Path) -> None:
    before = snapshot(db)
    with open_ledger(db) as ledger:
        workflows.link_ledger(ledger)
    assert snapshot(db) == before


def test_two_halves_link_as_one_ingest(corpus, tmp_path, relinks):
    db = tmp_path / "ledger.db"
    shutil.copy(corpus["first.db"], db)
    result = workflows.ingest([corpus["second"]], db=str(db), config=CONFIG)
    assert relinks == []  # placed into the saved state
    assert snapshot(db) == snapshot(corpus["all.db"])
    whole = workflows.ingest([corpus["all"]], db=str(tmp_path / "other.db"), config=CONFIG)
    for count in ("claims", "stories", "groups"):
        assert result.counts[count] == whole.counts[count]


def test_a_new_ledger_is_linked_batch_by_batch_as_a_relink_links_it(corpus, tmp_path, relinks):
    db, dated = tmp_path / "ledger.db", tmp_path / "dated.jsonl"
    lines = corpus["all"].read_text("utf-8").splitlines()
    # (an undated article after months of news relinks: it may join a closed story)
    dated.write_text("".join(line + "\n" for line in lines if json.loads(line)["published"]),
                     "utf-8")
    small_batches = load_config(ingest={"batch_size": 3})
    workflows.ingest([dated], db=str(db), config=small_batches)
    assert relinks == []  # each stored batch was placed into the state, none relinked
    batched = snapshot(db)
    assert all(batched["claim groups"].values())  # a claim of every batch found its group
    with open_ledger(db) as ledger:
        workflows.link_ledger(ledger)
    relinked = snapshot(db)
    # Stories and groups are the relink's; a speaker's canonical name is the one its first
    # batch gave (a relink clusters the whole run's names at once), so the claim keys that
    # carry the name may differ.
    assert batched["stories"] == relinked["stories"]
    assert batched["groups"] == relinked["groups"]


def _review_one(db: Path, corpus) -> list[Path]:
    with open_ledger(db) as ledger:
        ledger.review(ledger.claims()[0].key, "accepted", by="anna")
    return [corpus["second"]]


def _merge_two_entities(db: Path, corpus) -> list[Path]:
    with open_ledger(db) as ledger:
        first, second = sorted(ledger.entities())[:2]
        ledger.merge_entities(first, second, by="anna")
    return [corpus["second"]]


def _other_linker_version(db: Path, corpus) -> list[Path]:
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE link_state SET version = 'linkstate-0-old'")
    return [corpus["second"]]


def _changed_article(db: Path, corpus) -> list[Path]:
    line = json.loads(corpus["first"].read_text("utf-8").splitlines()[0])
    line["text"] += "\n\nKorrektur: Eine frühere Fassung nannte eine falsche Zahl."
    changed = db.parent / "changed.jsonl"
    changed.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    return [corpus["second"], changed]


def _older_article(db: Path, corpus) -> list[Path]:
    line = json.loads(corpus["first"].read_text("utf-8").splitlines()[0])
    line.update(id="late-copy", published="2024-01-02")
    older = db.parent / "older.jsonl"
    older.write_text(json.dumps(line, ensure_ascii=False) + "\n", "utf-8")
    return [older]


def _nothing(db: Path, corpus) -> list[Path]:
    return [corpus["first"]]  # all unchanged


@pytest.mark.parametrize("before_ingest, expected_relinks", [
    (_nothing, 0),  # nothing new: no linking at all
    (_review_one, 1),  # a review changes what the linker reads
    (_merge_two_entities, 1),  # an entity edit changes canonical names
    (_other_linker_version, 1),  # the state was built by another linker
    (_changed_article, 1),  # a new version supersedes claims (the state cannot remove)
    (_older_article, 1),  # older than the linked articles: a relink places it in order
])
def test_ingest_falls_back_to_a_relink_when_the_state_cannot_give_its_result(
        corpus, tmp_path, relinks, before_ingest, expected_relinks):
    db = tmp_path / "ledger.db"
    shutil.copy(corpus["first.db"], db)
    files = before_ingest(db, corpus)
    workflows.ingest(files, db=str(db), config=CONFIG)
    assert len(relinks) == expected_relinks
    assert_links_are_a_relink(db)


def test_after_a_relink_the_next_new_articles_are_incremental(corpus, tmp_path, relinks):
    db = tmp_path / "ledger.db"
    shutil.copy(corpus["first.db"], db)
    _review_one(db, corpus)
    with open_ledger(db) as ledger:
        workflows.link_ledger(ledger)
    relinks.clear()
    workflows.ingest([corpus["second"]], db=str(db), config=CONFIG)
    assert relinks == []
    assert_links_are_a_relink(db)


def test_reextract_relinks(corpus, tmp_path, relinks):
    db = tmp_path / "ledger.db"
    shutil.copy(corpus["first.db"], db)
    workflows.ingest([corpus["second"]], db=str(db), config=CONFIG, reextract=True)
    assert relinks == [1]
    assert_links_are_a_relink(db)


# --- stories that merge and syndicated copies (hand-made, without NLP extraction) ---------

FIRST = [
    handmade("a1", "2024-11-01", ALPHA, 1500, "Anna Alpha"),
    handmade("b1", "2024-11-02", BETA, 300, "Bernd Beta"),
    handmade("a2", "2024-11-03", ALPHA[:6], 3000, "Anna Alpha"),
    handmade("b2", "2024-11-04", BETA[:6], 300, "Bernd Beta"),
]
SECOND = [
    handmade("ab", "2024-11-05", ALPHA + BETA, 3000, "Anna Alpha"),  # bridges the two stories
    Extraction(FIRST[0].article.with_(id="a1-copy", published="2024-11-06"),  # agency copy
               claims=tuple(replace(c, article="a1-copy") for c in FIRST[0].claims)),
    handmade("b3", "2024-11-06", BETA, 500, "Bernd Beta"),
]


def test_merged_stories_and_copies_link_as_a_relink_does(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as ledger:
        ledger.write_batch(FIRST)
        workflows.link_ledger(ledger)
        stories_before = len(ledger.stories())
        written = ledger.write_batch(SECOND)
        new = [e for e in SECOND if e.article.id in written.new]
        assert workflows.link_new_articles(ledger, new)
        stories = ledger.stories()
    assert stories_before == 2 and len(stories) == 1  # the bridge merged them
    assert stories[0].duplicates["a1-copy"] == "a1"
    with open_ledger(tmp_path / "whole.db") as ledger:
        ledger.write_batch(FIRST + SECOND)
        workflows.link_ledger(ledger)
    assert snapshot(tmp_path / "ledger.db") == snapshot(tmp_path / "whole.db")


# --- a ledger spanning more than the story window: the saved state leaves closed stories out

GAMMA = [f"Gammawort{i}" for i in range(8)]
OLD = [  # closed by the time SPRING is placed (their latest article is > 2 windows older)
    handmade("g1", "2024-01-02", GAMMA, 700, "Gerd Gamma"),
    handmade("g2", "2024-01-05", GAMMA[:6], 900, "Gerd Gamma"),
    Extraction(FIRST[0].article.with_(id="a1-jan", published="2024-01-06"),
               claims=tuple(replace(c, article="a1-jan") for c in FIRST[0].claims)),
]
SPRING = [
    handmade("b0", "2024-06-01", BETA, 300, "Bernd Beta"),
    handmade("b00", "2024-06-03", BETA[:6], 400, "Bernd Beta"),
]
LATER = [  # each would match or copy a closed story's article if it were still open
    handmade("g3", "2024-06-10", GAMMA, 700, "Gerd Gamma"),
    Extraction(FIRST[0].article.with_(id="a1-jun", published="2024-06-11"),
               claims=tuple(replace(c, article="a1-jun") for c in FIRST[0].claims)),
    handmade("b01", "2024-06-12", BETA, 500, "Bernd Beta"),
]


def _index_rows(db: Path) -> tuple[set[str], set[str]]:
    """The stories and articles in the linker's look-up tables."""
    with sqlite3.connect(db) as conn:
        return ({row[0] for row in conn.execute("SELECT story_id FROM link_stories")},
                {row[0] for row in conn.execute("SELECT article_id FROM link_articles")})


def test_closed_stories_are_left_out_of_the_index_and_links_stay_a_relink(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as ledger:
        ledger.write_batch(OLD + SPRING)
        workflows.link_ledger(ledger)
        stories = {a: s.id for s in ledger.stories() for a in s.articles}
        assert _index_rows(tmp_path / "ledger.db") == (  # only what later articles can reach
            {stories["b0"]}, {"b0", "b00"})
        written = ledger.write_batch(LATER)
        new = [e for e in LATER if e.article.id in written.new]
        added = workflows.IngestResult()
        assert workflows.link_new_articles(ledger, new, added)
        stories = {a: s.id for s in ledger.stories() for a in s.articles}
    assert stories["g3"] != stories["g1"] and stories["b01"] == stories["b0"]
    with open_ledger(tmp_path / "whole.db") as ledger:
        ledger.write_batch(OLD + SPRING + LATER)
        whole = workflows.IngestResult()
        workflows.link_ledger(ledger, whole)
    assert snapshot(tmp_path / "ledger.db") == snapshot(tmp_path / "whole.db")
    for count in ("claims", "stories", "groups"):
        assert added.counts[count] == whole.counts[count]


@pytest.mark.parametrize("published", [None, "2024-05-30"])
def test_undated_or_older_articles_relink_once_closed_stories_are_left_out(tmp_path, published):
    with open_ledger(tmp_path / "ledger.db") as ledger:
        ledger.write_batch(OLD + SPRING)
        workflows.link_ledger(ledger)
        late = handmade("x1", "2024-06-20", GAMMA, 700, "Gerd Gamma")
        late = Extraction(late.article.with_(published=published), claims=late.claims)
        written = ledger.write_batch([late])
        assert list(written.new) == ["x1"]
        assert not workflows.link_new_articles(ledger, [late])


def test_a_relink_keeps_the_entity_lookup_keys(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as ledger:
        ledger.write_batch(FIRST)
        workflows.link_ledger(ledger)
        assert "Anna Alpha" in ledger.entities_with_keys({"ana"})  # 'Anna' folds to 'ana'


def test_an_unreadable_stored_story_state_falls_back_to_a_relink(corpus, tmp_path, relinks):
    db = tmp_path / "ledger.db"
    shutil.copy(corpus["first.db"], db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE link_stories SET state = x'00', groups = x'00'")
    workflows.ingest([corpus["second"]], db=str(db), config=CONFIG)
    assert relinks == [1]
    assert snapshot(db) == snapshot(corpus["all.db"])
