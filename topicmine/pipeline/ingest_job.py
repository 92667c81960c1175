"""Ingest: files and folders into the store — new, changed and unchanged files told apart by content hash.

Part of the pipeline package (it wires the ``ingest`` readers, the segmenter and the store). One corrupt file
never stops a batch; ``--strict`` turns any failure into :class:`IngestFailed` (exit code 3).

    >>> s = ingest(ws, ["corpus/sample/提案"], doc_type="提案")   # doctest: +SKIP
    >>> s.new, s.failed                                           # doctest: +SKIP
    (14, 0)
"""

from __future__ import annotations

import hashlib
import itertools
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Sequence

from topicmine.errors import DiskError, InputError, ReaderError, TopicmineError
from topicmine.pipeline.workspace import Workspace
from topicmine.progress import progress
from topicmine.records import DocType, Document, IngestIssue

if TYPE_CHECKING:
    from topicmine.store import Store

logger = logging.getLogger("topicmine")


@dataclass
class IngestSummary:
    """What one ingest saw and did; ``issues`` name every file that failed and why."""

    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    deleted: int = 0
    documents_added: int = 0
    documents_removed: int = 0
    duplicates: list[dict[str, str]] = field(default_factory=list)
    issues: list[dict[str, str | None]] = field(default_factory=list)
    new_doc_ids: list[str] = field(default_factory=list)
    #: reports stored twice, datelines that disagree with the stored year (pipeline.input_checks)
    input_checks: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0
    run_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def file_hash(path: Path, chunk: int = 1 << 20) -> str:
    """sha256 of a file's bytes, streamed (so change detection never loads a big file)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def _source_key(path: Path) -> str:
    return str(path.resolve())


def ingest(
    ws: Workspace,
    paths: Sequence[Path | str],
    *,
    doc_type: str | None = None,
    region: str | None = None,
    strict: bool = False,
    delete_missing: bool = False,
    show_progress: bool | None = None,
) -> IngestSummary:
    """Read files/folders into the store: new, changed and unchanged files detected by content hash.

    One corrupt file never stops the batch: it is reported in ``issues`` (and the
    store's ingest log) with its name and the reason. With ``delete_missing`` the
    documents of files that vanished from the given folders are removed (refresh).

    >>> s = ingest(ws, ["corpus/sample/提案"], doc_type="提案")   # doctest: +SKIP
    >>> s.new, s.failed                                           # doctest: +SKIP
    (14, 0)
    """
    from topicmine.ingest import IngestRules, iter_documents, iter_files

    t0 = time.perf_counter()
    settings = ws.settings
    limits = settings.ingest
    dt = DocType.from_any(doc_type) if doc_type else None
    rules_path = settings.resolve(limits.rules_file)
    rules = IngestRules.load(rules_path, root=settings.home_dir) if rules_path.is_file() else None
    store = ws.store
    summary = IngestSummary()
    roots = [Path(p) for p in paths]
    for r in roots:
        if not r.exists():
            raise InputError(f"{r}: no such file or folder; check the path (relative to {Path.cwd()})")

    with store.writer_lock():
        run_id = store.begin_run("ingest")
        summary.run_id = run_id
        seen_sources: set[str] = set()
        committed: list[str] = []  # for a disk-full message that says what this run kept and what not
        items: list[Path | IngestIssue] = []
        pos = 0
        try:
            items = list(iter_files(roots, limits))
            for pos, item in enumerate(progress(items, desc="ingest", unit="file", show=show_progress)):  # noqa: B007 (pos: read by the disk-full handler)
                if isinstance(item, IngestIssue):
                    _record_issue(store, run_id, summary, item)
                    continue
                path = item
                summary.seen += 1
                misnamed = _undecodable_name(path)
                if misnamed is not None:  # SQLite, the log and --json cannot hold such a name: named, skipped
                    _record_issue(store, run_id, summary, misnamed)
                    continue
                source = _source_key(path)
                seen_sources.add(source)
                try:
                    fhash = file_hash(path)
                except OSError as exc:
                    _record_issue(store, run_id, summary, IngestIssue(str(path), f"cannot read: {exc}"))
                    continue
                previous = store.source_hash(source)
                if previous == fhash:
                    summary.unchanged += 1
                    continue
                rule = rules.rule_for(path) if rules is not None else None
                # streamed: each document is segmented and stored as its row is read, in one transaction per
                # file, so a 10⁶-row table costs no more memory than a 10-row one
                issues: list[IngestIssue] = []
                stream = _documents_only(iter_documents(
                    path, limits, doc_type=dt, region=region, rule=rule, root=_root_of(path, roots)
                ), issues)
                try:
                    first = next(stream, None)
                    if first is None:  # nothing to store: the file's issues (if any) say why
                        _record_issues(store, run_id, summary, issues)
                        summary.failed += bool(issues)
                        continue
                    segmented = (ws.segmenter.segment(d) for d in itertools.chain((first,), stream))
                    change = store.replace_source(source, fhash, segmented, size=path.stat().st_size)
                except ReaderError as exc:  # the file turned out unusable midway: nothing of it was kept
                    _record_issue(store, run_id, summary, IngestIssue(exc.source, exc.reason, exc.locator))
                    continue
                except TopicmineError:
                    raise  # the store or the disk (DiskError, StoreError), not this file: the run stops and says so
                except Exception as exc:  # noqa: BLE001 - a value no reader refused (an 80,000-bit int in the metadata,
                    # a lone surrogate) failing in segmenting or the store: this file is skipped by name, the batch goes on
                    what = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160] if str(exc) else ''}"
                    _record_issue(store, run_id, summary, IngestIssue(str(path), (
                        f"写入时出错，文件已跳过（{what}）；文件中可能有异常的元数据或字符，请检查后另存再试")))
                    continue
                finally:
                    stream.close()
                _record_issues(store, run_id, summary, issues)
                committed.append(str(path))
                if previous is None:
                    summary.new += 1
                else:
                    summary.changed += 1
                summary.documents_added += len(change.new_docs)
                summary.documents_removed += len(change.removed_docs)
                summary.new_doc_ids.extend(change.new_docs)
                for doc_id, other in change.duplicates:
                    summary.duplicates.append({"doc_id": doc_id, "source": source, "same_as": other})
            if delete_missing:
                summary.deleted, removed = _delete_missing(store, roots, seen_sources)
                summary.documents_removed += removed
            if summary.documents_added or summary.documents_removed:
                # checked when documents arrive: a copy is only visible beside what it copies
                from topicmine.pipeline.input_checks import check_inputs

                summary.input_checks = check_inputs(ws, summary.new_doc_ids)
            summary.seconds = round(time.perf_counter() - t0, 3)
            store.finish_run(run_id, "ok", _summary_for_log(summary))
        except BaseException as exc:
            try:
                store.finish_run(run_id, "failed", {"error": str(exc)[:500]})
            except DiskError:
                pass  # a full disk cannot record the failure either; the error being raised says what happened
            if isinstance(exc, DiskError):
                from topicmine.diskerrors import partial_run_error

                pending = [str(p) for p in items[pos:] if not isinstance(p, IngestIssue)]
                raise partial_run_error(exc, committed, pending) from exc
            raise
    if strict and (summary.failed or summary.issues):
        raise IngestFailed(summary)
    return summary


class IngestFailed(TopicmineError):
    """Raised with ``--strict`` when any file failed; carries the summary."""

    exit_code = 3

    def __init__(self, summary: IngestSummary) -> None:
        self.summary = summary
        lines = "; ".join(f"{i['source']}: {i['reason']}" for i in summary.issues[:5])
        super().__init__(f"{len(summary.issues)} file(s) could not be ingested (--strict): {lines}")


def _documents_only(items: Iterator[Document | IngestIssue], issues: list[IngestIssue]) -> Iterator[Document]:
    """The documents of a stream; its issues go to ``issues`` (a few per file, recorded once the file is stored)."""
    try:
        for item in items:
            if isinstance(item, IngestIssue):
                issues.append(item)
            else:
                yield item
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()


def _root_of(path: Path, roots: list[Path]) -> Path | None:
    rp = path.resolve()
    for r in roots:
        rr = r.resolve()
        if rr.is_dir() and (rp == rr or rr in rp.parents):
            return rr
    return None


def _undecodable_name(path: Path) -> IngestIssue | None:
    """An issue for a path that is not valid UTF-8 (names from ``unzip`` of a zip made on a Chinese Windows PC
    are GBK bytes; Python holds them as lone surrogates, which SQLite refuses), else None.

    >>> import os
    >>> bad = Path(os.fsdecode("提案_gbk名.txt".encode("gbk")))
    >>> print(_undecodable_name(bad).reason.split("；")[0])
    文件名不是 UTF-8 编码（按 GBK 读作：提案_gbk名.txt），未读取
    """
    name = str(path)
    try:
        name.encode("utf-8")
        return None
    except UnicodeEncodeError:  # lone surrogates from undecodable name bytes: the issue below names them
        pass
    raw = os.fsencode(path)
    try:
        guess = f"（按 GBK 读作：{raw.decode('gb18030').rsplit('/', 1)[-1]}）"
    except UnicodeDecodeError:
        guess = ""
    shown = raw.decode("utf-8", "backslashreplace")
    return IngestIssue(shown, f"文件名不是 UTF-8 编码{guess}，未读取；请把文件改名（常见于 Windows 压缩包解压后），"
                              "或解压时指定编码，例如 unzip -O GBK")


def _record_issues(store: Store, run_id: int, summary: IngestSummary, issues: list[IngestIssue]) -> None:
    """A file's row issues, in one transaction (at most ``MAX_ROW_ISSUES`` + 1 of them: ingest caps them)."""
    if not issues:
        return
    store.log_issues(run_id, issues)
    for issue in issues:
        summary.issues.append({"source": issue.source, "locator": issue.locator, "reason": issue.reason})
        logger.warning("%s", issue)


def _record_issue(store: Store, run_id: int, summary: IngestSummary, issue: IngestIssue, count_failed: bool = True) -> None:
    store.log_issue(run_id, issue)
    summary.issues.append({"source": issue.source, "locator": issue.locator, "reason": issue.reason})
    if count_failed:
        summary.failed += 1
    logger.warning("%s", issue)


def _delete_missing(store: Store, roots: list[Path], seen: set[str]) -> tuple[int, int]:
    """Remove sources under the given folders that no longer exist on disk."""
    dirs = [str(r.resolve()) for r in roots if r.is_dir()]
    deleted = removed = 0
    for source in list(store.sources()):
        if source in seen or not any(source.startswith(d.rstrip("/") + "/") for d in dirs):
            continue
        if Path(source).exists():
            continue  # present but skipped (hidden, refused): not a deletion
        removed += len(store.remove_source(source))
        deleted += 1
    return deleted, removed


def _summary_for_log(s: IngestSummary) -> dict[str, Any]:
    d = s.to_dict()
    d["issues"] = d["issues"][:200]
    d["new_doc_ids"] = len(d["new_doc_ids"])
    return d
