"""Workflows report their stages, totals and words through the Progress protocol."""

from __future__ import annotations

import pytest
from warc_helpers import small_warc

from newsledger import workflows
from newsledger.config import load_config
from newsledger.progress import NULL_PROGRESS


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple] = []

    def stage(self, name: str, total: int | None = None, unit: str = "articles") -> None:
        self.events.append(("stage", name, total, unit))

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        self.events.append(("advance", n, words))

    def done(self, summary: str = "") -> None:
        self.events.append(("done", summary))


def test_ingest_reports_a_known_total_every_article_its_words_and_then_linking(repo, tmp_path):
    corpus = repo / "src/newsledger/demo/articles.jsonl"
    recorder = Recorder()
    workflows.ingest([corpus], db=f"sqlite:///{tmp_path / 'l.db'}", config=load_config(),
                     progress=recorder)
    stages = [e[1:] for e in recorder.events if e[0] == "stage"]
    assert stages == [("extracting", 14, "articles"), ("linking", None, "articles")]
    advances = [e for e in recorder.events if e[0] == "advance"]
    assert sum(n for _, n, _ in advances) == 14
    words = sum(len(line.split()) for line in corpus.read_text("utf-8").splitlines())
    assert 0 < sum(w for _, _, w in advances) < words  # the texts' words, not the JSON's


def test_the_null_progress_accepts_every_call():
    NULL_PROGRESS.stage("reading", total=None, unit="bytes")
    NULL_PROGRESS.advance(3, words=10)
    NULL_PROGRESS.done("finished")


@pytest.mark.parametrize("gzip", [False, True])
@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_warc_is_read_with_its_size_in_bytes_as_total(tmp_path, gzip, command):
    warc = small_warc(tmp_path / ("a.warc.gz" if gzip else "a.warc"), 4, gzip=gzip)
    recorder = Recorder()
    if command == "ingest":
        workflows.ingest([warc], db=f"sqlite:///{tmp_path / 'l.db'}", config=load_config(),
                         progress=recorder)
    else:
        workflows.extract_files([warc], config=load_config(), progress=recorder)
    stages = [e[1:] for e in recorder.events if e[0] == "stage"]
    assert stages[0] == ("reading", warc.stat().st_size, "bytes")
    assert stages[1][0] == "linking"
    reading = recorder.events[1:recorder.events.index(("stage", *stages[1]))]
    assert all(e[0] == "advance" and e[1] >= 0 for e in reading)
    assert sum(e[1] for e in reading) == warc.stat().st_size
    assert sum(e[2] for e in reading) > 0  # the pages' words still reach the final line


def test_the_final_line_counts_bytes_for_a_run_read_in_bytes():
    from io import StringIO

    from rich.console import Console

    from newsledger.cli import ProgressBar

    out = StringIO()
    bar = ProgressBar(Console(file=out, width=200))
    with bar:
        bar.stage("reading", total=2048, unit="bytes")
        bar.advance(2048, words=300)
        bar.stage("linking")
        bar.done("2 new")
    assert "2,048 bytes, 300 words" in out.getvalue()
    assert "articles" not in out.getvalue()
