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


def _text_w(text: str, size: float) -> float:
    """Rough rendered width: CJK characters are one em, others half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.55 for ch in text)


def place_labels(points: Sequence[tuple[float, float, float]], texts: Sequence[str], *, width: float, height: float,
                 size: float = 12.0, obstacles: Sequence[tuple[float, float, float]] | None = None,
                 ) -> list[tuple[float, float, str] | None]:
    """Non-overlapping label positions (x, y, anchor) beside circles (cx, cy, r), greedy in the given order
    (put the most important first); a label that fits nowhere gets None (its circle keeps a tooltip).
    ``obstacles``: circles no label may cover (all topics' circles; a label's own circle does not count).

    >>> out = place_labels([(100, 100, 5), (102, 100, 5)], ["营商环境", "乡村振兴"], width=400, height=300)
    >>> out[0] is not None and out[1] is not None and out[0][:2] != out[1][:2]
    True
    """
    # every circle is an obstacle too (a label on top of another topic's circle is hard to read)
    circles = [(cx - r, cy - r, cx + r, cy + r) for cx, cy, r in (obstacles or [])]
    boxes: list[tuple[float, float, float, float]] = []
    out: list[tuple[float, float, str] | None] = []
    for (cx, cy, r), t in zip(points, texts):
        w, h = _text_w(t, size), size + 2
        placed = None
        for dx, dy, anchor in ((r + 3, size * 0.35, "start"), (-r - 3, size * 0.35, "end"), (0, -r - 3, "middle"),
                               (0, r + size, "middle"), (r + 3, -r, "start"), (-r - 3, -r, "end"),
                               (r + 3, r + size * 0.7, "start"), (-r - 3, r + size * 0.7, "end")):
            x, y = cx + dx, cy + dy
            x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
            box = (x0, y - size, x0 + w, y - size + h)
            if box[0] < 2 or box[2] > width - 2 or box[1] < 2 or box[3] > height - 2:
                continue
            if any(not (box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]) for b in boxes):
                continue
            own = (cx - r, cy - r, cx + r, cy + r)
            if any(c != own and not (box[2] < c[0] or box[0] > c[2] or box[3] < c[1] or box[1] > c[3]) for c in circles):
                continue
            placed = (x, y, anchor)
            boxes.append(box)
            break
        out.append(placed)
    return out


def _svg_map(points: list[dict[str, Any]], width: int = 760, height: int = 520, max_labels: int = 40) -> str:
    """The topic map: circles sized by passages, labels placed without overlap (best-ranked first)."""
    if not points:
        return "<p>（无主题）</p>"
    xs = np.array([p["x"] for p in points])
    ys = np.array([p["y"] for p in points])
    pad = 70

    def sx(v: float) -> float:
        return pad + (v - xs.min()) / ((xs.max() - xs.min()) or 1) * (width - 2 * pad)

    def sy(v: float) -> float:
        return height - pad - (v - ys.min()) / ((ys.max() - ys.min()) or 1) * (height - 2 * pad)

    smax = max(p["size"] for p in points) or 1
    circ = [(sx(p["x"]), sy(p["y"]), 4 + 18 * (p["size"] / smax) ** 0.5) for p in points]
    # only ranked topics are named (the rest are dots with a tooltip): forty names on one map are unreadable
    order = sorted((i for i in range(len(points)) if points[i].get("rank")), key=lambda i: points[i]["rank"])
    if not order:
        order = sorted(range(len(points)), key=lambda i: -points[i]["size"])
    names = [_short(str(points[i]["name"]), 12) for i in order]
    spots = place_labels([circ[i] for i in order], names, width=width, height=height, obstacles=circ)
    where = {order[k]: spots[k] if k < max_labels else None for k in range(len(order))}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="主题地图"><rect width="100%" height="100%" fill="#fafafa"/>']
    for i in sorted(range(len(points)), key=lambda i: -points[i]["size"]):
        p, (cx, cy, r) = points[i], circ[i]
        name = html.escape(str(p["name"]))
        out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="#3b7dd8" fill-opacity="0.35" stroke="#1f4e8c">'
                   f'<title>#{int(p["id"])} {name}（{int(p["size"])}段）</title></circle>')
    for i, spot in where.items():
        if spot is None:
            continue
        x, y, anchor = spot
        rank = points[i].get("rank")
        tag = f"{rank}. " if rank else ""
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="12" text-anchor="{anchor}" fill="#1f2933">'
                   f'{html.escape(tag + names[order.index(i)])}</text>')
    out.append("</svg>")
    return "".join(out)


def _short(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def svg_share_trend(series: Sequence[tuple[int, float]], *, width: int = 240, height: int = 84, mark: int | None = None,
                    title: str = "") -> str:
    """A topic's share of passages per year: a line with dots, the year axis (first, last and ``mark`` year
    labelled) and the peak share labelled on the value axis.

    >>> svg = svg_share_trend([(2016, 0.08), (2020, 0.01), (2024, 0.0)])
    >>> "2016" in svg and "2024" in svg and "8.0%" in svg
    True
    """
    from topicmine.topics.shares import pct

    if not series:
        return ""
    vals = np.array([v for _, v in series], dtype=float)
    years = [int(y) for y, _ in series]
    vmax = float(vals.max()) or 0.01
    left, right, top, bottom = 38, 8, 8, 18
    pw, ph = width - left - right, height - top - bottom
    y0, y1 = years[0], years[-1]

    def px(y: int) -> float:
        return left + (y - y0) / ((y1 - y0) or 1) * pw

    def py(v: float) -> float:
        return top + ph - v / vmax * ph

    pts = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in zip(years, vals))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" '
           f'aria-label="{html.escape(title or "篇幅占比趋势")}">',
           f'<line x1="{left}" y1="{top + ph}" x2="{left + pw}" y2="{top + ph}" stroke="#bbb"/>',
           f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + ph}" stroke="#bbb"/>',
           f'<text x="{left - 3}" y="{top + 8}" font-size="10" text-anchor="end" fill="#667085">{pct(vmax)}</text>',
           f'<text x="{left - 3}" y="{top + ph}" font-size="10" text-anchor="end" fill="#667085">0</text>',
           f'<polyline fill="none" stroke="#c0392b" stroke-width="1.6" points="{pts}"/>']
    for y, v in zip(years, vals):
        out.append(f'<circle cx="{px(y):.1f}" cy="{py(v):.1f}" r="2.2" fill="#c0392b"><title>{y}年：{pct(v)}</title></circle>')
    labelled = {y0, y1} | ({mark} if mark in years else set())
    shown: list[int] = []
    for y in sorted(labelled):
        # 26 px is a label's width: a year closer than that to the one before is left out — the last year always
        # stays (it dates the series), so a mark year just before it gives way ("2025" under "2026" read "20262026")
        if shown and px(y) - px(shown[-1]) < 26:
            if y != y1:
                continue
            if shown[-1] != y0:
                shown.pop()
            elif len(years) > 1 and px(y) - px(y0) < 26:
                continue
        shown.append(y)
    for y in shown:
        x = px(y)
        anchor = "end" if y == y1 and len(years) > 1 else "start" if y == y0 else "middle"  # ends stay inside the box
        out.append(f'<text x="{x:.1f}" y="{height - 4}" font-size="10" text-anchor="{anchor}" fill="#667085">{y}</text>')
    out.append("</svg>")
    return "".join(out)


def _rows_from_ranked(ranked: Sequence[Any], labels: Mapping[int, Any] | None) -> list[dict[str, Any]]:
    """RankedTopic objects → the row dicts ``render_html`` reads (what ``pipeline.topics_job.ranked_table`` writes)."""
    rows = []
    for r in ranked:
        lab = labels.get(r.topic) if labels else None
        ev = getattr(r, "evidence", None)
        rows.append({
            "id": r.topic, "rank": r.rank, "score": r.score, "reason": r.reason,
            "title": getattr(lab, "title", "") if lab is not None else "",
            "label": getattr(lab, "name", None) or r.label or f"主题{r.topic}",
            "terms": list(getattr(lab, "terms", []) or []), "phrase": getattr(lab, "phrase", "") if lab is not None else "",
            "size": ev.size if ev else 1,
            "share_by_year": {str(k): v for k, v in (getattr(r, "share_by_year", {}) or {}).items()},
            "by_year": {str(k): v for k, v in (ev.by_year.items() if ev else [])},
            "trend": r.trend.to_dict() if getattr(r, "trend", None) else None,
            "representatives": [{"text": p.text, "region": p.region, "year": p.year, "title": p.title, "doc_id": p.doc_id}
                                for p in (ev.representatives if ev else [])],
        })
    return rows


def render_html(
    ranked: Sequence[Any],
    *,
    labels: Mapping[int, Any] | None = None,
    centroids: np.ndarray | None = None,
    topic_ids: Sequence[int] | None = None,
    title: str = "候选调研议题",
    max_topics: int = 50,
    summary: Mapping[str, Any] | None = None,
) -> str:
    """One HTML page: what was set aside and why, the policy areas with their 议题, the topic map, and the
    ranked table with reason, share trend (year axis, % of passages) and representative passages.

    ``ranked``: rows as ``pipeline.topics_job.ranked_table`` writes them, or RankedTopic objects; ``centroids``
    rows align with ``topic_ids``; ``summary``: the topics report (counts, areas, input checks).

    >>> from topicmine.topics.evidence import topic_evidence
    >>> from topicmine.topics.rank import rank_topics
    >>> ev = topic_evidence([0], [{"doc_id": "a", "doc_type": "proposal", "year": 2025}], texts=["<script>营商</script>"])
    >>> page = render_html(rank_topics(ev))
    >>> "<script>" in page, "&lt;script&gt;" in page
    (False, True)
    """
    esc = html.escape
    rows = [dict(r) for r in ranked] if ranked and isinstance(ranked[0], Mapping) else _rows_from_ranked(ranked, labels)
    summary = summary or {}
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        f"<title>{esc(title)}</title><style>body{{font-family:'Noto Sans CJK SC','Source Han Sans SC',sans-serif;"
        "margin:2em;color:#222;max-width:1200px}table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;"
        "padding:6px;vertical-align:top;text-align:left}small{color:#666}.q{color:#444;font-size:90%;margin:2px 0}"
        ".warn{background:#fff4e5;border-left:4px solid #f59e0b;padding:6px 10px;margin:6px 0}"
        ".area{margin:4px 0}.area b{color:#1f4e8c}.t{font-size:1.05em}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    if summary:
        aside = summary.get("set_aside") or {}
        line = (f"共 {summary.get('n_passages', '')} 段；政策领域 {summary.get('n_areas', '')} 个，议题 "
                f"{summary.get('n_matters', '')} 个。")
        if aside:
            line += "未计入议题（已标记、未删除）：" + "，".join(f"{k} {v} 段" for k, v in aside.items()) + "。"
        if summary.get("one_document_topics"):
            line += f"另有 {len(summary['one_document_topics'])} 组只来自一份文件，未参与排序。"
        if summary.get("broad_topics"):
            line += f"{len(summary['broad_topics'])} 组是整章或整个领域、没有共同的具体对象，见政策领域，未作为议题排序。"
        if summary.get("review_topics"):
            line += f"{len(summary['review_topics'])} 组主要出自工作回顾（成绩），未作为议题排序。"
        if summary.get("no_measure_topics"):
            line += f"{len(summary['no_measure_topics'])} 组是号召、表态或形势表述、没有具体举措，未作为议题排序。"
        if summary.get("stock_line_topics"):
            line += f"{len(summary['stock_line_topics'])} 组是每年照例重复的政治套语（国防动员·双拥、民族团结等），未作为议题排序。"
        parts.append(f"<p>{esc(line)}</p>")
        if summary.get("home_note"):  # whose list it is (topics.home)
            outside = "；".join(str(o.get("title", "")) for o in summary.get("outside_topics") or [])
            parts.append(f"<p>{esc(summary['home_note'])}" + (f"。外地动向：{esc(outside)}" if outside else "") + "</p>")
        # a term some years' reports are full of: the director sees whether a 议题 holds it (疫情 2021–2023)
        sal = summary.get("salient_terms") or []
        if sal:
            parts.append("<div class=\"warn\"><b>某几年集中出现的词</b>（某年≥5%的段落提及、其他年份很少）：<br>"
                         + "<br>".join(esc(s.get("message", "")) for s in sal[:12]) + "</div>")
        flt = summary.get("filters") or {}
        if any(flt.values()):
            bits = []
            if flt.get("years"):
                y0, y1 = flt["years"]
                bits.append(f"年份 {y0 or ''}–{y1 or ''}")
            if flt.get("regions"):
                bits.append("地区 " + "、".join(flt["regions"]))
            if flt.get("doc_types"):
                bits.append(f"文件类型 {flt['doc_types']}")
            parts.append(f"<p><b>筛选：</b>{esc('；'.join(bits))}（排序、占比和趋势只按筛选后的文件计算）</p>")
        inp = summary.get("input") or {}
        for item in (inp.get("duplicates") or []) + (inp.get("year_mismatches") or []):
            parts.append(f'<div class="warn">{esc(str(item.get("message", "")))}</div>')
    areas = summary.get("areas") or []
    if areas:
        rank_of = {r["id"]: r for r in rows}
        parts.append("<h2>政策领域与议题</h2>")
        for a in areas:
            ms = [rank_of[m] for m in a.get("matters", []) if m in rank_of]
            if not ms:
                continue
            items = "；".join(f'<a href="#t{int(m["id"])}">{int(m["rank"])}. {esc(m.get("title") or m["label"])}</a>' for m in ms)
            parts.append(f'<div class="area"><b>{esc(str(a.get("label", "")))}</b>：{items}</div>')
    if centroids is not None and len(centroids):
        ids = list(topic_ids) if topic_ids is not None else list(range(len(centroids)))
        row_of = {r["id"]: r for r in rows}
        def _name(t: int) -> str:
            r = row_of.get(t)
            if r:
                return r.get("title") or r["label"]
            lab = labels.get(t) if labels else None
            return str(getattr(lab, "name", lab) or t)
        pts = topic_map(centroids, sizes=[(row_of.get(t) or {}).get("size") or 1 for t in ids], ids=ids,
                        names=[_name(t) for t in ids])
        for p in pts:
            p["rank"] = (row_of.get(p["id"]) or {}).get("rank")
        parts.append("<h2>主题地图</h2><p><small>圆越大段落越多；相近的议题靠得近；数字为排名。</small></p>" + _svg_map(pts))
    parts.append("<h2>排序</h2><table><tr><th>#</th><th>议题</th><th>理由</th><th>各年篇幅占比</th><th>代表性段落</th></tr>")
    for r in rows[:max_topics]:
        name = r.get("title") or r.get("label") or f"主题{r['id']}"
        terms = "、".join(r.get("terms") or [])
        area = (r.get("area") or {}).get("label")
        sby = {int(k): float(v) for k, v in (r.get("share_by_year") or {}).items()}
        tr = r.get("trend") or {}
        chart = svg_share_trend(sorted(sby.items()), mark=tr.get("split_year"), title=str(name)) if sby else ""
        q = []
        for p in (r.get("representatives") or [])[:3]:
            src = " ".join(str(x) for x in (p.get("region"), p.get("year"), p.get("title") or p.get("doc_id")) if x)
            q.append(f'<div class="q">“{esc(str(p.get("text") or ""))}” <small>{esc(src)}</small></div>')
        parts.append(
            f'<tr id="t{int(r["id"])}"><td>{int(r["rank"])}</td><td><b class="t">{esc(str(name))}</b><br>'
            f'<small>{esc(terms)}</small>' + (f'<br><small>领域：{esc(str(area))}</small>' if area else "")
            + f'</td><td>{esc(str(r.get("reason", "")))}<br><small>得分 {float(r.get("score") or 0):.2f}</small></td>'
            f"<td>{chart}</td><td>{''.join(q)}</td></tr>"
        )
    parts.append("</table></body></html>")
    return "".join(parts)
