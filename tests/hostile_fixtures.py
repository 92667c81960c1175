"""Builders for hostile input files, made by hand as bytes so they are fast and exact.

Used by tests/test_hostile_files.py; each builder writes one file and returns its path.
Nothing here touches the network: the XXE/relationship builders point at a URL the test
serves itself on 127.0.0.1 and checks it was never requested.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

GOOD_TEXT = {
    "关于加强社区嵌入式托育服务的提案.md": (
        "# 关于加强社区嵌入式托育服务的提案\n\n"
        "一、基本情况\n近年来，我市积极推进社区嵌入式托育服务建设，已建成托育点一百二十个。\n\n"
        "二、存在问题\n托育机构布局不均衡，专业保育人员短缺，收费偏高。\n\n"
        "三、对策建议\n一是加强规划布局。二是加大财政补贴力度。三是强化保育人员培训。\n"
    ),
    "关于推进老旧小区加装电梯的建议.txt": (
        "关于推进老旧小区加装电梯的建议\n\n"
        "老旧小区居民老龄化程度高，上下楼困难问题突出。建议简化审批流程，"
        "建立资金分摊指导标准，引入社会资本参与建设和运营维护。\n"
    ),
    "关于优化营商环境的社情民意信息.txt": (
        "关于优化营商环境的社情民意信息\n\n"
        "部分中小企业反映，涉企检查频次过多，影响正常经营。建议推行综合查一次，"
        "减少多头检查、重复检查，切实为企业减负。\n"
    ),
}

# ---------------------------------------------------------------------------------------------------
# minimal OOXML packages
# ---------------------------------------------------------------------------------------------------
_CT_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="bin" ContentType="application/octet-stream"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _paragraphs_xml(paragraphs: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)


def document_xml(paragraphs: list[str], doctype: str = "", extra_body: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + doctype
        + f'<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body>'
        + _paragraphs_xml(paragraphs)
        + extra_body
        + "</w:body></w:document>"
    )


def write_docx(path: Path, document: str, *, doc_rels: str | None = None, extra: dict[str, bytes] | None = None,
               root_rels: str = _ROOT_RELS, content_types: str = _CT_DOCX) -> Path:
    """A minimal .docx (content types, root rels, document.xml, optional document rels/parts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", root_rels)
        zf.writestr("word/document.xml", document)
        if doc_rels is not None:
            zf.writestr("word/_rels/document.xml.rels", doc_rels)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def good_docx(path: Path) -> Path:
    return write_docx(path, document_xml([
        "关于加快发展银发经济的调研报告",
        "一、基本情况",
        "我市六十岁以上老年人口占比超过百分之二十，养老服务需求持续增长。",
        "二、对策建议",
        "一是完善社区养老服务网络。二是培育银发经济市场主体。",
    ]))


def zip_bomb_docx(path: Path, mb: int) -> Path:
    """A valid-looking .docx whose document.xml really inflates to ``mb`` MB (≈ ``mb`` KB on disk)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t>'
    ).encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    block = b"A" * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CT_DOCX)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(head)
            for _ in range(mb):
                fh.write(block)
            fh.write(tail)
    return path


def lying_zip_bomb_docx(path: Path, real_mb: int, claimed: int = 2000) -> Path:
    """document.xml inflates to ``real_mb`` MB but the zip directory claims ``claimed`` bytes.

    The central directory size check passes; what the parser may read must still be bounded
    (zipfile stops at the declared size and then fails the CRC / size check).
    """
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t>'
    ).encode()
    raw = head + b"B" * (real_mb << 20) + b"</w:t></w:r></w:p></w:body></w:document>"
    comp = zlib.compressobj(1, zlib.DEFLATED, -15)
    data = comp.compress(raw) + comp.flush()
    crc = zlib.crc32(raw)
    del raw
    name = b"word/document.xml"
    buf = io.BytesIO()
    entries = []

    def add(fname: bytes, payload: bytes, method: int, crc32: int, usize: int) -> None:
        off = buf.tell()
        buf.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0, crc32, len(payload), usize, len(fname), 0))
        buf.write(fname)
        buf.write(payload)
        entries.append((fname, method, crc32, len(payload), usize, off))

    for fname, text in ((b"[Content_Types].xml", _CT_DOCX), (b"_rels/.rels", _ROOT_RELS)):
        b = text.encode()
        add(fname, b, 0, zlib.crc32(b), len(b))
    add(name, data, 8, crc, claimed)  # the lie: uncompressed size
    cd_start = buf.tell()
    for fname, method, crc32, csize, usize, off in entries:
        buf.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0, crc32, csize, usize,
                              len(fname), 0, 0, 0, 0, 0, off))
        buf.write(fname)
    cd_size = buf.tell() - cd_start
    buf.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), cd_size, cd_start, 0))
    path.write_bytes(buf.getvalue())
    return path


def xxe_docx(path: Path, url: str, secret_file: Path, *, escaping_rels: bool = False,
             laughs: bool = False) -> Path:
    """document.xml with external entities (a local file, a URL, a parameter entity loading a remote DTD),
    a billion-laughs entity, and relationships with external/escaping targets (image, template, hyperlink)."""
    doctype = (
        "<!DOCTYPE w:document ["
        f'<!ENTITY xxefile SYSTEM "file://{secret_file}">'
        f'<!ENTITY xxenet SYSTEM "{url}/entity">'
        f'<!ENTITY % remote SYSTEM "{url}/evil.dtd"> %remote;'
    )
    if laughs:
        doctype += (
        '<!ENTITY lol "lollollollollollollollollollol">'
        '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
        '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">'
        '<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">'
        '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">'
        '<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">'
        '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">'
        '<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">'
        )
    doctype += "]>"
    paragraphs = ["关于外部实体的测试报告", "正文第一段：社区养老服务。", "文件&xxefile;结束", "网络&xxenet;结束"]
    if laughs:
        paragraphs.append("炸弹&lol9;结束")
    extra_body = (
        '<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:drawing><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill>'
        '<a:blip r:link="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></w:drawing></w:r></w:p>'
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    doc_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdImg" Type="{rel}/image" Target="{url}/image.png" TargetMode="External"/>'
        f'<Relationship Id="rIdTpl" Type="{rel}/attachedTemplate" Target="{url}/template.dotm" TargetMode="External"/>'
        f'<Relationship Id="rIdLink" Type="{rel}/hyperlink" Target="{url}/link" TargetMode="External"/>'
        f'<Relationship Id="rIdFile" Type="{rel}/image" Target="file://{secret_file}" TargetMode="External"/>'
        + (f'<Relationship Id="rIdUp" Type="{rel}/image" Target="../../../../../..{secret_file}"/>' if escaping_rels else "")
        + "</Relationships>"
    )
    root_rels = _ROOT_RELS
    if escaping_rels:  # internal targets climbing out of the package with ../
        root_rels = _ROOT_RELS.replace(
            "</Relationships>",
            f'<Relationship Id="rId9" Type="{rel}/extended-properties" Target="../../../../..{secret_file}"/>'
            "</Relationships>",
        )
    return write_docx(path, document_xml(paragraphs, doctype, extra_body), doc_rels=doc_rels, root_rels=root_rels)


# ---------------------------------------------------------------------------------------------------
# xlsx with a million empty rows
# ---------------------------------------------------------------------------------------------------
_CT_XLSX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_XLSX_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def million_rows_xlsx(path: Path, empty_rows: int = 1_000_000, rows_after: int = 1) -> Path:
    """Header + 2 data rows, then ``empty_rows`` empty rows (``<row r=N/>`` and empty cells), then data again."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:B{empty_rows + 3 + rows_after}"/><sheetData>'
        f'<row r="1">{_cell("A1", "标题")}{_cell("B1", "正文")}</row>'
        f'<row r="2">{_cell("A2", "关于加强养老服务的提案")}{_cell("B2", "建议完善社区养老服务网络，加大财政支持力度。")}</row>'
        f'<row r="3">{_cell("A3", "关于优化营商环境的提案")}{_cell("B3", "建议推行涉企检查综合查一次，减轻企业负担。")}</row>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CT_XLSX)
        zf.writestr("_rels/.rels", _XLSX_ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(head.encode())
            chunk: list[str] = []
            for r in range(4, empty_rows + 4):
                # alternate bare rows and rows of empty cells, as formatting leaves them
                chunk.append(f'<row r="{r}"/>' if r % 2 else f'<row r="{r}"><c r="A{r}"/><c r="B{r}" s="0"/></row>')
                if len(chunk) == 50_000:
                    fh.write("".join(chunk).encode())
                    chunk.clear()
            fh.write("".join(chunk).encode())
            last = empty_rows + 4
            tail = "".join(
                f'<row r="{last + i}">{_cell(f"A{last + i}", f"表尾提案{i}")}{_cell(f"B{last + i}", f"表尾第{i}条的正文。")}</row>'
                for i in range(rows_after)
            )
            fh.write((tail + "</sheetData></worksheet>").encode())
    return path


# ---------------------------------------------------------------------------------------------------
# PDFs that loop
# ---------------------------------------------------------------------------------------------------
def _pdf(objects: dict[int, bytes], trailer: bytes, *, xref_prev_self: bool = False) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = out.tell()
        out.write(b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n")
    xref_at = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n" % size)
    out.write(b"0000000000 65535 f \n")
    for num in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets.get(num, 0))
    extra = b" /Prev %d" % xref_at if xref_prev_self else b""
    out.write(b"trailer\n<< /Size %d %s%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer, extra, xref_at))
    return out.getvalue()


_PAGE_CONTENT = b"BT /F1 12 Tf 72 720 Td (Loop test page text for the reader, long enough) Tj ET"


def _content_obj() -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(_PAGE_CONTENT) + _PAGE_CONTENT + b"\nendstream"


def looping_pdf_pages(path: Path) -> Path:
    """The page tree's Pages node lists itself (and a page whose Parent chain loops) as Kids."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R 2 0 R 5 0 R] /Count 3 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           b"/Resources << /Font << /F1 6 0 R >> >> >>",
        4: _content_obj(),
        5: b"<< /Type /Pages /Kids [5 0 R 2 0 R] /Parent 5 0 R /Count 2 >>",
        6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    path.write_bytes(_pdf(objs, b"/Root 1 0 R"))
    return path


def looping_pdf_xref(path: Path) -> Path:
    """The trailer's /Prev points at its own xref table (an xref cycle); the Contents array refers to itself."""
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [4 0 R 7 0 R] "
           b"/Resources << /Font << /F1 6 0 R >> /XObject << /X1 8 0 R >> >> >>",
        4: _content_obj(),
        6: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        7: b"[7 0 R 4 0 R]",
        # a form XObject that draws itself: a recursion bomb for content-stream walkers
        8: b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 8 0 R >> >> "
           b"/Length 8 >>\nstream\n/X1 Do  \nendstream",
    }
    path.write_bytes(_pdf(objs, b"/Root 1 0 R", xref_prev_self=True))
    return path


# ---------------------------------------------------------------------------------------------------
# misleading extensions
# ---------------------------------------------------------------------------------------------------
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def plain_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "这不是文档，是一个压缩包。")
        zf.writestr("data/a.csv", "a,b\n1,2\n")
    return path


def deep_html(path: Path, depth: int) -> Path:
    """A page with a normal paragraph and a ``depth``-level nest of divs holding more text."""
    path.write_text(
        "<html><head><title>嵌套测试_某市政协</title></head><body>"
        "<p>关于深度嵌套网页的正文第一段，政协委员围绕营商环境建言献策。</p>"
        + "<div>" * depth + "深处的文字" + "</div>" * depth
        + "<p>正文最后一段：持续优化营商环境。</p></body></html>",
        encoding="utf-8",
    )
    return path


# ---------------------------------------------------------------------------------------------------
# files whose reader raised something other than ReaderError (the batch stopped)
# ---------------------------------------------------------------------------------------------------
_CT_XLSX_SST = _CT_XLSX.replace(
    "</Types>",
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
)
_WB_RELS_SST = _WB_RELS.replace(
    "</Relationships>",
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    'Target="sharedStrings.xml"/></Relationships>',
)
_SS_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def write_xlsx(path: Path, rows_xml: str, shared: list[str] | None = None) -> Path:
    """A one-sheet .xlsx whose sheetData is ``rows_xml`` (optionally with a shared-strings part)."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{_SS_NS}"><sheetData>{rows_xml}</sheetData></worksheet>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT_XLSX_SST if shared is not None else _CT_XLSX)
        zf.writestr("_rels/.rels", _XLSX_ROOT_RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS_SST if shared is not None else _WB_RELS)
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            zf.writestr("xl/sharedStrings.xml",
                        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_SS_NS}" count="{len(shared)}">{items}</sst>')
    return path


_XLSX_HEADER_ROW = f'<row r="1">{_cell("A1", "标题")}{_cell("B1", "正文")}</row>'


def xlsx_shared_string_out_of_range(path: Path) -> Path:
    """A cell ``t="s"`` pointing at shared string 999 of 2 (openpyxl: IndexError)."""
    rows = _XLSX_HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>999</v></c></row>'
    return write_xlsx(path, rows, shared=["关于加强养老服务的提案", "正文"])


def xlsx_bad_cell_reference(path: Path) -> Path:
    """A cell reference ``ZZZZZZ3`` beyond Excel's columns (openpyxl: ValueError)."""
    rows = _XLSX_HEADER_ROW + f'<row r="3">{_cell("ZZZZZZ3", "越界")}{_cell("B3", "建议完善社区养老服务。")}</row>'
    return write_xlsx(path, rows)


def xlsx_number_cell_with_text(path: Path) -> Path:
    """A ``t="n"`` cell holding ``abc`` (openpyxl: ValueError converting to a number)."""
    rows = _XLSX_HEADER_ROW + '<row r="2"><c r="A2" t="n"><v>abc</v></c><c r="B2" t="n"><v>abc</v></c></row>'
    return write_xlsx(path, rows)


def _docx_table(rows: str) -> str:
    return f"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>{rows}</w:tbl>"


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def docx_bad_grid_span(path: Path) -> Path:
    """A table cell with ``gridSpan w:val="abc"`` (python-docx: ValueError)."""
    table = _docx_table("<w:tr>" + _tc("甲", '<w:gridSpan w:val="abc"/>') + _tc("乙") + "</w:tr>")
    return write_docx(path, document_xml(["关于推进老旧小区加装电梯的建议"], extra_body=table))


def docx_vmerge_without_row_above(path: Path) -> Path:
    """A first-row cell with ``vMerge`` (continue) but no row above (python-docx: ValueError)."""
    table = _docx_table(f'<w:tr>{_tc("甲", "<w:vMerge/>")}{_tc("乙")}</w:tr>')
    return write_docx(path, document_xml(["关于推进老旧小区加装电梯的建议"], extra_body=table))


def deep_json(path: Path, depth: int = 100_000) -> Path:
    """``[[[[…]]]]`` nested ``depth`` deep (json: RecursionError); for .jsonl one such line."""
    path.write_text("[" * depth + "]" * depth + "\n", encoding="utf-8")
    return path


def billion_laughs_front_matter(path: Path, levels: int = 9) -> Path:
    """A ~600-byte text whose YAML front matter nests aliases 9 × 9 × … deep (10⁹ strings once built)."""
    lines = ["---", 'a0: &a0 ["哈","哈","哈","哈","哈","哈","哈","哈","哈"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    lines += ["title: 关于加强社区养老服务的提案", "---", "建议完善社区养老服务网络，加大财政支持力度。"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def repeated_openers(kind: str, size: int) -> str:
    """``size`` characters of one repeated Markdown opener that made the clean-up quadratic."""
    unit = {"comment": "<!--", "shortcode": "{{<", "bold": "**a ", "strike": "~~a ", "link": "[a",
            "image": "![a", "bold_italic": "***a ", "under_bold": "__a ", "autolink": "<http:a",
            "heading_blanks": None}[kind]
    if unit is None:
        return "# 标题" + " " * size + "x"
    return unit * (size // len(unit))
