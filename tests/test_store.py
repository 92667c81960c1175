"""Store: migrations, idempotent sources, duplicates, reads, embeddings cache, runs, locking."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from test_store_helpers import PROPOSAL_BIZ, corpus, seg_doc

from topicmine.errors import InputError, LockError, StoreError
from topicmine.records import DocType, IngestIssue
from topicmine.store import SCHEMA_VERSION, EmbeddingsMissingError, PassageRow, Store
from topicmine.store.schema import MIGRATIONS, migrate, user_version

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "work" / "topicmine.sqlite"


@pytest.fixture
def store(db: Path):
    with Store(db) as s:
        yield s


def _fill(store: Store) -> dict:
    c = corpus()
    store.replace_source("提案/2023/营商环境.docx", "h-biz", [c["biz"]])
    store.replace_source("社情民意/浙江/养老.md", "h-eld", [c["elderly"]])
    store.replace_source("调研报告/乡村振兴.docx", "h-rur", [c["rural"]])
    store.replace_source("政府工作报告/浙江省/2024.md", "h-gov", [c["gov"]])
    return c


# ---- opening and migrations ------------------------------------------------------------
def test_open_fresh_file_migrates_and_configures(db: Path) -> None:
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        c = s.conn
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        assert {"documents", "doc_sources", "sources", "sections", "passages", "passage_fts", "embeddings",
                "ingest_log", "runs", "meta"} <= tables
        assert s.integrity_check()


def test_reopen_keeps_data_and_version(db: Path) -> None:
    with Store(db) as s:
        _fill(s)
        fp = s.fingerprint()
    with Store(db) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.count_documents() == 4
        assert s.fingerprint() == fp


def test_memory_store_works() -> None:
    with Store(":memory:") as s:
        _fill(s)
        assert s.count_documents(doc_types="提案") == 1
        with s.writer_lock():
            pass


def test_newer_database_is_refused_with_upgrade_hint(db: Path) -> None:
    Store(db).open().close()
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade topicmine"):
        Store(db).open()


def test_not_a_database_gives_clear_error(db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="topicmine store"):
        Store(db).open()


def test_migrations_are_transactional(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.sqlite", isolation_level=None)
    assert migrate(conn, "m") == SCHEMA_VERSION

    def good(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE extra (x INTEGER)")

    def bad(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("simulated failure mid-migration")

    assert migrate(conn, "m", [*MIGRATIONS, good]) == SCHEMA_VERSION + 1
    with pytest.raises(RuntimeError):
        migrate(conn, "m", [*MIGRATIONS, good, bad])
    assert user_version(conn) == SCHEMA_VERSION + 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "extra" in names and "half_done" not in names


def test_closed_store_says_how_to_open(db: Path) -> None:
    with pytest.raises(StoreError, match="open"):
        Store(db).count_documents()


# ---- replace_source semantics ----------------------------------------------------------
def test_replace_source_inserts_everything(store: Store) -> None:
    c = corpus()
    change = store.replace_source("提案/2023/营商环境.docx", "h1", [c["biz"]], size=1234, mtime=1.5)
    doc_id = c["biz"].document.id
    assert change.new_docs == [doc_id] and not change.removed_docs and not change.duplicates
    assert len(change.new_passage_ids) == len(PROPOSAL_BIZ)
    doc = store.get_document(doc_id)
    assert doc is not None
    assert doc.doc_type is DocType.proposal and doc.region == "江苏省" and doc.year == 2023
    assert doc.author == "民建江苏省委" and doc.sources == ["提案/2023/营商环境.docx"]
    rows = store.document_passages(doc_id)
    assert [r.text for r in rows] == ["".join(ws) for ws in PROPOSAL_BIZ]
    for r in rows:  # offsets quote the document text
        assert doc.text[r.start : r.end] == r.text
    sections = store.document_sections(doc_id)
    assert [(s.number, s.heading) for s in sections] == [("一、", "一、存在的问题"), ("二、", "二、几点建议")]
    assert rows[2].section == 0 and rows[4].section == 1
    assert store.sources() == {"提案/2023/营商环境.docx": "h1"}
    assert store.source_hash("提案/2023/营商环境.docx") == "h1"
    assert store.source_hash("nowhere.docx") is None


def test_same_source_twice_changes_nothing(store: Store) -> None:
    c = corpus()
    first = store.replace_source("a.docx", "h1", [c["biz"], c["rural"]])
    ids_before = store.passage_ids()
    fp = store.fingerprint()
    again = store.replace_source("a.docx", "h1", [c["biz"], c["rural"]])
    assert again.new_docs == [] and again.removed_docs == [] and again.duplicates == []
    assert sorted(again.kept_docs) == sorted(first.new_docs)
    assert not again.changed and again.updated_docs == []
    assert store.passage_ids() == ids_before and store.fingerprint() == fp
    assert store.integrity_check()


def test_changed_source_replaces_old_documents(store: Store) -> None:
    c = corpus()
    store.replace_source("a.docx", "h1", [c["biz"], c["rural"]])
    old_pids = {r.id for r in store.document_passages(c["biz"].document.id)}
    change = store.replace_source("a.docx", "h2", [c["rural"], c["elderly"]])
    assert change.new_docs == [c["elderly"].document.id]
    assert change.removed_docs == [c["biz"].document.id]
    assert change.kept_docs == [c["rural"].document.id]
    assert set(change.removed_passage_ids) == old_pids
    assert store.get_document(c["biz"].document.id) is None
    assert store.passages(sorted(old_pids)) == []  # cascaded
    assert store.keyword_search(["融资难"]) == []  # FTS rows left with their passages
    assert store.count_documents() == 2 and store.source_hash("a.docx") == "h2"
    assert store.integrity_check()


def test_passage_ids_are_never_reused(store: Store) -> None:
    c = corpus()
    store.replace_source("a.docx", "h1", [c["biz"]])
    first = store.passage_ids()
    store.remove_source("a.docx")
    store.replace_source("a.docx", "h1", [c["biz"]])
    assert min(store.passage_ids()) > max(first)


def test_identical_text_from_two_sources_is_one_document(store: Store) -> None:
    c = corpus()
    store.replace_source("提案/2023/营商环境.docx", "h1", [c["biz"]])
    change = store.replace_source("汇编/2023提案汇编.xlsx", "h2", [seg_doc(PROPOSAL_BIZ, locator="row 7")])
    doc_id = c["biz"].document.id
    assert change.new_docs == [] and change.duplicates == [(doc_id, "提案/2023/营商环境.docx")]
    assert store.count_documents() == 1
    assert store.get_document(doc_id).sources == ["提案/2023/营商环境.docx", "汇编/2023提案汇编.xlsx#row 7"]
    assert store.stats()["duplicates_collapsed"] == 1
    # first-ingested metadata stays; removing one source keeps the document
    assert store.remove_source("提案/2023/营商环境.docx") == []
    doc = store.get_document(doc_id)
    assert doc is not None and doc.sources == ["汇编/2023提案汇编.xlsx#row 7"]
    assert store.remove_source("汇编/2023提案汇编.xlsx") == [doc_id]
    assert store.count_documents() == 0 and store.passage_ids() == []
    assert store.integrity_check()


def test_same_text_twice_in_one_table_keeps_both_rows(store: Store) -> None:
    a = seg_doc(PROPOSAL_BIZ, locator="row 1")
    b = seg_doc(PROPOSAL_BIZ, locator="row 5")
    change = store.replace_source("提案.csv", "h", [a, b])
    assert change.new_docs == [a.document.id]
    assert change.duplicates == [(a.document.id, "提案.csv#row 1")]
    assert store.get_document(a.document.id).sources == ["提案.csv#row 1", "提案.csv#row 5"]
    assert store.integrity_check()


def test_metadata_update_for_same_text_same_source(store: Store) -> None:
    store.replace_source("a.md", "h1", [seg_doc(PROPOSAL_BIZ, doc_type=DocType.other)])
    pids = store.passage_ids()
    change = store.replace_source("a.md", "h1", [seg_doc(PROPOSAL_BIZ, doc_type=DocType.proposal)])
    doc_id = change.kept_docs[0]
    assert change.updated_docs == [doc_id] and not change.changed
    assert store.get_document(doc_id).doc_type is DocType.proposal
    assert store.passage_ids() == pids  # no passage churn, no re-embedding


def test_bad_offsets_and_missing_words_are_refused_before_writing(store: Store) -> None:
    sd = seg_doc(PROPOSAL_BIZ)
    sd.passages[1].end += 3
    with pytest.raises(StoreError, match="segmenter bug"):
        store.replace_source("a.docx", "h", [seg_doc([["养老", "服务"]]), sd])
    sd2 = seg_doc(PROPOSAL_BIZ)
    sd2.passage_words = []
    with pytest.raises(StoreError, match="passage_words"):
        store.replace_source("a.docx", "h", [sd2])
    assert store.count_documents() == 0 and store.sources() == {}


def test_failed_write_rolls_back_whole_source(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    c = corpus()
    store.replace_source("a.docx", "h1", [c["biz"]])
    before = store.stats()

    calls = {"n": 0}
    real = Store._insert_document

    def boom(self, conn, p, now, change):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return real(self, conn, p, now, change)

    monkeypatch.setattr(Store, "_insert_document", boom)
    with pytest.raises(StoreError, match="disk full"):
        store.replace_source("a.docx", "h2", [c["rural"], c["elderly"]])
    after = store.stats()
    for key in ("documents", "passages", "sources", "fingerprint"):
        assert after[key] == before[key]
    assert store.source_hash("a.docx") == "h1"
    assert store.integrity_check()


# ---- reads ---------------------------------------------------------------------------
def test_iter_and_count_with_filters(store: Store) -> None:
    c = _fill(store)
    assert store.count_documents() == 4
    assert store.count_documents(doc_types=["提案", "社情民意"]) == 2
    assert store.count_documents(region="江苏省") == 2
    assert store.count_documents(year_from=2022, year_to=2023) == 2
    zj = {d.id for d in store.iter_documents(region="浙江省")}
    assert zj == {c["elderly"].document.id, c["gov"].document.id}
    rows = list(store.iter_passages(doc_types=DocType.report))
    assert [r.text for r in rows] == [p.text for p in c["rural"].passages]
    assert all(isinstance(r, PassageRow) and r.doc_type is DocType.report and r.year == 2021 for r in rows)
    assert rows[0].index == rows[0].idx == 0
    total = sum(len(x.passages) for x in c.values())
    assert len(list(store.iter_passages())) == store.count_passages() == total
    # hostile filter values are just values
    assert store.count_documents(region="江苏省' OR '1'='1") == 0
    with pytest.raises(InputError, match="unknown doc type"):
        store.count_documents(doc_types=["proposal; DROP TABLE documents"])


def test_iter_passages_streams_in_batches(store: Store) -> None:
    docs = [seg_doc([[f"第{i}段", "营商环境"] for i in range(k * 300, k * 300 + 300)]) for k in range(5)]
    store.replace_source("big.xlsx", "h", docs)
    ids = [r.id for r in store.iter_passages()]
    assert len(ids) == 1500 and ids == sorted(ids) and len(set(ids)) == 1500


def test_passages_by_id_keep_given_order(store: Store) -> None:
    _fill(store)
    ids = store.passage_ids()
    want = [ids[5], ids[0], 999_999, ids[3]]
    assert [r.id for r in store.passages(want)] == [ids[5], ids[0], ids[3]]


def test_boilerplate_flags(store: Store) -> None:
    _fill(store)
    ids = store.passage_ids()
    assert store.set_boilerplate(ids[:2], True) == 2
    assert store.set_boilerplate(ids[:2], [True, False]) == 1
    assert [r.boilerplate for r in store.passages(ids[:2])] == [True, False]
    assert store.count_passages(include_boilerplate=False) == len(ids) - 1
    assert ids[0] not in {r.id for r in store.iter_passages(include_boilerplate=False)}


def test_resolve_doc_id_prefix(store: Store) -> None:
    c = _fill(store)
    full = c["biz"].document.id
    assert store.resolve_doc_id(full[:8]) == full
    assert store.resolve_doc_id("zz'--") is None
    assert store.resolve_doc_id("ffffffffffffffff0") is None


# ---- embeddings cache ------------------------------------------------------------------
def test_embeddings_round_trip_and_missing(store: Store) -> None:
    c = _fill(store)
    # the same paragraph text in another document shares its hash: embedded once
    store.replace_source("dup.md", "h", [seg_doc([PROPOSAL_BIZ[0], ["另一", "段落"]])])
    missing = store.missing_embeddings("e5-small")
    hashes = [h for h, _ in missing]
    assert len(hashes) == len(set(hashes)) == store.count_passages() - 1
    assert dict(missing)[c["biz"].passages[0].hash] == "关于进一步优化营商环境的提案"

    rng = np.random.default_rng(0)
    vecs = rng.standard_normal((len(hashes), 8)).astype(np.float32)
    store.put_embeddings("e5-small", hashes[:5], vecs[:5])
    assert len(store.missing_embeddings("e5-small")) == len(hashes) - 5
    assert store.missing_embeddings("e5-small", limit=2) == missing[5:7]
    store.put_embeddings("e5-small", hashes[5:], vecs[5:])
    assert store.missing_embeddings("e5-small") == []
    assert store.embedded_count("e5-small") == len(hashes)
    assert len(store.missing_embeddings("bge-small-zh")) == len(hashes)  # per model

    order = [hashes[3], hashes[0], hashes[3]]
    got = store.get_embeddings("e5-small", order)
    assert got.dtype == np.float32 and got.shape == (3, 8)
    np.testing.assert_array_equal(got, vecs[[3, 0, 3]])
    assert store.get_embeddings("e5-small", []).shape == (0, 8)

    with pytest.raises(EmbeddingsMissingError, match="2 of 3 passage vectors") as err:
        store.get_embeddings("e5-small", [hashes[0], "nohash1", "nohash2"])
    assert err.value.missing == ["nohash1", "nohash2"]
    with pytest.raises(KeyError):
        store.get_embeddings("bge-small-zh", hashes[:1])

    with pytest.raises(StoreError, match="8-dim"):
        store.put_embeddings("e5-small", hashes[:1], np.zeros((1, 4), np.float32))
    with pytest.raises(StoreError, match="NaN"):
        store.put_embeddings("e5-small", hashes[:1], np.full((1, 8), np.nan, np.float32))
    with pytest.raises(StoreError, match="shape"):
        store.put_embeddings("e5-small", hashes[:2], np.zeros((1, 8), np.float32))


def test_passage_vectors_for_index_building(store: Store) -> None:
    c = _fill(store)
    with pytest.raises(EmbeddingsMissingError, match="topicmine embed"):
        store.passage_vectors("m")
    hashes = [h for h, _ in store.missing_embeddings("m")]
    vecs = np.arange(len(hashes) * 3, dtype=np.float32).reshape(-1, 3)
    store.put_embeddings("m", hashes, vecs)
    ids, got = store.passage_vectors("m")
    assert ids.dtype == np.int64 and list(ids) == store.passage_ids()
    by_hash = dict(zip(hashes, vecs))
    rows = store.passages(list(ids))
    np.testing.assert_array_equal(got, np.stack([by_hash[r.hash] for r in rows]))
    ids_jz, _ = store.passage_vectors("m", region="江苏省", doc_types=["提案"])
    assert list(ids_jz) == [r.id for r in store.document_passages(c["biz"].document.id)]


def test_embeddings_survive_passage_delete_until_pruned(store: Store) -> None:
    c = corpus()
    store.replace_source("a.docx", "h1", [c["biz"]])
    hashes = [h for h, _ in store.missing_embeddings("m")]
    store.put_embeddings("m", hashes, np.ones((len(hashes), 4), np.float32))
    store.remove_source("a.docx")
    assert store.stats()["embeddings"]["m"]["vectors"] == len(hashes)  # a cache: not cascaded
    store.replace_source("a.docx", "h1", [c["biz"]])  # re-ingest: nothing to embed again
    assert store.missing_embeddings("m") == []
    store.remove_source("a.docx")
    assert store.prune_embeddings() == len(hashes)
    assert store.stats()["embeddings"] == {}


# ---- runs, issues, meta, stats ----------------------------------------------------------
def test_runs_issues_and_meta(store: Store) -> None:
    run = store.begin_run("ingest")
    store.log_issue(run, IngestIssue("坏文件/损坏.docx", "不是有效的 .docx 文件 (zip 损坏)"))
    store.log_issues(run, [IngestIssue("表格/提案.xlsx", "缺少正文列", locator="row 3")])
    store.finish_run(run, "ok", {"documents": {"new": 3, "changed": 0}, "说明": "首次导入"})
    other = store.begin_run("refresh")
    store.log_issue(other, IngestIssue("x.bin", "未知扩展名"))
    assert [str(i) for i in store.issues(run)] == [
        "坏文件/损坏.docx: 不是有效的 .docx 文件 (zip 损坏)",
        "表格/提案.xlsx (row 3): 缺少正文列",
    ]
    assert len(store.issues()) == 3
    runs = store.runs()
    assert [r["id"] for r in runs] == [other, run]
    assert runs[1]["status"] == "ok" and runs[1]["summary"]["说明"] == "首次导入" and runs[1]["seconds"] >= 0
    assert runs[0]["status"] == "running" and runs[0]["finished_at"] is None
    with pytest.raises(StoreError, match="no run"):
        store.finish_run(12345, "ok", {})
    # a run left "running" by a killed process is marked interrupted by the next lock holder
    # (runs this Store itself began and has not finished are alive: forget `other` as a
    # restarted process would)
    store._open_runs.discard(other)
    with store.writer_lock():
        third = store.begin_run("refresh")
    assert {r["id"]: r["status"] for r in store.runs()} == {third: "running", other: "interrupted", run: "ok"}

    assert store.meta_get("topics.last_run") is None
    assert store.meta_get("topics.last_run", {}) == {}
    store.meta_set("topics.last_run", {"run": 3, "标签": ["营商环境", "养老服务"]})
    assert store.meta_get("topics.last_run") == {"run": 3, "标签": ["营商环境", "养老服务"]}
    store.meta_set("topics.last_run", 4)
    assert store.meta_get("topics.last_run") == 4
    store.meta_delete("topics.last_run")
    assert store.meta_get("topics.last_run") is None


def test_stats_are_json_ready(store: Store) -> None:
    import json

    c = _fill(store)
    store.replace_source("copy.md", "h", [c["gov"]])
    st = json.loads(json.dumps(store.stats(), ensure_ascii=False))
    assert st["documents"] == 4 and st["sources"] == 5 and st["duplicates_collapsed"] == 1
    assert st["passages"] == sum(len(x.passages) for x in c.values())
    by_type = {t["type"]: t for t in st["by_type"]}
    assert by_type["proposal"]["label"] == "提案" and by_type["proposal"]["passages"] == 5
    assert by_type["opinion"]["label"] == "社情民意信息"
    assert [t["type"] for t in st["by_type"]] == ["gov_report", "proposal", "opinion", "report"]
    assert {r["region"]: r["documents"] for r in st["by_region"]} == {"江苏省": 2, "浙江省": 2}
    assert [y["year"] for y in st["by_year"]] == [2021, 2022, 2023, 2024]
    assert st["schema_version"] == SCHEMA_VERSION and len(st["fingerprint"]) == 16


def test_fingerprint_changes_with_passages(store: Store) -> None:
    c = corpus()
    fp0 = store.fingerprint()
    store.replace_source("a.docx", "h1", [c["biz"]])
    fp1 = store.fingerprint()
    store.set_boilerplate(store.passage_ids()[:1], True)
    assert store.fingerprint() == fp1  # metadata flags do not invalidate vector indexes
    store.replace_source("a.docx", "h2", [c["rural"]])
    assert len({fp0, fp1, store.fingerprint()}) == 3


def test_integrity_check_detects_broken_invariants(store: Store) -> None:
    _fill(store)
    assert store.integrity_problems() == []
    store.conn.execute("DELETE FROM passage_fts WHERE rowid = (SELECT MIN(id) FROM passages)")
    assert any("without FTS row" in p for p in store.integrity_problems())
    assert not store.integrity_check()


def test_vacuum_keeps_data(store: Store) -> None:
    _fill(store)
    fp = store.fingerprint()
    store.remove_source("调研报告/乡村振兴.docx")
    store.vacuum()
    assert store.count_documents() == 3 and store.integrity_check() and store.fingerprint() != fp


# ---- concurrency and locking ------------------------------------------------------------
def test_threads_share_one_store(store: Store) -> None:
    _fill(store)
    errors: list[BaseException] = []

    def reader() -> None:
        try:
            for _ in range(50):
                store.keyword_search(["营商环境"])
                list(store.iter_passages(region="江苏省"))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    for i in range(30):
        store.replace_source(f"extra/{i}.md", f"h{i}", [seg_doc([[f"第{i}条", "营商环境", "建议"]])])
    for t in threads:
        t.join()
    assert errors == []
    assert store.integrity_check()


def test_writer_lock_second_acquirer_gets_lock_error(db: Path) -> None:
    with Store(db) as a, Store(db) as b:
        with a.writer_lock():
            with a.writer_lock():  # re-entrant for the same store object
                pass
            with pytest.raises(LockError, match=f"pid={os.getpid()}"):
                with b.writer_lock():
                    pass
        with b.writer_lock():  # released
            pass


def test_writer_lock_held_by_another_process_and_freed_when_it_dies(db: Path) -> None:
    Store(db).open().close()
    code = (
        "import sys, time; from topicmine.store import Store\n"
        f"s = Store({str(db)!r}).open(); lock = s.writer_lock(); lock.acquire()\n"
        "print('locked', flush=True); time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert child.stdout.readline().strip() == "locked"
        with Store(db) as s:
            with pytest.raises(LockError) as err:
                s.writer_lock().acquire()
            msg = str(err.value)
            assert f"pid={child.pid}" in msg and "only one ingest/refresh" in msg
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            deadline = time.monotonic() + 5
            while True:  # the kernel releases the flock with the process
                try:
                    with s.writer_lock():
                        break
                except LockError:
                    assert time.monotonic() < deadline
                    time.sleep(0.05)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_nested_run_does_not_mark_its_enclosing_run_interrupted(tmp_path):
    """A refresh begins its own run, then its ingest begins another: the refresh stays 'running'."""
    from topicmine.store import Store

    with Store(tmp_path / "t.sqlite").open() as st, st.writer_lock():
        stale = st.begin_run("refresh")
        st._open_runs.discard(stale)  # as if begun by a process that was killed
        outer = st.begin_run("refresh")
        inner = st.begin_run("ingest")
        status = {r["id"]: r["status"] for r in st.runs()}
        assert status[stale] == "interrupted"
        assert status[outer] == "running" and status[inner] == "running"
        st.finish_run(inner, "ok")
        st.finish_run(outer, "ok")
        assert {r["id"]: r["status"] for r in st.runs()}[outer] == "ok"
