"""faiss VectorIndex: add/search/remove/range, atomic save + manifest checks, auto switch to HNSW."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

from topicmine.errors import IndexMismatchError, InputError
from topicmine.index import VectorIndex


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def clustered(n: int, dim: int = 48, centres: int = 50, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    c = rng.normal(size=(centres, dim))
    return unit(c[rng.integers(0, centres, n)] + 0.35 * rng.normal(size=(n, dim)))


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_add_search_remove_range(kind):
    X = clustered(600, dim=16)
    idx = VectorIndex(16, kind=kind)
    ids = np.arange(600) * 10 + 7
    idx.add(ids[:300], X[:300])
    idx.add(ids[300:], X[300:])  # incremental
    assert idx.ntotal == 600 and idx.built_kind == kind
    scores, got = idx.search(X[:5], k=3)
    assert got.shape == (5, 3) and (got[:, 0] == ids[:5]).all()
    assert np.allclose(scores[:, 0], 1.0, atol=1e-4)
    assert idx.remove([ids[0], ids[1], 999_999]) == 2
    assert idx.ntotal == 598
    _, got = idx.search(X[:2], k=1)
    assert ids[0] not in got and ids[1] not in got
    (rids, rscores), = idx.range_search(X[2:3], 0.9)
    assert rids[0] == ids[2] and (rscores >= 0.9).all() and (np.diff(rscores) <= 0).all()
    # re-adding an existing id replaces it
    idx.add([ids[2]], X[3:4])
    assert idx.ntotal == 598
    _, got = idx.search(X[3:4], k=2)
    assert set(got[0]) == {ids[2], ids[3]}


def test_empty_and_bad_input():
    idx = VectorIndex(4)
    s, i = idx.search(np.ones(4, dtype=np.float32), k=2)
    assert (i == -1).all() and np.isneginf(s).all()
    assert idx.range_search(np.ones((1, 4)), 0.5)[0][0].size == 0
    with pytest.raises(InputError):
        idx.add([1], np.ones((1, 5)))
    with pytest.raises(InputError):
        idx.add([1, 1], np.ones((2, 4)))
    idx.add([1], unit(np.ones((1, 4))))
    s, i = idx.search(unit(np.ones((1, 4))), k=3)
    assert i[0].tolist() == [1, -1, -1]


def test_save_load_round_trip(tmp_path):
    X = clustered(200, dim=8)
    idx = VectorIndex(8)
    idx.add(np.arange(200), X)
    d = tmp_path / "index"
    meta = {"model_id": "multilingual-e5-small@1571fc982750", "store_fingerprint": "abc", "precision": "bf16-autocast"}
    idx.save(d, meta)
    assert sorted(os.listdir(d)) == ["index.faiss", "manifest.json"]  # no temp files left
    m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    for key in ("topicmine_version", "model_id", "dim", "count", "kind", "store_fingerprint", "precision"):
        assert key in m
    assert m["count"] == 200 and m["kind"] == "flat"
    back = VectorIndex.load(d, expect={"model_id": meta["model_id"], "dim": 8, "store_fingerprint": "abc"})
    assert back.ntotal == 200
    np.testing.assert_array_equal(back.search(X[:4], 5)[1], idx.search(X[:4], 5)[1])
    # save over an existing index (atomic replace), still no temp files
    back.add([500], X[:1])
    back.save(d, meta)
    assert sorted(os.listdir(d)) == ["index.faiss", "manifest.json"]
    assert VectorIndex.load(d).ntotal == 201


def test_manifest_mismatch_message(tmp_path):
    idx = VectorIndex(8)
    idx.add(np.arange(3), clustered(3, dim=8))
    idx.save(tmp_path, {"model_id": "multilingual-e5-small@1571fc982750", "store_fingerprint": "abc"})
    with pytest.raises(IndexMismatchError) as exc:
        VectorIndex.load(tmp_path, expect={"model_id": "bge-small-zh@0a1b2c"})
    msg = str(exc.value)
    assert "'model_id'" in msg and "bge-small-zh@0a1b2c" in msg and "topicmine embed" in msg and "refresh" in msg
    with pytest.raises(IndexMismatchError, match="store_fingerprint"):
        VectorIndex.load(tmp_path, expect={"store_fingerprint": "changed"})
    with pytest.raises(IndexMismatchError, match="no saved index"):
        VectorIndex.load(tmp_path / "nothing")
    # a half-finished save (index file from another save) is detected
    (tmp_path / "index.faiss").write_bytes(b"\0" * 10)
    with pytest.raises(IndexMismatchError, match="interrupted save"):
        VectorIndex.load(tmp_path)


def test_failed_save_leaves_no_temp_files(tmp_path, monkeypatch):
    import faiss

    idx = VectorIndex(8)
    idx.add(np.arange(3), clustered(3, dim=8))

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(faiss, "write_index", boom)
    with pytest.raises(RuntimeError):
        idx.save(tmp_path, {})
    assert os.listdir(tmp_path) == []


def test_auto_switches_to_hnsw_with_recall():
    """Crossing exact_max rebuilds as HNSW; recall@10 vs exact ≥ 0.95 on clustered data."""
    n, dim = 6000, 48
    X = clustered(n, dim=dim, centres=80, seed=1)
    Q = clustered(200, dim=dim, centres=80, seed=2)
    exact = VectorIndex(dim, kind="flat")
    exact.add(np.arange(n), X)
    auto = VectorIndex(dim, kind="auto", exact_max=4000)
    auto.add(np.arange(3000), X[:3000])
    assert auto.built_kind == "flat"
    auto.add(np.arange(3000, n), X[3000:])
    assert auto.built_kind == "hnsw" and auto.ntotal == n
    _, truth = exact.search(Q, 10)
    _, got = auto.search(Q, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, got)])
    assert recall >= 0.95, recall
    # removing below exact_max drops back to exact search
    auto.remove(np.arange(2500))
    assert auto.built_kind == "flat" and auto.ntotal == n - 2500
