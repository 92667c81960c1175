"""Per-file memory cap and isolation: the parsers that cannot be bounded (xlsx/docx/pdf/html) read in a capped
worker process; a file over the cap or the time limit is one named per-file issue and the batch goes on."""

from __future__ import annotations

import os
import time
from pathlib import Path


import hostile_fixtures as H
import hostile_new as N
from topicmine.config import IngestSettings
from topicmine.ingest import read_documents
from topicmine.ingest import isolate


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def test_isolated_and_inline_reads_give_the_same_documents(tmp_path: Path) -> None:
    files = [H.good_docx(tmp_path / "报告.docx"), N.xlsx_many_sheets(tmp_path / "多表.xlsx", n=5),
             H.deep_html(tmp_path / "页.html", 50), N.utf16_without_bom(tmp_path / "u16.txt")]
    for f in files:
        inline = read_documents(f, IngestSettings(isolate="off"))
        isolated = read_documents(f, IngestSettings(isolate="all"))
        assert [(d.id, d.title, d.sources) for d in inline[0]] == [(d.id, d.title, d.sources) for d in isolated[0]], f
        assert [i.reason for i in inline[1]] == [i.reason for i in isolated[1]], f
        assert inline[0], f


def test_a_file_over_the_memory_cap_is_a_named_issue_and_the_next_file_reads(tmp_path: Path) -> None:
    bomb = N.xlsx_shared_strings_bomb(tmp_path / "共享字符串.xlsx", scale=0.5)  # 1.2M strings: ~100+ MB of objects
    capped = IngestSettings(max_memory_mb_per_file=64)
    before = _rss_mb()
    docs, issues = read_documents(bomb, capped)
    assert docs == [] and len(issues) == 1
    assert issues[0].source == str(bomb) and "内存上限 64 MB" in issues[0].reason, issues[0].reason
    assert _rss_mb() - before < 64  # the strings were built in the worker, not here
    good = H.good_docx(tmp_path / "报告.docx")
    docs, issues = read_documents(good, capped)  # a fresh worker reads the next file
    assert docs and not issues
    # with room, the same workbook reads (the cap is what refused it)
    docs, issues = read_documents(bomb, IngestSettings(max_memory_mb_per_file=2048))
    assert [d.title for d in docs] == ["关于加强养老服务的提案"], issues


def test_a_parser_stuck_past_the_time_limit_is_killed_and_named(tmp_path: Path, monkeypatch) -> None:
    """A worker that never answers (as a parser stuck in C would) is killed at the limit; the next file reads."""
    from topicmine.ingest import readers

    real = readers.iter_file
    slow = tmp_path / "卡住.docx"
    H.good_docx(slow)

    def stuck(path, *a, **k):
        if Path(path).name == "卡住.docx":
            time.sleep(3600)
        return real(path, *a, **k)

    monkeypatch.setattr(readers, "iter_file", stuck)  # inherited by the worker forked next
    if isolate._WORKER is not None:
        isolate._WORKER.close()
        isolate._WORKER = None
    lim = IngestSettings(max_seconds_per_file=1)
    t = time.monotonic()
    docs, issues = read_documents(slow, lim)
    assert docs == [] and "读取超时" in issues[0].reason and issues[0].source == str(slow)
    assert time.monotonic() - t < 60  # killed, not waited out (an hour)
    monkeypatch.setattr(readers, "iter_file", real)
    isolate._WORKER = None
    docs, issues = read_documents(H.good_docx(tmp_path / "好.docx"), lim)
    assert docs and not issues


def test_isolation_is_off_for_plain_text_by_default_and_can_be_switched_off() -> None:
    assert isolate.wants_isolation("a.xlsx", IngestSettings())
    assert isolate.wants_isolation("a.PDF", IngestSettings())
    assert not isolate.wants_isolation("a.md", IngestSettings())
    assert isolate.wants_isolation("a.md", IngestSettings(isolate="all"))
    assert not isolate.wants_isolation("a.docx", IngestSettings(isolate="off"))
    assert os.getpid()  # the worker's own calls never isolate again (no fork bomb)


def test_concurrent_reads_never_run_more_than_max_workers(tmp_path: Path, monkeypatch) -> None:
    """Probe P13: three uploads at once forked three capped workers (3 GB each). At most MAX_WORKERS live at once;
    the others wait for a slot (bounded by the time budget) and every read completes."""
    import threading

    from topicmine.ingest import readers

    real = readers.iter_file

    def slow(path, *a, **k):
        time.sleep(1.5)  # in the worker: keeps each slot busy long enough for the reads to overlap
        return real(path, *a, **k)

    monkeypatch.setattr(readers, "iter_file", slow)  # inherited by the workers forked next
    if isolate._WORKER is not None:
        isolate._WORKER.close()
        isolate._WORKER = None
    alive = [0]
    peak = [0]
    lock = threading.Lock()
    real_init, real_close = isolate._Worker.__init__, isolate._Worker.close

    def init(self, extra):
        real_init(self, extra)
        with lock:
            alive[0] += 1
            peak[0] = max(peak[0], alive[0])

    def close(self, kill=False):
        was = self.pid is not None
        real_close(self, kill)
        if was:
            with lock:
                alive[0] -= 1

    monkeypatch.setattr(isolate._Worker, "__init__", init)
    monkeypatch.setattr(isolate._Worker, "close", close)
    files = [H.good_docx(tmp_path / f"报告{i}.docx") for i in range(4)]
    results: list = [None] * 4

    def read(i: int) -> None:
        results[i] = read_documents(files[i], IngestSettings())

    threads = [threading.Thread(target=read, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert all(r is not None and r[0] and not r[1] for r in results), results
    assert peak[0] <= isolate.MAX_WORKERS == 2, peak[0]
    if isolate._WORKER is not None:
        isolate._WORKER.close()
        isolate._WORKER = None


def test_a_forked_worker_holds_no_descriptor_of_the_caller(tmp_path: Path) -> None:
    """Probe P13 (the hang): a worker forked inside the service inherited the server's client sockets, so an
    answered connection never closed and every concurrent uploader waited until its own timeout; it also held
    other workers' pipe ends. A worker keeps only 0–2 and its own two pipe ends."""
    import socket

    if isolate._WORKER is not None:
        isolate._WORKER.close()
        isolate._WORKER = None
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    held = open(tmp_path / "held.txt", "w")  # noqa: SIM115 - kept open across the fork on purpose
    try:
        src = H.good_docx(tmp_path / "报告.docx")
        docs, issues = read_documents(src, IngestSettings(isolate="all"))
        assert docs and not issues
        worker = isolate._WORKER
        assert worker is not None and worker.pid is not None  # the idle worker, kept for the next file
        fds = {int(f) for f in os.listdir(f"/proc/{worker.pid}/fd")}
        assert listener.fileno() not in fds and held.fileno() not in fds
        assert len(fds - {0, 1, 2}) == 2, sorted(fds)  # its request and answer pipe ends only
        # released, it exits at once (end-of-file on its request pipe), so closing never blocks
        t0 = time.monotonic()
        worker.close()
        isolate._WORKER = None
        assert time.monotonic() - t0 < isolate.CLOSE_WAIT_S
        assert os.WIFEXITED(worker.status)
    finally:
        listener.close()
        held.close()
