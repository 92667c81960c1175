"""承办 residuals a re-reader met in the 交通出行 report (docs/figures/drafts21-reread.md; the report is built from citizens'
messages, seen now), and the level of a provincial proposal that names a city.

- 交通 03: "会同自然资源和规划、交警部门和A5区政府" seated 交警 but not 自然资源和规划 (a list item of seven characters).
- 交通 05: 共享单车 was led by 交通 (a duty word of the title) while the ask names 城管 first and the report has 市城管局
  running the matter ("市城管局多次召集五家企业座谈，出台了……指导意见").
- A provincial proposal naming 南京市委市政府 in its text was read as 市 and answered by 市 bodies.
"""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level, report_level

# the 具体建议 of the two drafts, as the report writes them (title first, as check-draft reads a draft's asks)
CROSSING = ("关于加快人行过街设施建设的提案\n"
            "一是由市城管局牵头，会同自然资源和规划、交警部门和A5区政府，将劳动路尊邸华庭路段人行天桥或地下通道纳入建设计划，"
            "建成前先设置临时人行通道和安全警示设施。二是对全市城际铁路、地铁站口和公交站点周边的过街设施开展排查，编制人行"
            "立体过街设施建设规划，分年度实施。三是建立市民过街设施诉求首问负责制，明确受理和答复部门，避免相互推诿。")
BIKES = ("关于规范共享单车管理的提案\n"
         "一是城管、交通运输部门对共享单车投放实行总量控制和备案管理，根据区域容量确定投放规模。\n"
         "二是督促企业按规定配备管理人员，运用电子围栏等手段规范停放，及时清理损坏、报废车辆。\n"
         "三是加快制定共享单车管理的地方性法规或政府规章，明确政府、企业和市民的责任。")


def _line(text: str, level: str = "市") -> list[tuple[str, str]]:
    return [(h.name, h.role) for h in load_departments_for_level(level).suggest(text, level=level)]


def test_a_long_department_name_inside_a_list_is_named():
    d = load_departments_for_level("市")
    assert [m.name for m in d.listed(CROSSING)] == ["市自然资源局", "市公安局"]
    assert _line(CROSSING) == [("市城市管理局", "主办"), ("市公安局", "协办"), ("市自然资源局", "协办")]
    # the dictionary's long names of other bodies, in the middle of a list as well
    assert [m.name for m in d.listed("会同人力资源和社会保障、住房和城乡建设、财政部门研究")] == [
        "市人力资源社会保障局", "市住房城乡建设局", "市财政局"]


def test_a_long_item_that_names_no_body_is_not_seated():
    d = load_departments_for_level("市")
    # a long item that is no body's name: the list holds only what resolves, and nothing else is named
    assert [m.name for m in d.listed("会同社会各界志愿服务组织、交警部门开展整治")] == ["市公安局"]
    assert [m.name for m in d.listed("加强城市道路交通组织规划、交通设施等部门的衔接")] == []
    assert d.named("会同有关专家学者和规划、交警部门研究") == ["市公安局"]


def test_the_body_an_ask_names_first_leads_its_list():
    line = _line(BIKES)
    assert line[:2] == [("市城市管理局", "主办"), ("市交通运输局", "协办")], line
    why = load_departments_for_level("市").suggest(BIKES, level="市")[0].reasons[0]
    assert why.startswith("正文建议“城管”等部门办理，“城管”列在首位（“城管、交通运输部门对共享单车投放实行"), why


def test_a_later_measures_list_keeps_the_matters_lead():
    # 学前 03 of the same reader: "二是发展改革（价格）、教育部门加强对普惠园收费的检查" is one task's list, in rank order;
    # the matter (收费和服务 of a kindergarten) stays 教育's, with 发改 seated for its 价格 part
    fees = ("关于规范普惠性民办幼儿园收费和服务的提案\n"
            "一是明确普惠性民办园收费项目和标准，除保教费、住宿费外不得强制收取学杂费，书包、床上用品、园服等由家长自愿选购。\n"
            "二是发展改革（价格）、教育部门加强对普惠园收费的检查，向社会公开收费标准和投诉电话。\n"
            "三是出台幼儿园在园时间和延时看护指引，防止普惠园降费后压缩服务时间。")
    assert _line(fees) == [("市教育局", "主办"), ("市发展改革委", "协办")]


def test_alternatives_and_joint_lists_keep_their_lead():
    # "由民政或卫计部门牵头": either may lead, the order says nothing (filed row 219 keeps 卫健 as 主办)
    either = ("关于建立全省专业老年健康教育平台的建议\n由民政或卫计部门牵头，整合医疗院校培训体系，建立全省统一的老年健康教育"
              "培训平台，开展健康教育，提高老年人健康素养。")
    assert _line(either, "省")[0] == ("省卫生健康委", "主办")
    # bodies acting together ("由发改、财政、商务、环保等部门联合") are written in their rank's order (filed row 97)
    joint = ("关于加快建设废弃电器电子产品回收处理体系的建议\n由发改、财政、商务、环保等部门联合，尽快制定出台废弃电器电子产品"
             "回收处理实施办法。重点强化环保部门的监管责任，严厉打击非法拆解、倾倒等行为，防治污染。")
    assert _line(joint, "省")[0] != ("省发展改革委", "主办")


def test_a_provincial_text_naming_a_city_stays_provincial():
    # the shape of filed row 158: a provincial proposal on 南京's 体育城市 that tells what 南京市委市政府 did
    t = ("关于加快推进南京体育活力城市建设、实施江苏省体育特色城市群类型化布局的建议\n调研情况：2014年南京青奥会之前，"
         "南京市委市政府提出建设和打造“亚洲体育中心城市”和“世界体育名城”。2017年，南京市政府又出台了实施意见。")
    assert report_level(t)[0] == "省"
    assert report_level("……2016年，宿迁市人民政府分别与江苏省体育局签订共建协议。")[0] == "省"
    assert report_level("……A7县委、县政府部署……")[0] == "省"  # a named county's government: the place, too
    # the text's own government still says its level
    assert report_level("关于A市公共交通的调研报告\nA市政协城乡建设和交通委员会调研组\n为了解我市市民出行……")[0] == "市"
    assert report_level("关于苏州市低空经济的调研报告\n近年来，全市低空经济……")[0] == "市"
    assert report_level("关于某县农村供水的调研报告\n近年来，我县……")[0] == "县"
