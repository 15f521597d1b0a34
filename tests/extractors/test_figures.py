"""German figures: number forms, qualifiers, units, and what is not a figure.

The sentences are written for these tests (news-like, across topics); none is taken from
../shared. Each case lists every figure expected in the sentence, in order, as
(low, high, qualifier, unit); an empty list means: no figure at all.
"""

from __future__ import annotations

import pytest

from newsledger.extractors.figures import find_figures, parse_number
from newsledger.model import Article
from newsledger.nlp import parse


def figures(text: str):
    return list(find_figures(parse(Article(id="t", text=text, published="2024-11-26"))))


def values(text: str):
    return [
        (f.value.low, f.value.high, f.value.qualifier, f.value.unit)
        for f in figures(text)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("10.000", 10000),
        ("10'000", 10000),
        ("84 866", 84866),
        ("1,3 Millionen", 1_300_000),
        ("1,3 Mio.", 1_300_000),
        ("2 Mrd.", 2e9),
        ("zehntausend", 10000),
        ("tausend", 1000),
        ("zwei Dutzend", 24),
        ("zweihundertfünfzig", 250),
        ("einundzwanzig", 21),
        ("12.500,50", 12500.5),
        ("0,2", 0.2),
        # not numbers (or vague words, which are ranges)
        ("Stunde", None),
        ("Grund", None),
        ("Hunderte", None),
        ("25.11.2024", None),
        ("", None),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


PEOPLE, PCT = "people", "percent"

FIGURE_CASES = [
    # number forms and units
    ("Im Stadion waren 84 866 Zuschauer.", [(84866, 84866, "exact", PEOPLE)]),
    (
        "Für den Ausbau sind 10'000 Franken vorgesehen.",
        [(10000, 10000, "exact", "CHF")],
    ),
    (
        "Der Konzern machte einen Verlust von 1,3 Mrd. Euro.",
        [(1.3e9, 1.3e9, "exact", "EUR")],
    ),
    ("Die G7-Staaten sagten 50 Milliarden Dollar zu.", [(5e10, 5e10, "exact", "USD")]),
    (
        "Nach Angaben der Organisatoren kamen zehntausend Menschen.",
        [(10000, 10000, "exact", PEOPLE)],
    ),
    ("Die Polizei rückte mit zwei Dutzend Beamten an.", [(24, 24, "exact", PEOPLE)]),
    # percent vs percentage points
    (
        "Die Union kommt auf 31 Prozent, die SPD verliert 2 Prozentpunkte.",
        [(31, 31, "exact", PCT), (2, 2, "exact", "percentage_points")],
    ),
    ("Die Quote lag bei 6,1 %.", [(6.1, 6.1, "exact", PCT)]),
    # fractions → percent
    (
        "Etwa ein Drittel der Befragten ist unzufrieden, jeder fünfte will wechseln.",
        [(33.33, 33.33, "about", PCT), (20, 20, "exact", PCT)],
    ),
    ("Die Hälfte der Stellen bleibt unbesetzt.", [(50, 50, "exact", PCT)]),
    ("Neun von zehn Befragten wollen mehr Geld.", [(90, 90, "exact", PCT)]),
    # a part of any other whole is two counts (the real-news gold)
    ("Der Antrag bekam 31 von 40 Stimmen.", [(31, 31, "exact", None), (40, 40, "exact", None)]),
    ("Drei der zwölf Richter stimmten dagegen.", [(3, 3, "exact", None), (12, 12, "exact", None)]),
    ("Sie ist eine von sechs Ärztinnen.", [(6, 6, "exact", None)]),
    # vague words → ranges, qualifier about
    ("Zehntausende Menschen gingen auf die Straße.", [(20000, 99999, "about", PEOPLE)]),
    ("Der Streik betraf Hunderte Flüge.", [(200, 999, "about", None)]),
    (
        "Mehrere hundert Beschäftigte legten die Arbeit nieder.",
        [(200, 999, "about", PEOPLE)],
    ),
    ("Dutzende Migranten wurden gerettet.", [(24, 99, "about", PEOPLE)]),
    # qualifiers: the bound is in the qualifier, low == high
    ("Mindestens 3.000 Soldaten wurden entsandt.", [(3000, 3000, "at_least", PEOPLE)]),
    ("Rund 12.000 Menschen demonstrierten.", [(12000, 12000, "about", PEOPLE)]),
    ("Die Zahl der Toten stieg auf mehr als 1.200.", [(1200, 1200, "more_than", None)]),
    (
        "Die Regierung stellt bis zu 500 Millionen Euro bereit.",
        [(5e8, 5e8, "up_to", "EUR")],
    ),
    ("Knapp 40 Prozent der Wähler sind unentschlossen.", [(40, 40, "less_than", PCT)]),
    ("Gut 2.000 Beschäftigte streikten.", [(2000, 2000, "more_than", PEOPLE)]),
    (
        "Die Zahl der Opfer übersteigt inzwischen 3000.",
        [(3000, 3000, "more_than", None)],
    ),
    # "über" as a bound vs as a preposition
    (
        "Über 3.000 Flüchtlinge erreichten die Insel.",
        [(3000, 3000, "more_than", PEOPLE)],
    ),
    (
        "Die Studie liefert Erkenntnisse über 3.000 Patienten.",
        [(3000, 3000, "exact", PEOPLE)],
    ),
    (
        "Eine Umfrage unter 1.000 Befragten zeigt Unmut.",
        [(1000, 1000, "exact", PEOPLE)],
    ),
    # ranges
    (
        "Zwischen 20 und 30 Demonstranten wurden festgenommen.",
        [(20, 30, "range", PEOPLE)],
    ),
    ("Es kamen 300 bis 400 Fans.", [(300, 400, "range", PEOPLE)]),
    (
        "Die Kosten liegen bei zwei bis drei Millionen Euro.",
        [(2e6, 3e6, "range", "EUR")],
    ),
    # small numeral words count only when they count something
    (
        "Zwei Soldaten wurden getötet, drei weitere verletzt.",
        [(2, 2, "exact", PEOPLE), (3, 3, "exact", None)],
    ),
    ("Dafür gibt es zwei Bedingungen.", [(2, 2, "exact", None)]),
    ("Einer der Verletzten schwebt in Lebensgefahr.", []),
    ("Die beiden Minister trafen sich.", []),
    # not figures: years, dates, clock times, durations, ages, ordinals, names, labels, phones
    ("Im Jahr 2024 kamen 2000 Menschen.", [(2000, 2000, "exact", PEOPLE)]),
    ("Er ist 67 Jahre alt und seit 1990 im Amt.", []),
    ("Der 45-Jährige wurde um 14.30 Uhr am 3. Oktober festgenommen.", []),
    ("Der Streik dauerte drei Tage.", []),
    ("Knapp zwei Wochen später kam die Antwort.", []),
    ("Der Verein spielt in der 3. Liga.", []),
    ("Die A 52 und die Linie 5 sind gesperrt, Artikel 5 gilt.", []),
    ("Die G7 und Covid-19 bestimmten das Jahr 2021.", []),
    ("Hinweise nimmt die Polizei unter 0711 89900 entgegen.", []),
    ("Sie starb im Alter von 87.", []),
    (
        "Bei der Wahl 2021 holte die Partei 5,7 Millionen Stimmen.",
        [(5.7e6, 5.7e6, "exact", None)],
    ),
    ("Die Statistik 2022-11 zeigt wenig.", []),
    (
        "Die Regierung plant für 2025 Ausgaben von 481 Milliarden Euro.",
        [(4.81e11, 4.81e11, "exact", "EUR")],
    ),
    ("Ein Mann (34) und eine Frau (29) wurden festgenommen.", []),
    ("Das Spiel endete 2:1, in der 90. Minute fiel das Tor.", []),
    ("Die Chefs im Alter von 62, 64 und 66 Jahren wurden verurteilt.", []),
    ("Die Maschine vom Typ ATR 72 landete sicher.", []),
    # more forms: dative units, trillions, fractions with bounds, negative values
    (
        "Die Partei erreichte ein Plus von 10,4 Prozentpunkten.",
        [(10.4, 10.4, "exact", "percentage_points")],
    ),
    ("Die Schulden liegen bei 2,4 Billionen Euro.", [(2.4e12, 2.4e12, "exact", "EUR")]),
    (
        "Knapp die Hälfte der Befragten und fast jeder dritte Wähler sind unzufrieden.",
        [(50, 50, "less_than", PCT), (33.33, 33.33, "less_than", PCT)],
    ),
    ("Nachts wurden minus 25 Grad gemessen.", [(-25, -25, "exact", "degrees")]),
    ("Der Sieger steht nach 3351 Kilometern fest.", [(3351, 3351, "exact", "km")]),
    (
        "Eine halbe Million Menschen protestierte, die halbe Stadt war auf den Beinen.",
        [(5e5, 5e5, "exact", PEOPLE)],
    ),
]


@pytest.mark.parametrize(
    "text, expected", FIGURE_CASES, ids=[c[0][:40] for c in FIGURE_CASES]
)
def test_find_figures(text, expected):
    assert rounded(values(text)) == rounded(expected)


def rounded(found):
    return [(round(lo, 2), round(hi, 2), q, u) for lo, hi, q, u in found]


def test_per_unit_figure_is_separate():
    found = figures("Zwei Brigaden mit jeweils 6.000 Mann sollen trainieren.")
    assert [(f.value.low, f.per_unit) for f in found] == [(2, False), (6000, True)]
    assert found[0].counted == "Brigaden" and found[1].value.unit == "people"


def test_counted_noun_phrase():
    (found,) = figures("Kim schickte schätzungsweise 10.000 seiner Soldaten.")
    assert found.counted == "seiner Soldaten"


def test_offsets_cover_qualifier_and_unit_but_not_the_final_period():
    text = "Die Kosten stiegen auf rund 2 Mrd. Euro. Es waren mehr als 3000."
    first, second = figures(text)
    assert text[first.start : first.end] == first.text == "rund 2 Mrd. Euro"
    assert second.text == "mehr als 3000"


def test_lexicons_extend_through_configuration(tmp_path):
    text = "Die Fregatte 124 lief aus."
    assert len(figures(text)) == 1
    extra = tmp_path / "labels.txt"
    extra.write_text("# my labels\nfregatte\n", encoding="utf-8")
    doc = parse(Article(id="t", text=text, published="2024-11-26"))
    doc._.lexicon_extras = {"number_labels": [str(extra)]}
    assert list(find_figures(doc)) == []


def english_values(text: str):
    doc = parse(Article(id="t", text=text, published="2024-11-26", language="en"))
    return [
        (f.value.low, f.value.high, f.value.qualifier, f.value.unit)
        for f in find_figures(doc)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Around 10,000 soldiers were sent.", [(10000, 10000, "about", "people")]),
        ("Nearly 1,250 troops died.", [(1250, 1250, "less_than", "people")]),
        ("Up to 3.5 million people fled.", [(3_500_000, 3_500_000, "up_to", "people")]),
        ("More than 40 percent voted.", [(40, 40, "more_than", "percent")]),
        ("Losses exceed 3,000.", [(3000, 3000, "more_than", None)]),
        ("Thousands of workers went on strike.", [(2000, 9999, "about", "people")]),
        # negatives: dates, years, durations
        ("The talks ended on October 25 in 2023.", []),
        ("The strike lasted 12 days.", []),
    ],
)
def test_english_figures_follow_the_article_language(text, expected):
    assert english_values(text) == expected


def test_german_decimal_comma_is_unchanged_beside_english():
    assert values("Die Inflation lag bei 2,5 Prozent.") == [
        (2.5, 2.5, "exact", "percent")
    ]


@pytest.mark.parametrize(
    "text, unit",
    [
        ("Rund 3.000 Nordkoreaner kamen an.", "people"),
        ("Etwa 500 Ukrainerinnen meldeten sich.", "people"),
        ("Etwa 500 Italiener reisten an.", "people"),
        ("Rund 200 Panzer wurden geliefert.", None),  # negative: not a demonym
    ],
)
def test_demonyms_count_people(text, unit):
    (figure,) = figures(text)
    assert figure.value.unit == unit


@pytest.mark.parametrize(
    "text, expected",
    [
        # a number with its sentence-closing period glued on
        ("Nach dem Hagel stieg die Zahl der Schäden auf bis zu 800.", [(800, 800, "up_to", None)]),
        ("Bei der Zählung waren es 450. 30 davon waren Kinder.",
         [(450, 450, "exact", None), (30, 30, "exact", "people")]),
        ("Am Ende waren es 1.250.\n\nDanach kam nichts.", [(1250, 1250, "exact", None)]),
        # negatives: ordinals and dates keep their period
        ("Am 3. 4. 2024 kamen 20 Menschen.", [(20, 20, "exact", "people")]),
        ("Der 2. Weltkrieg endete.", []),
        # fractions after um/auf
        ("Der Umsatz stieg um ein Viertel.", [(25, 25, "exact", "percent")]),
        ("Die Kosten sanken um rund ein Fünftel.", [(20, 20, "about", "percent")]),
        ("Der Anteil fiel auf ein Zehntel.", [(10, 10, "exact", "percent")]),
    ],
)
def test_closing_periods_and_fractions(text, expected):
    got = [(round(lo, 2), round(hi, 2), q, u) for lo, hi, q, u in values(text)]
    assert got == [(round(lo, 2), round(hi, 2), q, u) for lo, hi, q, u in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # two neighbouring values in a list are one range (GUIDELINES "lists")
        ("Die Mieten stiegen um 30, 40 Prozent.", [(30, 40, "range", "percent")]),
        ("Das kostet drei, vier Prozent mehr.", [(3, 4, "range", "percent")]),
        ("Die Werte lagen bei 30, 40 und 50 Prozent.",
         [(30, 30, "exact", None), (40, 40, "exact", None), (50, 50, "exact", "percent")]),
        ("Es kamen 10, 50 Menschen.", [(10, 10, "exact", None), (50, 50, "exact", "people")]),
        # numbers inside product and model names are no figures; specs keep their unit
        ("Der Sender Rossija 24 meldete 300 Tote.", [(300, 300, "exact", "people")]),
        ("Der Snapdragon 810 wird heiß.", []),
        ("Das Nexus 6 hat einen 6 Zoll großen Bildschirm und kostet 449 Euro.",
         [(6, 6, "exact", "inch"), (449, 449, "exact", "EUR")]),
        ("Es wurden laut Polizei 300 festgenommen.", [(300, 300, "exact", None)]),
        # figures of speech
        ("Die Partei hat ihren Kurs um 180 Grad gedreht.", []),
        ("Er hat zu 100 Prozent recht.", []),
        ("Das Wasser wird auf 180 Grad erhitzt.", [(180, 180, "exact", "degrees")]),
    ],
)
def test_lists_names_and_figures_of_speech(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # years before 1800 are years too, unless they count a noun
        ("Die Gedenkstätte liegt dort, wo im Jahre 1662 ein Prozess stattfand.", []),
        ("Insgesamt wurden 1523 Delikte gezählt.", [(1523, 1523, "exact", None)]),
        # results of one match are no claims; table and index points are
        ("Das Team baute die Führung auf sechs Tore aus.", []),
        ("Schalke liegt in der Tabelle zwei Punkte hinter Bremen.", [(2, 2, "exact", "points")]),
        ("Er schoss aus 25 Metern auf das Tor.", [(25, 25, "exact", "m")]),
        ("Die Partei Kanadas 125 der 308 Sitze.", [(125, 125, "exact", None), (308, 308, "exact", None)]),
        ("Umfrage: SPD 28 Prozent, Union 31 Prozent.",
         [(28, 28, "exact", "percent"), (31, 31, "exact", "percent")]),
        ("Der Leitindex fiel um 200 Punkte.", [(200, 200, "exact", "points")]),
        # a player's goals in one match are results; a tournament tally is a claim
        ("Müller war mit jeweils fünf Toren bester Werfer.", []),
        ("Sie verwandelte jeden ihrer sieben Würfe.", []),
        ("Er wurde mit insgesamt 41 Toren Torschützenkönig.", [(41, 41, "exact", None)]),
        # an article before a unit is its denominator; 'ein Prozent' is a figure
        ("Der Preis für eine Tonne CO2 stieg.", []),
        ("Die Preise stiegen um ein Prozent.", [(1, 1, "exact", "percent")]),
        ("Die Bombe hatte eine Sprengkraft von einem Kilogramm TNT.", [(1, 1, "exact", "kg")]),
    ],
)
def test_years_sports_results_and_unit_denominators(text, expected):
    assert values(text) == expected


# Families of German figures written from the real-news train errors (round 2): each case
# lists every figure expected in the sentence, as in FIGURE_CASES.
FAMILY_CASES = [
    # a numeral glued to a measuring part counts; durations and ages do not
    ("Der dreiköpfige Vorstand tagte.", [(3, 3, "exact", PEOPLE)]),
    ("Die Firma zog in ein achtstöckiges Haus.", [(8, 8, "exact", None)]),
    ("Die Bundesstraße wird vierspurig ausgebaut.", [(4, 4, "exact", None)]),
    ("Ein einmotoriges Flugzeug stürzte ab.", [(1, 1, "exact", None)]),
    ("Das Gericht legte ein 120-seitiges Urteil vor.", [(120, 120, "exact", None)]),
    ("Die Bank gründete eine hundertprozentige Tochter.", [(100, 100, "exact", PCT)]),
    ("Der Schaden ist fünfstellig.", [(10000, 99999, "about", None)]),
    ("Die zweifache Olympiasiegerin und ein 3-facher Wert.",
     [(2, 2, "exact", "times"), (3, 3, "exact", "times")]),
    ("Der Gipfel wurde zweimal verschoben, die Wahl vier Mal.",
     [(2, 2, "exact", "times"), (4, 4, "exact", "times")]),
    ("Das Risiko ist bis zu 15 Mal höher.", [(15, 15, "up_to", "times")]),
    ("Der Versand kostet doppelt so viel.", [(2, 2, "exact", "times")]),
    ("Die Stadt verdreifacht die Gebühr und halbiert den Zuschuss.",
     [(3, 3, "exact", "times"), (50, 50, "exact", PCT)]),
    ("Das ist einfach und einseitig, er kam einmal, das Amt ist doppelt besetzt.", []),
    ("Ich habe es hundertmal gesagt und bin hundertprozentig sicher.", []),
    ("Nach zweimal zehn Minuten Verlängerung stand es fest.", []),
    ("Das rund 80 mal 30 Meter große Lager brannte.",
     [(80, 80, "about", None), (30, 30, "about", "m")]),
    # a rate or a point in time after the number is no duration
    ("Die Zahl sank auf 12.000 im Jahr 2023.", [(12000, 12000, "exact", None)]),
    ("Es kommen 400 pro Tag an.", [(400, 400, "exact", None)]),
    # a decimal point before a unit (Swiss and agency style)
    ("Die Etappe ist 187.5 Kilometer lang.", [(187.5, 187.5, "exact", "km")]),
    ("Die Liste erhielt 12.75 % der Stimmen.", [(12.75, 12.75, "exact", PCT)]),
    # the counted noun left out after a second number or before an outcome
    ("Ein Mann wurde getötet, vier verletzt.", [(4, 4, "exact", None)]),
    ("Der Rat wächst von neun auf 15 Mitglieder.",
     [(9, 9, "exact", None), (15, 15, "exact", PEOPLE)]),
    # alternatives of neighbouring values are a range; half a scale word
    ("Es fehlen eine oder zwei Stimmen.", [(1, 2, "range", None)]),
    ("Der Bau kostet eine halbe Milliarde Euro.", [(5e8, 5e8, "exact", "EUR")]),
    ("Das Gas wird bei 160 Grad unter Null gelagert.", [(-160, -160, "exact", "degrees")]),
    # qualifier words of GUIDELINES
    ("Der Tarif gilt ab 3.000 Euro.", [(3000, 3000, "at_least", "EUR")]),
    ("Oberhalb von 1.500 Metern schneit es.", [(1500, 1500, "more_than", "m")]),
    ("Annähernd 40 Prozent stimmten zu.", [(40, 40, "less_than", PCT)]),
    ("Es kamen nicht einmal 30 Gäste.", [(30, 30, "less_than", PEOPLE)]),
    # counts in brackets after regions are no ages; after a person they are
    ("Es folgen Bayern (212), Hessen (97) und Österreich (64).",
     [(212, 212, "exact", None), (97, 97, "exact", None), (64, 64, "exact", None)]),
    ("Anna Hamburg (41) wurde befragt.", []),
    # a number glued to a scale word or a people noun; ages and intervals are not
    ("Das 80-Millionen-Euro-Projekt in der 250.000-Einwohner-Stadt startet.",
     [(8e7, 8e7, "exact", "EUR"), (250000, 250000, "exact", PEOPLE)]),
    ("Der 45-Jährige fährt im 15-Minuten-Takt.", []),
    ("Er stand 2.318-mal auf der Bühne.", [(2318, 2318, "exact", "times")]),
    ("Die Zustimmung liegt bei zwei Dritteln, sein Umfang: fünfeinhalb Oktaven.",
     [(66.67, 66.67, "exact", PCT), (5.5, 5.5, "exact", None)]),
    # 'bis zu' after a first value closes a range; not after a year
    ("Es kostet 400 Millionen bis zu drei Milliarden Euro.", [(4e8, 3e9, "range", "EUR")]),
    ("Der Konzern will 2027 bis zu 50.000 Autos bauen.", [(50000, 50000, "up_to", None)]),
    # result lines of a match are no claims
    ("Lions 4 - Eagles 2", []),
    ("Stadt Nord 1 – Red Stars 3", []),
    # a number inside a name: the counted phrase holds no preposition or verb
    ("Er wechselte zu Hannover 96 als Co-Trainer.", []),
    ("Der Index STOXX 50 schloss im Plus.", []),
    ("Die Maschine war eine Bell 212.", []),
    ("Der Sender liegt auf Transponder 101 des Satelliten.", []),
    ("Im Wahlkreis 120 und nach Satz 1 gilt das.", []),
    ("Vier in Betrieb befindliche Anlagen und drei sehr junge Fohlen.",
     [(4, 4, "exact", None), (3, 3, "exact", None)]),
    # a place in an order is no count
    ("Die ersten drei Opfer waren Kinder, die drei ersten kamen spät.", []),
    ("Sie gewann die letzten sieben Rennen.", [(7, 7, "exact", None)]),
    # a conversion in brackets keeps the bound of the figure it restates
    ("Das Projekt kostet mehr als 2 Milliarden Dollar (1,8 Milliarden Euro).",
     [(2e9, 2e9, "more_than", "USD"), (1.8e9, 1.8e9, "more_than", "EUR")]),
    ("Der Eintritt kostet 30 Dollar (27 Euro).",
     [(30, 30, "exact", "USD"), (27, 27, "exact", "EUR")]),
    ("Etwa ein Viertel (26 Prozent) der Befragten stimmte zu.",
     [(25, 25, "about", "percent"), (26, 26, "exact", "percent")]),
    ("Er traf zum 500 Mal, insgesamt 40 Mal in dieser Saison.", [(40, 40, "exact", "times")]),
    # a threshold and a comparison verb after the number
    ("Der Goldpreis hat die Marke von 2.000 Dollar überschritten.",
     [(2000, 2000, "more_than", "USD")]),
    ("Der Kurs hat die Schwelle von 50 Euro unterschritten.", [(50, 50, "less_than", "EUR")]),
    # issue numbers and codes glued by a slash; thresholds named by a glued number
    ("Die Anleihe 6/2015 zahlt 3 Prozent.", [(3, 3, "exact", "percent")]),
    ("Der Wert fiel unter die 5-Millionen-Marke, konkret auf 4.8 Millionen.",
     [(4.8e6, 4.8e6, "exact", None)]),
    # units of specifications and statistics
    ("Der Wagen hat 300 PS, die Wohnung 85 Quadratmeter, der Brief wiegt 20 Gramm.",
     [(300, 300, "exact", "hp"), (85, 85, "exact", "m2"), (20, 20, "exact", "g")]),
    ("Die Strafe betrug 500 Schilling.", [(500, 500, "exact", "ATS")]),
    ("Das Spiel dauerte 90 Min. und 30 Sek.", []),
    # ages in apposition; a decimal in brackets is last time's value, not an age
    ("„Es lohnt sich“, sagt Huber, 61, und lacht.", []),
    ("Die Grünen kommen auf 12,5 Prozent (9,8).",
     [(12.5, 12.5, "exact", PCT), (9.8, 9.8, "exact", None)]),
    ("Die Linke erreicht 6,1, die FDP 4,7 Prozent.",
     [(6.1, 6.1, "exact", None), (4.7, 4.7, "exact", PCT)]),
    ("Die Busse der Linien 210 und 214 fahren öfter.", []),
    # the start of a change shares the scale and unit of its target
    ("Das Budget steigt von 8,5 auf 9,1 Millionen Euro.",
     [(8.5e6, 8.5e6, "exact", "EUR"), (9.1e6, 9.1e6, "exact", "EUR")]),
    # season totals are claims, one match's goals are not
    ("Sie erzielte in dieser Saison bisher 14 Tore.", [(14, 14, "exact", None)]),
    ("Er traf 12 Tore in 30 Spielen.", [(12, 12, "exact", None), (30, 30, "exact", None)]),
    # a comparison with a year; vague words inflected; digits of a scale
    ("Die Preise lagen fünf Prozent höher als 2022.", [(5, 5, "exact", PCT)]),
    ("Es brannte auf mehreren Hundert Hektar.", [(200, 999, "about", "ha")]),
    ("Der Schaden liegt im zweistelligen Millionenbereich.", [(1e7, 9.9e7, "about", None)]),
    ("Die Kosten gehen in die Milliardenhöhe.", [(2e9, 9.99e9, "about", None)]),
    # a denominator after 'pro'; bounds written after the number
    ("Das Auto braucht 15 kWh pro 100 Kilometer.", [(15, 15, "exact", "kWh")]),
    ("Verlangt werden 14 Euro und mehr, oft 20 oder weniger.",
     [(14, 14, "at_least", "EUR"), (20, 20, "up_to", None)]),
    ("Er zahlt mindestens aber 300 Euro, allenfalls 500.",
     [(300, 300, "at_least", "EUR"), (500, 500, "up_to", None)]),
    # small numbers without a noun that still count
    ("Früher gab es neun Höfe. Heute sind es zwei.",
     [(9, 9, "exact", None), (2, 2, "exact", None)]),
    ("In Dänemark seien es etwa zehn.", [(10, 10, "about", None)]),
    ("Die Partei hat künftig acht statt zehn Sitze.",
     [(8, 8, "exact", None), (10, 10, "exact", None)]),
    ("40 Menschen wurden verletzt, sechs davon schwer.",
     [(40, 40, "exact", PEOPLE), (6, 6, "exact", None)]),
    ("Drei seien schon wieder gegangen.", [(3, 3, "exact", None)]),
    ("Die Zahl der Opfer ist auf vier gestiegen.", [(4, 4, "exact", None)]),
    ("Sie hat künftig neun statt bisher zwölf Sitze.",
     [(9, 9, "exact", None), (12, 12, "exact", None)]),
    ("Drei, zwei, eins, los.", []),
    # numerals glued to measuring parts, fractions and multiples
    ("Ein viertüriges Auto, ein 2-sitziger Schirm, das Echo kam dreitausendfach.",
     [(4, 4, "exact", None), (2, 2, "exact", None), (3000, 3000, "exact", "times")]),
    ("Sie braucht eine Zweidrittelmehrheit, nach einer Dreiviertelstunde.",
     [(66.67, 66.67, "exact", PCT)]),
    ("Mehr als Dreiviertel der Stimmen sind gezählt.", [(75, 75, "more_than", PCT)]),
    ("Es kamen 1,5 Millonen Menschen.", [(1.5e6, 1.5e6, "exact", PEOPLE)]),
    # a reading of strength or magnitude counts; an alarm level is a label
    ("Ein Beben der Stärke 5 und Windstärkestufe 11, ab Warnstufe 3 gilt Alarm.",
     [(5, 5, "exact", None), (11, 11, "exact", None)]),
    # comparisons as multiples; not 'halb voll' or 'doppelt besetzt'
    ("Es kamen weniger als halb so viele Gäste.", [(50, 50, "less_than", PCT)]),
    ("Das kostet fast das Doppelte des alten Preises.", [(2, 2, "less_than", "times")]),
    ("Das Glas ist halb voll, der Posten doppelt besetzt.", []),
    # a qualifier opening a sentence is no name before a number
    ("Meyer: Etwa 140.", [(140, 140, "about", None)]),
    # places for a nursery are no ranking places
    ("Es fehlen knapp 800 Plätze, Bremen liegt zwei Plätze vor Köln.",
     [(800, 800, "less_than", None)]),
    # a glued unit of measure is a specification; a race distance or a note is a name
    ("Er hat ein 15,6-Zoll-Display, lief den 10-km-Lauf und zahlte mit dem 50-Euro-Schein.",
     [(15.6, 15.6, "exact", "inch")]),
    ("Das Modell Vega 9 Pro kommt mit 12 Gigabyte.", [(12, 12, "exact", "GB")]),
]


@pytest.mark.parametrize("text, expected", FAMILY_CASES, ids=[c[0][:40] for c in FAMILY_CASES])
def test_figure_families(text, expected):
    assert rounded(values(text)) == rounded(expected)
