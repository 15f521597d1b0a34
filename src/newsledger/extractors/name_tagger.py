"""A statistical name tagger: a linear-chain CRF over capitalised words, fitted on GermEval 2014.

The rules of ``entities`` find name phrases from capitalisation and lexicons; which of them are
persons, organisations or places, and where a name starts and ends, is what they get wrong most
(GermEval dev F1 0.586 with rules alone). This tagger labels a sentence's words B-/I- PER, ORG,
LOC, OTH or O, and ``entities`` takes its names.

* Fitted by CRFsuite (``benchmarks/train_entities.py``, python-crfsuite at training time only) on
  GermEval 2014's *test* part (CC BY 4.0, docs/licences.md). The weights ship as
  ``name_tagger.json.gz`` (attribute → label weights, label transitions) and are read once.
* Decoding is this module's own Viterbi with the same scores as CRFsuite's, run only over
  *windows*: runs of capitalised words, with the short function words that occur inside names
  ('von', 'für', 'of') when a capitalised word follows. Every other word is O (1.3 % of GermEval's
  names start in lower case, mostly agency names such as 'dpa', which the model lists).
* Speed: a word's features depend on its form alone, or on a neighbour's form, so their summed
  weights are kept per (offset, form); a word in a window then costs five dictionary look-ups
  and a Viterbi step. Ingest runs it on every article.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from operator import add
from pathlib import Path

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from newsledger.extractors.attribution_np import DETERMINERS, doc_lexicon, doc_memo, doc_sentences
from newsledger.extractors.mood import _hanta_analyze
from newsledger.nlp import text_of

WEIGHTS = Path(__file__).resolve().parent / "name_tagger.json.gz"
OFFSETS = (-2, -1, 0, 1, 2)  # a word's own features (0) and its neighbours' (prefixed)
BEFORE, AFTER = "<S>", "</S>"  # the words before a sentence's first and after its last
SURE_MARGIN = 4.0  # (cross-validated on GermEval test: 5 and 1000 score the same, 3 one span less)
MAX_CACHED = 300_000  # (offset, form) scores kept: ≈ 60 MB at most


def _ends_name(forms: list[str], j: int) -> bool:
    """A number or an abbreviation's period after a capitalised word ('Bayern 3', 'A 7',
    'St . Pauli' as the tokenizer splits it): the window goes on over it."""
    form, before = forms[j], forms[j - 1]
    return (form.isdigit() and len(form) <= 3) or (form == "." and before.isalpha() and len(before) <= 3)


@dataclass(frozen=True)
class Lexicons:
    """The word lists a feature asks about (one doc's configured lexicons)."""

    first_names: frozenset[str]
    place_names: frozenset[str]
    role_words: frozenset[str]
    org_suffixes: frozenset[str]
    org_names: frozenset[str]
    org_prefixes: frozenset[str]
    media_outlets: frozenset[str]


def lexicons_of(doc: Doc) -> Lexicons:
    return Lexicons(*(doc_lexicon(doc, name) for name in (
        "first_names", "place_names", "role_words", "org_suffixes", "org_names", "org_prefixes",
        "media_outlets")))


def word_features(form: str, lex: Lexicons) -> list[str]:
    """Features of one word form, without its position ('w=', suffixes, shape, lexicon flags)."""
    lower = form.lower()
    out = ["w=" + form, "l=" + lower, "s2=" + lower[-2:], "s3=" + lower[-3:], "s4=" + lower[-4:],
           "p3=" + lower[:3], "sh=" + _shape(form)]
    if "-" in form.strip("-"):
        head, last = lower.split("-", 1)[0], lower.rsplit("-", 1)[1]
        out += ["hf=" + head, "hl=" + last, "hs3=" + last[-3:]]
    if lower in DETERMINERS:
        out.append("f=det")
    if form in lex.media_outlets:
        out.append("f=media")  # 'dpa' too
    if form[:1].isupper():
        out += _capitalised_features(form, lower, lex)
    return out


def _capitalised_features(form: str, lower: str, lex: Lexicons) -> list[str]:
    """Lexicon flags of a capitalised word, and HanTa's part of speech: a proper noun (NE), a
    common noun (NN), … (lower-case words are in no such list)."""
    from newsledger.extractors.entities import _KNOWN_SCORE, _has_place_ending, _is_org, _is_role, territories

    countries = territories()
    flags = {
        "first": form in lex.first_names,
        "terr": form in countries or (form.endswith("s") and form[:-1] in countries),
        "place": form in lex.place_names or _has_place_ending(form, lex.place_names),
        "role": _is_role(lower.split("-")[-1], lex.role_words),
        "orgw": _is_org(lower, lex.org_suffixes),
        "orgn": form in lex.org_names,
        "orgp": form in lex.org_prefixes,
        "acr": form.isupper() and form.isalpha() and len(form) >= 2,
        "er": form.endswith("er") and (form[:-2] in countries or form[:-2] in lex.place_names),
    }
    analysis = _hanta_analyze(form)
    out = ["f=" + name for name, on in flags.items() if on] + [
        "pos=" + (analysis[1].split("(")[0] if analysis else "?")]
    tags = _hanta_tags(form)
    if tags:  # its best tag, known to the lexicon or guessed ('NEk', 'NNg'), and the runner-up
        out.append("tw=" + tags[0][0] + ("k" if tags[0][1] > _KNOWN_SCORE else "g"))
        if len(tags) > 1:
            out.append("tw2=" + tags[1][0])
    return out


def _hanta_tags(form: str) -> list[tuple[str, float]]:
    from newsledger.extractors.mood import _hanta

    tagger = _hanta()
    if tagger is None:
        return []
    # tags of equal score come in an order that varies with Python's hash seed: fix it
    return sorted(tagger.tag_word(form, cutoff=5), key=lambda tag: (-tag[1], tag[0]))


def _shape(form: str) -> str:
    """'Merkel' → 'Xx', 'US-Präsident' → 'X-Xx', 'dpa' → 'x', '1.' → 'd.' (runs collapsed)."""
    out = []
    for ch in form:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:8]


def position_features(forms: list[str], i: int, lex: Lexicons) -> list[str]:
    """Every feature of word ``i`` of a sentence: its own and its neighbours', by offset."""
    out = ["bias"]
    for offset in OFFSETS:
        j = i + offset
        form = BEFORE if j < 0 else AFTER if j >= len(forms) else forms[j]
        out += _offset_features(form, offset, lex)
    return out


def _offset_features(form: str, offset: int, lex: Lexicons) -> list[str]:
    if form in (BEFORE, AFTER):
        return [f"{offset}:{form}"]
    features = word_features(form, lex)
    if offset == 0:
        return features
    if abs(offset) == 2:  # the farther neighbours by their word alone
        features = [f for f in features if f.startswith(("l=", "f="))]
    else:
        features = [f for f in features if not f.startswith(("w=", "p3=", "s2="))]
    return [f"{offset}:{f}" for f in features]


class NameTagger:
    """CRF weights and the per-form score cache; ``tag`` labels one sentence's words."""

    def __init__(self, model: dict) -> None:
        self.labels: list[str] = model["labels"]
        size = len(self.labels)
        self.outside = self.labels.index("O")
        trans = model["transitions"]
        self.into = [[trans[x][y] for x in range(size)] for y in range(size)]  # into[y][x]: x → y
        self.alone = [trans[self.outside][y] + trans[y][self.outside] for y in range(size)]  # O y O
        self.lowercase_names = frozenset(model["lowercase_names"])
        self.connectors = frozenset(model["connectors"])
        # attribute 'o:feature' → a dense row of label weights, kept by offset and feature
        self.rows: dict[int, dict[str, list[float]]] = {offset: {} for offset in OFFSETS}
        for attribute, weights in model["attributes"].items():
            offset, feature = _split_attribute(attribute)
            row = self.rows[offset].setdefault(feature, [0.0] * size)
            for label, weight in weights:
                row[label] += weight
        self._features: dict[str, list[str]] = {}  # word form → its features (per lexicons below)
        self._scores: dict[tuple[int, str], list[float]] = {}
        self._sure: dict[str, bool] = {}  # word form → surely O when alone in its window
        self._lex: Lexicons | None = None

    def tag(self, forms: list[str], lex: Lexicons) -> list[str]:
        """BIO labels of a sentence's words ('B-PER', 'I-ORG', 'O', …)."""
        labels = ["O"] * len(forms)
        for start, end, kind in self.spans(forms, lex):
            labels[start:end] = ["B-" + kind] + ["I-" + kind] * (end - start - 1)
        return labels

    def spans(self, forms: list[str], lex: Lexicons) -> list[tuple[int, int, str]]:
        """(first word, end word, kind) of the names in a sentence."""
        if lex != self._lex or len(self._scores) > MAX_CACHED:
            self._features, self._scores, self._sure, self._lex = {}, {}, {}, lex  # bounded; new lexicons
        found = []
        for start, end in self._windows(forms):
            if end - start == 1:
                sure = self._sure.get(forms[start])
                if sure is None:
                    sure = self._sure[forms[start]] = self._surely_outside(forms[start])
                if sure:
                    continue
            found += _spans_of(self._viterbi(forms, start, end), start)
        return found

    def _windows(self, forms: list[str]) -> list[tuple[int, int]]:
        could, windows, i, n = self._could_be_name, [], 0, len(forms)
        while i < n:
            if not could(forms[i]):
                i += 1
                continue
            j = i + 1
            while j < n and (could(forms[j]) or _ends_name(forms, j)
                             or forms[j] in self.connectors and j + 1 < n and could(forms[j + 1])):
                j += 1
            windows.append((i, j))
            i = j
        return windows

    def _could_be_name(self, form: str) -> bool:
        first = form[:1]
        return first.isupper() or not first.isalpha() and form in self.lowercase_names \
            or first.isalpha() and (form in self.lowercase_names or not form.islower())

    def _viterbi(self, forms: list[str], start: int, end: int) -> list[str]:
        """The best labels of forms[start:end], the words around them being O."""
        into, outside, labels = self.into, self.outside, range(len(self.labels))
        best = list(map(add, into_from(into, outside), self._emission(forms, start)))
        back = []
        for i in range(start + 1, end):
            emission = self._emission(forms, i)
            step, pointers = [], []
            for y in labels:
                score, prev = max(zip(map(add, best, into[y]), labels))
                pointers.append(prev)
                step.append(score + emission[y])
            best = step
            back.append(pointers)
        y = max(zip(map(add, best, into[outside]), labels))[1]
        path = [y]
        for pointers in reversed(back):
            y = pointers[y]
            path.append(y)
        return [self.labels[y] for y in reversed(path)]

    def _surely_outside(self, form: str) -> bool:
        """A word alone in its window whose own features already favour O by SURE_MARGIN ('Die'
        opening a sentence, 'Prozent'): its neighbours are not looked up (most windows)."""
        own = self._scores.get((0, form))
        if own is None:
            own = self._scores[0, form] = self._part(0, form)
        alone = [a + b for a, b in zip(own, self.alone)]
        outside = alone[self.outside]
        return all(outside - score >= SURE_MARGIN for y, score in enumerate(alone) if y != self.outside)

    def _emission(self, forms: list[str], i: int) -> list[float]:
        """Summed weights of word i's features and its neighbours' (cached by offset and form)."""
        n, scores = len(forms), self._scores
        parts = []
        for offset in OFFSETS:
            j = i + offset
            form = BEFORE if j < 0 else AFTER if j >= n else forms[j]
            part = scores.get((offset, form))
            if part is None:
                part = scores[offset, form] = self._part(offset, form)
            parts.append(part)
        return [a + b + c + d + e for a, b, c, d, e in zip(*parts)]

    def _part(self, offset: int, form: str) -> list[float]:
        features = self._features.get(form)
        if features is None:
            features = self._features[form] = (
                [form] if form in (BEFORE, AFTER) else word_features(form, self._lex) + ["bias"])
        rows = self.rows[offset]
        found = [rows[f] for f in features if f in rows]
        return [sum(column) for column in zip(*found)] if found else [0.0] * len(self.labels)


def into_from(into: list[list[float]], label: int) -> list[float]:
    """The transition weights from ``label`` to every label."""
    return [row[label] for row in into]


def _split_attribute(attribute: str) -> tuple[int, str]:
    """'-1:l=von' → (-1, 'l=von'); 'w=Merkel' and 'bias' → (0, …)."""
    head, colon, rest = attribute.partition(":")
    if colon and head.lstrip("-").isdigit():
        return int(head), rest
    return 0, attribute


_loaded: list[NameTagger] = []  # the tagger in use, read once


def tagger() -> NameTagger:
    if not _loaded:
        _loaded.append(load(WEIGHTS))
    return _loaded[0]


def load(path: Path) -> NameTagger:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return NameTagger(json.load(f))


def use(model: NameTagger) -> None:
    """Tag with ``model`` from now on (cross-validation in ``benchmarks/eval_entities.py``)."""
    _loaded[:] = [model]


def name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(first token, end token, 'PER'/'ORG'/'LOC'/'OTH') of the names the tagger finds in ``doc``,
    once per doc."""
    memo = doc_memo(doc)
    if "name_spans" not in memo:
        memo["name_spans"] = list(_spans(doc, tagger()))
    return memo["name_spans"]


def _spans(doc: Doc, model: NameTagger):
    lex = lexicons_of(doc)
    forms = token_texts(doc)
    for sent in doc_sentences(doc):
        for start, end, kind in model.spans(forms[sent.start:sent.end], lex):
            yield sent.start + start, sent.start + end, kind


def _spans_of(labels: list[str], offset: int) -> list[tuple[int, int, str]]:
    """BIO labels as (start, end, kind), from word ``offset`` on."""
    found, start, kind = [], None, None
    for i, label in enumerate(labels + ["O"]):
        if start is not None and not (label.startswith("I-") and label[2:] == kind):
            found.append((offset + start, offset + i, kind))
            start = None
        if label.startswith("B-") or label.startswith("I-") and start is None:
            start, kind = i, label[2:]
    return found


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, cut from the doc's text by offset (a Token object per word costs
    more), once per doc."""
    memo = doc_memo(doc)
    if "token_texts" not in memo:
        text = text_of(doc)
        offsets = doc.to_array([IDX, LENGTH])
        memo["token_texts"] = [text[start:start + length]
                               for start, length in zip(offsets[:, 0].tolist(), offsets[:, 1].tolist())]
    return memo["token_texts"]
