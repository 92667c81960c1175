"""uvicorn's HTTP/1.1 protocol with read deadlines and a connection cap (slow clients, "slowloris").

uvicorn times out only *idle* keep-alive connections: a client that opens a connection and sends half a
request head (or trickles one byte every few seconds, or announces a body and never sends it) is held for
ever, and only the process's file-descriptor limit bounds how many. :class:`BoundedH11Protocol` adds

- a **head deadline**: the request line and headers must be complete within
  ``service.request_head_timeout_s`` of the first byte (of the connection opening, for a new connection);
  the deadline is not renewed by each byte, so trickling does not help;
- a **body deadline**: the body must be complete within ``service.request_body_timeout_s`` after the head;
- a **connection cap** ``service.max_connections``: a new connection past it closes the connection that has
  waited longest for its head (an honest client sends its head in milliseconds, so the victims are the
  slow ones); when none is waiting, uvicorn's ``limit_concurrency`` answers 503.

Past a deadline the client gets ``408`` (when no answer has started) and the connection is closed; an idle
keep-alive connection stays uvicorn's business (``timeout_keep_alive``).

``topicmine serve`` uses it; under plain uvicorn::

    uvicorn --factory topicmine.service.app:create_app --http topicmine.service.server:BoundedH11Protocol

(the limits are then read from the same settings as the app: ``TOPICMINE_WORKDIR`` / ``TOPICMINE_CONFIG``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger("topicmine.service")

_PHASE_NAMES = {"head": "请求头", "body": "请求正文"}


@dataclass(frozen=True)
class ReadLimits:
    """The deadlines and the cap, in seconds and connections."""

    head_timeout_s: float = 20.0
    body_timeout_s: float = 120.0
    max_connections: int = 500

    @classmethod
    def from_settings(cls, svc: Any) -> ReadLimits:
        """From ``settings.service``.

        >>> from topicmine.config import ServiceSettings
        >>> ReadLimits.from_settings(ServiceSettings()).head_timeout_s
        20.0
        """
        return cls(float(svc.request_head_timeout_s), float(svc.request_body_timeout_s), int(svc.max_connections))


def timeout_response(phase: str, seconds: float, *, evicted: bool = False) -> bytes:
    """The raw 408 answer (the request never reached the app, so it is written here, not by FastAPI).

    >>> timeout_response("head", 20).split(b"\\r\\n")[0]
    b'HTTP/1.1 408 Request Timeout'
    """
    if evicted:
        message = ("服务器连接数已满（service.max_connections），这个连接等待请求头最久，已关闭。"
                   "请稍后重试。")
    else:
        message = (f"{_PHASE_NAMES.get(phase, phase)}没有在 {seconds:g} 秒内发送完整，连接已关闭"
                   f"（service.request_{phase}_timeout_s）。请检查网络后重试。")
    body = json.dumps({"error": {"type": "RequestTimeout", "message": message}}, ensure_ascii=False).encode("utf-8")
    head = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\nconnection: close\r\n"
            b"content-length: " + str(len(body)).encode() + b"\r\n\r\n")
    return head + body


class _Closures:
    """Counts closed slow connections and logs them at most once a minute (a flood must not flood the log)."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.last_log = 0.0

    def add(self, why: str) -> None:
        self.counts[why] = self.counts.get(why, 0) + 1
        now = time.monotonic()
        if now - self.last_log >= 60:
            self.last_log = now
            logger.warning("closed slow or excess connections since the last note: %s", dict(self.counts))
            self.counts.clear()


class BoundedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol plus the head/body deadlines and the connection cap (see the module)."""

    # None: read ``settings.service`` once per process (plain ``uvicorn --http …``); set by :func:`protocol_for`
    limits: ClassVar[ReadLimits | None] = None
    _closures: ClassVar[_Closures] = _Closures()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = self._class_limits()
        if self.limit_concurrency is None:
            # one more than the cap: the cap itself is enforced in connection_made by closing slow ones
            self.limit_concurrency = self._limits.max_connections + 1
        self._deadline: asyncio.TimerHandle | None = None
        self._phase: str | None = None
        self._phase_started = 0.0

    @classmethod
    def _class_limits(cls) -> ReadLimits:
        if cls.limits is None:
            from topicmine.config import load_settings

            cls.limits = ReadLimits.from_settings(load_settings().service)
        return cls.limits

    # --- asyncio.Protocol -------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._close_slowest_if_full()
        self._arm("head")  # a connection that never sends a byte is a slow head too

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._follow()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._follow()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    # --- deadlines ---------------------------------------------------------------------------------------
    def _follow(self) -> None:
        """Re-read h11's view of the client's request and keep the matching deadline."""
        if self.transport is None or self.transport.is_closing():
            self._disarm()
            return
        state = self.conn.their_state
        if state is h11.IDLE:
            if self.conn.trailing_data[0]:
                self._arm("head")  # part of the next request's head is here; the clock runs from now
            else:
                self._disarm()  # idle between requests: uvicorn's keep-alive timer decides
        elif state is h11.SEND_BODY:
            self._arm("body")
        else:
            self._disarm()  # request complete (or closed/upgraded): the app is answering

    def _arm(self, phase: str) -> None:
        if self._phase == phase:
            return  # not renewed: a client trickling bytes keeps its original deadline
        self._disarm()
        seconds = self._limits.head_timeout_s if phase == "head" else self._limits.body_timeout_s
        if seconds <= 0:
            return
        self._phase = phase
        self._phase_started = self.loop.time()
        self._deadline = self.loop.call_later(seconds, self._expire, phase, seconds)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = None
        self._phase = None

    def _expire(self, phase: str, seconds: float, why: str = "") -> None:
        """Answer 408 (if nothing was answered yet) and close; a handler waiting for the body sees a disconnect."""
        self._deadline = None
        self._phase = None
        if self.transport is None or self.transport.is_closing():
            return
        self._closures.add(why or f"{phase} timeout")
        cycle = self.cycle
        answered = cycle is not None and cycle.response_started and not cycle.response_complete
        # nothing of a request arrived (a browser's spare connection, an attacker's bare socket): just close
        # (an evicted connection is told why: its head may be in the socket buffer, not yet read)
        started = phase == "body" or bool(why) or bool(self.conn.trailing_data[0])
        if started and not answered:
            self.transport.write(timeout_response(phase, seconds, evicted=bool(why)))
        if cycle is not None and not cycle.response_complete:
            # the app must not write after us: uvicorn's send() returns early on a disconnected cycle
            cycle.disconnected = True
            cycle.message_event.set()
        self.transport.close()
        self.connections.discard(self)

    # --- the connection cap ------------------------------------------------------------------------------
    def _close_slowest_if_full(self) -> None:
        """Past ``max_connections``: close the connection that has waited longest for its request head."""
        while len(self.connections) > self._limits.max_connections:
            waiting = [c for c in self.connections
                       if c is not self and isinstance(c, BoundedH11Protocol) and c._phase == "head"]
            if not waiting:
                return  # every other connection is busy or idle keep-alive: limit_concurrency answers 503
            slowest = min(waiting, key=lambda c: c._phase_started)
            slowest._disarm()
            slowest._expire("head", self._limits.head_timeout_s, why="over max_connections")


def protocol_for(limits: ReadLimits) -> type[BoundedH11Protocol]:
    """A protocol class bound to ``limits`` (for ``uvicorn.run(http=…)``; no settings read per connection).

    >>> protocol_for(ReadLimits(5, 60, 100)).limits.max_connections
    100
    """
    return type("BoundedH11Protocol", (BoundedH11Protocol,), {"limits": limits, "_closures": _Closures()})


def uvicorn_options(svc: Any) -> dict[str, Any]:
    """The keyword arguments ``topicmine serve`` adds to ``uvicorn.run`` for ``settings.service``.

    >>> from topicmine.config import ServiceSettings
    >>> sorted(uvicorn_options(ServiceSettings()))
    ['http', 'limit_concurrency']
    """
    limits = ReadLimits.from_settings(svc)
    return {"http": protocol_for(limits), "limit_concurrency": limits.max_connections + 1}
