"""The 督办 list: what the supervision office should chase, each row with its reason and evidence.

Four kinds of row:

- 逾期承诺 — a reply promised a deadline that has passed, and no later evidence (a later reply saying
  已解决, or a later passage taking up the same ask at 采纳) exists;
- 逾期未答复 — an item with no reply after ``reply_days`` days (default 90: replies are due within three
  months of 交办);
- 答复未回应诉求 — a reply that answers nothing specific (无实质内容, 转办 without result, responsive = no);
- 仅有呼应 — an item older than ``echo_months`` months whose asks later text echoes only in direction.

    >>> rows = supervision_rows(
    ...     items=[{"id": "p1", "title": "关于加装电梯的提案", "date": "2023-01-10"}],
    ...     reply_links=[{"src_doc": "p1", "dst_doc": "r1", "level": "承诺办理", "evidence": {"responsive": "yes",
    ...                   "deadline": {"span": "今年9月底", "due": "2023-09-30"}, "reply_date": "2023-06-01"}}],
    ...     uptake_links=[], today="2024-01-01")
    >>> [(r["kind"], r["reason"]) for r in rows]
    [('逾期承诺', '答复承诺“今年9月底”（2023-09-30）前办理，已逾期 93 天，未见办结或后续文本证据')]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from topicmine.errors import InputError


def _d(s: str | None) -> date | None:
    if not s:
        return None
    s = str(s)[:10]
    try:
        if len(s) == 4:
            return date(int(s), 1, 1)
        if len(s) == 7:
            return date(int(s[:4]), int(s[5:7]), 1)
        return date.fromisoformat(s.replace("/", "-"))
    except ValueError:
        from topicmine.uptake.deadlines import parse_when

        w = parse_when(s)
        return w.date() if w else None


def _by_item(links_: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for link in links_:
        out.setdefault(link["src_doc"], []).append(link)
    return out


def overdue_commitments(reply_links: Sequence[dict[str, Any]], uptake_links: Sequence[dict[str, Any]],
                        now: date) -> list[tuple[dict[str, Any], date]]:
    """Replies whose promised deadline passed before ``now`` with no later evidence of completion: neither a
    later reply of the same item saying 已解决 (dated on or after the deadline) nor a 采纳 passage of a
    document dated on or after it. The one rule behind the 督办 list and the morning report's 逾期承诺.

    >>> rep = {"src_doc": "p1", "dst_doc": "r1", "level": "承诺办理", "evidence": {"deadline": {"span": "三季度", "due": "2024-09-30"}}}
    >>> up = {"src_doc": "p1", "level": "采纳", "evidence": {"dst_date": "2025-01-20"}}
    >>> len(overdue_commitments([rep], [], date(2025, 6, 1))), len(overdue_commitments([rep], [up], date(2025, 6, 1)))
    (1, 0)
    """
    by_item, up_by_item = _by_item(reply_links), _by_item(uptake_links)
    out: list[tuple[dict[str, Any], date]] = []
    for rep in reply_links:
        due = _d(((rep.get("evidence") or {}).get("deadline") or {}).get("due"))
        if rep.get("level") != "承诺办理" or not due or due >= now:
            continue
        reps, ups = by_item.get(rep["src_doc"], []), up_by_item.get(rep["src_doc"], [])
        later_done = [r for r in reps if r is not rep and r.get("level") == "已解决"
                      and (_d((r.get("evidence") or {}).get("reply_date")) or date.min) >= due]
        later_up = [u for u in ups if u.get("level") == "采纳" and (_d((u.get("evidence") or {}).get("dst_date")) or date.min) >= due]
        if not later_done and not later_up:
            out.append((rep, due))
    return out


def supervision_rows(items: Sequence[dict[str, Any]], reply_links: Sequence[dict[str, Any]],
                     uptake_links: Sequence[dict[str, Any]], *, today: str | date | None = None,
                     reply_days: int = 90, echo_months: int = 12) -> list[dict[str, Any]]:
    """All 督办 rows, most urgent kinds first; each row names the item, the reason and the evidence."""
    now = _d(today) if isinstance(today, str) else (today or date.today())
    if now is None:
        raise InputError(f"督办基准日期“{today}”不是有效日期，请写成 YYYY-MM-DD（例如 2025-06-30）")
    by_item, up_by_item = _by_item(reply_links), _by_item(uptake_links)
    overdue = {id(rep): due for rep, due in overdue_commitments(reply_links, uptake_links, now)}
    rows: list[dict[str, Any]] = []
    for it in items:
        iid, title = it["id"], it.get("title", "")
        reps = by_item.get(iid, [])
        ups = up_by_item.get(iid, [])
        for rep in reps:
            ev = rep.get("evidence") or {}
            dl = ev.get("deadline") or {}
            due = overdue.get(id(rep))
            if due is not None:
                rows.append({"kind": "逾期承诺", "item": iid, "title": title, "reply": rep["dst_doc"],
                             "reason": f"答复承诺“{dl.get('span')}”（{due.isoformat()}）前办理，已逾期 {(now - due).days} 天，未见办结或后续文本证据",
                             "evidence": dl, "unit": ev.get("unit")})
            if ev.get("responsive") == "no" or rep.get("level") in ("无实质内容", "转办"):
                why = {"无实质内容": "答复只有问候或“已收悉”，没有实质内容", "转办": "答复只说已转交他处，没有办理结果"}.get(
                    rep.get("level"), "答复没有回应所提的具体诉求")
                rows.append({"kind": "答复未回应诉求", "item": iid, "title": title, "reply": rep["dst_doc"],
                             "reason": why, "evidence": {"reasons": ev.get("reasons")}, "unit": ev.get("unit")})
        idate = _d(it.get("date"))
        if not reps and idate and (now - idate).days > reply_days:
            rows.append({"kind": "逾期未答复", "item": iid, "title": title, "reply": None,
                         "reason": f"提交于 {idate.isoformat()}，{(now - idate).days} 天未见答复（期限 {reply_days} 天）",
                         "evidence": {}, "unit": it.get("handler")})
        if ups and all(u.get("level") == "呼应" for u in ups) and idate and now - idate > timedelta(days=30 * echo_months):
            best = max(ups, key=lambda u: u.get("score") or 0)
            rows.append({"kind": "仅有呼应", "item": iid, "title": title, "reply": None,
                         "reason": f"提交 {echo_months} 个月后，后续文本只有方向一致的表述，未写入所提的具体举措",
                         "evidence": {"statement": (best.get("evidence") or {}).get("statement")}, "unit": it.get("handler")})
    order = {"逾期承诺": 0, "逾期未答复": 1, "答复未回应诉求": 2, "仅有呼应": 3}
    rows.sort(key=lambda r: (order[r["kind"]], r["title"]))
    return rows
