"""Find duplicate pairs in a corpus, and check a new draft against history (the drafting service's call).

Both take plain data — texts, unit vectors (np.ndarray), ids and metadata dicts — so the pipeline
wires the store/embedder/index to them and a notebook can call them on a CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from topicmine.dedup.candidates import candidate_pairs
from topicmine.dedup.explain import explain_pair
from topicmine.dedup.documents import CorpusStats, document_level
from topicmine.dedup.features import FEATURES, pair_features
from topicmine.dedup.groups import LEVEL_RANK
from topicmine.dedup.scorer import PairScorer, background_cos, load_lexical_scorer, load_scorer
from topicmine.dedup.text import containment, ngram_set, normalize
from topicmine.errors import InputError


def _scorer(scorer: PairScorer | None, vectors: np.ndarray | None) -> PairScorer:
    if scorer is not None:
        return scorer
    return load_scorer() if vectors is not None else load_lexical_scorer()


def find_pairs(texts: Sequence[str], vectors: np.ndarray | None, ids: Sequence[str], *,
               groups: Sequence | None = None, scorer: PairScorer | None = None, k: int = 20, ngram: int = 3,
               num_perm: int = 128, lsh_threshold: float = 0.5, min_level: str | None = "相关",
               search: Callable | None = None, show_progress: bool | None = None,
               document_levels: bool | None = None) -> list[dict[str, Any]]:
    """Scored duplicate pairs among ``texts`` (passages or documents), best first.

    ``groups`` is the document id of each item: same-document pairs are never produced (for whole
    documents leave it None — each id is its own group). Returns
    ``[{"a", "b", "i", "j", "score", "level", "via", "features"}]`` with ``level`` at least
    ``min_level`` (None keeps every candidate).

    >>> t = ["关于加快农村养老服务体系建设的提案：建议设立村级互助养老点。",
    ...      "关于加快建设农村养老服务体系的提案：建议设立村级互助养老站点。", "关于发展夜间经济的提案"]
    >>> [(p["a"], p["b"]) for p in find_pairs(t, None, ["P1", "P2", "P3"])]
    [('P1', 'P2')]
    """
    if len(texts) != len(ids) or (vectors is not None and len(vectors) != len(texts)):
        raise InputError(f"texts ({len(texts)}), ids ({len(ids)}) and vectors must have the same length")
    sc = _scorer(scorer, vectors)
    cands = candidate_pairs(texts, vectors if sc.uses_vectors else None, groups if groups is not None else list(ids),
                            k=k, ngram=ngram, num_perm=num_perm, lsh_threshold=lsh_threshold, search=search,
                            show_progress=show_progress)
    if not cands:
        return []
    ii = np.array([c["i"] for c in cands])
    jj = np.array([c["j"] for c in cands])
    X = pair_features([texts[i] for i in ii], [texts[j] for j in jj],
                      vectors[ii] if vectors is not None and sc.uses_vectors else None,
                      vectors[jj] if vectors is not None and sc.uses_vectors else None, show_progress=show_progress)
    if vectors is not None and sc.uses_vectors:
        # documents of one genre share a high background cosine; align it to the dev data's
        X = sc.align_background(X, background_cos(vectors))
    scores = sc.score_features(X)
    need = LEVEL_RANK[min_level] if min_level else -1
    doc_cfg = getattr(sc, "document", None)
    use_doc = vectors is not None and sc.uses_vectors and doc_cfg is not None and document_levels is not False
    if use_doc:
        raw_cos = np.einsum("ij,ij->i", np.asarray(vectors, dtype=np.float32)[ii], np.asarray(vectors, dtype=np.float32)[jj])
        stats = CorpusStats(vectors, groups if groups is not None else None, doc_cfg)
        zs, ranks = stats.z(ii, jj, raw_cos), stats.rank(ii, jj, raw_cos)
        lens = np.array([len(normalize(t)) for t in texts])
        is_doc = np.minimum(lens[ii], lens[jj]) >= int(doc_cfg.get("min_len", 200))
    out = []
    for n, (c, x, s) in enumerate(zip(cands, X, scores)):
        feats = {f: round(float(v), 4) for f, v in zip(FEATURES, x)}
        extra: dict[str, Any] = {}
        if use_doc and is_doc[n]:
            lv = document_level(float(zs[n]), int(ranks[n]), feats, doc_cfg)
            extra = {"regime": "document", "z": round(float(zs[n]), 3), "rank": int(ranks[n])}
        else:
            lv = sc.level(float(s), x)
            extra = {"regime": sc.regime_of(len(normalize(texts[c["i"]])), len(normalize(texts[c["j"]])))}
        if LEVEL_RANK[lv] < need:
            continue
        out.append({"a": ids[c["i"]], "b": ids[c["j"]], "i": c["i"], "j": c["j"], "score": round(float(s), 4),
                    "level": lv, "via": c["via"], "features": feats, **extra})
    # strongest level first, then score (document levels are not monotone in the pair score)
    out.sort(key=lambda p: (-LEVEL_RANK[p["level"]], -p["score"]))
    return out


def _lexical_top(text: str, corpus_texts: Sequence[str], k: int) -> list[int]:
    # exact 3-gram containment over the corpus: fine up to ~10⁴ items (sets, ~50 µs each); bigger
    # corpora pass ``lexical_search`` (e.g. the FTS or a MinHashLSH index) instead
    g = ngram_set(normalize(text), 3)
    sims = np.array([containment(g, ngram_set(normalize(t), 3)) for t in corpus_texts])
    top = np.argsort(-sims)[:k]
    return [int(i) for i in top if sims[i] > 0]


def check(text: str, vector: np.ndarray | None, corpus_texts: Sequence[str], corpus_vectors: np.ndarray | None,
          corpus_ids: Sequence[str], corpus_meta: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None = None,
          *, scorer: PairScorer | None = None, limit: int = 10, n_candidates: int = 50,
          search: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray]] | None = None,
          lexical_search: Callable[[str, int], Sequence[int]] | None = None,
          min_level: str | None = None, exclude_ids: Sequence[str] = (),
          corpus_background: float | None = None) -> list[dict[str, Any]]:
    """The most similar past items for a new draft, with level, score, metadata and highlights.

    Candidates: the ``n_candidates`` nearest corpus vectors (``search(q, k)`` or exact inner
    product) ∪ the best lexical matches (``lexical_search(text, k)`` or exact 3-gram containment for
    corpora up to 20,000 items); all are scored with the calibrated scorer.

    Each result: ``{"id", "score", "level", "doc_type", "title", "year", "date", "author", "region",
    "category", "spans", "sentences", "context", "breakdown"}`` — spans carry offsets into the draft
    (``a_*``) and into the past item's text (``b_*``).

    >>> past = ["关于加强农村留守儿童关爱保护的提案：建议建立留守儿童信息库。", "关于发展夜间经济的提案"]
    >>> r = check("建议建立农村留守儿童信息库，加强关爱保护。", None, past, None, ["P1", "P2"])
    >>> r[0]["id"]
    'P1'
    """
    if not text or not text.strip():
        raise InputError("the draft text is empty; give the draft's full text (案由 and 正文)")
    n = len(corpus_texts)
    if n == 0:
        return []
    if isinstance(corpus_meta, Mapping):
        metas = [dict(corpus_meta.get(i, {})) for i in corpus_ids]
    else:
        metas = [dict(m) for m in (corpus_meta or [{}] * n)]
    sc = _scorer(scorer, corpus_vectors if vector is not None else None)
    use_vec = sc.uses_vectors and vector is not None and corpus_vectors is not None
    cand: set[int] = set()
    if use_vec:
        q = np.asarray(vector, dtype=np.float32).reshape(1, -1)
        if search is not None:
            _, I = search(q, n_candidates)
            cand.update(int(i) for i in I[0] if i >= 0)
        else:
            sims = (np.asarray(corpus_vectors, dtype=np.float32) @ q[0])
            cand.update(int(i) for i in np.argsort(-sims)[:n_candidates])
    if lexical_search is not None:
        cand.update(int(i) for i in lexical_search(text, n_candidates))
    elif n <= 20_000:
        cand.update(_lexical_top(text, corpus_texts, n_candidates))
    excl = set(exclude_ids)
    idx = [i for i in sorted(cand) if corpus_ids[i] not in excl]
    if not idx:
        return []
    X = pair_features([text] * len(idx), [corpus_texts[i] for i in idx],
                      np.repeat(np.asarray(vector, dtype=np.float32).reshape(1, -1), len(idx), axis=0) if use_vec else None,
                      np.asarray(corpus_vectors)[idx] if use_vec else None)
    if use_vec:
        X = sc.align_background(X, corpus_background if corpus_background is not None
                                else background_cos(np.asarray(corpus_vectors)))
    scores = sc.score_features(X)
    order = np.argsort(-scores)
    need = LEVEL_RANK[min_level] if min_level else -1
    out = []
    draft_meta = {"doc_type": "proposal"}
    for o in order:
        i = idx[o]
        lv = sc.level(float(scores[o]), X[o])
        if LEVEL_RANK[lv] < need:
            continue
        m = metas[i]
        ex = explain_pair(text, corpus_texts[i], features=X[o], scorer=sc, score=float(scores[o]),
                          a_meta=draft_meta, b_meta=m, min_span=6)
        dt = m.get("doc_type")
        out.append({"id": corpus_ids[i], "score": round(float(scores[o]), 4), "level": lv,
                    "doc_type": getattr(dt, "value", dt), "title": m.get("title"), "year": m.get("year"),
                    "date": m.get("date"), "author": m.get("author"), "region": m.get("region"),
                    "category": m.get("category"), "text": corpus_texts[i], **ex})
        if len(out) >= limit:
            break
    return out
