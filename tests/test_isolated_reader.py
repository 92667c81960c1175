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
