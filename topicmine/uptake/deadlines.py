"""Dates and commitment deadlines in a reply, normalised against the reply's date.

A reply promises "今年8月底前完成", "预计年底建成", "30日内研究部署", "纳入2018年改造计划". This module finds
the time expression that belongs to a *commitment* (a clause with 将/预计/计划/争取/承诺/限期/…, not one that
reports what was done: "2019年5月20日到该公司进行了现场调查") and resolves it to a calendar date:

    >>> from datetime import date
    >>> find_deadline("经协调，施工单位承诺今年8月底前完成修复。", date(2019, 5, 10)).due
    datetime.date(2019, 8, 31)
    >>> find_deadline("我局将在三个月内完成整改。", date(2019, 5, 10)).due
    datetime.date(2019, 8, 10)
    >>> find_deadline("2019年5月20日执法人员到现场进行了调查。", date(2019, 6, 1)) is None
    True
    >>> find_deadline("目前正在履行审查程序，预计三季度印发实施。", date(2024, 5, 30)).due
    datetime.date(2024, 9, 30)

Time expressions come from the one rule matcher (:mod:`topicmine.text.rules`, spaCy token patterns over jieba
tokens), not a model: each match carries the rule that fired, shown to the user as the reason (``rule``), so the
督办 office can see why a date was read as a promise. Which expression is a *promise* is decided here, from
the clause around it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from topicmine.text.rules import RuleMatch, time_matches

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

#: a number written with digits or Chinese numerals up to 99 (十五, 二十, 三十)
NUM = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3})"


def cn_number(s: str) -> int | None:
    """``"三十"`` → 30, ``"12"`` → 12, ``"两"`` → 2; None for anything else.

    >>> [cn_number(x) for x in ("三", "十", "十五", "二十", "三十一", "7")]
    [3, 10, 15, 20, 31, 7]
    """
    if s.isdigit():
        return int(s)
    if not s or any(ch not in _CN_DIGITS and ch != "十" for ch in s):
        return None
    if "十" in s:
        tens, _, ones = s.partition("十")
        t = _CN_DIGITS.get(tens, 1) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        return t * 10 + o
    if len(s) == 1:
        return _CN_DIGITS[s]
    return None


def parse_when(text: str) -> datetime | None:
    """A reply/item timestamp from the usual spellings ("2019/5/9 16:01:40", "2019-05-09", "2019年5月9日").

    >>> parse_when("2019/5/9 16:01:40")
    datetime.datetime(2019, 5, 9, 16, 1, 40)
    >>> parse_when("2019年5月9日").date()
    datetime.date(2019, 5, 9)
    """
    if text is None:
        return None
    s = str(text).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", s)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    hh, mm, ss = (int(m.group(i)) if m.group(i) else 0 for i in (4, 5, 6))
    try:
        return datetime(y, mo, d, hh, mm, ss)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _add_workdays(d: date, n: int) -> date:
    out = d
    while n > 0:
        out += timedelta(days=1)
        if out.weekday() < 5:
            n -= 1
    return out


@dataclass(frozen=True)
class Deadline:
    """A promised time: the words as written, the resolved date (None if conditional), the rule and offsets."""

    span: str
    due: date | None
    rule: str
    start: int
    end: int

    def as_dict(self) -> dict[str, object]:
        return {"span": self.span, "due": self.due.isoformat() if self.due else None, "rule": self.rule,
                "start": self.start, "end": self.end}


# The time expressions themselves are found by the one rule matcher (:mod:`topicmine.text.rules`: spaCy token
# patterns over jieba tokens, most specific first); this module reads their numbers and resolves them to dates.
_CN_NUM = re.compile(r"^(?:\d+|[零〇一二两三四五六七八九十]+)$")


def _groups(m: RuleMatch) -> dict[str, str | None]:
    """The parts a calendar rule needs (year, month, day, half, quarter, count, unit) from a match's tokens."""
    w = list(m.words)
    g: dict[str, str | None] = {}
    if len(w) > 1 and re.fullmatch(r"20\d\d", w[0]) and w[1] == "年":
        g["y"], w = w[0], w[2:]
    if w and w[0] in ("今年", "明年"):
        g["ry"], w = w[0], w[1:]
    elif len(w) > 1 and w[0] in ("今", "明") and w[1] == "年":
        g["ry"], w = w[0] + "年", w[2:]
    joined = "".join(w)
    if "半年" in joined:
        g["h"] = "上半年" if "上半年" in joined else "下半年"
    nums = [x for x in w if _CN_NUM.match(x)]
    if m.label in ("ymd", "md"):
        g["m"], g["d"] = nums[0], nums[1]
    elif m.label in ("ym_end", "rel_ym", "m_end"):
        g["m"] = nums[0]
    elif m.label in ("y_quarter", "rel_quarter"):
        g["q"] = nums[0]
    elif m.label == "span":
        g["n"] = nums[0]
        k = w.index(nums[0]) + 1
        g["u"] = "".join(w[k:]).replace("之内", "").replace("以内", "").removesuffix("内")
    return g


# A clause promises something when it carries one of these, and does not only report the past.
COMMIT_CUES = re.compile(
    r"将|预计|计划|争取|力争|承诺|拟|确保|限期|责成|要求.{0,12}(?:前|内)完成|即将|待.{1,20}后|正在|"
    r"列入|纳入|启动|开工|建成|完成|动工|实施|投入使用|整改"
)
_PAST_CUES = re.compile(r"已于|已经|已在|已列入|已纳入|已被|于\d{4}年|进行了|开展了|召开|下达了|曾")


def _resolve(name: str, g: dict[str, str | None], ref: date) -> date | None:
    if name == "ymd":
        try:
            return date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            return None
    if name == "ym_end":
        mo = int(g["m"])
        return _month_end(int(g["y"]), mo) if 1 <= mo <= 12 else None
    if name in ("y_half", "rel_half"):
        y = int(g["y"]) if g.get("y") else ref.year + (1 if g.get("ry") == "明年" else 0)
        return date(y, 6, 30) if g["h"] == "上半年" else date(y, 12, 31)
    if name in ("y_quarter", "rel_quarter"):
        q = cn_number(g["q"]) or 0
        y = int(g["y"]) if g.get("y") else ref.year + (1 if g.get("ry") == "明年" else 0)
        return _month_end(y, 3 * q) if 1 <= q <= 4 else None
    if name == "bare_half":
        return date(ref.year, 6, 30) if g["h"] == "上半年" else date(ref.year, 12, 31)
    if name in ("y_end", "y_only"):
        return date(int(g["y"]), 12, 31)
    if name in ("rel_ym",):
        mo = cn_number(g["m"])
        if not mo or not 1 <= mo <= 12:
            return None
        y = ref.year + (1 if g["ry"] == "明年" else 0)
        return _month_end(y, mo)
    if name in ("rel_end", "rel_year"):
        return date(ref.year + (1 if g["ry"] == "明年" else 0), 12, 31)
    if name == "year_end":
        return date(ref.year, 12, 31)
    if name == "md":
        mo, d = int(g["m"]), int(g["d"])
        y = ref.year if (mo, d) >= (ref.month, ref.day) else ref.year + 1
        try:
            return date(y, mo, d)
        except ValueError:
            return None
    if name == "m_end":
        mo = cn_number(g["m"])
        if not mo or not 1 <= mo <= 12:
            return None
        # "8月底之前…" in a November reply describes the past; a promise names next year ("明年8月")
        return _month_end(ref.year, mo) if mo >= ref.month else None
    if name == "span":
        n = cn_number(g["n"])
        if n is None:
            return None
        u = g["u"]
        if u == "个工作日":
            return _add_workdays(ref, n)
        if u in ("天", "日"):
            return ref + timedelta(days=n)
        if u in ("周", "个星期", "星期"):
            return ref + timedelta(days=7 * n)
        if u in ("月", "个月"):
            return _add_months(ref, n)
        if u == "年":
            return _add_months(ref, 12 * n)
    return None


def time_expressions(text: str, ref: date) -> list[Deadline]:
    """Every time expression in ``text`` with its resolved date (no commitment filter), left to right.

    >>> [(d.span, str(d.due)) for d in time_expressions("预计10月份动工，年底前完工。", date(2012, 8, 24))]
    [('10月份', '2012-10-31'), ('年底前', '2012-12-31')]
    """
    return [Deadline(m.text, _resolve(m.label, _groups(m), ref), m.label, m.start, m.end) for m in time_matches(text)]


_CLAUSE_END = "。；;！!？?\n"


def _clause_bounds(text: str, a: int, b: int) -> tuple[int, int]:
    s = a
    while s > 0 and text[s - 1] not in _CLAUSE_END:
        s -= 1
    e = b
    while e < len(text) and text[e] not in _CLAUSE_END:
        e += 1
    return s, e


# "底坑防水完成后两个星期内": a span counted from an event, not from the reply — kept, but no date.
_CONDITIONAL_BEFORE = re.compile(r"(?:完成|达标|竣工|验收|批复|到位|通过)后$")


def find_deadline(text: str, ref: date | datetime | None) -> Deadline | None:
    """The first time expression that a commitment clause of ``text`` attaches to, resolved against ``ref``.

    Rejected: dates in the past of the reply (reports of what was done), expressions in clauses without a
    commitment cue or with a past-action cue right before them, and durations that describe a rule
    ("每2小时清洗一次", "30日内可申请复议" — the latter has no commitment verb).

    >>> find_deadline("该项目已列入2018年建设计划，预计年底完成。", date(2018, 12, 21)).span
    '年底'
    >>> find_deadline("维保公司已承诺在电梯底坑防水完成后两个星期内解决。", date(2018, 8, 8)).due is None
    True
    """
    if ref is None:
        return None
    ref_d = ref.date() if isinstance(ref, datetime) else ref
    found: list[Deadline] = []
    for d in time_expressions(text, ref_d):
        cs, ce = _clause_bounds(text, d.start, d.end)
        before = text[cs:d.start]
        after = text[d.end:ce]
        # the cue must sit in the expression's own comma clause or the one before it
        near = re.split(r"[，,：:]", before)[-2:]
        window = "，".join(near) + d.span + re.split(r"[，,]", after)[0]
        if not COMMIT_CUES.search(window) and not (d.rule == "span" and re.search(r"(?:在|于)$", before[-1:])):
            continue
        if before.count("《") > before.count("》") or before.count("(") > before.count(")") or before.count("（") > before.count("）"):
            continue  # inside a document title "《…(2018—2019年)》"
        if re.search(r"至$|到$|—$|-$", before[-1:]):
            continue  # end of a reported period "施工时间为2017年6月14日至2018年6月28日"
        # a report of the past ("已于2019年1月31日达成", "2018年5月份开工建设") is not a promise
        if _PAST_CUES.search(before[-8:]) or re.match(r"^[^，,]{0,6}(?:开工建设|已|完成了|建成了)", after) and d.due and d.due < ref_d:
            continue
        if re.search(r"(?:可|可以|应当|应|须)(?:在|于)?$", before[-4:]) or re.search(r"^(?:可|可以)申请", after):
            continue  # a rule the citizen may use, not a promise of the department
        if d.rule == "span":
            if re.search(r"每$", before[-1:]):
                continue
            if _CONDITIONAL_BEFORE.search(before[-12:]) or re.search(r"(?:完成|达标)后", before[-14:]):
                k = before.rfind("在")
                cs2 = cs + k + 1 if k >= 0 else max(cs, d.start - 14)
                found.append(Deadline(text[cs2:d.end], None, "conditional", cs2, d.end))
                continue
        elif d.due is None or d.due < ref_d:
            continue
        # "今年" alone counts only as a promise of this year ("争取于今年动工"), not as "今年以来"
        if d.rule == "rel_year" and not (re.search(r"(?:于|在|争取|力争|计划|预计|将)$", before[-2:])
                                          or re.match(r"^(?:内|完成|动工|开工|实施|建成)", after)):
            continue  # "今年春节前", "今年以来" are not promises
        if d.rule == "y_only" and not (re.match(r"^(?:度)?[\u4e00-\u9fa5]{0,4}计划", after)
                                       or re.search(r"(?:于|在|争取|力争|预计)$", before[-2:])):
            continue  # "2018年秋季开学时", "2018年交通部门下达计划时" describe, "纳入2018年改造计划" promises
        found.append(d)
    if not found:
        return None
    # "列入2019年建设计划，预计今年9月底完工": a year names the plan, the month is the promise
    specific = [d for d in found if d.rule != "y_only"]
    return (specific or found)[0]
