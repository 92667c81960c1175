"""Ingest: source files → normalised, classified ``Document`` records.

Stages inside ingest (each usable alone):

- ``scan.iter_files(paths, limits)`` — which files (sorted; issues for bad paths/symlinks);
- ``readers.read_file(path, limits, columns)`` — bytes → ``RawDocument`` (+ per-row issues);
- ``normalize.normalize_text(text)`` — the canonical text that is hashed;
- ``classify.to_document(raw, doc_type=, region=, year=, root=)`` — id, type, title, date, region;
- ``rules.IngestRules.load("corpus/ingest.toml")`` — per-source type/region/columns/encoding.

``read_documents`` chains read → normalise → classify for one file; the pipeline calls
it per file, then segments and stores. Importing this package loads no parser library.

>>> from topicmine.config import IngestSettings
>>> docs, issues = read_documents("政府工作报告-省自治区/浙江省/2023.md", IngestSettings())  # doctest: +SKIP
>>> docs[0].doc_type.value, docs[0].region, docs[0].year  # doctest: +SKIP
('gov_report', '浙江省', 2023)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from topicmine.errors import ReaderError
from topicmine.records import DocType, Document, IngestIssue

from .classify import parse_date, region_from_path, region_from_title, to_document
from .normalize import normalize_line, normalize_text
from .readers import SUPPORTED_SUFFIXES, ReadResult, read_file, reader_failure
from .rules import IngestRules, SourceRule
from .scan import iter_files

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = [
    "IngestRules",
    "ReadResult",
    "SourceRule",
    "SUPPORTED_SUFFIXES",
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


def read_documents(
    path: str | Path,
    limits: IngestSettings,
    *,
    doc_type: DocType | str | None = None,
    region: str | None = None,
    rule: SourceRule | None = None,
    root: Path | None = None,
) -> tuple[list[Document], list[IngestIssue]]:
    """Read, normalise and classify one file; never raises for bad input.

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
    p = Path(path)
    if rule is not None and rule.skip:
        return [], []
    from .isolate import read_file_isolated, wants_isolation

    # a parser library that cannot be bounded runs in a capped worker process; normalising and classifying
    # (bounded, and with warm caches here) stay in this one
    reader = read_file_isolated if wants_isolation(p, limits) else read_file
    try:
        result = reader(
            p,
            limits,
            rule.columns if rule else None,
            encoding=rule.encoding if rule else None,
        )
    except ReaderError as exc:
        return [], [IngestIssue(exc.source, exc.reason, exc.locator)]
    except Exception as exc:  # noqa: BLE001 - any reader bug or library error on one file must not stop the batch
        return [], [IngestIssue(str(p), reader_failure(exc))]
    issues = list(result.issues)
    dt = doc_type if doc_type is not None else (rule.doc_type if rule else None)
    reg = region if region is not None else (rule.region if rule else None)
    year = rule.year if rule else None
    by_id: dict[str, Document] = {}
    for raw in result.docs:
        if len(raw.text) > limits.max_chars_per_document:
            # refused before normalising: segmenting and indexing one 15-million-character text took 1.2 GB
            issues.append(IngestIssue(raw.source, (
                f"正文过长（{len(raw.text):,} 字，上限 {limits.max_chars_per_document:,} 字），未读入："
                "可能不是单篇文档（整本汇编或导出错误）。请拆分文件，或调高 ingest 设置 max_chars_per_document"),
                raw.locator))
            continue
        try:
            doc = to_document(raw, doc_type=dt, region=reg, year=year, root=root)
        except ValueError as exc:  # e.g. an unknown --type value
            issues.append(IngestIssue(raw.source, str(exc), raw.locator))
            continue
        except Exception as exc:  # noqa: BLE001 - odd metadata in one row must not stop the file
            issues.append(IngestIssue(raw.source, reader_failure(exc), raw.locator))
            continue
        if not doc.text.strip():
            why = "规范化后没有正文（只有空白或网页导航等）" if raw.text.strip() else "没有正文"
            issues.append(IngestIssue(raw.source, why, raw.locator))
            continue
        prev = by_id.get(doc.id)
        if prev is not None:
            prev.sources.extend(s for s in doc.sources if s not in prev.sources)
            continue
        by_id[doc.id] = doc
    # a message row with its reply (附件4) gives the reply as its own 答复 document, linked by the shared row
    from .rowreply import row_reply_document

    for doc in list(by_id.values()):
        rep = row_reply_document(doc)
        if rep is not None and rep.id not in by_id:
            by_id[rep.id] = rep
    return list(by_id.values()), issues
