"""What a report shows, assembled once from ledger records (no rendering here).

:func:`build_view` orders stories, their figure groups and each group's timeline and
statuses; the HTML and terminal renderers read only this view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from newsledger.link.timeline import TimelineEntry, timeline
from newsledger.model import Article, Claim, Group, Relation, Story


@dataclass(frozen=True, slots=True)
class GroupView:
    group: Group
    entries: tuple[TimelineEntry, ...]  # ordered by `when`
    relations: tuple[Relation, ...] = ()


@dataclass(frozen=True, slots=True)
class StoryView:
    story: Story
    groups: tuple[GroupView, ...]

    @property
    def reach(self) -> int:
        """Articles in the story, syndicated copies included."""
        return len(self.story.articles)

    @property
    def sources(self) -> int:
        """Independent articles: syndicated copies count once, with their original."""
        return len([a for a in self.story.articles if a not in self.story.duplicates])


@dataclass(frozen=True, slots=True)
class ReportView:
    stories: tuple[StoryView, ...]
    articles: Mapping[str, Article] = field(default_factory=dict)
    title: str = "newsledger report"


def build_view(
    articles: Sequence[Article] | Mapping[str, Article],
    claims: Sequence[Claim],
    stories: Sequence[Story],
    groups: Sequence[Group],
    claim_groups: Mapping[tuple, str] | None = None,
    relations: Sequence[Relation] = (),
    *,
    title: str = "newsledger report",
) -> ReportView:
    """The report's content. A claim's group is its ``group`` field, else
    ``claim_groups[claim.key]``; claims in no known group are left out."""
    by_id = dict(articles) if isinstance(articles, Mapping) else {a.id: a for a in articles}
    members = _members(claims, claim_groups or {})
    related: dict[str, list[Relation]] = defaultdict(list)
    for relation in relations:
        related[relation.group].append(relation)
    group_views: dict[str, list[GroupView]] = defaultdict(list)
    for group in groups:
        if members.get(group.id):
            view = GroupView(group, tuple(timeline(members[group.id])), tuple(related[group.id]))
            group_views[group.story].append(view)
    story_views = [
        StoryView(story, tuple(sorted(group_views[story.id], key=lambda g: -len(g.entries))))
        for story in stories
        if group_views.get(story.id)
    ]
    story_views.sort(key=lambda s: -sum(len(g.entries) for g in s.groups))
    return ReportView(stories=tuple(story_views), articles=by_id, title=title)


def _members(claims: Sequence[Claim], claim_groups: Mapping[tuple, str]) -> dict[str, list[Claim]]:
    out: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        group = claim.group or claim_groups.get(claim.key)
        if group:
            out[group].append(claim if claim.group else replace(claim, group=group))
    return out
