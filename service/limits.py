"""ASGI middleware: request-body limit (413 before the body is read) and security headers."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


async def _send_413(send: Send, limit: int) -> None:
    body = json.dumps(
        {"error": {"type": "PayloadTooLarge", "message": f"request body over the limit of {limit // (1024 * 1024)} MB (service.max_body_mb)"}},
        ensure_ascii=False,
    ).encode("utf-8")
    await send({"type": "http.response.start", "status": 413, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


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
                if int(length) > self.max_bytes:
                    await _send_413(send, self.max_bytes)
                    return
            except ValueError:
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
                    raise _TooLarge()
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


class _TooLarge(Exception):
    pass


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
                path = scope.get("path", "")
                # the OpenAPI page loads its own scripts; keep CSP strict everywhere else
                if not path.startswith("/docs"):
                    hdrs.append((b"content-security-policy", CSP.encode()))
                hdrs.append((b"x-content-type-options", b"nosniff"))
                hdrs.append((b"x-frame-options", b"DENY"))
                hdrs.append((b"referrer-policy", b"no-referrer"))
                message["headers"] = hdrs
            await send(message)

        await self.app(scope, receive, add_headers)
