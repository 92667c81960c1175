"""Reading a reply (答复): outcome, whether it answers the ask, the promised deadline, the answering unit.

Outcomes, as the 督办 office sorts them:

- 已解决 — the problem is fixed or the ask done ("已拆除", "已退还", "整改到位");
- 承诺办理 — a concrete action is promised ("已列入2018年建设计划", "预计10月份动工", "下一步将…");
- 解释说明 — the reply explains policy or the situation, no action is due;
- 无法办理 — refused, not possible, or not this unit's remit without a hand-over ("不符合条件", "建议通过司法途径");
- 转办 — passed on to another body, no result given;
- 无实质内容 — nothing but a greeting or "留言已收悉".

Everything is a transparent rule: each cue that fires is kept with its sentence and offsets, and the
decision names the cues it rests on, in Chinese (``reasons``), so a reader can check it against the text.

    >>> r = read_reply("网友您好！您反映的问题已转相关部门调查处理。")
    >>> r.outcome, r.responsive
    ('转办', 'no')
    >>> read_reply("经查，该路段不具备设置信号灯的条件，暂不设置。").outcome
    '无法办理'
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from topicmine.text.rules import time_matches, unit_spans
from topicmine.uptake.deadlines import Deadline, find_deadline, parse_when

OUTCOMES = ("已解决", "承诺办理", "解释说明", "无法办理", "转办", "无实质内容")

# ---- boilerplate: greetings, receipts, thanks, signatures and dates say nothing about the ask -------------
_BOILER = re.compile(
    r"^(?:尊敬的|亲爱的)?(?:网友|网民|市民|同志|先生|女士|朋友|用户)?[\"“”「」A-Za-z0-9_]*(?:网友|同志)?[：:，,]?\s*(?:您好|你好)?[！!，,。]?$|"
    r"收悉|已收到|已经收到|已获悉|已知悉|现(?:将|就)?.{0,12}(?:答复|回复|反馈)如下|感谢|谢谢|欢迎.{0,20}监督|"
    r"敬请|请勿重复|特此(?:回复|复函|答复)|如有.{0,12}(?:疑问|问题)|祝您|理解和支持|理解与支持|支持与理解|"
    r"^(?:[\u4e00-\u9fa5A-Z0-9]{2,20})?\d{4}年\d{1,2}月\d{1,2}日$|^\d{4}年\d{1,2}月\d{1,2}日"
)
_GREETING_ONLY = re.compile(r"^[\s\"“”「」A-Za-z0-9_：:，,。！!]*(?:网友|网民|用户)?[：:，,]?\s*(?:您好|你好)?[！!，,。\s]*$")

_SENT = re.compile(r"[^。！!？?；;\n]+[。！!？?；;]?")


@dataclass(frozen=True)
class Cue:
    """One rule that fired: its kind, the reason shown to users, the matched words and offsets in the reply."""

    kind: str
    reason: str
    words: str
    start: int
    end: int


# ---- cue rules: (kind, reason, pattern) ------------------------------------------------------------------
# kinds: transfer / refuse / commit / done / explain. Patterns name phenomena, not one reply's wording.
_RULES: list[tuple[str, str, str]] = [
    ("transfer", "转交其他单位处理", r"(?:已|并已|现已|已经|(?:已|已经|将)(?:按.{0,6})?将.{0,20}|已通过.{0,10}|将(?:按.{0,6})?)(?:转交?|转至|转给|交由|交办|交给|发函交办|转办|批转|移交|转送|函告|发函|致函|函转)(?:给|至)?.{0,20}(?:部门|单位|局|中心|政府|街道|乡|镇|委|办|公司|站|区|县|市|队|所|院|处)"),
    ("transfer", "转交其他单位处理", r"(?:交|转)(?:有关|相关)(?:单位|部门)(?:调查|核处|处理|办理|核实)"),
    ("refuse", "明确不能办理", r"(?:无法|不能|不可能|不宜|难以|不予|不再)(?:准确|及时|直接|正常|再|予以|马上|立即)?(?:办理|满足|安装|设置|开通|实现|取消|调整|受理|直接答复|答复|进行|支持|同意|批准|审批|解决|核查|核实|查询|查证|确认|提供|退还|恢复|增设|设立|架设|变更|关停|关闭|拆除|搬迁|迁移|撤除|纳入|改变|修建|建设)"),
    ("refuse", "不符合条件或政策", r"不符合(?:.{0,10})(?:条件|政策|要求|标准|规定|规划)|不具备.{0,12}(?:条件|标准)|尚不具备|未达到.{0,12}(?:要求|标准|条件)|达不到.{0,8}(?:要求|标准|条件)"),
    ("refuse", "暂不办理", r"暂(?:不|未|无|时不|时无法|时未)(?:会|能|具备|纳入|列入|考虑|安排|调整|实施|设置|开通|建设|办理)|暂(?:无|没有|未有)[^，。；]{0,12}(?:计划|资金|规划|安排)"),
    ("refuse", "不在本单位职责或范围内", r"不属于.{0,12}(?:职责|范围|管辖|职能|受理)|不在.{0,16}范围|非我.{0,4}(?:职责|管辖)|无权(?:处理|干涉|查处)"),
    ("refuse", "请通过司法等途径自行解决", r"司法途径|(?<!行政)诉讼(?:解决|途径)|(?:申请|提起|通过)仲裁|向人民法院|法律途径|属于?.{0,6}(?:民事|合同|经济)纠纷"),
    ("refuse", "请自行向其他单位咨询", r"无法直接答复|不掌握.{0,6}情况|建议(?:您|你|当事人|其)?(?:立即|及时)?(?:报警|向公安|拨打110)|(?:请|建议)(?:您|你|其)?(?:直接)?(?:电话|致电|电询|来电)?(?:咨询|联系).{0,16}(?:厅|局|委|法院|公安)|请(?:您)?(?:自行)?(?:联系|咨询).{0,20}(?:公司|单位|部门)(?:进行)?(?:维修|处理|解决)|建议(?:您|你)?(?:直接)?向.{0,24}(?:反映|提出|咨询|投诉|举报)|不归.{0,8}(?:管|管理|负责)"),
    ("commit", "已列入计划", r"(?:列入|纳入|列为).{0,24}(?:计划|规划|项目库|预算|议程|日程|清单)"),
    ("commit", "写明了完成时间", r"(?:预计|计划|争取|力争|拟|承诺|确保|将于|将在|于今年|年内).{0,16}(?:完成|完工|建成|动工|开工|启动|实施|解决|到位|投入使用|通车|开通|安装)"),
    ("commit", "正在办理中", r"正在(?:加紧|积极|抓紧|加快|全力)?(?:施工|建设|进行|推进|办理|实施|调查|勘察|协调|研究|制定|编制|整改|维修|处理|设计|对此事|调解|对接|开展)|正(?:对此|在积极|抓紧|加紧|进行|开展)|目前.{0,10}(?:正在|处于).{0,10}(?:阶段|中)|已(?:经)?启动.{0,14}(?:程序|流程|手续)|已在(?:积极)?(?:筹备|筹划|推进)"),
    ("commit", "明确了下一步措施", r"下一步|下阶段|下步|接下来|近期将|即将|待.{1,24}(?:后|完成)(?:将|会|再|，将)?.{0,8}(?:进行|实施|整改|开放|完善|解决|通电|通水|供水|通车|开通|启动|办理|施工|投入使用)|(?:审批|批准|审核|招标|验收)(?:通过)?后(?:就|即|便)?(?:可以?|将|能)(?:实施|施工|开工|动工|通水|通电|开通|投入使用)|限期(?:整改|拆除|完成|办理)|责成.{0,30}(?:整改|拆除|完成|处理)|督促[^。；]{0,120}(?:进行整改|整改|限期)|拟(?:购买|采购|建设|安排|实施|开展|增设|设置|配备|启动|新建|改造)|拟由.{0,12}(?:采购|购买|建设|实施|安排|配备)|计划在.{0,20}(?:配备|增设|设置|安装|修建|新建)"),
    ("commit", "承诺将办理", r"(?:将|会)(?:尽快|立即|及时|抓紧|加快|积极|督促|协调|安排|组织|增设|设置|安装|维修|修复|开展|对|把|在|于|启动|实施|完成|进行|从|与|签订|加装|新增|更换|购置|采购|配备|改造|建设|修建|硬化|铺设|拆除|清理|整治)|争取(?:尽快|尽早|早日|于)(?!.{0,6}(?:继续|一如既往))"),
    ("done", "问题已处理完毕", r"(?:已|已经|均已|现已|目前已|全部)(?:于.{1,14}|为[你您]|经|(?:全部)?将.{0,10}|与.{0,16})?(?:整改|清理|拆除|退还|退回|清退|安装|修复|维修|完成|解决|处理|落实|查处|取缔|关停|开通|增开|缴清|补缴|恢复|调整|更换|清除|疏通|铺设|硬化|撤除|清运|处罚|罚款|收回|立案|通电|亮灯|录取|办结|发放|兑付|补发|返还|纠正|改正|停工|制止|责令|去除)"),
    ("done", "整改到位", r"(?:整改|处理|拆除|清理|落实)(?:到位|完毕|完成)|得到(?:了)?(?:解决|处理|落实)|问题已(?:经)?(?:解决|消除)|达成.{0,6}(?:协议|一致)|按(?:照)?计划(?:时间)?(?:完成|完工|修复)|于\d{1,2}月\d{1,2}日[^，。]{0,10}(?:增开|开通|完成|拆除|清理|安装|修复|通电|退还)|(?<![预计划争取力将拟于\d])\d{1,2}月\d{1,2}日(?:起)?(?:增开|开通|拆除|恢复|通电|通水)|(?:拆除|清理|退还|安装|修复|增开|开通|印发|出台|缴清|清退|查处|取缔|整改|更换|铺设)了|(?:进行|给予|予以)(?:了)?(?:批评教育|罚款|处罚|查处|通报批评|查封|取缔|拆除|没收|行政拘留|立案查处)|当场(?:销毁|查处|查扣|拆除|制止)|被.{0,16}(?:查扣|查处|拆除|取缔)|(?:修复|维修|整改|清理|拆除|安装)完毕|(?:责令|勒令).{0,12}停(?:班|业|产|工|止)|已通知.{0,10}(?:退|补|办)"),
    ("explain", "说明政策或规定", r"根据.{0,30}(?:规定|办法|条例|通知|意见|政策|文件)|按照.{0,30}(?:规定|办法|政策|原则)|符合.{0,10}(?:规定|政策|条件|要求)|政策(?:规定)?如下|不存在.{0,16}(?:问题|行为|现象|情况)"),
    # "将充分论证研究" promises to consider, not to act: the rubric's 承诺办理 needs a concrete action (C类 留作参考)
    ("study", "只表示将研究参考，没有具体行动", r"(?:将|会)(?:认真|充分|进一步|积极)?(?:论证|研究|考虑|参考|吸纳)(?:研究|论证|参考)?(?=[。，,；;]|$)"),
    ("explain", "说明办理流程或途径", r"(?:可以|可|需|须|请)(?:携带|持|带上|到|向|前往|自行|直接|拨打|登录|按).{0,20}(?:办理|申请|咨询|提交|领取|联系)|办理流程|所需材料|申报材料"),
]
_COMPILED = [(k, reason, re.compile(p)) for k, reason, p in _RULES]

# generic closings promise nothing: "今后我们将继续加强监管", "将一如既往…", "如有情况将及时回复"
_GENERIC_FUTURE = re.compile(r"今后|将继续|将进一步|一如既往|持续|如有(?:情况|进展|结果)|处理情况会|办理结果将|及时(?:回复|反馈)|加强.{0,8}(?:巡查|监管|管理|宣传)")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (half-open offsets) of a reply.

    >>> t = "您好！已收悉。该路段已于5月完成修复。"
    >>> [t[a:b] for a, b in sentences(t)]
    ['您好！', '已收悉。', '该路段已于5月完成修复。']
    """
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group(0).strip()]


def is_boilerplate(sentence: str) -> bool:
    """A greeting, receipt, thanks, signature or date: nothing about the ask.

    >>> is_boilerplate("网友：您好！"), is_boilerplate("您的留言已收悉！"), is_boilerplate("该路灯已修复。")
    (True, True, False)
    """
    s = sentence.strip()
    if len(s) <= 3 or _GREETING_ONLY.match(s):
        return True
    return bool(_BOILER.search(s)) and len(re.sub(r"[^\u4e00-\u9fa5]", "", s)) < 40


@dataclass
class ReplyReading:
    """What a reply says, with the evidence for each part."""

    outcome: str
    responsive: str
    reasons: list[str]
    cues: list[Cue] = field(default_factory=list)
    deadline: Deadline | None = None
    unit: str | None = None
    days: int | None = None
    substance_chars: int = 0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["deadline"] = self.deadline.as_dict() if self.deadline else None
        return d


def find_cues(text: str) -> list[Cue]:
    """Every cue rule that fires in the non-boilerplate sentences of ``text``, with offsets.

    >>> [(c.kind, c.reason, c.words) for c in find_cues("经查，该广告牌已于12月24日拆除。")]
    [('done', '问题已处理完毕', '已于12月24日拆除'), ('done', '整改到位', '于12月24日拆除')]
    """
    out: list[Cue] = []
    for a, b in sentences(text):
        sent = text[a:b]
        for kind, reason, rx in _COMPILED:
            for m in rx.finditer(sent):
                after = sent[m.end() : m.end() + 30]
                before = sent[: m.start()]
                if kind == "commit" and re.search(r"按(?:照)?(?:原)?$", before[-3:]):
                    continue  # "按计划时间完成施工" reports work done on schedule
                if kind == "commit" and reason not in ("已列入计划", "写明了完成时间") and _GENERIC_FUTURE.search(
                        re.split(r"[，,]", after)[0] + m.group(0) + before[-6:]):
                    continue
                # a rule's condition ("已完成网签的，", "不符合条件的，不予办理") describes the policy, not this case
                if kind in ("done", "refuse", "commit") and re.match(r"^[^，,。；]{0,16}的(?:[，,；;。]|$)", after):
                    continue
                if kind in ("done", "refuse", "commit") and re.search(r"(?:如(?!下)|若|凡|如果|一旦|假如)[^。]{0,30}$", before):
                    continue
                # …and its consequence ("…标准的，不予办理登记", "有下列情形之一的，不予办理注册登记：")
                if kind == "refuse" and re.search(r"的[，,]\s*$|(?:下列|以下)情形之一的[，,：:]?\s*$", before):
                    continue
                # an outcome still to come is a promise, not a fix: "问题将得到解决", "督促其整改到位"
                if kind == "done" and re.search(r"(?:将|会|可|即可|才能|能够|方可|督促(?:其)?|要求(?:其)?|确保)$", before[-4:]):
                    continue
                # a preparatory step done ("已完成放线定位", "已完成立项") is work in progress, not a fix
                if kind == "done" and re.search(r"前期|放线|立项|设计|勘察|勘测|招标|评审|方案|报批|预算|规划",
                                                before[-8:] + m.group(0) + after[:8]):
                    continue
                # a problem description quoted from the message ("出现了…无法正常供水的现象") is no refusal
                if kind == "refuse" and re.search(r"(?:反映|出现|导致|造成|存在)[^，,]{0,12}$", before):
                    continue
                out.append(Cue(kind, reason, m.group(0), a + m.start(), a + m.end()))
    return out


def substance(text: str) -> str:
    """The reply without boilerplate sentences and forwarding notes ("已转相关部门"): what it actually says."""
    parts = []
    for a, b in sentences(text):
        s = text[a:b]
        if is_boilerplate(s):
            continue
        parts.append(s)
    return "".join(parts)


_ADMIN_WORD = re.compile(r"[省市县区镇乡]|卫生|发展|教育|公安|交通|住房|民政|财政|人力|自然|生态|农业|水利|商务|文化|应急|市场")


def answering_unit(text: str) -> str | None:
    """The unit that signs the reply: the signature before the closing date, else the first "X局/X中心" that
    speaks as 我局/我中心, else None. Unit names and the date come from the one rule matcher
    (:mod:`topicmine.text.rules`).

    >>> answering_unit("……感谢您的支持！A7县公安局交警大队 2014年9月11日")
    'A7县公安局交警大队'
    """
    tail = text.rstrip()[-60:]
    dates = [m for m in time_matches(tail) if m.label == "ymd" and m.end == len(tail)]
    if dates:
        m = re.search(r"([A-Z\d\u4e00-\u9fa5]{3,24}?)\s*$", tail[:dates[-1].start])
        if m:
            sig = re.sub(r"^.*?[！!。，,]", "", m.group(1))
            units = [u for u in unit_spans(sig) if u.end == len(sig)]
            if units and len(units[-1].text) >= 3:
                return units[-1].text
    m = re.search(r"我(局|中心|委|办|厅|大队|支队|街道|镇|乡|区|县|市|单位|院|所|站|公司)", text)
    if m:
        for u in unit_spans(text):
            name = u.text
            # "王秀兰委员" is a person: a unit name carries an administrative word before its suffix
            if (name.endswith(m.group(1)) or (m.group(1) == "委" and name.endswith("委员会"))) and len(name) >= 3 and _ADMIN_WORD.search(name):
                return name
        return "我" + m.group(1)
    return None


def days_between(item_time: str | None, reply_time: str | None) -> int | None:
    """Whole days from the item to its reply ("2019/5/9 16:01" → "2019/5/22 10:00" is 12).

    >>> days_between("2019/5/9 16:01:40", "2019/5/22 10:00:00")
    12
    """
    a, b = parse_when(item_time or ""), parse_when(reply_time or "")
    if not a or not b:
        return None
    return (b - a).days


_STRONG_COMMIT = ("已列入计划", "写明了完成时间", "正在办理中")


def _decide(cues: list[Cue], subst: str, deadline: Deadline | None, reply_len: int) -> tuple[str, list[str]]:
    kinds: dict[str, list[Cue]] = {}
    for c in cues:
        kinds.setdefault(c.kind, []).append(c)

    def why(kind: str) -> str:
        cs = kinds.get(kind, [])
        names = "、".join(dict.fromkeys(c.reason for c in cs))
        words = "、".join(dict.fromkeys(f"“{c.words}”" for c in cs[:3]))
        return f"{names}（{words}）"

    n_sub = len(re.sub(r"[^\u4e00-\u9fa5]", "", subst))
    transfer = kinds.get("transfer", [])
    # the substance that is not a forwarding note
    rest = subst
    for c in transfer:
        rest = rest.replace(c.words, "")
    n_rest = len(re.sub(r"[^\u4e00-\u9fa5]", "", rest))
    if n_sub < 6 and not transfer:
        return "无实质内容", ["答复只有问候、收悉或日期，没有针对诉求的内容"]
    if transfer and n_rest < 30 and not kinds.get("done") and not kinds.get("refuse"):
        return "转办", [f"只说明{why('transfer')}，没有办理结果"]
    n_done, n_commit, n_refuse = (len(kinds.get(k, [])) for k in ("done", "commit", "refuse"))
    remit = [c for c in kinds.get("refuse", []) if c.reason == "不在本单位职责或范围内"]
    if transfer and remit and not n_done:
        return "转办", [f"答复{why('refuse')}，并{why('transfer')}，没有办理结果"]
    if n_refuse and n_refuse >= n_done:
        extra = "；同时有后续措施" if n_commit else ""
        return "无法办理", [f"答复{why('refuse')}{extra}"]
    strong = [c for c in kinds.get("commit", []) if c.reason in _STRONG_COMMIT]
    # a plan being drawn up by others plus "将研究您的建议" is a reply for reference, not a promise
    planning = all(re.search(r"编制|制定|研究|论证|修编", c.words) for c in kinds.get("commit", []))
    if kinds.get("study") and planning and not n_done and deadline is None:
        return "解释说明", [f"{why('study')}；{why('commit')}" if n_commit else why("study")]
    if deadline is not None and n_commit:
        return "承诺办理", [f"承诺在{deadline.span}前办理：{why('commit')}"]
    # a fix already made outweighs follow-up words ("已查扣车辆，下一步将加强巡查"); a plan or work in
    # progress outweighs a partial fix ("部分已通水，其余待管道安装后通水")
    if n_done and (not strong or n_done > 2 * len(strong)):
        return "已解决", [f"{why('done')}"]
    if n_commit:
        return "承诺办理", [f"{why('commit')}"]
    if kinds.get("explain"):
        return "解释说明", [f"{why('explain')}，没有需要办理的事项"]
    return "解释说明", ["介绍情况，没有办理结果、承诺或拒绝的表述"]


def _key_terms(message: str) -> set[str]:
    s = re.sub(r"[^\u4e00-\u9fa5A-Za-z0-9]", "", message)
    return {s[i : i + 2] for i in range(len(s) - 1)}


def _responsive(outcome: str, message: str, subst: str) -> tuple[str, str]:
    if outcome in ("无实质内容", "转办"):
        return "no", "答复没有回应诉求本身"
    if not message:
        return "yes", "无留言原文，按有实质内容计"
    m, r = _key_terms(message), _key_terms(subst)
    share = len(m & r) / max(1, len(m))
    if share < 0.08:
        return "partly", f"答复与留言共用的词很少（{share:.0%}），可能答非所问或只作一般性说明"
    return "yes", f"答复针对留言所说的事项（共用词 {share:.0%}）"


def read_reply(reply: str, message: str = "", *, reply_time: str | datetime | None = None,
               item_time: str | datetime | None = None) -> ReplyReading:
    """Read one reply against its item: outcome, responsive, deadline (resolved on the reply's date), unit, days.

    >>> r = read_reply("网友您好：人民二路已列入2018年建设计划，预计年底完成。", "人民二路是烂泥路，请尽快修", reply_time="2018/12/21 16:13:26")
    >>> r.outcome, r.deadline.span, str(r.deadline.due)
    ('承诺办理', '年底', '2018-12-31')
    """
    reply = reply or ""
    rt = reply_time if isinstance(reply_time, datetime) else parse_when(reply_time or "")
    it = item_time if isinstance(item_time, datetime) else parse_when(item_time or "")
    cues = find_cues(reply)
    subst = substance(reply)
    deadline = find_deadline(reply, rt) if rt else None
    outcome, reasons = _decide(cues, subst, deadline, len(reply))
    if outcome != "承诺办理":
        deadline = None  # a date in a reply that promises nothing is a date, not a deadline
    responsive, why = _responsive(outcome, message, subst)
    days = (rt - it).days if rt and it else None
    return ReplyReading(outcome, responsive, reasons + [why], cues, deadline, answering_unit(reply), days,
                        len(re.sub(r"[^\u4e00-\u9fa5]", "", subst)))
