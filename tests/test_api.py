"""The public Python API: small, stable, and working end to end."""

from __future__ import annotations

import json

import newsledger

PUBLIC = {
    "CONTRACT_VERSION", "Article", "Claim", "Config", "Evidence", "Extraction", "Failure",
    "Mention", "NewsledgerError", "Quote", "Source", "Speaker", "TimeExpr", "Value",
    "__version__", "extract", "extract_article", "load_config", "open_ledger", "read_articles",
    "to_dict",
}


def test_all_is_guarded():
    assert set(newsledger.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(newsledger, name) is not None


def test_read_extract_store_round_trip(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({
        "id": "x1", "published": "2025-03-04",
        "text": "Laut Feuerwehr wurden mindestens 12 Menschen verletzt.",
    }, ensure_ascii=False) + "\n", "utf-8")
    results = list(newsledger.extract(newsledger.read_articles([path])))
    assert [type(r) for r in results] == [newsledger.Extraction]
    claim = results[0].claims[0]
    assert (claim.value.low, claim.value.qualifier) == (12, "at_least")
    assert claim.speaker and "Feuerwehr" in claim.speaker.text
    record = newsledger.to_dict(claim)
    text = results[0].article.text
    assert text[record["evidence"][0]["start"]:record["evidence"][0]["end"]] == "mindestens 12"
    with newsledger.open_ledger(tmp_path / "l.db") as ledger:
        ledger.write_batch(results)
        assert [c.value.low for c in ledger.claims(speaker="Feuerwehr")] == [12]
