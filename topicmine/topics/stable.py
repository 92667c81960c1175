"""Stable topic ids across runs: a refit on a grown corpus keeps the id and label of every topic that
persists, and says which topics are new, merged, split or vanished.

A *run* (``TopicRun``) is plain JSON — never pickle — holding for each topic its id, label, centroid and
member passage ids, plus the created time and the embedding model id. The caller keeps the history
(the pipeline stores runs in the store's meta table or as JSON files under ``artifacts/``).

Matching (``match_topics``): previous topic *i* and new topic *j* are compared by the Jaccard overlap of
their members restricted to passages both runs know (new passages can't vote), with centroid cosine as a
tie-breaker and as the fallback when the members changed ids (e.g. re-segmentation). The Hungarian
algorithm finds the best one-to-one pairing; pairs above ``min_overlap`` (or ``min_similarity`` by
centroid) keep the previous id and label. Then:

* a new topic left unpaired whose known members mostly come from a previous topic that *was* paired is
  a ``split`` of it; otherwise it is ``new`` and gets a fresh id;
* a previous topic left unpaired whose members mostly went into one new topic was ``merged`` into it;
  otherwise it ``vanished``.

>>> prev = TopicRun.from_fit([0, 0, 1, 1], ["p1", "p2", "p3", "p4"], [[1, 0], [0, 1]], model_id="e5")
>>> new = TopicRun.from_fit([1, 1, 0, 0, 0], ["p1", "p2", "p3", "p4", "p5"], [[0, 1], [1, 0]], model_id="e5")
>>> m = match_topics(prev, new)
>>> [(t.id, t.status) for t in m.topics]
[(1, 'persisting'), (0, 'persisting')]
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "topicmine.topics.run/1"


@dataclass
class RunTopic:
    """One topic of a run. ``cluster`` is the label the clustering gave it in this fit."""

    id: int
    cluster: int
    members: list[str]
    centroid: list[float]
    terms: list[str] = field(default_factory=list)
    phrase: str = ""
    status: str = "new"  # new | persisting | merged | split
    sources: list[int] = field(default_factory=list)  # previous ids it continues / split from / absorbed
    first_seen: str | None = None  # run_id where this id first appeared
    title: str = ""  # the matter's name (topics.titles); kept with the id like terms and phrase
    parent: int | None = None  # a 议题's policy area (stable area id) in a matter-level run


@dataclass
class TopicRun:
    """A serialisable topic run (JSON only).

    >>> run = TopicRun.from_fit([0, 1, -1], ["a", "b", "c"], [[1.0, 0.0], [0.0, 1.0]], model_id="e5-small")
    >>> TopicRun.from_json(run.to_json()).topics[1].members
    ['b']
    """

    run_id: str
    created: str
    model_id: str
    topics: list[RunTopic]
    next_id: int
    previous_run_id: str | None = None
    vanished: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    # ---- construction ---------------------------------------------------------------------------
    @classmethod
    def from_fit(
        cls,
        labels: Sequence[int] | np.ndarray,
        passage_ids: Sequence[object],
        centroids: np.ndarray | Sequence[Sequence[float]],
        *,
        topic_labels: dict[int, Any] | None = None,
        model_id: str = "",
        params: dict[str, Any] | None = None,
        meta: dict[str, Any] | None = None,
        created: str | None = None,
    ) -> TopicRun:
        """A fresh run from one fit: topic ids = cluster labels (``match_topics`` renames them)."""
        labels = np.asarray(labels)
        if len(labels) != len(passage_ids):
            raise ValueError(f"TopicRun.from_fit: {len(labels)} labels but {len(passage_ids)} passage ids")
        C = np.asarray(centroids, dtype=float)
        created = created or datetime.now(timezone.utc).isoformat(timespec="seconds")
        run_id = f"{created[:19].replace(':', '').replace('-', '')}-{uuid.uuid4().hex[:8]}"
        members: dict[int, list[str]] = {}
        for lab, pid in zip(labels.tolist(), passage_ids):
            if lab >= 0:
                members.setdefault(int(lab), []).append(str(pid))
        topics = []
        for t in sorted(members):
            lab = (topic_labels or {}).get(t)
            topics.append(
                RunTopic(
                    id=t,
                    cluster=t,
                    members=members[t],
                    centroid=[round(float(x), 6) for x in C[t]],
                    terms=list(getattr(lab, "terms", []) or []),
                    phrase=str(getattr(lab, "phrase", "") or ""),
                    title=str(getattr(lab, "title", "") or ""),
                    first_seen=run_id,
                )
            )
        return cls(run_id, created, model_id, topics, next_id=(max(members) + 1 if members else 0),
                   params=dict(params or {}), meta=dict(meta or {}))

    # ---- JSON -----------------------------------------------------------------------------------
    def to_json(self, indent: int | None = None) -> str:
        d = asdict(self)
        d["format"] = FORMAT
        return json.dumps(d, ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> TopicRun:
        d = json.loads(text)
        fmt = d.pop("format", None)
        if fmt != FORMAT:
            from topicmine.errors import IndexMismatchError

            raise IndexMismatchError(
                f"topic run has format {fmt!r}, expected {FORMAT!r}; rerun `topicmine topics` to rebuild it"
            )
        d["topics"] = [RunTopic(**t) for t in d["topics"]]
        return cls(**d)

    def by_id(self) -> dict[int, RunTopic]:
        return {t.id: t for t in self.topics}

    def id_of_cluster(self) -> dict[int, int]:
        """Cluster label of this fit → stable id."""
        return {t.cluster: t.id for t in self.topics}


def save_run(run: TopicRun, path: str | Path) -> Path:
    """Write a run atomically (:mod:`topicmine.atomic`) as UTF-8 JSON."""
    from topicmine.atomic import write_text_atomic

    return write_text_atomic(path, run.to_json())


def load_run(path: str | Path) -> TopicRun:
    return TopicRun.from_json(Path(path).read_text(encoding="utf-8"))


def match_topics(
    previous: TopicRun | None,
    new: TopicRun,
    *,
    min_overlap: float = 0.3,
    min_similarity: float = 0.95,
    part_share: float = 0.5,
) -> TopicRun:
    """Give ``new``'s topics the ids (and labels) of the previous run's topics they continue.

    Returns a new TopicRun (``new`` is not modified) whose topics carry ``status`` and ``sources``, and
    whose ``vanished`` lists previous topics with no successor (``{"id", "terms", "phrase", "status":
    "vanished" | "merged", "into": id | None}``).
    ``min_overlap``: Jaccard of known members to keep an id; ``min_similarity``: centroid cosine that
    keeps an id without member overlap; ``part_share``: share of a topic's members that makes it a
    split part / merged part.
    """
    import copy

    from scipy.optimize import linear_sum_assignment

    out = copy.deepcopy(new)
    if previous is None or not previous.topics:
        return out
    out.previous_run_id = previous.run_id
    P, N = previous.topics, out.topics
    known = {m for t in P for m in t.members}
    A = [set(t.members) for t in P]
    B = [set(t.members) & known for t in N]
    inter = np.array([[len(a & b) for b in B] for a in A], dtype=float)
    union = np.array([[len(a | b) for b in B] for a in A], dtype=float)
    jacc = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    Cp = np.array([t.centroid for t in P], dtype=float)
    Cn = np.array([t.centroid for t in N], dtype=float) if N else np.zeros((0, Cp.shape[1]))
    Cp /= np.maximum(np.linalg.norm(Cp, axis=1, keepdims=True), 1e-12)
    if len(Cn):
        Cn /= np.maximum(np.linalg.norm(Cn, axis=1, keepdims=True), 1e-12)
    cos = Cp @ Cn.T if len(Cn) else np.zeros((len(P), 0))
    # centroids decide only where members cannot: the new topic has no passage the previous run knew,
    # or none of the previous topic's passages is in the new run (e.g. re-segmented passages)
    new_known = {m for t in N for m in t.members}
    no_info = np.array([[len(b) == 0 or not (a & new_known) for b in B] for a in A], dtype=bool)
    by_cos = no_info & (cos >= min_similarity)
    score = np.where(no_info, np.where(by_cos, cos, 0.0), jacc) + 1e-3 * cos
    rows, cols = linear_sum_assignment(-score) if len(N) else ([], [])
    pair_of_new: dict[int, int] = {}
    for i, j in zip(rows, cols):
        if (not no_info[i, j] and jacc[i, j] >= min_overlap) or by_cos[i, j]:
            pair_of_new[int(j)] = int(i)
    paired_prev = set(pair_of_new.values())
    next_id = previous.next_id  # ids are never reused, even for vanished topics
    size_b = np.array([max(len(b), 1) for b in B], dtype=float)
    size_a = np.array([max(len(a), 1) for a in A], dtype=float)
    for j, t in enumerate(N):
        if j in pair_of_new:
            p = P[pair_of_new[j]]
            t.id, t.terms, t.phrase = p.id, p.terms or t.terms, p.phrase or t.phrase
            t.title = p.title or t.title
            t.first_seen = p.first_seen
            t.status, t.sources = "persisting", [p.id]
        else:
            t.id = next_id
            next_id += 1
            t.first_seen = out.run_id
            share = inter[:, j] / size_b[j] if len(P) else np.zeros(0)
            i = int(np.argmax(share)) if len(share) else -1
            if i >= 0 and share[i] >= part_share and len(B[j]) > 0 and i in paired_prev:
                t.status, t.sources = "split", [P[i].id]
            else:
                t.status, t.sources = "new", []
    vanished = []
    new_by_pos = {j: N[j].id for j in range(len(N))}
    for i, p in enumerate(P):
        if i in paired_prev:
            continue
        share = inter[i] / size_a[i] if len(N) else np.zeros(0)
        j = int(np.argmax(share)) if len(share) else -1
        if j >= 0 and share[j] >= part_share and j in pair_of_new:
            N[j].status = "merged"
            N[j].sources = sorted(set(N[j].sources) | {p.id})
            vanished.append({"id": p.id, "terms": p.terms, "phrase": p.phrase, "status": "merged",
                             "into": new_by_pos[j]})
        else:
            vanished.append({"id": p.id, "terms": p.terms, "phrase": p.phrase, "status": "vanished", "into": None})
    out.vanished = vanished
    out.next_id = next_id
    return out
