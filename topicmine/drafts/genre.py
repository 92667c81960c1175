"""Which genre fits a suggestion: 建议案 (motion), 提案 (proposal), 社情民意信息 (opinion) or keep it in the report.

The decision is a small linear score per genre over features the drafter can read (and argue with):

- scope words (全省 / 体制机制 / 顶层设计 / 统筹 / 战略 …), above all in the matter's own heading, and bodies the
  text asks to act together ("由发改、财政、民政等部门联合……") → 建议案: strategic, cross-department, policy level.
  How many bodies a text merely names (a described list, a 协办 line) is no scope: it counts for nothing here;
- concrete actions, figures and named objects (specificity) → 提案: one concrete matter a department can act on;
- urgency words (近期 / 突出 / 隐患 / 苗头 / 亟需 / 群众反映 …) and shortness → 社情民意信息: a timely grassroots
  situation or emerging risk, 一事一报;
- no concrete action, or only a slogan → keep in the report.

Every score comes with Chinese reasons; ``override`` (or :class:`GenreWeights`) lets the user decide.

    >>> g = suggest_genre("近期群众反映某小区电动车违规充电隐患突出，亟需排查整治。建议社区开展专项检查。")
    >>> g.genre, g.reasons[1]
    ('opinion', '紧迫性词语 5 个（近期、群众反映、隐患…），适合及时反映的社情民意信息')
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from topicmine.drafts.analyze import SuggestionUnit, UnitGroup
from topicmine.drafts.departments import DepartmentDict, load_departments
from topicmine.drafts.unit_asks import joint_list

Genre = Literal["motion", "proposal", "opinion", "keep"]
GENRES: tuple[str, ...] = ("motion", "proposal", "opinion", "keep")
from topicmine.text.names import GENRE_ZH  # noqa: E402  (one source: topicmine.records)

#: a level word ("全省", "全市" …) says where, once: two of them are one scope word, not two
LEVEL_WORDS = frozenset({"全省", "全市", "全国", "全域"})
SCOPE_RE = re.compile(
    r"全省|全市|全国|全域|体制机制|顶层设计|统筹|战略|全局|长效机制|立法|地方性法规|政策体系|制度体系|一体化|跨部门|跨区域|"
    r"协同推进|系统谋划|总体规划|整体推进|高质量发展|格局|综合改革"
)
URGENCY_RE = re.compile(
    r"近期|最近|日前|近日|突出|隐患|苗头|亟需|亟待|群众反映|反映强烈|迫切|紧迫|突发|倾向性|新情况|新问题|引发|投诉|舆情"
)
ACTION_RE = re.compile(
    r"建立|健全|出台|制定|设立|设置|开设|推广|落实|开展|增加|扩大|配备|纳入|取消|简化|整合|试点|改造|建设|修订|"
    r"提高|降低|减免|补贴|奖励|考核|督查|检查|排查|整治|打击|公示|培训|招聘|收费|安装|投放|开放|监管|明确|共建|开通|组建|编制|"
    # concrete verbs the report items use ("开发“低空贷”产品", "推行第三方质量检测", "建成起降点500个")
    r"开发|推行|实行|给予|建成|提供|引进|攻关|认定|存管|禁止|放开|限制|发放|布局|布设|上线|"
    # an ask that puts a thing into a list, a scope or a plan, or changes it to another ("将“阿帕西普”等……药物全部列入医疗
    # 参保目录", "列为重点项目", "调整为按月发放", "铭牌……应改为……"): one such ask is a concrete suggestion
    r"列入|列为|划入|调整|改为|更换|抢修|修缮|"
    # a plan or a rule made public or one across an area ("会同各镇公布改厕年度计划和进度", "统一全县三格化粪池补助标准"):
    # a blind reader's 改厕 draft of two such asks was told "建议内容空泛"
    r"公布|统一[^，。；、]{0,12}?(?:标准|规范|口径)"
)
#: words by which a matter's own heading asks for quick action ("及时抢修损毁设施", "尽快消除……隐患")
HEADING_URGENCY_RE = re.compile(r"立即|尽快|及时|抓紧|迅速|亟需|亟待|紧急")
#: an item's own ask for action now or before a near date ("建议立即明确……", "在秋冬种前……", "春灌前"); "迅速" of growth
#: ("网络技术与业务的迅速发展") describes, it asks nothing
IMMEDIATE_RE = re.compile(r"立即|尽快|抓紧|迅速(?!发展|增长|增加|扩大|普及|崛起|兴起|上升|壮大|攀升|成长|蔓延)|紧急|马上|限期|在即|(?<=在)[^，。；]{1,16}?前(?=[，,])|"
                          r"(?:春耕|春灌|秋冬种|夏收|秋收|三夏|主?汛期|雨季|冬季|春节|开学|高峰来临)前")
#: a concrete situation people meet now, which the item reports (社情民意信息 反映情况): complaints, hazards,
#: incidents — as opposed to a missing system or policy (a 提案's matter)
SITUATION_RE = re.compile(r"居民反映|群众反映|群众关切|投诉|举报|扰民|隐患|事故|火灾|坠落|纠纷|跑路|损毁|险情|伤亡|中毒")
#: a complaint that keeps coming back or stays unsolved ("群众多次反映，迟迟得不到根本解决", "投诉后长期没有得到解决")
PERSIST_RE = re.compile(r"多次(?:反映|投诉|举报|请求)|反复(?:投诉|反映|出现)|屡查屡犯|屡禁不止|迟迟(?:得不到|未能|没有|未)|"
                        r"长期(?:没有|未能|未|得不到)(?:得到)?解决|久拖未决|至今(?:仍)?未(?:能)?(?:解决|恢复|整改)")
#: a place at the level where people meet the situation (a 社情民意信息 reports one: "板桥小区", "泉塘街道")
LOCAL_RE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:小区|街道|社区|村|巷|路)(?![\u4e00-\u9fff]{0,1}(?:建设|治理|服务|养老|网络))")
NUMBER_RE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|元|人|个|家|所|项|台|户|名|平方米|公里|km|米|天|年|次|倍|张|床)")
NAMED_RE = re.compile(r"《[^》]{2,40}》|“[^”]{2,20}”|[\u4e00-\u9fff]{2,6}(?:市|县|区|镇|乡|村|街道|社区|小区)(?![\u4e00-\u9fff]{0,1}场)")
SLOGAN_RE = re.compile(r"高度重视|提高认识|加强领导|统一思想|营造氛围|形成合力|久久为功|凝聚共识|真抓实干")


@dataclass(frozen=True)
class GenreWeights:
    """Weights and thresholds of the genre scores (documented so an office can tune them).

    Defaults were set on the first half (rows 0–143) of the Jiangsu 2019 proposals and checked on the
    second half (see BENCHMARKS.md), with the report examples in the tests for 建议案 / 社情民意信息.
    """

    proposal_base: float = 1.0
    proposal_per_specific: float = 0.15  # per action / figure / named object, capped
    proposal_specific_cap: float = 1.2
    motion_per_scope: float = 0.3  # per distinct scope word (the level words 全省/全市/全国 count once)
    motion_scope_cap: float = 1.5
    # the matter's own heading states its scope ("把……作为战略工程统筹推进", "从全市层面构建……制度体系")
    motion_per_heading_scope: float = 0.3
    motion_heading_cap: float = 0.6
    # bodies the text asks to act together ("由发改、财政、商务等部门联合……", "A会同B"): one flat credit once there
    # are several, never a count — one more body read from a list must not turn a 提案 into a 建议案
    motion_joint_bodies: float = 0.5
    motion_joint_needs: int = 3
    motion_needs: int = 3  # distinct scope words below which 建议案 gets no credit (bodies named are no scope)
    opinion_per_urgency: float = 0.45
    opinion_urgency_cap: float = 1.8
    opinion_short_chars: int = 600  # below this, +opinion_short_bonus
    opinion_short_bonus: float = 0.6
    opinion_long_chars: int = 1500  # above this, 社情民意信息 is too long
    opinion_heading_urgency: float = 0.8  # the matter's heading itself asks for quick action
    opinion_per_immediate: float = 0.5  # per distinct word by which the item's own ask is for now
    opinion_immediate_cap: float = 1.0
    # one item (一事一报) that reports a concrete situation (投诉、隐患…) and asks to act now, in few words:
    # what a 社情民意信息 is; enough, with the above, to beat a 提案's full specificity (2.2)
    opinion_urgent_item: float = 0.8
    opinion_urgent_item_chars: int = 300  # the item's own text (its ask) at most this long
    # a short matter about a named local place whose people's complaints keep coming back unsolved ("板桥小区夜宵
    # 一条街……群众多次反映，迟迟得不到根本解决"): a situation to report (社情民意信息), not a policy to propose
    opinion_local_complaint: float = 1.3
    proposal_form: float = 0.8  # the report carries the matter as a whole proposal (情况、分析、建议 of its own)
    keep_no_action: float = 2.0
    keep_slogan: float = 0.8
    keep_short_chars: int = 40


@dataclass
class GenreSuggestion:
    """Suggested genre, the score of every genre, the features behind them and reasons in Chinese."""

    genre: str
    scores: dict[str, float]
    features: dict[str, Any]
    reasons: list[str] = field(default_factory=list)
    overridden: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _uniq(hits: list[str]) -> list[str]:
    return list(dict.fromkeys(hits))


#: a body that leads or brings others in ("由卫健委会同民政厅……", "市工信局牵头") acts with them
_LEADS_RE = re.compile(r"\s*(?:会同|牵头|联合|协调|组织)")
#: a list that a body or a joint meeting brings together ("建立……联席会议制度，统筹卫生健康、民政……等部门")
_BRINGS_RE = re.compile(r"(?:统筹|协调|会同|联合|组织|召集|牵头|联席会议|领导小组)[^，。；、]{0,6}$")
_RUN_GAP_RE = re.compile(r"[、，,和及与]{0,2}|以及")


def acting_departments(text: str, dep: DepartmentDict) -> list[str]:
    """Bodies the text asks to act together — a list followed or led by 联合/共同/协同/参与/会同 … ("建议由发改、财政、
    商务等部门联合制定……", "由省发改委、省财政厅、省数据局共同推进", "由卫健委会同民政厅建立……") — read sentence by
    sentence. A described list ("公共资源分别由卫生、民政……等不同部门分配", "数据分散在发改、民政……等多个单位") names
    bodies but asks nothing of them.

    >>> d = load_departments(None)
    >>> acting_departments("公共资源分别由卫生、民政、人社等不同部门分配。", d)
    []
    >>> acting_departments("建议由省发改委、省财政厅和省民政厅共同推进。", d)
    ['省发展改革委', '省财政厅', '省民政厅']
    """
    out: list[str] = []
    for a, b in _sentences(text):
        sent = text[a:b]
        listed, named = _sentence_hits(dep, sent)
        # the short-name lists ("发改、财政……等部门") and the full names ("省发改委、省财政厅和省民政厅"), each cut
        # into runs of bodies named one after another: a run is one list
        for ms, joint in ((listed, {id(m) for m in listed if m.joint}), (named, set())):
            runs: list[list[Any]] = []
            for m in sorted(ms, key=lambda m: m.start):
                if runs and _RUN_GAP_RE.fullmatch(sent[runs[-1][-1].end:m.start]):
                    runs[-1].append(m)
                else:
                    runs.append([m])
            for run in runs:
                if (any(id(m) in joint for m in run) or _LEADS_RE.match(sent, run[-1].end)
                        or _BRINGS_RE.search(sent[:run[0].start]) or joint_list(sent, run[0].start, run[-1].end)):
                    out += [m.name for m in run]
    return _uniq(out)


#: per dictionary, sentence → (``dep.listed``, ``dep.mentions``): a group's text repeats its units' sentences, and
#: each is read once per split (the dictionary is not changed after it is built; 512 sentences kept per dictionary)
_HITS: weakref.WeakKeyDictionary[DepartmentDict, OrderedDict[str, tuple[list[Any], list[Any]]]] = weakref.WeakKeyDictionary()
_HITS_LOCK = threading.Lock()
_HITS_MAX = 512


def _sentence_hits(dep: DepartmentDict, sent: str) -> tuple[list[Any], list[Any]]:
    """``(dep.listed(sent), dep.mentions(sent))``, kept per dictionary (the lists are read, never changed)."""
    with _HITS_LOCK:
        kept = _HITS.setdefault(dep, OrderedDict())
        hit = kept.get(sent)
        if hit is not None:
            kept.move_to_end(sent)
            return hit
    hit = (dep.listed(sent), dep.mentions(sent))
    with _HITS_LOCK:
        kept[sent] = hit
        while len(kept) > _HITS_MAX:
            kept.popitem(last=False)
    return hit


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^。；！？\n]+", text)]


def _scope(words: list[str]) -> list[str]:
    """Distinct scope words, the level words (全省、全市 …) as one: "全省……全国……全市" says where, not how wide."""
    lv = [w for w in words if w in LEVEL_WORDS]
    return [w for w in words if w not in LEVEL_WORDS or w == lv[0]]


def genre_features(text: str, *, departments: DepartmentDict | None = None, n_units: int = 1,
                   suggestion_text: str | None = None, topic: str = "",
                   form: list[str] | tuple[str, ...] = ()) -> dict[str, Any]:
    """Transparent features of a text (a unit with its support, a group, or a whole draft).

    ``suggestion_text`` is the recommendation part alone (actions are counted there when given).
    ``topic`` is the matter's heading: an urgency word it contains ("关于建立……舆情预警机制的建议") names
    the subject, not a timely situation, and is not counted. ``form`` lists the parts (situation / problem
    / suggestion) the matter has of its own in the report.
    """
    dep = departments or load_departments(None)
    sugg = suggestion_text if suggestion_text is not None else text
    scope = _scope(_uniq(SCOPE_RE.findall(text)))
    scope_heading = _scope(_uniq(SCOPE_RE.findall(topic)))
    urgency_all = _uniq(URGENCY_RE.findall(text))
    # a heading that asks for quick action ("尽快消除……隐患") keeps its urgency words; otherwise an urgency
    # word in the heading is the matter's subject ("……舆情预警机制")
    urgency = [w for w in urgency_all if w not in topic or HEADING_URGENCY_RE.search(topic)]
    # "建立农业农村、财政、水利、自然资源等部门协同推进机制": listed by short name too; the 承办 line reads the same
    named_depts = dep.named(text)
    acting = acting_departments(text, dep)
    heading_urgency = _uniq(HEADING_URGENCY_RE.findall(topic))
    immediate = _uniq(IMMEDIATE_RE.findall(sugg))
    situation = _uniq(SITUATION_RE.findall(text))
    persist = _uniq(PERSIST_RE.findall(text))
    # "对板桥小区", "县泉塘街道": the words before a place name are not part of it
    local = _uniq(re.sub(r"^[对在向于和与的]?(?:[\u4e00-\u9fff]{0,2}[县区市镇])?", "", m) for m in LOCAL_RE.findall(text))
    local = [m for m in local if len(m) >= 3]
    actions = ACTION_RE.findall(sugg)
    numbers = NUMBER_RE.findall(text)
    named = _uniq(NAMED_RE.findall(text))
    slogans = _uniq(SLOGAN_RE.findall(sugg))
    return {
        "length": len(re.sub(r"\s", "", text)),
        "suggestion_length": len(re.sub(r"\s", "", sugg)),
        "n_units": n_units,
        "scope_words": scope,
        "scope_heading": scope_heading,
        "urgency_words": urgency,
        "topic_words": [w for w in urgency_all if w not in urgency],
        "heading_urgency": heading_urgency,
        "immediate": immediate,
        "situation_words": situation,
        "persistent": persist,
        "local_places": local[:6],
        "proposal_form": all(k in form for k in ("situation", "problem", "suggestion")),
        "departments": named_depts,
        "n_departments": len(named_depts),
        "acting_departments": acting,
        "n_actions": len(actions),
        "actions": _uniq(actions)[:8],
        "n_numbers": len(numbers),
        "named_objects": named[:8],
        "slogans": slogans,
    }


def score_genres(f: dict[str, Any], w: GenreWeights = GenreWeights()) -> tuple[dict[str, float], list[str]]:
    """Scores per genre and the reasons (Chinese), from :func:`genre_features` output."""
    reasons: list[str] = []
    n_scope, n_dep, n_urg = len(f["scope_words"]), f["n_departments"], len(f["urgency_words"])
    specific = f["n_actions"] + f["n_numbers"] + len(f["named_objects"])
    head_scope = f.get("scope_heading") or []
    acting = f.get("acting_departments") or []

    # 建议案 from the matter's scope: several distinct scope words, above all in its own heading; bodies asked to act
    # together add one flat credit. How many bodies the text names decides nothing (one more 协办 read from a
    # described list turned a 医养结合 proposal into a 建议案 at 2.15 vs 2.20)
    motion = 0.0
    if n_scope >= w.motion_needs:
        motion = min(w.motion_scope_cap, w.motion_per_scope * n_scope) + min(
            w.motion_heading_cap, w.motion_per_heading_scope * len(head_scope))
        if len(acting) >= w.motion_joint_needs:
            motion += w.motion_joint_bodies
    if n_scope:
        reasons.append(f"范围/层级词语 {n_scope} 个（{'、'.join(f['scope_words'][:3])}{'…' if n_scope > 3 else ''}），"
                       + ("具有全局性、政策层面特征" if motion > 1.5 else "但不足以构成建议案"))
    if head_scope and motion:
        reasons.append(f"标题本身着眼全局（{'、'.join(head_scope[:3])}）")
    if len(acting) >= w.motion_joint_needs:
        reasons.append(f"要求 {len(acting)} 个部门协同办理（{'、'.join(acting[:4])}{'…' if len(acting) > 4 else ''}），"
                       "具有跨部门特征")
    elif n_dep:
        reasons.append(f"涉及部门 {n_dep} 个（{'、'.join(f['departments'][:4])}），供确定承办单位；"
                       "部门数量本身不构成建议案")

    opinion = min(w.opinion_urgency_cap, w.opinion_per_urgency * n_urg)
    if f["length"] < w.opinion_short_chars:
        opinion += w.opinion_short_bonus
    if f["length"] > w.opinion_long_chars:
        opinion -= 1.0
    if n_urg:
        reasons.insert(0 if n_urg >= 2 else len(reasons),
                       f"紧迫性词语 {n_urg} 个（{'、'.join(f['urgency_words'][:3])}{'…' if n_urg > 3 else ''}），"
                       "适合及时反映的社情民意信息")

    if f.get("heading_urgency"):
        opinion += w.opinion_heading_urgency
        reasons.insert(0, f"标题要求尽快处理（{'、'.join(f['heading_urgency'][:3])}），时效性强，适合社情民意信息及时反映")
    immediate = f.get("immediate") or []
    if immediate:
        opinion += min(w.opinion_immediate_cap, w.opinion_per_immediate * len(immediate))
        reasons.append(f"建议本身要求立即或限期办理（{'、'.join(immediate[:3])}），时效性强")
    if (immediate and f.get("situation_words") and f["n_units"] == 1
            and f["suggestion_length"] <= w.opinion_urgent_item_chars):
        opinion += w.opinion_urgent_item
        reasons.insert(0, f"一事一报：单个具体事项，反映当前情况（{'、'.join(f['situation_words'][:3])}）并要求及时处置，"
                          "宜作社情民意信息")
    if (f.get("situation_words") and f.get("persistent") and f.get("local_places") and not f.get("heading_urgency")
            and f["length"] < w.opinion_short_chars):
        opinion += w.opinion_local_complaint
        reasons.insert(0, f"一事一报：具体地点（{'、'.join(f['local_places'][:2])}）群众反复反映、尚未解决的问题"
                          f"（{'、'.join(f['persistent'][:2])}），篇幅短小，宜作社情民意信息及时反映")
    if f.get("topic_words"):
        reasons.append(f"“{'、'.join(f['topic_words'][:3])}”是所提事项本身（见标题），不计为紧迫性词语")

    proposal = w.proposal_base + min(w.proposal_specific_cap, w.proposal_per_specific * specific)
    if specific:
        reasons.append(f"具体性：具体措施 {f['n_actions']} 处、数据 {f['n_numbers']} 处、具名对象 {len(f['named_objects'])} 个，"
                       "可由部门办理落实")
    if f.get("proposal_form") and f["n_actions"]:
        proposal += w.proposal_form
        reasons.append("原文已按提案格式写成（情况、分析、具体建议齐全），宜作提案（一事一案）")

    keep = 0.0
    if f["n_actions"] == 0:
        keep += w.keep_no_action
        reasons.append("没有可操作的具体措施，建议保留在报告中")
    if f["slogans"] and f["n_actions"] <= 1:
        keep += w.keep_slogan
        reasons.append(f"多为原则性表述（{'、'.join(f['slogans'][:3])}）")
    if f["suggestion_length"] < w.keep_short_chars:
        keep += 0.6
        reasons.append(f"建议内容仅 {f['suggestion_length']} 字，过于简短")
    # short is not enough for a 社情民意信息: it reports a timely grassroots situation (紧迫、具体、及时); a short ask to
    # change a rule ("在省自然科学基金项目申报中取消限额") with nothing urgent is a member's 提案 that needs its parts filled
    timely = bool(n_urg or f.get("heading_urgency") or immediate or f.get("situation_words"))
    short = f["length"] < w.opinion_short_chars
    reasons.append(f"篇幅 {f['length']} 字" + (
        "（短小，符合社情民意信息“一事一报”）" if short and timely
        else "（短小，但所提事项不紧迫、不是需要及时反映的当前情况，社情民意信息不适用；作提案须写明情况和分析）" if short
        else "（超过社情民意信息 1500 字上限）" if f["length"] > w.opinion_long_chars else ""))
    scores = {"motion": round(motion, 3), "proposal": round(proposal, 3), "opinion": round(opinion, 3),
              "keep": round(keep, 3)}
    return scores, reasons


#: how a tie is broken: 提案 first (a member's proposal is the ordinary form; the other genres need a lead to be chosen),
#: then in this order
TIE_ORDER: tuple[str, ...] = ("proposal", "motion", "opinion", "keep")


def tie_reason(scores: dict[str, float], best: str) -> str:
    """What the first reason adds when the top score is shared: the tie and the rule that broke it ("" without a tie).
    (A blind read: 建议案 2.2 = 提案 2.2 became 提案 without a word.)

    >>> tie_reason({"motion": 2.2, "proposal": 2.2, "opinion": 0.4, "keep": 0.0}, "proposal")
    '；建议案与提案得分相同，按规则取提案：得分相同时以提案为准，建议案须得分更高才采用；如本事项确属全局性、跨部门的重大建议，可改为建议案'
    >>> tie_reason({"motion": 2.0, "proposal": 2.2, "opinion": 0.4, "keep": 0.0}, "proposal")
    ''
    """
    top = max(scores.values())
    tied = [g for g in TIE_ORDER if abs(scores.get(g, 0.0) - top) < 1e-6]
    if len(tied) < 2 or best not in tied:
        return ""
    others = [g for g in tied if g != best]
    names = "与".join(GENRE_ZH[g] for g in GENRES if g in tied)
    if best == "proposal":
        rule = "得分相同时以提案为准，" + "、".join(GENRE_ZH[g] for g in others) + "须得分更高才采用"
    else:
        rule = "得分相同时依次取" + "、".join(GENRE_ZH[g] for g in TIE_ORDER if g in tied)
    alt = others[0]
    what = {"motion": "确属全局性、跨部门的重大建议", "opinion": "是需要及时反映的具体情况",
            "proposal": "是委员就具体事项提出的建议", "keep": "没有可操作的具体措施"}[alt]
    return f"；{names}得分相同，按规则取{GENRE_ZH[best]}：{rule}；如本事项{what}，可改为{GENRE_ZH[alt]}"


def suggest_genre(
    unit: SuggestionUnit | UnitGroup | str,
    *,
    units: list[SuggestionUnit] | None = None,
    departments: DepartmentDict | None = None,
    weights: GenreWeights | None = None,
    override: str | None = None,
    with_support: bool = True,
) -> GenreSuggestion:
    """Suggest a genre for a unit, a unit group (pass its ``units``) or a plain text.

    The text judged is the suggestion plus its supporting situation/problem passages (``with_support``),
    because a 提案 carries both. ``override`` (motion/proposal/opinion/keep, or 建议案/提案/社情民意信息)
    replaces the choice but keeps the scores and reasons visible.

    >>> suggest_genre("建议在全省统筹建立跨部门的数据共享体制机制，完善顶层设计，由省发改委、省财政厅、"
    ...               "省数据局、省工信厅共同推进。").genre
    'motion'
    """
    w = weights or GenreWeights()
    if isinstance(unit, str):
        text, sugg, n = unit, None, 1
        topic, form = "", []
    elif isinstance(unit, UnitGroup):
        us = units or []
        sugg = "\n".join(u.text for u in us)
        sup = "\n".join(p.text for p in unit.support) if with_support else ""
        text, n = (unit.heading + "\n" + sugg + "\n" + sup).strip(), max(1, len(us))
        topic, form = unit.heading, unit.form
    else:
        sugg = unit.text
        sup = "\n".join(p.text for p in unit.support) if with_support else ""
        text, n = (unit.text + "\n" + sup).strip(), 1
        topic, form = "", []
    f = genre_features(text, departments=departments, n_units=n, suggestion_text=sugg, topic=topic, form=form)
    scores, reasons = score_genres(f, w)
    best = max(GENRES, key=lambda g: (scores[g], g == "proposal"))
    out = GenreSuggestion(genre=best, scores=scores, features=f, reasons=reasons)
    out.reasons.insert(0, f"建议文种：{GENRE_ZH[best]}（得分 " + "，".join(
        f"{GENRE_ZH[g]} {scores[g]:.2f}" for g in GENRES) + "）" + tie_reason(scores, best))
    if override:
        g = normalize_genre(override)
        out.overridden = g != best
        out.genre = g
        out.reasons.insert(0, f"用户指定文种：{GENRE_ZH[g]}")
    return out


def normalize_genre(value: str) -> str:
    """``proposal`` / ``提案`` → ``proposal``; raises ValueError naming the accepted values."""
    v = value.strip()
    for g, zh in GENRE_ZH.items():
        if v in (g, zh) or (g == "opinion" and v in ("社情民意", "opinion")) or (g == "keep" and v in ("保留", "报告")):
            return g
    raise ValueError(f"unknown genre {value!r}; use one of: motion 建议案, proposal 提案, opinion 社情民意信息, keep 保留")
