"""承办 and concrete asks an eighth blind reader's 县/市 reports (built from citizens' messages) met, rebuilt here.

- "一是县水务局会同……自来水公司，将……列入年度管网延伸计划": 水务局 is the 水利 body of a city or county; it was no name.
- "一是区环保、城管部门对……小作坊开展排查": the level before the list's first short name hid 环保 (生态环境 missing).
- "县级补助和镇配套资金及时足额到位": a level's subsidy paid in full asks 财政.
- "会同各镇公布改厕年度计划和进度" · "统一全县三格化粪池补助标准": concrete asks; the draft was told "建议内容空泛".
"""

from __future__ import annotations

import pytest

from topicmine.drafts.checks import check_draft
from topicmine.drafts.departments import load_departments_for_level

WATER = ("关于加快农村安全饮水入户的提案\n"
         "一是县水务局会同县自来水公司，将地势较高、水源匮乏的村组列入年度管网延伸计划，把主管道送到村组，统一组织入户安装。"
         "二是对居住分散、入户成本高的村组，由县财政安排专项资金补助入户管网建设。")
WORKSHOP = ("关于建立小作坊噪声长效监管的提案\n"
            "一是区环保、城管部门对居民区周边石材加工等小作坊开展排查，对没有合法手续的一律取缔，有条件的引导入园经营。")
TOILET_ASKS = ("一是县农业农村局会同各镇公布改厕年度计划和进度，到村到户。"
               "二是统一全县三格化粪池补助标准，县级补助和镇配套资金及时足额到位，补助政策向农户公开。")


def _units(text: str, level: str) -> list[tuple[str, str]]:
    return [(h.name, " ".join(h.reasons)) for h in load_departments_for_level(level).suggest(text, level=level)]


def test_the_water_bureau_the_text_names_is_seated():
    units = _units(WATER, "县")
    assert units[0][0] == "县水利局" and "水务局" in units[0][1], units
    assert "县财政局" in [n for n, _ in units]


def test_a_level_before_the_first_short_name_keeps_it_in_the_list():
    units = _units(WORKSHOP, "市")
    names = [n for n, _ in units]
    assert names[:2] == ["市生态环境局", "市城市管理局"], units


def test_a_levels_subsidy_paid_in_full_asks_finance():
    units = _units("关于加快推进农村改厕的提案\n" + TOILET_ASKS, "县")
    assert units[0][0] == "县农业农村局", units
    assert any(n == "县财政局" and "足额到位" in why for n, why in units), units


@pytest.mark.parametrize("ask", TOILET_ASKS.split("二是"))
def test_publishing_a_plan_and_one_standard_are_concrete_asks(ask: str):
    draft = ("关于加快推进农村改厕的提案\n调研情况：\n我县2019年起推进农村改厕，已完成改厕一万二千户。部分镇改厕进度和补助政策不公开，"
             "村民不清楚自家能否改厕、补助多少。\n问题分析：\n各镇补助标准不一，县级补助和镇配套资金到位慢，群众意见较大。\n"
             "具体建议：\n" + ask.lstrip("一是"))
    c = next(c for c in check_draft(draft, "proposal").checks if c.name == "concrete_suggestions")
    assert c.passed, c.message


def test_an_unnumbered_slogan_is_still_vague():
    draft = ("关于加快推进农村改厕的提案\n调研情况：\n我县2019年起推进农村改厕，已完成改厕一万二千户。部分镇改厕进度和补助政策不公开。\n"
             "问题分析：\n各镇补助标准不一，群众意见较大。\n具体建议：\n各级要高度重视，提高认识，形成合力，久久为功。")
    c = next(c for c in check_draft(draft, "proposal").checks if c.name == "concrete_suggestions")
    assert not c.passed and "空泛" in c.message


@pytest.mark.parametrize("text, level", [
    ("关于A市学前教育发展情况的调研报告\n近年来，市委、市政府高度重视学前教育。", "市"),
    ("关于A7县农村人居环境整治情况的调研报告\n农村人居环境整治是乡村振兴的重要内容。", "县"),
    # a generic word is no place, and a proposal's title names a place it is about, not its level
    ("关于城市更新情况的调研报告\n城市更新是……", "省"),
    ("关于加快县城建设的调研报告\n县城是……", "省"),
    ("关于推进市域社会治理现代化的调研报告\n……", "省"),
    ("关于加强南京市老城区街坊路交通管理的建议\n南京市老城区……", "省"),
])
def test_a_report_titled_by_its_own_city_or_county_has_that_level(text: str, level: str):
    from topicmine.drafts.levels import report_level

    assert report_level(text)[0] == level, report_level(text)
