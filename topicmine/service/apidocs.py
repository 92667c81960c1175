"""API documentation pages that work with no network: Swagger UI at ``/docs``, ReDoc at ``/redoc``.

FastAPI's own pages load Swagger UI and ReDoc from a CDN and start Swagger UI with an inline script; an office
machine behind a firewall then shows a blank page. Here both load the script and style files that the
``fastapi-offline`` package (MIT; it ships Swagger UI, Apache-2.0, and ReDoc, MIT) installs, served from
``/docs-assets/``, and Swagger UI is started by a small script of ours in ``/static/`` — no inline script, so
the pages carry a strict Content-Security-Policy of their own (:data:`DOCS_CSP`: scripts, styles sheets and
requests only from this service; inline *styles* allowed, which both UIs set on their elements; ReDoc's
search worker from a ``blob:``).

    >>> "script-src 'self'" in DOCS_CSP and "unsafe-eval" not in DOCS_CSP
    True
"""

from __future__ import annotations

import html
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

__all__ = ["DOCS_CSP", "install_api_docs", "assets_dir"]

DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'none'")


def assets_dir() -> Path | None:
    """The folder of swagger-ui-bundle.js, swagger-ui.css and redoc.standalone.js, or None when the
    ``fastapi-offline`` package is not installed."""
    try:
        import importlib.resources as res

        root = Path(str(res.files("fastapi_offline") / "static"))
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    need = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js")
    return root if all((root / n).is_file() for n in need) else None


def _page(title: str, head: str, body: str) -> HTMLResponse:
    doc = (f"<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
           f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           f"<link rel=\"icon\" href=\"/docs-assets/favicon.png\">{head}</head><body>{body}</body></html>")
    return HTMLResponse(doc, headers={"Content-Security-Policy": DOCS_CSP})


_MISSING = ("<p>API 文档页面所需的离线文件未安装：请在本服务的 Python 环境中运行 "
            "<code>pip install fastapi-offline</code>（或 <code>make install</code>）后重启服务。"
            "接口说明的原始数据见 <a href=\"/openapi.json\">/openapi.json</a>。</p>")


def install_api_docs(app: FastAPI) -> None:
    """Add ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served from local files; create the app with
    ``docs_url=None, redoc_url=None`` so FastAPI's CDN pages are not registered."""
    from fastapi.staticfiles import StaticFiles

    assets = assets_dir()
    if assets is not None:
        app.mount("/docs-assets", StaticFiles(directory=str(assets)), name="docs-assets")
    title = f"{app.title} API 文档"

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        if assets is None:
            return _page(title, "", _MISSING)
        return _page(title, '<link rel="stylesheet" href="/docs-assets/swagger-ui.css">',
                     '<div id="swagger-ui"></div><script src="/docs-assets/swagger-ui-bundle.js"></script>'
                     '<script src="/static/docs-init.js"></script>')

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        if assets is None:
            return _page(title, "", _MISSING)
        return _page(title, "", '<redoc spec-url="/openapi.json"></redoc><script src="/docs-assets/redoc.standalone.js"></script>')
