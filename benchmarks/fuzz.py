"""Fuzz benchmark: ten thousand (or more) malformed inputs among good articles.

The inputs come from ``tests/reliability/malformed.py`` (the generator and harness the CI
fuzz test uses; seeded, so every figure reproduces), ingested in rounds of 200 into fresh
ledgers, a good article beside every fourth. Reports inputs by family, failures reported, tracebacks, hangs (an input whose
round took more than HANG_SECONDS per input), good articles lost, inputs that left no
trace, time and peak memory; the figures go in docs/reliability.md.

    .venv/bin/python benchmarks/fuzz.py                  # 10,000 inputs, seed 1
    .venv/bin/python benchmarks/fuzz.py 20000 --seed 7
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "reliability"))

from malformed import Outcome, generate, ingest_round  # noqa: E402

ROUND = 200
GOOD_EVERY = 4  # a good article beside every fourth input: extraction is most of the cost
HANG_SECONDS = 10.0  # per input, averaged over its round


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    total, hangs = Outcome(), 0
    started = time.perf_counter()
    for first in range(0, args.count, ROUND):
        inputs = generate(args.seed * 1_000_003 + first, min(ROUND, args.count - first))
        with tempfile.TemporaryDirectory() as folder:
            outcome = ingest_round(Path(folder), inputs, first_good=first, good_every=GOOD_EVERY)
        hangs += outcome.seconds / len(inputs) > HANG_SECONDS
        total.add(outcome)
        print(f"{first + len(inputs):6d} inputs, {time.perf_counter() - started:7.0f} s, "
              f"tracebacks {len(total.tracebacks)}, lost {total.lost_good}", flush=True)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(_report(total, hangs, elapsed, peak, args))


def _report(total: Outcome, hangs: int, elapsed: float, peak_mb: float, args) -> str:
    lines = [f"fuzz: {sum(total.inputs.values())} inputs (seed {args.seed}), "
             f"{elapsed:.0f} s ({1000 * elapsed / max(1, sum(total.inputs.values())):.0f} ms "
             f"an input, the good articles' extraction included), peak memory {peak_mb:.0f} MB",
             f"failures reported {total.failures}, tracebacks {len(total.tracebacks)}, "
             f"hangs {hangs}, good articles lost {total.lost_good}, "
             f"inputs without trace {len(total.silent)}", "",
             "| family | inputs |", "| --- | ---: |"]
    lines += [f"| {family} | {n} |" for family, n in sorted(total.inputs.items())]
    lines += total.tracebacks[:5]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
