"""Shared data for the Ray engine tests (no tests here): a synthetic shard of distinct passage texts."""

from __future__ import annotations

from pathlib import Path


def synthetic_shard(out: Path, texts: list[str], rows: int, row_group_size: int = 64) -> set[str]:
    """Write ``rows`` distinct passages (``texts`` cycled, each with a draft number) as shard 0 of ``out``;
    small row groups so the rows spread over the actor pool. Returns their content hashes."""
    import pyarrow as pa

    from topicmine.cluster.formats import passages_schema, write_parquet_atomic
    from topicmine.records import content_hash

    tx = [f"{texts[i % len(texts)]}（第{i}稿）" for i in range(rows)]
    cols: dict[str, list] = {f.name: [] for f in passages_schema()}
    for i, x in enumerate(tx):
        for k, v in (("gid", i), ("shard", 0), ("passage_id", i), ("doc_id", f"d{i // 10}"), ("hash", content_hash(x)),
                     ("text", x), ("words", []), ("doc_type", "proposal"), ("region", None), ("year", 2025),
                     ("title", ""), ("meta", "{}")):
            cols[k].append(v)
    write_parquet_atomic(pa.table(cols, schema=passages_schema()), out / "passages" / "shard-00000.parquet",
                         row_group_size=row_group_size)
    return {content_hash(x) for x in tx}


def committed_hashes(folder: Path) -> list[str]:
    """Every hash in the committed vector parts of ``folder``, duplicates kept (to check "exactly once")."""
    import pyarrow.parquet as pq

    return [h for f in sorted(Path(folder).glob("*.parquet"))
            for h in pq.read_table(f, columns=["hash"]).column("hash").to_pylist()]
