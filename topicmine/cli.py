"""The `topicmine` command: one thin command per pipeline / evaluate function.

Every command that reports results takes ``--json``: its result is then ONE JSON
object on the last line of stdout (progress bars and logs go to stderr), for
scripts, cron and the maintainers' checks. Errors print one line to stderr and
exit non-zero (2 settings, 3 --strict ingest failures, 75 lock held).
"""

from __future__ import annotations

import json
import logging
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
eval_app = typer.Typer(help="Evaluate on any labelled file (STS, pairs, clusters); prints one JSON object.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

# ---- shared options ----------------------------------------------------------------------------
WorkdirOpt = typer.Option(None, "--workdir", "-w", help="Corpus working directory (env TOPICMINE_WORKDIR, default ./var).")
ConfigOpt = typer.Option(None, "--config", help="Settings file (default ./topicmine.toml or env TOPICMINE_CONFIG).")
JsonOpt = typer.Option(False, "--json", help="Print the result as one JSON object on the last line of stdout.")
VerboseOpt = typer.Option(0, "--verbose", "-v", count=True, help="More log output on stderr (-v info with progress bars, -vv debug).")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bars.")


def _setup_logging(verbose: int, quiet: bool = False) -> None:
    level = logging.WARNING if quiet or verbose == 0 else (logging.INFO if verbose == 1 else logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("topicmine").setLevel(level)
    # jieba announces its dictionary loading on every start; keep the terminal for results.
    logging.getLogger("jieba").setLevel(logging.WARNING)


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
        raise typer.Exit(exc.exit_code) from None


def _progress(verbose: int, quiet: bool) -> Optional[bool]:
    if quiet:
        return False
    return True if sys.stderr.isatty() or verbose else None


def _console():
    from rich.console import Console

    return Console()


# ---- corpus ------------------------------------------------------------------------------------
@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files or folders (recursive)."),
    doc_type: Optional[str] = typer.Option(None, "--type", "-t", help="Document type for all files: proposal/提案, gov_report/政府工作报告, …"),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Region for all files, e.g. 江苏省."),
    strict: bool = typer.Option(False, "--strict", help="Exit non-zero (3) when any file fails."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Read documents into the corpus store (new / changed / unchanged detected; bad files reported, never fatal)."""
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
    for i in s["issues"]:
        loc = f" ({i['locator']})" if i.get("locator") else ""
        c.print(f"[red]✗[/red] {i['source']}{loc}: {i['reason']}", highlight=False)


@app.command()
def stats(workdir: Optional[Path] = WorkdirOpt, config: Optional[Path] = ConfigOpt, as_json: bool = JsonOpt, verbose: int = VerboseOpt) -> None:
    """Documents and passages by type, region and year."""
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
        items = rows.items() if isinstance(rows, dict) else [(r.get("key"), r) for r in rows]
        for k, v in items:
            if isinstance(v, dict):
                label = v.get("label") or k
                t.add_row(str(label), str(v.get("documents", "")), str(v.get("passages", "")))
            else:
                t.add_row(str(k), str(v), "")
        c.print(t)


@app.command()
def search(
    query: str = typer.Argument(..., help="Words or a sentence, e.g. \"社区嵌入式托育\"."),
    doc_type: Optional[str] = typer.Option(None, "--type", "-t", help="Only these types (comma-separated)."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Only this region."),
    year: Optional[str] = typer.Option(None, "--year", "-y", help="A year (2024) or range (2023-2025)."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many hits."),
    mode: str = typer.Option("hybrid", "--mode", help="hybrid (keyword + semantic), keyword or semantic."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Ranked passages with highlighted snippets and their source (hybrid keyword + semantic)."""
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
    doc_id: str = typer.Argument(..., help="Document id (from search or stats)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
) -> None:
    """One document: metadata, sources, sections and text."""
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
    rebuild: bool = typer.Option(False, "--rebuild", help="Rebuild the vector index from the cached vectors."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Embed passages not yet embedded by the configured model and update the vector index."""
    from topicmine import pipeline

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)
    res = _run(lambda: pipeline.embed(ws, show_progress=_progress(verbose, quiet), rebuild_index=rebuild))
    _emit(res, as_json, lambda r: _console().print(
        f"embedded {r['passages_embedded']} passages with {r['model']} ({r.get('precision')}) · "
        f"index {r['index']['count']} vectors ({r['index']['kind']}, +{r['index']['added']} -{r['index']['removed']}) · {r['seconds']}s"))


# ---- evaluation -----------------------------------------------------------------------------
@eval_app.command("sts")
def eval_sts(
    file: Path = typer.Argument(..., help="TSV s1<TAB>s2<TAB>score (no header) or JSONL sentence1/sentence2/label."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Use only the first N pairs."),
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Spearman of cosine vs gold scores with the configured model."""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    res = _run(lambda: evaluate.eval_sts(ws, file, limit=limit))
    _emit(res, True, print)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
