"""Wiring for near-duplicate detection: documents from the store, document vectors from cached passage vectors."""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable

from topicmine.errors import InputError
from topicmine.pipeline.core import Workspace, _doc_types


def corpus_documents(
    ws: Workspace,
    *,
    doc_types: Iterable[str] | str | None = ("proposal",),
    region: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
) -> tuple[list[str], list[str], Any, dict[str, dict[str, Any]]]:
    """(ids, texts, document vectors or None, meta) for the selected documents.

    A document's vector is the renormalised mean of its passages' cached vectors;
    when some passages are not embedded yet, vectors are None and dedup runs on the
    lexical signal alone (the report says so).
    """
    import numpy as np

    store = ws.store
    types = _doc_types(doc_types)
    docs = list(store.iter_documents(doc_types=types, region=region, year_from=year_from, year_to=year_to))
    if not docs:
        raise InputError("no documents match the filters; check --type/--year or ingest first")
    ids = [d.id for d in docs]
    texts = [d.text for d in docs]
    meta = {
        d.id: {
            "title": d.title, "author": d.author, "date": d.date, "year": d.year, "category": d.category,
            "doc_type": d.doc_type.value, "doc_type_zh": d.doc_type.label_zh, "region": d.region,
        }
        for d in docs
    }
    vectors = None
    try:
        model_id = ws.embedder.model_id
        wanted = set(ids)
        by_doc: dict[str, list[str]] = defaultdict(list)
        for r in store.iter_passages(doc_types=types, region=region, year_from=year_from, year_to=year_to):
            if r.doc_id in wanted:
                by_doc[r.doc_id].append(r.hash)
        flat = [h for i in ids for h in by_doc[i]]
        if flat and store.embedded_count(model_id) and not _any_missing(store, model_id, flat):
            pv = store.get_embeddings(model_id, flat)
            out = np.zeros((len(ids), pv.shape[1]), dtype=np.float32)
            pos = 0
            for n, i in enumerate(ids):
                k = len(by_doc[i])
                if k:
                    out[n] = pv[pos : pos + k].mean(axis=0)
                pos += k
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
            vectors = out
    except Exception as exc:  # no model built yet: lexical-only, said in the summary
        if not isinstance(exc, (OSError, LookupError)) and type(exc).__name__ not in {"ModelError", "StoreError"}:
            raise
    return ids, texts, vectors, meta


def _any_missing(store: Any, model_id: str, hashes: list[str]) -> bool:
    missing = {h for h, _ in store.missing_embeddings(model_id)}
    return any(h in missing for h in hashes)


def dedup(
    ws: Workspace,
    *,
    doc_types: Iterable[str] | str | None = ("proposal",),
    region: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    only_ids: Iterable[str] | None = None,
    out_dir: Path | None = None,
    show_progress: bool | None = None,
) -> dict[str, Any]:
    """Find, score, explain and group near-duplicate documents; writes dedup.json/.csv/.html.

    ``only_ids`` keeps pairs that involve at least one of these documents (the
    nightly refresh checks only what is new).
    """
    from topicmine.dedup import dedup_report, write_report

    t0 = time.perf_counter()
    ids, texts, vectors, meta = corpus_documents(ws, doc_types=doc_types, region=region, year_from=year_from, year_to=year_to)
    s = ws.settings.dedup
    report = dedup_report(
        texts, vectors, ids, meta, k=s.k_neighbours, ngram=s.ngram, num_perm=s.num_perm,
        lsh_threshold=s.lsh_threshold, show_progress=show_progress,
    )
    if only_ids is not None:
        keep = set(only_ids)
        report["pairs"] = [p for p in report["pairs"] if p["a"] in keep or p["b"] in keep]
        report["groups"] = [g for g in report["groups"] if keep.intersection(g["members"])]
    report.setdefault("summary", {})["signals"] = "semantic+lexical" if vectors is not None else "lexical only (run `topicmine embed`)"
    out_dir = Path(out_dir) if out_dir else ws.settings.reports_dir
    files = write_report(report, out_dir)
    return {
        "documents": len(ids),
        "pairs": len(report["pairs"]),
        "groups": len(report["groups"]),
        "by_level": _levels(report["pairs"]),
        "summary": report.get("summary", {}),
        "top_pairs": [
            {k: p.get(k) for k in ("a", "b", "score", "level")} | {
                "a_title": meta[p["a"]]["title"], "b_title": meta[p["b"]]["title"]}
            for p in report["pairs"][:20]
        ],
        "group_list": [
            {"id": g.get("id"), "members": g.get("members"), "earliest": g.get("earliest"),
             "titles": [meta[m]["title"] for m in g.get("members", []) if m in meta]}
            for g in report["groups"]
        ],
        "files": files,
        "seconds": round(time.perf_counter() - t0, 3),
    }


def _levels(pairs: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in pairs:
        out[p.get("level") or "-"] = out.get(p.get("level") or "-", 0) + 1
    return out


# ---- the matter decision's inputs: asks and titles, with vectors ------------------------------------
#: ask / title vectors are cached in the store's embedding table under ``<model id>#ask`` (query side),
#: keyed by the text's content hash, so the nightly dedup embeds only new asks
ASK_MODEL_SUFFIX = "#ask"


def short_text_vectors(ws: Workspace, texts: list[str]) -> Any:
    """Unit vectors (e5 "query:" side) of short texts — asks and titles — cached in the store.

    >>> short_text_vectors(ws, ["建立和完善农村互助养老服务体系"]).shape   # doctest: +SKIP
    (1, 384)
    """
    import logging

    import numpy as np

    from topicmine.records import content_hash

    if not texts:
        return np.zeros((0, int(getattr(ws.embedder, "dim", 0) or 0)), dtype=np.float32)
    store = ws.store
    mid = ws.embedder.model_id + ASK_MODEL_SUFFIX
    hashes = [content_hash(t) for t in texts]
    try:
        return store.get_embeddings(mid, hashes)
    except KeyError as exc:
        missing = set(getattr(exc, "missing", hashes))
    todo = list(dict.fromkeys(t for t, h in zip(texts, hashes) if h in missing))
    new = ws.query_vectors(todo)
    try:
        store.put_embeddings(mid, [content_hash(t) for t in todo], new)
        return store.get_embeddings(mid, hashes)
    except Exception as exc:  # a read-only or busy store: the vectors are still good for this call
        logging.getLogger("topicmine").info("ask vectors not cached (%s)", exc)
        return ws.query_vectors(texts)


def ask_embedder(ws: Workspace) -> Any:
    """The ``embed_asks`` callable the dedup functions take, or None when no model can be loaded."""
    try:
        ws.embedder
    except Exception as exc:  # no model built: the matter decision runs in its lexical mode
        if not isinstance(exc, (OSError, LookupError)) and type(exc).__name__ not in {"ModelError", "ConfigError"}:
            raise
        return None
    return lambda texts: short_text_vectors(ws, list(texts))
