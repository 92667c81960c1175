"""The community-detection backends the consensus clustering runs (one module per idea: which library
finds the communities of one graph, seeded; :mod:`topicmine.topics.cluster` builds the consensus from them).

All backends optimise the same modularity at a given resolution; licences decide the default (networkit,
MIT); graspologic-native (MIT) is optional and igraph (GPL) is only in the ``bench`` extra for comparison.

>>> import numpy as np
>>> rows, cols, w = np.array([0, 1, 2, 4, 5, 6]), np.array([1, 2, 3, 5, 6, 7]), np.ones(6)
>>> parts = leiden_runs(8, rows, cols, w, resolution=1.0, seed=0, n_runs=2)
>>> parts.shape, bool(parts[0, 0] != parts[0, 7])
((2, 8), True)
"""

from __future__ import annotations

import numpy as np

#: graphs up to this many nodes run networkit's Leiden under ``backend="auto"``, larger ones PLM (see
#: :func:`resolve_backend`)
AUTO_LEIDEN_MAX_NODES = 2_000


def resolve_backend(backend: str, n: int) -> str:
    """The community backend a consensus on ``n`` nodes uses: ``"auto"`` ⇒ networkit's ParallelLeiden up to
    :data:`AUTO_LEIDEN_MAX_NODES` nodes, networkit's PLM above; any other name is kept.

    Why by size (benchmarks/leiden.py, same vectors, docs/figures/codebase.md): on small graphs (287 real
    proposals) PLM's consensus was the least seed-stable (seed ARI min 0.904 vs igraph's Leiden 0.944),
    networkit's Leiden matched igraph (0.942, NMI +0.004, faster); on 5–10k news titles the opposite holds
    (Leiden's seed ARI −0.035 to −0.09 below PLM, which matches igraph there).

    >>> resolve_backend("auto", 287), resolve_backend("auto", 10_000), resolve_backend("igraph", 287)
    ('networkit-leiden', 'networkit', 'igraph')
    """
    if backend != "auto":
        return backend
    return "networkit-leiden" if n <= AUTO_LEIDEN_MAX_NODES else "networkit"


def leiden_runs(
    n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, *, resolution: float, seed: int, n_runs: int,
    n_iterations: int = -1, backend: str = "networkit",
) -> np.ndarray:
    """``n_runs`` modularity runs (at ``resolution``) for the consensus, shape (n_runs, n), each with its own
    seed drawn from ``seed``.

    Backends (all optimise the same modularity; BENCHMARKS "Topics" compares them on the same vectors):

    - ``"networkit"`` (default, MIT licence): networkit's PLM — Louvain with the refinement phase — on one
      thread, seeded, so a run is reproducible. In the consensus it matched igraph's Leiden on NMI and was
      *more* seed-stable (TNEWS seed ARI 0.958 vs 0.942), in less time.
    - ``"networkit-leiden"``: networkit's ParallelLeiden (``n_iterations`` cycles, at least 2). Same NMI but
      less seed-stable in the consensus (TNEWS seed ARI 0.85–0.95), hence not the default.
    - ``"graspologic"`` (MIT, optional: ``pip install graspologic-native``): graspologic-native's Rust Leiden
      (:func:`graspologic_runs`). Same NMI and seed ARI as igraph within 0.01 on all three sets, but more CPU
      time per fit (docs/figures/codebase3.md), hence not the default.
    - ``"igraph"`` (GPL, not a dependency; ``pip install igraph``): igraph's C Leiden, the former default,
      kept for comparison; its global random generator is restored afterwards.
    """
    rng = np.random.default_rng(seed)
    seeds = rng.integers(0, 2**31 - 1, size=n_runs)
    out = np.empty((n_runs, n), dtype=np.int64)
    if backend == "igraph":
        import random

        import igraph as ig

        g = ig.Graph(n=n, edges=np.c_[rows, cols].astype(np.int64), directed=False)
        weights = np.asarray(w, dtype=np.float64).tolist()
        try:
            for r, s in enumerate(seeds):
                ig.set_random_number_generator(random.Random(int(s)))
                p = g.community_leiden(
                    objective_function="modularity", weights=weights, resolution=resolution, n_iterations=n_iterations
                )
                out[r] = p.membership
        finally:
            ig.set_random_number_generator(random)
        return out
    if backend == "graspologic":
        return graspologic_runs(n, rows, cols, w, resolution=resolution, seeds=seeds, n_iterations=n_iterations)
    if backend not in ("networkit", "networkit-leiden"):
        raise ValueError(f"unknown community backend {backend!r}: use 'networkit', 'networkit-leiden', "
                         "'graspologic' or 'igraph'")
    import networkit as nk

    G = nk.GraphFromCoo(
        (np.asarray(w, dtype=np.float64), (np.asarray(rows, dtype=np.uint64), np.asarray(cols, dtype=np.uint64))),
        n=n, weighted=True, directed=False,
    )
    # one thread: a seeded run is then reproducible (the consensus gives the speed, not threads); the
    # process-wide thread count is put back so other networkit users are unaffected
    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        for r, s in enumerate(seeds):
            nk.engineering.setSeed(int(s), False)
            if backend == "networkit":
                alg = nk.community.PLM(G, refine=True, gamma=float(resolution), par="none randomized")
            else:
                alg = nk.community.ParallelLeiden(G, iterations=max(2, int(n_iterations)) if n_iterations > 0 else 8,
                                                  randomize=True, gamma=float(resolution))
            alg.run()
            out[r] = alg.getPartition().getVector()
    finally:
        nk.setNumberOfThreads(threads)
    return out


def graspologic_runs(
    n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, *, resolution: float, seeds: np.ndarray,
    n_iterations: int = -1,
) -> np.ndarray:
    """One graspologic-native Leiden run (MIT, Rust; modularity at ``resolution``) per seed, shape (len(seeds), n).

    The graph goes in as a symmetric CSR (both directions of each edge), read by the Rust code without a copy.
    ``n_iterations`` full Leiden cycles per run (TopicModel passes 2, as it does to igraph; -1 ⇒ 2). The
    refinement's randomness is 0.01, igraph's default β: graspologic's own default (0.001) was less seed-stable
    in the consensus (proposals, 8 seeds: seed ARI min 0.843 vs 0.927; chosen on that set). A node that has lost
    all its edges in a later consensus round is its own community.
    """
    import graspologic_native as gn
    import scipy.sparse as sp

    A = sp.coo_matrix((np.asarray(w, dtype=np.float64), (rows, cols)), shape=(n, n))
    A = (A + A.T).tocsr()
    A.sort_indices()
    indptr = A.indptr.astype(np.int64)
    indices = A.indices.astype(np.int32)
    data = A.data.astype(np.float64)
    iterations = int(n_iterations) if n_iterations > 0 else 2
    out = np.empty((len(seeds), n), dtype=np.int64)
    for r, s in enumerate(seeds):
        _, membership = gn.leiden_csr(indptr, indices, data, n, resolution=float(resolution), iterations=iterations,
                                      use_modularity=True, seed=int(s), randomness=0.01)
        lab = np.full(n, -1, dtype=np.int64)
        for node, comm in membership.items():
            lab[int(node)] = int(comm)
        lone = lab < 0
        if lone.any():
            lab[lone] = lab.max() + 1 + np.arange(int(lone.sum()))
        out[r] = lab
    return out
