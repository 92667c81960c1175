"""议题 from the clauses inside each policy area (topics.clauses; ``[topics] matter_unit = "clause"``, the default).

A report's paragraph is a chapter: one paragraph names several matters. The clause level must find each
recurring matter as its own 议题 (not the chapter), keep headings and target figures out, and keep its ids when
a document is added and another deleted.
"""

from __future__ import annotations

import numpy as np

from topicmine.topics import discover_topics
from topicmine.topics.clauses import (FIELD_WORDS, anchor_matters, is_figure_clause, is_framing_clause, is_list_clause,
                                      list_items, split_clauses_heads)

# each yearly report has an education chapter and an ecology chapter; every paragraph mixes matters
EDU = ["启动学前教育三年行动计划，扩大普惠性学前教育资源", "努力化解城市义务教育大班额问题",
       "推进职业院校产教融合和校企合作"]
ECO = ["深入推进长江流域重点水域十年禁渔", "全面推行河长制湖长制，开展河湖清四乱专项行动",
       "推进森林草原防灭火专项整治"]


def _report(year: int, rng, *, only: tuple[str, ...] | None = None):
    rows = []
    centres = {"edu": np.eye(16)[0] * 3, "eco": np.eye(16)[1] * 3}
    for area, items, head in (("edu", EDU, "（五）优先发展教育事业"), ("eco", ECO, "（六）加强生态环境保护")):
        for k in range(2):
            # each paragraph worded on its own (text repeated verbatim across reports is 套话)
            noise = "".join(chr(0x4E00 + int(c)) for c in rng.integers(0, 20000, 80))
            body = "。".join(f"{items[(k + j) % 3]}，{noise[30 * j:30 * j + 30]}" for j in range(2)) + f"。{noise[60:]}。"
            text = f"{head}\n\n{body}全省学前教育毛入园率达到92%。" if k == 0 else body
            rows.append((centres[area] + 0.3 * rng.normal(size=16), text, area))
    return rows


def _fit(years, previous=None, extra=()):
    rng = np.random.default_rng(1)
    V, T, M = [], [], []
    for y in years:
        for k, (v, t, _area) in enumerate(_report(y, rng)):
            V.append(v)
            T.append(t)
            M.append({"passage_id": f"{y}-{k}", "doc_id": f"r{y}", "doc_type": "gov_report", "year": y, "region": "某省"})
    for pid, doc, y, v, t in extra:
        V.append(v)
        T.append(t)
        M.append({"passage_id": pid, "doc_id": doc, "doc_type": "proposal", "year": y, "region": "某省"})
    toks = [[w for w in t.replace("，", " ").replace("。", " ").split() if len(w) >= 2] for t in T]
    return discover_topics(np.array(V, dtype=np.float32), T, toks, M, model_id="test",
                           settings={"min_topic_size": 4, "seed": 1, "matter_unit": "clause"},
                           previous_run=previous.run if previous else None,
                           previous_matters=previous.matters.run if previous else None)


def test_each_recurring_clause_matter_is_its_own_topic_inside_its_area():
    res = _fit(range(2019, 2027))
    lv = res.matters
    assert len(res.areas.topic_ids) == 2 and len(lv.topic_ids) >= 6
    # the six matters, each its own 议题: the clauses saying a matter are in one 议题, and no 议题 holds two
    topic_of_item = {}
    for item in EDU + ECO:
        rows = [r for r, c in enumerate(lv.texts) if c.startswith(item)]
        ts = {int(lv.assignments[r]) for r in rows}
        assert len(ts) == 1 and -1 not in ts, (item, ts)
        topic_of_item[item] = ts.pop()
    assert len(set(topic_of_item.values())) == 6
    # every 议题 sits inside one area, and its clauses name its anchor
    rows_area = {}
    for t in lv.topic_ids:
        a = lv.parent[t]
        rows_area.setdefault(a, []).append(t)
    assert len(rows_area) == 2
    # headings and target figures are counted rows of no 议题
    ranked_text = " ".join(p.text for r in lv.ranked for p in r.evidence.representatives)
    assert "优先发展教育事业" not in ranked_text and "毛入园率" not in ranked_text
    # shares are clause shares: each matter takes a part of each report, not the whole chapter
    assert all(0 < r.share < 0.5 for r in lv.ranked)


def test_clause_matters_keep_their_ids_after_a_document_is_added_and_one_deleted():
    first = _fit(range(2019, 2027))
    rng = np.random.default_rng(7)
    extra = [("new-1", "p1", 2026, np.eye(16)[0] * 3 + 0.3 * rng.normal(size=16),
              "关于化解城市义务教育大班额问题的提案。建议新建改扩建中小学校。")]
    again = _fit(range(2020, 2027), previous=first, extra=extra)  # the 2019 report deleted, a proposal added
    before = {t.id for t in first.matters.run.topics}
    after = {t.id: t for t in again.matters.run.topics}
    assert before <= set(after)
    # the proposal's clause joined the 大班额 议题 of the first run
    lv = first.matters
    big = {int(lv.assignments[r]) for r, c in enumerate(lv.texts) if c.startswith("努力化解城市义务教育大班额问题")}
    assert len(big) == 1
    assert any(m.startswith("new-1#") for m in after[big.pop()].members)


def test_clause_helpers():
    heads = split_clauses_heads("（五）优先发展教育事业\n\n办好人民满意的教育。启动学前教育三年行动计划。")
    assert heads == [("优先发展教育事业", True), ("办好人民满意的教育", True), ("启动学前教育三年行动计划", False)]
    assert is_figure_clause("城镇调查失业率控制在5.5%左右") and not is_figure_clause("实施消费品以旧换新")
    # a term naming a third of its area is the area's name; a rarer one recurring in three reports is a 议题
    T = [["学前教育"], ["学前教育"], ["学前教育"], ["教育", "大班额"], ["教育", "大班额"], ["教育", "大班额"]]
    found = anchor_matters(T, [0] * 6, ["r1", "r2", "r3"] * 2)
    assert [m.anchor for m in found][:2] == ["学前教育", "大班额"]
    # a previous 议题 goes on with its clauses even when a new term would now score higher (and comes first);
    # a previous anchor that is a field's name does not (test_topics_items_titles)
    again = anchor_matters(T, [0] * 6, ["r1", "r2", "r3"] * 2, previous=[("大班额", [3, 4, 5])])
    assert again[0].anchor == "大班额" and again[0].clauses == [3, 4, 5]


def test_tallies_and_definitions_are_counted_never_a_matter():
    # 四川省's reports: a 名词解释 entry cut into clauses, and a result told as a tally
    text = ("农业面源污染：农村生活和农业生产活动中的污染物，通过地表径流进入水体。\n\n"
            "驻蓉领事机构达15个、居内地第三，国际友城增至78对。拓展国际友城和友好合作关系，更好发挥民间外交作用。")
    heads = dict(split_clauses_heads(text))
    assert heads["农业面源污染：农村生活和农业生产活动中的污染物，通过地表径流进入水体"] is True
    assert heads["驻蓉领事机构达15个、居内地第三，国际友城增至78对"] is True
    assert heads["拓展国际友城和友好合作关系，更好发挥民间外交作用"] is False
    # a target with a quantity but no tally verb is a matter's clause (新建高标准农田500万亩)
    assert not is_figure_clause("新建高标准农田500万亩，推进撂荒地整治")


def test_chapter_lists_and_framing_lines_are_counted_never_a_matter():
    # 云南省's reports name a whole chapter in one clause, and place the province in national strategy
    text = ("办好学前教育、职业教育、民族教育、特殊教育和继续教育。办好高等教育、特殊教育和继续教育。"
            "加快建设我国面向南亚东南亚辐射中心。坚决贯彻落实党中央决策部署。"
            "办好特殊教育，支持民办教育。做好高校毕业生、农民工、退役军人就业工作。培育战略性新兴产业集群。")
    heads = dict(split_clauses_heads(text))
    assert heads["办好学前教育、职业教育、民族教育、特殊教育和继续教育"] is True   # five items: the chapter
    assert heads["办好高等教育、特殊教育和继续教育"] is True                       # three kinds of 教育: the field
    assert heads["加快建设我国面向南亚东南亚辐射中心"] is True                     # positioning
    assert heads["坚决贯彻落实党中央决策部署"] is True                             # stance
    # a matter's own clauses stay: one object, three named groups with one measure, 战略性新兴产业
    assert heads["办好特殊教育，支持民办教育"] is False
    assert heads["做好高校毕业生、农民工、退役军人就业工作"] is False
    assert heads["培育战略性新兴产业集群"] is False
    assert list_items("办好学前教育、职业教育、民族教育、特殊教育和继续教育") == 5
    assert not is_list_clause("加强农业面源、危险废物、重金属污染防治")  # three unlike items: one measure
    # 四川省 2025: the list is what the measure (以旧换新) covers, inside a longer clause: the matter's clause
    assert not is_list_clause("加力落实消费品以旧换新政策，扩大政策覆盖范围，提振汽车、家电、家居、电子产品等消费")
    # a segment naming four fields outright is the chapter, whatever follows it
    assert is_list_clause("办好学前教育、职业教育、民族教育、特殊教育，促进教育公平")
    assert is_framing_clause("主动服务和融入国家重大战略") and not is_framing_clause("实施消费品以旧换新行动")


def test_a_field_name_never_anchors_a_matter_its_compound_does():
    # "污染" gathers 大气/面源/重金属污染 (the 污染防治 chapter); 面源污染 recurring in three reports is the matter
    T = [["污染", "面源污染"], ["污染", "面源污染"], ["污染", "面源污染"], ["污染", "大气"], ["污染", "重金属"],
         ["污染", "大气"]] + [[f"其他{i}"] for i in range(6)]
    D = ["r1", "r2", "r3", "r4", "r5", "r6"] * 2
    found = anchor_matters(T, [0] * 12, D)
    assert [m.anchor for m in found] == ["面源污染"] and found[0].clauses == [0, 1, 2]
    assert "污染" in FIELD_WORDS
    # without the field list the field's name takes every clause: the whole chapter as one 议题
    loose = anchor_matters(T, [0] * 12, D, field_words=())
    assert loose[0].anchor == "污染" and loose[0].clauses == [0, 1, 2, 3, 4, 5]


def test_an_object_stays_an_anchor_a_generic_head_does_not():
    # 贵州省's reports: 债务 names the object of a matter (地方政府债务风险化解); 管理制度 heads unrelated objects
    # (预算管理制度, 现代医院管理制度, 台帐管理制度) — a mixture, not a matter
    T = [["债务", "隐性"], ["债务", "化解"], ["债务"], ["管理制度", "预算"], ["管理制度", "医院"], ["管理制度", "台帐"]]
    D = ["r1", "r2", "r3"] * 2
    found = anchor_matters(T, [0] * 6, D)
    assert [m.anchor for m in found] == ["债务"] and found[0].clauses == [0, 1, 2]
    assert "债务" not in FIELD_WORDS and {"管理制度", "体制改革"} <= FIELD_WORDS


def test_a_responsibility_annotation_is_not_part_of_the_clause() -> None:
    """民生实事 lists annotate each item with its department; those words once grew a 议题 of their own ("牵头责任",
    49 clauses of unrelated items). The item stays, the annotation goes."""
    from topicmine.topics.clauses import split_clauses

    text = ("改造供热管道420公里（牵头责任单位：自治区住房和城乡建设厅）；"
            "新建和改扩建公办幼儿园200所（责任单位：自治区教育厅、财政厅）。"
            "完成第四次全国文物普查任务（以上为2025年重点任务）。")
    assert split_clauses(text) == ["改造供热管道420公里", "新建和改扩建公办幼儿园200所",
                                   "完成第四次全国文物普查任务（以上为2025年重点任务）"]
