"""Docs that must not drift: every pinned package has a licence row, every CLI command is in the README."""

from __future__ import annotations

import re

import click

from newsledger.cli import main


def test_every_pinned_package_is_in_the_licence_list(repo):
    listed = (repo / "docs" / "licences.md").read_text("utf-8").lower()
    for line in (repo / "requirements.lock").read_text("utf-8").splitlines():
        if "==" in line:
            name = line.split("==")[0].strip().lower()
            assert f"| {name} |" in listed, f"{name} is pinned but missing from docs/licences.md"


def test_every_cli_command_is_documented(repo):
    readme = (repo / "README.md").read_text("utf-8")
    for name in main.commands:
        assert f"`{name}" in readme, f"command {name!r} is not documented in README.md"


def test_every_option_has_help_or_is_obvious():
    def walk(command: click.Command):
        yield command
        for sub in getattr(command, "commands", {}).values():
            yield from walk(sub)

    for command in walk(main):
        assert command.help or command.callback.__doc__, f"{command.name} has no help text"


def test_quickstart_is_two_plain_commands(repo):
    readme = (repo / "README.md").read_text("utf-8")
    section = readme.split("## Quickstart", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1).strip().splitlines()
    assert block == ["python3 tasks.py demo", "python3 tasks.py test"]
    ci = (repo / ".ci" / "run").read_text("utf-8")
    assert "\npython3 tasks.py test\n" in ci
