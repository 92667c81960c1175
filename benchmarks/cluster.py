#!/usr/bin/env python
"""The Ray engine on this machine: overhead vs local, actors × threads, IVF-PQ recall and size, distributed predict.

    nice .venv/bin/python benchmarks/cluster.py --embed-n 2000 --real 8000 --index-n 1000000 --topics-n 200000

Vectors: the USE backend (512-d, numpy — e5-small is too slow to embed 10⁴ paragraphs on 2 shared cores in
the time here) over government-report paragraphs of ../shared/data/gov_reports_lawtext (benchmarks/index.py's
reader and order). The index and topics figures use *resampled* vectors: each is a real paragraph vector plus
half the difference of two other real vectors, renormalised — it keeps the real vectors' directions and
spread but is not real text; held-out real paragraphs are the queries. Prints one JSON object last.

e5-small (the default embedder) modes — `--only e5embed` (Ray vs local at equal threads, 1×2 vs 2×1, rounds),
`e5cpu` (the same in CPU seconds per passage, every Ray process counted), `e5index` / `e5sweep` (IVF-PQ on 10⁶ resampled e5 vectors: depth and nprobe chosen on tuning queries, reported on
held-out ones), `topics10m` (ids through Ray Data, vectors made inside each batch from (seed, id), predicted and
aggregated there): see docs/figures/ray.md for the exact commands and figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402

OUT = ROOT / "benchmarks" / "out"


def real_vectors(n: int) -> tuple[list[str], np.ndarray]:
    from index import paragraphs  # benchmarks/index.py: same paragraphs, same shuffled order

    from topicmine.embed.use_backend import UseEmbedder

    texts = paragraphs()[:n]
    cache = OUT / f"cluster_use_{n}.npy"
    if cache.is_file():
        return texts, np.load(cache)
    OUT.mkdir(parents=True, exist_ok=True)
    X = UseEmbedder(batch_size=256).encode(texts)
    np.save(cache, X)
    return texts, X


def e5_vectors(texts: list[str], tag: str) -> np.ndarray:
    """e5-small (the default embedder, 384-d) vectors of ``texts`` as passages, cached under benchmarks/out."""
    from topicmine.config import EmbedSettings
    from topicmine.embed import load_embedder

    cache = OUT / f"cluster_e5_{tag}_{len(texts)}.npy"
    if cache.is_file():
        return np.load(cache)
    OUT.mkdir(parents=True, exist_ok=True)
    X = load_embedder(EmbedSettings(), ROOT).encode(texts, kind="passage", show_progress=True)
    np.save(cache, X)
    return X


def resample(X: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = np.empty((n, X.shape[1]), dtype=np.float32)
    for s in range(0, n, 100_000):
        m = min(100_000, n - s)
        a, b, c = (rng.integers(0, len(X), m) for _ in range(3))
        v = X[a] + 0.5 * (X[b] - X[c])
        out[s : s + m] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def bench_embed(texts: list[str], threads: int, out: Path) -> dict:
    """Local (one process, `threads` threads) vs Ray (1 actor × threads, and threads actors × 1 thread)."""
    import shutil

    import ray

    from topicmine.cluster.embedding import embed_missing
    from topicmine.cluster.formats import write_parquet_atomic
    from topicmine.config import ClusterSettings, EmbedSettings
    from topicmine.embed.use_backend import UseEmbedder

    emb = UseEmbedder(batch_size=64, threads=threads).load()
    t0 = time.perf_counter()
    emb.encode(texts, batch_size=32)
    local = len(texts) / (time.perf_counter() - t0)
    res = {"local_per_s": round(local, 1), "threads": threads, "ray": {}}
    ray.init(address="local", num_cpus=threads, object_store_memory=300 << 20, include_dashboard=False,
             log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    try:
        # two sizes per layout: the difference cancels actor start-up (model load), which is reported apart
        n = len(texts)
        table = _passage_table(texts)
        for actors, per in ((1, threads), (threads, 1)):
            secs = {}
            for m in (n // 3, n):
                d = out / f"embed_{actors}x{per}_{m}"
                shutil.rmtree(d, ignore_errors=True)
                write_parquet_atomic(table.slice(0, m), d / "passages" / "shard-00000.parquet", row_group_size=64)
                r = embed_missing(d, EmbedSettings(backend="use", batch_size=64),
                                  ClusterSettings(actors=actors, threads_per_actor=per, batch_rows=32), part_rows=10**9)
                secs[m] = r["seconds"]
            rate = (n - n // 3) / max(secs[n] - secs[n // 3], 1e-9)
            res["ray"][f"{actors}x{per}"] = {"seconds": {str(k): v for k, v in secs.items()},
                                             "per_s_excl_startup": round(rate, 1),
                                             "startup_s": round(secs[n] - n / rate, 1),
                                             "vs_local": round(rate / local, 3)}
    finally:
        ray.shutdown()
    return res


class CpuMeter:
    """CPU seconds (user + system) spent by this process and every process below it — Ray's GCS, raylet,
    agents and workers started by ``ray.init(address="local")`` — between ``start()`` and ``stop()``.

    Why CPU time: on a shared 2-core machine the wall time of a minutes-long run is set by what other jobs
    do meanwhile; the CPU a job burns per passage barely depends on them. Descendants are polled every
    0.2 s and each pid's last reading kept, so an actor that exits when the pipeline ends still counts
    (up to its last 0.2 s).
    """

    def __init__(self) -> None:
        import threading

        import psutil

        self._ps = psutil
        self._me = psutil.Process()
        self._seen: dict[int, float] = {}
        self._base: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread: object | None = None

    def _poll(self) -> dict[int, float]:
        out = {}
        for p in [self._me, *self._me.children(recursive=True)]:
            try:
                t = p.cpu_times()
                out[p.pid] = t.user + t.system
            except (self._ps.NoSuchProcess, self._ps.AccessDenied):
                pass
        return out

    def _loop(self) -> None:
        while not self._stop.wait(0.2):
            self._seen.update(self._poll())

    def start(self) -> None:
        import threading

        self._base = self._poll()
        self._seen = dict(self._base)
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()  # type: ignore[attr-defined]
        self._seen.update(self._poll())
        return sum(v - self._base.get(pid, 0.0) for pid, v in self._seen.items())


def bench_embed_e5_cpu(texts: list[str], out: Path, repeats: int, batch_rows: int) -> dict:
    """e5-small, 2 CPUs, measured in CPU seconds per passage (robust to other jobs on the machine): local
    (one process, 2 torch threads, the same ``batch_rows`` chunks) vs Ray 1 actor × 2 threads and 2 actors ×
    1 thread, every Ray process counted (GCS, raylet, agents, actors, the driver). Ray's start-up (session,
    actor start, model load) cancels in the difference of two sizes: CPU per passage = (cpu(n) − cpu(n/3)) /
    (n − n/3). ``cpu_ratio`` = local CPU per passage ÷ Ray's: with the cores otherwise idle and the actors
    kept busy it is the throughput ratio; idle gaps in Ray's pipeline would not show here (wall times are
    recorded beside it)."""
    import shutil
    import statistics

    import ray
    import torch

    from topicmine.cluster.embedding import embed_missing
    from topicmine.cluster.formats import write_parquet_atomic
    from topicmine.config import ClusterSettings, EmbedSettings
    from topicmine.embed import load_embedder

    emb = load_embedder(EmbedSettings(), ROOT).load()
    n = len(texts)
    table = _passage_table(texts)
    rounds: list[dict] = []
    meter = CpuMeter()
    for _ in range(repeats):
        row: dict = {"load_avg": os.getloadavg()[0]}
        torch.set_num_threads(2)
        emb.encode(["预热"], kind="passage")
        meter.start()
        t0 = time.perf_counter()
        for s in range(0, n, batch_rows):
            emb.encode(texts[s : s + batch_rows], kind="passage", batch_size=batch_rows, show_progress=False)
        row["local"] = {"cpu_s": meter.stop(), "wall_s": time.perf_counter() - t0}
        row["local"]["cpu_per_passage"] = row["local"]["cpu_s"] / n
        torch.set_num_threads(1)
        for actors, per in ((1, 2), (2, 1)):
            got = {}
            for m in (n // 3, n):
                d = out / f"e5cpu_{actors}x{per}_{m}"
                shutil.rmtree(d, ignore_errors=True)
                write_parquet_atomic(table.slice(0, m), d / "passages" / "shard-00000.parquet", row_group_size=batch_rows)
                meter.start()  # the session's start-up is inside: it cancels in the difference of two sizes
                t0 = time.perf_counter()
                ray.init(address="local", num_cpus=2, object_store_memory=300 << 20, include_dashboard=False,
                         log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
                try:
                    res = embed_missing(d, EmbedSettings(), ClusterSettings(actors=actors, threads_per_actor=per,
                                                                           batch_rows=batch_rows), part_rows=10**9)
                finally:
                    cpu = meter.stop()  # before shutdown: the daemons' readings are in
                    ray.shutdown()
                assert res["embedded"] == m, res
                got[m] = {"cpu_s": cpu, "wall_s": time.perf_counter() - t0, "actor_threads": res.get("actor_threads")}
                shutil.rmtree(d, ignore_errors=True)
            per_p = (got[n]["cpu_s"] - got[n // 3]["cpu_s"]) / (n - n // 3)
            row[f"{actors}x{per}"] = {"sizes": {str(k): v for k, v in got.items()}, "cpu_per_passage": per_p,
                                      "cpu_ratio": row["local"]["cpu_per_passage"] / per_p if per_p > 0 else None,
                                      "startup_cpu_s": got[n]["cpu_s"] - n * per_p}
        row["load_avg_end"] = os.getloadavg()[0]
        rounds.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    med = statistics.median
    summary = {"n": n, "batch_rows": batch_rows, "repeats": repeats,
               "local_cpu_per_passage": round(med(r["local"]["cpu_per_passage"] for r in rounds), 4)}
    for lay in ("1x2", "2x1"):
        ratios = [r[lay]["cpu_ratio"] for r in rounds if r[lay]["cpu_ratio"]]
        summary[lay] = {"cpu_per_passage": round(med(r[lay]["cpu_per_passage"] for r in rounds), 4),
                        "cpu_ratio_median": round(med(ratios), 3) if ratios else None,
                        "cpu_ratios": [round(x, 3) for x in ratios],
                        "startup_cpu_s": round(med(r[lay]["startup_cpu_s"] for r in rounds), 1)}
    return {"summary": summary, "rounds": rounds}


def _passage_table(texts: list[str]):
    import pyarrow as pa

    from topicmine.cluster.formats import passages_schema
    from topicmine.records import content_hash

    cols = {f.name: [] for f in passages_schema()}
    for i, x in enumerate(texts):
        for k, v in (("gid", i), ("shard", 0), ("passage_id", i), ("doc_id", str(i)), ("hash", content_hash(x)),
                     ("text", x), ("words", []), ("doc_type", "gov_report"), ("region", None), ("year", None),
                     ("title", ""), ("meta", "{}")):
            cols[k].append(v)
    return pa.table(cols, schema=passages_schema())


def bench_embed_e5(texts: list[str], out: Path, repeats: int, batch_rows: int) -> dict:
    """e5-small, 2 CPUs: local (one process, 2 torch threads) vs Ray 1 actor × 2 threads vs 2 actors × 1 thread.

    Interleaved rounds (local, 1×2, 2×1 in each), medians over rounds. Local encodes the same
    ``batch_rows`` chunks in the same order as the actors get them (ST sorts by length only inside a call,
    so one big local call would pad less and not be the same work). Ray throughput = (n − n/3) / (t(n) −
    t(n/3)) so actor start-up and model load cancel; start-up = t(n) − n / throughput.
    """
    import shutil
    import statistics

    import ray
    import torch

    from topicmine.cluster.embedding import embed_missing
    from topicmine.cluster.formats import write_parquet_atomic
    from topicmine.config import ClusterSettings, EmbedSettings
    from topicmine.embed import load_embedder

    emb = load_embedder(EmbedSettings(), ROOT).load()
    torch.set_num_threads(2)
    emb.encode(["预热"], kind="passage")
    n = len(texts)
    table = _passage_table(texts)
    rounds: list[dict] = []
    ray.init(address="local", num_cpus=2, object_store_memory=300 << 20, include_dashboard=False,
             log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    try:
        for _ in range(repeats):
            row: dict = {"load_avg": os.getloadavg()[0]}
            torch.set_num_threads(2)
            t0 = time.perf_counter()
            for s in range(0, n, batch_rows):
                emb.encode(texts[s : s + batch_rows], kind="passage", batch_size=batch_rows, show_progress=False)
            row["local_per_s"] = n / (time.perf_counter() - t0)
            torch.set_num_threads(1)  # the driver idles while the actors work
            for actors, per in ((1, 2), (2, 1)):
                secs, threads = {}, None
                for m in (n // 3, n):
                    d = out / f"e5_{actors}x{per}_{m}"
                    shutil.rmtree(d, ignore_errors=True)
                    write_parquet_atomic(table.slice(0, m), d / "passages" / "shard-00000.parquet",
                                         row_group_size=batch_rows)
                    res = embed_missing(d, EmbedSettings(), ClusterSettings(actors=actors, threads_per_actor=per,
                                                                           batch_rows=batch_rows), part_rows=10**9)
                    assert res["embedded"] == m, res
                    secs[m], threads = res["seconds"], res.get("actor_threads")
                    shutil.rmtree(d, ignore_errors=True)
                rate = (n - n // 3) / max(secs[n] - secs[n // 3], 1e-9)
                row[f"{actors}x{per}"] = {"seconds": {str(k): v for k, v in secs.items()}, "per_s": rate,
                                          "startup_s": secs[n] - n / rate, "actor_torch_threads": threads}
            row["load_avg_end"] = os.getloadavg()[0]
            rounds.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        ray.shutdown()
    med = statistics.median
    local = med(r["local_per_s"] for r in rounds)
    summary = {"n": n, "batch_rows": batch_rows, "repeats": repeats, "local_per_s": round(local, 2)}
    for lay in ("1x2", "2x1"):
        rate = med(r[lay]["per_s"] for r in rounds)
        summary[lay] = {"per_s": round(rate, 2), "startup_s": round(med(r[lay]["startup_s"] for r in rounds), 1),
                        "vs_local": round(rate / local, 3),
                        "vs_local_per_round": [round(r[lay]["per_s"] / r["local_per_s"], 3) for r in rounds]}
    return {"median": summary, "rounds": rounds}


def build_ivfpq(X: np.ndarray, folder: Path, nlist: int, pq_bytes: int) -> tuple[float, float]:
    """The product's build on one machine: train on a seeded sample, fill 4 "shards", ``merge_ondisk``, the
    float16 copy; returns (train seconds, fill + merge seconds)."""
    import shutil

    import faiss

    from topicmine.cluster import ivfpq

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    n = len(X)
    t0 = time.perf_counter()
    idx = ivfpq.train(X[np.random.default_rng(1).choice(n, min(n, 39 * nlist), replace=False)],
                      nlist=nlist, pq_bytes=pq_bytes, seed=42)
    faiss.write_index(idx, str(folder / "trained.index"))
    del idx
    t_train = time.perf_counter() - t0
    ids = np.arange(n, dtype=np.int64)
    t0 = time.perf_counter()
    blocks = []
    for i, part in enumerate(np.array_split(np.arange(n), 4)):  # 4 "shards"
        b = folder / f"block{i}.index"
        ivfpq.fill_block(str(folder / "trained.index"), ids[part], X[part], str(b))
        blocks.append(b)
    ivfpq.merge_blocks(folder / "trained.index", blocks, folder)
    for b in blocks:
        b.unlink()
    ivfpq.write_fp16(folder / "fp16", 0, ids, X)
    np.save(folder / "ids.npy", ids)
    ivfpq.write_manifest(folder, count=n)
    return t_train, time.perf_counter() - t0


def bench_index(X: np.ndarray, Q: np.ndarray, out: Path, pq_bytes: int, nprobe: int, nlist: int) -> dict:
    import faiss

    from topicmine.cluster import ivfpq

    folder = out / "ivfpq"
    n = len(X)
    t_train, t_fill = build_ivfpq(X, folder, nlist, pq_bytes)
    index = ivfpq.ClusterIndex.open(folder, nprobe=nprobe, rerank_factor=10)
    flat = faiss.IndexFlatIP(X.shape[1])
    flat.add(X)
    _, truth = flat.search(Q, 10)
    del flat
    rec = {}
    for rerank in (False, True):
        t0 = time.perf_counter()
        _, I = index.search(Q, 10, rerank=rerank)
        secs = time.perf_counter() - t0
        rec["rerank" if rerank else "pq_only"] = {
            "recall_at_10": round(float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(I, truth)])), 4),
            "ms_per_query": round(1000 * secs / len(Q), 2)}
    return {"n": n, "dim": int(X.shape[1]), "nlist": int(index.main.nlist), "pq_m": int(index.main.pq.M),
            "nprobe": nprobe, "train_s": round(t_train, 1), "fill_merge_s": round(t_fill, 1), **rec,
            **ivfpq.index_bytes(folder)}


def exact_top(X: np.ndarray, Q: np.ndarray, k: int, block: int = 100_000) -> np.ndarray:
    """Exact top-k ids by inner product, scanning ``X`` in blocks (no second copy of X in memory)."""
    best_s = np.full((len(Q), k), -np.inf, dtype=np.float32)
    best_i = np.zeros((len(Q), k), dtype=np.int64)
    for s in range(0, len(X), block):
        S = Q @ X[s : s + block].T
        top = np.argpartition(-S, k - 1, axis=1)[:, :k]
        cs = np.concatenate([best_s, np.take_along_axis(S, top, 1)], axis=1)
        ci = np.concatenate([best_i, top + s], axis=1)
        o = np.argsort(-cs, axis=1, kind="stable")[:, :k]
        best_s, best_i = np.take_along_axis(cs, o, 1), np.take_along_axis(ci, o, 1)
    return best_i


def bench_index_e5(base: np.ndarray, Q_tune: np.ndarray, Q_held: np.ndarray, n: int, out: Path, pq_bytes: int,
                   nlist: int, goal: float = 0.95) -> dict:
    """IVF-PQ on ``n`` resampled e5 vectors: built once, re-ranking depth and nprobe chosen on ``Q_tune``,
    recall@10 reported on ``Q_held`` (real paragraphs never looked at while choosing)."""



    X = resample(base, n)
    folder = out / "ivfpq_e5"
    t_train, t_fill = build_ivfpq(X, folder, nlist, pq_bytes)
    res = {"n": n, "train_s": round(t_train, 1), "fill_merge_s": round(t_fill, 1)}
    res.update(query_e5(X, Q_tune, Q_held, folder, goal))
    return res


def query_e5(X: np.ndarray, Q_tune: np.ndarray, Q_held: np.ndarray, folder: Path, goal: float = 0.95,
             nprobes: tuple = (16, 32, 64), factors: tuple = (0, 5, 10, 20, 30, 50)) -> dict:
    """Recall@10 of the index in ``folder``: the sweep on the tuning queries, the pick, the held-out figures."""
    import faiss

    from topicmine.cluster import ivfpq

    truth = {"tune": exact_top(X, Q_tune, 10), "held_out": exact_top(X, Q_held, 10)}
    n = len(X)

    def recall(Q, T, nprobe, factor):
        index = ivfpq.ClusterIndex.open(folder, nprobe=nprobe, rerank_factor=factor)
        t = time.perf_counter()
        _, I = index.search(Q, 10, rerank=factor > 0)
        ms = 1000 * (time.perf_counter() - t) / len(Q)
        return round(float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(I, T)])), 4), round(ms, 2)

    tune = []
    for nprobe in nprobes:
        for factor in factors:
            r, ms = recall(Q_tune, truth["tune"], nprobe, factor)
            tune.append({"nprobe": nprobe, "rerank_factor": factor, "recall_at_10": r, "ms_per_query": ms})
    # the choice, on the tuning queries only: the cheapest setting reaching the goal (else the best one)
    ok = [t for t in tune if t["rerank_factor"] > 0 and t["recall_at_10"] >= goal]
    pick = min(ok, key=lambda t: (t["nprobe"] * (1 + t["rerank_factor"]), t["nprobe"])) if ok else \
        max((t for t in tune if t["rerank_factor"] > 0), key=lambda t: t["recall_at_10"])
    held = {}
    for name, (nprobe, factor) in {"pq_only": (pick["nprobe"], 0), "rerank": (pick["nprobe"], pick["rerank_factor"]),
                                   "rerank_10k": (pick["nprobe"], 10)}.items():
        r, ms = recall(Q_held, truth["held_out"], nprobe, factor)
        held[name] = {"nprobe": nprobe, "rerank_factor": factor, "recall_at_10": r, "ms_per_query": ms}
    main = faiss.read_index(str(folder / "populated.index"), faiss.IO_FLAG_ONDISK_SAME_DIR)
    return {"n": n, "dim": int(X.shape[1]), "queries": {"tune": len(Q_tune), "held_out": len(Q_held)},
            "nlist": int(main.nlist), "pq_m": int(main.pq.M), "chosen_on_tune": pick, "tune_sweep": tune, "held_out": held, **ivfpq.index_bytes(folder)}


def sweep_index(X: np.ndarray, Q: np.ndarray, out: Path) -> dict:
    """Recall@10 of the index ``bench_index`` left on disk, over nprobe × re-ranking depth (no rebuild)."""
    import faiss

    from topicmine.cluster import ivfpq

    flat = faiss.IndexFlatIP(X.shape[1])
    flat.add(X)
    _, truth = flat.search(Q, 10)
    del flat
    rows = []
    for nprobe in (32, 64, 128):
        for factor in (0, 10, 30):
            index = ivfpq.ClusterIndex.open(out / "ivfpq", nprobe=nprobe, rerank_factor=factor)
            t0 = time.perf_counter()
            _, I = index.search(Q, 10, rerank=factor > 0)
            ms = 1000 * (time.perf_counter() - t0) / len(Q)
            rows.append({"nprobe": nprobe, "rerank_factor": factor, "ms_per_query": round(ms, 2),
                         "recall_at_10": round(float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(I, truth)])), 4)})
    return {"n": len(X), "rows": rows}


def _predict_with_rss(batch, model):
    from topicmine.cluster.topics import predict_batch

    out = predict_batch(batch, model)
    out["rss_mb"] = np.full(len(out["hash"]), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def bench_topics(X: np.ndarray, out: Path, fit_n: int) -> dict:
    """TopicModel fitted on a seeded sample, every vector predicted through Ray Data map_batches."""
    import ray

    from topicmine.cluster.formats import vectors_to_arrow, write_parquet_atomic
    from topicmine.topics import TopicModel

    n = len(X)
    folder = out / "topic_vectors"
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
    for s in range(0, n, 100_000):
        write_parquet_atomic(vectors_to_arrow([f"{i:016x}" for i in range(s, min(n, s + 100_000))], X[s : s + 100_000]),
                             folder / f"part-{s:09d}.parquet", row_group_size=8192)
    t0 = time.perf_counter()
    rng = np.random.default_rng(42)
    model = TopicModel(seed=42).fit(X[rng.choice(n, fit_n, replace=False)])
    t_fit = time.perf_counter() - t0
    driver_rss_fit = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ray.init(address="local", num_cpus=2, object_store_memory=400 << 20, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
    try:
        from topicmine.cluster.session import quiet_data

        quiet_data()
        ref = ray.put(model)
        t0 = time.perf_counter()
        ds = ray.data.read_parquet(str(folder)).map_batches(_predict_with_rss, fn_kwargs={"model": ref},
                                                             batch_size=8192, batch_format="pyarrow")
        counts = np.zeros(model.n_topics_, dtype=np.int64)
        worker_rss = 0.0
        done = 0
        for b in ds.iter_batches(batch_format="numpy", batch_size=None):
            counts += np.bincount(b["cluster"], minlength=model.n_topics_)
            worker_rss = max(worker_rss, float(np.max(b["rss_mb"])))
            done += len(b["cluster"])
        t_pred = time.perf_counter() - t0
    finally:
        ray.shutdown()
    return {"n": n, "fit_sample": fit_n, "n_topics": int(model.n_topics_), "fit_s": round(t_fit, 1),
            "predict_s": round(t_pred, 1), "predicted": done, "predict_per_s": round(done / t_pred, 1),
            "peak_rss_mb": {"driver": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                            "driver_after_fit": round(driver_rss_fit), "worker_max": round(worker_rss)},
            "largest_topic_share": round(float(counts.max() / max(done, 1)), 4)}


def resample_ids(X: np.ndarray, ids: np.ndarray, seed: int) -> np.ndarray:
    """Resampled vector number ``i`` for each ``i`` in ``ids`` — a function of (seed, i) alone, so any process
    can make any slice of the 10⁷ without anyone holding them all: a real base vector plus half the
    difference of two others (indices drawn from a Philox stream keyed by i), renormalised."""
    out = np.empty((len(ids), X.shape[1]), dtype=np.float32)
    for j, i in enumerate(ids[:: 1 << 14]):  # one counter-based stream per block of 16,384 consecutive ids
        sl = slice(j << 14, min(len(ids), (j + 1) << 14))
        rng = np.random.Generator(np.random.Philox(key=seed, counter=[int(i), 0, 0, 0]))
        a, b, c = rng.integers(0, len(X), (3, sl.stop - sl.start))
        v = X[a] + 0.5 * (X[b] - X[c])
        out[sl] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return out


def _predict_synthetic(batch: dict, base, model, rule: str, seed: int, n_reps: int = 5) -> dict:
    """One Ray Data batch of ids: make their vectors here, predict, and return only aggregates — one row per
    fitted cluster (count, score sum, the batch's best ids by centroid cosine) plus this process's peak RSS."""
    import ray

    from topicmine.cluster.topics import predict_vectors

    base, model = (ray.get(x) if isinstance(x, ray.ObjectRef) else x for x in (base, model))
    ids = np.asarray(batch["id"], dtype=np.int64)
    V = resample_ids(base, ids, seed)
    t0 = time.perf_counter()
    lab, score = predict_vectors(V, model, rule)
    secs = time.perf_counter() - t0
    T = int(model.n_topics_)
    counts = np.bincount(lab, minlength=T)
    ssum = np.bincount(lab, weights=score, minlength=T)
    C = np.asarray(model.centroids_, dtype=np.float32)
    cs = np.einsum("ij,ij->i", V, C[lab])  # cosine to the own centroid: representatives (evidence)
    rep_ids = np.full((T, n_reps), -1, dtype=np.int64)
    rep_s = np.full((T, n_reps), -np.inf, dtype=np.float32)
    for t in range(T):
        m = np.flatnonzero(lab == t)
        best = m[np.argsort(-cs[m], kind="stable")[:n_reps]]
        rep_ids[t, : len(best)] = ids[best]
        rep_s[t, : len(best)] = cs[best]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"cluster": np.arange(T), "count": counts, "score_sum": ssum, "rep_ids": rep_ids, "rep_scores": rep_s,
            "pid": np.full(T, os.getpid()), "rss_mb": np.full(T, rss), "predict_s": np.full(T, secs / T)}


def bench_topics_scale(base: np.ndarray, n: int, fit_n: int, rule: str, batch: int, seed: int = 7,
                       agree_n: int = 20_000) -> dict:
    """TopicModel fitted on ``fit_n`` resampled vectors (driver), then ids 0 … n−1 through Ray Data:
    vectors generated inside each batch (seeded by id), predicted by ``rule``, aggregated per batch.
    No process ever holds the n vectors; the driver keeps counts and ≤ 5 representatives per topic."""
    import ray

    from topicmine.cluster.topics import predict_vectors
    from topicmine.topics import TopicModel

    rng = np.random.default_rng(42)
    fit_ids = np.sort(rng.choice(n, fit_n, replace=False))
    t0 = time.perf_counter()
    model = TopicModel(seed=42).fit(resample_ids(base, fit_ids, seed))
    t_fit = time.perf_counter() - t0
    # agreement of the rule with the fit's own vote, on ids outside the fit
    probe = resample_ids(base, np.arange(n - agree_n, n), seed)
    tv = time.perf_counter()
    v_lab, _ = predict_vectors(probe, model, "vote")
    t_vote = time.perf_counter() - tv
    tc = time.perf_counter()
    c_lab, _ = predict_vectors(probe, model, "centroid")
    t_cent = time.perf_counter() - tc
    ref_lab = model._vote(probe / np.linalg.norm(probe, axis=1, keepdims=True))[0]
    del probe
    driver_fit = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ray.init(address="local", num_cpus=2, object_store_memory=300 << 20, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": f"{ROOT}:{ROOT / 'benchmarks'}", "OMP_NUM_THREADS": "1"}})
    try:
        from topicmine.cluster.session import quiet_data

        quiet_data()
        slim = TopicModel(**model.get_params())
        for a in ("reference_", "reference_topic_", "n_topics_", "n_neighbors_", "centroids_"):
            setattr(slim, a, getattr(model, a))
        bref, mref = ray.put(base), ray.put(slim)
        T = int(model.n_topics_)
        counts = np.zeros(T, np.int64)
        reps: list[list] = [[] for _ in range(T)]
        rss: dict[int, float] = {}
        pred_s = 0.0
        t0 = time.perf_counter()
        ds = ray.data.range(n, override_num_blocks=max(2, n // (8 * batch)))
        ds = ds.map_batches(_predict_synthetic, fn_kwargs={"base": bref, "model": mref, "rule": rule, "seed": seed},
                            batch_size=batch, batch_format="numpy", num_cpus=1)
        from topicmine.progress import progress

        for b in progress(ds.iter_batches(batch_format="numpy", batch_size=None), desc="predict", unit="batch", show=True):
            np.add.at(counts, b["cluster"], b["count"])
            pred_s += float(np.sum(b["predict_s"]))
            for c, ids_, sc in zip(b["cluster"], b["rep_ids"], b["rep_scores"]):
                got = [(float(x), int(y)) for x, y in zip(sc, ids_) if y >= 0]
                reps[c] = sorted(reps[c] + got, key=lambda x: (-x[0], x[1]))[:5]
            for p, r in zip(b["pid"], b["rss_mb"]):
                rss[int(p)] = max(rss.get(int(p), 0.0), float(r))
        wall = time.perf_counter() - t0
    finally:
        ray.shutdown()
    done = int(counts.sum())
    return {"n": n, "predicted": done, "rule": rule, "fit_sample": fit_n, "n_topics": T,
            "reference_points": int(len(model.reference_)), "n_neighbors": int(model.n_neighbors_),
            "fit_s": round(t_fit, 1), "wall_s": round(wall, 1), "per_s_wall": round(done / wall, 1),
            "predict_cpu_s": round(pred_s, 1), "per_s_predict_only_per_process": round(done / max(pred_s, 1e-9), 1),
            "peak_rss_mb": {"driver": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                            "driver_after_fit": round(driver_fit),
                            "workers": {str(k): round(v) for k, v in sorted(rss.items())}},
            "largest_topic_share": round(float(counts.max() / max(done, 1)), 4),
            "agreement_on_probe": {"n": agree_n, "vote_fast_equals_model_vote": float(np.mean(v_lab == ref_lab)),
                                   "centroid_equals_vote": round(float(np.mean(c_lab == v_lab)), 4),
                                   "vote_per_s_1proc": round(agree_n / t_vote, 1),
                                   "centroid_per_s_1proc": round(agree_n / t_cent, 1)},
            "representatives_of_largest": reps[int(np.argmax(counts))][:3]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--embed-n", type=int, default=2000)
    ap.add_argument("--real", type=int, default=8000, help="real paragraphs embedded (the resampling base)")
    ap.add_argument("--queries", type=int, default=500)
    ap.add_argument("--index-n", type=int, default=1_000_000)
    ap.add_argument("--pq-bytes", type=int, default=96)
    ap.add_argument("--nprobe", type=int, default=32)
    ap.add_argument("--nlist", type=int, default=1024, help="IVF lists (the product's default is 4·√n; fewer here to train in minutes)")
    ap.add_argument("--topics-n", type=int, default=200_000)
    ap.add_argument("--fit-n", type=int, default=20_000)
    ap.add_argument("--only", default="embed,index,topics")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--e5-real", type=int, default=2300, help="e5: real paragraphs embedded (base + two query sets)")
    ap.add_argument("--e5-base", type=int, default=2000, help="e5: of those, the resampling base")
    ap.add_argument("--rule", default="centroid", choices=["vote", "centroid"])
    ap.add_argument("--predict-batch", type=int, default=16384)
    ap.add_argument("--batch-rows", type=int, default=64)
    args = ap.parse_args()
    out = OUT / "cluster"
    out.mkdir(parents=True, exist_ok=True)
    res: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_avg_start": os.getloadavg(),
                 "cpus": os.cpu_count()}
    only = set(args.only.split(","))
    if only & {"embed", "index", "sweep", "topics"}:
        texts, R = real_vectors(args.real + args.queries)
        base, Q = R[: args.real], R[args.real :]
    if "e5embed" in only:
        from index import paragraphs

        res["e5embed"] = bench_embed_e5(paragraphs()[: args.embed_n], out, args.repeats, args.batch_rows)
        print(json.dumps(res["e5embed"]), file=sys.stderr, flush=True)
    if "e5cpu" in only:
        from index import paragraphs

        res["e5cpu"] = bench_embed_e5_cpu(paragraphs()[: args.embed_n], out, args.repeats, args.batch_rows)
        print(json.dumps(res["e5cpu"]["summary"]), file=sys.stderr, flush=True)
    if "embed" in only:
        res["embed"] = bench_embed(texts[: args.embed_n], 2, out)
        print(json.dumps(res["embed"]), file=sys.stderr, flush=True)
    if "index" in only:
        res["index"] = bench_index(resample(base, args.index_n), Q, out, args.pq_bytes, args.nprobe, args.nlist)
        print(json.dumps(res["index"]), file=sys.stderr, flush=True)
    if "sweep" in only:
        res["sweep"] = sweep_index(resample(base, args.index_n), Q, out)
    if "e5index" in only:
        from index import paragraphs

        P = paragraphs()[: args.e5_real]
        E = e5_vectors(P, "gov")
        nb, nq = args.e5_base, (args.e5_real - args.e5_base) // 2
        res["e5index"] = bench_index_e5(E[:nb], E[nb : nb + nq], E[nb + nq : nb + 2 * nq], args.index_n, out,
                                        args.pq_bytes, args.nlist)
        print(json.dumps(res["e5index"]), file=sys.stderr, flush=True)
    if "e5sweep" in only:  # the index bench_index_e5 left on disk, a wider sweep (no rebuild)
        from index import paragraphs

        P = paragraphs()[: args.e5_real]
        E = e5_vectors(P, "gov")
        nb, nq = args.e5_base, (args.e5_real - args.e5_base) // 2
        res["e5sweep"] = query_e5(resample(E[:nb], args.index_n), E[nb : nb + nq], E[nb + nq : nb + 2 * nq],
                                  out / "ivfpq_e5", nprobes=(64, 128, 256, 512), factors=(0, 10, 30, 50, 100))
        res["e5sweep"]["base_real"] = nb
    if "topics10m" in only:
        from index import paragraphs

        P = paragraphs()[: args.e5_real]
        res["topics10m"] = bench_topics_scale(e5_vectors(P, "gov")[: args.e5_base], args.topics_n, args.fit_n,
                                              args.rule, args.predict_batch)
    if "topics" in only:
        res["topics"] = bench_topics(resample(base, args.topics_n, seed=7), out, args.fit_n)
    res["load_avg_end"] = os.getloadavg()
    print(json.dumps(res, ensure_ascii=False))


if __name__ == "__main__":
    main()
