"""What each page shows, as plain data: the HTML templates and the ``.json`` twins render
the same dicts (no HTML here, no request objects). Each function reads the ledger it is
given and raises :class:`NotFound` or :class:`Moved` for ids it cannot show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from newsledger import workflows
from newsledger.errors import NewsledgerError
from newsledger.formatting import figure, interval
from newsledger.model import Article, Claim, Evidence, Value, to_dict
from newsledger.store import Ledger, Review
from newsledger.store.browse import ClaimQuery, ClaimRow
from newsledger.workflows import TimelineView

CHANGE_STATUSES = ("revised", "contradicted", "denied")


class NotFound(NewsledgerError):
    """No such claim, group, story or speaker."""


class Moved(NewsledgerError):
    """The id was merged away or replaced by a relink; ``to`` holds it now."""

    def __init__(self, kind: str, to: str) -> None:
        super().__init__(f"{kind} moved to {to}")
        self.kind, self.to = kind, to


# --- claims ---------------------------------------------------------------------------

def claims(ledger: Ledger, query: ClaimQuery) -> dict[str, Any]:
    browser = ledger.browse()
    rows, cursor = browser.page(query)
    return {
        "query": {"q": query.q, "filters": dict(query.filters), "sort": query.sort,
                  "since": query.since, "limit": query.limit},
        "count": browser.count(query),
        "claims": [row_dict(row) for row in rows],
        "next": cursor,
        "facets": {name: [{"value": v, "count": n} for v, n in values]
                   for name, values in browser.facets(query).items()},
    }


def row_dict(row: ClaimRow) -> dict[str, Any]:
    value = Value(low=row.value_low, high=row.value_high, qualifier=row.qualifier, unit=row.unit)
    return {**asdict(row), "figure": figure(value)}


# --- one claim ------------------------------------------------------------------------

def claim(ledger: Ledger, claim_id: str) -> dict[str, Any]:
    found = ledger.claim(claim_id)
    if found is None:
        raise NotFound(f"no current claim has the id {claim_id!r}")
    shown, review = found
    article = ledger.articles_by_id([shown.article]).get(shown.article)
    group = [c for c in ledger.claims_of_group(shown.group)] if shown.group else []
    return {
        "claim": {**to_dict(shown), "figure": figure(shown.value)},
        "review": review_dict(review) if review else None,
        "reviews": [review_dict(r) for r in ledger.reviews_of(claim_id)],
        "article": article_dict(article) if article else None,
        "evidence": [evidence_dict(e, shown, article) for e in shown.evidence],
        "group_claims": [brief(c) for c in group if c.id != claim_id],
        "candidates": [to_dict(c) for c in getattr(shown, "candidates", ())],
    }


def review_dict(review: Review) -> dict[str, Any]:
    return {"status": review.status, "by": review.by, "at": review.at,
            "corrections": dict(review.corrections or {})}


def article_dict(article: Article) -> dict[str, Any]:
    return {"id": article.id, "title": article.title, "url": article.url,
            "outlet": article.outlet, "published": article.published}


def evidence_dict(evidence: Evidence, claim: Claim, article: Article | None) -> dict[str, Any]:
    """The sentence cut into pieces, the figure and the speaker marked (offsets kept)."""
    return {"start": evidence.start, "end": evidence.end, "sentence": evidence.sentence,
            "pieces": highlighted(evidence, claim, article)}


def highlighted(evidence: Evidence, claim: Claim, article: Article | None
                ) -> list[dict[str, str | None]]:
    sentence = evidence.sentence or ""
    base = _sentence_start(evidence, article)
    marks = [(evidence.start, evidence.end, "figure")]
    speaker = claim.speaker
    if speaker is not None and speaker.start >= 0:
        marks.append((speaker.start, speaker.end, "speaker"))
    pieces, at = [], 0
    for start, end, kind in sorted(marks):
        if base is None:
            break
        a, b = start - base, end - base
        if at <= a < b <= len(sentence):
            pieces += [{"text": sentence[at:a], "mark": None}, {"text": sentence[a:b], "mark": kind}]
            at = b
    pieces.append({"text": sentence[at:], "mark": None})
    return [p for p in pieces if p["text"]]


def _sentence_start(evidence: Evidence, article: Article | None) -> int | None:
    if evidence.sentence_start is not None:
        return evidence.sentence_start
    if article is not None:
        found = article.text.find(evidence.sentence)
        return found if found >= 0 else None
    return None


def brief(claim: Claim) -> dict[str, Any]:
    """A claim in a list of others: who, what, when."""
    speaker = claim.speaker.name or claim.speaker.text if claim.speaker else None
    return {"id": claim.id, "speaker": speaker, "figure": figure(claim.value),
            "when": claim.when, "article": claim.article, "polarity": claim.polarity,
            "certainty": claim.certainty}


# --- figure groups and stories --------------------------------------------------------

def group_view(ledger: Ledger, group_id: str) -> TimelineView:
    """The same view `newsledger timeline` renders."""
    if not ledger.groups(ids=[group_id]):
        _moved_or_missing(ledger, "group", group_id)
    return workflows.group_timeline(ledger, group_id)


def group(timeline_view: TimelineView) -> dict[str, Any]:
    view = timeline_view.group
    by_key = {e.claim.key: e.claim.id for e in view.entries}
    return {
        "group": asdict(view.group),
        "story_label": timeline_view.story_label,
        "entries": [{**brief(e.claim), "interval": interval(e.interval.low, e.interval.high,
                                                          low_open=e.interval.low_open,
                                                          high_open=e.interval.high_open),
                     "speaker": e.speaker}
                    for e in view.entries],
        "relations": [{"status": r.status, "reason": r.reason, "first": by_key.get(r.first),
                       "second": by_key.get(r.second)} for r in view.relations],
        "statuses": dict(Counter(r.status for r in view.relations)),
    }


def story(ledger: Ledger, story_id: str) -> dict[str, Any]:
    found = ledger.stories_by_id([story_id])
    if not found:
        _moved_or_missing(ledger, "story", story_id)
    the_story = found[0]
    articles = ledger.articles_by_id(the_story.articles)
    copies = Counter(the_story.duplicates.values())
    claims_ = ledger.claims(story=story_id)
    return {
        "story": {"id": the_story.id, "label": the_story.label,
                  "reach": len(the_story.articles),
                  "sources": len(the_story.articles) - len(the_story.duplicates)},
        "articles": [{**article_dict(articles[a]), "copies": copies.get(a, 0)}
                     for a in the_story.articles
                     if a not in the_story.duplicates and a in articles],
        "groups": [{**asdict(g), "claims": n} for g, n in _group_sizes(ledger, story_id, claims_)],
        "speakers": [{"name": n, "claims": k} for n, k in _speakers(claims_).most_common()],
    }


def stories(ledger: Ledger) -> dict[str, Any]:
    """The stories `newsledger story` lists, the largest first."""
    rows = sorted(workflows.story_rows(ledger), key=lambda s: (-s.articles, s.id))
    return {"stories": [asdict(row) for row in rows]}


def _group_sizes(ledger: Ledger, story_id: str, claims_: Sequence[Claim]):
    sizes = Counter(c.group for c in claims_ if c.group)
    return sorted(((g, sizes[g.id]) for g in ledger.groups(story=story_id)),
                  key=lambda pair: (-pair[1], pair[0].id))


def _speakers(claims_: Sequence[Claim]) -> Counter:
    return Counter(c.speaker.name or c.speaker.text for c in claims_ if c.speaker)


def _moved_or_missing(ledger: Ledger, kind: str, old_id: str) -> None:
    target = ledger.redirect(kind, old_id)
    if target is not None:
        raise Moved(kind, target)
    raise NotFound(f"no {kind} {old_id!r} in the ledger")


# --- speakers -------------------------------------------------------------------------

def speaker(ledger: Ledger, name: str) -> dict[str, Any]:
    entities = ledger.entities()
    if name not in entities:
        raise NotFound(f"no speaker named {name!r}; the claims page lists speakers")
    rows = list(ledger.browse().rows(ClaimQuery(filters={"speaker": name})))
    return {"name": name, "aliases": entities[name], "claims": [row_dict(r) for r in rows]}


# --- what changed ---------------------------------------------------------------------

def changes(ledger: Ledger, since: str) -> dict[str, Any]:
    """Claims stated since ``since`` and the revisions, contradictions and denials
    among them (their later claim stated since then)."""
    rows = list(ledger.browse().rows(ClaimQuery(since=since, sort="-date")))
    new = {row.id for row in rows}
    events, members = [], {}
    for relation in ledger.relations(statuses=CHANGE_STATUSES):
        if relation.group not in members:
            members[relation.group] = {c.key: c for c in ledger.claims_of_group(relation.group)}
        later = members[relation.group].get(relation.second)
        earlier = members[relation.group].get(relation.first)
        if later is not None and later.id in new:
            events.append({"status": relation.status, "reason": relation.reason,
                           "group": relation.group, "claim": brief(later),
                           "earlier": brief(earlier) if earlier else None})
    return {"since": since, "claims": [row_dict(r) for r in rows], "events": events}

