"""Looking things up: ``search`` (passages) and ``check`` (has this matter been raised before?)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from topicmine.cli.common import (
    ConfigOpt,
    JsonOpt,
    VerboseOpt,
    WorkdirOpt,
    _console,
    _emit,
    _read_text_arg,
    _run,
    _setup_logging,
    _workspace,
    _years,
)

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



def _render_hits(res: dict[str, Any]) -> None:
    c = _console()
    if not res["hits"]:
        c.print(f"no results for {res['query']!r}")
    for n, h in enumerate(res["hits"], 1):
        meta = " · ".join(str(x) for x in (h["doc_type_zh"], h.get("region"), h.get("year"), h.get("author")) if x)
        c.print(f"[bold]{n}. {h['title']}[/bold]  [dim]{meta} · doc {h['doc_id']} [{h['start']}:{h['end']}][/dim]", highlight=False)
        c.print("   " + h["snippet"].replace("【", "[bold yellow]").replace("】", "[/bold yellow]"), highlight=False)


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
