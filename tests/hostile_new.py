"""A second corpus of hostile files, invented for the re-probe (none of them existed in the project before).

Each builder writes one file and returns its path; ``scale`` shrinks the big ones for tests (1.0 is the size
the benchmark uses: tens of MB at most, generated in seconds, never kept in the repo).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from hostile_fixtures import _SS_NS, _XLSX_HEADER_ROW, _cell, document_xml, write_docx
from hostile_fixtures import _CT_XLSX, _CT_XLSX_SST, _XLSX_ROOT_RELS

_TEXT = "建议完善社区养老服务网络，加大财政支持力度。"


def _xlsx(path: Path, sheets: dict[str, bytes | str], shared: bytes | None = None) -> Path:
    """A workbook with the given sheet XMLs (name → sheetN.xml content) and an optional sharedStrings part."""
    names = list(sheets)
    wb = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_SS_NS}" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 10}"/>' for i, n in enumerate(names))
          + "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i + 10}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                      f'relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(names)))
            + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/>' if shared is not None else "")
            + "</Relationships>")
    ct = (_CT_XLSX_SST if shared is not None else _CT_XLSX).replace(
        "</Types>", "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                            for i in range(1, len(names))) + "</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", ct)
        zf.writestr("_rels/.rels", _XLSX_ROOT_RELS)
        zf.writestr("xl/workbook.xml", wb)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        for i, n in enumerate(names):
            zf.writestr(f"xl/worksheets/sheet{i + 1}.xml", sheets[n])
        if shared is not None:
            zf.writestr("xl/sharedStrings.xml", shared)
    return path


def _sheet(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_SS_NS}">{dim}'
            f"<sheetData>{rows}</sheetData></worksheet>")


_ROW2 = f'<row r="2">{_cell("A2", "关于加强养老服务的提案")}{_cell("B2", _TEXT)}</row>'


def xlsx_huge_dimension(path: Path) -> Path:
    """Two real rows under a declared dimension of the whole grid (A1:XFD1048576)."""
    return _xlsx(path, {"Sheet1": _sheet(_XLSX_HEADER_ROW + _ROW2, "A1:XFD1048576")})


def xlsx_many_sheets(path: Path, n: int = 2000) -> Path:
    """``n`` sheets of one header and one row each."""
    sheets = {f"S{i}": _sheet(_XLSX_HEADER_ROW + _ROW2.replace("养老服务", f"养老服务{i}")) for i in range(n)}
    return _xlsx(path, sheets)


def xlsx_shared_strings_bomb(path: Path, scale: float = 1.0) -> Path:
    """Millions of tiny shared strings (~150 MB of objects from ~40 MB XML, under the zip guard), 2 rows using them."""
    n = int(2_400_000 * scale)
    si = b"<si><t>a</t></si>"
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_SS_NS}" count="{n + 2}" uniqueCount="{n + 2}">'.encode()
    body = head + "<si><t>标题</t></si><si><t>正文</t></si>".encode() + si * n + b"</sst>"
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>' + _ROW2
    return _xlsx(path, {"Sheet1": _sheet(rows)}, shared=body)


def xlsx_wide_row(path: Path, scale: float = 1.0) -> Path:
    """A header and one data row of 16,384 columns… repeated: each row is a quarter-million empty-valued cells."""
    cols = int(16_384 * scale)
    from openpyxl.utils import get_column_letter

    letters = [get_column_letter(i + 1) for i in range(cols)]
    wide = "".join(f'<c r="{c}3"><v>1</v></c>' for c in letters)
    return _xlsx(path, {"Sheet1": _sheet(_XLSX_HEADER_ROW + _ROW2 + f'<row r="3">{wide}</row>')})


def docx_nested_tables(path: Path, depth: int = 300) -> Path:
    """A table in a cell of a table … ``depth`` levels deep, text at the bottom."""
    inner = f'<w:p><w:r><w:t>{_TEXT}</w:t></w:r></w:p>'
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl><w:p/>"
    return write_docx(path, document_xml(["关于嵌套表格的提案"], extra_body=inner))


def docx_one_huge_run(path: Path, scale: float = 1.0) -> Path:
    """document.xml of ~40 MB holding one paragraph with one run of text (no break anywhere)."""
    text = "政" * int(13_000_000 * scale)  # 3 bytes each in UTF-8
    return write_docx(path, document_xml([text]))


def pdf_huge_page_count(path: Path) -> Path:
    """A PDF whose page tree claims a billion pages and whose single page kid is the tree itself."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1000000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 712 Td (Hello) Tj ET\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(out))
        out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offs)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def html_entity_expansion(path: Path, levels: int = 8) -> Path:
    """An internal DTD whose entities double ten-fold per level (a billion-laughs page)."""
    ents = ['<!ENTITY e0 "建议加强养老服务。">'] + [
        f'<!ENTITY e{i} "{("&e" + str(i - 1) + ";") * 10}">' for i in range(1, levels + 1)]
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE html [{"".join(ents)}]>'
                    f"<html><head><title>实体扩展</title></head><body><p>正文第一段：政协委员建言。</p>"
                    f"<p>&e{levels};</p></body></html>", encoding="utf-8")
    return path


def html_many_unclosed_tags(path: Path, n: int = 100_000) -> Path:
    """100k opening tags of mixed kinds never closed (``<b><i><span>…``), text among them."""
    tags = "".join(("<b>", "<i>", "<span>", "<font>")[i % 4] + ("政" if i % 100 == 0 else "") for i in range(n))
    path.write_text("<html><body><p>关于未闭合标签网页的正文第一段，政协委员围绕营商环境建言献策。</p>" + tags,
                    encoding="utf-8")
    return path


def utf16_without_bom(path: Path) -> Path:
    path.write_bytes(("关于加强养老服务的提案\n" + _TEXT * 50 + "\n").encode("utf-16-le"))
    return path


def text_with_nuls(path: Path) -> Path:
    """Chinese text with NUL bytes between the characters (as some exports leave them)."""
    path.write_bytes("\x00".join("关于加强养老服务的提案\n" + _TEXT * 20).encode("utf-8"))
    return path


def one_line_text(path: Path, scale: float = 1.0) -> Path:
    """~45 MB of Chinese text on one line (under the 50 MB file limit): no newline, no sentence end."""
    unit = "政协委员围绕营商环境建言献策加强养老服务"
    path.write_bytes((unit * int(45_000_000 * scale / len(unit.encode()))).encode("utf-8"))
    return path


def hostile_file_name(folder: Path) -> Path:
    """A name with a newline and a right-to-left override that would forge a log line or reverse a title."""
    path = folder / "关于\u202e托育\n2026-12-06 INFO refresh ok.md"
    path.write_text("# 关于托育服务的提案\n\n" + _TEXT + "\n", encoding="utf-8")
    return path


def jsonl_one_huge_line(path: Path, scale: float = 1.0) -> Path:
    """One JSON object on one ~45 MB line (text field), then a normal line."""
    big = json.dumps({"title": "超长行", "text": "政" * int(15_000_000 * scale)}, ensure_ascii=False)
    ok = json.dumps({"title": "关于加强养老服务的提案", "text": _TEXT}, ensure_ascii=False)
    path.write_text(big + "\n" + ok + "\n", encoding="utf-8")
    return path


def csv_huge_field(path: Path, scale: float = 1.0) -> Path:
    """A CSV whose second row has a 10 MB quoted text field (csv's default field limit is 128 KB)."""
    field = "政" * int(3_400_000 * scale)
    path.write_text(f'标题,正文\n关于加强养老服务的提案,{_TEXT}\n超长字段,"{field}"\n关于优化营商环境的提案,建议推行综合查一次。\n',
                    encoding="utf-8")
    return path


def docx_ten_thousand_entries(path: Path, n: int = 10_000) -> Path:
    """A valid .docx with ``n`` extra (tiny) zip entries beside the document."""
    extra = {f"customXml/item{i}.xml": b"<a/>" for i in range(n)}
    return write_docx(path, document_xml(["关于压缩包条目过多的提案", _TEXT]), extra=extra)


def build_all(d: Path, scale: float = 1.0) -> dict[str, Path]:
    """Every case, named as in docs/figures/hostile2.md."""
    d.mkdir(parents=True, exist_ok=True)
    return {
        "xlsx, declared dimension A1:XFD1048576": xlsx_huge_dimension(d / "dim.xlsx"),
        "xlsx, 2,000 sheets": xlsx_many_sheets(d / "sheets.xlsx"),
        "xlsx, shared-strings bomb (2.4M strings)": xlsx_shared_strings_bomb(d / "sst_bomb.xlsx", scale),
        "xlsx, one row of 16,384 cells": xlsx_wide_row(d / "wide.xlsx", scale),
        "docx, tables nested 300 deep": docx_nested_tables(d / "nested.docx"),
        "docx, one 39 MB run": docx_one_huge_run(d / "onerun.docx", scale),
        "docx, 10,000 zip entries": docx_ten_thousand_entries(d / "entries.docx"),
        "PDF, /Count 10⁹ and a self-kid": pdf_huge_page_count(d / "pages.pdf"),
        "HTML, entity expansion (10⁸)": html_entity_expansion(d / "entities.html"),
        "HTML, 100k unclosed tags": html_many_unclosed_tags(d / "unclosed.html"),
        "UTF-16 without BOM (.txt)": utf16_without_bom(d / "utf16.txt"),
        "NUL between every character (.txt)": text_with_nuls(d / "nuls.txt"),
        "45 MB on one line (.txt)": one_line_text(d / "oneline.txt", scale),
        "name with newline + RTL override (.md)": hostile_file_name(d),
        ".jsonl, one 45 MB line": jsonl_one_huge_line(d / "big.jsonl", scale),
        "CSV, a 10 MB field": csv_huge_field(d / "field.csv", scale),
    }
