"""The clustering estimator: passages (or documents) → topics, with the number of topics found from the data.

Method (chosen by measurement on THUCNews / TNEWS / real proposals, see BENCHMARKS.md "## Topics"):

1. **kNN graph.** Each vector is linked to its ``n_neighbors`` most similar vectors (cosine, faiss; exact
   up to 30 000 points, IVF above), weight = similarity, symmetrised. Fitted on a seeded sample
   of at most ``fit_sample`` (20 000) points, so 10⁶ passages cost little more than 2·10⁴ (the rest are
   assigned by prototypes in one matrix product per batch).
2. **Consensus Leiden** on that graph finds the number of topics itself (modularity at resolution
   1.5). igraph's C Leiden runs ``n_consensus`` times (seeds drawn from ``seed``; ``None`` ⇒ 20–100,
   more for small inputs); each edge is reweighted by the share of runs that keep its ends together, for
   3 rounds; the topics are the connected components of the edges most of the last round's runs agree
   on (a deterministic read-out, no single run decides). A single run depends on its random order; the
   consensus is what brings different seeds close together. ~10× faster than the former pure-Python
   Louvain consensus (kept as :func:`consensus_louvain`, a dependency-free reference).
   k-means (even with the true k) and UMAP + HDBSCAN scored lower NMI here and were less stable.
3. **Tidy-up.** Communities smaller than ``min_topic_size`` join the topic they are most connected to.
4. **Prototypes for predict.** Each topic gets k-means prototypes (≈ 2·√n over all topics, in
   proportion to size; seeded by the topic's rank, not by ``seed``). ``predict`` = topic of the nearest prototype. Training points whose graph
   community disagrees with their nearest prototype are the ambiguous border cases: they become ``-1``
   (unassigned), at most ``max_outlier_share`` of the data, none with ``assign_all=True``. So predicting
   the training data reproduces ``labels_`` for every assigned point, and new passages are assigned by
   the same rule.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> centres = rng.normal(size=(4, 32))
>>> X = np.vstack([c + 0.3 * rng.normal(size=(50, 32)) for c in centres])
>>> m = TopicModel(seed=1).fit(X)
>>> m.n_topics_
4
>>> bool((m.predict(X)[m.labels_ >= 0] == m.labels_[m.labels_ >= 0]).all())
True
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np


def _normalize(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=np.float32)
    n = np.linalg.norm(X, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return X / n


def _nearest(X: np.ndarray, C: np.ndarray, batch: int = 65536) -> tuple[np.ndarray, np.ndarray]:
    """Index and similarity of the nearest row of C (inner product) for each row of X, in batches."""
    n = len(X)
    idx = np.empty(n, dtype=np.int64)
    sim = np.empty(n, dtype=np.float32)
    for s in range(0, n, batch):
        S = X[s : s + batch] @ C.T
        idx[s : s + batch] = np.argmax(S, axis=1)
        sim[s : s + batch] = S[np.arange(len(S)), idx[s : s + batch]]
    return idx, sim


def spherical_kmeans(X: np.ndarray, k: int, *, seed: int = 0, n_iter: int = 25) -> np.ndarray:
    """Spherical k-means (cosine) centres, k-means++-style seeding by faiss; X must be L2-normalised."""
    k = max(1, min(k, len(X)))
    if k == len(X):
        return X.copy()
    import faiss

    km = faiss.Kmeans(
        X.shape[1], k, niter=n_iter, spherical=True, seed=int(seed) % (2**31), verbose=False,
        min_points_per_centroid=1, max_points_per_centroid=max(256, len(X) // k + 1),
    )
    km.train(np.ascontiguousarray(X, dtype=np.float32))
    return _normalize(km.centroids.copy())


def knn_graph(X: np.ndarray, k: int, *, seed: int = 0, exact_max: int = 30_000):
    """Symmetric sparse kNN graph (weights = cosine similarity ≥ 0) of normalised rows, without self-loops.

    Exact (faiss flat) up to ``exact_max`` rows; above, an IVF index whose coarse quantiser is trained
    with ``seed`` (so the graph is reproducible) searched with a generous nprobe.
    """
    import faiss
    import scipy.sparse as sp

    n, d = X.shape
    k = max(1, min(k, n - 1))
    Xc = np.ascontiguousarray(X, dtype=np.float32)
    if n <= exact_max:
        index = faiss.IndexFlatIP(d)
    else:
        nlist = int(4 * np.sqrt(n))
        quant = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quant, d, nlist, faiss.METRIC_INNER_PRODUCT)
        index.cp.seed = int(seed) % (2**31)
        index.train(Xc)
        index.nprobe = 16
    index.add(Xc)
    S, I = index.search(Xc, k + 1)
    rows = np.repeat(np.arange(n), k + 1)
    cols = I.ravel()
    w = np.maximum(S.ravel(), 0.0).astype(np.float64)
    keep = (cols >= 0) & (cols != rows) & (w > 0)
    A = sp.csr_matrix((w[keep], (rows[keep], cols[keep])), shape=(n, n))
    return A.maximum(A.T).tocsr()


def _local_moving(A, order: np.ndarray, resolution: float, m2: float, max_passes: int) -> tuple[np.ndarray, bool]:
    """Louvain phase 1: move nodes (in ``order``) to the neighbouring community with the best modularity
    gain until no move helps. Plain Python lists: ~10× faster than numpy scalar indexing here."""
    n = A.shape[0]
    indptr, indices, data = A.indptr.tolist(), A.indices.tolist(), A.data.tolist()
    deg = np.asarray(A.sum(axis=1)).ravel().tolist()
    comm = list(range(n))
    tot = list(deg)
    nodes = order.tolist()
    moved_any = False
    for _ in range(max_passes):
        moved = 0
        for i in nodes:
            ci = comm[i]
            ki = deg[i]
            links: dict[int, float] = {}
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                if j != i:
                    cj = comm[j]
                    links[cj] = links.get(cj, 0.0) + data[p]
            tot[ci] -= ki
            f = resolution * ki / m2
            best, best_gain = ci, links.get(ci, 0.0) - f * tot[ci]
            for c, wc in links.items():
                g = wc - f * tot[c]
                # ties go to the lower community id: no dependence on dict order
                if g > best_gain + 1e-12 or (g > best_gain - 1e-12 and c < best):
                    best, best_gain = c, g
            tot[best] += ki
            if best != ci:
                comm[i] = best
                moved += 1
        if moved == 0:
            break
        moved_any = True
    return np.asarray(comm, dtype=np.int64), moved_any


def louvain(A, *, resolution: float = 1.0, seed: int = 0, max_levels: int = 20, max_passes: int = 30) -> np.ndarray:
    """Louvain communities of a symmetric sparse graph; node order drawn from ``seed`` (deterministic).

    >>> import scipy.sparse as sp
    >>> A = sp.csr_matrix(np.kron(np.eye(2), np.ones((3, 3))) - np.eye(6))
    >>> louvain(A).tolist()
    [0, 0, 0, 1, 1, 1]
    """
    import scipy.sparse as sp

    A = sp.csr_matrix(A, dtype=np.float64)
    member = np.arange(A.shape[0])
    m2 = float(A.sum())
    if m2 == 0:
        return member
    rng = np.random.default_rng(seed)
    for _ in range(max_levels):
        n = A.shape[0]
        comm, moved = _local_moving(A, rng.permutation(n), resolution, m2, max_passes)
        if not moved:
            break
        _, comm = np.unique(comm, return_inverse=True)
        member = comm[member]
        k = int(comm.max()) + 1
        M = sp.csr_matrix((np.ones(n), (comm, np.arange(n))), shape=(k, n))
        A = (M @ A @ M.T).tocsr()
        if k == n:
            break
    return _canonical(member)


def consensus_louvain(
    A, *, resolution: float = 1.0, seed: int = 0, n_runs: int = 10, rounds: int = 1
) -> np.ndarray:
    """Consensus of several runs of the pure-Python :func:`louvain` (Lancichinetti & Fortunato 2012): each
    kNN edge is reweighted by the share of runs that put its two ends together (edges below ½ dropped),
    then Louvain runs once more on that graph. Kept as a dependency-free reference; :class:`TopicModel`
    uses :func:`consensus_leiden` (igraph's C Leiden, ~100× faster)."""
    import scipy.sparse as sp

    if n_runs <= 1:
        return louvain(A, resolution=resolution, seed=seed)
    rng = np.random.default_rng(seed)
    coo = sp.triu(A, k=1).tocoo()
    W = A
    for _ in range(rounds):
        parts = [louvain(W, resolution=resolution, seed=int(s)) for s in rng.integers(0, 2**31 - 1, size=n_runs)]
        agree = np.mean([p[coo.row] == p[coo.col] for p in parts], axis=0)
        if (agree == 1.0).all() or (agree == 0.0).all():  # the runs already agree everywhere
            break
        keep = agree >= 0.5
        W = sp.csr_matrix((coo.data[keep] * agree[keep], (coo.row[keep], coo.col[keep])), shape=A.shape)
        W = (W + W.T).tocsr()
    return louvain(W, resolution=resolution, seed=int(seed))


def _leiden_runs(
    n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, *, resolution: float, seed: int, n_runs: int,
    n_iterations: int = -1,
) -> np.ndarray:
    """``n_runs`` Leiden runs (igraph, modularity at ``resolution``), shape (n_runs, n). Each run gets its own
    seed drawn from ``seed``; igraph's global random generator is restored afterwards."""
    import random

    import igraph as ig

    g = ig.Graph(n=n, edges=np.c_[rows, cols].astype(np.int64), directed=False)
    weights = np.asarray(w, dtype=np.float64).tolist()
    rng = np.random.default_rng(seed)
    out = np.empty((n_runs, n), dtype=np.int64)
    try:
        for r, s in enumerate(rng.integers(0, 2**31 - 1, size=n_runs)):
            ig.set_random_number_generator(random.Random(int(s)))
            p = g.community_leiden(
                objective_function="modularity", weights=weights, resolution=resolution, n_iterations=n_iterations
            )
            out[r] = p.membership
    finally:
        ig.set_random_number_generator(random)
    return out


def consensus_leiden(
    A, *, resolution: float = 1.0, seed: int = 0, n_runs: int | None = None, rounds: int = 3,
    n_iterations: int = -1,
) -> np.ndarray:
    """Iterated consensus clustering (Lancichinetti & Fortunato 2012) with igraph's Leiden.

    Round: ``n_runs`` Leiden runs on the current graph; each edge gets the share of runs that put its two
    ends together; edges below ½ are dropped and the rest reweighted by that share. After ``rounds`` rounds
    (or as soon as every run agrees) the topics are the connected components of the edges that more than
    half of the last round's runs kept together — a deterministic read-out of the agreement, so no single
    run's order decides a borderline merge. ``n_runs=None`` ⇒ ``clip(200 000 / n, 20, 100)`` (small graphs
    are noisier and runs on them are cheap).

    >>> import scipy.sparse as sp
    >>> A = sp.csr_matrix(np.kron(np.eye(2), np.ones((4, 4))) - np.eye(8))
    >>> consensus_leiden(A).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    """
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    A = sp.csr_matrix(A, dtype=np.float64)
    n = A.shape[0]
    coo = sp.triu(A, k=1).tocoo()
    if coo.nnz == 0:
        return np.arange(n, dtype=np.int64)
    if n_runs is None:
        n_runs = int(np.clip(200_000 // max(n, 1), 20, 100))
    rows, cols, w = coo.row, coo.col, coo.data
    for r in range(max(1, rounds)):
        parts = _leiden_runs(n, rows, cols, w, resolution=resolution, seed=int(seed) * 1_000 + r, n_runs=n_runs,
                             n_iterations=n_iterations)
        agree = (parts[:, rows] == parts[:, cols]).mean(axis=0)
        last_rows, last_cols, last_agree = rows, cols, agree
        if (agree == 1.0).all() or (agree == 0.0).all():
            break
        keep = agree >= 0.5
        rows, cols, w = rows[keep], cols[keep], w[keep] * agree[keep]
        if len(rows) == 0:
            break
    strong = last_agree > 0.5
    G = sp.csr_matrix((np.ones(int(strong.sum())), (last_rows[strong], last_cols[strong])), shape=(n, n))
    _, lab = connected_components(G, directed=False)
    return _canonical(lab)


def _canonical(lab: np.ndarray) -> np.ndarray:
    """Relabel 0..m-1 in order of first appearance (a deterministic naming of the same partition)."""
    lab = np.asarray(lab)
    uniq, first, inv = np.unique(lab, return_index=True, return_inverse=True)
    rank = np.empty(len(uniq), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(uniq))
    return rank[inv]


class TopicModel:
    """Find topics in embedding vectors (scikit-learn estimator contract; rows are L2-normalised here).

    Parameters
    ----------
    min_topic_size : smallest topic kept; smaller communities join the topic they link to most.
    max_outlier_share : most of the fitted data left unassigned (``-1``); 0.10 by default.
    assign_all : assign every point (no ``-1``), e.g. for document-level clustering.
    seed : fixes the sample and the Leiden runs ⇒ identical results for the same seed.
    n_neighbors : kNN graph degree (15; fewer for tiny inputs).
    resolution : modularity resolution; higher ⇒ more, smaller topics (1.0 = plain modularity). 1.5 was
        best on average over THUCNews, TNEWS and the proposals (1.0 merges related categories).
    fit_sample : build the graph on at most this many points (seeded sample), assign the rest.
    n_prototypes : prototypes over all topics for ``predict``; ``None`` ⇒ ``2·√n`` (at most 2000).
    n_consensus : Leiden runs per consensus round (``None`` ⇒ ``clip(200 000 / n, 20, 100)``).
    show_progress : progress bar (``None`` ⇒ on when the topicmine logger is at INFO).

    Fitted attributes: ``labels_`` (n,), ``n_topics_``, ``centroids_`` (n_topics, d), ``topic_sizes_``,
    ``prototypes_``, ``prototype_topic_``, ``seconds_``.

    >>> from sklearn.base import clone
    >>> clone(TopicModel(min_topic_size=3)).get_params()["min_topic_size"]
    3
    """

    def __init__(
        self,
        min_topic_size: int = 5,
        max_outlier_share: float = 0.10,
        assign_all: bool = False,
        seed: int = 42,
        n_neighbors: int = 15,
        resolution: float = 1.5,
        fit_sample: int = 20_000,
        n_prototypes: int | None = None,
        n_consensus: int | None = None,
        show_progress: bool | None = None,
    ) -> None:
        self.min_topic_size = min_topic_size
        self.max_outlier_share = max_outlier_share
        self.assign_all = assign_all
        self.seed = seed
        self.n_neighbors = n_neighbors
        self.resolution = resolution
        self.fit_sample = fit_sample
        self.n_prototypes = n_prototypes
        self.n_consensus = n_consensus
        self.show_progress = show_progress

    # scikit-learn's clone/get_params without importing sklearn at module import time
    def get_params(self, deep: bool = True) -> dict:
        return {k: getattr(self, k) for k in self._param_names()}

    def set_params(self, **params) -> TopicModel:
        for k, v in params.items():
            if k not in self._param_names():
                raise ValueError(f"TopicModel has no parameter {k!r}; valid: {', '.join(self._param_names())}")
            setattr(self, k, v)
        return self

    @classmethod
    def _param_names(cls) -> list[str]:
        import inspect

        return [p for p in inspect.signature(cls.__init__).parameters if p != "self"]

    def __repr__(self) -> str:
        defaults = type(self)().get_params()
        diff = {k: v for k, v in self.get_params().items() if v != defaults[k]}
        return f"TopicModel({', '.join(f'{k}={v!r}' for k, v in diff.items())})"

    # ------------------------------------------------------------------------------------------
    def fit(self, X: np.ndarray, y: object = None) -> TopicModel:
        """Cluster the rows of ``X`` (embedding vectors). Returns ``self``."""
        from topicmine.progress import progress

        t0 = time.perf_counter()
        X = _normalize(X)
        n = len(X)
        if n == 0:
            raise ValueError("TopicModel.fit: X has no rows; embed some passages first")
        rng = np.random.default_rng(self.seed)
        fit_idx = np.sort(rng.choice(n, self.fit_sample, replace=False)) if n > self.fit_sample else np.arange(n)
        Xf = X[fit_idx]
        nf = len(Xf)
        bar = progress(range(4), desc="主题聚类", total=4, show=self.show_progress)
        next(bar, None)
        if nf < 3:
            comm = np.zeros(nf, dtype=np.int64)
            A = None
        else:
            A = knn_graph(Xf, min(self.n_neighbors, nf - 1), seed=self.seed)
            next(bar, None)
            comm = consensus_leiden(A, resolution=self.resolution, seed=self.seed, n_runs=self.n_consensus)
        next(bar, None)
        comm = self._absorb_small(comm, A, Xf)
        self._fit_prototypes(Xf, comm)
        next(bar, None)
        proto_lab = self.predict(Xf)
        # the ambiguous border: graph community ≠ nearest prototype's topic ⇒ unassigned (capped)
        fit_labels = proto_lab.copy()
        if not self.assign_all and self.max_outlier_share > 0:
            dis = np.flatnonzero(proto_lab != comm)
            cap = int(self.max_outlier_share * nf)
            if len(dis) > cap:
                # keep as outliers those the prototypes are least sure about
                Xd = Xf[dis]
                own = self._topic_similarity(Xd, proto_lab[dis])
                alt = self._topic_similarity(Xd, comm[dis])
                dis = dis[np.argsort(own - alt, kind="stable")[:cap]]
            fit_labels[dis] = -1
        labels = self.predict(X) if nf < n else fit_labels
        if nf < n:
            labels[fit_idx] = fit_labels
        self.labels_ = labels
        self._set_centroids(X, labels)
        self.seconds_ = time.perf_counter() - t0
        return self

    def _absorb_small(self, comm: np.ndarray, A, Xf: np.ndarray) -> np.ndarray:
        """Communities under ``min_topic_size`` join the topic they share most edge weight with (the most
        similar centroid when isolated). Topics are then numbered by size, largest first."""
        comm = _canonical(comm)
        while True:
            sizes = np.bincount(comm)
            small = np.flatnonzero(sizes < self.min_topic_size)
            if len(small) == 0 or len(sizes) <= 1:
                break
            t = int(small[np.argmin(sizes[small])])
            members = np.flatnonzero(comm == t)
            target = -1
            if A is not None:
                nb = A[members]
                w = np.bincount(comm[nb.indices], weights=nb.data, minlength=len(sizes))
                w[t] = 0
                if w.max() > 0:
                    target = int(np.argmax(w))
            if target < 0:
                cents = _normalize(np.stack([Xf[comm == c].sum(0) for c in range(len(sizes))]))
                s = cents @ cents[t]
                s[t] = -np.inf
                target = int(np.argmax(s))
            comm[members] = target
            comm = _canonical(comm)
        sizes = np.bincount(comm)
        order = np.lexsort((np.arange(len(sizes)), -sizes))
        remap = np.empty(len(sizes), dtype=np.int64)
        remap[order] = np.arange(len(sizes))
        return remap[comm]

    def _fit_prototypes(self, Xf: np.ndarray, comm: np.ndarray) -> None:
        nf = len(Xf)
        total = self.n_prototypes or int(min(2000, max(1, round(2 * np.sqrt(nf)))))
        protos, owner = [], []
        for t in range(int(comm.max()) + 1):
            members = Xf[comm == t]
            p = max(1, int(round(total * len(members) / nf)))
            # seeded by the topic's rank, not by ``seed``: the prototypes (and so the border points set to -1)
            # are a deterministic function of the topics, so different seeds cannot disagree here
            C = spherical_kmeans(members, p, seed=t) if len(members) > p else members
            protos.append(C)
            owner.extend([t] * len(C))
        self.prototypes_ = np.vstack(protos).astype(np.float32)
        self.prototype_topic_ = np.asarray(owner, dtype=np.int64)
        self.n_topics_ = int(comm.max()) + 1

    def _topic_similarity(self, X: np.ndarray, topics: np.ndarray) -> np.ndarray:
        """Similarity of each row to the nearest prototype of the given topic."""
        out = np.full(len(X), -np.inf, dtype=np.float32)
        for t in np.unique(topics):
            rows = np.flatnonzero(topics == t)
            P = self.prototypes_[self.prototype_topic_ == t]
            out[rows] = (X[rows] @ P.T).max(axis=1)
        return out

    def _set_centroids(self, X: np.ndarray, labels: np.ndarray) -> None:
        k = self.n_topics_
        cents = np.zeros((k, X.shape[1]), dtype=np.float64)
        ok = labels >= 0
        np.add.at(cents, labels[ok], X[ok])
        sizes = np.bincount(labels[ok], minlength=k)
        for t in np.flatnonzero(sizes == 0):  # every fitted member fell out: use its prototypes
            cents[t] = self.prototypes_[self.prototype_topic_ == t].sum(0)
        self.centroids_ = _normalize(cents)
        self.topic_sizes_ = sizes

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Topic of each row: the topic of its nearest prototype (the rule that produced ``labels_``)."""
        self._check_fitted()
        idx, _ = _nearest(_normalize(X), self.prototypes_)
        return self.prototype_topic_[idx]

    def fit_predict(self, X: np.ndarray, y: object = None) -> np.ndarray:
        return self.fit(X).labels_

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Cosine similarity of each row to each topic centroid, shape (n, n_topics)."""
        self._check_fitted()
        return _normalize(X) @ self.centroids_.T

    def _check_fitted(self) -> None:
        if not hasattr(self, "prototypes_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("TopicModel is not fitted yet: call fit(X) first")


def document_vectors(
    passage_vectors: np.ndarray, doc_ids: Sequence[object]
) -> tuple[list[object], np.ndarray]:
    """One vector per document: the mean of its passages' vectors, renormalised.

    Returns (document ids in order of first appearance, vectors).

    >>> ids, V = document_vectors(np.eye(3, dtype=np.float32), ["提案1", "提案1", "提案2"])
    >>> ids, V.shape
    (['提案1', '提案2'], (2, 3))
    """
    keys = [str(d) for d in doc_ids]
    uniq: dict[str, int] = {}
    order: list[object] = []
    for d, k in zip(doc_ids, keys):
        if k not in uniq:
            uniq[k] = len(uniq)
            order.append(d)
    inv = np.fromiter((uniq[k] for k in keys), dtype=np.int64, count=len(keys))
    V = np.zeros((len(uniq), passage_vectors.shape[1]), dtype=np.float64)
    np.add.at(V, inv, _normalize(passage_vectors))
    return order, _normalize(V)


def cluster_eval(
    vectors: np.ndarray, gold_labels: Sequence[object], seed: int = 42, **params
) -> dict[str, float | int]:
    """Cluster exactly as the product does (no true k) and score against gold labels.

    Outliers (-1) count as one cluster of their own (as sklearn's NMI sees them), so leaving points out
    is not free. Returns ``{"nmi", "ari", "n_topics", "outlier_share", "seconds"}``.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> X = np.vstack([c + 0.2 * rng.normal(size=(40, 16)) for c in rng.normal(size=(3, 16))])
    >>> r = cluster_eval(X, [0] * 40 + [1] * 40 + [2] * 40)
    >>> sorted(r), r["nmi"] > 0.9
    (['ari', 'n_topics', 'nmi', 'outlier_share', 'seconds'], True)
    """
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    gold = [str(g) for g in gold_labels]
    if len(gold) != len(vectors):
        raise ValueError(f"cluster_eval: {len(vectors)} vectors but {len(gold)} gold labels")
    t0 = time.perf_counter()
    model = TopicModel(seed=seed, **params).fit(vectors)
    secs = time.perf_counter() - t0
    lab = model.labels_
    return {
        "nmi": round(float(normalized_mutual_info_score(gold, lab)), 4),
        "ari": round(float(adjusted_rand_score(gold, lab)), 4),
        "n_topics": int(model.n_topics_),
        "outlier_share": round(float(np.mean(lab < 0)), 4),
        "seconds": round(secs, 3),
    }
