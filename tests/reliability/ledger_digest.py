"""A digest of every table of a ledger, to compare two ledgers built from the same input.

Columns that record *when* something happened (``*_at``) differ between any two runs and
are left out; everything else counts, the ids newsledger gives (claims, stories, groups,
articles) included. Row numbers the database allocates (an integer ``id`` primary key)
are replaced by the content of their row, in that table and wherever a foreign key points
at it: PostgreSQL does not roll its sequences back when a killed transaction is undone,
so those numbers may differ between two ledgers of equal content. Rows are compared as a
sorted multiset, so the digest does not depend on the order a database returns them in.
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
    """Table name -> sha256 of its rows (time columns left out, row numbers resolved)."""
    engine = create_engine(url_of(db))
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as conn:
        contents = {name: _rows(conn, table) for name, table in metadata.tables.items()}
    engine.dispose()
    resolved = {name: _resolved(contents, table) for name, table in metadata.tables.items()}
    return {name: hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()[:16]
            for name, rows in sorted(resolved.items())}


def _rows(conn, table) -> list[dict]:
    columns = [c for c in table.columns if not c.name.endswith("_at")]
    return [{c.name: _plain(v) for c, v in zip(columns, row)}
            for row in conn.execute(select(*columns))]


def _row_number(table) -> str | None:
    """The name of a table's database-allocated row number, if it has one."""
    keys = list(table.primary_key.columns)
    if len(keys) == 1 and keys[0].name == "id" and keys[0].type.python_type is int:
        return "id"
    return None


def _resolved(contents: dict[str, list[dict]], table) -> list[str]:
    """The table's rows as JSON, row numbers and foreign keys to them replaced by content."""
    pointers = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys
                if _row_number(fk.column.table) == fk.column.name}
    targets = {name: _by_number(contents, name) for name in set(pointers.values())}
    own = _row_number(table)
    out = []
    for row in contents[table.name]:
        shown = {k: v for k, v in row.items() if k != own}
        for column, target in pointers.items():
            shown[column] = targets[target].get(row[column])
        out.append(json.dumps(shown, default=str, sort_keys=True))
    return out


def _by_number(contents: dict[str, list[dict]], name: str) -> dict:
    return {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in contents[name]}


def _plain(value):
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, str) and value[:1] in "[{":
        try:  # JSON columns read back as text on one database and as objects on another
            return json.loads(value)
        except ValueError:
            return value
    return value


def differing(first: dict[str, str], second: dict[str, str], *, history: bool = True) -> list[str]:
    """Tables whose contents differ. ``history=False`` leaves out ``id_redirects``: a ledger
    built over several runs rightly remembers the ids its stories and groups had between
    them (a shared link to one keeps working), which one run never had."""
    names = first.keys() | second.keys()
    if not history:
        names -= {"id_redirects"}
    return sorted(name for name in names if first.get(name) != second.get(name))


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
