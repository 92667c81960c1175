"""FastAPI app factory: `uvicorn --factory topicmine.service.app:create_app` or `topicmine serve`.

The service only loads settings, calls ``topicmine.pipeline`` and shapes output:
no NLP, SQL, model or document-format code lives here (a test enforces it).
Every error leaves as one envelope ``{"error": {"type": ..., "message": ...}}``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from topicmine import __version__
from topicmine.config import Settings, load_settings
from topicmine.errors import DiskError, IndexMismatchError, InputError, LockError, ModelError, TopicmineError, UnsupportedTypeError

from topicmine.service.limits import ApiKeyMiddleware, BodyLimitMiddleware, HostCheckMiddleware, SecurityHeadersMiddleware
from topicmine.service.workgate import ClientGone, ModelGate

logger = logging.getLogger("topicmine.service")

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"


def error_body(kind: str, message: str) -> dict[str, Any]:
    """The one error envelope every endpoint uses."""
    return {"error": {"type": kind, "message": message}}


_STATUS = {
    UnsupportedTypeError: 415,
    InputError: 400,
    IndexMismatchError: 503,
    ModelError: 503,
    LockError: 409,
}


def _disk_answer(exc: DiskError) -> JSONResponse:
    """507 Insufficient Storage for a full disk, 503 for a read-only / not-writable workdir (both with a
    Retry-After: an operator can fix either without restarting the service)."""
    status = 507 if exc.kind == "full" else 503
    return JSONResponse(error_body("DiskError", str(exc)), status_code=status, headers={"Retry-After": "300"})


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service for one corpus working directory.

    >>> app = create_app(load_settings(workdir="var/demo"))   # doctest: +SKIP
    """
    from topicmine.pipeline import Workspace

    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # load jieba, the model (and its slow first inference) and the index in a background thread,
        # so the first drafter does not wait for them; requests arriving meanwhile share the same loads
        from topicmine import pipeline

        def run() -> None:
            app.state.warmup.update(steps=pipeline.warm_up(app.state.workspace), done=True)

        threading.Thread(target=run, name="topicmine-warm-up", daemon=True).start()
        yield
        app.state.workspace.close()

    app = FastAPI(
        lifespan=lifespan,
        title="topicmine",
        version=__version__,
        description="政协研究室文稿助手 API：调研报告拆分、文稿规范检查、相似提案查询、语料检索。",
        docs_url=None,  # /docs and /redoc come from local files (topicmine/service/apidocs.py), not a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.workspace = Workspace(settings)
    app.state.warmup = {"done": False}

    svc = settings.service
    app.state.model_gate = ModelGate(svc.model_workers, svc.model_queue, svc.retry_after_s)
    # innermost first: the key is checked before any body byte is read, the Host before the key,
    # an announced oversized body is refused first of all (413), and the security headers go on
    # every answer, the middlewares' own errors included
    if svc.api_key:
        app.add_middleware(ApiKeyMiddleware, key=svc.api_key, open_search=svc.open_search)
    app.add_middleware(HostCheckMiddleware, allowed=tuple(svc.allowed_hosts))
    app.add_middleware(BodyLimitMiddleware, max_bytes=int(svc.max_body_mb * 1024 * 1024))
    app.add_middleware(SecurityHeadersMiddleware)
    if svc.cors_origins:  # off by default: the page is served from the same origin
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(svc.cors_origins), allow_methods=["GET", "POST"], allow_headers=["*"])

    @app.exception_handler(TopicmineError)
    async def _topicmine_error(request: Request, exc: TopicmineError) -> JSONResponse:
        if isinstance(exc, DiskError):
            return _disk_answer(exc)
        status = next((code for cls, code in _STATUS.items() if isinstance(exc, cls)), 400)
        return JSONResponse(error_body(type(exc).__name__, str(exc)), status_code=status)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        # the same mistake gets the same answer on every endpoint (/split parses its body itself):
        # a body that is not JSON → 415, broken JSON → 400, a JSON body of the wrong shape → 422
        errors = exc.errors()
        ctype = request.headers.get("content-type", "")
        if request.method == "POST" and any(e.get("loc", ())[:1] == ("body",) for e in errors):
            if ctype and not ctype.startswith("application/json"):
                return JSONResponse(error_body("UnsupportedMediaType", "请以 JSON（Content-Type: application/json）提交"), status_code=415)
            bad = next((e for e in errors if e.get("type") == "json_invalid"), None)
            if bad is not None:
                return JSONResponse(error_body("BadRequest", f"请求内容不是有效的 JSON：{bad.get('ctx', {}).get('error', bad.get('msg'))}"), status_code=400)
        parts = []
        for e in errors[:5]:
            loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body")
            parts.append(f"{loc}: {e.get('msg')}" if loc else str(e.get("msg")))
        return JSONResponse(error_body("ValidationError", "; ".join(parts) or "invalid request"), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        kind = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed",
                413: "PayloadTooLarge", 415: "UnsupportedMediaType", 422: "ValidationError",
                503: "ServiceBusy"}.get(exc.status_code, "HTTPError")
        return JSONResponse(error_body(kind, str(exc.detail)), status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RecursionError)
    async def _too_deep(request: Request, exc: RecursionError) -> JSONResponse:
        # a JSON body or multipart field nested thousands deep: the client's mistake, not ours
        return JSONResponse(error_body("BadRequest", "request nested too deeply (JSON arrays/objects); send flat data"), status_code=400)

    @app.exception_handler(ClientGone)
    async def _client_gone(request: Request, exc: ClientGone) -> Response:
        return Response(status_code=499)  # nobody reads it; the work was dropped before it started

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        from topicmine.diskerrors import as_disk_error

        disk = as_disk_error(exc, "保存")
        if disk is not None:  # a full or read-only workdir: the operator's to fix, said in Chinese, not a 500
            logger.error("%s %s", request.url.path, disk)
            return _disk_answer(disk)
        logger.exception("unhandled error on %s", request.url.path)
        return JSONResponse(error_body("InternalError", "internal error; see the service log"), status_code=500)

    from topicmine.service.api import router as api_router
    from topicmine.service.pages import router as page_router

    app.include_router(api_router)
    app.include_router(page_router)
    from topicmine.service.uptake_api import router as uptake_router  # 成果转化

    app.include_router(uptake_router)

    from fastapi.staticfiles import StaticFiles

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    from topicmine.service.apidocs import install_api_docs

    install_api_docs(app)
    return app
