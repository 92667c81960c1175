"""A short proposal pasted after a long one without the part labels: two matters.

Built from the failing cases of the tuning rows: 高水平应用型大学 (1,892 字) + 眼科黄斑针剂 (334 字), rows 83 + 102, and
盘活农家书屋 (1,719 字) + 民营经济统计 (333 字), rows 96 + 51, pasted one after the other with their 调研情况/问题分析/
具体建议 labels removed, passed the one-matter check: the title's words stop where the short one begins, but the rule
asked for 30 % of the text on each side. A stretch down to a tenth now counts when the two stretches share almost no
words. The single proposals nearest to that bound (row 3, whose first tenth names the title and the rest other words,
and row 253, whose last sixth does) still pass.
"""

from __future__ import annotations

import re

import pytest

import test_drafts_reading8 as r8
from realdata_paths import DATA, needs

pytestmark = needs(DATA / "jszx_proposals_2019")

_LABEL_RE = re.compile(r"(调研情况|问题分析|具体建议)[：:]")


def _one_matter(text: str, title: str):
    from topicmine.drafts.checks import one_matter_check

    return one_matter_check(title + "\n" + text, "proposal", title=title)


@pytest.mark.parametrize(("x", "y"), [(83, 102), (96, 51)])
def test_a_short_proposal_pasted_after_a_long_one_without_labels_is_a_second_matter(x: int, y: int) -> None:
    rows = r8._rows()
    a, b = rows[x], rows[y]
    text = _LABEL_RE.sub("", a["content"]) + "\n" + _LABEL_RE.sub("", b["content"])
    assert len(_LABEL_RE.sub("", b["content"])) < 0.2 * len(text)  # the shape: the second is short
    c = _one_matter(text, a["reason"].strip())
    assert not c.passed, c.message
    assert "标题所说的事在其中没有再出现" in c.message
    # the check points at the short second proposal
    start = len(a["reason"].strip()) + 1 + len(_LABEL_RE.sub("", a["content"]))
    assert c.spans and min(s for s, _ in c.spans) >= start - 60


@pytest.mark.parametrize("i", [3, 253])
def test_single_proposals_whose_end_or_start_drops_the_title_words_stay_one_matter(i: int) -> None:
    r = r8._rows()[i]
    c = _one_matter(_LABEL_RE.sub("", r["content"]), r["reason"].strip())
    assert c.passed, c.message


def test_title_gap_takes_a_shorter_stretch_only_when_asked() -> None:
    from topicmine.drafts.halves import title_gap

    long = "全省物联网企业超过两千家。物联网产业规模全国领先。物联网核心芯片依赖进口。建议设立物联网产业基金。" * 8
    short = ("苏北光伏资源丰富，电站建设成本持续下降，具备平价上网条件。建议规划建设苏北光伏大基地，完善电网送出通道。"
             "保障电力就地消纳，降低弃光率，鼓励屋顶光伏与储能配套建设。")
    body = long + short
    assert title_gap(body, "关于加快物联网产业发展的建议") is None
    gap = title_gap(body, "关于加快物联网产业发展的建议", share=0.1)
    assert gap is not None and "光伏" in gap.terms


def _unlabelled_pair(a: dict[str, str], b: dict[str, str]) -> str:
    """A blind reader's shape: the first's title, both situations, both problems, "为此建议：", both measure lists."""
    from _report_shape import proposal_parts

    pa, pb = ([proposal_parts(r["content"])[lab] for lab in ("调研情况", "问题分析", "具体建议")] for r in (a, b))
    return "\n".join([a["reason"].strip(), pa[0], pb[0], pa[1], pb[1], "为此建议：", pa[2], pb[2]])


@pytest.mark.parametrize(("x", "y"), [(168, 144), (30, 85)])
def test_a_broad_word_said_through_both_halves_ties_nothing_when_the_title_names_a_compound_of_it(x: int, y: int) -> None:
    """168 + 144 (高技能人才 + 乡村现代农业人才: "人才" in half of both sides' pieces) and 30 + 85 (产教融合 + 医养融合:
    "融合" in 11 of 15 and 11 of 21 pieces) without labels passed one-matter: the broad word tied the two halves although
    the title's own compound (高技能人才, 产教融合) is said through the first and never in the second."""
    from topicmine.drafts.checks import one_matter_check

    rows = r8._rows()
    a, b = rows[x], rows[y]
    for text in (_unlabelled_pair(a, b),
                 a["reason"].strip() + "\n" + _LABEL_RE.sub("", a["content"]) + "\n" + _LABEL_RE.sub("", b["content"])):
        c = one_matter_check(text, "proposal", title=a["reason"].strip())
        assert not c.passed, c.message
        # the reason names the shared word and the title's compound, not "用词几乎没有交集"
        head, compound = {168: ("人才", "高技能人才"), 30: ("融合", "产教融合")}[x]
        assert f"两段虽都说“{head}”，但标题所说的“{compound}”在后一段从未出现" in c.message, c.message


def test_the_head_of_an_absent_title_compound_is_found() -> None:
    from topicmine.drafts.matters import _heads_of_absent

    sides = [[{"产教融合", "融合"}] * 4, [{"医养融合", "融合"}] * 4]
    said = {"产教融合": [4, 0], "融合": [4, 4]}
    assert _heads_of_absent(said, sides) == {"融合"}
    # a compound both sides say leaves its head a tie
    assert _heads_of_absent({"产教融合": [4, 2], "融合": [4, 4]}, sides) == set()
