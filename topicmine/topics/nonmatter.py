"""Passages that are about the report, not about a matter: flagged (never deleted) and kept out of topics.

The 套话 filter (:mod:`topicmine.topics.boilerplate`) catches formulas that carry no content at all. These
passages do carry words — but the words are the report's own furniture, and clustered they form "topics" an
office cannot study:

``glossary``   名词解释 entries appended to a report ("40.“五大提升”行动：指…", "18.六个精准：扶贫对象精准…")
``lead_in``    a chapter lead-in: the numbered heading plus its one-sentence motivation
               ("第一，大力促进经济稳定增长。实现稳定增长，是保证经济社会持续健康发展的前提。")
``targets``    the year's targets and their explanation ("今年全省经济社会发展主要预期目标是：地区生产总值增长7%…")
``problems``   the stock "清醒认识到…" list of difficulties ("我们也清醒认识到，全省经济社会发展仍存在一些问题…")
``figures``    headline-figure passages of the 回顾: mostly numbers ("全省地区生产总值达46616亿元、增长7.5%…")
``self``       the government's own conduct (政府自身建设: 八项规定, 作风, 依法行政, 接受人大监督)
``political``  political statements of loyalty (政治表态: "坚决维护党中央权威", "增强‘四个意识’", "两个维护")
``plan``       the five-year plan outline presented to the session (《纲要草案》 and its targets) and the year's
               总体要求 ("做好今年政府工作，要…")

>>> nonmatter_reasons(["40.“五大提升”行动：指提升城市品质、提升产业能级……",
...                    "第一，大力促进经济稳定增长。实现稳定增长，是保证经济社会持续健康发展的前提。",
...                    "今年全省经济社会发展主要预期目标是：地区生产总值增长6%左右，城镇新增就业80万人。",
...                    "实施消费品以旧换新，支持汽车、家电更新换代。"])
['glossary', 'lead_in', 'targets', None]
>>> nonmatter_reasons(["【四水共治】即统筹推进水环境、水生态、水资源、水安全四个方面协同治理。",
...                    "【“1+6”一揽子化债方案】：即《兰州市地方债务风险防范化解落地方案》等。",
...                    "【专栏】全年新开工项目120个。"])
['glossary', 'glossary', None]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: every kind this module flags, with the words shown to the office
KINDS: dict[str, str] = {
    "glossary": "名词解释",
    "lead_in": "章节引语",
    "targets": "预期目标及说明",
    "problems": "困难和问题表述",
    "figures": "成绩数字",
    "self": "政府自身建设",
    "political": "政治表态",
    "plan": "规划纲要和总体要求",
}

# one glossary entry: a number, an optional quoted term, a colon; the term is short and has no sentence stop
_GLOSSARY_ENTRY = re.compile(r"^\s*\d{1,3}[.．、]\s*(“[^”]{1,40}”|[^。；：:，,\n]{1,30})\s*[：:]", re.M)
_GLOSSARY_HEAD = re.compile(r"^\s*#*\s*\**\s*(名词解释|注释|附注|(有关)?(词语|名词|名词术语)解释)\s*\**\s*$", re.M)
# a bracketed entry ("【四水共治】即统筹推进水环境、水生态…", "【债务化解“三大攻坚战”】：即…"): a city report's
# "有关词语解释" (兰州 2026: 47 of its 139 passages) defines its terms this way, without numbers
_GLOSSARY_BRACKET = re.compile(r"^\s*【[^】\n]{1,40}】\s*[：:]?\s*(“[^”\n]{1,12}”)?\s*(即|指|是指)", re.M)

# chapter heading at the start: 第五，… / （三）… / 三、…  then the rest of its sentence
_CHAPTER = re.compile(r"^\s*(第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．])"
                      r"\s*[^。！？\n]{2,40}[。！？\n]")
# the motivation sentence that follows a heading ("…是…的前提/关键/根本/基础/首要任务")
_MOTIVE = re.compile(r"是.{0,30}(前提|关键|根本|基础|保障|首要任务|重中之重|必由之路|必然要求|重要支撑|动力|根本出路)|"
                     r"(这是|此乃).{0,40}(关键|任务|要求)|要在.{0,30}上下功夫")

_TARGETS = re.compile(r"(主要)?预期目标(是|为)?[：:]|主要预期目标|(这些|上述)目标.{0,20}(综合考虑|充分考虑|衔接)|"
                      r"目标(的)?(确定|设定)(主要)?(考虑|是)")
_SELF = re.compile(r"政府自身建设|八项规定|作风建设|廉政建设|廉洁政府|法治政府|服务型政府|干事创业|担当作为|过紧日子|"
                   r"接受.{0,12}(人大|政协).{0,12}监督|(人大代表建议|政协提案)办理|依法行政|从严治党|学习教育|"
                   r"正确政绩观|尽力而为.?量力而行|以人民为中心的发展思想|"
                   # the government's conduct said other ways (河南省: "砥砺严实作风", "要加强能力建设", "树牢正确的
                   # 政绩观"; 江苏省: "持续加强自身建设", "扎扎实实抓落实")
                   r"自身建设|严实作风|务实重干作风|锤炼能力作风|要加强能力建设|政绩观|形式主义|官僚主义|三严三实|抓落实|"
                   r"钉钉子精神|政治建设|政治能力")
# loyalty statements: about the Party's authority, not a matter the office can study
_POLITICAL = re.compile(r"党中央权威|两个维护|两个确立|四个意识|四个自信|核心意识|看齐意识|政治判断力|政治领悟力|政治执行力|"
                        r"政治纪律和政治规矩|同以习近平同志为核心的党中央保持高度一致")
#: the loyalty statements' pattern, also read clause by clause (topics.clauses.is_framing_clause)
POLITICAL_RE = _POLITICAL
# the plan outline put to the session and the year's overall requirements
_PLAN = re.compile(r"纲要(（|\()?草案|规划纲要|做好今年(的)?政府工作|今年政府工作的总体要求|总体要求是|"
                   r"工作中要.{0,40}把握好以下原则")
_PROBLEMS = re.compile(r"清醒(地)?(认识|看到)|(在看到成绩的同时|同时也要看到)|"
                       r"(存在|面临)(着)?(不少|一些|诸多)(困难和问题|问题和困难|问题和挑战|困难和挑战|短板)")

# a quantity: a number with a unit or a percent sign
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|‰|倍|个百分点|万亿元|亿元|万元|亿美元|万人次|万人|万户|万吨|"
                       r"万千瓦|万亩|万平方米|公里|千米|家|个|项|所|件)")
_STOCKTAKING = re.compile(r"增长|达到|达|比上年|年均|提高到|下降|突破")


# a glossary entry that says where the report uses the term: "1.“四个着力”“四张牌”（《报告》第1页第13行）"
_GLOSSARY_PAGE = re.compile(r"[（(]《[^》\n]{1,20}》第\s*\d+\s*页")
# a footnote-numbered entry: "[4]零关税：对进口货物免征进口关税…" (the number in brackets, a short term, a colon)
_GLOSSARY_FOOTNOTE = re.compile(r"^\s*[\[［]\d{1,3}[\]］]\s*[^\s：:。，；\[\]]{1,30}\s*[：:]")


def _is_glossary(t: str) -> bool:
    if _GLOSSARY_HEAD.search(t) or _GLOSSARY_BRACKET.match(t) or _GLOSSARY_FOOTNOTE.match(t) \
            or _GLOSSARY_PAGE.search(t[:80]):
        return True
    entries = _GLOSSARY_ENTRY.findall(t)
    if not entries:
        return False
    # one entry is enough when it defines ("：指…") or quotes its term; a numbered list of tasks
    # ("1. 加强师资队伍建设：…") has neither and needs two entries to look like a glossary
    first = _GLOSSARY_ENTRY.search(t)
    after = t[first.end(): first.end() + 6] if first else ""
    quoted = any(e.startswith("“") for e in entries)
    return len(entries) >= 2 and quoted or after.lstrip().startswith(("指", "即", "是指")) or (
        quoted and first is not None and first.start() == 0 and len(t) < 400)


# a bullet of the 回顾's summary ("——各项改革全面深化。…") or of a heading list
_DASH = re.compile(r"^\s*(——|－－|—)\s*[^。！？\n]{2,40}[。！？\n]")


def _is_lead_in(t: str) -> bool:
    m = _CHAPTER.match(t) or _DASH.match(t)
    if not m:
        return False
    rest = t[m.end():].strip()
    # heading alone, heading + its motivation, or heading + one short sentence of intent
    # ("（四）全面深化改革扩大开放。坚持以改革破局、以开放突围，持续用力打造内陆地区改革开放高地。"):
    # the substance follows in later passages
    # (a heading followed by the matter itself — one long sentence of concrete measures — is substance)
    one_sentence = len(re.findall(r"[。！？]", rest)) <= 1 and len(rest) <= 70
    return len(rest) < 12 or one_sentence or (len(t) <= 220 and bool(_MOTIVE.search(rest)))


def _is_figures(t: str) -> bool:
    q = _QUANTITY.findall(t)
    if len(q) < 5:
        return False
    digits = sum(ch.isdigit() for ch in t)
    # a passage of headline figures: ≥ 5 quantities, one per ≤ 30 characters, stock-taking verbs
    return len(t) / len(q) <= 30 and digits / max(len(t), 1) >= 0.08 and bool(_STOCKTAKING.search(t))


def nonmatter_reason(text: str) -> str | None:
    """The kind (a key of :data:`KINDS`) of one passage that is report furniture, else None.

    >>> nonmatter_reason("我们也清醒认识到，全省经济社会发展中还存在不少问题和挑战。")
    'problems'
    >>> nonmatter_reason("全省地区生产总值达46616亿元、增长7.5%，一般公共预算收入4390亿元、增长8.7%，"
    ...                  "城镇新增就业98万人，城乡居民人均可支配收入分别增长4.2%和6.2%，粮食产量716亿斤。") is None
    False
    """
    t = text.replace("**", "").strip()
    if _is_glossary(t):
        return "glossary"
    if _is_lead_in(t):
        return "lead_in"
    head = t[:80]
    if _TARGETS.search(head):
        return "targets"
    if _PROBLEMS.search(head):
        return "problems"
    if _SELF.search(head):
        return "self"
    if _POLITICAL.search(head):
        return "political"
    if _PLAN.search(head):
        return "plan"
    if _is_figures(t):
        return "figures"
    return None


def nonmatter_reasons(texts: Sequence[str], docs: Sequence[object] | None = None) -> list[str | None]:
    """:func:`nonmatter_reason` for every passage; with ``docs`` (one document id a passage, in reading order), a
    numbered entry ("5.三促三稳三提：“三促”即促消费扩容…", "21.四个全球：2023年6月…") after a document's glossary
    heading or first glossary entry is glossary too — alone it cannot be told from a numbered task ("1.加强师资队伍
    建设：…"), but a report's glossary is its tail of such entries (长沙 2026: 33 entries, 5 flagged alone).

    >>> nonmatter_reasons(["名词解释", "5.三促三稳三提：“三促”即促消费扩容", "21.四个全球：2023年6月首次提出",
    ...                    "1.加强师资队伍建设：建立培训制度"], ["a", "a", "a", "b"])
    ['glossary', 'glossary', 'glossary', None]
    """
    out = [nonmatter_reason(t) for t in texts]
    if docs is None:
        return out
    in_glossary: set[object] = set()
    for i, (t, d) in enumerate(zip(texts, docs)):
        if out[i] == "glossary":
            in_glossary.add(d)
        elif d in in_glossary and _GLOSSARY_ENTRY.match(t.replace("**", "").strip()):
            out[i] = "glossary"
    return out


# the top-level heading of a report's 回顾 part: "一、2024年工作回顾", "一、过去五年工作回顾", "二、关于2019年工作",
# "一、2014年的政府工作", "一、2025年主要工作和“十四五”…" — but not "三、2026年重点工作" or "二、2020年工作总体要求"
_REVIEW_HEAD = re.compile(r"回顾|过去[一五]年|((?:19|20)\d\d)年(?:的)?(?:主要)?(?:政府)?工作(?!安排|重点|任务|总体|要求|建议|部署)")


def is_review_heading(heading: str, year: int | None = None) -> bool:
    """True for the heading of a report's review of past work (成绩回顾); a year in it must precede ``year``
    (the year the report was delivered).

    >>> [is_review_heading(h, 2025) for h in ["一、2024年工作回顾", "二、关于2024年工作", "三、2025年重点工作",
    ...                                        "二、2025年工作总体要求和主要目标", "（三）推进新型城镇化"]]
    [True, True, False, False, False]
    """
    m = _REVIEW_HEAD.search(heading.replace("**", ""))
    if not m:
        return False
    y = m.group(1)
    return y is None or year is None or int(y) < year
