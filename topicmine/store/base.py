"""Connection lifecycle, configuration, migrations and transactions (the base of ``Store``)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from topicmine.diskerrors import as_disk_error, sqlite_disk_error
from topicmine.errors import LockError, StoreError
from topicmine.store.lock import WriterLock
from topicmine.store.schema import migrate, user_version
from topicmine.store.sql import MEMORY


class StoreBase:
    """Owns the connection; subclasses add the corpus, embedding and bookkeeping methods."""

    def __init__(self, path: str | Path, *, timeout: float = 30.0) -> None:
        self.path: str | Path = MEMORY if str(path) == MEMORY else Path(path)
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._tx_depth = 0
        lock_file = None if self.path == MEMORY else Path(f"{self.path}.lock")
        self._writer = WriterLock(lock_file, what=f"store {self.path}")
        self._open_runs: set[int] = set()  # runs begun here and not yet finished (alive)

    def __repr__(self) -> str:
        state = "open" if self._conn is not None else "closed"
        return f"{type(self).__name__}({str(self.path)!r}, {state})"

    # ---- lifecycle ---------------------------------------------------------------------
    @property
    def is_memory(self) -> bool:
        return self.path == MEMORY

    def open(self) -> Self:
        """Connect and migrate to the current schema; returns ``self``. Idempotent."""
        with self._lock:
            if self._conn is not None:
                return self
            if not self.is_memory:
                try:
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise as_disk_error(exc, "创建工作目录") or exc
            try:
                conn = sqlite3.connect(
                    str(self.path), timeout=self.timeout, isolation_level=None, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise sqlite_disk_error(exc, self.path, "打开数据库") or StoreError(
                    f"{self.path}: cannot open the store ({exc}); check the path and permissions"
                ) from exc
            try:
                conn.row_factory = sqlite3.Row
                conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
                conn.execute("PRAGMA foreign_keys = ON")
                if not self.is_memory:
                    # WAL: readers (the service) never block the nightly writer and vice versa.
                    conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL is crash-safe in WAL mode (only an OS crash can lose the last commits).
                conn.execute("PRAGMA synchronous = NORMAL")
                migrate(conn, str(self.path))
            except StoreError:
                conn.close()
                raise
            except sqlite3.DatabaseError as exc:
                conn.close()
                disk = sqlite_disk_error(exc, self.path, "打开数据库")
                if disk is not None:  # a full or read-only disk is not a foreign file: never say "move it away"
                    raise disk from exc
                hint = "is it a topicmine store? move it away or choose another --workdir"
                if "fts5" in str(exc):
                    hint = "this Python's SQLite lacks FTS5; use a Python build with FTS5 enabled"
                raise StoreError(f"{self.path}: cannot open the store ({exc}); {hint}") from exc
            self._conn = conn
            return self

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Self:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection (for other stages' tests and ad-hoc queries; not thread-guarded)."""
        if self._conn is None:
            raise StoreError(f"store {self.path} is not open: call .open() or use `with Store(...) as store`")
        return self._conn

    @property
    def schema_version(self) -> int:
        with self._lock:
            return user_version(self.conn)

    # ---- locking and transactions -----------------------------------------------------
    def writer_lock(self) -> WriterLock:
        """Exclusive, non-blocking lock for a whole ingest/refresh (a file ``<db>.lock``).

        Re-entrant within this ``Store`` object. A second process (or a second ``Store``
        on the same file) gets ``LockError`` at once, naming the holder's pid::

            with store.writer_lock():
                ...   # ingest, embed, index, topics

        The kernel releases it when the holder dies, so a killed run never blocks the next.
        """
        return self._writer

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Group several write calls into one all-or-nothing transaction (they nest into it)."""
        with self._lock:
            conn = self.conn
            if self._tx_depth:
                self._tx_depth += 1
                try:
                    yield conn
                finally:
                    self._tx_depth -= 1
                return
            try:
                # IMMEDIATE: take the write lock now, so a busy db fails before any work
                # rather than at COMMIT; busy_timeout makes it wait politely first.
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc, "starting a write") from exc
            self._tx_depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc, "writing") from exc
                raise
            finally:
                self._tx_depth = 0

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self.conn
            except sqlite3.Error as exc:
                raise self._error(exc, "reading") from exc

    def _error(self, exc: sqlite3.Error, action: str) -> StoreError:
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            return LockError(
                f"{self.path}: database busy while {action} (another process is writing); try again later"
            )
        disk = sqlite_disk_error(exc, self.path, "写入数据库" if action == "writing" else "读取数据库",
                                 "这一步的事务已回滚，之前已提交的内容保留")
        if disk is not None:
            return disk
        return StoreError(f"{self.path}: {action} failed: {msg}")
