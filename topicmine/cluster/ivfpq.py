"""A faiss IVF-PQ index for 10⁷–10⁸ passages: trained once, filled per partition, merged on disk.

Layout of ``<out>/index/<model>/``: ``trained.index`` (the coarse quantizer and PQ codebooks, trained once on
a seeded sample), ``blocks/shard-NNNNN.index`` (one partition's codes with global ids, written by one Ray
task each), ``populated.index`` + ``lists.ivfdata`` (``faiss.contrib.ondisk.merge_ondisk``: the inverted
lists live in one memory-mapped file), ``fp16/shard-NNNNN.{ids,f16}.npy`` (a float16 copy per shard to
re-rank the PQ candidates exactly), ``delta.index`` (an exact in-memory index of the nightly additions,
merged into a rebuild later) and ``removed.npy`` (global ids whose passage is gone: filtered at search).

Bytes per vector in the merged index: ``pq_bytes`` codes + an 8-byte id (384-d e5-small, 96 bytes → 104).

>>> idx = ClusterIndex.open(Path("var/national/index/e5-small"))          # doctest: +SKIP
>>> scores, gids = idx.search(query_vectors, 10)                          # doctest: +SKIP
>>> [split_global_id(g) for g in gids[0][:2]]                             # doctest: +SKIP
[(3, 1024), (17, 88)]
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.cluster.formats import SHARD_SHIFT, write_json_atomic


def pq_m(dim: int, pq_bytes: int) -> int:
    """Sub-quantizers: the largest divisor of ``dim`` not above ``pq_bytes`` (8-bit codes: 1 byte each).

    >>> pq_m(384, 96), pq_m(512, 96)
    (96, 64)
    """
    return max(m for m in range(1, min(dim, pq_bytes) + 1) if dim % m == 0)


def default_nlist(n: int) -> int:
    """4·√n inverted lists, within [16, 65 536] (the faiss guideline for 10⁶–10⁸ vectors)."""
    return int(np.clip(4 * np.sqrt(max(n, 1)), 16, 65_536))


def train(sample: np.ndarray, *, nlist: int, pq_bytes: int = 96, seed: int = 42) -> Any:
    """An empty IVF-PQ (inner product) trained on ``sample`` (L2-normalised float32 rows)."""
    import faiss

    x = np.ascontiguousarray(sample, dtype=np.float32)
    d = x.shape[1]
    nlist = int(min(nlist, max(1, len(x) // 39)))  # faiss wants ≥ 39 training points per list
    index = faiss.IndexIVFPQ(faiss.IndexFlatIP(d), d, nlist, pq_m(d, pq_bytes), 8, faiss.METRIC_INNER_PRODUCT)
    index.cp.seed = seed
    index.pq.cp.seed = seed
    # a small corpus trains on fewer points than faiss's 39 per centroid: say nothing, it is expected there
    index.cp.min_points_per_centroid = min(39, max(1, len(x) // nlist))
    index.pq.cp.min_points_per_centroid = min(39, max(1, len(x) // 256))
    index.train(x)
    return index


def fill_block(trained_path: str, ids: np.ndarray, vectors: np.ndarray, block_path: str) -> int:
    """Add one partition (global ids + vectors) to a copy of the trained index and write it (a Ray task)."""
    import faiss

    index = faiss.read_index(str(trained_path))
    index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.ascontiguousarray(ids, dtype=np.int64))
    Path(block_path).parent.mkdir(parents=True, exist_ok=True)
    tmp = f"{block_path}.tmp"
    faiss.write_index(index, tmp)
    Path(tmp).replace(block_path)
    return int(index.ntotal)


def merge_blocks(trained_path: Path, block_paths: Sequence[Path], out_dir: Path) -> int:
    """``merge_ondisk`` the blocks into ``populated.index`` + ``lists.ivfdata`` (OnDiskInvertedLists)."""
    import faiss
    from faiss.contrib.ondisk import merge_ondisk

    out_dir = Path(out_dir)
    index = faiss.read_index(str(trained_path))
    ivfdata = out_dir / "lists.ivfdata"
    ivfdata.unlink(missing_ok=True)
    merge_ondisk(index, [str(p) for p in block_paths], str(ivfdata))
    faiss.write_index(index, str(out_dir / "populated.index"))
    return int(index.ntotal)


def write_fp16(folder: Path, shard: int, ids: np.ndarray, vectors: np.ndarray) -> None:
    """The float16 copy of one shard, sorted by global id (re-ranking looks rows up by binary search)."""
    order = np.argsort(ids, kind="stable")
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / f"shard-{shard:05d}.ids.npy", np.asarray(ids, dtype=np.int64)[order])
    np.save(folder / f"shard-{shard:05d}.f16.npy", np.asarray(vectors, dtype=np.float16)[order])


class ClusterIndex:
    """Search the merged IVF-PQ (re-ranked in float16) together with the delta index, minus removed ids."""

    def __init__(self, folder: Path, main: Any, delta: Any, removed: np.ndarray, nprobe: int, rerank_factor: int) -> None:
        self.folder = Path(folder)
        self.main = main
        self.delta = delta
        self.removed = removed
        self.nprobe = nprobe
        self.rerank_factor = rerank_factor
        self._fp16: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        if main is not None:
            main.nprobe = nprobe

    @classmethod
    def open(cls, folder: Path, *, nprobe: int = 32, rerank_factor: int = 30) -> ClusterIndex:
        import faiss

        folder = Path(folder)
        main = None
        if (folder / "populated.index").is_file():
            main = faiss.read_index(str(folder / "populated.index"), faiss.IO_FLAG_ONDISK_SAME_DIR)
        delta = faiss.read_index(str(folder / "delta.index")) if (folder / "delta.index").is_file() else None
        removed = np.load(folder / "removed.npy") if (folder / "removed.npy").is_file() else np.zeros(0, np.int64)
        return cls(folder, main, delta, np.sort(removed), nprobe, rerank_factor)

    @property
    def ntotal(self) -> int:
        return int((self.main.ntotal if self.main is not None else 0) + (self.delta.ntotal if self.delta is not None else 0))

    def fp16_vectors(self, gids: np.ndarray) -> np.ndarray:
        """float32 copies of the float16 vectors of ``gids`` (NaN rows where a gid is unknown)."""
        out = np.full((len(gids), self._dim()), np.nan, dtype=np.float32)
        shards = np.asarray(gids, dtype=np.int64) >> SHARD_SHIFT
        for s in np.unique(shards):
            ids, vecs = self._shard(int(s))
            if ids is None:
                continue
            sel = np.flatnonzero(shards == s)
            pos = np.searchsorted(ids, gids[sel])
            pos = np.minimum(pos, len(ids) - 1)
            ok = ids[pos] == gids[sel]
            out[sel[ok]] = vecs[pos[ok]].astype(np.float32)
        return out

    def _dim(self) -> int:
        return int(self.main.d if self.main is not None else self.delta.d)

    def _shard(self, s: int) -> tuple[np.ndarray | None, np.ndarray | None]:
        if s not in self._fp16:
            f_ids = self.folder / "fp16" / f"shard-{s:05d}.ids.npy"
            if not f_ids.is_file():
                return None, None
            self._fp16[s] = (np.load(f_ids), np.load(self.folder / "fp16" / f"shard-{s:05d}.f16.npy", mmap_mode="r"))
        return self._fp16[s]

    def search(self, q: np.ndarray, k: int, *, rerank: bool | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, global ids), each (len(q), k), best first; -1 ids where fewer than k exist."""
        q = np.ascontiguousarray(q, dtype=np.float32)
        nq = len(q)
        rerank = (self.rerank_factor > 0) if rerank is None else rerank
        cand_s, cand_i = [], []
        if self.main is not None and self.main.ntotal:
            kk = k * max(self.rerank_factor, 1) if rerank else k
            kk += len(self.removed)  # removed ids are filtered out afterwards
            D, I = self.main.search(q, int(min(kk, self.main.ntotal)))
            if rerank:
                flat = I.reshape(-1)
                V = self.fp16_vectors(np.where(flat >= 0, flat, 0)).reshape(nq, I.shape[1], -1)
                D = np.einsum("qkd,qd->qk", V, q)
                D = np.where((I >= 0) & np.isfinite(D), D, -np.inf)
            cand_s.append(D)
            cand_i.append(I)
        if self.delta is not None and self.delta.ntotal:
            D, I = self.delta.search(q, int(min(k + len(self.removed), self.delta.ntotal)))
            cand_s.append(D)
            cand_i.append(I)
        if not cand_s:
            return np.full((nq, k), -np.inf, dtype=np.float32), np.full((nq, k), -1, dtype=np.int64)
        S = np.concatenate(cand_s, axis=1).astype(np.float32)
        ids = np.concatenate(cand_i, axis=1)
        S[ids < 0] = -np.inf
        if len(self.removed):
            S[np.isin(ids, self.removed)] = -np.inf
        order = np.argsort(-S, axis=1, kind="stable")[:, :k]
        S = np.take_along_axis(S, order, axis=1)
        ids = np.take_along_axis(ids, order, axis=1)
        ids[~np.isfinite(S)] = -1
        if S.shape[1] < k:
            pad = k - S.shape[1]
            S = np.pad(S, ((0, 0), (0, pad)), constant_values=-np.inf)
            ids = np.pad(ids, ((0, 0), (0, pad)), constant_values=-1)
        return S, ids


def add_delta(folder: Path, gids: np.ndarray, vectors: np.ndarray) -> int:
    """Add nightly vectors to the exact in-memory delta index (kept as ``delta.index``); returns its size."""
    import faiss

    folder = Path(folder)
    path = folder / "delta.index"
    d = int(vectors.shape[1])
    index = faiss.read_index(str(path)) if path.is_file() else faiss.IndexIDMap2(faiss.IndexFlatIP(d))
    if len(gids):
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(gids, dtype=np.int64))
        tmp = folder / "delta.index.tmp"
        faiss.write_index(index, str(tmp))
        tmp.replace(path)
    return int(index.ntotal)


def indexed_ids(folder: Path) -> np.ndarray:
    """Sorted global ids in the index (main + delta), from ``ids.npy`` and the delta."""
    import faiss

    folder = Path(folder)
    parts = [np.load(folder / "ids.npy")] if (folder / "ids.npy").is_file() else []
    if (folder / "delta.index").is_file():
        parts.append(faiss.vector_to_array(faiss.read_index(str(folder / "delta.index")).id_map).astype(np.int64))
    return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)


def index_bytes(folder: Path) -> dict[str, Any]:
    """Sizes on disk: the merged lists, the quantizer/codebooks, the float16 copy, per vector."""
    folder = Path(folder)
    n = int(json.loads((folder / "manifest.json").read_text())["count"]) if (folder / "manifest.json").is_file() else 0
    size = lambda p: p.stat().st_size if p.is_file() else 0  # noqa: E731
    lists = size(folder / "lists.ivfdata")
    head = size(folder / "populated.index")
    fp16 = sum(size(p) for p in (folder / "fp16").glob("*.npy")) if (folder / "fp16").is_dir() else 0
    return {"count": n, "lists_bytes": lists, "header_bytes": head, "fp16_bytes": fp16,
            "bytes_per_vector": round((lists + head) / n, 1) if n else None,
            "fp16_bytes_per_vector": round(fp16 / n, 1) if n else None}


def write_manifest(folder: Path, **facts: Any) -> None:
    write_json_atomic(Path(folder) / "manifest.json", {**facts, "written": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
