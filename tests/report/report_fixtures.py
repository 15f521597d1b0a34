"""A small hand-made ledger for the report tests: one story, two groups, a denial,
a contradiction, a syndicated copy, and an article text that tries to inject markup."""

from __future__ import annotations

from newsledger.link import assign_groups, group_relations
from newsledger.model import Article, Claim, Evidence, Speaker, Story, Value
from newsledger.report import ReportView, build_view

EVIL = "<script>alert('x')</script>"


def _claim(article: Article, sentence: str, figure: str, value: float, speaker: str | None,
           *, qualifier: str = "exact", when: str | None = None, high: float | None = None,
           polarity: str = "asserted", certainty: str = "reported") -> Claim:
    start = article.text.index(sentence)
    offset = start + sentence.index(figure)
    who = Speaker(text=speaker, start=0, end=len(speaker), name=speaker) if speaker else None
    return Claim(article=article.id, speaker=who,
                 value=Value(value, value if high is None else high, qualifier),
                 evidence=(Evidence(offset, offset + len(figure), sentence, start),),
                 when=when or article.published, polarity=polarity, certainty=certainty)


def sample_ledger() -> tuple[list[Article], list[Claim], list[Story]]:
    a1 = Article(id="a1", outlet="Agentur", published="2024-10-23", title="Truppen",
                 text="Nordkorea hat 3.000 Soldaten nach Russland geschickt. " + EVIL)
    a2 = Article(id="a2", outlet="Zeitung <b>B</b>", published="2024-10-23", title="Kopie",
                 text="Nordkorea hat 3.000 Soldaten nach Russland geschickt. Kopie.")
    a3 = Article(id="a3", outlet="Sender C", published="2024-10-24",
                 text="Das Pentagon spricht von rund 10.000 Soldaten in Russland. "
                      "Moskau bestreitet, dass 10.000 Soldaten in Russland sind. "
                      "Zuletzt hieß es, Hunderte Soldaten seien getötet worden.")
    a4 = Article(id="a4", outlet="Blatt D", published="2024-12-20",
                 text=f"Inzwischen sind es {EVIL} mindestens 12.000 Soldaten in Russland, sagt Kiew.")
    claims = [
        _claim(a1, "Nordkorea hat 3.000 Soldaten nach Russland geschickt.", "3.000", 3000, "NIS"),
        _claim(a2, "Nordkorea hat 3.000 Soldaten nach Russland geschickt.", "3.000", 3000, "NIS"),
        _claim(a3, "Das Pentagon spricht von rund 10.000 Soldaten in Russland.", "10.000", 10000,
               "Pentagon", qualifier="about", when="2024-10-23"),
        _claim(a3, "Moskau bestreitet, dass 10.000 Soldaten in Russland sind.", "10.000", 10000,
               "Kreml <Moskau>", polarity="denied"),
        _claim(a3, "Zuletzt hieß es, Hunderte Soldaten seien getötet worden.", "Hunderte", 200,
               None, qualifier="about", high=999, certainty="alleged"),
        _claim(a4, f"Inzwischen sind es {EVIL} mindestens 12.000 Soldaten in Russland, sagt Kiew.",
               "12.000", 12000, "Kiew", qualifier="at_least"),
    ]
    story = Story(id="story-1", label="Nordkorea <Truppen>", articles=("a1", "a2", "a3", "a4"),
                  duplicates={"a2": "a1"})
    return [a1, a2, a3, a4], claims, [story]


def sample_view() -> ReportView:
    articles, claims, stories = sample_ledger()
    groups, grouped = assign_groups(claims, stories, articles={a.id: a for a in articles})
    return build_view(articles, grouped, stories, groups,
                      relations=group_relations(grouped, stories), title="Testbericht")
