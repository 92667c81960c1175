r"""Outline sections: the numbering hierarchy of a document as levels (what segmentation and search use).

Headings from the numbering of official documents (GB/T 9704 and common practice: 第X编 > 第X章 > 第X节 > 第X条 >
一、 > （一） > 1. > （1） > 1） > ①), from the part labels of a proposal (调研情况：/问题分析：/具体建议：, the stage's set
of :data:`topicmine.text.parts.STAGE_LABELS`) and from Markdown/docx headings; each gets a *level* (its style's
rank in the document) and a parent. :func:`topicmine.text.structure.parse_sections` reads the same documents for
drafting, where each section also needs its part kind (situation / problem / suggestion / matter).

>>> text = "一、总体要求\n坚持稳中求进工作总基调。\n（一）加快发展新质生产力\n培育壮大战略性新兴产业。"
>>> [(s.level, s.number, s.heading) for s in outline_sections(text)]
[(1, '一、', '一、总体要求'), (2, '（一）', '（一）加快发展新质生产力')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from topicmine.records import Section
from topicmine.text.numbering import CANONICAL, DI_STYLES, style_alternation
from topicmine.text.parts import label_alternation
from topicmine.text.sentences import LINE_BREAKS as _LB

__all__ = ["outline_sections", "is_heading_only", "clean_heading", "HEADING_MAX_CHARS", "ITEM_HEAD_MAX", "LINE_RE",
           "rstrip_pos"]

#: one line's content, stripped: first to last non-space character of a line
_LINE = re.compile(rf"\S(?:[^{_LB}]*\S)?")
_TERMINATORS = "。！？；!?;"

#: proposal / opinion part labels (Jiangsu's 调研情况：问题分析：具体建议： form and similar), from the text layer
_LABELS = label_alternation(stage="segment")


def heading_pattern(labels: str) -> re.Pattern[str]:
    """A heading's start: the numbering styles of the one rule set (topicmine.text.numbering), in canonical order,
    then a part label of ``labels`` (an alternation) with its colon. The outline uses segmentation's labels;
    ``benchmarks/textlayer.py --all-part-labels`` measures the whole table.

    >>> heading_pattern("具体建议|问题分析").match("具体建议：一是建立公厕指引系统").group("label")
    '具体建议：'
    """
    return re.compile(
        r"(?P<pre>(?:#{1,6}[ \t\u3000]*)?(?:\*\*|__)?[ \t\u3000]*)"
        r"(?:" + style_alternation(CANONICAL) + rf"|(?P<label>(?:{labels})[：:])" + r")"
    )


_HEADING = heading_pattern(_LABELS)
#: canonical nesting of the numbering styles; within a document the styles present keep the *positions*
#: of their first appearance but are reordered among themselves in this order (so a stray "1." in the
#: preface cannot put every 一、 section under it, and 第一节 stays under 第二章 even when 第一条 came
#: first). Markdown headings and proposal labels are ranked purely by first appearance.
_CANONICAL = CANONICAL
_DI_STYLES = DI_STYLES
_MD_HEADING = re.compile(r"(#{1,6})[ \t\u3000]+\S")

#: Markdown decoration removed from heading text (not from offsets): leading #'s, emphasis markers
_DECOR = re.compile(r"^#{1,6}[ \t\u3000]*|\*\*|__")
#: where the heading of a numbered *item* ends ("1.加强……。（long text）" → "1.加强……")
_ITEM_HEAD_END = re.compile(r"[。：:；;！？!?]|\*\*")
_TRAILING_PUNCT = "。：:；;，,.．！？!? \t\u3000"
_INNER_TERMINATOR = re.compile(f"[{_TERMINATORS}]")

#: a numbered line at most this long (after removing decoration) whose only terminator is at its end
#: is a heading line, e.g. "（一）拨乱反正，落实政策，初步形成了安定团结、生动活泼的政治局面。"
HEADING_MAX_CHARS = 60
_ITEM_HEAD_MAX = 200  # look for the end of an item's heading within this many characters


def _is_heading_only(line: str) -> bool:
    """Whether a (decoration-free) numbered line is a bare heading rather than a numbered paragraph.

    >>> _is_heading_only("（一）拨乱反正，落实政策，初步形成了安定团结、生动活泼的政治局面。")
    True
    >>> _is_heading_only("1.加强耕地保护。严格落实耕地保护制度。")
    False
    """
    return len(line) <= HEADING_MAX_CHARS and _INNER_TERMINATOR.search(line, 0, max(len(line) - 1, 0)) is None


def _strip_heading(cleaned: str, number: str) -> str:
    """A heading line without its trailing punctuation ("调研情况：" → "调研情况"; "1." stays "1.")."""
    stripped = cleaned.rstrip(_TRAILING_PUNCT)
    if not stripped or (len(stripped) < len(number) and number[-1] in ".．"):
        return cleaned  # a bare number: keep its dot
    return stripped


def _clean(line: str) -> str:
    """Heading text without Markdown decoration: ``**一、总体要求**`` → ``一、总体要求``."""
    return _DECOR.sub("", line).strip()



def outline_sections(text: str, headings: Sequence[tuple[str, int]] | None = None) -> list[Section]:
    """Sections from the numbering hierarchy and from known heading lines.

    ``headings`` are ``(line text, level)`` pairs a reader recognised structurally (Markdown ``#``,
    docx "Heading n"); they match a line by its text (Markdown decoration ignored). Lines starting
    with ``# `` are headings anyway. The level of a style is its rank in the document (first
    appearance, numbering styles in their canonical order 第X编 > 第X章 > 第X节 > 第X条 > 一、 >
    （一） > 1. > （1） > 1） > ①), so a document that starts at （一） has （一） at level 1.

    A short numbered line is a heading (``heading`` = the line); a numbered paragraph
    ("1.加强……。……") is an *item*: ``heading`` = its text up to the first 。/：/；. Not headings:
    "1.5亿元…", "2023年，全省…", "一是…", "2、3月份…". A section spans from its number to the last
    non-space character before the next section of the same or a higher level (or the end).

    >>> text = "第一章　总则\\n第一条　为了规范提案工作，制定本条例。\\n第二章　提案的提出\\n第二条　提案应当一事一案。"
    >>> [(s.number, s.level, s.parent, s.heading) for s in outline_sections(text)]  # doctest: +NORMALIZE_WHITESPACE
    [('第一章', 1, None, '第一章\\u3000总则'), ('第一条', 2, 0, '第一条\\u3000为了规范提案工作，制定本条例'),
     ('第二章', 1, None, '第二章\\u3000提案的提出'), ('第二条', 2, 2, '第二条\\u3000提案应当一事一案')]
    """
    known: dict[str, int] = {}
    for h_text, h_level in headings or ():
        key = _clean(str(h_text))
        if key:
            known.setdefault(key, int(h_level))

    # pass 1: heading lines → (start, style, number, heading)
    found: list[tuple[int, Any, str, str]] = []
    for m in _LINE.finditer(text):
        ls, le = m.span()
        hm = _HEADING.match(text, ls, le)
        style: Any = None
        number = ""
        if hm is not None:
            style = hm.lastgroup
            number = hm.group(style)
            if style in _DI_STYLES and not _di_ok(text, hm.end(), le):
                style = None
        if style is None and not known and not text.startswith("#", ls):
            continue  # the common case (a body paragraph): no slicing, no cleaning
        cleaned = _clean(text[ls : min(le, ls + _ITEM_HEAD_MAX)])
        if style is None:
            # a known heading line (docx/Markdown) without numbering; one *with* numbering keeps its
            # numbering style above, so "一、总体要求" ranks the same whether or not docx styled it
            level = known.get(cleaned) if known else None
            if level is None and text.startswith("#", ls):
                md = _MD_HEADING.match(text, ls, le)
                level = len(md.group(1)) if md else None
            if level is None:
                continue
            style, number = ("md", level), ""
            heading = _strip_heading(cleaned, "")
        elif le - ls <= _ITEM_HEAD_MAX and _is_heading_only(cleaned):
            heading = _strip_heading(cleaned, number)
        else:
            heading = _item_heading(cleaned, number)
        found.append((ls, style, number, heading))

    if not found:
        return []

    # pass 2: levels = rank of style (first appearance; numbering styles in canonical order)
    order: list[Any] = []
    for _, style, _, _ in found:
        if style not in order:
            order.append(style)
    slots = [i for i, st in enumerate(order) if st in _CANONICAL]
    canon = sorted((order[i] for i in slots), key=_CANONICAL.index)
    for i, st in zip(slots, canon, strict=True):
        order[i] = st
    rank = {st: i + 1 for i, st in enumerate(order)}

    # pass 3: a stack of open sections gives parents; a section closes at the next section of the
    # same or a higher level (its end excludes the whitespace before that one)
    n = len(text)
    sections: list[Section] = []
    stack: list[Section] = []
    for idx, (start, style, number, heading) in enumerate(found):
        level = rank[style]
        while stack and stack[-1].level >= level:
            closed = stack.pop()
            closed.end = _rstrip_pos(text, start, closed.start)
        parent = stack[-1].index if stack else None
        sec = Section(index=idx, level=level, number=number, heading=heading, start=start, end=n, parent=parent)
        sections.append(sec)
        stack.append(sec)
    for sec in stack:
        sec.end = _rstrip_pos(text, n, sec.start)
    return sections


def _di_ok(text: str, pos: int, line_end: int) -> bool:
    # 第X章/条 is a heading when followed by a space, punctuation or the line end, or when the
    # line is short ("第一章总则"); "第三章中提到的…" running on is not
    if pos >= line_end:
        return True
    ch = text[pos]
    return ch.isspace() or ch in "：:、．.，," or line_end - pos <= 20

def _item_heading(cleaned: str, number: str) -> str:
    """Heading of a numbered paragraph: its text up to the first 。/：/； (or a clause, or 60 chars)."""
    skip = cleaned.find(number) + len(number) if number else 0
    m = _ITEM_HEAD_END.search(cleaned, skip)
    if m is not None and m.start() > skip:
        return cleaned[: m.start()]
    comma = cleaned.find("，", skip)
    if 0 < comma <= HEADING_MAX_CHARS:
        return cleaned[:comma]
    return cleaned[:HEADING_MAX_CHARS].rstrip()


def _rstrip_pos(text: str, end: int, floor: int) -> int:
    """Largest e ≤ end with text[e-1] not whitespace (≥ floor)."""
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end



LINE_RE = _LINE
ITEM_HEAD_MAX = _ITEM_HEAD_MAX
is_heading_only = _is_heading_only
clean_heading = _clean
rstrip_pos = _rstrip_pos
