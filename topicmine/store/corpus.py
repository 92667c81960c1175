"""Sources, documents, sections, passages and FTS5 keyword search (mixed into ``Store``)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from topicmine.errors import InputError, StoreError
from topicmine.records import DocType, Document, SegmentedDocument, Section
from topicmine.store import fts
from topicmine.store.base import StoreBase
from topicmine.store.rows import KeywordHit, PassageRow, SourceChange
from topicmine.store.sql import (
    _BATCH,
    _PASSAGE_COLUMNS,
    _chunks,
    _doc_type,
    _filters,
    _json,
    _marks,
    _now,
    _passage_row,
    display_source,
)


@dataclass
class _Prepared:
    """A validated document ready for insertion (validation happens before the transaction)."""

    sd: SegmentedDocument
    id: str
    locator: str
    meta_row: tuple[Any, ...]
    fts_words: list[str]


class CorpusMixin(StoreBase):
    """Writes and reads of the corpus itself."""

    # ---- sources and documents (writes) ------------------------------------------------
    def source_hash(self, source: str | Path) -> str | None:
        """The file hash recorded when ``source`` was last ingested (None if never)."""
        with self._read() as c:
            row = c.execute("SELECT file_hash FROM sources WHERE source = ?", (str(source),)).fetchone()
        return None if row is None else row[0]

    def sources(self) -> dict[str, str]:
        """Every ingested source path → its file hash (iterating gives the paths)."""
        with self._read() as c:
            return {r[0]: r[1] for r in c.execute("SELECT source, file_hash FROM sources ORDER BY source")}

    def replace_source(
        self,
        source: str | Path,
        file_hash: str,
        docs: Iterable[SegmentedDocument],
        *,
        size: int | None = None,
        mtime: float | None = None,
    ) -> SourceChange:
        """Make ``docs`` the complete content of ``source``, in one transaction.

        - the source's previous document links are replaced by the new ones;
        - a document no source produces any more is deleted with its sections, passages
          and FTS rows (embedding vectors stay cached by passage hash);
        - a document whose id (text hash) already exists only gains a link, so exact
          duplicates collapse and are reported in ``SourceChange.duplicates``;
        - new documents get their sections, passages and FTS words inserted.

        The locator of a document inside the source (``row 12`` of a table) is taken from
        ``document.meta["locator"]`` or from a ``"<source>#<locator>"`` entry of
        ``document.sources``. Calling it twice with the same documents changes nothing.

        >>> store.replace_source("提案/2023.xlsx", "9c1e…", segmented_docs)   # doctest: +SKIP
        SourceChange(new_docs=['5b0f…', …], removed_docs=[], kept_docs=[], duplicates=[…])
        """
        source = str(source)
        # prepared one at a time inside the transaction, so ``docs`` may be a stream (a 10⁶-row table is never
        # held whole); a document that fails its checks, or a stream that raises, rolls the whole source back
        prepared = (self._prepare(source, sd) for sd in docs)
        now = _now()
        change = SourceChange()
        with self.transaction() as c:
            old = set(self._source_doc_ids(c, source))
            c.execute(
                """INSERT INTO sources (source, file_hash, size, mtime, n_docs, ingested_at)
                   VALUES (?, ?, ?, ?, 0, ?)
                   ON CONFLICT(source) DO UPDATE SET file_hash = excluded.file_hash, size = excluded.size,
                       mtime = excluded.mtime, ingested_at = excluded.ingested_at""",
                (source, file_hash, size, mtime, now),
            )
            c.execute("DELETE FROM doc_sources WHERE source = ?", (source,))
            first_link: dict[str, str] = {}
            for p in prepared:
                if p.id in first_link:  # the same text twice in one file (two identical rows)
                    change.duplicates.append((p.id, first_link[p.id]))
                else:
                    first_link[p.id] = display_source(source, p.locator)
                    self._place_document(c, p, old, now, change)
                c.execute(
                    "INSERT OR IGNORE INTO doc_sources (doc_id, source, locator) VALUES (?, ?, ?)",
                    (p.id, source, p.locator),
                )
            self._drop_orphans(c, sorted(old - first_link.keys()), change)
            c.execute(
                """UPDATE sources SET n_docs = (SELECT COUNT(*) FROM doc_sources WHERE source = ?)
                   WHERE source = ?""",
                (source, source),
            )
        return change

    def remove_source(self, source: str | Path) -> list[str]:
        """Forget ``source`` (a deleted file); returns the ids of documents deleted with it.

        Documents that another source also produced are kept (they only lose this path).
        """
        source = str(source)
        change = SourceChange()
        with self.transaction() as c:
            old = self._source_doc_ids(c, source)
            c.execute("DELETE FROM sources WHERE source = ?", (source,))  # cascades to doc_sources
            self._drop_orphans(c, sorted(old), change)
        return change.removed_docs

    @staticmethod
    def _source_doc_ids(c: sqlite3.Connection, source: str) -> list[str]:
        rows = c.execute("SELECT DISTINCT doc_id FROM doc_sources WHERE source = ?", (source,))
        return [r[0] for r in rows]

    def _prepare(self, source: str, sd: SegmentedDocument) -> _Prepared:
        doc = sd.document
        where = f"{display_source(source, None)}: document {doc.id or '(no id)'} «{doc.title[:30]}»"
        if not doc.id:
            raise StoreError(f"{where} has no id; build documents with records.content_hash(text)")
        n = len(doc.text)
        for s in sd.sections:
            if not 0 <= s.start <= s.end <= n:
                raise StoreError(
                    f"{where}: section {s.index} offsets [{s.start}, {s.end}) outside the text ({n} chars)"
                )
        for ps in sd.passages:
            # the offset contract of records.py: every hit must be quotable from the document
            if not 0 <= ps.start <= ps.end <= n or doc.text[ps.start : ps.end] != ps.text:
                raise StoreError(
                    f"{where}: passage {ps.index} text does not equal text[{ps.start}:{ps.end}]; "
                    f"this is a segmenter bug — please report it with the file"
                )
        if len(sd.passage_words) != len(sd.passages):
            raise StoreError(
                f"{where}: {len(sd.passages)} passages but {len(sd.passage_words)} word lists; "
                f"segment documents with Segmenter.segment(), which fills passage_words"
            )
        locator = doc.meta.get("locator") or ""
        if not locator:
            prefix = source + "#"
            for s in doc.sources:
                if s.startswith(prefix):
                    locator = s[len(prefix) :]
                    break
        year = doc.year
        if year is None and doc.date and doc.date[:4].isdigit():
            year = int(doc.date[:4])
        try:
            doc_type = DocType.from_any(doc.doc_type).value
        except ValueError as exc:
            raise StoreError(f"{where}: {exc}") from exc
        meta_row = (
            doc_type,
            doc.title or "",
            doc.date,
            year,
            doc.region,
            doc.author,
            doc.category,
            _json(doc.meta),
        )
        words = [" ".join(w for w in ws if w and not w.isspace()) for ws in sd.passage_words]
        return _Prepared(sd=sd, id=doc.id, locator=str(locator), meta_row=meta_row, fts_words=words)

    _META_COLS = ("doc_type", "title", "date", "year", "region", "author", "category", "meta")

    def _place_document(
        self, c: sqlite3.Connection, p: _Prepared, old: set[str], now: str, change: SourceChange
    ) -> None:
        row = c.execute(
            f"SELECT {', '.join(self._META_COLS)} FROM documents WHERE id = ?", (p.id,)
        ).fetchone()
        if row is None:
            self._insert_document(c, p, now, change)
            change.new_docs.append(p.id)
        elif p.id in old:
            change.kept_docs.append(p.id)
            # Same text, same source, new metadata (e.g. re-ingested with --type): the
            # newer reading of the source wins. Passages are untouched, so no re-embedding.
            if tuple(row) != p.meta_row:
                sets = ", ".join(f"{col} = ?" for col in self._META_COLS)
                c.execute(
                    f"UPDATE documents SET {sets}, updated_at = ? WHERE id = ?", (*p.meta_row, now, p.id)
                )
                change.updated_docs.append(p.id)
        else:
            # Text another source already produced: collapse. Its metadata stays as first
            # ingested, so the result does not depend on which path a nightly run saw last.
            other = c.execute(
                "SELECT source, locator FROM doc_sources WHERE doc_id = ? ORDER BY source, locator LIMIT 1",
                (p.id,),
            ).fetchone()
            change.duplicates.append((p.id, display_source(other[0], other[1]) if other else "?"))

    def _insert_document(self, c: sqlite3.Connection, p: _Prepared, now: str, change: SourceChange) -> None:
        doc = p.sd.document
        c.execute(
            f"""INSERT INTO documents
                    (id, {', '.join(self._META_COLS)}, text, n_chars, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (p.id, *p.meta_row, doc.text, len(doc.text), now, now),
        )
        c.executemany(
            """INSERT INTO sections (doc_id, idx, level, number, heading, "start", "end", parent)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                (p.id, s.index, s.level, s.number or "", s.heading or "", s.start, s.end, s.parent)
                for s in p.sd.sections
            ],
        )
        fts_rows = []
        for ps, words in zip(p.sd.passages, p.fts_words):
            cur = c.execute(
                """INSERT INTO passages (doc_id, idx, "start", "end", text, hash, section, n_chars)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                (p.id, ps.index, ps.start, ps.end, ps.text, ps.hash, ps.section, len(ps.text)),
            )
            pid = int(cur.lastrowid)
            fts_rows.append((pid, words))
            change.new_passage_ids.append(pid)
        c.executemany("INSERT INTO passage_fts (rowid, words) VALUES (?, ?)", fts_rows)

    def _drop_orphans(self, c: sqlite3.Connection, doc_ids: list[str], change: SourceChange) -> None:
        for doc_id in doc_ids:
            if c.execute("SELECT 1 FROM doc_sources WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone():
                continue  # another source still produces this text
            change.removed_passage_ids.extend(
                r[0] for r in c.execute("SELECT id FROM passages WHERE doc_id = ? ORDER BY id", (doc_id,))
            )
            # ON DELETE CASCADE removes sections and passages; the passages trigger removes FTS rows
            c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            change.removed_docs.append(doc_id)

    # ---- reads: documents -------------------------------------------------------------
    def get_document(self, doc_id: str) -> Document | None:
        """The document with every source path that produced it (``path#locator`` for rows)."""
        with self._read() as c:
            row = c.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                return None
            return self._documents_from_rows(c, [row])[0]

    def resolve_doc_id(self, prefix: str) -> str | None:
        """Full id for a unique id prefix (as typed after ``topicmine show``); None if absent.

        Raises ``InputError`` when the prefix is ambiguous.
        """
        prefix = prefix.strip().lower()
        if not re.fullmatch(r"[0-9a-f]{1,64}", prefix):
            return None
        with self._read() as c:
            rows = c.execute(
                "SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT 2",
                (prefix, prefix + "g"),  # ids are lower-case hex, so "g" sorts after every match
            ).fetchall()
        if len(rows) > 1:
            raise InputError(
                f"document id prefix {prefix!r} is ambiguous ({rows[0][0]}, {rows[1][0]} …); type more of it"
            )
        return rows[0][0] if rows else None

    def document_sections(self, doc_id: str) -> list[Section]:
        with self._read() as c:
            rows = c.execute(
                """SELECT idx, level, number, heading, "start", "end", parent
                   FROM sections WHERE doc_id = ? ORDER BY idx""",
                (doc_id,),
            ).fetchall()
        return [
            Section(index=r[0], level=r[1], number=r[2], heading=r[3], start=r[4], end=r[5], parent=r[6])
            for r in rows
        ]

    def document_passages(self, doc_id: str) -> list[PassageRow]:
        """The passages of one document in reading order."""
        with self._read() as c:
            rows = c.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc_id "
                "WHERE p.doc_id = ? ORDER BY p.idx",
                (doc_id,),
            ).fetchall()
        return [_passage_row(r) for r in rows]

    def iter_documents(
        self,
        doc_types: Iterable[DocType | str] | DocType | str | None = None,
        region: str | Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> Iterator[Document]:
        """Stream documents (with text and sources) matching the filters, in id order.

        ``doc_types`` accepts identifiers or Chinese names: ``["提案", "社情民意"]``.
        Streaming is by batches, so memory stays flat on the full corpus; documents written
        while iterating may or may not be seen.
        """
        where, params = _filters(doc_types, region, year_from, year_to)
        last = ""
        while True:
            with self._read() as c:
                rows = c.execute(
                    f"SELECT * FROM documents d WHERE d.id > ? {where} ORDER BY d.id LIMIT ?",
                    (last, *params, _BATCH // 10),
                ).fetchall()
                docs = self._documents_from_rows(c, rows)
            if not docs:
                return
            yield from docs
            last = docs[-1].id

    def count_documents(
        self,
        doc_types: Iterable[DocType | str] | DocType | str | None = None,
        region: str | Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
    ) -> int:
        where, params = _filters(doc_types, region, year_from, year_to)
        with self._read() as c:
            return int(c.execute(f"SELECT COUNT(*) FROM documents d WHERE 1 {where}", params).fetchone()[0])

    def _documents_from_rows(self, c: sqlite3.Connection, rows: list[sqlite3.Row]) -> list[Document]:
        sources: dict[str, list[str]] = {}
        ids = [r["id"] for r in rows]
        for chunk in _chunks(ids):
            for s in c.execute(
                f"SELECT doc_id, source, locator FROM doc_sources WHERE doc_id IN ({_marks(chunk)}) "
                "ORDER BY doc_id, source, locator",
                chunk,
            ):
                sources.setdefault(s[0], []).append(display_source(s[1], s[2]))
        return [
            Document(
                id=r["id"],
                doc_type=_doc_type(r["doc_type"]),
                title=r["title"],
                text=r["text"],
                date=r["date"],
                year=r["year"],
                region=r["region"],
                author=r["author"],
                category=r["category"],
                sources=sources.get(r["id"], []),
                meta=json.loads(r["meta"]),
            )
            for r in rows
        ]

    # ---- reads: passages --------------------------------------------------------------
    def passages(self, ids: Sequence[int]) -> list[PassageRow]:
        """Passages by id, in the order given (ids no longer in the store are left out)."""
        found: dict[int, PassageRow] = {}
        wanted = [int(i) for i in ids]
        with self._read() as c:
            for chunk in _chunks(sorted(set(wanted))):
                for r in c.execute(
                    f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc_id "
                    f"WHERE p.id IN ({_marks(chunk)})",
                    chunk,
                ):
                    found[r[0]] = _passage_row(r)
        return [found[i] for i in wanted if i in found]

    def iter_passages(
        self,
        doc_types: Iterable[DocType | str] | DocType | str | None = None,
        region: str | Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        include_boilerplate: bool = True,
    ) -> Iterator[PassageRow]:
        """Stream passages with their document's metadata, in passage-id order.

        >>> rows = store.iter_passages(doc_types="提案", region="江苏省", year_from=2022)  # doctest: +SKIP
        >>> for row in rows:  # doctest: +SKIP
        ...     print(row.id, row.title, row.text[:20])
        """
        where, params = _filters(doc_types, region, year_from, year_to)
        if not include_boilerplate:
            where += " AND p.boilerplate = 0"
        last = 0
        while True:
            with self._read() as c:
                rows = c.execute(
                    f"SELECT {_PASSAGE_COLUMNS} FROM passages p JOIN documents d ON d.id = p.doc_id "
                    f"WHERE p.id > ? {where} ORDER BY p.id LIMIT ?",
                    (last, *params, _BATCH),
                ).fetchall()
            if not rows:
                return
            for r in rows:
                yield _passage_row(r)
            last = rows[-1][0]

    def passage_ids(self) -> list[int]:
        """All passage ids, ascending — lets an index resync after a crash by set difference."""
        with self._read() as c:
            return [r[0] for r in c.execute("SELECT id FROM passages ORDER BY id")]

    def count_passages(
        self,
        doc_types: Iterable[DocType | str] | DocType | str | None = None,
        region: str | Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        include_boilerplate: bool = True,
    ) -> int:
        where, params = _filters(doc_types, region, year_from, year_to)
        if not include_boilerplate:
            where += " AND p.boilerplate = 0"
        with self._read() as c:
            return int(
                c.execute(
                    f"SELECT COUNT(*) FROM passages p JOIN documents d ON d.id = p.doc_id WHERE 1 {where}",
                    params,
                ).fetchone()[0]
            )

    def set_boilerplate(self, ids: Sequence[int], flags: bool | Sequence[bool]) -> int:
        """Mark passages as formulaic boilerplate (or not); returns how many rows changed.

        ``flags`` is one bool for all ids or one per id.
        """
        ids = [int(i) for i in ids]
        if isinstance(flags, (bool, np.bool_)):
            values = [bool(flags)] * len(ids)
        else:
            values = [bool(f) for f in flags]
            if len(values) != len(ids):
                raise StoreError(f"set_boilerplate: {len(ids)} ids but {len(values)} flags")
        with self.transaction() as c:
            before = c.total_changes
            c.executemany(
                "UPDATE passages SET boilerplate = ? WHERE id = ? AND boilerplate != ?",
                [(int(v), i, int(v)) for i, v in zip(ids, values)],
            )
            return c.total_changes - before

    # ---- keyword search ---------------------------------------------------------------
    def keyword_search(
        self,
        words: Sequence[str],
        *,
        doc_types: Iterable[DocType | str] | DocType | str | None = None,
        region: str | Sequence[str] | None = None,
        year_from: int | None = None,
        year_to: int | None = None,
        include_boilerplate: bool = True,
        limit: int = 50,
        snippet_chars: int = 120,
    ) -> list[KeywordHit]:
        """BM25-ranked passages containing any of ``words`` (already jieba-tokenised).

        Any word matches (OR); a passage with more of the words ranks higher. Every word is
        a quoted FTS5 string, so ``"``, ``*``, ``NEAR(``, ``a OR b`` are searched literally.

        >>> hits = store.keyword_search(["营商环境", "中小企业"], doc_types=["提案"])  # doctest: +SKIP
        >>> hits[0].snippet  # doctest: +SKIP
        '…持续优化【营商环境】，为【中小企业】减负…'
        """
        if isinstance(words, str):  # one word, not its characters
            words = [words]
        expr = fts.match_expression(words)
        if not expr or limit <= 0:
            return []
        where, params = _filters(doc_types, region, year_from, year_to)
        if not include_boilerplate:
            where += " AND p.boilerplate = 0"
        with self._read() as c:
            rows = c.execute(
                f"""SELECT p.id, p.doc_id, p.text, bm25(passage_fts) AS rank
                    FROM passage_fts
                    JOIN passages p ON p.id = passage_fts.rowid
                    JOIN documents d ON d.id = p.doc_id
                    WHERE passage_fts MATCH ? {where}
                    ORDER BY rank, p.id LIMIT ?""",
                (expr, *params, int(limit)),
            ).fetchall()
        hits = []
        for pid, doc_id, text, rank in rows:
            matches = fts.find_matches(text, words)
            hits.append(
                KeywordHit(
                    passage_id=pid,
                    doc_id=doc_id,
                    score=-float(rank),
                    snippet=fts.snippet(text, matches, width=snippet_chars),
                    matches=matches,
                )
            )
        return hits
