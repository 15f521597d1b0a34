"""Conversions between model records and table rows (no SQL, no I/O).

Every ``*_row`` function returns a plain dict of column values; every ``*_from``
function builds a model dataclass from a mapping of column values, so the store
never hands out SQLAlchemy Row objects.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from dataclasses import asdict, replace

from newsledger.model import (
    Article,
    Candidate,
    Claim,
    Evidence,
    Failure,
    Mention,
    Quote,
    Source,
    Span,
    Speaker,
    TimeExpr,
    Value,
)

Row = Mapping[str, Any]
NO_ALIASES: Mapping[str, str] = MappingProxyType({})


def key_text(key: Sequence[Any] | str) -> str:
    """The stable text form of a claim key (``Claim.key``): a JSON array
    ``[article_id, speaker, low, high, qualifier]`` with numbers as floats, so that
    ``1500`` and ``1500.0`` give the same key. Text keys pass through unchanged."""
    if isinstance(key, str):
        return key
    article, speaker, low, high, qualifier = key
    return json.dumps([article, speaker, float(low), float(high), qualifier], ensure_ascii=False)


def key_tuple(text: str) -> tuple:
    return tuple(json.loads(text))


def claim_key(claim: Claim) -> str:
    return key_text(claim.key)


def fold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None


# --- articles -------------------------------------------------------------------

def article_row(article: Article, *, version: int, ingested_at: str) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "version": version,
        "content_hash": article.content_hash,
        "is_current": True,
        "text": article.text,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "language": article.language,
        "author": article.author,
        "origin": article.origin,
        "meta": dict(article.meta),
        "ingested_at": ingested_at,
    }


def article_from(row: Row) -> Article:
    return Article(
        id=row["article_id"],
        text=row["text"],
        published=row["published"],
        title=row["title"],
        url=row["url"],
        outlet=row["outlet"],
        language=row["language"],
        author=row["author"],
        origin=row["origin"],
        meta=row["meta"] or {},
    )


# --- speakers and sources -----------------------------------------------------

def speaker_columns(speaker: Speaker | None) -> dict[str, Any]:
    if speaker is None:
        return {
            "speaker_text": None, "speaker_start": None, "speaker_end": None,
            "speaker_name": None, "speaker_named": None, "speaker_kind": None,
            "speaker_text_folded": None, "speaker_name_folded": None,
        }
    return {
        "speaker_text": speaker.text,
        "speaker_start": speaker.start,
        "speaker_end": speaker.end,
        "speaker_name": speaker.name,
        "speaker_named": speaker.named,
        "speaker_kind": speaker.kind,
        "speaker_text_folded": fold(speaker.text),
        "speaker_name_folded": fold(speaker.name),
    }


def speaker_from(row: Row, *, canonical: Mapping[str, str] = NO_ALIASES) -> Speaker | None:
    """``canonical`` maps an alias to its entity's name (see ``Ledger.entities``)."""
    if row["speaker_text"] is None:
        return None
    name = row["speaker_name"]
    return Speaker(
        text=row["speaker_text"],
        start=row["speaker_start"],
        end=row["speaker_end"],
        name=canonical.get(name, name) if name is not None else None,
        named=bool(row["speaker_named"]),
        kind=row["speaker_kind"],
    )


def with_canonical_name(claim: Claim, canonical: Mapping[str, str]) -> Claim:
    """The claim as shown: its speaker's name mapped through the entity aliases (the
    only field ``canonical`` changes, so a claim decoded once serves both forms)."""
    speaker = claim.speaker
    if speaker is None or speaker.name is None or speaker.name not in canonical:
        return claim
    return replace(claim, speaker=replace(speaker, name=canonical[speaker.name]))


def chain_json(chain: Sequence[Source]) -> list[dict[str, Any]]:
    return [{"text": s.text, "name": s.name} for s in chain]


def chain_from(data: Any) -> tuple[Source, ...]:
    return tuple(Source(text=s["text"], name=s.get("name")) for s in data or ())


def candidates_json(candidates: Sequence[Candidate]) -> list[dict[str, Any]]:
    return [asdict(c) for c in candidates]


def candidates_from(data: Any) -> tuple[Candidate, ...]:
    return tuple(Candidate(**c) for c in data or ())


# --- extractor records ----------------------------------------------------------

def claim_row(claim: Claim) -> dict[str, Any]:
    return {
        "claim_key": claim_key(claim),
        "claim_uid": claim.id,
        "article_id": claim.article,
        **speaker_columns(claim.speaker),
        "value_low": float(claim.value.low),
        "value_high": float(claim.value.high),
        "qualifier": claim.value.qualifier,
        "unit": claim.value.unit,
        "counted": claim.counted,
        "polarity": claim.polarity,
        "certainty": claim.certainty,
        "when_stated": claim.when,
        "refers_to": claim.refers_to,
        "confidence": claim.confidence,
        "cue": claim.cue,
        "source_chain": chain_json(claim.source_chain),
        "candidates": candidates_json(claim.candidates),
        "extractor": claim.extractor,
        "rule": claim.rule,
        "group_id": claim.group,
    }


def evidence_rows(claim: Claim, claim_id: int) -> list[dict[str, Any]]:
    return [
        {
            "claim_id": claim_id,
            "start_char": e.start,
            "end_char": e.end,
            "sentence": e.sentence,
            "sentence_start": e.sentence_start,
        }
        for e in claim.evidence
    ]


def evidence_from(row: Row) -> Evidence:
    return Evidence(
        start=row["start_char"],
        end=row["end_char"],
        sentence=row["sentence"],
        sentence_start=row["sentence_start"],
    )


def claim_from(
    row: Row, evidence: Sequence[Evidence], *, canonical: Mapping[str, str] = NO_ALIASES
) -> Claim:
    return Claim(
        article=row["article_id"],
        speaker=speaker_from(row, canonical=canonical),
        value=Value(
            low=row["value_low"],
            high=row["value_high"],
            qualifier=row["qualifier"],
            unit=row["unit"],
        ),
        evidence=tuple(evidence),
        source_chain=chain_from(row["source_chain"]),
        candidates=candidates_from(row.get("candidates")),
        cue=row["cue"],
        counted=row["counted"],
        polarity=row["polarity"],
        certainty=row["certainty"],
        when=row["when_stated"],
        refers_to=row["refers_to"],
        confidence=row["confidence"],
        extractor=row["extractor"] or "",
        group=row["group_id"],
        rule=row["rule"],
    )


def quote_row(quote: Quote) -> dict[str, Any]:
    cue = quote.cue
    return {
        "article_id": quote.article,
        "kind": quote.kind,
        **speaker_columns(quote.speaker),
        "cue_start": cue.start if cue else None,
        "cue_end": cue.end if cue else None,
        "cue_text": cue.text if cue else None,
        "content_start": quote.content.start,
        "content_end": quote.content.end,
        "content_text": quote.content.text,
        "source_chain": chain_json(quote.source_chain),
        "confidence": quote.confidence,
        "rule": quote.rule,
    }


def quote_from(row: Row, *, canonical: Mapping[str, str] = NO_ALIASES) -> Quote:
    cue = None
    if row["cue_start"] is not None:
        cue = Span(start=row["cue_start"], end=row["cue_end"], text=row["cue_text"])
    return Quote(
        article=row["article_id"],
        kind=row["kind"],
        speaker=speaker_from(row, canonical=canonical),
        cue=cue,
        content=Span(
            start=row["content_start"], end=row["content_end"], text=row["content_text"]
        ),
        source_chain=chain_from(row["source_chain"]),
        confidence=row["confidence"],
        rule=row["rule"],
    )


def time_row(time: TimeExpr) -> dict[str, Any]:
    return {
        "article_id": time.article,
        "start_char": time.start,
        "end_char": time.end,
        "text": time.text,
        "type": time.type,
        "value": time.value,
        "rule": time.rule,
    }


def time_from(row: Row) -> TimeExpr:
    return TimeExpr(
        article=row["article_id"],
        start=row["start_char"],
        end=row["end_char"],
        text=row["text"],
        type=row["type"],
        value=row["value"],
        rule=row["rule"],
    )


def mention_row(mention: Mention) -> dict[str, Any]:
    return {
        "article_id": mention.article,
        "start_char": mention.start,
        "end_char": mention.end,
        "text": mention.text,
        "kind": mention.kind,
        "name": mention.name,
    }


def mention_from(row: Row) -> Mention:
    return Mention(
        article=row["article_id"],
        start=row["start_char"],
        end=row["end_char"],
        text=row["text"],
        kind=row["kind"],
        name=row["name"],
    )


def failure_row(failure: Failure, *, failed_at: str) -> dict[str, Any]:
    return {
        "origin": failure.origin,
        "stage": failure.stage,
        "error": failure.error,
        "failed_at": failed_at,
    }


def failure_from(row: Row) -> Failure:
    return Failure(origin=row["origin"], stage=row["stage"], error=row["error"])
