"""Faults: SIGKILL during ingest, embed, index save and refresh; a full disk.

After every kill the store passes ``PRAGMA integrity_check`` (and our own invariants), a rerun
brings it to exactly the counts of a clean run, and no artifact is half-written. A full disk
(a 512 KB tmpfs mounted by the test, or an injected ``OSError(ENOSPC)``) gives a clear error and
leaves the previous state intact.

Kill points are chosen by the test from what the child has committed (the store's sources /
embeddings counts, polled read-only) or from the save counter a child prints, so they land in
different phases of the work.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from live_service import ROOT, SAMPLE, env_for, ingested_sample, topicmine
from topicmine.errors import IndexMismatchError
from topicmine.index import VectorIndex

MODEL_DIR = ROOT / "models" / "multilingual-e5-small"


# ---------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------
def _count(db: Path, sql: str) -> int:
    """A read-only count that tolerates a store that does not exist yet or is busy."""
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(con.execute(sql).fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return -1


def _snapshot(workdir: Path) -> dict[str, object]:
    """Integrity and the counts a clean run must reproduce."""
    from topicmine.store import Store

    with Store(workdir / "topicmine.sqlite") as s:
        problems = s.integrity_problems()
    con = sqlite3.connect(workdir / "topicmine.sqlite")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        counts = {
            t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
            for t in ("documents", "passages", "sources", "doc_sources", "sections")
        }
        counts["fts"] = con.execute("SELECT COUNT(*) FROM passage_fts").fetchone()[0]
        counts["doc_ids"] = sorted(r[0] for r in con.execute("SELECT id FROM documents"))
        counts["passage_hashes"] = sorted(r[0] for r in con.execute("SELECT hash FROM passages"))
    finally:
        con.close()
    return {"problems": problems, **counts}


def _spawn_cli(*args: str, workdir: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "topicmine.cli", *args, "--workdir", str(workdir)],
        cwd=ROOT, env=env_for(workdir, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def _kill_when(proc: subprocess.Popen[str], ready, timeout: float = 600) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()`` is true; False if it finished first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return True
        time.sleep(0.02)
    proc.kill()
    proc.wait(timeout=30)
    raise AssertionError("the child never reached the kill point")


def _no_temp_files(workdir: Path) -> list[str]:
    return [str(p) for p in workdir.rglob("*") if p.name.endswith(".tmp") or p.name.startswith(".index.faiss.")]


@pytest.fixture(scope="module")
def clean_counts() -> dict[str, object]:
    """The sample corpus ingested in one uninterrupted run (what every rerun must match)."""
    snap = _snapshot(ingested_sample())
    assert snap["problems"] == [] and snap["documents"] > 40
    return snap


def _comparable(snap: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in snap.items() if k != "problems"}


# ---------------------------------------------------------------------------------------------------
# SIGKILL during ingest
# ---------------------------------------------------------------------------------------------------
def test_sigkill_during_ingest_at_several_points_then_rerun(tmp_path: Path, clean_counts) -> None:
    """Kill the same ingest three times (in start-up, after 3 files, after 20 files), check, rerun."""
    workdir = tmp_path / "w"
    db = workdir / "topicmine.sqlite"
    sources = "SELECT COUNT(*) FROM sources"
    kill_points = [
        ("start-up", lambda: db.exists()),  # the store exists: schema being created / first file
        ("after 3 files", lambda: _count(db, sources) >= 3),
        ("after 20 files", lambda: _count(db, sources) >= 20),
    ]
    killed = []
    for label, ready in kill_points:
        proc = _spawn_cli("ingest", str(SAMPLE), "--json", workdir=workdir)
        if _kill_when(proc, ready):
            killed.append(label)
            snap = _snapshot(workdir)
            assert snap["problems"] == [], (label, snap["problems"])
            # committed work is complete per file: every source has its documents and passages
            assert snap["fts"] == snap["passages"]
    assert len(killed) >= 2, f"too few kills landed: {killed}"
    done = topicmine("ingest", str(SAMPLE), "--json", workdir=workdir)
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["failed"] == 0
    after = _snapshot(workdir)
    assert after["problems"] == []
    assert _comparable(after) == _comparable(clean_counts)
    # and a further run finds nothing to do
    again = json.loads(topicmine("ingest", str(SAMPLE), "--json", workdir=workdir).stdout.strip().splitlines()[-1])
    assert again["new"] == 0 and again["changed"] == 0 and again["unchanged"] == summary["seen"]


# ---------------------------------------------------------------------------------------------------
# SIGKILL during index save
# ---------------------------------------------------------------------------------------------------
SAVE_LOOP = r"""
import sys
import numpy as np
from topicmine.index import VectorIndex

def make(gen):
    rng = np.random.default_rng(gen)
    X = rng.standard_normal((3000, 32)).astype("float32")
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    idx = VectorIndex(32)
    idx.add(np.arange(3000) + gen * 10_000, X)  # same size for both generations
    return idx

A, B = make(1), make(2)
i = 0
while True:
    gen = 1 + i % 2
    (A if gen == 1 else B).save(sys.argv[1], {"generation": gen})
    i += 1
    print(i, flush=True)
"""


def _assert_complete_index(d: Path) -> int:
    """The index dir holds one complete generation: ids and manifest agree."""
    idx = VectorIndex.load(d)
    m = VectorIndex.read_manifest(d)
    ids = idx.ids()
    gens = set((ids // 10_000).tolist())
    assert idx.ntotal == 3000 and len(gens) == 1
    (gen,) = gens
    # load() may have fallen back to the previous pair; then that pair's manifest describes it
    if m["generation"] != gen:
        prev = json.loads((d / "manifest.json.prev").read_text(encoding="utf-8"))
        assert prev["generation"] == gen
    return int(gen)


def test_sigkill_during_index_save_leaves_old_or_new_complete_index(tmp_path: Path) -> None:
    d = tmp_path / "index"
    rng = random.Random(8)
    seen_gens = set()
    env = env_for(tmp_path)
    for _ in range(8):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(d)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        target = rng.randint(1, 4)
        for _ in range(target):  # let a few saves complete, then kill inside the next one
            if not proc.stdout.readline():
                break
        time.sleep(rng.random() * 0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        seen_gens.add(_assert_complete_index(d))
    # the next save cleans up whatever a killed save left (temp files, .prev links)
    idx = VectorIndex.load(d)
    idx.save(d, {"generation": int(idx.ids()[0] // 10_000)})
    assert sorted(os.listdir(d)) == ["index.faiss", "manifest.json"]
    assert _assert_complete_index(d) in (1, 2)


def test_index_with_a_foreign_manifest_is_refused_not_misread(tmp_path: Path) -> None:
    """Same size, different content: the sha256 in the manifest tells them apart."""
    d = tmp_path / "i"
    X = np.eye(8, dtype=np.float32)
    a, b = VectorIndex(8), VectorIndex(8)
    a.add(np.arange(8), X)
    b.add(np.arange(8) + 100, X)
    a.save(d, {"g": "a"})
    b.save(tmp_path / "j", {"g": "b"})
    shutil.copy(tmp_path / "j" / "index.faiss", d / "index.faiss")  # same size as a's
    with pytest.raises(IndexMismatchError, match="sha256"):
        VectorIndex.load(d)


# ---------------------------------------------------------------------------------------------------
# disk full
# ---------------------------------------------------------------------------------------------------
@pytest.fixture
def small_tmpfs(tmp_path: Path):
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN): {p.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_disk_full_during_ingest_is_a_clear_error_and_the_store_stays_intact(small_tmpfs: Path, clean_counts) -> None:
    workdir = small_tmpfs / "w"
    first = topicmine("ingest", str(SAMPLE / "建议案"), "--json", workdir=workdir)
    assert first.returncode == 0, first.stderr[-2000:]
    before = _snapshot(workdir)
    assert before["documents"] >= 1 and before["problems"] == []

    full = topicmine("ingest", str(SAMPLE), "--json", workdir=workdir)
    assert full.returncode != 0
    err = full.stderr
    assert "disk full" in err and "Traceback" not in err, err[-2000:]
    assert str(workdir / "topicmine.sqlite") in err  # names the file that could not be written
    during = _snapshot(workdir)
    assert during["problems"] == []
    # what was committed before is all still there
    assert set(before["doc_ids"]) <= set(during["doc_ids"])  # type: ignore[arg-type]

    # free space (grow the file system) and rerun: the store reaches the clean-run state
    p = subprocess.run(["mount", "-o", "remount,size=64m", str(small_tmpfs)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    done = topicmine("ingest", str(SAMPLE), "--json", workdir=workdir)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _comparable(_snapshot(workdir)) == _comparable(clean_counts)


def _saved_index(d: Path, n: int, gen: int) -> VectorIndex:
    X = np.random.default_rng(gen).standard_normal((n, 16)).astype("float32")
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    idx = VectorIndex(16)
    idx.add(np.arange(n), X)
    idx.save(d, {"generation": gen})
    return idx


@pytest.mark.parametrize("where", ["os.replace", "os.fsync", "write_index"])
def test_enospc_while_saving_the_index_keeps_the_previous_one(tmp_path: Path, monkeypatch, where: str) -> None:
    import faiss

    import topicmine.index as index_mod

    d = tmp_path / "index"
    _saved_index(d, 50, gen=1)
    new = VectorIndex(16)
    new.add(np.arange(80), np.eye(80, 16, dtype=np.float32))

    def enospc(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "os.replace":
        monkeypatch.setattr(index_mod.os, "replace", enospc)
    elif where == "os.fsync":
        monkeypatch.setattr(index_mod.os, "fsync", enospc)
    else:
        monkeypatch.setattr(faiss, "write_index", enospc)
    with pytest.raises(OSError) as ei:
        new.save(d, {"generation": 2})
    assert ei.value.errno == errno.ENOSPC and "No space left" in str(ei.value)
    monkeypatch.undo()
    old = VectorIndex.load(d)
    assert old.ntotal == 50 and VectorIndex.read_manifest(d)["generation"] == 1
    assert not [p for p in os.listdir(d) if p.endswith(".tmp")]


def test_enospc_on_the_manifest_keeps_the_previous_pair(tmp_path: Path, monkeypatch) -> None:
    """The index file was replaced but the manifest could not be written: load gives the old pair."""
    import topicmine.index as index_mod

    d = tmp_path / "index"
    _saved_index(d, 50, gen=1)
    new = VectorIndex(16)
    new.add(np.arange(50) + 1000, np.eye(50, 16, dtype=np.float32))
    real = index_mod._atomic_write

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index_mod, "_atomic_write", full)
    with pytest.raises(OSError):
        new.save(d, {"generation": 2})
    monkeypatch.setattr(index_mod, "_atomic_write", real)
    old = VectorIndex.load(d)
    assert old.ntotal == 50 and int(old.ids().max()) == 49  # the old vectors, not the new file
    _saved_index(d, 60, gen=3)
    assert sorted(os.listdir(d)) == ["index.faiss", "manifest.json"]


# ---------------------------------------------------------------------------------------------------
# with the embedding model: SIGKILL during embed and refresh (slow: minutes of CPU embedding)
# ---------------------------------------------------------------------------------------------------
def _small_corpus(dest: Path) -> Path:
    for sub in ("提案", "建议案", "社情民意信息"):
        shutil.copytree(SAMPLE / sub, dest / sub)
    return dest


def _model_or_skip() -> None:
    if not (MODEL_DIR / "topicmine_manifest.json").is_file():
        pytest.skip(f"embedding model not built at {MODEL_DIR}: run `make setup`")


@pytest.mark.slow
@pytest.mark.model
def test_sigkill_during_embed_then_rerun(tmp_path: Path) -> None:
    _model_or_skip()
    # small chunks, so the kill lands after the first saved chunk and before the last; given to each
    # child explicitly (env_for drops the test process's own TOPICMINE_* settings)
    small = {"TOPICMINE_EMBED__CHUNK_SIZE": "16"}
    corpus = _small_corpus(tmp_path / "corpus")
    clean = tmp_path / "clean"
    assert topicmine("ingest", str(corpus), workdir=clean).returncode == 0
    assert topicmine("embed", "--json", workdir=clean, timeout=3600).returncode == 0
    clean_emb = _count(clean / "topicmine.sqlite", "SELECT COUNT(*) FROM embeddings")

    workdir = tmp_path / "w"
    assert topicmine("ingest", str(corpus), workdir=workdir).returncode == 0
    db = workdir / "topicmine.sqlite"
    proc = _spawn_cli("embed", "--json", workdir=workdir, **small)
    assert _kill_when(proc, lambda: _count(db, "SELECT COUNT(*) FROM embeddings") > 0, timeout=3600)
    partial = _count(db, "SELECT COUNT(*) FROM embeddings")
    assert 0 < partial < clean_emb
    assert _snapshot(workdir)["problems"] == []
    assert _no_temp_files(workdir) == []
    done = topicmine("embed", "--json", workdir=workdir, timeout=3600, **small)
    assert done.returncode == 0, done.stderr[-2000:]
    res = json.loads(done.stdout.strip().splitlines()[-1])
    assert res["passages_embedded"] == clean_emb - partial  # resumed, nothing embedded twice
    assert _count(db, "SELECT COUNT(*) FROM embeddings") == clean_emb
    idx = VectorIndex.load(workdir / "artifacts" / "index")
    assert idx.ntotal == _count(db, "SELECT COUNT(*) FROM passages")


@pytest.mark.slow
@pytest.mark.model
def test_sigkill_during_refresh_at_several_points_then_rerun(tmp_path: Path) -> None:
    _model_or_skip()
    corpus = _small_corpus(tmp_path / "corpus")
    clean = tmp_path / "clean"
    t0 = time.monotonic()
    p = topicmine("refresh", str(corpus), "--json", workdir=clean, timeout=3600)
    assert p.returncode == 0, p.stderr[-2000:]
    clean_seconds = time.monotonic() - t0
    clean_snap = _snapshot(clean)

    workdir = tmp_path / "w"
    db = workdir / "topicmine.sqlite"
    points = [
        ("ingest", lambda: _count(db, "SELECT COUNT(*) FROM sources") >= 2),
        ("embed", lambda: _count(db, "SELECT COUNT(*) FROM embeddings") > 0),
        ("late", None),  # 85% of a clean run's time: topics / dedup / report
    ]
    for label, ready in points:
        proc = _spawn_cli("refresh", str(corpus), "--json", workdir=workdir)
        if ready is None:
            start = time.monotonic()
            ready = lambda: time.monotonic() - start > 0.85 * clean_seconds  # noqa: E731
        _kill_when(proc, ready, timeout=3600)
        assert _snapshot(workdir)["problems"] == [], label
        assert _no_temp_files(workdir) == [], label
        index_dir = workdir / "artifacts" / "index"
        if (index_dir / "manifest.json").is_file():
            VectorIndex.load(index_dir)  # complete, or the previous complete pair
        for f in (workdir / "artifacts").rglob("*.json"):
            json.loads(f.read_text(encoding="utf-8"))  # no half-written JSON artifact
    p = topicmine("refresh", str(corpus), "--json", workdir=workdir, timeout=3600)
    assert p.returncode == 0, p.stderr[-2000:]
    assert _comparable(_snapshot(workdir)) == _comparable(clean_snap)
    idx = VectorIndex.load(workdir / "artifacts" / "index")
    assert idx.ntotal == clean_snap["passages"]
