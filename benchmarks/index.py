#!/usr/bin/env python
"""faiss index: exact vs HNSW vs IVF on real passage vectors — build time, query time, recall@10, memory.

    nice .venv/bin/python benchmarks/index.py --n 100000 --queries 1000

Vectors: the USE backend (512-d, numpy; fast enough to embed ~100k paragraphs on
2 cores) over every paragraph (≥ 20 chars, deduplicated) of the government
reports in ../shared/data/gov_reports_lawtext/政府工作报告-*; held-out paragraphs
are the queries. Vectors are cached in benchmarks/out/ for re-runs.
Prints one JSON object on the last line of stdout.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

DATA = Path(os.environ.get("TOPICMINE_DATA_DIR", ROOT.parent / "shared" / "data"))
OUT = ROOT / "benchmarks" / "out"


def paragraphs(min_chars: int = 20) -> list[str]:
    return [t for t, _ in paragraphs_with_source(min_chars)]


def paragraphs_with_source(min_chars: int = 20) -> list[tuple[str, str]]:
    """(paragraph, report file relative to the data dir), deduplicated, in the fixed shuffled order
    the cached vectors follow (benchmarks/topics.py --scale-real reuses them with this metadata)."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for p in sorted(glob.glob(str(DATA / "gov_reports_lawtext" / "政府工作报告-*" / "**" / "*.md"), recursive=True)):
        front = False
        rel = str(Path(p).relative_to(DATA))
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            s = line.strip()
            if s == "---":
                front = not front
                continue
            if front or s.startswith("#") or len(s) < min_chars or s in seen:
                continue
            seen.add(s)
            out.append((s, rel))
    random.Random(0).shuffle(out)  # same length, same seed → the same permutation as before
    return out


def vectors(n: int, q: int) -> tuple[np.ndarray, np.ndarray, dict]:
    from topicmine.embed.use_backend import UseEmbedder

    OUT.mkdir(parents=True, exist_ok=True)
    cache = OUT / f"use_gov_{n}_{q}.npy"
    texts = paragraphs()
    info = {"available_paragraphs": len(texts)}
    texts = texts[: n + q]
    if cache.is_file():
        X = np.load(cache, allow_pickle=False)
        info["embed"] = "cached"
    else:
        emb = UseEmbedder(batch_size=256).load()
        # chunks are kept as they finish, so a run stopped on a busy machine resumes where it was
        parts_dir = OUT / f"use_gov_{n}_{q}.parts"
        parts_dir.mkdir(exist_ok=True)
        t0 = time.perf_counter()
        parts, done_here = [], 0
        for a in range(0, len(texts), 5000):
            part = parts_dir / f"{a:07d}.npy"
            if part.is_file():
                parts.append(np.load(part, allow_pickle=False))
            else:
                parts.append(emb.encode(texts[a : a + 5000]))
                np.save(part, parts[-1], allow_pickle=False)
                done_here += len(parts[-1])
            print(f"embedded {a + len(parts[-1])}/{len(texts)}", file=sys.stderr, flush=True)
        X = np.concatenate(parts)
        secs = time.perf_counter() - t0
        info["embed"] = {"seconds_this_run": round(secs, 1), "embedded_this_run": done_here,
                         "per_s": round(done_here / secs, 1) if done_here else None, "model": emb.model_id}
        np.save(cache, X, allow_pickle=False)
    return X[: len(texts) - q], X[len(texts) - q :], info


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    from topicmine.index import VectorIndex

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=1000)
    args = ap.parse_args()
    X, Q, info = vectors(args.n, args.queries)
    n, dim = X.shape
    ids = np.arange(n, dtype=np.int64) + 1
    result: dict = {"date": time.strftime("%Y-%m-%d"), "n": n, "dim": dim, "queries": len(Q), "vectors": info,
                    "load_avg": os.getloadavg(), "kinds": {}}
    truth = None
    for kind, sweep in (("flat", [None]), ("hnsw", [64, 128, 256]), ("ivf", [8, 16, 32, 64])):
        r0 = rss_mb()
        idx = VectorIndex(dim, kind=kind)
        t0 = time.perf_counter()
        for a in range(0, n, 20_000):  # incremental adds, as `topicmine embed` does
            idx.add(ids[a : a + 20_000], X[a : a + 20_000])
        build = time.perf_counter() - t0
        entry: dict = {"build_s": round(build, 2), "memory_mb": round(idx.memory_bytes() / 2**20, 1),
                       "rss_delta_mb": round(rss_mb() - r0, 1), "search": []}
        for p in sweep:
            if kind == "hnsw":
                idx.ef_search = p
            elif kind == "ivf":
                idx.nprobe = p
            t0 = time.perf_counter()
            _, got = idx.search(Q, 10)
            secs = time.perf_counter() - t0
            if truth is None:
                truth = got
            recall = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, got)]))
            row = {"param": p, "query_ms": round(1000 * secs / len(Q), 3), "recall@10": round(recall, 4)}
            entry["search"].append(row)
            print(kind, json.dumps(row), file=sys.stderr, flush=True)
        if kind == "ivf":
            entry["nlist"] = int(idx._index.nlist)
        # single-query latency at the default parameters
        idx.ef_search, idx.nprobe = 128, 16
        t0 = time.perf_counter()
        for qv in Q[:200]:
            idx.search(qv, 10)
        entry["single_query_ms_default"] = round(1000 * (time.perf_counter() - t0) / 200, 3)
        result["kinds"][kind] = entry
        print(kind, json.dumps({k: v for k, v in entry.items() if k != "search"}), file=sys.stderr, flush=True)
        del idx
    result["load_avg_end"] = os.getloadavg()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
