"""Plain data for plots (a 2-D topic map, yearly trend series) and a self-contained HTML page.

The page is one file with inline SVG — no scripts, no external assets — so it can be mailed or opened
offline; every piece of text from the corpus is HTML-escaped.

>>> import numpy as np
>>> pts = topic_map(np.eye(3), sizes=[10, 5, 2], names=["营商环境", "乡村振兴", "养老服务"])
>>> sorted(pts[0])
['id', 'name', 'size', 'x', 'y']
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def topic_map(
    centroids: np.ndarray,
    sizes: Sequence[int] | None = None,
    ids: Sequence[int] | None = None,
    names: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """2-D positions of topics: PCA of the (normalised) centroids, signs fixed so reruns agree.

    Deterministic and cheap (no UMAP): similar topics land near each other; distances are only a guide.
    """
    C = np.asarray(centroids, dtype=float)
    n = len(C)
    ids = list(ids) if ids is not None else list(range(n))
    if n == 0:
        return []
    C = C / np.maximum(np.linalg.norm(C, axis=1, keepdims=True), 1e-12)
    Cc = C - C.mean(0)
    if n >= 2 and np.abs(Cc).sum() > 0:
        U, S, _ = np.linalg.svd(Cc, full_matrices=False)
        xy = U[:, :2] * S[:2]
        if xy.shape[1] == 1:
            xy = np.hstack([xy, np.zeros((n, 1))])
        # fix each axis' sign: the largest |coordinate| is positive
        for a in range(2):
            if xy[np.argmax(np.abs(xy[:, a])), a] < 0:
                xy[:, a] *= -1
    else:
        xy = np.zeros((n, 2))
    return [
        {
            "id": int(ids[i]),
            "x": round(float(xy[i, 0]), 4),
            "y": round(float(xy[i, 1]), 4),
            "size": int(sizes[i]) if sizes is not None else 1,
            "name": names[i] if names is not None else str(ids[i]),
        }
        for i in range(n)
    ]


def trend_series(evidence: Sequence[Any], years: Sequence[int] | None = None) -> dict[int, list[list[int]]]:
    """Yearly document counts per topic as ``{topic: [[year, docs], …]}`` with zero-filled gaps.

    >>> from topicmine.topics.evidence import topic_evidence
    >>> ev = topic_evidence([0, 0], [{"doc_id": "a", "year": 2022}, {"doc_id": "b", "year": 2024}])
    >>> trend_series(ev)
    {0: [[2022, 1], [2023, 0], [2024, 1]]}
    """
    all_years = sorted({y for e in evidence for y in e.by_year})
    if years is None and all_years:
        years = list(range(all_years[0], all_years[-1] + 1))
    years = list(years or [])
    return {e.topic: [[y, int(e.by_year.get(y, 0))] for y in years] for e in evidence}


def _svg_map(points: list[dict[str, Any]], width: int = 720, height: int = 480) -> str:
    if not points:
        return "<p>（无主题）</p>"
    xs = np.array([p["x"] for p in points])
    ys = np.array([p["y"] for p in points])
    pad = 40

    def sx(v: float) -> float:
        return pad + (v - xs.min()) / ((xs.max() - xs.min()) or 1) * (width - 2 * pad)

    def sy(v: float) -> float:
        return height - pad - (v - ys.min()) / ((ys.max() - ys.min()) or 1) * (height - 2 * pad)

    smax = max(p["size"] for p in points) or 1
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="主题地图"><rect width="100%" height="100%" fill="#fafafa"/>']
    for p in sorted(points, key=lambda q: -q["size"]):
        r = 4 + 22 * (p["size"] / smax) ** 0.5
        name = html.escape(str(p["name"]))
        out.append(
            f'<g><circle cx="{sx(p["x"]):.1f}" cy="{sy(p["y"]):.1f}" r="{r:.1f}" fill="#3b7dd8" fill-opacity="0.35" '
            f'stroke="#1f4e8c"><title>#{int(p["id"])} {name}（{int(p["size"])}段）</title></circle>'
            f'<text x="{sx(p["x"]):.1f}" y="{sy(p["y"]) + 4:.1f}" font-size="11" text-anchor="middle">{name}</text></g>'
        )
    out.append("</svg>")
    return "".join(out)


def _svg_trend(series: list[list[int]], width: int = 220, height: int = 48) -> str:
    if not series:
        return ""
    vals = np.array([v for _, v in series], dtype=float)
    vmax = vals.max() or 1.0
    n = len(vals)
    pts = " ".join(
        f"{4 + i * (width - 8) / max(n - 1, 1):.1f},{height - 4 - v / vmax * (height - 8):.1f}" for i, v in enumerate(vals)
    )
    first, last = series[0][0], series[-1][0]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
            f'aria-label="{first}–{last}年趋势"><polyline fill="none" stroke="#c0392b" stroke-width="1.5" '
            f'points="{pts}"/><title>{first}–{last}年：{" ".join(str(int(v)) for v in vals)}</title></svg>')


def render_html(
    ranked: Sequence[Any],
    *,
    labels: Mapping[int, Any] | None = None,
    centroids: np.ndarray | None = None,
    topic_ids: Sequence[int] | None = None,
    title: str = "候选调研议题",
    max_topics: int = 50,
) -> str:
    """One HTML page: the topic map and a table of ranked topics with reason, evidence and trend.

    ``ranked``: RankedTopic list (with evidence); ``centroids`` rows align with ``topic_ids``.

    >>> from topicmine.topics.evidence import topic_evidence
    >>> from topicmine.topics.rank import rank_topics
    >>> ev = topic_evidence([0], [{"doc_id": "a", "doc_type": "proposal", "year": 2025}], texts=["<script>营商</script>"])
    >>> page = render_html(rank_topics(ev))
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    """
    esc = html.escape
    evs = [r.evidence for r in ranked if getattr(r, "evidence", None) is not None]
    series = trend_series(evs)
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        f"<title>{esc(title)}</title><style>body{{font-family:sans-serif;margin:2em;color:#222}}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:6px;vertical-align:top;"
        "text-align:left}small{color:#666}.q{color:#444;font-size:90%}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    if centroids is not None and len(centroids):
        ids = list(topic_ids) if topic_ids is not None else list(range(len(centroids)))
        size_of = {r.topic: (r.evidence.size if r.evidence else 1) for r in ranked}
        name_of = {t: (getattr(labels.get(t), "name", labels.get(t)) if labels and t in labels else str(t)) for t in ids}
        pts = topic_map(centroids, sizes=[size_of.get(t, 1) for t in ids], ids=ids, names=[str(name_of[t]) for t in ids])
        parts.append("<h2>主题地图</h2>" + _svg_map(pts))
    parts.append("<h2>排序</h2><table><tr><th>#</th><th>议题</th><th>理由</th><th>趋势</th><th>代表性段落</th></tr>")
    for r in list(ranked)[:max_topics]:
        lab = labels.get(r.topic) if labels else None
        name = getattr(lab, "name", None) or r.label or f"主题{r.topic}"
        phrase = getattr(lab, "phrase", "") if lab is not None else ""
        quotes = ""
        if r.evidence is not None:
            q = []
            for p in r.evidence.representatives[:3]:
                src = " ".join(str(x) for x in (p.region, p.year, p.title or p.doc_id) if x)
                q.append(f'<div class="q">“{esc(str(p.text or ""))}” <small>{esc(src)}</small></div>')
            quotes = "".join(q)
        parts.append(
            f"<tr><td>{r.rank}</td><td><b>{esc(str(name))}</b><br><small>{esc(str(phrase))}</small></td>"
            f"<td>{esc(r.reason)}<br><small>得分 {r.score:.2f}</small></td>"
            f"<td>{_svg_trend(series.get(r.topic, []))}</td><td>{quotes}</td></tr>"
        )
    parts.append("</table></body></html>")
    return "".join(parts)
