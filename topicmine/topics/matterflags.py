"""The flags a 议题 (the matter level, clause rows) gets besides ``broad`` and ``one_document``: ``review`` (told
mostly in the reports' 回顾), ``no_measure`` (calls and stances: :func:`topicmine.topics.clauses.no_measure_topics`),
``stock_line`` (the political lines every year's report repeats: :mod:`topicmine.topics.stockline`) and
``slogan`` (a formula said once a year with no object of work: :mod:`topicmine.topics.slogan`), and one short
sentence said word for word year after year (:mod:`topicmine.topics.stocksentence`, flagged ``stock_line`` too). Flagged 议题 are
counted and shown, never deleted, and not ranked.

>>> import numpy as np
>>> flags = {}
>>> texts = ["加强国防动员和后备力量建设", "深入开展双拥共建", "做好双拥工作", "实施消费品以旧换新", "扩大以旧换新范围"]
>>> meta = [{"doc_type": "gov_report", "part": "plan", "doc_id": f"d{i}", "year": 2020 + i} for i in range(5)]
>>> flag_matters(flags, np.array([0, 0, 0, 1, 1]), texts, meta, [0, 1], clause_rows=True)
{0: 'stock_line'}
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np


def flag_matters(flags: dict[int, str], stable: np.ndarray, texts: Sequence[str], metadata: Sequence[dict[str, Any]],
                 topic_ids: Sequence[int], *, review_share: float = 0.6, clause_rows: bool = True,
                 token_lists: Sequence[Sequence[str]] = (), words: Any = None) -> dict[int, str]:
    """Add the matter-level flags to ``flags`` (a 议题 already flagged keeps its flag) and return it."""
    # a 议题 told mostly in the reports' 回顾 (last year's results) is 成绩, not a matter to study
    review = np.array([m.get("part") == "review" for m in metadata], dtype=bool)
    for t in topic_ids:
        idx = stable == t
        if t not in flags and idx.any() and review[idx].mean() >= review_share:
            flags[t] = "review"
    if not clause_rows:  # a clause names its measure or not; a passage row holds a whole paragraph
        return flags
    # a 议题 whose report clauses name no measure is a call, a stance or the situation ("绿色低碳生活方式" calls,
    # "我国经济发展进入…", "出发点和落脚点"): framing (topics.clauses.no_measure_topics)
    from topicmine.topics.clauses import no_measure_topics

    for t in no_measure_topics(stable, texts, metadata, topic_ids):
        flags.setdefault(t, "no_measure")
    # the stock political lines every year's report repeats (国防动员·双拥, 民族团结进步): framing, not ranked
    # (topics.stockline)
    from topicmine.topics.stockline import stock_line_topics

    for t in stock_line_topics(stable, texts, topic_ids):
        flags.setdefault(t, "stock_line")
    # a task-formula said once a year with nothing beside it (立德树人根本任务, 提高投资效益): the same kind, found by
    # its shape rather than its words (topics.slogan)
    from topicmine.topics.slogan import slogan_topics

    years = [m.get("year") for m in metadata]
    for t in slogan_topics(stable, texts, years, topic_ids, words=words):
        flags.setdefault(t, "stock_line")
    # one short sentence repeated word for word every year ("进一步做好援藏援疆工作" thirteen times): its repetition
    # is no rank (topics.stocksentence)
    from topicmine.topics.stocksentence import stock_sentence_topics

    for t in stock_sentence_topics(stable, texts, years, topic_ids):
        flags.setdefault(t, "stock_line")
    return flags
