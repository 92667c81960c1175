r"""Layout: one paragraph layout for every input shape of a document.

A report reaches the office as blank-line-separated text, one-newline-per-paragraph text (Word's own shape,
``sed '/^$/d'``), a .docx in Normal style (headings are just short paragraphs), a heading-styled .docx, a
hard-wrapped paste from a PDF (lines cut at ~30–40 characters), and with tables. :func:`normalize_layout`
gives all of them one layout: one paragraph a line, paragraphs separated by a blank line, hard wraps
re-joined (a line that does not end a sentence and is followed by a line that does not start a heading),
table rows as one line with the cells joined by "；". Characters of the wording are never changed, only
whitespace and table separators.

>>> t = ("一、基本情况\n我市近年来持续推进养老服务体系建设，全\n市现有养老机构120家，床位2.1万张，护理\n"
...      "人员3000余人。\n二、存在问题\n护理人员流失严重，待遇偏低，职业晋升通\n道不畅。")
>>> print(normalize_layout(t))
一、基本情况
<BLANKLINE>
我市近年来持续推进养老服务体系建设，全市现有养老机构120家，床位2.1万张，护理人员3000余人。
<BLANKLINE>
二、存在问题
<BLANKLINE>
护理人员流失严重，待遇偏低，职业晋升通道不畅。
"""

from __future__ import annotations

import re

from topicmine.text.parts import label_alternation

__all__ = ["clean_text", "normalize_layout", "HEADING_START"]


def clean_text(s: str) -> str:
    """Join hard-wrapped lines and collapse spaces, keeping every character of the wording.

    PDF-extracted proposals wrap lines inside sentences; drafts quote the source, so only whitespace may
    change.

    >>> clean_text("国家对厕所\\n问题的关注")
    '国家对厕所问题的关注'
    """
    s = re.sub(r"\s*\n\s*", "\n", s.strip())
    # a newline between two CJK characters (or CJK and punctuation) is a wrap, not a paragraph
    s = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", s)
    s = re.sub(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+(?=[^\x00-\x7f])", "", s)
    s = re.sub(r"[ \t\u3000\xa0]+", " ", s)
    return s.replace("\n", "")


#: a line starting a heading, a part or an item: numbering (第X章/一、/（一）/1./（1）/①), a label with colon, 一是, #
HEADING_START = re.compile(
    r"^(?:#{1,6}\s|第[一二三四五六七八九十百零〇两0-9]{1,4}[编章节条部分]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]"
    r"|[0-9]{1,2}(?:[.．、](?![0-9])|[）)])|[（(][0-9]{1,2}[）)]|[①-⑳]|[一二三四五六七八九十]{1,2}是"
    rf"|(?:{label_alternation()})[：:])"
)
_TERMINATORS = "。！？!?；;：:…"
_CLOSERS = "”’\"」』）)】》"


def _ends_sentence(line: str) -> bool:
    """A line ending in sentence punctuation (or a closing quote/bracket right after it)."""
    core = line.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINATORS

#: the words a part or matter heading ends with ("（二）关于……的建议", "……存在的问题"), where a cut mid-sentence
#: rarely falls
_HEADING_END = re.compile(r"(?:建议|问题|情况|对策|措施|现状|做法|经验|短板|不足|困难|挑战|提案|报告|分析)$")

_MD_TABLE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")


def _table_row(line: str) -> str | None:
    """A table row as one line, cells joined by "；" (Markdown ``| a | b |`` or tab-separated); None if not
    a row. A Markdown separator row gives ""."""
    if line.startswith("|") and line.endswith("|") and line.count("|") >= 3:
        if _MD_TABLE_SEP.match(line):
            return ""
        cells = [c.strip() for c in line.strip("|").split("|")]
    elif "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    else:
        return None
    return "；".join(c for c in cells if c)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text was cut at, or None when the text is not hard-wrapped.

    Wrapped text has many lines of (nearly) the same length that do not end a sentence; Word-style text
    has paragraphs of every length ending in punctuation and short heading lines.
    """
    lens = sorted(len(x) for x in lines if x)
    if len(lens) < 6:
        return None
    width = lens[int(0.75 * (len(lens) - 1))]
    if width > 60:
        return None
    open_full = [x for x in lines if x and len(x) >= 0.85 * width and not _ends_sentence(x)]
    return width if len(open_full) >= max(2, 0.25 * len(lens)) else None


def _full_from(lines: list[str], width: int) -> float:
    """The length from which a line counts as filling the width: the width itself when the text was cut
    mechanically (most open lines exactly that long), else 85 % of it (a PDF's lines vary by a character
    or two with punctuation squeezing)."""
    open_lines = [x for x in lines if x and len(x) >= 0.85 * width and not _ends_sentence(x)]
    exact = sum(1 for x in open_lines if len(x) == width)
    return width if exact >= 0.6 * len(open_lines) else 0.85 * width


_MID_ITEM = re.compile(r"(?<=[。；;])\s*(?:\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十]是)")


_SHI = re.compile(r"[一二三四五六七八九十]是")


def _run_in_items(lines: list[str], full: float, shi: bool | None = None) -> bool:
    """A wrapped text whose numbered items run on inside paragraphs ("……。2.宣传……") more often than they
    open paragraphs of their own: a numbered line after a full line is then a wrap, not a new paragraph.
    ``shi``: count only "一是/二是" items (True) or only the others (False) — a report whose "1、" items open
    paragraphs may still run its "一是……二是……" on inside them (jszx proposals do both)."""
    def counts(mark: str) -> bool:
        return shi is None or bool(_SHI.match(mark.strip())) == shi

    mid = sum(1 for ln in lines if ln for m in _MID_ITEM.finditer(ln) if counts(m.group(0)))
    # numbered paragraphs with a body (not heading lines) that open after a paragraph's short last line
    opens = sum(1 for i, ln in enumerate(lines) if ln and HEADING_START.match(ln) and i > 0 and len(ln) >= full
                and counts(ln[:3]) and (not lines[i - 1] or len(lines[i - 1]) < full))
    return mid > opens


#: a heading fused with the first item of its body inside one paragraph ("（一）加强基础设施建设，着力解决……的问题1．强化
#: ……"): the heading part opens the paragraph with one "（一）" mark, holds no sentence end, ends with a heading
#: word, and a numbered item starts right after it. Text pasted without its line breaks has this shape; so does a
#: hard wrap that fell exactly after such a heading, and every shape must read it the same way, so it is cut in
#: every shape. A "二、" mark is not cut: in a proposal quoted under a report's matter ("（五）关于全面推进河长制……⏎
#: 二、全面推进河长制……的建议1、做好水系规划") it is the proposal's own numbering, and a top-level heading there
#: would end the report's 三、对策建议 (measured on tuning rows: cutting it lost a draft per proposal).
_MARK = re.compile(r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]")
_FUSED_HEADING = re.compile(
    r"^([（(][一二三四五六七八九十]{1,3}[）)]"
    r"(?:(?![一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])[^。！？；;：:\n]){2,60}?"
    r"(?:建议|问题|情况|对策|措施|现状|短板|不足|困难))"
    r"(?=[0-9]{1,2}[.．、](?![0-9])|[（(][0-9]{1,2}[）)]|[①-⑳])"
)


def _cut_fused_heading(para: str) -> list[str]:
    """A paragraph "（一）……的问题1．强化……" as its heading and its body (see ``_FUSED_HEADING``).

    >>> _cut_fused_heading("（一）加强基础设施建设，着力解决服务网络不完善的问题1．强化体系理念。")
    ['（一）加强基础设施建设，着力解决服务网络不完善的问题', '1．强化体系理念。']
    >>> _cut_fused_heading("（一）基层医疗机构床位占比为19.06%，缺口1.4万张。")
    ['（一）基层医疗机构床位占比为19.06%，缺口1.4万张。']
    >>> len(_cut_fused_heading("二、相关建议（一）加强基础设施建设，着力解决服务网络不完善的问题1．强化体系理念。"))
    1
    """
    m = _FUSED_HEADING.match(para)
    return [m.group(1), para[m.end():]] if m else [para]


def _wrap_joiner(cur: str, ln: str, mechanical: bool, prev_full: bool) -> str:
    """What goes between a wrapped line and the next: nothing between CJK characters; one space between two
    Latin words of a PDF wrap; nothing when the text was cut at a fixed width and the cut fell inside a
    Latin word ("VO" + "Cs", "a" + "pp": a mechanical cut does not look for spaces)."""
    latin = cur[-1].isascii() and cur[-1].isalnum() and ln[0].isascii() and ln[0].isalnum()
    return " " if latin and not (mechanical and prev_full) and cur[-1].isalpha() and ln[0].isalpha() else ""


def normalize_layout(text: str) -> str:
    r"""The text in one layout: one paragraph a line, a blank line between paragraphs (see module doc).

    >>> normalize_layout("指标\t2023年\t2024年\n养老床位\t1.8万\t2.1万")
    '指标；2023年；2024年\n\n养老床位；1.8万；2.1万'
    >>> normalize_layout("| 指标 | 数值 |\n|---|---|\n| 床位 | 2.1万 |")
    '指标；数值\n\n床位；2.1万'
    """
    raw = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines: list[str] = []
    rows: set[int] = set()  # table rows: never joined with a neighbour
    for ln in raw:
        row = _table_row(ln) if ln else None
        if row == "":
            continue  # a Markdown table's separator row
        if row is not None:
            rows.add(len(lines))
        lines.append(row if row is not None else re.sub(r"[ \t\u3000\xa0]+", " ", ln))
    width = _wrap_width(lines)
    full = _full_from(lines, width) if width is not None else 0.0
    run_in = width is not None and _run_in_items(lines, full)
    # "一是" items are counted apart: "……的问题。⏎一是资金问题。" after a full line is a wrap when this text runs its
    # "一是……二是……" on inside paragraphs, whatever its "1、" items do
    run_in_shi = width is not None and _run_in_items(lines, full, shi=True)
    mechanical = width is not None and full == width
    paras: list[str] = []
    cur = ""
    for i, ln in enumerate(lines):
        if not ln:
            if cur:
                paras.append(cur)
            cur = ""
            continue
        if cur:
            prev_line = lines[i - 1]
            wrapped = (
                width is not None
                and i - 1 not in rows
                and i not in rows
                and prev_line
                # a line cut inside a sentence; or cut right after one when it fills the whole width
                and (len(prev_line) >= width or (len(prev_line) >= full and not _ends_sentence(prev_line)))
                # a heading line shorter than the width ended there ("（一）坚持……态势" then its body)
                and not (len(prev_line) < width and prev_line is cur and HEADING_START.match(prev_line))
                # a heading exactly as long as the width, followed by a full body line or a sentence: the
                # heading ended there (a longer heading's wrapped rest would be a short open line)
                # (one numbering mark only: "二、相关建议（一）……的问题" is two headings run into a body paragraph,
                # which the blank-line text keeps as one paragraph too)
                and not (prev_line is cur and HEADING_START.match(prev_line) and _HEADING_END.search(prev_line)
                         and not re.search("[。！？；]", prev_line) and len(_MARK.findall(prev_line)) <= 1
                         and (len(ln) >= full or _ends_sentence(ln)))
                # a numbered line opens a paragraph, unless the line before filled the whole width (the wrap
                # fell on "2." inside a run-in list: "……。2.宣传和信息……") and it is no heading line of its own
                and (not HEADING_START.match(ln) or ((run_in_shi if _SHI.match(ln) else run_in)
                                                     and len(prev_line) >= width and not ln.startswith("#")
                                                     and not _HEADING_END.search(ln)
                                                     and (len(ln) >= full or re.search("[。！？；]", ln) is not None)))
            )
            if wrapped:
                cur += _wrap_joiner(cur, ln, mechanical, len(prev_line) >= width) + ln  # type: ignore[operator]
                continue
            paras.append(cur)
        cur = ln
    if cur:
        paras.append(cur)
    return "\n\n".join(piece for para in paras for piece in _cut_fused_heading(para))
