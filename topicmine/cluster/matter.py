"""The document regime on Ray: whole-document candidate pairs judged by the same-matter decision in actors.

Local ``find_pairs`` sends every candidate pair of two whole documents (both ≥ ``document["min_len"]``
normalised characters) to :func:`topicmine.dedup.matter.decide_documents` — asks aligned one to one,
object overlap, broad vs narrow — and keeps the pair model's level for the rest. Here the candidates come
from :func:`topicmine.cluster.dedup.dedup_candidates` (distributed), and the decision runs in an actor
pool: each actor gets the corpus (texts, titles, document vectors) by reference once, builds the ask
embedder once (e5's "query:" side, as ``short_text_vectors`` locally), and calls ``decide_documents`` — the
public decision, nothing of its internals — on a chunk of pairs. The decision is per pair (its corpus
statistics use every document, not the chunk), so chunks give the same levels as one call; the test
checks pairs and levels against the local ``find_pairs`` on the sample corpus. Each actor builds the corpus
statistics once and keeps the documents it has prepared (asks parsed and embedded) across chunks.

>>> judged = decide_on_ray(texts, vectors, titles, [(0, 3), (2, 7)], EmbedSettings(), ClusterSettings())  # doctest: +SKIP
>>> judged[0]["level"], judged[0]["reason"][:12]                                                     # doctest: +SKIP
('重复', '同一事项、建议基本相同（可并案）')
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.config import PROJECT_ROOT, ClusterSettings, EmbedSettings


class MatterActor:
    """One decision worker: the corpus arrives by reference, the ask embedder loads once in ``__init__``."""

    def __init__(self, corpus: Any, embed: dict[str, Any] | None, threads: int = 1, root: str = str(PROJECT_ROOT),
                 doc_cfg: Mapping[str, Any] | None = None) -> None:
        import ray

        for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
            os.environ[var] = str(threads)
        data = ray.get(corpus) if isinstance(corpus, ray.ObjectRef) else corpus
        self.texts, self.titles, self.vectors = data["texts"], data["titles"], data["vectors"]
        self.background = data.get("background")
        self.doc_cfg = dict(doc_cfg) if doc_cfg else None
        self.embed_asks = None
        if embed is not None and self.vectors is not None:
            from topicmine.embed import load_embedder

            emb = load_embedder(EmbedSettings(**embed), Path(root))
            if hasattr(emb, "threads"):
                emb.threads = int(threads)
            emb.encode(["预热"], kind="query")
            if EmbedSettings(**embed).backend == "sentence-transformers":
                import torch

                torch.set_num_threads(int(threads))  # loading took every CPU of the node; keep this actor's share
            # asks and titles on e5's "query:" side, as the local short_text_vectors does
            self.embed_asks = lambda texts: emb.encode(list(texts), kind="query")
        # built once per actor, not per chunk: the corpus statistics are a pass over every document, and a
        # document in many pairs would otherwise be parsed and its asks embedded once per chunk
        self.stats = None
        if self.vectors is not None:
            from topicmine.dedup.documents import CorpusStats

            self.stats = CorpusStats(np.asarray(self.vectors, dtype=np.float32), None, self.doc_cfg,
                                     reference=self.background)
        self.docs: list[Any] = [None] * len(self.texts)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        import json

        from topicmine.dedup.matter import decide_documents, matter_fields

        pairs = [(int(i), int(j)) for i, j in zip(batch["i"], batch["j"])]
        judged = decide_documents(self.texts, pairs, vectors=self.vectors, titles=self.titles, groups=None,
                                  doc_cfg=self.doc_cfg, embed_asks=self.embed_asks,
                                  background_vectors=self.background if self.vectors is not None else None,
                                  stats=self.stats, docs=self.docs)
        return {"i": np.asarray(batch["i"], dtype=np.int64), "j": np.asarray(batch["j"], dtype=np.int64),
                "level": np.asarray([j.level or "" for j in judged], dtype=object),
                "score": np.asarray([float(j.score) for j in judged], dtype=np.float64),
                "fields": np.asarray([json.dumps(matter_fields(j), ensure_ascii=False, default=_plain) for j in judged],
                                     dtype=object)}


def _plain(x: Any) -> Any:
    """JSON for numpy scalars/arrays inside a judgement's fields."""
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, np.ndarray):
        return x.tolist()
    raise TypeError(f"not JSON serialisable: {type(x).__name__}")


def decide_on_ray(texts: Sequence[str], vectors: np.ndarray | None, titles: Sequence[str | None] | None,
                  pairs: Sequence[tuple[int, int]], embed: EmbedSettings | None, cluster: ClusterSettings, *,
                  doc_cfg: Mapping[str, Any] | None = None, chunk: int = 64,
                  background_vectors: np.ndarray | None = None) -> list[dict[str, Any]]:
    """The same-matter decision for ``pairs`` (indices into ``texts``) on an actor pool, in pair order:
    ``[{"i", "j", "level" (None below 相关), "score", "fields" (matter_fields)}]``.

    ``embed`` None (or no ``vectors``) ⇒ the decision's lexical mode, as locally without a model.
    ``background_vectors``: as ``decide_documents`` (a reference corpus for the document cosine's
    background; a fixed sample of it also bounds the statistics' cost per chunk). Needs a Ray session.
    """
    import json

    import pyarrow as pa
    import ray

    from topicmine.cluster.session import quiet_data

    if not pairs:
        return []
    quiet_data()
    ref = ray.put({"texts": list(texts), "titles": list(titles) if titles is not None else None,
                   "vectors": None if vectors is None else np.asarray(vectors, dtype=np.float32),
                   "background": None if background_vectors is None else np.asarray(background_vectors, np.float32)})
    ii = np.array([p[0] for p in pairs], dtype=np.int64)
    jj = np.array([p[1] for p in pairs], dtype=np.int64)
    table = pa.table({"i": ii, "j": jj})
    # one block per chunk (no repartition shuffle): each actor call judges one chunk
    ds = ray.data.from_arrow([table.slice(s, chunk) for s in range(0, len(ii), chunk)])
    remote: dict[str, Any] = {"num_cpus": cluster.threads_per_actor}
    if cluster.gpus_per_actor > 0:
        remote["num_gpus"] = cluster.gpus_per_actor
    ds = ds.map_batches(
        MatterActor,
        fn_constructor_kwargs={"corpus": ref, "embed": None if embed is None else embed.model_dump(mode="json"),
                               "threads": cluster.threads_per_actor, "root": str(PROJECT_ROOT),
                               "doc_cfg": dict(doc_cfg) if doc_cfg else None},
        compute=ray.data.ActorPoolStrategy(size=max(1, min(cluster.actors, len(ii) // chunk + 1))),
        batch_size=chunk, batch_format="numpy", **remote)
    got: dict[tuple[int, int], dict[str, Any]] = {}
    for b in ds.iter_batches(batch_format="numpy", batch_size=None):
        for i, j, lv, s, f in zip(b["i"], b["j"], b["level"], b["score"], b["fields"]):
            got[(int(i), int(j))] = {"i": int(i), "j": int(j), "level": str(lv) or None, "score": float(s),
                                     "fields": json.loads(str(f))}
    return [got[(int(i), int(j))] for i, j in zip(ii, jj)]
