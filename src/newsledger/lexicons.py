"""Word lists the extractors use (cue verbs, role words, hedges, …), as data, not code.

Each lexicon is ``resources/lexicons/NAME.txt``: one entry a line, ``#`` comments.
Users extend a lexicon by naming extra files in the config (``[lexicons] extra``).
Extractors get them through :func:`lexicon` with the doc they work on, so a run's
configuration reaches every extractor without a global.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from newsledger.errors import ConfigError

if TYPE_CHECKING:  # the linker reads lexicons too, and must not load spaCy for that
    from spacy.tokens import Doc


def lexicon(doc: Doc | None, name: str) -> frozenset[str]:
    """The entries of lexicon ``name``, extended by the doc's configured extra files."""
    extras = (doc._.lexicon_extras or {}).get(name, ()) if doc is not None else ()
    return _load(name, tuple(extras))


def entries(name: str, extra_files: tuple[str, ...] = ()) -> frozenset[str]:
    return _load(name, extra_files)


@lru_cache(maxsize=256)
def _load(name: str, extra_files: tuple[str, ...]) -> frozenset[str]:
    packaged = resources.files("newsledger.resources").joinpath("lexicons", f"{name}.txt")
    if not packaged.is_file():
        raise ConfigError(f"unknown lexicon {name!r}: no file resources/lexicons/{name}.txt")
    words = set(_lines(packaged.read_text("utf-8")))
    for path in extra_files:
        try:
            words.update(_lines(Path(path).read_text("utf-8")))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read extra lexicon for {name!r}: {exc}") from exc
    return frozenset(words)


def _lines(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out
