"""The terminal's rich tables over the view objects the workflows return (the CLI prints
them): the report summary, a figure group's timeline, stories, entities, info."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.table import Table

from newsledger.model import Group, Story
from newsledger.report.html import UNNAMED, value_text
from newsledger.report.view import GroupView, ReportView, StoryView

if TYPE_CHECKING:
    from newsledger.workflows import StoryRow


def summary_tables(view: ReportView) -> list[Table]:
    """One table per story: every figure by date and speaker, with what it counts and its status."""
    return [story_table(story) for story in view.stories if story.groups]


def story_table(story: StoryView) -> Table:
    title = f"{story.story.label}  [{story.story.id}]"
    caption = f"{story.reach} articles, {story.sources} independent sources"
    table = Table(title=title, caption=caption, title_justify="left")
    for column in ("When", "Speaker", "Figure", "What", "Certainty", "Article", "Status"):
        table.add_column(column, no_wrap=column in ("When", "Figure"))
    rows = []
    for group in story.groups:
        flags = _flags(group)
        for entry in group.entries:
            rows.append((entry, group.group.label, ", ".join(sorted(flags.get(entry.claim.key, ())))))
    rows.sort(key=lambda row: (row[0].when or "", row[0].speaker or ""))
    for entry, label, status in rows:
        claim = entry.claim
        value = value_text(claim) + (" (denied)" if claim.polarity == "denied" else "")
        table.add_row(entry.when or "", entry.speaker or UNNAMED, value, label, claim.certainty,
                      claim.article, status)
    return table


def group_table(group: GroupView, story_label: str = "") -> Table:
    """One figure over time; the ID column is what `newsledger review ID` takes."""
    flags = _flags(group)
    title = f"{group.group.label}  [{group.group.id}]"
    table = Table(title=title, caption=story_label or None, title_justify="left")
    for column in ("ID", "When", "Speaker", "Value", "Certainty", "Article", "Status"):
        table.add_column(column, no_wrap=column in ("ID", "When", "Value"))
    for entry in group.entries:
        claim = entry.claim
        value = value_text(claim) + (" (denied)" if claim.polarity == "denied" else "")
        table.add_row(claim.id, entry.when or "", entry.speaker or UNNAMED, value, claim.certainty,
                      claim.article, ", ".join(sorted(flags.get(claim.key, ()))))
    return table


def _flags(group: GroupView) -> dict[tuple, set[str]]:
    """Claim key -> the non-trivial statuses it takes part in."""
    out: dict[tuple, set[str]] = {}
    for relation in group.relations:
        if relation.status == "consistent":
            continue
        for key in (relation.first, relation.second):
            out.setdefault(key, set()).add(relation.status)
    return out


def stories_table(stories: Sequence[StoryRow]) -> Table:
    table = Table(title="Stories")
    for column in ("story", "label", "articles", "copies", "figure groups"):
        table.add_column(column)
    for s in stories:
        table.add_row(s.id, s.label, str(s.articles), str(s.copies), str(s.groups))
    return table


def story_groups_table(story: Story, groups: Sequence[Group]) -> Table:
    table = Table(title=f"Story {story.id}: {story.label}")
    for column in ("group", "label", "kind"):
        table.add_column(column)
    for g in groups:
        table.add_row(g.id, g.label, g.kind)
    return table


def entities_table(entities: Mapping[str, Sequence[str]]) -> Table:
    table = Table(title="Entities")
    table.add_column("canonical name")
    table.add_column("aliases")
    for name, aliases in sorted(entities.items()):
        table.add_row(name, ", ".join(sorted(a for a in aliases if a != name)))
    return table


def info_table(rows: Sequence[tuple[str, str]]) -> Table:
    table = Table(title="newsledger", show_header=False)
    table.add_column("what")
    table.add_column("value")
    for what, value in rows:
        table.add_row(what, value)
    return table
