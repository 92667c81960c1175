"""Report analysis: structure of a 调研报告 and its suggestion units.

A research report is numbered 一、（一）1.（1） and usually runs 基本情况 → 存在问题 → 对策建议; a Jiangsu
proposal marks the same parts inline (``调研情况：… 问题分析：… 具体建议：…``). The structure comes from the text
layer (:mod:`topicmine.text.structure`); this module extracts every *suggestion unit* — one recommendation
with the situation / problem passages that support it (:mod:`topicmine.drafts.units`,
:mod:`topicmine.drafts.support`) — and groups units that carry the same matter (一事一案,
:mod:`topicmine.drafts.grouping`). The names other modules import from here stay importable.

Every offset is a half-open character range into the text given, so ``text[u.start:u.end] == u.text``.

Example::

    >>> a = analyze_report("一、基本情况\\n我市有养老机构120家。\\n二、存在问题\\n护理人员流失严重。\\n"
    ...                    "三、对策建议\\n一是提高护理人员待遇。二是建立职业晋升通道。")
    >>> [u.text for u in a.units]
    ['一是提高护理人员待遇。', '二是建立职业晋升通道。']
    >>> [s.kind for s in a.sections]
    ['situation', 'problem', 'suggestion']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from topicmine.drafts.grouping import group_units
from topicmine.drafts.records import ReportAnalysis, ReportSection, SuggestionUnit, SupportPassage, UnitGroup
from topicmine.drafts.support import link_support
from topicmine.drafts.units import extract_units, sentence_spans
from topicmine.text.layout import clean_text
from topicmine.text.lexicon import Lexicon, tfidf_similarity
from topicmine.text.parts import classify_heading
from topicmine.text.structure import ancestors as _ancestors
from topicmine.text.structure import front_matter_end, parse_sections
from topicmine.text.wordlists import DRAFT_GENERIC_TERMS as GENERIC_TERMS

__all__ = [
    "DEFAULT_LEXICON", "GENERIC_TERMS", "Lexicon", "ReportAnalysis", "ReportSection", "SuggestionUnit",
    "SupportPassage", "UnitGroup", "analyze_report", "classify_heading", "clean_text", "parse_sections",
    "sentence_spans", "tfidf_similarity",
]


def _office_lexicon() -> Lexicon:
    """The text layer's lexicon of the default settings (``Lexicon.from_settings``: ``corpus/dicts/user_dict.txt``,
    the stop words): the same cached object the pipeline passes, never a second one. Without a dictionary "物联网"
    was cut "物/联网" and a title's words read "联网"."""
    try:
        from topicmine.config import Settings

        return Lexicon.from_settings(Settings())
    except Exception:  # settings that do not load (a broken TOPICMINE_* variable): jieba's default, built-in lists
        return Lexicon()


#: the lexicon used when a caller gives none: the office's (see :func:`_office_lexicon`)
DEFAULT_LEXICON = _office_lexicon()


def analyze_report(
    text: str,
    headings: Sequence[tuple[str, int]] | None = None,
    *,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    lexicon: Lexicon | None = None,
    max_support: int = 3,
) -> ReportAnalysis:
    """Structure, suggestion units and their supporting passages of a report (or a single proposal).

    ``headings``: structural headings (line, level) a reader recognised; ``embed``: optional callable
    returning L2-normalised vectors for semantic linking (lexical tf-idf is used without it).

    >>> a = analyze_report("二、存在问题\\n（一）护理员流失。\\n（二）床位空置。\\n三、对策建议\\n"
    ...                    "（一）稳定护理员队伍。提高薪酬待遇。\\n（二）盘活空置床位。推行公建民营。")
    >>> [g.heading for g in a.groups]
    ['稳定护理员队伍', '盘活空置床位']
    >>> a.units[1].support[0].text
    '（二）床位空置。'
    """
    lex = lexicon or DEFAULT_LEXICON
    # the title line, author/date lines and "现将调研情况报告如下" before the first section frame the report;
    # they support no suggestion (else a proposal's 调研情况 opens with the report's own title). They are
    # found from the numbering alone: a reader's heading style on the title line ("# 关于……的调研报告")
    # must not make the title a section holding the whole report
    body, _title = front_matter_end(text, min((s.start for s in parse_sections(text)), default=None))
    if headings:
        headings = [h for h in headings if h[0].strip() and text.find(h[0].strip(), body) >= body]
    sections = inherit_block_kinds(parse_sections(text, headings))
    units, passages = extract_units(text, sections)
    passages = [p for p in passages if not _orphan_heading(text, sections, p)]
    passages = [p for p in passages if p.end > body]
    passages = with_headers(passages, table_rows(passages))
    for i, u in enumerate(units, 1):
        u.id = f"u{i}"
        u.key_terms = lex.key_terms(u.text, 5)

    groups = group_units(text, sections, units, lex)
    link_support(text, sections, units, groups, passages, lex, embed, max_support)
    return ReportAnalysis(text=text, sections=sections, passages=passages, units=units, groups=groups)



def inherit_block_kinds(sections: list[ReportSection]) -> list[ReportSection]:
    r"""Items under a report's part block take the block's part, even when worded like a matter title.

    "一、基本情况⏎（二）关于江苏省加快高水平医院建设的建议" is that matter's *situation*, and the same heading under
    "三、对策建议" is its suggestions: a matter title makes a section a matter of its own only when it holds a
    whole proposal (its own situation or problem part and its own suggestion part). Sections are changed
    in place and returned.

    >>> t = ("一、基本情况\n（一）关于加快高水平医院建设的建议\n我省三甲医院62家。\n二、对策建议\n"
    ...      "（一）关于加快高水平医院建设的建议\n一是加大投入。二是引进人才。")
    >>> [s.kind for s in inherit_block_kinds(parse_sections(t))]
    ['situation', 'situation', 'suggestion', 'suggestion']
    """
    for s in sections:  # parents come before their children
        if s.inline or s.parent is None:
            continue
        pk = sections[s.parent].kind
        if pk not in ("situation", "problem", "suggestion") or s.kind == pk:
            continue
        if s.kind == "matter":
            below = {d.kind for d in sections if d.index != s.index and s.index in
                     {a.index for a in _ancestors(sections, d.index)}}
            if "suggestion" in below and below & {"situation", "problem"}:
                continue  # a whole proposal carried under the block keeps its own parts
        s.kind = pk
        s.part = pk if s.part in (None, "matter") else s.part
    return sections


_SENTENCE_END = frozenset("。！？!?")


def table_rows(passages: Sequence[SupportPassage]) -> set[int]:
    """Indices of passages that are rows of a table: two or more consecutive paragraphs cut into the same
    number (≥ 2) of "；"-separated short cells, none ending a sentence (the layout step writes a table row as
    its cells joined by "；"). A row alone ("2；关于加快建设废弃电器电子产品回收处理体系的建议；资源环境") says
    nothing without its header, so a draft never quotes one as its situation; the table stays in the report.

    >>> ps = [SupportPassage("situation", 0, 9, "序号；事项；类别", None),
    ...       SupportPassage("situation", 11, 30, "1；养老服务；社会事业", None),
    ...       SupportPassage("situation", 32, 60, "全省有养老机构2100家；床位35万张。", None)]
    >>> sorted(table_rows(ps))
    [0, 1]
    """
    def cells(p: SupportPassage) -> int:
        t = p.text.strip()
        if not t or t[-1] in _SENTENCE_END or any(ch in t for ch in "。！？"):
            return 0
        parts = t.split("；")
        return len(parts) if len(parts) >= 2 and all(0 < len(c) <= 60 for c in parts) else 0

    n = [cells(p) for p in passages]
    out: set[int] = set()
    i = 0
    while i < len(passages):
        j = i
        while j + 1 < len(passages) and n[i] and n[j + 1] == n[i]:
            j += 1
        if j > i:
            out.update(range(i, j + 1))
        i = j + 1
    return out


#: columns that only number the rows: left out when a row is quoted with its header
_NUMBER_COLUMN = re.compile(r"^(?:序号|编号|序|No\.?|#)$", re.I)


def with_headers(passages: Sequence[SupportPassage], rows: set[int]) -> list[SupportPassage]:
    """Passages with each table's header row dropped and its other rows carrying the header's cells, so a
    row is quoted as "调研事项：关于……；类别：资源环境" — never alone ("2；关于……；资源环境" says nothing without it).

    >>> ps = [SupportPassage("situation", 0, 9, "序号；指标；数值", None),
    ...       SupportPassage("situation", 10, 22, "1；养老床位；35万张", None)]
    >>> [(p.text, p.header) for p in with_headers(ps, {0, 1})]
    [('1；养老床位；35万张', ['序号', '指标', '数值'])]
    """
    out: list[SupportPassage] = []
    header: list[str] = []
    for i, p in enumerate(passages):
        if i not in rows:
            header = []
            out.append(p)
            continue
        cells = p.text.strip().split("；")
        if not header or i - 1 not in rows or len(cells) != len(header):
            header = cells  # the first row of a run of rows is its header
            continue
        out.append(replace(p, header=list(header)))
    return out


def row_text(header: Sequence[str], row: str) -> str:
    """A table row with its header: "调研事项：关于……；类别：资源环境" (a numbering column left out).

    >>> row_text(["序号", "指标", "数值"], "1；养老床位；35万张")
    '指标：养老床位；数值：35万张'
    """
    cells = row.strip().split("；")
    pairs = [(h, c) for h, c in zip(header, cells) if not _NUMBER_COLUMN.match(h.strip())]
    return "；".join(f"{h}：{c}" for h, c in pairs if c)


def _orphan_heading(text: str, sections: list[ReportSection], p: SupportPassage) -> bool:
    """A passage that is only a section's heading line ("（一）产业基础较为扎实" on a line of its own): it
    frames the passages below it and says nothing alone, so a draft never quotes it by itself."""
    for s in sections:
        if s.inline or s.start < p.start - 1 or s.start > p.end:
            continue
        if s.start >= p.start and s.body_start >= p.end - 1 and text[s.body_start:s.end].strip():
            return True
    return False
