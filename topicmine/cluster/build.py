"""Build the IVF-PQ index of a corpus on Ray: train once on a seeded sample, one task per shard, merge on disk.

>>> info = build_index(Path("var/national"), model_id, ClusterSettings())      # doctest: +SKIP
>>> info["count"], info["bytes_per_vector"]                                    # doctest: +SKIP
(10000000, 104.3)
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.cluster import ivfpq
from topicmine.cluster.embedding import passage_files, vectors_dir
from topicmine.cluster.formats import model_slug
from topicmine.cluster.lookup import VectorDirectory
from topicmine.config import ClusterSettings


def index_dir(out: Path, model_id: str) -> Path:
    return Path(out) / "index" / model_slug(model_id)


def shard_of(path: Path) -> int:
    return int(Path(path).stem.split("-")[1])


def fill_shard(path: str, vd: Any, trained: str, folder: str) -> dict[str, Any]:
    """One shard's passages → its IVF-PQ block and its float16 copy (a Ray task)."""
    import pyarrow.parquet as pq
    import ray

    if isinstance(vd, ray.ObjectRef):
        vd = ray.get(vd)
    t = pq.read_table(path, columns=["gid", "hash"])
    gids = t.column("gid").to_numpy()
    V = vd.get(t.column("hash").to_numpy(zero_copy_only=False)) if len(gids) else np.zeros((0, 1), np.float32)
    shard = shard_of(Path(path))
    block = Path(folder) / "blocks" / f"shard-{shard:05d}.index"
    n = ivfpq.fill_block(trained, gids, V, str(block)) if len(gids) else 0
    if len(gids):
        ivfpq.write_fp16(Path(folder) / "fp16", shard, gids, V)
    return {"shard": shard, "count": n, "block": str(block) if n else None, "gids": gids}


def build_index(out: Path, model_id: str, cluster: ClusterSettings, *, use_ray: bool = True) -> dict[str, Any]:
    """Full rebuild: train, fill per shard (Ray tasks), ``merge_ondisk``; clears the delta and removals."""
    t0 = time.perf_counter()
    folder = index_dir(out, model_id)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    vd = VectorDirectory.build(vectors_dir(out, model_id))
    files = passage_files(out)
    n_vec = len(vd)
    rng = np.random.default_rng(cluster.seed)
    pick = np.sort(rng.choice(n_vec, min(cluster.train_sample, n_vec), replace=False))
    sample = vd.get(vd.keys[pick])
    import pyarrow.parquet as pq

    n_pass = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    index = ivfpq.train(sample, nlist=cluster.nlist or ivfpq.default_nlist(n_pass), pq_bytes=cluster.pq_bytes,
                        seed=cluster.seed)
    import faiss

    faiss.write_index(index, str(folder / "trained.index"))
    t_train = time.perf_counter() - t0
    if use_ray:
        import ray

        task = ray.remote(num_cpus=1)(fill_shard)
        vref = ray.put(vd)
        parts = ray.get([task.remote(str(f), vref, str(folder / "trained.index"), str(folder)) for f in files])
    else:
        parts = [fill_shard(str(f), vd, str(folder / "trained.index"), str(folder)) for f in files]
    blocks = [Path(p["block"]) for p in parts if p["block"]]
    count = ivfpq.merge_blocks(folder / "trained.index", blocks, folder) if blocks else 0
    np.save(folder / "ids.npy", np.sort(np.concatenate([p["gids"] for p in parts])) if parts else np.zeros(0, np.int64))
    shutil.rmtree(folder / "blocks", ignore_errors=True)  # merged: the lists now live in lists.ivfdata
    ivfpq.write_manifest(folder, model_id=model_id, count=count, nlist=int(index.nlist), pq_m=int(index.pq.M),
                         dim=int(index.d), trained_on=int(len(sample)), seed=cluster.seed)
    return {"count": count, "nlist": int(index.nlist), "pq_m": int(index.pq.M), "train_seconds": round(t_train, 3),
            "seconds": round(time.perf_counter() - t0, 3), **ivfpq.index_bytes(folder)}


def sync_delta(out: Path, model_id: str) -> dict[str, Any]:
    """Nightly: passages not in the index go to the delta index; indexed ones that vanished are filtered."""
    import pyarrow.parquet as pq

    folder = index_dir(out, model_id)
    have = ivfpq.indexed_ids(folder)
    files = passage_files(out)
    t = [pq.read_table(f, columns=["gid", "hash"]) for f in files]
    gids = np.concatenate([x.column("gid").to_numpy() for x in t]) if t else np.zeros(0, np.int64)
    hashes = np.concatenate([np.asarray(x.column("hash").to_numpy(zero_copy_only=False), dtype="S16") for x in t]) \
        if t else np.zeros(0, "S16")
    new = ~np.isin(gids, have)
    gone = np.setdiff1d(have, gids)
    added = 0
    if new.any():
        vd = VectorDirectory.build(vectors_dir(out, model_id))
        added = int(new.sum())
        ivfpq.add_delta(folder, gids[new], vd.get(hashes[new]))
    removed_path = folder / "removed.npy"
    old = np.load(removed_path) if removed_path.is_file() else np.zeros(0, np.int64)
    np.save(removed_path, np.union1d(old, gone))
    idx = ivfpq.ClusterIndex.open(folder)
    return {"added": added, "removed": int(len(gone)), "delta": int(idx.delta.ntotal if idx.delta is not None else 0),
            "count": idx.ntotal, "new_gids": gids[new]}
