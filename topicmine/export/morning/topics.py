"""The topic sections of the morning report: 二 new and fast-growing topics, 四 the ranked list, 五 trends."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from topicmine.export.morning.base import TOPIC_FLAGS, _e, _pct, _quote, _short
from topicmine.export.morning.charts import svg_heatmap, svg_year_bars


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
