"""Clause 议题 on real reports (四川省 2015–2026, the tuning province): the matters the issue names come out as
议题 of their own, and the top of the list is not made of chapter words.

No embedding model needed: passage vectors are TF-IDF (character bigrams) + SVD, as in test_topics_realdata.py;
the clause level itself does not use vectors to find 议题 (only to order representatives).
"""

from __future__ import annotations


import numpy as np
import pytest

from topicmine.topics import discover_topics

from realdata_paths import DATA, PROVINCES, ROOT, needs, report_paragraphs  # noqa: E402,F401

SICHUAN = PROVINCES / "四川省"

pytestmark = needs(SICHUAN)


def _passages() -> tuple[list[str], list[dict]]:
    # (2019.md is the 2020 report stored twice: a data fault)
    files = [f for f in sorted(SICHUAN.glob("20*.md")) if int(f.stem[:4]) >= 2015 and f.stem != "2019"]
    return report_paragraphs(files, "四川省", "sc")


@pytest.fixture(scope="module")
def fitted():
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, meta = _passages()
    X = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), min_df=2, sublinear_tf=True).fit_transform(texts)
    V = TruncatedSVD(96, random_state=0).fit_transform(X).astype(np.float32)
    from topicmine.text.lexicon import read_word_list

    stop = set(read_word_list(ROOT / "corpus" / "dicts" / "label_stopwords.txt", "label stop-word list"))
    toks = [[] for _ in texts]
    return discover_topics(V, texts, toks, meta, model_id="tfidf", stopwords=stop,
                           settings={"seed": 42, "matter_unit": "clause"})


def test_named_matters_are_their_own_topics(fitted):
    lv = fitted.matters
    # the examples of 议题 in these reports: at least half the clauses naming each sit in one 议题, and that 议题
    # is about it (not a chapter that happens to mention it)
    for word in ("森林草原", "以旧换新", "高标准农田"):
        rows = [r for r, c in enumerate(lv.texts) if word in c]
        ids, counts = np.unique(lv.assignments[rows], return_counts=True)
        best = ids[np.argmax(counts)]
        assert best >= 0 and counts.max() >= 0.5 * len(rows), (word, dict(zip(ids.tolist(), counts.tolist())))
        size = int((lv.assignments == best).sum())
        assert size <= 3 * len(rows), (word, size, len(rows))


def test_the_top_of_the_list_is_not_chapter_words(fitted):
    lv = fitted.matters
    chapter = {"教育", "生态", "改革", "开放", "文化", "民生", "经济", "社会", "安全", "科技", "创新", "农业", "乡村"}
    top = [lv.specificity[r.topic].anchor for r in lv.ranked[:20]]
    assert len(top) == 20 and not chapter & set(top), top
    # every ranked 议题 is raised in ≥ 3 reports and quotes clauses, not whole chapters
    for r in lv.ranked[:20]:
        assert r.evidence.n_docs >= 3
        assert all(len(p.text) < 400 for p in r.evidence.representatives)
