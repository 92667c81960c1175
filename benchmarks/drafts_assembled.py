"""Drafting benchmark on reports assembled the way a 调研报告 is written, from real proposals.

Each report takes 4–6 proposals of jszx2019_dev.csv (rows 144–286 by default, not read while tuning) and
places their parts under the report's own headings — 一、基本情况 gets every proposal's 调研情况 as
"（k）<title>" items, 二、存在问题 every 问题分析, 三、对策建议 every 具体建议 under "（k）<title>" — not one
proposal per heading. Each report is written in six input shapes: blank-line text, one newline per
paragraph (Word-style, ``sed '/^$/d'``), hard-wrapped paste (36 字 lines), a Normal-style .docx (no heading
styles) read through ``read_report``, the same .docx read by the ingest reader (what ``topicmine split`` and
the page do), and a .docx whose 一、/（一） lines carry Heading 1/2 styles. With ``--tables`` every report also
holds a table under 一、基本情况 (序号/事项/类别 per proposal) — a Markdown table in the blank-line text,
tab-separated rows in the one-newline and hard-wrapped text (a copy from Word), a real table in the .docx
shapes. Scores (lexical linking, no model):

(a) support faithfulness — share of a draft's quoted 情况/问题 paragraphs that come from the parts of the
    same proposal as its suggestions;
(b) one draft per proposal — share of proposals whose suggestions land in exactly one draft holding no
    other proposal's suggestions (a 建议案 counts like any draft: one gathering two proposals fails both;
    ``one_draft_no_motion`` is the earlier figure, which left 建议案 drafts out);
(c) same drafts across shapes — share of reports whose drafts (genre, title, body without whitespace) in
    each other shape equal the blank-line shape's.

Run: ``nice .venv/bin/python benchmarks/drafts_assembled.py [--reports 6] [--seed 14] [--pool 144-286]``;
last stdout line is one JSON object.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from topicmine.drafts import read_report, split_report  # noqa: E402
from topicmine.errors import TopicmineError  # noqa: E402
from topicmine.ingest.normalize import normalize_text  # noqa: E402

_PARTS = re.compile(r"(调研情况|问题分析|具体建议)[：:]")
CN = "一二三四五六七八九十"


def parts_of(content: str) -> dict[str, str] | None:
    """调研情况 / 问题分析 / 具体建议 of a Jiangsu proposal (None when a part is missing)."""
    pieces = _PARTS.split(content)
    out: dict[str, str] = {}
    for k in range(1, len(pieces) - 1, 2):
        out[pieces[k]] = re.sub(r"\s+", "", pieces[k + 1])
    return out if all(out.get(k) for k in ("调研情况", "问题分析", "具体建议")) else None


#: the table a report with ``--tables`` holds under 一、基本情况: a header and one row per proposal
TABLE_HEAD = ("序号", "调研事项", "类别")


def table_rows(props: list[dict[str, str]]) -> list[tuple[str, ...]]:
    return [TABLE_HEAD] + [(str(k + 1), re.sub(r"\s+", "", p["reason"]), p.get("type") or "其他") for k, p in enumerate(props)]


def assemble(props: list[dict[str, str]], tables: bool = False) -> tuple[str, list[dict[str, str]]]:
    """Blank-line text of the report and each proposal's parts (the truth); with ``tables`` a Markdown table
    (its rows one line each, no blank line between them) opens 一、基本情况."""
    truth = [{"title": re.sub(r"\s+", "", p["reason"]), **parts_of(p["content"])} for p in props]  # type: ignore[arg-type]
    lines = ["关于我省若干民生与发展问题的调研报告", "", "省政协调研组", "",
             "按照年度协商计划，调研组开展了专题调研，现将调研情况报告如下。", "", "一、基本情况", ""]
    if tables:
        rows = table_rows(props)
        md = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])] + ["| " + " | ".join(r) + " |" for r in rows[1:]]
        lines += ["调研涉及的主要事项如下表。", "", "\n".join(md), ""]
    for k, t in enumerate(truth):
        lines += [f"（{CN[k]}）{t['title']}", "", t["调研情况"], ""]
    lines += ["二、存在问题", ""]
    for k, t in enumerate(truth):
        lines += [f"（{CN[k]}）{t['title']}存在的问题", "", t["问题分析"], ""]
    lines += ["三、对策建议", ""]
    for k, t in enumerate(truth):
        lines += [f"（{CN[k]}）{t['title']}", "", t["具体建议"], ""]
    return "\n".join(lines), truth


_MD_ROW = re.compile(r"^\|(.*)\|$")


def _docx(one: str, path: Path, styled: bool) -> Path:
    """The one-newline text as a .docx: Markdown table rows become one real table; with ``styled`` the 一、 and
    （一） lines get Heading 1/2 styles (the rest Normal)."""
    import docx

    d = docx.Document()
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
            rows.clear()

    for ln in one.split("\n"):
        m = _MD_ROW.match(ln)
        if m:
            if not re.fullmatch(r"[-|\s:]+", m.group(1)):
                rows.append([c.strip() for c in m.group(1).split("|")])
            continue
        flush()
        level = 1 if re.match(r"^[一二三四五六七八九十]、", ln) else 2 if re.match(r"^（[一二三四五六七八九十]）", ln) else 0
        d.add_paragraph(ln, style=f"Heading {level}" if styled and level else None)
    flush()
    d.save(str(path))
    return path


def _ingest_read(path: Path) -> str:
    """The .docx as ``topicmine split`` and the page read it (the ingest reader, then the documents' text)."""
    from topicmine.config import IngestSettings
    from topicmine.ingest import read_documents

    docs, issues = read_documents(path, IngestSettings())
    if not docs:
        raise TopicmineError("; ".join(i.reason for i in issues))
    return "\n\n".join(d.text for d in docs)


def shapes(text: str, tmp: Path) -> dict[str, tuple[str, list[tuple[str, int]] | None]]:
    """The report in each input shape, as the drafts stage receives it (text, headings)."""
    # Word's copy of a table is tab-separated cells, one row a line
    one = re.sub(r"\n\n+", "\n", text)
    one_tabs = "\n".join("\t".join(c.strip() for c in m.group(1).split("|")) if (m := _MD_ROW.match(ln)) else ln
                         for ln in one.split("\n") if not re.fullmatch(r"\|[-|\s:]+\|", ln))
    wrapped = "\n".join(ln if "\t" in ln else "\n".join(ln[i : i + 36] for i in range(0, max(len(ln), 1), 36))
                        for ln in one_tabs.split("\n"))
    normal = _docx(one, tmp / "report.docx", styled=False)
    styled = _docx(one, tmp / "report-styled.docx", styled=True)
    return {"blank-line": (text, None), "one-newline": (one_tabs, None), "hard-wrapped": (wrapped, None),
            "docx-normal": read_report(normal), "docx-ingest": (_ingest_read(normal), None),
            "docx-headings": read_report(styled)}


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", s)


def owner(par: str, truth: list[dict[str, str]], part: tuple[str, ...]) -> int | None:
    p = _norm(par)
    if len(p) < 6:
        return None
    for k, t in enumerate(truth):
        if any(p in t[x] or t[x] in p for x in part):
            return k
    return None


def score(res, truth: list[dict[str, str]], skip_motion: bool = False) -> dict[str, float]:
    # the drafts quote the report as the ingest normalises it ("4．" → "4."): the truth is compared in that form
    truth = [{k: _norm(normalize_text(v)) for k, v in t.items()} for t in truth]
    own = total = rows = rows_own = 0
    drafts_of: dict[int, set[int]] = {k: set() for k in range(len(truth))}
    for i, d in enumerate(res.drafts):
        if d.genre == "motion" and skip_motion:
            continue
        asks = [owner(p.text, truth, ("具体建议",)) for s in d.sections[-1:] for p in s.paragraphs]
        asks = [a for a in asks if a is not None]
        if not asks:
            continue
        mine = max(set(asks), key=asks.count)
        for a in set(asks):
            drafts_of[a].add(i)
        for s in d.sections[:-1]:
            for p in s.paragraphs:
                if p.kind == "generated":
                    continue
                if p.kind == "table_row":
                    # a table row quoted with its header belongs to the proposal it names ("调研事项：关于……")
                    o = next((k for k, t in enumerate(truth) if t["title"] and t["title"] in _norm(p.text)), None)
                    rows += 1
                    rows_own += o == mine
                else:
                    o = owner(p.text, truth, ("调研情况", "问题分析"))
                total += 1
                own += o == mine
    multi = {i for k, ds in drafts_of.items() for i in ds if sum(i in v for v in drafts_of.values()) > 1}
    one = sum(1 for k, ds in drafts_of.items() if len(ds) == 1 and not (ds & multi))
    return {"support_own": own / total if total else 0.0, "support_total": total, "one_draft": one / len(truth),
            "table_rows_quoted": rows, "table_rows_own": rows_own}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.environ.get("TOPICMINE_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--reports", type=int, default=6)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--pool", default="144-286")
    ap.add_argument("--tables", action="store_true", help="every report holds a table under 一、基本情况")
    a = ap.parse_args()
    rows = list(csv.DictReader((Path(a.data) / "jszx_proposals_2019" / "jszx2019_dev.csv").open(encoding="utf-8")))
    lo, hi = (int(x) for x in a.pool.split("-"))
    pool = [r for r in rows[lo : hi + 1] if parts_of(r["content"])]
    rng = random.Random(a.seed)
    per_shape: dict[str, list[dict[str, float]]] = {}
    same = {s: 0 for s in ("one-newline", "hard-wrapped", "docx-normal", "docx-ingest", "docx-headings")}
    errors: dict[str, int] = {}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(a.reports):
            text, truth = assemble(rng.sample(pool, rng.randint(4, 6)), tables=a.tables)
            sigs = {}
            for name, (t, heads) in shapes(text, Path(tmp)).items():
                try:
                    # as the CLI and the service call it: the ingest normalisation, then the layout step
                    res = split_report(normalize_text(t), headings=heads, layout=True)
                except TopicmineError:
                    errors[name] = errors.get(name, 0) + 1
                    per_shape.setdefault(name, []).append({"support_own": 0.0, "support_total": 0, "one_draft": 0.0,
                                                           "one_draft_no_motion": 0.0})
                    sigs[name] = None
                    continue
                per_shape.setdefault(name, []).append({**score(res, truth),
                                                       "one_draft_no_motion": score(res, truth, True)["one_draft"]})
                sigs[name] = [(d.genre, d.title, _norm(d.body_text())) for d in res.drafts]
            for s in same:
                same[s] += sigs.get(s) is not None and sigs.get(s) == sigs.get("blank-line")
    out = {"reports": a.reports, "pool_rows": a.pool, "seed": a.seed, "tables": a.tables, "seconds": round(time.perf_counter() - t0, 1),
           "errors": errors, "shapes": {}}
    for name, scores in per_shape.items():
        tot = sum(s["support_total"] for s in scores)
        out["shapes"][name] = {
            "support_own": round(sum(s["support_own"] * s["support_total"] for s in scores) / tot, 3) if tot else 0.0,
            "one_draft_per_proposal": round(sum(s["one_draft"] for s in scores) / len(scores), 3),
            "one_draft_no_motion": round(sum(s["one_draft_no_motion"] for s in scores) / len(scores), 3),
            "table_rows_quoted": sum(s.get("table_rows_quoted", 0) for s in scores),
            "table_rows_own": sum(s.get("table_rows_own", 0) for s in scores),
        }
    out["identical_to_blank_line"] = {s: round(v / a.reports, 3) for s, v in same.items()}
    for name, v in out["shapes"].items():
        print(f"{name:14s} support from own proposal {v['support_own']:.3f}   one draft per proposal {v['one_draft_per_proposal']:.3f}")
    print("identical drafts vs blank-line:", out["identical_to_blank_line"])
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
