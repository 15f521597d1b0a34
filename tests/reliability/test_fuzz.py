"""The fuzz suite in CI: a few hundred malformed inputs from every family of
``malformed.FAMILIES`` (seeded, so a failure reproduces), each ingested beside a good
article. No traceback, no lost good article, no input that leaves no trace.
``benchmarks/fuzz.py`` runs the same harness over ten thousand and more."""

from __future__ import annotations

import pytest
from malformed import FAMILIES, describe, generate, ingest_round

ROUNDS = 4
PER_ROUND = 3 * len(FAMILIES)  # 240 inputs in all


@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_malformed_inputs_never_stop_a_run_nor_lose_a_good_article(tmp_path, round_number):
    inputs = generate(seed=1000 + round_number, count=PER_ROUND)
    outcome = ingest_round(tmp_path, inputs, first_good=round_number * PER_ROUND)
    assert outcome.tracebacks == [], describe(outcome)
    assert outcome.lost_good == 0, describe(outcome)
    assert outcome.silent == [], describe(outcome)
    assert set(outcome.inputs) == set(FAMILIES)
