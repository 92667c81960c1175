"""The one rule matcher: spaCy's Matcher / PhraseMatcher over jieba tokens, for dates, deadlines, units, departments.

Every stage that looks for a time expression ("今年8月底", "三个月内", "年内"), an answering unit
("A7县公安局交警大队") or a department name ("省教育厅", "财政部门") asks this module instead of keeping its own
regular expressions. One pipeline, built once per process:

- tokens: jieba (:func:`topicmine.text.lexicon.new_tokenizer`, never the global jieba) — then each jieba token is
  cut at numbers and time morphemes ("三个" → 三|个, "工作日内" → 工作日|内, "季度末" → 季度|末, "18日起" → 18|日|起),
  so the patterns see one regular token stream whatever jieba merged;
- :data:`TIME_PATTERNS` — token patterns (spaCy ``Matcher``), one label per calendar rule, most specific first;
  context a pattern cannot say ("年底" not after 今/明/a digit) is checked on the neighbouring characters;
- :func:`unit_spans` — answering units: a run of Chinese tokens ending in 局/委员会/中心/大队/…;
- :class:`PhraseRules` — a ``PhraseMatcher`` over a caller's phrase list (departments and their aliases);
  the phrases become single jieba words, so "教育部门" is found whole and "教育部门口" is not split into a match.

    >>> [(m.label, m.text) for m in time_matches("经协调，施工单位承诺今年8月底前完成，三个月内验收。")]
    [('rel_ym', '今年8月底前'), ('span', '三个月内')]
    >>> [m.text for m in unit_spans("感谢您的支持！A7县公安局交警大队 2014年9月11日")]
    ['A7县公安局交警大队']
    >>> PhraseRules(["省教育厅", "财政部门"]).find("建议省教育厅会同财政部门加大投入")
    [(2, 6, '省教育厅'), (8, 12, '财政部门')]
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

__all__ = ["RuleMatch", "PhraseRules", "time_matches", "unit_spans", "tokens", "TIME_LABELS"]

# ---- tokens -------------------------------------------------------------------------------------------------
#: morphemes of time expressions (longest first when cutting)
_TIME_MORPHEMES = ("工作日", "星期", "今年", "明年", "上半年", "下半年", "中旬", "上旬", "下旬", "之前", "之内", "以内",
                   "季度", "年", "月", "日", "天", "周", "个", "底", "末", "份", "内", "前", "第")
_MORPH_RX = re.compile("|".join(sorted(map(re.escape, _TIME_MORPHEMES), key=len, reverse=True)))
_NUMERALS = "零〇一二两三四五六七八九十"
_CLASS_RUNS = re.compile(rf"\d+|[{_NUMERALS}]+|[^\d{_NUMERALS}]+")
_NUMBERISH = re.compile(rf"[\d{_NUMERALS}]")


def _cut_time_token(tok: str, after_time: bool = False) -> list[str]:
    """``tok`` cut at numbers and time morphemes when it holds a number ("三个" → 三|个), is made of time
    morphemes only ("年底" → 年|底, "工作日内" → 工作日|内), or follows a number or a time word ("18" "日起" →
    日|起); any other token stays whole ("中心", "天心区", "推进"). The patterns then match the same characters
    whatever jieba merged.

    >>> _cut_time_token("三个"), _cut_time_token("工作日内"), _cut_time_token("日起", True), _cut_time_token("中心")
    (['三', '个'], ['工作日', '内'], ['日', '起'], ['中心'])
    """
    if len(tok) == 1 or tok.isascii():
        return [tok]
    whole = "".join(_MORPH_RX.findall(tok)) == tok
    if not (whole or _NUMBERISH.search(tok) or (after_time and _MORPH_RX.match(tok))):
        return [tok]
    out: list[str] = []
    for run in _CLASS_RUNS.findall(tok):
        if _NUMBERISH.match(run):
            out.append(run)
            continue
        k = 0
        for m in _MORPH_RX.finditer(run):
            if m.start() > k:
                out.append(run[k:m.start()])
            out.append(m.group(0))
            k = m.end()
        if k < len(run):
            out.append(run[k:])
    return out


class _Pipeline:
    """jieba tokenizer + spaCy vocab + the time and unit matchers, built once (thread-safe)."""

    def __init__(self) -> None:
        import spacy
        from spacy.matcher import Matcher

        from topicmine.text.lexicon import new_tokenizer

        self.tok = new_tokenizer()
        self.nlp = spacy.blank("zh")
        self.vocab = self.nlp.vocab
        self.time = Matcher(self.vocab)
        for label, pats in TIME_PATTERNS:
            self.time.add(label, pats)
        self.unit = Matcher(self.vocab)
        self.unit.add("unit", _UNIT_PATTERNS, greedy="LONGEST")
        self.lock = threading.Lock()

    def words(self, text: str, tok: Any = None) -> list[str]:
        out: list[str] = []
        for w in (tok or self.tok).lcut(text):
            after_time = bool(out) and bool(_NUMBERISH.search(out[-1][-1]) or _MORPH_RX.fullmatch(out[-1]))
            for piece in _cut_time_token(w, after_time):
                # jieba cuts full-width digit runs ("１５") one digit a token: a number is one token
                if piece.isdigit() and out and out[-1].isdigit():
                    out[-1] += piece
                else:
                    out.append(piece)
        return out

    def doc(self, text: str, tok: Any = None) -> Any:
        from spacy.tokens import Doc

        words = self.words(text, tok)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))


@lru_cache(maxsize=1)
def _pipeline() -> _Pipeline:
    return _Pipeline()


def tokens(text: str) -> list[str]:
    """The token stream the rules see (jieba, time tokens cut into morphemes).

    >>> tokens("预计三季度印发")
    ['预计', '三', '季度', '印发']
    """
    return _pipeline().words(text)


@dataclass(frozen=True)
class RuleMatch:
    """One rule that fired: its label, the characters it covers and the tokens (for reading numbers)."""

    label: str
    text: str
    start: int
    end: int
    words: tuple[str, ...]


# ---- time expressions -----------------------------------------------------------------------------------------
def _t(*orths: str) -> list[dict[str, Any]]:
    return [{"ORTH": o} for o in orths]


def _any(*orths: str) -> list[dict[str, Any]]:
    return [{"ORTH": {"IN": list(orths)}}]


_YEAR = [{"TEXT": {"REGEX": r"^20\d\d$"}}, {"ORTH": "年"}]
_N2 = [{"TEXT": {"REGEX": r"^\d{1,2}$"}}]
_NUM = [{"TEXT": {"REGEX": r"^(?:\d{1,3}|[一二两三四五六七八九十]{1,3})$"}}]
_MON = [{"TEXT": {"REGEX": r"^(?:\d{1,2}|[一二三四五六七八九十]{1,2})$"}}]
_Q = [{"TEXT": {"REGEX": r"^[一二三四1-4]$"}}]
_RY = [_any("今年", "明年"), _t("今", "年"), _t("明", "年")]  # jieba may cut "明年底" as 明|年底
_HALF = [_t("上半年"), _t("下半年")]
_BEFORE = [[], _t("前"), _t("之前")]
_XUN = [_t("中旬"), _t("上旬"), _t("下旬")]


def _seq(*parts: Sequence[list[dict[str, Any]]] | list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Every concatenation of the parts' alternatives (a part is one token list or a list of alternatives)."""
    alts = [p if p and isinstance(p[0], list) else [p] for p in parts]
    return [sum(combo, []) for combo in itertools.product(*alts)]


#: (label, token patterns), most specific first; the same calendar rules as the resolver in uptake/deadlines
TIME_PATTERNS: list[tuple[str, list[list[dict[str, Any]]]]] = [
    ("ymd", _seq(_YEAR, _N2, _t("月"), _N2, _t("日"), _BEFORE)),
    ("ym_end", _seq(_YEAR, _N2, _t("月"), [[], _t("底"), _t("末"), _t("份")], _BEFORE)),
    ("y_half", _seq(_YEAR, _HALF, _BEFORE)),
    ("y_end", _seq(_YEAR, [_t("年", "底"), _t("底"), _t("年", "末"), _t("末")], _BEFORE)),
    ("y_only", _seq(_YEAR)),
    ("rel_ym", _seq(_RY, _MON, _t("月"), [[], _t("份")], [[], _t("底"), _t("末"), *_XUN], _BEFORE)),
    ("rel_half", _seq(_RY, _HALF, _BEFORE)),
    ("rel_end", _seq(_RY, [_t("年", "底"), _t("底"), _t("年", "末"), _t("内")], _BEFORE)),
    ("rel_year", _seq(_RY)),
    ("y_quarter", _seq(_YEAR, [[], _t("第")], _Q, _t("季度"), [[], _t("末"), _t("底")], _BEFORE)),
    ("rel_quarter", _seq([[], *_RY], [[], _t("第")], _Q, _t("季度"), [[], _t("末"), _t("底")], _BEFORE)),
    ("bare_half", _seq(_HALF, _BEFORE)),
    ("year_end", _seq([_t("年", "底"), _t("年", "末"), _t("年", "内")], _BEFORE)),
    ("md", _seq(_N2, _t("月"), _N2, _t("日"), [_t("前"), _t("之前")])),
    ("m_end", _seq(_MON, _t("月"), [_t("份"), _t("底"), _t("末"), *_XUN], _BEFORE)),
    ("span", _seq(_NUM, [_t("个", "工作日"), _t("个", "月"), _t("月"), _t("天"), _t("日"), _t("周"), _t("个", "星期"),
                         _t("星期"), _t("年")], [_t("之内"), _t("内"), _t("以内")])),
]
TIME_LABELS = tuple(label for label, _ in TIME_PATTERNS)
_PRIORITY = {label: i for i, label in enumerate(TIME_LABELS)}

# context the token patterns cannot express: (label, the character before must not be, the one after must not be)
_NOT_BEFORE = {"bare_half": "今明年0123456789", "year_end": "今明0123456789", "md": "年0123456789",
               "m_end": "年0123456789"}
_NOT_AFTER = {"y_only": "0123456789", "rel_year": "一二三四五六七八九十0123456789年上下底"}


def time_matches(text: str) -> list[RuleMatch]:
    """Every time expression in ``text``, left to right; where two overlap the more specific rule wins
    (the order of :data:`TIME_PATTERNS`), and for one rule the longer span.

    >>> [(m.label, m.text) for m in time_matches("已列入2019年建设计划，预计今年9月底完工，明年上半年投入使用。")]
    [('y_only', '2019年'), ('rel_ym', '今年9月底'), ('rel_half', '明年上半年')]
    """
    p = _pipeline()
    with p.lock:
        doc = p.doc(text)
        raw = p.time(doc)
    cands = []
    for match_id, s, e in raw:
        label = p.vocab.strings[match_id]
        span = doc[s:e]
        a, b = span.start_char, span.end_char
        if a > 0 and text[a - 1] in _NOT_BEFORE.get(label, ""):
            continue
        if b < len(text) and text[b] in _NOT_AFTER.get(label, ""):
            continue
        cands.append((_PRIORITY[label], -(b - a), a, b, label, tuple(t.text for t in span)))
    taken: list[tuple[int, int]] = []
    out: list[RuleMatch] = []
    for _, _, a, b, label, words in sorted(cands):
        if any(a < y and x < b for x, y in taken):
            continue
        taken.append((a, b))
        out.append(RuleMatch(label, text[a:b], a, b, words))
    return sorted(out, key=lambda m: m.start)


# ---- answering units ------------------------------------------------------------------------------------------
_UNIT_SUFFIX = r"(?:局|委员会|委|办公室|办事处|街道|管理处|中心|大队|支队|政府|厅|公司|网宣办|办|站|所)$"
_UNIT_PATTERNS = [
    [{"TEXT": {"REGEX": r"^[A-Z]\d{0,2}$"}, "OP": "?"},
     {"TEXT": {"REGEX": r"^[\u4e00-\u9fa5]+$"}, "OP": "{0,10}"},
     {"TEXT": {"REGEX": "^[\u4e00-\u9fa5]*" + _UNIT_SUFFIX}}],
]


#: tokens a unit name never contains: a clause ("…经县教育局", "我们已发函交办给县住建局") runs into the name there
_UNIT_BREAK = frozenset("的 由 经 已 是 也 给 我 我们 将 对 在 向 到 及 或 为 被 把 从 等 已经 积极 配合 通知 转 交办 和其它".split())
_UNIT_MAX_CHARS = 18


def unit_spans(text: str) -> list[RuleMatch]:
    """Unit names ("A7县公安局交警大队", "A市住房和城乡建设局"): Chinese tokens ending in an administrative
    suffix, optionally after a place code (A7, B3), at most 18 characters after the code, never across a
    function word; longest first, not overlapping; a suffix followed by 员/托/办 is no unit ("委员", "托管").

    >>> [m.text for m in unit_spans("A市住房和城乡建设局回复")]
    ['A市住房和城乡建设局']
    >>> [m.text for m in unit_spans("我们已发函交办给县住建局进行办理")]
    ['县住建局']
    """
    p = _pipeline()
    with p.lock:
        doc = p.doc(text)
        raw = p.unit(doc)
    out: list[RuleMatch] = []
    for _, s, e in sorted(raw, key=lambda m: (m[1], -(m[2] - m[1]))):
        if doc[e - 1].idx + len(doc[e - 1]) < len(text) and text[doc[e - 1].idx + len(doc[e - 1])] in "员托办":
            continue
        code = 1 if doc[s].text.isascii() else 0
        k = e - 1  # grow leftwards from the suffix token while the name stays a name
        while k - 1 >= s + code and doc[k - 1].text not in _UNIT_BREAK and doc[k - 1:e].end_char - doc[k - 1].idx <= _UNIT_MAX_CHARS:
            k -= 1
        if code and k == s + code:
            k = s
        span = doc[k:e]
        if out and span.start_char < out[-1].end:
            continue
        out.append(RuleMatch("unit", span.text, span.start_char, span.end_char, tuple(t.text for t in span)))
    return out


# ---- phrase lists (departments) -------------------------------------------------------------------------------
class PhraseRules:
    """A spaCy PhraseMatcher over jieba tokens for a fixed list of phrases; each phrase is added to a private
    tokenizer as one word (so it stays whole), matches are longest-first and never overlap.

    >>> PhraseRules(["教育部门", "教育"]).find("教育部门口的教育问题")
    [(0, 4, '教育部门'), (6, 8, '教育')]
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = list(dict.fromkeys(p for p in phrases if p))
        self._built: tuple[Any, Any] | None = None
        self._lock = threading.Lock()

    def _build(self) -> tuple[Any, Any]:
        from spacy.matcher import PhraseMatcher

        from topicmine.text.lexicon import new_tokenizer

        p = _pipeline()
        tok = new_tokenizer()
        for s in self.phrases:
            tok.add_word(s, freq=50000)
        matcher = PhraseMatcher(p.vocab, attr="ORTH")
        for s in self.phrases:
            matcher.add(s, [p.doc(s, tok)])
        return tok, matcher

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, phrase)`` of every phrase in ``text``, longest match where two overlap."""
        p = _pipeline()
        with self._lock:
            if self._built is None:
                self._built = self._build()
            tok, matcher = self._built
            doc = p.doc(text, tok)
            raw = matcher(doc)
        spans = sorted(((doc[s:e].start_char, doc[s:e].end_char, p.vocab.strings[mid]) for mid, s, e in raw),
                       key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[tuple[int, int, str]] = []
        for s, e, surf in spans:
            if out and s < out[-1][1]:
                continue
            out.append((s, e, surf))
        return out
