"""Terminal tables (rich): one per group, figures per speaker and date, nothing printed."""

from __future__ import annotations

from report_fixtures import sample_view
from rich.console import Console

from newsledger.report import summary_tables


def test_summary_tables(capsys):
    tables = summary_tables(sample_view())
    assert capsys.readouterr().out == ""
    assert [t.title.split("  [")[0] for t in tables] == ["Soldaten in Russland", "getötete Soldaten"]
    console = Console(record=True, width=160)
    for table in tables:
        console.print(table)
    text = console.export_text()
    assert "≈ 10.000" in text and "(denied)" in text and "contradicted" in text
    assert "2024-10-23" in text and "Pentagon" in text
