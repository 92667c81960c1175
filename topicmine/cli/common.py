"""What every command shares: the common options, logging set-up, the workspace, ``--json`` output and
the one error path (a ``TopicmineError`` or a full disk → one line on stderr, the exit code it names)."""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from topicmine.errors import TopicmineError


def _esc(text: str) -> str:
    """Escape rich markup in data (file names, reasons) before printing it inside a markup string."""
    from rich.markup import escape

    return escape(text)



WorkdirOpt = typer.Option(None, "--workdir", "-w", help="工作目录 workdir（语料库、索引、报告所在；环境变量 TOPICMINE_WORKDIR，默认 ./var）。")
ConfigOpt = typer.Option(None, "--config", help="设置文件（默认 ./topicmine.toml，或环境变量 TOPICMINE_CONFIG）。")
JsonOpt = typer.Option(False, "--json", help="以一个 JSON 对象输出结果（标准输出的最后一行），供脚本和定时任务使用。")
VerboseOpt = typer.Option(0, "--verbose", "-v", count=True, help="在标准错误输出更多日志（-v 信息和进度条，-vv 调试）。")
QuietOpt = typer.Option(False, "--quiet", "-q", help="不显示进度条。")


def _setup_logging(verbose: int, quiet: bool = False) -> None:
    level = logging.WARNING if quiet or verbose == 0 else (logging.INFO if verbose == 1 else logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("topicmine").setLevel(level)
    # jieba announces its dictionary loading on every start and resets its logger's level
    # when imported (later, lazily); a filter on the logger object survives that.
    if level > logging.INFO:
        # transformers draws a "Loading weights" bar on every model load; it follows the hub's switch,
        # read when those libraries are imported (later, lazily) — this process only
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    jieba_logger = logging.getLogger("jieba")
    if not any(isinstance(f, _QuietJieba) for f in jieba_logger.filters):
        jieba_logger.addFilter(_QuietJieba())


class _QuietJieba(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING


def _workspace(workdir: Optional[Path], config: Optional[Path], **overrides: Any):
    from topicmine.pipeline import Workspace

    return Workspace.from_settings(config, workdir=workdir, **overrides)


def _emit(result: Any, as_json: bool, render: Callable[[Any], None]) -> None:
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, default=str) + "\n")
    else:
        render(result)


def _run(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except TopicmineError as exc:
        typer.secho(f"错误 / error: {exc}", err=True, fg=typer.colors.RED)
        _json_error(exc)
        raise typer.Exit(exc.exit_code) from None
    except (OSError, RuntimeError) as exc:  # a full / read-only disk is the operator's to fix, not a bug
        from topicmine.diskerrors import as_disk_error

        disk = as_disk_error(exc)
        if disk is None:
            raise
        typer.secho(f"错误 / error: {disk}", err=True, fg=typer.colors.RED)
        _json_error(disk)
        raise typer.Exit(disk.exit_code) from None


def _json_error(exc: TopicmineError) -> None:
    """With --json, scripts still get one JSON object on the last stdout line (exit 75 included)."""
    if "--json" in sys.argv[1:]:
        err = {"type": type(exc).__name__, "message": str(exc), "exit_code": exc.exit_code}
        typer.echo(json.dumps({"error": err}, ensure_ascii=False))


def _writable_out(out: Optional[Path], action: str) -> None:
    """An --out folder that cannot take files fails now, with a clear message, not after minutes of work."""
    if out is not None:
        from topicmine.diskerrors import ensure_writable

        _run(lambda: ensure_writable(out, action))


def _progress(verbose: int, quiet: bool) -> Optional[bool]:
    if quiet:
        return False
    return True if sys.stderr.isatty() or verbose else None


def _check_mark(ch: dict[str, Any]) -> str:
    """✓ passed · ✗ a failed rule that makes the draft fail · ! a failed warning (the verdict can still be 通过) ·
    · a note; so a warning never shows as ✗ under a 通过 verdict."""
    if ch.get("passed"):
        return "  ✓ "
    return {"error": "  ✗ ", "warning": "  ! "}.get(str(ch.get("severity") or "error"), "  · ")


def _counts_zh(counts: dict[str, int] | None) -> str:
    """A count table in words an office reads: {"承诺办理": 5, "已解决": 2} → "承诺办理 5 件、已解决 2 件"
    (never a Python dict on screen); "无" when empty."""
    if not counts:
        return "无"
    return "、".join(f"{k} {v} 件" for k, v in counts.items())


def _console():
    from rich.console import Console

    return Console()



def _years(year: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    if not year:
        return None, None
    try:
        if "-" in year:
            a, b = year.split("-", 1)
            return (int(a) if a else None), (int(b) if b else None)
        return int(year), int(year)
    except ValueError:
        typer.secho(f"错误 / error: --year {year!r} 不是年份或年份范围（应写 2023 或 2023-2025）", err=True, fg=typer.colors.RED)
        raise typer.Exit(2) from None



def _read_text_arg(ws: Any, file: str) -> str:
    """Text of a draft given as a path or '-' (stdin), read with the ingest readers."""
    from topicmine.errors import InputError

    if file == "-":
        text = sys.stdin.read()
    else:
        p = Path(file)
        if not p.is_file():
            raise InputError(f"{p}: 文件不存在（请检查路径；读标准输入请写 -）")
        from topicmine import pipeline

        text = pipeline.read_upload(ws, p.name, p.read_bytes())
    if not text.strip():
        raise InputError(f"{file}: no text")
    return text



def _render_input_checks(rep: dict[str, Any] | None) -> None:
    """The input checks of an ingest/refresh: one summary line, then each finding (reports stored twice,
    datelines that disagree with the stored year)."""
    if not rep:
        return
    from topicmine.pipeline.input_checks import summary_line

    c = _console()
    c.print(summary_line(rep), highlight=False)
    for item in (rep.get("duplicates") or []) + (rep.get("year_mismatches") or []):
        c.print(f"[yellow]![/yellow] {item['message']}", highlight=False)
