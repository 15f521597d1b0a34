"""Small SQL helpers the store modules share."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert

# Keep IN (...) lists well under every database's parameter limit.
CHUNK = 500


def chunks(items: Sequence) -> Iterator[Sequence]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def insert_many(conn: Connection, table: Table, values: list[dict[str, Any]]) -> None:
    """Insert rows in one statement batch (nothing for no rows)."""
    if values:
        conn.execute(insert(table), values)
