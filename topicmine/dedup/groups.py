"""Groups for 并案 (merging duplicate proposals) — complete linkage over scored pairs, so no chaining.

Single-linkage (connected components) would put A, B and C in one group when A~B and B~C even if
A and C are about different matters; an office merging proposals cannot accept that. Here two groups
merge only if *every* cross pair was scored at the required level (complete linkage), hence every
member is close to every other member — and so to the group's medoid (its centre).

>>> pairs = [{"a": "提案1", "b": "提案2", "score": 0.9}, {"a": "提案2", "b": "提案3", "score": 0.8}]
>>> [g["members"] for g in group_duplicates(pairs, min_score=0.5)]   # 1~2, 2~3, 1≁3
[['提案1', '提案2']]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

LEVEL_RANK = {"重复": 3, "相近": 2, "相关": 1, None: 0}


def _date_key(m: Mapping[str, Any]) -> tuple[int, str]:
    d = m.get("date") or (str(m["year"]) if m.get("year") else None)
    # items without a date sort last: the earliest *known* item is the group's origin
    return (0, str(d)) if d else (1, "")


def group_duplicates(pairs: Sequence[Mapping[str, Any]], vectors: Mapping[str, np.ndarray] | None = None,
                     meta: Mapping[str, Mapping[str, Any]] | None = None, *, min_level: str = "相近",
                     min_score: float | None = None) -> list[dict[str, Any]]:
    """Group items whose pairs all qualify; returns JSON-ready dicts, largest groups first.

    ``pairs``: ``{"a": id, "b": id, "score": float, "level": "重复"|"相近"|"相关"|None}``.
    A pair qualifies when ``score >= min_score`` (if given) or else its level ranks at least
    ``min_level``. ``vectors`` (id → unit vector) adds each member's cosine to the group centroid;
    ``meta`` (id → {"title", "author", "date", "year", "category", "doc_type"}) fills the group fields.

    Each group: ``{"id", "size", "level", "earliest", "centre", "members", "authors", "dates",
    "categories", "pairs"}`` where ``level`` is the weakest level inside the group.
    """
    meta = meta or {}
    need = LEVEL_RANK[min_level]

    def ok(p: Mapping[str, Any]) -> bool:
        if min_score is not None:
            return float(p["score"]) >= min_score
        return LEVEL_RANK.get(p.get("level"), 0) >= need

    edges: dict[frozenset, Mapping[str, Any]] = {}
    for p in pairs:
        if p["a"] != p["b"] and ok(p):
            edges[frozenset((p["a"], p["b"]))] = p
    cluster: dict[str, int] = {}
    members: dict[int, list[str]] = {}
    next_id = 0  # never reuse a popped cluster's number (len(members) would)
    for _key, p in sorted(edges.items(), key=lambda kv: -float(kv[1]["score"])):
        a, b = p["a"], p["b"]
        for x in (a, b):
            if x not in cluster:
                cluster[x] = next_id
                members[next_id] = [x]
                next_id += 1
        ca, cb = cluster[a], cluster[b]
        if ca == cb:
            continue
        # complete linkage: merge only if every cross pair is itself a qualifying edge
        if all(frozenset((x, y)) in edges for x in members[ca] for y in members[cb]):
            for x in members[cb]:
                cluster[x] = ca
            members[ca].extend(members.pop(cb))
    groups = []
    for mem in members.values():
        if len(mem) < 2:
            continue
        inner = [edges[frozenset((x, y))] for i, x in enumerate(mem) for y in mem[i + 1 :]]
        # medoid: the member with the highest total score to the others
        tot = {x: sum(float(e["score"]) for e in inner if x in (e["a"], e["b"])) for x in mem}
        centre = max(mem, key=lambda x: (tot[x], x))
        mem_sorted = sorted(mem, key=lambda x: (_date_key(meta.get(x, {})), x))
        centre_cos: dict[str, float] = {}
        if vectors is not None and all(x in vectors for x in mem):
            c = np.mean([vectors[x] for x in mem], axis=0)
            c = c / (np.linalg.norm(c) + 1e-12)
            centre_cos = {x: round(float(np.dot(vectors[x], c)), 4) for x in mem}
        rows = []
        for x in mem_sorted:
            m = meta.get(x, {})
            row = {"id": x, "title": m.get("title"), "author": m.get("author"), "date": m.get("date"),
                   "year": m.get("year"), "category": m.get("category"), "doc_type": m.get("doc_type")}
            if centre_cos:
                row["centre_cosine"] = centre_cos[x]
            rows.append(row)
        weakest = min((LEVEL_RANK.get(e.get("level"), 0) for e in inner), default=0)
        groups.append({
            "size": len(mem), "level": next((k for k, v in LEVEL_RANK.items() if v == weakest), None),
            "earliest": mem_sorted[0], "centre": centre, "members": [r["id"] for r in rows], "member_info": rows,
            "authors": sorted({r["author"] for r in rows if r["author"]}),
            "dates": [r["date"] or (str(r["year"]) if r["year"] else None) for r in rows],
            "categories": sorted({r["category"] for r in rows if r["category"]}),
            "pairs": [{"a": e["a"], "b": e["b"], "score": round(float(e["score"]), 4), "level": e.get("level")}
                      for e in inner],
        })
    groups.sort(key=lambda g: (-g["size"], -max(p["score"] for p in g["pairs"])))
    for n, g in enumerate(groups, 1):
        g["id"] = f"G{n:03d}"
    return groups
