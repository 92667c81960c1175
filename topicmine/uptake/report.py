"""The ``topicmine uptake`` result: links, 督办 list, 评价 figures, and the export for the 督查 office.

    >>> from topicmine.pipeline import Workspace                                   # doctest: +SKIP
    >>> r = uptake_report(Workspace.from_settings(workdir="var"), today="2025-01-01")  # doctest: +SKIP
    >>> r["summary"]                                                                 # doctest: +SKIP
    {'items': 9, 'replied': 3, 'adopted': 2, 'supervision': 4, ...}
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from topicmine.errors import InputError
from topicmine.uptake.figures import figures
from topicmine.uptake.refresh import ITEM_TYPES, doc_date
from topicmine.uptake.store import links
from topicmine.uptake.supervision import supervision_rows


def _items(store: Any) -> list[dict[str, Any]]:
    from topicmine.uptake.linking import in_row_reply

    out = []
    for d in store.iter_documents():
        if d.doc_type.value not in ITEM_TYPES and not in_row_reply(d):
            continue
        m = d.meta or {}
        out.append({"id": d.id, "title": d.title, "doc_type": d.doc_type.value, "date": doc_date(d) or None, "year": d.year,
                    "category": d.category, "author": d.author, "sector": m.get("sector"), "handler": m.get("handler"),
                    "number": m.get("number")})
    return out


def duplicate_levels(reports_dir: Path | str) -> dict[str, set[str]]:
    """Item id → levels of its pairs in the dedup report (``reports_dir/dedup.json``, written by ``dedup`` and the
    nightly refresh); empty when no dedup has run yet."""
    import json

    p = Path(reports_dir) / "dedup.json"
    if not p.is_file():
        return {}
    try:
        pairs = json.loads(p.read_text(encoding="utf-8")).get("pairs", [])
    except (OSError, ValueError) as exc:
        raise InputError(f"{p}: 查重结果无法读取（{exc}）；请重新运行 topicmine dedup") from exc
    out: dict[str, set[str]] = {}
    for r in pairs:
        for k in ("a", "b"):
            if r.get(k):
                out.setdefault(str(r[k]), set()).add(str(r.get("level")))
    return out


def uptake_report(ws: Any, *, today: str | None = None, reply_days: int = 90, echo_months: int = 12,
                  refresh: bool = True, show_progress: bool | None = None) -> dict[str, Any]:
    """Refresh the links (new documents only) and assemble the report."""
    from topicmine.uptake.refresh import refresh_links

    counts = refresh_links(ws, show_progress=show_progress) if refresh else {}
    store = ws.store
    items = _items(store)
    rl = links(store, kind="reply")
    ul = links(store, kind="uptake")
    titles = {it["id"]: it["title"] for it in items}
    sup = supervision_rows(items, rl, ul, today=today or date.today().isoformat(), reply_days=reply_days,
                           echo_months=echo_months)
    adopted = {u["src_doc"] for u in ul if u["level"] == "采纳"}
    summary = {
        "items": len(items),
        "replied": len({r["src_doc"] for r in rl}),
        "outcomes": dict(Counter(r["level"] for r in rl)),
        "adopted_items": len(adopted),
        "echo_only_items": len({u["src_doc"] for u in ul} - adopted),
        "supervision": dict(Counter(r["kind"] for r in sup)),
    }
    return {
        "summary": summary,
        "refresh": counts,
        "replies": [{"item": r["src_doc"], "title": titles.get(r["src_doc"], ""), "reply": r["dst_doc"], "outcome": r["level"],
                     "method": r["method"], "days": r["lag_days"], **{k: (r["evidence"] or {}).get(k) for k in
                                                                      ("responsive", "deadline", "unit", "reasons")}}
                    for r in rl],
        "uptake": sorted(({"item": u["src_doc"], "title": titles.get(u["src_doc"], ""), "level": u["level"],
                           "score": u["score"], "later_doc": u["dst_doc"], "later_title": (u["evidence"] or {}).get("dst_title"),
                           "lag_days": u["lag_days"], "ask": (u["evidence"] or {}).get("ask"),
                           "passage": (u["evidence"] or {}).get("passage_sentence"),
                           "shared": (u["evidence"] or {}).get("shared"),
                           "statement": (u["evidence"] or {}).get("statement"),
                           "offsets": [u["dst_start"], u["dst_end"]]} for u in ul),
                         key=lambda x: (x["item"], x["level"] != "采纳", -(x["score"] or 0))),
        "supervision": sup,
        "figures": figures(items, rl, ul, duplicate_levels(ws.settings.reports_dir)),
    }


def uptake_digest(ws: Any, *, today: str | None = None, top: int = 3) -> dict[str, Any]:
    """What the demo shows of 成果转化 from the stored links (no new matching): counts, the first 采纳 statements
    ("与建议一致的举措已写入《…》：“…”") and the first 督办 rows with their reasons."""
    rep = uptake_report(ws, today=today, refresh=False)
    adopted = [u for u in rep["uptake"] if u["level"] == "采纳" and u["statement"]]
    adopted.sort(key=lambda u: -(u["score"] or 0))
    seen: set[str] = set()
    firsts = [u for u in adopted if not (u["item"] in seen or seen.add(u["item"]))][:top]
    return {"summary": rep["summary"],
            "adopted": [{"title": u["title"], "statement": u["statement"]} for u in firsts],
            "supervision": [{"kind": r["kind"], "title": r["title"], "reason": r["reason"]} for r in rep["supervision"][:2 * top]]}


EXPORT_COLUMNS = ("类型", "提案/事项", "原因", "承办单位", "答复（文档编号）", "证据")


def evidence_text(ev: dict[str, Any] | str | None) -> str:
    """A 督办 row's evidence as office staff read it (not a Python dict): the promised span and date with its place
    in the reply, the reply's own reasons, or the later text's statement.

    >>> evidence_text({"span": "年内", "due": "2023-12-31", "start": 635, "end": 637})
    '答复原文“年内”（第635–637字） → 期限 2023-12-31'
    >>> evidence_text({"reasons": ["只说明转交其他单位处理", "答复没有回应诉求本身"]})
    '只说明转交其他单位处理；答复没有回应诉求本身'
    >>> evidence_text({})
    ''
    """
    if isinstance(ev, str):  # a row built by hand or by an older report: already text
        return ev
    ev = ev or {}
    if ev.get("span"):
        where = f"（第{ev['start']}–{ev['end']}字）" if ev.get("start") is not None and ev.get("end") is not None else ""
        return f"答复原文“{ev['span']}”{where}" + (f" → 期限 {ev['due']}" if ev.get("due") else "")
    if ev.get("statement"):
        return str(ev["statement"])
    if ev.get("reasons"):
        return "；".join(str(r) for r in ev["reasons"])
    return ""


def export_supervision(report: dict[str, Any], path: Path | str) -> Path:
    """The 督办 list as .csv (UTF-8 with BOM, opens in Excel) or .xlsx, one row per item and reason."""
    path = Path(path)
    from topicmine.csvsafe import safe_cell

    # titles, units and reply text come from documents anyone can write: a cell starting with "=" would run as a
    # formula in Excel/WPS (CSV) and openpyxl writes it as a live formula (xlsx) — prefixed with "'" in both
    rows = [[safe_cell(v) for v in (r["kind"], r["title"], r["reason"], r.get("unit") or "", r.get("reply") or "",
                                    evidence_text(r.get("evidence")))] for r in report["supervision"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(EXPORT_COLUMNS)
            w.writerows(rows)
    elif path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "督办清单"
        ws.append(list(EXPORT_COLUMNS))
        for r in rows:
            ws.append(r)
        from topicmine.uptake.figures import GROUPINGS

        # one sheet per grouping; the 委员 sheet is each member's 履职 profile (filed, replied, taken up, duplicates)
        for g, name in GROUPINGS.items():
            fig = wb.create_sheet(f"评价_{name}")
            fig.append([name, "事项", "已答复", "已解决", "承诺办理", "解释说明", "无法办理", "转办", "采纳", "采纳率", "仅呼应",
                        "重复", "相近"])
            for r in report["figures"].get(g, []):
                fig.append([safe_cell(r["group"]), r["items"], r["replied"], r["已解决"], r["承诺办理"], r["解释说明"],
                            r["无法办理"], r["转办"], r["adopted"], r["adopted_rate"], r.get("echo_only", 0),
                            r.get("duplicates", 0), r.get("similar", 0)])
        wb.save(path)
    else:
        raise InputError(f"{path}: 导出格式只支持 .csv 或 .xlsx")
    return path
