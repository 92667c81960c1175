"""Topics stage on real data (../shared/data): boilerplate in 江苏省 reports, stable ids on a grown corpus.

No embedding model needed: vectors here are TF-IDF (character bigrams) + SVD, deterministic and fast, so
the checks run in the default suite; the e5 figures are in BENCHMARKS.md (benchmarks/topics.py).
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from topicmine.topics import TopicModel, TopicRun, boilerplate_reasons, match_topics

from realdata_paths import DATA, PROVINCES, ROOT, needs  # noqa: E402,F401

JIANGSU = PROVINCES / "江苏省"

pytestmark = needs(JIANGSU)


def _paragraphs() -> list[tuple[int, str]]:
    out = []
    for f in sorted(JIANGSU.glob("*.md")):
        raw = f.read_text(encoding="utf-8")
        if raw.startswith("---"):
            raw = raw[raw.find("\n---", 3) + 4 :]
        for line in raw.split("\n"):
            t = line.strip().replace("**", "")
            if len(t) >= 4:
                out.append((int(f.stem[:4]), t))
    return out


@pytest.fixture(scope="module")
def paragraphs():
    return _paragraphs()


def test_report_openings_and_closings_flagged(paragraphs):
    texts = [t for _, t in paragraphs]
    docs = [y for y, _ in paragraphs]
    reasons = boilerplate_reasons(texts, docs, patterns_path=ROOT / "corpus" / "dicts" / "formulaic.txt")
    years = sorted(set(docs))
    opening = {y for (y, t), r in zip(paragraphs, reasons) if r and re.search(r"我代表.{0,20}向大会", t)}
    closing = {y for (y, t), r in zip(paragraphs, reasons) if r and re.search(r"让我们.{0,20}团结", t)}
    assert len(opening) >= 0.9 * len(years)
    assert len(closing) >= 0.9 * len(years)
    # most paragraphs are substance, not boilerplate
    assert np.mean([r is not None for r in reasons]) < 0.2


def _vectors(texts: list[str]) -> np.ndarray:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    tf = TfidfVectorizer(analyzer="char", ngram_range=(2, 2), min_df=2, sublinear_tf=True).fit_transform(texts)
    return TruncatedSVD(100, random_state=0).fit_transform(tf).astype(np.float32)


def test_stable_ids_after_adding_a_year(paragraphs):
    texts = [t for _, t in paragraphs if len(t) >= 40]
    years = np.array([y for y, t in paragraphs if len(t) >= 40])
    X = _vectors(texts)
    ids = [f"p{i}" for i in range(len(texts))]
    last = years.max()
    old = years < last
    m1 = TopicModel(seed=42).fit(X[old])
    run1 = TopicRun.from_fit(m1.labels_, [i for i, o in zip(ids, old) if o], m1.centroids_, model_id="tfidf")
    m2 = TopicModel(seed=42).fit(X)
    run2 = match_topics(run1, TopicRun.from_fit(m2.labels_, ids, m2.centroids_, model_id="tfidf"))
    kept = sum(t.status in ("persisting", "merged") for t in run2.topics)
    vanished = sum(v["status"] == "vanished" for v in run2.vanished)
    surviving = len(run1.topics) - vanished
    assert kept >= 0.9 * surviving, (kept, surviving, [t.status for t in run2.topics])
    assert len({t.id for t in run2.topics}) == len(run2.topics)
