"""Export: .docx per GB/T 9704 (reopened with python-docx), Markdown and JSON shapes, style override."""

from __future__ import annotations

import json

import pytest

from topicmine.drafts import analyze_report, assemble_draft
from topicmine.export import export_docx, export_json, export_markdown, load_style

REPORT = """一、基本情况
全市共有养老机构126家，床位1.9万张，养老护理员仅2100人。
二、存在问题
（一）护理人才队伍不稳定。持证上岗率不足60%，年流失率超过30%。
三、对策建议
（一）加强养老护理人才队伍建设。一是提高护理员薪酬待遇，对取得职业技能等级证书的给予每月300元岗位补贴。二是将养老护理纳入职业技能培训补贴目录，每年培训护理员不少于500人次。
"""


@pytest.fixture
def draft():
    a = analyze_report(REPORT)
    return assemble_draft(a, a.groups[0], "proposal")


def _east_asia(run):
    from docx.oxml.ns import qn

    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def test_docx_gbt9704(tmp_path, draft):
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    path = export_docx(draft, tmp_path / "d.docx")
    doc = docx.Document(str(path))
    sec = doc.sections[0]
    assert abs(sec.page_width - Mm(210)) < Mm(0.1) and abs(sec.page_height - Mm(297)) < Mm(0.1)  # A4
    assert abs(sec.top_margin - Mm(37)) < Mm(0.1) and abs(sec.bottom_margin - Mm(35)) < Mm(0.1)
    assert abs(sec.left_margin - Mm(28)) < Mm(0.1) and abs(sec.right_margin - Mm(26)) < Mm(0.1)
    grid = sec._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"

    pars = [p for p in doc.paragraphs if p.text.strip()]
    title = next(p for p in pars if p.text == draft.title)
    assert title.alignment == 1  # centred
    assert _east_asia(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)

    h1 = [p for p in pars if p.style.name == "Heading 1"]
    assert [p.text for p in h1] == ["一、案由", "二、调研情况", "三、问题分析", "四、具体建议"]
    assert all(_east_asia(p.runs[0]) == "黑体" and p.runs[0].font.size == Pt(16) for p in h1)

    body = [p for p in pars if p.style.name == "Normal" and p.text.startswith("一是")]
    assert body, [p.text for p in pars]
    b = body[0]
    assert _east_asia(b.runs[0]) == "仿宋_GB2312" and b.runs[0].font.size == Pt(16)
    assert b.paragraph_format.first_line_indent == Pt(32)  # 2 characters of 3号
    assert abs(b.paragraph_format.line_spacing.pt - 28.95) < 0.01

    # page numbers: "— PAGE —" in 4号 宋体, odd right / even left (GB/T 9704 §7.5)
    for footer in (sec.footer, sec.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "fldChar" in xml
        p = footer.paragraphs[0]
        assert p.text.startswith("— ") and p.text.endswith(" —")
        assert _east_asia(p.runs[0]) == "宋体" and p.runs[0].font.size == Pt(14)
    assert doc.settings.odd_and_even_pages_header_footer


def test_docx_heading2_uses_kaiti(tmp_path):
    import docx

    a = analyze_report(REPORT.replace("（一）加强养老", "（一）加强养老") + "（二）补齐农村养老设施短板。一是改造乡镇敬老院电气线路。二是统筹福彩公益金支持敬老院转型。\n")
    d = assemble_draft(a, a.groups, "motion")
    doc = docx.Document(str(export_docx(d, tmp_path / "m.docx")))
    h2 = [p for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert h2 and all(_east_asia(p.runs[0]) == "楷体_GB2312" for p in h2)
    assert h2[0].text.startswith("（一）")


def test_style_override_file(tmp_path, draft):
    import docx
    from docx.shared import Mm, Pt

    style = tmp_path / "my_style.toml"
    style.write_text('[title]\nfont = "黑体"\nsize_pt = 20\n[page]\nmargin_top_mm = 30\n'
                     '[page_number]\nposition = "center"\n', encoding="utf-8")
    s = load_style(style)
    assert s["title"]["font"] == "黑体" and s["body"]["font"] == "仿宋_GB2312"  # merged with defaults
    doc = docx.Document(str(export_docx(draft, tmp_path / "o.docx", style=style)))
    t = next(p for p in doc.paragraphs if p.text == draft.title)
    assert _east_asia(t.runs[0]) == "黑体" and t.runs[0].font.size == Pt(20)
    assert abs(doc.sections[0].top_margin - Mm(30)) < Mm(0.1)
    assert doc.sections[0].footer.paragraphs[0].alignment == 1


def test_missing_style_file_is_a_config_error(tmp_path, draft):
    from topicmine.errors import ConfigError

    with pytest.raises(ConfigError, match="not found"):
        export_docx(draft, tmp_path / "x.docx", style=tmp_path / "nope.toml")


def test_markdown_shape(draft):
    md = export_markdown(draft, with_sources=True)
    lines = md.splitlines()
    assert lines[0] == f"# {draft.title}"
    assert "## 一、案由" in lines and "## 四、具体建议" in lines
    assert any(line.startswith("一是") and "<!-- 原文" in line for line in lines)


def test_json_shape(draft):
    d = json.loads(export_json(draft))
    assert d["genre"] == "proposal" and d["title"] == draft.title
    assert {"sections", "checks", "unit_ids", "text", "chars"} <= set(d)
    p = d["sections"][-1]["paragraphs"][0]
    # text = generated lead (the draft's own numbering, e.g. "一是") + the verbatim quote at start–end
    assert p["text"].startswith(p["lead"])
    assert REPORT[p["start"]:p["end"]].strip().startswith(p["text"][len(p["lead"]):][:5])
