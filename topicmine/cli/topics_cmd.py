"""``topics``: candidate research topics, ranked, with stable ids."""

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
    _progress,
    _run,
    _setup_logging,
    _workspace,
    _writable_out,
    _years,
)

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
    for item in res.get("salient_terms") or []:  # a term of some years no 议题 holds (疫情 2021–2023)
        if item.get("status") != "已覆盖":
            c.print(f"[yellow]⚠ {item['message']}[/yellow]", highlight=False)
    if res.get("home_note"):  # whose list it is: 议题 only other regions feed come last (topics.home)
        c.print(f"[dim]{res['home_note']}[/dim]", highlight=False)
    if res.get("outside_topics"):
        c.print("[dim]外地动向：" + "；".join(o["title"] for o in res["outside_topics"]) + "[/dim]", highlight=False)
    t = Table(show_edge=False, show_lines=False)
    for col in ("#", "编号", "议题" if res.get("detail", "matter") == "matter" else "政策领域", "领域", "理由"):
        t.add_column(col)
    for row in res["topics"]:
        t.add_row(str(row["rank"]), str(row["id"]),
                  ("（外地动向）" if row.get("outside") else "") + (row.get("title") or row["label"]),
                  (row.get("area") or {}).get("label", ""), row["reason"])
    c.print(t)
    c.print(f"[dim]已写入：{', '.join(res['files'].values())}[/dim]", highlight=False)
