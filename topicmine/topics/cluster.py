"""The clustering estimator: passages (or documents) → topics, with the number of topics found from the data.

Method (chosen by measurement on THUCNews / TNEWS / real proposals, see BENCHMARKS.md "## Topics"):

1. **kNN graph.** Each vector is linked to its ``n_neighbors`` most similar vectors (cosine, faiss; exact
   up to 30 000 points, IVF above), weight = similarity, symmetrised. Fitted on a seeded sample
   of at most ``fit_sample`` (20 000) points, so 10⁶ passages cost little more than 2·10⁴ (the rest are
   assigned by the neighbour vote of step 4, in batches).
2. **Consensus Leiden** on that graph finds the number of topics itself (modularity at resolution
   2.0). networkit's Leiden (graphs up to 2,000 nodes) or its PLM (larger; Louvain with refinement) — both MIT,
   seeded, see :func:`resolve_backend` — runs ``n_consensus`` times in the first round (seeds
   drawn from ``seed``; ``None`` ⇒ ``clip(200 000 / n, 20, 200)``: the first round's agreement estimate
   is what the later rounds amplify, and runs on small inputs are cheap), half as many in the next two;
   each edge is reweighted by the share of runs that keep its ends together; the topics are the connected
   components of the edges most of the last round's runs agree on (a deterministic read-out, no single
   run decides). A single run depends on its random order; the consensus is what brings different seeds
   close together. Resolution 2.0 rather than 1.5: at 1.5 two THUCNews categories merge in about half of
   the runs, which flips between seeds (seed-to-seed ARI 0.86–0.90); at 2.0 they stay apart (0.96).
   k-means (even with the true k) and UMAP + HDBSCAN scored lower NMI here and were less stable.
3. **Tidy-up** (deterministic, no randomness): pairs of communities whose merge raises modularity are
   merged (:func:`merge_positive`), then pairs whose mutual edge weight is at least the weight leaving
   their union (:func:`merge_inseparable`: at γ = 2 an isolated topic holding half the graph would
   otherwise be cut in two); communities smaller than ``min_topic_size`` join the topic they are most
   connected to.
4. **Neighbour vote for labels and predict.** The fitted sample and its graph topics are kept
   (``reference_``, ``reference_topic_``); every point — fitted or new — takes the topic its
   ``n_neighbors`` most similar fitted points vote for (weights = similarity). Points whose vote has no
   clear winner (top topic < ``min_vote_share`` of the vote) are the ambiguous border: ``-1``
   (unassigned), at most ``max_outlier_share`` of the data, none with ``assign_all=True``. The vote is
   a deterministic function of the graph topics, so it keeps their seed-to-seed agreement (the former
   per-topic k-means prototypes amplified small membership differences: seed ARI 0.95 → 0.81 on TNEWS),
   and predicting the training data reproduces ``labels_`` for every assigned point by construction.

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

# the community backends live in their own module; the names stay importable from here (a test patches
# ``_leiden_runs`` to spy on the consensus)
from topicmine.topics.leiden_backends import AUTO_LEIDEN_MAX_NODES, resolve_backend  # noqa: F401
from topicmine.topics.leiden_backends import leiden_runs as _leiden_runs


def _normalize(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=np.float32)
    n = np.linalg.norm(X, axis=1, keepdims=True)
    n[n == 0] = 1.0
    return X / n


def knn_graph(X: np.ndarray, k: int, *, seed: int = 0, exact_max: int = 30_000):
    """Symmetric sparse kNN graph (weights = cosine similarity ≥ 0) of normalised rows, without self-loops.

    Exact (faiss flat) up to ``exact_max`` rows; above, an IVF index whose coarse quantiser is trained
    with ``seed`` (so the graph is reproducible) — the one builder, :func:`topicmine.knn.knn_search`.
    """
    import scipy.sparse as sp

    from topicmine.knn import knn_search

    n = X.shape[0]
    k = max(1, min(k, n - 1))
    S, I = knn_search(X, k + 1, exact_max=exact_max, seed=seed)
    rows = np.repeat(np.arange(n), k + 1)
    cols = I.ravel()
    w = np.maximum(S.ravel(), 0.0).astype(np.float64)
    keep = (cols >= 0) & (cols != rows) & (w > 0)
    A = sp.csr_matrix((w[keep], (rows[keep], cols[keep])), shape=(n, n))
    return A.maximum(A.T).tocsr()


def consensus_leiden(
    A, *, resolution: float = 1.0, seed: int = 0, n_runs: int | None = None, rounds: int = 3,
    n_iterations: int = -1, later_runs: int | None = None, backend: str = "auto",
) -> np.ndarray:
    """Iterated consensus clustering (Lancichinetti & Fortunato 2012) with Leiden runs (``backend``: see
    :func:`topicmine.topics.leiden_backends.leiden_runs`).

    Round: Leiden runs on the current graph (``n_runs`` in the first round, ``later_runs`` — default
    ``max(10, n_runs // 2)`` — in the next ones, whose graph is already cleaned of the edges the runs
    disagreed on); each edge gets the share of runs that put its two ends together; edges below ½ are
    dropped and the rest reweighted by that share. After ``rounds`` rounds (or as soon as every run agrees)
    the topics are the connected components of the edges that more than half of the last round's runs kept
    together — a deterministic read-out of the agreement, so no single run's order decides a borderline
    merge. ``n_runs=None`` ⇒ ``clip(200 000 / n, 20, 200)`` (small graphs are noisier and runs on them are
    cheap; the first round's estimate of the agreement is what the later rounds amplify, so it gets the
    most runs). ``n_iterations``: Leiden iterations per run (-1 = until stable; 2 is ~4× cheaper and
    reaches the same modularity here).

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
    backend = resolve_backend(backend, n)
    if n_runs is None:
        n_runs = int(np.clip(200_000 // max(n, 1), 20, 200))
    if later_runs is None:
        later_runs = max(10, n_runs // 2)
    rows, cols, w = coo.row, coo.col, coo.data
    for r in range(max(1, rounds)):
        parts = _leiden_runs(n, rows, cols, w, resolution=resolution, seed=int(seed) * 1_000 + r,
                             n_runs=n_runs if r == 0 else later_runs, n_iterations=n_iterations, backend=backend)
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


def merge_positive(A, lab: np.ndarray, *, resolution: float = 1.0) -> np.ndarray:
    """Greedily merge the pair of communities whose merge raises modularity (at ``resolution``) the most,
    until no merge helps. Deterministic (ties go to the lower community ids). A converged Leiden partition
    has no such pair; the consensus read-out can (pieces the runs kept apart about as often as together).
    Dense k × k work per merge: meant for the tens to hundreds of communities a consensus leaves.

    >>> import scipy.sparse as sp
    >>> A = sp.csr_matrix(np.kron(np.eye(2), np.ones((4, 4))) - np.eye(8))
    >>> merge_positive(A, np.array([0, 0, 1, 1, 2, 2, 3, 3]), resolution=2.0).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    """
    import scipy.sparse as sp

    lab = _canonical(lab)
    k, n = int(lab.max()) + 1, len(lab)
    if k <= 1:
        return lab
    M = sp.csr_matrix((np.ones(n), (lab, np.arange(n))), shape=(k, n))
    W = np.asarray((M @ sp.csr_matrix(A, dtype=np.float64) @ M.T).todense())
    deg = W.sum(axis=1)
    m2 = float(deg.sum())
    if m2 == 0:
        return lab
    alive = np.ones(k, dtype=bool)
    parent = np.arange(k)
    while True:
        # gain of merging a and b: 2·(W_ab − γ·K_a·K_b / 2m) / 2m
        G = W - resolution * np.outer(deg, deg) / m2
        np.fill_diagonal(G, -np.inf)
        G[~alive, :] = -np.inf
        G[:, ~alive] = -np.inf
        a, b = divmod(int(np.argmax(G)), k)
        if not G[a, b] > 1e-12 * m2:
            break
        a, b = min(a, b), max(a, b)
        W[a, :] += W[b, :]
        W[:, a] += W[:, b]
        W[b, :] = 0.0
        W[:, b] = 0.0
        deg[a] += deg[b]
        deg[b] = 0.0
        alive[b] = False
        parent[parent == b] = a
    return _canonical(parent[lab])


def merge_inseparable(A, lab: np.ndarray) -> np.ndarray:
    """Merge two communities while the edge weight between them is at least the weight leaving their union:
    a split is kept only when the cut between its parts is sparser than the cut around them.

    Modularity at resolution γ > 1 splits any group holding more than about 1/γ of the edge weight, even a
    clean, isolated one (two distinct topics in a small corpus came out as four at γ = 2). On the
    development sets the largest between/around ratio of two topics is 0.3, so this never fires there.

    >>> import scipy.sparse as sp
    >>> A = sp.csr_matrix(np.kron(np.eye(2), np.ones((4, 4))) - np.eye(8))
    >>> merge_inseparable(A, np.array([0, 0, 1, 1, 2, 2, 3, 3])).tolist()
    [0, 0, 0, 0, 1, 1, 1, 1]
    """
    import scipy.sparse as sp

    lab = _canonical(lab)
    while True:
        k, n = int(lab.max()) + 1, len(lab)
        if k <= 1:
            return lab
        M = sp.csr_matrix((np.ones(n), (lab, np.arange(n))), shape=(k, n))
        W = np.asarray((M @ sp.csr_matrix(A, dtype=np.float64) @ M.T).todense())
        np.fill_diagonal(W, 0.0)
        ext = W.sum(axis=1)
        around = ext[:, None] + ext[None, :] - 2 * W  # weight leaving a ∪ b
        ratio = np.where(W > 0, W / np.maximum(around, 1e-12), 0.0)
        np.fill_diagonal(ratio, 0.0)
        a, b = divmod(int(np.argmax(ratio)), k)
        if ratio[a, b] < 1.0:
            return lab
        lab = _canonical(np.where(lab == max(a, b), min(a, b), lab))


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
    n_neighbors : kNN graph degree; ``None`` (default) ⇒ ``clip(n_fit // 160, 15, 30)``: 15 up to 2,400 fitted
        points, 30 from 4,800 (on 5–10k news titles k = 30 raised NMI 0.324 → 0.339 on TNEWS and seed ARI
        0.968 → 0.984 on THUCNews, proposals unchanged; denser graphs smooth over the noisier neighbourhoods
        of a larger sample). Fewer for tiny inputs. Also the number of fitted neighbours
        that vote in ``predict``.
    resolution : modularity resolution; higher ⇒ more, smaller topics (1.0 = plain modularity).
    fit_sample : build the graph on at most this many points (seeded sample), assign the rest.
    n_consensus : Leiden runs in the first consensus round (``None`` ⇒ ``clip(200 000 / n, 20, 200)``;
        later rounds use half).
    n_iterations : Leiden iterations per run (2; -1 = until no node moves).
    leiden_backend : ``"auto"`` (default: networkit's Leiden up to 2,000 fitted points, its PLM above — both
        MIT; :func:`resolve_backend`), ``"networkit"`` (PLM: Louvain with refinement), ``"networkit-leiden"``,
        ``"graspologic"`` (MIT, optional) or ``"igraph"`` (GPL, optional, for comparison) — see :func:`topicmine.topics.leiden_backends.leiden_runs`.
    min_vote_share : a point is unassigned (``-1``) when the topic its neighbours vote for gets less than
        this share of their similarity (no clear majority: the ambiguous border), capped by
        ``max_outlier_share``.
    show_progress : progress bar (``None`` ⇒ on when the topicmine logger is at INFO).

    Fitted attributes: ``labels_`` (n,), ``n_topics_``, ``centroids_`` (n_topics, d), ``topic_sizes_``,
    ``reference_`` (the fitted sample's normalised vectors), ``reference_topic_`` (their graph topics),
    ``n_neighbors_`` (the graph degree used), ``seconds_``.

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
        n_neighbors: int | None = None,
        resolution: float = 2.0,
        fit_sample: int = 20_000,
        n_consensus: int | None = None,
        n_iterations: int = 2,
        min_vote_share: float = 0.3,
        show_progress: bool | None = None,
        leiden_backend: str = "auto",
    ) -> None:
        self.min_topic_size = min_topic_size
        self.max_outlier_share = max_outlier_share
        self.assign_all = assign_all
        self.seed = seed
        self.n_neighbors = n_neighbors
        self.resolution = resolution
        self.fit_sample = fit_sample
        self.n_consensus = n_consensus
        self.n_iterations = n_iterations
        self.min_vote_share = min_vote_share
        self.show_progress = show_progress
        self.leiden_backend = leiden_backend

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
        self.n_neighbors_ = int(self.n_neighbors) if self.n_neighbors is not None else int(np.clip(nf // 160, 15, 30))
        bar = progress(range(4), desc="主题聚类", total=4, show=self.show_progress)
        next(bar, None)
        if nf < 3:
            comm = np.zeros(nf, dtype=np.int64)
            A = None
        else:
            A = knn_graph(Xf, min(self.n_neighbors_, nf - 1), seed=self.seed)
            next(bar, None)
            comm = consensus_leiden(A, resolution=self.resolution, seed=self.seed, n_runs=self.n_consensus,
                                    n_iterations=self.n_iterations, backend=self.leiden_backend)
            comm = merge_inseparable(A, merge_positive(A, comm, resolution=self.resolution))
        next(bar, None)
        comm = self._absorb_small(comm, A, Xf)
        self.reference_ = np.ascontiguousarray(Xf, dtype=np.float32)
        self.reference_topic_ = comm
        self.n_topics_ = int(comm.max()) + 1
        next(bar, None)
        # every point (fitted or not) takes the topic its nearest fitted neighbours vote for — the rule
        # ``predict`` applies — and is left unassigned when no topic wins a clear majority of the vote
        labels, share = self._vote(X)
        if not self.assign_all and self.max_outlier_share > 0 and self.min_vote_share > 0:
            amb = np.flatnonzero(share < self.min_vote_share)
            cap = int(self.max_outlier_share * n)
            if len(amb) > cap:
                amb = amb[np.argsort(share[amb], kind="stable")[:cap]]
            labels[amb] = -1
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

    def _vote(self, X: np.ndarray, batch: int = 65536) -> tuple[np.ndarray, np.ndarray]:
        """Topic voted by the ``n_neighbors`` most similar fitted points (weights = cosine similarity) and
        the winner's share of the vote. Exact search (faiss flat) in batches; ties go to the lower topic."""
        from topicmine.knn import knn_index

        R = self.reference_
        k = max(1, min(self.n_neighbors_, len(R)))
        index = knn_index(R, exact_max=None)
        n = len(X)
        top = np.empty(n, dtype=np.int64)
        share = np.empty(n, dtype=np.float64)
        T = self.n_topics_
        for s in range(0, n, batch):
            S, I = index.search(np.ascontiguousarray(X[s : s + batch], dtype=np.float32), k)
            m = len(S)
            w = np.maximum(S, 0.0).astype(np.float64) + 1e-9
            V = np.zeros((m, T), dtype=np.float64)
            np.add.at(V, (np.repeat(np.arange(m), k), self.reference_topic_[I.ravel()]), w.ravel())
            top[s : s + m] = np.argmax(V, axis=1)
            share[s : s + m] = V[np.arange(m), top[s : s + m]] / V.sum(axis=1)
        return top, share

    def _set_centroids(self, X: np.ndarray, labels: np.ndarray) -> None:
        k = self.n_topics_
        cents = np.zeros((k, X.shape[1]), dtype=np.float64)
        ok = labels >= 0
        np.add.at(cents, labels[ok], X[ok])
        sizes = np.bincount(labels[ok], minlength=k)
        for t in np.flatnonzero(sizes == 0):  # every member fell out: use the topic's fitted points
            cents[t] = self.reference_[self.reference_topic_ == t].sum(0)
        self.centroids_ = _normalize(cents)
        self.topic_sizes_ = sizes

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Topic of each row: the vote of its nearest fitted neighbours (the rule that produced ``labels_``;
        ``predict`` always assigns, also where ``labels_`` says -1)."""
        self._check_fitted()
        return self._vote(_normalize(X))[0]

    def fit_predict(self, X: np.ndarray, y: object = None) -> np.ndarray:
        return self.fit(X).labels_

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Cosine similarity of each row to each topic centroid, shape (n, n_topics)."""
        self._check_fitted()
        return _normalize(X) @ self.centroids_.T

    def _check_fitted(self) -> None:
        if not hasattr(self, "reference_"):
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
