"""The `topicmine` command: one thin command per pipeline / evaluate function.

Every command that reports results takes ``--json``: its result is then ONE JSON
object on the last line of stdout (progress bars and logs go to stderr), for
scripts, cron and the maintainers' checks. Errors print one line to stderr and
exit non-zero (2 settings, 3 --strict ingest failures, 75 lock held).

This module holds the Typer app, the global options (``topicmine --workdir DIR CMD``) and the list of
commands, in the order ``topicmine --help`` shows them; each command lives in the module of its group
(``corpus``, ``lookup``, ``topics_cmd``, ``dedup_cmd``, ``refresh_cmd``, ``drafting``, ``serve_cmd``,
``uptake_cmd``, ``evaluation``, ``cluster_cmd``), what they share in ``common``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

import typer

from topicmine.cli import corpus, dedup_cmd, drafting, evaluation, lookup, refresh_cmd, serve_cmd, topics_cmd, uptake_cmd
from topicmine.cli.cluster_cmd import cluster_app
from topicmine.cli.zh import ZhCommand, ZhGroup, install_help_texts
from topicmine.cli.common import (  # noqa: F401  (re-exported: tests and scripts import them from topicmine.cli)
    ConfigOpt,
    JsonOpt,
    QuietOpt,
    VerboseOpt,
    WorkdirOpt,
    _check_mark,
    _emit,
    _run,
    _setup_logging,
    _workspace,
)

install_help_texts()
app = typer.Typer(
    name="topicmine",
    cls=ZhGroup,
    help="topicmine — 政协研究室的议题挖掘、重复提案检查与文稿拆分工具 (topic mining, near-duplicate proposals, drafting).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(cls=ZhGroup, help="在任一标注文件上评测（STS、句对、聚类等），输出一个 JSON 对象。", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@app.callback()
def _global_options(
    workdir: Optional[Path] = typer.Option(None, "--workdir", "-w", help="工作目录 workdir，写在命令前也可以（git 式：topicmine --workdir DIR stats）。"),
    config: Optional[Path] = typer.Option(None, "--config", help="设置文件，写在命令前也可以（topicmine --config FILE refresh）。"),
) -> None:
    """topicmine — 政协研究室的议题挖掘、重复提案检查与文稿拆分工具。"""
    # Options given before the command are handed to it the way every entry point already reads
    # them (the settings' environment), so `topicmine -w DIR CMD` and `topicmine CMD -w DIR` agree;
    # an option after the command still wins because it is passed explicitly.
    if workdir is not None:
        os.environ["TOPICMINE_WORKDIR"] = str(Path(workdir).resolve())
    if config is not None:
        os.environ["TOPICMINE_CONFIG"] = str(Path(config).resolve())


# The commands, in the order `topicmine --help` lists them (typer keeps registration order).
app.command(cls=ZhCommand)(corpus.ingest)
app.command(cls=ZhCommand)(corpus.stats)
app.command(cls=ZhCommand)(lookup.search)
app.command(cls=ZhCommand)(corpus.show)
app.command(cls=ZhCommand)(corpus.embed)
app.command(cls=ZhCommand)(topics_cmd.topics)
app.command(cls=ZhCommand)(dedup_cmd.dedup)
app.command(cls=ZhCommand)(lookup.check)
app.command(cls=ZhCommand)(refresh_cmd.refresh)
app.command(cls=ZhCommand)(refresh_cmd.demo)
app.command(cls=ZhCommand)(drafting.split)
app.command("check-draft", cls=ZhCommand)(drafting.check_draft)
app.command(cls=ZhCommand)(serve_cmd.serve)
app.command("uptake", cls=ZhCommand)(uptake_cmd.uptake_cmd)

eval_app.command("sts", cls=ZhCommand)(evaluation.eval_sts)
eval_app.command("pairs", cls=ZhCommand)(evaluation.eval_pairs)
eval_app.command("clusters", cls=ZhCommand)(evaluation.eval_clusters)
eval_app.command("replies", cls=ZhCommand)(evaluation.eval_replies_cmd)
eval_app.command("uptake", cls=ZhCommand)(evaluation.eval_uptake_cmd)
eval_app.command("proposal-pairs", cls=ZhCommand)(evaluation.eval_proposal_pairs)

app.add_typer(cluster_app, name="cluster")


def main() -> None:
    """Console-script entry point."""
    app()
