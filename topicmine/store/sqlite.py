"""The SQLite store: documents, sections, passages, FTS5 keyword search, embedding cache.

Promises (each backed by a test in ``tests/test_store*.py``):

- every write method is one transaction: all of it or nothing, even under SIGKILL;
- content-hash document ids: re-ingesting a file changes nothing, identical texts from
  two paths are one document that remembers both paths;
- passage ids are never reused (faiss vector ids);
- no user text is ever formatted into SQL or FTS syntax: filters are bound parameters and
  search words are quoted FTS5 strings.

Typical use::

    from topicmine.store import Store

    with Store("var/江苏/topicmine.sqlite") as store:
        with store.writer_lock():                       # one writer per workdir
            change = store.replace_source("提案/2023/营商环境.docx", file_hash, [segmented])
        hits = store.keyword_search(["营商环境", "中小企业"], doc_types=["提案"], year_from=2022)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from topicmine.errors import StoreError
from topicmine.records import DocType, IngestIssue
from topicmine.store.corpus import CorpusMixin
from topicmine.store.embeddings import EmbeddingsMixin
from topicmine.store.schema import user_version
from topicmine.store.sql import MEMORY, _doc_type, _json, _now, display_source

__all__ = ["MEMORY", "Store", "display_source"]


class Store(CorpusMixin, EmbeddingsMixin):
    """The corpus store of one workdir (an SQLite file, or ``":memory:"`` for tests).

    ``__init__`` only records parameters; ``open()`` connects, configures (WAL, foreign
    keys, busy timeout) and migrates. Use as a context manager::

        with Store(tmp_path / "topicmine.sqlite") as store:
            store.stats()["documents"]

    One connection is shared by all threads of a process (``check_same_thread=False``);
    an internal re-entrant lock serialises its use, and cross-process writers are kept
    apart by SQLite's own locking plus ``writer_lock()`` for whole ingest/refresh runs.
    """

    # __init__, open/close, transaction(), writer_lock() live in base.StoreBase;
    # replace_source, reads and keyword_search in corpus.CorpusMixin;
    # the embedding cache in embeddings.EmbeddingsMixin.

    # ---- runs and the ingest log ------------------------------------------------------
    def begin_run(self, kind: str) -> int:
        """Record the start of an ingest/refresh/embed run; returns its id.

        When this process holds ``writer_lock()``, runs still marked ``running`` cannot be
        alive (they would hold the lock), so they are marked ``interrupted`` — a killed
        nightly run shows up as such in the history instead of running forever.
        """
        with self.transaction() as c:
            if self._writer.held:
                # runs this Store began and has not finished (a refresh around its ingest)
                # are alive; only the others can be leftovers of a killed process
                mine = sorted(self._open_runs)
                marks = ",".join("?" * len(mine))
                c.execute(
                    "UPDATE runs SET status = 'interrupted' WHERE status = 'running'"
                    + (f" AND id NOT IN ({marks})" if mine else ""),
                    mine,
                )
            cur = c.execute(
                "INSERT INTO runs (kind, started_at, status) VALUES (?, ?, 'running')", (kind, _now())
            )
            run_id = int(cur.lastrowid)
        self._open_runs.add(run_id)
        return run_id

    def finish_run(self, run_id: int, status: str, summary: dict[str, Any] | None = None) -> None:
        """Close a run with ``status`` (``ok``, ``failed`` …) and a JSON-ready summary."""
        with self.transaction() as c:
            cur = c.execute(
                "UPDATE runs SET finished_at = ?, status = ?, summary = ? WHERE id = ?",
                (_now(), status, _json(summary or {}), run_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"{self.path}: no run with id {run_id}; start one with begin_run()")
        self._open_runs.discard(run_id)

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """Newest runs first: id, kind, started_at, finished_at, status, seconds, summary."""
        with self._read() as c:
            rows = c.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (int(limit),)).fetchall()
        out = []
        for r in rows:
            seconds = None
            if r["finished_at"]:
                delta = datetime.fromisoformat(r["finished_at"]) - datetime.fromisoformat(r["started_at"])
                seconds = delta.total_seconds()
            out.append(
                {
                    "id": r["id"],
                    "kind": r["kind"],
                    "started_at": r["started_at"],
                    "finished_at": r["finished_at"],
                    "status": r["status"],
                    "seconds": seconds,
                    "summary": json.loads(r["summary"]),
                }
            )
        return out

    def log_issue(self, run_id: int | None, issue: IngestIssue) -> None:
        """Record a file/row that could not be ingested (shown in the ingest summary)."""
        self.log_issues(run_id, [issue])

    def log_issues(self, run_id: int | None, issues: Iterable[IngestIssue]) -> None:
        """Record many issues in one transaction."""
        now = _now()
        rows = [(run_id, str(i.source), i.locator, i.reason, now) for i in issues]
        with self.transaction() as c:
            c.executemany(
                "INSERT INTO ingest_log (run_id, source, locator, reason, at) VALUES (?, ?, ?, ?, ?)", rows
            )

    def issues(self, run_id: int | None = None) -> list[IngestIssue]:
        """Logged issues of one run (or of all runs), oldest first."""
        sql = "SELECT source, locator, reason FROM ingest_log"
        params: tuple[Any, ...] = ()
        if run_id is not None:
            sql += " WHERE run_id = ?"
            params = (run_id,)
        with self._read() as c:
            rows = c.execute(sql + " ORDER BY id", params).fetchall()
        return [IngestIssue(source=r[0], locator=r[1], reason=r[2]) for r in rows]

    # ---- meta key/value ---------------------------------------------------------------
    def meta_get(self, key: str, default: Any = None) -> Any:
        """A JSON value stored by some stage (``topics.last_run``, ``dedup.calibration`` …)."""
        with self._read() as c:
            row = c.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def meta_set(self, key: str, value: Any) -> None:
        with self.transaction() as c:
            c.execute(
                """INSERT INTO meta (key, value) VALUES (?, ?)
                   ON CONFLICT(key) DO UPDATE SET value = excluded.value""",
                (key, _json(value)),
            )

    def meta_delete(self, key: str) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM meta WHERE key = ?", (key,))

    # ---- statistics and maintenance ---------------------------------------------------
    def fingerprint(self) -> str:
        """A cheap id of the current passage set, for artifact manifests (faiss, topics).

        Passages are immutable and their ids never reused, so (count, max id, sum of ids)
        changes whenever a passage is added or removed.
        """
        with self._read() as c:
            n, mx, total = c.execute(
                "SELECT COUNT(*), COALESCE(MAX(id), 0), COALESCE(SUM(id), 0) FROM passages"
            ).fetchone()
        return hashlib.sha256(f"{n}:{mx}:{total}".encode()).hexdigest()[:16]

    def stats(self, last_runs: int = 5) -> dict[str, Any]:
        """JSON-ready corpus statistics (what ``topicmine stats --json`` prints).

        ``{"documents": 42, "passages": 610,
        "by_type": [{"type": "proposal", "label": "提案", "documents": 12, "passages": 130}, …],
        "by_region": [{"region": "江苏省", …}], "by_year": […], "sources": 40,
        "duplicates_collapsed": 2, "embeddings": {…}, "last_runs": […]}``
        """
        with self._read() as c:
            one = lambda sql: c.execute(sql).fetchone()[0]  # noqa: E731
            n_docs = one("SELECT COUNT(*) FROM documents")
            n_links = one("SELECT COUNT(*) FROM doc_sources")

            def grouped(col: str) -> list[tuple[Any, int, int]]:
                # col is one of three fixed names below, never user input
                docs = dict(c.execute(f"SELECT d.{col}, COUNT(*) FROM documents d GROUP BY d.{col}"))
                pas = dict(
                    c.execute(
                        f"SELECT d.{col}, COUNT(*) FROM passages p "
                        f"JOIN documents d ON d.id = p.doc_id GROUP BY d.{col}"
                    )
                )
                return [(k, docs[k], pas.get(k, 0)) for k in docs]

            by_type = grouped("doc_type")
            by_region = grouped("region")
            by_year = grouped("year")
            result: dict[str, Any] = {
                "documents": n_docs,
                "passages": one("SELECT COUNT(*) FROM passages"),
                "boilerplate_passages": one("SELECT COUNT(*) FROM passages WHERE boilerplate = 1"),
                "characters": one("SELECT COALESCE(SUM(n_chars), 0) FROM documents"),
                "sources": one("SELECT COUNT(*) FROM sources"),
                # every link beyond the first of a document is an exact duplicate that collapsed
                "duplicates_collapsed": n_links - n_docs,
                "embeddings": {
                    m: {"dim": d, "vectors": n}
                    for m, d, n in c.execute(
                        "SELECT model_id, MAX(dim), COUNT(*) FROM embeddings GROUP BY model_id"
                    )
                },
                "schema_version": user_version(c),
            }
        order = {t.value: i for i, t in enumerate(DocType)}
        result["by_type"] = [
            {"type": t, "label": _doc_type(t).label_zh, "documents": d, "passages": p}
            for t, d, p in sorted(by_type, key=lambda x: order.get(x[0], len(order)))
        ]
        result["by_region"] = [
            {"region": r, "documents": d, "passages": p}
            for r, d, p in sorted(by_region, key=lambda x: (x[0] is None, -x[1], x[0] or ""))
        ]
        result["by_year"] = [
            {"year": y, "documents": d, "passages": p}
            for y, d, p in sorted(by_year, key=lambda x: (x[0] is None, x[0] or 0))
        ]
        result["fingerprint"] = self.fingerprint()
        result["last_runs"] = self.runs(last_runs)
        return result

    def integrity_problems(self) -> list[str]:
        """Everything wrong with the file and our own invariants (empty list = healthy)."""
        problems: list[str] = []
        with self._read() as c:
            rows = [r[0] for r in c.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                problems.append("PRAGMA integrity_check: " + "; ".join(rows[:10]))
            n = len(c.execute("PRAGMA foreign_key_check").fetchall())
            if n:
                problems.append(f"{n} foreign key violations")
            checks = {
                "passages without FTS row": "SELECT COUNT(*) FROM passages "
                "WHERE id NOT IN (SELECT rowid FROM passage_fts)",
                "FTS rows without passage": "SELECT COUNT(*) FROM passage_fts "
                "WHERE rowid NOT IN (SELECT id FROM passages)",
                "documents without source": "SELECT COUNT(*) FROM documents d "
                "WHERE NOT EXISTS (SELECT 1 FROM doc_sources s WHERE s.doc_id = d.id)",
                "sources whose n_docs is wrong": "SELECT COUNT(*) FROM sources s "
                "WHERE n_docs != (SELECT COUNT(*) FROM doc_sources x WHERE x.source = s.source)",
            }
            for label, sql in checks.items():
                n = c.execute(sql).fetchone()[0]
                if n:
                    problems.append(f"{n} {label}")
        try:
            with self.transaction() as c:
                c.execute("INSERT INTO passage_fts (passage_fts) VALUES ('integrity-check')")
        except StoreError as exc:
            problems.append(f"FTS index: {exc}")
        return problems

    def integrity_check(self) -> bool:
        """True when ``PRAGMA integrity_check``, foreign keys, FTS and our invariants all hold."""
        return not self.integrity_problems()

    def vacuum(self) -> None:
        """Merge FTS segments, rebuild the file compactly and truncate the WAL."""
        with self.transaction() as c:
            c.execute("INSERT INTO passage_fts (passage_fts) VALUES ('optimize')")
        with self._read() as c:
            c.execute("VACUUM")
            if not self.is_memory:
                c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
