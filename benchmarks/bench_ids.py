"""How stable story and figure-group ids are on real news: ingest ``../shared/data/news-de``
without its last ADDED articles, note every story and group id (and which claims each group
holds), then ingest the rest, and count the ids that no longer exist and whether a redirect
leads from each to where its articles or claims went.

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
        stories_after, groups_after = _ids(db)
        with open_ledger(db) as ledger:
            # run with an older newsledger (no redirects) for the figures before stable ids
            redirect = getattr(ledger, "redirect", lambda kind, old_id: None)
            result = {kind: {"before": len(before), "gone": len(before - after),
                             "gone and redirected": sum(
                                 1 for i in before - after if redirect(kind, i) in after)}
                      for kind, before, after in (("story", stories, stories_after),
                                                  ("group", groups, groups_after))}
    print(json.dumps({"articles": len(lines), "added": ADDED, **result}, indent=1))


if __name__ == "__main__":
    main()
