"""The embedding cache: vectors keyed by passage content hash + model id (mixed into ``Store``).

Keyed by text hash, not passage id, so re-ingesting a changed file re-embeds only the
paragraphs whose text changed, and switching models never mixes vectors.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from topicmine.errors import StoreError
from topicmine.records import DocType
from topicmine.store.base import StoreBase
from topicmine.store.rows import EmbeddingsMissingError
from topicmine.store.sql import _BATCH, _chunks, _filters, _marks


class EmbeddingsMixin(StoreBase):
    """Cache of passage vectors."""

    # ---- embedding cache --------------------------------------------------------------
    def missing_embeddings(self, model_id: str, limit: int | None = None) -> list[tuple[str, str]]:
        """``(hash, text)`` of distinct passage texts with no cached vector for ``model_id``.

        In first-seen order; ``limit`` lets the embedder work (and commit) in chunks, so an
        interrupted ``topicmine embed`` resumes where it stopped.
        """
        sql = """SELECT p.hash, p.text, MIN(p.id) AS first_id FROM passages p
                 WHERE NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.hash = p.hash AND e.model_id = ?)
                 GROUP BY p.hash ORDER BY first_id"""
        params: tuple[Any, ...] = (model_id,)
        if limit is not None:
            sql += " LIMIT ?"
            params += (int(limit),)
        with self._read() as c:
            # SQLite returns the bare column ``text`` from the MIN(id) row of each group
            return [(r[0], r[1]) for r in c.execute(sql, params)]

    def put_embeddings(self, model_id: str, hashes: Sequence[str], vectors: np.ndarray) -> None:
        """Cache one vector per passage hash (float32, one transaction; replaces old ones)."""
        vecs = np.asarray(vectors, dtype="<f4")
        if vecs.ndim != 2 or vecs.shape[0] != len(hashes):
            raise StoreError(
                f"put_embeddings({model_id!r}): {len(hashes)} hashes but vectors of shape {vecs.shape}"
            )
        if not np.isfinite(vecs).all():
            raise StoreError(
                f"put_embeddings({model_id!r}): vectors contain NaN or inf; the model output is broken"
            )
        dim = int(vecs.shape[1])
        with self.transaction() as c:
            row = c.execute(
                "SELECT dim FROM embeddings WHERE model_id = ? AND dim != ? LIMIT 1", (model_id, dim)
            ).fetchone()
            if row is not None:
                raise StoreError(
                    f"model {model_id!r} already has {row[0]}-dim vectors but {dim}-dim were given; "
                    f"a changed model needs a new model id"
                )
            c.executemany(
                "INSERT OR REPLACE INTO embeddings (hash, model_id, dim, vector) VALUES (?, ?, ?, ?)",
                [(str(h), model_id, dim, np.ascontiguousarray(v).tobytes()) for h, v in zip(hashes, vecs)],
            )

    def get_embeddings(self, model_id: str, hashes: Sequence[str]) -> np.ndarray:
        """Vectors for ``hashes`` in the given order, as a float32 ``(n, dim)`` array.

        Raises ``EmbeddingsMissingError`` (a ``StoreError`` and ``KeyError``) listing how
        many are missing.
        """
        wanted = [str(h) for h in hashes]
        found: dict[str, bytes] = {}
        dim = 0
        with self._read() as c:
            for chunk in _chunks(sorted(set(wanted))):
                for h, d, blob in c.execute(
                    "SELECT hash, dim, vector FROM embeddings "
                    f"WHERE model_id = ? AND hash IN ({_marks(chunk)})",
                    (model_id, *chunk),
                ):
                    found[h] = blob
                    dim = d
            if not wanted:
                row = c.execute(
                    "SELECT dim FROM embeddings WHERE model_id = ? LIMIT 1", (model_id,)
                ).fetchone()
                dim = row[0] if row else 0
        missing = [h for h in dict.fromkeys(wanted) if h not in found]
        if missing:
            raise EmbeddingsMissingError(model_id, missing, len(set(wanted)))
        out = np.empty((len(wanted), dim), dtype=np.float32)
        for i, h in enumerate(wanted):
            out[i] = np.frombuffer(found[h], dtype="<f4")
        return out

    def passage_vectors(
        self,
        model_id: str,
        doc_types: Iterable[DocType | str] | DocType | str | None = None,
        region: str | Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        include_boilerplate: bool = True,
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(ids, vectors)`` of the selected passages — what a vector index is built from.

        ``ids`` is int64 (passage ids, ascending), ``vectors`` float32 ``(n, dim)``; passages
        sharing a text share its cached vector. Raises ``EmbeddingsMissingError`` when some
        passages have not been embedded with ``model_id`` yet.
        """
        where, params = _filters(doc_types, region, year_from, year_to)
        if not include_boilerplate:
            where += " AND p.boilerplate = 0"
        ids: list[int] = []
        blobs: list[bytes] = []
        missing: list[str] = []
        found: set[str] = set()
        dim = 0
        last = 0
        while True:
            with self._read() as c:
                rows = c.execute(
                    f"""SELECT p.id, p.hash, e.dim, e.vector FROM passages p
                        JOIN documents d ON d.id = p.doc_id
                        LEFT JOIN embeddings e ON e.hash = p.hash AND e.model_id = ?
                        WHERE p.id > ? {where} ORDER BY p.id LIMIT ?""",
                    (model_id, last, *params, _BATCH * 5),
                ).fetchall()
            if not rows:
                break
            for pid, h, d, blob in rows:
                if blob is None:
                    missing.append(h)
                else:
                    ids.append(pid)
                    blobs.append(blob)
                    found.add(h)
                    dim = d
            last = rows[-1][0]
        if missing:
            uniq = list(dict.fromkeys(missing))
            raise EmbeddingsMissingError(model_id, uniq, len(uniq) + len(found))
        vectors = np.empty((len(blobs), dim), dtype=np.float32)
        for i, blob in enumerate(blobs):
            vectors[i] = np.frombuffer(blob, dtype="<f4")
        return np.asarray(ids, dtype=np.int64), vectors

    def embedded_count(self, model_id: str) -> int:
        """How many distinct passage texts in the store have a vector for ``model_id``."""
        with self._read() as c:
            return int(
                c.execute(
                    """SELECT COUNT(*) FROM (SELECT DISTINCT hash FROM passages) p
                       WHERE EXISTS (SELECT 1 FROM embeddings e WHERE e.hash = p.hash AND e.model_id = ?)""",
                    (model_id,),
                ).fetchone()[0]
            )

    def prune_embeddings(self, model_id: str | None = None) -> int:
        """Delete cached vectors no passage uses any more (of one model, or all); returns the count."""
        sql = (
            "DELETE FROM embeddings "
            "WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.hash = embeddings.hash)"
        )
        params: tuple[Any, ...] = ()
        if model_id is not None:
            sql += " AND model_id = ?"
            params = (model_id,)
        with self.transaction() as c:
            return int(c.execute(sql, params).rowcount)
