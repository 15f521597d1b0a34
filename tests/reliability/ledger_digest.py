"""A digest of every table of a ledger, to compare two ledgers built from the same input.

Columns that record *when* something happened (``*_at``) differ between any two runs and
are left out; everything else counts, ids included. Rows are compared as a sorted
multiset, so the digest does not depend on the order a database returns them in.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import MetaData, create_engine, select

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "newsledger" / "demo" / "articles.jsonl"


def url_of(db: str | Path) -> str:
    return str(db) if "://" in str(db) else f"sqlite:///{db}"


def table_digests(db: str | Path) -> dict[str, str]:
    """Table name -> sha256 of its rows (time columns left out)."""
    engine = create_engine(url_of(db))
    metadata = MetaData()
    metadata.reflect(engine)
    digests = {}
    with engine.connect() as conn:
        for name, table in sorted(metadata.tables.items()):
            columns = [c for c in table.columns if not c.name.endswith("_at")]
            rows = sorted(json.dumps([_plain(v) for v in row], default=str, sort_keys=True)
                          for row in conn.execute(select(*columns)))
            digests[name] = hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]
    engine.dispose()
    return digests


def _plain(value):
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, str) and value[:1] in "[{":
        try:  # JSON columns read back as text on one database and as objects on another
            return json.loads(value)
        except ValueError:
            return value
    return value


def differing(first: dict[str, str], second: dict[str, str]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys()
                  if first.get(name) != second.get(name))


def ingest_command(paths: list[Path], db: str | Path) -> list[str]:
    return [sys.executable, "-m", "newsledger.cli", "ingest", *map(str, paths), "--db", str(db),
            "--quiet"]


def run_ingest(paths: list[Path], db: str | Path, *, hash_seed: str = "0",
               timeout: float = 600) -> subprocess.CompletedProcess:
    """A real `newsledger ingest` process (exit 0 or 1: 1 means some input failed)."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(ingest_command(paths, db), env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode in (0, 1), done.stderr
    return done


def split_jsonl(source: Path, folder: Path, parts: int) -> list[Path]:
    """``source`` cut into ``parts`` consecutive files (the same articles in the same order)."""
    lines = [line for line in source.read_text("utf-8").splitlines() if line.strip()]
    size = -(-len(lines) // parts)
    paths = []
    for i in range(parts):
        path = folder / f"part-{i}.jsonl"
        path.write_text("".join(line + "\n" for line in lines[i * size:(i + 1) * size]), "utf-8")
        paths.append(path)
    return paths
