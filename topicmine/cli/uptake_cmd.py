"""``uptake``: 成果转化 — proposals to replies, suggestions to later measures, the 督办 list."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from topicmine.cli.common import (
    ConfigOpt,
    JsonOpt,
    QuietOpt,
    VerboseOpt,
    WorkdirOpt,
    _counts_zh,
    _emit,
    _run,
    _setup_logging,
    _workspace,
)

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
        typer.echo(f"事项 {s['items']} 件，已答复 {s['replied']} 件（{_counts_zh(s['outcomes'])}）；后续文本写入一致举措（采纳）{s['adopted_items']} 件，"
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
