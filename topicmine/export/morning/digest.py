"""The morning report as a short Markdown digest for e-mail (links point into the HTML page) and as JSON."""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any

from topicmine.export.morning.base import FORMAT, TOPIC_FLAGS, _meta_line
from topicmine.logsafe import strip_bidi


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
