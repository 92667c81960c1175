"""Ingest: source files → normalised, classified ``Document`` records.

Stages inside ingest (each usable alone):

- ``scan.iter_files(paths, limits)`` — which files (sorted; issues for bad paths/symlinks);
- ``readers.read_file(path, limits, columns)`` — bytes → ``RawDocument`` (+ per-row issues);
- ``normalize.normalize_text(text)`` — the canonical text that is hashed;
- ``classify.to_document(raw, doc_type=, region=, year=, root=)`` — id, type, title, date, region;
- ``rules.IngestRules.load("corpus/ingest.toml")`` — per-source type/region/columns/encoding.

``iter_documents`` chains read → normalise → classify for one file, streamed (the pipeline
segments and stores each document as it comes); ``read_documents`` gives the same as lists. Importing this package loads no parser library.

>>> from topicmine.config import IngestSettings
>>> docs, issues = read_documents("政府工作报告-省自治区/浙江省/2023.md", IngestSettings())  # doctest: +SKIP
>>> docs[0].doc_type.value, docs[0].region, docs[0].year  # doctest: +SKIP
('gov_report', '浙江省', 2023)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from topicmine.errors import ReaderError
from topicmine.records import DocType, Document, IngestIssue, RawDocument

from .classify import parse_date, region_from_path, region_from_title, to_document
from .normalize import normalize_line, normalize_text
from .readers import SUPPORTED_SUFFIXES, ReadResult, error_label, iter_file, read_file, reader_failure
from .rules import IngestRules, SourceRule
from .scan import iter_files

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = [
    "IngestRules",
    "ReadResult",
    "SourceRule",
    "SUPPORTED_SUFFIXES",
    "iter_documents",
    "iter_file",
    "iter_files",
    "normalize_line",
    "normalize_text",
    "parse_date",
    "read_documents",
    "read_file",
    "region_from_path",
    "region_from_title",
    "to_document",
]


def iter_documents(
    path: str | Path,
    limits: IngestSettings,
    *,
    doc_type: DocType | str | None = None,
    region: str | None = None,
    rule: SourceRule | None = None,
    root: Path | None = None,
) -> Iterator[Document | IngestIssue]:
    """Read, normalise and classify one file, streamed: each ``Document`` (and each row's issue) is yielded as
    soon as its row is read, so a 10⁶-row table never sits in memory (``topicmine ingest`` stores them as they
    come, in one transaction per file).

    Raises ``ReaderError`` when the whole file is unusable — at the first ``next()`` or midway (a CSV row that
    breaks the format, a worker over its memory cap): then nothing of the file may be kept, as ``read_documents``
    (which never raises) returns ``([], [issue])``. Any other error inside a reader becomes such a
    ``ReaderError`` naming the file. A row whose text repeats an earlier row is yielded again (the store links
    both rows to one document); a message row's in-row reply (附件4) follows its row as its own 答复 document
    (once per reply text: a stock answer shared by many rows is one document).

    >>> from topicmine.config import IngestSettings
    >>> items = iter_documents("附件4_dev.xlsx", IngestSettings(), doc_type="other")  # doctest: +SKIP
    >>> next(items).title  # doctest: +SKIP
    'A市经济技术开发区路灯不亮'
    """
    p = Path(path)
    if rule is not None and rule.skip:
        return
    from .isolate import iter_file_isolated, wants_isolation
    from .rowreply import row_reply_document

    # a parser library that cannot be bounded runs in a capped worker process; normalising and classifying
    # (bounded, and with warm caches here) stay in this one
    reader = iter_file_isolated if wants_isolation(p, limits) else iter_file
    dt = doc_type if doc_type is not None else (rule.doc_type if rule else None)
    reg = region if region is not None else (rule.region if rule else None)
    year = rule.year if rule else None
    replies: set[str] = set()  # a stock answer met before is not a new reply document (empty for most tables)
    items = reader(p, limits, rule.columns if rule else None, encoding=rule.encoding if rule else None)
    # row issues: the first MAX_ROW_ISSUES are named, the rest counted — except a reason not seen yet (the row
    # limit reached, a timeout), of which another MAX_ROW_ISSUES may be named
    named = unnamed = 0
    reasons: set[str] = set()
    try:
        for raw in items:
            issue = raw if isinstance(raw, IngestIssue) else None
            if issue is None:
                doc, issue = _classified(raw, limits, dt, reg, year, root)  # type: ignore[arg-type]
            if issue is not None:
                if issue.locator:
                    new_reason = issue.reason not in reasons and named < 2 * MAX_ROW_ISSUES
                    if named >= MAX_ROW_ISSUES and not new_reason:
                        unnamed += 1
                        continue
                    named += 1
                    if len(reasons) < 2 * MAX_ROW_ISSUES:
                        reasons.add(issue.reason)
                yield issue
                continue
            yield doc
            # a message row with its reply (附件4) gives the reply as its own 答复 document, linked by the row
            rep = row_reply_document(doc)
            if rep is not None and rep.id not in replies and rep.id != doc.id:
                replies.add(rep.id)
                yield rep
        if unnamed:
            yield IngestIssue(str(p), f"另有 {unnamed:,} 行有问题，未逐条列出（只列出前 {MAX_ROW_ISSUES} 行）；"
                                      "文件可能损坏或格式不对，请检查后另存")
    except ReaderError:
        raise
    except Exception as exc:  # noqa: BLE001 - any reader bug or library error on one file must not stop the batch
        raise ReaderError(str(p), reader_failure(exc)) from exc
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()  # a stream left midway (the consumer failed) ends its reader: file handles, the worker


#: row issues named one by one per file; past this they are counted in one issue (a 10 MB file of bad lines
#: made 5·10⁶ issues: gigabytes and one transaction each)
MAX_ROW_ISSUES = 100
_HAS_CJK = re.compile("[\u4e00-\u9fff]")


def _classified(
    raw: RawDocument, limits: IngestSettings, dt: DocType | str | None, reg: str | None, year: int | None,
    root: Path | None,
) -> tuple[Document, None] | tuple[None, IngestIssue]:
    """One raw document → ``(Document, None)``, or ``(None, issue)`` when it cannot be one."""
    if len(raw.text) > limits.max_chars_per_document:
        # refused before normalising: segmenting and indexing one 15-million-character text took 1.2 GB
        return None, IngestIssue(raw.source, (
            f"正文过长（{len(raw.text):,} 字，上限 {limits.max_chars_per_document:,} 字），未读入："
            "可能不是单篇文档（整本汇编或导出错误）。请拆分文件，或调高 ingest 设置 max_chars_per_document"),
            raw.locator)
    try:
        doc = to_document(raw, doc_type=dt, region=reg, year=year, root=root)
    except ValueError as exc:  # e.g. an unknown --type value (its message is Chinese); a library's is wrapped
        why = str(exc) if _HAS_CJK.search(str(exc)) else f"元数据无法使用，已跳过（{error_label(exc)}）"
        return None, IngestIssue(raw.source, why, raw.locator)
    except Exception as exc:  # noqa: BLE001 - odd metadata in one row must not stop the file
        return None, IngestIssue(raw.source, reader_failure(exc), raw.locator)
    if not doc.text.strip():
        why = "规范化后没有正文（只有空白或网页导航等）" if raw.text.strip() else "没有正文"
        return None, IngestIssue(raw.source, why, raw.locator)
    return doc, None


def read_documents(
    path: str | Path,
    limits: IngestSettings,
    *,
    doc_type: DocType | str | None = None,
    region: str | None = None,
    rule: SourceRule | None = None,
    root: Path | None = None,
) -> tuple[list[Document], list[IngestIssue]]:
    """Read, normalise and classify one file into lists; never raises for bad input (``iter_documents`` streams).

    Precedence: ``doc_type``/``region`` arguments (CLI flags) > ``rule`` (from
    ``corpus/ingest.toml``: type, region, year, columns, encoding) > the file's own
    metadata > folder names below ``root`` > inference.

    Returns ``(documents, issues)``. A file that cannot be read gives ``([], [issue])``;
    a table gives one document per row, rows without text give issues. Rows whose
    normalised text is identical collapse into one ``Document`` listing every
    ``path#row N`` in ``sources`` (so ``len(doc.sources) > 1`` marks an exact duplicate).

    >>> from topicmine.config import IngestSettings
    >>> docs, issues = read_documents("jszx2019_dev.csv", IngestSettings(), doc_type="提案", region="江苏省")  # doctest: +SKIP
    >>> len(docs), docs[0].title  # doctest: +SKIP
    (287, '关于完善城市环卫公厕指引系统的建议')
    """
    by_id: dict[str, Document] = {}
    issues: list[IngestIssue] = []
    try:
        for item in iter_documents(path, limits, doc_type=doc_type, region=region, rule=rule, root=root):
            if isinstance(item, IngestIssue):
                issues.append(item)
                continue
            prev = by_id.get(item.id)
            if prev is not None:
                prev.sources.extend(s for s in item.sources if s not in prev.sources)
                continue
            by_id[item.id] = item
    except ReaderError as exc:
        return [], [IngestIssue(exc.source, exc.reason, exc.locator)]
    return list(by_id.values()), issues
