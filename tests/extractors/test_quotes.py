"""Attribution rules (newsledger.extractors.quotes): one table row per rule, with negative cases."""

from __future__ import annotations

import pytest

from newsledger.extractors.quotes import find_quotes
from newsledger.model import Article
from newsledger.nlp import parse


def quotes(text: str):
    return list(find_quotes(parse(Article(id="t", text=text))))


def speaker_of(text: str, fragment: str):
    """The speaker text of the quote whose content holds ``fragment`` (None if no quote does)."""
    start = text.index(fragment)
    for q in quotes(text):
        if q.content.start <= start < q.content.end:
            return q.speaker.text if q.speaker else "<none>"
    return None


# (text, fragment inside the content, expected speaker text; "<none>" = quote without speaker,
#  None = no quote at all)
CASES = [
    # cue verbs: subject before / after the verb, dass- and Konjunktiv clauses
    ("Selenskyj sagte, Putin habe 10.000 Soldaten geschickt.", "10.000", "Selenskyj"),
    ("Am Montag sagte der ukrainische Präsident, Russland habe 10.000 Soldaten verloren.", "10.000", "der ukrainische Präsident"),
    ("Das US-Präsidialamt geht davon aus, dass Nordkorea 3.000 Soldaten entsendet hat.", "3.000", "Das US-Präsidialamt"),
    ("Der Geheimdienst NIS erwartet, dass Nordkorea bis Dezember 10.000 Soldaten schickt.", "10.000", "Der Geheimdienst NIS"),
    ("Knapp zwei Wochen später bezifferte das US-Verteidigungsministerium die Zahl mit rund 10.000.", "10.000", "das US-Verteidigungsministerium"),
    ("Der Minister hatte angegeben, er habe nicht exakt gearbeitet.", "exakt", "Der Minister"),
    ("Als Begründung sagte ein Wissenschaftler, die Zahl sei um 20 Prozent gestiegen.", "20 Prozent", "ein Wissenschaftler"),  # PP first
    ("Der frühere Präsident Jimmy Carter, der als Beobachter im Land war, sagte Reportern, dass 300 Wahllokale offen seien.", "300", "Der frühere Präsident Jimmy Carter"),  # relative clause
    ("Wie schon die WHO sagte, sind 40 Menschen erkrankt.", "40", "die WHO"),
    ("Zur Begründung gab Karsai an, sein Land habe 2000 Soldaten verloren.", "2000", "Karsai"),  # separable cue
    ("Lawrow sprach sich gegen das Gesetz aus und sagte, es betreffe 500 Kinder.", "500", "Lawrow"),  # coordinated
    # direct quotes
    ("„Vielleicht sogar zwei Brigaden mit jeweils 6.000 Mann“, sagte der ukrainische Präsident.", "6.000", "der ukrainische Präsident"),
    ("Blinken sagte: „Wir gehen davon aus, dass etwa 10.000 Soldaten in Russland sind.“", "10.000", "Blinken"),
    ("„Die Lage ist ernst“, so der Sprecher des nationalen Sicherheitsrats, John Kirby.", "ernst", "der Sprecher des nationalen Sicherheitsrats, John Kirby"),
    ("Die Sprecherin der Stiftung, Heike van Laak, sagte dazu: „Wir bleiben bei 12 Tests.“", "12", "Die Sprecherin der Stiftung, Heike van Laak"),
    ("Bundesinnenminister Schäuble: „Wir speichern 10 Fingerabdrücke.“", "10", "Bundesinnenminister Schäuble"),
    # source markers
    ("Laut Selenskyj sollen Nordkoreaner mehr als 3000 Soldaten verloren haben.", "3000", "Selenskyj"),
    ("Dem Bericht zufolge wurden 500 Menschen verletzt.", "500", "Dem Bericht"),
    ("Nach Angaben der Polizei demonstrierten 4.000 Menschen.", "4.000", "der Polizei"),
    ("Wie die Polizei mitteilte, wurden 12 Menschen festgenommen.", "12", "die Polizei"),
    # impersonal and unnamed sources: a quote without a named speaker
    ("Zuletzt hieß es, dass Hunderte schon getötet wurden.", "Hunderte", "<none>"),
    ("Anfänglich war von 1500 Soldaten die Rede.", "1500", "<none>"),
    # negatives: no attribution at all
    ("Die Laute der Tiere waren 300 Meter weit zu hören.", "300", None),  # 'Laute' is not 'laut'
    ("Das Land hat Erkenntnisse über 3.000 Soldaten.", "3.000", None),  # 'über' preposition, no cue
    ("Nach Russland schickte Nordkorea 3.000 Soldaten.", "3.000", None),  # 'nach' without a report noun
    ("Der Apple-Player „iPod Nano“ fasst 1000 Lieder.", "1000", None),  # a quoted name is no quote
    ("Ziel ist es, die 300 Verträge für nichtig zu erklären.", "300", None),  # a zu-infinitive
    ("Es gibt Fotos, die uns 300 Krater sehen lassen.", "300", None),  # infinitive under 'lassen'
    ("Im Jahr 2004 gab es 527 registrierte Fälle.", "527", None),  # a participle as adjective
]


@pytest.mark.parametrize("text, fragment, expected", CASES)
def test_speaker(text, fragment, expected):
    assert speaker_of(text, fragment) == expected


def source_of(text: str, fragment: str):
    """(speaker text, name, named) of the smallest quote whose content holds ``fragment``."""
    start = text.index(fragment)
    covering = [q for q in quotes(text) if q.content.start <= start < q.content.end]
    if not covering:
        return None
    q = min(covering, key=lambda q: q.content.end - q.content.start)
    return (q.speaker.text, q.speaker.name, q.speaker.named) if q.speaker else "<none>"


# The source of a report noun is its owner, not the noun (genitive, 'von' phrase, compound).
OWNER_CASES = [
    ("Laut Aussagen des Statistischen Bundesamtes stiegen die Preise um 3 Prozent.", "3 Prozent", "des Statistischen Bundesamtes"),
    ("Schätzungen des Branchenverbandes zufolge fehlen 7.000 Pfleger.", "7.000", "des Branchenverbandes"),
    ("Nach Informationen von Reuters wurden 40 Fahrzeuge zerstört.", "40", "Reuters"),
    ("Laut einer Umfrage von Infratest dimap kommt die Union auf 31 Prozent.", "31 Prozent", "Infratest dimap"),
    ("Laut einer Insa-Umfrage kommt die Union auf 31 Prozent.", "31 Prozent", "Insa"),
    ("In der neuen Forsa-Umfrage kommen die Grünen auf 12 Prozent.", "12 Prozent", "Forsa"),
    ("Im ARD-Deutschlandtrend von Infratest dimap verliert die FDP 2 Punkte.", "2 Punkte", "Infratest dimap"),
    ("Nach Polizeiangaben kamen 2.500 Menschen.", "2.500", "Polizei"),
    ("Nach Gewerkschaftsangaben streikten 9.000 Beschäftigte.", "9.000", "Gewerkschaft"),
    ("Nach Veranstalterangaben kamen 2.500 Menschen.", "2.500", "Veranstalter"),
    ("Laut einem Bericht der „Washington Post“ starben 60 Menschen.", "60", "der „Washington Post“"),
    ("Nach Zählung der Gewerkschaft streikten 9.000 Beschäftigte.", "9.000", "der Gewerkschaft"),
    # negatives: no owner, so the phrase stays; a person noun is the source itself
    ("Laut einer Sprecherin der Stadt wurden 14 Bäume gefällt.", "14", "einer Sprecherin der Stadt"),
    ("Dem Bericht zufolge wurden 500 Menschen verletzt.", "500", "Dem Bericht"),
    ("Nach der Auszählung fast aller Stimmen liegt die Partei bei 41 Prozent.", "41 Prozent", "der Auszählung"),  # not "Aus"
    ("In einem Jahresbericht stehen 42 Fälle.", "42", None),  # 'Jahres' is no source
]


@pytest.mark.parametrize("text, fragment, expected", OWNER_CASES)
def test_report_noun_owner_is_the_source(text, fragment, expected):
    found = source_of(text, fragment)
    assert (found[0] if isinstance(found, tuple) else found) == expected


# GUIDELINES "Speaker": unnamed or collective sources are named=False; a specific institution
# with a definite article is named.
NAMED_CASES = [
    ("Nach Angaben der Behörden starben 30 Menschen.", "30", False),
    ("Nach Angaben der Sicherheitsbehörden starben 30 Menschen.", "30", False),
    ("Behörden zufolge starben 30 Menschen.", "30", False),
    ("Analysten erwarten, dass der Umsatz um 4 Prozent steigt.", "4 Prozent", False),
    ("Beobachter gehen davon aus, dass 300 Soldaten gefallen sind.", "300", False),
    ("Russische Militärblogger berichteten, 300 Soldaten seien gefallen.", "300", False),
    ("Laut westlichen Schätzungen sind 300 Soldaten gefallen.", "300", False),
    ("Nach Medienberichten wurden 30 Menschen festgenommen.", "30", False),
    ("Dutzende Anwohner berichteten, sie hätten 20 Explosionen gehört.", "20", False),
    ("Nach Angaben aus Regierungskreisen sind 300 Soldaten dort.", "300", False),
    ("Die Polizei sagte, 300 Menschen seien gekommen.", "300", True),
    ("Das Pentagon erklärte, 300 Soldaten seien dort.", "300", True),
    ("Der Geheimdienst teilte mit, 300 Soldaten seien dort.", "300", True),
]


@pytest.mark.parametrize("text, fragment, named", NAMED_CASES)
def test_named_and_unnamed_sources(text, fragment, named):
    assert source_of(text, fragment)[2] is named


def test_eigene_angaben_names_the_clause_subject():
    """The span stays 'eigenen Angaben' (where the text attributes), the name is the subject's."""
    for text in ("Die Bahn hat nach eigenen Angaben 300 Züge gestrichen.",
                 "Nach eigenen Angaben hat die Bahn 300 Züge gestrichen.",
                 "Wegen des Sturms, der am Montag kam, hat die Bahn nach eigenen Angaben 300 Züge gestrichen.",
                 "Um Geld zu sparen, hat die Bahn nach eigenen Angaben 300 Züge gestrichen."):
        assert source_of(text, "300")[:2] == ("eigenen Angaben", "Bahn")


# Verb-second: a fronted object leaves the subject after the finite verb.
OBJECT_FIRST_CASES = [
    ("Diese Schätzung nannte der Präsident Joe Biden am Montag, 300 Soldaten seien tot.", "300", "der Präsident Joe Biden"),
    ("Den Anstieg der Zahl bezifferte die Behörde auf 300.", "300", "die Behörde"),
    ("Einen Verlust von 30 Millionen meldete der Konzern.", "30 Millionen", "der Konzern"),
    # negatives: a nominative first constituent stays the subject
    ("Die Studie schätzt die Zahl der Opfer auf 300.", "300", "Die Studie"),
    ("Die Polizei nannte die Zahl von 300 Festnahmen.", "300", "Die Polizei"),
]


@pytest.mark.parametrize("text, fragment, expected", OBJECT_FIRST_CASES)
def test_fronted_object(text, fragment, expected):
    assert source_of(text, fragment)[0] == expected


# Several sources in one sentence: each figure is its own clause's (counting verbs are cues).
CLAUSE_CASES = [
    ("Die Polizei zählte 3.000 Teilnehmer, die Veranstalter sprachen von 10.000.", "3.000", "Die Polizei"),
    ("Die Polizei zählte 3.000 Teilnehmer, die Veranstalter sprachen von 10.000.", "10.000", "die Veranstalter"),
    ("Während die Regierung von 100.000 Teilnehmern sprach, zählte die Polizei 20.000.", "100.000", "die Regierung"),
    ("Während die Regierung von 100.000 Teilnehmern sprach, zählte die Polizei 20.000.", "20.000", "die Polizei"),
    ("Die Behörde registrierte 50 Straftaten.", "50", "Die Behörde"),
    ("„Es waren 300 Menschen“, sagte der Sprecher am Montag.", "300", "der Sprecher"),
    ("Es kamen 300 Menschen, schätzte die Polizei.", "300", "die Polizei"),  # '…, sagte X' still takes what precedes
]


@pytest.mark.parametrize("text, fragment, expected", CLAUSE_CASES)
def test_each_source_keeps_its_clause(text, fragment, expected):
    assert source_of(text, fragment)[0] == expected


# An adverb or a vague number is never a speaker.
NON_SOURCE_CASES = [
    ("Trotzdem bezeichnete Healey die Zahl von 300 als zu hoch.", "300", "Healey"),
    ("Immerhin nannte Healey die Zahl von 300.", "300", "Healey"),
    ("Tausende sagten, sie hätten 300 Euro verloren.", "300", None),
]


@pytest.mark.parametrize("text, fragment, expected", NON_SOURCE_CASES)
def test_adverbs_and_vague_numbers_are_no_speakers(text, fragment, expected):
    found = source_of(text, fragment)
    assert (found[0] if isinstance(found, tuple) else found) == expected


HEADLINE_CASES = [
    ("Pentagon: Rund 10.000 nordkoreanische Soldaten in Russland\n\nText.", "10.000", "Pentagon"),
    ("Selenskyj: Bereits 3.000 Nordkoreaner getötet\n\nText.", "3.000", "Selenskyj"),
    # negatives: a label, a dateline, a table row
    ("Fazit: Rund 10.000 Soldaten sind in Russland\n\nText.", "10.000", None),
    ("Kiew: Rund 10.000 Soldaten sind in Russland\n\nText.", "10.000", None),
    ("SPD: 25,7 % (2021)\n\nText.", "25,7", None),
]


@pytest.mark.parametrize("text, fragment, expected", HEADLINE_CASES)
def test_headline_attribution(text, fragment, expected):
    found = source_of(text, fragment)
    assert (found[0] if isinstance(found, tuple) else found) == expected


def test_denial_with_subject_is_a_reported_quote():
    text = "Kremlsprecher Dmitri Peskow wies den Bericht über 1.500 Soldaten als „Falschmeldung“ zurück."
    assert source_of(text, "1.500")[:2] == ("Kremlsprecher Dmitri Peskow", "Dmitri Peskow")


def test_wie_clause_relays_the_main_clause_source():
    text = ("Wie die Nachrichtenagentur Yonhap unter Berufung auf den Abgeordneten Lee Seong-kweun "
            "berichtete, ging der Geheimdienst am Donnerstag von mindestens 100 Toten aus.")
    (quote,) = [q for q in quotes(text) if q.content.start <= text.index("100") < q.content.end]
    assert quote.speaker.text == "der Geheimdienst"
    assert [s.text for s in quote.source_chain] == [
        "die Nachrichtenagentur Yonhap", "den Abgeordneten Lee Seong-kweun", "der Geheimdienst"]
    assert "Donnerstag" not in quote.content.text  # the time of saying dates the statement


def test_relay_chain_innermost_named_source():
    text = "Yonhap berichtete unter Berufung auf den Geheimdienst NIS, dass 3000 Soldaten gefallen seien."
    (quote,) = quotes(text)
    assert quote.speaker.text == "den Geheimdienst NIS"
    assert [s.text for s in quote.source_chain] == ["Yonhap", "den Geheimdienst NIS"]


def test_relay_chain_unnamed_inner_source_keeps_outer():
    text = ("Wie der Sender CNN unter Berufung auf einen ukrainischen Kommandeur berichtete, "
            "sollen 500 Soldaten in der Ukraine sein.")
    (quote,) = quotes(text)
    assert quote.speaker.text == "der Sender CNN"
    assert [s.text for s in quote.source_chain][-1] == "einen ukrainischen Kommandeur"


def test_unnamed_source_is_not_named():
    (quote,) = quotes("Berichten zufolge sind 200 Soldaten gefallen.")
    assert quote.speaker is not None and quote.speaker.named is False


def test_carry_over_within_paragraph_only():
    text = ("Der Minister sagte, die Lage sei ernst. Es gebe 300 Verletzte.\n\n"
            "Es gebe außerdem 40 Tote.")
    assert speaker_of(text, "300") == "Der Minister"
    assert speaker_of(text, "40") is None  # a new paragraph without back-reference


def test_back_reference_opens_paragraph():
    """'Demnach' stands for the source: its span is the speaker span, the name the source's."""
    text = "Die Nachrichtenagentur dpa berichtete, es gebe Kämpfe.\n\nDemnach sollen 8.000 Soldaten dort sein."
    (quote,) = [q for q in quotes(text) if "8.000" in q.content.text]
    assert (quote.speaker.text, quote.speaker.name) == ("Demnach", "Nachrichtenagentur dpa")


def test_pronoun_resolves_to_full_name():
    text = "US-Außenminister Antony Blinken sprach in Washington. Er sagte, es seien 10.000 Soldaten."
    (quote,) = [q for q in quotes(text) if "10.000" in q.content.text]
    assert quote.speaker.text == "Er" and quote.speaker.name == "Antony Blinken"


def test_organisation_head_resolves_to_named_organisation():
    text = ("Der südkoreanische Geheimdienst NIS meldete neue Zahlen.\n\n"
            "Der Geheimdienst geht davon aus, dass 100 Soldaten gefallen sind.")
    (quote,) = [q for q in quotes(text) if "100" in q.content.text]
    assert (quote.speaker.text, quote.speaker.name) == ("Der Geheimdienst", "Geheimdienst NIS")


def test_role_resolves_to_person_named_in_same_sentence():
    text = ("Dafür müssten laut Völkerrechtler Claus Kreß zwei Bedingungen erfüllt sein, "
            "sagte der Professor der Universität Köln.")
    names = {q.speaker.name for q in quotes(text) if q.speaker}
    assert names == {"Claus Kreß"}


def test_offsets_are_article_offsets():
    text = "Vorspann.\n\nSelenskyj sagte, Putin habe 10.000 Soldaten geschickt."
    for q in quotes(text):
        assert text[q.content.start:q.content.end] == q.content.text
        assert text[q.speaker.start:q.speaker.end] == q.speaker.text
        assert q.rule


# Rules of 2026-11-22 (each found from quotes-de-news train errors); own sentences.
NEW_RULE_CASES = [
    # a demonstrative opening the cue sentence stands for the sentence before it
    ("Die Firma schließt zwei Werke. Das bestätigte ein Sprecher am Montag.", "zwei Werke", "ein Sprecher"),
    ("Die Firma schließt zwei Werke. Dies wurde von der Gewerkschaft bestätigt.", "zwei Werke", "der Gewerkschaft"),
    # passive cues: the von-agent speaks; without one, the content clause has no speaker
    ("Die Pläne wurden von Verkehrsminister Max Muster als unrealistisch bezeichnet.", "Pläne", "Verkehrsminister Max Muster"),
    ("Dem Verein wird vorgeworfen, Spenden veruntreut zu haben.", "Spenden", "<none>"),
    ("Das Gebäude wurde im Jahr 1950 gebaut.", "Gebäude", None),
    # cue verbs that report only with a clause ('clause_only_cues'); the act still runs on
    ("Die Opposition hatte den Haushalt scharf kritisiert.", "Haushalt", None),
    ("Die Opposition kritisierte, der Haushalt sei unseriös.", "unseriös", "Die Opposition"),
    ("In einigen Städten fiel am Morgen Schnee.", "Schnee", None),
    ("Die Gewerkschaft kritisierte den Plan. Er gefährde 500 Stellen.", "500", "Die Gewerkschaft"),
    # a Konjunktiv clause after a main clause whose subject can speak, whatever the verb
    ("Die Ministerin vertrat die These, die Partei stagniere seit Jahren.", "stagniere", "Die Ministerin"),
    # a Konjunktiv sentence with no running report: the previous sentence's subject
    ("Der Bürgermeister sieht den Streit gelassen. Man habe keine Fehler gemacht.", "Fehler", "Der Bürgermeister"),
    ("Die Proteste weiteten sich am Abend aus. Es gebe viele Verletzte.", "Verletzte", None),
    # new cue verbs and report nouns
    ("Vertreter der Armee werfen den Rebellen vor, Zivilisten als Schutzschilde zu missbrauchen.", "Zivilisten", "Vertreter der Armee"),
    ("Die Analysten werten das Ergebnis als Erfolg.", "Erfolg", "Die Analysten"),
    ("Nach einer Stellungnahme der Armee wurden zwei Soldaten verletzt.", "Soldaten", "der Armee"),
    # sources the noun-phrase rules missed: web addresses and quoted titles after 'laut'
    ("Laut tagesschau.de wurden 20 Menschen verletzt.", "20", "tagesschau.de"),
    ("Laut „Computerwoche“ wird das Programm eingestellt.", "Programm", "„Computerwoche“"),
    # 'X nach' after a view noun; 'Demnach' with no source in the article; ', wonach …'
    ("Dem Vernehmen nach soll der Vertrag 300 Seiten umfassen.", "300", "Dem Vernehmen"),
    ("Der Bericht lag am Montag vor. Demnach sind 300 Stellen betroffen.", "300", "Demnach"),
    ("Es gibt einen Bericht der Agentur Reuters, wonach 50 Menschen starben.", "50", "der Agentur Reuters"),
    ("Es gab Gerüchte, wonach der Chef bald zurücktritt.", "Chef", "wonach"),
]


@pytest.mark.parametrize("text, fragment, expected", NEW_RULE_CASES)
def test_new_rule_speaker(text, fragment, expected):
    assert speaker_of(text, fragment) == expected


# Rules of round 2 (each found from quotes-de-news train errors); own sentences.
ROUND_2_CASES = [
    # an apposition between the subject and the finite verb, the participle or the particle
    ("Vor kurzem hatte ein Sprecher der Partei, Karl Maier, erklärt, die Wahl sei verloren.", "verloren", "ein Sprecher der Partei, Karl Maier"),
    ("Jetzt gab die Leiterin der Behörde, Anna Schulz, bekannt, dass 40 Stellen wegfallen.", "40 Stellen", "die Leiterin der Behörde, Anna Schulz"),
    # a focus particle before the subject; a quoted name inside it
    ("Auch Müller argumentierte, die Partei habe viele Stimmen verloren.", "Stimmen", "Müller"),
    ("Die Zeitung „Morgenpost“ hatte berichtet, 200 Mitarbeiter seien entlassen worden.", "200", "Die Zeitung „Morgenpost“"),
    # the fronted subject against a bare name after the verb: a plural verb, a person before it
    ("Die Behörden werfen Müller Betrug vor.", "Betrug", "Die Behörden"),
    ("Die frühere Ministerin Anna Schulz nannte Meier einen „wahren Freund“.", "Freund", "Die frühere Ministerin Anna Schulz"),
    ("Diese Schätzung nannte Müller unrealistisch.", "unrealistisch", "Müller"),
    # 'nach' with a text that states rules or results
    ("Nach dem Grundgesetz bestimmt der Kanzler die Richtlinien der Politik.", "Richtlinien", "dem Grundgesetz"),
    ("Nach dem vorläufigen Endergebnis erreichte die Partei 45 Prozent.", "45", "dem vorläufigen Endergebnis"),
    # a quotation without a cue is the words of a subject that can speak
    ("Auch Minister Karl Maier attackierte das Land als den „größten Förderer des Terrors“.", "Förderer", "Minister Karl Maier"),
    # a passive cue with an institution as agent; its particle before the participle
    ("Das Gesetz wurde vom Verfassungsgericht für nichtig erklärt.", "Gesetz", "Verfassungsgericht"),
    # the cue after a quotation without a comma: the quotation's auxiliary is not the cue's
    ("„Die Schule hat sich etabliert.“ erklärte Ministerin Anna Schulz.", "etabliert", "Ministerin Anna Schulz"),
    # a colon frame 'Name, Rolle: „…“'
    ("Karl Maier, Präsident des Rats: „Das Gesetz ist ein Fehler.“", "Fehler", "Karl Maier"),
    # a particle that is also a preposition, followed by a phrase, is the preposition
    ("Sie warf den Speer 66 Meter weit und siegte vor der Russin Anna Petrova.", "Speer", None),
    ("Minister Maier warf der Regierung Betrug vor.", "Betrug", "Minister Maier"),
    # 'hieß es' with its source after it or opening the sentence
    ("„Alles deutet auf einen Anschlag hin“, hieß es vom Abgeordneten Karl Maier.", "Anschlag", "Abgeordneten Karl Maier"),
    ("Bei der Agentur Tass hieß es, dass es zwei Explosionen gegeben habe.", "Explosionen", "Bei der Agentur Tass"),
    # news with no one named as its source
    ("Wie heute bekannt wurde, sind in der Stadt erste Fälle aufgetreten.", "Fälle", "<none>"),
    ("Der Preis wurde am Montag bekannt gegeben.", "Preis", None),
    # a clause opened by an adverbial subordinator is no content of the cue before it
    ("Der Minister bestritt das, indem er sagte, die Pläne seien alt.", "Pläne", "er"),
    # a Konjunktiv sentence after an unattributed one continues that sentence's subject
    ("Der Anwalt sagte, der Prozess beginne bald. Die Staatsanwaltschaft erhebt nun Anklage. "
     "Der Mann gebe die Taten zu.", "Taten", "Die Staatsanwaltschaft"),
    ("Der Anwalt sagte, der Prozess beginne bald. Der Mann gebe die Taten zu.", "Taten", "Der Anwalt"),
    # a name opening the sentence is no adverb, though HanTa reads it lower-cased as one
    ("Die Polizei nahm Kowalewitsch fest. Kowalewitsch sagte dazu: „Ich bin unschuldig.“", "unschuldig", "Kowalewitsch"),
    # a quantified group and a quoted name as the subject; a quoted name of a source is no quote
    ("Mehrere Abgeordnete kritisierten, das Gesetz sei verfassungswidrig.", "verfassungswidrig", "Mehrere Abgeordnete"),
    ("„Hacker42“ erwähnte auch, dass er weiteren Code veröffentlichen werde.", "Code", "„Hacker42“"),
    # an age adjective in the subject; a zu-infinitive clause with a clause after it
    ("Der 85-jährige Karl Maier sagte, er habe keine Kraft mehr.", "Kraft", "Der 85-jährige Karl Maier"),
    ("Die Führung der Armee hatte beschlossen, ihn zurückzuholen, nachdem er verletzt worden war.", "zurückzuholen", "Die Führung der Armee"),
    # a demonstrative after a comma stands for the clause before it; a web address in a wie-clause
    ("Die Kamera des Teleskops ist ausgefallen, das teilte das Institut mit.", "Kamera", "das Institut"),
    ("Wie t-online.de berichtet, ist der Trailer veröffentlicht worden.", "Trailer", "t-online.de"),
    # a role apposition with prepositions between the name and the verb
    ("Karl Maier, Experte der Fraktion im Landtag, kritisierte, die Kommission habe versagt.", "versagt", "Karl Maier"),
    # a perfect passive ('war … worden') has no subject that speaks
    ("Letzte Woche war noch befürchtet worden, die Brücke könnte beschädigt sein.", "Brücke", "<none>"),
    # a demonstrative pronoun as the subject, before or after the verb
    ("Er zeigte ihn an. Dieser behauptete, dass der Minister falsch abgerechnet habe.", "Minister", "Dieser"),
    ("Für die Sängerin, so schrieb diese in einer Stellungnahme, sei es eine Ehre.", "Ehre", "diese"),
    ("Diese Regierung sagte, es gebe keine Toten.", "Toten", "Diese Regierung"),
    # the past plural of a listed past form ('prangerte|an' → 'prangerten … an')
    ("Müller und Maier prangerten an, dass die Lehrer als Hilfssheriffs dienten.", "Lehrer", "Müller und Maier"),
    # a verb with a fixed complement: 'sein' + a view noun, 'sich zeigen' + a stance adjective
    ("Der Minister ist der Meinung, dass die Steuern sinken müssen.", "Steuern", "Der Minister"),
    ("Die Trainerin zeigte sich zufrieden: „Wir haben gut gespielt.“", "gespielt", "Die Trainerin"),
    ("Das ist der Plan.", "Plan", None),
    # a fronted participle before the passive auxiliary
    ("Kritisiert wird in Deutschland vor allem, dass das Verbot nicht eingehalten wird.", "Verbot", "<none>"),
    # a name opening with its particle; a demonstrative subject shared by two verbs
    ("Wie de Maizière darlegte, handelte es sich um einen Testkoffer.", "Testkoffer", "de Maizière"),
    ("Diese baten ihn um Geld und drohten dem Mann an, ihn zu durchsuchen.", "durchsuchen", "Diese"),
]


def test_welcoming_without_a_clause_is_an_act():
    assert quotes("Die Gewerkschaft begrüßte das Vorhaben am Montag.") == []
    (quote,) = quotes("Die Gewerkschaft begrüßte, dass die Regierung handle.")
    assert quote.kind == "indirect" and quote.speaker.text == "Die Gewerkschaft"


def test_purpose_clause_is_no_content():
    text = "Die Menschen forderten Neuwahlen, um den Weg zur Demokratie freizumachen."
    (quote,) = quotes(text)
    assert quote.kind == "reported" and quote.speaker.text == "Die Menschen"


def test_quoted_name_of_a_source_is_no_quote():
    text = "Wie die „Aktion Kinder helfen“ heute mitteilte, werde die Hilfe fortgesetzt."
    assert [(q.kind, q.speaker.text) for q in quotes(text)] == [("indirect", "die „Aktion Kinder helfen“")]


@pytest.mark.parametrize("text, fragment, expected", ROUND_2_CASES)
def test_round_2_speaker(text, fragment, expected):
    assert speaker_of(text, fragment) == expected


def test_indirect_clause_and_its_quotation_are_two_records():
    text = "Der Sprecher erklärte, für die Regierung sei entscheidend, „ob das Gesetz vor Gericht hält“."
    kinds = {(q.kind, q.content.text[:3]) for q in quotes(text)}
    assert kinds == {("indirect", "für"), ("direct", "„ob")}


def test_cue_with_only_a_quotation_is_one_record():
    text = "Der Sprecher sagte: „Das Gesetz hält vor Gericht.“"
    assert [q.kind for q in quotes(text)] == ["direct"]


def test_end_of_a_quotation_over_two_sentences_is_not_a_second_quote():
    text = "„Wir sind sehr zufrieden. Das Ergebnis ist gut für alle“, sagte der Trainer."
    start = text.index("Das Ergebnis")
    covering = [q for q in quotes(text) if q.content.start <= start < q.content.end]
    assert [(q.kind, q.content.start) for q in covering] == [("direct", 0)]


def test_relative_clause_after_the_object_is_no_content():
    text = "Die Organisation fordert eine Untersuchung des Angriffs, bei dem es sich um ein Verbrechen gehandelt haben könne."
    (quote,) = quotes(text)
    assert quote.kind == "reported" and quote.speaker.text == "Die Organisation"


def test_reported_sentence_with_quotation_keeps_both():
    text = "Der Minister sagte, die Lage sei ernst. Das System sei „kaputt“, die Reform komme zu spät."
    found = {(q.kind, q.speaker.text) for q in quotes(text) if q.content.start >= text.index("Das System")}
    assert found == {("free_indirect", "Der Minister"), ("direct", "Der Minister")}


def test_demnach_without_a_source_is_unnamed():
    text = "Der Bericht lag am Montag vor. Demnach sind 300 Stellen betroffen."
    (quote,) = [q for q in quotes(text) if "300" in q.content.text]
    assert quote.speaker.named is False and quote.speaker.name is None


@pytest.mark.shared
def test_wikinews_dev_attributed_f1(shared):
    """quotes-de-news dev, scored as GUIDELINES (benchmarks/eval_quotes.py): measured attributed
    F1 0.646 and content F1 0.757 (round 2); the floors sit just below and move only on purpose."""
    import importlib.util
    from pathlib import Path

    bench = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_quotes.py"
    spec = importlib.util.spec_from_file_location("eval_quotes", bench)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scores = module.run("dev")
    assert scores["attributed"]["f1"] >= 0.63
    assert scores["content"]["f1"] >= 0.74
