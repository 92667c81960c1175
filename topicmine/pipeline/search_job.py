"""Reading the corpus: hybrid search (FTS5 keywords fused with faiss neighbours), one document, statistics.

Part of the pipeline package: the store's keyword search, the workspace's index and query vectors, and
:func:`topicmine.hybrid.rrf_fuse` meet here.

    >>> hits = search(ws, "托育服务 社区", doc_types="proposal", limit=3)   # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any, Iterable

from topicmine.errors import InputError
from topicmine.pipeline.workspace import Workspace
from topicmine.records import DocType


def stats(ws: Workspace) -> dict[str, Any]:
    """Documents and passages by type, region and year (JSON-ready)."""
    return ws.store.stats()


def show(ws: Workspace, doc_id: str) -> dict[str, Any]:
    """One document with its metadata, sources and sections."""
    store = ws.store
    doc = store.get_document(doc_id)
    if doc is None:
        full = store.resolve_doc_id(doc_id)  # a unique id prefix is enough, as with git
        doc = store.get_document(full) if full else None
    if doc is None:
        raise InputError(f"no document with id {doc_id!r}; `topicmine search` shows ids")
    out = asdict(doc)
    out["doc_type"] = doc.doc_type.value
    out["doc_type_zh"] = doc.doc_type.label_zh
    out["sections"] = [asdict(s) for s in ws.store.document_sections(doc.id)]
    return out


def _doc_types(doc_types: Iterable[str] | str | None) -> list[DocType] | None:
    if doc_types is None:
        return None
    if isinstance(doc_types, str):
        doc_types = [t for t in doc_types.split(",") if t.strip()]
    try:
        out = [DocType.from_any(t) for t in doc_types]
    except ValueError as exc:  # a user's typo is an input error (400), not a crash
        raise InputError(str(exc)) from None
    return out or None


def search(
    ws: Workspace,
    query: str,
    *,
    doc_types: Iterable[str] | str | None = None,
    region: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    limit: int | None = None,
    mode: str = "hybrid",
) -> list[dict[str, Any]]:
    """Hybrid search: FTS5 keywords (jieba words) fused with faiss neighbours by reciprocal rank.

    ``mode`` is ``hybrid`` (default; keyword-only when no index has been built yet),
    ``keyword`` or ``semantic``. Each hit carries its document, type, region, year,
    offsets and a snippet with the query's words in 【】.

    >>> hits = search(ws, "托育服务 社区", doc_types="proposal", limit=3)   # doctest: +SKIP
    >>> hits[0]["title"]                                                     # doctest: +SKIP
    '关于加快发展社区嵌入式托育服务的提案'
    """
    from topicmine.hybrid import rrf_fuse, snippet

    query = (query or "").strip()
    if not query:
        raise InputError("empty query: give a few words, e.g. topicmine search \"社区嵌入式托育\"")
    if mode not in {"hybrid", "keyword", "semantic"}:
        raise InputError(f"unknown search mode {mode!r}; use hybrid, keyword or semantic")
    s = ws.settings.search
    limit = limit or s.limit
    types = _doc_types(doc_types)
    filters = dict(doc_types=types, region=region, year_from=year_from, year_to=year_to)
    store = ws.store
    seg = ws.segmenter
    terms = seg.terms(query) or seg.words(query) or [query]
    rankings: dict[str, list[int]] = {}
    cosines: dict[int, float] = {}
    if mode in {"hybrid", "keyword"}:
        rankings["keyword"] = [h.passage_id for h in store.keyword_search(terms, limit=s.candidates, **filters)]
    index = ws.index(required=(mode == "semantic")) if mode in {"hybrid", "semantic"} else None
    if index is not None:
        q = ws.query_vectors([query])
        # oversample when filtering, since faiss does not know the metadata
        k = s.candidates * (5 if any(v for v in filters.values()) else 1)
        scores, ids = index.search(q, min(k, max(index.ntotal, 1)))
        cand = [int(i) for i in ids[0] if i >= 0]
        cos = {int(i): float(sc) for i, sc in zip(ids[0], scores[0]) if i >= 0}
        if any(v for v in filters.values()):
            allowed = {r.id for r in store.passages(cand) if _passes(r, types, region, year_from, year_to)}
            cand = [i for i in cand if i in allowed]
        rankings["semantic"] = cand[: s.candidates]
        cosines = cos
    fused = rrf_fuse(rankings, k=s.rrf_k, limit=limit)
    rows = {r.id: r for r in store.passages([i for i, _, _ in fused])}
    hits = []
    for pid, score, ranks in fused:
        r = rows.get(pid)
        if r is None:
            continue
        snip, spans = snippet(r.text, terms)
        hits.append(
            {
                "passage_id": pid,
                "doc_id": r.doc_id,
                "title": r.title,
                "doc_type": r.doc_type.value,
                "doc_type_zh": r.doc_type.label_zh,
                "region": r.region,
                "year": r.year,
                "date": r.date,
                "author": r.author,
                "start": r.start,
                "end": r.end,
                "snippet": snip,
                "highlights": [[a, b] for a, b in spans],
                "score": round(score, 6),
                "ranks": ranks,
                "cosine": round(cosines[pid], 4) if pid in cosines else None,
            }
        )
    return hits


def _passes(r: Any, types: list[DocType] | None, region: str | None, y0: int | None, y1: int | None) -> bool:
    if types and r.doc_type not in types:
        return False
    if region and r.region != region:
        return False
    if y0 is not None and (r.year is None or r.year < y0):
        return False
    if y1 is not None and (r.year is None or r.year > y1):
        return False
    return True
