"""Carry an area's 议题 partition over a refit when the area barely changed (stable 议题 ids).

The 议题 level re-clusters each policy area's passages on their own kNN graph at a fine resolution. On the
few dozen passages of an area that partition is fragile: a handful of passages coming in or going out (three
new documents, one deleted, a filter that now keeps one more chapter lead-in) re-draws the boundaries, and a
refit renumbers 议题 nothing substantial happened to (the sample corpus: 28–32 of 35 kept after +3/−1
documents). So a refit first asks, area by area, whether the area's previous 议题 still describe it:

* the previous 议题 that *belong* to the area now are those with most of their surviving passages in it;
* the change since those 议题 were last partitioned is counted in passages — passages that arrived (new
  documents, passages that were outliers before, passages that moved in from another area) and passages
  that left (deleted, set aside, moved to another area) — cumulatively over carried refits (kept in the
  run's ``meta["since_fit"]``), so small nightly changes cannot add up to a stale partition;
* the partition is carried when both counts stay within ``max(min_topic_size − 1, max_change × fitted
  size)``: fewer new passages than a topic needs cannot make a 议题 of their own, and a tenth of an area is
  not a new area. The arrivals join the previous 议题 whose centroid (on this fit's vectors) is nearest.

Otherwise the area is re-partitioned from scratch and its counts start again.

>>> import numpy as np
>>> V = np.eye(4, dtype=np.float32)[[0, 0, 0, 1, 1, 1, 0]]
>>> prev = {"members": {7: ["a", "b", "c"], 8: ["d", "e", "f"]}, "since_fit": {}}
>>> plan = carry_plan(V, np.arange(7), ["a", "b", "c", "d", "e", "f", "g"], prev, min_topic_size=5)
>>> plan.labels.tolist(), plan.previous_ids, plan.added, plan.removed
([0, 0, 0, 1, 1, 1, 0], [7, 8], 1, 0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class CarryPlan:
    """One area's carried partition: ``labels`` (0..k−1 per passage of the area) are the previous 议题
    ``previous_ids[label]``; ``added``/``removed``: passages changed since the area was partitioned;
    ``since_fit[label]``: the same per 议题 ([added, removed], saved in the run for the next refit)."""

    labels: np.ndarray
    previous_ids: list[int]
    added: int
    removed: int
    since_fit: list[tuple[int, int]]


def previous_partition(run: Any) -> dict[str, Any] | None:
    """What a refit needs of the previous 议题 run: members by id, and the change counted since each 议题 was
    partitioned (``meta["since_fit"]``: id → [added, removed]); None without a previous run."""
    if run is None or not getattr(run, "topics", None):
        return None
    since = (getattr(run, "meta", None) or {}).get("since_fit") or {}
    return {"members": {int(t.id): [str(m) for m in t.members] for t in run.topics},
            "since_fit": {int(k): (int(v[0]), int(v[1])) for k, v in since.items()}}


def carry_plan(
    V: np.ndarray,
    idx: np.ndarray,
    pids: Sequence[str],
    previous: dict[str, Any] | None,
    *,
    min_topic_size: int,
    max_change: float = 0.1,
    alive: set[str] | None = None,
) -> CarryPlan | None:
    """The carried partition of one area, or None when the area must be re-partitioned.

    ``V``: unit vectors of every passage; ``idx``: the area's rows; ``pids``: passage id (str) per row;
    ``previous``: :func:`previous_partition`; ``alive``: passage ids of every row in this fit that is in some
    area (a previous member outside it left the topics: deleted or set aside), default all of ``pids``.
    """
    if previous is None or len(idx) == 0:
        return None
    members: dict[int, list[str]] = previous["members"]
    alive = set(pids) if alive is None else alive
    here = {pids[i] for i in idx}
    belong: list[int] = []
    for t, ms in members.items():
        live = [m for m in ms if m in alive]
        if live and sum(m in here for m in live) * 2 > len(live):
            belong.append(t)
    if not belong:
        return None
    belong.sort()
    label_of: dict[str, int] = {}
    fitted = 0
    per = []  # [added, removed] per belonging 议题 since its partition
    for k, t in enumerate(belong):
        a, r = previous["since_fit"].get(t, (0, 0))
        ms = members[t]
        fitted += len(ms) - a + r  # the 议题's size when it was partitioned
        for m in ms:
            if m in here:
                label_of[m] = k
            else:
                r += 1  # deleted, set aside, or now in another area
        per.append([a, r])
    arrivals = [i for i in idx if pids[i] not in label_of]
    added = sum(a for a, _ in per) + len(arrivals)
    removed = sum(r for _, r in per)
    allowed = max(min_topic_size - 1, max_change * max(fitted, 1))
    if added > allowed or removed > allowed:
        return None
    pos = {int(i): p for p, i in enumerate(idx)}
    labels = np.full(len(idx), -1, dtype=np.int64)
    for i in idx:
        k = label_of.get(pids[i])
        if k is not None:
            labels[pos[int(i)]] = k
    kept = np.flatnonzero(labels >= 0)
    if len(kept) == 0:
        return None
    C = np.zeros((len(belong), V.shape[1]), dtype=np.float64)
    np.add.at(C, labels[kept], V[idx[kept]])
    C /= np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)
    if arrivals:
        rows = np.array([pos[int(i)] for i in arrivals])
        labels[rows] = np.argmax(V[np.asarray(arrivals)] @ C.T, axis=1)
        for k in labels[rows].tolist():
            per[k][0] += 1
    # a previous 议题 all of whose passages left the area ends here (it vanishes or merged, by match_topics)
    used = sorted(set(labels.tolist()))
    remap = {k: j for j, k in enumerate(used)}
    return CarryPlan(np.array([remap[k] for k in labels.tolist()], dtype=np.int64),
                     [belong[k] for k in used], added, removed, [tuple(per[k]) for k in used])
