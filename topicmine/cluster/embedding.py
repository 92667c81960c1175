"""Embedding on Ray Data: an actor pool that loads the configured Embedder once, fed only missing hashes.

The plan (driver, cheap): read ``gid, hash`` of every passage file, drop the hashes already in the cache of
this model (sorted byte keys, a binary-search anti-join), keep one passage per distinct missing hash. The
work (cluster): ``read_parquet → map_batches(keep planned gids) → map_batches(EmbedActor, concurrency=N)``;
each actor builds the Embedder from small settings in ``__init__`` (the model loads once per actor, never
per batch), on CPUs or a GPU share by setting. The driver commits the output stream in Parquet parts
(temporary file + rename), so a killed driver loses only the batches in flight and the next run — asking
the cache again what is missing — embeds only the rest. Ray Data retries the batch of an actor that died, and
the driver sees each output block once, so every row arrives once.

>>> res = embed_missing(Path("var/national"), EmbedSettings(backend="use"), ClusterSettings(actors=2))  # doctest: +SKIP
>>> res["embedded"], res["cached_before"]                                                               # doctest: +SKIP
(81234, 0)
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.cluster.formats import model_slug, part_files, vectors_to_arrow, write_parquet_atomic
from topicmine.config import PROJECT_ROOT, ClusterSettings, EmbedSettings

logger = logging.getLogger("topicmine.cluster")


def passage_files(out: Path) -> list[Path]:
    return part_files(Path(out) / "passages")


def vectors_dir(out: Path, model_id: str) -> Path:
    return Path(out) / "vectors" / model_slug(model_id)


def _keys(hashes: Any) -> np.ndarray:
    """Content hashes (16 hex chars) as fixed-width byte keys: sortable, binary-searchable, 16 B each."""
    return np.asarray(hashes, dtype="S16")


def cached_keys(vdir: Path) -> np.ndarray:
    """Sorted unique byte keys of every hash in the cache (one model)."""
    import pyarrow.parquet as pq

    parts = [_keys(pq.read_table(f, columns=["hash"]).column("hash").to_numpy(zero_copy_only=False))
             for f in part_files(vdir)]
    return np.unique(np.concatenate(parts)) if parts else np.zeros(0, dtype="S16")


def _isin_sorted(keys: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if len(sorted_keys) == 0:
        return np.zeros(len(keys), dtype=bool)
    pos = np.searchsorted(sorted_keys, keys)
    pos[pos == len(sorted_keys)] = 0
    return sorted_keys[pos] == keys


def plan_missing(files: list[Path], vdir: Path) -> tuple[np.ndarray, int]:
    """(sorted gids: one passage per distinct hash without a cached vector, number of cached hashes).

    The first passage (lowest gid) of each missing hash is the one embedded; ~24 bytes per passage of
    driver memory at the first full build (10⁸ passages ≈ 2.4 GB), next to nothing on a nightly delta.
    """
    import pyarrow.parquet as pq

    cached = cached_keys(vdir)
    keys, gids = [], []
    for f in files:
        t = pq.read_table(f, columns=["gid", "hash"])
        k = _keys(t.column("hash").to_numpy(zero_copy_only=False))
        g = t.column("gid").to_numpy()
        miss = ~_isin_sorted(k, cached)
        keys.append(k[miss])
        gids.append(g[miss])
    if not keys or not sum(len(k) for k in keys):
        return np.zeros(0, dtype=np.int64), len(cached)
    k = np.concatenate(keys)
    g = np.concatenate(gids)
    order = np.lexsort((g, k))  # by key, then lowest gid first
    k, g = k[order], g[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = k[1:] != k[:-1]
    return np.sort(g[first]), len(cached)


def keep_gids(batch: Any, gids: Any) -> Any:
    """map_batches filter: rows whose gid was planned (``gids``: sorted int64, broadcast by reference)."""
    import pyarrow as pa
    import ray

    if isinstance(gids, ray.ObjectRef):
        gids = ray.get(gids)
    g = batch.column("gid").to_numpy()
    mask = _isin_sorted(g, gids) if len(gids) else np.zeros(len(g), dtype=bool)
    return batch.filter(pa.array(mask))


def read_planned(batch: Any, gids: Any) -> Any:
    """map_batches body: the planned ``gid, hash, text`` rows of one row group of a passage file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = [keep_gids(pq.ParquetFile(p).read_row_group(int(g), columns=["gid", "hash", "text"]), gids)
              for p, g in zip(batch.column("path").to_pylist(), batch.column("group").to_pylist())]
    return pa.concat_tables(tables)


def torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


class EmbedActor:
    """One embedding worker: the Embedder is built and warmed in ``__init__`` (once per actor).

    Only small settings cross the wire (the EmbedSettings fields as a dict, a thread count and the project
    root), never the model. Each call embeds one batch of ``hash, text`` rows and returns
    ``hash, vector, node``.
    """

    def __init__(self, embed: dict[str, Any], threads: int = 1, root: str = str(PROJECT_ROOT)) -> None:
        import ray

        from topicmine.embed import load_embedder

        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[var] = str(threads)
        settings = EmbedSettings(**embed)
        if settings.backend == "sentence-transformers":
            import torch

            torch.set_num_threads(int(threads))
        self.embedder = load_embedder(settings, Path(root))
        if hasattr(self.embedder, "threads"):  # the numpy backends read it when they load
            self.embedder.threads = int(threads)
        self.embedder.encode(["预热"], kind="passage")  # load the weights now, not inside the first batch
        if settings.backend == "sentence-transformers":
            import torch

            # loading sets torch's threads to every CPU of the node (cpu_threads()): put back this actor's
            # share, or N actors × 1 thread would run N × all-CPU threads and thrash
            torch.set_num_threads(int(threads))
            if isinstance(getattr(self.embedder, "info", None), dict):
                self.embedder.info["threads"] = int(threads)
        self.threads = int(torch_threads()) if settings.backend == "sentence-transformers" else int(threads)
        self.batch_size = settings.batch_size
        self.node = ray.get_runtime_context().get_node_id()
        self.pid = os.getpid()

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [str(t) for t in batch["text"]]
        V = self.embedder.encode(texts, kind="passage", batch_size=self.batch_size, show_progress=False)
        n = len(texts)
        return {"hash": np.asarray(batch["hash"]), "vector": V.astype(np.float32, copy=False),
                "node": np.asarray([self.node] * n), "pid": np.full(n, self.pid, dtype=np.int64),
                "threads": np.full(n, self.threads, dtype=np.int16)}


def embed_with_actors(ds: Any, embed: EmbedSettings, cluster: ClusterSettings) -> Any:
    """``ds`` (rows ``hash, text``) → ``hash, vector, node, pid`` through the EmbedActor pool."""
    import ray

    remote: dict[str, Any] = {"num_cpus": cluster.threads_per_actor}
    if cluster.gpus_per_actor > 0:
        remote["num_gpus"] = cluster.gpus_per_actor
    return ds.map_batches(
        EmbedActor,
        fn_constructor_kwargs={"embed": embed.model_dump(mode="json"), "threads": cluster.threads_per_actor,
                               "root": str(PROJECT_ROOT)},
        # Ray Data's actor pools default to max_restarts = max_task_retries = -1: an actor that dies (OOM,
        # SIGKILL, a lost node) is replaced and its batch retried; the tests kill one to check it
        compute=ray.data.ActorPoolStrategy(size=cluster.actors),
        batch_size=cluster.batch_rows,
        batch_format="numpy",
        **remote,
    )


def embed_store(ws: Any, *, show_progress: bool | None = None) -> dict[str, Any]:
    """``engine = "ray"`` for one workdir: the store's missing passages through the actor pool, saved into the
    store's cache as they arrive (``topicmine embed`` then finds nothing missing and updates the index as today).

    >>> embed_store(Workspace.from_settings(workdir="var/江苏", engine="ray"))   # doctest: +SKIP
    {'embedded': 5120, 'actors': 2, ...}
    """
    import ray

    from topicmine.cluster.session import quiet_data, ray_session
    from topicmine.progress import progress

    t0 = time.perf_counter()
    store, s = ws.store, ws.settings
    model_id = ws.embedder.model_id
    missing = store.missing_embeddings(model_id)
    done = 0
    if missing:
        with ray_session(s.cluster):
            quiet_data()
            ds = ray.data.from_items([{"hash": h, "text": t} for h, t in missing],
                                     override_num_blocks=max(1, len(missing) // (4 * s.cluster.batch_rows)))
            ds = embed_with_actors(ds, s.embed, s.cluster)
            with store.writer_lock():
                for b in progress(ds.iter_batches(batch_format="numpy", batch_size=None), desc="embed (ray)",
                                  unit="batch", show=show_progress):
                    store.put_embeddings(model_id, [str(h) for h in b["hash"]], np.asarray(b["vector"], np.float32))
                    done += len(b["hash"])
    return {"embedded": done, "actors": s.cluster.actors, "threads_per_actor": s.cluster.threads_per_actor,
            "seconds": round(time.perf_counter() - t0, 3)}


def embedder_id(embed: EmbedSettings) -> tuple[str, int]:
    """(model id, dim) of the configured embedder — computed without loading the weights where possible."""
    from topicmine.embed import load_embedder

    emb = load_embedder(embed, PROJECT_ROOT)
    return emb.model_id, int(emb.dim)


def embed_missing(out: Path, embed: EmbedSettings, cluster: ClusterSettings, *, part_rows: int = 4096,
                  model_id: str | None = None, on_part: Any = None, show_progress: bool | None = None) -> dict[str, Any]:
    """Embed every passage hash of ``out/passages`` that has no vector in ``out/vectors/<model>``.

    Needs a Ray session (see :func:`topicmine.cluster.session.ray_session`). ``part_rows``: rows per
    committed Parquet part (what a killed driver can lose at most, plus batches in flight). ``on_part``
    (optional) is called with each committed part's path (tests kill the driver there).
    Returns ``{"model_id", "planned", "embedded", "cached_before", "parts", "seconds",
    "first_output_seconds", "passages_per_s", "by_node"}``.
    """
    import ray

    from topicmine.progress import progress

    t0 = time.perf_counter()
    if model_id is None:
        model_id, _ = embedder_id(embed)
    vdir = vectors_dir(out, model_id)
    files = passage_files(out)
    gids, n_cached = plan_missing(files, vdir)
    res: dict[str, Any] = {"model_id": model_id, "planned": int(len(gids)), "embedded": 0, "cached_before": n_cached,
                           "parts": 0, "by_node": {}, "first_output_seconds": None}
    if len(gids) == 0:
        res["seconds"] = round(time.perf_counter() - t0, 3)
        return res
    from topicmine.cluster.session import quiet_data

    quiet_data()
    gref = ray.put(gids)
    # reading and filtering are I/O: they ask for no CPU, so an actor pool as large as the cluster's CPUs
    # cannot starve them (read_parquet's file listing takes a whole CPU: 2 actors on 2 CPUs waited for ever)
    import pyarrow.parquet as pq

    items = [{"path": str(f), "group": g} for f in files for g in range(pq.ParquetFile(f).num_row_groups)]
    ds = ray.data.from_items(items, override_num_blocks=len(items))
    ds = ds.map_batches(read_planned, fn_kwargs={"gids": gref}, batch_format="pyarrow", batch_size=1, num_cpus=0)
    ds = embed_with_actors(ds, embed, cluster)
    buf_h: list[np.ndarray] = []
    buf_v: list[np.ndarray] = []
    buf_n: list[np.ndarray] = []
    buf_p: list[np.ndarray] = []
    pending = 0
    vdir.mkdir(parents=True, exist_ok=True)

    def commit() -> None:
        nonlocal buf_h, buf_v, buf_n, buf_p, pending
        if not pending:
            return
        h = np.concatenate(buf_h)
        node = np.concatenate(buf_n)
        V = np.concatenate(buf_v)
        table = vectors_to_arrow([str(x) for x in h], V)
        import pyarrow as pa

        table = table.set_column(2, "node", pa.array([str(x) for x in node], type=pa.string()))
        path = write_parquet_atomic(table, vdir / f"part-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}.parquet")
        for nd, c in zip(*np.unique(node.astype(str), return_counts=True)):
            res["by_node"][str(nd)] = res["by_node"].get(str(nd), 0) + int(c)
        res["embedded"] += len(h)
        res["parts"] += 1
        pids = sorted({int(p) for p in np.concatenate(buf_p)})
        buf_h, buf_v, buf_n, buf_p, pending = [], [], [], [], 0
        if on_part is not None:
            on_part(path, pids)

    t_run = time.perf_counter()
    for batch in progress(ds.iter_batches(batch_format="numpy", batch_size=None), desc="embed", unit="batch",
                          show=show_progress):
        if res["first_output_seconds"] is None:
            res["first_output_seconds"] = round(time.perf_counter() - t_run, 3)
        buf_h.append(np.asarray(batch["hash"]))
        buf_v.append(np.asarray(batch["vector"], dtype=np.float32))
        buf_n.append(np.asarray(batch["node"]))
        buf_p.append(np.asarray(batch["pid"]))
        res["actor_threads"] = sorted(set(res.get("actor_threads", [])) | {int(x) for x in np.unique(batch["threads"])})
        pending += len(batch["hash"])
        if pending >= part_rows:
            commit()
    commit()
    secs = time.perf_counter() - t0
    res["seconds"] = round(secs, 3)
    res["passages_per_s"] = round(res["embedded"] / secs, 2) if secs > 0 else 0.0
    return res
