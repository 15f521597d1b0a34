"""Make article text readable for the NLP layer without moving a single offset.

Cleaning is *length-preserving*: every change replaces characters by the same
number of spaces (boilerplate lines are blanked, hard line wraps become one space,
odd whitespace becomes a plain space). So an offset into the cleaned text *is* the
offset into ``Article.text`` as the user gave it — the offset mapping is the
identity by construction, which no later stage can get wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

# Characters that render as white space; each maps to one plain space.
_ODD_SPACE = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u200b\u00ad\t\r\f\v]")
# A line that ends mid-sentence: no terminal or closing punctuation at its end.
_OPEN_LINE_END = re.compile(r"[\w,\-–]\s*$")
_LOWER_START = re.compile(r"^\s*[a-zäöüß0-9(]")


@dataclass(frozen=True, slots=True)
class CleanText:
    """``text`` has the same length as the original; ``paragraphs`` are (start, end) spans."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    removed: tuple[tuple[int, int], ...]  # blanked boilerplate lines


@lru_cache(maxsize=8)
def boilerplate_patterns(path: str | None = None) -> re.Pattern[str]:
    """Compile the boilerplate line patterns (packaged list, or a user file)."""
    if path is None:
        source = resources.files("newsledger.resources").joinpath("boilerplate.txt").read_text("utf-8")
    else:
        source = Path(path).read_text("utf-8")
    lines = [ln.strip() for ln in source.splitlines()]
    alternatives = [ln for ln in lines if ln and not ln.startswith("#")]
    return re.compile(r"^\s*(?:" + "|".join(alternatives) + r")\s*$", re.IGNORECASE)


def clean(text: str, *, boilerplate_file: str | None = None) -> CleanText:
    """Blank boilerplate, join hard-wrapped lines and find paragraphs (offsets unchanged)."""
    chars = list(_ODD_SPACE.sub(" ", text))
    removed = _blank_boilerplate(chars, boilerplate_patterns(boilerplate_file))
    _join_wrapped_lines(chars)
    cleaned = "".join(chars)
    return CleanText(cleaned, tuple(_paragraphs(cleaned)), tuple(removed))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer("\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _blank_boilerplate(chars: list[str], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    text = "".join(chars)
    removed = []
    for start, end in _lines(text):
        if end > start and pattern.match(text[start:end]):
            chars[start:end] = " " * (end - start)
            removed.append((start, end))
    return removed


def _join_wrapped_lines(chars: list[str]) -> None:
    """A single newline between a line ending mid-sentence and a lower-case line is a wrap."""
    text = "".join(chars)
    for match in re.finditer(r"(?<!\n)\n(?!\n)", text):
        before = text[max(0, match.start() - 80) : match.start()]
        after = text[match.end() : match.end() + 20]
        if _OPEN_LINE_END.search(before) and _LOWER_START.match(after):
            chars[match.start()] = " "


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Text between blank lines; in a text with no blank line, each line is a paragraph."""
    separator = r"\n[ ]*\n\s*" if re.search(r"\n[ ]*\n", text) else r"\n\s*"
    spans, start = [], 0
    for match in re.finditer(separator, text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in (_strip(text, s, e) for s, e in spans) if e > s]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
