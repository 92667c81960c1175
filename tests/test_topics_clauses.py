"""议题 from the clauses inside each policy area (topics.clauses; ``[topics] matter_unit = "clause"``, the default).

A report's paragraph is a chapter: one paragraph names several matters. The clause level must find each
recurring matter as its own 议题 (not the chapter), keep headings and target figures out, and keep its ids when
a document is added and another deleted.
"""

from __future__ import annotations

import numpy as np

from topicmine.topics import discover_topics
from topicmine.topics.clauses import anchor_matters, is_figure_clause, split_clauses_heads

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
    # a previous 议题 goes on with its clauses even when a new term would now score higher
    again = anchor_matters(T, [0] * 6, ["r1", "r2", "r3"] * 2, previous=[("教育", [3, 4, 5])])
    assert again[0].anchor == "教育" and again[0].clauses == [3, 4, 5]


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
