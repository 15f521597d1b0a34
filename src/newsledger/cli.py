"""The command line: thin commands over the library. The only module that prints.

Records go to stdout, progress and messages to stderr. Exit codes: 0 all inputs
processed, 1 some inputs failed (the good ones are fully processed and written),
2 usage error (click's own convention for bad options).
"""

from __future__ import annotations

import functools
import os
import secrets
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
from newsledger.errors import NewsledgerError, UnknownRecord
from newsledger.model import Failure
from newsledger.output import TABLES, csv_text, jsonl_line, plain_text
from newsledger.report import render_html, terminal


class PlainConsole(Console):
    """A console that shows every string as it is: no markup, emoji codes or highlighting,
    and control characters made visible. What it prints comes from articles, ids, file
    names and options, so '[link=…]' or '[/x]' in an id is text, and an escape sequence
    in an article never reaches the terminal. Styled parts are built as ``rich.text.Text``."""

    def render_str(self, text: str, **options) -> Text:
        options.update(markup=False, emoji=False, highlight=False)
        return super().render_str(plain_text(text), **options)


# Piped output (CI logs, files) gets a wide, fixed width instead of rich's 80 columns.
stdout = PlainConsole(soft_wrap=False, width=None if sys.stdout.isatty() else 160)
stderr = PlainConsole(stderr=True)

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
            print_error(f"{failure.origin}: {failure.error} ({failure.stage})")


def print_error(message: str) -> None:
    """'error' in red, then the message as plain text (it names files and ids)."""
    stderr.print(Text("error", style="red") + Text(" " + plain_text(message)), soft_wrap=True)


class ProgressBar:
    """Renders :class:`newsledger.progress.Progress` on stderr: the stage, done/total, rate,
    ETA (where the total is known), and a final line with words per second."""

    def __init__(self, console: Console | None) -> None:
        self._console = console
        self._bar = None
        self._task = None
        self._unit = "articles"
        self._words = 0
        self._counted: dict[str, int] = {}  # per unit: a WARC run counts bytes, not articles
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
        self._counted[self._unit] = self._counted.get(self._unit, 0) + n
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=n)

    def done(self, summary: str = "") -> None:
        if self._console is None:
            return
        self.__exit__()
        seconds = max(time.monotonic() - self._started, 1e-9)
        counted = ", ".join(f"{n:,} {unit}" for unit, n in self._counted.items() if n)
        rate = (f"{counted or '0 articles'}, {self._words:,} words in {seconds:.1f} s "
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
    """Turn library errors, and files that cannot be written, into one line and exit code 1
    (2 when an argument names something the ledger does not have)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except NewsledgerError as exc:
            print_error(str(exc))
            sys.exit(2 if isinstance(exc, UnknownRecord) else 1)
        except BrokenPipeError:  # the reader went away (`newsledger claims | head`): not an error
            sys.stderr = open(os.devnull, "w")  # silence Python's own flush complaint at exit
            sys.exit(0)
        except OSError as exc:  # e.g. --html into a folder that does not exist
            where = exc.filename or "output"
            print_error(f"{where}: cannot write it ({exc.strerror or exc})")
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
    view = workflows.report(db, stories=stories, since=since, top=top)
    if html_path:
        Path(html_path).write_text(render_html(view), encoding="utf-8")
    if not quiet:
        for table in terminal.summary_tables(view):
            stdout.print(table)
    if html_path:
        stderr.print(f"report written to {html_path}")


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
        click.echo(view.csv(), nl=False)
    elif fmt == "jsonl":
        for line in view.jsonl():
            click.echo(line)
    else:
        stdout.print(terminal.group_table(view.group, view.story_label))


@main.command()
@click.argument("story_id", required=False)
@DB_OPTION
@fail_on_errors
def story(story_id, db) -> None:
    """List stories, or show one story's figure groups and statuses."""
    if story_id is None:
        stdout.print(terminal.stories_table(workflows.stories(db)))
    else:
        stdout.print(terminal.story_groups_table(*workflows.story_groups(db, story_id)))


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
    stderr.print(f"claim {claim_id}: {status}")


@main.group()
def entities() -> None:
    """List canonical speakers and edit them (merge, split); edits survive re-ingest."""


@entities.command("list")
@DB_OPTION
@fail_on_errors
def entities_list(db) -> None:
    """Canonical names with every alias they were written as."""
    stdout.print(terminal.entities_table(workflows.entities(db)))


@entities.command("merge")
@click.argument("keep")
@click.argument("merge")
@DB_OPTION
@click.option("--by", default=None)
@fail_on_errors
def entities_merge(keep, merge, db, by) -> None:
    """Merge entity MERGE into KEEP."""
    workflows.edit_entities(db, "merge", keep, merge, by=by)
    stderr.print(f"merged {merge!r} into {keep!r}")


@entities.command("split")
@click.argument("name")
@click.argument("alias")
@DB_OPTION
@click.option("--by", default=None)
@fail_on_errors
def entities_split(name, alias, db, by) -> None:
    """Split ALIAS off entity NAME into its own entity."""
    workflows.edit_entities(db, "split", name, alias, by=by)
    stderr.print(f"split {alias!r} from {name!r}")


@entities.command("rename")
@click.argument("name")
@click.argument("new")
@DB_OPTION
@click.option("--by", default=None)
@fail_on_errors
def entities_rename(name, new, db, by) -> None:
    """Show entity NAME as NEW from now on (its aliases stay; survives re-ingest)."""
    workflows.edit_entities(db, "rename", name, new, by=by)
    stderr.print(f"renamed {name!r} to {new!r}")


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
    view = workflows.report(db)
    for table in terminal.summary_tables(view):
        stdout.print(table)
    Path(html_path).write_text(render_html(view), encoding="utf-8")
    stderr.print(f"ledger: {db}\nreport: {html_path}")
    sys.exit(1 if result.failures else 0)


@main.command()
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than this machine needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--read-only", is_flag=True, help="Refuse every write (reviews, entity edits).")
@click.option("--token", envvar="NEWSLEDGER_TOKEN",
              help="Secret every write must carry (default: generated and printed when "
                   "--host is not this machine; env NEWSLEDGER_TOKEN).")
@fail_on_errors
def serve(db, host, port, read_only, token) -> None:
    """A web app over the ledger: search, facets, timelines, review, a JSON API."""
    from newsledger.web import needs_token, serve as run_server

    if token is None and needs_token(host) and not read_only:
        token = secrets.token_urlsafe(24)
        stderr.print(f"writes need the token {token} (bound to {host})", highlight=False)
    stderr.print(f"serving {db} on http://{host}:{port}/ (Ctrl-C stops)", highlight=False)
    run_server(db, host=host, port=port, read_only=read_only, token=token)


@main.command()
@DB_OPTION
@fail_on_errors
def info(db) -> None:
    """Version, language resources and the ledger's contents."""
    stdout.print(terminal.info_table(workflows.info(db)))


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
