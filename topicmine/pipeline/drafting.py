"""Wiring for the drafting assistant: split a report, check a draft, find similar past items, export.

Part of the pipeline package — the only place that knows the order of stages. The drafts and export
stages take plain callables (``similar``, ``embed``) and plain data; this module hands them the
workspace's store, embedder and vector index, so the service and the CLI stay thin.

    >>> from topicmine.pipeline import Workspace, split, export_draft          # doctest: +SKIP
    >>> ws = Workspace.from_settings(workdir="var/demo")                        # doctest: +SKIP
    >>> res = split(ws, open("调研报告.txt", encoding="utf-8").read())          # doctest: +SKIP
    >>> data, media, name = export_draft(ws, res["drafts"][0], fmt="docx")      # doctest: +SKIP
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from topicmine.errors import IndexMismatchError, InputError, ModelError, TopicmineError
from topicmine.pipeline.core import Workspace

if TYPE_CHECKING:
    import numpy as np

logger = logging.getLogger("topicmine")

#: a past document longer than this is compared through its best-matching passage: the dedup scorer
#: is calibrated on proposal-sized texts (length ratio, 情况/建议 parts), and a 20,000-字 work report
#: would be neither a fair nor a readable comparison
DOC_COMPARE_MAX_CHARS = 4000
#: faiss / keyword candidates per request; only these are scored (the service must stay fast)
N_PASSAGE_CANDIDATES = 60
#: query words sent to FTS5 for a long draft (the most frequent content terms)
N_QUERY_TERMS = 16

EXPORT_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown; charset=utf-8",
    "json": "application/json",
}
GENRE_ZH = {"motion": "建议案", "proposal": "提案", "opinion": "社情民意信息", "keep": "保留在报告中"}


# ---------------------------------------------------------------------------------------------
# similar past items
# ---------------------------------------------------------------------------------------------
def _semantic_parts(ws: Workspace) -> tuple[Any, Any, str | None]:
    """(index, embedder, None) when semantic retrieval works, else (None, None, why not)."""
    try:
        index = ws.index(required=False)
    except (IndexMismatchError, ModelError) as exc:
        return None, None, f"向量索引不可用（{exc}），改用关键词检索"
    except TopicmineError as exc:  # e.g. a half-built model folder: degrade, don't fail the request
        return None, None, f"向量索引不可用（{exc}），改用关键词检索"
    if index is None or index.ntotal == 0:
        return None, None, f"尚未建立向量索引（运行 topicmine embed --workdir {ws.workdir}），改用关键词检索"
    return index, ws.embedder, None


def _query_terms(ws: Workspace, text: str) -> list[str]:
    # a whole draft as an OR query would match everything; its most frequent content terms rank well
    counts = Counter(ws.segmenter.terms(text[:20000]))
    return [t for t, _ in counts.most_common(N_QUERY_TERMS)]


def similar_items(ws: Workspace, text: str, *, limit: int = 10) -> dict[str, Any]:
    """Past items most similar to ``text``, with how they were found.

    Returns ``{"items": [...], "retrieval": "semantic+keyword" | "keyword", "note": str | None}``;
    see :func:`similar` for the items.
    """
    import numpy as np

    from topicmine import dedup

    text = (text or "").strip()
    if not text:
        raise InputError("empty text: give the draft's full text (案由 and 正文)")
    limit = max(1, int(limit))
    store = ws.store
    index, emb, note = _semantic_parts(ws)

    # 1. candidate passages: faiss neighbours (when an index exists) ∪ FTS5 keyword hits
    ranked: list[int] = []
    qvec: np.ndarray | None = None
    if index is not None:
        qvec = emb.encode([text], kind="query")
        _, ids = index.search(qvec, min(N_PASSAGE_CANDIDATES, max(index.ntotal, 1)))
        ranked.extend(int(i) for i in ids[0] if i >= 0)
    terms = _query_terms(ws, text)
    if terms:
        ranked.extend(h.passage_id for h in store.keyword_search(terms, limit=N_PASSAGE_CANDIDATES))
    if not ranked:
        return {"items": [], "retrieval": "keyword" if index is None else "semantic+keyword", "note": note}

    # 2. one candidate per document (its best-ranked passage), at most a few times ``limit``
    rows = {r.id: r for r in store.passages(list(dict.fromkeys(ranked)))}
    best: dict[str, Any] = {}
    for pid in ranked:
        r = rows.get(pid)
        if r is not None and r.doc_id not in best:
            best[r.doc_id] = r
    doc_rows = list(best.values())[: max(3 * limit, 15)]

    # 3. the text each candidate is compared on: the whole document when proposal-sized, else its passage
    texts: list[str] = []
    metas: list[dict[str, Any]] = []
    hashes: list[list[str]] = []
    for r in doc_rows:
        doc = store.get_document(r.doc_id)
        whole = doc is not None and len(doc.text) <= DOC_COMPARE_MAX_CHARS
        if whole:
            texts.append(doc.text)
            hashes.append([p.hash for p in store.document_passages(r.doc_id)] if qvec is not None else [])
            offset, end = 0, len(doc.text)
        else:
            texts.append(r.text)
            hashes.append([r.hash])
            offset, end = r.start, r.end
        metas.append({"doc_type": r.doc_type, "title": r.title, "year": r.year, "date": r.date,
                      "author": r.author, "region": r.region, "category": r.category,
                      "passage_id": r.id, "start": offset, "end": end, "whole": whole})

    # 4. candidate vectors (mean of the document's passage vectors, as dedup.document_vectors does)
    cvecs: np.ndarray | None = None
    if qvec is not None:
        try:
            flat = [h for hs in hashes for h in hs]
            allv = store.get_embeddings(emb.model_id, flat)
            out = np.zeros((len(texts), allv.shape[1]), dtype=np.float32)
            pos = 0
            for i, hs in enumerate(hashes):
                v = allv[pos : pos + len(hs)].mean(axis=0)
                out[i] = v / (np.linalg.norm(v) + 1e-12)
                pos += len(hs)
            cvecs = out
        except (KeyError, TopicmineError) as exc:  # passages ingested after the last `embed`
            note = f"部分语料尚未向量化（{exc}），仅按字面相似度评分"
            logger.info("similar: %s", note)
            qvec = None

    # 5. the calibrated scorer decides levels; lexical model when there are no vectors
    retrieval = "keyword" if index is None else "semantic+keyword"
    try:
        scorer = None
        if qvec is not None:
            scorer = dedup.load_scorer(model_id=emb.model_id, on_mismatch="lexical")
            if not scorer.uses_vectors:
                qvec, cvecs = None, None
        if qvec is None:
            scorer = dedup.load_scorer(model_id="(none)", on_mismatch="lexical")
    except IndexMismatchError as exc:  # no calibration shipped: a draft can still be split and checked
        logger.warning("similar: %s", exc)
        return {"items": [], "retrieval": retrieval, "note": f"相似度评分模型不可用：{exc}"}
    ids = [r.doc_id for r in doc_rows]
    found = dedup.check(text, None if qvec is None else qvec[0], texts, cvecs, ids, metas, scorer=scorer,
                        limit=limit, n_candidates=len(texts))
    by_id = {i: m for i, m in zip(ids, metas)}
    items = []
    for f in found:
        m = by_id[f["id"]]
        dt = f.get("doc_type")
        items.append({
            **f,
            "doc_id": f["id"],
            "doc_type_zh": _doc_type_zh(dt),
            "passage_id": m["passage_id"],
            "whole_document": m["whole"],
            # offsets of ``text`` inside the past document, so a viewer can open it at the right place
            "doc_start": m["start"],
            "doc_end": m["end"],
        })
    return {"items": items, "retrieval": retrieval, "note": note}


def _doc_type_zh(value: Any) -> str | None:
    from topicmine.records import DocType

    try:
        return DocType.from_any(value).label_zh if value else None
    except (ValueError, TopicmineError):
        return None


def similar(ws: Workspace, text: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """The past proposals, replies and report passages most similar to ``text``, best first.

    Candidates come from the faiss index (top passages by the query embedding) and FTS5 keywords;
    only those documents are scored with dedup's calibrated ``check``. Without a vector index the
    keyword candidates are scored lexically and each item says ``"retrieval": "keyword"``.
    Each item: ``id/doc_id, title, level (重复/相近/相关), score, doc_type, doc_type_zh, year,
    author, region, text, spans ({a_*: offsets in the draft, b_*: offsets in text}), context,
    retrieval``.
    """
    res = similar_items(ws, text, limit=limit)
    return [{**it, "retrieval": res["retrieval"]} for it in res["items"]]
