"""Whose is the matter: a body the text puts in charge of one measure's own task is not put in charge of the matter.

"由省教育部门牵头，将公民个人信息保护纳入学生道德与法制课程" is said inside measure 3 of a 立法 + 执法 proposal: 教育 is
asked to lead a task of its own routine duty (学生, 课程), and the matter — the title's object — is another body's. A
blind reader met 省教育厅 leading "关于完善立法、加强执法，有效推动居民个人信息保护的提案" on that one sub-ask; 公安,
whom measure 2 asks by name, should lead, and 教育 take part as 协办.

A charge is read as the matter's (and leads, as before) when it is said outside a numbered list of measures, when the
title names one of the body's duties ("……为家庭教育的牵头单位" under a 家庭教育 title), or when the words it puts the
body in charge of are not the body's own duty (a 联席会议, a 统筹 of everyone's work).

(Bodies a text names by their short names as actors, "人社、工会等面向全社会提供……公共就业服务", are read by
:mod:`topicmine.drafts.short_names`.)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from topicmine.drafts.short_names import Mention

#: a measure's number at the start of a line or after a sentence's end: "1、", "2．", "（3）", "一是", "第二，"
_MEASURE = re.compile(r"(?:^|(?<=[\n。；！？：:]))\s*(?:\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,2}[)）]"
                      r"|[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[，、,])")


def in_one_measure(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside one numbered measure of a list of two or more (its number before ``pos``, another
    measure's number anywhere in the text).

    >>> t = "建议：1、加快立法。2、严厉打击。3、开展宣传。由省教育部门牵头，纳入课程。"
    >>> in_one_measure(t, t.index("由省")), in_one_measure("建议由省教育部门牵头，纳入课程。", 2)
    (True, False)
    """
    marks = [m.end() for m in _MEASURE.finditer(text)]
    return len(marks) >= 2 and any(e <= pos for e in marks)


def own_task(text: str, end: int, duties: Iterable[str]) -> bool:
    """Whether the clause after a charge (``text[end:]`` up to the sentence's end) holds one of the body's own duty
    words: the body is put in charge of its own routine task ("牵头，将……纳入学生……课程" is 教育's), not of the matter.

    >>> own_task("由省教育部门牵头，将公民个人信息保护纳入学生道德与法制课程的必学内容。", 8, ("学生", "学校"))
    True
    >>> own_task("由省发改委牵头，建立联席会议制度。", 6, ("价格", "重大项目"))
    False
    """
    m = re.match(r"[^。；！？\n]*", text[end:])
    clause = m.group(0) if m else ""
    return any(w and w in clause for w in duties)


def one_task(text: str, start: int, end: int, duties: Iterable[str], in_title: bool) -> bool:
    """Whether a body named at ``text[start:end]`` and put in charge or asked there is given one measure's own task: inside
    one numbered measure of several, over words of its own duty, while the title names none of its duties
    ("3、建议民政部门将社区家庭教育指导服务纳入留守儿童关爱项目中" under a 家庭教育 title)."""
    return not in_title and in_one_measure(text, start) and own_task(text, end, duties)


def task_charges(text: str, leads: dict[str, str], duties: Callable[[str], tuple[str, ...]],
                 title_kw: set[str]) -> dict[str, str]:
    """The bodies of ``leads`` (name → the words putting it in charge) whose charge is one measure's own task, not the
    matter's: said inside one numbered measure of several, over a task of the body's own duty, while the title names
    none of its duties (``title_kw``: the bodies whose duty the title line names). They stay 协办, never 主办 on that
    charge alone. Only "<body>牵头" is read so: a charge over a field ("……为家庭教育的牵头单位", "……负总责") is the
    matter's.

    >>> t = ("关于完善立法、加强执法的建议\\n建议：1、加快立法。2、建议公安机关严厉打击。3、开展宣传。由省教育部门牵头，"
    ...      "将个人信息保护纳入学生课程。")
    >>> task_charges(t, {"省教育厅": "教育部门牵头"}, lambda n: ("学生", "学校"), set())
    {'省教育厅': '教育部门牵头'}
    >>> task_charges(t, {"省教育厅": "教育部门牵头"}, lambda n: ("学生", "学校"), {"省教育厅"})
    {}
    """
    out: dict[str, str] = {}
    for name, words in leads.items():
        if name in title_kw or not words.endswith("牵头") or re.search(r"[为的]", words):
            continue  # "教育部门为家庭教育的牵头单位", "……担负起第一职责": the text names the matter's lead
        at = text.find(words)
        if at >= 0 and one_task(text, at, at + len(words), duties(name), False):
            out[name] = words
    return out


def asked_alone_at(text: str, start: int, end: int) -> bool:
    """A body asked by name right after 建议/请, alone ("建议江苏省公安机关结合上级任务，指挥……"): it leads when
    nobody is put in charge of the matter; the head of a list
    ("建议环保部门、气象部门、教育部门和卫生部门形成……机制") is read with the list."""
    return (re.search(r"(?:建议|请|责成)(?:江苏省|我省|全省|省级|各级)?$", text[max(0, start - 6):start]) is not None
            and re.match(r"[、和与及]", text[end:end + 1]) is None)


def asked_list_head(ranked: list[str], listed: Iterable[Mention], text: str, start: int = 0) -> Mention | None:
    """The first body of a list the first ask addresses as its subject ("一是城管、交通运输部门对共享单车投放实行总量
    控制和备案管理"), when the points' lead (``ranked[0]``) is another body of that list: the text puts the body it names
    first in charge of the matter's own ask, and it leads (a re-reader met 市交通运输局 leading 共享单车 on its duty word
    while the report has 市城管局 running the matter and its first ask names 城管 first). Only the first ask's sentence
    after ``start`` (the title's end) counts: a later measure's list ("二是发展改革（价格）、教育部门加强对普惠园收费的
    检查") is one task's, written in rank order. ``None`` when no such list holds the lead.

    >>> from topicmine.drafts.short_names import Mention
    >>> def bodies(t):
    ...     at = t.index("城管")
    ...     return [Mention("市城市管理局", "城管", at, at + 2, actor_at=at), Mention("市交通运输局", "交通运输", at + 3, at + 7, actor_at=at)]
    >>> t = "一是城管、交通运输部门对共享单车投放实行总量控制。二是督促企业规范停放。"
    >>> asked_list_head(["市交通运输局", "市城市管理局"], bodies(t), t).name
    '市城市管理局'
    >>> t = "一是督促企业规范停放。二是城管、交通运输部门对共享单车投放实行总量控制。"
    >>> asked_list_head(["市交通运输局", "市城市管理局"], bodies(t), t) is None
    True
    """
    first = re.search(r"[。；！？]", text[start:].lstrip())
    end = len(text) if first is None else len(text) - len(text[start:].lstrip()) + first.end()
    lists: dict[int, list[Mention]] = {}
    for m in listed:
        if start <= m.actor_at < end:
            lists.setdefault(m.actor_at, []).append(m)
    for ms in lists.values():
        names = [m.name for m in ms]
        if ranked and ranked[0] in names[1:] and names[0] in ranked:
            return ms[0]
    return None
