"""Bounded model work: at most N requests compute at once, M wait, the rest get 503 + Retry-After.

Without a bound, 20 clients sending reports the server had not seen started 20 embedding runs
at once: every answer took over 60 s and RSS went 1.1 → 3.6 GB and stayed there. Here the model
work runs in ``model_workers`` threads (off the event loop, so ``/health`` and the page keep
answering), a waiting request whose client has gone is dropped before it computes, and when the
last piece of work finishes the allocator is asked to give freed memory back to the system.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from topicmine.cancel import Cancelled, cancellable

logger = logging.getLogger("topicmine.service")

T = TypeVar("T")
_POLL_S = 0.25
_TRIM_EVERY_S = 20.0


class ClientGone(Exception):
    """The client closed the connection while its request waited (nothing was computed) or ran (the work
    stopped at its next batch)."""


class ModelGate:
    """A semaphore with a bounded waiting room and disconnect checks.

    >>> gate = ModelGate(workers=2, queue=8, retry_after=10)
    >>> gate.busy()
    {'running': 0, 'waiting': 0, 'workers': 2, 'queue': 8, 'cancelled': 0}
    """

    def __init__(self, workers: int, queue: int, retry_after: int) -> None:
        self.workers = max(1, workers)
        self.queue = max(0, queue)
        self.retry_after = max(1, retry_after)
        self.running = 0
        self.waiting = 0
        self._sem: asyncio.Semaphore | None = None  # made inside the event loop
        self._trimmed = time.monotonic()
        self.cancelled = 0  # pieces of work stopped midway because their client left

    def busy(self) -> dict[str, int]:
        return {"running": self.running, "waiting": self.waiting, "workers": self.workers, "queue": self.queue,
                "cancelled": self.cancelled}

    async def run(self, request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` in a worker thread once a slot is free."""
        if self._sem is None:
            self._sem = asyncio.Semaphore(self.workers)
        if self.running >= self.workers and self.waiting >= self.queue:
            raise HTTPException(
                status_code=503,
                detail=f"服务繁忙：{self.running} 个请求正在计算，{self.waiting} 个在排队；请 {self.retry_after} 秒后重试",
                headers={"Retry-After": str(self.retry_after)},
            )
        await self._acquire(request)
        self.running += 1
        cancelled = False
        try:
            return await self._compute(request, fn, *args, **kwargs)
        except Cancelled:
            cancelled = True
            self.cancelled += 1
            raise ClientGone() from None
        finally:
            self.running -= 1
            self._sem.release()
            # after a burst (not after every request: a full collection of a large heap holds the GIL),
            # and at once after a cancelled piece of work, whose half-built batches are garbage now
            idle = self.running == 0 and self.waiting == 0
            if idle and (cancelled or time.monotonic() - self._trimmed > _TRIM_EVERY_S):
                self._trimmed = time.monotonic()
                await run_in_threadpool(release_memory)

    async def _compute(self, request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn`` in a worker thread under a cancel flag that is set when the client disconnects; the work
        checks it between batches (``topicmine.cancel``) and stops with ``Cancelled``."""
        event = threading.Event()

        def call() -> T:
            with cancellable(event):
                return fn(*args, **kwargs)

        task = asyncio.ensure_future(run_in_threadpool(call))
        while True:
            done, _ = await asyncio.wait({task}, timeout=_POLL_S)
            if done:
                return task.result()
            if not event.is_set() and await request.is_disconnected():
                logger.info("client left %s: cancelling its model work", request.url.path)
                event.set()  # keep waiting: the thread stops at its next check and frees the slot

    async def _acquire(self, request: Request) -> None:
        assert self._sem is not None
        self.waiting += 1
        task = asyncio.ensure_future(self._sem.acquire())
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=_POLL_S)
                if done:
                    return
                # the body has been read by now, so this only ever sees http.disconnect
                if await request.is_disconnected():
                    raise ClientGone()
        except BaseException:
            if not task.done():
                task.cancel()
                try:
                    await task
                except asyncio.CancelledError:  # the cancellation we asked for
                    pass
            if task.done() and not task.cancelled() and task.exception() is None:
                self._sem.release()  # acquired just as we gave up: hand the slot back
            raise
        finally:
            self.waiting -= 1


def release_memory() -> None:
    """Collect garbage and return freed heap pages to the OS (glibc ``malloc_trim``), so RSS falls after a burst."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to trim
        pass


async def model_work(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``await model_work(request, pipeline.split, ws, text)`` — the one way endpoints start model work.

    >>> # in an endpoint: return await model_work(request, pipeline.similar_items, ws, text, limit=10)
    """
    gate: ModelGate = request.app.state.model_gate
    return await gate.run(request, fn, *args, **kwargs)
