"""``read_file``: one source file → raw documents, dispatched by extension *and* content.

The extension says what the user thinks the file is; the first bytes say what it
is. When they disagree we either read it as what it really is (a PDF saved as
``.txt``) and say so in an issue, or refuse it with a reason the office can act on
(a Word 97 ``.doc`` renamed ``.docx``, a picture named ``.txt``). Every limit in
``IngestSettings`` is checked before the expensive work starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from topicmine.errors import ReaderError
from topicmine.records import IngestIssue, RawDocument

from .encoding import KIND_ZH, decode_bytes, replaced_issue, sniff_kind

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = ["ReadResult", "iter_file", "read_file", "SUPPORTED_SUFFIXES", "reader_kind", "reader_failure", "error_label"]

# extension → reader family
_SUFFIX_KIND: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".csv": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
SUPPORTED_SUFFIXES = frozenset(_SUFFIX_KIND)

# formats people commonly hand over that we cannot read, with what to do instead
_UNSUPPORTED_HINTS: dict[str, str] = {
    ".doc": "旧版 Word 格式，请用 Word/WPS 另存为 .docx",
    ".wps": "WPS 文字格式，请另存为 .docx",
    ".xls": "旧版 Excel 格式，请另存为 .xlsx",
    ".et": "WPS 表格格式，请另存为 .xlsx",
    ".ppt": "演示文稿不作为语料读取",
    ".pptx": "演示文稿不作为语料读取",
    ".rtf": "请另存为 .docx",
    ".ofd": "OFD 版式文件，请导出为 PDF 或 .docx",
    ".wpt": "模板文件不作为语料读取",
}

_MB = 1024 * 1024


@dataclass
class ReadResult:
    """What ``read_file`` returns: the documents and the per-row/per-page issues.

    It behaves like the list of documents (``len``, iteration, indexing), so callers
    that only want documents can treat it as ``list[RawDocument]``; ``issues`` holds
    problems that did not stop the file (an empty row, a row limit reached, a
    misleading extension).

    >>> r = ReadResult([RawDocument("正文", "a.csv", locator="row 2")], [IngestIssue("a.csv", "该行没有正文", "row 3")])
    >>> len(r), r[0].locator, str(r.issues[0])
    (1, 'row 2', 'a.csv (row 3): 该行没有正文')
    """

    docs: list[RawDocument] = field(default_factory=list)
    issues: list[IngestIssue] = field(default_factory=list)

    def __iter__(self) -> Iterator[RawDocument]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, i: int) -> RawDocument:
        return self.docs[i]


def error_label(exc: BaseException) -> str:
    """``"IndexError: list index out of range"`` — the English type and the first line of the message."""
    name = type(exc).__name__
    first = str(exc).splitlines()[0][:200] if str(exc).strip() else ""
    return f"{name}: {first}" if first else name


def reader_failure(exc: BaseException) -> str:
    """The per-file reason for an unexpected error inside a reader: what happened, in Chinese, with the English type.

    >>> reader_failure(IndexError("list index out of range"))
    '读取时出错，文件已跳过（IndexError: list index out of range）；文件可能已损坏或格式异常，请用原软件打开后另存再试'
    >>> reader_failure(MemoryError())
    '读取时内存不足，文件已跳过（MemoryError）；文件可能经过恶意构造，或请拆分后再读'
    """
    what = error_label(exc)
    if isinstance(exc, MemoryError):
        return f"读取时内存不足，文件已跳过（{what}）；文件可能经过恶意构造，或请拆分后再读"
    if isinstance(exc, RecursionError):
        return f"文件结构嵌套过深，文件已跳过（{what}）；文件可能经过恶意构造"
    return f"读取时出错，文件已跳过（{what}）；文件可能已损坏或格式异常，请用原软件打开后另存再试"


def reader_kind(path: Path) -> str | None:
    """The reader family an extension selects (``text markdown docx csv xlsx jsonl pdf html``) or None."""
    return _SUFFIX_KIND.get(path.suffix.lower())


def _content_kind(path: Path, head: bytes, limits: IngestSettings) -> str:
    """What the bytes say; for zips, which Office format is inside."""
    kind = sniff_kind(head)
    if kind == "zip":
        from .office import check_zip, office_kind

        names = check_zip(path, limits, path.suffix.lower() or "zip", verify=False)  # the reader verifies
        return office_kind(names) or "zip"
    return kind


def read_file(
    path: Path | str,
    limits: IngestSettings,
    columns: dict[str, str] | None = None,
    *,
    encoding: str | None = None,
) -> ReadResult:
    """``iter_file`` collected into a ``ReadResult`` (documents and issues as lists).

    >>> from topicmine.config import IngestSettings
    >>> r = read_file("corpus/sample/提案/关于加强营商环境建设的提案.md", IngestSettings())  # doctest: +SKIP
    >>> r[0].meta["title"]  # doctest: +SKIP
    '关于加强营商环境建设的提案'
    """
    result = ReadResult()
    for item in iter_file(path, limits, columns, encoding=encoding):
        (result.issues if isinstance(item, IngestIssue) else result.docs).append(item)  # type: ignore[arg-type]
    return result


def iter_file(
    path: Path | str,
    limits: IngestSettings,
    columns: dict[str, str] | None = None,
    *,
    encoding: str | None = None,
) -> Iterator[RawDocument | IngestIssue]:
    """Read one source file into raw documents (not yet normalised or classified), streamed: documents and
    issues are yielded as they are read (a table yields row by row, so its size in rows costs no memory).

    Dispatches on the extension, checked against the content: ``.txt``/``.md`` (encoding
    detected; Markdown markup and YAML front matter handled), ``.docx``, ``.csv``/``.tsv``/
    ``.xlsx``/``.jsonl``/``.json`` (one document per row, ``columns`` maps fields to column
    names, else they are guessed), ``.pdf`` (text layer) and ``.html``.

    Raises ``ReaderError(path, reason)`` (when iterated) when the whole file is unusable: too large
    (``limits.max_file_mb``), empty, an unsupported type ("不支持的文件类型 .xyz"),
    binary content under a text extension, corrupt, a zip bomb, a scanned PDF …

    >>> from topicmine.config import IngestSettings
    >>> items = iter_file("年度提案汇总.xlsx", IngestSettings())  # doctest: +SKIP
    >>> next(items).meta["title"]  # doctest: +SKIP
    '关于加强营商环境建设的提案'
    """
    path = Path(path)
    src = str(path)
    suffix = path.suffix.lower()
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ReaderError(src, "文件不存在") from None
    except OSError as exc:
        raise ReaderError(src, f"无法访问文件：{exc.strerror or exc}") from exc
    if path.is_dir():
        raise ReaderError(src, "这是一个文件夹，不是文件")
    ext_kind = _SUFFIX_KIND.get(suffix)
    if ext_kind is None:
        hint = _UNSUPPORTED_HINTS.get(suffix)
        shown = suffix or "（无扩展名）"
        raise ReaderError(src, f"不支持的文件类型 {shown}" + (f"：{hint}" if hint else ""))
    if st.st_size > limits.max_file_mb * _MB:
        raise ReaderError(
            src,
            f"文件过大（{st.st_size / _MB:.1f} MB，上限 {limits.max_file_mb:g} MB），未读取；"
            "可调大 [ingest] max_file_mb",
        )
    if st.st_size == 0:
        raise ReaderError(src, "空文件（0 字节）")
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        raise ReaderError(src, f"无法读取文件：{exc.strerror or exc}") from exc

    content = _content_kind(path, head, limits)
    issues: list[IngestIssue] = []
    kind = ext_kind
    text_family = {"text", "markdown", "csv", "jsonl"}
    if content in ("pdf", "docx", "xlsx", "html") and not (
        content == ext_kind or (content == "html" and ext_kind in ("text", "markdown"))
    ):
        # the bytes are a format we read: trust them, and tell the user about the name
        issues.append(
            IngestIssue(src, f"扩展名 {suffix} 与内容不符：实际是 {content.upper()} 文件，已按 {content.upper()} 读取")
        )
        kind = content
    elif content == "html" and ext_kind in ("text", "markdown"):
        # a saved web page named .txt/.md: its tags would become text
        issues.append(IngestIssue(src, f"扩展名 {suffix} 的文件内容是网页 (HTML)，已按网页读取"))
        kind = "html"
    elif ext_kind in ("docx", "xlsx") and content != ext_kind:
        what = KIND_ZH.get(content, "其他格式")
        if content == "text":
            what = "纯文本"
        raise ReaderError(
            src,
            f"不是有效的 {suffix} 文件（内容是{what}）；可能已损坏，或是改了扩展名的旧版 .doc/.xls，"
            "请用 Office/WPS 打开后另存为 " + suffix,
        )
    elif ext_kind == "pdf" and content != "pdf":
        raise ReaderError(src, f"不是有效的 PDF 文件（内容是{KIND_ZH.get(content, '文本')}）")
    elif ext_kind in text_family | {"html"} and content not in ("text", "html"):
        raise ReaderError(
            src,
            f"内容是{KIND_ZH.get(content, '二进制数据')}，不是文本文件（扩展名 {suffix} 与内容不符）；"
            "请检查文件是否损坏或扩展名是否正确",
        )

    yield from issues
    if kind in ("csv", "xlsx", "jsonl"):
        from .tables import iter_table

        any_item = False
        for item in iter_table(path, limits, kind, columns, encoding):
            any_item = True
            yield item
        if not any_item:
            raise ReaderError(src, "表格中没有数据行")
        return
    result = _dispatch(path, kind, limits, columns, encoding)
    yield from result.issues
    yield from result.docs


def _dispatch(
    path: Path, kind: str, limits: IngestSettings, columns: dict[str, str] | None, encoding: str | None
) -> ReadResult:
    """The readers that give a whole file at once (one document, or a few: pages, docx tables)."""
    src = str(path)
    if kind in ("text", "markdown"):
        return _read_text(path, kind, encoding, limits)
    if kind == "docx":
        from .office import read_docx

        return ReadResult(read_docx(path, limits), [])
    if kind == "pdf":
        from .pdf_html import read_pdf

        docs, issues = read_pdf(path, limits)
        return ReadResult(docs, issues)
    if kind == "html":
        from .pdf_html import read_html

        docs, issues = read_html(path, limits, encoding)
        return ReadResult(docs, issues)
    raise ReaderError(src, f"不支持的文件类型 {path.suffix}")  # pragma: no cover


def _read_text(path: Path, kind: str, encoding: str | None, limits: IngestSettings) -> ReadResult:
    import time

    from .text import markdown_to_text, split_front_matter

    src = str(path)
    text, used = decode_bytes(path.read_bytes(), src, encoding=encoding)
    issues: list[IngestIssue] = []
    replaced = replaced_issue(used)
    if replaced:
        issues.append(IngestIssue(src, replaced))
    meta, body, problem = split_front_matter(text)
    if problem:
        issues.append(IngestIssue(src, problem))
    headings: list[tuple[str, int]] = []
    if kind == "markdown":
        try:
            body, headings = markdown_to_text(body, deadline=time.monotonic() + limits.max_seconds_per_file)
        except TimeoutError:
            raise ReaderError(
                src, f"读取超时（超过 {limits.max_seconds_per_file:g} 秒），未读取；见 [ingest] max_seconds_per_file"
            ) from None
    meta.setdefault("encoding", used)
    return ReadResult([RawDocument(text=body, source=src, meta=meta, headings=headings)], issues)
