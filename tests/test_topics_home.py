"""The cases of the topics8 pass, from the outside readers' findings on the (now seen) sets D, E and F.

- a city report's "有关词语解释" glossary ("【四水共治】即统筹推进…", 兰州 2026: 34 % of its passages) is flagged
  名词解释 like the numbered form ("40.“五大提升”行动：指…");
- a province's list is the home region's: a 议题 only other regions' reports feed ("人工智能+" from three cities'
  2026 reports on a 西藏 list) is 外地动向, ranked after the home region's 议题 and said so in Chinese;
- a heavy matter of several years (西藏 脱贫攻坚, 杭州 亚运) is not ranked down for being said in one region only.
"""

from __future__ import annotations

import pytest

from realdata_paths import DATA
from topicmine.topics.nonmatter import nonmatter_reason

CITIES = DATA / "gov_reports_lawtext" / "政府工作报告-主要城市"


def test_bracketed_glossary_entries_are_flagged_and_bracketed_headings_are_not():
    assert nonmatter_reason("【四水共治】即统筹推进水环境、水生态、水资源、水安全四个方面协同治理。") == "glossary"
    assert nonmatter_reason("【债务化解“三大攻坚战”】：即国有资产清理盘活、国有企业重构重塑。") == "glossary"
    assert nonmatter_reason("有关词语解释\n\n【1139工作部署】即市委十四届七次全会对兰州发展作出的部署。") == "glossary"
    # a bracket that is no definition stays a passage of the report
    assert nonmatter_reason("【专栏】全年新开工重大项目120个，完成投资800亿元，带动就业3万人。") != "glossary"
    assert nonmatter_reason("实施消费品以旧换新，支持汽车、家电更新换代。") is None


@pytest.mark.realdata
@pytest.mark.skipif(not (CITIES / "兰州市" / "2026.md").is_file(),
                    reason=f"real data not found at {CITIES} (set TOPICMINE_DATA_DIR)")
def test_lanzhou_2026_glossary_is_flagged():
    """兰州 2026 (a seen city report): its 47 "【…】即…" entries were counted nowhere (set D's reader)."""
    paras = [p.replace("**", "").strip() for p in (CITIES / "兰州市" / "2026.md").read_text(encoding="utf-8").split("\n") if p.strip()]
    entries = [p for p in paras if p.startswith("【") and "】" in p[:42]]
    assert len(entries) >= 40
    flagged = [p for p in entries if nonmatter_reason(p) == "glossary"]
    assert len(flagged) >= 0.9 * len(entries)
    # the report's own measures are not glossary
    body = [p for p in paras if not p.startswith("【") and len(p) > 60]
    assert sum(nonmatter_reason(p) == "glossary" for p in body) <= 1


# --- ranking: the home region and the decade's heavy matters (set D's shape: 西藏 2015–2025 + three cities' 2026) ---

from topicmine.topics.home import home_region  # noqa: E402
from topicmine.topics.rank import rank_topics  # noqa: E402
from topicmine.topics.evidence import topic_evidence  # noqa: E402
from topicmine.topics.shares import share_table  # noqa: E402

HOME = "西藏自治区"


def _corpus():
    """西藏's reports 2015–2025 (100 rows each) and 南京/西安/兰州 2026 (100 rows each). Topic 0 is 脱贫攻坚 (8 % of
    2016–2020, gone after: heavy, fading); 1 a small steady item (2 % every year); 2 "人工智能+" (the three cities
    only, 8 % each); 3 a small item said in 2024–2025 only (2 %); the rest is unassigned."""
    labels, meta = [], []

    def doc(doc_id, region, year, counts):
        rows = [t for t, k in counts.items() for _ in range(k)]
        rows += [-1] * (100 - len(rows))
        for r in rows:
            labels.append(r)
            meta.append({"doc_id": doc_id, "doc_type": "gov_report", "region": region, "year": year})

    for y in range(2015, 2026):
        doc(f"xz{y}", HOME, y, {0: 8 if 2016 <= y <= 2020 else 0, 1: 2, 3: 2 if y >= 2024 else 0})
    for c in ("南京市", "西安市", "兰州市"):
        doc(f"{c}2026", c, 2026, {2: 8})
    return labels, meta


def _rank(weights=None, home=HOME, home_said=()):
    labels, meta = _corpus()
    docs = [m["doc_id"] for m in meta]
    dm = {m["doc_id"]: m for m in meta}
    tab = share_table(labels, docs, {d: m["year"] for d, m in dm.items()}, regions={d: m["region"] for d, m in dm.items()},
                      doc_types={d: m["doc_type"] for d, m in dm.items()}, topics=[0, 1, 2, 3])
    # equal specificity: the ranking must tell them apart by where and how much they are said
    return rank_topics(topic_evidence(labels, meta), weights, shares=tab, specificity={t: 0.8 for t in range(4)},
                       home=home, home_said=home_said)


def test_home_region_is_the_region_with_most_documents_over_years():
    labels, meta = _corpus()
    assert home_region(meta) == HOME
    # 32 provinces' 2026 reports: no home region
    assert home_region([{"doc_id": f"p{i}", "region": f"省{i}", "year": 2026} for i in range(32)]) is None


def test_a_matter_only_other_regions_say_is_outside_and_ranked_after_the_home_matters():
    ranked = _rank()
    ai = next(r for r in ranked if r.topic == 2)
    assert ai.outside and ai.rank == len(ranked)
    assert ai.reason.startswith("外地动向：仅见于兰州市、南京市、西安市2026年的文件，西藏自治区的文件未提及此事")
    assert ai.to_dict()["outside"] is True
    assert not any(r.outside for r in ranked if r.topic != 2)
    # without a home region (the code before) the three cities' item ranked above a home item of two years
    before = [r.topic for r in _rank(home=None)]
    assert before.index(2) < before.index(3)


def test_a_matter_the_home_region_says_elsewhere_is_not_outside():
    """A blind reader: "低空经济 … 甘肃省未提及" above 甘肃's list, while 甘肃's 2026 report says "培育壮大低空经济" (that
    clause had joined another 议题). Whether the home region says it is read from its texts, not from the 议题's
    members."""
    from topicmine.topics.home import home_says

    texts = ["培育壮大低空经济，拓展应用场景。", "打通城市断头路。", "积极发展低空经济。", "建设“人工智能+”示范区。"]
    meta = [{"region": HOME}, {"region": HOME}, {"region": "南京市"}, {"region": "南京市"}]
    said = home_says(texts, meta, HOME, {2: ["人工智能+", "“人工智能+”行动"], 5: ["低空经济"]})
    assert said == {5}
    ranked = _rank(home_said={2})
    assert not next(r for r in ranked if r.topic == 2).outside
    assert next(r for r in _rank() if r.topic == 2).outside


def test_the_heavy_matter_of_five_years_outranks_small_items():
    ranked = _rank()
    order = [r.topic for r in ranked]
    assert order.index(0) < order.index(1) and order.index(0) < order.index(3)
    assert ranked[0].topic == 0 and ranked[0].components["mass"] == 1.0
    # without the mass component (and the home region) the small steady item led the list
    before = [r.topic for r in _rank({"mass": 0.0}, home=None)]
    assert before[0] == 1 and before.index(0) > before.index(1)


# --- titles that name their group (set E's 运营里程 / 平均浓度; the sample's 中小微企业) ---

import jieba  # noqa: E402

from topicmine.topics.titles import is_measure_name, make_titles  # noqa: E402


def test_a_measure_is_no_title_and_a_bare_group_word_takes_its_matter():
    metro = ["地铁运营里程达到516公里", "新增地铁运营里程120公里", "加快轨道交通三期工程建设", "推进轨道交通四期建设",
             "城市轨道交通运营里程达到450公里", "轨道交通建设提速"]
    air = ["PM2.5平均浓度30微克/立方米", "PM2.5平均浓度下降到28微克/立方米", "持续改善空气质量",
           "空气质量优良天数比例提高", "打赢蓝天保卫战，改善空气质量"]
    firms = ["着力解决中小微企业融资难融资贵问题", "缓解中小微企业融资难融资贵问题", "为中小微企业发放信用贷款",
             "中小微企业贷款依赖抵押担保", "中小微企业融资难融资贵仍然突出", "扩大中小微企业首贷",
             "支持中小微企业发展", "中小微企业认为融资难"]
    titles = make_titles({0: metro, 1: air, 2: firms}, {t: [f"d{i}" for i in range(8)] for t in range(3)}, jieba.lcut,
                         anchors={0: "里程", 1: "浓度", 2: "中小微企业"})
    assert "里程" not in titles.get(0, "") and "浓度" not in titles.get(1, "")
    assert titles.get(0) == "轨道交通" and "空气质量" in titles.get(1, "")
    assert titles[2].startswith("中小微企业融资难")  # jieba alone cuts 融资难融资贵 in two
    assert is_measure_name("平均浓度", air) and not is_measure_name("空气质量", air)


def test_the_page_says_whose_list_it_is():
    from topicmine.pipeline.topics_job import home_note
    from topicmine.topics.render import render_html

    note = home_note(HOME)
    page = render_html(_rank(), summary={"n_passages": 10, "n_areas": 1, "n_matters": 4, "home_note": note,
                                         "outside_topics": [{"id": 2, "title": "“人工智能+”", "reason": ""}]})
    assert "外地动向：“人工智能+”" in page.replace("&ldquo;", "“").replace("&rdquo;", "”").replace("&#x201c;", "“")
    assert "本地区：西藏自治区（文件最多）；只见于其他地区文件的议题列为“外地动向”，排在本地议题之后" in page
    assert "外地动向：仅见于兰州市、南京市、西安市2026年的文件" in page


# --- a programme said across many areas (杭州 亚运: 24 of 96 clauses in its 议题, 47 in none) ---

from topicmine.topics.clauses import AnchorMatter  # noqa: E402
from topicmine.topics.programme import grow_heavy_matters  # noqa: E402


def test_a_heavy_programme_takes_its_free_clauses_from_other_areas_and_a_general_word_does_not():
    years = [y for y in range(2016, 2025) for _ in range(20)]
    # 亚运 in 2 of each year's 20 passages (10 %); 整治 likewise (a general word of administration)
    toks = [["亚运", "整治"] if k % 20 < 2 else ["其他"] for k in range(len(years))]
    ct = ["亚运场馆建设", "办好亚运", "推进亚运城市行动", "深化亚运城市志愿服务", "亚运会影响餐饮业",  # 0–4
          "开展环境整治", "违建整治", "开展交通秩序整治", "亚运筹办"]  # 5–8
    area = [0, 0, 3, 5, 4, 1, 1, 6, -1]  # 8 is a heading (no area)
    found = [AnchorMatter(0, "亚运", [0, 1], ["亚运"], 2), AnchorMatter(1, "整治", [5, 6], ["整治"], 2)]
    grown = grow_heavy_matters(found, toks, years, ct, area, [f"d{i}" for i in range(9)], [None] * 9)
    # the free forward clauses of other areas join; a problem told ("影响") and a heading do not
    assert grown[0].clauses == [0, 1, 2, 3] and grown[0].docs == 4
    # 整治 is a word of general Chinese (635 in jieba's dictionary): it gathers nothing more
    assert grown[1].clauses == [5, 6]
