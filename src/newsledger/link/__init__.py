"""Across articles: canonical speakers, stories and syndicated copies, figure groups,
timelines and statuses. Pure functions over model records (the store persists them).

Typical run::

    extractions, entities = canonicalize(extractions, edits=user_edits)
    claims = [c for e in extractions for c in e.claims]
    stories = find_stories([e.article for e in extractions], claims)
    groups, claims = assign_groups(claims, stories, articles=articles_by_id)
    statuses = group_relations(claims, stories)
"""

from newsledger.link.canonical import EntityEdit, apply_edits, canonicalize
from newsledger.link.groups import (
    Features,
    GroupIndex,
    assign_groups,
    claim_features,
    group_claims,
    group_label,
)
from newsledger.link.ledger import LinkState, group_relations
from newsledger.link.stories import StoryIndex, find_stories, independent_sources
from newsledger.link.timeline import (
    ABOUT_TOLERANCE,
    Interval,
    TimelineEntry,
    interval,
    relate,
    relations,
    same_time,
    timeline,
    timeline_csv,
)

__all__ = [
    "ABOUT_TOLERANCE",
    "EntityEdit",
    "Features",
    "GroupIndex",
    "Interval",
    "LinkState",
    "StoryIndex",
    "TimelineEntry",
    "apply_edits",
    "assign_groups",
    "canonicalize",
    "claim_features",
    "find_stories",
    "group_claims",
    "group_label",
    "group_relations",
    "independent_sources",
    "interval",
    "relate",
    "relations",
    "same_time",
    "timeline",
    "timeline_csv",
]
