"""Extraction in worker processes gives exactly what one process gives, in input order."""

from __future__ import annotations

import pytest
from warc_helpers import small_warc

from newsledger import workflows
from newsledger.config import load_config
from newsledger.engine import WorkerPool, extractor
from newsledger.engine.shards import Shard, count_articles, read_shard, shards
from newsledger.ingest import read_articles
from newsledger.model import to_dict

def test_two_workers_give_one_workers_output_and_ledger(repo, tmp_path, ledger_contents):
    config = load_config()
    corpus = repo / "src/newsledger/demo/articles.jsonl"
    one = workflows.extract_files([corpus], config=config, workers=1)
    two = workflows.extract_files([corpus], config=config, workers=2)
    for what in ("claims", "quotes", "times", "entities"):
        assert [to_dict(r) for r in two.records(what)] == [to_dict(r) for r in one.records(what)]
    dbs = {n: f"sqlite:///{tmp_path / f'w{n}.db'}" for n in (1, 2)}
    for n, db in dbs.items():
        workflows.ingest([corpus], db=db, config=config, workers=n)
    assert ledger_contents(dbs[2]) == ledger_contents(dbs[1])


def test_default_workers_are_fewer_for_a_small_input():
    config = load_config()
    with extractor(config, None, expected=3) as small:
        assert not isinstance(small, WorkerPool)


def test_shards_read_as_the_whole_file_does(repo, tmp_path):
    config = load_config()
    lines = (repo / "src/newsledger/demo/articles.jsonl").read_text("utf-8").splitlines()
    bumpy = tmp_path / "bumpy.jsonl"  # blank and broken lines keep their numbers in origins
    bumpy.write_text("\n".join(lines[:3] + ["", "{broken"] + lines[3:]) + "\n", "utf-8")
    whole = list(read_articles([bumpy], config=config))
    cut = shards([bumpy], size=2000)
    assert len(cut) > 3
    assert [item for shard in cut for item in read_shard(shard, config)] == whole
    assert count_articles([bumpy]) == len(whole)


@pytest.mark.parametrize("size", [1, 500, 1500, 4000, 100_000])
def test_warc_shards_read_as_the_whole_file_does(tmp_path, size):
    config = load_config()
    warc = small_warc(tmp_path / "pages.warc", 12, gzip=False)
    whole = list(read_articles([warc], config=config))
    cut = shards([warc], size=size)
    assert len(cut) == -(-warc.stat().st_size // size)
    assert [item for shard in cut for item in read_shard(shard, config)] == whole
    assert len(whole) == 12


def test_a_gzipped_warc_is_one_shard(tmp_path):
    warc = small_warc(tmp_path / "pages.warc.gz", 12, gzip=True)
    assert shards([warc], size=500) == [Shard(str(warc))]


@pytest.mark.parametrize("name, expected", [("a.txt", 1), ("a.rss", None)])
def test_article_counts_only_where_knowable(tmp_path, name, expected):
    (tmp_path / name).write_text("Text", "utf-8")
    assert count_articles([tmp_path / name]) == expected


def test_a_killed_worker_costs_no_article(repo):
    """A worker killed mid-run (out of memory, a signal): the pool restarts and the chunks
    it held are extracted again, so the results are still one process's, in order."""
    import os
    import signal

    config = load_config()
    articles = [a for a in read_articles([repo / "src/newsledger/demo/articles.jsonl"],
                                         config=config)]
    expected = [to_dict(c) for e in extractor(config, 1).map(articles) for c in e.claims]
    with WorkerPool(config, 2) as pool:
        def killing_after_four():
            for i, article in enumerate(articles):
                if i == 4:  # the first chunks are queued or running by now
                    os.kill(next(iter(pool._executor._processes)), signal.SIGKILL)
                yield article
        results = list(pool.map(killing_after_four()))
    assert [to_dict(c) for e in results for c in e.claims] == expected
