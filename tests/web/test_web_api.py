"""The web app's JSON API and writes, on a real SQLite ledger of the demo corpus
(Starlette's TestClient: the app in-process, real requests through its routes)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import threading
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from ledger_helpers import handmade
from starlette.testclient import TestClient
from web_ledgers import demo_ledger, demo_ledger_on_postgresql

from newsledger import workflows
from newsledger.cli import main
from newsledger.store import open_ledger
from newsledger.web import create_app


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    return demo_ledger(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def served(request, demo_db):
    """(ledger, read-only client) on each backend; the reading tests run on both."""
    db = str(demo_db) if request.param == "sqlite" else demo_ledger_on_postgresql()
    return db, TestClient(create_app(db, read_only=True))


@pytest.fixture(scope="module")
def client(served):
    return served[1]


@pytest.fixture
def writable(demo_db, tmp_path):
    """A copy of the demo ledger and a client that may write to it."""
    db = tmp_path / "ledger.db"
    shutil.copy(demo_db, db)
    return db, TestClient(create_app(str(db)))


def all_pages(client, url: str) -> list[dict]:
    rows = []
    while url:
        page = client.get(url).json()
        rows += page["claims"]
        url = f"/claims.json?limit=7&after={page['next']}" if page["next"] else None
    return rows


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


# --- reading ----------------------------------------------------------------------------

def test_keyset_pages_cover_every_current_claim_once(served):
    db, client = served
    with open_ledger(db) as ledger:
        expected = {c.id for c in ledger.claims()}
    rows = all_pages(client, "/claims.json?limit=7")
    assert len(rows) == len(expected) == client.get("/claims.json").json()["count"]
    assert {r["id"] for r in rows} == expected


@pytest.mark.parametrize("sort,field,reverse", [
    ("value", "value_low", False), ("-value", "value_low", True),
    ("confidence", "confidence", False), ("-confidence", "confidence", True)])
def test_sorting_orders_the_rows(client, sort, field, reverse):
    values = [r[field] for r in client.get(f"/claims.json?sort={sort}&limit=500").json()["claims"]]
    assert values == sorted(values, reverse=reverse) and len(values) > 10


def test_facet_counts_match_what_the_filter_returns(client):
    facets = client.get("/claims.json").json()["facets"]
    assert set(facets) == {"speaker", "outlet", "qualifier", "certainty", "polarity", "unit",
                           "story", "review", "month"}
    for name in ("speaker", "outlet", "month"):
        for item in facets[name][:3]:
            page = client.get("/claims.json", params={name: item["value"], "limit": 500}).json()
            assert page["count"] == item["count"] == len(page["claims"])
    speaker = facets["speaker"][0]["value"]
    rows = client.get("/claims.json", params={"speaker": speaker, "limit": 500}).json()["claims"]
    assert {r["speaker"] for r in rows} == {speaker}


def test_full_text_search_finds_words_by_their_start(client):
    page = client.get("/claims.json", params={"q": "soldat", "limit": 500}).json()
    assert 0 < page["count"] < client.get("/claims.json").json()["count"]
    with_sentences = client.get("/claims/export.json", params={"q": "soldat"}).json()
    assert len(with_sentences) == page["count"]
    assert client.get("/claims.json", params={"q": "Zzyzxwort"}).json()["count"] == 0
    assert client.get("/claims.json", params={"q": '") OR *'}).status_code == 200  # no syntax


def test_exports_hold_exactly_what_is_filtered(client):
    params = {"q": "soldat", "qualifier": "exact"}
    count = client.get("/claims.json", params=params).json()["count"]
    response = client.get("/claims/export.csv", params=params)
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == count and {r["qualifier"] for r in rows} == {"exact"}
    exported = client.get("/claims/export.json", params=params).json()
    assert [r["id"] for r in exported] == [r["id"] for r in rows]


def test_the_claims_page_links_its_json_twin_and_exports(client):
    html = client.get("/claims?q=soldat").text
    assert 'href="/claims.json?q=soldat"' in html
    assert 'href="/claims/export.csv?q=soldat"' in html and "/claims/export.json?q=soldat" in html


def test_a_claim_shows_its_evidence_marked_at_its_offsets(served):
    db, client = served
    claim = next(r for r in client.get("/claims.json?limit=500").json()["claims"] if r["group"])
    data = client.get(f"/claim/{claim['id']}.json").json()
    with open_ledger(db) as ledger:
        article = ledger.articles_by_id([claim["article"]])[claim["article"]]
    evidence = data["evidence"][0]
    figure = [p["text"] for p in evidence["pieces"] if p["mark"] == "figure"]
    assert figure == [article.text[evidence["start"]:evidence["end"]]]
    assert "".join(p["text"] for p in evidence["pieces"]) == evidence["sentence"]
    assert data["article"]["id"] == claim["article"] and data["claim"]["group"] == claim["group"]
    assert all(other["id"] != claim["id"] for other in data["group_claims"])


def test_group_story_and_speaker_pages(client):
    rows = client.get("/claims.json?limit=500").json()["claims"]
    grouped = next(r for r in rows if r["group"])
    group = client.get(f"/group/{grouped['group']}.json").json()
    assert grouped["id"] in {e["id"] for e in group["entries"]}
    assert "<svg" in client.get(f"/group/{grouped['group']}").text
    story = client.get(f"/story/{grouped['story']}.json").json()
    assert story["story"]["sources"] == len(story["articles"])
    assert sum(1 + a["copies"] for a in story["articles"]) == story["story"]["reach"]
    assert grouped["group"] in {g["id"] for g in story["groups"]}
    speaker = client.get(f"/speaker/{grouped['speaker']}.json").json()
    assert grouped["id"] in {r["id"] for r in speaker["claims"]}


def test_what_changed_lists_new_claims_and_events_and_an_atom_feed(client):
    data = client.get("/changes.json?since=2024-11").json()
    assert data["claims"] and all((r["when"] or r["published"]) >= "2024-11" for r in data["claims"])
    assert {e["status"] for e in data["events"]} <= {"revised", "contradicted", "denied"}
    feed = ElementTree.fromstring(client.get("/changes.atom?since=2024-11").content)
    entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(data["claims"]) + len(data["events"])


@pytest.mark.parametrize("url", [
    "/claims.json?sort=sideways", "/claims.json?limit=0", "/claims.json?limit=ten",
    "/claims.json?after=garbage!", "/claims.json?colour=red", "/changes.json?since=gestern",
])
def test_bad_parameters_get_a_400_with_one_line(client, url):
    response = client.get(url)
    assert response.status_code == 400
    message = response.json()["error"]
    assert message and "\n" not in message


def test_unknown_ids_get_a_404(client):
    for url in ("/claim/000000000000.json", "/group/group-nope.json", "/story/story-nope.json",
                "/speaker/Niemand.json"):
        assert client.get(url).status_code == 404


def test_every_response_carries_the_security_headers(client):
    headers = client.get("/claims").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# --- writing ----------------------------------------------------------------------------

def test_a_review_from_the_web_is_what_newsledger_claims_shows(writable):
    db, client = writable
    row = client.get("/review.json").json()["claims"][0]  # the least confident
    page = client.get(f"/claim/{row['id']}")
    response = client.post(f"/claim/{row['id']}/review", follow_redirects=False,
                           data={"csrf": csrf_of(page.text), "status": "corrected", "value": "4321"})
    assert response.status_code == 303
    shown = client.get(f"/claim/{row['id']}.json").json()
    assert shown["review"]["status"] == "corrected" and shown["claim"]["value"]["low"] == 4321
    out = CliRunner().invoke(main, ["claims", "--db", str(db)]).output
    claims = {c["id"]: c for c in map(json.loads, out.splitlines())}
    assert claims[row["id"]]["value"]["low"] == 4321


def test_writes_without_the_csrf_token_are_refused(writable):
    _, client = writable
    row = client.get("/review.json").json()["claims"][0]
    for form in ({"status": "rejected"}, {"status": "rejected", "csrf": "forged"}):
        assert client.post(f"/claim/{row['id']}/review", data=form).status_code == 403
    assert client.get(f"/claim/{row['id']}.json").json()["review"] is None


def test_a_read_only_server_refuses_writes(client):
    row = client.get("/review.json").json()["claims"][0]
    csrf = client.app.state.newsledger.guard.csrf_token
    response = client.post(f"/claim/{row['id']}/review", data={"csrf": csrf, "status": "rejected"})
    assert response.status_code == 403 and "read-only" in response.text


def test_writes_need_the_token_when_one_is_set(demo_db, tmp_path):
    db = tmp_path / "ledger.db"
    shutil.copy(demo_db, db)
    client = TestClient(create_app(str(db), token="s3cret"))
    row = client.get("/review.json").json()["claims"][0]
    csrf = csrf_of(client.get(f"/claim/{row['id']}").text)
    url = f"/claim/{row['id']}/review"
    assert client.post(url, data={"csrf": csrf, "status": "accepted"}).status_code == 403
    assert client.post(url, data={"csrf": csrf, "status": "accepted", "token": "wrong"}
                       ).status_code == 403
    ok = client.post(url, data={"csrf": csrf, "status": "accepted", "token": "s3cret"},
                     follow_redirects=False)
    assert ok.status_code == 303


def test_a_review_redirect_stays_on_the_site(writable):
    _, client = writable
    row = client.get("/review.json").json()["claims"][0]
    csrf = csrf_of(client.get("/review").text)
    response = client.post(f"/claim/{row['id']}/review", follow_redirects=False,
                           data={"csrf": csrf, "status": "accepted", "next": "//evil.example"})
    assert response.headers["location"] == f"/claim/{row['id']}"


def test_speaker_merge_goes_through_the_entities_workflow(writable):
    db, client = writable
    facets = client.get("/claims.json").json()["facets"]["speaker"]
    keep, merge = [f["value"] for f in facets if f["value"] != "(none)"][:2]
    csrf = csrf_of(client.get(f"/speaker/{keep}").text)
    response = client.post(f"/speaker/{keep}/merge", data={"csrf": csrf, "other": merge},
                           follow_redirects=False)
    assert response.status_code == 303
    assert merge in client.get(f"/speaker/{keep}.json").json()["aliases"]
    with open_ledger(db) as ledger:
        assert ledger.entity_edits()[-1].other == merge


def test_speaker_rename_redirects_to_the_new_name(writable):
    db, client = writable
    facets = client.get("/claims.json").json()["facets"]["speaker"]
    name = [f["value"] for f in facets if f["value"] != "(none)"][0]
    csrf = csrf_of(client.get(f"/speaker/{name}").text)
    response = client.post(f"/speaker/{name}/rename", data={"csrf": csrf, "other": "Umbenannt"},
                           follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/speaker/Umbenannt"
    assert client.get("/speaker/Umbenannt.json").json()["claims"]
    with open_ledger(db) as ledger:
        assert ledger.entity_edits()[-1].action == "rename"


def test_the_facets_follow_a_review_at_once(writable):
    """The facet index takes a new review without a rebuild, and shows it."""
    _, client = writable
    before = dict((f["value"], f["count"]) for f in
                  client.get("/claims.json").json()["facets"]["review"])
    row = client.get("/review.json").json()["claims"][0]
    csrf = csrf_of(client.get("/review").text)
    client.post(f"/claim/{row['id']}/review", data={"csrf": csrf, "status": "rejected"})
    after = dict((f["value"], f["count"]) for f in
                 client.get("/claims.json").json()["facets"]["review"])
    assert after["unreviewed"] == before["unreviewed"] - 1 and after["rejected"] == 1
    assert row["id"] not in {r["id"] for r in client.get("/review.json").json()["claims"]}


def test_pages_read_while_an_ingest_writes(writable):
    """Batches land while the app serves: every read answers, and sees the new claims."""
    db, client = writable
    before = client.get("/claims.json").json()["count"]
    topic = [f"Deltawort{i}" for i in range(8)]
    batches = [[handmade(f"w{b}-{i}", "2025-02-01", topic, 100 + i, "Wera Weiter")
                for i in range(10)] for b in range(8)]

    def write() -> None:
        with open_ledger(db) as ledger:
            for batch in batches:
                ledger.write_batch(batch)

    writer = threading.Thread(target=write)
    writer.start()
    statuses = []
    while writer.is_alive():
        statuses.append(client.get("/claims.json?q=Soldaten&limit=5").status_code)
    writer.join()
    assert statuses and set(statuses) == {200}
    assert client.get("/claims.json").json()["count"] == before + 80


@pytest.mark.parametrize("host,needs_token", [("127.0.0.1", False), ("0.0.0.0", True)])
def test_serving_beyond_this_machine_makes_writes_need_a_token(monkeypatch, demo_db, host,
                                                               needs_token):
    started = []  # the server itself would block: record what it was started with
    monkeypatch.setattr("newsledger.web.serve", lambda db, **options: started.append(options))
    result = CliRunner().invoke(main, ["serve", "--db", str(demo_db), "--host", host])
    assert result.exit_code == 0 and started[0]["host"] == host
    assert bool(started[0]["token"]) is needs_token


def test_a_story_merged_away_redirects_to_the_one_that_kept_its_articles(tmp_path):
    alpha, beta = [f"Alphawort{i}" for i in range(8)], [f"Betawort{i}" for i in range(8)]
    first = [handmade("a1", "2024-11-01", alpha, 1500, "Anna Alpha"),
             handmade("b1", "2024-11-02", beta, 300, "Bernd Beta")]
    db = tmp_path / "ledger.db"
    with open_ledger(db) as ledger:
        ledger.write_batch(first)
        workflows.link_ledger(ledger)
        old = {s.articles[0]: s.id for s in ledger.stories()}
        ledger.write_batch([handmade("ab", "2024-11-05", alpha + beta, 3000, "Anna Alpha")])
        workflows.link_ledger(ledger)
    client = TestClient(create_app(str(db), read_only=True))
    moved = client.get(f"/story/{old['b1']}.json", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/story/{old['a1']}.json"
    articles = client.get(moved.headers["location"]).json()["articles"]
    assert {"a1", "b1", "ab"} <= {a["id"] for a in articles}
