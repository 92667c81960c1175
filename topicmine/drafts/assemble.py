"""Draft assembly: one draft per matter, in its genre's official structure, quoting the report.

- 提案 (proposal): title "关于……的提案"; 案由; 调研情况; 问题分析; 具体建议 (Jiangsu's form, 全国政协提案工作条例
  第十五条 "有情况、有分析、有具体的建议").
- 社情民意信息 (opinion): title; 基本情况; 问题及原因; 意见建议; at most 1,500 字 (一事一报).
- 建议案 (motion): title "关于……的建议案"; 主要问题; 建议 (the report's most important recommendations).

Only titles, 案由 and section headings are generated. Every body paragraph is a passage of the source:
``DraftParagraph.start/end`` point into the analysed text and ``text == clean_text(source[start:end])``
(hard line wraps joined, nothing else changed) — a draft never invents a fact or a figure.

    >>> from topicmine.drafts.analyze import analyze_report
    >>> a = analyze_report("一、基本情况\\n全市有公厕812座。\\n二、存在问题\\n公厕指引牌缺失。\\n"
    ...                    "三、对策建议\\n（一）完善公厕指引系统。在主要路口设置指引牌。")
    >>> d = assemble_draft(a, a.groups[0], "proposal")
    >>> d.title, [s.heading for s in d.sections]
    ('关于完善公厕指引系统的提案', ['案由', '调研情况', '问题分析', '具体建议'])
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from topicmine.drafts.analyze import (
    DEFAULT_LEXICON,
    Lexicon,
    ReportAnalysis,
    SupportPassage,
    SuggestionUnit,
    UnitGroup,
    clean_text,
)

from topicmine.text.names import GENRE_ZH  # noqa: E402  (one source: topicmine.records)
from topicmine.text.numbering import QUOTE_DEPTHS, style_alternation  # noqa: E402
from topicmine.drafts.subject import _ROLE_RE, _subject_words, report_subject, report_work  # noqa: E402,F401

#: section headings per genre (generated connective text; the checks recognise them)
SECTION_HEADINGS: dict[str, tuple[str, ...]] = {
    "proposal": ("案由", "调研情况", "问题分析", "具体建议"),
    "opinion": ("基本情况", "问题及原因", "意见建议"),
    "motion": ("主要问题", "建议"),
}


@dataclass
class DraftParagraph:
    """One paragraph: quoted (``start``/``end`` into the source) or generated (``start is None``)."""

    text: str
    start: int | None = None
    end: int | None = None
    kind: str = "body"  # "body" | "heading2" (a quoted item heading) | "table_row" | "generated"
    #: generated words before the quote, part of ``text``: the draft's own numbering ("（二）" for the
    #: report's "（五）") or the attribution of another place's experience ("外地经验（合肥市）：")
    lead: str = ""
    #: a table row's column names joined by "；" (``kind == "table_row"``): the quote is its cells, each
    #: after its column's name
    header: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DraftSection:
    heading: str
    paragraphs: list[DraftParagraph] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"heading": self.heading, "paragraphs": [p.to_dict() for p in self.paragraphs]}


@dataclass
class Draft:
    """A draft 提案 / 社情民意信息 / 建议案 with provenance, genre reasons and (after checking) checks."""

    genre: str
    title: str
    sections: list[DraftSection]
    group_ids: list[str] = field(default_factory=list)
    unit_ids: list[str] = field(default_factory=list)
    key_terms: list[str] = field(default_factory=list)
    genre_reasons: list[str] = field(default_factory=list)
    genre_scores: dict[str, float] = field(default_factory=dict)
    checks: Any = None  # CheckReport, filled by split_report / check_draft
    handlers: list[dict[str, Any]] = field(default_factory=list)
    id: str = ""
    #: the genre's fixed form parts, with 【请填写】 where the drafter fills in (see FORMS)
    front: list[str] = field(default_factory=list)
    back: list[str] = field(default_factory=list)

    @property
    def genre_zh(self) -> str:
        return GENRE_ZH.get(self.genre, self.genre)

    def body_text(self) -> str:
        """Plain text of the body: numbered section headings ("一、调研情况") and paragraphs."""
        lines: list[str] = []
        for i, s in enumerate(self.sections):
            lines.append(f"{_CN_NUM[i]}、{s.heading}")
            lines.extend(p.text for p in s.paragraphs)
        return "\n".join(lines)

    def text(self) -> str:
        """Title line + form lines + body, the form :func:`check_draft` reads."""
        return "\n".join([self.title, *self.front, self.body_text(), *self.back])

    def char_count(self) -> int:
        """字数 of the body without whitespace (how CPPCC systems count)."""
        return len(re.sub(r"\s", "", self.body_text()))

    def to_dict(self) -> dict[str, Any]:
        d = {
            "id": self.id,
            "genre": self.genre,
            "genre_zh": self.genre_zh,
            "title": self.title,
            "chars": self.char_count(),
            "sections": [s.to_dict() for s in self.sections],
            "group_ids": self.group_ids,
            "unit_ids": self.unit_ids,
            "key_terms": self.key_terms,
            "genre_reasons": self.genre_reasons,
            "genre_scores": self.genre_scores,
            "handlers": self.handlers,
            "front": self.front,
            "back": self.back,
            "checks": self.checks.to_dict()["checks"] if self.checks is not None else [],
            "passed": self.checks.passed if self.checks is not None else None,
            "text": self.text(),
        }
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Draft:
        secs = [DraftSection(s["heading"], [DraftParagraph(**p) for p in s["paragraphs"]]) for s in d["sections"]]
        return cls(genre=d["genre"], title=d["title"], sections=secs, group_ids=d.get("group_ids", []),
                   unit_ids=d.get("unit_ids", []), key_terms=d.get("key_terms", []),
                   genre_reasons=d.get("genre_reasons", []), genre_scores=d.get("genre_scores", {}),
                   handlers=d.get("handlers", []), id=d.get("id", ""), front=list(d.get("front") or []),
                   back=list(d.get("back") or []))


_CN_NUM = "一二三四五六七八九十"

from topicmine.drafts.support import ALIGNED_BONUS  # noqa: E402

PLACEHOLDER = "【请填写】"
#: each genre's fixed parts (全国政协提案 form; 建议案 as a formal document; 社情民意信息 elements)
FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "proposal": ((f"提案人：{PLACEHOLDER}", f"界别：{PLACEHOLDER}", f"联系方式：{PLACEHOLDER}"),
                 (f"建议承办单位：{PLACEHOLDER}",)),
    "motion": ((f"主送：{PLACEHOLDER}（中共××委员会、××人民政府）",),
               (f"落款：{PLACEHOLDER}（政协××委员会）", f"日期：{PLACEHOLDER}（××××年××月××日）")),
    "opinion": ((f"反映人及单位：{PLACEHOLDER}（姓名，单位、职务）",), ()),
}


def fill_handlers(draft: Draft) -> None:
    """Put the suggested 承办单位 into a 提案's "建议承办单位：" line (the drafter may change it)."""
    if draft.genre != "proposal" or not draft.handlers:
        return
    names = "；".join(f"{h['name']}（{h['role']}）" for h in draft.handlers)
    draft.back = [f"建议承办单位：{names}" if ln.startswith("建议承办单位：") else ln for ln in draft.back]


from topicmine.drafts.titles import (  # noqa: E402,F401  (re-exported: tests and callers import them here)
    _ABSTRACT_TAIL, _GENERIC_HEADINGS, _LEAD_RE, _PURPOSE_RE, _VERB_RE, _fix_core, heading_object, make_title,
    title_core, with_object,
)


# --------------------------------------------------------------------------------------------------------
# assembly
# --------------------------------------------------------------------------------------------------------


_CN_DIGITS = "一二三四五六七八九十"
#: numbering tokens a quote may open with, by depth: the text layer's one table (topicmine.text.numbering)
_NUMBERINGS: list[tuple[int, re.Pattern[str]]] = [
    (depth, re.compile(style_alternation(styles, named=False))) for depth, styles in QUOTE_DEPTHS
]


def _runs_on(token: str, rest: str) -> bool:
    """Whether the list a "X是" / "第X，" marker opens goes on in ``rest`` with the next one.

    >>> _runs_on("三是", "便利的交通环境。四是雄厚的产业基础。"), _runs_on("三是", "便利的交通环境。"), _runs_on("（三）", "四是")
    (True, False, False)
    """
    m = re.fullmatch(r"([一二三四五六七八九])(是|要|)", token.strip()) or re.fullmatch(r"第([一二三四五六七八九])[，,、]?", token.strip())
    if not m or "是" not in token and not token.startswith("第"):
        return False
    k = _CN_DIGITS.index(m.group(1))
    if k + 1 >= len(_CN_DIGITS):
        return False
    nxt = _CN_DIGITS[k + 1]
    return (nxt + "是") in rest if "是" in token else ("第" + nxt) in rest


def _numbering(text: str, a: int, b: int) -> tuple[int, str, int] | None:
    """(depth, token, end of token and following spaces) of a numbering opening ``text[a:b]``."""
    while a < b and text[a].isspace():
        a += 1
    for depth, rx in _NUMBERINGS:
        m = rx.match(text, a, b)
        if m and m.end() < b:
            e = m.end()
            while e < b and text[e] in " \t\u3000":
                e += 1
            return depth, m.group(0), e
    return None


def _nth(depth: int, token: str, n: int) -> str:
    """The ``n``-th (1-based) token of the style of ``token``: ("（五）", 2) → "（二）"."""
    cn = _CN_DIGITS[n - 1] if n <= 10 else str(n)
    if depth in (1, 2, 5):
        return re.sub(r"[一二三四五六七八九十]+", cn, token, count=1)
    if depth == 6:
        return "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"[min(n, 20) - 1]
    if re.fullmatch(r"[⑴-⒇]", token):
        return chr(ord("⑴") + min(n, 20) - 1)
    return re.sub(r"[0-9０-９]+", str(n), token, count=1)


def _quote(text: str, a: int, b: int, kind: str = "body", *, strip_number: bool = False,
           lead: str = "") -> DraftParagraph:
    """A verbatim quote of ``text[a:b]``; ``strip_number`` drops the report's own numbering ("1. 规划缺乏统筹。"
    quoted as support reads "规划缺乏统筹。"), ``lead`` puts generated words before it."""
    if strip_number:
        num = _numbering(text, a, b)
        # (a "三是" whose list runs on inside the quote — "三是便利的交通环境。……四是雄厚的产业基础" — stays: dropping it
        # left "…二是…" ¶ "便利的交通环境…四是…", a list skipping a number; a blind read)
        if num is not None and not _runs_on(num[1], text[num[2]:b]):
            a = num[2]
    return DraftParagraph(text=lead + end_sentence(clean_text(text[a:b]), text, b), start=a, end=b, kind=kind, lead=lead)


def end_sentence(quote: str, text: str, b: int) -> str:
    r"""A quote that stops on a comma ends as a sentence: the report's own words that end it are put back when short
    and on the same line ("……技高者多得，" + "提出如下建议：", a lead-in label the report's structure took away), else
    the comma becomes "。" (a blind reader counted a measures' lead ending on "，" as an edit).

    >>> end_sentence("为发挥产业工人作用，", "为发挥产业工人作用，提出如下建议：\n1．……", 10)
    '为发挥产业工人作用，提出如下建议：'
    >>> end_sentence("为发挥作用，", "为发挥作用，\n1．……", 6)
    '为发挥作用。'
    """
    body = quote.rstrip()
    if not body.endswith(("，", ",")):
        return quote
    tail = re.match(r"[^\n。；！？：:，,]{1,16}[：:。]", text[b:])
    return body + tail.group(0) if tail else body[:-1] + "。"


def renumber(paras: list[DraftParagraph], source: str) -> list[DraftParagraph]:
    """The draft's own numbering for quoted items: each depth counts from 一/1 again, and restarts under
    a shallower item, so "（一）…（一）" or "（2）…（1）" left by taking items out of the report read
    "（一）…（二）" and "（1）…（2）"; a number left alone in its list ("（一）" above, "一是" without 二是)
    is dropped. The quote itself is unchanged (the number becomes ``lead``).

    >>> src = "（五）强化人才支撑。一是开设专业。三是建设培训基地。"
    >>> ps = renumber([_quote(src, 0, 10, "heading2"), _quote(src, 10, 17), _quote(src, 17, 27)], src)
    >>> [p.text for p in ps]
    ['强化人才支撑。', '一是开设专业。', '二是建设培训基地。']
    """
    counters: dict[int, int] = {}
    runs: dict[int, int] = {}  # which list of its depth an item is in (a shallower item opens a new list)
    out: list[DraftParagraph] = []
    keys: list[tuple[int, int] | None] = []
    for p in paras:
        num = _numbering(source, p.start, p.end) if p.start is not None and p.end is not None and not p.lead else None
        if num is None:
            out.append(p)
            keys.append(None)
            continue
        depth, token, body = num
        for d in [d for d in counters if d > depth]:
            del counters[d]
            runs[d] = runs.get(d, 0) + 1
        counters[depth] = counters.get(depth, 0) + 1
        lead = _nth(depth, token, counters[depth])
        out.append(DraftParagraph(text=lead + clean_text(source[body:p.end]), start=body, end=p.end, kind=p.kind,
                                  lead=lead))
        keys.append((depth, runs.get(depth, 0)))
    # a list of one ("一是" with no 二是, "1." alone: one item taken out of the report's list) loses its number
    sizes = Counter(k for k in keys if k is not None)
    return [DraftParagraph(text=p.text[len(p.lead):], start=p.start, end=p.end, kind=p.kind)
            if k is not None and sizes[k] == 1 else p for p, k in zip(out, keys)]


def _unit_quote(analysis: ReportAnalysis, u: SuggestionUnit, *, own_heading: bool) -> DraftParagraph:
    """A recommendation quoted whole — except the heading line of its own item ("（五）推动算法规则公开公正⏎"),
    which the draft's title already names: quoted with it, the heading would run into the first sentence."""
    text = analysis.text
    sec = analysis.sections[u.section] if u.section is not None else None
    if (own_heading and u.marker == "item" and sec is not None and not sec.inline and u.start == sec.start
            and sec.body_start > 0 and text[sec.body_start - 1] == "\n" and text[sec.body_start:u.end].strip()):
        return _quote(text, sec.body_start, u.end)
    return _quote(text, u.start, u.end)


def _support_paragraph(text: str, p: SupportPassage) -> DraftParagraph:
    if p.header:
        # a table row is quoted with its header ("调研事项：……；类别：……"); its cells are the report's words
        from topicmine.drafts.analyze import row_text

        return DraftParagraph(text=row_text(p.header, clean_text(text[p.start:p.end])), start=p.start, end=p.end,
                              kind="table_row", header="；".join(p.header))
    # another place's experience is attributed and marked, so it never reads as a fact about this place
    lead = f"外地经验（{p.external}）：" if p.external else ""
    return _quote(text, p.start, p.end, strip_number=True, lead=lead)


def _supports(group_support: list[SupportPassage], kind: str, limit: int) -> list[SupportPassage]:
    """The passages of ``kind`` a draft quotes: all of the matter's own item of the report (aligned, score ≥
    ``ALIGNED_BONUS``), then the best others up to ``limit`` in all; in report order."""
    ps = [p for p in group_support if p.kind == kind]
    own = [p for p in ps if p.score >= ALIGNED_BONUS]
    best = own + sorted((p for p in ps if p.score < ALIGNED_BONUS), key=lambda p: -p.score)[: max(0, limit - len(own))]
    return sorted(best, key=lambda p: p.start)


def _chars(paras: list[DraftParagraph]) -> int:
    return sum(len(re.sub(r"\s", "", p.text)) for p in paras)


def _fit(text: str, budget: int, sit: list[DraftParagraph], prob: list[DraftParagraph], sugg: list[DraftParagraph],
         shares: dict[str, float] | None = None, shorten: bool = True) -> tuple[list[DraftParagraph], list[DraftParagraph], list[DraftParagraph], list[tuple[str, DraftParagraph]],
                    tuple[list[int], int] | None]:
    """The draft's parts within ``budget`` 字 (drafts.budget): the situation and problem paragraphs kept, the measures
    (shortened to their lead and sub-point heads when they must be), the paragraphs cut, and the note naming the
    measures shortened. Room is kept for the notes the cut itself adds."""
    from topicmine.drafts.budget import evidence_order, plan_budget

    if _chars(sit) + _chars(prob) + _chars(sugg) <= budget:
        return sit, prob, sugg, [], None
    idx = [i for i, p in enumerate(sugg) if p.kind == "body" and p.start is not None and p.end is not None]
    spans = [(sugg[i].start, sugg[i].end) for i in idx]
    reserve = 0
    # the matter's own evidence is kept before the report's frame (a blind reader met the 十九大 quote kept and 苏州's
    # 27 有线智慧镇 — which three measures cite — cut)
    asks = "".join(p.text for p in sugg)
    orders = {"sit_order": evidence_order([p.text for p in sit], asks),
              "prob_order": evidence_order([p.text for p in prob], asks)}
    for _ in range(8):
        plan = plan_budget(text, budget - reserve, [_chars([p]) for p in sit], [_chars([p]) for p in prob],
                           spans, keep_one=True, shares=shares, shorten=shorten, **orders)  # type: ignore[arg-type]
        ks, kp = set(plan.situation), set(plan.problem)
        dropped = [("situation", p) for i, p in enumerate(sit) if i not in ks] + \
                  [("problem", p) for i, p in enumerate(prob) if i not in kp]
        pieces = dict(zip(idx, plan.measures))
        out: list[DraftParagraph] = []
        for i, p in enumerate(sugg):
            if i in pieces and pieces[i] != [(p.start, p.end)]:
                out.extend(_quote(text, x, y) for x, y in pieces[i])
            else:
                out.append(p)
        firsts = [pieces[idx[k]][0][1] for k in plan.shortened]  # a shortened measure's first piece, by its end
        numbered = renumber(out, text)  # what the draft will hold (renumbering changes a few 字)
        note = _measure_note(numbered, firsts, plan.measure_chars_cut)
        # a lead into a list ("……主要有三个：") whose items were all cut goes with them
        for keep, paras in ((ks, sit), (kp, prob)):
            for i in sorted(keep):
                if i and paras[i].text.rstrip().endswith(("：", ":")) and i + 1 < len(paras) and i + 1 not in keep:
                    keep.discard(i)
        dropped = [("situation", p) for i, p in enumerate(sit) if i not in ks] + \
                  [("problem", p) for i, p in enumerate(prob) if i not in kp]
        kept_s = [p for i, p in enumerate(sit) if i in ks]
        kept_p = [p for i, p in enumerate(prob) if i in kp]
        notes = _chars([note] if note else []) + sum(
            _chars([_cut_note([p for k, p in dropped if k == part])]) for part in ("situation", "problem")
            if any(k == part for k, _ in dropped))
        over = _chars(kept_s) + _chars(kept_p) + _chars(numbered) + notes - budget
        if over <= 0 or budget - reserve <= 0:
            break
        reserve += over + 10  # whole paragraphs: a few 字 more room may change nothing
    return kept_s, kept_p, out, dropped, (firsts, plan.measure_chars_cut) if firsts else None


def _measure_note(sugg: list[DraftParagraph], firsts: list[int], cut: int) -> DraftParagraph | None:
    """The note naming the measures the length cap shortened, by their opening words (as the draft numbers them)."""
    heads = [p for p in sugg if p.kind == "body" and p.end in firsts]
    if not heads:
        return None
    def name(t: str) -> str:  # "1．更新教育思想" (a heading sentence), else the opening words
        m = re.match(r"[^。；！？]{2,16}(?=[。；！？])", t)
        return f"“{m.group(0)}”" if m else f"“{t[:12]}……”"

    names = "、".join(name(p.text) for p in heads[:8]) + ("等" if len(heads) > 8 else "")
    # few words of its own: the one-matter check reads the draft with its notes, and a note's words must not look
    # like a second matter
    # no count: sub-points ("（3）……") are named beside the measures, and "6条建议" beside "有 4 条建议" misleads
    return DraftParagraph(text=f"（篇幅所限，{names}只写了开头和要点，另约{cut}字见报告。）",
                          kind="generated")


def _cut_note(cut: list[DraftParagraph]) -> DraftParagraph:
    """The note naming the situation or problem paragraphs the length cap cut, by their opening words."""
    heads = "、".join(f"“{p.text[:16]}……”" for p in cut[:3]) + ("等" if len(cut) > 3 else "")
    return DraftParagraph(text=f"（篇幅所限，报告中另有{len(cut)}段相关内容未写入：{heads}。）", kind="generated")


def assemble_draft(
    analysis: ReportAnalysis,
    group: UnitGroup | list[UnitGroup],
    genre: str,
    *,
    max_chars: int | None = None,
    lexicon: Lexicon = DEFAULT_LEXICON,
) -> Draft:
    """Build the draft of one matter (or, for a 建议案, of several groups of the report).

    ``max_chars`` caps the body (defaults: opinion 1,500, proposal 2,500, motion none); supporting
    passages are dropped first (lowest link score), then trailing recommendations, whole sentences only.
    """
    groups = group if isinstance(group, list) else [group]
    text = analysis.text
    units = [u for g in groups for u in analysis.group_units(g)]
    support = sorted({(p.start, p.end): p for g in groups for p in g.support}.values(), key=lambda p: p.start)
    key_terms = list(dict.fromkeys(t for g in groups for t in g.key_terms))[:8]
    heading = groups[0].heading if len(groups) == 1 else ""
    title = make_title(genre, heading, units, key_terms, subject=report_subject(text), work=report_work(text),
                       parent=groups[0].parent_heading if len(groups) == 1 else "")
    if max_chars is None:
        max_chars = {"opinion": 1500, "proposal": 2500}.get(genre)

    sugg: list[DraftParagraph] = []
    for g in groups:
        seen_heads: set[str] = set()
        # a motion gathering several matters keeps each matter's heading as a second-level heading
        if len(groups) > 1 and g.heading and g.heading_span:
            a, b = g.heading_span
            sugg.append(_quote(text, a, b, "heading2"))
        for u in analysis.group_units(g):
            if genre == "motion" and u.heading and u.heading not in seen_heads and u.marker == "enumeration":
                sec = analysis.sections[u.section] if u.section is not None else None
                # the matter's own heading is the title (one matter) or quoted above already (several)
                if (sec is not None and sec.heading == u.heading and not sec.inline
                        and title_core(u.heading) != title_core(g.heading or "")):
                    seen_heads.add(u.heading)
                    sugg.append(_quote(text, sec.start, sec.body_start, "heading2"))
            sugg.append(_unit_quote(analysis, u, own_heading=len(groups) == 1))

    n_sit, n_prob = {"opinion": (2, 2), "motion": (2, 6)}.get(genre, (3, 4))
    # own situation first, other places' experience after it
    sit0 = [_support_paragraph(text, p) for p in sorted(_supports(support, "situation", n_sit), key=lambda p: bool(p.external))]
    prob0 = [_support_paragraph(text, p) for p in _supports(support, "problem", n_prob)]
    parts = dict(genre=genre, title=title, text=text, max_chars=max_chars, groups=groups, units=units, key_terms=key_terms)
    d, shortened = _compose(list(sit0), list(prob0), list(sugg), **parts)  # type: ignore[arg-type]
    if shortened and genre != "motion":
        # shortened measures shift the draft's words towards its support: when the draft a drafter would check alone
        # no longer reads as one matter, the measures take a larger share, and at last stay whole (as before)
        from topicmine.drafts.checks import one_matter_check

        if not one_matter_check(d.text(), genre, title=d.title, lexicon=lexicon).passed:
            for shares, shorten in _FALLBACKS:
                if not shorten and genre == "opinion":
                    break  # a 社情民意信息's 1,500 字 is firm: its measures stay shortened
                d2, _ = _compose(list(sit0), list(prob0), list(sugg), shares=shares, shorten=shorten, **parts)  # type: ignore[arg-type]
                if one_matter_check(d2.text(), genre, title=d2.title, lexicon=lexicon).passed:
                    return d2
    return d


#: the budget's fallbacks when the fair shares leave a draft that fails one matter: the measures' share grows, and at
#: last (proposals only) the measures stay whole and the length check asks the drafter to shorten
_FALLBACKS: tuple[tuple[dict[str, float] | None, bool], ...] = (
    ({"situation": 0.15, "problem": 0.15, "suggestion": 0.7}, True),
    (None, False),
)


def _compose(sit: list[DraftParagraph], prob: list[DraftParagraph], sugg: list[DraftParagraph], *, genre: str,
             title: str, text: str, max_chars: int | None, groups: list[UnitGroup], units: list[SuggestionUnit],
             key_terms: list[str], shares: dict[str, float] | None = None, shorten: bool = True) -> tuple[Draft, bool]:
    """The draft from its parts within ``max_chars`` (drafts.budget), and whether measures were shortened."""


    cut_for_length: set[str] = set()
    dropped: list[tuple[str, DraftParagraph]] = []
    shortened: tuple[list[int], int] | None = None
    if max_chars is not None:
        # each part keeps a share of the budget; long measures keep their lead sentences and sub-point heads
        # (drafts.budget). A proposal keeps one situation and one problem paragraph of its own even when its
        # measures alone fill 2,500 字: a 提案 must have 情况、分析、建议 (条例第十五条) — emptying both parts and
        # saying the report never wrote them was false (a blind reader's 医养结合 draft)
        heads = sum(len(f"{_CN_NUM[i]}、{h}") for i, h in enumerate(SECTION_HEADINGS[genre]))
        budget = max_chars - heads - (len(title) if genre == "proposal" else 0)  # a proposal's 案由 is its title
        sit, prob, sugg, dropped, shortened = _fit(text, budget, sit, prob, sugg, shares, shorten)
        if genre == "opinion":  # the 1,500 字 limit of 社情民意信息 is firm
            while _chars(sit) + _chars(prob) + _chars(sugg) > budget and (sit or prob):
                cut_for_length.add("situation" if len(sit) >= len(prob) and sit else "problem")
                (sit if len(sit) >= len(prob) and sit else prob).pop()
    sugg = renumber(sugg, text)
    note = _measure_note(sugg, *shortened) if shortened else None
    if note is not None:
        sugg.append(note)  # what the cap shortened is said, never silently

    if genre in ("proposal", "opinion"):
        # a part the report does not write for this matter is left to the drafter, never filled from
        # another matter's text
        names = SECTION_HEADINGS[genre][-3:-1]
        if genre == "opinion" and not sit and prob:
            # a 社情民意信息 reports a situation: the report's statement of the problem ("部分居民反映无人机在小区
            # 上空盘旋拍摄……") is that situation; its causes are what the drafter adds
            sit, prob = prob, [DraftParagraph(text=f"{names[1]}：{PLACEHOLDER}（报告只写了现象，没有分析原因：请补充原因分析）",
                                              kind="generated")]
        if not sit:
            why = ("篇幅所限，报告中关于这一事项的情况未能写入：请压缩后补充" if "situation" in cut_for_length
                   else "报告的基本情况部分没有写到这一事项：请补充本地的现状和数据")
            sit = [DraftParagraph(text=f"{names[0]}：{PLACEHOLDER}（{why}）", kind="generated")]
        if not prob:
            why = ("篇幅所限，报告中关于这一事项的问题未能写入：请压缩后补充" if "problem" in cut_for_length
                   else "报告的存在问题部分没有写到这一事项：请补充存在的问题及原因")
            prob = [DraftParagraph(text=f"{names[1]}：{PLACEHOLDER}（{why}）", kind="generated")]
    # what the length cap cut is said where it was cut, never silently (a blind read: 减负 kept one paragraph of
    # its 14 — the survey figures and all three causes gone — with only the over-length warning to tell)
    for part, paras in (("situation", sit), ("problem", prob)):
        cut = [p for k, p in dropped if k == part]
        if cut and paras:
            paras.append(_cut_note(cut))
    if genre == "proposal":
        sections = [
            DraftSection("案由", [DraftParagraph(text=title, kind="generated")]),
            DraftSection("调研情况", sit),
            DraftSection("问题分析", prob),
            DraftSection("具体建议", sugg),
        ]
    elif genre == "opinion":
        sections = [DraftSection("基本情况", sit), DraftSection("问题及原因", prob), DraftSection("意见建议", sugg)]
    elif genre == "motion":
        # the report's situation (its achievements among it) is no 主要问题: it gets its own part
        sections = ([DraftSection("基本情况", sit)] if sit else []) + [DraftSection("主要问题", prob), DraftSection("建议", sugg)]
    else:
        raise ValueError(f"cannot assemble genre {genre!r}; use motion, proposal or opinion")
    front, back = FORMS[genre]
    return Draft(genre=genre, title=title, sections=sections, group_ids=[g.id for g in groups],
                 unit_ids=[u.id for u in units], key_terms=key_terms, front=list(front), back=list(back)), bool(shortened)


def verify_quotes(draft: Draft, source: str) -> list[DraftParagraph]:
    """Paragraphs that are NOT verbatim (modulo whitespace) quotes of ``source`` — should be empty.

    >>> verify_quotes(Draft("proposal", "t", [DraftSection("x", [DraftParagraph("编造", 0, 2)])]), "原文")
    [DraftParagraph(text='编造', start=0, end=2, kind='body', lead='', header='')]
    """
    bad = []
    for s in draft.sections:
        for p in s.paragraphs:
            if p.kind == "generated" or p.start is None:
                continue
            if p.kind == "table_row":
                from topicmine.drafts.analyze import row_text

                if row_text(p.header.split("；"), clean_text(source[p.start : p.end])) != p.text:
                    bad.append(p)
                continue
            if clean_text(source[p.start : p.end]) != p.text[len(p.lead):]:
                bad.append(p)
    return bad


def handlers_filled(d: Draft) -> None:
    """The check ran on the draft before its 建议承办单位 line was filled: that line is no longer a to-do."""
    if not d.handlers or d.checks is None:
        return
    for c in d.checks.checks:
        if c.name == "form_fields" and not c.passed and "建议承办单位" in c.message:
            holes = [h for h in re.sub(r"^表单尚待填写：|（发出前请补全）。$", "", c.message).split("、")
                     if h and h != "建议承办单位"]
            c.message = f"表单尚待填写：{'、'.join(holes)}（发出前请补全）。" if holes else "表单已填写。"
            c.passed = not holes
