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
