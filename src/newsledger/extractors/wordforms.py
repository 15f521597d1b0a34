"""HanTa's word-form answers, cached by word form in memory and in the user's cache directory.

Deciding whether a word is a verb, a proper noun or an adjective takes HanTa's
morphological model ≈ 2–5 ms per word form it has not seen, and real news is full of word
forms no earlier article had: on a first run HanTa was half of ``extract``'s time. Its
answers depend only on the word form (and the model), so they are kept:

- in memory: ``analyze`` and ``tag_word`` share one forward pass per lower-case form;
- on disk: a JSON table per HanTa version in the user's cache directory
  (``NEWSLEDGER_CACHE_DIR``, else platformdirs' ``user_cache_dir("newsledger")``), read
  on the first question, merged and written back (atomically) every ``FLUSH_EVERY`` new
  answers and at exit, up to ``MAX_FORMS`` forms per table. A run whose word forms are
  all in the table never loads HanTa's model (≈ 1.5 s and 100 MB per process).

The answers are HanTa's own, so results never differ from asking HanTa; the table is only a
cache (deleting it costs time, nothing else). It is written from every process that asks,
worker processes included; two writing at once lose at most each other's newest answers.
"""

from __future__ import annotations

import atexit
import json
import os
import tempfile
from importlib import metadata, util
from pathlib import Path
from typing import Any

MAX_FORMS = 400_000  # per table: ≈ 30 MB of JSON, a year of news in German
FLUSH_EVERY = 5_000
# Only the calls newsledger makes are cached; any other arguments go to HanTa directly.
_TAG_CUTOFF = 5


def cache_dir() -> Path:
    """Where the word-form table lives."""
    configured = os.environ.get("NEWSLEDGER_CACHE_DIR")
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsledger"))


class WordForms:
    """A stand-in for HanTa's ``HanoverTagger`` with cached ``analyze`` and ``tag_word``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tagger: Any = None  # HanTa's model, loaded on the first form not in the table
        self._tables: dict[str, dict[str, Any]] | None = None
        self._new = 0

    def analyze(self, word: str, **options) -> tuple[str, str]:
        if options:
            return self._model().analyze(word, **options)
        lemma, pos = self._answer("analyze", word, lambda: list(self._model().analyze(word)))
        return lemma, pos

    def tag_word(self, word: str, cutoff: int = _TAG_CUTOFF, **options) -> list[tuple[str, float]]:
        if cutoff != _TAG_CUTOFF or options:
            return self._model().tag_word(word, cutoff=cutoff, **options)
        tags = self._answer("tag_word", word,
                            lambda: [list(t) for t in self._model().tag_word(word, cutoff=cutoff)])
        return [(tag, score) for tag, score in tags]

    @property
    def model_loaded(self) -> bool:
        return self._tagger is not None

    def _answer(self, table_name: str, word: str, compute) -> Any:
        table = self._table(table_name)
        found = table.get(word)
        if found is None:
            found = table[word] = compute()
            self._new += 1
            if self._new >= FLUSH_EVERY:
                self.save()
        return found

    def _table(self, name: str) -> dict[str, Any]:
        if self._tables is None:
            self._tables = _read(self.path)
            atexit.register(self.save)
        return self._tables.setdefault(name, {})

    def _model(self):
        if self._tagger is None:
            self._tagger = _load_tagger()
        return self._tagger

    def save(self) -> None:
        """Merge this process's new answers into the table on disk (best effort: a cache
        that cannot be written costs time, never a result)."""
        if not self._new or self._tables is None:
            return
        merged = _read(self.path)
        for name, table in self._tables.items():
            stored = merged.setdefault(name, {})
            room = MAX_FORMS - len(stored)
            for word, answer in table.items():
                if room <= 0:
                    break
                if word not in stored:
                    stored[word] = answer
                    room -= 1
        try:
            _write_atomically(self.path, merged)
        except OSError:
            return
        self._new = 0


def _read(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_atomically(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load_tagger():
    from HanTa import HanoverTagger

    class SharedForwardTagger(HanoverTagger.HanoverTagger):
        """``analyze`` and ``tag_word`` of one word form share its forward pass (the costly
        part); HanTa's results are unchanged."""

        _forward: dict[str, Any] = {}

        def analyze_forward(self, word):
            found = self._forward.get(word)
            if found is None:
                if len(self._forward) >= MAX_FORMS:
                    self._forward.clear()
                found = self._forward[word] = super().analyze_forward(word)
            return found

    return SharedForwardTagger("morphmodel_ger.pgz")


def hanta_installed() -> bool:
    return util.find_spec("HanTa") is not None


def table_path() -> Path:
    """The word-form table for the installed HanTa (another version gets a fresh table)."""
    return cache_dir() / f"hanta-{metadata.version('HanTa')}-wordforms.json"
