"""Reliability figures for hostile input: each hostile case read by ``read_documents`` in a fresh process of a
given checkout — time, peak RSS, outcome — under a 3 GB address-space cap and a time limit.

    .venv/bin/python benchmarks/hostile.py --tree /work/main --tree . [--timeout 30]

Files are generated into a temp folder (tests/hostile_fixtures.py); prints a Markdown table and one
JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_fixtures as H  # noqa: E402
from fresh_read import READ_CHILD, cell, run  # noqa: E402


def cases(d: Path) -> dict[str, Path]:
    out = {"YAML aliases, 9 levels (.txt)": H.billion_laughs_front_matter(d / "laughs.txt")}
    for kind in ("comment", "shortcode", "bold", "strike", "link"):
        p = d / f"{kind}.md"
        p.write_text(H.repeated_openers(kind, 200_000), encoding="utf-8")
        out[f"Markdown {kind} openers, 200 KB"] = p
    out["xlsx shared string out of range"] = H.xlsx_shared_string_out_of_range(d / "sst.xlsx")
    out["xlsx cell ref ZZZZZZ3"] = H.xlsx_bad_cell_reference(d / "ref.xlsx")
    out['xlsx t="n" cell "abc"'] = H.xlsx_number_cell_with_text(d / "num.xlsx")
    out['docx gridSpan="abc"'] = H.docx_bad_grid_span(d / "grid.docx")
    out["docx vMerge, no row above"] = H.docx_vmerge_without_row_above(d / "vmerge.docx")
    out[".json nested 100k deep"] = H.deep_json(d / "deep.json")
    out[".jsonl nested 100k deep"] = H.deep_json(d / "deep.jsonl")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", action="append", type=Path, required=True)
    ap.add_argument("--timeout", type=float, default=30)
    a = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="tm-hostile-"))
    res: dict = {}
    for name, path in cases(d).items():
        res[name] = {"bytes": path.stat().st_size, **{str(t): run(t.resolve(), READ_CHILD, [str(path), "{}"], a.timeout) for t in a.tree}}
        row = res[name]
        cells = " | ".join(cell(row[str(t)]) for t in a.tree)
        print(f"| {name} | {row['bytes']:,} B | {cells} |", flush=True)
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
