"""The national corpus on Ray (``engine = "ray"``, extra ``pip install 'topicmine[cluster]'``).

One office fits on one machine; 3,000 bodies × 20 years (10⁷–10⁸ passages) do not. This package runs the
same stages over many *shards* — a shard is one of today's workdirs (one body, one province) with its
SQLite store unchanged — and exchanges Parquet between them:

* :mod:`~topicmine.cluster.formats` — the passages and vectors tables (global id = shard · 2⁴⁰ + passage id);
* :mod:`~topicmine.cluster.shards` — one Ray task per shard: ingest (today's pipeline) + Parquet export;
* :mod:`~topicmine.cluster.embedding` — a Ray Data actor pool embedding only the hashes missing from the
  corpus-wide cache (a central document filed by 300 offices is embedded once);
* :mod:`~topicmine.cluster.ivfpq` — a faiss IVF-PQ index trained once, filled per partition, merged on disk,
  with a float16 copy for re-ranking and an in-memory delta for nightly additions;
* :mod:`~topicmine.cluster.topics` — today's topics fitted on a seeded sample, ``predict``/counts/evidence
  distributed;
* :mod:`~topicmine.cluster.dedup` — MinHash by ``map_batches``, LSH one task per band, semantic kNN in blocks;
* :mod:`~topicmine.cluster.run` — the full build and the nightly delta (resumable by the hash anti-join).

Nothing here is imported by the local engine; ray itself is imported inside the functions that need it.

>>> from topicmine.cluster.formats import global_id, split_global_id
>>> split_global_id(global_id(3, 1024))   # 第 3 个分片（如 江苏省政协）的第 1024 段
(3, 1024)
"""
