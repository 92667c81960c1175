"""Drafting: ``split`` (a 调研报告 into 建议案/提案/社情民意信息 drafts) and ``check-draft``."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from topicmine.cli.common import (
    ConfigOpt,
    JsonOpt,
    VerboseOpt,
    WorkdirOpt,
    _check_mark,
    _console,
    _emit,
    _read_text_arg,
    _run,
    _setup_logging,
    _workspace,
    _writable_out,
)

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
            # a to-do or a warning ("表单尚待填写") is "!", not a failure: five "✗" read as five failed drafts
            errors = [ch for ch in failed if str(ch.get("severity") or "error") == "error"]
            mark = ("[green]✓[/green]" if not failed else f"[red]✗ {len(errors)}[/red]" if errors
                    else f"[yellow]! {len(failed)}[/yellow]")
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
        from topicmine.pipeline.sentence_vectors import embed_sentences

        texts = [_run(lambda: _read_text_arg(ws, str(f))) for f in files]
        embed_sentences(ws, texts)  # one model call for every draft's sentences, not one per draft
        results = []
        for f, text in zip(files, texts):
            r = _run(lambda: pipeline.check_draft(ws, text, genre=genre))
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
