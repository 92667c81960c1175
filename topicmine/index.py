"""faiss vector index over passage vectors (ids = passage row ids), saved atomically
with a JSON manifest that is checked on load.

* ``kind="auto"``: exact inner product (``IndexIDMap2`` over ``IndexFlatIP``) up to
  ``exact_max`` vectors; when an ``add`` crosses it, the index is rebuilt as HNSW
  (``IndexHNSWFlat``, inner product) from the stored vectors. ``"flat"``, ``"hnsw"``
  and ``"ivf"`` (``IndexIVFFlat``) force one kind.
* vectors should be L2-normalised (inner product = cosine), as every embedder returns.
* ``save(dir, manifest)`` writes ``index.faiss`` and ``manifest.json`` through temp
  files in the same folder + ``os.replace``; ``load(dir, expect)`` raises
  ``IndexMismatchError`` naming the field that differs and how to rebuild.
  faiss's own binary format and JSON — never pickle.

Example::

    >>> import numpy as np
    >>> idx = VectorIndex(dim=4)
    >>> idx.add(np.array([10, 11]), np.eye(4, dtype=np.float32)[:2])
    >>> scores, ids = idx.search(np.eye(4, dtype=np.float32)[:1], k=1)
    >>> ids.tolist()
    [[10]]
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.errors import IndexMismatchError, InputError

INDEX_FILE = "index.faiss"
MANIFEST_FILE = "manifest.json"
FORMAT_VERSION = 1
REBUILD_HINT = "run `topicmine embed` (or `topicmine refresh`) to rebuild"

logger = logging.getLogger("topicmine")


def _faiss() -> Any:
    import faiss

    return faiss


class VectorIndex:
    """Inner-product index with int64 ids; exact below ``exact_max``, approximate above.

    ``__init__`` only stores parameters (scikit-learn style); the faiss index is
    created on the first ``add``.
    """

    def __init__(
        self,
        dim: int,
        kind: str = "auto",
        exact_max: int = 200_000,
        hnsw_m: int = 32,
        ef_construction: int = 80,
        ef_search: int = 128,
        nprobe: int = 16,
    ) -> None:
        if kind not in ("auto", "flat", "hnsw", "ivf"):
            raise ValueError(f"kind must be auto, flat, hnsw or ivf, not {kind!r}")
        self.dim = int(dim)
        self.kind = kind
        self.exact_max = int(exact_max)
        self.hnsw_m = int(hnsw_m)
        self.ef_construction = int(ef_construction)
        self.ef_search = int(ef_search)
        self.nprobe = int(nprobe)
        self._index: Any = None
        self._built_kind: str | None = None  # "flat" | "hnsw" | "ivf"
        self.build_seconds_: float = 0.0

    @classmethod
    def from_settings(cls, dim: int, settings: Any) -> VectorIndex:
        """From an ``IndexSettings`` section."""
        return cls(
            dim, kind=settings.kind, exact_max=settings.exact_max, hnsw_m=settings.hnsw_m,
            ef_construction=settings.ef_construction, ef_search=settings.ef_search, nprobe=settings.nprobe,
        )

    # ---- properties ---------------------------------------------------------------------
    @property
    def ntotal(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    def __len__(self) -> int:
        return self.ntotal

    @property
    def built_kind(self) -> str:
        """What the index is right now: ``flat``, ``hnsw`` or ``ivf`` (``flat`` while empty)."""
        return self._built_kind or "flat"

    def memory_bytes(self) -> int:
        """Serialised size of the faiss index (≈ its memory)."""
        if self._index is None:
            return 0
        faiss = _faiss()
        with tempfile.TemporaryDirectory() as d:
            faiss.write_index(self._index, os.path.join(d, "i"))
            return os.path.getsize(os.path.join(d, "i"))

    # ---- building -----------------------------------------------------------------------
    def _target_kind(self, n: int) -> str:
        if self.kind != "auto":
            return self.kind
        return "flat" if n <= self.exact_max else "hnsw"

    def _new_index(self, kind: str, train: np.ndarray | None = None) -> Any:
        """Flat and HNSW sit inside ``IndexIDMap2``; IVF keeps ids itself (a hashtable
        direct map, so remove/reconstruct by id work without renumbering)."""
        faiss = _faiss()
        if kind == "ivf":
            n = 0 if train is None else len(train)
            nlist = max(1, min(int(4 * np.sqrt(max(n, 1))), max(1, n // 39)))
            quantizer = faiss.IndexFlatIP(self.dim)
            ivf = faiss.IndexIVFFlat(quantizer, self.dim, nlist, faiss.METRIC_INNER_PRODUCT)
            if train is not None and len(train):
                ivf.train(train)
            ivf.set_direct_map_type(faiss.DirectMap.Hashtable)
            ivf.nprobe = min(self.nprobe, nlist)
            return ivf
        if kind == "flat":
            inner = faiss.IndexFlatIP(self.dim)
        else:
            inner = faiss.IndexHNSWFlat(self.dim, self.hnsw_m, faiss.METRIC_INNER_PRODUCT)
            inner.hnsw.efConstruction = self.ef_construction
            inner.hnsw.efSearch = self.ef_search
        return faiss.IndexIDMap2(inner)

    def _is_ivf(self) -> bool:
        return self._built_kind == "ivf"

    def ids(self) -> np.ndarray:
        """All ids in the index (int64)."""
        faiss = _faiss()
        if self._index is None or self._index.ntotal == 0:
            return np.zeros(0, dtype=np.int64)
        if self._is_ivf():
            inv = self._index.invlists
            parts = [
                faiss.rev_swig_ptr(inv.get_ids(lst), inv.list_size(lst)).copy()
                for lst in range(inv.nlist)
                if inv.list_size(lst)
            ]
            return np.concatenate(parts).astype(np.int64)
        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def _all_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        """(ids, vectors) currently stored."""
        if self._index is None or self._index.ntotal == 0:
            return np.zeros(0, dtype=np.int64), np.zeros((0, self.dim), dtype=np.float32)
        ids = self.ids()
        if self._is_ivf():
            vecs = self._index.reconstruct_batch(ids)
        else:
            inner = _faiss().downcast_index(self._index.index)
            vecs = inner.reconstruct_n(0, int(inner.ntotal))
        return ids, np.ascontiguousarray(vecs, dtype=np.float32)

    def _rebuild(self, kind: str, ids: np.ndarray, vecs: np.ndarray) -> None:
        t0 = time.perf_counter()
        train = None
        if kind == "ivf":
            rng = np.random.default_rng(0)
            take = rng.choice(len(vecs), size=min(len(vecs), 100_000), replace=False) if len(vecs) else []
            train = vecs[np.sort(take)] if len(vecs) else None
        index = self._new_index(kind, train)
        if len(ids):
            index.add_with_ids(vecs, ids)
        self._index = index
        self._built_kind = kind
        self.build_seconds_ = time.perf_counter() - t0

    def _check(self, ids: Any, vectors: Any) -> tuple[np.ndarray, np.ndarray]:
        ids = np.ascontiguousarray(np.asarray(ids).reshape(-1), dtype=np.int64)
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.ndim == 1:
            vectors = vectors[None, :]
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise InputError(f"vectors must have shape (n, {self.dim}), got {vectors.shape}")
        if len(ids) != len(vectors):
            raise InputError(f"{len(ids)} ids for {len(vectors)} vectors")
        if len(np.unique(ids)) != len(ids):
            raise InputError("duplicate ids in one add() call")
        return ids, np.ascontiguousarray(vectors)

    def add(self, ids: Any, vectors: Any) -> None:
        """Add (or replace) vectors under int64 ``ids``.

        Crossing ``exact_max`` (kind ``auto``) rebuilds the index as HNSW from the
        stored vectors plus the new ones.
        """
        ids, vectors = self._check(ids, vectors)
        if len(ids) == 0:
            return
        if self._index is not None and self.ntotal:
            present = np.isin(ids, self.ids())
            if present.any():
                self.remove(ids[present])
        n_after = self.ntotal + len(ids)
        target = self._target_kind(n_after)
        if self._index is None or (target != self._built_kind and self.kind == "auto"):
            old_ids, old_vecs = self._all_vectors()
            self._rebuild(target, np.concatenate([old_ids, ids]), np.concatenate([old_vecs, vectors]))
            return
        if self._is_ivf() and not self._index.is_trained:
            old_ids, old_vecs = self._all_vectors()
            self._rebuild("ivf", np.concatenate([old_ids, ids]), np.concatenate([old_vecs, vectors]))
            return
        self._index.add_with_ids(vectors, ids)

    def remove(self, ids: Any) -> int:
        """Remove ``ids`` (absent ones are ignored); returns how many were removed.

        Flat and IVF remove in place; HNSW cannot, so it is rebuilt without them
        (kind ``auto`` drops back to exact when the count falls to ``exact_max``).
        """
        if self._index is None or self.ntotal == 0:
            return 0
        ids = np.ascontiguousarray(np.asarray(ids).reshape(-1), dtype=np.int64)
        if len(ids) == 0:
            return 0
        before = self.ntotal
        if self._built_kind == "hnsw":
            all_ids, vecs = self._all_vectors()
            keep = ~np.isin(all_ids, ids)
            if keep.all():
                return 0
            self._rebuild(self._target_kind(int(keep.sum())), all_ids[keep], vecs[keep])
            return before - self.ntotal
        faiss = _faiss()
        if self._is_ivf():  # the hashtable direct map needs an explicit id array
            ids = ids[np.isin(ids, self.ids())]
            if len(ids) == 0:
                return 0
            return int(self._index.remove_ids(faiss.IDSelectorArray(len(ids), faiss.swig_ptr(ids))))
        return int(self._index.remove_ids(faiss.IDSelectorBatch(len(ids), faiss.swig_ptr(ids))))

    # ---- querying -----------------------------------------------------------------------
    def _queries(self, q: Any) -> np.ndarray:
        q = np.asarray(q, dtype=np.float32)
        if q.ndim == 1:
            q = q[None, :]
        if q.ndim != 2 or q.shape[1] != self.dim:
            raise InputError(f"queries must have shape (n, {self.dim}), got {q.shape}")
        return np.ascontiguousarray(q)

    def _set_search_params(self) -> None:
        if self._built_kind == "hnsw":
            _faiss().downcast_index(self._index.index).hnsw.efSearch = self.ef_search
        elif self._is_ivf():
            self._index.nprobe = min(self.nprobe, self._index.nlist)

    def search(self, q: Any, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-``k`` by inner product: ``(scores (nq,k) float32, ids (nq,k) int64)``,
        padded with score ``-inf`` / id ``-1`` when fewer than ``k`` exist."""
        q = self._queries(q)
        k = int(k)
        if k < 1:
            raise InputError("k must be ≥ 1")
        if self.ntotal == 0:
            return np.full((len(q), k), -np.inf, dtype=np.float32), np.full((len(q), k), -1, dtype=np.int64)
        self._set_search_params()
        scores, ids = self._index.search(q, k)
        scores = scores.astype(np.float32)
        scores[ids < 0] = -np.inf
        return scores, ids.astype(np.int64)

    def range_search(self, q: Any, threshold: float) -> list[tuple[np.ndarray, np.ndarray]]:
        """Every stored vector with inner product ≥ ``threshold``, per query:
        a list of ``(ids, scores)`` sorted by descending score (approximate for HNSW/IVF)."""
        q = self._queries(q)
        if self.ntotal == 0:
            return [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)) for _ in range(len(q))]
        self._set_search_params()
        # faiss keeps results with score > radius for inner product; step just below threshold
        radius = float(np.nextafter(np.float32(threshold), np.float32(-np.inf)))
        lims, dist, labels = self._index.range_search(q, radius)
        out = []
        for i in range(len(q)):
            d = dist[lims[i] : lims[i + 1]].astype(np.float32)
            ids = labels[lims[i] : lims[i + 1]].astype(np.int64)
            keep = d >= threshold
            d, ids = d[keep], ids[keep]
            order = np.argsort(-d, kind="stable")
            out.append((ids[order], d[order]))
        return out

    # ---- persistence --------------------------------------------------------------------
    def manifest(self, extra: dict[str, Any] | None = None) -> dict[str, Any]:
        from topicmine import __version__

        m: dict[str, Any] = dict(extra or {})
        m.update(
            format_version=FORMAT_VERSION,
            topicmine_version=__version__,
            dim=self.dim,
            count=self.ntotal,
            kind=self.built_kind,
            params={
                "kind": self.kind, "exact_max": self.exact_max, "hnsw_m": self.hnsw_m,
                "ef_construction": self.ef_construction, "ef_search": self.ef_search, "nprobe": self.nprobe,
            },
            saved=_dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        )
        return m

    def save(self, directory: Path | str, manifest: dict[str, Any] | None = None) -> Path:
        """Write ``index.faiss`` + ``manifest.json`` into ``directory`` atomically.

        ``manifest`` carries the caller's facts (``model_id``, ``store_fingerprint``,
        ``precision`` …); dim, count, kind and versions are added here. Each file goes
        to a temp file in the same folder and is ``os.replace``d; the manifest last, and it
        records the index file's size and sha256. Two replaces are not one atomic step, so
        the pair in effect is first hard-linked to ``*.prev``: a save killed between the
        two replaces leaves the new index beside the old manifest, and ``load`` then reads
        the ``.prev`` pair — the old complete index. Temp files of a killed save and the
        ``.prev`` links are removed by the next save.
        """
        faiss = _faiss()
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(directory)
        index = self._index if self._index is not None else self._new_index("flat")
        m = self.manifest(manifest)
        index_path, manifest_path = directory / INDEX_FILE, directory / MANIFEST_FILE
        fd, tmp = tempfile.mkstemp(prefix=f".{INDEX_FILE}.", suffix=".tmp", dir=directory)
        os.close(fd)
        try:
            faiss.write_index(index, tmp)
            with open(tmp, "rb+") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            m["index_bytes"] = os.path.getsize(tmp)
            m["index_sha256"] = _sha256(Path(tmp))
            if index_path.is_file() and manifest_path.is_file():
                for p in (index_path, manifest_path):  # keep the pair in effect reachable
                    prev = p.with_name(p.name + PREV_SUFFIX)
                    prev.unlink(missing_ok=True)
                    os.link(p, prev)
            os.replace(tmp, index_path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        _atomic_write(manifest_path, json.dumps(m, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"))
        for p in (index_path, manifest_path):
            p.with_name(p.name + PREV_SUFFIX).unlink(missing_ok=True)
        return directory

    @staticmethod
    def read_manifest(directory: Path | str) -> dict[str, Any]:
        p = Path(directory) / MANIFEST_FILE
        if not p.is_file():
            raise IndexMismatchError(f"{p}: no saved index here; {REBUILD_HINT}")
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexMismatchError(f"{p}: unreadable index manifest ({exc}); {REBUILD_HINT}") from exc

    @classmethod
    def load(cls, directory: Path | str, expect: dict[str, Any] | None = None) -> VectorIndex:
        """Load a saved index, checking every key of ``expect`` against its manifest.

        >>> VectorIndex.load("var/artifacts/index", expect={"model_id": "bge-small-zh@0a1b"})  # doctest: +SKIP
        Traceback (most recent call last):
        topicmine.errors.IndexMismatchError: var/artifacts/index: index manifest field 'model_id' is
        'multilingual-e5-small@1571fc982750' but 'bge-small-zh@0a1b' is expected; run `topicmine embed` …
        """
        faiss = _faiss()
        directory = Path(directory)
        m = cls.read_manifest(directory)
        if m.get("format_version") != FORMAT_VERSION:
            raise IndexMismatchError(
                f"{directory}: index format_version {m.get('format_version')!r} is not {FORMAT_VERSION}; {REBUILD_HINT}"
            )
        for key, want in (expect or {}).items():
            have = m.get(key, "<missing>")
            if have != want:
                raise IndexMismatchError(
                    f"{directory}: index manifest field {key!r} is {have!r} but {want!r} is expected; {REBUILD_HINT}"
                )
        path = directory / INDEX_FILE
        if not path.is_file():
            raise IndexMismatchError(f"{path}: index file missing; {REBUILD_HINT}")
        problem = _pair_problem(path, m)
        if problem:
            # a save killed between its two replaces: the previous complete pair is kept as *.prev
            prev_index = directory / (INDEX_FILE + PREV_SUFFIX)
            prev_manifest = directory / (MANIFEST_FILE + PREV_SUFFIX)
            prev_m: dict[str, Any] | None = None
            if prev_index.is_file() and prev_manifest.is_file():
                try:
                    prev_m = json.loads(prev_manifest.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    prev_m = None
            if prev_m is None or _pair_problem(prev_index, prev_m) or any(
                prev_m.get(k, "<missing>") != want for k, want in (expect or {}).items()
            ):
                raise IndexMismatchError(f"{path}: {problem} (interrupted save?); {REBUILD_HINT}")
            path, m = prev_index, prev_m
        try:
            index = faiss.read_index(str(path))
        except RuntimeError as exc:
            raise IndexMismatchError(f"{path}: corrupt faiss index ({exc}); {REBUILD_HINT}") from exc
        params = m.get("params", {})
        obj = cls(int(m["dim"]), **{k: v for k, v in params.items() if k in (
            "kind", "exact_max", "hnsw_m", "ef_construction", "ef_search", "nprobe")})
        if index.d != obj.dim:
            raise IndexMismatchError(f"{path}: index dim {index.d} ≠ manifest dim {obj.dim}; {REBUILD_HINT}")
        if int(index.ntotal) != int(m.get("count", -1)):
            raise IndexMismatchError(
                f"{path}: index holds {index.ntotal} vectors but the manifest says {m.get('count')}; {REBUILD_HINT}"
            )
        obj._index = index
        obj._built_kind = m.get("kind", "flat")
        return obj

    def __repr__(self) -> str:
        return f"VectorIndex(dim={self.dim}, kind={self.kind!r}, built={self.built_kind!r}, ntotal={self.ntotal})"


PREV_SUFFIX = ".prev"


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _pair_problem(index_path: Path, m: dict[str, Any]) -> str | None:
    """Why ``index_path`` is not the file ``m`` describes (size, then sha256), or None."""
    size = index_path.stat().st_size
    if "index_bytes" in m and size != m["index_bytes"]:
        return f"index file has {size} bytes but the manifest says {m['index_bytes']}"
    if "index_sha256" in m and _sha256(index_path) != m["index_sha256"]:
        return "index file's sha256 differs from the manifest's"
    return None


def _remove_leftovers(directory: Path) -> None:
    """Temp files of a save that was killed (one writer at a time: the workdir lock)."""
    for p in directory.iterdir():
        if p.name.startswith((f".{INDEX_FILE}.", f".{MANIFEST_FILE}.")) and p.name.endswith(".tmp"):
            try:
                p.unlink()
            except OSError as exc:  # a stale temp file only takes space; the save that follows still works
                logger.warning("could not remove the leftover %s: %s", p, exc)


def _atomic_write(path: Path, data: bytes) -> None:
    """The manifest through the one atomic write (temp file, fsync, ``os.replace``, folder fsync)."""
    from topicmine.atomic import write_bytes_atomic

    write_bytes_atomic(path, data)
