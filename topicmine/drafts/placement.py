"""Where each situation/problem item of a report went: every item lands in a draft or is reported unplaced.

An item is a numbered entry of the report's 基本情况 / 存在问题 parts ("（一）中小学生课业负担", and under an item
its own numbered entries, "1．偏低的中考升学率……"). It is placed when a draft quotes some of its text (a draft
paragraph's source span overlaps one of its passages). The split's summary names the items no draft quotes, so a
drafter is never told "报告没有写到这一事项" while the text sits unused in the report.
"""

from __future__ import annotations

from typing import Any

from topicmine.drafts.records import ReportAnalysis
from topicmine.text.structure import ancestors

__all__ = ["item_placement"]

_PARTS = ("situation", "problem")


def item_placement(analysis: ReportAnalysis, drafts: list[Any]) -> list[dict[str, Any]]:
    """One record per situation/problem item with text of its own: ``{"section", "kind", "heading", "drafts"}``
    (``drafts``: the ids of the drafts quoting it; empty = unplaced).

    >>> from topicmine.drafts import split_report
    >>> r = split_report("关于养老服务的调研报告\\n一、基本情况\\n（一）护理人员\\n我市有护理员1200人。\\n（二）助餐\\n"
    ...                  "全市建成助餐点86个。\\n二、存在问题\\n（一）护理人员流失\\n护理员流失率达三成。\\n（二）助餐点运营难\\n"
    ...                  "助餐点多数亏损运营。\\n三、对策建议\\n（一）稳定护理人员队伍\\n提高护理员薪酬待遇，建立职业晋升通道。\\n"
    ...                  "（二）支持助餐点运营\\n对助餐点给予运营补贴，引入社会力量参与。\\n" * 2)
    >>> all(x["drafts"] for x in item_placement(r.analysis, r.drafts))
    True
    """
    secs = analysis.sections
    quoted: list[tuple[int, int, str]] = []
    for d in drafts:
        for s in d.sections:
            for p in s.paragraphs:
                if p.start is not None and p.end is not None:
                    quoted.append((p.start, p.end, d.id))
    out: list[dict[str, Any]] = []
    for s in secs:
        if s.inline or s.kind not in _PARTS or s.parent is None or secs[s.parent].kind not in _PARTS:
            continue  # the part blocks themselves ("一、基本情况") hold the report's framing, no item
        own = [p for p in analysis.passages if p.section is not None
               and any(a.index == s.index for a in ancestors(secs, p.section))]
        if not own:
            continue
        ids = sorted({did for a, b, did in quoted for p in own if a < p.end and p.start < b})
        out.append({"section": s.index, "kind": s.kind, "heading": s.heading, "drafts": ids})
    return out
