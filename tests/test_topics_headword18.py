"""The blind reader's worst failure on 陕西 2015–2026 (seen now): the salient word 集群 (5–11 % of the passages in 2019,
2022, 2023, 2025, 2026) made a 议题 of fifteen different clusters — 新一代信息技术产业集群, 空港产业集群, 重大科技基础设施集群,
文化旅游产业集群, 苹果·猕猴桃 优势特色产业集群, 高校"学科集群", 工业母机集群… —, which the heading rule of a heavy term grew by
five more lines (a 总体要求 sentence among them) to rank 1. A word said as the head of many different things holds an
area, not one matter: it makes no 议题 and takes no headings; 疫情 (said before what is done about it: 疫情防控) still does.
Real data: 陕西's reports, paragraph by paragraph (tests/realdata_paths)."""

from __future__ import annotations

import jieba

from tests.realdata_paths import PROVINCES, needs, report_paragraphs
from topicmine.topics.clauses import split_clauses_heads
from topicmine.topics.salient import add_salient_matters, head_of_many, is_forward_clause

pytestmark = needs(PROVINCES / "陕西省")


def _shaanxi() -> tuple[list[str], list[dict]]:
    files = [PROVINCES / "陕西省" / f"{y}.md" for y in range(2015, 2027) if (PROVINCES / "陕西省" / f"{y}.md").is_file()]
    return report_paragraphs(files, "陕西省", "陕西省")


def _clauses(texts: list[str], meta: list[dict], term: str, years: range) -> tuple[list[str], list[object]]:
    """The forward-looking body clauses (no heading) naming ``term`` in ``years``, with their documents."""
    out, docs = [], []
    for t, m in zip(texts, meta):
        if m["year"] not in years:
            continue
        for c, head in split_clauses_heads(t):
            if not head and term in c and is_forward_clause(c, None):
                out.append(c)
                docs.append(m["doc_id"])
    return out, docs


def test_clusters_of_many_kinds_are_a_head_word_and_the_epidemic_is_not() -> None:
    texts, meta = _shaanxi()
    cl, _ = _clauses(texts, meta, "集群", range(2019, 2027))
    assert len(cl) >= 10 and any("学科集群" in c for c in cl) and any("文化旅游产业集群" in c for c in cl)
    assert head_of_many("集群", cl, jieba.lcut)
    ep, _ = _clauses(texts, meta, "疫情", range(2021, 2024))
    assert len(ep) >= 3
    assert not head_of_many("疫情", ep, jieba.lcut)


def test_a_head_word_makes_no_salient_matter_while_the_epidemic_does() -> None:
    texts, meta = _shaanxi()
    toks = [jieba.lcut(t) for t in texts]
    cl, cdocs = _clauses(texts, meta, "集群", range(2019, 2027))
    ep, edocs = _clauses(texts, meta, "疫情", range(2021, 2024))
    clauses, docs = cl + ep, cdocs + edocs
    found, sal = add_salient_matters([], toks, [m["year"] for m in meta], [m["doc_id"] for m in meta], clauses,
                                     [1] * len(clauses), docs, [None] * len(clauses), words=jieba.lcut)
    by = {s.term: s for s in sal}
    assert by["集群"].status == "未成议题" and by["集群"].topic is None  # salient, reported, but no 议题
    assert not any("集群" in clauses[i] for m in found for i in m.clauses)
    assert by["疫情"].status == "已成议题"
    assert {clauses[i] for i in found[by["疫情"].topic].clauses} <= set(ep)
