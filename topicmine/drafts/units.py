"""Suggestion units of a report: one recommendation each (一是…… / 1.…… / 建议……), and the situation /
problem passages around them, found in the sections :func:`topicmine.text.structure.parse_sections` gives."""

from __future__ import annotations

import re

from topicmine.drafts.records import ReportSection, SuggestionUnit, SupportPassage
from topicmine.text.parts import PROBLEM_WORDS as _PROBLEM_WORDS
from topicmine.text.sentences import sentence_spans as _spans
from topicmine.text.structure import SENT_END as _SENT_END
from topicmine.text.structure import SPACE as _SPACE
from topicmine.text.structure import ancestors as _ancestors
from topicmine.text.structure import children as _children
from topicmine.text.structure import leaf_bodies as _leaf_bodies

__all__ = ["extract_units", "sentence_spans"]

_CN = "一二三四五六七八九十"
# enumerations inside a paragraph: 一是 / 其一 / 第一， / 首先，
_ENUM_RE = re.compile(
    rf"(?:[{_CN}]{{1,2}}是|其[{_CN}]{{1,2}}[，,、]|第[{_CN}]{{1,2}}[，,、]|首先[，,]|其次[，,]|再次[，,]|最后[，,])"
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences as drafting reads them: the text layer's splitter, a hard wrap not ending a sentence.

    >>> t = "一是加强培训。二是提高待遇！"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['一是加强培训。', '二是提高待遇！']
    """
    return _spans(text, start, end, lines="paragraph")


_INTRO_RE = re.compile(r"(如下|以下|几点|建议[：:]|为此[，,]?$|：$|:$)")
_ACTION_RE = re.compile(
    r"建议|应当|应该|要|需|加强|加大|加快|建立|健全|完善|出台|制定|设立|推进|推动|推广|落实|实施|开展|强化|提高|提升|"
    r"鼓励|支持|引导|规范|明确|增加|扩大|优化|整合|简化|取消|纳入|探索|试点|设置|配备|组织|督促|严格|严禁|打击|保障"
)


def _split_enumerations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at 一是/二是… ; returns the lead-in (maybe empty) then one span per item."""
    marks = [m.start() for m in _ENUM_RE.finditer(text, start, end) if _enum_boundary(text, m.start(), start)]
    if len(marks) < 2:
        return []
    spans = [(start, marks[0])] + [(a, b) for a, b in zip(marks, marks[1:] + [end])]
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


def _enum_boundary(text: str, pos: int, floor: int) -> bool:
    j = pos - 1
    while j >= floor and text[j] in _SPACE:
        j -= 1
    return j < floor or text[j] in "\n。；！？：:;，,、"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _chunk_passages(text: str, a: int, b: int, max_chars: int = 220) -> list[tuple[int, int]]:
    """Sentences of a region merged into passages of at most ``max_chars`` (never across paragraphs).

    A passage is never cut at "；": "一是……；二是……。" is one sentence here, so a supporting passage quotes
    the whole sentence.
    """
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    sents: list[tuple[int, int]] = []  # the current passage's sentences
    for s, e in _spans(text, a, b, lines="paragraph", semicolon=False):
        if cur is None:
            cur, sents = (s, e), [(s, e)]
            continue
        # an item's head sentence alone ("1．地位有所弱化。" before a 300-字 "主要表现在：……") is never a passage of its
        # own: closed there, it read as a bare heading and was dropped, and the draft lost the item's claim
        alone = len(sents) == 1 and _item_head(re.sub(r"^\s*(?:\d{1,2}[．.、]|[（(]\d{1,2}[)）])", "", text[cur[0]:cur[1]]))
        if (e - cur[0] <= max_chars or alone) and "\n\n" not in text[cur[1] : s]:
            cur = (cur[0], e)
            sents.append((s, e))
            continue
        # an item's short heading sentence ("……首先是研发费用有效投入不足。", "三是创新载体层次不高，……不强。" before the
        # sentences it heads) opens the next passage: cut before the first of the heading sentences closing this
        # passage, never after them
        k = len(sents)
        while k > 1 and _item_head(text[sents[k - 1][0]:sents[k - 1][1]]):
            k -= 1
        if k < len(sents) and "\n" not in text[sents[k][0]:s]:
            out.append(_trim(text, cur[0], sents[k][0]))
            cur, sents = (sents[k][0], e), sents[k:] + [(s, e)]
        else:
            out.append(cur)
            cur, sents = (s, e), [(s, e)]
    if cur:
        out.append(cur)
    return out



def _item_head(sentence: str) -> bool:
    """A short sentence naming the item the next sentences explain ("首先是研发费用有效投入不足。", "政策扶持力度不够。"):
    at most 20 字, no comma or colon inside; opened by 一是/首先… it may run past a comma, up to 32 字.

    >>> _item_head("首先是研发费用有效投入不足。"), _item_head("其次，由于制药业的研发成本大。")
    (True, False)
    """
    t = sentence.strip()
    n = len(re.findall(r"[\u4e00-\u9fff]", t))
    if not t.endswith("。") or re.search(r"[：:；;]", t):
        return False
    # an item's numbered heading may run past a comma ("三是创新载体层次不高，创新资源的集聚、孵化、育成能力不强。")
    if re.match(r"(?:[一二三四五六七八九十]是|首先是|其次是|再次是|最后是)", t):
        return 4 <= n <= 32
    return "，" not in t and "," not in t and 4 <= n <= 20


def _short_lead(text: str, a: int, b: int) -> bool:
    """A lead-in of a few sentences (≤ 3, ≤ 300 字); a longer one is analysis, not part of the measures."""
    return len(sentence_spans(text, a, b)) <= 3 and len(re.sub(r"\s", "", text[a:b])) <= 300


def _passage(text: str, a: int, b: int, kind: str, sec: int | None) -> SupportPassage:
    a, b = _trim(text, a, b)
    return SupportPassage(kind=kind, start=a, end=b, text=text[a:b], section=sec)


def _paragraphs(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Paragraphs of a region: breaks at blank lines and at newlines after sentence punctuation."""
    out: list[tuple[int, int]] = []
    s = a
    for m in re.finditer(r"\n", text[a:b]):
        i = a + m.start()
        prev = text[s:i].rstrip()
        if prev and (prev[-1] in _SENT_END + "：:" or len(prev) < 30):
            out.append(_trim(text, s, i))
            s = i + 1
    out.append(_trim(text, s, b))
    return [p for p in out if p[1] > p[0]]



def _measure_line(head: str) -> bool:
    """A numbered line written as a sentence (ends in "。" / "；", 12 字 or more past its number), not a title.

    >>> _measure_line("5．采用讲座、沙龙、微课等形式开展家庭教育活动。"), _measure_line("1．健全服务网络。")
    (True, False)
    """
    h = head.strip()
    bare = re.sub(r"^\W*[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?", "", h)
    return h.endswith(("。", "；", ";")) and len(re.findall(r"[\u4e00-\u9fff]", bare)) >= 12


def _clause_line(head: str) -> bool:
    """A numbered line that is a measure's sentence with a clause ("1.建立社区家庭教育指导服务平台，整合学校、社区和
    社会组织资源。"), not a matter's name ("（一）加强养老护理人才队伍建设。").

    >>> _clause_line("1.建立社区家庭教育指导服务平台，整合学校、社区和社会组织资源。"), _clause_line("（一）加强养老护理人才队伍建设。")
    (True, False)
    """
    return _measure_line(head) and "，" in head.strip()


def _line_end(text: str, i: int) -> bool:
    """Whether offset ``i`` (a heading's end) closes its line: a newline just before or after it."""
    return (i > 0 and text[i - 1] == "\n") or text[i:i + 1] in ("\n", "") or text[i:i + 2] == "\r\n"


def _sentence_heading(heading: str) -> bool:
    """A heading that holds a measure's own sentence: long and run on past a comma, or ended by "。"."""
    h = heading.strip()
    return len(h) > 30 and ("，" in h or h.endswith("。"))


def extract_units(text: str, sections: list[ReportSection]) -> tuple[list[SuggestionUnit], list[SupportPassage]]:
    """Suggestion units (sorted by offset, ids not yet given) and situation/problem passages of a text.

    Inside a suggestion section: its 一是/二是 enumerations, a numbered item whole, or its paragraphs that
    call for action; elsewhere, sentences starting "建议……" are units and the rest are passages.

    >>> from topicmine.text.structure import parse_sections
    >>> t = "一、存在问题\\n护理人员流失严重。\\n二、对策建议\\n一是提高护理人员待遇。二是建立职业晋升通道。"
    >>> units, passages = extract_units(t, parse_sections(t))
    >>> [u.text for u in units], [p.kind for p in passages]
    (['一是提高护理人员待遇。', '二是建立职业晋升通道。'], ['problem'])
    """
    regions = _leaf_bodies(sections, text)

    units: list[SuggestionUnit] = []
    passages: list[SupportPassage] = []

    def add_unit(a: int, b: int, marker: str, sec: int | None, heading: str = "") -> None:
        a, b = _trim(text, a, b)
        bare = re.sub(r"^\W*[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?|[①-⑮]", "", text[a:b]).strip()
        # "（1）设计：" only introduces sub-items; it is not a recommendation on its own
        if len(bare) < 8 or (bare[-1] in "：:" and len(bare) < 20):
            return
        units.append(SuggestionUnit(id="", start=a, end=b, text=text[a:b], marker=marker, section=sec,
                                    heading=heading))

    for a, b, sec_idx in regions:
        sec = sections[sec_idx] if sec_idx is not None else None
        kind = sec.kind if sec else None
        # the heading line belongs to the section, not to its body passages
        body_a = max(a, sec.body_start) if sec and a <= sec.start else a
        # a numbered heading ("1.线下：指示牌设置不合理。") is content; an inline "调研情况：" is not
        head_span = (sec.start, sec.body_start) if sec and a <= sec.start and not sec.inline else None
        # a heading on a line of its own ("一、基本情况⏎") is structure, not the first words of a passage
        own_line = head_span is not None and sec is not None and sec.body_start > 0 and text[sec.body_start - 1] == "\n"
        if kind == "suggestion":
            item = sec is not None and not sec.inline and sec.number and _children(sections, sec.index) == []
            # inside a matter (a proposal the report carries whole), its 具体建议 block is quoted whole: the
            # words leading into the measures ("……，我们建议：", an item's heading and intro) belong to it
            scoped = sec is not None and any(s.kind == "matter" for s in _ancestors(sections, sec.index))
            n_before = len(units)
            # a measure under a matter's item ("（五）建立……中心 / 3．……"), not the matter's own heading ("（一）加强……。")
            measure = (not scoped and sec is not None and sec.parent is not None and sections[sec.parent].kind == "suggestion"
                       and bool(sections[sec.parent].number) and not sections[sec.parent].inline
                       and sections[sec.parent].parent is not None
                       and sections[sections[sec.parent].parent].kind == "suggestion")
            if (measure and sec is not None and not item and head_span is not None and sec.number
                    and _children(sections, sec.index)
                    and (_measure_line(text[head_span[0]:head_span[1]]) or (sec.run_in and not own_line))):
                # a numbered line that is a sentence of its own with items under it ("（4）能举行家庭教育沙龙或公开讲座，
                # 有系列家庭教育讲座课题。", "5．采用讲座、沙龙、微课等形式开展家庭教育活动。" read as parent of "6．",
                # "3．建立……平台。平台要……" over its "一是……二是……" lines): a measure, its lead sentence and the words
                # before its sub-items one unit, never a heading dropped with the structure
                add_unit(a, b, "item", sec_idx, sec.heading)
                continue
            enum = _split_enumerations(text, body_a, b)
            if enum:
                lead_a, lead_b = enum[0]
                if lead_b - lead_a >= 30 and _ACTION_RE.search(text[lead_a:lead_b]) and not _INTRO_RE.search(
                    text[lead_a:lead_b].strip()[-6:]
                ):
                    # a measure's run-in lead sentence ("3．建立……平台。平台要……，一是……") opens its unit
                    start = sec.start if (measure and item and head_span is not None and not own_line) else lead_a
                    add_unit(start, lead_b, "paragraph", sec_idx, sec.heading if item else "")
                elif scoped and item and lead_b > lead_a and _short_lead(text, sec.start, lead_b):
                    # "1.强化交通互联，提升转移承接能力。主要有三个方面需要加强对接：一是……"
                    add_unit(sec.start, lead_b, "lead", sec_idx, sec.heading)
                elif item and head_span is not None and (_sentence_heading(sec.heading)
                                                         or _clause_line(text[head_span[0]:head_span[1]])
                                                         or (measure and sec.run_in and not own_line)
                                                         or (measure and not sec.run_in and _line_end(text, sec.body_start))):
                    # a run-in heading that is a whole measure ("4．有效沟通区、校、教师、家长，动态跟踪解决教师发展问题
                    # 首先，省、市、区级政策实施后，要及时跟进……避免僵化和面子工程。其次，……", "3．建立……平台。平台要……，
                    # 一是……"), or a numbered sentence over 一是/二是 lines of its own ("1.建立社区家庭教育指导服务平台，
                    # 整合……资源。⏎一是……⏎二是……" lost its lead sentence), or a measure's heading line under a matter's
                    # item with no comma ("3．提高养老机构的医护服务水平。⏎一是……": dropped, its items ran on as 五是/六是
                    # under measure 2): its lead sentence is quoted with it, never dropped
                    add_unit(sec.start, lead_b, "item", sec_idx, sec.heading)
                for s, e in enum[1:]:
                    add_unit(s, e, "enumeration", sec_idx, sec.heading if item and sec else "")
            elif item and sec is not None and head_span is not None:
                # a numbered item "1.指导楼宇业主把好准入关。有关部门应……" is one unit, heading included
                add_unit(sec.start, b, "item", sec_idx, sec.heading)
            else:
                for pa, pb in _paragraphs(text, body_a, b):
                    para = text[pa:pb].strip()
                    if len(para) < 12 or (_INTRO_RE.search(para[-6:]) and len(para) < 60):
                        continue
                    if not _ACTION_RE.search(para):
                        continue
                    add_unit(pa, pb, "paragraph", sec_idx, "")
                lead_start = head_span[0] if head_span else body_a
                if (scoped and len(units) == n_before and any(c.start == b for c in _children(sections, sec_idx))
                        and _short_lead(text, lead_start, b)):
                    # "四、对策建议……。对于如何建立……，我们建议：" before the block's numbered measures
                    add_unit(lead_start, b, "lead", sec_idx, "")
        else:
            pkind = kind if kind in ("situation", "problem") else None
            # in an unlabelled region, "建议……" sentences are suggestions; the rest is context
            for s, e in _chunk_passages(text, head_span[0] if head_span and not own_line else body_a, b):
                sent_units = [
                    (ss, se) for ss, se in sentence_spans(text, s, e)
                    if pkind is None and re.match(r"(?:[^，。]{0,12}[，,])?(?:建议|具体建议)", text[ss:se])
                    and se - ss >= 12
                ]
                if sent_units:
                    cursor = s
                    for ss, se in sent_units:
                        if ss > cursor:
                            passages.append(_passage(text, cursor, ss, "situation", sec_idx))
                        add_unit(ss, se, "sentence", sec_idx, "")
                        cursor = se
                    if e > cursor and text[cursor:e].strip():
                        passages.append(_passage(text, cursor, e, "situation", sec_idx))
                else:
                    guessed = pkind or ("problem" if re.search(_PROBLEM_WORDS, text[s:e]) else "situation")
                    passages.append(_passage(text, s, e, guessed, sec_idx))
    passages = [p for p in passages if p.end > p.start]
    units.sort(key=lambda u: u.start)
    return units, passages
