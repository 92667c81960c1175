"""Topics at national scale: today's topics stage fitted on a seeded sample, the rest predicted on Ray.

1. **fit** (driver): a seeded sample of passages (``topic_sample``; all of them when the corpus is smaller)
   goes through :func:`topicmine.topics.discover_topics` unchanged — boilerplate, clustering, labels,
   stable ids. BERTopic's advice for the same wall: fit on ~10⁶, transform the rest.
2. **predict** (Ray Data ``map_batches`` over the vector parts): each distinct text's topic is the vote of
   its nearest fitted neighbours — ``TopicModel.predict``, the rule that made the fit's own labels — with
   the fitted reference vectors broadcast once.
3. **counts and evidence** (one task per shard): every passage takes its text's topic; counts by document
   type, region and year, and the passages closest to each centroid, are merged on the driver.

>>> res = fit_and_predict(Path("var/national"), model_id, TopicSettings(), ClusterSettings())  # doctest: +SKIP
>>> res["topics"][0]["label"]                                                                # doctest: +SKIP
'托育服务 · 婴幼儿 · 普惠'
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.cluster.embedding import passage_files, vectors_dir
from topicmine.cluster.formats import write_json_atomic
from topicmine.cluster.lookup import VectorDirectory
from topicmine.config import ClusterSettings, TopicSettings


def sample_passages(files: list[Path], n: int, seed: int) -> Any:
    """A seeded sample of ``n`` passage rows (all rows when there are fewer), in global-id order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sizes = [pq.ParquetFile(f).metadata.num_rows for f in files]
    total = sum(sizes)
    rng = np.random.default_rng(seed)
    pick = np.sort(rng.choice(total, n, replace=False)) if total > n else np.arange(total)
    parts, start = [], 0
    for f, s in zip(files, sizes):
        sel = pick[(pick >= start) & (pick < start + s)] - start
        if len(sel):
            parts.append(pq.read_table(f).take(pa.array(sel)))
        start += s
    return pa.concat_tables(parts).sort_by("gid")


def vote(V: np.ndarray, model: Any, *, block: int = 8192) -> tuple[np.ndarray, np.ndarray]:
    """The fitted model's rule, fast: topic voted by the ``n_neighbors_`` nearest fitted points (weight =
    cosine, ties to the lower topic) and the winner's share — the same numbers as ``TopicModel.predict``.

    One faiss flat search per block (a matrix product against the fitted points, BLAS), then the vote as
    one ``bincount`` over (row, topic) keys instead of ``np.add.at`` — same additions, same order.
    ``V``: rows already L2-normalised. E.g. a 提案 paragraph on 托育 takes the topic most of its 30
    nearest fitted paragraphs have.
    """
    from topicmine.knn import knn_index

    R = model.reference_
    k = max(1, min(int(model.n_neighbors_), len(R)))
    T = int(model.n_topics_)
    index = knn_index(R, exact_max=None)  # exact, as TopicModel._vote
    rt = np.asarray(model.reference_topic_, dtype=np.int64)
    top = np.empty(len(V), dtype=np.int64)
    share = np.empty(len(V), dtype=np.float64)
    for s in range(0, len(V), block):
        S, I = index.search(np.ascontiguousarray(V[s : s + block], dtype=np.float32), k)
        m = len(S)
        w = np.maximum(S, 0.0).astype(np.float64) + 1e-9
        W = np.bincount((np.arange(m)[:, None] * T + rt[I]).ravel(), weights=w.ravel(), minlength=m * T).reshape(m, T)
        t = np.argmax(W, axis=1)
        top[s : s + m] = t
        share[s : s + m] = W[np.arange(m), t] / W.sum(axis=1)
    return top, share


def nearest_centroid(V: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``topic_predict = "centroid"``: the topic whose centroid is most similar (one T-column matrix product
    per row, ≈ 10⁴ × cheaper than the vote at a 2·10⁵ fit) and that cosine. Not the fit's own rule: the
    figures report how often it agrees with :func:`vote`."""
    S = V @ np.asarray(centroids, dtype=np.float32).T
    t = np.argmax(S, axis=1)
    return t, S[np.arange(len(V)), t]


def predict_vectors(V: np.ndarray, model: Any, rule: str = "vote") -> tuple[np.ndarray, np.ndarray]:
    """(fitted cluster, score) of each row of ``V`` (normalised here) by ``rule`` ("vote" | "centroid")."""
    V = np.asarray(V, dtype=np.float32)
    V = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    if rule == "centroid":
        return nearest_centroid(V, model.centroids_)
    return vote(V, model)


def predict_batch(batch: Any, model: Any, rule: str = "vote") -> dict[str, np.ndarray]:
    """map_batches body (an Arrow batch of ``hash, vector``): fitted cluster number and vote share of each vector."""
    import ray

    from topicmine.cluster.formats import arrow_to_vectors

    if isinstance(model, ray.ObjectRef):
        model = ray.get(model)
    top, share = predict_vectors(arrow_to_vectors(batch.column("vector")), model, rule)
    return {"hash": batch.column("hash").to_numpy(zero_copy_only=False), "cluster": top.astype(np.int32), "share": share.astype(np.float32)}


def shard_evidence(path: str, keys: Any, clusters: Any, vdir_ref: Any, centroids: Any, n_reps: int = 5) -> dict[str, Any]:
    """One shard: each passage's cluster (by its hash), counts per cluster, the closest passages per cluster."""
    import pyarrow.parquet as pq
    import ray

    get = lambda x: ray.get(x) if isinstance(x, ray.ObjectRef) else x  # noqa: E731
    keys, clusters, vd, C = get(keys), get(clusters), get(vdir_ref), get(centroids)
    t = pq.read_table(path, columns=["gid", "hash", "doc_id", "doc_type", "region", "year", "title", "text"])
    h = np.asarray(t.column("hash").to_numpy(zero_copy_only=False), dtype="S16")
    pos = np.minimum(np.searchsorted(keys, h), len(keys) - 1)
    if not np.all(keys[pos] == h):
        raise KeyError(f"{path}: passages without a predicted topic; run `topicmine cluster refresh`")
    lab = clusters[pos]
    out_counts = _group_counts(t, lab)
    V = vd.get(t.column("hash").to_numpy(zero_copy_only=False))
    reps: dict[int, list[tuple[float, int, str, str]]] = {}
    gids = t.column("gid").to_numpy()
    titles, texts = t.column("title").to_pylist(), t.column("text").to_pylist()
    for c in np.unique(lab):
        idx = np.flatnonzero(lab == c)
        s = V[idx] @ C[c]
        best = idx[np.argsort(-s, kind="stable")[:n_reps]]
        reps[int(c)] = [(float(V[i] @ C[c]), int(gids[i]), titles[i], texts[i][:200]) for i in best]
    return {"gids": gids, "clusters": lab.astype(np.int32), "counts": out_counts, "reps": reps}


def _group_counts(t: Any, lab: np.ndarray) -> dict[int, dict[str, Any]]:
    """Per fitted cluster: passages by document type, region and year, and distinct documents — Arrow
    group-bys (C++), not a Python loop per passage."""
    import pyarrow as pa
    import pyarrow.compute as pc

    year = pc.fill_null(pc.cast(t.column("year"), pa.string()), "-")
    g = pa.table({"c": pa.array(lab.astype(np.int64)), "doc_type": t.column("doc_type"),
                  "region": pc.fill_null(pc.replace_substring_regex(t.column("region"), "^$", "-"), "-"), "year": year, "doc_id": t.column("doc_id")})
    out: dict[int, dict[str, Any]] = {}
    for key in ("doc_type", "region", "year"):
        agg = g.group_by(["c", key]).aggregate([([], "count_all")])
        for c, v, n in zip(agg.column("c").to_pylist(), agg.column(key).to_pylist(), agg.column("count_all").to_pylist()):
            out.setdefault(int(c), {"doc_type": {}, "region": {}, "year": {}, "docs": 0})[key][v] = int(n)
    agg = g.group_by("c").aggregate([("doc_id", "count_distinct")])
    for c, n in zip(agg.column("c").to_pylist(), agg.column("doc_id_count_distinct").to_pylist()):
        out[int(c)]["docs"] = int(n)
    return out


def fit_and_predict(out: Path, model_id: str, topics: TopicSettings, cluster: ClusterSettings, *,
                    stopwords: set[str] | None = None, formulaic_path: Path | None = None,
                    show_progress: bool | None = None) -> dict[str, Any]:
    """Fit on a sample, predict every passage on Ray; writes ``out/topics/{topics.json,assign.parquet}``."""
    import pyarrow as pa
    import ray

    from topicmine.cluster.formats import write_parquet_atomic
    from topicmine.topics import discover_topics

    t0 = time.perf_counter()
    files = passage_files(out)
    vdir = vectors_dir(out, model_id)
    sample = sample_passages(files, cluster.topic_sample, cluster.seed)
    vd = VectorDirectory.build(vdir)
    Vs = vd.get(sample.column("hash").to_numpy(zero_copy_only=False))
    meta = [{"passage_id": g, "doc_id": d, "doc_type": t, "region": r, "year": y, "title": ti, **json.loads(m)}
            for g, d, t, r, y, ti, m in zip(*(sample.column(c).to_pylist() for c in
                                             ("gid", "doc_id", "doc_type", "region", "year", "title", "meta")))]
    result = discover_topics(Vs, sample.column("text").to_pylist(), sample.column("words").to_pylist(), meta,
                             settings=topics, model_id=model_id, stopwords=stopwords,
                             formulaic_path=formulaic_path, show_progress=show_progress)
    t_fit = time.perf_counter() - t0
    model = result.model
    id_of = result.run.id_of_cluster()
    # what predict needs, nothing more: the fitted reference vectors and their topics
    from topicmine.topics import TopicModel

    slim = TopicModel(**model.get_params())
    for a in ("reference_", "reference_topic_", "n_topics_", "n_neighbors_", "centroids_"):
        setattr(slim, a, getattr(model, a))
    mref = ray.put(slim)
    # the nightly delta predicts with it: arrays in .npz, the rest JSON (never pickle for what a later
    # version must read)
    _save_fit(Path(out) / "topics", slim, id_of, model_id, rule=cluster.topic_predict)
    t1 = time.perf_counter()
    ds = ray.data.read_parquet([str(f) for f in vd.files]).select_columns(["hash", "vector"])
    ds = ds.map_batches(predict_batch, fn_kwargs={"model": mref, "rule": cluster.topic_predict},
                        batch_size=cluster.predict_batch,
                        batch_format="pyarrow")
    hs, cl, sh = [], [], []
    for b in ds.iter_batches(batch_format="numpy", batch_size=None):
        hs.append(np.asarray(b["hash"], dtype="S16"))
        cl.append(b["cluster"])
        sh.append(b["share"])
    keys = np.concatenate(hs)
    clusters = np.concatenate(cl)
    order = np.argsort(keys, kind="stable")
    keys, clusters = keys[order], clusters[order]
    t_pred = time.perf_counter() - t1
    cents = np.asarray(model.centroids_, dtype=np.float32)
    task = ray.remote(num_cpus=1)(shard_evidence)
    refs = [ray.put(x) for x in (keys, clusters, vd, cents)]
    parts = ray.get([task.remote(str(f), *refs) for f in files])
    # merge counts and representatives per fitted cluster, then name topics by their stable ids
    counts: dict[int, dict[str, Any]] = {}
    reps: dict[int, list] = {}
    for p in parts:
        for c, d in p["counts"].items():
            m = counts.setdefault(c, {"doc_type": Counter(), "region": Counter(), "year": Counter(), "documents": 0, "size": 0})
            for k in ("doc_type", "region", "year"):
                m[k].update(d[k])
            m["documents"] += d["docs"]
            m["size"] += sum(d["doc_type"].values())
        for c, r in p["reps"].items():
            reps[c] = sorted(reps.get(c, []) + r, key=lambda x: (-x[0], x[1]))[:5]
    gids = np.concatenate([p["gids"] for p in parts]) if parts else np.zeros(0, np.int64)
    stable = np.array([id_of.get(int(c), -1) for c in np.concatenate([p["clusters"] for p in parts])], dtype=np.int64) \
        if parts else np.zeros(0, np.int64)
    (Path(out) / "topics").mkdir(parents=True, exist_ok=True)
    write_parquet_atomic(pa.table({"gid": gids, "topic": stable}), Path(out) / "topics" / "assign.parquet")
    table = []
    for c, sid in sorted(id_of.items(), key=lambda kv: -counts.get(kv[0], {}).get("size", 0)):
        lab = result.labels.get(sid)
        if lab is None:
            continue  # set aside as framing/boilerplate by the fit
        m = counts.get(c, {"doc_type": {}, "region": {}, "year": {}, "documents": 0, "size": 0})
        table.append({"id": sid, "label": " · ".join(lab.terms), "terms": list(lab.terms), "phrase": lab.phrase,
                      "size": m["size"], "documents": m["documents"], "doc_types": dict(m["doc_type"]),
                      "by_region": dict(m["region"]), "by_year": dict(sorted(m["year"].items())),
                      "representatives": [{"gid": g, "score": round(s, 4), "title": ti, "text": tx}
                                          for s, g, ti, tx in reps.get(c, [])]})
    summary = {"model_id": model_id, "fitted_on": int(sample.num_rows), "predicted": int(len(keys)),
               "passages": int(len(gids)), "n_topics": len(table), "topics": table,
               "seconds": {"fit": round(t_fit, 3), "predict": round(t_pred, 3),
                           "total": round(time.perf_counter() - t0, 3)}}
    write_json_atomic(Path(out) / "topics" / "topics.json", summary)
    summary["_result"] = result
    summary["_assign"] = (gids, stable)
    return summary


def _save_fit(folder: Path, model: Any, id_of: Any, model_id: str, rule: str = "vote") -> None:
    """What ``predict`` needs (fitted reference vectors, their topics, centroids) as ``fit.npz`` and the
    parameters, the cluster → stable id map and the model id as ``fit.json``, each written atomically."""
    import io
    import json

    from topicmine.atomic import write_bytes_atomic

    folder.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    np.savez(buf, reference=model.reference_, reference_topic=model.reference_topic_, centroids=model.centroids_)
    write_bytes_atomic(folder / "fit.npz", buf.getvalue())
    meta = {"params": model.get_params(), "n_topics": int(model.n_topics_), "n_neighbors": int(model.n_neighbors_),
            "id_of": {str(k): v for k, v in dict(id_of).items()}, "model_id": model_id, "rule": rule}
    write_bytes_atomic(folder / "fit.json", json.dumps(meta, ensure_ascii=False, default=str).encode("utf-8"))


def _load_fit(folder: Path) -> dict[str, Any]:
    """The saved fit as ``{"model": TopicModel (predict-ready), "id_of": {...}, "model_id": ...}``."""
    import json

    from topicmine.topics import TopicModel

    meta = json.loads((folder / "fit.json").read_text(encoding="utf-8"))
    with np.load(folder / "fit.npz", allow_pickle=False) as z:
        model = TopicModel(**meta["params"])
        model.reference_ = np.ascontiguousarray(z["reference"], dtype=np.float32)
        model.reference_topic_ = z["reference_topic"]
        model.centroids_ = z["centroids"]
    model.n_topics_, model.n_neighbors_ = meta["n_topics"], meta["n_neighbors"]
    return {"model": model, "id_of": {int(k): v for k, v in meta["id_of"].items()}, "model_id": meta["model_id"],
            "rule": meta.get("rule", "vote")}


def predict_new(out: Path, model_id: str, gids: np.ndarray) -> dict[str, Any]:
    """Nightly: topics of new passages by the saved fit (a delta is small: predicted on the driver);
    ``assign.parquet`` keeps one row per passage (rows of gone passages are dropped)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from topicmine.cluster.formats import write_parquet_atomic

    folder = Path(out) / "topics"
    if not (folder / "fit.json").is_file():
        return {"predicted": 0, "reason": "no topic fit yet: run `topicmine cluster run`"}
    saved = _load_fit(folder)
    files = passage_files(out)
    t = pa.concat_tables([pq.read_table(f, columns=["gid", "hash"]) for f in files])
    all_gids = t.column("gid").to_numpy()
    pos = {int(g): i for i, g in enumerate(all_gids)}
    hashes = t.column("hash").to_numpy(zero_copy_only=False)
    sel = np.array([pos[int(g)] for g in gids], dtype=np.int64)
    topics = np.zeros(0, np.int64)
    if len(sel):
        V = VectorDirectory.build(vectors_dir(out, model_id)).get(hashes[sel])
        cl, _ = predict_vectors(V, saved["model"], saved["rule"])
        topics = np.array([saved["id_of"].get(int(c), -1) for c in cl], dtype=np.int64)
    old = pq.read_table(folder / "assign.parquet") if (folder / "assign.parquet").is_file() else None
    keep_g = old.column("gid").to_numpy() if old is not None else np.zeros(0, np.int64)
    keep_t = old.column("topic").to_numpy() if old is not None else np.zeros(0, np.int64)
    live = np.isin(keep_g, all_gids) & ~np.isin(keep_g, gids)
    g = np.concatenate([keep_g[live], np.asarray(gids, dtype=np.int64)])
    tp = np.concatenate([keep_t[live], topics])
    order = np.argsort(g)
    write_parquet_atomic(pa.table({"gid": g[order], "topic": tp[order]}), folder / "assign.parquet")
    counts: dict[int, int] = {}
    for x in topics.tolist():
        counts[x] = counts.get(x, 0) + 1
    return {"predicted": int(len(sel)), "by_topic": counts}
