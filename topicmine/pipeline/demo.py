"""The demo job (`make demo`, `topicmine demo`): refresh the sample corpus and collect what to show.

Everything real happens in :func:`topicmine.pipeline.refresh.refresh`; this only
gathers its results (corpus statistics, the top candidate topics, duplicate groups,
one hybrid search and the morning report's path) into one JSON-ready dict that the
CLI prints. Running it twice is cheap: the second refresh finds nothing changed.

>>> from topicmine.pipeline import Workspace
>>> ws = Workspace.from_settings(workdir="var/demo")                      # doctest: +SKIP
>>> res = run_demo(ws)                                                     # doctest: +SKIP
>>> res["search"]["hits"][0]["title"]                                      # doctest: +SKIP
'关于加快发展社区嵌入式托育服务的提案'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from topicmine.pipeline.search_job import search, stats
from topicmine.pipeline.workspace import Workspace

#: the query the demo searches for (the planted duplicate set of the sample corpus is about it)
DEMO_QUERY = "社区嵌入式托育服务"


def sample_corpus(home: Path | None = None) -> Path:
    """``corpus/sample`` under the home folder (``settings.home_dir``; written by us, see corpus/README.md)."""
    from topicmine.config import default_home

    return (home or default_home()) / "corpus" / "sample"


def run_demo(
    ws: Workspace,
    paths: list[Path] | None = None,
    *,
    query: str = DEMO_QUERY,
    top: int = 8,
    show_progress: bool | None = None,
) -> dict[str, Any]:
    """Refresh ``paths`` (default: the sample corpus) into ``ws`` and collect the demo's results."""
    from topicmine.errors import InputError
    from topicmine.pipeline.refresh import refresh

    paths = paths or [sample_corpus(ws.settings.home_dir)]
    for p in paths:
        if not Path(p).exists():
            raise InputError(f"{p}: not found; the demo reads the sample corpus in corpus/sample")
    summary = refresh(ws, paths, show_progress=show_progress)
    reports = ws.settings.reports_dir
    topics_json = reports / "topics.json"
    dedup_json = reports / "dedup.json"
    topics = json.loads(topics_json.read_text(encoding="utf-8")).get("topics", []) if topics_json.is_file() else []
    # the duplicate report of the run that last checked new documents (a no-change rerun checks none)
    dedup = json.loads(dedup_json.read_text(encoding="utf-8")) if dedup_json.is_file() else {}
    groups = [
        {"id": g.get("id"), "level": g.get("level"), "earliest": g.get("earliest"),
         "members": [{"id": m.get("id"), "title": m.get("title"), "author": m.get("author"),
                      "date": m.get("date") or m.get("year")} for m in g.get("member_info") or []]}
        for g in dedup.get("groups") or []
    ]
    pairs = [
        {"level": p.get("level"), "score": p.get("score"), "a_title": (p.get("a_info") or {}).get("title"),
         "b_title": (p.get("b_info") or {}).get("title")}
        for p in (dedup.get("pairs") or [])[:10]
    ]
    hits = search(ws, query, limit=5)
    from topicmine.uptake.report import uptake_digest

    # 成果转化: the links the refresh just stored (replies, later text taking up asks) and the 督办 rows
    uptake = uptake_digest(ws) if ws.settings.uptake.in_refresh else None
    return {
        "uptake": uptake,
        "refresh": {k: v for k, v in summary.items() if k not in {"new_doc_ids", "issues"}},
        "stats": stats(ws),
        "topics": [{k: t.get(k) for k in ("rank", "id", "label", "phrase", "reason", "score", "documents")} for t in topics[:top]],
        "duplicates": {"groups": groups, "pairs": pairs},
        "search": {"query": query, "hits": hits},
        "report": (summary.get("report") or {}).get("html"),
    }
