"""The German temporal tagger: one table per rule family, with negative cases.

The anchor (publication date) is Wednesday 2024-11-27 unless a case says otherwise.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsledger.extractors.times import find_times, tag_times
from newsledger.extractors.times.calendar import Anchor, easter, weekday_date, year_for
from newsledger.model import Article

ANCHOR = "2024-11-27"  # a Wednesday, ISO week 48


def found(text: str, anchor: str | None = ANCHOR) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_times(text, anchor)]


def check(text: str, expected: list[tuple[str, str, str]], anchor: str | None = ANCHOR) -> None:
    assert found(text, anchor) == expected, text


EXPLICIT_DATES = [
    ("Die Wahl ist am 25. November 2024.", [("25. November 2024", "DATE", "2024-11-25")]),
    ("Am 25.11.2024 tagte der Rat.", [("25.11.2024", "DATE", "2024-11-25")]),
    # a weekday with the date picks the year it fits, over a year named nearby
    ("Er war von 1989 bis 1997 Präsident und ist am Sonntag, 24. November, gestorben.",
     [("1989", "DATE", "1989"), ("1997", "DATE", "1997"), ("Sonntag, 24. November", "DATE", "2024-11-24")]),
    # negative: a day-month pair right after a noun is a version number
    ("Das Profil 1.1. wird abgelöst.", []),
    ("Bis zum 3.12. bleibt es kalt.", [("3.12.", "DATE", "2024-12-03")]),
    ("Das Treffen fand am 2024-11-20 statt.", [("2024-11-20", "DATE", "2024-11-20")]),
    ("Am Donnerstag, 28. November, wird verhandelt.",
     [("Donnerstag, 28. November", "DATE", "2024-11-28")]),
    ("Die Tagung findet vom 1. bis 3. März statt.",
     [("1.", "DATE", "2025-03-01"), ("3. März", "DATE", "2025-03-03")]),
    ("Gespielt wird am 3., 4. und 7. Dezember.",
     [("3.", "DATE", "2024-12-03"), ("4.", "DATE", "2024-12-04"), ("7. Dezember", "DATE", "2024-12-07")]),
    ("Am 24. Jänner 2010 und am 1. Feber.", [("24. Jänner 2010", "DATE", "2010-01-24"),
                                            ("1. Feber", "DATE", "2010-02-01")]),
    # negatives: scores, versions, ranks
    ("Das Spiel endete 3:1, Version 2.5.1 folgt.", []),
    ("9. Maikol Demetz wurde Neunter.", []),
]

WEEKDAYS = [
    ("Am Montag wurde er festgenommen.", [("Montag", "DATE", "2024-11-25")]),
    ("Am Montag wird er entlassen.", [("Montag", "DATE", "2024-12-02")]),
    ("Am vergangenen Samstag brannte es.", [("vergangenen Samstag", "DATE", "2024-11-23")]),
    ("Am kommenden Dienstag.", [("kommenden Dienstag", "DATE", "2024-12-03")]),
    # the tense of a relative clause is its own clause-final verb, not the main clause's
    ("Die Zahlen, die das Amt am Montag vorlegte, sind hoch.", [("Montag", "DATE", "2024-11-25")]),
    # the publication day's own weekday is that day, even in the past tense (news usage)
    ("Der Minister sagte am Mittwoch, es gebe keine Hinweise.", [("Mittwoch", "DATE", "2024-11-27")]),
    ("Am Dienstagabend griffen Drohnen an.", [("Dienstagabend", "TIME", "2024-11-26TEV")]),
    ("Es geschah am Sonntag Nacht.", [("Sonntag Nacht", "TIME", "2024-11-24TNI")]),
    ("Die Goldenen-Sonntag-Feier war gut besucht.", [("Sonntag", "DATE", "2024-11-24")]),
    # an attributive participle is past without an auxiliary
    ("Der Pilot des am Freitag abgestürzten Flugzeugs ist in Haft.", [("Freitag", "DATE", "2024-11-22")]),
    # a prefixed strong preterite right after a time opening its clause
    ("Ihm war nicht zu helfen, am Montag verstarb er.", [("Montag", "DATE", "2024-11-25")]),
    # the expression's own clause decides before the rest of the sentence
    ("Die beiden werden beschuldigt, im Oktober an einem Anschlag beteiligt gewesen zu sein.",
     [("Oktober", "DATE", "2024-10")]),
    # 'soll … haben' is an alleged past, not a plan
    ("Zwischen dem 18. Juli und 17. August soll ein Mann Frauen belästigt haben.",
     [("18. Juli", "DATE", "2024-07-18"), ("17. August", "DATE", "2024-08-17")]),
    # a target ('ab', 'für', 'zum') is not dated by the tense of the report announcing it
    ("Die Firma hat angekündigt, die Preise ab 1. Januar zu erhöhen.", [("1. Januar", "DATE", "2025-01-01")]),
    ("Der Prozess wurde auf den 3. Januar vertagt.", [("3. Januar", "DATE", "2025-01-03")]),
    # negative: after a modal a clause-final '-ten' is an infinitive, no preterite
    ("Trotz der Verletzung kann er am Samstag die Reise antreten.", [("Samstag", "DATE", "2024-11-30")]),
    # a participle without ge- after 'hat', and 'nachdem', are past
    ("Die Polizei hat am Montag einen Mann verhaftet.", [("Montag", "DATE", "2024-11-25")]),
    ("Nachdem die Zeitung am Montag berichtet hatte, reagierte er.", [("Montag", "DATE", "2024-11-25")]),
    # an attributive 'geplanten' is about a thing, not the tense of the clause
    ("Die Koalition hat sich am Sonntag auf Details der geplanten Reform geeinigt.",
     [("Sonntag", "DATE", "2024-11-24")]),
    ("Zum Auftakt empfing Dortmund am Freitag den HSV.", [("Freitag", "DATE", "2024-11-22")]),
    # 'diesen Samstag' follows the tense
    ("Merkel hat diesen Samstag angekündigt, nicht mehr anzutreten.", [("diesen Samstag", "DATE", "2024-11-23")]),
    # a '-ten' word before an article is a finite verb: a preterite
    ("So fassten die Grünen am Donnerstag den Beschluss.", [("Donnerstag", "DATE", "2024-11-21")]),
    # the night before a weekday
    ("In der Nacht zum Samstag brannte ein Stall.", [("Nacht zum Samstag", "TIME", "2024-11-22TNI")]),
    ("In der Nacht vom 10. zum 11. Januar 2006 fiel Schnee.",
     [("Nacht vom 10. zum 11. Januar 2006", "TIME", "2006-01-10TNI")]),
    ("In der Nacht zu Samstag, dem 23. November, kam es zum Unfall.",
     [("Nacht zu Samstag, dem 23. November", "TIME", "2024-11-22TNI")]),
    ("In der Nacht von Freitag auf Samstag brannte es, die Feuerwehr kam um 2:00 Uhr.",
     [("Nacht von Freitag auf Samstag", "TIME", "2024-11-22TNI"), ("2:00 Uhr", "TIME", "2024-11-23T02:00")]),
    ("Der Anschlag in der Nacht zum 1. Januar 2011 tötete 23 Menschen.",
     [("Nacht zum 1. Januar 2011", "TIME", "2010-12-31TNI")]),
    ("Seit den frühen Morgenstunden des 13. November läuft die Offensive.",
     [("frühen Morgenstunden des 13. November", "TIME", "2024-11-13TMO")]),
    ("Die Gespräche begannen am gestrigen Dienstag und enden am heutigen Mittwoch.",
     [("gestrigen Dienstag", "DATE", "2024-11-26"), ("heutigen Mittwoch", "DATE", "2024-11-27")]),
    # negative: a far year after 'von' before a noun is a count
    ("Anfänglich war von 1500 Soldaten die Rede.", []),
    # negatives: 'die', 'so', 'mit' are not weekdays; nor is the 'Sonntagsfahrverbot'
    ("Die Regierung ist so weit, mit der Armee zu sprechen.", []),
    ("Das Sonntagsfahrverbot gilt.", []),
    ("In der „Bild am Sonntag“ schreibt er.", []),
]

MONTHS_SEASONS_QUARTERS = [
    ("Die Offensive soll Mitte Oktober beginnen.", [("Mitte Oktober", "DATE", "2025-10-15")]),
    ("Im Oktober wurden 30 Menschen getötet.", [("Oktober", "DATE", "2024-10")]),
    ("Bis Dezember sollen 3000 Soldaten kommen.", [("Dezember", "DATE", "2024-12")]),
    ("Anfang September 2014 kam die Diagnose.", [("Anfang September 2014", "DATE", "2014-09")]),
    ("Im August vorigen Jahres gab es eine Mure.", [("August vorigen Jahres", "DATE", "2023-08")]),
    ("Im Juli und August ist geschlossen.", [("Juli", "DATE", "2024-07"), ("August", "DATE", "2024-08")]),
    ("Im Herbst dieses Jahres wird gewählt.", [("Herbst dieses Jahres", "DATE", "2024-FA")]),
    ("Der Lehrgang soll im Frühjahr 2025 starten.", [("Frühjahr 2025", "DATE", "2025-SP")]),
    ("Im dritten Quartal stieg der Gewinn.", [("dritten Quartal", "DATE", "2024-Q3")]),
    ("Erst in der zweiten Jahreshälfte wächst die Wirtschaft.",
     [("der zweiten Jahreshälfte", "DATE", "2024-H2")]),
    # negatives: 'Mai' and 'August' as names, seasons inside compounds
    ("Das sagte Karl Mai dem Sender.", []),
    ("Die Rede von August Bebel.", []),
    ("Er startet im Winter-Biathlon.", []),
]

YEARS_DECADES = [
    ("1989 fiel die Mauer.", [("1989", "DATE", "1989")]),
    ("Im Jahr 1895 wurde das Hotel gebaut.", [("Jahr 1895", "DATE", "1895")]),
    ("Der Künstler Georg Fuhg (1898-1976).", [("1898", "DATE", "1898"), ("1976", "DATE", "1976")]),
    ("In den 1990er-Jahren und in den 60er Jahren.",
     [("den 1990er-Jahren", "DATE", "199"), ("den 60er Jahren", "DATE", "196")]),
    ("Anfang der neunziger Jahre.", [("der neunziger Jahre", "DATE", "199")]),
    ("In der ersten Hälfte des 15. Jahrhunderts.", [("der ersten Hälfte des 15. Jahrhunderts", "DATE", "14")]),
    # negatives: counts and amounts are not years; 3000 is never a year
    ("Die 3000 Soldaten kamen mit 2000 Panzern.", []),
    ("Er zahlte 1500 Euro, die Hitze lag bei 2000 bis 3000 Grad.", []),
    ("Die Raketen vom Typ ATACMS.", []),
    ("Der 1949 gegründete Staat.", [("1949", "DATE", "1949")]),
    ("Die 2000 verletzten Menschen.", []),
]

RELATIVE = [
    ("Heute läuft die Frist aus, gestern lagen sieben Namen vor.",
     [("Heute", "DATE", "2024-11-27"), ("gestern", "DATE", "2024-11-26")]),
    ("Morgen und übermorgen wird gefeiert.",
     [("Morgen", "DATE", "2024-11-28"), ("übermorgen", "DATE", "2024-11-29")]),
    ("Gestern Abend wurde abgestimmt.", [("Gestern Abend", "TIME", "2024-11-26TEV")]),
    ("Davon zehrt das Land auch heute noch.", [("heute", "DATE", "PRESENT_REF")]),
    ("1987 wanderte sie aus. Heute lebt sie in Berlin.",
     [("1987", "DATE", "1987"), ("Heute", "DATE", "PRESENT_REF")]),
    ("Letzte Woche wurden 30 Menschen getötet.", [("Letzte Woche", "DATE", "2024-W47")]),
    ("Im kommenden Jahr wird alles besser.", [("kommenden Jahr", "DATE", "2025")]),
    ("Vergangenen Monat war es schlecht.", [("Vergangenen Monat", "DATE", "2024-10")]),
    ("Im Vorjahr waren es weniger.", [("Vorjahr", "DATE", "2023")]),
    ("Sie hatte im April des letzten Jahres geklagt.", [("April des letzten Jahres", "DATE", "2023-04")]),
    ("Der Start soll im letzten Quartal diesen Jahres sein, am 5. Mai diesen Jahres war der erste.",
     [("letzten Quartal diesen Jahres", "DATE", "2024-Q4"), ("5. Mai diesen Jahres", "DATE", "2024-05-05")]),
    # a year named in the sentence gives way to the tense: a plan for 2023's accounts is next April
    ("Der Abschluss für 2023 wird im April veröffentlicht.", [("2023", "DATE", "2023"), ("April", "DATE", "2025-04")]),
    ("Im Jahr 2014 stieg der Absatz. Es waren mehr als im Vorjahr.",
     [("Jahr 2014", "DATE", "2014"), ("Vorjahr", "DATE", "2013")]),
    ("Das gestrige Unglück, am gestrigen Vormittag gemeldet.",
     [("gestrige", "DATE", "2024-11-26"), ("gestrigen Vormittag", "TIME", "2024-11-26TMO")]),
    ("Die Regierung will künftig warnen, die Polizei prüft aktuell Hinweise.",
     [("künftig", "DATE", "FUTURE_REF"), ("aktuell", "DATE", "PRESENT_REF")]),
    ("Heuer sind es mehr.", [("Heuer", "DATE", "2024")]),
    ("Die Ferien fallen in dieser Woche kurz aus.", [("dieser Woche", "DATE", "2024-W48")]),
    ("Sie waren am Wochenende unterwegs.", [("Wochenende", "DATE", "2024-W47-WE")]),
    ("Am Freitag siegte er, am Tag zuvor wurde er Zweiter.",
     [("Freitag", "DATE", "2024-11-22"), ("Tag zuvor", "DATE", "2024-11-21")]),
    ("Derzeit ist nichts geplant, kürzlich war es anders; jetzt nicht.",
     [("Derzeit", "DATE", "PRESENT_REF"), ("kürzlich", "DATE", "PAST_REF"), ("jetzt", "DATE", "PRESENT_REF")]),
    ("Man setzt auch in der Zukunft auf Kontinuität.", [("der Zukunft", "DATE", "FUTURE_REF")]),
    ("In den nächsten Jahren werden wir wachsen.", [("den nächsten Jahren", "DATE", "FUTURE_REF")]),
    # negatives: a capitalised reference word inside a sentence is a name, a hyphenated one a word part
    ("Das meldete Russland Aktuell, das Thema ist top-aktuell.", []),
    # negatives: 'am Morgen' is a part of the day, not tomorrow; a film title is not a time
    ("Guten Morgen, sagte er.", []),
    ("Die große Zukunft liegt hinter ihm.", []),
]

HOLIDAYS = [
    # KRAUTS leaves a holiday's value unresolved; its day still dates a clock time after it
    ("Zu Weihnachten kommen viele Touristen.", [("Weihnachten", "DATE", "XXXX-XX-XX")]),
    ("Zu Pfingsten 2024 war es kalt.", [("Pfingsten 2024", "DATE", "XXXX-XX-XX")]),
    ("Silvester wird gefeiert, Neujahr geschlafen.",
     [("Silvester", "DATE", "XXXX-XX-XX"), ("Neujahr", "DATE", "XXXX-XX-XX")]),
    ("Am Ostermontag 2025 um 10 Uhr beginnt der Lauf.",
     [("Ostermontag 2025", "DATE", "XXXX-XX-XX"), ("10 Uhr", "TIME", "2025-04-21T10:00")]),
    ("An Heiligabend um 16 Uhr spielt die Band.",
     [("Heiligabend", "DATE", "XXXX-XX-XX"), ("16 Uhr", "TIME", "2024-12-24T16:00")]),
]

DURATIONS = [
    ("Zwei Wochen konnten die Kinder bleiben.", [("Zwei Wochen", "DURATION", "P2W")]),
    ("Seit 100 Jahren steht das Haus.", [("100 Jahren", "DURATION", "P100Y")]),
    ("Vor drei Tagen hatte er es bestritten.", [("drei Tagen", "DURATION", "P3D")]),
    ("Rund 200 Stunden wurden geleistet.", [("Rund 200 Stunden", "DURATION", "PT200H")]),
    ("Das dauerte dreieinhalb Minuten.", [("dreieinhalb Minuten", "DURATION", "PT3.5M")]),
    ("Es sind weniger als vor einem halben Jahr, in anderthalb Stunden.",
     [("einem halben Jahr", "DURATION", "P6M"), ("anderthalb Stunden", "DURATION", "PT1.5H")]),
    ("In den vergangenen fünf Jahren stieg die Zahl.", [("den vergangenen fünf Jahren", "DURATION", "P5Y")]),
    ("Er war seit Jahren dabei, mehrere Jahre lang.",
     [("Jahren", "DURATION", "PXY"), ("mehrere Jahre", "DURATION", "PXY")]),
    ("Es dauert sechs bis acht Monate.", [("sechs", "DURATION", "P6M"), ("acht Monate", "DURATION", "P8M")]),
    ("Der einwöchige Aufenthalt war jahrelang geplant.",
     [("einwöchige", "DURATION", "P1W"), ("jahrelang", "DURATION", "PXY")]),
    # negatives: ages and age limits are not durations
    ("Die Männer sind 31 und 22 Jahre alt, der 16 Jahre jüngere Bruder auch.", []),
    ("Wählen dürfen Jugendliche ab 16 Jahren.", []),
    ("Er starb im Alter von 80 Jahren.", []),
    ("Die Männer, alle im Alter zwischen 17 und 35 Jahren, wohnen in London.", []),
    ("Sie gab mit über 90 Jahren die Wohnung auf, Kinder unter 13 Jahren tranken.", []),
    ("Wir glauben, dass eines Tages alles gut wird.", []),
    ("Gewählt wird für eine Amtszeit von sechs Jahren.", [("sechs Jahren", "DURATION", "P6Y")]),
]

SETS = [
    ("Die Bauern liefern täglich Milch, jährlich neun Millionen Kilogramm.",
     [("täglich", "SET", "P1D"), ("jährlich", "SET", "P1Y")]),
    ("Jeden Montag trifft sich die Gruppe.", [("Jeden Montag", "SET", "XXXX-WXX-1")]),
    ("An jedem Montagabend ist offen.", [("jedem Montagabend", "SET", "XXXX-WXX-1TEV")]),
    ("Die Rubrik erscheint einmal im Monat.", [("einmal im Monat", "SET", "P1M")]),
    ("Es gibt je zwei Wochen Urlaub.", [("je zwei Wochen", "SET", "P2W")]),
    ("Er verdient 400 Euro im Monat dazu.", [("im Monat", "SET", "P1M")]),
    ("Sonntags ist geschlossen.", [("Sonntags", "SET", "XXXX-WXX-7")]),
]

CLOCK_TIMES = [
    ("Am Montag um 14.30 Uhr begann die Sitzung.",
     [("Montag", "DATE", "2024-11-25"), ("14.30 Uhr", "TIME", "2024-11-25T14:30")]),
    ("Morgen ab 12 Uhr spielt die Band.",
     [("Morgen", "DATE", "2024-11-28"), ("12 Uhr", "TIME", "2024-11-28T12:00")]),
    ("Am 18. Dezember (9.30/12.30 Uhr) wird gefahren.",
     [("18. Dezember", "DATE", "2024-12-18"), ("9.30", "TIME", "2024-12-18T09:30"),
      ("12.30 Uhr", "TIME", "2024-12-18T12:30")]),
    ("Geöffnet ist jeweils von 10 bis 15 Uhr.", [("10", "TIME", "T10:00"), ("15 Uhr", "TIME", "T15:00")]),
    # a clock time takes the day last named in its paragraph, else the publication day
    ("Gestartet war er am Montag. Er verschwand vom Radar. Die Suche begann um 10:05 Uhr.",
     [("Montag", "DATE", "2024-11-25"), ("10:05 Uhr", "TIME", "2024-11-25T10:05")]),
    ("Die Polizei wurde gegen 15:26 Uhr verständigt.", [("15:26 Uhr", "TIME", "2024-11-27T15:26")]),
    ("Am Montag war Ruhe.\n\nUm 14 Uhr wurde gesperrt.",
     [("Montag", "DATE", "2024-11-25"), ("14 Uhr", "TIME", "2024-11-27T14:00")]),
    ("Er kam kurz nach Mitternacht.", [("Mitternacht", "TIME", "2024-11-27T00:00")]),
    # negatives: scores are not clock times
    ("Nach neun Minuten stand es 29:15, am Ende 79:72.", [("neun Minuten", "DURATION", "PT9M")]),
]

# Round 2 of issue 10: families read from the times train part and KRAUTS, written anew here.
ANAPHORIC_AND_PERIODS = [
    # a weekday in a named week is one expression: that week's day, whatever the tense
    ("Am Donnerstag vergangener Woche trat er zurück.",
     [("Donnerstag vergangener Woche", "DATE", "2024-11-21")]),
    ("Der Rat tagt am Freitag dieser Woche.", [("Freitag dieser Woche", "DATE", "2024-11-29")]),
    ("Im Laufe des Dienstags zog das Gewitter ab.", [("des Dienstags", "DATE", "2024-11-26")]),
    # 'zu diesem Zeitpunkt' is the day or clock time just named
    ("Am Montag, dem 25. November, schlug der Sender Alarm. Zu diesem Zeitpunkt war das Boot weg.",
     [("Montag, dem 25. November", "DATE", "2024-11-25"), ("diesem Zeitpunkt", "DATE", "2024-11-25")]),
    ("Der Kontakt brach um 9:40 Uhr ab, zu diesem Zeitpunkt flog es über dem Meer.",
     [("9:40 Uhr", "TIME", "2024-11-27T09:40"), ("diesem Zeitpunkt", "TIME", "2024-11-27T09:40")]),
    ("Am Sonntag stürzte er. Am Abend des folgenden Tages kam er heim.",
     [("Sonntag", "DATE", "2024-11-24"), ("Abend des folgenden Tages", "TIME", "2024-11-25TEV")]),
    # a part of the day takes the day named in its paragraph, else the publication day
    ("Am Montag war Ruhe.\n\nAm Abend kam es zu Krawallen.",
     [("Montag", "DATE", "2024-11-25"), ("Abend", "TIME", "2024-11-27TEV")]),
    # a lower-case part of the day is the day talked about; a habit is not
    ("Am Montag rückte die Wehr abends noch einmal aus.",
     [("Montag", "DATE", "2024-11-25"), ("abends", "TIME", "2024-11-25TEV")]),
    ("Sie kocht meist abends.", []),
    ("Nach der Zählung sitzen abends kaum Gäste im Bus.", []),
    # 'in der Vergangenheit' as an adverbial; the noun is no time
    ("Das Amt hat in der Vergangenheit oft geirrt.", [("der Vergangenheit", "DATE", "PAST_REF")]),
    ("Der Roman erzählt von der Last der Vergangenheit.", []),
    ("Die diesjährige Ernte fiel gut aus.", [("diesjährige", "DATE", "2024")]),
    ("Im vorigen Jahrhundert stand hier eine Mühle.", [("vorigen Jahrhundert", "DATE", "19")]),
    # ranges of durations, not ages
    ("Die Angeklagten erhielten zwischen drei und acht Jahren Haft.",
     [("drei", "DURATION", "P3Y"), ("acht Jahren", "DURATION", "P8Y")]),
    ("Kinder zwischen sechs und zehn Jahren zahlen nichts.", []),
    ("Gefährdet sind vor allem Menschen über 80 Jahre.", []),
    ("Er bekommt ein weiteres Jahr.", [("ein weiteres Jahr", "DURATION", "P1Y")]),
    ("Der Verein feiert sein zwanzigjähriges Bestehen.", [("zwanzigjähriges", "DURATION", "P20Y")]),
    ("Ein neunjähriger Junge fand den Schatz.", []),
    ("Jahrzehntelang geschah nichts.", [("Jahrzehntelang", "DURATION", "PXDE")]),
    ("Viermal in der Woche wird geübt.", [("Viermal in der Woche", "SET", "P1W")]),
    ("Der Bus fährt jeden zweiten Tag.", [("jeden zweiten Tag", "SET", "P2D")]),
    # a speed is no set
    ("Der Wind erreichte 120 Kilometer pro Stunde.", []),
    # the spelling before 1996: 'gestern abend', 'Dienstag abend' (not 'heute' and 'tomorrow')
    ("Gestern abend tagte der Rat.", [("Gestern abend", "TIME", "2024-11-26TEV")]),
    ("Heute morgen kam die Nachricht.", [("Heute morgen", "TIME", "2024-11-27TMO")]),
    ("Am Montag nachmittag sprach der Kanzler.", [("Montag nachmittag", "TIME", "2024-11-25TAF")]),
    ("Der Zug fährt am Freitag morgen.", [("Freitag morgen", "TIME", "2024-11-29TMO")]),
    # 'Heute' set against the past is the present, not the publication day
    ("Als sie 1990 anfing, gab es 20 Höfe. Heute sind es drei.",
     [("1990", "DATE", "1990"), ("Heute", "DATE", "PRESENT_REF")]),
    ("Damals kostete das Brot wenig. Heute zahlen Kunden das Doppelte.",
     [("Damals", "DATE", "PAST_REF"), ("Heute", "DATE", "PRESENT_REF")]),
    ("Die Frist wurde verlängert. Heute läuft sie ab.", [("Heute", "DATE", "2024-11-27")]),
    # a present verb with a stem in -t is no preterite ('bieten nur …')
    ("Am Donnerstag bleiben die Kitas zu oder bieten nur eine Notbetreuung an.",
     [("Donnerstag", "DATE", "2024-11-28")]),
    # a present modal in the weekday's own clause looks ahead, whatever the rest of the sentence says
    ("Weil das Gelände abgelegen ist und gesperrt wurde, können Helfer erst am Freitag kommen.",
     [("Freitag", "DATE", "2024-11-29")]),
    # a duration in two units is one value
    ("Er erhielt vier Jahre und zwei Monate Haft.", [("vier Jahre und zwei Monate", "DURATION", "P4Y2M")]),
    ("Die Fahrt dauerte 3 Stunden und 15 Minuten.", [("3 Stunden und 15 Minuten", "DURATION", "PT3H15M")]),
    # 'an einem Tag' is some day, not a length
    ("Er kam an einem einzigen Tag dreimal.", [("einem einzigen Tag", "DATE", "XXXX-XX-XX")]),
    # a figure after 'im vergangenen Jahr' is no year; 'Jahr zuvor' is the year before the one named
    ("Im vergangenen Jahr 812 Fälle.", [("vergangenen Jahr", "DATE", "2023")]),
    ("2022 kamen 300, ein Drittel mehr als im Jahr zuvor.", [("2022", "DATE", "2022"), ("Jahr zuvor", "DATE", "2021")]),
    ("Das dritte Quartal war schwach.", [("Das dritte Quartal", "DATE", "2024-Q3")]),
    ("Im Oktober kamen 300, mehr als im Vorjahresmonat.",
     [("Oktober", "DATE", "2024-10"), ("Vorjahresmonat", "DATE", "2023-10")]),
    # a season or quarter without a year is the publication year's unless the tense puts it wholly
    # on the other side ('im Frühling wird gebaut' in November: next year's)
    ("Das Amt hatte im Herbst gewarnt.", [("Herbst", "DATE", "2024-FA")]),
    ("Im Frühling wird gebaut.", [("Frühling", "DATE", "2025-SP")]),
    ("Die Zahlen für das erste Halbjahr werden vorgelegt.", [("das erste Halbjahr", "DATE", "2024-H1")]),
    # the next winter is the one to come, the last summer the one gone
    ("Nächsten Winter wird gebaut.", [("Nächsten Winter", "DATE", "2024-WI")]),
    ("Letzten Sommer war es heiß.", [("Letzten Sommer", "DATE", "2024-SU")]),
    # a period across two years is left unresolved, as KRAUTS annotates it
    ("In der Saison 2019/20 fiel der Titel aus.", [("der Saison 2019/20", "DATE", "XXXX-XX-XX")]),
    # a year in a relative clause
    ("Das Schiff, das 1912 in Belfast gebaut wurde, sank.", [("1912", "DATE", "1912")]),
    ("Die Feuerwehr, die 2000 Liter Wasser brauchte, zog ab.", []),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    EXPLICIT_DATES + WEEKDAYS + MONTHS_SEASONS_QUARTERS + YEARS_DECADES + RELATIVE + HOLIDAYS
    + DURATIONS + SETS + CLOCK_TIMES + ANAPHORIC_AND_PERIODS,
)
def test_rule_families(text: str, expected: list[tuple[str, str, str]]) -> None:
    check(text, expected)


def test_a_weekday_named_with_its_date_keeps_it() -> None:
    # in Monday's paper, 'am Montag' after 'am Montagmorgen, dem 18. November' is that Monday
    check("Am Montagmorgen, dem 18. November, stürzte ein Lkw um.\n\nDie Autobahn war am Montag gesperrt.",
          [("Montagmorgen", "TIME", "2024-11-18TMO"), ("18. November", "DATE", "2024-11-18"),
           ("Montag", "DATE", "2024-11-18")], anchor="2024-11-25")


def test_spans_are_offsets_into_the_text() -> None:
    text = "Bozen. Am Montag (25. November) sagte er, dass letzte Woche 3000 Soldaten kamen."
    for t in tag_times(text, ANCHOR, article="a1"):
        assert text[t.start:t.end] == t.text
        assert t.article == "a1" and t.rule


@pytest.mark.parametrize(("anchor", "expected"), [
    (None, [("gestern", "DATE", "XXXX-XX-XX"), ("Mai", "DATE", "XXXX-05")]),
    ("2024-11", [("gestern", "DATE", "XXXX-XX-XX"), ("Mai", "DATE", "2024-05")]),
    ("2024", [("gestern", "DATE", "XXXX-XX-XX"), ("Mai", "DATE", "2024-05")]),
])
def test_partial_or_missing_anchor(anchor, expected) -> None:
    check("Er kam gestern, sie im Mai.", expected, anchor)


def test_bad_anchor_says_what_was_expected() -> None:
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        tag_times("heute", "27.11.2024")


@pytest.mark.parametrize(("anchor", "weekday", "direction", "expected"), [
    ("2024-11-27", 1, "past", "2024-11-25"),
    ("2024-11-27", 3, "past", "2024-11-20"),
    ("2024-11-27", 3, "future", "2024-12-04"),
    ("2024-11-27", 7, "nearest", "2024-11-24"),
    ("2024-11-27", 5, "nearest", "2024-11-29"),
])
def test_weekday_date(anchor, weekday, direction, expected) -> None:
    assert weekday_date(Anchor.parse(anchor).date, weekday, direction).isoformat() == expected


@pytest.mark.parametrize(("anchor", "month", "day", "tense", "expected"), [
    ("2014-07-19", 12, None, "past", 2013),     # "Im Dezember hatten …"
    ("2014-07-19", 6, None, "past", 2014),
    ("2014-10-20", 4, None, "future", 2015),
    ("2009-12-17", 1, 14, "", 2010),           # no tense cue: the nearest January
    ("2012-11-30", 12, 9, "past", 2012),        # a week ahead stays in this year
])
def test_year_for(anchor, month, day, tense, expected) -> None:
    assert year_for(Anchor.parse(anchor), month, day, tense) == expected


@pytest.mark.parametrize(("year", "expected"), [(2024, "2024-03-31"), (2025, "2025-04-20"), (2000, "2000-04-23")])
def test_easter(year, expected) -> None:
    assert easter(year).isoformat() == expected


def test_find_times_reads_the_parsed_article() -> None:
    from newsledger.nlp import parse

    article = Article(id="x", text="Bozen. Am Dienstagabend griffen Drohnen an, heute ist es ruhig.",
                      published="2024-10-24")
    times = list(find_times(parse(article)))
    assert [(t.article, t.text, t.value) for t in times] == [
        ("x", "Dienstagabend", "2024-10-22TEV"), ("x", "heute", "2024-10-24")]


# --- the sentence reference time and statement dates (the seam claims use for `when`) --------


def _parsed(text: str, published: str = ANCHOR):
    from newsledger.nlp import parse

    doc = parse(Article(id="x", text=text, published=published))
    return doc, list(find_times(doc))


@pytest.mark.parametrize("text, at, expected", [
    # the last day named earlier in the paragraph
    ("Am Montag stürmten Fans das Feld. Um 20 Uhr griff die Polizei ein.", "Um 20", "2024-11-25"),
    # negative: a new paragraph starts from the publication date
    ("Am Montag stürmten Fans das Feld.\n\nUm 20 Uhr griff die Polizei ein.", "Um 20", ANCHOR),
    # negative: a date after publication is a plan, not what the text reports
    ("Am 3. Dezember wird gewählt. Die Polizei zählte 300 Fälle.", "Die Polizei", ANCHOR),
])
def test_reference_time(text, at, expected):
    from newsledger.extractors.times.resolve import reference_time

    doc, _ = _parsed(text)
    assert reference_time(doc, text.index(at)) == expected


def _statement(text: str, cue: str, content: str | None = None):
    from newsledger.extractors.times.resolve import statement_date

    doc, times = _parsed(text)
    start = text.index(cue)
    span = (text.index(content), text.index(content) + len(content)) if content else None
    return statement_date(doc, (0, len(text)), (start, start + len(cue)), times, content=span)


@pytest.mark.parametrize("text, cue, content, expected", [
    ("Die Ministerin sagte am Montag, dass im Oktober 300 Anträge kamen.", "sagte", None,
     ("2024-11-25", "2024-10")),
    ("Wie der Sender am Dienstag berichtete, sollen 300 Soldaten dort sein.", "berichtete", None,
     ("2024-11-26", None)),
    ("Die Kammer meldete am Montag 500 Insolvenzen.", "meldete", None, ("2024-11-25", None)),
    ("Am Montag hatte die Stadt 400 Anträge gemeldet.", "gemeldet", None, ("2024-11-25", None)),
    ("Nach Angaben der Polizei vom Dienstag wurden 46 Beamte verletzt.", "Nach", None,
     ("2024-11-26", None)),
    ("Laut einer am Dienstag veröffentlichten Mitteilung wurden 2.000 Menschen versorgt.", "Laut", None,
     ("2024-11-26", None)),
    # negative: a marker's sentence is its content, its date the counted event's
    ("Laut Polizei kamen am Montag 300 Menschen.", "Laut", None, (ANCHOR, "2024-11-25")),
    # negative: a forecast target is no statement date
    ("Die Behörde erwartet bis Dezember 300 Fälle.", "erwartet", None, (ANCHOR, "2024-12")),
    ("„Am Sonntag kamen 300“, sagte er am Montag.", "sagte", "Am Sonntag kamen 300",
     ("2024-11-25", "2024-11-24")),
])
def test_statement_date(text, cue, content, expected):
    assert _statement(text, cue, content) == expected


@pytest.mark.parametrize("text, figure, expected", [
    # a figure without a date of its own is dated by the report the article names
    ("Im Oktober starben 300 Menschen. Diese Zahlen veröffentlichte am Montag das Ministerium.", "300",
     "2024-11-25"),
    ("In einem gestern vorgelegten Bericht fordert der Rat mehr Geld. Es fehlen 40 Lehrer.", "40", "2024-11-26"),
    ("Das steht in der Statistik, die der Präsident am Montag vorstellte. Es gab 40 Brände.", "40", "2024-11-25"),
    # in the lead, a report named in a source marker is still the article's report
    ("Laut dem Bericht, der am Montag vorgestellt wurde, kamen 300 Züge zu spät. Es fielen 40 aus.", "40",
     "2024-11-25"),
    # a sentence presenting its figure on a named day
    ("Am Montag stellte der Bürgermeister seine Pläne vor: 300 Wohnungen sollen entstehen.", "300",
     "2024-11-25"),
    # a broadcast the text reproduces dates all of it
    ("Auszug aus der Sendung vom Montagabend.\n\nMüller: Es fehlen 40 Lehrer.\n\nSchmidt: Das Amt rechnet mit 90.",
     "90", "2024-11-25"),
    # later paragraphs go on with the report until one names another source
    ("Am Montag legte das Amt seinen Bericht vor. Es fehlen 40 Lehrer.\n\nLaut dem Bericht fielen 300 Stunden "
     "aus.\n\nIn Bayern sind es 90.\n\nDie Gewerkschaft sagte, es fehlten 900.", "90.", "2024-11-25"),
    ("Am Montag legte das Amt seinen Bericht vor. Es fehlen 40 Lehrer.\n\nLaut dem Bericht fielen 300 Stunden "
     "aus.\n\nDie Gewerkschaft sagte, es fehlten 900.\n\nIn Bayern sind es 90.", "90.", ANCHOR),
    # negatives: a programme presented is no report; a source marker dates only its sentence;
    # the ends of a period are no day
    ("Am Montag stellte der Minister sein Programm vor. Die Partei hält 125 Sitze.", "125", ANCHOR),
    ("Das Land hat Sorgen.\n\nEs fehlen Lehrer.\n\nLaut einer am Montag veröffentlichten Studie fehlen 40 "
     "Lehrer. Im Land leben 8 Millionen Menschen.", "8 Millionen", ANCHOR),
    ("Die Umfragen vom 18. bis zum 24. November wurden veröffentlicht. Die Partei kommt auf 28 Prozent.", "28",
     ANCHOR),
])
def test_undated_figures_take_the_report_date(text, figure, expected):
    from newsledger.extractors.times.resolve import statement_date

    doc, times = _parsed(text)
    sentence = next(s for s in doc.sents if figure in s.text)
    assert statement_date(doc, (sentence.start_char, sentence.end_char), None, times)[0] == expected


# --- accuracy gate on KRAUTS (../shared) ----------------------------------------------------


def _eval_module():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_times.py"
    spec = importlib.util.spec_from_file_location("eval_times", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_times", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_krauts_dolomiten_accuracy(shared: Path) -> None:
    gold_path = shared / "data" / "krauts" / "dolomiten-100.jsonl"
    if not gold_path.is_file():
        pytest.skip(f"{gold_path} is absent")
    from newsledger.evaluate import score_times

    ev = _eval_module()
    articles = ev.load_krauts(gold_path)
    scores = score_times(articles, ev.tag_articles(articles))
    assert scores["relaxed"]["f1"] >= 0.92, scores
    assert scores["value"]["f1"] >= 0.87, scores  # 0.868 after issue 10 (was 0.84 before it), 0.879 after round 2


@pytest.mark.shared
def test_realnews_dev_accuracy(shared: Path) -> None:
    """The real-news TIMEX3 dev part (seen); the test part is measured by eval_times.py only."""
    if not (shared / "data" / "quotes-de-news" / "train.jsonl").is_file():
        pytest.skip("the WikiNews texts under ../shared are absent")
    from newsledger.evaluate import score_times

    ev = _eval_module()
    articles = ev.load_set("dev")
    scores = score_times(articles, ev.tag_articles(articles))
    assert scores["value"]["f1"] >= 0.93, scores  # 0.921 at the end of issue 10, 0.948 after its round 2


@pytest.mark.shared
def test_claims_when_on_realnews_dev(shared: Path) -> None:
    """Claims' statement dates on the dated real-news claim dev articles (measured, never read)."""
    if not (shared / "data" / "quotes-de-news" / "train.jsonl").is_file():
        pytest.skip("the WikiNews texts under ../shared are absent")
    when = _eval_module().when_accuracy("dev")
    assert when["accuracy"] >= 0.97, when  # 0.992 after round 2 of issue 10 (margin for other branches' figures)
