"""``dedup``: duplicate, similar and related documents, and groups for 并案."""

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
        levels = "、".join(f"{k} {v}" for k, v in (r.get("by_level") or {}).items())
        c.print(f"文档 {r['documents']} 份 · 成对 {r['pairs']} 对（{levels}）· 建议并案 {r['groups']} 组 · 用时 {r['seconds']} 秒",
                highlight=False)
        for g in r["group_list"]:
            c.print(f"[bold]并案组 {g['id']}[/bold]：" + " | ".join(g["titles"]), highlight=False)
        for p in r["top_pairs"][:10]:
            c.print(f"  {p['level']} {p['score']:.3f}  {p['a_title']}  ~  {p['b_title']}", highlight=False)
        c.print(f"[dim]已写出：{', '.join(r['files'].values())}[/dim]", highlight=False)

    _emit(res, as_json, render)
