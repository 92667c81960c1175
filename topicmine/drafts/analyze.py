"""Report analysis: structure of a 调研报告 and its suggestion units.

A research report is numbered 一、（一）1.（1） and usually runs 基本情况 → 存在问题 → 对策建议; a Jiangsu
proposal marks the same parts inline (``调研情况：… 问题分析：… 具体建议：…``). This module recovers
both shapes with a light parser of its own (no dependency on the segment stage, so a notebook can use it
alone), then extracts every *suggestion unit* — one recommendation with the situation / problem passages
that support it — and groups units that carry the same matter (一事一案).

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

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# --------------------------------------------------------------------------------------------------------
# text helpers shared by the drafts package
# --------------------------------------------------------------------------------------------------------

#: characters after which a numbering token may start a new item (besides line starts)
_BOUNDARY_BEFORE = "。；！？：:;!?"
_SENT_END = "。！？；!?;"
_SPACE = " \t\u3000\xa0"

_CN = "一二三四五六七八九十"
# numbering tokens by rank (GB/T 9704 §7.3.3 order: 一、 > （一） > 1. > （1）)
_MARKERS: list[tuple[float, re.Pattern[str]]] = [
    (1.0, re.compile(rf"第[{_CN}]{{1,3}}(?:部分|章)[、，,\s]?|[{_CN}]{{1,3}}、")),
    (2.0, re.compile(rf"[（(][{_CN}]{{1,3}}[）)]")),
    (3.0, re.compile(r"\d{1,2}(?:[、．]|\.(?!\d))")),
    (4.0, re.compile(r"[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮]")),
]
_BLOCK_RANK = 1.5  # inline "调研情况：" blocks sit below 一、 and above （一）

_SITUATION_WORDS = r"基本情况|调研情况|情况|现状|背景|概况|成效|做法|进展|基础|简介|总体"
_PROBLEM_WORDS = r"问题|不足|短板|困难|挑战|原因|瓶颈|症结|差距|风险|制约"
_SUGGESTION_WORDS = r"建议|对策|措施|举措|路径|思路|意见|办法"

# inline block markers (keyword + colon at a boundary); group "kw"
_BLOCK_RE = re.compile(
    r"(?P<kw>调研情况|基本情况|情况介绍|现状分析|问题分析|存在问题|主要问题|原因分析|问题及原因|"
    r"具体建议|对策建议|意见建议|具体意见|几点建议|建议措施|政策建议|"
    r"(?:(?:为此|因此|对此|据此|特)[，,]?)?(?:提出|有|提)?(?:如下|以下|几点|下列)?(?:意见)?建议(?:如下)?)[：:]"
)
# enumerations inside a paragraph: 一是 / 其一 / 第一， / 首先，
_ENUM_RE = re.compile(
    rf"(?:[{_CN}]{{1,2}}是|其[{_CN}]{{1,2}}[，,、]|第[{_CN}]{{1,2}}[，,、]|首先[，,]|其次[，,]|再次[，,]|最后[，,])"
)
_MATTER_TITLE_RE = re.compile(r"^关于.{4,}|.{6,}的(?:建议|提案|建议案)$")


def clean_text(s: str) -> str:
    """Join hard-wrapped lines and collapse spaces, keeping every character of the wording.

    PDF-extracted proposals wrap lines inside sentences; drafts quote the source, so only whitespace may
    change. ``clean_text("国家对厕所\\n问题的关注")`` → ``'国家对厕所问题的关注'``.
    """
    s = re.sub(r"\s*\n\s*", "\n", s.strip())
    # a newline between two CJK characters (or CJK and punctuation) is a wrap, not a paragraph
    s = re.sub(r"(?<=[^\x00-\x7f])\n(?=[^\x00-\x7f])", "", s)
    s = re.sub(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+(?=[^\x00-\x7f])", "", s)
    s = re.sub(r"[ \t\u3000\xa0]+", " ", s)
    return s.replace("\n", "")


def _at_boundary(text: str, pos: int) -> bool:
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


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` as (start, end) with surrounding whitespace trimmed.

    Ends at 。！？； (keeping closing quotes) and at paragraph breaks (a newline after sentence
    punctuation or a colon, a blank line, or a short heading line); a hard wrap inside a sentence
    does not end it.
    """
    n = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    s = start
    i = start
    while i < n:
        ch = text[i]
        if ch in _SENT_END:
            cut = i + 1
            while cut < n and text[cut] in "”’\"」』）)":
                cut += 1
            _push_span(text, s, cut, spans)
            s = i = cut
            continue
        if ch == "\n":
            # the whole physical line (not just this sentence's part of it) decides "short heading line"
            line = text[text.rfind("\n", 0, i) + 1 : i].strip()
            seg = text[s:i].strip()
            nxt = i + 1
            while nxt < n and text[nxt] in _SPACE:
                nxt += 1
            blank = nxt < n and text[nxt] == "\n"
            if seg and (seg[-1] in "：:" or blank or (seg == line and len(line) <= 30)):
                _push_span(text, s, i, spans)
                s = i + 1
        i += 1
    _push_span(text, s, n, spans)
    return spans


def _push_span(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


# --------------------------------------------------------------------------------------------------------
# words and key terms (own jieba.Tokenizer, never the global one)
# --------------------------------------------------------------------------------------------------------

#: words too generic to carry a matter (titles, similarity); kept small and domain-specific
GENERIC_TERMS = frozenset(
    """
    建议 提案 关于 加强 推进 推动 进一步 提高 提升 完善 建立 健全 加大 加快 强化 落实 实施 开展 做好 促进 支持
    鼓励 引导 积极 切实 努力 不断 持续 全面 深入 有效 充分 更加 相关 有关 部门 单位 工作 问题 情况 方面 我们 目前
    当前 现在 同时 一些 部分 存在 需要 进行 通过 实现 形成 发挥 作用 重要 主要 具体 我省 我市 全省 全市 各地 地方
    政府 一是 二是 三是 四是 五是 六是 其一 其二 首先 其次 最后 以及 并且 对于 由于 因此 所以 但是 可以 应该 应当
    要求 必须 能够 没有 不够 不足 较为 比较 相对 明显 进而 从而 已经 正在 逐步 尽快 着力 努力 力度 水平 能力 体系
    机制 制度 建设 发展 管理 服务 方式 措施 政策 对策 意见 办法 调研 分析 报告 我国 国家 社会 一定 方面 领域 其中
    之一 一个 两个 这些 这种 这个 以上 以下 如下 不断 共同 统一 明确 研究 规范 保障 提供 增加 扩大 优化 创新 认真
    """.split()
)

_BUILTIN_STOPWORDS = frozenset(
    """的 地 得 了 着 过 是 在 和 与 及 或 并 而 且 也 都 就 又 还 被 把 将 对 从 向 以 为 于 由 等 之 其 该 此 这 那
    有 无 不 个 各 每 本 年 月 日 中 上 下 内 外 后 前 多 少 大 小 让 使 给 去 来 到 说 要 会 能 可 已 更 最 很 较""".split()
)


@lru_cache(maxsize=4)
def _tokenizer(user_dict: str | None, extra: tuple[str, ...] = ()) -> Any:
    import jieba

    tok = jieba.Tokenizer()
    if user_dict and Path(user_dict).is_file():
        tok.load_userdict(user_dict)
    for w in extra:
        tok.add_word(w, freq=20000)
    return tok


@lru_cache(maxsize=4)
def _stopwords(path: str | None) -> frozenset[str]:
    words = set(_BUILTIN_STOPWORDS)
    if path and Path(path).is_file():
        words.update(w.strip() for w in Path(path).read_text(encoding="utf-8").splitlines() if w.strip())
    return frozenset(words)


_TERM_OK = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9]+$")


@dataclass(frozen=True)
class Lexicon:
    """Where words come from: an optional jieba user dictionary and stopword list (paths).

    With no paths a built-in stopword list is used, so the module works alone.
    """

    user_dict: str | None = None
    stopwords: str | None = None
    extra_words: tuple[str, ...] = ()

    def words(self, text: str) -> list[str]:
        tok = _tokenizer(self.user_dict, self.extra_words)
        return [w for w in tok.lcut(clean_text(text)) if w.strip() and not re.fullmatch(r"\W+", w)]

    def terms(self, text: str) -> list[str]:
        """Content terms: no stopwords, no generic policy verbs, no single characters or numbers."""
        stop = _stopwords(self.stopwords)
        return [
            w for w in self.words(text) if len(w) >= 2 and _TERM_OK.match(w) and w not in stop
            and w not in GENERIC_TERMS
        ]

    def key_terms(self, text: str, k: int = 6) -> list[str]:
        """Most frequent content terms, ties broken by first occurrence (longer terms first)."""
        ts = self.terms(text)
        c = Counter(ts)
        first = {t: i for i, t in reversed(list(enumerate(ts)))}
        return sorted(c, key=lambda t: (-c[t] - 0.1 * min(len(t), 4), first[t]))[:k]


DEFAULT_LEXICON = Lexicon()


def tfidf_similarity(texts_a: Sequence[str], texts_b: Sequence[str], lexicon: Lexicon = DEFAULT_LEXICON) -> np.ndarray:
    """Cosine similarity of term tf-idf vectors (idf over both lists): shape (len(a), len(b))."""
    docs = [Counter(lexicon.terms(t)) for t in list(texts_a) + list(texts_b)]
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    vocab = {w: i for i, w in enumerate(df)}
    n = len(docs)
    m = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for r, d in enumerate(docs):
        for w, c in d.items():
            m[r, vocab[w]] = (1 + math.log(c)) * (math.log((n + 1) / (df[w] + 0.5)))
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    m = m / np.where(norms == 0, 1, norms)
    return m[: len(texts_a)] @ m[len(texts_a) :].T


# --------------------------------------------------------------------------------------------------------
# records
# --------------------------------------------------------------------------------------------------------


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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SupportPassage:
    """A situation or problem passage that supports a suggestion, with why it was linked."""

    kind: str  # "situation" | "problem"
    start: int
    end: int
    text: str
    section: int | None
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SuggestionUnit:
    """One recommendation of the report (``一是……`` / ``1.……`` / ``建议……``)."""

    id: str
    start: int
    end: int
    text: str
    marker: str  # "enumeration" | "item" | "sentence" | "paragraph" | "lead" (words leading into the measures)
    section: int | None
    heading: str = ""  # heading of the numbered item it belongs to, if any
    key_terms: list[str] = field(default_factory=list)
    support: list[SupportPassage] = field(default_factory=list)
    group: str = ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["support"] = [s.to_dict() for s in self.support]
        return d


@dataclass
class UnitGroup:
    """Units that carry one matter (一事一案); one draft is built per group."""

    id: str
    unit_ids: list[str]
    heading: str  # the matter's heading in the report ("" when none)
    heading_span: tuple[int, int] | None
    start: int
    end: int
    key_terms: list[str] = field(default_factory=list)
    support: list[SupportPassage] = field(default_factory=list)
    scope: int | None = None  # the matter section the group lives in (None: whole report)
    #: the parts its matter section has of its own (situation / problem / suggestion): a matter the report
    #: carries as a whole proposal ("调研情况：… 问题分析：… 具体建议：…") has all three
    form: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["support"] = [s.to_dict() for s in self.support]
        return d


@dataclass
class ReportAnalysis:
    """Result of :func:`analyze_report`: sections, passages, units and groups, all with offsets."""

    text: str
    sections: list[ReportSection]
    passages: list[SupportPassage]
    units: list[SuggestionUnit]
    groups: list[UnitGroup]

    def unit(self, unit_id: str) -> SuggestionUnit:
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)

    def group_units(self, group: UnitGroup) -> list[SuggestionUnit]:
        ids = set(group.unit_ids)
        return [u for u in self.units if u.id in ids]

    def to_dict(self) -> dict[str, Any]:
        return {
            "sections": [s.to_dict() for s in self.sections],
            "units": [u.to_dict() for u in self.units],
            "groups": [g.to_dict() for g in self.groups],
        }


# --------------------------------------------------------------------------------------------------------
# structure
# --------------------------------------------------------------------------------------------------------


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


def _number_value(number: str) -> int | None:
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


def classify_heading(heading: str) -> str | None:
    """situation / problem / suggestion / matter from a heading's wording, or None.

    >>> classify_heading("三、对策建议"), classify_heading("关于完善公厕指引系统的建议")
    ('suggestion', 'matter')
    """
    h = re.sub(r"^\W*[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?", "", heading.strip())
    if re.search(r"(?:调研|研究|考察|视察|协商)?报告$", h):
        return None  # the report's own title ("关于……情况的调研报告") frames the whole text, not one matter
    if _MATTER_TITLE_RE.match(h) and len(h) > 10:
        return "matter"
    if len(h) > 24:  # a sentence, not a block heading
        return None
    if re.search(_SUGGESTION_WORDS, h):
        return "suggestion"
    if re.search(_PROBLEM_WORDS, h):
        return "problem"
    if re.search(_SITUATION_WORDS, h):
        return "situation"
    return None


def _block_kind(kw: str) -> str:
    if re.search(r"建议|意见|措施", kw):
        return "suggestion"
    if re.search(r"问题|原因", kw):
        return "problem"
    return "situation"


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
    for m in _BLOCK_RE.finditer(text):
        # "调研情况：/问题分析：/具体建议：" are unambiguous even when scraping lost the break before them;
        # a bare "建议：" counts only at a boundary
        if not _at_boundary(text, m.start()) and m.group("kw") == "建议":
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
                stack[-1].kind == kind and classify_heading(stack[-1].heading) == kind)):
            # "（二）问题分析⏎主要问题：……": a block keyword opening a section's body, or naming the same part
            # as the section's own heading, belongs to that section
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
            if s.index not in {a.index for a in _ancestors(sections, t2.parent)}:
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
                     {a.index for a in _ancestors(sections, d.parent)}}
            if "suggestion" in kinds and kinds & {"situation", "problem"}:
                s.kind = "matter"
    counters: Counter[tuple[int | None, bool]] = Counter()
    for s in sections:
        counters[(s.parent, s.inline)] += 1
        s.ordinal = counters[(s.parent, s.inline)]
    return sections


def _kind_at(sections: list[ReportSection], pos: int) -> tuple[str | None, int | None]:
    best: ReportSection | None = None
    for s in sections:
        if s.start <= pos < s.end and (best is None or s.start >= best.start):
            best = s
    if best is None:
        return None, None
    return best.kind, best.index


def _children(sections: list[ReportSection], idx: int | None) -> list[ReportSection]:
    return [s for s in sections if s.parent == idx]


def _leaf_bodies(sections: list[ReportSection], text: str) -> list[tuple[int, int, int | None]]:
    """Text regions not covered by a child section: (start, end, section index or None)."""
    regions: list[tuple[int, int, int | None]] = []

    def walk(idx: int | None, start: int, end: int) -> None:
        cursor = start
        for c in _children(sections, idx):
            if c.start > cursor:
                regions.append((cursor, c.start, idx))
            walk(c.index, c.start, c.end)
            cursor = max(cursor, c.end)
        if end > cursor:
            regions.append((cursor, end, idx))

    walk(None, 0, len(text))
    return [r for r in regions if text[r[0] : r[1]].strip()]


# --------------------------------------------------------------------------------------------------------
# units, passages, groups
# --------------------------------------------------------------------------------------------------------

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
    """Sentences of a region merged into passages of at most ``max_chars`` (never across paragraphs)."""
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for s, e in sentence_spans(text, a, b):
        if cur is None:
            cur = (s, e)
        elif e - cur[0] <= max_chars and "\n\n" not in text[cur[1] : s]:
            cur = (cur[0], e)
        else:
            out.append(cur)
            cur = (s, e)
    if cur:
        out.append(cur)
    return out


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
    sections = parse_sections(text, headings)
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
        if kind == "suggestion":
            item = sec is not None and not sec.inline and sec.number and _children(sections, sec.index) == []
            # inside a matter (a proposal the report carries whole), its 具体建议 block is quoted whole: the
            # words leading into the measures ("……，我们建议：", an item's heading and intro) belong to it
            scoped = sec is not None and any(s.kind == "matter" for s in _ancestors(sections, sec.index))
            n_before = len(units)
            enum = _split_enumerations(text, body_a, b)
            if enum:
                lead_a, lead_b = enum[0]
                if lead_b - lead_a >= 30 and _ACTION_RE.search(text[lead_a:lead_b]) and not _INTRO_RE.search(
                    text[lead_a:lead_b].strip()[-6:]
                ):
                    add_unit(lead_a, lead_b, "paragraph", sec_idx, sec.heading if item else "")
                elif scoped and item and lead_b > lead_a and _short_lead(text, sec.start, lead_b):
                    # "1.强化交通互联，提升转移承接能力。主要有三个方面需要加强对接：一是……"
                    add_unit(sec.start, lead_b, "lead", sec_idx, sec.heading)
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
            for s, e in _chunk_passages(text, head_span[0] if head_span else body_a, b):
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
    for i, u in enumerate(units, 1):
        u.id = f"u{i}"
        u.key_terms = lex.key_terms(u.text, 5)

    groups = _group_units(text, sections, units, lex)
    _link_support(text, sections, units, groups, passages, lex, embed, max_support)
    return ReportAnalysis(text=text, sections=sections, passages=passages, units=units, groups=groups)


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


def _ancestors(sections: list[ReportSection], idx: int | None) -> list[ReportSection]:
    out = []
    while idx is not None:
        out.append(sections[idx])
        idx = sections[idx].parent
    return out


def _group_units(text: str, sections: list[ReportSection], units: list[SuggestionUnit], lex: Lexicon) -> list[UnitGroup]:
    """One group per matter.

    A numbered report-level block (``三、对策建议``) lists several matters: each child item (or each
    enumeration, when it has no children) is its own group. An inline block (``具体建议：``) or a block
    inside a matter section ("一、关于……的建议") is one proposal's list of measures: one group.
    """
    keys: list[tuple[Any, ...]] = []
    heads: dict[tuple[Any, ...], tuple[str, tuple[int, int] | None, int | None]] = {}
    for u in units:
        anc = _ancestors(sections, u.section)
        sugg = [s for s in anc if s.kind == "suggestion"]
        matter = next((s for s in anc if s.kind == "matter"), None)
        scope = matter.index if matter else None
        if sugg:
            block = sugg[-1]  # outermost suggestion section
            report_level = (not block.inline) and matter is None and block.number != ""
            if report_level:
                child = next((s for s in anc if s.parent == block.index), None)
                if child is not None:
                    key: tuple[Any, ...] = ("child", child.index)
                    heads[key] = (child.heading, (child.start, child.body_start), scope)
                else:
                    key = ("unit", u.start)
                    heads[key] = ("", None, scope)
            else:
                key = ("block", block.index if matter is None else matter.index)
                if matter is not None:
                    heads[key] = (matter.heading, (matter.start, matter.body_start), scope)
                else:
                    heads[key] = ("", None, scope)
        else:
            # "建议……" sentences in an unlabelled region: the matter section, else the whole document
            sec = matter or next((s for s in reversed(anc) if s.number), None)
            key = ("free", sec.index if sec else None)
            heads[key] = ((sec.heading, (sec.start, sec.body_start), scope) if sec and sec.kind == "matter"
                          else ("", None, scope))
        keys.append(key)
    groups: list[UnitGroup] = []
    by_key: dict[tuple[Any, ...], UnitGroup] = {}
    for u, key in zip(units, keys):
        g = by_key.get(key)
        if g is None:
            heading, span, scope = heads[key]
            g = UnitGroup(id=f"g{len(groups) + 1}", unit_ids=[], heading=heading, heading_span=span,
                          start=u.start, end=u.end, scope=scope)
            by_key[key] = g
            groups.append(g)
        g.unit_ids.append(u.id)
        g.start, g.end = min(g.start, u.start), max(g.end, u.end)
        u.group = g.id
    for g in groups:
        g.key_terms = lex.key_terms(" ".join([g.heading] * 2 + [u.text for u in units if u.group == g.id]), 6)
        if g.scope is not None:
            parts = {s.kind for s in sections if s.parent == g.scope}
            g.form = [k for k in ("situation", "problem", "suggestion") if k in parts]
    return groups


def _link_support(
    text: str,
    sections: list[ReportSection],
    units: list[SuggestionUnit],
    groups: list[UnitGroup],
    passages: list[SupportPassage],
    lex: Lexicon,
    embed: Callable[[list[str]], np.ndarray] | None,
    k: int,
) -> None:
    """Attach situation/problem passages to each unit and group.

    Score = similarity (tf-idf cosine, or the mean with ``embed`` cosine) + 0.5 when the passage sits in
    the section parallel to the unit's (问题（二） ↔ 建议（二）) + 0.3 when both are inside the same matter
    section. Within a matter section every unit keeps at least its matter's first situation and problem
    passage, because a proposal's 调研情况/问题分析 support all of its 具体建议.
    """
    if not units or not passages:
        return
    sim = tfidf_similarity([u.text for u in units], [p.text for p in passages], lex)
    if embed is not None:
        ue = np.asarray(embed([u.text for u in units]), dtype=np.float32)
        pe = np.asarray(embed([p.text for p in passages]), dtype=np.float32)
        sim = 0.5 * sim + 0.5 * (ue @ pe.T)
    group_of = {g.id: g for g in groups}

    def ordinal_path(idx: int | None) -> list[int]:
        """ordinals below the top block, e.g. 三、（二） → [2]"""
        anc = _ancestors(sections, idx)
        return [s.ordinal for s in reversed(anc)][1:]

    def matter_of(idx: int | None) -> int | None:
        for s in _ancestors(sections, idx):
            if s.kind == "matter":
                return s.index
        return None

    single = len(groups) == 1
    p_paths = [ordinal_path(p.section) for p in passages]
    p_matter = [matter_of(p.section) for p in passages]
    for ui, u in enumerate(units):
        g = group_of[u.group]
        upath = ordinal_path(u.section)
        scored: list[tuple[float, int, list[str]]] = []
        for pi, p in enumerate(passages):
            if g.scope is not None and p_matter[pi] != g.scope:
                continue  # a matter's suggestions draw on that matter's own situation and problems
            reasons = []
            s = float(sim[ui, pi])
            if s > 0.05:
                reasons.append(f"用词相近（{s:.2f}）")
            if upath and p_paths[pi] and upath[0] == p_paths[pi][0] and len(p_paths[pi]) >= 1 and p.section is not None \
                    and sections[p.section].rank > 1:
                s += 0.5
                reasons.append("章节平行（同一序号）")
            if g.scope is not None:
                s += 0.3
                reasons.append("同一事项章节")
            scored.append((s, pi, reasons))
        for kind in ("situation", "problem"):
            cands = sorted((c for c in scored if passages[c[1]].kind == kind), key=lambda c: -c[0])
            keep = [c for c in cands if c[0] >= 0.12][:k]
            if not keep and cands and (g.scope is not None or single):
                # one matter in scope: its first situation / problem passage frames every suggestion
                keep = [min(cands, key=lambda c: c[1])]
            elif not keep and cands and cands[0][0] > 0.03:
                keep = cands[:1]
            for s, pi, reasons in keep:
                p = passages[pi]
                u.support.append(SupportPassage(kind=p.kind, start=p.start, end=p.end, text=p.text,
                                                section=p.section, score=round(s, 3), reasons=reasons))
        u.support.sort(key=lambda p: p.start)
    for g in groups:
        seen: dict[tuple[int, int], SupportPassage] = {}
        for u in units:
            if u.group != g.id:
                continue
            for p in u.support:
                if (p.start, p.end) not in seen or seen[(p.start, p.end)].score < p.score:
                    seen[(p.start, p.end)] = p
        g.support = sorted(seen.values(), key=lambda p: p.start)
