"""The outside reader's last failures on 安徽 2015–2026 and 福建 2016–2026 (seen now): 援藏援疆 — one sentence in every
安徽 report — ranked 3rd; 福建's 对台 chapter showed as two areas, one of them joined by the word 大陆 ("居大陆第一",
"大陆首家"); and 福州都市圈's three clauses were taken for a slogan (they share "强省会战略"). Real data: the two
provinces' reports, clause by clause (tests/realdata_paths)."""

from __future__ import annotations

import re

import jieba

from tests.realdata_paths import PROVINCES, needs, report_paragraphs
from topicmine.topics.clauses import AnchorMatter, split_clauses_heads
from topicmine.topics.framewords import drop_frame_anchors, is_frame_anchor
from topicmine.topics.placeprog import main_programme
from topicmine.topics.slogan import is_slogan_group
from topicmine.topics.stocksentence import is_stock_sentence_group, stock_sentence_topics

pytestmark = needs(PROVINCES / "安徽省") + needs(PROVINCES / "福建省")[1:]


def _clauses(province: str, years: range, *words: str) -> tuple[list[str], list[int]]:
    """The clauses of a province's reports naming all of ``words``, with their years."""
    files = [PROVINCES / province / f"{y}.md" for y in years if (PROVINCES / province / f"{y}.md").is_file()]
    texts, meta = report_paragraphs(files, province, province)
    out, years_ = [], []
    for t, m in zip(texts, meta):
        for c, head in split_clauses_heads(t):
            if not head and all(w in c for w in words):
                out.append(c)
                years_.append(m["year"])
    return out, years_


def test_a_sentence_said_in_every_report_is_a_stock_line() -> None:
    # 安徽 2015–2026: "进一步做好援藏援疆工作", "做好民族宗教、援藏援疆等工作" — one line of work, nothing beside it
    # (the plan lines: the 回顾 lines "援疆援藏取得新进展" are results and went to no 议题)
    pairs = [(c, y) for c, y in zip(*_clauses("安徽省", range(2015, 2027), "援"))
             if ("援藏" in c or "援疆" in c) and not re.search(r"取得|新进展|新成绩|新进步", c)]
    cl, ys = [c for c, _y in pairs], [y for _c, y in pairs]
    assert len(set(ys)) >= 10
    assert is_stock_sentence_group(cl, ys)
    # beside a matter in one list of topics, only the stock line is flagged
    farm, fys = _clauses("安徽省", range(2015, 2027), "高标准农田")
    assert stock_sentence_topics([0] * len(cl) + [1] * len(farm), cl + farm, ys + fys, [0, 1]) == [0]


def test_repeated_lines_with_an_object_or_a_target_stay_matters() -> None:
    # each year's target is its own ("新建高标准农田500万亩"): digits are part of the sentence
    farm, fys = _clauses("安徽省", range(2015, 2027), "高标准农田")
    assert len(farm) >= 8 and not is_stock_sentence_group(farm, fys)
    # 督察 反馈问题 整改 repeats closely and names what is done to what: a matter
    insp, iys = _clauses("安徽省", range(2015, 2027), "督察")
    assert len(insp) >= 4 and not is_stock_sentence_group(insp, iys)
    # the textbook case: one long repeated line with an object
    line = "抓好中央生态环境保护督察反馈问题整改"
    assert not is_stock_sentence_group([line] * 4, [2019, 2020, 2021, 2022])


def test_a_word_used_as_the_yardstick_of_a_first_joins_no_matter() -> None:
    # 福建 2016–2026: "大陆首家台资三甲医院", "居大陆第一", "台企在大陆上市" — 大陆 says where a first stands
    mainland, _ = _clauses("福建省", range(2016, 2027), "大陆")
    assert len(mainland) >= 10 and is_frame_anchor("大陆", mainland)
    # 两岸 names the matter of its clauses (海峡论坛, 两岸融合发展示范区), 高标准农田 likewise
    strait, _ = _clauses("福建省", range(2016, 2027), "两岸")
    farm, _ = _clauses("福建省", range(2016, 2027), "高标准农田")
    assert not is_frame_anchor("两岸", strait) and not is_frame_anchor("高标准农田", farm)
    texts = mainland + strait
    found = [AnchorMatter(1, "大陆", list(range(len(mainland))), ["大陆"], 9, 0.0),
             AnchorMatter(1, "两岸", list(range(len(mainland), len(texts))), ["两岸"], 11, 0.0)]
    assert [m.anchor for m in drop_frame_anchors(found, texts)] == ["两岸"]


def test_a_named_programme_beside_a_strategy_word_is_no_slogan() -> None:
    # 福建 2022, 2023, 2025: "加快建设福州都市圈，深入实施强省会战略…" — the formula holds 强省会战略 (ends on 战略)
    # and 福州都市圈 / 福州新区 (a place-named programme): a matter, titled by the programme
    cl, ys = _clauses("福建省", range(2016, 2027), "福州都市圈", "强省会战略")
    assert sorted(set(ys)) == [2022, 2023, 2025]
    assert is_slogan_group(cl, ys)  # the shape alone took it for framing
    assert not is_slogan_group(cl, ys, words=jieba.lcut)
    assert main_programme(cl, jieba.lcut) == "福州都市圈"
    # a task-formula with no programme stays a slogan (福建's 立德树人根本任务)
    ld, lys = _clauses("福建省", range(2016, 2027), "立德树人根本任务")
    assert len(set(lys)) >= 3 and is_slogan_group(ld, lys, words=jieba.lcut)
