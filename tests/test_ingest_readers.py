"""Every reader on files generated here: encodings, Markdown, .docx, tables, PDF, HTML."""

from __future__ import annotations

import codecs
import json
import socket
import zipfile
from pathlib import Path

import pytest

from topicmine.config import IngestSettings
from topicmine.errors import ReaderError
from topicmine.ingest import ReadResult, read_documents, read_file
from topicmine.records import DocType

LIMITS = IngestSettings()

PROPOSAL = (
    "关于加快发展银发经济的提案\n"
    "调研情况：我省60岁及以上人口占比已超过22%，养老服务需求快速增长。\n"
    "问题分析：一是供给结构不合理；二是专业人才短缺。\n"
    "具体建议：一是完善社区嵌入式养老服务网络；二是加强养老护理员培训。"
)


# ---- text encodings ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gbk", b""),
        ("gb18030", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),  # no BOM: detected heuristically
        ("utf-16-be", b""),
    ],
)
def test_text_encodings_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    f = tmp_path / f"提案_{encoding}_{len(bom)}.txt"
    f.write_bytes(bom + PROPOSAL.encode(encoding))
    r = read_file(f, LIMITS)
    assert isinstance(r, ReadResult)
    assert r[0].text.lstrip("\ufeff") == PROPOSAL
    assert r.issues == []


def test_gb18030_only_characters(tmp_path: Path) -> None:
    text = "㐀 䶮 镕基 —— 这些字在 GB2312 之外，在 GB18030 之内。" * 5
    f = tmp_path / "生僻字.txt"
    f.write_bytes(text.encode("gb18030"))
    assert read_file(f, LIMITS)[0].text == text


def test_explicit_encoding_override(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(PROPOSAL.encode("gbk"))
    assert read_file(f, LIMITS, encoding="gbk")[0].text == PROPOSAL
    with pytest.raises(ReaderError, match="utf-8"):
        read_file(f, LIMITS, encoding="utf-8")


# ---- Markdown --------------------------------------------------------------------------
MD = """---
title: 2023年政府工作报告
date: 2023-01-12
categories:
  - 政府工作报告
tags: [营商环境, 共同富裕]
region: 浙江省
author: 王浩
---

# **政府工作报告**

**2023年1月12日在浙江省第十四届人民代表大会第一次会议上**

## 一、2022年工作回顾

我们坚持*稳中求进*，__全力__推进[共同富裕示范区](https://www.zj.gov.cn/a.html)建设。

> （2008年6月6日）

- 第一项
- 第二项

| 指标 | 增速 |
|---|---|
| GDP | 3% |

![图片](a.png)
{{% blocks/cover title="x" %}}
"""


def test_markdown_front_matter_and_markup(tmp_path: Path) -> None:
    f = tmp_path / "2023.md"
    f.write_text(MD, encoding="utf-8")
    raw = read_file(f, LIMITS)[0]
    assert raw.meta["title"] == "2023年政府工作报告"
    assert raw.meta["date"] == "2023-01-12"
    assert raw.meta["categories"] == ["政府工作报告"]
    assert raw.meta["tags"] == ["营商环境", "共同富裕"]
    t = raw.text
    assert "**" not in t and "__" not in t and "*稳" not in t and "](" not in t and "{{" not in t
    assert "我们坚持稳中求进，全力推进共同富裕示范区建设。" in t
    assert "2023年1月12日在浙江省第十四届人民代表大会第一次会议上" in t
    assert "（2008年6月6日）" in t and "\n第一项\n第二项" in t
    assert "指标\t增速" in t and "GDP\t3%" in t
    assert raw.headings == [("政府工作报告", 1), ("一、2022年工作回顾", 2)]
    assert t.splitlines()[1] == "政府工作报告"  # headings stay in the text as plain lines


def test_broken_front_matter_is_an_issue_not_a_failure(tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    f.write_text("---\ntitle: [unclosed\n---\n正文内容。", encoding="utf-8")
    r = read_file(f, LIMITS)
    assert r[0].text.strip() == "正文内容。"
    assert r.issues and "front matter" in r.issues[0].reason


# ---- .docx -----------------------------------------------------------------------------
def _make_docx(path: Path, *, with_table: bool = True, heading_style: str = "Heading 1") -> Path:
    import docx

    d = docx.Document()
    d.core_properties.title = "关于加快发展银发经济的调研报告"
    d.core_properties.author = "省政协社会法制委员会"
    d.add_heading("关于加快发展银发经济的调研报告", level=0)
    d.add_heading("一、基本情况", level=1)
    d.add_paragraph("我省60岁及以上人口占比已超过22%。")
    if with_table:
        t = d.add_table(rows=2, cols=3)
        for i, row in enumerate([("地区", "老年人口", "占比"), ("南京市", "200万", "21%")]):
            for j, v in enumerate(row):
                t.cell(i, j).text = v
    d.add_heading("（一）存在问题", level=2)
    d.add_paragraph("一是供给结构不合理。")
    d.save(str(path))
    return path


def test_docx_order_tables_headings_props(tmp_path: Path) -> None:
    f = _make_docx(tmp_path / "调研报告.docx")
    raw = read_file(f, LIMITS)[0]
    lines = [ln for ln in raw.text.splitlines() if ln.strip()]
    assert lines == [
        "关于加快发展银发经济的调研报告",
        "一、基本情况",
        "我省60岁及以上人口占比已超过22%。",
        "地区\t老年人口\t占比",
        "南京市\t200万\t21%",
        "（一）存在问题",
        "一是供给结构不合理。",
    ]
    assert raw.headings == [("关于加快发展银发经济的调研报告", 0), ("一、基本情况", 1), ("（一）存在问题", 2)]
    assert raw.meta["title"] == "关于加快发展银发经济的调研报告"
    assert raw.meta["author"] == "省政协社会法制委员会"
    docs, issues = read_documents(f, LIMITS)
    assert issues == [] and docs[0].doc_type is DocType.report


def test_docx_chinese_heading_style_names(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    st = d.styles.add_style("标题 2", 1)  # WPS-style Chinese style name
    st.base_style = d.styles["Normal"]
    d.add_paragraph("二、存在的问题", style="标题 2")
    d.add_paragraph("正文。")
    f = tmp_path / "wps.docx"
    d.save(str(f))
    assert read_file(f, LIMITS)[0].headings == [("二、存在的问题", 2)]


def test_docx_merged_cells_not_repeated(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    a = t.cell(0, 0).merge(t.cell(0, 1))
    a.text = "合并单元格"
    t.cell(0, 2).text = "右"
    f = tmp_path / "m.docx"
    d.save(str(f))
    assert "合并单元格\t右" in read_file(f, LIMITS)[0].text


def test_docx_external_relationships_and_entities_fetch_nothing(tmp_path: Path, monkeypatch) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    d = docx.Document()
    d.add_paragraph("正文内容 &xxe; 结束")
    d.part.relate_to("http://evil.example/x.png", RT.IMAGE, is_external=True)
    d.part.relate_to(
        "http://evil.example/template.dotx",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
        is_external=True,
    )
    d.part.relate_to("file:///etc/passwd", RT.HYPERLINK, is_external=True)
    f = tmp_path / "hostile.docx"
    d.save(str(f))
    # inject an external entity declaration into the main part
    tmp = tmp_path / "hostile2.docx"
    with zipfile.ZipFile(f) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                s = data.decode("utf-8")
                decl_end = s.index("?>") + 2
                s = (s[:decl_end] + '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">'
                     '<!ENTITY net SYSTEM "http://evil.example/e">]>' + s[decl_end:])
                s = s.replace("&amp;xxe;", "&xxe;&net;")
                data = s.encode("utf-8")
            zout.writestr(item, data)

    def no_network(*a, **k):
        raise AssertionError("network access attempted while reading a .docx")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    for path in (f, tmp):
        try:
            r = read_file(path, LIMITS)
        except ReaderError as exc:  # refusing is fine; fetching is not
            assert "docx" in exc.reason
            continue
        assert "root:" not in r[0].text
        assert "正文内容" in r[0].text


# ---- tables ----------------------------------------------------------------------------
def test_csv_rows_columns_guessed_and_empty_rows(tmp_path: Path) -> None:
    f = tmp_path / "提案.csv"
    rows = [
        "personnel_name,pkid,publish_time,reason,type,year,content",
        '邹正,a1,2019-01-12 16:04:48,关于完善城市环卫公厕指引系统的建议,城乡建设,2019,"调研情况：\n多行正文。"',
        ",,,,,,",
        "张三,a2,2019-01-13,关于没有正文的建议,经济发展,2019,",
        "李四,a3,2019/1/14,关于加强老小区光纤化改造的建议,城乡建设,2019,正文二。",
    ]
    f.write_bytes(("\ufeff" + "\r\n".join(rows)).encode("utf-8"))
    r = read_file(f, LIMITS)
    assert [d.locator for d in r] == ["row 2", "row 5"]
    assert r[0].meta["title"] == "关于完善城市环卫公厕指引系统的建议"
    assert r[0].meta["author"] == "邹正" and r[0].meta["category"] == "城乡建设" and r[0].meta["id"] == "a1"
    assert r[0].text == "调研情况：\n多行正文。"
    assert len(r.issues) == 1 and r.issues[0].locator == "row 4" and "没有正文" in r.issues[0].reason


def test_csv_gbk_and_explicit_columns(tmp_path: Path) -> None:
    f = tmp_path / "gbk.csv"
    f.write_bytes("案由,文稿,提交人\n关于A的提案,内容A。,王五\n".encode("gbk"))
    with pytest.raises(ReaderError, match="找不到正文列"):
        read_file(f, LIMITS)
    r = read_file(f, LIMITS, {"text": "文稿", "author": "提交人"})
    assert r[0].text == "内容A。" and r[0].meta["author"] == "王五" and r[0].meta["title"] == "关于A的提案"
    with pytest.raises(ReaderError, match="不存在"):
        read_file(f, LIMITS, {"text": "没有这列"})


def test_tsv(tmp_path: Path) -> None:
    f = tmp_path / "a.tsv"
    f.write_text("title\ttext\n标题一\t正文一\n", encoding="utf-8")
    r = read_file(f, LIMITS)
    assert r[0].meta["title"] == "标题一" and r[0].text == "正文一"


def test_rows_bounded_by_max_rows(tmp_path: Path) -> None:
    f = tmp_path / "many.csv"
    f.write_text("text\n" + "\n".join(f"第{i}条" for i in range(50)), encoding="utf-8")
    r = read_file(f, IngestSettings(max_rows=10))
    assert len(r) == 10
    assert any("上限 10" in i.reason for i in r.issues)


def _xlsx(path: Path, rows: list[tuple], *, empty_tail: int = 0) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    for row in rows:
        ws.append(list(row))
    for _ in range(empty_tail):
        ws.append([None, None, None])
    wb.save(str(path))
    return path


def test_xlsx_chinese_columns(tmp_path: Path) -> None:
    import datetime as dt

    f = _xlsx(
        tmp_path / "留言.xlsx",
        [
            ("留言编号", "留言用户", "留言主题", "留言时间", "留言详情", "一级分类"),
            (37, "A000107866", "A市在水一方大厦人为烂尾多年", dt.datetime(2020, 1, 4, 11, 17, 46), "\n\t\t位于书院路主干道的大厦烂尾多年。", "城乡建设"),
            (None, None, None, None, None, None),
            (38, "A0009647", "没有详情的留言", "2018/7/17 7:13:58", None, "劳动和社会保障"),
        ],
    )
    r = read_file(f, LIMITS)
    assert len(r) == 1 and r[0].locator == "row 2"
    m = r[0].meta
    assert m["title"] == "A市在水一方大厦人为烂尾多年" and m["id"] == 37 and m["author"] == "A000107866"
    assert m["date"] == "2020-01-04 11:17:46" and m["category"] == "城乡建设"
    assert [i.locator for i in r.issues] == ["row 4"]


def test_xlsx_with_huge_empty_tail_is_fast(tmp_path: Path) -> None:

    f = _xlsx(tmp_path / "tail.xlsx", [("title", "text"), ("标题", "正文")], empty_tail=60_000)
    r = read_file(f, LIMITS)  # bounded by the empty-row stop, not by a timer
    assert len(r) == 1


def test_jsonl_and_bad_lines(tmp_path: Path) -> None:
    f = tmp_path / "reports.jsonl"
    lines = [
        json.dumps({"title": "2025年政府工作报告", "url": "https://x", "content": "各位代表：……", "year": "2025"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "无正文", "content": ""}, ensure_ascii=False),
        "",
        json.dumps([1, 2]),
    ]
    f.write_text("\n".join(lines), encoding="utf-8")
    r = read_file(f, LIMITS)
    assert len(r) == 1 and r[0].meta["year"] == "2025" and r[0].meta["url"] == "https://x"
    assert sorted(i.locator for i in r.issues) == ["line 2", "line 3", "line 5"]


# ---- PDF -------------------------------------------------------------------------------
def _pdf_with_text(path: Path, text: str) -> Path:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    w = PdfWriter()
    page = w.add_blank_page(width=595, height=842)
    font = DictionaryObject(
        {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
         NameObject("/BaseFont"): NameObject("/Helvetica")}
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = w._add_object(stream)
    with path.open("wb") as fh:
        w.write(fh)
    return path


def test_pdf_text_layer(tmp_path: Path) -> None:
    f = _pdf_with_text(tmp_path / "report.pdf", "Proposal on elderly care services in Jiangsu 2024")
    r = read_file(f, LIMITS)
    assert "elderly care" in r[0].text


def test_scanned_pdf_refused(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    f = tmp_path / "扫描件.pdf"
    with f.open("wb") as fh:
        w.write(fh)
    with pytest.raises(ReaderError) as ei:
        read_file(f, LIMITS)
    assert "no text layer" in ei.value.reason and "OCR" in ei.value.reason
    assert ei.value.source == str(f)


# ---- HTML ------------------------------------------------------------------------------
HTML = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>2023年政府工作报告_浙江省人民政府</title>
<style>p{color:red}</style><script>var x = "脚本内容";</script></head>
<body><header>网站头部</header><nav>首页 | 政务公开</nav>
<div class="share">分享到：微信 微博</div>
<div class="TRS_Editor"><h1>2023年政府工作报告</h1>
<p>各位代表：</p><p>现在，我代表省人民政府向大会报告工作。</p>
<table><tr><td>指标</td><td>增速</td></tr></table>
<div style="display:none">隐藏内容</div></div>
<aside>相关阅读</aside><footer>版权所有</footer></body></html>"""


def test_html_main_text(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_bytes(HTML.encode("gb18030"))
    r = read_file(f, LIMITS)
    t = r[0].text
    assert t.splitlines() == ["2023年政府工作报告", "各位代表：", "现在，我代表省人民政府向大会报告工作。", "指标\t增速"]
    for junk in ("脚本", "网站头部", "政务公开", "分享到", "相关阅读", "版权所有", "隐藏内容", "color"):
        assert junk not in t
    assert r[0].meta["title"] == "2023年政府工作报告"
    assert r[0].headings == [("2023年政府工作报告", 1)]


def test_html_title_from_title_tag(tmp_path: Path) -> None:
    f = tmp_path / "p.htm"
    f.write_text("<html><head><title>关于加强营商环境建设的提案 - 省政协</title></head><body><p>正文。</p></body></html>",
                 encoding="utf-8")
    assert read_file(f, LIMITS)[0].meta["title"] == "关于加强营商环境建设的提案"


def test_deeply_nested_html_does_not_crash(tmp_path: Path) -> None:
    n = 100_000
    f = tmp_path / "deep.html"
    f.write_text("<html><body><p>开头正文。</p>" + "<div>" * n + "深处" + "</div>" * n + "</body></html>",
                 encoding="utf-8")
    r = read_file(f, IngestSettings(max_html_depth=50))
    assert "开头正文。" in r[0].text and "深处" not in r[0].text
    assert any("嵌套" in i.reason for i in r.issues)


# ---- misleading extensions --------------------------------------------------------------
def test_pdf_named_txt_is_read_as_pdf_with_issue(tmp_path: Path) -> None:
    f = _pdf_with_text(tmp_path / "really_a_pdf.txt", "Text layer content of a misnamed file")
    r = read_file(f, LIMITS)
    assert "misnamed" in r[0].text
    assert "扩展名 .txt 与内容不符" in r.issues[0].reason


def test_docx_named_md_is_read_as_docx(tmp_path: Path) -> None:
    f = tmp_path / "x.md"
    _make_docx(tmp_path / "y.docx").rename(f)
    r = read_file(f, LIMITS)
    assert "一、基本情况" in r[0].text and r.issues


def test_xlsx_named_docx_is_read_as_xlsx(tmp_path: Path) -> None:
    f = _xlsx(tmp_path / "t.xlsx", [("title", "text"), ("标题", "正文")]).rename(tmp_path / "t.docx")
    r = read_file(f, LIMITS)
    assert r[0].text == "正文" and "XLSX" in r.issues[0].reason


def test_html_named_txt(tmp_path: Path) -> None:
    f = tmp_path / "saved.txt"
    f.write_text("<!DOCTYPE html><html><body><p>网页正文。</p><script>x()</script></body></html>", encoding="utf-8")
    r = read_file(f, LIMITS)
    assert r[0].text == "网页正文。" and "网页" in r.issues[0].reason
