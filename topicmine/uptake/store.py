"""Links in the SQLite store (tables ``uptake_links`` and ``uptake_scanned``, its migration).

Only this module writes them. ``refresh`` matches only documents not yet in ``uptake_scanned``; links
are keyed by content-hash document ids, so re-ingesting an unchanged file changes nothing, and
``prune_links`` drops links whose documents are gone (after an edit, the new text is matched anew).

    >>> from topicmine.store import Store
    >>> with Store(":memory:") as st:
    ...     put_links(st, [Link("a", "b", "reply", "承诺办理", method="number")])
    ...     [(l["src_doc"], l["level"]) for l in links(st)]
    1
    [('a', '承诺办理')]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any


@dataclass
class Link:
    """One link: an item (``src_doc``) → its reply or a later passage (``dst_doc``)."""

    src_doc: str
    dst_doc: str
    kind: str  # reply | uptake
    level: str  # reply: the outcome; uptake: 采纳 | 呼应
    ask_index: int = -1
    ask_start: int | None = None
    ask_end: int | None = None
    dst_start: int = -1
    dst_end: int | None = None
    score: float | None = None
    method: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)
    lag_days: int | None = None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def put_links(store: Any, rows: Iterable[Link]) -> int:
    """Insert or replace links (same item, target, kind, ask and offset → one row). Returns the count."""
    now = _now()
    n = 0
    with store.transaction() as c:
        for r in rows:
            c.execute(
                """INSERT INTO uptake_links (src_doc, dst_doc, kind, level, ask_index, ask_start, ask_end, dst_start,
                       dst_end, score, method, evidence, lag_days, created_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT (src_doc, dst_doc, kind, ask_index, dst_start) DO UPDATE SET
                       level = excluded.level, score = excluded.score, method = excluded.method,
                       evidence = excluded.evidence, lag_days = excluded.lag_days""",
                (r.src_doc, r.dst_doc, r.kind, r.level, r.ask_index, r.ask_start, r.ask_end, r.dst_start, r.dst_end,
                 r.score, r.method, json.dumps(r.evidence, ensure_ascii=False, default=str), r.lag_days, now),
            )
            n += 1
    return n


def links(store: Any, *, kind: str | None = None, src_doc: str | None = None) -> list[dict[str, Any]]:
    """Stored links as dicts (evidence decoded), oldest first."""
    where, params = [], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if src_doc:
        where.append("src_doc = ?")
        params.append(src_doc)
    sql = "SELECT * FROM uptake_links" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    with store._read() as c:
        rows = c.execute(sql, params).fetchall()
    out = []
    for r in rows:
        d = dict(r)
        d["evidence"] = json.loads(d["evidence"] or "{}")
        out.append(d)
    return out


def scanned(store: Any, role: str) -> set[str]:
    """Ids of documents already matched in ``role`` (reply | later | item)."""
    with store._read() as c:
        return {r[0] for r in c.execute("SELECT doc_id FROM uptake_scanned WHERE role = ?", (role,))}


def mark_scanned(store: Any, doc_ids: Sequence[str], role: str, counts: dict[str, int] | None = None) -> None:
    now = _now()
    with store.transaction() as c:
        c.executemany(
            "INSERT OR REPLACE INTO uptake_scanned (doc_id, role, scanned_at, n_links) VALUES (?,?,?,?)",
            [(d, role, now, (counts or {}).get(d, 0)) for d in doc_ids],
        )


def prune_links(store: Any) -> int:
    """Drop links and scan marks whose documents no longer exist (in-row replies ``id#答复`` follow their row)."""
    with store.transaction() as c:
        ids = {r[0] for r in c.execute("SELECT id FROM documents")}
        dead = [
            r[0] for r in c.execute("SELECT id, src_doc, dst_doc FROM uptake_links").fetchall()
            if r[1] not in ids or r[2].split("#", 1)[0] not in ids
        ]
        c.executemany("DELETE FROM uptake_links WHERE id = ?", [(i,) for i in dead])
        gone = [r[0] for r in c.execute("SELECT doc_id FROM uptake_scanned").fetchall() if r[0] not in ids]
        c.executemany("DELETE FROM uptake_scanned WHERE doc_id = ?", [(d,) for d in gone])
    return len(dead)
