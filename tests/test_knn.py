"""The one faiss kNN builder (topicmine/knn.py) and the callers that moved onto it give the same neighbours.

The references below are the builders the topic graph and dedup candidates carried before (copied here
verbatim, faiss calls only), so "same results" is checked on both the exact and the IVF path.
"""

from __future__ import annotations

import numpy as np
import pytest

from topicmine.knn import ivf_nlist, knn_index, knn_search


def _unit(n: int, d: int = 24, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, d)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def _old_topics_knn(X: np.ndarray, k: int, seed: int, exact_max: int) -> tuple[np.ndarray, np.ndarray]:
    import faiss

    n, d = X.shape
    Xc = np.ascontiguousarray(X, dtype=np.float32)
    if n <= exact_max:
        index = faiss.IndexFlatIP(d)
    else:
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(d), d, int(4 * np.sqrt(n)), faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = int(seed) % (2**31)
        index.train(Xc)
        index.nprobe = 16
    index.add(Xc)
    return index.search(Xc, k + 1)


def test_exact_search_matches_brute_force() -> None:
    X = _unit(500)
    S, I = knn_search(X, 6)
    sims = X @ X.T
    want = np.argsort(-sims, axis=1, kind="stable")[:, :6]
    assert (I[:, 0] == np.arange(500)).all()  # each row's nearest is itself
    np.testing.assert_allclose(S, np.take_along_axis(sims, want, axis=1), rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("exact_max", [10_000, 1_000])  # exact path, IVF path
def test_topic_graph_neighbours_unchanged(exact_max: int) -> None:
    X = _unit(3000)
    S_old, I_old = _old_topics_knn(X, 10, seed=7, exact_max=exact_max)
    S_new, I_new = knn_search(X, 11, exact_max=exact_max, seed=7)
    assert (I_new == I_old).all()
    np.testing.assert_array_equal(S_new, S_old)


def test_ivf_is_reproducible_and_close_to_exact() -> None:
    X = _unit(4000)
    _, I1 = knn_search(X, 10, exact_max=1000, seed=3, train_sample=50 * ivf_nlist(4000))
    _, I2 = knn_search(X, 10, exact_max=1000, seed=3, train_sample=50 * ivf_nlist(4000))
    _, Ie = knn_search(X, 10, exact_max=None)
    assert (I1 == I2).all()
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(I1, Ie)])
    assert recall > 0.5, recall  # random 24-d vectors are the hard case for IVF; e5 vectors reach ≈ 0.95


def test_index_kind_follows_size() -> None:
    assert type(knn_index(_unit(50), exact_max=100)).__name__ == "IndexFlatIP"
    assert type(knn_index(_unit(2000), exact_max=100)).__name__ == "IndexIVFFlat"
    assert type(knn_index(_unit(2000), exact_max=None)).__name__ == "IndexFlatIP"


def test_callers_use_the_builder() -> None:
    # the topic graph and dedup's semantic candidates over the same vectors agree on who is near whom
    from topicmine.dedup.candidates import semantic_candidates
    from topicmine.topics.cluster import knn_graph

    X = _unit(300, seed=5)
    A = knn_graph(X, 5).tocoo()
    graph_pairs = {(min(i, j), max(i, j)) for i, j in zip(A.row, A.col)}
    cand = semantic_candidates(X, k=5)
    _, I = knn_search(X, 6)
    direct = {(min(i, int(j)), max(i, int(j))) for i in range(300) for j in I[i, 1:]}
    assert set(cand) == direct
    # the graph drops negative-cosine links; every kept one is a kNN link
    assert graph_pairs <= direct and len(graph_pairs) > 0.8 * len(direct)
