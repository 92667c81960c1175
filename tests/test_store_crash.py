"""Crash consistency: SIGKILL a writer mid-ingest, reopen, check invariants, rerun, compare.

The child processes run ``python -c`` with ``tests/`` on PYTHONPATH so they can import the
same deterministic corpus (test_store_helpers.crash_plan) the parent compares against.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_store_helpers import N_CRASH_SOURCES, crash_source, run_crash_plan, seg_doc

from topicmine.store import Store

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

CHILD_PLAN = """
import sys
from test_store_helpers import run_crash_plan
from topicmine.store import Store
with Store(sys.argv[1]) as s:
    with s.writer_lock():
        run_crash_plan(s, echo=True)
print("DONE", flush=True)
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    path = os.pathsep.join([str(TESTS), str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = dict(os.environ, PYTHONPATH=path)
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
    )


def _run_and_kill(db: Path, after_lines: int, rng: random.Random) -> bool:
    """Run the plan in a child, SIGKILL it after ``after_lines`` committed ops; True if it finished."""
    child = _spawn(CHILD_PLAN, str(db))
    try:
        assert child.stdout is not None
        for _ in range(after_lines):
            line = child.stdout.readline()
            if not line or line.strip() == "DONE":
                child.wait(timeout=60)
                return True
        time.sleep(rng.random() * 0.004)  # land somewhere inside the next transaction
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        return False
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _expected_docs_by_hash() -> dict[str, set[str]]:
    """file_hash → the doc ids that version of the source must link (all of them or none)."""
    out: dict[str, set[str]] = {}
    for i in range(N_CRASH_SOURCES):
        for version in (1, 2):
            _, file_hash, docs = crash_source(i, version)
            out[file_hash] = {d.document.id for d in docs}
    return out


def _assert_consistent(db: Path) -> None:
    expected = _expected_docs_by_hash()
    with Store(db) as s:
        assert s.integrity_problems() == []
        c = s.conn
        # every document has all 6 of its passages, each with its FTS row
        per_doc = c.execute(
            """SELECT d.id, COUNT(p.id), COUNT(f.rowid) FROM documents d
               LEFT JOIN passages p ON p.doc_id = d.id
               LEFT JOIN passage_fts f ON f.rowid = p.id GROUP BY d.id"""
        ).fetchall()
        assert per_doc and all(n_p == 6 and n_f == 6 for _, n_p, n_f in per_doc)
        assert c.execute("SELECT COUNT(*) FROM passage_fts").fetchone()[0] == s.count_passages()
        # a recorded source is complete: exactly the documents of the version its hash names
        for source, file_hash in s.sources().items():
            linked = {r[0] for r in c.execute("SELECT doc_id FROM doc_sources WHERE source = ?", (source,))}
            assert linked == expected[file_hash], source


def _snapshot(db: Path) -> dict:
    with Store(db) as s:
        c = s.conn
        st = s.stats()
        return {
            "sources": s.sources(),
            "links": sorted(tuple(r) for r in c.execute("SELECT doc_id, source, locator FROM doc_sources")),
            "passages": sorted(tuple(r) for r in c.execute("SELECT doc_id, idx, hash, text FROM passages")),
            "counts": {k: st[k] for k in ("documents", "passages", "sources", "duplicates_collapsed")},
        }


def test_sigkill_during_many_replace_source_calls(tmp_path: Path) -> None:
    clean = tmp_path / "clean.sqlite"
    with Store(clean) as s:
        run_crash_plan(s)
    want = _snapshot(clean)
    assert want["counts"]["documents"] > 0 and want["counts"]["duplicates_collapsed"] > 0

    db = tmp_path / "killed.sqlite"
    rng = random.Random(7)
    kills = 0
    for after in (15, 90, 40, 25):
        if _run_and_kill(db, after, rng):
            break
        kills += 1
        _assert_consistent(db)
    assert kills >= 2, "the child finished before it could be killed; make the plan longer"

    child = _spawn(CHILD_PLAN, str(db))
    out, _ = child.communicate(timeout=120)
    assert child.returncode == 0 and out.strip().endswith("DONE")
    _assert_consistent(db)
    got = _snapshot(db)
    assert got == want


CHILD_BIG = """
import sys
from test_store_helpers import seg_doc
from topicmine.store import Store
docs = [seg_doc([[f"第{i}件", "营商环境", f"建议{j}", "。" * 40] for j in range(6)]) for i in range(4000)]
with Store(sys.argv[1]) as s:
    s.conn.execute("PRAGMA cache_size = -64")  # spill to the WAL early, so the kill lands mid-write
    print("start", flush=True)
    s.replace_source("大表.xlsx", "h-big", docs)
    print("done", flush=True)
"""


def test_sigkill_inside_one_big_transaction_leaves_nothing(tmp_path: Path) -> None:
    db = tmp_path / "big.sqlite"
    with Store(db) as s:
        s.replace_source("小文件.md", "h-small", [seg_doc([["乡村振兴", "调研"]])])
    wal = Path(f"{db}-wal")
    child = _spawn(CHILD_BIG, str(db))
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "start"
        base = wal.stat().st_size if wal.exists() else 0
        deadline = time.monotonic() + 60
        while (wal.stat().st_size if wal.exists() else 0) < base + 512 * 1024:
            assert time.monotonic() < deadline and child.poll() is None, "transaction did not start writing"
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        rest = child.stdout.read()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if "done" in rest:  # pragma: no cover - machine too fast to catch it mid-way
        pytest.skip("the big transaction committed before the kill")
    with Store(db) as s:
        assert s.integrity_problems() == []
        assert s.sources() == {"小文件.md": "h-small"}
        assert s.count_documents() == 1 and s.count_passages() == 1
        assert s.keyword_search(["营商环境"]) == []
