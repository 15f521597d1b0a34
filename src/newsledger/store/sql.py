"""Small SQL helpers the store modules share."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, insert

# Keep IN (...) lists well under every database's parameter limit.
CHUNK = 500


def chunks(items: Sequence) -> Iterator[Sequence]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def insert_many(conn: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert rows in one statement batch (nothing for no rows)."""
    if values:
        conn.execute(insert(table), values)


def replace_rows(conn: Connection, table: Table, key_column, keys: Collection,
                 values: list[dict[str, Any]]) -> None:
    """Delete the rows whose ``key_column`` is one of ``keys``, then insert ``values``."""
    for chunk in chunks(sorted(keys)):
        conn.execute(delete(table).where(key_column.in_(chunk)))
    insert_many(conn, table, values)
