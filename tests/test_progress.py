"""Workflows report their stages, totals and words through the Progress protocol."""

from __future__ import annotations

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
