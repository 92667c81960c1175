"""Titles of drafts: the matter a heading or a recommendation names (``title_core``), the title of a draft
(``make_title``), and the object a part takes from its matter's heading (``heading_object``, ``with_object``).

Moved out of :mod:`topicmine.drafts.assemble` (which re-exports every name) to keep modules small.
"""

from __future__ import annotations

import re

from topicmine.drafts.analyze import SuggestionUnit, clean_text
from topicmine.drafts.subject import _ROLE_RE, _subject_words

# --------------------------------------------------------------------------------------------------------
# titles
# --------------------------------------------------------------------------------------------------------

_LEAD_RE = re.compile(
    r"^\W*(?:[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]|[①-⑮]|[一二三四五六七八九十]{1,2}是|其[一二三四五六七八九十][，,、]?|"
    r"第[一二三四五六七八九十][，,、]|首先[，,]?|其次[，,]?|最后[，,]?)?\s*"
)
_GENERIC_HEADINGS = re.compile(r"^(对策建议|意见建议|几点建议|具体建议|建议|对策|措施|其他|设计|布局)$")


def title_core(text: str, first_clause: bool = False, prefer: tuple[str, ...] | list[str] = ()) -> str | None:
    """The matter a heading or a recommendation names, without numbering and genre words.

    >>> title_core("（二）加强基层卫生人才队伍建设。"), title_core("关于完善城市环卫公厕指引系统的建议")
    ('加强基层卫生人才队伍建设', '完善城市环卫公厕指引系统')
    >>> title_core("一是严格课外培训机构资格审查，把好准入关。", first_clause=True)
    '严格课外培训机构资格审查'
    >>> title_core("三是针对小区上空盘旋拍摄、夜间飞行扰民问题，建议立即明确飞行高度限制。", first_clause=True)
    '小区上空盘旋拍摄、夜间飞行扰民问题'
    """
    t = clean_text(text)
    t = _LEAD_RE.sub("", t, count=1)
    t = re.sub(r"^(?:具体)?建议[：:，,]?|^(?:为此|因此|对此)[，,]?建议[：:，,]?", "", t)
    t = re.split(r"[。；;！？：:\n]", t, maxsplit=1)[0].strip()
    t = re.sub(r"^关于", "", t)
    t = re.sub(r"的?(?:建议案|提案|建议|意见|报告)$", "", t).strip("，, ")
    m = re.match(r"^针对([^，,]{4,40})[，,](?:建议)?(.+)$", t)
    if m:
        # "针对……扰民问题，建议立即……": the problem named is the matter; a place or group ("针对骑手集中居住的
        # 城中村，建议……") is not, and the ask after it is
        t = m.group(1) if re.search(r"(?:问题|隐患|现象|难题|风险|矛盾)$", m.group(1)) else m.group(2)
    if (len(t) > 26 or first_clause) and "，" in t and len(t.split("，")[0]) >= 4:
        # a recommendation's lead clause names the matter ("严格课外培训机构资格审查，把好准入关") — unless
        # it is a generic lead ("强化顶层设计，把“一老一小”纳入……") and a later clause carries the key terms
        clauses = [c for c in t.split("，") if 4 <= len(c) <= 30]
        t = t.split("，")[0]
        if prefer and not any(k in t for k in prefer):
            t = next((c for c in clauses if any(k in c for k in prefer)), t)
    if len(t) > 30 and "、" in t:
        t = t.split("、")[0]
    if not 4 <= len(t) <= 30 or _GENERIC_HEADINGS.match(t):
        return None
    return t


_VERB_RE = re.compile(r"^(?:进一步)?(?:加强|加快|强化|推进|推动|完善|健全|提升|优化|补齐|守牢|深化|扩大|规范|建立|促进|支持|做好|抓好|提高|增加|落实|创新)")
_PURPOSE_RE = re.compile(r"^为了?(?:进一步)?[^，,]*[，,]")


def _fix_core(core: str) -> str | None:
    """Grammar of a title core: no leading purpose clause ("为进一步贯彻好……，"), balanced quotes."""
    c = _PURPOSE_RE.sub("", core) if _PURPOSE_RE.match(core) else core
    if c.startswith("为") and "，" not in c:
        return None  # "为进一步贯彻好……提出的“兜底线" — a purpose clause cut off, not a matter
    if c.count("“") != c.count("”"):
        cut = c.rfind("“") if c.count("“") > c.count("”") else c.find("”")
        c = c[:cut] if c.count("“") > c.count("”") else c.replace("”", "", 1)
    c = c.rstrip("的之和与及、，")
    return c if len(c) >= 4 else None


def make_title(genre: str, heading: str, units: list[SuggestionUnit], key_terms: list[str],
               subject: str | None = None, parent: str = "", work: str | None = None) -> str:
    """Title from the matter's heading, else the first recommendation's lead clause, else key terms.

    ``subject`` (the report's field, :func:`report_subject`) is put in when the core does not name it
    ("加强区域协同" in a report on 低空经济 → "加强低空经济区域协同"); ``parent``, the heading of the matter a
    part was cut from, gives the part its object ("扩大培养规模" under "加强“一老一小”专业人才队伍建设" →
    "扩大“一老一小”专业人才培养规模").
    """
    prefer = tuple(key_terms[:3])
    core = title_core(heading, prefer=prefer) if heading else None
    core = _fix_core(core) if core else None
    if core is None:
        for u in units[:3]:
            # a single item taken out of its matter is titled by its own words, not its parent's heading
            own = title_core(u.text, first_clause=True, prefer=prefer) if len(units) == 1 and not heading else None
            core = own or (title_core(u.heading, prefer=prefer) if u.heading else None)
            core = core or title_core(u.text, first_clause=True, prefer=prefer)
            core = _fix_core(core) if core else None
            if core and parent and len(units) == 1:
                # "扩大培养规模" cut from "（三）加强“一老一小”专业人才队伍建设": the parent names what is expanded
                core = with_object(core, title_core(parent) or "")
            if core:
                break
    if core is None:
        core = "、".join(key_terms[:3]) + "问题" if key_terms else "有关问题"
    if subject and work and _ROLE_RE.match(core) and not any(w in core for w in _subject_words(subject)):
        # "充分发挥农民主体作用" in a report on 高标准农田建设与管护: the role is played in that work
        core = f"在{work}中{core}"
    if subject and (len(core) <= 8 or (len(core) <= 12 and _VERB_RE.match(core))) and \
            not any(w in core for w in _subject_words(subject)):
        # a short core names an action without its object ("加强区域协同", "补齐产业链关键环节"): the report's
        # field is the object
        m = _VERB_RE.match(core)
        core = core[: m.end()] + subject + core[m.end():] if m else subject + core
    # "严格幼儿园装修改建的安全管理" + "的提案" reads "……的安全管理的提案": the inner 的 goes ("……改建安全管理的提案")
    core = re.sub(r"(?<=[\u4e00-\u9fff]{2})的((?:安全)?(?:管理|监管|治理|保护))$", r"\1", core)
    if genre == "motion":
        return f"关于{core}的建议案"
    if genre == "opinion":
        return f"关于{core}的建议"
    return f"关于{core}的提案"


#: the abstract tail of a matter heading, which names no object ("……专业人才队伍建设" → "……专业人才")
_ABSTRACT_TAIL = re.compile(r"(?:队伍|体系|机制|制度|能力|水平|工作|短板|供给|服务|建设|发展|管理|保障)+$")


def heading_object(parent_core: str) -> str | None:
    """What a matter heading acts on: its core without the leading verb and the abstract tail.

    >>> heading_object("加强“一老一小”专业人才队伍建设"), heading_object("补齐农村“一老一小”服务短板")
    ('“一老一小”专业人才', '农村“一老一小”')
    >>> heading_object("强化人才和金融支撑") is None  # two objects: none of them is the object of a part
    True
    """
    m = _VERB_RE.match(parent_core)
    if not m:
        return None
    obj = _ABSTRACT_TAIL.sub("", parent_core[m.end():])
    if not 2 <= len(obj) <= 12 or re.search(r"[和与及、，]", obj.replace("“一老一小”", "")):
        return None
    return obj


def with_object(core: str, parent_core: str) -> str:
    """A part's title core given the object its matter heading names, when the part's own words lack it.

    >>> with_object("扩大培养规模", "加强“一老一小”专业人才队伍建设")
    '扩大“一老一小”专业人才培养规模'
    >>> with_object("提高职业待遇", "加强“一老一小”专业人才队伍建设")
    '提高“一老一小”专业人才职业待遇'
    >>> with_object("提高养老护理员薪酬待遇", "加强“一老一小”专业人才队伍建设")  # names its own object
    '提高养老护理员薪酬待遇'
    """
    obj = heading_object(parent_core) if parent_core else None
    if not obj or len(core) > 10 or obj in core:
        return core
    # the part already names something concrete the parent's object is made of (a noun of 3+ characters
    # of its own beyond the verb and an abstract head): keep it as it is
    rest = core[m.end():] if (m := _VERB_RE.match(core)) else core
    if len(_ABSTRACT_TAIL.sub("", rest)) > 4:
        return core
    return core[: m.end()] + obj + rest if m else obj + core


