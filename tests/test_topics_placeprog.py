"""Place-named programmes as 议题, matters that dominated some years ranked on it, titles naming the shared object.

Shapes from the seen sets 河北 (J) and 湖北 (I): 雄安新区 in 4–12 % of 河北's passages of every year since 2018 sat in a
small 议题 "起步区" (rank ~110) while the place-name rule kept it out of titles; 疫情 (湖北 17 % of 2021's passages) had
no ranked 议题 (its 议题 was flagged broad: the term is everywhere in 回顾 lines), 河北's ranked 24; titles "工程技术" over
19 clauses on 实验室, "全力支持" over 14 on 北三县.
"""

from __future__ import annotations

import jieba

from topicmine.topics.clauses import AnchorMatter
from topicmine.topics.evidence import topic_evidence
from topicmine.topics.placeprog import add_place_programmes, dominance, place_programmes, programme_names
from topicmine.topics.rank import rank_topics
from topicmine.topics.salient import Salient, admit_salient_topics
from topicmine.topics.shares import share_table
from topicmine.topics.specificity import Specificity
from topicmine.topics.titles import make_titles


def test_programme_names_from_report_wording() -> None:
    w = jieba.lcut
    assert programme_names("高标准高质量建设雄安新区，抓好容东片区建设", w) == ["雄安新区"]
    assert programme_names("全力支持北京城市副中心建设", w) == ["北京城市副中心"]
    assert programme_names("推动成渝地区双城经济圈建设", w) == ["成渝地区双城经济圈"]
    assert programme_names("深入推进粤港澳大湾区建设", w) == ["粤港澳大湾区"]
    # a kind without a place, a bare city, a manner before a verb: none
    assert programme_names("推进国家级新区建设，打造高质量发展示范区", w) == []
    assert programme_names("支持石家庄建设现代化国际化美丽省会城市", w) == []
    assert programme_names("全面落实自贸区建设总体方案", w) == []


def _hebei(years_with: range, share: int, term: str = "高质量推进雄安新区规划建设") -> tuple[list[str], list[dict]]:
    """20 passages a year 2015–2026 of 河北, ``share`` of them naming the programme in ``years_with``."""
    texts, meta = [], []
    for y in range(2015, 2027):
        for k in range(20):
            texts.append(term if y in years_with and k < share else f"加快石家庄{k}号高速公路建设")
            meta.append({"doc_id": f"hb{y}", "year": y, "region": "河北省", "doc_type": "gov_report"})
    return texts, meta


def test_heavy_place_programme_found_and_bare_places_not() -> None:
    texts, meta = _hebei(range(2018, 2027), 2)  # 10 % of every year since 2018
    found = place_programmes(texts, meta, jieba.lcut, home="河北省")
    assert [(s.term, s.peak_year, round(s.peak_share, 2)) for s in found] == [("雄安新区", 2018, 0.1)]
    # said in two years only: no programme of the series
    texts, meta = _hebei(range(2018, 2020), 2)
    assert place_programmes(texts, meta, jieba.lcut, home="河北省") == []
    # another region's documents do not make the home region's programme
    texts, meta = _hebei(range(2018, 2027), 2)
    assert place_programmes(texts, meta, jieba.lcut, home="湖北省") == []


def test_place_programme_becomes_a_matter_under_its_name() -> None:
    texts, meta = _hebei(range(2018, 2027), 2)
    clause_texts = [
        "高质量推进雄安新区规划建设",  # free, 2019
        "有力有序推进雄安新区规划建设",  # free, 2020
        "抓好起步区、启动区建设",  # the 起步区 议题 anchored on 雄安 (below)
        "建设雄安绿博园",  # the 起步区 议题
        "推进雄安新区数字经济创新发展试验区建设",  # another 议题's measure (信息技术): stays there
        "实施新一代信息技术产业三年倍增计划",
        "雄安新区规划建设进入新阶段",  # 回顾: not a measure
        "加快雄安新区现代化城市建设",  # free, 2026
    ]
    clause_doc = ["hb2019", "hb2020", "hb2021", "hb2022", "hb2023", "hb2023", "hb2024", "hb2026"]
    clause_part = [None] * 6 + ["review", None]
    found = [AnchorMatter(0, "雄安", [2, 3], ["雄安"], 2), AnchorMatter(1, "信息技术", [4, 5], ["信息技术"], 1)]
    epidemic = Salient("疫情", 2022, 0.16, {}, 3, status="已覆盖", topic=1)
    found, sal = add_place_programmes(found, [epidemic], texts, meta, clause_texts, [0, 0, 0, 0, 1, 1, 0, 0],
                                      clause_doc, clause_part, words=jieba.lcut)
    prog = next(m for m in found if m.anchor == "雄安新区")
    assert prog.clauses == [0, 1, 2, 3, 7] and getattr(prog, "programme", False)
    assert next(m for m in found if m.anchor == "信息技术").clauses == [4, 5]
    assert [(s.term, s.status) for s in sal] == [("疫情", "已覆盖"), ("雄安新区", "已成议题")]
    # every salient term points at its 议题's place in the new list
    assert found[sal[1].topic] is prog and found[sal[0].topic].anchor == "信息技术"


def _series(by_year: dict[int, int], n: int = 40, region: str = "河北省") -> tuple[list[int], list[dict]]:
    labels, meta = [], []
    for y in range(2015, 2027):
        for k in range(n):
            labels.append(0 if k < by_year.get(y, 0) else (1 if k < by_year.get(y, 0) + 2 else -1))
            meta.append({"doc_id": f"d{y}", "doc_type": "gov_report", "year": y, "region": region})
    return labels, meta


def test_a_matter_that_filled_some_years_outranks_a_small_steady_one() -> None:
    # 0: 疫情防控 2021–2023 only (河北-shaped); 1: a small matter of every year
    labels, meta = _series({2021: 8, 2022: 8, 2023: 6})
    ev = topic_evidence(labels, meta)
    docs = [m["doc_id"] for m in meta]
    tab = share_table(labels, docs, {m["doc_id"]: m["year"] for m in meta},
                      regions={m["doc_id"]: m["region"] for m in meta}, topics=[0, 1])
    before = rank_topics(ev, shares=tab, heavy=[0], home="河北省")
    after = rank_topics(ev, shares=tab, heavy=[0], home="河北省", dominance={0: 0.16})
    b0, a0 = (next(r for r in rs if r.topic == 0) for rs in (before, after))
    # the heavy years are told by the dominance, not by a full mass as well
    assert a0.components["dominance"] == 1.0 and b0.components["mass"] == 1.0 > a0.components["mass"]
    assert [r.topic for r in before] == [1, 0] and [r.topic for r in after] == [0, 1]
    # not heavy and not faded: no dominance (a programme's every-year share is 篇幅, not a peak)
    assert rank_topics(ev, shares=tab, home="河北省", dominance={1: 0.2})[0].components["dominance"] == 0.0


def test_dominance_of_heavy_and_programme_matters() -> None:
    from types import SimpleNamespace as NS

    level = NS(heavy=[7], programmes=[3], run=NS(meta={"anchors": {"3": "脱贫"}}), home="河北省")
    meta = [{"year": 2016, "region": "河北省"}] * 20 + [{"year": 2016, "region": "北京市"}] * 20
    texts = ["打赢脱贫攻坚战"] * 2 + ["其他"] * 18 + ["打赢脱贫攻坚战"] * 20
    sal = [Salient("疫情", 2021, 0.17, {}, 3, status="已成议题", topic=7), Salient("全球", 2026, 0.14, {}, 3)]
    assert dominance(level, sal, texts, meta) == {7: 0.17, 3: 0.1}
    # a mixture riding on the heavy word (甘肃's 城乡居民 of 收入, 养老金, 大病保险: cohesion 0.15) is gated as its 篇幅 is
    level.specificity = {3: Specificity(3, 0.5, "脱贫", 0.5, 1.0, cohesion=0.15)}
    assert dominance(level, sal, texts, meta) == {7: 0.17, 3: 0.025}


def test_salient_matter_is_not_broad_for_its_review_lines() -> None:
    # 湖北's 疫情防控: 4 forward clauses of 42 naming 疫情 (the rest 回顾 lines) — ownership 0.25, flagged broad
    sp = {9: Specificity(9, 0.17, "疫情", 0.67, 0.25)}
    flags = {9: "broad"}
    made = admit_salient_topics([Salient("疫情", 2021, 0.17, {}, 3, status="已成议题", topic=2)], {2: 9}, flags, sp)
    assert made == {9} and flags == {} and sp[9].score == 0.67
    # never above the most specific other 议题 (it sets every 议题's scale)
    sp = {9: Specificity(9, 0.17, "疫情", 0.67, 0.25), 3: Specificity(3, 0.5, "高校毕业生", 0.6, 0.83)}
    admit_salient_topics([Salient("疫情", 2021, 0.17, {}, 3, status="已成议题", topic=2)], {2: 9}, {9: "broad"}, sp)
    assert sp[9].score == 0.5


def test_title_names_the_object_most_clauses_share() -> None:
    lab = ["建设省级重点实验室和工程技术研究中心", "新建省级重点实验室10家", "争创全国重点实验室",
           "推进燕赵实验室建设", "布局省级重点实验室", "支持企业建设重点实验室", "建设工程技术研究中心",
           "新增省级重点实验室", "优化省级重点实验室布局"]
    docs = [f"d{k}" for k in range(len(lab))]
    title = make_titles({0: lab}, {0: docs}, jieba.lcut, anchors={0: "实验室"})[0]
    assert "实验室" in title
    north = ["全力支持北三县与通州区一体化发展", "推动北三县与通州区一体化", "全力支持北三县承接产业",
             "北三县一体化高质量发展示范区建设", "全力支持临空经济区建设"]
    title = make_titles({0: north}, {0: [f"d{k}" for k in range(5)]}, jieba.lcut, anchors={0: "北三县"})[0]
    assert title != "全力支持" and "北三县" in title


def test_title_is_no_list_of_two_things() -> None:
    # 河北's 冬奥 clauses were titled "场馆和配套"
    clauses = ["加快崇礼赛区场馆和配套基础设施建设", "推进在建场馆和配套设施建设", "所有场馆和配套设施高质量完成",
               "高质量推进场馆和配套基础设施建设", "打造一流冬奥场馆设施", "加快冬奥场馆市场化开发",
               "抓好张家口冬奥场馆综合利用", "加强场馆赛后综合利用"]
    title = make_titles({0: clauses}, {0: [f"d{k}" for k in range(len(clauses))]}, jieba.lcut, anchors={0: "场馆"})[0]
    assert title == "冬奥场馆"


def test_a_result_word_shared_by_clauses_does_not_title_them() -> None:
    # 云南's railway clauses share "通车" (a result told); the line's name stays the title
    clauses = ["确保丽香铁路建成通车", "丽香铁路全线通车", "推进丽香铁路建设，力争年内通车", "大瑞铁路保山至瑞丽段通车",
               "弥蒙高铁建成通车", "加快丽香铁路建设"]
    title = make_titles({0: clauses}, {0: [f"d{k}" for k in range(len(clauses))]}, jieba.lcut, anchors={0: "通车"})[0]
    assert title != "通车"
