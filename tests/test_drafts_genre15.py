"""Genre from features that can each win, not from a body count; one concrete ask is not 内容空泛.

Built from the failing cases (jszx2019_dev tuning rows 0–143 and seen rows; the sample reports):
- one more 协办 body read from a described list ("公共资源分别由卫生、民政、人社、财政等不同部门分配") turned the
  医养结合 proposal (row 261) into a 建议案 at 2.15 vs 2.20; filed proposals 10, 62, 70, 77 (tuning rows) were
  suggested 建议案 on the bodies they name. A 建议案 comes from the matter's scope (its heading above all) and from
  bodies the text asks to act together, counted once;
- row 102's single ask "将“阿帕西普”等眼科黄斑病变类药物全部列入医疗参保目录" was called 内容空泛;
- row 182, a 243-字 single ask to change a rule ("在省自然科学基金项目申报中取消限额"), stays a 提案 by the rubric
  (社情民意信息 is for a timely grassroots situation), and its reasons no longer say it "符合社情民意信息".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from realdata_paths import DATA, needs
from topicmine.drafts import check_draft, read_report, split_report, suggest_genre
from topicmine.drafts.departments import load_departments, load_departments_for_level, report_level
from topicmine.drafts.genre import acting_departments

pytestmark = needs(DATA / "jszx_proposals_2019")

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "sample" / "调研报告"
DESCRIBED = "与医养有关的公共资源分别由卫生、民政、人社、财政等不同部门分配"


def _rows() -> list[dict[str, str]]:
    import test_drafts_reading8 as r8

    return r8._rows()


def test_a_described_list_of_bodies_asks_nothing() -> None:
    d = load_departments(None)
    assert acting_departments("医疗、养老分属不同领域，" + DESCRIBED + "。", d) == []
    # the same bodies asked to act together are
    assert len(acting_departments("建议卫生健康、民政、人社、财政等部门联合制定医养结合实施办法。", d)) == 4
    # a body that brings another in ("会同") and a list a joint meeting brings together ("统筹")
    assert acting_departments("由省卫生健康委会同省民政厅建立医养结合联席会议制度。", d) == ["省卫生健康委", "省民政厅"]
    assert len(acting_departments("建立联席会议制度，统筹卫生健康、民政、教育、人社等部门政策和资金。", d)) == 4


def test_more_bodies_in_a_described_list_do_not_move_the_genre_of_row_261() -> None:
    """The 医养结合 proposal: its described list read with one, two or four more bodies keeps its 建议案 score."""
    text = _rows()[261]["content"]
    assert DESCRIBED in text
    base = suggest_genre(text)
    longer = suggest_genre(text.replace("财政等不同部门", "财政、医保、发改、住建、教育等不同部门"))
    assert longer.features["n_departments"] > base.features["n_departments"]
    assert base.genre == longer.genre == "proposal"
    assert longer.scores["motion"] == base.scores["motion"]
    # and it stays below the proposal's score by more than one body's old credit (0.35)
    assert base.scores["proposal"] - base.scores["motion"] > 0.35


def test_bodies_asked_to_act_together_count_once_not_per_body() -> None:
    lead = "建议在全省统筹建立跨部门的医养结合体制机制，完善顶层设计，"
    three = suggest_genre(lead + "由省卫生健康委、省民政厅和省医保局共同推进。")
    six = suggest_genre(lead + "由省卫生健康委、省民政厅、省医保局、省财政厅、省人力资源社会保障厅和省发展改革委共同推进。")
    assert three.genre == six.genre == "motion"
    assert three.scores["motion"] == six.scores["motion"]
    assert any("个部门协同办理" in r for r in six.reasons)


@pytest.mark.parametrize("row", [10, 62, 70, 77])
def test_filed_proposals_naming_many_bodies_stay_proposals(row: int) -> None:
    """Tuning rows suggested 建议案 on the bodies they name (scores 2.25–2.9 vs 2.2): filed proposals are 提案."""
    g = suggest_genre(_rows()[row]["content"])
    assert g.genre == "proposal", (g.scores, g.reasons)


@pytest.mark.parametrize("name", ["2025/关于苏州市低空经济发展情况的调研报告.md",
                                  "2024/关于我省一老一小服务体系建设情况的调研报告.docx"])
def test_the_strategic_block_of_a_report_is_still_a_motion(name: str) -> None:
    """The report's first, strategic matter ("把低空经济作为全市战略性新兴产业统筹谋划", "强化顶层设计……全局统筹推进"),
    whose bodies a leading group or joint meeting brings together ("统筹发展改革、交通、工信、公安、数据等部门"),
    stays a 建议案 on its scope; the same matter under a heading without scope would not be one."""
    text, heads = read_report(REPORTS / name)
    res = split_report(text, headings=heads)
    a, g = res.analysis, res.analysis.groups[0]
    s = res.group_genres[g.id]
    assert s.genre == "motion", (s.scores, s.reasons)
    assert len(s.features["acting_departments"]) >= 3 and s.features["scope_heading"]
    assert any(d.genre == "motion" for d in res.drafts)
    dep = load_departments_for_level(report_level(text)[0])
    g.heading = "加强工作"  # the same asks and support under a heading without scope
    s2 = suggest_genre(g, units=a.group_units(g), departments=dep)
    assert s2.genre == "proposal" and s2.scores["motion"] < s.scores["motion"]


def test_one_concrete_ask_to_list_a_drug_is_not_vague() -> None:
    """Row 102: "建议将“阿帕西普”等眼科黄斑病变类药物全部列入医疗参保目录" is one concrete ask."""
    r = _rows()[102]
    c = next(c for c in check_draft(r["content"], title=r["reason"]).checks if c.name == "concrete_suggestions")
    assert c.passed, c.message
    # slogans alone are still 内容空泛
    slogan = ("关于加强医疗保障工作的提案\n调研情况：我省医疗保障工作取得积极进展。问题分析：群众看病负担仍然较重。"
              "具体建议：一是要高度重视，提高认识。二是要加强领导，形成合力。")
    c = next(c for c in check_draft(slogan).checks if c.name == "concrete_suggestions")
    assert not c.passed


def test_a_short_single_ask_without_urgency_stays_a_proposal() -> None:
    """Row 182 (243 字, one ask to change a rule, nothing urgent): a 提案 by the rubric, and its reasons say why a
    社情民意信息 does not fit instead of "符合社情民意信息"."""
    g = suggest_genre(_rows()[182]["content"])
    assert g.genre == "proposal"
    length = next(r for r in g.reasons if r.startswith("篇幅"))
    assert "社情民意信息不适用" in length and "符合社情民意信息" not in length
    # a short item reporting a hazard and asking to act now keeps the old words
    urgent = suggest_genre("近期群众反映某小区电动车违规充电隐患突出，亟需排查整治。建议社区开展专项检查。")
    assert any("符合社情民意信息“一事一报”" in r for r in urgent.reasons)


def test_growth_described_as_rapid_is_no_ask_for_now() -> None:
    """Row 1 (老小区光纤化改造, 1,456 字, 41 measures) became a 社情民意信息 at 2.30 vs 2.20 partly on "网络技术与业务的
    迅速发展" read as an ask to act now."""
    g = suggest_genre(_rows()[1]["content"])
    assert "迅速" not in g.features["immediate"]
    assert g.genre == "proposal", (g.scores, g.reasons)
    assert suggest_genre("建议迅速组织力量排查小区燃气管道隐患。").features["immediate"] == ["迅速"]
