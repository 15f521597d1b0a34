"""Statements the quotes module does not read, found for attribution.

* ``subject_cue`` — a sentence that opens with a name and a cue verb: ``Berninger sagte, dass
  …``, ``Der „Nordkurier“ berichtet, …``, ``Die IAEO gehe davon aus, dass …`` (a bare surname,
  an acronym, or a quoted name, with the cue in the indicative or in Konjunktiv I). The
  subject is all of the sentence before the verb, so nothing else can be the source.
* ``report_marker`` — ``Nach einer Auswertung des Mietervereins Leipzig …``, ``Gemäß einer
  Umfrage des Hoteliervereins …``, ``nach Zahlen des Marktforschers Canalyx …``: ``nach`` /
  ``gemäß`` with a report noun (lexicon ``report_nouns``) and its genitive or ``von`` owner is a
  source marker like ``nach Angaben`` (the quotes module reads only that one); the owner speaks.
* ``turn`` — interviews and transcripts (GUIDELINES "Speaker"): lines that open with a label and
  a colon (``Frage: …``, ``Keller: …``) are turns; a figure in an answer belongs to the label's
  person (its full name where the article gave one), a figure in a question to no one.

Both give :class:`~newsledger.model.Quote` records like the quotes module's, so the claim rules
and the candidate generators treat them alike; a statement whose cue the quotes module already
read is not proposed twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.extractors.attribution_np import DETERMINERS, TIME_NOUNS, doc_lexicon, phrase_after
from newsledger.extractors.entities import is_acronym, resolver_for
from newsledger.extractors.figures import matches_stem
from newsledger.extractors.mood import _hanta_analyze
from newsledger.extractors.quotes import cue_forms
from newsledger.model import Quote, Speaker, Span
from newsledger.nlp import text_of

_OPENING_QUOTES = frozenset("„»“\"")
_CLOSING_QUOTES = frozenset("“«”\"")
_CLAUSE_STOPS = frozenset({",", ";", ":", "."})
_PARTICLE_REACH = 20  # tokens: how far a separable verb's particle may stand from the verb


def missed_statements(doc: Doc, sentences: Sequence[SpacySpan], given: Sequence[Quote],
                      article_id: str) -> Iterator[Quote]:
    """Subject-first cue statements and interview turns the quotes module did not find."""
    cued = {q.cue.start for q in given if q.cue is not None}
    for sent in sentences:
        for quote in (_subject_cue(doc, sent, article_id, cued),
                      *_report_markers(doc, sent, article_id)):
            if quote is not None and quote.cue.start not in cued:  # type: ignore[union-attr]
                yield quote
    yield from interview_turns(doc, article_id)


# --------------------------------------------------------------------------- subject + cue


def _subject_cue(doc: Doc, sent: SpacySpan, article_id: str, cued: set[int]) -> Quote | None:
    verb = _cue_after_subject(doc, sent, cued)
    if verb is None:
        return None
    cue_end = _cue_end(doc, sent, verb)
    if cue_end is None:
        return None
    subject = doc[sent.start:verb.i]
    speaker = Speaker(subject.text, subject.start_char, subject.end_char,
                      " ".join(t.text for t in subject if t.lower_ not in DETERMINERS
                               and t.text not in _OPENING_QUOTES | _CLOSING_QUOTES),
                      True, None)
    after = cue_end + 1 if cue_end < sent.end and doc[cue_end].text == "," else cue_end
    end = sent[-1].idx if sent[-1].text in ".!?" and len(sent) > 1 else sent.end_char
    if after >= sent.end or doc[after].idx >= end:
        return None
    content = Span(doc[after].idx, end, text_of(doc)[doc[after].idx:end])
    kind = "indirect" if after > cue_end else "reported"
    return Quote(article_id, kind, speaker, Span(verb.idx, verb.idx + len(verb.text), verb.text),
                 content, confidence=0.7, rule=f"cue:{verb.lower_}:subject_name")


def _cue_after_subject(doc: Doc, sent: SpacySpan, cued: set[int]) -> Token | None:
    """The cue verb right after a sentence-opening name (the verb-second position), unless
    the quotes module read that cue already."""
    for end in range(sent.start + 1, min(sent.end - 1, sent.start + 6)):
        if doc[end].text in _CLAUSE_STOPS:
            return None
        if _cue_form(doc, doc[end].lower_) is False:
            continue
        if doc[end].idx in cued or not _is_name_subject(doc, sent.start, end):
            return None
        return doc[end]
    return None


def _cue_form(doc: Doc, word: str) -> frozenset[str] | None | bool:
    """The particles the cue form needs (None: none), or False for no cue. A Konjunktiv I
    form counts as its indicative ('gehe … aus' as 'geht … aus', 'berichte' as 'berichtet')."""
    table = cue_forms(doc)
    for form in (word, word[:-1] + "t" if word.endswith("e") else "", word + "t" if word.endswith("e") else ""):
        if form and form in table:
            return table[form]
    return False


def _cue_end(doc: Doc, sent: SpacySpan, verb: Token) -> int | None:
    """Token index after the cue (after its particle for a separable verb), or None when the
    particle the form needs does not close its clause."""
    particles = _cue_form(doc, verb.lower_)
    if not particles:
        return verb.i + 1
    for k in range(verb.i + 1, min(sent.end, verb.i + _PARTICLE_REACH)):
        if doc[k].text in _CLAUSE_STOPS:
            return None
        if doc[k].lower_ in particles:  # type: ignore[operator]
            return k + 1
    return None


def _is_name_subject(doc: Doc, start: int, end: int) -> bool:
    """All of doc[start:end] names a source: one proper name or acronym ('Berninger', 'IAEO',
    'Rendi-Wagner'), with or without an article, or a quoted name after an article and
    capitalised words ('Die Zeitung „Nordkurier“', 'Der „Spiegel“')."""
    words = list(doc[start:end])
    if words and words[0].lower_ in DETERMINERS:
        words = words[1:]
    if not words:
        return False
    if words[-1].text in _CLOSING_QUOTES:
        opening = next((k for k, t in enumerate(words) if t.text in _OPENING_QUOTES), None)
        return (opening is not None and opening + 1 < len(words) - 1
                and all(t.text[:1].isupper() for t in words[:opening])
                and words[opening + 1].text[:1].isupper())
    return len(words) == 1 and _is_proper_name(doc, words[0])


def _is_proper_name(doc: Doc, token: Token) -> bool:
    text = token.text
    if not text[:1].isupper() or token.lower_ in TIME_NOUNS or not (token.is_alpha or "-" in text):
        return False
    if is_acronym(doc, text):
        return True
    found = _hanta_analyze(text)
    if found is not None and found[1] == "NE":
        return True
    return _named_before(doc, token)  # 'Keller' after 'Anna Keller' (HanTa: a noun)


def _named_before(doc: Doc, token: Token) -> bool:
    """The word stood before after a first name ('Anna Keller'): a surname used alone."""
    first_names = doc_lexicon(doc, "first_names")
    return any(t.text == token.text and t.i > 0 and doc[t.i - 1].text in first_names
               for t in doc[:token.i])


# --------------------------------------------------------------------------- report markers

_REPORT_MARKERS = frozenset({"nach", "gemäß", "gemäss"})
_OWNER_OPENERS = frozenset({"des", "der", "eines", "einer", "von", "vom"})


def _report_markers(doc: Doc, sent: SpacySpan, article_id: str) -> Iterator[Quote]:
    for token in sent:
        if token.lower_ not in _REPORT_MARKERS:
            continue
        owner = _report_owner_after(doc, token.i + 1, sent.end)
        if owner is None:
            continue
        phrase = doc[owner[0]:owner[1]]
        name = " ".join(t.text for t in phrase if t.lower_ not in DETERMINERS)
        speaker = Speaker(phrase.text, phrase.start_char, phrase.end_char, name, True, None)
        end = sent[-1].idx if sent[-1].text in ".!?" and len(sent) > 1 else sent.end_char
        yield Quote(article_id, "reported", speaker,
                    Span(token.idx, token.idx + len(token.text), token.text),
                    Span(sent.start_char, end, text_of(doc)[sent.start_char:end]),
                    confidence=0.75, rule="marker:nach_report")


def _report_owner_after(doc: Doc, i: int, end: int) -> tuple[int, int] | None:
    """'einer Auswertung des Mietervereins Leipzig' → 'des Mietervereins Leipzig': a report
    noun (after a determiner and adjectives) followed by its genitive or 'von' owner."""
    while i < end and (doc[i].lower_ in DETERMINERS or doc[i].is_lower and doc[i].is_alpha
                       and doc[i].lower_ not in _OWNER_OPENERS):
        i += 1
    if i + 2 >= end or not doc[i].text[:1].isupper():
        return None
    if not matches_stem(doc[i].lower_, doc_lexicon(doc, "report_nouns")):
        return None
    if doc[i + 1].lower_ not in _OWNER_OPENERS:
        return None
    start = i + 1 if doc[i + 1].lower_ in ("des", "der", "eines", "einer", "vom") else i + 2
    found = phrase_after(doc, start, end, allow_pronoun=False)
    if found is None or not any(t.text[:1].isupper() for t in doc[found[0]:found[1]]):
        return None
    return found


# --------------------------------------------------------------------------- interviews

_LABEL = re.compile(r"(?m)^[ \t]*([A-ZÄÖÜ][\w.'’-]*(?: [A-ZÄÖÜ][\w.'’-]*){0,2})[ \t]*:[ \t]+(?=\S)")
_MIN_TURNS = 3  # label lines an article needs to read as an interview


def interview_turns(doc: Doc, article_id: str) -> Iterator[Quote]:
    """The turns of an interview or transcript: each label line up to the next one. An
    article is read as one when it has three or more label lines with two or more labels, one
    of them asking (lexicon ``interviewer_labels`` — 'Frage', 'Interviewer' — or a label most
    of whose turns end in a question: a moderator); two label lines do with a lexicon label.
    Labels of lexicon ``headline_labels`` ('Fazit:') are no turns."""
    text = text_of(doc)
    headline_labels = doc_lexicon(doc, "headline_labels") - doc_lexicon(doc, "interviewer_labels")
    lines = [(m.start(1), m.end(1), m.group(1), m.end()) for m in _LABEL.finditer(text)
             if m.group(1).lower() not in headline_labels]
    if len(lines) < 2:
        return
    turns = [(start, end, label, body, lines[k + 1][0] if k + 1 < len(lines) else len(text))
             for k, (start, end, label, body) in enumerate(lines)]
    labels = {turn[2] for turn in turns}
    asking = {label for label in labels if _asks(doc, label, turns)}
    if len(labels) < 2 or not asking or asking == labels:
        return
    if len(lines) < _MIN_TURNS and not asking & _labelled_asking(doc, labels):
        return  # two label lines read as an interview only with a 'Frage:' label
    resolver = resolver_for(doc)
    for start, end, label, body, stop in turns:
        content_end = len(text[:stop].rstrip())
        if content_end <= body:
            continue
        speaker = None
        if label not in asking:
            name = resolver.by_surname.get(label.split()[-1], label) if len(label.split()) == 1 else label
            speaker = Speaker(label, start, end, name, True, "PER")
        yield Quote(article_id, "direct", speaker, Span(end, end + 1, ":"),
                    Span(body, content_end, text[body:content_end]), confidence=0.8, rule="turn")


def _labelled_asking(doc: Doc, labels: set[str]) -> set[str]:
    return {label for label in labels if label.lower() in doc_lexicon(doc, "interviewer_labels")}


def _asks(doc: Doc, label: str, turns) -> bool:
    if label.lower() in doc_lexicon(doc, "interviewer_labels"):
        return True
    own = [text_of(doc)[body:stop].rstrip() for _, _, name, body, stop in turns if name == label]
    return 2 * sum(t.endswith("?") for t in own) > len(own)  # a moderator mostly asks
