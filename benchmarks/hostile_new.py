"""Re-probe with hostile files the project had never seen (tests/hostile_new.py): each read by ``read_documents``
in a fresh process of a given checkout — time, peak RSS (the process and its reader worker), outcome — under
a 3 GB address-space cap and a time limit.

    .venv/bin/python benchmarks/hostile_new.py --tree /tmp/before --tree . [--timeout 120] [--isolate off]

Prints a Markdown table and one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_new as N  # noqa: E402
from fresh_read import READ_CHILD, cell, run  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tree", action="append", type=Path, required=True)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--isolate", default=None, help="[ingest] isolate for the checkouts that have it")
    ap.add_argument("--only", default=None, help="run the cases whose name contains this")
    a = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="tm-hostile-new-"))
    settings = {"isolate": a.isolate} if a.isolate else {}
    res: dict = {}
    for name, path in N.build_all(d).items():
        if a.only and a.only not in name:
            continue
        res[name] = {"bytes": path.stat().st_size, **{str(t): run(t.resolve(), READ_CHILD, [str(path), json.dumps(settings)], a.timeout) for t in a.tree}}
        row = res[name]
        cells = " | ".join(cell(row[str(t)]) for t in a.tree)
        print(f"| {name} | {row['bytes']:,} B | {cells} |", flush=True)
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
