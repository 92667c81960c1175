"""The morning report's 成果转化 section: 新答复, 逾期承诺, 新被采纳的建议 — read from the stored links.

It only reads ``uptake_links`` (written by :func:`topicmine.uptake.refresh.refresh_links`); the morning
report can call :func:`morning_section` with the ids of the documents new since the last run.

    >>> from topicmine.store import Store
    >>> from topicmine.uptake.store import Link, put_links
    >>> with Store(":memory:") as st:
    ...     _ = put_links(st, [Link("p", "r", "reply", "承诺办理", method="number",
    ...                             evidence={"deadline": {"span": "年底", "due": "2023-12-31"}})])
    ...     sec = morning_section(st, ["r"], today="2024-02-01", titles={"p": "关于加装电梯的提案"})
    >>> [x["title"] for x in sec["新答复"]], sec["逾期承诺"][0]["days_overdue"]
    (['关于加装电梯的提案'], 32)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from topicmine.uptake.store import links
from topicmine.uptake.supervision import overdue_commitments


def morning_section(store: Any, new_doc_ids: Iterable[str], *, today: str | None = None,
                    titles: Mapping[str, str] | None = None, limit: int = 30) -> dict[str, list[dict[str, Any]]]:
    """Three lists: replies to items that arrived in ``new_doc_ids``, overdue commitments, new 采纳 links."""
    new = set(new_doc_ids)
    now = date.fromisoformat(today) if today else date.today()
    titles = titles or {}
    rl = links(store, kind="reply")
    ul = links(store, kind="uptake")
    new_replies = [{"item": r["src_doc"], "title": titles.get(r["src_doc"], ""), "outcome": r["level"],
                    "unit": (r["evidence"] or {}).get("unit"), "reasons": (r["evidence"] or {}).get("reasons")}
                   for r in rl if r["dst_doc"].split("#", 1)[0] in new]
    # the same rule as the 督办 list: a later 已解决 reply or a later 采纳 passage clears a commitment
    overdue = []
    for r, due in overdue_commitments(rl, ul, now):
        dl = (r["evidence"] or {}).get("deadline") or {}
        overdue.append({"item": r["src_doc"], "title": titles.get(r["src_doc"], ""), "deadline": dl.get("span"),
                        "due": due.isoformat(), "days_overdue": (now - due).days, "unit": (r["evidence"] or {}).get("unit")})
    overdue.sort(key=lambda x: -x["days_overdue"])
    adopted = [{"item": u["src_doc"], "title": titles.get(u["src_doc"], ""), "statement": (u["evidence"] or {}).get("statement"),
                "later_doc": u["dst_doc"]} for u in ul if u["level"] == "采纳" and (u["dst_doc"] in new or u["src_doc"] in new)]
    return {"新答复": new_replies[:limit], "逾期承诺": overdue[:limit], "新被采纳的建议": adopted[:limit]}


def section_markdown(sec: Mapping[str, list[dict[str, Any]]]) -> str:
    """The section as Markdown (the report's HTML renderer can reuse the same lists)."""
    lines = ["## 成果转化", ""]
    lines.append(f"### 新答复（{len(sec['新答复'])}）")
    lines += [f"- {x['title']}：{x['outcome']}" + (f"（{x['unit']}）" if x.get("unit") else "") for x in sec["新答复"]] or ["- 无"]
    lines.append(f"\n### 逾期承诺（{len(sec['逾期承诺'])}）")
    lines += [f"- {x['title']}：承诺“{x['deadline']}”（{x['due']}）前办理，已逾期 {x['days_overdue']} 天" for x in sec["逾期承诺"]] or ["- 无"]
    lines.append(f"\n### 新被采纳的建议（{len(sec['新被采纳的建议'])}）")
    lines += [f"- {x['title']}：{x['statement']}" for x in sec["新被采纳的建议"]] or ["- 无"]
    return "\n".join(lines) + "\n"
