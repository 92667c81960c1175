"""Read one file in a worker process with a memory cap and a hard timeout, where a library cannot be bounded.

openpyxl, python-docx, pypdf and lxml parse inside C code or deep Python loops that no in-process budget can
interrupt or cap: a hostile workbook or document can take gigabytes or minutes before the reader sees a row.
Such files (``[ingest] isolate = "office"``: .xlsx .docx .pdf .html .htm; ``"all"``: every file) are read by
a forked child (``os.fork``: no re-import of the caller's ``__main__``, the parser already imported by the
parent) whose address space may grow by at most ``max_memory_mb_per_file`` (``RLIMIT_AS`` on top of what it
inherited), killed after ``max_seconds_per_file`` (+ a grace). A file over either limit becomes one named
per-file issue; the batch goes on. Each file costs a fork and a pickle (measured in docs/figures/hostile2.md).

>>> from topicmine.config import IngestSettings
>>> wants_isolation("年度提案.xlsx", IngestSettings()), wants_isolation("提案.txt", IngestSettings())
(True, False)
"""

from __future__ import annotations

import importlib
import os
import pickle
import select
import signal
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from topicmine.errors import ReaderError

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

    from .readers import ReadResult

__all__ = ["OFFICE_SUFFIXES", "in_worker", "read_file_isolated", "wants_isolation"]

#: formats whose parser libraries cannot be bounded from inside
OFFICE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".docx", ".pdf", ".html", ".htm"})
#: a worker is killed at max_seconds_per_file × this (at least +2 s): the readers' own budget, which keeps
#: what was read so far, gets to stop first; the kill is for a parser stuck inside one call
GRACE_FACTOR = 2.0

_IN_WORKER = False
#: the parser a suffix needs, imported in the parent once so each forked worker has it already
_PARSER = {".xlsx": "openpyxl", ".xlsm": "openpyxl", ".docx": "docx", ".pdf": "pypdf", ".html": "lxml.html",
           ".htm": "lxml.html"}


def in_worker() -> bool:
    """True inside the worker process (the reader then runs inline)."""
    return _IN_WORKER


def wants_isolation(path: str | Path, limits: IngestSettings) -> bool:
    """Whether ``path`` is read in a worker under the current settings."""
    mode = getattr(limits, "isolate", "off")
    if _IN_WORKER or mode == "off" or not hasattr(os, "fork"):
        return False
    return mode == "all" or Path(path).suffix.lower() in OFFICE_SUFFIXES


def _private_bytes(pid: int) -> int | None:
    """Memory a process holds privately (bytes): after a fork every inherited page is shared, so its growth is
    what the worker itself has allocated — also where it reuses heap the parent had freed, which the address-space
    cap cannot see (the full test suite's parent had such heap and a 64 MB cap let a 100 MB workbook through)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # no /proc or the process is gone: the address-space cap alone applies
        return None
    total = 0
    for line in text.splitlines():
        if line.startswith(("Private_Clean:", "Private_Dirty:")):
            total += int(line.split()[1]) * 1024
    return total


def _vm_size() -> int:
    """This process's address space now (bytes): the cap is set on top of it, so a worker forked from a
    service holding a model gets the same headroom as one forked from the CLI."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    except OSError:  # no /proc (not Linux): 0, the cap is then the per-file allowance alone
        pass
    return 0


class _Worker:
    """One long-lived forked reader: requests and answers are length-prefixed pickles over two pipes.

    The worker's address space is capped once, at fork, to what it inherited + ``extra_bytes``; it exits
    (and the next call forks a fresh one) after a MemoryError or once its heap has grown past half the cap,
    so one big file does not shrink the headroom of the next.
    """

    def __init__(self, extra_bytes: int) -> None:
        self.extra_bytes = extra_bytes
        req_r, self._req_w = os.pipe()
        self._ans_r, ans_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into the caller's code
            code = 0
            try:
                os.close(self._req_w)
                os.close(self._ans_r)
                _serve(req_r, ans_w, extra_bytes)
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        os.close(req_r)
        os.close(ans_w)
        self.pid = pid

    def call(self, request: tuple[Any, ...], timeout: float) -> Any:
        """Send one request; the answer, or ``None`` if the worker died or ran past ``timeout`` (then killed)."""
        try:
            _send(self._req_w, request)
        except OSError:
            self.close(kill=True)
            return None
        start = _private_bytes(self.pid) if self.pid is not None else None
        self.over_memory = False

        def within_cap() -> bool:
            if start is None or self.pid is None:
                return True
            now = _private_bytes(self.pid)
            if now is not None and now - start > self.extra_bytes:
                self.over_memory = True
                return False
            return True

        data = _recv(self._ans_r, time.monotonic() + timeout, within_cap)
        if data is None:
            self.close(kill=True)
            return None
        return pickle.loads(data)  # noqa: S301 - our own forked worker wrote it

    def close(self, kill: bool = False) -> None:
        if self.pid is None:
            return
        for fd in (self._req_w, self._ans_r):
            try:
                os.close(fd)
            except OSError:  # already closed (the worker died first): nothing left to release
                pass
        if kill:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:  # it already exited: waitpid below reaps it
                pass
        _, self.status = os.waitpid(self.pid, 0)
        self.pid = None


def _send(fd: int, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(8, "little") + data)
    while view:
        view = view[os.write(fd, view):]


def _read_exact(fd: int, n: int, deadline: float | None, alive: Callable[[], bool] | None = None) -> bytes | None:
    chunks: list[bytes] = []
    while n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], min(left, 0.2))[0]:
                if left <= 0 or (alive is not None and not alive()):
                    return None
                continue
        b = os.read(fd, min(n, 1 << 20))
        if not b:
            return None  # EOF: the other side is gone
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)


def _recv(fd: int, deadline: float | None, alive: Callable[[], bool] | None = None) -> bytes | None:
    head = _read_exact(fd, 8, deadline, alive)
    if head is None:
        return None
    return _read_exact(fd, int.from_bytes(head, "little"), deadline, alive)


def _serve(req_r: int, ans_w: int, extra_bytes: int) -> None:
    """The worker's loop: cap the address space, then read files until the parent closes the pipe."""
    import resource

    global _IN_WORKER
    _IN_WORKER = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it closes our pipe
    base = _vm_size()
    try:
        resource.setrlimit(resource.RLIMIT_AS, (base + extra_bytes, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ValueError, OSError):
        pass  # a lower hard limit is already in force: keep it
    while True:
        data = _recv(req_r, None)
        if data is None:
            return
        path, limits, args, kwargs = pickle.loads(data)  # noqa: S301 - from our own parent process
        out = _read_one(path, limits, args, kwargs)
        # after a MemoryError, or once the heap has grown past half the cap, a fresh worker takes the next file
        closing = out[0] == "memory" or _vm_size() - base > extra_bytes // 2
        try:
            _send(ans_w, (*out, closing))
        except MemoryError:
            _send(ans_w, ("memory", None, True))
            return
        if closing:
            return


def _read_one(path: str, limits: IngestSettings, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[str, Any]:
    from topicmine.ingest.readers import read_file

    try:
        return ("ok", read_file(Path(path), limits, *args, **kwargs))
    except ReaderError as exc:
        return ("reader", (exc.source, exc.reason, exc.locator))
    except MemoryError:
        return ("memory", None)
    except RecursionError:
        return ("error", "RecursionError: 嵌套过深")
    except Exception as exc:  # noqa: BLE001 - reported as the file's issue by the parent
        return ("error", f"{type(exc).__name__}: {exc}"[:300])


_WORKER: _Worker | None = None
_WORKER_LOCK = threading.Lock()


def read_file_isolated(path: str | Path, limits: IngestSettings, *args: Any, **kwargs: Any) -> ReadResult:
    """``read_file(path, limits, ...)`` in the capped worker process. Raises ``ReaderError`` (as ``read_file``
    does) for an unusable file, and for one that breached the memory cap or the time limit.

    >>> from topicmine.config import IngestSettings
    >>> res = read_file_isolated(Path("corpus/sample/提案/a.docx"), IngestSettings())  # doctest: +SKIP
    """
    global _WORKER
    src = str(path)
    cap_mb = float(limits.max_memory_mb_per_file)
    timeout = max(float(limits.max_seconds_per_file) * GRACE_FACTOR, float(limits.max_seconds_per_file) + 2.0)
    extra = int(cap_mb * 2**20)
    mod = _PARSER.get(Path(src).suffix.lower())
    if mod:
        try:
            importlib.import_module(mod)  # imported once here, so the worker forked next has it
        except ImportError:
            pass  # the reader names the missing library itself
    with _WORKER_LOCK:  # one reader at a time (the service's upload threads share it)
        if _WORKER is not None and (_WORKER.pid is None or _WORKER.extra_bytes != extra):
            _WORKER.close()
            _WORKER = None
        if _WORKER is None:
            _WORKER = _Worker(extra)
        t0 = time.monotonic()
        result = _WORKER.call((src, limits, args, kwargs), timeout)
        if result is None:
            timed_out = time.monotonic() - t0 >= timeout
            over_memory = getattr(_WORKER, "over_memory", False)
            status = getattr(_WORKER, "status", 0)
            _WORKER = None
        elif result[2]:  # the worker leaves after this answer
            _WORKER.close()
            _WORKER = None
    if result is None:
        if over_memory:
            raise ReaderError(src, f"超过单个文件内存上限 {cap_mb:g} MB（读取进程已终止），未读取；文件可能经过恶意构造，"
                                   "或可调大 [ingest] max_memory_mb_per_file")
        if timed_out:
            reason = f"读取超时（超过 {timeout:g} 秒，读取进程已终止），未读取；文件可能经过恶意构造，或可调大 [ingest] max_seconds_per_file"
        else:
            how = f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"退出码 {os.waitstatus_to_exitcode(status)}"
            reason = (f"读取进程异常退出（{how}，很可能超过单个文件内存上限 {cap_mb:g} MB），未读取；"
                      "文件可能经过恶意构造，或可调大 [ingest] max_memory_mb_per_file")
        raise ReaderError(src, reason)
    kind, value, _closing = result
    if kind == "ok":
        return value
    if kind == "reader":
        raise ReaderError(*value)
    if kind == "memory":
        raise ReaderError(src, f"超过单个文件内存上限 {cap_mb:g} MB（MemoryError），未读取；文件可能经过恶意构造，"
                               "或可调大 [ingest] max_memory_mb_per_file")
    raise ReaderError(src, f"读取失败（{value}），未读取")
