"""Read one file in a worker process with a memory cap and a hard timeout, where a library cannot be bounded.

openpyxl, python-docx, pypdf and lxml parse inside C code or deep Python loops that no in-process budget can
interrupt or cap: a hostile workbook or document can take gigabytes or minutes before the reader sees a row.
Such files (``[ingest] isolate = "office"``: .xlsx .docx .pdf .html .htm; ``"all"``: every file) are read by
a forked child (``os.fork``: no re-import of the caller's ``__main__``, the parser already imported by the
parent) whose address space may grow by at most ``max_memory_mb_per_file`` (``RLIMIT_AS`` on top of what it
inherited), killed after ``max_seconds_per_file`` (+ a grace). A file over either limit becomes one named
per-file issue; the batch goes on. The worker is forked once and reused (measured in docs/figures/hostile2.md).

Documents come back streamed, as plain JSON (a length-prefixed frame of up to ``FRAME_ITEMS`` documents or
issues), never pickle: the parent only decodes data (``json.loads``), it never builds objects a frame names, so
even a worker that a hostile file had taken over could not run code in the parent. Streaming keeps both processes
flat in a table's number of rows: the worker waits (the pipe is full) while the parent stores what it has.

>>> from topicmine.config import IngestSettings
>>> wants_isolation("年度提案.xlsx", IngestSettings()), wants_isolation("提案.txt", IngestSettings())
(True, False)
"""

from __future__ import annotations

import importlib
import json
import os
import select
import signal
import threading
import time
from pathlib import Path
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Callable

from topicmine.errors import ReaderError
from topicmine.records import IngestIssue, RawDocument

if TYPE_CHECKING:
    from topicmine.config import IngestSettings

    from .readers import ReadResult

__all__ = ["OFFICE_SUFFIXES", "in_worker", "iter_file_isolated", "read_file_isolated", "wants_isolation"]

#: formats whose parser libraries cannot be bounded from inside
OFFICE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".docx", ".pdf", ".html", ".htm"})
#: a worker is killed at max_seconds_per_file × this (at least +2 s): the readers' own budget, which keeps
#: what was read so far, gets to stop first; the kill is for a parser stuck inside one call
GRACE_FACTOR = 2.0
#: documents or issues per answer frame (a frame is also sent once it holds ~1 MB of text)
FRAME_ITEMS = 64
_FRAME_CHARS = 1 << 20

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


#: forks of reader workers happen one at a time (see ``_Worker.__init__``)
_FORK_LOCK = threading.Lock()
#: how long releasing a worker waits for it to exit before killing it
CLOSE_WAIT_S = 5.0


def _close_all_but(*keep: int) -> None:
    """In a freshly forked worker: close every inherited descriptor except 0–2 and ``keep``."""
    top = os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 65536
    start = 3
    for fd in sorted(keep):
        os.closerange(start, fd)
        start = fd + 1
    os.closerange(start, top)


class _Worker:
    """One long-lived forked reader: requests and answers are length-prefixed JSON frames over two pipes.

    The worker's address space is capped once, at fork, to what it inherited + ``extra_bytes``; it exits
    (and the next call forks a fresh one) after a MemoryError or once its heap has grown past half the cap,
    so one big file does not shrink the headroom of the next.
    """

    def __init__(self, extra_bytes: int) -> None:
        self.extra_bytes = extra_bytes
        self.over_memory = False
        self.status = 0
        # One fork at a time, and the worker keeps no descriptor but its two pipe ends (and 0–2). A fork
        # copies every open descriptor: a worker forked inside the service held the server's client sockets
        # (the answered connections never closed, so every client waited until its own timeout) and other
        # workers' pipe ends (a released worker never saw end-of-file, and the thread releasing it waited
        # for ever) — probe P13, concurrent uploads to /split.
        with _FORK_LOCK:
            req_r, self._req_w = os.pipe()
            self._ans_r, ans_w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns into the caller's code
                code = 0
                try:
                    _close_all_but(req_r, ans_w)
                    _serve(req_r, ans_w, extra_bytes)
                except BaseException:  # noqa: BLE001
                    code = 1
                finally:
                    os._exit(code)
            os.close(req_r)
            os.close(ans_w)
        self.pid: int | None = pid

    def send(self, request: dict[str, Any]) -> bool:
        """Send one request; False if the worker is gone (then reaped)."""
        try:
            _send(self._req_w, request)
        except OSError:
            self.close(kill=True)
            return False
        self._start = _private_bytes(self.pid) if self.pid is not None else None
        self.over_memory = False
        return True

    def receive(self, timeout: float) -> dict[str, Any] | None:
        """The next answer frame, or ``None`` if the worker died, ran past ``timeout`` or over its memory (then
        killed; ``over_memory`` says which)."""

        def within_cap() -> bool:
            if self._start is None or self.pid is None:
                return True
            now = _private_bytes(self.pid)
            if now is not None and now - self._start > self.extra_bytes:
                self.over_memory = True
                return False
            return True

        data = _recv(self._ans_r, time.monotonic() + timeout, within_cap)
        if data is None:
            self.close(kill=True)
            return None
        return _loads(data)

    def close(self, kill: bool = False) -> None:
        """Release the worker: it exits on end-of-file of its request pipe; one that has not exited after
        ``CLOSE_WAIT_S`` (or any, with ``kill``) is killed — a close never waits without bound."""
        if self.pid is None:
            return
        for fd in (self._req_w, self._ans_r):
            try:
                os.close(fd)
            except OSError:  # already closed (the worker died first): nothing left to release
                pass
        if kill:
            self._kill()
        deadline = time.monotonic() + CLOSE_WAIT_S
        while True:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = status
                break
            if time.monotonic() > deadline:
                self._kill()
                _, self.status = os.waitpid(self.pid, 0)
                break
            time.sleep(0.02)
        self.pid = None

    def _kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)  # type: ignore[arg-type]
        except ProcessLookupError:  # it already exited: waitpid reaps it
            pass


def _dumps(obj: Any) -> bytes:
    # lone surrogates (a file decoded with errors="surrogateescape" upstream) pass through as they are
    return json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")


def _loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8", "surrogatepass"))


def _send(fd: int, obj: Any) -> None:
    data = _dumps(obj)
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


def _item_json(item: RawDocument | IngestIssue) -> dict[str, Any]:
    if isinstance(item, IngestIssue):
        return {"issue": [item.source, item.reason, item.locator]}
    return {"doc": [item.text, item.source, item.meta, item.locator, [list(h) for h in item.headings]]}


def _item_from_json(obj: dict[str, Any]) -> RawDocument | IngestIssue:
    if "issue" in obj:
        source, reason, locator = obj["issue"]
        return IngestIssue(str(source), str(reason), locator)
    text, source, meta, locator, headings = obj["doc"]
    return RawDocument(text=text, source=source, meta=meta, locator=locator,
                       headings=[(str(h[0]), int(h[1])) for h in headings])


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
        end = _stream_one(_loads(data), ans_w)
        # after a MemoryError, or once the heap has grown past half the cap, a fresh worker takes the next file
        closing = end.get("end") == "memory" or _vm_size() - base > extra_bytes // 2
        try:
            _send(ans_w, {**end, "closing": closing})
        except MemoryError:
            _send(ans_w, {"end": "memory", "closing": True})
            return
        if closing:
            return


def _stream_one(request: dict[str, Any], ans_w: int) -> dict[str, Any]:
    """Read one file, sending its documents and issues in frames; returns the last frame (how it ended)."""
    from topicmine.config import IngestSettings
    from topicmine.ingest import readers

    try:
        limits = IngestSettings.model_validate(request["limits"])
        frame: list[dict[str, Any]] = []
        chars = 0
        for item in readers.iter_file(Path(request["path"]), limits, request.get("columns"),
                                      encoding=request.get("encoding")):
            frame.append(_item_json(item))
            chars += len(item.text) if isinstance(item, RawDocument) else 0
            if len(frame) >= FRAME_ITEMS or chars >= _FRAME_CHARS:
                _send(ans_w, {"items": frame})  # blocks while the parent is busy storing: the worker waits
                frame, chars = [], 0
        if frame:
            _send(ans_w, {"items": frame})
        return {"end": "ok"}
    except ReaderError as exc:
        return {"end": "reader", "error": [exc.source, exc.reason, exc.locator]}
    except MemoryError:
        return {"end": "memory"}
    except RecursionError:
        return {"end": "error", "error": "RecursionError: 嵌套过深"}
    except Exception as exc:  # noqa: BLE001 - reported as the file's issue by the parent
        return {"end": "error", "error": f"{type(exc).__name__}: {exc}"[:300]}


_WORKER: _Worker | None = None
_WORKER_LOCK = threading.Lock()
#: reader workers alive at once in this process (the service's upload threads): each may use up to
#: max_memory_mb_per_file, so this bounds the total (three hostile uploads at once forked three 3 GB workers)
MAX_WORKERS = 2
_SLOTS = threading.BoundedSemaphore(MAX_WORKERS)


def _checkout(extra: int) -> _Worker:
    """The idle worker (forked if there is none): taken out of the slot while one file streams, so a second
    thread reading at the same time (the service's uploads) forks its own — at most ``MAX_WORKERS`` at once."""
    global _WORKER
    with _WORKER_LOCK:
        worker, _WORKER = _WORKER, None
    if worker is not None and (worker.pid is None or worker.extra_bytes != extra):
        worker.close()
        worker = None
    return worker if worker is not None else _Worker(extra)


def _checkin(worker: _Worker) -> None:
    global _WORKER
    with _WORKER_LOCK:
        if _WORKER is None and worker.pid is not None:
            _WORKER, worker = worker, None  # type: ignore[assignment]
    if worker is not None:
        worker.close()


def iter_file_isolated(path: str | Path, limits: IngestSettings, columns: dict[str, str] | None = None, *,
                       encoding: str | None = None) -> Iterator[RawDocument | IngestIssue]:
    """``iter_file(path, limits, ...)`` in the capped worker process, streamed. Raises ``ReaderError`` (as
    ``iter_file`` does) for an unusable file, and for one that breached the memory cap or the time limit — the
    time the parent waits for the worker, not the time it spends on what it was given.

    >>> from topicmine.config import IngestSettings
    >>> items = iter_file_isolated(Path("corpus/sample/提案/a.docx"), IngestSettings())  # doctest: +SKIP
    """
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
    if not _SLOTS.acquire(timeout=timeout):  # every slot busy for a whole time budget: say so, do not queue forever
        raise ReaderError(src, f"读取进程繁忙（已有 {MAX_WORKERS} 个文件在读取，等待超过 {timeout:g} 秒），未读取；请稍后再试")
    try:
        yield from _stream_isolated(src, limits, columns, encoding, extra, timeout, cap_mb)
    finally:
        _SLOTS.release()


def _stream_isolated(src: str, limits: IngestSettings, columns: dict[str, str] | None, encoding: str | None,
                     extra: int, timeout: float, cap_mb: float) -> Iterator[RawDocument | IngestIssue]:
    worker = _checkout(extra)
    request = {"path": src, "limits": limits.model_dump(mode="json"), "columns": columns, "encoding": encoding}
    waited = 0.0  # only the time spent waiting for the worker counts, not the consumer's time between frames
    done = False
    frame: dict[str, Any] | None = None
    try:
        if worker.send(request):
            while True:
                t0 = time.monotonic()
                frame = worker.receive(max(timeout - waited, 0.0))
                waited += time.monotonic() - t0
                if frame is None or "items" not in frame:
                    break
                for obj in frame["items"]:
                    yield _item_from_json(obj)
        done = frame is not None
    finally:
        if done and not frame.get("closing"):  # type: ignore[union-attr]
            _checkin(worker)
        else:  # it died, ran out of time or memory, leaves by itself, or the consumer left midway: not reused
            worker.close(kill=not done)
    if frame is None:
        raise ReaderError(src, _breach_reason(worker, cap_mb, timeout, waited >= timeout))
    how = frame.get("end")
    if how == "reader":
        raise ReaderError(*frame["error"])
    if how == "memory":
        raise ReaderError(src, f"超过单个文件内存上限 {cap_mb:g} MB（MemoryError），未读取；文件可能经过恶意构造，"
                               "或可调大 [ingest] max_memory_mb_per_file")
    if how != "ok":
        raise ReaderError(src, f"读取失败（{frame.get('error')}），未读取")


def _breach_reason(worker: _Worker, cap_mb: float, timeout: float, timed_out: bool) -> str:
    if worker.over_memory:
        return (f"超过单个文件内存上限 {cap_mb:g} MB（读取进程已终止），未读取；文件可能经过恶意构造，"
                "或可调大 [ingest] max_memory_mb_per_file")
    if timed_out:
        return (f"读取超时（超过 {timeout:g} 秒，读取进程已终止），未读取；文件可能经过恶意构造，"
                "或可调大 [ingest] max_seconds_per_file")
    status = worker.status
    how = f"信号 {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"退出码 {os.waitstatus_to_exitcode(status)}"
    return (f"读取进程异常退出（{how}，很可能超过单个文件内存上限 {cap_mb:g} MB），未读取；"
            "文件可能经过恶意构造，或可调大 [ingest] max_memory_mb_per_file")


def read_file_isolated(path: str | Path, limits: IngestSettings, columns: dict[str, str] | None = None, *,
                       encoding: str | None = None) -> ReadResult:
    """``iter_file_isolated`` collected into a ``ReadResult`` (as ``read_file`` is ``iter_file`` collected)."""
    from .readers import ReadResult

    result = ReadResult()
    for item in iter_file_isolated(path, limits, columns, encoding=encoding):
        (result.issues if isinstance(item, IngestIssue) else result.docs).append(item)  # type: ignore[arg-type]
    return result
