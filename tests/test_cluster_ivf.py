"""The IVF-PQ index of the Ray engine without Ray: centring the stored vectors keeps every query's ranking.

e5's vectors share one large direction; the index subtracts the training sample's mean from the stored
vectors only (``center.npy``). These tests build small indexes from anisotropic vectors (a shared direction
plus noise, as e5 gives) and check what centring must keep: at full probe the re-ranked results equal the
exact inner-product top-k, PQ-only scores are on the raw ``q·x`` scale, and at a narrow probe the centred
lists do not lose recall against the raw ones.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

faiss = pytest.importorskip("faiss")

from topicmine.cluster import ivfpq  # noqa: E402


@pytest.fixture(autouse=True)
def _one_faiss_thread():
    """One OpenMP thread: these indexes are small, and faiss's spinning threads crawl on a shared machine."""
    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    yield
    faiss.omp_set_num_threads(before)


def _cloud(n: int, d: int = 64, seed: int = 0) -> np.ndarray:
    """Vectors sharing one strong direction (mean cosine ≈ 0.9, as e5's report paragraphs) in 40 clumps;
    ``seed`` draws the points, the direction and the clumps are the same for every call."""
    fixed = np.random.default_rng(1234)
    common = fixed.normal(size=d)
    common /= np.linalg.norm(common)
    centres = fixed.normal(size=(40, d)) / np.sqrt(d)
    rng = np.random.default_rng(seed)
    X = 3.0 * common + 0.8 * centres[rng.integers(0, 40, n)] + 0.5 * rng.normal(size=(n, d)) / np.sqrt(d)
    return (X / np.linalg.norm(X, axis=1, keepdims=True)).astype(np.float32)


def _build(X: np.ndarray, folder: Path, center: bool, nlist: int = 32) -> ivfpq.ClusterIndex:
    folder.mkdir(parents=True)
    sample = X[:3000]
    mu = ivfpq.sample_center(sample) if center else None
    index = ivfpq.train(sample, nlist=nlist, pq_bytes=16, seed=1, center=mu)
    if mu is not None:
        np.save(ivfpq.center_path(folder / "trained.index"), mu)
    faiss.write_index(index, str(folder / "trained.index"))
    ids = np.arange(len(X), dtype=np.int64)
    ivfpq.fill_block(str(folder / "trained.index"), ids, X, str(folder / "b0.index"))
    ivfpq.merge_blocks(folder / "trained.index", [folder / "b0.index"], folder)
    ivfpq.write_fp16(folder / "fp16", 0, ids, X)
    return ivfpq.ClusterIndex.open(folder)


def _recall(I: np.ndarray, T: np.ndarray) -> float:
    return float(np.mean([len(set(a) & set(b)) / T.shape[1] for a, b in zip(I, T)]))


def test_centred_index_at_full_probe_equals_exact_search(tmp_path) -> None:
    X = _cloud(6000)
    Q = _cloud(100, seed=5)
    assert float(np.mean(X[:500] @ X[:500].T)) > 0.8  # the shared direction is there
    idx = _build(X, tmp_path / "c", center=True)
    assert (tmp_path / "c" / "center.npy").is_file() and idx.center is not None
    idx.main.nprobe = idx.nprobe = 32  # every list
    idx.rerank_factor = 50
    S, I = idx.search(Q, 10)
    T = np.argsort(-(Q @ X.T), axis=1)[:, :10]
    assert _recall(I, T) >= 0.99
    assert np.allclose(S[:, 0], np.take_along_axis(Q @ X.T, T[:, :1], axis=1)[:, 0], atol=2e-3)


def test_pq_only_scores_of_a_centred_index_are_on_the_raw_scale(tmp_path) -> None:
    X = _cloud(6000)
    Q = _cloud(50, seed=6)
    idx = _build(X, tmp_path / "c", center=True)
    idx.main.nprobe = idx.nprobe = 32
    S, I = idx.search(Q, 5, rerank=False)
    exact = np.take_along_axis(Q @ X.T, I, axis=1)
    # PQ codes approximate q·(x − μ); adding q·μ back puts them on the q·x scale (within the PQ error of
    # 16 one-byte codes for 64 dimensions, a few hundredths)
    assert np.median(np.abs(S - exact)) < 0.05
    assert np.median(S) > 0.7  # without the q·μ term they would sit near 0


def test_centring_does_not_lose_recall_at_a_narrow_probe(tmp_path) -> None:
    X = _cloud(8000, seed=2)
    Q = _cloud(200, seed=7)
    T = np.argsort(-(Q @ X.T), axis=1)[:, :10]
    got = {}
    for name, center in (("raw", False), ("centred", True)):
        idx = _build(X, tmp_path / name, center=center)
        idx.main.nprobe = idx.nprobe = 2
        idx.rerank_factor = 30
        _, I = idx.search(Q, 10)
        got[name] = _recall(I, T)
    assert got["centred"] >= got["raw"] - 0.02, got


def test_an_index_built_before_centring_still_searches(tmp_path) -> None:
    """No ``center.npy`` (an index from an earlier version): scores and ids as before."""
    X = _cloud(4000, seed=3)
    idx = _build(X, tmp_path / "old", center=False)
    assert idx.center is None
    idx.main.nprobe = idx.nprobe = 32
    S, I = idx.search(X[:20], 10)
    assert (I[:, 0] == np.arange(20)).all() and np.allclose(S[:, 0], 1.0, atol=2e-3)
