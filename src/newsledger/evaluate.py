"""Scoring exactly as ``GUIDELINES.md`` "How accuracy is scored" defines it.

Pure functions over plain dicts (the JSON lines of gold and prediction files):

* :func:`score_claims` — figure and claim P/R/F1, polarity / qualifier / ``when`` accuracy;
* :func:`score_groups` — B-cubed P/R/F1 of predicted ``group`` against gold ``slot``, and
  canonical-name consistency of recurring speakers;
* :func:`score_quotes` — quote content and attribution P/R/F1 (quotes-de-news gold);
* :func:`score_times` — strict / relaxed / value P/R/F1 of time expressions (KRAUTS gold).

Gold claims use the annotation format of ``seeds.claims.jsonl`` (``doc``, ``value_low``,
``value_high``, ``qualifier``, ``speaker``, ``speaker_canonical``, ``slot``, …). Predictions
use the output contract (``article``, ``speaker`` {text, start, end, name[, named]}, ``value``
{low, high, qualifier, unit}, ``group``, …); a prediction in the gold format is accepted too.

Every score is a dict of plain numbers and lists, ready for JSON or a table; the library never
prints.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Any

from rapidfuzz.fuzz import ratio

from newsledger.errors import EvalError
from newsledger.lexicons import entries

# GUIDELINES: "a close spelling variant (similarity >= 0.8)"; rapidfuzz's ratio is 0..100.
SPELLING_SIMILARITY = 80.0
# Values are compared as numbers: 33.33 (gold for "ein Drittel") must equal a predicted
# 33.333…, while 3000 and 3001 must differ.
VALUE_REL_TOL = 1e-4
VALUE_ABS_TOL = 0.005
_ADJECTIVE_ENDINGS = ("en", "er", "es", "em", "e")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
GOLD_QUOTE_TYPES = ("Direct", "Indirect", "Reported", "FreeIndirect", "IndirectFreeIndirect")
KIND_TO_TYPE = {
    "direct": "Direct",
    "indirect": "Indirect",
    "reported": "Reported",
    "free_indirect": "FreeIndirect",
}


# ---------------------------------------------------------------------------------------
# Files


def load_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSONL file, one a line (blank lines skipped).

    Raises :class:`EvalError` naming ``file:line`` for a line that is not a JSON object.
    """
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: cannot read the file as UTF-8 JSONL: {exc}") from exc
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            records.append(_parse_line(line, f"{path}:{number}"))
    return records


def _parse_line(line: str, origin: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvalError(
            f"{origin}: expected one JSON object a line, found invalid JSON ({exc.msg} at "
            f"column {exc.colno}); fix or remove the line"
        ) from exc
    if not isinstance(record, dict):
        raise EvalError(
            f"{origin}: expected a JSON object, found {type(record).__name__}; "
            "each line must be one record"
        )
    return record


# ---------------------------------------------------------------------------------------
# Shared arithmetic


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    """Precision, recall and F1 of ``tp`` matches among ``n_pred`` predictions and ``n_gold``
    gold items (an empty side scores 0, never divides by zero)."""
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": n_pred - tp,
        "fn": n_gold - tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def _accuracy(hits: int, total: int) -> dict[str, float | int | None]:
    return {"correct": hits, "total": total, "accuracy": hits / total if total else None}


# ---------------------------------------------------------------------------------------
# Claims: normalised records


@dataclass(frozen=True)
class _Claim:
    """A gold or predicted claim reduced to what scoring compares."""

    index: int  # position in the input list
    article: str
    low: float
    high: float
    qualifier: str | None
    has_speaker: bool  # False: no speaker, or one marked "named": false
    speaker_words: frozenset[str]
    speaker_label: str | None  # for debug output and canonical consistency
    polarity: str | None
    when: str | None
    group: str | None  # gold slot or predicted group
    sentence: str | None


def _gold_claim(index: int, record: Mapping[str, Any], origin: str) -> _Claim:
    article = _require(record, "doc", origin)
    speaker = record.get("speaker")
    canonical = record.get("speaker_canonical")
    named = speaker is not None or canonical is not None
    words = _speaker_words(speaker, canonical) if named else frozenset()
    return _Claim(
        index=index,
        article=str(article),
        low=_number(_require(record, "value_low", origin), origin, "value_low"),
        high=_number(_require(record, "value_high", origin), origin, "value_high"),
        qualifier=record.get("qualifier"),
        has_speaker=named,
        speaker_words=words,
        speaker_label=canonical or speaker,
        polarity=record.get("polarity"),
        when=record.get("when"),
        group=record.get("slot"),
        sentence=record.get("sentence"),
    )


def _pred_claim(index: int, record: Mapping[str, Any], origin: str) -> _Claim:
    if "value" not in record and "value_low" in record:  # a prediction in the gold format
        return _gold_claim(index, {**record, "doc": record.get("article", record.get("doc"))},
                           origin)
    article = _require(record, "article", origin)
    value = _require(record, "value", origin)
    if not isinstance(value, Mapping):
        raise EvalError(f"{origin}: expected 'value' to be an object {{low, high, qualifier}}, "
                        f"found {value!r}")
    named, words, label = _pred_speaker(record.get("speaker"))
    return _Claim(
        index=index,
        article=str(article),
        low=_number(_require(value, "low", origin), origin, "value.low"),
        high=_number(_require(value, "high", origin), origin, "value.high"),
        qualifier=value.get("qualifier"),
        has_speaker=named,
        speaker_words=words,
        speaker_label=label,
        polarity=record.get("polarity"),
        when=record.get("when"),
        group=record.get("group"),
        sentence=_first_sentence(record.get("evidence")),
    )


def _pred_speaker(speaker: Any) -> tuple[bool, frozenset[str], str | None]:
    """(named, comparable words, label) of a contract speaker; ``"named": false`` is no one."""
    if isinstance(speaker, str):  # a bare name, as hand-made prediction files give it
        speaker = {"text": speaker}
    if not isinstance(speaker, Mapping) or speaker.get("named", True) is False:
        return False, frozenset(), None
    name, text = speaker.get("name"), speaker.get("text")
    return True, _speaker_words(name, text), name or text


def _first_sentence(evidence: Any) -> str | None:
    if isinstance(evidence, list) and evidence and isinstance(evidence[0], Mapping):
        return evidence[0].get("sentence")
    return None


def _require(record: Mapping[str, Any], key: str, origin: str) -> Any:
    if key not in record:
        raise EvalError(f"{origin}: expected a field {key!r}, found only {sorted(record)}")
    return record[key]


def _number(value: Any, origin: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise EvalError(f"{origin}: expected {key} to be a number, found {value!r}")
    return float(value)


# ---------------------------------------------------------------------------------------
# Speakers


def _speaker_words(*names: str | None) -> frozenset[str]:
    """The comparable words of speaker strings: lowercased, without stop words.

    Hyphenated compounds stay one word so that 'US-Regierung' does not match
    'US-Verteidigungsministerium' through 'US'.
    """
    stop = _stopwords()
    words = set()
    for name in names:
        for word in _WORD.findall(name or ""):
            word = word.lower()
            if len(word) > 1 and not _is_stopword(word, stop):
                words.add(word)
    return frozenset(words)


def _stopwords() -> frozenset[str]:
    return frozenset(word.lower() for word in entries("speaker_stopwords"))


def _is_stopword(word: str, stop: frozenset[str]) -> bool:
    if word in stop:
        return True
    return any(word.endswith(end) and word[: -len(end)] in stop for end in _ADJECTIVE_ENDINGS)


def speaker_matches(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    """Whether a predicted claim's speaker matches a gold claim's (records as in the files):
    both without a speaker (a predicted ``"named": false`` counts as none), or a word of the
    predicted ``name``/``text`` equal or close to a word of the gold ``speaker``/
    ``speaker_canonical``, ignoring the ``speaker_stopwords`` lexicon."""
    stub = {"value_low": 0, "value_high": 0}
    return _same_speaker(
        _gold_claim(0, {"doc": "", **stub, **gold}, "gold"),
        _pred_claim(0, {"article": "", "value": {"low": 0, "high": 0}, **pred}, "prediction"),
    )


def _same_speaker(gold: _Claim, pred: _Claim) -> bool:
    if not gold.has_speaker or not pred.has_speaker:
        return not gold.has_speaker and not pred.has_speaker
    return words_match(gold.speaker_words, pred.speaker_words)


def words_match(gold_words: Iterable[str], pred_words: Iterable[str]) -> bool:
    """A predicted word equals or is a close spelling variant (rapidfuzz ratio >= 0.8) of a
    gold word. A speaker whose words are all stop words ('der Präsident') matches nothing."""
    pred_words = list(pred_words)
    return any(
        g == p or ratio(g, p) >= SPELLING_SIMILARITY for g in gold_words for p in pred_words
    )


# ---------------------------------------------------------------------------------------
# Claims: matching


def _same_value(a: _Claim, b: _Claim) -> bool:
    return all(
        math.isclose(x, y, rel_tol=VALUE_REL_TOL, abs_tol=VALUE_ABS_TOL)
        for x, y in ((a.low, b.low), (a.high, b.high))
    )


def _claim_matches(gold: _Claim, pred: _Claim) -> bool:
    return gold.qualifier == pred.qualifier and _same_speaker(gold, pred)


def _match_article(gold: list[_Claim], pred: list[_Claim]) -> list[tuple[_Claim, _Claim]]:
    """One-to-one pairs of same-value claims, with as many full claim matches as possible.

    For each value every gold-pred pair is a figure match, so the number of figure matches is
    fixed (the smaller side); within it a maximum bipartite matching on the claim-compatible
    pairs maximises claim matches, and the rest are paired preferring equal qualifier, then
    matching speaker.
    """
    pairs = _max_matching(gold, pred, lambda g, p: _same_value(g, p) and _claim_matches(g, p))
    used_gold = {g.index for g, _ in pairs}
    used_pred = {p.index for _, p in pairs}
    rest = [
        (g, p)
        for g in gold
        if g.index not in used_gold
        for p in pred
        if p.index not in used_pred and _same_value(g, p)
    ]
    rest.sort(key=lambda gp: (gp[0].qualifier != gp[1].qualifier,
                              not _same_speaker(gp[0], gp[1]),
                              gp[0].index, gp[1].index))
    for g, p in rest:
        if g.index not in used_gold and p.index not in used_pred:
            pairs.append((g, p))
            used_gold.add(g.index)
            used_pred.add(p.index)
    return pairs


def _max_matching(gold: list[_Claim], pred: list[_Claim], fits) -> list[tuple[_Claim, _Claim]]:
    """Maximum bipartite matching (Kuhn's augmenting paths; articles hold few claims)."""
    owner: dict[int, _Claim] = {}  # pred index -> gold claim
    by_index = {p.index: p for p in pred}

    def augment(g: _Claim, seen: set[int]) -> bool:
        for p in pred:
            if p.index in seen or not fits(g, p):
                continue
            seen.add(p.index)
            if p.index not in owner or augment(owner[p.index], seen):
                owner[p.index] = g
                return True
        return False

    for g in gold:
        augment(g, set())
    return [(g, by_index[i]) for i, g in owner.items()]


def _resolve_articles(gold_ids: Iterable[str], pred: list[_Claim]) -> list[_Claim]:
    """Map predicted article ids onto gold ids that differ only by a file extension or folder
    ('000_x' or 'seeds/000_x.txt' for gold '000_x.txt'), so a run over plain-text files scores."""
    known = set(gold_ids)
    by_stem = {PurePath(i).stem: i for i in known}
    out = []
    for claim in pred:
        if claim.article not in known:
            stem = PurePath(claim.article).stem
            if stem in by_stem:
                claim = _replace_article(claim, by_stem[stem])
        out.append(claim)
    return out


def _replace_article(claim: _Claim, article: str) -> _Claim:
    return replace(claim, article=article)


def _by_article(claims: Iterable[_Claim]) -> dict[str, list[_Claim]]:
    grouped: dict[str, list[_Claim]] = defaultdict(list)
    for claim in claims:
        grouped[claim.article].append(claim)
    return grouped


def _normalise(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]],
               articles: Iterable[str] | None) -> tuple[list[_Claim], list[_Claim]]:
    gold_claims = [_gold_claim(i, r, f"gold record {i + 1}") for i, r in enumerate(gold)]
    pred_claims = [_pred_claim(i, r, f"prediction {i + 1}") for i, r in enumerate(pred)]
    pred_claims = _resolve_articles({c.article for c in gold_claims}, pred_claims)
    if articles is not None:
        keep = set(articles)
        gold_claims = [c for c in gold_claims if c.article in keep]
        pred_claims = [c for c in pred_claims if c.article in keep]
    return gold_claims, pred_claims


def _all_pairs(gold: list[_Claim], pred: list[_Claim]) -> list[tuple[_Claim, _Claim]]:
    gold_by, pred_by = _by_article(gold), _by_article(pred)
    pairs = []
    for article in sorted(set(gold_by) | set(pred_by)):
        pairs.extend(_match_article(gold_by.get(article, []), pred_by.get(article, [])))
    return pairs


# ---------------------------------------------------------------------------------------
# Claims: scores


def score_claims(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    *,
    articles: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Figure and claim P/R/F1 and attribute accuracies (GUIDELINES "How accuracy is scored").

    * figure: a gold claim is found when a predicted claim of the same article has the same
      ``value_low``/``value_high`` (one-to-one; values equal within 0.005 or 0.01 %);
    * claim: a found figure whose speaker matches (:func:`speaker_matches`) and whose
      qualifier is equal;
    * ``speaker``, ``polarity``, ``qualifier``, ``when`` accuracy over found figures (``speaker``:
      :func:`speaker_matches`, so a null gold speaker with a null prediction is right); ``when`` is correct when
      the prediction starts with the gold value, and gold claims without ``when`` are left out
      of its total.

    ``articles`` restricts scoring to those article ids; by default every article that has a
    gold or a predicted claim counts (predictions for an article without gold are spurious).

    Returns ``{"figures": prf, "claims": prf, "speaker": acc, "polarity": acc, "qualifier": acc, "when": acc,
    "articles": {id: {"missed": [...], "spurious": [...]}}}`` where ``missed`` lists gold claims
    not matched as claims (``reason`` "figure", "speaker", "qualifier") and ``spurious`` the
    predictions not matched as claims.
    """
    gold_claims, pred_claims = _normalise(gold, pred, articles)
    pairs = _all_pairs(gold_claims, pred_claims)
    full = [(g, p) for g, p in pairs if _claim_matches(g, p)]
    return {
        "figures": prf(len(pairs), len(pred_claims), len(gold_claims)),
        "claims": prf(len(full), len(pred_claims), len(gold_claims)),
        "speaker": _accuracy(sum(_same_speaker(g, p) for g, p in pairs), len(pairs)),
        "polarity": _accuracy(sum(g.polarity == p.polarity for g, p in pairs), len(pairs)),
        "qualifier": _accuracy(sum(g.qualifier == p.qualifier for g, p in pairs), len(pairs)),
        "when": _when_accuracy(pairs),
        "articles": _details(gold_claims, pred_claims, pairs, full),
    }


def found_pairs(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    *,
    articles: Iterable[str] | None = None,
) -> list[tuple[int, int]]:
    """(gold index, prediction index) of every found figure, paired as :func:`score_claims`
    pairs them: what speaker accuracy is measured over."""
    gold_claims, pred_claims = _normalise(gold, pred, articles)
    return [(g.index, p.index) for g, p in _all_pairs(gold_claims, pred_claims)]


def _when_accuracy(pairs: list[tuple[_Claim, _Claim]]) -> dict[str, Any]:
    dated = [(g, p) for g, p in pairs if g.when]
    hits = sum(str(p.when or "").startswith(str(g.when)) for g, p in dated)
    return _accuracy(hits, len(dated))


def _details(gold: list[_Claim], pred: list[_Claim], pairs: list[tuple[_Claim, _Claim]],
             full: list[tuple[_Claim, _Claim]]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Per article: gold claims not matched as claims, and predictions not matched as claims."""
    figure_partner = {g.index: p for g, p in pairs}
    full_gold = {g.index for g, _ in full}
    full_pred = {p.index for _, p in full}
    out: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(
        lambda: {"missed": [], "spurious": []}
    )
    for g in gold:
        if g.index not in full_gold:
            entry = _describe(g)
            entry["reason"] = _miss_reason(g, figure_partner.get(g.index))
            out[g.article]["missed"].append(entry)
    for p in pred:
        if p.index not in full_pred:
            out[p.article]["spurious"].append(_describe(p))
    return dict(out)


def _miss_reason(gold: _Claim, partner: _Claim | None) -> str:
    if partner is None:
        return "figure"
    if not _same_speaker(gold, partner):
        return f"speaker (predicted {partner.speaker_label!r})"
    return f"qualifier (predicted {partner.qualifier!r})"


def _describe(claim: _Claim) -> dict[str, Any]:
    return {
        "index": claim.index,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "speaker": claim.speaker_label,
        "sentence": claim.sentence,
    }


# ---------------------------------------------------------------------------------------
# Groups


def score_groups(
    gold: Sequence[Mapping[str, Any]],
    pred: Sequence[Mapping[str, Any]],
    *,
    articles: Iterable[str] | None = None,
) -> dict[str, Any]:
    """B-cubed P/R/F1 of predicted ``group`` against gold ``slot``, and canonical consistency.

    Items are the found figures: the one-to-one (gold, predicted) pairs of
    :func:`score_claims`. Unmatched gold claims and unmatched predictions are left out (they
    are already counted as misses / false positives by the figure score). A pair whose
    prediction has no ``group`` (or gold no ``slot``) forms a cluster of its own on that side.
    For each item, precision = |same predicted group ∩ same gold slot| / |same predicted
    group| and recall = |…| / |same gold slot|, averaged over items.

    Canonical consistency: for every recurring speaker (a gold ``speaker_canonical`` that
    appears in two or more articles), take its found figures whose predicted speaker matches;
    the share of those carrying the speaker's most common predicted name (``name``, else
    ``text``), pooled over speakers.
    """
    gold_claims, pred_claims = _normalise(gold, pred, articles)
    pairs = _all_pairs(gold_claims, pred_claims)
    result = dict(_bcubed(pairs))
    result["items"] = len(pairs)
    result["canonical_consistency"] = _canonical_consistency(gold, pairs)
    return result


def _bcubed(pairs: list[tuple[_Claim, _Claim]]) -> dict[str, float]:
    gold_cluster = _clusters([g.group for g, _ in pairs])
    pred_cluster = _clusters([p.group for _, p in pairs])
    if not pairs:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    members_gold: dict[Any, set[int]] = defaultdict(set)
    members_pred: dict[Any, set[int]] = defaultdict(set)
    for item, (gc, pc) in enumerate(zip(gold_cluster, pred_cluster)):
        members_gold[gc].add(item)
        members_pred[pc].add(item)
    precision = recall = 0.0
    for item, (gc, pc) in enumerate(zip(gold_cluster, pred_cluster)):
        common = len(members_gold[gc] & members_pred[pc])
        precision += common / len(members_pred[pc])
        recall += common / len(members_gold[gc])
    precision, recall = precision / len(pairs), recall / len(pairs)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _clusters(labels: list[str | None]) -> list[Any]:
    """Cluster keys; a missing label gets a key of its own (a singleton cluster)."""
    return [label if label is not None else ("singleton", i) for i, label in enumerate(labels)]


def _canonical_consistency(gold: Sequence[Mapping[str, Any]],
                           pairs: list[tuple[_Claim, _Claim]]) -> dict[str, Any]:
    canonical = {i: r.get("speaker_canonical") for i, r in enumerate(gold)}
    seen_in: dict[str, set[str]] = defaultdict(set)
    for record in gold:
        if record.get("speaker_canonical"):
            seen_in[record["speaker_canonical"]].add(str(record.get("doc")))
    recurring = {name for name, docs in seen_in.items() if len(docs) >= 2}
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for g, p in pairs:
        name = canonical.get(g.index)
        if name in recurring and p.has_speaker and _same_speaker(g, p):
            names[name][p.speaker_label or ""] += 1
    consistent = sum(c.most_common(1)[0][1] for c in names.values())
    total = sum(sum(c.values()) for c in names.values())
    return {
        "consistent": consistent,
        "total": total,
        "share": consistent / total if total else None,
        "speakers": {name: dict(c) for name, c in sorted(names.items())},
    }


# ---------------------------------------------------------------------------------------
# Span overlap (quotes and times)

Spans = tuple[tuple[int, int], ...]


def _overlap(a: Spans, b: Spans) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def _length(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def _greedy_pairs(gold: list[Spans], pred: list[Spans], fits) -> list[tuple[int, int]]:
    """One-to-one pairs of (gold, pred) indices, largest overlap first, among the pairs for
    which ``fits(gold_spans, pred_spans)`` holds (ties: earlier gold, then earlier pred)."""
    candidates = [
        (_overlap(g, p), gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if fits(g, p)
    ]
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            pairs.append((gi, pi))
            used_gold.add(gi)
            used_pred.add(pi)
    return pairs


# ---------------------------------------------------------------------------------------
# Quotes


def score_quotes(
    gold_articles: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Quote content and attribution scores against quotes-de-news gold articles.

    A predicted quote matches a gold quote of the same article when their content spans
    overlap by at least half of the shorter one (gold spans may be discontinuous: lengths and
    overlaps are summed over the pieces); pairs are made one-to-one, largest overlap first. A
    match is attributed correctly when the predicted speaker span overlaps a gold speaker span,
    or neither has a speaker. Only articles of ``gold_articles`` are scored.

    Returns ``{"content": prf, "attributed": prf, "by_type": {type: {"gold", "found",
    "recall", "predicted", "precision", "f1"}}, "kind": acc}``; by-type precision counts
    predictions whose ``kind`` maps to that type (None where no kind maps to it).
    """
    gold_by = {str(_require(a, "id", "gold article")): a.get("quotes") or [] for a in gold_articles}
    pred_by: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for i, quote in enumerate(pred):
        article = str(_require(quote, "article", f"prediction {i + 1}"))
        if article in gold_by:
            pred_by[article].append(quote)
    counts: Counter[str] = Counter()
    by_type: dict[str, Counter[str]] = defaultdict(Counter)
    for article, gold_quotes in gold_by.items():
        _score_article_quotes(article, gold_quotes, pred_by.get(article, []), counts, by_type)
    n_pred = sum(len(q) for q in pred_by.values())
    n_gold = sum(len(q) for q in gold_by.values())
    return {
        "content": prf(counts["matched"], n_pred, n_gold),
        "attributed": prf(counts["attributed"], n_pred, n_gold),
        "by_type": _by_type_scores(by_type),
        "kind": _accuracy(counts["kind"], counts["matched"]),
    }


def _score_article_quotes(article: str, gold: list[Mapping[str, Any]],
                          pred: list[Mapping[str, Any]], counts: Counter[str],
                          by_type: dict[str, Counter[str]]) -> None:
    origin = f"gold article {article}"
    gold_content = [_gold_spans(q.get("content"), origin) for q in gold]
    pred_content = [_pred_spans(q.get("content"), f"prediction for {article}") for q in pred]
    pairs = _greedy_pairs(gold_content, pred_content, _half_overlap)
    for q in gold:
        by_type[str(q.get("type"))]["gold"] += 1
    for q in pred:
        by_type[KIND_TO_TYPE.get(str(q.get("kind")), str(q.get("kind")))]["predicted"] += 1
    for gi, pi in pairs:
        gold_type = str(gold[gi].get("type"))
        kind_type = KIND_TO_TYPE.get(str(pred[pi].get("kind")))
        counts["matched"] += 1
        counts["kind"] += _kind_agrees(kind_type, gold_type)
        counts["attributed"] += _speakers_agree(gold[gi], pred[pi], article)
        by_type[gold_type]["found"] += 1
        if kind_type is not None:
            by_type[kind_type]["correct_kind"] += kind_type == gold_type
            by_type[kind_type]["predicted_matched"] += 1


def _kind_agrees(kind_type: str | None, gold_type: str) -> bool:
    # The corpus's mixed type IndirectFreeIndirect is right as either of its parts.
    if gold_type == "IndirectFreeIndirect":
        return kind_type in ("Indirect", "FreeIndirect")
    return kind_type == gold_type


def _half_overlap(gold: Spans, pred: Spans) -> bool:
    shorter = min(_length(gold), _length(pred))
    return shorter > 0 and _overlap(gold, pred) * 2 >= shorter


def _speakers_agree(gold: Mapping[str, Any], pred: Mapping[str, Any], article: str) -> bool:
    gold_speaker, pred_speaker = gold.get("speaker"), pred.get("speaker")
    if not gold_speaker or not pred_speaker:
        return not gold_speaker and not pred_speaker
    gold_spans = _gold_spans(gold_speaker, f"gold article {article}")
    pred_spans = _pred_spans(pred_speaker, f"prediction for {article}")
    return _overlap(gold_spans, pred_spans) > 0


def _gold_spans(part: Any, origin: str) -> Spans:
    if not isinstance(part, Mapping) or "spans" not in part:
        raise EvalError(f"{origin}: expected a quote part {{text, spans}}, found {part!r}")
    return tuple((int(s), int(e)) for s, e in part["spans"])


def _pred_spans(part: Any, origin: str) -> Spans:
    if isinstance(part, Mapping) and "spans" in part:
        return _gold_spans(part, origin)
    if not isinstance(part, Mapping) or "start" not in part or "end" not in part:
        raise EvalError(f"{origin}: expected a span {{text, start, end}}, found {part!r}")
    return ((int(part["start"]), int(part["end"])),)


def _by_type_scores(by_type: dict[str, Counter[str]]) -> dict[str, dict[str, Any]]:
    out = {}
    for name in sorted(set(by_type) | set(GOLD_QUOTE_TYPES)):
        c = by_type.get(name, Counter())
        if not c["gold"] and not c["predicted"]:
            continue
        recall = c["found"] / c["gold"] if c["gold"] else None
        mapped = name in KIND_TO_TYPE.values()
        precision = c["predicted_matched"] / c["predicted"] if mapped and c["predicted"] else None
        f1 = None
        if recall is not None and precision is not None:
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[name] = {
            "gold": c["gold"],
            "found": c["found"],
            "recall": recall,
            "predicted": c["predicted"],
            "precision": precision,
            "f1": f1,
        }
    return out


# ---------------------------------------------------------------------------------------
# Times


def times_from_articles(articles: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Time records in the output-contract form from articles carrying a ``timex`` list
    (the KRAUTS gold or HeidelTime files), so either can be scored as a prediction."""
    out = []
    for article in articles:
        article_id = str(_require(article, "id", "article"))
        for timex in article.get("timex") or []:
            out.append({"article": article_id, **{k: timex.get(k) for k in
                        ("start", "end", "text", "type", "value")}})
    return out


def score_times(
    gold_articles: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
) -> dict[str, Any]:
    """Strict (same span), relaxed (overlapping span) and value (relaxed and same TIMEX3 value)
    P/R/F1 of time expressions. Pairs are one-to-one, largest overlap first; the value score
    counts the relaxed pairs whose values are equal. Only articles of ``gold_articles`` are
    scored. ``pred`` is contract time records, or articles carrying ``timex`` lists (a
    HeidelTime file), which are converted by :func:`times_from_articles`."""
    if pred and all("timex" in record for record in pred):
        pred = times_from_articles(pred)
    gold = times_from_articles(gold_articles)
    articles = {str(a["id"]) for a in gold_articles}
    pred = [t for t in pred if str(_require(t, "article", "prediction")) in articles]
    counts: Counter[str] = Counter()
    gold_by, pred_by = _group_times(gold), _group_times(pred)
    for article in articles:
        _score_article_times(gold_by.get(article, []), pred_by.get(article, []), counts)
    return {
        kind: prf(counts[kind], len(pred), len(gold)) for kind in ("strict", "relaxed", "value")
    }


def _group_times(times: Sequence[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    grouped: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for t in times:
        grouped[str(t["article"])].append(t)
    return grouped


def _score_article_times(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]],
                         counts: Counter[str]) -> None:
    gold_spans = [_time_span(t) for t in gold]
    pred_spans = [_time_span(t) for t in pred]
    counts["strict"] += len(_greedy_pairs(gold_spans, pred_spans, lambda g, p: g == p))
    relaxed = _greedy_pairs(gold_spans, pred_spans, lambda g, p: _overlap(g, p) > 0)
    counts["relaxed"] += len(relaxed)
    counts["value"] += sum(gold[gi].get("value") == pred[pi].get("value") for gi, pi in relaxed)


def _time_span(record: Mapping[str, Any]) -> Spans:
    try:
        return ((int(record["start"]), int(record["end"])),)
    except (KeyError, TypeError, ValueError) as exc:
        raise EvalError(f"expected a time record with integer start and end, found "
                        f"{dict(record)!r}") from exc
