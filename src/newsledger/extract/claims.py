"""Claims: each figure joined with the attribution that covers it (GUIDELINES "Speaker").

``find_claims(doc, quotes=…, figures=…, times=…)`` builds one draft per figure, then merges
drafts into one :class:`~newsledger.model.Claim` per article, speaker, value and qualifier
(repeated mentions become several :class:`~newsledger.model.Evidence`).

Attribution of a figure, first rule that applies (``Claim.rule`` starts with its name):

1. ``marker`` — a source marker (``laut X``, ``X zufolge``, ``nach Angaben von X``) with a named
   source whose cue stands in the figure's own clause: the innermost source wins
   (``…, müssten laut X zwei Bedingungen erfüllt sein, sagte der Professor`` → X);
2. ``content`` — the quote whose content span contains the figure (the smallest one), with
   two clause checks: a content *before* its cue counts only when the cue clause is inverted
   (``…, sagte X``, ``…, so X``, ``…, wie X mitteilte``; ``…, die Veranstalter sprachen …``
   opens a new statement), and a content that takes in its own cue (a reported statement or
   a ``laut`` marker over the whole sentence) does not reach into another clause with a
   subject of its own (``nach Angaben der Veranstalter kamen 7.000, die Polizei zählte
   4.000``) unless the cue stands in a ``wie X berichtete, …`` clause, which scopes the
   sentence;
3. ``gapping`` — the figure's clause repeats the cue with the verb left out (``Die Polizei
   sprach von 3.000, die Veranstalter von 10.000``): its noun phrase is the source;
4. ``sentence`` — a quote whose cue stands in the figure's own clause (``die Veranstalter
   sprachen von 10.000`` with the content set elsewhere), else in its sentence, but not when
   the figure's clause has a subject of its own (a new main clause, a relative or a
   subordinate clause) nor when the figure is part of the speaker phrase (``Einer der 13
   Feuerwehrleute sagte``);
5. ``backref`` — the next sentence of the paragraph points back — a pronoun before the cue
   (``Das berichtete X``, ``Dies bestätigte X``) or a demonstrative with a ``report_nouns``
   noun (``Diese Schätzung nannte X``) — and names a source (with the object first, the
   first person/organisation/role mention after the cue, from ``entities.find_mentions``);
6. ``survey_carry`` — an unattributed share (percent, points) that goes on listing an
   attributed poll or statistic in the same or the next paragraph, with no new time named;
7. ``headline`` — a headline ``X: …`` whose prefix X is a word of a named speaker of the
   body (``Selenskyj: 3000 Nordkoreaner getötet``); topic prefixes name no speaker;
8. ``outlet`` — none: the outlet states the figure itself (speaker None).

A quote with an unnamed speaker (``Behörden zufolge``) is kept as ``Speaker(named=False)``;
claims without a named speaker share one key (GUIDELINES: scored as null).

Polarity is ``denied`` when a ``denials`` phrase stands in the figure's sentence (a denial verb
with ``nicht``/``weder``/``nie`` in its clause does not count; nor does a negated
confirmation confirm). Certainty, first match in the sentence:
``forecast_cues`` → expected, ``estimates`` → estimated, ``allegations`` → alleged (also any
impersonal ``hieß es`` / ``die Rede`` attribution), ``confirmations`` → confirmed, else
reported. Where a claim's mentions differ, the first mention outside the headline decides.

``when`` is the date the source stated the figure: a DATE time expression in the attribution
clause (the cue's sentence outside the quoted content, or a ``wie X am Montag berichtete``
clause); else the date of the same speaker's
statement in this or the previous paragraph; else the publication date. ``refers_to`` is a
date inside the figure's clause (a forecast's ``bis Dezember``, the counted event's time).

Merging: mentions that count different things (``zwei Einheiten`` / ``zwei Brigaden``: both
counted nouns given, units and heads differ) stay separate claims; an unattributed headline
figure that repeats exactly one attributed body claim becomes a mention of it.

Confidence (0–1) = figure × attribution, rounded to 2 places:

* figure: 0.95 for digits, 0.85 for numeral words, vague words and fractions;
* attribution: the quote's own confidence (the quotes module's per-rule prior), +0.1 when the
  speaker is named (at most 1.0), ×0.9 for the ``sentence`` rule, ×0.8 for ``backref``;
  ``gapping`` takes 0.9 × its model quote's; ``survey_carry`` 0.8 × the carried claim's;
  ``headline`` a prior of 0.6 (+0.1 named);
  0.7 for ``outlet`` (most unattributed figures are indeed the outlet's own).
  When mentions merge, the claim keeps the highest confidence of its mentions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.extract.entities import find_mentions
from newsledger.extract.figures import matches_stem
from newsledger.lexicons import lexicon
from newsledger.model import Claim, Evidence, Figure, Mention, Quote, Speaker, TimeExpr
from newsledger.model import Span as SpanRecord
from newsledger.nlp import paragraph_index, sentences

EXTRACTOR_VERSION = "claims-0.1"

_IMPERSONAL_RULES = ("hiess_es", "die_rede")
_MARKER_CUES = frozenset({"laut", "zufolge", "gemäß", "nach", "angaben"})
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")
_CLAUSE_BREAKS: frozenset[str] = frozenset(
    {",", ";", ":", "–", "—", "(", ")", "„", "“", '"', "»", "«"}
)
_NEGATIONS = frozenset({"nicht", "weder", "nie", "niemals"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—"})
_CONJUNCTIONS = frozenset(
    {"und", "aber", "doch", "während", "sondern", "oder", "wobei"}
)
_DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des"})
_COMPLEMENTISERS = frozenset(
    {"dass", "wonach"}
)  # 'wies Berichte zurück, wonach 3.000 …'
_SUBORDINATORS = frozenset(
    {
        "als",
        "weil",
        "nachdem",
        "wenn",
        "obwohl",
        "da",
        "bevor",
        "seit",
        "seitdem",
        "sodass",
        "ob",
    }
)
_OBJECT_DETERMINERS = frozenset({"den", "dem", "des"})
_GAP_PREPOSITIONS = frozenset({"von", "mit", "auf", "bei"})


@dataclass(frozen=True)
class _Sentence:
    span: SpacySpan
    start: int
    end: int
    paragraph: int
    is_headline: bool


@dataclass
class _Draft:
    """One figure mention with its attribution, before merging."""

    figure: Figure
    sentence: _Sentence
    quote: Quote | None
    speaker: Speaker | None
    attribution: str
    polarity: str
    certainty: str
    when: str
    refers_to: str | None
    confidence: float


class _Context:
    """The article-wide facts every draft needs: sentences, quotes, times, lexicons."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote], times: Sequence[TimeExpr]):
        self.doc = doc
        article = doc._.article
        self.article_id = article.id if article is not None else ""
        self.published = (article.published if article is not None else None) or ""
        self.sentences = [_sentence(doc, s) for s in sentences(doc)]
        self.starts = [s.start for s in self.sentences]
        self.quotes = sorted(quotes, key=lambda q: q.content.start)
        self.times = sorted(
            (t for t in times if _DATE_VALUE.match(t.value or "")),
            key=lambda t: t.start,
        )
        self.cues = {name: _Phrases(lexicon(doc, name)) for name in _CUE_LEXICONS}
        self.back_references = lexicon(doc, "back_references")
        self.report_nouns = lexicon(doc, "report_nouns")
        self._mentions: list[Mention] | None = None

    def mentions(self) -> list[Mention]:
        """Entity mentions, found only when a rule needs them (most articles never do)."""
        if self._mentions is None:
            self._mentions = list(find_mentions(self.doc))
        return self._mentions

    def sentence_at(self, char: int) -> _Sentence:
        index = max(0, bisect.bisect_right(self.starts, char) - 1)
        return self.sentences[index]

    def next_sentence(self, sent: _Sentence) -> _Sentence | None:
        index = bisect.bisect_right(self.starts, sent.start)
        return self.sentences[index] if index < len(self.sentences) else None


_CUE_LEXICONS = (
    "denials",
    "forecast_cues",
    "estimates",
    "allegations",
    "confirmations",
)


def _sentence(doc: Doc, span: SpacySpan) -> _Sentence:
    last = span[-1].text
    headline = not (last[-1:] in ".!?…" or last in ("“", '"', "«", "»", "”"))
    return _Sentence(
        span,
        span.start_char,
        span.end_char,
        paragraph_index(doc, span.start_char),
        headline,
    )


def find_claims(
    doc: Doc,
    *,
    quotes: Sequence[Quote],
    figures: Sequence[Figure],
    times: Sequence[TimeExpr] = (),
) -> Iterator[Claim]:
    """One claim per speaker, value and qualifier, with every mention as evidence."""
    if not figures:
        return
    ctx = _Context(doc, quotes, times)
    drafts = [_draft(figure, ctx) for figure in figures]
    _carry_survey_results(drafts, ctx)
    _date_from_earlier_statements(drafts, ctx)
    yield from _merge(drafts, ctx)


# --------------------------------------------------------------------------- attribution


def _draft(figure: Figure, ctx: _Context) -> _Draft:
    sent = ctx.sentence_at(figure.start)
    quote, rule = _attribution(figure, sent, ctx)
    scope = [sent]
    if rule == "backref":
        scope.append(ctx.next_sentence(sent))  # type: ignore[arg-type]
    when, refers_to = _dates(figure, sent, quote, ctx)
    return _Draft(
        figure=figure,
        sentence=sent,
        quote=quote,
        speaker=quote.speaker if quote else None,
        attribution=rule,
        polarity=_polarity(scope[0], figure, quote, ctx),
        certainty=_certainty(scope, quote, ctx),
        when=when,
        refers_to=refers_to,
        confidence=_confidence(figure, quote, rule),
    )


def _attribution(
    figure: Figure, sent: _Sentence, ctx: _Context
) -> tuple[Quote | None, str]:
    containing = [q for q in ctx.quotes if _covers(q, figure, ctx.doc)]
    marker = _marker_in_clause(figure, sent, ctx)
    if marker is not None:
        return marker, "marker"
    if containing:
        return min(
            containing, key=lambda q: (q.content.end - q.content.start, -q.confidence)
        ), "content"
    in_sentence = [
        q
        for q in ctx.quotes
        if q.cue and sent.start <= q.cue.start < sent.end and not _in_speaker(q, figure)
    ]
    own_clause = [
        q
        for q in in_sentence
        if _same_clause(ctx.doc, q.cue.start, figure.start, _CLAUSE_PUNCT)  # type: ignore[union-attr]
    ]
    if (
        own_clause
    ):  # 'die Veranstalter sprachen von 10.000' with the content set elsewhere
        return min(
            own_clause, key=lambda q: abs(q.cue.start - figure.start)
        ), "sentence"  # type: ignore[union-attr]
    gapped = _gapped_source(figure, in_sentence, ctx) if in_sentence else None
    if gapped is not None:
        return gapped, "gapping"
    subject = _clause_subject(ctx.doc, figure.start) if in_sentence else None
    if subject is not None and subject[0] == "own":
        return None, "outlet"  # the figure's clause has a subject of its own
    if in_sentence:
        return min(
            in_sentence, key=lambda q: abs(q.cue.start - figure.start)
        ), "sentence"  # type: ignore[union-attr]
    backref = _back_reference(sent, ctx)
    if backref is not None:
        return backref, "backref"
    headline = _headline_source(sent, figure, ctx) if sent.is_headline else None
    if headline is not None:
        return headline, "headline"
    return None, "outlet"


def _headline_source(sent: _Sentence, figure: Figure, ctx: _Context) -> Quote | None:
    """'Selenskyj: 3000 Nordkoreaner getötet' — a headline that opens with a source and a
    colon, where the source is a named speaker of the article's body ('Wolodymyr Selenskyj');
    topic prefixes ('Ukraine-Krieg:', 'Umfrage:') name no speaker and are left alone."""
    tokens = sent.span
    colon = next((t.i for t in tokens[1:5] if t.text == ":"), None)
    if colon is None or figure.start < tokens.doc[colon].idx:
        return None
    prefix = tokens.doc[tokens.start : colon]
    if not all(t.text[:1].isupper() for t in prefix):
        return None
    words = {t.lower_ for t in prefix}
    for quote in ctx.quotes:
        speaker = quote.speaker
        if speaker is None or not speaker.named or speaker.start < sent.end:
            continue
        if words & set((speaker.name or speaker.text).lower().split()):
            found = Speaker(
                prefix.text,
                prefix.start_char,
                prefix.end_char,
                speaker.name,
                True,
                speaker.kind,
            )
            colon_span = SpanRecord(
                tokens.doc[colon].idx, tokens.doc[colon].idx + 1, ":"
            )
            content = SpanRecord(
                colon_span.end, sent.end, ctx.doc.text[colon_span.end : sent.end]
            )
            return Quote(
                ctx.article_id,
                "reported",
                found,
                colon_span,
                content,
                confidence=0.6,
                rule="headline_colon",
            )
    return None


def _in_speaker(quote: Quote, figure: Figure) -> bool:
    """'Einer der 13 beteiligten Feuerwehrmänner sagte': the figure is part of the speaker."""
    speaker = quote.speaker
    return speaker is not None and speaker.start <= figure.start < speaker.end


def _covers(quote: Quote, figure: Figure, doc: Doc) -> bool:
    """The quote's content holds the figure. A statement whose content takes in its own cue
    (a reported statement or a 'laut'/'nach Angaben' marker: content = whole sentence) does
    not reach into another clause that has a subject of its own: in 'nach Angaben der
    Veranstalter kamen 7.000, die Polizei spricht von 4.000' the 4.000 is not the
    organisers'. A 'wie X berichtete, …' clause scopes the whole sentence and stays covering;
    a 'dass'/Konjunktiv content after its cue is not restricted."""
    content, cue = quote.content, quote.cue
    if not (content.start <= figure.start and figure.end <= content.end):
        return False
    if (
        cue is not None
        and cue.start >= content.end
        and not _is_inverted_cue(doc, cue.start)
    ):
        return False  # '3.000 Teilnehmer, die Veranstalter sprachen …' is a new main clause
    if cue is None or not (content.start <= cue.start < content.end):
        return True
    if _same_clause(doc, figure.start, cue.start, _CLAUSE_PUNCT):
        return True
    if _clause_tokens(doc, cue.start)[0].lower_ == "wie":
        return True
    subject = _clause_subject(doc, figure.start)
    if subject is None:
        return True
    kind, phrase = (
        subject  # a gapped object ('den der Gewalttaten auf 23 %') keeps the source
    )
    return kind == "gapped" and phrase[0].lower_ in _OBJECT_DETERMINERS


def _is_inverted_cue(doc: Doc, cue_start: int) -> bool:
    """A cue after its content stands first in its clause ('…, sagte X', '…, so X', '…, wie X
    berichtete'); a clause that opens with its subject ('…, die Polizei sprach') is a new
    statement, not the attribution of what precedes it."""
    clause = _clause_tokens(doc, cue_start)
    first = clause[0]
    return first.idx == cue_start or first.lower_ in _ATTRIBUTION_OPENERS


_ATTRIBUTION_OPENERS = frozenset({"wie", "so", "hieß", "heißt"})


def _clause_tokens(doc: Doc, char: int) -> SpacySpan:
    """The clause (between ',', ';', ':' or dashes, within the sentence) holding ``char``."""
    token = _token_at(doc, char)
    sent = token.sent
    start = token.i
    while start > sent.start and doc[start - 1].text not in _CLAUSE_PUNCT:
        start -= 1
    end = token.i
    while end + 1 < sent.end and doc[end + 1].text not in _CLAUSE_PUNCT:
        end += 1
    return doc[start : end + 1]


def _token_at(doc: Doc, char: int) -> Token:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else doc[-1]


def _clause_subject(doc: Doc, char: int) -> tuple[str, SpacySpan] | None:
    """('own', NP) when the clause opens with a noun phrase and a verb ('die Polizei zählte');
    ('gapped', NP) when the verb is left out ('die Veranstalter von 10.000'); else None."""
    clause = _clause_tokens(doc, char)
    i = clause.start
    while i < clause.end and doc[i].lower_ in _CONJUNCTIONS:
        i += 1
    start = i
    if i < clause.end and doc[i].lower_ in _SUBORDINATORS:
        return "own", doc[start : i + 1]  # 'als noch vier Länder kandidierten'
    has_determiner = i < clause.end and doc[i].lower_ in _DETERMINERS
    if has_determiner:
        i += 1
        if i < clause.end and doc[i].is_lower and not _is_adjective(doc[i]):
            return "own", doc[
                start:i
            ]  # a relative clause: 'der als einer von 319 … war'

    while has_determiner and i < clause.end and _is_adjective(doc[i]):
        i += 1
    first_noun = i
    while i < clause.end and doc[i].text[:1].isupper() and not doc[i].like_num:
        i += 1
    if i == first_noun or i >= clause.end:
        return None
    noun_phrase = doc[start:i]
    if doc[i].lower_ in _GAP_PREPOSITIONS:
        return "gapped", noun_phrase
    if doc[i].is_lower and doc[i].is_alpha:
        return "own", noun_phrase
    return None


def _is_adjective(token: Token) -> bool:
    """An inflected lower-case word that may stand between determiner and noun."""
    word = token.lower_
    return (
        token.is_alpha
        and token.is_lower
        and len(word) > 3
        and word.endswith(_ADJ_ENDINGS)
    )


_ADJ_ENDINGS = ("e", "en", "er", "es", "em")


def _marker_in_clause(figure: Figure, sent: _Sentence, ctx: _Context) -> Quote | None:
    """A 'laut X' / 'X zufolge' cue in the figure's own clause (no clause break between)."""
    for quote in ctx.quotes:
        cue = quote.cue
        if (
            cue is None
            or not (sent.start <= cue.start < sent.end)
            or not (quote.speaker and quote.speaker.named)
        ):
            continue
        if cue.text.split()[0].lower() not in _MARKER_CUES:
            continue
        if not _same_clause(ctx.doc, cue.start, figure.start):
            continue
        return quote
    return None


def _same_clause(
    doc: Doc, a: int, b: int, breaks: frozenset[str] = _CLAUSE_BREAKS
) -> bool:
    low, high = sorted((a, b))
    span = doc.char_span(low, high, alignment_mode="expand")
    return span is not None and not any(t.text in breaks for t in span)


def _gapped_source(
    figure: Figure, in_sentence: list[Quote], ctx: _Context
) -> Quote | None:
    """'Die Polizei sprach von 3.000, die Veranstalter von 10.000': the cue verb is left out
    of the second clause; its noun phrase is the source of the figure."""
    found = _clause_subject(ctx.doc, figure.start)
    earlier = [
        q for q in in_sentence if q.cue and q.cue.end <= figure.start and q.speaker
    ]
    if found is None or found[0] != "gapped" or not earlier:
        return None
    phrase = found[1]
    if phrase[0].lower_ in _OBJECT_DETERMINERS:
        return None  # 'die Behörde bezifferte A auf 27 %, den der Gewalttaten auf 23 %'

    model = earlier[-1]
    words = [t for t in phrase if t.lower_ not in _DETERMINERS]
    head = words[-1].lower_ if words else ""
    named = not any(head.endswith(u) for u in lexicon(ctx.doc, "unnamed_sources"))
    speaker = Speaker(
        text=phrase.text,
        start=phrase.start_char,
        end=phrase.end_char,
        name=" ".join(t.text for t in words) or None,
        named=named,
        kind=None,
    )
    content = SpanRecord(
        phrase.start_char, figure.end, ctx.doc.text[phrase.start_char : figure.end]
    )
    return Quote(
        article=ctx.article_id,
        kind="reported",
        speaker=speaker,
        cue=model.cue,
        content=content,
        confidence=round(model.confidence * 0.9, 2),
        rule="gapping",
    )


def _carry_survey_results(drafts: list[_Draft], ctx: _Context) -> None:
    """Unattributed shares that go on listing an attributed poll or statistic ('Laut Umfrage X
    kommt die SPD auf 16 Prozent. Die Union liegt bei 32 Prozent …') keep its source, within
    the paragraph or the next one, unless a new time is named (GUIDELINES "Speaker")."""
    last: _Draft | None = None
    for draft in sorted(drafts, key=lambda d: d.figure.start):
        if draft.figure.value.unit not in _SHARE_UNITS:
            continue
        fits = (
            draft.attribution == "outlet"
            and last is not None
            and not draft.sentence.is_headline
            and 0 <= draft.sentence.paragraph - last.sentence.paragraph <= 1
            and not any(
                draft.sentence.start <= t.start < draft.sentence.end for t in ctx.times
            )
        )
        if fits:
            draft.quote, draft.speaker, draft.attribution = (
                last.quote,
                last.speaker,
                "survey_carry",
            )  # type: ignore[union-attr]
            draft.confidence = round(last.confidence * 0.8, 2)  # type: ignore[union-attr]
        if draft.speaker is not None:
            last = draft
        elif draft.attribution == "outlet" and not fits:
            last = None


_SHARE_UNITS = frozenset({"percent", "percentage_points"})


def _back_reference(sent: _Sentence, ctx: _Context) -> Quote | None:
    """'… 3000 Mann verloren. Diese Schätzung nannte X' / 'Das berichtete X' → X, within the
    paragraph. The opening must be a pronoun right before the cue verb ('Das berichtete',
    'Dies bestätigte') or a demonstrative with a report noun ('Diese Schätzung'), not a
    determiner of a new subject ('Das Unternehmen wollte …')."""
    following = ctx.next_sentence(sent)
    if (
        following is None
        or following.paragraph != sent.paragraph
        or following.is_headline
    ):
        return None
    words = following.span
    if len(words) < 3 or words[0].lower_ not in ctx.back_references:
        return None
    pronoun = words[0].lower_ in _PRONOUNS and words[1].is_lower
    first_noun = next((t for t in words[1:6] if t.text[:1].isupper()), None)
    report_noun = first_noun is not None and matches_stem(
        first_noun.lower_, ctx.report_nouns
    )
    if not (pronoun or report_noun):
        return None
    for quote in ctx.quotes:
        cue, speaker = quote.cue, quote.speaker
        if cue is None or not (following.start <= cue.start < following.end):
            continue
        if pronoun and cue.start != words[1].idx:
            continue
        if speaker and speaker.named and speaker.start > words[1].idx:
            return quote
        if speaker is None or speaker.start <= following.start:
            # object first ('Diese Schätzung nannte der Präsident X'): the subject follows the cue
            after = _mention_after(cue.end, following.end, ctx)
            if after is not None:
                return replace(quote, speaker=after, rule=f"{quote.rule}+object_first")
    return None


_PRONOUNS = frozenset({"das", "dies"})
_SOURCE_KINDS = frozenset({"PER", "ORG", "ROLE", "MEDIA"})


def _mention_after(start: int, end: int, ctx: _Context) -> Speaker | None:
    """The first person, organisation, role or outlet mentioned in [start, end)."""
    for mention in ctx.mentions():
        if start <= mention.start < end and mention.kind in _SOURCE_KINDS:
            name = mention.name or mention.text
            return Speaker(
                mention.text, mention.start, mention.end, name, True, mention.kind
            )
    return None


# --------------------------------------------------------------------------- polarity, certainty


class _Phrases:
    """Lexicon entries as matchers over a sentence's lower-case words."""

    def __init__(self, entries: Iterable[str]):
        self.words: set[str] = set()
        self.stems: list[str] = []
        self.sequences: list[tuple[str, ...]] = []
        self.gapped: list[tuple[str, str]] = []
        for entry in entries:
            self._add(entry)

    def _add(self, entry: str) -> None:
        if " ... " in entry:
            first, _, last = entry.partition(" ... ")
            self.gapped.append((first, last))
        elif " " in entry:
            self.sequences.append(tuple(entry.split()))
        elif entry.endswith("*"):
            self.stems.append(entry[:-1])
        else:
            self.words.add(entry)

    def find(self, words: Sequence[str]) -> int | None:
        """Index of the first word where an entry matches, else None."""
        for i, word in enumerate(words):
            if word in self.words or any(word.startswith(s) for s in self.stems):
                return i
            for seq in self.sequences:
                if tuple(words[i : i + len(seq)]) == seq:
                    return i
            for first, last in self.gapped:
                if word == first and last in words[i + 1 :]:
                    return i
        return None


def _words(sentences_: Sequence[_Sentence]) -> list[str]:
    return [t.lower_ for s in sentences_ for t in s.span]


def _polarity(
    sent: _Sentence, figure: Figure, quote: Quote | None, ctx: _Context
) -> str:
    """'denied' when a denial phrase stands in the figure's clause or in its source's cue
    clause ('Das Ministerium dementierte, dass 500 …'), not elsewhere in the sentence ('Kiew
    meldete 300 Tote; Moskau dementierte')."""
    words = _words([sent])
    at = ctx.cues["denials"].find(words)
    if at is None or (not words[at].startswith("kein") and _is_negated(words, at)):
        return "asserted"  # 'Putin bestreitet die Anwesenheit nicht'
    where = sent.span[at].idx
    anchors = [figure.start] + ([quote.cue.start] if quote and quote.cue else [])
    if any(_same_clause(ctx.doc, where, a, _CLAUSE_PUNCT) for a in anchors):
        return "denied"
    complement = _clause_tokens(ctx.doc, figure.start)[0].lower_ in _COMPLEMENTISERS
    return "denied" if complement and where < figure.start else "asserted"


def _is_negated(words: Sequence[str], at: int) -> bool:
    """A negation in the clause of ``words[at]``: 'bestreitet … nicht', 'nicht bestätigt',
    'bestätigen weder … noch'."""
    start = at
    while (
        start > 0 and words[start - 1] not in _CLAUSE_BREAKS and words[start - 1] != "."
    ):
        start -= 1
    end = at + 1
    while end < len(words) and words[end] not in _CLAUSE_BREAKS and words[end] != ".":
        end += 1
    return any(w in _NEGATIONS for w in words[start:end])


def _certainty(scope: Sequence[_Sentence], quote: Quote | None, ctx: _Context) -> str:
    words = _words([s for s in scope if s is not None])
    for name, certainty in (
        ("forecast_cues", "expected"),
        ("estimates", "estimated"),
        ("allegations", "alleged"),
    ):
        if ctx.cues[name].find(words) is not None:
            return certainty
    if (
        quote is not None
        and quote.rule
        and any(r in quote.rule for r in _IMPERSONAL_RULES)
    ):
        return "alleged"
    at = ctx.cues["confirmations"].find(words)
    if at is not None and not _is_negated(words, at):
        return "confirmed"
    return "reported"


# --------------------------------------------------------------------------- dates


def _dates(
    figure: Figure, sent: _Sentence, quote: Quote | None, ctx: _Context
) -> tuple[str, str | None]:
    """(when, refers_to) for one figure mention."""
    in_sentence = [t for t in ctx.times if sent.start <= t.start < sent.end]
    content = quote.content if quote else None
    stated = _statement_date(quote, ctx) if quote else None
    refers = [
        t
        for t in in_sentence
        if (content is None or content.start <= t.start < content.end)
        and t.value != stated
        and _same_clause(ctx.doc, t.start, figure.start)
    ]
    refers_to = refers[0].value if refers else None
    return stated or ctx.published, refers_to


def _statement_date(quote: Quote, ctx: _Context) -> str | None:
    """A date in the attribution clause: in the cue's sentence outside the quoted content, or
    in the cue's own clause when that clause is not the content's main clause ('Wie CNN am
    Montag berichtete, sollen …')."""
    if quote.cue is None:
        return None
    cue_sent = ctx.sentence_at(quote.cue.start)
    content = quote.content
    cue_clause = _clause_tokens(ctx.doc, quote.cue.start)
    for t in ctx.times:
        if not (cue_sent.start <= t.start < cue_sent.end):
            continue
        if not (content.start <= t.start < content.end):
            return t.value
        in_cue_clause = cue_clause.start_char <= t.start < cue_clause.end_char
        if in_cue_clause and cue_clause[0].lower_ == "wie":
            return t.value
    return None


def _date_from_earlier_statements(drafts: list[_Draft], ctx: _Context) -> None:
    """Undated claims of a speaker take the date of its statement in this or the previous
    paragraph ('X hat am Dienstagabend gefordert …' then 'X zufolge … zwei Einheiten')."""
    dated: dict[str, tuple[int, str]] = {}
    quotes_by_start = sorted(ctx.quotes, key=lambda q: (q.cue or q.content).start)
    events = [(q.content.start, "quote", q) for q in quotes_by_start] + [
        (d.figure.start, "draft", d) for d in drafts
    ]
    for _, kind, item in sorted(events, key=lambda e: (e[0], e[1] == "draft")):
        if kind == "quote":
            date = _statement_date(item, ctx)  # type: ignore[arg-type]
            key = _speaker_key(item.speaker)  # type: ignore[union-attr]
            if date and key:
                dated[key] = (ctx.sentence_at(item.content.start).paragraph, date)  # type: ignore[union-attr]
            continue
        draft = item
        key = _speaker_key(draft.speaker)  # type: ignore[union-attr]
        if (
            key in dated
            and draft.when == ctx.published
            and draft.sentence.paragraph - dated[key][0] <= 1
        ):  # type: ignore[union-attr]
            draft.when = dated[key][1]  # type: ignore[union-attr]


# --------------------------------------------------------------------------- confidence, merge


def _confidence(figure: Figure, quote: Quote | None, rule: str) -> float:
    figure_part = 0.95 if any(c.isdigit() for c in figure.text) else 0.85
    if quote is None:
        return round(figure_part * 0.7, 2)
    attribution = quote.confidence + (
        0.1 if quote.speaker and quote.speaker.named else 0.0
    )
    attribution = min(1.0, attribution) * {"sentence": 0.9, "backref": 0.8}.get(
        rule, 1.0
    )
    return round(figure_part * attribution, 2)


def _speaker_key(speaker: Speaker | None) -> str | None:
    if speaker is None or not speaker.named:
        return None
    return (speaker.name or speaker.text).lower()


def _merge(drafts: list[_Draft], ctx: _Context) -> Iterator[Claim]:
    """Group drafts by speaker, value, qualifier and per-unit flag; mentions that count
    different things ('zwei Einheiten' vs 'zwei Brigaden') stay apart."""
    groups: dict[tuple, list[list[_Draft]]] = {}
    for draft in drafts:
        value = draft.figure.value
        key = (
            _speaker_key(draft.speaker),
            value.low,
            value.high,
            value.qualifier,
            draft.figure.per_unit,
        )
        candidates = groups.setdefault(key, [])
        group = next(
            (g for g in candidates if _same_thing(g[0].figure, draft.figure)), None
        )
        if group is None:
            candidates.append([draft])
        else:
            group.append(draft)
    merged = [group for candidates in groups.values() for group in candidates]
    for group in _fold_headlines(merged):
        yield _claim(group, ctx)


def _fold_headlines(groups: list[list[_Draft]]) -> list[list[_Draft]]:
    """A headline figure without a source of its own that repeats one attributed body claim
    (same value, qualifier and thing) is a mention of that claim, not the outlet's own."""
    kept: list[list[_Draft]] = []
    for group in groups:
        if all(d.sentence.is_headline and d.speaker is None for d in group):
            twins = [g for g in groups if g is not group and _repeats(group[0], g)]
            if len(twins) == 1:
                twins[0].extend(group)
                continue
        kept.append(group)
    return kept


def _repeats(headline: _Draft, group: list[_Draft]) -> bool:
    body = group[0]
    a, b = headline.figure, body.figure
    same_value = (a.value.low, a.value.high, a.value.qualifier) == (
        b.value.low,
        b.value.high,
        b.value.qualifier,
    )
    return same_value and body.speaker is not None and _same_thing(a, b)


def _same_thing(a: Figure, b: Figure) -> bool:
    """Both count the same kind of thing: a counted noun missing, the same unit, or the same head."""
    if not a.counted or not b.counted:
        return True
    if a.value.unit and a.value.unit == b.value.unit:
        return True
    return a.counted.split()[-1].lower() == b.counted.split()[-1].lower()


def _claim(group: list[_Draft], ctx: _Context) -> Claim:
    main = next((d for d in group if not d.sentence.is_headline), group[0])
    speaker = main.speaker or next((d.speaker for d in group if d.speaker), None)
    figure = main.figure
    return Claim(
        article=ctx.article_id,
        speaker=speaker,
        value=figure.value,
        evidence=tuple(_evidence(d) for d in group),
        source_chain=main.quote.source_chain if main.quote else (),
        cue=main.quote.cue.text if main.quote and main.quote.cue else None,
        counted=figure.counted
        or next((d.figure.counted for d in group if d.figure.counted), None),
        polarity=main.polarity,  # type: ignore[arg-type]
        certainty=main.certainty,  # type: ignore[arg-type]
        when=main.when or None,
        refers_to=main.refers_to,
        confidence=max(d.confidence for d in group),
        extractor=EXTRACTOR_VERSION,
        rule=f"speaker:{main.attribution}:{main.quote.rule if main.quote else '-'};qualifier:{_qualifier_rule(figure)}",
    )


def _evidence(draft: _Draft) -> Evidence:
    sent = draft.sentence
    return Evidence(draft.figure.start, draft.figure.end, sent.span.text, sent.start)


def _qualifier_rule(figure: Figure) -> str:
    value = figure.value
    if value.low != value.high:
        return "vague" if value.qualifier == "about" else "range"
    return "lexicon" if value.qualifier != "exact" else "none"
