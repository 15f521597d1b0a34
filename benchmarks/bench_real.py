"""Real-news speed, end to end, as a user runs it (issue 11).

    .venv/bin/python benchmarks/bench_real.py [--parts base,workers,ray,scale] [--runs 3]
        [--worker-runs 3] [--scale 1000 10000] [--reference FILE] [--json FILE] [--corpus FILE]

(The figures in docs/performance.md: --runs 3 --worker-runs 1, with --reference the
`extract --format jsonl` output of news-de saved before the speed work.)

On ../shared/data/news-de (German news, 1,028 articles) each figure runs the real
command line in a subprocess and measures the CPU time of all its processes (user + sys,
worker processes included), wall time and peak memory (largest resident set of the
process tree):

base     spaCy's bare German tokenizer over the same texts (in this process), then
         `ingest --workers 1` into a new ledger: once with an empty word-form cache
         ("cold", a first run), then --runs times with it filled (median);
         `extract --workers 1 --format jsonl` --runs times (median), its output compared
         byte for byte with --reference when given (the output before a speed change).
workers  `ingest` with --workers 1 and 2 (word-form cache filled), --worker-runs each: wall-clock throughput,
         and whether the two ledgers hold the same claims, stories and groups.
scale    per-article time and peak memory of `ingest --workers 2` on 1,000 and 10,000 (--scale)
         articles built from news-de by varying names, figures and dates (see
         `variant`), and how many copies the linker found among them.
ray      `ingest --ray` on a local one-node cluster (started here, 127.0.0.1) against
         `ingest --workers N` with as many processes.

The machine is shared: say so with the figures; no test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NEWS = REPO.parent / "shared" / "data" / "news-de" / "derstandard-10kgnad-test.jsonl"
BIN = Path(sys.executable).parent
CLI = str(BIN / "newsledger")


def words_of(path: Path) -> int:
    return sum(len(json.loads(line)["text"].split()) for line in path.open(encoding="utf-8")
               if line.strip())


def measure(args: list[str], *, env: dict | None = None, stdout=subprocess.DEVNULL) -> dict:
    """Run a command; its CPU (all processes it waited for), wall time and peak memory."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(args, stdout=stdout, stderr=errors,
                                   env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            errors.seek(0)
            raise RuntimeError(f"{' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall,
            "peak_mb": usage.ru_maxrss / 1024}


def tokenizer_rate(path: Path) -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    tokenizer = spacy.blank("de").tokenizer
    started = time.process_time()
    for text in texts:
        tokenizer(text)
    cpu = time.process_time() - started
    words = sum(len(t.split()) for t in texts)
    return {"cpu": cpu, "words": words, "words_per_cpu_s": words / cpu}


def ingest(corpus: Path, workdir: Path, name: str, *extra: str, cache: Path) -> dict:
    db = workdir / f"{name}.db"
    db.unlink(missing_ok=True)
    result = measure([CLI, "ingest", str(corpus), "--db", str(db), "--quiet", *extra],
                     env={"NEWSLEDGER_CACHE_DIR": str(cache)})
    result["db"] = str(db)
    return result


def median_of(runs: list[dict]) -> dict:
    return {key: statistics.median(r[key] for r in runs) for key in ("cpu", "wall", "peak_mb")}


def part_base(args, workdir: Path, cache: Path) -> dict:
    words = words_of(args.corpus)
    out: dict = {"words": words, "tokenizer": tokenizer_rate(args.corpus)}
    shutil.rmtree(cache, ignore_errors=True)
    out["ingest_cold"] = ingest(args.corpus, workdir, "cold", "--workers", "1", cache=cache)
    out["ingest_warm"] = median_of([ingest(args.corpus, workdir, f"warm{i}", "--workers", "1",
                                           cache=cache) for i in range(args.runs)])
    runs, identical = [], []
    for i in range(args.runs):
        target = workdir / f"extract{i}.jsonl"
        with target.open("wb") as sink:
            runs.append(measure([CLI, "extract", str(args.corpus), "--workers", "1", "--quiet",
                                 "--format", "jsonl"], env={"NEWSLEDGER_CACHE_DIR": str(cache)},
                                stdout=sink))
        if args.reference:
            identical.append(target.read_bytes() == Path(args.reference).read_bytes())
    out["extract_warm"] = median_of(runs)
    out["extract_identical_to_reference"] = identical or None
    for key in ("ingest_cold", "ingest_warm", "extract_warm"):
        out[key]["words_per_cpu_s"] = words / out[key]["cpu"]
    out["tokenizer_ratio"] = out["ingest_warm"]["words_per_cpu_s"] / out["tokenizer"]["words_per_cpu_s"]
    out["extract_over_ingest_cpu"] = out["extract_warm"]["cpu"] / out["ingest_warm"]["cpu"]
    return out


def ledger_dump(db: str) -> str:
    return subprocess.run([CLI, "claims", "--db", db, "--format", "jsonl"], capture_output=True,
                          text=True, check=True).stdout + subprocess.run(
        [CLI, "story", "--db", db], capture_output=True, text=True, check=True).stdout


def part_workers(args, workdir: Path, cache: Path) -> dict:
    words = words_of(args.corpus)
    ingest(args.corpus, workdir, "fill", "--workers", "1", cache=cache)  # fill the word-form cache
    out = {}
    for n in (1, 2):
        runs = [ingest(args.corpus, workdir, f"w{n}_{i}", "--workers", str(n), cache=cache)
                for i in range(args.worker_runs)]
        out[f"workers_{n}"] = {**median_of(runs), "words_per_wall_s": words / median_of(runs)["wall"],
                               "db": runs[0]["db"]}
    out["speedup"] = out["workers_1"]["wall"] / out["workers_2"]["wall"]
    out["same_ledger"] = ledger_dump(out["workers_1"]["db"]) == ledger_dump(out["workers_2"]["db"])
    return out


# -- a larger corpus that tests linking, not copy detection ----------------------------

_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_CAPITALISED = re.compile(r"(?<=[a-zäöüß,;:] )[A-ZÄÖÜ][a-zäöüß]{3,}\b")


def variant(record: dict, k: int, vocabulary: list[str]) -> dict:
    """The k-th variant of an article: every figure scaled, every capitalised word after a
    lower-case word (names and nouns mid-sentence) swapped for another from the corpus
    (word forms the word-form cache knows: the variant costs what a new article costs,
    not what a new language costs), and the date moved by k weeks. Enough words change
    that a variant is no copy of its original (the linker's copy test), which the run reports."""
    rng = random.Random(f"{record['id']}/{k}")
    swap = {}

    def name(match: re.Match) -> str:
        word = match.group()
        if word not in swap:
            swap[word] = rng.choice(vocabulary)
        return swap[word]

    def figure(match: re.Match) -> str:
        number = match.group()
        return number if len(number) == 4 and number.startswith(("19", "20")) else str(
            int(float(number.replace(",", ".")) * (k + 2)) + k)

    text = _CAPITALISED.sub(name, _NUMBER.sub(figure, record["text"]))
    out = {**record, "id": f"{record['id']}-v{k}", "text": text}
    if record.get("published"):
        year, month, day = (int(x) for x in record["published"][:10].split("-"))
        moved = time.gmtime(time.mktime((year, month, day, 12, 0, 0, 0, 0, 0)) + k * 7 * 86400)
        out["published"] = time.strftime("%Y-%m-%d", moved)
    return out


def build_corpus(source: Path, target: Path, articles: int) -> Path:
    records = [json.loads(line) for line in source.open(encoding="utf-8") if line.strip()]
    vocabulary = sorted({w for r in records for w in _CAPITALISED.findall(r["text"])})
    with target.open("w", encoding="utf-8") as out:
        for i in range(articles):
            record = records[i % len(records)]
            k = i // len(records)
            out.write(json.dumps(variant(record, k, vocabulary), ensure_ascii=False) + "\n")
    return target


def copies_found(db: str) -> int:
    sys.path.insert(0, str(REPO / "src"))
    from newsledger.store import open_ledger

    with open_ledger(f"sqlite:///{db}", create=False) as ledger:
        return sum(len(s.duplicates) for s in ledger.stories())


def part_scale(args, workdir: Path, cache: Path) -> dict:
    out = {}
    for n in args.scale:
        corpus = build_corpus(args.corpus, workdir / f"scale{n}.jsonl", n)
        run = ingest(corpus, workdir, f"scale{n}", "--workers", "2", cache=cache)
        out[str(n)] = {**run, "ms_cpu_per_article": 1000 * run["cpu"] / n,
                       "ms_wall_per_article": 1000 * run["wall"] / n,
                       "copies": copies_found(run["db"]), "words": words_of(corpus)}
    return out


def part_ray(args, workdir: Path, cache: Path) -> dict:
    port = _free_port()
    head = subprocess.Popen(
        [str(BIN / "ray"), "start", "--head", "--block", "--node-ip-address", "127.0.0.1",
         "--port", str(port), "--num-cpus", "2", "--include-dashboard", "false",
         "--disable-usage-stats"], env={**os.environ, "NEWSLEDGER_CACHE_DIR": str(cache)},
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port)
        words = words_of(args.corpus)
        ray = ingest(args.corpus, workdir, "ray", "--ray", f"127.0.0.1:{port}", cache=cache)
        local = ingest(args.corpus, workdir, "local2", "--workers", "2", cache=cache)
    finally:
        os.killpg(head.pid, signal.SIGTERM)
        head.wait(timeout=120)
    return {"ray": {**ray, "words_per_wall_s": words / ray["wall"]},
            "workers_2": {**local, "words_per_wall_s": words / local["wall"]},
            "same_ledger": ledger_dump(ray["db"]) == ledger_dump(local["db"])}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(f"no Ray head on port {port}")


PARTS = {"base": part_base, "workers": part_workers, "scale": part_scale, "ray": part_ray}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parts", default="base,workers,scale,ray")
    parser.add_argument("--corpus", type=Path, default=NEWS, help="JSON Lines to measure on")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure in 'base'")
    parser.add_argument("--worker-runs", type=int, default=3, help="runs per figure in 'workers'")
    parser.add_argument("--scale", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--reference", help="extract output to compare byte for byte")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    parser.add_argument("--workdir", type=Path, help="keep ledgers and corpora here")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus} is absent: nothing to measure")
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-real-"))
    workdir.mkdir(parents=True, exist_ok=True)
    cache = workdir / "cache"
    figures = {}
    for part in args.parts.split(","):
        figures[part] = PARTS[part](args, workdir, cache)
        print(json.dumps({part: figures[part]}, indent=1), flush=True)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
