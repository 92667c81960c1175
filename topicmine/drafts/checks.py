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
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from topicmine.drafts.analyze import (
    DEFAULT_LEXICON,
    Lexicon,
    ReportAnalysis,
    analyze_report,
    sentence_spans,
    tfidf_similarity,
)
from topicmine.drafts.departments import DepartmentDict, load_departments
from topicmine.drafts.genre import ACTION_RE, SLOGAN_RE, normalize_genre, suggest_genre

RULE_15 = "全国政协提案工作条例第十五条（一事一案，有情况、有分析、有具体的建议）"
RULE_REJECT = "全国政协提案工作条例不予立案情形"
RULE_OPINION = "社情民意信息报送要求（一事一报，篇幅一般不超过 1500 字）"

PROPOSAL_TYPICAL = (800, 1500)


@dataclass
class Check:
    """One rule checked: ``passed``, a Chinese message saying what to fix and why, and spans."""

    name: str
    passed: bool
    message: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    severity: str = "error"  # "error" decides CheckReport.passed; "warning"/"info" only inform

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "passed": self.passed, "message": self.message,
                "spans": [list(s) for s in self.spans], "severity": self.severity}


@dataclass
class CheckReport:
    passed: bool
    genre: str
    checks: list[Check]
    handlers: list[dict[str, Any]] = field(default_factory=list)
    similar: list[dict[str, Any]] = field(default_factory=list)
    title: str | None = None

    def failed(self) -> list[Check]:
        return [c for c in self.checks if not c.passed and c.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "genre": self.genre, "title": self.title,
                "checks": [c.to_dict() for c in self.checks], "handlers": self.handlers, "similar": self.similar}


# --------------------------------------------------------------------------------------------------------
# draft parsing
# --------------------------------------------------------------------------------------------------------

_TITLE_LINE_RE = re.compile(r"^\s*(?:案由[：:]\s*)?(关于.{2,60}|.{2,60}(?:提案|建议案|建议|意见|情况反映|社情民意信息?))\s*$")


def split_title(text: str, title: str | None = None) -> tuple[str | None, tuple[int, int] | None, int]:
    """(title, title span or None, body start). The first line counts as the title when it reads as one."""
    if title is not None:
        pos = text.find(title)
        if pos >= 0 and pos < 5:
            return title, (pos, pos + len(title)), pos + len(title)
        return title, None, 0
    m = re.match(r"\s*([^\n]*)\n", text)
    if m:
        line = m.group(1).strip()
        if line and len(line) <= 70 and not re.search(r"[。！？]$", line) and _TITLE_LINE_RE.match(line):
            start = text.find(line)
            t = re.sub(r"^案由[：:]\s*", "", line)
            return t, (start + (len(line) - len(t)), start + len(line)), m.end()
    return None, None, 0


@dataclass
class _Parts:
    situation: list[tuple[int, int]]
    problem: list[tuple[int, int]]
    suggestion: list[tuple[int, int]]
    marked: bool  # explicit 调研情况/问题分析/具体建议 markers or block headings were found


_PROBLEM_CUES = re.compile(r"问题|不足|短板|困难|滞后|缺乏|缺少|不够|薄弱|难以|不高|不强|不完善|不健全|不到位|制约|瓶颈|"
                           r"隐患|矛盾|不规范|不均衡|不平衡|偏低|偏少|较少|缺失|原因")


def _parts(text: str, analysis: ReportAnalysis, offset: int) -> _Parts:
    """Where situation, analysis and suggestions sit (spans relative to the full text)."""
    sit, prob, sugg = [], [], []
    marked = False
    for s in analysis.sections:
        if s.kind in ("situation", "problem", "suggestion") and (s.parent is None or analysis.sections[s.parent].kind
                                                                   in (None, "matter")):
            marked = True
            span = (s.start + offset, s.end + offset)
            {"situation": sit, "problem": prob, "suggestion": sugg}[s.kind].append(span)
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
    if not prob:
        prob = [(p.start + offset, p.end + offset) for p in pre if p.kind == "problem"]
    if not prob:
        prob = [(p.start + offset, p.end + offset) for p in pre if len(_PROBLEM_CUES.findall(p.text)) >= 2]
    if not sit and len(pre) >= 2 and (pre[0].start + offset, pre[0].end + offset) in prob:
        # the opening paragraph of an unmarked draft states the situation even when it names a problem
        first = (pre[0].start + offset, pre[0].end + offset)
        sit, prob = [first], [x for x in prob if x != first]
    return _Parts(sit, prob, sugg, marked)


def _span_chars(text: str, spans: list[tuple[int, int]]) -> int:
    covered = np.zeros(len(text) + 1, dtype=bool)
    for a, b in spans:
        covered[a:b] = True
    return int(sum(1 for i in np.flatnonzero(covered) if i < len(text) and not text[i].isspace()))


# --------------------------------------------------------------------------------------------------------
# the checks
# --------------------------------------------------------------------------------------------------------

_PERSONAL_STRONG = re.compile(r"本人|我家|家父|家母|我父亲|我母亲|我爱人|我丈夫|我妻子|我儿子|我女儿|我的孩子|我孩子|"
                              r"我的亲属|我亲戚|我弟弟|我哥哥|我姐姐|我妹妹|我的工资|我单位")
#: first-person words a member also uses about his research ("本人长期工作在……", "对此，本人认为"):
#: they point at a personal matter only next to one (same sentence)
_PERSONAL_WEAK = frozenset({"本人", "我单位"})
_PERSONAL_TOPIC = re.compile(r"子女入学|孩子入学|上学|职称评定|评职称|工资|调动|户口|落户|拆迁补偿|补偿款|赔偿|医疗费|"
                             r"报销|退休待遇|住房分配|编制|晋升|纠纷|官司|欠款")
_PRODUCT_SELF = re.compile(r"本公司|我公司|我司|本企业|我们公司|我们企业|我厂|本厂|我单位研发|我单位生产|本人著作|拙著|"
                           r"拙作|本人的(?:书|专著|作品)|我的(?:书|专著|作品|新书)")
_PRODUCT_WORD = re.compile(r"产品|品牌|型号|专利产品|采购|购买|订购|推广使用|推广应用|著作|作品|专著|新书|出版")
_BRAND_PUSH = re.compile(r"(?:推广|推荐|采购|使用)[^。；]{0,8}[“\"][^”\"]{1,12}[”\"]牌|[\u4e00-\u9fff]{2,8}牌[\u4e00-\u9fff]{1,6}(?:产品|系列)")
_ACADEMIC = re.compile(r"商榷|学术争鸣|学术观点|学术争论|学术界对此|理论探讨|与.{1,10}先生商榷|笔者认为|笔者以为|拙见")


def _hits(rx: re.Pattern[str], text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in rx.finditer(text)]


def _personal_matter(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], bool]:
    """(self/family words, personal-topic words, flagged). A relative or "my …" word with a personal topic
    (户口, 子女入学, 编制 …) or with another such word flags a draft; "本人" / "我单位" count only when a
    personal topic or a family word stands in the same sentence ("本人子女入学因户口问题受阻")."""
    strong = _hits(_PERSONAL_STRONG, text)
    topic = _hits(_PERSONAL_TOPIC, text)
    family = [h for h in strong if h[2] not in _PERSONAL_WEAK]
    if family:
        personal = bool(topic) or len(family) >= 2
    else:
        sents = sentence_spans(text)

        def sentence_of(pos: int) -> int:
            return next((k for k, (a, b) in enumerate(sents) if a <= pos < b), -1)

        topic_sents = {sentence_of(a) for a, _, _ in topic}
        personal = any(sentence_of(a) in topic_sents for a, _, _ in strong)
    if personal and not family:
        # show the words that made the call: the first-person words next to a personal topic
        sents = sentence_spans(text)
        near = {k for k, (a, b) in enumerate(sents) if any(a <= h[0] < b for h in strong) and any(a <= t[0] < b for t in topic)}
        strong = [h for h in strong if any(sents[k][0] <= h[0] < sents[k][1] for k in near)]
        topic = [t for t in topic if any(sents[k][0] <= t[0] < sents[k][1] for k in near)]
    return strong, topic, personal


def _one_matter(
    text: str, analysis: ReportAnalysis, offset: int, title: str | None, lex: Lexicon,
    embed: Callable[[list[str]], np.ndarray] | None,
) -> Check:
    """Several unrelated matters: suggestion items forming ≥2 clusters that share no vocabulary.

    Items are linked when their similarity (tf-idf cosine, or ``embed`` cosine when given) reaches 0.08
    (0.45 with embeddings) or when both relate to the title; a matter needs at least two items, so a
    single odd item never fails a draft.
    """
    units = analysis.units
    if len(units) < 4:
        return Check("one_matter", True, "建议条目较少，未发现多个事项（一事一案）。", severity="error")
    texts = [u.text for u in units]
    sim = tfidf_similarity(texts, texts, lex)
    thr = 0.08
    if embed is not None:
        e = np.asarray(embed(texts), dtype=np.float32)
        sim = e @ e.T
        thr = 0.45
    n = len(units)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(n):
        for j in range(i + 1, n):
            if sim[i, j] >= thr:
                parent[find(i)] = find(j)
    title_terms = set(lex.terms(title or ""))
    comps: dict[int, list[int]] = {}
    for i in range(n):
        comps.setdefault(find(i), []).append(i)
    big = [c for c in comps.values() if len(c) >= 2]
    # the draft's own situation / analysis passages say what its matter is: measures whose main terms
    # the analysis discusses serve that matter, even when they share no words with each other
    context = " ".join(p.text for p in analysis.passages if p.kind in ("situation", "problem"))

    def tied_to_draft(c: list[int]) -> bool:
        if title_terms and any(title_terms & set(lex.terms(units[i].text)) for i in c):
            return True
        keys = lex.key_terms(" ".join(units[i].text for i in c), 5)
        return sum(k in context for k in keys) >= 2

    if title_terms or context:
        # clusters tied to the title or to the analysis are the draft's matter; they merge into one
        tied = [c for c in big if tied_to_draft(c)]
        untied = [c for c in big if c not in tied]
        big = ([sum(tied, [])] if tied else []) + untied
    if len(big) >= 2:
        spans = [(units[i].start + offset, units[i].end + offset) for i in big[1]]
        topics = ["、".join(lex.key_terms(" ".join(units[i].text for i in c), 3)) for c in big[:3]]
        return Check("one_matter", False,
                     f"建议部分似乎包含 {len(big)} 个互不相关的事项（{'；'.join(topics)}），请拆分为多件提案，"
                     f"每件只写一个事项。依据：{RULE_15}。", spans)
    return Check("one_matter", True, "建议围绕同一事项（一事一案）。")


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
) -> CheckReport:
    """Check a draft; spans are offsets into ``text``.

    ``genre``: motion / proposal / opinion (or 建议案 / 提案 / 社情民意信息); detected when None.
    ``title``: the title (案由) when it is not the first line of ``text``.
    ``similar``: dedup's ``check`` or any callable returning past items as dicts with ``score`` (0–1),
    optional ``level`` (重复/相近/相关), ``title``, ``id`` and ``category``.
    ``departments``: a :class:`DepartmentDict` or a path to ``departments.txt`` (built-in list when None).

    >>> r = check_draft("关于为本人子女入学解决户口问题的提案\\n本人在南京工作多年，子女入学因户口问题受阻。"
    ...                 "建议教育局为我家孩子办理入学。")
    >>> [c.passed for c in r.checks if c.name == "personal_matter"]
    [False]
    """
    lex = lexicon or DEFAULT_LEXICON
    dep = departments if isinstance(departments, DepartmentDict) else load_departments(departments)
    title, title_span, body_start = split_title(text, title)
    body = text[body_start:]
    g = normalize_genre(genre) if genre else detect_genre(body, title, dep)
    if g == "keep":
        g = "proposal"
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
                            f"依据：{RULE_15}。", [(off, off)] if not parts.suggestion else parts.suggestion[:1]))
    else:
        how = "有明确的小标题" if parts.marked else "未使用小标题，按内容识别"
        checks.append(Check("structure", True, f"情况、分析、建议齐全（{how}）。", parts.suggestion[:1]))

    share = sugg_c / body_chars if body_chars else 0.0
    checks.append(Check(
        "suggestion_share", share >= 0.12,
        f"具体建议占正文 {share:.0%}" + ("。" if share >= 0.12 else "，偏少：情况和分析过长而建议单薄，请压缩背景、充实可操作的建议。"
                                    f"依据：{RULE_15}。"), parts.suggestion[:3], severity="warning"))

    # --- 内容空泛、没有具体建议 ----------------------------------------------------------------------------
    concrete = [u for u in analysis.units if ACTION_RE.search(u.text) and not (
        SLOGAN_RE.search(u.text) and len(ACTION_RE.findall(u.text)) <= 1)]
    if not analysis.units and not parts.suggestion:
        checks.append(Check("concrete_suggestions", False,
                            f"没有找到具体建议：请写出由哪个部门、做什么、怎么做的可操作建议。依据：{RULE_REJECT}"
                            "（内容空泛、没有具体建议的，不予立案）。", [(len(text), len(text))]))
    elif not concrete:
        spans = [(u.start + off, u.end + off) for u in analysis.units] or parts.suggestion
        checks.append(Check("concrete_suggestions", False,
                            "建议内容空泛，只有原则性表述，没有可操作的具体措施：请写明具体做法、责任部门或量化目标。"
                            f"依据：{RULE_REJECT}（内容空泛、没有具体建议的，不予立案）。", spans[:5]))
    else:
        checks.append(Check("concrete_suggestions", True, f"有 {len(concrete)} 条具体建议。",
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
            checks.append(Check("length", False, f"正文 {body_chars} 字，超过系统上限 {proposal_max_chars} 字：请压缩至 "
                                f"{lo}–{hi} 字左右（简明扼要）。依据：{RULE_15}。", [(off, len(text))]))
        elif body_chars < 300:
            checks.append(Check("length", False, f"正文仅 {body_chars} 字，难以做到有情况、有分析、有具体建议：请充实内容"
                                f"（一般 {lo}–{hi} 字）。依据：{RULE_15}。", [(off, len(text))], severity="warning"))
        else:
            typical = lo <= body_chars <= hi
            checks.append(Check("length", True, f"正文 {body_chars} 字" + ("，篇幅适中。" if typical else
                                f"（一般 {lo}–{hi} 字，上限 {proposal_max_chars} 字）。")))
    else:
        checks.append(Check("length", True, f"正文 {body_chars} 字。", severity="info"))

    # --- title matches body ------------------------------------------------------------------------------
    if title:
        tterms = [t for t in dict.fromkeys(lex.terms(title))]
        found = [t for t in tterms if t in body]
        # jieba may cut the title differently from the body; accept a term whose 2-char head occurs
        found += [t for t in tterms if t not in found and len(t) >= 3 and t[:2] in body]
        ratio = len(found) / len(tterms) if tterms else 1.0
        ok = ratio >= 0.5
        miss = [t for t in tterms if t not in found]
        checks.append(Check("title_body", ok,
                            f"标题关键词在正文中出现 {len(found)}/{len(tterms)} 个" + ("，题文相符。" if ok else
                            f"，“{'、'.join(miss[:4])}”在正文中未出现：请使标题与正文内容一致，标题不宜过宽。"
                            f"依据：{RULE_15}。"), [title_span] if title_span else []))
        if len(title) > 40:
            checks.append(Check("title_length", False, f"标题 {len(title)} 字，过长：请用“关于……的提案”简要概括一个事项。",
                                [title_span] if title_span else [], severity="warning"))
    else:
        checks.append(Check("title_body", False, "没有标题（案由）：请在第一行写“关于……的提案”，概括所提事项。",
                            [(0, 0)], severity="warning"))

    # --- one matter --------------------------------------------------------------------------------------
    om = _one_matter(text, analysis, off, title, lex, embed)
    if g == "motion":
        om.severity = "info"  # a 建议案 may gather several recommendations of a report
    checks.append(om)

    # --- 不予立案 grounds ---------------------------------------------------------------------------------
    strong, topic, personal = _personal_matter(text)
    checks.append(Check("personal_matter", not personal,
                        (f"疑似为本人或亲属解决个人问题（“{'、'.join(dict.fromkeys(h[2] for h in strong))}”"
                         + (f"，涉及“{'、'.join(dict.fromkeys(h[2] for h in topic))}”" if topic else "")
                         + f"）：个人诉求请通过信访等渠道反映。依据：{RULE_REJECT}（为本人或亲属解决个人问题的）。")
                        if personal else "未发现个人或亲属私事。", [(a, b) for a, b, _ in (strong + topic)][:10]
                        if personal else []))
    self_hits = _hits(_PRODUCT_SELF, text)
    prod_hits = _hits(_PRODUCT_WORD, text)
    brand = _hits(_BRAND_PUSH, text)
    promo = (bool(self_hits) and bool(prod_hits)) or bool(brand)
    checks.append(Check("product_promotion", not promo,
                        (f"疑似宣传、推介具体产品或作品（“{'、'.join(dict.fromkeys(h[2] for h in self_hits + brand))}”）："
                         f"提案不能为特定企业、品牌或作品做推广，请改为行业性、普遍性的建议。依据：{RULE_REJECT}"
                         "（宣传、推介具体作品、产品的）。") if promo else "未发现产品或作品推介。",
                        [(a, b) for a, b, _ in (self_hits + brand + prod_hits)][:10] if promo else []))
    acad = _hits(_ACADEMIC, text)
    is_acad = bool(acad) and (len(acad) >= 2 or any("商榷" in h[2] or "争鸣" in h[2] for h in acad))
    checks.append(Check("academic_debate", not is_acad,
                        (f"疑似学术讨论（“{'、'.join(dict.fromkeys(h[2] for h in acad))}”）：学术观点之争不作为提案，"
                         f"请改为针对实际问题的具体建议。依据：{RULE_REJECT}（属于学术研讨的）。") if is_acad
                        else "未发现学术争鸣内容。", [(a, b) for a, b, _ in acad] if is_acad else []))

    # --- near-duplicates in history -------------------------------------------------------------------------
    sims: list[dict[str, Any]] = []
    if similar is not None:
        try:
            sims = list(similar(text) or [])
        except Exception as exc:  # the history is advisory; a broken index must not hide the other checks
            checks.append(Check("duplicates", True, f"历史比对未能完成（{exc}），请稍后重试。", severity="info"))
            sims = []
        else:
            # whole documents: the matter decision's level is the verdict (its score is P(same matter), not a
            # duplicate score); shorter items keep the score threshold as well
            dups = [s for s in sims if s.get("level") == "重复" or (
                s.get("regime") != "document" and float(s.get("score", 0)) >= duplicate_threshold)]
            near = [s for s in sims if s not in dups and (s.get("level") == "相近")]
            if dups:
                names_ = "；".join(f"{s.get('title') or s.get('id')}（{float(s.get('score', 0)):.2f}）" for s in dups[:3])
                why = f"（{dups[0]['reason']}）" if dups[0].get("reason") else ""
                checks.append(Check("duplicates", False, f"与历史提案高度重复：{names_}{why}。请说明新情况、新建议，或与原提案并案。",
                                    [], severity="warning"))
            elif near:
                names_ = "；".join(f"{s.get('title') or s.get('id')}" for s in near[:3])
                why = f"（{near[0]['reason']}）" if near[0].get("reason") else ""
                checks.append(Check("duplicates", True, f"与历史提案相近：{names_}{why}。请参考其办理答复，突出新的建议。",
                                    severity="info"))
            else:
                checks.append(Check("duplicates", True, "未发现与历史提案重复。", severity="info"))
    else:
        checks.append(Check("duplicates", True, "未进行历史比对（未提供历史库）。", severity="info"))

    # --- 承办单位 ----------------------------------------------------------------------------------------
    cats = [str(s["category"]) for s in sims if s.get("category")]
    handlers = dep.suggest(text, categories=cats)
    if handlers:
        msg = "建议承办单位：" + "；".join(f"{h.name}（{h.role}：{'，'.join(h.reasons[:2])}）" for h in handlers)
        checks.append(Check("handlers", True, msg, handlers[0].spans[:5], severity="info"))
    else:
        checks.append(Check("handlers", True, "未能从部门词典确定承办单位，请人工指定。", severity="info"))

    passed = all(c.passed for c in checks if c.severity == "error")
    return CheckReport(passed=passed, genre=g, checks=checks, handlers=[h.to_dict() for h in handlers],
                       similar=sims[:10], title=title)
