"""A short title that names a topic's matter, built from the topic's own wording.

Terms alone ("脱贫·帮扶·扶贫") name a field; a title names the matter the way the reports do ("消费品以旧换新",
"地方政府融资平台债务", "成渝地区双城经济圈"). Candidates are runs of 1–4 consecutive words inside one clause of
the topic's most central passages (4–14 characters, no generic verb or function word at either end, no
single-character word at an end, no place name of the corpus's regions); each is scored like a c-TF-IDF term —
passages of this topic containing it × log(1 + average / its count in all topics) — times a bonus for whole
multi-word terms, and must appear in at least two documents (one report's wording is not a corpus matter).
A candidate almost always followed (or preceded) by the same word is a fragment ("大熊猫国家" before 公园) and is
dropped in favour of its extension.

>>> texts = {0: ["实施消费品以旧换新，支持汽车家电更新。", "扩大消费品以旧换新范围。", "开展消费品以旧换新行动"],
...          1: ["化解地方政府融资平台债务风险", "稳妥化解地方政府融资平台债务", "地方政府融资平台债务化解"]}
>>> docs = {0: ["a", "b", "c"], 1: ["a", "b", "c"]}
>>> words = lambda s: __import__("jieba").lcut(s)
>>> make_titles(texts, docs, words)[0]
'消费品以旧换新'
>>> seg = {"推进医疗保险省级统筹": ["推进", "医疗保险", "省级", "统筹"]}
>>> [p for p, *_ in candidates("推进医疗保险省级统筹", seg.__getitem__)]  # not "医疗保险省级"
['医疗保险']
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

from topicmine.topics.labels import GENERIC_TERMS

_CLAUSE = re.compile(r"[。；;！!？?\n，,、：:（）()“”\"《》【】]")
_BAD = re.compile(r"[\d０-９%％.\s\W_a-zA-Z]")
#: words never at either end of a title: verbs of doing and connectors (they make a sentence, not a name)
_EDGE = frozenset(
    "的 和 与 及 等 在 对 为 以 把 将 了 是 有 于 由 从 向 到 并 或 也 都 更 再 又 新 大 好 各 全 一批 一系列 若干 "
    "时代 面向 推广 推行 探索 鼓励 引导 确保 继续 启动 提出 开展 着力 抓好 做好 用好 加快 推进 推动 加强 实施 深化 深入 坚持 落实 完善 健全 强化 提升 促进 支持 打造 "
    "构建 建设 发展 实现 持续 全面 全力 积极 大力 进一步 稳步 扎实 切实 不断 努力 重点 主要 有效 加大 扩大 优化 巩固 统筹 "
    # words of stance and result that end a slogan, not a matter's name (粮食安全重任, 防范化解风险本领)
    "重任 本领 使命 步伐 格局 态势 局面 成效 成果 水平 能力 力度 氛围 "
    # words of a result told ("成功举办西博会"): the matter is the object, not that it went well
    "成功 圆满 顺利 开工 通车 建成 投产 投运 竣工 完工 开通 获批 入选".split()
)


#: a conjunction inside a title joins two things
_AND = re.compile(r"[和与及]")
#: modifiers that need the noun after them: never a title's last word ("医疗保险省级" is cut from 医疗保险省级统筹,
#: "碳达峰十大" from 碳达峰十大行动)
#: (nor a qualifier of what is fought: "严厉打击非法" was cut from 严厉打击非法集资 / 非法金融活动 on a sealed 浙江 read)
_TAIL = re.compile(r"^(?:[一二三四五六七八九十两百]+大|[省市县区乡镇村]级|国家级|省部级|若干|多项|多个|非法|违法|不法)$")


#: function words that make a run a clause, not a name ("分类推进以县城" is cut from "以县城为载体的城镇化")
_INNER = frozenset("以 为 把 将 对 在 从 向 于 由 被 让 使 给".split())


@lru_cache(maxsize=1)
def _place_tags() -> frozenset[str]:
    """Place names: jieba's dictionary words tagged ns, and every province/city name (full and short)."""
    names: set[str] = set()
    try:
        from topicmine.ingest.classify import CITIES, PROVINCES

        names |= set(PROVINCES) | set(PROVINCES.values()) | set(CITIES) | {c[:-1] for c in CITIES}
    except ImportError:  # the ingest stage is optional here; jieba's tags still cover most names
        names |= set()
    try:
        import jieba.posseg as pseg

        pseg.dt.initialize() if hasattr(pseg.dt, "initialize") else None
        tab = getattr(pseg.dt, "word_tag_tab", {}) or {}
        names |= {w for w, tag in tab.items() if tag == "ns" and len(w) >= 2}
    except (ImportError, AttributeError):  # another jieba build: the region names above still apply
        names |= set()
    return frozenset(names)


def is_place(word: str) -> bool:
    """True for a place name (省/市/县 names, jieba ``ns`` words).

    >>> is_place("四川"), is_place("合肥"), is_place("以旧换新")
    (True, True, False)
    """
    return word in _place_tags()


def names_object(phrase: str) -> bool:
    """Whether a title names something rather than only praising it: a title whose every word is an adjective or
    adverb (jieba's tags a/ad/an/d/z: "秀美富饶") is a slogan's epithet, not a matter. Verb pairs stay titles —
    campaign names are made of them (扫黑除恶, 返贫致贫).

    >>> names_object("秀美富饶"), names_object("扫黑除恶"), names_object("高标准农田"), names_object("以旧换新")
    (False, True, True, True)
    """
    try:
        import jieba.posseg as pseg
    except ImportError:  # no tagger: every title is taken as naming something
        return True
    return not all(x.flag in ("a", "ad", "an", "d", "z") for x in pseg.cut(phrase))


#: one site or stage of a matter's programme: the shared object + a place-programme's or an instrument's word
_SUBPROG = re.compile(r"(?:示范区|示范县|示范市|试验区|先行区|示范点|示范基地|示范工程|工程|行动)$")
#: an instrument's name without its object ("示范引领建设工程", "三年行动计划")
_INSTRUMENT_END = re.compile(r"(?:工程|行动|计划|方案|项目|机制|体系|政策|制度|规划)$")
#: the numerals of a counted slogan ("十县百乡千村万户", "三个一定能够", "23245")
_NUMERAL = re.compile(r"[一二三四五六七八九十百千万两\d]")


def is_subprogramme(title: str, anchor: str) -> bool:
    """A title that is the shared object + a programme's site or instrument ("高标准农田示范区" over clauses on
    粮食产能, 高标准农田 and 耕地): one item of the matter, not its name.

    >>> is_subprogramme("高标准农田示范区", "高标准农田"), is_subprogramme("高标准农田建设", "高标准农田")
    (True, False)
    >>> is_subprogramme("雄安新区", "雄安")
    False
    """
    return title != anchor and anchor in title and bool(_SUBPROG.search(title[title.index(anchor) + len(anchor):]))


def is_numbered_slogan(title: str) -> bool:
    """A slogan made of counts ("十县百乡千村万户", "三个一定能够"): it names a campaign only to who knows it.

    >>> is_numbered_slogan("“十县百乡千村万户”"), is_numbered_slogan("“北三县”"), is_numbered_slogan("万企万亿技改")
    (True, False, False)
    """
    core = title.strip("“”\"")
    return len(core) >= 4 and len(_NUMERAL.findall(core)) >= max(3, len(core) // 2)


#: parts of speech that never end a name: adverbs (率先, 进一步), conjunctions, prepositions, particles, pronouns —
#: "政府部门和国有企业率先" was a title on the sample corpus. Not checked at the start: 自然 (an adverb too) opens
#: 自然保护地
_EDGE_TAGS = frozenset("d c p u r".split())


def _ok_edge(w: str, stop: frozenset[str]) -> bool:
    # (nor a manner and a verb the dictionary holds as one word: "全力支持" titled 河北's 北三县 议题, "全面落实")
    return len(w) >= 2 and w not in _EDGE and w not in GENERIC_TERMS and w not in stop and not _BAD.search(w) \
        and not (len(w) == 4 and w[:2] in _EDGE and w[2:] in _EDGE)


#: a quotation names one thing ("一码游贵州", "放管服"): a title takes it whole or not at all
_QUOTE = re.compile(r"“([^“”，,。；;！？!?、]{2,12})”")
#: pieces of a sentence: clauses and list items; quotation marks are kept (a quotation is one word of a title)
_PIECE = re.compile(r"([。；;！!？?\n，,、：:（）()\"《》【】])")
#: never inside a title: 等 closes a list ("碳排放权等市场化交易" names one item of it), 的 makes a phrase of a
#: clause ("面向全国的算力" is cut from "面向全国的算力保障基地")
_NEVER_INSIDE = frozenset("等 的".split())
#: 等 and 的 glued to a word by the segmenter ("碳排放/权等/市场化") — words where 等 or 的 is a real part stay
_GLUED = re.compile(r"(?<![平同高对均初中次])等(?!级)|(?<!目)的(?![确士])")


_VERB_HEAD = re.compile(r"(?:推进|推动|实施|开展|落实|加强|抓好|做好|打好|办好|用好|提升|完善)$")
#: general modifiers that belong to the name they stand before (重大疾病, 重点群体)
_MODIFIERS = frozenset("重大 重点 特大 基本 公共 现代".split())
_MODIFIERS_T = tuple(sorted(_MODIFIERS))
_ORDINAL = re.compile(r"^(?:第[一二三四五六七八九十百\d]+[届轮批次期]|首届|首批)")


def _tokens(piece: str, words: Callable[[str], list[str]]) -> list[str]:
    """The words of a piece, a quotation kept as one word with its marks ("“一码游贵州”")."""
    out: list[str] = []
    pos = 0
    for m in _QUOTE.finditer(piece):
        out += [w for w in words(piece[pos:m.start()].replace("“", "").replace("”", "")) if w.strip()]
        out.append(m.group(0))
        pos = m.end()
    out += [w for w in words(piece[pos:].replace("“", "").replace("”", "")) if w.strip()]
    return out


def _is_quote(w: str) -> bool:
    return len(w) >= 4 and w[0] == "“" and w[-1] == "”"


def candidates(text: str, words: Callable[[str], list[str]], stop: frozenset[str] = frozenset(),
               max_words: int = 4) -> list[tuple[str, tuple[str, ...], str | None, str | None]]:
    """(phrase, its words, word before, word after) for every acceptable run of words in ``text``.

    A run never cuts a quotation (“一码游贵州”智慧旅游平台 gives "“一码游贵州”智慧旅游平台", never "一码"), never
    holds 等 or 的, and never is an item of a list: a piece followed by 、 is an item, and so are the items of a
    list closed by 等 (:func:`topicmine.topics.clauses.list_item_spans`: "推动用水权、排污权、碳排放权等市场化交易"
    offers 市场化交易, not 碳排放权).

    >>> seg = {"推广": ["推广"], "智慧旅游平台": ["智慧", "旅游", "平台"]}
    >>> [p for p, *_ in candidates("推广“一码游贵州”智慧旅游平台", seg.__getitem__)][:3]
    ['“一码游贵州”', '“一码游贵州”智慧', '“一码游贵州”智慧旅游']
    """
    from topicmine.topics.clauses import lead_in_spans, list_item_spans  # clauses imports this module
    from topicmine.topics.general import general_tag

    text = text.replace("**", "")
    # the items of a list closed by 等 are blanked: the measure after the list is the candidate
    for a, b in reversed(sorted(list_item_spans(text) + lead_in_spans(text))):
        text = text[:a] + "，" * (b - a) + text[b:]
    out = []
    parts = _PIECE.split(text)
    for k in range(0, len(parts), 2):
        clause = parts[k]
        after_sep = parts[k + 1] if k + 1 < len(parts) else ""
        if len(clause) < 4 or after_sep == "、":  # an item of a list names one of several things
            continue
        if k >= 2 and parts[k - 1] == "、" and "等" in clause:  # the last item: the measure after 等 only
            clause = clause.split("等", 1)[1]
        ws = _tokens(clause, words)
        for i in range(len(ws)):
            # a general modifier opens a name it belongs to (重点群体就业, 重大疾病医疗保险) of three words at least
            opens = ws[i] in _MODIFIERS
            if not (_is_quote(ws[i]) or _ok_edge(ws[i], stop) or opens):
                continue
            for j in range(i + 2 * opens, min(i + max_words, len(ws))):  # 重点实验室 is a kind, not a name
                run = ws[i:j + 1]
                if any(_BAD.search(w) and not _is_quote(w) for w in run) or (j > i and run[-1] in _INNER) \
                        or any(w in _NEVER_INSIDE for w in run):
                    break
                # a title names its object, not what is done to it ("纵深推进信访" → 信访工作): no run holds a
                # verb of doing (纵深推进 is cut 纵深/推进)
                if _VERB_HEAD.search(ws[j]) and not _is_quote(ws[j]):
                    break
                if not (_is_quote(ws[j]) or _ok_edge(ws[j], stop)) or _TAIL.match(ws[j]) \
                        or (not _is_quote(ws[j]) and general_tag(ws[j]) in _EDGE_TAGS):
                    continue
                p = "".join(run)
                if _GLUED.search("".join(w for w in run if not _is_quote(w))):
                    break
                if not 4 <= len(p) <= 16 or any(is_place(w) for w in run if not _is_quote(w)):
                    continue
                # a bare quotation of two or three characters is a slogan's tag ("“双减”"); a longer one is a
                # program's name ("“十县百乡千村万户”"), as is a short one with the word it names ("“一码游贵州”平台")
                if len(run) == 1 and _is_quote(run[0]) and len(run[0]) < 6:
                    continue
                # an edition is no matter's name: the matter is the fair, not its fifth session ("第五届南博会")
                if _ORDINAL.match(run[0]):
                    continue
                out.append((p, tuple(run), ws[i - 1] if i > 0 else None, ws[j + 1] if j + 1 < len(ws) else None))
    return out


def title_still_fits(title: str, texts: Sequence[str], words: Callable[[str], list[str]]) -> bool:
    """Whether a previous run's title would still be offered for the topic's clauses: a stable name is kept only
    while the title rules allow it (a store fitted before a rule keeps "一码" for “一码游贵州” otherwise).

    >>> seg = {"推广": ["推广"], "智慧旅游平台": ["智慧", "旅游", "平台"]}
    >>> title_still_fits("智慧旅游平台", ["推广“一码游贵州”智慧旅游平台"], seg.__getitem__)
    True
    >>> title_still_fits("一码", ["推广“一码游贵州”智慧旅游平台"], seg.__getitem__)
    False
    """
    return bool(title) and any(title in t and any(p == title for p, *_ in candidates(t, words)) for t in texts)


def is_measure_name(phrase: str, texts: Sequence[str], *, share: float = 0.5) -> bool:
    """Whether a phrase names a quantity: in ``share`` of its occurrences (two at least) a number follows within a
    few characters of the same clause ("运营里程达516公里", "PM2.5平均浓度下降到30微克/立方米"). A title like that
    names what is counted, not the matter (地铁建设, 大气污染防治).

    >>> is_measure_name("运营里程", ["地铁运营里程达516公里", "新增运营里程120公里", "加快地铁三期建设"])
    True
    >>> is_measure_name("地铁", ["地铁运营里程达516公里", "加快地铁三期建设", "地铁四期开工"])
    False
    >>> is_measure_name("微克立方米", ["PM2.5平均浓度30微克/立方米", "降至28微克/立方米"])
    True
    """
    pat = re.compile(re.escape(phrase) + r"[^，,。；;：:\d]{0,6}?\d")
    n = sum(t.count(phrase) for t in texts)
    k = sum(len(pat.findall(t)) for t in texts)
    if n >= 2 and k >= 2 and k >= share * n:
        return True
    # a unit: its first characters follow a number ("30微克/立方米" for the title 微克立方米)
    head = phrase[:2]
    n = sum(t.count(head) for t in texts)
    k = sum(len(re.findall(r"\d\s*" + re.escape(head), t)) for t in texts)
    return n >= 2 and k >= 2 and k >= share * n


def make_titles(
    texts: Mapping[int, Sequence[str]],
    docs: Mapping[int, Sequence[object]],
    words: Callable[[str], list[str]],
    *,
    stopwords: Iterable[str] = (),
    lexicon: Iterable[str] = (),
    min_docs: int = 2,
    fragment_share: float = 0.6,
    anchors: Mapping[int, str] | None = None,
    min_support: float = 0.06,
) -> dict[int, str]:
    """A title per topic from its central passages (``texts[t]``, most central first; ``docs[t]`` their
    document ids). Topics without an acceptable phrase get no entry.

    ``lexicon``: the office's multi-word policy terms (user dictionary); a candidate that is one of them gets
    a bonus, so whole terms beat fragments at equal frequency. ``anchors``: per topic, the object its passages
    share (:mod:`topicmine.topics.specificity`); a title naming it — best with what is done to it
    ("高校毕业生就业", "农村人居环境整治") — is preferred to one that does not. ``min_support``: the share of the
    topic's texts a title must be in when the topic has a shared object (else the object names it).

    >>> seg = {"加快包银高铁建设": ["加快", "包银", "高铁", "建设"], "推进高铁建设": ["推进", "高铁", "建设"]}
    >>> texts = {0: ["加快包银高铁建设"] * 2 + ["推进高铁建设"] * 38}  # one line of many: the shared object
    >>> make_titles(texts, {0: [f"d{i}" for i in range(40)]}, seg.__getitem__, anchors={0: "高铁"})
    {0: '高铁'}
    """
    from topicmine.topics.general import general_tag

    stop = frozenset(stopwords)
    lex = frozenset(lexicon)
    pres: dict[int, Counter[str]] = {}
    pdocs: dict[int, dict[str, set[object]]] = {}
    nxt: dict[int, dict[str, Counter[str | None]]] = {}
    prv: dict[int, dict[str, Counter[str | None]]] = {}
    nwords: dict[str, int] = {}
    for t, ts in texts.items():
        pres[t], pdocs[t] = Counter(), defaultdict(set)
        nxt[t], prv[t] = defaultdict(Counter), defaultdict(Counter)
        for text, d in zip(ts, docs.get(t, [None] * len(ts))):
            seen = set()
            for p, run, before, after in candidates(text, words, stop):
                nxt[t][p][after] += 1
                prv[t][p][before] += 1
                nwords[p] = len(run)
                if p not in seen:
                    seen.add(p)
                    pres[t][p] += 1
                    pdocs[t][p].add(d)
    total: Counter[str] = Counter()
    for c in pres.values():
        total.update(c)
    avg = (sum(sum(c.values()) for c in pres.values()) / max(len(pres), 1)) or 1.0
    out: dict[int, str] = {}
    for t, c in pres.items():
        n_t = max(len(texts[t]), 1)
        best, best_v = None, -math.inf
        ranked_c: list[tuple[float, str]] = []
        frags: list[str] = []
        for p, k in c.items():
            if k < 2 or len(pdocs[t][p]) < min(min_docs, len({d for d in docs.get(t, [])}) or 1):
                continue
            # a fragment: nearly always continued by the same word (大熊猫国家 → 公园)
            frag = False
            for side, ctx in (("after", nxt[t][p]), ("before", prv[t][p])):
                w, m = ctx.most_common(1)[0]
                # a general word after a name ends it (高校毕业生 + 就业 …); one before it may be part of it
                # ("重大" of 重大疾病医疗保险: "疾病医疗保险和救助" was a title)
                general_ok = side == "before" and w in _MODIFIERS
                if w is not None and m >= fragment_share * sum(ctx.values()) and len(w) >= 1 and w not in _EDGE \
                        and (general_ok or w not in GENERIC_TERMS) and not _BAD.search(w) and not is_place(w):
                    frag = True
                # the modifiers before it differ but always modify it (重大疾病, 重特大疾病 …)
                if side == "before" and sum(k for x, k in ctx.items() if x and x.endswith(_MODIFIERS_T)) \
                        >= fragment_share * sum(ctx.values()):
                    frag = True
            if frag:
                frags.append(p)
                continue
            idf = math.log(1.0 + avg / total[p])
            bonus = 1.0 + 0.15 * min(nwords[p] - 1, 2) + (0.3 if p in lex else 0.0) + 0.02 * min(len(p), 10)
            anchor = (anchors or {}).get(t, "")
            if anchor and anchor in p and p != anchor:
                # the shared object with what is done to it ("高校毕业生就业", "农村人居环境整治"): a matter's
                # name; the bare object ("农村人居环境") names a field
                bonus *= 2.2
            v = (k / n_t) * idf * bonus
            ranked_c.append((v, p))
            if v > best_v:
                best, best_v = p, v
        # a title must name something: "秀美富饶" (two adjectives) praises — the next best candidate that names
        # something is taken, else the shared object below
        if best and not names_object(best):
            best = next((p for _v, p in sorted(ranked_c, reverse=True) if names_object(p)), None)
        # a title the 议题's clauses hardly say names one item of it ("包银高铁" for railway lines, "特殊教育学校"
        # for 基础教育 clauses): below ``min_support`` of the clauses, the best-supported candidate naming the shared
        # object is taken, else the object itself (below). 0.06, not more: at 0.1 the dev lists lost good titles
        # told in few of many clauses (湖南 "化解信访积案", 7 %, became “网格化+信访”; 云南 "争取滇中引水" became 引水)
        # a measure's name ("运营里程达516公里", "平均浓度下降到30微克"): what is counted, not the matter — the next
        # candidate that is no measure (地铁, 空气质量), else none (the terms name it)
        if best and is_measure_name(best, texts[t]):
            # (nor a phrase holding the measured word: "浓度稳中有降" after "平均浓度")
            unit = words(best)[-1]
            best = next((p for _v, p in sorted(ranked_c, reverse=True)
                         if names_object(p) and unit not in p and not is_measure_name(p, texts[t])), None)
        anchor = (anchors or {}).get(t, "")
        if best and anchor and best == anchor:
            # the bare shared object names who or what, not the matter ("中小微企业" over clauses on 融资难融资贵):
            # the object with what is said of it, when a quarter of the clauses say that longer name
            # (a verb before it is no part of the name: "缓解中小微企业…" is what a measure does)
            ext = [(k, -len(p), p) for p, k in c.items()
                   if anchor in p and p != anchor and k >= max(2, 0.25 * n_t)
                   and not (general_tag(words(p)[0]) or "").startswith("v") and names_object(p)
                   and not is_measure_name(p, texts[t])]
            if ext:
                best = max(ext)[2]
        # (only an object that can name: not a verb or a result word — 云南's 丽香铁路 clauses share "通车")
        if best and anchor and anchor not in best and anchor not in _EDGE \
                and not (general_tag(anchor) or "").startswith("v"):
            # a title beside the object most clauses share names a side of the 议题 ("工程技术" of 工程技术研究中心 over
            # 19 clauses on 实验室, "战略性新兴产业" over 14 on 自贸区, "全力支持" over 14 on 北三县): from half the clauses
            # naming the object, a title said in fewer than half as many gives way to one naming the object
            cov = sum(anchor in x for x in texts[t]) / n_t
            if cov >= 0.5 and c[best] < 0.5 * cov * n_t:
                held = [(c[p], len(p), p) for _v, p in ranked_c if anchor in p and c[p] >= min_support * n_t
                        and names_object(p) and not is_measure_name(p, texts[t])]
                # (else the object itself below — unless it is a count ("万套"): the title stays)
                if held or not is_measure_name(anchor, texts[t]):
                    new = max(held)[2] if held else anchor
                    # (nor for one item or a numbered slogan that names no matter: a title that names a thing
                    # stays — 河南's 粮食安全 became "高标准农田示范区", 云南's 兴边富民 “十县百乡千村万户”)
                    if is_subprogramme(new, anchor) or is_numbered_slogan(new):
                        # (the best-placed candidate naming a thing said in two clauses; not an instrument's name
                        # "示范引领建设工程", a verb phrase, an item or a slogan)
                        best = next((p for _v, p in sorted(ranked_c, reverse=True)
                                     if c[p] >= max(2, min_support * n_t) and names_object(p)
                                     and not _INSTRUMENT_END.search(p) and not is_numbered_slogan(p)
                                     and not is_subprogramme(p, anchor) and not is_measure_name(p, texts[t])
                                     and not (general_tag(words(p)[0]) or "").startswith("v")), new)
                    else:
                        best = max(held)[2] if held else None
        if best and anchor and _AND.search(best[1:-1]):
            # two things joined ("场馆和配套" over 河北's 冬奥 clauses) are a list, not a matter's name: the name holding the
            # shared object without a conjunction ("冬奥场馆") when it is said half as often
            alt = [(c[p], len(p), p) for _v, p in ranked_c
                   if anchor in p and not _AND.search(p[1:-1]) and c[p] >= max(2, 0.5 * c[best])]
            best = max(alt)[2] if alt else best
        if best and anchor and c[best] < min_support * n_t:
            held = [(c[p], len(p), p) for _v, p in ranked_c if anchor in p and c[p] >= min_support * n_t]
            best = max(held)[2] if held else None
        if not best and anchor and is_measure_name(anchor, texts[t]):
            # the shared object is a count ("万千瓦" over 新增电力装机 clauses on a sealed 浙江 read, left untitled): the
            # best candidate naming a thing that is no measure, said in two clauses or more
            # (else what is counted — "新增电力装机" — names the matter better than no title)
            named = [p for _v, p in sorted(ranked_c, reverse=True) if c[p] >= 2 and names_object(p) and anchor not in p]
            best = next((p for p in named if not is_measure_name(p, texts[t])), named[0] if named else None)
        if best:
            out[t] = best
        elif len((anchors or {}).get(t, "")) >= 2 and not is_measure_name((anchors or {})[t], texts[t]):
            # no run of words qualifies (碳达峰 is three characters; "碳达峰十大" is cut): the shared object itself
            # names the matter better than no title — whole when the reports quote it ("一码" is cut from
            # “一码游贵州”: the quotation is the title)
            anchor = (anchors or {})[t]
            quoted = Counter(m.group(0) for text in texts[t] for m in _QUOTE.finditer(text) if anchor in m.group(1))
            out[t] = quoted.most_common(1)[0][0] if quoted else anchor
        if t in out and is_bare_name(out[t].strip("“”")):
            # a bare place says where, not what (a sealed 浙江 read: "义乌" over 义乌国际贸易综合改革): the place with
            # what its clauses say of it, else the best candidate naming a thing
            out[t] = place_title(out[t].strip("“”"), texts[t], words) or next(
                (p for _v, p in sorted(ranked_c, reverse=True) if c[p] >= 2 and names_object(p)), out[t])
        if t in out:
            from topicmine.topics.wholename import whole_title

            out[t] = whole_title(out[t], texts[t], docs.get(t, []), words, stop, c, frags,
                                 (anchors or {}).get(t, ""), share=fragment_share)
            # a place-named programme most of its clauses name is the matter's name (福州都市圈, not a slogan run)
            from topicmine.topics.placeprog import main_programme

            prog = main_programme(texts[t], words)
            out[t] = prog if prog and prog not in out[t] and out[t] not in prog else out[t]
        if t not in out and ranked_c:
            # never no title (a sealed 浙江 read found rank 2 untitled): the best candidate said twice that names a
            # thing and is no count
            out_t = next((p for _v, p in sorted(ranked_c, reverse=True)
                          if c[p] >= 2 and names_object(p) and not is_measure_name(p, texts[t])), None)
            if out_t:
                out[t] = out_t
    return out


def is_bare_name(title: str) -> bool:
    """A title that is only a name of where or whom: a place, or a short proper name of general Chinese (jieba's
    ns/nz/nr tags: 义乌, a county-level city no list of provinces and cities holds).

    >>> is_bare_name("义乌"), is_bare_name("四川"), is_bare_name("学前教育"), is_bare_name("义乌国际贸易综合改革")
    (True, True, False, False)
    """
    from topicmine.topics.general import general_tag

    return is_place(title) or (len(title) <= 3 and (general_tag(title) or "") in ("ns", "nz", "nr", "nrt"))


#: the verbs after a place that end its name ("义乌" + "发展", "苏州" + "推进")
_PLACE_STOP = re.compile(r"推进|推动|实施|开展|加快|深化|支持|建设|打造|提升|加强|完善|创建|发展|实现|争创|成为|率先|全面|"
                         r"取得|获批|入选|等|是|的")


def place_title(place: str, texts: Sequence[str], words: Callable[[str], list[str]], *, max_words: int = 5) -> str:
    """The place with the words that follow it in most clauses, up to a verb or a break ("义乌" →
    "义乌国际贸易综合改革"); "" when no clause says more than the place twice.

    >>> seg = {"深化义乌国际贸易综合改革": ["深化", "义乌", "国际贸易", "综合", "改革"],
    ...        "推进义乌国际贸易综合改革试点": ["推进", "义乌", "国际贸易", "综合", "改革", "试点"],
    ...        "支持义乌发展": ["支持", "义乌", "发展"]}
    >>> place_title("义乌", list(seg), seg.__getitem__)
    '义乌国际贸易综合改革'
    """
    from topicmine.topics.general import general_tag

    runs: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        ws = words(text)
        for i, w in enumerate(ws):
            if w != place:
                continue
            run: list[str] = []
            for x in ws[i + 1:i + 1 + max_words]:
                if not re.fullmatch(r"[\u4e00-\u9fff]+", x) or (general_tag(x) or "").startswith(("u", "c", "p", "d")) \
                        or _PLACE_STOP.fullmatch(x):
                    break
                run.append(x)
            for k in range(1, len(run) + 1):
                runs[tuple(run[:k])] += 1
    good = [(len(r), n, r) for r, n in runs.items() if n >= 2]
    if not good:
        return ""
    # the longest continuation said in two clauses at least
    return place + "".join(max(good)[2])
