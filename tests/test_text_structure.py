"""Document structure (topicmine.text.structure / layout): part labels, sections, and the same structure for
every input shape of one report (built here from corpus/sample/调研报告/*.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from topicmine.text.layout import normalize_layout
from topicmine.text.parts import classify_heading, part_kind
from topicmine.text.structure import front_matter_end, parse_sections, report_structure

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "corpus" / "sample" / "调研报告").glob("*/*.md"))

PART_CASES = [
    ("调研情况", "situation"), ("基本情况", "situation"), ("现状", "situation"), ("存在问题", "problem"),
    ("问题分析", "problem"), ("主要问题", "problem"), ("原因分析", "cause"), ("对策建议", "suggestion"),
    ("具体建议", "suggestion"), ("意见建议", "suggestion"), ("三、对策建议：", "suggestion"), ("案由", "other"),
    ("加强人才培养", None),
]


@pytest.mark.parametrize(("label", "kind"), PART_CASES)
def test_part_kind(label: str, kind: str | None) -> None:
    assert part_kind(label) == kind


SECTION_CASES = [
    # numbered outline
    ("一、基本情况\n我市有养老机构120家。\n二、存在问题\n护理人员流失严重。\n三、对策建议\n一是提高待遇。",
     [("一、", "基本情况", "situation"), ("二、", "存在问题", "problem"), ("三、", "对策建议", "suggestion")]),
    # a Jiangsu proposal's inline parts
    ("调研情况：我省现有托育机构3000余家。问题分析：普惠托位不足。具体建议：一是扩大普惠托育供给。",
     [("", "调研情况", "situation"), ("", "问题分析", "problem"), ("", "具体建议", "suggestion")]),
    # run-in heading: heading and body in one paragraph
    ("一、基本情况\n（一）产业基础较为扎实。苏州市现有低空经济企业300余家。\n（二）应用场景不断丰富。已开通航线20条。",
     [("一、", "基本情况", "situation"), ("（一）", "产业基础较为扎实", "situation"),
      ("（二）", "应用场景不断丰富", "situation")]),
    # 1. and （1） below （一）
    ("三、对策建议\n（一）强化人才支撑\n1.引进领军人才。实施专项计划。\n2.培养技能人才。\n（二）加大金融支持\n（1）设立产业基金。",
     [("三、", "对策建议", "suggestion"), ("（一）", "强化人才支撑", "suggestion"), ("1.", "引进领军人才", "suggestion"),
      ("2.", "培养技能人才", "suggestion"), ("（二）", "加大金融支持", "suggestion"), ("（1）", "设立产业基金", "suggestion")]),
    # not headings: 1.5亿元, 2、3月份, 一、二类
    ("投入1.5亿元。\n2、3月份开展检查。\n一、二类地区同步推进。", []),
]


@pytest.mark.parametrize(("text", "expected"), SECTION_CASES)
def test_sections(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(s.number, s.heading, s.kind) for s in parse_sections(text)] == expected


def test_section_offsets_and_nesting() -> None:
    t = SECTION_CASES[3][0]
    secs = parse_sections(t)
    for s in secs:
        assert t[s.start :].startswith(s.number)
        assert s.start < s.end <= len(t)
    assert [s.parent for s in secs] == [None, 0, 1, 1, 0, 4]


def test_run_in_vs_outline_and_part() -> None:
    t = ("一、基本情况\n（一）产业基础较为扎实。苏州市现有低空经济企业300余家。\n（二）应用场景\n已开通航线20条。\n"
         "二、原因分析\n监管体制尚未理顺。")
    secs = parse_sections(t)
    assert [(s.heading, s.run_in) for s in secs] == [
        ("基本情况", False), ("产业基础较为扎实", True), ("应用场景", False), ("原因分析", False)]
    assert [s.part for s in secs] == ["situation", "situation", "situation", "cause"]
    assert secs[-1].kind == "problem"  # drafting links a cause like a problem


def test_classify_heading() -> None:
    assert classify_heading("关于完善公厕指引系统的建议") == "matter"
    assert classify_heading("（二）短板弱项") == "problem"
    assert classify_heading("关于苏州市低空经济发展情况的调研报告") is None


def test_front_matter() -> None:
    t = ("关于苏州市低空经济发展情况的调研报告\n\n市政协经济委员会调研组\n\n2025年4月\n\n"
         "根据年度工作计划，调研组赴各区开展专题调研。现将调研情况报告如下：\n\n一、基本情况\n\n苏州市现有企业300余家。")
    end, title = front_matter_end(t, t.index("一、"))
    assert t[end:].startswith("一、基本情况")
    assert title == "关于苏州市低空经济发展情况的调研报告"
    # no front matter: a report starting at its first section
    assert front_matter_end("一、基本情况\n\n我市有养老机构120家。")[0] == 0


def test_tables_one_line_per_row() -> None:
    t = "二、存在问题\n指标\t2023年\t2024年\n养老床位\t1.8万\t2.1万\n护理员缺口较大。"
    norm = normalize_layout(t)
    assert "养老床位；1.8万；2.1万" in norm.split("\n\n")
    md = "| 指标 | 2023年 |\n| --- | --- |\n| 床位 | 1.8万 |"
    assert normalize_layout(md) == "指标；2023年\n\n床位；1.8万"


def test_docx_table_same_as_markdown_table(tmp_path: Path) -> None:
    """A table in a .docx (cells read tab-joined) and the same table in Markdown give the same layout: one line
    a row, cells joined by "；" — never one run-on line."""
    docx = pytest.importorskip("docx")
    from topicmine.config import IngestSettings
    from topicmine.ingest.readers import read_file

    doc = docx.Document()
    doc.add_paragraph("一、基本情况")
    doc.add_paragraph("全市养老服务主要指标如下。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("指标", "2023年", "2024年"), ("养老床位", "1.8万张", "2.1万张"), ("护理员", "1900人", "2100人")]):
        for c, val in enumerate(row):
            table.cell(r, c).text = val
    doc.add_paragraph("二、存在问题")
    doc.add_paragraph("护理员缺口较大。")
    doc.save(tmp_path / "t.docx")
    raw = read_file(tmp_path / "t.docx", IngestSettings())[0]
    md = ("一、基本情况\n\n全市养老服务主要指标如下。\n\n| 指标 | 2023年 | 2024年 |\n| --- | --- | --- |\n"
          "| 养老床位 | 1.8万张 | 2.1万张 |\n| 护理员 | 1900人 | 2100人 |\n\n二、存在问题\n\n护理员缺口较大。")
    a, b = report_structure(raw.text, raw.headings), report_structure(md)
    assert a.text == b.text
    assert "养老床位；1.8万张；2.1万张" in a.text.split("\n\n")
    assert a.outline() == b.outline() == [("一、", "基本情况", "situation", 1), ("二、", "存在问题", "problem", 1)]


def test_semicolons_never_cut_passages() -> None:
    t = "二、存在问题\n一是护理员流失严重；二是床位空置率高；三是医养结合不够。"
    s = report_structure(t)
    assert s.text.split("\n\n")[1] == "一是护理员流失严重；二是床位空置率高；三是医养结合不够。"


# ---------------------------------------------------------------------------------------------- shapes
def _body(md: Path) -> tuple[str, str]:
    """The report as blank-line text (YAML front matter and Markdown '#' removed) and its title."""
    raw = md.read_text(encoding="utf-8")
    raw = re.sub(r"\A---\n.*?\n---\n", "", raw, flags=re.S)
    title = re.search(r"^#\s+(.+)$", raw, re.M).group(1).strip()
    text = re.sub(r"^#{1,6}\s+", "", raw, flags=re.M)
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", text)
    return text.strip(), title


def _wrap(text: str, width: int = 34) -> str:
    """Hard-wrapped paste (as from a PDF): every paragraph cut into lines of ``width`` characters."""
    out = []
    for para in text.split("\n"):
        para = para.strip()
        if not para:
            continue
        out.extend(para[i : i + width] for i in range(0, len(para), width))
    return "\n".join(out)


def _docx(text: str, title: str, path: Path, styled: bool) -> tuple[str, list[tuple[str, int]]]:
    """Write the report as .docx (Normal style, or Title/Heading 1/Heading 2), read it back with the
    project's reader: (text, headings)."""
    docx = pytest.importorskip("docx")
    from topicmine.config import IngestSettings
    from topicmine.ingest.readers import read_file

    doc = docx.Document()
    for para in (p.strip() for p in text.split("\n")):
        if not para:
            continue
        if styled and para == title:
            doc.add_paragraph(para, style="Title")
        elif styled and re.match(r"[一二三四五六七八九十]+、", para) and len(para) <= 30:
            doc.add_paragraph(para, style="Heading 1")
        elif styled and re.match(r"（[一二三四五六七八九十]+）", para) and len(para) <= 30:
            doc.add_paragraph(para, style="Heading 2")
        else:
            doc.add_paragraph(para)
    doc.save(path)
    raw = read_file(path, IngestSettings())[0]
    return raw.text, list(raw.headings)


@pytest.mark.parametrize("md", SAMPLES, ids=[p.stem[:12] for p in SAMPLES])
def test_same_structure_for_every_input_shape(md: Path, tmp_path: Path) -> None:
    text, title = _body(md)
    shapes: dict[str, tuple[str, list[tuple[str, int]]]] = {
        "blank-line": (text, [(title, 1)]),
        "one-newline": (re.sub(r"\n\s*\n", "\n", text), []),
        "hard-wrapped": (_wrap(text), []),
        "docx-normal": _docx(text, title, tmp_path / "normal.docx", styled=False),
        "docx-headings": _docx(text, title, tmp_path / "styled.docx", styled=True),
    }
    got = {name: report_structure(t, h) for name, (t, h) in shapes.items()}
    ref = got["blank-line"]
    assert len(ref.sections) >= 6
    assert ref.title == title
    body = ref.text[ref.front_matter_end :]
    assert body.startswith(("一、", "（一）")), body[:40]
    for name, st in got.items():
        assert st.outline() == ref.outline(), name
        assert st.text[st.front_matter_end :] == body, name
        assert st.title == title, name
