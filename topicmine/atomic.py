"""The one atomic file write of topicmine: temp file beside the target, fsync, ``os.replace``, fsync the folder.

Every artifact a reader may open while it is being rewritten (the vector index, topic runs, reports, drafts,
Parquet parts, model fits) goes through here, so a killed run leaves the old file or the new one, never half
of one, and a power cut after the call cannot lose the rename. Files are created 0644 (readable by the
office's other accounts, like any report), not mkstemp's 0600.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "晨报.md"
>>> _ = write_text_atomic(p, "# 晨报\\n")
>>> p.read_text(encoding="utf-8")
'# 晨报\\n'
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["write_bytes_atomic", "write_text_atomic", "write_with_atomic"]


def _fsync_dir(folder: Path) -> None:
    # the rename lives in the folder's entry: without this a crash right after os.replace may show the old file
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # some filesystems (and Windows) cannot open a folder: the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:  # the file itself is fsynced; a folder some filesystems cannot fsync costs durability, not data
        pass
    finally:
        os.close(fd)


def write_with_atomic(path: str | Path, write: Callable[[IO[Any]], None], *, binary: bool = False,
                      encoding: str = "utf-8", newline: str | None = None, mode: int = 0o644) -> Path:
    """Call ``write(fh)`` on a temp file beside ``path``, then fsync and swap it in; returns ``path``.

    ``binary`` opens the temp file in bytes mode; otherwise text with ``encoding``/``newline`` (CSV for
    Excel wants ``newline=""``). On any error the temp file is removed and the old ``path`` is untouched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # name the file the user asked for, not our temp name
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:  # no temp file to clean (it was never created): the original error is what matters
            pass
        if isinstance(exc, OSError) and exc.filename == tmp:
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise
    _fsync_dir(path.parent)
    return path


def write_bytes_atomic(path: str | Path, data: bytes, *, mode: int = 0o644) -> Path:
    """Write ``data`` to ``path`` atomically (see the module docstring)."""
    return write_with_atomic(path, lambda fh: fh.write(data), binary=True, mode=mode)


def write_text_atomic(path: str | Path, text: str, *, encoding: str = "utf-8", mode: int = 0o644) -> Path:
    """Write ``text`` to ``path`` atomically as ``encoding`` (UTF-8 by default)."""
    return write_with_atomic(path, lambda fh: fh.write(text), encoding=encoding, mode=mode)
