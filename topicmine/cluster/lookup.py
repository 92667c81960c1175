"""Find the cached vector of a content hash across the Parquet parts, from inside any Ray task.

A directory of sorted 16-byte hash keys → (part number, row) — 24 bytes per distinct hash, built once on the
driver and broadcast through the object store (zero-copy numpy on every node) — lets a per-shard task read
exactly the rows it needs from the parts it needs, instead of joining the whole cache.

>>> d = VectorDirectory.build(Path("var/national/vectors/use"))          # doctest: +SKIP
>>> d.get(["9f1c2a…", "04be77…"]).shape                                   # doctest: +SKIP
(2, 512)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from topicmine.cluster.formats import arrow_to_vectors, part_files


@dataclass
class VectorDirectory:
    """Sorted hash keys with the part file and row of each; ``files`` are the part paths."""

    keys: np.ndarray  # S16, sorted, unique
    part: np.ndarray  # int32
    row: np.ndarray  # int32
    files: list[str]

    @classmethod
    def build(cls, vdir: Path) -> VectorDirectory:
        import pyarrow.parquet as pq

        files = [str(f) for f in part_files(vdir)]
        ks, ps, rs = [], [], []
        for i, f in enumerate(files):
            h = np.asarray(pq.read_table(f, columns=["hash"]).column("hash").to_numpy(zero_copy_only=False), dtype="S16")
            ks.append(h)
            ps.append(np.full(len(h), i, dtype=np.int32))
            rs.append(np.arange(len(h), dtype=np.int32))
        if not ks:
            return cls(np.zeros(0, "S16"), np.zeros(0, np.int32), np.zeros(0, np.int32), files)
        k, p, r = np.concatenate(ks), np.concatenate(ps), np.concatenate(rs)
        order = np.lexsort((-p, k))  # per key, the newest part first (a re-embedded hash: either copy is fine)
        k, p, r = k[order], p[order], r[order]
        first = np.ones(len(k), dtype=bool)
        first[1:] = k[1:] != k[:-1]
        return cls(k[first], p[first], r[first], files)

    def __len__(self) -> int:
        return len(self.keys)

    def locate(self, hashes: Sequence[str] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(part, row) of each hash; KeyError names the first hash without a vector."""
        q = np.asarray(hashes, dtype="S16")
        pos = np.searchsorted(self.keys, q)
        pos_c = np.minimum(pos, max(len(self.keys) - 1, 0))
        ok = (len(self.keys) > 0) & (self.keys[pos_c] == q) if len(self.keys) else np.zeros(len(q), bool)
        if not np.all(ok):
            bad = q[~ok][0].decode()
            raise KeyError(f"passage hash {bad} has no cached vector; run `topicmine cluster refresh` to embed it")
        return self.part[pos_c], self.row[pos_c]

    def get(self, hashes: Sequence[str] | np.ndarray) -> np.ndarray:
        """(n, dim) float32 vectors in the order of ``hashes`` (reads only the parts and rows needed)."""
        import pyarrow.parquet as pq

        part, row = self.locate(hashes)
        out: np.ndarray | None = None
        for p in np.unique(part):
            sel = np.flatnonzero(part == p)
            col = pq.read_table(self.files[int(p)], columns=["vector"]).column("vector").take(row[sel])
            V = arrow_to_vectors(col)
            if out is None:
                out = np.empty((len(part), V.shape[1]), dtype=np.float32)
            out[sel] = V
        return out if out is not None else np.zeros((0, 0), dtype=np.float32)
