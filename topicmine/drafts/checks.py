"""Checks on any draft (generated here or written by a member) against the genres' official rules.

Each :class:`Check` says what is wrong, which rule it follows and where (character spans into the text
checked). Rules cited (see ../shared/DOMAIN.md):

- 全国政协提案工作条例第十五条: 提案须一事一案，实事求是，简明扼要，做到有情况、有分析、有具体的建议;
- 全国政协提案工作条例 不予立案情形: 内容空泛、没有具体建议的; 为本人或亲属解决个人问题的; 宣传、推介具体作品、
  产品的; 属于学术研讨的;
- 社情民意信息: 一事一报, 篇幅一般不超过 1,500 字;
- systems cap a proposal body around 2,500 字 (typical 800–1,500).

    >>> r = check_draft("关于加强学校周边交通安全的提案\\n调研情况：近年来学校周边交通事故时有发生。\\n"
    ...                 "问题分析：接送车辆乱停乱放，缺少护学岗。\\n具体建议：")
    >>> r.passed, [c.name for c in r.failed()]
    (False, ['structure', 'concrete_suggestions'])
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from topicmine.drafts.analyze import (
    DEFAULT_LEXICON,
    Lexicon,
    ReportAnalysis,
    analyze_report,
)
from topicmine.drafts.departments import (
    DepartmentDict,
    load_departments_for_level,
    report_level,
)
from topicmine.drafts.coherence import Embed, meaning_result
from topicmine.drafts.genre import ACTION_RE, SLOGAN_RE, normalize_genre, suggest_genre
from topicmine.drafts.checktypes import (
    PROPOSAL_SHORT,
    PROPOSAL_TYPICAL,
    PLACEHOLDER,
    RULE_15,
    RULE_OPINION,
    RULES,
    Check,
    CheckReport,
)
from topicmine.drafts.grounds import (
    TITLE_ADVICE as _TITLE_ADVICE,
    duplicate_check,
    ground_checks as _ground_checks,
    on_topic,
    reporter_check as _reporter_check,
    unfilled as _unfilled,
    vague_rule as _vague_rule,
)
from topicmine.drafts.halves import TITLE_RATE_SHARE, title_gap, title_words
from topicmine.drafts.matters import MatterSide, OneMatterResult, one_matter, part_spans, province_word
from topicmine.drafts.objects import broad_tie as _broad_tie, objects_why
from topicmine.drafts.pieces import manner_words, measure_count
from topicmine.drafts.plainparts import PROBLEM_CUE_WORDS, add_plain_units, plain_parts
from topicmine.drafts.unit_asks import charge_sentences

# --------------------------------------------------------------------------------------------------------
# draft parsing
# --------------------------------------------------------------------------------------------------------

_TITLE_LINE_RE = re.compile(r"^\s*(?:案由[：:]\s*)?(关于.{2,60}|.{2,60}(?:提案|建议案|建议|意见|情况反映|社情民意信息?))\s*$")
#: lines of a form, not of the body: "提案人：……", "反映人及单位：……", "主送：……" (also in the tool's own .docx)
FORM_LINE_RE = re.compile(r"^[ \t\u3000>]*(?:提案人|领衔提案人|联名提案人|附议人|界别|联系方式|联系电话|通讯地址|建议承办单位|承办单位|"
                          r"主送|抄送|落款|日期|反映人及单位|反映人|报送单位|签发|编号|提案号|类别|文种)[：:][^\n]*$", re.M)
#: a line that is only the genre's label ("提案", "社情民意信息") above the title, as in the exported .docx
_LABEL_LINE_RE = re.compile(r"^\s*(?:提案|建议案|社情民意信息|社情民意|情况反映|政协[\u4e00-\u9fff]{0,12}委员会(?:文件)?|第?\s*\d+\s*号|"
                            r"[\u4e00-\u9fff]{0,12}政协[\u4e00-\u9fff]{0,20}(?:会议|提案|社情民意信息))\s*$")
#: a note split writes into a draft (the length budget's), a line of its own in full-width brackets
_TOOL_NOTE = re.compile(r"(?m)^（篇幅所限[^\n]*）$")
_PART_HEAD_RE = re.compile(r"^(?:[一二三四五六七八九十]、)?\s*(?:案由|调研情况|基本情况|情况|问题分析|存在问题|问题及原因|原因分析|具体建议|"
                           r"意见建议|对策建议|主要问题|建议)[：:]?\s*$")


_REVIEW_RE = re.compile(r"(?m)^[ \t>*#-]*审核提示[ \t*]*$")


def blank_form_lines(text: str) -> str:
    """``text`` with form lines (提案人：…, 反映人：…, 主送：…) replaced by spaces, so offsets stay valid."""
    out = FORM_LINE_RE.sub(lambda m: " " * len(m.group(0)), text)
    # a part still to be written ("调研情况：【请填写】……") is no content of that part
    out = re.sub(r"(?m)^[^\n]*" + re.escape(PLACEHOLDER) + r"[^\n]*$", lambda m: " " * len(m.group(0)), out)
    # the .md a split writes ends with its check results ("审核提示"): not part of the draft
    m = _REVIEW_RE.search(out)
    if m:
        out = out[: m.start()] + re.sub(r"[^\n]", " ", out[m.start():])
    return out


def split_title(text: str, title: str | None = None) -> tuple[str | None, tuple[int, int] | None, int]:
    r"""(title, title span or None, body start). The first line that is not a label or form line counts as
    the title when it reads as one: "关于……的提案", or a plain statement of the matter (社情民意信息:
    "无人机在居民小区上空盘旋拍摄扰民问题应引起重视") — a short line without closing punctuation.

    >>> split_title("提案\n关于加强城市低空无人机飞行安全监管的提案\n提案人：【请填写】\n调研情况：……")[0]
    '关于加强城市低空无人机飞行安全监管的提案'
    """
    if title is not None:
        pos = text.find(title)
        if 0 <= pos < 40:
            return title, (pos, pos + len(title)), pos + len(title)
        return title, None, 0
    pos = 0
    for m in re.finditer(r"[^\n]*(?:\n|$)", text):
        raw = m.group(0)
        line = raw.strip()
        if m.start() >= len(text) or m.start() > 400:
            break
        if not line or _LABEL_LINE_RE.match(line) or FORM_LINE_RE.match(line):
            pos = m.end()
            continue
        more = text[m.end():].strip()
        if (len(line) <= 60 and more and not re.search(r"[。！？；;，,]$", line) and not _PART_HEAD_RE.match(line)
                and (_TITLE_LINE_RE.match(line) or (len(line) <= 40 and "。" not in line))):
            start = m.start() + raw.find(line)
            t = re.sub(r"^案由[：:]\s*", "", line)
            return t, (start + (len(line) - len(t)), start + len(line)), m.end()
        break
    return None, None, pos if pos < len(text) else 0


@dataclass
class _Parts:
    situation: list[tuple[int, int]]
    problem: list[tuple[int, int]]
    suggestion: list[tuple[int, int]]
    marked: bool  # explicit 调研情况/问题分析/具体建议 markers or block headings were found
    headed: tuple[str, ...] = ()  # which parts had them ("情况", "分析", "建议")


_PROBLEM_CUES = re.compile(PROBLEM_CUE_WORDS)


def _parts(text: str, analysis: ReportAnalysis, offset: int) -> _Parts:
    """Where situation, analysis and suggestions sit (spans relative to the full text)."""
    sit, prob, sugg = [], [], []
    marked = False
    headed: list[str] = []
    for s in analysis.sections:
        if s.kind in ("situation", "problem", "suggestion") and (s.parent is None or analysis.sections[s.parent].kind
                                                                   in (None, "matter")):
            marked = True
            headed.append({"situation": "情况", "problem": "分析", "suggestion": "建议"}[s.kind])
            span = (s.start + offset, s.end + offset)
            {"situation": sit, "problem": prob, "suggestion": sugg}[s.kind].append(span)
    plain = None
    if not sugg:
        # no 具体建议 heading: where the measures start, read from the content (a numbered run of asks, "为此建议：",
        # 一是/二是 after the analysis; :mod:`topicmine.drafts.plainparts`). Its measures join the analysis' units, so
        # the concrete-suggestion check reads the items an unlabelled draft lists ("1、建议银监会对……")
        plain = plain_parts(analysis.text)
        if plain.suggestion:
            sugg = [(a + offset, b + offset) for a, b in plain.suggestion]
            add_plain_units(analysis, plain)
    units = [(u.start + offset, u.end + offset) for u in analysis.units]
    if not sugg and units:
        sugg = units
    first_sugg = min((a for a, _ in sugg), default=len(text))
    # parts without a heading: unlabelled passages before the suggestions (situation first; analysis
    # where problem cues appear), so a proposal written as plain paragraphs is judged by its content
    pre = [p for p in analysis.passages if p.start + offset < first_sugg]
    if not sit:
        sit = [(p.start + offset, p.end + offset) for p in pre if p.kind == "situation"
               and not any(x <= p.start + offset < y for x, y in prob)]
    if plain is not None and plain.suggestion:
        # measures found by content: the analysis is what names problems twice or more, as with a labelled 调研情况
        sit = sit + [(a + offset, b + offset) for a, b in plain.situation]
        prob = prob or [(a + offset, b + offset) for a, b in plain.problem]
    if not prob and not (plain is not None and plain.suggestion):
        prob = [(p.start + offset, p.end + offset) for p in pre if p.kind == "problem"]
    if not prob:
        prob = [(p.start + offset, p.end + offset) for p in pre if len(_PROBLEM_CUES.findall(p.text)) >= 2]
    if not sit and len(pre) >= 2 and (pre[0].start + offset, pre[0].end + offset) in prob:
        # the opening paragraph of an unmarked draft states the situation even when it names a problem
        first = (pre[0].start + offset, pre[0].end + offset)
        sit, prob = [first], [x for x in prob if x != first]
    return _Parts(sit, prob, sugg, marked, tuple(dict.fromkeys(headed)))


def _span_chars(text: str, spans: list[tuple[int, int]]) -> int:
    covered = np.zeros(len(text) + 1, dtype=bool)
    for a, b in spans:
        covered[a:b] = True
    return int(sum(1 for i in np.flatnonzero(covered) if i < len(text) and not text[i].isspace()))


# --------------------------------------------------------------------------------------------------------
# the checks
# --------------------------------------------------------------------------------------------------------

def _one_matter(text: str, body_start: int, g: str, lex: Lexicon, ignore: frozenset[str] = frozenset(),
                title: str | None = None) -> Check:
    """一事一案 / 一事一报 at any number of items (see :mod:`topicmine.drafts.matters`)."""
    return _one_matter_found(text, body_start, g, lex, ignore, title)[0]


def _one_matter_found(text: str, body_start: int, g: str, lex: Lexicon, ignore: frozenset[str] = frozenset(),
                      title: str | None = None, embed: Embed | None = None) -> tuple[Check, OneMatterResult]:
    """The one-matter check and the result it came from (its sides' spans are offsets into the body)."""
    # the tool's own notes ("（篇幅所限，报告中另有3段相关内容未写入：“……”）") quote the openings of other passages:
    # not the draft's text, so never a second matter (same length: every span still points into the text)
    body = _TOOL_NOTE.sub(lambda m: " " * len(m.group(0)), text[body_start:])
    # section headings ("一、调研情况") and the 案由 line are the tool's own words, not the matter's
    # (the title repeated under 一、案由 too: it is the name of the matter, not a part of it that could be a second one)
    tline = (title or "").strip()
    masked = re.sub(r"(?m)^[^\n]*$", lambda m: " " * len(m.group(0)) if _PART_HEAD_RE.match(m.group(0).strip())
                    or (tline and m.group(0).strip() == tline) else m.group(0), body)
    # the draft's parts, from its part lines ("二、调研情况") before they are masked, or from inline labels
    parts = _part_lines(body)
    r = one_matter(masked, lexicon=lex, ignore=ignore, title=title or "", parts=parts)
    if r.single and r.reason != "short" and title and g != "motion":
        # the title's words stop in every part at once (each part: the first matter's text, then another's): the
        # verdict itself, so "✓ 一事一案" never stands above a title check that found the second matter (a blind
        # read). Without part labels one_matter weighs this with the words the two stretches share.
        labelled = _body_parts(body)
        gap = title_gap(body, title, labelled, ignore, lex) if labelled else None
        if gap is not None:
            r = _cover_result(body, gap, lex, r.ratio)
    if r.single and r.reason != "short" and title and g != "motion" and embed is not None:
        # two proposals of one field merged part by part share their words; their sentences' meanings still part
        r = meaning_result(masked, _body_parts(body), title, embed, lex, r.ratio) or r
    rule = RULES[g]
    if r.single:
        return Check("one_matter", True, f"全文围绕同一事项（{'一事一报' if g == 'opinion' else '一事一案'}）。"), r
    topics = "；".join("、".join(sd.terms) or "（未命名）" for sd in r.sides)
    why = ("正文出现两套“情况—问题—建议”，像是两件稿件拼在一起" if r.reason == "form"
           else "标题并列了两个对象，正文的建议分别只针对其中一个，且应由不同部门办理" if r.reason == "title"
           else "建议部分有两组各自从头编号的建议，所说的事各不相同" if r.reason == "restart"
           else "建议虽连续编号，前后两段所说的事各不相同，情况和问题也分成前后两段各说一事" if r.reason == "straight"
           else "情况、问题、建议各部分都是前半段说一件事、后半段说另一件事，像是两件稿件逐段拼在一起" if r.reason == "parallel"
           else "正文后一段另说一事：标题所说的事在其中没有再出现，前后两段用词也少有交集，像是两件稿件前后拼在一起"
           if r.reason == "title_gap"
           else "情况、问题、建议各部分的后半段都不再说标题所说的事，而另说一事，像是两件稿件逐段拼在一起"
           if r.reason == "cover"
           else "按句意，情况、问题、建议各部分的后半段与前半段说的是同一领域的另一件事，后半段的建议已不针对标题所说的事，"
           "像是两件稿件逐段拼在一起" if r.reason == "meaning"
           else objects_why(r) if r.reason == "objects"
           else _broad_tie(body, title or "", r, lex, ignore) or "各部分的用词几乎没有交集")
    spans = [(a + body_start, b + body_start) for a, b in r.sides[-1].spans][:10]
    return Check("one_matter", False,
                 f"包含 {len(r.sides)} 个不同事项（{topics}）：{why}。请拆分为{rule['split']}，每件只写一个事项。"
                 f"依据：{rule['one']}。", spans), r


def _cover_result(body: str, gap: MatterSide, lex: Lexicon, ratio: float) -> OneMatterResult:
    """Two matters: the stretch of every part the title does not name (``gap``, :func:`title_gap`) and the rest."""
    rest: list[tuple[int, int]] = []
    a = 0
    for x, y in sorted(gap.spans):
        if body[a:x].strip():
            rest.append((a, x))
        a = y
    if body[a:].strip():
        rest.append((a, len(body)))
    head = MatterSide(rest, lex.key_terms(" ".join(body[x:y] for x, y in rest), 3),
                      round(sum(y - x for x, y in rest) / max(1, len(body)), 3))
    return OneMatterResult(False, ratio, "cover", [head, gap])


def _part_lines(body: str) -> list[tuple[int, int]] | None:
    """The parts of a draft body after its part lines ("二、调研情况"; not 案由); None without two."""
    heads = [m.end() for m in re.finditer(r"(?m)^[^\n]*$", body)
             if _PART_HEAD_RE.match(m.group(0).strip()) and "案由" not in m.group(0)]
    return list(zip(heads, heads[1:] + [len(body)])) if len(heads) >= 2 else None


def _body_parts(body: str) -> list[tuple[int, int]] | None:
    """The parts of a draft body: after its part lines ("二、调研情况") or its inline labels ("调研情况："); None
    without two."""
    return _part_lines(body) or part_spans(body) or None


def _title_misses_side(body: str, title: str, r: OneMatterResult, ignore: frozenset[str]) -> MatterSide | None:
    """The matter of the body the title does not name: of the sides the one-matter check found, one in which
    the title's specific words occur (almost) never while another side has them (a joined draft under the first
    proposal's title: "关于加快物联网产业发展的建议" over 物联网 + 光伏送苏). None for one matter.

    >>> b = "物联网企业超过两千家。设立物联网产业基金。光伏资源丰富。建设光伏大基地。"
    >>> r = OneMatterResult(False, 0.1, "parallel", [MatterSide([(0, 21)], ["物联网"], 0.5),
    ...                                               MatterSide([(21, 37)], ["光伏"], 0.5)])
    >>> _title_misses_side(b, "关于加快物联网产业发展的建议", r, frozenset()).terms
    ['光伏']
    """
    if r.single or len(r.sides) < 2:
        return None
    named = title_words(title, ignore)
    if not named:
        return None
    # the title's words per piece of each side; a side saying them at most a fifth as often as another (a word
    # in passing) is not named by the title (TITLE_RATE_SHARE, as in the part-by-part one-matter rule)
    rate = [sum(w in body[a:b] for a, b in sd.spans for w in named) / max(1, len(sd.spans)) for sd in r.sides]
    top = max(rate)
    if top <= 0:
        return None
    return next((sd for sd, v in zip(r.sides, rate) if v <= TITLE_RATE_SHARE * top), None)


def one_matter_check(text: str, genre: str, *, title: str | None = None,
                     context_terms: frozenset[str] = frozenset(), lexicon: Lexicon | None = None,
                     embed: Embed | None = None) -> Check:
    """Only the one-matter check of :func:`check_draft` (what split uses to cut a joined draft); with ``embed``
    (sentence vectors) also by meaning (:mod:`topicmine.drafts.coherence`)."""
    title, _, body_start = split_title(text, title)
    return _one_matter_found(blank_form_lines(text), body_start, normalize_genre(genre), lexicon or DEFAULT_LEXICON,
                             context_terms, title, embed)[0]


def detect_genre(text: str, title: str | None, departments: DepartmentDict) -> str:
    """Genre of a draft from explicit markers (title, 案由, 反映人), else the genre features."""
    t = (title or "") + "\n" + text[:200]
    if "建议案" in t:
        return "motion"
    if re.search(r"社情民意|反映人|情况反映", t):
        return "opinion"
    if re.search(r"提案|案由|调研情况[：:]|具体建议[：:]", t):
        return "proposal"
    g = suggest_genre(text, departments=departments).genre
    return "proposal" if g == "keep" else g


def _concrete(text: str) -> bool:
    """True when ``text`` holds a concrete ask and is no slogan with one ask beside it ("统一全县三格化粪池补助标准")."""
    return bool(ACTION_RE.search(text)) and not (SLOGAN_RE.search(text) and len(ACTION_RE.findall(text)) <= 1)


def check_draft(
    text: str,
    genre: str | None = None,
    *,
    title: str | None = None,
    similar: Callable[[str], list[dict[str, Any]]] | None = None,
    departments: DepartmentDict | str | None = None,
    embed: Callable[[list[str]], np.ndarray] | None = None,
    proposal_max_chars: int = 2500,
    opinion_max_chars: int = 1500,
    duplicate_threshold: float = 0.85,
    lexicon: Lexicon | None = None,
    level: str | None = None,
    region: str | None = None,
    context_terms: frozenset[str] = frozenset(),
) -> CheckReport:
    """Check a draft; spans are offsets into ``text``.

    ``genre``: motion / proposal / opinion (or 建议案 / 提案 / 社情民意信息); detected when None.
    ``title``: the title (案由) when it is not the first line of ``text``.
    ``context_terms``: the field of the report a draft was cut from (:func:`~topicmine.drafts.matters.report_terms`),
    left out of the one-matter comparison.
    ``similar``: dedup's ``check`` or any callable returning past items as dicts with ``score`` (0–1),
    optional ``level`` (重复/相近/相关), ``title``, ``id`` and ``category``.
    ``departments``: a :class:`DepartmentDict` (used as is) or the path of the provincial ``departments.txt``;
    with a path the dictionary of the draft's level is used (``level`` 省/市/县, or from ``region``, or
    from the text: "我市" → 市, see :func:`~topicmine.drafts.departments.report_level`).

    >>> r = check_draft("关于为本人子女入学解决户口问题的提案\\n本人在南京工作多年，子女入学因户口问题受阻。"
    ...                 "建议教育局为我家孩子办理入学。")
    >>> [c.passed for c in r.checks if c.name == "personal_matter"]
    [False]
    """
    lex = lexicon or DEFAULT_LEXICON
    level_why = ""
    if isinstance(departments, DepartmentDict):
        dep = departments
    else:
        if level is None:
            level, level_why = report_level(text, region)
        dep = load_departments_for_level(level, departments)
    title, title_span, body_start = split_title(text, title)
    raw_text = text
    text = blank_form_lines(text)  # same length: every span still points into the text given
    body = text[body_start:]
    g = normalize_genre(genre) if genre else detect_genre(raw_text[body_start:], title, dep)
    if g == "keep":
        g = "proposal"
    rule = RULES[g]
    analysis = analyze_report(body, lexicon=lex)
    off = body_start
    parts = _parts(text, analysis, off)
    checks: list[Check] = []
    body_chars = len(re.sub(r"\s", "", body))

    # --- 情况–分析–建议 -------------------------------------------------------------------------------
    sit_c, prob_c, sugg_c = (_span_chars(text, parts.situation), _span_chars(text, parts.problem),
                             _span_chars(text, parts.suggestion))
    missing = [name for name, c in (("情况", sit_c), ("分析", prob_c), ("建议", sugg_c)) if c < 15]
    if g == "motion":
        missing = [m for m in missing if m != "情况"]  # 建议案: 主要问题 + 建议
    names = {"proposal": "调研情况/问题分析/具体建议", "opinion": "基本情况/问题及原因/意见建议", "motion": "主要问题/建议"}[g]
    if missing:
        checks.append(Check("structure", False,
                            f"缺少{'、'.join(missing)}部分：请按“{names}”组织正文，写明{'、'.join(missing)}。"
                            f"依据：{rule['form']}。", [(off, off)] if not parts.suggestion else parts.suggestion[:1]))
    else:
        # only the parts that had a heading are said to have one (a blind reader met "有明确的小标题" on two proposals
        # pasted without any, where only "为此建议：" heads the measures)
        rest = [k for k in ("情况", "分析", "建议") if k not in parts.headed]
        how = ("未使用小标题，按内容识别" if not parts.marked else "有明确的小标题" if not rest
               else f"{'、'.join(parts.headed)}部分有小标题，{'、'.join(rest)}按内容识别")
        checks.append(Check("structure", True, f"情况、分析、建议齐全（{how}）。", parts.suggestion[:1]))

    share = sugg_c / body_chars if body_chars else 0.0
    checks.append(Check(
        "suggestion_share", share >= 0.12,
        f"具体建议占正文 {share:.0%}" + ("。" if share >= 0.12 else "，偏少：情况和分析过长而建议单薄，请压缩背景、充实可操作的建议。"
                                    f"依据：{rule['form']}。"), parts.suggestion[:3], severity="warning"))

    # --- 内容空泛、没有具体建议 ----------------------------------------------------------------------------
    concrete = [u for u in analysis.units if _concrete(u.text)]
    if not analysis.units and not parts.suggestion:
        checks.append(Check("concrete_suggestions", False,
                            "没有找到具体建议：请写出由哪个部门、做什么、怎么做的可操作建议。" + _vague_rule(g),
                            [(len(text), len(text))]))
    elif not concrete and not (not analysis.units and _concrete("\n".join(text[a:b] for a, b in parts.suggestion))):
        # a 建议 part of one unnumbered sentence gives no unit; its own words decide then
        spans = [(u.start + off, u.end + off) for u in analysis.units] or parts.suggestion
        checks.append(Check("concrete_suggestions", False,
                            "建议内容空泛，只有原则性表述，没有可操作的具体措施：请写明具体做法、责任部门或量化目标。"
                            + _vague_rule(g), spans[:5]))
    else:
        # the count a drafter sees is the items the draft has (a reader met "有 1 条具体建议" beside six numbered
        # measures: only one used a verb of the concrete-action list, which decides pass/fail, not the count)
        n = measure_count(analysis, "\n".join(text[a:b] for a, b in parts.suggestion))
        checks.append(Check("concrete_suggestions", True, f"有 {n} 条建议，含可操作的具体措施。",
                            [(u.start + off, u.end + off) for u in concrete[:5]]))

    # --- length ------------------------------------------------------------------------------------------
    if g == "opinion":
        ok = body_chars <= opinion_max_chars
        checks.append(Check("length", ok, f"正文 {body_chars} 字" + ("，符合社情民意信息篇幅要求。" if ok else
                            f"，超过 {opinion_max_chars} 字：请只写一件事，删减背景。依据：{RULE_OPINION}。"),
                            [] if ok else [(off, len(text))]))
    elif g == "proposal":
        lo, hi = PROPOSAL_TYPICAL
        if body_chars > proposal_max_chars:
            # a warning, not an error: filed and accepted proposals run past it (17 of 144 jszx 2019 proposals);
            # the office's own system may still cap the length, so the drafter is told
            checks.append(Check("length", False, f"正文 {body_chars} 字，超过常用上限 {proposal_max_chars} 字：建议压缩至 "
                                f"{lo}–{hi} 字左右（简明扼要；提案系统限制字数的，提交前须压缩）。依据：{RULE_15}。",
                                [(off, len(text))], severity="warning"))
        elif body_chars < 300:
            checks.append(Check("length", False, f"正文仅 {body_chars} 字，难以做到有情况、有分析、有具体建议：请充实内容"
                                f"（一般 {lo}–{hi} 字）。依据：{RULE_15}。", [(off, len(text))], severity="warning"))
        elif body_chars < PROPOSAL_SHORT:
            # a warning, not an error: 10 of 287 filed jszx 2019 proposals run under 600 字; readers of split's own
            # drafts met a ✅ beside 384–567 字 proposals that needed their situation and analysis filled out
            checks.append(Check("length", False, f"正文 {body_chars} 字，短于一般篇幅（{lo}–{hi} 字）：提案宜有情况、有分析、"
                                f"有具体建议，可补充调研情况和问题分析；内容单一、时效性强的，也可改作社情民意信息。依据：{RULE_15}。",
                                [(off, len(text))], severity="warning"))
        else:
            typical = lo <= body_chars <= hi
            checks.append(Check("length", True, f"正文 {body_chars} 字" + ("，篇幅适中。" if typical else
                                f"（一般 {lo}–{hi} 字，上限 {proposal_max_chars} 字）。")))
    else:
        checks.append(Check("length", True, f"正文 {body_chars} 字。", severity="info"))

    # the one-matter check runs before the title check, which asks whether the title names every matter found
    om, om_found = _one_matter_found(text, body_start, g, lex, context_terms, title, embed)
    # --- title matches body ------------------------------------------------------------------------------
    if title:
        # a title of two phrases ("建章立制守师德  风清气正育新人") is cut phrase by phrase: jieba across the gap
        # reads "守师德风" as a word
        # an adverb ("率先实施", "尽快出台") says how, not what: like the frame's words, no key word of the matter
        manner = manner_words(title)
        tterms = [t for t in dict.fromkeys(w for piece in re.split(r"[\s,，、]+", title) for w in lex.terms(piece))
                  if t not in _TITLE_BOILER and t not in manner] or [t for t in dict.fromkeys(lex.terms(title))]
        found = [t for t in tterms if t in body]
        # the province a title names ("在江苏率先实施") is the one a provincial proposal calls 我省 / 全省 / 本省
        found += [t for t in tterms if t not in found and province_word(t) and re.search(r"我省|全省|本省", body)]
        # jieba may cut the title differently from the body; accept a term whose 2-char head or tail occurs
        # ("守师德" ~ 师德, "高质量" ~ 质量)
        found += [t for t in tterms if t not in found and len(t) >= 3 and (t[:2] in body or t[-2:] in body)]
        ratio = len(found) / len(tterms) if tterms else 1.0
        ok = ratio >= 0.5
        miss = [t for t in tterms if t not in found]
        # 题文相符 covers every matter of the body: a title naming one of two joined matters does not fit
        # (a 建议案 may gather several recommendations of a report under one title: not asked of it)
        other = None
        if ok and g != "motion":
            other = (om_found.sides[-1] if om_found.reason in ("cover", "meaning", "objects")
                     else _title_misses_side(text[body_start:], title, om_found, context_terms))
        if other is None and ok and g != "motion" and not om_found.single:
            # the words call two matters, and the title's words stop at some point of every part (or of the body):
            # the stretch the title misses. Where the one-matter check found one matter it already asked this
            # (with the words the stretches share, when the body has no part labels), so both lines agree
            other = title_gap(text[body_start:], title, _body_parts(text[body_start:]), context_terms, lex)
        if other is not None:
            checks.append(Check("title_body", False,
                                f"标题只概括了正文的一部分：正文另有一事（{'、'.join(other.terms) or '未命名'}），标题没有涉及。"
                                f"请{'一事一报' if g == 'opinion' else '一事一案'}，拆分后各拟标题，使标题与正文内容一致。"
                                f"依据：{rule['form']}。",
                                ([title_span] if title_span else [])
                                + [(a + body_start, b + body_start) for a, b in other.spans][:5]))
        else:
            checks.append(Check("title_body", ok,
                                f"标题关键词在正文中出现 {len(found)}/{len(tterms)} 个" + ("，题文相符。" if ok else
                                f"，“{'、'.join(miss[:4])}”在正文中未出现：请使标题与正文内容一致，标题不宜过宽。"
                                f"依据：{rule['form']}。"), [title_span] if title_span else []))
        if len(title) > 40:
            checks.append(Check("title_length", False, f"标题 {len(title)} 字，过长：请{_TITLE_ADVICE[g]}。",
                                [title_span] if title_span else [], severity="warning"))
    else:
        checks.append(Check("title_body", False, f"没有标题：请在第一行{_TITLE_ADVICE[g]}。", [(0, 0)], severity="warning"))

    # --- one matter --------------------------------------------------------------------------------------
    if g == "motion":
        om.severity = "info"  # a 建议案 may gather several recommendations of a report
    checks.append(om)

    # --- 不予立案 grounds (for 社情民意信息: what it must not be used for) -------------------------------------
    checks.extend(_ground_checks(text, g))
    if g == "opinion":
        checks.append(_reporter_check(raw_text))
    holes = _unfilled(raw_text)
    if g == "opinion" and not checks[-1].passed:
        holes = [h for h in holes if "反映人" not in h]  # said once, by the reporter check above
    if holes:
        checks.append(Check("form_fields", False, f"表单尚待填写：{'、'.join(holes)}（发出前请补全）。",
                            [(m.start(), m.end()) for m in re.finditer(re.escape(PLACEHOLDER), raw_text)][:10],
                            severity="warning"))

    # --- near-duplicates in history -------------------------------------------------------------------------
    sims: list[dict[str, Any]] = []
    if similar is not None:
        try:
            review = _REVIEW_RE.search(raw_text)  # the check results a split's .md ends with are not the draft
            body = raw_text[: review.start()] if review else raw_text
            # a history function that takes the genre gets it (its messages then name this draft's genre)
            sims = list((similar(body, genre=g) if _takes_genre(similar) else similar(body)) or [])
        except Exception as exc:  # the history is advisory; a broken index must not hide the other checks
            checks.append(Check("duplicates", True, f"未能与往年材料比对（{exc}），请稍后重试。", severity="info"))
            sims = []
        else:
            sims = on_topic(sims, title or "", body, lex)
            # a history function that defers the items' highlights (the pipeline's) explains only those kept
            finish = getattr(similar, "explain", None)
            sims = list(finish(sims)) if finish is not None else sims
            checks.append(duplicate_check(sims, g, duplicate_threshold))
    else:
        checks.append(Check("duplicates", True, "未与往年材料比对（未提供历史库）。", severity="info"))

    # --- 承办单位 (not for a 建议案, which goes to the Party committee and government) ------------------------
    cats = [str(x["category"]) for x in sims if x.get("category")]
    # the asks decide who answers; supporting facts name many bodies in passing
    # (and the text's own word on who leads, wherever it is said: "明确由省工商局牵头落实……" in the 调研情况)
    ask_text = ("\n".join([title or ""] + [text[a:b] for a, b in parts.suggestion]
                          + charge_sentences(text, list(parts.suggestion))) if parts.suggestion else text)
    # a 建议案 goes to the Party committee and government, a 社情民意信息 to them for reference: neither has a 承办单位
    handlers = dep.suggest(ask_text, categories=cats, level=level) if g == "proposal" else []
    if handlers:
        for h in handlers:  # spans of the ask text → spans of the draft
            h.spans = []
        msg = "建议承办单位：" + "；".join(f"{h.name}（{h.role}：{'，'.join(h.reasons[:3])}）" for h in handlers)
        checks.append(Check("handlers", True, msg, [], severity="info"))
    elif g == "motion":
        checks.append(Check("handlers", True, "建议案报送党委、政府，不指定承办单位。", severity="info"))
    elif g == "opinion":
        checks.append(Check("handlers", True, "社情民意信息报送党委、政府参阅，不指定承办单位。", severity="info"))
    else:
        checks.append(Check("handlers", True, "未能从部门词典确定承办单位，请人工指定。", severity="info"))

    passed = all(c.passed for c in checks if c.severity == "error")
    return CheckReport(passed=passed, genre=g, checks=checks, handlers=[h.to_dict() for h in handlers],
                       similar=sims[:10], title=title, level=level, level_reason=level_why)


#: words that frame any 案由 and name no matter ("深化落实金融政策举措，促进民营企业高质量发展": the matter is 金融政策 for
#: 民营企业); a body need not repeat them
_TITLE_BOILER = frozenset({"深化", "落实", "举措", "措施", "高质量", "切实", "进一步", "全面", "大力", "积极", "有效", "着力",
                           "扎实", "几点", "有关", "相关", "问题"})


def _takes_genre(fn: Callable[..., Any]) -> bool:
    """Whether a history function accepts ``genre=`` (the pipeline's does; a plain ``similar(text)`` not)."""
    import inspect

    try:
        return "genre" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
