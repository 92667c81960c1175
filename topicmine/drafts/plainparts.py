"""The parts of a proposal written without part labels, found by their content.

Many members write a 提案 as plain paragraphs: the situation, then what is wrong, then the measures, with no
调研情况 / 问题分析 / 具体建议 line. Such a text still has 情况、分析、具体的建议 (全国政协提案工作条例第十五条);
this module says where each part sits, so the checks judge it by what it says, not by its labels.

Where the suggestions start (the first of these after some text that states the situation or the problem):

- a lead-in sentence: "为此建议：", "因此建议：", "现提出如下建议：", "建议如下：", "……，建议借助心理学手段开展如下工作：",
  "对策建议", "几点建议";
- a numbered run whose items open with an ask ("1、建议银监会对……", "一、加大宣传力度……", "（一）完善……",
  "一是组成专门工作班子……", "第一，建立……"), while a run that lists problems ("1、近年来，承兑汇票……",
  "（2）由于驾车人认知能力所限导致的车祸") is analysis;
- a sentence opening with 建议 ("建议省委宣传部促成……", "因此我建议，……"), or a paragraph opening with an ask that
  runs on into 一是/二是 ("从省级层面切实加大组织推进力度……具体，一是……二是……").

A cue other than a lead-in counts only when the text from it to the end reads as measures (most of its sentences
call for action, fewer name problems), so a list of problems in the analysis never becomes the suggestions.
Before the suggestions, sentences naming a problem (不足、缺乏、滞后、难以……) are the analysis, and what comes
before the first of them is the situation.

Example (jszx2019_dev row 3, its labels taken away)::

    >>> t = ("国家支持民营企业融资出台的政策众多。但民营企业普遍反映实际受益有限，融资难、融资贵仍然普遍存在。\\n"
    ...      "究其原因，这些政策大多为指导性文件，缺乏可操作的刚性措施。\\n"
    ...      "1、建议银行业监管机构从严要求，对开具承兑票据的占比数量予以制度性约束。"
    ...      "2、建议银监会对银行业加大业务规制、指导力度，规范金融顾问费用的收取。")
    >>> p = plain_parts(t)
    >>> t[p.suggestion[0][0]:p.suggestion[0][0] + 9]
    '1、建议银行业监管'
    >>> [t[a:b][:6] for a, b in p.items]
    ['1、建议银行', '2、建议银监']
    >>> bool(p.problem), bool(p.situation)
    (True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from topicmine.drafts.records import ReportAnalysis, SuggestionUnit

__all__ = ["PlainParts", "add_plain_units", "plain_parts", "pieces"]

_CN = "一二三四五六七八九十"
#: an item's number at the start of a piece
ITEM_RE = re.compile(
    rf"^(?:[（(][{_CN}\d]{{1,3}}[）)]|[{_CN}]{{1,3}}[、.．，,]|\d{{1,2}}[、.．)）](?!\d)|[{_CN}]{{1,2}}是|"
    rf"第[{_CN}]{{1,2}}[，,、]|[①-⑩]|首先[，,]?|其次[，,]?|再次[，,]?|最后[，,]|其[{_CN}][，,、])"
)
#: where an item starts inside a sentence: after a colon or semicolon (any number), after a comma (一是/第一)
_INNER_ITEM_RE = re.compile(
    rf"(?<=[：:；;])\s*(?=[（(][{_CN}\d]{{1,3}}[）)]|[{_CN}]{{1,3}}、|\d{{1,2}}[、.．](?!\d)|[{_CN}]{{1,2}}是|第[{_CN}]{{1,2}}[，,、])"
    rf"|(?<=[，,])\s*(?=[{_CN}]{{1,2}}是|第[{_CN}]{{1,2}}[，,、])"
)
#: the first item of a run ("1、", "一、", "（一）", "一是", "第一，", "首先")
FIRST_ITEM_RE = re.compile(r"^(?:[（(][一1][）)]|[一1][、.．，,)）]|一是|第一|首先|其一|①)")
#: a sentence that asks: "建议……", "为了……，建议各级……", "因此我建议，……", "提议……" (not "建议的", "建议书")
_ASK_SENTENCE_RE = re.compile(r"^(?:[^。；]{0,60}?[，,])?(?:因此|为此|所以|特此)?(?:我们?|本人|本案)?(?:强烈)?(?:建议|提议|呼吁)(?![的书权])")
#: a sentence that leads into the measures
LEAD_RE = re.compile(
    r"(?:为此|因此|对此|据此|基于此|鉴于此|综上)[^。；\n]{0,30}建议"
    r"|建议(?:如下|[^。；\n]{0,40}(?:如下|以下|几点|几个方面|方面)[^。；\n]{0,12}[：:])"
    r"|(?:提出|特提)(?:如下|以下|[^。；\n]{0,16}几点)[^。；\n]{0,6}建议"
    r"|(?:本提案|现)[^。；\n]{0,20}提出[^。；\n]{0,12}(?:措施|办法|对策)"
    r"|(?:对策|相关|有关|几点|政策)建议"
    r"|建议[：:]\s*$|建议[：:]"
)
#: verbs an ask opens with (after an item's number, a subject like "政府" or an adverb)
ASK_VERB = (r"建议|提议|加快|加强|加大|推进|推动|完善|健全|建立|建设|构建|强化|提高|提升|优化|出台|制定|修订|设立|实施|开展|"
            r"落实|鼓励|支持|引导|规范|明确|扩大|增加|深化|发挥|培育|打造|统筹|整合|探索|实行|推行|推广|降低|减轻|保障|"
            r"做好|抓好|用好|重视|坚持|成立|组建|组成|设置|配备|纳入|列入|拓宽|拓展|畅通|延长|调整|加速|促进|着力|聚焦|"
            r"依托|借助|运用|利用|保护|正视|传承|优先|继续|增强|营造|凸显|突出|注重|严格|禁止|取消|简化|放宽|开放|"
            r"全额|全面|大力|切实|积极|尽快|进一步|多渠道|努力|主动|率先|逐步|抓紧|集中|合理|科学|精准|"
            r"将|把|由|通过|确立|确保|形成|提供|给予|实现|增设|配齐|补齐|普及|拉开|顺势|固本|以点带面|"
            r"要|应|需|须|必须|可以|可|应当|亟须|迫切需要|希望")
_ASK_OPEN_RE = re.compile(rf"^(?:[^，。；：]{{0,4}}?)(?:{ASK_VERB})")
#: an ask anywhere in a sentence (the test that a stretch reads as measures)
_ASK_RE = re.compile(
    r"建议|提议|应当|应该|要|需|须|必须|加强|加大|加快|建立|健全|完善|出台|制定|设立|推进|推动|推广|落实|实施|开展|强化|"
    r"提高|提升|鼓励|支持|引导|规范|明确|增加|扩大|优化|整合|简化|取消|纳入|探索|试点|设置|配备|组织|督促|严格|打击|保障|"
    r"构建|打造|培育|统筹|深化|发挥"
)
#: words that name a problem (the analysis)
PROBLEM_RE = re.compile(r"问题|不足|短板|困难|滞后|缺乏|缺少|不够|薄弱|难以|不高|不强|不完善|不健全|不到位|制约|瓶颈|隐患|"
                        r"矛盾|不规范|不均衡|不平衡|偏低|偏少|较少|缺失|原因|差距|风险|挑战|症结|严重|突出|困扰|无法|不能|"
                        r"尚未|未能|有待|亟待|待提升|待加强|待提高|待完善|受制|乏力|不畅|不明|不清|堪忧|负担|压力|落后|缺位|困境")
#: the words check-draft counts as naming a problem in a labelled draft's 调研情况 (two in a passage make it analysis)
PROBLEM_CUE_WORDS = (r"问题|不足|短板|困难|滞后|缺乏|缺少|不够|薄弱|难以|不高|不强|不完善|不健全|不到位|制约|瓶颈|"
                     r"隐患|矛盾|不规范|不均衡|不平衡|偏低|偏少|较少|缺失|原因")
#: the analysis' cue words in an unlabelled draft: the same list, so it is read no more leniently than a labelled one,
ANALYSIS_CUES = re.compile(PROBLEM_CUE_WORDS + r"|"
                           # and words that only say what is wrong ("受制于产能置换……困难重重，甚至项目进度无法预期")
                           r"受制|无法|未能|尚未|有待|亟待|落后|缺位|困境|不畅|乏力|很难|缺口")
#: words that open a problem item ("由于驾车人……导致", "近年来，……")
_PROBLEM_OPEN_RE = re.compile(r"^(?:[^，。]{0,6})(?:由于|因为|近年来|目前|当前|随着|部分|一些|有的|个别|存在)")


@dataclass
class PlainParts:
    """Spans (offsets into the text given) of an unlabelled proposal's parts; empty lists where not found."""

    situation: list[tuple[int, int]] = field(default_factory=list)
    problem: list[tuple[int, int]] = field(default_factory=list)
    suggestion: list[tuple[int, int]] = field(default_factory=list)
    items: list[tuple[int, int]] = field(default_factory=list)  # the measures, one span each
    cue: str = ""  # what opened the suggestions: "lead" | "items" | "ask" | ""

    @property
    def start(self) -> int | None:
        return self.suggestion[0][0] if self.suggestion else None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in " \t\r\n\u3000\xa0":
        a += 1
    while b > a and text[b - 1] in " \t\r\n\u3000\xa0":
        b -= 1
    return a, b


def pieces(text: str) -> list[tuple[int, int]]:
    """Sentences of ``text`` (cut after 。！？ and at line breaks), each cut again where a numbered item starts
    after a colon or semicolon ("建议：1、……") or an 一是 after a comma ("具体，一是……").

    >>> t = "主要表现有三：1、投入不足；2、人才缺乏。\\n具体，一是加大投入。二是引进人才。"
    >>> [t[a:b] for a, b in pieces(t)]
    ['主要表现有三：', '1、投入不足；', '2、人才缺乏。', '具体，', '一是加大投入。', '二是引进人才。']
    """
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^。！？!?\n]+[。！？!?]*[”」』）)]?|\n", text):
        a, b = _trim(text, m.start(), m.end())
        if b <= a:
            continue
        cuts = [a] + [x.end() for x in _INNER_ITEM_RE.finditer(text, a, b) if a < x.end() < b] + [b]
        for x, y in zip(cuts, cuts[1:]):
            x, y = _trim(text, x, y)
            if y > x:
                out.append((x, y))
    return out


def _bare(s: str) -> str:
    return ITEM_RE.sub("", s.strip(), count=1).strip()


#: what may come before an ask's verb: a place in the process ("在省自然科学基金项目申报中") or the body that acts
#: ("江苏省卫健委", "各级政府")
_ASK_FRAME_RE = re.compile(r"^(?:在[^，。；：]{1,16}(?:中|上|里|方面|领域|期间|阶段)[，,]?|"
                           r"[^，。；：]{1,10}(?:委|厅|局|部门|政府|办|院|会|中心|单位|企业|学校)(?:要|应)?)")


def _asks(s: str) -> bool:
    """A piece that opens with an ask (after its number, a short subject or an adverb)."""
    b = _bare(s)
    framed = _ASK_FRAME_RE.sub("", b, count=1)
    if framed != b and _ASK_OPEN_RE.match(framed) and not PROBLEM_RE.search(re.split(r"[，。；：,;:]", framed, maxsplit=1)[0]):
        return True
    head = re.split(r"[，。；：,;:]", b, maxsplit=1)[0]
    if PROBLEM_RE.search(head) and not re.match(r"建议|提议", b):
        return False
    if _PROBLEM_OPEN_RE.match(b):
        return False
    return bool(_ASK_OPEN_RE.match(b))


def _reads_as_measures(text: str, ps: list[tuple[int, int]], share: float = 0.6) -> bool:
    """Most pieces call for action (at least ``share``; a 具体建议 part of the Jiangsu proposals: 0.67 at its
    10th percentile, an analysis part 0.5 at its median) and few name a problem (≤ 0.35; 具体建议 0.33 at
    its 90th percentile, 问题分析 0.5 at its median)."""
    if not ps:
        return False
    ask = sum(1 for a, b in ps if _ASK_RE.search(text[a:b]))
    prob = sum(1 for a, b in ps if PROBLEM_RE.search(text[a:b]))
    return ask >= share * len(ps) and prob <= 0.35 * len(ps)


def _chars(text: str, a: int, b: int) -> int:
    return len(re.sub(r"\s", "", text[a:b]))


def _cue(text: str, ps: list[tuple[int, int]], i: int) -> str:
    """Which cue (if any) opens the suggestions at piece ``i``."""
    a, b = ps[i]
    s = text[a:b]
    lead = LEAD_RE.search(s)
    if lead and (s.rstrip().endswith(("：", ":")) or re.search(r"建议[：:]", s) or ITEM_RE.match(s[lead.end():].strip())
                 or i + 1 < len(ps) and ITEM_RE.match(text[ps[i + 1][0]:ps[i + 1][1]])):
        return "lead"
    if _ASK_SENTENCE_RE.match(_bare(s)) and len(_bare(s)) >= 12:
        return "ask"
    if ITEM_RE.match(s) and FIRST_ITEM_RE.match(s) and _asks(s):
        # a numbered run of asks: most of the numbered items from here on ask, two at least
        run = [text[x:y] for x, y in ps[i:] if ITEM_RE.match(text[x:y])]
        asking = sum(1 for x in run if _asks(x))
        if asking >= 2 and asking >= 0.5 * len(run):
            return "items"
    # a paragraph opening with an ask that runs into 一是/二是 ("从省级层面切实加大……。具体，一是……")
    if (_asks(s) or re.match(r"从[^，。]{1,8}(?:层面|角度|方面)", s)) and (i == 0 or text[ps[i - 1][1]:a].count("\n")):
        para_end = text.find("\n", b)
        para_end = len(text) if para_end < 0 else para_end
        heads = [x for x, y in ps[i + 1:] if x < para_end and re.match(rf"[{_CN}]{{1,2}}是", text[x:y])]
        if len(heads) >= 2 and sum(_asks(text[x:para_end]) for x in heads) >= 2:
            return "items"
    return ""


def _items(text: str, ps: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The measures of the suggestion pieces: each numbered item with the sentences under it; without
    numbers, each piece that asks."""
    numbered = [k for k, (a, b) in enumerate(ps) if ITEM_RE.match(text[a:b])]
    out: list[tuple[int, int]] = []
    if len(numbered) >= 2:
        for k, j in enumerate(numbered):
            end = numbered[k + 1] if k + 1 < len(numbered) else len(ps)
            out.append((ps[j][0], ps[end - 1][1]))
        return out
    return [(a, b) for a, b in ps if _ASK_RE.search(text[a:b]) and _chars(text, a, b) >= 8]


def _paragraphs(text: str, ps: list[tuple[int, int]], max_chars: int = 220) -> list[tuple[int, int]]:
    """Pieces joined into passages: within a paragraph, up to ``max_chars`` (as the analysis cuts passages)."""
    out: list[tuple[int, int]] = []
    for a, b in ps:
        if out and "\n" not in text[out[-1][1]:a] and b - out[-1][0] <= max_chars:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def plain_parts(text: str, min_before: int = 40) -> PlainParts:
    """Situation, analysis and suggestions of an unlabelled proposal body (see the module's docstring).

    ``min_before``: characters of situation or analysis the suggestions must follow (a text that opens with
    its measures has no situation to find here).
    """
    ps = pieces(text)
    start = None
    cue = ""
    for i, (a, _b) in enumerate(ps):
        if _chars(text, 0, a) < min_before:
            continue
        c = _cue(text, ps, i)
        if not c:
            continue
        rest = ps[i + 1:] if c == "lead" else ps[i:]
        if c == "ask" and _chars(text, a, ps[-1][1]) < 60:
            continue  # one closing ask after the analysis is no part of measures (the analysis' units still count)
        if _reads_as_measures(text, rest, 0.5 if c == "lead" else 0.6):
            start, cue = i, c
            break
    if start is None:
        return PlainParts()
    sugg_ps = ps[start:]
    # a lead-in alone on its line ("为此建议：") is the measures' heading, not a measure
    body_ps = [p for p in sugg_ps if not (LEAD_RE.search(text[p[0]:p[1]]) and text[p[0]:p[1]].rstrip().endswith(("：", ":"))
                                          and _chars(text, *p) < 40)]
    items = _items(text, body_ps)
    before = ps[:start]
    # the analysis: paragraphs naming problems twice or more (one word in passing, "群众反映的问题", is no analysis)
    paras = _paragraphs(text, before)
    problem = [p for p in paras if len(ANALYSIS_CUES.findall(text[p[0]:p[1]])) >= 2]
    first_prob = problem[0][0] if problem else None
    situation = [p for p in paras if first_prob is None or p[0] < first_prob]
    if not situation and len(before) >= 3 and _chars(text, *before[0]) >= 15:
        # the opening sentence of an unlabelled draft states the situation even when it names a problem
        situation = [before[0]]
        problem = [(max(a, before[1][0]), b) for a, b in problem if b > before[1][0]]
    return PlainParts(situation=situation, problem=problem, suggestion=[(sugg_ps[0][0], sugg_ps[-1][1])],
                      items=items, cue=cue)


def add_plain_units(analysis: ReportAnalysis, plain: PlainParts) -> list[SuggestionUnit]:
    """Add the measures ``plain`` found to ``analysis.units`` (kept in order; an item overlapping a unit the
    analysis already has is left out) and return the units added. Offsets are those of ``analysis.text``."""
    have = [(u.start, u.end) for u in analysis.units]
    added = []
    for k, (a, b) in enumerate(plain.items, 1):
        if any(a < y and x < b for x, y in have):
            continue
        added.append(SuggestionUnit(id=f"p{k}", start=a, end=b, text=analysis.text[a:b], marker="plain", section=None))
    if added:
        analysis.units[:] = sorted([*analysis.units, *added], key=lambda u: u.start)
    return added
