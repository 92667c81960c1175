"""The community backends of the topic consensus agree on a graph with an obvious answer, and each is reproducible."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from topicmine.topics.cluster import consensus_leiden


def _three_groups() -> sp.csr_matrix:
    """Three dense groups of 12 (weights 0.8–1.0) joined by a few weak edges (0.05)."""
    rng = np.random.default_rng(0)
    n, size = 36, 12
    A = np.zeros((n, n))
    for g in range(3):
        block = slice(g * size, (g + 1) * size)
        A[block, block] = rng.uniform(0.8, 1.0, size=(size, size))
    for i, j in [(0, 12), (5, 30), (20, 33)]:
        A[i, j] = 0.05
    A = np.triu(A, 1)
    return sp.csr_matrix(A + A.T)


@pytest.mark.parametrize("backend", ["networkit", "networkit-leiden", "graspologic", "igraph"])
def test_backend_finds_the_three_groups_reproducibly(backend):
    if backend == "graspologic":
        pytest.importorskip("graspologic_native", reason="graspologic-native is optional (pip install graspologic-native)")
    if backend == "igraph":
        pytest.importorskip("igraph", reason="igraph (GPL) is only in the bench extra")
    A = _three_groups()
    lab = consensus_leiden(A, resolution=1.0, seed=7, backend=backend)
    assert lab.tolist() == [0] * 12 + [1] * 12 + [2] * 12
    assert consensus_leiden(A, resolution=1.0, seed=7, backend=backend).tolist() == lab.tolist()


def test_graspologic_keeps_a_node_that_lost_its_edges():
    """A later consensus round can leave a node without edges: it is its own community, not a crash or -1."""
    pytest.importorskip("graspologic_native", reason="graspologic-native is optional")
    from topicmine.topics.leiden_backends import graspologic_runs

    rows, cols, w = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1.0, 1.0, 1.0])  # node 3 has no edge
    parts = graspologic_runs(4, rows, cols, w, resolution=1.0, seeds=np.array([1, 2]))
    assert parts.shape == (2, 4) and (parts >= 0).all()
    assert all(p[3] not in p[:3] for p in parts)


def test_unknown_backend_is_named():
    with pytest.raises(ValueError, match="graspologic"):
        consensus_leiden(_three_groups(), backend="louvain")
