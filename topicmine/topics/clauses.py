"""议题 from sentences inside each policy area: the matter is a recurring specific measure, not a paragraph.

A provincial government report's paragraph is a chapter: "优先发展教育事业。…启动新一轮学前教育三年行动计划，…
努力化解城市"大班额"问题。…建立分级诊疗制度…" — clustering paragraphs finds 教育/卫生, however fine the
resolution. The office's 议题 are the *clauses* inside: 学前教育, 大班额, 分级诊疗, 消费品以旧换新,
森林草原防灭火, 隐性债务. They recur in report after report, in the same area, and name a specific object.

So inside every area (the paragraph clustering's policy areas) the passages are cut into clauses
(:func:`split_clauses`: 。！？； and line ends; numbering and "一是" dropped) and the 议题 are grown greedily
from **anchor terms** (:func:`anchor_matters`): for a term *t* of area *a*

    docs      = documents whose clauses in the area name t          (a 议题 recurs: ≥ ``min_docs``)
    ownership = clauses of the area naming t / clauses anywhere naming t   (≥ ``min_ownership``: t is this area's)
    rarity    = log(1 + clauses of the area / clauses of the area naming t)  (教育 in the 教育 area is its name)
    score     = docs × ownership × rarity

Terms are the segmenter's words and pairs of adjacent words (高标准 + 农田 → 高标准农田), without stop words,
generic policy words and place names. The best term takes its area's clauses that name it; terms whose clauses
mostly (``absorb`` share) fall in that set are the same matter said with other words (隐性 / 债务 / 隐性债务) and
join it; the rest of the terms are re-scored on the clauses not yet taken. Each clause belongs to one 议题 or
none, so shares (a 议题's clauses / a document's clauses) add up.

>>> clauses = split_clauses("（三）优先发展教育事业。启动学前教育三年行动计划；一是化解城市“大班额”问题。")
>>> clauses
['优先发展教育事业', '启动学前教育三年行动计划', '化解城市“大班额”问题']
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from topicmine.topics.boilerplate import FRAMING_RE
from topicmine.topics.general import general_tag, is_common_term, is_quality_word  # noqa: F401  (re-exported)
from topicmine.topics.labels import is_label_term
from topicmine.topics.nonmatter import POLITICAL_RE as _POLITICAL
from topicmine.topics.titles import is_place

_SPLIT = re.compile(r"[。！？；!?;\n]+")
# numbering and enumeration at the start of a clause: （一） 1. 一是 第一， ——
_LEAD = re.compile(r"^\s*(?:[（(][一二三四五六七八九十百\d]+[)）]、?|[一二三四五六七八九十]+[、是]|第[一二三四五六七八九十]+[，,、]"
                   r"|\d+[.、．]|[-—–·•]+|\*+)\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# who is responsible, annotated after a 民生实事 item: "改造供热管道420公里（牵头责任单位：自治区住房和城乡建设厅）".
# Left in, the annotation's words (牵头·责任·自治区·…厅) are the most shared terms of the list and grow a 议题 of
# their own across unrelated items; the item is the matter, the annotation names a department
_DUTY_NOTE = re.compile(r"[（(](?:牵头|责任|主责|配合)*(?:责任)?(?:单位|部门)[：:][^（）()]{0,120}[）)]")


def split_clauses(text: str, *, min_chars: int = 6) -> list[str]:
    """The clauses of a passage (sentences, and the items of "一是…；二是…" lists) without their numbering;
    clauses under ``min_chars`` Chinese characters are dropped (a heading's "一、"、"各位代表！").

    >>> split_clauses("各位代表！\\n1.实施消费品以旧换新行动；2.推进县域商业体系建设。")
    ['实施消费品以旧换新行动', '推进县域商业体系建设']
    """
    return [c for c, _head in split_clauses_heads(text, min_chars=min_chars)]


def split_clauses_heads(text: str, *, min_chars: int = 6, head_chars: int = 16) -> list[tuple[str, bool]]:
    """Clauses with a flag: is it no 议题's — a heading (a line of its own without a full stop inside: "（七）统筹
    发展社会事业，保持社会和谐稳定"; or a paragraph's short first sentence: "优先发展教育事业。"), which names the
    chapter (the area), or a target/headline figure (:func:`is_figure_clause`).

    >>> split_clauses_heads("（三）优先发展教育事业\\n\\n办好人民满意的教育。启动学前教育三年行动计划。")
    [('优先发展教育事业', True), ('办好人民满意的教育', True), ('启动学前教育三年行动计划', False)]
    """
    out: list[tuple[str, bool]] = []
    for line in (text or "").split("\n"):
        parts = [p for p in _SPLIT.split(line) if p.strip()]
        whole_line = len(parts) == 1 and not re.search(r"[。！？；!?;]\s*\S", line.strip())
        first = True
        for c in parts:
            c = _DUTY_NOTE.sub("", c).strip().strip("*#").strip()
            for _ in range(2):
                c = _LEAD.sub("", c).strip()
            n = len(_CJK.findall(c))
            if n < min_chars:
                continue
            head = (whole_line and n <= 40) or (first and n <= head_chars and len(parts) > 1)
            out.append((c, head or is_figure_clause(c) or is_list_clause(c) or is_framing_clause(c)))
            first = False
    return out


_FIGURE = re.compile(r"\d[\d.]*\s*(?:%|％|个百分点)")
_FIGURE_VERB = re.compile(r"增长|下降|提高|提升|达到|达|超过|控制在|降低|减少|占比|比例|比重|率")


#: a tally reached ("国际友城增至78对", "驻蓉领事机构达15个", "居内地第三"): last year's results, not a matter
_TALLY = re.compile(r"(?:增至|增加到|达到?|突破|累计)\s*[\d.]+\s*(?:万|亿)?\s*(?:个|家|对|条|项|所|座|位|名|户|件|次|倍|支)"
                    r"|居(?:全国|内地|西部|中西部|全省)[^，,]{0,4}第[一二三四五六七八九十\d]")
#: a 名词解释 entry cut into clauses: a short term, a colon, its definition ("农业面源污染：农村生活和…",
#: "养老服务"七大工程"：居家社区…")
_DEFINITION = re.compile(r"^[^，,。；：:]{2,24}[：:]")


def is_figure_clause(clause: str) -> bool:
    """A target or headline figure ("全省地区生产总值增长6%左右", "优良天数比例达到92.5%"), a tally reached
    ("国际友城增至78对"), or a 名词解释 definition ("农业面源污染：…"). Such a clause reports or promises a number, or
    explains a word; it is counted, never a 议题's.

    >>> is_figure_clause("空气质量优良天数比例达到92.5%"), is_figure_clause("新建高标准农田500万亩")
    (True, False)
    >>> is_figure_clause("驻蓉领事机构达15个、居内地第三"), is_figure_clause("农业面源污染：农村生活和农业生产活动中的污染物")
    (True, True)
    """
    return bool((_FIGURE.search(clause) and _FIGURE_VERB.search(clause)) or _TALLY.search(clause)
                or _DEFINITION.match(clause))


#: an item separator inside one comma-segment; "和/及/以及" before the last item joins it too
_ITEM_SEP = re.compile(r"、")
_LAST_JOIN = re.compile(r"(?:以及|和|及|与)")


def list_items(clause: str) -> int:
    """The most items any one comma-segment of the clause enumerates ("办好学前教育、职业教育、特殊教育和继续教育": 4).

    >>> list_items("办好学前教育、职业教育、民族教育、特殊教育和继续教育"), list_items("实施消费品以旧换新行动")
    (5, 1)
    """
    best = 1
    for seg in re.split(r"[，,：:（）()]", clause):
        n = len(_ITEM_SEP.findall(seg))
        if n:
            n += 1 + (1 if _LAST_JOIN.search(seg.rsplit("、", 1)[-1]) else 0)
        best = max(best, n)
    return best


_GENERIC_HEAD = re.compile(r"等(?:各项|各类)?(?:工作|事业|领域|方面|事项|任务)$")


def is_list_clause(clause: str, *, min_items: int = 4) -> bool:
    """A clause that names a whole chapter by listing its fields in one breath ("办好学前教育、职业教育、民族教育、特殊
    教育和继续教育", "稳步推进投融资、价格、自然资源资产管理、产权保护制度、社会信用体系等改革"): no one of the items is
    its matter, so it is counted in the document's clauses and never a 议题's. Three items stay a matter's clause
    ("高校毕业生、农民工、退役军人就业" is one measure for named groups), and so does a list inside a longer clause.

    Three items of one field named alike ("办好高等教育、特殊教育和继续教育": three kinds of 教育) are a list too.

    >>> is_list_clause("办好学前教育、职业教育、民族教育、特殊教育和继续教育"), is_list_clause("做好高校毕业生、农民工、退役军人就业")
    (True, False)
    >>> is_list_clause("办好高等教育、特殊教育和继续教育"), is_list_clause("办好特殊教育，支持民办教育")
    (True, False)
    """
    # the clause is the list (one comma-segment), or a segment lists fields outright; a list closed by 等 inside a
    # longer clause is the objects of its measure ("加力落实消费品以旧换新政策，…，提振汽车、家电、家居、电子产品等消费")
    if not re.search(r"[，,]", clause) and list_items(clause) >= min_items:
        return True
    if any(list_items(seg) >= min_items and "等" not in seg for seg in re.split(r"[，,：:（）()]", clause)):
        return True
    # a list closed by 等 and a word that names no object ("做好参事文史、地方志、哲学社会科学、…、红十字等工作"):
    # the chapter's remaining duties, not the objects of one measure
    if any(list_items(seg) >= min_items and _GENERIC_HEAD.search(seg) for seg in re.split(r"[，,：:（）()]", clause)):
        return True
    for seg in re.split(r"[，,：:（）()]", clause):
        if "、" not in seg:
            continue
        items = seg.split("、")
        items[-1:] = _LAST_JOIN.split(items[-1], maxsplit=1)
        tails = {it.strip()[-2:] for it in items if len(it.strip()) >= 3}
        if len(items) >= 3 and len(tails) == 1:  # X教育、Y教育和Z教育: the field's kinds
            return True
    return False


#: strategic positioning and slogans of the province's place in national strategy ("建设我国面向南亚东南亚辐射中心",
#: "主动服务和融入国家发展战略", "构建新发展格局"), and the stance lines around the measures ("坚决贯彻党中央决策部署",
#: "深刻认识…", "践行绿水青山就是金山银山的理念", "闯出一条跨越式发展的路子"): the report's framing, not a
#: measure an office could study
_POSITIONING = re.compile(r"辐射中心|桥头堡|(?:服务|融入)[^，,]{0,6}(?:国家|重大)?[^，,]{0,4}战略(?!性新兴)|战略定位|发展定位"
                          r"|新发展格局|双循环|国内大循环|排头兵|主力军|新高地|重要窗口|重要支点|先行示范"
                          # joining a national or regional strategy ("积极融入“一带一路”、长江经济带和粤港澳大湾区建设",
                          # "对接融入长三角一体化", "沿着“一带一路”走出去"): where the province stands, not a measure
                          r"|(?:融入|对接|参与|共建|服务)[^，,]{0,8}(?:一带一路|长江经济带|经济带|大湾区|长三角|京津冀"
                          r"|双城经济圈|陆海新通道|西部大开发|中部地区崛起)|走出去"
                          # the main line of 2016–2019's reports, said of every chapter ("以供给侧结构性改革为主线")
                          r"|供给侧结构性改革|结构性改革为主线")
_STANCE = re.compile(r"决策部署|深刻(?:认识|领会|把握|理解)|重要指示|重要讲话|总书记|国之大者|跨越式发展|新发展理念"
                     r"|就是金山银山|思想为指导|以人民为中心|初心使命|奋勇前进|团结奋斗|长期向好|回升向好|基本面|敢为人先")


#: words of exhortation and of praise for a status ("弘扬…传统，倡导…生活方式，激励各族人民携手共建美丽内蒙古",
#: "模范自治区是党和国家赋予我们的崇高荣誉，更是一份沉甸甸的责任", "铸牢中华民族共同体意识"): the report calls on
#: people or states what an honour means — framing when the clause names no measure (:data:`_MEASURE`)
_EXHORT = re.compile(r"弘扬|倡导|激励|号召|鼓舞|凝聚|汇聚|携手|牢记|不负|践行|铸牢|谱写|书写|奋力|荣誉|沉甸甸"
                     r"|使命|嘱托|厚望|自豪|光荣|骄傲|精神面貌|同心同德|众志成城|共同体意识|蔚然成风|良好风尚")
#: verbs of doing on an object: a clause holding one names a measure an office could follow ("倡导绿色生活，开展
#: 节约型机关创建" is a measure; "倡导简约适度、绿色低碳生活方式" alone is not)
_MEASURE = re.compile(r"推进|推动|实施|开展|建设|建成|新建|改造|落实|加强|完善|健全|建立|制定|出台|深化|加快|提高|提升"
                      r"|扩大|降低|减少|化解|治理|整治|保护|修复|培育|打造|创建|支持|发放|补贴|改革|优化|规范|强化"
                      r"|监管|引进|确保|保障|开工|投产|扶持|组织|举办|办好|用好|抓好|做好|推广|试点|布局|设立|取消"
                      r"|免征|减免|发行|争取|完成|整合|提质|升级|普及|覆盖|新增|增加|评选|表彰|资助|救助|帮扶"
                      r"|申建|申报|开行|解决|纳入|推行|应用|控制|稳定|去库存")


def is_exhortation_clause(clause: str) -> bool:
    """An exhortation or a statement of honour with no measure in it: framing ("倡导简约适度、绿色低碳生活方式",
    "模范自治区是党和国家赋予我们的崇高荣誉，更是一份沉甸甸的责任"). The outside reader found both as 议题 of a
    sealed province (内蒙古: "绿色低碳", "崇高荣誉"). A clause that also names a measure stays a matter's.

    >>> is_exhortation_clause("弘扬勤俭节约优良传统，倡导简约适度、绿色低碳生活方式，激励各族人民携手共建美丽家园")
    True
    >>> is_exhortation_clause("模范自治区是党和国家赋予我们的崇高荣誉，更是一份沉甸甸的责任")
    True
    >>> is_exhortation_clause("铸牢中华民族共同体意识，深入开展民族团结进步创建")
    False
    >>> is_exhortation_clause("实施消费品以旧换新行动")
    False
    """
    return bool(_EXHORT.search(clause)) and not _MEASURE.search(_EXHORT.sub("", clause))


#: the documents whose clauses say what the government will do (a proposal or a 调研报告 tells a problem without a
#: verb of doing, and that is its matter: "应收账款多、回款慢" — it is not read)
_PLAN_TYPES = frozenset({"gov_report", "party_doc"})


def no_measure_topics(assignments: Sequence[int], texts: Sequence[str], metadata: Sequence[dict],
                      topics: Iterable[int], *, min_share: float = 0.45, min_clauses: int = 3) -> list[int]:
    """议题 whose clauses from reports and Party documents (``min_clauses`` at least) hold a verb of doing
    (:data:`_MEASURE`) in under ``min_share`` of them: calls, stances and the situation, not a measure. On the dev
    provinces the 议题 below 0.45 are "我国经济发展进入", "出发点和落脚点", "面对突如其来", "里程碑意义", "底线思维"
    and 湖南's area 繁荣哲学社会科学 (0.40); every other top-20 议题 is above 0.5.

    >>> texts = ["我国经济发展进入新常态", "经济发展进入新常态是大逻辑", "主动适应经济发展新常态", "实施消费品以旧换新"]
    >>> meta = [{"doc_type": "gov_report"}] * 4
    >>> no_measure_topics([0, 0, 0, 1], texts, meta, [0, 1])
    [0]
    """
    own: dict[int, list[bool]] = defaultdict(list)
    for a, t, m in zip(assignments, texts, metadata):
        dt = getattr(m.get("doc_type"), "value", m.get("doc_type"))
        if int(a) >= 0 and dt in _PLAN_TYPES:
            own[int(a)].append(bool(_MEASURE.search(t)))
    return [t for t in topics if len(own.get(t, ())) >= min_clauses and sum(own[t]) < min_share * len(own[t])]


def is_framing_clause(clause: str) -> bool:
    """A strategic positioning line or a stance line ("加快建设我国面向南亚东南亚辐射中心", "主动服务和融入国家重大
    战略", "坚决贯彻落实党中央决策部署", "清醒认识到…"), counted in the document's clauses and never a 议题's.

    >>> is_framing_clause("主动服务和融入国家重大战略"), is_framing_clause("坚决贯彻落实党中央决策部署")
    (True, True)
    >>> is_framing_clause("培育战略性新兴产业集群"), is_framing_clause("实施消费品以旧换新行动")
    (False, False)
    """
    return bool(_POSITIONING.search(clause) or _STANCE.search(clause) or FRAMING_RE.search(clause)
                or _POLITICAL.search(clause) or is_exhortation_clause(clause))


#: a list closed by 等: "扩大茶叶、化肥、轮胎、吉他等商品出口", "推动用水权、排污权、碳排放权等市场化交易"
_ETC_LIST = re.compile(r"[^，,：:（）()；;“”]*、[^，,：:（）()；;“”]*、[^，,：:（）()；;“”]*?等")


def list_item_spans(clause: str) -> list[tuple[int, int]]:
    """Character spans of the items of every list of ≥ 3 items closed by 等 ("扩大茶叶、化肥、轮胎、吉他等商品出口":
    茶叶 … 吉他, and the 等 itself). Such items are the objects a measure names in passing — the measure (商品出口,
    市场化交易, 重点群体就业) is the clause's matter, and an item (化肥, 碳排放权, 退役军人) must neither anchor a
    议题 nor pull the clause into another item's 议题 (贵州's 跨境电商 议题 took 化肥·茶叶·轮胎 export lists and
    was titled by one item). The first item's start is not marked by any sign: it is taken as long as the
    shortest other item.

    >>> c = "扩大茶叶、化肥、轮胎、吉他等商品出口"
    >>> [c[a:b] for a, b in list_item_spans(c)]
    ['茶叶、化肥、轮胎、吉他等']
    >>> list_item_spans("做好高校毕业生、农民工、退役军人就业")  # no 等: the list is the matter's own wording
    []
    """
    out = []
    for m in _ETC_LIST.finditer(clause):
        seg = m.group(0)
        parts = seg[:-1].split("、")
        others = [len(x) for x in parts[1:] if x]
        if len(parts) < 3 or not others:
            continue
        first = min(others)
        start = m.start() + max(len(parts[0]) - first, 0)
        out.append((start, m.end()))
    return out


#: learning from elsewhere, said before the measure: "学习运用“千万工程”经验，新建和改造提升高标准农田360万亩",
#: "学习借鉴浙江“千万工程”经验，抓好农村人居环境整治"; "为深入学习贯彻党的二十届三中全会精神，…"
_LEARNING = re.compile(r"(?:深入|深化|认真|持续)?(?:学习|借鉴)(?:运用|推广|借鉴|贯彻|落实)?[^，,。；;]{0,16}?(?:经验|精神)")


def lead_in_spans(clause: str) -> list[tuple[int, int]]:
    """Spans of a learning lead-in ("学习运用“千万工程”经验"): what is learned from elsewhere is said before the
    measure and is no term of the clause — on the sample corpus "学习运用" anchored a 议题 of 高标准农田 and 和美乡村
    lines; the measure after it (高标准农田, 和美乡村) is the clause's matter.

    >>> c = "学习运用“千万工程”经验，新建和改造提升高标准农田360万亩"
    >>> [c[a:b] for a, b in lead_in_spans(c)]
    ['学习运用“千万工程”经验']
    """
    return [(m.start(), m.end()) for m in _LEARNING.finditer(clause)]


#: 等 glued to a word by the segmenter ("碳排放/权等/市场化"): the word is a list's end, no term
_GLUED_DENG = re.compile(r"(?<![平同高对均初中次])等(?!级)")


def _item_words(clause: str, ws: Sequence[str]) -> list[bool]:
    """Per word of ``ws`` (the clause's words in order): does it lie in (or overlap) a listed item, or end a list
    ("权等")?"""
    spans = list_item_spans(clause) + lead_in_spans(clause)
    flags = [len(w) > 1 and bool(_GLUED_DENG.search(w)) for w in ws]
    if not spans:
        return flags
    pos = 0
    for k, w in enumerate(ws):
        at = clause.find(w, pos)
        if at < 0:
            continue
        pos = at + len(w)
        flags[k] = any(at < b and pos > a for a, b in spans)
    return flags


def clause_terms(clause: str, words: Callable[[str], list[str]], stopwords: Iterable[str] | frozenset[str] = (),
                 ) -> list[str]:
    """Candidate terms of one clause: its content words and pairs of adjacent content words.

    >>> clause_terms("建设高标准农田", lambda s: ["建设", "高标准", "农田"])
    ['高标准', '农田', '高标准农田']
    """
    stop = stopwords if isinstance(stopwords, frozenset) else frozenset(stopwords)
    ws = [w for w in words(clause)]
    item = _item_words(clause, ws)
    ok = [is_label_term(w, stop) and not is_place(w) and not it for w, it in zip(ws, item)]
    out = [w for w, k in zip(ws, ok) if k]
    for i in range(len(ws) - 1):
        if ok[i] and ok[i + 1] and len(ws[i]) + len(ws[i + 1]) <= 8:
            out.append(ws[i] + ws[i + 1])
    return list(dict.fromkeys(out))


def clause_term_lists(clauses: Sequence[str], words: Callable[[str], list[str]],
                      stopwords: Iterable[str] | frozenset[str] = (), *, cohesion: float = 0.5) -> list[list[str]]:
    """:func:`clause_terms` of every clause, keeping a pair of adjacent words only where it is a term of the corpus:
    the pair stands together in at least ``cohesion`` of the clauses naming either word (高标准农田 yes where the
    two go together; 全面推行 + 河长制 no when 全面推行 goes with many things — the single words stay terms).

    >>> seg = {"建设高标准农田": ["建设", "高标准", "农田"], "高标准农田灌溉": ["高标准", "农田", "灌溉"],
    ...        "全面推行河长制": ["全面推行", "河长制"], "全面推行林长制": ["全面推行", "林长制"],
    ...        "全面推行田长制": ["全面推行", "田长制"]}
    >>> out = clause_term_lists(list(seg), seg.__getitem__)
    >>> "高标准农田" in out[0], "全面推行河长制" in out[2]
    (True, False)
    """
    stop = stopwords if isinstance(stopwords, frozenset) else frozenset(stopwords)
    per = []
    one: Counter[str] = Counter()
    two: Counter[str] = Counter()
    for c in clauses:
        ws = list(words(c))
        # the items of a list closed by 等 are named in passing (list_item_spans): no terms of the clause
        item = _item_words(c, ws)
        ok = [is_label_term(w, stop) and not is_place(w) and not it for w, it in zip(ws, item)]
        uni = [w for w, k in zip(ws, ok) if k]
        bi = [ws[i] + ws[i + 1] for i in range(len(ws) - 1)
              if ok[i] and ok[i + 1] and len(ws[i]) + len(ws[i + 1]) <= 8]
        pairs = {ws[i] + ws[i + 1]: (ws[i], ws[i + 1]) for i in range(len(ws) - 1)}
        one.update(set(uni))
        two.update(set(bi))
        per.append((uni, bi, pairs))
    out = []
    for uni, bi, pairs in per:
        keep = [b for b in bi if two[b] >= cohesion * max(one[pairs[b][0]], one[pairs[b][1]])]
        out.append(list(dict.fromkeys(uni + keep)))
    return out


#: the names of whole policy fields (the chapters of a report): as an anchor they gather a field's clauses
#: ("污染": 大气/水/土壤/面源/重金属污染 …, "技术创新", "信用", "贸易"), not one matter. They never anchor a 议题;
#: they may still join one as a side term, and the compound that names the matter (农业面源污染, 社会信用体系,
#: 加工贸易) anchors it. Chosen from the chapters of provincial reports, not from any one province's list; with
#: them the generic heads that gather unrelated objects (体制改革, 管理制度, 防范化解). Not 债务: it names an
#: object (地方政府债务风险化解 is a matter; as a field word it left its clauses to "防范化解", a mixture).
#: 应急管理 and 防灾减灾(救灾) are a chapter too (云南: 应急管理体系 + 防灾减灾 + 应急预案 were two 议题 of the field).
FIELD_WORDS: frozenset[str] = frozenset("""
污染 环境 生态 生态环境 环境保护 生态保护 生态文明 环境治理 污染防治 环保 绿色发展
科技 科技创新 技术创新 自主创新 创新驱动 研发 科研
教育 医疗 卫生 健康 医疗卫生 文化 旅游 旅游业 文化旅游 文旅 体育 民生 社会事业 社会保障 社保 公共服务
就业 收入 消费 投资 外贸 贸易 对外贸易 开放 对外开放 招商引资 金融 财政 税收
农业 工业 制造业 服务业 现代服务业 产业 实体经济 数字经济 民营经济 非公经济
城镇化 新型城镇化 城乡融合 乡村振兴 城市 城乡 乡村 村庄 农村 基础设施 交通 水利 能源 通信
信用 法治 安全 安全生产 公共安全 平安 治安 社会治安 违法犯罪 社会治理 基层治理 国防 民族 宗教
人才 改革 营商环境 市场主体 区域协调 对外合作 国际合作 应急管理 防灾减灾 防灾减灾救灾
体制改革 体制机制 管理制度 防范化解
""".split())


#: a sector's name (文化产业, 生产性服务业, 现代农业, 装备制造业): as an anchor it gathers the sector's clauses like a
#: field's name does; the object inside it (白酒, 新能源汽车) or the measure (现代农业产业园) names the matter
_SECTOR = re.compile(r"(?:产业|服务业|制造业|工业|农业|旅游业|畜牧业|林业|渔业)$")


def is_sector_term(term: str) -> bool:
    """A sector's name, never an anchor ("文化产业", "生产性服务业"); an object or a measure is not ("白酒",
    "现代农业产业园", "就业"). The object inside a sector's name still anchors: 贵州's 白酒 议题 ("白酒产业集群").

    >>> is_sector_term("文化产业"), is_sector_term("生产性服务业"), is_sector_term("现代农业产业园"), is_sector_term("白酒")
    (True, True, False, False)
    """
    return len(term) >= 3 and bool(_SECTOR.search(term))


@dataclass
class AnchorMatter:
    """One 议题 grown from an anchor term: its area, its clauses (row numbers), the anchor and absorbed terms."""

    area: int
    anchor: str
    clauses: list[int]
    terms: list[str] = field(default_factory=list)
    docs: int = 0
    score: float = 0.0


def anchor_matters(
    clause_terms_: Sequence[Sequence[str]],
    clause_area: Sequence[int],
    clause_doc: Sequence[object],
    *,
    min_docs: int = 3,
    min_ownership: float = 0.5,
    absorb: float = 0.6,
    previous: Sequence[tuple[str, Sequence[int]]] = (),
    max_matters: int = 2000,
    field_words: Iterable[str] = FIELD_WORDS,
    words: Callable[[str], list[str]] | None = None,
) -> list[AnchorMatter]:
    """Grow 议题 from anchor terms inside each area (see the module doc); best first.

    ``clause_area``: the area of each clause (< 0: in no area, never taken). ``previous``: the previous run's
    议题 as (anchor, rows of their clauses still here): each keeps its clauses (those in the area holding most
    of them) and takes the free clauses of that area naming its anchor, before any new 议题 is grown — a 议题
    once found goes on while it is raised in ``min_docs`` documents (stable 议题 across refits).
    ``field_words``: names of whole fields (:data:`FIELD_WORDS`) that never anchor a new 议题; nor does a term of
    common words only (:func:`is_common_term`; ``words`` splits a two-word term for it).

    >>> T = [["学前教育"], ["学前教育", "普惠"], ["学前教育"], ["大班额"], ["大班额", "高校"], ["大班额"], ["债务"]]
    >>> A = [0, 0, 0, 0, 0, 0, 1]
    >>> D = ["r1", "r2", "r3", "r1", "r2", "r3", "r1"]
    >>> [(m.anchor, m.clauses) for m in anchor_matters(T, A, D)]
    [('学前教育', [0, 1, 2]), ('大班额', [3, 4, 5])]
    >>> T[3:6] = [["教育"], ["教育", "高校"], ["教育"]]  # a field's name anchors nothing
    >>> [m.anchor for m in anchor_matters(T, A, D)]
    ['学前教育']
    """
    n_area: Counter[int] = Counter(a for a in clause_area if a >= 0)
    rows_of: dict[tuple[int, str], list[int]] = defaultdict(list)
    total: Counter[str] = Counter()
    for i, (terms, a) in enumerate(zip(clause_terms_, clause_area)):
        if a < 0:
            continue
        for t in dict.fromkeys(terms):  # not a set: string hashes vary per process, the order must not
            rows_of[(a, t)].append(i)
            total[t] += 1
    taken = [False] * len(clause_area)

    fields = set(field_words)
    # a quality (…性: 生产性, 结构性, 战略性) modifies whatever follows it — as an anchor it gathered 生产性服务业 and
    # 供给侧结构性改革 lines on 贵州; sector names gather their sector (is_sector_term)
    fields |= {t for t in total if is_sector_term(t) or (len(t) >= 2 and t.endswith("性"))}
    # words of general Chinese (时间, 价值, 学习, 家长希望): no object of their own, they gathered unrelated clauses
    fields |= {t for t in total if is_common_term(t, words) or is_quality_word(t)}
    # a word said in more than half of the areas is said of everything (贵州's "绿色": 13 of 19 areas — 绿色制造,
    # 绿色建筑, 绿色出行 … gathered as one 议题); measured on the four dev provinces, no other top-30 anchor
    # reaches half (脱贫 9 of 19, 债务 7 of 17)
    spread: Counter[str] = Counter(t for (_a, t) in rows_of)
    if len(n_area) >= 6:
        fields |= {t for t, k in spread.items() if 2 * k > len(n_area)}
    fields = frozenset(fields)

    def score(a: int, t: str) -> tuple[float, int, list[int]]:
        rows = [i for i in rows_of[(a, t)] if not taken[i]]
        if t in fields:  # a field's name gathers the field, not a matter
            return 0.0, 0, rows
        docs = len({clause_doc[i] for i in rows})
        own = len(rows_of[(a, t)]) / max(total[t], 1)
        if docs < min_docs or own < min_ownership or len(rows) < 2:
            return 0.0, docs, rows
        rarity = math.log1p(n_area[a] / len(rows_of[(a, t)]))
        return docs * own * rarity, docs, rows

    import heapq

    out: list[AnchorMatter] = []
    done: set[tuple[int, str]] = set()
    # first every previous 议题 takes back its own clauses, then each takes the free ones naming its anchor
    kept: list[tuple[str, int, set[int]]] = []
    for anchor, prev_rows in previous:
        # a 议题 the rules no longer allow (a field's or a sector's name: 营商环境, 民营经济 from an earlier
        # version) does not go on: its clauses are free for the matters inside the field
        if anchor in fields:
            continue
        own = [i for i in prev_rows if not taken[i] and clause_area[i] >= 0]
        if not own:
            continue
        a = Counter(clause_area[i] for i in own).most_common(1)[0][0]
        group = {i for i in own if clause_area[i] == a}
        for i in group:
            taken[i] = True
        kept.append((anchor, a, group))
    for anchor, a, group in kept:
        group |= {i for i in rows_of.get((a, anchor), []) if not taken[i]}
        for i in group:
            taken[i] = True
    for anchor, a, group in kept:
        docs = len({clause_doc[i] for i in group})
        if docs < min_docs:  # no longer a 议题 of the corpus: its clauses are free again
            for i in group:
                taken[i] = False
            continue
        out.append(AnchorMatter(a, anchor, sorted(group), [anchor], docs, 0.0))
        done.add((a, anchor))
    by_area: dict[int, list[str]] = defaultdict(list)
    for a, t in rows_of:
        by_area[a].append(t)
    # lazy greedy: a popped term is re-scored on the clauses still free and pushed back when it dropped
    heap = []
    for (a, t) in rows_of:
        sc = score(a, t)[0]
        if sc > 0:
            heap.append((-sc, -len(t), t, a))
    heapq.heapify(heap)
    while heap and len(out) < max_matters:
        neg, neglen, t, a = heapq.heappop(heap)
        if (a, t) in done:
            continue
        s, docs, rows = score(a, t)
        if s <= 0:
            continue
        if s < -neg - 1e-9:
            heapq.heappush(heap, (-s, neglen, t, a))
            continue
        group = set(rows)
        own_rows = frozenset(rows)
        terms = [t]
        for u in by_area[a]:
            if u == t or (a, u) in done:
                continue
            ru = [i for i in rows_of[(a, u)] if not taken[i]]
            # measured against the anchor's own clauses, not the growing group: a chain of side terms (义务教育 →
            # 校舍 → 幼儿园 → 普惠) otherwise pulls a whole field into one 议题 (云南's 义务教育, 42 clauses)
            if ru and sum(i in own_rows for i in ru) >= absorb * len(ru):
                terms.append(u)
                group.update(ru)
        for i in group:
            taken[i] = True
        out.append(AnchorMatter(a, t, sorted(group), terms, len({clause_doc[i] for i in group}), s))
        done.update((a, u) for u in terms)
    return merge_abbreviations(out, clause_doc)


def is_abbreviation(short: str, long: str) -> bool:
    """Whether ``short`` is the usual abbreviation of ``long``: two characters, the first of ``long`` and a later
    one not next to it (医保 of 医疗保险, 国企 of 国有企业, 环保 of 环境保护). A prefix is no abbreviation (高校 and
    高校毕业生 are two matters).

    >>> is_abbreviation("医保", "医疗保险"), is_abbreviation("国企", "国有企业"), is_abbreviation("高校", "高校毕业生")
    (True, True, False)
    """
    return (len(short) == 2 and len(long) >= 4 and short[0] == long[0] and short[1] in long[2:]
            and not long.startswith(short))


def merge_abbreviations(found: list[AnchorMatter], clause_doc: Sequence[object]) -> list[AnchorMatter]:
    """One 议题 per matter when two anchors of one area are a word and its abbreviation (湖南: 医保 — "城乡居民医保
    财政补助" — and 医疗保险 — "医疗保险市级统筹" — were two 议题 of one matter): the later joins the earlier.

    >>> a = AnchorMatter(0, "医疗保险", [0, 1, 2], ["医疗保险"], 3); b = AnchorMatter(0, "医保", [3, 4, 5], ["医保"], 3)
    >>> [(m.anchor, m.clauses, m.terms) for m in merge_abbreviations([a, b], ["r1", "r2", "r3"] * 2)]
    [('医疗保险', [0, 1, 2, 3, 4, 5], ['医疗保险', '医保'])]
    """
    out: list[AnchorMatter] = []
    for m in found:
        into = next((o for o in out if o.area == m.area
                     and (is_abbreviation(m.anchor, o.anchor) or is_abbreviation(o.anchor, m.anchor))), None)
        if into is None:
            out.append(m)
            continue
        into.clauses = sorted(set(into.clauses) | set(m.clauses))
        into.terms += [t for t in m.terms if t not in into.terms]
        into.docs = len({clause_doc[i] for i in into.clauses})
    return out
