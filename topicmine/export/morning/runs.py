"""Section 七 (the run history) and the 来源段落 appendix every quote in the report links to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from topicmine.export.morning.base import _NEW, _e, _short


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
