"""The Parquet tables the distributed stages exchange, and the global passage id.

**passages** (one file per shard, ``passages/shard-00003.parquet``): ``gid`` (int64, global id), ``shard``,
``passage_id`` (the id in that shard's SQLite store), ``doc_id``, ``hash`` (content hash of the text),
``text``, ``words`` (content terms, list<string>), ``doc_type``, ``region``, ``year``, ``title`` and ``meta``
(JSON: date, author, category, start, end, idx).

**vectors** (per model id, ``vectors/<model>/part-*.parquet``): ``hash`` and ``vector``
(fixed_size_list<float32>[dim]) plus ``node`` (which Ray node embedded it — an audit trail for a bad GPU).
It is a corpus-wide cache keyed by content hash: a central document filed by many offices is embedded
once, and a run that was killed resumes by embedding only the hashes still missing (the anti-join).

Every file is written to a temporary name and renamed, so a reader never sees half a file.

>>> global_id(2, 17), split_global_id(2 * 2**40 + 17)
(2199023255569, (2, 17))
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pyarrow as pa

#: passage ids of one shard live below 2⁴⁰ (10¹² passages); up to 2²³ shards fit an int64
SHARD_SHIFT = 40
PASSAGE_MASK = (1 << SHARD_SHIFT) - 1


def global_id(shard: int | np.ndarray, passage_id: int | np.ndarray) -> Any:
    """shard · 2⁴⁰ + passage id (int64): unique across the corpus, and the shard is readable from it."""
    if isinstance(shard, np.ndarray) or isinstance(passage_id, np.ndarray):
        return (np.asarray(shard, dtype=np.int64) << SHARD_SHIFT) | np.asarray(passage_id, dtype=np.int64)
    if not 0 <= int(passage_id) <= PASSAGE_MASK:
        raise ValueError(f"passage id {passage_id} does not fit 40 bits")
    return (int(shard) << SHARD_SHIFT) | int(passage_id)


def split_global_id(gid: int) -> tuple[int, int]:
    """(shard, passage id) of a global id."""
    return int(gid) >> SHARD_SHIFT, int(gid) & PASSAGE_MASK


def passages_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([
        ("gid", pa.int64()), ("shard", pa.int32()), ("passage_id", pa.int64()), ("doc_id", pa.string()),
        ("hash", pa.string()), ("text", pa.string()), ("words", pa.list_(pa.string())),
        ("doc_type", pa.string()), ("region", pa.string()), ("year", pa.int32()), ("title", pa.string()),
        ("meta", pa.string()),
    ])


def vectors_schema(dim: int) -> pa.Schema:
    import pyarrow as pa

    return pa.schema([("hash", pa.string()), ("vector", pa.list_(pa.float32(), int(dim))), ("node", pa.string())])


def model_slug(model_id: str) -> str:
    """A folder name for a model id (``use-multilingual-v3@ab12`` → ``use-multilingual-v3_ab12``)."""
    return re.sub(r"[^0-9A-Za-z._-]+", "_", model_id).strip("_") or "model"


def vectors_to_arrow(hashes: Sequence[str], vectors: np.ndarray, node: str = "") -> pa.Table:
    """(hash, fixed-size float list) rows from an (n, dim) float32 array — zero-copy for the floats."""
    import pyarrow as pa

    v = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = int(v.shape[1]) if v.ndim == 2 else 0
    flat = pa.array(v.reshape(-1), type=pa.float32())
    return pa.table({"hash": pa.array(list(hashes), type=pa.string()),
                     "vector": pa.FixedSizeListArray.from_arrays(flat, dim),
                     "node": pa.array([node] * len(hashes), type=pa.string())}, schema=vectors_schema(dim))


def arrow_to_vectors(col: Any) -> np.ndarray:
    """(n, dim) float32 from a fixed-size-list column (ChunkedArray or Array)."""
    import pyarrow as pa

    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    dim = col.type.list_size
    return np.asarray(col.flatten().to_numpy(zero_copy_only=False), dtype=np.float32).reshape(-1, dim)


#: rows per Parquet row group: the unit one embedding read task hands to the actor pool, so the rows of one
#: big shard spread over every actor (one block per shard file kept a whole shard on one actor)
ROW_GROUP = 512


def write_parquet_atomic(table: pa.Table, path: Path, row_group_size: int = ROW_GROUP) -> Path:
    """Write ``table`` to ``path`` via a temporary file + rename (a killed writer leaves no half file)."""
    import pyarrow.parquet as pq

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        pq.write_table(table, tmp, compression="zstd", row_group_size=row_group_size)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def part_files(folder: Path) -> list[Path]:
    """The committed ``*.parquet`` files of a folder, sorted (temporary files are skipped)."""
    folder = Path(folder)
    return sorted(p for p in folder.glob("*.parquet") if not p.name.startswith(".")) if folder.is_dir() else []


def read_table(files: Iterable[Path], columns: list[str] | None = None) -> pa.Table | None:
    """Concatenate Parquet files (None when there are none)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = [pq.read_table(f, columns=columns) for f in files]
    return pa.concat_tables(tables) if tables else None


def cached_hashes(vectors_dir: Path) -> set[str]:
    """Every content hash that has a vector in the cache folder of one model."""
    out: set[str] = set()
    for f in part_files(vectors_dir):
        import pyarrow.parquet as pq

        out.update(pq.read_table(f, columns=["hash"]).column("hash").to_pylist())
    return out


def load_vectors(vectors_dir: Path, hashes: Sequence[str] | None = None) -> tuple[list[str], np.ndarray]:
    """(hashes, vectors) of the cache, or of the given hashes in their order (KeyError names a missing one)."""
    t = read_table(part_files(vectors_dir), columns=["hash", "vector"])
    if t is None:
        if hashes:
            raise KeyError(f"no vectors in {vectors_dir}; run `topicmine cluster run` first")
        return [], np.zeros((0, 0), dtype=np.float32)
    hs = t.column("hash").to_pylist()
    V = arrow_to_vectors(t.column("vector"))
    if hashes is None:
        return hs, V
    pos = {h: i for i, h in enumerate(hs)}
    try:
        idx = np.fromiter((pos[h] for h in hashes), dtype=np.int64, count=len(hashes))
    except KeyError as exc:
        raise KeyError(f"hash {exc.args[0]} has no vector in {vectors_dir}; run `topicmine cluster refresh`") from None
    return list(hashes), V[idx]


def write_json_atomic(path: Path, data: Any) -> Path:
    """``data`` as UTF-8 JSON at ``path``, atomically (:mod:`topicmine.atomic`)."""
    from topicmine.atomic import write_text_atomic

    return write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1, default=str))
