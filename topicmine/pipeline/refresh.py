"""The nightly refresh: ingest changes → embed new passages → update index → refit topics → check new items → report.

One run at a time (the workdir's writer lock: a second run exits at once with
``LockError``, exit code 75). Every store write is a transaction and every
artifact is swapped atomically, so a failed or killed run leaves the previous
state intact and a running service keeps answering from the old artifacts until
the new ones are in place.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Sequence

from topicmine.errors import InputError
from topicmine.pipeline.core import Workspace, embed, ingest

logger = logging.getLogger("topicmine")

#: store meta key: the passage high-water mark and fingerprint of the last successful refresh
LAST_OK_KEY = "refresh.last_ok"


def _new_since(store: Any, max_passage_id: int | None, this_run: list[str]) -> list[str]:
    """Documents added since the last successful refresh (this run's first, then any a killed run added).

    Before the first successful refresh everything in the store is new.
    """
    ids = [i for i in store.passage_ids() if i > (max_passage_id or 0)]
    later = {r.doc_id for r in store.passages(ids)} if ids else set()
    return list(dict.fromkeys([*this_run, *sorted(later - set(this_run))]))


def _unchanged_topics(ws: Workspace) -> dict[str, int]:
    """Topic counts when no refit was needed: every current topic is kept."""
    import json

    path = ws.settings.reports_dir / "topics.json"
    try:
        n = int(json.loads(path.read_text(encoding="utf-8")).get("n_topics", 0)) if path.is_file() else 0
    except (OSError, ValueError):
        n = 0
    return {"kept": n, "new": 0, "gone": 0}


def source_roots(ws: Workspace) -> list[Path]:
    """The folders ``[refresh] paths`` of ``corpus/ingest.toml`` names (relative to the home folder, ``settings.home_dir``).

    >>> source_roots(ws)          # doctest: +SKIP
    [PosixPath('/srv/topicmine/corpus/sample')]
    """
    from topicmine.ingest import IngestRules

    rules = IngestRules.load(ws.settings.resolve(ws.settings.ingest.rules_file), root=ws.settings.home_dir)
    missing = [p for p in rules.refresh_paths if not Path(p).exists()]
    if missing:
        raise InputError(f"[refresh] paths in {rules.file} do not exist: {', '.join(missing)}; fix corpus/ingest.toml")
    return [Path(p) for p in rules.refresh_paths]


def refresh(
    ws: Workspace,
    paths: Sequence[Path | str] | None = None,
    *,
    show_progress: bool | None = None,
    report: bool = True,
) -> dict[str, Any]:
    """Bring the workdir up to date with its sources, incrementally, and write the morning report.

    >>> summary = refresh(ws)          # doctest: +SKIP
    >>> summary["documents"]           # doctest: +SKIP
    {'new': 3, 'changed': 0, 'deleted': 1, 'unchanged': 44}
    """
    t0 = time.perf_counter()
    roots = [Path(p) for p in paths] if paths else source_roots(ws)
    if not roots:
        raise InputError(
            "nothing to refresh: give PATH(s) or add [[source]] rules with paths to corpus/ingest.toml"
        )
    store = ws.store
    with store.writer_lock():
        run_id = store.begin_run("refresh")
        # "new" means since the last *successful* refresh, so what a killed or failed run
        # ingested is still checked and reported by the next one (passage ids only grow)
        last_ok = store.meta_get(LAST_OK_KEY, {}) or {}
        timings: dict[str, float] = {}
        try:
            t = time.perf_counter()
            ing = ingest(ws, roots, delete_missing=True, show_progress=show_progress)
            timings["ingest"] = time.perf_counter() - t

            t = time.perf_counter()
            emb = embed(ws, show_progress=show_progress)
            timings["embed"] = time.perf_counter() - t

            topic_summary: dict[str, Any] | None = None
            new_doc_ids = _new_since(store, last_ok.get("max_passage_id"), ing.new_doc_ids)
            changed = bool(ing.new or ing.changed or ing.deleted or emb["passages_embedded"] or emb["index"]["removed"]
                           or store.fingerprint() != last_ok.get("fingerprint"))
            topics_current = (ws.settings.artifacts_dir / "topics" / "current.json").is_file()
            t = time.perf_counter()
            if changed or not topics_current:
                from topicmine.pipeline.topics_job import topics as run_topics

                topic_summary = run_topics(ws, show_progress=show_progress)
            timings["topics"] = time.perf_counter() - t

            t = time.perf_counter()
            dedup_summary: dict[str, Any] | None = None
            if new_doc_ids:
                from topicmine.pipeline.dedup_job import dedup as run_dedup

                try:
                    dedup_summary = run_dedup(ws, doc_types=("proposal", "opinion", "motion"), only_ids=new_doc_ids,
                                              show_progress=show_progress)
                except InputError as exc:  # no documents of those types yet
                    dedup_summary = {"pairs": 0, "groups": 0, "note": str(exc)}
            timings["dedup"] = time.perf_counter() - t

            # 成果转化: only documents not matched before are scored (replies ↔ items, later text ↔ asks)
            t = time.perf_counter()
            uptake_summary: dict[str, Any] | None = None
            if ws.settings.uptake.in_refresh:
                from topicmine.uptake.refresh import refresh_links

                uptake_summary = refresh_links(ws, show_progress=show_progress)
            timings["uptake"] = time.perf_counter() - t

            summary: dict[str, Any] = {
                "run_id": run_id,
                "documents": {"new": ing.new, "changed": ing.changed, "deleted": ing.deleted, "unchanged": ing.unchanged},
                "files_failed": ing.failed,
                "issues": ing.issues[:50],
                "new_doc_ids": new_doc_ids,
                "passages_embedded": emb["passages_embedded"],
                "index": emb["index"],
                "topics": (topic_summary or {}).get("changes") or _unchanged_topics(ws),
                "topics_refit": topic_summary is not None,
                "duplicates": {"pairs": (dedup_summary or {}).get("pairs", 0), "groups": (dedup_summary or {}).get("groups", 0)},
                "uptake": {k: v for k, v in (uptake_summary or {}).items() if isinstance(v, (int, float))},
                # reports stored twice / dateline ≠ year, checked when this run's documents arrived
                "input_checks": {k: v for k, v in ing.input_checks.items() if k in ("duplicates", "year_mismatches")},
                "timings": {k: round(v, 3) for k, v in timings.items()},
            }
            if report:
                t = time.perf_counter()
                from topicmine.pipeline.morning_job import write_morning_report

                summary["report"] = write_morning_report(ws, summary, topic_summary, dedup_summary)
                summary["timings"]["report"] = round(time.perf_counter() - t, 3)
            summary["seconds"] = round(time.perf_counter() - t0, 3)
            store.finish_run(run_id, "ok", {k: v for k, v in summary.items() if k not in {"new_doc_ids", "issues"}})
            # after finish_run: a kill in between makes the next run report these changes again, never lose them
            ids = store.passage_ids()
            store.meta_set(LAST_OK_KEY, {"run_id": run_id, "max_passage_id": ids[-1] if ids else 0,
                                         "fingerprint": store.fingerprint()})
            return summary
        except BaseException as exc:
            store.finish_run(run_id, "failed", {"error": f"{type(exc).__name__}: {exc}"[:1000],
                                                "seconds": round(time.perf_counter() - t0, 3)})
            raise
