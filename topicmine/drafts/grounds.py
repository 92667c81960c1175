"""Grounds on which a draft is not accepted (不予立案), the form's own parts, and the history message.

- 提案 — 全国政协提案工作条例 不予立案情形: 为本人或亲属解决个人问题的; 宣传、推介具体作品、产品的; 属于学术研讨
  的; 涉及正在诉讼中的案件的 (matters in litigation); 涉及人事任免的 (personnel matters) …
- 社情民意信息 — the same matters do not belong in it either (信访、诉讼、组织人事 have their own channels), and
  it must name 反映人及单位.
- History: a past item at level 重复 / 相近 / 相关 (dedup's calibrated levels, never a raw score shown as
  "高度") named by genre, number, date and the shared ask; 并案 is a 提案 procedure only.

    >>> [c.name for c in ground_checks("原告张某某诉某公司合同纠纷一案目前处于二审中，建议法院尽快审结。", "proposal")
    ...  if not c.passed]
    ['litigation']
"""

from __future__ import annotations

import re
from typing import Any

from topicmine.drafts.analyze import sentence_spans
from topicmine.drafts.checktypes import PLACEHOLDER, RULE_REJECT, RULES, Check

#: how each genre's title is written
TITLE_ADVICE = {
    "proposal": "用“关于……的提案”或一句话概括一个事项（案由）",
    "opinion": "用一句话直陈所反映的情况或问题（如“××问题亟待解决”），不必写“关于……的提案”",
    "motion": "用“关于……的建议案”概括建议的重大事项",
}

_PERSONAL_STRONG = re.compile(r"本人|我家|家父|家母|我父亲|我母亲|我爱人|我丈夫|我妻子|我儿子|我女儿|我的孩子|我孩子|"
                              r"我的亲属|我亲戚|我弟弟|我哥哥|我姐姐|我妹妹|我的工资|我单位")
#: first-person words a member also uses about his research ("本人长期工作在……", "对此，本人认为"):
#: they point at a personal matter only next to one (same sentence)
_PERSONAL_WEAK = frozenset({"本人", "我单位"})
_PERSONAL_TOPIC = re.compile(r"子女入学|孩子入学|上学|职称评定|评职称|工资|调动|户口|落户|拆迁补偿|补偿款|赔偿|医疗费|"
                             r"报销|退休待遇|住房分配|编制|晋升|纠纷|官司|欠款")
_PRODUCT_SELF = re.compile(r"本公司|我公司|我司|本企业|我们公司|我们企业|我厂|本厂|我单位研发|我单位生产|本人著作|拙著|"
                           r"拙作|本人的(?:书|专著|作品)|我的(?:书|专著|作品|新书)")
_PRODUCT_WORD = re.compile(r"产品|品牌|型号|专利产品|采购|购买|订购|推广使用|推广应用|著作|作品|专著|新书|出版")
_BRAND_PUSH = re.compile(r"(?:推广|推荐|采购|使用)[^。；]{0,8}[“\"][^”\"]{1,12}[”\"]牌|[\u4e00-\u9fff]{2,8}牌[\u4e00-\u9fff]{1,6}(?:产品|系列)")
_ACADEMIC = re.compile(r"商榷|学术争鸣|学术观点|学术争论|学术界对此|理论探讨|与.{1,10}先生商榷|笔者认为|笔者以为|拙见")


def _hits(rx: re.Pattern[str], text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in rx.finditer(text)]


def _personal_matter(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]], bool]:
    """(self/family words, personal-topic words, flagged). A relative or "my …" word with a personal topic
    (户口, 子女入学, 编制 …) or with another such word flags a draft; "本人" / "我单位" count only when a
    personal topic or a family word stands in the same sentence ("本人子女入学因户口问题受阻")."""
    strong = _hits(_PERSONAL_STRONG, text)
    topic = _hits(_PERSONAL_TOPIC, text)
    family = [h for h in strong if h[2] not in _PERSONAL_WEAK]
    if family:
        personal = bool(topic) or len(family) >= 2
    else:
        sents = sentence_spans(text)

        def sentence_of(pos: int) -> int:
            return next((k for k, (a, b) in enumerate(sents) if a <= pos < b), -1)

        topic_sents = {sentence_of(a) for a, _, _ in topic}
        personal = any(sentence_of(a) in topic_sents for a, _, _ in strong)
    if personal and not family:
        # show the words that made the call: the first-person words next to a personal topic
        sents = sentence_spans(text)
        near = {k for k, (a, b) in enumerate(sents) if any(a <= h[0] < b for h in strong) and any(a <= t[0] < b for t in topic)}
        strong = [h for h in strong if any(sents[k][0] <= h[0] < sents[k][1] for k in near)]
        topic = [t for t in topic if any(sents[k][0] <= t[0] < sents[k][1] for k in near)]
    return strong, topic, personal


_LITIGATION = re.compile(
    r"(?:正在|仍在|尚在|目前在|现处于|处于|进入)(?:一审|二审|再审|审理|诉讼|仲裁|上诉)(?:程序|阶段)?中?|"
    r"(?:一审|二审|再审|诉讼|仲裁)(?:程序)?(?:审理)?中[，。；,]|尚未(?:判决|审结|宣判|结案)|"
    r"(?:已|现已|目前已)(?:向[^，。；]{1,20})?(?:提起|提出)(?:诉讼|上诉|仲裁)|已上诉至|案件(?:正在|尚在)审理")
#: a personnel decision about a named person ("建议提拔李某某", "王某同志……建议任命为局长")
_PERSON = r"(?:[\u4e00-\u9fff]某某?|[\u4e00-\u9fff]{1,3}同志)"
_PERSONNEL = re.compile(
    r"(?:提拔|任命|免去|免职|撤职|调任|擢升|重用|升任|降职|处分|问责)[^。；，]{0,12}" + _PERSON + "|" + _PERSON +
    r"[^。；]{0,15}(?:提拔|任命|免职|撤职|调任|晋升|升任|担任[^。；，]{0,8}(?:局长|主任|书记|处长|科长|厂长|校长|院长|部长|县长|市长))")




def _hits(rx: re.Pattern[str], text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    return [(m.start() + offset, m.end() + offset, m.group(0)) for m in rx.finditer(text)]


def vague_rule(g: str) -> str:
    if g == "opinion":
        return f"依据：{RULES['opinion']['form']}（须有意见建议）。"
    return f"依据：{RULE_REJECT}（内容空泛、没有具体建议的，不予立案）。"


def _ground(g: str, what: str) -> str:
    if g == "opinion":
        return f"依据：{RULES['opinion']['reject']}。"
    return f"依据：{RULE_REJECT}（{what}）。"


def ground_checks(text: str, g: str) -> list[Check]:
    """Personal matter, product promotion, academic debate, litigation, personnel — one Check each."""
    out: list[Check] = []
    strong, topic, personal = _personal_matter(text)
    out.append(Check("personal_matter", not personal,
                     (f"疑似为本人或亲属解决个人问题（“{'、'.join(dict.fromkeys(h[2] for h in strong))}”"
                      + (f"，涉及“{'、'.join(dict.fromkeys(h[2] for h in topic))}”" if topic else "")
                      + "）：个人诉求请通过信访等渠道反映。" + _ground(g, "为本人或亲属解决个人问题的"))
                     if personal else "未发现个人或亲属私事。",
                     [(a, b) for a, b, _ in (strong + topic)][:10] if personal else []))
    self_hits = _hits(_PRODUCT_SELF, text)
    prod_hits = _hits(_PRODUCT_WORD, text)
    brand = _hits(_BRAND_PUSH, text)
    promo = (bool(self_hits) and bool(prod_hits)) or bool(brand)
    out.append(Check("product_promotion", not promo,
                     (f"疑似宣传、推介具体产品或作品（“{'、'.join(dict.fromkeys(h[2] for h in self_hits + brand))}”）："
                      "不能为特定企业、品牌或作品做推广，请改为行业性、普遍性的建议。" + _ground(g, "宣传、推介具体作品、产品的"))
                     if promo else "未发现产品或作品推介。",
                     [(a, b) for a, b, _ in (self_hits + brand + prod_hits)][:10] if promo else []))
    acad = _hits(_ACADEMIC, text)
    is_acad = bool(acad) and (len(acad) >= 2 or any("商榷" in h[2] or "争鸣" in h[2] for h in acad))
    out.append(Check("academic_debate", not is_acad,
                     (f"疑似学术讨论（“{'、'.join(dict.fromkeys(h[2] for h in acad))}”）：学术观点之争不宜作为"
                      f"{RULES[g]['unit']}，请改为针对实际问题的具体建议。" + _ground(g, "属于学术研讨的"))
                     if is_acad else "未发现学术争鸣内容。", [(a, b) for a, b, _ in acad] if is_acad else []))
    lit = _hits(_LITIGATION, text)
    out.append(Check("litigation", not lit,
                     (f"涉及正在诉讼中的案件（“{'、'.join(dict.fromkeys(h[2].rstrip('，。；,') for h in lit))}”）："
                      "审理中的个案应通过司法程序解决，请改为针对制度、机制的普遍性建议。"
                      + _ground(g, "涉及正在诉讼中的案件的")) if lit else "未发现诉讼中的个案。",
                     [(a, b) for a, b, _ in lit][:10]))
    pers = _hits(_PERSONNEL, text)
    out.append(Check("personnel", not pers,
                     (f"涉及具体人员的人事任免（“{'、'.join(dict.fromkeys(h[2] for h in pers))}”）：人事事项由组织部门"
                      "按干部管理权限办理，请改为针对选人用人制度的建议。" + _ground(g, "涉及人事任免的"))
                     if pers else "未发现具体人员的人事任免。", [(a, b) for a, b, _ in pers][:10]))
    return out


_REPORTER_RE = re.compile(r"反映人(?:及单位)?[：:]\s*([^\n]*)")


def reporter_check(text: str) -> Check:
    """社情民意信息 must name 反映人及单位 ("反映人：徐静（市政协委员，某律师事务所律师）")."""
    m = _REPORTER_RE.search(text)
    if m is None:
        return Check("reporter", False, "缺少反映人及单位：请写明“反映人：姓名（单位、职务）”。"
                     f"依据：{RULES['opinion']['form']}。", [(0, 0)])
    who = m.group(1).strip()
    if not who or PLACEHOLDER in who:
        return Check("reporter", False, "反映人及单位待填写（发出前请补全）。", [(m.start(), m.end())], severity="warning")
    return Check("reporter", True, f"反映人：{who[:30]}。", [(m.start(), m.end())])


_FIELD_RE = re.compile(r"([\u4e00-\u9fff]{2,8})[：:][^\n]*" + re.escape(PLACEHOLDER))


def unfilled(text: str) -> list[str]:
    """Form fields still holding the placeholder ("提案人：【请填写】" → 提案人)."""
    return list(dict.fromkeys(m.group(1) for m in _FIELD_RE.finditer(text)))


_LEVEL_WORDS = {"重复": "与往年{what}重复", "相近": "与往年{what}相近", "相关": "与往年{what}相关"}


def describe_item(s: dict[str, Any]) -> str:
    """An earlier item in words an office uses: "2019年提案第0123号《关于……》（2019-01-15）"."""
    kind = s.get("doc_type_zh") or {"proposal": "提案", "opinion": "社情民意信息", "motion": "建议案", "report": "调研报告",
                                    "reply": "答复", "speech": "委员发言", "gov_report": "政府工作报告",
                                    "party_doc": "党委文件"}.get(str(s.get("doc_type") or ""), "材料")
    num = s.get("number")
    title = s.get("title") or s.get("id") or ""
    date = s.get("date") or s.get("year") or ""
    parts = [kind + (f"第{num}号" if num else ""), f"《{title}》" if title else ""]
    return "".join(parts) + (f"（{date}）" if date else "")


def _shared_ask(s: dict[str, Any]) -> str:
    """The ask both items make, in the earlier item's words; "" when they share none (a verdict such as "同一领域、
    不是同一事项" is no shared ask).

    >>> _shared_ask({"regime": "document", "shared_asks": [{"a_head": "设立互助养老站点", "b_head": "建设村级互助养老服务点"}],
    ...              "reason": "同一事项、建议有所不同（起草时应参看）：……"})
    '建设村级互助养老服务点'
    >>> _shared_ask({"regime": "document", "shared_asks": [], "reason": "同一领域、不是同一事项：同一领域，具体事项和建议不同。"})
    ''
    """
    if s.get("regime") == "document":  # the matter decision names the shared asks itself
        asks = s.get("shared_asks") or []
        if asks and isinstance(asks[0], dict):
            t = str(asks[0].get("b_head") or asks[0].get("a_head") or "")
            return t[:60] + ("…" if len(t) > 60 else "")
        if "shared_asks" in s or not s.get("reason"):
            return ""
        t = str(s["reason"]).split("：", 1)[-1]  # the reason's lead is the verdict, not an ask
        return t[:80] + ("…" if len(t) > 80 else "") if "条建议" in t else ""
    sents = s.get("sentences") or []
    if sents and isinstance(sents[0], dict):
        t = str(sents[0].get("b_text") or sents[0].get("a_text") or "")
        return t[:60] + ("…" if len(t) > 60 else "")
    return ""


def on_topic(sims: list[dict[str, Any]], title: str, body: str, lex: Any) -> list[dict[str, Any]]:
    """The history items worth naming: every 重复/相近 item, and a 相关 item (same field, another matter) only
    when its title shares a specific word with the draft's title or its five key words — "同一领域" from the
    matter decision alone listed 《“一老一小”服务体系》 and 产教融合 beside a 基层中医药 draft.

    >>> from topicmine.drafts.analyze import DEFAULT_LEXICON as lex
    >>> items = [{"level": "相关", "title": "关于深化产教融合推动职业教育高质量发展的建议案"},
    ...          {"level": "相关", "title": "关于加强基层中医药人才队伍建设的提案"}]
    >>> [x["title"][:9] for x in on_topic(items, "关于促进基层中医药工作发展的提案", "基层中医药人才流失，中医师承教育不及预期。", lex)]
    ['关于加强基层中医药']
    """
    from topicmine.text.wordlists import DRAFT_GENERIC_TERMS

    def words(t: str) -> set[str]:
        return {w for w in lex.terms(t) if len(w) >= 2 and w not in DRAFT_GENERIC_TERMS}

    mine = words(title) | {w for w in lex.key_terms(body, 5) if w not in DRAFT_GENERIC_TERMS}
    return [s for s in sims if s.get("level") != "相关" or s.get("shared_asks")
            or words(str(s.get("title") or "")) & mine]


def _read_earlier(items: list[dict[str, Any]]) -> str:
    """What to read of earlier items on the same matter, by their genre: only a 提案 has a 办理答复 (a 调研报告, a
    社情民意信息 or a 发言 has none; an earlier 答复 is itself the thing to read).

    >>> _read_earlier([{"doc_type": "proposal"}])
    '请参阅其办理答复，突出新的建议。'
    >>> _read_earlier([{"doc_type": "report"}])
    '请参阅其内容，突出新的建议。'
    >>> _read_earlier([{"doc_type": "proposal"}, {"doc_type": "report"}])
    '请参阅提案的办理答复和其他材料的内容，突出新的建议。'
    """
    zh = {"提案": "proposal", "答复": "reply"}
    types = {str(s.get("doc_type") or (zh.get(str(s["doc_type_zh"]), "other") if s.get("doc_type_zh") else "proposal"))
             for s in items}
    if types == {"proposal"}:
        return "请参阅其办理答复，突出新的建议。"
    if types == {"reply"}:
        return "请参阅该答复，突出新的建议。"
    if "proposal" in types:
        return "请参阅提案的办理答复和其他材料的内容，突出新的建议。"
    return "请参阅其内容，突出新的建议。"


def duplicate_check(sims: list[dict[str, Any]], g: str, threshold: float = 0.85) -> Check:
    """The history message: the strongest level found, each earlier item named, and what to do.

    >>> c = duplicate_check([{"level": "重复", "doc_type": "proposal", "title": "关于加强托育服务的提案",
    ...                       "number": "0087", "date": "2024-01-10"}], "opinion")
    >>> "并案" in c.message, c.message.startswith("与往年提案重复")
    (False, True)
    """
    # whole documents: the matter decision's level is the verdict (its score is P(same matter), not a
    # duplicate score); shorter items without a level keep the score threshold
    level_of = [(s.get("level") or ("重复" if s.get("regime") != "document" and float(s.get("score", 0)) >= threshold
                                    else None)) for s in sims]
    for lv in ("重复", "相近", "相关"):
        items = [s for s, l in zip(sims, level_of) if l == lv]
        if not items:
            continue
        kinds = "、".join(dict.fromkeys(describe_item(s).split("《")[0].split("第")[0] or "材料" for s in items))
        named = "；".join(describe_item(s) + (f"，共同诉求：“{_shared_ask(s)}”" if _shared_ask(s) else "")
                         for s in items[:3])
        head = _LEVEL_WORDS[lv].format(what=kinds) + f"：{named}。"
        if lv == "重复":
            earlier_proposals = all(str(s.get("doc_type") or "proposal") == "proposal" for s in items)
            # 并案 joins two proposals: an earlier report or 社情民意信息 is no 原提案
            todo = (("请写明新情况、新建议，或与原提案并案办理。" if earlier_proposals else "请写明新情况、新建议。")
                    if g == "proposal"
                    else "请说明有何新情况；已反映过的问题不宜重复报送。" if g == "opinion"
                    else "请说明与已有建议的不同之处。")
            return Check("duplicates", False, head + todo, [], severity="warning")
        todo = _read_earlier(items) if lv == "相近" else "可参阅，供写作参考。"
        return Check("duplicates", True, head + todo, [], severity="info")
    return Check("duplicates", True, "未发现与往年材料重复或相近。", severity="info")
