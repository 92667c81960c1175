"""Stock sentences: a 议题 carried by one short sentence the reports repeat word for word, year after year.

安徽 says "进一步做好援藏援疆工作" (or "做好民族宗教、援藏援疆等工作") in every report since 2015: thirteen clauses, one
sentence, no measure beside the name of the line of work. Its clauses share every word, so the group looked as
cohesive and as steady as a matter and ranked 3rd; a reader counted one line of work said in one stock line a year
(as 防灾减灾救灾 and 宗教事务 were read). Neither the stock-line lexicon (:mod:`.stockline`, which names the political
lines) nor the slogan shape (:mod:`.slogan`, a formula ending on a task or strategy word) sees it: 援藏援疆 is a line of
work, not a formula.

What marks it is measured on the group's own clauses: take what each clause says besides the verbs and qualifiers of
any plan line (:data:`topicmine.topics.slogan.PLAN_WORDS`, and 做好/抓好/办好/等); when **half or more** of the clauses
say the **same words** (digits kept: "新建高标准农田500万亩" and "…550万亩" are two years' targets, not one sentence),
in **three or more years**, and those words are **short** (≤ :data:`MAX_FORM` characters: the name of a line of work
and nothing beside it), the group is one stock sentence and is flagged ``stock_line`` (counted, shown, never
deleted; not ranked). A repeated line about a thing stays a matter: "抓好中央生态环境保护督察反馈问题整改" says 16
characters of its own (督察 · 反馈问题 · 整改), a long line with an object and a task.

>>> texts = ["进一步做好援藏援疆工作", "加强援藏援疆工作", "进一步做好援藏援疆工作", "做好民族宗教、援藏援疆等工作",
...          "抓好中央生态环境保护督察反馈问题整改", "抓好中央生态环境保护督察反馈问题整改", "抓好中央生态环境保护督察反馈问题整改"]
>>> stock_sentence_topics([0, 0, 0, 0, 1, 1, 1], texts, [2017, 2018, 2021, 2024, 2019, 2020, 2021], [0, 1])
[0]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from topicmine.topics.slogan import PLAN_WORDS

#: the verbs of a stock sentence besides the plan words, and the 等 closing a list ("民族宗教、援藏援疆等工作")
_STOCK_VERBS = re.compile(r"做好|抓好|办好|等")
#: the longest form (characters besides plan words) a stock sentence says: a line of work's name, nothing beside it
MAX_FORM = 8
#: the share of a group's clauses that must say the one form, and the years it must be said in
MIN_SHARE = 0.5
MIN_YEARS = 3


def sentence_form(clause: str) -> str:
    """What a clause says besides plan words: its Chinese characters and digits, plan verbs and qualifiers removed.

    >>> sentence_form("进一步做好援藏援疆工作"), sentence_form("加强援藏援疆工作"), sentence_form("新建高标准农田500万亩")
    ('援藏援疆', '援藏援疆', '新建高标准农田500万亩')
    """
    kept = "".join(re.findall(r"[\u4e00-\u9fff0-9]", clause))
    return _STOCK_VERBS.sub("", PLAN_WORDS.sub("", kept))


def is_stock_sentence_group(clauses: Sequence[str], years: Sequence[object], *, min_share: float = MIN_SHARE,
                            min_years: int = MIN_YEARS, max_form: int = MAX_FORM) -> bool:
    """Whether half or more of a group's clauses say the same short words (module doc) in ``min_years`` years."""
    if len(clauses) < min_years:
        return False
    forms = [sentence_form(c) for c in clauses]
    form, n = Counter(forms).most_common(1)[0]
    if not form or len(form) > max_form or n < min_share * len(clauses):
        return False
    return len({y for f, y in zip(forms, years) if f == form}) >= min_years


def stock_sentence_topics(assignments: Sequence[int], texts: Sequence[str], years: Sequence[object],
                          topic_ids: Iterable[int]) -> list[int]:
    """The topics (of ``topic_ids``) whose clauses are one stock sentence (:func:`is_stock_sentence_group`)."""
    by: dict[int, list[int]] = {}
    for i, t in enumerate(assignments):
        by.setdefault(int(t), []).append(i)
    return sorted(t for t in topic_ids if t in by and is_stock_sentence_group([texts[i] for i in by[t]],
                                                                                [years[i] for i in by[t]]))
