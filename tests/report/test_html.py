"""The HTML report as text: self-contained, escaped, one chart per group, marks and table."""

from __future__ import annotations

import re

from report_fixtures import EVIL, sample_ledger, sample_view

from newsledger.model import Claim, Evidence, Value
from newsledger.report import build_view, evidence_html, render_html, value_text


def test_report_is_self_contained():
    html = render_html(sample_view())
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.lower()
    assert not re.search(r"(src|href)=\"(https?:)?//", html)
    assert "<link" not in html and "@import" not in html


def test_all_article_text_is_escaped():
    html = render_html(sample_view())
    assert EVIL not in html
    assert "Zeitung <b>B</b>" not in html and "Zeitung &lt;b&gt;B&lt;/b&gt;" in html
    assert "Kreml &lt;Moskau&gt;" in html and "Nordkorea &lt;Truppen&gt;" in html


def test_groups_charts_and_marks():
    view = sample_view()
    html = render_html(view)
    groups = [g for s in view.stories for g in s.groups]
    assert html.count("<svg") == len(groups) == 2
    labels = {g.group.label for g in groups}
    assert labels == {"Soldaten in Russland", "getötete Soldaten"}
    assert html.count('class="mark') == sum(len(g.entries) for g in groups)
    assert 'class="mark denied"' in html and 'class="mark contradicted"' in html
    assert "1 independent articles" not in html and "3 independent articles" in html


def test_statuses_listed():
    html = render_html(sample_view())
    for status in ("denied", "contradicted", "confirmed"):
        assert f"s-{status}" in html


def test_evidence_highlights_the_figure():
    _articles, claims, _ = sample_ledger()
    assert evidence_html(claims[0]) == (
        "Nordkorea hat <mark>3.000</mark> Soldaten nach Russland geschickt.")
    no_offset = Claim(article="a1", speaker=None, value=Value(5, 5),
                      evidence=(Evidence(0, 1, "a <b> & 5"),))
    assert evidence_html(no_offset) == "a &lt;b&gt; &amp; 5"


def test_value_text():
    _articles, claims, _ = sample_ledger()
    assert [value_text(c) for c in claims] == [
        "3.000", "3.000", "≈ 10.000", "10.000", "≈ 200–999", "≥ 12.000"]


def test_log_scale_when_values_spread():
    from newsledger.link import timeline
    from newsledger.report.html import chart_svg, speaker_colours

    claims = [Claim(article="a", speaker=None, value=Value(v, v), evidence=(), when=w)
              for v, w in ((10, "2024-01-01"), (50_000, "2024-02-01"))]
    entries = timeline(claims)
    assert "log scale" in chart_svg(entries, speaker_colours(entries))


def test_empty_ledger_renders():
    html = render_html(build_view([], [], [], []))
    assert "No figure groups" in html
