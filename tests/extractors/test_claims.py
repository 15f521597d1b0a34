"""Claims: figures joined with their attribution, polarity, certainty, dates and merging.

Unit cases run the real pipeline (parse → find_quotes → find_figures → find_times → find_claims)
on sentences written for these tests, across topics (war, demonstrations, polls, economy,
strikes, migration, disasters). The seed gate scores ../shared/seeds against the gold.
"""

from __future__ import annotations

import json

import pytest

from newsledger.evaluate import score_claims
from newsledger.extractors.claims import EXTRACTOR_VERSION, find_claims
from newsledger.extractors.figures import find_figures
from newsledger.extractors.quotes import find_quotes
from newsledger.model import Article, to_dict
from newsledger.nlp import parse

try:
    from newsledger.extractors.times import find_times  # type: ignore[attr-defined]
except ImportError:  # the temporal tagger is optional for claims
    find_times = None


def claims(text: str, published: str = "2024-11-26"):
    doc = parse(Article(id="t", text=text, published=published))
    times = list(find_times(doc)) if find_times else []
    return list(
        find_claims(
            doc,
            quotes=list(find_quotes(doc)),
            figures=list(find_figures(doc)),
            times=times,
        )
    )


def speaker_of(claim) -> str | None:
    """The speaker as scoring sees it: None for no or an unnamed speaker."""
    if claim.speaker is None or not claim.speaker.named:
        return None
    return claim.speaker.name or claim.speaker.text


ATTRIBUTION_CASES = [
    # (text, value low, expected speaker word or None, qualifier)
    (
        "Selenskyj sagte, Putin habe 10.000 Soldaten verloren.",
        10000,
        "Selenskyj",
        "exact",
    ),
    (
        "Laut dem Statistischen Bundesamt stiegen die Preise um 2,4 Prozent.",
        2.4,
        "Bundesamt",
        "exact",
    ),
    (
        "Nach Angaben der Polizei nahmen etwa 5.000 Menschen teil.",
        5000,
        "Polizei",
        "about",
    ),
    (
        "Der Geheimdienst schätzt, dass bis zu 600 Kämpfer getötet wurden.",
        600,
        "Geheimdienst",
        "up_to",
    ),
    (
        "Das Rote Kreuz teilte mit, mindestens 80 Menschen seien ums Leben gekommen.",
        80,
        "Kreuz",
        "at_least",
    ),
    (
        "Der Sprecher der Stadt, Peter Müller, sagte: „Wir rechnen mit bis zu 2.000 Besuchern.“",
        2000,
        "Müller",
        "up_to",
    ),
    ("Die Gewerkschaft Verdi sprach von 20.000 Streikenden.", 20000, "Verdi", "exact"),
    # carried over within the paragraph by "Demnach"
    (
        "Das Rote Kreuz teilte mit, 80 Menschen seien gestorben. Demnach wurden mehr als 300 verletzt.",
        300,
        "Kreuz",
        "more_than",
    ),
    # the outlet's own statement: no speaker
    ("Im Juni kamen 12.345 Migranten über das Mittelmeer.", 12345, None, "exact"),
    (
        "Angeblich sollen bei dem Angriff 40 Zivilisten ums Leben gekommen sein.",
        40,
        None,
        "exact",
    ),
]


@pytest.mark.parametrize(
    "text, low, speaker, qualifier",
    ATTRIBUTION_CASES,
    ids=[c[0][:40] for c in ATTRIBUTION_CASES],
)
def test_attribution(text, low, speaker, qualifier):
    (claim,) = [c for c in claims(text) if c.value.low == low]
    got = speaker_of(claim)
    assert (got is None) == (speaker is None), claim
    if speaker is not None:
        assert speaker.lower() in got.lower()
    assert claim.value.qualifier == qualifier


def test_police_and_organisers_get_their_own_figures():
    gapped = {
        c.value.low: speaker_of(c)
        for c in claims(
            "Die Polizei sprach von 3.000 Teilnehmern, die Gewerkschaft von 10.000."
        )
    }
    assert "Polizei" in gapped[3000] and "Gewerkschaft" in gapped[10000]
    own_subject = {
        c.value.low: speaker_of(c)
        for c in claims(
            "Die Gewerkschaft sprach von mehr als 10.000 Teilnehmern, die Stadt zählte rund 4.000."
        )
    }
    assert "Gewerkschaft" in own_subject[10000]
    assert own_subject[4000] is None or "Gewerkschaft" not in own_subject[4000]
    marker = {
        c.value.low: speaker_of(c)
        for c in claims(
            "Nach Angaben der Gewerkschaft kamen rund 7.000 Menschen, die Polizei zählte 4.000."
        )
    }
    assert "Gewerkschaft" in marker[7000]
    assert marker[4000] is None or "Veranstalter" not in marker[4000]


@pytest.mark.parametrize(
    "text, speaker",
    [
        (
            "Die Tour brachte 558 Millionen Dollar ein. Das berichtete die Zeitschrift Billboard.",
            "Billboard",
        ),
        (
            "Bei dem Beben starben mindestens 65 Menschen. Dies bestätigte Premierminister John Key.",
            "Key",
        ),
        (
            (
                "Die Armee verlor mehr als 3000 Mann. Diese vorläufige Schätzung nannte der Präsident "
                "Wolodymyr Selenskyj am Abend."
            ),
            "Selenskyj",
        ),
        # a determiner of a new subject is no back-reference
        (
            (
                "Der Versorger verteuerte den Strom um 0,51 Cent. Das Unternehmen wollte laut "
                "Ministerium mehr."
            ),
            None,
        ),
    ],
)
def test_back_reference_to_the_previous_sentence(text, speaker):
    first = min(claims(text), key=lambda c: c.evidence[0].start)
    got = speaker_of(first)
    assert (got is None) if speaker is None else (speaker in (got or ""))


def test_a_clause_opening_with_its_subject_is_no_attribution_of_the_clause_before():
    found = {
        c.value.low: speaker_of(c)
        for c in claims(
            "Die Polizei zählte 3.000 Teilnehmer, die Gewerkschaft sprach von 10.000."
        )
    }
    assert found[3000] is None or "Gewerkschaft" not in found[3000]
    assert "Gewerkschaft" in found[10000]
    (inverted,) = claims("Putin habe 10.000 Soldaten verloren, sagte Selenskyj.")
    assert "Selenskyj" in speaker_of(inverted)


@pytest.mark.parametrize(
    "headline, speaker",
    [
        ("Selenskyj: Mehr als 3000 Nordkoreaner getötet", "Selenskyj"),
        ("Ukraine-Krieg: Mehr als 3000 Nordkoreaner getötet", None),
    ],
)
def test_headline_source_before_a_colon(headline, speaker):
    text = (
        headline
        + "\n\nPräsident Wolodymyr Selenskyj sagte, 3000 Nordkoreaner seien tot."
    )
    (claim,) = [c for c in claims(text) if c.value.qualifier == "more_than"]
    got = speaker_of(claim)
    assert (got is None) if speaker is None else (speaker in (got or ""))


def test_poll_results_listed_after_the_attributed_one_keep_its_source():
    found = claims(
        "Laut dem Institut Insa kommt die Union auf 31 Prozent.\n\n"
        "Die SPD erreicht 16 Prozent, die Grünen kommen auf 11 Prozent."
    )
    rules = {c.value.low: c.rule.split(";")[0] for c in found}
    assert rules[16].startswith("speaker:survey_carry") and rules[11].startswith(
        "speaker:survey_carry"
    )
    assert len({speaker_of(c) for c in found}) == 1


def test_a_new_time_stops_the_poll_carry_over():
    found = claims(
        "Laut dem Institut Insa kommt die Union auf 31 Prozent. "
        "Im Jahr 2021 hatte die Partei am 26. September 24 Prozent erreicht."
    )
    (old,) = [c for c in found if c.value.low == 24]
    assert old.rule.startswith("speaker:outlet")


@pytest.mark.parametrize(
    "text, low, polarity, certainty",
    [
        (
            "Das Ministerium dementierte, dass 500 Menschen getötet worden seien.",
            500,
            "denied",
            "reported",
        ),
        (
            "Der Verband wies die Forderung von 7 Prozent mehr Lohn zurück.",
            7,
            "denied",
            "reported",
        ),
        (
            "Die Regierung bestreitet nicht, dass 300 Soldaten dort sind.",
            300,
            "asserted",
            "reported",
        ),
        (
            "Angeblich sollen 40 Zivilisten ums Leben gekommen sein.",
            40,
            "asserted",
            "alleged",
        ),
        (
            "Die Behörde schätzt, dass 600 Menschen obdachlos sind.",
            600,
            "asserted",
            "estimated",
        ),
        (
            "Nach vorläufigen Angaben kamen 35 Menschen ums Leben.",
            35,
            "asserted",
            "estimated",
        ),
        (
            "Ministerin Faeser bestätigte, dass 351.915 Anträge gestellt wurden.",
            351915,
            "asserted",
            "confirmed",
        ),
        (
            "Das Institut erwartet, dass bis Dezember 3.000 Stellen wegfallen.",
            3000,
            "asserted",
            "expected",
        ),
        (
            "Das Ministerium hat nicht bestätigt, dass 300 Soldaten dort sind.",
            300,
            "asserted",
            "reported",
        ),
        ("Kiew hat keine Hinweise auf 3.000 Soldaten.", 3000, "denied", "reported"),
        (
            "Russland wies Berichte zurück, wonach 3.000 Soldaten gefallen seien.",
            3000,
            "denied",
            "reported",
        ),
        (
            "Die Ukraine meldete 300 getötete Soldaten; Moskau dementierte.",
            300,
            "asserted",
            "reported",
        ),
        (
            "Die Polizei zählte am Samstag 4.000 Teilnehmer.",
            4000,
            "asserted",
            "reported",
        ),
    ],
)
def test_polarity_and_certainty(text, low, polarity, certainty):
    (claim,) = [c for c in claims(text) if c.value.low == low]
    assert (claim.polarity, claim.certainty) == (polarity, certainty)


@pytest.mark.skipif(find_times is None, reason="needs the temporal tagger")
def test_when_is_the_date_of_the_statement_and_refers_to_the_forecast_target():
    (stated,) = claims(
        "Ministerin Faeser sagte am Montag, dass 351.915 Anträge gestellt wurden."
    )
    assert stated.when == "2024-11-25"
    (forecast,) = claims(
        "Der Geheimdienst erwartet, dass Nordkorea bis Dezember 10.000 Soldaten schickt.",
        published="2024-10-23",
    )
    assert (forecast.when, forecast.refers_to, forecast.certainty) == (
        "2024-10-23",
        "2024-12",
        "expected",
    )


@pytest.mark.skipif(find_times is None, reason="needs the temporal tagger")
def test_when_from_a_wie_clause_but_not_from_the_counted_event():
    (relayed,) = claims(
        "Wie der Sender CNN am Montag berichtete, sollen 300 Soldaten dort sein."
    )
    assert relayed.when == "2024-11-25"
    (event,) = claims(
        "Nach Angaben des Ministeriums kamen im Oktober 25.000 Asylsuchende."
    )
    assert (event.when, event.refers_to) == ("2024-11-26", "2024-10")


def test_when_defaults_to_the_publication_date():
    (claim,) = claims("Im Stadion waren 84 866 Zuschauer.", published="2024-05-04")
    assert claim.when == "2024-05-04"


def test_repeated_mentions_merge_into_one_claim_with_evidence():
    text = (
        "Mehr als 3000 Soldaten verloren\n\n"
        "Laut Selenskyj haben die Truppen mehr als 3000 Soldaten verloren. "
        "Selenskyj sagte, es seien mehr als 3000 Soldaten."
    )
    found = [c for c in claims(text) if c.value.low == 3000]
    (claim,) = [c for c in found if speaker_of(c)]
    assert "Selenskyj" in speaker_of(claim)
    assert len(claim.evidence) == 2
    for evidence in claim.evidence:
        assert text[evidence.start : evidence.end].lower() == "mehr als 3000"
    # the unsourced headline is the outlet's own statement: a claim of its own (GUIDELINES)
    (headline,) = [c for c in found if not speaker_of(c)]
    assert headline.evidence[0].start == 0


def test_same_value_twice_in_one_sentence_is_two_claims():
    text = "Bei einem Beben der Stärke 6 in den Bergen sind sechs Menschen gestorben."
    assert sorted(len(c.evidence) for c in claims(text) if c.value.low == 6) == [1, 1]


def test_definite_back_reference_is_a_mention_of_the_first_claim():
    text = ("Laut Polizei wurden sieben Boote beschlagnahmt.\n\n"
            "Die sieben Boote lagen im Hafen von Kiel.")
    (claim,) = [c for c in claims(text) if c.value.low == 7]
    assert len(claim.evidence) == 2 and "Polizei" in speaker_of(claim)


def test_same_value_in_different_units_is_two_claims():
    text = "Die Mieten stiegen um 4 Prozent.\n\nDer Zuschlag beträgt nun 4 Euro."
    found = [c for c in claims(text) if c.value.low == 4]
    assert sorted(c.value.unit for c in found) == ["EUR", "percent"]


def test_headline_figure_stays_apart_when_two_sources_give_it():
    text = (
        "3000 Soldaten verloren\n\n"
        "Laut Selenskyj verloren die Truppen 3000 Soldaten. Laut Kiew waren es 3000 Soldaten."
    )
    found = [c for c in claims(text) if c.value.low == 3000]
    assert len(found) == 3


def test_different_things_counted_stay_separate_claims():
    text = "Selenskyj sagte, zwei Einheiten würden trainieren, vielleicht zwei Brigaden mit jeweils 6.000 Mann."
    twos = [c for c in claims(text) if c.value.low == 2]
    assert sorted(c.counted for c in twos) == ["Brigaden", "Einheiten"]


def test_claim_records_extractor_rule_and_confidence():
    (claim,) = claims("Selenskyj sagte, Putin habe 10.000 Soldaten verloren.")
    assert claim.extractor == EXTRACTOR_VERSION
    assert claim.rule.startswith("speaker:content:")
    assert 0.0 < claim.confidence <= 1.0
    (own,) = claims("Im Stadion waren 84 866 Zuschauer.")
    assert own.confidence < claim.confidence and own.rule.startswith("speaker:outlet")


# Floors a little below the measured seed scores (benchmarks/eval_claims.py); move them on purpose.
SEED_FIGURE_F1_FLOOR = 0.95
SEED_CLAIM_F1_FLOOR = 0.90


@pytest.mark.shared
def test_seed_accuracy_gate(shared):
    articles = [
        json.loads(line)
        for line in (shared / "seeds" / "articles.jsonl")
        .read_text("utf-8")
        .splitlines()
        if line.strip()
    ]
    gold = [
        json.loads(line)
        for line in (shared / "gold" / "seeds.claims.jsonl")
        .read_text("utf-8")
        .splitlines()
        if line.strip()
    ]
    pred = []
    for record in articles:
        text = record["text"]
        for claim in claims(text, published=record["published"]):
            pred.append({**to_dict(claim), "article": record["id"]})
    score = score_claims(gold, pred, articles=[r["id"] for r in articles])
    assert score["figures"]["f1"] >= SEED_FIGURE_F1_FLOOR, score["articles"]
    assert score["claims"]["f1"] >= SEED_CLAIM_F1_FLOOR, score["articles"]


# --------------------------------------------------------------------------- claims-0.2 rule families


def speakers(text: str, published: str = "2024-11-26") -> dict[float, str | None]:
    return {c.value.low: speaker_of(c) for c in claims(text, published)}


@pytest.mark.parametrize(
    "text, low, speaker",
    [
        # headline 'X:' names the body's speaker (a close spelling or the full name)
        (
            (
                "Merz: 50.000 neue Stellen bis 2026\n\n"
                "Bundeskanzler Friedrich Merz sagte am Montag, es würden 50.000 neue Stellen geschaffen."
            ),
            50000,
            "Merz",
        ),
        # of two body sources, the headline states the asserted one, not the denial
        (
            (
                "Feuerwehr: Mehr als 200 Einsätze nach Sturm\n\n"
                "Die Feuerwehr teilte mit, es habe mehr als 200 Einsätze gegeben. "
                "Der Bürgermeister wies Berichte über mehr als 200 Einsätze zurück."
            ),
            200,
            "Feuerwehr",
        ),
    ],
)
def test_headline_prefix_merges_with_the_body_claim(text, low, speaker):
    found = [c for c in claims(text) if c.value.low == low]
    headline_claims = [
        c for c in found if any(e.start < text.index("\n") for e in c.evidence)
    ]
    (claim,) = headline_claims
    assert speaker in speaker_of(claim) and len(claim.evidence) == 2


def test_headline_topic_prefix_without_body_twin_stays_the_outlets():
    (claim,) = claims(
        "Sturmtief: Mehr als 200 Einsätze\n\nIn der Nacht gab es viele Schäden."
    )
    assert speaker_of(claim) is None


@pytest.mark.parametrize(
    "text, low, speaker",
    [
        # 'hieß es weiter' continues the report; a 'Demnach' paragraph carries it on
        (
            (
                "Das Landesamt teilte mit, im Mai seien 1.200 Asylanträge gestellt worden. Die meisten "
                "Antragsteller stammten aus Syrien, hieß es weiter.\n\nDemnach wurden im April 900 "
                "Anträge registriert."
            ),
            900,
            "Landesamt",
        ),
        # a relay pointing back keeps the reported source, not the unnamed intermediaries
        (
            (
                "Die Gewerkschaft rechnet mit mehr als 5.000 Streikenden. Das berichtete die Agentur "
                "dpa unter Berufung auf Funktionäre.\n\nDemnach sollen bis Freitag 8.000 Beschäftigte "
                "die Arbeit niederlegen."
            ),
            8000,
            "Gewerkschaft",
        ),
        # negative: a new impersonal report carries nothing
        (
            "Das Amt meldete 300 Fälle. Zuletzt hieß es, 500 Menschen seien erkrankt.",
            500,
            None,
        ),
    ],
)
def test_continuations_take_the_source_of_the_report(text, low, speaker):
    got = speakers(text)[low]
    assert (got is None) if speaker is None else (speaker in (got or ""))


@pytest.mark.parametrize(
    "text, low, speaker",
    [
        # the cue of the figure's own clause beats a sentence-wide 'wie X berichtete' relay
        (
            (
                "Wie die Zeitung unter Berufung auf den Minister Max Huber berichtete, geht die "
                "Behörde von 400 Verletzten aus."
            ),
            400,
            "Behörde",
        ),
        # an unnamed hedge in the reported clause gives way to the inverted named cue
        (
            (
                "Nach vorläufigen Angaben kamen 250 Menschen ums Leben, sagte Innenministerin Anna "
                "Berg am Montag."
            ),
            250,
            "Berg",
        ),
        # negative: an unnamed marker alone stays unnamed
        ("Nach vorläufigen Angaben kamen 250 Menschen ums Leben.", 250, None),
    ],
)
def test_own_clause_and_inverted_cues(text, low, speaker):
    got = speakers(text)[low]
    assert (got is None) if speaker is None else (speaker in (got or ""))


@pytest.mark.parametrize(
    "text, low, speaker",
    [
        (
            "Der Verband zählte im vergangenen Jahr 12.000 neue Mitglieder.",
            12000,
            "Verband",
        ),
        (
            "Die Gewerkschaft Verdi hatte zuvor von 9.000 Streikenden gesprochen.",
            9000,
            "Verdi",
        ),
        (
            (
                "Der Verein „Sauberer Fluss“, der die Aktion organisiert hatte, registrierte "
                "mehr als 600 Helfer."
            ),
            600,
            "Verein",
        ),
        ("Am Sonntag registrierte die Feuerwehr 300 Einsätze.", 300, "Feuerwehr"),
        # negatives: the figure is the subject; no counting verb
        ("Zwei Drittel gaben an, zufrieden zu sein.", 66.67, None),
        ("Die Zahl der Toten stieg auf 300.", 300, None),
    ],
)
def test_subject_of_a_counting_verb_is_the_source(text, low, speaker):
    got = speakers(text)[low]
    assert (got is None) if speaker is None else (speaker in (got or ""))


@pytest.mark.parametrize(
    "text, low, speaker",
    [
        # collectives and unnamed owners are null
        (
            "Ukrainische Militärblogger hatten von 500 Gefangenen geschrieben.",
            500,
            None,
        ),
        ("Abgeordnete berichteten von 40 Festnahmen.", 40, None),
        ("Nach Schätzungen westlicher Experten flohen 20.000 Menschen.", 20000, None),
        # a report noun speaks for its named owner
        (
            "Laut einer Studie der Universität Mannheim arbeiten 40 Prozent im Homeoffice.",
            40,
            "Mannheim",
        ),
        # negative: a definite authority is named
        ("Die Polizei sprach von 300 Teilnehmern.", 300, "Polizei"),
    ],
)
def test_collective_sources_and_report_owners(text, low, speaker):
    got = speakers(text)[low]
    assert (got is None) if speaker is None else (speaker in (got or ""))


def test_survey_sample_and_results_keep_the_survey_source():
    found = speakers(
        "Laut einer Umfrage des Instituts Forsa befürworten 55 Prozent ein Tempolimit. "
        "Befragt wurden 1.500 Menschen.\n\nJeder vierte Befragte fährt selten Auto."
    )
    assert all("Forsa" in (found[v] or "") for v in (55, 1500, 25))
    other = speakers(
        "Laut einer Umfrage des Instituts Forsa befürworten 55 Prozent ein Tempolimit.\n\n"
        "Im Stadion waren 30.000 Zuschauer."
    )
    assert other[30000] is None  # no survey word, no share: not a poll result


def english_claims(text: str):
    doc = parse(Article(id="t", text=text, published="2024-11-26", language="en"))
    return list(
        find_claims(
            doc,
            quotes=list(find_quotes(doc)),
            figures=list(find_figures(doc)),
            times=[],
        )
    )


@pytest.mark.parametrize(
    "text, low, qualifier, speaker",
    [
        (
            "The ministry said on Tuesday that about 1.2 million people were affected.",
            1_200_000,
            "about",
            "ministry",
        ),
        (
            "According to the UN, at least 3,000 refugees crossed the border.",
            3000,
            "at_least",
            "UN",
        ),
        (
            "Unemployment rose to 4.5 percent, the agency reported.",
            4.5,
            "exact",
            "agency",
        ),
        (
            "Officials believe that nearly 2,000 houses were destroyed.",
            2000,
            "less_than",
            None,
        ),
        ("More than 15,000 fans watched the match.", 15000, "more_than", None),
    ],
)
def test_english_articles(text, low, qualifier, speaker):
    (claim,) = [c for c in english_claims(text) if c.value.low == low]
    assert claim.value.qualifier == qualifier
    got = speaker_of(claim)
    assert (got is None) if speaker is None else (speaker in (got or ""))


def test_english_dates_are_no_figures():
    assert (
        english_claims("The talks began on October 25 and ended on 3 November.") == []
    )


# The demo corpus gold (in the repo, always run): the whole pipeline as `newsledger extract`.
DEMO_CLAIM_F1_FLOOR = 0.95  # measured 1.00 (claims-0.2)


def test_demo_gold_claims_accuracy_gate():
    from pathlib import Path

    from newsledger import evaluate
    from newsledger.config import load_config
    from newsledger.workflows import extract_files

    demo = Path(__file__).resolve().parents[2] / "src" / "newsledger" / "demo"
    result = extract_files([demo / "articles.jsonl"], config=load_config())
    pred = [to_dict(c) for c in result.records("claims")]
    gold = evaluate.load_jsonl(demo / "gold.claims.jsonl")
    score = evaluate.score_claims(gold, pred, articles={r["doc"] for r in gold})
    assert score["claims"]["f1"] >= DEMO_CLAIM_F1_FLOOR, score["articles"]


# --------------------------------------------------------------------------- claims-0.3 rule families


@pytest.mark.parametrize(
    "text, low, speaker",
    [
        # a poll's results go on being listed: comparisons and other parties' shares
        (
            ("Laut einer Erhebung des Instituts Civey liegen die Grünen bei 14 Prozent. "
            "Das sind 1,5 Prozentpunkte weniger als in der Vorwoche. Die FDP erreicht 6 Prozent."
            "\n\nDie Linke kommt auf 4 Prozent."),
            1.5,
            "Civey",
        ),
        (
            ("Laut einer Erhebung des Instituts Civey liegen die Grünen bei 14 Prozent. "
            "Das sind 1,5 Prozentpunkte weniger als in der Vorwoche. Die FDP erreicht 6 Prozent."
            "\n\nDie Linke kommt auf 4 Prozent."),
            6,
            "Civey",
        ),
        (
            ("Laut einer Erhebung des Instituts Civey liegen die Grünen bei 14 Prozent. "
            "Das sind 1,5 Prozentpunkte weniger als in der Vorwoche. Die FDP erreicht 6 Prozent."
            "\n\nDie Linke kommt auf 4 Prozent."),
            4,
            "Civey",
        ),
        # negative: a new time ends the listing
        (
            ("Laut einer Erhebung des Instituts Civey liegen die Grünen bei 14 Prozent. "
            "Bei der Wahl im September 2021 hatten sie 15 Prozent erreicht."),
            15,
            None,
        ),
        # possessive back-references and anaphoric generic nouns
        (
            "Die Feuerwehr Hamburg rückte aus. Nach ihren Angaben wurden 14 Menschen verletzt.",
            14,
            "Feuerwehr Hamburg",
        ),
        (
            "Das Landesamt für Statistik legte Zahlen vor. Die Behörde zählte 2.300 Geburten.",
            2300,
            "Landesamt für Statistik",
        ),
        (
            "Der Versandhändler Otto meldete Verluste. Der Versandhändler zählte 900 Retouren.",
            900,
            "Versandhändler",  # no kind in the lexicon: stays as written
        ),
        (
            ("Nach ersten Berechnungen, die das sächsische Finanzministerium am Montag vorlegte, "
            "fehlen 80 Millionen Euro."),
            80_000_000,
            "Finanzministerium",
        ),
        # 'demnach' carries over the counted event's own time
        (
            ("Der Verband der Autoindustrie meldete 41.000 Neuzulassungen.\n\n"
            "Im Vorjahresmonat waren es demnach 38.000."),
            38000,
            "Verband",
        ),
        # the source in the next sentence
        (
            ("Im Oktober wurden 6.200 Wohnungen genehmigt. Das geht aus Zahlen des "
            "Statistischen Landesamts hervor."),
            6200,
            "Landesamt",
        ),
        (
            "Wie aus dem Lagebericht der Bundespolizei hervorgeht, wurden 310 Schleuser gefasst.",
            310,
            "Bundespolizei",
        ),
        # 'hieß es weiter' takes its own paragraph's source
        (
            ("Die Bahn meldete 90 Ausfälle.\n\nDas Verkehrsministerium zählte 45 Baustellen. "
            "Es gebe 12 Umleitungen, hieß es weiter."),
            12,
            "Verkehrsministerium",
        ),
        # a publication speaks for its owner
        (
            "Im Monatsbericht der Bundesbank heißt es, 3,1 Prozent der Kredite seien faul.",
            3.1,
            "Bundesbank",
        ),
        (
            "Laut dem Jahresbericht der Verbraucherzentrale gab es 5.400 Beschwerden.",
            5400,
            "Verbraucherzentrale",
        ),
        # generic groups and people named by what they do, in the plural, are unnamed (the
        # real-news train gold: 'nach Angaben der Veranstalter' is null); a body is not
        ("Die Versicherer rechnen mit Schäden von 700 Millionen Euro.", 700_000_000, None),
        ("Händler berichten von 20 Prozent weniger Kunden.", 20, None),
        ("Die Veranstalter sprachen von 9.000 Teilnehmern.", 9000, None),
        ("Die Gewerkschaft sprach von 9.000 Teilnehmern.", 9000, "Gewerkschaft"),
    ],
)
def test_claims_03_attribution(text, low, speaker):
    got = speakers(text)[low]
    assert (got is None) if speaker is None else (speaker in (got or "")), got


@pytest.mark.parametrize(
    "text, low, polarity, certainty",
    [
        ("Die Reederei wies das zurück: Der Schaden betrage 4 Millionen Euro.", 4_000_000,
         "asserted", "reported"),
        ("Von 300 Entlassungen könne keine Rede sein, sagte die Sprecherin.", 300,
         "denied", "reported"),
        ("Die Reederei wies Berichte zurück, wonach 40 Schiffe festsitzen.", 40,
         "denied", "reported"),
        ("Der Rat, der das Gesetz prüfen soll, zählte 60 Einwände.", 60, "asserted", "reported"),
        ("In Lyon sollen 60 Autos gebrannt haben.", 60, "asserted", "alleged"),
        ("Zuletzt hieß es, 70 Menschen würden vermisst.", 70, "asserted", "alleged"),
        ("Der Zoll zählte 70 Funde. Es seien 80 Waffen, hieß es weiter.", 80, "asserted",
         "reported"),
        ("Der Konzern kündigte an, 1.200 Stellen abzubauen.", 1200, "asserted", "expected"),
        ("Die Ministerin hat 50 Millionen Euro in Aussicht gestellt.", 50_000_000, "asserted",
         "expected"),
    ],
)
def test_claims_03_polarity_and_certainty(text, low, polarity, certainty):
    (claim,) = [c for c in claims(text) if c.value.low == low]
    assert (claim.polarity, claim.certainty) == (polarity, certainty)


@pytest.mark.skipif(find_times is None, reason="needs the temporal tagger")
@pytest.mark.parametrize(
    "text, low, when",
    [
        ("Am Montag hatte die Stadt 400 Anträge gemeldet.", 400, "2024-11-25"),
        ("Die Kammer meldete am Montag 500 Insolvenzen.", 500, "2024-11-25"),
        ("Laut Zahlen der Agentur, die am Montag veröffentlicht wurden, sind 600 Stellen frei.",
         600, "2024-11-25"),
        # negative: the counted event's time is no statement date
        ("Nach Angaben der Agentur waren im Oktober 700 Stellen frei.", 700, "2024-11-26"),
    ],
)
def test_claims_03_statement_dates(text, low, when):
    (claim,) = [c for c in claims(text) if c.value.low == low]
    assert claim.when == when


@pytest.mark.parametrize(
    "text, merged",
    [
        ("Mehr als 400 Verletzte\n\nLaut der Polizei gab es mehr als 400 Verletzte.", False),
        ("Polizei: Mehr als 400 Verletzte\n\nLaut der Polizei gab es mehr als 400 Verletzte.",
         True),
    ],
)
def test_claims_03_only_a_named_headline_merges(text, merged):
    found = [c for c in claims(text) if c.value.low == 400]
    assert len(found) == (1 if merged else 2)
    if not merged:
        assert any(speaker_of(c) is None for c in found)


# --------------------------------------------------------------------------- claims-0.4 rule families


def _check_speaker(text: str, low: float, speaker: str | None, not_speaker: str | None = None):
    got = speakers(text)[low]
    if speaker is None:
        assert got is None, got
    else:
        assert speaker.lower() in (got or "").lower(), got
    if not_speaker is not None:
        assert not_speaker.lower() not in (got or "").lower(), got


@pytest.mark.parametrize(
    "text, low, speaker, not_speaker",
    [
        # a generic noun refers back to the organisation named before under a fuller name,
        # also as the subject of a past-perfect report after an opening adverbial
        (
            ("Das Landesamt für Gesundheit meldete 40 neue Fälle. Am Vortag hatte die Behörde "
             "noch 35 Fälle gezählt."),
            35, "Landesamt für Gesundheit", None,
        ),
        (
            ("Die Wasserwerke Trier GmbH legten ihren Bericht vor. Am Montag hatte das Unternehmen "
             "noch von 70 beschädigten Leitungen gesprochen."),
            70, "Wasserwerke", None,
        ),
        (
            ("Der Autobauer Volkswagen will sparen. Der Konzern teilte mit, 35.000 Stellen "
             "sollten wegfallen."),
            35000, "Volkswagen", None,
        ),
        (
            ("Das Gesundheitsministerium in Hannover warnte vor Engpässen. Nach Angaben des "
             "Ministeriums fehlen 4.000 Pflegekräfte."),
            4000, "Gesundheitsministerium", None,
        ),
        (
            ("Der Verband der Chemischen Industrie legte seine Bilanz vor. Im Sommer hatte der "
             "Verband noch mit einem Umsatzplus von 3 Prozent gerechnet."),
            3, "Chemischen Industrie", None,
        ),
        (
            ("Das Landratsamt Passau warnte vor Hochwasser. Nach Angaben der örtlichen Behörde "
             "wurden 40 Häuser geräumt."),
            40, "Landratsamt Passau", None,
        ),
        # a plural stays collective (GUIDELINES: 'Behörden zufolge' is null)
        (
            ("Das Landratsamt Passau warnte vor Hochwasser. Nach Angaben der Behörden wurden 40 "
             "Häuser geräumt."),
            40, None, None,
        ),
        # standing alone, the generic noun phrase is the speaker
        ("Zuvor hatte die Polizei von 30 Verletzten gesprochen.", 30, "Polizei", None),
        ("Die Behörde war zunächst von 200 Toten ausgegangen.", 200, "Behörde", None),
        ("Die Gewerkschaft sprach von 12.000 Streikenden.", 12000, "Gewerkschaft", None),
        # negatives: no organisation of that kind before; no speaker in the sentence
        (
            "Die Polizei Köln meldete 300 Festnahmen. Der Verband sprach von 20 Verletzten.",
            20, "Verband", "Polizei",
        ),
        ("Am Donnerstag hatte es noch 212 Tote gegeben.", 212, None, None),
        ("Am Donnerstag hatte die Mannschaft 3 Busse gemietet.", 3, None, None),  # goals are no figures
    ],
)
def test_claims_04_generic_nouns_and_past_perfect(text, low, speaker, not_speaker):
    _check_speaker(text, low, speaker, not_speaker)


@pytest.mark.parametrize(
    "text, low, speaker, not_speaker",
    [
        # 'hieß es (weiter)', 'so hieß es', 'Weiter hieß es' carry the preceding statement's
        # source, across paragraphs too
        (
            ("Die Stadtwerke Leipzig teilten mit, 4.000 Haushalte seien ohne Strom.\n\n"
             "Rund 200 Techniker seien im Einsatz, hieß es weiter."),
            200, "Stadtwerke", None,
        ),
        ("Der ADAC meldete 900 Kilometer Stau. Es habe 40 Unfälle gegeben, hieß es.", 40,
         "ADAC", None),
        ("Der ADAC meldete 900 Kilometer Stau. Es habe 40 Unfälle gegeben, so hieß es.", 40,
         "ADAC", None),
        ("Der ADAC meldete 900 Kilometer Stau. Weiter hieß es, es habe 40 Unfälle gegeben.", 40,
         "ADAC", None),
        (
            ("Der ADAC meldete 900 Kilometer Stau.\n\nIn der Mitteilung hieß es weiter, 40 "
             "Unfälle seien registriert worden."),
            40, "ADAC", None,
        ),
        (
            ("Bürgermeister Jens Kraft sagte, 80 Häuser seien beschädigt.\n\n"
             "Die Feuerwehr war mit 150 Kräften im Einsatz.\n\n"
             "Insgesamt seien 60 Keller überflutet, hieß es weiter."),
            60, "Kraft", None,
        ),
        # a source given with 'hieß es' is a new report of its own
        (
            ("Der ADAC meldete 900 Kilometer Stau. Von der Polizei hieß es, 40 Menschen seien "
             "verletzt."),
            40, "Polizei", "ADAC",
        ),
        (
            ("Der ADAC meldete 900 Kilometer Stau.\n\nBei der Agentur Reuters hieß es, 40 Menschen "
             "seien verletzt."),
            40, "Reuters", "ADAC",
        ),
        # negatives: nothing attributed before; a new time; an unnamed source before
        ("Bei dem Brand entstand hoher Schaden. Mehr als 30 Menschen wurden verletzt, hieß es.",
         30, None, None),
        ("Der ADAC meldete 900 Kilometer Stau. Am Abend hieß es, 40 Menschen seien verletzt.",
         40, None, None),
        ("Laut Medienberichten gab es 50 Verletzte. Es seien 8 Häuser zerstört, hieß es.", 8,
         None, None),
    ],
)
def test_claims_04_hiess_es_carries_the_preceding_source(text, low, speaker, not_speaker):
    _check_speaker(text, low, speaker, not_speaker)


@pytest.mark.parametrize(
    "text, low, speaker, not_speaker",
    [
        # 'demnach' / 'demzufolge' carry the previous sentence's source into an earlier period
        (
            ("Laut dem Landeskriminalamt gab es 950 Einbrüche. Im Jahr davor hatte die Zahl "
             "demzufolge bei 810 gelegen."),
            810, "Landeskriminalamt", None,
        ),
        (
            ("Laut dem Landeskriminalamt gab es 950 Einbrüche.\n\nIm Vorjahr waren es demzufolge "
             "810 Fälle."),
            810, "Landeskriminalamt", None,
        ),
        (
            ("Die Bundesagentur für Arbeit meldete 2,8 Millionen Arbeitslose. Demzufolge waren es "
             "im Oktober 2,7 Millionen."),
            2_700_000, "Bundesagentur", None,
        ),
        (
            ("Das Zollamt Lindau ermittelte 95 Schmuggelfälle. Im Vorjahr waren es demnach 81 "
             "gewesen."),
            81, "Zollamt", None,
        ),
        # forecast subjects: in Aussicht stellen, rechnen mit, erwarten, ausgehen von
        (
            ("Der Chemiekonzern BASF stellt für 2025 einen Gewinn von bis zu 8 Milliarden Euro in "
             "Aussicht."),
            8_000_000_000, "BASF", None,
        ),
        (
            ("Bundeskanzler Olaf Scholz hat der Ukraine weitere Hilfen von 1,4 Milliarden Euro in "
             "Aussicht gestellt."),
            1_400_000_000, "Scholz", None,
        ),
        ("Für 2025 stellte die Gewerkschaft Lohnerhöhungen von 5 Prozent in Aussicht.", 5,
         "Gewerkschaft", None),
        ("Die Bundesregierung hatte zuvor mit einem Wachstum von 0,3 Prozent gerechnet.", 0.3,
         "Bundesregierung", None),
        ("Mit 3.000 Teilnehmern rechnet die Polizei.", 3000, "Polizei", None),
        ("Die Reederei Hapag rechnet damit, dass 2.600 Stellen wegfallen.", 2600, "Hapag", None),
        ("Tesla stellte in Aussicht, 2025 rund 500.000 Fahrzeuge zu bauen.", 500_000, "Tesla",
         None),
        # negatives: no carry without 'demnach' over a new time; collective or no subject;
        # 'stellte' without 'in Aussicht'
        ("Die Polizei zählte 950 Einbrüche. Im Vorjahr waren es 810 Fälle gewesen.", 810, None,
         None),
        (
            ("Laut dem Landeskriminalamt gab es 950 Einbrüche. Versicherer meldeten Schäden von "
             "3 Millionen Euro. Im Vorjahr waren es demnach 2 Millionen Euro."),
            2_000_000, None, None,
        ),
        ("Anleger rechnen mit einem Plus von 3 Prozent.", 3, None, None),
        ("Ein Stau von 20 Kilometern ist zu erwarten.", 20, None, None),
        ("Der Gewinn von 8 Milliarden Euro stellte alle Prognosen in den Schatten.",
         8_000_000_000, None, None),
    ],
)
def test_claims_04_demnach_and_forecast_subjects(text, low, speaker, not_speaker):
    _check_speaker(text, low, speaker, not_speaker)


@pytest.mark.skipif(find_times is None, reason="needs the temporal tagger")
@pytest.mark.parametrize(
    "text, low, when, refers_to",
    [
        ("Am Donnerstag hatte die Behörde noch von 212 Toten gesprochen.", 212, "2024-11-21",
         None),
        ("Die Behörde hatte am Donnerstag noch von 212 Toten gesprochen.", 212, "2024-11-21",
         None),
        # a forecast's target is no statement date
        ("Für 2025 erwartet der Internationale Währungsfonds ein Plus von 0,8 Prozent.", 0.8,
         "2024-11-26", "2025"),
    ],
)
def test_claims_04_statement_dates(text, low, when, refers_to):
    (claim,) = [c for c in claims(text) if c.value.low == low]
    assert (claim.when, claim.refers_to) == (when, refers_to)
