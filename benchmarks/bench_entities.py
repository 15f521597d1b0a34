"""CPU cost of entity recognition on real news (issue 9's speed bound: the name tagger may cost
at most 3 % of `ingest`'s CPU time).

    .venv/bin/python benchmarks/bench_entities.py [--runs 3] [--corpus FILE]

Parses ../shared/data/news-de (1,028 derStandard articles, the texts of `bench_real.py`) once,
then times, in this process (CPU time, median of --runs, a fresh tagger each run so its
per-form score cache starts empty): the name tagger alone (``name_tagger.name_spans``) and the
whole of ``find_mentions`` (rules, tagger and name resolution). The word-form table of HanTa is
used as `ingest` uses it (warm after a first run). Compare the figures with the `ingest
--workers 1` CPU time of `bench_real.py` (docs/performance.md). The machine is shared: say so.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from newsledger.extractors import name_tagger
from newsledger.extractors.name_tagger import lexicons_of
from newsledger.extractors.attribution_np import doc_sentences
from newsledger.extractors.entities import find_mentions
from newsledger.model import Article
from newsledger.nlp import parse

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news-de" / "derstandard-10kgnad-test.jsonl"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=NEWS)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} is absent")
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8") if line.strip()]
    words = sum(len(t.split()) for t in texts)
    docs = [parse(Article(id=str(n), text=t)) for n, t in enumerate(texts)]

    def run(work) -> float:
        """CPU of ``work`` over every doc, each doc prepared as the earlier pipeline steps leave
        it (its sentences and lexicons found; they are not entity recognition's cost)."""
        name_tagger.use(name_tagger.load(name_tagger.WEIGHTS))  # an empty score cache
        total = 0.0
        for doc in docs:
            doc_sentences(doc)
            lexicons_of(doc)
            started = time.process_time()
            work(doc)
            total += time.process_time() - started
        return total

    run(name_tagger.name_spans)  # a first pass loads HanTa's word-form table, as any run's first article does
    tagger_cpu = [run(name_tagger.name_spans) for _ in range(args.runs)]
    mentions_cpu = [run(lambda doc: list(find_mentions(doc))) for _ in range(args.runs)]
    tagger_s, mentions_s = statistics.median(tagger_cpu), statistics.median(mentions_cpu)
    print(f"{len(docs)} articles, {words:,} words (median of {args.runs} runs, CPU seconds, shared machine)")
    print(f"name tagger alone:          {tagger_s:6.2f} s  ({words / tagger_s:,.0f} words per CPU second)")
    print(f"find_mentions (all of it):  {mentions_s:6.2f} s  ({words / mentions_s:,.0f} words per CPU second)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
