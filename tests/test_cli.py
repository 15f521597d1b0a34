"""The command line end to end: real files, a real SQLite ledger, real exit codes."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.cli import main
from newsledger.store import open_ledger

ARTICLES = [
    {"id": "a1", "published": "2024-11-04", "outlet": "Tagesblatt", "title": "Streik",
     "text": "Streik legt Häfen lahm\n\nNach Angaben der Gewerkschaft beteiligten sich mehr als "
             "4.000 Beschäftigte am Streik. Die Polizei sprach von rund 2.500 Teilnehmern."},
    {"id": "a2", "published": "2024-11-05", "outlet": "Abendpost", "title": "Streik geht weiter",
     "text": "Streik geht weiter\n\nLaut Gewerkschaftschef Tom Berger streikten am Dienstag "
             "mindestens 5.000 Menschen. „Wir lassen nicht locker“, sagte Berger."},
]


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", "utf-8")
    return path


@pytest.fixture()
def ledger(tmp_path: Path, corpus: Path) -> Path:
    db = tmp_path / "ledger.db"
    result = run("ingest", corpus, "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    return db


def test_extract_jsonl_records_point_into_the_text(corpus):
    result = run("extract", corpus, "--quiet")
    assert result.exit_code == 0
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    texts = {a["id"]: a["text"] for a in ARTICLES}
    assert {(c["value"]["low"], c["value"]["qualifier"]) for c in claims} >= {(4000, "more_than"),
                                                                              (5000, "at_least")}
    for claim in claims:
        for ev in claim["evidence"]:
            assert texts[claim["article"]][ev["start"]:ev["end"]] in ev["sentence"]


@pytest.mark.parametrize("what", ["claims", "quotes", "times", "entities"])
def test_extract_every_record_kind_as_csv(corpus, what):
    result = run("extract", corpus, "--what", what, "--format", "csv", "--quiet")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(row["article"] in {"a1", "a2"} for row in rows)


def test_extract_table_with_debug_shows_rules(corpus):
    result = run("extract", corpus, "--format", "table", "--debug", "--quiet")
    assert result.exit_code == 0
    assert "rule" in result.stdout and "4.000" in result.stdout


def test_bad_input_is_one_line_and_exit_code_1(tmp_path, corpus):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok", "text": "Laut Polizei kamen 300 Menschen."}\n{not json\n', "utf-8")
    db = tmp_path / "l.db"
    result = run("ingest", corpus, bad, "--db", db, "--quiet")
    assert result.exit_code == 1
    assert f"{bad}:2" in result.stderr
    ids = {row[0] for row in sqlite3.connect(db).execute("select article_id from articles")}
    assert ids == {"a1", "a2", "ok"}


def test_usage_error_is_exit_code_2(corpus):
    assert run("extract", corpus, "--what", "nonsense").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_reingest_is_a_no_op(ledger, corpus):
    before = sqlite3.connect(ledger).execute("select count(*) from claims").fetchone()
    result = run("ingest", corpus, "--db", ledger)
    assert result.exit_code == 0
    assert "0 new, 0 changed, 2 unchanged" in result.stderr
    assert sqlite3.connect(ledger).execute("select count(*) from claims").fetchone() == before


def test_claims_query_filters_by_speaker(ledger):
    result = run("claims", "--db", ledger, "--speaker", "Berger")
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert claims and all("Berger" in (c["speaker"]["name"] or c["speaker"]["text"]) for c in claims)


def test_story_timeline_and_report(ledger, tmp_path):
    assert run("story", "--db", ledger).exit_code == 0
    claim = json.loads(run("claims", "--db", ledger).stdout.splitlines()[0])
    result = run("timeline", claim["group"], "--db", ledger, "--format", "csv")
    assert result.exit_code == 0 and claim["evidence"][0]["sentence"] in result.stdout
    html = tmp_path / "r.html"
    assert run("report", "--db", ledger, "--html", html, "--quiet").exit_code == 0
    assert "<svg" in html.read_text("utf-8")


@pytest.mark.parametrize("command", [["claims"], ["report"], ["story"], ["entities", "list"],
                                     ["timeline", "g1"], ["review", "abc", "accepted"]])
def test_read_commands_never_create_a_ledger(tmp_path, command):
    typo = tmp_path / "ledgr.db"
    result = run(*command, "--db", typo)
    assert result.exit_code == 1
    assert "no ledger there" in result.stderr and not typo.exists()


def test_unwritable_report_is_one_line(ledger, tmp_path):
    result = run("report", "--db", ledger, "--html", tmp_path / "missing" / "r.html", "--quiet")
    assert result.exit_code == 1
    assert "cannot write it" in result.stderr and "Traceback" not in result.stderr


def test_unknown_group_is_a_clear_error(ledger):
    result = run("timeline", "no-such-group", "--db", ledger)
    assert result.exit_code == 1
    assert "no figure group 'no-such-group'" in result.stderr


def test_review_survives_reextraction(ledger):
    claim = json.loads(run("claims", "--db", ledger).stdout.splitlines()[0])
    assert run("review", claim["id"], "rejected", "--db", ledger, "--by", "tester").exit_code == 0
    remaining = [json.loads(x)["id"] for x in run("claims", "--db", ledger).stdout.splitlines()]
    assert claim["id"] not in remaining
    assert run("ingest", "--db", ledger, "--reextract", "--quiet",
               Path(__file__)).exit_code in (0, 1)
    remaining = [json.loads(x)["id"] for x in run("claims", "--db", ledger).stdout.splitlines()]
    assert claim["id"] not in remaining


def test_review_can_move_a_claim_to_another_group(ledger):
    claims = [json.loads(x) for x in run("claims", "--db", ledger).stdout.splitlines()]
    moved, target = claims[0], next(c for c in claims if c["group"] != claims[0]["group"])
    result = run("review", moved["id"], "corrected", "--group", target["group"], "--db", ledger)
    assert result.exit_code == 0
    after = {json.loads(x)["id"]: json.loads(x) for x in run("claims", "--db", ledger).stdout.splitlines()}
    assert after[moved["id"]]["group"] == target["group"]


def test_entity_merge_applies_and_is_listed(ledger):
    result = run("entities", "merge", "Tom Berger", "Gewerkschaft", "--db", ledger)
    assert result.exit_code == 0
    listing = run("entities", "list", "--db", ledger).stdout
    assert "Tom Berger" in listing


def test_entity_rename_shows_the_new_name_and_survives_a_relink(ledger, corpus):
    before = {c["id"]: c for c in map(json.loads, run("claims", "--db", ledger).stdout.splitlines())}
    tom = [i for i, c in before.items() if (c["speaker"] or {}).get("name") == "Tom Berger"]
    assert tom, "the demo ledger names Tom Berger as a speaker"
    assert run("entities", "rename", "Tom Berger", "Thomas Berger", "--db", ledger).exit_code == 0
    assert run("ingest", corpus, "--db", ledger, "--reextract", "--quiet").exit_code == 0
    after = {c["id"]: c for c in map(json.loads, run("claims", "--db", ledger).stdout.splitlines())}
    assert {after[i]["speaker"]["name"] for i in tom} == {"Thomas Berger"}
    assert "Thomas Berger" in run("entities", "list", "--db", ledger).stdout


def test_entity_rename_of_an_unknown_entity_is_refused_before_writing(ledger):
    result = run("entities", "rename", "Niemand Bekannt", "Jemand", "--db", ledger)
    assert result.exit_code == 2


def test_info_names_the_language_layer(ledger):
    result = run("info", "--db", ledger)
    assert result.exit_code == 0 and "spaCy" in result.stdout


def test_eval_scores_a_prediction_file(tmp_path, corpus, repo):
    pred = tmp_path / "pred.jsonl"
    pred.write_text(run("extract", repo / "src/newsledger/demo/articles.jsonl", "--quiet").stdout)
    result = run("eval", "claims", repo / "src/newsledger/demo/gold.claims.jsonl", pred)
    assert result.exit_code == 0 and "figures" in result.stdout
    assert "speaker" in result.stdout  # speaker accuracy over found figures


def test_extract_debug_table_shows_each_claims_candidates(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Titel\n\nLaut der Polizei kamen 500 Menschen.\n", encoding="utf-8")
    result = run("extract", article, "--format", "table", "--debug", "--quiet")
    assert result.exit_code == 0
    assert "candidates" in result.stdout and "rules:marker" in result.stdout
    assert "(no named source)" in result.stdout


def test_demo_console_script_end_to_end(tmp_path):
    """The installed `newsledger demo` as a user runs it: ledger, summary, HTML report."""
    exe = Path(sys.executable).with_name("newsledger")
    done = subprocess.run([exe, "demo", "--db", "demo.db", "--html", "demo.html"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Selenskyj" in done.stdout
    page = (tmp_path / "demo.html").read_text("utf-8")
    assert "<svg" in page and "<script" not in page.lower()
    counts = sqlite3.connect(tmp_path / "demo.db").execute(
        "select count(*), sum(is_current) from articles").fetchone()
    assert counts[0] > counts[1]  # the demo's correction is kept as a new version


def test_extra_entity_alias_file_reaches_the_linker(tmp_path, corpus):
    aliases = tmp_path / "aliases.txt"
    aliases.write_text("Hafengewerkschaft HG = Gewerkschaft | HG\n", "utf-8")
    config = tmp_path / "my.toml"
    config.write_text(f'[lexicons]\nextra = {{ entity_aliases = ["{aliases}"] }}\n', "utf-8")
    result = run("extract", corpus, "--config", config, "--quiet")
    names = {json.loads(x)["speaker"]["name"] for x in result.stdout.splitlines()
             if json.loads(x)["speaker"]}
    assert "Hafengewerkschaft HG" in names and "Gewerkschaft" not in names


def test_entity_edits_chain_and_survive_reingest(ledger, corpus):
    assert run("entities", "merge", "Tom Berger", "Gewerkschaft", "--db", ledger).exit_code == 0
    # "Gewerkschaft" is now an alias of Tom Berger: merging into it merges into Tom Berger
    assert run("entities", "merge", "Gewerkschaft", "Polizei", "--db", ledger).exit_code == 0
    changed = [dict(a) for a in ARTICLES]
    changed[0]["text"] = changed[0]["text"].replace("4.000", "4.500")
    corpus.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in changed) + "\n", "utf-8")
    assert run("ingest", corpus, "--db", ledger, "--quiet").exit_code == 0
    claims = [json.loads(x) for x in run("claims", "--db", ledger).stdout.splitlines()]
    names = {c["speaker"]["name"] for c in claims if c["speaker"]}
    assert names == {"Tom Berger"}
    assert {c["value"]["low"] for c in claims} >= {4500, 2500, 5000}


def test_report_of_one_story_since_a_date(ledger, tmp_path):
    with open_ledger(ledger) as opened:
        stories = {s.id: s for s in opened.stories()}
    story = next(iter(stories))
    html = tmp_path / "one.html"
    result = run("report", "--db", ledger, "--html", html, "--story", story, "--since", "2000-01-01")
    assert result.exit_code == 0 and stories[story].label in html.read_text("utf-8")
    assert "<svg" in html.read_text("utf-8")
    late = tmp_path / "late.html"
    assert run("report", "--db", ledger, "--html", late, "--since", "2999-01-01", "-q").exit_code == 0
    assert "<svg" not in late.read_text("utf-8")  # no claim stated then
    top = run("report", "--db", ledger, "--top", "1")
    assert top.exit_code == 0
    unknown = run("report", "--db", ledger, "--story", "story-nope")
    assert unknown.exit_code == 1 and "no story 'story-nope'" in unknown.stderr
