"""Extraction on every core: the same pipeline function mapped over worker processes.

:func:`extractor` gives an :class:`InProcess` extractor for one worker (no processes, as
before) or a :class:`WorkerPool` of spawned processes, each loading the NLP stack once.
Both map a stream of articles (and read Failures, which pass through) to Extractions and
Failures **in input order**, so a run's output and ledger do not depend on the number of
workers; the caller stays the only writer. The pool keeps a bounded number of chunks in
flight, so memory does not grow with the input. Ray (several machines) is in
:mod:`newsledger.engine.ray`.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path

from newsledger.config import Config
from newsledger.engine import shards
from newsledger.model import Article, Extraction, Failure

# Articles per task: small enough that workers finish a batch together, large enough that
# pickling and queueing stay a small share (an article takes ≈ 0.1-0.5 s to extract).
CHUNK = 2
# Chunks queued per worker: enough that the workers stay busy while the caller stores and
# links a batch (``ingest.batch_size``, 50 articles: ≈ 0.5 s of the caller's time).
IN_FLIGHT_PER_WORKER = 16
MIN_ARTICLES_PER_WORKER = 20

Item = Article | Failure
Result = Extraction | Failure


def default_workers() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extractor(config: Config, workers: int | None = None, *,
              expected: int | None = None) -> InProcess | WorkerPool:
    """One worker runs in this process; more run in a pool of processes (close it after).

    ``workers`` None means every core, but no more workers than ``expected`` articles
    keep busy: starting one costs as much as extracting ≈ 10 articles."""
    if workers is None:
        workers = default_workers()
        if expected is not None:
            workers = min(workers, max(1, expected // MIN_ARTICLES_PER_WORKER))
    return InProcess(config) if workers <= 1 else WorkerPool(config, workers)


def words(article: Article) -> int:
    """Words of an article, as the progress display and the benchmarks count them."""
    return len(article.text.split())


class InProcess:
    """Extraction in this process (``--workers 1``)."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def source(self, paths: Iterable[str | Path]) -> Iterator[Item]:
        """The articles of ``paths``, read in this process."""
        from newsledger.ingest import read_articles

        return read_articles(paths, config=self.config)

    def map(self, items: Iterable[Item]) -> Iterator[Result]:
        from newsledger.pipeline import extract

        return extract(items, config=self.config)

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class WorkerPool(InProcess):
    """Extraction in ``workers`` spawned processes; results come back in input order."""

    def __init__(self, config: Config, workers: int) -> None:
        super().__init__(config)
        self.workers = workers
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: a forked child would inherit the parent's open ledger connection
        # and threads; each worker loads the NLP stack once in _start_worker.
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker, initargs=(self.config,))

    def map(self, items: Iterable[Item]) -> Iterator[Result]:
        pending: deque[tuple[list[Item], Future, ProcessPoolExecutor]] = deque()
        iterator = iter(items)
        while chunk := list(islice(iterator, CHUNK)):
            pending.append((chunk, *self._submit(chunk)))
            if len(pending) >= self.workers * IN_FLIGHT_PER_WORKER:
                yield from self._result(*pending.popleft())
        while pending:
            yield from self._result(*pending.popleft())

    def _result(self, chunk: list[Item], future: Future, executor: ProcessPoolExecutor
                ) -> list[Result]:
        """The chunk's results; when a worker died (killed, out of memory) the pool is
        restarted and the chunk tried once more, then its articles become Failures."""
        for attempt in range(2):
            try:
                return future.result()
            except (BrokenProcessPool, CancelledError):
                if executor is self._executor:  # not yet restarted for this break
                    self._restart()
                if attempt == 0:
                    future, executor = self._submit(chunk)
        return [_lost(item) for item in chunk]

    def _submit(self, chunk: list[Item]) -> tuple[Future, ProcessPoolExecutor]:
        try:
            return self._executor.submit(_extract_chunk, chunk), self._executor
        except BrokenProcessPool:  # broke since the last chunk: its futures are retried
            self._restart()
            return self._executor.submit(_extract_chunk, chunk), self._executor

    def _restart(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()

    def close(self) -> None:
        self._executor.shutdown()


def _lost(item: Item) -> Failure:
    if isinstance(item, Failure):
        return item
    return Failure(item.origin or item.id, "extract",
                   "the worker process extracting this article died twice (killed or out of memory)")


_WORKER_CONFIG: Config | None = None


def _start_worker(config: Config) -> None:
    global _WORKER_CONFIG
    from newsledger.pipeline import extract_article

    _WORKER_CONFIG = config
    extract_article(Article(id="warm-up", text="Der Minister sagte, es seien 5 Menschen."),
                    config=config)  # loads spaCy, the lexicons and HanTa's word forms once


def _extract_chunk(chunk: list[Item]) -> list[Result]:
    from newsledger.pipeline import extract

    return list(extract(chunk, config=_WORKER_CONFIG))
