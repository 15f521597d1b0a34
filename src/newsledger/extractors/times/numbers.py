"""German number words as they occur in time expressions ("drei Tagen", "eineinhalb Stunden")."""

from __future__ import annotations

_UNITS = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eines": 1, "eins": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19, "zwanzig": 20,
    "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
    "neunzig": 90, "hundert": 100, "einhundert": 100, "tausend": 1000, "beiden": 2, "beide": 2,
    "anderthalb": 1.5, "eineinhalb": 1.5, "halbes": 0.5, "halben": 0.5,
}
# Words that count without a number: "mehrere Jahre" -> PXY.
VAGUE = {"mehrere", "mehreren", "einige", "einigen", "wenige", "wenigen", "viele", "vielen",
         "etliche", "etlichen", "zahlreiche", "zahlreichen", "paar", "ein paar", "unzähligen"}

_SIMPLE = sorted(_UNITS, key=len, reverse=True)
NUMBER_WORD = (
    r"(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?:zwanzig|dreißig|vierzig|fünfzig|"
    r"sechzig|siebzig|achtzig|neunzig)|(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)einhalb|"
    + "|".join(_SIMPLE) + ")"
)
NUMBER = r"(?i:\d+(?:,\d+)?|" + NUMBER_WORD + "|" + "|".join(sorted(VAGUE, key=len, reverse=True)) + ")"


def number_value(word: str) -> float | None:
    """The value of a number word or digits; None for vague words ('mehrere')."""
    w = word.lower().replace(" ", "")
    if w in VAGUE or w == "einpaar":
        return None
    if w.replace(",", "").isdigit():
        return float(w.replace(",", "."))
    if w in _UNITS:
        return float(_UNITS[w])
    if w.endswith("einhalb"):
        base = _UNITS.get(w[: -len("einhalb")])
        return base + 0.5 if base is not None else None
    if "und" in w:
        ones, _, tens = w.partition("und")
        if ones in _UNITS and tens in _UNITS:
            return float(_UNITS[ones] + _UNITS[tens])
    return None
