"""Language detection: a small language set, German news must come out 'de'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.ingest.language import UNDETERMINED, detect_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("Der Minister sagte am Dienstag, es seien 3.000 Soldaten entsandt worden.", "de"),
        ("Die Preise stiegen im Oktober um 2,5 Prozent, teilte das Statistikamt mit.", "de"),
        ("The minister said on Tuesday that three thousand soldiers had been sent.", "en"),
        ("Prices rose by 2.5 percent in October, the statistics office reported.", "en"),
        ("Police arrested two men suspected of the attack.", "en"),
        ("Le ministre a déclaré mardi que trois mille soldats avaient été envoyés.", "fr"),
        ("Il ministro ha detto martedì che sono stati inviati tremila soldati.", "it"),
        ("El ministro dijo el martes que se habían enviado tres mil soldados.", "es"),
        ("De minister zei dinsdag dat er drieduizend soldaten waren gestuurd.", "nl"),
        ("", UNDETERMINED),
        ("12.000 – 3,5 % / 2024-11-26", UNDETERMINED),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.shared
def test_german_news_is_german(shared: Path) -> None:
    """Measured 2026-11-21: 150/150 dev article texts 'de' (titles 149/150)."""
    path = shared / "data" / "quotes-de-news" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    with path.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    german = sum(detect_language(text) == "de" for text in texts)
    assert german / len(texts) >= 0.99
