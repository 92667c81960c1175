"""Tables where each row is one document: .csv, .tsv, .xlsx, .jsonl, .json.

Which column is the body, the title, the date …: either a mapping passed in (from
``corpus/ingest.toml``: ``columns = {title = "reason", text = "content"}``) or guessed
from common column names (English and Chinese, e.g. the Jiangsu proposal export
``reason``/``content``, the citizen-message export ``留言主题``/``留言详情``).
Rows without text are reported one by one; the others are kept.

Rows are streamed: ``iter_table`` yields each row's document (or issue) as it is read, so what a table costs
in memory does not grow with its number of rows (``topicmine ingest`` stores them as they come); only the
decoded text of a .csv/.jsonl file (bounded by ``max_file_mb``) and a .json file's parsed list are held whole.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
import json
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from topicmine.errors import ReaderError
from topicmine.records import IngestIssue, RawDocument

from .encoding import decode_bytes

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = ["FIELDS", "guess_columns", "iter_table", "read_table", "EMPTY_ROW_STOP", "TableItem"]

#: what a table stream yields: a row's document, or an issue about a row (or the rest of the file)
TableItem = Union[RawDocument, IngestIssue]

#: canonical fields a column can map to
FIELDS = ("text", "title", "date", "year", "author", "category", "id", "region", "doc_type", "url")

# Candidate column names per field, most specific first. Matching ignores case,
# spaces, "_" and "-". "type" maps to category (the Jiangsu export's 14 categories),
# never to doc_type, which needs an explicit doc_type/文种 column.
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "fulltext", "body", "正文", "内容", "全文", "详情", "留言详情", "提案内容",
             "信息内容", "主要内容", "文本", "description", "abstract", "摘要"),
    "title": ("title", "reason", "subject", "标题", "题目", "案由", "留言主题", "主题", "名称", "name", "headline"),
    "date": ("date", "publishdate", "publishtime", "pubdate", "time", "created", "createdat", "datetime",
             "日期", "时间", "发布时间", "发布日期", "留言时间", "提交时间", "成文日期", "提案时间"),
    "year": ("year", "年份", "年度", "届次年份"),
    "author": ("author", "authors", "personnelname", "proposer", "user", "username", "作者", "提案人",
               "留言用户", "反映人", "委员", "提出人", "发言人", "领衔人"),
    "category": ("category", "type", "class", "label", "类别", "分类", "一级分类", "类型", "界别", "领域"),
    "id": ("id", "pkid", "proposalnumber", "number", "编号", "留言编号", "提案号", "案号", "序号", "uuid"),
    "region": ("region", "province", "city", "地区", "省份", "城市", "区域", "行政区"),
    "doc_type": ("doctype", "文种", "文档类型", "文件类型"),
    "url": ("url", "sourceurl", "link", "链接", "网址", "来源链接"),
}

#: an .xlsx sheet stops after this many consecutive empty rows (formatting can make
#: openpyxl report a million "used" rows that are all empty)
EMPTY_ROW_STOP = 1000


def _key(name: str) -> str:
    return "".join(ch for ch in str(name).strip().lower() if ch not in " _-\t\ufeff")


def guess_columns(header: Iterable[str]) -> dict[str, str]:
    """Map canonical fields to column names by common names.

    >>> guess_columns(["personnel_name", "pkid", "publish_time", "reason", "type", "year", "content"])
    {'text': 'content', 'title': 'reason', 'date': 'publish_time', 'year': 'year', 'author': 'personnel_name', 'category': 'type', 'id': 'pkid'}
    >>> guess_columns(["留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "一级分类"])["text"]
    '留言详情'
    """
    cols = [c for c in header if c is not None and str(c).strip()]
    by_key: dict[str, str] = {}
    for c in cols:
        by_key.setdefault(_key(c), str(c))
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for field in FIELDS:
        for cand in _CANDIDATES[field]:
            col = by_key.get(_key(cand))
            if col is not None and col not in used:
                mapping[field] = col
                used.add(col)
                break
    # second pass: qualified names ("Policy Content", "Release Time", "提案标题") end
    # with a candidate; only candidates of 4+ letters or 2+ Chinese characters, so
    # "id" never matches "paid"
    for field in FIELDS:
        if field in mapping:
            continue
        for cand in _CANDIDATES[field]:
            ck = _key(cand)
            if len(ck) < (2 if not ck.isascii() else 4):
                continue
            col = next((c for k, c in by_key.items() if k.endswith(ck) and c not in used), None)
            if col is not None:
                mapping[field] = col
                used.add(col)
                break
    return mapping


def _resolve_columns(header: list[str], columns: dict[str, str] | None, source: str) -> dict[str, str]:
    present = {str(h) for h in header if h is not None}
    guessed = guess_columns(header)
    if columns:
        bad_fields = [f for f in columns if f not in FIELDS]
        if bad_fields:
            raise ReaderError(source, f"列映射含未知字段 {bad_fields}；可用字段：{', '.join(FIELDS)}")
        missing = [c for c in columns.values() if c not in present]
        if missing:
            raise ReaderError(
                source, f"列映射指定的列 {missing} 不存在；文件中的列：{', '.join(str(h) for h in header if h)}"
            )
        # explicit entries win; guessing fills the other fields from unused columns
        mapping = dict(columns)
        used = set(mapping.values())
        for f, c in guessed.items():
            if f not in mapping and c not in used:
                mapping[f] = c
                used.add(c)
    else:
        mapping = guessed
    if "text" not in mapping:
        raise ReaderError(
            source,
            f"找不到正文列；现有列：{', '.join(str(h) for h in header if h)}。"
            '请在 corpus/ingest.toml 中指定，例如 columns = {text = "content", title = "reason"}',
        )
    return mapping


_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _cell(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.isoformat(sep=" ") if value.time() != _dt.time(0) else value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        if _SURROGATE_RE.search(value):  # a JSON "\\ud800" escape: no UTF-8 for it (store, hash); as in HTML, U+FFFD
            value = _SURROGATE_RE.sub("\ufffd", value)
        return value.strip() if value.strip() else None
    if isinstance(value, (_dt.time, _dt.timedelta)):  # a time-formatted cell: its text, so meta stays JSON
        return str(value)
    if value is None or isinstance(value, (int, float, bool)):
        return value
    return str(value)  # anything else a library hands back, as text (meta is stored and sent as JSON)


def _row_to_doc(
    row: dict[str, Any], mapping: dict[str, str], source: str, locator: str
) -> tuple[RawDocument | None, IngestIssue | None]:
    values = {k: _cell(v) for k, v in row.items() if k is not None}
    if not any(v not in (None, "") for v in values.values()):
        return None, None  # an empty row: skipped silently
    text = values.get(mapping["text"])
    if text is None or not str(text).strip():
        return None, IngestIssue(source, f"该行没有正文（列 {mapping['text']} 为空），已跳过", locator)
    meta: dict[str, Any] = {}
    for field, col in mapping.items():
        if field == "text":
            continue
        v = values.get(col)
        if v not in (None, ""):
            meta[field] = v
    mapped = set(mapping.values())
    extra = {k: v for k, v in values.items() if k not in mapped and v not in (None, "")}
    if extra:
        meta["fields"] = extra  # unmapped columns, kept for later use (e.g. 答复意见)
    return RawDocument(text=str(text), source=source, meta=meta, locator=locator), None


class _Budget:
    """Stops a table read at ``max_rows`` data rows or ``max_seconds_per_file`` of the reader's own time.

    The rows are streamed: between two rows the consumer segments and stores, so only the time spent inside the
    reader counts (``_timed`` pauses the clock while a row is out).
    """

    def __init__(self, source: str, limits: IngestSettings) -> None:
        self.source = source
        self.max_rows = limits.max_rows
        self.max_seconds = float(limits.max_seconds_per_file)
        self.spent = 0.0
        self.resumed = time.monotonic()
        self.rows = 0
        self.issue: IngestIssue | None = None

    def elapsed(self) -> float:
        return self.spent + (time.monotonic() - self.resumed)

    def allow(self, locator: str) -> bool:
        self.rows += 1
        if self.rows > self.max_rows:
            self.issue = IngestIssue(
                self.source, f"行数超过上限 {self.max_rows}，其余行未读取（可调大 [ingest] max_rows）", locator
            )
            return False
        if self.rows % 256 == 0 and self.elapsed() > self.max_seconds:
            self.issue = IngestIssue(self.source, "读取超时，其余行未读取（见 [ingest] max_seconds_per_file）", locator)
            return False
        return True


class _Unlimited:
    """A budget that always allows (rows already counted where they were parsed)."""

    issue = None

    def allow(self, locator: str) -> bool:
        return True


def _timed(items: Iterator[TableItem], budget: _Budget) -> Iterator[TableItem]:
    """Yield ``items``, counting against ``budget`` only the time spent producing them."""
    budget.resumed = time.monotonic()
    for item in items:
        budget.spent += time.monotonic() - budget.resumed
        yield item
        budget.resumed = time.monotonic()


def _row_items(
    rows: Iterator[tuple[str, dict[str, Any]]], mapping: dict[str, str], source: str, budget: _Budget | _Unlimited
) -> Iterator[TableItem]:
    for locator, row in rows:
        if not budget.allow(locator):
            yield budget.issue  # type: ignore[misc]
            return
        doc, issue = _row_to_doc(row, mapping, source, locator)
        if doc is not None:
            yield doc
        if issue is not None:
            yield issue


# ---- CSV / TSV -------------------------------------------------------------------
def _csv_dialect(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in (",", "\t", ";", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _iter_csv(
    path: Path, limits: IngestSettings, columns: dict[str, str] | None, encoding: str | None, budget: _Budget
) -> Iterator[TableItem]:
    src = str(path)
    text, _enc = decode_bytes(path.read_bytes(), src, encoding=encoding)
    text = text.lstrip("\ufeff")
    first = text[: text.find("\n")] if "\n" in text else text
    delim = _csv_dialect(first, path.suffix.lower())
    # fields can hold a whole report; the file size limit already bounds this
    csv.field_size_limit(max(int(limits.max_file_mb * 1024 * 1024), 131072))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    del text  # the StringIO holds its own copy
    try:
        header = next(reader)
    except StopIteration:
        raise ReaderError(src, "表格为空（没有表头）") from None
    except csv.Error as exc:
        raise ReaderError(src, f"CSV 格式错误：{exc}") from exc
    header = [h.strip() for h in header]
    mapping = _resolve_columns(header, columns, src)

    def rows() -> Iterator[tuple[str, dict[str, Any]]]:
        n = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise ReaderError(src, f"CSV 格式错误：{exc}", f"row {n + 1}") from exc
            n += 1
            yield f"row {n}", dict(zip(header, values))

    yield from _row_items(rows(), mapping, src, budget)


# ---- XLSX ------------------------------------------------------------------------
def _iter_xlsx(path: Path, limits: IngestSettings, columns: dict[str, str] | None, budget: _Budget) -> Iterator[TableItem]:
    import openpyxl

    from .office import check_zip

    src = str(path)
    check_zip(path, limits, ".xlsx")
    # a file object, not the path: openpyxl refuses names not ending in .xlsx, and a
    # misnamed workbook (sniffed as xlsx) should still be read
    fh = path.open("rb")
    try:
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except MemoryError:
        raise  # the per-file memory cap (a worker's RLIMIT_AS), not a broken file
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for broken files
        fh.close()
        raise ReaderError(src, f"不是有效的 .xlsx 文件（{type(exc).__name__}: {exc}）；请用 Excel/WPS 打开后另存") from exc
    issues: list[IngestIssue] = []  # the current sheet's issues, yielded as they come
    n_issues = 0
    found_any_header = False
    try:
        multi = len(wb.sheetnames) > 1
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue
            prefix = f"{ws.title}!" if multi else ""
            header: list[str] | None = None
            mapping: dict[str, str] | None = None
            empty_run = 0
            for r_idx, row in _rows_until_error(ws, src, prefix, issues):
                if row is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                    empty_run += 1
                    if empty_run >= EMPTY_ROW_STOP:
                        # a formatted-but-empty tail: stop (bounded work), but say so, since
                        # rows after a long empty stretch would otherwise vanish silently
                        issues.append(IngestIssue(
                            src,
                            f"工作表 {ws.title} 从第 {r_idx - empty_run + 1} 行起连续 {EMPTY_ROW_STOP} 行为空，"
                            "其后的行未读取（如表尾还有数据，请删除中间的空行）",
                            f"{prefix}row {r_idx - empty_run + 1}",
                        ))
                        break
                    continue
                empty_run = 0
                if header is None:
                    header = [str(v).strip() if v is not None else "" for v in row]
                    try:
                        mapping = _resolve_columns(header, columns, src)
                    except ReaderError as exc:
                        if multi:  # another sheet may hold the documents
                            n_issues += 1
                            yield IngestIssue(src, exc.reason, f"sheet {ws.title}")
                            break
                        raise
                    found_any_header = True
                    continue
                locator = f"{prefix}row {r_idx}"
                if not budget.allow(locator):
                    yield budget.issue  # type: ignore[misc]
                    return
                doc, issue = _row_to_doc(dict(zip(header, row)), mapping, src, locator)  # type: ignore[arg-type]
                if doc is not None:
                    yield doc
                if issue is not None:
                    n_issues += 1
                    yield issue
            n_issues += len(issues)  # the sheet ended at an unparsable row or a long empty stretch
            yield from issues
            issues.clear()
    finally:
        wb.close()
        fh.close()
    if not found_any_header and not n_issues:
        raise ReaderError(src, "工作簿中没有数据（所有工作表为空）")


def _rows_until_error(ws: Any, src: str, prefix: str, issues: list[IngestIssue]) -> Iterator[tuple[int, Any]]:
    """``enumerate(ws.iter_rows(values_only=True), 1)`` that stops at a row openpyxl cannot parse.

    openpyxl raises from inside its row generator (a shared-string index out of range, a
    cell reference such as ``ZZZZZZ3``, a number cell holding ``abc``); the rows before it
    are kept and the bad row is named, so one broken cell does not lose the sheet.
    """
    from .readers import error_label

    r_idx = 0
    it = ws.iter_rows(values_only=True)
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except MemoryError:
            raise  # the per-file memory cap (a worker's RLIMIT_AS), not a broken file
        except Exception as exc:  # noqa: BLE001 - openpyxl raises IndexError/ValueError/KeyError for bad XML
            issues.append(IngestIssue(
                src, f"工作表 {ws.title} 第 {r_idx + 1} 行无法解析（{error_label(exc)}），该行及其后的行未读取；"
                "请用 Excel/WPS 打开后另存再试",
                f"{prefix}row {r_idx + 1}",
            ))
            return
        r_idx += 1
        yield r_idx, row


# ---- JSONL / JSON ----------------------------------------------------------------
#: the keys of this many first records decide the columns (exports add optional keys late)
_HEADER_RECORDS = 1000


def _json_records(
    path: Path, text: str, src: str, budget: _Budget
) -> Iterator[tuple[str, dict[str, Any]] | IngestIssue]:
    """The objects of a .json list or of a .jsonl file's lines, one at a time (with issues for bad lines).

    Every item or line counts against ``max_rows`` and the time budget, bad ones too: a 10 MB file of ``{``
    lines is 5·10⁶ bad rows, stopped at the limit with one issue."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ReaderError(src, f"JSON 格式错误：{exc}") from exc
        except ValueError as exc:  # an integer of more than 4,300 digits (Python's conversion limit)
            raise ReaderError(src, f"JSON 中有无法读取的数值（{str(exc)[:80]}），未读取；文件可能经过恶意构造") from exc
        except RecursionError:
            raise ReaderError(src, "JSON 嵌套过深（RecursionError），未读取；文件可能经过恶意构造") from None
        del text
        if isinstance(data, dict):
            # {"data": [...]} / {"items": [...]} wrappers are common in exports
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if len(lists) == 1 else [data]
        if not isinstance(data, list):
            raise ReaderError(src, "JSON 顶层应为对象列表（每个对象一篇文档）")
        for i in range(len(data)):
            obj, data[i] = data[i], None  # let each record go once it is read: the list is all we hold
            if not budget.allow(f"item {i + 1}"):
                yield budget.issue  # type: ignore[misc]
                return
            if isinstance(obj, dict):
                yield f"item {i + 1}", obj
            else:
                yield IngestIssue(src, "不是 JSON 对象，已跳过", f"item {i + 1}")
        return
    # line by line without a list of all lines (10⁶ short lines are ~10⁸ bytes of str objects)
    pos, i, n = 0, 0, len(text)
    while pos < n:
        end = text.find("\n", pos)
        end = n if end < 0 else end
        line, pos, i = text[pos:end], end + 1, i + 1
        if not line.strip():
            continue
        if not budget.allow(f"line {i}"):
            yield budget.issue  # type: ignore[misc]
            return
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestIssue(src, f"JSON 格式错误（{exc.msg}），已跳过", f"line {i}")
            continue
        except ValueError:  # an integer of more than 4,300 digits
            yield IngestIssue(src, "JSON 中有超过 4300 位的整数，该行已跳过", f"line {i}")
            continue
        except RecursionError:
            yield IngestIssue(src, "JSON 嵌套过深（RecursionError），已跳过", f"line {i}")
            continue
        if not isinstance(obj, dict):
            yield IngestIssue(src, "不是 JSON 对象，已跳过", f"line {i}")
            continue
        yield f"line {i}", obj


def _iter_jsonl(
    path: Path, limits: IngestSettings, columns: dict[str, str] | None, encoding: str | None, budget: _Budget
) -> Iterator[TableItem]:
    src = str(path)
    text, _enc = decode_bytes(path.read_bytes(), src, encoding=encoding)
    # the records are counted against the budget as they are parsed (bad lines too); rows are not counted twice
    stream = _json_records(path, text, src, budget)
    del text
    # the first records (and the issues among them) are held until their keys have named the columns
    head: list[tuple[str, dict[str, Any]] | IngestIssue] = []
    n_records = 0
    for item in stream:
        head.append(item)
        if not isinstance(item, IngestIssue):
            n_records += 1
            if n_records >= _HEADER_RECORDS:
                break
    if not n_records:
        if head:
            yield from head  # only bad lines: each is named
            return
        raise ReaderError(src, "文件中没有记录")
    header: list[str] = []
    for item in head:
        if not isinstance(item, IngestIssue):
            for k in item[1]:
                if k not in header:
                    header.append(str(k))
    mapping = _resolve_columns(header, columns, src)
    text_col = mapping.get("text")

    def flat() -> Iterator[tuple[str, dict[str, Any]]]:
        for item in itertools.chain(head, stream):
            if isinstance(item, IngestIssue):
                pending.append(item)
                continue
            loc, obj = item
            yield loc, {k: (v if not isinstance(v, (list, dict)) or k == text_col else json.dumps(v, ensure_ascii=False))
                        for k, v in obj.items()}

    pending: list[IngestIssue] = []
    for out in _row_items(flat(), mapping, src, _Unlimited()):
        yield from pending
        pending.clear()
        yield out
    yield from pending


def iter_table(
    path: Path,
    limits: IngestSettings,
    kind: str,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
) -> Iterator[TableItem]:
    """Stream a table file: one RawDocument per non-empty row (``locator="row N"``, N as in Excel), issues
    for rows without text, for rows a library cannot parse and for a limit reached, in file order.

    ``kind`` is ``csv`` (also .tsv), ``xlsx`` or ``jsonl`` (also .json). Raises ``ReaderError`` (when the
    stream is first read, or at a CSV row that breaks the format) when the file is unusable. ``max_rows``
    and ``max_seconds_per_file`` (the reader's own time, not the consumer's) stop it with an issue.

    >>> items = iter_table(Path("附件4.xlsx"), IngestSettings(), "xlsx")  # doctest: +SKIP
    >>> next(items).meta["title"]  # doctest: +SKIP
    '关于A市经济技术开发区路灯不亮的问题'
    """
    budget = _Budget(str(path), limits)
    if kind == "csv":
        inner = _iter_csv(path, limits, columns, encoding, budget)
    elif kind == "xlsx":
        inner = _iter_xlsx(path, limits, columns, budget)
    elif kind == "jsonl":
        inner = _iter_jsonl(path, limits, columns, encoding, budget)
    else:
        raise ValueError(f"unknown table kind {kind!r}")
    return _timed(inner, budget)


def read_table(
    path: Path,
    limits: IngestSettings,
    kind: str,
    columns: dict[str, str] | None = None,
    encoding: str | None = None,
) -> tuple[list[RawDocument], list[IngestIssue]]:
    """``iter_table`` collected: the documents and the issues, as lists (for callers that want them all).

    >>> docs, issues = read_table(Path("jszx2019_dev.csv"), IngestSettings(), "csv")  # doctest: +SKIP
    >>> docs[0].meta["title"]  # doctest: +SKIP
    '关于完善城市环卫公厕指引系统的建议'
    """
    docs: list[RawDocument] = []
    issues: list[IngestIssue] = []
    for item in iter_table(path, limits, kind, columns, encoding):
        (issues if isinstance(item, IngestIssue) else docs).append(item)  # type: ignore[arg-type]
    return docs, issues
