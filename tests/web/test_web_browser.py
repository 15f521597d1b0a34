"""The web app in real Chromium: Playwright drives Debian's /usr/bin/chromium (never a
downloaded browser) against ``newsledger serve`` on 127.0.0.1.

Without a Chromium binary these tests skip, saying why; under CI=true they fail instead.
"""

from __future__ import annotations

import csv
import json
import os

import pytest
from click.testing import CliRunner
from web_ledgers import PAYLOADS, demo_ledger, hostile_ledger, running_server

from newsledger.cli import main

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 20_000

pytestmark = pytest.mark.browser


def _chromium() -> str:
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"no Chromium at {CHROMIUM}: install Debian's `chromium` (.ci/run does)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A served copy of the demo ledger (the tests write reviews into it)."""
    folder = tmp_path_factory.mktemp("browser")
    db = demo_ledger(folder)
    with running_server(db) as url:
        yield url, db


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    opened = context.new_page()
    opened.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs
    yield opened
    context.close()


def _count(page) -> int:
    return int(page.locator("p.meta .count").inner_text())


def test_search_then_facet_narrows_the_claims(page, demo):
    url, _ = demo
    page.goto(f"{url}/claims")
    everything = _count(page)
    page.fill("input[name=q]", "Soldat")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/claims?q=Soldat*")
    searched = _count(page)
    assert 0 < searched < everything
    facet = page.locator("section.facet[data-facet=speaker] li a").first
    chosen = facet.inner_text()
    facet.click()
    page.wait_for_url("**speaker=*")
    speakers = page.locator("table.claims tbody tr td:nth-child(2)").all_inner_texts()
    assert 0 < _count(page) <= searched and set(speakers) == {chosen}


def test_a_claim_leads_to_its_group_timeline(page, demo):
    url, _ = demo
    page.goto(f"{url}/claims?sort=-value")
    page.locator("tr[data-claim] a.claim-link").first.click()
    page.wait_for_url("**/claim/*")
    assert page.locator("blockquote.evidence mark.figure").count() >= 1
    page.click("a.group-link")
    page.wait_for_url("**/group/*")
    assert page.locator("div.chart svg").count() == 1
    assert page.locator("table.timeline tbody tr").count() >= 1


def test_a_review_in_the_browser_is_seen_by_newsledger_claims(page, demo):
    url, db = demo
    page.goto(f"{url}/claims?sort=value")
    claim_id = page.locator("tr[data-claim]").first.get_attribute("data-claim")
    page.goto(f"{url}/claim/{claim_id}")
    page.select_option("form.review-form select[name=status]", "corrected")
    page.fill("form.review-form input[name=value]", "4321")
    page.click("form.review-form button[type=submit]")
    page.wait_for_url(f"**/claim/{claim_id}")
    assert page.locator("dd.review-status").inner_text() == "corrected"
    out = CliRunner().invoke(main, ["claims", "--db", str(db)]).output
    claims = {c["id"]: c for c in map(json.loads, out.splitlines())}
    assert claims[claim_id]["value"]["low"] == 4321


def test_the_review_queue_takes_keyboard_shortcuts(page, demo):
    url, _ = demo
    page.goto(f"{url}/review")
    second = page.locator("li.queued").nth(1).get_attribute("data-claim")
    page.keyboard.press("j")
    assert page.locator("li.queued.current").get_attribute("data-claim") == second
    with page.expect_navigation():
        page.keyboard.press("a")
    status = page.request.get(f"{url}/claim/{second}.json").json()["review"]["status"]
    assert status == "accepted"
    assert second not in page.locator("li.queued").evaluate_all(
        "items => items.map(i => i.dataset.claim)")


def test_the_csv_export_holds_what_the_page_counts(page, demo, tmp_path):
    url, _ = demo
    page.goto(f"{url}/claims?q=Soldat")
    counted = _count(page)
    with page.expect_download() as download:
        page.click("a.export-csv")
    path = tmp_path / "claims.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == counted and "id" in rows[0]


# --- injection ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    db = hostile_ledger(tmp_path_factory.mktemp("hostile"))
    with running_server(db) as url:
        yield url


def _hostile_pages(page, url: str) -> list[str]:
    row = page.request.get(f"{url}/claims.json").json()["claims"][0]
    return ["/claims", "/claims?q=Soldaten", f"/claim/{row['id']}", f"/group/{row['group']}",
            f"/story/{row['story']}", "/stories", "/changes?since=2024", "/review",
            f"/speaker/{row['speaker']}"]


def test_script_payloads_never_run_and_show_as_text(page, hostile):
    for path in _hostile_pages(page, hostile):
        page.goto(hostile + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.pwned") == "undefined", path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("img, iframe, svg[onload]").count() == 0, path
    assert page.dialogs == []
    page.goto(f"{hostile}/story/" + page.request.get(f"{hostile}/claims.json").json()
              ["claims"][0]["story"])
    body = page.locator("main").inner_text()
    assert PAYLOADS["title"] in body and PAYLOADS["url"] in body
    assert page.locator("a[href^='javascript']").count() == 0


def test_a_forged_form_from_another_page_is_refused(page, hostile, tmp_path):
    """A page elsewhere posting to the server has no CSRF token: 403, nothing written."""
    row = page.request.get(f"{hostile}/claims.json").json()["claims"][0]
    forged = tmp_path / "forged.html"
    forged.write_text(f'<form method="post" action="{hostile}/claim/{row["id"]}/review">'
                      '<input name="status" value="rejected"><button>go</button></form>')
    page.goto(forged.as_uri())
    with page.expect_navigation():
        page.click("button")
    assert "CSRF" in page.content()
    assert page.request.get(f"{hostile}/claim/{row['id']}.json").json()["review"] is None
