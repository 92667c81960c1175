"""The whole topics stage on arrays: boilerplate → clustering → labels → evidence → ranking → stable ids.

``pipeline.py`` reads passages, token lists, metadata and vectors from the store and calls
``discover_topics``; a notebook can call it with anything of the same shape.

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> V = np.vstack([c + 0.2 * rng.normal(size=(20, 16)) for c in rng.normal(size=(2, 16))])
>>> texts = ["推进养老服务体系建设"] * 20 + ["优化营商环境，支持民营企业"] * 20
>>> toks = [["养老服务", "体系"]] * 20 + [["营商环境", "民营企业"]] * 20
>>> meta = [{"passage_id": f"p{i}", "doc_id": f"d{i // 20}", "doc_type": "proposal", "year": 2025} for i in range(40)]
>>> res = discover_topics(V, texts, toks, meta, model_id="demo")
>>> sorted(term for lab in res.labels.values() for term in lab.terms)
['养老服务', '民营企业', '营商环境']
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.topics.boilerplate import boilerplate_reasons, formula_share, is_framing_label
from topicmine.topics.cluster import TopicModel
from topicmine.topics.evidence import TopicEvidence, topic_evidence
from topicmine.topics.labels import TopicLabel, label_topics
from topicmine.topics.rank import RankedTopic, rank_topics
from topicmine.topics.stable import TopicRun, match_topics

#: label of a passage flagged as boilerplate (kept, never clustered)
BOILERPLATE = -2


@dataclass
class TopicResult:
    """Everything one topics run produced; ``assignments`` uses stable ids (-1 unassigned, -2 套话)."""

    assignments: np.ndarray
    labels: dict[int, TopicLabel]
    evidence: list[TopicEvidence]
    ranked: list[RankedTopic]
    run: TopicRun
    model: TopicModel
    boilerplate: list[str | None]
    centroids: np.ndarray  # rows in the order of `topic_ids`
    topic_ids: list[int]
    timings: dict[str, float] = field(default_factory=dict)


def _get(settings: Any, name: str, default: Any) -> Any:
    if settings is None:
        return default
    if isinstance(settings, dict):
        return settings.get(name, default)
    return getattr(settings, name, default)


def _set_aside_as_framing(clusters: np.ndarray, reasons: list[str | None], topic: int) -> None:
    """Move every passage of ``topic`` out of the topics (-2) with reason ``framing`` (in place)."""
    idx = np.flatnonzero(clusters == topic)
    clusters[idx] = BOILERPLATE
    for i in idx:
        reasons[i] = "framing"


def discover_topics(
    vectors: np.ndarray,
    texts: Sequence[str],
    token_lists: Sequence[Sequence[str]],
    metadata: Sequence[dict[str, Any]],
    *,
    settings: Any = None,
    previous_run: TopicRun | None = None,
    model_id: str = "",
    formulaic_path: str | Path | None = None,
    stopwords: Iterable[str] | None = None,
    assign_all: bool = False,
    framing_share: float = 0.4,
    show_progress: bool | None = None,
) -> TopicResult:
    """Run the topics stage. ``settings``: a TopicSettings (or dict) for seed, min_topic_size,
    max_outlier_share, n_label_terms and the ranking weights.

    ``framing_share``: a topic whose passages contain a formula/framing phrase at this share or more
    is set aside as boilerplate (its passages get -2 and reason ``framing``); so is a topic whose three best
    label terms are all situation words (``boilerplate.FRAMING_TERMS``: 困难 · 机遇 · 面临 — the 形势分析).

    Topic ids in the result are stable ids: the cluster labels renamed by ``match_topics`` against
    ``previous_run`` (identity on a first run).
    """
    n = len(texts)
    if not (len(vectors) == len(token_lists) == len(metadata) == n):
        raise ValueError(
            f"discover_topics: {len(vectors)} vectors, {n} texts, {len(token_lists)} token lists, "
            f"{len(metadata)} metadata rows — they must align one per passage"
        )
    timings: dict[str, float] = {}
    t = time.perf_counter()
    doc_ids = [m.get("doc_id", i) for i, m in enumerate(metadata)]
    reasons = boilerplate_reasons(texts, doc_ids, patterns_path=formulaic_path, show_progress=show_progress)
    keep = np.array([r is None for r in reasons])
    timings["boilerplate"] = time.perf_counter() - t

    t = time.perf_counter()
    model = TopicModel(
        min_topic_size=int(_get(settings, "min_topic_size", 5)),
        max_outlier_share=float(_get(settings, "max_outlier_share", 0.10)),
        seed=int(_get(settings, "seed", 42)),
        assign_all=assign_all,
        show_progress=show_progress,
    )
    V = np.asarray(vectors, dtype=np.float32)
    if keep.sum() == 0:
        raise ValueError("discover_topics: every passage is boilerplate; nothing to cluster")
    model.fit(V[keep])
    clusters = np.full(n, BOILERPLATE, dtype=np.int64)
    clusters[keep] = model.labels_
    # a topic made mostly of framing sentences (总体要求, 清醒地看到 …) is about the report, not a matter
    share = formula_share(texts, clusters, patterns_path=formulaic_path)
    for c, s in share.items():
        if s >= framing_share:
            _set_aside_as_framing(clusters, reasons, c)
    timings["cluster"] = time.perf_counter() - t

    t = time.perf_counter()
    Vn = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    reps: dict[int, list[int]] = {}
    for c in range(model.n_topics_):
        idx = np.flatnonzero(clusters == c)
        if len(idx):
            reps[c] = idx[np.argsort(-(Vn[idx] @ model.centroids_[c]), kind="stable")[:5]].tolist()
    labels_by_cluster = label_topics(
        clusters, token_lists, n_terms=int(_get(settings, "n_label_terms", 5)), stopwords=stopwords,
        texts=texts, representatives=reps,
    )
    # a topic labelled only by situation words (困难·机遇·面临) is the report's own 形势分析, however it is worded:
    # set aside like the formula-heavy ones above
    for c, lab in list(labels_by_cluster.items()):
        if is_framing_label(lab.terms):
            _set_aside_as_framing(clusters, reasons, c)
            del labels_by_cluster[c]
    timings["labels"] = time.perf_counter() - t

    t = time.perf_counter()
    pids = [m.get("passage_id", i) for i, m in enumerate(metadata)]
    run = TopicRun.from_fit(clusters, pids, model.centroids_, topic_labels=labels_by_cluster, model_id=model_id,
                            params=model.get_params())
    run = match_topics(previous_run, run)
    id_of = run.id_of_cluster()
    stable = np.array([id_of.get(int(c), int(c)) if c >= 0 else int(c) for c in clusters], dtype=np.int64)
    by_id = run.by_id()
    # persisting topics keep their previous label; new ones take this fit's
    labels: dict[int, TopicLabel] = {}
    for c, lab in labels_by_cluster.items():
        sid = id_of.get(c, c)
        rt = by_id.get(sid)
        terms = rt.terms if rt and rt.terms else lab.terms
        phrase = rt.phrase if rt and rt.phrase else lab.phrase
        labels[sid] = TopicLabel(sid, list(terms), lab.weights, phrase)
    topic_ids = [id_of[c] for c in range(model.n_topics_) if c in id_of]
    cents = np.stack([model.centroids_[c] for c in range(model.n_topics_) if c in id_of]) if topic_ids else \
        np.zeros((0, V.shape[1]), dtype=np.float32)
    timings["stable_ids"] = time.perf_counter() - t

    t = time.perf_counter()
    # evidence wants centroids indexed by topic id
    full = np.zeros((max(topic_ids, default=-1) + 1, V.shape[1]), dtype=np.float32)
    for sid, row in zip(topic_ids, cents):
        full[sid] = row
    ev = topic_evidence(stable, metadata, vectors=Vn, centroids=full, texts=texts)
    weights = {k: v for k, v in settings.items() if k.startswith("weight_")} if isinstance(settings, dict) else settings
    ranked = rank_topics(ev, weights, labels=labels)
    timings["evidence_rank"] = time.perf_counter() - t
    return TopicResult(stable, labels, ev, ranked, run, model, reasons, cents, topic_ids, timings)
