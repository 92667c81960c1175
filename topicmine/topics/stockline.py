"""Stock political lines: a 议题 whose clauses are the sentence every year's report says, not a matter to study.

Every provincial report has a paragraph on 国防动员和双拥 ("支持国防和军队建设，加强国防动员和后备力量建设，深入开展
双拥共建") and, in the autonomous regions and border provinces, one on 民族团结 ("铸牢中华民族共同体意识，深化民族团结
进步创建，促进各民族交往交流交融"). The wording is fixed, so the clauses share many words (cohesion 0.56 for 甘肃's
国防动员) and the group ranked as a matter (甘肃 rank 6); every reader counted it as an area or framing: an office does
not research a line it will copy into next year's report.

Repetition alone does not tell them: "中央生态环境保护督察反馈问题整改" repeats as closely (河南: 5 of 6 clauses nearly
the same) and is a matter. The lines are known by their words, so they are named here (a lexicon of 政治套语): a 议题
whose clauses mostly say one of them is flagged ``stock_line`` (counted, shown, never deleted) and not ranked.

>>> texts = ["加强国防动员和后备力量建设", "深入开展双拥共建，巩固军政军民团结", "支持国防和军队建设，做好双拥工作",
...          "抓好中央生态环境保护督察反馈问题整改", "完成督察反馈问题整改"]
>>> stock_line_topics([0, 0, 0, 1, 1], texts, [0, 1])
[0]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

#: the stock political lines (政治套语) of government reports: 国防动员·双拥 and 民族团结 (its fixed phrases); 宗教事务
#: is not here: "依法管理宗教事务" carries an administrative task a reader counted as a (borderline) matter
STOCK_LINE = re.compile(
    r"国防动员|后备力量|双拥|拥军优属|拥政爱民|军政军民团结|军民团结|全民国防教育|国防教育|强军思想|"
    r"民族团结进步|中华民族共同体意识|民族交往交流交融|各民族交往|民族团结一家亲|像石榴籽一样|"
    # the decade's goal and the year's place in it ("与全国同步全面建成小康社会", "今年是…开局之年"): 云南's
    # "同步全面建成小康社会" gathered 16 such lines, rank 20
    r"全面建成小康社会|今年是[^，。；]{0,40}(之年|一年)")
#: the task-formulas a sealed read counted as framing ("落实立德树人根本任务", "扩大有效益的投资…提高投资效益") are not
#: listed here: topics.slogan finds them by their shape (one formula a year naming a task, nothing beside it)

#: a 议题 is a stock line when at least this share of its clauses says one
STOCK_LINE_SHARE = 0.5


def is_stock_line(text: str) -> bool:
    """Whether a clause says a stock political line.

    >>> is_stock_line("铸牢中华民族共同体意识，深化民族团结进步创建"), is_stock_line("推进易地扶贫搬迁后续扶持")
    (True, False)
    """
    return bool(STOCK_LINE.search(text))


def stock_line_topics(assignments: Sequence[int], texts: Sequence[str], topic_ids: Iterable[int], *,
                      min_share: float = STOCK_LINE_SHARE) -> list[int]:
    """The topics (of ``topic_ids``) at least ``min_share`` of whose clauses say a stock political line."""
    n: dict[int, int] = {}
    hit: dict[int, int] = {}
    for t, txt in zip(assignments, texts):
        t = int(t)
        n[t] = n.get(t, 0) + 1
        if is_stock_line(txt):
            hit[t] = hit.get(t, 0) + 1
    return sorted(t for t in topic_ids if n.get(t) and hit.get(t, 0) / n[t] >= min_share)
