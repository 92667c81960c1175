"""Section 一 of the morning report: the files that arrived since the last run (and those that could not be read)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from topicmine.export.morning.base import TYPE_COLOURS, _e, _meta_line, _passage_link
from topicmine.export.morning.charts import svg_bars


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
