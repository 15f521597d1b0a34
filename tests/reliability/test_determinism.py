"""The ledger is a function of its input: the same articles under any hash seed, in one
run or split over several, give identical tables (claims, entities, aliases, stories,
groups, their ids included). Real `newsledger ingest` processes, so PYTHONHASHSEED
really differs (str hashes, set order)."""

from __future__ import annotations

import json

import pytest
from ledger_digest import DEMO, differing, run_ingest, split_jsonl, table_digests


def test_the_same_input_under_different_hash_seeds_gives_the_same_ledger(tmp_path):
    digests = {}
    for seed in ("1", "2718"):
        run_ingest([DEMO], tmp_path / f"seed-{seed}.db", hash_seed=seed)
        digests[seed] = table_digests(tmp_path / f"seed-{seed}.db")
    assert differing(digests["1"], digests["2718"]) == []


def test_one_run_or_several_give_the_same_ledger(tmp_path):
    parts = split_jsonl(DEMO, tmp_path, 3)
    run_ingest(parts, tmp_path / "whole.db", hash_seed="3")
    for part in parts:  # later parts are placed incrementally into the saved state
        run_ingest([part], tmp_path / "split.db", hash_seed="4")
    whole, split = table_digests(tmp_path / "whole.db"), table_digests(tmp_path / "split.db")
    assert differing(whole, split, history=False) == []


@pytest.mark.shared
def test_wikinews_dev_is_deterministic_across_seeds_and_splits(shared, tmp_path):
    source = shared / "data" / "quotes-de-news" / "dev.jsonl"
    parts = split_jsonl(source, tmp_path, 2)
    run_ingest(parts, tmp_path / "whole.db", hash_seed="11")
    for part in parts:
        run_ingest([part], tmp_path / "split.db", hash_seed="12")
    whole, split = table_digests(tmp_path / "whole.db"), table_digests(tmp_path / "split.db")
    assert differing(whole, split, history=False) == []


@pytest.mark.shared
def test_speaker_merging_does_not_depend_on_the_hash_seed(shared, tmp_path):
    """news-de articles naming 'Militär' or 'Offensive' (57 of the 1,028): their speaker
    names cluster differently under seeds 1 and 2 (measured; seed 4 agrees with 1)."""
    source = shared / "data" / "news-de" / "derstandard-10kgnad-test.jsonl"
    chosen = tmp_path / "militaer.jsonl"
    lines = source.read_text("utf-8").splitlines()
    texts = [json.loads(line)["text"] for line in lines]
    chosen.write_text("".join(line + "\n" for line, text in zip(lines, texts)
                              if "Offensive" in text or "Militär" in text), "utf-8")
    digests = {}
    for seed in ("1", "2"):
        run_ingest([chosen], tmp_path / f"seed-{seed}.db", hash_seed=seed)
        digests[seed] = table_digests(tmp_path / f"seed-{seed}.db")
    assert differing(digests["1"], digests["2"]) == []
