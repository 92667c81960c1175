r"""The one rule set for the numbering of Chinese official documents (GB/T 9704 and common practice).

第X部分 / 第X编 > 第X章 > 第X节 > 第X条 > 一、 > （一） > 1. > （1） > 1） > ①. Each *style* has one pattern here;
both heading parsers build their expressions from it — :mod:`topicmine.text.outline` (line-start headings,
levels by first appearance: segmentation and search) and :mod:`topicmine.text.structure` (run-in numbering
inside paragraphs as well, GB/T 9704 ranks: drafting) — so they cannot disagree on what a number is.

>>> import re
>>> [bool(re.fullmatch(STYLE_PATTERNS["cn"], s)) for s in ("三、", "十二、", "一一、")]
[True, True, False]
>>> bool(re.match(STYLE_PATTERNS["ar"], "1.5亿元")), bool(re.match(STYLE_PATTERNS["ar"], "1.加强"))
(False, True)
>>> bool(re.match(STYLE_PATTERNS["cn"], "一、二类"))          # an enumeration of numerals, not a heading
False
"""

from __future__ import annotations

__all__ = ["CN_NUMERAL", "BIG_NUMERAL", "DIGITS", "STYLE_PATTERNS", "CANONICAL", "DI_STYLES", "DRAFT_RANKS",
           "QUOTE_DEPTHS", "style_alternation"]

#: 一 … 九十九 (a well-formed Chinese numeral, not any run of numeral characters)
CN_NUMERAL = "(?:[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])"
#: the numeral of 第一百二十三条 / 第3章
BIG_NUMERAL = "[零〇一二三四五六七八九十百千两0-9０-９]{1,7}"
#: 1 … 99, ASCII or full-width
DIGITS = "[0-9０-９]{1,2}"

#: style → pattern of its number token (what a heading starts with)
STYLE_PATTERNS: dict[str, str] = {
    "bufen": rf"第{BIG_NUMERAL}部分",
    "bian": rf"第{BIG_NUMERAL}编",
    "zhang": rf"第{BIG_NUMERAL}章",
    "jie": rf"第{BIG_NUMERAL}节",
    "tiao": rf"第{BIG_NUMERAL}条",
    # 一、 but not 一、二、三级 / 一、二类 / 一、二季度 (an enumeration of numerals)
    "cn": rf"{CN_NUMERAL}、(?!{CN_NUMERAL}[、类级等档期批线季])",
    "cnp": rf"[（(]{CN_NUMERAL}[）)]",
    # 1. 1、 1． but not 1.5亿元, 2、3月份, 1...
    "ar": rf"{DIGITS}(?:[.．](?![0-9０-９.．])|、(?![0-9０-９]))",
    "arp": rf"[（(]{DIGITS}[）)]|[⑴-⒇]",
    "arh": rf"{DIGITS}[）)]",
    "circ": r"[①-⑳]",
    # 一是 / 二是: a run-in enumeration inside a paragraph (no heading style of GB/T 9704; drafting renumbers it)
    "shi": rf"{CN_NUMERAL}是",
}

#: canonical nesting of the styles (outer first)
CANONICAL: tuple[str, ...] = ("bufen", "bian", "zhang", "jie", "tiao", "cn", "cnp", "ar", "arp", "arh", "circ")
#: the 第X… styles (they need a separator after the number to be a heading: see outline)
DI_STYLES = frozenset(("bufen", "bian", "zhang", "jie", "tiao"))

#: GB/T 9704 §7.3.3 ranks as drafting reads a report (一、 > （一） > 1. > （1）): the styles a 调研报告
#: uses, grouped by rank (第X部分 and 第X章 open a report's top level like 一、)
DRAFT_RANKS: tuple[tuple[float, tuple[str, ...]], ...] = (
    (1.0, ("bufen", "zhang", "cn")),
    (2.0, ("cnp",)),
    (3.0, ("ar",)),
    (4.0, ("arp", "circ")),
)


#: depths of the numbering a quoted item may open with, as a draft renumbers its quotes (GB/T 9704 order,
#: then 一是 and ①): each depth counts from 一/1 again and restarts under a shallower one
QUOTE_DEPTHS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("cn",)),
    (2, ("cnp",)),
    (3, ("ar",)),
    (4, ("arp", "arh")),
    (5, ("shi",)),
    (6, ("circ",)),
)


def style_alternation(styles: tuple[str, ...] | list[str], *, named: bool = True) -> str:
    """``(?P<cn>…)|(?P<cnp>…)…`` for ``styles`` (or unnamed groups with ``named=False``).

    >>> import re
    >>> re.match(style_alternation(["cn", "cnp"]), "（二）加强监管").lastgroup
    'cnp'
    """
    if named:
        return "|".join(f"(?P<{s}>{STYLE_PATTERNS[s]})" for s in styles)
    return "|".join(f"(?:{STYLE_PATTERNS[s]})" for s in styles)
