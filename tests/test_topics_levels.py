"""Two levels (areas → 议题), share-based ranks and trends, titles, non-matter passages, pages."""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest

from topicmine.topics import discover_topics, rank_topics, topic_evidence
from topicmine.topics.nonmatter import nonmatter_reason
from topicmine.topics.render import _text_w, place_labels, render_html, svg_share_trend
from topicmine.topics.shares import share_table, share_trend
from topicmine.topics.titles import make_titles


def _corpus(seed: int = 0):
    """Two areas, each with two matters; 8 yearly reports, one passage per matter per report, plus extras so
    shares differ; matter (1, 1) appears only from 2022 on."""
    rng = np.random.default_rng(seed)
    d = 48
    areas = rng.normal(size=(2, d))
    matters = {(a, m): areas[a] * 3.0 + 0.8 * rng.normal(size=d) for a in range(2) for m in range(2)}
    texts = {(0, 0): "实施消费品以旧换新，支持汽车家电更新换代", (0, 1): "发展跨境电商，建设海外仓",
             (1, 0): "开展森林草原防灭火专项整治", (1, 1): "推进地方政府融资平台债务化解"}
    V, T, M, gold = [], [], [], []
    for y in range(2019, 2027):
        for (a, m), c in matters.items():
            reps = 1 if (a, m) != (1, 1) else (3 if y >= 2022 else 0)
            reps += 2 if (a, m) == (0, 0) else 0
            for k in range(reps * 4):
                V.append(c + 0.5 * rng.normal(size=d))
                # each passage worded on its own (a sentence repeated verbatim across reports is 套话)
                T.append(texts[(a, m)] + "，" + "".join(chr(0x4E00 + int(c)) for c in rng.integers(0, 20000, 30)))
                M.append({"passage_id": f"{y}-{a}{m}-{k}", "doc_id": f"r{y}", "doc_type": "gov_report", "year": y,
                          "region": "某省"})
                gold.append((a, m))
    toks = [[w for w in t.replace("，", " ").replace("。", " ").split() if len(w) >= 2] for t in T]
    return np.array(V, dtype=np.float32), T, toks, M, gold


def _gold_of(res, gold, topic: int) -> set:
    return {gold[i] for i in np.flatnonzero(res.matters.assignments == topic)}


def _main_piece(res, gold, planted: tuple[int, int]):
    """The ranked 议题 holding most of a planted matter's passages."""
    return max((r for r in res.matters.ranked if _gold_of(res, gold, r.topic) == {planted}),
               key=lambda r: int((res.matters.assignments == r.topic).sum()))


@pytest.fixture(scope="module")
def fitted():
    V, T, toks, M, gold = _corpus()
    settings = {"min_topic_size": 5, "matter_resolution": 2.0, "seed": 1, "matter_unit": "passage"}  # the paragraph split
    return discover_topics(V, T, toks, M, settings=settings, model_id="test"), gold


def test_matters_nest_inside_areas(fitted):
    res, gold = fitted
    assert res.areas is not None and res.matters is not None
    assert len(res.matters.topic_ids) > len(res.areas.topic_ids) >= 2
    assert max(list(res.matters.parent.values()).count(a) for a in res.areas.topic_ids) >= 2  # an area was split
    # every matter has an area, and its passages are inside that area
    for t in res.matters.topic_ids:
        a = res.matters.parent[t]
        inside = res.areas.assignments[res.matters.assignments == t]
        assert (inside == a).all()
    # the matters separate the four planted matters (no matter mixes two)
    for t in res.matters.topic_ids:
        g = {gold[i] for i in np.flatnonzero(res.matters.assignments == t)}
        assert len(g) == 1
    assert res.level("area") is res.areas and res.level("matter") is res.matters
    with pytest.raises(ValueError):
        res.level("chapter")


def test_ranks_by_share_have_no_ties_and_trends_follow_shares(fitted):
    res, gold = fitted
    ranked = res.matters.ranked
    scores = [round(r.score, 12) for r in ranked]
    assert len(set(scores)) == len(scores)
    assert len({r.reason for r in ranked}) == len(ranked)
    late = [r for r in ranked if r.trend and r.trend.kind == "new"]
    assert late
    # whatever is "new" is the planted late matter (融资平台债务化解), nothing else; the clustering may cut it
    # into pieces (a piece whose passages start in 2023 is new from 2023), but its main piece is new from 2022
    for r in late:
        assert _gold_of(res, gold, r.topic) == {(1, 1)}
    main = _main_piece(res, gold, (1, 1))
    assert main.trend.kind == "new" and main.trend.split_year == 2022


def test_year_filter_changes_population_not_the_measure(fitted):
    res, gold = fitted
    lv = res.matters
    full = {r.topic: r for r in lv.ranked}
    recent = rank_topics(lv.evidence, None, labels=lv.labels, shares=lv.shares, years=(2023, 2026))
    for r in recent:
        # shares are recomputed over 2023–2026 only
        assert set(r.share_by_year) == {2023, 2024, 2025, 2026}
        assert abs(r.share - np.mean(list(r.share_by_year.values()))) < 1e-3
    # the "new since 2022" matter's main piece is steady inside that window: the measure is the same, the
    # population changed
    main = _main_piece(res, gold, (1, 1))
    assert full[main.topic].trend.kind == "new"
    assert next(r for r in recent if r.topic == main.topic).trend.kind == "steady"


def test_one_document_topic_is_flagged_not_ranked():
    rng = np.random.default_rng(3)
    V = np.vstack([rng.normal(size=16) + 0.2 * rng.normal(size=(30, 16)), rng.normal(size=16) + 0.2 * rng.normal(size=(30, 16))])
    meta = [{"passage_id": i, "doc_id": f"d{i % 6}" if i < 30 else "only", "doc_type": "gov_report", "year": 2020 + i % 6}
            for i in range(60)]
    texts = ["推进养老服务体系建设"] * 30 + ["合肥长三角一体化"] * 30
    toks = [["养老服务", "体系"]] * 30 + [["合肥", "一体化"]] * 30
    res = discover_topics(V.astype(np.float32), texts, toks, meta, matters=False)
    flagged = res.areas.flags
    assert list(flagged.values()) == ["one_document"]
    assert all(r.topic not in flagged for r in res.ranked)


def test_share_table_weights_documents_equally():
    # a 9-passage report with 3 on the topic and a 1-passage report with 1: mean share (1/3 + 1) / 2
    tab = share_table([0, 0, 0] + [-1] * 6 + [0], ["long"] * 9 + ["short"], {"long": 2024, "short": 2024}, topics=[0])
    assert tab.by_year(0) == {2024: round((1 / 3 + 1) / 2, 4)}


def test_trend_reads_in_numbers():
    assert share_trend({2019: .07, 2020: .07, 2021: .075, 2022: .13, 2023: .13, 2024: .14}).text == "2022年起篇幅由7.2%升至13%"
    assert share_trend({2020: .02, 2021: .021, 2022: .019, 2023: .02}).kind == "steady"


def test_nonmatter_kinds():
    assert nonmatter_reason("18.六个精准：扶贫对象精准、项目安排精准、资金使用精准。\n19.“五个一批”：发展生产脱贫一批。") == "glossary"
    assert nonmatter_reason("第五，着力构建现代产业体系。这是推动高质量发展的关键。") == "lead_in"
    # a chapter heading followed by its substance is a matter passage, not a lead-in
    long = "第三，加快构建现代产业体系。\n\n推进先进制造强省建设。深入实施智能制造工程，" + "培育石墨烯、北斗卫星导航等新兴产业，" * 8
    assert nonmatter_reason(long) is None
    assert nonmatter_reason("建设廉洁政府。严格执行中央八项规定精神。") == "self"
    assert nonmatter_reason("1. 加强师资队伍建设：推动县域内教师交流轮岗。") is None


def test_titles_are_whole_terms_without_places():
    texts = {0: ["推动建设大熊猫国家公园，加强栖息地保护", "大熊猫国家公园体制试点", "高质量建设大熊猫国家公园"],
             1: ["四川推进成都平原经济区建设", "四川推进成都平原经济区协同发展", "成都平原经济区一体化"]}
    docs = {0: ["a", "b", "c"], 1: ["a", "b", "c"]}
    import jieba

    titles = make_titles(texts, docs, jieba.lcut)
    assert titles[0] == "大熊猫国家公园"
    assert "四川" not in titles.get(1, "") and "成都" not in titles.get(1, "")


def test_map_labels_do_not_overlap():
    rng = np.random.default_rng(0)
    pts = [(float(x), float(y), 6.0) for x, y in rng.uniform(100, 300, size=(30, 2))]
    names = [f"议题名称{i}" for i in range(30)]
    spots = place_labels(pts, names, width=400, height=400)
    boxes = []
    for (x, y, anchor), t in [(s, n) for s, n in zip(spots, names) if s is not None]:
        w = _text_w(t, 12)  # the width the page's font gives (CJK one em, digits about half)
        x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
        boxes.append((x0, y - 12, x0 + w, y + 2))
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_share_charts_differ_when_data_differ(fitted):
    res, _ = fitted
    series = {tuple(sorted(r.share_by_year.items())) for r in res.matters.ranked}
    charts = {svg_share_trend(list(s)) for s in series}
    assert len(series) >= 3 and len(charts) == len(series)  # one chart per distinct series, none shared
    page = render_html(res.matters.ranked, labels=res.matters.labels, centroids=res.matters.centroids,
                       topic_ids=res.matters.topic_ids)
    assert "2019" in page and "2026" in page and "%" in page


def test_reports_are_written_readable(tmp_path):
    from topicmine.pipeline.topics_job import _atomic_write

    old = os.umask(0o022)
    try:
        _atomic_write(tmp_path / "topics.html", "<p>议题</p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "topics.html").stat().st_mode) == 0o644


def test_evidence_only_ranking_still_works():
    meta = [{"doc_id": "a", "doc_type": "proposal", "year": 2025}, {"doc_id": "b", "doc_type": "proposal", "year": 2025}]
    assert [r.topic for r in rank_topics(topic_evidence([0, 1], meta))] == [0, 1]


def test_year_filter_keeps_the_dominance_of_a_matter_that_filled_some_years(fitted):
    """The filtered re-ranking (``--year`` / ``--region``) scores a 议题's dominance as the full list does: a
    matter that filled some years (疫情 2020–22) must not fall back to its old rank under a filter."""
    from types import SimpleNamespace

    from topicmine.config import Settings
    from topicmine.pipeline.topics_job import ranked_table

    res, gold = fitted
    ws = SimpleNamespace(settings=Settings())  # ranked_table reads only the topics settings of the workspace
    lv = res.matters
    target = _main_piece(res, gold, (1, 1))
    heavy = lv.heavy
    lv.heavy = [target.topic]  # a 议题 covering a salient term (topics.salient), as 疫情防控 is
    try:
        before = {r["id"]: r["score"] for r in ranked_table(ws, res, years=(2022, 2026), top=100)}
        lv.dominance = {target.topic: 0.16}  # what topics.placeprog.dominance stores on the level
        after = {r["id"]: r["score"] for r in ranked_table(ws, res, years=(2022, 2026), top=100)}
    finally:
        lv.heavy = heavy
        lv.__dict__.pop("dominance", None)
    assert after[target.topic] > before[target.topic]
    assert all(after[t] == before[t] for t in before if t != target.topic)
