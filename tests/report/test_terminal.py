"""Terminal tables (rich): one per story, figures per speaker and date, nothing printed."""

from __future__ import annotations

from report_fixtures import sample_view
from rich.console import Console

from newsledger.report import summary_tables


def test_summary_tables(capsys):
    tables = summary_tables(sample_view())
    assert capsys.readouterr().out == ""
    view = sample_view()
    assert [t.title.split("  [")[0] for t in tables] == [s.story.label for s in view.stories]
    console = Console(record=True, width=160)
    for table in tables:
        console.print(table)
    text = console.export_text()
    assert "≈ 10.000" in text and "(denied)" in text and "contradicted" in text
    assert "2024-10-23" in text and "Pentagon" in text
    assert "Soldaten in Russland" in text and "getötete Soldaten" in text


def test_group_table_is_one_figure_over_time():
    from newsledger.report.terminal import group_table

    group = sample_view().stories[0].groups[0]
    console = Console(record=True, width=160)
    console.print(group_table(group))
    text = console.export_text()
    assert group.group.label in text
    assert all(entry.claim.id in text for entry in group.entries)  # for `newsledger review ID`
