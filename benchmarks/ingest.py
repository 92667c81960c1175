"""Ingest throughput vs raw jieba, and memory as the corpus grows.

Same run, same texts: (a) plain ``jieba.Tokenizer.lcut`` (with our user dictionary) over
the normalised texts of the government reports, (b) ``topicmine ingest`` of the same
files into a fresh workdir (read + decode + normalise + classify + segment + jieba words
+ SQLite/FTS5 writes). Reports characters/s of each and the ratio (goal ≥ 0.5).
Memory: peak RSS of ingest runs over 25 %, 50 % and 100 % of the files, each in a fresh
process — flat peaks mean ingest streams instead of holding the corpus.

    .venv/bin/python benchmarks/ingest.py [--data ../shared/data] [--limit N] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def gov_report_files(data: Path, limit: int | None) -> list[Path]:
    base = data / "gov_reports_lawtext"
    files = sorted(p for p in base.rglob("*.md") if p.name != "README.md")
    return files[:limit] if limit else files


def raw_jieba(files: list[Path]) -> tuple[float, int]:
    """Seconds and characters for jieba.Tokenizer.lcut over the normalised texts (reading excluded)."""
    import jieba

    from topicmine.ingest import normalize_text

    texts = [normalize_text(p.read_text(encoding="utf-8")) for p in files]
    tok = jieba.Tokenizer()
    tok.load_userdict(str(ROOT / "corpus" / "dicts" / "user_dict.txt"))
    tok.initialize()
    t0 = time.perf_counter()
    for t in texts:
        tok.lcut(t)
    return time.perf_counter() - t0, sum(len(t) for t in texts)


def ingest_child(file_list: Path, workdir: Path) -> dict:
    """Run one ingest in a fresh process; returns its summary, seconds and peak RSS."""
    code = f"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, {str(ROOT)!r})
from topicmine.pipeline import Workspace, ingest
files = [Path(l) for l in Path({str(file_list)!r}).read_text(encoding='utf-8').splitlines() if l]
ws = Workspace.from_settings(workdir={str(workdir)!r})
ws.segmenter  # load the dictionary before timing, as raw jieba does
t0 = time.perf_counter()
s = ingest(ws, files, show_progress=False)
secs = time.perf_counter() - t0
chars = ws.store.stats().get('characters') or sum(len(d.text) for d in ws.store.iter_documents())
print(json.dumps({{'seconds': secs, 'chars': chars, 'new': s.new, 'failed': s.failed,
                  'maxrss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data")))
    ap.add_argument("--limit", type=int, default=None, help="use only the first N files")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = gov_report_files(args.data, args.limit)
    print(f"{len(files)} files", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        lists = {}
        for share in (0.25, 0.5, 1.0):
            n = max(1, int(len(files) * share))
            lf = tmpd / f"files_{share}.txt"
            lf.write_text("\n".join(str(p) for p in files[:n]), encoding="utf-8")
            lists[share] = lf
        jieba_rates, ingest_rates, ratios = [], [], []
        full_runs = []
        for r in range(args.repeat):
            js, jc = raw_jieba(files)
            res = ingest_child(lists[1.0], tmpd / f"w{r}")
            full_runs.append(res)
            jieba_rates.append(jc / js)
            ingest_rates.append(res["chars"] / res["seconds"])
            ratios.append(ingest_rates[-1] / jieba_rates[-1])
            print(f"run {r}: jieba {jieba_rates[-1]:,.0f} chars/s, ingest {ingest_rates[-1]:,.0f} chars/s, ratio {ratios[-1]:.2f}",
                  file=sys.stderr)
        mem = {}
        for share in (0.25, 0.5):
            mem[share] = ingest_child(lists[share], tmpd / f"m{share}")["maxrss_mb"]
        mem[1.0] = statistics.median(r["maxrss_mb"] for r in full_runs)
    result = {
        "files": len(files),
        "documents": full_runs[0]["new"],
        "failed": full_runs[0]["failed"],
        "characters": full_runs[0]["chars"],
        "jieba_chars_per_s_median": round(statistics.median(jieba_rates)),
        "ingest_chars_per_s_median": round(statistics.median(ingest_rates)),
        "ratio_median": round(statistics.median(ratios), 3),
        "ingest_seconds_median": round(statistics.median(r["seconds"] for r in full_runs), 1),
        "peak_rss_mb_by_share": {str(k): round(v) for k, v in mem.items()},
        "repeat": args.repeat,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
