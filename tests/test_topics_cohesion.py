"""A 议题 is a matter when its clauses share more than one word (the seen sets G 河南 and H 甘肃, read by an outside reader).

- the 篇幅 (``mass``) component lifted groups held together by one word (河南 产业链: 装备, 显示, 新能源汽车, 食品; 融资;
  甘肃 丝绸之路: 文博会, 信息港, 知识产权港) to the first screen and pushed out precise matters (中央生态环境保护督察
  反馈问题整改, six clauses that share five words);
- so a 议题's cohesion — the pairs of its clauses sharing a word besides the anchor — is measured, ranks it, and gates
  its mass.
"""

from __future__ import annotations

import jieba

from topicmine.topics.evidence import topic_evidence
from topicmine.topics.rank import rank_topics
from topicmine.topics.shares import share_table
from topicmine.topics.specificity import Specificity, cohesion, topic_specificity

#: 河南's 督察 议题 (all six clauses name the same rectification)
DUCHA = [
    "扎实推进中央生态环境保护督察反馈问题整改",
    "抓好中央生态环境保护督察及“回头看”反馈问题整改",
    "持续抓好中央生态环境保护督察反馈问题整改",
    "全力抓好中央生态环境保护督察反馈问题整改落实",
    "深入推进中央生态环境保护督察反馈问题整改",
    "扎实做好第三轮中央生态环境保护督察反馈问题整改",
]
#: the shape of 河南's 产业链 group: one word, five industries
CHAIN = [
    "壮大新型显示和智能终端产业链，推动面板、模组项目投产",
    "实施产业链链长制，培育先进装备制造集群",
    "延伸新能源汽车产业链，建设整车和动力电池基地",
    "做强现代食品产业链，打造冷链食品加工基地",
    "提升生物医药产业链水平，推进创新药研发",
    "补齐新材料产业链短板，发展尼龙新材料",
]


def _terms(texts):
    return [[w for w in jieba.lcut(t) if len(w) >= 2] for t in texts]


def test_a_matter_shares_words_beyond_its_anchor_and_a_word_joined_group_does_not():
    labels = [0] * len(DUCHA) + [1] * len(CHAIN)
    spec = topic_specificity(labels, _terms(DUCHA + CHAIN))
    assert spec[0].cohesion >= 0.9
    assert spec[1].cohesion <= 0.4
    assert cohesion(_terms(DUCHA), "督察") == spec[0].cohesion


def _corpus():
    """河南 2015–2026, 100 rows a report: topic 0 the 产业链 group (5 % of every year's rows: heavy, one word), topic 1
    the 督察 matter (1 % in six years), topic 2 a steady small matter (1 % every year)."""
    labels, meta = [], []
    for y in range(2015, 2027):
        rows = [0] * 5 + [1] * (1 if y in (2017, 2019, 2021, 2024, 2025, 2026) else 0) + [2]
        rows += [-1] * (100 - len(rows))
        for r in rows:
            labels.append(r)
            meta.append({"doc_id": f"hn{y}", "doc_type": "gov_report", "region": "河南省", "year": y})
    return labels, meta


def _rank(coh, weights=None, programmes=(), anchors=("产业链", "督察", "全民健身")):
    labels, meta = _corpus()
    dm = {m["doc_id"]: m for m in meta}
    tab = share_table(labels, [m["doc_id"] for m in meta], {d: m["year"] for d, m in dm.items()},
                      regions={d: m["region"] for d, m in dm.items()},
                      doc_types={d: m["doc_type"] for d, m in dm.items()}, topics=[0, 1, 2])
    # the specificity scores of 河南's 议题 (产业链 0.49, 督察 0.64, 全民健身 0.65)
    spec = {t: Specificity(t, sc, a, 0.7, 0.9, [], coh[t]) for t, (a, sc) in enumerate(zip(anchors, (0.49, 0.64, 0.65)))}
    return rank_topics(topic_evidence(labels, meta), weights, shares=tab, specificity=spec, programmes=programmes)


def test_a_word_joined_group_does_not_rank_above_a_precise_matter_on_its_size():
    ranked = _rank({0: 0.29, 1: 1.0, 2: 0.6})
    order = [r.topic for r in ranked]
    assert order.index(1) < order.index(0)
    group = next(r for r in ranked if r.topic == 0)
    # its 篇幅 counts in proportion to its cohesion (the largest mass, shrunk)
    assert 0.4 < group.components["mass"] < 0.6
    # the code before (no cohesion: every 议题 1.0, no cohesion weight): the group led on its mass
    before = [r.topic for r in _rank({0: 1.0, 1: 1.0, 2: 1.0}, {"cohesion": 0.0})]
    assert before[0] == 0


def test_a_programmes_matter_keeps_its_mass_and_a_word_of_the_day_does_not():
    """甘肃 脱贫攻坚 (13–17 % of the passages of 2016–2020) is held by its name: its clauses are 资金, 干部, 合作社,
    电网 (cohesion 0.29). The programme step marks it, so the gate leaves its 篇幅 whole; 产业链 fills years of
    河南's reports too but is a word of the day's economy (general frequency 256 > 200): gated."""
    from topicmine.topics.clauses import AnchorMatter
    from topicmine.topics.programme import grow_heavy_matters

    years = [y for y in range(2016, 2022) for _ in range(20)]
    toks = [["脱贫", "产业链"] if k % 20 < 2 else ["其他"] for k in range(120)]
    found = [AnchorMatter(0, "脱贫", [0, 1], ["脱贫"], 2), AnchorMatter(1, "产业链", [2, 3], ["产业链"], 2)]
    texts = ["整合涉农资金用于脱贫攻坚", "推进脱贫攻坚与乡村振兴衔接", "延伸新能源汽车产业链", "做强食品产业链"]
    grown = grow_heavy_matters(found, toks, years, texts, [0, 0, 1, 1], ["a", "b", "c", "d"], [None] * 4)
    assert [getattr(m, "programme", False) for m in grown] == [True, False]

    ranked = {r.topic: r for r in _rank({0: 0.29, 1: 1.0, 2: 0.6})}
    as_programme = {r.topic: r for r in _rank({0: 0.29, 1: 1.0, 2: 0.6}, programmes=[0],
                                              anchors=("脱贫", "督察", "全民健身"))}
    assert ranked[0].components["mass"] < 0.6 and as_programme[0].components["mass"] == 1.0



def test_a_programmes_told_lines_leave_its_matter():
    """甘肃 脱贫攻坚: a third of its 43 clauses were slogans, a resolve in the first person, a scene told in the past and
    回顾 tallies; its measures stay."""
    from topicmine.topics.clauses import AnchorMatter
    from topicmine.topics.programme import grow_heavy_matters

    texts = ["脱贫攻坚是一场输不起、等不得、没退路的硬仗", "我们咬定目标抓脱贫",
             "千里陇原的山山水水，处处留下了牵手帮扶的动人场景", "脱贫人口小额信贷总量、贷款余额和新增贷款均居全国首位",
             "整合省级涉农资金568亿元，切块到县统筹用于脱贫攻坚", "持续推进脱贫人口增收三年行动",
             "组织各级干部加快制定和落实“一户一策”脱贫攻坚实施方案"]
    parts = [None, None, None, "review", None, None, None]
    years = [y for y in range(2016, 2022) for _ in range(20)]
    toks = [["脱贫"] if k % 20 < 2 else ["其他"] for k in range(120)]
    found = [AnchorMatter(0, "脱贫", list(range(7)), ["脱贫"], 7)]
    grown = grow_heavy_matters(found, toks, years, texts, [0] * 7, list("abcdefg"), parts)
    assert grown[0].clauses == [4, 5, 6]
