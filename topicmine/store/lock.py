"""One writer per workdir: an advisory ``flock`` on a file beside the database.

Why flock and not "create the file if absent": the kernel drops a flock when its process
dies (even by SIGKILL), so a crashed refresh never leaves a stale lock that blocks the
next nightly run. The pid written into the file is only for the error message.
The file itself is never deleted: deleting it while another process waits on the old
inode would let two writers in.
"""

from __future__ import annotations

import os
import socket
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from topicmine.errors import LockError

try:  # POSIX only; topicmine runs on Linux servers. Elsewhere fall back to a process-local lock.
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# Locks for stores without a file (":memory:") or without fcntl: one per process and path.
_LOCAL_LOCKS: dict[str, threading.Lock] = {}
_LOCAL_GUARD = threading.Lock()


class WriterLock:
    """A non-blocking, re-entrant (per instance) exclusive lock.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "topicmine.sqlite.lock"
    >>> with WriterLock(p, what="江苏 workdir"):
    ...     pass
    """

    def __init__(self, path: Path | None, *, what: str = "the store") -> None:
        self.path = path
        self.what = what
        self._depth = 0
        self._fh: IO[str] | None = None
        self._local: threading.Lock | None = None
        self._guard = threading.Lock()

    @property
    def held(self) -> bool:
        return self._depth > 0

    def acquire(self) -> None:
        with self._guard:
            if self._depth:
                self._depth += 1
                return
            if self.path is None or fcntl is None:
                self._acquire_local()
            else:
                self._acquire_file(self.path)
            self._depth = 1

    def release(self) -> None:
        with self._guard:
            if not self._depth:
                return
            self._depth -= 1
            if self._depth:
                return
            if self._fh is not None:
                fh, self._fh = self._fh, None
                try:
                    # clear the pid so a later reader does not blame a finished process (best effort: on a
                    # full disk this write fails, and must not hide the error that is being reported)
                    try:
                        fh.seek(0)
                        fh.truncate()
                        fh.flush()
                    except OSError:  # best effort, see above
                        pass
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
                finally:
                    try:
                        fh.close()
                    except OSError:  # the buffered holder line could not be written: the lock is released anyway
                        pass
            if self._local is not None:
                self._local.release()
                self._local = None

    def __enter__(self) -> WriterLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    # ---- backends ---------------------------------------------------------------------
    def _acquire_file(self, path: Path) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # "a+" creates the file without truncating a holder's pid before we own the lock
            fh = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - kept open while locked
        except OSError as exc:  # read-only workdir, no write right: a clear message, not a traceback
            from topicmine.diskerrors import as_disk_error

            raise as_disk_error(exc, "创建写入锁") or exc
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except (BlockingIOError, PermissionError):
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            raise LockError(_busy_message(self.what, path, holder)) from None
        except BaseException:
            fh.close()
            raise
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid={os.getpid()} host={socket.gethostname()} since={now}\n")
            fh.flush()
        except OSError:
            # the holder line only helps the message a second process prints; the flock is what locks.
            # On a full disk the write fails: keep the lock and let the store's own write report the
            # disk-full error with the database's name
            pass
        self._fh = fh

    def _acquire_local(self) -> None:
        key = str(self.path) if self.path is not None else f"memory:{id(self)}"
        with _LOCAL_GUARD:
            lock = _LOCAL_LOCKS.setdefault(key, threading.Lock())
        if not lock.acquire(blocking=False):
            raise LockError(f"{self.what} is already being written by this process; wait for it to finish")
        self._local = lock


def _busy_message(what: str, path: Path, holder: str) -> str:
    who = f"another topicmine process ({holder})" if holder else "another topicmine process"
    return (
        f"{what} is locked by {who}: only one ingest/refresh may write at a time. "
        f"Wait for it to finish and try again (lock file: {path}; it is released automatically "
        f"when that process exits)"
    )
