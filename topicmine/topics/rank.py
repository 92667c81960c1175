"""Rank topics as candidate research topics (议题) and say why, in Chinese.

Score = Σ weight × component, each component scaled to 0–1 across the topics being ranked:

============== ========================================================== ==================
component      meaning                                                    default weight
============== ========================================================== ==================
party_gov      党政点题: log(1 + Party/government documents naming it)    1.0
members        委员关注: log(1 + proposals, 社情民意, speeches, motions)  1.0
growth         trend of its yearly share (rising ⇒ 1, falling ⇒ 0)        0.5
not_researched 1 without a 调研报告 on it, 1/(1 + n) with n reports        0.5
regions        regions that mention it / the most any topic has           0.3
share          mean within-document share of passages / the largest       1.0
specific       specificity (议题 level: its passages share an object that 4.0
               is theirs; :mod:`topicmine.topics.specificity`) / the best
mass           篇幅 over the years: the sum of its yearly shares / the    1.0
               largest (a heavy matter of many years: 脱贫攻坚, 亚运); 1
               for a 议题 covering a salient term (:mod:`.salient`)
               unless its dominance is given
dominance      how much of a year's passages its matter filled at the     1.0
               peak / 8 % (capped at 1): a salient term's or a place-
               named programme's 议题 (疫情, 雄安新区), a programme's
               that faded (脱贫攻坚); :func:`.placeprog.dominance`
============== ========================================================== ==================

The weights are ``TopicSettings.weight_*`` (topicmine.toml ``[topics]``); any mapping with those keys
works too.

>>> from topicmine.topics.evidence import topic_evidence
>>> meta = [{"doc_id": f"g{y}{r}", "doc_type": "gov_report", "year": y, "region": r}
...         for y in (2024, 2025, 2026) for r in ("江苏省", "浙江省")]
>>> meta += [{"doc_id": f"p{i}", "doc_type": "proposal", "year": 2026, "region": "江苏省"} for i in range(3)]
>>> meta += [{"doc_id": f"o{i}", "doc_type": "gov_report", "year": 2024, "region": "江苏省"} for i in range(6)]
>>> ranked = rank_topics(topic_evidence([0] * 9 + [1] * 6, meta))
>>> ranked[0].reason
'2024–2026年2个地区的政府工作报告提及（6件）；3件提案反映；尚无调研报告；呈上升趋势'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from topicmine.topics.evidence import DOC_GROUPS, TopicEvidence, filter_evidence
from topicmine.topics.shares import ShareTable, ShareTrend, pct, share_trend  # noqa: F401  (doctest)

_TYPE_ZH = {
    "party_doc": "党委文件",
    "gov_report": "政府工作报告",
    "proposal": "提案",
    "motion": "建议案",
    "opinion": "社情民意信息",
    "speech": "委员发言",
    "report": "调研报告",
    "reply": "答复",
    "other": "其他文件",
}

DEFAULT_WEIGHTS: dict[str, float] = {
    "party_gov": 1.0,
    "members": 1.0,
    "growth": 0.5,
    "not_researched": 0.5,
    "regions": 0.3,
    # mean within-document share (so topics every report mentions still differ by how much they say)
    "share": 1.0,
    # 议题 level only: a large share rewards broad chapters (产业体系, 社保); a matter's passages share an object
    "specific": 4.0,
    # the sum of the yearly shares: the decade's heavy matters (西藏 脱贫攻坚 6–10 % of 2016–20 passages, 杭州 亚运)
    # fell to ranks 21–34 behind small steady items, since neither share nor growth rewards many heavy years
    "mass": 1.0,
    # 议题 level only: pairs of its clauses sharing a word besides the anchor (topics.specificity.cohesion); a group
    # joined by one word (涉企收费 + 涉企执法 + 涉企资金; 产业链 of five industries) is no matter
    "cohesion": 0.5,
    # 议题 level only: the peak share of a year's passages its matter filled (topics.placeprog.dominance); a matter that
    # dominated some years and faded (湖北 疫情 17 % of 2021's passages, 河北 脱贫 11 % in 2016) ranked 24–114, since
    # the years and documents naming it (party_gov, regions) reward a matter of every year
    "dominance": 1.0,
}

#: the peak passage share at which a matter counts as filling its years (topics.salient.HEAVY_PEAK)
DOMINANT_SHARE = 0.08

#: a 议题's 篇幅 (share and mass) counts in full from this cohesion on, and in proportion below it: a chapter-sized group held by one
#: word (河南 产业链 0.29, 甘肃 丝绸之路 0.33) rose on its size alone and pushed out precise matters (督察 1.0)
MASS_FULL_COHESION = 0.6


def weights_from(settings: Any = None) -> dict[str, float]:
    """Weights from a TopicSettings (``weight_*`` fields), a mapping, or the defaults.

    >>> weights_from({"members": 2.0})["members"], weights_from()["growth"]
    (2.0, 0.5)
    """
    w = dict(DEFAULT_WEIGHTS)
    if settings is None:
        return w
    if isinstance(settings, Mapping):
        for k, v in settings.items():
            key = k.removeprefix("weight_")
            if key not in w:
                raise ValueError(f"unknown ranking weight {k!r}; use one of {', '.join(w)}")
            w[key] = float(v)
        return w
    for k in w:
        if hasattr(settings, f"weight_{k}"):
            w[k] = float(getattr(settings, f"weight_{k}"))
    return w


@dataclass
class RankedTopic:
    """One candidate research topic with its score, the components and the reason in words."""

    topic: int
    rank: int
    score: float
    reason: str
    components: dict[str, float] = field(default_factory=dict)
    label: str = ""
    evidence: TopicEvidence | None = field(default=None, repr=False)
    #: share-based view (when ranked with a ShareTable): mean share, yearly/regional shares, trend
    share: float | None = None
    share_by_year: dict[int, float] = field(default_factory=dict)
    share_by_region: dict[str, float] = field(default_factory=dict)
    trend: ShareTrend | None = None
    #: no document of the home region feeds it (topics.home): 外地动向, ranked after the home region's 议题
    outside: bool = False
    #: a programme's 议题 that are its parts (topics.parts: listed under it), and the programme a part belongs to
    parts: list[int] = field(default_factory=list)
    part_of: int | None = None

    def to_dict(self, with_evidence: bool = True) -> dict[str, Any]:
        d = {"topic": self.topic, "rank": self.rank, "score": round(self.score, 4), "label": self.label,
             "reason": self.reason, "components": {k: round(v, 4) for k, v in self.components.items()}}
        if self.share is not None:
            d["share"] = round(self.share, 4)
            d["share_by_year"] = {str(k): v for k, v in self.share_by_year.items()}
            d["trend"] = self.trend.to_dict() if self.trend else None
        if self.outside:
            d["outside"] = True
        if self.parts:
            d["parts"] = list(self.parts)
        if self.part_of is not None:
            d["part_of"] = self.part_of
        if with_evidence and self.evidence is not None:
            d["evidence"] = self.evidence.to_dict()
        return d


def _years(span: list[int] | None) -> str:
    if not span:
        return ""
    return f"{span[0]}年" if span[0] == span[1] else f"{span[0]}–{span[1]}年"


def explain(ev: TopicEvidence) -> str:
    """The reason for a topic's rank, in the office's words.

    >>> from topicmine.topics.evidence import topic_evidence
    >>> ev = topic_evidence([0, 0], [{"doc_id": "p1", "doc_type": "proposal", "year": 2025},
    ...                              {"doc_id": "r1", "doc_type": "report", "year": 2025}])[0]
    >>> explain(ev)
    '党政文件尚未提及；1件提案反映；已有1件调研报告'
    """
    gov = _gov_mentions(ev)
    parts: list[str] = [gov or "党政文件尚未提及"]
    members = _member_mentions(ev)
    parts.append(members or "尚无委员提案反映")
    nrep = ev.doc_types.get("report", 0)
    parts.append(f"已有{nrep}件调研报告" if nrep else "尚无调研报告")
    if ev.doc_types.get("reply"):
        parts.append(f"{ev.doc_types['reply']}件答复")
    if len(ev.by_year) >= 2:
        if ev.slope > 0.1:
            parts.append("呈上升趋势")
        elif ev.slope < -0.1:
            parts.append("呈下降趋势")
        else:
            parts.append("基本平稳")
    return "；".join(parts)


def _where(ev: TopicEvidence) -> str:
    """"3个地区的", or the one region's name (taken from the 党政点题 members), or ""."""
    nreg = ev.group_regions.get("党政点题", 0)
    if nreg == 1:
        return next((str(r[3]) for r in ev.members if DOC_GROUPS.get(str(r[2])) == "党政点题" and r[3]), "")
    return f"{nreg}个地区的" if nreg > 1 else ""


def _gov_mentions(ev: TopicEvidence) -> str:
    """"2015–2026年3个地区的政府工作报告提及（15件）", or "" when no Party/government document names it."""
    gov_types = [t for t in ("party_doc", "gov_report") if ev.doc_types.get(t)]
    if not gov_types:
        return ""
    n = sum(ev.doc_types[t] for t in gov_types)
    names = "、".join(_TYPE_ZH[t] for t in gov_types)
    return f"{_years(ev.group_years.get('党政点题'))}{_where(ev)}{names}提及（{n}件）"


def _member_mentions(ev: TopicEvidence) -> str:
    """"3件提案、1件社情民意信息反映", or "" when no member's item is on it."""
    member_types = [t for t in ("proposal", "opinion", "speech", "motion") if ev.doc_types.get(t)]
    return "、".join(f"{ev.doc_types[t]}件{_TYPE_ZH[t]}" for t in member_types) + "反映" if member_types else ""


def explain_shares(ev: TopicEvidence, share: float, trend: ShareTrend | None, *, members_in_corpus: bool,
                   research_in_corpus: bool, anchor: Any = None, anchor_word: str = "") -> str:
    """The reason for a topic's rank said in shares and numbers (each topic's own).

    >>> from topicmine.topics.evidence import topic_evidence
    >>> ev = topic_evidence([0, 0], [{"doc_id": "g1", "doc_type": "gov_report", "year": 2021, "region": "四川省"},
    ...                              {"doc_id": "g2", "doc_type": "gov_report", "year": 2022, "region": "四川省"}])[0]
    >>> explain_shares(ev, 0.031, share_trend({2021: .02, 2022: .042}), members_in_corpus=True, research_in_corpus=False)
    '2021–2022年四川省政府工作报告提及（2件），平均占篇幅3.1%；2021–2022年篇幅平稳，在2.0%–4.2%之间（平均3.1%）；党政文件提及而委员提案尚少'
    """
    gov = _gov_mentions(ev)
    parts: list[str] = [f"{gov or '党政文件尚未提及'}，平均占篇幅{pct(share)}"]
    if trend is not None and trend.text and trend.kind != "single":
        parts.append(trend.text)
    if getattr(anchor, "anchor", "") and anchor.coverage >= 0.3:
        # what its passages share: the object an office would study
        parts.append(f"{pct(anchor.coverage)}的段落谈“{anchor_word or anchor.anchor}”")
    members = _member_mentions(ev)
    if members:
        parts.append(members)
    elif members_in_corpus and gov:
        parts.append("党政文件提及而委员提案尚少")
    if research_in_corpus:
        nrep = ev.doc_types.get("report", 0)
        parts.append(f"已有{nrep}件调研报告" if nrep else "尚无调研报告")
    return "；".join(parts)


def _whole_term(word: str, label: Any) -> str:
    """The label term that contains a tokenizer fragment (除恶 → 扫黑除恶), else the word itself.

    >>> class L: terms = ["扫黑除恶", "平安"]
    >>> _whole_term("除恶", L()), _whole_term("平安", L()), _whole_term("债务", None)
    ('扫黑除恶', '平安', '债务')
    """
    longer = [t for t in (getattr(label, "terms", None) or []) if word and word in t and t != word]
    return max(longer, key=len) if longer else word


def _components(evs: list[TopicEvidence]) -> list[dict[str, float]]:
    gov = np.array([math.log1p(e.groups.get("党政点题", 0)) for e in evs])
    mem = np.array([math.log1p(e.groups.get("委员关注", 0)) for e in evs])
    reg = np.array([len(e.by_region) for e in evs], dtype=float)
    out = []
    for i, e in enumerate(evs):
        out.append(
            {
                "party_gov": gov[i] / gov.max() if gov.max() > 0 else 0.0,
                "members": mem[i] / mem.max() if mem.max() > 0 else 0.0,
                # slope is relative (share change per year / mean share); ±0.5 per year is already steep
                "growth": 0.5 + 0.5 * math.tanh(2.0 * e.slope) if len(e.by_year) >= 2 else 0.5,
                "not_researched": 1.0 / (1.0 + e.doc_types.get("report", 0)),
                "regions": reg[i] / reg.max() if reg.max() > 0 else 0.0,
                "share": 0.0,
                "specific": 0.0,
                "mass": 0.0,
                "cohesion": 0.0,
                "dominance": 0.0,
            }
        )
    return out


def _share_components(comps: list[dict[str, float]], shares: list[float], trends: list[ShareTrend | None]) -> None:
    """Replace the mention-count growth by the share trend and add the share component (in place)."""
    smax = max(shares, default=0.0) or 1.0
    for c, s, tr in zip(comps, shares, trends):
        c["share"] = s / smax
        if tr is None or tr.kind == "single":
            c["growth"] = 0.5
            continue
        # slope in percentage points per year relative to the topic's own mean share (+0.2 = a fifth a year)
        rel = (tr.slope_pp / 100) / max(s, 1e-6)
        bump = {"new": 0.25, "rising": 0.15, "fading": -0.25, "episodic": -0.15}.get(tr.kind, 0.0)
        c["growth"] = min(1.0, max(0.0, 0.5 + 0.5 * math.tanh(2.0 * rel) + bump))


def rank_topics(
    topics: Iterable[TopicEvidence],
    weights: Any = None,
    *,
    labels: Mapping[int, Any] | None = None,
    regions: Iterable[str] | None = None,
    years: tuple[int | None, int | None] | None = None,
    doc_types: Iterable[str] | None = None,
    min_docs: int = 1,
    totals_by_year: dict[int, float] | None = None,
    shares: ShareTable | None = None,
    exclude: Iterable[int] = (),
    specificity: Mapping[int, Any] | None = None,
    home: str | None = None,
    heavy: Iterable[int] = (),
    programmes: Iterable[int] = (),
    home_said: Iterable[int] = (),
    dominance: Mapping[int, float] | None = None,
) -> list[RankedTopic]:
    """Rank topics, best first, each with its reason (``RankedTopic.reason``).

    ``weights``: TopicSettings, a mapping (``{"members": 2.0}`` or ``{"weight_members": 2.0}``) or None.
    ``regions`` / ``years`` (inclusive ``(from, to)``, either may be None) / ``doc_types`` restrict the
    evidence counted; topics left with fewer than ``min_docs`` documents drop out.
    ``labels``: topic → TopicLabel (or str) to show beside the rank.
    ``shares``: within-document shares (:func:`topicmine.topics.shares.share_table`); with it the score gets
    the ``share`` component, growth is the trend of the yearly *share* over the filtered population, and the
    reason says it in numbers. ``exclude``: topics not to rank (one-document groups, framing).
    ``specificity``: topic → :class:`~topicmine.topics.specificity.Specificity` (or a float); with it the
    ``specific`` component ranks 议题 whose passages share an object above broad chapters of the same size.
    ``home``: the home region (:func:`topicmine.topics.home.home_region`; ignored under a ``regions`` filter): the
    ``regions`` component counts its years naming a topic, and a topic none of its documents feeds is 外地动向
    (``outside``), ranked after the others with the reason saying so — unless it is in ``home_said`` (the home
    region's texts say its anchor or title elsewhere: :func:`topicmine.topics.home.home_says`). ``heavy``: topics covering a term some
    years' passages are full of (:mod:`topicmine.topics.salient`): full ``mass``, so the 议题 a director is told
    covers 疫情 is on the first screen, not at rank 100. ``dominance``: topic → the peak share of a year's passages its
    matter filled (:func:`topicmine.topics.placeprog.dominance`): the ``dominance`` component, in full for a
    ``heavy`` topic and for one whose share trend is fading or episodic (a matter that filled some years and faded).
    """
    w = weights_from(weights)
    evs = [e for e in topics if e.topic not in set(exclude)]
    if regions or years or doc_types:
        evs = [filter_evidence(e, regions=regions, years=years, doc_types=doc_types, totals_by_year=totals_by_year)
               for e in evs]
    # a heavy term's 议题 (topics.salient) may come from two reports: 河南's 疫情 looks forward in 2021 and 2022 only
    heavy = set(heavy)
    evs = [e for e in evs if e.n_docs >= min_docs or (e.topic in heavy and e.n_docs >= 2)]
    if not evs:
        return []
    comps = _components(evs)
    outside: set[int] = set()
    home_said = set(home_said)
    if home and not regions:
        from topicmine.topics.home import home_years

        hys = [home_years(e.members, home) for e in evs]
        n_home = len(set().union(*hys)) or 1
        for e, c, hy in zip(evs, comps, hys):
            # a matter the home region says in six of its years outranks one of two (not the count of regions:
            # that ranked every matter the home region alone says below one the other cities also say)
            c["regions"] = len(hy) / n_home
            if not any(r[3] == home for r in e.members) and e.topic not in home_said:
                outside.add(e.topic)
    coh = [1.0] * len(evs)
    if specificity:
        spec = [float(getattr(specificity.get(e.topic), "score", specificity.get(e.topic)) or 0.0) for e in evs]
        top_spec = max(spec) or 1.0
        coh = [float(getattr(specificity.get(e.topic), "cohesion", 1.0)) for e in evs]
        for c, v, h in zip(comps, spec, coh):
            c["specific"] = v / top_spec
            c["cohesion"] = h
    tab = shares.subset(regions=regions, years=years, doc_types=doc_types) if shares is not None else None
    s_of: list[float] = []
    tr_of: list[ShareTrend | None] = []
    if tab is not None:
        s_of = [tab.mean_share(e.topic) for e in evs]
        # the trend is read on counts against the topic's own rate, inside the regions that have a yearly series
        # (topics.shares.count_trend); its yearly shares are the ones shown beside it
        read = [tab.trend(e.topic) for e in evs]
        tr_of = [r[0] for r in read]
        series_of = [r[1] for r in read]
        _share_components(comps, s_of, tr_of)
        masses = [sum(sr.values()) if sr else 0.0 for sr in series_of]
        mmax = max(masses, default=0.0) or 1.0
        heavy_set = set(heavy)
        # a programme's 议题 (topics.programme: its anchor fills years of reports and is rare in general Chinese) is
        # held by its name, not by words its clauses share: 脱贫攻坚's clauses are 资金, 干部, 合作社 and 电网 (甘肃
        # cohesion 0.29) — its 篇幅 counts in full
        prog_set = set(programmes)
        for e, c, m, h in zip(evs, comps, masses, coh):
            # a group held by one word has the 篇幅 of a chapter, not of a matter: its share and mass count in
            # proportion to its cohesion
            gate = 1.0 if e.topic in prog_set else min(1.0, h / MASS_FULL_COHESION)
            # (a heavy 议题's years are told by its dominance below, no longer by a full mass as well)
            c["mass"] = (m / mmax if dominance is not None or e.topic not in heavy_set else 1.0) * gate
            c["share"] *= gate
        for e, c, tr in zip(evs, comps, tr_of):
            d = (dominance or {}).get(e.topic, 0.0)
            if d and (e.topic in heavy_set or (tr is not None and tr.kind in ("fading", "episodic"))):
                # (``dominance`` comes gated by cohesion: topics.placeprog.dominance)
                c["dominance"] = min(1.0, d / DOMINANT_SHARE)
        member_types = {"proposal", "opinion", "speech", "motion"}
        members_in = any(t in member_types for t in tab.doc_types)
        research_in = "report" in tab.doc_types
    scored = []
    smax = max((e.size for e in evs), default=1) or 1
    for i, (e, c) in enumerate(zip(evs, comps)):
        # tie-break inside the score (so no two ranks show the same score): more passages, then the lower id
        score = sum(w[k] * c[k] for k in w) + 1e-7 * e.size / smax + 1e-10 / (1 + e.topic)
        lab = labels.get(e.topic) if labels else None
        name = getattr(lab, "name", lab) if lab is not None else ""
        if tab is not None:
            sp = specificity.get(e.topic) if specificity else None
            reason = explain_shares(e, s_of[i], tr_of[i], members_in_corpus=members_in, research_in_corpus=research_in,
                                    anchor=sp, anchor_word=_whole_term(getattr(sp, "anchor", ""), lab))
            scored.append(RankedTopic(e.topic, 0, float(score), reason, c, str(name or ""), e, s_of[i],
                                      series_of[i], tab.by_region(e.topic), tr_of[i]))
        else:
            scored.append(RankedTopic(e.topic, 0, float(score), explain(e), c, str(name or ""), e))
    for r in scored:
        if r.topic in outside:
            from topicmine.topics.home import outside_note

            r.outside = True
            r.reason = f"{outside_note(r.evidence.members, str(home))}；{r.reason}" if r.evidence else r.reason
    # ties: the larger share, then the larger topic, then the lower id — deterministic (外地动向 after the home
    # region's 议题)
    scored.sort(key=lambda r: (r.outside, -round(r.score, 12), -(r.share or 0.0), -(r.evidence.n_docs if r.evidence else 0), r.topic))
    seen: dict[str, int] = {}
    for i, r in enumerate(scored, 1):
        r.rank = i
        # the same words as a higher rank: say what tells them apart (the tie-break), not the same sentence twice
        if r.reason in seen:
            first = seen[r.reason]
            r.reason += f"；篇幅与第{first}名相同，段落数{'较少' if r.evidence and r.evidence.size < scored[first - 1].evidence.size else '相同'}"
        else:
            seen[r.reason] = i
    return scored


def rank_by_class(
    topics: Iterable[TopicEvidence],
    by: str = "region",
    weights: Any = None,
    *,
    labels: Mapping[int, Any] | None = None,
    top: int = 10,
    min_docs: int = 1,
) -> dict[str, list[RankedTopic]]:
    """Topics per class: ``by="region"`` ranks within each region, ``by="doc_type"`` within each type,
    ``by="group"`` within 党政点题 / 委员关注 / 已有研究 / 答复.

    >>> from topicmine.topics.evidence import topic_evidence
    >>> meta = [{"doc_id": "a", "doc_type": "proposal", "region": "南京市"},
    ...         {"doc_id": "b", "doc_type": "proposal", "region": "苏州市"}]
    >>> sorted(rank_by_class(topic_evidence([0, 1], meta), by="region"))
    ['南京市', '苏州市']
    """
    evs = list(topics)
    field_pos = {"region": 3, "doc_type": 2, "group": 2}
    if by not in field_pos:
        raise ValueError(f"rank_by_class: by must be one of {', '.join(field_pos)}, not {by!r}")
    values: set[str] = set()
    for e in evs:
        for r in e.members:
            v = r[field_pos[by]]
            if v is not None:
                values.add(DOC_GROUPS.get(str(v), "其他") if by == "group" else str(v))
    out: dict[str, list[RankedTopic]] = {}
    for v in sorted(values):
        if by == "region":
            ranked = rank_topics(evs, weights, labels=labels, regions=[v], min_docs=min_docs)
        elif by == "doc_type":
            ranked = rank_topics(evs, weights, labels=labels, doc_types=[v], min_docs=min_docs)
        else:
            types = [t for t, g in DOC_GROUPS.items() if g == v] or ["other"]
            ranked = rank_topics(evs, weights, labels=labels, doc_types=types, min_docs=min_docs)
        out[v] = ranked[:top]
    return out
