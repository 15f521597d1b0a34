"""The scorers on tiny hand-built gold and predictions, one metric at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.errors import EvalError
from newsledger.evaluate import (
    load_jsonl,
    prf,
    score_claims,
    score_groups,
    score_quotes,
    score_times,
    speaker_matches,
    times_from_articles,
)

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def gold_claim(low, high=None, *, doc="a1", speaker=None, canonical=None, qualifier="exact",
               polarity="asserted", when="2024-10-23", slot="s1"):
    return {
        "doc": doc, "sentence": "…", "speaker": speaker, "speaker_canonical": canonical,
        "source_chain": [], "value_low": low, "value_high": low if high is None else high,
        "qualifier": qualifier, "counted": "x", "slot": slot, "polarity": polarity,
        "certainty": "reported", "when": when,
    }


def pred_claim(low, high=None, *, article="a1", speaker=None, name=None, named=True,
               qualifier="exact", polarity="asserted", when="2024-10-23", group="g1"):
    spk = None
    if speaker is not None or name is not None:
        spk = {"text": speaker or name, "start": 0, "end": 1, "name": name}
        if not named:
            spk["named"] = False
    return {
        "article": article, "speaker": spk,
        "value": {"low": low, "high": low if high is None else high, "qualifier": qualifier,
                  "unit": "people"},
        "polarity": polarity, "certainty": "reported", "when": when, "group": group,
        "evidence": [{"start": 0, "end": 1, "sentence": "…"}],
    }


# --- load_jsonl ------------------------------------------------------------------------


def test_load_jsonl_skips_blank_lines(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text('{"a": 1}\n\n{"a": 2}\n', "utf-8")
    assert load_jsonl(path) == [{"a": 1}, {"a": 2}]


@pytest.mark.parametrize("bad", ['{"a": 1', "[1, 2]", "plain text"])
def test_load_jsonl_names_file_and_line(tmp_path, bad):
    path = tmp_path / "g.jsonl"
    path.write_text('{"a": 1}\n' + bad + "\n", "utf-8")
    with pytest.raises(EvalError, match=r"g\.jsonl:2"):
        load_jsonl(path)


def test_load_jsonl_missing_file(tmp_path):
    with pytest.raises(EvalError, match="cannot read"):
        load_jsonl(tmp_path / "absent.jsonl")


def test_prf_empty_sides():
    assert prf(0, 0, 0)["f1"] == 0.0
    assert prf(1, 2, 1) == {"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0,
                            "f1": pytest.approx(2 / 3)}


# --- speakers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "gold, pred, expected",
    [
        ({"speaker": None}, {"speaker": None}, True),
        ({"speaker": None}, {"speaker": {"text": "Behörden", "named": False}}, True),
        ({"speaker": "Selenski", "speaker_canonical": "Wolodymyr Selenskyj"},
         {"speaker": {"text": "Selenskyj", "name": None}}, True),
        ({"speaker": "Selenski", "speaker_canonical": None},
         {"speaker": {"text": "der Präsident", "name": "Selenskyj"}}, True),
        ({"speaker": "der ukrainische Präsident", "speaker_canonical": "Wolodymyr Selenskyj"},
         {"speaker": {"text": "der ukrainische Präsident", "name": "Präsident"}}, False),
        ({"speaker": "der ukrainische Präsident", "speaker_canonical": "Wolodymyr Selenskyj"},
         {"speaker": {"text": "Wolodymyr Selenskyj", "name": "Selenskyj"}}, True),
        ({"speaker": "Antony Blinken", "speaker_canonical": "Antony Blinken"},
         {"speaker": None}, False),
        ({"speaker": None}, {"speaker": {"text": "Blinken", "name": "Antony Blinken"}}, False),
        # a named-looking prediction made only of stop words is still a speaker, not null
        ({"speaker": None}, {"speaker": {"text": "der Präsident", "name": None}}, False),
        # hyphenated compounds stay whole: 'US-' alone does not link two authorities
        ({"speaker": "USA", "speaker_canonical": "US-Regierung"},
         {"speaker": {"text": "US-Verteidigungsministerium", "name": None}}, False),
        ({"speaker": "das US-Präsidialamt", "speaker_canonical": "Weißes Haus"},
         {"speaker": {"text": "Weißen Hauses", "name": None}}, True),
        ({"speaker": "Kim Jong Un", "speaker_canonical": "Kim Jong-un"},
         {"speaker": {"text": "Kim", "name": None}}, True),
    ],
)
def test_speaker_matches(gold, pred, expected):
    assert speaker_matches(gold, pred) is expected


# --- claims ----------------------------------------------------------------------------


def test_perfect_prediction():
    gold = [gold_claim(3000, speaker="Pentagon", canonical="Pentagon"), gold_claim(10000)]
    pred = [pred_claim(3000, name="Pentagon"), pred_claim(10000)]
    result = score_claims(gold, pred)
    assert result["figures"]["f1"] == 1.0
    assert result["claims"]["f1"] == 1.0
    assert result["articles"] == {}


def test_one_to_one_figures():
    gold = [gold_claim(3000)]
    pred = [pred_claim(3000), pred_claim(3000, speaker="NIS", name="NIS")]
    result = score_claims(gold, pred)
    assert result["figures"]["tp"] == 1
    assert result["figures"]["fp"] == 1
    # the unattributed prediction is chosen so the claim also matches
    assert result["claims"]["tp"] == 1


def test_assignment_maximises_claim_matches():
    # Greedy in input order would pair gold NIS with pred Pentagon; the best pairing is crossed.
    gold = [gold_claim(3000, speaker="NIS", canonical="NIS"),
            gold_claim(3000, speaker="Pentagon", canonical="Pentagon")]
    pred = [pred_claim(3000, name="Pentagon"), pred_claim(3000, name="NIS")]
    assert score_claims(gold, pred)["claims"]["tp"] == 2


def test_figures_only_within_the_same_article():
    result = score_claims([gold_claim(3000, doc="a1")], [pred_claim(3000, article="a2")])
    assert result["figures"]["tp"] == 0
    assert result["articles"]["a1"]["missed"][0]["reason"] == "figure"
    assert len(result["articles"]["a2"]["spurious"]) == 1


def test_value_needs_both_bounds():
    gold = [gold_claim(200, 999, qualifier="about")]
    assert score_claims(gold, [pred_claim(200, 999, qualifier="about")])["claims"]["tp"] == 1
    assert score_claims(gold, [pred_claim(200, qualifier="about")])["figures"]["tp"] == 0


def test_fraction_values_compare_within_rounding():
    gold = [gold_claim(33.33)]
    assert score_claims(gold, [pred_claim(100 / 3)])["figures"]["tp"] == 1
    assert score_claims([gold_claim(3000)], [pred_claim(3001)])["figures"]["tp"] == 0


def test_qualifier_mismatch_is_a_figure_but_not_a_claim():
    result = score_claims([gold_claim(3000, qualifier="at_least")],
                          [pred_claim(3000, qualifier="exact")])
    assert result["figures"]["tp"] == 1
    assert result["claims"]["tp"] == 0
    assert result["qualifier"]["accuracy"] == 0.0
    assert result["articles"]["a1"]["missed"][0]["reason"].startswith("qualifier")


def test_null_and_unnamed_speakers():
    gold = [gold_claim(1500)]
    assert score_claims(gold, [pred_claim(1500, speaker="Berichten", named=False)]
                        )["claims"]["tp"] == 1
    result = score_claims(gold, [pred_claim(1500, name="CNN")])
    assert result["claims"]["tp"] == 0
    assert result["articles"]["a1"]["missed"][0]["reason"].startswith("speaker")


def test_close_spelling_variant_speaker():
    gold = [gold_claim(2, speaker="Selenski", canonical="Wolodymyr Selenskyj")]
    assert score_claims(gold, [pred_claim(2, speaker="Selenskyj")])["claims"]["tp"] == 1


def test_when_prefix_and_polarity():
    gold = [gold_claim(100, when="2024-12"), gold_claim(200, when="2024-12-23"),
            gold_claim(300, when=None, polarity="denied")]
    pred = [pred_claim(100, when="2024-12-19"), pred_claim(200, when="2024-12"),
            pred_claim(300, when="2024-12-23")]
    result = score_claims(gold, pred)
    assert result["when"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert result["polarity"]["accuracy"] == pytest.approx(2 / 3)


def test_articles_filter_and_file_extension():
    gold = [gold_claim(3000, doc="000_x.txt")]
    pred = [pred_claim(3000, article="000_x"), pred_claim(7, article="other")]
    assert score_claims(gold, pred)["figures"]["fp"] == 1
    assert score_claims(gold, pred, articles=["000_x.txt"])["figures"]["f1"] == 1.0


def test_prediction_in_gold_format_is_accepted():
    gold = [gold_claim(3000, speaker="NIS", canonical="NIS")]
    assert score_claims(gold, gold)["claims"]["f1"] == 1.0


def test_malformed_prediction_names_the_record():
    with pytest.raises(EvalError, match="prediction 1.*'value'"):
        score_claims([gold_claim(1)], [{"article": "a1"}])


# --- groups ----------------------------------------------------------------------------


def test_bcubed_perfect_and_merged():
    gold = [gold_claim(1, slot="A"), gold_claim(2, slot="A"), gold_claim(3, slot="B")]
    same = [pred_claim(1, group="x"), pred_claim(2, group="x"), pred_claim(3, group="y")]
    assert score_groups(gold, same)["f1"] == 1.0
    merged = [pred_claim(1, group="x"), pred_claim(2, group="x"), pred_claim(3, group="x")]
    result = score_groups(gold, merged)
    assert result["recall"] == 1.0
    assert result["precision"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)


def test_bcubed_missing_group_is_a_singleton_and_unmatched_are_ignored():
    gold = [gold_claim(1, slot="A"), gold_claim(2, slot="A"), gold_claim(99, slot="A")]
    pred = [pred_claim(1, group=None), pred_claim(2, group=None), pred_claim(55, group="z")]
    result = score_groups(gold, pred)
    assert result["items"] == 2
    assert result["precision"] == 1.0
    assert result["recall"] == 0.5


def test_canonical_consistency_of_recurring_speakers():
    gold = [gold_claim(1, doc="a1", speaker="Selenski", canonical="Selenskyj"),
            gold_claim(2, doc="a2", speaker="Selenskyj", canonical="Selenskyj"),
            gold_claim(3, doc="a3", speaker="der ukrainische Präsident", canonical="Selenskyj"),
            gold_claim(4, doc="a1", speaker="Kreß", canonical="Claus Kreß")]  # not recurring
    pred = [pred_claim(1, article="a1", speaker="Selenski", name="Wolodymyr Selenskyj"),
            pred_claim(2, article="a2", speaker="Selenskyj", name="Wolodymyr Selenskyj"),
            pred_claim(3, article="a3", speaker="der ukrainische Präsident", name="Selenski"),
            pred_claim(4, article="a1", name="Claus Kreß")]
    consistency = score_groups(gold, pred)["canonical_consistency"]
    assert consistency["total"] == 3
    assert consistency["share"] == pytest.approx(2 / 3)


# --- quotes ----------------------------------------------------------------------------


def gold_quote(spans, speaker_spans=None, qtype="Direct"):
    speaker = {"text": "s", "spans": speaker_spans} if speaker_spans else None
    return {"type": qtype, "medium": "Speech", "content": {"text": "c", "spans": spans},
            "speaker": speaker, "cue": None, "addressee": None}


def pred_quote(start, end, speaker=None, kind="direct", article="q1"):
    spk = {"text": "s", "start": speaker[0], "end": speaker[1], "name": None} if speaker else None
    return {"article": article, "kind": kind, "speaker": spk,
            "cue": {"text": "sagte", "start": 0, "end": 5},
            "content": {"text": "c", "start": start, "end": end}}


def test_quotes_half_overlap_and_attribution():
    gold = [{"id": "q1", "quotes": [gold_quote([[10, 50]], [[0, 5]]),
                                    gold_quote([[100, 140]], None, "Indirect")]}]
    pred = [pred_quote(30, 60, (2, 4)),  # overlap 20 of shorter 30: match, speaker right
            pred_quote(100, 200, (0, 3), kind="indirect")]  # overlap 40 of 40, speaker wrong
    result = score_quotes(gold, pred)
    assert result["content"]["tp"] == 2
    assert result["attributed"]["tp"] == 1
    assert result["by_type"]["Direct"]["recall"] == 1.0
    assert result["kind"]["accuracy"] == 1.0


def test_quotes_below_half_overlap_do_not_match():
    gold = [{"id": "q1", "quotes": [gold_quote([[10, 50]])]}]
    assert score_quotes(gold, [pred_quote(45, 100)])["content"]["tp"] == 0


def test_quotes_discontinuous_gold_and_one_to_one():
    gold = [{"id": "q1", "quotes": [gold_quote([[0, 10], [20, 30]])]}]
    pred = [pred_quote(0, 30), pred_quote(0, 10)]
    result = score_quotes(gold, pred)
    assert result["content"]["tp"] == 1  # largest overlap (20) wins, the other is spurious
    assert result["content"]["fp"] == 1
    assert result["attributed"]["tp"] == 1  # both without speaker


def test_quotes_of_other_articles_are_ignored():
    gold = [{"id": "q1", "quotes": []}]
    assert score_quotes(gold, [pred_quote(0, 10, article="zz")])["content"]["fp"] == 0


# --- times -----------------------------------------------------------------------------


def test_times_strict_relaxed_value():
    gold = [{"id": "t1", "timex": [
        {"start": 0, "end": 10, "text": "am Dienstag", "type": "DATE", "value": "2024-10-22"},
        {"start": 20, "end": 30, "text": "im Oktober", "type": "DATE", "value": "2024-10"},
        {"start": 40, "end": 45, "text": "heute", "type": "DATE", "value": "2024-10-23"},
    ]}]
    pred = [
        {"article": "t1", "start": 0, "end": 10, "text": "", "type": "DATE", "value": "2024-10-22"},
        {"article": "t1", "start": 23, "end": 30, "text": "", "type": "DATE", "value": "2024-10"},
        {"article": "t1", "start": 40, "end": 45, "text": "", "type": "DATE",
         "value": "PRESENT_REF"},
        {"article": "t1", "start": 60, "end": 65, "text": "", "type": "DATE", "value": "2024"},
    ]
    result = score_times(gold, pred)
    assert (result["strict"]["tp"], result["relaxed"]["tp"], result["value"]["tp"]) == (2, 3, 2)
    assert result["value"]["precision"] == 0.5


def test_times_relaxed_is_one_to_one():
    gold = [{"id": "t1", "timex": [{"start": 0, "end": 20, "text": "", "type": "DATE",
                                    "value": "2024"}]}]
    pred = [{"article": "t1", "start": 0, "end": 5, "value": "2024"},
            {"article": "t1", "start": 6, "end": 20, "value": "2024"}]
    assert score_times(gold, pred)["relaxed"]["tp"] == 1


def test_times_from_articles_roundtrip():
    gold = [{"id": "t1", "timex": [{"start": 0, "end": 5, "text": "heute", "type": "DATE",
                                    "value": "2024-10-23"}]}]
    assert score_times(gold, times_from_articles(gold))["value"]["f1"] == 1.0
    assert score_times(gold, gold)["value"]["f1"] == 1.0  # articles are converted


# --- real files ------------------------------------------------------------------------


@pytest.mark.shared
def test_seed_gold_scores_itself_perfectly():
    gold_file = SHARED / "gold" / "seeds.claims.jsonl"
    if not gold_file.exists():
        pytest.skip("../shared is absent")
    gold = load_jsonl(gold_file)
    assert score_claims(gold, gold)["claims"]["f1"] == 1.0
    assert score_groups(gold, gold)["f1"] == 1.0


@pytest.mark.shared
def test_heideltime_file_scores_as_prediction():
    krauts = SHARED / "data" / "krauts"
    if not krauts.exists():
        pytest.skip("../shared is absent")
    gold = load_jsonl(krauts / "dolomiten-100.jsonl")
    heideltime = load_jsonl(krauts / "dolomiten-100.heideltime.jsonl")
    result = score_times(gold, times_from_articles(heideltime))
    assert 0.5 < result["relaxed"]["f1"] < 1.0


def test_json_serialisable():
    result = score_claims([gold_claim(1)], [pred_claim(2)])
    json.dumps(result)


def test_speaker_accuracy_counts_found_figures_whose_speaker_matches():
    gold = [gold_claim(100, speaker="Antony Blinken"), gold_claim(200), gold_claim(300, speaker="NATO")]
    pred = [pred_claim(100, name="Blinken"), pred_claim(200, speaker="Polizei", named=False),
            pred_claim(300, name="Pentagon"), pred_claim(400, name="NATO")]
    result = score_claims(gold, pred)
    assert result["speaker"] == {"accuracy": pytest.approx(2 / 3), "correct": 2, "total": 3}
