"""Candidate sources of one figure, each with the features the ranker scores.

One generator per signal family; each returns :class:`Proposal` records:

* ``rules:<rule>`` — the source the rule cascade of ``claims.py`` picked (``marker``,
  ``content``, ``sentence``, ``backref``, ``demnach``, ``headline``, ``subject_verb``, …);
* ``cue`` — every other attributed statement whose cue stands in the figure's sentence, and
  every statement whose content holds the figure;
* ``wie_clause`` — the source of a sentence-opening ``Wie X, …, mitteilte, …`` clause;
* ``subject`` — the named subject of the figure's clause, whatever its verb (``Der Senat plant
  …``; the verb's class — saying, counting, forecasting, other — is a feature);
* ``article`` — the article's main source (the named speaker of most statements, two or more:
  a report summarised sentence after sentence), with its share of the statements;
* ``carry`` — the last named source before the figure's sentence in its paragraph or the one
  before (a report continued in Konjunktiv I, ``demnach``, ``hieß es``);
* ``apposition`` — a person named right after a descriptor source (``der Sprecher des
  Nationalen Sicherheitsrates, John Kirby`` → John Kirby);
* ``none`` — no named source: the outlet states the figure itself.

A proposed speaker that names no entity — one plain common noun or a pronoun
(:func:`.names.names_no_entity`) — is kept as an unnamed source.

Features are plain ``name -> float`` dicts (one-hot signal and entity kind, whether the phrase
is a named entity, a quoted name or a common noun, distances in characters, tokens and
sentences, clause position, mood, an interview turn's label); the ranker
(:mod:`.ranker`) weighs them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from spacy.tokens import Doc

from newsledger.extractors.attribution.names import apposed_person, is_plain_noun, names_no_entity
from newsledger.extractors.entities import (
    classify,
    is_known_common_noun,
    is_org_word,
    is_role_word,
)
from newsledger.extractors.attribution_np import DETERMINERS, doc_memo, phrase_after
from newsledger.extractors.mood import is_subjunctive_i
from newsledger.extractors.quotes import _fused_forms, cue_forms
from newsledger.lexicons import lexicon
from newsledger.model import Candidate, CandidateKind, Figure, Quote, Span, Speaker

_CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—"})
_FAR = 600  # characters: beyond this a cue is simply far
_WIE_REACH = 25  # tokens: how far a 'Wie X … mitteilte,' clause may reach


class Sentence(Protocol):
    start: int
    end: int
    paragraph: int
    is_headline: bool


class Scene(Protocol):
    """What candidate generation reads of the claims module's article context."""

    doc: Doc
    quotes: list[Quote]
    starts: list[int]  # sentence start offsets, in order

    def sentence_at(self, char: int) -> Any: ...

    def subject_source(self, figure: Figure, sent: Any) -> Quote | None: ...


@dataclass
class Proposal:
    """A candidate source before scoring: the speaker, the statement it came from, features."""

    speaker: Speaker | None
    quote: Quote | None
    signal: str
    features: dict[str, float] = field(default_factory=dict)
    share: float = 0.0  # for the article's main source: its share of the named statements

    @property
    def key(self) -> str | None:
        if self.speaker is None or not self.speaker.named:
            return None
        return (self.speaker.name or self.speaker.text).lower()


def propose(figure: Figure, sent: Sentence, picked: Quote | None, rule: str,
            scene: Scene) -> list[Proposal]:
    """The cascade's pick first, then every other source worth weighing, then 'none';
    one proposal per distinct speaker (the first signal that proposed it wins)."""
    rule_pick = Proposal(_as_entity(scene.doc, picked.speaker) if picked else None, picked,
                         f"rules:{rule}")
    found = [rule_pick, *_cue_sources(figure, sent, scene), *_wie_source(figure, sent, scene),
             *_subject_source(figure, sent, scene), *_carry_source(sent, scene),
             *_article_source(sent, scene)]
    found.extend(_apposition(p, scene.doc) for p in list(found))
    found.append(Proposal(None, None, "none"))
    for proposal in found[1:]:
        if proposal is not None:
            proposal.speaker = _as_entity(scene.doc, proposal.speaker)
    out: list[Proposal] = []
    seen: set[str | None] = set()
    for proposal in found:
        if proposal is None or (proposal is not rule_pick and proposal.key in seen):
            continue
        seen.add(proposal.key)
        proposal.features = features(proposal, figure, sent, scene, proposal is rule_pick,
                                     rule_pick.signal if rule_pick.key is not None else "")
        out.append(proposal)
    return out


def _as_entity(doc: Doc, speaker: Speaker | None) -> Speaker | None:
    """Speakers are entities: one that names none ('Auszählung', 'Ihnen') is unnamed."""
    if speaker is not None and speaker.named and names_no_entity(doc, speaker):
        return replace(speaker, named=False)
    return speaker


def _cue_sources(figure: Figure, sent: Sentence, scene: Scene) -> Iterator[Proposal]:
    for quote in scene.quotes:
        if quote.speaker is None or not quote.speaker.named:
            continue
        cue_here = quote.cue is not None and sent.start <= quote.cue.start < sent.end
        covers = quote.content.start <= figure.start and figure.end <= quote.content.end
        if (cue_here or covers) and not _holds(quote.speaker, figure):
            yield Proposal(quote.speaker, quote, "cue")


def _carry_source(sent: Sentence, scene: Scene) -> Iterator[Proposal]:
    """The last named source with its cue earlier in the same paragraph or the one before
    (a report continued in Konjunktiv I, 'demnach', 'hieß es')."""
    before = [
        q for q in scene.quotes
        if q.cue is not None and q.cue.start < sent.start and q.speaker is not None
        and q.speaker.named
        and 0 <= sent.paragraph - scene.sentence_at(q.cue.start).paragraph <= 1
    ]
    if before:
        yield Proposal(before[-1].speaker, before[-1], "carry")


def _article_source(sent: Sentence, scene: Scene) -> Iterator[Proposal]:
    """The article's main source — the named speaker of most statements, when it has two or
    more (a report summarised sentence after sentence): its latest statement before the
    figure's sentence, else its first. Its share of the statements is a feature."""
    named = [q for q in scene.quotes if q.speaker is not None and q.speaker.named]
    counts = Counter(_speaker_key(q.speaker) for q in named)
    if not counts:
        return
    key, count = counts.most_common(1)[0]
    if count < 2:
        return
    own = [q for q in named if _speaker_key(q.speaker) == key]
    before = [q for q in own if (q.cue or q.content).start < sent.start]
    quote = before[-1] if before else own[0]
    proposal = Proposal(quote.speaker, quote, "article")
    proposal.share = count / len(named)
    yield proposal


def _speaker_key(speaker: Speaker | None) -> str:
    return (speaker.name or speaker.text).lower() if speaker is not None else ""


def _subject_source(figure: Figure, sent: Sentence, scene: Scene) -> Iterator[Proposal]:
    """The subject of the figure's clause whatever its verb ('Der Senat plant …')."""
    quote = scene.subject_source(figure, sent)
    if quote is not None and quote.speaker is not None and quote.speaker.named:
        yield Proposal(quote.speaker, quote, "subject")


def _wie_source(figure: Figure, sent: Sentence, scene: Scene) -> Iterator[Proposal]:
    quote = wie_clause_quote(sent, scene.doc)
    if quote is not None:
        yield Proposal(quote.speaker, quote, "wie_clause")


def wie_clause_quote(sent: Sentence, doc: Doc) -> Quote | None:
    """'Wie Steve Marshall, Sprecher der UN-Büros, mitteilte, hat …': the phrase after a
    sentence-opening 'wie' whose clause ends in a cue verb scopes the whole sentence."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None or len(span) < 4 or span[0].lower_ != "wie":
        return None
    cue = next((t for t in span[1:_WIE_REACH] if _is_cue_word(doc, t.lower_)
                and t.i + 1 < span.end and doc[t.i + 1].text == ","), None)
    phrase = phrase_after(doc, span.start + 1, cue.i, allow_pronoun=False) if cue else None
    if phrase is None:
        return None
    end = next((t.i for t in doc[phrase[0]:phrase[1]] if t.text == ","), phrase[1])
    source = doc[phrase[0]:end]  # the name, without its descriptor in apposition
    speaker = Speaker(source.text, source.start_char, source.end_char,
                      " ".join(t.text for t in source if t.lower_ not in DETERMINERS), True, None)
    return Quote(figure_article(doc), "reported", speaker,
                 Span(cue.idx, cue.idx + len(cue.text), cue.text),
                 Span(sent.start, sent.end, span.text), confidence=0.75, rule="wie_clause")


def _is_cue_word(doc: Doc, word: str) -> bool:
    forms = cue_forms(doc)
    return word in forms or word in _fused_forms(doc)


def figure_article(doc: Doc) -> str:
    article = doc._.article
    return article.id if article is not None else ""


def _apposition(proposal: Proposal, doc: Doc) -> Proposal | None:
    """'der Sprecher des Nationalen Sicherheitsrates, John Kirby, sagte': the name after a
    descriptor (a role word, or a genitive body right after one) is the person speaking."""
    speaker = proposal.speaker
    if speaker is None or not speaker.named:
        return None
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or _descriptor_start(doc, span.start) is None:
        return None
    name = apposed_person(doc, span.end)
    if name is None:
        return None
    person = doc[name[0]:name[1]]
    found = Speaker(person.text, person.start_char, person.end_char, person.text, True, "PER")
    return Proposal(found, proposal.quote, "apposition")


def _descriptor_start(doc: Doc, start: int) -> int | None:
    """The role word that opens the speaker phrase or governs it as a genitive
    ('Sprecher des …'), looked for up to four tokens back."""
    for i in range(start, max(-1, start - 5), -1):
        if i < len(doc) and doc[i].text[:1].isupper() and is_role_word(doc, doc[i].text):
            return i
        if i < start and doc[i].text in _CLAUSE_PUNCT:
            return None
    return None


def _holds(speaker: Speaker, figure: Figure) -> bool:
    return speaker.start <= figure.start < speaker.end


# --------------------------------------------------------------------------- features


def features(proposal: Proposal, figure: Figure, sent: Sentence, scene: Scene,
             is_rule_pick: bool, rule_signal: str = "") -> dict[str, float]:
    family = _signal_family(proposal.signal)
    out = {"bias": 1.0, f"signal={family}": 1.0}
    if is_rule_pick:
        out["rule_pick"] = 1.0
        out[f"rule={proposal.signal}"] = 1.0
    elif proposal.quote is None and rule_signal:
        out[f"against={rule_signal}"] = 1.0  # 'none' learns which cascade rules over-attribute
    # sentence facts weigh differently for each kind of candidate
    if sent.is_headline:
        out[f"headline&{family}"] = 1.0
    if _subjunctive(scene, sent):
        out[f"subjunctive&{family}"] = 1.0
    speaker = proposal.speaker
    if speaker is None or not speaker.named:
        out["unnamed" if speaker is not None else "no_speaker"] = 1.0
        return out
    if proposal.share:
        out["article_share"] = proposal.share
    out.update(_phrase_features(scene.doc, speaker))
    out.update(_position_features(proposal.quote, figure, sent, scene))
    return out


def _signal_family(signal: str) -> str:
    return "rules" if signal.startswith("rules:") else signal


def _phrase_features(doc: Doc, speaker: Speaker) -> dict[str, float]:
    """Features of the speaker phrase, computed once per phrase and article."""
    memo = doc_memo(doc).setdefault("attribution:phrase", {})
    key = (speaker.start, speaker.end, speaker.name)
    if key not in memo:
        memo[key] = _phrase_features_of(doc, speaker)
    return memo[key]


def _phrase_features_of(doc: Doc, speaker: Speaker) -> dict[str, float]:
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return {"kind=unknown": 1.0}
    words = [t for t in span if t.text[:1].isupper() and t.is_alpha or "-" in t.text]
    kind = _kind(doc, span, words)
    out = {f"kind={kind}": 1.0, "words": min(len(words), 5) / 5}
    if kind in _NAMED_KINDS:
        out["named_entity"] = 1.0
    if any(t.text in _QUOTE_MARKS for t in span):
        out["in_quotes"] = 1.0  # a quoted name: 'die Zeitung „Nordkurier“'
    if len(words) == 1 and is_plain_noun(doc, words[0].text):
        out["common_noun"] = 1.0
    if speaker.name and speaker.name != speaker.text:
        out["resolved"] = 1.0
    return out


_NAMED_KINDS = frozenset({"PER", "ORG", "MEDIA"})
_QUOTE_MARKS = frozenset("„“”\"»«")


def _kind(doc: Doc, span, words) -> str:
    """The entity kind, with what ``classify`` leaves as OTHER told apart: an authority or
    organisation word ('die Polizei'), a name ('Heitzmann'), or a common noun ('Tagung')."""
    kind = classify(doc, span)
    if kind != "OTHER" or not words:
        return kind
    if any(is_org_word(doc, t.text) or is_role_word(doc, t.text) for t in words):
        return "OTHER_body"
    if any(not is_known_common_noun(t.text) for t in words):
        return "OTHER_name"
    return "OTHER_noun"


def _position_features(quote: Quote | None, figure: Figure, sent: Sentence,
                       scene: Scene) -> dict[str, float]:
    cue = quote.cue if quote is not None else None
    if cue is None:
        return {"no_cue": 1.0}
    cue_sent = scene.sentence_at(cue.start)
    out: dict[str, float] = {}
    if cue_sent.start == sent.start:
        out["same_sentence"] = 1.0
        out["same_clause"] = float(_same_clause(scene.doc, cue.start, figure.start))
        out["cue_after"] = float(cue.start > figure.start)
    elif cue_sent.start < sent.start:
        out["earlier_sentence"] = 1.0
        out["same_paragraph"] = float(cue_sent.paragraph == sent.paragraph)
        out["sentences_back"] = min(_sentences_between(scene, cue_sent, sent), _FAR_SENTENCES) / _FAR_SENTENCES
    else:
        out["later_sentence"] = 1.0
    out["covers"] = float(quote.content.start <= figure.start and figure.end <= quote.content.end)
    out[f"quote={quote.kind}"] = 1.0
    out[f"quote_rule={(quote.rule or '').split(':')[0]}"] = 1.0
    out["quote_confidence"] = quote.confidence
    out["distance"] = min(abs(cue.start - figure.start), _FAR) / _FAR
    out["token_distance"] = min(_tokens_between(scene.doc, cue.start, figure.start), _FAR_TOKENS) / _FAR_TOKENS
    if quote.rule == "turn":
        out["turn_label"] = 1.0  # an interview turn: the label answers (or asks)
    out["breaks"] = min(_breaks(scene.doc, cue.start, figure.start), 3) / 3
    if quote.rule == "subject":
        out[f"subject_verb={_verb_class(scene.doc, cue.text.lower())}"] = 1.0
    return out


_FAR_SENTENCES = 5
_FAR_TOKENS = 60


def _sentences_between(scene: Scene, earlier: Sentence, later: Sentence) -> int:
    """How many sentences the cue's sentence stands before the figure's (1: the one before)."""
    return bisect_left(scene.starts, later.start) - bisect_left(scene.starts, earlier.start)


def _tokens_between(doc: Doc, a: int, b: int) -> int:
    low, high = sorted((a, b))
    span = doc.char_span(low, high, alignment_mode="expand")
    return len(span) if span is not None else _FAR_TOKENS


def _verb_class(doc: Doc, verb: str) -> str:
    """What the subject's verb is: a verb of saying, of counting, of forecasting, or other."""
    if _is_cue_word(doc, verb):
        return "cue"
    if verb in lexicon(doc, "count_verbs"):
        return "count"
    if any(entry.partition("|")[0] == verb for entry in lexicon(doc, "forecast_verbs")):
        return "forecast"
    return "other"


def _breaks(doc: Doc, a: int, b: int) -> int:
    """Clause punctuation between two offsets (offsets of the doc's punctuation, found once)."""
    memo = doc_memo(doc)
    punct = memo.get("attribution:punct")
    if punct is None:
        punct = memo["attribution:punct"] = [t.idx for t in doc if t.text in _CLAUSE_PUNCT]
    low, high = sorted((a, b))
    return bisect_left(punct, high) - bisect_left(punct, low)


def _same_clause(doc: Doc, a: int, b: int) -> bool:
    return _breaks(doc, a, b) == 0


def _subjunctive(scene: Scene, sent: Sentence) -> bool:
    memo = getattr(scene, "subjunctive_memo", None)
    if memo is not None and sent.start in memo:
        return memo[sent.start]
    span = scene.doc.char_span(sent.start, sent.end, alignment_mode="expand")
    found = span is not None and any(is_subjunctive_i(t.text) for t in span if t.is_lower)
    if memo is not None:
        memo[sent.start] = found
    return found


# --------------------------------------------------------------------------- records


def candidate_kind(doc: Doc, speaker: Speaker | None) -> CandidateKind:
    """The contract's kind of a candidate source (model.Candidate)."""
    if speaker is None:
        return "none"
    if not speaker.named:
        return "unnamed"
    span = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    kind = speaker.kind or (classify(doc, span) if span is not None and len(span) else "OTHER")
    return _KINDS.get(kind, "organisation")


_KINDS: dict[str, CandidateKind] = {
    "PER": "person", "ORG": "organisation", "MEDIA": "outlet", "LOC": "authority",
    "ROLE": "authority",
}


def to_candidates(doc: Doc, proposals: Sequence[Proposal], scores: Sequence[float],
                  chosen: int) -> tuple[Candidate, ...]:
    out = []
    for k, (proposal, score) in enumerate(zip(proposals, scores)):
        speaker = proposal.speaker
        out.append(Candidate(
            text=speaker.text if speaker else "",
            start=speaker.start if speaker else -1,
            end=speaker.end if speaker else -1,
            name=speaker.name if speaker else None,
            kind=candidate_kind(doc, speaker),
            signal=proposal.signal,
            score=round(score, 3),
            chosen=k == chosen,
        ))
    return tuple(out)
