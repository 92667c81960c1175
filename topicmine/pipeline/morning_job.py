"""Gather the morning report (晨报) after a refresh and write it: HTML + JSON + Markdown, atomically.

The refresh job calls :func:`write_morning_report` with its own summary; this module
reads what else the report needs (new documents and their passages from the store,
the run history, ``reports/topics.json``, ``reports/dedup.json``,
``artifacts/topics/current.json``) into ONE plain dict, and
:mod:`topicmine.export.morning` renders it. Nothing here computes topics or
duplicates: it only reads what the stages wrote.

"New since the last run" means since the last *successful* refresh: a run that was
killed or failed does not count, so its changes are reported by the next run that
completes (the refresh keeps the ids of new documents until a run succeeds).

Example (in a notebook, after ``refresh``)::

    >>> from topicmine.pipeline import Workspace
    >>> from topicmine.pipeline.morning_job import build_morning_report
    >>> ws = Workspace.from_settings(workdir="var/demo")                      # doctest: +SKIP
    >>> rep = build_morning_report(ws, {"run_id": 3, "new_doc_ids": []})      # doctest: +SKIP
    >>> [t["label"] for t in rep["topics"]["ranked"][:2]]                     # doctest: +SKIP
    ['公共数据授权运营·产品·数据要素市场', '营商环境·企业·综合查一次']
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from topicmine.pipeline.core import Workspace

logger = logging.getLogger("topicmine")

#: a topic is "fast-growing" when its share of the latest year's documents rose by this much
GROWTH_MIN = 0.5
#: … and it has at least this many documents in that latest year (one document is noise)
GROWTH_MIN_DOCS = 2
#: caps that keep the page readable on a first run over a big corpus (the JSON says what was cut)
MAX_NEW_DOCUMENTS = 300
MAX_PAIRS = 60
MAX_REGIONS = 10
HISTORY_RUNS = 14


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------
def _atomic_write(path: Path, text: str) -> None:
    """Write then ``os.replace`` (topicmine.atomic): a reader (the service, a mail job) sees the old file or the
    new one; files are 0644 so the office's other accounts can read them."""
    from topicmine.atomic import write_text_atomic

    write_text_atomic(path, text)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        logger.warning("morning report: cannot read %s (%s); that section stays empty", path, exc)
        return None


def source_uri(source: str | None) -> str | None:
    """A clickable ``file://`` URI for a stored source (``/srv/语料/a.xlsx#row 3`` → the file).

    >>> source_uri("/srv/语料/提案/2024/a.md")
    'file:///srv/%E8%AF%AD%E6%96%99/%E6%8F%90%E6%A1%88/2024/a.md'
    >>> source_uri("relative/path.md") is None
    True
    """
    if not source:
        return None
    path = Path(source.split("#", 1)[0])
    if not path.is_absolute():
        return None
    return path.as_uri()


def _passage_entry(row: Any, doc: Any, new_ids: set[str]) -> dict[str, Any]:
    source = doc.sources[0] if doc is not None and doc.sources else None
    return {
        "id": int(row.id), "doc_id": row.doc_id, "title": row.title, "doc_type": row.doc_type.value,
        "doc_type_zh": row.doc_type.label_zh, "region": row.region, "year": row.year, "date": row.date,
        "author": row.author, "start": int(row.start), "end": int(row.end), "text": row.text,
        "source": source, "uri": source_uri(source), "is_new": row.doc_id in new_ids,
    }


def _refresh_runs(store: Any, limit: int) -> list[dict[str, Any]]:
    return [r for r in store.runs(limit * 4) if r["kind"] == "refresh"][:limit]


def _history_row(r: dict[str, Any]) -> dict[str, Any]:
    s = r.get("summary") or {}
    return {
        "id": r["id"], "started_at": r["started_at"], "finished_at": r.get("finished_at"), "status": r["status"],
        "seconds": s.get("seconds", r.get("seconds")), "documents": s.get("documents") or {},
        "passages_embedded": s.get("passages_embedded"), "topics": s.get("topics") or {},
        "error": s.get("error"),
    }


# ---------------------------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------------------------
def _new_documents(ws: Workspace, new_ids: list[str]) -> tuple[list[dict[str, Any]], dict[str, int], dict[str, list[int]]]:
    """(listed documents, counts by type over all new documents, passage ids per new document)."""
    store = ws.store
    listed: list[dict[str, Any]] = []
    by_type: dict[str, int] = {}
    passage_ids: dict[str, list[int]] = {}
    for doc_id in new_ids:
        doc = store.get_document(doc_id)
        if doc is None:  # added and removed again within the same run (file replaced twice)
            continue
        by_type[doc.doc_type.value] = by_type.get(doc.doc_type.value, 0) + 1
        if len(listed) >= MAX_NEW_DOCUMENTS:
            continue
        rows = store.document_passages(doc_id)
        passage_ids[doc_id] = [int(r.id) for r in rows]
        source = doc.sources[0] if doc.sources else None
        listed.append({
            "id": doc.id, "title": doc.title, "doc_type": doc.doc_type.value, "doc_type_zh": doc.doc_type.label_zh,
            "region": doc.region, "year": doc.year, "date": doc.date, "author": doc.author,
            "category": doc.category, "source": source, "uri": source_uri(source), "sources": len(doc.sources),
            "passages": len(rows), "passage_id": int(rows[0].id) if rows else None,
        })
    return listed, by_type, passage_ids


def _topic_members(ws: Workspace) -> tuple[dict[int, set[str]], list[dict[str, Any]]]:
    """Member passage ids per stable topic id and the vanished topics, from the current topic run."""
    cur = ws.settings.artifacts_dir / "topics" / "current.json"
    if not cur.is_file():
        return {}, []
    try:
        from topicmine.topics import load_run

        run = load_run(cur)
    except Exception as exc:  # an unreadable run only costs the "有新材料" flags
        logger.warning("morning report: cannot read %s (%s)", cur, exc)
        return {}, []
    # a clause 议题's members are "passage#k" (topics.clauses): the passage is what is new or not
    return {int(t.id): {str(m).split("#", 1)[0] for m in t.members} for t in run.topics}, list(run.vanished or [])


def _topics_section(
    ws: Workspace,
    topic_summary: dict[str, Any] | None,
    new_passages: set[str],
    *,
    first_run: bool,
    refit: bool,
) -> dict[str, Any]:
    data = topic_summary
    if data is None:  # no refit this run: the last written report is still current
        path = ws.settings.reports_dir / "topics.json"
        data = _read_json(path) if path.is_file() else None
    if not data:
        return {"n_topics": 0, "changes": {"kept": 0, "new": 0, "gone": 0}, "ranked": [], "gone": []}
    members, vanished = _topic_members(ws)
    ranked = []
    all_years = sorted({int(y) for t in data.get("topics", []) for y in (t.get("by_year") or {})})
    latest = all_years[-1] if all_years else None
    for t in data.get("topics", []):
        flags = []
        if refit and not first_run and t.get("status") in ("new", "split"):
            flags.append(str(t["status"]))  # "split": a new id carved out of a topic that goes on
        growth = t.get("growth")
        last_docs = int((t.get("by_year") or {}).get(str(latest), 0)) if latest is not None else 0
        kind = (t.get("trend") or {}).get("kind")
        if kind is not None:
            # by share: "rising"/"new" at a split year no older than three years
            split = (t.get("trend") or {}).get("split_year")
            if kind in ("rising", "new") and split is not None and latest is not None and latest - int(split) <= 3:
                flags.append("growing")
        elif growth is not None and growth >= GROWTH_MIN and last_docs >= GROWTH_MIN_DOCS:
            flags.append("growing")
        n_new = len(members.get(int(t["id"]), set()) & new_passages) if not first_run else 0
        if n_new:
            flags.append("touched")
        row = {k: v for k, v in t.items() if k != "representatives"}
        row["representatives"] = [int(p["passage_id"]) for p in t.get("representatives") or [] if p.get("passage_id") is not None]
        row["flags"] = flags
        row["new_passages"] = n_new
        ranked.append(row)
    return {
        "n_topics": data.get("n_topics", len(ranked)),
        "n_passages": data.get("n_passages"),
        "assigned_share": data.get("assigned_share"),
        # without a refit every topic was kept as it was; the saved counts describe an older run
        "changes": (data.get("changes") or {}) if refit else {"kept": data.get("n_topics", len(ranked)), "new": 0, "gone": 0},
        "ranked": ranked,
        "gone": vanished if refit else [],
        # input checks of the topics run: reports stored twice, datelines that disagree with the stored year
        "input": data.get("input") or {},
        "set_aside": data.get("set_aside") or {},
    }


def _span_passage(rows: list[Any], start: int) -> int | None:
    for r in rows:
        if r.start <= start < r.end:
            return int(r.id)
    return None


def _duplicates_section(ws: Workspace, dedup_summary: dict[str, Any] | None, new_ids: set[str]) -> tuple[dict[str, Any], set[int]]:
    """New duplicate pairs and merge groups (all involve a new document), and the passages they quote."""
    if dedup_summary is None:
        return {"checked": False, "note": "本次没有新文件，未做重复检查。", "pairs": [], "groups": []}, set()
    if "files" not in dedup_summary:  # e.g. no proposals/opinions/motions in the corpus yet
        note = str(dedup_summary.get("note") or "")
        if note and note.isascii():  # the dedup stage's English CLI hint is no message for the office
            note = "语料中还没有可比较的提案、社情民意信息或建议案，本次未做重复检查。"
        return {"checked": True, "note": note, "pairs": [], "groups": []}, set()
    report = _read_json(Path(dedup_summary["files"]["json"])) or {}
    store = ws.store
    rows_of: dict[str, list[Any]] = {}

    def rows(doc_id: str) -> list[Any]:
        if doc_id not in rows_of:
            rows_of[doc_id] = store.document_passages(doc_id)
        return rows_of[doc_id]

    quoted: set[int] = set()
    pairs = []
    for p in (report.get("pairs") or [])[:MAX_PAIRS]:
        spans = p.get("spans") or []
        longest = max(spans, key=lambda s: s.get("length", 0), default=None)
        item = {
            "a": p["a"], "b": p["b"], "level": p.get("level"), "score": p.get("score"),
            # a document pair's reason names the shared asks (the matter decision); else the quote context
            "context": p.get("reason") or p.get("context"), "shared_asks": p.get("shared_asks") or [],
            "a_info": p.get("a_info") or {}, "b_info": p.get("b_info") or {},
            "a_new": p["a"] in new_ids, "b_new": p["b"] in new_ids,
            "shared": longest.get("text") if longest else None,
        }
        if longest:
            for side in ("a", "b"):
                pid = _span_passage(rows(p[side]), int(longest.get(f"{side}_start", -1)))
                item[f"{side}_passage"] = pid
                if pid is not None:
                    quoted.add(pid)
        pairs.append(item)
    groups = []
    for g in report.get("groups") or []:
        info = {m.get("id"): m for m in g.get("member_info") or []}
        groups.append({
            "id": g.get("id"), "level": g.get("level"), "size": g.get("size"), "earliest": g.get("earliest"),
            "members": [{"id": m, "title": (info.get(m) or {}).get("title"), "author": (info.get(m) or {}).get("author"),
                         "date": (info.get(m) or {}).get("date") or (info.get(m) or {}).get("year"), "is_new": m in new_ids}
                        for m in g.get("members") or []],
        })
    out = {"checked": True, "pairs": pairs, "groups": groups, "total_pairs": len(report.get("pairs") or []),
           "signals": (report.get("summary") or {}).get("signals")}
    return out, quoted


def _trends(ranked: list[dict[str, Any]]) -> dict[str, Any]:
    years = sorted({int(y) for t in ranked for y in (t.get("by_year") or {})})
    if years:
        years = list(range(years[0], years[-1] + 1))  # zero-filled gaps: a missing year is a 0, not a skip
    totals: dict[str, int] = {}
    for t in ranked:
        for r, n in (t.get("by_region") or {}).items():
            totals[r] = totals.get(r, 0) + int(n)
    regions = [r for r, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))][:MAX_REGIONS]
    return {"years": years, "regions": regions}


# ---------------------------------------------------------------------------------------------
# public
# ---------------------------------------------------------------------------------------------
def build_morning_report(
    ws: Workspace,
    summary: dict[str, Any],
    topic_summary: dict[str, Any] | None = None,
    dedup_summary: dict[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The morning report as one JSON-ready dict (see :mod:`topicmine.export.morning` for its shape).

    ``summary`` is the refresh summary (``run_id``, ``documents``, ``new_doc_ids``,
    ``passages_embedded``, ``topics``, ``topics_refit``, ``timings`` …); ``topic_summary``
    and ``dedup_summary`` are what the topics / dedup stages returned in this run, or
    None when they did not run (then the last written topics report is used and no
    duplicate check is reported).
    """
    now = now or datetime.now(timezone.utc).astimezone()
    store = ws.store
    run_id = summary.get("run_id")
    runs = _refresh_runs(store, HISTORY_RUNS + 1)
    previous_ok = next((r for r in runs if r["status"] == "ok" and r["id"] != run_id), None)
    first_run = previous_ok is None
    new_ids = list(dict.fromkeys(summary.get("new_doc_ids") or []))
    new_set = set(new_ids)

    listed, by_type, passage_ids = _new_documents(ws, new_ids)
    new_passages = {str(p) for ids in passage_ids.values() for p in ids}
    refit = bool(summary.get("topics_refit", topic_summary is not None))
    topics = _topics_section(ws, topic_summary, new_passages, first_run=first_run, refit=refit)
    if summary.get("input_checks"):  # checked when this run's documents arrived (reports stored twice, datelines)
        topics["input"] = summary["input_checks"]
    duplicates, dup_passages = _duplicates_section(ws, dedup_summary, new_set)

    # every passage the page quotes, with where it comes from (the 来源段落 appendix)
    wanted: set[int] = set(dup_passages)
    for t in topics["ranked"]:
        wanted.update(t["representatives"][:3])
    wanted.update(d["passage_id"] for d in listed if d.get("passage_id") is not None)
    passages: dict[str, dict[str, Any]] = {}
    docs: dict[str, Any] = {}
    for row in store.passages(sorted(wanted)):
        if row.doc_id not in docs:
            docs[row.doc_id] = store.get_document(row.doc_id)
        passages[str(row.id)] = _passage_entry(row, docs[row.doc_id], new_set)
    # a representative whose passage vanished since the topics report was written is not quoted
    for t in topics["ranked"]:
        t["representatives"] = [p for p in t["representatives"] if str(p) in passages]

    st = store.stats(last_runs=0)
    timings = dict(summary.get("timings") or {})
    elapsed = summary.get("seconds", round(sum(float(v) for v in timings.values()), 3))
    current = {
        "id": run_id, "started_at": next((r["started_at"] for r in runs if r["id"] == run_id), now.isoformat()),
        "status": "ok", "current": True, "seconds": elapsed, "documents": summary.get("documents") or {},
        "passages_embedded": summary.get("passages_embedded"), "topics": summary.get("topics") or {},
    }
    history = [current] + [_history_row(r) for r in runs if r["id"] != run_id][: HISTORY_RUNS - 1]
    uptake = _uptake_section(ws, new_ids, now)

    return {
        "date": now.date().isoformat(),
        "generated_at": now.isoformat(timespec="seconds"),
        "workdir": str(ws.workdir),
        "first_run": first_run,
        "since": previous_ok["started_at"] if previous_ok else None,
        "run": {
            "id": run_id, "documents": summary.get("documents") or {}, "passages_embedded": summary.get("passages_embedded", 0),
            "index": summary.get("index"), "topics": summary.get("topics") or {}, "topics_refit": refit,
            "duplicates": summary.get("duplicates") or {}, "timings": timings, "seconds": elapsed,
            "files_failed": summary.get("files_failed", 0), "issues": summary.get("issues") or [],
        },
        "corpus": {"documents": st.get("documents"), "passages": st.get("passages"), "by_type": st.get("by_type"),
                   "by_region": st.get("by_region"), "by_year": st.get("by_year")},
        "new_documents": listed,
        "new_documents_total": sum(by_type.values()),
        "new_by_type": by_type,
        "topics": topics,
        "duplicates": duplicates,
        "trends": _trends(topics["ranked"]),
        "passages": passages,
        "history": history,
        "uptake": uptake,
    }


def _uptake_section(ws: Workspace, new_ids: list[str], now: datetime) -> dict[str, list[dict[str, Any]]]:
    """成果转化: replies to items among the new documents, overdue commitments, new 采纳 links (stored links only)."""
    from topicmine.uptake.morning import morning_section

    store = ws.store
    try:
        sec = morning_section(store, new_ids, today=now.date().isoformat())
    except Exception as exc:  # a store from before the links' migration, or no links yet: the section is empty
        logger.warning("morning report: 成果转化 section skipped (%s)", exc)
        return {"新答复": [], "逾期承诺": [], "新被采纳的建议": []}
    ids = {x["item"] for xs in sec.values() for x in xs}
    titles = {}
    for i in ids:
        doc = store.get_document(i.split("#", 1)[0])
        titles[i] = doc.title if doc is not None else i
    for xs in sec.values():
        for x in xs:
            x["title"] = x.get("title") or titles.get(x["item"], x["item"])
    return sec


def write_morning_report(
    ws: Workspace,
    summary: dict[str, Any],
    topic_summary: dict[str, Any] | None = None,
    dedup_summary: dict[str, Any] | None = None,
) -> dict[str, str]:
    """Write ``reports/morning.{html,json,md}`` (atomically) and a dated copy in ``reports/history/``.

    Returns the written paths: ``{"html": …, "json": …, "md": …, "history_html": …, …}``.

    >>> write_morning_report(ws, summary, topic_summary, dedup_summary)["html"]   # doctest: +SKIP
    'var/demo/reports/morning.html'
    """
    from topicmine.export.morning import render_html, render_json, render_markdown

    report = build_morning_report(ws, summary, topic_summary, dedup_summary)
    out = ws.settings.reports_dir
    hist = out / "history"
    stem = f"morning-{report['date']}-run{report['run']['id']}"
    page = render_html(report)
    data = render_json(report)
    files: dict[str, str] = {}
    # history first: if the run dies between the two, the "current" report is still the previous whole one
    for key, text in (("html", page), ("json", data), ("md", render_markdown(report, html_name=f"{stem}.html"))):
        p = hist / f"{stem}.{key}"
        _atomic_write(p, text)
        files[f"history_{key}"] = str(p)
    for key, text in (("html", page), ("json", data), ("md", render_markdown(report, html_name="morning.html"))):
        p = out / f"morning.{key}"
        _atomic_write(p, text)
        files[key] = str(p)
    logger.info("morning report: %s (%d new documents, %d topics, %d duplicate pairs)", files["html"],
                report["new_documents_total"], len(report["topics"]["ranked"]), len(report["duplicates"]["pairs"]))
    return files
