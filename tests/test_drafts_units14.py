"""承办单位 cases a blind reader still had to edit (docs/figures/drafts10-blind.md; its rows are seen now): a six-body
list asked to act together gave two units, old and mistyped names (经信委/金信委) and 协会 were missed, 新生代企业家
was led by 教育, and "由政法牵头" by its short name put nobody in charge."""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level


def _units(text: str, level: str = "省") -> list[tuple[str, str]]:
    return [(h.name, h.role) for h in load_departments_for_level(level).suggest(text, level=level)]


def _names(text: str, level: str = "省") -> list[str]:
    return [n for n, _ in _units(text, level)]


_PATENT = ("关于在全省普及互联网化专利标识的提案\n"
           "1．由省政府组织我省发改、科技、商务、工信、市场监管、知识产权等多部门联合推动全省专利标识工作。"
           "2．在商品流通环节推广互联网化专利标识。3．结合我省正版正货工作，加强执法检查。")


def test_a_six_body_list_asked_to_act_together_seats_the_lead_and_every_named_body() -> None:
    units = _units(_PATENT)
    assert units[0] == ("省知识产权局", "主办")  # the title's object (专利标识) is its duty
    assert {n for n, r in units[1:] if r == "协办"} >= {"省发展改革委", "省科技厅", "省商务厅", "省工业和信息化厅",
                                                       "省市场监管局"}


def test_the_same_list_in_a_city_report_seats_the_city_bodies() -> None:
    text = _PATENT.replace("省政府组织我省", "市政府组织我市").replace("全省", "全市").replace("我省", "我市")
    names = _names(text, "市")
    assert {"市发展改革委", "市科技局", "市商务局", "市工业和信息化局", "市市场监管局"} <= set(names), names
    assert all(not n.startswith("省") for n in names)


def test_financial_body_in_a_joint_list_of_four_gets_no_seat_without_a_money_ask() -> None:
    # row 97's shape: the asks are recycling rules; 财政 is one of four bodies joining in (labelled: does not belong)
    text = ("关于加快建设废弃电器电子产品回收处理体系的建议\n由发改、财政、商务、环保等部门联合，尽快制定出台废弃电器电子产品"
            "回收处理实施办法，明确处理目录和相关部门的监管职责。")
    names = _names(text)
    assert "省财政厅" not in names
    assert {"省发展改革委", "省商务厅", "省生态环境厅"} <= set(names), names


def test_financial_body_in_a_joint_list_sits_when_the_asks_want_money() -> None:
    text = ("关于加快建设废弃电器电子产品回收处理体系的建议\n由发改、财政、商务、环保等部门联合，尽快制定回收处理实施办法。"
            "设立废弃电器电子产品回收处理专项资金，对回收企业给予运营补助。")
    assert "省财政厅" in _names(text)


def test_a_long_list_that_only_describes_seats_no_one_of_its_own() -> None:
    # "涉及……等多个部门" / "分散在……等多个单位" describe; the matter's own body leads, the list gives points only
    text = ("关于推进智慧养老发展的建议\n智慧养老涉及面广，各种基础数据资源分散在发改、民政、规划、公安、人社、卫计、统计等多个单位。"
            "建议建设全省统一的养老服务信息平台。")
    names = _names(text)
    assert names[0] == "省民政厅"
    assert len(names) <= 3, names


def test_the_list_after_a_lead_that_brings_bodies_in_is_joint() -> None:
    text = ("关于发展民宿产业助力乡村旅游的建议\n建议由牵头部门会同工商、税务、公安、消防、卫生等多个部门进行有效的监管和指导。")
    names = _names(text)
    assert names[0] == "省文化和旅游厅"
    assert {"省市场监管局", "省税务局", "省公安厅", "省消防救援总队", "省卫生健康委"} <= set(names), names


def test_a_list_of_four_joined_by_he_reads_all_four_bodies() -> None:
    text = "关于婴幼儿照护服务的建议\n婴幼儿照护工作涉及教育、人社、民政和卫健等多个部门，有必要明确各行政部门的具体职责。"
    listed = load_departments_for_level("省").listed(text)
    assert {m.name for m in listed} == {"省教育厅", "省人力资源社会保障厅", "省民政厅", "省卫生健康委"}
    assert all(m.listed_with == 4 and not m.joint for m in listed)


def test_old_and_mistyped_names_of_the_industry_body_are_named_but_may_lead_only_a_project() -> None:
    # 交叉研究 (row 243): "项目可由省金信委牵头" names 工信 (经信委's old name, mistyped) for one measure's project
    text = ("关于促进交叉研究，推动跨界新业态发展的提案\n1．建议省科技厅、省科协搭建科研院所交叉研究平台，支持跨学科科技创新。2．建议省委省政府设立专项基金。"
            "3．跨界新业态项目可由省金信委牵头，纳入智能制造2025项目。")
    units = _units(text)
    assert units[0] == ("省科技厅", "主办")
    assert ("省工业和信息化厅", "协办") in units and ("省财政厅", "协办") in units
    assert "省工业和信息化厅" in _names("关于推进中小企业融资的建议\n建议由省经信委会同省发改委制定扶持办法。")


def test_calligraphy_associations_bring_in_the_arts_federation_as_a_partner() -> None:
    text = ("关于开展繁体字、异体字识读教育的提案\n1．在中小学开设繁体字识读课程。2．编写识读教材，培训教师。"
            "3．各级书法协会组织书法进校园活动，普及繁体字、异体字知识。")
    units = _units(text, "市")
    assert units[0] == ("市教育局", "主办")
    assert ("市文联", "协办") in units


def test_young_entrepreneurs_are_the_federation_of_industry_and_commerce_not_education() -> None:
    text = ("关于着力培育新生代企业家队伍的建议\n1．建立新生代企业家培训体系，依托高校开设研修班。"
            "2．搭建新老企业家交流平台，弘扬企业家精神。")
    assert _units(text)[0] == ("省工商联", "主办")


def test_natural_science_fund_is_the_science_department() -> None:
    text = "关于省自然科学基金项目申报取消限额的提案\n建议取消省自然科学基金项目的限额申报，改为自由申报、择优资助。"
    assert _names(text)[0] == "省科技厅"


def test_a_body_put_in_charge_by_its_short_name_leads() -> None:
    text = ("关于加快建立预防儿童性侵的社会综合惩防体系的建议\n建议由政法牵头，司法、民政、教育、卫计、妇联等部门与专业社会组织"
            "联合，对被性侵儿童及其家庭提供综合援助。")
    units = _units(text)
    assert units[0] == ("省委政法委", "主办")
    assert {"省民政厅", "省教育厅", "省卫生健康委", "省妇联"} <= {n for n, _ in units}


def test_bodies_taking_part_in_a_joint_meeting_are_a_joint_list() -> None:
    # the sample 新就业形态 report: "建立由人社部门牵头，总工会、交通运输、市场监管、公安、住建、数据等部门参加的……联席会议制度"
    text = "建议市政府建立由人社部门牵头，总工会、交通运输、市场监管、公安、住建、数据等部门参加的新就业形态劳动者权益保障联席会议制度。"
    listed = load_departments_for_level("市").listed(text)
    assert {"市交通运输局", "市市场监管局", "市公安局", "市住房城乡建设局"} <= {m.name for m in listed}
    assert all(m.joint for m in listed if m.listed_with > 3)
