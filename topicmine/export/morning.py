"""The research office's morning report (晨报), rendered from one plain dict: HTML, JSON and Markdown.

``topicmine.pipeline.morning_job`` gathers the data (store, topics and dedup reports) into a dict
of the shape below; this module only renders it, so a notebook or a test can render any dict
of that shape without a corpus. No NLP library is imported here.

- ``render_html(report)`` — ONE self-contained page: inline CSS, charts as inline SVG, no scripts,
  no external assets (it is mailed and opened offline). Every piece of document text goes through
  ``html.escape`` — documents are data, never markup. Every quoted passage has an anchor
  ``#p<passage id>`` in the page's 来源段落 appendix, which in turn links the source file
  (``file://`` URI) with the character offsets of the passage.
- ``render_markdown(report)`` — a short digest for e-mail (links point into the HTML page).
- ``render_json(report)`` — the same dict as UTF-8 JSON, for scripts.

The dict (every key optional except ``date``)::

    {"format": "topicmine.morning/1", "date": "2026-11-26", "generated_at": "…", "first_run": False,
     "since": "2026-11-25T02:00:03+00:00",
     "run": {"id": 7, "documents": {"new": 3, "changed": 0, "deleted": 1, "unchanged": 44},
             "passages_embedded": 31, "topics": {"kept": 9, "new": 1, "gone": 0}, "seconds": 21.4,
             "timings": {...}, "issues": [...]},
     "corpus": {"documents": 55, "passages": 580, "by_type": [{"type", "label", "documents", "passages"}]},
     "new_documents": [{"id", "title", "doc_type", "doc_type_zh", "region", "year", "date", "author",
                        "uri", "source", "passage_id"}],
     "topics": {"n_topics": 10, "changes": {...}, "ranked": [topic rows with "flags" and
                "representatives": [passage ids]], "gone": [{"id", "terms", "phrase", "status"}]},
     "duplicates": {"checked": True, "pairs": [...], "groups": [...]},
     "trends": {"years": [2023, 2024, 2025], "regions": ["江苏省", "苏州市"]},
     "passages": {"284": {"id", "doc_id", "title", "doc_type_zh", "region", "year", "start", "end",
                          "text", "uri", "is_new"}},
     "history": [{"id", "started_at", "status", "seconds", "documents": {...}, "passages_embedded"}]}

>>> page = render_html({"date": "2026-11-26", "new_documents": [
...     {"id": "ab12", "title": "<script>alert(1)</script>关于托育的提案", "doc_type_zh": "提案"}]})
>>> "<script>alert" in page, "&lt;script&gt;alert(1)&lt;/script&gt;关于托育的提案" in page
(False, True)
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from topicmine.logsafe import strip_bidi

FORMAT = "topicmine.morning/1"

_NEW = '<span class="badge new">新</span>'  # the "new since the last run" flag

#: flags a topic row can carry, with the badge text shown to the office
TOPIC_FLAGS = {"new": "新议题", "split": "由原议题拆出", "growing": "快速增长", "touched": "有新材料"}

# One colour per document type so the same type looks the same in every chart and badge.
TYPE_COLOURS = {
    "party_doc": "#b03a2e", "gov_report": "#c0392b", "proposal": "#2e6fba", "motion": "#7d3c98",
    "opinion": "#16a085", "speech": "#d68910", "report": "#2c3e50", "reply": "#7f8c8d", "other": "#95a5a6",
}

_CSS = """
:root{--ink:#1f2933;--muted:#667085;--line:#e4e7ec;--accent:#1f4e8c;--new:#c0392b;--bg:#f7f8fa}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;
 margin:0;background:var(--bg);color:var(--ink);line-height:1.6}
main{max-width:1080px;margin:0 auto;padding:24px 28px 48px;background:#fff;min-height:100vh}
header h1{margin:0 0 4px;font-size:1.7em;color:var(--accent)}
header .sub{color:var(--muted);font-size:.92em}
h2{margin:2em 0 .6em;padding-bottom:.3em;border-bottom:2px solid var(--accent);font-size:1.3em}
h3{margin:1.3em 0 .4em;font-size:1.08em}
nav.toc{margin:1em 0;font-size:.92em}nav.toc a{margin-right:1.1em;color:var(--accent);text-decoration:none}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:1em 0}
.card{flex:1 1 150px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:#fff}
.card .n{font-size:1.7em;font-weight:600;color:var(--accent)}.card .l{color:var(--muted);font-size:.85em}
.card.hot .n{color:var(--new)}
table{border-collapse:collapse;width:100%;font-size:.93em}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7;font-weight:600}
.badge{display:inline-block;padding:0 6px;border-radius:9px;font-size:.78em;color:#fff;background:var(--accent);
 margin-right:4px;white-space:nowrap}
.badge.new,.badge.split{background:var(--new)}.badge.growing{background:#d68910}.badge.touched{background:#16a085}
.badge.lv-重复{background:#b00020}.badge.lv-相近{background:#b35c00}.badge.lv-相关{background:#667085}
.muted,small{color:var(--muted)}
.quote{margin:6px 0;padding:6px 10px;border-left:3px solid var(--line);background:#fafbfc;font-size:.92em}
.quote.isnew{border-left-color:var(--new)}
.topic{border:1px solid var(--line);border-radius:8px;padding:10px 14px;margin:10px 0}
.topic .head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.topic .rank{font-weight:700;color:var(--accent);font-size:1.2em}
.topic .label{font-weight:600;font-size:1.05em}
.grid{display:flex;flex-wrap:wrap;gap:10px}
.grid figure{margin:0;border:1px solid var(--line);border-radius:6px;padding:6px;background:#fff}
figcaption{font-size:.8em;color:var(--muted);max-width:220px}
mark{background:#ffe08a}
.passage{border-bottom:1px solid var(--line);padding:8px 0}
.passage:target{background:#fff6d6}
.passage .text{white-space:pre-wrap}
a{color:var(--accent)}
.empty{color:var(--muted);font-style:italic}
@media print{body{background:#fff}main{max-width:none;padding:0}.topic,.card{break-inside:avoid}}
"""


# ---------------------------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------------------------
def _e(value: Any) -> str:
    """Escape anything for HTML text or attribute values (None → "")."""
    return html.escape(strip_bidi("" if value is None else str(value)), quote=True)  # no reordered titles


def _meta_line(item: Mapping[str, Any], keys: Sequence[str] = ("doc_type_zh", "region", "year", "author")) -> str:
    return " · ".join(str(item[k]) for k in keys if item.get(k) not in (None, ""))


def _short(text: str | None, n: int = 160) -> str:
    t = " ".join((text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:+.0%}"


# ---------------------------------------------------------------------------------------------
# inline SVG charts (hand-written: no plotting library, text stays selectable and escaped)
# ---------------------------------------------------------------------------------------------
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


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------
def _passage_link(pid: Any, passages: Mapping[str, Any], *, label: str | None = None) -> str:
    p = passages.get(str(pid))
    if p is None:
        return ""
    return f'<a href="#p{_e(pid)}">{_e(label or "段落 " + str(pid))}</a>'


def _quote(pid: Any, passages: Mapping[str, Any], n: int = 220) -> str:
    p = passages.get(str(pid))
    if p is None:
        return ""
    src = " · ".join(str(x) for x in (p.get("title"), p.get("doc_type_zh"), p.get("region"), p.get("year")) if x)
    badge = '<span class="badge new">新</span>' if p.get("is_new") else ""
    return (f'<div class="quote{" isnew" if p.get("is_new") else ""}">{badge}“{_e(_short(p.get("text"), n))}”'
            f'<br><small>{_e(src)} · <a href="#p{_e(pid)}">来源段落 #{_e(pid)}</a></small></div>')


def _cards(report: Mapping[str, Any]) -> str:
    run = report.get("run") or {}
    docs = run.get("documents") or {}
    tch = (report.get("topics") or {}).get("changes") or run.get("topics") or {}
    dup = report.get("duplicates") or {}
    corpus = report.get("corpus") or {}
    cards = [
        ("新增文件", len(report.get("new_documents") or []), True),
        ("修改 / 删除的源文件", f"{docs.get('changed', 0)} / {docs.get('deleted', 0)}", False),
        ("新嵌入段落", run.get("passages_embedded", 0), False),
        ("新议题", tch.get("new", 0) if not report.get("first_run") else "—", True),
        ("新的疑似重复对", len(dup.get("pairs") or []), True),
        ("文库规模（件 / 段）", f"{corpus.get('documents', '—')} / {corpus.get('passages', '—')}", False),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card{" hot" if hot and v not in (0, "—") else ""}"><div class="n">{_e(v)}</div><div class="l">{_e(k)}</div></div>'
        for k, v, hot in cards) + "</div>"


def _new_documents_html(report: Mapping[str, Any]) -> str:
    docs = report.get("new_documents") or []
    run = report.get("run") or {}
    parts = []
    if report.get("first_run"):
        parts.append('<p class="muted">这是此工作目录的第一次运行：全部文件都算作新增。</p>')
    if not docs:
        parts.append('<p class="empty">自上次运行以来没有新文件。</p>')
    else:
        by_type: dict[str, list[Mapping[str, Any]]] = {}
        for d in docs:
            by_type.setdefault(d.get("doc_type_zh") or d.get("doc_type") or "其他", []).append(d)
        order = sorted(by_type, key=lambda k: -len(by_type[k]))
        colours = [TYPE_COLOURS.get((by_type[k][0].get("doc_type") or "other"), "#3b7dd8") for k in order]
        parts.append(svg_bars([(k, len(by_type[k])) for k in order], colours=colours, title="新增文件（按类型）"))
        passages = report.get("passages") or {}
        for k in order:
            parts.append(f"<h3>{_e(k)}（{len(by_type[k])}件）</h3><table><tr><th>标题</th><th>地区 · 年份 · 作者</th><th>来源</th></tr>")
            for d in by_type[k]:
                link = _passage_link(d.get("passage_id"), passages, label="首段") if d.get("passage_id") is not None else ""
                src = f'<a href="{_e(d["uri"])}">源文件</a>' if d.get("uri") else _e(d.get("source"))
                parts.append(
                    f'<tr><td><span class="badge new">新</span>{_e(d.get("title") or d.get("id"))}'
                    f'<br><small>id {_e(str(d.get("id", ""))[:16])}</small></td>'
                    f'<td>{_e(_meta_line(d, ("region", "date", "author")) or _meta_line(d, ("region", "year")))}</td>'
                    f"<td>{src}{' · ' + link if link else ''}</td></tr>")
            parts.append("</table>")
    issues = run.get("issues") or []
    if issues:
        parts.append(f"<h3>未能读取的文件（{len(issues)}）</h3><ul>" + "".join(
            f"<li>{_e(i.get('source'))}{(' (' + _e(i.get('locator')) + ')') if i.get('locator') else ''}：{_e(i.get('reason'))}</li>"
            for i in issues[:30]) + "</ul>")
    return "".join(parts)


def _share_chart(t: Mapping[str, Any], title: str = "") -> str:
    """The topic's share of passages per year (its own data: charts differ when topics differ); falls back to
    document counts for a topics report written before shares existed."""
    from topicmine.topics.render import svg_share_trend

    sby = {int(k): float(v) for k, v in (t.get("share_by_year") or {}).items()}
    if sby:
        return svg_share_trend(sorted(sby.items()), mark=(t.get("trend") or {}).get("split_year"), title=title)
    by_year = {int(k): int(v) for k, v in (t.get("by_year") or {}).items()}
    return svg_year_bars(sorted(by_year.items()), title=title)


def _topic_card(t: Mapping[str, Any], passages: Mapping[str, Any], years: Sequence[int], *, n_quotes: int = 3) -> str:
    flags = "".join(f'<span class="badge {_e(f)}">{_e(TOPIC_FLAGS.get(f, f))}</span>' for f in t.get("flags") or [])
    extra = []
    if t.get("new_passages"):
        extra.append(f"本次新增相关段落 {int(t['new_passages'])} 段")
    if (t.get("trend") or {}).get("text"):
        if str(t["trend"]["text"]) not in str(t.get("reason") or ""):  # the reason usually says it already
            extra.append(str(t["trend"]["text"]))
    elif t.get("growth") is not None:
        extra.append(f"末年占比变化 {_pct(t.get('growth'))}")
    quotes = "".join(_quote(pid, passages) for pid in (t.get("representatives") or [])[:n_quotes])
    return (
        f'<div class="topic" id="t{_e(t.get("id"))}"><div class="head"><span class="rank">#{_e(t.get("rank"))}</span>'
        f'<span class="label">{_e(t.get("title") or t.get("label"))}</span>{flags}<small>议题编号 {_e(t.get("id"))} · '
        f'{_e(t.get("documents"))}件 / {_e(t.get("size"))}段 · 得分 {float(t.get("score") or 0):.2f}</small></div>'
        f'<div class="grid" style="align-items:flex-start"><div style="flex:1 1 560px">'
        f'<div>{_e(t.get("phrase"))}</div><div><b>理由：</b>{_e(t.get("reason"))}</div>'
        f'{("<div class=muted>" + _e("；".join(extra)) + "</div>") if extra else ""}{quotes}</div>'
        f'<figure>{_share_chart(t, "按年份")}'
        f"<figcaption>{'各年篇幅占比' if t.get('share_by_year') else '各年相关文件数'}</figcaption></figure></div></div>"
    )


def _whats_new_topics_html(report: Mapping[str, Any]) -> str:
    tp = report.get("topics") or {}
    ranked = tp.get("ranked") or []
    passages = report.get("passages") or {}
    years = (report.get("trends") or {}).get("years") or []
    parts = []
    if report.get("first_run"):
        parts.append(f'<p class="muted">首次建立议题库：共 {_e(tp.get("n_topics", len(ranked)))} 个议题（见下文排序）。</p>')
    elif not report.get("run", {}).get("topics_refit", True):
        parts.append('<p class="muted">语料没有变化，本次未重新计算议题。</p>')
    # new and fast-growing topics get a card with evidence; topics that merely received new material
    # get one line each (a new 政府工作报告 touches nearly every topic: cards would bury the news)
    flagged = [t for t in ranked if set(t.get("flags") or []) & {"new", "split", "growing"}]
    touched = [t for t in ranked if "touched" in (t.get("flags") or []) and t not in flagged]
    if flagged:
        parts.extend(_topic_card(t, passages, years, n_quotes=2) for t in flagged)
    elif not report.get("first_run"):
        parts.append('<p class="empty">没有新出现或快速增长的议题。</p>')
    if touched:
        parts.append("<h3>有新材料的议题</h3><table><tr><th>排序</th><th>议题</th><th>本次新增段落</th><th>理由</th></tr>" + "".join(
            f'<tr><td><a href="#t{_e(t.get("id"))}">#{_e(t.get("rank"))}</a></td><td>{_e(t.get("label"))}</td>'
            f'<td>{_e(t.get("new_passages"))}</td><td>{_e(t.get("reason"))}</td></tr>' for t in touched) + "</table>")
    gone = tp.get("gone") or []
    if gone:
        parts.append("<h3>不再出现的议题</h3><ul>" + "".join(
            f"<li>#{_e(g.get('id'))} {_e(g.get('phrase') or '·'.join(g.get('terms') or []))}"
            f"{'（并入 #' + _e(g.get('into')) + '）' if g.get('into') is not None else ''}</li>" for g in gone) + "</ul>")
    return "".join(parts)


def _duplicates_html(report: Mapping[str, Any]) -> str:
    dup = report.get("duplicates") or {}
    passages = report.get("passages") or {}
    if not dup.get("checked"):
        return f'<p class="empty">{_e(dup.get("note") or "本次没有新文件，未做重复检查。")}</p>'
    parts = []
    if dup.get("note"):
        parts.append(f'<p class="muted">{_e(dup["note"])}</p>')
    groups = dup.get("groups") or []
    pairs = dup.get("pairs") or []
    if groups:
        parts.append("<h3>并案建议</h3><table><tr><th>组</th><th>等级</th><th>成员（最早的在前）</th></tr>")
        for g in groups:
            members = "<br>".join(
                f'{_NEW if m.get("is_new") else ""}{_e(m.get("title") or m.get("id"))} '
                f'<small>{_e(_meta_line(m, ("author", "date")))}</small>' for m in g.get("members") or [])
            parts.append(f'<tr><td>{_e(g.get("id"))}</td><td><span class="badge lv-{_e(g.get("level"))}">{_e(g.get("level"))}</span></td>'
                         f"<td>{members}</td></tr>")
        parts.append("</table>")
    if pairs:
        parts.append("<h3>疑似重复 / 相近的文件对</h3><table><tr><th>等级</th><th>文件 A</th><th>文件 B</th><th>依据</th></tr>")
        for p in pairs:
            sides = []
            for s in ("a", "b"):
                info = p.get(f"{s}_info") or {}
                badge = '<span class="badge new">新</span>' if p.get(f"{s}_new") else ""
                link = _passage_link(p.get(f"{s}_passage"), passages, label="相同处所在段落") if p.get(f"{s}_passage") is not None else ""
                sides.append(f'{badge}{_e(info.get("title") or p.get(s))}<br><small>{_e(_meta_line(info, ("author", "date", "region")))}'
                             f'{" · " + link if link else ""}</small>')
            shared = f"<br>最长相同片段：<mark>{_e(_short(p.get('shared'), 120))}</mark>" if p.get("shared") else ""
            parts.append(f'<tr><td><span class="badge lv-{_e(p.get("level"))}">{_e(p.get("level"))}</span><br>'
                         f'<small>{float(p.get("score") or 0):.3f}</small></td><td>{sides[0]}</td><td>{sides[1]}</td>'
                         f'<td>{_e(p.get("context"))}{shared}</td></tr>')
        parts.append("</table>")
    if not groups and not pairs:
        parts.append('<p class="empty">新文件与已有提案、社情民意信息、建议案没有发现重复或相近。</p>')
    return "".join(parts)


def _trends_html(report: Mapping[str, Any]) -> str:
    tp = report.get("topics") or {}
    ranked = (tp.get("ranked") or [])[:12]
    tr = report.get("trends") or {}
    regions = tr.get("regions") or []
    if not ranked:
        return '<p class="empty">（无议题）</p>'
    figs = []
    shares = any(t.get("share_by_year") for t in ranked)
    for t in ranked:
        name = t.get("title") or t.get("label")
        figs.append(f'<figure>{_share_chart(t, str(name))}'
                    f'<figcaption><a href="#t{_e(t.get("id"))}">#{_e(t.get("rank"))}</a> {_e(_short(name, 28))}</figcaption></figure>')
    rows = [f"#{t.get('rank')} {t.get('title') or t.get('label')}" for t in ranked]
    if shares:
        # every yearly report mentions every chapter: counts of documents are the same for all topics, the
        # share of each region's passages is what differs (in 0.1 % units so the heatmap shows one decimal)
        regions = sorted({r for t in ranked for r in (t.get("share_by_region") or {})},
                         key=lambda r: -sum(float((t.get("share_by_region") or {}).get(r, 0)) for t in ranked))[:8]
        values = [[round(1000 * float((t.get("share_by_region") or {}).get(r, 0))) for r in regions] for t in ranked]
        return ("<h3>按年份（各年篇幅占比）</h3><div class=\"grid\">" + "".join(figs) + "</div>"
                "<h3>按地区（篇幅占比，‰）</h3>" + svg_heatmap(rows, regions, values, title="议题 × 地区"))
    values = [[int((t.get("by_region") or {}).get(r, 0)) for r in regions] for t in ranked]
    return ("<h3>按年份（各年相关文件数）</h3><div class=\"grid\">" + "".join(figs) + "</div>"
            "<h3>按地区（相关文件数）</h3>" + svg_heatmap(rows, regions, values, title="议题 × 地区"))


def _input_warnings(tp: Mapping[str, Any]) -> str:
    inp = tp.get("input") or {}
    items = (inp.get("duplicates") or []) + (inp.get("year_mismatches") or [])
    out = "".join(f'<div class="quote">⚠ {_e(i.get("message"))}</div>' for i in items)
    aside = tp.get("set_aside") or {}
    if aside:
        out += ('<p class="muted">未计入议题（已标记、未删除）：' + _e("，".join(f"{k} {v} 段" for k, v in aside.items()))
                + "。</p>")
    return out


def _ranked_html(report: Mapping[str, Any]) -> str:
    tp = report.get("topics") or {}
    ranked = tp.get("ranked") or []
    if not ranked:
        return '<p class="empty">还没有议题：语料为空或尚未计算。</p>'
    passages = report.get("passages") or {}
    years = (report.get("trends") or {}).get("years") or []
    return _input_warnings(tp) + "".join(_topic_card(t, passages, years) for t in ranked)


def _history_html(report: Mapping[str, Any]) -> str:
    hist = report.get("history") or []
    if not hist:
        return '<p class="empty">（无记录）</p>'
    out = ["<table><tr><th>#</th><th>开始时间</th><th>结果</th><th>用时</th><th>新增 / 修改 / 删除 / 未变</th><th>新嵌入段落</th><th>议题 保留 / 新 / 消失</th></tr>"]
    status_zh = {"ok": "成功", "failed": "失败", "interrupted": "中断", "running": "进行中"}
    for h in hist:
        d = h.get("documents") or {}
        t = h.get("topics") or {}
        secs = h.get("seconds")
        out.append(
            f"<tr><td>{_e(h.get('id'))}</td><td>{_e(str(h.get('started_at') or '')[:19].replace('T', ' '))}</td>"
            f"<td>{_e(status_zh.get(str(h.get('status')), h.get('status')))}{'（本次）' if h.get('current') else ''}"
            f"{('<br><small>' + _e(_short(h.get('error'), 120)) + '</small>') if h.get('error') else ''}</td>"
            f"<td>{'' if secs is None else f'{float(secs):.1f} 秒'}</td>"
            f"<td>{_e(d.get('new', ''))} / {_e(d.get('changed', ''))} / {_e(d.get('deleted', ''))} / {_e(d.get('unchanged', ''))}</td>"
            f"<td>{_e(h.get('passages_embedded', ''))}</td>"
            f"<td>{_e(t.get('kept', ''))} / {_e(t.get('new', ''))} / {_e(t.get('gone', ''))}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _passages_html(report: Mapping[str, Any]) -> str:
    passages = report.get("passages") or {}
    if not passages:
        return '<p class="empty">（无）</p>'
    out = []
    for pid, p in sorted(passages.items(), key=lambda kv: (str(kv[1].get("title") or ""), int(kv[1].get("start") or 0))):
        meta = " · ".join(str(x) for x in (p.get("doc_type_zh"), p.get("region"), p.get("year"), p.get("author")) if x)
        src = (f'<a href="{_e(p["uri"])}">{_e(p.get("source") or p["uri"])}</a>' if p.get("uri")
               else _e(p.get("source") or ""))
        out.append(
            f'<div class="passage" id="p{_e(pid)}"><b>#{_e(pid)}</b> '
            f'{_NEW if p.get("is_new") else ""}<b>{_e(p.get("title"))}</b> '
            f'<small>{_e(meta)}</small><div class="text">{_e(p.get("text"))}</div>'
            f'<small>文件 id {_e(str(p.get("doc_id") or "")[:16])} · 字符 {_e(p.get("start"))}–{_e(p.get("end"))} · {src}</small></div>')
    return "".join(out)


def _uptake_html(report: Mapping[str, Any]) -> str:
    """成果转化 lists; the wording says the later text takes up the same measure, never that it was caused."""
    sec = report.get("uptake") or {}
    parts = []
    rows = sec.get("新答复") or []
    parts.append(f"<h3>新答复（{len(rows)}）</h3>" + ("<ul>" + "".join(
        f"<li>{_e(x.get('title'))}：{_e(x.get('outcome'))}" + (f"（{_e(x.get('unit'))}）" if x.get("unit") else "") + "</li>"
        for x in rows) + "</ul>" if rows else '<p class="muted">无</p>'))
    rows = sec.get("逾期承诺") or []
    parts.append(f"<h3>逾期承诺（{len(rows)}）</h3>" + ("<ul>" + "".join(
        f"<li>{_e(x.get('title'))}：承诺“{_e(x.get('deadline'))}”（{_e(x.get('due'))}）前办理，已逾期 {_e(x.get('days_overdue'))} 天，"
        "尚无完成的后续证据，建议列入督办</li>" for x in rows) + "</ul>" if rows else '<p class="muted">无</p>'))
    rows = sec.get("新被采纳的建议") or []
    parts.append(f"<h3>新被采纳的建议（{len(rows)}）</h3>" + ("<ul>" + "".join(
        f"<li>{_e(x.get('title'))}：{_e(x.get('statement'))}</li>" for x in rows) + "</ul>" if rows
        else '<p class="muted">无</p>'))
    parts.append('<p class="muted">“采纳”指后续政策文本写入了与建议一致的举措，不表示因该建议而出台。详见 <code>topicmine uptake</code>。</p>')
    return "".join(parts)


def render_html(report: Mapping[str, Any], *, title: str = "议题晨报") -> str:
    """The morning report as ONE self-contained HTML page (no scripts, no external assets).

    >>> page = render_html({"date": "2026-11-26", "first_run": True})
    >>> page.startswith("<!DOCTYPE html>") and "议题晨报" in page and "<script" not in page
    True
    """
    run = report.get("run") or {}
    since = report.get("since")
    sub = [f"{report.get('date', '')}", f"运行 #{run.get('id')}" if run.get("id") is not None else "",
           f"自 {str(since)[:16].replace('T', ' ')} 以来的变化" if since else "首次运行",
           f"用时 {float(run['seconds']):.1f} 秒" if run.get("seconds") is not None else "",
           f"工作目录 {report.get('workdir')}" if report.get("workdir") else ""]
    sections = [
        ("new-docs", "一、新增文件", _new_documents_html(report)),
        ("new-topics", "二、新出现和快速增长的议题", _whats_new_topics_html(report)),
        ("dups", "三、新的疑似重复与并案线索", _duplicates_html(report)),
        ("ranked", "四、候选调研议题排序", _ranked_html(report)),
        ("trends", "五、议题趋势", _trends_html(report)),
        ("uptake", "六、成果转化：新答复、逾期承诺、新被采纳的建议", _uptake_html(report)),
        ("history", "七、运行记录", _history_html(report)),
        ("passages", "附：来源段落", _passages_html(report)),
    ]
    toc = "".join(f'<a href="#{a}">{_e(h)}</a>' for a, h, _ in sections)
    body = "".join(f'<section id="{a}"><h2>{_e(h)}</h2>{c}</section>' for a, h, c in sections)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)} {_e(report.get('date', ''))}</title><style>{_CSS}</style></head><body><main>"
        f'<header><h1>{_e(title)}</h1><div class="sub">{_e(" · ".join(s for s in sub if s))}</div></header>'
        f'{_cards(report)}<nav class="toc">{toc}</nav>{body}'
        '<footer><p class="muted">由 topicmine 自动生成。议题排序与重复判断仅供研究室参考，请以原文为准。</p></footer>'
        "</main></body></html>"
    )


# ---------------------------------------------------------------------------------------------
# Markdown digest (for e-mail) and JSON
# ---------------------------------------------------------------------------------------------
def _md(text: Any) -> str:
    """Neutralise Markdown/HTML in document text (an e-mail client may render either)."""
    s = " ".join(strip_bidi(str(text or "")).split())
    s = html.escape(s, quote=False)
    for ch in "\\`*_[]#|":
        s = s.replace(ch, "\\" + ch)
    return s


def render_markdown(report: Mapping[str, Any], *, html_name: str = "morning.html", max_items: int = 10) -> str:
    """A short digest for e-mail; every item links into the HTML report (``morning.html#p123``).

    >>> md = render_markdown({"date": "2026-11-26", "new_documents": [{"title": "关于*托育*的提案", "doc_type_zh": "提案"}]})
    >>> "关于\\\\*托育\\\\*的提案" in md
    True
    """
    run = report.get("run") or {}
    docs = run.get("documents") or {}
    tp = report.get("topics") or {}
    dup = report.get("duplicates") or {}
    new_docs = report.get("new_documents") or []
    lines = [f"# 议题晨报 {report.get('date', '')}", ""]
    since = report.get("since")
    lines.append(f"自 {str(since)[:16].replace('T', ' ')} 以来：" if since else "首次运行：")
    lines.append(f"- 新增文件 {len(new_docs)} 件（源文件新增 {docs.get('new', 0)}、修改 {docs.get('changed', 0)}、"
                 f"删除 {docs.get('deleted', 0)}、未变 {docs.get('unchanged', 0)}）；新嵌入段落 {run.get('passages_embedded', 0)} 段")
    ch = tp.get("changes") or {}
    lines.append(f"- 议题 {tp.get('n_topics', len(tp.get('ranked') or []))} 个（保留 {ch.get('kept', 0)}、新 {ch.get('new', 0)}、消失 {ch.get('gone', 0)}）")
    lines.append(f"- 新的疑似重复对 {len(dup.get('pairs') or [])} 对、并案建议 {len(dup.get('groups') or [])} 组")
    up = report.get("uptake") or {}
    if up:
        lines.append(f"- 成果转化：新答复 {len(up.get('新答复') or [])} 件、逾期承诺 {len(up.get('逾期承诺') or [])} 件、"
                     f"新被采纳的建议 {len(up.get('新被采纳的建议') or [])} 件（后续文本写入了一致的举措）")
    lines.append("")
    if new_docs:
        lines += ["## 新增文件", ""]
        by_type: dict[str, list[Mapping[str, Any]]] = {}
        for d in new_docs:
            by_type.setdefault(d.get("doc_type_zh") or d.get("doc_type") or "其他", []).append(d)
        for k, items in sorted(by_type.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"**{_md(k)}**（{len(items)}件）")
            for d in items[:max_items]:
                anchor = f"（[首段]({html_name}#p{d['passage_id']})）" if d.get("passage_id") is not None else ""
                lines.append(f"- {_md(d.get('title') or d.get('id'))} — {_md(_meta_line(d, ('region', 'date', 'author')))}{anchor}")
            if len(items) > max_items:
                lines.append(f"- ……另 {len(items) - max_items} 件见完整报告")
            lines.append("")
    flagged = [t for t in tp.get("ranked") or [] if set(t.get("flags") or []) & {"new", "split", "growing"}]
    touched = [t for t in tp.get("ranked") or [] if "touched" in (t.get("flags") or []) and t not in flagged]
    if flagged or touched:
        lines += ["## 新出现 / 快速增长的议题", ""]
        for t in flagged[:max_items]:
            badges = "、".join(TOPIC_FLAGS.get(f, f) for f in t.get("flags") or [])
            lines.append(f"- **{_md(t.get('label'))}**（{badges}）：{_md(t.get('reason'))} [详情]({html_name}#t{t.get('id')})")
        if touched:
            lines.append("- 有新材料的议题：" + "、".join(f"{_md(t.get('label'))}（{t.get('new_passages')}段）" for t in touched))
        lines.append("")
    pairs = dup.get("pairs") or []
    if pairs:
        lines += ["## 新的疑似重复", ""]
        for p in pairs[:max_items]:
            a, b = p.get("a_info") or {}, p.get("b_info") or {}
            lines.append(f"- {_md(p.get('level'))} {float(p.get('score') or 0):.2f}：{_md(a.get('title') or p.get('a'))} ~ "
                         f"{_md(b.get('title') or p.get('b'))}")
        lines.append("")
    ranked = tp.get("ranked") or []
    if ranked:
        lines += ["## 候选调研议题（前 10）", ""]
        for t in ranked[:10]:
            lines.append(f"{t.get('rank')}. **{_md(t.get('label'))}** — {_md(t.get('reason'))}")
        lines.append("")
    lines.append(f"完整报告（含趋势图和全部来源段落）：{html_name}")
    return "\n".join(lines) + "\n"


def render_json(report: Mapping[str, Any]) -> str:
    """The report dict as pretty UTF-8 JSON (Chinese kept readable)."""
    return json.dumps({"format": FORMAT, **report}, ensure_ascii=False, indent=1, default=str)
