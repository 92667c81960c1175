"""A two-node Ray cluster (``ray.cluster_utils.Cluster``) that loses its worker node mid-run.

Slow (starts its own two raylets), so under ``make test-slow``. It shuts down the shared test session first
(a driver can be connected to one cluster at a time) — nothing after it in the run needs that session.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ray = pytest.importorskip("ray", reason="ray not installed: pip install 'topicmine[cluster]'")
pytest.importorskip("pyarrow", reason="pyarrow not installed: pip install 'topicmine[cluster]'")

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_lost_worker_node_every_row_once(tmp_path, sample_dir):
    import pyarrow as pa
    import pyarrow.parquet as pq
    from ray.cluster_utils import Cluster

    from topicmine.cluster.embedding import embed_missing, vectors_dir
    from topicmine.cluster.formats import passages_schema, write_parquet_atomic
    from topicmine.config import ClusterSettings, EmbedSettings
    from topicmine.records import content_hash

    texts = [p.read_text(encoding="utf-8")[:300] for p in sorted(sample_dir.rglob("*.md"))] or ["关于加强社区托育服务的提案"]
    rows = 3000
    tx = [f"{texts[i % len(texts)]}（第{i}稿）" for i in range(rows)]
    cols = {f.name: [] for f in passages_schema()}
    for i, x in enumerate(tx):
        for k, v in (("gid", i), ("shard", 0), ("passage_id", i), ("doc_id", f"d{i}"), ("hash", content_hash(x)),
                     ("text", x), ("words", []), ("doc_type", "proposal"), ("region", None), ("year", 2025),
                     ("title", ""), ("meta", "{}")):
            cols[k].append(v)
    out = tmp_path / "out"
    write_parquet_atomic(pa.table(cols, schema=passages_schema()), out / "passages" / "shard-00000.parquet",
                         row_group_size=64)
    if ray.is_initialized():
        ray.shutdown()
    os.environ["PYTHONPATH"] = str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else "")
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "object_store_memory": 100 << 20,
                                                              "include_dashboard": False})
    worker = cluster.add_node(num_cpus=1, object_store_memory=100 << 20)
    try:
        ray.init(address=cluster.address, log_to_driver=False, runtime_env={"env_vars": {"PYTHONPATH": str(ROOT)}})
        cluster.wait_for_nodes()
        worker_id = worker.node_id
        removed: list[int] = []

        def on_part(path, pids):
            nodes = set(pq.read_table(path, columns=["node"]).column("node").to_pylist())
            if not removed and worker_id in nodes:
                removed.append(1)
                cluster.remove_node(worker, allow_graceful=False)

        res = embed_missing(out, EmbedSettings(backend="use", batch_size=32),
                            ClusterSettings(actors=2, threads_per_actor=1, batch_rows=32), part_rows=128,
                            on_part=on_part)
        assert removed, "the worker node never produced a committed part before the run ended"
        assert res["by_node"].get(worker_id, 0) > 0  # the lost node had produced rows
        assert len(res["by_node"]) >= 2
        got = [h for f in sorted(vectors_dir(out, res["model_id"]).glob("*.parquet"))
               for h in pq.read_table(f, columns=["hash"]).column("hash").to_pylist()]
        assert sorted(got) == sorted({content_hash(x) for x in tx})  # every row exactly once
    finally:
        ray.shutdown()
        cluster.shutdown()
