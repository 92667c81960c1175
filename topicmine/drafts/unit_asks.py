"""What a draft's words ask of a 承办单位, read apart from the dictionary's matching (used by
:mod:`topicmine.drafts.departments` and the check's ask text).

- ``NEEDS``: the asks that need a body whoever leads — public money from 财政 ("加大对基层医疗卫生机构投入力度",
  "由政府成立……兜底保障基金", "设立制造业创新中心建设专项资金"), a 报销 rate from 医保, market order from 市场监管.
- ``in_enumeration``: a body named inside a long list of who does or holds something ("民政、残联、工会、妇联、公安、
  红十字会、慈善总会……等多个部门或单位均设立了医疗救助资金") is described, not asked.
- ``not_duty``: a duty word used in another sense ("文化激励" of an office's culture is no 文旅 matter).
- ``charge_sentences``: sentences outside the asks in which the text puts a body in charge ("明确由省工商局牵头落实").

>>> bool(NEEDS[0][1].search("进一步加大对基层医疗卫生机构投入力度"))
True
>>> [bool(NEEDS[0][1].search(t)) for t in ("加大对职业教育的投入", "设立市级终身教育发展基金", "加大企业对研发的投入")]
[True, True, False]
>>> in_enumeration("目前民政、残联、工会、妇联、公安、红十字会等多个部门均设立了医疗救助资金", 11, 13)
True
>>> in_enumeration("建议民政、财政等部门加强协调", 2, 4)
False
"""

from __future__ import annotations

import re

#: what an ask needs, whoever leads: money from 财政, a 报销 rate from 医保, market order from 市场监管
NEEDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("省财政厅", re.compile(r"(?:加大|加强|增加|提高|强化|给予|安排|落实)[^，。；的]{0,6}(?:财政|政府|资金|经费)[^，。；、的]{0,3}"
                         r"(?:投入|扶持|支持|补助|补贴|拨款|保障|奖补|力度)|财政(?:投入|扶持|支持|补助|补贴|拨款|奖补|资金)(?!的(?:效|使用|绩效))"
                         r"|财政[^，。；的]{0,6}(?:增加|安排|拨付|加大)[^，。；的]{0,4}(?:补助|补贴|资金|经费|投入)"
                         r"|(?:设立|安排|扩大|增加|加大|统筹|给予|予以|提供)[^，。；的]{0,12}专项(?:资金|经费|补助)"  # "骗取…专项资金" is no ask
                         r"|转移支付|纳入[^，。；]{0,6}预算|以奖代补|财政性资金|(?:给予|予以)[^，。；]{0,8}财政[^，。；]{0,24}(?:支持|扶持|倾斜)"
                         r"|(?:加大|提高|增加|落实)[^，。；]{0,10}奖补|(?:制定|出台|建立|给予|给与|提高|落实)(?!的)[^，。；]{0,8}(?:补贴|运营补助)"
                         r"|安排[^，。；的]{0,6}(?:经费|资金)"
                         r"|(?:省级|市级|县级|各级)[^，。；]{0,12}专项(?:资金|经费)"
                         # public bodies' budgets and funds the government sets up
                         r"|加大对(?:基层)?[^，。；]{0,10}(?:机构|学校|医院|卫生院|单位|设施)[^，。；]{0,4}投入"
                         r"|(?:政府|财政)[^，。；]{0,4}(?:成立|设立|出资设立|建立)[^，。；]{0,24}(?:基金|资金池)"
                         # a field's public budget and a fund at the government's own level ("加大对职业教育的投入",
                         # "加大政府财政对终身教育的支持，设立市级终身教育发展基金": a 市 report's asks, a blind read)
                         r"|(?:加大|增加|提高)(?:政府|财政|政府财政)?对[^，。；]{1,12}?的?(?:投入|财政投入|经费投入|资金投入)"
                         r"|(?:政府|财政)[^，。；]{0,3}对[^，。；]{1,12}?的?(?:投入|扶持|支持|补助|补贴)"
                         r"|设立(?:省级|市级|县级|区级)[^，。；]{0,16}(?:基金|专项资金)"
                         # money the government gives or puts in ("提供切实的政策指导、资金扶持", "给予必要的政策支持和资金
                         # 扶持", "投入经费重点建设国际化课程": a 市 report's asks, a blind read)
                         r"|(?:提供|给予|予以)[^，。；]{0,12}资金(?:扶持|支持|补助)|投入(?:专项)?经费"
                         # a level's subsidy paid in full ("县级补助和镇配套资金及时足额到位": a 县 report's 改厕 ask, a blind read)
                         r"|(?:省级|市级|县级|区级|财政)(?:补助|补贴|奖补)[^，。；]{0,12}?(?:足额)?到位"), "具体建议要求财政投入"),
    # the rules of research money (预算调剂, 间接费用, 劳务费) are 财政's with 科技's
    ("省财政厅", re.compile(r"科研(?:项目)?(?:经费|资金)[^，。；]{0,4}(?:管理|使用|自主)|预算调剂|间接费用"),
     "具体建议涉及科研经费管理"),
    ("省医保局", re.compile(r"医保[^，。；]{0,6}(?:报销|支付|目录|比例)|报销比例|纳入[^，。；]{0,4}医保|医疗保障"),
     "具体建议涉及医保报销"),
    ("省市场监管局", re.compile(r"工商(?:部门|局|行政|执法|联动|登记)|卫生工商|无证经营|虚假宣传|价格欺诈"),
     "具体建议要求市场监管部门参与"),
)

#: what an ask names of a body's own domain: it needs that body too, after the money, the text's own names and the
#: bodies above (a 医联体's "人事薪酬制度, 绩效工资总量" lost 人社; a 疾控 proposal's 编制 must not push out its 财政)
DOMAIN_NEEDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # pay rules of public bodies (a 医联体's "人事薪酬制度", "绩效工资总量") are 人社's, whoever leads the matter
    ("省人力资源社会保障厅", re.compile(r"人事薪酬|薪酬制度|绩效工资|工资总量|工资调控|职称评审|岗位设置"),
     "具体建议涉及人事薪酬"),
    # staffing quotas ("核定编制", "增加人员编制"), not 编制 the verb ("编制专项规划")
    ("省委编办", re.compile(r"(?<!控)(?:人员|机构|事业|行政|核定|增加|核增|专项|空余|周转|教师|医护|专职|岗位)编制"
                         r"|编制(?:总量|数|名额|池|周转|配备|核定|空缺|内|外)(?!规划|方案|标准)"),
     "具体建议涉及机构编制"),
    # land asked for a use ("保障用地指标", "优先安排养老服务用地"), 自然资源's
    ("省自然资源厅", re.compile(r"用地指标|用地保障|(?:保障|优先|统筹|安排|给予|(?<!增)加大)[^，。；]{0,6}用地(?!单位)|土地供应|供地|点供"),
     "具体建议涉及用地"),
)

#: money that is not the government's: a firm's own fund or investment, private capital
PRIVATE_MONEY = re.compile(r"研发|社会资本|民间|企业(?:设立|自筹|自有|加大|投入|资金|研发)")

#: words that make a clause an ask of the bodies it lists ("建议由……", "……等部门联合", "……都必须明确……职责")
_ASK_WORDS = re.compile(r"建议|应当|应该|应|要|必须|需要|须|请|由|牵头|联合|会同|协同|共同|负责|加强|推动|建立|落实")


def in_enumeration(text: str, start: int, end: int, least: int = 4) -> bool:
    """Whether ``text[start:end]`` is one item of a "、" list of ``least`` items or more in a clause that describes
    rather than asks: "目前民政、残联、工会、妇联、公安、红十字会……等多个部门或单位均设立了医疗救助资金" names nine
    bodies that hold relief funds; none of them is asked to answer the draft. A list in a clause that asks ("建议由政法
    牵头，司法、民政、教育、卫计、共青团、妇联等部门……联合", "……等都必须明确……职责") is left to the other rules.
    """
    left = start
    items = 1
    while left > 0 and text[left - 1] == "、":  # items before: each a short run of 汉字 ending at a "、"
        m = re.search(r"[\u4e00-\u9fff]{1,12}$", text[max(0, left - 13):left - 1])
        if m is None:
            break
        left = left - 1 - len(m.group(0))
        items += 1
    right = end
    while right < len(text) and text[right] == "、":
        m = re.match(r"[\u4e00-\u9fff]{1,12}", text[right + 1:right + 13])
        if m is None:
            break
        right = right + 1 + len(m.group(0))
        items += 1
    if items < least:
        return False
    cs = max(text.rfind(c, 0, left) for c in "。；！？，\n") + 1
    ce = min([i for i in (text.find(c, right) for c in "。；！？，\n") if i >= 0] or [len(text)])
    return not _ASK_WORDS.search(text[cs:ce])


#: senses of a duty word that are not the body's matter: an office's or a group's own culture
_OTHER_SENSE = {
    "文化": re.compile(r"文化(?:激励|认知|程度|水平|素质|素养|包容|多元|的包容|的多元)"
                     r"|(?:机关|组织|企业|单位|廉政|廉洁|队伍|多元|传统)文化"),
}


def not_duty(text: str, start: int, end: int, surface: str) -> bool:
    """A duty word in another sense ("文化激励是队伍软实力的重要来源": no 文旅 matter)."""
    rx = _OTHER_SENSE.get(surface)
    if rx is None:
        return False
    return any(m.start() <= start and end <= m.end() for m in rx.finditer(text, max(0, start - 4), end + 4))


#: a sentence that puts a named body in charge: "明确由省工商局牵头落实", "由市卫健委负总责"
_CHARGE = re.compile(r"[^。；！？\n]*(?:由|明确)[^。；！？\n，]{2,16}?(?:牵头|负总责|负责落实)[^。；！？\n]*[。；！？]?")


def charge_sentences(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """Sentences outside ``spans`` (the asks) that put a body in charge; the asks decide who answers, but the text's
    own word on who leads counts wherever it is said ("明确由省工商局牵头落实……" in a proposal's 调研情况)."""
    out: list[str] = []
    for m in _CHARGE.finditer(text):
        if not any(a <= m.start() < b for a, b in spans):
            out.append(m.group(0).strip())
    return out


_JOIN_RE = re.compile(r"会同|联合|协同|配合|牵头")

#: words after a body that put it in charge: "教育部门担负起第一职责", "教育部门为家庭教育的牵头单位", "充分发挥网络
#: 安全和信息化委员会的牵头作用", "由卫健部门负总责"
_CHARGE_RE = re.compile(r"[^，。；！？\n]{0,4}?(?:担负起?|承担起?|负起?|履行)(?:第一|主体|主要|牵头)(?:职责|责任)"
                        r"|[^，。；！？\n]{0,2}?负总责|为[^，。；！？\n]{0,10}?牵头|的牵头作用|(?:为|作为)主管部门")


def lead_and_partners(text: str, names: list[tuple[int, int, str, str]]
                       ) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Bodies the text puts in charge and their partners, read within one clause.

    "省卫健委联合人社厅和财政厅" → lead 省卫健委; partners 人社厅, 财政厅. "建议由市公安局牵头" → lead 市公安局.
    "会同财政部门" with no body before it → 财政 a partner (the lead is left to the duty words).
    Returns lead → the words that say so, partner → (the lead's surface or "", the words).
    """
    leads: dict[str, str] = {}
    partners: dict[str, tuple[str, str]] = {}
    for m in _JOIN_RE.finditer(text):
        cs = max(text.rfind(c, 0, m.start()) for c in "。；！？\n") + 1
        ce_c = [i for i in (text.find(c, m.end()) for c in "。；！？\n") if i >= 0]
        ce = min(ce_c) if ce_c else len(text)
        before = [h for h in names if cs <= h[0] and h[1] <= m.start() and m.start() - h[1] <= 6
                  and not re.search(r"[，,]", text[h[1]:m.start()])]
        lead = before[-1] if before else None
        if lead is not None and m.group(0) == "牵头" and text[max(0, lead[0] - 2):lead[0]] == "可由":
            continue  # "项目可由省金信委牵头": who may lead one measure's project, not the matter — named, no lead
        after = [h for h in names if m.end() <= h[0] < min(ce, m.end() + 30) and (lead is None or h[3] != lead[3])]
        # "A联合B和C" puts A in charge; "人社部门联合推动……" (no body after) is a joint verb, nobody's lead
        if lead is not None and lead[3] not in partners and (after or m.group(0) == "牵头"):
            leads.setdefault(lead[3], text[lead[0]:after[-1][1] if after else m.end()])
        if m.group(0) == "牵头":
            continue
        for h in after:
            if h[3] not in leads:
                partners.setdefault(h[3], (lead[2] if lead else "", text[m.start():h[1]]))
    # "教育部门和工商部门共同承担牵头责任": both bodies before the words are in charge
    for j in range(len(names) - 1, -1, -1):
        s, e, _surface, name = names[j]
        c = _CHARGE_RE.match(text, e)
        nxt = names[j + 1] if j + 1 < len(names) else None
        if c is None and nxt is not None and nxt[3] in leads and re.fullmatch(r"[和与及、]", text[e:nxt[0]]):
            c = re.compile(re.escape(leads[nxt[3]])).match(text, nxt[0])
        if c is not None:  # the whole phrase ("……的牵头作用", "……共同承担牵头责任"), over a join's shorter quote
            leads[name] = text[s:c.end()]
            partners.pop(name, None)
    return leads, partners


#: after a list of bodies, the words that ask them to act together: "……知识产权等多部门联合推动", "……等部门联合，尽快
#: 制定", "……等部门共同参与", "……等部门与专业社会组织联合" (a list that is "涉及"/"分散在"/"均设立了" describes);
#: before it, a lead that brings them in: "由牵头部门会同工商、税务、公安、消防、卫生等多个部门进行有效的监管"
_JOINT = re.compile(r"[^，。；！？\n]{0,10}?(?:联合|共同|协同|联动|合力|配合|参与|参加)")
_JOINT_BEFORE = re.compile(r"(?:会同|联合|组织|协调|召集|牵头)[^，。；！？\n]{0,6}$")


def joint_list(text: str, start: int, end: int) -> bool:
    """Whether the list of bodies ``text[start:end]`` ("发改、科技……等部门") is asked to act together: its bodies are
    named in an ask, each a 协办 of the matter (a six-body list gave two units: a blind reader's edit).

    >>> t = "由省政府组织我省发改、科技、商务、工信、市场监管、知识产权等多部门联合推动全省专利标识工作"
    >>> joint_list(t, 8, 33)
    True
    >>> joint_list("智慧养老涉及面广，各种基础数据资源分散在发改、民政、规划、公安、人社等多个单位。", 20, 39)
    False
    """
    return _JOINT.match(text, end) is not None or _JOINT_BEFORE.search(text, max(0, start - 8), start) is not None
