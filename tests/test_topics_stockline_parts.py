"""Stock political lines kept out of the ranked 议题, a programme's parts listed under it, the salient box told.

Shapes from the seen sets: 甘肃's 国防动员和后备力量 (rank 6, an area to every reader: the same 国防动员·双拥 sentence every
year) and 民族团结进步创建; 贵州's 脱贫攻坚 (rank 13) beside 贫困县 (2) and 防止返贫致贫 (16), with 定点帮扶 (3; a third
of its clauses say 扶贫) a matter of its own; 甘肃's box "贫困地区…未成议题" above a ranked 脱贫攻坚.
"""

from __future__ import annotations

from topicmine.topics.parts import cover_salient, fold_parts, programme_parts
from topicmine.topics.rank import RankedTopic
from topicmine.topics.salient import Salient
from topicmine.topics.stockline import stock_line_topics

# 甘肃 2017–2026-shaped clauses (the wording of the reports, one per year)
DEFENCE = [
    "支持国防和军队建设，加强国防动员和后备力量建设",
    "深入开展双拥共建，巩固军政军民团结",
    "加强国防动员和后备力量建设，做好双拥优抚安置工作",
    "深化全民国防教育，支持驻甘部队建设",
    "推进国防动员体系建设，落实双拥政策",
    "做好退役军人服务保障，巩固军政军民团结",
]
UNITY = [
    "铸牢中华民族共同体意识，深化民族团结进步创建",
    "实施民族团结进步创建“一廊一区一带”行动",
    "促进各民族交往交流交融",
    "深入开展民族团结进步示范创建",
]
# a matter whose sentence repeats as closely (河南: 5 of 6 clauses nearly the same) and must stay
INSPECTION = ["抓好中央生态环境保护督察反馈问题整改"] * 4 + ["完成中央生态环境保护督察反馈问题整改任务",
                                                        "扎实推进第二轮中央生态环境保护督察反馈问题整改"]
RELIGION = ["坚持我国宗教中国化方向，依法管理宗教事务", "贯彻落实宗教事务条例", "依法管理宗教事务，加强宗教活动场所管理"]


def test_stock_lines_are_flagged_and_repeated_matters_are_not() -> None:
    texts = DEFENCE + UNITY + INSPECTION + RELIGION
    labels = [0] * len(DEFENCE) + [1] * len(UNITY) + [2] * len(INSPECTION) + [3] * len(RELIGION)
    assert stock_line_topics(labels, texts, [0, 1, 2, 3]) == [0, 1]


def test_stock_line_needs_most_clauses() -> None:
    # a 议题 on 退役军人 with one 双拥 line among its measures is a matter
    texts = ["建设退役军人服务中心", "落实退役军人优抚政策，提高抚恤补助标准", "推进退役军人就业创业", "做好双拥工作"]
    assert stock_line_topics([0] * 4, texts, [0]) == []


def test_stock_line_flag_keeps_them_out_of_the_ranked_list() -> None:
    from topicmine.topics.evidence import topic_evidence
    from topicmine.topics.rank import rank_topics

    texts = DEFENCE + INSPECTION
    labels = [0] * len(DEFENCE) + [1] * len(INSPECTION)
    meta = [{"doc_id": f"g{k}", "doc_type": "gov_report", "year": 2015 + k, "region": "甘肃省"}
            for k in range(len(texts))]
    flags = {t: "stock_line" for t in stock_line_topics(labels, texts, [0, 1])}
    ranked = rank_topics(topic_evidence(labels, meta), exclude=flags)
    assert [r.topic for r in ranked] == [1]


# 贵州-shaped: the programme 议题 and what the clause step had found
POVERTY = ["打赢脱贫攻坚战", "落实脱贫攻坚责任制", "脱贫攻坚专项巡视反馈问题整改", "统筹整合财政涉农资金用于脱贫攻坚",
           "开展脱贫攻坚“回头看”"]
COUNTY = ["贫困县全部摘帽", "支持贫困县统筹整合使用财政涉农资金", "深度贫困县攻坚"]
RELAPSE = ["健全防止返贫动态监测和帮扶机制", "守住不发生规模性返贫底线", "落实“四个不摘”要求", "加强防止返贫致贫监测"]
PAIRING = ["深化东西部协作", "用好中央单位定点帮扶", "推进粤黔东西部扶贫协作", "开展“千企帮千村”", "东西部协作升级版",
           "定点帮扶单位"]
ROADS = ["高速公路通车里程突破8000公里", "推进在建高速公路", "完善高速公路网"]


def _gz() -> tuple[list[RankedTopic], dict[int, int]]:
    texts = {13: POVERTY, 2: COUNTY, 16: RELAPSE, 3: PAIRING, 5: ROADS}
    # the ranks the 贵州 list had (脱贫攻坚 13, 贫困县 2, 定点帮扶 3, 高速公路 5, 防止返贫致贫 16)
    ranked = [RankedTopic(2, 1, 9.0, "贫困县的理由"), RankedTopic(3, 2, 8.5, "定点帮扶的理由"),
              RankedTopic(5, 3, 8.0, "高速公路的理由"), RankedTopic(13, 4, 7.0, "脱贫攻坚的理由"),
              RankedTopic(16, 5, 6.0, "防止返贫的理由"), RankedTopic(99, 6, 5.0, "外地动向", outside=True)]
    part_of = programme_parts(texts, [13, 2], {13: "脱贫", 2: "贫困县"}, [r.topic for r in ranked])
    return ranked, part_of


def test_programme_parts_found_by_family() -> None:
    _ranked, part_of = _gz()
    # 贫困县 (also a programme 议题, smaller) and 防止返贫致贫 are parts of 脱贫攻坚; 定点帮扶 (1 of 6 says 扶贫) and
    # 高速公路 are not
    assert part_of == {2: 13, 16: 13}


def test_programme_shown_once_at_its_best_rank_with_its_parts() -> None:
    ranked, part_of = _gz()
    out = fold_parts(ranked, part_of, {13: "脱贫攻坚", 2: "贫困县", 16: "防止返贫致贫"})
    assert [r.topic for r in out] == [13, 3, 5, 2, 16, 99]
    assert [r.rank for r in out] == [1, 2, 3, 4, 5, 6]
    head = out[0]
    assert head.parts == [2, 16] and head.score == 9.0
    assert "含同一计划的议题：贫困县、防止返贫致贫" in head.reason
    assert out[3].part_of == 13 and out[3].reason.startswith("属“脱贫攻坚”（第1名）的组成部分")
    # the list's top three now hold three matters, not the programme twice
    assert len({part_of.get(r.topic, r.topic) for r in out[:3]}) == 3
    assert out[-1].outside and out[-1].part_of is None


def test_no_programme_in_the_list_leaves_it_alone() -> None:
    ranked, _ = _gz()
    before = [(r.topic, r.rank, r.reason) for r in ranked]
    assert fold_parts(ranked, {2: 77}, {}) is ranked
    assert [(r.topic, r.rank, r.reason) for r in ranked] == before


def test_salient_term_of_the_programme_family_is_covered() -> None:
    s = [Salient("贫困地区", 2018, 0.09, {2015: 0.06, 2018: 0.09}, 12), Salient("疫情", 2021, 0.10, {2021: 0.10}, 3)]
    cover_salient(s, {144: "脱贫"})
    assert (s[0].status, s[0].topic) == ("已覆盖", 144)
    assert "未成议题" not in s[0].message() and s[0].message().endswith("已有议题覆盖")
    assert (s[1].status, s[1].topic) == ("未成议题", None)


def _epidemic_inputs(forward_docs: list[str]) -> tuple:
    """河南-shaped: 疫情 in 10 % of the passages of 2021–2023 and never before; forward-looking clauses only in the
    reports of ``forward_docs`` (2023 reviews it)."""
    years = [y for y in range(2016, 2025) for _ in range(20)]
    docs = [f"g{y}" for y in years]
    toks = [["疫情", "防控"] if y in (2021, 2022, 2023) and k % 20 < 2 else ["其他", f"w{k % 20}"]
            for k, y in enumerate(years)]
    clause_texts, clause_doc, clause_part = [], [], []
    for d in forward_docs:
        clause_texts += ["抓好常态化疫情防控，坚持外防输入、内防反弹", "推进重大疫情救治基地建设"]
        clause_doc += [d, d]
        clause_part += [None, None]
    clause_texts += ["统筹疫情防控和经济社会发展取得重大成果"]
    clause_doc += ["g2023"]
    clause_part += ["review"]
    return toks, years, docs, clause_texts, [0] * len(clause_texts), clause_doc, clause_part


def test_heavy_term_of_two_reports_becomes_a_matter() -> None:
    from topicmine.topics.salient import add_salient_matters

    toks, years, docs, ct, ca, cd, cp = _epidemic_inputs(["g2021", "g2022"])
    found, sal = add_salient_matters([], toks, years, docs, ct, ca, cd, cp)
    assert [(s.term, s.status) for s in sal] == [("疫情", "已成议题")]
    assert found[0].anchor == "疫情" and sorted(found[0].clauses) == [0, 1, 2, 3]


def test_one_report_is_still_not_enough() -> None:
    from topicmine.topics.salient import add_salient_matters

    toks, years, docs, ct, ca, cd, cp = _epidemic_inputs(["g2021"])
    found, sal = add_salient_matters([], toks, years, docs, ct, ca, cd, cp)
    assert [(s.term, s.status) for s in sal] == [("疫情", "未成议题")] and found == []


def test_heavy_two_report_matter_is_ranked() -> None:
    from topicmine.topics.evidence import topic_evidence
    from topicmine.topics.rank import rank_topics

    meta = [{"doc_id": d, "doc_type": "gov_report", "year": int(d[1:]), "region": "河南省"}
            for d in ["g2021", "g2021", "g2022", "g2022"]] + \
           [{"doc_id": f"g{y}", "doc_type": "gov_report", "year": y, "region": "河南省"} for y in (2019, 2020, 2021)]
    ev = topic_evidence([0, 0, 0, 0, 1, 1, 1], meta)
    assert [r.topic for r in rank_topics(ev, min_docs=3)] == [1]
    assert sorted(r.topic for r in rank_topics(ev, min_docs=3, heavy=[0])) == [0, 1]
