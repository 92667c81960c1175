"""A programme named by a place — 雄安新区, 长江经济带, 成渝地区双城经济圈, 黄河流域 — is a 议题 under that name, and
a matter that filled some years' reports ranks by how much it filled them (its **dominance**).

Place names are evidence, not label terms (:func:`topicmine.topics.titles.is_place`): 沈阳·大连 say where, not what.
But a place with 新区 / 经济带 / 经济圈 / 都市圈 / 示范区 / 自贸区 / 流域 … is the name of a programme, and on 河北
"雄安新区" is in 4–12 % of the passages of every year since 2018 while its clauses sat in a small 议题 "起步区" at
rank ~110 and in the area's label. So a **place-named programme** — a run of words ending in such a suffix whose first
word is a place or a proper name rare in general Chinese (雄安, 成渝, 横琴), named in ≥ ``min_share`` of the home
region's passages in ≥ ``min_years`` years — makes a 议题 of its forward-looking clauses (as a salient term does:
:func:`topicmine.topics.salient.plan_salient_matter`), titled with its name; a 议题 anchored on a word of the name
(雄安) is that 议题. Bare place names stay out of labels and titles: only the programme's whole name is taken.

>>> words = lambda s: __import__("jieba").lcut(s)
>>> programme_names("高标准高质量建设雄安新区，推动长江经济带高质量发展", words)
['雄安新区', '长江经济带']
>>> programme_names("推进国家级新区建设，打造高质量发展示范区", words)
[]
>>> programme_names("全力支持北京城市副中心建设，推动成渝地区双城经济圈建设", words)
['北京城市副中心', '成渝地区双城经济圈']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: the kinds of place-named programme (a new area, a belt, a circle, a pilot or free-trade zone, a basin)
#: (and a region's integration, 长三角一体化: 安徽 names it in 6.7–11 % of its passages since 2020)
SUFFIX = re.compile(r"新区|经济带|经济圈|都市圈|城市群|大湾区|示范区|先行区|试验区|自贸区|自贸港|自由贸易港|合作区|副中心|流域"
                    r"|一体化")
_CUT = re.compile(r"[。；;！!？?，,、：:（）()“”\"《》【】\s]")
#: parts of speech that end a name going back from its suffix: verbs (建设, 推动), adverbs, prepositions, conjunctions,
#: particles, pronouns, numerals, measure words, adjectives and distinguishing words (国家级, 高水平)
_STOP_TAGS = frozenset("v vn vd d p c u r m q a an ad b".split())
#: a short word rare in general Chinese names a place the dictionary does not know (雄安 0, 成渝 5, 横琴 5, 京津冀 36);
#: a longer one is a phrase the dictionary holds ("全力支持", "全面落实" before 副中心 and 自贸区)
PROPER_FREQ = 50


def _proper(word: str) -> bool:
    from topicmine.topics.general import general_frequency
    from topicmine.topics.titles import is_place

    return len(word) >= 2 and (is_place(word) or (len(word) <= 3 and general_frequency(word) < PROPER_FREQ))


def programme_names(text: str, words: Callable[[str], list[str]]) -> list[str]:
    """The place-named programmes a text names, in order: the words before a suffix back to a verb, a quality word or
    a break, from the first place or proper word on."""
    from topicmine.topics.general import general_tag
    from topicmine.topics.titles import _EDGE, _INNER

    out: list[str] = []
    for m in SUFFIX.finditer(text):
        head = _CUT.split(text[:m.start()])[-1]
        name: list[str] = []
        for w in reversed([w for w in words(head) if w.strip()]):
            if w in _EDGE or w in _INNER or general_tag(w) in _STOP_TAGS or len(name) >= 4 \
                    or len("".join(name)) + len(w) > 10:
                break
            name.insert(0, w)
        while name and not _proper(name[0]):
            name.pop(0)
        if name:
            p = "".join(name) + m.group(0)
            if p not in out:
                out.append(p)
    return out


#: the share of a 议题's clauses that must name one place-named programme for it to be the title
TITLE_SHARE = 0.6


def main_programme(texts: Sequence[str], words: Callable[[str], list[str]], *, share: float = TITLE_SHARE) -> str:
    """The place-named programme (:func:`programme_names`) at least ``share`` of ``texts`` name, the most named; ""
    when none. 福建's three 福州都市圈 clauses were titled by a slogan run two of them share ("全方位绿色高质量发展");
    the programme all three name is the matter's name.

    >>> w = {"加快建设福州": ["加快", "建设", "福州"], "促进福州": ["促进", "福州"], "加快福州": ["加快", "福州"]}
    >>> seg = lambda s: w.get(s, [s])
    >>> main_programme(["加快建设福州都市圈", "促进福州都市圈加快发展", "加快福州都市圈一体化发展，支持南平加快发展"], seg)
    '福州都市圈'
    """
    if not texts:
        return ""
    count: Counter[str] = Counter()
    for t in texts:
        count.update(set(programme_names(t, words)))
    best = [(k, len(p), p) for p, k in count.items() if k >= share * len(texts) and not p.endswith("一体化")]
    return max(best)[2] if best else ""


#: a place's programme named with the place as the subject of a verb ("支持深圳建设中国特色社会主义先行示范区") or beside
#: another place ("横琴、前海两个合作区"): the place, then at most this many characters of one clause, then its suffix
_SPREAD = 16
#: no place names a programme of its own: the country (中国特色社会主义先行示范区 is 深圳's)
_NOT_HOME = frozenset({"中国", "全国", "国家", "我国", "全省", "全市"})


def programme_key(name: str, words: Callable[[str], list[str]]) -> tuple[str, str] | None:
    """The place a programme is named by and the suffix with the word before it (深圳先行示范区 → 深圳, 先行示范区);
    a passage names the programme when one clause says the place and, within a few characters after it, that suffix
    ("支持深圳建设中国特色社会主义先行示范区").

    >>> seg = {"深圳先行": ["深圳", "先行"], "雄安": ["雄安"], "中国特色社会主义先行": ["中国", "特色", "社会主义", "先行"]}.get
    >>> programme_key("深圳先行示范区", seg), programme_key("雄安新区", seg), programme_key("中国特色社会主义先行示范区", seg)
    (('深圳', '先行示范区'), ('雄安', '新区'), None)
    """
    m = SUFFIX.search(name)
    if m is None:
        return None
    ws = [w for w in words(name[:m.start()]) if w.strip()]
    if not ws or ws[0] in _NOT_HOME:
        return None
    before = ws[-1] if len(ws) > 1 else ""
    return ws[0], before + m.group(0)


def _said(key: tuple[str, str]) -> re.Pattern[str]:
    place, suffix = key
    # (not across a list's 、: "长江中游城市群、汉江生态经济带" is no 长江经济带)
    return re.compile(re.escape(place) + r"[^。；;，,、！!？?]{0,%d}?" % _SPREAD + re.escape(suffix))


def place_programmes(texts: Sequence[str], metadata: Sequence[dict[str, Any]], words: Callable[[str], list[str]], *,
                     home: str | None = None, min_share: float = 0.05, min_years: int = 3, min_docs: int = 3,
                     min_year_passages: int = 20, sustained_years: int = 4) -> list[Any]:
    """The place-named programmes in ``min_share`` of the passages of ``min_years`` years (of the home region's
    documents when there is one), counted by their literal name; and the **sustained** ones, counted by place and
    suffix (:func:`programme_key`: "支持深圳建设中国特色社会主义先行示范区" names 深圳先行示范区), in half that share in
    ``sustained_years`` years and peaking at it (广东's 深圳先行示范区: 6.2 / 4.5 / 2.8 / 4.8 % in 2020–2023), or in the share
    of ``min_years`` years only when so counted. As :class:`topicmine.topics.salient.Salient` (the highest peak first); a
    sustained one carries ``pattern`` (how a clause names it) and ``sustained``. A name inside a longer one said nearly as
    often (双城经济圈 in 成渝地区双城经济圈) is taken by the longer."""
    from topicmine.topics.salient import Salient

    def keep(hits: dict[str, Counter[int]], docs: dict[str, set[object]], n_year: Counter[int], sustained: bool
             ) -> list[Any]:
        ys = sorted(y for y, n in n_year.items() if n >= min_year_passages)
        out = []
        for p, c in hits.items():
            share = {y: c[y] / n_year[y] for y in ys}
            heavy = sum(v >= min_share for v in share.values()) >= min_years
            lasting = sum(v >= min_share / 2 for v in share.values()) >= sustained_years \
                and max(share.values(), default=0.0) >= min_share
            if len(docs[p]) < min_docs or not (heavy or (sustained and lasting)):
                continue
            peak = max(ys, key=lambda y: (share[y], -y))
            out.append(Salient(p, peak, share[peak], share, len(docs[p])))
        total = {s.term: sum(hits[s.term].values()) for s in out}
        return [s for s in out if not any(o != s.term and s.term in o and total[o] >= 0.6 * total[s.term] for o in total)]

    # heavy by the literal name (雄安新区, 粤港澳大湾区: their clauses say it)
    docs: dict[str, set[object]] = defaultdict(set)
    said_as: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def literal(t: str, m: dict[str, Any]) -> list[str]:
        found = programme_names(t, words) if SUFFIX.search(t) else []
        for p in found:
            docs[p].add(m.get("doc_id"))
            k = programme_key(p, words)
            if k is not None:
                said_as[k][p] += 1
        return found

    n_year, hits = _yearly_hits(texts, metadata, home, literal)
    heavy = keep(hits, docs, n_year, False)
    taken = {programme_key(s.term, words) for s in heavy}
    # sustained, by place and suffix; its name the one its passages say most (then the shortest)
    name_of = {k: max(c.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0] for k, c in said_as.items()
               if k not in taken}
    pats = {name_of[k]: (k, _said(k)) for k in name_of}
    ldocs: dict[str, set[object]] = defaultdict(set)

    def loose(t: str, m: dict[str, Any]) -> list[str]:
        found = [p for p, (k, rx) in pats.items() if k[0] in t and k[1] in t and rx.search(t)]
        for p in found:
            ldocs[p].add(m.get("doc_id"))
        return found

    n_year, lhits = _yearly_hits(texts, metadata, home, loose)
    lasting = [s for s in keep(lhits, ldocs, n_year, True) if not any(s.term in h.term or h.term in s.term for h in heavy)]
    for s in lasting:
        s.pattern, s.sustained = pats[s.term][1], True
    out = heavy + lasting
    out.sort(key=lambda s: (-s.peak_share, s.term))
    return out


def add_place_programmes(found: list[Any], salient: list[Any], texts: Sequence[str], metadata: Sequence[dict[str, Any]],
                         clause_texts: Sequence[str], clause_area: Sequence[int], clause_doc: Sequence[object],
                         clause_part: Sequence[str | None], *, words: Callable[[str], list[str]],
                         min_docs: int = 3, passage_area: Sequence[int] | None = None) -> tuple[list[Any], list[Any]]:
    """``found`` (:class:`topicmine.topics.clauses.AnchorMatter`) with a 议题 per place-named programme (its
    forward-looking clauses naming it that no other 议题 holds, not lines told about it:
    :func:`topicmine.topics.programme.is_told_line`), and
    ``salient`` with the programme (status "已成议题"; the 议题's index in ``found`` as ``topic``, as every salient
    term's is re-pointed after the 议题 that lost all their clauses are dropped). Its 议题 is a programme's
    (``programme``: its 篇幅 is not gated by cohesion, :mod:`topicmine.topics.rank`). A programme whose measures
    are said only in headings (``clause_area`` -1) takes those headings, in their passages' areas (``passage_area``):
    广东 names 深圳先行示范区 as the opening line of its paragraphs ("全力推进深圳先行示范区综合改革试点"), never in a
    measure clause of their bodies."""
    from topicmine.topics.clauses import AnchorMatter
    from topicmine.topics.home import home_region
    from topicmine.topics.programme import is_told_line
    from topicmine.topics.salient import plan_salient_matter

    progs = place_programmes(texts, metadata, words, home=home_region(metadata), min_docs=min_docs)
    if not progs:
        return found, salient
    was = {id(s): found[s.topic] for s in salient if s.topic is not None and 0 <= s.topic < len(found)}
    made: dict[int, Any] = {}
    for s in progs:
        holder = {i: m for m in found for i in m.clauses}
        # the 议题 anchored on the name or a word of it (雄安 of 雄安新区) are the programme's own: one 议题
        # (not one anchored on the bare kind: 河南's 流域 议题 is 海河/淮河 pollution, not 黄河流域)
        fam = [m for m in found if m.anchor and (m.anchor in s.term or s.term in m.anchor) and SUFFIX.sub("", m.anchor)]
        own = max(fam, key=lambda m: (m.anchor == s.term, len(m.clauses)), default=None)
        mine = {id(m) for m in fam}
        anchors = [None if i not in holder or id(holder[i]) in mine else holder[i].anchor for i in range(len(clause_texts))]
        rx = getattr(s, "pattern", None)
        # a programme of moderate share (sustained, not heavy) is mostly named as a modifier ("长江经济带产业基金",
        # "长江经济带核心城市": 湖北's grab-bag): only clauses building it are its own
        said = None if rx is None else rx.search if not getattr(s, "sustained", False) \
            else (lambda c, rx=rx: _object_of(c, rx))
        plan = plan_salient_matter(s.term, clause_texts, clause_area, clause_doc, clause_part, anchors,
                                   min_docs=min_docs, said=said)
        if plan is None and passage_area is not None and rx is not None:
            with_heads = [a if a >= 0 else p for a, p in zip(clause_area, passage_area)]
            plan = plan_salient_matter(s.term, clause_texts, with_heads, clause_doc, clause_part, anchors,
                                       min_docs=min_docs, said=lambda c, rx=rx: _object_of(c, rx) and not _guiding(c))
        if plan is None:
            _untaken(s, salient)
            continue
        # only clauses no other 议题 holds: a programme this heavy is named in every chapter ("布局雄安新区" in 创新平台,
        # "雄安新区数字经济创新发展试验区" in 信息技术产业), and those clauses are the other 议题's matters
        take = {i for i in plan.rows if (i not in holder or id(holder[i]) in mine) and not is_told_line(clause_texts[i])}
        # (its own 议题's 回顾 lines stay out: 安徽's 长三角一体化 group was six "取得重大进展" lines of ten, flagged 回顾)
        take |= {i for m in fam for i in m.clauses if clause_part[i] != "review"}
        if len({clause_doc[i] for i in take}) < min_docs:
            _untaken(s, salient)
            continue
        for m in fam:
            m.clauses = []
        if own is None:
            own = AnchorMatter(plan.area, s.term, [], [s.term])
            found.append(own)
        own.anchor, own.clauses = s.term, sorted(take)
        own.docs = len({clause_doc[i] for i in own.clauses})
        own.programme = True
        s.status, s.place = "已成议题", True
        made[id(s)] = own
        salient = [x for x in salient if x.term != s.term] + [s]
    found = [m for m in found if m.clauses]
    place = {id(m): k for k, m in enumerate(found)}
    for s in salient:
        m = made.get(id(s)) or was.get(id(s))
        if m is not None:
            s.topic = place.get(id(m))
            if s.topic is None:
                s.status = "未成议题"
    return found, salient


#: the year's guiding formula strings "以…为…" clauses ("以推动高质量发展为主题，以深化供给侧结构性改革为主线，以改革创新
#: 为根本动力…"): a heading of the 总体要求, not of a programme it names in passing
_GUIDE = re.compile(r"以[^，,。；]{2,30}为")


def _guiding(clause: str) -> bool:
    """A 总体要求 line: three or more "以…为…" in one clause.

    >>> _guiding("以推动高质量发展为主题，以深化供给侧结构性改革为主线，以改革创新为根本动力")
    True
    >>> _guiding("以改革创新推动深圳先行示范区建设")
    False
    """
    return len(_GUIDE.findall(clause)) >= 3


#: the words that make a programme's name the strategy's ("长三角一体化发展战略", "长江经济带发展")
_STRATEGY = re.compile(r"^(?:高质量)?发展(?:国家)?(?:战略)?")


def _object_of(clause: str, said: re.Pattern[str]) -> bool:
    """Whether a clause names the programme as what it builds — the name ends the clause or is followed by 建设
    ("全力建设好深圳先行示范区", "以改革创新推动深圳先行示范区建设") —, not as a modifier of something else (湖北's headings
    "充分发挥长江经济带产业基金引导作用", "建设长江经济带核心城市", "长江经济带是世界上最具开发价值的流域经济带").

    >>> rx = _said(("深圳", "先行示范区"))
    >>> _object_of("全力建设好深圳先行示范区", rx), _object_of("以改革创新推动深圳先行示范区建设", rx)
    (True, True)
    >>> _object_of("充分发挥长江经济带产业基金引导作用", _said(("长江", "经济带")))
    False
    """
    m = said.search(clause)
    if m is None:
        return False
    after = clause[m.end():].lstrip()
    # (or the strategy's own name, the programme and 发展: "深入推进长三角一体化发展", "实施长三角一体化发展战略")
    after = _STRATEGY.sub("", after, count=1)
    return not after or after[0] in "，,；;。、" or after.startswith("建设")


def _untaken(s: Any, salient: list[Any]) -> None:
    """A programme whose clauses make no 议题 is still told in the box ("未成议题"): 广东 says 深圳先行示范区 (6 % of
    2020's passages) in chapter lead-ins and 回顾 lines, which no 议题 holds, and the office should see it was looked for."""
    if not any(x.term == s.term for x in salient):
        s.status, s.place = "未成议题", True
        salient.append(s)


def dominance(level: Any, salient: Iterable[Any], texts: Sequence[str], metadata: Sequence[dict[str, Any]]
              ) -> dict[int, float]:
    """Per 议题 (stable id) how much of a year's passages its matter filled at its peak: the peak share of the heavy
    term it is about (``level.heavy``: 湖北 疫情 17 % of 2021's passages; a place-named programme, 河北 雄安新区 12 %), and for
    a programme's 议题 (``level.programmes``: 脱贫攻坚) the peak share of the home region's passages naming its anchor.
    :func:`topicmine.topics.rank.rank_topics` ranks a heavy 议题 on it, a programme's only when it faded or was episodic.

    >>> from types import SimpleNamespace as NS
    >>> from topicmine.topics.salient import Salient
    >>> level = NS(heavy=[9], programmes=[3], run=NS(meta={"anchors": {"3": "脱贫"}}), home=None, specificity={})
    >>> meta = [{"year": 2016}] * 20 + [{"year": 2024}] * 20
    >>> texts = ["打赢脱贫攻坚战"] * 4 + ["其他"] * 36
    >>> dominance(level, [Salient("疫情", 2021, 0.17, {}, 3, status="已成议题", topic=9)], texts, meta)
    {9: 0.17, 3: 0.2}
    """
    out: dict[int, float] = {}
    heavy = set(level.heavy)
    place: set[int] = set()
    for s in salient:
        if s.topic in heavy and s.status != "未成议题":
            out[s.topic] = max(out.get(s.topic, 0.0), float(s.peak_share))
            if getattr(s, "place", False):
                place.add(s.topic)
    anchors = (level.run.meta or {}).get("anchors") or {}
    terms = {t: anchors.get(str(t), "") for t in level.programmes if t not in out and anchors.get(str(t))}
    if terms:
        out.update(_peaks(terms, texts, metadata, level.home))
    # gated by cohesion as 篇幅 is (topics.rank.MASS_FULL_COHESION): a mixture riding on a heavy word — 湖北's 互联网+ of
    # 政务, 教育, 物流; 甘肃's 城乡居民 of 收入, 养老金, 大病保险; 贵州's 新能源 of 汽车, 电池, 煤炭 — did not fill the
    # year, the word did; a place-named programme's 议题 in full (its clauses are its chapters: 雄安新区 0.08)
    from topicmine.topics.rank import MASS_FULL_COHESION

    spec = getattr(level, "specificity", None) or {}
    for t in out:
        h = float(getattr(spec.get(t), "cohesion", 1.0))
        out[t] *= 1.0 if t in place else min(1.0, h / MASS_FULL_COHESION)
    # kept on the level, so a filtered re-ranking (pipeline.topics_job) can pass it too
    level.dominance = out
    return out


def _peaks(terms: dict[int, str], texts: Sequence[str], metadata: Sequence[dict[str, Any]], home: str | None
           ) -> dict[int, float]:
    """Per topic the peak yearly share of the (home region's) passages naming its term (years of ≥ 20 passages)."""
    out: dict[int, float] = {}
    n_year, hits = _yearly_hits(texts, metadata, home, lambda txt, _m: [t for t, a in terms.items() if a in txt])
    ys = [y for y, n in n_year.items() if n >= 20]
    for t in terms:
        out[t] = max((hits[t][y] / n_year[y] for y in ys), default=0.0)
    return out


def _yearly_hits(texts: Sequence[str], metadata: Sequence[dict[str, Any]], home: str | None,
                 keys: Callable[[str, dict[str, Any]], Iterable[Any]]) -> tuple[Counter[int], dict[Any, Counter[int]]]:
    """Passages per year (of the home region's documents when there is one) and, per key that ``keys`` finds in a
    passage, the passages per year naming it."""
    n_year: Counter[int] = Counter()
    hits: dict[Any, Counter[int]] = defaultdict(Counter)
    for txt, m in zip(texts, metadata):
        y = m.get("year")
        if y is None or (home and m.get("region") != home):
            continue
        n_year[y] += 1
        for k in keys(txt, m):
            hits[k][y] += 1
    return n_year, hits
