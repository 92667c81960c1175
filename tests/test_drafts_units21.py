"""承办单位 and a measures' lead, from the sixth blind reader's drafts (docs/figures/drafts17-blind.md; its rows are seen
now):

- "关于完善立法、加强执法，有效推动居民个人信息保护的提案" was led by 省教育厅 because one sub-ask of measure 3 says
  "由省教育部门牵头，将公民个人信息保护纳入学生道德与法制课程"; measure 2 asks "江苏省公安机关" by name;
- "江苏高质量发展亟待良法善治" was led by 省文化和旅游厅 on the word 文化 inside "法治文化";
- the 产业工人 draft lacked 人社, which its measure 2 names as an actor ("人社、工会等面向全社会提供……公共就业服务");
- the 产业工人 measures' lead ended on "，" once the report's "提出如下建议：" was taken away as a label.
"""

from __future__ import annotations

import pytest

from topicmine.drafts.assemble import end_sentence
from topicmine.drafts.departments import load_departments_for_level

#: the 个人信息保护 proposal's shape, shortened: a title of 立法 + 执法, problems numbered 1、2、, measures 1、–3、; only
#: measure 3 puts a body in charge, of a task of its own (学生课程)
PRIVACY = ("关于完善立法、加强执法，有效推动居民个人信息保护的提案\n"
           "目前，我省的公民个人信息保护主要面临如下问题：1、缺少专门性立法保护。2、执法不严，公民个人信息泄露严重。\n"
           "有鉴于此，提出如下建议：1、加紧制定居民个人信息保护法规，形成打击有关违法犯罪的法规。"
           "2、严厉打击故意泄露、倒卖个人信息行为。建议江苏省公安机关结合上级任务，指挥各地级市公安局在年度内开展专门性执法战役，"
           "打掉一批个人信息贩卖团伙。3、积极开展宣传活动，增强个人保护意识。由省教育部门牵头，将公民个人信息保护纳入学生道德与"
           "法制课程的必学内容。设立居民个人信息保护日，开展主题宣教活动。")


def _units(text: str, level: str = "省") -> list[tuple[str, str]]:
    return [(h.name, h.role) for h in load_departments_for_level(level).suggest(text, level=level)]


def test_a_body_put_in_charge_of_one_measures_own_task_takes_part_and_does_not_lead() -> None:
    hs = load_departments_for_level("省").suggest(PRIVACY, level="省")
    got = [(h.name, h.role) for h in hs]
    assert got[0] == ("省公安厅", "主办"), got
    assert ("省教育厅", "协办") in got, got
    edu = next(h for h in hs if h.name == "省教育厅")
    assert any("其中一项措施" in r for r in edu.reasons), edu.reasons
    assert any("公安机关" in r for r in hs[0].reasons), hs[0].reasons


def test_the_same_charge_said_for_the_whole_matter_still_leads() -> None:
    # outside a list of measures, "由省教育部门牵头" is the matter's lead, as before
    text = ("关于加强学生个人信息保护教育的提案\n建议由省教育部门牵头，将个人信息保护纳入学生课程，公安机关配合开展宣传。")
    assert _units(text)[0] == ("省教育厅", "主办"), _units(text)
    # a charge over the field ("……为家庭教育的牵头单位") inside a measure is the matter's too
    text = ("关于建立家庭教育指导中心的提案\n具体建议：1、设立省级家庭教育指导中心。"
            "2、明确教育部门为家庭教育的牵头单位，学校配合开展家长学校。3、妇联做好社区家庭教育服务。")
    assert _units(text)[0] == ("省教育厅", "主办"), _units(text)


#: the 良法善治 proposal's measures, shortened: a 规范性文件 review, 放管服, 法治文化 宣传
RULE_OF_LAW = ("江苏高质量发展亟待良法善治\n"
               "具体建议：第一，对全省各级政府规范性文件进行“双降”标准评价，对于增加制度性交易成本的规定坚决取缔。"
               "第二，在“放管服”改革中，以是否降低企业市场交易成本为改革目标。"
               "第三，全社会进行理性法治文化宣传和教育，形成理性法治文化氛围。")


@pytest.mark.parametrize("level", ["省", "市"])
def test_a_word_inside_a_compound_naming_another_bodys_duty_does_not_seat_wenlv(level: str) -> None:
    got = _units(RULE_OF_LAW, level)
    assert got and got[0] == (f"{level}司法{'厅' if level == '省' else '局'}", "主办"), got
    assert all("文化和旅游" not in n for n, _ in got[:1]), got


def test_short_names_named_as_actors_are_bodies() -> None:
    d = load_departments_for_level("省")
    text = "畅通产业工人流动渠道，健全公共就业服务体系，人社、工会等面向全社会提供统一、规范、高效的公共就业服务。"
    assert {"省人力资源社会保障厅", "省总工会"} <= set(d.named(text)), d.named(text)
    # fields in a list are no bodies
    assert d.named("在教育、卫生等方面要加大投入，教育、医疗等领域提供服务。") == []
    draft = ("关于推动产业工人实现多劳者多得、技高者多得的提案\n"
             "1.协调各方，建立产业工人待遇引领机制，引导企业科学确定产业工人工资水平。"
             "2.多措并举，拓宽产业工人职业发展渠道，建立职业技能等级与专业技术职务相互衔接的机制。" + text +
             "3.聚焦重点，完善产业工人奖励激励机制，加大技术工人表彰奖励力度。")
    got = _units(draft)
    assert got[0] == ("省总工会", "主办"), got
    assert ("省人力资源社会保障厅", "协办") in got, got


def test_a_quote_stopping_on_a_comma_ends_as_a_sentence() -> None:
    src = "为充分发挥产业工人的重要作用，努力推动产业工人实现多劳者多得、技高者多得，提出如下建议：\n1．建立待遇引领机制。"
    cut = src.index("提出")
    assert end_sentence(src[:cut], src, cut).endswith("技高者多得，提出如下建议：")
    # nothing short to put back: the comma becomes a full stop
    src2 = "为充分发挥产业工人的重要作用，\n1．建立待遇引领机制。"
    assert end_sentence(src2[:15], src2, 15).endswith("作用。")
    # a sentence is left alone
    assert end_sentence("建立待遇引领机制。", "建立待遇引领机制。", 9) == "建立待遇引领机制。"


REPORT = "\n".join([
    "关于我省产业工人队伍建设和社区养老服务若干问题的调研报告",
    "省政协社会和法制委员会调研组",
    "现将调研情况报告如下：",
    "一、基本情况",
    "（一）产业工人队伍建设。作为制造业大省，江苏拥有规模庞大的产业工人队伍，产业工人队伍建设取得了重要进展。",
    "（二）社区养老服务。全省已建成社区居家养老服务中心一万余个，老年助餐点覆盖大部分街道。",
    "二、存在的主要问题",
    "（一）产业工人激励机制不完善。部分企业缺乏高技能人才的晋升和收入竞争机制，技术工人表彰奖项较少。",
    "（二）社区养老服务供给不足。护理人员流失严重，养老机构运营困难，失能老人照护缺口较大。",
    "三、对策建议",
    "（一）推动产业工人实现多劳者多得、技高者多得",
    "为充分发挥产业工人在高质量发展中的重要作用，努力推动产业工人实现多劳者多得、技高者多得，提出如下建议：",
    "1．建立产业工人待遇引领机制。提高产业工人经济待遇，引导企业科学确定产业工人工资水平并实现合理增长。",
    "2．拓宽产业工人职业发展渠道。建立职业技能等级与专业技术职务相互衔接的管理机制。",
    "3．完善产业工人奖励激励机制。加大技术工人表彰奖励力度，对技能大赛获奖选手给予一次性奖励。",
    "（二）提升社区养老服务水平",
    "1．加强养老护理人才队伍建设。提高养老护理员待遇，建立职业晋升通道。",
    "2．扶持社区养老机构运营。对社区养老机构给予运营补贴，支持连锁化运营。",
])


def test_no_paragraph_of_a_split_draft_ends_on_a_comma() -> None:
    from topicmine.drafts import split_report

    r = split_report(REPORT)
    workers = next(d for d in r.drafts if "产业工人" in d.title)
    paras = [p for p in workers.text().split("\n") if p.strip()]
    assert not [p for p in paras if p.rstrip().endswith(("，", ","))], paras
    lead = next(p for p in paras if p.startswith("为充分发挥"))
    assert lead.endswith(("：", "。")), lead
