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
    background: str = "corpus",
) -> dict[str, Any]:
    """Find, score, explain and group near-duplicate documents; writes dedup.json/.csv/.html.

    ``only_ids`` keeps pairs that involve at least one of these documents (the
    nightly refresh checks only what is new). ``background`` is what a document's usual
    cosine is measured against for the document-level decision: ``"corpus"`` (the selected
    documents themselves; how the proposals' cut was calibrated) or ``"archive"`` (the documents of
    the same types that the region/year filters leave out, e.g. earlier years' messages — a hot
    issue raised by many of this year's items then does not hide itself; falls back to the
    corpus below 10 archive documents).
    """
    from topicmine.dedup import dedup_report, write_report

    if background not in ("corpus", "archive"):
        raise InputError(f"background {background!r}: use corpus (the selection itself) or archive (the rest of the store)")
    t0 = time.perf_counter()
    ids, texts, vectors, meta = corpus_documents(ws, doc_types=doc_types, region=region, year_from=year_from, year_to=year_to)
    s = ws.settings.dedup
    bg, bg_note = None, "corpus"
    if background == "archive" and vectors is not None:
        bg = _archive_vectors(ws, doc_types, set(ids))
        bg_note = f"archive ({len(bg)} documents)" if bg is not None else "corpus (archive has < 10 embedded documents)"
    report = dedup_report(
        texts, vectors, ids, meta, k=s.k_neighbours, ngram=s.ngram, num_perm=s.num_perm,
        lsh_threshold=s.lsh_threshold, show_progress=show_progress,
        titles=[meta[i]["title"] for i in ids], embed_asks=ask_embedder(ws) if vectors is not None else None,
        background_vectors=bg,
    )
    report.setdefault("summary", {})["background"] = bg_note
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


def _archive_vectors(ws: Workspace, doc_types: Iterable[str] | str | None, selected: set[str]) -> Any:
    """Document vectors of the stored documents of ``doc_types`` outside ``selected`` (≤ 2,000, fixed
    seed), or None when fewer than 10 are embedded."""
    import numpy as np

    try:
        ids, _, vectors, _ = corpus_documents(ws, doc_types=doc_types)
    except InputError:
        return None
    if vectors is None:
        return None
    keep = [n for n, i in enumerate(ids) if i not in selected]
    if len(keep) < 10:
        return None
    if len(keep) > 2000:
        keep = sorted(np.random.default_rng(0).choice(keep, 2000, replace=False).tolist())
    return vectors[keep]


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
        _ = ws.embedder  # loading is what may fail
    except Exception as exc:  # no model built: the matter decision runs in its lexical mode
        if not isinstance(exc, (OSError, LookupError)) and type(exc).__name__ not in {"ModelError", "ConfigError"}:
            raise
        return None
    return lambda texts: short_text_vectors(ws, list(texts))


# ---- evaluation on labelled proposal pairs (`topicmine eval proposal-pairs`, scripts/calibrate_matter.py) --
def labelled_corpus(ws: Workspace, corpus: Path | str, pairs: Path | str, *,
                    show_progress: bool | None = None) -> dict[str, Any]:
    """Ingest + embed ``corpus`` into ``ws`` (reusing what is there) and line the labelled pairs up with it.

    Returns ``{"ids", "texts", "vectors", "meta", "titles", "rows": [(i, j)], "labels": [...], "sure": [...]}``
    where ``rows`` index the corpus lists. Labels name documents by the table's id column (e.g.
    ``pkid``, kept by ingest as ``meta["id"]``) or by topicmine's document id.
    """
    from topicmine.dedup.proposal_eval import read_labelled_pairs
    from topicmine.pipeline.core import embed, ingest

    corpus = Path(corpus)
    if not corpus.is_file():
        raise InputError(f"{corpus}: corpus file not found; give the proposals table (e.g. jszx2019_dev.csv)")
    labelled = read_labelled_pairs(pairs)
    ingest(ws, [corpus], doc_type="proposal", show_progress=show_progress)
    embed(ws, show_progress=show_progress)
    src = str(corpus.resolve())
    keys: dict[str, str] = {}
    for d in ws.store.iter_documents(doc_types=["proposal"]):
        if any(str(x).split("#")[0] == src for x in d.sources):
            keys[d.id] = d.id
            if d.meta.get("id"):
                keys[str(d.meta["id"])] = d.id
    ids, texts, vectors, meta = corpus_documents(ws, doc_types=("proposal",))
    keep = [n for n, i in enumerate(ids) if i in set(keys.values())]
    ids = [ids[n] for n in keep]
    texts = [texts[n] for n in keep]
    vectors = vectors[keep] if vectors is not None else None
    row = {i: n for n, i in enumerate(ids)}
    missing = sorted({k for p in labelled for k in (p["a"], p["b"]) if keys.get(k) not in row})
    if missing:
        raise InputError(f"{pairs}: {len(missing)} labelled ids are not documents of {corpus} "
                         f"(e.g. {', '.join(missing[:3])}); label pairs by the table's id column")
    return {"ids": ids, "texts": texts, "vectors": vectors, "meta": {i: meta[i] for i in ids},
            "titles": [meta[i]["title"] for i in ids],
            "rows": [(row[keys[p["a"]]], row[keys[p["b"]]]) for p in labelled],
            "labels": [p["label"] for p in labelled], "sure": [p["sure"] for p in labelled]}


def matter_table(ws: Workspace, data: dict[str, Any], *, semantic: bool = True) -> list[Any]:
    """The matter judgements (features, level under the shipped model) of the labelled pairs."""
    from topicmine.dedup.matter import decide_documents

    use = semantic and data["vectors"] is not None
    return decide_documents(data["texts"], data["rows"], vectors=data["vectors"] if use else None,
                            titles=data["titles"], embed_asks=ask_embedder(ws) if use else None)


def proposal_pairs_eval(ws: Workspace, corpus: Path | str, pairs: Path | str, *, folds: int = 5, repeats: int = 5,
                        show_progress: bool | None = None, seed: int = 0) -> dict[str, Any]:
    """See :func:`topicmine.evaluate.eval_proposal_pairs`."""
    import hashlib

    import numpy as np

    from topicmine.dedup.matter import MATTER_FEATURES, calibration_provenance
    from topicmine.dedup.matter_fit import aligned_column, cross_validate
    from topicmine.dedup.proposal_eval import POSITIVE, best_threshold, char_jaccard, level_metrics, tfidf_cosines

    t0 = time.perf_counter()
    data = labelled_corpus(ws, corpus, pairs, show_progress=show_progress)
    ids, texts, vectors, labels = data["ids"], data["texts"], data["vectors"], data["labels"]
    s = ws.settings.dedup
    # 1. the shipped decision as `topicmine dedup` runs it: the same candidate generator over the whole
    # corpus, then the document-level decision (decide_documents, what find_pairs calls for document-sized
    # pairs) on the labelled pairs among the candidates; the corpus-relative statistics use every document,
    # so a pair's level does not depend on which other pairs are scored. (find_pairs itself would also
    # compute the pair-model features of all ~4,000 candidate pairs, which only its report uses.)
    from topicmine.dedup.candidates import candidate_pairs
    from topicmine.dedup.matter import decide_documents
    from topicmine.dedup.text import normalize

    cands = candidate_pairs(texts, vectors, list(ids), k=s.k_neighbours, ngram=s.ngram, num_perm=s.num_perm,
                            lsh_threshold=s.lsh_threshold, show_progress=show_progress)
    cand_keys = {frozenset((c["i"], c["j"])) for c in cands}
    keys = [frozenset(r) for r in data["rows"]]
    short = [r for r in data["rows"] if min(len(normalize(texts[r[0]])), len(normalize(texts[r[1]]))) < 200]
    if short:
        raise InputError(f"{len(short)} labelled pairs are shorter than a document (200 characters); "
                         "this evaluation is for whole proposals")
    todo = [r for r, k in zip(data["rows"], keys) if k in cand_keys]
    judged = decide_documents(texts, todo, vectors=vectors, titles=data["titles"],
                              embed_asks=ask_embedder(ws) if vectors is not None else None)
    level_of = {frozenset(r): j.level for r, j in zip(todo, judged)}
    predicted = [level_of.get(k) for k in keys]
    shipped = level_metrics(labels, predicted)
    pos = [k for k, g in zip(keys, labels) if g in POSITIVE]
    cand = {"positives": len(pos), "found": sum(k in cand_keys for k in pos),
            "all_labelled": len(keys), "all_found": sum(k in cand_keys for k in keys), "candidate_pairs": len(cands),
            "k_neighbours": s.k_neighbours}
    cand["recall"] = round(cand["found"] / max(1, cand["positives"]), 4)
    # 2. baselines on the labelled pairs, each at its best threshold on these labels (optimistic)
    ii = np.array([r[0] for r in data["rows"]])
    jj = np.array([r[1] for r in data["rows"]])
    baselines: dict[str, Any] = {
        "char3_jaccard": best_threshold([char_jaccard(texts[i], texts[j]) for i, j in data["rows"]], labels),
        "tfidf_cosine": best_threshold(tfidf_cosines(texts, data["rows"]), labels),
    }
    if vectors is not None:
        baselines["e5_document_cosine"] = best_threshold(np.einsum("ij,ij->i", vectors[ii], vectors[jj]), labels)
    for v in baselines.values():
        v["note"] = "threshold chosen on these labels (optimistic)"
    # 3. the combiner cross-validated on these labels (features of every labelled pair)
    cv: dict[str, Any] = {}
    if folds and folds > 1:
        for mode, semantic in (("semantic", True), ("lexical", False)):
            if semantic and vectors is None:
                continue
            js = matter_table(ws, data, semantic=semantic)
            F = np.array([[j.features[n] for n in MATTER_FEATURES] for j in js])
            extra = {"jac3": np.array([j.features["jac3"] for j in js]),
                     "cover_min": np.array([j.features["cover_min"] for j in js]),
                     "aligned": aligned_column([j.aligned for j in js])}
            # the semantic mode's ask similarity is background-rescaled: its same-ask level is ask_threshold
            res = cross_validate(F, labels, MATTER_FEATURES, extra, k=folds, repeats=repeats, mode=mode, seed=seed,
                                 rule_feature="doc", same_level=0.5 if semantic else None)
            res.pop("pooled_levels", None)
            res.pop("pooled_rule_levels", None)
            res.pop("folds", None) if repeats * folds > 25 else None
            cv[mode] = res
    digest = hashlib.sha256(Path(pairs).read_bytes()).hexdigest()[:16]
    prov = calibration_provenance()
    return {
        "corpus": str(corpus), "pairs": str(pairs), "pairs_sha256": digest, "documents": len(ids),
        "labels": {g: labels.count(g) for g in ("重复", "相近", "相关", "无关")},
        "mode": "semantic" if vectors is not None else "lexical",
        "shipped": shipped, "candidates": cand, "baselines": baselines, "cv": cv,
        "calibration": {"fitted_on_this_file": digest in json_dumps(prov), "created": prov.get("created"),
                        "data": prov.get("data")},
        "model": ws.embedder.model_id if vectors is not None else None,
        "seconds": round(time.perf_counter() - t0, 1),
    }


def json_dumps(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, default=str)


# ---- a draft as dedup sees a document (check, /similar, the drafting history check) ---------------
#: a draft's passage vectors ("passage:" side) are cached under ``<model id>#draft`` by content hash — not
#: under the corpus's model id, so stats and the index never count them; ``prune_embeddings`` drops them
DRAFT_MODEL_SUFFIX = "#draft"


def _stored_vectors(store: Any, model_id: str, hashes: list[str]) -> dict[str, Any]:
    """The vectors ``store`` holds for ``hashes`` under ``model_id`` (the missing ones left out)."""
    try:
        return dict(zip(hashes, store.get_embeddings(model_id, hashes)))
    except KeyError as exc:
        missing = set(getattr(exc, "missing", hashes))
        known = [h for h in hashes if h not in missing]
        return dict(zip(known, store.get_embeddings(model_id, known))) if known else {}


def _draft_passages(ws: Workspace, text: str) -> list[Any]:
    from topicmine.ingest.normalize import normalize_text

    t = normalize_text(text or "")
    seg = ws.segmenter
    return [p for p in seg.passages(t, seg.sections(t)) if p.text.strip()]


def prefetch_document_vectors(ws: Workspace, texts: list[str]) -> int:
    """Embed the passages of several drafts in one model call and keep them (``<model id>#draft``), so each
    draft's :func:`draft_document_vector` in the history check finds them: a split's seven drafts cost one
    length-sorted batch instead of seven small ones (each call pays a fixed cost and pads to its longest
    passage). Returns how many passages were embedded.

    >>> prefetch_document_vectors(ws, ["关于加强社区托育服务供给的提案\\n具体建议：……", "关于……"])  # doctest: +SKIP
    6
    """
    import numpy as np

    from topicmine.embed import embed_passages

    emb = ws.embedder
    todo = {p.hash: (p.hash, p.text) for t in texts for p in _draft_passages(ws, t)}
    for mid in (emb.model_id, emb.model_id + DRAFT_MODEL_SUFFIX):
        for h in _stored_vectors(ws.store, mid, list(todo)):
            todo.pop(h, None)
    if not todo:
        return 0
    new: dict[str, Any] = {}
    embed_passages(list(todo.values()), emb, put=lambda hs, vs: new.update(zip(hs, vs)), show_progress=False)
    ws.store.put_embeddings(emb.model_id + DRAFT_MODEL_SUFFIX, list(new), np.asarray(list(new.values())))
    return len(new)


def draft_document_vector(ws: Workspace, text: str) -> Any:
    """The unit vector of ``text`` built exactly like a stored document's: normalised as ingest does, cut
    into passages by the workspace's segmenter, each passage embedded on the "passage:" side (cached
    vectors reused by content hash), then the renormalised mean — so a draft and a corpus document are
    compared on one scale and ``check`` gives the level ``dedup`` gives for the same pair.

    None when the text has no passage or no model loads.

    >>> draft_document_vector(ws, "关于加快建立农村互助养老服务体系的建议\\n具体建议：……").shape  # doctest: +SKIP
    (384,)
    """
    import logging

    import numpy as np

    from topicmine.embed import embed_passages

    passages = _draft_passages(ws, text)
    if not passages:
        return None
    emb = ws.embedder
    hashes = [p.hash for p in passages]
    got: dict[str, Any] = {}
    # the corpus's own passages first, then the drafts' passages cached by an earlier split or check: a
    # check-draft of the folder a split just wrote embeds nothing again
    for mid in (emb.model_id, emb.model_id + DRAFT_MODEL_SUFFIX):
        want = [h for h in dict.fromkeys(hashes) if h not in got]
        if not want:
            break
        got.update(_stored_vectors(ws.store, mid, want))
    todo = list({p.hash: (p.hash, p.text) for p in passages if p.hash not in got}.values())
    if todo:
        new: dict[str, Any] = {}
        embed_passages(todo, emb, put=lambda hs, vs: new.update(zip(hs, vs)), show_progress=False)
        got.update(new)
        try:
            ws.store.put_embeddings(emb.model_id + DRAFT_MODEL_SUFFIX, list(new), np.asarray(list(new.values())))
        except Exception as exc:  # a read-only or busy store: the vectors are still good for this call
            logging.getLogger("topicmine").info("draft passage vectors not cached (%s)", exc)
    v = np.mean([np.asarray(got[h], dtype=np.float32) for h in hashes], axis=0)
    n = float(np.linalg.norm(v))
    return (v / n).astype(np.float32) if n > 0 else None


def history_rule_levels(ws: Workspace, data: dict[str, Any], *, side: str = "passage",
                        document_vectors: Any = None, show_progress: bool | None = None) -> dict[str, list[Any]]:
    """Levels the drafting history check gives the labelled pairs of ``data`` (:func:`labelled_corpus`): pair
    (a, b) is checked as a draft ``a`` against the past item ``b``, with the rest of the corpus as background
    (neither a nor b in it), through :func:`topicmine.dedup.check` as ``similar_items`` calls it.

    The draft's document vector: ``side="passage"`` the mean of its passages' "passage:" vectors (the stored
    document vector, what the rule was fitted on); ``side="query"`` the mean of its sentences' "query:" vectors
    (what a split has; measured and lost: docs/figures/drafts9s.md); ``document_vectors(i)`` (a callable) any
    other estimate for the draft at corpus row ``i`` (``benchmarks/drafts_query_refit.py``). Returns
    ``{"levels", "cos", "z"}`` in the order of ``data["rows"]`` (cos: the draft-side document vector against
    the stored passage-side one).

    >>> history_rule_levels(ws, labelled_corpus(ws, "jszx2019_dev.csv", "pairs_dev.jsonl"))["levels"][:3]  # doctest: +SKIP
    ['相关', None, '相近']
    """
    import numpy as np

    from topicmine import dedup
    from topicmine.pipeline.sentence_vectors import SentenceVectors, embed_sentences
    from topicmine.progress import progress

    if side not in ("passage", "query"):
        raise InputError(f"side={side!r}: use 'passage' or 'query'")
    texts, vecs, ids, meta = data["texts"], data["vectors"], data["ids"], data["meta"]
    if vecs is None:
        raise InputError("the labelled corpus has no vectors: run `topicmine embed` on its workspace first")
    scorer = dedup.load_scorer(model_id=ws.embedder.model_id, on_mismatch="lexical")
    embed_asks = ask_embedder(ws)
    embed_sentences(ws, sorted({texts[i] for i, _ in data["rows"]}))  # all drafts' sentences in one batch
    qvec: dict[int, Any] = {}
    dvec: dict[int, Any] = {}
    levels: list[Any] = []
    cos: list[float] = []
    zs: list[Any] = []
    for i, j in progress(data["rows"], desc="history rule", total=len(data["rows"]), show=show_progress):
        if i not in qvec:
            qvec[i] = SentenceVectors(ws, texts[i]).query(texts[i])[0]
            dvec[i] = (document_vectors(i) if document_vectors is not None
                       else vecs[i] if side == "passage" else qvec[i])
        dv = dvec[i]
        cos.append(float(np.dot(dv, vecs[i])))
        keep = np.ones(len(ids), dtype=bool)
        keep[[i, j]] = False
        found = dedup.check(texts[i], qvec[i], [texts[j]], vecs[[j]], [ids[j]], [meta[ids[j]]], scorer=scorer,
                            limit=1, n_candidates=1, min_level=None, background_vectors=vecs[keep][:1000],
                            embed_asks=embed_asks, document_vector=dv, doc_type="proposal")
        levels.append(found[0]["level"] if found else None)
        zs.append(found[0].get("z") if found else None)
    return {"levels": levels, "cos": cos, "z": zs}
