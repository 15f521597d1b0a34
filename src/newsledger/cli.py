"""The command line: thin commands over the library. The only module that prints.

Records go to stdout, progress and messages to stderr. Exit codes: 0 all inputs
processed, 1 some inputs failed (the good ones are fully processed and written),
2 usage error (click's own convention for bad options).
"""

from __future__ import annotations

import functools
import os
import sys
import time
from pathlib import Path
from typing import Sequence

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

from newsledger import __version__, workflows
from newsledger.config import Config, load_config
from newsledger.errors import NewsledgerError
from newsledger.model import Failure
from newsledger.output import TABLES, csv_text, jsonl_line

# Piped output (CI logs, files) gets a wide, fixed width instead of rich's 80 columns.
stdout = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
stderr = Console(stderr=True)

DB_OPTION = click.option("--db", default="ledger.db", show_default=True,
                         help="Ledger file or database URL (sqlite:///…, postgresql://…).")
FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]),
                             default="jsonl", show_default=True, help="Output format for records.")
QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar or messages.")
CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                             help="TOML file overriding resources/defaults.toml.")


class Run:
    """What a command needs from the command line, resolved once: config and output consoles."""

    def __init__(self, config_path: str | None, quiet: bool) -> None:
        self.config: Config = load_config(config_path)
        self.quiet = quiet

    def progress(self) -> ProgressBar:
        return ProgressBar(None if self.quiet else stderr)

    def report_failures(self, failures: Sequence[Failure]) -> None:
        for failure in failures:
            stderr.print(f"[red]error[/] {failure.origin}: {failure.error} ({failure.stage})",
                         highlight=False, markup=True, soft_wrap=True)


class ProgressBar:
    """Renders :class:`newsledger.progress.Progress` on stderr: the stage, done/total, rate,
    ETA (where the total is known), and a final line with words per second."""

    def __init__(self, console: Console | None) -> None:
        self._console = console
        self._bar = None
        self._task = None
        self._unit = "articles"
        self._words = self._articles = 0
        self._started = time.monotonic()
        if console is not None:
            columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[unit]}"), _RateColumn(), TextColumn("ETA"),
                       TimeRemainingColumn(), TimeElapsedColumn())
            self._bar = RichProgress(*columns, console=console, transient=True)

    def __enter__(self) -> ProgressBar:
        if self._bar:
            self._bar.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar:
            self._bar.stop()

    def stage(self, name: str, total: int | None = None, unit: str = "articles") -> None:
        if self._bar is None:
            return
        if self._task is not None:
            self._bar.update(self._task, visible=False)
        self._unit = unit
        self._task = self._bar.add_task(name, total=total, unit=unit)

    def advance(self, n: int = 1, *, words: int = 0) -> None:
        self._words += words
        self._articles += n if self._unit == "articles" else 0
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=n)

    def done(self, summary: str = "") -> None:
        if self._console is None:
            return
        self.__exit__()
        seconds = max(time.monotonic() - self._started, 1e-9)
        rate = (f"{self._articles:,} articles, {self._words:,} words in {seconds:.1f} s "
                f"({self._words / seconds:,.0f} words/s)")
        self._console.print(f"{summary}\n{rate}" if summary else rate, highlight=False)


class _RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")


WORKERS_OPTION = click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Extraction processes (default: every core, fewer for a small input; 1: in this process).")


def fail_on_errors(func):
    """Turn library errors, and files that cannot be written, into one line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NewsledgerError as exc:
            stderr.print(f"[red]error[/] {exc}", highlight=False, soft_wrap=True)
            sys.exit(1)
        except BrokenPipeError:  # the reader went away (`newsledger claims | head`): not an error
            sys.stderr = open(os.devnull, "w")  # silence Python's own flush complaint at exit
            sys.exit(0)
        except OSError as exc:  # e.g. --html into a folder that does not exist
            where = exc.filename or "output"
            stderr.print(f"[red]error[/] {where}: cannot write it ({exc.strerror or exc})",
                         highlight=False, soft_wrap=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsledger")
def main() -> None:
    """newsledger: who claimed which figure, when — from a stream of news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@DB_OPTION
@click.option("--reextract", is_flag=True, help="Re-run extraction on stored articles too.")
@WORKERS_OPTION
@click.option("--ray", "ray_address", metavar="ADDRESS", default=None,
              help="Extract as Ray tasks on this cluster (needs newsledger[ray]; 'auto': the "
                   "cluster this machine is part of).")
@CONFIG_OPTION
@QUIET_OPTION
@fail_on_errors
def ingest(paths: tuple[str, ...], db: str, reextract: bool, workers: int | None,
           ray_address: str | None, config_path: str | None, quiet: bool) -> None:
    """Read articles, extract claims, link them across articles, store them in the ledger."""
    run = Run(config_path, quiet)
    with run.progress() as progress:
        result = workflows.ingest(paths, db=db, config=run.config, reextract=reextract,
                                  workers=workers, ray=ray_address, progress=progress)
        progress.done(result.summary())
    run.report_failures(result.failures)
    sys.exit(1 if result.failures else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--what", type=click.Choice(["claims", "quotes", "times", "entities"]),
              default="claims", show_default=True)
@FORMAT_OPTION
@click.option("--db", default=None, help="Apply this ledger's entity edits (optional).")
@click.option("--debug", is_flag=True, help="Show which rule fired for each record.")
@WORKERS_OPTION
@CONFIG_OPTION
@QUIET_OPTION
@fail_on_errors
def extract(paths, what, fmt, db, debug, workers, config_path, quiet) -> None:
    """Extract records from files (no ledger needed) and write them to stdout."""
    run = Run(config_path, quiet)
    with run.progress() as progress:
        result = workflows.extract_files(paths, config=run.config, db=db, workers=workers,
                                         progress=progress)
        progress.done()
    emit(result.records(what), fmt, what=what, debug=debug)
    run.report_failures(result.failures)
    sys.exit(1 if result.failures else 0)


def emit(records: Sequence, fmt: str, *, what: str, debug: bool = False) -> None:
    if fmt == "jsonl":
        for record in records:
            click.echo(jsonl_line(record))
    elif fmt == "csv":
        click.echo(csv_text(records), nl=False)
    else:
        stdout.print(TABLES[what](records, debug=debug))


@main.command()
@DB_OPTION
@click.option("--speaker", help="Only claims whose speaker text or canonical name matches.")
@click.option("--since", help="Only claims stated on or after this date (YYYY[-MM[-DD]]).")
@click.option("--story", help="Only claims of this story id.")
@click.option("--group", help="Only claims of this figure group id.")
@FORMAT_OPTION
@fail_on_errors
def claims(db, speaker, since, story, group, fmt) -> None:
    """Query the ledger's claims."""
    records = workflows.query_claims(db, speaker=speaker, since=since, story=story, group=group)
    emit(records, fmt, what="claims")


@main.command()
@DB_OPTION
@click.option("--html", "html_path", type=click.Path(dir_okay=False), help="Write the HTML report here.")
@click.option("--story", "stories", multiple=True, metavar="ID",
              help="Only this story (repeatable; `newsledger story` lists them).")
@click.option("--since", metavar="DATE", help="Only claims stated on or after DATE (YYYY-MM-DD).")
@click.option("--top", type=click.IntRange(min=1), metavar="N",
              help="Only the N stories with the most claims.")
@QUIET_OPTION
@fail_on_errors
def report(db, html_path, stories, since, top, quiet) -> None:
    """Summarise the ledger in the terminal; with --html write the self-contained report."""
    tables, html = workflows.report(db, html=bool(html_path), stories=stories, since=since, top=top)
    if not quiet:
        for table in tables:
            stdout.print(table)
    if html_path:
        Path(html_path).write_text(html, encoding="utf-8")
        stderr.print(f"report written to {html_path}", highlight=False)


@main.command()
@click.argument("group")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table",
              show_default=True)
@fail_on_errors
def timeline(group, db, fmt) -> None:
    """One figure group's values over time, with the status between claims."""
    view = workflows.timeline(db, group)
    if fmt == "csv":
        click.echo(view.csv, nl=False)
    elif fmt == "jsonl":
        for line in view.jsonl:
            click.echo(line)
    else:
        stdout.print(view.table)


@main.command()
@click.argument("story_id", required=False)
@DB_OPTION
@fail_on_errors
def story(story_id, db) -> None:
    """List stories, or show one story's figure groups and statuses."""
    stdout.print(workflows.story_table(db, story_id))


@main.command()
@click.argument("claim_id")
@click.argument("status", type=click.Choice(["accepted", "rejected", "corrected"]))
@DB_OPTION
@click.option("--speaker", help="Corrected speaker name.")
@click.option("--value", help="Corrected value: N or LOW-HIGH.")
@click.option("--qualifier", help="Corrected qualifier.")
@click.option("--group", help="Corrected figure group id.")
@click.option("--by", default=None, help="Reviewer name (default: $USER).")
@fail_on_errors
def review(claim_id, status, db, speaker, value, qualifier, group, by) -> None:
    """Mark a claim (id from `claims`) accepted, rejected or corrected."""
    corrections = {k: v for k, v in
                   {"speaker": speaker, "value": value, "qualifier": qualifier, "group": group}.items() if v}
    workflows.review(db, claim_id, status, by=by, corrections=corrections)
    stderr.print(f"claim {claim_id}: {status}", highlight=False)


@main.group()
def entities() -> None:
    """List canonical speakers and edit them (merge, split); edits survive re-ingest."""


@entities.command("list")
@DB_OPTION
@fail_on_errors
def entities_list(db) -> None:
    """Canonical names with every alias they were written as."""
    stdout.print(workflows.entities_table(db))


@entities.command("merge")
@click.argument("keep")
@click.argument("merge")
@DB_OPTION
@click.option("--by", default=None)
@fail_on_errors
def entities_merge(keep, merge, db, by) -> None:
    """Merge entity MERGE into KEEP."""
    workflows.edit_entities(db, "merge", keep, merge, by=by)
    stderr.print(f"merged {merge!r} into {keep!r}", highlight=False)


@entities.command("split")
@click.argument("name")
@click.argument("alias")
@DB_OPTION
@click.option("--by", default=None)
@fail_on_errors
def entities_split(name, alias, db, by) -> None:
    """Split ALIAS off entity NAME into its own entity."""
    workflows.edit_entities(db, "split", name, alias, by=by)
    stderr.print(f"split {alias!r} from {name!r}", highlight=False)


@main.command()
@DB_OPTION
@click.option("--html", "html_path", default="newsledger-demo.html", show_default=True,
              type=click.Path(dir_okay=False))
@QUIET_OPTION
@fail_on_errors
def demo(db, html_path, quiet) -> None:
    """Ingest the built-in demo corpus, print a summary and write the HTML report."""
    run = Run(None, quiet)
    with run.progress() as progress:
        result = workflows.demo(db=db, config=run.config, progress=progress)
        progress.done(result.summary())
    run.report_failures(result.failures)
    tables, html = workflows.report(db, html=True)
    for table in tables:
        stdout.print(table)
    Path(html_path).write_text(html, encoding="utf-8")
    stderr.print(f"ledger: {db}\nreport: {html_path}", highlight=False)
    sys.exit(1 if result.failures else 0)


@main.command()
@DB_OPTION
@fail_on_errors
def info(db) -> None:
    """Version, language resources and the ledger's contents."""
    stdout.print(workflows.info_table(db))


@main.command("eval")
@click.argument("what", type=click.Choice(["claims", "quotes", "times", "groups"]))
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("pred", type=click.Path(exists=True, dir_okay=False))
@fail_on_errors
def eval_command(what, gold, pred) -> None:
    """Score predictions against gold, as ../shared/gold/GUIDELINES.md defines."""
    stdout.print(workflows.evaluation_table(what, gold, pred))


if __name__ == "__main__":
    main()
