"""The `topicmine` command: one thin command per pipeline / evaluate function.

Every command that reports results takes ``--json``: its result is then ONE JSON
object on the last line of stdout (progress bars and logs go to stderr), for
scripts, cron and the maintainers' checks. Errors print one line to stderr and
exit non-zero (2 settings, 3 --strict ingest failures, 75 lock held).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from topicmine.errors import TopicmineError

app = typer.Typer(
    name="topicmine",
    help="topicmine — 政协研究室的议题挖掘、重复提案检查与文稿拆分工具 (topic mining, near-duplicate proposals, drafting).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="在任一标注文件上评测（STS、句对、聚类等），输出一个 JSON 对象。", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _esc(text: str) -> str:
    """Escape rich markup in data (file names, reasons) before printing it inside a markup string."""
    from rich.markup import escape

    return escape(text)


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

# ---- shared options ----------------------------------------------------------------------------
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


def _console():
    from rich.console import Console

    return Console()


# ---- corpus ------------------------------------------------------------------------------------
@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="文件或文件夹（含子文件夹）。"),
    doc_type: Optional[str] = typer.Option(None, "--type", "-t", help="所有文件的文档类型：proposal/提案、gov_report/政府工作报告、……"),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="所有文件的地区，例如 江苏省。"),
    strict: bool = typer.Option(False, "--strict", help="有文件读取失败时以退出码 3 结束（strict）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """把文档读入语料库（识别新增/修改/未变的文件；读不了的文件逐个报告，不中断）。"""
    from topicmine import pipeline

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)

    def go():
        try:
            return pipeline.ingest(ws, paths, doc_type=doc_type, region=region, strict=strict, show_progress=_progress(verbose, quiet)).to_dict()
        except pipeline.IngestFailed as exc:
            _emit(exc.summary.to_dict(), as_json, _render_ingest)
            raise

    _emit(_run(go), as_json, _render_ingest)


def _render_ingest(s: dict[str, Any]) -> None:
    c = _console()
    c.print(
        f"[bold]ingest[/bold]: seen {s['seen']} · new {s['new']} · changed {s['changed']} · "
        f"unchanged {s['unchanged']} · failed {s['failed']} · documents +{s['documents_added']} "
        f"-{s['documents_removed']} · {s['seconds']}s"
    )
    if s["duplicates"]:
        c.print(f"exact duplicates collapsed: {len(s['duplicates'])}")
    _render_input_checks(s.get("input_checks"))
    for i in s["issues"]:
        loc = f" ({i['locator']})" if i.get("locator") else ""
        # names and reasons are data: a file called "报告[/x].md" must print as such, not as rich markup
        c.print(f"[red]✗[/red] {_esc(str(i['source']))}{_esc(loc)}: {_esc(str(i['reason']))}", highlight=False)


@app.command()
def stats(workdir: Optional[Path] = WorkdirOpt, config: Optional[Path] = ConfigOpt, as_json: bool = JsonOpt, verbose: int = VerboseOpt) -> None:
    """按文档类型、地区、年份统计文档和段落。"""
    from topicmine import pipeline

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    _emit(_run(lambda: pipeline.stats(ws)), as_json, _render_stats)


def _render_stats(s: dict[str, Any]) -> None:
    from rich.table import Table

    c = _console()
    c.print(f"[bold]{s.get('documents', 0)}[/bold] documents · [bold]{s.get('passages', 0)}[/bold] passages")
    for key, title in (("by_type", "类型 type"), ("by_region", "地区 region"), ("by_year", "年份 year")):
        rows = s.get(key) or {}
        if not rows:
            continue
        t = Table(title=title, show_edge=False)
        t.add_column(title)
        t.add_column("documents", justify="right")
        t.add_column("passages", justify="right")
        field = {"by_type": "type", "by_region": "region", "by_year": "year"}[key]
        items = rows.items() if isinstance(rows, dict) else [(r.get(field) or "（未标注）", r) for r in rows]
        for k, v in items:
            if isinstance(v, dict):
                label = v.get("label") or k
                t.add_row(str(label), str(v.get("documents", "")), str(v.get("passages", "")))
            else:
                t.add_row(str(k), str(v), "")
        c.print(t)


@app.command()
def search(
    query: str = typer.Argument(..., help="检索词或一句话，例如 \"社区嵌入式托育\"。"),
    doc_type: Optional[str] = typer.Option(None, "--type", "-t", help="只查这些文档类型（逗号分隔）。"),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="只查这个地区。"),
    year: Optional[str] = typer.Option(None, "--year", "-y", help="年份（2024）或年份范围（2023-2025）。"),
    limit: int = typer.Option(10, "--limit", "-n", help="返回多少条结果。"),
    mode: str = typer.Option("hybrid", "--mode", help="检索方式：hybrid（关键词+语义）、keyword（关键词）或 semantic（语义）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """检索段落（关键词+语义混合），按相关度排序，标出命中片段和出处。"""
    from topicmine import pipeline

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    y0, y1 = _years(year)
    hits = _run(lambda: pipeline.search(ws, query, doc_types=doc_type, region=region, year_from=y0, year_to=y1, limit=limit, mode=mode))
    _emit({"query": query, "hits": hits}, as_json, _render_hits)


def _years(year: Optional[str]) -> tuple[Optional[int], Optional[int]]:
    if not year:
        return None, None
    try:
        if "-" in year:
            a, b = year.split("-", 1)
            return (int(a) if a else None), (int(b) if b else None)
        return int(year), int(year)
    except ValueError:
        typer.secho(f"错误 / error: --year {year!r} is not a year or range like 2023-2025", err=True, fg=typer.colors.RED)
        raise typer.Exit(2) from None


def _render_hits(res: dict[str, Any]) -> None:
    c = _console()
    if not res["hits"]:
        c.print(f"no results for {res['query']!r}")
    for n, h in enumerate(res["hits"], 1):
        meta = " · ".join(str(x) for x in (h["doc_type_zh"], h.get("region"), h.get("year"), h.get("author")) if x)
        c.print(f"[bold]{n}. {h['title']}[/bold]  [dim]{meta} · doc {h['doc_id']} [{h['start']}:{h['end']}][/dim]", highlight=False)
        c.print("   " + h["snippet"].replace("【", "[bold yellow]").replace("】", "[/bold yellow]"), highlight=False)


@app.command()
def show(
    doc_id: str = typer.Argument(..., help="文档编号（见 search 或 stats 的输出）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
) -> None:
    """查看一份文档：元数据、来源、章节和正文。"""
    from topicmine import pipeline

    _setup_logging(0)
    ws = _workspace(workdir, config)
    doc = _run(lambda: pipeline.show(ws, doc_id))

    def render(d: dict[str, Any]) -> None:
        c = _console()
        c.print(f"[bold]{d['title']}[/bold]  ({d['doc_type_zh']} · {d.get('region') or ''} · {d.get('date') or d.get('year') or ''})", highlight=False)
        for s in d["sources"]:
            c.print(f"[dim]source: {s}[/dim]", highlight=False)
        c.print(d["text"], highlight=False)

    _emit(doc, as_json, render)


@app.command()
def embed(
    rebuild: bool = typer.Option(False, "--rebuild", help="用已缓存的向量重建向量索引。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """为尚无向量的段落计算向量（embedding），并更新向量索引。"""
    from topicmine import pipeline

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)
    ray_part = None
    if ws.settings.engine == "ray":  # the missing passages go through Ray's actor pool; the index as today
        from topicmine.cluster.embedding import embed_store

        ray_part = _run(lambda: embed_store(ws, show_progress=_progress(verbose, quiet)))
    res = _run(lambda: pipeline.embed(ws, show_progress=_progress(verbose, quiet), rebuild_index=rebuild))
    if ray_part is not None:
        res = {**res, "engine": "ray", "passages_embedded": ray_part["embedded"], "ray": ray_part}
    _emit(res, as_json, lambda r: _console().print(
        f"embedded {r['passages_embedded']} passages with {r['model']} ({r.get('precision')}) · "
        f"index {r['index']['count']} vectors ({r['index']['kind']}, +{r['index']['added']} -{r['index']['removed']}) · {r['seconds']}s"))


@app.command()
def topics(
    doc_type: Optional[str] = typer.Option(None, "--type", "-t", help="只按这些文档类型的依据排序（逗号分隔）。"),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="只按这个地区的依据排序。"),
    year: Optional[str] = typer.Option(None, "--year", "-y", help="只按某年或某年份范围（2023-2025）的依据排序。"),
    top: int = typer.Option(20, "--top", "-n", help="列出排名前多少个议题。"),
    assign_all: bool = typer.Option(False, "--assign-all", help="把每个段落都归入一个议题（不留未归类段落）。"),
    out: Optional[Path] = typer.Option(None, "--out", help="topics.json/.csv/.html 的输出文件夹（默认 <workdir>/reports）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
    detail: Optional[str] = typer.Option(None, "--detail", "-d", help="matter（议题，默认）或 area（政策领域）。"),
) -> None:
    """发现并排序候选调研议题，附依据、趋势和跨运行稳定的编号。"""
    from topicmine.pipeline import topics_job as tp

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)
    _writable_out(out, "保存议题报告")
    y0, y1 = _years(year)
    years = (y0, y1) if (y0 or y1) else None
    res = _run(lambda: tp.topics(ws, regions=[region] if region else None, years=years, doc_types=doc_type, top=top,
                                 assign_all=assign_all, out_dir=out, show_progress=_progress(verbose, quiet),
                                 detail=detail))
    _emit(res, as_json, _render_topics)


def _render_topics(res: dict[str, Any]) -> None:
    from rich.table import Table

    c = _console()
    ch = res["changes"]
    aside = "，".join(f"{k} {v}" for k, v in (res.get("set_aside") or {}).items())
    c.print(f"政策领域 [bold]{res.get('n_areas', '')}[/bold] 个 · 议题 [bold]{res.get('n_matters', '')}[/bold] 个"
            f"（共 {res['n_passages']} 段，已归类 {res['assigned_share']:.0%}）· 未计入议题的段落：{aside or '无'} · "
            f"保留 {ch['kept']} 新 {ch['new']} 消失 {ch['gone']}", highlight=False)
    for item in (res.get("input") or {}).get("duplicates", []) + (res.get("input") or {}).get("year_mismatches", []):
        c.print(f"[yellow]⚠ {item['message']}[/yellow]", highlight=False)
    t = Table(show_edge=False, show_lines=False)
    for col in ("#", "编号", "议题" if res.get("detail", "matter") == "matter" else "政策领域", "领域", "理由"):
        t.add_column(col)
    for row in res["topics"]:
        t.add_row(str(row["rank"]), str(row["id"]), row.get("title") or row["label"],
                  (row.get("area") or {}).get("label", ""), row["reason"])
    c.print(t)
    c.print(f"[dim]已写入：{', '.join(res['files'].values())}[/dim]", highlight=False)


@app.command()
def dedup(
    doc_type: str = typer.Option("proposal", "--type", "-t", help="比对哪些文档类型（逗号分隔；默认 proposal 提案）。"),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="只查这个地区。"),
    year: Optional[str] = typer.Option(None, "--year", "-y", help="年份（2019）或年份范围（2018-2020）。"),
    out: Optional[Path] = typer.Option(None, "--out", help="dedup.json/.csv/.html 的输出文件夹（默认 <workdir>/reports）。"),
    background: str = typer.Option("corpus", "--background",
                                   help="全文相似度的参照：corpus（所选文档本身，默认）或 archive（库中同类型的其他文档，"
                                        "如往年的社情民意信息；同一热点被大量反映时用它）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """查找重复、相近、相关的文档和并案建议，输出标出相同内容的报告。"""
    from topicmine.pipeline import dedup_job as dp

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)
    _writable_out(out, "保存重复报告")
    y0, y1 = _years(year)
    res = _run(lambda: dp.dedup(ws, doc_types=doc_type, region=region, year_from=y0, year_to=y1, out_dir=out,
                                show_progress=_progress(verbose, quiet), background=background))

    def render(r: dict[str, Any]) -> None:
        c = _console()
        c.print(f"{r['documents']} documents · {r['pairs']} pairs {r['by_level']} · {r['groups']} groups for 并案 · {r['seconds']}s")
        for g in r["group_list"]:
            c.print(f"[bold]group {g['id']}[/bold]: " + " | ".join(g["titles"]), highlight=False)
        for p in r["top_pairs"][:10]:
            c.print(f"  {p['level']} {p['score']:.3f}  {p['a_title']}  ~  {p['b_title']}", highlight=False)
        c.print(f"[dim]written: {', '.join(r['files'].values())}[/dim]", highlight=False)

    _emit(res, as_json, render)


@app.command()
def check(
    file: str = typer.Argument(..., help="文稿文件（.txt/.md/.docx），或用 - 表示从标准输入读取。"),
    limit: int = typer.Option(10, "--limit", "-n", help="列出多少件相似的既往材料。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """这件事以前提过吗？列出最相似的既往提案、答复和报告段落。"""
    from topicmine import pipeline

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    text = _run(lambda: _read_text_arg(ws, file))
    items = _run(lambda: pipeline.similar(ws, text, limit=limit))

    def render(r: dict[str, Any]) -> None:
        c = _console()
        if not r["items"]:
            c.print("no similar past items found")
        for n, it in enumerate(r["items"], 1):
            meta = " · ".join(str(x) for x in (it.get("level"), it.get("doc_type_zh") or it.get("doc_type"), it.get("year"), it.get("author")) if x)
            c.print(f"[bold]{n}. {it.get('title')}[/bold]  [dim]{meta} · score {it.get('score')}[/dim]", highlight=False)

    _emit({"items": items}, as_json, render)


def _read_text_arg(ws: Any, file: str) -> str:
    """Text of a draft given as a path or '-' (stdin), read with the ingest readers."""
    from topicmine.errors import InputError

    if file == "-":
        text = sys.stdin.read()
    else:
        p = Path(file)
        if not p.is_file():
            raise InputError(f"{p}: file not found")
        from topicmine import pipeline

        text = pipeline.read_upload(ws, p.name, p.read_bytes())
    if not text.strip():
        raise InputError(f"{file}: no text")
    return text


# ---- refresh (the nightly job) and the demo ---------------------------------------------------
@app.command()
def refresh(
    paths: Optional[list[Path]] = typer.Argument(None, help="来源文件或文件夹（默认取 corpus/ingest.toml 中 [refresh] 的 paths）。"),
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
    c.print(f"[bold]refresh[/bold] run {r.get('run_id')}: files new {d['new']} · changed {d['changed']} · deleted {d['deleted']} · "
            f"unchanged {d['unchanged']} · passages embedded {r['passages_embedded']} · topics kept {t['kept']} new {t['new']} "
            f"gone {t['gone']}{'' if r.get('topics_refit') else ' (no refit needed)'} · duplicate pairs "
            f"{(r.get('duplicates') or {}).get('pairs', 0)} · {r['seconds']}s")
    for i in r.get("issues") or []:
        c.print(f"[red]✗[/red] {_esc(str(i.get('source')))}: {_esc(str(i.get('reason')))}", highlight=False)
    _render_input_checks(r.get("input_checks"))
    if r.get("report"):
        c.print(f"morning report: {r['report'].get('html')}", highlight=False)


@app.command()
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
        c.print("no duplicate groups")
    for g in groups:
        c.print(f"[bold]group {g['id']}[/bold] ({g['level']}):", highlight=False)
        for m in g["members"]:
            c.print(f"   {m['title']}  [dim]{m.get('author') or ''} {m.get('date') or ''}[/dim]", highlight=False)
    c.rule(f"检索 search: {res['search']['query']}")
    _render_hits(res["search"])
    c.rule()
    c.print(f"[bold]晨报 morning report:[/bold] {res['report']}", highlight=False)


@app.command()
def split(
    file: str = typer.Argument(..., help="一份调研报告（.docx/.txt/.md），或用 - 表示从标准输入读取。"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="各文稿（.docx/.md/.json）及 summary.md/.json 的输出文件夹。"),
    genre: Optional[list[str]] = typer.Option(None, "--genre", "-g", help="指定某一事项的文种：事项编号=motion（建议案）|proposal（提案）|opinion（社情民意信息）|keep（可重复使用）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """把调研报告拆分为建议案、提案、社情民意信息文稿，并逐件按规则检查。"""
    from topicmine import pipeline
    from topicmine.errors import InputError

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    overrides: dict[str, str] = {}
    for g in genre or []:
        if "=" not in g:
            _run(lambda: (_ for _ in ()).throw(InputError(f"--genre {g!r}: write UNIT_ID=GENRE, e.g. u3=opinion")))
        k, v = g.split("=", 1)
        overrides[k.strip()] = v.strip()
    _writable_out(out, "保存文稿")
    text = _run(lambda: _read_text_arg(ws, file))
    res = _run(lambda: pipeline.split(ws, text, overrides=overrides or None, out_dir=out))

    def render(r: dict[str, Any]) -> None:
        c = _console()
        c.print(f"{len(r['units'])} suggestion units → {len(r['drafts'])} drafts")
        names = {"motion": "建议案", "proposal": "提案", "opinion": "社情民意信息"}
        for d in r["drafts"]:
            failed = [ch for ch in d.get("checks", []) if not ch.get("passed")]
            mark = "[green]✓[/green]" if not failed else f"[red]✗ {len(failed)}[/red]"
            c.print(f"{mark} [bold]{names.get(d['genre'], d['genre'])}[/bold] {d['title']}", highlight=False)
            for ch in failed:
                c.print(f"    {ch.get('message')}", highlight=False)
        if out:
            c.print(f"已写入 {len(r.get('files') or [])} 个文件到 {out}（同名文件夹中上次拆分的稿件已清除）", highlight=False)
        else:
            c.print("未写入文件：加 --out 文件夹 可保存每件稿件的 .docx/.md 和汇总表。", highlight=False)

    payload = {"units": res["units"], "drafts": res["drafts"], "groups": res.get("groups", []),
               "files": res.get("files", []), "out": str(out) if out else None, "level": res.get("level")}
    _emit(payload, as_json, render)


@app.command("check-draft")
def check_draft(
    file: str = typer.Argument(..., help="一份文稿（.docx/.txt/.md）、一个装有文稿的文件夹，或用 - 表示从标准输入读取。"),
    genre: Optional[str] = typer.Option(None, "--genre", "-g", help="文种：proposal 提案 / opinion 社情民意信息 / motion 建议案（不指定时自动判断）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """按文种规则检查文稿（一事一案、情况—分析—建议、篇幅、不予立案情形、与既往材料重复）。"""
    from topicmine import pipeline
    from topicmine.errors import InputError

    _setup_logging(verbose)
    ws = _workspace(workdir, config)

    def render(r: dict[str, Any]) -> None:
        c = _console()
        c.print(("[green]通过 passed[/green]" if r["passed"] else "[red]未通过 failed[/red]") + f" · {r.get('genre')}")
        for ch in r["checks"]:
            c.print(_check_mark(ch) + str(ch.get("message") or ch["name"]), highlight=False)

    if file != "-" and Path(file).is_dir():
        # a folder of drafts: one workspace, so the model and history load once for all of them
        files = sorted(p for p in Path(file).iterdir() if p.suffix.lower() in (".txt", ".md", ".docx")
                       and not p.name.startswith(("~$", ".")) and not p.name.startswith("summary."))
        if not files:
            _run(lambda: (_ for _ in ()).throw(InputError(f"{file}：文件夹中没有 .txt/.md/.docx 文稿")))
        results = []
        for f in files:
            r = _run(lambda: pipeline.check_draft(ws, _read_text_arg(ws, str(f)), genre=genre))
            results.append({"file": f.name, **r})

        def render_all(rr: dict[str, Any]) -> None:
            for r in rr["files"]:
                _console().rule(r["file"])
                render(r)
            _console().print(f"{sum(r['passed'] for r in rr['files'])}/{len(rr['files'])} 份通过", highlight=False)

        batch = {"passed": all(r["passed"] for r in results), "files": results}
        _emit(batch, as_json, render_all)
        if not batch["passed"]:
            raise typer.Exit(1)
        return
    text = _run(lambda: _read_text_arg(ws, file))
    res = _run(lambda: pipeline.check_draft(ws, text, genre=genre))
    _emit(res, as_json, render)
    if not res["passed"]:
        raise typer.Exit(1)


# ---- evaluation -----------------------------------------------------------------------------
@eval_app.command("sts")
def eval_sts(
    file: Path = typer.Argument(..., help="标注文件：TSV（s1<TAB>s2<TAB>分数，无表头）或 JSONL（sentence1/sentence2/label）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 对。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """语义相似度评测：当前模型余弦相似度与标准分数的 Spearman 相关。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    res = _run(lambda: evaluate.eval_sts(ws, file, limit=limit))
    _emit(res, True, print)


@eval_app.command("pairs")
def eval_pairs(
    file: Path = typer.Argument(..., help="标注文件：TSV（s1<TAB>s2<TAB>标签，无表头）或 JSONL（sentence1/sentence2/label）。"),
    positive: Optional[str] = typer.Option(None, "--positive", help="表示“重复”的标签值（默认 1；sohu 数据为 5）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 对。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """句对重复评测：当前重复判定在默认阈值下的 AUC、F1、精确率和召回率。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    _emit(_run(lambda: evaluate.eval_pairs(ws, file, positive=positive, limit=limit)), True, print)


@eval_app.command("clusters")
def eval_clusters(
    file: Path = typer.Argument(..., help="含文本列和标准类别列的 CSV/TSV/JSONL 文件。"),
    text_col: str = typer.Option(..., "--text-col", help="文本列名（无表头的 TSV 用列号）。"),
    label_col: str = typer.Option(..., "--label-col", help="标准类别列名（或列号）。"),
    seed: Optional[int] = typer.Option(None, "--seed", help="随机种子（默认取设置 topics.seed）。"),
    limit: Optional[int] = typer.Option(None, "--limit", help="只用前 N 行。"),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """聚类评测：议题聚类与标准类别的 NMI/ARI（不告知类别数；未归类算作单独一类）。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    _emit(_run(lambda: evaluate.eval_clusters(ws, file, text_col=text_col, label_col=label_col, seed=seed, limit=limit)), True, print)


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, "--host", help="监听地址（默认取设置 service.host，即 127.0.0.1）。"),
    port: Optional[int] = typer.Option(None, "--port", help="TCP 端口（默认取设置 service.port，即 8000）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """启动网络服务和文稿拆分页面（uvicorn，topicmine.service.app:create_app）。"""
    import os

    import uvicorn

    from topicmine.config import load_settings

    _setup_logging(verbose)
    settings = _run(lambda: load_settings(config, workdir=workdir))
    # the factory loads its own settings in the server process: hand the choices over by env,
    # the same way `uvicorn --factory topicmine.service.app:create_app` is configured in production
    if workdir is not None:
        os.environ["TOPICMINE_WORKDIR"] = str(Path(workdir).resolve())
    if config is not None:
        os.environ["TOPICMINE_CONFIG"] = str(Path(config).resolve())
    svc = settings.service
    from topicmine.service.limits import bind_warnings  # never open to the network silently

    for warning in bind_warnings(host or svc.host, svc.api_key, svc.allowed_hosts):
        typer.secho(warning, err=True, fg="red", bold=True)
    typer.echo(f"topicmine 服务 / service: http://{host or svc.host}:{port or svc.port}/  (API docs /docs, workdir {settings.workdir})", err=True)
    uvicorn.run(
        "topicmine.service.app:create_app",
        factory=True,
        host=host or svc.host,
        port=port or svc.port,
        log_level="info" if verbose else "warning",
        # the API key may appear in no access-log line: uvicorn logs paths only, never headers
        access_log=bool(verbose),
        # while the model loads, the event loop can be starved of the GIL for seconds; uvicorn's 5-s idle
        # timer then fires together with a waiting request and resets a keep-alive client mid-request
        timeout_keep_alive=30,
    )


# ---- 成果转化: eval replies / eval uptake ---------------------------------------------------------
@eval_app.command("replies")
def eval_replies_cmd(
    file: Path = typer.Argument(..., help="带标注的答复 JSONL (replies_dev_labels.jsonl 格式)。"),
    folds: int = typer.Option(5, "--folds", help="学习层交叉验证折数 (0 = 不训练)。"),
    verbose: int = VerboseOpt,
) -> None:
    """答复解读评测：办理结果、是否答非所问、承诺期限；同一次运行给出基线。One JSON object."""
    _setup_logging(verbose)
    from topicmine import evaluate

    _emit(_run(lambda: evaluate.eval_replies(file, folds=folds)), True, print)


@eval_app.command("uptake")
def eval_uptake_cmd(
    file: Path = typer.Argument(..., help="带标注的采纳 JSONL (uptake_dev.jsonl 格式)。"),
    folds: int = typer.Option(5, "--folds", help="按提案分组的交叉验证折数。"),
    target_precision: Optional[float] = typer.Option(None, "--target-precision", help="采纳阈值按此目标精确率选（内层交叉验证）；默认按最佳 F1 选。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """建议采纳评测：后续文本是否写入与建议一致的举措（采纳/呼应/无）；同一次运行给出 e5 余弦基线。One JSON object."""
    _setup_logging(verbose)
    from topicmine import evaluate

    ws = _workspace(workdir, config)
    _emit(_run(lambda: evaluate.eval_uptake(ws, file, folds=folds, target_precision=target_precision)), True, print)


@app.command("uptake")
def uptake_cmd(
    today: Optional[str] = typer.Option(None, "--today", help="督办清单的基准日期 YYYY-MM-DD（默认今天）。"),
    reply_days: int = typer.Option(90, "--reply-days", help="超过多少天未答复列入督办。"),
    echo_months: int = typer.Option(12, "--echo-months", help="提交多少个月后仍只有“呼应”列入督办。"),
    export: Optional[Path] = typer.Option(None, "--export", help="把督办清单导出为 .csv 或 .xlsx（供督查室使用）。"),
    plots: Optional[Path] = typer.Option(None, "--plots", help="把评价图（按类别/年份/承办单位/委员/界别）写入此目录。"),
    no_refresh: bool = typer.Option(False, "--no-refresh", help="不匹配新文档，只读已存的关联。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """成果转化：提案→答复、建议→后续文本中一致的举措、督办清单与评价数据（只匹配新文档）。"""
    _setup_logging(verbose, quiet)
    from topicmine.uptake.report import export_supervision, uptake_report

    ws = _workspace(workdir, config)

    def go() -> dict:
        res = uptake_report(ws, today=today, reply_days=reply_days, echo_months=echo_months, refresh=not no_refresh,
                            show_progress=False if quiet else None)
        if export:
            res["export"] = str(export_supervision(res, export))
        if plots:
            from topicmine.uptake.figures import plot_figures

            res["plots"] = plot_figures(res["figures"], plots)
        return res

    res = _run(go)

    def render(r: dict) -> None:
        s = r["summary"]
        typer.echo(f"事项 {s['items']} 件，已答复 {s['replied']} 件 {s['outcomes']}；后续文本写入一致举措（采纳）{s['adopted_items']} 件，"
                   f"仅呼应 {s['echo_only_items']} 件")
        for u in r["uptake"][:10]:
            if u["statement"]:
                typer.echo(f"  · {u['title']}：{u['statement']}")
        typer.echo(f"督办清单 {len(r['supervision'])} 条：")
        for row in r["supervision"][:30]:
            typer.echo(f"  [{row['kind']}] {row['title']} — {row['reason']}")
        if r.get("export"):
            typer.echo(f"已导出：{r['export']}")

    _emit(res, as_json, render)


@eval_app.command("proposal-pairs")
def eval_proposal_pairs(
    corpus: Path = typer.Argument(..., help="提案文件（CSV/XLSX/JSONL，含 pkid 等编号列），例如 jszx2019_dev.csv。"),
    pairs: Path = typer.Argument(..., help="标注的提案对 JSONL：a、b（提案编号）和 label（重复/相近/相关/无关，见 LABELS.md）。"),
    folds: int = typer.Option(5, "--folds", help="组合判定的交叉验证折数（0 = 不做）。"),
    repeats: int = typer.Option(5, "--repeats", help="分层 k 折交叉验证重复几次（每次打乱不同）。"),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """同一事项评测：当前判定在标注提案对上的重复/相近精确率、召回率和 F1，同时给出基线。"""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    res = _run(lambda: evaluate.eval_proposal_pairs(ws, corpus, pairs, folds=folds, repeats=repeats,
                                                   show_progress=_progress(verbose, False)))
    _emit(res, True, print)


# -- the national corpus on Ray (topicmine[cluster]) ------------------------------------------
cluster_app = typer.Typer(help="全国/全省语料：在 Ray 集群上分布式运行（需 pip install 'topicmine[cluster]'）。"
                               "一个分片就是一个工作目录：WORKDIR 或 WORKDIR=来源[,来源…]。")
app.add_typer(cluster_app, name="cluster")
ShardsOpt = typer.Option(..., "--shards", "-s", help="分片：WORKDIR 或 WORKDIR=来源[,来源…]（可重复给出）。")
ClusterOutOpt = typer.Option(..., "--out", "-o", help="全库输出文件夹（Parquet、向量、索引、议题）。")
AddressOpt = typer.Option(None, "--address", help="Ray 地址：local（本进程内）、auto（`ray start` 启动的集群）或 ray://host:10001。")


def _cluster_job(job: str, shards: list[str], out: Path, address: Optional[str], config: Optional[Path],
                 as_json: bool, verbose: int, quiet: bool) -> None:
    from topicmine.config import load_settings

    _setup_logging(verbose, quiet)
    settings = _run(lambda: load_settings(config))

    def go() -> Any:
        from topicmine.cluster import run as jobs

        return getattr(jobs, job)(shards, out, settings, address=address, show_progress=_progress(verbose, quiet))

    res = _run(go)
    _emit(res, as_json, lambda r: _console().print(
        f"{job}: {len(r['shards'])} 个分片 · 新嵌入 {r['embed']['embedded']} 段 (缓存已有 {r['embed']['cached_before']}) · "
        f"索引 {r['index']['count']} 向量 · 主题 {r['topics'].get('n_topics', r['topics'].get('predicted'))} · "
        f"重复对 {r['dedup'].get('pairs', 0)} · {r['seconds']}s → {out}"))


def _cluster_command(job: str, doc: str) -> Callable[..., None]:
    def command(
        shards: list[str] = ShardsOpt,
        out: Path = ClusterOutOpt,
        address: Optional[str] = AddressOpt,
        config: Optional[Path] = ConfigOpt,
        as_json: bool = JsonOpt,
        verbose: int = VerboseOpt,
        quiet: bool = QuietOpt,
    ) -> None:
        _cluster_job(job, shards, out, address, config, as_json, verbose, quiet)

    command.__doc__ = doc
    return command


cluster_app.command("run")(_cluster_command(
    "run", "全量重建：导出分片，补算缺少的向量，建 IVF-PQ 索引，议题和重复（full build）。"))
cluster_app.command("refresh")(_cluster_command(
    "refresh", "夜间增量：对新增或变化的分片补算向量、更新增量索引、预测议题、查新文档的重复（nightly delta）。"))


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


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

