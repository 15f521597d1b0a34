"""Records → JSON lines, CSV rows and rich tables (rendering only; ``cli.py`` prints).

JSON lines are the output contract (``docs/output-contract.md``); CSV flattens the
same fields; the table is for people and marks the figure in its sentence. Table cells
are plain text (``cli.py`` prints with markup off), styled parts are ``Text`` spans.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Iterable, Sequence

from rich.table import Table
from rich.text import Text

from newsledger.formatting import number
from newsledger.model import Claim, Mention, Quote, TimeExpr, to_dict

Record = Claim | Quote | TimeExpr | Mention


def jsonl_line(record: Record) -> str:
    return json.dumps(to_dict(record), ensure_ascii=False)


def flat(record: Record) -> dict[str, Any]:
    """One level of keys (`speaker.name`, `value.low`, …) for CSV."""
    out: dict[str, Any] = {}
    for key, value in to_dict(record).items():
        if isinstance(value, dict):
            out.update({f"{key}.{k}": v for k, v in value.items()})
        elif isinstance(value, (list, tuple)):
            out[key] = json.dumps(value, ensure_ascii=False)
        else:
            out[key] = value
    return out


def csv_text(records: Sequence[Record]) -> str:
    rows = [flat(r) for r in records]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def marked_sentence(claim: Claim) -> Text:
    """The first evidence sentence with the figure in bold."""
    if not claim.evidence:
        return Text("")
    ev = claim.evidence[0]
    if ev.sentence_start is None:
        return Text(plain_text(ev.sentence))
    a, b = ev.start - ev.sentence_start, ev.end - ev.sentence_start
    s = ev.sentence
    return Text.assemble(plain_text(s[:a]), (plain_text(s[a:b]), "bold reverse"),
                         plain_text(s[b:]))


# C0 and C1 control characters but tab and newline, and the bidirectional overrides that
# reorder what a terminal shows: made visible instead of acted on.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str) -> str:
    """Text safe for a terminal: control characters written as escapes ('\\x1b')."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def figure_text(claim: Claim) -> str:
    v = claim.value
    text = number(v.low) if v.low == v.high else f"{number(v.low)}–{number(v.high)}"
    return f"{text} {v.unit}" if v.unit and v.unit != "people" else text


def claims_table(claims: Iterable[Claim], *, debug: bool = False) -> Table:
    table = Table(show_lines=True, title="Claims")
    for column in ("article", "speaker", "cue", "figure", "qualifier", "certainty", "when", "sentence"):
        table.add_column(column, overflow="fold")
    if debug:
        table.add_column("rule", overflow="fold")
        table.add_column("candidates (ranker score, * chosen)", overflow="fold")
    for c in claims:
        speaker = c.speaker.name or c.speaker.text if c.speaker else "—"
        if c.polarity == "denied":
            speaker += " (denies)"
        row = [c.article, speaker, c.cue or "", figure_text(c), c.value.qualifier,
               c.certainty, c.when or "", marked_sentence(c)]
        table.add_row(*row, *([c.rule or "", candidates_text(c)] if debug else []))
    return table


def candidates_text(claim: Claim) -> str:
    """One line per candidate source: '* 0.91 John Kirby (person; rules:sentence)'."""
    lines = []
    for cand in claim.candidates:
        who = cand.name or cand.text or "(no named source)"
        mark = "*" if cand.chosen else " "
        lines.append(f"{mark} {cand.score:.2f} {who} ({cand.kind}; {cand.signal})")
    return "\n".join(lines)


def quotes_table(quotes: Iterable[Quote], *, debug: bool = False) -> Table:
    table = Table(show_lines=True, title="Quotes")
    for column in ("article", "kind", "speaker", "cue", "content"):
        table.add_column(column, overflow="fold")
    if debug:
        table.add_column("rule")
    for q in quotes:
        speaker = (q.speaker.name or q.speaker.text) if q.speaker else "—"
        row = [q.article, q.kind, speaker, q.cue.text if q.cue else "",
               q.content.text]
        table.add_row(*row, *([q.rule or ""] if debug else []))
    return table


def times_table(times: Iterable[TimeExpr], *, debug: bool = False) -> Table:
    table = Table(title="Temporal expressions")
    for column in ("article", "start", "end", "text", "type", "value"):
        table.add_column(column)
    if debug:
        table.add_column("rule")
    for t in times:
        row = [t.article, str(t.start), str(t.end), t.text, t.type, t.value]
        table.add_row(*row, *([t.rule or ""] if debug else []))
    return table


def mentions_table(mentions: Iterable[Mention], *, debug: bool = False) -> Table:
    table = Table(title="Entity mentions")
    for column in ("article", "start", "end", "text", "kind", "name"):
        table.add_column(column)
    for m in mentions:
        table.add_row(m.article, str(m.start), str(m.end), m.text, m.kind, m.name or "")
    return table


TABLES = {"claims": claims_table, "quotes": quotes_table, "times": times_table, "entities": mentions_table}
