""".docx reading (python-docx) and the zip guard shared with .xlsx.

A .docx/.xlsx is a zip archive. Before handing it to a parser we look at the zip's
central directory: a small file that claims to unpack to gigabytes (a "zip bomb"),
or thousands of members, is refused without decompressing anything. The directory
can lie (a member declared as 2 KB that inflates to gigabytes: Python's ``zipfile``
inflates a whole member in memory before cutting it to the declared size), so each
member is then inflated once in small steps and refused as soon as it passes its
declared size: the declared sizes we check really bound what the parser can read.

External relationships (linked images, remote templates, hyperlinks) are only
*recorded* by python-docx, never fetched; its lxml parser has entity resolution off
and lxml forbids network access by default, so reading a hostile .docx makes no
network request (a test asserts that).
"""

from __future__ import annotations

import re
import struct
import time
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from topicmine.errors import ReaderError
from topicmine.records import RawDocument

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

__all__ = ["check_zip", "office_kind", "read_docx"]

_MAX_ZIP_MEMBERS = 20_000
#: XML tags ("<") a Word part may hold: 8× a 300-page report; python-docx holds every element in memory
MAX_DOCX_TAGS = 4_000_000
#: parts smaller than this are never refused for their compression ratio (styles and themes pack ~30:1)
_RATIO_MIN_BYTES = 8 * 1024 * 1024
_MB = 1024 * 1024


def check_zip(path: Path, limits: IngestSettings, label: str, *, verify: bool = True) -> set[str]:
    """Refuse corrupt archives and zip bombs before any parser runs. Returns member names.

    The declared sizes in the zip directory are checked against ``max_zip_uncompressed_mb``;
    with ``verify`` each member is then inflated in 64 KB steps (nothing kept) to prove it is
    no larger than declared — work bounded by the declared total. ``verify=False`` (sniffing
    only) reads the directory alone.

    >>> check_zip(Path("不存在.docx"), None, ".docx")  # doctest: +SKIP
    """
    src = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise ReaderError(src, f"不是有效的 {label} 文件（zip 结构损坏：{exc}）；请用 Office/WPS 打开后另存") from exc
    except OSError as exc:
        raise ReaderError(src, f"无法打开 {label} 文件：{exc}") from exc
    with zf:
        infos = zf.infolist()
        if len(infos) > _MAX_ZIP_MEMBERS:
            raise ReaderError(src, f"{label} 内含 {len(infos)} 个部件，超过上限 {_MAX_ZIP_MEMBERS}（疑似恶意文件）")
        total = sum(i.file_size for i in infos)
        limit = limits.max_zip_uncompressed_mb * _MB
        if total > limit:
            raise ReaderError(
                src,
                f"{label} 解压后 {total / _MB:.0f} MB，超过上限 {limits.max_zip_uncompressed_mb:g} MB"
                "（疑似 zip 炸弹；确需读取请调大 [ingest] max_zip_uncompressed_mb）",
            )
        ratio = float(getattr(limits, "max_zip_ratio", 200.0))
        for i in infos:
            if i.file_size > _RATIO_MIN_BYTES and i.file_size > ratio * max(i.compress_size, 1):
                raise ReaderError(
                    src,
                    f"{label} 的部件 {i.filename} 压缩比 {i.file_size / max(i.compress_size, 1):,.0f}:1"
                    f"（解压后 {i.file_size / _MB:.0f} MB），超过上限 {ratio:g}:1，疑似 zip 炸弹，未读取；"
                    "确需读取请调大 [ingest] max_zip_ratio",
                )
        if verify:
            # the directory can lie: a member declared as 2 KB may inflate to gigabytes, and
            # zipfile inflates a whole member in one call before cutting it to the declared size
            # (python-docx reads parts that way). Inflate each member in bounded chunks, stopping
            # as soon as it passes its declared size, so the check above really bounds memory.
            for info in infos:
                _check_member_size(zf.fp, info, src, label)
                if label == ".docx" and info.filename.startswith("word/") and info.filename.endswith(".xml"):
                    _check_tag_count(zf, info, src)
        return {i.filename for i in infos}


def _check_member_size(fp: Any, info: zipfile.ZipInfo, src: str, label: str) -> None:
    """Refuse a member that inflates to more than its declared ``file_size`` (work ≤ declared size)."""
    lie = ReaderError(
        src,
        f"{label} 的部件 {info.filename} 实际解压大小超过其声明的 {info.file_size} 字节"
        "（压缩包目录被篡改，疑似 zip 炸弹），未读取",
    )
    if info.flag_bits & 0x1 or info.is_dir():  # encrypted parts fail in the parser with their own message
        return
    if info.compress_type == zipfile.ZIP_STORED:
        if info.compress_size > info.file_size:
            raise lie
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ReaderError(src, f"{label} 的部件 {info.filename} 使用了 Office 不用的压缩方式（{info.compress_type}），未读取")
    fp.seek(info.header_offset)
    header = fp.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise ReaderError(src, f"不是有效的 {label} 文件（部件 {info.filename} 的文件头损坏）；请用 Office/WPS 打开后另存")
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    fp.seek(info.header_offset + 30 + name_len + extra_len)
    inflater = zlib.decompressobj(-15)
    left = info.compress_size
    out = 0
    chunk = 1 << 16
    while left > 0 and not inflater.eof:
        data = fp.read(min(chunk, left))
        if not data:
            break
        left -= len(data)
        while data and not inflater.eof:
            try:
                out += len(inflater.decompress(data, chunk))
            except zlib.error as exc:
                raise ReaderError(src, f"不是有效的 {label} 文件（部件 {info.filename} 数据损坏：{exc}）；请用 Office/WPS 打开后另存") from exc
            if out > info.file_size:
                raise lie
            data = inflater.unconsumed_tail


def _check_tag_count(zf: zipfile.ZipFile, info: zipfile.ZipInfo, src: str) -> None:
    """Refuse a Word part with more XML tags than any real document has (python-docx builds the whole tree:
    ~60 bytes of memory a tag). 200 MB of ``<w:p/>`` packs 650:1 past the ratio check, but with a random
    attribute every 200 paragraphs it packs 67:1 and still cost 2 GB: counting "<" while inflating catches both.
    A 300-page report's document.xml has ~5·10⁵ tags."""
    tags = 0
    try:
        with zf.open(info) as fh:  # sizes already verified: reads at most the declared size, 1 MB at a time
            while block := fh.read(1 << 20):
                tags += block.count(b"<")
                if tags > MAX_DOCX_TAGS:
                    raise ReaderError(
                        src, f".docx 的部件 {info.filename} 含超过 {MAX_DOCX_TAGS:,} 个 XML 标记（正常文档约数十万），"
                             "疑似恶意构造，未读取；如确为超长文档，请拆分后再读")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a damaged member: CRC mismatch, bad deflate data
        raise ReaderError(src, f".docx 的部件 {info.filename} 已损坏（{exc}），未读取；请重新保存或导出该文件") from exc


def office_kind(names: set[str]) -> str | None:
    """Which Office Open XML format a zip holds: ``docx``, ``xlsx``, ``pptx`` or None."""
    if "word/document.xml" in names or any(n.startswith("word/") and n.endswith(".xml") for n in names):
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    return None


# Heading styles: English and Chinese Word/WPS names; "Title" is the document title.
_HEADING_STYLE_RE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "标题", "文档标题", "公文标题"}
_JUNK_PROPS = {
    "administrator", "admin", "user", "microsoft office user", "微软用户", "python-docx", "unknown",
    "lenovo", "dell", "hp", "asus", "acer", "thinkpad", "pc", "microsoft", "mac", "wps", "wps office",
    "word", "doc", "未命名", "无标题", "untitled", "document", "文档",
    "word document",  # python-docx invents this title when a .docx has no docProps/core.xml
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _outline_level(p_elm: Any, style: Any) -> int | None:
    """w:outlineLvl of the paragraph or its style chain (0-based in XML → 1-based level)."""
    for elm in (p_elm, *(_style_chain(style))):
        ppr = elm.find(f"{_W}pPr") if elm is not None else None
        if ppr is None:
            continue
        lvl = ppr.find(f"{_W}outlineLvl")
        if lvl is not None:
            try:
                v = int(lvl.get(f"{_W}val"))
            except (TypeError, ValueError):
                return None
            return v + 1 if v < 9 else None  # 9 = body text
    return None


def _style_chain(style: Any) -> list[Any]:
    out = []
    seen = 0
    while style is not None and seen < 10:  # base_style chains can be cyclic in broken files
        out.append(style.element)
        style = getattr(style, "base_style", None)
        seen += 1
    return out


def _heading_level(paragraph: Any) -> int | None:
    try:
        style = paragraph.style
    except Exception:  # noqa: BLE001 - a dangling style id must not stop the document
        style = None
    chain = style
    seen = 0
    while chain is not None and seen < 10:
        name = (chain.name or "").strip()
        m = _HEADING_STYLE_RE.match(name)
        if m:
            return int(m.group(1))
        if name.lower() in _TITLE_STYLES:
            return 0
        chain = getattr(chain, "base_style", None)
        seen += 1
    return _outline_level(paragraph._p, style)


def _table_rows(table: Any) -> list[str]:
    rows: list[str] = []
    for row in table.rows:
        cells: list[str] = []
        prev_tc = None
        for cell in row.cells:
            # merged cells come back once per grid column; keep one copy
            if cell._tc is prev_tc:
                continue
            prev_tc = cell._tc
            cells.append(" ".join(cell.text.split()))
        line = "\t".join(cells).strip()
        if line:
            rows.append(line)
    return rows


def _raw_table_rows(tbl: Any) -> list[str]:
    """Rows of a table read straight from the XML (no grid logic): for tables python-docx cannot lay out
    (``gridSpan w:val="abc"``, a ``vMerge`` with no row above)."""
    rows: list[str] = []
    for tr in tbl.findall(f"{_W}tr"):  # direct rows; a nested table's text stays in its cell
        cells = [" ".join("".join(t.text or "" for t in tc.iter(f"{_W}t")).split()) for tc in tr.findall(f"{_W}tc")]
        line = "\t".join(cells).strip()
        if line:
            rows.append(line)
    return rows


# Word allows at most 63 columns in a table; python-docx lays a row out cell by grid column, so a
# gridSpan of 2,000,000,000 in a 1 KB file made it build a 2·10⁹-entry list (2 GB, 40 s, then the cap)
_MAX_GRID_SPAN = 63


def _grid_is_sane(tbl: Any) -> bool:
    """Every ``gridSpan`` of the table (nested ones too) is a whole number 1–63: safe for python-docx's layout.

    >>> from lxml import etree
    >>> t = etree.fromstring(f'<w:tbl xmlns:w="{_W[1:-1]}"><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2000000000"/>'
    ...                      '</w:tcPr></w:tc></w:tr></w:tbl>')
    >>> _grid_is_sane(t)
    False
    """
    for gs in tbl.iter(f"{_W}gridSpan"):
        v = (gs.get(f"{_W}val") or "").strip()
        if not (v.isdigit() and 1 <= int(v) <= _MAX_GRID_SPAN):
            return False
    return True


def _chars(rows: list[str]) -> int:
    return sum(len(r) - r.count(" ") - r.count("\t") for r in rows)


def read_docx(path: Path, limits: IngestSettings) -> list[RawDocument]:
    """Read a .docx: body paragraphs and tables in document order, heading styles, core properties.

    Tables become one line per row, cells separated by a tab. Headings are paragraphs
    styled ``Heading n`` / ``标题 n`` (level n), ``Title`` (level 0) or with an outline
    level; they stay in the text and are listed in ``RawDocument.headings``.

    >>> docs = read_docx(Path("调研报告.docx"), IngestSettings())  # doctest: +SKIP
    >>> docs[0].headings[:1]  # doctest: +SKIP
    [('关于加快发展银发经济的调研报告', 0)]
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    src = str(path)
    check_zip(path, limits, ".docx")
    try:
        document = docx.Document(str(path))
    except MemoryError:
        raise  # the per-file memory cap (a worker's RLIMIT_AS), not a broken file
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError/ValueError/lxml errors
        raise ReaderError(src, f"不是有效的 .docx 文件（{type(exc).__name__}: {exc}）；请用 Word/WPS 打开后另存为 .docx") from exc

    lines: list[str] = []
    headings: list[tuple[str, int]] = []
    body = document.element.body
    deadline = time.monotonic() + limits.max_seconds_per_file
    for n, child in enumerate(body.iterchildren()):
        if n % 256 == 0 and time.monotonic() > deadline:
            raise ReaderError(src, f"读取超时（超过 {limits.max_seconds_per_file:g} 秒），未读取；见 [ingest] max_seconds_per_file")
        if child.tag == f"{_W}p":
            para = Paragraph(child, document)
            text = para.text.replace("\r", "").strip()
            if not text:
                lines.append("")
                continue
            level = _heading_level(para)
            if level is not None:
                headings.append((text, level))
            lines.append(text)
        elif child.tag == f"{_W}tbl":
            lines.append("")
            raw_rows = _raw_table_rows(child)
            try:
                rows = _table_rows(Table(child, document)) if _grid_is_sane(child) else raw_rows
            except MemoryError:
                raise  # the per-file memory cap: a named issue, not a silent fallback after gigabytes
            except Exception:  # noqa: BLE001 - a malformed grid loses its layout, not its text
                rows = raw_rows
            # a hostile grid (gridSpan="-5") can make python-docx drop cells silently; merged cells
            # only ever repeat text, so fewer characters than the XML holds means text was lost
            if _chars(rows) < _chars(raw_rows):
                rows = raw_rows
            lines.extend(rows)
            lines.append("")
        elif child.tag == f"{_W}sdt":
            # content controls (cover pages, TOC) wrap ordinary paragraphs
            for p in child.iter(f"{_W}p"):
                t = Paragraph(p, document).text.strip()
                if t:
                    lines.append(t)

    meta: dict[str, Any] = {}
    try:
        cp = document.core_properties
        for key, value in (
            ("title", cp.title),
            ("author", cp.author),
            # file creation time, not the document's date: classify uses it only as a last resort
            ("created", cp.created),
            ("category", cp.category),
            ("subject", cp.subject),
            ("keywords", cp.keywords),
        ):
            if value:
                v = value.isoformat()[:10] if hasattr(value, "isoformat") else str(value).strip()
                # Word fills these with template/machine leftovers; they are not metadata
                if key in ("author", "title") and v.lower() in _JUNK_PROPS:
                    continue
                meta[key] = v
    except Exception:  # noqa: BLE001 - broken docProps only lose metadata
        pass
    return [RawDocument(text="\n".join(lines), source=src, meta=meta, headings=headings)]
