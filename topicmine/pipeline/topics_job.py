"""Wiring for topic discovery: store passages + cached vectors + segmenter terms → topics stage.

Topic runs are saved as JSON artifacts (``artifacts/topics/current.json`` — the 议题 level — and
``current-areas.json``, swapped atomically, plus one file per run in ``artifacts/topics/runs/``) so a refit
on a grown corpus keeps the ids of persisting topics at both levels.
"""

from __future__ import annotations

import io
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from topicmine.errors import IndexMismatchError, InputError
from topicmine.pipeline.core import Workspace, _doc_types
from topicmine.progress import progress
from topicmine.csvsafe import safe_writer


def topics_dir(ws: Workspace) -> Path:
    return ws.settings.artifacts_dir / "topics"


def _atomic_write(path: Path, data: str | bytes) -> None:
    """Reports through the one atomic write (topicmine.atomic): old file or new one, readable 0644."""
    from topicmine.atomic import write_bytes_atomic

    write_bytes_atomic(path, data.encode("utf-8") if isinstance(data, str) else data)


def _is_matter_run(run: Any) -> bool:
    return (getattr(run, "params", {}) or {}).get("within") == "area"


def _load(ws: Workspace, name: str):
    from topicmine.topics import load_run

    cur = topics_dir(ws) / name
    if not cur.is_file():
        return None
    run = load_run(cur)
    if getattr(run, "model_id", "") and run.model_id != ws.embedder.model_id:
        return None  # vectors of another model: ids cannot be matched by centroid
    return run


def load_previous_run(ws: Workspace):
    """The last saved area-level run (``current-areas.json``; a ``current.json`` written before two levels
    existed is an area run too), or None (first run, or a different embedding model)."""
    run = _load(ws, "current-areas.json")
    if run is None:
        old = _load(ws, "current.json")
        run = old if old is not None and not _is_matter_run(old) else None
    return run


def load_previous_matters(ws: Workspace):
    """The last saved 议题 run (``current.json``: the ranked level, which the morning report and the
    notebooks read), or None."""
    run = _load(ws, "current.json")
    return run if run is not None and _is_matter_run(run) else None


def _lexicon(ws: Workspace) -> list[str]:
    """Multi-word policy terms of the user dictionary (first column), preferred in topic titles."""
    path = ws.settings.resolve("corpus/dicts/user_dict.txt")
    if not path.is_file():
        return []
    from topicmine.text.lexicon import read_user_dict

    return [w for w, _freq, _tag in read_user_dict(path) if len(w) >= 4]


def discover(
    ws: Workspace,
    *,
    assign_all: bool = False,
    show_progress: bool | None = None,
    save: bool = True,
) -> Any:
    """Fit topics over every embedded passage of the corpus; returns the topics stage's TopicResult
    (with ``result.checks``: the input checks — reports stored twice, datelines that disagree with the year)."""
    import numpy as np

    from topicmine.topics import discover_topics, save_run
    from topicmine.pipeline.input_checks import stored_checks

    store = ws.store
    emb = ws.embedder
    rows = list(store.iter_passages())
    if not rows:
        raise InputError("the corpus is empty: run `topicmine ingest PATH` first")
    missing = store.missing_embeddings(emb.model_id)
    if missing:
        raise IndexMismatchError(
            f"{len(missing)} passages have no vector for {emb.model_id}: run `topicmine embed` first"
        )
    vectors = store.get_embeddings(emb.model_id, [r.hash for r in rows])
    seg = ws.segmenter
    tokens = [seg.terms(r.text) for r in progress(rows, desc="terms", unit="passage", show=show_progress)]
    # checked when the documents arrived (ingest/refresh): the delivered year for trends, copies out of shares
    checks = stored_checks(ws)
    year_of = checks["year_of"]
    copies = set(checks["copies"])
    meta = [
        {
            # the dateline's year when it disagrees with the stored one (a report filed under the year it reviews)
            "passage_id": r.id, "doc_id": r.doc_id, "doc_type": r.doc_type.value, "region": r.region,
            "year": year_of.get(str(r.doc_id), r.year), "stored_year": r.year, "date": r.date, "title": r.title,
            "start": r.start, "end": r.end,
        }
        for r in rows
    ]
    review = review_passages(store, rows, year_of)
    for m, r in zip(meta, rows):
        if r.id in review:
            m["part"] = "review"
    formulaic = ws.settings.resolve("corpus/dicts/formulaic.txt")
    # generic policy words (发展, 建设 …) and region names never make a useful label term
    label_stop = ws.settings.resolve("corpus/dicts/label_stopwords.txt")
    stopwords = set(seg.stopwords)
    if label_stop.is_file():
        from topicmine.text.lexicon import read_word_list

        stopwords |= set(read_word_list(label_stop, "label stop-word list"))
    result = discover_topics(
        np.asarray(vectors, dtype=np.float32),
        [r.text for r in rows],
        tokens,
        meta,
        settings=ws.settings.topics,
        previous_run=load_previous_run(ws),
        previous_matters=load_previous_matters(ws),
        model_id=emb.model_id,
        formulaic_path=formulaic if formulaic.is_file() else None,
        stopwords=stopwords,
        assign_all=assign_all,
        show_progress=show_progress,
        # the second copy of a report stored twice: flagged, out of clustering and shares
        pre_reasons=["duplicate_doc" if str(r.doc_id) in copies else None for r in rows],
        exclude_docs=copies,
        words=seg.words,
        lexicon=_lexicon(ws),
    )
    result.checks = checks
    # flag (never delete) boilerplate passages in the store so search/dedup can see it
    flags = [bool(b) for b in result.boilerplate]
    store.set_boilerplate([r.id for r in rows], flags)
    if save:
        d = topics_dir(ws)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        # current.json holds the ranked level (议题) — what the morning report and notebooks read by id;
        # the areas are saved beside it
        ranked_run = result.matters.run if result.matters is not None else result.run
        save_run(result.run, d / "runs" / f"{stamp}-areas.json")
        save_run(result.run, d / "current-areas.json")
        save_run(ranked_run, d / "runs" / f"{stamp}.json")
        save_run(ranked_run, d / "current.json")
        hist = store.meta_get("topic_runs", []) or []
        hist.append({"at": stamp, "n_topics": len(ranked_run.topics), **_status_counts(ranked_run)})
        store.meta_set("topic_runs", hist[-200:])
    return result


def review_passages(store: Any, rows: list[Any], year_of: dict[str, int | None]) -> set[int]:
    """Ids of the passages inside a report's 回顾 part (a top-level section headed "一、2024年工作回顾" …)."""
    from topicmine.topics.nonmatter import is_review_heading

    spans: dict[str, list[tuple[int, int]]] = {}
    out: set[int] = set()
    for r in rows:
        d = str(r.doc_id)
        if d not in spans:
            year = year_of.get(d, r.year)
            spans[d] = [(s.start, s.end) for s in store.document_sections(r.doc_id)
                        if s.level <= 1 and is_review_heading(s.heading, year)]
        if any(a <= r.start < b for a, b in spans[d]):
            out.add(r.id)
    return out


def _status_counts(run: Any) -> dict[str, int]:
    kept = new = 0
    for t in run.topics:
        st = getattr(t, "status", "new")
        if st == "new":
            new += 1
        else:
            kept += 1
    return {"kept": kept, "new": new, "gone": len(getattr(run, "vanished", []) or [])}


#: why a passage was kept out of topics, in the office's words (套话 reasons collapse to one)
def _aside_zh() -> dict[str, str]:
    from topicmine.topics.nonmatter import KINDS

    return {**KINDS, "framing": "形势与框架表述", "duplicate_doc": "重复存放的文件"}


def set_aside_counts(reasons: Iterable[str | None]) -> dict[str, int]:
    """Passages kept out of topics per kind (flagged, never deleted), e.g. ``{"套话": 87, "名词解释": 124}``.

    >>> set_aside_counts(["opening", "glossary", None, "glossary", "repeated"])
    {'套话': 2, '名词解释': 2}
    """
    out: dict[str, int] = {}
    names = _aside_zh()
    for r in reasons:
        if r is None:
            continue
        k = names.get(r, "套话")
        out[k] = out.get(k, 0) + 1
    return out


def _rep_rows(ev: Any) -> list[dict[str, Any]]:
    return [
        {
            "passage_id": p.passage_id, "doc_id": p.doc_id, "title": p.title, "doc_type": p.doc_type,
            "region": p.region, "year": p.year, "start": p.start, "end": p.end, "text": p.text,
        }
        for p in (ev.representatives if ev else [])
    ]


def ranked_table(
    ws: Workspace,
    result: Any,
    *,
    regions: Iterable[str] | None = None,
    years: tuple[int | None, int | None] | None = None,
    doc_types: Iterable[str] | str | None = None,
    top: int = 20,
    detail: str | None = None,
) -> list[dict[str, Any]]:
    """The ranked candidate topics as JSON-ready rows (filters re-rank on the matching documents' shares).

    ``detail``: ``"matter"`` (议题 inside areas, the default from settings) or ``"area"`` (政策领域).
    """
    from topicmine.topics import rank_topics

    detail = detail or getattr(ws.settings.topics, "detail", "matter")
    level = result.level(detail) if hasattr(result, "level") else None
    labels = level.labels if level is not None else result.labels
    evidence = level.evidence if level is not None else result.evidence
    types = _doc_types(doc_types)
    if regions or years or types:
        ranked = rank_topics(
            evidence, ws.settings.topics, labels=labels, regions=regions, years=years,
            doc_types=[t.value for t in types] if types else None,
            shares=level.shares if level is not None else None, exclude=level.flags if level is not None else (),
            specificity=getattr(level, "specificity", None) or None,
            home=getattr(level, "home", None), heavy=getattr(level, "heavy", None) or (),
            home_said=getattr(level, "home_said", None) or (),
            dominance=getattr(level, "dominance", None),  # topics.placeprog: a matter that filled some years
        )
        if getattr(level, "part_of", None):  # a programme's parts listed under it here too (topics.parts)
            from topicmine.topics.parts import fold_parts

            ranked = fold_parts(ranked, level.part_of, {t: getattr(lab, "title", "") or "" for t, lab in labels.items()})
    else:
        ranked = level.ranked if level is not None else result.ranked
    run = level.run if level is not None else result.run
    by_id = {t.id: t for t in run.topics}
    area_labels = result.areas.labels if getattr(result, "areas", None) is not None else {}
    parent = level.parent if level is not None else {}
    spec = getattr(level, "specificity", None) or {}
    out = []
    for r in ranked[:top]:
        ev = r.evidence
        lab = labels.get(r.topic)
        rt = by_id.get(r.topic)
        a = parent.get(r.topic)
        out.append(
            {
                "id": r.topic,
                "level": detail,
                "rank": r.rank,
                "score": round(float(r.score), 4),
                "title": lab.title if lab else "",
                "label": r.label or (" · ".join(lab.terms) if lab else ""),
                "terms": list(lab.terms) if lab else [],
                "phrase": lab.phrase if lab else "",
                "reason": r.reason,
                "area": {"id": a, "label": area_labels[a].name if a in area_labels else ""} if a is not None else None,
                "share": round(float(r.share), 4) if r.share is not None else None,
                # the object its passages share and how concretely (议题 level)
                "anchor": spec[r.topic].anchor if r.topic in spec else None,
                "specificity": round(float(spec[r.topic].score), 3) if r.topic in spec else None,
                "share_by_year": {str(k): v for k, v in sorted(r.share_by_year.items())},
                "share_by_region": dict(sorted(r.share_by_region.items(), key=lambda kv: -kv[1])),
                "trend": r.trend.to_dict() if r.trend else None,
                # no document of the home region feeds it (topics.home): 外地动向, ranked after the home 议题
                "outside": bool(getattr(r, "outside", False)),
                # a programme's 议题 listed under it (topics.parts), and the programme a part belongs to
                "parts": list(getattr(r, "parts", None) or []),
                "part_of": getattr(r, "part_of", None),
                "status": getattr(rt, "status", None),
                "size": ev.size if ev else None,
                "documents": ev.n_docs if ev else None,
                "groups": dict(ev.groups) if ev else {},
                "doc_types": dict(ev.doc_types) if ev else {},
                "by_year": {str(k): v for k, v in sorted(ev.by_year.items())} if ev else {},
                "by_region": dict(ev.by_region) if ev else {},
                "growth": ev.growth if ev else None,
                "related": [[int(t), round(float(s), 3)] for t, s in (ev.related if ev else [])],
                "representatives": _rep_rows(ev),
            }
        )
    return out


def area_table(result: Any, table: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Policy areas with their ranked 议题 (ids of ``table`` rows), areas in order of their best 议题."""
    if getattr(result, "areas", None) is None:
        return []
    areas = result.areas
    share = {r.topic: r.share for r in areas.ranked}
    order: list[int] = []
    members: dict[int, list[int]] = {}
    for row in table:
        a = (row.get("area") or {}).get("id")
        if a is None:
            continue
        if a not in members:
            order.append(a)
            members[a] = []
        members[a].append(row["id"])
    for r in areas.ranked:  # areas without a listed 议题 follow, by rank
        if r.topic not in members:
            order.append(r.topic)
            members[r.topic] = []
    return [{"id": a, "label": areas.labels[a].name if a in areas.labels else str(a),
             "share": round(float(share[a]), 4) if share.get(a) is not None else None, "matters": members[a]}
            for a in order]


def input_report(result: Any) -> dict[str, Any]:
    """The input checks (made at ingest/refresh) as JSON rows with a Chinese message each."""
    ch = getattr(result, "checks", None) or {}
    return {"duplicates": list(ch.get("duplicates", [])), "year_mismatches": list(ch.get("year_mismatches", []))}


def home_note(home: str | None) -> str:
    """The line telling the office whose list it reads (topics.home).

    >>> home_note("西藏自治区")
    '本地区：西藏自治区（文件最多）；只见于其他地区文件的议题列为“外地动向”，排在本地议题之后'
    >>> home_note(None)
    ''
    """
    if not home:
        return ""
    return f"本地区：{home}（文件最多）；只见于其他地区文件的议题列为“外地动向”，排在本地议题之后"


def outside_topics(level: Any, top: int = 10) -> list[dict[str, Any]]:
    """The 外地动向 of a level's ranking (topics.home): id, title and reason of each, best first."""
    out = []
    for r in getattr(level, "ranked", None) or []:
        if getattr(r, "outside", False):
            lab = level.labels.get(r.topic)
            out.append({"id": r.topic, "title": (getattr(lab, "title", "") or r.label) if lab else r.label,
                        "reason": r.reason})
    return out[:top]


def topics(
    ws: Workspace,
    *,
    regions: Iterable[str] | None = None,
    years: tuple[int | None, int | None] | None = None,
    doc_types: Iterable[str] | str | None = None,
    top: int = 20,
    assign_all: bool = False,
    out_dir: Path | None = None,
    show_progress: bool | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    """Discover, rank and write the topics report (JSON + CSV + HTML with map and trends).

    ``detail``: ``"matter"`` lists 议题 (grouped by policy area on the page), ``"area"`` the policy areas.
    """
    from topicmine.topics import render_html

    detail = detail or getattr(ws.settings.topics, "detail", "matter")
    if detail not in ("matter", "area"):
        raise InputError(f"--detail 只能是 matter（议题）或 area（政策领域），不是 {detail!r}")
    t0 = time.perf_counter()
    result = discover(ws, assign_all=assign_all, show_progress=show_progress)
    level = result.level(detail)
    table = ranked_table(ws, result, regions=regions, years=years, doc_types=doc_types, top=top, detail=detail)
    n = len(result.assignments)
    # the 议题 level's rows are clauses under matter_unit "clause": shares of its own rows
    n_rows = max(len(level.assignments), 1)
    assigned = sum(1 for a in level.assignments if a >= 0)
    boiler = sum(1 for a in result.assignments if a == -2)
    checks = input_report(result)
    summary = {
        "detail": detail,
        "n_passages": n,
        "n_topics": len(level.topic_ids),
        "n_areas": len(result.areas.topic_ids) if result.areas is not None else len(result.topic_ids),
        "n_matters": len(result.matters.topic_ids) if result.matters is not None else 0,
        "assigned_share": round(assigned / n_rows, 4),
        "boilerplate_passages": boiler,
        "set_aside": set_aside_counts(result.boilerplate),
        "one_document_topics": sorted(t for t, f in level.flags.items() if f == "one_document"),
        # 议题 level: chapters without an object of their own (shown as areas) and 回顾-only groups, not ranked
        "broad_topics": sorted(t for t, f in level.flags.items() if f == "broad"),
        "review_topics": sorted(t for t, f in level.flags.items() if f == "review"),
        # 议题 whose report clauses name no measure (calls, stances, the situation): framing, not ranked
        "no_measure_topics": sorted(t for t, f in level.flags.items() if f == "no_measure"),
        # 议题 that are the stock political lines each year's report repeats (国防动员·双拥, 民族团结进步): not ranked
        "stock_line_topics": sorted(t for t, f in level.flags.items() if f == "stock_line"),
        "unassigned_share": round(sum(1 for a in level.assignments if a == -1) / n_rows, 4),
        "changes": _status_counts(level.run),
        "filters": {"regions": list(regions) if regions else None, "years": list(years) if years else None,
                    "doc_types": doc_types if isinstance(doc_types, (str, type(None))) else list(doc_types)},
        "input": checks,
        # terms a year's passages are full of (疫情 2021–2023): covered by a 议题, made one, or 未成议题 (topics.salient)
        "salient_terms": [s.to_dict() for s in getattr(result.matters, "salient", None) or []],
        # the region whose 议题 lead the list (topics.home), said in Chinese
        "home_region": getattr(level, "home", None),
        "home_note": home_note(getattr(level, "home", None)),
        # 议题 only other regions feed (ranked last; named here so the office sees them without --top 400)
        "outside_topics": outside_topics(level),
        "areas": area_table(result, table) if detail == "matter" else [],
        "topics": table,
    }
    out_dir = Path(out_dir) if out_dir else ws.settings.reports_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    _atomic_write(out_dir / "topics.json", json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    buf = io.StringIO()
    w = safe_writer(buf)  # labels come from corpus text (CSV injection)
    w.writerow(["rank", "id", "level", "area", "title", "label", "phrase", "score", "share", "trend", "documents",
                "passages", "status", "reason"])
    for t in table:
        w.writerow([t["rank"], t["id"], t["level"], (t["area"] or {}).get("label", ""), t["title"], t["label"],
                    t["phrase"], t["score"], t["share"], (t["trend"] or {}).get("kind", ""), t["documents"], t["size"],
                    t["status"], t["reason"]])
    _atomic_write(out_dir / "topics.csv", "\ufeff" + buf.getvalue())  # BOM: Excel opens UTF-8 CSV correctly
    html = render_html(table, summary=summary, centroids=level.centroids, topic_ids=level.topic_ids,
                       labels=level.labels)
    _atomic_write(out_dir / "topics.html", html)
    summary["files"] = {k: str(out_dir / f"topics.{k}") for k in ("json", "csv", "html")}
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    return summary
