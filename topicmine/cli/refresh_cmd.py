"""``refresh`` (the nightly job, with its own log file and exit codes) and ``demo`` (the sample corpus end to end)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Optional

import typer

from topicmine.cli.common import (
    ConfigOpt,
    JsonOpt,
    QuietOpt,
    VerboseOpt,
    WorkdirOpt,
    _console,
    _counts_zh,
    _emit,
    _esc,
    _json_error,
    _progress,
    _render_input_checks,
    _run,
    _setup_logging,
    _workspace,
)
from topicmine.cli.corpus import _render_stats
from topicmine.cli.lookup import _render_hits
from topicmine.errors import TopicmineError

def refresh(
    paths: Optional[list[Path]] = typer.Argument(None, help="来源文件或文件夹（默认取 corpus/ingest.toml 中 \\[refresh] 的 paths）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """每晚增量更新（refresh）：读入变化的文件，为新段落计算向量，重新拟合议题（编号稳定），检查新材料是否重复，写出晨报。

    同一工作目录一次只运行一个；日志同时写入 WORKDIR/logs/refresh.log。退出码：0 成功 · 75 已有 refresh 或 ingest 在运行（提示其进程号，定时任务下次再跑即可） · 2 设置有误 · 1 运行失败（原有结果保持不变，下次运行会恢复）。
    """
    from topicmine.errors import LockError
    from topicmine.pipeline import refresh as rp

    _setup_logging(verbose, quiet)
    ws = _run(lambda: _workspace(workdir, config))
    log = logging.getLogger("topicmine.cli")
    handler = _run(lambda: _log_to_file(ws.settings.log_dir / "refresh.log"))
    show = _progress(verbose, quiet) or False  # never let the log file's INFO level switch bars on under cron
    try:
        log.info("refresh started: workdir %s, sources %s", ws.workdir, [str(p) for p in paths] if paths else "[refresh] paths")
        try:
            summary = rp.refresh(ws, paths or None, show_progress=show)
        except LockError as exc:
            log.info("refresh not started: %s", exc)  # INFO: the file gets it, the terminal only the line below
            typer.secho(f"另一个 refresh 正在运行，本次退出 / another refresh is running: {exc}", err=True, fg=typer.colors.YELLOW)
            raise typer.Exit(exc.exit_code) from None
        except TopicmineError as exc:
            log.error("refresh failed: %s", exc)
            typer.secho(f"错误 / error: {exc}", err=True, fg=typer.colors.RED)
            _json_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (OSError, RuntimeError) as exc:
            from topicmine.diskerrors import as_disk_error

            disk = as_disk_error(exc, "写入", "之前各步已提交的内容保留，下次运行从中断处继续")
            if disk is None:
                log.exception("refresh failed with an unexpected error (a bug; the previous state is intact)")
                raise
            log.error("refresh failed: %s", disk)
            typer.secho(f"错误 / error: {disk}", err=True, fg=typer.colors.RED)
            _json_error(disk)
            raise typer.Exit(disk.exit_code) from None
        except Exception:
            log.exception("refresh failed with an unexpected error (a bug; the previous state is intact)")
            raise
        out = _refresh_result(summary)
        log.info("refresh ok: %s", json.dumps(out, ensure_ascii=False, default=str))
    finally:
        logging.getLogger("topicmine").removeHandler(handler)
        handler.close()
    _emit(out, as_json, _render_refresh)


def _log_to_file(path: Path) -> logging.Handler:
    """Add an INFO file handler for the run (the library adds none); the terminal keeps its own level."""
    from topicmine.logsafe import SafeFileHandler, SafeFormatter  # file names in messages cannot forge lines

    path.parent.mkdir(parents=True, exist_ok=True)
    handler = SafeFileHandler(path, encoding="utf-8")  # a full disk: one warning, not a traceback per line
    handler.setLevel(logging.INFO)

    handler.setFormatter(SafeFormatter("%(asctime)s pid=%(process)d %(levelname)s %(name)s: %(message)s"))
    tm = logging.getLogger("topicmine")
    # the terminal's handlers keep the level -v/-q chose; only the logger opens up to INFO for the file
    for h in logging.getLogger().handlers:
        if h.level == logging.NOTSET:
            h.setLevel(tm.level or logging.WARNING)
    if tm.level == logging.NOTSET or tm.level > logging.INFO:
        tm.setLevel(logging.INFO)
    tm.addHandler(handler)
    return handler


def _refresh_result(summary: dict[str, Any]) -> dict[str, Any]:
    """The --json summary: the keys scripts rely on first, then details (no per-document id lists)."""
    keys = ("documents", "passages_embedded", "topics", "seconds", "run_id", "topics_refit", "duplicates",
            "uptake", "files_failed", "index", "timings", "report", "input_checks")
    out = {k: summary.get(k) for k in keys if k in summary}
    out["new_documents"] = len(summary.get("new_doc_ids") or [])
    out["issues"] = summary.get("issues", [])[:10]
    return out


def _render_refresh(r: dict[str, Any]) -> None:
    c = _console()
    d, t = r["documents"], r["topics"]
    refit = "" if r.get("topics_refit") else "（无需重算）"
    c.print(f"[bold]更新 refresh[/bold] 第 {r.get('run_id')} 次：文件 新增 {d['new']} · 修改 {d['changed']} · 删除 {d['deleted']} · "
            f"未变 {d['unchanged']} · 新算向量段落 {r['passages_embedded']} · 议题 保留 {t['kept']} 新增 {t['new']} "
            f"消失 {t['gone']}{refit} · 相似文档对 {(r.get('duplicates') or {}).get('pairs', 0)} · 用时 {r['seconds']} 秒",
            highlight=False)
    for i in r.get("issues") or []:
        c.print(f"[red]✗[/red] {_esc(str(i.get('source')))}: {_esc(str(i.get('reason')))}", highlight=False)
    _render_input_checks(r.get("input_checks"))
    if r.get("report"):
        c.print(f"晨报 morning report: {r['report'].get('html')}", highlight=False)


def demo(
    workdir: Path = typer.Option(Path("var/demo"), "--workdir", "-w", help="演示语料的工作目录（默认 var/demo）。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """演示：读入样例语料，计算向量，发现议题和重复，写出晨报并展示结果。"""
    from topicmine.pipeline import demo as dm

    _setup_logging(verbose, quiet)
    ws = _run(lambda: _workspace(workdir, config))
    res = _run(lambda: dm.run_demo(ws, show_progress=_progress(verbose, quiet)))
    _emit(res, as_json, _render_demo)


def _render_demo(res: dict[str, Any]) -> None:
    from rich.table import Table

    c = _console()
    _render_refresh(_refresh_result(res["refresh"]) | {"report": None})
    c.rule("语料 corpus")
    _render_stats(res["stats"])
    c.rule("候选调研议题 candidate topics")
    t = Table(show_edge=False)
    for col in ("#", "议题 topic", "理由 reason"):
        t.add_column(col)
    for row in res["topics"]:
        t.add_row(str(row["rank"]), row["label"], row["reason"])
    c.print(t)
    c.rule("重复提案 duplicate groups (并案)")
    groups = res["duplicates"]["groups"]
    if not groups:
        c.print("未发现需要并案的重复提案")
    for g in groups:
        c.print(f"[bold]并案组 {g['id']}[/bold]（{g['level']}）：", highlight=False)
        for m in g["members"]:
            c.print(f"   {_esc(m['title'])}  [dim]{_esc(m.get('author') or '')} {m.get('date') or ''}[/dim]", highlight=False,
                    soft_wrap=True)
    _render_demo_uptake(res.get("uptake"))
    c.rule(f"检索 search: {res['search']['query']}")
    _render_hits(res["search"])
    c.rule()
    c.print(f"[bold]晨报 morning report:[/bold] {res['report']}", highlight=False)


def _render_demo_uptake(up: dict[str, Any] | None) -> None:
    """The demo's 成果转化 part: replies and their outcomes, later text taking up asks, the 督办 rows."""
    if not up:
        return
    c = _console()
    s = up["summary"]
    c.rule("成果转化 uptake（topicmine uptake 查看全部）")
    # soft_wrap: rich wraps at spaces, so a long Chinese line without one was pushed whole onto the next
    # line after an empty bullet; the terminal wraps Chinese by character
    c.print(f"事项 {s['items']} 件，已答复 {s['replied']} 件（{_counts_zh(s['outcomes'])}）；后续文本写入一致举措（采纳）"
            f"{s['adopted_items']} 件，仅呼应 {s['echo_only_items']} 件；督办：{_counts_zh(s['supervision'])}",
            highlight=False, soft_wrap=True)
    for u in up["adopted"]:
        c.print(f"  · {_esc(u['title'])}：{_esc(u['statement'])}", highlight=False, soft_wrap=True)
    for r in up["supervision"]:
        c.print(f"  [督办·{_esc(r['kind'])}] {_esc(r['title'])} — {_esc(r['reason'])}", highlight=False, soft_wrap=True)
