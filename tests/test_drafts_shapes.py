"""Every input shape of a report gives the same drafts: blank-line text, one newline per paragraph, hard-wrapped
paste, a Normal-style .docx, the same .docx read by the ingest reader, a heading-styled .docx — with a table.

Built from the failing cases of the assembled-report benchmark (jszx2019_dev tuning rows 0–143, seed 5):
report 18 (rows 42, 13, 21, 112, 8) read "（一）加强基础设施建设，着力解决……的问题1．强化……" as one paragraph in the
blank-line text but as heading + body when the 36-字 hard wrap fell right after the heading; report 1 (rows 29, 101,
130, 68) joined a wrap inside "VOCs" as "VO Cs". A .docx table was dropped by ``read_report`` and its rows, once
read, were quoted alone ("2；关于加快建设……；资源环境") as drafts' situation.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import pytest

from topicmine.drafts import read_report, split_report
from topicmine.ingest.normalize import normalize_text
from topicmine.text.layout import normalize_layout

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from realdata_paths import DATA  # noqa: E402
DEV = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"
needs_data = pytest.mark.skipif(not DEV.is_file(), reason=f"real proposals not found at {DEV}")


def _rows(idx: list[int]) -> list[dict[str, str]]:
    rows = list(csv.DictReader(DEV.open(encoding="utf-8")))
    return [rows[i] for i in idx]


def _sig(res) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(d.genre, d.title, re.sub(r"\s+", "", d.body_text())) for d in res.drafts]


def test_a_heading_fused_with_its_first_item_is_cut_in_every_shape() -> None:
    fused = "（一）加强基础设施建设，着力解决医疗基层服务网络不完善的问题1．强化“大基层”体系理念将符合条件的机构纳入管理。"
    assert normalize_layout(fused).split("\n\n") == [
        "（一）加强基础设施建设，着力解决医疗基层服务网络不完善的问题", "1．强化“大基层”体系理念将符合条件的机构纳入管理。"]
    # a number inside a sentence is not an item: nothing is cut
    assert normalize_layout("（二）基层床位占比为19.06%，距25%的目标尚有缺口。") == "（二）基层床位占比为19.06%，距25%的目标尚有缺口。"


def test_a_mechanical_wrap_inside_a_latin_word_adds_no_space() -> None:
    para = "细颗粒物、臭氧和挥发性有机物（VOCs）等排放量又显著上升，机动车尾气污染已经逐步代替煤烟污染，成为污染物的主要来源。" * 2
    cut = para.index("VO") + 2  # the 36-字 cut of the benchmark fell between "VO" and "Cs"
    lines = [para[i : i + cut] for i in range(0, len(para), cut)]
    assert "VOCs" in normalize_layout("\n".join(lines))
    assert "VO Cs" not in normalize_layout("\n".join(lines))


def test_a_docx_table_is_read_in_place_and_no_row_is_quoted_alone(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("一、基本情况")
    d.add_paragraph("全市有养老机构120家，护理员1800人。")
    t = d.add_table(rows=3, cols=3)
    for i, row in enumerate([("区", "机构数", "床位"), ("姑苏区", "30家", "4000张"), ("吴中区", "25家", "3500张")]):
        for j, c in enumerate(row):
            t.cell(i, j).text = c
    for line in ("二、存在问题", "护理人员流失严重，待遇偏低。", "三、对策建议", "提高护理人员薪酬待遇，建立岗位补贴制度。"):
        d.add_paragraph(line)
    d.save(str(tmp_path / "r.docx"))
    text, _ = read_report(tmp_path / "r.docx")
    assert text.index("姑苏区\t30家\t4000张") < text.index("二、存在问题")  # in body order, cells tab-separated
    res = split_report(text, layout=True)
    quoted = " ".join(p.text for dr in res.drafts for s in dr.sections for p in s.paragraphs)
    assert "护理员1800人" in quoted and "姑苏区" not in quoted and "机构数" not in quoted


@needs_data
@pytest.mark.parametrize("rows", [[42, 13, 21, 112, 8], [29, 101, 130, 68]], ids=["fused-heading", "latin-wrap"])
@pytest.mark.parametrize("tables", [False, True], ids=["text", "with-table"])
def test_every_shape_gives_the_same_drafts(rows: list[int], tables: bool, tmp_path: Path) -> None:
    import drafts_assembled as bench

    text, _truth = bench.assemble(_rows(rows), tables=tables)
    sigs = {name: _sig(split_report(normalize_text(t), headings=h, layout=True))
            for name, (t, h) in bench.shapes(text, tmp_path).items()}
    assert set(sigs) == {"blank-line", "one-newline", "hard-wrapped", "docx-normal", "docx-ingest", "docx-headings"}
    assert len(sigs["blank-line"]) >= 4
    for name, sig in sigs.items():
        assert sig == sigs["blank-line"], name
