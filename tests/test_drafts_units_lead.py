"""承办单位: who leads is the body whose duty the matter is (from what outside readers and the filed-proposal proxy
showed: a 人民团体 leading on a group word, "据统计" naming 统计局, 生活垃圾分类 with no body at all)."""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level


def _lead(text: str, level: str = "省") -> tuple[str, list[str]]:
    hs = load_departments_for_level(level).suggest(text, level=level)
    return hs[0].name, [h.name for h in hs[1:]]


def test_a_peoples_organisation_does_not_lead_on_a_group_word():
    # no body named: the duty words decide (青年 said five times, 教师/学校 the object)
    text = ("关于加大力度提升城乡青年教师教学素养的建议。近年来我省青年教师数量增长较快，部分青年教师教学经验不足，"
            "青年人才流失。建议完善青年教师培训体系，推动城乡青年教师交流。")
    lead, others = _lead(text)
    assert lead == "省教育厅", (lead, others)


def test_a_named_peoples_organisation_still_leads():
    text = "建议由团省委牵头，组织青年志愿服务队伍，开展青少年志愿服务项目。"
    lead, _ = _lead(text)
    assert lead == "团省委"


def test_according_to_statistics_names_no_statistics_bureau():
    text = ("关于缓解城市停车难的建议。据统计，全市机动车保有量年均增长10%，停车泊位缺口较大。"
            "建议加强交通管理，完善停车收费标准，规范路内停车秩序。")
    lead, others = _lead(text)
    assert "省统计局" not in [lead, *others], (lead, others)


def test_household_waste_sorting_has_its_body_at_each_level():
    text = "关于加强生活垃圾分类工作的建议。建议完善垃圾分类设施，规范餐厨垃圾收运处置，加强环卫作业监管。"
    assert _lead(text, "省")[0] == "省住房城乡建设厅"
    assert _lead(text, "市")[0] == "市城市管理局"
