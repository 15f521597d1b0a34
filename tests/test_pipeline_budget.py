"""A per-article time budget: an article whose extraction runs too long becomes a failure
naming it, the articles after it are still extracted, and no timer is left behind."""

from __future__ import annotations

import signal

from newsledger.config import load_config
from newsledger.model import Article, Extraction, Failure
from newsledger.pipeline import extract

TEXT = "Die Polizei sagte am Montag, es seien 120 Menschen verletzt worden. " * 40


def _config(tmp_path, seconds: float):
    path = tmp_path / "budget.toml"
    path.write_text(f"[extract]\nmax_seconds_per_article = {seconds}\n", encoding="utf-8")
    return load_config(path)


def test_an_article_over_its_budget_fails_alone_and_the_run_goes_on(tmp_path):
    articles = [Article(id=f"a{n}", text=TEXT, origin=f"in.jsonl:{n}") for n in (1, 2)]
    results = list(extract(articles, config=_config(tmp_path, 0.0001)))
    assert [type(r) for r in results] == [Failure, Failure]
    assert results[0].origin == "in.jsonl:1" and "max_seconds_per_article" in results[0].error
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_within_the_budget_nothing_changes(tmp_path):
    article = Article(id="a1", text=TEXT)
    [timed] = extract([article], config=_config(tmp_path, 60))
    [untimed] = extract([article], config=_config(tmp_path, 0))
    assert isinstance(timed, Extraction) and timed == untimed
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
