"""Inline SVG charts for the morning report (hand-written: no plotting library, text stays selectable
and escaped)."""

from __future__ import annotations

from collections.abc import Sequence

from topicmine.export.morning.base import _e, _short


def svg_bars(items: Sequence[tuple[str, int]], *, colours: Sequence[str] | None = None, width: int = 460,
             bar_h: int = 20, label_w: int = 110, title: str = "") -> str:
    """Horizontal bar chart of ``(label, value)`` pairs.

    >>> svg = svg_bars([("提案", 3), ("社情民意信息", 1)], title="新增文件")
    >>> svg.startswith("<svg") and "提案" in svg
    True
    """
    if not items:
        return '<p class="empty">（无）</p>'
    vmax = max(v for _, v in items) or 1
    h = len(items) * (bar_h + 6) + 8
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" aria-label="{_e(title)}">']
    for i, (label, v) in enumerate(items):
        y = 4 + i * (bar_h + 6)
        w = (width - label_w - 50) * v / vmax
        colour = colours[i] if colours and i < len(colours) else "#3b7dd8"
        out.append(
            f'<text x="{label_w - 6}" y="{y + bar_h * 0.72:.1f}" font-size="12" text-anchor="end">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{max(w, 1):.1f}" height="{bar_h}" rx="3" fill="{colour}"/>'
            f'<text x="{label_w + w + 5:.1f}" y="{y + bar_h * 0.72:.1f}" font-size="12">{int(v)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def svg_year_bars(series: Sequence[tuple[int, int]], *, width: int = 220, height: int = 96,
                  highlight_last: bool = False, title: str = "") -> str:
    """A small bar chart of documents per year (one topic); years on the axis, counts on the bars.

    >>> "2025" in svg_year_bars([(2023, 1), (2024, 0), (2025, 4)])
    True
    """
    if not series:
        return ""
    vmax = max(v for _, v in series) or 1
    n = len(series)
    pad_b, pad_t = 16, 14
    slot = (width - 8) / n
    bw = min(28.0, slot * 0.7)
    # twenty years of 政府工作报告 do not fit one label per bar: label every `step`-th year and the last
    step = max(1, -(-n * 30 // (width - 8)))
    labelled = {i for i in range(n) if i % step == 0 and (n - 1 - i >= step or i == n - 1)} | {n - 1}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{_e(title)}">',
           f'<line x1="2" y1="{height - pad_b}" x2="{width - 2}" y2="{height - pad_b}" stroke="#ccc"/>']
    for i, (year, v) in enumerate(series):
        x = 4 + i * slot + (slot - bw) / 2
        bh = (height - pad_b - pad_t) * v / vmax
        colour = "#c0392b" if highlight_last and i == n - 1 else "#3b7dd8"
        out.append(
            f'<rect x="{x:.1f}" y="{height - pad_b - bh:.1f}" width="{bw:.1f}" height="{max(bh, 0.5):.1f}" fill="{colour}">'
            f'<title>{int(year)}年：{int(v)}件</title></rect>'
            + (f'<text x="{x + bw / 2:.1f}" y="{height - pad_b - bh - 3:.1f}" font-size="10" text-anchor="middle">{int(v)}</text>'
               if slot >= 16 else "")
            + (f'<text x="{x + bw / 2:.1f}" y="{height - 3}" font-size="10" text-anchor="middle" fill="#667085">{int(year)}</text>'
               if i in labelled and not (step > 1 and i == n - 1) else "")
            # a crowded axis: the last year ends at the right edge instead of being cut off
            + (f'<text x="{width - 2}" y="{height - 3}" font-size="10" text-anchor="end" fill="#667085">{int(year)}</text>'
               if step > 1 and i == n - 1 else "")
        )
    out.append("</svg>")
    return "".join(out)


def svg_heatmap(rows: Sequence[str], cols: Sequence[str], values: Sequence[Sequence[int]], *,
                cell_w: int = 64, cell_h: int = 24, label_w: int = 230, title: str = "") -> str:
    """A topic × region heatmap (documents per cell), darker = more.

    >>> svg = svg_heatmap(["托育服务"], ["江苏省", "苏州市"], [[5, 2]])
    >>> "江苏省" in svg and ">5<" in svg
    True
    """
    if not rows or not cols:
        return '<p class="empty">（无地区信息）</p>'
    vmax = max((v for r in values for v in r), default=0) or 1
    head = 28
    width = label_w + cell_w * len(cols) + 4
    height = head + cell_h * len(rows) + 4
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" role="img" aria-label="{_e(title)}">']
    for j, c in enumerate(cols):
        out.append(f'<text x="{label_w + j * cell_w + cell_w / 2:.1f}" y="18" font-size="11" text-anchor="middle">'
                   f'{_e(_short(c, 6))}</text>')
    for i, r in enumerate(rows):
        y = head + i * cell_h
        out.append(f'<text x="{label_w - 6}" y="{y + cell_h * 0.68:.1f}" font-size="12" text-anchor="end">{_e(_short(r, 18))}</text>')
        for j, _ in enumerate(cols):
            v = int(values[i][j]) if j < len(values[i]) else 0
            a = 0.08 + 0.85 * (v / vmax) if v else 0.0
            fill = "#fff" if a > 0.55 else "#1f2933"
            out.append(
                f'<rect x="{label_w + j * cell_w}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" rx="2" '
                f'fill="#1f4e8c" fill-opacity="{a:.2f}" stroke="#e4e7ec"><title>{_e(r)} · {_e(cols[j])}：{v}件</title></rect>'
                f'<text x="{label_w + j * cell_w + cell_w / 2 - 1:.1f}" y="{y + cell_h * 0.68:.1f}" font-size="11" '
                f'text-anchor="middle" fill="{fill}">{v if v else ""}</text>'
            )
    out.append("</svg>")
    return "".join(out)
