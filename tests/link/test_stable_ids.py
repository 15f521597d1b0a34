"""Ids that can be shared: a claim's id names its article and figure offsets (never its
speaker), reviews follow it, and story and figure-group ids survive unrelated articles,
re-extraction, growth and merges (the merged-away id redirects).

Hand-made extractions (no NLP) on real SQLite ledgers; the properties are checked over
several seeded variations."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from ledger_helpers import ALPHA, BETA, handmade

from newsledger import workflows
from newsledger.model import Evidence, Extraction, Speaker, Value
from newsledger.store import open_ledger

SEEDS = range(6)


BASE = [
    handmade("a1", "2024-11-01", ALPHA, 1500, "Anna Alpha"),
    handmade("b1", "2024-11-02", BETA, 300, "Bernd Beta"),
    handmade("a2", "2024-11-03", ALPHA[:6], 3000, "Anna Alpha"),
    handmade("b2", "2024-11-04", BETA[:6], 300, "Bernd Beta"),
]


def _unrelated(rng: random.Random, n: int) -> list[Extraction]:
    """Articles on topics of their own, some older than every article of BASE (which
    makes the next ingest relink the whole ledger), some newer."""
    out = []
    for i in range(n):
        topic = [f"Fremd{i}wort{j}" for j in range(8)]
        day = rng.choice(["2024-10-0", "2024-11-2"]) + str(rng.randint(1, 9))
        out.append(handmade(f"u{i}", day, topic, rng.randint(10, 99) * 7, f"Udo Unbekannt{i}"))
    return out


def _linked(db: Path, extractions: list[Extraction]) -> None:
    with open_ledger(db) as ledger:
        ledger.write_batch(extractions)
        workflows.link_ledger(ledger)


def _ids(db: Path) -> tuple[dict[str, set[str]], dict[str, str]]:
    """(story id -> its articles, claim id -> its group id)."""
    with open_ledger(db) as ledger:
        stories = {s.id: set(s.articles) for s in ledger.stories()}
        groups = {c.id: c.group for c in ledger.claims()}
    return stories, groups


# --- claim ids --------------------------------------------------------------------------

def test_a_claim_id_names_its_article_and_first_figure_not_its_speaker():
    claim = BASE[0].claims[0]
    renamed = replace(claim, speaker=Speaker("er", 0, 2, "Jemand Anders"),
                      value=Value(1400, 1600, "range"), polarity="denied")
    extra = Evidence(claim.evidence[0].start + 40, claim.evidence[0].end + 40, "später")
    assert renamed.id == claim.id
    assert replace(claim, evidence=(extra, *claim.evidence)).id == claim.id  # first in text
    assert replace(claim, article="a9").id != claim.id
    assert replace(claim, evidence=(extra,)).id != claim.id


@pytest.mark.parametrize("seed", SEEDS)
def test_a_review_follows_its_claim_through_reattribution_and_reextraction(tmp_path, seed):
    rng = random.Random(seed)
    extraction = BASE[0]
    claim = extraction.claims[0]
    with open_ledger(tmp_path / "ledger.db") as ledger:
        ledger.write_batch([extraction])
        ledger.review(claim.id, "corrected", by="anna", corrections={"value_low": 1600})
        who = rng.choice(["Bert Anders", "der Sprecher", "Moskau"])
        reattributed = replace(claim, speaker=Speaker(who, 0, len(who), who),
                               confidence=rng.random())
        ledger.replace_extraction(replace(extraction, claims=(reattributed,)))
        [(shown, review)] = ledger.reviewed_claims()
    assert shown.id == claim.id and shown.speaker.name == who
    assert review.status == "corrected" and shown.value.low == 1600


def test_a_review_by_id_is_recorded_with_the_id(tmp_path):
    with open_ledger(tmp_path / "ledger.db") as ledger:
        ledger.write_batch(BASE[:1])
        review = ledger.review(BASE[0].claims[0].id, "accepted", by="anna")
        assert review.claim_id == BASE[0].claims[0].id == ledger.reviews()[0].claim_id


# --- story and group ids ----------------------------------------------------------------

@pytest.mark.parametrize("seed", SEEDS)
def test_unrelated_articles_leave_story_and_group_ids_alone(tmp_path, seed):
    db = tmp_path / "ledger.db"
    _linked(db, BASE)
    stories, groups = _ids(db)
    _linked(db, _unrelated(random.Random(seed), random.Random(seed).randint(1, 12)))
    stories_after, groups_after = _ids(db)
    for story_id, articles in stories.items():
        assert stories_after[story_id] == articles
    assert {claim: groups_after[claim] for claim in groups} == groups


def test_relinking_unchanged_articles_keeps_every_id(tmp_path):
    db = tmp_path / "ledger.db"
    _linked(db, BASE)
    before = _ids(db)
    with open_ledger(db) as ledger:
        for extraction in BASE:
            ledger.replace_extraction(extraction)
        workflows.link_ledger(ledger)
    assert _ids(db) == before


@pytest.mark.parametrize("seed", SEEDS)
def test_a_story_keeps_its_id_when_it_grows(tmp_path, seed):
    """Also when an unrelated older article in the same run makes it a full relink."""
    rng = random.Random(seed)
    db = tmp_path / "ledger.db"
    _linked(db, BASE)
    stories, _ = _ids(db)
    alpha = next(s for s, articles in stories.items() if "a1" in articles)
    day = rng.choice(["2024-11-05", "2024-11-09", "2024-11-30"])
    _linked(db, [handmade("a3", day, ALPHA, 1500, "Anna Alpha"), *_unrelated(rng, 2)])
    stories_after, _ = _ids(db)
    assert stories_after[alpha] == stories[alpha] | {"a3"}


def test_a_story_grown_before_its_first_article_redirects_its_old_id(tmp_path):
    """The article that now opens the story had no story before, so the story is minted
    anew from it; the old id leads there."""
    db = tmp_path / "ledger.db"
    _linked(db, BASE)
    stories, _ = _ids(db)
    alpha = next(s for s, articles in stories.items() if "a1" in articles)
    _linked(db, [handmade("a0", "2024-10-25", ALPHA, 1500, "Anna Alpha")])
    stories_after, _ = _ids(db)
    with open_ledger(db) as ledger:
        assert stories_after[ledger.redirect("story", alpha)] == stories[alpha] | {"a0"}


@pytest.mark.parametrize("incremental", [False, True])
def test_a_merge_keeps_the_older_id_and_redirects_the_other(tmp_path, incremental):
    db = tmp_path / "ledger.db"
    _linked(db, BASE)
    stories, _ = _ids(db)
    alpha = next(s for s, articles in stories.items() if "a1" in articles)  # the older
    beta = next(s for s, articles in stories.items() if "b1" in articles)
    bridge = handmade("ab", "2024-11-05", ALPHA + BETA, 3000, "Anna Alpha")
    with open_ledger(db) as ledger:
        ledger.write_batch([bridge])
        if not (incremental and workflows.link_new_articles(ledger, [bridge])):
            workflows.link_ledger(ledger)
        assert [s.id for s in ledger.stories()] == [alpha]
        assert ledger.redirect("story", beta) == alpha
        assert ledger.redirect("story", alpha) is None
