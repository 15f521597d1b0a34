"""Stories and syndicated copies (MinHash/LSH), placed one article at a time."""

from __future__ import annotations

from newsledger.link.stories import StoryIndex, find_stories, independent_sources
from newsledger.model import Article

AGENCY = (
    "Nordkorea hat nach Angaben des südkoreanischen Geheimdienstes rund 3000 Soldaten nach "
    "Russland geschickt. Die Truppen würden in Militäreinrichtungen im Osten Russlands "
    "ausgebildet, teilte der Geheimdienst NIS in Seoul mit. Bis Dezember könnten es 10.000 "
    "Soldaten sein. Die Regierung in Pjöngjang äußerte sich zunächst nicht. Die USA sprachen "
    "von einer gefährlichen Entwicklung, die NATO beriet in Brüssel über die Lage. "
    "Russland bestreitet die Berichte über nordkoreanische Soldaten in der Ukraine."
)
TROOPS = (
    "Nordkoreanische Soldaten kämpfen nach Angaben aus Kiew in der Region Kursk. Präsident "
    "Selenskyj sprach von 3000 getöteten oder verwundeten Nordkoreanern. Die Soldaten aus "
    "Nordkorea seien in russische Einheiten eingegliedert worden. Russland und Nordkorea "
    "hatten im Juni einen Beistandspakt geschlossen."
)
FOOTBALL = (
    "Die Bundesliga startet am Freitag in die neue Saison. Bayern München empfängt Borussia "
    "Dortmund. Trainer Thomas Tuchel sagte, die Mannschaft sei bereit. Die Fans im Stadion "
    "freuen sich auf das Spiel. Bayern führt die Tabelle an, Dortmund ist Zweiter."
)
BUDGET = (
    "Die Koalition streitet über den Haushalt. Finanzminister Christian Lindner lehnt neue "
    "Schulden ab. Bundeskanzler Olaf Scholz will die Schuldenbremse aussetzen. Die Grünen "
    "fordern Investitionen in Klimaschutz. Der Bundestag soll im Dezember abstimmen."
)


def _article(id_: str, text: str, published: str = "2024-10-23", outlet: str | None = None):
    return Article(id=id_, text=text, published=published, outlet=outlet)


def _near_copy(text: str) -> str:
    """An agency text as another outlet runs it: new first line, one word changed, end cut."""
    body = text.replace("zunächst nicht", "bislang nicht")
    return "Nordkorea schickt Truppen – Seoul schlägt Alarm\n" + body[: int(len(body) * 0.9)]


def test_near_copies_are_marked_and_join_the_original_story():
    stories = find_stories([
        _article("orig", AGENCY, "2024-10-23", "dpa"),
        _article("copy1", _near_copy(AGENCY), "2024-10-23", "Zeitung A"),
        _article("copy2", _near_copy(AGENCY) + " Ein eigener Satz.", "2024-10-24", "Zeitung B"),
        _article("sport", FOOTBALL, "2024-10-23"),
    ])
    story = next(s for s in stories if "orig" in s.articles)
    assert story.duplicates == {"copy1": "orig", "copy2": "orig"}
    assert independent_sources(story) == ["orig"]
    assert len(story.articles) == 3  # reach


def test_independent_articles_on_one_event_are_not_copies():
    stories = find_stories([_article("a", AGENCY), _article("b", TROOPS, "2024-10-25")])
    assert all(not s.duplicates for s in stories)


def test_articles_on_one_topic_share_a_story_and_other_topics_do_not():
    stories = find_stories([
        _article("a", AGENCY), _article("b", TROOPS, "2024-10-25"),
        _article("c", FOOTBALL), _article("d", BUDGET, "2024-10-24"),
    ])
    groups = sorted(sorted(s.articles) for s in stories)
    assert groups == [["a", "b"], ["c"], ["d"]]


def test_time_window_splits_a_topic_that_went_quiet():
    stories = find_stories([_article("a", AGENCY, "2024-01-02"),
                            _article("b", TROOPS, "2024-06-01")], window_days=30)
    assert len(stories) == 2


def test_incremental_placement_matches_batch_and_ids_are_stable():
    articles = [_article("a", AGENCY), _article("b", TROOPS, "2024-10-25"),
                _article("c", FOOTBALL), _article("copy", _near_copy(AGENCY))]
    index = StoryIndex()
    placed = [index.add_article(a) for a in articles]
    assert placed[0] == placed[1] == placed[3] != placed[2]
    assert index.add_article(articles[0]) == placed[0]  # re-adding is a no-op
    batch = {s.id: sorted(s.articles) for s in find_stories(articles)}
    assert {s.id: sorted(s.articles) for s in index.stories()} == batch


def test_story_label_names_its_topic():
    stories = find_stories([_article("a", AGENCY), _article("b", TROOPS, "2024-10-25")])
    assert "Nordkorea" in stories[0].label or "Soldaten" in stories[0].label


def test_an_article_that_fits_two_stories_merges_them():
    from newsledger.link.stories import MERGE_FACTOR

    index = StoryIndex(story_threshold=0.05)
    first = index.add_article(_article("a", AGENCY))
    second = index.add_article(_article("b", FOOTBALL))
    assert first != second
    bridge = _article("c", AGENCY + " " + FOOTBALL)
    assert index.add_article(bridge) == first  # the older story's id is kept
    assert index.merged == {second: first} and MERGE_FACTOR > 1
    assert [sorted(s.articles) for s in index.stories()] == [["a", "b", "c"]]


def test_link_state_rehomes_groups_when_stories_merge():
    from newsledger.link import LinkState
    from newsledger.model import Claim, Evidence, Speaker, Value

    def claim(article: Article, figure: str) -> Claim:
        start = article.text.index(figure)
        return Claim(article=article.id, speaker=Speaker("NIS", 0, 3, "NIS"),
                     value=Value(float(figure), float(figure)), when="2024-10-23",
                     evidence=(Evidence(start, start + len(figure), article.text, 0),))

    state = LinkState(story_threshold=0.05)
    a, b = _article("a", AGENCY), _article("b", FOOTBALL)
    bridge = _article("c", AGENCY + " " + FOOTBALL)
    first, _ = state.add_article(a, [claim(a, "3000")])
    state.add_article(b, [])
    story, grouped = state.add_article(bridge, [claim(bridge, "3000")])
    assert story == first
    assert {g.story for g in state.groups()} == {first}
    assert len(state.groups()) == 1 and grouped[0].group == state.groups()[0].id


ENGLISH = (
    "North Korea has sent around 3,000 soldiers to Russia, South Korea's spy agency said. "
    "The North Korean troops are being trained in eastern Russia and could be sent to the "
    "Kursk region. Pyongyang did not comment. Washington called it a dangerous development."
)


def test_place_names_are_one_term_across_languages():
    from newsledger.link.stories import _entity_names

    assert _entity_names().find("North Korean troops in Russia") == ["Nordkorea", "Russland"]
    assert _entity_names().find("nordkoreanische Soldaten in Russland") == ["Nordkorea", "Russland"]
    assert _entity_names().find("Die Bundesliga startet") == []


def test_english_copy_of_a_german_story_joins_it():
    stories = find_stories([_article("de", AGENCY), _article("troops", TROOPS),
                            _article("en", ENGLISH), _article("ball", FOOTBALL)])
    by_article = {a: s.id for s in stories for a in s.articles}
    assert by_article["de"] == by_article["en"] == by_article["troops"] != by_article["ball"]


def test_story_labels_leave_boilerplate_out():
    text = "Advertisement\n" + AGENCY + "\nAdvertisement\nAnzeige\n" + TROOPS
    (story,) = find_stories([_article("a", text), _article("b", TROOPS)])
    assert "Advertisement" not in story.label and "Anzeige" not in story.label
    assert "Nordkorea" in story.label


def test_a_copy_is_sought_only_within_the_horizon():
    # horizon: 2 windows of 60 days; a text run again half a year later is a new article
    for published, is_copy in [("2024-10-24", True), ("2025-02-19", True),
                               ("2025-02-21", False), ("2025-06-01", False)]:
        stories = find_stories([_article("orig", AGENCY, "2024-10-23"),
                                _article("copy", _near_copy(AGENCY), published)])
        assert any(s.duplicates for s in stories) is is_copy, published


def test_placements_and_merges_are_recorded_in_order_for_the_store():
    from newsledger.link.index import Merge, Placement

    index = StoryIndex(story_threshold=0.05)
    first = index.add_article(_article("a", AGENCY))
    second = index.add_article(_article("b", FOOTBALL))
    index.add_article(_article("copy", _near_copy(AGENCY)))
    index.add_article(_article("c", AGENCY + " " + FOOTBALL))  # bridges: b's story joins a's
    events, changed, frequencies = index.take_changes()
    assert events == [Placement(first, "a", 0, None), Placement(second, "b", 0, None),
                      Placement(first, "copy", 1, "a"), Merge(second, first, 2),
                      Placement(first, "c", 3, None)]
    assert changed == {first, second} and "nordkorea" in frequencies
    assert index.take_changes() == ([], set(), set())  # taken: recording starts afresh
    assert index.stories_by_id[first].size == 4


def test_copies_are_found_by_lsh_buckets_that_survive_storage():
    from newsledger.link.stories import _minhash, band_keys, minhash_from_bytes

    original, copy, other = (_minhash(t, 64) for t in (AGENCY, _near_copy(AGENCY), FOOTBALL))
    assert set(band_keys(original)) & set(band_keys(copy))
    assert not set(band_keys(original)) & set(band_keys(other))
    stored = minhash_from_bytes(bytes(original.hashvalues.astype("<u8").tobytes()))
    assert stored.jaccard(copy) == original.jaccard(copy) >= 0.6
    assert band_keys(stored) == band_keys(original)
