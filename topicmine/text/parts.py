"""The parts of a 调研报告 / 提案: the one table of part labels and the kinds they name.

A research report runs 基本情况 → 存在问题 → 对策建议; a Jiangsu proposal marks the same parts inline
(``调研情况：… 问题分析：… 具体建议：…``). Every stage that looks for these parts (segmentation, drafting,
dedup's background/suggestion split) uses :data:`PART_LABELS` and the patterns built from it here.

Part kinds: ``situation`` (情况), ``problem`` (问题), ``cause`` (原因), ``suggestion`` (建议/对策), ``other``
(form fields: 案由, 提案人, 反映人). For drafting, a cause supports a suggestion the way a problem does
(:func:`coarse_kind`).

>>> part_kind("问题分析"), part_kind("原因分析"), part_kind("具体建议"), part_kind("现状")
('problem', 'cause', 'suggestion', 'situation')
>>> [m.group("label") for m in LABEL_RE.finditer("调研情况：我省……。问题分析：……具体建议：一是……")]
['调研情况', '问题分析', '具体建议']
"""

from __future__ import annotations

import re

__all__ = [
    "PART_LABELS",
    "BARE_LABELS",
    "PART_KINDS",
    "STAGE_LABELS",
    "part_kind",
    "coarse_kind",
    "label_alternation",
    "LABEL_RE",
    "classify_heading",
    "SITUATION_WORDS",
    "PROBLEM_WORDS",
    "SUGGESTION_WORDS",
]

PART_KINDS = ("situation", "problem", "cause", "suggestion", "other")

#: part label → kind. A label followed by a colon opens a part ("调研情况：…"); as a heading ("三、对策建议")
#: it names the section's part.
PART_LABELS: dict[str, str] = {
    # situation
    "调研情况": "situation", "基本情况": "situation", "背景情况": "situation", "情况介绍": "situation",
    "情况分析": "situation", "现状分析": "situation", "发展现状": "situation", "现状": "situation",
    "概况": "situation", "情况": "situation",
    # problem
    "存在问题": "problem", "存在的问题": "problem", "主要问题": "problem", "问题分析": "problem",
    "问题及原因": "problem", "分析": "problem", "问题": "problem",
    # cause
    "原因分析": "cause", "原因": "cause",
    # suggestion
    "具体建议": "suggestion", "对策建议": "suggestion", "意见建议": "suggestion", "措施建议": "suggestion",
    "建议措施": "suggestion", "工作建议": "suggestion", "有关建议": "suggestion", "政策建议": "suggestion",
    "具体意见": "suggestion", "几点建议": "suggestion", "建议如下": "suggestion", "对策": "suggestion",
    "建议": "suggestion", "办法": "suggestion",
    # form fields
    "案由": "other", "反映人及单位": "other", "反映人": "other", "提案人": "other",
}

#: labels so common as words that they open a part only at a line start or after a sentence end
#: ("……的问题：" inside a sentence is not a part)
BARE_LABELS = frozenset(("情况", "现状", "概况", "问题", "分析", "原因", "建议", "对策", "办法"))


#: the labels each stage was measured with, all drawn from the one table. Segmentation's sections and passages
#: (and so topics and dedup on a corpus) and dedup's background/suggestion split stay as benchmarked; widening a
#: stage's set to the whole table is a change to measure (e.g. a bare "情况：" of 社情民意信息 would become a section).
STAGE_LABELS: dict[str, frozenset[str]] = {
    "segment": frozenset(
        "调研情况 基本情况 背景情况 现状 情况分析 存在问题 主要问题 问题分析 问题及原因 原因分析 分析 问题 具体建议 对策建议 "
        "意见建议 措施建议 工作建议 有关建议 建议 办法 案由 反映人及单位 反映人 提案人".split()
    ),
    "dedup": frozenset(
        "具体建议 对策建议 意见建议 建议如下 几点建议 建议 对策 措施建议 问题分析 存在问题 存在的问题 主要问题 原因分析 问题 "
        "调研情况 基本情况 现状 情况".split()
    ),
}
assert all(lab in PART_LABELS for labels in STAGE_LABELS.values() for lab in labels)


def part_kind(label: str) -> str | None:
    """Kind of a part label (surrounding numbering, spaces and colon ignored), or None."""
    core = re.sub(r"^\W*[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?\s*|[：:\s]+$", "", label.strip())
    return PART_LABELS.get(core)


def coarse_kind(kind: str | None) -> str | None:
    """The kind drafting links support by: a cause counts as a problem; ``other`` as nothing."""
    if kind == "cause":
        return "problem"
    if kind == "other":
        return None
    return kind


def label_alternation(kinds: tuple[str, ...] | None = None, stage: str | None = None) -> str:
    """Regex alternation of the labels (of some kinds; of a stage's set), longest first so 存在的问题 wins
    over 问题.

    >>> label_alternation(("cause",))
    '原因分析|原因'
    """
    only = STAGE_LABELS[stage] if stage else None
    labels = [k for k, v in PART_LABELS.items() if (kinds is None or v in kinds) and (only is None or k in only)]
    return "|".join(sorted(labels, key=len, reverse=True))


#: a part label and its colon; group ``label``. Callers check the boundary rule for :data:`BARE_LABELS`.
LABEL_RE = re.compile(rf"(?P<label>{label_alternation()})[：:]")

# words of a section heading that name its part ("三、推进措施" → suggestion, "（二）短板弱项" → problem)
SITUATION_WORDS = r"基本情况|调研情况|情况|现状|背景|概况|成效|做法|进展|基础|简介|总体"
PROBLEM_WORDS = r"问题|不足|短板|困难|挑战|原因|瓶颈|症结|差距|风险|制约"
SUGGESTION_WORDS = r"建议|对策|措施|举措|路径|思路|意见|办法"
_MATTER_TITLE_RE = re.compile(r"^关于.{4,}|.{6,}的(?:建议|提案|建议案)$")


def classify_heading(heading: str) -> str | None:
    """situation / problem / suggestion / matter from a heading's wording, or None.

    ``matter``: a heading naming one matter ("关于……的建议"); the report's own title frames the whole text.

    >>> classify_heading("三、对策建议"), classify_heading("关于完善公厕指引系统的建议")
    ('suggestion', 'matter')
    >>> classify_heading("关于苏州市低空经济发展情况的调研报告") is None
    True
    """
    h = re.sub(r"^\W*[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?", "", heading.strip())
    if re.search(r"(?:调研|研究|考察|视察|协商)?报告$", h):
        return None  # the report's own title ("关于……情况的调研报告") frames the whole text, not one matter
    if _MATTER_TITLE_RE.match(h) and len(h) > 10:
        return "matter"
    if len(h) > 24:  # a sentence, not a block heading
        return None
    if re.search(SUGGESTION_WORDS, h):
        return "suggestion"
    if re.search(PROBLEM_WORDS, h):
        return "problem"
    if re.search(SITUATION_WORDS, h):
        return "situation"
    return None
