"""Rendering the ledger: one self-contained HTML file and rich terminal tables.

Pure rendering over a :class:`ReportView` (built by :func:`build_view`); nothing prints.
"""

from newsledger.report.html import chart_svg, evidence_html, render_html, value_text
from newsledger.report.terminal import group_table, summary_tables
from newsledger.report.view import GroupView, ReportView, StoryView, build_view

__all__ = [
    "GroupView",
    "ReportView",
    "StoryView",
    "build_view",
    "chart_svg",
    "evidence_html",
    "group_table",
    "render_html",
    "summary_tables",
    "value_text",
]
