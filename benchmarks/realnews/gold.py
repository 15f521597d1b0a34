"""The real-news gold: claims on WikiNews and derStandard articles, TIMEX3 on WikiNews.

The repository keeps only ids, character offsets, values and short labels (no publisher's
sentence); the texts are read from ``../shared`` and the sentences restored on loading.

    python3 benchmarks/realnews/gold.py show BATCH [--first N] [--count K]   print a batch's articles
    python3 benchmarks/realnews/gold.py check SCRATCH.jsonl                   validate annotations
    python3 benchmarks/realnews/gold.py convert SCRATCH.jsonl                 write gold/<name>.jsonl

Annotators write a scratch file outside the repository with verbatim strings (``sentence``,
``figure``, ``speaker`` for claims; ``sentence``, ``text`` for times); ``convert`` turns the
strings into offsets. ``splits.json`` names the batches and the train / dev / test parts.
In code: ``load_claims("dev")`` and ``load_times("test")`` give (articles, gold rows) in the
forms ``newsledger.evaluate`` scores.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
SHARED = HERE.parents[1] / ".." / "shared" / "data"
CORPORA = (SHARED / "quotes-de-news" / "train.jsonl", SHARED / "news-de" / "derstandard-10kgnad-test.jsonl")
# The project's own texts (written for this gold, CC BY 4.0 like the repository): they live here.
OWN = HERE / "own"
QUALIFIERS = {"exact", "about", "at_least", "more_than", "up_to", "less_than", "range"}
POLARITIES = {"asserted", "denied"}
CERTAINTIES = {"confirmed", "reported", "alleged", "estimated", "expected"}
TIMEX_TYPES = {"DATE", "TIME", "DURATION", "SET"}


@cache
def splits() -> dict:
    return json.loads((HERE / "splits.json").read_text(encoding="utf-8"))


@cache
def articles() -> dict[str, dict]:
    """Every article by id: WikiNews train, derStandard, and the project's own texts."""
    out = {}
    for path in (*CORPORA, *sorted(OWN.glob("*.jsonl"))):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                out[doc["id"]] = {k: doc.get(k) for k in ("id", "title", "text", "published", "outlet")}
    return out


# -- scratch (verbatim strings) -> offsets ------------------------------------------------------


def _sentence_span(text: str, sentence: str, where: str) -> tuple[int, int]:
    start = text.find(sentence)
    if start < 0:
        raise ValueError(f"{where}: sentence not found verbatim in the article: {sentence[:80]!r}")
    return start, start + len(sentence)


def _inner_span(text: str, outer: tuple[int, int], needle: str, where: str, nth: int = 0) -> tuple[int, int]:
    start = outer[0] - 1
    for _ in range(nth + 1):
        start = text.find(needle, start + 1, outer[1])
        if start < 0:
            raise ValueError(f"{where}: {needle!r} not found (occurrence {nth}) in its sentence")
    return start, start + len(needle)


def _speaker_span(text: str, speaker: str, near: tuple[int, int], where: str) -> tuple[int, int]:
    """The occurrence of the speaker string nearest to the figure's sentence, preferring one
    inside it, then the closest one before it, then the closest after it."""
    hits, start = [], text.find(speaker)
    while start >= 0:
        hits.append(start)
        start = text.find(speaker, start + 1)
    if not hits:
        raise ValueError(f"{where}: speaker {speaker!r} not found verbatim in the article")
    inside = [h for h in hits if near[0] <= h < near[1]]
    before = [h for h in hits if h < near[0]]
    best = inside[0] if inside else before[-1] if before else hits[0]
    return best, best + len(speaker)


def claim_to_gold(row: dict, where: str) -> dict:
    doc = articles().get(row.get("doc"))
    if doc is None:
        raise ValueError(f"{where}: unknown doc {row.get('doc')!r}")
    text = doc["text"]
    _check_claim_fields(row, where)
    sent = _sentence_span(text, row["sentence"], where)
    figure = _inner_span(text, sent, row["figure"], where, row.get("nth", 0))
    mentions = []
    for m in row.get("mentions") or []:
        msent = _sentence_span(text, m["sentence"], where)
        mfig = _inner_span(text, msent, m["figure"], where, m.get("nth", 0))
        mentions.append([*msent, *mfig])
    speaker = _speaker_span(text, row["speaker"], sent, where) if row.get("speaker") else None
    out = {"doc": row["doc"], "sentence": list(sent), "figure": list(figure), "mentions": mentions,
           "speaker": list(speaker) if speaker else None}
    for key in ("speaker_canonical", "source_chain", "value_low", "value_high", "qualifier", "unit",
                "counted", "slot", "polarity", "certainty", "when", "refers_to"):
        out[key] = row.get(key)
    if row.get("note"):
        out["note"] = str(row["note"])[:240]
    return out


def _check_claim_fields(row: dict, where: str) -> None:
    for key in ("sentence", "figure", "value_low", "value_high", "qualifier", "polarity", "certainty"):
        if row.get(key) in (None, ""):
            raise ValueError(f"{where}: missing {key!r}")
    if not isinstance(row["value_low"], (int, float)) or not isinstance(row["value_high"], (int, float)):
        raise ValueError(f"{where}: value_low / value_high must be numbers")
    if row["value_low"] > row["value_high"]:
        raise ValueError(f"{where}: value_low > value_high")
    for key, allowed in (("qualifier", QUALIFIERS), ("polarity", POLARITIES), ("certainty", CERTAINTIES)):
        if row[key] not in allowed:
            raise ValueError(f"{where}: {key} {row[key]!r} is not one of {sorted(allowed)}")


def time_to_gold(row: dict, where: str) -> dict:
    doc = articles().get(row.get("doc"))
    if doc is None:
        raise ValueError(f"{where}: unknown doc {row.get('doc')!r}")
    for key in ("sentence", "text", "type", "value"):
        if not row.get(key):
            raise ValueError(f"{where}: missing {key!r}")
    if row["type"] not in TIMEX_TYPES:
        raise ValueError(f"{where}: type {row['type']!r} is not one of {sorted(TIMEX_TYPES)}")
    sent = _sentence_span(doc["text"], row["sentence"], where)
    start, end = _inner_span(doc["text"], sent, row["text"], where, row.get("nth", 0))
    return {"doc": row["doc"], "start": start, "end": end, "type": row["type"], "value": row["value"]}


def convert_file(path: Path) -> list[dict]:
    """Offsets-only gold rows of a scratch file; raises ValueError naming file and line."""
    out = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{where}: not JSON ({exc})") from None
            out.append(time_to_gold(row, where) if "type" in row else claim_to_gold(row, where))
    return out


# -- offsets -> rows the scorers take -----------------------------------------------------------


def _hydrate_claim(row: dict) -> dict:
    text = articles()[row["doc"]]["text"]
    s, e = row["sentence"]
    out = dict(row)
    out["sentence"] = text[s:e]
    out["mentions"] = [text[m[0]:m[1]] for m in row.get("mentions") or []]
    out["speaker"] = text[row["speaker"][0]:row["speaker"][1]] if row.get("speaker") else None
    out["figure_text"] = text[row["figure"][0]:row["figure"][1]]
    return out


def _split_ids(kind: str, split: str) -> list[str]:
    parts = splits()["splits"][kind]
    if split == "all":
        return [i for ids in parts.values() for i in ids]
    if split not in parts:
        raise SystemExit(f"no split {split!r} for {kind}; have {sorted(parts)}")
    return parts[split]


def _gold_rows(suffix: str) -> list[dict]:
    rows = []
    for path in sorted(GOLD.glob(f"*.{suffix}.jsonl")):
        rows.extend(json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return rows


def annotated(kind: str) -> set[str]:
    """Article ids an annotator finished (listed in ``<batch>.<kind>.ids``, written by
    ``convert`` from the scratch file's ``.done`` list): an article may have no claim at all."""
    done = set()
    for path in GOLD.glob(f"*.{kind}.ids"):
        done.update(path.read_text(encoding="utf-8").split())
    return done


def load_claims(split: str) -> tuple[list[dict], list[dict]]:
    """(articles as newsledger JSONL records, hydrated gold claims) of one split's annotated part."""
    ids = [i for i in _split_ids("claims", split) if i in annotated("claims")]
    wanted = set(ids)
    gold = [_hydrate_claim(r) for r in _gold_rows("claims") if r["doc"] in wanted]
    return [articles()[i] for i in ids], gold


def load_times(split: str) -> list[dict]:
    """KRAUTS-style documents (id, published, text, timex with text) of one split."""
    ids = [i for i in _split_ids("times", split) if i in annotated("times")]
    by_doc: dict[str, list[dict]] = {i: [] for i in ids}
    for row in _gold_rows("times"):
        if row["doc"] in by_doc:
            text = articles()[row["doc"]]["text"]
            by_doc[row["doc"]].append({**row, "text": text[row["start"]:row["end"]]})
    return [{**articles()[i], "timex": sorted(by_doc[i], key=lambda t: t["start"])} for i in ids]


# -- command line -------------------------------------------------------------------------------


def _show(batch: str, first: int, count: int) -> None:
    ids = splits()["batches"][batch][first:first + count]
    for n, doc_id in enumerate(ids, first):
        doc = articles()[doc_id]
        print(f"===== [{n}] {doc_id}  published: {doc.get('published') or 'none'}  title: {doc.get('title')}")
        print(doc["text"])
        print()


def _finished_ids(scratch: Path, rows: list[dict]) -> list[str]:
    """The ids in the scratch file's ``.done`` list (every annotated row's article must be there)."""
    done_file = scratch.with_suffix(".done")
    if not done_file.exists():
        sys.exit(f"{done_file}: missing; list every finished article id there, one a line")
    finished = list(dict.fromkeys(done_file.read_text(encoding="utf-8").split()))
    unlisted = sorted({r["doc"] for r in rows} - set(finished))
    if unlisted:
        sys.exit(f"{done_file}: annotated but not listed as finished: {', '.join(unlisted)}")
    return finished


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    show = sub.add_parser("show")
    show.add_argument("batch")
    show.add_argument("--first", type=int, default=0)
    show.add_argument("--count", type=int, default=10)
    for name in ("check", "convert"):
        sub.add_parser(name).add_argument("scratch", type=Path)
    args = parser.parse_args()
    if args.command == "show":
        _show(args.batch, args.first, args.count)
        return
    try:
        rows = convert_file(args.scratch)
    except ValueError as exc:
        sys.exit(str(exc))
    kind = "times" if rows and "type" in rows[0] else "claims"
    print(f"{args.scratch}: {len(rows)} {kind} rows, all located in their articles")
    if args.command == "convert":
        GOLD.mkdir(exist_ok=True)
        out = GOLD / f"{args.scratch.stem}.{kind}.jsonl"
        finished = _finished_ids(args.scratch, rows)
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        out.with_suffix(".ids").write_text("".join(i + "\n" for i in finished), encoding="utf-8")
        print(f"wrote {out} ({len(finished)} finished articles)")


if __name__ == "__main__":
    main()
