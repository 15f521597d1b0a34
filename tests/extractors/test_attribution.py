"""The attribution package: candidate generation, the ranker's scoring and its fitting.

Sentences are written for these tests; none is taken from ../shared.
"""

from __future__ import annotations

import pytest

from newsledger.extractors.attribution import ranker, train
from newsledger.extractors.attribution.names import entity_name, names_no_entity, spokesperson_body
from newsledger.extractors.claims import find_claims
from newsledger.extractors.figures import find_figures
from newsledger.extractors.quotes import find_quotes
from newsledger.extractors.times import find_times
from newsledger.model import Article, Speaker, to_dict
from newsledger.nlp import parse


def claims(text: str, trace: list | None = None):
    doc = parse(Article(id="t", text=text, published="2024-11-26"))
    return list(find_claims(doc, quotes=list(find_quotes(doc)), figures=list(find_figures(doc)),
                            times=list(find_times(doc)), trace=trace))


def candidates_of(text: str, low: float) -> dict[str, str]:
    """Signal of each candidate of the claim with value ``low``, by the candidate's text."""
    (claim,) = [c for c in claims(text) if c.value.low == low]
    return {c.text or "-": c.signal for c in claim.candidates}


def test_every_claim_has_exactly_one_chosen_candidate_and_it_is_the_speaker():
    text = ("Das Ministerium teilte mit, es seien 300 Menschen gekommen. "
            "Laut der Polizei waren es 500. In der Stadt leben 20.000 Menschen.")
    found = claims(text)
    assert len(found) == 3
    for claim in found:
        chosen = [c for c in claim.candidates if c.chosen]
        assert len(chosen) == 1
        speaker = claim.speaker.text if claim.speaker and claim.speaker.named else ""
        assert chosen[0].text == speaker or (chosen[0].kind in ("none", "unnamed") and not speaker)
        assert all(0.0 <= c.score <= 1.0 for c in claim.candidates)
    assert to_dict(found[0])["candidates"][0].keys() >= {"text", "kind", "signal", "score", "chosen"}


@pytest.mark.parametrize(
    "text, low, expected_text, signal",
    [
        # a descriptor with a name in apposition proposes the person
        ("Der Sprecher des Sicherheitsrates, John Kirby, sagte, Nordkorea habe 3.000 Soldaten "
         "geschickt.", 3000, "John Kirby", "apposition"),
        # a sentence-opening 'Wie X, …, mitteilte' clause proposes X for the whole sentence
        ("Wie Anna Berger, Sprecherin des Roten Kreuzes, in Genf mitteilte, hat die Regierung "
         "nur sechs Hubschrauber im Einsatz.", 6, "Anna Berger", "wie_clause"),
        # the subject of the figure's clause, whatever its verb
        ("Die Deutsche Bahn plant im kommenden Jahr 300 neue Züge.", 300, "Die Deutsche Bahn",
         "subject"),
        # the named source of the paragraph carries to a later sentence
        ("Der Verband Kommunaler Unternehmen meldete am Montag 40 Ausfälle. Am Dienstag "
         "seien 12 weitere hinzugekommen.", 12, "Der Verband Kommunaler Unternehmen", "carry"),
    ],
)
def test_signal_families_propose_their_source(text, low, expected_text, signal):
    proposed = candidates_of(text, low)
    # proposed by its own signal, or by the cascade (which then keeps the candidate)
    assert any(expected_text in t and (s == signal or s.startswith("rules:"))
               for t, s in proposed.items()), proposed
    assert "-" in proposed  # 'no named source' is always a candidate


def test_no_named_source_is_a_candidate_even_where_the_cascade_found_one():
    proposed = candidates_of("Laut der Polizei kamen 500 Menschen.", 500)
    assert proposed["-"] == "none"
    assert any(s == "rules:marker" for s in proposed.values())


def test_score_is_the_logistic_of_the_weighted_features():
    model = {"a": 2.0, "b": -1.0}
    assert ranker.score({"a": 1.0}, model) == pytest.approx(1 / (1 + 2.718281828 ** -2))
    assert ranker.score({"a": 1.0, "b": 2.0}, model) == pytest.approx(0.5)
    assert ranker.score({"unknown": 5.0}, model) == pytest.approx(0.5)  # unknown weighs nothing


def test_best_prefers_the_first_of_equal_scores():
    assert ranker.best([0.2, 0.7, 0.7]) == 1
    assert ranker.best([0.5, 0.5]) == 0


def test_a_rule_training_never_saw_or_the_ranker_did_not_beat_keeps_its_pick():
    assert ranker.may_override({"rule=rules:marker": 1.0}, {"rule=rules:marker": 0.3})
    assert not ranker.may_override({"rule=rules:headline": 1.0}, {"rule=rules:marker": 0.3})
    assert not ranker.may_override({"rule=rules:content": 1.0}, {"rule=rules:content": 0.3})
    assert ranker.may_override({"signal=none": 1.0}, {})  # not a rule pick: nothing to keep


def test_fit_learns_which_feature_marks_the_right_candidate():
    groups = [[({"bias": 1.0, "good": 1.0}, 1), ({"bias": 1.0, "bad": 1.0}, 0)] for _ in range(10)]
    weights = train.fit(groups)
    assert weights["good"] > 0 > weights["bad"]
    assert train.choice_accuracy(groups, weights) == 1.0


def test_fit_is_deterministic_and_drops_rare_features():
    groups = [[({"bias": 1.0, "x": 1.0}, 1), ({"bias": 1.0}, 0)] for _ in range(4)]
    groups.append([({"bias": 1.0, "rare": 1.0}, 1), ({"bias": 1.0}, 0)])
    assert train.fit(groups) == train.fit(groups)
    assert "rare" not in train.fit(groups)


def test_the_shipped_weights_load_and_say_what_they_were_fitted_on():
    import json
    from importlib.resources import files

    data = json.loads(files("newsledger.extractors.attribution").joinpath("weights.json").read_text())
    assert "train split" in data["fitted_on"] and "wn-" in data["fitted_on"]
    assert ranker.weights() and all(isinstance(w, float) for w in ranker.weights().values())


def test_trace_receives_each_figure_with_its_proposals():
    trace: list = []
    claims("Laut der Polizei kamen 500 Menschen, die Veranstalter sprachen von 800.", trace)
    assert sorted(f.value.low for f, _ in trace) == [500, 800]
    for _, proposals in trace:  # the cascade's pick first; 'no named source' always there
        assert proposals[0].signal.startswith("rules:")
        assert any(p.key is None for p in proposals)


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("Hamburger Johannes Caspar", "Johannes Caspar"),  # a city adjective is no part of the name
        ("Bundeskanzler Olaf Scholz", "Olaf Scholz"),  # nor a role word
        ("des Instituts Stadtpuls", "Institut Stadtpuls"),  # genitive heads fold
        ("Mietervereins Leipzig", "Mieterverein Leipzig"),
        ("des Bundesamts für Statistik", "Bundesamt für Statistik"),
        ("Ifo-Instituts", "Ifo-Institut"),
        ("Deutsche Bank", "Deutsche Bank"),  # an organisation keeps its adjective
        ("Hamburger Sportverein", "Hamburger Sportverein"),
    ],
)
def test_entity_name_strips_descriptors_and_folds_genitives(phrase, name):
    doc = parse(Article(id="t", text="Ein Satz."))
    assert entity_name(doc, Speaker(phrase, 0, len(phrase))).name == name


@pytest.mark.parametrize(
    "phrase, no_entity",
    [
        ("die Auszählung", True), ("der Tagung", True), ("Ihnen", True), ("Naturkatastrophe", True),
        ("die Polizei", False), ("das Landesamt", False), ("die Veranstalter", False),
        ("der Studie", False), ("Forsa", False), ("Heitzmann", False), ("die Behörde", False),
    ],
)
def test_a_plain_common_noun_or_pronoun_names_no_entity(phrase, no_entity):
    doc = parse(Article(id="t", text="Ein Satz."))
    assert names_no_entity(doc, Speaker(phrase, 0, len(phrase))) is no_entity


def test_a_common_noun_source_is_kept_unnamed():
    (claim,) = claims("Laut der Auszählung liegt der Kandidat mit 55,5 Prozent vorne.")
    assert claim.speaker is None or not claim.speaker.named


def test_choose_keeps_the_pick_of_a_kept_rule_and_else_takes_the_best():
    model = {"rule=rules:marker": 0.1, "rule=rules:content": 0.1, "good": 3.0}
    assert ranker.choose([{"rule=rules:marker": 1.0}, {"good": 1.0}], model) == 1
    assert ranker.choose([{"rule=rules:content": 1.0}, {"good": 1.0}], model) == 0  # KEEP_RULES
    assert ranker.choose([{"rule=rules:marker": 1.0, "good": 1.0}, {}], model) == 0


@pytest.mark.parametrize(
    "phrase, body",
    [
        ("Eine Sprecherin des Gesundheitsministeriums", "Gesundheitsministerium"),
        ("Ein Sprecher der Polizei", "Polizei"),
        ("Ein Polizeisprecher", "Polizei"),
        ("Ein Regierungssprecher", "Regierung"),
        ("Der Kreml-Sprecher", "Kreml"),
        ("Der Sprecher des Sicherheitsrates, John Kirby", None),  # named: the person speaks
        ("Die Polizei", None),
    ],
)
def test_an_unnamed_spokesperson_speaks_for_the_body(phrase, body):
    doc = parse(Article(id="t", text="Ein Satz."))
    found = spokesperson_body(doc, Speaker(phrase, 0, len(phrase), named=False))
    assert (found.name if found else None) == body


def test_a_ministry_spokeswoman_s_figure_is_the_ministry_s():
    (claim,) = claims("Eine Sprecherin des Gesundheitsministeriums sagte, es seien 300 Fälle.")
    assert claim.speaker.named and claim.speaker.name == "Gesundheitsministerium"


def test_a_definite_report_back_reference_speaks_for_who_published_it():
    text = ("Die Weltbank legte am Montag ihren Bericht vor.\n\n"
            "Dem Bericht zufolge leben 700 Millionen Menschen in Armut.")
    (claim,) = claims(text)
    assert claim.speaker.named and claim.speaker.name == "Weltbank"
    (unsourced,) = claims("Es gibt einen neuen Bericht.\n\nDem Bericht zufolge leben 700 Millionen "
                          "Menschen in Armut.")
    assert unsourced.speaker is None or not unsourced.speaker.named


def speaker_of(text: str, low: float) -> str | None:
    """The named speaker's name of the claim with value ``low`` (None: no named source)."""
    (claim,) = [c for c in claims(text) if c.value.low == low]
    return claim.speaker.name if claim.speaker is not None and claim.speaker.named else None


@pytest.mark.parametrize(
    "text, low, expected",
    [
        # a bare surname before a cue verb, resolved to the full name given before
        ("Die Ministerin Petra Lindner stellte den Plan vor. Lindner sagte, dass 40 Schulen "
         "saniert würden.", 40, "Petra Lindner"),
        # a quoted name before the cue
        ("Der „Nordkurier“ berichtet, dass zwei Verhandlungsrunden gescheitert seien.", 2,
         "Nordkurier"),
        # a cue in Konjunktiv I
        ("Die IAEO gehe davon aus, dass 800 Brennstäbe fehlen.", 800, "IAEO"),
        # a newspaper's name compound is a name, not a common noun
        ("Das Handelsblatt schreibt, es gebe bis zu zehn Prozent Rabatt.", 10, "Handelsblatt"),
        # a report compounded with an outlet, and a report with an outlet as its owner
        ("Die Behörden rechnen laut einer dpa-Meldung mit 17 Verletzten.", 17, "dpa"),
        ("Laut einem Artikel der Nachrichtenagentur Reuters kamen 90 Menschen ums Leben.", 90,
         "Nachrichtenagentur Reuters"),
        # 'Demnach' opening a paragraph: whoever published the report before
        ("Die Bundesagentur für Arbeit veröffentlichte am Donnerstag neue Zahlen.\n\n"
         "Demnach waren im Mai 2,6 Millionen Menschen arbeitslos.", 2_600_000,
         "Bundesagentur für Arbeit"),
        # a descriptor that is no role word, with the person's name in apposition
        ("So sagte der für die Nordregion zuständige Koordinator für Hilfseinsätze, Deftalgne "
         "Tessema, dass nur 14 Boote im Einsatz seien.", 14, "Deftalgne Tessema"),
    ],
)
def test_speaker_families(text, low, expected):
    assert speaker_of(text, low) == expected


INTERVIEW = (
    "Die Ökonomin Ruth Albrecht im Gespräch über die Preise.\n\n"
    "Frage: Viele rechnen mit 3 Prozent Inflation. Zu Recht?\n\n"
    "Albrecht: Eher mit 4 Prozent. Die Löhne steigen um 6 Prozent.\n\n"
    "Frage: Und die Mieten?\n\n"
    "Albrecht: Sie steigen um 5 Prozent."
)


@pytest.mark.parametrize("low, expected", [(3, None), (4, "Ruth Albrecht"), (6, "Ruth Albrecht"),
                                           (5, "Ruth Albrecht")])
def test_interview_answers_belong_to_the_turn_label_and_questions_to_no_one(low, expected):
    assert speaker_of(INTERVIEW, low) == expected


def test_two_label_lines_without_a_question_label_are_no_interview():
    text = "Berlin: Die Stadt hat 3,8 Millionen Einwohner.\nHamburg: Dort sind es 1,9 Millionen."
    assert speaker_of(text, 1_900_000) is None


@pytest.mark.parametrize(
    "text, low, expected",
    [
        # a relative or 'das sind' clause after the sentence's only source, a named marker
        ("Laut WHO sind weltweit 600 Millionen Männer betroffen, das sind etwa 30 Prozent.", 30,
         "WHO"),
        ("Nach Angaben der Agentur Novosti war es ein Sprengsatz, der in einer Höhe von 1,5 "
         "Metern gezündet wurde.", 1.5, "Agentur Novosti"),
        # but a clause with a source of its own keeps it
        ("Laut Polizei kamen 500 Menschen, das Innenministerium sprach von 2.000.", 2000,
         "Innenministerium"),
        # a named subject counting or forecasting under a marker is the innermost source
        ("Nach Angaben des Ministeriums zählte die Feuerwehr 300 Einsätze.", 300, "Feuerwehr"),
        ("Laut Reuters rechnen Händler mit 20 Prozent weniger Kunden.", 20, "Reuters"),
        # a sentence-opening 'Wie X, …, mitteilte' clause scopes the sentence
        ("Wie Steve Marshall, Sprecher der UN-Büros, in Bangkok mitteilte, hat die Regierung "
         "nur sechs Hubschrauber im Einsatz.", 6, "Steve Marshall"),
    ],
)
def test_sentence_wide_sources(text, low, expected):
    assert speaker_of(text, low) == expected


@pytest.mark.parametrize(
    "text, low, expected",
    [
        # people named by what they do, as a plural: a collective, no named source
        ("Nach Angaben der Veranstalter kamen 7.000 Menschen.", 7000, None),
        ("Die Befürworter sprechen von einem Budget von 900.000 Euro.", 900_000, None),
        # a singular outlet or a role is no group
        ("Der „Nordkurier“ berichtet, dass 12 Filialen schließen.", 12, "Nordkurier"),
        ("Der Minister Hans Brandt besuchte die Stadt. Der Minister sagte, es gebe 40 neue "
         "Stellen.", 40, "Hans Brandt"),
        # a generic noun points back to the name it heads
        ("Der Mieterverein Leipzig legte Zahlen vor. Die Mitgliederzahl sei auf 11.400 "
         "gestiegen, teilte der Verein mit.", 11_400, "Mieterverein Leipzig"),
        ("Die Deutsche Bahn streicht Züge. Nach Angaben der Bahn fahren 20 Prozent der Züge.",
         20, "Deutsche Bahn"),
        # a possessive report points back to the source named before
        ("Der Sicherheitsforscher Felix Baumgart warnt. Laut seiner Auswertung von Scan-Daten "
         "sind noch 1.400 Geräte ungepatcht.", 1400, "Felix Baumgart"),
        # a pronoun subject of a forecast verb is the person named before
        ("Die Analystin Marion Keller ist skeptisch. Sie rechnet damit, dass die Firma "
         "höchstens 150.000 Geräte absetzt.", 150_000, "Marion Keller"),
        # a definite report noun alone points back to the source before it
        ("Die Stadtwerke Lohmar meldeten einen Angriff. Dem Bericht zufolge waren 1.400 Geräte "
         "betroffen.", 1400, "Stadtwerke Lohmar"),
        # 'nach'/'gemäß' with a report noun and its owner is a source marker
        ("Nach einer Auswertung des Mietervereins Leipzig lagen die Mieten bei 7,85 Euro.", 7.85,
         "Mieterverein Leipzig"),
    ],
)
def test_collectives_back_references_and_report_markers(text, low, expected):
    assert speaker_of(text, low) == expected
