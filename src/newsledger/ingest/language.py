"""Which language an article is written in (py3langid over a small set of languages).

Restricting the classifier to the languages news input realistically comes in removes the
rare-language confusions of the full 97-language model on short texts (a German headline
read as Luxembourgish or Afrikaans).
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

LANGUAGES = ("de", "en", "fr", "it", "es", "nl", "pt", "pl", "da", "sv", "cs", "ru", "uk", "tr")
UNDETERMINED = "und"  # ISO 639-2 code for "no linguistic content"
# The classifier is linear in the text length; the first few thousand characters decide.
SAMPLE_CHARS = 5000
_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or 'und' for text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not _LETTER.search(sample):
        return UNDETERMINED
    language, _score = _identifier().classify(sample)
    return str(language)
