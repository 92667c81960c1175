"""ASGI middleware: request-body limit (413 before the body is read) and security headers."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def _limit_message(limit: int) -> str:
    return f"request body over the limit of {limit / (1024 * 1024):g} MB (service.max_body_mb)"


async def _send_error(send: Send, status: int, kind: str, message: str) -> None:
    body = json.dumps({"error": {"type": kind, "message": message}}, ensure_ascii=False).encode("utf-8")
    # close the connection: the client may still be sending a body we will never read
    await send({"type": "http.response.start", "status": status, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


async def _send_413(send: Send, limit: int) -> None:
    await _send_error(send, 413, "PayloadTooLarge", _limit_message(limit))


class BodyLimitMiddleware:
    """Refuse bodies over ``max_bytes``: by Content-Length before reading, or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                announced = int(length)
            except ValueError:
                await _send_error(send, 400, "BadRequest", "invalid Content-Length header")
                return
            if announced > self.max_bytes:
                # refused before a single body byte is read
                await _send_413(send, self.max_bytes)
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # chunked (or lying) body: stop at the limit; an HTTPException so that FastAPI's
                    # body parsing passes it through unchanged to the error-envelope handler
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _send_413(send, self.max_bytes)


class _TooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=_limit_message(limit))


class SecurityHeadersMiddleware:
    """CSP on every response (pages and API), no sniffing, no framing, no referrer leaks."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                hdrs: list[Any] = list(message.get("headers") or [])
                # a page that sets its own CSP (the API docs: topicmine/service/apidocs.py) keeps it
                if not any(k.lower() == b"content-security-policy" for k, _ in hdrs):
                    hdrs.append((b"content-security-policy", CSP.encode()))
                hdrs.append((b"x-content-type-options", b"nosniff"))
                hdrs.append((b"x-frame-options", b"DENY"))
                hdrs.append((b"referrer-policy", b"no-referrer"))
                message["headers"] = hdrs
            await send(message)

        await self.app(scope, receive, add_headers)


def _host_name(value: bytes) -> str:
    """``b"127.0.0.1:8000"`` → ``127.0.0.1``; ``b"[::1]:8000"`` → ``[::1]``; lower case. Anything after the
    name that is not ``:port`` (``localhost:1@evil``, ``[::1]x``) keeps the whole value, so it matches no name.

    >>> _host_name(b"LOCALHOST:8000"), _host_name(b"localhost:1@evil")
    ('localhost', 'localhost:1@evil')
    """
    host = value.decode("latin-1").strip().lower()
    if host.startswith("["):
        name, _, rest = host.partition("]")
        return name + "]" if rest == "" or (rest[:1] == ":" and rest[1:].isdigit()) else host
    if host.count(":") == 1:
        name, port = host.split(":")
        return name if port.isdigit() else host
    return host


class HostCheckMiddleware:
    """Refuse requests whose Host header is not an allowed name (400), so a DNS-rebinding page
    (evil.example resolving to 127.0.0.1) cannot read the corpus through the visitor's browser."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]) -> None:
        self.app = app
        self.any = "*" in allowed
        self.allowed = {h.lower() for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        host = dict(scope.get("headers") or []).get(b"host", b"")
        if _host_name(host) not in self.allowed:
            await _send_error(send, 400, "BadRequest",
                              "Host header not allowed; add the server's name to service.allowed_hosts")
            return
        await self.app(scope, receive, send)


#: routes open without the key: liveness, the page and its assets, the API description
OPEN_PATHS = ("/health", "/openapi.json", "/docs", "/static/", "/favicon")


class ApiKeyMiddleware:
    """With ``service.api_key`` set, every ``/api/`` route needs ``X-API-Key`` — checked before any
    body byte is read (so a bad key is 401 whatever the body). ``open_search`` leaves GET
    ``/api/v1/search`` open (read-only search for the office's intranet page)."""

    def __init__(self, app: ASGIApp, key: str, open_search: bool = False) -> None:
        self.app = app
        self.key = key.encode("utf-8")
        self.open_search = open_search

    def _protected(self, scope: Scope) -> bool:
        path = scope.get("path", "")
        if not path.startswith("/api/"):
            return False
        return not (self.open_search and path == "/api/v1/search" and scope.get("method") == "GET")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        import hmac

        if scope["type"] != "http" or not self._protected(scope):
            await self.app(scope, receive, send)
            return
        given = dict(scope.get("headers") or []).get(b"x-api-key", b"")
        if not hmac.compare_digest(given, self.key):
            await _send_error(send, 401, "Unauthorized", "missing or wrong X-API-Key header")
            return
        await self.app(scope, receive, send)


LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def bind_warnings(host: str, api_key: str | None, allowed_hosts: tuple[str, ...]) -> list[str]:
    """What ``topicmine serve`` must say out loud before listening on ``host``.

    >>> "没有设置 API key" in bind_warnings("0.0.0.0", None, ("127.0.0.1",))[0]
    True
    >>> bind_warnings("127.0.0.1", None, ("127.0.0.1",))
    []
    """
    out: list[str] = []
    if host.lower() in LOOPBACK or host.startswith("127."):
        return out
    if not api_key:
        out.append(
            f"警告 / WARNING: 服务将在 {host} 上对网络开放，但没有设置 API key（service.api_key）："
            "同一网络中的任何人都能检索语料、调用模型。请设置 TOPICMINE_SERVICE__API_KEY，或改用 --host 127.0.0.1。"
        )
    if "*" not in allowed_hosts:
        out.append(
            f"提示 / NOTE: 只接受 Host 为 {', '.join(allowed_hosts)} 的请求；其他电脑用来访问的名称或 IP"
            "需加入 service.allowed_hosts（如 TOPICMINE_SERVICE__ALLOWED_HOSTS='[\"192.168.1.10\"]'），否则返回 400。"
        )
    return out
