"""The one owner of the NLP model: turns an :class:`Article` into a parsed spaCy ``Doc``.

No pretrained German pipeline can be installed here, so the document framework is
spaCy's blank German language (its rule tokenizer knows German abbreviations and
ordinals: "Dr.", "u. a.", "25. November" stay whole) plus our own sentence splitter,
which — unlike spaCy's ``sentencizer`` — keeps an opening „ with the sentence it opens
and never lets a sentence cross a line or paragraph break (headlines have no period).

The Doc is built over the cleaned text (``ingest.clean``), which has the same length
as ``Article.text``; so ``token.idx`` and ``span.start_char`` *are* offsets into the
text the user gave.

Extensions set on every Doc:
- ``doc._.article``: the :class:`~newsledger.model.Article`;
- ``doc._.paragraphs``: ((start_char, end_char), …) per paragraph;
- ``doc._.clean_text``: the text the Doc was built over (read it with :func:`text_of`);
- ``span._.paragraph`` (sentences): index of the paragraph the sentence is in.
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from typing import Iterator

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from newsledger.ingest.clean import clean
from newsledger.lexicons import entries
from newsledger.model import Article

_TERMINAL = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {"“", "”", '"', "«", "»", "‘", "’", "'", ")", "]"}
_OPENERS = {"„", "“", '"', "»", "«", "‚", "(", "["}

if not Doc.has_extension("lexicon_extras"):  # a run's extra lexicon files (lexicons.lexicon)
    Doc.set_extension("lexicon_extras", default=None)
if not Doc.has_extension("clean_text"):  # Doc.text joins every token again at each call
    Doc.set_extension("clean_text", default=None)
if not Doc.has_extension("article"):
    Doc.set_extension("article", default=None)
    Doc.set_extension("paragraphs", default=())
    Span.set_extension("paragraph", getter=lambda span: paragraph_index(span.doc, span.start_char))


@Language.component("newsledger_sentences")
def split_sentences(doc: Doc) -> Doc:
    """Sentence starts after terminal punctuation (+ closing quotes) and at every line break."""
    # Token objects are costly to make: read each token's text and whitespace once.
    tokens = [(t.text, t.whitespace_) for t in doc]
    starts = {0}
    for i, (text, space) in enumerate(tokens):
        if "\n" in text or "\n" in space:
            starts.add(_next_word(tokens, i + 1))
        elif text in _TERMINAL or _number_ends_sentence(tokens, i):
            j = i + 1
            while j < len(tokens) and tokens[j][0] in _CLOSERS and not _opens_next(tokens, j):
                j += 1
            if j < len(tokens) and _can_start_sentence(tokens[j][0]):
                starts.add(j)
    if tokens:  # all flags at once (spaCy's arrays are uint64: -1, not a start, wraps round)
        flags = numpy.full(len(tokens), _NOT_A_START, dtype=numpy.uint64)
        flags[[i for i in starts if i < len(tokens)]] = 1
        doc.from_array([SENT_START], flags)
    return doc


_NOT_A_START = numpy.iinfo(numpy.uint64).max


def _number_ends_sentence(tokens: list[tuple[str, str]], i: int) -> bool:
    """'10.000.' or '2024.' before a capital ends a sentence; '25. November' is an ordinal.

    The tokenizer keeps a period glued to a number. Thousands-separated figures and
    four-digit years are (almost) never ordinals; a short number is an ordinal unless
    the next word is one that opens sentences but cannot follow an ordinal.
    """
    text = tokens[i][0]
    if not (text.endswith(".") and text[:-1].replace(".", "").replace(",", "").isdigit()):
        return False
    if i + 1 >= len(tokens) or not tokens[i + 1][0][:1].isupper():
        return False
    number = text[:-1]
    return ("." in number or "," in number or len(number) >= 4
            or tokens[i + 1][0].lower() in _SENTENCE_OPENERS)


_SENTENCE_OPENERS = set(
    "der die das den dem des ein eine einer er sie es wir ich ihr man in im am an auf aus bei "
    "mit nach von vor zu zur zum für über unter seit bis auch aber doch dann damit dabei "
    "daher deshalb so wie wenn als ob dass da zudem zuletzt laut nun jetzt heute bereits".split()
)


def _next_word(tokens: list[tuple[str, str]], i: int) -> int:
    while i < len(tokens) and tokens[i][0].isspace():
        i += 1
    return i


def _opens_next(tokens: list[tuple[str, str]], j: int) -> bool:
    """A straight quote after '.' with a space before it opens the next quote."""
    return tokens[j][0] in {'"', "“"} and bool(tokens[j - 1][1])


def _can_start_sentence(text: str) -> bool:
    first = text[0]
    return first.isupper() or first.isdigit() or text in _OPENERS or text.isspace()


@lru_cache(maxsize=1)
def german() -> Language:
    """The shared pipeline (loaded once per process)."""
    nlp = spacy.blank("de")
    for abbreviation in entries("abbreviations"):  # e.g. "Mill." must not end a sentence
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("newsledger_sentences")
    return nlp


def parse(article: Article, *, boilerplate_file: str | None = None) -> Doc:
    """Clean and parse one article. Offsets in the Doc are offsets into ``article.text``."""
    cleaned = clean(article.text, boilerplate_file=boilerplate_file)
    doc = german()(cleaned.text)
    doc._.clean_text = cleaned.text
    doc._.article = article
    doc._.paragraphs = cleaned.paragraphs
    return doc


def text_of(doc: Doc) -> str:
    """``doc.text`` (the cleaned text), without rebuilding it from the tokens each time."""
    return doc._.clean_text if doc._.clean_text is not None else doc.text


def parse_many(articles, *, boilerplate_file: str | None = None) -> Iterator[Doc]:
    for article in articles:
        yield parse(article, boilerplate_file=boilerplate_file)


def paragraph_index(doc: Doc, char: int) -> int:
    """Index of the paragraph holding character ``char`` (the nearest one before it)."""
    starts = [start for start, _ in doc._.paragraphs]
    return max(0, bisect.bisect_right(starts, char) - 1)


def sentences(doc: Doc) -> Iterator[Span]:
    """Sentences with their whitespace trimmed (blanked boilerplate yields none)."""
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            yield doc[words[0].i : words[-1].i + 1]


CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—"})


def token_at(doc: Doc, char: int) -> Token:
    """The token holding character ``char`` (the last token when ``char`` is past the end)."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[-1]


def clause(doc: Doc, char: int) -> Span:
    """The clause (between ',', ';', ':' or dashes, within the sentence) holding ``char``."""
    token = token_at(doc, char)
    sent = token.sent
    start = token.i
    while start > sent.start and doc[start - 1].text not in CLAUSE_PUNCT:
        start -= 1
    end = token.i
    while end + 1 < sent.end and doc[end + 1].text not in CLAUSE_PUNCT:
        end += 1
    return doc[start : end + 1]
