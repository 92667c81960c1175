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


@app.command()
def topics(
    doc_type: Optional[str] = typer.Option(None, "--type", "-t", help="Rank on evidence from these doc types only (comma-separated)."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Rank on evidence from this region only."),
    year: Optional[str] = typer.Option(None, "--year", "-y", help="Rank on evidence from a year or range (2023-2025)."),
    top: int = typer.Option(20, "--top", "-n", help="How many ranked topics to list."),
    assign_all: bool = typer.Option(False, "--assign-all", help="Assign every passage to a topic (no unassigned)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for topics.json/.csv/.html (default <workdir>/reports)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Discover and rank candidate research topics (议题) with evidence, trends and stable ids."""
    from topicmine.pipeline import topics as tp

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)
    y0, y1 = _years(year)
    years = (y0, y1) if (y0 or y1) else None
    res = _run(lambda: tp.topics(ws, regions=[region] if region else None, years=years, doc_types=doc_type, top=top,
                                 assign_all=assign_all, out_dir=out, show_progress=_progress(verbose, quiet)))
    _emit(res, as_json, _render_topics)


def _render_topics(res: dict[str, Any]) -> None:
    from rich.table import Table

    c = _console()
    ch = res["changes"]
    c.print(f"[bold]{res['n_topics']}[/bold] topics over {res['n_passages']} passages · assigned {res['assigned_share']:.0%} · "
            f"boilerplate {res['boilerplate_passages']} · kept {ch['kept']} new {ch['new']} gone {ch['gone']}")
    t = Table(show_edge=False, show_lines=False)
    for col in ("#", "id", "议题 label", "理由 reason"):
        t.add_column(col)
    for row in res["topics"]:
        t.add_row(str(row["rank"]), str(row["id"]), row["label"], row["reason"])
    c.print(t)
    c.print(f"[dim]written: {', '.join(res['files'].values())}[/dim]", highlight=False)


@app.command()
def dedup(
    doc_type: str = typer.Option("proposal", "--type", "-t", help="Doc types to compare (comma-separated; default proposal)."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Only this region."),
    year: Optional[str] = typer.Option(None, "--year", "-y", help="A year (2019) or range (2018-2020)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for dedup.json/.csv/.html (default <workdir>/reports)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Near-duplicate documents (重复 / 相近 / 相关) and groups for merging (并案), with highlighted reports."""
    from topicmine.pipeline import dedup as dp

    _setup_logging(verbose, quiet)
    ws = _workspace(workdir, config)
    y0, y1 = _years(year)
    res = _run(lambda: dp.dedup(ws, doc_types=doc_type, region=region, year_from=y0, year_to=y1, out_dir=out,
                                show_progress=_progress(verbose, quiet)))

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
    file: str = typer.Argument(..., help="A draft file (.txt/.md/.docx) or - for standard input."),
    limit: int = typer.Option(10, "--limit", "-n", help="How many similar past items."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Has this been proposed before? The most similar past proposals, replies and report passages."""
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
    paths: Optional[list[Path]] = typer.Argument(None, help="Source files/folders (default: the paths of the refresh table in corpus/ingest.toml)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Nightly incremental update: ingest changes, embed new passages, refit topics (stable ids), check new items for duplicates, write the morning report.

    One run at a time; logs also go to WORKDIR/logs/refresh.log. Exit codes: 0 ok · 75 another refresh (or ingest) is running, the message names its pid (cron can simply try later) · 2 bad settings · 1 failed (the previous state stays intact; the next run recovers).
    """
    from topicmine.errors import LockError
    from topicmine.pipeline import refresh as rp

    _setup_logging(verbose, quiet)
    ws = _run(lambda: _workspace(workdir, config))
    log = logging.getLogger("topicmine.cli")
    handler = _log_to_file(ws.settings.log_dir / "refresh.log")
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
            raise typer.Exit(exc.exit_code) from None
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
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s pid=%(process)d %(levelname)s %(name)s: %(message)s"))
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
    """The --json summary: the issue's keys first, then details (no per-document id lists)."""
    keys = ("documents", "passages_embedded", "topics", "seconds", "run_id", "topics_refit", "duplicates",
            "files_failed", "index", "timings", "report")
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
        c.print(f"[red]✗[/red] {i.get('source')}: {i.get('reason')}", highlight=False)
    if r.get("report"):
        c.print(f"morning report: {r['report'].get('html')}", highlight=False)


@app.command()
def demo(
    workdir: Path = typer.Option(Path("var/demo"), "--workdir", "-w", help="Working directory for the demo corpus (default var/demo)."),
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
    quiet: bool = QuietOpt,
) -> None:
    """Ingest the sample corpus, embed, find topics and duplicates, write the morning report, and show the result."""
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
    file: str = typer.Argument(..., help="A 调研报告 (.docx/.txt/.md) or - for standard input."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for every draft (.docx/.md/.json) and summary.md/.json."),
    genre: Optional[list[str]] = typer.Option(None, "--genre", "-g", help="Override a unit's genre: UNIT_ID=motion|proposal|opinion|keep (repeatable)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Split a research report into 建议案 / 提案 / 社情民意信息 drafts, each checked against the rules."""
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
    file: str = typer.Argument(..., help="A draft (.docx/.txt/.md) or - for standard input."),
    genre: Optional[str] = typer.Option(None, "--genre", "-g", help="proposal / opinion / motion (detected when absent)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    as_json: bool = JsonOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Check a draft against its genre's rules (一事一案, 情况–分析–建议, length, 不予立案 grounds, history)."""
    from topicmine import pipeline

    _setup_logging(verbose)
    ws = _workspace(workdir, config)
    text = _run(lambda: _read_text_arg(ws, file))
    res = _run(lambda: pipeline.check_draft(ws, text, genre=genre))

    def render(r: dict[str, Any]) -> None:
        c = _console()
        c.print(("[green]通过 passed[/green]" if r["passed"] else "[red]未通过 failed[/red]") + f" · {r.get('genre')}")
        for ch in r["checks"]:
            c.print(("  ✓ " if ch["passed"] else "  ✗ ") + str(ch.get("message") or ch["name"]), highlight=False)

    _emit(res, as_json, render)
    if not res["passed"]:
        raise typer.Exit(1)


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


@eval_app.command("pairs")
def eval_pairs(
    file: Path = typer.Argument(..., help="TSV s1<TAB>s2<TAB>label (no header) or JSONL sentence1/sentence2/label."),
    positive: Optional[str] = typer.Option(None, "--positive", help="The label that means duplicate (default 1; sohu uses 5)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Use only the first N pairs."),
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """AUC and F1/precision/recall of the shipped duplicate decision at its shipped threshold."""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    _emit(_run(lambda: evaluate.eval_pairs(ws, file, positive=positive, limit=limit)), True, print)


@eval_app.command("clusters")
def eval_clusters(
    file: Path = typer.Argument(..., help="CSV/TSV/JSONL with a text and a gold-label column."),
    text_col: str = typer.Option(..., "--text-col", help="Text column name (or number for a TSV without header)."),
    label_col: str = typer.Option(..., "--label-col", help="Gold label column name (or number)."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Random seed (default: topics.seed)."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Use only the first N rows."),
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """NMI/ARI of the product's clustering (no true k given; outliers count as their own cluster)."""
    from topicmine import evaluate

    _setup_logging(verbose)
    ws = _workspace(None, config)
    _emit(_run(lambda: evaluate.eval_clusters(ws, file, text_col=text_col, label_col=label_col, seed=seed, limit=limit)), True, print)


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, "--host", help="Interface to listen on (default settings.service.host, 127.0.0.1)."),
    port: Optional[int] = typer.Option(None, "--port", help="TCP port (default settings.service.port, 8000)."),
    workdir: Optional[Path] = WorkdirOpt,
    config: Optional[Path] = ConfigOpt,
    verbose: int = VerboseOpt,
) -> None:
    """Run the web service and drafting page (uvicorn, factory service.app:create_app)."""
    import os

    import uvicorn

    from topicmine.config import load_settings

    _setup_logging(verbose)
    settings = _run(lambda: load_settings(config, workdir=workdir))
    # the factory loads its own settings in the server process: hand the choices over by env,
    # the same way `uvicorn --factory service.app:create_app` is configured in production
    if workdir is not None:
        os.environ["TOPICMINE_WORKDIR"] = str(Path(workdir).resolve())
    if config is not None:
        os.environ["TOPICMINE_CONFIG"] = str(Path(config).resolve())
    svc = settings.service
    typer.echo(f"topicmine 服务 / service: http://{host or svc.host}:{port or svc.port}/  (API docs /docs, workdir {settings.workdir})", err=True)
    uvicorn.run(
        "service.app:create_app",
        factory=True,
        host=host or svc.host,
        port=port or svc.port,
        log_level="info" if verbose else "warning",
        # the API key may appear in no access-log line: uvicorn logs paths only, never headers
        access_log=bool(verbose),
    )


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
