"""Incremental link writes: the saved linker state, its fingerprint, and writes that touch
only the rows new articles change (stories, groups, claim groups, relations, aliases)."""

from __future__ import annotations

import pickle

import pytest
from store_records import (
    BACKENDS,
    TEXT,
    article,
    claim,
    extraction,
    fresh_target,
    speaker,
)

from newsledger.errors import StoreError
from newsledger.link import LinkState
from newsledger.link.index import (
    ArticleEntry,
    IndexChanges,
    LinkChanges,
    Merge,
    Placement,
    StoryEntry,
)
from newsledger.link.ledger import StateError, decode_groups, decode_story, linker_version
from newsledger.model import Group, Relation, Story
from newsledger.store import SavedLinkState, open_ledger
from newsledger.store.migrations import MIGRATIONS


@pytest.fixture(params=BACKENDS)
def ledger(request, tmp_path):
    with open_ledger(fresh_target(request.param, tmp_path)) as opened:
        yield opened


def saved(blob: bytes = b"state", version: str = "v1") -> SavedLinkState:
    return SavedLinkState(version=version, state=blob, articles=1)


# --- the saved state ----------------------------------------------------------------------

def test_a_new_ledger_has_the_link_state_migration_and_no_state(ledger):
    assert "0004_link_index" in [name for name, _ in MIGRATIONS]
    assert "0004_link_index" in ledger.info()["migrations"]
    assert ledger.link_state() is None


def test_the_state_is_saved_with_the_links_and_the_fingerprint_of_then(ledger):
    ledger.write_batch([extraction("a1")])
    ledger.save_links([Story("s1", "x", ("a1",))], [], {}, [], state=saved(b"\x00\x01"))
    found = ledger.link_state()
    assert (found.version, found.state, found.articles) == ("v1", b"\x00\x01", 1)
    assert found.fingerprint == ledger.link_fingerprint()
    ledger.save_links([], [], {}, [], state=saved(b"again", "v2"))  # replaces, one row
    assert (ledger.link_state().state, ledger.link_state().version) == (b"again", "v2")


@pytest.mark.parametrize("change", [
    "new article", "changed article", "re-extraction", "review", "entity edit",
])
def test_the_fingerprint_moves_with_every_write_that_changes_links(ledger, change):
    ledger.write_batch([extraction("a1")])
    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj", "Kiew": "Kiew"})
    before = ledger.link_fingerprint()
    if change == "new article":
        ledger.write_batch([extraction("a2")])
    elif change == "changed article":
        ledger.write_batch([extraction("a1", TEXT.replace("1500", "1800"))])
    elif change == "re-extraction":
        ledger.replace_extraction(extraction("a1", claims=(claim("a1", 7),)))
    elif change == "review":
        ledger.review(claim("a1").key, "accepted", by="anna")
    else:
        ledger.merge_entities("Wolodymyr Selenskyj", "Kiew", by="anna")
    assert ledger.link_fingerprint() != before


def test_the_fingerprint_stays_when_nothing_linkable_changed(ledger):
    ledger.write_batch([extraction("a1")])
    before = ledger.link_fingerprint()
    ledger.save_links([], [], {}, [])
    ledger.write_batch([extraction("a1")])  # unchanged: skipped
    assert ledger.link_fingerprint() == before


# --- incremental writes ---------------------------------------------------------------------

def _linked_pair(ledger):
    """a1 in s1/g1 and a2 in s2/g2, one relation in g1."""
    ledger.write_batch([extraction("a1"), extraction("a2"), extraction("a3")])
    relation = Relation("g1", claim("a1").key, claim("a1").key, "consistent", "same")
    ledger.save_links(
        [Story("s1", "eins", ("a1",)), Story("s2", "zwei", ("a2",))],
        [Group("g1", "s1", "Soldaten"), Group("g2", "s2", "Panzer")],
        {claim("a1").key: "g1", claim("a2").key: "g2"}, [relation])
    return relation


def _changes(events=(), labels=None, groups=(), claim_groups=None, relations=(),
             index=None) -> LinkChanges:
    return LinkChanges(events=list(events), labels=labels or {}, groups=list(groups),
                       claim_groups=claim_groups or {}, relations=list(relations),
                       index=index or IndexChanges())


def test_add_links_writes_what_changed_and_keeps_the_rest(ledger):
    old_relation = _linked_pair(ledger)
    new_relation = Relation("g3", claim("a3").key, claim("a3").key, "confirmed", "second source")
    ledger.add_links(_changes(
        [Placement("s2", "a3", 1, "a2")], {"s2": "zwei neu"}, [Group("g3", "s2", "Panzer in Kursk")],
        {claim("a3").key: "g3"}, [new_relation]), state=saved())
    assert ledger.stories() == [Story("s1", "eins", ("a1",)),
                                Story("s2", "zwei neu", ("a2", "a3"), duplicates={"a3": "a2"})]
    assert [g.id for g in ledger.groups()] == ["g1", "g2", "g3"]
    assert {c.article: c.group for c in ledger.claims()} == {"a1": "g1", "a2": "g2", "a3": "g3"}
    assert ledger.relations() == [old_relation, new_relation]
    assert ledger.link_state().fingerprint == ledger.link_fingerprint()


def test_add_links_removes_a_merged_story_and_moves_its_articles_and_groups(ledger):
    _linked_pair(ledger)
    ledger.add_links(_changes(
        [Placement("s3", "a3", 0, None), Merge("s2", "s1", 1), Merge("s3", "s1", 2)],
        {"s1": "eins und zwei"}, [Group("g2", "s1", "Panzer")]))
    assert ledger.stories() == [Story("s1", "eins und zwei", ("a1", "a2", "a3"))]
    assert ledger.groups(story="s1") == [Group("g1", "s1", "Soldaten"), Group("g2", "s1", "Panzer")]
    assert ledger.claims(story="s1") and not ledger.claims(story="s2")


def test_add_links_is_one_transaction(ledger):
    _linked_pair(ledger)
    duplicate_group = [Group("g9", "s1", "x"), Group("g9", "s1", "x")]  # violates the key
    with pytest.raises(StoreError):
        ledger.add_links(_changes([Placement("s1", "a3", 1, None)], {"s1": "anders"},
                                  duplicate_group))
    assert ledger.stories() == [Story("s1", "eins", ("a1",)), Story("s2", "zwei", ("a2",))]


# --- the linker's look-up tables ------------------------------------------------------------

def _entry(article_id: str, story: str, published: str | None, bands) -> ArticleEntry:
    return ArticleEntry(article_id, story, published, None, b"\x01" * 16, tuple(bands))


def test_the_index_answers_lookups_by_key_and_drops_closed_rows(ledger):
    ledger.save_links([], [], {}, [], index=IndexChanges(
        whole=True,
        stories=[StoryEntry("s-old", "2024-01-05", b"old", b"g-old"),
                 StoryEntry("s-new", "2024-06-01", b"new", b"g-new"),
                 StoryEntry("s-undated", None, b"undated", b"g-undated")],
        postings_added=[("kursk", "s-old"), ("kursk", "s-new"), ("kursk", "s-undated"),
                        ("panzer", "s-new")],
        frequencies={"kursk": 3, "panzer": 1},
        articles=[_entry("a-old", "s-old", "2024-01-05", [(0, b"x"), (1, b"y")]),
                  _entry("a-new", "s-new", "2024-06-01", [(0, b"x")])]))
    index = ledger.link_index()
    assert index.frequencies(["kursk", "panzer", "nie"]) == {"kursk": 3, "panzer": 1}
    assert index.stories_with(["kursk"], None) == {"s-old", "s-new", "s-undated"}
    assert index.stories_with(["kursk"], "2024-03-01") == {"s-new", "s-undated"}
    assert index.story_states(["s-new", "nope"]) == {"s-new": b"new"}
    assert index.group_states(["s-old"]) == {"s-old": b"g-old"}
    assert [e.article for e in index.copies([(0, b"x")], None)] == ["a-new", "a-old"]
    assert [e.article for e in index.copies([(0, b"x")], "2024-03-01")] == ["a-new"]
    assert index.copies([(1, b"x")], None) == []
    # later changes: a merge, a term moving, rows closed by the horizon
    ledger.add_links(_changes(index=IndexChanges(
        stories=[StoryEntry("s-new", "2024-07-01", b"newer", b"g-newer")],
        postings_added=[("drohne", "s-new")], postings_removed=[("panzer", "s-new")],
        frequencies={"kursk": 4, "drohne": 1},
        merges=[Merge("s-undated", "s-new", 1)], horizon="2024-03-01")))
    assert index.stories_with(["kursk", "panzer", "drohne"], None) == {"s-new"}
    assert index.story_states(["s-new", "s-old", "s-undated"]) == {"s-new": b"newer"}
    assert index.group_states(["s-new"]) == {"s-new": b"g-newer"}
    assert index.frequencies(["kursk", "drohne"]) == {"kursk": 4, "drohne": 1}
    assert [e.article for e in index.copies([(0, b"x"), (1, b"y")], None)] == ["a-new"]


# --- reading and adding for new articles -------------------------------------------------------

def test_claims_of_articles_reads_as_claims_does(ledger):
    raw = speaker("Selenski", name="Selenski")
    ledger.write_batch([extraction(i, claims=(claim(i, who=raw), claim(i, 7, who=raw)))
                        for i in ("a1", "a2", "a3")])
    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj"})
    ledger.review(claim("a2", 7, who=raw).key, "rejected", by="anna")
    ledger.review(claim("a3", who=raw).key, "corrected", by="anna", corrections={"value_low": 1400})
    wanted = ["a2", "a3"]
    assert ledger.claims_of_articles(wanted) == [c for c in ledger.claims() if c.article in wanted]
    as_extracted = ledger.claims_of_articles(wanted, as_extracted=True)
    assert as_extracted == [c for c in ledger.claims(as_extracted=True) if c.article in wanted]
    assert {c.speaker.name for c in as_extracted} == {"Selenski"}
    assert sorted(c.value.low for c in as_extracted) == [7, 1400, 1500]  # a2: 7 rejected
    assert ledger.claims_of_articles([]) == []


def test_claims_of_group_reads_as_claims_does(ledger):
    _linked_pair(ledger)
    ledger.review(claim("a2").key, "corrected", by="anna", corrections={"value_low": 1400})
    for group in ("g1", "g2", "nope"):
        assert ledger.claims_of_group(group) == ledger.claims(group=group)


def test_add_entities_adds_missing_aliases_only(ledger):
    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj", "NIS": "NIS"})
    ledger.merge_entities("NIS", "Geheimdienst", by="anna")
    ledger.add_entities({"Selenski": "Selenski", "Zelensky": "Wolodymyr Selenskyj",
                         "Geheimdienst": "Geheimdienst", "Blinken": "Antony Blinken"})
    aliases = ledger.aliases()
    assert aliases["Selenski"] == "Wolodymyr Selenskyj"  # kept: not rewritten
    assert aliases["Zelensky"] == "Wolodymyr Selenskyj"
    assert aliases["Geheimdienst"] == "Geheimdienst"  # stored as the linker gave it
    assert aliases["Blinken"] == aliases["Antony Blinken"] == "Antony Blinken"


# --- the state over the stored index --------------------------------------------------------

def test_a_state_resumed_from_the_store_grows_as_the_original_would(ledger):
    articles = [article(f"a{i}", TEXT + f" Nachtrag {i}.", published=f"2024-11-0{i}")
                for i in range(1, 5)]
    claims = {a.id: [claim(a.id, 1500 + i)] for i, a in enumerate(articles)}
    original = LinkState()
    for a in articles[:3]:
        original.add_article(a, claims[a.id])
    ledger.write_batch([extraction(a.id, claims=tuple(claims[a.id])) for a in articles[:3]])
    stored_members = {g: list(found) for g, found in original.members.items()}
    ledger.save_links(original.stories(), original.groups(), {}, [],
                      index=original.index_changes())
    relations_before = {r for found in original.relations.values() for r in found}
    resumed = LinkState.resume(original.dump_meta(), ledger.link_index(),
                               members=lambda g: stored_members.get(g, []))
    assert resumed.story_index.stories_by_id == resumed.group_index.groups == {}  # read when needed
    assert resumed.add_article(articles[3], claims["a4"]) == \
        original.add_article(articles[3], claims["a4"])
    assert resumed.story_index.duplicates["a4"] == "a1"  # found through the stored buckets
    assert resumed.groups() == original.groups()
    assert {r for found in resumed.relations.values() for r in found} == \
        {r for found in original.relations.values() for r in found} - relations_before != set()
    assert resumed.story_index.n_docs == original.story_index.n_docs == 4


class _Sneaky:
    def __reduce__(self):
        import os
        return (os.getcwd, ())


@pytest.mark.parametrize("blob", [
    pickle.dumps(_Sneaky()), pickle.dumps({"not": "a state"}), b"not a pickle",
])
def test_a_foreign_story_state_is_refused(blob):
    for decode in (decode_story, decode_groups):
        with pytest.raises(StateError):
            decode(blob)


@pytest.mark.parametrize("meta", [b"not json", b"{}", b'{"n_docs": "x"}'])
def test_a_foreign_saved_state_is_refused(meta, ledger):
    with pytest.raises(StateError):
        LinkState.resume(meta, ledger.link_index(), members=lambda group: [])


def test_the_linker_version_names_the_format():
    assert linker_version().startswith("linkstate-") and linker_version() == linker_version()


def test_entities_are_found_by_their_lookup_keys(ledger):
    from newsledger.link.canonical import lookup_keys

    ledger.save_entities({"Selenski": "Wolodymyr Selenskyj", "NIS": "NIS"}, keys=lookup_keys)
    assert ledger.entities_with_keys(lookup_keys("Selensky")) == {
        "Wolodymyr Selenskyj": ["Selenski"]}  # one letter apart: a shared key
    assert ledger.entities_with_keys(lookup_keys("Blinken")) == {}
    ledger.add_entities({"Blinken": "Antony Blinken"}, keys=lookup_keys)
    assert ledger.entities_with_keys(lookup_keys("Blinkin")) == {"Antony Blinken": ["Blinken"]}
    ledger.save_entities({"NIS": "NIS"}, keys=lookup_keys)  # replaces the keys with the rest
    assert ledger.entities_with_keys(lookup_keys("Selenski")) == {}


def test_claims_sharing_a_key_take_their_groups_in_claim_order(ledger):
    from dataclasses import replace

    first = claim("a1")
    second = replace(first, counted="Brigaden")  # same speaker, figure, qualifier: same key
    assert first.key == second.key
    ledger.write_batch([extraction("a1", claims=(first, second))])
    ledger.save_links([Story("s1", "eins", ("a1",))],
                      [Group("g-units", "s1", "Einheiten"), Group("g-brigades", "s1", "Brigaden")],
                      {first.key: ["g-units", "g-brigades"]}, [])
    assert [c.group for c in ledger.claims()] == ["g-units", "g-brigades"]
    ledger.add_links(_changes(claim_groups={first.key: ["g-brigades", "g-units"]}))
    assert [c.group for c in ledger.claims()] == ["g-brigades", "g-units"]
