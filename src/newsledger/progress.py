"""How long-running workflows report progress, without printing (only ``cli.py`` renders it).

A workflow takes ``progress: Progress = NULL_PROGRESS`` and tells it which stage it is in
and how much of it is done::

    progress.stage("extracting", total=1028)       # total None when not knowable in advance
    progress.advance(50, words=18_000)              # 50 articles done, 18,000 words in them
    progress.done("1028 new, 0 changed, ...")       # the run is over

Stage names: "reading", "extracting", "linking", "writing"; ``unit`` names what ``advance``
counts ("articles" unless said otherwise, e.g. "bytes" for a WARC read by size).
"""

from __future__ import annotations

from typing import Protocol

STAGES = ("reading", "extracting", "linking", "writing")


class Progress(Protocol):
    def stage(self, name: str, total: int | None = None, unit: str = "articles") -> None: ...
    def advance(self, n: int = 1, *, words: int = 0) -> None: ...
    def done(self, summary: str = "") -> None: ...


class _NullProgress:
    def stage(self, name: str, total: int | None = None, unit: str = "articles") -> None:
        pass

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        pass

    def done(self, summary: str = "") -> None:
        pass


NULL_PROGRESS: Progress = _NullProgress()
