"""User decisions the store keeps across re-ingest and re-extraction (no SQL).

* A :class:`Review` judges one claim, found by its stable id (``Claim.id``: article
  and figure offsets, so re-attribution keeps it) or, for reviews filed by key, its key
  (``Claim.key``: article id, speaker name, value low/high, qualifier), never by row
  id, so it still applies after the article is re-ingested or re-extracted.
* An :class:`EntityEdit` merges two entities or splits an alias off one; the
  edits are replayed, in order, over every automatic alias mapping saved later.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from newsledger.errors import StoreError
from newsledger.model import Claim, Speaker, Value

ReviewStatus = Literal["accepted", "rejected", "corrected"]
REVIEW_STATUSES: tuple[str, ...] = ("accepted", "rejected", "corrected")

# Corrections use the flat field names of the claims files (GUIDELINES.md "Files").
VALUE_FIELDS = ("value_low", "value_high", "qualifier", "unit")
SPEAKER_FIELDS = ("speaker", "speaker_name", "speaker_canonical")
CLAIM_FIELDS = ("counted", "polarity", "certainty", "when", "refers_to", "group")
CORRECTABLE = VALUE_FIELDS + SPEAKER_FIELDS + CLAIM_FIELDS


@dataclass(frozen=True, slots=True)
class Review:
    claim_key: tuple  # Claim.key of the reviewed claim
    status: ReviewStatus
    by: str
    at: str  # ISO 8601 UTC
    corrections: Mapping[str, Any] | None = None
    claim_id: str | None = None  # Claim.id of the reviewed claim (None: filed by key only)


def check_review(status: str, corrections: Mapping[str, Any] | None) -> None:
    if status not in REVIEW_STATUSES:
        raise StoreError(
            f"review status must be one of {', '.join(REVIEW_STATUSES)}; got {status!r}"
        )
    if status == "corrected" and not corrections:
        raise StoreError("a 'corrected' review needs corrections, e.g. {'value_low': 1500}")
    if status != "corrected" and corrections:
        raise StoreError(f"only a 'corrected' review takes corrections; status is {status!r}")
    unknown = sorted(set(corrections or {}) - set(CORRECTABLE))
    if unknown:
        raise StoreError(
            f"cannot correct field {unknown[0]!r}; correctable fields: {', '.join(CORRECTABLE)}"
        )
    for name, value in (corrections or {}).items():
        _check_correction(name, value)


def _check_correction(name: str, value: Any) -> None:
    """A correction every later read can apply: numbers for the value bounds, text (or
    None) for the rest. Stored unchecked, one bad value would break every claims query."""
    if name in ("value_low", "value_high"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        expected = "a finite number"
    else:
        ok = value is None or isinstance(value, str)
        expected = "a string or None"
    if not ok:
        raise StoreError(f"correction {name!r} must be {expected}; got {value!r}")


def apply_corrections(claim: Claim, corrections: Mapping[str, Any]) -> Claim:
    """The claim as the reviewer corrected it (fields named as in CORRECTABLE)."""
    value = _corrected_value(claim.value, corrections)
    speaker = _corrected_speaker(claim.speaker, corrections)
    changes = {name: corrections[name] for name in CLAIM_FIELDS if name in corrections}
    return replace(claim, value=value, speaker=speaker, **changes)


def _corrected_value(value: Value, corrections: Mapping[str, Any]) -> Value:
    changes = {name.removeprefix("value_"): corrections[name]
               for name in VALUE_FIELDS if name in corrections}
    for bound in ("low", "high"):
        if bound in changes:
            changes[bound] = float(changes[bound])
    return replace(value, **changes)


def _corrected_speaker(speaker: Speaker | None, corrections: Mapping[str, Any]) -> Speaker | None:
    if not any(name in corrections for name in SPEAKER_FIELDS):
        return speaker
    if "speaker" in corrections and corrections["speaker"] is None:
        return None
    name = corrections.get("speaker_name", corrections.get("speaker_canonical"))
    if speaker is None:
        # A reviewer adding a speaker the extractor missed: no offsets known.
        text = corrections.get("speaker") or name
        return Speaker(text=text, start=-1, end=-1, name=name or text)
    text = corrections.get("speaker", speaker.text)
    return replace(speaker, text=text, name=name if name is not None else speaker.name)
