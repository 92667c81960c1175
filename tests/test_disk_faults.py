"""Faults after the first: a disk that stays full, a full disk midway through a run, a read-only workdir.

Real small file systems (a tmpfs mounted by the test; skipped without root) for the CLI as a user runs
it and for the service under uvicorn on 127.0.0.1. Every case must end with a Chinese message naming
the path and what to do, exit code 74 (``DiskError``), the ``--json`` error object on the last stdout
line, and no traceback. A full disk midway through ``ingest`` must say exactly which files were
committed (and kept) and which were not — and the store must agree with it.
"""

from __future__ import annotations

import errno
import json
import re
import sqlite3
import subprocess
from pathlib import Path

import httpx
import pytest

from live_service import SAMPLE, topicmine
from service_server import start_server


@pytest.fixture
def mount_tmpfs(tmp_path: Path):
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        mnt = tmp_path / f"mnt{len(mounted)}"
        mnt.mkdir()
        p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)], capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN): {p.stderr.strip()}")
        mounted.append(mnt)
        return mnt

    yield mount
    for m in mounted:
        subprocess.run(["umount", "-l", str(m)], capture_output=True)


def _remount(mnt: Path, opts: str) -> None:
    import time

    # a read-only remount is refused while a file on it is still open for writing; the command before has exited, but
    # on a loaded machine the kernel may not have released its files yet ("mount point is busy", seen once in a full
    # run under load): wait for that, then fail with mount's own message
    for _ in range(20):
        p = subprocess.run(["mount", "-o", f"remount,{opts}", str(mnt)], capture_output=True, text=True)
        if p.returncode == 0 or "busy" not in p.stderr:
            break
        time.sleep(0.5)
    assert p.returncode == 0, p.stderr


def _fill(mnt: Path) -> None:
    """Fill the file system to the last byte (unbuffered writes of shrinking size)."""
    import os

    fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        size = 1 << 16
        while size:
            try:
                os.write(fd, b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                size //= 2
    finally:
        os.close(fd)


def _assert_disk_error(p: subprocess.CompletedProcess[str], kind_zh: str, path: Path) -> dict:
    assert p.returncode == 74, (p.returncode, p.stderr[-3000:])
    assert "Traceback" not in p.stderr and "a bug" not in p.stderr, p.stderr[-3000:]
    assert "Logging error" not in p.stderr, p.stderr[-3000:]
    assert kind_zh in p.stderr and str(path) in p.stderr, p.stderr[-3000:]
    err = json.loads(p.stdout.strip().splitlines()[-1])["error"]
    assert err["type"] == "DiskError" and err["exit_code"] == 74 and kind_zh in err["message"]
    return err


def _sources(db: Path) -> set[str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {Path(r[0]).name for r in con.execute("SELECT source FROM sources")}
    finally:
        con.close()


def test_full_disk_midway_names_what_was_committed_and_a_rerun_on_a_full_disk_is_clear(mount_tmpfs) -> None:
    mnt = mount_tmpfs("1m")
    workdir = mnt / "w"
    p = topicmine("ingest", str(SAMPLE), "--json", workdir=workdir)
    err = _assert_disk_error(p, "磁盘已满", workdir / "topicmine.sqlite")
    msg = err["message"]
    assert "store is unchanged" not in msg and "之前已提交的内容保留" in msg
    m = re.search(r"本次运行已提交 (\d+) 个文件", msg)
    assert m, msg
    committed = int(m.group(1))
    in_store = _sources(workdir / "topicmine.sqlite")
    assert committed == len(in_store) >= 1  # the message and the store agree
    kept, rest = msg.split("保留在库中", 1)
    assert sum(name in kept for name in in_store) == min(5, committed), (msg, in_store)
    assert not any(name in rest for name in in_store), (msg, in_store)  # nothing committed is listed as lost
    pending = re.search(r"未写入 (\d+) 个文件", rest)
    all_files = [f for f in SAMPLE.rglob("*") if f.is_file() and not f.name.startswith(".")]
    assert pending and committed + int(pending.group(1)) <= len(all_files)

    # the rerun with the disk still full: the same clear error, nothing half-done
    _fill(mnt)
    again = topicmine("ingest", str(SAMPLE), "--json", workdir=workdir)
    _assert_disk_error(again, "磁盘已满", workdir)
    ref = topicmine("refresh", str(SAMPLE / "提案"), "--json", workdir=workdir)
    _assert_disk_error(ref, "磁盘已满", workdir)
    assert _sources(workdir / "topicmine.sqlite") == in_store

    # space freed: the rerun completes
    (mnt / "filler").unlink()
    _remount(mnt, "size=64m")
    done = topicmine("ingest", str(SAMPLE), "--json", workdir=workdir)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1])["unchanged"] == committed


def test_read_only_workdir_gives_a_clear_message_for_every_writing_command(mount_tmpfs) -> None:
    mnt = mount_tmpfs("16m")
    workdir = mnt / "w"
    assert topicmine("ingest", str(SAMPLE / "提案"), "--json", workdir=workdir).returncode == 0
    _remount(mnt, "ro")
    for args in (("ingest", str(SAMPLE / "建议案")), ("refresh", str(SAMPLE / "建议案")), ("dedup",), ("topics",),
                 ("embed",), ("topics", "--out", str(mnt / "out")), ("dedup", "--out", str(mnt / "out"))):
        p = topicmine(*args, "--json", workdir=workdir, timeout=300)
        err = _assert_disk_error(p, "只读", mnt)
        assert "--workdir" in err["message"], args  # says what to do
    report = SAMPLE / "调研报告" / "2024" / "关于新就业形态劳动者权益保障情况的调研报告.md"
    p = topicmine("split", str(report), "--out", str(mnt / "drafts"), "--json", workdir=workdir.parent.parent / "w2")
    _assert_disk_error(p, "只读", mnt / "drafts")


def test_the_index_save_on_a_full_disk_is_a_disk_error(mount_tmpfs) -> None:
    import numpy as np

    from topicmine.diskerrors import as_disk_error
    from topicmine.index import VectorIndex

    mnt = mount_tmpfs("256k")
    idx = VectorIndex(64)
    idx.add(np.arange(4000), np.random.default_rng(0).standard_normal((4000, 64)).astype("float32"))
    with pytest.raises((OSError, RuntimeError)) as ei:
        idx.save(mnt / "index", {"generation": 1})
    disk = as_disk_error(ei.value)
    assert disk is not None and disk.kind == "full" and str(mnt / "index") in str(disk), ei.value
    assert not [p for p in (mnt / "index").iterdir() if p.name.endswith(".tmp")]


def test_refresh_cli_turns_a_disk_failure_in_any_stage_into_exit_74(tmp_path: Path, monkeypatch) -> None:
    """The stages after ingest (index save, reports) fail with OSError or faiss's RuntimeError."""
    from typer.testing import CliRunner

    import topicmine.pipeline.refresh as rp
    from topicmine.cli import app

    target = tmp_path / "w" / "index" / ".index.faiss.x.tmp"
    target.parent.mkdir(parents=True)
    faiss_msg = (f"Error in void faiss::write_index(const Index*, IOWriter*, int): Error: 'ret == (size * 4)' "
                 f"failed: write error in {target}: 4051 != 3072000 (No space left on device)")
    for exc in (OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "w" / "reports" / "morning.html")),
                RuntimeError(faiss_msg)):
        def boom(*a, _exc=exc, **k):
            raise _exc

        monkeypatch.setattr(rp, "refresh", boom)
        argv = ["refresh", str(SAMPLE / "提案"), "--workdir", str(tmp_path / "w"), "--json"]
        monkeypatch.setattr("sys.argv", ["topicmine", *argv])  # the --json error object follows the real argv
        res = CliRunner().invoke(app, argv)
        assert res.exit_code == 74, (res.output, res.exception)
        last = json.loads(res.stdout.strip().splitlines()[-1])["error"]
        assert last["type"] == "DiskError" and "磁盘已满" in last["message"] and "下次运行" in last["message"]


def test_service_answers_507_and_503_with_a_chinese_json_message(mount_tmpfs, tmp_path: Path) -> None:
    mnt = mount_tmpfs("16m")
    workdir = mnt / "w"
    assert topicmine("ingest", str(SAMPLE / "提案"), "--json", workdir=workdir).returncode == 0
    srv = start_server(workdir, log=tmp_path / "server.log")
    try:
        files = {"file": ("报告.md", "# 关于托育的调研报告\n\n一、基本情况\n\n托育机构不足。\n".encode())}
        _fill(mnt)
        r = httpx.post(srv.url + "/api/v1/split", files=files, timeout=60)
        assert r.status_code == 507, (r.status_code, r.text)
        assert r.json()["error"]["type"] == "DiskError" and "磁盘已满" in r.json()["error"]["message"]
        assert r.headers.get("retry-after")
        (mnt / "filler").unlink()
    finally:
        srv.stop()
    _remount(mnt, "ro")  # a workdir that is read-only when the service starts (an open writer blocks a remount)
    srv = start_server(workdir, log=tmp_path / "server-ro.log")
    try:
        r = httpx.post(srv.url + "/api/v1/split", files=files, timeout=60)
        assert r.status_code == 503, (r.status_code, r.text)
        body = r.json()["error"]
        assert body["type"] == "DiskError" and "只读" in body["message"] and r.headers.get("retry-after")
        assert "Traceback" not in srv.log_tail()
        assert httpx.get(srv.url + "/health", timeout=10).status_code == 200  # reads still work
    finally:
        srv.stop()
