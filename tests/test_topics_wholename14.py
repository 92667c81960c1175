"""A title is the whole term its clauses share, not a piece of it (an outside reader's weak titles on 浙江 and 广东:
"联运服务中心", "遗址申遗", "产学研", "宅基地空间置换"). Real data: the clauses of 浙江's and 广东's 2015–2026 reports that
name the matter, titled the way :func:`make_titles` titles a 议题's clauses."""

from __future__ import annotations

import re

import pytest

from tests.realdata_paths import PROVINCES, needs
from topicmine.topics.titles import make_titles
from topicmine.topics.wholename import complete_name, whole_title

pytestmark = needs(PROVINCES / "浙江省")


def _clauses(province: str, *keys: str, cities: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    texts, docs = [], []
    files = [PROVINCES / province / f"{year}.md" for year in range(2015, 2027)]
    files += [PROVINCES.parent / "政府工作报告-主要城市" / c / "2026.md" for c in cities]
    for f in files:
        if not f.is_file():
            continue
        for c in re.split(r"[。；;\n]", f.read_text(encoding="utf-8")):
            if any(k in c for k in keys) and 6 <= len(c) <= 200:
                texts.append(c.strip())
                docs.append(f"{f.parent.name}{f.stem}")
    return texts, docs


def _title(texts: list[str], docs: list[str], anchor: str) -> str:
    import jieba

    return make_titles({0: texts}, {0: docs}, jieba.lcut, anchors={0: anchor}).get(0, "")


def test_a_name_with_a_place_inside_is_titled_whole() -> None:
    # (the 议题's clauses on 江海联运: 舟山 and 江海 are both place words, so no candidate can hold the name)
    texts, docs = _clauses("浙江省", "江海联运")
    assert len(texts) >= 6
    assert _title(texts, docs, "联运") == "舟山江海联运服务中心"


def test_a_cut_heritage_title_is_completed() -> None:
    texts, docs = _clauses("浙江省", "遗址")
    assert _title(texts, docs, "遗址") == "良渚古城遗址申遗"


@pytest.mark.parametrize("_", [pytest.param(None, marks=needs(PROVINCES / "广东省"))])
def test_a_bare_object_takes_the_name_the_clauses_say_around_it(_: None) -> None:
    texts, docs = _clauses("广东省", "产学研")
    assert _title(texts, docs, "产学研") == "省部院产学研合作"


def test_the_term_most_clauses_share_beats_one_reports_wording() -> None:
    # (浙江's reports and the three 2026 city reports the 议题 held: 苏州, 无锡, 泉州 say 第二轮土地承包 too)
    texts, docs = _clauses("浙江省", "土地承包", "宅基地", cities=("苏州市", "无锡市", "泉州市"))
    # (16 clauses: 13 say 土地承包, six 第二轮土地承包到期后再延长30年, two 宅基地空间置换; the candidates drop
    # 土地承包 as a fragment of the longer name)
    assert _title(texts, docs, "承包") == "第二轮土地承包到期后再延长30年"


def test_no_region_is_added_and_an_unshared_context_stays_out() -> None:
    import jieba

    texts, _ = _clauses("浙江省", "联运服务中心")
    assert complete_name("联运服务中心", texts, jieba.lcut).endswith("江海联运服务中心")
    assert not complete_name("联运服务中心", texts, jieba.lcut).startswith("浙江")
    assert complete_name("服务中心", ["建设政务服务中心", "建设养老服务中心", "提升便民服务中心"], jieba.lcut) == "服务中心"


#: the 16 clauses of 浙江's 议题 titled "高新技术企业" (a reader: "the 双倍增 pair lost its second half"), by year,
#: region and opening words; the clause texts are read from the reports
_DOUBLING = [
    ("2015", "浙江省", "大力发展网上技术市场"), ("2016", "浙江省", "大力发展高新技术企业和科技型中小"),
    ("2016", "浙江省", "制定实施“双倍增”计划"), ("2016", "浙江省", "大力发展新技术、新产业、新业态"),
    ("2016", "浙江省", "制定更具竞争力的人才新政"), ("2017", "浙江省", "深入实施高新技术企业和科技型中小"),
    ("2018", "浙江省", "切实加强科技创新，研发经费支出预"), ("2019", "浙江省", "深入实施“双倍增”计划，新增高新"),
    ("2020", "浙江省", "深入实施“双倍增”计划，新增高新"), ("2021", "浙江省", "实施新一轮科技企业“双倍增”计划"),
    ("2023", "浙江省", "新增国产化替代成果263个"), ("2024", "浙江省", "构建政策制定、预算编制、项目实施"),
    ("2026", "浙江省", "深化企业主导的产学研用融通创新"), ("2026", "无锡市", "加大科技招商力度，强化独角兽"),
    ("2026", "无锡市", "加强存量科创载体、科创飞地绩效评"), ("2026", "无锡市", "加强科技型企业培育，净增高新技术"),
]


def test_a_pair_of_whole_terms_named_together_is_kept_whole() -> None:
    import jieba

    texts, docs = [], []
    for year, region, opening in _DOUBLING:
        folder = PROVINCES if region == "浙江省" else PROVINCES.parent / "政府工作报告-主要城市"
        body = (folder / region / f"{year}.md").read_text(encoding="utf-8")
        hit = [c for c in re.split(r"[。；;\n]", body) if c.strip().replace("**", "").startswith(opening)]
        assert hit, opening
        texts.append(hit[0].strip())
        docs.append(region + year)
    # (高新技术企业 in 12 clauses, 科技型(中小微)企业 in 9, the pair in 3: the bare object named half the programme)
    # (the step that completes a title, given the bare object the fit chose: alone, these clauses have no other
    # topics to weigh their words against, so make_titles would not choose the same candidate as the full fit)
    title = whole_title("高新技术企业", texts, docs, jieba.lcut, frozenset(), {}, [], "高新技术企业")
    assert title == "高新技术企业和科技型中小微企业", title
    # a bare object said with no such pair stays itself
    alone = [t for t in texts if "科技型中小微企业" not in t]
    assert whole_title("高新技术企业", alone, docs, jieba.lcut, frozenset(), {}, [], "高新技术企业") == "高新技术企业"
