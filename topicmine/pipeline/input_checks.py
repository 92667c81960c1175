"""Input checks when documents arrive (ingest, refresh): reports stored twice, datelines that disagree with the year.

The checks (:mod:`topicmine.ingest.sanity`) run over the whole store after every ingest, because a copy is only
visible beside the document it copies; the result is saved in the store (meta ``input_checks``) with the store's
fingerprint, shown in the ingest and refresh summaries and the morning report, and read by the topics job
(the delivered year for trends, the copies left out of shares). A store changed since the last check (a workdir
ingested before the checks existed) is checked again on first read.

>>> rep = check_inputs(ws, new_doc_ids=["d2020"])        # doctest: +SKIP
>>> rep["duplicates"][0]["message"]                       # doctest: +SKIP
'《四川省政府工作报告》与《四川省政府工作报告》几乎相同（98.1%的段落一致，共104段），疑为同一文件存了两次；议题份额只计一份'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: store meta key of the last check
META_KEY = "input_checks"


def _report(checks: dict[str, Any], new: set[str]) -> dict[str, Any]:
    return {
        "duplicates": [{"keep": d.keep, "copy": d.copy, "doc_type": d.doc_type, "overlap": round(d.overlap, 4),
                        "shared": d.shared, "new": d.keep in new or d.copy in new, "message": d.message()}
                       for d in checks["duplicates"]],
        "year_mismatches": [{"doc_id": m.doc_id, "stored_year": m.stored_year, "dateline_year": m.dateline_year,
                             "new": m.doc_id in new, "message": m.message()} for m in checks["mismatches"]],
        # what the topics job needs: the delivered year where it differs, the copies left out of shares
        "year_of": {m.doc_id: m.dateline_year for m in checks["mismatches"]},
        "copies": sorted(checks["copies"]),
    }


def check_inputs(ws: Any, new_doc_ids: Iterable[str] = ()) -> dict[str, Any]:
    """Run the input checks over the stored documents, save them and return the report; items involving a
    document of ``new_doc_ids`` are marked ``new`` (what this ingest brought in)."""
    from topicmine.ingest.sanity import input_checks

    store = ws.store
    rows = list(store.iter_passages())
    rep = _report(input_checks(rows), {str(d) for d in new_doc_ids})
    rep["documents"] = len({r.doc_id for r in rows})
    store.meta_set(META_KEY, {**rep, "fingerprint": store.fingerprint()})
    return rep


def stored_checks(ws: Any) -> dict[str, Any]:
    """The saved report when it describes the current store, else a fresh check (saved too)."""
    saved = ws.store.meta_get(META_KEY, None)
    if isinstance(saved, dict) and saved.get("fingerprint") == ws.store.fingerprint():
        return {k: v for k, v in saved.items() if k != "fingerprint"}
    return check_inputs(ws)


def summary_line(rep: dict[str, Any]) -> str:
    """One line for the ingest/refresh summary, in the office's words.

    >>> summary_line({"duplicates": [{"new": True}], "year_mismatches": [{}, {}]})
    '输入检查：1对疑似重复存放的同类文件，2份文件落款年份与存放年份不一致'
    >>> summary_line({"duplicates": [], "year_mismatches": []})
    '输入检查：未发现重复存放的文件或年份不一致'
    """
    d, m = len(rep.get("duplicates") or []), len(rep.get("year_mismatches") or [])
    if not d and not m:
        return "输入检查：未发现重复存放的文件或年份不一致"
    parts = ([f"{d}对疑似重复存放的同类文件"] if d else []) + ([f"{m}份文件落款年份与存放年份不一致"] if m else [])
    return "输入检查：" + "，".join(parts)
