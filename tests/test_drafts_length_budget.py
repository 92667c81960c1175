"""The length budget shares the room between 情况, 分析 and 建议 (a blind read: the 5,513-字 减负 proposal, jszx2019_dev row
234, lost its survey figures, its 弊端 paragraph and all three causes so that its four measures could be quoted in full,
and still ran to 3,554 字 — a drafter would rather keep the research and shorten the measures).

The report is built from row 234 the way the blind reader pasted it: its situation and 弊端 under 一、基本情况 / 二、存在的
主要问题, the three causes numbered 1．–3．, the measures 第一、–第四、 as 1．–4．, measure 3's "建议：一、…四、" as （1）–（4）.
"""

from __future__ import annotations

import csv
import re

import pytest

from realdata_paths import DATA, filed_matter, needs
from topicmine.drafts import split_report, verify_quotes

CSV = DATA / "jszx_proposals_2019" / "jszx2019_dev.csv"
pytestmark = needs(CSV.parent)
HEADS = ("更新教育思想", "改善评价体系", "完善教师工作考核", "加强监管督查")


def _row(i: int) -> dict[str, str]:
    with CSV.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))[i]


def _jianfu_report() -> str:
    c = _row(234)["content"]
    sit_all, rest = c.split("问题分析：", 1)
    prob, sugg = rest.split("具体建议：", 1)
    sit_all = sit_all.removeprefix("调研情况：")
    lead_end = sit_all.index("合理的解决方案。") + len("合理的解决方案。")
    survey = sit_all[sit_all.index("学生在校课时量"): sit_all.index("负面作用。") + len("负面作用。")]
    harm = sit_all[sit_all.index("中学生课业负担重这个事实"):].strip()
    causes = re.sub(r"(社会大环境|教育评价方式单一|家长的期盼)，", lambda m: "\n" + {"社会大环境": "1", "教育评价方式单一": "2",
                                                                        "家长的期盼": "3"}[m.group(1)] + "．" + m.group(1) + "。",
                    prob.strip())
    for k, h in enumerate(HEADS, 1):
        sugg = sugg.replace(f"第{'一二三四'[k - 1]}、{h}", f"\n{k}．{h}。")
    sugg = re.sub(r"([一二三四])、(?=将学生|减少学生|“向课堂|对教师进行)",
                  lambda m: "（" + str("一二三四".index(m.group(1)) + 1) + "）", sugg)
    others = [_matter(_row(i)) for i in (181, 174)]  # two more 教育 matters, as the blind reader's report had
    return "\n".join([
        "关于我市教育改革发展若干问题的调研报告",
        "一、基本情况", "（一）中小学生课业负担", sit_all[:lead_end], survey,
        *[x for k, (h, si, _, _) in enumerate(others, 2) for x in (f"（{'一二三'[k - 1]}）{h}", si)],
        "二、存在的主要问题", "（一）中小学生课业负担依然过重", harm, causes,
        *[x for k, (h, _, pr, _) in enumerate(others, 2) for x in (f"（{'一二三'[k - 1]}）{h}", pr)],
        "三、对策建议", "（一）进一步减轻中小学生过重课业负担", sugg.strip(),
        *[x for k, (h, _, _, su) in enumerate(others, 2) for x in (f"（{'一二三'[k - 1]}）{h}", su)],
    ])


_matter = filed_matter


def _parts(d) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {s.heading: "\n".join(p.text for p in s.paragraphs) for s in d.sections}


@pytest.mark.parametrize("genre,cap", [("proposal", 2500), ("opinion", 1500)])
def test_the_long_matter_keeps_its_research_and_every_measure(genre: str, cap: int) -> None:
    text = _jianfu_report()
    r = split_report(text, layout=True, genres={"g1": genre} if genre != "proposal" else None)
    d = next(x for x in r.drafts if "课业负担" in x.title)
    assert d.genre == genre
    assert d.char_count() <= cap, d.char_count()  # before: 3,554 字 with the research gone
    parts = _parts(d)
    sit, prob, sugg = (parts[h] for h in (("调研情况", "问题分析", "具体建议") if genre == "proposal"
                                          else ("基本情况", "问题及原因", "意见建议")))
    # never drop a measure: each keeps its lead, and measure 3 its four sub-points' heads
    for h in HEADS:
        assert h in sugg, h
    for head in ("将学生的德育、体育、劳动成绩纳入教师工作考核中", "减少学生总体成绩、排名等级与教师的教学成果",
                 "“向课堂要效率”", "对教师进行进修再教育"):
        assert head in sugg, head
    # what was shortened is named, and the shortened measures are not quoted in full any more
    assert "只写了开头和要点" in sugg
    full = sum(len(re.sub(r"\s", "", u.text)) for u in r.analysis.units if u.group == d.group_ids[0])
    assert len(re.sub(r"\s", "", sugg)) < 0.6 * full
    # the research keeps a real share: before, 情况 + 分析 together were 413 字 of 3,554
    research = len(re.sub(r"\s", "", sit + prob))
    assert research >= 0.3 * d.char_count(), (research, d.char_count())
    if genre == "proposal":
        assert "2017年11月" in sit  # the policy lead stays, and so do the survey figures (all gone before)
        assert "20%的初一学生" in sit and "有80%的学生表示家长都为其安排了周末补习班" in sit
        assert "36%的学生每天睡7个小时左右" in prob
        assert "报告中另有" in prob  # the problem passages cut are named
    assert not verify_quotes(d, r.analysis.text)  # every kept piece is still a verbatim quote


