"""Every CLI command documents itself (sqlite-utils style: a command without help text fails)."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
import typer.main

from topicmine.cli import app


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, prefix + (name,))


CLICK_APP = typer.main.get_command(app)
ALL = list(_commands(CLICK_APP))


def test_entry_point_names_exist():
    names = {" ".join(p) for p, _ in ALL}
    for required in ["ingest", "stats", "search", "show", "embed", "topics", "dedup", "check", "split",
                     "check-draft", "refresh", "serve", "demo", "eval", "eval sts", "eval pairs", "eval clusters"]:
        assert required in names, f"missing command {required}"


@pytest.mark.parametrize("path,cmd", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_command_and_option_has_help(path, cmd):
    assert (cmd.help or "").strip(), f"`topicmine {' '.join(path)}` has no help text"
    for param in cmd.params:
        if isinstance(param, click.Option) and param.name != "help":
            assert (param.help or "").strip(), f"option {param.opts} of `topicmine {' '.join(path)}` has no help"


def test_help_runs_fast_without_heavy_imports():
    code = (
        "import sys, topicmine.cli;"
        "heavy=[m for m in ('torch','sentence_transformers','faiss','docx','spacy','sklearn','jieba') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the CLI pulled in heavy modules: {out.stdout}"
