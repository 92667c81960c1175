"""The distributed topic predict's rules (no Ray needed): the fast vote is the fitted model's own rule."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("faiss", reason="faiss not installed")


@pytest.fixture(scope="module")
def fitted():
    from topicmine.topics import TopicModel

    rng = np.random.default_rng(3)
    centres = rng.normal(size=(6, 48))
    X = np.concatenate([c + 0.35 * rng.normal(size=(150, 48)) for c in centres]).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    model = TopicModel(seed=1).fit(X)
    Q = (centres[rng.integers(0, 6, 3000)] + 0.45 * rng.normal(size=(3000, 48))).astype(np.float32)
    return model, Q


def test_fast_vote_equals_topic_model_predict(fitted):
    """Block faiss search + one bincount gives exactly TopicModel.predict's topics and vote shares."""
    from topicmine.cluster.topics import predict_vectors

    model, Q = fitted
    top, share = predict_vectors(Q, model, "vote")
    assert np.array_equal(top, model.predict(Q))
    ref_top, ref_share = model._vote(Q / np.linalg.norm(Q, axis=1, keepdims=True))
    assert np.array_equal(top, ref_top) and np.allclose(share, ref_share, rtol=0, atol=1e-12)
    assert model.n_topics_ >= 3 and len(np.unique(top)) >= 3


def test_centroid_rule_is_nearest_centroid(fitted):
    """``topic_predict = "centroid"``: the argmax of cosine to the fitted centroids (TopicModel.transform)."""
    from topicmine.cluster.topics import predict_vectors

    model, Q = fitted
    top, score = predict_vectors(Q, model, "centroid")
    T = model.transform(Q)
    assert np.array_equal(top, np.argmax(T, axis=1))
    assert np.allclose(score, T.max(axis=1), atol=1e-5)
    # on well-separated topics the cheap rule agrees with the vote almost everywhere
    assert np.mean(top == model.predict(Q)) > 0.9
