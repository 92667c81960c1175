"""Shards: each is one of today's workdirs (one body or province, its SQLite store unchanged).

``shards.json`` in the output folder numbers them once and for ever (a new shard gets the next number), so
global ids stay stable across nightly refreshes. One Ray task per shard runs today's ``pipeline.ingest``
(when source paths are given) and exports the shard's passages as one Parquet file.

A shard is written ``WORKDIR`` or ``WORKDIR=SOURCE[,SOURCE…]``, e.g. ``var/江苏=corpus/江苏/提案``.

>>> parse_shard("var/江苏=corpus/江苏/提案,corpus/江苏/报告")
('var/江苏', ['corpus/江苏/提案', 'corpus/江苏/报告'])
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from topicmine.cluster.formats import global_id, passages_schema, write_json_atomic, write_parquet_atomic

REGISTRY = "shards.json"


def parse_shard(spec: str) -> tuple[str, list[str]]:
    """``WORKDIR[=SRC,SRC…]`` → (workdir, sources)."""
    wd, _, src = str(spec).partition("=")
    return wd, [s for s in src.split(",") if s]


def shard_numbers(out: Path, workdirs: Sequence[str]) -> dict[str, int]:
    """Stable numbers for shard workdirs (resolved paths), new ones appended to ``out/shards.json``."""
    path = Path(out) / REGISTRY
    reg: dict[str, int] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    changed = False
    for wd in workdirs:
        key = str(Path(wd).resolve())
        if key not in reg:
            reg[key] = max(reg.values(), default=-1) + 1
            changed = True
    if changed:
        write_json_atomic(path, reg)
    return {str(Path(wd).resolve()): reg[str(Path(wd).resolve())] for wd in workdirs}


def passages_file(out: Path, shard: int) -> Path:
    return Path(out) / "passages" / f"shard-{shard:05d}.parquet"


def export_shard(workdir: str, shard: int, out: str, sources: Sequence[str] = (),
                 config: str | None = None) -> dict[str, Any]:
    """Ingest ``sources`` into the shard's workdir (today's pipeline) and export its passages to Parquet.

    Runs inside a Ray task (one per shard) or in-process. Returns a small summary
    ``{"shard", "workdir", "passages", "new_doc_ids", "seconds"}``; ``new_doc_ids`` are global document
    keys ``"shard:doc_id"`` of documents this ingest added (what the nightly duplicate check looks at).

    >>> export_shard("var/江苏", 3, "var/national", ["corpus/江苏"])   # doctest: +SKIP
    {'shard': 3, 'workdir': 'var/江苏', 'passages': 5120, ...}
    """
    import pyarrow as pa

    from topicmine.pipeline import Workspace, ingest

    t0 = time.perf_counter()
    ws = Workspace.from_settings(config, workdir=workdir)
    new_docs: list[str] = []
    try:
        if sources:
            summary = ingest(ws, list(sources), show_progress=False)
            new_docs = [f"{shard}:{d}" for d in summary.new_doc_ids]
        seg = ws.segmenter
        cols: dict[str, list[Any]] = {f.name: [] for f in passages_schema()}
        for r in ws.store.iter_passages():
            cols["gid"].append(global_id(shard, r.id))
            cols["shard"].append(shard)
            cols["passage_id"].append(r.id)
            cols["doc_id"].append(r.doc_id)
            cols["hash"].append(r.hash)
            cols["text"].append(r.text)
            cols["words"].append(seg.terms(r.text))
            cols["doc_type"].append(r.doc_type.value)
            cols["region"].append(r.region)
            cols["year"].append(r.year)
            cols["title"].append(r.title)
            cols["meta"].append(json.dumps({"date": r.date, "author": r.author, "category": r.category,
                                            "start": r.start, "end": r.end, "idx": r.idx}, ensure_ascii=False))
        table = pa.table(cols, schema=passages_schema())
        write_parquet_atomic(table, passages_file(Path(out), shard))
    finally:
        ws.close()
    return {"shard": shard, "workdir": str(workdir), "passages": table.num_rows, "new_doc_ids": new_docs,
            "seconds": round(time.perf_counter() - t0, 3)}


def export_shards(specs: Sequence[str], out: Path, *, config: str | None = None,
                  use_ray: bool = True) -> list[dict[str, Any]]:
    """One Ray task per shard (or a plain loop without Ray); results in the order of ``specs``."""
    parsed = [parse_shard(s) for s in specs]
    numbers = shard_numbers(out, [wd for wd, _ in parsed])
    jobs = [(wd, numbers[str(Path(wd).resolve())], srcs) for wd, srcs in parsed]
    if not use_ray:
        return [export_shard(wd, n, str(out), srcs, config) for wd, n, srcs in jobs]
    import ray

    task = ray.remote(num_cpus=1, max_retries=2)(export_shard)
    return ray.get([task.remote(wd, n, str(Path(out).resolve()), srcs, config) for wd, n, srcs in jobs])
