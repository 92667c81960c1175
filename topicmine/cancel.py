"""Cooperative cancellation of long work: the service sets a flag when the client leaves, loops check it.

The service runs model work in worker threads; a thread cannot be killed, so the work itself looks at a
per-thread flag between batches (embedding batches, every ``progress`` loop) and stops with
:class:`Cancelled`. Outside a cancellable scope ``check()`` costs one attribute lookup and never raises.

>>> import threading
>>> ev = threading.Event()
>>> with cancellable(ev):
...     check()          # not set: goes on
...     ev.set()
...     try:
...         check()
...     except Cancelled as exc:
...         print("已取消")
已取消
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from topicmine.errors import TopicmineError

__all__ = ["Cancelled", "cancellable", "check", "active"]

_local = threading.local()


class Cancelled(TopicmineError):
    """The caller gave up (the client disconnected); the work stopped between two batches."""

    exit_code = 130


@contextmanager
def cancellable(event: threading.Event) -> Iterator[threading.Event]:
    """Within this block (this thread), ``check()`` raises once ``event`` is set."""
    previous = getattr(_local, "event", None)
    _local.event = event
    try:
        yield event
    finally:
        _local.event = previous


def active() -> threading.Event | None:
    """The cancel flag of this thread's current work, if any."""
    return getattr(_local, "event", None)


def check() -> None:
    """Raise :class:`Cancelled` if this thread's work was cancelled."""
    ev = getattr(_local, "event", None)
    if ev is not None and ev.is_set():
        raise Cancelled("请求已取消（客户端已断开），计算在两批之间停止")
