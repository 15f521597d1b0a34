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
from newsledger.link.ledger import StateError, dump_state, linker_version, load_state
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
    assert "0003_link_state" in [name for name, _ in MIGRATIONS]
    assert "0003_link_state" in ledger.info()["migrations"]
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


def test_add_links_writes_what_changed_and_keeps_the_rest(ledger):
    old_relation = _linked_pair(ledger)
    new_relation = Relation("g3", claim("a3").key, claim("a3").key, "confirmed", "second source")
    ledger.add_links(
        [Story("s2", "zwei neu", ("a2", "a3"), duplicates={"a3": "a2"})],
        [Group("g3", "s2", "Panzer in Kursk")],
        {claim("a3").key: "g3"}, [new_relation], state=saved())
    assert ledger.stories() == [Story("s1", "eins", ("a1",)),
                                Story("s2", "zwei neu", ("a2", "a3"), duplicates={"a3": "a2"})]
    assert [g.id for g in ledger.groups()] == ["g1", "g2", "g3"]
    assert {c.article: c.group for c in ledger.claims()} == {"a1": "g1", "a2": "g2", "a3": "g3"}
    assert ledger.relations() == [old_relation, new_relation]
    assert ledger.link_state().fingerprint == ledger.link_fingerprint()


def test_add_links_removes_a_merged_story_and_moves_its_groups(ledger):
    _linked_pair(ledger)
    ledger.add_links([Story("s1", "eins und zwei", ("a1", "a2", "a3"))],
                     [Group("g2", "s1", "Panzer")], {}, [], gone_stories=["s2"])
    assert ledger.stories() == [Story("s1", "eins und zwei", ("a1", "a2", "a3"))]
    assert ledger.groups(story="s1") == [Group("g1", "s1", "Soldaten"), Group("g2", "s1", "Panzer")]
    assert ledger.claims(story="s1") and not ledger.claims(story="s2")


def test_add_links_is_one_transaction(ledger):
    _linked_pair(ledger)
    duplicate_group = [Group("g9", "s1", "x"), Group("g9", "s1", "x")]  # violates the key
    with pytest.raises(StoreError):
        ledger.add_links([Story("s1", "anders", ("a1",))], duplicate_group, {}, [])
    assert ledger.stories()[0].label == "eins"


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


# --- the state's serialisation (kept by the store) --------------------------------------------

def test_a_state_round_trips_and_grows_as_the_original_would():
    articles = [article(f"a{i}", TEXT + f" Nachtrag {i}.", published=f"2024-11-0{i}")
                for i in range(1, 5)]
    claims = {a.id: [claim(a.id, 1500 + i)] for i, a in enumerate(articles)}
    original = LinkState()
    for a in articles[:3]:
        original.add_article(a, claims[a.id])
    stored_members = {g: list(claims) for g, claims in original.members.items()}  # the store
    restored = load_state(dump_state(original), members=lambda g: stored_members.get(g, []))
    assert restored.stories() == original.stories()
    assert restored.groups() == original.groups()
    assert restored.relations == {} and restored.members == {}  # the store holds them
    assert original.relations and original.members  # dump_state leaves the live state whole
    assert restored.add_article(articles[3], claims["a4"]) == \
        original.add_article(articles[3], claims["a4"])
    assert restored.stories() == original.stories()


class _Sneaky:
    def __reduce__(self):
        import os
        return (os.getcwd, ())


@pytest.mark.parametrize("blob", [
    pickle.dumps(_Sneaky()), pickle.dumps({"not": "a state"}), b"not a pickle",
])
def test_a_foreign_state_is_refused(blob):
    with pytest.raises(StateError):
        load_state(blob, members=lambda group: [])


def test_the_linker_version_names_the_format():
    assert linker_version().startswith("linkstate-") and linker_version() == linker_version()
