"""ingest's promise covers linking: a run that stored articles and then died while linking
is completed by the next run, even one with nothing new to read; and the summary counts
what was stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger import workflows
from newsledger.config import load_config
from newsledger.store import open_ledger

CONFIG = load_config()


class Killed(BaseException):
    """Stands for the process dying: not an Exception, so nothing in ingest handles it."""


def _links(db) -> dict:
    with open_ledger(db) as ledger:
        return {"groups": {c.key: c.group for c in ledger.claims()},
                "stories": sorted((s.id, s.articles) for s in ledger.stories())}


@pytest.mark.parametrize("dies_in", ["link_ledger", "link_new_articles"])
def test_a_run_that_died_while_linking_is_completed_by_the_next(tmp_path, monkeypatch, dies_in):
    demo = workflows.demo_files()[0]
    lines = demo.read_text("utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:7]) + "\n", "utf-8")
    second.write_text("\n".join(lines[7:]) + "\n", "utf-8")
    db = str(tmp_path / "ledger.db")
    workflows.ingest([first], db=db, config=CONFIG)

    def dies(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as patched:
        patched.setattr(workflows, dies_in, dies)
        with pytest.raises(Killed):
            workflows.ingest([second], db=db, config=CONFIG)
    with open_ledger(db) as ledger:
        assert ledger.link_pending()

    again = workflows.ingest([second], db=db, config=CONFIG)  # nothing new to read
    assert again.counts["unchanged"] == len(lines) - 7 and again.counts["new"] == 0
    assert again.counts["stories"] > 0  # the links were made this time
    whole = str(tmp_path / "whole.db")
    workflows.ingest([first, second], db=whole, config=CONFIG)
    assert _links(db) == _links(whole)


def test_the_summary_counts_what_was_stored(tmp_path):
    text = "Die Polizei sprach von rund 2.500 Teilnehmern am Streik in der Stadt."
    path = tmp_path / "twice.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n"
                    + json.dumps({"id": "x", "text": text + " Nachtrag."}) + "\n", "utf-8")
    result = workflows.ingest([path], db=str(tmp_path / "l.db"), config=CONFIG)
    assert (result.counts["new"], result.counts["changed"]) == (1, 1)
    assert result.summary().startswith("1 new, 1 changed")
