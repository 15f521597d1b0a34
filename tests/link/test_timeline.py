"""Intervals, timeline order, CSV, and one table of hand-made pairs per status rule."""

from __future__ import annotations

import csv
import io
import math

import pytest

from newsledger.link.ledger import LinkState, group_relations
from newsledger.link.timeline import (
    Interval,
    interval,
    relate,
    relations,
    same_time,
    timeline,
    timeline_csv,
)
from newsledger.model import Article, Claim, Evidence, Speaker, Story, Value


def _claim(value: float, qualifier: str = "exact", *, speaker: str | None = "A",
           when: str | None = "2024-10-23", article: str = "a1", high: float | None = None,
           polarity: str = "asserted") -> Claim:
    who = Speaker(text=speaker, start=0, end=1, name=speaker) if speaker else None
    return Claim(article=article, speaker=who,
                 value=Value(value, high if high is not None else value, qualifier),
                 evidence=(Evidence(0, 1, f"Es sind {value:g} Soldaten."),), when=when,
                 polarity=polarity, group="g1")


@pytest.mark.parametrize("qualifier, low, high, expected", [
    ("exact", 3000, 3000, Interval(3000, 3000)),
    ("about", 10000, 10000, Interval(9000, 11000)),
    ("about", 2000, 9999, Interval(2000, 9999)),  # "Tausende" keeps its range
    ("at_least", 3000, 3000, Interval(3000, math.inf, high_open=True)),
    ("more_than", 3000, 3000, Interval(3000, math.inf, low_open=True, high_open=True)),
    ("up_to", 8000, 8000, Interval(0, 8000)),
    ("less_than", 100, 100, Interval(0, 100, high_open=True)),
    ("range", 8000, 10000, Interval(8000, 10000)),
])
def test_interval_per_qualifier(qualifier, low, high, expected):
    assert interval(_claim(low, qualifier, high=high)) == expected


@pytest.mark.parametrize("a, b, overlap", [
    (Interval(3000, 3000), Interval(3000, math.inf, high_open=True), True),
    (Interval(3000, 3000), Interval(3000, math.inf, low_open=True, high_open=True), False),
    (Interval(0, 100, high_open=True), Interval(100, 100), False),
    (Interval(9000, 11000), Interval(10000, math.inf), True),
    (Interval(0, 8000), Interval(9000, 11000), False),
])
def test_interval_overlap(a, b, overlap):
    assert a.overlaps(b) is overlap and b.overlaps(a) is overlap


# One row per rule, with negative cases: (first, second, expected status or None).
PAIRS = [
    # denied: one of the two rejects the figure
    (_claim(3000, speaker="A"), _claim(3000, speaker="B", polarity="denied"), "denied"),
    (_claim(3000, "at_least", speaker="A"), _claim(5000, speaker="B", polarity="denied"), "denied"),
    (_claim(1500, speaker="A"), _claim(10000, speaker="B", polarity="denied"), None),
    (_claim(3000, polarity="denied"), _claim(5000, speaker="B", polarity="denied"), "consistent"),
    # same speaker: overlapping = consistent, different later = revised
    (_claim(3000, when="2024-10-01"), _claim(3000, "at_least", when="2024-10-20"), "consistent"),
    (_claim(3000, when="2024-10-01"), _claim(10000, "about", when="2024-11-01"), "revised"),
    # different speakers, same figure, independent sources: confirmed
    (_claim(3000, speaker="A"), _claim(3000, speaker="B", article="a2"), "confirmed"),
    (_claim(10000, "about", speaker="A"), _claim(10000, "at_least", speaker="B"), "confirmed"),
    # overlapping but not the same figure: consistent only
    (_claim(3000, "at_least", speaker="A"), _claim(10000, "about", speaker="B"), "consistent"),
    # different speakers, disjoint, same day: contradicted
    (_claim(3000, speaker="A"), _claim(10000, "about", speaker="B"), "contradicted"),
    (_claim(8000, "up_to", speaker="A", when="2024-11-01"),
     _claim(12000, speaker="B", when="2024-11-03"), "contradicted"),
    # ... but not at another time (an update), nor on month precision
    (_claim(1500, speaker="A", when="2024-10-01"), _claim(10000, speaker="B", when="2024-11-20"), None),
    (_claim(1500, speaker="A", when="2024-10"), _claim(3000, speaker="B", when="2024-10-23"), None),
    # bounds that nearly touch are wording, not conflict
    (_claim(3000, speaker="A"), _claim(3000, "more_than", speaker="B"), "consistent"),
    # unnamed sources of two outlets can confirm each other; one outlet cannot
    (_claim(3000, speaker=None, article="a1"), _claim(3000, speaker=None, article="a2"), "confirmed"),
    (_claim(3000, speaker=None, article="a1"), _claim(3000, speaker=None, article="a1"), "consistent"),
]


@pytest.mark.parametrize("first, second, status", PAIRS)
def test_status_rules(first, second, status):
    relation = relate(first, second, group="g1")
    assert (relation.status if relation else None) == status


def test_syndicated_copies_do_not_confirm():
    original = _claim(3000, speaker=None, article="orig")
    copy = _claim(3000, speaker=None, article="copy")
    assert relate(original, copy, duplicates={"copy": "orig"}).status == "consistent"
    assert relate(original, copy).status == "confirmed"


def test_timeline_orders_by_when_and_exports_csv():
    claims = [_claim(10000, "about", when="2024-11-01"), _claim(1500, when="2024-10"),
              _claim(3000, "at_least", when="2024-10-23"), _claim(5, when=None)]
    entries = timeline(claims)
    assert [e.claim.value.low for e in entries] == [1500, 3000, 10000, 5]
    rows = list(csv.DictReader(io.StringIO(timeline_csv(entries))))
    assert rows[1]["interval"] == "[3000, ∞)" and rows[2]["interval"] == "[9000, 11000]"
    assert rows[0]["sentence"] == "Es sind 1500 Soldaten."
    assert [r["id"] for r in rows] == [e.claim.id for e in entries]  # for `newsledger review ID`


def test_relations_pairs_are_ordered_earlier_first():
    late, early = _claim(10000, when="2024-11-01"), _claim(3000, when="2024-10-01")
    (relation,) = relations([late, early])
    assert relation.first == early.key and relation.status == "revised"


@pytest.mark.parametrize("a, b, same", [
    ("2024-10-23", "2024-10-25", True), ("2024-10-23", "2024-10-30", False),
    ("2024-10", "2024-10-23", False), (None, "2024-10-23", False), ("2024-W43", "2024-10-23", True),
])
def test_same_time(a, b, same):
    assert same_time(a, b) is same


def test_link_state_adds_articles_and_relates_new_claims():
    state = LinkState()
    text = "Nordkorea hat 3.000 Soldaten nach Russland geschickt. Das sagte der Geheimdienst."
    start = text.index("3.000")

    def claim(article, speaker):
        return Claim(article=article, speaker=Speaker(speaker, 0, 1, speaker),
                     value=Value(3000, 3000), when="2024-10-23",
                     evidence=(Evidence(start, start + 5, text.split(". ")[0] + ".", 0),))

    story1, grouped1 = state.add_article(Article(id="a1", text=text, published="2024-10-23"),
                                         [claim("a1", "NIS")])
    story2, grouped2 = state.add_article(Article(id="a2", text=text + " Ende.", published="2024-10-23"),
                                         [claim("a2", "Pentagon")])
    assert story1 == story2 and grouped1[0].group == grouped2[0].group
    assert state.story_index.duplicates == {"a2": "a1"}
    # a copy's figure is no independent confirmation
    assert [r.status for r in state.relations[grouped1[0].group]] == ["consistent"]
    stories = state.stories()
    assert group_relations(grouped1 + grouped2, stories)[0].status == "consistent"
    assert isinstance(stories[0], Story)
