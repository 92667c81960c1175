"""What every part of the morning report shares: the format tag, topic flags and type colours, HTML
escaping (every piece of document text goes through ``_e``) and the links into the 来源段落 appendix."""

from __future__ import annotations

import html
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
