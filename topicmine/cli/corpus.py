"""Corpus commands: ``ingest``, ``stats``, ``show``, ``embed``."""

from __future__ import annotations

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
    _emit,
    _esc,
    _progress,
    _render_input_checks,
    _run,
    _setup_logging,
    _workspace,
)

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
        f"[bold]读入 ingest[/bold]：共 {s['seen']} 个文件 · 新增 {s['new']} · 修改 {s['changed']} · "
        f"未变 {s['unchanged']} · 失败 {s['failed']} · 文档 +{s['documents_added']} "
        f"-{s['documents_removed']} · 用时 {s['seconds']} 秒",
        highlight=False,
    )
    if s["duplicates"]:
        c.print(f"内容完全相同的文件合并为一份：{len(s['duplicates'])} 个")
    _render_input_checks(s.get("input_checks"))
    for i in s["issues"]:
        loc = f" ({i['locator']})" if i.get("locator") else ""
        # names and reasons are data: a file called "报告[/x].md" must print as such, not as rich markup
        c.print(f"[red]✗[/red] {_esc(str(i['source']))}{_esc(loc)}: {_esc(str(i['reason']))}", highlight=False)


def stats(workdir: Optional[Path] = WorkdirOpt, config: Optional[Path] = ConfigOpt, as_json: bool = JsonOpt, verbose: int = VerboseOpt) -> None:
    """按文档类型、地区、年份统计文档和段落。"""
    from topicmine import pipeline

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    _emit(_run(lambda: pipeline.stats(ws)), as_json, _render_stats)


def _render_stats(s: dict[str, Any]) -> None:
    from rich.table import Table

    c = _console()
    c.print(f"文档 [bold]{s.get('documents', 0)}[/bold] 份 · 段落 [bold]{s.get('passages', 0)}[/bold] 段")
    for key, title in (("by_type", "类型 type"), ("by_region", "地区 region"), ("by_year", "年份 year")):
        rows = s.get(key) or {}
        if not rows:
            continue
        t = Table(title=title, show_edge=False)
        t.add_column(title)
        t.add_column("文档", justify="right")
        t.add_column("段落", justify="right")
        field = {"by_type": "type", "by_region": "region", "by_year": "year"}[key]
        items = rows.items() if isinstance(rows, dict) else [(r.get(field) or "（未标注）", r) for r in rows]
        for k, v in items:
            if isinstance(v, dict):
                label = v.get("label") or k
                t.add_row(str(label), str(v.get("documents", "")), str(v.get("passages", "")))
            else:
                t.add_row(str(k), str(v), "")
        c.print(t)


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
