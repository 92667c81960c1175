"""承办单位 (handling departments): who named in a draft, and who should answer it.

The dictionary is ``corpus/dicts/departments.txt``, one department per line::

    名称<TAB>别名1|别名2<TAB>职责关键词1|关键词2…

e.g. ``省教育厅<TAB>江苏省教育厅|教育厅|教育部门<TAB>教育|学校|中小学…``. Matching is the one
rule matcher's PhraseMatcher (:class:`topicmine.text.rules.PhraseRules`: spaCy over jieba tokens, every name,
alias and keyword added to a private jieba.Tokenizer so it stays one token), so "教育部门" is found as a whole
and "教育部门口" is not split into a false match.
Without a file a small built-in dictionary is used.

    >>> d = DepartmentDict.load(None)
    >>> [m.name for m in d.mentions("建议省教育厅会同财政部门加大投入")]
    ['省教育厅', '省财政厅']
    >>> d.suggest("中小学课后服务经费不足，教师负担重")[0].name
    '省教育厅'
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from topicmine.drafts.charge_scope import asked_alone_at, asked_list_head, one_task, task_charges
from topicmine.drafts.levels import report_level
from topicmine.drafts.short_names import ListReader, Mention, long_short_names
from topicmine.drafts.unit_asks import DOMAIN_NEEDS as _DOMAIN_NEEDS
from topicmine.drafts.unit_asks import NEEDS as _NEEDS
from topicmine.drafts.unit_asks import PRIVATE_MONEY as _PRIVATE_MONEY
from topicmine.drafts.unit_asks import in_enumeration, lead_and_partners, not_duty

__all__ = ["CATEGORY_DEPARTMENTS", "Department", "DepartmentDict", "HandlerSuggestion", "Mention", "LEVEL_FILES",
           "load_departments", "load_departments_for_level", "report_level"]


@dataclass(frozen=True)
class Department:
    name: str
    aliases: tuple[str, ...] = ()
    duties: tuple[str, ...] = ()


@dataclass
class HandlerSuggestion:
    """A suggested 承办单位 with its role (主办 / 协办) and why."""

    name: str
    role: str
    score: float
    reasons: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


#: small fallback so the module works without corpus/dicts (name, aliases, duty keywords)
_BUILTIN: list[tuple[str, str, str]] = [
    ("省发展改革委", "省发改委|发改委|发展改革委|发展改革部门", "发展规划|重大项目|价格|营商环境|区域协调|社会信用|服务业"),
    ("省教育厅", "教育厅|教育部门|教育行政部门|教育局", "教育|学校|中小学|幼儿园|职业教育|高校|教师|学生|课外培训|辅导班"),
    ("省科技厅", "科技厅|科技部门", "科技创新|成果转化|研发|实验室|高新技术企业|科技人才"),
    ("省工业和信息化厅", "工信厅|工信部门", "制造业|工业|中小企业|智能制造|产业链|信息化"),
    ("省公安厅", "公安厅|公安机关|公安部门", "治安|交通安全|户籍|诈骗|消防"),
    ("省民政厅", "民政厅|民政部门", "养老服务|养老机构|社会救助|低保|社区治理|社会组织|留守儿童|殡葬"),
    ("省财政厅", "财政厅|财政部门", "财政|预算|专项资金|补贴|奖补|政府采购|财政投入"),
    ("省人力资源社会保障厅", "人社厅|人社部门|人力资源和社会保障部门", "就业|社会保险|养老保险|劳动关系|技能培训|职称|欠薪|人才引进"),
    ("省自然资源厅", "自然资源厅|自然资源部门", "国土空间规划|耕地|建设用地|用地指标|不动产登记"),
    ("省生态环境厅", "生态环境厅|环保厅|生态环境部门|环保部门", "生态环境|污染|环境监测|环评|危险废物|固废|碳排放"),
    ("省住房城乡建设厅", "住建厅|住建部门|住房城乡建设部门", "住房|老旧小区|物业|城市更新|建筑|燃气|公厕|环卫"),
    ("省交通运输厅", "交通运输厅|交通部门|交通运输部门", "交通|公路|公交|港口|航道|物流|轨道交通"),
    ("省水利厅", "水利厅|水利部门", "水利|防汛|河道|河长制|水资源|灌溉"),
    ("省农业农村厅", "农业农村厅|农业部门|农业农村部门", "农业|农村|农民|乡村振兴|粮食生产|农产品|家庭农场"),
    ("省商务厅", "商务厅|商务部门", "外贸|外资|消费|电子商务|跨境电商|开发区"),
    ("省文化和旅游厅", "文旅厅|文旅部门|文化和旅游部门", "文化|旅游|非遗|文物|博物馆|图书馆|大运河"),
    ("省卫生健康委", "卫健委|卫生健康部门|卫生部门", "卫生|医疗|医院|公共卫生|家庭医生|托育|中医药|医生"),
    ("省应急管理厅", "应急管理厅|应急部门", "安全生产|应急管理|防灾减灾|危险化学品|应急救援"),
    ("省市场监管局", "市场监管局|市场监管部门", "市场监管|食品安全|产品质量|特种设备|商事登记|消费者权益"),
    ("省医保局", "医保局|医保部门", "医保|医疗保障|医保基金|集采|长期护理保险"),
    ("省地方金融监管局", "地方金融监管局|金融监管部门", "金融|融资|贷款|非法集资|普惠金融|担保"),
    ("省体育局", "体育局|体育部门", "体育|全民健身|体育设施"),
    ("省委宣传部", "宣传部|宣传部门", "宣传|文明城市|新闻出版|舆论"),
    ("省委网信办", "网信办|网信部门", "网络安全|个人信息保护|网络谣言|网络舆情"),
    ("省司法厅", "司法厅|司法行政部门", "法律援助|人民调解|普法|行政执法|立法"),
    ("省税务局", "税务局|税务部门", "税收|减税降费|纳税"),
    ("省总工会", "总工会|工会", "职工|劳动者权益|户外劳动者"),
    ("省残联", "残联", "残疾人|无障碍|残障"),
    ("省妇联", "妇联", "妇女|儿童|家庭教育"),
]

#: Jiangsu's 14 proposal categories → departments that usually answer them (used with `similar` results)
CATEGORY_DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "教育事业": ("省教育厅",),
    "医卫体育": ("省卫生健康委", "省体育局", "省医保局"),
    "社会事业": ("省民政厅", "省人力资源社会保障厅"),
    "经济发展": ("省发展改革委",),
    "工业商贸": ("省工业和信息化厅", "省商务厅"),
    "文化宣传": ("省文化和旅游厅", "省委宣传部"),
    "资源环境": ("省生态环境厅", "省自然资源厅"),
    "科学技术": ("省科技厅",),
    "城乡建设": ("省住房城乡建设厅",),
    "法制建设": ("省司法厅",),
    "政治建设": ("省委组织部",),
    "财税金融": ("省财政厅", "省地方金融监管局"),
    "农林水利": ("省农业农村厅", "省水利厅"),
    "统战综合": ("省委统战部",),
}


def _split(field_: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field_.split("|") if x.strip())


#: 人民团体 (共青团, 妇联, 工会, 残联, 科协, 文联, 工商联, 侨联, 红十字会): never 主办 on duty words alone
_MASS_ORG = re.compile(r"团省委|团市委|团县委|共青团|妇联|总工会|工会$|残联|科协|文联|工商联|总商会|侨联|红十字会")


#: place and group words: where a matter happens or whom it serves, seldom what it is ("农村" in a rural clinic
#: proposal, "就业" in one measure of a children's health one); said once they count half
_SETTING = frozenset({"农村", "农民", "乡村", "城乡", "儿童", "妇女", "青年", "青少年", "老年人", "职工", "家庭", "就业",
                      "学生", "企业", "中小企业", "社区"})

def _title_end(text: str) -> int:
    """End of a title line heading the text ("关于……的建议⏎"), 0 when the first line is a sentence."""
    first = text.split("\n", 1)[0]
    if "\n" in text and 4 <= len(first.strip()) <= 60 and not first.rstrip().endswith(("。", "！", "？", "；")):
        return len(first)
    return 0


def _kw_weight(word: str, count: int) -> float:
    return 0.5 if word in _SETTING and count < 2 else 1.0


#: "建议由政法牵头", "由民政部门牵头": a short name put in charge (a name written in full is read by lead_and_partners)
_SHORT_LEAD = re.compile(r"由([\u4e00-\u9fff]{2,4}?)(?:部门)?(?:牵头|负总责)")


class DepartmentDict:
    """Department dictionary with a spaCy PhraseMatcher over jieba tokens.

    Construction is cheap; jieba and spaCy load on the first match (then cached on the instance).
    """

    def __init__(self, departments: list[Department]) -> None:
        self.departments = departments
        self._by_name = {d.name: d for d in departments}

    @classmethod
    def load(cls, path: Path | str | None = None) -> DepartmentDict:
        """Read ``名称<TAB>别名|…<TAB>关键词|…`` lines; ``None`` or a missing file → built-in fallback."""
        rows: list[tuple[str, str, str]] = []
        if path is not None and Path(path).is_file():
            for line in Path(path).read_text(encoding="utf-8").splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                parts = line.split("\t") + ["", ""]
                rows.append((parts[0].strip(), parts[1], parts[2]))
        if not rows:
            rows = _BUILTIN
        return cls([Department(n, _split(a), _split(k)) for n, a, k in rows if n])

    # ---- matching ---------------------------------------------------------------------------------
    @cached_property
    def _phrases(self) -> dict[str, list[tuple[str, str]]]:
        """surface → [(department, "name"|"duty")]; names beat duties for the same surface."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for d in self.departments:
            for s in (d.name, *d.aliases):
                out[s].append((d.name, "name"))
        for d in self.departments:
            for s in d.duties:
                if not any(k == "name" for _, k in out.get(s, [])):
                    out[s].append((d.name, "duty"))
        return dict(out)

    @cached_property
    def _matcher(self) -> Any:
        """The one rule matcher's PhraseMatcher over this dictionary's names, aliases and duty words."""
        from topicmine.text.rules import PhraseRules

        return PhraseRules(self._phrases)

    def mentions(self, text: str, *, duties: bool = False) -> list[Mention]:
        """Departments named in ``text`` (deduplicated by department, first mention kept) with offsets.

        ``duties=True`` returns every duty-keyword hit as well (not deduplicated).
        """
        hits = self._raw_hits(text)
        out: list[Mention] = []
        seen: set[str] = set()
        for start, end, surface in hits:
            for name, kind in self._phrases.get(surface, []):
                if kind == "name" and name not in seen:
                    seen.add(name)
                    out.append(Mention(name, surface, start, end, "name"))
                elif kind == "duty" and duties:
                    out.append(Mention(name, surface, start, end, "duty"))
        return out

    @cached_property
    def _lists(self) -> ListReader:
        """The list patterns of this dictionary (:mod:`topicmine.drafts.short_names`): its own short names of any
        length are list items ("会同自然资源和规划、交警部门")."""
        longs = [x for x in long_short_names(s for d in self.departments for s in (d.name, *d.aliases))
                 if self._resolve_short(x) is not None]
        return ListReader(self._resolve_short, self._alias, longs)

    def listed(self, text: str) -> list[Mention]:
        """Departments a report names by their short names in a list: "建立农业农村、财政、水利、自然资源等
        部门协同推进机制" → 省农业农村厅, 省财政厅, 省水利厅, 省自然资源厅 (one mention per department).

        A short name counts when "<name>部门/厅/委/局" is a name or alias in the dictionary, or the
        department's name without "省" starts with it; an item nothing resolves is left out.
        """
        return self._lists.read(text)

    def named(self, text: str) -> list[str]:
        """Every body a text names, in full ("省卫健委") or by its short name in a list ("教育、民政、卫生计生等有关部门"),
        first mention first: the one reading behind a draft's ``features.departments`` and its 承办 line's "正文点名".

        >>> load_departments_for_level("市").named("建议教育、民政、卫生计生等有关部门共同参与，由市妇联牵头。")
        ['市妇联', '市教育局', '市民政局', '市卫生健康委']
        """
        out = [m.name for m in self.mentions(text)]
        return out + [n for n in dict.fromkeys(m.name for m in self.listed(text)) if n not in out]

    def _alias(self, surface: str) -> str | None:
        """The body a full name or alias is ("工会" → 省总工会), or None."""
        return next((n for n, kind in self._phrases.get(surface, []) if kind == "name"), None)

    def _resolve_short(self, short: str, *, exact: bool = False) -> str | None:
        if len(short) < 2:
            return None
        for d in self.departments:
            names = {d.name, *d.aliases}
            if any(short + suffix in names for suffix in ("部门", "厅", "委", "局")):
                return d.name
            if not exact and re.sub(r"^[省市县区]", "", d.name).startswith(short):
                return d.name
        return None

    def _raw_hits(self, text: str) -> list[tuple[int, int, str]]:
        # longest match wins where two overlap ("省教育厅" over "教育")
        return self._matcher.find(text)

    # ---- suggestion -------------------------------------------------------------------------------------------
    #: "建议市工信局会同……" / "由市公安局牵头": the text itself says who should act ("项目可由省金信委牵头" says who may
    #: lead one measure's project: named, not asked)
    _ASKED_RE = re.compile(r"(?:建议|请|(?<!可)由|责成|明确)\s*([\u4e00-\u9fff]{2,16}?)(?:会同|牵头|负责|联合|协调|统筹|出台|制定|组织|加快|加强|尽快|研究)")

    def suggest(self, text: str, *, categories: list[str] | None = None, k: int = 3,
                level: str | None = None) -> list[HandlerSuggestion]:
        """承办单位 for a draft (its title line first, then its asks): 主办 is the body whose duty is the matter's
        object, 协办 the bodies the asks need, at most ``k``.

        Points: a body the text puts in charge ("由A牵头", "A联合B和C", "A会同B": A; 8), asked to act ("建议市工信局
        加快…", 8), a partner the text names after 会同/联合 (4, never 主办 while a body is put in charge), named (3),
        duty words of the title line — the matter's object — (2 each, at most 4), duty words anywhere (1 per distinct
        word, 0.25 per repeat, at most 6; a place or group word such as 农村/儿童/就业 said once counts half), and the
        categories of similar past proposals (2 per vote, at most 4). A body the text puts in charge leads, whatever
        the others' points ("由A牵头", "A会同B", "教育部门担负起第一职责", "……为家庭教育的牵头单位", "……的牵头作用"), unless
        it is one measure's own task (drafts.charge_scope: 协办 then; a body addressed "建议A……" alone leads instead).
        An ask that needs a body makes it 协办 whatever its score: money (财政投入, 专项资金, 转移支付, "给予…补贴",
        "安排经费") → 财政, 医保报销 → 医保, 工商/市场秩序 → 市场监管; 财政 is never seated on its duty words alone
        ("资金保障", one of a list of four). Bodies the text names, the ones the asks need and the one whose duty the
        title names (said three times or more) may take ``k + 1`` seats together rather than drop each other; others
        join as 协办 at half the lead's points, up to ``k``. ``level`` (省/市/县) words the reasons ("按市级部门").

        >>> d = load_departments_for_level("市")
        >>> [h.name for h in d.suggest("建议市工信局会同市财政局设立低空经济产业基金。")][:2]
        ['市工业和信息化局', '市财政局']
        >>> [(h.name, h.role) for h in load_departments_for_level("省").suggest(
        ...     "关于住院医师规范化培训制度的建议\\n省卫健委联合人社厅和财政厅等相关部门，先进行集中规范化培训。")]
        [('省卫生健康委', '主办'), ('省人力资源社会保障厅', '协办'), ('省财政厅', '协办')]
        >>> [h.name for h in d.suggest("关于完善托育服务的提案\\n建议教育、民政、卫生计生等有关部门共同参与，"
        ...                            "教育部门担负起第一职责。对学前教育专业给予财政补贴。")]
        ['市教育局', '市财政局', '市卫生健康委', '市民政局']
        """
        score: dict[str, float] = defaultdict(float)
        reasons: dict[str, list[str]] = defaultdict(list)
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        kw_count: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        title_kw: dict[str, dict[str, None]] = defaultdict(dict)
        title_end = _title_end(text)
        asked = [(m.start(1), m.end(1)) for m in self._ASKED_RE.finditer(text)]
        hits = self._raw_hits(text)
        names = [(s, e, surf, n) for s, e, surf in hits for n, kd in self._phrases.get(surf, []) if kd == "name"]
        leads, partners = lead_and_partners(text, names)
        # a body put in charge of one measure's own task ("3、……由省教育部门牵头，将……纳入学生……课程" in a 立法 + 执法
        # proposal) takes part; the matter's body leads (a blind reader's edit: 教育 led 个人信息保护)
        title_bodies = {n for s_, _e, surf in hits if s_ < title_end for n, kd in self._phrases.get(surf, []) if kd == "duty"}
        duties_of = lambda n: self._by_name[n].duties if n in self._by_name else ()  # noqa: E731
        tasks = task_charges(text, leads, duties_of, title_bodies)
        for name in tasks:
            leads.pop(name)
        asked_alone: dict[str, str] = {}  # "建议江苏省公安机关……": asked by name, alone
        for start, end, surface in hits:
            for name, kind in self._phrases.get(surface, []):
                if kind == "name" and name not in leads and name not in partners and in_enumeration(text, start, end):
                    # one of a long list of who does or holds something ("民政、残联、工会、妇联、公安、红十字会……均设立了
                    # 医疗救助资金"): described, not asked — points, never a seat of its own
                    if not any(r.startswith(("正文点名", "正文建议", "正文列举")) for r in reasons[name]):
                        score[name] += 1.5
                        reasons[name].append(f"正文列举“{surface}”")
                elif kind == "name":
                    if asked_alone_at(text, start, end) and not one_task(text, start, end, duties_of(name), name in title_bodies):
                        asked_alone.setdefault(name, surface)
                    if name in leads and not any(r.startswith("正文建议由") for r in reasons[name]):
                        score[name] += 8
                        reasons[name].insert(0, f"正文建议由“{surface}”牵头（“{leads[name]}”）")
                    elif name in tasks and not any(r.startswith("正文建议") for r in reasons[name]):
                        score[name] += 4
                        reasons[name].insert(0, f"正文建议由“{surface}”牵头其中一项措施（“{tasks[name]}”），列为协办")
                    elif name in partners and not any(r.startswith("正文建议") for r in reasons[name]):
                        score[name] += 4
                        who = f"由“{partners[name][0]}”" if partners[name][0] else ""
                        reasons[name].insert(0, f"正文建议{who}会同“{surface}”办理，列为协办")
                    elif any(a <= start < b for a, b in asked) and not any(r.startswith("正文建议由") for r in reasons[name]):
                        score[name] += 8
                        reasons[name].insert(0, f"正文建议由“{surface}”办理")
                    elif not any(r.startswith(("正文点名", "正文建议")) for r in reasons[name]):
                        # a member association ("各级书法协会") names its federation (文联) as a partner, at half a
                        # name's points: the matter's own body still leads (繁体字识读 is 教育's)
                        score[name] += 1.5 if surface.endswith("协会") else 3
                        reasons[name].append(f"正文点名“{surface}”")
                elif not_duty(text, start, end, surface):
                    continue  # "文化激励" of an office is no 文旅 matter
                else:
                    kw_count[name][surface] += 1
                    if start < title_end:
                        title_kw[name][surface] = None
                spans[name].append((start, end))
        for name, kws in kw_count.items():
            base = sum(_kw_weight(w, c) for w, c in kws.items())
            score[name] += min(6.0, base + 0.25 * (sum(kws.values()) - len(kws)))
            top = sorted(kws, key=lambda w: -kws[w])[:4]
            reasons[name].append("职责涉及" + "、".join(top))
        for name, kws in title_kw.items():
            # the title says what the matter is: a body whose duty is its object leads ("儿童医疗卫生服务体系" is 卫健委's,
            # whatever "就业" one measure says)
            score[name] += min(4.0, sum(2 * _kw_weight(w, 1) for w in kws))
            reasons[name].insert(0, f"标题所说的“{'、'.join(list(kws)[:3])}”属其职责")
        for cat, n in Counter(categories or []).items():
            for prov in CATEGORY_DEPARTMENTS.get(cat, ()):
                name = self.counterpart(prov)
                if name is not None:
                    # the neighbours' category is a hint, not the text's own evidence: five 社会事业 neighbours of a
                    # 托育 draft made 人社 its 主办 over the body the text's duties name (10 points, capped now at 4)
                    score[name] += min(4, 2 * n)
                    reasons[name].append(f"相似的往年材料{'' if n == 1 else f'{n}件'}属“{cat}”类")
        # bodies named by their short names in a list ("建议住建、财政等主管部门……"): named, as if written in full
        listed = self.listed(text)
        # a list of two or three bodies names them ("住建、财政等主管部门"); a longer one ("发改、财政、民政、人社等部门")
        # that only describes ("涉及……等部门", "分散在……等多个单位") says the matter is everyone's: its bodies get the
        # points, not a seat of their own. A longer list asked to act together ("由省政府组织我省发改、科技、商务、工信、
        # 市场监管、知识产权等多部门联合推动") names each body as a 协办 of the matter (a blind reader counted the missing
        # ones as an edit) — all but 财政, which one of many bodies joining in is no ask of money (row 97 "由发改、财政、
        # 商务、环保等部门联合" asks for recycling rules; 财政 sits only where the asks need money, see below)
        # (counted per list: "教育、民政、卫生计生等有关部门" and, further on, "工商、物价、消防等部门" are two short lists)
        long_list = {m.start for m in listed if m.listed_with > 3}
        finance = self.counterpart("省财政厅")
        joint = [m.name for m in listed if m.start in long_list and m.joint and m.name != finance]
        for m in listed:
            # "由市城管局牵头，会同自然资源和规划、交警部门": a short name in the list a lead brings in is its partner too
            with_lead = next((ld for ld, quote in partners.values() if m.surface in quote), None)
            if with_lead is not None and m.name not in leads and not any(r.startswith("正文建议") for r in reasons[m.name]):
                score[m.name] += 4
                who = f"由“{with_lead}”" if with_lead else ""
                reasons[m.name].insert(0, f"正文建议{who}会同“{m.surface}”部门办理，列为协办")
                spans[m.name].append((m.start, m.end))
            elif not any(r.startswith(("正文点名", "正文建议", "正文列举")) for r in reasons[m.name]):
                score[m.name] += 1.5  # less than a body named alone
                how = "点名" if m.start not in long_list else "点名" if m.name in joint else "列举"
                reasons[m.name].append(f"正文{how}“{m.surface}”部门{'（与所列部门联合办理）' if m.name in joint else ''}")
                spans[m.name].append((m.start, m.end))
        # a body put in charge by its short name ("建议由政法牵头"): the text's lead, as when written in full
        for m in _SHORT_LEAD.finditer(text):
            d = self._resolve_short(m.group(1), exact=True)
            if d is not None and d not in leads and d not in tasks:
                leads[d] = m.group(0)
                score[d] += 8
                reasons[d].insert(0, f"正文建议由“{m.group(1)}”牵头（“{m.group(0)}”）")
                spans[d].append(m.span(1))
        needed = self._needed(text)
        for name, why in needed.items():
            reasons[name].insert(0, why)
        # a body whose only reason is that similar past items were of its category names no duty in this text:
        # it is never proposed (the office read "市商务局（协办：相似的往年材料属“工业商贸”类）" on drone safety)
        own = [n for n in score if any(not r.startswith("相似的往年材料") for r in reasons[n])]
        own += [n for n in needed if n not in own]
        # 财政 sits only where the asks need money or the text names it: "资金保障", or 财政 in a list of four bodies,
        # is no ask of it (readers counted 财政 added on asks that are not about money)
        if finance in own and finance not in needed and not any(
                r.startswith(("正文点名", "正文建议", "标题所说的")) for r in reasons[finance]):
            own.remove(finance)
        ranked = sorted(own, key=lambda n: -score[n])
        if leads and ranked and ranked[0] not in leads and any(n in leads for n in ranked):
            # the text puts a body in charge ("教育部门担负起第一职责", "由A牵头", "A会同B"): it leads, whatever the
            # duty words of others say (妇联 led "……教育部门为家庭教育的牵头单位"); its partners never lead
            first = max((n for n in ranked if n in leads), key=lambda n: score[n])
            ranked.remove(first)
            ranked.insert(0, first)
        elif not leads and ranked and ranked[0] not in asked_alone and any(n in asked_alone for n in ranked):
            # nobody put in charge of the matter, a body the asks address by name leads (公安 over a 教育 task's lead)
            first = max((n for n in ranked if n in asked_alone), key=lambda n: score[n])
            reasons[first].insert(0, f"具体建议直接向“{asked_alone[first]}”提出，未另指牵头单位")
            ranked.remove(first)
            ranked.insert(0, first)
        elif ranked and ranked[0] in partners and ranked[0] not in leads:
            body = next((n for n in ranked[1:] if n not in partners and n not in needed), None)
            if body is not None and score[body] >= 0.5 * score[ranked[0]]:
                ranked.remove(body)
                ranked.insert(0, body)
        elif not leads and (head := asked_list_head(ranked, listed, text, title_end)) is not None:
            # "一是城管、交通运输部门对共享单车投放实行总量控制": the body the first ask names first leads its list
            ask = re.match(r"[^，。；！？\n]{0,30}", text[head.start:]).group(0)  # type: ignore[union-attr]
            reasons[head.name] = [f"正文建议“{head.surface}”等部门办理，“{head.surface}”列在首位（“{ask}”）",
                                  *(r for r in reasons[head.name] if not r.startswith(f"正文点名“{head.surface}”"))]
            ranked.remove(head.name)
            ranked.insert(0, head.name)
        # a 人民团体 speaks for a group and takes part; the body whose duty the matter is leads, unless the text
        # itself names the organisation (readers met 团省委 leading "青年教师教学素养", 妇联 a children's 医保 ask)
        if ranked and _MASS_ORG.search(ranked[0]) and not any(r.startswith(("正文点名", "正文建议")) and "协会”" not in r
                                                              for r in reasons[ranked[0]]):
            body = next((n for n in ranked[1:] if not _MASS_ORG.search(n)
                         and score[n] >= 0.5 * score[ranked[0]]), None)  # a real candidate, not a stray word
            if body is not None:
                ranked.remove(body)
                ranked.insert(0, body)
        # the title says the matter: a lead none of whose duty words are in it gives way to a body whose duty the title's
        # own object is, when the text names neither and that body scores half the lead's (a reader met 交通 leading
        # "常-泰-淮-宿全省发展中轴崛起" on its corridors' 港口 and 轨道交通 — the 中轴 strategy is 发改's)
        if ranked and ranked[0] not in leads and ranked[0] not in title_kw and ranked[0] not in needed and not any(
                r.startswith(("正文点名", "正文建议")) for r in reasons[ranked[0]]):
            body = next((n for n in ranked[1:] if n in title_kw and n not in partners and n not in needed
                         and not _MASS_ORG.search(n) and any(w not in _SETTING for w in title_kw[n]) and score[n] >= 0.5 * score[ranked[0]]), None)
            if body is not None:
                ranked.remove(body)
                ranked.insert(0, body)
        if not ranked:
            return []
        lead = ranked[0]
        # 协办: named partners and bodies the text names ("省人社厅" in a 特殊教育教师 ask), the bodies the asks need,
        # a body whose duty is the title's own object ("家庭教育" → 妇联, "民营经济" → 工商联), then others at half
        # the lead's points
        partner = [n for n in ranked[1:] if n in partners]
        domain = {self.counterpart(p) for p, _, _ in _DOMAIN_NEEDS}
        need = [n for n in ranked[1:] if n in needed and n not in partner and n not in domain]
        named = [n for n in ranked[1:] if n not in partner + need
                 and any(r.startswith(("正文点名", "正文建议")) for r in reasons[n])]
        # a body of the domain an ask names (人事薪酬 → 人社, 编制 → 编办, 用地 → 自然资源): a seat left free, never one
        # of the bodies above (a 医养结合 draft lost 民政 to "集体建设用地")
        in_domain = [n for n in ranked[1:] if n in needed and n not in partner + need + named]
        title = [n for n in ranked[1:] if n not in partner + need + named and n in title_kw
                 and any(w not in _SETTING for w in title_kw[n])]
        rest = [n for n in ranked[1:] if n not in partner + need + named + title and score[n] >= 0.5 * score[lead]]
        # a body the text names (or whose duty is the title's object) is never dropped for one its asks need, nor the
        # reverse: they may take one seat more than ``k`` (a 托育 draft lost the text's "教育部门" to the 3-unit cap
        # behind 财政; a 家庭教育 draft had 民政, 财政, 教育 and no 妇联)
        # (the title's object when the asks keep saying it: "家庭教育" five times, not "康复" once in 肿瘤诊疗康复)
        said = [n for n in title if any(kw_count[n][w] >= 3 for w in title_kw[n] if w not in _SETTING)]
        core = [lead, *partner, *need, *named, *said]
        tail = [n for n in title if n not in said] + rest
        chosen = core[:k + 1] if len(core) > k and need and len(core) - len(need) > 1 else [*core, *tail][:k]
        if any(n in core for n in joint):  # a list asked to act together seats its bodies: up to six units in all
            chosen = [*core, *(n for n in tail if n not in core)][:max(len(chosen), min(len(core), k + 3))]
        chosen += [n for n in in_domain if n not in chosen][:max(0, k - len(chosen))]
        out: list[HandlerSuggestion] = []
        for i, name in enumerate(chosen):
            # the text's own words putting it in charge first, the neighbours' category last ("市民政局（协办：相似的往年材料5件属……）"
            # put a hint before "正文点名“民政”部门")
            why = sorted(reasons[name], key=lambda r: (not r.startswith("正文建议由"), r.startswith("相似的往年材料")))
            if i == 0:  # a partner that leads because nobody else was named is no 协办: "会同工会" names 工会, no more
                why = [re.sub(r"^正文建议(?:由“[^”]*”)?会同“([^”]+)”办理(?:，列为协办)?$",
                              r"正文点名“\1”（建议会同其办理），未另指牵头单位", w) for w in why]
            if level:
                why.append(f"按{level}级部门（报告为{level}级）")
            out.append(HandlerSuggestion(name=name, role="主办" if i == 0 else "协办", score=round(score[name], 2),
                                         reasons=why, spans=sorted(set(spans[name]))[:10]))
        return out

    def _needed(self, text: str) -> dict[str, str]:
        """Bodies the asks need, with why: "加大财政扶持" → 财政 ("具体建议要求财政投入（“加大财政扶持”）")."""
        out: dict[str, str] = {}
        for prov, rx, why in (*_NEEDS, *_DOMAIN_NEEDS):
            # "加大研发资金投入" is a firm's money, "吸引社会资本投入" private money, "鼓励企业设立……专项资金" a firm's
            # fund: no ask of 财政; "加大直接对企业的奖补力度" is public money for firms
            m = next((x for x in rx.finditer(text) if not _PRIVATE_MONEY.search(x.group(0))
                      and not re.search(r"企业[^，。；]{0,2}$", text[max(0, x.start() - 6):x.start()])), None)
            name = self.counterpart(prov) if m else None
            if m is not None and name is not None and name not in out:
                out[name] = f"{why}（“{m.group(0)}”）"
        return out

    def counterpart(self, provincial: str) -> str | None:
        """This dictionary's body for a provincial one (省教育厅 → 市教育局 in a 市 dictionary), or None."""
        if provincial in self._by_name:
            return provincial
        for lv in ("市", "县", "区"):
            n = re.sub(r"厅$", "局", re.sub(r"^省", lv, provincial))
            if n in self._by_name:
                return n
        return None


_DEFAULT: dict[str, DepartmentDict] = {}


def load_departments(path: Path | str | None = None) -> DepartmentDict:
    """Cached :meth:`DepartmentDict.load` (one matcher per dictionary file per process)."""
    key = str(path)
    if key not in _DEFAULT:
        _DEFAULT[key] = DepartmentDict.load(path)
    return _DEFAULT[key]


LEVEL_FILES = {"省": "departments.txt", "市": "departments_city.txt", "县": "departments_county.txt"}
_DICTS = Path(__file__).resolve().parents[2] / "corpus" / "dicts"


def load_departments_for_level(level: str, path: Path | str | None = None) -> DepartmentDict:
    """The dictionary of that level: ``path``'s sibling ``departments_city.txt`` / ``departments_county.txt``
    (省: ``path`` itself, default corpus/dicts/departments.txt)."""
    base = Path(path).parent if path is not None else _DICTS
    fname = LEVEL_FILES.get(level, LEVEL_FILES["省"])
    if level == "省" and path is not None:
        return load_departments(path)
    f = base / fname
    return load_departments(f if f.is_file() else path)

