"""The one data model every stage of newsledger speaks.

Frozen dataclasses, no I/O. Readers produce :class:`Article`; extractors produce
:class:`Quote`, :class:`Claim`, :class:`TimeExpr` and :class:`Mention`; the linker
adds canonical names and groups; the store persists exactly these records.

All offsets are character offsets into ``Article.text`` exactly as the user gave it
(never into the cleaned text the NLP layer reads; see ``newsledger.ingest.clean``).

The JSON form of each record (``to_dict``) is the output contract documented in
``docs/output-contract.md``; its version is :data:`CONTRACT_VERSION`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, Mapping, Sequence

CONTRACT_VERSION = "1.1"

Qualifier = Literal["exact", "about", "at_least", "more_than", "up_to", "less_than", "range"]
Polarity = Literal["asserted", "denied"]
Certainty = Literal["confirmed", "reported", "alleged", "estimated", "expected"]
QuoteKind = Literal["direct", "indirect", "reported", "free_indirect"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
EntityKind = Literal["PER", "ORG", "LOC", "ROLE", "MEDIA", "OTHER"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from the input, text untouched."""

    id: str
    text: str
    published: str | None = None  # 'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    author: str | None = None
    origin: str | None = None  # where it was read: 'file.jsonl:12'
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:16]

    def with_(self, **changes: Any) -> Article:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of ``Article.text``: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a statement is attributed to.

    ``text`` is the span as written ("der ukrainische Präsident"); ``name`` the
    canonical name across the article (and, after linking, across articles).
    ``named`` is False for unnamed or collective sources ("Berichten zufolge").
    """

    text: str
    start: int
    end: int
    name: str | None = None
    named: bool = True
    kind: EntityKind | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One link of a relay chain ("CNN … unter Berufung auf einen Kommandeur")."""

    text: str
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Value:
    """A figure as stated. ``low == high`` for a point figure, whatever the qualifier."""

    low: float
    high: float
    qualifier: Qualifier = "exact"
    unit: str | None = None  # 'people', 'EUR', 'USD', 'percent', 'percentage_points', ...


@dataclass(frozen=True, slots=True)
class Evidence:
    """One mention of a claim: the figure's offsets and its sentence."""

    start: int
    end: int
    sentence: str
    sentence_start: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number found in text, before attribution (an extractor's intermediate record)."""

    start: int
    end: int
    text: str
    value: Value
    counted: str | None = None
    per_unit: bool = False  # 'jeweils 6.000 Mann'


@dataclass(frozen=True, slots=True)
class Quote:
    article: str
    kind: QuoteKind
    speaker: Speaker | None
    cue: Span | None
    content: Span
    source_chain: tuple[Source, ...] = ()
    confidence: float = 1.0
    rule: str | None = None  # which rule fired (debug / explainability)


@dataclass(frozen=True, slots=True)
class TimeExpr:
    article: str
    start: int
    end: int
    text: str
    type: TimeType
    value: str  # TIMEX3 value: 2024-11-25, 2024-W47, P2W, PRESENT_REF, ...
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention (person, organisation, place, role phrase)."""

    article: str
    start: int
    end: int
    text: str
    kind: EntityKind
    name: str | None = None  # canonical name


CandidateKind = Literal["person", "organisation", "authority", "outlet", "document", "unnamed", "none"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One source the attribution considered for a claim, with the ranker's probability.

    ``kind`` ``none`` is the "no named source" candidate (the outlet states the figure);
    ``signal`` names what proposed it (a rule of the cascade, 'cue in sentence', 'carry-over',
    'apposition', …). Exactly one candidate of a claim is ``chosen``.
    """

    text: str
    start: int
    end: int
    name: str | None
    kind: CandidateKind
    signal: str
    score: float
    chosen: bool


@dataclass(frozen=True, slots=True)
class Claim:
    """One figure attributed to one speaker in one article, with all its mentions."""

    article: str
    speaker: Speaker | None
    value: Value
    evidence: tuple[Evidence, ...]
    source_chain: tuple[Source, ...] = ()
    cue: str | None = None
    counted: str | None = None
    polarity: Polarity = "asserted"
    certainty: Certainty = "reported"
    when: str | None = None
    refers_to: str | None = None
    confidence: float = 0.5
    extractor: str = ""
    group: str | None = None
    rule: str | None = None
    candidates: tuple[Candidate, ...] = ()

    @property
    def key(self) -> tuple:
        """Identity within an article: speaker, figure and qualifier."""
        speaker = self.speaker.name or self.speaker.text if self.speaker else None
        # float(): 1500 and 1500.0 are the same figure and must give the same key and id.
        return (self.article, speaker, float(self.value.low), float(self.value.high), self.value.qualifier)

    @property
    def id(self) -> str:
        """A short stable id (what `newsledger review ID` and the web app's permalinks take).

        It names where the figure stands: the article and the offsets of the claim's first
        figure evidence — never the speaker, the value or the qualifier, which
        re-attribution or a reviewer may change. A claim without evidence (hand-built)
        falls back to its :attr:`key`."""
        return claim_id(self.article, self.evidence) if self.evidence else \
            hashlib.sha1(repr(self.key).encode("utf-8")).hexdigest()[:12]


def claim_id(article: str, evidence: Sequence[Evidence]) -> str:
    """:attr:`Claim.id` of a claim of ``article`` with this (non-empty) evidence: the
    figure evidence that comes first in the text names it, whatever order it is listed in."""
    first = min((e.start, e.end) for e in evidence)
    basis = f"{article}\x1f{first[0]}\x1f{first[1]}"
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Failure:
    """An input or stage that failed; the run records it and goes on."""

    origin: str  # 'file.jsonl:12' or an article id
    stage: str  # 'read', 'extract', 'store', ...
    error: str


def to_dict(record: Any) -> dict[str, Any]:
    """The contract's JSON form of any record (drops debug-only fields)."""
    data = asdict(record)
    data.pop("rule", None)
    if isinstance(record, Claim):
        data = {"id": record.id, **data}
        data["speaker"] = _speaker_dict(record.speaker)
        data["evidence"] = [
            {"start": e.start, "end": e.end, "sentence": e.sentence} for e in record.evidence
        ]
        data["candidates"] = [asdict(c) for c in record.candidates]
    elif isinstance(record, Quote):
        data["speaker"] = _speaker_dict(record.speaker)
    return data


def _speaker_dict(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    out = {"text": speaker.text, "start": speaker.start, "end": speaker.end, "name": speaker.name}
    if not speaker.named:
        out["named"] = False
    return out


@dataclass(frozen=True, slots=True)
class EntityEdit:
    """A user's correction of the automatic entities; it survives re-ingest.

    ``merge``: entity ``other`` is merged into entity ``name`` (``name`` is kept).
    ``split``: alias ``other`` is split off entity ``name`` and becomes its own entity.
    ``rename``: entity ``name`` is shown as ``other`` from now on (its aliases stay).
    """

    action: Literal["merge", "split", "rename"]
    name: str
    other: str
    by: str = ""
    at: str = ""  # ISO 8601 UTC


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractors found in one article (what the store persists per article)."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one developing story (linker output)."""

    id: str
    label: str
    articles: tuple[str, ...]
    duplicates: Mapping[str, str] = field(default_factory=dict)  # copy article id -> original id


@dataclass(frozen=True, slots=True)
class Group:
    """Claims about the same quantity within a story (linker output)."""

    id: str
    story: str
    label: str
    kind: Literal["stock", "forecast", "per_unit", "other"] = "stock"


Status = Literal["consistent", "revised", "contradicted", "denied", "confirmed"]


@dataclass(frozen=True, slots=True)
class Relation:
    """How two claims of one group relate (timeline status)."""

    group: str
    first: tuple  # Claim.key of the earlier claim
    second: tuple  # Claim.key of the later claim
    status: Status
    reason: str = ""
