"""Terms a year's reports are full of that no 议题 covers: reported, and made a 议题 where the clauses allow.

The outside readers found no 疫情 议题 on two sealed provinces although 疫情 is in 5–13 % of the 2021–2023
passages: its clauses are spread over many areas (economy, health, 安全), so no area owns the word, and many are
last year's review ("妥善处置多起局部疫情") or a problem ("疫情反复冲击"). A director reading the list misses the
matter of three years. So for every term of the passages

    year share = passages of the year naming it / passages of the year   (≥ ``min_year_share`` in ``min_years`` years)
    low        = years where it is barely said: share < ``low_share`` × its best year's share  (at least half
                 the years: an episode of some years, not a word of every year's report)

a salient term that no ranked 议题 covers (its anchor, title or terms hold it, or it holds ``cover_share`` of the
term's clauses) is **reported** (:class:`Salient`, ``status`` "未成议题"), and its forward-looking clauses — in an
area, not a heading, not in a 回顾 passage, not a problem statement — become a 议题 of their own when they come
from ``min_docs`` documents (``status`` "已成议题": "抓好常态化疫情防控", "有序推进新冠病毒疫苗接种").

>>> years = [y for y in range(2015, 2026) for _ in range(20)]
>>> toks = [["产业", "疫情"] if 2021 <= y <= 2023 and k % 20 < 3 else ["产业"] for k, y in enumerate(years)]
>>> [(s.term, s.peak_year, round(s.peak_share, 2)) for s in salient_terms(toks, years, [str(k % 4) for k in range(220)])]
[('疫情', 2021, 0.15)]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from topicmine.topics.labels import is_label_term
from topicmine.topics.titles import is_place

#: a problem or an impact told, not a measure: "疫情反复冲击", "受疫情影响", "多重挑战叠加"
_PROBLEM = re.compile(r"冲击|影响|压力|挑战|困难|叠加|严峻|反复|不利|波动|下滑|收缩|转弱|疤痕")


@dataclass
class Salient:
    """A term many passages of some year name: its yearly passage shares and whether a 议题 covers it."""

    term: str
    peak_year: int
    peak_share: float
    by_year: dict[int, float]
    n_docs: int
    status: str = "未成议题"  # "已覆盖" (a 议题 covers it), "已成议题" (made one here), "未成议题" (reported)
    topic: int | None = None
    clauses: int = 0
    #: the rank of its 议题 in the list (set after ranking: topics.parts.fold_level); below the first screen the box says it
    rank: int | None = None

    def message(self) -> str:
        """The line an office reads: "疫情：2022年38%的段落提及（2021–2023年均≥5%），未成议题".

        >>> Salient("疫情", 2022, 0.13, {2021: 0.07, 2022: 0.13, 2023: 0.05}, 3).message()
        '疫情：2022年13%的段落提及（2021–2023年≥5%），未成议题'
        >>> Salient("疫情", 2023, 0.08, {2020: 0.07, 2021: 0.06, 2022: 0.049, 2023: 0.08}, 3).message()
        '疫情：2023年8%的段落提及（2020、2021、2023年≥5%），未成议题'
        >>> Salient("黄河流域", 2021, 0.063, {2021: 0.063}, 7, status="已成议题", topic=9, rank=116).message()
        '黄河流域：2021年6%的段落提及（2021年≥5%），已单列为议题（排第116名）'
        """
        high = sorted(y for y, s in self.by_year.items() if s >= 0.05) or [self.peak_year]
        years = sorted(self.by_year)
        # a range only where every year inside it is ≥ 5 % ("2014–2020年" over three of six years misled a reader)
        contiguous = [y for y in years if high[0] <= y <= high[-1]] == high
        span = (f"{high[0]}年" if len(high) == 1 else f"{high[0]}–{high[-1]}年" if contiguous
                else "、".join(str(y) for y in high) + "年")
        tail = {"已覆盖": "已有议题覆盖", "已成议题": "已单列为议题", "未成议题": "未成议题"}[self.status]
        if self.status != "未成议题" and self.rank is not None and self.rank > FIRST_SCREEN:
            # (a reader found 陕西's "黄河流域…已单列为议题" beside a 议题 of three clauses at rank 116: the office must see where)
            tail += f"（排第{self.rank}名）"
        return f"{self.term}：{self.peak_year}年{self.peak_share:.0%}的段落提及（{span}≥5%），{tail}"

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "peak_year": self.peak_year, "peak_share": round(self.peak_share, 4),
                "by_year": {str(y): round(s, 4) for y, s in sorted(self.by_year.items())}, "documents": self.n_docs,
                "status": self.status, "topic": self.topic, "clauses": self.clauses, "rank": self.rank,
                "message": self.message()}


#: the 议题 a director reads first: a salient term's 议题 ranked below this is told with its rank in the box
FIRST_SCREEN = 20


#: a kind of instrument (三年行动计划, 民族团结进步示范区, 十大工程): its clauses are as many matters as there are
#: plans; on 贵州 "行动计划" and "示范区" (2015–2018) were salient and grew mixtures at ranks 1–2
_INSTRUMENT = re.compile(r"(?:计划|方案|示范区|试验区|先行区|工程|行动|项目|机制|体系|政策|制度|规划|意见|办法|场景)$")
#: a part of a city (主城区, 老城区, 市区): where a measure happens, not what it is about
_CITY_PART = re.compile(r"(?:城区|市区|郊区|新区|城乡)$")
#: a plan's own wording, naming no object: the sealed 广东 box said "力争：2017年12%…未成议题" (the verb of every target
#: sentence) and 浙江's "专项：2026年15%…" (专项资金 / 专项债 / 专项行动 — a modifier of many things)
_PLAN_WORDS = frozenset({"力争", "专项", "确保", "争取", "目标", "任务", "重点", "举措", "预期"})


def names_thing(term: str) -> bool:
    """Whether a term is a noun of general Chinese (jieba's default dictionary tags it n…, not a person's or a
    place's name) or a compound the dictionary does not hold (常态化疫情防控): 疫情 is a thing a 议题 is about;
    跨越, 扶持, 决战 (verbs), 四化, 五大 (abbreviations of slogans) and instruments (行动计划, 示范区) are not.

    >>> names_thing("疫情"), names_thing("常态化疫情防控"), names_thing("跨越"), names_thing("四化"), names_thing("行动计划")
    (True, True, False, False, False)
    >>> names_thing("区域性"), names_thing("规范化"), names_thing("主城区"), names_thing("应用场景")
    (False, False, False, False)
    >>> names_thing("力争"), names_thing("专项")
    (False, False)
    """
    from topicmine.topics.general import general_tag

    if term in _PLAN_WORDS:
        return False
    if _INSTRUMENT.search(term):
        return False
    # a quality (…性: 区域性, 系统性, 普惠性) modifies whatever follows it, as it never anchors a 议题 (topics.clauses);
    # on a sealed city "区域性" was salient and grew a 议题 mixing 信息基础设施, 消费中心 and 人力资源服务
    if len(term) >= 2 and term.endswith("性"):
        return False
    # a manner of doing (规范化, 标准化, 数字化) is a quality of a measure like …性, and a part of a city a place;
    # on a sealed city "规范化" and "主城区" grew 议题 of unrelated clauses
    if (len(term) >= 3 and term.endswith("化")) or _CITY_PART.search(term):
        return False
    tag = general_tag(term)
    if not tag:
        return len(term) >= 3
    return tag.startswith("n") and tag not in ("nr", "ns", "nrt", "nrfg")


def salient_terms(
    token_lists: Sequence[Sequence[str]],
    years: Sequence[int | None],
    docs: Sequence[object],
    *,
    min_year_share: float = 0.05,
    min_years: int = 3,
    low_share: float = 0.2,
    min_docs: int = 3,
    min_year_passages: int = 20,
    exclude: Callable[[str], bool] | None = None,
    stopwords: Iterable[str] = (),
) -> list[Salient]:
    """Terms in ``min_year_share`` of the passages of ``min_years`` years and barely said (< ``low_share`` × the
    best year's share) in at least half the years, named in ``min_docs`` documents; the highest peak first. Years with fewer than ``min_year_passages`` passages are not
    read (one short document is no year). ``exclude``: terms never reported (fields' names, common words)."""
    stop = frozenset(stopwords)
    n_year: Counter[int] = Counter()
    hits: dict[str, Counter[int]] = defaultdict(Counter)
    tdocs: dict[str, set[object]] = defaultdict(set)
    for toks, y, d in zip(token_lists, years, docs):
        if y is None:
            continue
        n_year[y] += 1
        for t in set(toks):
            hits[t][y] += 1
            tdocs[t].add(d)
    ys = sorted(y for y, n in n_year.items() if n >= min_year_passages)
    if len(ys) < 3:
        return []
    out = []
    for t, c in hits.items():
        if len(tdocs[t]) < min_docs or max(c[y] / n_year[y] for y in ys) < min_year_share:
            continue
        if not is_label_term(t, stop) or is_place(t) or (exclude is not None and exclude(t)):
            continue
        share = {y: c[y] / n_year[y] for y in ys}
        peak = max(ys, key=lambda y: (share[y], -y))
        high = sum(v >= min_year_share for v in share.values())
        # (or an episode of two years in a row at a heavy peak: 安徽's 疫情, 9.2 / 5.4 % in 2021–2022 and under 3 %
        # in every other year, was in no box and no 议题)
        episode = high >= 2 and share[peak] >= HEAVY_PEAK and _run_of_years(Salient(t, peak, share[peak], share, 0)) >= 2
        if (high < min_years and not episode) \
                or 2 * sum(v < low_share * share[peak] for v in share.values()) < len(ys):
            continue
        out.append(Salient(t, peak, share[peak], share, len(tdocs[t])))
    # a term inside a longer salient one (疫情 / 疫情防控) is reported once, by the shorter, more general word
    names = {s.term for s in out}
    out = [s for s in out if not any(o != s.term and o in s.term for o in names)]
    out.sort(key=lambda s: (-s.peak_share, s.term))
    return out


def is_forward_clause(clause: str, part: str | None) -> bool:
    """A clause that says what will be done: not in a 回顾 passage and not a problem or an impact told.

    >>> is_forward_clause("抓好常态化疫情防控", None), is_forward_clause("疫情反复冲击，经济下行压力加大", None)
    (True, False)
    >>> is_forward_clause("妥善处置多起局部疫情", "review")
    False
    """
    return part != "review" and not _PROBLEM.search(clause)


@dataclass
class SalientPlan:
    """The clause rows a salient term's new 议题 takes (and from which 议题 they leave)."""

    term: str
    area: int
    rows: list[int] = field(default_factory=list)


def plan_salient_matter(
    term: str,
    clause_texts: Sequence[str],
    clause_area: Sequence[int],
    clause_doc: Sequence[object],
    clause_part: Sequence[str | None],
    clause_anchor: Sequence[str | None],
    *,
    min_docs: int = 3,
    min_clauses: int = 3,
    said: Callable[[str], bool] | None = None,
    heads: Sequence[tuple[int, int]] = (),
) -> SalientPlan | None:
    """The forward-looking clauses naming ``term`` (in an area, not a heading: ``clause_area`` ≥ 0) that no 议题
    anchored on a word sharing it holds (``clause_anchor``: the anchor of the 议题 holding each clause, None when
    free): a 议题 of the term when they come from ``min_docs`` documents, else None. A clause riding in another
    议题 as a stray ("外防输入、内防反弹" in 食品药品安全) comes over. ``said``: whether a clause names the term, when
    not by its literal text (a place-named programme: :func:`topicmine.topics.placeprog.programme_key`).

    >>> texts = ["抓好常态化疫情防控", "有序推进新冠病毒疫苗接种，守住疫情不反弹底线", "疫情反复冲击", "做好疫情防控"]
    >>> p = plan_salient_matter("疫情", texts, [0, 1, 0, 2], ["a", "b", "c", "d"], [None] * 4, [None, "药品安全", None, None])
    >>> p.area, p.rows
    (0, [0, 1, 3])
    """
    rows = [i for i, c in enumerate(clause_texts)
            if (said(c) if said is not None else term in c) and clause_area[i] >= 0 and is_forward_clause(c, clause_part[i])
            and not (clause_anchor[i] and (term in clause_anchor[i] or clause_anchor[i] in term))]
    # ``heads``: (row, its passage's area) of the headings the term's 议题 may take as well (:func:`term_heads`)
    area_of = {i: clause_area[i] for i in rows} | dict(heads)
    rows = sorted(set(rows) | {i for i, _ in heads})
    if len(rows) < min_clauses or len({clause_doc[i] for i in rows}) < min_docs:
        return None
    area = Counter(area_of[i] for i in rows).most_common(1)[0][0]
    return SalientPlan(term, area, rows)


def term_heads(s: Salient, clause_texts: Sequence[str], clause_area: Sequence[int], clause_part: Sequence[str | None],
               clause_year: Sequence[object], passage_area: Sequence[int]) -> list[tuple[int, int]]:
    """The forward-looking headings (``clause_area`` −1) naming a salient term in the years it fills (≥ 5 % of the
    passages), with their passages' areas: an episode's reports often say their measures on it as a paragraph's
    opening line ("必须毫不放松抓好常态化疫情防控", "全面做好“外防输入、内防反弹”工作，健全…医疗救治体系"); 安徽's 疫情
    (9.2 % of 2021's passages) had four body clauses looking forward, one of them a pine disease's 疫情.

    >>> s = Salient("疫情", 2021, 0.09, {2019: 0.02, 2021: 0.09, 2022: 0.054}, 3)
    >>> term_heads(s, ["抓好常态化疫情防控", "抓好非洲猪瘟疫情防控", "疫情冲击加大"], [-1, -1, -1], [None] * 3,
    ...            [2021, 2019, 2022], [4, 4, 4])
    [(0, 4)]
    """
    high = {int(y) for y, v in s.by_year.items() if v >= 0.05}
    return [(i, passage_area[i]) for i, c in enumerate(clause_texts)
            if clause_area[i] < 0 and passage_area[i] >= 0 and s.term in c and is_forward_clause(c, clause_part[i])
            and clause_year[i] is not None and int(clause_year[i]) in high]  # type: ignore[call-overload]


#: a term this heavy — ≥ 5 % of the passages in ``HEAVY_YEARS`` years and ``HEAVY_PEAK`` in its peak — is a matter of
#: its years even when only two reports look forward on it: 河南's 疫情 (10 % of 2021's passages, ≥ 5 % 2021–2023) has
#: forward-looking clauses in the 2021 and 2022 reports only (2023 reviews it), and stayed "未成议题"
HEAVY_YEARS = 3
HEAVY_PEAK = 0.08


def salient_min_docs(s: Salient, min_docs: int) -> int:
    """The documents a salient term's forward-looking clauses must come from: two for a term that filled three
    years' reports (≥ 5 %) and peaked at 8 %, else ``min_docs``.

    >>> salient_min_docs(Salient("疫情", 2021, 0.10, {2021: 0.10, 2022: 0.076, 2023: 0.056}, 3), 3)
    2
    >>> salient_min_docs(Salient("小康社会", 2016, 0.06, {2016: 0.06, 2018: 0.05, 2020: 0.05}, 3), 3)
    3
    """
    high = sum(v >= 0.05 for v in s.by_year.values())
    run = _run_of_years(s)
    # (an episode of two years in a row at a heavy peak counts as heavy too: see :func:`salient_terms`)
    return min(min_docs, 2) if (high >= HEAVY_YEARS and (s.peak_share >= HEAVY_PEAK or run >= HEAVY_YEARS)) \
        or (run >= 2 and s.peak_share >= HEAVY_PEAK) else min_docs


def _run_of_years(s: Salient) -> int:
    """The longest run of consecutive years the term filled (≥ 5 % of the passages): an episode of three years in a
    row is a matter of its years at any peak (浙江's 疫情, 6.1 / 6.2 / 6.0 % in 2021–2023, peak under 8 %: "未成议题"
    on a sealed read, though two reports look forward on it).

    >>> _run_of_years(Salient("疫情", 2022, 0.0625, {2020: 0.0, 2021: 0.061, 2022: 0.0625, 2023: 0.06, 2024: 0.01}, 3))
    3
    >>> _run_of_years(Salient("小康社会", 2016, 0.06, {2016: 0.06, 2017: 0.01, 2018: 0.05, 2020: 0.05}, 3))
    1
    """
    best = run = 0
    last = None
    for y in sorted(int(k) for k in s.by_year):
        v = s.by_year.get(y, s.by_year.get(str(y), 0.0))  # type: ignore[call-overload]
        if v >= 0.05:
            run = run + 1 if last is not None and y == last + 1 else 1
            last = y
            best = max(best, run)
        else:
            last = None
    return best


def add_salient_matters(
    found: list[Any],
    token_lists: Sequence[Sequence[str]],
    years: Sequence[int | None],
    docs: Sequence[object],
    clause_texts: Sequence[str],
    clause_area: Sequence[int],
    clause_doc: Sequence[object],
    clause_part: Sequence[str | None],
    *,
    words: Callable[[str], list[str]] | None = None,
    stopwords: Iterable[str] = (),
    min_docs: int = 3,
    cover_share: float = 0.3,
    made_before: Iterable[str] = (),
    clause_year: Sequence[object] = (),
    passage_area: Sequence[int] = (),
) -> tuple[list[Any], list[Salient]]:
    """The salient terms of the passages (``token_lists``/``years``/``docs``, one per passage) and the 议题
    (:class:`topicmine.topics.clauses.AnchorMatter`, ``found``) with a new one per uncovered salient term whose
    forward-looking clauses allow it (:func:`plan_salient_matter`); the clauses it takes leave the 议题 they rode in.
    ``made_before``: the terms whose 议题 the previous run made here (carried over by their anchor, rebuilt the same).
    """
    made_before = frozenset(made_before)
    from topicmine.topics.clauses import FIELD_WORDS, AnchorMatter, is_exhortation_clause, is_sector_term
    from topicmine.topics.general import is_common_term

    def never(t: str) -> bool:  # a field's or a sector's name, common Chinese, a verb, an exhortation: no matter
        return t in FIELD_WORDS or is_sector_term(t) or is_common_term(t, words) or not names_thing(t) \
            or is_exhortation_clause(t)

    sal = salient_terms(token_lists, years, docs, min_docs=min_docs, exclude=never, stopwords=stopwords)
    if not sal:
        return found, []
    matter_of: dict[str, Any] = {}
    holder: dict[int, int] = {}
    for k, m in enumerate(found):
        for i in m.clauses:
            holder[i] = k
    for s in sal:
        naming = [i for i, c in enumerate(clause_texts) if s.term in c and clause_area[i] >= 0]
        s.clauses = len(naming)
        held = Counter(holder[i] for i in naming if i in holder)
        cover = next((k for k, m in enumerate(found) if any(s.term in t or (len(t) >= 2 and t in s.term)
                                                             for t in [m.anchor])), None)
        if cover is None and held:
            k, n = held.most_common(1)[0]
            # (and the holder is about the term: most of its clauses name it — 浙江's 疫情 was "covered" by a
            # 社会治安 group of 30 clauses, 6 of them on 疫情, that a reader would never call the 疫情 议题)
            # (more than half of them: 福建's 疫情 was "covered" by a group joined by 防控 — 疫情防控 beside 房地产、
            # 生物安全、治安 防控, 8 of 16 clauses —, too broad to be ranked, and the box said "未成议题")
            if n >= cover_share * len(naming) and n > len(found[k].clauses) / 2:
                cover = k
        # a 议题 anchored on the term itself is the term's own (made here by the last run and carried over by
        # its anchor): it is rebuilt from the forward-looking clauses as a fresh run builds it, or a nightly
        # refresh would shrink it (a sealed city's 疫情防控 went 13 → 8 clauses and rank 15 → 36 on a rerun)
        # (only a 议题 made here last run: a small 议题 the clauses grew on the term by themselves — 西藏's
        # 小康社会, rank 169 — stays as it is rather than becoming rank 5)
        own = cover if cover is not None and found[cover].anchor == s.term and s.term in made_before else None
        if cover is not None and own is None and _thin(found[cover], salient_min_docs(s, min_docs), clause_texts,
                                                         clause_part, clause_doc):
            # a cover too thin to be ranked (浙江's 疫情: one clause "外防输入、内防反弹" anchored on 疫情防控, so the box
            # said "未成议题" at 6 % of three years' passages): the term's 议题 is built as if nothing covered it,
            # taking that cover's clauses when it is anchored on the term
            own = cover if (s.term in found[cover].anchor or found[cover].anchor in s.term) else None
            cover = own
        if cover is not None and own is None:
            s.status, matter_of[s.term] = "已覆盖", found[cover]
            continue
        anchors = [found[holder[i]].anchor if i in holder and holder[i] != own else None
                   for i in range(len(clause_texts))]
        heads = term_heads(s, clause_texts, clause_area, clause_part, clause_year, passage_area) \
            if len(passage_area) == len(clause_texts) == len(clause_year) and words is not None else []
        if heads:
            # (only for a term at a heavy peak or whose body clauses share a phrase naming more than the bare word —
            # 疫情 → 疫情防控; 安徽's "创新能力" (5–7 % in 2018–2021) is neither, and its headings
            # "二要提升科技创新能力", "创新能力显著跃升" would have grown a word-joined 议题)
            body = [c for c, a, p in zip(clause_texts, clause_area, clause_part)
                    if a >= 0 and s.term in c and is_forward_clause(c, p)]
            phrase = salient_title(s.term, body, words) if body else s.term
            heads = heads if phrase != s.term or s.peak_share >= HEAVY_PEAK else []
        if heads and head_of_many(s.term, body, words):
            # (nor for a word said as the head of many different things: 陕西's 集群 — 信息技术、空港、文旅、苹果·猕猴桃
            # 产业集群, 高校"学科集群" — took five headings, a 总体要求 sentence among them, and rose to rank 1)
            heads = []
        plan = plan_salient_matter(s.term, clause_texts, clause_area, clause_doc, clause_part, anchors,
                                   min_docs=salient_min_docs(s, min_docs), heads=heads)
        if plan is not None and words is not None and len(s.term) <= 2:
            # a two-character word alone says little (力争, 场景, 决策): it makes a 议题 only where its clauses share a
            # phrase holding it that names a thing (疫情 → 疫情防控); on a sealed city "力争" (a target's verb, every
            # year 2–4 %, 19 % in 2025) became rank 1 of 61 unrelated clauses
            phrase = salient_title(s.term, [clause_texts[i] for i in plan.rows], words)
            if phrase == s.term or not names_thing(phrase):
                plan = None
        if plan is not None and words is not None and head_of_many(s.term, [clause_texts[i] for i in plan.rows], words):
            # a word said as the head of many different things is an area's word, not a matter: 陕西's 集群 made a 议题
            # of fifteen kinds of cluster (信息技术, 空港, 文旅, 苹果·猕猴桃, 高校"学科集群"…) and it led the list
            plan = None
        if plan is None:
            if own is not None:
                s.status, matter_of[s.term] = "已覆盖", found[own]
            continue
        take = set(plan.rows)
        mine = found[own] if own is not None else None
        for m in found:
            if m is not mine and take & set(m.clauses):
                m.clauses = [i for i in m.clauses if i not in take]
                m.docs = len({clause_doc[i] for i in m.clauses})
        if mine is None:
            mine = AnchorMatter(plan.area, s.term, sorted(take), [s.term], len({clause_doc[i] for i in take}), 0.0)
            found.append(mine)
        else:
            mine.area, mine.clauses, mine.docs = plan.area, sorted(take), len({clause_doc[i] for i in take})
        found = [m for m in found if m.clauses]
        s.status, matter_of[s.term] = "已成议题", mine
        holder = {i: k for k, m in enumerate(found) for i in m.clauses}
    # the 议题's place in the final list (a later term's 议题 may have emptied and dropped an earlier one)
    place = {id(m): k for k, m in enumerate(found)}
    for s in sal:
        m = matter_of.get(s.term)
        s.topic = place.get(id(m)) if m is not None else None
        if s.topic is None and s.status != "未成议题":
            s.status = "未成议题"
    return found, sal


def head_of_many(term: str, texts: Sequence[str], words: Callable[[str], list[str]]) -> bool:
    """Whether the clauses say ``term`` as the head of many different things — X集群 for fifteen X (陕西: 新一代信息技术
    产业集群, 重大科技基础设施集群, 文化旅游产业集群, 学科集群…) —: half of them name it in a compound ending in it (its
    leading verbs dropped), and two thirds of those compounds differ. Such a word holds an area, not one matter. A word
    the clauses' shared phrase goes on after (疫情 → 疫情防控) is the object something is done about: never a head.

    >>> seg = {"发展信息技术产业集群": ["发展", "信息技术", "产业", "集群"], "建设空港产业集群": ["建设", "空港", "产业", "集群"],
    ...        "培育文旅产业集群": ["培育", "文旅", "产业", "集群"], "抓好疫情防控": ["抓好", "疫情", "防控"]}
    >>> head_of_many("集群", ["发展信息技术产业集群", "建设空港产业集群", "培育文旅产业集群"], seg.__getitem__)
    True
    >>> head_of_many("疫情", ["抓好疫情防控"] * 3, seg.__getitem__)
    False
    """
    from topicmine.topics.general import general_tag
    from topicmine.topics.titles import candidates

    phrase = salient_title(term, texts, words) if texts else term
    if phrase != term and not phrase.endswith(term):
        # the phrase its clauses share goes on after it (疫情防控): the word is the object, not a head (福建's 疫情 lines
        # also say 聚集性疫情, 常态化疫情, 重大疫情)
        return False
    said = []
    for t in texts:
        best = ""
        for p, ws, *_ in candidates(t, words):
            if not p.endswith(term) or p == term:
                continue
            w = list(ws)
            while w and general_tag(w[0]).startswith("v"):  # 发展/建设/培育 …产业集群: the verb is no part of the thing
                w.pop(0)
            q = "".join(w)
            if q.endswith(term) and q != term and len(q) > len(best):
                best = q
        if best:
            said.append(best)
    return len(said) >= max(3, len(texts) / 2) and len(set(said)) >= 2 * len(said) / 3


def _thin(matter: Any, min_docs: int, clause_texts: Sequence[str], clause_part: Sequence[str | None],
          clause_doc: Sequence[object], min_clauses: int = 3) -> bool:
    """A 议题 with under three forward-looking clauses, or those from fewer documents than a salient 议题 needs: once
    its 回顾 lines and problems leave (topics.episode) it covers nothing a reader sees (浙江's 疫情: 5 clauses from 4
    reports, 2 of them forward-looking; it ended with one clause and the box said "未成议题")."""
    fwd = [i for i in matter.clauses if is_forward_clause(clause_texts[i], clause_part[i])]
    return len(fwd) < min_clauses or len({clause_doc[i] for i in fwd}) < min_docs


def admit_salient_topics(salient: Sequence[Salient], stable_of: dict[int, int], flags: dict[int, str],
                         specificity: dict[int, Any] | None = None) -> set[int]:
    """The stable ids of the 议题 this run made for salient terms, cleared of the "one_document" / "broad" flag and counted
    as ranked: a 议题 made for a heavy term from two reports (:func:`salient_min_docs`) is below the ranking's
    three-document minimum until it is ranked as heavy, and most of its clauses may be one year's (河南 2022's
    疫情防控 measures beside 2021's). ``stable_of``: cluster → stable id; ``flags`` (stable id → flag) is edited.

    >>> s = Salient("疫情", 2022, 0.16, {}, 2, status="已成议题", topic=5)
    >>> flags = {7: "one_document"}
    >>> admit_salient_topics([s], {5: 7}, flags), flags
    ({7}, {})
    """
    made = [stable_of[s.topic] for s in salient if s.status == "已成议题" and s.topic is not None and s.topic in stable_of]
    term_of = {stable_of[s.topic]: s.term for s in salient if s.status == "已成议题" and s.topic in stable_of}
    # (the share of its clauses naming the term, where topics.episode counted it)
    cov_of = {stable_of[s.topic]: s.coverage for s in salient if s.status == "已成议题" and s.topic in stable_of
              and getattr(s, "coverage", None) is not None}
    # (never above the most specific other 议题: the best sets the scale of every 议题's specific component)
    top = max((float(getattr(v, "score", 0.0)) for k, v in (specificity or {}).items() if k not in term_of), default=1.0)
    for t in made:
        # (nor "broad": the term is everywhere by definition — in 回顾 and problem lines its 议题 leaves out —, so its
        # ownership is low; 湖北's 疫情防控 was broad at 0.17 and 疫情 "未成议题" at 17 % of 2021's passages)
        if flags.get(t) in ("one_document", "broad"):
            del flags[t]
        sp = (specificity or {}).get(t)
        # (the term among its shared objects counts as its anchor: with the measures of its years 湖北's 疫情防控 shares
        # "新冠" in a third of its clauses and 疫情 in five of nine, and fell from rank 4 to 77 on "新冠" alone)
        cov = cov_of.get(t, next((float(x[1]) for x in getattr(sp, "terms", None) or [] if x[0] == term_of[t]), None))
        if sp is not None and ((getattr(sp, "anchor", "") and (sp.anchor in term_of[t] or term_of[t] in sp.anchor))
                               or cov is not None):
            # its object is its own: the term's clauses outside it are the 回顾 and problem lines it leaves out by design
            sp.ownership, sp.score = 1.0, max(sp.score, min(max(sp.coverage if cov is None else cov, 0.0), top))
    return {t for t in made if t not in flags}


def salient_title(term: str, texts: Sequence[str], words: Callable[[str], list[str]], *, min_share: float = 0.2) -> str:
    """A title for the 议题 a salient term made: the commonest title candidate of its clauses that holds the term,
    said by ``min_share`` of them (贵州's 贫困县 议题 was titled "专项资金" from one line of it), else the term itself.

    >>> seg = {"抓好常态化疫情防控": ["抓好", "常态化", "疫情", "防控"], "做好疫情防控": ["做好", "疫情", "防控"]}
    >>> salient_title("疫情", ["抓好常态化疫情防控", "做好疫情防控", "做好疫情防控"], seg.__getitem__)
    '疫情防控'
    """
    from topicmine.topics.titles import candidates

    seen: Counter[str] = Counter()
    for t in texts:
        seen.update({p for p, *_ in candidates(t, words) if term in p})
    best = max(seen.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]), default=None)
    # a phrase a fifth of the clauses say, else the term (2 of 贵州's 14 贫困县 clauses say 重点生态功能区贫困县)
    return best[0] if best and best[1] >= max(2, min_share * len(texts)) else term
