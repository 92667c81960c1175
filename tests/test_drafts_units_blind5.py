"""承办单位 cases the fifth blind drafts reader still had to edit (docs/figures/drafts13-blind.md; its rows are seen
now): a 市 report's money asks written "资金扶持" / "投入经费" got no 财政, and a 长三角 cooperation matter (沪苏协同: 交通
互联, 产业“飞地”, 创新要素) was led by 交通运输 because transport words outnumbered the others."""

from __future__ import annotations

from topicmine.drafts.departments import load_departments_for_level


def _names(text: str, level: str) -> list[str]:
    return [h.name for h in load_departments_for_level(level).suggest(text, level=level)]


def test_money_given_as_support_asks_finance_in_a_city_report() -> None:
    text = ("关于探索建立新时代杰出女学生成才培育机制的提案\n1．由市教育局、市妇联联合组织，对培育项目提供切实的政策指导、"
            "资金扶持。2．对承担培育任务的学校给予必要的政策支持和资金扶持。")
    assert "市财政局" in _names(text, "市")


def test_money_put_in_by_the_government_asks_finance() -> None:
    text = ("关于提升高校国际化办学能力的提案\n1．投入经费重点建设国际化课程体系或课程模块，最近五年达到100个左右。"
            "2．投入经费补助支持优秀教师讲授国际化课程。")
    assert "市财政局" in _names(text, "市")


def test_a_firm_putting_in_its_own_money_asks_no_finance() -> None:
    text = "关于鼓励企业加强研发的提案\n1．引导企业加大研发经费投入，建立研发准备金制度。2．推动企业与高校共建实验室。"
    assert "省财政厅" not in _names(text, "省")


def test_a_regional_cooperation_matter_is_led_by_development_and_reform() -> None:
    text = ("关于推动沪苏“1+3”协同发展的提案\n一是推进交通互联互通，加快轨道交通和港口合作。二是深化产业对接，划出特定区域"
            "作为上海的“飞地”，协商税收分成比例。三是共享创新要素，共建科技创新平台。")
    names = _names(text, "省")
    assert names[0] == "省发展改革委", names


def test_a_provincial_axis_strategy_is_led_by_development_and_reform_not_by_its_transport_corridor() -> None:
    # the shape of the reader's 经济 04: the title names the strategy (发展中轴); the measures build five corridors,
    # the first and last full of 轨道交通/港口/公路 words, and no body is named in the text — 交通 led on its word count
    text = ("关于推动常-泰-淮-宿全省发展中轴崛起的提案\n"
            "建议将常-泰-淮-宿全省发展中轴作为全省区域发展战略，围绕打造交通、产业、生态、创新、开放五大走廊，抓紧编制省级规划。\n"
            "1.加快推动中轴城市交通走廊建设。加大中轴城市之间的轨道交通和国省干道建设，规划建设淮-泰-常-杭铁路，打通轨道交通"
            "“断点”。加快推进未贯通道路打通工程。\n"
            "2.加快推动中轴城市产业走廊建设。推进相关产业集聚，共同打造产业集群融合发展示范区。\n"
            "3.加快推动中轴城市开放走廊建设。把港口建设作为对外开放的重要载体，加强港口合作，加快完善疏港公路、疏港铁路建设，"
            "支持集装箱码头建设。")
    names = _names(text, "省")
    assert names[0] == "省发展改革委", names
    assert "省交通运输厅" in names, names  # the corridor's body stays, as a 协办


def test_a_title_naming_a_mass_organisations_duty_does_not_make_it_lead() -> None:
    # "家庭教育" in the title is 妇联's duty word, but a 人民团体 leads only when the text names it: 教育 keeps the lead
    text = ("切实规范基础教育阶段教学行为 营造校内、校外、家庭教育新格局\n1．规范中小学教学行为，严禁随意增加课时和提高难度。"
            "2．加强校外培训机构管理。3．指导家长树立科学的教育观念。")
    names = _names(text, "省")
    assert names[0] == "省教育厅", names
