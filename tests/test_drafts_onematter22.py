"""One matter per draft: two same-field matters tied only by the field's word, and a single's listed aspects.

1. The seventh blind reader's j2 (docs/figures/drafts21-blind.md): a 公交遮雨棚 proposal and a 128路末班车 one joined
   inside each part with "同时，……", under the first's title; "公交" is said on both sides and in the title, so the
   lexical check let that word tie them ("✓ 全文围绕同一事项"). The shape is rebuilt here with other words (a school
   canteen and the school's buses, "小学" in the title and on both sides).
2. Row 31 of jszx2019_dev (化解基础教育问题，办好人民满意教育), a single proposal, failed: its problem "二是……教育资源……"
   and its measure "1、加强教育资源均衡发展" were read as a second matter, though they are one item of each list.
"""

from __future__ import annotations

import csv

import pytest

from realdata_paths import DATA, needs
from topicmine.drafts.checks import check_draft, one_matter_check
from topicmine.drafts.objects import item_in_list, split_objects
from topicmine.drafts.analyze import DEFAULT_LEXICON

CANTEEN = (
    "关于加快改造城东小学学生食堂的提案\n"
    "调研情况：\n"
    "城东小学现有学生一千二百人，学生食堂建于上世纪九十年代，面积不足四百平方米，学生只能分三批就餐。区教育局已将城东小学食堂"
    "改造列入年度计划，委托设计院完成了食堂改扩建设计，正在评审审批。同时，城东小学的校车只有两辆，每天往返三趟，最早一批学生"
    "六点半就要在站点候车。校方表示，目前校车驾驶员缺口较大，增加班次将加重驾驶员的劳动强度。\n"
    "问题分析：\n"
    "一是城东小学食堂改造进度滞后，学生就餐拥挤，厨房设备老化，食堂的食品安全存在隐患。二是校车数量不足、班次过少，学生候车时间"
    "过长，很不符合家长接送的需要，校车驾驶员短缺制约了班次增加。\n"
    "具体建议：\n"
    "1．督促区教育局加快城东小学食堂改扩建的评审审批和施工，确保按计划完工；完工前在教学楼增设临时就餐点。\n"
    "2．对全区中小学食堂开展排查，更新老化的厨房设备，补齐食堂的消毒、留样设施。\n"
    "3．为城东小学增配两辆校车，早晚各增加一个班次，并加大校车驾驶员招聘力度，缓解驾驶员缺口。\n"
)
TITLE = "关于加快改造城东小学学生食堂的提案"


def _without_buses(text: str) -> str:
    """The canteen proposal alone: each part's "同时，……校车……" run and the bus measure left out."""
    text = text[:text.index("同时，")] + text[text.index("\n问题分析"):]
    text = text[:text.index("二是校车")] + text[text.index("\n具体建议"):]
    return text[:text.index("3．为城东小学")]


class TestSameFieldJoinedInsideEachPart:
    def test_the_joined_draft_is_two_matters(self) -> None:
        c = one_matter_check(CANTEEN, "proposal", title=TITLE)
        assert not c.passed, c.message
        # the message names the title's object, the second matter's own words and the field word they share
        assert "食堂" in c.message and "校车" in c.message and "驾驶员" in c.message and "小学" in c.message
        # the spans point at the bus stretch of each part, never at the canteen measures
        second = "".join(CANTEEN[a:b] for a, b in c.spans)
        assert "增配两辆校车" in second and "候车时间" in second
        assert "临时就餐点" not in second

    def test_the_title_check_names_the_same_second_matter(self) -> None:
        rep = check_draft(CANTEEN, "proposal", title=TITLE)
        checks = {c.name: c for c in rep.checks}
        assert not checks["one_matter"].passed
        assert "正文另有一事" in checks["title_body"].message and "校车" in checks["title_body"].message

    def test_the_canteen_proposal_alone_is_one_matter(self) -> None:
        single = _without_buses(CANTEEN)
        assert "校车" not in single and "食堂" in single
        c = one_matter_check(single, "proposal", title=TITLE)
        assert c.passed, c.message

    def test_a_tie_by_the_titles_own_object_still_holds(self) -> None:
        # the word both sides say is the title's most specific one ("食堂" both in the 改造 and the 食品安全 pieces):
        # one matter's aspects, not two objects
        sides = [[{"小学", "食堂", "改造", "设计"}, {"食堂", "改造", "审批"}, {"食堂", "扩建"}],
                 [{"小学", "食堂", "厨房", "留样"}, {"食堂", "厨房", "消毒"}, {"食堂", "留样", "厨房"}]]
        assert split_objects(TITLE, sides, DEFAULT_LEXICON, frozenset()) is None

    def test_the_other_side_needs_an_object_of_its_own(self) -> None:
        # the second side says nothing specific of its own through its pieces: no second object to name
        sides = [[{"小学", "食堂", "改造"}, {"食堂", "改造"}, {"小学", "食堂"}],
                 [{"小学", "学生", "家长"}, {"小学", "安全"}, {"小学", "学生"}]]
        assert split_objects(TITLE, sides, DEFAULT_LEXICON, frozenset()) is None


def test_an_item_among_the_other_sides_items_is_an_aspect() -> None:
    b = ("问题分析：一是重文化知识轻德育。二是城乡教育资源不均。三是重课外辅导轻课堂。"
         "具体建议：1、推进城乡教育资源均衡。2、加强德育。3、提高课堂教学质量。")
    m = b.index("具体建议")
    parts = [(5, m), (m + 5, len(b))]
    i, j = b.index("二是"), b.index("三是")
    k, n = b.index("1、"), b.index("2、")
    x, y = [(5, i), (j, m), (n, len(b))], [(i, j), (k, n)]
    assert item_in_list(b, [x, y], parts)
    # the aspect's items ending each part (a second proposal's text after the first's): no item inside a list
    assert not item_in_list(b, [[(5, i), (n, len(b))], [(i, m), (k, n)]], parts)
    # an aspect in one part only (its measures) says too little
    assert not item_in_list(b, [[(5, m), (n, len(b))], [(k, n)]], parts)


CSV = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"


@pytest.mark.skipif(not CSV.is_file(), reason=f"real data not found at {CSV} (set TOPICMINE_DATA_DIR)")
class TestRealRows:
    pytestmark = needs(DATA / "jszx_proposals_2019")

    @staticmethod
    def _row(i: int) -> dict[str, str]:
        return list(csv.DictReader(CSV.open(encoding="utf-8")))[i]

    def test_row_31_lists_its_aspects_and_is_one_matter(self) -> None:
        r = self._row(31)
        title = r["reason"].strip()
        rep = check_draft(title + "\n" + r["content"], "proposal", title=title)
        checks = {c.name: c for c in rep.checks}
        assert checks["one_matter"].passed, checks["one_matter"].message
        assert checks["title_body"].passed, checks["title_body"].message
        assert rep.passed

    def test_an_unrelated_pair_with_labels_still_fails(self) -> None:
        # row 31 followed by a proposal of another field (row 80, 民营企业融资): not listed aspects
        a, b = self._row(31), self._row(80)
        title = a["reason"].strip()
        c = one_matter_check(title + "\n" + a["content"] + "\n" + b["content"], "proposal", title=title)
        assert not c.passed, c.message
