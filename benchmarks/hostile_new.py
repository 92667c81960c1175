"""Re-probe with hostile files the project had never seen (tests/hostile_new.py): each read by ``read_documents``
in a fresh process of a given checkout — time, peak RSS (the process and its reader worker), outcome — under
a 3 GB address-space cap and a time limit.

    .venv/bin/python benchmarks/hostile_new.py --tree /tmp/before --tree . [--timeout 120] [--isolate off]

Prints a Markdown table and one JSON object on the last line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_new as N  # noqa: E402

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from topicmine.config import IngestSettings
from topicmine.ingest import read_documents
kw = json.loads(sys.argv[2])
try:
    lim = IngestSettings(**kw)
except Exception:
    lim = IngestSettings()
t = time.perf_counter()
try:
    docs, issues = read_documents(Path(sys.argv[1]), lim)
    chars = sum(len(d.text) for d in docs)
    out = f"{len(docs)} doc(s) ({chars:,} chars), {len(issues)} issue(s)" + (f": {issues[0].reason[:70]}" if issues else "")
except BaseException as exc:
    out = f"RAISED {type(exc).__name__} (batch stops)"
# VmHWM, not ru_maxrss: ru_maxrss survives exec and starts at the benchmark's own size (the files it built)
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the reader worker, if one ran (an upper bound)
print(json.dumps({"s": round(time.perf_counter() - t, 2), "rss_mb": hwm // 1024, "worker_mb": worker // 1024, "outcome": out}, ensure_ascii=False))
"""


def run(tree: Path, path: Path, timeout: float, settings: dict) -> dict:
    cmd = ["bash", "-c", 'ulimit -v 3000000; exec "$0" -c "$1" "$2" "$3"', sys.executable, CHILD, str(path), json.dumps(settings)]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=tree,
                           env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"})
    except subprocess.TimeoutExpired:
        return {"s": None, "rss_mb": None, "outcome": f"timeout > {timeout:g} s (killed)"}
    lines = p.stdout.strip().splitlines()
    if p.returncode or not lines:
        tail = p.stderr.strip().splitlines()[-1:] if p.stderr.strip() else []
        return {"s": None, "rss_mb": None, "outcome": f"crashed (exit {p.returncode}): {tail}"}
    return json.loads(lines[-1])


def _cell(r: dict) -> str:
    worker = f" (+ worker {r['worker_mb']} MB)" if r.get("worker_mb") else ""
    return f"{r['s']} s, {r['rss_mb']} MB{worker}, {r['outcome']}"


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
        res[name] = {"bytes": path.stat().st_size, **{str(t): run(t.resolve(), path, a.timeout, settings) for t in a.tree}}
        row = res[name]
        cells = " | ".join(_cell(row[str(t)]) for t in a.tree)
        print(f"| {name} | {row['bytes']:,} B | {cells} |", flush=True)
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
