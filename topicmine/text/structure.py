"""Document structure: numbered sections and inline part blocks, with kinds, levels and offsets.

A research report is numbered 一、（一）1.（1）① (or 第X部分/第X章) and usually runs 基本情况 → 存在问题 → 对策建议;
a Jiangsu proposal marks the same parts inline (``调研情况：… 问题分析：… 具体建议：…``). :func:`parse_sections`
recovers both shapes, with headings a reader recognised (Markdown ``#``, .docx ``Heading n``), run-in headings
("（一）产业基础较为扎实。苏州市……": heading and body in one paragraph) and outline headings (a line of their
own), and gives every section its part kind (situation / problem / suggestion / matter, see
:mod:`topicmine.text.parts`). :func:`report_structure` first puts any input shape into one layout
(:mod:`topicmine.text.layout`), so blank-line text, one-newline text, a Word document and a hard-wrapped PDF
paste of one report give the same sections.

Every offset is a half-open character range into the text given.

>>> t = "一、基本情况\\n我市有养老机构120家。\\n二、存在问题\\n护理人员流失严重。\\n三、对策建议\\n一是提高护理人员待遇。"
>>> [(s.number, s.heading, s.kind) for s in parse_sections(t)]
[('一、', '基本情况', 'situation'), ('二、', '存在问题', 'problem'), ('三、', '对策建议', 'suggestion')]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from topicmine.text.numbering import DI_STYLES, DRAFT_RANKS, STYLE_PATTERNS
from topicmine.text.parts import BARE_LABELS, PART_LABELS, classify_heading, coarse_kind, label_alternation, part_kind

__all__ = ["ReportSection", "Structure", "front_matter_end", "report_structure", "parse_sections", "number_value", "children", "ancestors", "leaf_bodies",
           "at_boundary", "SPACE", "SENT_END", "BLOCK_RANK"]

#: characters after which a numbering token may start a new item (besides line starts)
_BOUNDARY_BEFORE = "。；！？：:;!?"
_SENT_END = "。！？；!?;"
_SPACE = " \t\u3000\xa0"


def _rank_pattern(styles: tuple[str, ...]) -> re.Pattern[str]:
    # 第X部分 / 第X章 take the separator after them into the token ("第一部分、" "第二章 ")
    parts = [f"(?:{STYLE_PATTERNS[s]})" + (r"[、，,\s]?" if s in DI_STYLES else "") for s in styles]
    return re.compile("|".join(parts))


# numbering tokens by rank (GB/T 9704 §7.3.3 order: 一、 > （一） > 1. > （1）), from the one rule set
# (topicmine.text.numbering) that segmentation's outline uses too
_MARKERS: list[tuple[float, re.Pattern[str]]] = [(rank, _rank_pattern(styles)) for rank, styles in DRAFT_RANKS]
_BLOCK_RANK = 1.5  # inline "调研情况：" blocks sit below 一、 and above （一）
SPACE, SENT_END, BLOCK_RANK = _SPACE, _SENT_END, _BLOCK_RANK

# inline part blocks: a part label of the one table (form fields aside) or "为此提出如下建议" + colon; group "kw"
_BLOCK_RE = re.compile(
    r"(?P<kw>"
    + label_alternation(("situation", "problem", "cause", "suggestion"))
    + r"|(?:(?:为此|因此|对此|据此|特)[，,]?)?(?:提出|有|提)?(?:如下|以下|几点|下列)?(?:意见)?建议(?:如下)?)[：:]"
)

def at_boundary(text: str, pos: int) -> bool:
    """True when ``pos`` starts a line or follows sentence punctuation (spaces skipped)."""
    j = pos - 1
    while j >= 0 and text[j] in _SPACE:
        j -= 1
    if j < 0 or text[j] == "\n":
        return True
    if text[j] in _BOUNDARY_BEFORE:
        return True
    # "。 一是" and "…为此， 1." — a run of ≥2 spaces is a lost paragraph break in scraped text
    if pos - j > 2:
        return True
    if pos - j == 2 and "\u4e00" <= text[j] <= "\u9fff":
        # "三、建议 1.规范……": one space after a short run-in heading is a break as well
        k = j
        while k >= 0 and text[k] not in "。；！？：\n" and j - k <= 14:
            k -= 1
        return j - k <= 14 and bool(re.search(r"[、）)]|^", text[k + 1 : j + 1]))
    return False


_at_boundary = at_boundary


@dataclass
class ReportSection:
    """A numbered section (``一、`` ``（二）`` ``3.`` ``（1）``) or an inline block (``问题分析：``).

    ``kind`` is situation / problem / suggestion (from the heading or inherited from the parent block),
    matter (a heading that names one matter: "关于……的建议"), or None.
    """

    index: int
    rank: float
    number: str
    heading: str
    start: int
    end: int
    body_start: int
    parent: int | None = None
    kind: str | None = None
    inline: bool = False
    ordinal: int = 0  # position among siblings (1-based), for 问题（二）↔ 建议（二） parallelism
    #: heading and body in one paragraph ("（一）产业基础较为扎实。苏州市……"), not a heading line of its own
    run_in: bool = False
    #: the part its label names, finer than ``kind`` (原因分析 → cause): situation / problem / cause / suggestion
    part: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)




def _heading_end(text: str, pos: int, limit: int = 60) -> int:
    """End of a heading that starts at ``pos``: the first sentence end, colon or newline."""
    stop = min(len(text), pos + limit)
    for i in range(pos, stop):
        if text[i] in "。！？；\n：:":
            return i
        if text[i] in _SPACE and i > pos and i + 1 < len(text) and (
            text[i + 1] in _SPACE or re.match(r"[（(]?[一二三四五六七八九十\d]{1,2}[、.．）)]", text[i + 1 : i + 5])
        ):
            return i  # run-in heading followed by its body or its first item after a gap
    # no terminator near: a run-in heading without punctuation — cut at a wide space gap
    m = re.search(r"\s{2,}", text[pos:stop])
    return pos + m.start() if m else stop


_CN_VAL = {c: i for i, c in enumerate("零一二三四五六七八九十")}


def number_value(number: str) -> int | None:
    """1 for "一、" / "（一）" / "1." / "（1）" / "①"; None for inline blocks."""
    m = re.search(r"\d+", number)
    if m:
        return int(m.group(0))
    if not number:
        return None  # a heading a reader recognised (Markdown "#", docx "Heading n") carries no number
    if number[:1] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮":
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮".index(number[0]) + 1
    cn = re.sub(r"[^零一二三四五六七八九十]", "", number.replace("第", ""))
    if not cn:
        return None
    if cn.startswith("十"):
        return 10 + (_CN_VAL[cn[1]] if len(cn) > 1 else 0)
    if "十" in cn:
        a, _, b = cn.partition("十")
        return _CN_VAL[a] * 10 + (_CN_VAL[b] if b else 0)
    return _CN_VAL.get(cn[0])



_number_value = number_value


def _block_kind(kw: str) -> str:
    """Drafting kind of an inline block keyword: its part in the label table (a cause counts as a
    problem), or suggestion for "为此提出如下建议"."""
    return coarse_kind(PART_LABELS.get(kw)) or ("suggestion" if "建议" in kw else "situation")


def _line_heading(text: str, start: int, body: int) -> bool:
    """A numbered heading standing on a line of its own: "三、关于……的建议⏎" (short, no sentence inside)."""
    j = start - 1
    while j >= 0 and text[j] in _SPACE:
        j -= 1
    if j >= 0 and text[j] != "\n":
        return False
    nl = text.find("\n", body)
    line = text[body : len(text) if nl < 0 else nl].strip()
    return 0 < len(line) <= 50 and not re.search(r"[。！？；;!?]", line[:-1])


def _continues_outline(text: str, start: int, number: str, rank: float, stack: list[ReportSection],
                       types: list[str]) -> bool:
    """A run-in marker that is nevertheless the outline's next heading: it opens a paragraph after body
    text (not right under another heading line) and carries the next number of the open outline list."""
    num = _number_value(number)
    open_ = [s for s, t in zip(stack, types) if t == str(rank)]
    if num is None or not open_ or _number_value(open_[-1].number) != num - 1:
        return False
    j = start - 1
    while j >= 0 and text[j] in _SPACE:
        j -= 1
    if j < 0 or text[j] != "\n":
        return False
    prev = text[text.rfind("\n", 0, j) + 1 : j].strip()
    return bool(prev) and (prev[-1] in "。！？；;!?" or len(prev) > 50)


_CLOSING_RE = re.compile(r"调研组(?:建议|认为|希望|呼吁)|课题组(?:建议|认为)|总之[，,]|综上所述|总而言之|是一项(?:长期|系统|复杂)")


def _closing_start(text: str, sections: list[ReportSection]) -> int | None:
    """Start of the report's closing paragraph, or None.

    The last paragraph counts when it stands on its own line after the last numbered recommendation,
    carries no numbering and reads as a conclusion (调研组建议 / 总之 / 综上所述 / 是一项长期任务 …).
    """
    body = text.rstrip()
    nl = body.rfind("\n")
    if nl < 0 or not sections:
        return None
    start = nl + 1
    while start < len(body) and body[start] in _SPACE:
        start += 1
    last = sections[-1]
    if last.start >= start or last.kind != "suggestion" or last.inline:
        return None
    if not _CLOSING_RE.search(body[start:]):
        return None
    # the last recommendation must have its own words before the closing paragraph
    if not text[last.body_start : start].strip():
        return None
    return start


#: a line opening "3．12345……": the number token reads as a decimal ("1.5亿元") by its pattern alone
_AR_BEFORE_DIGIT = re.compile(r"(?m)^[ \t\u3000]*([0-9０-９]{1,2}[.．])(?=[0-9０-９])")


def _items_opening_with_digits(text: str, found: list[tuple[int, float, str, int, bool, str | None]]
                               ) -> list[tuple[int, float, str, int, bool, str | None]]:
    r"""Line-start ``N．`` items whose text opens with a digit ("3．12345转办的农村环境投诉……"), kept when the marker
    before them, at a line start too, is item N−1 of the same style ("2．县城管局会同……"): a decimal never
    continues a numbered list that way, and without this the item fused into the one before it.

    >>> t = "1．禁止焚烧。\n2．完善垃圾池。\n3．12345转办的投诉以整改结果办结。"
    >>> two = t.index("2．")
    >>> [(t[f[0]:f[3]], f[0] == t.index("3．")) for f in _items_opening_with_digits(t, [(0, 3.0, "1．", 2, False, None),
    ...                                                                             (two, 3.0, "2．", two + 2, False, None)])]
    [('3．', True)]
    """
    extra = []
    for m in _AR_BEFORE_DIGIT.finditer(text):
        start, token = m.start(1), m.group(1)
        before = [f for f in found if f[0] < start and not f[4] and f[1] <= 3.0]
        if not before:
            continue
        last = max(before, key=lambda f: f[0])
        if (last[1] == 3.0 and last[2][-1:] == token[-1:] and (last[0] == 0 or text[last[0] - 1] == "\n")
                and _number_value(last[2]) is not None and _number_value(last[2]) == _number_value(token) - 1):
            extra.append((start, 3.0, token, m.end(1), False, None))
    return extra


def parse_sections(text: str, headings: Sequence[tuple[str, int]] | None = None) -> list[ReportSection]:
    """Numbered sections and inline blocks with offsets, parents, kinds and sibling ordinals.

    ``headings`` (line text, level) from a reader (Markdown ``#``, docx Heading n) are honoured:
    such a line becomes a section of that level even without numbering.
    """
    found: list[tuple[int, float, str, int, bool, str | None]] = []  # start, rank, number, body, inline, kind
    for rank, rx in _MARKERS:
        for m in rx.finditer(text):
            if not _at_boundary(text, m.start()):
                continue
            after = text[m.end() : m.end() + 1]
            if not after or after in "\n，,。" or (rank == 3.0 and after.isdigit()):
                continue
            if rank == 1.0 and re.match(r"[、，]", after):
                continue
            found.append((m.start(), rank, m.group(0).strip(), m.end(), False, None))
    found.extend(_items_opening_with_digits(text, found))
    for m in _BLOCK_RE.finditer(text):
        # "调研情况：/问题分析：/具体建议：" are unambiguous even when scraping lost the break before them;
        # a bare "建议：" / "问题：" counts only at a boundary
        if not _at_boundary(text, m.start()) and m.group("kw") in BARE_LABELS:
            continue
        kw = m.group("kw")
        found.append((m.start(), _BLOCK_RANK, kw, m.end(), True, _block_kind(kw)))
    if headings:
        for line, level in headings:
            line = line.strip()
            if not line:
                continue
            pos = text.find(line)
            if pos >= 0 and not any(f[0] == pos for f in found):
                found.append((pos, float(level), "", pos, False, None))
    # one marker per position: the numbering wins over a block keyword ("一、存在问题：")
    found.sort(key=lambda f: (f[0], f[4]))
    dedup: list[tuple[int, float, str, int, bool, str | None]] = []
    for f in found:
        if dedup and f[0] < dedup[-1][3]:
            continue
        dedup.append(f)

    # a document whose headings of some rank stand on lines of their own ("三、关于……的建议\n") uses them
    # as its outline; a run-in marker of that rank ("……。二、强化科技支撑……") then numbers a list inside
    # the current section, never a sibling of the outline headings (a proposal numbering its own parts
    # 一、二、 inside a report numbered 一、二、)
    line_like = [not f[4] and f[1] == int(f[1]) and _line_heading(text, f[0], f[3]) for f in dedup]
    outline_ranks = {r for r, n in Counter(f[1] for f, ln in zip(dedup, line_like) if ln).items() if n >= 2}

    sections: list[ReportSection] = []
    stack: list[ReportSection] = []
    types: list[str] = []  # marker type of each stack entry ("blk", "1.0", "1.0r" (run-in) …)
    levels: list[float] = []  # nesting level of each stack entry (rank; run-in markers of outline ranks +4)
    for (start, rank, number, body, inline, kind), line in zip(dedup, line_like):
        if inline and stack and not stack[-1].inline and kind is not None and stack[-1].kind == kind \
                and classify_heading(stack[-1].heading) == kind and number not in PART_LABELS:
            # "三、对策建议⏎针对上述问题，调研组提出如下建议：⏎（一）……": a lead-in sentence restating the part its own
            # section names is that section's text, not a block; as a block it took every （一）…（五） below it as
            # its items, and a report of five matters became one draft titled "关于提出如下的提案"
            continue
        run_in = not inline and rank in outline_ranks and not line
        if run_in and _continues_outline(text, start, number, rank, stack, types):
            run_in = False  # "三、对策建议。一是……" as a paragraph of its own, next in the outline's numbering
        t = "blk" if inline else f"{rank}r" if run_in else str(rank)
        level = _BLOCK_RANK if inline else rank + 4.0 if run_in else rank
        if inline:
            heading, body_start = number, body
        else:
            he = _heading_end(text, body)
            heading = text[body:he].strip()
            body_start = he + 1 if he < len(text) and text[he] in "。！？；\n：:" else he
        num = _number_value(number)
        same = [k for k, tt in enumerate(types) if tt == t]
        cont = [k for k in same if num is not None and _number_value(stack[k].number) == num - 1]
        own_kind = None if inline else classify_heading(heading)
        if run_in and own_kind == "matter":
            own_kind = None  # a run-in "二、关于……的建议" inside an outline section is one of its parts
        if t == "blk" and same:
            del stack[same[-1] :], types[same[-1] :], levels[same[-1] :]
        elif same and own_kind == "matter":
            # "四、关于……的建议" names a new matter: it belongs to the outermost list of its numbering
            del stack[same[0] :], types[same[0] :], levels[same[0] :]
        elif cont:
            # the next number of an open section's numbering: its sibling ("二、" closes "一、" and its body).
            # When a list inside uses the same numbering, a heading that names a matter or a block
            # ("五、关于……的建议", "四、对策建议") continues the outer list, any other the inner one.
            standalone = not inline and body_start > 0 and text[body_start - 1] == "\n"
            outer = len(cont) > 1 and (classify_heading(heading) is not None or (
                # a heading on a line of its own continues the outer list when the inner items were run-in
                standalone and text[stack[cont[-1]].body_start - 1 : stack[cont[-1]].body_start] != "\n"))
            k = cont[0] if outer else cont[-1]
            del stack[k:], types[k:], levels[k:]
        elif same and num == 1:
            # numbering restarts inside the current section ("具体建议：一、……" under report heading "三、")
            pass
        elif same:
            del stack[same[-1] :], types[same[-1] :], levels[same[-1] :]
        elif inline and stack and (not text[stack[-1].body_start : start].strip() or (
                stack[-1].kind == kind and classify_heading(stack[-1].heading) == kind) or (
                stack[-1].kind in (kind, "matter", None) and not stack[-1].inline
                and any(s.kind == kind and not s.inline for s in stack[:-1]))):
            # "（二）问题分析⏎主要问题：……": a block keyword opening a section's body, or naming the same part
            # as the section's own heading, belongs to that section; so does "为此提出如下建议：" inside an item
            # of the report's own 对策建议 (the item's measures, not a new report-level block)
            pass
        else:
            # a higher-level numbering closes lower-level ones, but never climbs out of an inline block:
            # "具体建议：一、……二、……" numbers the block's items
            while stack and types[-1] != "blk" and levels[-1] > level:
                stack.pop()
                types.pop()
                levels.pop()
        parent = stack[-1] if stack else None
        sec = ReportSection(
            index=len(sections), rank=rank, number="" if inline else number, heading=heading, start=start,
            end=len(text), body_start=body_start, parent=parent.index if parent else None, inline=inline,
        )
        if kind is None:
            pk = sections[parent.index].kind if parent else None
            own = own_kind
            if own == "matter":
                kind = own  # a matter title is never a mere item of the block above it
            elif pk in ("situation", "problem", "suggestion"):
                kind = pk  # "（二）加强问题排查" under 对策建议 stays a suggestion
            else:
                kind = own
        sec.kind = kind
        sections.append(sec)
        stack.append(sec)
        types.append(t)
        levels.append(level)
    # ends: the next section that is not a descendant; ordinals among siblings
    for i, s in enumerate(sections):
        s.end = len(text)
        for t2 in sections[i + 1 :]:
            if s.index not in {a.index for a in ancestors(sections, t2.parent)}:
                s.end = t2.start
                break
    # the report's closing words ("……。调研组建议，以此次调研为契机……") follow its last recommendation but
    # belong to the whole report, not to that recommendation
    close = _closing_start(text, sections)
    if close is not None:
        for s in sections:
            s.end = min(s.end, close)
    # an unlabelled numbered section holding its own situation/problem and suggestion blocks is one matter
    # ("一、加强科技创新，推动制造业转型升级" followed by 调研情况：… 具体建议：…)
    for s in sections:
        if s.kind is None and s.number:
            kinds = {d.kind for d in sections if d.parent is not None and s.index in
                     {a.index for a in ancestors(sections, d.parent)}}
            if "suggestion" in kinds and kinds & {"situation", "problem"}:
                s.kind = "matter"
    counters: Counter[tuple[int | None, bool]] = Counter()
    for s in sections:
        counters[(s.parent, s.inline)] += 1
        s.ordinal = counters[(s.parent, s.inline)]
        line_end = text.find("\n", s.body_start)
        own_line = s.body_start > 0 and text[s.body_start - 1] == "\n"
        s.run_in = not s.inline and not own_line and bool(
            text[s.body_start : len(text) if line_end < 0 else line_end].strip())
        s.part = part_kind(s.heading) or (s.kind if s.kind in ("situation", "problem", "suggestion") else None)
    return sections



def children(sections: list[ReportSection], idx: int | None) -> list[ReportSection]:
    return [s for s in sections if s.parent == idx]


def leaf_bodies(sections: list[ReportSection], text: str) -> list[tuple[int, int, int | None]]:
    """Text regions not covered by a child section: (start, end, section index or None)."""
    regions: list[tuple[int, int, int | None]] = []

    def walk(idx: int | None, start: int, end: int) -> None:
        cursor = start
        for c in children(sections, idx):
            if c.start > cursor:
                regions.append((cursor, c.start, idx))
            walk(c.index, c.start, c.end)
            cursor = max(cursor, c.end)
        if end > cursor:
            regions.append((cursor, end, idx))

    walk(None, 0, len(text))
    return [r for r in regions if text[r[0] : r[1]].strip()]



def ancestors(sections: list[ReportSection], idx: int | None) -> list[ReportSection]:
    out = []
    while idx is not None:
        out.append(sections[idx])
        idx = sections[idx].parent
    return out


_children, _ancestors, _leaf_bodies = children, ancestors, leaf_bodies


# ------------------------------------------------------------------------------------------ any input shape
_FRONT_LINE = re.compile(
    r"(?:调研组|课题组|执笔|撰稿|起草|委员会|办公室|研究室|政协.{0,12}(?:委员会|调研组)|^[（(]?\d{4}年\d{1,2}月(?:\d{1,2}日)?[）)]?$"
    r"|^\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?$|^(?:报告人|提案人|反映人|作者)[：:])"
)
_FRONT_LEAD = re.compile(r"(?:报告|汇报|说明)如下[：:。]?$|^现将.{0,40}(?:报告|汇报)")


@dataclass
class Structure:
    """A report in one layout (:func:`topicmine.text.layout.normalize_layout`) and its sections.

    ``front_matter_end``: the offset where the body starts; before it stand the title line, author/date lines
    and the opening "现将调研情况报告如下：" — none of them part of the first section.
    """

    text: str
    sections: list[ReportSection]
    front_matter_end: int
    title: str = ""

    def outline(self) -> list[tuple[str, str, str | None, int]]:
        """(number, heading, kind, depth) of every section: what "the same structure" compares."""
        depth = {s.index: len(ancestors(self.sections, s.index)) for s in self.sections}
        return [(s.number, s.heading, s.kind, depth[s.index]) for s in self.sections]


def front_matter_end(text: str, first_section: int | None = None) -> tuple[int, str]:
    r"""(offset where the body starts, the title line or "") of a text in one layout.

    Leading paragraphs count as front matter while they are the title (the first paragraph when short and
    not a sentence: "关于……的调研报告"), author/date lines (调研组, 执笔, 2025年3月) or the opening
    "现将……报告如下：". It never reaches into the first section.

    >>> t = "关于苏州市低空经济发展情况的调研报告\n\n市政协经济委员会调研组\n\n现将调研情况报告如下：\n\n一、基本情况"
    >>> end, title = front_matter_end(t); t[end:], title
    ('一、基本情况', '关于苏州市低空经济发展情况的调研报告')
    """
    limit = len(text) if first_section is None else first_section
    pos, title, i = 0, "", 0
    for m in re.finditer(r"[^\n]+", text):
        if m.start() >= limit:
            break
        para = m.group(0).strip()
        short_line = len(para) <= 40 and not re.search(r"[。！？；]", para[:-1])
        if i == 0 and short_line and (para.startswith("关于") or para.endswith("报告") or not para.endswith("。")) \
                and not re.match(r"[一二三四五六七八九十]+、|[（(]", para):
            title = para
        elif short_line and _FRONT_LINE.search(para):
            pass
        elif _FRONT_LEAD.search(para) and len(para) <= 400:
            pass
        else:
            break
        pos = m.end()
        i += 1
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos, title


def report_structure(text: str, headings: Sequence[tuple[str, int]] | None = None) -> Structure:
    r"""The structure of a report in any input shape: layout normalised, front matter set aside, sections.

    Blank-line text, one-newline text, Word documents (Normal or heading styles: ``headings`` from the
    reader), hard-wrapped PDF paste and tables of one report give the same :meth:`Structure.outline`.

    >>> a = report_structure("关于养老服务的调研报告\n一、基本情况\n我市有养老机构120家。\n二、对策建议\n建议提高护理员待遇。")
    >>> a.outline(), a.text[a.front_matter_end:][:6]
    ([('一、', '基本情况', 'situation', 1), ('二、', '对策建议', 'suggestion', 1)], '一、基本情况')
    """
    from topicmine.text.layout import normalize_layout

    norm = normalize_layout(text)
    # front matter from the numbering and part labels alone: a reader's Title/Heading style on the title
    # line must not make the title a section holding the whole report
    first = min((sec.start for sec in parse_sections(norm)), default=None)
    end, title = front_matter_end(norm, first)
    body_heads = [h for h in (headings or ()) if h[0].strip() and norm.find(h[0].strip(), end) >= end]
    sections = parse_sections(norm, body_heads)
    return Structure(text=norm, sections=sections, front_matter_end=end, title=title)
