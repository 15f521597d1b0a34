"""Extraction as Ray tasks, for more than one machine (the optional extra ``newsledger[ray]``).

``newsledger ingest --ray ADDRESS …`` cuts the input into shards (:mod:`.shards`: byte
ranges of JSON Lines at line starts, other files whole), and runs one Ray task per shard:
the same reading and pipeline functions as one process, so a task's result is what a
single reader gives for those lines. Results are taken in shard order and handed to
``ingest``, which stays the only writer (one SQLite writer; batched for PostgreSQL) and
links in this process. A task whose worker dies is run again by Ray
(``max_retries``); a re-run of the whole ingest is idempotent, because the ledger skips
unchanged articles. Workers read the shards' files themselves: every machine needs
newsledger[ray] of the same version and the input at the same path (shared storage).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.config import Config
from newsledger.engine import shards
from newsledger.errors import NewsledgerError
from newsledger.model import Extraction, Failure

# Ray runs a task again when its worker process dies (killed, out of memory, node lost).
MAX_RETRIES = 3
IN_FLIGHT_PER_CPU = 2


def _extract_shard(shard: shards.Shard, config: Config) -> list[Extraction | Failure]:
    from newsledger.pipeline import extract

    return list(extract(shards.read_shard(shard, config), config=config))


class RaySource:
    """Shards extracted on a Ray cluster, in input order (``source``); ``map`` passes them on."""

    def __init__(self, address: str, config: Config) -> None:
        try:
            import ray
        except ImportError:
            raise NewsledgerError("--ray needs Ray: pip install 'newsledger[ray]'") from None
        self._ray = ray
        self.config = config
        ray.init(address=address, log_to_driver=False, logging_level="ERROR")
        self._task = ray.remote(max_retries=MAX_RETRIES)(_extract_shard)

    def source(self, paths: Iterable[str | Path]) -> Iterator[Extraction | Failure]:
        limit = max(1, int(self._ray.cluster_resources().get("CPU", 1)) * IN_FLIGHT_PER_CPU)
        config = self._ray.put(self.config)
        pending: deque = deque()
        for shard in shards.shards(paths):
            pending.append(self._task.remote(shard, config))
            if len(pending) >= limit:
                yield from self._ray.get(pending.popleft())
        while pending:
            yield from self._ray.get(pending.popleft())

    def map(self, items: Iterable[Extraction | Failure]) -> Iterator[Extraction | Failure]:
        return iter(items)  # extracted by the tasks already

    def close(self) -> None:
        self._ray.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
