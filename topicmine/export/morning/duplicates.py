"""Section 三 of the morning report: new suspected duplicates and groups for 并案."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from topicmine.export.morning.base import _NEW, _e, _meta_line, _passage_link, _short


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
