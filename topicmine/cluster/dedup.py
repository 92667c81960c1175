"""Near-duplicate documents across the corpus on Ray: MinHash by map_batches, LSH one task per band,
semantic kNN in blocks against a broadcast index, scoring and groups on the driver.

Candidates are exactly today's (``topicmine.dedup.candidates.candidate_pairs``: the same signatures, the same
band buckets, the same neighbours) — only where they are computed changes; the tests check the sets are equal.
Scoring uses the calibrated pair scorer (pair regime); pairs of two whole documents get the same-matter
decision on an actor pool (``document_levels``, :mod:`topicmine.cluster.matter`), as the local ``dedup``.

>>> res = dedup_candidates(texts, vectors, groups, k=20)     # doctest: +SKIP
>>> res[0]                                                   # doctest: +SKIP
{'i': 3, 'j': 17, 'via': ['lexical', 'semantic'], 'cos': 0.93, 'jaccard_est': 0.61}
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.cluster.embedding import passage_files, vectors_dir
from topicmine.cluster.lookup import VectorDirectory


def corpus_documents(out: Path, model_id: str, doc_types: Sequence[str] | None = ("proposal",)) -> dict[str, Any]:
    """Documents of the given types from the passages table: key ``shard:doc_id``, text (passages in
    order), title, and the document vector (the renormalised mean of its passage vectors)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from topicmine.dedup.candidates import document_vectors

    cols = ["shard", "doc_id", "doc_type", "hash", "text", "title", "year", "region", "meta"]
    tables = []
    for f in passage_files(out):
        t = pq.read_table(f, columns=cols)
        if doc_types:
            t = t.filter(pc.is_in(t.column("doc_type"), value_set=pa.array(list(doc_types))))
        tables.append(t)
    t = pa.concat_tables(tables) if tables else None
    if t is None or t.num_rows == 0:
        return {"keys": [], "texts": [], "vectors": np.zeros((0, 0), np.float32), "meta": {}}
    idx = [json.loads(m)["idx"] for m in t.column("meta").to_pylist()]
    keys = [f"{s}:{d}" for s, d in zip(t.column("shard").to_pylist(), t.column("doc_id").to_pylist())]
    order = sorted(range(len(keys)), key=lambda i: (keys[i], idx[i]))
    pv = VectorDirectory.build(vectors_dir(out, model_id)).get(t.column("hash").to_numpy(zero_copy_only=False))
    texts_p = t.column("text").to_pylist()
    by_doc: dict[str, list[str]] = {}
    meta: dict[str, dict[str, Any]] = {}
    for i in order:
        by_doc.setdefault(keys[i], []).append(texts_p[i])
        meta.setdefault(keys[i], {"title": t.column("title")[i].as_py(), "year": t.column("year")[i].as_py(),
                                  "region": t.column("region")[i].as_py(), "doc_type": t.column("doc_type")[i].as_py()})
    ids, V = document_vectors(pv[order], [keys[i] for i in order])
    return {"keys": ids, "texts": ["\n".join(by_doc[k]) for k in ids], "vectors": V, "meta": meta}


def signature_batch(batch: dict[str, np.ndarray], num_perm: int, ngram: int) -> dict[str, np.ndarray]:
    """map_batches body: MinHash signatures of a batch of texts (topicmine.dedup.minhash, deterministic)."""
    from topicmine.dedup.minhash import MinHashLSH

    sig = MinHashLSH(num_perm=num_perm, ngram=ngram).signatures([str(t) for t in batch["text"]])
    return {"i": np.asarray(batch["i"]), "sig": sig}


def band_pairs(block: np.ndarray, empty: np.ndarray, groups: np.ndarray | None, max_bucket: int = 200) -> np.ndarray:
    """One Ray task: candidate pairs (i < j) sharing this band's bucket (``minhash.band_bucket_pairs``)."""
    from topicmine.dedup.minhash import band_bucket_pairs

    return np.array(band_bucket_pairs(block, empty, groups, max_bucket), dtype=np.int64).reshape(-1, 2)


def _knn_block(index_bytes: Any, q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    import faiss
    import ray

    if isinstance(index_bytes, ray.ObjectRef):
        index_bytes = ray.get(index_bytes)
    return faiss.deserialize_index(index_bytes).search(np.ascontiguousarray(q, dtype=np.float32), k)


def block_search(vectors: np.ndarray, block: int = 4096):
    """A ``search(q, k)`` for ``semantic_candidates``: the exact index broadcast once, query blocks as tasks."""
    import faiss
    import ray

    from topicmine.knn import knn_index

    index = knn_index(vectors, exact_max=None)  # exact: the blocks spread the work over the cluster
    ref = ray.put(faiss.serialize_index(index))
    task = ray.remote(num_cpus=1)(_knn_block)

    def search(q: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        parts = ray.get([task.remote(ref, q[s : s + block], k) for s in range(0, len(q), block)])
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    return search


def dedup_candidates(texts: Sequence[str], vectors: np.ndarray | None, groups: Sequence | None = None, *,
                     k: int = 20, ngram: int = 3, num_perm: int = 128, lsh_threshold: float = 0.5,
                     knn_block: int = 4096) -> list[dict[str, Any]]:
    """``candidate_pairs`` computed on Ray: same output format, ``[{"i", "j", "via", "cos", "jaccard_est"}]``."""
    import pyarrow as pa
    import ray

    from topicmine.cluster.session import quiet_data
    from topicmine.dedup.candidates import semantic_candidates
    from topicmine.dedup.minhash import MinHashLSH, optimal_bands

    quiet_data()
    n = len(texts)
    ds = ray.data.from_arrow(pa.table({"i": np.arange(n), "text": list(texts)}))
    ds = ds.map_batches(signature_batch, fn_kwargs={"num_perm": num_perm, "ngram": ngram}, batch_size=1024,
                        batch_format="numpy")
    sig = np.empty((n, num_perm), dtype=np.uint32)
    for b in ds.iter_batches(batch_format="numpy", batch_size=None):
        sig[np.asarray(b["i"])] = b["sig"]
    bands, rows = optimal_bands(num_perm, lsh_threshold)
    empty = np.all(sig == np.iinfo(np.uint32).max, axis=1)
    grp = np.asarray(groups) if groups is not None else np.arange(n)
    eref, gref = ray.put(empty), ray.put(grp)
    task = ray.remote(num_cpus=1)(band_pairs)
    parts = ray.get([task.remote(np.ascontiguousarray(sig[:, b * rows : (b + 1) * rows]), eref, gref)
                     for b in range(bands)])
    lex_pairs = sorted({(int(i), int(j)) for p in parts for i, j in p})
    est = MinHashLSH.estimate_jaccard(sig, np.array(lex_pairs, dtype=np.int64).reshape(-1, 2))
    lex = {p: float(e) for p, e in zip(lex_pairs, est)}
    sem = semantic_candidates(vectors, groups, k=k, search=block_search(vectors, knn_block)) if vectors is not None else {}
    out = []
    for key in sorted(set(sem) | set(lex)):
        via = [name for name, src in (("semantic", sem), ("lexical", lex)) if key in src]
        out.append({"i": key[0], "j": key[1], "via": via, "cos": sem.get(key), "jaccard_est": lex.get(key)})
    return out


def score_and_group(cands: list[dict[str, Any]], texts: Sequence[str], vectors: np.ndarray | None,
                    ids: Sequence[str], meta: dict[str, dict[str, Any]], *, min_level: str = "相关",
                    group_level: str = "相近", document_levels: bool = False, embed: Any = None,
                    cluster: Any = None) -> dict[str, Any]:
    """Calibrated scores and levels of the candidates, then groups without chaining (driver).

    ``document_levels``: pairs of two whole documents get the same-matter decision, as the local
    ``find_pairs`` does — computed on an actor pool (:func:`topicmine.cluster.matter.decide_on_ray`,
    ``embed``: EmbedSettings of the ask embedder, None ⇒ lexical mode; ``cluster``: ClusterSettings);
    otherwise every pair takes the pair model's level (pair regime).
    """
    from topicmine.config import ClusterSettings
    from topicmine.dedup.documents import DEFAULT_DOCUMENT
    from topicmine.dedup.features import FEATURES, pair_features
    from topicmine.dedup.groups import LEVEL_RANK, group_duplicates
    from topicmine.dedup.scorer import background_cos, load_lexical_scorer, load_scorer
    from topicmine.dedup.text import normalize

    sc = load_scorer() if vectors is not None else load_lexical_scorer()
    if not cands:
        return {"pairs": [], "groups": []}
    ii = np.array([c["i"] for c in cands])
    jj = np.array([c["j"] for c in cands])
    use_v = vectors is not None and sc.uses_vectors
    X = pair_features([texts[i] for i in ii], [texts[j] for j in jj], vectors[ii] if use_v else None,
                      vectors[jj] if use_v else None)
    if use_v:
        X = sc.align_background(X, background_cos(vectors))
    scores = sc.score_features(X)
    is_doc = np.zeros(len(ii), dtype=bool)
    judged: dict[int, dict[str, Any]] = {}
    if document_levels:
        doc_cfg = getattr(sc, "document", None) or DEFAULT_DOCUMENT
        lens = np.array([len(normalize(t)) for t in texts])
        is_doc = np.minimum(lens[ii], lens[jj]) >= int(doc_cfg.get("min_len", 200))
        from topicmine.cluster.matter import decide_on_ray

        rows = np.flatnonzero(is_doc)
        titles = [meta.get(k, {}).get("title") for k in ids]
        out = decide_on_ray(texts, vectors if use_v else None, titles, [(int(ii[r]), int(jj[r])) for r in rows],
                            embed if use_v else None, cluster or ClusterSettings(), doc_cfg=doc_cfg)
        judged = {int(r): d for r, d in zip(rows, out)}
    pairs = []
    for n, (c, x, s) in enumerate(zip(cands, X, scores)):
        extra: dict[str, Any] = {}
        if is_doc[n]:
            d = judged[n]
            lv, s = d["level"], d["score"]
            extra = {"regime": "document", **d["fields"]}
        else:
            lv = sc.level(float(s), x)
        if LEVEL_RANK[lv] < LEVEL_RANK[min_level]:
            continue
        pairs.append({"a": ids[c["i"]], "b": ids[c["j"]], "score": round(float(s), 4), "level": lv, "via": c["via"],
                      "a_title": meta.get(ids[c["i"]], {}).get("title"), "b_title": meta.get(ids[c["j"]], {}).get("title"),
                      "features": {f: round(float(v), 4) for f, v in zip(FEATURES, x)}, **extra})
    pairs.sort(key=lambda p: (-LEVEL_RANK[p["level"]], -p["score"]))
    vec_map = {i: vectors[n] for n, i in enumerate(ids)} if vectors is not None else None
    groups = group_duplicates(pairs, vec_map, meta, min_level=group_level)
    return {"pairs": pairs, "groups": groups}
