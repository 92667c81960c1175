"""Find duplicate pairs in a corpus, and check a new draft against history (the drafting service's call).

Both take plain data — texts, unit vectors (np.ndarray), ids and metadata dicts — so the pipeline
wires the store/embedder/index to them and a notebook can call them on a CSV.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from topicmine.dedup.candidates import candidate_pairs
from topicmine.dedup.documents import DEFAULT_DOCUMENT, CorpusStats
from topicmine.dedup.explain import explain_pair
from topicmine.dedup.features import FEATURES, pair_features
from topicmine.dedup.groups import LEVEL_RANK
from topicmine.dedup.matter import (
    decide_documents,
    first_line,
    judge,
    matter_fields,
    merge_breakdown,
    prepare_docs,
)
from topicmine.dedup.scorer import PairScorer, background_cos, load_lexical_scorer, load_scorer
from topicmine.dedup.text import containment, normalize, normalized_grams
from topicmine.errors import InputError


def _scorer(scorer: PairScorer | None, vectors: np.ndarray | None) -> PairScorer:
    if scorer is not None:
        return scorer
    return load_scorer() if vectors is not None else load_lexical_scorer()


def find_pairs(texts: Sequence[str], vectors: np.ndarray | None, ids: Sequence[str], *,
               groups: Sequence | None = None, scorer: PairScorer | None = None, k: int = 20, ngram: int = 3,
               num_perm: int = 128, lsh_threshold: float = 0.5, min_level: str | None = "相关",
               search: Callable | None = None, show_progress: bool | None = None,
               document_levels: bool | None = None, titles: Sequence[str | None] | None = None,
               embed_asks: Callable[[list[str]], np.ndarray] | None = None,
               background_vectors: np.ndarray | None = None,
               doc_types: Sequence[str | None] | None = None) -> list[dict[str, Any]]:
    """Scored duplicate pairs among ``texts`` (passages or documents), best first.

    Pairs of whole documents (both ≥ ``document["min_len"]`` normalised characters) are judged by the
    matter decision (:func:`topicmine.dedup.matter.decide_documents`: asks aligned one to one, object
    overlap, broad vs narrow); ``titles`` (the 案由) and ``embed_asks`` (texts → unit vectors, for the
    asks and titles) feed it — without ``embed_asks`` it runs in its lexical mode. Such pairs carry
    ``"regime": "document"``, the matter ``score`` (P(same matter)), ``"matter"`` (its features),
    ``"shared_asks"``, ``"section"`` and ``"reason"`` (Chinese, naming the shared asks).
    ``background_vectors`` (document vectors of a reference corpus of the same genre) replaces the
    corpus as the background of the corpus-relative document cosine.

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
    doc_cfg = getattr(sc, "document", None) or DEFAULT_DOCUMENT
    lens = np.array([len(normalize(t)) for t in texts])
    is_doc = (np.minimum(lens[ii], lens[jj]) >= int(doc_cfg.get("min_len", 200))) if document_levels is not False \
        else np.zeros(len(ii), dtype=bool)
    vecs_doc = vectors if vectors is not None and sc.uses_vectors else None
    judged = decide_documents(texts, [(int(a), int(b)) for a, b in zip(ii[is_doc], jj[is_doc])], vectors=vecs_doc,
                              titles=titles, groups=groups, doc_cfg=doc_cfg, embed_asks=embed_asks,
                              background_vectors=background_vectors if vecs_doc is not None else None,
                              doc_types=doc_types)
    jd = iter(judged)
    out = []
    for n, (c, x, s) in enumerate(zip(cands, X, scores)):
        feats = {f: round(float(v), 4) for f, v in zip(FEATURES, x)}
        extra: dict[str, Any] = {}
        if is_doc[n]:
            j = next(jd)
            lv, s = j.level, j.score
            extra = {"regime": "document", **matter_fields(j)}
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
    g = normalized_grams(text)[1]
    sims = np.array([containment(g, normalized_grams(t)[1]) for t in corpus_texts])
    top = np.argsort(-sims)[:k]
    return [int(i) for i in top if sims[i] > 0]


def check(text: str, vector: np.ndarray | None, corpus_texts: Sequence[str], corpus_vectors: np.ndarray | None,
          corpus_ids: Sequence[str], corpus_meta: Sequence[Mapping[str, Any]] | Mapping[str, Mapping[str, Any]] | None = None,
          *, scorer: PairScorer | None = None, limit: int = 10, n_candidates: int = 50,
          search: Callable[[np.ndarray, int], tuple[np.ndarray, np.ndarray]] | None = None,
          lexical_search: Callable[[str, int], Sequence[int]] | None = None,
          min_level: str | None = None, exclude_ids: Sequence[str] = (),
          corpus_background: float | None = None, document_levels: bool | None = None,
          background_vectors: np.ndarray | None = None, title: str | None = None,
          embed_asks: Callable[[list[str]], np.ndarray] | None = None,
          document_vector: np.ndarray | Callable[[], np.ndarray | None] | None = None,
          doc_type: str | None = None, explain: bool = True) -> list[dict[str, Any]]:
    """The most similar past items for a new draft, with level, score, metadata and highlights.

    A draft and a past item that are both whole documents are judged by the same matter decision as
    :func:`find_pairs` (asks aligned one to one, object overlap, broad vs narrow); ``title`` is the
    draft's 案由 (default: its first line), the past items' titles come from ``corpus_meta``, and
    ``embed_asks`` (texts → unit vectors) turns on its semantic mode.

    Candidates: the ``n_candidates`` nearest corpus vectors (``search(q, k)`` or exact inner
    product) ∪ the best lexical matches (``lexical_search(text, k)`` or exact 3-gram containment for
    corpora up to 20,000 items); all are scored with the calibrated scorer.

    Each result: ``{"id", "score", "level", "regime", "doc_type", "title", "year", "date", "author",
    "region", "category", "spans", "sentences", "context", "breakdown"}`` — spans carry offsets into
    the draft (``a_*``) and into the past item's text (``b_*``).

    Document levels: when the draft and a past item are both whole documents (≥ ``document["min_len"]``
    normalised characters) and vectors are given, the level comes from the corpus-relative document
    rules (:mod:`topicmine.dedup.documents`), exactly as :func:`find_pairs` judges two corpus documents:
    the draft's cosine to the item in standard deviations above the draft's (and the item's) background
    cosine to the corpus, plus the mutual neighbour rank; such results carry ``"z"`` and ``"rank"``.
    The background is ``background_vectors`` when given (e.g. a sample of the whole corpus), else
    ``corpus_vectors`` — pass a background when ``corpus_texts`` are only the nearest candidates,
    otherwise the draft's background is the candidates' (higher) cosine, shrunk towards the
    calibration's prior. ``document_levels=False`` turns this off (pair-model levels only).
    ``document_vector``: the draft's vector built like the corpus's document vectors (the mean of its
    passages' "passage:" vectors, :func:`topicmine.pipeline.dedup_job.draft_document_vector`); the
    document-level decision uses it instead of ``vector`` (a "query:" vector of the whole text sits
    lower against passage means: the same pair would get a z about 0.5 lower than in ``dedup``); a
    zero-argument callable is called only when some candidate is document-sized.

    ``explain=False``: the highlights (``spans``, ``sentences``, ``context``, the pair model's ``breakdown``) are
    not computed yet — each item holds them deferred under ``"_explain"``, and :func:`explained` puts them in
    place, in the same order and with the same values: a caller that shows only some items (the drafting
    history check shows those left after its own filters) explains only those.

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
    levels, extras = _check_levels(sc, text, vector, corpus_texts, corpus_vectors, idx, X, scores, use_vec,
                                   document_levels, background_vectors, title=title, document_vector=document_vector,
                                   titles=[metas[i].get("title") for i in idx], embed_asks=embed_asks,
                                   doc_types=[doc_type] + [metas[i].get("doc_type") for i in idx])
    for o, e in enumerate(extras):
        if "matter_score" in e:  # a document pair: its score is P(same matter)
            scores[o] = e.pop("matter_score")
    # strongest level first, then score (document levels are not monotone in the pair score)
    order = sorted(range(len(idx)), key=lambda o: (-LEVEL_RANK[levels[o]], -float(scores[o])))
    need = LEVEL_RANK[min_level] if min_level else -1
    out = []
    draft_meta = {"doc_type": doc_type or "proposal"}
    for o in order:
        i = idx[o]
        lv = levels[o]
        if LEVEL_RANK[lv] < need:
            continue
        m = metas[i]
        ex = _Explanation(text, corpus_texts[i], X[o], sc, float(scores[o]), draft_meta, m, extras[o])
        dt = m.get("doc_type")
        out.append({"id": corpus_ids[i], "score": round(float(scores[o]), 4), "level": lv, **extras[o],
                    "doc_type": getattr(dt, "value", dt), "title": m.get("title"), "year": m.get("year"),
                    "date": m.get("date"), "author": m.get("author"), "region": m.get("region"),
                    "category": m.get("category"), "text": corpus_texts[i],
                    **({"_explain": ex} if not explain else ex())})
        if len(out) >= limit:
            break
    return out


class _Explanation:
    """One item's highlights for :func:`check`, computed on the first call and kept."""

    __slots__ = ("args", "value")

    def __init__(self, *args: Any) -> None:
        self.args: tuple[Any, ...] | None = args
        self.value: dict[str, Any] | None = None

    def __call__(self) -> dict[str, Any]:
        if self.value is None:
            text, past, x, sc, score, draft_meta, meta, extra = self.args  # type: ignore[misc]
            ex = explain_pair(text, past, features=x, scorer=sc, score=score, a_meta=draft_meta, b_meta=meta,
                              min_span=6)
            if extra.get("regime") == "document" and extra.get("breakdown"):
                # the matter decision's own breakdown first; the pair model's evidence follows as context
                ex["breakdown"] = merge_breakdown(extra["breakdown"], ex.get("breakdown"))
                ex.pop("score", None)
            self.value, self.args = ex, None
        return self.value


def explained(items: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Items of ``check(..., explain=False)`` (or dicts built from them) with their highlights in place — the
    dicts ``check(...)`` would have given, key for key; other items unchanged.

    >>> past = ["关于加强农村留守儿童关爱保护的提案：建议建立留守儿童信息库。"]
    >>> lazy = check("建议建立农村留守儿童信息库，加强关爱保护。", None, past, None, ["P1"], explain=False)
    >>> repr(explained(lazy)) == repr(check("建议建立农村留守儿童信息库，加强关爱保护。", None, past, None, ["P1"]))
    True
    """
    out: list[dict[str, Any]] = []
    for it in items:
        if "_explain" not in it:
            out.append(dict(it) if not isinstance(it, dict) else it)
            continue
        new: dict[str, Any] = {}
        for k, v in it.items():
            if k == "_explain":
                new.update(v())  # keys already there keep their place, as in the dict literal of check
            else:
                new[k] = v
        out.append(new)
    return out


def _check_levels(sc: PairScorer, text: str, vector: np.ndarray | None, corpus_texts: Sequence[str],
                  corpus_vectors: np.ndarray | None, idx: Sequence[int], X: np.ndarray, scores: np.ndarray,
                  use_vec: bool, document_levels: bool | None,
                  background_vectors: np.ndarray | None, *, title: str | None = None,
                  titles: Sequence[str | None] | None = None,
                  embed_asks: Callable[[list[str]], np.ndarray] | None = None,
                  document_vector: np.ndarray | Callable[[], np.ndarray | None] | None = None,
                  doc_types: Sequence[str | None] | None = None,
                  ) -> tuple[list[str | None], list[dict[str, Any]]]:
    """Level of each scored candidate of :func:`check`: the matter decision for document-sized pairs
    (:func:`topicmine.dedup.matter.judge`, with the draft's corpus-relative document cosine when vectors
    exist), the pair model's levels otherwise."""
    doc_cfg = getattr(sc, "document", None) or DEFAULT_DOCUMENT
    len_a = len(normalized_grams(text)[0])
    lens = [len(normalized_grams(corpus_texts[i])[0]) for i in idx]
    levels: list[str | None] = []
    extras: list[dict[str, Any]] = []
    is_doc = [document_levels is not False and min(len_a, lb) >= int(doc_cfg.get("min_len", 200)) for lb in lens]
    zs = None

    def z_rank(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        q = np.asarray(v, dtype=np.float32).reshape(1, -1)
        cv = np.asarray(corpus_vectors, dtype=np.float32)
        bg = cv if background_vectors is None else np.asarray(background_vectors, dtype=np.float32)
        # rows: background items, then the candidates, then the draft (its own group: never paired with
        # itself); the candidates' statistics come from the same background (+ the draft)
        cand = cv[np.asarray(idx)]
        if background_vectors is None:
            allv = np.vstack([cv, q])
            rows_b = np.asarray(idx)
        else:
            # a candidate that is also in the background sample would meet itself: drop its copy
            bg = bg[(cand @ bg.T).max(axis=0) < 0.99999] if len(bg) else bg
            allv = np.vstack([bg, cand, q])
            rows_b = len(bg) + np.arange(len(idx))
        stats = CorpusStats(allv, list(range(len(allv))), doc_cfg)
        raw_cos = cand @ q[0]
        me = np.full(len(idx), len(allv) - 1)
        return stats.z(me, rows_b, raw_cos), stats.rank(me, rows_b, raw_cos)

    judged: dict[int, Any] = {}
    if not (any(is_doc) and use_vec):
        document_vector = None
    docs: list[Any] = []
    doc_rows = [o for o in range(len(idx)) if is_doc[o]]
    if any(is_doc):
        semantic = use_vec and embed_asks is not None  # lexical mode ignores doc_z
        texts_ = [text] + [corpus_texts[idx[o]] for o in doc_rows]
        titles_ = [title or first_line(text)] + [(titles[o] if titles else None) for o in doc_rows]
        first = document_vector if isinstance(document_vector, np.ndarray) else vector
        vecs_ = (np.vstack([np.asarray(first, dtype=np.float32).reshape(1, -1),
                            np.asarray(corpus_vectors, dtype=np.float32)[[idx[o] for o in doc_rows]]])
                 if semantic else None)
        kinds_ = ([doc_types[0]] + [doc_types[1 + o] for o in doc_rows]) if doc_types is not None else None
        docs = prepare_docs(texts_, titles_, vecs_, embed_asks if semantic else None, doc_types=kinds_)
    rks = None
    if document_vector is not None and use_vec and any(is_doc):
        # the draft as dedup sees a document: its passages' mean vector (a callable is embedded only now,
        # when some candidate is document-sized)
        dv = document_vector() if callable(document_vector) else document_vector
        if dv is not None:
            vector = dv
    if zs is None and any(is_doc) and use_vec:
        zs, rks = z_rank(vector)
    if any(is_doc):
        for n, o in enumerate(doc_rows, 1):
            judged[o] = judge(docs[0], docs[n], doc_z=float(zs[o]) if zs is not None else None)
            if zs is not None:
                judged[o].z, judged[o].rank = round(float(zs[o]), 3), int(rks[o])
    for o in range(len(idx)):
        if o in judged:
            j = judged[o]
            levels.append(j.level)
            extras.append({"regime": "document", **matter_fields(j), "matter_score": j.score})
        else:
            levels.append(sc.level(float(scores[o]), X[o]))
            extras.append({"regime": sc.regime_of(len_a, lens[o])})
    return levels, extras
