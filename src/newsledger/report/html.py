"""One self-contained HTML report: inline CSS and inline SVG, no scripts, no external assets.

Every piece of article text (sentences, names, titles, labels) passes through
:func:`html.escape`; the only markup is ours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from newsledger.link.timeline import INF, TimelineEntry, period
from newsledger.formatting import QUALIFIER_WORDS, figure, number
from newsledger.model import Article, Claim, Relation
from newsledger.report.view import GroupView, ReportView, StoryView

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b",
           "#e377c2", "#bcbd22", "#393b79", "#637939", "#ad494a", "#3182bd", "#e6550d",
           "#31a354", "#756bb1")
# Status lists longer than this start folded (the chart already marks conflicts).
OPEN_STATUS_ROWS = 12
UNNAMED_COLOUR = "#7f7f7f"
UNNAMED = "(no named source)"
WIDTH, HEIGHT = 1000, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 70, 45, 16, 40
# Values spread wider than this factor are drawn on a log scale.
LOG_SPREAD = 20.0

CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;
background:#f6f6f4}
main{max-width:1180px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:21px;margin:28px 0 4px}
h3{font-size:17px;margin:18px 0 6px}
.meta{color:#666;font-size:13px;margin:0 0 10px}
section.story{background:#fff;border:1px solid #ddd;border-radius:8px;padding:8px 20px 16px;
margin:0 0 24px}
div.group{border-top:1px solid #eee;padding-top:6px}
svg.chart{background:#fcfcfc;border:1px solid #e4e4e4;border-radius:4px;display:block;
width:100%;max-width:1100px;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:13px;margin:6px 0}
.legend span.swatch{display:inline-block;width:11px;height:11px;border-radius:50%;
margin-right:5px;vertical-align:-1px}
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}
th,td{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f2f2ef;font-weight:600}
td.value{white-space:nowrap;font-variant-numeric:tabular-nums}
mark{background:#ffe066;padding:0 2px;border-radius:2px}
.status{display:inline-block;padding:0 6px;border-radius:9px;font-size:12px;color:#fff}
.s-consistent{background:#6c9a6c}.s-confirmed{background:#2b7a2b}.s-revised{background:#b0802b}
.s-contradicted{background:#c0392b}.s-denied{background:#7b2d8b}
.denied{color:#7b2d8b;font-weight:600}
details{margin:4px 0}summary{cursor:pointer;color:#444;font-size:13px}
"""


def render_html(view: ReportView) -> str:
    """The whole report as one HTML document (UTF-8, no external references)."""
    stories = "\n".join(_story(s, view) for s in view.stories) or "<p>No figure groups.</p>"
    claims = sum(len(g.entries) for s in view.stories for g in s.groups)
    return (
        "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\">"
        f"<title>{escape(view.title)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>{escape(view.title)}</h1><p class=\"meta\">{len(view.stories)} stories · "
        f"{claims} claims · {len(view.articles)} articles</p>{stories}</main></body></html>\n"
    )


def _story(story: StoryView, view: ReportView) -> str:
    copies = "".join(
        f"<li>{escape(_article_name(c, view))} is a copy of "
        f"{escape(_article_name(o, view))}</li>"
        for c, o in sorted(story.story.duplicates.items())
    )
    copies_html = f"<details><summary>Syndicated copies</summary><ul>{copies}</ul></details>" \
        if copies else ""
    groups = "\n".join(_group(g, view) for g in story.groups)
    return (
        f"<section class=\"story\" id=\"{escape(story.story.id)}\">"
        f"<h2>{escape(story.story.label)}</h2><p class=\"meta\">{story.sources} independent "
        f"articles · reach {story.reach} articles</p>{copies_html}{groups}</section>"
    )


def _group(group: GroupView, view: ReportView) -> str:
    colours = speaker_colours(group.entries)
    return (
        f"<div class=\"group\" id=\"{escape(group.group.id)}\">"
        f"<h3>{escape(group.group.label)}</h3>"
        f"<p class=\"meta\">{escape(group.group.kind)} · {len(group.entries)} claims · "
        f"group {escape(group.group.id)}</p>{group_chart(group)}"
        f"{_claims_table(group.entries, colours, view)}{_relations_table(group, view)}</div>"
    )


def group_chart(group: GroupView) -> str:
    """A group's SVG timeline and speaker legend, as the report draws them (the web app's
    group page shows the same)."""
    colours = speaker_colours(group.entries)
    return chart_svg(group.entries, colours, _contradicted(group.relations)) + _legend(colours)


def _article_name(article_id: str, view: ReportView) -> str:
    article = view.articles.get(article_id)
    if article is None:
        return article_id
    return " · ".join(p for p in (article.outlet, article.title or article_id) if p)


# ---------------------------------------------------------------------------------------
# Chart


def speaker_colours(entries: Sequence[TimelineEntry]) -> dict[str, str]:
    """Speaker label -> colour, in order of first appearance (unnamed sources grey)."""
    colours: dict[str, str] = {}
    for entry in entries:
        label = entry.speaker or UNNAMED
        if label not in colours:
            named = [k for k in colours if k != UNNAMED]
            colours[label] = UNNAMED_COLOUR if label == UNNAMED else PALETTE[len(named) % len(PALETTE)]
    return colours


def _contradicted(relations: Sequence[Relation]) -> set[tuple]:
    return {k for r in relations if r.status == "contradicted" for k in (r.first, r.second)}


class _Scale:
    """Maps dates and values to chart coordinates (log y when values spread widely)."""

    def __init__(self, days: list[date], values: list[float]) -> None:
        first, last = min(days), max(days)
        pad = max(timedelta(days=2), (last - first) * 0.06)  # marks off the chart's edges
        self.start, self.end = first - pad, last + pad
        positive = [v for v in values if v > 0] or [1.0]
        low, high = min(positive), max(positive)
        self.log = high / low > LOG_SPREAD
        if self.log:
            self.low, self.high = 10 ** math.floor(math.log10(low)), 10 ** math.ceil(math.log10(high))
        else:
            self.low, self.high = 0.0, _nice_ceiling(high * 1.15)

    def x(self, day: date) -> float:
        span = (self.end - self.start).days or 1
        inner = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
        return MARGIN_LEFT + inner * (day - self.start).days / span

    def y(self, value: float) -> float:
        top, bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
        value = min(max(value, self.low), self.high)
        if self.log:
            share = (math.log10(value) - math.log10(self.low)) / (
                math.log10(self.high) - math.log10(self.low))
        else:
            share = (value - self.low) / ((self.high - self.low) or 1.0)
        return bottom - share * (bottom - top)

    def ticks(self) -> list[float]:
        if self.log:
            exponents = range(int(math.log10(self.low)), int(math.log10(self.high)) + 1)
            return [10.0**e for e in exponents]
        return [self.high * i / 4 for i in range(5)]


def _nice_ceiling(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _entry_day(entry: TimelineEntry, fallback: date) -> date:
    span = period(entry.when)
    if span is None:
        return fallback
    start, end = span
    return start + (end - start) / 2


def chart_svg(entries: Sequence[TimelineEntry], colours: dict[str, str],
              contradicted: set[tuple] = frozenset()) -> str:
    """An inline SVG timeline: x = date, y = value, a bar for each claim's interval."""
    if not entries:
        return ""
    today = date.today()
    days = [_entry_day(e, today) for e in entries]
    values = [v for e in entries for v in (e.claim.value.low, e.claim.value.high)]
    scale = _Scale(days, values)
    spread = _spread(days)
    marks = "".join(
        _mark(e, day, scale, colours[e.speaker or UNNAMED], e.claim.key in contradicted, dx)
        for e, day, dx in zip(entries, days, spread)
    )
    return (
        f"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" "
        f"height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" "
        f"aria-label=\"timeline\">{_axes(scale)}{marks}</svg>"
    )


def _axes(scale: _Scale) -> str:
    bottom, right = HEIGHT - MARGIN_BOTTOM, WIDTH - MARGIN_RIGHT
    parts = [(f"<line x1=\"{MARGIN_LEFT}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" "
              "stroke=\"#999\"/>")]
    for tick in scale.ticks():
        y = scale.y(tick)
        parts.append(
            f"<line x1=\"{MARGIN_LEFT}\" y1=\"{y:.1f}\" x2=\"{right}\" y2=\"{y:.1f}\" "
            f"stroke=\"#eee\"/><text x=\"{MARGIN_LEFT - 6}\" y=\"{y + 4:.1f}\" "
            f"text-anchor=\"end\" font-size=\"11\" fill=\"#555\">{number(tick)}</text>")
    for day in _date_ticks(scale):
        x = scale.x(day)
        parts.append(
            f"<line x1=\"{x:.1f}\" y1=\"{bottom}\" x2=\"{x:.1f}\" y2=\"{bottom + 4}\" "
            f"stroke=\"#999\"/><text x=\"{x:.1f}\" y=\"{bottom + 17}\" text-anchor=\"middle\" "
            f"font-size=\"11\" fill=\"#555\">{day.isoformat()}</text>")
    if scale.log:
        parts.append(f"<text x=\"{MARGIN_LEFT}\" y=\"{HEIGHT - 6}\" font-size=\"10\" "
                     "fill=\"#888\">log scale</text>")
    return "".join(parts)


def _date_ticks(scale: _Scale, count: int = 5) -> list[date]:
    span = (scale.end - scale.start).days
    return [scale.start + timedelta(days=round(span * i / (count - 1))) for i in range(count)]


def _spread(days: list[date], step: float = 10.0) -> list[float]:
    """Horizontal offsets that set marks of one day side by side instead of on top."""
    total: dict[date, int] = {}
    for day in days:
        total[day] = total.get(day, 0) + 1
    seen: dict[date, int] = {}
    out = []
    for day in days:
        k = seen.get(day, 0)
        seen[day] = k + 1
        out.append((k - (total[day] - 1) / 2) * step)
    return out


def _mark(entry: TimelineEntry, day: date, scale: _Scale, colour: str, contradicted: bool,
          dx: float) -> str:
    claim = entry.claim
    x = scale.x(day) + dx
    low = entry.interval.low if entry.interval.low > 0 or not scale.log else scale.low
    high = min(entry.interval.high, scale.high)
    bar = (f"<line class=\"interval\" x1=\"{x:.1f}\" y1=\"{scale.y(low):.1f}\" x2=\"{x:.1f}\" "
           f"y2=\"{scale.y(high):.1f}\" stroke=\"{colour}\" stroke-width=\"4\" "
           "stroke-opacity=\"0.35\" stroke-linecap=\"round\"/>")
    arrow = _open_end(x, scale, colour) if entry.interval.high == INF else ""
    centre = scale.y((claim.value.low + claim.value.high) / 2)
    title = f"<title>{escape(_mark_title(entry))}</title>"
    if claim.polarity == "denied":
        point = (f"<path class=\"mark denied\" d=\"M{x - 5:.1f},{centre - 5:.1f} l10,10 "
                 f"m0,-10 l-10,10\" stroke=\"{colour}\" stroke-width=\"3\">{title}</path>")
    else:
        ring = " stroke=\"#c0392b\" stroke-width=\"3\"" if contradicted else \
            " stroke=\"#fff\" stroke-width=\"1\""
        css = "mark contradicted" if contradicted else "mark"
        point = (f"<circle class=\"{css}\" cx=\"{x:.1f}\" cy=\"{centre:.1f}\" r=\"6\" "
                 f"fill=\"{colour}\"{ring}>{title}</circle>")
    return bar + arrow + point


def _open_end(x: float, scale: _Scale, colour: str) -> str:
    top = scale.y(scale.high)
    return (f"<path d=\"M{x - 5:.1f},{top + 6:.1f} L{x:.1f},{top:.1f} L{x + 5:.1f},"
            f"{top + 6:.1f}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>")


def _mark_title(entry: TimelineEntry) -> str:
    return (f"{entry.when or 'undated'} · {entry.speaker or UNNAMED} · "
            f"{value_text(entry.claim)} · {entry.claim.polarity}")


def value_text(claim: Claim) -> str:
    """'≥ 3.000', '200–999', '≈ 10.000' (German digit grouping)."""
    return figure(claim.value)


def _legend(colours: dict[str, str]) -> str:
    items = "".join(
        f"<span class=\"item\"><span class=\"swatch\" style=\"background:{c}\"></span>"
        f"{escape(name)}</span>" for name, c in colours.items()
    )
    return (f"<div class=\"legend\">{items}<span class=\"item\">✕ denial</span>"
            "<span class=\"item\">red ring: contradicted</span></div>")


# ---------------------------------------------------------------------------------------
# Tables


def _claims_table(entries: Sequence[TimelineEntry], colours: dict[str, str],
                  view: ReportView) -> str:
    rows = "".join(_claim_row(e, colours, view) for e in entries)
    return ("<table class=\"claims\"><thead><tr><th>When</th><th>Speaker</th><th>Value</th>"
            "<th>Qualifier</th><th>Certainty</th><th>Outlet</th><th>Date</th><th>Evidence</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _claim_row(entry: TimelineEntry, colours: dict[str, str], view: ReportView) -> str:
    claim = entry.claim
    article = view.articles.get(claim.article)
    speaker = entry.speaker or UNNAMED
    written = claim.speaker.text if claim.speaker and claim.speaker.text != speaker else ""
    speaker_html = (f"<span class=\"swatch\" style=\"color:{colours[speaker]}\">●</span> "
                    f"{escape(speaker)}" + (f"<br><small>{escape(written)}</small>" if written else ""))
    value = escape(value_text(claim))
    if claim.polarity == "denied":
        value = f"<span class=\"denied\">denied: {value}</span>"
    outlet = escape((article.outlet if article else None) or claim.article)
    published = escape((article.published if article else None) or "")
    return (f"<tr><td>{escape(entry.when or '')}</td><td>{speaker_html}</td>"
            f"<td class=\"value\">{value}</td><td>{escape(claim.value.qualifier)}</td>"
            f"<td>{escape(claim.certainty)}</td><td>{outlet}</td><td>{published}</td>"
            f"<td>{evidence_html(claim, article)}</td></tr>")


def evidence_html(claim: Claim, article: Article | None = None) -> str:
    """The first evidence sentence, escaped, with the figure in <mark>."""
    if not claim.evidence:
        return ""
    evidence = claim.evidence[0]
    sentence = evidence.sentence or ""
    start = _offset_in_sentence(evidence, article)
    if start is None:
        return escape(sentence)
    end = start + (evidence.end - evidence.start)
    return (escape(sentence[:start]) + "<mark>" + escape(sentence[start:end]) + "</mark>"
            + escape(sentence[end:]))


def _offset_in_sentence(evidence, article: Article | None) -> int | None:
    length = evidence.end - evidence.start
    if evidence.sentence_start is not None:
        offset = evidence.start - evidence.sentence_start
        if 0 <= offset and offset + length <= len(evidence.sentence):
            return offset
    if article is not None and length > 0:
        found = evidence.sentence.find(article.text[evidence.start:evidence.end])
        return found if found >= 0 else None
    return None


def _relations_table(group: GroupView, view: ReportView) -> str:
    shown = [r for r in group.relations if r.status != "consistent"]
    if not shown:
        return ""
    rows = "".join(
        f"<tr><td><span class=\"status s-{escape(r.status)}\">{escape(r.status)}</span></td>"
        f"<td>{escape(_key_text(r.first))}</td><td>{escape(_key_text(r.second))}</td>"
        f"<td>{escape(r.reason)}</td></tr>" for r in shown
    )
    state = " open" if len(shown) <= OPEN_STATUS_ROWS else ""
    return (f"<details{state}><summary>Statuses: {len(shown)} pairs (consistent pairs "
            "omitted)</summary>"
            "<table class=\"relations\"><thead><tr><th>Status</th><th>Earlier</th>"
            f"<th>Later</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table></details>")


def _key_text(key: tuple) -> str:
    article, speaker, low, high, qualifier = (list(key) + [None] * 5)[:5]
    value = number(low) if low == high else f"{number(low)}–{number(high)}"
    return f"{speaker or UNNAMED}: {QUALIFIER_WORDS.get(qualifier, '')}{value} ({article})"
