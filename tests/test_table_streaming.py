"""Table rows are streamed, not held: from the reader (csv/jsonl/xlsx, inline or in the capped worker) through
normalising to the store, what a table costs in memory does not grow with its number of rows.

Measured with tracemalloc as the growth of Python memory *after the first row came out* (the decoded text of a
.csv/.jsonl file, bounded by ``max_file_mb``, is held from the start and is not what these tests are about), so
the figures do not depend on machine load; no time is asserted. Each test also measures the list-collecting
path on the same file and checks it exceeds the bound, so the measure can tell the two apart."""

from __future__ import annotations

import csv
import inspect
import json
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.ingest import iter_documents, read_documents
from topicmine.ingest.isolate import iter_file_isolated, read_file_isolated
from topicmine.ingest.tables import iter_table, read_table

MB = 2**20
#: what consuming every row may add after the first row came out (the store's per-row bookkeeping excluded)
GROWTH_BOUND = 2 * MB


def _csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["案由", "提案内容"])
        for i in range(n):
            w.writerow([f"关于{i}", f"建议第{i}号社区养老。"])
    return path


def _jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"title": f"关于{i}", "content": f"建议第{i}号社区养老。"}, ensure_ascii=False) + "\n")
    return path


def _xlsx(path: Path, n: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("提案")
    ws.append(["案由", "提案内容"])
    for i in range(n):
        ws.append([f"关于{i}", f"建议第{i}号社区养老。"])
    wb.save(path)
    return path


def _growth_while_consuming(stream: Iterator[object]) -> tuple[int, int]:
    """(items, bytes of Python memory the rest of the stream added at its peak over the moment the first item
    came out); each item is dropped once counted, as the store does."""
    tracemalloc.start()
    try:
        first = next(stream)
        del first
        base, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        n = 1
        for _item in stream:
            n += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return n, peak - base


def _growth_of_list(collect: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        base, _ = tracemalloc.get_traced_memory()
        kept = collect()
        now, _ = tracemalloc.get_traced_memory()
        del kept
    finally:
        tracemalloc.stop()
    return now - base


LIMITS = IngestSettings(max_rows=1_000_000, isolate="off")


def _text_table_streams(tmp_path: Path, kind: str, build, n: int) -> None:
    path = build(tmp_path / f"{n}行.{kind}", n)
    stream = iter_table(path, LIMITS, kind)
    assert inspect.isgenerator(stream)
    got, growth = _growth_while_consuming(stream)
    assert got == n
    assert growth < GROWTH_BOUND, f"{kind}: {growth / MB:.1f} MB added while streaming {n:,} rows"
    # the same rows collected as lists: the measure tells the two apart (~0.7 KB a row)
    held = _growth_of_list(lambda: read_table(path, LIMITS, kind))
    assert held > 4 * GROWTH_BOUND * n / 20_000, held / MB


@pytest.mark.parametrize("kind,build", [("csv", _csv), ("jsonl", _jsonl)])
def test_text_tables_stream_rows_in_flat_memory(tmp_path: Path, kind: str, build) -> None:
    _text_table_streams(tmp_path, kind, build, 20_000)


@pytest.mark.slow
@pytest.mark.parametrize("kind,build", [("csv", _csv), ("jsonl", _jsonl)])
def test_text_tables_stream_200k_rows_in_flat_memory(tmp_path: Path, kind: str, build) -> None:
    """The same at 2×10⁵ rows (minutes under tracemalloc on a loaded machine): still under the 2 MB bound."""
    _text_table_streams(tmp_path, kind, build, 200_000)


def test_xlsx_rows_stream_in_flat_memory_inline_and_from_the_worker(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "八千行.xlsx", 8_000)
    n, growth = _growth_while_consuming(iter_table(path, LIMITS, "xlsx"))
    assert n == 8_000 and growth < GROWTH_BOUND, growth / MB
    # through the capped worker: documents arrive in JSON frames as the worker reads them
    isolated = IngestSettings(max_rows=1_000_000, isolate="all")
    stream = iter_file_isolated(path, isolated)
    assert inspect.isgenerator(stream)
    n, growth = _growth_while_consuming(stream)
    assert n == 8_000 and growth < GROWTH_BOUND, growth / MB
    held = _growth_of_list(lambda: read_file_isolated(path, isolated))
    assert held > 2 * GROWTH_BOUND, held / MB


def test_documents_stream_from_reader_to_store_per_file(tmp_path: Path) -> None:
    """iter_documents (read → normalise → classify) streams too; read_documents gives the same documents."""
    path = _csv(tmp_path / "一万行.csv", 10_000)
    stream = iter_documents(path, LIMITS)
    assert inspect.isgenerator(stream)
    n, growth = _growth_while_consuming(stream)
    assert n == 10_000 and growth < GROWTH_BOUND / 2, growth / MB
    held = _growth_of_list(lambda: read_documents(path, LIMITS))
    assert held > 4 * GROWTH_BOUND, held / MB


def test_ingest_stores_rows_as_they_are_read(tmp_path: Path) -> None:
    """The whole ``ingest`` of a 3,000-row table, up to the store's commit: Python memory grows by the store's
    per-row bookkeeping only (ids for the summary), not by the documents, and every row is stored. (The input
    checks that run after the commit read the stored passages back; they are another stage's cost.)"""
    from topicmine.pipeline.ingest_job import ingest
    from topicmine.pipeline.workspace import Workspace

    (tmp_path / "corpus").mkdir()
    path = _csv(tmp_path / "corpus" / "三千行.csv", 3_000)
    ws = Workspace.from_settings(workdir=tmp_path / "wd", ingest=IngestSettings(isolate="off"))
    seg, store = ws.segmenter, ws.store  # jieba, the dictionaries and the store loaded before measuring
    marks: dict[str, int] = {}
    real_segment, real_replace = type(seg).segment, type(store).replace_source

    def segment(self, doc):  # the memory when the 100th row reaches the segmenter
        marks["calls"] = marks.get("calls", 0) + 1
        if marks["calls"] == 100:
            marks["base"] = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
        return real_segment(self, doc)

    def replace_source(self, *a, **k):  # the peak up to the commit of the file's transaction
        out = real_replace(self, *a, **k)
        marks["peak"] = tracemalloc.get_traced_memory()[1]
        return out

    type(seg).segment, type(store).replace_source = segment, replace_source
    try:
        tracemalloc.start()
        summary = ingest(ws, [path], show_progress=False)
    finally:
        tracemalloc.stop()
        type(seg).segment, type(store).replace_source = real_segment, real_replace
    assert summary.documents_added == 3_000 and not summary.issues
    assert ws.store.count_documents() == 3_000
    growth = marks["peak"] - marks["base"]
    # per row: the store's change list and in-file duplicate check (~0.3 KB); the documents themselves with
    # their passages would be ~5 KB a row (15 MB here)
    assert growth < 3_000 * 512, f"{growth / MB:.1f} MB for 3,000 rows"


def test_a_table_that_breaks_midway_keeps_nothing_and_names_the_file(tmp_path: Path, monkeypatch) -> None:
    """Streaming keeps a file atomic: a reader that fails at row 3,000 (after 2,998 rows were stored in the
    open transaction) leaves none of the file's rows, the file is named, and the next file is stored."""
    from topicmine.ingest import tables
    from topicmine.pipeline.ingest_job import ingest
    from topicmine.pipeline.workspace import Workspace

    (tmp_path / "corpus").mkdir()
    bad = _csv(tmp_path / "corpus" / "a坏表.csv", 4_000)
    _csv(tmp_path / "corpus" / "b好表.csv", 10)
    real = tables._row_to_doc

    def breaks(row, mapping, source, locator):
        if source == str(bad) and locator == "row 3000":
            raise IndexError("list index out of range")
        return real(row, mapping, source, locator)

    monkeypatch.setattr(tables, "_row_to_doc", breaks)
    ws = Workspace.from_settings(workdir=tmp_path / "wd", ingest=IngestSettings(isolate="off"))
    summary = ingest(ws, [tmp_path / "corpus"], show_progress=False)
    assert summary.failed == 1 and summary.new == 1 and summary.documents_added == 10, summary.issues[:3]
    assert summary.issues[0]["source"] == str(bad) and "IndexError" in summary.issues[0]["reason"], summary.issues
    assert ws.store.count_documents() == 10
    assert str(bad.resolve()) not in set(ws.store.sources())
