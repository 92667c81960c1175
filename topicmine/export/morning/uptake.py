"""Section 六 of the morning report: 成果转化 — new replies, overdue commitments, newly taken-up suggestions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from topicmine.export.morning.base import _e


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
