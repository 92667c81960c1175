"""Embedding and index sync: embed every passage not yet embedded, then bring the faiss index up to date.

Part of the pipeline package. Vectors are cached in the store by passage hash + model id (a second run embeds
nothing); the index gains new passage ids, loses vanished ones and is saved atomically with its manifest.

    >>> embed(ws)["passages_embedded"]          # doctest: +SKIP
    1832
"""

from __future__ import annotations

import logging
import time
from typing import Any

from topicmine.errors import IndexMismatchError, TopicmineError
from topicmine.pipeline.workspace import Workspace
from topicmine.progress import progress

logger = logging.getLogger("topicmine")


def embed(ws: Workspace, *, show_progress: bool | None = None, rebuild_index: bool = False) -> dict[str, Any]:
    """Embed every passage not yet embedded by the configured model, then bring the index up to date.

    Vectors are cached by passage content hash + model id, so a second run embeds
    nothing and switching models is safe; the work is saved chunk by chunk, so an
    interrupted run resumes where it stopped. The index is updated incrementally
    (new passage ids added, vanished ones removed) and saved atomically.
    """
    from topicmine.embed import embed_passages

    t0 = time.perf_counter()
    store = ws.store
    embedder = ws.embedder
    model_id = embedder.model_id
    with store.writer_lock():
        missing = store.missing_embeddings(model_id)
        res = embed_passages(
            missing,
            embedder,
            put=lambda hashes, vectors: store.put_embeddings(model_id, hashes, vectors),
            batch_size=ws.settings.embed.batch_size,
            chunk_size=ws.settings.embed.chunk_size,
            show_progress=show_progress,
        )
        t_embed = time.perf_counter() - t0
        index_info = _sync_index(ws, rebuild=rebuild_index, show_progress=show_progress)
    return {
        "model": model_id,
        "precision": getattr(embedder, "info", {}).get("precision"),
        "passages_embedded": int(res["embedded"]),
        "passages_per_s": res.get("passages_per_s"),
        "embed_seconds": round(t_embed, 3),
        "index": index_info,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def _index_manifest(ws: Workspace) -> dict[str, Any]:
    """The caller's facts for the index manifest (dim, count, kind and versions are added by the index)."""
    emb = ws.embedder
    return {
        "model_id": emb.model_id,
        "store_fingerprint": ws.store.fingerprint(),
        "precision": getattr(emb, "info", {}).get("precision"),
    }


def _sync_index(ws: Workspace, *, rebuild: bool = False, show_progress: bool | None = None) -> dict[str, Any]:
    """Add new passages to / remove gone passages from the saved index (rebuild on model change)."""
    import numpy as np

    from topicmine.index import VectorIndex

    s = ws.settings.index
    store = ws.store
    emb = ws.embedder
    rows = [(r.id, r.hash) for r in store.iter_passages()]
    want = {pid: h for pid, h in rows}
    index: VectorIndex | None = None
    if not rebuild:
        try:
            index = VectorIndex.load(ws.index_dir, expect={"model_id": emb.model_id, "dim": int(emb.dim)})
        except (IndexMismatchError, FileNotFoundError, TopicmineError) as exc:
            logger.info("rebuilding index: %s", exc)
            index = None
    if index is None:
        index = VectorIndex(
            int(emb.dim), kind=s.kind, exact_max=s.exact_max, hnsw_m=s.hnsw_m,
            ef_construction=s.ef_construction, ef_search=s.ef_search, nprobe=s.nprobe,
        )
    have = set(int(i) for i in index.ids())
    gone = np.array(sorted(have - want.keys()), dtype=np.int64)
    new_ids = [pid for pid in want if pid not in have]
    if len(gone):
        index.remove(gone)
    chunk = 4096
    for i in progress(range(0, len(new_ids), chunk), desc="index", unit="chunk", show=show_progress):
        ids = new_ids[i : i + chunk]
        vecs = store.get_embeddings(emb.model_id, [want[p] for p in ids])
        index.add(np.asarray(ids, dtype=np.int64), vecs)
    if len(gone) or new_ids or not (ws.index_dir / "manifest.json").is_file():
        index.save(ws.index_dir, _index_manifest(ws))
    return {"count": int(index.ntotal), "added": len(new_ids), "removed": int(len(gone)), "kind": index.built_kind}
