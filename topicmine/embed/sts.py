"""Semantic-similarity evaluation: Spearman of cosine vs. gold scores.

Both sides of a pair are embedded with the *query* prompt (e5's recipe for
symmetric tasks). The CLI/file loader lives in ``topicmine.evaluate``.

Example::

    >>> pairs = [("怎么申请低保", "低保如何申请", 1.0), ("怎么申请低保", "今天天气很好", 0.0)]
    >>> sts_spearman(emb, pairs)                     # doctest: +SKIP
    {'spearman': 1.0, 'n': 2, 'model': 'multilingual-e5-small@1571fc982750'}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from topicmine.embed.base import Embedder


def pair_cosines(embedder: Embedder, pairs: Sequence[tuple[str, str, Any]], batch_size: int | None = None) -> np.ndarray:
    """Cosine of each pair (unique sentences embedded once, query prompt)."""
    uniq: dict[str, int] = {}
    for a, b, _ in pairs:
        uniq.setdefault(a, len(uniq))
        uniq.setdefault(b, len(uniq))
    vecs = embedder.encode(list(uniq), kind="query", batch_size=batch_size, show_progress=None)
    ia = np.fromiter((uniq[a] for a, _, _ in pairs), dtype=np.int64, count=len(pairs))
    ib = np.fromiter((uniq[b] for _, b, _ in pairs), dtype=np.int64, count=len(pairs))
    return np.einsum("ij,ij->i", vecs[ia], vecs[ib])


def sts_spearman(embedder: Embedder, pairs: Sequence[tuple[str, str, float]], batch_size: int | None = None) -> dict:
    """``{"spearman": ρ, "n": pairs, "model": model_id}`` — ρ rounded to 4 places."""
    from scipy.stats import spearmanr

    pairs = list(pairs)
    if len(pairs) < 2:
        raise ValueError("need at least 2 scored pairs for a Spearman correlation")
    cos = pair_cosines(embedder, pairs, batch_size=batch_size)
    gold = np.asarray([float(s) for _, _, s in pairs], dtype=np.float64)
    rho = spearmanr(cos, gold).statistic
    return {"spearman": round(float(rho), 4), "n": len(pairs), "model": embedder.model_id}
