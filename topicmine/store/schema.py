"""The store's schema as a list of migrations, recorded in ``PRAGMA user_version``.

Migration *n* (1-based) takes a database at version *n-1* to version *n*. Each one runs
inside its own ``BEGIN IMMEDIATE`` transaction together with the ``user_version`` bump,
so a crash mid-migration leaves the previous version intact (SQLite DDL and
``user_version`` are transactional). Never edit a released migration: append a new one.

Why a tuple of statements instead of one script: ``sqlite3.Connection.executescript``
commits before it runs, which would break the one-transaction-per-migration promise,
and trigger bodies contain ``;`` so a script cannot be split naively.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from topicmine.errors import StoreError

Migration = Callable[[sqlite3.Connection], None]

# Column notes:
# - documents.id is the content hash of the normalised text (records.content_hash), so
#   re-ingesting the same text is a no-op and exact duplicates collapse into one row.
# - doc_sources.locator is '' (never NULL) when a file yields one document: NULLs are
#   distinct in SQLite keys, which would let the same link be inserted twice.
# - passages.id is AUTOINCREMENT so an id is never reused after a delete: faiss indexes
#   use it as their vector id, and a reused id would silently point at the wrong text.
# - "start"/"end" are quoted because END is an SQL keyword.
# - passage_fts is a normal (content-storing) FTS5 table over the space-joined jieba
#   words, rowid = passages.id. SQLite 3.40 here has no contentless_delete, and an
#   external-content table would need the exact old words to delete a row; storing them
#   in the FTS table costs the same as a words column in passages and deletes are simple.
# - embeddings is a cache keyed by passage content hash + model id and deliberately has
#   no foreign key: the same paragraph in a re-ingested file must not be re-embedded.
_V1: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        doc_type    TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        date        TEXT,
        year        INTEGER,
        region      TEXT,
        author      TEXT,
        category    TEXT,
        meta        TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(meta)),
        text        TEXT NOT NULL,
        n_chars     INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    )
    """,
    "CREATE INDEX documents_type_year ON documents(doc_type, year)",
    "CREATE INDEX documents_region_year ON documents(region, year)",
    "CREATE INDEX documents_year ON documents(year)",
    """
    CREATE TABLE sources (
        source      TEXT PRIMARY KEY,
        file_hash   TEXT NOT NULL,
        size        INTEGER,
        mtime       REAL,
        n_docs      INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE doc_sources (
        doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source  TEXT NOT NULL REFERENCES sources(source) ON DELETE CASCADE,
        locator TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (doc_id, source, locator)
    ) WITHOUT ROWID
    """,
    "CREATE INDEX doc_sources_source ON doc_sources(source)",
    """
    CREATE TABLE sections (
        doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx     INTEGER NOT NULL,
        level   INTEGER NOT NULL,
        number  TEXT NOT NULL DEFAULT '',
        heading TEXT NOT NULL DEFAULT '',
        "start" INTEGER NOT NULL,
        "end"   INTEGER NOT NULL,
        parent  INTEGER,
        PRIMARY KEY (doc_id, idx)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE passages (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        "start"     INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        text        TEXT NOT NULL,
        hash        TEXT NOT NULL,
        section     INTEGER,
        n_chars     INTEGER NOT NULL,
        boilerplate INTEGER NOT NULL DEFAULT 0 CHECK (boilerplate IN (0, 1)),
        UNIQUE (doc_id, idx)
    )
    """,
    "CREATE INDEX passages_hash ON passages(hash)",
    "CREATE VIRTUAL TABLE passage_fts USING fts5(words, tokenize = 'unicode61 remove_diacritics 2')",
    # Fires for explicit deletes and for ON DELETE CASCADE from documents alike, so the
    # FTS rows always leave in the same transaction as their passage.
    """
    CREATE TRIGGER passages_fts_delete AFTER DELETE ON passages BEGIN
        DELETE FROM passage_fts WHERE rowid = old.id;
    END
    """,
    """
    CREATE TABLE embeddings (
        hash     TEXT NOT NULL,
        model_id TEXT NOT NULL,
        dim      INTEGER NOT NULL,
        vector   BLOB NOT NULL,
        PRIMARY KEY (hash, model_id)
    )
    """,
    "CREATE INDEX embeddings_model ON embeddings(model_id)",
    """
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        kind        TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL DEFAULT 'running',
        summary     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(summary))
    )
    """,
    """
    CREATE TABLE ingest_log (
        id      INTEGER PRIMARY KEY,
        run_id  INTEGER REFERENCES runs(id) ON DELETE CASCADE,
        source  TEXT NOT NULL,
        locator TEXT,
        reason  TEXT NOT NULL,
        at      TEXT NOT NULL
    )
    """,
    "CREATE INDEX ingest_log_run ON ingest_log(run_id)",
    """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
    )
    """,
)


def _script(statements: Sequence[str]) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        for sql in statements:
            conn.execute(sql)

    return run


#: Append-only. ``len(MIGRATIONS)`` is the schema version this code writes.
MIGRATIONS: list[Migration] = [
    _script(_V1),
]

# v+1 (成果转化): links from an item with asks to its replies and to later passages that take up
# an ask. No foreign keys on purpose: documents.id is a content hash, and a re-ingest that deletes and
# re-inserts an unchanged document must not cascade its links away; links whose documents are gone are
# pruned by topicmine.uptake.store.prune_links. ask_index/dst_start are -1 (not NULL) when not applicable,
# so the UNIQUE key really dedupes. uptake_scanned records which documents were already matched, so a
# refresh matches only new ones.
_UPTAKE: tuple[str, ...] = (
    """
    CREATE TABLE uptake_links (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        src_doc     TEXT NOT NULL,
        dst_doc     TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('reply', 'uptake')),
        level       TEXT NOT NULL,
        ask_index   INTEGER NOT NULL DEFAULT -1,
        ask_start   INTEGER,
        ask_end     INTEGER,
        dst_start   INTEGER NOT NULL DEFAULT -1,
        dst_end     INTEGER,
        score       REAL,
        method      TEXT NOT NULL,
        evidence    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(evidence)),
        lag_days    INTEGER,
        created_at  TEXT NOT NULL,
        UNIQUE (src_doc, dst_doc, kind, ask_index, dst_start)
    )
    """,
    "CREATE INDEX uptake_links_src ON uptake_links(src_doc, kind)",
    "CREATE INDEX uptake_links_dst ON uptake_links(dst_doc, kind)",
    """
    CREATE TABLE uptake_scanned (
        doc_id      TEXT NOT NULL,
        role        TEXT NOT NULL,
        scanned_at  TEXT NOT NULL,
        n_links     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (doc_id, role)
    )
    """,
)
MIGRATIONS.append(_script(_UPTAKE))

SCHEMA_VERSION = len(MIGRATIONS)


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, where: str, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring ``conn`` (autocommit mode) up to ``len(migrations)``; return the final version.

    Raises ``StoreError`` when the file was written by a newer topicmine, rather than
    guessing at a schema we do not know.
    """
    target = len(migrations)
    version = user_version(conn)
    if version > target:
        raise StoreError(_too_new(where, version, target))
    while version < target:
        # IMMEDIATE takes the write lock up front; re-reading the version inside the
        # transaction makes two processes opening a fresh store at once safe.
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = user_version(conn)
            if version > target:
                raise StoreError(_too_new(where, version, target))
            if version < target:
                migrations[version](conn)
                version += 1
                conn.execute(f"PRAGMA user_version = {int(version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version


def _too_new(where: str, found: int, known: int) -> str:
    return (
        f"{where}: store schema version {found} is newer than this topicmine understands "
        f"(version {known}); upgrade topicmine (pip install -U topicmine) or use another --workdir"
    )
