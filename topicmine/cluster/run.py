"""The two jobs of a national corpus: the full build and the nightly delta (what the CLI calls).

* ``run`` (periodic full rebuild): export every shard (one task each) → embed the missing hashes (actor
  pool) → train + fill + merge the IVF-PQ index → fit topics on a sample and predict all → duplicates.
* ``refresh`` (nightly): export the given (new or changed) shards → embed what is missing → new passages into
  the delta index, vanished ones filtered → topics of new passages predicted by the saved fit → duplicates
  of the new documents only. Once the delta outgrows ``delta_max`` the next ``run`` folds it in.

Both are resumable after a killed driver: exports are whole-file atomic, vectors are committed part by part
and the next run embeds only the hashes still missing.

>>> summary = run(["var/江苏=corpus/江苏", "var/浙江=corpus/浙江"], Path("var/national"), settings)  # doctest: +SKIP
>>> summary["embed"]["embedded"], summary["index"]["count"]                                        # doctest: +SKIP
(81234, 96120)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from topicmine.cluster.formats import write_json_atomic
from topicmine.config import Settings


def _stopwords(settings: Settings) -> tuple[set[str], Path | None]:
    """The label stopwords and formulaic phrases the local topics stage uses (same files)."""
    from topicmine.segment import Segmenter

    seg = settings.segment
    stop_file = settings.resolve(seg.stopwords)
    words = set(Segmenter(stopwords=stop_file if stop_file.is_file() else None).stopwords)
    label_stop = settings.resolve("corpus/dicts/label_stopwords.txt")
    if label_stop.is_file():
        words |= {w.strip() for w in label_stop.read_text(encoding="utf-8").splitlines()
                  if w.strip() and not w.lstrip().startswith("#")}
    formulaic = settings.resolve("corpus/dicts/formulaic.txt")
    return words, formulaic if formulaic.is_file() else None


def _dedup(out: Path, model_id: str, settings: Settings, only: set[str] | None = None) -> dict[str, Any]:
    from topicmine.cluster.dedup import corpus_documents, dedup_candidates, score_and_group

    docs = corpus_documents(out, model_id)
    if len(docs["keys"]) < 2:
        return {"documents": len(docs["keys"]), "pairs": 0, "groups": 0}
    s = settings.dedup
    cands = dedup_candidates(docs["texts"], docs["vectors"], None, k=s.k_neighbours, ngram=s.ngram,
                             num_perm=s.num_perm, lsh_threshold=s.lsh_threshold, knn_block=settings.cluster.knn_block)
    if only is not None:
        keys = docs["keys"]
        cands = [c for c in cands if keys[c["i"]] in only or keys[c["j"]] in only]
    rep = score_and_group(cands, docs["texts"], docs["vectors"], docs["keys"], docs["meta"], document_levels=True,
                          embed=settings.embed, cluster=settings.cluster)
    write_json_atomic(out / "dedup" / "dedup.json", rep)
    return {"documents": len(docs["keys"]), "candidates": len(cands), "pairs": len(rep["pairs"]),
            "groups": len(rep["groups"]),
            "top_pairs": [{k: p[k] for k in ("a", "b", "level", "score", "a_title", "b_title")} for p in rep["pairs"][:10]]}


def run(shards: Sequence[str], out: Path, settings: Settings, *, address: str | None = None,
        show_progress: bool | None = None) -> dict[str, Any]:
    """Full build over ``shards`` (``WORKDIR[=SRC,…]``) into ``out``; returns a JSON-ready summary."""
    from topicmine.cluster.build import build_index
    from topicmine.cluster.embedding import embed_missing, embedder_id
    from topicmine.cluster.session import ray_session
    from topicmine.cluster.shards import export_shards
    from topicmine.cluster.topics import fit_and_predict

    t0 = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    model_id, _ = embedder_id(settings.embed)
    summary: dict[str, Any] = {"out": str(out), "model_id": model_id}
    with ray_session(settings.cluster, address) as info:
        summary["ray"] = info
        ex = export_shards(shards, out)
        summary["shards"] = [{k: v for k, v in e.items() if k != "new_doc_ids"} for e in ex]
        summary["embed"] = embed_missing(out, settings.embed, settings.cluster, model_id=model_id,
                                         show_progress=show_progress)
        summary["index"] = build_index(out, model_id, settings.cluster)
        stop, formulaic = _stopwords(settings)
        tp = fit_and_predict(out, model_id, settings.topics, settings.cluster, stopwords=stop,
                             formulaic_path=formulaic, show_progress=show_progress)
        summary["topics"] = {k: v for k, v in tp.items() if not k.startswith("_") and k != "topics"} | {
            "top": [{k: t[k] for k in ("id", "label", "size", "documents")} for t in tp["topics"][:10]]}
        summary["dedup"] = _dedup(out, model_id, settings)
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    write_json_atomic(out / "runs" / f"run-{time.strftime('%Y%m%dT%H%M%S')}.json", summary)
    return summary


def refresh(shards: Sequence[str], out: Path, settings: Settings, *, address: str | None = None,
            show_progress: bool | None = None) -> dict[str, Any]:
    """Nightly delta for ``shards`` (new or changed ones); the rest of ``out`` stays as it is."""
    from topicmine.cluster.build import sync_delta
    from topicmine.cluster.embedding import embed_missing, embedder_id
    from topicmine.cluster.session import ClusterError, ray_session
    from topicmine.cluster.shards import export_shards
    from topicmine.cluster.topics import predict_new

    t0 = time.perf_counter()
    out = Path(out)
    model_id, _ = embedder_id(settings.embed)
    from topicmine.cluster.build import index_dir

    if not (index_dir(out, model_id) / "manifest.json").is_file():
        raise ClusterError(f"{out}: no index for {model_id} yet; run `topicmine cluster run --out {out}` first")
    summary: dict[str, Any] = {"out": str(out), "model_id": model_id}
    with ray_session(settings.cluster, address) as info:
        summary["ray"] = info
        ex = export_shards(shards, out)
        new_docs = {d for e in ex for d in e["new_doc_ids"]}
        summary["shards"] = [{k: v for k, v in e.items() if k != "new_doc_ids"} for e in ex]
        summary["embed"] = embed_missing(out, settings.embed, settings.cluster, model_id=model_id,
                                         show_progress=show_progress)
        delta = sync_delta(out, model_id)
        summary["index"] = {k: v for k, v in delta.items() if k != "new_gids"}
        summary["index"]["rebuild_due"] = delta["delta"] > settings.cluster.delta_max
        summary["topics"] = predict_new(out, model_id, delta["new_gids"])
        summary["dedup"] = _dedup(out, model_id, settings, only=new_docs) if new_docs else {"new_documents": 0}
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    write_json_atomic(out / "runs" / f"refresh-{time.strftime('%Y%m%dT%H%M%S')}.json", summary)
    return summary
