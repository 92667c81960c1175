"""Bodies a text names by their short names in a list: "建立农业农村、财政、水利、自然资源等部门协同推进机制",
"会同自然资源和规划、交警部门", "人社、工会等面向全社会提供……", "在省级科技、工信、发改项目立项评选时".

Read for :meth:`topicmine.drafts.departments.DepartmentDict.listed`. An item names a body when the dictionary resolves
it ("<item>部门/厅/委/局" is a name or alias, or a body's name without its level starts with it). An item is two to
six characters, or one of the dictionary's own short names of any length ("自然资源和规划", "人力资源和社会保障"): a
long item that is no body's name still ends the list, so a clause is never read as a body.

A list of two or three bodies that is the subject of an ask ("一是城管、交通运输部门对共享单车投放实行总量控制") is
marked (``actor_at``): its bodies are asked to act, the first named first. A list of alternatives ("由民政或卫计部门
牵头") or of bodies acting together ("……等部门联合") is not: its order says no more than rank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from topicmine.drafts.unit_asks import joint_list

__all__ = ["ListReader", "Mention", "long_short_names"]


@dataclass
class Mention:
    """A department named in the text (``kind="name"``) or one of its duty keywords (``"duty"``)."""

    name: str
    surface: str
    start: int
    end: int
    kind: str = "name"
    #: for a body named in a short-name list ("发改、财政、民政、人社等部门"), how many bodies that list resolves to
    listed_with: int = 0
    #: the list is asked to act together ("……知识产权等多部门联合推动", "……等部门共同参与"), not described
    joint: bool = False
    #: the list is the subject of an ask ("一是城管、交通运输部门对……实行……"): offset of its first body, else -1
    actor_at: int = -1


_HAN = "\u4e00-\u9fff"
#: a list's words after its last item: "等多个主管部门", "等单位", "等多方"
_LIST_TAIL = r"等?(?:多个?|各)?(?:主管|相关|有关|职能)?(?:部门|单位|多方)"
#: a short-name list acting ("人社、工会等面向全社会提供……", "由发改、财政等联合……"): read when every item is a body;
#: "教育、卫生等方面要……", "……等领域" are fields, "……等部门" is read by the department list
_ACTOR_TAIL = (r"等(?!领域|方面|行业|问题|工作|事业|服务|项目|资源|产业|部门|单位|多|各|有关|相关)"
               r"(?=[^，。；\n]{0,2}?"
               r"(?:要|应|须|负责|面向|提供|开展|加强|推动|联合|共同|协同|配合|参与|积极|牵头|组织|出台|制定|建立|落实|"
               r"加大|做好|研究|督促|指导))")
#: the words a list's first item may carry from its clause ("一是城管、……", "建议住建、……", "会同自然资源和规划、……")
_HEAD_WORDS = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|同时)?(?:建议|要求|由|会同|统筹|协调|组织|建立|推动|联合|督促|加强)?"
                         r"|等$")
#: after a list's 部门/单位, words that make it the subject of an ask: "……部门对共享单车投放实行总量控制"
_ACTS = re.compile(r"(?:要|应|须|负责|对|实行|加强|加大|联合|共同|协同|牵头|组织|出台|制定|建立|落实|做好|开展|研究|督促|指导)")
#: before a list's first body, the start of a clause or measure: "一是", "1．", "建议", "由"
_CLAUSE_START = re.compile(r"(?:^|[\n。；！？，：:]|[一二三四五六七八九十]+是|\d{1,2}[．.、]|[（(]\d{1,2}[)）]|建议|由|请)[省市县区]?$")


def long_short_names(names: Iterable[str]) -> list[str]:
    """The dictionary's short names longer than six characters ("自然资源和规划" from "自然资源和规划部门", "人力资源
    社会保障" from "省人力资源社会保障厅"), longest first: the list items allowed past the usual length.

    >>> long_short_names(["市自然资源局", "自然资源和规划部门", "省人力资源社会保障厅", "交警部门"])
    ['人力资源社会保障', '自然资源和规划']
    """
    out: set[str] = set()
    for s in names:
        m = re.fullmatch(rf"([{_HAN}]+?)(?:部门|厅|委|局)", s)
        if m:
            short = re.sub(r"^[省市县区](?!场)", "", m.group(1))  # the level of a name ("省…厅"), not 市场
            if len(short) > 6:
                out.add(short)
    return sorted(out, key=lambda x: (-len(x), x))


class ListReader:
    """The list patterns of one dictionary (its long short names as items) and how to read them.

    ``resolve(short, exact=False)`` gives the body a short name is, ``alias(surface)`` the body a full name or alias is.
    """

    def __init__(self, resolve: Callable[..., str | None], alias: Callable[[str], str | None],
                 long_names: Iterable[str] = ()) -> None:
        self.resolve = resolve
        self.alias = alias
        known = "|".join(re.escape(x) for x in long_names)
        known_or = f"{known}|" if known else ""
        #: "、" joins a list; "或" two alternatives ("由民政或卫计部门牵头": either may lead, both are named)
        self.list_re = re.compile(rf"((?:(?:{known_or}[{_HAN}]{{2,6}})(?:（[{_HAN}]{{1,6}}）)?[、或])+"
                                  rf"(?:{known_or}[{_HAN}]{{2,8}}?)){_LIST_TAIL}")
        self.actors_re = re.compile(rf"((?:(?:{known_or}[{_HAN}]{{2,4}})、)+(?:{known_or}[{_HAN}]{{2,4}}?)){_ACTOR_TAIL}")
        #: bodies named by their programmes: "在省级科技、工信、发改项目立项评选时" (every item must be a body)
        self.programme_re = re.compile(rf"((?:(?:{known_or}[{_HAN}]{{2,4}})、)+(?:{known_or}[{_HAN}]{{2,4}}?))"
                                       r"等?(?:部门)?(?:项目|专项|计划|资金)")

    def read(self, text: str) -> list[Mention]:
        """One mention per body named in a short-name list of ``text``, first mention first."""
        out: list[Mention] = []
        seen: set[str] = set()
        for m in self.list_re.finditer(text):
            first = len(out)
            self._department_list(text, m, out, seen)
            head = out[first].start if len(out) > first else m.start(1)
            joint = joint_list(text, head, m.end())
            # the subject of an ask, two or three bodies named in order: not "A或B" (either may), not a joint list
            # ("由发改、财政、商务、环保等部门联合": bodies acting together, written in their rank's order)
            actor = (1 < len(out) - first <= 3 and "或" not in m.group(1) and not joint
                     and _ACTS.match(text, m.end()) is not None
                     and _CLAUSE_START.search(text, max(0, head - 8), head) is not None)
            for x in out[first:]:
                x.listed_with = len(out) - first
                x.joint = joint
                x.actor_at = head if actor else -1
        for m in self.actors_re.finditer(text):  # short names acting ("人社、工会等面向全社会提供……公共就业服务")
            self._all_bodies(m, r"^(?:建议|由|会同|联合|组织|督促)?(?:省级|市级|县级|各级)?",
                             lambda x: self.resolve(x, exact=True) or self.alias(x), out, seen)
        for m in self.programme_re.finditer(text):
            self._all_bodies(m, r"^(?:在|对|将|把)?(?:省级|市级|县级|各级)?", self.resolve, out, seen)
        return out

    def _department_list(self, text: str, m: re.Match[str], out: list[Mention], seen: set[str]) -> None:
        """The items of "……等部门" that resolve (an item nothing resolves is left out)."""
        items = [(x.start(), x.group(0)) for x in re.finditer("[^、或]+", m.group(1))]
        # "教育、人社、民政和卫健等多个部门": the last two joined by 和/及 are two bodies when each resolves
        at0, end_item = items[-1]
        last = re.split("[和及与]", end_item)
        if len(last) == 2 and self.resolve(end_item) is None and all(map(self.resolve, last)):
            items[-1:] = [(at0, last[0]), (at0 + len(last[0]) + 1, last[1])]
        for j, (off, item) in enumerate(items):
            pos = m.start(1) + off
            # "一是城管、交通运输部门对……": a list's first item carries the measure's own marker
            short = _HEAD_WORDS.sub("", re.sub(r"（[^）]*）$", "", item))  # "发展改革（价格）、教育部门"
            dep = self.resolve(short)
            if dep is None and j == 0:
                # the list's first item runs on from the words before it ("进一步加强人事、财政、价格、医保等多方",
                # "由省政府组织我省发改、科技……", "由牵头部门会同工商、税务……", "建议省级发改、财政……", "……工作涉及教育、人社……"): after words
                # that bring bodies in or give their level, its longest tail of two to four characters that is a
                # body's own short name (发改委, 人事厅, 工商部门). Not after any word: "公共资源分别由卫生、民政……
                # 等不同部门分配" describes, and one more body counted tipped a 医养结合 proposal into a 建议案
                for tail in (item[-n:] for n in (4, 3, 2) if len(item) > n):
                    # "一是区环保、城管部门对……排查" (a blind reader's 小作坊 measure): the level before a short name
                    if not re.search(r"(?:加强|组织|会同|配合|涉及|我省|我市|全省|全市|本省|本市|省级|市级|县级|"
                                     r"(?:^|[一二三四五六七八九十]是|建议|由|请)[省市县区])$", item[:-len(tail)]):
                        continue
                    if (d := self.resolve(tail, exact=True)) is not None:
                        short, dep = tail, d
                        break
            if dep is not None and dep not in seen:
                seen.add(dep)
                at = pos + item.find(short) if short in item else pos  # "建议住建" → "住建"
                out.append(Mention(dep, short if short in item else item, at, at + len(short), "name"))

    @staticmethod
    def _all_bodies(m: re.Match[str], strip: str, resolve: Callable[[str], object], out: list[Mention],
                    seen: set[str]) -> None:
        # a list of short names ("人社、工会等面向……", "在教育、民政项目中"): bodies only when every item is one
        items = m.group(1).split("、")
        shorts = [re.sub(strip, "", it) for it in items]
        deps = [resolve(x) for x in shorts]
        if any(d is None for d in deps):
            return  # "教育、医疗等提供……", "教育、医疗、养老项目" are fields, not bodies
        pos, first = m.start(1), len(out)
        for item, short, dep in zip(items, shorts, deps):
            if dep not in seen:
                seen.add(str(dep))
                at = pos + item.find(short)
                out.append(Mention(str(dep), short, at, at + len(short), "name"))
            pos += len(item) + 1
        for x in out[first:]:
            x.listed_with = len(out) - first
