"""Disk and permission failures as clear Chinese messages: a full disk, a read-only file system, no write right.

Any ``OSError``/``sqlite3.Error``/faiss ``RuntimeError`` that comes from the disk rather than from a bug is
turned into one :class:`~topicmine.errors.DiskError` naming the path, what was being done, and what to do.
The CLI and the service call :func:`as_disk_error` at their edges; the store calls :func:`sqlite_disk_error`.

>>> import errno
>>> e = as_disk_error(OSError(errno.EROFS, "Read-only file system", "/srv/tm/logs/refresh.log"), "写日志")
>>> e.kind, e.exit_code
('readonly', 74)
>>> print(e)  # doctest: +ELLIPSIS
/srv/tm/logs/refresh.log: 文件系统是只读的（read-only），无法写日志。...
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from topicmine.errors import DiskError, TopicmineError

__all__ = ["as_disk_error", "disk_error", "disk_kind", "ensure_writable", "partial_run_error", "sqlite_disk_error"]

_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READONLY = {errno.EROFS}
_DENIED = {errno.EACCES, errno.EPERM}


def _free(path: Path) -> str:
    for p in (path, *path.parents):
        try:
            return f"{shutil.disk_usage(p).free / 2**20:.1f} MB"
        except OSError:
            continue
    return "?"


def _existing(path: Path) -> Path:
    for p in (path, *path.parents):
        if p.exists():
            return p
    return path


def disk_kind(path: str | Path) -> str | None:
    """What the file system under ``path`` refuses now: ``full`` (< 1 MB free), ``readonly``, ``denied`` or None.

    Used when the error itself does not say (SQLite's "disk I/O error", faiss's fwrite message).
    """
    p = _existing(Path(path))
    folder = p if p.is_dir() else p.parent
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    if st.f_flag & os.ST_RDONLY:
        return "readonly"
    if st.f_bavail * st.f_frsize < 2**20:
        return "full"
    if not os.access(folder, os.W_OK) or (p.is_file() and not os.access(p, os.W_OK)):
        return "denied"
    return None


def disk_error(path: str | Path, kind: str, action: str, done: str = "") -> DiskError:
    """The message for ``kind`` at ``path`` while ``action`` (Chinese verb phrase, e.g. ``写入数据库``).

    ``done`` says what was already saved (e.g. ``本次已写入 3 个文件，保留在库中``).

    >>> print(disk_error("/srv/tm/topicmine.sqlite", "full", "写入数据库"))  # doctest: +ELLIPSIS
    /srv/tm/topicmine.sqlite: 磁盘已满（disk full），写入数据库失败。...
    """
    path = str(path)
    done = f"{done}。" if done and not done.endswith("。") else done
    if kind == "full":
        msg = (f"{path}: 磁盘已满（disk full），{action}失败。{done}请清理该磁盘（剩余 {_free(Path(path))}），"
               f"或用 --workdir、--out 换到空间充足的位置后重新运行；已提交的内容不会重复处理。")
    elif kind == "readonly":
        msg = (f"{path}: 文件系统是只读的（read-only），无法{action}。{done}请用 --workdir、--out（或 TOPICMINE_WORKDIR）"
               f"换到可写的目录，或请管理员把该磁盘重新挂载为可写后重新运行。")
    else:
        msg = (f"{path}: 没有写权限（permission denied），无法{action}。{done}请用对该目录有写权限的账户运行，"
               f"或修改目录权限（chown/chmod），或用 --workdir、--out 换一个目录。")
    return DiskError(msg, kind=kind, path=path)


def as_disk_error(exc: BaseException, action: str = "写入", done: str = "") -> DiskError | None:
    """``exc`` as a :class:`DiskError` when the disk caused it, else None (a bug stays a bug).

    Handles ``OSError`` by errno (the file name taken from the error), SQLite errors, and faiss's
    ``RuntimeError`` on a failed write (checked against the file system it names).
    """
    if isinstance(exc, DiskError):
        return exc
    if isinstance(exc, OSError) and exc.errno is not None:
        path = exc.filename or ""
        kind = ("full" if exc.errno in _FULL else "readonly" if exc.errno in _READONLY
                else "denied" if exc.errno in _DENIED else None)
        if kind == "denied" and path and disk_kind(path) == "readonly":
            kind = "readonly"  # some calls report EACCES on a read-only mount
        return disk_error(path or "（工作目录）", kind, action, done) if kind else None
    if isinstance(exc, sqlite3.Error):
        return None  # needs a path: the store calls sqlite_disk_error
    if isinstance(exc, RuntimeError):
        text = str(exc)
        # faiss: "Error: 'ret == (n)' failed: write error in <path>: 28 (No space left on device)"
        for marker in ("write error in ", "could not open ", "fopen"):
            if marker in text:
                path = text.split(marker, 1)[1].split(":")[0].split(" ")[0].strip("'\"")
                kind = disk_kind(path) if path else None
                if kind is None and ("No space" in text or "28" in text):
                    kind = "full"
                return disk_error(path, kind, action, done) if kind else None
    if isinstance(exc, TopicmineError):
        return None
    return None


def sqlite_disk_error(exc: sqlite3.Error, db_path: str | Path, action: str, done: str = "") -> DiskError | None:
    """A SQLite error on ``db_path`` as a :class:`DiskError` when the disk caused it.

    SQLite says "database or disk is full", "attempt to write a readonly database", "unable to open
    database file" or just "disk I/O error"; the last two are settled by looking at the file system.
    """
    msg = str(exc).lower()
    if "full" in msg:
        kind: str | None = "full"
    elif "readonly" in msg or "read-only" in msg:
        kind = disk_kind(db_path) or "denied"
    elif "disk i/o" in msg or "unable to open" in msg:
        kind = disk_kind(db_path)
    else:
        kind = None
    return disk_error(db_path, kind, action, done) if kind else None


def partial_run_error(exc: DiskError, committed: list[str], pending: list[str]) -> DiskError:
    """``exc`` restated for a run that stopped midway: which files were committed (kept) and which were not.

    >>> e = partial_run_error(disk_error("/w/topicmine.sqlite", "full", "写入数据库"), ["a.md"], ["b.md", "c.md"])
    >>> "已提交 1 个文件" in str(e) and "未写入 2 个文件：b.md、c.md" in str(e)
    True
    """
    def names(xs: list[str]) -> str:
        shown = "、".join(Path(x).name for x in xs[:5])
        return shown + (f" 等（共 {len(xs)} 个）" if len(xs) > 5 else "")

    done = (f"本次运行已提交 {len(committed)} 个文件（{names(committed)}），保留在库中" if committed
            else "本次运行尚未提交任何文件")
    rest = f"；未写入 {len(pending)} 个文件：{names(pending)}，下次运行会补上" if pending else ""
    msg = f"{exc}\n{done}{rest}。"
    return DiskError(msg, kind=exc.kind, path=exc.path)


def ensure_writable(folder: str | Path, action: str) -> None:
    """Raise a :class:`DiskError` now if ``folder`` cannot take a file, before minutes of work are spent.

    >>> import tempfile; ensure_writable(tempfile.mkdtemp(), "保存文稿")
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".topicmine-write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise as_disk_error(OSError(exc.errno, exc.strerror, str(folder)), action) or exc
