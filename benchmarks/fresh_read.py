"""One fresh Python process of a given checkout, under an address-space cap and a time limit: the runner the
hostile-input benchmarks share (``hostile.py``, ``hostile_new.py``, ``hostile_rows.py``).

The child's code is given as a string; it prints one JSON object on its last stdout line, which ``run`` returns
(or ``{"s": None, "rss_mb": None, "outcome": "timeout …" / "crashed …"}``). ``READ_CHILD`` reads one file with
``read_documents`` and reports time, peak RSS (VmHWM of the process; the reader worker's peak as ``worker_mb``
when one ran) and the outcome.

    from fresh_read import READ_CHILD, run
    run(Path("/tmp/before"), READ_CHILD, [str(path), "{}"], timeout=120)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: the measure lines every child ends with: VmHWM, not ru_maxrss (ru_maxrss survives exec and starts at the
#: benchmark's own size, the files it built); the worker's ru_maxrss is an upper bound for the reader worker
MEASURE = r"""
def _peaks():
    import resource
    try:  # the reader worker is long-lived: end it, so its peak counts among the waited-for children
        from topicmine.ingest import isolate
        if isolate._WORKER is not None:
            isolate._WORKER.close()
    except Exception:
        pass
    hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"rss_mb": hwm // 1024, "worker_mb": worker // 1024}
"""

READ_CHILD = MEASURE + r"""
import json, sys, time
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
print(json.dumps({"s": round(time.perf_counter() - t, 2), **_peaks(), "outcome": out}, ensure_ascii=False))
"""


def run(tree: Path, child: str, args: list[str], timeout: float, *, cap_kb: int = 3_000_000,
        env: dict[str, str] | None = None) -> dict:
    """Run ``child`` (Python source) with ``args`` in a fresh interpreter whose code is ``tree``."""
    cmd = ["bash", "-c", f'ulimit -v {cap_kb}; exec "$0" -c "$@"', sys.executable, child, *args]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=tree,
                           env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", **(env or {})})
    except subprocess.TimeoutExpired:
        return {"s": None, "rss_mb": None, "outcome": f"timeout > {timeout:g} s (killed)"}
    lines = p.stdout.strip().splitlines()
    if p.returncode or not lines:
        tail = p.stderr.strip().splitlines()[-1:] if p.stderr.strip() else []
        return {"s": None, "rss_mb": None, "outcome": f"crashed (exit {p.returncode}): {tail}"}
    return json.loads(lines[-1])


def cell(r: dict) -> str:
    """``"1.2 s, 60 MB (+ worker 173 MB), 1 doc(s) …"`` for a Markdown table."""
    worker = f" (+ worker {r['worker_mb']} MB)" if r.get("worker_mb") else ""
    return f"{r['s']} s, {r['rss_mb']} MB{worker}, {r['outcome']}"


if __name__ == "__main__":  # pragma: no cover - a library for the benchmarks beside it
    sys.exit("import this from benchmarks/hostile*.py")
