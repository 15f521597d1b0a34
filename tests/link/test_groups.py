"""Figure groups: what is counted, where, outcome and kind separate claims of one story."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsledger.link.groups import (
    GroupIndex,
    assign_groups,
    claim_features,
    counted_class,
    group_claims,
)
from newsledger.model import Claim, Evidence, Speaker, Story, Value


def _claim(sentence: str, figure: str, *, article: str = "a1", speaker: str | None = "X",
           low: float | None = None, qualifier: str = "exact", **fields) -> Claim:
    start = sentence.index(figure)
    value = low if low is not None else float(figure.replace(".", "").replace(",", ""))
    who = Speaker(text=speaker, start=0, end=1, name=speaker) if speaker else None
    return Claim(article=article, speaker=who, value=Value(value, value, qualifier),
                 evidence=(Evidence(100 + start, 100 + start + len(figure), sentence, 100),),
                 **fields)


@pytest.mark.parametrize("sentence, figure, what, where, outcome, kind", [
    ("Nordkorea hat 3.000 Soldaten nach Russland geschickt.", "3.000", "Soldaten", "Russland", None, "stock"),
    ("Bis zu 8.000 davon wurden in der Region Kursk stationiert.", "8.000", None, "Kursk", None, "stock"),
    ("Es sind 10.000 nordkoreanische Truppen in Russland.", "10.000", "Soldaten", "Russland", None, "stock"),
    ("Mindestens 100 Soldaten sind gefallen und bis zu 1000 Soldaten verletzt.", "100", "Soldaten", None, "getötet", "stock"),
    ("Mindestens 100 Soldaten sind gefallen und bis zu 1000 Soldaten verletzt.", "1000", "Soldaten", None, "verwundet", "stock"),
    ("Sie haben mehr als 3000 Mann verloren.", "3000", "Soldaten", None, "verloren", "stock"),
    ("Die Zahl der getöteten und verwundeten Soldaten übersteigt 3000.", "3000", "Soldaten", None, "verloren", "stock"),
    ("Vielleicht zwei Brigaden mit jeweils 6.000 Mann.", "6.000", "Soldaten", None, None, "per_unit"),
    ("Vielleicht 2 Brigaden mit jeweils 6.000 Mann.", "2", "Brigaden", None, None, "stock"),
    ("Die Hilfe beträgt 50 Euro pro Kopf.", "50", "Euro", None, None, "per_unit"),
    ("Die Truppen sind im Einsatz und 300 wurden getötet.", "300", "Soldaten", None, "getötet", "stock"),
    ("Bei dem Angriff starben 500 Menschen.", "500", "Menschen", None, "getötet", "stock"),
    ("Die Umfrage ergab 30 Prozent für die SPD.", "30", "Prozent", None, None, "stock"),
    ("Die Zahl stieg auf 40 Panzer in der Ukraine.", "40", "Panzer", "Ukraine", None, "stock"),
    # an origin or an opponent is no place: "aus Nordkorea", "gegen die Ukraine"
    ("USA bestätigen Entsendung von 3.000 Soldaten aus Nordkorea", "3.000", "Soldaten", None, None, "stock"),
    ("Mindestens 100 Soldaten fielen im Kampf gegen die Ukraine.", "100", "Soldaten", None, "getötet", "stock"),
    # English articles count the same things
    ("Pentagon says about 10,000 North Korean troops are in Russia.", "10,000", "Soldaten", "Russland", None, "stock"),
    ("At least 100 North Korean troops have died.", "100", "Soldaten", None, "getötet", "stock"),
])
def test_features(sentence, figure, what, where, outcome, kind):
    f = claim_features(_claim(sentence, figure))
    assert (f.what, f.where, f.outcome, f.kind) == (what, where, outcome, kind)


def test_forecast_from_certainty_or_refers_to():
    sentence = "Bis Dezember sollen es 10.000 Soldaten sein."
    assert claim_features(_claim(sentence, "10.000", certainty="expected")).kind == "forecast"
    later = _claim(sentence, "10.000", when="2024-10-23", refers_to="2024-12")
    assert claim_features(later).kind == "forecast"
    past = _claim(sentence, "10.000", when="2024-10-23", refers_to="2023")
    assert claim_features(past).kind == "stock"


@pytest.mark.parametrize("noun, label", [("Soldaten", "Soldaten"), ("Mann", "Soldaten"),
                                         ("Truppen", "Soldaten"), ("Militäreinheiten", "Einheiten"),
                                         ("US-Soldaten", "Soldaten"), ("Panzer", "Panzer")])
def test_counted_classes(noun, label):
    assert counted_class(noun) == label


STORY = Story(id="s1", label="Nordkorea", articles=("a1", "a2", "a3"))


def _story_claims() -> list[Claim]:
    return [
        _claim("Nordkorea hat 3.000 Soldaten nach Russland geschickt.", "3.000", article="a1", speaker="A"),
        _claim("Insgesamt sind 10.000 Soldaten in Russland.", "10.000", article="a2", speaker="B"),
        _claim("Davon sind 8.000 Soldaten in der Region Kursk.", "8.000", article="a2", speaker="B"),
        _claim("Laut dpa sind es bis zu 8.000 Soldaten an der Grenze.", "8.000", article="a3",
               speaker="dpa"),
        _claim("Die USA bestätigen die Entsendung von 3.000 Soldaten.", "3.000", article="a3", speaker="C"),
        _claim("Das Pentagon bezifferte die Zahl mit rund 10.000.", "10.000", article="a3",
               speaker="D", qualifier="about"),
        _claim("Hunderte Soldaten wurden bereits getötet.", "Hunderte", article="a3", low=200),
        _claim("Bis Dezember sollen es 12.000 Soldaten in Russland sein.", "12.000", article="a3",
               certainty="expected"),
    ]


def test_group_claims_separates_place_outcome_and_kind():
    groups, assigned = group_claims(_story_claims(), [STORY])
    claims = _story_claims()
    by_label = {g.id: g.label for g in groups}
    label = [by_label[assigned[c.key]] for c in claims]
    assert label[0] == label[1] == label[4] == label[5] == "Soldaten in Russland"
    assert label[2] == label[3] == "Soldaten in Kursk"  # same value, place left open: joins
    assert label[6] == "getötete Soldaten"
    assert label[7] == "Soldaten in Russland (Prognose)"
    assert {g.kind for g in groups} == {"stock", "forecast"}
    assert all(g.story == "s1" for g in groups)


def test_claims_of_other_stories_never_share_a_group():
    other = Story(id="s2", label="Other", articles=("b1",))
    claims = [_claim("Es sind 3.000 Soldaten in Russland.", "3.000", article="a1"),
              _claim("Es sind 3.000 Soldaten in Russland.", "3.000", article="b1")]
    _, grouped = assign_groups(claims, [STORY, other])
    assert grouped[0].group != grouped[1].group


def test_assign_groups_keeps_claims_with_one_key_apart():
    sentence = "Zwei Einheiten trainieren dort, vielleicht 2 Brigaden."
    claims = [_claim("Es trainieren 2 Einheiten dort.", "2"), _claim("Vielleicht 2 Brigaden.", "2")]
    assert claims[0].key == claims[1].key
    _, grouped = assign_groups(claims, [STORY])
    assert grouped[0].group != grouped[1].group
    assert sentence  # the situation of seeds 004 (one speaker, "zwei" twice)


def test_group_ids_are_stable_and_incremental_add_matches_batch():
    claims = _story_claims()
    groups_a, _assigned_a = group_claims(claims, [STORY])
    index = GroupIndex()
    for claim in sorted(claims, key=lambda c: c.article):
        index.add(claim, "s1")
    assert {g.id for g in groups_a} >= set(index.assigned.values())


@pytest.mark.parametrize("sentence, figure, fields, kind", [
    # a plan word by the figure
    ("Pjöngjang plant die Entsendung von 12.000 Soldaten.", "12.000", {}, "forecast"),
    ("By December 10,000 troops are expected.", "10,000", {}, "forecast"),
    # a deadline in the claim's own period ('bis Jahresende' resolved to the year)
    ("Demnach plant Pjöngjang, bis Jahresende rund 12.000 Soldaten zu entsenden.", "12.000",
     {"when": "2024-10-18", "refers_to": "2024"}, "forecast"),
    # the deadline and the plan word belong to the next figure
    (("More than 3,000 troops had been deployed and the spy agency predicted that the total "
      "would reach 10,000 by December."), "3,000", {"when": "2024-10-28", "refers_to": "2024-12"}, "stock"),
    # 'bis zu' is a qualifier, not a deadline
    ("Bis zu 8.000 Soldaten sind in Kursk.", "8.000", {"when": "2024-10-28", "refers_to": "2024-12"}, "stock"),
    ("Nordkorea hat 3.000 Soldaten nach Russland geschickt.", "3.000", {"when": "2024-10-23"}, "stock"),
])
def test_forecast_from_the_figures_own_words(sentence, figure, fields, kind):
    assert claim_features(_claim(sentence, figure, **fields)).kind == kind


@pytest.mark.parametrize("sentence, figure, where", [
    # a war's toll named with a region is one running count
    ("In Kursk wurden 3.000 nordkoreanische Soldaten getötet oder verwundet.", "3.000", None),
    # one incident's toll keeps its village
    ("Bei Angriffen in der Nähe des Dorfes Plechowo wurden 30 Soldaten getötet oder verwundet.",
     "30", "Plechowo"),
    ("Es sind 3.000 Soldaten in Russland.", "3.000", "Russland"),  # not a toll: place kept
])
def test_casualty_places(sentence, figure, where):
    assert claim_features(_claim(sentence, figure)).where == where


def test_share_topic_may_follow_the_figures_clause():
    claim = _claim("Jeder fünfte Befragte gab an, mit der Miete in Rückstand zu sein.", "fünfte", low=20)
    f = claim_features(replace(claim, value=Value(20, 20, "exact", "percent")))
    assert f.what == "Prozent" and f.topic == ("miete", "rückstand")


def test_a_noun_that_counts_nothing_leaves_the_class_open():
    assert claim_features(_claim("Am Samstag war von 8.000 die Rede.", "8.000", counted="Rede")).what is None


def test_people_named_by_origin_then_by_class_share_a_group():
    claims = [_claim("In der Region Kursk seien 200 Nordkoreaner.", "200", article="a1"),
              _claim("Es sind 800 nordkoreanische Soldaten in Kursk.", "800", article="a2"),
              _claim("Es sind 300 Soldaten in Kursk.", "300", article="a3")]
    groups, grouped = assign_groups(claims, [STORY])
    assert len({c.group for c in grouped}) == 1
    assert groups[0].label == "nordkoreanische Soldaten in Kursk"
    index = GroupIndex()  # one at a time, the people named by origin first
    assert len({index.add(claim, "s1") for claim in claims}) == 1
    assert index.group_list()[0].label == "nordkoreanische Soldaten in Kursk"


def test_figure_without_its_noun_joins_the_group_holding_the_same_value():
    claims = [_claim("Es sind 2.000 nordkoreanische Soldaten in Kursk.", "2.000", article="a1"),
              _claim("Es sind 9.000 Soldaten in Russland.", "9.000", article="a1"),
              _claim("Keine Hinweise, dass 2.000 im Kampf stehen.", "2.000", article="a2")]
    _, grouped = assign_groups(claims, [STORY])
    assert grouped[2].group == grouped[0].group != grouped[1].group


def test_groups_stay_one_after_their_stories_merge():
    index = GroupIndex()
    first = index.add(_claim("Es sind 3.000 Soldaten in Russland.", "3.000", article="a1"), "s1")
    second = index.add(_claim("Es sind 4.000 Soldaten in Russland.", "4.000", article="a2"), "s2")
    index.move_story("s2", "s1")
    third = index.add(_claim("Es sind 5.000 Soldaten in Russland.", "5.000", article="a3"), "s1")
    assert third in {first, second} and len(index.groups) == 2


# ---------------------------------------------------------------------------------------
# Whose people: possessives, 'eigene', nationality words


@pytest.mark.parametrize("sentence, figure, speaker, side", [
    # a possessive by the figure: the owner is the nearest country named before it
    ("Moskau habe 40.000 eigene Soldaten an die Grenze verlegt.", "40.000", "Y", "Russland"),
    ("Kiew zieht seine rund 6.000 Soldaten aus dem Gebiet ab.", "6.000", "Y", "Ukraine"),
    ("Im Ukraine-Krieg setzt der nordkoreanische Machthaber 7.000 seiner Soldaten ein.", "7.000",
     "Y", "Nordkorea"),  # 'Ukraine-Krieg' names a war, not an owner
    # ... not the speaker's own words; the speaker's side when nothing else is named
    ("Russland habe laut dem ukrainischen Geheimdienst 30.000 eigene Soldaten verlegt.", "30.000",
     "ukrainischen Geheimdienst", "Russland"),
    ("Man habe 9.000 eigene Soldaten in Reserve, sagte der Kremlsprecher.", "9.000",
     "Kremlsprecher", None),  # 'Kremlsprecher' is one word, no country
    ("Man habe 9.000 eigene Soldaten in Reserve, sagte der Sprecher.", "9.000",
     "russisches Verteidigungsministerium", "Russland"),
    # 'unsere': the speaker's people, whatever the sentence names
    ("Russland hat 2.000 unserer Soldaten gefangen genommen.", "2.000", "ukrainische Armee", "Ukraine"),
    # named with the counted people
    ("In Kursk seien 800 Nordkoreaner.", "800", "Y", "Nordkorea"),
    ("Es sind 11.000 Soldaten aus Nordkorea in Kursk.", "11.000", "Y", "Nordkorea"),
    ("Dort sind 300 US-Soldaten stationiert.", "300", "Y", "USA"),
    ("About 10,000 North Korean troops are in Russia.", "10,000", "Y", "Nordkorea"),
    # negative: a country in the sentence, or a possessive of another noun, names no side
    ("Die USA sprechen von 3.000 Soldaten in Russland.", "3.000", "Y", None),
    ("Die Ukraine hat nach eigenen Angaben 5.000 Soldaten verlegt.", "5.000", "Y", None),
    ("Russland korrigierte seine Angaben auf 3.000 Soldaten.", "3.000", "Y", None),
    ("Nordkorea habe 1.500 Soldaten seiner Spezialkräfte verlegt.", "1.500", "Y", None),
])
def test_side_of_the_counted_people(sentence, figure, speaker, side):
    assert claim_features(_claim(sentence, figure, speaker=speaker)).side == side


def test_own_troops_of_one_side_stay_apart_from_another_sides_troops():
    claims = [_claim("Es sind 10.000 nordkoreanische Soldaten in Russland.", "10.000", article="a1"),
              _claim("Nordkorea hat 3.000 Soldaten nach Russland geschickt.", "3.000", article="a2"),
              _claim("Russland habe dort 50.000 eigene Soldaten zusammengezogen.", "50.000",
                     article="a3", speaker="HUR"),
              _claim("Moskau habe 45.000 eigene Soldaten in der Gegend.", "45.000", article="a3",
                     speaker="ISW"),
              _claim("Insgesamt sind es 12.000 Soldaten.", "12.000", article="a3", speaker="Z")]
    for ordered in (claims, claims[::-1]):
        groups, grouped = assign_groups(ordered, [STORY])
        label = {g.id: g.label for g in groups}
        by_value = {c.value.low: c.group for c in grouped}
        assert by_value[10000] == by_value[3000] == by_value[12000] != by_value[50000]
        assert by_value[50000] == by_value[45000] and label[by_value[50000]] == "russische Soldaten"
    index = GroupIndex()  # one at a time, the other side's open group first
    first = index.add(_claim("Es sind 10.000 nordkoreanische Soldaten.", "10.000"), "s1")
    own = index.add(claims[2], "s1")
    assert own != first and index.add(claims[3], "s1") == own
    # the larger group is the other side's: a claim naming its side passes it by
    assert index.add(_claim("Es sind 9.000 nordkoreanische Soldaten.", "9.000", speaker="W"), "s1") == first


def test_a_claim_naming_no_side_joins_a_group_of_either():
    claims = [_claim("Russland habe 50.000 eigene Soldaten in Kursk.", "50.000", article="a1"),
              _claim("In Kursk sind nun 60.000 Soldaten.", "60.000", article="a2")]
    _, grouped = assign_groups(claims, [STORY])
    assert grouped[0].group == grouped[1].group


# ---------------------------------------------------------------------------------------
# Places named by a noun: the front


@pytest.mark.parametrize("sentence, figure, where", [
    ("Blogger schreiben von 2.000 Soldaten an der Front.", "2.000", "an der Front"),
    ("Es gibt keine Hinweise, dass 2.000 Nordkoreaner an Kämpfen teilnehmen.", "2.000", "an der Front"),
    ("Im Kampfgebiet stehen inzwischen 4.000 Soldaten.", "4.000", "an der Front"),
    ("Bis zu 700 Soldaten seien an vorderster Front.", "700", "an der Front"),
    # negative: a fight or a position behind the lines is no front
    ("Sie setzen 500 Soldaten im Kampf gegen die Ukraine ein.", "500", None),
    ("Es stehen 900 Soldaten hinter der Front.", "900", None),
    # a toll at the front is the war's running count
    ("An der Front wurden 300 Soldaten getötet.", "300", None),
])
def test_the_front_is_a_place(sentence, figure, where):
    assert claim_features(_claim(sentence, figure)).where == where


def test_troops_at_the_front_are_apart_from_troops_in_the_country():
    claims = [_claim("Nordkorea hat 10.000 Soldaten nach Russland geschickt.", "10.000", article="a1"),
              _claim("Blogger schreiben von 2.000 nordkoreanischen Soldaten an der Front.", "2.000",
                     article="a2", speaker=None),
              _claim("Kiew sieht keine Hinweise, dass 2.000 Nordkoreaner an Kämpfen teilnehmen.",
                     "2.000", article="a2", speaker="K"),
              _claim("Es sind 3.000 Soldaten.", "3.000", article="a3")]
    groups, grouped = assign_groups(claims, [STORY])
    label = {g.id: g.label for g in groups}
    assert grouped[1].group == grouped[2].group != grouped[0].group == grouped[3].group
    assert label[grouped[1].group] == "nordkoreanische Soldaten an der Front"


# ---------------------------------------------------------------------------------------
# Shares written as such, whatever the unit says


@pytest.mark.parametrize("sentence, figure, low, counted, what", [
    ("Ein Viertel gab an, schon einmal umgezogen zu sein.", "Viertel", 25, None, "Prozent"),
    ("Jeder zehnte Befragte fährt mit dem Rad.", "zehnte", 10, None, "Prozent"),
    ("Dem Bericht zufolge halten 55 Prozent der Befragten die Mieten für zu hoch.", "55", 55,
     "Befragte", "Prozent"),
    # negative: the sample of the same survey counts people
    ("Befragt wurden 900 Menschen.", "900", 900, None, "Menschen"),
])
def test_shares_written_as_shares(sentence, figure, low, counted, what):
    assert claim_features(_claim(sentence, figure, low=low, counted=counted)).what == what


def test_shares_of_one_survey_keep_their_topics_apart():
    claims = [_claim("Ein Viertel gab an, schon einmal über einen Umzug nachgedacht zu haben.",
                     "Viertel", low=25),
              _claim("Laut der Umfrage halten 55 Prozent der Befragten ihre Miete für zu hoch.", "55"),
              _claim("Befragt wurden 900 Menschen.", "900")]
    _, grouped = assign_groups(claims, [STORY])
    assert len({c.group for c in grouped}) == 3


def test_people_named_by_origin_join_the_class_counted_at_their_place_whatever_the_value():
    index = GroupIndex()  # the class first: 'Nordkoreaner' arrive when the count has grown
    kursk = index.add(_claim("Es sind 9.000 nordkoreanische Soldaten in Kursk.", "9.000"), "s1")
    russia = index.add(_claim("Es sind 12.000 Soldaten in Russland.", "12.000"), "s1")
    early = _claim("In der Region Kursk seien mehrere hundert Nordkoreaner.", "mehrere hundert",
                   low=200, speaker="CNN")
    assert index.add(early, "s1") == kursk != russia
    # negative: another place, or another side's people at that place, stay apart
    elsewhere = _claim("In der Region Belgorod seien 3.000 Nordkoreaner.", "3.000", speaker="V")
    assert index.add(elsewhere, "s1") not in {kursk, russia}
    others = _claim("In Kursk seien 4.000 Ukrainer.", "4.000", speaker="V")
    assert index.add(others, "s1") != kursk
