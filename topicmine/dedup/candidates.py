"""Candidate pairs: semantic neighbours (faiss inner product) ∪ lexical neighbours (MinHash/LSH).

Candidates are only *proposals* for the scorer — no cosine threshold is applied here, because raw
cosines mean different things for different models; the calibrated scorer decides.

Items are passages or whole documents; ``groups`` (the document id of each item) makes sure an
item is never paired with itself or with another passage of its own document.

>>> import numpy as np
>>> v = np.eye(3, dtype="float32"); v[1] = v[0]
>>> semantic_candidates(v, ["甲", "乙", "丙"], k=1)[(0, 1)]   # k-NN: every item gets a neighbour
1.0
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from topicmine.dedup.minhash import MinHashLSH


def document_vectors(passage_vecs: np.ndarray, passage_doc_ids: Sequence[str]) -> tuple[list[str], np.ndarray]:
    """(doc ids in first-seen order, one vector per document): the mean of its passage vectors,
    renormalised to unit length (so inner product is cosine again)."""
    order: dict[str, int] = {}
    for d in passage_doc_ids:
        order.setdefault(d, len(order))
    idx = np.fromiter((order[d] for d in passage_doc_ids), dtype=np.int64, count=len(passage_doc_ids))
    out = np.zeros((len(order), passage_vecs.shape[1]), dtype=np.float64)
    np.add.at(out, idx, passage_vecs.astype(np.float64))
    out /= np.linalg.norm(out, axis=1, keepdims=True) + 1e-12
    return list(order), out.astype(np.float32)


def semantic_candidates(vectors: np.ndarray, groups: Sequence | None = None, *, k: int = 20,
                        search: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray]] | None = None,
                        exact_max: int = 200_000) -> dict[tuple[int, int], float]:
    """``{(i, j): cosine}`` for each item's ``k`` nearest neighbours (i < j), excluding same-group pairs.

    ``search(q, k) -> (scores, ids)`` may be the project's faiss index (ids = row numbers of
    ``vectors``); otherwise a faiss index is built here (exact up to ``exact_max`` rows, IVF above).
    Extra neighbours are fetched so that ``k`` survive the same-document filter.
    """
    n = len(vectors)
    if n < 2:
        return {}
    grp = np.asarray(groups) if groups is not None else np.arange(n)
    # a document's own passages would crowd out real neighbours; ask for more when groups are large
    _, counts = np.unique(grp, return_counts=True)
    kk = min(n - 1, k + int(min(counts.max(), 50)))
    if search is not None:
        D, I = search(np.ascontiguousarray(vectors, dtype=np.float32), kk + 1)
    else:
        from topicmine.knn import ivf_nlist, knn_search

        # beyond exact_max an IVF index keeps all-pairs search near-linear (recall ≈ 0.95 at nprobe 16)
        D, I = knn_search(vectors, kk + 1, exact_max=exact_max, train_sample=50 * ivf_nlist(n))
    out: dict[tuple[int, int], float] = {}
    for i in range(n):
        taken = 0
        for s, j in zip(D[i], I[i]):
            j = int(j)
            if j < 0 or j == i or grp[j] == grp[i]:
                continue
            key = (i, j) if i < j else (j, i)
            out[key] = float(s)
            taken += 1
            if taken >= k:
                break
    return out


def lexical_candidates(texts: Sequence[str], groups: Sequence | None = None, *, ngram: int = 3,
                       num_perm: int = 128, threshold: float = 0.5,
                       show_progress: bool | None = None) -> dict[tuple[int, int], float]:
    """``{(i, j): estimated char-n-gram Jaccard}`` of LSH candidates (i < j), excluding same-group pairs.

    ``threshold`` is where the LSH S-curve is tuned (0.5 by default, well below the usual 0.8, because
    true duplicate proposals often share only a third to a half of their 3-grams).
    """
    lsh = MinHashLSH(num_perm=num_perm, threshold=threshold, ngram=ngram)
    sig = lsh.signatures(texts, show_progress=show_progress)
    pairs = sorted(lsh.candidate_pairs(sig, groups))
    est = lsh.estimate_jaccard(sig, np.array(pairs, dtype=np.int64).reshape(-1, 2))
    return {p: float(e) for p, e in zip(pairs, est)}


def candidate_pairs(texts: Sequence[str], vectors: np.ndarray | None, groups: Sequence | None = None, *,
                    k: int = 20, ngram: int = 3, num_perm: int = 128, lsh_threshold: float = 0.5,
                    search: Callable | None = None, show_progress: bool | None = None) -> list[dict]:
    """Union of semantic and lexical candidates: ``[{"i", "j", "via": ["semantic", "lexical"], "cos", "jaccard_est"}]``.

    >>> c = candidate_pairs(["关于推进垃圾分类的提案", "关于推进垃圾分类工作的提案", "发展数字经济"], None)
    >>> [(d["i"], d["j"], d["via"]) for d in c]
    [(0, 1, ['lexical'])]
    """
    sem = semantic_candidates(vectors, groups, k=k, search=search) if vectors is not None else {}
    lex = lexical_candidates(texts, groups, ngram=ngram, num_perm=num_perm, threshold=lsh_threshold,
                             show_progress=show_progress)
    out = []
    for key in sorted(set(sem) | set(lex)):
        via = [name for name, src in (("semantic", sem), ("lexical", lex)) if key in src]
        out.append({"i": key[0], "j": key[1], "via": via, "cos": sem.get(key), "jaccard_est": lex.get(key)})
    return out
