"""How stable story and figure-group ids are on real news: ingest ``../shared/data/news-de``
without its last ADDED articles, note every story and group id, then ingest the rest (which
links them incrementally), then relink the whole ledger (what a changed article, a review or
an entity edit triggers), and count after each step the ids that no longer exist and whether
a redirect leads from each to where its articles or claims went.

    .venv/bin/python benchmarks/bench_ids.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from newsledger import workflows
from newsledger.config import load_config
from newsledger.store import open_ledger

REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-de"
ADDED = 37


def _ids(db: Path) -> tuple[set[str], set[str]]:
    with open_ledger(db) as ledger:
        return {s.id for s in ledger.stories()}, {g.id for g in ledger.groups()}


def _gone(db: Path, stories: set[str], groups: set[str]) -> dict:
    stories_after, groups_after = _ids(db)
    with open_ledger(db) as ledger:
        # run with an older newsledger (no redirects) for the figures before stable ids
        redirect = getattr(ledger, "redirect", lambda kind, old_id: None)
        return {kind: {"before": len(before), "gone": len(before - after),
                       "gone and redirected": sum(
                           1 for i in before - after if redirect(kind, i) in after)}
                for kind, before, after in (("story", stories, stories_after),
                                            ("group", groups, groups_after))}


def main() -> None:
    source = sorted(REAL.glob("*.jsonl"))
    if not source:
        sys.exit(f"{REAL} is absent")
    lines = source[0].read_text("utf-8").splitlines()
    config = load_config()
    with tempfile.TemporaryDirectory() as folder:
        first, rest = Path(folder) / "first.jsonl", Path(folder) / "rest.jsonl"
        first.write_text("\n".join(lines[:-ADDED]) + "\n", "utf-8")
        rest.write_text("\n".join(lines[-ADDED:]) + "\n", "utf-8")
        db = Path(folder) / "ledger.db"
        workflows.ingest([first], db=str(db), config=config)
        stories, groups = _ids(db)
        workflows.ingest([rest], db=str(db), config=config)
        result = {"after ingest": _gone(db, stories, groups)}
        with open_ledger(db) as ledger:
            workflows.link_ledger(ledger)
        result["after a relink"] = _gone(db, stories, groups)
    print(json.dumps({"articles": len(lines), "added": ADDED, **result}, indent=1))


if __name__ == "__main__":
    main()
