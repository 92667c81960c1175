"""Cases from the drafts8 blind reading (docs/figures/drafts8-blind.md; its rows are seen now): the part-by-part
two-matter rule fired on single matters — a filed proposal whose parts restate its title (row 273, 开办企业便利化)
and, inside ``split``, a matter whose 调研情况 is one paragraph (健全开放型区域创新体系, row 187), which then lost its
situation and problems; and a proposal whose measures alone fill 2,500 字 was emptied of both parts with a false
"报告…没有写到这一事项" (医养结合, row 261; tested here on the 科技 report with a lower limit)."""

from __future__ import annotations

import re

from _report_shape import CN, build_report, proposal_parts
import test_drafts_reading8 as r8
from realdata_paths import DATA, needs

pytestmark = needs(DATA / "jszx_proposals_2019")

# the rows and a filed proposal's shape, as the drafts7 blind reading's tests read them
_rows, _single = r8._rows, r8._single


def _matter(r: dict[str, str], h1: str, h2: str, h3: str) -> dict[str, str]:
    """One matter under the report's （k） headings; its own （一）（二） items become 1．2． as the reader wrote them
    (a （k） inside a matter would read as the report's next matter)."""
    p = {k: re.sub(r"（([一二三四五六七八九])）", lambda m: f"{CN.index(m.group(1)) + 1}．", v)
         for k, v in proposal_parts(r["content"]).items()}
    return {"h1": h1, "sit": p["调研情况"], "h2": h2, "prob": p["问题分析"], "h3": h3, "sugg": p["具体建议"]}


def test_a_filed_proposal_whose_parts_restate_its_title_is_one_matter() -> None:
    from topicmine.drafts.checks import check_draft

    text = _single(_rows()[273])
    checks = {c.name: c for c in check_draft(text, "proposal").checks}
    assert checks["one_matter"].passed, checks["one_matter"].message
    assert checks["title_body"].passed, checks["title_body"].message


def test_the_title_words_leave_the_frame_verbs_out() -> None:
    from topicmine.drafts.halves import title_words

    words = title_words("关于进一步提高“开办企业”便利化程度的建议")
    assert {"开办", "便利化"} <= words
    assert not words & {"进一步提高", "进一", "一步", "提高"}


def test_a_matter_with_a_one_paragraph_situation_keeps_its_situation_and_problems_in_split() -> None:
    from topicmine.drafts import split_report

    drafts = split_report(_science_report()).drafts
    assert len(drafts) == 4
    open_ = next(d for d in drafts if "开放型区域创新体系" in d.title)
    body = open_.text()
    assert "【请填写】（报告的基本情况部分没有写到" not in body
    assert "【请填写】（报告的存在问题部分没有写到" not in body
    assert "行政壁垒" in body  # its first problem item (创新资源布局不够开放，省域内部行政壁垒明显)


def _science_report() -> str:
    rows = _rows()
    matters = [
        _matter(rows[231], "工业互联网建设", "工业互联网发展与工业大省地位不相匹配", "加强工业互联网建设推广应用"),
        _matter(rows[242], "科研机构和人员自主权", "科研自主权政策落实不到位", "进一步加大科研机构和人员自主权"),
        _matter(rows[262], "医药健康产业", "医药健康产业创新能力不强", "提升医药健康产业创新能力"),
        _matter(rows[187], "开放型区域创新体系", "区域创新体系开放度不够", "健全开放型区域创新体系"),
    ]
    return build_report("关于我省科技创新和产业转型升级若干问题的调研报告", matters)


def test_a_proposal_whose_measures_fill_the_limit_keeps_one_situation_and_one_problem() -> None:
    from topicmine.drafts import split_report

    # a limit the measures alone fill (the reader's 医养结合 draft: 2,500 字 of measures)
    drafts = [d for d in split_report(_science_report(), proposal_max_chars=900).drafts if d.genre == "proposal"]
    assert drafts
    for d in drafts:
        body = d.text()
        assert "没有写到这一事项" not in body, (d.title, body[:400])
        sit = body.split("调研情况")[1].split("问题分析")[0]
        assert "【请填写】" not in sit, (d.title, sit[:200])


def test_a_part_that_cannot_turn_leaves_the_two_matter_call_to_the_whole_body_rules() -> None:
    """The rule on its own: with a one-chunk 调研情况 the problems and measures alone, cut at the best of many
    places, say nothing about two matters (the reconstruction above passes either way: the reader's file split the
    measures' 一是/二是 onto their own lines, which this shape does not)."""
    import numpy as np

    from topicmine.drafts.analyze import DEFAULT_LEXICON
    from topicmine.drafts.halves import parallel_matters

    ch = [(0, 24), (24, 46), (46, 68), (68, 85), (85, 102)]
    tm = [["创新", "能力", "开放型", "区域"], ["开放", "壁垒", "行政", "苏南"], ["企业", "合作", "意愿", "市场"],
          ["开放", "壁垒", "一体化", "苏南"], ["企业", "市场", "要素", "价格"]]
    lengths = np.array([0.2, 0.2, 0.2, 0.2, 0.2])
    one_line_situation = [(0, 24), (24, 68), (68, 102)]
    assert parallel_matters(ch, tm, lengths, one_line_situation, DEFAULT_LEXICON, "关于健全开放型区域创新体系的提案",
                            frozenset()) is None
