"""Claims: each figure joined with the attribution that covers it (GUIDELINES "Speaker").

``find_claims(doc, quotes=…, figures=…, times=…)`` builds one draft per figure, then merges
drafts into one :class:`~newsledger.model.Claim` per article, speaker, value and qualifier
(repeated mentions become several :class:`~newsledger.model.Evidence`).

Speakers of the quotes, before any figure is attributed (``_resolve_speakers``):

* a report noun with a genitive owner speaks for the owner (``Laut einer Erhebung des Instituts
  X`` → ``des Instituts X``; lexicon ``report_nouns``);
* a report noun with a relative clause naming its author speaks for the author (``Nach
  ersten Schätzungen, die das bayerische Umweltministerium … vorlegte`` → the ministry); a
  publication speaks for its owner (``heißt es im Epidemiologischen Bulletin des Instituts``,
  ``laut dem Jahresbericht der X``; compound report nouns count);
* collective sources are unnamed (GUIDELINES: null): an indefinite or quantified phrase, a head
  from ``unnamed_sources``, or a bare plural of a ``collective_sources`` noun with only
  adjectives before it (``Russische Militärblogger``, ``Abgeordnete``), or a generic class
  from ``group_nouns``, bare or with ``die`` (``Die Versicherer rechnen mit …``, ``Anleger
  erwarten …``); a relay whose inner
  source is unnamed keeps its innermost named source (``CNN … einen Kommandeur`` → CNN);
* back-references keep their text and take the name of a source named before: ``nach
  ihren/eigenen Angaben`` → the clause subject, else the last named source, else the subject
  opening the previous sentence; ``die Behörde``, ``der Konzern``, ``das Institut`` (lexicon
  ``anaphoric_sources``: generic noun = the name endings it can stand for) → the most recent
  named source, entity mention or previous subject of that kind;
* ``Das geht aus Zahlen des X hervor`` / ``Wie aus dem Bericht des X hervorgeht`` is a
  statement of X (rule ``cue:aus_hervor``; the quotes module does not read it);
* continuations take the speaker of the report they continue: an impersonal ``hieß es
  (weiter)``, ``so hieß es``, ``Weiter hieß es`` or ``In der Mitteilung hieß es`` (a bare
  ``report_nouns`` noun) without a source of its own takes the preceding attributed statement
  of the article, unless its clause opens a new report (lexicon ``report_openers``:
  ``Zuletzt hieß es``, or a date: ``Am Abend hieß es``); a source before the cue (``Von der
  Polizei hieß es``, ``Bei der Agentur X hieß es``) is a new report; carried sentences
  without a speaker of their own take the last source within the paragraph (one paragraph back
  where the quotes module carried over a ``Demnach`` opening); a relay pointing back (``X geht
  von 3.000 aus. Das berichtete Yonhap unter Berufung auf Abgeordnete``) keeps X as the
  innermost source and carries of that relay follow it;
* articles in English (``Article.language`` 'en') get a minimal attribution of their own
  (:func:`english_quotes`: ``according to X``, ``…, X said``, ``X said (that) …``; lexicons
  ``cue_verbs_en``, ``unnamed_sources_en``); the quotes module reads German only.

Attribution of a figure, first rule that applies (``Claim.rule`` starts with its name):

1. ``marker`` — a source marker (``laut X``, ``X zufolge``, ``nach Angaben von X``) with a named
   source whose cue stands in the figure's own clause: the innermost source wins
   (``…, müssten laut X zwei Bedingungen erfüllt sein, sagte der Professor`` → X); a named
   subject of a counting or forecast verb in that clause is more inner still (``marker_relay``:
   ``Laut SDA rechnet die Tourismusorganisation mit …`` → the organisation, SDA in the chain);
2. ``clause_cue`` — a sentence-wide relay (``Wie Yonhap unter Berufung auf X berichtete, ging
   der Geheimdienst von 100 Toten aus``) gives way to a named cue in the figure's own clause;
   ``inverted`` — an unnamed marker in the reported clause (``Nach ersten Angaben seien 3.000
   …, schrieb Präsident X``) gives way to the named inverted cue after the figure;
3. ``content`` — the quote whose content span contains the figure (the smallest one; not a
   quote whose speaker phrase holds the figure), with two clause checks: a content *before* its
   cue counts only when the cue clause is inverted (``…, sagte X``, ``…, so X``, ``…, wie X
   mitteilte``; ``…, die Veranstalter sprachen …`` opens a new statement), and a content that
   takes in its own cue (a reported statement or a ``laut`` marker over the whole sentence) does
   not reach into another clause with a subject of its own (``nach Angaben der Veranstalter
   kamen 7.000, die Polizei zählte 4.000``) unless the cue stands in a ``wie X berichtete, …``
   clause, which scopes the sentence;
4. ``gapping`` — the figure's clause repeats the cue with the verb left out (``Die Polizei
   sprach von 3.000, die Veranstalter von 10.000``): its noun phrase is the source;
4b. ``marker_relative`` — a relative or ``das sind`` clause after a named ``laut`` /
   ``nach Angaben`` marker that is the sentence's only source (``Laut WHO sind 665 Millionen
   beschnitten, das sind etwa 30 Prozent``): the marker's source;
5. ``sentence`` — a quote whose cue stands in the figure's own clause (``die Veranstalter
   sprachen von 10.000`` with the content set elsewhere), else in its sentence, but not when
   the figure's clause has a subject of its own (a new main clause, a relative or a
   subordinate clause) nor when the figure is part of the speaker phrase (``Einer der 13
   Feuerwehrleute sagte``);
6. ``backref`` — the next sentence of the paragraph points back — a pronoun before the cue
   (``Das berichtete X``, ``Dies bestätigte X``) or a demonstrative with a ``report_nouns``
   noun (``Diese Schätzung nannte X``) — and names a source (with the object first, the
   first person/organisation/role mention after the cue, from ``entities.find_mentions``);
6b. ``demnach`` — a sentence with ``demnach`` / ``demzufolge`` (lexicon ``source_adverbs``) and
   no cue of its own takes the last named source of this or the previous paragraph, even where
   it names the counted event's own time (``Im Vorjahreszeitraum waren es demnach 12.000``);
   after all drafts are made, also the source a claim rule found for the figure before it
   (``Das Zollamt ermittelte 95 Fälle. Im Vorjahr waren es demnach 81``; the same for an
   impersonal ``hieß es`` continuation, rule ``continuation``);
7. ``survey_carry`` — an unattributed share (percent, points) or a sentence about the poll
   itself (lexicon ``survey_words``: ``Befragt wurden 1.012 …``) that goes on listing an
   attributed poll or statistic in the same or the next paragraph (after carried shares too),
   until a new source or a new time is named — a time in a comparison (``mehr als im
   Vormonat``) is no new time;
8. ``headline`` — a headline ``X: …`` whose prefix X names a speaker of the body (the same
   word, a close spelling ``Selenski``/``Selenskyj``, or a compound end); topic prefixes name no
   speaker;
8b. ``wie_clause`` — a sentence opening ``Wie X, …, mitteilte, …`` that the quotes module did
   not read: X for the whole sentence;
9. ``subject_verb`` — a verb of counting or stating (lexicon ``count_verbs``: ``zählte``,
   ``registrierte``, ``hatte … von … gesprochen``) or of forecasting (lexicon
   ``forecast_verbs``: ``rechnet mit``, ``stellte … in Aussicht``, ``war von … ausgegangen``;
   also governing the figure's ``dass`` / ``zu`` clause: ``X rechnet damit, dass …``) in the
   figure's clause; its subject — the noun phrase opening the clause or sentence (a relative
   clause in commas allowed), or after an adverbial the phrase right after the finite verb or
   auxiliary (``Am Donnerstag hatte die Behörde noch von 212 Toten gesprochen``) — is the
   source (``Das Bündnis „X“, das … aufgerufen hatte, zählte 20.000``), a generic noun
   resolved like the quotes' speakers; also where the figure's clause has a subject of its
   own (``…, die Polizei zählte 4.000``);
10. ``outlet`` — none: the outlet states the figure itself (speaker None).

(In English articles: ``english`` — the English source of the figure's sentence — then
``headline``, then ``outlet``.)

The cascade's pick is the first of the figure's candidates; the attribution package
(``extractors/attribution``) adds the others (other cues of the sentence, a ``Wie X, …,
mitteilte`` clause, the clause's subject, the paragraph's carried source, the article's main
source, a name in apposition, no named source), and its ranker chooses among them where the
cascade's rule is one it may override (``ranker.choose``). Every claim keeps its candidates
with their scores (``Claim.candidates``). A candidate that names no entity (one plain common
noun, a pronoun) is kept unnamed; an unnamed spokesperson speaks for the body (``eine
Sprecherin des Ministeriums`` → Ministerium); a definite report noun alone (``Dem Bericht
zufolge``) speaks for whoever opened the sentence that mentioned the report, in this or the
previous paragraph.

A quote with an unnamed speaker (``Behörden zufolge``) is kept as ``Speaker(named=False)``;
claims without a named speaker share one key (GUIDELINES: scored as null).

Polarity is ``denied`` when a ``denials`` phrase stands in the figure's sentence (a denial verb
with ``nicht``/``weder``/``nie`` in its clause does not count; nor does a negated
confirmation confirm; a figure after a colon that follows the denial is the denier's own:
``X wies das zurück: Es seien 12 Millionen``). Certainty, first match in the sentence:
``forecast_cues`` → expected, ``estimates`` → estimated, ``allegations`` → alleged (also any
impersonal ``hieß es`` / ``die Rede`` attribution — but not where the source is named:
``hieß es weiter`` after X, ``heißt es im Bulletin des X``; and a ``soll`` only in the
figure's clause or a main clause, not in a relative clause about something else),
``confirmations`` → confirmed, else reported. Where a claim's mentions differ, the first mention outside the headline decides.

``when`` (from ``extractors.times.resolve.statement_date``) is the date the source stated the figure (never a date after publication nor a
``für`` / ``bis`` / ``ab`` target: ``Für 2025 erwartet der IWF …``): a DATE time expression in
the attribution clause (the cue's sentence outside the quoted content, a ``wie X am Montag berichtete``
clause, a relative clause on the source marker — ``laut Zahlen, die am Dienstag
veröffentlicht wurden`` —, a date in the marker's own phrase — ``nach Angaben der Polizei vom
Dienstag`` —, the clause of a cue verb in the perfect — ``Am Donnerstag hatte
die Behörde … mitgeteilt`` — or right after the cue verb — ``meldete am Montag``); else the date of the same speaker's
statement in this or the previous paragraph; else the publication date. ``refers_to`` is a
date inside the figure's clause (a forecast's ``bis Dezember``, the counted event's time).

Merging: mentions that count different things (``zwei Einheiten`` / ``zwei Brigaden``: both
counted nouns given, units and heads differ) stay separate claims. A headline ``X: …`` whose
prefix names a speaker and whose figure repeats a body claim (same value, qualifier and
thing) becomes a mention of it: the body claim whose speaker X names, else the only one, else
the only asserted one with a named speaker — a headline states, it does not deny. An
unsourced headline figure (no prefix, or a topic prefix) is the outlet's own statement and
stays a claim of its own with speaker null (GUIDELINES).

Confidence (0–1) = figure × attribution, rounded to 2 places:

* figure: 0.95 for digits, 0.85 for numeral words, vague words and fractions;
* attribution: the quote's own confidence (the quotes module's per-rule prior), +0.1 when the
  speaker is named (at most 1.0), ×0.9 for the ``sentence`` rule, ×0.8 for ``backref``;
  ``gapping`` takes 0.9 × its model quote's; ``survey_carry`` 0.8 × the carried claim's;
  ``demnach`` 0.8 × the carried quote's; a ``cue:aus_hervor`` statement has a prior of 0.7;
  ``headline`` a prior of 0.6 (+0.1 named); ``subject_verb`` and ``english`` a prior of
  0.6 (+0.1 named);
  0.7 for ``outlet`` (most unattributed figures are indeed the outlet's own).
  When mentions merge, the claim keeps the highest confidence of its mentions.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.extractors.attribution import ranker
from newsledger.extractors.attribution.candidates import (
    Proposal,
    propose,
    to_candidates,
    wie_clause_quote,
)
from newsledger.extractors.attribution.lexicon import ADVERBIAL_SUBORDINATORS
from newsledger.extractors.attribution.lexicon import COMPLEMENTISERS as _COMPLEMENTISERS
from newsledger.extractors.attribution.lexicon import COORDINATORS, IMPERSONAL_CUES, SOURCE_MARKERS
from newsledger.extractors.attribution.lexicon import DEFINITE_ARTICLES as _DETERMINERS
from newsledger.extractors.attribution.lexicon import DEFINITE_ARTICLES as _DEFINITE
from newsledger.extractors.attribution.lexicon import DEMONSTRATIVES as _PRONOUNS
from newsledger.extractors.attribution.lexicon import HABEN_FORMS as _AUXILIARIES
from newsledger.extractors.attribution.lexicon import OWNER_POSSESSIVES
from newsledger.extractors.attribution.lexicon import QUANTIFIERS as _QUANTIFIERS
from newsledger.extractors.attribution.lexicon import RELATIVE_PRONOUNS as _RELATIVE_PRONOUNS
from newsledger.extractors.attribution.lexicon import RELATIVE_PRONOUNS as _RELATIVES
from newsledger.extractors.attribution.lexicon import SEIN_FORMS as _SEIN_AUXILIARIES
from newsledger.extractors.attribution.lexicon import SOURCE_PREPOSITIONS
from newsledger.extractors.attribution.names import (
    antecedent,
    entity_name,
    generic_noun,
    is_outlet_compound,
    names_no_entity,
    spokesperson_body,
    with_apposed_person,
)
from newsledger.extractors.attribution.statements import missed_statements
from newsledger.extractors.attribution_np import (
    doc_memo,
    DETERMINERS,
    INDEFINITE,
    SKIPPABLE_ADVERBS,
    is_capitalised,
    phrase_after,
)
from newsledger.extractors.entities import (
    find_mentions,
    is_acronym,
    resolver_for,
    is_known_common_noun,
    is_org_word,
    is_role_word,
)
from newsledger.extractors.figures import matches_stem
from newsledger.extractors.times.resolve import statement_date
from newsledger.lexicons import lexicon
from newsledger.model import (
    Candidate,
    Claim,
    Evidence,
    Figure,
    Mention,
    Quote,
    Source,
    Speaker,
    TimeExpr,
)
from newsledger.model import Span as SpanRecord
from newsledger.nlp import clause as _clause_tokens
from newsledger.nlp import paragraph_index, sentences, text_of
from newsledger.nlp import token_at as _token_at

EXTRACTOR_VERSION = "claims-0.4"

_IMPERSONAL_RULES = ("hiess_es", "die_rede")
_MARKER_CUES = SOURCE_MARKERS | {"angaben"}
_DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")
_CLAUSE_BREAKS: frozenset[str] = frozenset(
    {",", ";", ":", "–", "—", "(", ")", "„", "“", '"', "»", "«"}
)
_NEGATIONS = frozenset({"nicht", "weder", "nie", "niemals"})
_CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—"})
# clause openers skipped before a subject: the coordinators and two subordinators that contrast
_CONJUNCTIONS = COORDINATORS | {"während", "wobei"}
# a clause opening with one of these has its own subject ('als noch vier Länder kandidierten');
# a 'dass' clause is a statement's content, not a clause of its own here
_SUBORDINATORS = ADVERBIAL_SUBORDINATORS | {"ob"}
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
    candidates: tuple[Candidate, ...] = ()


class _Context:
    """The article-wide facts every draft needs: sentences, quotes, times, lexicons."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote], times: Sequence[TimeExpr]):
        self.doc = doc
        article = doc._.article
        self.article_id = article.id if article is not None else ""
        self.published = (article.published if article is not None else None) or ""
        self.sentences = [_sentence(doc, s) for s in sentences(doc)]
        self.starts = [s.start for s in self.sentences]
        self.back_references = lexicon(doc, "back_references")
        self.language = ((article.language if article is not None else None) or "de")[
            :2
        ].lower()
        self.unnamed_heads = lexicon(doc, "unnamed_sources")
        self.report_nouns = lexicon(doc, "report_nouns")
        self.collective_words = lexicon(doc, "collective_sources")
        self.group_nouns = lexicon(doc, "group_nouns")
        self._mentions: list[Mention] | None = None
        self.times = sorted(
            (t for t in times if _DATE_VALUE.match(t.value or "")),
            key=lambda t: t.start,
        )
        if self.language == "en":
            quotes = list(quotes) + list(english_quotes(doc, self))
        else:
            quotes = list(quotes) + list(_emerges_from_quotes(doc, self, quotes))
            quotes += missed_statements(doc, [s.span for s in self.sentences], quotes,
                                        self.article_id)
        self.quotes = sorted(
            _resolve_speakers(quotes, self), key=lambda q: q.content.start
        )
        self.cues = {name: _Phrases(lexicon(doc, name)) for name in _CUE_LEXICONS}
        self.subjunctive_memo: dict[int, bool] = {}

    def mentions(self) -> list[Mention]:
        """Entity mentions, found only when a rule needs them (most articles never do)."""
        if self._mentions is None:
            self._mentions = list(find_mentions(self.doc))
        return self._mentions

    def subject_source(self, figure: Figure, sent: _Sentence) -> Quote | None:
        return _any_verb_subject(figure, sent, self)

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
    trace: list[tuple[Figure, list[Proposal]]] | None = None,
) -> Iterator[Claim]:
    """One claim per speaker, value and qualifier, with every mention as evidence.
    ``trace`` (training) receives each figure with its scored candidate proposals."""
    if not figures:
        return
    ctx = _Context(doc, quotes, times)
    drafts = [_draft(figure, ctx) for figure in figures]
    _carry_survey_results(drafts, ctx)
    _carry_source_adverbs(drafts, ctx)
    for draft in drafts:
        _rank(draft, ctx, trace)
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
        certainty=_certainty(scope, quote, ctx, figure),
        when=when,
        refers_to=refers_to,
        confidence=_confidence(figure, quote, rule),
    )


def _attribution(
    figure: Figure, sent: _Sentence, ctx: _Context
) -> tuple[Quote | None, str]:
    if ctx.language == "en":
        return _english_attribution(figure, sent, ctx)
    containing = [
        q
        for q in ctx.quotes
        if _covers(q, figure, ctx.doc) and not _in_speaker(q, figure)
    ]
    marker = _marker_in_clause(figure, sent, ctx)
    if marker is not None:
        inner = _relayed_subject(figure, sent, marker, ctx)
        return (inner, "marker_relay") if inner is not None else (marker, "marker")
    if containing:
        best = min(
            containing, key=lambda q: (q.content.end - q.content.start, -q.confidence)
        )
        own = _own_clause_cue(figure, sent, best, ctx)
        if own is not None:
            return own, "clause_cue"
        if not _is_named(best):
            inverted = _inverted_named_cue(figure, sent, ctx)
            if inverted is not None:
                return inverted, "inverted"
        return best, "content"
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
        verb = _counting_verb_subject(
            figure, sent, ctx
        )  # '…, die Polizei zählte 4.000'
        if verb is not None:
            return verb, "subject_verb"
        marker = _marker_over_relative(figure, in_sentence, ctx)
        return (marker, "marker_relative") if marker is not None else (None, "outlet")
    if in_sentence:
        return min(
            in_sentence, key=lambda q: abs(q.cue.start - figure.start)
        ), "sentence"  # type: ignore[union-attr]
    backref = _back_reference(sent, ctx)
    if backref is not None:
        return backref, "backref"
    earlier = _demnach_source(sent, ctx)
    if earlier is not None:
        return earlier, "demnach"
    headline = _headline_source(sent, figure, ctx) if sent.is_headline else None
    if headline is not None:
        return headline, "headline"
    wie = wie_clause_quote(sent, ctx.doc)
    if wie is not None:
        return wie, "wie_clause"
    verb = _counting_verb_subject(figure, sent, ctx) if not sent.is_headline else None
    if verb is not None:
        return verb, "subject_verb"
    return None, "outlet"


def _rank(draft: _Draft, ctx: _Context, trace: list | None) -> None:
    """The ranker decides among the cascade's pick and the other candidates (attribution
    package); a different choice replaces the draft's source and its dates."""
    if ctx.language == "en":
        return
    proposals = propose(draft.figure, draft.sentence, draft.quote, draft.attribution, ctx)
    scores = [ranker.score(p.features) for p in proposals]
    chosen = ranker.choose([p.features for p in proposals])
    draft.candidates = to_candidates(ctx.doc, proposals, scores, chosen)
    if trace is not None:
        trace.append((draft.figure, proposals))
    if chosen == 0:
        draft.speaker = proposals[0].speaker  # an entity, or unnamed ('Auszählung')
        return
    pick = proposals[chosen]
    draft.attribution = f"ranker:{pick.signal}"
    draft.speaker = pick.speaker
    if pick.quote is not draft.quote:
        draft.quote = pick.quote
        draft.when, draft.refers_to = _dates(draft.figure, draft.sentence, pick.quote, ctx)
        draft.certainty = _certainty([draft.sentence], pick.quote, ctx, draft.figure)


def _demnach_source(sent: _Sentence, ctx: _Context) -> Quote | None:
    """'Im Vorjahreszeitraum waren es demnach 12.000': 'demnach' stands for the source of the
    report before it (this paragraph or the previous one), even where the sentence names the
    counted event's own time — only a new report (a cue of its own) ends the carry. The
    adverbs ('demnach', 'demzufolge') are lexicon ``source_adverbs``."""
    if not _has_source_adverb(sent, ctx):
        return None
    before = [
        q
        for q in ctx.quotes
        if q.cue is not None and q.cue.start < sent.start and _is_named(q)
        and 0 <= sent.paragraph - ctx.sentence_at(q.cue.start).paragraph <= 1
    ]
    if not before:
        return None
    last = max(before, key=lambda q: q.cue.start)  # type: ignore[union-attr]
    later = [
        q for q in ctx.quotes
        if q.cue is not None and last.cue.start < q.cue.start < sent.start  # type: ignore[union-attr]
    ]
    return None if later else last


def _has_source_adverb(sent: _Sentence, ctx: _Context) -> bool:
    adverbs = lexicon(ctx.doc, "source_adverbs")
    return any(t.lower_ in adverbs for t in sent.span)


def _carry_source_adverbs(drafts: list[_Draft], ctx: _Context) -> None:
    """'Das Zollamt ermittelte 95 Fälle. Im Vorjahr waren es demnach 81' / 'Es seien 40
    Festnahmen, hieß es': where the source before came from a claim rule (a counting verb)
    rather than a quote, an unattributed figure in a sentence with 'demnach' / 'demzufolge'
    (this paragraph or the next) or in an impersonal 'hieß es' continuation without a source
    (anywhere after) takes the source of the figure before it — unless a new report (a cue)
    stands between."""
    ordered = sorted(drafts, key=lambda d: d.figure.start)
    for k, draft in enumerate(ordered):
        sent = draft.sentence
        if sent.is_headline:
            continue
        unsourced = draft.attribution == "outlet" or (
            draft.quote is not None  # the quotes module's 'demnach' with nothing to carry
            and "demnach" in (draft.quote.rule or "")
            and not _is_named(draft.quote)
        )
        adverb = unsourced and _has_source_adverb(sent, ctx)
        impersonal = (
            draft.speaker is None
            and draft.quote is not None
            and _is_continuation(draft.quote, ctx)
            and _is_impersonal(draft.quote.rule or "")
        )
        if not (adverb or impersonal):
            continue
        earlier = [d for d in ordered[:k] if d.sentence.end <= sent.start]
        if not earlier:
            continue
        last = earlier[-1]
        if last.speaker is None or (
            adverb and not 0 <= sent.paragraph - last.sentence.paragraph <= 1
        ):
            continue
        own_cue = draft.quote.cue if draft.quote is not None else None
        if any(
            q.cue is not None
            and q.cue != own_cue
            and last.sentence.end <= q.cue.start < sent.end
            for q in ctx.quotes
        ):
            continue
        rule = "demnach" if adverb else "continuation"
        draft.quote, draft.speaker, draft.attribution = last.quote, last.speaker, rule
        draft.confidence = round(last.confidence * 0.8, 2)
        draft.certainty = _certainty([sent], last.quote, ctx, draft.figure)


def _is_named(quote: Quote) -> bool:
    return quote.speaker is not None and quote.speaker.named


def _relayed_subject(figure: Figure, sent: _Sentence, marker: Quote, ctx: _Context) -> Quote | None:
    """'Laut SDA rechnet die Tourismusorganisation mit einem Plus von 5 Prozent': the named
    subject of a counting or forecast verb in the marker's clause is the innermost source
    (GUIDELINES: relays); the marker's source goes in the chain."""
    inner = _counting_verb_subject(figure, sent, ctx)
    if inner is None or not _is_named(inner) or names_no_entity(ctx.doc, inner.speaker):
        return None
    if _in_speaker(inner, figure) or inner.speaker.start <= marker.speaker.start < inner.speaker.end:
        return None
    outer = marker.speaker
    chain = (Source(outer.text, outer.name), Source(inner.speaker.text, inner.speaker.name))
    return replace(inner, source_chain=chain, rule=f"{inner.rule}+in_relay")


def _own_clause_cue(
    figure: Figure, sent: _Sentence, best: Quote, ctx: _Context
) -> Quote | None:
    """'Wie Yonhap unter Berufung auf X berichtete, ging der Geheimdienst von 100 Toten aus':
    a sentence-wide relay gives way to the cue in the figure's own clause, whose subject is
    the innermost source; the relay goes in the chain."""
    cue = best.cue
    if cue is None or not (best.content.start <= cue.start < best.content.end):
        return (
            None  # only a statement that takes in its own cue scopes the whole sentence
        )
    if _same_clause(ctx.doc, cue.start, figure.start, _CLAUSE_PUNCT):
        return None
    for quote in ctx.quotes:
        own = quote.cue
        if (
            quote is best
            or own is None
            or not _is_named(quote)
            or _in_speaker(quote, figure)
        ):
            continue
        if not (sent.start <= own.start < figure.start):
            continue
        if _same_clause(ctx.doc, own.start, figure.start, _CLAUSE_PUNCT):
            speaker = quote.speaker
            chain = tuple(best.source_chain)
            if chain:
                chain += (Source(speaker.text, speaker.name),)  # type: ignore[union-attr]
            return replace(quote, source_chain=chain, rule=f"{quote.rule}+in_relay")
    return None


def _inverted_named_cue(figure: Figure, sent: _Sentence, ctx: _Context) -> Quote | None:
    """'Nach ersten Angaben seien 3.000 getötet worden, schrieb Präsident X': an unnamed
    marker in the reported clause is the speaker's own hedge; the inverted cue after the
    figure names the source."""
    after = [
        q
        for q in ctx.quotes
        if q.cue is not None
        and figure.end <= q.cue.start < sent.end
        and _is_named(q)
        and _is_inverted_cue(ctx.doc, q.cue.start)
    ]
    return min(after, key=lambda q: q.cue.start) if after else None  # type: ignore[union-attr]


def _counting_verb_subject(
    figure: Figure, sent: _Sentence, ctx: _Context
) -> Quote | None:
    """'Die Polizei zählte 8.000 Teilnehmer', 'Das Ministerium hatte von bis zu 8.000 Soldaten
    gesprochen', 'Am Samstag meldete die Behörde 300 Fälle', 'Am Donnerstag hatte die Behörde
    noch von 212 Toten gesprochen': a verb of counting or stating (lexicon ``count_verbs``) or
    of forecasting (lexicon ``forecast_verbs``: 'rechnet mit', 'stellte … in Aussicht') in the
    figure's clause — or, for a forecast, in the clause governing the figure's 'dass' / 'zu'
    clause — whose subject is the sentence's opening noun phrase (or, after an adverbial, the
    phrase right after the finite verb). A generic subject ('die Behörde') takes the name of
    the organisation named before (as the quotes' speakers do)."""
    found = _stating_verb(figure, ctx)
    if found is None:
        return None
    verb, forecast = found
    return _subject_quote(verb, figure, sent, ctx, forecast=forecast,
                          rule="count_verb" if not forecast else "forecast_verb")


def _any_verb_subject(figure: Figure, sent: _Sentence, ctx: _Context) -> Quote | None:
    """The subject of the first lower-case word of the figure's clause that takes one as its
    finite verb ('hatte die NASA drei Flüge vorgesehen', 'Der Senat plant …'), whatever the
    verb: a candidate for the ranker (attribution package), not a rule of the cascade."""
    verbs = [t for t in _clause_tokens(ctx.doc, figure.start)
             if t.is_lower and t.is_alpha and t.lower_ not in _DETERMINERS]
    for token in verbs[:_VERB_TRIES]:
        quote = _subject_quote(token, figure, sent, ctx, forecast=True, rule="subject")
        if quote is not None:
            return quote
    return None


_VERB_TRIES = 3  # the finite verb stands among a clause's first lower-case words


def _subject_quote(verb: Token, figure: Figure, sent: _Sentence, ctx: _Context, *,
                   forecast: bool, rule: str) -> Quote | None:
    toks = sent.span
    phrase = _subject_phrase(toks, verb, figure, forecast=forecast)
    if phrase is None or phrase.start_char <= figure.start < phrase.end_char:
        return None  # 'Ein Drittel gab an': the figure is the subject, not its source
    words = [t.text for t in phrase]
    named = not _is_unnamed_phrase(words, ctx)
    name = " ".join(t.text for t in phrase if t.lower_ not in DETERMINERS).strip("„“ ")
    speaker = Speaker(
        phrase.text, phrase.start_char, phrase.end_char, name, named, None
    )
    speaker = _resolve_in_context(speaker, ctx) if named else speaker
    if phrase[0].lower_ in _SUBJECT_PERSONAL and len(phrase) == 1:
        person = resolver_for(ctx.doc).pronoun(phrase.start_char, _last_named_before(phrase.start_char, ctx))
        if person is None:
            return None
        speaker = replace(speaker, name=person, kind="PER")
    cue = SpanRecord(verb.idx, verb.idx + len(verb.text), verb.text)
    content = SpanRecord(sent.start, sent.end, sent.span.text)
    return Quote(
        ctx.article_id,
        "reported",
        speaker,
        cue,
        content,
        confidence=0.6,
        rule=rule,
    )


_SUBJECT_PERSONAL = frozenset({"er", "sie"})


def _last_named_before(char: int, ctx: _Context) -> Speaker | None:
    """The named speaker of the last statement whose cue stands before ``char``."""
    before = [q for q in ctx.quotes if q.cue is not None and q.cue.start < char and _is_named(q)]
    return max(before, key=lambda q: q.cue.start).speaker if before else None  # type: ignore[union-attr]


def _stating_verb(figure: Figure, ctx: _Context) -> tuple[Token, bool] | None:
    """(verb, is a forecast) for the figure: a counting or forecasting verb in its clause
    (before the figure first), else a forecasting verb in the clause that governs the figure's
    'dass' / 'zu' clause ('X rechnet damit, dass 2.600 …', 'X stellte in Aussicht, 500.000 …
    zu bauen')."""
    doc = ctx.doc
    counts, forecasts = lexicon(doc, "count_verbs"), _forecast_forms(ctx)
    clause = _clause_tokens(doc, figure.start)

    def forecast_verb(tokens: SpacySpan) -> Token | None:
        words = {t.lower_ for t in tokens}
        for t in tokens:
            needs = forecasts.get(t.lower_)
            if needs is not None and (not needs or needs & words):
                return t
        return None

    for before in (True, False):
        for t in clause:
            if (t.idx < figure.start) != before or t.lower_ not in counts:
                continue
            if not _is_attributive(t, figure):
                return t, False
            break
    verb = forecast_verb(clause)
    if verb is not None and not _is_attributive(verb, figure):
        return verb, True
    if not _is_complement_clause(clause) or clause.start == clause.sent.start:
        return None
    governing = _clause_tokens(doc, doc[clause.start - 1].idx - 1) if clause.start >= 2 else None
    verb = forecast_verb(governing) if governing is not None else None
    return (verb, True) if verb is not None else None


def _forecast_forms(ctx: _Context) -> dict[str, frozenset[str]]:
    """``forecast_verbs`` as word form → the words one of which must stand in its clause
    (built once per doc; read only)."""
    memo = doc_memo(ctx.doc)
    found = memo.get("claims:forecast_forms")
    if found is not None:
        return found
    forms: dict[str, set[str]] = {}
    for entry in lexicon(ctx.doc, "forecast_verbs"):
        form, _, needs = entry.partition("|")
        forms.setdefault(form, set()).update([needs] if needs else [])
    found = memo["claims:forecast_forms"] = {form: frozenset(needs) for form, needs in forms.items()}
    return found


def _is_complement_clause(clause: SpacySpan) -> bool:
    """'dass 2.600 Stellen wegfallen', '2025 rund 500.000 Fahrzeuge zu bauen': a clause with no
    subject of its own that a verb before it governs."""
    words = [t for t in clause if not t.is_punct]
    if not words:
        return False
    if words[0].lower_ == "dass":
        return True
    return len(words) >= 2 and words[-2].lower_ == "zu" and words[-1].is_lower


def _resolve_in_context(speaker: Speaker, ctx: _Context) -> Speaker:
    """A generic noun phrase found by a claim rule ('die Behörde') resolved as the quotes'
    speakers are (``_resolve_back_references``): the named source of that kind before it."""
    kinds = _anaphor_kinds(ctx)
    if _anaphor_head(speaker.text, kinds) is None:
        return speaker
    named = sorted(
        (
            q.speaker
            for q in ctx.quotes
            if q.speaker is not None
            and q.speaker.named
            and q.speaker.start < speaker.start
            and not _anaphor_head(q.speaker.text, kinds)
        ),
        key=lambda sp: sp.start,
    )
    return _resolve_back_reference(speaker, named, kinds, ctx) or speaker


def _is_attributive(verb: Token, figure: Figure) -> bool:
    """'mit 77 registrierten Gewalttaten': a participle used as an adjective, not a verb."""
    if verb.i == 0:
        return False
    doc = verb.doc
    before = doc[verb.i - 1]
    if before.lower_ in DETERMINERS:
        return True
    noun_after = verb.i + 1 < len(doc) and is_capitalised(doc[verb.i + 1])
    return noun_after and (before.like_num or figure.start <= before.idx < figure.end)


# 'Die Behörde war zunächst von 200 Toten ausgegangen': verbs whose perfect takes 'sein'.
_SEIN_PERFECTS = frozenset(["ausgegangen"])


def _subject_phrase(
    toks: SpacySpan, verb: Token, figure: Figure, *, forecast: bool = False
) -> SpacySpan | None:
    """The noun phrase opening the sentence when the finite verb (``verb`` or an auxiliary)
    follows it, a relative clause in commas allowed; else, after an opening adverbial, the
    phrase right after the finite verb ('Am Donnerstag hatte die Behörde … gesprochen'). Only a
    forecast may have its figure before the finite verb ('Mit 3.000 Teilnehmern rechnet die
    Polizei'; but 'Zu den 4.000 Gästen zählten …')."""
    auxiliaries = _AUXILIARIES | (
        _SEIN_AUXILIARIES if verb.lower_ in _SEIN_PERFECTS else frozenset()
    )
    verb_at = verb.i - toks.start
    clause_start = max(
        (k + 1 for k in range(verb_at) if toks[k].text in _CLAUSE_PUNCT), default=0
    )
    while clause_start < verb_at and toks[clause_start].lower_ in _CONJUNCTIONS:
        clause_start += 1
    if clause_start:  # '…, die Polizei zählte 4.000'
        end = _noun_phrase_end(toks, clause_start)
        if (
            end is not None
            and end < len(toks)
            and (toks[end].i == verb.i or toks[end].lower_ in auxiliaries)
        ):
            return toks[clause_start:end]
    end = _noun_phrase_end(toks, 0)
    if end is None and len(toks) > 1 and toks[0].lower_ in _SUBJECT_PERSONAL and (
            toks[1].i == verb.i or toks[1].lower_ in auxiliaries):
        return toks[0:1]  # 'Sie rechnet damit, dass …': the person named before (resolved later)
    if end is not None:
        j = end
        if (
            j < len(toks)
            and toks[j].text == ","
            and j + 1 < len(toks)
            and toks[j + 1].lower_ in _RELATIVES
        ):
            j = next(
                (k + 1 for k in range(j + 1, len(toks)) if toks[k].text == ","),
                len(toks),
            )
        if j < len(toks) and (toks[j].i == verb.i or toks[j].lower_ in auxiliaries):
            return toks[0:end]
        return None
    finite = next(
        (
            k
            for k in range(1, verb_at + 1)
            if toks[k].i == verb.i or toks[k].lower_ in auxiliaries
        ),
        None,
    )
    if finite is None or (toks[finite].idx > figure.start and not forecast):
        return None  # 'Zu den 4.000 Gästen zählten …': the figure stands before the verb
    if 0 < finite < len(toks) - 1 and not any(
        t.text in _CLAUSE_PUNCT for t in toks[:finite]
    ):
        after = _noun_phrase_end(toks, finite + 1)
        if after is not None:
            return toks[finite + 1 : after]
    return None


def _noun_phrase_end(toks: SpacySpan, i: int) -> int | None:
    """End (exclusive, span-relative) of '[det] [adjectives] Noun… [„Name“]' starting at i."""
    j = i
    if j < len(toks) and toks[j].lower_ in DETERMINERS:
        j += 1
        while (
            j < len(toks)
            and toks[j].is_lower
            and toks[j].is_alpha
            and toks[j].lower_.endswith(_ADJ_ENDINGS)
        ):
            j += 1  # adjectives only after a determiner: 'unter', 'über' are no adjectives
    first_noun = j
    if j < len(toks) and toks[j].text in ("„", "»") and j > i:  # 'Die „Kampagne für …“'
        close = next(
            (
                k
                for k in range(j + 1, min(len(toks), j + 10))
                if toks[k].text in ("“", "«")
            ),
            None,
        )
        if close is None:
            return None
        return close + 1
    if j + 1 < len(toks) and j == i and toks[j].lower_ in _ADVERB_OPENERS:
        return None  # 'Danach verzeichnete …': an adverb, not a subject
    while j < len(toks) and (is_capitalised(toks[j]) and not toks[j].like_num):
        if toks[j].lower_ in _NOT_SUBJECTS:
            return None
        j += 1
        if (  # 'Die Bundesagentur für Arbeit', 'Das Institut der deutschen Wirtschaft'
            j + 1 < len(toks)
            and toks[j].lower_ in _NOUN_LINKS
            and (is_capitalised(toks[j + 1]) or toks[j + 1].lower_ in ("der", "des"))
        ):
            if is_capitalised(toks[j + 1]):
                j += 2
            else:  # 'der deutschen Wirtschaft'
                k = j + 2
                while (
                    k < len(toks)
                    and toks[k].is_lower
                    and toks[k].lower_.endswith(_ADJ_ENDINGS)
                ):
                    k += 1
                if k < len(toks) and is_capitalised(toks[k]):
                    j = k
    if j == first_noun:
        return None
    if j < len(toks) and toks[j].text in ("„", "»", '"'):
        close = next(
            (
                k
                for k in range(j + 1, min(len(toks), j + 8))
                if toks[k].text in ("“", "«", '"')
            ),
            None,
        )
        if close is not None:
            j = close + 1
    return j


_NOT_SUBJECTS = SOURCE_MARKERS | {"demnach"}
_ADVERB_OPENERS = SKIPPABLE_ADVERBS | frozenset(
    [
        "danach",
        "demgegenüber",
        "dagegen",
        "daraufhin",
        "dadurch",
        "hierbei",
        "insgesamt",
        "seither",
        "seitdem",
        "anschließend",
        "derzeit",
        "aktuell",
        "unterdessen",
        "ebenso",
    ]
)
_NOUN_LINKS = frozenset({"für", "der", "des"})


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
    words = [t.lower_ for t in prefix]
    for quote in ctx.quotes:
        speaker = quote.speaker
        if speaker is None or not speaker.named or speaker.start < sent.end:
            continue
        if _speaker_matches(words, speaker):
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
                colon_span.end, sent.end, text_of(ctx.doc)[colon_span.end : sent.end]
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
    if cue.start > figure.end and _is_inverted_cue(doc, cue.start):
        return True  # 'Es habe 50 Verletzte gegeben, hieß es weiter'
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


_ATTRIBUTION_OPENERS = IMPERSONAL_CUES | {"wie", "so"}


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


_RELATIVE_OPENERS = frozenset({"der", "die", "das", "dem", "den", "deren", "dessen", "welche",
                               "welcher", "welches", "was"})


def _marker_over_relative(figure: Figure, in_sentence: list[Quote], ctx: _Context) -> Quote | None:
    """'Laut WHO sind 665 Millionen Männer beschnitten, das sind etwa 30 Prozent' / 'Nach
    Angaben von X war es ein Sprengsatz, der in 1,5 Metern Höhe gezündet wurde': a relative or
    'das sind' clause belongs to the report of the sentence's only source, a named marker
    before it."""
    if len(in_sentence) != 1:
        return None
    quote = in_sentence[0]
    cue = quote.cue
    if (cue is None or cue.start > figure.start or not _is_named(quote)
            or cue.text.split()[0].lower() not in _MARKER_CUES):
        return None
    clause = _clause_tokens(ctx.doc, figure.start)
    opener = next((t for t in clause if not t.is_punct), None)
    if opener is not None and opener.lower_ in _RELATIVE_OPENERS:
        return quote
    # 'Laut APA hatten mehrere Versorger, etwa in X und Y, Senkungen um 10 Prozent
    # angekündigt': a parenthesis cut the marker's clause; a clause with no finite verb
    # before the figure and no subordinator is still the marker's
    return quote if _continues_marker_clause(clause, figure) else None


def _continues_marker_clause(clause: SpacySpan, figure: Figure) -> bool:
    before = [t for t in clause if t.idx < figure.start and not t.is_punct]
    if not before or before[0].lower_ in _SUBORDINATORS | _COMPLEMENTISERS | _CONJUNCTIONS:
        return False
    return all(not (t.is_lower and t.is_alpha and t.lower_.endswith(_FINITE_ENDINGS)) or
               t.lower_ in _NON_VERBS for t in before)


# Endings of finite verbs ('zählte', 'meldet', 'kamen' …) the clause before a figure must not
# hold for it to continue another clause; lower-case function words that end alike do not count.
_FINITE_ENDINGS = ("te", "ten", "t", "en", "n")
_NON_VERBS = frozenset({"etwa", "rund", "zwischen", "von", "bis", "um", "auf", "in", "an", "mit",
                        "den", "dem", "der", "die", "das", "und", "oder", "nicht", "erst",
                        "bereits", "zuvor", "insgesamt", "allein", "noch", "mehr", "weniger",
                        "unter", "über", "nach", "seit", "zusammen", "jeweils"})


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
        phrase.start_char, figure.end, text_of(ctx.doc)[phrase.start_char : figure.end]
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
    kommt die SPD auf 16 Prozent. Das sind 2 Punkte mehr als im Vormonat. Die Union liegt bei
    32 Prozent …') keep its source, within the paragraph or the next one, until a new source or
    a new time is named (GUIDELINES "Speaker"). A time in a comparison ('mehr als im
    Vormonat', 'gegenüber dem Vorjahr') is no new time: it only says what the share is set
    against."""
    last: _Draft | None = None
    survey_words = lexicon(ctx.doc, "survey_words")
    for draft in sorted(drafts, key=lambda d: d.figure.start):
        new_time = _names_new_time(draft.sentence, ctx)
        if draft.figure.value.unit not in _SHARE_UNITS and not _mentions_survey(
            draft.sentence, survey_words
        ):
            continue
        fits = (
            draft.attribution == "outlet"
            and last is not None
            and not draft.sentence.is_headline
            and 0 <= draft.sentence.paragraph - last.sentence.paragraph <= 1
            and not new_time
        )
        if fits:
            draft.quote, draft.speaker, draft.attribution = (
                last.quote,
                last.speaker,
                "survey_carry",
            )  # type: ignore[union-attr]
            draft.confidence = round(last.confidence * 0.8, 2)  # type: ignore[union-attr]
            if last.when and draft.when == ctx.published and last.when != ctx.published:
                draft.when = last.when
        if draft.speaker is not None:
            last = draft
        elif draft.attribution == "outlet" and new_time:
            last = None


_COMPARISON_WORDS = frozenset(
    {"als", "gegenüber", "vergleich", "verglichen", "zum", "zur", "vom"}
)


def _names_new_time(sent: _Sentence, ctx: _Context) -> bool:
    """A date in the sentence that is not the far side of a comparison ('als im Vormonat')."""
    doc = ctx.doc
    for time in ctx.times:
        if not (sent.start <= time.start < sent.end):
            continue
        first = _token_at(doc, time.start).i
        before = {t.lower_ for t in doc[max(sent.span.start, first - 3) : first]}
        if not before & _COMPARISON_WORDS:
            return True
    return False


_SHARE_UNITS = frozenset({"percent", "percentage_points"})


def _mentions_survey(sent: _Sentence, words: frozenset[str]) -> bool:
    """'Befragt wurden 1.012 Leipziger': the sample of a poll is one of its results."""
    return any(matches_stem(t.lower_, words) for t in sent.span)


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


_EMERGES = frozenset({"hervor", "hervorgeht", "hervorging", "hervorgehen"})
_EMERGES_STOPS = frozenset({",", ".", ";", ":", "dass", "wonach"})


def _emerges_from_quotes(doc: Doc, ctx: _Context, given: Sequence[Quote]) -> Iterator[Quote]:
    """'Das geht aus Zahlen des Bundesamts hervor', 'Wie aus dem Bericht des X hervorgeht',
    'Aus X geht hervor, dass …': the report after 'aus' is the source (its owner, once
    normalised), the sentence its content. The quotes module does not read this cue."""
    cued = {q.cue.start for q in given if q.cue is not None}
    for sent in ctx.sentences:
        toks = sent.span
        aus = next((t for t in toks if t.lower_ == "aus"), None)
        verb = next((t for t in toks if t.lower_ in _EMERGES), None)
        if aus is None or verb is None or aus.i > verb.i:
            continue
        end = aus.i + 1
        while end < toks.end and doc[end].lower_ not in _EMERGES_STOPS | _EMERGES | {"geht", "ging"}:
            end += 1
        phrase = doc[aus.i + 1 : end]
        if len(phrase) < 1 or not any(t.text[:1].isupper() for t in phrase):
            continue
        cue = next((t for t in toks if t.lower_ in {"geht", "ging"}), verb)
        if cue.idx in cued:
            continue
        words = [t.text for t in phrase]
        name = " ".join(w for w in words if w.lower() not in DETERMINERS)
        speaker = Speaker(
            phrase.text, phrase.start_char, phrase.end_char, name,
            not _is_unnamed_phrase(words, ctx), None,
        )
        yield Quote(
            ctx.article_id,
            "reported",
            speaker,
            SpanRecord(cue.idx, cue.idx + len(cue.text), cue.text),
            SpanRecord(sent.start, sent.end, sent.span.text),
            confidence=0.7,
            rule="cue:aus_hervor",
        )


# --------------------------------------------------------------------------- English


def english_quotes(doc: Doc, ctx: _Context) -> Iterator[Quote]:
    """A minimal attribution for articles in English (the quotes module reads German only):
    per sentence, ``according to X``, ``…, X said`` (inverted after a comma) or ``X said
    (that) …`` (subject first), with the cue verbs of lexicon ``cue_verbs_en``. The content is
    the whole sentence; a speaker headed by a word of ``unnamed_sources_en`` ('officials',
    'sources') or opened by 'a'/'some' is unnamed."""
    cues = lexicon(doc, "cue_verbs_en")
    for sent in ctx.sentences:
        found = _english_source(sent.span, cues)
        if found is None:
            continue
        phrase, cue, rule = found
        yield Quote(
            ctx.article_id,
            "reported",
            _english_speaker(phrase, ctx),
            SpanRecord(cue.start_char, cue.end_char, cue.text),
            SpanRecord(sent.start, sent.end, sent.span.text),
            confidence=0.6,
            rule=f"en:{rule}",
        )


def _english_source(
    toks: SpacySpan, cues: frozenset[str]
) -> tuple[SpacySpan, SpacySpan, str] | None:
    for i, tok in enumerate(toks[:-1]):
        if tok.lower_ == "according" and toks[i + 1].lower_ == "to":
            end = next(
                (j for j in range(i + 2, len(toks)) if toks[j].is_punct), len(toks)
            )
            if end > i + 2:
                return toks[i + 2 : end], toks[i : i + 2], "according_to"
    for i, tok in enumerate(toks):
        if tok.lower_ not in cues:
            continue
        clause_start = max(
            (
                j + 1
                for j in range(i)
                if toks[j].text in _CLAUSE_PUNCT or toks[j].text in '“”"'
            ),
            default=0,
        )
        phrase = toks[clause_start:i]
        if 0 < len(phrase) <= 8 and any(
            t.text[:1].isupper() or t.lower_ in ("the",) for t in phrase
        ):
            return phrase, toks[i : i + 1], "inverted" if clause_start else "subject"
    return None


def _english_speaker(phrase: SpacySpan, ctx: _Context) -> Speaker:
    words = [t.lower_ for t in phrase]
    head_words = words
    for k, word in enumerate(words):
        if k and word in ("in", "of", "from", "at", "for", "with"):
            head_words = words[:k]
            break
    unnamed_heads = lexicon(ctx.doc, "unnamed_sources_en")
    named = not (
        words[0] in ("a", "an", "some", "several", "many")
        or any(head_words[-1].endswith(u) for u in unnamed_heads)
    )
    name = " ".join(t.text for t in phrase if t.lower_ != "the")
    return Speaker(phrase.text, phrase.start_char, phrase.end_char, name, named, None)


def _english_attribution(
    figure: Figure, sent: _Sentence, ctx: _Context
) -> tuple[Quote | None, str]:
    """The English source of the figure's sentence; else a headline 'X:' prefix; else none."""
    for quote in ctx.quotes:
        cue = quote.cue
        if (
            cue is not None
            and sent.start <= cue.start < sent.end
            and not _in_speaker(quote, figure)
        ):
            return quote, "english"
    headline = _headline_source(sent, figure, ctx) if sent.is_headline else None
    if headline is not None:
        return headline, "headline"
    return None, "outlet"


# --------------------------------------------------------------------------- speakers


def _resolve_speakers(quotes: Sequence[Quote], ctx: _Context) -> list[Quote]:
    """The quotes module's attributions with the claim rules of GUIDELINES "Speaker" on top."""
    normalised = _resolve_back_references([_normalise_speaker(q, ctx) for q in quotes], ctx)
    return _continue_reports(normalised, ctx, [q.speaker for q in quotes])


# A clause subject that names no one: the possessive's owner is the source named before.
_SUBJECT_PRONOUNS = frozenset({"uns", "wir", "ich", "mir", "er", "sie", "es", "man"})
# First-person possessives ('nach unseren Zahlen') point back too, in claims only.
_POSSESSIVES = OWNER_POSSESSIVES | frozenset("unseren unserer unserem meinen meiner meinem".split())


def _resolve_back_references(quotes: list[Quote], ctx: _Context) -> list[Quote]:
    """Speakers that point back to a source named before keep their text and take its name:
    'nach ihren/eigenen Angaben' (the clause subject the quotes module found, else the source
    named before) and a generic noun with a definite article ('die Behörde', 'der Konzern',
    lexicon ``anaphoric_sources``) → the most recent named source of that kind."""
    kinds = _anaphor_kinds(ctx)
    out: list[Quote] = []
    named: list[Speaker] = []
    for quote in sorted(quotes, key=lambda q: (q.cue or q.content).start):
        speaker = quote.speaker
        if speaker is not None:
            resolved = _resolve_back_reference(speaker, named, kinds, ctx)
            if resolved is not None:
                speaker = resolved
                quote = replace(quote, speaker=speaker, rule=f"{quote.rule}+back_ref")
            if speaker.named and not _anaphor_head(speaker.text, kinds):
                named.append(speaker)
        out.append(quote)
    return out


def _anaphor_kinds(ctx: _Context) -> dict[str, tuple[str, ...]]:
    kinds: dict[str, tuple[str, ...]] = {}
    for entry in lexicon(ctx.doc, "anaphoric_sources"):
        noun, _, endings = entry.partition("=")
        kinds[noun.strip()] = tuple(endings.split())
    return kinds


def _anaphor_head(text: str, kinds: dict[str, tuple[str, ...]]) -> str | None:
    """'die Behörde', 'die zuständige Behörde' → 'behörde'; 'die Behörde Frontex' is a name,
    not an anaphor."""
    words = text.split()
    if len(words) < 2 or words[0].lower() not in _DETERMINERS:
        return None
    if not all(w.islower() and w.endswith(_ADJ_ENDINGS) for w in words[1:-1]):
        return None
    noun = words[-1].lower()
    for form in (noun, noun[:-1], noun[:-2]):  # 'des Instituts', 'des Amtes'
        if form in kinds:
            return form
    return None


def _resolve_back_reference(
    speaker: Speaker,
    named: list[Speaker],
    kinds: dict[str, tuple[str, ...]],
    ctx: _Context,
) -> Speaker | None:
    words = speaker.text.split()
    if len(words) >= 2 and words[0].lower() in _POSSESSIVES and (
            len(words) == 2 or _is_report_noun(words[1].lower(), ctx)):
        noun = words[1].lower()  # 'nach ihren Angaben', 'laut seiner Auswertung von Daten'
        if (matches_stem(noun, ctx.report_nouns) or noun in ctx.unnamed_heads
                or noun in lexicon(ctx.doc, "cue_nouns")):
            subject = (speaker.name or "").lower()
            if subject and subject != speaker.text.lower() and not (
                    subject.startswith(noun) or subject in _SUBJECT_PRONOUNS):
                # the clause subject, found by quotes ('Der Verein hat nach eigenen Angaben …')
                found = replace(speaker, named=True)
                return _headed_name(found, ctx) or found
            earlier = named[-1] if named else _previous_subject(speaker, ctx)
            return _as_name_of(speaker, earlier) if earlier else None
        return None
    if _is_definite_report(speaker, ctx) and named:
        # 'X meldete einen Angriff. Dem Bericht zufolge …': the report of the source before
        earlier = named[-1]
        reach = ctx.sentence_at(speaker.start).paragraph - ctx.sentence_at(earlier.start).paragraph
        return _as_name_of(speaker, earlier) if 0 <= reach <= 1 else None
    head = _anaphor_head(speaker.text, kinds)
    if head is None or not speaker.named:  # 'der Behörden' stays collective (null)
        return _headed_name(speaker, ctx)
    endings = kinds[head]
    for earlier in reversed(named):
        words = (earlier.name or earlier.text).lower().split()
        if any(w.endswith(e) for w in words for e in endings):
            return _as_name_of(speaker, earlier)
    for mention in reversed(ctx.mentions()):  # a source named without a statement of its own
        if mention.end > speaker.start or mention.kind != "ORG":
            continue
        words = (mention.name or mention.text).lower().split()
        if any(w.endswith(e) for w in words for e in endings) and (
            _anaphor_head(mention.text, kinds) is None
        ):
            return _as_name_of(speaker, Speaker(mention.text, mention.start, mention.end,
                                                mention.name or mention.text, True, "ORG"))
    earlier_subject = _previous_subject(speaker, ctx)
    if earlier_subject is not None and any(
        w.endswith(e) for w in earlier_subject.name.lower().split()[:1] for e in endings  # type: ignore[union-attr]
    ):
        return _as_name_of(speaker, earlier_subject)
    return None


def _is_definite_report(speaker: Speaker, ctx: _Context) -> bool:
    """'Dem Bericht', 'der Mitteilung': a definite report noun alone, left unnamed because no
    sentence before mentioned the report (``_named_report``)."""
    words = speaker.text.split()
    return (not speaker.named and len(words) == 2 and words[0].lower() in _DEFINITE
            and _is_report_noun(words[1].lower(), ctx))


def _headed_name(speaker: Speaker, ctx: _Context) -> Speaker | None:
    """'teilte der Verein mit' → Mieterverein Leipzig: a speaker that is one common noun
    takes the name it heads that was given before (:func:`names.antecedent`)."""
    if not speaker.named:
        return None
    noun = generic_noun(ctx.doc, speaker)
    name = antecedent(ctx.doc, noun, speaker.start) if noun else None
    return replace(speaker, name=name) if name else None


def _previous_subject(speaker: Speaker, ctx: _Context) -> Speaker | None:
    """The noun phrase opening the sentence before ('Die Feuerwehr Hamburg rückte aus. Nach
    ihren Angaben …'): a determiner, adjectives, capitalised words, and a 'für X' or genitive
    complement ('Der Verband der Chemischen Industrie')."""
    sent = ctx.sentence_at(speaker.start)
    if sent.start == 0:
        return None
    return _opening_subject(ctx.sentence_at(sent.start - 1))


def _named_report(speaker: Speaker, ctx: _Context) -> Speaker | None:
    """'Die Weltbank legte ihren Bericht vor. ¶ Dem Bericht zufolge …': a definite report noun
    alone points back (GUIDELINES) to the sentence of this or the previous paragraph that
    mentions the report, and speaks for the noun phrase opening it."""
    words = speaker.text.split()
    if speaker.named or len(words) != 2 or words[0].lower() not in _DEFINITE:
        return None
    noun = words[1].lower()
    if not _is_report_noun(noun, ctx):
        return None
    stem = noun.rstrip("s")[:6]
    return _report_publisher(speaker, ctx, lambda t: stem in t.lower_)


def _adverb_report(speaker: Speaker, ctx: _Context) -> Speaker | None:
    """'Die Bundesagentur veröffentlichte neue Zahlen. ¶ Demnach waren …': a source adverb
    (lexicon ``source_adverbs``) with no named source before it speaks for whoever opened the
    sentence that mentioned a report (``report_nouns``), in this or the previous paragraph."""
    if speaker.named or speaker.text.lower() not in lexicon(ctx.doc, "source_adverbs"):
        return None
    return _report_publisher(speaker, ctx, lambda t: _is_report_noun(t.lower_, ctx))


def _report_publisher(speaker: Speaker, ctx: _Context, mentions_report) -> Speaker | None:
    """The noun phrase opening the last sentence before the speaker (this or the previous
    paragraph) that has a capitalised word ``mentions_report`` accepts."""
    sent = ctx.sentence_at(speaker.start)
    for earlier in reversed([s for s in ctx.sentences if s.end <= sent.start]):
        if sent.paragraph - earlier.paragraph > 1:
            return None
        if any(mentions_report(t) for t in earlier.span if t.text[:1].isupper()):
            subject = _opening_subject(earlier)
            return _as_name_of(speaker, subject) if subject is not None else None
    return None


def _opening_subject(sent: _Sentence) -> Speaker | None:
    """The noun phrase opening a sentence with a determiner ('Die Weltbank legte …', 'Der
    Verband der Chemischen Industrie legte …')."""
    toks = sent.span
    if len(toks) < 3 or toks[0].lower_ not in _DETERMINERS:
        return None
    end = _noun_phrase_end(toks, 0)
    if end is None or end <= 1:
        return None
    phrase = toks[:end]
    return Speaker(phrase.text, phrase.start_char, phrase.end_char,
                   " ".join(t.text for t in phrase[1:]), True, None)


def _as_name_of(speaker: Speaker, source: Speaker) -> Speaker:
    return replace(speaker, name=source.name or source.text, named=True, kind=source.kind)


def _normalise_speaker(quote: Quote, ctx: _Context) -> Quote:
    """A report noun speaks for its named owner ('einer Erhebung des Instituts X' → Institut
    X); collective sources are unnamed ('Russische Militärblogger'); a relay whose inner
    source is unnamed keeps its innermost named source ('CNN … einen Kommandeur' → CNN)."""
    speaker = quote.speaker
    if speaker is None:
        source = _impersonal_source(quote, ctx)
        return quote if source is None else replace(
            quote, speaker=source, rule=f"{quote.rule}+source_before"
        )
    owner = (_report_owner(speaker, ctx) or _relative_owner(speaker, ctx)
             or with_apposed_person(ctx.doc, speaker)
             or spokesperson_body(ctx.doc, speaker) or _named_report(speaker, ctx)
             or _adverb_report(speaker, ctx))
    if owner is not None:
        speaker = owner
    elif speaker.named and (_is_unnamed_phrase(speaker.text.split(), ctx)
                            or _genitive_agent_group(speaker, ctx)):
        speaker = replace(speaker, named=False)
    if not speaker.named and quote.source_chain:
        speaker = _innermost_named(quote, ctx) or speaker
    speaker = entity_name(ctx.doc, speaker)
    return quote if speaker is quote.speaker else replace(quote, speaker=speaker)


_IMPERSONAL_SOURCE_PREPOSITIONS = frozenset({"von", "vom", "seitens", "aus", "bei", "beim"})
_ARTICLE_REQUIRED = frozenset({"aus", "bei"})


def _impersonal_source(quote: Quote, ctx: _Context) -> Speaker | None:
    """'Von der Polizei hieß es, …', 'Aus dem Ministerium hieß es, …', 'Bei der Agentur RIA
    hieß es, …': a source named in the clause of an impersonal 'hieß es' before the cue is the
    speaker of a new report ('aus' and 'bei' only with an article: 'aus Kiew' names a place)."""
    if quote.cue is None or not _is_impersonal(quote.rule or ""):
        return None
    doc = ctx.doc
    clause = _clause_tokens(doc, quote.cue.start)
    for tok in clause:
        if tok.idx >= quote.cue.start:
            break
        if tok.lower_ not in _IMPERSONAL_SOURCE_PREPOSITIONS:
            continue
        if tok.lower_ in _ARTICLE_REQUIRED and (
            tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ not in _DETERMINERS
        ):
            continue
        cue_at = _token_at(doc, quote.cue.start).i
        found = phrase_after(doc, tok.i + 1, cue_at, allow_pronoun=False)
        if found is None:
            continue
        phrase = doc[found[0] : found[1]]
        words = [t.text for t in phrase]
        # 'von offizieller Seite' (an adjective first, no article) names no one
        opens_well = phrase[0].lower_ in _DETERMINERS or not phrase[0].is_lower
        named = opens_well and not _is_unnamed_phrase(words, ctx)
        name = " ".join(t.text for t in phrase if t.lower_ not in DETERMINERS)
        return Speaker(phrase.text, phrase.start_char, phrase.end_char, name, named, None)
    return None


def _is_impersonal(rule: str) -> bool:
    return "hiess_es" in rule or "heisst_es" in rule


def _is_bare_report(speaker: Speaker, ctx: _Context) -> bool:
    """'In der Mitteilung', 'in einer Erklärung': a report noun without an owner or a name
    (lexicon ``report_nouns``) points back to the report before it."""
    words = [w.strip('„“",.') for w in speaker.text.split()]
    content = [
        w
        for w in words
        if w
        and w.lower() not in _OPENING_PREPOSITIONS
        and w.lower() not in DETERMINERS
        and not (w[:1].islower() and w.lower().endswith(_ADJ_ENDINGS))
    ]
    return len(content) == 1 and _is_report_noun(content[0].lower(), ctx)


def _report_owner(speaker: Speaker, ctx: _Context) -> Speaker | None:
    """'einer Erhebung des Instituts Stadtpuls' → 'des Instituts Stadtpuls': a report noun
    followed by a genitive owner phrase names the owner as the source."""
    words = speaker.text.split()
    for i, word in enumerate(words[:5]):
        if not word[:1].isupper() or word.lower() in _OPENING_PREPOSITIONS:
            compound = _compound_owner(speaker, word, ctx)
            if compound is not None:
                return compound  # 'laut einer dpa-Meldung' → dpa
            continue
        if not _is_report_noun(word.lower(), ctx):
            if word.lower().endswith(_ADJ_ENDINGS) and words[i + 1 : i + 2] and (
                words[i + 1][:1].isupper()
            ):
                continue  # a title: 'im Epidemiologischen Bulletin des Instituts'
            return None
        if i + 1 < len(words) and words[i + 1].lower() in _GENITIVE_OWNERS:
            owner = _owner_phrase(words[i + 1 :])
            if not owner:
                return None  # 'die Erklärung der' cut short: no owner to speak for
            offset = (
                speaker.text.find(" " + owner[0], len(" ".join(words[: i + 1])) - 1) + 1
            )
            text = " ".join(owner)
            named = not _is_unnamed_phrase(owner, ctx)
            start = speaker.start + offset
            return Speaker(
                text, start, start + len(text), " ".join(owner[1:]), named, speaker.kind
            )
        return None
    return None


def _compound_owner(speaker: Speaker, word: str, ctx: _Context) -> Speaker | None:
    """'dpa-Meldung', 'AFP-Bericht': a report noun compounded with an outlet or acronym
    names its owner."""
    owner, dash, head = word.rpartition("-")
    if not dash or not owner or not _is_report_noun(head.lower(), ctx):
        return None
    if not (is_acronym(ctx.doc, owner) or owner.lower() in _outlets(ctx)):
        return None
    start = speaker.start + speaker.text.find(word)
    return Speaker(owner, start, start + len(owner), owner, True, "MEDIA")


def _outlets(ctx: _Context) -> frozenset[str]:
    return frozenset(name.lower() for name in lexicon(ctx.doc, "media_outlets"))


_GENITIVE_OWNERS = frozenset({"des", "der"})


_OPENING_PREPOSITIONS = SOURCE_PREPOSITIONS | {"in", "im", "aus", "bei"}


def _is_report_noun(word: str, ctx: _Context) -> bool:
    """A ``report_nouns`` entry, also at the end of a compound ('Jahresbericht',
    'Fallzahlen'; stems of six letters or more, so 'Anzahl' is no 'Zahl')."""
    if matches_stem(word, ctx.report_nouns):
        return True
    for entry in ctx.report_nouns:
        stem = entry.rstrip("*")
        if len(stem) >= 6 and stem in word[2:]:
            return True
    return False


def _relative_owner(speaker: Speaker, ctx: _Context) -> Speaker | None:
    """'Nach ersten Schätzungen, die das bayerische Umweltministerium am Donnerstag vorlegte':
    a report noun whose relative clause names its author speaks for the author."""
    words = speaker.text.split()
    if not words or not matches_stem(words[-1].lower(), ctx.report_nouns):
        return None
    doc = ctx.doc
    at = _token_at(doc, speaker.end - 1).i + 1
    if at + 2 >= len(doc) or doc[at].text != "," or doc[at + 1].lower_ not in _RELATIVE_PRONOUNS:
        return None
    start = at + 2
    if doc[start].lower_ not in _DETERMINERS:
        return None
    end = start + 1
    while end < len(doc) and doc[end].is_alpha and doc[end].text[:1].islower() and (
        doc[end].lower_.endswith(_ADJ_ENDINGS)
    ):
        end += 1
    names = end
    while names < len(doc) and doc[names].text[:1].isupper() and doc[names].is_alpha:
        names += 1
    if names == end:
        return None
    phrase = doc[start:names]
    owner = [t.text for t in phrase]
    if _is_unnamed_phrase(owner, ctx):
        return None
    name = " ".join(t.text for t in doc[end:names])
    return Speaker(phrase.text, phrase.start_char, phrase.end_char, name, True, "ORG")


def _owner_phrase(words: Sequence[str]) -> list[str]:
    """The owner noun phrase: determiners, adjectives after them, capitalised words, a
    genitive ('des Sprechers des Ministeriums') or a name in apposition (', Roland Eichhorn');
    it stops at the first other word ('… HUR sollen die …')."""
    out = [words[0]]
    previous_is_determiner = True
    for word in words[1:]:
        bare = word.rstrip(",")
        if bare.lower() in _GENITIVE_OWNERS or bare.lower() in ("eines", "einer"):
            previous_is_determiner = True
        elif (
            previous_is_determiner
            and bare[:1].islower()
            and bare.endswith(_ADJ_ENDINGS)
        ):
            pass  # 'des ukrainischen Militärgeheimdienstes'
        elif bare[:1].isupper() or bare[:1] in '(„"' or bare in (")", "“"):
            previous_is_determiner = False
        else:
            break
        out.append(word)
    while out and (out[-1].lower() in _GENITIVE_OWNERS or out[-1].endswith(",")):
        out[-1] = out[-1].rstrip(",")
        if out[-1].lower() in _GENITIVE_OWNERS:
            out.pop()
        else:
            break
    return out


_ADJECTIVE_SUFFIXES = ("isch", "lich", "ig", "al", "iv", "ant", "ent", "er")


def _is_unnamed_phrase(words: Sequence[str], ctx: _Context) -> bool:
    """Unnamed or collective (GUIDELINES: null): an indefinite or quantified phrase ('ein
    US-Militär', 'mehrere Abgeordnete'), a head from ``unnamed_sources``, or a bare plural of
    a ``collective_sources`` noun without a determiner ('Russische Militärblogger',
    'Abgeordnete')."""
    words = [w.strip('„“",.') for w in words if w.strip('„“",.')]
    if not words:
        return False
    first, head = words[0].lower(), words[-1].lower()
    if first in INDEFINITE or first in _QUANTIFIERS:
        return True
    if any(head.endswith(u) for u in ctx.unnamed_heads):
        return True
    if first in DETERMINERS:
        # 'Die Versicherer rechnen mit …': a generic class, even with the article;
        # 'nach Angaben der Veranstalter': a group of people, named by what they do
        return len(words) == 2 and (first == "die" and head in ctx.group_nouns
                                    or first in _PLURAL_DETERMINERS and _is_agent_group(words[1], ctx))
    others = words[:-1]
    adjectives_only = all(_looks_adjective(w) for w in others)
    return adjectives_only and (
        any(head.endswith(c) for c in ctx.collective_words) or head in ctx.group_nouns
    )


# Determiners that make a masculine '-er' noun plural: 'die Veranstalter', 'den Betreibern'
# ('der Veranstalter' is plural only as a genitive: :func:`_genitive_agent_group`).
_PLURAL_DETERMINERS = frozenset({"die", "den"})
_GENITIVE_GOVERNORS = frozenset({"laut", "gemäß", "gemäss", "seitens", "zufolge"})
_AGENT_PLURALS = ("er", "ern", "oren", "eure", "euren", "enten", "isten", "anten")


def _is_agent_group(word: str, ctx: _Context) -> bool:
    """'Veranstalter', 'Befürworter', 'Betreiber' after a plural determiner: people named by
    what they do, no one in particular — not a role ('der Minister' is a person named before),
    an organisation word or a name."""
    lower = word.lower()
    if not lower.endswith(_AGENT_PLURALS) or not word[:1].isupper() or is_outlet_compound(lower):
        return False
    return (is_known_common_noun(word) and not is_role_word(ctx.doc, word)
            and not is_org_word(ctx.doc, word))


def _genitive_agent_group(speaker: Speaker, ctx: _Context) -> bool:
    """'nach Angaben der Veranstalter', 'laut der Betreiber': 'der' + an agent noun after a
    noun or a genitive preposition is a genitive plural — a group, no named source."""
    words = speaker.text.split()
    if len(words) != 2 or words[0].lower() != "der" or speaker.start == 0:
        return False
    first = _token_at(ctx.doc, speaker.start).i
    if first == 0:
        return False
    before = ctx.doc[first - 1]
    governs = before.lower_ in _GENITIVE_GOVERNORS or (before.text[:1].isupper() and before.is_alpha)
    return governs and _is_agent_group(words[1], ctx)


def _looks_adjective(word: str) -> bool:
    stem = word.lower().rstrip("nmrse")
    return stem.endswith(_ADJECTIVE_SUFFIXES) or stem.endswith("isch")


def _innermost_named(quote: Quote, ctx: _Context) -> Speaker | None:
    """The innermost source of the relay chain that is named ('CNN berichtete unter Berufung
    auf einen Kommandeur' → CNN)."""
    cue = quote.cue or quote.content
    sent = ctx.sentence_at(cue.start)
    for source in reversed(quote.source_chain[:-1]):
        words = source.text.split()
        if _is_unnamed_phrase(words, ctx):
            continue
        at = text_of(ctx.doc).find(source.text, sent.start, sent.end)
        if at < 0:
            continue
        name = source.name or " ".join(w for w in words if w.lower() not in DETERMINERS)
        return Speaker(source.text, at, at + len(source.text), name, True, None)
    return None


@dataclass
class _Report:
    speaker: Speaker
    chain: tuple
    sentence: _Sentence


def _continue_reports(
    quotes: list[Quote], ctx: _Context, given: Sequence[Speaker | None]
) -> list[Quote]:
    """Continuations take the speaker of the report they continue (GUIDELINES "Speaker"):
    an impersonal 'hieß es weiter' or a carried sentence without a speaker of its own takes the
    last source within the paragraph (a carry over a paragraph break that the quotes module
    took after a back-reference, one paragraph back). A relay that points back ('X geht von
    3.000 aus. Das berichtete Yonhap unter Berufung auf Abgeordnete') keeps X as the innermost
    source, the relay goes in the chain; carries of that relay follow it."""
    out: list[Quote] = []
    report: _Report | None = None
    rewritten: dict[
        str | None, _Report
    ] = {}  # relay speaker name → the source it relays
    order = sorted(
        range(len(quotes)), key=lambda k: (quotes[k].cue or quotes[k].content).start
    )
    for k in order:
        quote = quotes[k]
        sent = ctx.sentence_at((quote.cue or quote.content).start)
        if _is_continuation(quote, ctx):
            source = _continued_source(quote, sent, report, rewritten)
            if source is not None:
                quote = replace(
                    quote, speaker=source.speaker, source_chain=source.chain
                )
            elif quote.speaker is not None and _is_impersonal(quote.rule or ""):
                # 'In einer Mitteilung hieß es' with nothing before: no source one could name
                quote = replace(quote, speaker=replace(quote.speaker, named=False))
            out.append(quote)
            continue
        if report is not None and _points_back(quote, sent, report, ctx):
            inner = Source(report.speaker.text, report.speaker.name)
            chain = tuple(quote.source_chain) + (inner,)
            relayed = _Report(report.speaker, chain, sent)
            for speaker in (quote.speaker, given[k]):  # as given and as normalised
                if speaker is not None:
                    rewritten[speaker.name] = relayed
            quote = replace(
                quote,
                speaker=report.speaker,
                source_chain=chain,
                rule=f"{quote.rule}+relay_back",
            )
        if quote.speaker is not None:
            report = _Report(quote.speaker, tuple(quote.source_chain), sent)
        else:
            report = None  # 'Zuletzt hieß es, …' starts a new, unattributed report
        out.append(quote)
    return out


def _continued_source(
    quote: Quote,
    sent: _Sentence,
    report: _Report | None,
    rewritten: dict[str | None, _Report],
) -> _Report | None:
    """The report a continuation continues: a carried sentence (the quotes module's
    ``carry:*``) within the paragraph, or one paragraph back; an impersonal 'hieß es' the
    preceding attributed statement of the article (GUIDELINES "Speaker", 'hieß es weiter')."""
    speaker = quote.speaker
    rule = quote.rule or ""
    if speaker is not None and not _is_impersonal(rule):
        return rewritten.get(speaker.name) if speaker.name in rewritten else None
    if report is None:
        return None
    if _is_impersonal(rule):
        return report
    reach = 1 if rule.startswith("carry") else 0
    if 0 <= sent.paragraph - report.sentence.paragraph <= reach:
        return report
    return None


def _is_continuation(quote: Quote, ctx: _Context) -> bool:
    """A carried sentence, or an impersonal 'hieß es (weiter)' / 'so hieß es' / 'Weiter hieß
    es' / 'In der Mitteilung hieß es' without a source of its own that does not open a new
    report ('Zuletzt hieß es', 'Am Abend hieß es': lexicon ``report_openers`` or a date)."""
    rule = quote.rule or ""
    if rule.startswith("carry"):
        return True
    if quote.cue is None or not _is_impersonal(rule):
        return False
    if quote.speaker is not None and not _is_bare_report(quote.speaker, ctx):
        return False
    clause = _clause_tokens(ctx.doc, quote.cue.start)
    own = [
        t
        for t in clause
        if not (quote.content.start <= t.idx < quote.content.end) or t.idx >= quote.cue.start
    ]
    if any(t.lower_ in _CONTINUATION_ADVERBS for t in own):
        return True  # 'hieß es weiter', 'Weiter hieß es', 'so hieß es weiter'
    openers = lexicon(ctx.doc, "report_openers")
    if any(t.lower_ in openers for t in own):
        return False
    return not any(
        clause.start_char <= t.start < clause.end_char
        and not (quote.content.start <= t.start < quote.content.end)
        for t in ctx.times
    )


_CONTINUATION_ADVERBS = frozenset({"weiter", "ferner", "außerdem", "zudem", "ebenfalls"})


def _points_back(quote: Quote, sent: _Sentence, report: _Report, ctx: _Context) -> bool:
    """'Das berichtete X unter Berufung auf Y' right after the reported sentence."""
    words = sent.span
    if not quote.source_chain or quote.cue is None or len(words) < 2:
        return False
    if words[0].lower_ not in _PRONOUNS or words[1].idx != quote.cue.start:
        return False
    previous = ctx.sentence_at(sent.start - 1) if sent.start else None
    return previous is report.sentence and previous.paragraph == sent.paragraph


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
        return next(self.find_all(words), None)

    def find_all(self, words: Sequence[str]) -> Iterator[int]:
        """Indices of every word where an entry matches."""
        return (i for i in range(len(words)) if self._matches_at(words, i))

    def _matches_at(self, words: Sequence[str], i: int) -> bool:
        word = words[i]
        if word in self.words or any(word.startswith(s) for s in self.stems):
            return True
        if any(tuple(words[i : i + len(seq)]) == seq for seq in self.sequences):
            return True
        return any(word == first and last in words[i + 1 :] for first, last in self.gapped)


def _words(sentences_: Sequence[_Sentence]) -> list[str]:
    return [t.lower_ for s in sentences_ for t in s.span]


class _ScopeCues:
    """What the cue lexicons match in one sentence scope, found once for all its figures
    (a results list puts hundreds of figures in one sentence; matching per figure made
    the work quadratic in the sentence's length)."""

    def __init__(self, sentences_: Sequence[_Sentence], ctx: _Context):
        self.words = _words(sentences_)
        self._sentences = sentences_
        self._ctx = ctx
        self._found: dict[str, list[int]] = {}
        self._tokens: list[Token] | None = None

    def all(self, name: str) -> list[int]:
        """Indices of every word where an entry of lexicon ``name`` matches."""
        if name not in self._found:
            self._found[name] = list(self._ctx.cues[name].find_all(self.words))
        return self._found[name]

    def first(self, name: str) -> int | None:
        found = self.all(name)
        return found[0] if found else None

    def tokens(self) -> list[Token]:
        if self._tokens is None:
            self._tokens = [t for s in self._sentences for t in s.span]
        return self._tokens


_SCOPES: WeakKeyDictionary[_Context, dict[tuple[int, ...], _ScopeCues]] = WeakKeyDictionary()


def _scope_cues(sentences_: Sequence[_Sentence], ctx: _Context) -> _ScopeCues:
    """The cues of a scope, kept with the article's context while it lives."""
    scopes = _SCOPES.setdefault(ctx, {})
    key = tuple(s.start for s in sentences_)
    if key not in scopes:
        scopes[key] = _ScopeCues(sentences_, ctx)
    return scopes[key]


def _polarity(
    sent: _Sentence, figure: Figure, quote: Quote | None, ctx: _Context
) -> str:
    """'denied' when a denial phrase stands in the figure's clause or in its source's cue
    clause ('Das Ministerium dementierte, dass 500 …'), not elsewhere in the sentence ('Kiew
    meldete 300 Tote; Moskau dementierte')."""
    cues = _scope_cues([sent], ctx)
    words = cues.words
    at = cues.first("denials")
    if at is None or (not words[at].startswith("kein") and _is_negated(words, at)):
        return "asserted"  # 'Putin bestreitet die Anwesenheit nicht'
    where = sent.span[at].idx
    if _colon_between(ctx.doc, where, figure.start):
        return "asserted"  # 'X wies das zurück: Es seien 12 Millionen' — X's own figure
    anchors = [figure.start] + ([quote.cue.start] if quote and quote.cue else [])
    if any(_same_clause(ctx.doc, where, a, _CLAUSE_PUNCT) for a in anchors):
        return "denied"
    complement = _clause_tokens(ctx.doc, figure.start)[0].lower_ in _COMPLEMENTISERS
    return "denied" if complement and where < figure.start else "asserted"


def _colon_between(doc: Doc, start: int, end: int) -> bool:
    """A colon after the denial and before the figure: what follows is the denier's own claim."""
    if end <= start:
        return False
    return any(t.text == ":" for t in doc[_token_at(doc, start).i : _token_at(doc, end).i])


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


def _certainty(
    scope: Sequence[_Sentence], quote: Quote | None, ctx: _Context, figure: Figure
) -> str:
    cues = _scope_cues([s for s in scope if s is not None], ctx)
    named = quote is not None and _is_named(quote)
    for name, certainty in (
        ("forecast_cues", "expected"),
        ("estimates", "estimated"),
    ):
        if cues.first(name) is not None:
            return certainty
    for at in cues.all("allegations"):
        if _is_hedge_of(cues.tokens(), at, named, figure, ctx):
            return "alleged"
    if quote is not None and quote.rule and not named and any(
        r in quote.rule for r in _IMPERSONAL_RULES
    ):
        return "alleged"
    at = cues.first("confirmations")
    if at is not None and not _is_negated(cues.words, at):
        return "confirmed"
    return "reported"


_IMPERSONAL_WORDS = frozenset({"hieß", "heißt", "rede"})


def _is_hedge_of(
    tokens: Sequence[Token], at: int, named: bool, figure: Figure, ctx: _Context
) -> bool:
    """An allegation word that hedges this figure: an impersonal 'hieß es' / 'heißt es im
    Bulletin des X' with a named source is a plain report; 'soll' in a relative clause about
    something else ('…, der das Gesetz ändern soll, …') does not reach the figure."""
    word = tokens[at]
    if word.lower_ in _IMPERSONAL_WORDS or (at and tokens[at - 1].lower_ == "die" and word.lower_ == "rede"):
        return not named
    if word.lower_.startswith("soll"):
        if _same_clause(ctx.doc, word.idx, figure.start, _CLAUSE_PUNCT):
            return True
        clause = _clause_tokens(ctx.doc, word.idx)
        return clause[0].lower_ not in _RELATIVES
    return True


# --------------------------------------------------------------------------- dates


def _dates(
    figure: Figure, sent: _Sentence, quote: Quote | None, ctx: _Context
) -> tuple[str, str | None]:
    """(when, refers_to) for one figure mention, from the temporal tagger's statement dates."""
    when, refers_to = statement_date(
        ctx.doc,
        (sent.start, sent.end),
        _span_chars(quote.cue) if quote else None,
        ctx.times,
        content=_span_chars(quote.content) if quote else None,
        figure=figure.start,
    )
    return when or ctx.published, refers_to


def _span_chars(span: SpanRecord | None) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


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
            date = _dates_of_statement(item, ctx)  # type: ignore[arg-type]
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


def _dates_of_statement(quote: Quote, ctx: _Context) -> str | None:
    """The explicit date of a statement, None when it has none (only the publication date)."""
    sent = ctx.sentence_at(quote.content.start)
    when, _ = statement_date(
        ctx.doc, (sent.start, sent.end), _span_chars(quote.cue), ctx.times,
        content=_span_chars(quote.content),
    )
    return when if when != ctx.published else None


# --------------------------------------------------------------------------- confidence, merge


def _confidence(figure: Figure, quote: Quote | None, rule: str) -> float:
    figure_part = 0.95 if any(c.isdigit() for c in figure.text) else 0.85
    if quote is None:
        return round(figure_part * 0.7, 2)
    attribution = quote.confidence + (
        0.1 if quote.speaker and quote.speaker.named else 0.0
    )
    attribution = min(1.0, attribution) * {"sentence": 0.9, "backref": 0.8, "demnach": 0.8}.get(
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
        earlier = _referred_group(draft, groups, ctx)
        if earlier is not None:
            earlier.append(draft)
            continue
        key = (
            _speaker_key(draft.speaker),
            value.low,
            value.high,
            value.qualifier,
            draft.figure.per_unit,
        )
        candidates = groups.setdefault(key, [])
        group = next(
            (g for g in candidates
             if _same_thing(g[0].figure, draft.figure) and not _shares_sentence(g, draft)),
            None,
        )
        if group is None:
            candidates.append([draft])
        else:
            group.append(draft)
    merged = [group for candidates in groups.values() for group in candidates]
    for group in _fold_headlines(merged):
        yield _claim(group, ctx)


def _fold_headlines(groups: list[list[_Draft]]) -> list[list[_Draft]]:
    """A headline figure that repeats a body claim (same value, qualifier and thing) is a
    mention of it, not a claim of its own (GUIDELINES "One claim per …") only where the
    headline's ``X:`` prefix names a speaker (the headline rule found one): the body claim
    whose speaker the prefix names, else the only one, else the only asserted one with a named
    speaker (a headline states, it does not deny). An unsourced headline figure (no prefix, or
    a topic prefix) is the outlet's own statement and stays a claim of its own (speaker null)."""
    kept: list[list[_Draft]] = []
    for group in groups:
        target = (
            _headline_twin(group, groups)
            if all(d.sentence.is_headline for d in group)
            else None
        )
        if target is not None:
            target.extend(group)
        else:
            kept.append(group)
    return kept


def _headline_twin(
    group: list[_Draft], groups: list[list[_Draft]]
) -> list[_Draft] | None:
    head = group[0]
    twins = [
        g
        for g in groups
        if g is not group
        and not all(d.sentence.is_headline for d in g)
        and _repeats(head, g)
    ]
    if not twins:
        return None
    prefix = _headline_prefix(head.sentence)
    if not prefix or head.speaker is None:
        return None  # a figure the outlet states itself stays its own claim (GUIDELINES)
    named = [g for g in twins if _speaker_matches(prefix, _group_speaker(g))]
    if len(named) == 1:
        return named[0]
    if len(twins) == 1:
        return twins[0]  # 'Pentagon: …' over the US-Verteidigungsministerium's figure
    asserted = [
        g
        for g in twins
        if (_group_speaker(g) or Speaker("", 0, 0, named=False)).named
        and g[0].polarity == "asserted"
    ]
    return asserted[0] if len(asserted) == 1 else None


def _group_speaker(group: list[_Draft]) -> Speaker | None:
    return next(
        (d.speaker for d in group if not d.sentence.is_headline and d.speaker), None
    )


def _headline_prefix(sent: _Sentence) -> list[str]:
    """The lower-case words of a headline's 'X:' opening (up to four capitalised words)."""
    tokens = sent.span
    colon = next((t.i for t in tokens[1:5] if t.text == ":"), None)
    if colon is None:
        return []
    prefix = tokens.doc[tokens.start : colon]
    if not all(t.text[:1].isupper() for t in prefix):
        return []
    return [t.lower_ for t in prefix]


def _speaker_matches(words: Sequence[str], speaker: Speaker | None) -> bool:
    """A word of ``words`` names ``speaker``: the same word, a close spelling ('Selenski' /
    'Selenskyj'), or one end of a compound ('Geheimdienst' / 'Militärgeheimdienst')."""
    if speaker is None:
        return False
    theirs = {
        w.strip("()„“,.").lower()
        for w in f"{speaker.name or ''} {speaker.text}".split()
    }
    theirs -= _DETERMINERS
    for word in words:
        for other in theirs:
            if len(word) < 3 or len(other) < 3:
                continue
            if word == other or _similar(word, other):
                return True
            short, long_ = sorted((word, other), key=len)
            if len(short) >= 5 and (long_.endswith(short) or long_.startswith(short)):
                return True
    return False


def _similar(a: str, b: str) -> bool:
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _repeats(headline: _Draft, group: list[_Draft]) -> bool:
    body = group[0]
    a, b = headline.figure, body.figure
    same_value = (a.value.low, a.value.high, a.value.qualifier) == (
        b.value.low,
        b.value.high,
        b.value.qualifier,
    )
    return same_value and _same_thing(a, b)


def _referred_group(
    draft: _Draft, groups: dict[tuple, list[list[_Draft]]], ctx: _Context
) -> list[_Draft] | None:
    """'Die fünf Jets wurden nie gefunden': an unsourced figure after a definite article
    refers back to the claim that stated it first (one claim, GUIDELINES), whoever stated it."""
    if _speaker_key(draft.speaker) is not None or not _is_definite(draft.figure, ctx):
        return None
    value = draft.figure.value
    same = (value.low, value.high, value.qualifier, draft.figure.per_unit)
    return next(
        (g for key, candidates in groups.items() if key[1:] == same for g in candidates
         if _same_thing(g[0].figure, draft.figure) and not _shares_sentence(g, draft)),
        None,
    )


def _is_definite(figure: Figure, ctx: _Context) -> bool:
    token = _token_at(ctx.doc, figure.start)
    return token.i > 0 and ctx.doc[token.i - 1].lower_ in _DEFINITE_REFERENCES


_DEFINITE_REFERENCES = frozenset({"die", "der", "den", "dem", "des", "diese", "dieser", "diesen"})


def _shares_sentence(group: list[_Draft], draft: _Draft) -> bool:
    """A sentence states a figure once: the same value twice in one sentence ('ein Beben der
    Stärke 6, sechs Menschen starben') is two figures."""
    return any(d.sentence.start == draft.sentence.start for d in group)


def _same_thing(a: Figure, b: Figure) -> bool:
    """Both count the same kind of thing: not two different units ('4 Prozent', '4 Euro'), and
    a counted noun missing, the same unit, or the same head."""
    units = {a.value.unit, b.value.unit}
    if len(units) == 2 and None not in units:
        return False
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
        candidates=main.candidates,
    )


def _evidence(draft: _Draft) -> Evidence:
    sent = draft.sentence
    return Evidence(draft.figure.start, draft.figure.end, sent.span.text, sent.start)


def _qualifier_rule(figure: Figure) -> str:
    value = figure.value
    if value.low != value.high:
        return "vague" if value.qualifier == "about" else "range"
    return "lexicon" if value.qualifier != "exact" else "none"
