"""The one faiss k-nearest-neighbour builder: exact inner product for small sets, IVF above a size.

Topic graphs (``topics.cluster.knn_graph`` and the topic vote), dedup's semantic candidates
(``dedup.candidates``) and the Ray engine's block search (``cluster.dedup``) all build their neighbour
index here, so "exact or IVF", the number of inverted lists, the training sample and the seed are decided
in one place. Rows are expected L2-normalised (inner product = cosine). This is an in-memory helper for
all-pairs neighbour search; the persistent, id-mapped search index of a workdir is
:class:`topicmine.index.VectorIndex`.

Example::

    >>> import numpy as np
    >>> X = np.eye(4, dtype=np.float32)                         # 四个互不相似的段落向量
    >>> S, I = knn_search(X, 2)
    >>> I[:, 0].tolist()                                         # 每行最近的是它自己
    [0, 1, 2, 3]
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: rows an exact (flat) index handles before IVF takes over, unless the caller says otherwise
EXACT_MAX = 200_000
#: inverted lists searched per query: recall ≈ 0.95 for 4·√n lists on e5 vectors
NPROBE = 16


def ivf_nlist(n: int) -> int:
    """Inverted lists for ``n`` rows: 4·√n (the faiss guideline), at least 1.

    >>> ivf_nlist(250_000)
    2000
    """
    return max(1, int(4 * np.sqrt(max(n, 1))))


def knn_index(X: np.ndarray, *, exact_max: int | None = EXACT_MAX, nprobe: int = NPROBE, seed: int = 0,
              train_sample: int | None = None) -> Any:
    """A filled faiss inner-product index over the rows of ``X``.

    Exact (``IndexFlatIP``) up to ``exact_max`` rows (``None``: always exact); above, ``IndexIVFFlat`` with
    :func:`ivf_nlist` lists, its coarse quantiser trained with ``seed`` (so the neighbours are reproducible)
    on all rows or on a fixed-seed sample of ``train_sample`` rows, and searched with ``nprobe`` lists.

    >>> knn_index(np.eye(3, dtype=np.float32)).ntotal            # 三个向量，精确检索
    3
    """
    import faiss

    x = np.ascontiguousarray(X, dtype=np.float32)
    n, d = x.shape
    if exact_max is None or n <= exact_max:
        index = faiss.IndexFlatIP(d)
    else:
        nlist = ivf_nlist(n)
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = int(seed) % (2**31)
        if train_sample is not None and train_sample < n:
            index.train(x[np.random.default_rng(seed).choice(n, train_sample, replace=False)])
        else:
            index.train(x)
        index.nprobe = nprobe
    index.add(x)
    return index


def knn_search(X: np.ndarray, k: int, *, queries: np.ndarray | None = None, exact_max: int | None = EXACT_MAX,
               nprobe: int = NPROBE, seed: int = 0, train_sample: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(scores, ids)`` of the ``k`` rows of ``X`` most similar to each query (default: the rows of ``X``
    themselves, so each row's first neighbour is normally itself); ``k`` is capped at ``len(X)``, missing
    neighbours of an IVF search are id -1. See :func:`knn_index` for the index.

    >>> X = np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32)   # 托育、养老、交通三段
    >>> knn_search(X, 2)[1].tolist()
    [[0, 1], [1, 0], [2, 1]]
    """
    index = knn_index(X, exact_max=exact_max, nprobe=nprobe, seed=seed, train_sample=train_sample)
    q = X if queries is None else queries
    return index.search(np.ascontiguousarray(q, dtype=np.float32), max(1, min(int(k), len(X))))
