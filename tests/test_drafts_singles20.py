"""Filed single proposals that check-draft failed although an office would file them (jszx2019_dev, seen rows):

- one matter whose aspects the text takes up in turn: row 167 (a title of two phrases, 东部机场 · 临空经济, whose
  measures alternate between them) and row 172 (measures numbered 1–7 straight through, whose situation says
  医药产业 · 药品研发 · 医药产业 in turn). The two sides took turns inside a part (X … Y … X), which two proposals pasted
  one after the other do not (each part: the first's text, then the second's). "包含 2 个不同事项" before.
- row 221, "建议在江苏率先实施专科医师准入制度，规范专科医师执医行为": the title check counted "江苏" (the body says 我省)
  and the adverb "率先" (the body says 先行试行) as missing key words: 2/7. Now 3/6, 题文相符.

The other side is kept: two proposals merged part by part still fail one-matter, the title check still fails a title
the body does not speak of, and a draft without measures still fails.
"""

from __future__ import annotations

import test_drafts_reading8 as r8
from _report_shape import proposal_parts
from realdata_paths import DATA, needs

from topicmine.drafts.checks import check_draft
from topicmine.drafts.halves import interleaved

pytestmark = needs(DATA / "jszx_proposals_2019")

_LABELS = ("调研情况", "问题分析", "具体建议")


def _filed(row: dict[str, str]) -> str:
    return row["reason"].strip() + "\n" + row["content"]


def _failed(text: str) -> list[str]:
    return [c.name for c in check_draft(text, "proposal").checks if not c.passed and c.severity == "error"]


def _merged(a: dict[str, str], b: dict[str, str]) -> str:
    """The benchmark's same-field shape: a's title; each part a's text, then b's."""
    pa, pb = ([proposal_parts(r["content"])[lab] for lab in _LABELS] for r in (a, b))
    return a["reason"].strip() + "\n" + "\n".join(f"{lab}：{x}\n{y}" for lab, x, y in zip(_LABELS, pa, pb))


def test_a_title_listing_two_aspects_whose_measures_take_turns_passes() -> None:
    """Row 167, 关于充分发挥东部机场的引领作用、挖掘临空经济潜力的建议: the title's two phrases (机场 · 临空经济) were read as
    two objects whose items each take one, for different departments ("标题并列了两个对象"). Its measures take them up
    in turn (临空产业园区 · 机场货运 · 通关 …, with 禄口机场 inside the 临空 items): one matter the title lists."""
    rows = r8._rows()
    assert "临空经济" in rows[167]["reason"] and "机场" in rows[167]["reason"]
    c = r8._by_name(_filed(rows[167]))
    assert c["one_matter"].passed, c["one_matter"].message
    assert c["title_body"].passed, c["title_body"].message


def test_measures_numbered_straight_through_whose_situation_takes_turns_pass() -> None:
    """Row 172, 关于深化医药行业供给侧改革的几点建议: measures 1–7 in one list, 1–5 on 药品研发/质量/监管, 6–7 on 医药互联网+ and
    生产端; "建议虽连续编号，前后两段所说的事各不相同". Its situation says 医药产业 · 药品研发 · 医药产业 in turn: one situation,
    which a paste (the first's situation, then the second's) never has."""
    rows = r8._rows()
    c = r8._by_name(_filed(rows[172]))
    assert c["one_matter"].passed, c["one_matter"].message


def test_a_province_and_an_adverb_in_the_title_are_no_missing_key_words() -> None:
    rows = r8._rows()
    assert "率先" in rows[221]["reason"] and "我省" in rows[221]["content"] and "率先" not in rows[221]["content"]
    c = r8._by_name(_filed(rows[221]))
    assert c["title_body"].passed, c["title_body"].message


def test_the_same_proposals_merged_part_by_part_still_fail_one_matter() -> None:
    """Two of the rows above, pasted part by part (each part: the first's text, then the second's): each side keeps
    one stretch of every part, so nothing takes turns, and the pair stays two matters."""
    rows = r8._rows()
    for a, b in ((248, 252), (252, 248), (31, 195), (167, 172), (172, 167)):
        c = r8._by_name(_merged(rows[a], rows[b]))
        assert not c["one_matter"].passed or not c["title_body"].passed, (a, b)


def test_a_title_the_body_does_not_speak_of_still_fails() -> None:
    rows = r8._rows()
    text = "关于在江苏率先建立长江岸线生态修复补偿制度的建议\n" + rows[248]["content"]
    c = r8._by_name(text)
    assert not c["title_body"].passed, c["title_body"].message


def test_a_filed_proposal_without_its_measures_still_fails() -> None:
    rows = r8._rows()
    p = proposal_parts(rows[248]["content"])
    text = rows[248]["reason"].strip() + "\n调研情况：" + p["调研情况"] + "\n问题分析：" + p["问题分析"]
    assert set(_failed(text)) & {"structure", "concrete_suggestions"}, _failed(text)


def test_interleaved_sides_take_turns_inside_a_part() -> None:
    # the aspects of row 252's measures: 1 专利(X) 2 代理(Y) 3 企业(X) 4 奖励(X) 5 中介(Y) — X … Y … X in 具体建议
    x, y = [(0, 10), (20, 30), (30, 40)], [(10, 20), (40, 50)]
    assert interleaved([x, y], [(0, 50)])
    # a paste: in each part the first's pieces, then the second's
    assert not interleaved([[(0, 10), (30, 40)], [(10, 30), (40, 50)]], [(0, 30), (30, 50)])


def test_the_title_check_on_a_written_shape_of_row_221() -> None:
    """Row 221's shape in other words: the title names the province and says 率先; the body says 我省 and 先行."""
    text = ("关于在江苏率先建立长期护理保险制度的建议\n"
            "调研情况：我省南通、苏州等地先行试点长期护理保险，失能老人照护费用负担有所减轻。\n"
            "问题分析：试点地区筹资渠道单一，护理服务标准不统一，长期护理保险与医疗保险衔接不畅。\n"
            "具体建议：1、省医保局出台长期护理保险制度实施办法，明确筹资标准。2、统一失能评估和护理服务标准。"
            "3、在全省推开长期护理保险制度，财政对困难失能老人给予补助。")
    c = r8._by_name(text)
    assert c["title_body"].passed, c["title_body"].message
    assert "率先" not in c["title_body"].message
