"""The per-text caches of a split's text work give exactly the old answers: a text's normalised form and 3-gram set
(the history check's lexical candidates, the matter decision's ``jac3``/``doc``, the document lengths) and the
departments a sentence names (the genre's acting departments, read once per sentence though a group repeats its
units' sentences). Built from the sample corpus (the proposals, replies and reports a split meets) and small random
texts, short ones included (under three characters a text is its own "gram")."""

from __future__ import annotations

import random
from pathlib import Path

from sample_corpus import sample_texts

import numpy as np

from topicmine.dedup import text as T
from topicmine.dedup.matching import _lexical_top
from topicmine.dedup.matter import MatterDoc, features
from topicmine.dedup.text import containment, jaccard, ngram_set, normalize, normalized_grams
from topicmine.drafts import genre as G
from topicmine.drafts.departments import load_departments

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpus" / "sample"



def _random_texts(n: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    alpha = "的是在建议农村养老服务体系加强推进，。、 ㍻ﬁＡ５"
    return ["".join(rng.choice(alpha) for _ in range(rng.randint(0, 12 if i % 3 else 300))) for i in range(n)]


def test_normalized_grams_are_normalize_and_ngram_set() -> None:
    texts = sample_texts() + _random_texts(300) + ["x" * (T.GRAMS_CACHE_MAX_CHARS + 7)]
    assert len(texts) > 310
    T._grams_kept.cache_clear()
    for _ in range(2):  # cold, then from the cache
        for t in texts:
            n = normalize(t)
            assert normalized_grams(t) == (n, ngram_set(n, 3))


def _old_lexical_top(text: str, corpus_texts: list[str], k: int) -> list[int]:
    g = ngram_set(normalize(text), 3)
    sims = np.array([containment(g, ngram_set(normalize(t), 3)) for t in corpus_texts])
    top = np.argsort(-sims)[:k]
    return [int(i) for i in top if sims[i] > 0]


def test_lexical_candidates_unchanged() -> None:
    texts = sample_texts() + _random_texts(40, seed=1)
    for t in texts:
        for k in (3, 10, 50):
            assert _lexical_top(t, texts, k) == _old_lexical_top(t, texts, k)


def test_matter_jac3_and_lexical_doc_unchanged() -> None:
    texts = sample_texts()
    docs = [MatterDoc.of(t) for t in texts]
    n = 0
    for i, a in enumerate(docs):
        for b in docs[i:i + 6]:
            old = jaccard(ngram_set(normalize(a.text), 3), ngram_set(normalize(b.text), 3))
            f, _, _ = features(a, b, use_vectors=False)
            assert f["jac3"] == round(float(old), 4) and f["doc"] == round(float(old), 4)
            n += 1
    assert n > 50


def _old_acting(text: str, dep) -> list[str]:  # type: ignore[no-untyped-def]
    real = G._sentence_hits
    G._sentence_hits = lambda d, s: (d.listed(s), d.mentions(s))
    try:
        return G.acting_departments(text, dep)
    finally:
        G._sentence_hits = real


def test_acting_departments_per_sentence_cache_unchanged() -> None:
    dep = load_departments(None)
    reports = [p.read_text(encoding="utf-8") for p in sorted((SAMPLE / "调研报告").rglob("*.md"))]
    pieces = [p for r in reports for p in r.split("\n\n") if p.strip()] + reports
    pieces.append("建议由发改、财政、商务等部门联合制定方案。由卫健委会同民政厅建立联席会议制度，统筹卫生健康、民政等部门。")
    G._HITS.clear()
    old = [_old_acting(p, dep) for p in pieces]
    assert any(old), "the sample reports name acting departments"
    assert [G.acting_departments(p, dep) for p in pieces] == old  # cold: filled sentence by sentence
    assert [G.acting_departments(p, dep) for p in pieces] == old  # warm: every sentence from the cache
    kept = G._HITS[dep]
    assert 0 < len(kept) <= G._HITS_MAX
    for sent, (listed, named) in list(kept.items())[:80]:
        assert (listed, named) == (dep.listed(sent), dep.mentions(sent))
