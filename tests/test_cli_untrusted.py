"""Untrusted text on the command line: mistyped arguments of write commands are refused
before anything is written, and ids, file names, options and article text are printed as
plain text (no rich markup, no hyperlinks, no terminal escape sequences)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main

EVIL_IDS = ["evil[/x]", "[link=http://e.vil]click[/link]", "[bold red]loud"]
TEXT = ("Nach Angaben der Gewerkschaft beteiligten sich mehr als 4.000 Beschäftigte am Streik. "
        "Die Polizei sprach von rund 2.500 Teilnehmern. \x1b[2J\x1b]8;;http://e.vil\x07hier\x1b]8;;\x07")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "evil.jsonl"
    records = [{"id": evil, "published": f"2024-11-0{i + 1}", "outlet": f"[/x]{i}", "text": TEXT}
               for i, evil in enumerate(EVIL_IDS)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture()
def ledger(tmp_path: Path, corpus: Path) -> Path:
    db = tmp_path / "ledger.db"
    assert run("ingest", corpus, "--db", db, "--quiet").exit_code == 0
    return db


def _claims(db) -> list[dict]:
    return [json.loads(line) for line in run("claims", "--db", db).stdout.splitlines()]


# --- write commands validate before writing ------------------------------------------

@pytest.mark.parametrize("claim_id", ["0123456789a", "not-an-id", '["a", null, 1, 1, "exact"]'])
def test_review_of_an_unknown_claim_is_refused_and_stores_nothing(ledger, claim_id):
    result = run("review", claim_id, "accepted", "--db", ledger)
    assert result.exit_code == 2
    assert "no claim has the id" in result.stderr and len(result.stderr.splitlines()) == 1
    assert sqlite3.connect(ledger).execute("SELECT count(*) FROM reviews").fetchone() == (0,)
    assert run("claims", "--db", ledger).exit_code == 0


def test_review_moving_a_claim_to_an_unknown_group_is_refused(ledger):
    claim = _claims(ledger)[0]
    result = run("review", claim["id"], "corrected", "--group", "nogroup", "--db", ledger)
    assert result.exit_code == 2 and "no figure group 'nogroup'" in result.stderr


@pytest.mark.parametrize("action", ["merge", "split"])
def test_entity_edits_naming_no_entity_are_refused(ledger, action):
    result = run("entities", action, "Niemand Bekanntes", "Auch Keiner", "--db", ledger)
    assert result.exit_code == 2 and "no entity or alias is named" in result.stderr
    assert sqlite3.connect(ledger).execute("SELECT count(*) FROM entity_edits").fetchone() == (0,)


def test_a_stored_review_the_code_cannot_read_breaks_no_later_command(ledger, corpus):
    with sqlite3.connect(ledger) as db:  # as an older newsledger stored a mistyped id
        db.execute("INSERT INTO reviews (claim_key, status, reviewed_by, reviewed_at) "
                   "VALUES ('0123456789a', 'accepted', 'x', '2024-01-01')")
    for command in (["claims"], ["report"], ["story"], ["ingest", corpus, "--quiet"]):
        result = run(*command, "--db", ledger)
        assert result.exit_code == 0, result.output
    assert "unreadable claim key (ignored)" in run("info", "--db", ledger).stdout


# --- plain output ---------------------------------------------------------------------

def _assert_plain(output: str) -> None:
    assert "\x1b" not in output  # neither the article's escapes nor a hyperlink of ours
    assert "\\x1b" in output or "evil[/x]" in output


@pytest.mark.parametrize("fmt", ["table", "jsonl", "csv"])
def test_claims_with_markup_in_ids_print_as_written(ledger, fmt):
    result = run("claims", "--db", ledger, "--format", fmt)
    assert result.exit_code == 0
    for evil in EVIL_IDS:
        assert evil in result.stdout or json.dumps(evil)[1:-1] in result.stdout


def test_extract_table_shows_markup_and_escapes_as_text(corpus):
    result = run("extract", corpus, "--format", "table", "--quiet")
    assert result.exit_code == 0
    assert "evil[/x]" in result.stdout and "[link=http://e.vil]click[/link]" in result.stdout
    _assert_plain(result.stdout)


def test_report_html_and_tables_with_markup_in_ids(ledger, tmp_path):
    html = tmp_path / "report.html"
    result = run("report", "--db", ledger, "--html", html)
    assert result.exit_code == 0 and html.exists()
    assert "evil[/x]" in result.stdout
    _assert_plain(result.stdout)


def test_timeline_and_story_with_markup_in_ids(ledger):
    group = _claims(ledger)[0]["group"]
    result = run("timeline", group, "--db", ledger)
    assert result.exit_code == 0 and "evil[/x]" in result.stdout
    assert run("story", "--db", ledger).exit_code == 0


def test_failing_files_and_ledgers_with_brackets_are_named_as_written(tmp_path):
    folder = tmp_path / "evil[" / "x]"
    folder.mkdir(parents=True)
    (folder / "[link=http:e.vil]leer[-link].txt").write_text("   ", "utf-8")
    result = run("ingest", tmp_path / "evil[", "--db", folder / "l[x].db", "--quiet")
    assert result.exit_code == 1
    assert "evil[/x]/[link=http:e.vil]leer[-link].txt" in result.stderr
    missing = run("claims", "--db", tmp_path / "no[/such].db")
    assert missing.exit_code == 1 and "no[/such].db" in missing.stderr
