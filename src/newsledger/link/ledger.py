"""The linker's incremental state: stories, duplicates, groups and statuses in one place.

:class:`LinkState` places one article (with its claims, already canonicalised) at a
time: its story via :class:`~newsledger.link.stories.StoryIndex`, each claim's group via
:class:`~newsledger.link.groups.GroupIndex`, and the statuses of the new claims against
the claims already in their groups. Nothing is recomputed for the rest of the ledger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from newsledger.link.groups import GroupIndex, claim_features
from newsledger.link.stories import StoryIndex
from newsledger.link.timeline import relate, relations, timeline
from newsledger.model import Article, Claim, Group, Relation, Story


class LinkState:
    """Stories, groups and statuses that grow one article at a time."""

    def __init__(self, **story_options) -> None:
        self.story_index = StoryIndex(**story_options)
        self.group_index = GroupIndex()
        self.members: dict[str, list[Claim]] = defaultdict(list)
        self.relations: dict[str, list[Relation]] = defaultdict(list)

    def add_article(self, article: Article, claims: Sequence[Claim] = ()) -> tuple[str, list[Claim]]:
        """Place one article; returns its story id and its claims with ``group`` set."""
        merged_before = len(self.story_index.merged)
        story = self.story_index.add_article(article, claims)
        for old in list(self.story_index.merged)[merged_before:]:
            self.group_index.move_story(old, self.story_index.merged[old])
        featured = [(i, c, claim_features(c, article)) for i, c in enumerate(claims)]
        featured.sort(key=lambda icf: (icf[2].what is None, icf[2].where is None))
        grouped: dict[int, Claim] = {}
        for i, claim, features in featured:
            group_id = self.group_index.add(claim, story, features=features)
            grouped[i] = replace(claim, group=group_id)
            self._relate_new(grouped[i], story)
        return story, [grouped[i] for i in range(len(claims))]

    def _relate_new(self, claim: Claim, story: str) -> None:
        duplicates = self.story_index.duplicates
        for other in self.members[claim.group]:
            first, second = (other, claim) if _not_later(other, claim) else (claim, other)
            relation = relate(first, second, duplicates=duplicates, group=claim.group)
            if relation is not None:
                self.relations[claim.group].append(relation)
        self.members[claim.group].append(claim)

    def stories(self) -> list[Story]:
        return self.story_index.stories()

    def groups(self) -> list[Group]:
        return self.group_index.group_list()


def _not_later(a: Claim, b: Claim) -> bool:
    ordered = timeline([a, b])
    return ordered[0].claim is a


def group_relations(claims: Iterable[Claim], stories: Sequence[Story]) -> list[Relation]:
    """Statuses of every group of ``claims`` (claims carry ``group``; batch form)."""
    duplicates = {copy: original for s in stories for copy, original in s.duplicates.items()}
    by_group: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.group:
            by_group[claim.group].append(claim)
    out: list[Relation] = []
    for group_id, members in by_group.items():
        out.extend(relations(members, duplicates=duplicates, group=group_id))
    return out
