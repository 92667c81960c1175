"""Wiring for topic discovery: store passages + cached vectors + segmenter terms → topics stage.

Topic runs are saved as JSON artifacts (``artifacts/topics/current.json`` swapped
atomically, plus one file per run in ``artifacts/topics/runs/``) so a refit on a
grown corpus keeps the ids of persisting topics.
"""

from __future__ import annotations

import csv
import io
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from topicmine.errors import IndexMismatchError, InputError
from topicmine.pipeline.core import Workspace, _doc_types
from topicmine.progress import progress


def topics_dir(ws: Workspace) -> Path:
    return ws.settings.artifacts_dir / "topics"


def _atomic_write(path: Path, data: str | bytes) -> None:
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_previous_run(ws: Workspace):
    """The last saved topic run, or None (first run, or a different embedding model)."""
    from topicmine.topics import load_run

    cur = topics_dir(ws) / "current.json"
    if not cur.is_file():
        return None
    run = load_run(cur)
    if getattr(run, "model_id", "") and run.model_id != ws.embedder.model_id:
        return None  # vectors of another model: ids cannot be matched by centroid
    return run


def discover(
    ws: Workspace,
    *,
    assign_all: bool = False,
    show_progress: bool | None = None,
    save: bool = True,
) -> Any:
    """Fit topics over every embedded passage of the corpus; returns the topics stage's TopicResult."""
    import numpy as np

    from topicmine.topics import discover_topics, save_run

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
    meta = [
        {
            "passage_id": r.id, "doc_id": r.doc_id, "doc_type": r.doc_type.value, "region": r.region,
            "year": r.year, "date": r.date, "title": r.title, "start": r.start, "end": r.end,
        }
        for r in rows
    ]
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
        model_id=emb.model_id,
        formulaic_path=formulaic if formulaic.is_file() else None,
        stopwords=stopwords,
        assign_all=assign_all,
        show_progress=show_progress,
    )
    # flag (never delete) boilerplate passages in the store so search/dedup can see it
    flags = [bool(b) for b in result.boilerplate]
    store.set_boilerplate([r.id for r in rows], flags)
    if save:
        d = topics_dir(ws)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        save_run(result.run, d / "runs" / f"{stamp}.json")
        save_run(result.run, d / "current.json")
        hist = store.meta_get("topic_runs", []) or []
        hist.append({"at": stamp, "n_topics": len(result.topic_ids), **_status_counts(result.run)})
        store.meta_set("topic_runs", hist[-200:])
    return result


def _status_counts(run: Any) -> dict[str, int]:
    kept = new = 0
    for t in run.topics:
        st = getattr(t, "status", "new")
        if st == "new":
            new += 1
        else:
            kept += 1
    return {"kept": kept, "new": new, "gone": len(getattr(run, "vanished", []) or [])}


def ranked_table(
    ws: Workspace,
    result: Any,
    *,
    regions: Iterable[str] | None = None,
    years: tuple[int | None, int | None] | None = None,
    doc_types: Iterable[str] | str | None = None,
    top: int = 20,
) -> list[dict[str, Any]]:
    """The ranked candidate topics as JSON-ready rows (filters re-rank on the matching evidence)."""
    from topicmine.topics import rank_topics

    types = _doc_types(doc_types)
    if regions or years or types:
        ranked = rank_topics(
            result.evidence, ws.settings.topics, labels=result.labels, regions=regions, years=years,
            doc_types=[t.value for t in types] if types else None,
        )
    else:
        ranked = result.ranked
    by_id = {t.id: t for t in result.run.topics}
    out = []
    for r in ranked[:top]:
        ev = r.evidence
        lab = result.labels.get(r.topic)
        rt = by_id.get(r.topic)
        out.append(
            {
                "id": r.topic,
                "rank": r.rank,
                "score": round(float(r.score), 4),
                "label": r.label or (" · ".join(lab.terms) if lab else ""),
                "terms": list(lab.terms) if lab else [],
                "phrase": lab.phrase if lab else "",
                "reason": r.reason,
                "status": getattr(rt, "status", None),
                "size": ev.size if ev else None,
                "documents": ev.n_docs if ev else None,
                "groups": dict(ev.groups) if ev else {},
                "doc_types": dict(ev.doc_types) if ev else {},
                "by_year": {str(k): v for k, v in sorted(ev.by_year.items())} if ev else {},
                "by_region": dict(ev.by_region) if ev else {},
                "growth": ev.growth if ev else None,
                "related": [[int(t), round(float(s), 3)] for t, s in (ev.related if ev else [])],
                "representatives": [
                    {
                        "passage_id": p.passage_id, "doc_id": p.doc_id, "title": p.title, "doc_type": p.doc_type,
                        "region": p.region, "year": p.year, "start": p.start, "end": p.end, "text": p.text,
                    }
                    for p in (ev.representatives if ev else [])
                ],
            }
        )
    return out


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
) -> dict[str, Any]:
    """Discover, rank and write the topics report (JSON + CSV + HTML with map and trends)."""
    from topicmine.topics import render_html

    t0 = time.perf_counter()
    result = discover(ws, assign_all=assign_all, show_progress=show_progress)
    table = ranked_table(ws, result, regions=regions, years=years, doc_types=doc_types, top=top)
    n = len(result.assignments)
    assigned = sum(1 for a in result.assignments if a >= 0)
    boiler = sum(1 for a in result.assignments if a == -2)
    summary = {
        "n_passages": n,
        "n_topics": len(result.topic_ids),
        "assigned_share": round(assigned / max(n, 1), 4),
        "boilerplate_passages": boiler,
        "unassigned_share": round(sum(1 for a in result.assignments if a == -1) / max(n, 1), 4),
        "changes": _status_counts(result.run),
        "topics": table,
    }
    out_dir = Path(out_dir) if out_dir else ws.settings.reports_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    _atomic_write(out_dir / "topics.json", json.dumps(summary, ensure_ascii=False, indent=1, default=str))
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["rank", "id", "label", "phrase", "score", "documents", "passages", "status", "reason"])
    for t in table:
        w.writerow([t["rank"], t["id"], t["label"], t["phrase"], t["score"], t["documents"], t["size"], t["status"], t["reason"]])
    _atomic_write(out_dir / "topics.csv", "\ufeff" + buf.getvalue())  # BOM: Excel opens UTF-8 CSV correctly
    html = render_html(result.ranked, labels=result.labels, centroids=result.centroids, topic_ids=result.topic_ids)
    _atomic_write(out_dir / "topics.html", html)
    summary["files"] = {k: str(out_dir / f"topics.{k}") for k in ("json", "csv", "html")}
    summary["seconds"] = round(time.perf_counter() - t0, 3)
    return summary
