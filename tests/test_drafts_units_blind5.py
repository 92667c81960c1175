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
