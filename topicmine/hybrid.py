"""Hybrid retrieval helpers: reciprocal-rank fusion and highlighted snippets.

Pure functions over ranked id lists and texts (no store, no model), so the
pipeline can fuse FTS5 keyword hits with faiss neighbours and the service and CLI
show the same snippets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

HL_OPEN, HL_CLOSE = "【", "】"
_WS = re.compile(r"\s+")


def rrf_fuse(rankings: Mapping[str, Sequence[int]], k: int = 60, limit: int | None = None) -> list[tuple[int, float, dict[str, int]]]:
    """Reciprocal-rank fusion (Cormack et al. 2009): score = Σ 1/(k + rank).

    ``rankings`` maps a retriever name to its ids, best first. Returns
    ``(id, score, {retriever: rank})`` best first; ranks are 1-based. Ties are
    broken by the best single rank, then by id, so the order is deterministic.

    >>> rrf_fuse({"keyword": [7, 3], "semantic": [3, 9]}, k=60)[0][0]
    3
    """
    scores: dict[int, float] = {}
    ranks: dict[int, dict[str, int]] = {}
    for name, ids in rankings.items():
        seen: set[int] = set()
        for r, i in enumerate(ids, start=1):
            if i in seen:
                continue
            seen.add(i)
            scores[i] = scores.get(i, 0.0) + 1.0 / (k + r)
            ranks.setdefault(i, {})[name] = r
    order = sorted(scores, key=lambda i: (-scores[i], min(ranks[i].values()), i))
    if limit is not None:
        order = order[:limit]
    return [(i, scores[i], ranks[i]) for i in order]


def find_terms(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Non-overlapping ``(start, end)`` spans of the given terms in ``text`` (longest first).

    >>> find_terms("加快发展社区嵌入式托育服务", ["托育", "托育服务", "社区"])
    [(4, 6), (9, 13)]
    """
    terms = sorted({t for t in terms if t and t.strip()}, key=len, reverse=True)
    if not terms:
        return []
    pattern = re.compile("|".join(re.escape(t) for t in terms))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def snippet(text: str, terms: Sequence[str], width: int = 120) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the densest match, with matches wrapped in 【】.

    Returns the snippet and the matched spans as offsets into ``text`` (so a page
    can highlight the source itself).

    >>> snippet("全省托育服务供给不足，社区嵌入式托育机构少。", ["托育"], width=12)[0]
    '全省【托育】服务供给不足，社…'
    """
    spans = find_terms(text, terms)
    if len(text) <= width:
        lo, hi = 0, len(text)
    elif spans:
        # window starting a little before the span that has most matches within `width`
        best, best_n = spans[0][0], 0
        for s, _ in spans:
            n = sum(1 for a, b in spans if s <= a and b <= s + width)
            if n > best_n:
                best, best_n = s, n
        lo = max(0, min(best - width // 6, len(text) - width))
        hi = min(len(text), lo + width)
    else:
        lo, hi = 0, width
    out: list[str] = ["…" if lo > 0 else ""]
    pos = lo
    for a, b in spans:
        if a < lo or b > hi:
            continue
        out.append(text[pos:a])
        out.append(HL_OPEN + text[a:b] + HL_CLOSE)
        pos = b
    out.append(text[pos:hi])
    if hi < len(text):
        out.append("…")
    # display only: line breaks inside a passage would break a one-line result list
    return _WS.sub(" ", "".join(out)).strip(), spans
