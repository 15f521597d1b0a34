"""RSS and Atom reader: one article per entry, HTML stripped, feed title as outlet."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.ingest import read_articles
from newsledger.model import Article, Failure

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Tagesblatt Politik</title><link>https://tagesblatt.example/</link><language>de-DE</language>
<item>
  <title>Mehr Anträge als erwartet</title>
  <link>https://tagesblatt.example/a/1</link>
  <guid isPermaLink="false">tb-0001</guid>
  <pubDate>Tue, 26 Nov 2024 00:30:00 +0100</pubDate>
  <author>redaktion@tagesblatt.example (Eva Beispiel)</author>
  <description>Kurzfassung.</description>
  <content:encoded><![CDATA[<p>Die Behörde zählte <b>über 12.000</b> Anträge.</p><p>„Das ist ein Rekord“, sagte der Sprecher.</p>]]></content:encoded>
</item>
<item>
  <title>Zweite Meldung</title>
  <link>https://tagesblatt.example/a/2</link>
  <description>&lt;p&gt;Nur eine Zusammenfassung mit 300 Euro.&lt;/p&gt;</description>
</item>
<item><title>Ohne Text</title><link>https://tagesblatt.example/a/3</link></item>
<item><title>Letzte</title><description>Ohne Link und ohne Kennung, aber mit Text.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wochenblick</title><id>urn:wochenblick</id><updated>2024-11-03T10:00:00Z</updated>
  <entry>
    <title>Haushalt beschlossen</title><id>urn:wb:1</id>
    <link rel="alternate" href="https://wochenblick.example/haushalt"/>
    <published>2024-11-02T23:45:00-05:00</published><updated>2024-11-03T10:00:00Z</updated>
    <author><name>Jan Muster</name></author>
    <content type="html">&lt;p&gt;Der Rat beschloss einen Haushalt von 4,2 Milliarden Euro.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Nur Datum aktualisiert</title><id>urn:wb:2</id>
    <updated>2024-10-30</updated>
    <summary type="text">Ein schlichter Text ohne Auszeichnung &lt;3.</summary>
  </entry>
</feed>
"""


def write(tmp_path: Path, content: str, name: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_rss_entries(tmp_path: Path) -> None:
    path = write(tmp_path, RSS, "politik.rss")
    first, second, empty, last = read_articles([path])
    assert isinstance(first, Article)
    assert (
        first.text
        == "Die Behörde zählte über 12.000 Anträge.\n„Das ist ein Rekord“, sagte der Sprecher."
    )
    assert (first.id, first.url, first.title) == (
        "tb-0001",
        "https://tagesblatt.example/a/1",
        "Mehr Anträge als erwartet",
    )
    assert first.published == "2024-11-26"  # the feed's own date, not shifted to UTC
    assert (first.outlet, first.author, first.language) == (
        "Tagesblatt Politik",
        "Eva Beispiel",
        "de",
    )
    assert first.origin == f"{path}#1"
    assert second.text == "Nur eine Zusammenfassung mit 300 Euro."
    assert second.id == "https://tagesblatt.example/a/2"
    assert (
        isinstance(empty, Failure) and empty.origin == f"{path}#3" and "no content" in empty.error
    )
    assert last.id == last.content_hash


def test_atom_entries(tmp_path: Path) -> None:
    path = write(tmp_path, ATOM, "wochenblick.atom")
    first, second = read_articles([path])
    assert first.text == "Der Rat beschloss einen Haushalt von 4,2 Milliarden Euro."
    assert (first.id, first.url, first.published) == (
        "urn:wb:1",
        "https://wochenblick.example/haushalt",
        "2024-11-02",
    )
    assert (first.outlet, first.author) == ("Wochenblick", "Jan Muster")
    assert first.language == "de"  # detected: the feed declares none
    assert second.text == "Ein schlichter Text ohne Auszeichnung <3."
    assert second.published == "2024-10-30"


def test_feed_sniffed_from_xml_extension_and_unknown_extension(tmp_path: Path) -> None:
    as_xml = write(tmp_path, ATOM, "feed.xml")
    unnamed = write(tmp_path, ATOM, "feed.download")
    assert len([a for a in read_articles([as_xml, unnamed]) if isinstance(a, Article)]) == 4


@pytest.mark.parametrize(
    "content, words",
    [
        # feedparser salvages the cut entry (no text: fails as entry #1) or gives up on the file
        ("<rss><channel><item><title>abgebrochen</ti", "parse error|no content"),
        (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Leer</title></channel></rss>',
            "no entries",
        ),
        ("", "empty file"),
    ],
)
def test_bad_feeds(tmp_path: Path, content: str, words: str) -> None:
    path = write(tmp_path, content, "bad.rss")
    [failure] = read_articles([path])
    assert isinstance(failure, Failure) and failure.origin.startswith(str(path))
    assert any(word in failure.error for word in words.split("|"))
