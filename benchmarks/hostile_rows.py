"""Table rows streamed or held: peak memory and time of reading / ingesting one table of N rows, per checkout.

Each (format, rows, checkout) runs in a fresh process (``fresh_read.run``, 6 GB address-space cap). The tables
are generated here into a temp folder (never committed): one distinct proposal per row (id, title, 正文 of ~60
字), as .xlsx (openpyxl write-only), .csv or .jsonl.

- ``--mode read``: the reader, normalising and classifying — what ``topicmine ingest`` does before storing:
  ``iter_documents`` consumed one document at a time where the checkout has it (streamed), else
  ``read_documents`` (lists).
- ``--mode ingest``: the whole ``ingest`` of the file into a scratch workdir (segmenting, the store, FTS).

Peak RSS is the process's VmHWM; the .xlsx reader worker's peak is given apart ("+ worker").

    nice .venv/bin/python benchmarks/hostile_rows.py --tree /tmp/before --tree . --formats xlsx,csv \\
        --rows 10000,100000,1000000 --mode read

Prints a Markdown table and one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fresh_read import MEASURE, cell, run  # noqa: E402

ROWS_CHILD = MEASURE + r"""
import json, sys, time, tempfile
from pathlib import Path
path, mode = Path(sys.argv[1]), sys.argv[2]
import topicmine.ingest as ti
from topicmine.config import IngestSettings
from topicmine.records import IngestIssue
lim = IngestSettings(**json.loads(sys.argv[3]))
t = time.perf_counter()
if mode == "read":
    if hasattr(ti, "iter_documents"):
        n = n_issues = 0
        for item in ti.iter_documents(path, lim):
            if isinstance(item, IngestIssue):
                n_issues += 1
            else:
                n += 1
        how = "streamed"
    else:
        docs, issues = ti.read_documents(path, lim)
        n, n_issues, how = len(docs), len(issues), "lists"
    out = f"{n:,} docs, {n_issues} issues ({how})"
else:
    from topicmine.pipeline.workspace import Workspace
    from topicmine.pipeline.ingest_job import ingest
    ws = Workspace.from_settings(workdir=tempfile.mkdtemp(prefix="tm-rows-ws-"), ingest=lim)
    s = ingest(ws, [path], show_progress=False)
    out = f"{s.documents_added:,} docs stored, {len(s.issues)} issues"
print(json.dumps({"s": round(time.perf_counter() - t, 1), **_peaks(), "outcome": out}, ensure_ascii=False))
"""

HEADER = ["编号", "案由", "提案内容"]


def rows(n: int):
    for i in range(n):
        yield [f"P{i:07d}", f"关于加强第{i}片区社区养老服务的提案",
               f"第{i}号提案。建议加强社区养老服务设施建设，完善居家养老上门服务，推动医养结合，"
               f"在第{i % 977}街道试点，资金由区财政统筹安排。"]


def build(fmt: str, n: int, d: Path) -> Path:
    path = d / f"rows_{n}.{fmt}"
    if path.exists():
        return path
    if fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("提案")
        ws.append(HEADER)
        for r in rows(n):
            ws.append(r)
        wb.save(path)
    elif fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(HEADER)
            w.writerows(rows(n))
    elif fmt == "jsonl":
        with path.open("w", encoding="utf-8") as fh:
            for r in rows(n):
                fh.write(json.dumps(dict(zip(HEADER, r)), ensure_ascii=False) + "\n")
    else:
        raise SystemExit(f"unknown format {fmt}")
    return path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", action="append", type=Path, required=True)
    ap.add_argument("--formats", default="xlsx,csv,jsonl")
    ap.add_argument("--rows", default="10000,100000,1000000")
    ap.add_argument("--mode", choices=("read", "ingest"), default="read")
    ap.add_argument("--isolate", default="office", help="[ingest] isolate (xlsx is read in the worker by default)")
    ap.add_argument("--timeout", type=float, default=3600)
    ap.add_argument("--dir", type=Path, default=None, help="where the tables are built (kept for reuse)")
    a = ap.parse_args()
    d = a.dir or Path(tempfile.mkdtemp(prefix="tm-rows-"))
    d.mkdir(parents=True, exist_ok=True)
    # limits raised so the row count, not the default caps (200,000 rows, 50 MB, 200 MB unzipped, 120 s), is measured
    settings = {"max_rows": 2_000_000, "max_file_mb": 1000, "max_zip_uncompressed_mb": 8000, "max_seconds_per_file": 36000,
                "max_memory_mb_per_file": 4096, "isolate": a.isolate}
    res: dict = {}
    print(f"| format | rows | bytes | {' | '.join(str(t) for t in a.tree)} |", flush=True)
    for fmt in a.formats.split(","):
        for n in (int(x) for x in a.rows.split(",")):
            t = time.perf_counter()
            path = build(fmt, n, d)
            built = time.perf_counter() - t
            key = f"{fmt} {n}"
            res[key] = {"bytes": path.stat().st_size, "build_s": round(built, 1)}
            for tree in a.tree:
                res[key][str(tree)] = run(tree.resolve(), ROWS_CHILD, [str(path), a.mode, json.dumps(settings)],
                                          a.timeout, cap_kb=6_000_000)
            cells = " | ".join(cell(res[key][str(tree)]) for tree in a.tree)
            print(f"| {fmt} | {n:,} | {res[key]['bytes']:,} | {cells} |", flush=True)
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
